/* relais-partner-detail.h — the detail pane of one partner account: its
 * fields, edited and saved; the Active switch (asking what happens to the
 * partner's open leads); its contacts; deletion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"
#include "relais-partner.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_PARTNER_DETAIL (relais_partner_detail_get_type ())
G_DECLARE_FINAL_TYPE (RelaisPartnerDetail, relais_partner_detail, RELAIS, PARTNER_DETAIL, GtkWidget)

/* Signals:
 *   "changed" (gint64 partner_id): the partner was saved, (de)activated or got
 *       contacts; a list showing it should read its row again.
 *   "deleted" (gint64 partner_id): the partner was deleted.
 *   "leads-changed": leads were moved to another partner, a queue or nobody.
 *   "toast" (const char *message): a short confirmation for the window to show.
 */

/* Shows partner @partner_id of @db; 0 shows "No Partner Selected". Unsaved
 * edits of the partner shown before are saved first (a failure is told with
 * a "toast"). */
void        relais_partner_detail_set_partner    (RelaisPartnerDetail *self,
                                                  RelaisDb            *db,
                                                  gint64               partner_id);
gint64      relais_partner_detail_get_partner_id (RelaisPartnerDetail *self);

/* Whether there are edits not saved yet. */
gboolean    relais_partner_detail_has_changes    (RelaisPartnerDetail *self);

/* "Available", "Inactive", "Out of office" or "Over capacity": what a
 * partner's state means for routing, at time @now (µs since the epoch). */
const char *relais_partner_availability_label    (gboolean             active,
                                                  gint64               out_of_office_until,
                                                  gint64               open_leads,
                                                  gint64               capacity,
                                                  gint64               now);

G_END_DECLS
