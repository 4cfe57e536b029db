/* relais-lead-model.h — a GListModel of the leads of the store, read lazily.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-lead.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_LEAD_MODEL (relais_lead_model_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadModel, relais_lead_model, RELAIS, LEAD_MODEL, GObject)

RelaisLeadModel *relais_lead_model_new     (RelaisDb         *db);
gboolean         relais_lead_model_reload  (RelaisLeadModel  *self,
                                            GError          **error);
gint64           relais_lead_model_get_id  (RelaisLeadModel  *self,
                                            guint             position);

G_END_DECLS
