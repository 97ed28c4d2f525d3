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

#define MARZ_TOKEN_MAX_STEMS 3

typedef struct
{
  guint32       start;   /* byte offsets in the normalized text */
  guint32       end;
  MarzTokenKind kind;
  guint32       hash;    /* marz_token_hash() of its bytes */
  /* A word less each Arabic proclitic it may carry («و», «ال», «وال», «بال» …),
   * longest first: every lexicon tries these, so they are found once. */
  guint8        n_stems;
  guint8        stem_skip[MARZ_TOKEN_MAX_STEMS];  /* the proclitic's bytes */
  guint32       stem_hash[MARZ_TOKEN_MAX_STEMS];  /* marz_token_hash() of the rest */
} MarzToken;

GArray *marz_tokenize   (const char *normalized,
                         gsize       len);
guint32 marz_token_hash (const char *bytes,
                         gsize       len);
void    marz_token_fill (MarzToken  *token,
                         const char *normalized);
char   *marz_tokens_join (const char   *normalized,
                          const GArray *tokens,
                          gsize         from);

G_END_DECLS
