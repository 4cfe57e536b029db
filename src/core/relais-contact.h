/* relais-contact.h — a contact of a partner account (a partner user when enabled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-enums.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_CONTACT (relais_contact_get_type ())
G_DECLARE_FINAL_TYPE (RelaisContact, relais_contact, RELAIS, CONTACT, GObject)

#define RELAIS_CONTACT_TEXT_FIELDS(X) \
  X (uuid,       "uuid") \
  X (first_name, "first-name") \
  X (last_name,  "last-name") \
  X (email,      "email") \
  X (phone,      "phone")

#define RELAIS_CONTACT_INT_FIELDS(X) \
  X (id,         "id") \
  X (partner_id, "partner-id") \
  X (created_at, "created-at") \
  X (updated_at, "updated-at") \
  X (revision,   "revision")

#define RELAIS_CONTACT_DECLARE_TEXT(name, prop) \
  const char *relais_contact_get_##name (RelaisContact *self); \
  void        relais_contact_set_##name (RelaisContact *self, const char *value);
#define RELAIS_CONTACT_DECLARE_INT(name, prop) \
  gint64      relais_contact_get_##name (RelaisContact *self); \
  void        relais_contact_set_##name (RelaisContact *self, gint64 value);

RELAIS_CONTACT_TEXT_FIELDS (RELAIS_CONTACT_DECLARE_TEXT)
RELAIS_CONTACT_INT_FIELDS (RELAIS_CONTACT_DECLARE_INT)

RelaisContact     *relais_contact_new              (void);
RelaisContactRole  relais_contact_get_role         (RelaisContact     *self);
void               relais_contact_set_role         (RelaisContact     *self,
                                                    RelaisContactRole  role);
gboolean           relais_contact_get_partner_user (RelaisContact     *self);
void               relais_contact_set_partner_user (RelaisContact     *self,
                                                    gboolean           partner_user);

G_END_DECLS
