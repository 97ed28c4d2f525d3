/* test-place-popover.c: a place's popover pages its incidents, under Xvfb
 *
 * The window opens on a store with thousands of incidents, written with
 * the core API as bench-filters writes its store (bench-filters-store.c),
 * so that one place has far more than a page of 50.  Without a display
 * every test skips.
 */
#undef G_DISABLE_ASSERT

#include <adwaita.h>

#include "bench-filters-store.h"
#include "marz-place-popover.h"
#include "marz-window.h"
#include "ui-test-util.h"

#define PAGE      50

typedef struct
{
  MarzWindow *window;
  const char *place_id;
  guint       n_loaded;    /* wait for the popover to list this many */
} PopoverWait;

static MarzPlacePopover *
find_popover (MarzWindow *window,
              const char *place_id)
{
  MarzMarker *marker = marz_marker_layer_find_place (marz_window_get_marker_layer (window), place_id);

  for (GtkWidget *child = marker ? gtk_widget_get_first_child (GTK_WIDGET (marker)) : NULL; child;
       child = gtk_widget_get_next_sibling (child))
    if (MARZ_IS_PLACE_POPOVER (child) && gtk_widget_get_visible (child))
      return MARZ_PLACE_POPOVER (child);
  return NULL;
}

static gboolean
popover_listed (gpointer data)
{
  PopoverWait *w = data;
  MarzPlacePopover *popover = find_popover (w->window, w->place_id);

  return popover != NULL && marz_place_popover_get_n_loaded (popover) >= w->n_loaded;
}

static const char *
summary_of (MarzPlacePopover *popover)
{
  GtkWidget *label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (popover), MARZ_TYPE_PLACE_POPOVER,
                                                    "summary_label");

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
show_more (MarzPlacePopover *popover)
{
  GtkWidget *button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (popover), MARZ_TYPE_PLACE_POPOVER,
                                                     "more_button");

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_no_duplicates (MarzPlacePopover *popover)
{
  GPtrArray *incidents = marz_place_popover_get_incidents (popover);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);

      if (!g_hash_table_add (seen, &incident->id))
        g_error ("incident %" G_GINT64_FORMAT " listed twice (at %u)", incident->id, i);
    }
}

/* The place with the most incidents, and how many. */
static const char *
busiest_place (MarzWindow *window,
               guint      *count,
               double     *lat,
               double     *lon)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  guint best = 0;

  *count = 0;
  for (guint i = 0; i < marz_marker_set_get_n_places (set); i++)
    if (marz_marker_set_get_count (set, i) > *count)
      *count = marz_marker_set_get_count (set, best = i);
  *lat = marz_marker_set_get_place (set, best)->lat;
  *lon = marz_marker_set_get_place (set, best)->lon;
  return marz_marker_set_get_place (set, best)->place_id;
}

/* Every incident of @place_id at once, the evidence cut by SQL: what the
 * pages, which cut it themselves, must give. */
static GPtrArray *
all_incidents (const char *db,
               const char *place_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (db, &error);
  MarzIncidentFilter filter = { .type = -1, .place_id = (char *) place_id };
  GPtrArray *all;

  g_assert_no_error (error);
  all = marz_store_query_incidents (store, &filter, &error);
  g_assert_no_error (error);
  /* The popover lists the place's own, not those of the places within. */
  for (guint i = all->len; i-- > 0;)
    if (g_strcmp0 (((MarzIncident *) g_ptr_array_index (all, i))->place_id, place_id) != 0)
      g_ptr_array_remove_index (all, i);
  return all;
}

static void
assert_same_evidence (GPtrArray *listed,
                      GPtrArray *all)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_cut = 0;

  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (by_id, &((MarzIncident *) g_ptr_array_index (all, i))->id, g_ptr_array_index (all, i));
  for (guint i = 0; i < listed->len; i++)
    {
      MarzIncident *a = g_ptr_array_index (listed, i);
      MarzIncident *b = g_hash_table_lookup (by_id, &a->id);

      g_assert_nonnull (b);
      g_assert_cmpuint (a->reports->len, ==, b->reports->len);
      for (guint r = 0; r < a->reports->len; r++)
        {
          MarzReport *ra = g_ptr_array_index (a->reports, r), *rb = g_ptr_array_index (b->reports, r);

          g_assert_cmpstr (ra->article, ==, rb->article);
          g_assert_cmpstr (ra->evidence, ==, rb->evidence);
          /* The store's offsets are random: some lie past a short text. */
          n_cut += ra->evidence[0] != '\0';
        }
    }
  g_assert_cmpuint (n_cut, >, 0);
}

static void
test_paging (void)
{
  g_autofree char *db = ui_test_db_path ("popover.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  MarzWindow *window;
  MarzPlacePopover *popover;
  ShumateViewport *viewport;
  PopoverWait w;
  const char *place;
  g_autofree char *place_id = NULL;
  g_autofree char *expected = NULL;
  gint64 last_id;
  guint count;
  double lat, lon;

  if (!ui_test_needs_display ())
    return;
  g_assert_true (g_mkdir_with_parents (g_get_user_data_dir (), 0700) == 0);
  g_assert_true (bench_store_build (db, 300, 20000, &error));
  g_assert_no_error (error);

  window = ui_test_open_window (db);
  place = busiest_place (window, &count, &lat, &lon);
  place_id = g_strdup (place);
  g_assert_cmpuint (count, >, 2 * PAGE);
  viewport = shumate_map_get_viewport (marz_window_get_map (window));
  shumate_viewport_set_zoom_level (viewport, 14);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  ui_test_settle_frames ();

  /* The first page, and how many there are. */
  marz_window_select_place (window, place_id);
  w = (PopoverWait) { window, place_id, PAGE };
  ui_test_wait_for (popover_listed, &w, "the popover's first page");
  popover = find_popover (window, place_id);
  g_assert_cmpuint (marz_place_popover_get_n_loaded (popover), ==, PAGE);
  g_assert_cmpuint (marz_place_popover_get_total (popover), ==, count);
  expected = g_strdup_printf ("%u of %u incidents", PAGE, count);
  g_assert_cmpstr (summary_of (popover), ==, expected);

  /* «Show more»: the next page, none twice. */
  show_more (popover);
  w.n_loaded = 2 * PAGE;
  ui_test_wait_for (popover_listed, &w, "the popover's second page");
  g_assert_cmpuint (marz_place_popover_get_n_loaded (popover), ==, 2 * PAGE);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u of %u incidents", 2 * PAGE, count);
  g_assert_cmpstr (summary_of (popover), ==, expected);
  assert_no_duplicates (popover);
  all = all_incidents (db, place_id);
  g_assert_cmpuint (all->len, ==, count);
  assert_same_evidence (marz_place_popover_get_incidents (popover), all);

  /* The place's last incident, chosen elsewhere (the timeline), heads the
   * list; the pages that bring it again do not list it twice, and every
   * other incident still comes. */
  last_id = ((MarzIncident *) g_ptr_array_index (all, all->len - 1))->id;
  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_settle_frames ();
  marz_view_model_select_incident (marz_window_get_view_model (window), last_id);
  ui_test_settle_frames ();
  ui_test_wait_for (ui_test_window_settled, window, "the markers");
  marz_window_select_place (window, place_id);
  w.n_loaded = PAGE + 1;
  ui_test_wait_for (popover_listed, &w, "the popover with the chosen incident");
  ui_test_wait_for (ui_test_window_settled, window, "the markers");
  ui_test_settle_frames ();
  popover = find_popover (window, place_id);
  g_assert_cmpuint (marz_place_popover_get_n_loaded (popover), ==, PAGE + 1);
  g_assert_cmpuint (marz_place_popover_get_n_paged (popover), ==, PAGE);
  g_assert_cmpint (((MarzIncident *) g_ptr_array_index (marz_place_popover_get_incidents (popover), 0))->id,
                   ==, last_id);
  while (marz_place_popover_get_n_loaded (popover) < count)
    {
      guint before = marz_place_popover_get_n_loaded (popover);

      show_more (popover);
      w.n_loaded = MIN (before + PAGE, count);
      ui_test_wait_for (popover_listed, &w, "the next page");
      g_assert_cmpuint (marz_place_popover_get_n_loaded (popover), >, before);
      assert_no_duplicates (popover);
    }
  g_assert_cmpuint (marz_place_popover_get_n_loaded (popover), ==, count);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u incidents", count);
  g_assert_cmpstr (summary_of (popover), ==, expected);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover),
                                                                                     MARZ_TYPE_PLACE_POPOVER,
                                                                                     "more_button"))));
  assert_same_evidence (marz_place_popover_get_incidents (popover), all);

  ui_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/place-popover/paging", test_paging);
  return g_test_run ();
}
