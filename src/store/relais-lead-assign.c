/* relais-lead-assign.c — reassigning many leads at once, and undoing it.
 *
 * A reassignment is set-based: the ids travel as one bound array (relais_rows), the
 * leads' previous state is copied into lead_reassignment by one INSERT … SELECT,
 * and the leads change by one UPDATE over those rows. 10,000 leads are a few
 * statements, not 10,000 round trips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-assign.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "relais-enums.h"
#include "relais-journal.h"
#include "relais-statement.h"

G_DEFINE_QUARK (relais-lead-assign-error-quark, relais_lead_assign_error)

/* What the journal and the UI say about a target. */
typedef struct {
  RelaisAssignTargetKind kind;
  gint64  id;
  char   *uuid;
  char   *name;
  gint64  partner_id;     /* a rep's partner */
  char   *partner_uuid;
  char   *partner_name;
} TargetInfo;

static void
target_info_clear (TargetInfo *info)
{
  g_clear_pointer (&info->uuid, g_free);
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->partner_uuid, g_free);
  g_clear_pointer (&info->partner_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TargetInfo, target_info_clear)

static const char *
target_kind_code (RelaisAssignTargetKind kind)
{
  switch (kind)
    {
    case RELAIS_ASSIGN_TARGET_PARTNER: return "partner";
    case RELAIS_ASSIGN_TARGET_REP:     return "rep";
    case RELAIS_ASSIGN_TARGET_QUEUE:   return "queue";
    case RELAIS_ASSIGN_TARGET_NOBODY:
    default:                           return "nobody";
    }
}

static gboolean
load_target (RelaisDb                 *db,
             const RelaisAssignTarget *target,
             TargetInfo               *info,
             GError                  **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;
  const char *sql;

  info->kind = target->kind;
  info->id = target->id;

  switch (target->kind)
    {
    case RELAIS_ASSIGN_TARGET_NOBODY:
      return TRUE;
    case RELAIS_ASSIGN_TARGET_PARTNER:
      sql = "SELECT uuid, name, 0, '', '' FROM partner WHERE id = ?";
      break;
    case RELAIS_ASSIGN_TARGET_REP:
      sql = "SELECT c.uuid, trim(c.first_name || ' ' || c.last_name), p.id, p.uuid, p.name"
            " FROM contact c JOIN partner p ON p.id = c.partner_id WHERE c.id = ?";
      break;
    case RELAIS_ASSIGN_TARGET_QUEUE:
      sql = "SELECT uuid, name, 0, '', '' FROM queue WHERE id = ?";
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, target->id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, RELAIS_LEAD_ASSIGN_ERROR, RELAIS_LEAD_ASSIGN_ERROR_NOT_FOUND,
                             target->kind == RELAIS_ASSIGN_TARGET_QUEUE
                             ? _("This queue no longer exists.")
                             : target->kind == RELAIS_ASSIGN_TARGET_REP
                             ? _("This sales rep no longer exists.")
                             : _("This partner no longer exists."));
      return FALSE;
    }

  info->uuid = g_strdup (relais_statement_get_text (st, 0));
  info->name = g_strdup (relais_statement_get_text (st, 1));
  info->partner_id = relais_statement_get_int64 (st, 2);
  info->partner_uuid = g_strdup (relais_statement_get_text (st, 3));
  info->partner_name = g_strdup (relais_statement_get_text (st, 4));
  return TRUE;
}

static char *
target_display_name (const TargetInfo *info)
{
  switch (info->kind)
    {
    case RELAIS_ASSIGN_TARGET_REP:
      /* Translators: a partner's sales rep and, in brackets, the partner company: "Marie Curie (Acme)" */
      return g_strdup_printf (_("%1$s (%2$s)"), info->name, info->partner_name);
    case RELAIS_ASSIGN_TARGET_NOBODY:
      /* Translators: where leads go when they are given to no partner and no queue */
      return g_strdup (_("Unassigned"));
    case RELAIS_ASSIGN_TARGET_PARTNER:
    case RELAIS_ASSIGN_TARGET_QUEUE:
    default:
      return g_strdup (info->name);
    }
}

/**
 * relais_lead_assign_target_name:
 *
 * Returns: (transfer full): the name to show for @target, or %NULL with
 *   @error set when it no longer exists.
 */
char *
relais_lead_assign_target_name (RelaisDb                 *db,
                                const RelaisAssignTarget *target,
                                GError                  **error)
{
  g_auto(TargetInfo) info = { 0 };

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (!load_target (db, target, &info, error))
    return NULL;
  return target_display_name (&info);
}

/* " IN (?a, ?b, …)" over the statuses @keep accepts, numbered from @first; the
 * codes are bound by bind_statuses(). */
typedef gboolean (*StatusFilter) (RelaisLeadStatus status);

static char *
status_placeholders (StatusFilter keep,
                     int          first)
{
  GString *sql = g_string_new (" IN (");
  gboolean any = FALSE;

  for (int s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    if (keep (s))
      {
        g_string_append_printf (sql, "%s?%d", any ? ", " : "", first++);
        any = TRUE;
      }
  if (!any)
    g_string_append (sql, "NULL");
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

static void
bind_statuses (RelaisStatement *st,
               StatusFilter     keep,
               int              first)
{
  for (int s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    if (keep (s))
      relais_statement_bind_text (st, first++, relais_enum_code (&relais_lead_status_info, s));
}

/* The leads a partner holds and could still hand over. */
static gboolean
status_held_movable (RelaisLeadStatus status)
{
  return relais_lead_status_can_reassign (status) &&
         status != RELAIS_LEAD_STATUS_NEW &&
         status != RELAIS_LEAD_STATUS_REJECTED;
}

static void
builder_add_target (JsonBuilder      *builder,
                    const TargetInfo *info)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, target_kind_code (info->kind));
  if (info->kind != RELAIS_ASSIGN_TARGET_NOBODY)
    {
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, info->uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, info->name);
    }
  if (info->kind == RELAIS_ASSIGN_TARGET_REP)
    {
      json_builder_set_member_name (builder, "partner_uuid");
      json_builder_add_string_value (builder, info->partner_uuid);
      json_builder_set_member_name (builder, "partner_name");
      json_builder_add_string_value (builder, info->partner_name);
    }
  json_builder_end_object (builder);
}

/* The journal entry's changes: where the leads went, how many, from where. */
static char *
reassign_changes_json (RelaisDb          *db,
                       gint64             journal_id,
                       const TargetInfo  *info,
                       RelaisLeadStatus   status,
                       guint              moved,
                       gboolean           notify,
                       GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "to");
  builder_add_target (builder, info);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, relais_enum_code (&relais_lead_status_info, status));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, moved);
  json_builder_set_member_name (builder, "notify");
  json_builder_add_boolean_value (builder, notify);

  /* Where they came from, biggest group first (a summary: each lead's own
   * previous state is in lead_reassignment). */
  st = relais_db_prepare (db,
                          "SELECT p.uuid, p.name, q.uuid, q.name, count(*) FROM lead_reassignment r"
                          " LEFT JOIN partner p ON p.id = r.old_partner_id"
                          " LEFT JOIN queue q ON q.id = r.old_queue_id"
                          " WHERE r.journal_id = ?"
                          " GROUP BY r.old_partner_id, r.old_queue_id"
                          " ORDER BY count(*) DESC LIMIT 100",
                          error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, journal_id);

  json_builder_set_member_name (builder, "from");
  json_builder_begin_array (builder);
  while (relais_statement_next (st, &local_error))
    {
      json_builder_begin_object (builder);
      if (!relais_statement_is_null (st, 0))
        {
          json_builder_set_member_name (builder, "partner_uuid");
          json_builder_add_string_value (builder, relais_statement_get_text (st, 0));
          json_builder_set_member_name (builder, "partner_name");
          json_builder_add_string_value (builder, relais_statement_get_text (st, 1));
        }
      if (!relais_statement_is_null (st, 2))
        {
          json_builder_set_member_name (builder, "queue_uuid");
          json_builder_add_string_value (builder, relais_statement_get_text (st, 2));
          json_builder_set_member_name (builder, "queue_name");
          json_builder_add_string_value (builder, relais_statement_get_text (st, 3));
        }
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, relais_statement_get_int64 (st, 4));
      json_builder_end_object (builder);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
set_journal_changes (RelaisDb    *db,
                     gint64       journal_id,
                     const char  *changes,
                     GError     **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "UPDATE journal SET changes = ? WHERE id = ?", error);

  if (st == NULL)
    return FALSE;
  relais_statement_bind_text (st, 1, changes);
  relais_statement_bind_int64 (st, 2, journal_id);
  return relais_statement_execute (st, error);
}

static gboolean
assign_in_transaction (RelaisDb                 *db,
                       const RelaisRows         *ids,
                       const RelaisAssignTarget *target,
                       gboolean                  notify,
                       RelaisAssignResult       *result,
                       GError                  **error)
{
  g_auto(TargetInfo) info = { 0 };
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *movable = status_placeholders (relais_lead_status_can_reassign, 2);
  g_autofree char *sql = NULL;
  g_autofree char *changes = NULL;
  RelaisLeadStatus status;
  gint64 partner_id = 0, rep_id = 0, queue_id = 0;
  gint64 now = g_get_real_time ();
  gint64 journal_id;
  gint64 n_distinct, n_found, n_movable;
  sqlite3 *handle = relais_db_get_handle (db);

  if (!load_target (db, target, &info, error))
    return FALSE;

  switch (target->kind)
    {
    case RELAIS_ASSIGN_TARGET_PARTNER:
      status = RELAIS_LEAD_STATUS_PARTNER_ASSIGNED;
      partner_id = target->id;
      break;
    case RELAIS_ASSIGN_TARGET_REP:
      status = RELAIS_LEAD_STATUS_ASSIGNED_TO_REP;
      partner_id = info.partner_id;
      rep_id = target->id;
      break;
    case RELAIS_ASSIGN_TARGET_QUEUE:
      status = RELAIS_LEAD_STATUS_NEW;
      queue_id = target->id;
      break;
    case RELAIS_ASSIGN_TARGET_NOBODY:
    default:
      status = RELAIS_LEAD_STATUS_NEW;
      break;
    }

  /* How many of the ids are leads, and how many of those may move. */
  sql = g_strconcat ("SELECT (SELECT count(DISTINCT c0) FROM relais_rows(?1)), count(*),"
                     " coalesce(sum(status", movable, "), 0)"
                     " FROM lead WHERE id IN (SELECT c0 FROM relais_rows(?1))", NULL);
  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_rows (st, 1, ids);
  bind_statuses (st, relais_lead_status_can_reassign, 2);
  if (!relais_statement_next_row (st, error))
    return FALSE;
  n_distinct = relais_statement_get_int64 (st, 0);
  n_found = relais_statement_get_int64 (st, 1);
  n_movable = relais_statement_get_int64 (st, 2);
  g_clear_object (&st);

  journal_id = relais_journal_append (db, "reassign", "lead", NULL, "{}", error);
  if (journal_id == 0)
    return FALSE;

  /* Each lead that moves, as it was. A lead already there is left alone: with
   * the partner (whatever its rep or status) for a partner, with the rep for a
   * rep, waiting in the queue for a queue. */
  g_clear_pointer (&movable, g_free);
  movable = status_placeholders (relais_lead_status_can_reassign, 5);
  g_clear_pointer (&sql, g_free);
  sql = g_strconcat ("INSERT INTO lead_reassignment (journal_id, lead_id, old_status, old_queue_id,"
                     " old_partner_id, old_rep_id, old_rule_id, old_assignment_reason, old_assigned_at,"
                     " old_accepted_at, new_revision)"
                     " SELECT ?1, l.id, l.status, l.queue_id, l.partner_id, l.rep_id, l.rule_id,"
                     " l.assignment_reason, l.assigned_at, l.accepted_at, l.revision + 1"
                     " FROM lead l WHERE l.id IN (SELECT c0 FROM relais_rows(?2))"
                     " AND NOT CASE ?3"
                     "   WHEN 'partner' THEN l.partner_id IS ?4"
                     "   WHEN 'rep' THEN l.rep_id IS ?4"
                     "   WHEN 'queue' THEN l.queue_id IS ?4 AND l.partner_id IS NULL"
                     "   ELSE l.queue_id IS NULL AND l.partner_id IS NULL END"
                     /* "+": the ids lead (by primary key), not the status index. */
                     " AND +l.status", movable, NULL);
  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  relais_statement_bind_rows (st, 2, ids);
  relais_statement_bind_text (st, 3, target_kind_code (target->kind));
  relais_statement_bind_int64 (st, 4, target->id);
  bind_statuses (st, relais_lead_status_can_reassign, 5);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  result->moved = sqlite3_changes (handle);
  result->missing = (guint) (n_distinct - n_found);
  result->locked = (guint) (n_found - n_movable);
  result->unchanged = (guint) (n_movable - result->moved);
  result->journal_id = journal_id;

  if (result->moved == 0)
    return TRUE;   /* the caller rolls back the empty journal entry */

  st = relais_db_prepare (db,
                          "UPDATE lead SET status = ?1, partner_id = ?2, rep_id = ?3, queue_id = ?4,"
                          " rule_id = NULL, assignment_reason = '', assigned_at = ?5, accepted_at = NULL,"
                          " updated_at = ?6, revision = revision + 1"
                          " WHERE id IN (SELECT lead_id FROM lead_reassignment WHERE journal_id = ?7)",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_text (st, 1, relais_enum_code (&relais_lead_status_info, status));
  relais_statement_bind_id (st, 2, partner_id);
  relais_statement_bind_id (st, 3, rep_id);
  relais_statement_bind_id (st, 4, queue_id);
  if (partner_id != 0)
    relais_statement_bind_int64 (st, 5, now);
  else
    relais_statement_bind_null (st, 5);
  relais_statement_bind_int64 (st, 6, now);
  relais_statement_bind_int64 (st, 7, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  /* Each lead's history finds the entry. */
  st = relais_db_prepare (db,
                          "INSERT INTO journal_lead (journal_id, lead_id)"
                          " SELECT journal_id, lead_id FROM lead_reassignment WHERE journal_id = ?",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;

  changes = reassign_changes_json (db, journal_id, &info, status, result->moved, notify, error);
  if (changes == NULL)
    return FALSE;
  return set_journal_changes (db, journal_id, changes, error);
}

/**
 * relais_lead_assign:
 * @result: (out caller-allocates): what was done
 *
 * Returns: %TRUE on success (also when no lead needed to move: then
 *   @result->journal_id is 0 and nothing was written).
 */
gboolean
relais_lead_assign (RelaisDb                 *db,
                    const gint64             *ids,
                    gsize                     n_ids,
                    const RelaisAssignTarget *target,
                    gboolean                  notify,
                    RelaisAssignResult       *result,
                    GError                  **error)
{
  RelaisRows bound_ids = { ids, n_ids, 1 };
  RelaisAssignResult local_result = { 0 };
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (target->kind <= RELAIS_ASSIGN_TARGET_NOBODY, FALSE);

  if (result == NULL)
    result = &local_result;
  *result = (RelaisAssignResult) { 0 };

  relais_db_set_bulk (db, n_ids > 1000);
  if (!relais_db_begin (db, error))
    {
      relais_db_set_bulk (db, FALSE);
      return FALSE;
    }

  ok = assign_in_transaction (db, &bound_ids, target, notify, result, &local_error);
  if (ok && result->moved > 0)
    ok = relais_db_commit (db, &local_error);
  else if (ok)
    {
      relais_db_rollback (db);
      result->journal_id = 0;
    }
  else
    relais_db_rollback (db);
  relais_db_set_bulk (db, FALSE);
  if (!ok)
    {
      *result = (RelaisAssignResult) { 0 };
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Restores the rotations a run of the rules changed (listed in its journal
 * entry as { rule, before, after }), where nothing moved them since, and
 * deletes the routing history rows of the run for the leads that go back,
 * but those that say what a plain lead was (revision set): undo_plain_leads()
 * reads them first. */
static gboolean
undo_routing (RelaisDb    *db,
              gint64       journal_id,
              const char  *changes_json,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RelaisStatement) st = NULL;
  JsonObject *changes;
  JsonArray *rotations;

  st = relais_db_prepare (db,
                          "DELETE FROM lead_routing WHERE journal_id = ?1 AND revision IS NULL AND lead_id NOT IN"
                          " (SELECT r.lead_id FROM lead_reassignment r JOIN lead l ON l.id = r.lead_id"
                          "  WHERE r.journal_id = ?1 AND l.revision <> r.new_revision)",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);

  if (changes_json == NULL || !json_parser_load_from_data (parser, changes_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return TRUE;
  changes = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (changes, "rotations") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (changes, "rotations")))
    return TRUE;
  rotations = json_object_get_array_member (changes, "rotations");

  st = relais_db_prepare (db,
                          "UPDATE rule SET rotation = ?1, revision = revision + 1 WHERE id = ?2 AND rotation = ?3",
                          error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rotations); i++)
    {
      JsonNode *node = json_array_get_element (rotations, i);
      JsonObject *rotation;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      rotation = json_node_get_object (node);
      relais_statement_bind_text (st, 1, json_object_get_string_member_with_default (rotation, "before", ""));
      relais_statement_bind_int64 (st, 2, json_object_get_int_member_with_default (rotation, "rule", 0));
      relais_statement_bind_text (st, 3, json_object_get_string_member_with_default (rotation, "after", ""));
      if (!relais_statement_execute (st, error))
        return FALSE;
    }
  return TRUE;
}

/* Puts back the plain leads a run of the rules gave to a partner (new, held
 * by nobody, no rule, never assigned: see relais-schema-v7.sql) that are
 * still as the run left them, from their history rows of the run, and
 * deletes those rows. Returns how many, or -1 with @error set. */
static gint64
undo_plain_leads (RelaisDb  *db,
                  gint64     journal_id,
                  gint64     now,
                  GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GArray) ids = NULL;
  RelaisRows rows;

  st = relais_db_prepare (db,
                          "UPDATE lead SET status = 'new', queue_id = NULL, partner_id = NULL, rep_id = NULL,"
                          " rule_id = NULL, assignment_reason = '', assigned_at = NULL, accepted_at = NULL,"
                          " updated_at = ?1, revision = lead.revision + 1"
                          " FROM lead_routing h"
                          " WHERE h.journal_id = ?2 AND h.revision IS NOT NULL AND h.lead_id = lead.id"
                          " AND lead.revision = h.revision"
                          " RETURNING id",
                          error);
  if (st == NULL)
    return -1;
  relais_statement_bind_int64 (st, 1, now);
  relais_statement_bind_int64 (st, 2, journal_id);
  ids = relais_statement_collect_ids (st, error);
  if (ids == NULL)
    return -1;
  g_clear_object (&st);

  /* The rows of the leads changed since stay in their history. */
  rows = (RelaisRows) { (const gint64 *) (gpointer) ids->data, ids->len, 1 };
  st = relais_db_prepare (db,
                          "DELETE FROM lead_routing WHERE journal_id = ?1 AND revision IS NOT NULL"
                          " AND lead_id IN (SELECT c0 FROM relais_rows (?2))",
                          error);
  if (st == NULL)
    return -1;
  relais_statement_bind_int64 (st, 1, journal_id);
  relais_statement_bind_rows (st, 2, &rows);
  if (!relais_statement_execute (st, error))
    return -1;
  return ids->len;
}

static gboolean
undo_in_transaction (RelaisDb  *db,
                     gint64     journal_id,
                     guint     *n_restored,
                     guint     *n_conflicts,
                     GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *entry_changes = NULL;
  GError *local_error = NULL;
  gint64 total, undo_id, restored, n_plain;
  gint64 now = g_get_real_time ();
  gboolean undone;

  st = relais_db_prepare (db,
                          "SELECT uuid, undone, (SELECT count(*) FROM lead_reassignment WHERE journal_id = ?1)"
                          " + (SELECT count(*) FROM lead_routing WHERE journal_id = ?1 AND revision IS NOT NULL),"
                          " changes FROM journal WHERE id = ?1 AND action IN ('reassign', 'route', 'reroute')",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, RELAIS_LEAD_ASSIGN_ERROR, RELAIS_LEAD_ASSIGN_ERROR_NOT_FOUND,
                             _("This reassignment is no longer in the journal."));
      return FALSE;
    }
  uuid = g_strdup (relais_statement_get_text (st, 0));
  undone = relais_statement_get_int64 (st, 1) != 0;
  total = relais_statement_get_int64 (st, 2);
  entry_changes = g_strdup (relais_statement_get_text (st, 3));
  g_clear_object (&st);

  if (undone)
    {
      g_set_error_literal (error, RELAIS_LEAD_ASSIGN_ERROR, RELAIS_LEAD_ASSIGN_ERROR_UNDONE,
                           _("This reassignment was already undone."));
      return FALSE;
    }

  /* A run of the rules takes back the routing history it wrote, except for
   * the leads changed since, and gives the rules their rotation back. */
  if (!undo_routing (db, journal_id, entry_changes, error))
    return FALSE;

  /* Every lead still as the reassignment left it gets its old state back. */
  st = relais_db_prepare (db,
                          "UPDATE lead SET status = r.old_status, queue_id = r.old_queue_id,"
                          " partner_id = r.old_partner_id, rep_id = r.old_rep_id, rule_id = r.old_rule_id,"
                          " assignment_reason = r.old_assignment_reason, assigned_at = r.old_assigned_at,"
                          " accepted_at = r.old_accepted_at, updated_at = ?1, revision = lead.revision + 1"
                          " FROM lead_reassignment r"
                          " WHERE r.journal_id = ?2 AND r.lead_id = lead.id AND lead.revision = r.new_revision",
                          error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, now);
  relais_statement_bind_int64 (st, 2, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;
  g_clear_object (&st);
  restored = sqlite3_changes (relais_db_get_handle (db));

  /* And the plain leads of a run of the rules. */
  n_plain = undo_plain_leads (db, journal_id, now, error);
  if (n_plain < 0)
    return FALSE;

  *n_restored = (guint) (restored + n_plain);
  *n_conflicts = (guint) (total - *n_restored);

  /* The reassignment leaves the leads' histories; the undo is kept in the
   * journal (for sync and audit) without a line in each history. */
  st = relais_db_prepare (db, "UPDATE journal SET undone = 1 WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, journal_id);
  if (!relais_statement_execute (st, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "undoes");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "restored");
  json_builder_add_int_value (builder, *n_restored);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_add_int_value (builder, *n_conflicts);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  changes = json_to_string (root, FALSE);

  undo_id = relais_journal_append (db, "undo", "journal", uuid, changes, error);
  return undo_id != 0;
}

gboolean
relais_lead_assign_undo (RelaisDb  *db,
                         gint64     journal_id,
                         guint     *n_restored,
                         guint     *n_conflicts,
                         GError   **error)
{
  guint restored = 0, conflicts = 0;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  relais_db_set_bulk (db, TRUE);
  if (!relais_db_begin (db, error))
    {
      relais_db_set_bulk (db, FALSE);
      return FALSE;
    }

  ok = undo_in_transaction (db, journal_id, &restored, &conflicts, &local_error);
  if (ok)
    ok = relais_db_commit (db, &local_error);
  else
    relais_db_rollback (db);
  relais_db_set_bulk (db, FALSE);
  if (!ok)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (n_restored != NULL)
    *n_restored = restored;
  if (n_conflicts != NULL)
    *n_conflicts = conflicts;
  return TRUE;
}

/**
 * relais_lead_assign_open_ids:
 *
 * For a partner: the leads it holds and has not yet worked with the customer
 * (Partner assigned, Assigned to rep, Actively working). For a queue: the
 * leads waiting in it that may still move.
 *
 * Returns: (transfer full) (element-type gint64): the ids, oldest first, or
 *   %NULL with @error set.
 */
GArray *
relais_lead_assign_open_ids (RelaisDb  *db,
                             gint64     partner_id,
                             gint64     queue_id,
                             GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *sql = NULL;
  StatusFilter keep = partner_id != 0 ? status_held_movable : relais_lead_status_can_reassign;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail ((partner_id != 0) != (queue_id != 0), NULL);

  statuses = status_placeholders (keep, 2);
  sql = g_strconcat (partner_id != 0
                     ? "SELECT id FROM lead WHERE partner_id = ?1 AND status"
                     : "SELECT id FROM lead WHERE queue_id = ?1 AND status",
                     statuses, " ORDER BY created_at, id", NULL);
  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, partner_id != 0 ? partner_id : queue_id);
  bind_statuses (st, keep, 2);
  return relais_statement_collect_ids (st, error);
}

/* ------------------------------------------------------------------------ */
/* Targets                                                                   */

void
relais_assign_target_info_free (RelaisAssignTargetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->partner_name);
  g_free (info->detail);
  g_free (info);
}

static RelaisAssignTargetInfo *
target_info_new (RelaisAssignTargetKind kind,
                 gint64                 id,
                 const char            *name)
{
  RelaisAssignTargetInfo *info = g_new0 (RelaisAssignTargetInfo, 1);

  info->target.kind = kind;
  info->target.id = id;
  info->name = g_strdup (name);
  info->partner_name = g_strdup ("");
  info->detail = g_strdup ("");
  info->active = TRUE;
  return info;
}

GPtrArray *
relais_lead_assign_list_targets (RelaisDb  *db,
                                 GError   **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_assign_target_info_free);
  g_autoptr(GHashTable) reps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT id, name FROM queue ORDER BY name COLLATE NOCASE, id", error);
  if (st == NULL)
    return NULL;
  while (relais_statement_next (st, &local_error))
    g_ptr_array_add (targets, target_info_new (RELAIS_ASSIGN_TARGET_QUEUE,
                                               relais_statement_get_int64 (st, 0),
                                               relais_statement_get_text (st, 1)));
  if (local_error != NULL)
    goto failed;
  g_clear_object (&st);

  /* Reps first, grouped by partner, to follow each partner below. */
  st = relais_db_prepare (db,
                          "SELECT c.id, trim(c.first_name || ' ' || c.last_name), c.email, c.partner_id, p.name"
                          " FROM contact c JOIN partner p ON p.id = c.partner_id"
                          " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id",
                          error);
  if (st == NULL)
    return NULL;
  while (relais_statement_next (st, &local_error))
    {
      gint64 partner_id = relais_statement_get_int64 (st, 3);
      GPtrArray *list = g_hash_table_lookup (reps, &partner_id);
      RelaisAssignTargetInfo *rep = target_info_new (RELAIS_ASSIGN_TARGET_REP,
                                                     relais_statement_get_int64 (st, 0),
                                                     relais_statement_get_text (st, 1));

      g_free (rep->detail);
      rep->detail = g_strdup (relais_statement_get_text (st, 2));
      g_free (rep->partner_name);
      rep->partner_name = g_strdup (relais_statement_get_text (st, 4));
      rep->partner_id = partner_id;
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (reps, g_memdup2 (&partner_id, sizeof partner_id), list);
        }
      g_ptr_array_add (list, rep);
    }
  if (local_error != NULL)
    goto failed;
  g_clear_object (&st);

  /* Open leads per partner (as the Partners section counts them): a few seeks
   * on lead_partner (partner_id, status). */
  st = relais_db_prepare (db,
                          "SELECT p.id, p.name, p.country, p.capacity, p.active, coalesce(p.out_of_office_until, 0),"
                          " (SELECT count(*) FROM lead WHERE partner_id = p.id"
                          "  AND status IN ('partner_assigned', 'assigned_to_rep', 'actively_working', 'contacted'))"
                          " FROM partner p ORDER BY p.name COLLATE NOCASE, p.id",
                          error);
  if (st == NULL)
    return NULL;
  while (relais_statement_next (st, &local_error))
    {
      gint64 partner_id = relais_statement_get_int64 (st, 0);
      RelaisAssignTargetInfo *partner = target_info_new (RELAIS_ASSIGN_TARGET_PARTNER, partner_id,
                                                         relais_statement_get_text (st, 1));
      GPtrArray *list = g_hash_table_lookup (reps, &partner_id);

      g_free (partner->detail);
      partner->detail = g_strdup (relais_statement_get_text (st, 2));
      partner->partner_id = partner_id;
      partner->capacity = relais_statement_get_int64 (st, 3);
      partner->active = relais_statement_get_int64 (st, 4) != 0;
      partner->out_of_office_until = relais_statement_get_int64 (st, 5);
      partner->open_leads = relais_statement_get_int64 (st, 6);
      g_ptr_array_add (targets, partner);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          RelaisAssignTargetInfo *rep = g_ptr_array_index (list, i);

          rep->active = partner->active;
          rep->out_of_office_until = partner->out_of_office_until;
          g_ptr_array_add (targets, rep);
        }
      if (list != NULL)
        g_ptr_array_set_size (list, 0);   /* now owned by targets */
    }
  if (local_error != NULL)
    goto failed;

  return g_steal_pointer (&targets);

failed:
  /* Reps not handed over yet are freed with their lists. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, reps);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_set_free_func (value, (GDestroyNotify) relais_assign_target_info_free);
  }
  g_propagate_error (error, local_error);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* In a worker thread                                                        */

typedef struct {
  char               *path;
  GArray             *ids;
  RelaisAssignTarget  target;
  gboolean            notify;
  gint64              journal_id;
  RelaisAssignResult  result;
  guint               restored;
  guint               conflicts;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static void
assign_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *data = task_data;
  g_autoptr(RelaisDb) db = NULL;
  GError *error = NULL;

  db = relais_db_open_for_job (data->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->ids != NULL)
    {
      if (!relais_lead_assign (db, (const gint64 *) data->ids->data, data->ids->len,
                               &data->target, data->notify, &data->result, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
    }
  else
    {
      if (!relais_lead_assign_undo (db, data->journal_id, &data->restored, &data->conflicts, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
    }
  /* The window has its answer; the log is copied into the file here. */
  relais_db_checkpoint (db);
}

void
relais_lead_assign_async (const char                *path,
                          GArray                    *ids,
                          const RelaisAssignTarget  *target,
                          gboolean                   notify,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncData *data = g_new0 (AsyncData, 1);

  g_return_if_fail (path != NULL && ids != NULL && target != NULL);

  data->path = g_strdup (path);
  data->ids = g_array_ref (ids);
  data->target = *target;
  data->notify = notify;
  g_task_set_source_tag (task, relais_lead_assign_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, assign_thread);
}

gboolean
relais_lead_assign_finish (GAsyncResult        *result,
                           RelaisAssignResult  *out,
                           GError             **error)
{
  AsyncData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == relais_lead_assign_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out != NULL)
    *out = data->result;
  return TRUE;
}

void
relais_lead_assign_undo_async (const char          *path,
                               gint64               journal_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncData *data = g_new0 (AsyncData, 1);

  g_return_if_fail (path != NULL);

  data->path = g_strdup (path);
  data->journal_id = journal_id;
  g_task_set_source_tag (task, relais_lead_assign_undo_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, assign_thread);
}

gboolean
relais_lead_assign_undo_finish (GAsyncResult  *result,
                                guint         *n_restored,
                                guint         *n_conflicts,
                                GError       **error)
{
  AsyncData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == relais_lead_assign_undo_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_restored != NULL)
    *n_restored = data->restored;
  if (n_conflicts != NULL)
    *n_conflicts = data->conflicts;
  return TRUE;
}

static void
list_targets_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(RelaisDb) db = NULL;
  GPtrArray *targets;
  GError *error = NULL;

  db = relais_db_open_for_job (task_data, &error);
  if (db == NULL || (targets = relais_lead_assign_list_targets (db, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, targets, (GDestroyNotify) g_ptr_array_unref);
}

void
relais_lead_assign_list_targets_async (const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (path != NULL);

  g_task_set_source_tag (task, relais_lead_assign_list_targets_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, list_targets_thread);
}

/**
 * relais_lead_assign_list_targets_finish:
 *
 * Returns: (transfer full) (element-type RelaisAssignTargetInfo): the targets,
 *   or %NULL with @error set.
 */
GPtrArray *
relais_lead_assign_list_targets_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
