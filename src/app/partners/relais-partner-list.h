/* relais-partner-list.h — the list of partner accounts of the Partners section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_PARTNER_LIST (relais_partner_list_get_type ())
G_DECLARE_FINAL_TYPE (RelaisPartnerList, relais_partner_list, RELAIS, PARTNER_LIST, GtkWidget)

gboolean  relais_partner_list_reload      (RelaisPartnerList  *self,
                                           RelaisDb           *db,
                                           GError            **error);
char     *relais_partner_list_dup_summary (RelaisPartnerList  *self);

G_END_DECLS
