/* relais-rule-list.h — the Rules section: the assignment rules in the order
 * they are tried (reordered by drag or with Alt+Up / Alt+Down), switched on
 * and off, created, edited and deleted; the Automatic mode setting; and,
 * beside them, the preview of what the rules would do with the unassigned
 * leads, which Apply then writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_RULE_LIST (relais_rule_list_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRuleList, relais_rule_list, RELAIS, RULE_LIST, GtkWidget)

/* Signals:
 *   "changed": rules were added, deleted, reordered or changed (the window
 *       updates its subtitle).
 *   "leads-changed": leads were assigned by Apply, or given back by its Undo:
 *       lead lists and partner counts should be read again.
 * Errors are shown through the window's "win.show-error" action; the toast
 * after Apply (with Undo) goes to the nearest AdwToastOverlay above. */

/* Reads the rules of @db again (and the partner and queue names they show),
 * keeping the selection. */
gboolean  relais_rule_list_reload      (RelaisRuleList  *self,
                                        RelaisDb        *db,
                                        GError         **error);
/* Shows where the rules would send the leads @ids (a selection of the list). */
void      relais_rule_list_preview_leads (RelaisRuleList *self,
                                          GArray         *ids);
/* Returns: (transfer full): "3 rules, 2 enabled", for the window's subtitle. */
char     *relais_rule_list_dup_summary (RelaisRuleList  *self);

G_END_DECLS
