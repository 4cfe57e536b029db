/* relais-rule-store.c — the assignment rules in the store, and the routing
 * runs that feed them to the engine.
 *
 * A run reads the partners (with their open leads), the reps of the pools
 * that need them, the queues and the rules into a RelaisRouting, hands it the
 * leads, and keeps the decisions. Writing them is set-based, like a drop
 * (relais-lead-assign.c): the decisions are bound to a few statements as
 * rows of numbers (relais_rows), which keep each lead's previous state for
 * relais_lead_assign_undo() (in lead_reassignment, like a drop; for a plain
 * lead, what nearly every lead of a run is, its history row says it all),
 * move the leads, add their routing history and link them to the run's
 * journal entry. The history rows name the run's explanations, each
 * different text written once (routing_explanation).
 *
 * Rotations: a run starts from each rule's stored rotation and ends with a
 * new one. If the stored rotation changed meanwhile (another run, a sync),
 * the two are merged with relais_rotation_merge() from the rotation the run
 * started from, so that neither side's turns are lost (see relais-routing.h,
 * "Concurrency").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-rule-store.h"
#include "relais-rule-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "relais-enums.h"
#include "relais-journal.h"
#include "relais-partner-store.h"
#include "relais-statement.h"
#include "relais-util.h"

G_DEFINE_QUARK (relais-rule-store-error-quark, relais_rule_store_error)

/* The leads the rules route: new, held by nobody, waiting in no queue. */
#define UNASSIGNED_LEAD \
  "l.status = 'new' AND l.partner_id IS NULL AND l.rep_id IS NULL AND l.queue_id IS NULL"

/* How often a long run looks at its GCancellable. */
#define CANCEL_CHECK_EVERY 4096

static gboolean
set_not_found (GError **error)
{
  g_set_error_literal (error, RELAIS_RULE_STORE_ERROR, RELAIS_RULE_STORE_ERROR_NOT_FOUND,
                       _("This rule no longer exists."));
  return FALSE;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ------------------------------------------------------------------------ */
/* Reading rules                                                             */

static int
code_value (const RelaisEnumInfo *info,
            const char           *code,
            int                   fallback)
{
  int value = fallback;

  if (!relais_enum_from_code (info, code, &value))
    return fallback;
  return value;
}

#define RULE_COLUMNS \
  "id, position, enabled, name, pool_kind, pool_partner_id, pool_queue_id, strategy," \
  " respect_capacity, skip_inactive, skip_out_of_office, match_territory, fallback_queue_id," \
  " reroute_after_s, rotation"

static RelaisRoutingRule *
rule_from_row (RelaisStatement *st)
{
  RelaisRoutingRule *rule = relais_routing_rule_new (relais_statement_get_int64 (st, 0),
                                                     relais_statement_get_text (st, 3));
  int i = 1;

  rule->position = relais_statement_get_int64 (st, i++);
  rule->enabled = relais_statement_get_int64 (st, i++) != 0;
  i++;   /* name */
  rule->pool_kind = code_value (&relais_rule_pool_kind_info, relais_statement_get_text (st, i++),
                                RELAIS_RULE_POOL_PARTNERS);
  rule->pool_partner_id = relais_statement_get_int64 (st, i++);
  rule->pool_queue_id = relais_statement_get_int64 (st, i++);
  rule->strategy = code_value (&relais_rule_strategy_info, relais_statement_get_text (st, i++),
                               RELAIS_RULE_STRATEGY_ROUND_ROBIN);
  rule->respect_capacity = relais_statement_get_int64 (st, i++) != 0;
  rule->skip_inactive = relais_statement_get_int64 (st, i++) != 0;
  rule->skip_out_of_office = relais_statement_get_int64 (st, i++) != 0;
  rule->match_territory = relais_statement_get_int64 (st, i++) != 0;
  rule->fallback_queue_id = relais_statement_get_int64 (st, i++);
  rule->reroute_after_s = relais_statement_get_int64 (st, i++);
  /* A rotation we cannot read (a newer format from sync) starts afresh
   * rather than stopping every run. */
  if (!relais_routing_rule_set_rotation_text (rule, relais_statement_get_text (st, i++), NULL))
    g_debug ("rule %" G_GINT64_FORMAT ": unreadable rotation, starting afresh", rule->id);
  return rule;
}

/* Fills the criteria and the explicit members of @rules (by id in @by_id). */
static gboolean
load_criteria_and_members (RelaisDb    *db,
                           GHashTable  *by_id,
                           gint64       only_rule_id,
                           GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  st = relais_db_prepare (db,
                          "SELECT rule_id, field, operator, value FROM rule_criterion"
                          " WHERE ?1 = 0 OR rule_id = ?1 ORDER BY rule_id, position, id",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, only_rule_id);
  while (relais_statement_next (st, &local_error))
    {
      gint64 rule_id = relais_statement_get_int64 (st, 0);
      RelaisRoutingRule *rule = g_hash_table_lookup (by_id, &rule_id);
      int field, op;

      if (rule == NULL ||
          !relais_enum_from_code (&relais_rule_field_info, relais_statement_get_text (st, 1), &field) ||
          !relais_enum_from_code (&relais_rule_operator_info, relais_statement_get_text (st, 2), &op))
        continue;   /* a field of a newer version: not ours to judge */
      relais_routing_rule_add_criterion (rule, field, op, relais_statement_get_text (st, 3));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_object (&st);

  st = relais_db_prepare (db,
                          "SELECT rule_id, partner_id, contact_id, coalesce(share, 0) FROM rule_member"
                          " WHERE ?1 = 0 OR rule_id = ?1 ORDER BY rule_id, rowid",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, only_rule_id);
  while (relais_statement_next (st, &local_error))
    {
      gint64 rule_id = relais_statement_get_int64 (st, 0);
      RelaisRoutingRule *rule = g_hash_table_lookup (by_id, &rule_id);
      guint share = (guint) CLAMP (relais_statement_get_int64 (st, 3), 0, G_MAXUINT);

      if (rule == NULL)
        continue;
      if (!relais_statement_is_null (st, 1))
        relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, relais_statement_get_int64 (st, 1), share);
      else
        relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_REP, relais_statement_get_int64 (st, 2), share);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list_rules (RelaisDb  *db,
            gint64     only_rule_id,
            GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_rule_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GError *local_error = NULL;

  st = relais_db_prepare (db,
                          "SELECT " RULE_COLUMNS " FROM rule WHERE ?1 = 0 OR id = ?1 ORDER BY position, id",
                          error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, only_rule_id);
  while (relais_statement_next (st, &local_error))
    {
      RelaisRoutingRule *rule = rule_from_row (st);

      g_ptr_array_add (rules, rule);
      g_hash_table_insert (by_id, &rule->id, rule);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_clear_object (&st);

  if (!load_criteria_and_members (db, by_id, only_rule_id, error))
    return NULL;
  return g_steal_pointer (&rules);
}

GPtrArray *
relais_rule_store_list (RelaisDb  *db,
                        GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  return list_rules (db, 0, error);
}

RelaisRoutingRule *
relais_rule_store_get (RelaisDb  *db,
                       gint64     id,
                       GError   **error)
{
  g_autoptr(GPtrArray) rules = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  if (id <= 0)
    {
      set_not_found (error);
      return NULL;
    }
  rules = list_rules (db, id, error);
  if (rules == NULL)
    return NULL;
  if (rules->len == 0)
    {
      set_not_found (error);
      return NULL;
    }
  return g_ptr_array_steal_index (rules, 0);
}

/* ------------------------------------------------------------------------ */
/* Writing rules                                                             */

static gboolean
write_criteria_and_members (RelaisDb                *db,
                            const RelaisRoutingRule *rule,
                            GError                 **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  st = relais_db_prepare (db, "DELETE FROM rule_criterion WHERE rule_id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, rule->id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  st = relais_db_prepare (db, "DELETE FROM rule_member WHERE rule_id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, rule->id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  st = relais_db_prepare (db,
                          "INSERT INTO rule_criterion (rule_id, position, field, operator, value)"
                          " VALUES (?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < rule->criteria->len; i++)
    {
      const RelaisRoutingCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      g_autofree char *values = relais_routing_criterion_dup_values_text (criterion);

      relais_statement_bind_int64 (st, 1, rule->id);
      relais_statement_bind_int64 (st, 2, i);
      relais_statement_bind_text (st, 3, relais_enum_code (&relais_rule_field_info, criterion->field));
      relais_statement_bind_text (st, 4, relais_enum_code (&relais_rule_operator_info, criterion->op));
      relais_statement_bind_text (st, 5, values);
      if (!relais_statement_execute (st, error))
        return FALSE;
    }
  g_clear_object (&st);

  st = relais_db_prepare (db,
                          "INSERT INTO rule_member (rule_id, partner_id, contact_id, share) VALUES (?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < rule->members->len; i++)
    {
      const RelaisRoutingMemberRef *ref = &g_array_index (rule->members, RelaisRoutingMemberRef, i);

      relais_statement_bind_int64 (st, 1, rule->id);
      relais_statement_bind_id (st, 2, ref->kind == RELAIS_ROUTING_TARGET_PARTNER ? ref->id : 0);
      relais_statement_bind_id (st, 3, ref->kind == RELAIS_ROUTING_TARGET_REP ? ref->id : 0);
      relais_statement_bind_id (st, 4, ref->share);
      if (!relais_statement_execute (st, error))
        return FALSE;
    }
  return TRUE;
}

/* Binds the fields of @rule that the editor sets, from parameter @first on:
 * name, pool_kind, pool_partner_id, pool_queue_id, strategy, respect_capacity,
 * skip_inactive, skip_out_of_office, match_territory, fallback_queue_id,
 * reroute_after_s, enabled (12 parameters). */
static void
bind_rule_fields (RelaisStatement         *st,
                  int                      first,
                  const RelaisRoutingRule *rule)
{
  int i = first;
  g_autofree char *name = g_strstrip (g_strdup (rule->name ? rule->name : ""));

  relais_statement_bind_text (st, i++, name);
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_rule_pool_kind_info, rule->pool_kind));
  relais_statement_bind_id (st, i++, rule->pool_kind == RELAIS_RULE_POOL_REPS ? rule->pool_partner_id : 0);
  relais_statement_bind_id (st, i++, rule->pool_kind == RELAIS_RULE_POOL_QUEUE ? rule->pool_queue_id : 0);
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_rule_strategy_info, rule->strategy));
  relais_statement_bind_int64 (st, i++, rule->respect_capacity ? 1 : 0);
  relais_statement_bind_int64 (st, i++, rule->skip_inactive ? 1 : 0);
  relais_statement_bind_int64 (st, i++, rule->skip_out_of_office ? 1 : 0);
  relais_statement_bind_int64 (st, i++, rule->match_territory ? 1 : 0);
  relais_statement_bind_id (st, i++, rule->fallback_queue_id);
  relais_statement_bind_id (st, i++, rule->reroute_after_s);
  relais_statement_bind_int64 (st, i++, rule->enabled ? 1 : 0);
}

static gboolean
append_rule_journal (RelaisDb    *db,
                     const char  *action,
                     gint64       rule_id,
                     GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *changes = NULL;
  GError *local_error = NULL;

  st = relais_db_prepare (db, "SELECT uuid, name, position, enabled FROM rule WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, rule_id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return set_not_found (error);
    }
  uuid = g_strdup (relais_statement_get_text (st, 0));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, relais_statement_get_text (st, 1));
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, relais_statement_get_int64 (st, 2));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, relais_statement_get_int64 (st, 3) != 0);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  changes = json_to_string (root, FALSE);
  g_clear_object (&st);

  return relais_journal_append (db, action, "rule", uuid, changes, error) != 0;
}

static gboolean
create_in_transaction (RelaisDb           *db,
                       RelaisRoutingRule  *rule,
                       GError            **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *uuid = relais_uuid_new ();
  gint64 now = g_get_real_time ();
  gint64 position = 0;
  GError *local_error = NULL;

  st = relais_db_prepare (db, "SELECT coalesce(max(position) + 1, 0) FROM rule", error);
  if (st == NULL)
    return FALSE;
  if (!relais_statement_next (st, &local_error))
    {
      g_propagate_error (error, local_error);
      return local_error == NULL;
    }
  position = relais_statement_get_int64 (st, 0);
  g_clear_object (&st);

  st = relais_db_prepare (db,
                          "INSERT INTO rule (name, pool_kind, pool_partner_id, pool_queue_id, strategy,"
                          " respect_capacity, skip_inactive, skip_out_of_office, match_territory,"
                          " fallback_queue_id, reroute_after_s, enabled, uuid, position, rotation,"
                          " created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;
  bind_rule_fields (st, 1, rule);
  relais_statement_bind_text (st, 13, uuid);
  relais_statement_bind_int64 (st, 14, position);
  relais_statement_bind_int64 (st, 15, now);
  relais_statement_bind_int64 (st, 16, now);
  if (!relais_statement_execute (st, error))
    return FALSE;

  rule->id = sqlite3_last_insert_rowid (relais_db_get_handle (db));
  rule->position = position;
  if (!write_criteria_and_members (db, rule, error))
    return FALSE;
  return append_rule_journal (db, "create", rule->id, error);
}

gboolean
relais_rule_store_create (RelaisDb           *db,
                          RelaisRoutingRule  *rule,
                          GError            **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  g_ptr_array_add (one, rule);
  return relais_rule_store_create_all (db, one, error);
}

gboolean
relais_rule_store_create_all (RelaisDb   *db,
                              GPtrArray  *rules,
                              GError    **error)
{
  g_autoptr(GArray) old = NULL;   /* the id and position of each, given back on failure */
  gboolean ok = TRUE;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  old = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2 * rules->len);
  for (guint i = 0; i < rules->len; i++)
    {
      RelaisRoutingRule *rule = g_ptr_array_index (rules, i);

      if (!relais_routing_rule_validate (rule, error))
        return FALSE;
      g_array_append_val (old, rule->id);
      g_array_append_val (old, rule->position);
    }

  if (!relais_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rules->len && ok; i++)
    ok = create_in_transaction (db, g_ptr_array_index (rules, i), error);
  if (!ok)
    relais_db_rollback (db);
  else
    ok = relais_db_commit (db, error);

  if (!ok)
    for (guint i = 0; i < rules->len; i++)
      {
        RelaisRoutingRule *rule = g_ptr_array_index (rules, i);

        rule->id = g_array_index (old, gint64, 2 * i);
        rule->position = g_array_index (old, gint64, 2 * i + 1);
      }
  return ok;
}

static gboolean
update_in_transaction (RelaisDb                *db,
                       const RelaisRoutingRule *rule,
                       GError                 **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  st = relais_db_prepare (db,
                          "UPDATE rule SET name = ?, pool_kind = ?, pool_partner_id = ?, pool_queue_id = ?,"
                          " strategy = ?, respect_capacity = ?, skip_inactive = ?, skip_out_of_office = ?,"
                          " match_territory = ?, fallback_queue_id = ?, reroute_after_s = ?, enabled = ?,"
                          " updated_at = ?, revision = revision + 1 WHERE id = ?",
                          error);
  if (st == NULL)
    return FALSE;
  bind_rule_fields (st, 1, rule);
  relais_statement_bind_int64 (st, 13, g_get_real_time ());
  relais_statement_bind_int64 (st, 14, rule->id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  if (sqlite3_changes (relais_db_get_handle (db)) == 0)
    return set_not_found (error);

  if (!write_criteria_and_members (db, rule, error))
    return FALSE;
  return append_rule_journal (db, "update", rule->id, error);
}

gboolean
relais_rule_store_update (RelaisDb                *db,
                          const RelaisRoutingRule *rule,
                          GError                 **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  if (!relais_routing_rule_validate (rule, error))
    return FALSE;
  RELAIS_DB_IN_TRANSACTION (db, error, update_in_transaction (db, rule, error));
  return TRUE;
}

static gboolean
move_in_transaction (RelaisDb  *db,
                     gint64     id,
                     guint      index,
                     GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old_ids = NULL;
  GError *local_error = NULL;
  guint from = G_MAXUINT;

  st = relais_db_prepare (db, "SELECT id, position FROM rule ORDER BY position, id", error);
  if (st == NULL)
    return FALSE;
  while (relais_statement_next (st, &local_error))
    {
      gint64 rule_id = relais_statement_get_int64 (st, 0);
      gint64 position = relais_statement_get_int64 (st, 1);

      if (rule_id == id)
        from = ids->len;
      g_array_append_val (ids, rule_id);
      g_array_append_val (positions, position);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_object (&st);

  if (from == G_MAXUINT)
    return set_not_found (error);

  index = MIN (index, ids->len - 1);
  if (index == from)
    return TRUE;
  old_ids = g_array_copy (ids);
  g_array_remove_index (ids, from);
  g_array_insert_val (ids, index, id);

  /* Positions become 0, 1, 2… in the new order; only rules whose position
   * changes are written. */
  st = relais_db_prepare (db,
                          "UPDATE rule SET position = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
                          error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 rule_id = g_array_index (ids, gint64, i);

      if (g_array_index (positions, gint64, i) == (gint64) i &&
          g_array_index (old_ids, gint64, i) == rule_id)
        continue;
      relais_statement_bind_int64 (st, 1, i);
      relais_statement_bind_int64 (st, 2, g_get_real_time ());
      relais_statement_bind_int64 (st, 3, rule_id);
      if (!relais_statement_execute (st, error))
        return FALSE;
    }
  return append_rule_journal (db, "move", id, error);
}

gboolean
relais_rule_store_move (RelaisDb  *db,
                        gint64     id,
                        guint      index,
                        GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, move_in_transaction (db, id, index, error));
  return TRUE;
}

static gboolean
set_enabled_in_transaction (RelaisDb  *db,
                            gint64     id,
                            gboolean   enabled,
                            GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  st = relais_db_prepare (db,
                          "UPDATE rule SET enabled = ?, updated_at = ?, revision = revision + 1"
                          " WHERE id = ? AND enabled <> ?1",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, enabled ? 1 : 0);
  relais_statement_bind_int64 (st, 2, g_get_real_time ());
  relais_statement_bind_int64 (st, 3, id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  if (sqlite3_changes (relais_db_get_handle (db)) == 0)
    {
      g_autoptr(RelaisRoutingRule) rule = relais_rule_store_get (db, id, error);

      return rule != NULL;   /* already so: nothing to record */
    }
  return append_rule_journal (db, enabled ? "enable" : "disable", id, error);
}

gboolean
relais_rule_store_set_enabled (RelaisDb  *db,
                               gint64     id,
                               gboolean   enabled,
                               GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, set_enabled_in_transaction (db, id, enabled, error));
  return TRUE;
}

static gboolean
delete_in_transaction (RelaisDb  *db,
                       gint64     id,
                       GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  /* The entry is written first, while the rule is there to describe. */
  if (!append_rule_journal (db, "delete", id, error))
    return FALSE;
  st = relais_db_prepare (db, "DELETE FROM rule WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, id);
  return relais_statement_execute (st, error);
}

gboolean
relais_rule_store_delete (RelaisDb  *db,
                          gint64     id,
                          GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, delete_in_transaction (db, id, error));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Loading an engine                                                         */

/* Every partner (the partner store's list, with its open leads) as a
 * candidate; @partners receives them by id, for their reps. */
static gboolean
add_partners (RelaisRouting  *routing,
              RelaisDb       *db,
              GHashTable     *partners,
              GError        **error)
{
  g_autoptr(GListStore) list = relais_partner_store_list (db, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      RelaisPartner *partner = g_list_model_get_item (G_LIST_MODEL (list), i);

      relais_routing_add_partner (routing, partner);
      g_hash_table_insert (partners, g_memdup2 (&(gint64) { relais_partner_get_id (partner) }, sizeof (gint64)),
                           partner);
    }
  return TRUE;
}

/* The reps of @partner_id as candidates, and, with @members_of, as the
 * members of that reps pool when it lists none of its own. */
static gboolean
add_reps (RelaisRouting      *routing,
          RelaisDb           *db,
          gint64              partner_id,
          GHashTable         *partners,
          RelaisRoutingRule  *members_of,
          GError            **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  RelaisPartner *partner = g_hash_table_lookup (partners, &partner_id);
  GError *local_error = NULL;

  st = relais_db_prepare (db,
                          "SELECT c.id, c.uuid, trim(c.first_name || ' ' || c.last_name),"
                          " (SELECT count(*) FROM lead WHERE rep_id = c.id AND status IN " RELAIS_OPEN_LEAD_STATUSES ")"
                          " FROM contact c WHERE c.partner_id = ? ORDER BY c.last_name, c.first_name, c.id",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, partner_id);
  while (relais_statement_next (st, &local_error))
    {
      RelaisRoutingCandidate candidate = { 0, };

      candidate.kind = RELAIS_ROUTING_TARGET_REP;
      candidate.id = relais_statement_get_int64 (st, 0);
      candidate.partner_id = partner_id;
      candidate.uuid = relais_statement_get_text (st, 1);
      candidate.name = relais_statement_get_text (st, 2);
      /* A rep has no capacity of its own: its partner's counts (the engine
       * adds each lead to both). It is away when its partner is. */
      candidate.tier = partner ? relais_partner_get_tier (partner) : RELAIS_PARTNER_TIER_REGISTERED;
      candidate.capacity = -1;
      candidate.open_leads = relais_statement_get_int64 (st, 3);
      candidate.active = partner ? relais_partner_get_active (partner) : TRUE;
      candidate.out_of_office_until = partner ? relais_partner_get_out_of_office_until (partner) : 0;
      candidate.territory = partner ? relais_partner_get_countries (partner) : "";
      relais_routing_add_candidate (routing, &candidate);
      if (members_of != NULL)
        relais_routing_rule_add_member (members_of, RELAIS_ROUTING_TARGET_REP, candidate.id, 0);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The partners of queue @queue_id become the members of @rule (with the
 * shares the rule gives some of them). */
static gboolean
add_queue_members (RelaisDb           *db,
                   RelaisRoutingRule  *rule,
                   GError            **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GHashTable) shares = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GError *local_error = NULL;

  for (guint i = 0; i < rule->members->len; i++)
    {
      const RelaisRoutingMemberRef *ref = &g_array_index (rule->members, RelaisRoutingMemberRef, i);

      if (ref->kind == RELAIS_ROUTING_TARGET_PARTNER)
        g_hash_table_insert (shares, g_memdup2 (&ref->id, sizeof (gint64)), GUINT_TO_POINTER (ref->share));
    }
  g_array_set_size (rule->members, 0);

  st = relais_db_prepare (db,
                          "SELECT m.partner_id FROM queue_member m JOIN partner p ON p.id = m.partner_id"
                          " WHERE m.queue_id = ? ORDER BY p.name COLLATE NOCASE, p.id",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, rule->pool_queue_id);
  while (relais_statement_next (st, &local_error))
    {
      gint64 partner_id = relais_statement_get_int64 (st, 0);

      relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, partner_id,
                                      GPOINTER_TO_UINT (g_hash_table_lookup (shares, &partner_id)));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

RelaisRouting *
relais_rule_store_load_routing (RelaisDb  *db,
                                GError   **error)
{
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  g_autoptr(GHashTable) partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) reps_loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  if (!add_partners (routing, db, partners, error))
    return NULL;

  st = relais_db_prepare (db, "SELECT id, name FROM queue", error);
  if (st == NULL)
    return NULL;
  while (relais_statement_next (st, &local_error))
    relais_routing_add_queue (routing, relais_statement_get_int64 (st, 0), relais_statement_get_text (st, 1));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_clear_object (&st);

  rules = list_rules (db, 0, error);
  if (rules == NULL)
    return NULL;

  for (guint i = 0; i < rules->len; i++)
    {
      RelaisRoutingRule *rule = g_ptr_array_index (rules, i);
      gboolean listed = FALSE;

      switch (rule->pool_kind)
        {
        case RELAIS_RULE_POOL_REPS:
          for (guint j = 0; j < rule->members->len; j++)
            if (g_array_index (rule->members, RelaisRoutingMemberRef, j).kind == RELAIS_ROUTING_TARGET_REP)
              listed = TRUE;
          if (!listed)
            g_array_set_size (rule->members, 0);
          if (rule->pool_partner_id > 0 &&
              (!listed || !g_hash_table_contains (reps_loaded, &rule->pool_partner_id)))
            {
              if (!add_reps (routing, db, rule->pool_partner_id, partners, listed ? NULL : rule, error))
                return NULL;
              g_hash_table_add (reps_loaded, g_memdup2 (&rule->pool_partner_id, sizeof (gint64)));
            }
          break;
        case RELAIS_RULE_POOL_QUEUE:
          if (rule->pool_queue_id > 0 && !add_queue_members (db, rule, error))
            return NULL;
          break;
        case RELAIS_RULE_POOL_PARTNERS:
        case RELAIS_RULE_N_POOL_KINDS:
        default:
          break;
        }
    }

  while (rules->len > 0)
    relais_routing_add_rule (routing, g_ptr_array_steal_index (rules, 0));

  return g_steal_pointer (&routing);
}

/* ------------------------------------------------------------------------ */
/* Preview                                                                   */

/* What a run knows of a lead from its read, besides the facts. */
typedef struct {
  gint64   revision;
  /* New, held by nobody, never accepted, no reason given: the common case,
   * written by narrower statements (see write_moves()), which need only
   * the two below of what it was besides. */
  gboolean plain;
  gint64   rule_id;       /* 0 for none; also what a reroute starts from */
  gint64   assigned_at;   /* 0 for never */
} LeadRead;

struct _RelaisRulePreviewResult {
  gint64                now;
  RelaisRouting        *routing;      /* the rules as they ended the run */
  GArray               *decisions;    /* RelaisRoutingDecision */
  GArray               *reads;        /* LeadRead: each decision's lead when it was read */
  GHashTable           *rotations;    /* rule id → its stored rotation text at the start */
  GHashTable           *rule_names;   /* rule id → name */
  RelaisRoutingSummary *summary;
  gboolean              held;         /* its leads may be held already (a selection, a reroute) */
};

void
relais_rule_preview_result_free (RelaisRulePreviewResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->summary, relais_routing_summary_free);
  g_clear_pointer (&result->decisions, g_array_unref);
  g_clear_pointer (&result->reads, g_array_unref);
  g_clear_pointer (&result->rotations, g_hash_table_unref);
  g_clear_pointer (&result->rule_names, g_hash_table_unref);
  g_clear_pointer (&result->routing, relais_routing_free);
  g_free (result);
}

const RelaisRoutingSummary *
relais_rule_preview_result_get_summary (RelaisRulePreviewResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->summary;
}

GArray *
relais_rule_preview_result_get_decisions (RelaisRulePreviewResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->decisions;
}

const char *
relais_rule_preview_result_get_rule_name (RelaisRulePreviewResult *result,
                                          gint64                   rule_id)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_hash_table_lookup (result->rule_names, &rule_id);
}

static RelaisRulePreviewResult *
preview_result_new (RelaisRouting *routing,
                    gint64         now)
{
  RelaisRulePreviewResult *result = g_new0 (RelaisRulePreviewResult, 1);
  GPtrArray *rules = relais_routing_get_rules (routing);

  result->now = now;
  result->routing = routing;
  result->decisions = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingDecision));
  g_array_set_clear_func (result->decisions, (GDestroyNotify) relais_routing_decision_clear);
  result->reads = g_array_new (FALSE, FALSE, sizeof (LeadRead));
  result->rotations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  result->rule_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < rules->len; i++)
    {
      const RelaisRoutingRule *rule = g_ptr_array_index (rules, i);

      g_hash_table_insert (result->rotations, g_memdup2 (&rule->id, sizeof (gint64)),
                           relais_rotation_to_string (rule->rotation));
      g_hash_table_insert (result->rule_names, g_memdup2 (&rule->id, sizeof (gint64)),
                           g_strdup (rule->name ? rule->name : ""));
    }
  return result;
}

/* The facts the rules look at, from the columns @first… of @st: country,
 * technology, category, kind, listing, budget, language. Strings go to @chunk. */
static void
facts_from_row (RelaisRoutingLead *facts,
                RelaisStatement   *st,
                int                first,
                GStringChunk      *chunk)
{
  int i = first;

  facts->country = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->technology = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->category = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->kind = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->listing = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->budget = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
  facts->language = g_string_chunk_insert_const (chunk, relais_statement_get_text (st, i++));
}

#define FACT_COLUMNS \
  "l.id, l.revision," \
  " (l.status = 'new' AND l.partner_id IS NULL AND l.rep_id IS NULL AND l.queue_id IS NULL" \
  "  AND l.accepted_at IS NULL AND l.assignment_reason = '')," \
  " coalesce (l.rule_id, 0), coalesce (l.assigned_at, 0)," \
  " l.country, l.technology, l.category, l.kind, l.listing, l.budget, l.language, l.created_at"
#define FACT_FIRST   5    /* the column of the first fact, for facts_from_row() */
#define FACT_CREATED 12   /* when the lead arrived: the order of a run */
#define FACT_END     13   /* the column after FACT_COLUMNS */

/* The columns 1 to 4 of FACT_COLUMNS. */
static LeadRead
lead_read_from_row (RelaisStatement *st)
{
  return (LeadRead) {
    .revision = relais_statement_get_int64 (st, 1),
    .plain = relais_statement_get_int64 (st, 2) != 0,
    .rule_id = relais_statement_get_int64 (st, 3),
    .assigned_at = relais_statement_get_int64 (st, 4),
  };
}

/* The statuses a lead of a selection may be routed from: those from which
 * it may still be reassigned (relais_lead_status_can_reassign()), as a JSON
 * array of codes for json_each(). */
static char *
movable_statuses_json (void)
{
  GString *json = g_string_new ("[");

  for (int status = 0; status < RELAIS_LEAD_N_STATUSES; status++)
    if (relais_lead_status_can_reassign (status))
      g_string_append_printf (json, "%s\"%s\"", json->len > 1 ? "," : "",
                              relais_enum_code (&relais_lead_status_info, status));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

typedef struct {
  const gint64            *arrivals;
  const RelaisRoutingLead *facts;
} ArrivalOrder;

static gint
compare_arrivals (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const ArrivalOrder *order = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  gint64 x = order->arrivals[i], y = order->arrivals[j];

  if (x == y)
    {
      x = order->facts[i].id;
      y = order->facts[j].id;
    }
  return x < y ? -1 : x > y;
}

/* Whether @facts arrived in their order (@arrivals, then ids): leads
 * imported or synced arrive with growing ids, and are often given so. */
static gboolean
in_arrival_order (GArray *facts,
                  GArray *arrivals)
{
  for (guint i = 1; i < facts->len; i++)
    {
      gint64 x = g_array_index (arrivals, gint64, i - 1), y = g_array_index (arrivals, gint64, i);

      if (x > y || (x == y && g_array_index (facts, RelaisRoutingLead, i - 1).id > g_array_index (facts, RelaisRoutingLead, i).id))
        return FALSE;
    }
  return TRUE;
}

/* Puts @facts and @reads (one for one) in the order of @arrivals, then of
 * the leads' ids (ORDER BY created_at, id), sorted here rather than by
 * SQLite's sorter, which copied every row it read. */
static void
sort_by_arrival (GArray *facts,
                 GArray *reads,
                 GArray *arrivals)
{
  ArrivalOrder order = { (const gint64 *) (gpointer) arrivals->data, (const RelaisRoutingLead *) (gpointer) facts->data };
  g_autofree guint *positions = NULL;
  g_autoptr(GArray) sorted_facts = NULL;
  g_autoptr(GArray) sorted_reads = NULL;

  if (in_arrival_order (facts, arrivals))
    return;

  positions = g_new (guint, facts->len);
  sorted_facts = g_array_sized_new (FALSE, TRUE, sizeof (RelaisRoutingLead), facts->len);
  sorted_reads = g_array_sized_new (FALSE, TRUE, sizeof (LeadRead), reads->len);

  for (guint i = 0; i < facts->len; i++)
    positions[i] = i;
  g_qsort_with_data (positions, (gint) facts->len, sizeof (guint), compare_arrivals, &order);
  for (guint i = 0; i < facts->len; i++)
    {
      g_array_append_val (sorted_facts, g_array_index (facts, RelaisRoutingLead, positions[i]));
      g_array_append_val (sorted_reads, g_array_index (reads, LeadRead, positions[i]));
    }
  memcpy (facts->data, sorted_facts->data, (gsize) facts->len * sizeof (RelaisRoutingLead));
  memcpy (reads->data, sorted_reads->data, (gsize) reads->len * sizeof (LeadRead));
}

/* The leads a run reads, one for one: their facts (strings in @chunk), what
 * else it knows of each, and when each arrived. */
typedef struct {
  GArray       *facts;      /* RelaisRoutingLead */
  GArray       *reads;      /* LeadRead */
  GArray       *arrivals;   /* gint64 */
  GStringChunk *chunk;
  GStringChunk *other_chunk;   /* those of the leads read on another connection */
} LeadsRead;

static void
leads_read_init (LeadsRead *leads)
{
  leads->facts = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingLead));
  leads->reads = g_array_new (FALSE, FALSE, sizeof (LeadRead));
  leads->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  leads->chunk = g_string_chunk_new (64 * 1024);
}

static void
leads_read_clear (LeadsRead *leads)
{
  g_clear_pointer (&leads->facts, g_array_unref);
  g_clear_pointer (&leads->reads, g_array_unref);
  g_clear_pointer (&leads->arrivals, g_array_unref);
  g_clear_pointer (&leads->chunk, g_string_chunk_free);
  g_clear_pointer (&leads->other_chunk, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LeadsRead, leads_read_clear)

/* Reads into @leads (leads_read_init()) the leads of @ids that the rules
 * route (the unassigned ones, or with @selection every one that may still
 * move), in the order of their ids; or every unassigned lead, in the order
 * they arrived, when @ids is %NULL. */
static gboolean
read_leads (RelaisDb      *db,
            const gint64  *ids,
            gsize          n_ids,
            gboolean       selection,
            GCancellable  *cancellable,
            LeadsRead     *leads,
            GError       **error)
{
  g_autofree char *statuses = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  RelaisRows bound_ids = { ids, n_ids, 1 };
  GError *local_error = NULL;
  guint n = 0;

  if (ids != NULL && selection)
    {
      statuses = movable_statuses_json ();
      st = relais_db_prepare (db,
                              "SELECT " FACT_COLUMNS " FROM lead l"
                              " WHERE l.id IN (SELECT c0 FROM relais_rows(?1))"
                              " AND +l.status IN (SELECT value FROM json_each(?2))",
                              error);
      if (st != NULL)
        relais_statement_bind_text (st, 2, statuses);
    }
  else if (ids != NULL)
    {
      /* By id (the unary + keep the status index out): the cost follows
       * the leads given, not the number of new leads in the store. */
      st = relais_db_prepare (db,
                              "SELECT " FACT_COLUMNS " FROM lead l"
                              " WHERE l.id IN (SELECT c0 FROM relais_rows(?1)) AND +l.status = 'new'"
                              " AND +l.partner_id IS NULL AND +l.rep_id IS NULL AND +l.queue_id IS NULL",
                              error);
    }
  else
    st = relais_db_prepare (db,
                            "SELECT " FACT_COLUMNS " FROM lead l WHERE " UNASSIGNED_LEAD
                            " ORDER BY l.created_at, l.id",
                            error);
  if (st == NULL)
    return FALSE;
  if (ids != NULL)
    relais_statement_bind_rows (st, 1, &bound_ids);

  while (relais_statement_next (st, &local_error))
    {
      RelaisRoutingLead lead = { 0, };
      LeadRead read = lead_read_from_row (st);
      gint64 arrived = relais_statement_get_int64 (st, FACT_CREATED);

      lead.id = relais_statement_get_int64 (st, 0);
      facts_from_row (&lead, st, FACT_FIRST, leads->chunk);
      g_array_append_val (leads->facts, lead);
      g_array_append_val (leads->reads, read);
      g_array_append_val (leads->arrivals, arrived);
      if (++n % CANCEL_CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return check_cancelled (cancellable, error);
}

/* From this many leads given, a run reads most of them on a
 * connection of its own, on another core, while it reads the rules and the
 * others. */
static gsize parallel_read_min = 20000;

gsize
relais_rule_store_set_parallel_read_min (gsize n_ids)
{
  gsize before = parallel_read_min;

  parallel_read_min = n_ids;
  return before;
}

/* The last leads of a run, read on another thread. */
typedef struct {
  GThread      *thread;     /* NULL: none */
  const char   *path;
  const gint64 *ids;
  gsize         n_ids;
  gboolean      selection;
  GCancellable *cancellable;
  LeadsRead     leads;
  gboolean      ok;
  GError       *error;
} ReadJob;

static gpointer
read_job_thread (gpointer data)
{
  ReadJob *job = data;
  g_autoptr(RelaisDb) db = relais_db_open_for_job (job->path, &job->error);

  job->ok = db != NULL && read_leads (db, job->ids, job->n_ids, job->selection, job->cancellable,
                                      &job->leads, &job->error);
  return NULL;
}

static void
read_job_clear (ReadJob *job)
{
  if (job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
  leads_read_clear (&job->leads);
  g_clear_error (&job->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReadJob, read_job_clear)

/* With many leads given, starts reading the last three fifths of them on a
 * connection of its own, on another core (SQLite reads with one core a
 * connection); returns how many are left for @db to read.
 *
 * Inside a write transaction (a run's own, BEGIN IMMEDIATE) the other
 * connection sees what @db does, as nobody else can write meanwhile and
 * @db has written nothing yet. Outside one (a preview), either may see a
 * change the other did not, as the rules read first and the leads read next
 * may: each decision keeps the revision of its lead as read, and Apply leaves
 * alone a lead changed since. */
static gsize
start_read_job (RelaisDb      *db,
                const gint64  *ids,
                gsize          n_ids,
                gboolean       selection,
                GCancellable  *cancellable,
                ReadJob       *job)
{
  /* @db reads the rules first: it takes fewer leads. */
  gsize n_here = n_ids * 2 / 5;

  if (ids == NULL || n_ids < parallel_read_min || n_ids < 2)
    return n_ids;
  *job = (ReadJob) { NULL, relais_db_get_path (db), ids + n_here, n_ids - n_here, selection, cancellable, { 0, }, FALSE, NULL };
  leads_read_init (&job->leads);
  job->thread = g_thread_new ("relais-read", read_job_thread, job);
  return n_here;
}

/* Adds the leads @job read (start_read_job()) to @leads, the first ones. */
static gboolean
finish_read_job (RelaisDb  *db,
                 ReadJob   *job,
                 LeadsRead *leads,
                 GError   **error)
{
  if (job->thread == NULL)
    return TRUE;
  g_thread_join (g_steal_pointer (&job->thread));
  if (!job->ok && g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  if (!job->ok)
    {
      /* The other connection could not be opened, or failed: @db reads
       * those leads itself. */
      g_debug ("the last leads are read again: %s", job->error->message);
      g_clear_error (&job->error);
      leads_read_clear (&job->leads);
      leads_read_init (&job->leads);
      if (!read_leads (db, job->ids, job->n_ids, job->selection, job->cancellable, &job->leads, error))
        return FALSE;
    }
  g_array_append_vals (leads->facts, job->leads.facts->data, job->leads.facts->len);
  g_array_append_vals (leads->reads, job->leads.reads->data, job->leads.reads->len);
  g_array_append_vals (leads->arrivals, job->leads.arrivals->data, job->leads.arrivals->len);
  /* Their strings stay where they are. */
  leads->other_chunk = g_steal_pointer (&job->leads.chunk);
  return TRUE;
}

/* Runs the rules over @ids (the unassigned ones among them, or with
 * @selection every one that may still move), or over every unassigned lead
 * when @ids is %NULL. */
static RelaisRulePreviewResult *
preview (RelaisDb      *db,
         const gint64  *ids,
         gsize          n_ids,
         gboolean       selection,
         gint64         now,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(RelaisRulePreviewResult) result = NULL;
  g_auto(LeadsRead) leads = { 0, };
  g_auto(ReadJob) job = { 0, };
  RelaisRouting *routing;
  gint64 started = g_get_monotonic_time ();
  gsize n_here;

  /* The last of many leads are read meanwhile. */
  n_here = start_read_job (db, ids, n_ids, selection, cancellable, &job);
  routing = relais_rule_store_load_routing (db, error);
  if (routing == NULL)
    return NULL;
  result = preview_result_new (routing, now);
  result->held = selection;
  g_debug ("%.1f ms: rules and partners read", (g_get_monotonic_time () - started) / 1000.0);
  if (!check_cancelled (cancellable, error))
    return NULL;

  started = g_get_monotonic_time ();
  leads_read_init (&leads);
  if (!read_leads (db, ids, n_here, selection, cancellable, &leads, error) ||
      !finish_read_job (db, &job, &leads, error))
    return NULL;
  /* The leads given come by id; they are routed as they arrived. */
  if (ids != NULL)
    sort_by_arrival (leads.facts, leads.reads, leads.arrivals);
  g_array_unref (result->reads);
  result->reads = g_steal_pointer (&leads.reads);

  /* G_MESSAGES_DEBUG=relais-store shows where a run spends its time. */
  g_debug ("%.1f ms: facts of %u leads", (g_get_monotonic_time () - started) / 1000.0, leads.facts->len);
  started = g_get_monotonic_time ();
  g_array_set_size (result->decisions, leads.facts->len);
  for (guint i = 0; i < leads.facts->len; i++)
    {
      relais_routing_route (routing, &g_array_index (leads.facts, RelaisRoutingLead, i), now, RELAIS_ROUTING_EXPLAIN,
                            &g_array_index (result->decisions, RelaisRoutingDecision, i));
      if ((i + 1) % CANCEL_CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (!check_cancelled (cancellable, error))
    return NULL;

  result->summary = relais_routing_summarize (routing, (const RelaisRoutingDecision *) result->decisions->data,
                                              result->decisions->len);
  g_debug ("%.1f ms: rules over %u leads", (g_get_monotonic_time () - started) / 1000.0, leads.facts->len);
  return g_steal_pointer (&result);
}

RelaisRulePreviewResult *
relais_rule_store_preview (RelaisDb      *db,
                           const gint64  *ids,
                           gsize          n_ids,
                           gint64         now,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  return preview (db, ids, n_ids, FALSE, now, cancellable, error);
}

RelaisRulePreviewResult *
relais_rule_store_preview_selection (RelaisDb      *db,
                                     const gint64  *ids,
                                     gsize          n_ids,
                                     gint64         now,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  return preview (db, ids, n_ids, TRUE, now, cancellable, error);
}

/* ------------------------------------------------------------------------ */
/* Apply                                                                     */

/* A run's decisions, one row of numbers each (read by relais_rows (?)):
 * where each lead goes, and what Undo needs of a plain lead. */
enum {
  D_LEAD,             /* the lead */
  D_REVISION,         /* its revision when the preview read it */
  D_STATUS,           /* DECIDED_*: the status the lead is given */
  D_PARTNER,          /* ids: 0 for none (NULL in SQL) */
  D_REP,
  D_QUEUE,
  D_RULE,
  D_SIMPLE,           /* a plain lead (LeadRead) given to a partner */
  D_IDX,              /* its place among the preview's decisions (not read in SQL) */
  D_OLD_RULE,         /* what a plain lead had besides, for Undo */
  D_OLD_ASSIGNED_AT,
  D_KEEP,             /* 0: left alone (held already, changed since, target gone) */
  D_EXPLANATION,      /* its explanation (routing_explanation), set by write_explanations() */
  D_FROM_HISTORY,     /* Undo puts it back from its routing history row alone, set by write_moves() */
  D_N_COLUMNS
};

/* A decision's D_STATUS; DECISIONS () turns it into the lead's status. */
#define DECIDED_NOTHING          0   /* stays unassigned (status NULL) */
#define DECIDED_PARTNER_ASSIGNED 1
#define DECIDED_ASSIGNED_TO_REP  2
#define DECIDED_NEW              3   /* waits in a queue */

/* The decisions bound as parameter @n, as the table d of a statement, with
 * named columns (ids of 0 are NULL), and at: the row's place in them. */
#define DECISIONS(n) \
  "WITH d (at, lead_id, revision, status, partner_id, rep_id, queue_id, rule_id, simple," \
  " old_rule_id, old_assigned_at, keep, explanation_id, from_history) AS (SELECT rowid, c0, c1," \
  " CASE c2 WHEN " G_STRINGIFY (DECIDED_PARTNER_ASSIGNED) " THEN 'partner_assigned'" \
  " WHEN " G_STRINGIFY (DECIDED_ASSIGNED_TO_REP) " THEN 'assigned_to_rep'" \
  " WHEN " G_STRINGIFY (DECIDED_NEW) " THEN 'new' END," \
  " nullif (c3, 0), nullif (c4, 0), nullif (c5, 0), nullif (c6, 0), c7, nullif (c9, 0), nullif (c10, 0), c11," \
  " nullif (c12, 0), c13" \
  " FROM relais_rows (" n ")) "

typedef struct {
  gint64     *values;
  RelaisRows  rows;
} Decisions;

static void
decisions_clear (Decisions *decisions)
{
  g_clear_pointer (&decisions->values, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decisions, decisions_clear)

/* Runs @sql once, with ?1 the journal entry, ?2 the time and ?3 the
 * decisions, where it uses them. */
static gboolean
exec_with_journal (RelaisDb         *db,
                   const char       *sql,
                   gint64            journal_id,
                   gint64            now,
                   const RelaisRows *decisions,
                   GError          **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, error);
  const char *shown = strstr (sql, ")) ");
  gint64 started;

  if (st == NULL)
    return FALSE;
  /* The debug line shows the statement after DECISIONS (…). */
  shown = g_str_has_prefix (sql, "WITH d ") && shown != NULL ? shown + 3 : sql;
  if (strstr (sql, "?1") != NULL)
    relais_statement_bind_int64 (st, 1, journal_id);
  if (strstr (sql, "?2") != NULL)
    relais_statement_bind_int64 (st, 2, now);
  if (strstr (sql, "?3") != NULL)
    relais_statement_bind_rows (st, 3, decisions);
  started = g_get_monotonic_time ();
  if (!relais_statement_execute (st, error))
    return FALSE;
  /* G_MESSAGES_DEBUG=relais-store shows where a run spends its time. */
  g_debug ("%.1f ms: %.60s", (g_get_monotonic_time () - started) / 1000.0, shown);
  return TRUE;
}

/* The decisions that change where a lead is, and those that leave it
 * unassigned (for its routing history: why), as rows of numbers; each keeps
 * its place among @preview's decisions (D_IDX), where write_explanations()
 * finds its explanation. */
static void
make_decisions (RelaisRulePreviewResult *preview,
                Decisions               *out)
{
  gint64 *values = g_new (gint64, (gsize) preview->decisions->len * D_N_COLUMNS);
  gsize n_rows = 0;

  for (guint i = 0; i < preview->decisions->len; i++)
    {
      const RelaisRoutingDecision *decision = &g_array_index (preview->decisions, RelaisRoutingDecision, i);
      const LeadRead *read = &g_array_index (preview->reads, LeadRead, i);
      gint64 *row = values + n_rows * D_N_COLUMNS;
      gint64 status = DECIDED_NOTHING;
      gboolean moves;

      switch (decision->outcome)
        {
        case RELAIS_ROUTING_OUTCOME_ASSIGNED:
          status = decision->rep_id != 0 ? DECIDED_ASSIGNED_TO_REP : DECIDED_PARTNER_ASSIGNED;
          break;
        case RELAIS_ROUTING_OUTCOME_QUEUED:
        case RELAIS_ROUTING_OUTCOME_FALLBACK:
          status = DECIDED_NEW;
          break;
        case RELAIS_ROUTING_OUTCOME_UNASSIGNED:
          break;
        case RELAIS_ROUTING_OUTCOME_KEPT:
        case RELAIS_ROUTING_N_OUTCOMES:
        default:
          /* A reroute that found nobody else: nothing happened, and the next
           * run would say the same again. */
          continue;
        }

      moves = status != DECIDED_NOTHING;
      row[D_LEAD] = decision->lead_id;
      row[D_REVISION] = read->revision;
      row[D_STATUS] = status;
      row[D_PARTNER] = moves ? decision->partner_id : 0;
      row[D_REP] = moves ? decision->rep_id : 0;
      row[D_QUEUE] = moves ? decision->queue_id : 0;
      row[D_RULE] = decision->rule_id;
      row[D_SIMPLE] = read->plain && moves && decision->partner_id != 0 &&
                      decision->rep_id == 0 && decision->queue_id == 0;
      row[D_IDX] = i;
      row[D_OLD_RULE] = read->rule_id;
      row[D_OLD_ASSIGNED_AT] = read->assigned_at;
      row[D_KEEP] = 1;
      row[D_EXPLANATION] = 0;
      row[D_FROM_HISTORY] = 0;
      n_rows++;
    }
  out->values = values;
  out->rows = (RelaisRows) { values, n_rows, D_N_COLUMNS };
}

/* Runs @sql over the decisions (?1), which gives the row of each (the rowid
 * of relais_rows) in its first column and, for a rule gone, a flag in its
 * second and third; @apply changes the row with them. Returns how many rows
 * it gave, or -1 on failure. */
static gint64
mark_decisions (RelaisDb   *db,
                const char *sql,
                Decisions  *decisions,
                void      (*apply) (gint64 *row, RelaisStatement *st),
                GError    **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, error);
  GError *local_error = NULL;
  gint64 n = 0;

  if (st == NULL)
    return -1;
  relais_statement_bind_rows (st, 1, &decisions->rows);
  while (relais_statement_next (st, &local_error))
    {
      gint64 at = relais_statement_get_int64 (st, 0);

      if (at >= 0 && (gsize) at < decisions->rows.n_rows)
        apply (decisions->values + at * D_N_COLUMNS, st);
      n++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return n;
}

static void
leave_alone (gint64          *row,
             RelaisStatement *st)
{
  row[D_KEEP] = 0;
}

static void
forget_rules_gone (gint64          *row,
                   RelaisStatement *st)
{
  if (relais_statement_get_int64 (st, 1) != 0)
    row[D_RULE] = 0;
  if (relais_statement_get_int64 (st, 2) != 0)
    row[D_OLD_RULE] = 0;
}

typedef struct {
  GArray   *decisions;
  gboolean  consume;    /* free each explanation once written out */
} SerializeJob;

#define NO_TEXT G_MAXUINT

/* The explanations of a run as written in the leads' history, each text
 * once: a run gives few different ones. */
typedef struct {
  GPtrArray *texts;     /* the different explanations, serialized */
  guint     *text_of;   /* by decision: its explanation's place in texts, or NO_TEXT */
} Explanations;

static void
explanations_free (Explanations *explanations)
{
  g_ptr_array_unref (explanations->texts);
  g_free (explanations->text_of);
  g_free (explanations);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Explanations, explanations_free)

/* Made on another thread while the run writes the leads (an Explanations).
 * The main thread reads the other fields of the decisions meanwhile, never
 * their explanation. */
static gpointer
serialize_explanations (gpointer data)
{
  SerializeJob *job = data;
  g_autoptr(GHashTable) places = g_hash_table_new (g_str_hash, g_str_equal);
  Explanations *explanations = g_new0 (Explanations, 1);

  explanations->texts = g_ptr_array_new_with_free_func (g_free);
  explanations->text_of = g_new (guint, MAX (job->decisions->len, 1));
  for (guint i = 0; i < job->decisions->len; i++)
    {
      RelaisRoutingDecision *decision = &g_array_index (job->decisions, RelaisRoutingDecision, i);
      gpointer place;
      char *text;

      explanations->text_of[i] = NO_TEXT;
      if (decision->explanation == NULL)
        continue;
      text = relais_routing_explanation_serialize (decision->explanation);
      /* A hundred thousand explanations take some 80 ms to free: here,
       * while the leads are written, rather than after the commit. */
      if (job->consume)
        g_clear_pointer (&decision->explanation, relais_routing_explanation_free);

      if (g_hash_table_lookup_extended (places, text, NULL, &place))
        {
          explanations->text_of[i] = GPOINTER_TO_UINT (place);
          g_free (text);
          continue;
        }
      explanations->text_of[i] = explanations->texts->len;
      g_hash_table_insert (places, text, GUINT_TO_POINTER (explanations->texts->len));
      g_ptr_array_add (explanations->texts, text);
    }
  return explanations;
}

/* The explanations of the decisions kept, each once (routing_explanation),
 * with the number of history rows that name it; each kept decision's row
 * gets the id of its own (D_EXPLANATION). */
static gboolean
write_explanations (RelaisDb           *db,
                    const Explanations *explanations,
                    Decisions          *decisions,
                    GError            **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree gint64 *uses = g_new0 (gint64, MAX (explanations->texts->len, 1));
  g_autofree gint64 *ids = g_new0 (gint64, MAX (explanations->texts->len, 1));

  for (gsize i = 0; i < decisions->rows.n_rows; i++)
    {
      const gint64 *row = decisions->values + i * D_N_COLUMNS;
      guint place = explanations->text_of[row[D_IDX]];

      if (row[D_KEEP] && place != NO_TEXT)
        uses[place]++;
    }

  st = relais_db_prepare (db, "INSERT INTO main.routing_explanation (text, uses) VALUES (?, ?) RETURNING id", error);
  if (st == NULL)
    return FALSE;
  for (guint place = 0; place < explanations->texts->len; place++)
    {
      /* Only those of the leads written. */
      if (uses[place] == 0)
        continue;
      relais_statement_bind_text (st, 1, g_ptr_array_index (explanations->texts, place));
      relais_statement_bind_int64 (st, 2, uses[place]);
      if (!relais_statement_next_row (st, error))
        return FALSE;
      ids[place] = relais_statement_get_int64 (st, 0);
      relais_statement_reset (st);
    }

  for (gsize i = 0; i < decisions->rows.n_rows; i++)
    {
      gint64 *row = decisions->values + i * D_N_COLUMNS;
      guint place = explanations->text_of[row[D_IDX]];

      row[D_EXPLANATION] = row[D_KEEP] && place != NO_TEXT ? ids[place] : 0;
    }
  return TRUE;
}

/* Each written decision's routing history row, naming its explanation;
 * these rows also link the leads to the journal entry for their history (no
 * journal_lead rows). */
static gboolean
write_routing (RelaisDb           *db,
               const Explanations *explanations,
               Decisions          *decisions,
               gint64              journal_id,
               gint64              now,
               GError            **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!write_explanations (db, explanations, decisions, error))
    return FALSE;
  st = relais_db_prepare (db,
                          DECISIONS ("?3")
                          "INSERT INTO main.lead_routing (lead_id, rule_id, at, partner_id, rep_id, queue_id,"
                          " explanation_id, journal_id, revision)"
                          " SELECT d.lead_id, d.rule_id, ?2, d.partner_id, d.rep_id, d.queue_id, d.explanation_id, ?1,"
                          " CASE WHEN d.from_history THEN d.revision + 1 END"
                          " FROM d WHERE d.keep",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  relais_statement_bind_int64 (st, 2, now);
  relais_statement_bind_rows (st, 3, &decisions->rows);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_debug ("%.1f ms: history of %" G_GSIZE_FORMAT " leads (%u different explanations)",
           (g_get_monotonic_time () - started) / 1000.0, decisions->rows.n_rows, explanations->texts->len);
  return TRUE;
}

static gint64
query_int64 (RelaisDb    *db,
             const char  *sql,
             GError     **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, error);

  if (st == NULL || !relais_statement_next_row (st, error))
    return -1;
  return relais_statement_get_int64 (st, 0);
}

/* Writes each rule's new rotation, merged with the stored one if that changed
 * since the run read it; adds { rule, before, after } to @builder's array for
 * Undo. */
static gboolean
write_rotations (RelaisDb                *db,
                 RelaisRulePreviewResult *preview,
                 JsonBuilder             *builder,
                 GError                 **error)
{
  GPtrArray *rules = relais_routing_get_rules (preview->routing);
  g_autoptr(RelaisStatement) read = NULL;
  g_autoptr(RelaisStatement) write = NULL;

  read = relais_db_prepare (db, "SELECT rotation FROM rule WHERE id = ?", error);
  write = relais_db_prepare (db, "UPDATE rule SET rotation = ?, revision = revision + 1 WHERE id = ?", error);
  if (read == NULL || write == NULL)
    return FALSE;

  for (guint i = 0; i < rules->len; i++)
    {
      const RelaisRoutingRule *rule = g_ptr_array_index (rules, i);
      const char *started = g_hash_table_lookup (preview->rotations, &rule->id);
      g_autofree char *ended = relais_rotation_to_string (rule->rotation);
      g_autofree char *stored = NULL;
      g_autofree char *written = NULL;
      GError *local_error = NULL;

      if (started != NULL && g_str_equal (started, ended))
        continue;

      relais_statement_bind_int64 (read, 1, rule->id);
      if (!relais_statement_next (read, &local_error))
        {
          relais_statement_reset (read);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          continue;   /* the rule was deleted since */
        }
      stored = g_strdup (relais_statement_get_text (read, 0));
      relais_statement_reset (read);

      if (started == NULL || g_str_equal (stored, started))
        written = g_steal_pointer (&ended);
      else
        {
          /* Another run or a sync moved the rotation meanwhile: both sides'
           * turns count. */
          g_autoptr(RelaisRotation) base = relais_rotation_parse (started, NULL);
          g_autoptr(RelaisRotation) theirs = relais_rotation_parse (stored, NULL);
          g_autoptr(RelaisRotation) merged = NULL;

          merged = theirs != NULL ? relais_rotation_merge (base, rule->rotation, theirs)
                                  : relais_rotation_copy (rule->rotation);
          written = relais_rotation_to_string (merged);
        }

      relais_statement_bind_text (write, 1, written);
      relais_statement_bind_int64 (write, 2, rule->id);
      if (!relais_statement_execute (write, error))
        return FALSE;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_int_value (builder, rule->id);
      json_builder_set_member_name (builder, "before");
      json_builder_add_string_value (builder, stored);
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, written);
      json_builder_end_object (builder);
    }
  return TRUE;
}

#define INSERT_REASSIGNMENT \
  "INSERT INTO lead_reassignment (journal_id, lead_id, old_status, old_queue_id, old_partner_id, old_rep_id," \
  " old_rule_id, old_assignment_reason, old_assigned_at, old_accepted_at, new_revision)"

/* Writes where the leads go, and what they were for Undo; fills @result's
 * counts and @journal_id, @n_moving. @decisions (make_decisions()) lose the
 * leads left alone (D_KEEP) and the rules gone since.
 *
 * With @fresh, @preview was made inside this same transaction: nothing can
 * have changed since, and the checks for changes are left out.
 *
 * Runs with SQLite's foreign key checks off (relais_db_begin_unchecked():
 * each of them is a search, a handful a lead), so every reference written
 * here is known to exist: the leads and their targets were read in this
 * transaction (fresh), or are checked below (the leads, partners, reps,
 * queues and rules gone since the preview); the journal entry is this run's;
 * the previous state kept for Undo comes from the leads themselves, or for a
 * plain lead from the preview's read of it (a rule deleted since dropped). */
static gboolean
write_moves (RelaisDb                *db,
             RelaisRulePreviewResult *preview,
             Decisions               *decisions,
             const char              *action,
             gboolean                 fresh,
             gint64                   now,
             RelaisRuleApplyResult   *result,
             gint64                  *journal_id,
             gint64                  *n_moving,
             GError                 **error)
{
  const RelaisRows *rows = &decisions->rows;
  gint64 n_recorded = 0, n_assigned = 0, n_changed = 0;
  gint64 n_simple = 0, n_simple_not_from_history = 0, n_other;

  /* A lead of a selection the rules give to the one who holds it already
   * stays as it is (unassigned leads are held by nobody). */
  if (preview->held &&
      mark_decisions (db,
                      DECISIONS ("?1")
                      "SELECT d.at FROM d JOIN main.lead l ON l.id = d.lead_id"
                      " WHERE d.status IS NOT NULL AND l.revision = d.revision AND l.status = d.status"
                      " AND l.partner_id IS d.partner_id AND l.rep_id IS d.rep_id AND l.queue_id IS d.queue_id",
                      decisions, leave_alone, error) < 0)
    return FALSE;

  /* Leads changed since the preview (by hand, by sync, by another run), and
   * those whose target is gone, are left alone; a rule deleted since: its
   * leads lose it without a new revision. */
  if (!fresh)
    {
      n_changed = mark_decisions (db,
                                  DECISIONS ("?1")
                                  "SELECT d.at FROM d WHERE d.keep AND ("
                                  " NOT EXISTS (SELECT 1 FROM main.lead l WHERE l.id = d.lead_id AND l.revision = d.revision)"
                                  " OR (d.partner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.partner p WHERE p.id = d.partner_id))"
                                  " OR (d.rep_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.contact c WHERE c.id = d.rep_id))"
                                  " OR (d.queue_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.queue q WHERE q.id = d.queue_id)))",
                                  decisions, leave_alone, error);
      if (n_changed < 0 ||
          mark_decisions (db,
                          DECISIONS ("?1")
                          "SELECT d.at, d.rule_id IS NOT NULL AND r1.id IS NULL, d.old_rule_id IS NOT NULL AND r2.id IS NULL"
                          " FROM d LEFT JOIN main.rule r1 ON r1.id = d.rule_id LEFT JOIN main.rule r2 ON r2.id = d.old_rule_id"
                          " WHERE d.keep AND ((d.rule_id IS NOT NULL AND r1.id IS NULL)"
                          "                   OR (d.old_rule_id IS NOT NULL AND r2.id IS NULL))",
                          decisions, forget_rules_gone, error) < 0)
        return FALSE;
    }
  result->n_changed = (guint) n_changed;

  /* Each statement below goes through all the decisions: those that would
   * find none of theirs are left out. */
  *n_moving = 0;
  for (gsize i = 0; i < rows->n_rows; i++)
    {
      gint64 *row = decisions->values + i * D_N_COLUMNS;

      if (!row[D_KEEP])
        continue;
      n_recorded++;
      if (row[D_STATUS] != DECIDED_NOTHING)
        (*n_moving)++;
      if (row[D_PARTNER] != 0)
        n_assigned++;
      /* A plain lead given to a partner, that had no rule and was never
       * assigned: Undo puts it back from its routing history row alone
       * (lead_routing.revision). The others that move have their previous
       * state in lead_reassignment. Set here, once forget_rules_gone()
       * has cleared the rules deleted since. */
      row[D_FROM_HISTORY] = row[D_SIMPLE] && row[D_OLD_RULE] == 0 && row[D_OLD_ASSIGNED_AT] == 0;
      if (row[D_SIMPLE])
        n_simple++;
      if (row[D_SIMPLE] && !row[D_FROM_HISTORY])
        n_simple_not_from_history++;
    }
  n_other = *n_moving - n_simple;
  result->n_assigned = (guint) n_assigned;
  result->n_queued = (guint) (*n_moving - n_assigned);
  result->n_unassigned = (guint) (n_recorded - *n_moving);

  *journal_id = relais_journal_append (db, action, "lead", NULL, "{}", error);
  if (*journal_id == 0)
    return FALSE;

  /* Every decision kept is for a lead as the preview read it (its
   * revision): the last condition of each UPDATE only says so again.
   *
   * Each lead that moves, as it was, for Undo: a plain one from what the
   * preview read (unless its history row says it all, D_FROM_HISTORY), the
   * others from the leads, before they change. */
  if (n_simple_not_from_history > 0 &&
      !exec_with_journal (db,
                          DECISIONS ("?3") INSERT_REASSIGNMENT
                          " SELECT ?1, d.lead_id, 'new', NULL, NULL, NULL, d.old_rule_id, '', d.old_assigned_at,"
                          " NULL, d.revision + 1"
                          " FROM d WHERE d.keep AND d.simple AND NOT d.from_history",
                          *journal_id, now, rows, error))
    return FALSE;
  if (n_other > 0 &&
      !exec_with_journal (db,
                          DECISIONS ("?3") INSERT_REASSIGNMENT
                          " SELECT ?1, l.id, l.status, l.queue_id, l.partner_id, l.rep_id, l.rule_id,"
                          " l.assignment_reason, l.assigned_at, l.accepted_at, l.revision + 1"
                          " FROM d JOIN main.lead l ON l.id = d.lead_id"
                          " WHERE d.keep AND d.status IS NOT NULL AND NOT d.simple",
                          *journal_id, now, rows, error))
    return FALSE;

  /* The common case first: a plain lead (new, held by nobody) given to a
   * partner. Only the columns that change are set, so that SQLite leaves
   * alone the indexes of the others (queue, rep). The unary + keeps SQLite
   * from walking the leads to look each one up among the decisions: it goes
   * through the decisions and finds their leads by id. */
  if (n_simple > 0 &&
      !exec_with_journal (db,
                          DECISIONS ("?3")
                          "UPDATE main.lead SET status = d.status, partner_id = d.partner_id, rule_id = d.rule_id,"
                          " assigned_at = ?2, updated_at = ?2, revision = lead.revision + 1"
                          " FROM d WHERE lead.id = +d.lead_id AND d.keep AND d.simple"
                          " AND lead.revision = d.revision",
                          *journal_id, now, rows, error))
    return FALSE;
  if (n_other > 0 &&
      !exec_with_journal (db,
                          DECISIONS ("?3")
                          "UPDATE main.lead SET status = d.status, partner_id = d.partner_id, rep_id = d.rep_id,"
                          " queue_id = d.queue_id, rule_id = d.rule_id, assignment_reason = '',"
                          " assigned_at = CASE WHEN d.partner_id IS NULL THEN NULL ELSE ?2 END, accepted_at = NULL,"
                          " updated_at = ?2, revision = lead.revision + 1"
                          " FROM d WHERE lead.id = +d.lead_id AND d.keep AND d.status IS NOT NULL"
                          " AND NOT d.simple AND lead.revision = d.revision",
                          *journal_id, now, rows, error))
    return FALSE;

  /* A lead left unassigned keeps its previous reason besides this one (Undo
   * of this run brings it back), not the older ones. */
  return n_recorded == *n_moving ||
         exec_with_journal (db,
                            DECISIONS ("?3")
                            "DELETE FROM main.lead_routing WHERE lead_id IN"
                            " (SELECT d.lead_id FROM d WHERE d.keep AND d.status IS NULL)"
                            " AND partner_id IS NULL AND rep_id IS NULL AND queue_id IS NULL"
                            " AND id <> (SELECT max (lr.id) FROM main.lead_routing lr WHERE lr.lead_id = lead_routing.lead_id"
                            "            AND lr.partner_id IS NULL AND lr.rep_id IS NULL AND lr.queue_id IS NULL)",
                            *journal_id, now, rows, error);
}

static gboolean
apply_in_transaction (RelaisDb                *db,
                      RelaisRulePreviewResult *preview,
                      const char              *action,
                      gboolean                 fresh,
                      RelaisRuleApplyResult   *result,
                      GError                 **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(Explanations) explanations = NULL;
  g_autofree char *changes = NULL;
  gint64 now = g_get_real_time ();
  gint64 journal_id = 0, n_moving = 0, started;
  g_auto(Decisions) decisions = { NULL, };
  SerializeJob job;
  GThread *thread;
  gboolean moved;

  /* The explanations are written last, and made meanwhile on another core.
   * A fresh run is run_rules()'s own, dropped once written: its explanations
   * are not needed after this. A preview applied from the window may be
   * applied again if this fails: it keeps them. */
  job = (SerializeJob) { preview->decisions, fresh };
  thread = g_thread_new ("relais-explain", serialize_explanations, &job);
  started = g_get_monotonic_time ();
  make_decisions (preview, &decisions);
  g_debug ("%.1f ms: decisions of %u leads", (g_get_monotonic_time () - started) / 1000.0, preview->decisions->len);
  moved = write_moves (db, preview, &decisions, action, fresh, now, result, &journal_id, &n_moving, error);
  explanations = g_thread_join (thread);
  if (!moved || !write_routing (db, explanations, &decisions, journal_id, now, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, n_moving);
  json_builder_set_member_name (builder, "assigned");
  json_builder_add_int_value (builder, result->n_assigned);
  json_builder_set_member_name (builder, "queued");
  json_builder_add_int_value (builder, result->n_queued);
  json_builder_set_member_name (builder, "unassigned");
  json_builder_add_int_value (builder, result->n_unassigned);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_int_value (builder, result->n_changed);
  json_builder_set_member_name (builder, "rotations");
  json_builder_begin_array (builder);
  if (!write_rotations (db, preview, builder, error))
    return FALSE;
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  changes = json_to_string (root, FALSE);

  st = relais_db_prepare (db, "UPDATE journal SET changes = ? WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_text (st, 1, changes);
  relais_statement_bind_int64 (st, 2, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  /* Undo is offered when leads moved. */
  result->journal_id = n_moving > 0 ? journal_id : 0;
  return TRUE;
}

/* Writes @preview (or nothing, if it routed no lead) inside an open transaction. */
static gboolean
apply_preview (RelaisDb                *db,
               RelaisRulePreviewResult *preview,
               const char              *action,
               gboolean                 fresh,
               RelaisRuleApplyResult   *result,
               GError                 **error)
{
  *result = (RelaisRuleApplyResult) { 0 };
  if (preview->decisions->len == 0)
    return TRUE;
  return apply_in_transaction (db, preview, action, fresh, result, error);
}

gboolean
relais_rule_store_apply (RelaisDb                *db,
                         RelaisRulePreviewResult *preview,
                         RelaisRuleApplyResult   *result,
                         GError                 **error)
{
  RelaisRuleApplyResult local_result = { 0 };
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (result == NULL)
    result = &local_result;

  relais_db_set_bulk (db, preview->decisions->len > 1000);
  /* The run checks the references it writes (see write_moves()). */
  if (!relais_db_begin_unchecked (db, error))
    {
      relais_db_set_bulk (db, FALSE);
      return FALSE;
    }
  ok = apply_preview (db, preview, "route", FALSE, result, &local_error);
  if (ok)
    ok = relais_db_commit (db, &local_error);
  else
    relais_db_rollback (db);
  relais_db_set_bulk (db, FALSE);
  if (!ok)
    {
      *result = (RelaisRuleApplyResult) { 0 };
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* What a run reads: the unassigned leads (ids, n_ids), or the leads due
 * for rerouting (reroute). */
typedef struct {
  const gint64 *ids;
  gsize         n_ids;
  gboolean      reroute;
  gint64        now;
} RunInput;

static RelaisRulePreviewResult *reroute_preview (RelaisDb  *db,
                                                 gint64     now,
                                                 GError   **error);

/* Reads and, unless @dry_run, writes in one transaction, so that nothing
 * changes in between: the command line, automatic mode and rerouting. */
static gboolean
run_rules (RelaisDb               *db,
           const RunInput         *input,
           gboolean                dry_run,
           RelaisRoutingSummary  **summary,
           RelaisRuleApplyResult  *result,
           GError                **error)
{
  g_autoptr(RelaisRulePreviewResult) run = NULL;
  RelaisRuleApplyResult local_result = { 0 };
  GError *local_error = NULL;

  if (result == NULL)
    result = &local_result;
  *result = (RelaisRuleApplyResult) { 0 };

  /* The pages the run reads are those it then writes: a cache that holds
   * them all spares reading them twice. */
  relais_db_set_bulk (db, !dry_run);
  /* The run reads inside the transaction every partner, rep, queue and rule
   * it then writes: it needs no other check of the references. */
  if (!dry_run && !relais_db_begin_unchecked (db, error))
    {
      relais_db_set_bulk (db, FALSE);
      return FALSE;
    }

  run = input->reroute ? reroute_preview (db, input->now, &local_error)
                       : preview (db, input->ids, input->n_ids, FALSE, input->now, NULL, &local_error);
  if (run != NULL && !dry_run &&
      !apply_preview (db, run, input->reroute ? "reroute" : "route", TRUE, result, &local_error))
    g_clear_pointer (&run, relais_rule_preview_result_free);

  if (run == NULL)
    {
      if (!dry_run)
        relais_db_rollback (db);
    }
  else if (!dry_run)
    {
      gint64 started = g_get_monotonic_time ();

      if (!relais_db_commit (db, &local_error))
        g_clear_pointer (&run, relais_rule_preview_result_free);
      g_debug ("%.1f ms: commit", (g_get_monotonic_time () - started) / 1000.0);
    }
  relais_db_set_bulk (db, FALSE);

  if (run == NULL)
    {
      *result = (RelaisRuleApplyResult) { 0 };
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (dry_run)
    {
      result->n_assigned = run->summary->n_assigned;
      result->n_queued = run->summary->n_queued;
      result->n_unassigned = run->summary->n_unassigned;
    }
  if (summary != NULL)
    *summary = g_steal_pointer (&run->summary);
  return TRUE;
}

gboolean
relais_rule_store_route (RelaisDb               *db,
                         const gint64           *ids,
                         gsize                   n_ids,
                         gboolean                dry_run,
                         RelaisRoutingSummary  **summary,
                         RelaisRuleApplyResult  *result,
                         GError                **error)
{
  RunInput input = { ids, n_ids, FALSE, g_get_real_time () };

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return run_rules (db, &input, dry_run, summary, result, error);
}

gboolean
relais_rule_store_route_arrivals (RelaisDb              *db,
                                  gint64                 journal_id,
                                  RelaisRuleApplyResult *result,
                                  GError               **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  st = relais_db_prepare (db, "SELECT lead_id FROM journal_lead WHERE journal_id = ? ORDER BY lead_id", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  ids = relais_statement_collect_ids (st, error);
  if (ids == NULL)
    return FALSE;
  g_clear_object (&st);

  if (ids->len == 0)
    {
      if (result != NULL)
        *result = (RelaisRuleApplyResult) { 0 };
      return TRUE;
    }
  return relais_rule_store_route (db, (const gint64 *) ids->data, ids->len, FALSE, NULL, result, error);
}

/* ------------------------------------------------------------------------ */
/* Reroute                                                                   */

static RelaisRulePreviewResult *
reroute_preview (RelaisDb  *db,
                 gint64     now,
                 GError   **error)
{
  g_autoptr(RelaisRulePreviewResult) result = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  GStringChunk *chunk = NULL;
  RelaisRouting *routing;
  GError *local_error = NULL;
  gint64 n_rules;

  n_rules = query_int64 (db, "SELECT count(*) FROM rule WHERE enabled = 1 AND reroute_after_s > 0", error);
  if (n_rules < 0)
    return NULL;

  routing = relais_rule_store_load_routing (db, error);
  if (routing == NULL)
    return NULL;
  result = preview_result_new (routing, now);
  result->held = TRUE;
  if (n_rules == 0)
    {
      result->summary = relais_routing_summarize (routing, NULL, 0);
      return g_steal_pointer (&result);
    }

  /* Assigned by a rule that reroutes, never accepted, and waiting longer
   * than the rule allows. One pass over the leads, only when a rule
   * reroutes: an index for it would slow every assignment down. */
  st = relais_db_prepare (db,
                          "SELECT " FACT_COLUMNS ", coalesce(l.partner_id, 0), coalesce(l.rep_id, 0)"
                          " FROM rule r JOIN lead l ON l.rule_id = r.id"
                          " WHERE r.enabled = 1 AND r.reroute_after_s > 0"
                          " AND l.accepted_at IS NULL AND l.assigned_at IS NOT NULL"
                          " AND l.status IN ('partner_assigned', 'assigned_to_rep')"
                          " AND l.assigned_at <= ?1 - r.reroute_after_s * 1000000"
                          " ORDER BY l.assigned_at, l.id",
                          error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, now);

  chunk = g_string_chunk_new (16 * 1024);
  while (relais_statement_next (st, &local_error))
    {
      RelaisRoutingLead lead = { 0, };
      RelaisRoutingDecision decision = { 0, };
      LeadRead read = lead_read_from_row (st);

      lead.id = relais_statement_get_int64 (st, 0);
      facts_from_row (&lead, st, FACT_FIRST, chunk);
      lead.rule_id = read.rule_id;
      lead.partner_id = relais_statement_get_int64 (st, FACT_END);
      lead.rep_id = relais_statement_get_int64 (st, FACT_END + 1);
      lead.assigned_at = read.assigned_at;
      lead.accepted_at = 0;
      if (relais_routing_reroute (routing, &lead, now, RELAIS_ROUTING_EXPLAIN, &decision))
        {
          g_array_append_val (result->decisions, decision);
          g_array_append_val (result->reads, read);
        }
    }
  g_string_chunk_free (chunk);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  result->summary = relais_routing_summarize (routing, (const RelaisRoutingDecision *) result->decisions->data,
                                              result->decisions->len);
  return g_steal_pointer (&result);
}

gboolean
relais_rule_store_reroute (RelaisDb              *db,
                           gint64                 now,
                           gboolean               dry_run,
                           RelaisRuleApplyResult *result,
                           GError               **error)
{
  RunInput input = { NULL, 0, TRUE, now };
  gint64 n_rules;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  /* Most stores have no rule that reroutes: no transaction for nothing. */
  n_rules = query_int64 (db, "SELECT count(*) FROM rule WHERE enabled = 1 AND reroute_after_s > 0", error);
  if (n_rules < 0)
    return FALSE;
  if (n_rules == 0)
    {
      if (result != NULL)
        *result = (RelaisRuleApplyResult) { 0 };
      return TRUE;
    }
  return run_rules (db, &input, dry_run, NULL, result, error);
}

/* ------------------------------------------------------------------------ */
/* Explanation                                                               */

char *
relais_rule_store_dup_explanation (RelaisDb  *db,
                                   gint64     lead_id,
                                   GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisRoutingExplanation) explanation = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db,
                          "SELECT e.text FROM lead_routing lr JOIN routing_explanation e ON e.id = lr.explanation_id"
                          " WHERE lr.lead_id = ? ORDER BY lr.at DESC, lr.id DESC LIMIT 1",
                          error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, lead_id);
  if (!relais_statement_next (st, &local_error))
    {
      /* No error: the rules never looked at this lead. */
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }

  explanation = relais_routing_explanation_parse (relais_statement_get_text (st, 0), &local_error);
  if (explanation == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return relais_routing_explain (explanation);
}

/* ------------------------------------------------------------------------ */
/* Worker threads                                                            */

typedef enum {
  JOB_PREVIEW,
  JOB_APPLY,
  JOB_REROUTE,
} JobKind;

typedef struct {
  JobKind                  kind;
  char                    *path;
  RelaisRulePreviewResult *preview;   /* apply: borrowed */
  GArray                  *ids;       /* preview of a selection */
  RelaisRuleApplyResult    result;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data->path);
  g_free (data);
}

/* Every job runs on a connection of its own to the store. */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AsyncData *data = task_data;
  g_autoptr(RelaisDb) db = NULL;
  RelaisRulePreviewResult *previewed = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  db = relais_db_open_for_job (data->path, &error);
  if (db != NULL)
    switch (data->kind)
      {
      case JOB_PREVIEW:
        previewed = preview (db, data->ids ? (const gint64 *) data->ids->data : NULL,
                             data->ids ? data->ids->len : 0, data->ids != NULL, g_get_real_time (),
                             cancellable, &error);
        ok = previewed != NULL;
        break;
      case JOB_APPLY:
        ok = relais_rule_store_apply (db, data->preview, &data->result, &error);
        break;
      case JOB_REROUTE:
      default:
        ok = relais_rule_store_reroute (db, g_get_real_time (), FALSE, &data->result, &error);
        break;
      }

  if (!ok)
    g_task_return_error (task, error);
  else if (previewed != NULL)
    g_task_return_pointer (task, previewed, (GDestroyNotify) relais_rule_preview_result_free);
  else
    g_task_return_boolean (task, TRUE);

  /* The window has its answer; the log of a bulk write is copied into the
   * file here, not by the next small write on the main thread. */
  if (db != NULL && data->kind != JOB_PREVIEW)
    relais_db_checkpoint (db);
}

static void
start_job (JobKind                  kind,
           const char              *path,
           RelaisRulePreviewResult *preview,
           GArray                  *ids,
           GCancellable            *cancellable,
           GAsyncReadyCallback      callback,
           gpointer                 user_data,
           gpointer                 source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncData *data = g_new0 (AsyncData, 1);

  data->kind = kind;
  data->path = g_strdup (path);
  data->preview = preview;
  data->ids = ids != NULL ? g_array_ref (ids) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, job_thread);
}

/* The result of a job that returns a boolean, and what it did. */
static gboolean
finish_job (GAsyncResult           *result,
            gpointer                source_tag,
            RelaisRuleApplyResult  *out,
            GError                **error)
{
  AsyncData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out != NULL)
    *out = data->result;
  return TRUE;
}

void
relais_rule_store_preview_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  start_job (JOB_PREVIEW, path, NULL, NULL, cancellable, callback, user_data, relais_rule_store_preview_async);
}

void
relais_rule_store_preview_selection_async (const char          *path,
                                           GArray              *ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (path != NULL && ids != NULL);

  /* Finished by relais_rule_store_preview_finish(): the same source tag. */
  start_job (JOB_PREVIEW, path, NULL, ids, cancellable, callback, user_data, relais_rule_store_preview_async);
}

RelaisRulePreviewResult *
relais_rule_store_preview_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == relais_rule_store_preview_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
relais_rule_store_apply_async (const char              *path,
                               RelaisRulePreviewResult *preview,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_return_if_fail (path != NULL && preview != NULL);

  start_job (JOB_APPLY, path, preview, NULL, cancellable, callback, user_data, relais_rule_store_apply_async);
}

gboolean
relais_rule_store_apply_finish (GAsyncResult           *result,
                                RelaisRuleApplyResult  *out,
                                GError                **error)
{
  return finish_job (result, relais_rule_store_apply_async, out, error);
}

void
relais_rule_store_reroute_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  start_job (JOB_REROUTE, path, NULL, NULL, cancellable, callback, user_data, relais_rule_store_reroute_async);
}

gboolean
relais_rule_store_reroute_finish (GAsyncResult           *result,
                                  RelaisRuleApplyResult  *out,
                                  GError                **error)
{
  return finish_job (result, relais_rule_store_reroute_async, out, error);
}
