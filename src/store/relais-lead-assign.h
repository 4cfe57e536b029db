/* relais-lead-assign.h — reassigning many leads at once (a drop on a partner, a
 * rep or a queue; "Assign to…"), and undoing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-lead.h"

G_BEGIN_DECLS

#define RELAIS_LEAD_ASSIGN_ERROR (relais_lead_assign_error_quark ())

typedef enum {
  RELAIS_LEAD_ASSIGN_ERROR_NOT_FOUND,   /* the target (partner, rep, queue) is gone */
  RELAIS_LEAD_ASSIGN_ERROR_UNDONE,      /* the reassignment was already undone */
} RelaisLeadAssignError;

GQuark relais_lead_assign_error_quark (void);

/* Where leads go. */
typedef enum {
  RELAIS_ASSIGN_TARGET_PARTNER,   /* status Partner assigned, no rep, no queue */
  RELAIS_ASSIGN_TARGET_REP,       /* the rep's partner, status Assigned to rep */
  RELAIS_ASSIGN_TARGET_QUEUE,     /* unassigned (New), waiting in that queue */
  RELAIS_ASSIGN_TARGET_NOBODY,    /* unassigned (New), in no queue; id is 0 */
} RelaisAssignTargetKind;

typedef struct {
  RelaisAssignTargetKind kind;
  gint64                 id;      /* partner, contact or queue id */
} RelaisAssignTarget;

/* What one reassignment did. */
typedef struct {
  gint64 journal_id;   /* the entry to give relais_lead_assign_undo(); 0 if nothing moved */
  guint  moved;        /* leads that changed hands */
  guint  unchanged;    /* leads already there */
  guint  locked;       /* leads too far along to move (Contacted and after) */
  guint  missing;      /* ids no longer in the store */
} RelaisAssignResult;

/* Reassigns the leads @ids (@n_ids of them) to @target in one transaction with
 * one journal entry (action "reassign": who, when, which leads, from → to,
 * whether to @notify the partner). Leads that may not move (relais_lead_status_can_reassign()), are already there or
 * are gone are counted in @result and left alone. Each moved lead's previous
 * queue, partner, rep, rule, status and times are kept for
 * relais_lead_assign_undo(). Nothing is written on error. */
gboolean relais_lead_assign                (RelaisDb                  *db,
                                            const gint64              *ids,
                                            gsize                      n_ids,
                                            const RelaisAssignTarget  *target,
                                            gboolean                   notify,
                                            RelaisAssignResult        *result,
                                            GError                   **error);

/* Restores, in one transaction, the queue, partner, rep, rule, status and times
 * every lead had before reassignment @journal_id, and records the undo in the
 * journal. A lead changed since (by hand or by sync) keeps its newer state and is
 * counted in @n_conflicts. */
gboolean relais_lead_assign_undo           (RelaisDb                  *db,
                                            gint64                     journal_id,
                                            guint                     *n_restored,
                                            guint                     *n_conflicts,
                                            GError                   **error);

/* The ids of the open leads (not yet won, closed or rejected) held by partner
 * @partner_id, or waiting in queue @queue_id (pass 0 for the other). */
GArray  *relais_lead_assign_open_ids       (RelaisDb                  *db,
                                            gint64                     partner_id,
                                            gint64                     queue_id,
                                            GError                   **error);

/* The name shown for @target ("Acme", "Marie Curie (Acme)", "Queue France"),
 * or NULL with @error set if it is gone. */
char    *relais_lead_assign_target_name    (RelaisDb                  *db,
                                            const RelaisAssignTarget  *target,
                                            GError                   **error);

/* One place leads can go, as the drop panel and "Assign to…" list them. */
typedef struct {
  RelaisAssignTarget target;
  char    *name;                 /* the partner, queue or rep's own name */
  char    *partner_name;         /* a rep's partner */
  char    *detail;               /* a rep's e-mail; a partner's country */
  gint64   partner_id;           /* a partner's or a rep's partner */
  gint64   open_leads;           /* partners: open leads held */
  gint64   capacity;             /* partners: how many open leads they take */
  gboolean active;               /* partners (a rep follows its partner) */
  gint64   out_of_office_until;  /* partners: µs since the epoch, or 0 */
} RelaisAssignTargetInfo;

void     relais_assign_target_info_free (RelaisAssignTargetInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisAssignTargetInfo, relais_assign_target_info_free)

/* Every target: queues by name, then partners by name, each followed by its
 * reps (contacts with the sales rep or partner admin role) by name.
 * Returns: (transfer full) (element-type RelaisAssignTargetInfo). */
GPtrArray *relais_lead_assign_list_targets (RelaisDb  *db,
                                            GError   **error);

/* relais_lead_assign() and relais_lead_assign_undo() on a connection of their
 * own in a worker thread (the store at @path), so that the window keeps
 * drawing while thousands of leads move. */
void     relais_lead_assign_async          (const char                *path,
                                            GArray                    *ids,
                                            const RelaisAssignTarget  *target,
                                            gboolean                   notify,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
gboolean relais_lead_assign_finish         (GAsyncResult              *result,
                                            RelaisAssignResult        *out,
                                            GError                   **error);
void     relais_lead_assign_undo_async     (const char                *path,
                                            gint64                     journal_id,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
gboolean relais_lead_assign_undo_finish    (GAsyncResult              *result,
                                            guint                     *n_restored,
                                            guint                     *n_conflicts,
                                            GError                   **error);

/* relais_lead_assign_list_targets() in a worker thread, on a connection of its own. */
void       relais_lead_assign_list_targets_async  (const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *relais_lead_assign_list_targets_finish (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
