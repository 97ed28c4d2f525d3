/* test-compare-view.c: two articles side by side, under Xvfb
 *
 * Each test imports the bundled corpus into a fresh store, opens a
 * MarzCompareWindow on the Arabic article 000 and the Persian article 002
 * and waits for the alignment, as a person would.  Without a display
 * every test skips.
 */
#undef G_DISABLE_ASSERT

#include <adwaita.h>
#include <string.h>

#include "marz-compare-window.h"
#include "marz-extractor.h"
#include "marz-glossary.h"
#include "marz-import.h"
#include "marz-window.h"
#include "ui-test-util.h"

#define ARTICLE_A "000_762ce45aa623c2ba.txt"   /* Arabic: «447 جريحاً» */
#define ARTICLE_B "002_953fb3cf66484f30.txt"   /* Persian: «حدود ۴۵۰ نفر زخمی» */

static char *
corpus_dir (void)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "corpus", NULL);
}

/* Returns: the store's path, with the corpus in it */
static char *
import_corpus (void)
{
  char *path = g_build_filename (g_get_user_data_dir (), "marz.db", NULL);
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
  return path;
}

static MarzAligner *
new_aligner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzGlossary) glossary = NULL;
  g_autoptr(MarzAnchorFinder) finder = NULL;

  g_assert_no_error (error);
  glossary = marz_glossary_new_default (&error);
  g_assert_no_error (error);
  finder = marz_anchor_finder_new (gazetteer, glossary);
  return marz_aligner_new (finder);
}

static gboolean
window_settled (gpointer data)
{
  MarzCompareWindow *window = data;

  return !marz_compare_window_get_busy (window)
      && (marz_compare_window_get_error (window) != NULL
          || marz_compare_view_get_alignment (marz_compare_window_get_view (window)) != NULL);
}

/* The first layout of two long RTL texts takes a while under Xvfb. */
static gboolean
rows_allocated (gpointer data)
{
  MarzCompareView *view = marz_compare_window_get_view (data);
  guint n = marz_compare_view_get_n_rows (view);

  return n > 0 && gtk_widget_get_width (marz_compare_view_get_cell (view, n - 1, TRUE)) > 0;
}

static MarzCompareWindow *
open_window_on (const char *db,
                const char *a,
                const char *b)
{
  g_autoptr(MarzAligner) aligner = new_aligner ();
  MarzCompareWindow *window = marz_compare_window_new (db, aligner, a, b);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window_settled, window, "the alignment");
  g_assert_null (marz_compare_window_get_error (window));
  ui_test_wait_for (rows_allocated, window, "the rows' layout");
  ui_test_settle_frames ();
  return window;
}

static MarzCompareWindow *
open_window (const char *db)
{
  return open_window_on (db, ARTICLE_A, ARTICLE_B);
}

static void
wait_settled (MarzCompareWindow *window)
{
  ui_test_wait_for (window_settled, window, "the alignment again");
  ui_test_wait_for (rows_allocated, window, "the rows' layout");
  ui_test_settle_frames ();
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *target)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, target, &bounds));
  return bounds;
}

/* The first row holding a pair, from @from on. */
static int
find_pair_row (MarzCompareView *view,
               guint            from)
{
  for (guint r = from; r < marz_compare_view_get_n_rows (view); r++)
    if (marz_compare_view_get_row (view, r)->pair >= 0)
      return r;
  return -1;
}

/* ------------------------------------------------------------------------ */

static void
test_rows_level (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  guint n_pairs = 0, n_unmatched = 0;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  g_assert_cmpuint (marz_compare_view_get_n_rows (view), >, 0);

  for (guint r = 0; r < marz_compare_view_get_n_rows (view); r++)
    {
      const MarzAlignRow *row = marz_compare_view_get_row (view, r);
      GtkWidget *a = marz_compare_view_get_cell (view, r, FALSE);
      GtkWidget *b = marz_compare_view_get_cell (view, r, TRUE);
      graphene_rect_t ba = bounds_in (a, GTK_WIDGET (view));
      graphene_rect_t bb = bounds_in (b, GTK_WIDGET (view));

      /* Level: both start at the same height, side by side. */
      g_assert_cmpfloat_with_epsilon (ba.origin.y, bb.origin.y, 1.0);
      g_assert_cmpfloat (ba.size.width, >, 100);
      g_assert_cmpfloat_with_epsilon (ba.size.width, bb.size.width, 1.0);
      if (row->pair >= 0)
        {
          g_assert_true (row->a >= 0 && row->b >= 0);
          g_assert_false (gtk_widget_has_css_class (a, "marz-compare-missing"));
          g_assert_false (gtk_widget_has_css_class (b, "marz-compare-missing"));
          g_assert_cmpint (gtk_widget_get_direction (a), ==, GTK_TEXT_DIR_RTL);
          g_assert_cmpint (gtk_widget_get_direction (b), ==, GTK_TEXT_DIR_RTL);
          n_pairs++;
        }
      else
        {
          /* An unmatched sentence: its counterpart is there, empty and said to be. */
          GtkWidget *missing = row->a < 0 ? a : b;
          GtkWidget *present = row->a < 0 ? b : a;

          g_assert_true (gtk_widget_has_css_class (missing, "marz-compare-missing"));
          g_assert_false (gtk_widget_has_css_class (present, "marz-compare-missing"));
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (missing)), ==, "Not in the other article");
          g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (present))), >, 0);
          n_unmatched++;
        }
    }
  g_assert_cmpuint (n_pairs, >=, 3);
  g_assert_cmpuint (n_unmatched, >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_scrolls_in_step (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  GtkAdjustment *adjustment;
  graphene_rect_t a0, b0, a1, b1;
  GtkWidget *a, *b;
  int r;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  adjustment = marz_compare_view_get_vadjustment (view);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment) + 300);

  r = find_pair_row (view, 1);
  g_assert_cmpint (r, >=, 0);
  a = marz_compare_view_get_cell (view, r, FALSE);
  b = marz_compare_view_get_cell (view, r, TRUE);
  a0 = bounds_in (a, GTK_WIDGET (window));
  b0 = bounds_in (b, GTK_WIDGET (window));
  gtk_adjustment_set_value (adjustment, 250);
  ui_test_settle_frames ();
  a1 = bounds_in (a, GTK_WIDGET (window));
  b1 = bounds_in (b, GTK_WIDGET (window));

  /* Both sides moved up by what the view scrolled, and stayed level. */
  g_assert_cmpfloat_with_epsilon (a0.origin.y - a1.origin.y, 250, 1.0);
  g_assert_cmpfloat_with_epsilon (b0.origin.y - b1.origin.y, 250, 1.0);
  g_assert_cmpfloat_with_epsilon (a1.origin.y, b1.origin.y, 1.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The background colour the label's attributes give the byte at @index. */
static gboolean
background_at (GtkWidget     *label,
               guint          index,
               PangoColor    *colour)
{
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (label));
  g_autoptr(GSList) list = attrs ? pango_attr_list_get_attributes (attrs) : NULL;
  gboolean found = FALSE;

  for (GSList *l = list; l; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_BACKGROUND && attr->start_index <= index && index < attr->end_index)
        {
          *colour = ((PangoAttrColor *) attr)->color;
          found = TRUE;
        }
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  return found;
}

static gboolean
colour_equal (const PangoColor *a,
              const PangoColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

static guint
anchor_index_in_label (const MarzAlignment *alignment,
                       gboolean             side_b,
                       guint                sentence,
                       guint                anchor)
{
  const MarzAnchoredSentence *s = g_ptr_array_index (side_b ? alignment->sentences_b : alignment->sentences_a,
                                                     sentence);
  const MarzAnchor *an = &g_array_index (s->anchors, MarzAnchor, anchor);

  return an->span.start - s->span.start;
}

static void
test_anchor_colours (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  const MarzAlignment *alignment;
  guint checked = 0;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  alignment = marz_compare_view_get_alignment (view);

  for (guint r = 0; r < marz_compare_view_get_n_rows (view); r++)
    {
      const MarzAlignRow *row = marz_compare_view_get_row (view, r);
      const MarzAlignPair *pair;
      PangoColor first = { 0 };

      if (row->pair < 0)
        continue;
      pair = g_ptr_array_index (alignment->pairs, row->pair);
      for (guint l = 0; l < pair->links->len; l++)
        {
          const MarzAlignLink *link = &g_array_index (pair->links, MarzAlignLink, l);
          guint ia = anchor_index_in_label (alignment, FALSE, row->a, link->a_anchor);
          guint ib = anchor_index_in_label (alignment, TRUE, row->b, link->b_anchor);
          PangoColor ca = { 0 }, cb = { 0 };

          /* The same colour on both sides, and another for another anchor. */
          g_assert_true (background_at (marz_compare_view_get_cell (view, r, FALSE), ia, &ca));
          g_assert_true (background_at (marz_compare_view_get_cell (view, r, TRUE), ib, &cb));
          g_assert_true (colour_equal (&ca, &cb));
          if (l == 0)
            first = ca;
          else if (link->colour % 8 != g_array_index (pair->links, MarzAlignLink, 0).colour % 8)
            g_assert_false (colour_equal (&ca, &first));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_discrepancy_flagged (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  const MarzAlignment *alignment;
  const MarzDiscrepancy *injured = NULL;
  const char *flag;
  guint unflagged_pairs = 0;
  int r;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  alignment = marz_compare_view_get_alignment (view);
  for (guint i = 0; i < alignment->discrepancies->len; i++)
    {
      const MarzDiscrepancy *d = g_ptr_array_index (alignment->discrepancies, i);
      if (strstr (d->detail, "447") && strstr (d->detail, "450"))
        injured = d;
    }
  g_assert_nonnull (injured);

  r = marz_compare_view_find_row (view, FALSE, injured->a);
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpint (marz_compare_view_get_row (view, r)->b, ==, injured->b);
  flag = marz_compare_view_get_flag (view, r);
  g_assert_nonnull (flag);
  g_assert_nonnull (strstr (flag, injured->detail));
  /* A row is flagged exactly when its two sentences have a discrepancy,
   * and at least one paired row is not. */
  for (guint i = 0; i < marz_compare_view_get_n_rows (view); i++)
    {
      const MarzAlignRow *row = marz_compare_view_get_row (view, i);
      gboolean expected = FALSE;

      for (guint k = 0; row->pair >= 0 && k < alignment->discrepancies->len; k++)
        {
          const MarzDiscrepancy *d = g_ptr_array_index (alignment->discrepancies, k);
          expected |= (int) d->a == row->a && (int) d->b == row->b;
        }
      g_assert_cmpint (marz_compare_view_get_flag (view, i) != NULL, ==, expected);
      unflagged_pairs += row->pair >= 0 && !expected;
    }
  g_assert_cmpuint (unflagged_pairs, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static MarzAlignDecisionKind
stored_decision (const char *db,
                 guint       a_start,
                 guint       b_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (db, &error);
  g_autoptr(GArray) decisions = NULL;

  g_assert_no_error (error);
  decisions = marz_store_get_align_decisions (store, ARTICLE_A, ARTICLE_B, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < decisions->len; i++)
    {
      const MarzAlignDecision *d = &g_array_index (decisions, MarzAlignDecision, i);
      if (d->a_start == a_start && d->b_start == b_start)
        return d->kind;
    }
  return MARZ_ALIGN_DECISION_NONE;
}

static void
sentence_starts (MarzCompareView *view,
                 int              r,
                 guint           *a_start,
                 guint           *b_start)
{
  const MarzAlignment *alignment = marz_compare_view_get_alignment (view);
  const MarzAlignRow *row = marz_compare_view_get_row (view, r);

  *a_start = ((MarzAnchoredSentence *) g_ptr_array_index (alignment->sentences_a, row->a))->span.char_start;
  *b_start = ((MarzAnchoredSentence *) g_ptr_array_index (alignment->sentences_b, row->b))->span.char_start;
}

static void
test_confirm_and_undo (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  guint a_start, b_start;
  const MarzAlignPair *pair;
  int r, a, b;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  r = find_pair_row (view, 0);
  g_assert_cmpint (r, >=, 0);
  sentence_starts (view, r, &a_start, &b_start);
  a = marz_compare_view_get_row (view, r)->a;
  b = marz_compare_view_get_row (view, r)->b;
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_NONE);

  /* As the row's Confirm button does. */
  g_assert_true (gtk_widget_activate_action (marz_compare_view_get_row_widget (view, r), "view.confirm", "i", r));
  wait_settled (window);
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_CONFIRM);
  r = marz_compare_view_find_row (view, FALSE, a);
  pair = g_ptr_array_index (marz_compare_view_get_alignment (view)->pairs, marz_compare_view_get_row (view, r)->pair);
  g_assert_cmpint (pair->status, ==, MARZ_ALIGN_CONFIRMED);

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compare.undo", NULL));
  wait_settled (window);
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_NONE);
  r = marz_compare_view_find_row (view, FALSE, a);
  pair = g_ptr_array_index (marz_compare_view_get_alignment (view)->pairs, marz_compare_view_get_row (view, r)->pair);
  g_assert_cmpint (pair->status, ==, MARZ_ALIGN_PROPOSED);

  /* Delete on a focused row rejects its pair: it is gone from the view
   * (A's sentence may find another partner). */
  gtk_widget_grab_focus (marz_compare_view_get_row_widget (view, r));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.reject-focused", NULL));
  wait_settled (window);
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_REJECT);
  pair = marz_alignment_get_pair_for_a (marz_compare_view_get_alignment (view), a);
  g_assert_true (pair == NULL || (int) pair->b != b);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export_tmx (void)
{
  g_autofree char *db = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "pairs.tmx", NULL);
  g_autofree char *tmx = NULL;
  g_autoptr(GError) error = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  int r;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  r = find_pair_row (view, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.confirm", "i", r));
  wait_settled (window);

  g_assert_true (marz_compare_window_export (window, MARZ_ALIGN_FORMAT_TMX, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &tmx, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tmx, "<tmx version=\"1.4\""));
  g_assert_nonnull (strstr (tmx, "xml:lang=\"ar\""));
  /* Only the confirmed pair: one translation unit. */
  g_assert_nonnull (strstr (tmx, "<tu tuid="));
  g_assert_null (strstr (strstr (tmx, "<tu tuid=") + 1, "<tu tuid="));
  g_assert_nonnull (strstr (tmx, "confirmed"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Opened with the names without «.txt» (as a person may type them), the
 * window stores decisions under the names the store knows, where the CLI
 * and every later alignment look for them. */
static void
test_decision_canonical_names (void)
{
  g_autofree char *db = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  guint a_start, b_start;
  int r;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window_on (db, "000_762ce45aa623c2ba", "002_953fb3cf66484f30");
  view = marz_compare_window_get_view (window);
  r = find_pair_row (view, 0);
  sentence_starts (view, r, &a_start, &b_start);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.confirm", "i", r));
  wait_settled (window);
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_CONFIRM);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An import holds the database in one long write transaction: a decision
 * made meanwhile must not freeze the window (the busy timeout is 5 s), and
 * is written once the import is over. */
static void
test_decision_while_locked (void)
{
  g_autofree char *db = NULL;
  g_autoptr(MarzStore) importer = NULL;
  g_autoptr(GError) error = NULL;
  MarzCompareWindow *window;
  MarzCompareView *view;
  guint a_start, b_start;
  gint64 before;
  int r;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = open_window (db);
  view = marz_compare_window_get_view (window);
  r = find_pair_row (view, 0);
  sentence_starts (view, r, &a_start, &b_start);
  importer = marz_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (marz_store_begin (importer, &error));

  before = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.confirm", "i", r));
  g_assert_cmpint (g_get_monotonic_time () - before, <, G_USEC_PER_SEC);
  g_assert_true (marz_compare_window_get_busy (window));
  /* Nothing to export while the decision is not in the alignment. */
  g_assert_false (marz_compare_window_export (window, MARZ_ALIGN_FORMAT_TSV,
                                              "/nonexistent/pairs.tsv", NULL));
  ui_test_settle_frames ();
  g_assert_true (marz_store_commit (importer, &error));
  g_assert_no_error (error);
  wait_settled (window);
  g_assert_cmpint (stored_decision (db, a_start, b_start), ==, MARZ_ALIGN_DECISION_CONFIRM);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_stack_child (GtkWidget  *root,
                  const char *name)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), name))
    return gtk_stack_get_child_by_name (GTK_STACK (root), name);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stack_child (child, name);
      if (found)
        return found;
    }
  return NULL;
}

static guint
count_actionables (GtkWidget  *root,
                   const char *action)
{
  guint n = GTK_IS_ACTIONABLE (root)
            && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_actionables (child, action);
  return n;
}

static gboolean
only_ours (gpointer data)
{
  return g_atomic_int_get (&G_OBJECT (data)->ref_count) == 1;
}

/* The stories' worker holds the window: closing it while they are built
 * cancels them, and the result is not put into the closed window (nor, if
 * the window were disposed meanwhile, into its freed sidebar). */
static void
test_close_while_building_stories (void)
{
  g_autofree char *db = NULL;
  MarzWindow *window;
  GtkWidget *stories;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  window = marz_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  /* The store opens at once, so this starts the build. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-stories", NULL));
  stories = find_stack_child (GTK_WIDGET (window), "stories");
  g_assert_nonnull (stories);
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  /* Until the build's task lets go of the window, its callback has run:
   * it found the window closed and left it alone. */
  ui_test_wait_for (only_ours, window, "the stories' build to end");
  ui_test_settle_frames ();
  g_assert_cmpuint (count_actionables (stories, "win.open-report"), ==, 0);
  g_object_unref (window);
}

/* Whether a label under @root shows @needle, as text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, needle))
      return TRUE;
  return FALSE;
}

/* The status page's description is markup: an article name with < and &
 * in the error must show as it is. */
static void
test_error_markup (void)
{
  g_autofree char *db = NULL;
  g_autoptr(MarzAligner) aligner = NULL;
  MarzCompareWindow *window;

  if (!ui_test_needs_display ())
    return;
  db = import_corpus ();
  aligner = new_aligner ();
  window = marz_compare_window_new (db, aligner, "x<b>&y.txt", ARTICLE_B);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window_settled, window, "the error");
  g_assert_nonnull (strstr (marz_compare_window_get_error (window), "x<b>&y"));
  ui_test_settle_frames ();
  g_assert_true (shows_text (GTK_WIDGET (window), "x<b>&y"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/compare-view/rows-level", test_rows_level);
  g_test_add_func ("/compare-view/scrolls-in-step", test_scrolls_in_step);
  g_test_add_func ("/compare-view/anchor-colours", test_anchor_colours);
  g_test_add_func ("/compare-view/discrepancy-flagged", test_discrepancy_flagged);
  g_test_add_func ("/compare-view/confirm-and-undo", test_confirm_and_undo);
  g_test_add_func ("/compare-view/export-tmx", test_export_tmx);
  g_test_add_func ("/compare-view/decision-canonical-names", test_decision_canonical_names);
  g_test_add_func ("/compare-view/decision-while-locked", test_decision_while_locked);
  g_test_add_func ("/compare-view/error-markup", test_error_markup);
  g_test_add_func ("/compare-view/close-while-building-stories", test_close_while_building_stories);
  return g_test_run ();
}
