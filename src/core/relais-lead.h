/* relais-lead.h — a lead: someone who expressed interest in a listing, and the
 * partner who works it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-enums.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_LEAD (relais_lead_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLead, relais_lead, RELAIS, LEAD, GObject)

/* A partner admin accepts or rejects a lead within this delay (seeds 000 and 004). */
#define RELAIS_LEAD_ACCEPT_DELAY (48 * G_TIME_SPAN_HOUR)

/* The text fields of a lead: each has a GObject property named after its second
 * column, and a getter and setter relais_lead_get_NAME()/relais_lead_set_NAME().
 * partner_name, rep_name and queue_name are read from the store for display. */
#define RELAIS_LEAD_TEXT_FIELDS(X) \
  X (uuid,              "uuid") \
  X (first_name,        "first-name") \
  X (last_name,         "last-name") \
  X (company,           "company") \
  X (email,             "email") \
  X (phone,             "phone") \
  X (street,            "street") \
  X (city,              "city") \
  X (state,             "state") \
  X (postal_code,       "postal-code") \
  X (country,           "country") \
  X (listing,           "listing") \
  X (technology,        "technology") \
  X (budget,            "budget") \
  X (language,          "language") \
  X (program,           "program") \
  X (source,            "source") \
  X (assignment_reason, "assignment-reason") \
  X (quality_comment,   "quality-comment") \
  X (rejection_comment, "rejection-comment") \
  X (currency,          "currency") \
  X (partner_name,      "partner-name") \
  X (rep_name,          "rep-name") \
  X (queue_name,        "queue-name")

/* The integer fields: local row ids of the store (0 = none) and times in
 * microseconds since the Unix epoch, UTC (0 = not set). */
#define RELAIS_LEAD_INT_FIELDS(X) \
  X (id,             "id") \
  X (queue_id,       "queue-id") \
  X (partner_id,     "partner-id") \
  X (rep_id,         "rep-id") \
  X (rule_id,        "rule-id") \
  X (deal_id,        "deal-id") \
  X (assigned_at,    "assigned-at") \
  X (accepted_at,    "accepted-at") \
  X (created_at,     "created-at") \
  X (updated_at,     "updated-at") \
  X (revision,       "revision") \
  X (value_minor,    "value-minor") \
  X (quality_rating, "quality-rating")

#define RELAIS_LEAD_DECLARE_TEXT(name, prop) \
  const char *relais_lead_get_##name (RelaisLead *self); \
  void        relais_lead_set_##name (RelaisLead *self, const char *value);
#define RELAIS_LEAD_DECLARE_INT(name, prop) \
  gint64      relais_lead_get_##name (RelaisLead *self); \
  void        relais_lead_set_##name (RelaisLead *self, gint64 value);

RELAIS_LEAD_TEXT_FIELDS (RELAIS_LEAD_DECLARE_TEXT)
RELAIS_LEAD_INT_FIELDS (RELAIS_LEAD_DECLARE_INT)

RelaisLead            *relais_lead_new                  (void);

RelaisLeadStatus       relais_lead_get_status           (RelaisLead            *self);
void                   relais_lead_set_status           (RelaisLead            *self,
                                                         RelaisLeadStatus       status);
RelaisLeadKind         relais_lead_get_kind             (RelaisLead            *self);
void                   relais_lead_set_kind             (RelaisLead            *self,
                                                         RelaisLeadKind         kind);
RelaisLeadCategory     relais_lead_get_category         (RelaisLead            *self);
void                   relais_lead_set_category         (RelaisLead            *self,
                                                         RelaisLeadCategory     category);
RelaisRejectionReason  relais_lead_get_rejection_reason (RelaisLead            *self);
void                   relais_lead_set_rejection_reason (RelaisLead            *self,
                                                         RelaisRejectionReason  reason);

char                  *relais_lead_dup_full_name        (RelaisLead            *self);
void                   relais_lead_copy_from            (RelaisLead            *self,
                                                         RelaisLead            *other);
gboolean               relais_lead_is_overdue           (RelaisLead            *self,
                                                         gint64                 now);

gboolean               relais_lead_status_can_reassign  (RelaisLeadStatus       status);
gboolean               relais_lead_status_can_change    (RelaisLeadStatus       from,
                                                         RelaisLeadStatus       to);

G_END_DECLS
