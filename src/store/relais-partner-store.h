/* relais-partner-store.h — partner accounts, their contacts, and queues.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-contact.h"
#include "relais-db.h"
#include "relais-partner.h"

G_BEGIN_DECLS

/* Statuses in which a lead counts against its holder's capacity, as SQL. */
#define RELAIS_OPEN_LEAD_STATUSES \
  "('partner_assigned', 'assigned_to_rep', 'actively_working', 'contacted')"

/* The columns of a partner row ("FROM partner p"), its count of open leads
 * last, in the order relais_partner_store_read_row() reads them. */
#define RELAIS_PARTNER_COLUMNS \
  "p.id, p.uuid, p.name, p.tier, p.countries, p.technologies, p.languages, p.capacity," \
  " p.active, p.out_of_office_until, p.owner, p.website, p.city, p.country, p.notes," \
  " p.created_at, p.updated_at, p.revision," \
  " (SELECT count(*) FROM lead WHERE partner_id = p.id AND status IN " RELAIS_OPEN_LEAD_STATUSES ")"

/* Returns: (transfer full): the partner on the current row of @st, selected
 * with RELAIS_PARTNER_COLUMNS. */
RelaisPartner *relais_partner_store_read_row    (RelaisStatement *st);

/* Inserts write a new row, give the record a UUID and times when it has none, and
 * set its id. The caller owns the transaction and the journal entry. */
gboolean    relais_partner_store_insert         (RelaisDb       *db,
                                                 RelaisPartner  *partner,
                                                 GError        **error);
gboolean    relais_partner_store_insert_contact (RelaisDb       *db,
                                                 RelaisContact  *contact,
                                                 GError        **error);
/* All partners by name, with their count of open leads. */
GListStore *relais_partner_store_list           (RelaisDb       *db,
                                                 GError        **error);
/* The contacts of one partner, by name. */
GListStore *relais_partner_store_list_contacts  (RelaisDb       *db,
                                                 gint64          partner_id,
                                                 GError        **error);

gint64      relais_queue_store_insert           (RelaisDb       *db,
                                                 const char     *name,
                                                 const char     *description,
                                                 GError        **error);
gboolean    relais_queue_store_add_member       (RelaisDb       *db,
                                                 gint64          queue_id,
                                                 gint64          partner_id,
                                                 GError        **error);

/* Every queue by name: their names (NULL-terminated) and their ids (gint64) in
 * the same order. */
gboolean    relais_queue_store_list             (RelaisDb       *db,
                                                 GStrv          *names,
                                                 GArray        **ids,
                                                 GError        **error);

/* Every partner by name, as relais_queue_store_list() gives queues. */
gboolean    relais_partner_store_list_names     (RelaisDb       *db,
                                                 GStrv          *names,
                                                 GArray        **ids,
                                                 GError        **error);

G_END_DECLS
