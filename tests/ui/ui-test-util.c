/* ui-test-util.c: what the UI tests share
 *
 * Each UI test executable compiles this in.  ui_test_init() goes first in
 * main(); every test then starts with ui_test_needs_display(), so that
 * without a display it skips.
 */
#undef G_DISABLE_ASSERT

#include "ui-test-util.h"

static gboolean have_display;
static char *system_data_dirs;

/* Isolated dirs, a display if there is one, and libadwaita on it. */
void
ui_test_init (int    *argc,
              char ***argv)
{
  /* Read before g_test_init() isolates them: ui_test_needs_display()
   * gives them back. */
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                          : "/usr/local/share:/usr/share");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
}

/* Isolated dirs hide the system's shared-mime-info too, and without it
 * gdk-pixbuf cannot tell libshumate's SVG icons from noise: give the
 * system dirs back (the user's own dirs stay isolated). */
gboolean
ui_test_needs_display (void)
{
  if (!have_display)
    g_test_skip ("no display");
  if (system_data_dirs)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  return have_display;
}

/* Runs the main loop until @condition holds; fails the test after
 * UI_TEST_TIMEOUT_S, naming @what it waited for. */
void
ui_test_wait_for (UiTestCondition  condition,
                  gpointer         data,
                  const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + UI_TEST_TIMEOUT_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A few frames, so that allocation and idles have run. */
void
ui_test_settle_frames (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* A condition: the MarzWindow @data has imported and shows its markers. */
gboolean
ui_test_window_settled (gpointer data)
{
  MarzWindow *window = data;

  return !marz_window_get_importing (window) && !marz_window_get_loading (window)
      && marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window)) != NULL;
}

/* Returns: the path of a store called @name in the isolated data dir */
char *
ui_test_db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* A 1100 × 760 window on the store at @db, shown, once the first import
 * and the markers are in.  The frames are not settled yet: the caller
 * moves the map first if it wants to. */
MarzWindow *
ui_test_open_window (const char *db)
{
  MarzWindow *window = marz_window_new (NULL, db);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (ui_test_window_settled, window, "the first import and the markers");
  return window;
}

void
ui_test_close_window (MarzWindow *window)
{
  /* Closing saves the state and destroys the window. */
  gtk_window_close (GTK_WINDOW (window));
  ui_test_settle_frames ();
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 guint     *skip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && (*skip)-- == 0)
        return child;
      if ((found = find_descendant (child, type, skip)))
        return found;
    }
  return NULL;
}

/* The @nth widget of @type under @root (not @root itself), depth first. */
GtkWidget *
ui_test_find_widget (GtkWidget *root,
                     GType      type,
                     guint      nth)
{
  return find_descendant (root, type, &nth);
}

/* @widget as its window's renderer drew it last, or NULL if it is waiting
 * to be drawn again. */
GdkTexture *
ui_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
}

/* The pixel at (@x, @y) of @texture: 0xAARRGGBB, premultiplied. */
guint32
ui_test_texture_pixel (GdkTexture *texture,
                       int         x,
                       int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels[y * width + x];
}
