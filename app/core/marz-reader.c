/* marz-reader.c
 *
 * Real files arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or
 * Windows-1256, with any line ends.  Windows-1256 maps every byte, so invalid
 * UTF-8 always "decodes": we only accept the result if it reads as Arabic
 * script, otherwise the file is reported undecodable instead of imported as
 * mojibake.
 */
#define G_LOG_DOMAIN "marz-reader"

#include "marz-reader.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

G_DEFINE_QUARK (marz-reader-error-quark, marz_reader_error)

/* Whether any of the eight bytes in @x is below 0x20: exact, though it
 * does not say which. */
static inline gboolean
has_control (guint64 x)
{
  return ((x - G_GUINT64_CONSTANT (0x2020202020202020)) & ~x & G_GUINT64_CONSTANT (0x8080808080808080)) != 0;
}

/* Text has a control character (a line end) every hundred bytes or so:
 * eight bytes are checked at once, and only a word with one byte by byte. */
static gboolean
looks_binary (const guint8 *data,
              gsize         len)
{
  gsize controls = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint64 x;

      if (i % 8 == 0 && i + 8 <= len && (memcpy (&x, data + i, 8), !has_control (x)))
        {
          i += 7;
          continue;
        }
      if (data[i] == 0)
        return TRUE;
      if (data[i] < 0x20 && data[i] != '\n' && data[i] != '\r' && data[i] != '\t' && data[i] != '\f')
        controls++;
    }
  return controls > len / 100 + 1;
}

/* g_utf8_validate () with ASCII and two-byte sequences (the Arabic block)
 * checked inline: every article passes through here.  Longer sequences,
 * and anything invalid, GLib decides one sequence at a time. */
static gboolean
is_utf8 (const guint8 *data,
         gsize         len)
{
  const guint8 *p = data, *end = data + len;

  while (p < end)
    {
      gsize n;

      if (*p < 0x80 && *p != 0)
        {
          p++;
          continue;
        }
      if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
        {
          p += 2;
          continue;
        }
      n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0x80 ? 2 : 1;
      if ((gsize) (end - p) < n || !g_utf8_validate ((const char *) p, n, NULL))
        return FALSE;
      p += n;
    }
  return TRUE;
}

/* Most high characters of real Windows-1256 Arabic or Persian text are
 * letters of the Arabic block. */
static gboolean
reads_as_arabic_script (const char *text)
{
  gsize high = 0, arabic = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80)
        continue;
      high++;
      if ((c >= 0x0600 && c <= 0x06FF) || c == 0x200C || c == 0x200D || c == 0x00AB || c == 0x00BB)
        arabic++;
    }
  return high == 0 || arabic * 10 >= high * 8;
}

/* CRLF and lone CR become LF, in place. */
static gsize
normalize_line_ends (char  *text,
                     gsize  len)
{
  const char *cr = memchr (text, '\r', len);
  gsize out = cr ? (gsize) (cr - text) : len;

  for (gsize i = out; i < len; i++)
    {
      if (text[i] == '\r')
        {
          text[out++] = '\n';
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
        }
      else
        text[out++] = text[i];
    }
  text[out] = '\0';
  return out;
}

static char *
convert (const guint8 *data,
         gsize         len,
         const char   *from,
         gsize        *out_len)
{
  g_autoptr(GError) error = NULL;
  char *text = g_convert ((const char *) data, len, "UTF-8", from, NULL, out_len, &error);

  if (text == NULL)
    g_debug ("Conversion from %s failed: %s", from, error->message);
  return text;
}

static gboolean
undecodable (const char  *name,
             const char  *why,
             GError     **error)
{
  g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_UNDECODABLE,
               _("%s: cannot decode the text: %s"), name, why);
  return FALSE;
}

static char *
decode_utf16 (const char   *name,
              const guint8 *data,
              gsize         len,
              const char  **encoding,
              gsize        *text_len,
              GError      **error)
{
  gboolean le = data[0] == 0xFF;
  char *text;

  *encoding = le ? "UTF-16LE" : "UTF-16BE";
  if ((len - 2) % 2 != 0
      || (text = convert (data + 2, len - 2, *encoding, text_len)) == NULL)
    {
      undecodable (name, _("it starts with a UTF-16 byte order mark but is not valid UTF-16"), error);
      return NULL;
    }
  if (memchr (text, '\0', *text_len) != NULL)
    {
      g_free (text);
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_BINARY,
                   _("%s: looks like a binary file, not text"), name);
      return NULL;
    }
  return text;
}

static char *
decode_bytes (const char   *name,
              const guint8 *data,
              gsize         len,
              const char  **encoding,
              gsize        *text_len,
              GError      **error)
{
  char *text;

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    return decode_utf16 (name, data, len, encoding, text_len, error);

  if (looks_binary (data, len))
    {
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_BINARY,
                   _("%s: looks like a binary file, not text"), name);
      return NULL;
    }

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *encoding = "UTF-8 (BOM)";
      if (!is_utf8 (data + 3, len - 3))
        {
          undecodable (name, _("it starts with a UTF-8 byte order mark but is not valid UTF-8"), error);
          return NULL;
        }
      *text_len = len - 3;
      return g_strndup ((const char *) data + 3, len - 3);
    }

  if (is_utf8 (data, len))
    {
      *encoding = "UTF-8";
      *text_len = len;
      return g_strndup ((const char *) data, len);
    }

  *encoding = "WINDOWS-1256";
  text = convert (data, len, "WINDOWS-1256", text_len);
  if (text == NULL || !reads_as_arabic_script (text))
    {
      g_free (text);
      undecodable (name, _("it is neither UTF-8, UTF-16 nor Windows-1256 Arabic text"), error);
      return NULL;
    }
  return text;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0xFEFF)
      return FALSE;
  return TRUE;
}

/**
 * marz_reader_decode:
 * @name: how to name the input in an error message
 * @text: (out) (transfer full): UTF-8 with LF line ends
 * @encoding: (out) (transfer none): the encoding found
 */
gboolean
marz_reader_decode (const char   *name,
                    const guint8 *data,
                    gsize         len,
                    char        **text,
                    gsize        *text_len,
                    const char  **encoding,
                    GError      **error)
{
  g_autofree char *decoded = NULL;
  gsize decoded_len = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  if (len > MARZ_READER_MAX_SIZE)
    {
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_TOO_LARGE,
                   _("%s: too large (%" G_GSIZE_FORMAT " bytes; an article may have at most %d)"),
                   name, len, MARZ_READER_MAX_SIZE);
      return FALSE;
    }
  decoded = len ? decode_bytes (name, data, len, encoding, &decoded_len, error) : g_strdup ("");
  if (decoded == NULL)
    return FALSE;
  decoded_len = normalize_line_ends (decoded, decoded_len);
  if (is_blank (decoded))
    {
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_EMPTY, _("%s: the file is empty"), name);
      return FALSE;
    }
  *text = g_steal_pointer (&decoded);
  *text_len = decoded_len;
  return TRUE;
}

/**
 * marz_reader_read_bytes:
 * @path: the path or address the bytes came from
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with @error set
 */
MarzArticle *
marz_reader_read_bytes (const char  *path,
                        GBytes      *bytes,
                        GError     **error)
{
  char *text = NULL;
  gsize len = 0, size = 0;
  const char *encoding = NULL;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  MarzArticle *article;

  if (!marz_reader_decode (path, data, size, &text, &len, &encoding, error))
    return NULL;
  article = marz_article_new (path, text, len, encoding);
  if (article->body_start >= article->len)
    {
      marz_article_free (article);
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_EMPTY,
                   _("%s: the file has a date line but no text"), path);
      return NULL;
    }
  return article;
}

static MarzArticle *
unreadable (const char  *path,
            int          saved_errno,
            GError     **error)
{
  if (saved_errno == ENOENT)
    g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_UNREADABLE, _("%s: no such file"), path);
  else
    g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_UNREADABLE,
                 _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
  return NULL;
}

static MarzArticle *
not_a_file (const char  *path,
            mode_t       mode,
            GError     **error)
{
  g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_UNREADABLE,
               S_ISDIR (mode) ? _("%s: cannot read the file: it is a folder")
                              : _("%s: cannot read the file: it is not a regular file (a device, pipe or socket)"),
               path);
  return NULL;
}

static MarzArticle *
too_large (const char  *path,
           goffset      size,
           GError     **error)
{
  g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_TOO_LARGE,
               _("%s: too large (%" G_GOFFSET_FORMAT " bytes; an article may have at most %d)"),
               path, size, MARZ_READER_MAX_SIZE);
  return NULL;
}

/* Reads one byte more than the file's size, never more than one byte past
 * the limit: a file that grows while we read it is caught, not read without
 * bound. */
static GBytes *
read_bounded (int      fd,
              goffset  size,
              int     *saved_errno)
{
  gsize cap = MIN ((gsize) size, MARZ_READER_MAX_SIZE) + 1;
  g_autofree guint8 *buf = g_malloc (cap);
  gsize n = 0;

  while (n < cap)
    {
      gssize got = read (fd, buf + n, cap - n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return *saved_errno = errno, NULL;
      if (got == 0)
        break;
      n += got;
    }
  return g_bytes_new_take (g_steal_pointer (&buf), n);
}

/**
 * marz_reader_read_file:
 *
 * Plain POSIX rather than GIO: on import this runs for every file, and
 * GIO's file info and streams cost more than the reading itself.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with @error set
 *   in %MARZ_READER_ERROR
 */
MarzArticle *
marz_reader_read_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;
  int fd, saved_errno = 0;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the
   * open file then decides, so nothing can be swapped in after the check. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return unreadable (path, errno, error);
  if (fstat (fd, &st) != 0)
    saved_errno = errno;
  else if (!S_ISREG (st.st_mode))
    return g_close (fd, NULL), not_a_file (path, st.st_mode, error);
  else if (st.st_size > MARZ_READER_MAX_SIZE)
    return g_close (fd, NULL), too_large (path, st.st_size, error);
  else
    bytes = read_bounded (fd, st.st_size, &saved_errno);
  g_close (fd, NULL);

  if (bytes == NULL)
    return unreadable (path, saved_errno, error);
  if (g_bytes_get_size (bytes) > (gsize) MIN (st.st_size, MARZ_READER_MAX_SIZE))
    {
      if (g_bytes_get_size (bytes) > MARZ_READER_MAX_SIZE)
        return too_large (path, g_bytes_get_size (bytes), error);
      g_set_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_UNREADABLE,
                   _("%s: cannot read the file: it changed while it was being read"), path);
      return NULL;
    }
  return marz_reader_read_bytes (path, bytes, error);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A symbolic link may lead back up the tree: each folder is read once. */
static gboolean
first_visit (const char *dir,
             GHashTable *visited)
{
  GStatBuf st;

  if (g_stat (dir, &st) != 0)
    return TRUE;
  return g_hash_table_add (visited, g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                                                     (guint64) st.st_dev, (guint64) st.st_ino));
}

/* Collecting for an import holds the path of every file at once, the one
 * thing an import keeps for all files: the paths live packed in one string
 * chunk, about 40 bytes a file instead of a malloc'd string each. */
static void
collect_directory (const char   *dir,
                   GHashTable   *visited,
                   GStringChunk *chunk,
                   GPtrArray    *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  const char *name;

  if (d != NULL && !first_visit (dir, visited))
    return;
  if (d == NULL)
    {
      /* Let reading report why. */
      g_ptr_array_add (out, g_string_chunk_insert (chunk, dir));
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      {
        g_string_assign (path, dir);
        if (path->len == 0 || path->str[path->len - 1] != G_DIR_SEPARATOR)
          g_string_append_c (path, G_DIR_SEPARATOR);
        g_string_append (path, name);
        g_ptr_array_add (found, g_string_chunk_insert (chunk, path->str));
      }
  g_ptr_array_sort (found, compare_paths);

  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);
      gsize len = strlen (file);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        collect_directory (file, visited, chunk, out);
      else if (len >= 4 && g_ascii_strcasecmp (file + len - 4, ".txt") == 0)
        g_ptr_array_add (out, (gpointer) file);
    }
}

/**
 * marz_path_list_new:
 * @paths: files and directories
 *
 * Directories are searched recursively for `.txt` files, in name order.  A
 * file named explicitly is taken whatever its name; a path that does not
 * exist is kept so that reading it reports the problem.
 *
 * Returns: (transfer full): the files to read
 */
MarzPathList *
marz_path_list_new (const char * const *paths)
{
  MarzPathList *self = g_new0 (MarzPathList, 1);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->chunk = g_string_chunk_new (64 * 1024);
  self->paths = g_ptr_array_new ();
  for (guint i = 0; paths && paths[i]; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        collect_directory (paths[i], visited, self->chunk, self->paths);
      else
        g_ptr_array_add (self->paths, g_string_chunk_insert (self->chunk, paths[i]));
    }
  return self;
}

void
marz_path_list_free (MarzPathList *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->paths);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

/**
 * marz_reader_collect:
 * @paths: files and directories
 *
 * Like marz_path_list_new (), as a plain array of strings.
 *
 * Returns: (transfer full) (element-type utf8): the files to read
 */
GPtrArray *
marz_reader_collect (const char * const *paths)
{
  g_autoptr(MarzPathList) list = marz_path_list_new (paths);
  GPtrArray *out = g_ptr_array_new_full (list->paths->len, g_free);

  for (guint i = 0; i < list->paths->len; i++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (list->paths, i)));
  return out;
}
