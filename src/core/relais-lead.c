/* relais-lead.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-lead.h"

#include <glib/gi18n-lib.h>

#include "relais-record-private.h"

struct _RelaisLead
{
  GObject parent_instance;

#define FIELD_TEXT(name, prop) char *name;
#define FIELD_INT(name, prop) gint64 name;
  RELAIS_LEAD_TEXT_FIELDS (FIELD_TEXT)
  RELAIS_LEAD_INT_FIELDS (FIELD_INT)
#undef FIELD_TEXT
#undef FIELD_INT

  RelaisLeadStatus      status;
  RelaisLeadKind        kind;
  RelaisLeadCategory    category;
  RelaisRejectionReason rejection_reason;
};

G_DEFINE_FINAL_TYPE (RelaisLead, relais_lead, G_TYPE_OBJECT)

enum {
  PROP_0,
#define PROP_ENUM(name, prop) PROP_##name,
  RELAIS_LEAD_TEXT_FIELDS (PROP_ENUM)
  RELAIS_LEAD_INT_FIELDS (PROP_ENUM)
#undef PROP_ENUM
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_KIND,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_REJECTION_REASON,
  PROP_FULL_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFINE_TEXT(name, prop) RELAIS_RECORD_DEFINE_TEXT (RelaisLead, relais_lead, RELAIS_IS_LEAD, name)
#define DEFINE_INT(name, prop) RELAIS_RECORD_DEFINE_INT (RelaisLead, relais_lead, RELAIS_IS_LEAD, name)
RELAIS_LEAD_TEXT_FIELDS (DEFINE_TEXT)
RELAIS_LEAD_INT_FIELDS (DEFINE_INT)
#undef DEFINE_TEXT
#undef DEFINE_INT

static void
relais_lead_finalize (GObject *object)
{
  RelaisLead *self = (RelaisLead *) object;

#define FREE_TEXT(name, prop) g_free (self->name);
  RELAIS_LEAD_TEXT_FIELDS (FREE_TEXT)
#undef FREE_TEXT

  G_OBJECT_CLASS (relais_lead_parent_class)->finalize (object);
}

static void
relais_lead_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RelaisLead *self = RELAIS_LEAD (object);

  switch (prop_id)
    {
#define GET_TEXT(name, prop) case PROP_##name: g_value_set_string (value, relais_lead_get_##name (self)); break;
#define GET_INT(name, prop) case PROP_##name: g_value_set_int64 (value, self->name); break;
    RELAIS_LEAD_TEXT_FIELDS (GET_TEXT)
    RELAIS_LEAD_INT_FIELDS (GET_INT)
#undef GET_TEXT
#undef GET_INT

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, relais_enum_label (&relais_lead_status_info, self->status));
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_CATEGORY:
      g_value_set_int (value, self->category);
      break;

    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, relais_enum_label (&relais_lead_category_info, self->category));
      break;

    case PROP_REJECTION_REASON:
      g_value_set_int (value, self->rejection_reason);
      break;

    case PROP_FULL_NAME:
      g_value_take_string (value, relais_lead_dup_full_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RelaisLead *self = RELAIS_LEAD (object);

  switch (prop_id)
    {
#define SET_TEXT(name, prop) case PROP_##name: relais_lead_set_##name (self, g_value_get_string (value)); break;
#define SET_INT(name, prop) case PROP_##name: relais_lead_set_##name (self, g_value_get_int64 (value)); break;
    RELAIS_LEAD_TEXT_FIELDS (SET_TEXT)
    RELAIS_LEAD_INT_FIELDS (SET_INT)
#undef SET_TEXT
#undef SET_INT

    case PROP_STATUS:
      relais_lead_set_status (self, g_value_get_int (value));
      break;

    case PROP_KIND:
      relais_lead_set_kind (self, g_value_get_int (value));
      break;

    case PROP_CATEGORY:
      relais_lead_set_category (self, g_value_get_int (value));
      break;

    case PROP_REJECTION_REASON:
      relais_lead_set_rejection_reason (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_class_init (RelaisLeadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_lead_finalize;
  object_class->get_property = relais_lead_get_property;
  object_class->set_property = relais_lead_set_property;

#define INSTALL_TEXT(name, prop) properties[PROP_##name] = RELAIS_RECORD_TEXT_PSPEC (prop);
#define INSTALL_INT(name, prop) properties[PROP_##name] = RELAIS_RECORD_INT_PSPEC (prop);
  RELAIS_LEAD_TEXT_FIELDS (INSTALL_TEXT)
  RELAIS_LEAD_INT_FIELDS (INSTALL_INT)
#undef INSTALL_TEXT
#undef INSTALL_INT

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, RELAIS_LEAD_N_STATUSES - 1, RELAIS_LEAD_STATUS_NEW,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, RELAIS_LEAD_N_KINDS - 1, RELAIS_LEAD_KIND_SERVICE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_int ("category", NULL, NULL, 0, RELAIS_LEAD_N_CATEGORIES - 1, RELAIS_LEAD_CATEGORY_BANT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY_LABEL] =
    g_param_spec_string ("category-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTION_REASON] =
    g_param_spec_int ("rejection-reason", NULL, NULL, 0, RELAIS_N_REJECTION_REASONS - 1, RELAIS_REJECTION_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
relais_lead_init (RelaisLead *self)
{
  self->status = RELAIS_LEAD_STATUS_NEW;
  self->kind = RELAIS_LEAD_KIND_SERVICE;
  self->category = RELAIS_LEAD_CATEGORY_BANT;
  self->rejection_reason = RELAIS_REJECTION_NONE;
  self->revision = 1;
}

/**
 * relais_lead_new:
 *
 * Returns: (transfer full): an empty lead with status New and no id yet.
 */
RelaisLead *
relais_lead_new (void)
{
  return g_object_new (RELAIS_TYPE_LEAD, NULL);
}

RelaisLeadStatus
relais_lead_get_status (RelaisLead *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), RELAIS_LEAD_STATUS_NEW);
  return self->status;
}

void
relais_lead_set_status (RelaisLead       *self,
                        RelaisLeadStatus  status)
{
  g_return_if_fail (RELAIS_IS_LEAD (self));
  g_return_if_fail (status < RELAIS_LEAD_N_STATUSES);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
    }
}

RelaisLeadKind
relais_lead_get_kind (RelaisLead *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), RELAIS_LEAD_KIND_SERVICE);
  return self->kind;
}

void
relais_lead_set_kind (RelaisLead     *self,
                      RelaisLeadKind  kind)
{
  g_return_if_fail (RELAIS_IS_LEAD (self));
  g_return_if_fail (kind < RELAIS_LEAD_N_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

RelaisLeadCategory
relais_lead_get_category (RelaisLead *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), RELAIS_LEAD_CATEGORY_BANT);
  return self->category;
}

void
relais_lead_set_category (RelaisLead         *self,
                          RelaisLeadCategory  category)
{
  g_return_if_fail (RELAIS_IS_LEAD (self));
  g_return_if_fail (category < RELAIS_LEAD_N_CATEGORIES);

  if (self->category != category)
    {
      self->category = category;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_LABEL]);
    }
}

RelaisRejectionReason
relais_lead_get_rejection_reason (RelaisLead *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), RELAIS_REJECTION_NONE);
  return self->rejection_reason;
}

void
relais_lead_set_rejection_reason (RelaisLead            *self,
                                  RelaisRejectionReason  reason)
{
  g_return_if_fail (RELAIS_IS_LEAD (self));
  g_return_if_fail (reason < RELAIS_N_REJECTION_REASONS);

  if (self->rejection_reason != reason)
    {
      self->rejection_reason = reason;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTION_REASON]);
    }
}

/**
 * relais_lead_copy_from:
 *
 * Gives @self every value of @other, notifying the properties that change (a
 * row bound to @self redraws what changed).
 */
void
relais_lead_copy_from (RelaisLead *self,
                       RelaisLead *other)
{
  g_return_if_fail (RELAIS_IS_LEAD (self));
  g_return_if_fail (RELAIS_IS_LEAD (other));

  g_object_freeze_notify (G_OBJECT (self));
#define COPY_TEXT(name, prop) relais_lead_set_##name (self, other->name);
#define COPY_INT(name, prop) relais_lead_set_##name (self, other->name);
  RELAIS_LEAD_TEXT_FIELDS (COPY_TEXT)
  RELAIS_LEAD_INT_FIELDS (COPY_INT)
#undef COPY_TEXT
#undef COPY_INT
  relais_lead_set_status (self, other->status);
  relais_lead_set_kind (self, other->kind);
  relais_lead_set_category (self, other->category);
  relais_lead_set_rejection_reason (self, other->rejection_reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * relais_lead_dup_full_name:
 *
 * Returns: (transfer full): the lead's first and last name in the order of the
 *   user's language.
 */
char *
relais_lead_dup_full_name (RelaisLead *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), NULL);

  if (self->first_name == NULL || self->first_name[0] == '\0')
    return g_strdup (relais_lead_get_last_name (self));
  if (self->last_name == NULL || self->last_name[0] == '\0')
    return g_strdup (self->first_name);

  /* Translators: a person's full name: %1$s is the first name, %2$s the last name.
   * Swap them if your language writes the family name first. */
  return g_strdup_printf (_("%1$s %2$s"), self->first_name, self->last_name);
}

/**
 * relais_lead_is_overdue:
 * @now: the current time, in microseconds since the Unix epoch
 *
 * A lead is overdue when it was given to a partner more than 48 hours ago and the
 * partner has neither accepted (assigned it to a rep or worked it) nor rejected it.
 */
gboolean
relais_lead_is_overdue (RelaisLead *self,
                        gint64      now)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (self), FALSE);

  return self->status == RELAIS_LEAD_STATUS_PARTNER_ASSIGNED
      && self->accepted_at == 0
      && self->assigned_at != 0
      && now - self->assigned_at > RELAIS_LEAD_ACCEPT_DELAY;
}

/**
 * relais_lead_status_can_reassign:
 *
 * A manager may give a lead to another partner, rep or queue as long as the
 * partner has not yet worked it with the customer: while the lead could still
 * be taken back to New (or is New). From Contacted on, it stays where it is.
 *
 * Returns: whether a lead in @status may be reassigned by hand.
 */
gboolean
relais_lead_status_can_reassign (RelaisLeadStatus status)
{
  g_return_val_if_fail (status < RELAIS_LEAD_N_STATUSES, FALSE);

  return status == RELAIS_LEAD_STATUS_NEW ||
         relais_lead_status_can_change (status, RELAIS_LEAD_STATUS_NEW);
}

/**
 * relais_lead_status_can_change:
 *
 * The lead lifecycle of PRODUCT.md: New → Partner assigned → Assigned to rep →
 * Actively working → Contacted → Purchased / Delivered / Converted to deal →
 * Closed, with Rejected possible while the partner holds the lead. A manager may
 * take a lead back (to New) until it is won or closed.
 *
 * Returns: whether a lead in status @from may be moved to status @to.
 */
gboolean
relais_lead_status_can_change (RelaisLeadStatus from,
                               RelaisLeadStatus to)
{
  /* Rows: from; bits: allowed targets. */
#define B(s) (1u << RELAIS_LEAD_STATUS_##s)
  static const guint allowed[RELAIS_LEAD_N_STATUSES] = {
    [RELAIS_LEAD_STATUS_NEW]              = B (PARTNER_ASSIGNED) | B (ASSIGNED_TO_REP) | B (CLOSED),
    [RELAIS_LEAD_STATUS_PARTNER_ASSIGNED] = B (NEW) | B (ASSIGNED_TO_REP) | B (ACTIVELY_WORKING) | B (REJECTED),
    [RELAIS_LEAD_STATUS_ASSIGNED_TO_REP]  = B (NEW) | B (PARTNER_ASSIGNED) | B (ACTIVELY_WORKING) | B (REJECTED),
    [RELAIS_LEAD_STATUS_ACTIVELY_WORKING] = B (NEW) | B (PARTNER_ASSIGNED) | B (CONTACTED) | B (REJECTED) | B (CLOSED),
    [RELAIS_LEAD_STATUS_CONTACTED]        = B (ACTIVELY_WORKING) | B (PURCHASED) | B (DELIVERED) | B (CONVERTED) | B (REJECTED) | B (CLOSED),
    [RELAIS_LEAD_STATUS_PURCHASED]        = B (DELIVERED) | B (CONVERTED) | B (CLOSED),
    [RELAIS_LEAD_STATUS_DELIVERED]        = B (CONVERTED) | B (CLOSED),
    [RELAIS_LEAD_STATUS_CONVERTED]        = B (CLOSED),
    [RELAIS_LEAD_STATUS_CLOSED]           = 0,
    [RELAIS_LEAD_STATUS_REJECTED]         = B (NEW) | B (CLOSED),
  };
#undef B

  g_return_val_if_fail (from < RELAIS_LEAD_N_STATUSES, FALSE);
  g_return_val_if_fail (to < RELAIS_LEAD_N_STATUSES, FALSE);

  return (allowed[from] & (1u << to)) != 0;
}
