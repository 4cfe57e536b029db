/* relais-lead-store.h — the leads table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-db.h"
#include "relais-lead.h"

G_BEGIN_DECLS

/* Writes @lead as a new row: gives it a UUID if it has none, created/updated
 * times if unset, and sets its id. The caller owns the transaction and journal. */
gboolean    relais_lead_store_insert    (RelaisDb    *db,
                                         RelaisLead  *lead,
                                         GError     **error);
RelaisLead *relais_lead_store_load      (RelaisDb    *db,
                                         gint64       id,
                                         GError     **error);
gboolean    relais_lead_store_is_empty  (RelaisDb    *db,
                                         GError     **error);
gint64      relais_lead_store_count     (RelaisDb    *db,
                                         GError     **error);
/* Adds a note to a lead; @created_at 0 means now. */
gboolean    relais_lead_store_add_note  (RelaisDb    *db,
                                         gint64       lead_id,
                                         const char  *author,
                                         const char  *body,
                                         gint64       created_at,
                                         GError     **error);
/* The ids of all leads, newest first. */
GArray     *relais_lead_store_list_ids  (RelaisDb    *db,
                                         GError     **error);

/* The countries of the leads, sorted (ISO codes). */
GStrv       relais_lead_store_list_countries (RelaisDb  *db,
                                              GError   **error);

/* Loading many leads at once: see relais_lead_store_begin_bulk(). */
typedef struct _RelaisLeadBulk RelaisLeadBulk;

RelaisLeadBulk *relais_lead_store_begin_bulk (RelaisDb        *db,
                                              GError         **error);
gboolean        relais_lead_store_end_bulk   (RelaisDb        *db,
                                              RelaisLeadBulk  *bulk,
                                              GError         **error);
void            relais_lead_bulk_free        (RelaisLeadBulk  *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisLeadBulk, relais_lead_bulk_free)

G_END_DECLS
