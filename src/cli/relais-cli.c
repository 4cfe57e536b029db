/* relais-cli.c — headless commands on the same store as the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "relais-csv.h"
#include "relais-db.h"
#include "relais-demo.h"
#include "relais-lead-csv.h"
#include "relais-lead-export.h"
#include "relais-lead-import.h"
#include "relais-lead-query.h"
#include "relais-lead-store.h"
#include "relais-rule-store.h"
#include "relais-util.h"

typedef int (*CommandFunc) (int argc, char **argv);

static char *opt_db;

/* Held until the end of the process: the app stays off the store meanwhile. */
static RelaisDbClaim *claim;

static RelaisDb *
open_store (GError **error)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : relais_db_get_default_path ();

  if (claim == NULL)
    claim = relais_db_claim (path, RELAIS_DB_CLAIM_TOOL, error);
  if (claim == NULL)
    return NULL;
  return relais_db_open (path, error);
}

/* Says what failed, for a command to return. */
static int
print_failure (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return EXIT_FAILURE;
}

/* Parses the options of a command, @parameter its arguments after them
 * (%NULL for none); prints what is wrong with them. */
static gboolean
parse_options (int                 *argc,
               char              ***argv,
               const char          *parameter,
               const char          *summary,
               const GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_failure (error);
      return FALSE;
    }
  return TRUE;
}

static void
demo_progress_cb (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  gint64 *started = user_data;
  double seconds = (g_get_monotonic_time () - *started) / (double) G_USEC_PER_SEC;
  g_autofree char *done_str = relais_format_count ((gint64) done);
  g_autofree char *total_str = relais_format_count ((gint64) total);

  /* Translators: progress of relais-cli demo: %1$s and %2$s are counts of leads,
   * %3$.1f seconds */
  g_printerr (_("%1$s of %2$s leads written (%3$.1f s)"), done_str, total_str, seconds);
  g_printerr ("\n");
}

static int
command_demo (int    argc,
              char **argv)
{
  gint64 n_leads = 2000;
  int n_partners = 40;
  gint64 seed = 1;
  gboolean rules = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *leads_str = NULL;
  g_autofree char *partners_str = NULL;
  gint64 started;
  const GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT64, &n_leads, N_("How many leads to make (default 2000)"), N_("N") },
    { "partners", 0, 0, G_OPTION_ARG_INT, &n_partners, N_("How many partner accounts to make (default 40)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The same seed makes the same data (default 1)"), N_("SEED") },
    { "rules", 0, 0, G_OPTION_ARG_NONE, &rules, N_("Also add example assignment rules, as the app’s demo data does"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to fill instead of the default one"), N_("PATH") },
    { NULL }
  };

  if (!parse_options (&argc, &argv, NULL,
                      _("Fill an empty store with realistic demo partners, queues and leads."),
                      entries))
    return EXIT_FAILURE;

  if (n_leads < 0 || n_leads > 100000000 || n_partners < 1 || n_partners > 1000000 ||
      seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("%s\n", _("--leads must be between 0 and 100000000, --partners between 1 and 1000000, --seed between 0 and 4294967295."));
      return EXIT_FAILURE;
    }

  db = open_store (&error);
  if (db == NULL)
      return print_failure (error);

  started = g_get_monotonic_time ();
  if (!relais_demo_load (db, n_leads, n_partners, seed, demo_progress_cb, &started, &error) ||
      (rules && !relais_demo_add_rules (db, &error)))
      return print_failure (error);

  leads_str = relais_format_count (n_leads);
  partners_str = relais_format_count (n_partners);
  /* Translators: %1$s and %2$s are counts, %3$s a file name, %4$.1f seconds */
  g_print (_("Wrote %1$s leads and %2$s partners to “%3$s” in %4$.1f s.\n"),
           leads_str, partners_str, relais_db_get_path (db),
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

static int
command_info (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *count_str = NULL;
  gint64 n_leads;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to read instead of the default one"), N_("PATH") },
    { NULL }
  };

  if (!parse_options (&argc, &argv, NULL,
                      _("Show where the store is and what it holds."),
                      entries))
    return EXIT_FAILURE;

  db = open_store (&error);
  if (db == NULL)
      return print_failure (error);

  n_leads = relais_lead_store_count (db, &error);
  if (n_leads < 0)
      return print_failure (error);

  g_print (_("Store: %s\n"), relais_db_get_path (db));
  g_print (_("Schema version: %d\n"), relais_db_get_schema_version (db));
  count_str = relais_format_count (n_leads);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s lead\n", "%s leads\n", (gulong) n_leads), count_str);
  return EXIT_SUCCESS;
}

static void
import_progress_cb (const RelaisLeadImportReport *report,
                    guint64                       bytes_read,
                    gint64                        total_bytes,
                    gpointer                      user_data)
{
  g_autofree char *rows_str = NULL;

  /* Small files are read before anyone would look. */
  if (report->n_rows < 100000)
    return;

  rows_str = relais_format_count ((gint64) report->n_rows);
  if (total_bytes > 0)
    /* Translators: progress of relais-cli import: %1$s is a count of rows, %2$d a percentage */
    g_printerr (_("%1$s rows read (%2$d %%)"), rows_str, (int) (bytes_read * 100 / (guint64) total_bytes));
  else
    /* Translators: progress of relais-cli import: %s is a count of rows */
    g_printerr (_("%s rows read"), rows_str);
  g_printerr ("\n");
}

/* Applies the --map HEADER=field options to @mapping. */
static gboolean
apply_map_options (RelaisLeadCsvMapping  *mapping,
                   char                 **maps,
                   GError               **error)
{
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *equal = strrchr (maps[i], '=');
      g_autofree char *header = NULL;
      RelaisLeadCsvField field;

      if (equal == NULL || equal == maps[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is what the user gave to --map */
                       _("“%s” is not of the form HEADER=FIELD, such as --map \"Société=company\"."),
                       maps[i]);
          return FALSE;
        }

      if (!relais_lead_csv_field_from_code (equal + 1, &field))
        {
          g_autoptr(GString) codes = g_string_new (relais_lead_csv_field_code (RELAIS_LEAD_CSV_FIELD_IGNORE));

          for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
            {
              g_string_append (codes, ", ");
              g_string_append (codes, relais_lead_csv_field_code ((RelaisLeadCsvField) f));
            }
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %1$s is a field name the user gave, %2$s the list of valid ones */
                       _("“%1$s” is not a field of a lead. The fields are: %2$s."),
                       equal + 1, codes->str);
          return FALSE;
        }

      header = g_strndup (maps[i], equal - maps[i]);
      if (!relais_lead_csv_mapping_set_field_by_header (mapping, header, field))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is a column header the user gave to --map */
                       _("The file has no column “%s”."), header);
          return FALSE;
        }
    }

  return TRUE;
}

static void
print_mapping (const RelaisLeadCsvMapping *mapping,
               const char                 *file_name)
{
  /* Translators: %s is a file name */
  g_print (_("Columns of “%s”:\n"), file_name);
  for (guint c = 0; c < relais_lead_csv_mapping_get_n_columns (mapping); c++)
    {
      RelaisLeadCsvField field = relais_lead_csv_mapping_get_field (mapping, c);

      g_print ("  ");
      /* Translators: one column of a CSV file and the lead field it fills:
       * %1$s is the column's header, %2$s the field */
      g_print (_("“%1$s” → %2$s"), relais_lead_csv_mapping_get_header (mapping, c),
               relais_lead_csv_field_label (field));
      g_print ("\n");
    }
}

static void
print_report (const RelaisLeadImportReport *report,
              gboolean                      written,
              gint64                        started)
{
  g_autofree char *rows = relais_format_count ((gint64) report->n_rows);
  g_autofree char *inserted = relais_format_count ((gint64) report->n_inserted);
  g_autofree char *duplicates = relais_format_count ((gint64) report->n_duplicates);
  g_autofree char *merged = relais_format_count ((gint64) report->n_merged);
  g_autofree char *invalid = relais_format_count ((gint64) report->n_invalid);

  for (guint i = 0; i < report->errors->len; i++)
    {
      const RelaisLeadImportRowError *row_error = &g_array_index (report->errors, RelaisLeadImportRowError, i);

      /* Translators: a row of a CSV file that cannot be imported: %1$u is its
       * line number, %2$s the reasons */
      g_printerr (_("Line %1$u: %2$s"), row_error->line, row_error->message);
      g_printerr ("\n");
    }
  if (report->n_invalid > report->errors->len)
    {
      g_autofree char *more = relais_format_count ((gint64) (report->n_invalid - report->errors->len));

      /* Translators: %s is a number of rows */
      g_printerr (_("… and %s more rows that are not valid."), more);
      g_printerr ("\n");
    }

  if (written)
    /* Translators: the summary of relais-cli import; %1$s to %5$s are counts,
     * %6$.1f seconds */
    g_print (_("Rows read: %1$s. Leads added: %2$s. Duplicates: %3$s (merged: %4$s). Rows not valid: %5$s. Time: %6$.1f s."),
             rows, inserted, duplicates, merged, invalid,
             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  else
    /* Translators: the summary of relais-cli import when nothing was written
     * (a dry run or a refused file); %1$s to %5$s are counts, %6$.1f seconds */
    g_print (_("Rows read: %1$s. Leads to add: %2$s. Duplicates: %3$s (to merge: %4$s). Rows not valid: %5$s. Nothing was written. Time: %6$.1f s."),
             rows, inserted, duplicates, merged, invalid,
             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_print ("\n");
}

static int
command_import (int    argc,
                char **argv)
{
  gboolean merge = FALSE;
  gboolean skip = FALSE;
  gboolean good_rows = FALSE;
  gboolean dry_run = FALSE;
  g_auto(GStrv) maps = NULL;
  g_autofree char *date_order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RelaisCsvReader) reader = NULL;
  g_autoptr(RelaisLeadCsvMapping) mapping = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autofree char *file_name = NULL;
  RelaisLeadImportOptions options = { 0 };
  gint64 started;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to import into instead of the default one"), N_("PATH") },
    { "skip-duplicates", 0, 0, G_OPTION_ARG_NONE, &skip, N_("Leave out the leads the store already has, same e-mail and company (the default)"), NULL },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, N_("Fill the empty fields of the leads the store already has"), NULL },
    { "import-good-rows", 0, 0, G_OPTION_ARG_NONE, &good_rows, N_("Import the valid rows even if others are not valid"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Import the column HEADER as FIELD (or “ignore”); repeat for each column"), N_("HEADER=FIELD") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order, N_("How to read dates such as 03/04/2024: day-first, month-first or auto (the default)"), N_("ORDER") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and say what would be imported, without writing anything"), NULL },
    { NULL }
  };

  if (!parse_options (&argc, &argv, _("FILE.csv"),
                      _("Import leads from a CSV file: all of them, or nothing."),
                      entries))
    return EXIT_FAILURE;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Give one CSV file to import: relais-cli import FILE.csv"));
      return EXIT_FAILURE;
    }
  if (merge && skip)
    {
      g_printerr ("%s\n", _("--merge and --skip-duplicates exclude each other: choose one."));
      return EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  file_name = g_file_get_basename (file);
  reader = relais_csv_reader_new_for_file (file, NULL, &error);
  if (reader != NULL)
    mapping = relais_lead_csv_mapping_new_from_reader (reader, &error);
  if (mapping == NULL || !apply_map_options (mapping, maps, &error))
      return print_failure (error);

  if (date_order == NULL || g_str_equal (date_order, "auto"))
    relais_lead_csv_mapping_set_date_order (mapping, RELAIS_LEAD_CSV_DATE_AUTO);
  else if (g_str_equal (date_order, "day-first"))
    relais_lead_csv_mapping_set_date_order (mapping, RELAIS_LEAD_CSV_DATE_DAY_FIRST);
  else if (g_str_equal (date_order, "month-first"))
    relais_lead_csv_mapping_set_date_order (mapping, RELAIS_LEAD_CSV_DATE_MONTH_FIRST);
  else
    {
      g_printerr ("%s\n", _("--date-order must be day-first, month-first or auto."));
      return EXIT_FAILURE;
    }

  print_mapping (mapping, file_name);
  if (!relais_lead_csv_mapping_check (mapping, &error))
      return print_failure (error);

  db = open_store (&error);
  if (db == NULL)
      return print_failure (error);

  options.on_duplicate = merge ? RELAIS_LEAD_IMPORT_MERGE_DUPLICATES : RELAIS_LEAD_IMPORT_SKIP_DUPLICATES;
  options.on_errors = good_rows ? RELAIS_LEAD_IMPORT_GOOD_ROWS : RELAIS_LEAD_IMPORT_ABORT_ALL;
  options.dry_run = dry_run;
  options.file_name = file_name;
  options.progress = import_progress_cb;
  options.progress_interval = 100000;

  relais_lead_import_report_init (&report);
  started = g_get_monotonic_time ();
  if (!relais_lead_import_run (db, reader, mapping, &options, &report, NULL, &error))
    {
      print_report (&report, FALSE, started);
      g_printerr ("%s\n", error->message);
      if (g_error_matches (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS))
        g_printerr ("%s\n", _("To import only the valid rows, add --import-good-rows."));
      return EXIT_FAILURE;
    }

  print_report (&report, report.committed, started);
  return EXIT_SUCCESS;
}

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *search = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *country = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *output = NULL;
  gboolean unassigned = FALSE, overdue = FALSE, descending = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
  g_autofree char *count = NULL;
  guint64 n = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to read instead of the default one"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (default Leads_MMDDYYYY.csv; - for the standard output)"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only the leads that match this search, as in the app"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &statuses, N_("Only these statuses (codes, separated by commas: new,partner_assigned,…)"), N_("CODES") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country, N_("Only the leads of this country (ISO code)"), N_("CODE") },
    { "unassigned", 0, 0, G_OPTION_ARG_NONE, &unassigned, N_("Only the leads without a partner"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only the leads not accepted within 48 hours"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("The order: newest, oldest, first_name, last_name, company or listing"), N_("ORDER") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Sort names from Z to A"), NULL },
    { NULL }
  };

  if (!parse_options (&argc, &argv, NULL,
                      _("Export leads as CSV: the same file as Export Leads in the app."),
                      entries))
    return EXIT_FAILURE;

  relais_lead_query_set_search (query, search);
  relais_lead_query_set_country (query, country);
  relais_lead_query_set_unassigned (query, unassigned);
  relais_lead_query_set_overdue (query, overdue);
  relais_lead_query_set_descending (query, descending);
  if (statuses != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (statuses, ",", -1);
      guint bits = 0;

      for (guint i = 0; codes[i] != NULL; i++)
        {
          int status;

          if (!relais_enum_from_code (&relais_lead_status_info, g_strstrip (codes[i]), &status))
            {
              g_printerr (_("“%s” is not a lead status."), codes[i]);
              g_printerr ("\n");
              return EXIT_FAILURE;
            }
          bits |= 1u << status;
        }
      relais_lead_query_set_statuses (query, bits);
    }
  if (sort != NULL)
    {
      int value;

      if (!relais_enum_from_code (&relais_lead_sort_info, sort, &value))
        {
          g_printerr (_("“%s” is not an order of the leads."), sort);
          g_printerr ("\n");
          return EXIT_FAILURE;
        }
      relais_lead_query_set_sort (query, value);
    }

  db = open_store (&error);
  if (db == NULL)
      return print_failure (error);

  if (g_strcmp0 (output, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      ok = relais_lead_export_to_stream (db, query, out, &n, NULL, &error);
    }
  else
    {
      g_autoptr(GFile) file = NULL;

      if (output == NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          output = relais_lead_export_default_name (now);
        }
      file = g_file_new_for_commandline_arg (output);
      ok = relais_lead_export_to_file (db, query, file, &n, NULL, &error);
    }

  if (!ok)
      return print_failure (error);

  count = relais_format_count ((gint64) n);
  if (g_strcmp0 (output, "-") != 0)
    /* Translators: %1$s is a count of leads, %2$s a file name */
    g_print (g_dngettext (GETTEXT_PACKAGE, "%1$s lead exported to “%2$s”.\n", "%1$s leads exported to “%2$s”.\n", (gulong) n),
             count, output);
  return EXIT_SUCCESS;
}

/* Columns @text takes in a terminal: a wide (East Asian) character two, a
 * combining mark none. */
static glong
display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

typedef struct {
  char  *name;
  guint  n_leads;
} Share;

static void
share_clear (gpointer data)
{
  g_free (((Share *) data)->name);
}

/* Prints the distribution, a line a target or reason: its name, then the
 * count and the share, in columns as wide as the longest name (padded by
 * columns on screen, not bytes: "Réseaux" lines up with "Networks", a long
 * translation of "Unassigned: …" pushes the numbers, not one line). */
static void
print_shares (GArray *shares,
              guint   total)
{
  glong name_width = 40;

  for (guint i = 0; i < shares->len; i++)
    name_width = MAX (name_width, display_width (g_array_index (shares, Share, i).name));

  for (guint i = 0; i < shares->len; i++)
    {
      const Share *share = &g_array_index (shares, Share, i);
      g_autofree char *count = relais_format_count (share->n_leads);

      g_print ("  %s%*s %10s  %5.1f %%\n", share->name, (int) (name_width - display_width (share->name)), "", count,
               total > 0 ? 100.0 * share->n_leads / total : 0.0);
    }
}

static int
command_assign (int    argc,
                char **argv)
{
  gboolean dry_run = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(RelaisRoutingSummary) summary = NULL;
  g_autofree char *n_leads = NULL;
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (Share));
  RelaisRuleApplyResult rerouted = { 0 }, routed = { 0 };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to use instead of the default one"), N_("PATH") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show where the leads would go, and write nothing"), NULL },
    { NULL }
  };

  g_array_set_clear_func (shares, share_clear);
  if (!parse_options (&argc, &argv, NULL,
                      _("Run the assignment rules: leads not accepted in time go to the next member of their "
                        "rule, then every unassigned lead is routed. Prints where the leads went."),
                      entries))
    return EXIT_FAILURE;

  db = open_store (&error);
  if (db == NULL ||
      !relais_rule_store_reroute (db, g_get_real_time (), dry_run, &rerouted, &error) ||
      !relais_rule_store_route (db, NULL, 0, dry_run, &summary, &routed, &error))
      return print_failure (error);

  if (rerouted.n_assigned + rerouted.n_queued > 0)
    {
      g_autofree char *count = relais_format_count (rerouted.n_assigned + rerouted.n_queued);

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: relais-cli assign; %s is a count of leads */
                            "%s lead not accepted in time was passed on to the next member of its rule.\n",
                            "%s leads not accepted in time were passed on to the next member of their rule.\n",
                            rerouted.n_assigned + rerouted.n_queued),
               count);
    }

  n_leads = relais_format_count (summary->n_leads);
  if (summary->n_leads == 0)
    g_print ("%s\n", _("There are no unassigned leads: the rules have nothing to route."));
  else
    {
      g_print (dry_run
               /* Translators: relais-cli assign --dry-run; %s is a count of leads */
               ? g_dngettext (GETTEXT_PACKAGE, "Where %s unassigned lead would go:\n", "Where %s unassigned leads would go:\n",
                              summary->n_leads)
               /* Translators: relais-cli assign; %s is a count of leads */
               : g_dngettext (GETTEXT_PACKAGE, "Where %s unassigned lead went:\n", "Where %s unassigned leads went:\n",
                              summary->n_leads),
               n_leads);
      for (guint i = 0; i < summary->shares->len; i++)
        {
          const RelaisRoutingShare *share = &g_array_index (summary->shares, RelaisRoutingShare, i);
          Share line = { NULL, share->n_leads };

          if (share->kind == RELAIS_ROUTING_TARGET_QUEUE)
            /* Translators: relais-cli assign, a line of the distribution; %s is a queue */
            line.name = g_strdup_printf (_("Queue “%s”"), share->name ? share->name : "");
          else
            line.name = g_strdup (share->name ? share->name : "");
          g_array_append_val (shares, line);
        }
      for (guint r = RELAIS_ROUTING_REASON_NONE + 1; r < RELAIS_ROUTING_N_REASONS; r++)
        {
          Share line = { NULL, summary->n_by_reason[r] };

          if (line.n_leads == 0)
            continue;
          /* Translators: relais-cli assign, a line of the distribution; %s is why leads stay unassigned */
          line.name = g_strdup_printf (_("Unassigned: %s"), relais_enum_label (&relais_routing_reason_info, r));
          g_array_append_val (shares, line);
        }
      print_shares (shares, summary->n_leads);
    }

  if (dry_run)
    g_print ("%s\n", _("Nothing was written (--dry-run)."));
  else if (routed.n_changed > 0)
    {
      g_autofree char *count = relais_format_count (routed.n_changed);

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: relais-cli assign; %s is a count of leads */
                            "%s lead changed while the rules ran and was left alone.\n",
                            "%s leads changed while the rules ran and were left alone.\n",
                            routed.n_changed),
               count);
    }
  return EXIT_SUCCESS;
}

/* The bytes of the store on disk, its write-ahead log included. */
static gint64
store_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;
  gint64 size = 0;

  if (g_stat (path, &buf) == 0)
    size += buf.st_size;
  if (g_stat (wal, &buf) == 0)
    size += buf.st_size;
  return size;
}

static int
command_compact (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 started;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to compact instead of the default one"), N_("PATH") },
    { NULL }
  };

  if (!parse_options (&argc, &argv, NULL,
                      _("Rewrite the store in one piece, with the page size of a new store: a store "
                        "made by an older version, or written in bits over a long time, then reads "
                        "and writes large numbers of leads faster. The app must be closed; the disk "
                        "needs room for a second copy meanwhile."),
                      entries))
    return EXIT_FAILURE;

  db = open_store (&error);
  if (db == NULL)
      return print_failure (error);
  /* What it takes on the disk, its log included. */
  before = g_format_size (store_size (relais_db_get_path (db)));
  started = g_get_monotonic_time ();
  if (!relais_db_compact (db, &error))
      return print_failure (error);
  after = g_format_size (store_size (relais_db_get_path (db)));
  /* Translators: relais-cli compact; %1$s is a file name, %2$s and %3$s sizes ("1.0 GB"), %4$.1f seconds */
  g_print (_("Compacted “%1$s”: %2$s before, %3$s now (%4$.1f s).\n"),
           relais_db_get_path (db), before, after, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "demo", command_demo, N_("Fill an empty store with demo data") },
  { "info", command_info, N_("Show what the store holds") },
  { "import", command_import, N_("Import leads from a CSV file") },
  { "export", command_export, N_("Export leads as a CSV file") },
  { "assign", command_assign, N_("Route leads with the assignment rules") },
  { "compact", command_compact, N_("Rewrite the store in one piece") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: relais-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“relais-cli COMMAND --help” describes the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Run from the build tree (meson devenv), the catalogs are not installed yet. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RELAIS_LOCALEDIR") ? g_getenv ("RELAIS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_FAILURE : EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strconcat ("relais-cli ", commands[i].name, NULL);

          /* "relais-cli assign --help" starts "Usage: relais-cli assign [OPTION…]". */
          g_set_prgname (prgname);
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  fprintf (stderr, _("Unknown command “%s”."), argv[1]);
  fprintf (stderr, "\n\n");
  print_usage (stderr);
  return EXIT_FAILURE;
}
