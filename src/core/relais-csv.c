/* relais-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (relais-csv-error-quark, relais_csv_error)

/* Stream reads are this large: big enough that the cost of a read vanishes,
 * small enough to stay in the CPU caches. */
#define CHUNK_SIZE (64 * 1024)

typedef enum {
  STATE_FIELD_START,   /* at the first byte of a field */
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTED_QUOTE,  /* just after a quote inside a quoted field: doubled, or the end */
  STATE_AFTER_QUOTE,   /* after the closing quote, before the delimiter */
} State;

/* Bits of the byte classes table: bytes that stop a run of ordinary text. */
enum {
  SPECIAL_UNQUOTED = 1 << 0,
  SPECIAL_QUOTED   = 1 << 1,
};

struct _RelaisCsvReader
{
  GObject        parent_instance;

  /* The source: a stream read in chunks, or bytes read in place. */
  GInputStream  *stream;
  GBytes        *bytes;
  guint8        *chunk;
  GByteArray    *head;        /* the first row, read ahead to detect the delimiter */
  gint64         size;

  const guint8  *buf;         /* what is read and not yet parsed: buf[pos..len) */
  gsize          len;
  gsize          pos;
  guint64        buf_offset;  /* offset of buf[0] in the file */
  gboolean       eof;         /* nothing comes after buf */
  gboolean       started;
  gboolean       finished;

  char           delimiter;
  guint8         classes[256];

  /* The parser's state, kept across chunks. */
  State          state;
  guint          line;        /* physical line of buf[pos], from 1 */
  gboolean       after_cr;    /* the last byte was a CR: a LF now ends the same line */
  gboolean       in_row;      /* some byte of the current row was read */
  guint          row_line;    /* line of the row being read */
  guint          field_line;  /* line of the field being read */
  gsize          trailing;    /* bytes of spaces after a closing quote, not data yet */
  GString       *field;
  GPtrArray     *row;
  gsize          row_bytes;   /* bytes of the row's finished fields */

  guint          last_row_line;
  guint64        n_rows;
  GError        *error;       /* sticky: once failed, always failed */
};

G_DEFINE_FINAL_TYPE (RelaisCsvReader, relais_csv_reader, G_TYPE_OBJECT)

static void
relais_csv_reader_finalize (GObject *object)
{
  RelaisCsvReader *self = (RelaisCsvReader *) object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->chunk, g_free);
  g_clear_pointer (&self->head, g_byte_array_unref);
  g_string_free (self->field, TRUE);
  g_clear_pointer (&self->row, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (relais_csv_reader_parent_class)->finalize (object);
}

static void
relais_csv_reader_class_init (RelaisCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_csv_reader_finalize;
}

static void
relais_csv_reader_init (RelaisCsvReader *self)
{
  self->size = -1;
  self->line = 1;
  self->field = g_string_sized_new (256);
  self->state = STATE_FIELD_START;
}

/**
 * relais_csv_reader_new:
 * @stream: the CSV text, read from where it stands, in chunks
 * @size: the number of bytes @stream holds, or -1 when unknown (progress only)
 *
 * Returns: (transfer full): a reader that holds a reference on @stream.
 */
RelaisCsvReader *
relais_csv_reader_new (GInputStream *stream,
                       gint64        size)
{
  RelaisCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (RELAIS_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->size = size;
  return self;
}

/**
 * relais_csv_reader_new_for_bytes:
 *
 * Returns: (transfer full): a reader of @bytes, which it references and reads
 *   in place.
 */
RelaisCsvReader *
relais_csv_reader_new_for_bytes (GBytes *bytes)
{
  RelaisCsvReader *self;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (RELAIS_TYPE_CSV_READER, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->buf = g_bytes_get_data (bytes, &size);
  self->len = size;
  self->size = (gint64) size;
  self->eof = TRUE;
  return self;
}

/**
 * relais_csv_reader_new_for_data:
 *
 * Returns: (transfer full): a reader of a copy of @data.
 */
RelaisCsvReader *
relais_csv_reader_new_for_data (const char *data,
                                gsize       length)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  bytes = g_bytes_new (data, length);
  return relais_csv_reader_new_for_bytes (bytes);
}

/**
 * relais_csv_reader_new_for_file:
 *
 * Returns: (transfer full): a reader of @file, or %NULL with @error set.
 */
RelaisCsvReader *
relais_csv_reader_new_for_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gint64 size = -1;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* The size only serves progress reports: a stream without one is fine. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);

  return relais_csv_reader_new (G_INPUT_STREAM (stream), size);
}

void
relais_csv_reader_set_delimiter (RelaisCsvReader *self,
                                 char             delimiter)
{
  g_return_if_fail (RELAIS_IS_CSV_READER (self));
  g_return_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';' || delimiter == '\t');
  g_return_if_fail (!self->started);

  self->delimiter = delimiter;
}

char
relais_csv_reader_get_delimiter (RelaisCsvReader *self)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), 0);
  return self->started ? self->delimiter : 0;
}

guint
relais_csv_reader_get_line (RelaisCsvReader *self)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), 0);
  return self->last_row_line;
}

guint64
relais_csv_reader_get_n_rows (RelaisCsvReader *self)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), 0);
  return self->n_rows;
}

guint64
relais_csv_reader_get_bytes_read (RelaisCsvReader *self)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), 0);
  return self->buf_offset + self->pos;
}

gint64
relais_csv_reader_get_size (RelaisCsvReader *self)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), -1);
  return self->size;
}

/* --- Reading the source ----------------------------------------------------- */

static gboolean
read_some (RelaisCsvReader  *self,
           guint8           *into,
           gsize             size,
           gssize           *n_read)
{
  GError *local_error = NULL;

  *n_read = g_input_stream_read (self->stream, into, size, NULL, &local_error);
  if (*n_read < 0)
    {
      g_propagate_error (&self->error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Replaces the parsed buffer with the next chunk of the stream. */
static gboolean
refill (RelaisCsvReader *self)
{
  gssize n;

  g_assert (self->stream != NULL);

  if (self->chunk == NULL)
    self->chunk = g_malloc (CHUNK_SIZE);

  self->buf_offset += self->len;
  self->buf = self->chunk;
  self->len = 0;
  self->pos = 0;
  g_clear_pointer (&self->head, g_byte_array_unref);

  if (!read_some (self, self->chunk, CHUNK_SIZE, &n))
    return FALSE;

  self->len = (gsize) n;
  if (n == 0)
    self->eof = TRUE;
  return TRUE;
}

/* The offset just past the first record of data[from..len) (its line end
 * included), or 0 when the record does not end within the data. */
static gsize
find_record_end (const guint8 *data,
                 gsize         from,
                 gsize         len)
{
  gboolean quoted = FALSE;

  for (gsize i = from; i < len; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        return i + 1;
    }

  return 0;
}

/* For a stream, reads ahead until the first record (after the BOM and an
 * Excel "sep=" line) is whole in memory, so that the delimiter can be seen. */
static gboolean
read_head (RelaisCsvReader *self)
{
  gsize from = 0;

  self->head = g_byte_array_sized_new (CHUNK_SIZE);

  for (;;)
    {
      gssize n;
      gsize old_len = self->head->len;

      g_byte_array_set_size (self->head, old_len + CHUNK_SIZE);
      if (!read_some (self, self->head->data + old_len, CHUNK_SIZE, &n))
        return FALSE;
      g_byte_array_set_size (self->head, old_len + (gsize) n);

      if (n == 0)
        {
          self->eof = TRUE;
          break;
        }

      /* Two records: an optional "sep=" line, then the header. */
      from = find_record_end (self->head->data, 0, self->head->len);
      if (from != 0 && find_record_end (self->head->data, from, self->head->len) != 0)
        break;
      if (self->head->len > RELAIS_CSV_MAX_ROW_BYTES + 16)
        break;
    }

  self->buf = self->head->data;
  self->len = self->head->len;
  self->pos = 0;
  return TRUE;
}

static void
build_classes (RelaisCsvReader *self)
{
  memset (self->classes, 0, sizeof self->classes);

  self->classes[(guint8) self->delimiter] |= SPECIAL_UNQUOTED;
  self->classes['"'] |= SPECIAL_UNQUOTED | SPECIAL_QUOTED;
  self->classes['\r'] |= SPECIAL_UNQUOTED | SPECIAL_QUOTED;
  self->classes['\n'] |= SPECIAL_UNQUOTED | SPECIAL_QUOTED;
  self->classes['\0'] |= SPECIAL_UNQUOTED | SPECIAL_QUOTED;
}

/* The most frequent of ',' ';' and TAB outside quotes in the first record;
 * ',' on a tie or when there is none (a file of one column). */
static char
detect_delimiter (const guint8 *data,
                  gsize         len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == (guint8) candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      if (counts[k] > best_count)
        {
          best = candidates[k];
          best_count = counts[k];
        }
    }

  return best;
}

static gboolean
start (RelaisCsvReader *self)
{
  const guint8 *p;
  gsize n;

  self->started = TRUE;

  if (self->stream != NULL && !read_head (self))
    return FALSE;

  p = self->buf;
  n = self->len;

  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    self->pos = 3;
  else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
    {
      g_set_error_literal (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_ENCODING,
                           _("The file is in UTF-16, not UTF-8. Save it from your spreadsheet as “CSV UTF-8”, then import it again."));
      return FALSE;
    }

  /* Excel writes and reads a first line "sep=;" that names the delimiter. */
  if (n - self->pos >= 5 && memcmp (p + self->pos, "sep=", 4) == 0 &&
      (p[self->pos + 4] == ',' || p[self->pos + 4] == ';' || p[self->pos + 4] == '\t') &&
      (n - self->pos == 5 || p[self->pos + 5] == '\r' || p[self->pos + 5] == '\n'))
    {
      if (self->delimiter == 0)
        self->delimiter = (char) p[self->pos + 4];
      self->pos += 5;
      /* The line end is read by the parser, which counts it and skips the
       * blank line it seems to leave. */
    }

  if (self->delimiter == 0)
    self->delimiter = detect_delimiter (p + self->pos, n - self->pos);

  build_classes (self);
  return TRUE;
}

/* --- Parsing ---------------------------------------------------------------- */

static void
count_line_break (RelaisCsvReader *self,
                  guint8           c)
{
  /* CRLF is one line end; so are a lone CR and a lone LF. */
  if (c == '\n' && self->after_cr)
    {
      self->after_cr = FALSE;
      return;
    }

  self->line++;
  self->after_cr = (c == '\r');
}

/* The number of line ends in text[0..len), counted as count_line_break() does. */
static guint
count_line_breaks (const char *text,
                   gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        n++;
      else if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
        n++;
    }

  return n;
}

static gboolean
append_to_field (RelaisCsvReader *self,
                 const guint8    *data,
                 gsize            n)
{
  if (G_UNLIKELY (self->field->len + n > RELAIS_CSV_MAX_FIELD_BYTES))
    {
      if (self->state == STATE_QUOTED || self->state == STATE_QUOTED_QUOTE)
        g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_FIELD_TOO_LONG,
                     /* Translators: %1$u is a line number of the file, %2$u a size in KiB */
                     _("Line %1$u: a quoted field is longer than %2$u KiB, which no lead needs. Check that its closing quote is not missing."),
                     self->field_line, RELAIS_CSV_MAX_FIELD_BYTES / 1024);
      else
        g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_FIELD_TOO_LONG,
                     /* Translators: %1$u is a line number of the file, %2$u a size in KiB */
                     _("Line %1$u: a field is longer than %2$u KiB, which no lead needs. Check that this is a CSV file of leads."),
                     self->field_line, RELAIS_CSV_MAX_FIELD_BYTES / 1024);
      return FALSE;
    }

  if (G_UNLIKELY (self->row_bytes + self->field->len + n > RELAIS_CSV_MAX_ROW_BYTES))
    {
      g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_ROW_TOO_LONG,
                   /* Translators: %1$u is a line number of the file, %2$u a size in KiB */
                   _("Line %1$u: the row is longer than %2$u KiB, which no lead needs. Check that this is a CSV file of leads."),
                   self->row_line, RELAIS_CSV_MAX_ROW_BYTES / 1024);
      return FALSE;
    }

  g_string_append_len (self->field, (const char *) data, (gssize) n);
  return TRUE;
}

static gboolean
end_field (RelaisCsvReader *self)
{
  const char *bad = NULL;

  if (self->state == STATE_AFTER_QUOTE && self->trailing > 0)
    g_string_truncate (self->field, self->field->len - self->trailing);
  self->trailing = 0;

  if (G_UNLIKELY (!g_utf8_validate_len (self->field->str, self->field->len, &bad)))
    {
      guint line = self->field_line + count_line_breaks (self->field->str, (gsize) (bad - self->field->str));

      g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_ENCODING,
                   /* Translators: %u is a line number of the file */
                   _("Line %u is not UTF-8 text. Open the file in your spreadsheet, save it as “CSV UTF-8”, then import it again."),
                   line);
      return FALSE;
    }

  if (G_UNLIKELY (self->row->len >= RELAIS_CSV_MAX_COLUMNS))
    {
      g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_TOO_MANY_COLUMNS,
                   /* Translators: %1$u is a line number of the file, %2$u a number of columns */
                   _("Line %1$u has more than %2$u columns. Check that this is a CSV file of leads."),
                   self->row_line, RELAIS_CSV_MAX_COLUMNS);
      return FALSE;
    }

  self->row_bytes += self->field->len;
  g_ptr_array_add (self->row, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  self->state = STATE_FIELD_START;
  return TRUE;
}

static GPtrArray *
end_row (RelaisCsvReader *self)
{
  GPtrArray *row = g_steal_pointer (&self->row);

  self->last_row_line = self->row_line;
  self->in_row = FALSE;
  self->row_bytes = 0;
  self->state = STATE_FIELD_START;
  self->n_rows++;
  return row;
}

static void
begin_row (RelaisCsvReader *self)
{
  if (!self->in_row)
    {
      self->in_row = TRUE;
      self->row_line = self->line;
      self->field_line = self->line;
      if (self->row == NULL)
        self->row = g_ptr_array_new_full (32, g_free);
    }
}

static gboolean
field_is_blank (GString *field)
{
  for (gsize i = 0; i < field->len; i++)
    if (field->str[i] != ' ' && field->str[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Parses buf[pos..len). Returns a finished row, or NULL when the buffer is used
 * up or on failure (self->error set). */
static GPtrArray *
parse (RelaisCsvReader *self)
{
  const guint8 *buf = self->buf;
  const guint8 delimiter = (guint8) self->delimiter;

  while (self->pos < self->len)
    {
      guint8 c;

      /* The fast path: a run of ordinary bytes goes in at once. */
      if (self->state == STATE_UNQUOTED || self->state == STATE_QUOTED)
        {
          guint8 mask = self->state == STATE_QUOTED ? SPECIAL_QUOTED : SPECIAL_UNQUOTED;
          gsize end = self->pos;

          while (end < self->len && (self->classes[buf[end]] & mask) == 0)
            end++;
          if (end > self->pos)
            {
              if (!append_to_field (self, buf + self->pos, end - self->pos))
                return NULL;
              self->pos = end;
              self->after_cr = FALSE;
              continue;
            }
        }

      c = buf[self->pos++];

      if (G_UNLIKELY (c == '\0'))
        {
          g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_NUL,
                       /* Translators: %u is a line number of the file */
                       _("Line %u contains a NUL byte: this is not a CSV text file. If it was saved as “Unicode text”, save it as “CSV UTF-8” instead."),
                       self->line);
          return NULL;
        }

      if (c == '\r' || c == '\n')
        {
          count_line_break (self, c);

          if (self->state == STATE_QUOTED)
            {
              if (!append_to_field (self, &c, 1))
                return NULL;
              continue;
            }

          /* A blank line, or the LF of a CRLF that ended the row. */
          if (!self->in_row)
            continue;

          if (!end_field (self))
            return NULL;
          return end_row (self);
        }

      self->after_cr = FALSE;
      begin_row (self);

      switch (self->state)
        {
        case STATE_FIELD_START:
          self->field_line = self->line;
          if (c == '"')
            self->state = STATE_QUOTED;
          else if (c == delimiter)
            {
              if (!end_field (self))
                return NULL;
            }
          else
            {
              self->state = STATE_UNQUOTED;
              if (!append_to_field (self, &c, 1))
                return NULL;
            }
          break;

        case STATE_UNQUOTED:
          if (c == delimiter)
            {
              if (!end_field (self))
                return NULL;
            }
          else if (c == '"' && field_is_blank (self->field))
            {
              /* a, "b": the spaces before the quote are layout, not data. */
              g_string_truncate (self->field, 0);
              self->state = STATE_QUOTED;
            }
          else if (!append_to_field (self, &c, 1))
            return NULL;
          break;

        case STATE_QUOTED:
          g_assert (c == '"');
          self->state = STATE_QUOTED_QUOTE;
          break;

        case STATE_QUOTED_QUOTE:
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              if (!append_to_field (self, &c, 1))
                return NULL;
            }
          else if (c == delimiter)
            {
              if (!end_field (self))
                return NULL;
            }
          else
            {
              /* Lenient: text after the closing quote is kept; spaces only if
               * more text follows them. */
              self->state = STATE_AFTER_QUOTE;
              self->pos--;
            }
          break;

        case STATE_AFTER_QUOTE:
          if (c == delimiter)
            {
              if (!end_field (self))
                return NULL;
            }
          else
            {
              if (c == ' ' || c == '\t')
                self->trailing++;
              else
                self->trailing = 0;
              if (!append_to_field (self, &c, 1))
                return NULL;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return NULL;
}

/**
 * relais_csv_reader_next_row:
 * @fields_out: (out) (transfer full): the fields of the row
 *
 * Returns: %TRUE with a row, %FALSE at the end or on failure.
 */
gboolean
relais_csv_reader_next_row (RelaisCsvReader  *self,
                            GPtrArray       **fields_out,
                            GError          **error)
{
  g_return_val_if_fail (RELAIS_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (fields_out != NULL, FALSE);

  *fields_out = NULL;

  /* On failure, start() leaves its error in self->error, as parse() does. */
  if (self->error == NULL && !self->finished && !self->started)
    start (self);

  while (self->error == NULL && !self->finished)
    {
      GPtrArray *row = parse (self);

      if (row != NULL)
        {
          *fields_out = row;
          return TRUE;
        }
      if (self->error != NULL)
        break;

      if (!self->eof)
        {
          refill (self);
          continue;
        }

      /* The end of the file. */
      self->finished = TRUE;

      if (self->state == STATE_QUOTED)
        {
          g_set_error (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_UNCLOSED_QUOTE,
                       /* Translators: %u is a line number of the file; a field that
                        * begins with a quote (") must end with one */
                       _("Line %u: a quoted field is not closed. Add the missing quote (\") and import the file again."),
                       self->field_line);
          break;
        }

      if (self->in_row)
        {
          /* The last line has no line end. */
          if (!end_field (self))
            break;
          *fields_out = end_row (self);
          return TRUE;
        }

      if (self->n_rows == 0)
        {
          g_set_error_literal (&self->error, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_EMPTY,
                               _("The file is empty: there is nothing to import."));
          break;
        }

      return FALSE;
    }

  if (self->error != NULL)
    {
      /* Nothing of a broken row is kept. */
      g_clear_pointer (&self->row, g_ptr_array_unref);
      self->finished = TRUE;
      g_propagate_error (error, g_error_copy (self->error));
    }

  return FALSE;
}

/* --- Writing ---------------------------------------------------------------- */

void
relais_csv_append_field (GString    *out,
                         const char *field)
{
  gsize len;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (field == NULL || field[0] == '\0')
    return;

  len = strlen (field);
  quote = field[0] == ' ' || field[0] == '\t' ||
          field[len - 1] == ' ' || field[len - 1] == '\t' ||
          strpbrk (field, ",;\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append_len (out, field, (gssize) len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0';)
    {
      const char *q = strchr (p, '"');

      if (q == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, q - p + 1);
      g_string_append_c (out, '"');
      p = q + 1;
    }
  g_string_append_c (out, '"');
}

void
relais_csv_append_row (GString            *out,
                       const char * const *fields,
                       guint               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      relais_csv_append_field (out, fields[i]);
    }

  /* A row of one empty field would read back as a blank line, which readers
   * skip: quote it so that it stays a row. */
  if (n_fields == 1 && (fields[0] == NULL || fields[0][0] == '\0'))
    g_string_append (out, "\"\"");

  g_string_append (out, "\r\n");
}

void
relais_csv_append_header (GString            *out,
                          const char * const *names,
                          guint               n_names,
                          gboolean            with_bom)
{
  g_return_if_fail (out != NULL);

  if (with_bom)
    g_string_append (out, "\xEF\xBB\xBF");
  relais_csv_append_row (out, names, n_names);
}
