/* relais-assign-dialog.h — "Assign to…": the drop targets in a searchable list,
 * for the keyboard (and anyone who would rather not drag).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-assign-item.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_ASSIGN_DIALOG (relais_assign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisAssignDialog, relais_assign_dialog, RELAIS, ASSIGN_DIALOG, AdwWindow)

/* Signal "chosen" (RelaisAssignItem *target, gboolean notify): emitted when
 * the user picks a target; the dialog closes itself. */
/* @targets: every target (relais_assign_panel_get_targets()). */
RelaisAssignDialog *relais_assign_dialog_new (GtkWindow  *parent,
                                              GListModel *targets,
                                              guint       n_leads);

G_END_DECLS
