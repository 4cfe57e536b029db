/* relais-lead-export.c
 *
 * Rows are read straight from SQLite into the CSV buffer, column by column, in
 * the order of relais_lead_csv_export_header(): no RelaisLead is built, so a
 * million leads go out at close to the speed of the sqlite3 shell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-export.h"

#include "relais-csv.h"
#include "relais-lead-csv.h"
#include "relais-lead-query-store.h"

/* In the order of RelaisLeadCsvField; value_minor, created_at and the notes
 * are formatted below. */
#define EXPORT_COLUMNS \
  "lead.first_name, lead.last_name, lead.company, lead.email, lead.phone, lead.street," \
  " lead.city, lead.state, lead.postal_code, lead.country, lead.listing, lead.kind," \
  " lead.category, lead.technology, lead.budget, lead.language, lead.program, lead.source," \
  " lead.status, lead.value_minor, lead.currency, lead.created_at," \
  " (SELECT group_concat (body, char(10)) FROM (SELECT body FROM lead_note" \
  "   WHERE lead_note.lead_id = lead.id ORDER BY created_at))"

G_STATIC_ASSERT (RELAIS_LEAD_CSV_N_FIELDS == 23);
G_STATIC_ASSERT (RELAIS_LEAD_CSV_FIELD_VALUE == 19);
G_STATIC_ASSERT (RELAIS_LEAD_CSV_FIELD_CREATED == 21);
G_STATIC_ASSERT (RELAIS_LEAD_CSV_FIELD_NOTES == 22);

/* Written out whenever the buffer holds this much. */
#define CHUNK_SIZE (256 * 1024)

/**
 * relais_lead_export_default_name:
 *
 * Returns: (transfer full): the file name for an export made at @now.
 */
char *
relais_lead_export_default_name (GDateTime *now)
{
  g_autofree char *date = g_date_time_format (now, "%m%d%Y");

  return g_strdup_printf ("Leads_%s.csv", date);
}

static void
append_value (GString *out,
              gint64   minor)
{
  char buffer[32];

  if (minor == 0)
    return;  /* an empty field: no value known */

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT ".%02d",
              minor / 100, (int) (minor % 100));
  g_string_append (out, buffer);
}

static void
append_time (GString *out,
             gint64   usec)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (usec == 0)
    return;

  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return;
  text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
  g_string_append (out, text);
}

gboolean
relais_lead_export_to_stream (RelaisDb         *db,
                              RelaisLeadQuery  *query,
                              GOutputStream    *stream,
                              guint64          *n_written,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GString) out = g_string_sized_new (CHUNK_SIZE + 4096);
  GError *local_error = NULL;
  guint64 n = 0;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (query), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  st = relais_lead_query_store_prepare (db, query, g_get_real_time (), EXPORT_COLUMNS, error);
  if (st == NULL)
    return FALSE;

  relais_csv_append_header (out, relais_lead_csv_export_header (), RELAIS_LEAD_CSV_N_FIELDS, TRUE);

  while (relais_statement_next (st, &local_error))
    {
      for (int i = 0; i < RELAIS_LEAD_CSV_N_FIELDS; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');

          if (i == RELAIS_LEAD_CSV_FIELD_VALUE)
            append_value (out, relais_statement_get_int64 (st, i));
          else if (i == RELAIS_LEAD_CSV_FIELD_CREATED)
            append_time (out, relais_statement_get_int64 (st, i));
          else
            relais_csv_append_field (out, relais_statement_get_text (st, i));
        }
      g_string_append (out, "\r\n");
      n++;

      if (out->len >= CHUNK_SIZE)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, &local_error))
            break;
          g_string_truncate (out, 0);
        }
    }

  relais_statement_reset (st);

  if (local_error == NULL && out->len > 0)
    g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}

gboolean
relais_lead_export_to_file (RelaisDb         *db,
                            RelaisLeadQuery  *query,
                            GFile            *file,
                            guint64          *n_written,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* g_file_replace() writes beside the file and renames over it on close. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!relais_lead_export_to_stream (db, query, G_OUTPUT_STREAM (stream), n_written, cancellable, &local_error))
    {
      /* Closing after a cancellation drops the temporary file and keeps the old one. */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}
