/* relais-assign-item.h — a place leads can be given to (a partner, one of its
 * reps, a queue, or nobody), as the drop panel and "Assign to…" show it; and
 * the leads a drag carries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-lead-assign.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_ASSIGN_ITEM (relais_assign_item_get_type ())
G_DECLARE_FINAL_TYPE (RelaisAssignItem, relais_assign_item, RELAIS, ASSIGN_ITEM, GObject)

/* Takes @info. */
RelaisAssignItem         *relais_assign_item_new            (RelaisAssignTargetInfo *info);
/* "Unassigned": no partner, no queue. */
RelaisAssignItem         *relais_assign_item_new_nobody     (void);
const RelaisAssignTarget *relais_assign_item_get_target     (RelaisAssignItem       *self);
const RelaisAssignTargetInfo *relais_assign_item_get_info   (RelaisAssignItem       *self);
/* What a row shows: "Acme", "Marie Curie"; and below it "12 of 50 open leads",
 * "Sales rep of Acme", "Queue"… */
const char               *relais_assign_item_get_title      (RelaisAssignItem       *self);
char                     *relais_assign_item_dup_subtitle   (RelaisAssignItem       *self);
/* "Inactive", "Out of office", "Over capacity" or NULL. */
const char               *relais_assign_item_get_warning    (RelaisAssignItem       *self);
const char               *relais_assign_item_get_icon_name  (RelaisAssignItem       *self);
/* The name for a toast or a dialog: "Acme", "Marie Curie (Acme)". */
char                     *relais_assign_item_dup_display_name (RelaisAssignItem     *self);
/* The row's name for a screen reader: title, subtitle and warning. */
char                     *relais_assign_item_dup_accessible_name (RelaisAssignItem  *self);
/* Whether the item's name (or, for a partner, a rep's) holds @folded (text
 * already folded by relais_search_fold()). */
gboolean                  relais_assign_item_matches        (RelaisAssignItem       *self,
                                                             const char             *folded);
/* Why giving @n_leads more leads to this target needs a confirmation (a
 * translated sentence), or NULL when it does not. */
char                     *relais_assign_item_dup_concern    (RelaisAssignItem       *self,
                                                             guint                   n_leads);

/* Every target of @targets (taken; from relais_lead_assign_list_targets()): @top holds "Unassigned", the queues and the
 * partners; @flat the same with each partner's reps after it; @reps maps a
 * partner id (gint64 *) to a GListStore of its reps. */
/* Takes @info, a newer reading of the same target (kind, id and name);
 * emits "changed" when the row shows something else now (open leads,
 * capacity, availability). */
void                      relais_assign_item_update         (RelaisAssignItem       *self,
                                                             RelaisAssignTargetInfo *info);
/* Whether @info names the same target as @self, under the same name. */
gboolean                  relais_assign_item_is_same        (RelaisAssignItem       *self,
                                                             const RelaisAssignTargetInfo *info);

void                      relais_assign_items_build         (GPtrArray              *targets,
                                                             GListStore            **top,
                                                             GListStore            **flat,
                                                             GHashTable            **reps);

/* What a drag from the lead list carries: the ids of the leads. */
#define RELAIS_TYPE_LEAD_DRAG (relais_lead_drag_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadDrag, relais_lead_drag, RELAIS, LEAD_DRAG, GObject)

RelaisLeadDrag *relais_lead_drag_new     (GArray         *ids);
GArray         *relais_lead_drag_get_ids (RelaisLeadDrag *self);

G_END_DECLS
