/* test-csv.c — the CSV reader and writer, and the mapping of CSV files of other
 * tools to leads: hostile files, every line end, Excel's habits, the headers of
 * Salesforce, HubSpot, Oracle Cloud Marketplace and French spreadsheets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "relais-csv.h"
#include "relais-lead-csv.h"

/* --- Helpers --------------------------------------------------------------- */

typedef struct {
  GPtrArray *rows;   /* of GPtrArray of char * */
  GArray    *lines;  /* of guint: the line of each row */
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_ptr_array_unref (parsed->rows);
  g_array_unref (parsed->lines);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static Parsed *
read_reader (RelaisCsvReader  *reader,
             GError          **error)
{
  Parsed *parsed = g_new0 (Parsed, 1);
  GPtrArray *row = NULL;

  parsed->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  parsed->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  while (relais_csv_reader_next_row (reader, &row, error))
    {
      guint line = relais_csv_reader_get_line (reader);

      g_ptr_array_add (parsed->rows, row);
      g_array_append_val (parsed->lines, line);
    }

  return parsed;
}

/* Parses @data (NUL-terminated unless @length is given); every row, or NULL
 * with @error set. */
static Parsed *
parse_full (const char  *data,
            gssize       length,
            GError     **error)
{
  g_autoptr(RelaisCsvReader) reader =
    relais_csv_reader_new_for_data (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(Parsed) parsed = NULL;
  GError *local_error = NULL;

  parsed = read_reader (reader, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&parsed);
}

static Parsed *
parse (const char *data)
{
  g_autoptr(GError) error = NULL;
  Parsed *parsed = parse_full (data, -1, &error);

  g_assert_no_error (error);
  return parsed;
}

static const char *
field (Parsed *parsed,
       guint   row,
       guint   column)
{
  GPtrArray *fields;

  g_assert_cmpuint (row, <, parsed->rows->len);
  fields = g_ptr_array_index (parsed->rows, row);
  g_assert_cmpuint (column, <, fields->len);
  return g_ptr_array_index (fields, column);
}

static guint
n_fields (Parsed *parsed,
          guint   row)
{
  g_assert_cmpuint (row, <, parsed->rows->len);
  return ((GPtrArray *) g_ptr_array_index (parsed->rows, row))->len;
}

static guint
line_of (Parsed *parsed,
         guint   row)
{
  return g_array_index (parsed->lines, guint, row);
}

/* A hostile file must fail with @code, and say on which line when @line > 0. */
static void
assert_fails (const char *data,
              gssize      length,
              int         code,
              guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Parsed) parsed = parse_full (data, length, &error);

  g_assert_null (parsed);
  g_assert_error (error, RELAIS_CSV_ERROR, code);
  if (line > 0)
    {
      g_autofree char *expected = g_strdup_printf ("Line %u", line);

      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%s” does not begin with “%s”", error->message, expected);
    }
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

/* --- Parsing ---------------------------------------------------------------- */

static void
test_parse_simple (void)
{
  g_autoptr(Parsed) parsed = parse ("First Name,Last Name,Company\nJean,Dupont,Dupont SA\n");

  g_assert_cmpuint (parsed->rows->len, ==, 2);
  g_assert_cmpuint (n_fields (parsed, 0), ==, 3);
  g_assert_cmpstr (field (parsed, 1, 0), ==, "Jean");
  g_assert_cmpstr (field (parsed, 1, 2), ==, "Dupont SA");
  g_assert_cmpuint (line_of (parsed, 0), ==, 1);
  g_assert_cmpuint (line_of (parsed, 1), ==, 2);
}

static void
test_parse_quoted_comma (void)
{
  g_autoptr(Parsed) parsed = parse ("name,city\n\"Dupont, Jean\",\"Saint-Denis, La Réunion\"\n");

  g_assert_cmpuint (n_fields (parsed, 1), ==, 2);
  g_assert_cmpstr (field (parsed, 1, 0), ==, "Dupont, Jean");
  g_assert_cmpstr (field (parsed, 1, 1), ==, "Saint-Denis, La Réunion");
}

static void
test_parse_quoted_newline (void)
{
  g_autoptr(Parsed) parsed =
    parse ("name,notes\r\n"
           "Dupont,\"Rappeler lundi.\r\nBudget validé.\nDemo prévue\"\r\n"
           "Martin,court\r\n");

  g_assert_cmpuint (parsed->rows->len, ==, 3);
  /* Line breaks inside quotes are data, kept as they are. */
  g_assert_cmpstr (field (parsed, 1, 1), ==, "Rappeler lundi.\r\nBudget validé.\nDemo prévue");
  /* Line numbers are those of the file: the quoted field spans lines 2 to 4. */
  g_assert_cmpuint (line_of (parsed, 1), ==, 2);
  g_assert_cmpuint (line_of (parsed, 2), ==, 5);
}

static void
test_parse_doubled_quotes (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\n\"Il a dit \"\"oui\"\"\",\"\"\"\"\n");

  g_assert_cmpstr (field (parsed, 1, 0), ==, "Il a dit \"oui\"");
  g_assert_cmpstr (field (parsed, 1, 1), ==, "\"");
}

static void
test_parse_empty_fields (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b,c\n,,\nx,,z\n,\"\",\n");

  g_assert_cmpuint (parsed->rows->len, ==, 4);
  for (guint r = 1; r < 4; r++)
    g_assert_cmpuint (n_fields (parsed, r), ==, 3);
  g_assert_cmpstr (field (parsed, 1, 0), ==, "");
  g_assert_cmpstr (field (parsed, 2, 1), ==, "");
  g_assert_cmpstr (field (parsed, 2, 2), ==, "z");
  g_assert_cmpstr (field (parsed, 3, 1), ==, "");
}

static void
test_parse_no_final_newline (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\r\n1,2\r\n3,\"4\"");
  g_autoptr(Parsed) trailing_comma = parse ("a,b\n1,");

  g_assert_cmpuint (parsed->rows->len, ==, 3);
  g_assert_cmpstr (field (parsed, 2, 0), ==, "3");
  g_assert_cmpstr (field (parsed, 2, 1), ==, "4");
  g_assert_cmpuint (n_fields (trailing_comma, 1), ==, 2);
  g_assert_cmpstr (field (trailing_comma, 1, 1), ==, "");
}

static void
test_parse_blank_lines (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\r\n\r\n1,2\r\n\r\n\r\n");
  g_autoptr(Parsed) lf = parse ("a,b\n1,2\n\n");

  /* Blank lines are skipped, but counted. */
  g_assert_cmpuint (parsed->rows->len, ==, 2);
  g_assert_cmpuint (line_of (parsed, 1), ==, 3);
  g_assert_cmpuint (lf->rows->len, ==, 2);
}

static void
test_parse_lone_cr (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\rc,d\r\"e\rf\",g\rh,i");

  g_assert_cmpuint (parsed->rows->len, ==, 4);
  g_assert_cmpstr (field (parsed, 1, 1), ==, "d");
  g_assert_cmpstr (field (parsed, 2, 0), ==, "e\rf");
  g_assert_cmpuint (line_of (parsed, 2), ==, 3);
  g_assert_cmpuint (line_of (parsed, 3), ==, 5);
}

static void
test_parse_lenient_quotes (void)
{
  /* Documented in relais-csv.h: quotes in unquoted fields are text, text after
   * a closing quote is kept, spaces around quoted fields are layout. */
  g_autoptr(Parsed) parsed = parse ("a,b,c\n"
                                    "Écran 27\" 4K,\"abc\"def,  \"Dupont, Jean\"  \n"
                                    "\"x\" ,\"y\" z,\"\"\n");

  g_assert_cmpuint (n_fields (parsed, 1), ==, 3);
  g_assert_cmpstr (field (parsed, 1, 0), ==, "Écran 27\" 4K");
  g_assert_cmpstr (field (parsed, 1, 1), ==, "abcdef");
  g_assert_cmpstr (field (parsed, 1, 2), ==, "Dupont, Jean");
  g_assert_cmpstr (field (parsed, 2, 0), ==, "x");
  g_assert_cmpstr (field (parsed, 2, 1), ==, "y z");
  g_assert_cmpstr (field (parsed, 2, 2), ==, "");
}

static void
test_bom_crlf (void)
{
  g_autoptr(Parsed) parsed = parse ("\xEF\xBB\xBF" "Prénom,Nom\r\nÉlodie,Marchand\r\n");
  g_autofree char *path = fixture_path ("salesforce-leads.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisCsvReader) reader = relais_csv_reader_new_for_file (file, NULL, &error);
  g_autoptr(Parsed) salesforce = NULL;

  /* The byte order mark is not part of the first header. */
  g_assert_cmpstr (field (parsed, 0, 0), ==, "Prénom");
  g_assert_cmpstr (field (parsed, 1, 1), ==, "Marchand");

  g_assert_no_error (error);
  salesforce = read_reader (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (salesforce->rows->len, ==, 6);
  g_assert_cmpuint (relais_csv_reader_get_n_rows (reader), ==, 6);
  g_assert_cmpuint (relais_csv_reader_get_bytes_read (reader), ==, (guint64) relais_csv_reader_get_size (reader));
  g_assert_cmpstr (field (salesforce, 2, 15), ==, "Call back after 14:00.\nPrefers German.");
  g_assert_cmpstr (field (salesforce, 3, 3), ==, "Cliffside Analytics, Ltd.");
  g_assert_cmpstr (field (salesforce, 3, 15), ==, "Met at the \"Cloud Summit\" in Dublin.");
  g_assert_cmpuint (line_of (salesforce, 3), ==, 5);
}

static void
test_semicolon (void)
{
  g_autoptr(RelaisCsvReader) reader = NULL;
  g_autoptr(Parsed) parsed = NULL;
  g_autoptr(Parsed) excel_hint = NULL;
  g_autoptr(Parsed) tabs = NULL;
  g_autoptr(Parsed) one_column = NULL;
  g_autoptr(GError) error = NULL;
  const char *data = "Prénom;Nom;Montant;\"Note; avec, tout\"\r\nÉlodie;Marchand;1 234,50;\"a;b\"\r\n";

  reader = relais_csv_reader_new_for_data (data, strlen (data));
  g_assert_cmpint (relais_csv_reader_get_delimiter (reader), ==, 0);
  parsed = read_reader (reader, &error);
  g_assert_no_error (error);
  /* Detected from the header, outside quotes (the quoted header has a comma). */
  g_assert_cmpint (relais_csv_reader_get_delimiter (reader), ==, ';');
  g_assert_cmpuint (n_fields (parsed, 1), ==, 4);
  g_assert_cmpstr (field (parsed, 1, 2), ==, "1 234,50");
  g_assert_cmpstr (field (parsed, 1, 3), ==, "a;b");
  g_assert_cmpstr (field (parsed, 0, 3), ==, "Note; avec, tout");

  /* Excel's "sep=" line names the delimiter and is not a row. */
  excel_hint = parse ("sep=;\r\na,b;c\r\n1,5;2\r\n");
  g_assert_cmpuint (excel_hint->rows->len, ==, 2);
  g_assert_cmpstr (field (excel_hint, 0, 0), ==, "a,b");
  g_assert_cmpuint (line_of (excel_hint, 0), ==, 2);

  tabs = parse ("a\tb\tc\n1\t2,5\t3\n");
  g_assert_cmpuint (n_fields (tabs, 1), ==, 3);
  g_assert_cmpstr (field (tabs, 1, 1), ==, "2,5");

  one_column = parse ("Email\njean@example.fr\n");
  g_assert_cmpuint (n_fields (one_column, 1), ==, 1);
}

/* A stream that hands out a few bytes at a time, so that every state of the
 * parser meets the end of a chunk. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  guint32       seed;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n;

  self->seed = self->seed * 1103515245 + 12345;
  n = MIN (MIN (count, 1 + (self->seed >> 16) % 13), size - self->pos);
  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
  self->seed = 42;
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       length)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  return G_INPUT_STREAM (self);
}

static void
assert_same_rows (Parsed *a,
                  Parsed *b)
{
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint r = 0; r < a->rows->len; r++)
    {
      g_assert_cmpuint (n_fields (a, r), ==, n_fields (b, r));
      g_assert_cmpuint (line_of (a, r), ==, line_of (b, r));
      for (guint c = 0; c < n_fields (a, r); c++)
        g_assert_cmpstr (field (a, r, c), ==, field (b, r, c));
    }
}

static void
test_parse_stream_chunks (void)
{
  static const char *pieces[] = {
    "plain", "\"quoted, with comma\"", "\"two\r\nlines\"", "\"say \"\"hi\"\"\"", "",
    "é€日", "\"\"", "x\"y", "\"a\"b", "\"lone\rcr\"",
  };
  static const char *line_ends[] = { "\r\n", "\n", "\r" };
  g_autoptr(GString) data = g_string_new ("\xEF\xBB\xBF" "a,b,c\r\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RelaisCsvReader) stream_reader = NULL;
  g_autoptr(Parsed) from_stream = NULL;
  g_autoptr(Parsed) from_bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint32 seed = 7;

  for (guint r = 0; r < 3000; r++)
    {
      for (guint c = 0; c < 3; c++)
        {
          seed = seed * 1664525 + 1013904223;
          if (c > 0)
            g_string_append_c (data, ',');
          g_string_append (data, pieces[(seed >> 8) % G_N_ELEMENTS (pieces)]);
        }
      g_string_append (data, line_ends[(seed >> 20) % G_N_ELEMENTS (line_ends)]);
    }

  from_bytes = parse_full (data->str, (gssize) data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_bytes->rows->len, ==, 3001);

  stream = trickle_stream_new (data->str, data->len);
  stream_reader = relais_csv_reader_new (stream, (gint64) data->len);
  from_stream = read_reader (stream_reader, &error);
  g_assert_no_error (error);
  assert_same_rows (from_bytes, from_stream);
  g_assert_cmpuint (relais_csv_reader_get_bytes_read (stream_reader), ==, data->len);
}

/* --- Hostile files ------------------------------------------------------------ */

static void
test_hostile_unbalanced_quote (void)
{
  g_autoptr(RelaisCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  GPtrArray *row = NULL;
  const char *data = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n";

  assert_fails (data, -1, RELAIS_CSV_ERROR_UNCLOSED_QUOTE, 3);
  assert_fails ("a,b\n\"", -1, RELAIS_CSV_ERROR_UNCLOSED_QUOTE, 2);

  /* The failure is final: the next call fails the same way. */
  reader = relais_csv_reader_new_for_data (data, strlen (data));
  g_assert_true (relais_csv_reader_next_row (reader, &row, &error));
  g_ptr_array_unref (row);
  g_assert_true (relais_csv_reader_next_row (reader, &row, &error));
  g_ptr_array_unref (row);
  g_assert_false (relais_csv_reader_next_row (reader, &row, &error));
  g_assert_null (row);
  g_assert_error (error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_UNCLOSED_QUOTE);
  g_assert_false (relais_csv_reader_next_row (reader, &row, &again));
  g_assert_error (again, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_UNCLOSED_QUOTE);
}

static void
test_hostile_nul_byte (void)
{
  static const char data[] = "a,b\n1,2\n3\0,4\n";
  static const char utf16[] = "a\0,\0b\0\n\0";

  assert_fails (data, sizeof data - 1, RELAIS_CSV_ERROR_NUL, 3);
  assert_fails ("\"x\0y\"", 5, RELAIS_CSV_ERROR_NUL, 1);
  /* UTF-16 without a byte order mark: NUL bytes from the start. */
  assert_fails (utf16, sizeof utf16 - 1, RELAIS_CSV_ERROR_NUL, 1);
}

static void
test_hostile_invalid_utf8 (void)
{
  g_autofree char *path = fixture_path ("windows-1252.csv");
  g_autofree char *latin1 = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(Parsed) parsed = NULL;

  /* A file saved by Excel in the Windows code page: Prénom is not UTF-8. */
  g_assert_true (g_file_get_contents (path, &latin1, &length, NULL));
  parsed = parse_full (latin1, (gssize) length, &error);
  g_assert_null (parsed);
  g_assert_error (error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "Line 1 "));
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));

  /* The line of the bad byte, inside a field of several lines. */
  assert_fails ("a,b\n1,\"one\ntwo\nthr\xE9\x65\"\n", -1, RELAIS_CSV_ERROR_ENCODING, 4);
  /* A truncated sequence at the very end. */
  assert_fails ("a,b\n1,\xC3", -1, RELAIS_CSV_ERROR_ENCODING, 2);
  /* UTF-16 with its byte order mark. */
  assert_fails ("\xFF\xFE" "a\0", 4, RELAIS_CSV_ERROR_ENCODING, 0);
}

static void
test_hostile_huge_field (void)
{
  g_autoptr(GString) quoted = g_string_new ("a,b\n1,2\n3,\"");
  g_autoptr(GString) unquoted = g_string_new ("a,b\n");
  g_autoptr(GString) wide = g_string_new ("a\n");

  /* A 1 MB field, quoted then unquoted: a clear error, at once. */
  for (guint i = 0; i < 1024 * 1024 / 16; i++)
    {
      g_string_append (quoted, "0123456789abcdef");
      g_string_append (unquoted, "0123456789abcdef");
    }
  g_string_append (quoted, "\"\n");
  g_string_append (unquoted, ",x\n");
  assert_fails (quoted->str, (gssize) quoted->len, RELAIS_CSV_ERROR_FIELD_TOO_LONG, 3);
  assert_fails (unquoted->str, (gssize) unquoted->len, RELAIS_CSV_ERROR_FIELD_TOO_LONG, 2);

  /* A row of fields each under the limit, together over a megabyte. */
  for (guint f = 0; f < 20; f++)
    {
      if (f > 0)
        g_string_append_c (wide, ',');
      for (guint i = 0; i < 60 * 1024 / 16; i++)
        g_string_append (wide, "0123456789abcdef");
    }
  assert_fails (wide->str, (gssize) wide->len, RELAIS_CSV_ERROR_ROW_TOO_LONG, 2);
}

static void
test_hostile_too_many_columns (void)
{
  g_autoptr(GString) data = g_string_new ("a");

  for (guint i = 0; i < RELAIS_CSV_MAX_COLUMNS; i++)
    g_string_append (data, ",a");
  assert_fails (data->str, (gssize) data->len, RELAIS_CSV_ERROR_TOO_MANY_COLUMNS, 1);
}

static void
test_hostile_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Parsed) parsed = parse_full ("", 0, &error);

  g_assert_null (parsed);
  g_assert_error (error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "The file is empty: there is nothing to import.");

  assert_fails ("\xEF\xBB\xBF", -1, RELAIS_CSV_ERROR_EMPTY, 0);
  assert_fails ("\r\n\r\n\n", -1, RELAIS_CSV_ERROR_EMPTY, 0);
}

static void
test_hostile_header_only (void)
{
  g_autoptr(Parsed) parsed = parse ("First Name,Last Name,Email\r\n");
  g_autoptr(Parsed) no_newline = parse ("First Name,Last Name,Email");
  g_autoptr(RelaisLeadCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *row = NULL;
  g_autoptr(RelaisCsvReader) reader = relais_csv_reader_new_for_data ("Email\n", 6);

  /* A header alone is a valid file of no rows: the import says so, not the
   * reader (see test-import). */
  g_assert_cmpuint (parsed->rows->len, ==, 1);
  g_assert_cmpuint (no_newline->rows->len, ==, 1);

  mapping = relais_lead_csv_mapping_new_from_reader (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (relais_lead_csv_mapping_get_column (mapping, RELAIS_LEAD_CSV_FIELD_EMAIL), ==, 0);
  g_assert_false (relais_csv_reader_next_row (reader, &row, &error));
  g_assert_no_error (error);
  g_assert_null (row);
}

/* --- Writing ------------------------------------------------------------------ */

static void
test_write_quoting (void)
{
  const char *fields[] = {
    "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", NULL, "a;b", "é€",
  };
  const char *empty[] = { "" };
  g_autoptr(GString) out = g_string_new (NULL);

  relais_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\" lead\",\"trail \",,\"a;b\",é€\r\n");

  /* One empty field is a row, not a blank line. */
  g_string_truncate (out, 0);
  relais_csv_append_row (out, empty, 1);
  g_assert_cmpstr (out->str, ==, "\"\"\r\n");

  g_string_truncate (out, 0);
  relais_csv_append_header (out, relais_lead_csv_export_header (), 3, TRUE);
  g_assert_cmpstr (out->str, ==, "\xEF\xBB\xBF" "First Name,Last Name,Company\r\n");
}

static void
test_write_round_trip (void)
{
  static const char *alphabet[] = {
    "a", "Z", "0", " ", ",", ";", "\"", "\r", "\n", "\t", "é", "€", "日", "😀", "'", "=",
  };
  const char *header[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240305);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(Parsed) parsed = NULL;

  relais_csv_append_header (out, header, G_N_ELEMENTS (header), TRUE);

  for (guint r = 0; r < 500; r++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 9);
      char **fields = g_new0 (char *, n + 1);

      for (guint c = 0; c < n; c++)
        {
          g_autoptr(GString) value = g_string_new (NULL);
          guint length = (guint) g_rand_int_range (rand, 0, 12);

          for (guint k = 0; k < length; k++)
            g_string_append (value, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
          fields[c] = g_string_free (g_steal_pointer (&value), FALSE);
        }

      relais_csv_append_row (out, (const char * const *) fields, n);
      g_ptr_array_add (written, fields);
    }

  parsed = parse_full (out->str, (gssize) out->len, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (parsed->rows->len, ==, written->len + 1);
  for (guint r = 0; r < written->len; r++)
    {
      char **fields = g_ptr_array_index (written, r);

      g_assert_cmpuint (n_fields (parsed, r + 1), ==, g_strv_length (fields));
      for (guint c = 0; fields[c] != NULL; c++)
        g_assert_cmpstr (field (parsed, r + 1, c), ==, fields[c]);
    }
}

/* --- Mapping ------------------------------------------------------------------ */

static RelaisLeadCsvMapping *
mapping_of_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisCsvReader) reader = relais_csv_reader_new_for_file (file, NULL, &error);
  RelaisLeadCsvMapping *mapping;

  g_assert_no_error (error);
  mapping = relais_lead_csv_mapping_new_from_reader (reader, &error);
  g_assert_no_error (error);
  g_assert_true (relais_lead_csv_mapping_check (mapping, &error));
  return mapping;
}

/* Each column's expected field, in order; IGNORE for columns to skip. */
static void
assert_mapping (const RelaisLeadCsvMapping *mapping,
                const RelaisLeadCsvField   *expected,
                guint                       n)
{
  g_assert_cmpuint (relais_lead_csv_mapping_get_n_columns (mapping), ==, n);
  for (guint c = 0; c < n; c++)
    {
      RelaisLeadCsvField got = relais_lead_csv_mapping_get_field (mapping, c);

      if (got != expected[c])
        g_error ("column %u “%s”: %s, expected %s", c, relais_lead_csv_mapping_get_header (mapping, c),
                 relais_lead_csv_field_code (got), relais_lead_csv_field_code (expected[c]));
    }
}

#define F(name) RELAIS_LEAD_CSV_FIELD_##name

static void
test_guess_salesforce (void)
{
  static const RelaisLeadCsvField expected[] = {
    F (FIRST_NAME), F (LAST_NAME), F (IGNORE) /* Title */, F (COMPANY), F (EMAIL), F (PHONE),
    F (STREET), F (CITY), F (STATE), F (POSTAL_CODE), F (COUNTRY), F (SOURCE), F (STATUS),
    F (IGNORE) /* Industry */, F (IGNORE) /* Annual Revenue */, F (NOTES), F (CREATED),
  };
  g_autoptr(RelaisLeadCsvMapping) mapping = mapping_of_fixture ("salesforce-leads.csv");

  assert_mapping (mapping, expected, G_N_ELEMENTS (expected));
}

static void
test_guess_hubspot (void)
{
  static const RelaisLeadCsvField expected[] = {
    F (IGNORE) /* Record ID */, F (FIRST_NAME), F (LAST_NAME), F (EMAIL), F (COMPANY), F (PHONE),
    F (STREET), F (CITY), F (STATE), F (POSTAL_CODE), F (COUNTRY), F (STATUS), F (SOURCE),
    F (CREATED), F (IGNORE) /* Contact owner */, F (IGNORE) /* Lifecycle Stage */,
  };
  g_autoptr(RelaisLeadCsvMapping) mapping = mapping_of_fixture ("hubspot-contacts.csv");

  assert_mapping (mapping, expected, G_N_ELEMENTS (expected));
}

static void
test_guess_oracle (void)
{
  static const RelaisLeadCsvField expected[] = {
    F (STATUS), F (FIRST_NAME), F (LAST_NAME), F (COMPANY), F (EMAIL), F (PHONE), F (LISTING),
    F (KIND), F (CREATED), F (NOTES),
  };
  /* The French names of the same fields in the partner portal (seed 002). */
  static const struct {
    const char         *header;
    RelaisLeadCsvField  field;
  } french[] = {
    { "Prénom de la piste", F (FIRST_NAME) },
    { "Nom de famille de la piste", F (LAST_NAME) },
    { "Société principale", F (COMPANY) },
    { "Nom de la fiche descriptive", F (LISTING) },
    { "Courriel de la piste", F (EMAIL) },
    { "Statut", F (STATUS) },
    { "Date de création", F (CREATED) },
  };
  g_autoptr(RelaisLeadCsvMapping) mapping = mapping_of_fixture ("oracle-marketplace-leads.csv");

  assert_mapping (mapping, expected, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (french); i++)
    g_assert_cmpint (relais_lead_csv_guess_field (french[i].header), ==, french[i].field);
}

static void
test_guess_french (void)
{
  static const RelaisLeadCsvField expected[] = {
    F (FIRST_NAME), F (LAST_NAME), F (COMPANY), F (EMAIL), F (PHONE), F (STREET), F (CITY),
    F (POSTAL_CODE), F (COUNTRY), F (LISTING), F (STATUS), F (VALUE), F (CURRENCY), F (CREATED),
    F (NOTES),
  };
  static const struct {
    const char         *header;
    RelaisLeadCsvField  field;
  } others[] = {
    { "E-mail", F (EMAIL) }, { "  ADRESSE E-MAIL ", F (EMAIL) }, { "Tél.", F (PHONE) },
    { "Raison sociale", F (COMPANY) }, { "Région", F (STATE) }, { "CP", F (POSTAL_CODE) },
    { "Source de la piste", F (SOURCE) }, { "Catégorie", F (CATEGORY) }, { "Vorname", F (FIRST_NAME) },
    { "Nachname", F (LAST_NAME) }, { "Straße", F (STREET) }, { "PLZ", F (POSTAL_CODE) },
    { "Código postal", F (POSTAL_CODE) }, { "Correo electrónico", F (EMAIL) },
    { "Industry", F (IGNORE) }, { "", F (IGNORE) }, { "Name", F (IGNORE) },
  };
  g_autoptr(RelaisLeadCsvMapping) mapping = mapping_of_fixture ("french-excel.csv");

  assert_mapping (mapping, expected, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (relais_lead_csv_guess_field (others[i].header) != others[i].field)
      g_error ("“%s” is not guessed as %s", others[i].header, relais_lead_csv_field_code (others[i].field));
}

static void
test_guess_relais_export (void)
{
  const char * const *header = relais_lead_csv_export_header ();
  g_autoptr(RelaisLeadCsvMapping) mapping =
    relais_lead_csv_mapping_new (header, RELAIS_LEAD_CSV_N_FIELDS);

  /* Relais's own export maps back field for field, in order. */
  g_assert_cmpuint (g_strv_length ((char **) header), ==, RELAIS_LEAD_CSV_N_FIELDS);
  for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
    {
      RelaisLeadCsvField code_field;

      g_assert_cmpint (relais_lead_csv_mapping_get_field (mapping, f), ==, f);
      g_assert_cmpint (relais_lead_csv_mapping_get_column (mapping, f), ==, f);
      g_assert_true (relais_lead_csv_field_from_code (relais_lead_csv_field_code (f), &code_field));
      g_assert_cmpint (code_field, ==, f);
      g_assert_cmpstr (relais_lead_csv_field_label (f), !=, "");
    }
}

static void
test_mapping_edit (void)
{
  const char *headers[] = { "Email", "E-mail 2", "Société", "Remarks", "Courriel" };
  g_autoptr(RelaisLeadCsvMapping) mapping = relais_lead_csv_mapping_new (headers, G_N_ELEMENTS (headers));
  g_autoptr(RelaisLeadCsvMapping) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *none[] = { "Industry", "Title" };
  g_autoptr(RelaisLeadCsvMapping) useless = relais_lead_csv_mapping_new (none, G_N_ELEMENTS (none));

  /* One column per field: the second e-mail column is ignored. */
  g_assert_cmpint (relais_lead_csv_mapping_get_field (mapping, 0), ==, F (EMAIL));
  g_assert_cmpint (relais_lead_csv_mapping_get_field (mapping, 4), ==, F (IGNORE));
  g_assert_cmpint (relais_lead_csv_mapping_get_field (mapping, 3), ==, F (NOTES));

  /* Giving a field to another column takes it from the first. */
  relais_lead_csv_mapping_set_field (mapping, 4, F (EMAIL));
  g_assert_cmpint (relais_lead_csv_mapping_get_field (mapping, 0), ==, F (IGNORE));
  g_assert_cmpint (relais_lead_csv_mapping_get_column (mapping, F (EMAIL)), ==, 4);
  g_assert_true (relais_lead_csv_mapping_set_field_by_header (mapping, "societe", F (IGNORE)));
  g_assert_cmpint (relais_lead_csv_mapping_get_column (mapping, F (COMPANY)), ==, -1);
  g_assert_false (relais_lead_csv_mapping_set_field_by_header (mapping, "Nope", F (CITY)));

  copy = relais_lead_csv_mapping_copy (mapping);
  relais_lead_csv_mapping_set_field (mapping, 4, F (IGNORE));
  g_assert_cmpint (relais_lead_csv_mapping_get_column (copy, F (EMAIL)), ==, 4);
  g_assert_true (relais_lead_csv_mapping_check (copy, NULL));

  g_assert_false (relais_lead_csv_mapping_check (useless, &error));
  g_assert_error (error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_MAPPING);
}

/* --- Values ------------------------------------------------------------------- */

static void
test_values_country (void)
{
  static const struct {
    const char *text;
    const char *code;
  } cases[] = {
    { "FR", "FR" }, { "fr", "FR" }, { " de ", "DE" }, { "France", "FR" }, { "FRANCE", "FR" },
    { "Deutschland", "DE" }, { "Allemagne", "DE" }, { "España", "ES" }, { "Espagne", "ES" },
    { "United States", "US" }, { "USA", "US" }, { "U.S.A.", "US" }, { "États-Unis", "US" },
    { "UK", "GB" }, { "Royaume-Uni", "GB" }, { "Great Britain", "GB" }, { "Schweiz", "CH" },
    { "Suisse", "CH" }, { "Belgique", "BE" }, { "België", "BE" }, { "Pays-Bas", "NL" },
    { "Österreich", "AT" }, { "Maroc", "MA" }, { "Tunisie", "TN" }, { "Brasil", "BR" },
    { "Polska", "PL" }, { "Sverige", "SE" }, { "Italia", "IT" }, { "Irlande", "IE" },
    { "Luxemburg", "LU" }, { "Danemark", "DK" }, { "Norvège", "NO" }, { "Canada", "CA" },
    { "FRA", "FR" }, { "deu", "DE" }, { "Tchéquie", "CZ" }, { "Côte d'Ivoire", "CI" },
    { "JP", "JP" }, { "EL", "GR" },
    { "Atlantis", NULL }, { "XX", NULL }, { "", NULL }, { "F", NULL }, { "ZZZ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_strcmp0 (relais_lead_csv_parse_country (cases[i].text), cases[i].code) != 0)
      g_error ("country “%s”: %s, expected %s", cases[i].text,
               relais_lead_csv_parse_country (cases[i].text), cases[i].code);

  g_assert_cmpstr (relais_lead_csv_country_currency ("CH"), ==, "CHF");
  g_assert_cmpstr (relais_lead_csv_country_currency ("FR"), ==, "EUR");
  g_assert_null (relais_lead_csv_country_currency ("AQ"));
}

static void
test_values_status (void)
{
  static const struct {
    const char       *text;
    RelaisLeadStatus  status;
  } cases[] = {
    { "new", RELAIS_LEAD_STATUS_NEW }, { "partner_assigned", RELAIS_LEAD_STATUS_PARTNER_ASSIGNED },
    { "Partner assigned", RELAIS_LEAD_STATUS_PARTNER_ASSIGNED },
    { "Converted to deal", RELAIS_LEAD_STATUS_CONVERTED },
    /* Oracle Cloud Marketplace, in English and French */
    { "New", RELAIS_LEAD_STATUS_NEW }, { "Contacted", RELAIS_LEAD_STATUS_CONTACTED },
    { "Purchased", RELAIS_LEAD_STATUS_PURCHASED }, { "Delivered", RELAIS_LEAD_STATUS_DELIVERED },
    { "Nouveau", RELAIS_LEAD_STATUS_NEW }, { "Contacté", RELAIS_LEAD_STATUS_CONTACTED },
    { "Acheté", RELAIS_LEAD_STATUS_PURCHASED }, { "Livré", RELAIS_LEAD_STATUS_DELIVERED },
    /* Salesforce and HubSpot */
    { "Open - Not Contacted", RELAIS_LEAD_STATUS_NEW },
    { "Working - Contacted", RELAIS_LEAD_STATUS_CONTACTED },
    { "Closed - Converted", RELAIS_LEAD_STATUS_CONVERTED },
    { "Closed - Not Converted", RELAIS_LEAD_STATUS_CLOSED },
    { "In Progress", RELAIS_LEAD_STATUS_ACTIVELY_WORKING },
    { "Unqualified", RELAIS_LEAD_STATUS_REJECTED },
  };
  RelaisLeadStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (!relais_lead_csv_parse_status (cases[i].text, &status))
        g_error ("status “%s” is not understood", cases[i].text);
      g_assert_cmpint (status, ==, cases[i].status);
    }

  g_assert_false (relais_lead_csv_parse_status ("Maybe later", &status));
  g_assert_false (relais_lead_csv_parse_status ("", &status));
}

static void
test_values_amount (void)
{
  static const struct {
    const char *text;
    gint64      minor;     /* -1: refused */
    const char *currency;
  } cases[] = {
    { "1234.50", 123450, NULL }, { "1 234,50", 123450, NULL }, { "1\u00a0234,50", 123450, NULL },
    { "1\u202f234,50", 123450, NULL }, { "1,234.50", 123450, NULL }, { "1.234,50", 123450, NULL },
    { "1'234.50", 123450, NULL }, { "€ 1 234,50", 123450, "EUR" }, { "1 234,50 €", 123450, "EUR" },
    { "$1,200", 120000, "USD" }, { "1200 CHF", 120000, "CHF" }, { "EUR 99", 9900, "EUR" },
    { "1,234", 123400, NULL }, { "1.234", 123400, NULL }, { "12,5", 1250, NULL }, { "0,125", -1, NULL },
    { "1,234,567.89", 123456789, NULL }, { "1.234.567", 123456700, NULL }, { "12.", 1200, NULL },
    { "+15", 1500, NULL }, { "0", 0, NULL }, { "1234,567", -1, NULL }, { "12.345.6", -1, NULL },
    { "-5", -1, NULL }, { "abc", -1, NULL }, { "", -1, NULL }, { "12 ab", -1, NULL },
    { "1.2.3,4,5", -1, NULL }, { "1e6", -1, NULL }, { "99999999999999", -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = -1;
      const char *currency = NULL;
      gboolean ok = relais_lead_csv_parse_amount (cases[i].text, &minor, &currency);

      if (ok != (cases[i].minor >= 0) || (ok && minor != cases[i].minor))
        g_error ("amount “%s”: %s %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 cases[i].text, ok ? "read as" : "refused", minor, cases[i].minor);
      if (ok)
        g_assert_cmpstr (currency, ==, cases[i].currency);
    }
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
test_values_date (void)
{
  static const struct {
    const char             *text;
    RelaisLeadCsvDateOrder  order;
    int                     y, m, d, h, mi, s;  /* y 0: refused */
  } cases[] = {
    { "2024-03-05", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 0, 0, 0 },
    { "2024-03-05T14:03:00Z", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 14, 3, 0 },
    { "2024-03-05 14:03", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 14, 3, 0 },
    { "2024-03-05T14:03:00+01:00", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 13, 3, 0 },
    { "2024-03-05T14:03:00.250-0500", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 19, 3, 0 },
    { "2024/03/05", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 0, 0, 0 },
    /* dd/mm unless impossible; American with AM/PM or when forced */
    { "05/03/2024", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 0, 0, 0 },
    { "03/15/2024", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 15, 0, 0, 0 },
    { "15/03/2024 09:30", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 15, 9, 30, 0 },
    { "03/02/2024 4:15 PM", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 2, 16, 15, 0 },
    { "03/02/2024 12:05 AM", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 2, 0, 5, 0 },
    { "03/02/2024", RELAIS_LEAD_CSV_DATE_MONTH_FIRST, 2024, 3, 2, 0, 0, 0 },
    { "03/02/2024", RELAIS_LEAD_CSV_DATE_DAY_FIRST, 2024, 2, 3, 0, 0, 0 },
    { "05.03.2024", RELAIS_LEAD_CSV_DATE_MONTH_FIRST, 2024, 3, 5, 0, 0, 0 },
    { "5-3-24", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 3, 5, 0, 0, 0 },
    { "29/02/2024", RELAIS_LEAD_CSV_DATE_AUTO, 2024, 2, 29, 0, 0, 0 },
    { "29/02/2023", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "13/13/2024", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "2024-13-01", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "1969-12-31", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "2024-03-05 25:00", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "5 mars 2024", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "20240305", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
    { "2024-03-05 junk", RELAIS_LEAD_CSV_DATE_AUTO, 0, 0, 0, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 usec = 0;
      gboolean ok = relais_lead_csv_parse_date (cases[i].text, cases[i].order, &usec);

      if (ok != (cases[i].y != 0))
        g_error ("date “%s” is %s", cases[i].text, ok ? "accepted" : "refused");
      if (ok)
        {
          gint64 expected = utc (cases[i].y, cases[i].m, cases[i].d, cases[i].h, cases[i].mi, cases[i].s);

          if (g_str_has_suffix (cases[i].text, "-0500"))
            expected += 250000;
          if (usec != expected)
            g_error ("date “%s”: %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, cases[i].text, usec, expected);
        }
    }
}

static void
test_values_email (void)
{
  static const char *valid[] = {
    "jean.dupont@example.fr", "j+leads@sub.example.co.uk", "o'brien@cliffside-analytics.ie",
    "élodie@boulangerie.fr", "x@y.io", "a_b-c@123.example.com",
  };
  static const char *invalid[] = {
    "", "jean", "jean@", "@example.fr", "jean@example", "jean dupont@example.fr", "jean@@example.fr",
    "jean@exa mple.fr", ".jean@example.fr", "jean.@example.fr", "je..an@example.fr",
    "jean@-example.fr", "jean@example-.fr", "jean@example..fr", "jean@example.f", "jean@1.2.3.4",
    "a@b@c.fr", "jean@example.fr.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!relais_lead_csv_email_is_valid (valid[i]))
      g_error ("“%s” is refused", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (relais_lead_csv_email_is_valid (invalid[i]))
      g_error ("“%s” is accepted", invalid[i]);
}

static void
test_duplicates (void)
{
  g_assert_true (relais_lead_csv_is_duplicate ("Jean.Dupont@Example.FR", "SOCIÉTÉ GÉNÉRALE",
                                               "jean.dupont@example.fr", "société générale"));
  /* Decomposed accents (as some Mac exports write them) are the same. */
  g_assert_true (relais_lead_csv_is_duplicate ("a@b.fr", "Socie\xCC\x81te\xCC\x81", "a@b.fr", "SOCIÉTÉ"));
  g_assert_true (relais_lead_csv_is_duplicate (" a@b.fr ", "", "A@B.FR", ""));
  g_assert_false (relais_lead_csv_is_duplicate ("a@b.fr", "Dupont SA", "a@b.fr", "Dupont SAS"));
  g_assert_false (relais_lead_csv_is_duplicate ("a@b.fr", "X", "c@b.fr", "X"));
  /* Without an e-mail, two leads are never the same. */
  g_assert_false (relais_lead_csv_is_duplicate ("", "X", "", "X"));

  g_assert_cmpuint (relais_lead_csv_duplicate_hash ("Jean.Dupont@Example.FR", "SOCIÉTÉ GÉNÉRALE"), ==,
                    relais_lead_csv_duplicate_hash ("jean.dupont@example.fr", "société générale"));
  g_assert_cmpuint (relais_lead_csv_duplicate_hash ("a@b.fr", "Socie\xCC\x81te\xCC\x81"), ==,
                    relais_lead_csv_duplicate_hash ("a@b.fr", "société"));
  g_assert_cmpuint (relais_lead_csv_duplicate_hash ("a@b.fr", "x"), !=,
                    relais_lead_csv_duplicate_hash ("a@b.fr", "y"));
  /* The key separates e-mail and company: "ab" + "c" is not "a" + "bc". */
  g_assert_cmpuint (relais_lead_csv_duplicate_hash ("ab", "c"), !=, relais_lead_csv_duplicate_hash ("a", "bc"));
}

/* --- Rows --------------------------------------------------------------------- */

static GPtrArray *
make_row (const char *first,
          ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (const char *value = first; value != NULL; value = va_arg (args, const char *))
    g_ptr_array_add (row, g_strdup (value));
  va_end (args);
  return row;
}

static void
test_row_validation (void)
{
  const char *headers[] = {
    "First Name", "Last Name", "Company", "Email", "Phone", "Country", "Lead Status", "Value",
    "Currency", "Created", "Kind", "Category", "Language", "Notes",
  };
  g_autoptr(RelaisLeadCsvMapping) mapping = relais_lead_csv_mapping_new (headers, G_N_ELEMENTS (headers));
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  g_autoptr(GPtrArray) good = make_row ("  Élodie ", "Marchand", "Boulangeries\nMarchand", "mailto:elodie@boulangeries-marchand.fr",
                                        "01 99 00 56 78", "France", "Contacté", "1 234,50", "", "05/03/2024",
                                        "Application", "Demo", "Français", "Rappeler\nlundi", NULL);
  g_autoptr(GPtrArray) minimal = make_row ("", "", "", "x@example.ch", "", "Suisse", "", "99", NULL);
  g_autoptr(GPtrArray) nobody = make_row ("Jean", "", "", "", "", "FR", NULL);
  g_autoptr(GPtrArray) bad = make_row ("Ana", "Sousa", "Sousa Lda", "ana.sousa@sousa-filhos", "3,31234E+10",
                                       "Atlantis", "Maybe", "-5", "EURO", "yesterday", "Gadget", "Hot", "Klingon", "", NULL);
  g_autoptr(GPtrArray) shifted = make_row ("Jean", "Dupont", "Dupont", "SA", "jean@dupont.fr", "", "", "", "", "", "", "", "", "",
                                           "extra", NULL);
  g_autoptr(GPtrArray) trailing = make_row ("Jean", "Dupont", "", "", "", "", "", "", "", "", "", "", "", "", "", "", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (relais_lead_csv_row_to_lead (mapping, good, lead, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (relais_lead_get_first_name (lead), ==, "Élodie");
  g_assert_cmpstr (relais_lead_get_company (lead), ==, "Boulangeries Marchand");
  g_assert_cmpstr (relais_lead_get_email (lead), ==, "elodie@boulangeries-marchand.fr");
  g_assert_cmpstr (relais_lead_get_country (lead), ==, "FR");
  g_assert_cmpint (relais_lead_get_status (lead), ==, RELAIS_LEAD_STATUS_CONTACTED);
  g_assert_cmpint (relais_lead_get_value_minor (lead), ==, 123450);
  g_assert_cmpstr (relais_lead_get_currency (lead), ==, "EUR");
  g_assert_cmpint (relais_lead_get_created_at (lead), ==, utc (2024, 3, 5, 0, 0, 0));
  g_assert_cmpint (relais_lead_get_kind (lead), ==, RELAIS_LEAD_KIND_APP);
  g_assert_cmpint (relais_lead_get_category (lead), ==, RELAIS_LEAD_CATEGORY_DEMO_TRIAL);
  g_assert_cmpstr (relais_lead_get_language (lead), ==, "fr");
  g_assert_cmpstr (relais_lead_csv_row_get (mapping, good, F (NOTES)), ==, "Rappeler\nlundi");
  g_assert_cmpstr (relais_lead_get_uuid (lead), ==, "");
  g_assert_cmpint (relais_lead_get_id (lead), ==, 0);

  /* The same lead object for the next row: nothing of the first remains. A
   * short row is read as if its missing fields were empty. */
  relais_lead_set_id (lead, 42);
  relais_lead_set_partner_name (lead, "Van Dijk ICT");
  g_assert_true (relais_lead_csv_row_to_lead (mapping, minimal, lead, &error));
  g_assert_cmpstr (relais_lead_get_first_name (lead), ==, "");
  g_assert_cmpstr (relais_lead_get_phone (lead), ==, "");
  g_assert_cmpstr (relais_lead_get_partner_name (lead), ==, "");
  g_assert_cmpint (relais_lead_get_id (lead), ==, 0);
  g_assert_cmpint (relais_lead_get_status (lead), ==, RELAIS_LEAD_STATUS_NEW);
  g_assert_cmpint (relais_lead_get_created_at (lead), ==, 0);
  g_assert_cmpint (relais_lead_get_kind (lead), ==, RELAIS_LEAD_KIND_SERVICE);
  /* No currency column value: the country's. */
  g_assert_cmpstr (relais_lead_get_currency (lead), ==, "CHF");

  g_assert_false (relais_lead_csv_row_to_lead (mapping, nobody, lead, &error));
  g_assert_error (error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_NO_IDENTITY);
  g_clear_error (&error);

  /* Every problem of a row is named, the first gives the code. */
  g_assert_false (relais_lead_csv_row_to_lead (mapping, bad, lead, &error));
  g_assert_error (error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_EMAIL);
  for (guint i = 3; i < 13; i++)
    if (strstr (error->message, g_ptr_array_index (bad, i)) == NULL)
      g_error ("“%s” does not name “%s”", error->message, (char *) g_ptr_array_index (bad, i));
  g_clear_error (&error);

  g_assert_false (relais_lead_csv_row_to_lead (mapping, shifted, lead, &error));
  g_assert_error (error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_EXTRA_FIELDS);
  g_clear_error (&error);

  /* Empty fields past the header (trailing commas) are harmless. */
  g_assert_true (relais_lead_csv_row_to_lead (mapping, trailing, lead, &error));
  g_assert_no_error (error);
}

static void
test_row_blank (void)
{
  g_autoptr(GPtrArray) blank = make_row ("", " ", "\t", NULL);
  g_autoptr(GPtrArray) not_blank = make_row ("", "x", NULL);

  g_assert_true (relais_lead_csv_row_is_blank (blank));
  g_assert_false (relais_lead_csv_row_is_blank (not_blank));
}

static void
test_export_row (void)
{
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  g_autoptr(RelaisLead) back = relais_lead_new ();
  g_autoptr(RelaisLeadCsvMapping) mapping =
    relais_lead_csv_mapping_new (relais_lead_csv_export_header (), RELAIS_LEAD_CSV_N_FIELDS);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(Parsed) parsed = NULL;
  g_autoptr(GError) error = NULL;
  RelaisLeadCsvRow row;

  relais_lead_set_first_name (lead, "Siobhán");
  relais_lead_set_last_name (lead, "O'Brien");
  relais_lead_set_company (lead, "Cliffside Analytics, Ltd.");
  relais_lead_set_email (lead, "siobhan@cliffside-analytics.ie");
  relais_lead_set_country (lead, "IE");
  relais_lead_set_listing (lead, "Analytics Cloud Accelerator");
  relais_lead_set_kind (lead, RELAIS_LEAD_KIND_APP);
  relais_lead_set_category (lead, RELAIS_LEAD_CATEGORY_QUOTE_REQUEST);
  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED);
  relais_lead_set_value_minor (lead, 2500005);
  relais_lead_set_currency (lead, "EUR");
  relais_lead_set_language (lead, "en");
  relais_lead_set_created_at (lead, utc (2024, 2, 29, 23, 59, 58) + 123456);

  relais_lead_csv_lead_to_row (lead, &row);
  g_assert_cmpstr (row.fields[F (VALUE)], ==, "25000.05");
  g_assert_cmpstr (row.fields[F (CREATED)], ==, "2024-02-29T23:59:58Z");
  g_assert_cmpstr (row.fields[F (STATUS)], ==, "partner_assigned");
  g_assert_cmpstr (row.fields[F (KIND)], ==, "app");
  g_assert_cmpstr (row.fields[F (NOTES)], ==, "");
  row.fields[F (NOTES)] = "Line one\nLine \"two\"";

  relais_csv_append_header (out, relais_lead_csv_export_header (), RELAIS_LEAD_CSV_N_FIELDS, TRUE);
  relais_csv_append_row (out, row.fields, RELAIS_LEAD_CSV_N_FIELDS);

  /* What Relais exports, Relais imports: the same lead comes back. */
  parsed = parse_full (out->str, (gssize) out->len, &error);
  g_assert_no_error (error);
  g_assert_true (relais_lead_csv_row_to_lead (mapping, g_ptr_array_index (parsed->rows, 1), back, &error));
  g_assert_no_error (error);
#define SAME_TEXT(name, prop) g_assert_cmpstr (relais_lead_get_##name (back), ==, relais_lead_get_##name (lead));
  RELAIS_LEAD_TEXT_FIELDS (SAME_TEXT)
#undef SAME_TEXT
  g_assert_cmpint (relais_lead_get_status (back), ==, relais_lead_get_status (lead));
  g_assert_cmpint (relais_lead_get_kind (back), ==, relais_lead_get_kind (lead));
  g_assert_cmpint (relais_lead_get_category (back), ==, relais_lead_get_category (lead));
  g_assert_cmpint (relais_lead_get_value_minor (back), ==, relais_lead_get_value_minor (lead));
  /* Exports are to the second. */
  g_assert_cmpint (relais_lead_get_created_at (back), ==, utc (2024, 2, 29, 23, 59, 58));
  g_assert_cmpstr (relais_lead_csv_row_get (mapping, g_ptr_array_index (parsed->rows, 1), F (NOTES)), ==,
                   "Line one\nLine \"two\"");

  /* An empty lead exports empty values, not "0" or a 1970 date. */
  relais_lead_set_value_minor (back, 0);
  relais_lead_set_created_at (back, 0);
  relais_lead_csv_lead_to_row (back, &row);
  g_assert_cmpstr (row.fields[F (VALUE)], ==, "");
  g_assert_cmpstr (row.fields[F (CREATED)], ==, "");
}

#undef F

int
main (int    argc,
      char **argv)
{
  /* Dates without a zone are local time: make it known. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse/simple", test_parse_simple);
  g_test_add_func ("/csv/parse/quoted-comma", test_parse_quoted_comma);
  g_test_add_func ("/csv/parse/quoted-newline", test_parse_quoted_newline);
  g_test_add_func ("/csv/parse/doubled-quotes", test_parse_doubled_quotes);
  g_test_add_func ("/csv/parse/empty-fields", test_parse_empty_fields);
  g_test_add_func ("/csv/parse/no-final-newline", test_parse_no_final_newline);
  g_test_add_func ("/csv/parse/blank-lines", test_parse_blank_lines);
  g_test_add_func ("/csv/parse/lone-cr", test_parse_lone_cr);
  g_test_add_func ("/csv/parse/lenient-quotes", test_parse_lenient_quotes);
  g_test_add_func ("/csv/parse/stream-chunks", test_parse_stream_chunks);
  g_test_add_func ("/csv/bom-crlf", test_bom_crlf);
  g_test_add_func ("/csv/semicolon", test_semicolon);
  g_test_add_func ("/csv/hostile/unbalanced-quote", test_hostile_unbalanced_quote);
  g_test_add_func ("/csv/hostile/nul-byte", test_hostile_nul_byte);
  g_test_add_func ("/csv/hostile/invalid-utf8", test_hostile_invalid_utf8);
  g_test_add_func ("/csv/hostile/huge-field", test_hostile_huge_field);
  g_test_add_func ("/csv/hostile/too-many-columns", test_hostile_too_many_columns);
  g_test_add_func ("/csv/hostile/empty-file", test_hostile_empty_file);
  g_test_add_func ("/csv/hostile/header-only", test_hostile_header_only);
  g_test_add_func ("/csv/write/quoting", test_write_quoting);
  g_test_add_func ("/csv/write/round-trip", test_write_round_trip);
  g_test_add_func ("/lead-csv/guess/salesforce", test_guess_salesforce);
  g_test_add_func ("/lead-csv/guess/hubspot", test_guess_hubspot);
  g_test_add_func ("/lead-csv/guess/oracle", test_guess_oracle);
  g_test_add_func ("/lead-csv/guess/french", test_guess_french);
  g_test_add_func ("/lead-csv/guess/relais-export", test_guess_relais_export);
  g_test_add_func ("/lead-csv/mapping/edit", test_mapping_edit);
  g_test_add_func ("/lead-csv/values/country", test_values_country);
  g_test_add_func ("/lead-csv/values/status", test_values_status);
  g_test_add_func ("/lead-csv/values/amount", test_values_amount);
  g_test_add_func ("/lead-csv/values/date", test_values_date);
  g_test_add_func ("/lead-csv/values/email", test_values_email);
  g_test_add_func ("/lead-csv/duplicates", test_duplicates);
  g_test_add_func ("/lead-csv/row/validation", test_row_validation);
  g_test_add_func ("/lead-csv/row/blank", test_row_blank);
  g_test_add_func ("/lead-csv/export/round-trip", test_export_row);

  return g_test_run ();
}
