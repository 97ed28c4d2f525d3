/* marz-tokenizer.h: words of a normalized text */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* marz_token_hash() is a polynomial in this (odd) factor. */
#define MARZ_TOKEN_HASH_FACTOR 0x01000193u

typedef enum
{
  MARZ_TOKEN_WORD,
  MARZ_TOKEN_NUMBER,
} MarzTokenKind;

typedef struct
{
  guint32       start;   /* byte offsets in the normalized text */
  guint32       end;
  MarzTokenKind kind;
  guint32       hash;    /* marz_token_hash() of its bytes */
} MarzToken;

GArray *marz_tokenize   (const char *normalized,
                         gsize       len);
guint32 marz_token_hash (const char *bytes,
                         gsize       len);
char   *marz_tokens_join (const char   *normalized,
                          const GArray *tokens,
                          gsize         from);

G_END_DECLS
