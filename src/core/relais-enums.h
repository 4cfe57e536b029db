/* relais-enums.h — the enumerations of the domain model, with their stable codes
 * (as stored in SQLite and sent over the wire) and their translated labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RELAIS_LEAD_STATUS_NEW,
  RELAIS_LEAD_STATUS_PARTNER_ASSIGNED,
  RELAIS_LEAD_STATUS_ASSIGNED_TO_REP,
  RELAIS_LEAD_STATUS_ACTIVELY_WORKING,
  RELAIS_LEAD_STATUS_CONTACTED,
  RELAIS_LEAD_STATUS_PURCHASED,
  RELAIS_LEAD_STATUS_DELIVERED,
  RELAIS_LEAD_STATUS_CONVERTED,
  RELAIS_LEAD_STATUS_CLOSED,
  RELAIS_LEAD_STATUS_REJECTED,
  RELAIS_LEAD_N_STATUSES
} RelaisLeadStatus;

typedef enum {
  RELAIS_LEAD_KIND_APP,
  RELAIS_LEAD_KIND_SERVICE,
  RELAIS_LEAD_N_KINDS
} RelaisLeadKind;

typedef enum {
  RELAIS_LEAD_CATEGORY_BANT,
  RELAIS_LEAD_CATEGORY_APPOINTMENT,
  RELAIS_LEAD_CATEGORY_QUOTE_REQUEST,
  RELAIS_LEAD_CATEGORY_DEMO_TRIAL,
  RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE,
  RELAIS_LEAD_N_CATEGORIES
} RelaisLeadCategory;

typedef enum {
  RELAIS_REJECTION_NONE,
  RELAIS_REJECTION_PROJECT_CANCELLED,
  RELAIS_REJECTION_INVALID_CONTACT,
  RELAIS_REJECTION_ALREADY_A_DEAL,
  RELAIS_REJECTION_NOT_MY_TERRITORY,
  RELAIS_REJECTION_NO_CUSTOMER_RESPONSE,
  RELAIS_REJECTION_DUPLICATE,
  RELAIS_REJECTION_NO_VALID_PROJECT,
  RELAIS_REJECTION_OTHER,
  RELAIS_N_REJECTION_REASONS
} RelaisRejectionReason;

typedef enum {
  RELAIS_PARTNER_TIER_REGISTERED,
  RELAIS_PARTNER_TIER_SILVER,
  RELAIS_PARTNER_TIER_GOLD,
  RELAIS_PARTNER_TIER_PLATINUM,
  RELAIS_PARTNER_N_TIERS
} RelaisPartnerTier;

typedef enum {
  RELAIS_CONTACT_ROLE_PARTNER_ADMIN,
  RELAIS_CONTACT_ROLE_SALES_REP,
  RELAIS_CONTACT_N_ROLES
} RelaisContactRole;

typedef enum {
  RELAIS_DEAL_TYPE_CO_SELL,
  RELAIS_DEAL_TYPE_PARTNER_TO_PARTNER,
  RELAIS_DEAL_TYPE_PRIVATE,
  RELAIS_DEAL_TYPE_SOLUTION_ASSESSMENT,
  RELAIS_DEAL_N_TYPES
} RelaisDealType;

typedef enum {
  RELAIS_DEAL_DIRECTION_INBOUND,
  RELAIS_DEAL_DIRECTION_OUTBOUND,
  RELAIS_DEAL_N_DIRECTIONS
} RelaisDealDirection;

typedef enum {
  RELAIS_DEAL_STATUS_RECEIVED,
  RELAIS_DEAL_STATUS_ACCEPTED,
  RELAIS_DEAL_STATUS_DECLINED,
  RELAIS_DEAL_STATUS_EXPIRED,
  RELAIS_DEAL_STATUS_WON,
  RELAIS_DEAL_STATUS_LOST,
  RELAIS_DEAL_N_STATUSES
} RelaisDealStatus;

typedef enum {
  RELAIS_DEAL_STAGE_CREATED,
  RELAIS_DEAL_STAGE_ACCEPTED,
  RELAIS_DEAL_STAGE_SECURE_LOE,
  RELAIS_DEAL_STAGE_COLLECT_DATA,
  RELAIS_DEAL_STAGE_PREPARE_REPORT,
  RELAIS_DEAL_STAGE_PRESENT,
  RELAIS_DEAL_STAGE_WON,
  RELAIS_DEAL_N_STAGES
} RelaisDealStage;

typedef enum {
  RELAIS_SOLUTION_KIND_OWN,
  RELAIS_SOLUTION_KIND_VENDOR,
  RELAIS_SOLUTION_KIND_THIRD_PARTY,
  RELAIS_SOLUTION_N_KINDS
} RelaisSolutionKind;

typedef enum {
  RELAIS_RULE_STRATEGY_ROUND_ROBIN,
  RELAIS_RULE_STRATEGY_WEIGHTED,
  RELAIS_RULE_STRATEGY_LEAST_LOADED,
  RELAIS_RULE_N_STRATEGIES
} RelaisRuleStrategy;

/* Every enumeration above is described by one RelaisEnumInfo table. */
typedef struct {
  int         value;
  const char *code;     /* stable, never translated: stored and synced */
  const char *context;  /* gettext context of label, or NULL */
  const char *label;    /* N_()/NC_() marked; relais_enum_label() translates it */
} RelaisEnumValue;

typedef struct {
  const char            *name;
  const RelaisEnumValue *values;
  guint                  n_values;
} RelaisEnumInfo;

extern const RelaisEnumInfo relais_lead_status_info;
extern const RelaisEnumInfo relais_lead_kind_info;
extern const RelaisEnumInfo relais_lead_category_info;
extern const RelaisEnumInfo relais_rejection_reason_info;
extern const RelaisEnumInfo relais_partner_tier_info;
extern const RelaisEnumInfo relais_contact_role_info;
extern const RelaisEnumInfo relais_deal_type_info;
extern const RelaisEnumInfo relais_deal_direction_info;
extern const RelaisEnumInfo relais_deal_status_info;
extern const RelaisEnumInfo relais_deal_stage_info;
extern const RelaisEnumInfo relais_solution_kind_info;
extern const RelaisEnumInfo relais_rule_strategy_info;

const char *relais_enum_code      (const RelaisEnumInfo *info,
                                   int                   value);
const char *relais_enum_label     (const RelaisEnumInfo *info,
                                   int                   value);
gboolean    relais_enum_from_code (const RelaisEnumInfo *info,
                                   const char           *code,
                                   int                  *value);

/* Routing weight of a partner tier (weighted round-robin). */
guint       relais_partner_tier_weight (RelaisPartnerTier tier);

/* Percentage of completion of a deal's sales stage. */
guint       relais_deal_stage_percent  (RelaisDealStage stage);

G_END_DECLS
