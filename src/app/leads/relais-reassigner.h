/* relais-reassigner.h — what happens when leads are dropped on a target or
 * given one with "Assign to…": the confirmation when the partner is inactive,
 * away or full, the write in the background, the toast with Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-assign-item.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_REASSIGNER (relais_reassigner_get_type ())
G_DECLARE_FINAL_TYPE (RelaisReassigner, relais_reassigner, RELAIS, REASSIGNER, GObject)

/* Signals:
 *   "changed" (GArray *ids): leads (some of @ids) were reassigned or restored.
 *   "error" (const char *message): something failed; nothing was changed.
 * Property "can-undo": an Undo toast is up. */
RelaisReassigner *relais_reassigner_new      (GtkWindow        *window,
                                              AdwToastOverlay  *overlay,
                                              const char       *path);
/* Gives the leads @ids to @target (asking first if the target is inactive,
 * out of office or over capacity). */
void              relais_reassigner_assign   (RelaisReassigner *self,
                                              GArray           *ids,
                                              RelaisAssignItem *target,
                                              gboolean          notify);
/* The same without asking (relais-bench). */
void              relais_reassigner_assign_without_asking (RelaisReassigner *self,
                                                           GArray           *ids,
                                                           RelaisAssignItem *target,
                                                           gboolean          notify);
/* The journal entry of the last reassignment that Undo would undo, or 0. */
gint64            relais_reassigner_get_undo_journal_id (RelaisReassigner *self);
gboolean          relais_reassigner_can_undo (RelaisReassigner *self);
/* Undoes the last reassignment while its toast is up. */
void              relais_reassigner_undo     (RelaisReassigner *self);
/* Whether a reassignment or an undo is being written. */
gboolean          relais_reassigner_is_busy  (RelaisReassigner *self);

G_END_DECLS
