/* test-import.c — importing CSV files of leads into the store: all or nothing,
 * duplicates skipped or merged, one journal entry, cancellation, hostile files
 * that change nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "relais-csv.h"
#include "relais-db.h"
#include "relais-lead-csv.h"
#include "relais-lead-import.h"
#include "relais-lead-store.h"

typedef struct {
  char     *dir;
  char     *path;
  RelaisDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("relais-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "relais.db", NULL);
  fixture->db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->db);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* --- Helpers --------------------------------------------------------------- */

static gint64
query_int64 (RelaisDb   *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  if (!relais_statement_next (st, &error))
    g_error ("%s: %s", sql, error ? error->message : "no row");
  value = relais_statement_get_int64 (st, 0);
  relais_statement_reset (st);
  return value;
}

static char *
query_text (RelaisDb   *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  if (!relais_statement_next (st, &error))
    g_error ("%s: %s", sql, error ? error->message : "no row");
  text = g_strdup (relais_statement_get_text (st, 0));
  relais_statement_reset (st);
  return text;
}

#define assert_query_int(db, sql, expected) g_assert_cmpint (query_int64 ((db), (sql)), ==, (expected))
#define assert_query_text(db, sql, expected) \
  G_STMT_START { \
    g_autofree char *_text = query_text ((db), (sql)); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

/* Everything an import may touch, as one digest: every column of every lead,
 * note, journal entry and link. */
static char *
digest_store (RelaisDb *db)
{
  static const char *queries[] = {
    "SELECT * FROM lead ORDER BY id",
    "SELECT * FROM lead_note ORDER BY id",
    "SELECT * FROM journal ORDER BY id",
    "SELECT * FROM journal_lead ORDER BY journal_id, lead_id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *handle = relais_db_get_handle (db);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, (const guchar *) (text ? text : "\x01NULL"), -1);
            g_checksum_update (checksum, (const guchar *) "|", 1);
          }
      sqlite3_finalize (stmt);
      g_checksum_update (checksum, (const guchar *) "#", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* The names and definitions of the indexes and triggers of the leads table,
 * which a large import drops and makes again. */
static char *
lead_schema (RelaisDb *db)
{
  return query_text (db, "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_schema"
                         " WHERE tbl_name = 'lead' AND type IN ('index', 'trigger') ORDER BY name)");
}

typedef struct {
  gint64  n_leads;
  gint64  max_updated_at;
  gint64  n_journal;
  char   *digest;
  char   *schema;
} Snapshot;

static void
take_snapshot (RelaisDb *db,
               Snapshot *snapshot)
{
  snapshot->n_leads = query_int64 (db, "SELECT count(*) FROM lead");
  snapshot->max_updated_at = query_int64 (db, "SELECT coalesce(max(updated_at), 0) FROM lead");
  snapshot->n_journal = query_int64 (db, "SELECT count(*) FROM journal");
  snapshot->digest = digest_store (db);
  snapshot->schema = lead_schema (db);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->digest, g_free);
  g_clear_pointer (&snapshot->schema, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static void
assert_unchanged (RelaisDb *db,
                  Snapshot *before)
{
  g_auto(Snapshot) after = { 0 };

  take_snapshot (db, &after);
  g_assert_cmpint (after.n_leads, ==, before->n_leads);
  g_assert_cmpint (after.max_updated_at, ==, before->max_updated_at);
  g_assert_cmpint (after.n_journal, ==, before->n_journal);
  g_assert_cmpstr (after.digest, ==, before->digest);
  g_assert_cmpstr (after.schema, ==, before->schema);
  assert_query_text (db, "PRAGMA integrity_check", "ok");
}

static gboolean
import_text (RelaisDb                      *db,
             const char                    *csv,
             gssize                         length,
             const RelaisLeadImportOptions *options,
             RelaisLeadImportReport        *report,
             GCancellable                  *cancellable,
             GError                       **error)
{
  g_autoptr(RelaisCsvReader) reader =
    relais_csv_reader_new_for_data (csv, length < 0 ? strlen (csv) : (gsize) length);
  g_autoptr(RelaisLeadCsvMapping) mapping = relais_lead_csv_mapping_new_from_reader (reader, error);

  if (mapping == NULL)
    return FALSE;

  return relais_lead_import_run (db, reader, mapping, options, report, cancellable, error);
}

static gboolean
import_fixture (RelaisDb                      *db,
                const char                    *name,
                const RelaisLeadImportOptions *options,
                RelaisLeadImportReport        *report,
                GError                       **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return relais_lead_import_file (db, file, NULL, options, report, NULL, error);
}

/* Imports @csv with @options, which must succeed. */
static void
import_ok (RelaisDb                      *db,
           const char                    *csv,
           const RelaisLeadImportOptions *options,
           RelaisLeadImportReport        *report)
{
  g_autoptr(GError) error = NULL;

  relais_lead_import_report_init (report);
  g_assert_true (import_text (db, csv, -1, options, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (report->committed || (options != NULL && options->dry_run));
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* --- Tests ------------------------------------------------------------------- */

static void
test_formats (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const struct {
    const char *name;
    guint64     n_leads;
  } files[] = {
    { "salesforce-leads.csv", 5 },
    { "hubspot-contacts.csv", 4 },
    { "oracle-marketplace-leads.csv", 4 },
    { "french-excel.csv", 4 },
    { "relais-export.csv", 2 },
  };
  RelaisDb *db = fixture->db;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(RelaisLeadImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;

      relais_lead_import_report_init (&report);
      if (!import_fixture (db, files[i].name, NULL, &report, &error))
        g_error ("%s: %s", files[i].name, error->message);
      g_assert_cmpuint (report.n_rows, ==, files[i].n_leads);
      g_assert_cmpuint (report.n_inserted, ==, files[i].n_leads);
      g_assert_cmpuint (report.n_invalid, ==, 0);
      g_assert_cmpuint (report.errors->len, ==, 0);
      g_assert_true (report.committed);
      g_assert_cmpint (report.journal_id, >, 0);
    }

  assert_query_int (db, "SELECT count(*) FROM lead", 19);
  assert_query_int (db, "SELECT count(*) FROM journal WHERE action = 'import' AND entity = 'lead'", 5);
  assert_query_int (db, "SELECT count(DISTINCT uuid) FROM lead", 19);

  /* Salesforce: a company with a comma, its picklist statuses, notes. */
  assert_query_text (db, "SELECT company FROM lead WHERE email = 'siobhan@cliffside-analytics.ie'", "Cliffside Analytics, Ltd.");
  assert_query_text (db, "SELECT status FROM lead WHERE email = 'siobhan@cliffside-analytics.ie'", "converted");
  assert_query_text (db, "SELECT country FROM lead WHERE email = 'p.devries@vandijk-logistiek.nl'", "NL");
  assert_query_text (db, "SELECT n.body FROM lead_note n JOIN lead l ON l.id = n.lead_id WHERE l.email = 'j.becker@nordlicht-software.de'",
                     "Call back after 14:00.\nPrefers German.");

  /* HubSpot: Country/Region, In Progress. */
  assert_query_text (db, "SELECT country || ' ' || status FROM lead WHERE email = 'anna.kowalska@wisla-it.pl'", "PL contacted");
  assert_query_int (db, "SELECT created_at FROM lead WHERE email = 'marco.bianchi@officine-bianchi.it'", utc (2024, 3, 10, 16, 5));

  /* Oracle Cloud Marketplace: American dates with AM/PM, listing type. */
  assert_query_int (db, "SELECT created_at FROM lead WHERE email = 's.lambert@brasserie-lambert.be'", utc (2024, 3, 2, 16, 15));
  assert_query_text (db, "SELECT kind || ' ' || status || ' ' || listing FROM lead WHERE email = 's.lambert@brasserie-lambert.be'",
                     "app contacted Inventory Insight");
  assert_query_text (db, "SELECT status FROM lead WHERE email = 'hannah.schmid@alpenblick-hotels.ch'", "delivered");

  /* French Excel: amounts with a decimal comma, dd/mm/yyyy, Windows line ends
   * inside notes become plain ones. */
  assert_query_int (db, "SELECT value_minor FROM lead WHERE email = 'elodie.marchand@boulangeries-marchand.fr'", 123450);
  assert_query_int (db, "SELECT created_at FROM lead WHERE email = 'elodie.marchand@boulangeries-marchand.fr'", utc (2024, 3, 5, 0, 0));
  assert_query_text (db, "SELECT country || ' ' || currency || ' ' || value_minor || ' ' || status FROM lead WHERE email = 'ines.haddad@sts-services.tn'",
                     "TN TND 850000 purchased");
  assert_query_text (db, "SELECT n.body FROM lead_note n JOIN lead l ON l.id = n.lead_id WHERE l.email = 'jb.moreau@moreau-industrie.fr'",
                     "Client très satisfait.\nDemande une extension.");

  /* Relais's own export: codes come back as they went. */
  assert_query_text (db, "SELECT status || ' ' || category || ' ' || kind || ' ' || value_minor || ' ' || program FROM lead WHERE email = 'nora.vidal@vidal-energie.fr'",
                     "partner_assigned demo_trial service 2500000 Salon Big Data Paris 2024");
}

static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_auto(RelaisLeadImportReport) first = { 0 };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(Snapshot) before = { 0 };
  const RelaisLeadImportRowError *row_error;

  relais_lead_import_report_init (&first);
  g_assert_true (import_fixture (fixture->db, "salesforce-leads.csv", NULL, &first, &error));
  take_snapshot (fixture->db, &before);

  /* Two bad rows among five: nothing is written, every bad row is listed. */
  relais_lead_import_report_init (&report);
  g_assert_false (import_fixture (fixture->db, "invalid-rows.csv", NULL, &report, &error));
  g_assert_error (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpstr (error->message, ==, "2 rows are not valid, so nothing was imported. Correct them, or import only the valid rows.");
  g_assert_false (report.committed);
  g_assert_cmpint (report.journal_id, ==, 0);
  g_assert_cmpuint (report.n_rows, ==, 5);
  g_assert_cmpuint (report.n_invalid, ==, 2);
  g_assert_cmpuint (report.errors->len, ==, 2);

  row_error = &g_array_index (report.errors, RelaisLeadImportRowError, 0);
  g_assert_cmpuint (row_error->line, ==, 4);
  g_assert_cmpint (row_error->code, ==, RELAIS_LEAD_CSV_ERROR_NO_IDENTITY);
  row_error = &g_array_index (report.errors, RelaisLeadImportRowError, 1);
  g_assert_cmpuint (row_error->line, ==, 5);
  g_assert_cmpint (row_error->code, ==, RELAIS_LEAD_CSV_ERROR_EMAIL);
  g_assert_nonnull (strstr (row_error->message, "ana.sousa@sousa-filhos"));
  g_assert_nonnull (strstr (row_error->message, "Atlantis"));

  assert_unchanged (fixture->db, &before);
}

static void
test_good_rows (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  RelaisLeadImportOptions options = { .on_errors = RELAIS_LEAD_IMPORT_GOOD_ROWS };

  relais_lead_import_report_init (&report);
  g_assert_true (import_fixture (fixture->db, "invalid-rows.csv", &options, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.committed);
  g_assert_cmpuint (report.n_inserted, ==, 3);
  g_assert_cmpuint (report.n_invalid, ==, 2);
  g_assert_cmpuint (report.errors->len, ==, 2);

  assert_query_int (fixture->db, "SELECT count(*) FROM lead", 3);
  assert_query_text (fixture->db, "SELECT group_concat(country, ' ') FROM (SELECT country FROM lead ORDER BY id)", "FR IT BE");
  assert_query_text (fixture->db, "SELECT status FROM lead WHERE email = 'bram@peeters-bouw.be'", "new");
  assert_query_int (fixture->db, "SELECT json_extract(changes, '$.invalid') FROM journal", 2);
}

static gint64
lead_id_of (RelaisDb   *db,
            const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "SELECT id FROM lead WHERE email = ?", &error);
  gint64 id;

  g_assert_no_error (error);
  relais_statement_bind_text (st, 1, email);
  g_assert_true (relais_statement_next (st, &error));
  id = relais_statement_get_int64 (st, 0);
  relais_statement_reset (st);
  return id;
}

static void
test_duplicates_skip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_auto(RelaisLeadImportReport) first = { 0 };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(RelaisLead) before = NULL;
  g_autoptr(RelaisLead) after = NULL;
  gint64 id;

  import_ok (fixture->db,
             "First Name,Last Name,Company,Email,Phone,City\n"
             "Jean,Dupont,Société Générale,Jean.Dupont@example.fr,,Lyon\n",
             NULL, &first);
  id = lead_id_of (fixture->db, "Jean.Dupont@example.fr");
  before = relais_lead_store_load (fixture->db, id, NULL);

  import_ok (fixture->db,
             "Email,Company,Phone,City,First Name\n"
             /* the same lead, written otherwise */
             "jean.dupont@EXAMPLE.fr,SOCIÉTÉ GÉNÉRALE,+33 4 99 00 00 01,Paris,Jean\n"
             /* the same person at another company: another lead */
             "jean.dupont@example.fr,Dupont Conseil,,Nice,Jean\n"
             /* a new lead, twice in the file */
             "claire@fontaine-conseil.fr,Fontaine Conseil,,Rennes,Claire\n"
             "CLAIRE@fontaine-conseil.fr,fontaine conseil,+33 2 99 00 00 02,,\n",
             NULL, &report);

  g_assert_cmpuint (report.n_rows, ==, 4);
  g_assert_cmpuint (report.n_inserted, ==, 2);
  g_assert_cmpuint (report.n_duplicates, ==, 2);
  g_assert_cmpuint (report.n_merged, ==, 0);

  /* The stored lead is untouched. */
  after = relais_lead_store_load (fixture->db, id, NULL);
  g_assert_cmpstr (relais_lead_get_phone (after), ==, "");
  g_assert_cmpstr (relais_lead_get_city (after), ==, "Lyon");
  g_assert_cmpint (relais_lead_get_revision (after), ==, relais_lead_get_revision (before));
  g_assert_cmpint (relais_lead_get_updated_at (after), ==, relais_lead_get_updated_at (before));
  assert_query_int (fixture->db, "SELECT count(*) FROM lead", 3);
  assert_query_text (fixture->db, "SELECT phone FROM lead WHERE email = 'claire@fontaine-conseil.fr'", "");
}

static void
test_duplicates_merge (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RelaisLeadImportOptions merge = { .on_duplicate = RELAIS_LEAD_IMPORT_MERGE_DUPLICATES };
  g_auto(RelaisLeadImportReport) first = { 0 };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_auto(RelaisLeadImportReport) again = { 0 };
  g_autoptr(RelaisLead) before = NULL;
  g_autoptr(RelaisLead) after = NULL;
  const char *file =
    "Email,Company,Phone,City,Listing,Value,Lead Status,Notes\n"
    "JEAN.DUPONT@example.fr,société générale,+33 4 99 00 00 01,Paris,Inventory Insight,1500,Closed,Rappeler en avril.\n"
    /* a new lead, then a row that completes it */
    "claire@fontaine-conseil.fr,Fontaine Conseil,,Rennes,,,,\n"
    "claire@fontaine-conseil.fr,FONTAINE CONSEIL,+33 2 99 00 00 02,Brest,,,,\n";
  gint64 id;
  gint64 n_journal;

  import_ok (fixture->db,
             "First Name,Last Name,Company,Email,Phone,City,Lead Status\n"
             "Jean,Dupont,Société Générale,jean.dupont@example.fr,,Lyon,Contacted\n",
             NULL, &first);
  id = lead_id_of (fixture->db, "jean.dupont@example.fr");
  before = relais_lead_store_load (fixture->db, id, NULL);

  import_ok (fixture->db, file, &merge, &report);
  g_assert_cmpuint (report.n_rows, ==, 3);
  g_assert_cmpuint (report.n_inserted, ==, 1);
  g_assert_cmpuint (report.n_duplicates, ==, 2);
  g_assert_cmpuint (report.n_merged, ==, 2);

  /* Empty fields are filled; what the lead had stays, status included. */
  after = relais_lead_store_load (fixture->db, id, NULL);
  g_assert_cmpstr (relais_lead_get_phone (after), ==, "+33 4 99 00 00 01");
  g_assert_cmpstr (relais_lead_get_listing (after), ==, "Inventory Insight");
  g_assert_cmpint (relais_lead_get_value_minor (after), ==, 150000);
  g_assert_cmpstr (relais_lead_get_city (after), ==, "Lyon");
  g_assert_cmpstr (relais_lead_get_company (after), ==, "Société Générale");
  g_assert_cmpstr (relais_lead_get_email (after), ==, "jean.dupont@example.fr");
  g_assert_cmpint (relais_lead_get_status (after), ==, RELAIS_LEAD_STATUS_CONTACTED);
  g_assert_cmpstr (relais_lead_get_uuid (after), ==, relais_lead_get_uuid (before));
  g_assert_cmpint (relais_lead_get_revision (after), ==, relais_lead_get_revision (before) + 1);
  g_assert_cmpint (relais_lead_get_updated_at (after), >, relais_lead_get_updated_at (before));
  assert_query_text (fixture->db, "SELECT group_concat(body) FROM lead_note", "Rappeler en avril.");
  assert_query_text (fixture->db, "SELECT phone || ' ' || city FROM lead WHERE email = 'claire@fontaine-conseil.fr'",
                     "+33 2 99 00 00 02 Rennes");

  /* The same file again changes nothing: no new note, revision or entry. */
  n_journal = query_int64 (fixture->db, "SELECT count(*) FROM journal");
  import_ok (fixture->db, file, &merge, &again);
  g_assert_cmpuint (again.n_duplicates, ==, 3);
  g_assert_cmpuint (again.n_merged, ==, 0);
  g_assert_cmpuint (again.n_inserted, ==, 0);
  g_assert_cmpint (again.journal_id, ==, 0);
  g_clear_object (&after);
  after = relais_lead_store_load (fixture->db, id, NULL);
  g_assert_cmpint (relais_lead_get_revision (after), ==, relais_lead_get_revision (before) + 1);
  assert_query_int (fixture->db, "SELECT count(*) FROM lead_note", 1);
  assert_query_int (fixture->db, "SELECT count(*) FROM journal", n_journal);
}

static void
test_journal (Fixture       *fixture,
              gconstpointer  user_data)
{
  RelaisLeadImportOptions merge = { .on_duplicate = RELAIS_LEAD_IMPORT_MERGE_DUPLICATES };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_auto(RelaisLeadImportReport) second = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  relais_lead_import_report_init (&report);
  g_assert_true (import_fixture (fixture->db, "hubspot-contacts.csv", NULL, &report, &error));

  /* One entry for the whole import, linked to each lead. */
  assert_query_int (fixture->db, "SELECT count(*) FROM journal", 1);
  assert_query_int (fixture->db, "SELECT id FROM journal", report.journal_id);
  assert_query_text (fixture->db, "SELECT action || ' ' || entity || ' ' || coalesce(entity_uuid, 'none') FROM journal",
                     "import lead none");
  assert_query_text (fixture->db, "SELECT json_extract(changes, '$.file') FROM journal", "hubspot-contacts.csv");
  assert_query_int (fixture->db, "SELECT json_extract(changes, '$.inserted') FROM journal", 4);
  assert_query_int (fixture->db, "SELECT json_extract(changes, '$.rows') FROM journal", 4);
  assert_query_int (fixture->db, "SELECT count(*) FROM journal_lead", 4);
  assert_query_int (fixture->db,
                    "SELECT count(*) FROM lead WHERE id NOT IN (SELECT lead_id FROM journal_lead)", 0);

  /* A merge and an insert: two links, to the new entry. The file name is
   * recorded as given, quotes and all. */
  merge.file_name = "Leads_03142024 \"final\".csv";
  import_ok (fixture->db,
             "Email,Company Name,Notes,First Name\n"
             "emilie.rousseau@atelier-rousseau.fr,Atelier Rousseau,Devis envoyé,\n"
             "nouveau@exemple.fr,Exemple SARL,,Paul\n",
             &merge, &second);
  g_assert_cmpint (second.journal_id, >, report.journal_id);
  sql = g_strdup_printf ("SELECT count(*) FROM journal_lead WHERE journal_id = %" G_GINT64_FORMAT, second.journal_id);
  assert_query_int (fixture->db, sql, 2);
  assert_query_text (fixture->db, "SELECT json_extract(changes, '$.file') FROM journal ORDER BY id DESC LIMIT 1",
                     "Leads_03142024 \"final\".csv");
  assert_query_int (fixture->db, "SELECT json_extract(changes, '$.merged') FROM journal ORDER BY id DESC LIMIT 1", 1);
}

static void
cancel_progress_cb (const RelaisLeadImportReport *report,
                    guint64                       bytes_read,
                    gint64                        total_bytes,
                    gpointer                      user_data)
{
  g_assert_cmpint (total_bytes, >, 0);
  g_assert_cmpuint (bytes_read, <=, (guint64) total_bytes);
  if (report->n_rows >= 2000)
    g_cancellable_cancel (user_data);
}

static GString *
generated_file (guint n_rows,
                guint first)
{
  GString *csv = g_string_new ("First Name,Last Name,Company,Email,Country\n");

  for (guint i = first; i < first + n_rows; i++)
    g_string_append_printf (csv, "Prénom%u,Nom%u,Société %u,p%u@exemple-%u.fr,FR\n", i, i, i, i, i % 97);
  return csv;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) csv = generated_file (6000, 0);
  g_auto(RelaisLeadImportReport) first = { 0 };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_auto(RelaisLeadImportReport) cancelled = { 0 };
  g_autoptr(GError) error = NULL;
  RelaisLeadImportOptions options = {
    .progress = cancel_progress_cb,
    .progress_data = cancellable,
    .progress_interval = 100,
  };
  g_auto(Snapshot) before = { 0 };

  import_ok (fixture->db, "Email,Company\nold@exemple.fr,Ancienne SA\n", NULL, &first);
  take_snapshot (fixture->db, &before);

  relais_lead_import_report_init (&report);
  g_assert_false (import_text (fixture->db, csv->str, (gssize) csv->len, &options, &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report.n_rows, >=, 2000);
  g_assert_cmpuint (report.n_rows, <, 6000);
  g_assert_false (report.committed);
  assert_unchanged (fixture->db, &before);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  relais_lead_import_report_init (&cancelled);
  g_assert_false (import_text (fixture->db, csv->str, (gssize) csv->len, NULL, &cancelled, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_unchanged (fixture->db, &before);
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GString) huge = g_string_new ("Email,Notes\na@b.fr,\"");
  g_autoptr(GString) late_nul = generated_file (5000, 0);
  g_autoptr(GString) wide = g_string_new ("Email");
  g_auto(RelaisLeadImportReport) first = { 0 };
  struct {
    const char *name;
    const char *data;
    gsize       length;
    GQuark      domain;
    int         code;
    guint       line;
  } cases[] = {
    { "unbalanced quote", "Email,Notes\na@b.fr,x\nc@d.fr,\"never closed\ne@f.fr,y\n", 0,
      RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_UNCLOSED_QUOTE, 3 },
    { "NUL byte", "Email,Notes\na@b.fr,x\0y\n", 23, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_NUL, 2 },
    { "invalid UTF-8", "Email,Notes\na@b.fr,ok\nc@d.fr,caf\xE9\n", 0, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_ENCODING, 3 },
    { "huge field", NULL, 0, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_FIELD_TOO_LONG, 2 },
    { "empty file", "", 0, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_EMPTY, 0 },
    { "header only", "First Name,Last Name,Email\r\n", 0, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_NO_ROWS, 0 },
    { "blank rows only", "Email,Company\n,\n , \n", 0, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_NO_ROWS, 0 },
    { "no lead column", "Industry,Title\nRetail,CEO\n", 0, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_MAPPING, 0 },
    { "NUL after 5000 good rows", NULL, 0, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_NUL, 5002 },
    { "too many columns", NULL, 0, RELAIS_CSV_ERROR, RELAIS_CSV_ERROR_TOO_MANY_COLUMNS, 1 },
  };
  g_auto(Snapshot) before = { 0 };

  for (guint i = 0; i < 1024 * 1024 / 8; i++)
    g_string_append (huge, "Lorem ip");
  g_string_append (huge, "\"\n");
  cases[3].data = huge->str;
  cases[3].length = huge->len;

  g_string_append_len (late_nul, "x@y.fr,\0\n", 9);
  cases[8].data = late_nul->str;
  cases[8].length = late_nul->len;

  for (guint i = 0; i < RELAIS_CSV_MAX_COLUMNS; i++)
    g_string_append (wide, ",x");
  cases[9].data = wide->str;
  cases[9].length = wide->len;

  import_ok (fixture->db, "Email,Company\nold@exemple.fr,Ancienne SA\n", NULL, &first);
  take_snapshot (fixture->db, &before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RelaisLeadImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;
      RelaisLeadImportOptions options = { .on_errors = RELAIS_LEAD_IMPORT_GOOD_ROWS };
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].data);

      g_test_message ("%s", cases[i].name);
      relais_lead_import_report_init (&report);
      g_assert_false (import_text (fixture->db, cases[i].data, (gssize) length, &options, &report, NULL, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].line > 0)
        {
          g_autofree char *expected = g_strdup_printf ("Line %u", cases[i].line);

          if (!g_str_has_prefix (error->message, expected))
            g_error ("%s: “%s” does not name line %u", cases[i].name, error->message, cases[i].line);
        }
      g_assert_false (report.committed);
      assert_unchanged (fixture->db, &before);
    }

}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  RelaisLeadImportOptions options = { .dry_run = TRUE };
  g_auto(Snapshot) before = { 0 };

  take_snapshot (fixture->db, &before);
  relais_lead_import_report_init (&report);
  g_assert_true (import_fixture (fixture->db, "invalid-rows.csv", &options, &report, &error));
  g_assert_no_error (error);
  g_assert_false (report.committed);
  g_assert_cmpuint (report.n_inserted, ==, 3);
  g_assert_cmpuint (report.n_invalid, ==, 2);
  assert_unchanged (fixture->db, &before);
}

static void
test_error_lines (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  /* Line numbers are the file's: a note over three lines moves the next row
   * to line 5. */
  relais_lead_import_report_init (&report);
  g_assert_false (import_text (fixture->db,
                               "Email,Notes,Country\r\n"
                               "a@b.fr,\"one\r\ntwo\r\nthree\",FR\r\n"
                               "c@d.fr,,Narnia\r\n",
                               -1, NULL, &report, NULL, &error));
  g_assert_error (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpuint (report.errors->len, ==, 1);
  g_assert_cmpuint (g_array_index (report.errors, RelaisLeadImportRowError, 0).line, ==, 5);
  g_assert_cmpint (g_array_index (report.errors, RelaisLeadImportRowError, 0).code, ==, RELAIS_LEAD_CSV_ERROR_COUNTRY);
}

static void
test_bulk (Fixture       *fixture,
           gconstpointer  user_data)
{
  RelaisLeadImportOptions merge = { .on_duplicate = RELAIS_LEAD_IMPORT_MERGE_DUPLICATES };
  g_auto(RelaisLeadImportReport) first = { 0 };
  g_auto(RelaisLeadImportReport) report = { 0 };
  g_autoptr(GString) csv = generated_file (22000, 100);
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  gint64 n_journal;

  /* Leads without a first name, that the big file completes. */
  import_ok (fixture->db, "First Name,Email,Company\n,p100@exemple-3.fr,Société 100\n,p20000@exemple-18.fr,Société 20000\n",
             NULL, &first);
  schema_before = lead_schema (fixture->db);
  n_journal = query_int64 (fixture->db, "SELECT count(*) FROM journal");

  /* Large enough, against the store, for the indexes to be made at the end. */
  g_string_replace (csv, "Prénom20000,", "Zoéxyq,", 1);
  import_ok (fixture->db, csv->str, &merge, &report);
  g_assert_cmpuint (report.n_rows, ==, 22000);
  g_assert_cmpuint (report.n_inserted, ==, 21998);
  g_assert_cmpuint (report.n_merged, ==, 2);

  schema_after = lead_schema (fixture->db);
  g_assert_cmpstr (schema_after, ==, schema_before);
  assert_query_text (fixture->db, "PRAGMA integrity_check", "ok");
  assert_query_int (fixture->db, "SELECT count(*) FROM lead", 22000);
  assert_query_int (fixture->db, "SELECT count(*) FROM journal", n_journal + 1);
  assert_query_int (fixture->db, "SELECT count(*) FROM journal_lead WHERE journal_id = (SELECT max(id) FROM journal)", 22000);
  assert_query_text (fixture->db, "SELECT first_name FROM lead WHERE email = 'p20000@exemple-18.fr'", "Zoéxyq");

  /* The search text of a lead merged while the indexes were down is right,
   * when this version of the store has one. */
  if (query_int64 (fixture->db, "SELECT count(*) FROM pragma_table_info('lead') WHERE name = 'search_text'") == 1)
    assert_query_int (fixture->db, "SELECT count(*) FROM lead WHERE email = 'p20000@exemple-18.fr' AND instr(search_text, 'zoexyq') > 0", 1);
  if (query_int64 (fixture->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'lead_fts'") == 1)
    assert_query_int (fixture->db, "SELECT count(*) FROM lead_fts WHERE search_text GLOB '*zoexyq*'", 1);
}

int
main (int    argc,
      char **argv)
{
  /* Dates without a zone are local time: make it known. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/formats", test_formats);
  ADD ("/import/all-or-nothing", test_all_or_nothing);
  ADD ("/import/good-rows", test_good_rows);
  ADD ("/import/duplicates/skip", test_duplicates_skip);
  ADD ("/import/duplicates/merge-fills-empty-only", test_duplicates_merge);
  ADD ("/import/journal", test_journal);
  ADD ("/import/cancel-rolls-back", test_cancel);
  ADD ("/import/hostile", test_hostile);
  ADD ("/import/dry-run", test_dry_run);
  ADD ("/import/error-lines", test_error_lines);
  ADD ("/import/bulk", test_bulk);
#undef ADD

  return g_test_run ();
}
