/* relais-lead-detail.h — the detail pane of one lead: every field, edited and
 * saved; status changes (with the rejection form); notes; history; deletion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_LEAD_DETAIL (relais_lead_detail_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadDetail, relais_lead_detail, RELAIS, LEAD_DETAIL, GtkWidget)

/* Signals:
 *   "changed" (gint64 lead_id): the lead was saved, changed status, got a note
 *       or was deleted; a list showing it should read its row again.
 *   "deleted" (gint64 lead_id): the lead was deleted (after "changed").
 *   "toast"   (const char *message): a short confirmation for the window to show.
 */

GtkWidget *relais_lead_detail_new         (void);

/* Shows lead @lead_id of @db; 0 shows "No Lead Selected". Unsaved edits of the
 * lead shown before are saved first (a failure is told with a "toast"). */
void       relais_lead_detail_set_lead    (RelaisLeadDetail *self,
                                           RelaisDb         *db,
                                           gint64            lead_id);
gint64     relais_lead_detail_get_lead_id (RelaisLeadDetail *self);

/* While no lead is shown: how many are selected in the list (0 or several),
 * and what can be done with them. */
void       relais_lead_detail_set_n_selected (RelaisLeadDetail *self,
                                              guint             n_selected);

/* Reads the lead again (it was changed elsewhere: a reassignment, sync),
 * keeping the edits not saved yet. */
void       relais_lead_detail_reload      (RelaisLeadDetail *self);

/* Whether there are edits not saved yet. */
gboolean   relais_lead_detail_has_changes (RelaisLeadDetail *self);

G_END_DECLS
