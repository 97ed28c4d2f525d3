/* MarzArticleView on the real corpus: the bundled articles imported into a
 * real SQLite store, reports taken from it and their evidence shown.  Needs a
 * display (Xvfb); without one every test skips. */
#undef G_DISABLE_ASSERT

#include <gtk/gtk.h>
#include <string.h>

#include "marz-article-view.h"
#include "marz-import.h"
#include "marz-store.h"
#include "ui-test-util.h"

#define ARTICLE_KABUL "000_762ce45aa623c2ba.txt"    /* Arabic, no header line */
#define ARTICLE_UNDATED "001_2c7e0a786d366e8c.txt"  /* Arabic, no date anywhere */
#define ARTICLE_TALKS "002_953fb3cf66484f30.txt"    /* Persian, « date 2025-11-08» header */
#define ARTICLE_DARI "004_bdaeba4cc2571f60.txt"     /* Dari, header, names its source */
#define N_COPIES 40                                  /* paragraphs of the long article */

static gboolean have_display;

static gboolean
needs_display (void)
{
  if (!have_display)
    g_test_skip ("no display");
  return have_display;
}

/* ------------------------------------------------------------------------ */
/* The store                                                                */

static char *
corpus_dir (void)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "corpus", NULL);
}

static MarzStore *
open_corpus_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marz.db", NULL);
  g_autofree char *dir = corpus_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autoptr(MarzStore) store = NULL;
  MarzImportSummary summary;

  g_assert_no_error (error);
  extractor = marz_extractor_new (gazetteer);
  store = marz_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (marz_import_paths (store, extractor, (const char * const []) { dir, NULL },
                                    NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 5);
  return g_steal_pointer (&store);
}

static MarzArticleInfo *
get_article (MarzStore  *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  MarzArticleInfo *info = marz_store_get_article (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_nonnull (info->text);
  return info;
}

/* The report that @article gives of the incident of @type at @place_id. */
static MarzReport *
find_report (MarzStore        *store,
             MarzIncidentType  type,
             const char       *place_id,
             const char       *article)
{
  MarzIncidentFilter filter = { NULL, NULL, type, (char *) place_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = marz_store_query_incidents (store, &filter, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);

      for (guint j = 0; j < incident->reports->len; j++)
        {
          MarzReport *report = g_ptr_array_index (incident->reports, j);

          if (g_str_equal (report->article, article) && g_str_equal (incident->place_id, place_id))
            return g_ptr_array_steal_index (incident->reports, j);
        }
    }
  g_error ("no %s report from %s at %s", marz_incident_type_to_string (type), article, place_id);
}

/* ------------------------------------------------------------------------ */
/* The view                                                                 */

static MarzArticleView *
new_view (void)
{
  return MARZ_ARTICLE_VIEW (g_object_ref_sink (marz_article_view_new ()));
}

static GObject *
template_child (MarzArticleView *view,
                const char      *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (view), MARZ_TYPE_ARTICLE_VIEW, id);

  g_assert_nonnull (child);
  return child;
}

static GtkTextView *
text_view_of (MarzArticleView *view)
{
  return GTK_TEXT_VIEW (template_child (view, "text_view"));
}

static GtkTextBuffer *
buffer_of (MarzArticleView *view)
{
  return gtk_text_view_get_buffer (text_view_of (view));
}

static const char *
label_text (MarzArticleView *view,
            const char      *id)
{
  GtkLabel *label = GTK_LABEL (template_child (view, id));

  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_label (label), ==, gtk_label_get_text (label));
  return gtk_label_get_text (label);
}

static char *
buffer_text (MarzArticleView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (view), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (view), &start, &end, TRUE);
}

/* The one stretch of the buffer the «evidence» tag covers, in buffer
 * characters; FALSE if it covers none.  Fails if it covers two. */
static gboolean
tagged_range (MarzArticleView *view,
              int             *start,
              int             *end)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (view)), "evidence");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer_of (view), &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return FALSE;
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
  *start = gtk_text_iter_get_offset (&iter);
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_true (gtk_text_iter_ends_tag (&iter, tag));
  *end = gtk_text_iter_get_offset (&iter);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  return TRUE;
}

static char *
buffer_slice (MarzArticleView *view,
              int              start,
              int              end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer_of (view), &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer_of (view), &b, end);
  return gtk_text_buffer_get_text (buffer_of (view), &a, &b, TRUE);
}

/* Shows @report's evidence and checks that exactly its characters are
 * tagged, the cursor is on its start, and get_evidence() gives it back. */
static void
check_evidence (MarzArticleView       *view,
                const MarzArticleInfo *info,
                const MarzReport      *report)
{
  g_autofree char *tagged = NULL;
  GtkTextIter cursor;
  guint start, end;
  int tag_start, tag_end;

  marz_article_view_show_evidence (view, report->start, report->end);
  g_assert_true (marz_article_view_get_evidence (view, &start, &end));
  g_assert_cmpuint (start, ==, report->start);
  g_assert_cmpuint (end, ==, report->end);

  g_assert_true (tagged_range (view, &tag_start, &tag_end));
  g_assert_cmpint (tag_start, ==, (int) (report->start - info->body_start));
  g_assert_cmpint (tag_end, ==, (int) (report->end - info->body_start));
  tagged = buffer_slice (view, tag_start, tag_end);
  g_assert_cmpstr (tagged, ==, report->evidence);

  gtk_text_buffer_get_iter_at_mark (buffer_of (view), &cursor, gtk_text_buffer_get_insert (buffer_of (view)));
  g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, tag_start);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

/* Article 000 has no header line: buffer, stored text and offsets coincide. */
static void
test_evidence (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autoptr(MarzArticleView) view = NULL;
  g_autofree char *text = NULL;
  MarzReport *report;
  guint notified = 0;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  info = get_article (store, ARTICLE_KABUL);
  report = find_report (store, MARZ_INCIDENT_AIRSTRIKE, "kabul", ARTICLE_KABUL);
  view = new_view ();
  g_signal_connect (view, "notify::article-name", G_CALLBACK (on_notify_cb), &notified);

  g_assert_false (marz_article_view_get_evidence (view, NULL, NULL));
  marz_article_view_set_article (view, info);
  marz_article_view_set_article (view, info);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (marz_article_view_get_article_name (view), ==, ARTICLE_KABUL);
  g_assert_cmpuint (info->body_start, ==, 0);
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, info->text);
  g_assert_false (marz_article_view_get_evidence (view, NULL, NULL));

  g_assert_cmpstr (report->evidence, !=, "");
  check_evidence (view, info, report);
  g_assert_true (g_str_has_prefix (report->evidence, "وبدأت الاشتباكات بعد غارات جوية باكستانية على كابول"));

  /* Clearing forgets the evidence. */
  marz_article_view_set_article (view, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (marz_article_view_get_article_name (view));
  g_assert_false (marz_article_view_get_evidence (view, NULL, NULL));
  g_clear_pointer (&text, g_free);
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "");
  marz_report_free (report);
}

/* Article 002 starts « date 2025-11-08 »: offsets count it, the buffer
 * starts after it.  A second report moves the highlight. */
static void
test_header_line (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autoptr(MarzArticleView) view = NULL;
  g_autofree char *text = NULL;
  MarzReport *clash, *airstrike;
  int tag_start, tag_end;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  info = get_article (store, ARTICLE_TALKS);
  clash = find_report (store, MARZ_INCIDENT_CLASH, "spin-boldak", ARTICLE_TALKS);
  airstrike = find_report (store, MARZ_INCIDENT_AIRSTRIKE, "kabul", ARTICLE_TALKS);
  view = new_view ();
  marz_article_view_set_article (view, info);

  g_assert_cmpuint (info->body_start, ==, 17);
  g_assert_true (g_str_has_prefix (info->text, " date 2025-11-08 "));
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, g_utf8_offset_to_pointer (info->text, info->body_start));

  check_evidence (view, info, clash);
  g_assert_nonnull (strstr (clash->evidence, "سپینبولدک"));
  check_evidence (view, info, airstrike);
  g_assert_true (airstrike->start > clash->end);
  g_assert_true (tagged_range (view, &tag_start, &tag_end));
  g_assert_cmpint (tag_start, >, (int) (clash->end - info->body_start));

  marz_report_free (clash);
  marz_report_free (airstrike);
}

static void
check_header (MarzStore  *store,
              const char *name,
              const char *meta,
              const char *source)
{
  g_autoptr(MarzArticleInfo) info = get_article (store, name);
  g_autoptr(MarzArticleView) view = new_view ();

  marz_article_view_set_article (view, info);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (template_child (view, "header"))));
  g_assert_cmpstr (label_text (view, "title_label"), ==, info->title);
  g_assert_cmpstr (label_text (view, "meta_label"), ==, meta);
  g_assert_cmpstr (label_text (view, "file_label"), ==, name);
  g_assert_cmpstr (label_text (view, "source_label"), ==, source != NULL ? source : "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (template_child (view, "source_label"))) == (source != NULL));

  /* Right to left and right-aligned, in a left-to-right UI. */
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (template_child (view, "title_label"))), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view_of (view))), ==, GTK_TEXT_DIR_RTL);
}

static void
test_header (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleView) view = NULL;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  check_header (store, ARTICLE_KABUL, "Arabic · \u2068October 2025\u2069 · inferred from the text", NULL);
  check_header (store, ARTICLE_UNDATED, "Arabic · date unknown", NULL);
  check_header (store, ARTICLE_TALKS, "Persian · \u20688 November 2025\u2069 · from the header", NULL);
  check_header (store, ARTICLE_DARI, "Dari · \u206827 November 2025\u2069 · from the header", "رادیو آزادی");

  view = new_view ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (template_child (view, "header"))));
}

static MarzArticleInfo *
make_article (const char *name,
              const char *title,
              const char *text)
{
  MarzArticleInfo *info = g_new0 (MarzArticleInfo, 1);

  info->name = g_strdup (name);
  info->language = g_strdup ("ar");
  info->title = g_strdup (title);
  info->text = g_strdup (text);
  return info;
}

/* Nothing is parsed as markup. */
static void
test_verbatim (void)
{
  const char *title = "<b>x</b> & <i>";
  const char *body = "<b>x</b> & <i> &amp; &lt;span&gt; قال <span foreground=\"red\">المتحدث</span>\n"
                     "سطر ثانٍ & <markup>";
  g_autoptr(MarzArticleInfo) info = make_article ("markup.txt", title, body);
  g_autoptr(MarzArticleView) view = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tagged = NULL;
  int tag_start, tag_end;

  if (!needs_display ())
    return;
  info->source = g_strdup ("<b>AFP</b> &amp;");
  view = new_view ();
  marz_article_view_set_article (view, info);
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, body);
  g_assert_cmpstr (label_text (view, "title_label"), ==, title);
  g_assert_cmpstr (label_text (view, "source_label"), ==, "<b>AFP</b> &amp;");

  marz_article_view_show_evidence (view, 0, 8);
  g_assert_true (tagged_range (view, &tag_start, &tag_end));
  tagged = buffer_slice (view, tag_start, tag_end);
  g_assert_cmpstr (tagged, ==, "<b>x</b>");
}

static void
check_clamped (MarzArticleView *view,
               guint            start,
               guint            end,
               guint            expected_start,
               guint            expected_end)
{
  guint got_start, got_end;

  marz_article_view_show_evidence (view, start, end);
  g_assert_true (marz_article_view_get_evidence (view, &got_start, &got_end));
  g_assert_cmpuint (got_start, ==, expected_start);
  g_assert_cmpuint (got_end, ==, expected_end);
}

static void
test_clamp (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autoptr(MarzArticleView) view = NULL;
  guint n;
  int tag_start, tag_end;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  info = get_article (store, ARTICLE_TALKS);
  n = g_utf8_strlen (info->text, -1);
  view = new_view ();

  marz_article_view_show_evidence (view, 1, 2);           /* no article: nothing to show */
  g_assert_false (marz_article_view_get_evidence (view, NULL, NULL));
  marz_article_view_set_article (view, info);

  check_clamped (view, 5, G_MAXUINT, info->body_start, n);
  g_assert_true (tagged_range (view, &tag_start, &tag_end));
  g_assert_cmpint (tag_start, ==, 0);
  g_assert_cmpint (tag_end, ==, gtk_text_buffer_get_char_count (buffer_of (view)));

  check_clamped (view, 0, 5, info->body_start, info->body_start);   /* inside the header line */
  g_assert_false (tagged_range (view, &tag_start, &tag_end));
  check_clamped (view, G_MAXUINT, G_MAXUINT, n, n);
  g_assert_false (tagged_range (view, &tag_start, &tag_end));
  check_clamped (view, 300, 200, 200, 300);
  g_assert_true (tagged_range (view, &tag_start, &tag_end));
  g_assert_cmpint (tag_start, ==, (int) (200 - info->body_start));
  g_assert_cmpint (tag_end, ==, (int) (300 - info->body_start));
}

static gboolean
offset_is_visible (MarzArticleView *view,
                   int              offset)
{
  GtkTextView *text_view = text_view_of (view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer_of (view), &iter, offset);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  return visible.height > 0 && location.y >= visible.y
         && location.y + location.height <= visible.y + visible.height;
}

static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the loop until @offset is on screen (or 10 s pass), then a little
 * longer, so that a layout still settling cannot fake it. */
static void
assert_scrolled_to (MarzArticleView *view,
                    int              offset)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!offset_is_visible (view, offset) && g_get_monotonic_time () < deadline)
    iterate_for (10);
  iterate_for (300);
  g_assert_true (offset_is_visible (view, offset));
}

/* The long article: 000's text N_COPIES times; its Kabul evidence in the
 * last copy, near the end. */
static MarzArticleInfo *
make_long_article (const MarzArticleInfo *model)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < N_COPIES; i++)
    g_string_append_printf (text, "%s\n", model->text);
  return make_article ("long.txt", model->title, text->str);
}

static void
test_scroll (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) model = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  GtkAdjustment *vadjustment;
  MarzReport *report;
  GtkWidget *window, *view;
  guint copy_len, last;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  model = get_article (store, ARTICLE_KABUL);
  report = find_report (store, MARZ_INCIDENT_AIRSTRIKE, "kabul", ARTICLE_KABUL);
  info = make_long_article (model);
  copy_len = g_utf8_strlen (model->text, -1) + 1;
  last = (N_COPIES - 1) * copy_len;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  view = marz_article_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);

  /* Before the view has a size: the case GTK cannot scroll by itself. */
  marz_article_view_set_article (MARZ_ARTICLE_VIEW (view), info);
  marz_article_view_show_evidence (MARZ_ARTICLE_VIEW (view), last + report->start, last + report->end);
  gtk_window_present (GTK_WINDOW (window));
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), last + report->start);
  g_assert_false (offset_is_visible (MARZ_ARTICLE_VIEW (view), 0));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view_of (MARZ_ARTICLE_VIEW (view))));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));

  /* Once shown, back up to the first copy. */
  marz_article_view_show_evidence (MARZ_ARTICLE_VIEW (view), report->start, report->end);
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), report->start);
  g_assert_false (offset_is_visible (MARZ_ARTICLE_VIEW (view), last + report->start));

  /* Another article starts at the top; then, as when the user picks a
   * report in the map, its evidence at the end while the view is shown. */
  marz_article_view_set_article (MARZ_ARTICLE_VIEW (view), model);
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), 0);
  marz_article_view_set_article (MARZ_ARTICLE_VIEW (view), info);
  marz_article_view_show_evidence (MARZ_ARTICLE_VIEW (view), last + report->start, last + report->end);
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), last + report->start);

  gtk_window_destroy (GTK_WINDOW (window));
  marz_report_free (report);
}

/* Whether the row of pixels through the middle of character @offset shows
 * the evidence tint (yellow: much more red than blue; text, white and grey
 * have about as much of each). */
static gboolean
is_tinted (MarzArticleView *view,
           GdkTexture      *texture,
           int              offset)
{
  GtkTextView *text_view = text_view_of (view);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, width * height);
  GdkRectangle location;
  GtkTextIter iter;
  int x, y;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  gtk_text_buffer_get_iter_at_offset (buffer_of (view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, location.x,
                                         location.y + location.height / 2, &x, &y);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, height);
  for (x = 0; x < width; x++)
    {
      guint32 p = pixels[y * width + x];

      if ((int) ((p >> 16) & 0xff) - (int) (p & 0xff) > 60)
        return TRUE;
    }
  return FALSE;
}

/* The Spin Boldak evidence runs over two paragraphs; GTK 4.8 draws only the
 * first highlighted if the view scrolls before it has a size. */
static void
test_drawn (void)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  MarzReport *report;
  GtkWidget *window, *view;
  const char *newline;
  int first, second, after;

  if (!needs_display ())
    return;
  store = open_corpus_store ();
  info = get_article (store, ARTICLE_TALKS);
  report = find_report (store, MARZ_INCIDENT_CLASH, "spin-boldak", ARTICLE_TALKS);
  newline = strchr (report->evidence, '\n');
  g_assert_nonnull (newline);
  first = report->start - info->body_start;
  second = first + g_utf8_pointer_to_offset (report->evidence, newline) + 1;
  after = report->end - info->body_start + 2;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  view = marz_article_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  marz_article_view_set_article (MARZ_ARTICLE_VIEW (view), info);
  marz_article_view_show_evidence (MARZ_ARTICLE_VIEW (view), report->start, report->end);
  gtk_window_present (GTK_WINDOW (window));
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), after);

  texture = ui_test_render_widget (GTK_WIDGET (text_view_of (MARZ_ARTICLE_VIEW (view))));
  g_assert_nonnull (texture);
  g_assert_true (is_tinted (MARZ_ARTICLE_VIEW (view), texture, first));
  g_assert_true (is_tinted (MARZ_ARTICLE_VIEW (view), texture, second));
  g_assert_false (is_tinted (MARZ_ARTICLE_VIEW (view), texture, after));
  g_clear_object (&texture);

  /* Down to a few words of the first paragraph: the second one is redrawn
   * plain. */
  marz_article_view_show_evidence (MARZ_ARTICLE_VIEW (view), report->start, report->start + 5);
  iterate_for (300);
  assert_scrolled_to (MARZ_ARTICLE_VIEW (view), second);
  texture = ui_test_render_widget (GTK_WIDGET (text_view_of (MARZ_ARTICLE_VIEW (view))));
  g_assert_nonnull (texture);
  g_assert_true (is_tinted (MARZ_ARTICLE_VIEW (view), texture, first));
  g_assert_false (is_tinted (MARZ_ARTICLE_VIEW (view), texture, second));

  gtk_window_destroy (GTK_WINDOW (window));
  marz_report_free (report);
}

static void
on_parsing_error_cb (GtkCssProvider *provider,
                     GtkCssSection  *section,
                     const GError   *error,
                     gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_test_message ("style.css: %s: %s", where, error->message);
  (*(guint *) user_data)++;
}

/* The style sheet the application loads parses, and has our rules. */
static void
test_style (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autofree char *css = NULL;
  guint errors = 0;

  if (!needs_display ())
    return;
  g_type_ensure (MARZ_TYPE_ARTICLE_VIEW);   /* registers the resources */
  provider = gtk_css_provider_new ();
  g_signal_connect (provider, "parsing-error", G_CALLBACK (on_parsing_error_cb), &errors);
  gtk_css_provider_load_from_resource (provider, "/io/github/marzatlas/Marz/style.css");
  g_assert_cmpuint (errors, ==, 0);
  css = gtk_css_provider_to_string (provider);
  g_assert_nonnull (strstr (css, ".marz-article-text"));
  g_assert_nonnull (strstr (css, "Noto Naskh Arabic"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/article-view/evidence", test_evidence);
  g_test_add_func ("/article-view/header-line", test_header_line);
  g_test_add_func ("/article-view/header", test_header);
  g_test_add_func ("/article-view/verbatim", test_verbatim);
  g_test_add_func ("/article-view/clamp", test_clamp);
  g_test_add_func ("/article-view/scroll", test_scroll);
  g_test_add_func ("/article-view/drawn", test_drawn);
  g_test_add_func ("/article-view/style", test_style);

  return g_test_run ();
}
