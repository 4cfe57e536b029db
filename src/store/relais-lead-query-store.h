/* relais-lead-query-store.h — reading the ids of the leads a RelaisLeadQuery
 * selects, in its order, from SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-db.h"
#include "relais-lead-query.h"

G_BEGIN_DECLS

/* How many leads make the first page of a view: about two screens. */
#define RELAIS_LEAD_PAGE_SIZE 200

/* The first @limit ids of the query, as fast as possible (the first page while
 * the user types). Appends to @ids. */
gboolean relais_lead_query_store_first_page (RelaisDb         *db,
                                             RelaisLeadQuery  *query,
                                             gint64            now,
                                             guint             limit,
                                             GArray           *ids,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* Every id of the query, in order. Appends to @ids. */
gboolean relais_lead_query_store_all_ids    (RelaisDb         *db,
                                             RelaisLeadQuery  *query,
                                             gint64            now,
                                             GArray           *ids,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* A statement over the leads of the query, in order, selecting @columns. */
RelaisStatement *relais_lead_query_store_prepare (RelaisDb         *db,
                                                  RelaisLeadQuery  *query,
                                                  gint64            now,
                                                  const char       *columns,
                                                  GError          **error);

G_END_DECLS
