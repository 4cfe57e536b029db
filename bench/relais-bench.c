/* relais-bench.c — measures Relais on a large store and prints one figure per
 * line, "name value". Not a test: it never fails on a slow machine.
 *
 *   relais-bench leads --db PATH   (an empty PATH is filled with 1,000,000 leads)
 *   relais-bench drop --db PATH    (10,000 leads reassigned and undone, in the
 *                                   store and in the real app)
 *   relais-bench route --db PATH   (100,000 leads routed by 50 rules over 500
 *                                   partners: preview, then written, undone)
 *
 * first_frame_ms and peak_rss_mb come from the real app, started on the store
 * (it needs a display: run the bench under tests/ui/xvfb-session.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relais-db.h"
#include "relais-demo.h"
#include "relais-lead-assign.h"
#include "relais-lead-export.h"
#include "relais-lead-import.h"
#include "relais-lead-query-store.h"
#include "relais-lead-store.h"
#include "relais-rule-store.h"
#include "relais-statement.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_doubles);
  index = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, index);
}

static void
print_figure (const char *name,
              double      value)
{
  printf ("%s %.2f\n", name, value);
  fflush (stdout);
}

/* Time until the first page of @query is read, in ms. */
static double
time_first_page (RelaisDb        *db,
                 RelaisLeadQuery *query)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!relais_lead_query_store_first_page (db, query, g_get_real_time (), RELAIS_LEAD_PAGE_SIZE,
                                           ids, NULL, &error))
    g_error ("query: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Searches as people type them: pieces of real names, companies and listings,
 * @length characters long, drawn from random leads. */
static GPtrArray *
sample_searches (RelaisDb *db,
                 guint     length,
                 guint     count,
                 GRand    *rand)
{
  GPtrArray *searches = g_ptr_array_new_with_free_func (g_free);
  gint64 max_id = 0;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "SELECT max(id) FROM lead", NULL);

  if (st != NULL && relais_statement_next (st, NULL))
    max_id = relais_statement_get_int64 (st, 0);
  g_clear_object (&st);

  while (searches->len < count && max_id > 0)
    {
      g_autoptr(RelaisLead) lead = relais_lead_store_load (db, g_rand_int_range (rand, 1, (gint32) max_id + 1), NULL);
      const char *fields[3];
      const char *text;
      glong chars;
      glong start;

      if (lead == NULL)
        continue;
      fields[0] = relais_lead_get_last_name (lead);
      fields[1] = relais_lead_get_company (lead);
      fields[2] = relais_lead_get_listing (lead);
      text = fields[g_rand_int_range (rand, 0, 3)];
      chars = g_utf8_strlen (text, -1);
      if (chars < (glong) length)
        continue;

      start = g_rand_int_range (rand, 0, (gint32) (chars - length + 1));
      {
        const char *begin = g_utf8_offset_to_pointer (text, start);
        const char *end = g_utf8_offset_to_pointer (begin, length);
        g_ptr_array_add (searches, g_strndup (begin, end - begin));
      }
    }

  return searches;
}

static void
bench_search (RelaisDb *db,
              GRand    *rand)
{
  static const guint lengths[] = { 1, 3, 8 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      g_autoptr(GPtrArray) searches = sample_searches (db, lengths[l], 40, rand);
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *p50 = g_strdup_printf ("search_first_page_ms_p50_%uch", lengths[l]);
      g_autofree char *p95 = g_strdup_printf ("search_first_page_ms_p95_%uch", lengths[l]);

      for (guint i = 0; i < searches->len; i++)
        {
          g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
          double ms;

          relais_lead_query_set_search (query, g_ptr_array_index (searches, i));
          ms = time_first_page (db, query);
          if (ms > 50 && g_getenv ("RELAIS_BENCH_VERBOSE") != NULL)
            g_printerr ("slow search “%s”: %.1f ms\n", (const char *) g_ptr_array_index (searches, i), ms);
          g_array_append_val (samples, ms);
        }

      print_figure (p50, percentile (samples, 0.5));
      print_figure (p95, percentile (samples, 0.95));
    }
}

static void
bench_filters (RelaisDb *db,
               GRand    *rand)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *countries[] = { "FR", "DE", "ES", "IT", "BE", "CH", "LU", "MA" };

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
      double ms;

      switch (i % 6)
        {
        case 0: relais_lead_query_set_statuses (query, 1u << g_rand_int_range (rand, 0, RELAIS_LEAD_N_STATUSES)); break;
        case 1: relais_lead_query_set_country (query, countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]); break;
        case 2: relais_lead_query_set_overdue (query, TRUE); break;
        case 3: relais_lead_query_set_unassigned (query, TRUE); break;
        case 4: relais_lead_query_set_partner_id (query, g_rand_int_range (rand, 1, 1000)); break;
        default:
          relais_lead_query_set_kind (query, g_rand_int_range (rand, 0, RELAIS_LEAD_N_KINDS));
          relais_lead_query_set_category (query, g_rand_int_range (rand, 0, RELAIS_LEAD_N_CATEGORIES));
          break;
        }

      ms = time_first_page (db, query);
      g_array_append_val (samples, ms);
    }

  print_figure ("filter_ms_p50", percentile (samples, 0.5));
  print_figure ("filter_ms_p95", percentile (samples, 0.95));
}

static void
bench_sorts (RelaisDb *db)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < 5; round++)
    for (guint sort = 0; sort < RELAIS_LEAD_N_SORTS; sort++)
      for (guint desc = 0; desc < 2; desc++)
        {
          g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
          double ms;

          relais_lead_query_set_sort (query, sort);
          relais_lead_query_set_descending (query, desc);
          ms = time_first_page (db, query);
          g_array_append_val (samples, ms);
        }

  print_figure ("sort_ms_p50", percentile (samples, 0.5));
  print_figure ("sort_ms_p95", percentile (samples, 0.95));
}

static void
bench_full_list (RelaisDb *db)
{
  g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!relais_lead_query_store_all_ids (db, query, g_get_real_time (), ids, NULL, &error))
    g_error ("query: %s", error->message);
  print_figure ("all_ids_ms", (g_get_monotonic_time () - start) / 1000.0);
}

/* Runs the sqlite3 shell on @path with @script on its standard input; returns
 * the seconds it took, or -1. */
static double
time_sqlite3 (const char *path,
              const char *script)
{
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            "sqlite3", path, NULL);
  if (shell == NULL || !g_subprocess_communicate_utf8 (shell, script, NULL, NULL, NULL, &error) ||
      !g_subprocess_get_successful (shell))
    {
      g_printerr ("relais-bench: sqlite3: %s\n", error ? error->message : "failed");
      return -1;
    }

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* The SQL that drops (@drop) or makes again the indexes and triggers of the
 * leads table of the store at @path, as the shell can run it: the SQL function
 * relais_fold() that folds accents for the sort indexes is the app's own, so
 * the shell's lower() stands in for it (it costs about the same). */
static char *
lead_schema_sql (const char *path,
                 gboolean    drop)
{
  g_autoptr(RelaisDb) db = relais_db_open (path, NULL);
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    g_error ("cannot open %s", path);
  st = relais_db_prepare (db,
                          "SELECT type, name, sql FROM sqlite_schema"
                          " WHERE type IN ('index', 'trigger') AND tbl_name = 'lead' AND sql IS NOT NULL",
                          &error);
  if (st == NULL)
    g_error ("%s", error->message);
  while (relais_statement_next (st, &error))
    {
      if (drop)
        g_string_append_printf (sql, "DROP %s \"%s\";\n",
                                relais_statement_get_text (st, 0), relais_statement_get_text (st, 1));
      else
        {
          g_autoptr(GString) definition = g_string_new (relais_statement_get_text (st, 2));

          g_string_replace (definition, "relais_fold (", "lower (", 0);
          g_string_append_printf (sql, "%s;\n", definition->str);
        }
    }
  if (error != NULL)
    g_error ("%s", error->message);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Imports the export of the whole store into an empty store, then has the
 * sqlite3 shell do the same twice, as the floors to compare with:
 * - into an empty store of the same schema, the way our import does it on an
 *   empty store (indexes and search index dropped, rows in, indexes made
 *   again, the search index rebuilt, all in one transaction): the same tables,
 *   indexes and search index to write, without our checks (valid values,
 *   duplicates), the journal, nor the accent folding;
 * - into a bare table of its own, text columns and no index (.import alone). */
static void
bench_import (const char *csv_path,
              const char *dir,
              guint64     n_rows)
{
  g_autofree char *store_path = g_build_filename (dir, "relais-bench-import.db", NULL);
  g_autofree char *shell_path = g_build_filename (dir, "relais-bench-import-sqlite3.db", NULL);
  g_autofree char *script = NULL;
  g_autofree char *drop = NULL;
  g_autofree char *create = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RelaisLeadImportReport) report;
  RelaisLeadImportOptions options = { 0 };
  gint64 start;
  double ours, shell, bare;

  remove_store (store_path);
  remove_store (shell_path);
  relais_lead_import_report_init (&report);

  db = relais_db_open (store_path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  options.on_duplicate = RELAIS_LEAD_IMPORT_SKIP_DUPLICATES;
  options.on_errors = RELAIS_LEAD_IMPORT_ABORT_ALL;
  options.file_name = "relais-bench-export.csv";

  start = g_get_monotonic_time ();
  if (!relais_lead_import_file (db, file, NULL, &options, &report, NULL, &error))
    g_error ("import: %s", error->message);
  ours = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_clear_object (&db);

  /* An empty store of the same schema for the shell. */
  db = relais_db_open (shell_path, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  g_clear_object (&db);
  drop = lead_schema_sql (shell_path, TRUE);
  create = lead_schema_sql (shell_path, FALSE);
  script = g_strdup_printf (".bail on\n"
                            "PRAGMA synchronous = NORMAL;\n"
                            "PRAGMA cache_size = -262144;\n"
                            "PRAGMA temp_store = MEMORY;\n"
                            ".import --csv --schema temp %s csv_rows\n"
                            "BEGIN;\n"
                            "%s"
                            "INSERT INTO lead (uuid, first_name, last_name, company, email, phone, street,"
                            " city, state, postal_code, country, listing, kind, category, technology, budget,"
                            " language, program, source, status, value_minor, currency, created_at, updated_at,"
                            " search_text)"
                            " SELECT lower (hex (randomblob (16))), \"First Name\", \"Last Name\", \"Company\","
                            " \"Email\", \"Phone\", \"Street\", \"City\", \"State/Province\", \"Zip/Postal Code\","
                            " \"Country\", \"Listing\", \"Kind\", \"Category\", \"Technology\", \"Budget\","
                            " \"Language\", \"Program\", \"Lead Source\", \"Lead Status\","
                            " CAST (round (0 + \"Value\", 2) * 100 AS INTEGER), \"Currency\","
                            " unixepoch (\"Created\") * 1000000, unixepoch () * 1000000,"
                            " lower (\"First Name\" || char(10) || \"Last Name\" || char(10) || \"Company\""
                            "        || char(10) || \"Listing\" || char(10) || \"Email\")"
                            " FROM temp.csv_rows ORDER BY rowid;\n"
                            "INSERT INTO lead_note (uuid, lead_id, body, created_at, updated_at)"
                            " SELECT lower (hex (randomblob (16))), rowid, \"Notes\", unixepoch () * 1000000,"
                            " unixepoch () * 1000000 FROM temp.csv_rows WHERE trim (\"Notes\") <> '';\n"
                            "%s"
                            "INSERT INTO lead_fts (lead_fts) VALUES ('rebuild');\n"
                            "COMMIT;\n",
                            csv_path, drop, create);
  shell = time_sqlite3 (shell_path, script);
  remove_store (shell_path);

  g_free (script);
  script = g_strdup_printf (".import --csv %s leads\n", csv_path);
  bare = time_sqlite3 (shell_path, script);

  print_figure ("import_rows", report.n_inserted);
  print_figure ("import_rows_per_s", n_rows / ours);
  if (shell > 0)
    {
      print_figure ("import_sqlite3_rows_per_s", n_rows / shell);
      print_figure ("import_vs_sqlite3", ours / shell);
    }
  if (bare > 0)
    {
      print_figure ("import_sqlite3_bare_table_rows_per_s", n_rows / bare);
      print_figure ("import_vs_sqlite3_bare_table", ours / bare);
    }

  remove_store (store_path);
  remove_store (shell_path);
}

static void
bench_export (RelaisDb   *db,
              const char *path,
              const char *dir)
{
  g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
  g_autofree char *out_path = g_build_filename (dir, "relais-bench-export.csv", NULL);
  g_autofree char *shell_path = g_build_filename (dir, "relais-bench-sqlite3.csv", NULL);
  g_autofree char *script = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  gint64 start = g_get_monotonic_time ();
  double ours, shell;

  if (!relais_lead_export_to_file (db, query, file, &n, NULL, &error))
    g_error ("export: %s", error->message);
  ours = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  /* The floor: the same columns, order and notes, by the shell's CSV mode. */
  script = g_strdup_printf (".headers on\n.mode csv\n.once %s\n"
                            "SELECT first_name, last_name, company, email, phone, street, city, state,"
                            " postal_code, country, listing, kind, category, technology, budget, language,"
                            " program, source, status, value_minor, currency, created_at,"
                            " (SELECT group_concat (body, char(10)) FROM (SELECT body FROM lead_note"
                            "  WHERE lead_note.lead_id = lead.id ORDER BY created_at))"
                            " FROM lead ORDER BY created_at DESC, id DESC;\n",
                            shell_path);
  shell = time_sqlite3 (path, script);

  print_figure ("export_rows", n);
  print_figure ("export_rows_per_s", n / ours);
  if (shell > 0)
    {
      print_figure ("export_sqlite3_rows_per_s", n / shell);
      print_figure ("export_vs_sqlite3", ours / shell);
    }

  g_remove (shell_path);
  bench_import (out_path, dir, n);
  g_remove (out_path);
}

/* Starts the real app on @path, reads its first painted frame, lets it load
 * the whole list, and takes its peak memory from the kernel. */
static void
bench_app (const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *app_path = g_getenv ("RELAIS_APP") ? g_getenv ("RELAIS_APP") : RELAIS_APP_PATH;
  double first_frame = -1, loaded = -1, peak_kb = -1;
  char *line;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("relais-bench: no display for first_frame_ms and peak_rss_mb (run under tests/ui/xvfb-session.sh)\n");
      return;
    }

  g_subprocess_launcher_setenv (launcher, "RELAIS_REPORT_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "RELAIS_QUIT_AFTER_LOAD", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* The app as built, not installed: its settings schema is in the build tree. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", RELAIS_SCHEMA_DIR, FALSE);
  app = g_subprocess_launcher_spawn (launcher, &error, app_path, "--db", path, NULL);
  if (app == NULL)
    g_error ("starting %s: %s", app_path, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "FIRST-FRAME "))
        first_frame = g_ascii_strtod (line + strlen ("FIRST-FRAME "), NULL);
      else if (g_str_has_prefix (line, "LOADED "))
        loaded = g_ascii_strtod (line + strlen ("LOADED "), NULL);
      else if (g_str_has_prefix (line, "PEAK-RSS-KB "))
        peak_kb = g_ascii_strtod (line + strlen ("PEAK-RSS-KB "), NULL);
      g_free (line);
    }

  if (!g_subprocess_wait_check (app, NULL, &error))
    g_printerr ("relais-bench: the app failed: %s\n", error->message);

  /* Peak memory as the app measured it once every lead of the list was in. */
  print_figure ("first_frame_ms", first_frame);
  print_figure ("all_leads_listed_ms", loaded);
  print_figure ("peak_rss_mb", peak_kb / 1024.0);
}

static RelaisDb *open_bench_store (const char *path);

static int
command_leads (int    argc,
               char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("--db PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "The store to measure (filled with 1,000,000 leads when empty)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "relais-bench leads --db PATH");
      return EXIT_FAILURE;
    }

  db = open_bench_store (path);

  bench_search (db, rand);
  bench_filters (db, rand);
  bench_sorts (db);
  bench_full_list (db);
  {
    g_autofree char *dir = g_path_get_dirname (path);
    bench_export (db, path, dir);
  }
  g_clear_object (&db);

  bench_app (path);
  return EXIT_SUCCESS;
}

/* Opens @path, filling it with 1,000,000 demo leads when it is empty. */
static RelaisDb *
open_bench_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (path, &error);
  gint64 n_leads;

  if (db == NULL)
    g_error ("%s", error->message);

  n_leads = relais_lead_store_count (db, &error);
  if (n_leads == 0)
    {
      gint64 start = g_get_monotonic_time ();

      if (!relais_demo_load (db, 1000000, 1000, 1, NULL, NULL, &error))
        g_error ("%s", error->message);
      print_figure ("demo_1m_s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      n_leads = 1000000;
    }
  print_figure ("leads", n_leads);
  return g_steal_pointer (&db);
}

/* The ids of the 10,000 newest leads (the first rows of the list) and a
 * partner to give them to. */
static GArray *
drop_ids (RelaisDb *db,
          guint     n,
          guint     offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st =
    relais_db_prepare (db, "SELECT id FROM lead ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", &error);
  GArray *ids;

  if (st == NULL)
    g_error ("%s", error->message);
  relais_statement_bind_int64 (st, 1, n);
  relais_statement_bind_int64 (st, 2, offset);
  ids = relais_statement_collect_ids (st, &error);
  if (ids == NULL)
    g_error ("%s", error->message);
  return ids;
}

/* The first column of the first row of @sql, whose one parameter, if any,
 * is @arg; the bench stops if there is none. */
static gint64
query_int64_or_die (RelaisDb   *db,
                    const char *sql,
                    gint64      arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);
  gint64 value;

  if (st == NULL)
    g_error ("%s", error->message);
  if (strchr (sql, '?') != NULL)
    relais_statement_bind_int64 (st, 1, arg);
  if (!relais_statement_next_row (st, &error))
    g_error ("%s", error->message);
  value = relais_statement_get_int64 (st, 0);
  /* Done with it: a statement left half-read keeps a read transaction open. */
  relais_statement_reset (st);
  return value;
}

/* The newest journal entry now: what the bench writes after it goes with
 * forget_journal_since(). */
static gint64
journal_mark (RelaisDb *db)
{
  return query_int64_or_die (db, "SELECT coalesce (max (id), 0) FROM journal", 0);
}

/* Takes the bench's own journal entries away, undone runs and their undos,
 * with what they kept for Undo: each run of the bench then starts from the
 * same store, not from one grown by the runs before. */
static void
forget_journal_since (RelaisDb *db,
                      gint64    mark)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "DELETE FROM journal WHERE id > ?", &error);

  if (st == NULL)
    g_error ("%s", error->message);
  relais_statement_bind_int64 (st, 1, mark);
  relais_db_set_bulk (db, TRUE);
  if (!relais_statement_execute (st, &error))
    g_error ("%s", error->message);
  relais_db_set_bulk (db, FALSE);
  relais_db_checkpoint (db);
}

static gint64
drop_partner (RelaisDb *db,
              guint     nth)
{
  return query_int64_or_die (db, "SELECT id FROM partner WHERE active = 1 ORDER BY id LIMIT 1 OFFSET ?", nth);
}

/* The real app selects the first 10,000 rows and drops them on a partner
 * (RELAIS_BENCH_DROP): the longest main-loop stall from the drop until the
 * list shows the result. The store is put back afterwards. */
static void
bench_drop_app (RelaisDb   *db,
                const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *app_path = g_getenv ("RELAIS_APP") ? g_getenv ("RELAIS_APP") : RELAIS_APP_PATH;
  double longest = -1, commit = -1;
  gint64 journal_id = 0;
  char *line;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("relais-bench: no display for drop_10k_longest_frame_ms (run under tests/ui/xvfb-session.sh)\n");
      return;
    }

  g_subprocess_launcher_setenv (launcher, "RELAIS_BENCH_DROP", "10000", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", RELAIS_SCHEMA_DIR, FALSE);
  app = g_subprocess_launcher_spawn (launcher, &error, app_path, "--db", path, NULL);
  if (app == NULL)
    g_error ("starting %s: %s", app_path, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "DROP-LONGEST-FRAME-MS "))
        longest = g_ascii_strtod (line + strlen ("DROP-LONGEST-FRAME-MS "), NULL);
      else if (g_str_has_prefix (line, "DROP-COMMIT-MS "))
        commit = g_ascii_strtod (line + strlen ("DROP-COMMIT-MS "), NULL);
      else if (g_str_has_prefix (line, "DROP-JOURNAL-ID "))
        journal_id = g_ascii_strtoll (line + strlen ("DROP-JOURNAL-ID "), NULL, 10);
      g_free (line);
    }
  if (!g_subprocess_wait_check (app, NULL, &error))
    g_printerr ("relais-bench: the app failed: %s\n", error->message);

  print_figure ("drop_10k_app_commit_ms", commit);
  print_figure ("drop_10k_longest_frame_ms", longest);

  /* The app may still be closing its connections: a few tries. */
  for (guint attempt = 0; journal_id != 0 && attempt < 10; attempt++)
    {
      g_clear_error (&error);
      if (relais_lead_assign_undo (db, journal_id, NULL, NULL, &error))
        break;
      if (!g_error_matches (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_BUSY))
        break;
      g_usleep (G_USEC_PER_SEC);
    }
  if (error != NULL)
    g_printerr ("relais-bench: undoing the app's drop: %s\n", error->message);
}

static int
command_drop (int    argc,
              char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("--db PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GArray) commits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 mark;
  guint moved = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "The store to measure (filled with 1,000,000 leads when empty)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "relais-bench drop --db PATH");
      return EXIT_FAILURE;
    }

  db = open_bench_store (path);
  mark = journal_mark (db);

  /* Five drops of 10,000 leads (different leads, different partners), each
   * undone: the median of each. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GArray) ids = drop_ids (db, 10000, i * 10000);
      RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_PARTNER, drop_partner (db, i) };
      RelaisAssignResult result;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!relais_lead_assign (db, (const gint64 *) ids->data, ids->len, &target, FALSE, &result, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (commits, ms);
      moved += result.moved;

      start = g_get_monotonic_time ();
      if (result.journal_id != 0 && !relais_lead_assign_undo (db, result.journal_id, NULL, NULL, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (undos, ms);
      relais_db_checkpoint (db);
    }

  print_figure ("drop_10k_leads_moved_avg", moved / 5.0);
  print_figure ("drop_10k_commit_ms", percentile (commits, 0.5));
  print_figure ("undo_10k_ms", percentile (undos, 0.5));

  bench_drop_app (db, path);
  forget_journal_since (db, mark);
  return EXIT_SUCCESS;
}

/* --- route ------------------------------------------------------------------ */

static void
exec_or_die (RelaisDb   *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!relais_db_exec (db, sql, &error))
    g_error ("%s", error->message);
}

/* 50 rules over 500 partners: rule i takes the leads of a few countries
 * (the last one every lead), among 10 partners, by one of the three
 * strategies in turn. Returns the partner ids used. */
static GArray *
create_route_rules (RelaisDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  GArray *partners;

  st = relais_db_prepare (db, "SELECT id FROM partner ORDER BY id LIMIT 500", &error);
  partners = st != NULL ? relais_statement_collect_ids (st, &error) : NULL;
  if (partners == NULL)
    g_error ("%s", error->message);
  g_clear_object (&st);

  st = relais_db_prepare (db, "SELECT DISTINCT country FROM partner WHERE country <> '' ORDER BY country", &error);
  while (st != NULL && relais_statement_next (st, &error))
    g_ptr_array_add (countries, g_strdup (relais_statement_get_text (st, 0)));
  if (error != NULL)
    g_error ("%s", error->message);
  g_clear_object (&st);
  if (countries->len == 0)
    g_ptr_array_add (countries, g_strdup ("FR"));

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bench rule %02u", i + 1);
      g_autoptr(RelaisRoutingRule) rule = relais_routing_rule_new (0, name);

      rule->strategy = i % 3;
      if (i < 49)
        {
          g_autofree char *values = g_strdup_printf ("%s,%s", (char *) countries->pdata[i % countries->len],
                                                     (char *) countries->pdata[(i * 7 + 3) % countries->len]);
          relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, values);
          if (i % 5 == 1)
            relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_KIND, RELAIS_RULE_OPERATOR_IS_ONE_OF, "app");
        }
      for (guint j = 0; j < 10 && i * 10 + j < partners->len; j++)
        relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER,
                                        g_array_index (partners, gint64, i * 10 + j), j < 3 ? 5 - j : 0);
      if (!relais_rule_store_create (db, rule, &error))
        g_error ("%s", error->message);
    }
  return partners;
}

/* What the routing history takes in the store, pages and all. */
static gint64
history_bytes (RelaisDb *db)
{
  return query_int64_or_die (db,
                             "SELECT coalesce (sum (pgsize), 0) FROM dbstat WHERE name IN"
                             " ('lead_routing', 'lead_routing_lead', 'lead_routing_journal', 'routing_explanation')",
                             0);
}

static int
command_route (int    argc,
               char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("--db PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) partners = NULL;
  g_autoptr(GArray) previews = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) routes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checkpoints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RelaisStatement) st = NULL;
  RelaisAssignTarget nobody = { RELAIS_ASSIGN_TARGET_NOBODY, 0 };
  RelaisAssignResult freed;
  gint64 mark, history_before = 0, history_after = 0;
  guint assigned = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "The store to measure (filled with 1,000,000 leads when empty)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "relais-bench route --db PATH");
      return EXIT_FAILURE;
    }

  db = open_bench_store (path);
  mark = journal_mark (db);

  /* The setting, undone at the end: 100,000 leads made unassigned (by a
   * reassignment, undone), 500 partners with room, 50 rules. */
  exec_or_die (db, "DELETE FROM rule WHERE name LIKE 'Bench rule %'");
  st = relais_db_prepare (db,
                          "SELECT id FROM lead WHERE status IN ('new', 'partner_assigned', 'assigned_to_rep')"
                          " ORDER BY id LIMIT 100000",
                          &error);
  ids = st != NULL ? relais_statement_collect_ids (st, &error) : NULL;
  if (ids == NULL)
    g_error ("%s", error->message);
  g_clear_object (&st);
  if (!relais_lead_assign (db, (const gint64 *) ids->data, ids->len, &nobody, FALSE, &freed, &error))
    g_error ("%s", error->message);
  exec_or_die (db, "UPDATE partner SET capacity = capacity + 1000000 WHERE id IN (SELECT id FROM partner ORDER BY id LIMIT 500)");
  partners = create_route_rules (db);
  print_figure ("route_leads", ids->len);
  print_figure ("route_partners", partners->len);
  print_figure ("route_rules", 50);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RelaisRulePreviewResult) preview = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      preview = relais_rule_store_preview (db, (const gint64 *) ids->data, ids->len, g_get_real_time (), NULL, &error);
      if (preview == NULL)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (previews, ms);
    }

  for (guint i = 0; i < 3; i++)
    {
      RelaisRuleApplyResult result;
      gint64 start;
      double ms;

      if (i == 0)
        history_before = history_bytes (db);
      start = g_get_monotonic_time ();
      if (!relais_rule_store_route (db, (const gint64 *) ids->data, ids->len, FALSE, NULL, &result, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (routes, ms);
      assigned = result.n_assigned;
      if (i == 0)
        history_after = history_bytes (db);

      /* Committed; the app copies the log into the file after answering. */
      start = g_get_monotonic_time ();
      relais_db_checkpoint (db);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (checkpoints, ms);

      start = g_get_monotonic_time ();
      if (result.journal_id != 0 && !relais_lead_assign_undo (db, result.journal_id, NULL, NULL, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (undos, ms);
      relais_db_checkpoint (db);
    }

  print_figure ("route_100k_assigned", assigned);
  print_figure ("preview_100k_ms", percentile (previews, 0.5));
  print_figure ("route_100k_ms", percentile (routes, 0.5));
  print_figure ("route_checkpoint_100k_ms", percentile (checkpoints, 0.5));
  print_figure ("route_undo_100k_ms", percentile (undos, 0.5));
  /* What a run adds to the store for each lead: its history row, index
   * entries, and its share of the run's explanations. */
  print_figure ("route_history_bytes_per_lead", (double) (history_after - history_before) / MAX (ids->len, 1));

  /* The store as it was. */
  exec_or_die (db, "DELETE FROM rule WHERE name LIKE 'Bench rule %'");
  exec_or_die (db, "UPDATE partner SET capacity = capacity - 1000000 WHERE capacity >= 1000000");
  if (freed.journal_id != 0 && !relais_lead_assign_undo (db, freed.journal_id, NULL, NULL, &error))
    g_error ("%s", error->message);
  forget_journal_since (db, mark);
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc >= 2 && g_str_equal (argv[1], "leads"))
    return command_leads (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "drop"))
    return command_drop (argc - 1, argv + 1);

  if (argc >= 2 && g_str_equal (argv[1], "route"))
    return command_route (argc - 1, argv + 1);

  g_printerr ("usage: relais-bench leads|drop|route --db PATH\n");
  return EXIT_FAILURE;
}
