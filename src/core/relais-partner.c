/* relais-partner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-partner.h"

#include "relais-record-private.h"

struct _RelaisPartner
{
  GObject parent_instance;

#define FIELD_TEXT(name, prop) char *name;
#define FIELD_INT(name, prop) gint64 name;
  RELAIS_PARTNER_TEXT_FIELDS (FIELD_TEXT)
  RELAIS_PARTNER_INT_FIELDS (FIELD_INT)
#undef FIELD_TEXT
#undef FIELD_INT

  RelaisPartnerTier tier;
  gboolean          active;
};

G_DEFINE_FINAL_TYPE (RelaisPartner, relais_partner, G_TYPE_OBJECT)

enum {
  PROP_0,
#define PROP_ENUM(name, prop) PROP_##name,
  RELAIS_PARTNER_TEXT_FIELDS (PROP_ENUM)
  RELAIS_PARTNER_INT_FIELDS (PROP_ENUM)
#undef PROP_ENUM
  PROP_TIER,
  PROP_TIER_LABEL,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFINE_TEXT(name, prop) RELAIS_RECORD_DEFINE_TEXT (RelaisPartner, relais_partner, RELAIS_IS_PARTNER, name)
#define DEFINE_INT(name, prop) RELAIS_RECORD_DEFINE_INT (RelaisPartner, relais_partner, RELAIS_IS_PARTNER, name)
RELAIS_PARTNER_TEXT_FIELDS (DEFINE_TEXT)
RELAIS_PARTNER_INT_FIELDS (DEFINE_INT)
#undef DEFINE_TEXT
#undef DEFINE_INT

static void
relais_partner_finalize (GObject *object)
{
  RelaisPartner *self = (RelaisPartner *) object;

#define FREE_TEXT(name, prop) g_free (self->name);
  RELAIS_PARTNER_TEXT_FIELDS (FREE_TEXT)
#undef FREE_TEXT

  G_OBJECT_CLASS (relais_partner_parent_class)->finalize (object);
}

static void
relais_partner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RelaisPartner *self = RELAIS_PARTNER (object);

  switch (prop_id)
    {
#define GET_TEXT(name, prop) case PROP_##name: g_value_set_string (value, relais_partner_get_##name (self)); break;
#define GET_INT(name, prop) case PROP_##name: g_value_set_int64 (value, self->name); break;
    RELAIS_PARTNER_TEXT_FIELDS (GET_TEXT)
    RELAIS_PARTNER_INT_FIELDS (GET_INT)
#undef GET_TEXT
#undef GET_INT

    case PROP_TIER:
      g_value_set_int (value, self->tier);
      break;

    case PROP_TIER_LABEL:
      g_value_set_string (value, relais_enum_label (&relais_partner_tier_info, self->tier));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_partner_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RelaisPartner *self = RELAIS_PARTNER (object);

  switch (prop_id)
    {
#define SET_TEXT(name, prop) case PROP_##name: relais_partner_set_##name (self, g_value_get_string (value)); break;
#define SET_INT(name, prop) case PROP_##name: relais_partner_set_##name (self, g_value_get_int64 (value)); break;
    RELAIS_PARTNER_TEXT_FIELDS (SET_TEXT)
    RELAIS_PARTNER_INT_FIELDS (SET_INT)
#undef SET_TEXT
#undef SET_INT

    case PROP_TIER:
      relais_partner_set_tier (self, g_value_get_int (value));
      break;

    case PROP_ACTIVE:
      relais_partner_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_partner_class_init (RelaisPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_partner_finalize;
  object_class->get_property = relais_partner_get_property;
  object_class->set_property = relais_partner_set_property;

#define INSTALL_TEXT(name, prop) properties[PROP_##name] = RELAIS_RECORD_TEXT_PSPEC (prop);
#define INSTALL_INT(name, prop) properties[PROP_##name] = RELAIS_RECORD_INT_PSPEC (prop);
  RELAIS_PARTNER_TEXT_FIELDS (INSTALL_TEXT)
  RELAIS_PARTNER_INT_FIELDS (INSTALL_INT)
#undef INSTALL_TEXT
#undef INSTALL_INT

  properties[PROP_TIER] =
    g_param_spec_int ("tier", NULL, NULL, 0, RELAIS_PARTNER_N_TIERS - 1, RELAIS_PARTNER_TIER_REGISTERED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIER_LABEL] =
    g_param_spec_string ("tier-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
relais_partner_init (RelaisPartner *self)
{
  self->tier = RELAIS_PARTNER_TIER_REGISTERED;
  self->active = TRUE;
  self->revision = 1;
}

/**
 * relais_partner_new:
 *
 * Returns: (transfer full): an empty, active partner of tier Registered.
 */
RelaisPartner *
relais_partner_new (void)
{
  return g_object_new (RELAIS_TYPE_PARTNER, NULL);
}

RelaisPartnerTier
relais_partner_get_tier (RelaisPartner *self)
{
  g_return_val_if_fail (RELAIS_IS_PARTNER (self), RELAIS_PARTNER_TIER_REGISTERED);
  return self->tier;
}

void
relais_partner_set_tier (RelaisPartner     *self,
                         RelaisPartnerTier  tier)
{
  g_return_if_fail (RELAIS_IS_PARTNER (self));
  g_return_if_fail (tier < RELAIS_PARTNER_N_TIERS);

  if (self->tier != tier)
    {
      self->tier = tier;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER_LABEL]);
    }
}

gboolean
relais_partner_get_active (RelaisPartner *self)
{
  g_return_val_if_fail (RELAIS_IS_PARTNER (self), FALSE);
  return self->active;
}

void
relais_partner_set_active (RelaisPartner *self,
                           gboolean       active)
{
  g_return_if_fail (RELAIS_IS_PARTNER (self));

  active = !!active;
  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

/**
 * relais_partner_is_out_of_office:
 * @now: the current time, in microseconds since the Unix epoch
 *
 * Returns: whether the partner said it is away until a time after @now.
 */
gboolean
relais_partner_is_out_of_office (RelaisPartner *self,
                                 gint64         now)
{
  g_return_val_if_fail (RELAIS_IS_PARTNER (self), FALSE);

  return self->out_of_office_until != 0 && self->out_of_office_until > now;
}
