/* marz-store-query.c: reading articles back, and searching them */
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

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = _marz_store_dup_text (stmt, 1);
  info->path = _marz_store_dup_text (stmt, 2);
  info->language = _marz_store_dup_text (stmt, 3);
  info->variety = _marz_store_dup_text (stmt, 4);
  info->title = _marz_store_dup_text (stmt, 5);
  info->source = _marz_store_dup_text (stmt, 6);
  info->date = _marz_store_dup_text (stmt, 7);
  info->precision = marz_date_precision_from_string ((const char *) sqlite3_column_text (stmt, 8));
  info->origin = marz_date_origin_from_string ((const char *) sqlite3_column_text (stmt, 9));
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
      if (info->text == NULL || (glong) info->body_start > g_utf8_strlen (info->text, -1))
        {
          g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_CORRUPT,
                       _("%s: the database is damaged (article “%s”)"), self->path, name);
          return NULL;
        }
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

/* A term is words to find in a row, the first perhaps with a proclitic.
 * Terms are built from our tokens, never from the query as typed, so
 * nothing a user types can become FTS5 syntax. */
static void
append_term (GString    *fts,
             char      **term,
             GPtrArray  *terms)
{
  g_autofree char *rest = g_strjoinv (" ", term + 1);

  for (guint c = 0; proclitics[c]; c++)
    g_string_append_printf (fts, "%s\"%s%s%s%s\"", fts->str[fts->len - 1] == '(' ? "" : " OR ",
                            proclitics[c], term[0], *rest ? " " : "", rest);
  g_ptr_array_add (terms, g_strdupv (term));
}

static char **
words_of (const char *key,
          const GArray *tokens,
          guint         first,
          guint         n)
{
  char **words = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, first + i);
      words[i] = g_strndup (key + t->start, t->end - t->start);
    }
  return words;
}

/* Every spelling of the places a query names: «كابل» also asks for «كابول»,
 * «کابل» and «Kabul». */
static void
append_spellings (GString                *fts,
                  const MarzPlaceMention *m,
                  GPtrArray              *terms)
{
  for (guint p = 0; p < m->places->len; p++)
    {
      MarzPlace *place = g_ptr_array_index (m->places, p);
      for (guint k = 0; k < place->spellings->len; k++)
        {
          g_autofree char *key = marz_normalize_key (g_ptr_array_index (place->spellings, k));
          g_autoptr(GArray) tokens = marz_tokenize (key, strlen (key));
          g_auto(GStrv) term = NULL;

          if (tokens->len == 0)
            continue;
          term = words_of (key, tokens, 0, tokens->len);
          append_term (fts, term, terms);
        }
    }
}

static char *
fts_query (MarzGazetteer *gazetteer,
           const char    *query,
           GPtrArray     *terms)
{
  g_autofree char *key = marz_normalize_key (query);
  g_autoptr(GArray) tokens = marz_tokenize (key, strlen (key));
  g_autoptr(GArray) places = gazetteer ? marz_gazetteer_scan (gazetteer, key, tokens) : NULL;
  GString *fts = g_string_new (NULL);
  guint next_place = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      MarzPlaceMention *m = places && next_place < places->len
                          ? &g_array_index (places, MarzPlaceMention, next_place) : NULL;
      guint n = m != NULL && m->token == i ? m->n_tokens : 1;
      g_auto(GStrv) term = words_of (key, tokens, i, n);

      g_string_append (fts, i ? " AND (" : "(");
      append_term (fts, term, terms);
      if (n > 1 || (m != NULL && m->token == i))
        {
          append_spellings (fts, m, terms);
          next_place++;
        }
      g_string_append_c (fts, ')');
      i += n - 1;
    }
  return g_string_free (fts, tokens->len == 0);
}

static gboolean
token_is (const MarzNormalized *n,
          const MarzToken      *t,
          const char           *word,
          gboolean              proclitic)
{
  gsize len = strlen (word);

  return t->end - t->start >= len && memcmp (n->text + t->end - len, word, len) == 0
      && (proclitic ? is_proclitic (n->text + t->start, t->end - t->start - len)
                    : t->end - t->start == len);
}

/* Whether @term starts at token @i: how many tokens it covers, or 0. */
static guint
term_at (const MarzNormalized *n,
         const GArray         *tokens,
         guint                 i,
         char                **term)
{
  guint k = 0;

  for (; term[k]; k++)
    if (i + k >= tokens->len
        || !token_is (n, &g_array_index (tokens, MarzToken, i + k), term[k], k == 0))
      return 0;
  return k;
}

/* Finds the first term in the article's key, maps it back to the original
 * and cuts a snippet around it. */
static void
make_snippet (MarzSearchHit *hit,
              const char    *body,
              guint          body_start,
              GPtrArray     *terms)
{
  g_autoptr(MarzNormalized) n = marz_normalized_new (body, -1);
  g_autoptr(GArray) tokens = marz_tokenize (n->text, n->len);
  glong start = 0, end = 0, from, to, length = g_utf8_strlen (body, -1);

  for (guint i = 0; i < tokens->len && end == 0; i++)
    for (guint w = 0; w < terms->len; w++)
      {
        guint covered = term_at (n, tokens, i, g_ptr_array_index (terms, w));
        if (covered > 0)
          {
            start = g_utf8_pointer_to_offset (body, body + n->map[g_array_index (tokens, MarzToken, i).start]);
            end = g_utf8_pointer_to_offset (body, body + n->map[g_array_index (tokens, MarzToken, i + covered - 1).end]);
            break;
          }
      }
  from = MAX (0, start - SNIPPET_CONTEXT);
  to = MIN (length, end + SNIPPET_CONTEXT);
  hit->snippet = g_utf8_substring (body, from, to);
  hit->match_start = start - from;
  hit->match_end = end - from;
  hit->text_start = body_start + start;
  hit->text_end = body_start + end;
}

/* The body of a stored article; a damaged body_start must not send us
 * past the end of the text. */
static const char *
body_of (const char *text,
         guint       body_start)
{
  if (text == NULL)
    return "";
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (body_start-- == 0)
      return p;
  return text;
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
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *fts = fts_query (self->gazetteer, query, terms);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_search_hit_free);
  int rc;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  if (fts == NULL)
    return g_steal_pointer (&out);
  /* Ranks in the index alone, then reads the best articles: joined before
   * the LIMIT, every match's text and count of incidents went through the
   * sorter (a tenth of a second for a frequent word in 100,000 articles).
   * marz_rank(), not bm25(): see marz-store-rank.c. */
  stmt = _marz_store_prepare (self, "SELECT " ARTICLE_COLUMNS ", a.text FROM"
                              " (SELECT rowid, marz_rank (article_index) AS score FROM article_index"
                              "  WHERE article_index MATCH ? ORDER BY score LIMIT ?) AS best"
                              " JOIN articles a ON a.id = best.rowid ORDER BY best.score", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MarzSearchHit *hit = g_new0 (MarzSearchHit, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 13);
      const char *body;

      hit->article = article_from_row (stmt);
      body = body_of (text, hit->article->body_start);
      make_snippet (hit, body, text ? g_utf8_pointer_to_offset (text, body) : 0, terms);
      g_ptr_array_add (out, hit);
    }
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error), NULL;
  return g_steal_pointer (&out);
}
