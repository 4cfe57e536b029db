/* relais-rule-store.h — the assignment rules in the store, and the routing
 * runs that feed them to the engine (src/core/relais-routing.h): preview,
 * apply (undoable like a drop), automatic routing of new leads, rerouting of
 * leads nobody accepted, and the explanation of each lead's routing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-routing.h"

G_BEGIN_DECLS

#define RELAIS_RULE_STORE_ERROR (relais_rule_store_error_quark ())

typedef enum {
  RELAIS_RULE_STORE_ERROR_NOT_FOUND,   /* the rule is gone */
} RelaisRuleStoreError;

GQuark relais_rule_store_error_quark (void);

/* --- Rules ------------------------------------------------------------------ */

/* Returns: (transfer full) (element-type RelaisRoutingRule): every rule in the
 * order they are tried (position, then id), with criteria, members and
 * rotation; %NULL with @error set. */
GPtrArray *relais_rule_store_list        (RelaisDb                *db,
                                          GError                 **error);
/* Returns: (transfer full) (nullable): the rule @id, or %NULL with @error set. */
RelaisRoutingRule *relais_rule_store_get (RelaisDb                *db,
                                          gint64                   id,
                                          GError                 **error);
/* Writes @rule (validated by relais_routing_rule_validate()) as a new rule
 * after the others, with its criteria and members, and one journal entry;
 * sets @rule->id and @rule->position. */
gboolean   relais_rule_store_create      (RelaisDb                *db,
                                          RelaisRoutingRule       *rule,
                                          GError                 **error);
/* Writes @rules (element-type RelaisRoutingRule), each validated, as new
 * rules after the others in their order, in one transaction: all or none.
 * Sets the id and position of each; on failure they are left as they were. */
gboolean   relais_rule_store_create_all  (RelaisDb                *db,
                                          GPtrArray               *rules,
                                          GError                 **error);
/* Writes the fields, criteria and members of @rule (validated) over the
 * stored rule @rule->id. Its position and rotation are kept: rotation counts
 * are data that only the routing runs change. */
gboolean   relais_rule_store_update      (RelaisDb                *db,
                                          const RelaisRoutingRule *rule,
                                          GError                 **error);
/* Moves rule @id to @index (0: tried first) among all rules, renumbering. */
gboolean   relais_rule_store_move        (RelaisDb                *db,
                                          gint64                   id,
                                          guint                    index,
                                          GError                 **error);
gboolean   relais_rule_store_set_enabled (RelaisDb                *db,
                                          gint64                   id,
                                          gboolean                 enabled,
                                          GError                 **error);
/* Deletes rule @id; leads it assigned keep their holder. */
gboolean   relais_rule_store_delete      (RelaisDb                *db,
                                          gint64                   id,
                                          GError                 **error);

/* Returns: (transfer full): an engine loaded with every partner (with its
 * open leads), every rep (as candidates of reps pools), the queues and the
 * rules of @db; %NULL with @error set. */
RelaisRouting *relais_rule_store_load_routing (RelaisDb  *db,
                                               GError   **error);

/* --- Preview and apply ------------------------------------------------------ */

/* What the rules would do with a set of leads: the engine's decisions, the
 * distribution, and what Apply needs to write exactly that — each lead's
 * revision at the time, and each rule's rotation before and after. */
typedef struct _RelaisRulePreviewResult RelaisRulePreviewResult;

void                        relais_rule_preview_result_free         (RelaisRulePreviewResult *result);
/* Returns: (transfer none): the distribution (leads per target, those left). */
const RelaisRoutingSummary *relais_rule_preview_result_get_summary  (RelaisRulePreviewResult *result);
/* Returns: (transfer none): the decisions, one per lead routed. */
GArray                     *relais_rule_preview_result_get_decisions (RelaisRulePreviewResult *result);
/* Returns: (transfer none) (nullable): the name rule @rule_id had. */
const char                 *relais_rule_preview_result_get_rule_name (RelaisRulePreviewResult *result,
                                                                      gint64                   rule_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRulePreviewResult, relais_rule_preview_result_free)

/* Runs the enabled rules over @ids (@n_ids of them; %NULL: every unassigned
 * lead — New, held by nobody, waiting in no queue — oldest first) at @now
 * without writing anything. Leads that are not unassigned are left out.
 * Returns: (transfer full): the result, or %NULL with @error set. */
RelaisRulePreviewResult *relais_rule_store_preview (RelaisDb      *db,
                                                    const gint64  *ids,
                                                    gsize          n_ids,
                                                    gint64         now,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

/* The same over a selection of the list, @ids: every lead that may still
 * move (relais_lead_status_can_reassign()), assigned or not. Applied, a lead
 * the rules give to the one who holds it already stays as it is. */
RelaisRulePreviewResult *relais_rule_store_preview_selection (RelaisDb      *db,
                                                              const gint64  *ids,
                                                              gsize          n_ids,
                                                              gint64         now,
                                                              GCancellable  *cancellable,
                                                              GError       **error);

typedef struct {
  gint64 journal_id;   /* give it to relais_lead_assign_undo(); 0 if nothing was written */
  guint  n_assigned;   /* leads given to a partner or a rep */
  guint  n_queued;     /* leads placed in a queue */
  guint  n_unassigned; /* leads the rules left where they were (the reason is kept) */
  guint  n_changed;    /* leads changed since the preview, left alone */
} RelaisRuleApplyResult;

/* Writes @preview in one transaction: each lead still as it was at the
 * preview gets its decision (holder, status, rule, explanation in its
 * routing history), each rule its rotation (merged with relais_rotation_merge()
 * if it changed meanwhile), and one journal entry (action "route") that
 * relais_lead_assign_undo() undoes. Leads changed since are left alone. */
gboolean relais_rule_store_apply  (RelaisDb                *db,
                                   RelaisRulePreviewResult *preview,
                                   RelaisRuleApplyResult   *result,
                                   GError                 **error);

/* Preview and apply in one go, in one transaction (automatic mode, the
 * command line). With @dry_run, nothing is written. @summary, if not %NULL,
 * receives the distribution. */
gboolean relais_rule_store_route  (RelaisDb                *db,
                                   const gint64            *ids,
                                   gsize                    n_ids,
                                   gboolean                 dry_run,
                                   RelaisRoutingSummary   **summary,
                                   RelaisRuleApplyResult   *result,
                                   GError                 **error);

/* Automatic mode: routes the leads that journal entry @journal_id brought in
 * (an import, a sync) and that are still unassigned, in one transaction. */
gboolean relais_rule_store_route_arrivals (RelaisDb              *db,
                                           gint64                 journal_id,
                                           RelaisRuleApplyResult *result,
                                           GError               **error);

/* Gives each lead due for rerouting at @now (assigned by a rule that
 * reroutes, not accepted in time) to the next eligible member of its rule,
 * in one transaction with one journal entry (action "reroute", undoable);
 * each hop is kept in the lead's routing history. */
gboolean relais_rule_store_reroute (RelaisDb              *db,
                                    gint64                 now,
                                    gboolean               dry_run,
                                    RelaisRuleApplyResult *result,
                                    GError               **error);

/* Returns: (transfer full) (nullable): the latest routing of lead @lead_id in
 * plain words (relais_routing_explain()), or %NULL when the rules never
 * looked at it (and no error) or on error. */
char    *relais_rule_store_dup_explanation (RelaisDb  *db,
                                            gint64     lead_id,
                                            GError   **error);

/* Worker-thread variants on a connection of their own to the store at @path. */
void     relais_rule_store_preview_async  (const char              *path,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
RelaisRulePreviewResult *relais_rule_store_preview_finish (GAsyncResult  *result,
                                                           GError       **error);
/* relais_rule_store_reroute() at the time of the call, writing. */
void     relais_rule_store_reroute_async  (const char              *path,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
gboolean relais_rule_store_reroute_finish (GAsyncResult            *result,
                                           RelaisRuleApplyResult   *out,
                                           GError                 **error);
/* relais_rule_store_preview_selection() in a worker thread; finish with
 * relais_rule_store_preview_finish(). */
void     relais_rule_store_preview_selection_async (const char    *path,
                                                    GArray        *ids,
                                                    GCancellable  *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer       user_data);
/* Takes a reference on nothing: @preview must live until the callback. */
void     relais_rule_store_apply_async    (const char              *path,
                                           RelaisRulePreviewResult *preview,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
gboolean relais_rule_store_apply_finish   (GAsyncResult            *result,
                                           RelaisRuleApplyResult   *out,
                                           GError                 **error);

G_END_DECLS
