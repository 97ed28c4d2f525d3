/* marz-store-fts.c: the FTS5 tokenizer for the search index
 *
 * What goes into the index is already our matching key, split into words by
 * marz_tokenize() and joined with spaces (see marz_tokens_join()).  FTS5's
 * own unicode61 tokenizer would classify every character again, on the one
 * thread that writes during an import; this one only splits at the ASCII
 * characters that are never part of our words, so the index and our queries
 * agree on words by construction.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <string.h>

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

static int
tokenizer_create (void            *context,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **out)
{
  /* Stateless: any non-NULL pointer will do. */
  *out = (Fts5Tokenizer *) context;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

/* The bytes never part of our words: ASCII but for letters and digits.
 * Looked up, not tested, as the index grows by every word imported. */
static const guint8 *
separators (void)
{
  static guint8 table[256];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint c = 0; c < 256; c++)
        table[c] = c < 0x80 && !g_ascii_isalnum (c);
      g_once_init_leave (&done, 1);
    }
  return table;
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *context,
                    int            flags,
                    const char    *text,
                    int            len,
                    int          (*token) (void *, int, const char *, int, int, int))
{
  const guint8 *is_separator = separators ();
  const guchar *bytes = (const guchar *) text;

  for (int i = 0; i < len;)
    {
      int start;

      while (i < len && is_separator[bytes[i]])
        i++;
      start = i;
      /* Arabic script is all bytes ≥ 0x80, never separators: eight at a time. */
      for (guint64 x; i + 8 <= len && (memcpy (&x, bytes + i, 8), (x & HIGH_BITS) == HIGH_BITS);)
        i += 8;
      while (i < len && !is_separator[bytes[i]])
        i++;
      if (i > start)
        {
          int rc = token (context, 0, text + start, i - start, start, i);
          if (rc != SQLITE_OK)
            return rc;
        }
    }
  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

/* Every connection that writes or searches the index needs it. */
gboolean
_marz_store_register_tokenizer (MarzStore  *self,
                                GError    **error)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  static int context;
  fts5_api *api = get_fts5_api (self->db);

  if (api == NULL || api->xCreateTokenizer (api, "marz", &context, &tokenizer, NULL) != SQLITE_OK)
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_OPEN,
                   "%s: this SQLite has no FTS5", self->path);
      return FALSE;
    }
  return TRUE;
}
