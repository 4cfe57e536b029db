/* test-lead-changes.c — every change to one lead: edits with conflicts and
 * validation, the status lifecycle with rejections, notes, history sentences,
 * deletion; each one transaction with its journal entry, or nothing at all.
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
#include "relais-lead-changes.h"
#include "relais-lead-store.h"

typedef struct {
  char     *dir;
  char     *path;
  RelaisDb *db;
  gint64    partner_id;
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

  fixture->db = test_store_new ("relais-test-lead-changes", &fixture->dir, &fixture->path);

  exec_sql (fixture->db,
            "INSERT INTO partner (uuid, name, created_at, updated_at)"
            " VALUES ('00000000-0000-4000-8000-000000000001', 'Acme Conseil', 1, 1)");
  fixture->partner_id = sqlite3_last_insert_rowid (relais_db_get_handle (fixture->db));
}

/* Everything a change may touch, as one string: the lead's row, and the
 * number of journal entries, links and notes. Equal before and after a
 * refused change, or the change was half-written. */
static char *
snapshot (RelaisDb *db,
          gint64    lead_id)
{
  g_autofree char *row = NULL;

  if (query_int64 (db, "SELECT count(*) FROM lead WHERE id = ?", lead_id) == 0)
    row = g_strdup ("(none)");
  else
    row = query_text (db,
                      "SELECT json_array(uuid, first_name, last_name, company, email, phone, street,"
                      " city, state, postal_code, country, listing, kind, category, technology, budget,"
                      " language, program, source, status, queue_id, partner_id, rep_id,"
                      " assigned_at, accepted_at, quality_rating, quality_comment, rejection_reason,"
                      " rejection_comment, value_minor, currency, created_at, updated_at, revision)"
                      " FROM lead WHERE id = ?",
                      lead_id);

  return g_strdup_printf ("%s journal=%" G_GINT64_FORMAT " links=%" G_GINT64_FORMAT " notes=%" G_GINT64_FORMAT,
                          row,
                          query_int64 (db, "SELECT count(*) FROM journal", 0),
                          query_int64 (db, "SELECT count(*) FROM journal_lead", 0),
                          query_int64 (db, "SELECT count(*) FROM lead_note", 0));
}

static gint64
make_lead (Fixture          *fixture,
           RelaisLeadStatus  status,
           gboolean          with_partner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  gint64 created_at = g_get_real_time () - 3 * G_TIME_SPAN_DAY;

  relais_lead_set_first_name (lead, "Jeanne");
  relais_lead_set_last_name (lead, "Martin");
  relais_lead_set_company (lead, "Old Co");
  relais_lead_set_email (lead, "jeanne.martin@example.fr");
  relais_lead_set_country (lead, "FR");
  relais_lead_set_listing (lead, "Relais Cloud");
  relais_lead_set_source (lead, "Web form");
  relais_lead_set_currency (lead, "EUR");
  relais_lead_set_created_at (lead, created_at);
  relais_lead_set_status (lead, status);
  if (with_partner)
    {
      relais_lead_set_partner_id (lead, fixture->partner_id);
      relais_lead_set_assigned_at (lead, created_at + G_TIME_SPAN_HOUR);
    }
  if (status == RELAIS_LEAD_STATUS_REJECTED)
    {
      relais_lead_set_rejection_reason (lead, RELAIS_REJECTION_DUPLICATE);
      relais_lead_set_rejection_comment (lead, "Already in our CRM.");
      relais_lead_set_quality_rating (lead, 2);
    }

  relais_lead_store_insert (fixture->db, lead, &error);
  g_assert_no_error (error);
  return relais_lead_get_id (lead);
}

static RelaisLead *
load (Fixture *fixture,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  RelaisLead *lead = relais_lead_store_load (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lead);
  return lead;
}

/* The changes of the newest journal entry, parsed. */
static JsonObject *
last_journal_changes (Fixture  *fixture,
                      char    **action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *changes = query_text (fixture->db, "SELECT changes FROM journal ORDER BY id DESC LIMIT 1", 0);

  if (action != NULL)
    *action = query_text (fixture->db, "SELECT action FROM journal ORDER BY id DESC LIMIT 1", 0);

  json_parser_load_from_data (parser, changes, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_pair (JsonObject *object,
             const char *key,
             const char *old_value,
             const char *new_value)
{
  JsonArray *pair;

  if (!json_object_has_member (object, key))
    g_error ("the journal has no “%s”", key);
  pair = json_object_get_array_member (object, key);
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, old_value);
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, new_value);
}

/* --- update ---------------------------------------------------------------- */

static void
test_update_round_trip (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) edited = NULL;
  g_autoptr(RelaisLead) stored = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *action = NULL;
  g_autofree char *entity_uuid = NULL;
  g_autofree char *before = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);
  gint64 t0 = g_get_real_time ();
  JsonArray *pair;

  edited = load (fixture, id);
  g_assert_cmpint (relais_lead_get_revision (edited), ==, 1);
  relais_lead_set_company (edited, "  New Co ");   /* spaces go */
  relais_lead_set_phone (edited, "+33 1 23 45 67 89");
  relais_lead_set_country (edited, "be");          /* codes in upper case */
  relais_lead_set_category (edited, RELAIS_LEAD_CATEGORY_DEMO_TRIAL);
  relais_lead_set_value_minor (edited, 1234567);
  relais_lead_set_quality_rating (edited, 4);
  relais_lead_set_status (edited, RELAIS_LEAD_STATUS_CLOSED); /* not an editable field */

  g_assert_true (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_lead_get_revision (edited), ==, 2);

  stored = load (fixture, id);
  g_assert_cmpstr (relais_lead_get_company (stored), ==, "New Co");
  g_assert_cmpstr (relais_lead_get_phone (stored), ==, "+33 1 23 45 67 89");
  g_assert_cmpstr (relais_lead_get_country (stored), ==, "BE");
  g_assert_cmpint (relais_lead_get_category (stored), ==, RELAIS_LEAD_CATEGORY_DEMO_TRIAL);
  g_assert_cmpint (relais_lead_get_value_minor (stored), ==, 1234567);
  g_assert_cmpint (relais_lead_get_quality_rating (stored), ==, 4);
  g_assert_cmpint (relais_lead_get_status (stored), ==, RELAIS_LEAD_STATUS_NEW);
  g_assert_cmpint (relais_lead_get_revision (stored), ==, 2);
  g_assert_cmpint (relais_lead_get_updated_at (stored), >=, t0);
  g_assert_cmpint (relais_lead_get_updated_at (edited), ==, relais_lead_get_updated_at (stored));
  g_assert_false (relais_lead_changes_differ (edited, stored));

  /* One journal entry, about this lead, linked to it, old → new per field. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, 1);
  entity_uuid = query_text (fixture->db, "SELECT entity_uuid FROM journal WHERE entity = 'lead'", 0);
  g_assert_cmpstr (entity_uuid, ==, relais_lead_get_uuid (stored));
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead WHERE lead_id = ?", id), ==, 1);

  changes = last_journal_changes (fixture, &action);
  g_assert_cmpstr (action, ==, "update");
  assert_pair (changes, "company", "Old Co", "New Co");
  assert_pair (changes, "phone", "", "+33 1 23 45 67 89");
  assert_pair (changes, "country", "FR", "BE");
  assert_pair (changes, "category", "bant", "demo_trial");
  assert_pair (changes, "currency", "EUR", "EUR");
  pair = json_object_get_array_member (changes, "value_minor");
  g_assert_cmpint (json_array_get_int_element (pair, 0), ==, 0);
  g_assert_cmpint (json_array_get_int_element (pair, 1), ==, 1234567);
  pair = json_object_get_array_member (changes, "quality_rating");
  g_assert_true (json_array_get_null_element (pair, 0));
  g_assert_cmpint (json_array_get_int_element (pair, 1), ==, 4);
  g_assert_false (json_object_has_member (changes, "last_name"));
  g_assert_false (json_object_has_member (changes, "status"));
  g_assert_cmpuint (json_object_get_size (changes), ==, 7);

  /* Saving again without a difference writes nothing. */
  before = snapshot (fixture->db, id);
  relais_lead_set_company (edited, "New Co ");
  g_assert_true (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = snapshot (fixture->db, id);
    g_assert_cmpstr (after, ==, before);
  }

  /* The edited copy carries the new revision: a second real save works. */
  relais_lead_set_city (edited, "Lyon");
  g_assert_true (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relais_lead_get_revision (edited), ==, 3);
}

static void
test_update_conflict (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);
  g_autoptr(RelaisLead) mine = load (fixture, id);
  g_autoptr(RelaisLead) theirs = load (fixture, id);
  g_autoptr(RelaisLead) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  relais_lead_set_company (theirs, "Their Co");
  g_assert_true (relais_lead_changes_update (fixture->db, theirs, &error));
  g_assert_no_error (error);

  before = snapshot (fixture->db, id);
  relais_lead_set_company (mine, "My Co");
  g_assert_false (relais_lead_changes_update (fixture->db, mine, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Reload"));
  after = snapshot (fixture->db, id);
  g_assert_cmpstr (after, ==, before);

  stored = load (fixture, id);
  g_assert_cmpstr (relais_lead_get_company (stored), ==, "Their Co");
  g_assert_cmpint (relais_lead_get_revision (mine), ==, 1);

  /* A status change is a change too: an edit based on the old revision waits. */
  g_clear_error (&error);
  g_clear_object (&mine);
  mine = load (fixture, id);
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Léa", "Called back.", &error));
  g_assert_no_error (error);
  relais_lead_set_company (mine, "My Co");
  g_assert_false (relais_lead_changes_update (fixture->db, mine, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_CONFLICT);
}

static void
assert_update_refused (Fixture    *fixture,
                       RelaisLead *edited,
                       int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture->db, relais_lead_get_id (edited));
  g_autofree char *after = NULL;

  g_assert_false (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  after = snapshot (fixture->db, relais_lead_get_id (edited));
  g_assert_cmpstr (after, ==, before);
}

static void
test_update_invalid (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char *bad_emails[] = {
    "jeanne", "jeanne@", "@example.fr", "jeanne martin@example.fr", "jeanne@example",
    "jeanne@@example.fr", "jeanne@example..fr", "jeanne@.example.fr", "jeanne@example.fr.",
    ".jeanne@example.fr", "jeanne.@example.fr", "jea<nne@example.fr", "jeanne@exa_mple.fr",
  };
  static const char *good_emails[] = {
    "jeanne.martin@example.fr", "a+tag@sub.example.co.uk", "o'neil@example.ie",
    "x@xn--exmple-cua.fr", "jeanne@café.fr",
  };
  g_autoptr(GError) error = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_autoptr(RelaisLead) edited = load (fixture, id);

      relais_lead_set_email (edited, bad_emails[i]);
      if (g_test_verbose ())
        g_test_message ("bad e-mail %s", bad_emails[i]);
      assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    {
      g_autoptr(RelaisLead) edited = load (fixture, id);

      relais_lead_set_email (edited, good_emails[i]);
      if (!relais_lead_changes_update (fixture->db, edited, &error))
        g_error ("“%s” refused: %s", good_emails[i], error->message);
    }

  {
    /* No last name, company nor e-mail: nobody to call. A first name is not enough. */
    g_autoptr(RelaisLead) edited = load (fixture, id);

    relais_lead_set_last_name (edited, " ");
    relais_lead_set_company (edited, "");
    relais_lead_set_email (edited, "");
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_quality_rating (edited, 6);
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_quality_rating (edited, -1);
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_value_minor (edited, -1);
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_country (edited, "France");
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_currency (edited, "€");
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    g_autoptr(RelaisLead) edited = load (fixture, id);
    g_autofree char *long_text = g_strnfill (600, 'x');
    relais_lead_set_company (edited, long_text);
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  }
  {
    /* A lead deleted meanwhile. */
    g_autoptr(RelaisLead) edited = load (fixture, id);
    relais_lead_set_id (edited, id + 1000);
    relais_lead_set_company (edited, "Ghost Co");
    assert_update_refused (fixture, edited, RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND);
  }
}

/* When the journal cannot be written, the lead's row is not written either. */
static void
test_update_atomic (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  g_autoptr(RelaisLead) edited = load (fixture, id);
  g_autofree char *before = snapshot (fixture->db, id);

  exec_sql (fixture->db,
            "CREATE TEMP TRIGGER refuse_journal BEFORE INSERT ON main.journal"
            " BEGIN SELECT RAISE(ABORT, 'journal refused'); END");

  relais_lead_set_company (edited, "New Co");
  g_assert_false (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (relais_lead_get_revision (edited), ==, 1);

  g_assert_false (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_ACTIVELY_WORKING,
                                                  RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (relais_lead_changes_add_note (fixture->db, id, "Léa", "Lost?", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (relais_lead_changes_delete (fixture->db, id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  {
    g_autofree char *after = snapshot (fixture->db, id);
    g_assert_cmpstr (after, ==, before);
  }

  /* And the store is usable afterwards: no transaction was left open. */
  exec_sql (fixture->db, "DROP TRIGGER refuse_journal");
  g_assert_true (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_no_error (error);
}

/* --- status ---------------------------------------------------------------- */

static void
test_status_transitions (Fixture       *fixture,
                         gconstpointer  user_data)
{
  for (RelaisLeadStatus from = 0; from < RELAIS_LEAD_N_STATUSES; from++)
    for (RelaisLeadStatus to = 0; to < RELAIS_LEAD_N_STATUSES; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean allowed = relais_lead_status_can_change (from, to);
        gint64 id = make_lead (fixture, from, from != RELAIS_LEAD_STATUS_NEW);
        g_autofree char *before = snapshot (fixture->db, id);
        gboolean ok;

        ok = relais_lead_changes_set_status (fixture->db, id, to, RELAIS_REJECTION_NO_VALID_PROJECT,
                                             3, "No budget this year.", &error);

        /* From New, the statuses of a partner need a partner. */
        if (from == RELAIS_LEAD_STATUS_NEW && to != RELAIS_LEAD_STATUS_CLOSED)
          allowed = FALSE;

        if (ok != allowed)
          g_error ("%s → %s: %s (%s)",
                   relais_enum_code (&relais_lead_status_info, from),
                   relais_enum_code (&relais_lead_status_info, to),
                   ok ? "allowed" : "refused", error ? error->message : "");

        if (ok)
          {
            g_autoptr(RelaisLead) stored = load (fixture, id);
            g_autoptr(JsonObject) changes = NULL;
            g_autofree char *action = NULL;

            g_assert_no_error (error);
            g_assert_cmpint (relais_lead_get_status (stored), ==, to);
            g_assert_cmpint (relais_lead_get_revision (stored), ==, 2);
            changes = last_journal_changes (fixture, &action);
            g_assert_cmpstr (action, ==, "status");
            assert_pair (changes, "status",
                         relais_enum_code (&relais_lead_status_info, from),
                         relais_enum_code (&relais_lead_status_info, to));
            g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead WHERE lead_id = ?", id), ==, 1);
          }
        else
          {
            g_autofree char *after = snapshot (fixture->db, id);

            g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_TRANSITION);
            g_assert_cmpstr (after, ==, before);
            /* The message names the statuses, translated. */
            g_assert_nonnull (strstr (error->message, relais_enum_label (&relais_lead_status_info, to)));
            if (from != to && relais_lead_status_can_change (from, to) == FALSE)
              g_assert_nonnull (strstr (error->message, relais_enum_label (&relais_lead_status_info, from)));
          }
      }
}

static void
test_status_needs_partner (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);
  g_autoptr(RelaisLead) lead = load (fixture, id);

  g_assert_false (relais_lead_changes_can_set_status (lead, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED));
  g_assert_false (relais_lead_changes_can_set_status (lead, RELAIS_LEAD_STATUS_ACTIVELY_WORKING));
  g_assert_true (relais_lead_changes_can_set_status (lead, RELAIS_LEAD_STATUS_CLOSED));
  g_assert_false (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED,
                                                  RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "partner"));
  g_clear_error (&error);

  /* With a partner, the 48-hour clock starts when the lead is given to it. */
  exec_sql (fixture->db, "UPDATE lead SET partner_id = 1, assigned_at = NULL");
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&lead);
  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_assigned_at (lead), >, g_get_real_time () - G_TIME_SPAN_MINUTE);
  g_assert_false (relais_lead_is_overdue (lead, g_get_real_time ()));
  g_assert_true (relais_lead_is_overdue (lead, g_get_real_time () + 49 * G_TIME_SPAN_HOUR));
}

static void
assert_reject_refused (Fixture               *fixture,
                       gint64                 id,
                       RelaisRejectionReason  reason,
                       int                    rating,
                       const char            *comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture->db, id);
  g_autofree char *after = NULL;

  g_assert_false (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_REJECTED,
                                                  reason, rating, comment, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  after = snapshot (fixture->db, id);
  g_assert_cmpstr (after, ==, before);
}

static void
test_status_reject (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(JsonObject) changes = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  JsonArray *pair;

  /* Every reason needs all three: reason, rating, comment. */
  assert_reject_refused (fixture, id, RELAIS_REJECTION_NONE, 3, "Not for us.");
  assert_reject_refused (fixture, id, RELAIS_N_REJECTION_REASONS, 3, "Not for us.");
  assert_reject_refused (fixture, id, RELAIS_REJECTION_DUPLICATE, 0, "Not for us.");
  assert_reject_refused (fixture, id, RELAIS_REJECTION_DUPLICATE, 6, "Not for us.");
  assert_reject_refused (fixture, id, RELAIS_REJECTION_DUPLICATE, 3, NULL);
  assert_reject_refused (fixture, id, RELAIS_REJECTION_DUPLICATE, 3, "  \n ");
  assert_reject_refused (fixture, id, RELAIS_REJECTION_OTHER, 3, "");

  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_REJECTED,
                                                 RELAIS_REJECTION_DUPLICATE, 2, " Same as lead 41. ", &error));
  g_assert_no_error (error);
  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_status (lead), ==, RELAIS_LEAD_STATUS_REJECTED);
  g_assert_cmpint (relais_lead_get_rejection_reason (lead), ==, RELAIS_REJECTION_DUPLICATE);
  g_assert_cmpstr (relais_lead_get_rejection_comment (lead), ==, "Same as lead 41.");
  g_assert_cmpint (relais_lead_get_quality_rating (lead), ==, 2);
  g_assert_false (relais_lead_is_overdue (lead, g_get_real_time () + 100 * G_TIME_SPAN_DAY));

  changes = last_journal_changes (fixture, NULL);
  assert_pair (changes, "status", "partner_assigned", "rejected");
  assert_pair (changes, "rejection_reason", "", "duplicate");
  assert_pair (changes, "rejection_comment", "", "Same as lead 41.");
  pair = json_object_get_array_member (changes, "quality_rating");
  g_assert_true (json_array_get_null_element (pair, 0));
  g_assert_cmpint (json_array_get_int_element (pair, 1), ==, 2);
  g_clear_pointer (&changes, json_object_unref);

  /* Reopened: the rejection is gone, the rating of the lead stays. */
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_NEW,
                                                 RELAIS_REJECTION_OTHER, 5, "ignored", &error));
  g_assert_no_error (error);
  g_clear_object (&lead);
  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_status (lead), ==, RELAIS_LEAD_STATUS_NEW);
  g_assert_cmpint (relais_lead_get_rejection_reason (lead), ==, RELAIS_REJECTION_NONE);
  g_assert_cmpstr (relais_lead_get_rejection_comment (lead), ==, "");
  g_assert_cmpint (relais_lead_get_quality_rating (lead), ==, 2);
  changes = last_journal_changes (fixture, NULL);
  assert_pair (changes, "rejection_reason", "duplicate", "");
  assert_pair (changes, "rejection_comment", "Same as lead 41.", "");
}

static void
test_status_accepted_at (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  gint64 t0 = g_get_real_time ();
  gint64 accepted_at;

  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_accepted_at (lead), ==, 0);
  g_clear_object (&lead);

  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_ASSIGNED_TO_REP,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_no_error (error);
  lead = load (fixture, id);
  accepted_at = relais_lead_get_accepted_at (lead);
  g_assert_cmpint (accepted_at, >=, t0);
  g_assert_cmpint (accepted_at, <=, g_get_real_time ());
  g_clear_object (&lead);

  /* Set once: later moves keep the first acceptance. */
  g_usleep (2000);
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_ACTIVELY_WORKING,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_ACTIVELY_WORKING,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_no_error (error);
  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_accepted_at (lead), ==, accepted_at);
  g_assert_cmpint (relais_lead_get_revision (lead), ==, 5);
}

/* --- notes ------------------------------------------------------------------ */

static void
test_notes (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(RelaisLead) lead = NULL;
  g_autofree char *too_long = g_strnfill (RELAIS_LEAD_NOTE_MAX_CHARS + 1, 'a');
  g_autofree char *longest = g_strnfill (RELAIS_LEAD_NOTE_MAX_CHARS, 'a');
  g_autofree char *action = NULL;
  g_autoptr(JsonObject) changes = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Léa Dupont", "First call: no answer.", &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Léa Dupont", "  Second call: \n meeting on Monday.  ", &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Marc", "Quote sent.", &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Marc", longest, &error));
  g_assert_no_error (error);

  notes = relais_lead_changes_list_notes (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 4);
  {
    g_autoptr(RelaisLeadNote) n0 = g_list_model_get_item (notes, 0);
    g_autoptr(RelaisLeadNote) n1 = g_list_model_get_item (notes, 1);
    g_autoptr(RelaisLeadNote) n2 = g_list_model_get_item (notes, 2);
    g_autoptr(RelaisLeadNote) n3 = g_list_model_get_item (notes, 3);

    /* (Not cmpstr: a failure would print 10 000 characters.) */
    g_assert_true (g_str_equal (relais_lead_note_get_text (n0), longest));
    g_assert_cmpstr (relais_lead_note_get_text (n1), ==, "Quote sent.");
    g_assert_cmpstr (relais_lead_note_get_author (n1), ==, "Marc");
    g_assert_cmpstr (relais_lead_note_get_text (n2), ==, "Second call: \n meeting on Monday.");
    g_assert_cmpstr (relais_lead_note_get_text (n3), ==, "First call: no answer.");
    g_assert_cmpstr (relais_lead_note_get_author (n3), ==, "Léa Dupont");
    g_assert_cmpint (relais_lead_note_get_created_at (n0), >=, relais_lead_note_get_created_at (n1));
    g_assert_cmpint (relais_lead_note_get_created_at (n3), >, 0);
  }

  /* Each note is a change of the lead: revision and journal follow. */
  lead = load (fixture, id);
  g_assert_cmpint (relais_lead_get_revision (lead), ==, 5);
  changes = last_journal_changes (fixture, &action);
  g_assert_cmpstr (action, ==, "note");
  g_assert_true (json_object_has_member (changes, "note"));
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead WHERE lead_id = ?", id), ==, 4);

  before = snapshot (fixture->db, id);
  g_assert_false (relais_lead_changes_add_note (fixture->db, id, "Marc", "", &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (relais_lead_changes_add_note (fixture->db, id, "Marc", " \t\n ", &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (relais_lead_changes_add_note (fixture->db, id, "Marc", NULL, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (relais_lead_changes_add_note (fixture->db, id, "Marc", too_long, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (relais_lead_changes_add_note (fixture->db, id + 1000, "Marc", "To nobody.", &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (fixture->db, id);
  g_assert_cmpstr (after, ==, before);

  /* Another lead has none. */
  {
    g_autoptr(GListModel) none = relais_lead_changes_list_notes (fixture->db, id + 1000, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }
}

/* --- history ---------------------------------------------------------------- */

static char *
history_text (GListModel *history,
              guint       position)
{
  g_autoptr(RelaisLeadHistoryEntry) entry = g_list_model_get_item (history, position);
  return g_strdup (relais_lead_history_entry_get_text (entry));
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(RelaisLead) edited = NULL;
  const char *me = relais_journal_get_actor ();
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  gint64 other = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  gint64 journal_id;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  /* Before any change: the arrival, from the lead's own creation time. */
  history = relais_lead_changes_list_history (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  text = history_text (history, 0);
  g_assert_cmpstr (text, ==, "The lead arrived from “Web form”.");
  g_clear_pointer (&text, g_free);
  g_clear_object (&history);

  edited = load (fixture, id);
  relais_lead_set_company (edited, "New Co");
  relais_lead_set_phone (edited, "+33 6 00 00 00 00");
  g_assert_true (relais_lead_changes_update (fixture->db, edited, &error));
  g_assert_true (relais_lead_changes_set_status (fixture->db, id, RELAIS_LEAD_STATUS_ASSIGNED_TO_REP,
                                                 RELAIS_REJECTION_NONE, 0, NULL, &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, me, "Meeting on Monday.", &error));
  g_assert_no_error (error);

  /* A reassignment of many leads by someone else, later (one entry, linked). */
  journal_id = relais_journal_append (fixture->db, "reassign", "lead", NULL,
                                      "{\"partner\":[\"Acme Conseil\",\"Globex\"],\"rep\":[null,\"Ana Lima\"],\"count\":2}",
                                      &error);
  g_assert_no_error (error);
  relais_journal_add_lead (fixture->db, journal_id, id, &error);
  relais_journal_add_lead (fixture->db, journal_id, other, &error);
  g_assert_no_error (error);
  /* And a change of the other lead only: not in this one's history. */
  g_assert_true (relais_lead_changes_add_note (fixture->db, other, me, "Other lead.", &error));

  history = relais_lead_changes_list_history (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 5);

  /* Newest first. */
  text = history_text (history, 0);
  expected = g_strdup_printf ("%s reassigned this lead from partner “Acme Conseil” to “Globex”.\n"
                              "%s assigned this lead to the partner sales rep “Ana Lima”.", me, me);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  text = history_text (history, 1);
  expected = g_strdup_printf ("%s added a note.", me);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  text = history_text (history, 2);
  expected = g_strdup_printf ("%s changed the status from “Partner assigned” to “Assigned to rep”.", me);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  text = history_text (history, 3);
  expected = g_strdup_printf ("%s changed the company from “Old Co” to “New Co”.\n"
                              "%s set the phone number to “+33 6 00 00 00 00”.", me, me);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  text = history_text (history, 4);
  g_assert_cmpstr (text, ==, "The lead arrived from “Web form”.");
  g_clear_pointer (&text, g_free);

  {
    g_autoptr(RelaisLeadHistoryEntry) first = g_list_model_get_item (history, 1);
    g_autoptr(RelaisLeadHistoryEntry) last = g_list_model_get_item (history, 4);

    g_assert_cmpstr (relais_lead_history_entry_get_action (first), ==, "note");
    g_assert_cmpstr (relais_lead_history_entry_get_actor (first), ==, me);
    g_assert_cmpint (relais_lead_history_entry_get_at (first), >, relais_lead_history_entry_get_at (last));
  }

  g_clear_object (&history);
  history = relais_lead_changes_list_history (fixture->db, id + 1000, &error);
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND);
  g_assert_null (history);
}

static void
test_history_sentences (void)
{
  static const struct {
    const char *action;
    const char *changes;
    const char *expected;
  } cases[] = {
    { "note", "{\"note\":[null,{\"author\":\"Léa\",\"text\":\"Hi\"}]}", "Léa added a note." },
    { "import", NULL, "Léa imported this lead." },
    { "status",
      "{\"status\":[\"partner_assigned\",\"rejected\"],\"rejection_reason\":[\"\",\"not_my_territory\"],"
      "\"rejection_comment\":[\"\",\"Quebec only.\"],\"quality_rating\":[null,2]}",
      "Léa rejected this lead for “Not my territory or account” and rated its quality 2 out of 5. Comment: “Quebec only.”" },
    { "status", "{\"status\":[\"rejected\",\"new\"],\"rejection_reason\":[\"duplicate\",\"\"]}",
      "Léa changed the status from “Rejected” to “New”." },
    { "update", "{\"category\":[\"bant\",\"quote_request\"]}",
      "Léa changed the category from “BANT” to “Quote request”." },
    { "update", "{\"value_minor\":[0,123456],\"currency\":[\"EUR\",\"EUR\"]}",
      "Léa changed the value from 0.00 EUR to 1234.56 EUR." },
    { "update", "{\"quality_rating\":[null,4]}", "Léa rated the lead’s quality 4 out of 5." },
    { "update", "{\"email\":[\"a@example.fr\",\"\"]}",
      "Léa cleared the e-mail address (it was “a@example.fr”)." },
    { "reassign", "{\"queue\":[\"Benelux\",null]}", "Léa took this lead out of queue “Benelux”." },
    { "reassign", "{\"territory\":[\"FR\",\"BE\"]}", "Léa changed “territory” from “FR” to “BE”." },
    { "merge", "{\"count\":3}", "Léa changed this lead." },
    { "update", "not json", "Léa changed this lead." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = relais_lead_history_describe ("Léa", cases[i].action, cases[i].changes);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *text = relais_lead_history_describe ("", "note", NULL);
    g_assert_cmpstr (text, ==, "Someone added a note.");
  }
}

/* --- delete ----------------------------------------------------------------- */

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *action = NULL;
  g_autofree char *entity_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = make_lead (fixture, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, TRUE);
  gint64 kept = make_lead (fixture, RELAIS_LEAD_STATUS_NEW, FALSE);
  JsonArray *pair;

  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Léa", "One.", &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, id, "Léa", "Two.", &error));
  g_assert_true (relais_lead_changes_add_note (fixture->db, kept, "Léa", "Kept.", &error));
  g_assert_no_error (error);
  lead = load (fixture, id);
  uuid = g_strdup (relais_lead_get_uuid (lead));

  g_assert_true (relais_lead_changes_delete (fixture->db, id, &error));
  g_assert_no_error (error);

  g_assert_null (relais_lead_store_load (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_note WHERE lead_id = ?", id), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_note WHERE lead_id = ?", kept), ==, 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead WHERE lead_id = ?", id), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead", 0), ==, 1);

  /* The journal keeps the whole old row, and its notes. */
  changes = last_journal_changes (fixture, &action);
  g_assert_cmpstr (action, ==, "delete");
  entity_uuid = query_text (fixture->db, "SELECT entity_uuid FROM journal ORDER BY id DESC LIMIT 1", 0);
  g_assert_cmpstr (entity_uuid, ==, uuid);
  pair = json_object_get_array_member (changes, "company");
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, "Old Co");
  g_assert_true (json_array_get_null_element (pair, 1));
  pair = json_object_get_array_member (changes, "status");
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, "partner_assigned");
  pair = json_object_get_array_member (changes, "partner_id");
  g_assert_cmpint (json_array_get_int_element (pair, 0), ==, fixture->partner_id);
  pair = json_object_get_array_member (changes, "revision");
  g_assert_cmpint (json_array_get_int_element (pair, 0), ==, 3);
  pair = json_object_get_array_member (changes, "notes");
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (pair, 0)), ==, 2);
  g_assert_true (json_object_has_member (changes, "email"));
  g_assert_true (json_object_has_member (changes, "created_at"));

  /* Twice: nothing left to delete, nothing written. */
  before = snapshot (fixture->db, id);
  g_assert_false (relais_lead_changes_delete (fixture->db, id, &error));
  g_assert_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND);
  after = snapshot (fixture->db, id);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lead-changes/update/round-trip", test_update_round_trip);
  ADD ("/lead-changes/update/conflict", test_update_conflict);
  ADD ("/lead-changes/update/invalid", test_update_invalid);
  ADD ("/lead-changes/update/atomic", test_update_atomic);
  ADD ("/lead-changes/status/transitions", test_status_transitions);
  ADD ("/lead-changes/status/needs-partner", test_status_needs_partner);
  ADD ("/lead-changes/status/reject", test_status_reject);
  ADD ("/lead-changes/status/accepted-at", test_status_accepted_at);
  ADD ("/lead-changes/notes", test_notes);
  ADD ("/lead-changes/history/entries", test_history);
  ADD ("/lead-changes/delete", test_delete);
#undef ADD
  g_test_add_func ("/lead-changes/history/sentences", test_history_sentences);

  return g_test_run ();
}
