/* test-partner-changes.c — partner accounts, contacts and queues: the rules of
 * src/core (messages, stored forms), and every change of the store, each one
 * transaction with its journal entry, or nothing at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "relais-db.h"
#include "relais-test-store.h"
#include "relais-journal.h"
#include "relais-partner-changes.h"
#include "relais-partner-rules.h"
#include "relais-partner-store.h"

typedef struct {
  char     *dir;
  char     *path;
  RelaisDb *db;
} Fixture;

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_store_remove (&fixture->db, &fixture->dir, &fixture->path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->db = test_store_new ("relais-test-partner-changes", &fixture->dir, &fixture->path);
}

/* Everything these changes may touch, as one string: equal before and after
 * a refused change, or the change was half-written. */
static char *
snapshot (RelaisDb *db)
{
  return query_text (db,
                     "SELECT json_array("
                     " (SELECT json_group_array(json_array(id, uuid, name, tier, countries, technologies,"
                     "   languages, capacity, active, out_of_office_until, owner, website, city, country,"
                     "   notes, created_at, updated_at, revision)) FROM partner),"
                     " (SELECT json_group_array(json_array(id, uuid, partner_id, first_name, last_name,"
                     "   email, phone, role, partner_user, updated_at, revision)) FROM contact),"
                     " (SELECT json_group_array(json_array(id, uuid, name, description, updated_at, revision)) FROM queue),"
                     " (SELECT json_group_array(json_array(queue_id, partner_id)) FROM queue_member),"
                     " (SELECT json_group_array(json_array(id, queue_id, partner_id, rep_id)) FROM lead),"
                     " (SELECT count(*) FROM journal))",
                     0);
}

/* The newest journal entry: "action entity changes". */
static char *
last_journal (RelaisDb *db)
{
  return query_text (db,
                     "SELECT action || ' ' || entity || ' ' || changes FROM journal ORDER BY id DESC LIMIT 1",
                     0);
}

static RelaisPartner *
new_partner (RelaisDb   *db,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  RelaisPartner *partner = relais_partner_new ();

  relais_partner_set_name (partner, name);
  relais_partner_set_capacity (partner, 50);
  g_assert_true (relais_partner_changes_create (db, partner, &error));
  g_assert_no_error (error);
  return partner;
}

static gint64
insert_lead (RelaisDb   *db,
             const char *status,
             gint64      partner_id,
             gint64      rep_id,
             gint64      queue_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  st = relais_db_prepare (db,
                          "INSERT INTO lead (uuid, last_name, status, partner_id, rep_id, queue_id, created_at, updated_at)"
                          " VALUES (?, 'Durand', ?, ?, ?, ?, 1, 1)",
                          &error);
  g_assert_no_error (error);
  relais_statement_bind_text (st, 1, uuid);
  relais_statement_bind_text (st, 2, status);
  relais_statement_bind_id (st, 3, partner_id);
  relais_statement_bind_id (st, 4, rep_id);
  relais_statement_bind_id (st, 5, queue_id);
  g_assert_true (relais_statement_execute (st, &error));
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (relais_db_get_handle (db));
}

/* --- Rules ------------------------------------------------------------------- */

static void
test_rules_email (void)
{
  static const char * const valid[] = {
    "marie@acme.fr", "m.curie+leads@labo.example.org", "jose@bücher.de", "a@b.co",
  };
  static const char * const invalid[] = {
    "", "marie", "marie@", "@acme.fr", "marie@acme", "marie@@acme.fr", "ma rie@acme.fr",
    "marie@acme..fr", "marie@.acme.fr", ".marie@acme.fr", "marie.@acme.fr", "ma..rie@acme.fr",
    "marie@acme.fr.", "marie@-acme.fr", "marie@acme-.fr", "<marie@acme.fr>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (relais_partner_rules_email_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (relais_partner_rules_email_is_valid (invalid[i]))
        g_error ("“%s” was taken for an e-mail address", invalid[i]);
    }
}

static void
test_rules_lists (void)
{
  struct {
    RelaisCodeList kind;
    const char *text;
    const char *stored;
  } good[] = {
    { RELAIS_CODE_LIST_COUNTRIES, "fr, be;ch  FR", "FR,BE,CH" },
    { RELAIS_CODE_LIST_COUNTRIES, " ca-qc, CA ", "CA-QC,CA" },
    { RELAIS_CODE_LIST_COUNTRIES, "", "" },
    { RELAIS_CODE_LIST_COUNTRIES, " , ;", "" },
    { RELAIS_CODE_LIST_LANGUAGES, "FR en,de", "fr,en,de" },
    { RELAIS_CODE_LIST_TECHNOLOGIES, "Data  Center, security; AI,security", "data_center,security,ai" },
    { RELAIS_CODE_LIST_TECHNOLOGIES, "Réseaux ", "réseaux" },
  };
  struct {
    RelaisCodeList kind;
    const char *text;
    RelaisPartnerRulesError code;
    const char *message;
  } bad[] = {
    { RELAIS_CODE_LIST_COUNTRIES, "FR, XX", RELAIS_PARTNER_RULES_ERROR_COUNTRIES,
      "“XX” is not a country or region code. Use two-letter ISO codes such as FR or DE, or a region such as CA-QC, separated by commas." },
    { RELAIS_CODE_LIST_COUNTRIES, "France", RELAIS_PARTNER_RULES_ERROR_COUNTRIES,
      "“FRANCE” is not a country or region code. Use two-letter ISO codes such as FR or DE, or a region such as CA-QC, separated by commas." },
    { RELAIS_CODE_LIST_COUNTRIES, "CA-QUEB", RELAIS_PARTNER_RULES_ERROR_COUNTRIES, NULL },
    { RELAIS_CODE_LIST_LANGUAGES, "fr, zz", RELAIS_PARTNER_RULES_ERROR_LANGUAGES,
      "“zz” is not a language code. Use two-letter ISO codes such as fr or de, separated by commas." },
    { RELAIS_CODE_LIST_LANGUAGES, "fra", RELAIS_PARTNER_RULES_ERROR_LANGUAGES, NULL },
    { RELAIS_CODE_LIST_TECHNOLOGIES, "an extremely long technology name that nobody would ever type",
      RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = relais_partner_rules_normalize_list (good[i].kind, good[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, good[i].stored);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = relais_partner_rules_normalize_list (bad[i].kind, bad[i].text, &error);

      g_assert_null (stored);
      g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, (int) bad[i].code);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_rules_partner (void)
{
  g_autoptr(RelaisPartner) partner = relais_partner_new ();
  g_autoptr(GError) error = NULL;

  /* Required name. */
  relais_partner_set_name (partner, "   ");
  g_assert_false (relais_partner_rules_normalize (partner, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME);
  g_assert_cmpstr (error->message, ==, "A partner needs a name. Enter the company’s name.");
  g_clear_error (&error);

  /* Capacity ≥ 0; a refusal leaves the partner as it was. */
  relais_partner_set_name (partner, "  Acme Conseil ");
  relais_partner_set_countries (partner, "fr,be");
  relais_partner_set_capacity (partner, -1);
  g_assert_false (relais_partner_rules_normalize (partner, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_CAPACITY);
  g_assert_cmpstr (error->message, ==, "The capacity cannot be negative. Enter 0 or more open leads.");
  g_assert_cmpstr (relais_partner_get_name (partner), ==, "  Acme Conseil ");
  g_assert_cmpstr (relais_partner_get_countries (partner), ==, "fr,be");
  g_clear_error (&error);

  relais_partner_set_capacity (partner, 0);
  relais_partner_set_website (partner, "acme conseil");
  g_assert_false (relais_partner_rules_normalize (partner, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_WEBSITE);
  g_clear_error (&error);

  relais_partner_set_website (partner, "https://acme.example/fr");
  relais_partner_set_country (partner, "France");
  g_assert_false (relais_partner_rules_normalize (partner, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_COUNTRY);
  g_assert_cmpstr (error->message, ==, "“FRANCE” is not a country code. Use the two-letter ISO code, such as FR or DE.");
  g_clear_error (&error);

  relais_partner_set_country (partner, "fr");
  relais_partner_set_languages (partner, "FR EN");
  relais_partner_set_technologies (partner, "Cloud, Data Center");
  relais_partner_set_owner (partner, " Claire Dubois ");
  g_assert_true (relais_partner_rules_normalize (partner, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (relais_partner_get_name (partner), ==, "Acme Conseil");
  g_assert_cmpstr (relais_partner_get_countries (partner), ==, "FR,BE");
  g_assert_cmpstr (relais_partner_get_languages (partner), ==, "fr,en");
  g_assert_cmpstr (relais_partner_get_technologies (partner), ==, "cloud,data_center");
  g_assert_cmpstr (relais_partner_get_country (partner), ==, "FR");
  g_assert_cmpstr (relais_partner_get_owner (partner), ==, "Claire Dubois");
}

static void
test_rules_contact (void)
{
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  g_autoptr(GError) error = NULL;

  relais_contact_set_first_name (contact, "Marie");
  g_assert_false (relais_contact_rules_normalize (contact, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_LAST_NAME);
  g_assert_cmpstr (error->message, ==, "A contact needs a last name. Enter it.");
  g_clear_error (&error);

  relais_contact_set_last_name (contact, "Curie ");
  relais_contact_set_email (contact, "marie.curie@");
  g_assert_false (relais_contact_rules_normalize (contact, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_EMAIL);
  g_assert_cmpstr (error->message, ==, "“marie.curie@” is not a valid e-mail address. Correct it, or leave the field empty.");
  g_assert_cmpstr (relais_contact_get_last_name (contact), ==, "Curie ");
  g_clear_error (&error);

  /* A partner user signs in with an e-mail address. */
  relais_contact_set_email (contact, "");
  relais_contact_set_partner_user (contact, TRUE);
  g_assert_false (relais_contact_rules_normalize (contact, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_EMAIL);
  g_clear_error (&error);

  relais_contact_set_email (contact, " marie@labo.fr ");
  relais_contact_set_phone (contact, "call me");
  g_assert_false (relais_contact_rules_normalize (contact, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_PHONE);
  g_clear_error (&error);

  relais_contact_set_phone (contact, "+33 1 23 45 67 89");
  g_assert_true (relais_contact_rules_normalize (contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (relais_contact_get_last_name (contact), ==, "Curie");
  g_assert_cmpstr (relais_contact_get_email (contact), ==, "marie@labo.fr");
}

static void
test_rules_queue_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_null (relais_queue_rules_normalize_name (" ", &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME);
  g_clear_error (&error);

  name = relais_queue_rules_normalize_name ("  Île-de-France ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Île-de-France");
  g_assert_true (relais_queue_rules_same_name ("Île-de-France", "ile-de-france"));
  g_assert_false (relais_queue_rules_same_name ("DACH", "Benelux"));
}

/* --- Partners ---------------------------------------------------------------- */

static void
test_partner_create (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = relais_partner_new ();
  g_autoptr(RelaisPartner) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entry = NULL;

  /* Refused: nothing written, no id. */
  before = snapshot (fixture->db);
  relais_partner_set_name (partner, "");
  g_assert_false (relais_partner_changes_create (fixture->db, partner, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME);
  g_assert_cmpint (relais_partner_get_id (partner), ==, 0);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  relais_partner_set_name (partner, " Acme Conseil ");
  relais_partner_set_tier (partner, RELAIS_PARTNER_TIER_GOLD);
  relais_partner_set_countries (partner, "fr be");
  relais_partner_set_capacity (partner, 40);
  g_assert_true (relais_partner_changes_create (fixture->db, partner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_partner_get_id (partner), >, 0);
  g_assert_cmpstr (relais_partner_get_name (partner), ==, "Acme Conseil");
  g_assert_true (g_uuid_string_is_valid (relais_partner_get_uuid (partner)));

  loaded = relais_partner_changes_load (fixture->db, relais_partner_get_id (partner), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (relais_partner_get_countries (loaded), ==, "FR,BE");
  g_assert_cmpint (relais_partner_get_tier (loaded), ==, RELAIS_PARTNER_TIER_GOLD);
  g_assert_cmpint (relais_partner_get_capacity (loaded), ==, 40);
  g_assert_cmpint (relais_partner_get_revision (loaded), ==, 1);
  g_assert_true (relais_partner_get_active (loaded));

  entry = last_journal (fixture->db);
  g_assert_cmpstr (entry, ==,
                   "create partner {\"name\":[null,\"Acme Conseil\"],\"countries\":[null,\"FR,BE\"],"
                   "\"technologies\":[null,\"\"],\"languages\":[null,\"\"],\"owner\":[null,\"\"],"
                   "\"website\":[null,\"\"],\"city\":[null,\"\"],\"country\":[null,\"\"],\"notes\":[null,\"\"],"
                   "\"tier\":[null,\"gold\"],\"capacity\":[null,40],\"active\":[null,true],"
                   "\"out_of_office_until\":[null,null]}");
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE entity_uuid = (SELECT uuid FROM partner)", 0), ==, 1);
}

static void
test_partner_update (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisPartner) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = relais_partner_get_id (partner);
  gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);

  edited = relais_partner_changes_load (fixture->db, id, &error);
  g_assert_no_error (error);

  /* The same values in another form: nothing differs, nothing is written. */
  relais_partner_set_name (edited, "Acme Conseil  ");
  g_assert_false (relais_partner_changes_differ (partner, edited));
  g_assert_true (relais_partner_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
  g_assert_cmpint (relais_partner_get_revision (edited), ==, 1);

  relais_partner_set_capacity (edited, 75);
  relais_partner_set_languages (edited, "FR, en");
  relais_partner_set_tier (edited, RELAIS_PARTNER_TIER_SILVER);
  relais_partner_set_out_of_office_until (edited, G_GINT64_CONSTANT (1800000000000000));
  relais_partner_set_notes (edited, "Prefers leads in Lyon.");
  g_assert_true (relais_partner_changes_differ (partner, edited));
  g_assert_true (relais_partner_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_partner_get_revision (edited), ==, 2);
  g_assert_cmpstr (relais_partner_get_languages (edited), ==, "fr,en");

  g_assert_cmpint (query_int64 (fixture->db, "SELECT capacity FROM partner WHERE id = ?", id), ==, 75);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT revision FROM partner WHERE id = ?", id), ==, 2);
  entry = last_journal (fixture->db);
  g_assert_cmpstr (entry, ==,
                   "update partner {\"languages\":[\"\",\"fr,en\"],\"notes\":[\"\",\"Prefers leads in Lyon.\"],"
                   "\"tier\":[\"registered\",\"silver\"],\"capacity\":[50,75],"
                   "\"out_of_office_until\":[null,1800000000000000]}");

  /* Bad input: refused with the field's code; nothing changes. */
  before = snapshot (fixture->db);
  relais_partner_set_capacity (edited, -3);
  g_assert_false (relais_partner_changes_update (fixture->db, edited, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_CAPACITY);
  g_clear_error (&error);
  relais_partner_set_capacity (edited, 75);
  relais_partner_set_countries (edited, "FR, Gaule");
  g_assert_false (relais_partner_changes_update (fixture->db, edited, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_COUNTRIES);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_partner_conflict (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisPartner) mine = NULL;
  g_autoptr(RelaisPartner) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = relais_partner_get_id (partner);

  mine = relais_partner_changes_load (fixture->db, id, &error);
  theirs = relais_partner_changes_load (fixture->db, id, &error);
  g_assert_no_error (error);

  relais_partner_set_capacity (theirs, 10);
  g_assert_true (relais_partner_changes_update (fixture->db, theirs, &error));
  g_assert_no_error (error);

  before = snapshot (fixture->db);
  relais_partner_set_capacity (mine, 99);
  g_assert_false (relais_partner_changes_update (fixture->db, mine, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "The partner “Acme Conseil” was changed elsewhere since you opened it, so your changes were not saved. Reload it and make them again.");
  g_clear_error (&error);

  /* The switch checks the revision too. */
  g_assert_false (relais_partner_changes_set_active (fixture->db, id, 1, FALSE, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT capacity FROM partner WHERE id = ?", id), ==, 10);

  /* Gone: not found. */
  exec_sql (fixture->db, "DELETE FROM partner");
  g_assert_false (relais_partner_changes_update (fixture->db, theirs, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND);
}

static void
test_partner_set_active (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  gint64 id = relais_partner_get_id (partner);

  g_assert_true (relais_partner_changes_set_active (fixture->db, id, 1, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT active FROM partner WHERE id = ?", id), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT revision FROM partner WHERE id = ?", id), ==, 2);
  entry = last_journal (fixture->db);
  g_assert_cmpstr (entry, ==, "update partner {\"active\":[true,false]}");
}

/* A failure after the row is written (here: the journal refuses the entry)
 * leaves nothing behind. */
static void
test_partner_atomic (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 queue_id;

  queue_id = relais_queue_changes_create (fixture->db, "DACH", "", &error);
  g_assert_no_error (error);

  exec_sql (fixture->db, "CREATE TEMP TRIGGER no_journal BEFORE INSERT ON journal BEGIN SELECT RAISE (ABORT, 'disk on fire'); END");
  before = snapshot (fixture->db);

  relais_partner_set_capacity (partner, 1);
  g_assert_false (relais_partner_changes_update (fixture->db, partner, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  relais_contact_set_partner_id (contact, relais_partner_get_id (partner));
  relais_contact_set_last_name (contact, "Curie");
  g_assert_false (relais_contact_changes_create (fixture->db, contact, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (relais_contact_get_id (contact), ==, 0);
  g_clear_error (&error);

  {
    gint64 partner_id = relais_partner_get_id (partner);
    g_assert_false (relais_queue_changes_set_members (fixture->db, queue_id, &partner_id, 1, &error));
  }
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (relais_queue_changes_delete (fixture->db, queue_id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (relais_partner_changes_delete (fixture->db, relais_partner_get_id (partner), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  exec_sql (fixture->db, "DROP TRIGGER no_journal");
}

static void
test_partner_delete (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) used = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisPartner) spare = new_partner (fixture->db, "Typo Partner");
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changes = NULL;
  gint64 queue_id;
  JsonObject *object;

  /* Holding leads (even closed ones): refused, deactivate instead. */
  insert_lead (fixture->db, "closed", relais_partner_get_id (used), 0, 0);
  before = snapshot (fixture->db);
  g_assert_false (relais_partner_changes_delete (fixture->db, relais_partner_get_id (used), &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "“Acme Conseil” has 1 lead, so it cannot be deleted: its history would be lost. Deactivate the partner instead.");
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Unused: deleted with its contacts and memberships, all in the journal. */
  relais_contact_set_partner_id (contact, relais_partner_get_id (spare));
  relais_contact_set_last_name (contact, "Curie");
  g_assert_true (relais_contact_changes_create (fixture->db, contact, &error));
  queue_id = relais_queue_changes_create (fixture->db, "DACH", NULL, &error);
  g_assert_no_error (error);
  {
    gint64 spare_id = relais_partner_get_id (spare);
    g_assert_true (relais_queue_changes_set_members (fixture->db, queue_id, &spare_id, 1, &error));
  }
  g_assert_no_error (error);

  g_assert_true (relais_partner_changes_delete (fixture->db, relais_partner_get_id (spare), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM partner WHERE id = ?", relais_partner_get_id (spare)), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM contact", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM queue_member", 0), ==, 0);

  changes = query_text (fixture->db, "SELECT changes FROM journal WHERE action = 'delete' AND entity = 'partner'", 0);
  g_assert_true (json_parser_load_from_data (parser, changes, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "name"), 0), ==, "Typo Partner");
  g_assert_true (json_array_get_null_element (json_object_get_array_member (object, "name"), 1));
  g_assert_cmpint (json_array_get_length (json_array_get_array_element (json_object_get_array_member (object, "contacts"), 0)), ==, 1);
  g_assert_cmpint (json_array_get_length (json_array_get_array_element (json_object_get_array_member (object, "queues"), 0)), ==, 1);

  /* Twice: not found, nothing written. */
  g_free (before);
  before = snapshot (fixture->db);
  g_assert_false (relais_partner_changes_delete (fixture->db, relais_partner_get_id (spare), &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND);
  g_free (after);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* --- Contacts ---------------------------------------------------------------- */

static void
test_contact_crud (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) partner = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  g_autoptr(RelaisContact) mine = NULL;
  g_autoptr(RelaisContact) theirs = NULL;
  g_autoptr(GListStore) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entry = NULL;
  gint64 id;

  /* Bad input changes nothing. */
  before = snapshot (fixture->db);
  relais_contact_set_partner_id (contact, relais_partner_get_id (partner));
  relais_contact_set_first_name (contact, "Marie");
  relais_contact_set_last_name (contact, "Curie");
  relais_contact_set_email (contact, "marie at labo.fr");
  g_assert_false (relais_contact_changes_create (fixture->db, contact, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_EMAIL);
  g_clear_error (&error);
  relais_contact_set_email (contact, "marie@labo.fr");
  relais_contact_set_partner_id (contact, 999);
  g_assert_false (relais_contact_changes_create (fixture->db, contact, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);

  /* Create. */
  relais_contact_set_partner_id (contact, relais_partner_get_id (partner));
  relais_contact_set_role (contact, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
  relais_contact_set_partner_user (contact, TRUE);
  g_assert_true (relais_contact_changes_create (fixture->db, contact, &error));
  g_assert_no_error (error);
  id = relais_contact_get_id (contact);
  g_assert_cmpint (id, >, 0);
  entry = last_journal (fixture->db);
  g_assert_true (g_str_has_prefix (entry, "create contact {\"partner\":[null,\""));
  g_assert_nonnull (strstr (entry, "\"role\":[null,\"partner_admin\"],\"partner_user\":[null,true]}"));
  contacts = relais_partner_store_list_contacts (fixture->db, relais_partner_get_id (partner), &error);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 1);

  /* Update, then a conflict with a stale copy. */
  mine = relais_contact_changes_load (fixture->db, id, &error);
  theirs = relais_contact_changes_load (fixture->db, id, &error);
  g_assert_no_error (error);
  relais_contact_set_phone (theirs, "+33 6 12 34 56 78");
  relais_contact_set_role (theirs, RELAIS_CONTACT_ROLE_SALES_REP);
  g_assert_true (relais_contact_changes_update (fixture->db, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_contact_get_revision (theirs), ==, 2);
  g_free (entry);
  entry = last_journal (fixture->db);
  g_assert_cmpstr (entry, ==, "update contact {\"phone\":[\"\",\"+33 6 12 34 56 78\"],\"role\":[\"partner_admin\",\"sales_rep\"]}");

  g_free (before);
  before = snapshot (fixture->db);
  relais_contact_set_last_name (mine, "Skłodowska-Curie");
  g_assert_false (relais_contact_changes_update (fixture->db, mine, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT);
  g_clear_error (&error);
  relais_contact_set_revision (mine, 2);
  relais_contact_set_last_name (mine, "");
  g_assert_false (relais_contact_changes_update (fixture->db, mine, &error));
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_LAST_NAME);
  g_clear_error (&error);
  g_free (after);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);

  /* The rep of an open lead stays; once the lead is closed, it may go. */
  {
    gint64 lead = insert_lead (fixture->db, "actively_working", relais_partner_get_id (partner), id, 0);

    g_assert_false (relais_contact_changes_delete (fixture->db, id, &error));
    g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_IN_USE);
    g_assert_cmpstr (error->message, ==,
                     "Marie Curie works 1 open lead, so they cannot be deleted. Give the lead to another rep first, or turn off “Partner User”.");
    g_clear_error (&error);
    g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM contact", 0), ==, 1);

    exec_sql (fixture->db, "UPDATE lead SET status = 'closed'");
    g_assert_true (relais_contact_changes_delete (fixture->db, id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM contact", 0), ==, 0);
    g_assert_cmpint (query_int64 (fixture->db, "SELECT rep_id IS NULL FROM lead WHERE id = ?", lead), ==, 1);
    g_free (entry);
    entry = last_journal (fixture->db);
    g_assert_true (g_str_has_prefix (entry, "delete contact {\"partner\":[\""));
    g_assert_nonnull (strstr (entry, "\"last_name\":[\"Curie\",null]"));
  }
}

/* --- Queues ------------------------------------------------------------------ */

static void
test_queue_crud (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(RelaisPartner) a = new_partner (fixture->db, "Acme Conseil");
  g_autoptr(RelaisPartner) b = new_partner (fixture->db, "Bureau Fiable");
  g_autoptr(RelaisPartner) c = new_partner (fixture->db, "Cime Réseaux");
  g_autoptr(GListModel) queues = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *expected = NULL;
  gint64 idf, dach, lead;

  idf = relais_queue_changes_create (fixture->db, " Île-de-France ", "Paris and around", &error);
  g_assert_no_error (error);
  g_assert_cmpint (idf, >, 0);
  entry = last_journal (fixture->db);
  g_assert_cmpstr (entry, ==, "create queue {\"name\":[null,\"Île-de-France\"],\"description\":[null,\"Paris and around\"]}");

  /* The same name in another case or without accents: refused. */
  before = snapshot (fixture->db);
  g_assert_cmpint (relais_queue_changes_create (fixture->db, "ILE-DE-FRANCE", "", &error), ==, 0);
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "A queue named “Île-de-France” already exists. Choose another name.");
  g_clear_error (&error);
  g_assert_cmpint (relais_queue_changes_create (fixture->db, "  ", "", &error), ==, 0);
  g_assert_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);

  dach = relais_queue_changes_create (fixture->db, "DACH", NULL, &error);
  g_assert_no_error (error);

  /* Rename: checked against the others, and against the revision. */
  g_assert_false (relais_queue_changes_update (fixture->db, dach, 1, "île-de-france", "", &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (relais_queue_changes_update (fixture->db, dach, 1, "DACH – Germany, Austria, Switzerland", "", &error));
  g_assert_no_error (error);
  g_assert_false (relais_queue_changes_update (fixture->db, dach, 1, "DACH", "", &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Its own name in another case is no duplicate. */
  g_assert_true (relais_queue_changes_update (fixture->db, idf, 1, "Ile-de-France", "Paris and around", &error));
  g_assert_no_error (error);

  /* Members: set, replaced, journaled old → new. */
  {
    gint64 ids[] = { relais_partner_get_id (b), relais_partner_get_id (a), relais_partner_get_id (a) };
    g_assert_true (relais_queue_changes_set_members (fixture->db, dach, ids, G_N_ELEMENTS (ids), &error));
  }
  g_assert_no_error (error);
  members = relais_queue_changes_list_members (fixture->db, dach, &error);
  g_assert_cmpint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, gint64, 0), ==, relais_partner_get_id (a));
  g_assert_cmpint (g_array_index (members, gint64, 1), ==, relais_partner_get_id (b));

  {
    gint64 ids[] = { relais_partner_get_id (c), relais_partner_get_id (b) };
    g_assert_true (relais_queue_changes_set_members (fixture->db, dach, ids, G_N_ELEMENTS (ids), &error));
  }
  g_assert_no_error (error);
  g_free (entry);
  entry = last_journal (fixture->db);
  expected = g_strdup_printf ("members queue {\"members\":[[\"%s\",\"%s\"],[\"%s\",\"%s\"]]}",
                              relais_partner_get_uuid (a), relais_partner_get_uuid (b),
                              relais_partner_get_uuid (b), relais_partner_get_uuid (c));
  g_assert_cmpstr (entry, ==, expected);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT revision FROM queue WHERE id = ?", dach), ==, 4);

  /* The same set again: nothing written. A partner that does not exist: refused. */
  g_free (before);
  before = snapshot (fixture->db);
  {
    gint64 ids[] = { relais_partner_get_id (b), relais_partner_get_id (c) };
    gint64 gone = 4242;

    g_assert_true (relais_queue_changes_set_members (fixture->db, dach, ids, G_N_ELEMENTS (ids), &error));
    g_assert_no_error (error);
    g_assert_false (relais_queue_changes_set_members (fixture->db, dach, &gone, 1, &error));
  }
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_free (after);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);

  /* Listed by name, with their members and leads. */
  lead = insert_lead (fixture->db, "new", 0, 0, dach);
  exec_sql (fixture->db,
            "INSERT INTO rule (uuid, position, name, pool_kind, fallback_queue_id, created_at, updated_at)"
            " SELECT 'b0000000-0000-4000-8000-000000000001', 1, 'France', 'partners', id, 1, 1 FROM queue WHERE name LIKE 'DACH%'");
  queues = relais_queue_changes_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (queues), ==, 2);
  {
    g_autoptr(RelaisQueue) first = g_list_model_get_item (queues, 0);
    g_autoptr(RelaisQueue) second = g_list_model_get_item (queues, 1);

    g_assert_cmpstr (relais_queue_get_name (first), ==, "DACH – Germany, Austria, Switzerland");
    g_assert_cmpint (relais_queue_get_n_members (first), ==, 2);
    g_assert_cmpint (relais_queue_get_n_leads (first), ==, 1);
    g_assert_cmpstr (relais_queue_get_name (second), ==, "Ile-de-France");
    g_assert_cmpstr (relais_queue_get_description (second), ==, "Paris and around");
  }
  g_assert_cmpint (relais_queue_changes_count_rules (fixture->db, dach, &error), ==, 1);

  /* Deleted: its members go; its leads stay, in no queue. */
  g_assert_true (relais_queue_changes_delete (fixture->db, dach, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM queue_member", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT queue_id IS NULL FROM lead WHERE id = ?", lead), ==, 1);
  g_free (entry);
  entry = last_journal (fixture->db);
  g_assert_true (g_str_has_prefix (entry, "delete queue {\"name\":[\"DACH – Germany, Austria, Switzerland\",null],"));
  g_assert_nonnull (strstr (entry, "\"leads\":[1,null]"));
  g_assert_false (relais_queue_changes_delete (fixture->db, dach, &error));
  g_assert_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-rules/email", test_rules_email);
  g_test_add_func ("/partner-rules/lists", test_rules_lists);
  g_test_add_func ("/partner-rules/partner", test_rules_partner);
  g_test_add_func ("/partner-rules/contact", test_rules_contact);
  g_test_add_func ("/partner-rules/queue-names", test_rules_queue_names);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/partner-changes/partner/create", test_partner_create);
  ADD ("/partner-changes/partner/update", test_partner_update);
  ADD ("/partner-changes/partner/conflict", test_partner_conflict);
  ADD ("/partner-changes/partner/set-active", test_partner_set_active);
  ADD ("/partner-changes/partner/atomic", test_partner_atomic);
  ADD ("/partner-changes/partner/delete", test_partner_delete);
  ADD ("/partner-changes/contact/crud", test_contact_crud);
  ADD ("/partner-changes/queue/crud", test_queue_crud);
#undef ADD

  return g_test_run ();
}
