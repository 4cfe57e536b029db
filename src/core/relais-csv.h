/* relais-csv.h — an RFC 4180 reader and writer of CSV files.
 *
 * The reader pulls one row at a time from a memory buffer or a GInputStream
 * read in chunks: memory stays bounded by the longest row, whatever the size
 * of the file. It accepts what spreadsheets write in practice:
 *
 *  - a UTF-8 byte order mark (skipped), and an Excel "sep=;" first line;
 *  - CRLF, LF or lone CR line ends, and a last line without one;
 *  - quoted fields with delimiters, line breaks and doubled quotes inside;
 *  - ',' ';' or TAB as delimiter, detected from the first row (outside quotes;
 *    the most frequent wins, ',' on a tie) unless set with
 *    relais_csv_reader_set_delimiter();
 *  - blank lines are skipped (they still count for line numbers).
 *
 * It is lenient where Excel files need it, and says so here: a quote inside an
 * unquoted field is an ordinary character (5" disk), text after the closing
 * quote of a field is appended to it ("abc"def gives abcdef), and spaces before
 * an opening quote are dropped (a, "b" gives b). A quoted field still open at
 * the end of the file is an error.
 *
 * Everything else that is not a text CSV file fails with a RELAIS_CSV_ERROR
 * whose translated message names the physical line of the file (a quoted field
 * over several lines counts them all): NUL bytes, bytes that are not UTF-8,
 * fields over RELAIS_CSV_MAX_FIELD_BYTES, rows over RELAIS_CSV_MAX_ROW_BYTES,
 * more than RELAIS_CSV_MAX_COLUMNS columns. Such errors end the reading: the
 * next calls return the same error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RELAIS_CSV_ERROR (relais_csv_error_quark ())

typedef enum {
  RELAIS_CSV_ERROR_EMPTY,             /* no data at all (or only a BOM, blank lines) */
  RELAIS_CSV_ERROR_UNCLOSED_QUOTE,    /* a quoted field runs to the end of the file */
  RELAIS_CSV_ERROR_NUL,               /* a NUL byte: a binary or UTF-16 file */
  RELAIS_CSV_ERROR_ENCODING,          /* not UTF-8 */
  RELAIS_CSV_ERROR_FIELD_TOO_LONG,    /* a field over RELAIS_CSV_MAX_FIELD_BYTES */
  RELAIS_CSV_ERROR_ROW_TOO_LONG,      /* a row over RELAIS_CSV_MAX_ROW_BYTES */
  RELAIS_CSV_ERROR_TOO_MANY_COLUMNS,  /* a row of more than RELAIS_CSV_MAX_COLUMNS fields */
} RelaisCsvError;

#define RELAIS_CSV_MAX_FIELD_BYTES (64 * 1024)
#define RELAIS_CSV_MAX_ROW_BYTES   (1024 * 1024)
#define RELAIS_CSV_MAX_COLUMNS     500

GQuark           relais_csv_error_quark             (void);

#define RELAIS_TYPE_CSV_READER (relais_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (RelaisCsvReader, relais_csv_reader, RELAIS, CSV_READER, GObject)

/* Reads @stream in chunks; @size is its length in bytes for progress, or -1. */
RelaisCsvReader *relais_csv_reader_new              (GInputStream     *stream,
                                                     gint64            size);
/* Reads @bytes in place, without a copy. */
RelaisCsvReader *relais_csv_reader_new_for_bytes    (GBytes           *bytes);
/* Copies @data. */
RelaisCsvReader *relais_csv_reader_new_for_data     (const char       *data,
                                                     gsize             length);
/* Opens @file for reading; %NULL with a G_IO_ERROR when it cannot be read. */
RelaisCsvReader *relais_csv_reader_new_for_file     (GFile            *file,
                                                     GCancellable     *cancellable,
                                                     GError          **error);

/* ',' ';' or '\t'; 0 (the default) detects it from the first row. Call it
 * before the first relais_csv_reader_next_row(). */
void             relais_csv_reader_set_delimiter    (RelaisCsvReader  *self,
                                                     char              delimiter);
/* The delimiter in use: 0 until the first row is read. */
char             relais_csv_reader_get_delimiter    (RelaisCsvReader  *self);

/* Reads the next row into @fields_out (transfer full: a new GPtrArray of
 * newly allocated UTF-8 strings, freed with the array). Returns FALSE at the
 * end of the file (without error) or on failure (with @error set; every later
 * call fails the same way). A file with no row at all fails with
 * RELAIS_CSV_ERROR_EMPTY. */
gboolean         relais_csv_reader_next_row         (RelaisCsvReader  *self,
                                                     GPtrArray       **fields_out,
                                                     GError          **error);

/* The physical line (from 1) on which the last row read begins. */
guint            relais_csv_reader_get_line         (RelaisCsvReader  *self);
/* How many rows were returned so far, the header included. */
guint64          relais_csv_reader_get_n_rows       (RelaisCsvReader  *self);
/* How many bytes of the file were read so far, and its size (-1: unknown). */
guint64          relais_csv_reader_get_bytes_read   (RelaisCsvReader  *self);
gint64           relais_csv_reader_get_size         (RelaisCsvReader  *self);

/* Writing, with ',' and CRLF line ends as RFC 4180 says. A field is quoted
 * only when it must be: when it holds a ',' ';' '"' CR or LF, or begins or
 * ends with a space or a tab. A NULL field is written empty. */
void             relais_csv_append_field            (GString            *out,
                                                     const char         *field);
void             relais_csv_append_row              (GString            *out,
                                                     const char * const *fields,
                                                     guint               n_fields);
/* The first row of a file; @with_bom prepends a UTF-8 byte order mark, which
 * Excel needs to read the file as UTF-8 rather than in the local code page. */
void             relais_csv_append_header           (GString            *out,
                                                     const char * const *names,
                                                     guint               n_names,
                                                     gboolean            with_bom);

G_END_DECLS
