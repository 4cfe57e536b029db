/* relais-lead-list.h — the list of leads of the Leads section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"
#include "relais-lead-query.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_LEAD_LIST (relais_lead_list_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadList, relais_lead_list, RELAIS, LEAD_LIST, GtkWidget)

void             relais_lead_list_set_db       (RelaisLeadList  *self,
                                                RelaisDb        *db);
void             relais_lead_list_reload       (RelaisLeadList  *self);
void             relais_lead_list_focus_search (RelaisLeadList  *self);
gboolean         relais_lead_list_is_loaded    (RelaisLeadList  *self);
void             relais_lead_list_export       (RelaisLeadList  *self);
const char      *relais_lead_list_get_view     (RelaisLeadList  *self);
void             relais_lead_list_set_view     (RelaisLeadList  *self,
                                                const char      *view);
RelaisLeadQuery *relais_lead_list_get_query    (RelaisLeadList  *self);
char            *relais_lead_list_dup_summary  (RelaisLeadList  *self);
GtkSelectionModel *relais_lead_list_get_selection (RelaisLeadList *self);
gint64           relais_lead_list_get_selected_id (RelaisLeadList *self);
guint            relais_lead_list_get_n_selected  (RelaisLeadList *self);
void             relais_lead_list_refresh_lead (RelaisLeadList  *self,
                                                gint64           id);

GArray          *relais_lead_list_dup_selected_ids (RelaisLeadList *self);
void             relais_lead_list_refresh_changed  (RelaisLeadList *self,
                                                    GArray         *ids);

G_END_DECLS
