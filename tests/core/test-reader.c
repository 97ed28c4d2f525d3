/* test-reader.c: every encoding a real article arrives in, and every way a
 * file can fail to be one
 *
 * Fixtures are written by the tests themselves into the isolated data dir,
 * their bytes made with g_convert() from the UTF-8 text below.
 */
#undef G_DISABLE_ASSERT

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "marz-reader.h"

/* Every character of these two has a Windows-1256 byte: ّ ، ؛ پ چ ژ گ ک and
 * the ZWNJ do; the Persian ی and digits do not, so they stay out. */
#define ARABIC_TEXT \
  "قصفت طائرات مسيّرة مواقع قرب كابل يوم الخميس، وقال مسؤولون إن ثلاثة أشخاص قتلوا.\n" \
  "وأكدت وزارة الدفاع الخبر في بيان.\n"
#define PERSIAN_TEXT \
  "پژوهشگران چهار گزارش تازه از کابل منتشر کردند؛ ژاله گفت که آتش‌بس ادامه دارد.\n" \
  "چند خانواده به هرات رفتند.\n"

/* ------------------------------------------------------------------------ */
/* Fixtures                                                                 */

static char *
fixture_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fixtures", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
write_fixture (const char *name,
               const void *data,
               gsize       len)
{
  char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* @utf8 in @charset, with @prefix (a BOM) before it. */
static GBytes *
encode (const char *utf8,
        const char *charset,
        const char *prefix,
        gsize       prefix_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  gsize converted_len = 0;
  GByteArray *bytes = g_byte_array_new ();

  converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &converted_len, &error);
  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) prefix, prefix_len);
  g_byte_array_append (bytes, (const guint8 *) converted, converted_len);
  return g_byte_array_free_to_bytes (bytes);
}

static char *
write_bytes_fixture (const char *name,
                     GBytes     *bytes)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  return write_fixture (name, data, len);
}

static char *
sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Reads @path and checks what every good article must be. */
static MarzArticle *
read_good (const char *path,
           const char *expected_text,
           const char *expected_encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = sha256 (expected_text);
  g_autofree char *name = g_path_get_basename (path);
  MarzArticle *article = marz_reader_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (article->text, ==, expected_text);
  g_assert_cmpuint (article->len, ==, strlen (expected_text));
  g_assert_cmpstr (article->encoding, ==, expected_encoding);
  g_assert_cmpstr (article->hash, ==, hash);
  g_assert_cmpstr (article->path, ==, path);
  g_assert_cmpstr (article->name, ==, name);
  g_assert_true (g_utf8_validate (article->text, article->len, NULL));
  return article;
}

/* The error has @code and names @path, so that a user importing a hundred
 * files knows which one. */
static void
assert_read_fails (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticle) article = marz_reader_read_file (path, &error);

  g_assert_null (article);
  g_assert_error (error, MARZ_READER_ERROR, code);
  if (strstr (error->message, path) == NULL)
    g_error ("the message “%s” does not name the file %s", error->message, path);
}

/* ------------------------------------------------------------------------ */
/* Encodings                                                                */

static void
test_utf8 (void)
{
  g_autofree char *path = write_fixture ("utf8.txt", ARABIC_TEXT, strlen (ARABIC_TEXT));
  g_autoptr(MarzArticle) article = read_good (path, ARABIC_TEXT, "UTF-8");

  g_assert_cmpuint (article->body_start, ==, 0);
  g_assert_cmpint (article->origin, ==, MARZ_DATE_ORIGIN_NONE);
  g_assert_cmpint (article->year, ==, 0);
}

static void
test_utf8_bom (void)
{
  g_autoptr(GBytes) bytes = encode (PERSIAN_TEXT, "UTF-8", "\xEF\xBB\xBF", 3);
  g_autofree char *path = write_bytes_fixture ("bom.txt", bytes);
  g_autoptr(MarzArticle) article = read_good (path, PERSIAN_TEXT, "UTF-8 (BOM)");

  /* No U+FEFF left at the start, or the hash would differ from the plain file. */
  g_assert_cmpint (g_utf8_get_char (article->text), ==, g_utf8_get_char (PERSIAN_TEXT));
}

static void
test_utf16 (void)
{
  struct { const char *charset, *bom, *encoding; } cases[] = {
    { "UTF-16LE", "\xFF\xFE", "UTF-16LE" },
    { "UTF-16BE", "\xFE\xFF", "UTF-16BE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = encode (ARABIC_TEXT PERSIAN_TEXT, cases[i].charset, cases[i].bom, 2);
      g_autofree char *name = g_strdup_printf ("%s.txt", cases[i].charset);
      g_autofree char *path = write_bytes_fixture (name, bytes);
      g_autoptr(MarzArticle) article = read_good (path, ARABIC_TEXT PERSIAN_TEXT, cases[i].encoding);

      g_assert_null (memchr (article->text, '\0', article->len));
    }
}

/* A Windows-1256 file is the same article as its UTF-8 twin: same text,
 * same hash, so importing both finds the duplicate. */
static void
test_windows_1256 (gconstpointer data)
{
  const char *text = data;
  g_autoptr(GBytes) bytes = encode (text, "WINDOWS-1256", "", 0);
  g_autofree char *path = write_bytes_fixture ("cp1256.txt", bytes);
  g_autofree char *utf8_path = write_fixture ("utf8-twin.txt", text, strlen (text));
  g_autoptr(MarzArticle) article = NULL;
  g_autoptr(MarzArticle) twin = NULL;

  /* Otherwise the file would be read as UTF-8 and prove nothing. */
  g_assert_false (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  article = read_good (path, text, "WINDOWS-1256");
  twin = read_good (utf8_path, text, "UTF-8");
  g_assert_cmpstr (article->hash, ==, twin->hash);
}

static void
test_line_ends (void)
{
  struct { const char *name, *raw, *expected; } cases[] = {
    { "crlf.txt", "سطر اول\r\nسطر دوم\r\n", "سطر اول\nسطر دوم\n" },
    { "cr.txt", "سطر اول\rسطر دوم\r", "سطر اول\nسطر دوم\n" },
    { "mixed.txt", "الف\r\n\r\nب\rج\n\rد", "الف\n\nب\nج\n\nد" },
    { "cr-crlf.txt", "الف\r\r\nب", "الف\n\nب" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_fixture (cases[i].name, cases[i].raw, strlen (cases[i].raw));
      g_autoptr(MarzArticle) article = read_good (path, cases[i].expected, "UTF-8");

      g_assert_null (strchr (article->text, '\r'));
    }
}

static void
test_line_ends_utf16 (void)
{
  g_autoptr(GBytes) bytes = encode ("سطر اول\r\nسطر دوم\rسطر سوم\r\n", "UTF-16LE", "\xFF\xFE", 2);
  g_autofree char *path = write_bytes_fixture ("crlf16.txt", bytes);
  g_autoptr(MarzArticle) article = read_good (path, "سطر اول\nسطر دوم\nسطر سوم\n", "UTF-16LE");

  g_assert_null (strchr (article->text, '\r'));
}

/* Normalizing digits is the extractor's business: the text stays as written. */
static void
test_digits_preserved (void)
{
  const char *text = "روز شنبه ۱۷ آبان ۱۴۰۴ و في ٩ أكتوبر ٢٠٢٥ and 2025.\n";
  g_autofree char *path = write_fixture ("digits.txt", text, strlen (text));
  g_autoptr(MarzArticle) article = read_good (path, text, "UTF-8");

  g_assert_nonnull (strstr (article->text, "۱۷ آبان ۱۴۰۴"));
  g_assert_nonnull (strstr (article->text, "٩ أكتوبر ٢٠٢٥"));
}

/* ------------------------------------------------------------------------ */
/* The date header                                                          */

static void
assert_header_date (const MarzArticle *article,
                    const char        *body)
{
  g_assert_cmpint (article->origin, ==, MARZ_DATE_ORIGIN_HEADER);
  g_assert_cmpint (article->precision, ==, MARZ_DATE_PRECISION_DAY);
  g_assert_cmpint (article->year, ==, 2025);
  g_assert_cmpint (article->month, ==, 11);
  g_assert_cmpint (article->day, ==, 8);
  g_assert_cmpuint (article->body_start, <, article->len);
  g_assert_cmpstr (article->text + article->body_start, ==, body);
}

static void
test_header_same_line (void)
{
  const char *body = "گفتوگوهای صلح در استانبول پایان یافت.\nمجاهد گفت.\n";
  g_autofree char *text = g_strconcat (" date 2025-11-08 ", body, NULL);
  g_autofree char *path = write_fixture ("header.txt", text, strlen (text));
  g_autoptr(MarzArticle) article = read_good (path, text, "UTF-8");

  /* The header stays in the text; body_start skips it. */
  assert_header_date (article, body);
}

static void
test_header_own_line (void)
{
  const char *body = "أعلنت مصادر موثوقة.\n";
  g_autofree char *text = g_strconcat (" date 2025-11-08\r\n", body, NULL);
  g_autofree char *expected = g_strconcat (" date 2025-11-08\n", body, NULL);
  g_autofree char *path = write_fixture ("header-line.txt", text, strlen (text));
  g_autoptr(MarzArticle) article = read_good (path, expected, "UTF-8");

  assert_header_date (article, body);
}

static void
test_header_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "corpus",
                                                 "002_953fb3cf66484f30.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticle) article = marz_reader_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (article->encoding, ==, "UTF-8");
  g_assert_true (g_str_has_prefix (article->text, " date 2025-11-08 "));
  g_assert_cmpint (article->origin, ==, MARZ_DATE_ORIGIN_HEADER);
  g_assert_cmpint (article->year, ==, 2025);
  g_assert_cmpint (article->month, ==, 11);
  g_assert_cmpint (article->day, ==, 8);
  g_assert_true (g_str_has_prefix (article->text + article->body_start, "گفتوگوهای صلح"));
}

static void
test_header_invalid_date (void)
{
  const char *texts[] = {
    " date 2025-13-40 گفتوگوهای صلح در استانبول پایان یافت.\n",
    " date 2025-02-30 گفتوگوهای صلح در استانبول پایان یافت.\n",
    " date 2025-11-0823 گفتوگوهای صلح.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-date-%u.txt", i);
      g_autofree char *path = write_fixture (name, texts[i], strlen (texts[i]));
      g_autoptr(MarzArticle) article = read_good (path, texts[i], "UTF-8");

      g_assert_cmpint (article->origin, ==, MARZ_DATE_ORIGIN_NONE);
      g_assert_cmpint (article->precision, ==, MARZ_DATE_PRECISION_UNKNOWN);
      g_assert_cmpint (article->year, ==, 0);
      g_assert_cmpuint (article->body_start, ==, 0);
    }
}

/* ------------------------------------------------------------------------ */
/* Bad files                                                                */

static void
test_error_empty (void)
{
  struct { const char *name, *data; } cases[] = {
    { "empty.txt", "" },
    { "blank.txt", " \n\t\r\n   \r\n\n" },
    { "blank-nbsp.txt", "\xC2\xA0 \xE2\x80\x83\n" },
    { "bom-only.txt", "\xEF\xBB\xBF" },
    { "bom-blank.txt", "\xEF\xBB\xBF \r\n" },
    { "header-only.txt", " date 2025-11-08" },
    { "header-newline.txt", " date 2025-11-08 \n" },
    { "header-blank.txt", " date 2025-11-08\r\n\r\n  \n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_fixture (cases[i].name, cases[i].data, strlen (cases[i].data));
      assert_read_fails (path, MARZ_READER_ERROR_EMPTY);
    }
}

static void
test_error_empty_utf16 (void)
{
  g_autofree char *bom = write_fixture ("bom16.txt", "\xFF\xFE", 2);
  g_autoptr(GBytes) blank = encode (" \r\n\t", "UTF-16BE", "\xFE\xFF", 2);
  g_autofree char *blank_path = write_bytes_fixture ("blank16.txt", blank);

  assert_read_fails (bom, MARZ_READER_ERROR_EMPTY);
  assert_read_fails (blank_path, MARZ_READER_ERROR_EMPTY);
}

static void
test_error_binary (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0x00, 0x00, 0x00, 0x0D, 'I', 'H', 'D', 'R',
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0xF3, 0xFF,
  };
  static const char nul_in_text[] = "قصفت طائرات\0مسيّرة مواقع قرب كابل\n";
  g_autofree char *png_path = write_fixture ("image.txt", png, sizeof png);
  g_autofree char *nul_path = write_fixture ("nul.txt", nul_in_text, sizeof nul_in_text - 1);
  g_autoptr(GByteArray) controls = g_byte_array_new ();
  g_autofree char *controls_path = NULL;
  g_autoptr(GBytes) nul16 = encode ("abc", "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GByteArray) with_nul16 = g_byte_array_new ();
  g_autofree char *nul16_path = NULL;

  /* Control bytes but no NUL: an executable's or a compressed file's look. */
  for (guint i = 0; i < 400; i++)
    {
      guint8 b = i % 2 ? 'a' : 0x01 + i % 7;
      g_byte_array_append (controls, &b, 1);
    }
  controls_path = write_fixture ("controls.txt", controls->data, controls->len);

  /* UTF-16 that decodes to a NUL character. */
  g_byte_array_append (with_nul16, g_bytes_get_data (nul16, NULL), g_bytes_get_size (nul16));
  g_byte_array_append (with_nul16, (const guint8 *) "\0\0x\0", 4);
  nul16_path = write_fixture ("nul16.txt", with_nul16->data, with_nul16->len);

  assert_read_fails (png_path, MARZ_READER_ERROR_BINARY);
  assert_read_fails (nul_path, MARZ_READER_ERROR_BINARY);
  assert_read_fails (controls_path, MARZ_READER_ERROR_BINARY);
  assert_read_fails (nul16_path, MARZ_READER_ERROR_BINARY);
}

static void
test_error_undecodable (void)
{
  const char *french = "Les élèves français étaient très préoccupés à Genève : déjà l'été, "
                       "où ça ? Hélène répète que la fenêtre est fermée et il neige.\n";
  g_autoptr(GBytes) latin1 = encode (french, "ISO-8859-1", "", 0);
  g_autofree char *latin1_path = write_bytes_fixture ("french.txt", latin1);
  g_autoptr(GBytes) arabic16 = encode (ARABIC_TEXT, "UTF-16LE", "\xFF\xFE", 2);
  g_autofree char *odd_path = NULL;
  g_autofree char *bad_bom_path = NULL;
  g_autofree char *surrogate_path = NULL;
  /* A lone high surrogate (D800) followed by an ordinary «a». */
  static const guint8 surrogate[] = { 0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'a', 0 };
  static const char bad_utf8_after_bom[] = "\xEF\xBB\xBF" "كابل \xFF\xFE\xC3 كابل";

  g_assert_false (g_utf8_validate (g_bytes_get_data (latin1, NULL), g_bytes_get_size (latin1), NULL));
  assert_read_fails (latin1_path, MARZ_READER_ERROR_UNDECODABLE);

  /* A UTF-16 BOM, then an odd number of bytes. */
  odd_path = write_fixture ("odd16.txt", g_bytes_get_data (arabic16, NULL), g_bytes_get_size (arabic16) - 1);
  g_assert_cmpuint ((g_bytes_get_size (arabic16) - 1) % 2, ==, 1);
  assert_read_fails (odd_path, MARZ_READER_ERROR_UNDECODABLE);

  surrogate_path = write_fixture ("surrogate16.txt", surrogate, sizeof surrogate);
  assert_read_fails (surrogate_path, MARZ_READER_ERROR_UNDECODABLE);

  bad_bom_path = write_fixture ("bad-bom.txt", bad_utf8_after_bom, sizeof bad_utf8_after_bom - 1);
  assert_read_fails (bad_bom_path, MARZ_READER_ERROR_UNDECODABLE);
}

static void
test_error_unreadable_missing (void)
{
  g_autofree char *path = fixture_path ("does-not-exist.txt");

  assert_read_fails (path, MARZ_READER_ERROR_UNREADABLE);
}

static void
test_error_unreadable_directory (void)
{
  g_autofree char *path = fixture_path ("folder.txt");

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  assert_read_fails (path, MARZ_READER_ERROR_UNREADABLE);
}

static void
test_error_unreadable_mode (void)
{
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads a file of mode 000");
      return;
    }
  path = write_fixture ("secret.txt", ARABIC_TEXT, strlen (ARABIC_TEXT));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_read_fails (path, MARZ_READER_ERROR_UNREADABLE);
}

static void
test_error_too_large (void)
{
  g_autofree char *path = fixture_path ("huge.txt");
  g_autoptr(GString) text = g_string_sized_new (MARZ_READER_MAX_SIZE);
  g_autofree char *just_right = NULL;
  g_autoptr(MarzArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* Sparse: MARZ_READER_MAX_SIZE + 1 bytes of which only the first are real. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, ARABIC_TEXT, strlen (ARABIC_TEXT)), ==, (gssize) strlen (ARABIC_TEXT));
  g_assert_cmpint (ftruncate (fd, MARZ_READER_MAX_SIZE + 1), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  assert_read_fails (path, MARZ_READER_ERROR_TOO_LARGE);

  /* Exactly the limit is an article. */
  while (text->len + strlen (ARABIC_TEXT) <= MARZ_READER_MAX_SIZE)
    g_string_append (text, ARABIC_TEXT);
  while (text->len < MARZ_READER_MAX_SIZE)
    g_string_append_c (text, '\n');
  just_right = write_fixture ("max.txt", text->str, text->len);
  article = marz_reader_read_file (just_right, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (article->len, ==, MARZ_READER_MAX_SIZE);
}

/* Not a file but something that reads forever or never: a device, a named
 * pipe.  Reading must end at once, with an error, and within the size limit:
 * the child runs with 1 GiB of address space and 10 seconds. */
static void
assert_special_fails (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticle) article = NULL;

  /* AddressSanitizer reserves terabytes of address space for itself. */
#ifndef __SANITIZE_ADDRESS__
  struct rlimit limit = { 1024 * 1024 * 1024, 1024 * 1024 * 1024 };
  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
  article = marz_reader_read_file (path, &error);
  g_assert_null (article);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MARZ_READER_ERROR);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_error_device (void)
{
  if (g_test_subprocess ())
    {
      assert_special_fails ("/dev/zero");
      return;
    }
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_error_fifo (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = fixture_path ("pipe.txt");

      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      assert_special_fails (path);
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The same checks hold for bytes that never were a file (a download, a
 * paste): the error names whatever the caller calls them. */
static void
test_read_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cp1256 = encode (PERSIAN_TEXT, "WINDOWS-1256", "", 0);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (MARZ_READER_MAX_SIZE + 1), MARZ_READER_MAX_SIZE + 1);
  g_autoptr(MarzArticle) article = marz_reader_read_bytes ("https://example.org/a", cp1256, &error);
  g_autoptr(MarzArticle) none = NULL;
  char *text = NULL;
  gsize text_len = 0;
  const char *encoding = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (article->text, ==, PERSIAN_TEXT);
  g_assert_cmpstr (article->encoding, ==, "WINDOWS-1256");
  g_assert_cmpstr (article->name, ==, "a");

  none = marz_reader_read_bytes ("https://example.org/empty", empty, &error);
  g_assert_null (none);
  g_assert_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "https://example.org/empty"));
  g_clear_error (&error);

  g_assert_false (marz_reader_decode ("big-paste", g_bytes_get_data (huge, NULL), g_bytes_get_size (huge),
                                      &text, &text_len, &encoding, &error));
  g_assert_error (error, MARZ_READER_ERROR, MARZ_READER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big-paste"));
  g_assert_null (text);
  g_clear_error (&error);

  g_assert_true (marz_reader_decode ("crlf", (const guint8 *) "الف\r\nب", strlen ("الف\r\nب"),
                                     &text, &text_len, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "الف\nب");
  g_assert_cmpuint (text_len, ==, strlen ("الف\nب"));
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_free (text);
}

/* ------------------------------------------------------------------------ */
/* Collecting files                                                         */

static char *
make_file (const char *root,
           const char *relative)
{
  char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, ARABIC_TEXT, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_paths (GPtrArray          *found,
              const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MAX (found->len, n); i++)
    g_assert_cmpstr (i < found->len ? g_ptr_array_index (found, i) : NULL, ==, i < n ? expected[i] : NULL);
}

static void
test_collect (void)
{
  g_autofree char *root = fixture_path ("tree");
  const char *files[] = {
    "z.txt", "b.txt", "a.TXT", "notes.md", "readme", "image.png", "txt", "old.txt.bak",
    ".hidden.txt", ".git/HEAD.txt", "sub/deeper/e.Txt", "sub/d.txt", "sub/c.md", "sub/.cache/f.txt",
  };
  g_autofree char *missing = fixture_path ("missing.txt");
  g_autofree char *notes = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (make_file (root, files[i]));
  notes = g_build_filename (root, "notes.md", NULL);

  found = marz_reader_collect ((const char * const []) { root, notes, missing, NULL });

  g_ptr_array_add (expected, g_build_filename (root, "a.TXT", NULL));
  g_ptr_array_add (expected, g_build_filename (root, "b.txt", NULL));
  g_ptr_array_add (expected, g_build_filename (root, "sub", "d.txt", NULL));
  g_ptr_array_add (expected, g_build_filename (root, "sub", "deeper", "e.Txt", NULL));
  g_ptr_array_add (expected, g_build_filename (root, "z.txt", NULL));
  g_ptr_array_add (expected, g_strdup (notes));     /* named, so taken whatever its name */
  g_ptr_array_add (expected, g_strdup (missing));   /* kept, so reading reports it */
  g_ptr_array_add (expected, NULL);
  assert_paths (found, (const char * const *) expected->pdata);
}

static void
test_collect_empty (void)
{
  g_autofree char *root = fixture_path ("empty-tree");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = marz_reader_collect ((const char * const []) { NULL });

  g_assert_cmpint (g_mkdir_with_parents (root, 0700), ==, 0);
  found = marz_reader_collect ((const char * const []) { root, NULL });
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

/* A link back up the tree (easy to make by accident in a shared folder) must
 * not make the same article show up over and over. */
static void
test_collect_symlink_loop (void)
{
  g_autofree char *root = fixture_path ("loop");
  g_autofree char *file = make_file (root, "a.txt");
  g_autofree char *link = g_build_filename (root, "back", NULL);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_cmpint (symlink (".", link), ==, 0);
  found = marz_reader_collect ((const char * const []) { root, NULL });
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, file);
  g_assert_cmpuint (found->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages with Arabic and Persian in them print as such. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reader/encoding/utf8", test_utf8);
  g_test_add_func ("/reader/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/reader/encoding/utf16", test_utf16);
  g_test_add_data_func ("/reader/encoding/windows-1256/arabic", ARABIC_TEXT, test_windows_1256);
  g_test_add_data_func ("/reader/encoding/windows-1256/persian", PERSIAN_TEXT, test_windows_1256);
  g_test_add_func ("/reader/line-ends", test_line_ends);
  g_test_add_func ("/reader/line-ends/utf16", test_line_ends_utf16);
  g_test_add_func ("/reader/digits-preserved", test_digits_preserved);
  g_test_add_func ("/reader/header/same-line", test_header_same_line);
  g_test_add_func ("/reader/header/own-line", test_header_own_line);
  g_test_add_func ("/reader/header/corpus", test_header_corpus);
  g_test_add_func ("/reader/header/invalid-date", test_header_invalid_date);
  g_test_add_func ("/reader/error/empty", test_error_empty);
  g_test_add_func ("/reader/error/empty-utf16", test_error_empty_utf16);
  g_test_add_func ("/reader/error/binary", test_error_binary);
  g_test_add_func ("/reader/error/undecodable", test_error_undecodable);
  g_test_add_func ("/reader/error/unreadable/missing", test_error_unreadable_missing);
  g_test_add_func ("/reader/error/unreadable/directory", test_error_unreadable_directory);
  g_test_add_func ("/reader/error/unreadable/mode-000", test_error_unreadable_mode);
  g_test_add_func ("/reader/error/too-large", test_error_too_large);
  g_test_add_func ("/reader/error/special/device", test_error_device);
  g_test_add_func ("/reader/error/special/fifo", test_error_fifo);
  g_test_add_func ("/reader/read-bytes", test_read_bytes);
  g_test_add_func ("/reader/collect", test_collect);
  g_test_add_func ("/reader/collect/empty", test_collect_empty);
  g_test_add_func ("/reader/collect/symlink-loop", test_collect_symlink_loop);

  return g_test_run ();
}
