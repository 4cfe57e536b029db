/* relais-lead-model.h — a GListModel of the leads a RelaisLeadQuery selects,
 * read lazily, and loaded off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-lead-query.h"
#include "relais-lead.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_LEAD_MODEL (relais_lead_model_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadModel, relais_lead_model, RELAIS, LEAD_MODEL, GObject)

RelaisLeadModel *relais_lead_model_new          (RelaisDb         *db);

/* Shows the leads of @query (copied): the first page comes as soon as it is
 * read, the rest (and so the count) a little later. A newer query cancels an
 * older one still loading. Reading happens on a connection of its own in a
 * worker thread; errors are reported by the "failed" signal. */
void             relais_lead_model_set_query    (RelaisLeadModel  *self,
                                                 RelaisLeadQuery  *query);
RelaisLeadQuery *relais_lead_model_get_query    (RelaisLeadModel  *self);
/* Loads the current query again, at once, on the calling thread. */
gboolean         relais_lead_model_reload       (RelaisLeadModel  *self,
                                                 GError          **error);
/* Loads the current query again in the background (after a change elsewhere). */
void             relais_lead_model_refresh      (RelaisLeadModel  *self);
/* The same after the leads @ids changed: rows stay in place, changed ones are
 * read again, only what differs is replaced (see the .c). */
void             relais_lead_model_refresh_changed (RelaisLeadModel *self,
                                                    GArray          *ids);
/* Whether the model holds every matching lead (FALSE while the rest loads). */
gboolean         relais_lead_model_is_complete  (RelaisLeadModel  *self);
gint64           relais_lead_model_get_id       (RelaisLeadModel  *self,
                                                 guint             position);
/* Forgets the cached lead @id, so that its row is read again. */
void             relais_lead_model_invalidate   (RelaisLeadModel  *self,
                                                 gint64            id);

void             relais_lead_model_update_lead  (RelaisLeadModel  *self,
                                                 RelaisLead       *fresh);

G_END_DECLS
