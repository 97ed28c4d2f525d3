/* test-output.c: an export is written whole, or leaves nothing behind */
#undef G_DISABLE_ASSERT
#include <glib/gstdio.h>
#include <string.h>

#include "marz-output.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("marz-output-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_chmod (f->dir, 0755);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir))
    n++;
  return n;
}

static void
test_commit (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(MarzOutput) out = marz_output_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (marz_output_write (out, "a,b\n", 4, &error));
  g_assert_cmpint (marz_output_cairo_write (out, (const guchar *) "1,2\n", 4), ==, CAIRO_STATUS_SUCCESS);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (marz_output_commit (out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a,b\n1,2\n");
  g_clear_pointer (&out, marz_output_free);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* Dropped before commit: the old file is untouched and no temporary is left. */
static void
test_abandon_keeps_old_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "map.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  MarzOutput *out;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  out = marz_output_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (marz_output_write (out, "half", 4, &error));
  g_assert_cmpuint (count_files (f->dir), ==, 2);
  marz_output_free (out);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nope", "map.svg", NULL);
  g_autoptr(GError) error = NULL;
  MarzOutput *out = marz_output_open (path, &error);

  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_null (marz_output_open (f->dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, f->dir));
  g_assert_cmpuint (count_files (f->dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/output/commit", Fixture, NULL, fixture_setup, test_commit, fixture_teardown);
  g_test_add ("/output/abandon-keeps-old-file", Fixture, NULL, fixture_setup, test_abandon_keeps_old_file,
              fixture_teardown);
  g_test_add ("/output/unwritable", Fixture, NULL, fixture_setup, test_unwritable, fixture_teardown);
  return g_test_run ();
}
