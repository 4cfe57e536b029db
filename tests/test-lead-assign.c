/* test-lead-assign.c — reassigning many leads in one transaction, and undoing it
 * exactly: 10,000 leads checked row by row, each kind of target, leads that may
 * not move, conflicts with later changes, and failures that change nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "relais-db.h"
#include "relais-demo.h"
#include "relais-lead-assign.h"
#include "relais-lead-changes.h"
#include "relais-statement.h"
#include "relais-test-store.h"

#define N_LEADS 12000

typedef struct {
  char     *dir;
  char     *path;
  RelaisDb *db;
} Fixture;

/* One lead's assignment, as the store has it. */
typedef struct {
  char   *status;
  gint64  queue_id, partner_id, rep_id, rule_id;
  char   *reason;
  gint64  assigned_at, accepted_at, revision;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->status);
  g_free (row->reason);
  g_free (row);
}

/* Every lead's assignment, by id. */
static GHashTable *
snapshot (RelaisDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, row_free);

  st = relais_db_prepare (db,
                          "SELECT id, status, coalesce(queue_id, 0), coalesce(partner_id, 0),"
                          " coalesce(rep_id, 0), coalesce(rule_id, 0), assignment_reason,"
                          " coalesce(assigned_at, -1), coalesce(accepted_at, -1), revision FROM lead",
                          &error);
  g_assert_no_error (error);
  while (relais_statement_next (st, &error))
    {
      Row *row = g_new0 (Row, 1);

      row->status = g_strdup (relais_statement_get_text (st, 1));
      row->queue_id = relais_statement_get_int64 (st, 2);
      row->partner_id = relais_statement_get_int64 (st, 3);
      row->rep_id = relais_statement_get_int64 (st, 4);
      row->rule_id = relais_statement_get_int64 (st, 5);
      row->reason = g_strdup (relais_statement_get_text (st, 6));
      row->assigned_at = relais_statement_get_int64 (st, 7);
      row->accepted_at = relais_statement_get_int64 (st, 8);
      row->revision = relais_statement_get_int64 (st, 9);
      g_hash_table_insert (rows, g_memdup2 (&(gint64) { relais_statement_get_int64 (st, 0) }, sizeof (gint64)), row);
    }
  g_assert_no_error (error);
  return rows;
}

static gboolean
row_same_assignment (const Row *a,
                     const Row *b)
{
  return g_str_equal (a->status, b->status) &&
         a->queue_id == b->queue_id && a->partner_id == b->partner_id &&
         a->rep_id == b->rep_id && a->rule_id == b->rule_id &&
         g_str_equal (a->reason, b->reason) &&
         a->assigned_at == b->assigned_at && a->accepted_at == b->accepted_at;
}

static gboolean
movable (const char *status)
{
  int value;

  g_assert_true (relais_enum_from_code (&relais_lead_status_info, status, &value));
  return relais_lead_status_can_reassign (value);
}

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

  fixture->db = test_store_new ("relais-test-lead-assign", &fixture->dir, &fixture->path);
  g_assert_true (relais_demo_load (fixture->db, N_LEADS, 30, 11, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The ids of the first @n leads. */
static GArray *
first_ids (RelaisDb *db,
           guint     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "SELECT id FROM lead ORDER BY id LIMIT ?", &error);
  GArray *ids;

  g_assert_no_error (error);
  relais_statement_bind_int64 (st, 1, n);
  ids = relais_statement_collect_ids (st, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  return ids;
}

/* The partner with the most leads among @ids is a good target: some of them
 * are already there. */
static gint64
some_partner (RelaisDb *db)
{
  return query_int64 (db,
                      "SELECT partner_id FROM lead WHERE partner_id IS NOT NULL AND id <= 10000"
                      " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 1", 0);
}

static void
test_partner_10k_and_undo (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = first_ids (fixture->db, 10000);
  g_autoptr(GHashTable) before = snapshot (fixture->db);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) undone = NULL;
  RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_PARTNER, some_partner (fixture->db) };
  RelaisAssignResult result;
  guint expect_moved = 0, expect_locked = 0, expect_unchanged = 0;
  guint restored = 0, conflicts = 0;
  gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < ids->len; i++)
    {
      Row *row = g_hash_table_lookup (before, &g_array_index (ids, gint64, i));

      if (!movable (row->status))
        expect_locked++;
      else if (row->partner_id == target.id)
        expect_unchanged++;
      else
        expect_moved++;
    }
  /* The demo data has leads of every kind among the first 10,000. */
  g_assert_cmpuint (expect_moved, >, 1000);
  g_assert_cmpuint (expect_locked, >, 100);
  g_assert_cmpuint (expect_unchanged, >, 0);

  g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &target, TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.moved, ==, expect_moved);
  g_assert_cmpuint (result.locked, ==, expect_locked);
  g_assert_cmpuint (result.unchanged, ==, expect_unchanged);
  g_assert_cmpuint (result.missing, ==, 0);
  g_assert_cmpint (result.journal_id, >, 0);

  /* One journal entry, linked to every lead that moved. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before + 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead WHERE journal_id = (SELECT max(id) FROM journal)", 0),
                   ==, expect_moved);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT json_extract(changes, '$.count') FROM journal WHERE action = 'reassign'", 0),
                   ==, expect_moved);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT json_extract(changes, '$.notify') FROM journal WHERE action = 'reassign'", 0),
                   ==, 1);

  /* Row by row: the movers are with the partner, nobody else changed. */
  after = snapshot (fixture->db);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Row *old = value;
      Row *now = g_hash_table_lookup (after, key);
      gint64 id = *(gint64 *) key;
      gboolean in_selection = id <= g_array_index (ids, gint64, ids->len - 1);

      g_assert_nonnull (now);
      if (in_selection && movable (old->status) && old->partner_id != target.id)
        {
          g_assert_cmpstr (now->status, ==, "partner_assigned");
          g_assert_cmpint (now->partner_id, ==, target.id);
          g_assert_cmpint (now->rep_id, ==, 0);
          g_assert_cmpint (now->queue_id, ==, 0);
          g_assert_cmpint (now->rule_id, ==, 0);
          g_assert_cmpint (now->assigned_at, >, 0);
          g_assert_cmpint (now->accepted_at, ==, -1);
          g_assert_cmpint (now->revision, ==, old->revision + 1);
        }
      else
        {
          g_assert_true (row_same_assignment (old, now));
          g_assert_cmpint (now->revision, ==, old->revision);
        }
    }

  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, expect_moved);
  g_assert_cmpuint (conflicts, ==, 0);

  /* Everything is back, field by field. */
  undone = snapshot (fixture->db);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (row_same_assignment (value, g_hash_table_lookup (undone, key)));

  g_assert_cmpint (query_int64 (fixture->db, "SELECT undone FROM journal WHERE action = 'reassign'", 0), ==, 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE action = 'undo'", 0), ==, 1);

  /* Twice is refused, and changes nothing. */
  g_assert_false (relais_lead_assign_undo (fixture->db, result.journal_id, NULL, NULL, &error));
  g_assert_error (error, RELAIS_LEAD_ASSIGN_ERROR, RELAIS_LEAD_ASSIGN_ERROR_UNDONE);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE action = 'undo'", 0), ==, 1);
}

static void
test_rep_and_queue (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = first_ids (fixture->db, 200);
  gint64 rep_id = query_int64 (fixture->db, "SELECT min(id) FROM contact", 0);
  gint64 rep_partner = query_int64 (fixture->db, "SELECT partner_id FROM contact WHERE id = (SELECT min(id) FROM contact)", 0);
  gint64 queue_id = query_int64 (fixture->db, "SELECT min(id) FROM queue", 0);
  RelaisAssignTarget to_rep = { RELAIS_ASSIGN_TARGET_REP, rep_id };
  RelaisAssignTarget to_queue = { RELAIS_ASSIGN_TARGET_QUEUE, queue_id };
  RelaisAssignTarget to_nobody = { RELAIS_ASSIGN_TARGET_NOBODY, 0 };
  RelaisAssignResult result;
  g_autofree char *name = NULL;

  g_assert_cmpint (rep_id, >, 0);
  g_assert_cmpint (queue_id, >, 0);

  g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &to_rep, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.moved, >, 0);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM lead WHERE id IN (SELECT lead_id FROM lead_reassignment)"
                                " AND NOT (status = 'assigned_to_rep' AND rep_id IS NOT NULL AND queue_id IS NULL)", 0),
                   ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(DISTINCT partner_id) FROM lead WHERE id IN (SELECT lead_id FROM lead_reassignment)", 0),
                   ==, 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT max(partner_id) FROM lead WHERE id IN (SELECT lead_id FROM lead_reassignment)", 0),
                   ==, rep_partner);

  /* The same leads into a queue: unassigned, New, waiting there. */
  g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &to_queue, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.moved, >, 0);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM lead WHERE id IN (SELECT lead_id FROM lead_reassignment"
                                " WHERE journal_id = (SELECT max(id) FROM journal))"
                                " AND NOT (status = 'new' AND partner_id IS NULL AND rep_id IS NULL"
                                " AND queue_id IS NOT NULL AND assigned_at IS NULL)", 0),
                   ==, 0);

  /* Again: nothing moves, nothing is written. */
  {
    gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);

    g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &to_queue, FALSE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.moved, ==, 0);
    g_assert_cmpint (result.journal_id, ==, 0);
    g_assert_cmpuint (result.unchanged + result.locked, ==, ids->len);
    g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
  }

  g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &to_nobody, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM lead WHERE id IN (SELECT lead_id FROM lead_reassignment"
                                " WHERE journal_id = (SELECT max(id) FROM journal))"
                                " AND (queue_id IS NOT NULL OR partner_id IS NOT NULL OR status <> 'new')", 0),
                   ==, 0);

  name = relais_lead_assign_target_name (fixture->db, &to_rep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strchr (name, '('));
}

static void
test_conflict_and_missing (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = first_ids (fixture->db, 500);
  gint64 queue_id = query_int64 (fixture->db, "SELECT max(id) FROM queue", 0);
  RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_QUEUE, queue_id };
  RelaisAssignResult result;
  guint restored = 0, conflicts = 0;
  gint64 edited;
  gint64 missing = 99999999;

  g_array_append_val (ids, missing);
  g_array_append_val (ids, g_array_index (ids, gint64, 0));   /* twice: counted once */

  g_assert_true (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &target, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.missing, ==, 1);
  g_assert_cmpuint (result.moved + result.unchanged + result.locked, ==, 500);

  /* A lead changed after the move (here, as sync would) keeps its newer state. */
  edited = query_int64 (fixture->db, "SELECT min(lead_id) FROM lead_reassignment", 0);
  {
    g_autoptr(RelaisStatement) st =
      relais_db_prepare (fixture->db, "UPDATE lead SET status = 'closed', revision = revision + 1 WHERE id = ?", &error);
    g_assert_no_error (error);
    relais_statement_bind_int64 (st, 1, edited);
    g_assert_true (relais_statement_execute (st, &error));
    g_assert_no_error (error);
  }

  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_cmpuint (restored, ==, result.moved - 1);
  {
    g_autoptr(RelaisStatement) st = relais_db_prepare (fixture->db, "SELECT status FROM lead WHERE id = ?", &error);
    g_assert_no_error (error);
    relais_statement_bind_int64 (st, 1, edited);
    g_assert_true (relais_statement_next (st, &error));
    g_assert_cmpstr (relais_statement_get_text (st, 0), ==, "closed");
  }

  /* A target that is gone: a clear error, nothing written. */
  {
    RelaisAssignTarget gone = { RELAIS_ASSIGN_TARGET_PARTNER, 424242 };
    gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);

    g_assert_false (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &gone, FALSE, &result, &error));
    g_assert_error (error, RELAIS_LEAD_ASSIGN_ERROR, RELAIS_LEAD_ASSIGN_ERROR_NOT_FOUND);
    g_assert_cmpuint (result.moved, ==, 0);
    g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
  }
}

/* A failure half-way (here a trigger refusing one lead) leaves every lead, the
 * journal and the undo records as they were. */
static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = first_ids (fixture->db, 3000);
  g_autoptr(GHashTable) before = snapshot (fixture->db);
  g_autoptr(GHashTable) after = NULL;
  RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_QUEUE, query_int64 (fixture->db, "SELECT min(id) FROM queue", 0) };
  RelaisAssignResult result;
  gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);
  GHashTableIter iter;
  gpointer key, value;

  exec_sql (fixture->db,
            "CREATE TEMP TRIGGER refuse BEFORE UPDATE OF queue_id ON lead WHEN new.id = 2999"
            " BEGIN SELECT RAISE (ABORT, 'refused'); END");

  g_assert_false (relais_lead_assign (fixture->db, (const gint64 *) ids->data, ids->len, &target, FALSE, &result, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (result.moved, ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_reassignment", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead", 0), ==, 0);

  after = snapshot (fixture->db);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Row *now = g_hash_table_lookup (after, key);

      g_assert_true (row_same_assignment (value, now));
      g_assert_cmpint (((Row *) value)->revision, ==, now->revision);
    }
}

/* Each moved lead's history tells its own move. */
static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(RelaisLeadHistoryEntry) first = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 lead_id;
  gint64 partner_id;
  RelaisAssignTarget target;
  RelaisAssignResult result;
  gint64 pair[2];

  /* Two New leads in no queue, given to a partner together. */
  exec_sql (fixture->db, "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL"
                         " WHERE id IN (1, 2)");
  partner_id = query_int64 (fixture->db, "SELECT min(id) FROM partner", 0);
  target = (RelaisAssignTarget) { RELAIS_ASSIGN_TARGET_PARTNER, partner_id };
  lead_id = 1;
  pair[0] = 1;
  pair[1] = 2;
  g_assert_true (relais_lead_assign (fixture->db, pair, 2, &target, TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.moved, ==, 2);

  history = relais_lead_changes_list_history (fixture->db, lead_id, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (history, 0);
  g_assert_cmpstr (relais_lead_history_entry_get_action (first), ==, "reassign");
  g_assert_nonnull (strstr (relais_lead_history_entry_get_text (first), "assigned this lead to partner"));
  g_assert_nonnull (strstr (relais_lead_history_entry_get_text (first), "1 other lead moved with it."));
  g_assert_nonnull (strstr (relais_lead_history_entry_get_text (first), "notified"));

  /* Undone, the move leaves the history. */
  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&history);
  history = relais_lead_changes_list_history (fixture->db, lead_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(RelaisLeadHistoryEntry) entry = g_list_model_get_item (history, i);
      g_assert_cmpstr (relais_lead_history_entry_get_action (entry), !=, "reassign");
    }

  /* What a partner holds and could hand over. */
  ids = relais_lead_assign_open_ids (fixture->db, some_partner (fixture->db), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  g_assert_cmpint (ids->len, ==,
                   query_int64 (fixture->db,
                                "SELECT count(*) FROM lead WHERE partner_id = (SELECT partner_id FROM lead"
                                " WHERE partner_id IS NOT NULL AND id <= 10000 GROUP BY partner_id"
                                " ORDER BY count(*) DESC, partner_id LIMIT 1)"
                                " AND status IN ('partner_assigned', 'assigned_to_rep', 'actively_working')", 0));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lead-assign/partner-10k-and-undo", test_partner_10k_and_undo);
  ADD ("/lead-assign/rep-and-queue", test_rep_and_queue);
  ADD ("/lead-assign/conflict-and-missing", test_conflict_and_missing);
  ADD ("/lead-assign/all-or-nothing", test_all_or_nothing);
  ADD ("/lead-assign/history", test_history);
#undef ADD

  return g_test_run ();
}
