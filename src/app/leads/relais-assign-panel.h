/* relais-assign-panel.h — beside the lead list: the partners (with their reps),
 * queues and "Unassigned", each a drop target for a selection of leads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-assign-item.h"
#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_ASSIGN_PANEL (relais_assign_panel_get_type ())
G_DECLARE_FINAL_TYPE (RelaisAssignPanel, relais_assign_panel, RELAIS, ASSIGN_PANEL, GtkWidget)

/* Signals:
 *   "dropped" (RelaisAssignItem *target, RelaisLeadDrag *leads): leads were dropped on a target.
 *   "activated" (RelaisAssignItem *target): a target was chosen with the keyboard
 *     (or a double click): the selected leads go there.
 *   "loaded": the targets were read (again).
 *   "failed" (GError *): reading them failed. */

/* Reads the targets (and their open lead counts) again, in the background, from
 * the store at @path. Signal "loaded" when done. */
void        relais_assign_panel_reload        (RelaisAssignPanel *self,
                                               const char        *path);
/* Every target as one flat list (partners followed by their reps), for
 * "Assign to…"; empty until loaded. */
GListModel *relais_assign_panel_get_targets   (RelaisAssignPanel *self);
/* Whether "notify the partner" is ticked. */
gboolean relais_assign_panel_get_notify (RelaisAssignPanel *self);

G_END_DECLS
