/* marz-store-query.c: reading articles and incidents back */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"
#include "marz-normalize.h"
#include "marz-gazetteer.h"
#include "marz-tokenizer.h"

#include <glib/gi18n.h>
#include <string.h>

#define ARTICLE_COLUMNS \
  "a.id, a.name, a.path, a.language, a.variety, a.title, a.source, a.date, a.date_precision," \
  " a.date_origin, a.encoding, a.body_start," \
  " (SELECT count(DISTINCT incident_id) FROM reports r WHERE r.article_id = a.id)"

#define SNIPPET_CONTEXT 60

void
marz_article_info_free (MarzArticleInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->path);
  g_free (info->language);
  g_free (info->variety);
  g_free (info->title);
  g_free (info->source);
  g_free (info->date);
  g_free (info->encoding);
  g_free (info->text);
  g_free (info);
}

void
marz_search_hit_free (MarzSearchHit *hit)
{
  if (hit == NULL)
    return;
  marz_article_info_free (hit->article);
  g_free (hit->snippet);
  g_free (hit);
}

static MarzArticleInfo *
article_from_row (sqlite3_stmt *stmt)
{
  MarzArticleInfo *info = g_new0 (MarzArticleInfo, 1);
  const char *origin = (const char *) sqlite3_column_text (stmt, 9);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = _marz_store_dup_text (stmt, 1);
  info->path = _marz_store_dup_text (stmt, 2);
  info->language = _marz_store_dup_text (stmt, 3);
  info->variety = _marz_store_dup_text (stmt, 4);
  info->title = _marz_store_dup_text (stmt, 5);
  info->source = _marz_store_dup_text (stmt, 6);
  info->date = _marz_store_dup_text (stmt, 7);
  info->precision = marz_date_precision_from_string ((const char *) sqlite3_column_text (stmt, 8));
  info->origin = g_strcmp0 (origin, "header") == 0 ? MARZ_DATE_ORIGIN_HEADER
               : g_strcmp0 (origin, "text") == 0 ? MARZ_DATE_ORIGIN_TEXT : MARZ_DATE_ORIGIN_NONE;
  info->encoding = _marz_store_dup_text (stmt, 10);
  info->body_start = sqlite3_column_int (stmt, 11);
  info->n_incidents = sqlite3_column_int (stmt, 12);
  return info;
}

/**
 * marz_store_list_articles:
 *
 * Returns: (transfer full) (element-type MarzArticleInfo): every article,
 *   by name
 */
GPtrArray *
marz_store_list_articles (MarzStore  *self,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_article_info_free);
  int rc;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  stmt = _marz_store_prepare (self, "SELECT " ARTICLE_COLUMNS " FROM articles a ORDER BY a.name, a.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, article_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error), NULL;
  return g_steal_pointer (&out);
}

/**
 * marz_store_get_article:
 * @name: the file's base name, with or without `.txt`, or its path
 *
 * Returns: (transfer full) (nullable): the article with its text
 */
MarzArticleInfo *
marz_store_get_article (MarzStore   *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autofree char *with_ext = g_strconcat (name, ".txt", NULL);
  int rc;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _marz_store_prepare (self, "SELECT " ARTICLE_COLUMNS ", a.text FROM articles a"
                              " WHERE a.name = ?1 OR a.name = ?2 OR a.path = ?1 ORDER BY a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, with_ext, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info = article_from_row (stmt);
      info->text = _marz_store_dup_text (stmt, 13);
      return g_steal_pointer (&info);
    }
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error), NULL;
  g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_NOT_FOUND, _("No article named “%s”"), name);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Search                                                                   */

/* Arabic writes «و», «ب», «ل» and the article «ال» onto the next word: a
 * search for «كابل» should find «بكابل» too. */
static const char * const proclitics[] = { "", "و", "ب", "ل", "ال", "وال", "بال", "لل", "ف", "وب", "ول", NULL };

static gboolean
is_proclitic (const char *text,
              gsize       len)
{
  for (guint c = 0; proclitics[c]; c++)
    if (strlen (proclitics[c]) == len && strncmp (text, proclitics[c], len) == 0)
      return TRUE;
  return FALSE;
}

static void
append_word (GString    *fts,
             const char *word,
             GPtrArray  *words)
{
  for (guint c = 0; proclitics[c]; c++)
    g_string_append_printf (fts, "%s\"%s%s\"", fts->len && fts->str[fts->len - 1] != '(' ? " OR " : "",
                            proclitics[c], word);
  g_ptr_array_add (words, g_strdup (word));
}

/* Every spelling of the places a query names: «كابل» also asks for «كابول»,
 * «کابل» and «Kabul»; a name of several words is a phrase. */
static void
append_spellings (GString                *fts,
                  const MarzPlaceMention *m,
                  GPtrArray              *words)
{
  for (guint p = 0; p < m->places->len; p++)
    {
      MarzPlace *place = g_ptr_array_index (m->places, p);
      for (guint k = 0; k < place->spellings->len; k++)
        {
          g_autofree char *key = marz_normalize_key (g_ptr_array_index (place->spellings, k));
          g_auto(GStrv) parts = g_strsplit_set (g_strstrip (key), " \"", -1);

          if (g_strv_length (parts) == 1)
            append_word (fts, parts[0], words);
          else if (g_strv_length (parts) > 1)
            {
              g_autofree char *phrase = g_strjoinv (" ", parts);
              g_string_append_printf (fts, " OR \"%s\"", phrase);
            }
        }
    }
}

static char *
fts_query (MarzGazetteer *gazetteer,
           const char    *query,
           GPtrArray     *words)
{
  g_autofree char *key = marz_normalize_key (query);
  g_autoptr(GArray) tokens = marz_tokenize (key, strlen (key));
  g_autoptr(GArray) places = gazetteer ? marz_gazetteer_scan (gazetteer, key, tokens) : NULL;
  GString *fts = g_string_new (NULL);
  guint next_place = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      g_autofree char *word = g_strndup (key + t->start, t->end - t->start);
      MarzPlaceMention *m = places && next_place < places->len
                          ? &g_array_index (places, MarzPlaceMention, next_place) : NULL;

      g_string_append (fts, i ? " AND (" : "(");
      if (m != NULL && m->token == i)
        {
          g_autofree char *phrase = g_strndup (key + m->start, m->end - m->start);
          if (m->n_tokens == 1)
            append_word (fts, word, words);
          else
            g_string_append_printf (fts, "\"%s\"", phrase);
          append_spellings (fts, m, words);
          i += m->n_tokens - 1;
          next_place++;
        }
      else
        append_word (fts, word, words);
      g_string_append_c (fts, ')');
    }
  return g_string_free (fts, tokens->len == 0);
}

/* Finds the first query word in the article's key, maps it back to the
 * original and cuts a snippet around it. */
static void
make_snippet (MarzSearchHit *hit,
              const char    *text,
              gsize          body_start,
              GPtrArray     *words)
{
  g_autoptr(MarzNormalized) n = marz_normalized_new (text + body_start, -1);
  g_autoptr(GArray) tokens = marz_tokenize (n->text, n->len);
  const char *body = text + body_start;
  glong start = 0, end = 0, from, to, length = g_utf8_strlen (body, -1);

  for (guint i = 0; i < tokens->len && end == 0; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      for (guint w = 0; w < words->len; w++)
        {
          const char *word = g_ptr_array_index (words, w);
          gsize len = strlen (word);
          if (t->end - t->start >= len && memcmp (n->text + t->end - len, word, len) == 0
              && is_proclitic (n->text + t->start, t->end - t->start - len))
            {
              start = g_utf8_pointer_to_offset (body, body + n->map[t->start]);
              end = g_utf8_pointer_to_offset (body, body + n->map[t->end]);
              break;
            }
        }
    }
  from = MAX (0, start - SNIPPET_CONTEXT);
  to = MIN (length, end + SNIPPET_CONTEXT);
  hit->snippet = g_utf8_substring (body, from, to);
  hit->match_start = start - from;
  hit->match_end = end - from;
}

/**
 * marz_store_search:
 * @query: words in any spelling
 * @limit: the most hits to return
 *
 * Returns: (transfer full) (element-type MarzSearchHit): the best matching
 *   articles first, each with a snippet around its first match
 */
GPtrArray *
marz_store_search (MarzStore   *self,
                   const char  *query,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fts = fts_query (self->gazetteer, query, words);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_search_hit_free);
  int rc;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  if (fts == NULL)
    return g_steal_pointer (&out);
  stmt = _marz_store_prepare (self, "SELECT " ARTICLE_COLUMNS ", a.text FROM article_index"
                              " JOIN articles a ON a.id = article_index.rowid"
                              " WHERE article_index MATCH ? ORDER BY bm25 (article_index) LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MarzSearchHit *hit = g_new0 (MarzSearchHit, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 13);

      hit->article = article_from_row (stmt);
      make_snippet (hit, text, g_utf8_offset_to_pointer (text, hit->article->body_start) - text, words);
      g_ptr_array_add (out, hit);
    }
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error), NULL;
  return g_steal_pointer (&out);
}
