/* relais-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-contact.h"

#include "relais-record-private.h"

struct _RelaisContact
{
  GObject parent_instance;

#define FIELD_TEXT(name, prop) char *name;
#define FIELD_INT(name, prop) gint64 name;
  RELAIS_CONTACT_TEXT_FIELDS (FIELD_TEXT)
  RELAIS_CONTACT_INT_FIELDS (FIELD_INT)
#undef FIELD_TEXT
#undef FIELD_INT

  RelaisContactRole role;
  gboolean          partner_user;
};

G_DEFINE_FINAL_TYPE (RelaisContact, relais_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
#define PROP_ENUM(name, prop) PROP_##name,
  RELAIS_CONTACT_TEXT_FIELDS (PROP_ENUM)
  RELAIS_CONTACT_INT_FIELDS (PROP_ENUM)
#undef PROP_ENUM
  PROP_ROLE,
  PROP_PARTNER_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFINE_TEXT(name, prop) RELAIS_RECORD_DEFINE_TEXT (RelaisContact, relais_contact, RELAIS_IS_CONTACT, name)
#define DEFINE_INT(name, prop) RELAIS_RECORD_DEFINE_INT (RelaisContact, relais_contact, RELAIS_IS_CONTACT, name)
RELAIS_CONTACT_TEXT_FIELDS (DEFINE_TEXT)
RELAIS_CONTACT_INT_FIELDS (DEFINE_INT)
#undef DEFINE_TEXT
#undef DEFINE_INT

static void
relais_contact_finalize (GObject *object)
{
  RelaisContact *self = (RelaisContact *) object;

#define FREE_TEXT(name, prop) g_free (self->name);
  RELAIS_CONTACT_TEXT_FIELDS (FREE_TEXT)
#undef FREE_TEXT

  G_OBJECT_CLASS (relais_contact_parent_class)->finalize (object);
}

static void
relais_contact_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RelaisContact *self = RELAIS_CONTACT (object);

  switch (prop_id)
    {
#define GET_TEXT(name, prop) case PROP_##name: g_value_set_string (value, relais_contact_get_##name (self)); break;
#define GET_INT(name, prop) case PROP_##name: g_value_set_int64 (value, self->name); break;
    RELAIS_CONTACT_TEXT_FIELDS (GET_TEXT)
    RELAIS_CONTACT_INT_FIELDS (GET_INT)
#undef GET_TEXT
#undef GET_INT

    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;

    case PROP_PARTNER_USER:
      g_value_set_boolean (value, self->partner_user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_contact_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RelaisContact *self = RELAIS_CONTACT (object);

  switch (prop_id)
    {
#define SET_TEXT(name, prop) case PROP_##name: relais_contact_set_##name (self, g_value_get_string (value)); break;
#define SET_INT(name, prop) case PROP_##name: relais_contact_set_##name (self, g_value_get_int64 (value)); break;
    RELAIS_CONTACT_TEXT_FIELDS (SET_TEXT)
    RELAIS_CONTACT_INT_FIELDS (SET_INT)
#undef SET_TEXT
#undef SET_INT

    case PROP_ROLE:
      relais_contact_set_role (self, g_value_get_int (value));
      break;

    case PROP_PARTNER_USER:
      relais_contact_set_partner_user (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_contact_class_init (RelaisContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_contact_finalize;
  object_class->get_property = relais_contact_get_property;
  object_class->set_property = relais_contact_set_property;

#define INSTALL_TEXT(name, prop) properties[PROP_##name] = RELAIS_RECORD_TEXT_PSPEC (prop);
#define INSTALL_INT(name, prop) properties[PROP_##name] = RELAIS_RECORD_INT_PSPEC (prop);
  RELAIS_CONTACT_TEXT_FIELDS (INSTALL_TEXT)
  RELAIS_CONTACT_INT_FIELDS (INSTALL_INT)
#undef INSTALL_TEXT
#undef INSTALL_INT

  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL, 0, RELAIS_CONTACT_N_ROLES - 1, RELAIS_CONTACT_ROLE_SALES_REP,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER_USER] =
    g_param_spec_boolean ("partner-user", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
relais_contact_init (RelaisContact *self)
{
  self->role = RELAIS_CONTACT_ROLE_SALES_REP;
  self->revision = 1;
}

/**
 * relais_contact_new:
 *
 * Returns: (transfer full): an empty sales rep contact, not a partner user.
 */
RelaisContact *
relais_contact_new (void)
{
  return g_object_new (RELAIS_TYPE_CONTACT, NULL);
}

RelaisContactRole
relais_contact_get_role (RelaisContact *self)
{
  g_return_val_if_fail (RELAIS_IS_CONTACT (self), RELAIS_CONTACT_ROLE_SALES_REP);
  return self->role;
}

void
relais_contact_set_role (RelaisContact     *self,
                         RelaisContactRole  role)
{
  g_return_if_fail (RELAIS_IS_CONTACT (self));
  g_return_if_fail (role < RELAIS_CONTACT_N_ROLES);

  if (self->role != role)
    {
      self->role = role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

gboolean
relais_contact_get_partner_user (RelaisContact *self)
{
  g_return_val_if_fail (RELAIS_IS_CONTACT (self), FALSE);
  return self->partner_user;
}

void
relais_contact_set_partner_user (RelaisContact *self,
                                 gboolean       partner_user)
{
  g_return_if_fail (RELAIS_IS_CONTACT (self));

  partner_user = !!partner_user;
  if (self->partner_user != partner_user)
    {
      self->partner_user = partner_user;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER_USER]);
    }
}
