/* relais-lead-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-import.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "relais-journal.h"
#include "relais-lead-store.h"
#include "relais-util.h"

G_DEFINE_QUARK (relais-lead-import-error-quark, relais_lead_import_error)

#define DEFAULT_PROGRESS_INTERVAL 10000

void
relais_lead_import_report_init (RelaisLeadImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->errors = g_array_new (FALSE, FALSE, sizeof (RelaisLeadImportRowError));
}

void
relais_lead_import_report_clear (RelaisLeadImportReport *report)
{
  g_return_if_fail (report != NULL);

  if (report->errors != NULL)
    {
      for (guint i = 0; i < report->errors->len; i++)
        g_free (g_array_index (report->errors, RelaisLeadImportRowError, i).message);
      g_array_unref (report->errors);
    }
  memset (report, 0, sizeof *report);
}

/* --- The duplicate keys ------------------------------------------------------
 *
 * There is no index on lead.email, and none could compare companies with
 * Unicode case folding: duplicates are found in memory. Each lead with an
 * e-mail goes in an open-addressing table as the 64-bit hash of its key and
 * its id (32 to 64 bytes a lead with the table's free slots: 32 MB for a
 * million leads), read in one scan of the leads table: 0.9 s for a million
 * leads on 2 cores, which an index on e-mails would spare small imports. A hash found is confirmed against the
 * stored row, so that a collision never merges two different leads. */

typedef struct {
  guint64 *hashes;
  gint64  *ids;     /* 0: a free slot */
  gsize    mask;
  gsize    n;
} KeyTable;

static gsize
key_slot (guint64 hash)
{
  /* The hash is FNV-1a, whose low bits are weak: mix them (splitmix64). */
  hash ^= hash >> 30;
  hash *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  hash ^= hash >> 27;
  hash *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  hash ^= hash >> 31;
  return (gsize) hash;
}

static void
key_table_init (KeyTable *table,
                gsize     expected)
{
  gsize size = 1024;

  while (size < expected * 2)
    size <<= 1;

  table->hashes = g_new (guint64, size);
  table->ids = g_new0 (gint64, size);
  table->mask = size - 1;
  table->n = 0;
}

static void
key_table_clear (KeyTable *table)
{
  g_clear_pointer (&table->hashes, g_free);
  g_clear_pointer (&table->ids, g_free);
}

static void
key_table_put (guint64 *hashes,
               gint64  *ids,
               gsize    mask,
               guint64  hash,
               gint64   id)
{
  gsize i = key_slot (hash) & mask;

  while (ids[i] != 0)
    i = (i + 1) & mask;
  hashes[i] = hash;
  ids[i] = id;
}

static void
key_table_add (KeyTable *table,
               guint64   hash,
               gint64    id)
{
  if ((table->n + 1) * 2 > table->mask + 1)
    {
      gsize size = (table->mask + 1) * 2;
      guint64 *hashes = g_new (guint64, size);
      gint64 *ids = g_new0 (gint64, size);

      for (gsize i = 0; i <= table->mask; i++)
        if (table->ids[i] != 0)
          key_table_put (hashes, ids, size - 1, table->hashes[i], table->ids[i]);

      g_free (table->hashes);
      g_free (table->ids);
      table->hashes = hashes;
      table->ids = ids;
      table->mask = size - 1;
    }

  key_table_put (table->hashes, table->ids, table->mask, hash, id);
  table->n++;
}

static gboolean
load_keys (RelaisDb  *db,
           KeyTable  *table,
           gint64    *n_leads_out,
           GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;
  gint64 n_leads;

  n_leads = relais_lead_store_count (db, error);
  if (n_leads < 0)
    return FALSE;
  *n_leads_out = n_leads;

  key_table_init (table, (gsize) n_leads);

  st = relais_db_prepare (db, "SELECT id, email, company FROM lead WHERE email <> ''", error);
  if (st == NULL)
    return FALSE;

  while (relais_statement_next (st, &local_error))
    key_table_add (table,
                   relais_lead_csv_duplicate_hash (relais_statement_get_text (st, 1),
                                                   relais_statement_get_text (st, 2)),
                   relais_statement_get_int64 (st, 0));

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* The id of the lead that @email and @company duplicate, 0 when none, -1 with
 * @error set on failure. */
static gint64
find_duplicate (RelaisDb    *db,
                KeyTable    *table,
                guint64      hash,
                const char  *email,
                const char  *company,
                GError     **error)
{
  for (gsize i = key_slot (hash) & table->mask; table->ids[i] != 0; i = (i + 1) & table->mask)
    {
      g_autoptr(RelaisStatement) st = NULL;
      gboolean same;

      if (table->hashes[i] != hash)
        continue;

      st = relais_db_prepare (db, "SELECT email, company FROM lead WHERE id = ?", error);
      if (st == NULL)
        return -1;
      relais_statement_bind_int64 (st, 1, table->ids[i]);
      if (!relais_statement_next (st, error))
        {
          if (error != NULL && *error != NULL)
            return -1;
          continue;
        }
      same = relais_lead_csv_is_duplicate (email, company,
                                           relais_statement_get_text (st, 0),
                                           relais_statement_get_text (st, 1));
      relais_statement_reset (st);
      if (same)
        return table->ids[i];
    }

  return 0;
}

/* --- Merging ------------------------------------------------------------------ */

static gboolean
note_exists (RelaisDb    *db,
             gint64       lead_id,
             const char  *body,
             gboolean    *exists,
             GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  st = relais_db_prepare (db, "SELECT 1 FROM lead_note WHERE lead_id = ? AND body = ?", error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, lead_id);
  relais_statement_bind_text (st, 2, body);
  *exists = relais_statement_next (st, &local_error);
  relais_statement_reset (st);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* The fields a merge may fill besides the names and the listing: writing
 * only these leaves the search text and the sort indexes of names alone. */
#define MERGE_OTHER_COLUMNS \
  "phone = ?, street = ?, city = ?, state = ?, postal_code = ?, country = ?," \
  " technology = ?, budget = ?, language = ?, program = ?, source = ?," \
  " value_minor = ?, currency = ?, updated_at = ?, revision = revision + 1"

/* Fills the empty fields of the stored lead @id from @from: the file never
 * replaces what the store has. Kind, category and status always have a value
 * and stay as they are. *@renamed says whether a name or the listing (fields
 * of the search text) changed. */
static gboolean
merge_into (RelaisDb    *db,
            gint64       id,
            RelaisLead  *from,
            const char  *notes,
            gint64       now,
            gboolean    *changed,
            gboolean    *renamed,
            GError     **error)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  gboolean add_note = FALSE;
  int i = 1;

  *changed = FALSE;
  *renamed = FALSE;

  lead = relais_lead_store_load (db, id, error);
  if (lead == NULL)
    return FALSE;

#define FILL(name, flag) \
  if (relais_lead_get_##name (lead)[0] == '\0' && relais_lead_get_##name (from)[0] != '\0') \
    { \
      relais_lead_set_##name (lead, relais_lead_get_##name (from)); \
      *flag = TRUE; \
    }
  FILL (first_name, renamed)
  FILL (last_name, renamed)
  FILL (listing, renamed)
  FILL (phone, changed)
  FILL (street, changed)
  FILL (city, changed)
  FILL (state, changed)
  FILL (postal_code, changed)
  FILL (country, changed)
  FILL (technology, changed)
  FILL (budget, changed)
  FILL (language, changed)
  FILL (program, changed)
  FILL (source, changed)
#undef FILL

  /* A value goes with its currency. */
  if (relais_lead_get_value_minor (lead) == 0 && relais_lead_get_value_minor (from) > 0)
    {
      relais_lead_set_value_minor (lead, relais_lead_get_value_minor (from));
      if (relais_lead_get_currency (from)[0] != '\0')
        relais_lead_set_currency (lead, relais_lead_get_currency (from));
      *changed = TRUE;
    }

  if (notes != NULL)
    {
      gboolean exists = FALSE;

      if (!note_exists (db, id, notes, &exists, error))
        return FALSE;
      add_note = !exists;
    }

  if (!*changed && !*renamed && !add_note)
    return TRUE;
  *changed = TRUE;

  if (*renamed)
    st = relais_db_prepare (db, "UPDATE lead SET first_name = ?, last_name = ?, listing = ?, " MERGE_OTHER_COLUMNS " WHERE id = ?", error);
  else
    st = relais_db_prepare (db, "UPDATE lead SET " MERGE_OTHER_COLUMNS " WHERE id = ?", error);
  if (st == NULL)
    return FALSE;

  if (*renamed)
    {
      relais_statement_bind_text (st, i++, relais_lead_get_first_name (lead));
      relais_statement_bind_text (st, i++, relais_lead_get_last_name (lead));
      relais_statement_bind_text (st, i++, relais_lead_get_listing (lead));
    }
  relais_statement_bind_text (st, i++, relais_lead_get_phone (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_street (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_city (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_state (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_postal_code (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_country (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_technology (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_budget (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_language (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_program (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_source (lead));
  relais_statement_bind_int64 (st, i++, relais_lead_get_value_minor (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_currency (lead)[0] ? relais_lead_get_currency (lead) : "EUR");
  relais_statement_bind_int64 (st, i++, MAX (now, relais_lead_get_updated_at (lead) + 1));
  relais_statement_bind_int64 (st, i++, id);

  if (!relais_statement_execute (st, error))
    return FALSE;

  if (add_note && !relais_lead_store_add_note (db, id, "", notes, now, error))
    return FALSE;

  return TRUE;
}

/* --- The journal -------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Links each lead of @touched to the journal entry, once. Leads inserted by
 * one import have consecutive ids: each run of them is linked by one statement
 * rather than one a lead (a tenth of the time for a large import); the rows
 * written are those of relais_journal_add_lead(). */
static gboolean
link_leads (RelaisDb  *db,
            gint64     journal_id,
            GArray    *touched,
            GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  guint i = 0;

  g_array_sort (touched, compare_ids);

  st = relais_db_prepare (db,
                          "WITH RECURSIVE run (id) AS (SELECT ?2 UNION ALL SELECT id + 1 FROM run WHERE id < ?3)"
                          " INSERT INTO journal_lead (journal_id, lead_id) SELECT ?1, id FROM run",
                          error);
  if (st == NULL)
    return FALSE;

  while (i < touched->len)
    {
      gint64 first = g_array_index (touched, gint64, i);
      gint64 last = first;

      /* The run: consecutive ids, and repeats of one (a lead merged twice). */
      while (++i < touched->len &&
             (g_array_index (touched, gint64, i) == last ||
              g_array_index (touched, gint64, i) == last + 1))
        last = g_array_index (touched, gint64, i);

      if (first == last)
        {
          if (!relais_journal_add_lead (db, journal_id, first, error))
            return FALSE;
          continue;
        }

      relais_statement_bind_int64 (st, 1, journal_id);
      relais_statement_bind_int64 (st, 2, first);
      relais_statement_bind_int64 (st, 3, last);
      if (!relais_statement_execute (st, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_journal (RelaisDb                      *db,
               const RelaisLeadImportOptions *options,
               RelaisLeadImportReport        *report,
               GArray                        *touched,
               GError                       **error)
{
  g_autoptr(GString) changes = g_string_new ("{\"file\":");
  gint64 journal_id;

  append_json_string (changes, options->file_name ? options->file_name : "");
  g_string_append_printf (changes,
                          ",\"rows\":%" G_GUINT64_FORMAT ",\"inserted\":%" G_GUINT64_FORMAT
                          ",\"duplicates\":%" G_GUINT64_FORMAT ",\"merged\":%" G_GUINT64_FORMAT
                          ",\"invalid\":%" G_GUINT64_FORMAT ",\"on_duplicate\":\"%s\"}",
                          report->n_rows, report->n_inserted, report->n_duplicates,
                          report->n_merged, report->n_invalid,
                          options->on_duplicate == RELAIS_LEAD_IMPORT_MERGE_DUPLICATES ? "merge" : "skip");

  journal_id = relais_journal_append (db, "import", "lead", NULL, changes->str, error);
  if (journal_id == 0)
    return FALSE;

  if (!link_leads (db, journal_id, touched, error))
    return FALSE;

  report->journal_id = journal_id;
  return TRUE;
}

/* --- Import ------------------------------------------------------------------- */

static void
add_row_error (RelaisLeadImportReport *report,
               guint                   line,
               const GError           *row_error)
{
  RelaisLeadImportRowError entry;

  report->n_invalid++;
  if (report->errors->len >= RELAIS_LEAD_IMPORT_MAX_ERRORS)
    return;

  entry.line = line;
  entry.code = row_error->code;
  entry.message = g_strdup (row_error->message);
  g_array_append_val (report->errors, entry);
}

static void
set_invalid_rows_error (RelaisLeadImportReport  *report,
                        GError                 **error)
{
  g_autofree char *count = relais_format_count ((gint64) report->n_invalid);

  g_set_error (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS,
               /* Translators: %s is a number of rows of a CSV file */
               g_dngettext (GETTEXT_PACKAGE,
                            "%s row is not valid, so nothing was imported. Correct it, or import only the valid rows.",
                            "%s rows are not valid, so nothing was imported. Correct them, or import only the valid rows.",
                            (gulong) MIN (report->n_invalid, G_MAXULONG)),
               count);
}

static char *
dup_notes (const RelaisLeadCsvMapping *mapping,
           GPtrArray                  *row)
{
  const char *notes;
  char *copy;

  if (relais_lead_csv_mapping_get_column (mapping, RELAIS_LEAD_CSV_FIELD_NOTES) < 0)
    return NULL;

  notes = relais_lead_csv_row_get (mapping, row, RELAIS_LEAD_CSV_FIELD_NOTES);
  if (notes[0] == '\0')
    return NULL;

  /* Windows line ends become plain ones, as the notes typed in Relais have. */
  copy = g_strstrip (g_strdup (notes));
  if (strchr (copy, '\r') != NULL)
    {
      char *out = copy;

      for (const char *in = copy; *in != '\0'; in++)
        {
          if (in[0] == '\r' && in[1] == '\n')
            continue;
          *out++ = *in == '\r' ? '\n' : *in;
        }
      *out = '\0';
    }
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* --- Reading, on a thread of its own ------------------------------------------
 *
 * Parsing and checking a row takes about a third of the time of writing it
 * (whose most is SQLite's and the search index's): on two cores, the rows are
 * read, checked and hashed by a reader thread while the importing thread
 * looks duplicates up and writes. Rows travel in batches, recycled through a
 * second queue so that at most N_BATCHES are in memory. */

#define BATCH_SIZE 256
#define N_BATCHES  8

typedef struct {
  RelaisLead *lead;       /* owned by the slot, refilled for each row */
  GError     *error;      /* set when the row is not a valid lead */
  char       *notes;
  guint64     hash;       /* of the duplicate key, when the lead has an e-mail */
  guint       line;
} Item;

typedef struct {
  Item     items[BATCH_SIZE];
  guint    n_items;
  guint64  n_read;        /* rows read up to the end of this batch, blank ones too */
  guint64  bytes_read;
  gboolean last;          /* nothing comes after this batch */
  GError  *error;         /* with last: why the reading stopped, if it failed */
  gint     owner;         /* atomic: 1 while the importer has it, 0 the reader */
} Batch;

/* The queues hand batches over, and their locks order the accesses; these
 * atomics say so in a way that ThreadSanitizer also sees (GLib's futex locks
 * are invisible to it). */
static void
batch_give (Batch *batch,
            gint   to)
{
  g_atomic_int_set (&batch->owner, to);
}

static Batch *
batch_take (GAsyncQueue *queue,
            gint         me)
{
  Batch *batch = g_async_queue_pop (queue);

  g_assert (g_atomic_int_get (&batch->owner) == me);
  return batch;
}

#define OWNER_READER   0
#define OWNER_IMPORTER 1

typedef struct {
  RelaisCsvReader            *reader;
  const RelaisLeadCsvMapping *mapping;
  GAsyncQueue                *free_batches;
  GAsyncQueue                *full_batches;
  Batch                      *batches[N_BATCHES];
  GRand                      *rand;
  GThread                    *thread;
  gint                        stop;  /* atomic: the importer wants no more rows */
} Reader;

/* A random (version 4) UUID, as relais_uuid_new() makes, without its global
 * lock and printf: from a generator of this import, seeded by the system. */
static void
make_uuid (GRand *rand,
           char   out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint j = 0;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (rand);
      memcpy (bytes + i, &r, 4);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0x0f];
    }
  out[j] = '\0';
}

static void
item_clear (Item *item)
{
  g_clear_error (&item->error);
  g_clear_pointer (&item->notes, g_free);
  item->hash = 0;
}

static void
read_row (Reader    *reader,
          GPtrArray *row,
          Item      *item)
{
  char uuid[37];
  const char *email;

  item->line = relais_csv_reader_get_line (reader->reader);
  if (!relais_lead_csv_row_to_lead (reader->mapping, row, item->lead, &item->error))
    return;

  item->notes = dup_notes (reader->mapping, row);
  make_uuid (reader->rand, uuid);
  relais_lead_set_uuid (item->lead, uuid);

  email = relais_lead_get_email (item->lead);
  if (email[0] != '\0')
    item->hash = relais_lead_csv_duplicate_hash (email, relais_lead_get_company (item->lead));
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  guint64 n_read = 0;

  for (;;)
    {
      Batch *batch = batch_take (reader->free_batches, OWNER_READER);
      gboolean last = FALSE;

      batch->n_items = 0;
      while (batch->n_items < BATCH_SIZE)
        {
          g_autoptr(GPtrArray) row = NULL;

          if (g_atomic_int_get (&reader->stop) ||
              !relais_csv_reader_next_row (reader->reader, &row, &batch->error))
            {
              last = TRUE;
              break;
            }

          n_read++;
          if (!relais_lead_csv_row_is_blank (row))
            read_row (reader, row, &batch->items[batch->n_items++]);
        }

      /* Once pushed, the batch is the importer's. */
      batch->last = last;
      batch->n_read = n_read;
      batch->bytes_read = relais_csv_reader_get_bytes_read (reader->reader);
      batch_give (batch, OWNER_IMPORTER);
      g_async_queue_push (reader->full_batches, batch);
      if (last)
        return NULL;
    }
}

static void
reader_start (Reader                     *reader,
              RelaisCsvReader            *csv_reader,
              const RelaisLeadCsvMapping *mapping)
{
  reader->reader = csv_reader;
  reader->mapping = mapping;
  reader->free_batches = g_async_queue_new ();
  reader->full_batches = g_async_queue_new ();
  reader->rand = g_rand_new ();

  for (guint b = 0; b < N_BATCHES; b++)
    {
      reader->batches[b] = g_new0 (Batch, 1);
      for (guint i = 0; i < BATCH_SIZE; i++)
        reader->batches[b]->items[i].lead = relais_lead_new ();
      g_async_queue_push (reader->free_batches, reader->batches[b]);
    }

  reader->thread = g_thread_new ("relais-csv-import", reader_thread, reader);
}

/* Gives @batch back to the reader thread. */
static void
reader_recycle (Reader *reader,
                Batch  *batch)
{
  for (guint i = 0; i < batch->n_items; i++)
    item_clear (&batch->items[i]);
  batch->n_items = 0;
  batch_give (batch, OWNER_READER);
  g_async_queue_push (reader->free_batches, batch);
}

/* Stops the reader thread, if any, and frees everything. */
static void
reader_finish (Reader *reader)
{
  if (reader->thread == NULL)
    return;

  /* The thread stops at its next row, and ends with a last batch. */
  g_atomic_int_set (&reader->stop, 1);
  for (;;)
    {
      Batch *batch = batch_take (reader->full_batches, OWNER_IMPORTER);
      gboolean last = batch->last;

      reader_recycle (reader, batch);
      if (last)
        break;
    }
  g_thread_join (g_steal_pointer (&reader->thread));

  for (guint b = 0; b < N_BATCHES; b++)
    {
      for (guint i = 0; i < BATCH_SIZE; i++)
        {
          item_clear (&reader->batches[b]->items[i]);
          g_object_unref (reader->batches[b]->items[i].lead);
        }
      g_clear_error (&reader->batches[b]->error);
      g_free (reader->batches[b]);
    }
  g_async_queue_unref (reader->free_batches);
  g_async_queue_unref (reader->full_batches);
  g_rand_free (reader->rand);
}

/* --- Writing ------------------------------------------------------------------ */

/* Below this many rows to write, indexes are kept up to date row by row. */
#define BULK_MIN_ROWS 2000

typedef struct {
  RelaisDb                      *db;
  const RelaisLeadCsvMapping    *mapping;
  const RelaisLeadImportOptions *options;
  RelaisLeadImportReport        *report;
  gint64                         size;        /* of the file, or -1 */
  KeyTable                       keys;
  gint64                         n_existing;  /* leads in the store before the import */
  GArray                        *touched;     /* ids of the leads inserted or merged */
  RelaisLeadBulk                *bulk;
  GArray                        *bulk_merged; /* ids renamed by a merge while the indexes were down */
  gint64                         now;
} Import;

static void
import_clear (Import *import)
{
  key_table_clear (&import->keys);
  g_clear_pointer (&import->touched, g_array_unref);
  g_clear_pointer (&import->bulk_merged, g_array_unref);
  g_clear_pointer (&import->bulk, relais_lead_bulk_free);
}

/* Whether a multiple of @step lies in (before, after]. */
static gboolean
crossed (guint64 before,
         guint64 after,
         guint64 step)
{
  return after / step != before / step;
}

/* The store keeps about 13 indexes on leads, one of them a trigram full-text
 * index: kept up to date row by row, they cost 75 to 110 µs a new lead
 * (measured on 2 cores). Dropped and made again at the end, in one sorted pass
 * each (relais_lead_store_begin_bulk()), they cost about 20 µs a row of the
 * whole table. So they are dropped when the new leads still to come are at
 * least a third of the leads already stored (and more than a few), which the
 * bytes read and the rows inserted so far tell at a few checkpoints. */
static gboolean
maybe_begin_bulk (Import   *import,
                  guint64   n_read_before,
                  guint64   n_read,
                  guint64   bytes_read,
                  GError  **error)
{
  guint64 remaining;
  gboolean checkpoint = FALSE;

  for (guint64 mark = 1000; mark <= 100000; mark *= 10)
    if (n_read_before < mark && n_read >= mark)
      checkpoint = TRUE;

  if (import->bulk != NULL || !checkpoint)
    return TRUE;

  if (import->size > 0 && bytes_read > 0 && (guint64) import->size > bytes_read)
    remaining = (guint64) ((double) n_read * (double) ((guint64) import->size - bytes_read) / (double) bytes_read);
  else if (import->size > 0)
    remaining = 0;
  else
    remaining = n_read;  /* an unknown length: as much again, say */

  /* Only new leads count: duplicates are skipped, or merged by an update that
   * costs the same with or without the indexes. */
  if (n_read_before > 0)
    remaining = (guint64) ((double) remaining * (double) import->report->n_inserted / (double) n_read_before);

  if (remaining < BULK_MIN_ROWS || remaining * 3 < (guint64) import->n_existing)
    return TRUE;

  g_debug ("About %" G_GUINT64_FORMAT " new leads to come, %" G_GINT64_FORMAT " stored: indexes made at the end",
           remaining, import->n_existing);
  import->bulk = relais_lead_store_begin_bulk (import->db, error);
  if (import->bulk == NULL)
    return FALSE;
  import->bulk_merged = g_array_new (FALSE, FALSE, sizeof (gint64));
  return TRUE;
}

static gboolean
end_bulk (Import  *import,
          GError **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  if (import->bulk == NULL)
    return TRUE;

  if (!relais_lead_store_end_bulk (import->db, g_steal_pointer (&import->bulk), error))
    return FALSE;

  /* The triggers that fold names into the search text were down when those
   * leads got theirs: setting a name to itself runs them now. */
  st = relais_db_prepare (import->db, "UPDATE lead SET first_name = first_name WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < import->bulk_merged->len; i++)
    {
      relais_statement_bind_int64 (st, 1, g_array_index (import->bulk_merged, gint64, i));
      if (!relais_statement_execute (st, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_item (Import  *import,
             Item    *item,
             GError **error)
{
  RelaisLead *lead = item->lead;
  gint64 duplicate = 0;
  gint64 id;

  import->report->n_rows++;

  if (item->error != NULL)
    {
      add_row_error (import->report, item->line, item->error);
      return TRUE;
    }

  if (relais_lead_get_email (lead)[0] != '\0')
    {
      duplicate = find_duplicate (import->db, &import->keys, item->hash,
                                  relais_lead_get_email (lead), relais_lead_get_company (lead), error);
      if (duplicate < 0)
        return FALSE;
    }

  if (duplicate > 0)
    {
      gboolean changed = FALSE;
      gboolean renamed = FALSE;

      import->report->n_duplicates++;
      if (import->options->on_duplicate != RELAIS_LEAD_IMPORT_MERGE_DUPLICATES)
        return TRUE;

      if (!merge_into (import->db, duplicate, lead, item->notes, import->now, &changed, &renamed, error))
        return FALSE;
      if (changed)
        {
          import->report->n_merged++;
          g_array_append_val (import->touched, duplicate);
        }
      if (renamed && import->bulk != NULL)
        g_array_append_val (import->bulk_merged, duplicate);
      return TRUE;
    }

  if (relais_lead_get_created_at (lead) == 0)
    relais_lead_set_created_at (lead, import->now);
  relais_lead_set_updated_at (lead, import->now);

  if (!relais_lead_store_insert (import->db, lead, error))
    return FALSE;

  id = relais_lead_get_id (lead);
  if (relais_lead_get_email (lead)[0] != '\0')
    key_table_add (&import->keys, item->hash, id);
  g_array_append_val (import->touched, id);

  if (item->notes != NULL &&
      !relais_lead_store_add_note (import->db, id, "", item->notes, import->now, error))
    return FALSE;

  import->report->n_inserted++;
  return TRUE;
}

static gboolean
import_rows (Import           *import,
             RelaisCsvReader  *csv_reader,
             GCancellable     *cancellable,
             GError          **error)
{
  const RelaisLeadImportOptions *options = import->options;
  guint interval = options->progress_interval ? options->progress_interval : DEFAULT_PROGRESS_INTERVAL;
  Reader reader = { 0 };
  GError *local_error = NULL;
  guint64 n_read = 0;

  if (!load_keys (import->db, &import->keys, &import->n_existing, error))
    return FALSE;

  reader_start (&reader, csv_reader, import->mapping);

  while (local_error == NULL)
    {
      Batch *batch = batch_take (reader.full_batches, OWNER_IMPORTER);
      gboolean last = batch->last;

      if (maybe_begin_bulk (import, n_read, batch->n_read, batch->bytes_read, &local_error))
        for (guint i = 0; i < batch->n_items; i++)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
                !import_item (import, &batch->items[i], &local_error))
              break;
          }

      if (local_error == NULL && batch->error != NULL)
        g_propagate_error (&local_error, g_steal_pointer (&batch->error));

      if (local_error == NULL && options->progress != NULL && crossed (n_read, batch->n_read, interval))
        options->progress (import->report, batch->bytes_read, import->size, options->progress_data);
      n_read = batch->n_read;

      if (last)
        {
          /* The reader thread is done: put the batch back for reader_finish(). */
          g_async_queue_push (reader.full_batches, batch);
          break;
        }
      reader_recycle (&reader, batch);
    }

  reader_finish (&reader);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
relais_lead_import_run (RelaisDb                      *db,
                        RelaisCsvReader               *reader,
                        const RelaisLeadCsvMapping    *mapping,
                        const RelaisLeadImportOptions *options,
                        RelaisLeadImportReport        *report,
                        GCancellable                  *cancellable,
                        GError                       **error)
{
  static const RelaisLeadImportOptions default_options = { 0 };
  Import import = { 0 };
  GError *local_error = NULL;
  gint64 started[4] = { g_get_monotonic_time (), 0, 0, 0 };

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_CSV_READER (reader), FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (report != NULL && report->errors != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (options == NULL)
    options = &default_options;

  if (!relais_lead_csv_mapping_check (mapping, error))
    return FALSE;

  if (!relais_db_begin (db, error))
    return FALSE;

  import.db = db;
  import.size = relais_csv_reader_get_size (reader);
  import.mapping = mapping;
  import.options = options;
  import.report = report;
  import.touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.now = g_get_real_time ();

  if (!import_rows (&import, reader, cancellable, &local_error))
    goto fail;

  if (report->n_rows == 0)
    {
      g_set_error_literal (&local_error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_NO_ROWS,
                           _("The file has a header line but no lead after it: there is nothing to import."));
      goto fail;
    }

  if (options->dry_run)
    {
      /* The rollback puts the indexes back as they were, too. */
      relais_db_rollback (db);
      import_clear (&import);
      if (options->progress != NULL)
        options->progress (report, relais_csv_reader_get_bytes_read (reader),
                           relais_csv_reader_get_size (reader), options->progress_data);
      return TRUE;
    }

  if (report->n_invalid > 0 && options->on_errors == RELAIS_LEAD_IMPORT_ABORT_ALL)
    {
      set_invalid_rows_error (report, &local_error);
      goto fail;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto fail;

  started[1] = g_get_monotonic_time ();
  if (!end_bulk (&import, &local_error))
    goto fail;

  /* An import that changes nothing leaves no trace in the journal. */
  started[2] = g_get_monotonic_time ();
  if (import.touched->len > 0 && !write_journal (db, options, report, import.touched, &local_error))
    goto fail;

  started[3] = g_get_monotonic_time ();
  if (!relais_db_commit (db, &local_error))
    goto fail;

  g_debug ("Imported %" G_GUINT64_FORMAT " rows: rows %.2f s, indexes %.2f s, journal %.2f s, commit %.2f s",
           report->n_rows,
           (started[1] - started[0]) / (double) G_USEC_PER_SEC,
           (started[2] - started[1]) / (double) G_USEC_PER_SEC,
           (started[3] - started[2]) / (double) G_USEC_PER_SEC,
           (g_get_monotonic_time () - started[3]) / (double) G_USEC_PER_SEC);

  report->committed = TRUE;
  import_clear (&import);
  if (options->progress != NULL)
    options->progress (report, relais_csv_reader_get_bytes_read (reader),
                       relais_csv_reader_get_size (reader), options->progress_data);
  return TRUE;

fail:
  relais_db_rollback (db);
  import_clear (&import);
  report->journal_id = 0;
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
relais_lead_import_file (RelaisDb                      *db,
                         GFile                         *file,
                         const RelaisLeadCsvMapping    *mapping,
                         const RelaisLeadImportOptions *options,
                         RelaisLeadImportReport        *report,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  g_autoptr(RelaisCsvReader) reader = NULL;
  g_autoptr(RelaisLeadCsvMapping) guessed = NULL;
  g_autofree char *basename = NULL;
  RelaisLeadImportOptions file_options = { 0 };

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  reader = relais_csv_reader_new_for_file (file, cancellable, error);
  if (reader == NULL)
    return FALSE;

  guessed = relais_lead_csv_mapping_new_from_reader (reader, error);
  if (guessed == NULL)
    return FALSE;

  if (mapping != NULL &&
      relais_lead_csv_mapping_get_n_columns (mapping) != relais_lead_csv_mapping_get_n_columns (guessed))
    {
      g_set_error (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_COLUMNS,
                   /* Translators: %1$u and %2$u are numbers of columns (at least 2) */
                   _("The file has changed: it has %1$u columns, not %2$u. Open it again to choose its columns."),
                   relais_lead_csv_mapping_get_n_columns (guessed),
                   relais_lead_csv_mapping_get_n_columns (mapping));
      return FALSE;
    }

  if (options != NULL)
    file_options = *options;
  if (file_options.file_name == NULL)
    {
      basename = g_file_get_basename (file);
      file_options.file_name = basename;
    }

  return relais_lead_import_run (db, reader, mapping ? mapping : guessed, &file_options,
                                 report, cancellable, error);
}
