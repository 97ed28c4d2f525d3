/* marz-output.c: writing an export file whole or not at all */
#define G_LOG_DOMAIN "marz-output"

#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "marz-output.h"

struct _MarzOutput
{
  char          *path;
  char          *tmp_path;
  GOutputStream *stream;
  GError        *write_error;   /* the first failed write, for cairo's callers */
  gboolean       committed;
};

static void
prefix_error (GError     **error,
              const char  *path)
{
  g_prefix_error (error, _("Cannot write “%s”: "), path);
}

MarzOutput *
marz_output_open (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  MarzOutput *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("Cannot write “%s”: it is a folder"), path);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  fd = g_mkstemp_full (template, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (MarzOutput, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_steal_pointer (&template);
  self->stream = g_unix_output_stream_new (fd, TRUE);
  return self;
}

GOutputStream *
marz_output_get_stream (MarzOutput *self)
{
  return self->stream;
}

const char *
marz_output_get_path (MarzOutput *self)
{
  return self->path;
}

gboolean
marz_output_write (MarzOutput  *self,
                   const void  *data,
                   gsize        length,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (self->write_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->write_error));
      return FALSE;
    }
  if (!g_output_stream_write_all (self->stream, data, length, NULL, NULL, &self->write_error))
    {
      prefix_error (&self->write_error, self->path);
      g_propagate_error (error, g_error_copy (self->write_error));
      return FALSE;
    }
  return TRUE;
}

cairo_status_t
marz_output_cairo_write (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  return marz_output_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
marz_output_commit (MarzOutput  *self,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (self->write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->write_error));
      return FALSE;
    }
  /* A rename of an unsynced file can leave an empty file after a crash. */
  if (fsync (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (self->stream))) != 0 ||
      !g_output_stream_close (self->stream, NULL, error))
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      prefix_error (error, self->path);
      return FALSE;
    }
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  self->committed = TRUE;
  return TRUE;
}

void
marz_output_free (MarzOutput *self)
{
  if (self == NULL)
    return;
  if (!g_output_stream_is_closed (self->stream))
    g_output_stream_close (self->stream, NULL, NULL);
  if (!self->committed)
    g_unlink (self->tmp_path);
  g_clear_object (&self->stream);
  g_clear_error (&self->write_error);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}
