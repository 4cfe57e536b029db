/* test-store.c — the local SQLite store: opening, migrations, damaged files,
 * round trips of every entity, constraints, demo data, the lazy lead model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "relais-db-private.h"
#include "relais-db.h"
#include "relais-demo.h"
#include "relais-journal.h"
#include "relais-lead-model.h"
#include "relais-lead-store.h"
#include "relais-partner-store.h"
#include "relais-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("relais-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "relais.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
query_int64 (RelaisDb   *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_true (relais_statement_next (st, &error));
  g_assert_no_error (error);
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
  g_assert_true (relais_statement_next (st, &error));
  text = g_strdup (relais_statement_get_text (st, 0));
  relais_statement_reset (st);
  return text;
}

/* Every table PRODUCT.md's entities need, present from the first version. */
static const char *expected_tables[] = {
  "partner", "contact", "queue", "queue_member", "lead", "lead_note", "lead_routing",
  "prospect", "sales_alert", "deal", "deal_team_member", "deal_solution",
  "deal_invitation", "deal_stage", "rule", "rule_criterion", "rule_member",
  "journal", "journal_lead", "meta",
};

static void
assert_current_schema (RelaisDb *db)
{
  g_assert_cmpint (relais_db_get_schema_version (db), ==, RELAIS_DB_SCHEMA_VERSION);
  g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==, RELAIS_DB_SCHEMA_VERSION);
  g_assert_cmpint (query_int64 (db, "PRAGMA foreign_keys"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RelaisStatement) st =
        relais_db_prepare (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", &error);

      g_assert_no_error (error);
      relais_statement_bind_text (st, 1, expected_tables[i]);
      g_assert_true (relais_statement_next (st, &error));
      if (relais_statement_get_int64 (st, 0) != 1)
        g_error ("table %s is missing", expected_tables[i]);
      relais_statement_reset (st);
    }
}

static void
test_open_new_file (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *nested = g_build_filename (fixture->dir, "sub", "relais.db", NULL);
  g_autofree char *sub = g_path_get_dirname (nested);

  /* The folder is created too, as on a first start. */
  db = relais_db_open (nested, &error);
  g_assert_no_error (error);
  assert_current_schema (db);
  {
    g_autofree char *mode = query_text (db, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "wal");
  }
  /* A new store's pages are of 16 KiB (relais-bench route). */
  g_assert_cmpint (query_int64 (db, "PRAGMA page_size"), ==, 16384);
  g_assert_true (relais_lead_store_is_empty (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* Opening again is a no-op migration. */
  db = relais_db_open (nested, &error);
  g_assert_no_error (error);
  assert_current_schema (db);
  g_clear_object (&db);

  remove_tree (sub);
}

static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));

  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_current_schema (db);
}

static void
assert_file_unchanged (const char *path,
                       const char *contents,
                       gsize       length)
{
  g_autofree char *after = NULL;
  gsize after_length = 0;

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
}

static void
test_open_garbage (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);

  for (guint i = 0; i < 4096; i++)
    g_string_append_c (garbage, (char) ((i * 7919u) % 251u));
  g_assert_true (g_file_set_contents (fixture->path, garbage->str, garbage->len, &error));

  db = relais_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  assert_file_unchanged (fixture->path, garbage->str, garbage->len);
}

static void
test_open_truncated (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* A real store cut in the middle of its header. */
  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&db);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 100);
  memset (contents + 16, 0xff, 40);  /* page size and format bytes */
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));

  db = relais_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CORRUPT);
}

static void
test_open_other_program (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  db = relais_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_NOT_RELAIS);

  /* Nothing was added to the other program's file. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (other);
}

static void
test_open_too_new (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *sql = NULL;

  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("PRAGMA user_version = %d", RELAIS_DB_SCHEMA_VERSION + 1);
  g_assert_true (relais_db_exec (db, sql, &error));
  g_clear_object (&db);

  db = relais_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_TOO_NEW);
}

static void
test_migrate_from_every_version (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  for (int version = 0; version < RELAIS_DB_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RelaisDb) db = NULL;

      g_remove (fixture->path);

      db = relais_db_open_at_version (fixture->path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (relais_db_get_schema_version (db), ==, version);
      g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==, version);
      g_clear_object (&db);

      db = relais_db_open (fixture->path, &error);
      g_assert_no_error (error);
      assert_current_schema (db);
    }
}

static void
test_migrate_failure_rolls_back (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A store of ours at version 0 that holds a table in the way of migration 1. */
  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA application_id = 1380273235; CREATE TABLE lead (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = relais_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_MIGRATION);

  /* All or nothing: no table of migration 1 stayed, the version did not move. */
  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT count(*) FROM sqlite_schema), (SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
}

static RelaisPartner *
make_partner (RelaisDb   *db,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  RelaisPartner *partner = relais_partner_new ();

  relais_partner_set_name (partner, name);
  relais_partner_set_tier (partner, RELAIS_PARTNER_TIER_GOLD);
  relais_partner_set_countries (partner, "FR,BE");
  relais_partner_set_technologies (partner, "security,cloud");
  relais_partner_set_languages (partner, "fr,nl");
  relais_partner_set_capacity (partner, 50);
  relais_partner_set_active (partner, FALSE);
  relais_partner_set_out_of_office_until (partner, G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC);
  relais_partner_set_owner (partner, "Camille Laurent");
  relais_partner_set_website (partner, "https://exemple.fr");
  relais_partner_set_city (partner, "Lyon");
  relais_partner_set_country (partner, "FR");
  relais_partner_set_notes (partner, "Spécialiste « zero trust ».");
  g_assert_true (relais_partner_store_insert (db, partner, &error));
  g_assert_no_error (error);

  return partner;
}

static void
test_round_trip_partner_contact (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisPartner) partner = NULL;
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  g_autoptr(GListStore) partners = NULL;
  g_autoptr(GListStore) contacts = NULL;
  g_autoptr(RelaisPartner) read = NULL;
  g_autoptr(RelaisContact) read_contact = NULL;

  g_assert_no_error (error);
  partner = make_partner (db, "Solutions Informatiques Dupré SARL");
  g_assert_cmpint (relais_partner_get_id (partner), >, 0);
  g_assert_true (relais_uuid_is_valid (relais_partner_get_uuid (partner)));

  relais_contact_set_partner_id (contact, relais_partner_get_id (partner));
  relais_contact_set_first_name (contact, "Zoë");
  relais_contact_set_last_name (contact, "Lefèvre");
  relais_contact_set_email (contact, "zoe.lefevre@exemple.fr");
  relais_contact_set_phone (contact, "+33 6 12 34 56 78");
  relais_contact_set_role (contact, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
  relais_contact_set_partner_user (contact, TRUE);
  g_assert_true (relais_partner_store_insert_contact (db, contact, &error));
  g_assert_no_error (error);

  partners = relais_partner_store_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (partners)), ==, 1);
  read = g_list_model_get_item (G_LIST_MODEL (partners), 0);

#define SAME_TEXT(field, prop) g_assert_cmpstr (relais_partner_get_##field (read), ==, relais_partner_get_##field (partner));
#define SAME_INT(field) g_assert_cmpint (relais_partner_get_##field (read), ==, relais_partner_get_##field (partner))
  RELAIS_PARTNER_TEXT_FIELDS (SAME_TEXT)
  SAME_INT (id);
  SAME_INT (capacity);
  SAME_INT (out_of_office_until);
  SAME_INT (created_at);
  SAME_INT (updated_at);
  SAME_INT (revision);
#undef SAME_TEXT
#undef SAME_INT
  g_assert_cmpint (relais_partner_get_tier (read), ==, RELAIS_PARTNER_TIER_GOLD);
  g_assert_false (relais_partner_get_active (read));
  g_assert_cmpint (relais_partner_get_open_leads (read), ==, 0);

  contacts = relais_partner_store_list_contacts (db, relais_partner_get_id (partner), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 1);
  read_contact = g_list_model_get_item (G_LIST_MODEL (contacts), 0);

#define SAME_TEXT(field) g_assert_cmpstr (relais_contact_get_##field (read_contact), ==, relais_contact_get_##field (contact))
#define SAME_INT(field, prop) g_assert_cmpint (relais_contact_get_##field (read_contact), ==, relais_contact_get_##field (contact));
#define SAME_TEXT_X(field, prop) SAME_TEXT (field);
  RELAIS_CONTACT_TEXT_FIELDS (SAME_TEXT_X)
  RELAIS_CONTACT_INT_FIELDS (SAME_INT)
#undef SAME_TEXT
#undef SAME_TEXT_X
#undef SAME_INT
  g_assert_cmpint (relais_contact_get_role (read_contact), ==, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
  g_assert_true (relais_contact_get_partner_user (read_contact));
}

static void
test_round_trip_lead (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisPartner) partner = NULL;
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  g_autoptr(RelaisLead) read = NULL;
  gint64 queue_id;

  g_assert_no_error (error);
  partner = make_partner (db, "Müller IT-Systeme GmbH");
  queue_id = relais_queue_store_insert (db, "France – Entreprises", "Grands comptes", &error);
  g_assert_no_error (error);

  /* Every field set to something that is not its default. */
#define SET_TEXT(field, prop) relais_lead_set_##field (lead, #field "·é");
  RELAIS_LEAD_TEXT_FIELDS (SET_TEXT)
#undef SET_TEXT
  relais_lead_set_uuid (lead, "5b0e2f4c-8f1e-4a7b-9c3d-2e1f0a9b8c7d");
  relais_lead_set_currency (lead, "CHF");
  relais_lead_set_kind (lead, RELAIS_LEAD_KIND_APP);
  relais_lead_set_category (lead, RELAIS_LEAD_CATEGORY_DEMO_TRIAL);
  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_REJECTED);
  relais_lead_set_rejection_reason (lead, RELAIS_REJECTION_NOT_MY_TERRITORY);
  relais_lead_set_partner_id (lead, relais_partner_get_id (partner));
  relais_lead_set_queue_id (lead, queue_id);
  relais_lead_set_assigned_at (lead, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC + 17);
  relais_lead_set_accepted_at (lead, G_GINT64_CONSTANT (1700003600) * G_USEC_PER_SEC + 3);
  relais_lead_set_created_at (lead, G_GINT64_CONSTANT (1690000000) * G_USEC_PER_SEC + 1);
  relais_lead_set_updated_at (lead, G_GINT64_CONSTANT (1700009999) * G_USEC_PER_SEC);
  relais_lead_set_revision (lead, 7);
  relais_lead_set_value_minor (lead, 4200000);
  relais_lead_set_quality_rating (lead, 4);

  g_assert_true (relais_lead_store_insert (db, lead, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_lead_get_id (lead), >, 0);

  read = relais_lead_store_load (db, relais_lead_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);

#define SAME_TEXT(field, prop) \
  if (!g_str_has_suffix (#field, "_name")) \
    g_assert_cmpstr (relais_lead_get_##field (read), ==, relais_lead_get_##field (lead));
#define SAME_INT(field, prop) g_assert_cmpint (relais_lead_get_##field (read), ==, relais_lead_get_##field (lead));
  RELAIS_LEAD_TEXT_FIELDS (SAME_TEXT)
  RELAIS_LEAD_INT_FIELDS (SAME_INT)
#undef SAME_TEXT
#undef SAME_INT
  g_assert_cmpint (relais_lead_get_kind (read), ==, RELAIS_LEAD_KIND_APP);
  g_assert_cmpint (relais_lead_get_category (read), ==, RELAIS_LEAD_CATEGORY_DEMO_TRIAL);
  g_assert_cmpint (relais_lead_get_status (read), ==, RELAIS_LEAD_STATUS_REJECTED);
  g_assert_cmpint (relais_lead_get_rejection_reason (read), ==, RELAIS_REJECTION_NOT_MY_TERRITORY);

  /* The names of the partner and queue come along for display. */
  g_assert_cmpstr (relais_lead_get_partner_name (read), ==, "Müller IT-Systeme GmbH");
  g_assert_cmpstr (relais_lead_get_queue_name (read), ==, "France – Entreprises");
  g_assert_cmpstr (relais_lead_get_rep_name (read), ==, "");

  /* A note, and a lead that does not exist. */
  g_assert_true (relais_lead_store_add_note (db, relais_lead_get_id (lead), "Camille", "Budget confirmé.", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead_note"), ==, 1);
  g_assert_null (relais_lead_store_load (db, 999999, &error));
  g_assert_no_error (error);
}

/* The tables without a repository yet (deals, prospects, rules, ...): write a
 * row of each with every column through parameterized SQL, read it back. */
static void
exec_params (RelaisDb   *db,
             const char *sql,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);
  const char *value;
  va_list args;
  int i = 1;

  g_assert_no_error (error);
  va_start (args, sql);
  while ((value = va_arg (args, const char *)) != NULL)
    relais_statement_bind_text (st, i++, value);
  va_end (args);

  g_assert_true (relais_statement_execute (st, &error));
  g_assert_no_error (error);
}

/* Schema 6 keeps each explanation once: the history written before names
 * the same texts as it held, each counted; a row deleted is taken off. */
static void
test_migrate_explanations (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open_at_version (fixture->path, 5, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  exec_params (db, "INSERT INTO lead (uuid, last_name, created_at, updated_at) VALUES ('l1', 'Roux', 1, 1), ('l2', 'Petit', 1, 1)",
               NULL);
  exec_params (db, "INSERT INTO journal (uuid, at, actor, action, entity) VALUES ('j1', 1, 'test', 'route', 'lead'), ('j2', 2, 'test', 'route', 'lead')",
               NULL);
  /* Run 1 said A to both leads, run 2 A and B, a row of no run B, one no explanation. */
  exec_params (db,
               "INSERT INTO lead_routing (lead_id, at, journal_id, explanation) VALUES"
               " (1, 1, 1, 'A'), (2, 1, 1, 'A'), (1, 2, 2, 'A'), (2, 2, 2, 'B'), (1, 0, NULL, 'B'), (2, 3, 2, '')",
               NULL);
  g_clear_object (&db);

  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_current_schema (db);
  text = query_text (db,
                     "SELECT group_concat (coalesce (lr.journal_id, '-') || ':' || lr.lead_id || ':' || coalesce (e.text, ''), ' ')"
                     " FROM (SELECT * FROM lead_routing ORDER BY id) lr LEFT JOIN routing_explanation e ON e.id = lr.explanation_id");
  g_assert_cmpstr (text, ==, "1:1:A 1:2:A 2:1:A 2:2:B -:1:B 2:2:");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (text || '×' || uses, ' ') FROM (SELECT * FROM routing_explanation ORDER BY text)");
  g_assert_cmpstr (text, ==, "A×3 B×2");
  g_clear_pointer (&text, g_free);

  /* The last row that names an explanation takes it along. */
  exec_params (db, "DELETE FROM lead_routing WHERE explanation_id = (SELECT id FROM routing_explanation WHERE text = 'B')"
                   " AND journal_id IS NULL", NULL);
  text = query_text (db, "SELECT group_concat (text || '×' || uses, ' ') FROM (SELECT * FROM routing_explanation ORDER BY text)");
  g_assert_cmpstr (text, ==, "A×3 B×1");
  g_clear_pointer (&text, g_free);
  exec_params (db, "DELETE FROM lead WHERE id = 2", NULL);
  text = query_text (db, "SELECT group_concat (text || '×' || uses, ' ') FROM (SELECT * FROM routing_explanation ORDER BY text)");
  g_assert_cmpstr (text, ==, "A×2");
}

static void
test_round_trip_other_entities (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisPartner) partner = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  partner = make_partner (db, "Rossi Sistemi S.r.l.");

  exec_params (db,
               "INSERT INTO deal (uuid, name, customer_name, customer_city, customer_country, customer_duns,"
               " contact_name, contact_email, contact_phone, type, direction, status, stage, value_minor,"
               " currency, close_date, crm_id, campaign_id, notes, favorite, decline_reason, partner_id,"
               " received_at, created_at, updated_at)"
               " VALUES ('d1', 'Migration Azure', 'Banque Alpine', 'Annecy', 'FR', '123456789', 'Léa Roux',"
               " 'lea@banque.example', '+33 4 50 00 00 00', 'solution_assessment', 'inbound', 'received',"
               " 'collect_data', 9900000, 'EUR', '2027-03-31', 'CRM-42', 'CAMP-7', 'Évaluation', 1, '', 1,"
               " 1, 1, 1)", NULL);
  exec_params (db, "INSERT INTO deal_team_member (uuid, deal_id, name, phone, email, created_at, updated_at)"
                   " VALUES ('t1', 1, 'Hugo Petit', '+33 1 00 00 00 00', 'hugo@exemple.fr', 1, 1)", NULL);
  exec_params (db, "INSERT INTO deal_solution (uuid, deal_id, name, kind, created_at, updated_at)"
                   " VALUES ('s1', 1, 'Relais Cloud', 'vendor', 1, 1)", NULL);
  exec_params (db, "INSERT INTO deal_invitation (uuid, deal_id, partner_id, value_minor, close_date, help_wanted,"
                   " status, created_at, updated_at) VALUES ('i1', 1, 1, 500000, '2027-01-15', 'technique', 'invited', 1, 1)", NULL);
  exec_params (db, "INSERT INTO deal_stage (deal_id, stage, done_at) VALUES (1, 'secure_loe', 2)", NULL);
  exec_params (db,
               "INSERT INTO prospect (uuid, customer, industry, target_technology, country, partner_id, uncovered,"
               " assigned_at, expiry_days, expires_at, extended, status, wallet_current_k, wallet_previous_k,"
               " wallet_previous4_k, wallet_type, rad_strategy, rad_segment, propensity_pct, value_minor, currency,"
               " deal_id, created_at, updated_at)"
               " VALUES ('p1', 'Hôpital Saint-Éloi', 'Santé', 'security', 'FR', 1, 1, 10, 30, 20, 1, 'open',"
               " 120, 90, 300, 'high', 'develop', 'Santé publique', 65, 0, 'EUR', 1, 1, 1)", NULL);
  exec_params (db, "INSERT INTO sales_alert (uuid, prospect_id, description, value_minor, currency, marketing_play,"
                   " created_at, updated_at) VALUES ('a1', 1, 'Renouvellement pare-feu', 250000, 'EUR', 'Zero Trust', 1, 1)", NULL);
  exec_params (db, "INSERT INTO rule (uuid, position, enabled, name, pool_kind, strategy, match_territory,"
                   " reroute_after_s, rotation, created_at, updated_at)"
                   " VALUES ('r1', 1, 1, 'France – Sécurité', 'partners', 'weighted', 1, 172800, '{\"next\":2}', 1, 1)", NULL);
  exec_params (db, "INSERT INTO rule_criterion (rule_id, position, field, operator, value)"
                   " VALUES (1, 0, 'country', 'is_one_of', 'FR,BE')", NULL);
  exec_params (db, "INSERT INTO rule_member (rule_id, partner_id, share) VALUES (1, 1, 50)", NULL);
  exec_params (db, "INSERT INTO lead (uuid, last_name, created_at, updated_at, rule_id, deal_id) VALUES ('l1', 'Roux', 1, 1, 1, 1)", NULL);
  exec_params (db, "INSERT INTO routing_explanation (id, text, uses) VALUES (1, '{\"rule\":\"r1\"}', 1)", NULL);
  exec_params (db, "INSERT INTO lead_routing (lead_id, rule_id, at, partner_id, explanation_id)"
                   " VALUES (1, 1, 5, 1, 1)", NULL);
  exec_params (db, "INSERT INTO queue (uuid, name, created_at, updated_at) VALUES ('q1', 'DACH', 1, 1)", NULL);
  exec_params (db, "INSERT INTO queue_member (queue_id, partner_id) VALUES (1, 1)", NULL);

  g_assert_cmpint (relais_journal_append (db, "update", "deal", "d1", "{\"stage\":[\"created\",\"collect_data\"]}", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (relais_journal_add_lead (db, 1, 1, &error));
  g_assert_no_error (error);
  g_assert_true (relais_db_set_meta (db, "sync.cursor", "42", &error));
  g_assert_no_error (error);

  text = query_text (db, "SELECT name || '|' || customer_duns || '|' || stage || '|' || value_minor || '|' || close_date FROM deal");
  g_assert_cmpstr (text, ==, "Migration Azure|123456789|collect_data|9900000|2027-03-31");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT customer || '|' || expiry_days || '|' || rad_strategy || '|' || propensity_pct FROM prospect");
  g_assert_cmpstr (text, ==, "Hôpital Saint-Éloi|30|develop|65");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT r.name || '|' || c.value || '|' || m.share FROM rule r JOIN rule_criterion c ON c.rule_id = r.id JOIN rule_member m ON m.rule_id = r.id");
  g_assert_cmpstr (text, ==, "France – Sécurité|FR,BE|50");
  g_clear_pointer (&text, g_free);
  text = relais_db_get_meta (db, "sync.cursor");
  g_assert_cmpstr (text, ==, "42");
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM journal_lead"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM sales_alert"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM deal_stage"), ==, 1);

  /* Deleting a deal takes its team, solutions, invitations and stages with it,
   * and unlinks the lead and the prospect. */
  g_assert_true (relais_db_exec (db, "DELETE FROM deal", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "SELECT (SELECT count(*) FROM deal_team_member) + (SELECT count(*) FROM deal_solution)"
                                    " + (SELECT count(*) FROM deal_invitation) + (SELECT count(*) FROM deal_stage)"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE deal_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM prospect WHERE deal_id IS NULL"), ==, 1);
}

static void
test_constraints (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisPartner) blank = relais_partner_new ();
  g_autoptr(RelaisLead) orphan = relais_lead_new ();

  g_assert_no_error (error);

  /* A partner needs a name. */
  relais_partner_set_name (blank, "   ");
  g_assert_false (relais_partner_store_insert (db, blank, &error));
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (relais_partner_get_id (blank), ==, 0);

  /* Capacity is never negative. */
  relais_partner_set_name (blank, "Nordic Cloud AB");
  relais_partner_set_capacity (blank, -1);
  g_assert_false (relais_partner_store_insert (db, blank, &error));
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A lead cannot point at a partner that does not exist. */
  relais_lead_set_last_name (orphan, "Nowak");
  relais_lead_set_partner_id (orphan, 4242);
  g_assert_false (relais_lead_store_insert (db, orphan, &error));
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The journal only takes JSON. */
  g_assert_cmpint (relais_journal_append (db, "update", "lead", NULL, "{not json", &error), ==, 0);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpint (query_int64 (db, "SELECT (SELECT count(*) FROM partner) + (SELECT count(*) FROM lead) + (SELECT count(*) FROM journal)"), ==, 0);
}

static void
test_transaction_all_or_nothing (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisPartner) good = NULL;
  g_autoptr(RelaisPartner) bad = relais_partner_new ();

  g_assert_no_error (error);
  g_assert_true (relais_db_begin (db, &error));
  good = make_partner (db, "Van Dijk ICT B.V.");
  relais_partner_set_name (bad, "");
  g_assert_false (relais_partner_store_insert (db, bad, &error));
  g_assert_nonnull (error);
  relais_db_rollback (db);

  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM partner"), ==, 0);
}

/* A transaction without SQLite's foreign key checks: they are off inside
 * (the caller answers for its references) and back on after a commit or a
 * rollback. */
static void
test_transaction_unchecked (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (relais_db_begin_unchecked (db, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int64 (db, "PRAGMA foreign_keys"), ==, 0);
      if (i == 0)
        g_assert_true (relais_db_commit (db, &error));
      else
        relais_db_rollback (db);
      g_assert_no_error (error);
      g_assert_cmpint (query_int64 (db, "PRAGMA foreign_keys"), ==, 1);
    }
}

/* Steps @st to its end: its rows' first column are @expected, in order. */
static void
assert_texts (RelaisStatement    *st,
              const char * const *expected,
              guint               n_expected)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  while (relais_statement_next (st, &error))
    {
      g_assert_cmpuint (n, <, n_expected);
      g_assert_cmpstr (relais_statement_get_text (st, 0), ==, expected[n]);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_expected);
}

/* relais_rows (rows) reads the rows of numbers bound to its statement, in
 * their order, NULL past their columns; nothing for a value not bound that
 * way; and it cannot be read without rows at all. */
static void
test_bound_rows (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisStatement) st = NULL;
  const gint64 values[] = { 7, -1, G_MAXINT64, 0, 7, 42 };
  RelaisRows rows = { values, 3, 2 };
  RelaisRows none = { NULL, 0, 2 };
  const char *expected[] = { "7 -1 -", "9223372036854775807 0 -", "7 42 -" };

  g_assert_no_error (error);
  st = relais_db_prepare (db,
                          "SELECT c0 || ' ' || c1 || ' ' || coalesce (c2, '-') FROM relais_rows (?1)",
                          &error);
  g_assert_no_error (error);
  relais_statement_bind_rows (st, 1, &rows);
  assert_texts (st, expected, G_N_ELEMENTS (expected));
  g_clear_object (&st);

  /* As a list of ids (duplicates count once), and joined to a table. */
  st = relais_db_prepare (db,
                          "SELECT (SELECT count (DISTINCT c0) FROM relais_rows (?1)),"
                          " (SELECT count (*) FROM relais_rows (?1) r JOIN relais_rows (?2) s ON s.c0 = r.c0),"
                          " (SELECT count (*) FROM relais_rows (?1) WHERE c0 IN (SELECT c0 FROM relais_rows (?2))),"
                          " (SELECT count (*) FROM relais_rows ('[7]')),"
                          " (SELECT count (*) FROM relais_rows (NULL))",
                          &error);
  g_assert_no_error (error);
  relais_statement_bind_rows (st, 1, &rows);
  relais_statement_bind_rows (st, 2, &none);
  g_assert_true (relais_statement_next_row (st, &error));
  g_assert_cmpint (relais_statement_get_int64 (st, 0), ==, 2);
  g_assert_cmpint (relais_statement_get_int64 (st, 1), ==, 0);
  g_assert_cmpint (relais_statement_get_int64 (st, 2), ==, 0);
  g_assert_cmpint (relais_statement_get_int64 (st, 3), ==, 0);
  g_assert_cmpint (relais_statement_get_int64 (st, 4), ==, 0);
  g_clear_object (&st);

  st = relais_db_prepare (db, "SELECT count (*) FROM relais_rows", &error);
  g_assert_null (st);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_FAILED);
}

/* --- The write-ahead log (relais-wal-vfs.c gathers its writes) ------------- */

/* 4,000 rows of 3,000 bytes (some 12 MB, some 3,000 pages of log), each
 * row telling its number in its first and last byte. */
#define BIG_ROWS 4000
#define FILL_BIG \
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)" \
  " INSERT INTO big (i, v) SELECT i, char (65 + i % 26) || printf ('%.2998c', '.') || char (97 + i % 26) FROM n"
#define CHECK_BIG \
  "SELECT count (*) * (sum (length (v)) = 4000 * 3000)" \
  " * (sum (unicode (v) = 65 + i % 26 AND unicode (substr (v, 3000)) = 97 + i % 26) = count (*)) FROM big"

/* What another connection, through SQLite's own VFS, sees of the big table:
 * the number of rows if every one is whole, 0 if any is not; -1 when it
 * cannot read them at all. */
static gint64
check_big_elsewhere (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  /* Read and write: after a crash, the first connection recovers the log. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, CHECK_BIG, -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return n;
}

/* PRAGMA integrity_check on a connection of ours (the indexes on
 * relais_fold() need it). */
static gboolean
integrity_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (path, &error);
  g_autoptr(RelaisStatement) st = NULL;

  g_assert_no_error (error);
  st = relais_db_prepare (db, "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_true (relais_statement_next_row (st, &error));
  return g_strcmp0 (relais_statement_get_text (st, 0), "ok") == 0;
}

/* A store at @path with an empty big table, closed. */
static void
create_big_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "CREATE TABLE big (i INTEGER PRIMARY KEY, v TEXT)", &error));
  g_assert_no_error (error);
}

/* Runs @child in a process of its own, which ends with _exit (its result) or
 * is killed; returns how it ended (waitpid()'s status). */
static int
run_in_child (int        (*child) (const char *path),
              const char  *path)
{
  pid_t pid;
  int status = 0;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (child (path));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

/* A commit of thousands of pages is whole for every other connection as soon
 * as it returns, the ones already open included; and read back within its
 * own transaction where the cache spilled into the log. */
static void
test_wal_commit_visible (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  sqlite3 *reader = NULL;
  sqlite3_stmt *st = NULL;

  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "CREATE TABLE big (i INTEGER PRIMARY KEY, v TEXT)", &error));
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, CHECK_BIG, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, 0);
  sqlite3_reset (st);

  /* A small cache: pages go to the log before the commit and are read back. */
  g_assert_true (relais_db_exec (db, "PRAGMA cache_size = 50; BEGIN;" FILL_BIG, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, CHECK_BIG), ==, BIG_ROWS);
  g_assert_true (relais_db_exec (db, "UPDATE big SET v = v WHERE i % 7 = 0; COMMIT", &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, BIG_ROWS);
  sqlite3_finalize (st);
  sqlite3_close (reader);
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, BIG_ROWS);

  /* A big commit with every page in the cache: all of it at the commit. */
  g_assert_true (relais_db_exec (db, "PRAGMA cache_size = -65536; BEGIN; DELETE FROM big;" FILL_BIG "; COMMIT", &error));
  g_assert_no_error (error);
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, BIG_ROWS);
}

static int
commit_then_die (const char *path)
{
  g_autoptr(RelaisDb) db = relais_db_open (path, NULL);

  /* A first commit starts the log, so that the big one only appends to it
   * (a commit that starts a log also asks for its size, which writes out);
   * no checkpoint after it (it would read the log back), as in bulk runs. */
  if (db == NULL || !relais_db_exec (db, "PRAGMA wal_autocheckpoint = 0; INSERT INTO big (i, v) VALUES (0, '');"
                                         "DELETE FROM big WHERE i = 0;", NULL) ||
      !relais_db_exec (db, "BEGIN;" FILL_BIG "; COMMIT", NULL))
    return 1;
  /* No close, no flush: as if the power of the process went. */
  raise (SIGKILL);
  return 2;
}

static int
die_before_commit (const char *path)
{
  g_autoptr(RelaisDb) db = relais_db_open (path, NULL);

  if (db == NULL || !relais_db_exec (db, "PRAGMA cache_size = 50; BEGIN;" FILL_BIG, NULL))
    return 1;
  raise (SIGKILL);
  return 2;
}

/* A process killed right after a commit returned: the commit is in the
 * store. Killed in the middle of one (its pages partly in the log): none of
 * it is, and the store is whole. */
static void
test_wal_killed (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  int status;

  create_big_table (fixture->path);

  status = run_in_child (commit_then_die, fixture->path);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_assert_true (integrity_ok (fixture->path));
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, BIG_ROWS);

  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "DELETE FROM big", &error));
  g_clear_object (&db);
  status = run_in_child (die_before_commit, fixture->path);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_assert_true (integrity_ok (fixture->path));
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, 0);
}

/* With no room left for the log (files limited to 2 MB: the writes fail
 * with EFBIG, which SQLite reports as an I/O error, not a full disk), the
 * commit fails and says so; nothing of it is in the store. Exits 0 when it
 * failed. */
static int
commit_without_room (const char *path)
{
  g_autoptr(RelaisDb) db = relais_db_open (path, NULL);
  struct rlimit limit = { 2 * 1024 * 1024, 2 * 1024 * 1024 };
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return 3;
  signal (SIGXFSZ, SIG_IGN);   /* the write fails with EFBIG instead */
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 4;
  if (relais_db_exec (db, "PRAGMA cache_size = -65536; BEGIN;" FILL_BIG "; COMMIT", &error))
    return 1;
  relais_db_rollback (db);
  return error != NULL && error->domain == RELAIS_DB_ERROR ? 0 : 5;
}

static void
test_wal_full (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  int status;

  create_big_table (fixture->path);

  status = run_in_child (commit_without_room, fixture->path);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (integrity_ok (fixture->path));
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, 0);

  /* And the store takes the same commit once there is room. */
  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "BEGIN;" FILL_BIG "; COMMIT", &error));
  g_assert_no_error (error);
  g_assert_cmpint (check_big_elsewhere (fixture->path), ==, BIG_ROWS);
}

static char *
digest_store (RelaisDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(RelaisStatement) st = NULL;

  /* Everything but times, which are relative to the moment of the load. */
  st = relais_db_prepare (db,
                          "SELECT uuid, first_name, last_name, company, email, country, listing, status,"
                          " coalesce(partner_id, 0), coalesce(rep_id, 0), coalesce(queue_id, 0), value_minor"
                          " FROM lead ORDER BY id",
                          &error);
  g_assert_no_error (error);
  while (relais_statement_next (st, &error))
    {
      for (int i = 0; i < 12; i++)
        {
          g_checksum_update (checksum, (const guchar *) relais_statement_get_text (st, i), -1);
          g_checksum_update (checksum, (const guchar *) "|", 1);
        }
    }
  g_assert_no_error (error);

  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_demo_load (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *third_path = g_build_filename (fixture->dir, "third.db", NULL);
  g_autoptr(RelaisDb) other = NULL;
  g_autoptr(RelaisDb) third = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *other_digest = NULL;
  g_autofree char *third_digest = NULL;

  g_assert_no_error (error);
  g_assert_true (relais_demo_load (db, 3000, 30, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (relais_lead_store_count (db, NULL), ==, 3000);
  g_assert_false (relais_lead_store_is_empty (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM partner"), ==, 30);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM contact WHERE role = 'partner_admin'"), ==, 30);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM queue"), >, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead_note"), >, 0);
  /* Every status is there, and the lifecycle is consistent. */
  g_assert_cmpint (query_int64 (db, "SELECT count(DISTINCT status) FROM lead"), ==, RELAIS_LEAD_N_STATUSES);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE status = 'new' AND partner_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE status <> 'new' AND partner_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE status = 'rejected' AND rejection_reason = ''"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE rep_id IS NOT NULL AND"
                                    " (SELECT partner_id FROM contact WHERE id = lead.rep_id) <> partner_id"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM journal WHERE action = 'import'"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(DISTINCT country) FROM lead"), >=, 8);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* A second load into a store that holds data is refused and changes nothing. */
  g_assert_false (relais_demo_load (db, 10, 2, 7, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (relais_lead_store_count (db, NULL), ==, 3000);

  /* The same seed gives the same data; another seed other data. */
  other = relais_db_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_demo_load (other, 3000, 30, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  third = relais_db_open (third_path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_demo_load (third, 3000, 30, 8, NULL, NULL, &error));
  g_assert_no_error (error);

  digest = digest_store (db);
  other_digest = digest_store (other);
  third_digest = digest_store (third);
  g_assert_cmpstr (digest, ==, other_digest);
  g_assert_cmpstr (digest, !=, third_digest);
}

static void
test_lead_model (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = relais_db_open (fixture->path, &error);
  g_autoptr(RelaisLeadModel) model = NULL;
  gint64 previous = G_MAXINT64;
  guint n;

  g_assert_no_error (error);
  g_assert_true (relais_demo_load (db, 500, 5, 3, NULL, NULL, &error));
  g_assert_no_error (error);

  model = relais_lead_model_new (db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (relais_lead_model_reload (model, &error));
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 500);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == RELAIS_TYPE_LEAD);

  /* Newest first, every item readable, the same object while cached. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RelaisLead) lead = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(RelaisLead) again = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (lead == again);
      g_assert_cmpint (relais_lead_get_id (lead), ==, relais_lead_model_get_id (model, i));
      g_assert_cmpint (relais_lead_get_created_at (lead), <=, previous);
      g_assert_cmpstr (relais_lead_get_uuid (lead), !=, "");
      previous = relais_lead_get_created_at (lead);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

/* A store as Relais made them before its pages were of 16 KiB, with data. */
static RelaisDb *
open_store_of_4k_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;
  RelaisDb *db;

  /* The page size is the file's once anything is written. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA page_size = 4096; CREATE TABLE x (y); DROP TABLE x", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);
  db = relais_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "PRAGMA page_size"), ==, 4096);
  g_assert_true (relais_demo_load (db, 3000, 30, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  return db;
}

static void
test_compact (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = open_store_of_4k_pages (fixture->path);
  g_autoptr(RelaisDb) other = NULL;
  g_autofree char *digest = digest_store (db);
  g_autofree char *after = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;
  gint64 n_journal = query_int64 (db, "SELECT count(*) FROM journal");

  /* While another connection has the store open (the app): refused, and the
   * store stays as it was, in WAL mode. */
  other = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (other, "SELECT count(*) FROM lead"), ==, 3000);
  g_assert_false (relais_db_compact (db, &error));
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "could not be compacted"));
  g_clear_error (&error);
  g_assert_cmpint (query_int64 (db, "PRAGMA page_size"), ==, 4096);
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);
  g_clear_object (&other);

  /* Alone: the same store, in pages of 16 KiB. */
  g_assert_true (relais_db_compact (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "PRAGMA page_size"), ==, 16384);
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  check = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  after = digest_store (db);
  g_assert_cmpstr (after, ==, digest);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM journal"), ==, n_journal);
  g_clear_object (&db);

  /* And so it opens again, and takes writes. */
  db = relais_db_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_current_schema (db);
  g_assert_cmpint (query_int64 (db, "PRAGMA page_size"), ==, 16384);
  g_assert_true (relais_db_exec (db, "UPDATE lead SET company = company || ' #' WHERE id % 7 = 0", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM lead WHERE company LIKE '% #'"), ==,
                   query_int64 (db, "SELECT count(*) FROM lead WHERE id % 7 = 0"));
}

/* The app has its store to itself; command-line tools share it among
 * themselves but not with the app; a released claim frees the store. */
static void
test_claims (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDbClaim) app = NULL;
  g_autoptr(RelaisDbClaim) tool = NULL;
  g_autoptr(RelaisDbClaim) other_tool = NULL;
  RelaisDbClaim *refused;

  app = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_APP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (app);

  refused = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_TOOL, &error);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "open in Relais"));
  g_assert_null (refused);
  g_clear_error (&error);

  refused = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_APP, &error);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_IN_USE);
  g_assert_null (refused);
  g_clear_error (&error);

  g_clear_pointer (&app, relais_db_claim_release);
  tool = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_TOOL, &error);
  g_assert_no_error (error);
  other_tool = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_TOOL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other_tool);

  refused = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_APP, &error);
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_IN_USE);
  g_assert_null (refused);
  g_clear_error (&error);

  g_clear_pointer (&tool, relais_db_claim_release);
  g_clear_pointer (&other_tool, relais_db_claim_release);
  app = relais_db_claim (fixture->path, RELAIS_DB_CLAIM_APP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (app);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/new-file", test_open_new_file);
  ADD ("/store/open/empty-file", test_open_empty_file);
  ADD ("/store/open/garbage-is-corrupt", test_open_garbage);
  ADD ("/store/open/damaged-header-is-corrupt", test_open_truncated);
  ADD ("/store/open/other-program-refused", test_open_other_program);
  ADD ("/store/open/too-new-refused", test_open_too_new);
  ADD ("/store/open/claims", test_claims);
  ADD ("/store/compact", test_compact);
  ADD ("/store/migrate/from-every-version", test_migrate_from_every_version);
  ADD ("/store/migrate/failure-rolls-back", test_migrate_failure_rolls_back);
  ADD ("/store/migrate/explanations", test_migrate_explanations);
  ADD ("/store/round-trip/partner-and-contact", test_round_trip_partner_contact);
  ADD ("/store/round-trip/lead", test_round_trip_lead);
  ADD ("/store/round-trip/other-entities", test_round_trip_other_entities);
  ADD ("/store/constraints/refused-and-unchanged", test_constraints);
  ADD ("/store/transaction/all-or-nothing", test_transaction_all_or_nothing);
  ADD ("/store/transaction/unchecked", test_transaction_unchecked);
  ADD ("/store/statement/bound-rows", test_bound_rows);
  ADD ("/store/wal/commit-visible-at-once", test_wal_commit_visible);
  ADD ("/store/wal/killed", test_wal_killed);
  ADD ("/store/wal/full-disk", test_wal_full);
  ADD ("/store/demo/consistent-and-deterministic", test_demo_load);
  ADD ("/store/model/lazy-newest-first", test_lead_model);
#undef ADD

  return g_test_run ();
}
