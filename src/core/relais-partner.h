/* relais-partner.h — a partner account: a reseller company that receives leads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-enums.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_PARTNER (relais_partner_get_type ())
G_DECLARE_FINAL_TYPE (RelaisPartner, relais_partner, RELAIS, PARTNER, GObject)

/* countries, technologies and languages are comma-separated codes ("FR,BE"). */
#define RELAIS_PARTNER_TEXT_FIELDS(X) \
  X (uuid,         "uuid") \
  X (name,         "name") \
  X (countries,    "countries") \
  X (technologies, "technologies") \
  X (languages,    "languages") \
  X (owner,        "owner") \
  X (website,      "website") \
  X (city,         "city") \
  X (country,      "country") \
  X (notes,        "notes")

/* open_leads is read from the store for display; times are µs since the epoch. */
#define RELAIS_PARTNER_INT_FIELDS(X) \
  X (id,                  "id") \
  X (capacity,            "capacity") \
  X (out_of_office_until, "out-of-office-until") \
  X (created_at,          "created-at") \
  X (updated_at,          "updated-at") \
  X (revision,            "revision") \
  X (open_leads,          "open-leads")

#define RELAIS_PARTNER_DECLARE_TEXT(name, prop) \
  const char *relais_partner_get_##name (RelaisPartner *self); \
  void        relais_partner_set_##name (RelaisPartner *self, const char *value);
#define RELAIS_PARTNER_DECLARE_INT(name, prop) \
  gint64      relais_partner_get_##name (RelaisPartner *self); \
  void        relais_partner_set_##name (RelaisPartner *self, gint64 value);

RELAIS_PARTNER_TEXT_FIELDS (RELAIS_PARTNER_DECLARE_TEXT)
RELAIS_PARTNER_INT_FIELDS (RELAIS_PARTNER_DECLARE_INT)

RelaisPartner     *relais_partner_new              (void);
RelaisPartnerTier  relais_partner_get_tier         (RelaisPartner     *self);
void               relais_partner_set_tier         (RelaisPartner     *self,
                                                    RelaisPartnerTier  tier);
gboolean           relais_partner_get_active       (RelaisPartner     *self);
void               relais_partner_set_active       (RelaisPartner     *self,
                                                    gboolean           active);
gboolean           relais_partner_is_out_of_office (RelaisPartner     *self,
                                                    gint64             now);

G_END_DECLS
