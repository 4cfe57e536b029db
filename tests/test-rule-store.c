/* test-rule-store.c — the assignment rules in the store: saving, ordering and
 * switching rules; a preview that writes nothing; Apply writing exactly what
 * was previewed (and nothing for leads changed meanwhile), with the
 * explanation in each lead's history; Undo putting leads and rotations back;
 * two runs from the same rotation merged without losing turns; rerouting of
 * leads nobody accepted.
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
#include "relais-journal.h"
#include "relais-lead-changes.h"
#include "relais-rule-store.h"
#include "relais-rule-store-private.h"
#include "relais-statement.h"
#include "relais-test-store.h"

#define N_LEADS 2000

typedef struct {
  char     *dir;
  char     *path;
  RelaisDb *db;
  gint64    p[4];     /* four available partners with room */
} Fixture;

/* A digest of every lead's assignment and every rule's rotation: equal
 * digests, same state. */
static char *
digest (RelaisDb *db)
{
  return query_text (db,
                     "SELECT (SELECT group_concat(x, ';') FROM"
                     " (SELECT id || ':' || status || ':' || coalesce(partner_id, '') || ':' || coalesce(rep_id, '')"
                     "  || ':' || coalesce(queue_id, '') || ':' || coalesce(rule_id, '') || ':' || coalesce(assigned_at, '')"
                     "  AS x FROM lead ORDER BY id))"
                     " || '|' || coalesce((SELECT group_concat(id || '=' || rotation, ';') FROM rule), '')", 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* Runs write with SQLite's own checks off: every reference they wrote
   * must still hold, and the checks be back on. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM pragma_foreign_key_check", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "PRAGMA foreign_keys", 0), ==, 1);
  test_store_remove (&fixture->db, &fixture->dir, &fixture->path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = NULL;

  fixture->db = test_store_new ("relais-test-rule-store", &fixture->dir, &fixture->path);
  g_assert_true (relais_demo_load (fixture->db, N_LEADS, 12, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Four partners, available, with room for everything. */
  st = relais_db_prepare (fixture->db, "SELECT id FROM partner ORDER BY id LIMIT 4", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (relais_statement_next (st, &error));
      fixture->p[i] = relais_statement_get_int64 (st, 0);
    }
  g_clear_object (&st);
  exec_sql (fixture->db,
            "UPDATE partner SET active = 1, out_of_office_until = NULL, capacity = 1000000;"
            "DELETE FROM rule;");
  /* Enough unassigned leads from France to route. */
  exec_sql (fixture->db,
            "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL,"
            " rule_id = NULL, assigned_at = NULL, accepted_at = NULL, country = 'FR'"
            " WHERE id % 4 = 0");
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM lead WHERE status = 'new' AND partner_id IS NULL"
                                " AND queue_id IS NULL AND country = 'FR'", 0), >=, N_LEADS / 4);
}

/* A rule "name": leads from @country, round-robin among @n partners. */
static gint64
create_rule (Fixture    *fixture,
             const char *name,
             const char *country,
             guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRoutingRule) rule = relais_routing_rule_new (0, name);

  if (country != NULL)
    relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, country);
  for (guint i = 0; i < n; i++)
    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, fixture->p[i], 0);
  g_assert_true (relais_rule_store_create (fixture->db, rule, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rule->id, >, 0);
  return rule->id;
}

static void
test_rules_crud (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(RelaisRoutingRule) bad = relais_routing_rule_new (0, "   ");
  g_autoptr(RelaisRoutingRule) loaded = NULL;
  gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);
  gint64 a, b, c;

  /* A rule the engine refuses is not written. */
  g_assert_false (relais_rule_store_create (fixture->db, bad, &error));
  g_assert_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE);
  g_clear_error (&error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM rule", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);

  a = create_rule (fixture, "A", "FR, BE", 2);
  b = create_rule (fixture, "B", NULL, 3);
  c = create_rule (fixture, "C", "DE", 1);

  rules = relais_rule_store_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 3);
  g_assert_cmpint (((RelaisRoutingRule *) rules->pdata[0])->id, ==, a);
  g_assert_cmpuint (((RelaisRoutingRule *) rules->pdata[0])->criteria->len, ==, 1);
  g_assert_cmpuint (((RelaisRoutingRule *) rules->pdata[0])->members->len, ==, 2);
  g_assert_cmpuint (((RelaisRoutingRule *) rules->pdata[1])->members->len, ==, 3);
  g_clear_pointer (&rules, g_ptr_array_unref);

  /* C first, then A, then B. */
  g_assert_true (relais_rule_store_move (fixture->db, c, 0, &error));
  g_assert_no_error (error);
  rules = relais_rule_store_list (fixture->db, &error);
  g_assert_cmpint (((RelaisRoutingRule *) rules->pdata[0])->id, ==, c);
  g_assert_cmpint (((RelaisRoutingRule *) rules->pdata[1])->id, ==, a);
  g_assert_cmpint (((RelaisRoutingRule *) rules->pdata[2])->id, ==, b);
  g_clear_pointer (&rules, g_ptr_array_unref);
  /* Past the end: last. */
  g_assert_true (relais_rule_store_move (fixture->db, c, 99, &error));
  rules = relais_rule_store_list (fixture->db, &error);
  g_assert_cmpint (((RelaisRoutingRule *) rules->pdata[2])->id, ==, c);
  g_clear_pointer (&rules, g_ptr_array_unref);

  g_assert_true (relais_rule_store_set_enabled (fixture->db, b, FALSE, &error));
  g_assert_no_error (error);
  loaded = relais_rule_store_get (fixture->db, b, &error);
  g_assert_no_error (error);
  g_assert_false (loaded->enabled);

  /* An update keeps the rotation (data only runs change). */
  exec_sql (fixture->db, "UPDATE rule SET rotation = 'v1;t=3;p1=3,3' WHERE name = 'B'");
  g_free (loaded->name);
  loaded->name = g_strdup ("B renamed");
  relais_routing_rule_add_criterion (loaded, RELAIS_RULE_FIELD_KIND, RELAIS_RULE_OPERATOR_IS_ONE_OF, "app");
  g_assert_true (relais_rule_store_update (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, relais_routing_rule_free);
  loaded = relais_rule_store_get (fixture->db, b, &error);
  g_assert_cmpstr (loaded->name, ==, "B renamed");
  g_assert_cmpuint (loaded->criteria->len, ==, 1);
  {
    g_autofree char *rotation = query_text (fixture->db, "SELECT rotation FROM rule WHERE name = 'B renamed'", 0);
    g_assert_cmpstr (rotation, ==, "v1;t=3;p1=3,3");
  }

  g_assert_true (relais_rule_store_delete (fixture->db, a, &error));
  g_assert_no_error (error);
  g_assert_null (relais_rule_store_get (fixture->db, a, &error));
  g_assert_error (error, RELAIS_RULE_STORE_ERROR, RELAIS_RULE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (relais_rule_store_move (fixture->db, a, 0, &error));
  g_assert_error (error, RELAIS_RULE_STORE_ERROR, RELAIS_RULE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Each change is in the journal. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE entity = 'rule'", 0), >=, 7);
}

static void
test_preview_apply_undo (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_preview = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(GListModel) history = NULL;
  const RelaisRoutingSummary *summary;
  RelaisRuleApplyResult result;
  gint64 journal_before, n_fr, changed_lead, rule_id;
  guint restored = 0, conflicts = 0;
  gint64 counts[2];

  /* A lead the rules never looked at has no explanation, and no error. */
  {
    gint64 lead = query_int64 (fixture->db, "SELECT min(id) FROM lead", 0);
    g_autofree char *none = relais_rule_store_dup_explanation (fixture->db, lead, &error);

    g_assert_no_error (error);
    g_assert_null (none);
  }

  rule_id = create_rule (fixture, "France", "FR", 2);
  /* An inactive partner in the pool never receives a lead. */
  {
    g_autoptr(RelaisRoutingRule) rule = relais_rule_store_get (fixture->db, rule_id, &error);
    g_autofree char *sql = g_strdup_printf ("UPDATE partner SET active = 0 WHERE id = %" G_GINT64_FORMAT, fixture->p[2]);

    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, fixture->p[2], 0);
    g_assert_true (relais_rule_store_update (fixture->db, rule, &error));
    g_assert_no_error (error);
    exec_sql (fixture->db, sql);
  }

  n_fr = query_int64 (fixture->db,
                      "SELECT count(*) FROM lead WHERE status = 'new' AND partner_id IS NULL AND rep_id IS NULL"
                      " AND queue_id IS NULL AND country = 'FR'", 0);
  /* Some were assigned once, and freed since: Undo brings that time back. */
  exec_sql (fixture->db, "UPDATE lead SET assigned_at = 4242 WHERE status = 'new' AND partner_id IS NULL AND id % 8 = 0");
  before = digest (fixture->db);
  journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);

  preview = relais_rule_store_preview (fixture->db, NULL, 0, g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);

  /* Nothing written. */
  after_preview = digest (fixture->db);
  g_assert_cmpstr (after_preview, ==, before);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);

  summary = relais_rule_preview_result_get_summary (preview);
  g_assert_cmpuint (summary->n_assigned, ==, n_fr);
  g_assert_cmpuint (summary->shares->len, ==, 2);
  {
    guint a = g_array_index (summary->shares, RelaisRoutingShare, 0).n_leads;
    guint b = g_array_index (summary->shares, RelaisRoutingShare, 1).n_leads;

    /* Round-robin: within one lead. */
    g_assert_cmpint (ABS ((int) a - (int) b), <=, 1);
  }
  g_assert_cmpuint (summary->n_unassigned, ==, summary->n_leads - n_fr);
  g_assert_cmpuint (summary->n_by_reason[RELAIS_ROUTING_REASON_NO_RULE_MATCHED], ==, summary->n_unassigned);
  g_assert_cmpstr (relais_rule_preview_result_get_rule_name (preview, rule_id), ==, "France");

  /* A lead changed after the preview is left alone. */
  changed_lead = query_int64 (fixture->db,
                              "SELECT min(id) FROM lead WHERE status = 'new' AND partner_id IS NULL AND rep_id IS NULL"
                              " AND queue_id IS NULL AND country = 'FR'", 0);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE lead SET city = 'Lyon', revision = revision + 1 WHERE id = %"
                                            G_GINT64_FORMAT, changed_lead);
    exec_sql (fixture->db, sql);
  }

  g_assert_true (relais_rule_store_apply (fixture->db, preview, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, ==, n_fr - 1);
  g_assert_cmpuint (result.n_changed, ==, 1);
  g_assert_cmpint (result.journal_id, >, 0);

  /* Exactly the preview's decisions. */
  {
    GArray *decisions = relais_rule_preview_result_get_decisions (preview);

    for (guint i = 0; i < decisions->len; i++)
      {
        const RelaisRoutingDecision *d = &g_array_index (decisions, RelaisRoutingDecision, i);
        g_autofree char *sql = g_strdup_printf ("SELECT coalesce(partner_id, 0) FROM lead WHERE id = %" G_GINT64_FORMAT,
                                                d->lead_id);
        gint64 partner = query_int64 (fixture->db, sql, 0);

        if (d->lead_id == changed_lead)
          g_assert_cmpint (partner, ==, 0);
        else if (d->outcome == RELAIS_ROUTING_OUTCOME_ASSIGNED)
          {
            g_assert_cmpint (partner, ==, d->partner_id);
            g_assert_cmpint (partner, !=, fixture->p[2]);
          }
        else
          g_assert_cmpint (partner, ==, 0);
      }
  }
  counts[0] = query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE rule_id IS NOT NULL AND status = 'partner_assigned'", 0);
  g_assert_cmpint (counts[0], ==, n_fr - 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE action = 'route'", 0), ==, 1);
  {
    g_autofree char *rotation = query_text (fixture->db, "SELECT rotation FROM rule WHERE name = 'France'", 0);
    g_assert_true (g_str_has_prefix (rotation, "v1;"));
  }

  /* The explanation, in the detail and in the history. */
  {
    gint64 lead = query_int64 (fixture->db, "SELECT min(id) FROM lead WHERE rule_id IS NOT NULL", 0);
    g_autofree char *skip_sql = NULL;

    explanation = relais_rule_store_dup_explanation (fixture->db, lead, &error);
    g_assert_no_error (error);
    g_assert_nonnull (explanation);
    g_assert_nonnull (strstr (explanation, "France"));
    history = relais_lead_changes_list_history (fixture->db, lead, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (relais_lead_history_entry_get_action (g_list_model_get_item (history, 0)), ==, "route");
    g_object_unref (g_list_model_get_item (history, 0));
    (void) skip_sql;
  }
  /* A lead no rule matched says why. */
  {
    gint64 lead = query_int64 (fixture->db,
                               "SELECT min(id) FROM lead WHERE status = 'new' AND partner_id IS NULL"
                               " AND queue_id IS NULL AND country <> 'FR'", 0);
    g_autofree char *why = relais_rule_store_dup_explanation (fixture->db, lead, &error);

    g_assert_no_error (error);
    g_assert_nonnull (why);
  }

  /* Undo: the leads and the rotation as they were. */
  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, n_fr - 1);
  g_assert_cmpuint (conflicts, ==, 0);
  after_undo = digest (fixture->db);
  g_assert_cmpstr (after_undo, ==, before);
  counts[1] = query_int64 (fixture->db, "SELECT count(*) FROM lead_routing WHERE partner_id IS NOT NULL", 0);
  g_assert_cmpint (counts[1], ==, 0);
}

/* Two managers preview from the same rotation and both apply: the rotation
 * keeps both runs' turns (counts add up), so the next run repairs fairness. */
static void
test_concurrent_runs_merge (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RelaisRulePreviewResult) one = NULL;
  g_autoptr(RelaisRulePreviewResult) two = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisRotation) rotation = NULL;
  g_autofree char *text = NULL;
  RelaisRuleApplyResult r1, r2;
  gint64 rule_id = create_rule (fixture, "Everyone", NULL, 3);
  guint half;
  guint64 total = 0;

  st = relais_db_prepare (fixture->db,
                          "SELECT id FROM lead WHERE status = 'new' AND partner_id IS NULL AND queue_id IS NULL"
                          " AND rep_id IS NULL ORDER BY id",
                          &error);
  ids = relais_statement_collect_ids (st, &error);
  g_assert_no_error (error);
  half = ids->len / 2;

  one = relais_rule_store_preview (fixture->db, (gint64 *) ids->data, half, g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  two = relais_rule_store_preview (fixture->db, &g_array_index (ids, gint64, half), ids->len - half,
                                   g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (relais_rule_store_apply (fixture->db, one, &r1, &error));
  g_assert_no_error (error);
  g_assert_true (relais_rule_store_apply (fixture->db, two, &r2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r1.n_assigned + r2.n_assigned, ==, ids->len);

  text = query_text (fixture->db, "SELECT rotation FROM rule WHERE name = 'Everyone'", 0);
  rotation = relais_rotation_parse (text, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM partner WHERE id = %" G_GINT64_FORMAT, fixture->p[i]);
      g_autofree char *uuid = query_text (fixture->db, sql, 0);

      total += relais_rotation_get_count (rotation, uuid);
    }
  /* Every lead of both runs counted once. */
  g_assert_cmpuint (total, ==, ids->len);
  (void) rule_id;
}

/* A rule that reroutes: leads not accepted in time go to the next member,
 * and the hop is in their history. */
static void
test_reroute (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRoutingRule) rule = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *why = NULL;
  RelaisRuleApplyResult result;
  gint64 rule_id = create_rule (fixture, "Reroute", "FR", 2);
  gint64 now = g_get_real_time ();
  gint64 n_due, lead;

  rule = relais_rule_store_get (fixture->db, rule_id, &error);
  rule->reroute_after_s = 3600;
  g_assert_true (relais_rule_store_update (fixture->db, rule, &error));
  g_assert_no_error (error);
  g_assert_true (relais_rule_store_route (fixture->db, NULL, 0, FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, >, 10);

  /* Nothing is due yet. */
  g_assert_true (relais_rule_store_reroute (fixture->db, now, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, ==, 0);

  /* Two hours later, half of them were accepted. */
  sql = g_strdup_printf ("UPDATE lead SET assigned_at = assigned_at - 7200000000 WHERE rule_id = %" G_GINT64_FORMAT ";"
                         "UPDATE lead SET accepted_at = %" G_GINT64_FORMAT ", status = 'actively_working'"
                         " WHERE rule_id = %" G_GINT64_FORMAT " AND id %% 2 = 0",
                         rule_id, now, rule_id);
  exec_sql (fixture->db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead WHERE rule_id = %" G_GINT64_FORMAT " AND accepted_at IS NULL", rule_id);
  n_due = query_int64 (fixture->db, sql, 0);
  g_assert_cmpint (n_due, >, 0);

  g_assert_true (relais_rule_store_reroute (fixture->db, now, TRUE, &result, &error));
  g_assert_cmpuint (result.n_assigned, ==, n_due);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal WHERE action = 'reroute'", 0), ==, 0);

  g_assert_true (relais_rule_store_reroute (fixture->db, now, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, ==, n_due);
  g_assert_cmpint (result.journal_id, >, 0);

  /* Each went to the other member. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead l JOIN lead_reassignment r ON r.lead_id = l.id"
                         " WHERE r.journal_id = %" G_GINT64_FORMAT " AND l.partner_id = r.old_partner_id",
                         result.journal_id);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT min(lead_id) FROM lead_reassignment WHERE journal_id = %" G_GINT64_FORMAT,
                         result.journal_id);
  lead = query_int64 (fixture->db, sql, 0);
  why = relais_rule_store_dup_explanation (fixture->db, lead, &error);
  g_assert_no_error (error);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "Reroute"));

  /* Both runs are in the lead's history, newest first (linked through
   * lead_routing, not journal_lead). */
  {
    g_autoptr(GListModel) history = relais_lead_changes_list_history (fixture->db, lead, &error);
    g_autoptr(RelaisLeadHistoryEntry) first = NULL;
    g_autoptr(RelaisLeadHistoryEntry) second = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (history), >=, 2);
    first = g_list_model_get_item (history, 0);
    second = g_list_model_get_item (history, 1);
    g_assert_cmpstr (relais_lead_history_entry_get_action (first), ==, "reroute");
    g_assert_cmpstr (relais_lead_history_entry_get_action (second), ==, "route");
  }
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal_lead jl JOIN journal j ON j.id = jl.journal_id"
                                             " WHERE j.action IN ('route', 'reroute')", 0), ==, 0);

  /* Right after, nothing more is due: the new holders just got them. */
  g_assert_true (relais_rule_store_reroute (fixture->db, now, FALSE, &result, &error));
  g_assert_cmpuint (result.n_assigned, ==, 0);
}

/* The explanations a run's history rows name, and their different texts. */
#define RUN_EXPLANATIONS "SELECT count(DISTINCT explanation_id) FROM lead_routing WHERE journal_id = ?"
#define RUN_TEXTS \
  "SELECT count(DISTINCT e.text) FROM lead_routing lr JOIN routing_explanation e ON e.id = lr.explanation_id" \
  " WHERE lr.journal_id = ?"

/* Explanations whose count of uses is not the number of history rows that
 * name them (one that no row names counts 0 uses). */
#define MISCOUNTED_EXPLANATIONS \
  "SELECT count(*) FROM routing_explanation e" \
  " WHERE e.uses <> (SELECT count(*) FROM lead_routing lr WHERE lr.explanation_id = e.id)"

/* A lead the rules leave unassigned run after run keeps the reason of the
 * run before the last one: undoing the last run brings it back, and the rows
 * kept stay two at most. */
static void
test_undo_keeps_older_reason (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_sql = NULL;
  g_autofree char *why = NULL;
  RelaisRuleApplyResult result;
  guint restored = 0, conflicts = 0;
  gint64 lead;
  const char *unassign_fr = "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL,"
                            " rule_id = NULL, assigned_at = NULL, accepted_at = NULL WHERE id % 4 = 0";

  create_rule (fixture, "France", "FR", 2);
  exec_sql (fixture->db,
            "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL, rule_id = NULL,"
            " assigned_at = NULL, accepted_at = NULL, country = 'DE'"
            " WHERE id = (SELECT min (id) FROM lead WHERE id % 4 = 1)");
  lead = query_int64 (fixture->db, "SELECT min (id) FROM lead WHERE id % 4 = 1", 0);
  rows_sql = g_strdup_printf ("SELECT count(*) FROM lead_routing WHERE lead_id = %" G_GINT64_FORMAT, lead);

  for (guint run = 0; run < 3; run++)
    {
      exec_sql (fixture->db, unassign_fr);
      g_assert_true (relais_rule_store_route (fixture->db, NULL, 0, FALSE, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result.journal_id, >, 0);
      g_assert_cmpint (query_int64 (fixture->db, rows_sql, 0), ==, MIN (run + 1, 2));
      /* A run keeps each of its explanations once, and none that no row
       * names (the older reasons of the lead went, and theirs with them). */
      g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing WHERE journal_id = ?", result.journal_id),
                       >, query_int64 (fixture->db, RUN_EXPLANATIONS, result.journal_id));
      g_assert_cmpint (query_int64 (fixture->db, RUN_EXPLANATIONS, result.journal_id), >, 1);
      g_assert_cmpint (query_int64 (fixture->db, RUN_TEXTS, result.journal_id), ==,
                       query_int64 (fixture->db, RUN_EXPLANATIONS, result.journal_id));
      g_assert_cmpint (query_int64 (fixture->db, MISCOUNTED_EXPLANATIONS, 0), ==, 0);
    }

  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, rows_sql, 0), ==, 1);
  g_assert_cmpint (query_int64 (fixture->db, MISCOUNTED_EXPLANATIONS, 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM routing_explanation", 0), ==,
                   query_int64 (fixture->db, "SELECT count(DISTINCT explanation_id) FROM lead_routing", 0));

  /* A lead deleted takes its history with it, and the explanations only it named. */
  exec_sql (fixture->db, "DELETE FROM lead WHERE id IN (SELECT lead_id FROM lead_routing WHERE partner_id IS NOT NULL LIMIT 3)");
  g_assert_cmpint (query_int64 (fixture->db, MISCOUNTED_EXPLANATIONS, 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM routing_explanation", 0), ==,
                   query_int64 (fixture->db, "SELECT count(DISTINCT explanation_id) FROM lead_routing", 0));
  why = relais_rule_store_dup_explanation (fixture->db, lead, &error);
  g_assert_no_error (error);
  g_assert_nonnull (why);
}

/* Undo of a run puts a plain lead back from its history row of the run, and
 * any other from lead_reassignment; a lead changed since stays as it is,
 * with its history, whichever way it was kept. */
static void
test_undo_plain_leads (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  RelaisRuleApplyResult result;
  guint restored = 0, conflicts = 0;
  gint64 n_once, n_plain, plain, once;

  create_rule (fixture, "France", "FR", 2);
  /* Some were assigned once, and freed since: not plain enough. */
  exec_sql (fixture->db, "UPDATE lead SET assigned_at = 4242 WHERE status = 'new' AND partner_id IS NULL"
                         " AND country = 'FR' AND id % 8 = 0");
  n_once = query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE status = 'new' AND partner_id IS NULL"
                                     " AND country = 'FR' AND assigned_at = 4242", 0);
  g_assert_cmpint (n_once, >, 10);
  exec_sql (fixture->db, "CREATE TEMP TABLE was AS SELECT * FROM lead");

  g_assert_true (relais_rule_store_route (fixture->db, NULL, 0, FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, >, n_once + 10);
  n_plain = result.n_assigned - n_once;

  /* One row each way; the history row of a plain lead has its revision. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_reassignment WHERE journal_id = ?",
                                result.journal_id), ==, n_once);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing h JOIN lead l ON l.id = h.lead_id"
                                " WHERE h.journal_id = ? AND h.revision = l.revision AND l.assigned_at <> 4242",
                                result.journal_id), ==, n_plain);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing h JOIN lead_reassignment r"
                                " ON r.journal_id = h.journal_id AND r.lead_id = h.lead_id"
                                " WHERE h.journal_id = ? AND h.revision IS NOT NULL", result.journal_id), ==, 0);

  /* One lead of each kind changed since. */
  plain = query_int64 (fixture->db, "SELECT min(lead_id) FROM lead_routing WHERE journal_id = ? AND revision IS NOT NULL",
                       result.journal_id);
  once = query_int64 (fixture->db, "SELECT min(lead_id) FROM lead_reassignment WHERE journal_id = ?", result.journal_id);
  sql = g_strdup_printf ("UPDATE lead SET city = 'Lyon', revision = revision + 1 WHERE id IN (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ")", plain, once);
  exec_sql (fixture->db, sql);

  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, result.n_assigned - 2);
  g_assert_cmpuint (conflicts, ==, 2);

  /* Every other lead as it was before the run, plain or assigned once. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead l JOIN was w ON w.id = l.id"
                         " WHERE l.id NOT IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")"
                         " AND (l.status IS NOT w.status OR l.partner_id IS NOT w.partner_id OR l.rep_id IS NOT w.rep_id"
                         "      OR l.queue_id IS NOT w.queue_id OR l.rule_id IS NOT w.rule_id"
                         "      OR l.assigned_at IS NOT w.assigned_at OR l.accepted_at IS NOT w.accepted_at"
                         "      OR l.assignment_reason IS NOT w.assignment_reason)", plain, once);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, 0);
  /* The two changed since keep their partner and their history of the run. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")"
                         " AND status = 'partner_assigned' AND partner_id IS NOT NULL", plain, once);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, 2);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing WHERE journal_id = ?", result.journal_id),
                   ==, 2);
  g_assert_cmpint (query_int64 (fixture->db, MISCOUNTED_EXPLANATIONS, 0), ==, 0);
  exec_sql (fixture->db, "DROP TABLE temp.was");
}

/* A failure inside Apply changes nothing: not the leads, not the rotation,
 * not the journal. */
static void
test_apply_all_or_nothing (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 journal_before;
  RelaisRuleApplyResult result = { 0 };

  create_rule (fixture, "France", "FR", 2);
  preview = relais_rule_store_preview (fixture->db, NULL, 0, g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  before = digest (fixture->db);
  journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);

  exec_sql (fixture->db,
            "CREATE TRIGGER fail_routing BEFORE INSERT ON lead_routing"
            " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;");
  g_assert_false (relais_rule_store_apply (fixture->db, preview, &result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (result.journal_id, ==, 0);
  after = digest (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
}

/* A partner and the rule deleted between the preview and Apply: the leads
 * meant for that partner stay where they are, the others are written
 * without the rule, and no reference is left dangling (checked by the
 * fixture's tear-down). */
static void
test_apply_targets_gone (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autofree char *sql = NULL;
  RelaisRuleApplyResult result = { 0 };
  GArray *decisions;
  gint64 rule_id, old_rule_id;
  guint to_gone = 0, to_kept = 0, restored = 0, conflicts = 0;

  rule_id = create_rule (fixture, "France", "FR", 2);
  /* The leads were once routed by a rule deleted after the preview: Undo
   * cannot give them that rule back. */
  old_rule_id = create_rule (fixture, "Old", "XX", 1);
  sql = g_strdup_printf ("UPDATE lead SET rule_id = %" G_GINT64_FORMAT ", assigned_at = 4242"
                         " WHERE status = 'new' AND partner_id IS NULL AND country = 'FR'", old_rule_id);
  exec_sql (fixture->db, sql);
  g_clear_pointer (&sql, g_free);
  preview = relais_rule_store_preview (fixture->db, NULL, 0, g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  decisions = relais_rule_preview_result_get_decisions (preview);
  for (guint i = 0; i < decisions->len; i++)
    {
      const RelaisRoutingDecision *d = &g_array_index (decisions, RelaisRoutingDecision, i);

      if (d->outcome != RELAIS_ROUTING_OUTCOME_ASSIGNED)
        continue;
      if (d->partner_id == fixture->p[0])
        to_gone++;
      else
        to_kept++;
    }
  g_assert_cmpuint (to_gone, >, 0);
  g_assert_cmpuint (to_kept, >, 0);

  sql = g_strdup_printf ("DELETE FROM rule WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
                         "DELETE FROM partner WHERE id = %" G_GINT64_FORMAT,
                         rule_id, old_rule_id, fixture->p[0]);
  exec_sql (fixture->db, sql);

  g_assert_true (relais_rule_store_apply (fixture->db, preview, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_changed, ==, to_gone);
  g_assert_cmpuint (result.n_assigned, ==, to_kept);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE partner_id = ?", fixture->p[1]),
                   >=, to_kept);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE rule_id IS NOT NULL", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing WHERE rule_id IS NOT NULL", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead_routing WHERE partner_id = ?", fixture->p[1]),
                   ==, to_kept);

  /* Undo: the leads as they were, without the deleted rule. */
  g_assert_true (relais_lead_assign_undo (fixture->db, result.journal_id, &restored, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, to_kept);
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE partner_id = ? AND status = 'new'",
                                fixture->p[1]), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM lead WHERE assigned_at = 4242 AND rule_id IS NULL"
                                " AND status = 'new' AND partner_id IS NULL", 0), >=, to_gone + to_kept);
}

/* Automatic mode: only the leads that just arrived are routed; other
 * unassigned leads wait for the user. */
static void
test_route_arrivals (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  RelaisRuleApplyResult result;
  gint64 journal_id, n_waiting;
  const char *unassigned_fr = "status = 'new' AND partner_id IS NULL AND rep_id IS NULL"
                              " AND queue_id IS NULL AND country = 'FR'";
  g_autofree char *sql = NULL;

  create_rule (fixture, "France", "FR", 2);
  sql = g_strdup_printf ("SELECT count(*) FROM lead WHERE %s", unassigned_fr);
  n_waiting = query_int64 (fixture->db, sql, 0);

  journal_id = relais_journal_append (fixture->db, "import", "lead", NULL, "{}", &error);
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO journal_lead (journal_id, lead_id)"
                         " SELECT %" G_GINT64_FORMAT ", id FROM lead WHERE %s ORDER BY id LIMIT 5",
                         journal_id, unassigned_fr);
  exec_sql (fixture->db, sql);

  g_assert_true (relais_rule_store_route_arrivals (fixture->db, journal_id, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_assigned, ==, 5);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead WHERE %s", unassigned_fr);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, n_waiting - 5);
}

/* The position of each of @ids among the decisions of @preview, in
 * routing order; -1 for one not routed. */
static void
routing_positions (RelaisRulePreviewResult *preview,
                   const gint64            *ids,
                   guint                    n_ids,
                   gint                    *positions)
{
  GArray *decisions = relais_rule_preview_result_get_decisions (preview);

  for (guint i = 0; i < n_ids; i++)
    {
      positions[i] = -1;
      for (guint d = 0; d < decisions->len; d++)
        if (g_array_index (decisions, RelaisRoutingDecision, d).lead_id == ids[i])
          positions[i] = (gint) d;
    }
}

/* Leads are routed in the order they arrived (created_at, then id), however
 * they are given: by id in any order, as a selection, or found by the run.
 * Here the leads with the higher ids arrived first. */
static void
test_arrival_order (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  gint64 ids[6], given[6];
  gint positions[6];
  guint n = 0;

  create_rule (fixture, "France", "FR", 2);
  st = relais_db_prepare (fixture->db,
                          "SELECT id FROM lead WHERE status = 'new' AND partner_id IS NULL AND rep_id IS NULL"
                          " AND queue_id IS NULL AND country = 'FR' ORDER BY id LIMIT 6",
                          &error);
  g_assert_no_error (error);
  while (n < G_N_ELEMENTS (ids) && relais_statement_next (st, &error))
    ids[n++] = relais_statement_get_int64 (st, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids));
  g_clear_object (&st);

  /* ids[5] arrived first, ids[0] last; ids[1] and ids[2] at the same time
   * (then the smaller id first). */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE lead SET created_at = %d WHERE id = %" G_GINT64_FORMAT,
                                              i == 1 ? 1000 - 2 : 1000 - (gint) i, ids[i]);
      exec_sql (fixture->db, sql);
    }
  /* Given in neither order. */
  given[0] = ids[2]; given[1] = ids[4]; given[2] = ids[0]; given[3] = ids[5]; given[4] = ids[1]; given[5] = ids[3];

  for (guint way = 0; way < 3; way++)
    {
      g_autoptr(RelaisRulePreviewResult) preview = NULL;

      if (way == 0)
        preview = relais_rule_store_preview (fixture->db, given, n, g_get_real_time (), NULL, &error);
      else if (way == 1)
        preview = relais_rule_store_preview_selection (fixture->db, given, n, g_get_real_time (), NULL, &error);
      else
        preview = relais_rule_store_preview (fixture->db, NULL, 0, g_get_real_time (), NULL, &error);
      g_assert_no_error (error);
      routing_positions (preview, ids, n, positions);
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (positions[i], >=, 0);
      g_assert_cmpint (positions[5], <, positions[4]);
      g_assert_cmpint (positions[4], <, positions[3]);
      g_assert_cmpint (positions[3], <, positions[1]);
      g_assert_cmpint (positions[1], <, positions[2]);
      g_assert_cmpint (positions[2], <, positions[0]);
    }
}

/* A selection of the list: assigned leads are routed too, locked ones are
 * not, and a lead the rules give to its holder stays as it is. */
static void
test_preview_selection (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autofree char *sql = NULL;
  gint64 ids[4];
  RelaisRuleApplyResult result;
  const RelaisRoutingSummary *summary;

  create_rule (fixture, "Everyone", NULL, 1);
  /* Held by another partner; held by the rule's partner already; worked with
   * the customer; unassigned. */
  sql = g_strdup_printf ("SELECT min(id) FROM lead WHERE status = 'partner_assigned' AND partner_id <> %" G_GINT64_FORMAT,
                         fixture->p[0]);
  ids[0] = query_int64 (fixture->db, sql, 0);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE lead SET partner_id = %" G_GINT64_FORMAT ", status = 'partner_assigned',"
                         " queue_id = NULL, rep_id = NULL WHERE id = (SELECT max(id) FROM lead WHERE status = 'partner_assigned')",
                         fixture->p[0]);
  exec_sql (fixture->db, sql);
  ids[1] = query_int64 (fixture->db, "SELECT max(id) FROM lead WHERE status = 'partner_assigned'", 0);
  ids[2] = query_int64 (fixture->db, "SELECT min(id) FROM lead WHERE status = 'contacted'", 0);
  ids[3] = query_int64 (fixture->db, "SELECT min(id) FROM lead WHERE status = 'new' AND partner_id IS NULL"
                                     " AND queue_id IS NULL AND rep_id IS NULL", 0);
  g_assert_cmpint (ids[0] * ids[1] * ids[2] * ids[3], !=, 0);

  preview = relais_rule_store_preview_selection (fixture->db, ids, G_N_ELEMENTS (ids), g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  summary = relais_rule_preview_result_get_summary (preview);
  /* The locked lead is left out. */
  g_assert_cmpuint (summary->n_leads, ==, 3);
  g_assert_cmpuint (summary->n_assigned, ==, 3);

  g_assert_true (relais_rule_store_apply (fixture->db, preview, &result, &error));
  g_assert_no_error (error);
  /* The lead held by the rule's partner already did not move. */
  g_assert_cmpuint (result.n_assigned, ==, 2);
  g_free (sql);
  /* What the held lead was is kept for Undo; the plain one's history row
   * says it all. */
  sql = g_strdup_printf ("SELECT group_concat (lead_id) FROM lead_reassignment WHERE journal_id = %" G_GINT64_FORMAT,
                         result.journal_id);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, ids[0]);
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (lead_id) FROM lead_routing WHERE journal_id = %" G_GINT64_FORMAT
                         " AND revision IS NOT NULL", result.journal_id);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, ids[3]);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lead WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                         G_GINT64_FORMAT ") AND partner_id = %" G_GINT64_FORMAT,
                         ids[0], ids[1], ids[3], fixture->p[0]);
  g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, 3);
}

/* Several rules at once: all written, in order, or none (a member that is
 * not in the store fails the second, and the first goes with it). */
static void
test_create_all (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_rule_free);
  RelaisRoutingRule *first = relais_routing_rule_new (0, "First");
  RelaisRoutingRule *second = relais_routing_rule_new (0, "Second");
  g_autofree char *before = digest (fixture->db);
  gint64 journal_before = query_int64 (fixture->db, "SELECT count(*) FROM journal", 0);
  g_autofree char *after = NULL;

  relais_routing_rule_add_member (first, RELAIS_ROUTING_TARGET_PARTNER, fixture->p[0], 0);
  relais_routing_rule_add_member (second, RELAIS_ROUTING_TARGET_PARTNER, 999999, 0);
  g_ptr_array_add (rules, first);
  g_ptr_array_add (rules, second);

  g_assert_false (relais_rule_store_create_all (fixture->db, rules, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  after = digest (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM rule", 0), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before);
  g_assert_cmpint (first->id, ==, 0);
  g_assert_cmpint (second->id, ==, 0);

  g_array_index (second->members, RelaisRoutingMemberRef, 0).id = fixture->p[1];
  g_assert_true (relais_rule_store_create_all (fixture->db, rules, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->id, >, 0);
  g_assert_cmpint (second->position, ==, first->position + 1);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM rule", 0), ==, 2);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM journal", 0), ==, journal_before + 2);
}

/* The demo's example rules, on the demo the app loads: one of each strategy,
 * each on available partners of its countries only, one disabled; a preview
 * gives leads through several of them; never twice into the same store. */
static void
test_demo_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autoptr(GHashTable) fired = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean strategies[RELAIS_RULE_N_STRATEGIES] = { FALSE, };
  guint n_disabled = 0;
  GArray *decisions;
  char *dir = NULL, *path = NULL;
  RelaisDb *db = test_store_new ("relais-test-demo-rules", &dir, &path);

  g_assert_true (relais_demo_load (db, 2000, 40, 20261128, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (relais_demo_add_rules (db, &error));
  g_assert_no_error (error);

  rules = relais_rule_store_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 5);
  for (guint i = 0; i < rules->len; i++)
    {
      RelaisRoutingRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *sql = NULL;

      g_assert_true (relais_routing_rule_validate (rule, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rule->members->len, >, 0);
      g_assert_cmpuint (rule->fallback_queue_id, >, 0);
      strategies[rule->strategy] = TRUE;
      n_disabled += !rule->enabled;
      /* Every member is an available partner of the rule's countries. */
      sql = g_strdup_printf ("SELECT count(*) FROM rule_member m JOIN partner p ON p.id = m.partner_id"
                             " JOIN rule_criterion c ON c.rule_id = m.rule_id AND c.field = 'country'"
                             " WHERE m.rule_id = %" G_GINT64_FORMAT " AND p.active = 1"
                             " AND p.out_of_office_until IS NULL AND instr (',' || c.value || ',', ',' || p.country || ',') > 0",
                             rule->id);
      g_assert_cmpint (query_int64 (db, sql, 0), ==, rule->members->len);
    }
  for (guint i = 0; i < RELAIS_RULE_N_STRATEGIES; i++)
    g_assert_true (strategies[i]);
  g_assert_cmpuint (n_disabled, ==, 1);

  preview = relais_rule_store_preview (db, NULL, 0, g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  decisions = relais_rule_preview_result_get_decisions (preview);
  for (guint i = 0; i < decisions->len; i++)
    {
      RelaisRoutingDecision *decision = &g_array_index (decisions, RelaisRoutingDecision, i);

      if (decision->outcome == RELAIS_ROUTING_OUTCOME_ASSIGNED)
        g_hash_table_add (fired, &decision->rule_id);
    }
  g_assert_cmpuint (g_hash_table_size (fired), >=, 3);

  g_assert_false (relais_demo_add_rules (db, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM rule", 0), ==, 5);

  test_store_remove (&db, &dir, &path);
}

/* The decisions of @preview, one line each: lead, outcome, partner, rule;
 * with @checksum, the SHA-1 of them. */
static char *
decisions_text (RelaisRulePreviewResult *preview,
                gboolean                 checksum)
{
  GArray *decisions = relais_rule_preview_result_get_decisions (preview);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < decisions->len; i++)
    {
      const RelaisRoutingDecision *d = &g_array_index (decisions, RelaisRoutingDecision, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              d->lead_id, (int) d->outcome, d->partner_id, d->rule_id);
    }
  if (checksum)
    return g_compute_checksum_for_string (G_CHECKSUM_SHA1, text->str, (gssize) text->len);
  return g_strdup (text->str);
}

/* Many leads are read half on a second connection: the run is the same as
 * when one connection reads them all, for a preview, a selection and a run
 * written at once. */
static void
test_parallel_read (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisRulePreviewResult) preview = NULL;
  g_autofree char *decided = NULL;
  g_auto(GStrv) lines = NULL;
  RelaisRuleApplyResult result;
  gint64 now = g_get_real_time ();
  gsize usual_min;

  create_rule (fixture, "France", "FR", 3);
  create_rule (fixture, "Everyone", NULL, 2);
  /* Every lead, by id, not as they arrived: the halves are put back in
   * that order. */
  exec_sql (fixture->db, "UPDATE lead SET created_at = 1000000 - id * 7 % 1000 WHERE status = 'new'");
  st = relais_db_prepare (fixture->db, "SELECT id FROM lead ORDER BY id", &error);
  ids = relais_statement_collect_ids (st, &error);
  g_assert_no_error (error);
  g_clear_object (&st);

  /* First on one connection, then on two: a preview of the unassigned
   * leads, then of a selection (every lead that may move). */
  usual_min = relais_rule_store_set_parallel_read_min (G_MAXSIZE);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RelaisRulePreviewResult) unassigned = NULL;
      g_autoptr(RelaisRulePreviewResult) selection = NULL;

      relais_rule_store_set_parallel_read_min (i == 0 ? G_MAXSIZE : 2);
      unassigned = relais_rule_store_preview (fixture->db, (gint64 *) ids->data, ids->len, now, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (runs, decisions_text (unassigned, TRUE));
      selection = relais_rule_store_preview_selection (fixture->db, (gint64 *) ids->data, ids->len, now, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (runs, decisions_text (selection, TRUE));
    }
  g_assert_cmpstr (runs->pdata[2], ==, runs->pdata[0]);
  g_assert_cmpstr (runs->pdata[3], ==, runs->pdata[1]);
  g_assert_cmpstr (runs->pdata[1], !=, runs->pdata[0]);

  /* Written at once, inside the run's own transaction: what the preview
   * said. */
  preview = relais_rule_store_preview (fixture->db, (gint64 *) ids->data, ids->len, now, NULL, &error);
  g_assert_no_error (error);
  decided = decisions_text (preview, FALSE);
  g_assert_true (relais_rule_store_route (fixture->db, (gint64 *) ids->data, ids->len, FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  relais_rule_store_set_parallel_read_min (usual_min);
  g_assert_cmpuint (relais_rule_preview_result_get_summary (preview)->n_assigned, >, 100);
  g_assert_cmpuint (result.n_assigned, ==, relais_rule_preview_result_get_summary (preview)->n_assigned);
  lines = g_strsplit (decided, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      gint64 lead, partner, rule;
      int outcome;
      g_autofree char *sql = NULL;

      g_assert_cmpint (sscanf (lines[i], "%" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                               &lead, &outcome, &partner, &rule), ==, 4);
      sql = g_strdup_printf ("SELECT coalesce (partner_id, 0) FROM lead WHERE id = %" G_GINT64_FORMAT, lead);
      g_assert_cmpint (query_int64 (fixture->db, sql, 0), ==, partner);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rule-store/crud", test_rules_crud);
  ADD ("/rule-store/preview-apply-undo", test_preview_apply_undo);
  ADD ("/rule-store/concurrent-runs-merge", test_concurrent_runs_merge);
  ADD ("/rule-store/undo-keeps-older-reason", test_undo_keeps_older_reason);
  ADD ("/rule-store/undo-plain-leads", test_undo_plain_leads);
  ADD ("/rule-store/reroute", test_reroute);
  ADD ("/rule-store/apply-all-or-nothing", test_apply_all_or_nothing);
  ADD ("/rule-store/apply-targets-gone", test_apply_targets_gone);
  ADD ("/rule-store/route-arrivals", test_route_arrivals);
  ADD ("/rule-store/preview-selection", test_preview_selection);
  ADD ("/rule-store/arrival-order", test_arrival_order);
  ADD ("/rule-store/create-all", test_create_all);
  ADD ("/rule-store/parallel-read", test_parallel_read);
#undef ADD
  g_test_add_func ("/rule-store/demo-rules", test_demo_rules);

  return g_test_run ();
}
