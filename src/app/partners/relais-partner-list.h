/* relais-partner-list.h — the Partners section: the partner accounts with a
 * search by name, the detail pane of the selected one, "New Partner" and the
 * management of the queues.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_PARTNER_LIST (relais_partner_list_get_type ())
G_DECLARE_FINAL_TYPE (RelaisPartnerList, relais_partner_list, RELAIS, PARTNER_LIST, GtkWidget)

/* Signals:
 *   "changed": partners were added, deleted, renamed or changed (the window
 *       updates its subtitle; lists of partners elsewhere read them again).
 *   "leads-changed": leads were moved (a partner deactivated, a queue deleted):
 *       lead lists should read them again.
 *   "reloaded": the partners were read from the store again (the section
 *       reads them when it is shown: the counts in its summary change).
 * Toasts and errors are shown through the window's "win.show-toast" and
 * "win.show-error" actions. */

gboolean  relais_partner_list_reload      (RelaisPartnerList  *self,
                                           RelaisDb           *db,
                                           GError            **error);
char     *relais_partner_list_dup_summary (RelaisPartnerList  *self);

G_END_DECLS
