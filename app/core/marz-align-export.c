/* marz-align-export.c: an alignment as JSON, TMX 1.4, TSV or text, and the
 * rows of a side-by-side view
 *
 * Texts are as in the originals and offsets count characters of the text
 * as the store holds it (decoded, no BOM, line ends as LF), header line
 * included, like every other Marz export.
 */
#define G_LOG_DOMAIN "marz-align"

#include "marz-align-private.h"
#include "marz-output.h"

#include <string.h>

static const MarzAnchoredSentence *
sentence_of (const MarzAlignment *self,
             gboolean             side_b,
             guint                index)
{
  return g_ptr_array_index (side_b ? self->sentences_b : self->sentences_a, index);
}

char *
_marz_alignment_dup_sentence (const MarzAlignment *self,
                              gboolean             side_b,
                              guint                index)
{
  const MarzAnchoredSentence *s = sentence_of (self, side_b, index);
  const char *text = side_b ? self->text_b : self->text_a;

  return g_strndup (text + s->span.start, s->span.end - s->span.start);
}

static char *
dup_span (const MarzAlignment *self,
          gboolean             side_b,
          const MarzTextSpan  *span)
{
  return g_strndup ((side_b ? self->text_b : self->text_a) + span->start, span->end - span->start);
}

static void
add_span (JsonBuilder         *builder,
          const MarzAlignment *self,
          gboolean             side_b,
          const MarzTextSpan  *span)
{
  g_autofree char *text = dup_span (self, side_b, span);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, span->char_start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, span->char_end);
  json_builder_end_object (builder);
}

static const MarzAnchor *
anchor_of (const MarzAlignment *self,
           gboolean             side_b,
           guint                sentence,
           guint                anchor)
{
  return &g_array_index (sentence_of (self, side_b, sentence)->anchors, MarzAnchor, anchor);
}

static void
add_link (JsonBuilder         *builder,
          const MarzAlignment *self,
          const MarzAlignPair *pair,
          const MarzAlignLink *link)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, marz_anchor_kind_to_string (link->kind));
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, link->key);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, link->label);
  json_builder_set_member_name (builder, "weight");
  json_builder_add_double_value (builder, link->weight);
  json_builder_set_member_name (builder, "colour");
  json_builder_add_int_value (builder, link->colour);
  json_builder_set_member_name (builder, "a");
  add_span (builder, self, FALSE, &anchor_of (self, FALSE, pair->a, link->a_anchor)->span);
  json_builder_set_member_name (builder, "b");
  add_span (builder, self, TRUE, &anchor_of (self, TRUE, pair->b, link->b_anchor)->span);
  json_builder_end_object (builder);
}

static void
add_pair (JsonBuilder         *builder,
          const MarzAlignment *self,
          const MarzAlignPair *pair)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  add_span (builder, self, FALSE, &sentence_of (self, FALSE, pair->a)->span);
  json_builder_set_member_name (builder, "b");
  add_span (builder, self, TRUE, &sentence_of (self, TRUE, pair->b)->span);
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, pair->score);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, marz_align_status_to_string (pair->status));
  json_builder_set_member_name (builder, "anchors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pair->links->len; i++)
    add_link (builder, self, pair, &g_array_index (pair->links, MarzAlignLink, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_discrepancy (JsonBuilder           *builder,
                 const MarzAlignment   *self,
                 const MarzDiscrepancy *d)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  add_span (builder, self, FALSE, &sentence_of (self, FALSE, d->a)->span);
  json_builder_set_member_name (builder, "b");
  add_span (builder, self, TRUE, &sentence_of (self, TRUE, d->b)->span);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, marz_discrepancy_kind_to_string (d->kind));
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, d->detail);
  json_builder_set_member_name (builder, "a_anchor");
  add_span (builder, self, FALSE, &anchor_of (self, FALSE, d->a, d->a_anchor)->span);
  json_builder_set_member_name (builder, "b_anchor");
  add_span (builder, self, TRUE, &anchor_of (self, TRUE, d->b, d->b_anchor)->span);
  json_builder_end_object (builder);
}

JsonNode *
marz_alignment_to_json (const MarzAlignment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->pairs->len; i++)
    add_pair (builder, self, g_ptr_array_index (self->pairs, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "discrepancies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->discrepancies->len; i++)
    add_discrepancy (builder, self, g_ptr_array_index (self->discrepancies, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
exported (const MarzAlignment  *self,
          const MarzAlignPair  *pair,
          MarzAlignExportScope  scope)
{
  if (scope == MARZ_ALIGN_EXPORT_AUTO)
    scope = marz_alignment_count_confirmed (self) > 0 ? MARZ_ALIGN_EXPORT_CONFIRMED
                                                       : MARZ_ALIGN_EXPORT_ALL;
  return scope == MARZ_ALIGN_EXPORT_ALL || pair->status != MARZ_ALIGN_PROPOSED;
}

/* One line, as a segment or a TSV cell wants it: every control character
 * and every Unicode line or paragraph separator becomes a space, so a TSV
 * row is one line of two cells whatever the text holds (the reader lets
 * \f and other controls through). */
static char *
dup_flat (const MarzAlignment *self,
          gboolean             side_b,
          guint                index)
{
  g_autofree char *text = _marz_alignment_dup_sentence (self, side_b, index);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff)
         || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* g_markup_escape_text () writes control characters as character
 * references (&#xc;), which XML 1.0 forbids even escaped, so xmllint and
 * CAT tools refuse the file.  Characters XML 1.0 cannot hold become
 * U+FFFD; the rest is escaped for text and attribute values alike. */
static char *
xml_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default:
          if (is_xml_char (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          else
            g_string_append_unichar (out, 0xfffd);
        }
    }
  return g_string_free (out, FALSE);
}

static void
append_tuv (GString    *out,
            const char *language,
            const char *text)
{
  g_autofree char *escaped = xml_escape (text);
  g_string_append_printf (out, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", language, escaped);
}

static void
append_tmx_header (GString             *out,
                   const MarzAlignment *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *a = xml_escape (self->name_a ? self->name_a : "");
  g_autofree char *b = xml_escape (self->name_b ? self->name_b : "");

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
  g_string_append_printf (out,
                          "  <header creationtool=\"Marz\" creationtoolversion=\"%s\" "
                          "segtype=\"sentence\" o-tmf=\"Marz\" adminlang=\"en\" srclang=\"%s\" "
                          "datatype=\"plaintext\" creationdate=\"%s\">\n"
                          "    <prop type=\"x-marz-source-a\">%s</prop>\n"
                          "    <prop type=\"x-marz-source-b\">%s</prop>\n"
                          "  </header>\n  <body>\n",
                          MARZ_VERSION, self->language_a, date, a, b);
}

char *
marz_alignment_to_tmx (const MarzAlignment  *self,
                       MarzAlignExportScope  scope)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  append_tmx_header (out, self);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const MarzAlignPair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char *a = NULL, *b = NULL;

      if (!exported (self, pair, scope))
        continue;
      a = dup_flat (self, FALSE, pair->a);
      b = dup_flat (self, TRUE, pair->b);
      g_string_append_printf (out, "    <tu tuid=\"%u\">\n"
                                   "      <prop type=\"x-marz-score\">%.2f</prop>\n"
                                   "      <prop type=\"x-marz-status\">%s</prop>\n",
                              i + 1, pair->score, marz_align_status_to_string (pair->status));
      append_tuv (out, self->language_a, a);
      append_tuv (out, self->language_b, b);
      g_string_append (out, "    </tu>\n");
    }
  g_string_append (out, "  </body>\n</tmx>\n");
  return g_string_free (out, FALSE);
}

char *
marz_alignment_to_tsv (const MarzAlignment  *self,
                       MarzAlignExportScope  scope)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, "%s\t%s\n", self->language_a, self->language_b);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const MarzAlignPair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char *a = NULL, *b = NULL;

      if (!exported (self, pair, scope))
        continue;
      a = dup_flat (self, FALSE, pair->a);
      b = dup_flat (self, TRUE, pair->b);
      g_string_append_printf (out, "%s\t%s\n", a, b);
    }
  return g_string_free (out, FALSE);
}

static void
append_text_row (GString             *out,
                 const MarzAlignment *self,
                 const MarzAlignRow  *row)
{
  g_autofree char *a = row->a >= 0 ? dup_flat (self, FALSE, row->a) : NULL;
  g_autofree char *b = row->b >= 0 ? dup_flat (self, TRUE, row->b) : NULL;

  if (row->pair >= 0)
    {
      const MarzAlignPair *pair = g_ptr_array_index (self->pairs, row->pair);
      g_string_append_printf (out, "== %.2f %s:", pair->score, marz_align_status_to_string (pair->status));
      for (guint i = 0; i < pair->links->len; i++)
        g_string_append_printf (out, " %s", g_array_index (pair->links, MarzAlignLink, i).key);
      g_string_append_printf (out, "\n  A %s\n  B %s\n", a, b);
    }
  else if (a != NULL)
    g_string_append_printf (out, "-- A only\n  A %s\n", a);
  else
    g_string_append_printf (out, "-- B only\n  B %s\n", b);
}

static char *
to_text (const MarzAlignment *self)
{
  g_autoptr(GArray) rows = marz_alignment_get_rows (self);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    append_text_row (out, self, &g_array_index (rows, MarzAlignRow, i));
  for (guint i = 0; i < self->discrepancies->len; i++)
    {
      const MarzDiscrepancy *d = g_ptr_array_index (self->discrepancies, i);
      g_string_append_printf (out, "!! %s (A %u, B %u): %s\n", marz_discrepancy_kind_to_string (d->kind),
                              d->a + 1, d->b + 1, d->detail);
    }
  return g_string_free (out, FALSE);
}

char *
marz_alignment_format (const MarzAlignment  *self,
                       MarzAlignFormat       format,
                       MarzAlignExportScope  scope)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (format)
    {
    case MARZ_ALIGN_FORMAT_JSON:
      {
        g_autoptr(JsonNode) node = marz_alignment_to_json (self);
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        json_generator_set_root (generator, node);
        json_generator_set_pretty (generator, TRUE);
        return json_generator_to_data (generator, NULL);
      }
    case MARZ_ALIGN_FORMAT_TMX:
      return marz_alignment_to_tmx (self, scope);
    case MARZ_ALIGN_FORMAT_TSV:
      return marz_alignment_to_tsv (self, scope);
    case MARZ_ALIGN_FORMAT_TEXT:
    default:
      return to_text (self);
    }
}

gboolean
marz_alignment_export (const MarzAlignment   *self,
                       MarzAlignFormat        format,
                       MarzAlignExportScope   scope,
                       const char            *path,
                       GError               **error)
{
  g_autoptr(MarzOutput) output = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((output = marz_output_open (path, error)) == NULL)
    return FALSE;
  data = marz_alignment_format (self, format, scope);
  return marz_output_write (output, data, strlen (data), error)
         && marz_output_commit (output, error);
}

gboolean
marz_align_format_from_string (const char      *name,
                               MarzAlignFormat *format)
{
  static const char * const names[] = { "json", "tmx", "tsv", "text", NULL };

  g_return_val_if_fail (format != NULL, FALSE);
  for (guint i = 0; names[i]; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * marz_alignment_get_rows:
 *
 * Returns: (transfer full) (element-type MarzAlignRow)
 */
GArray *
marz_alignment_get_rows (const MarzAlignment *self)
{
  guint n_a, n_b;
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (MarzAlignRow));
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (MarzAlignRow));
  g_autofree gboolean *placed = NULL;

  g_return_val_if_fail (self != NULL, rows);

  n_a = self->sentences_a->len;
  n_b = self->sentences_b->len;
  placed = g_new0 (gboolean, n_b + 1);
  for (guint j = 0; j < n_b; j++)
    placed[j] = _marz_alignment_get_pair_index (self, TRUE, j) >= 0;
  /* B sentences left over go right after the row of the B sentence before
   * them, so each side still reads in its own order where it can. */
  for (guint i = 0; i < n_a; i++)
    {
      MarzAlignRow row = { i, -1, _marz_alignment_get_pair_index (self, FALSE, i) };
      if (row.pair >= 0)
        row.b = ((MarzAlignPair *) g_ptr_array_index (self->pairs, row.pair))->b;
      g_array_append_val (base, row);
    }
  for (guint j = 0; j < n_b && !placed[j]; j++)
    {
      MarzAlignRow row = { -1, j, -1 };
      placed[j] = TRUE;
      g_array_append_val (rows, row);
    }
  for (guint i = 0; i < base->len; i++)
    {
      MarzAlignRow *row = &g_array_index (base, MarzAlignRow, i);
      g_array_append_val (rows, *row);
      for (int j = row->b + 1; row->b >= 0 && j < (int) n_b && !placed[j]; j++)
        {
          MarzAlignRow extra = { -1, j, -1 };
          placed[j] = TRUE;
          g_array_append_val (rows, extra);
        }
    }
  for (guint j = 0; j < n_b; j++)
    if (!placed[j])
      {
        MarzAlignRow extra = { -1, j, -1 };
        g_array_append_val (rows, extra);
      }
  return rows;
}
