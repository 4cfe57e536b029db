/* relais-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-enums.h"

#include <glib/gi18n-lib.h>


#define ENUM_INFO(var, type_name, table) \
  const RelaisEnumInfo var = { type_name, table, G_N_ELEMENTS (table) }

static const RelaisEnumValue lead_status_values[] = {
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_NEW, "new", "lead status", NC_("lead status", "New") },
  /* Translators: a lead status: a partner company has the lead, no rep yet */
  { RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, "partner_assigned", "lead status", NC_("lead status", "Partner assigned") },
  /* Translators: a lead status: the partner admin gave the lead to a sales rep */
  { RELAIS_LEAD_STATUS_ASSIGNED_TO_REP, "assigned_to_rep", "lead status", NC_("lead status", "Assigned to rep") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_ACTIVELY_WORKING, "actively_working", "lead status", NC_("lead status", "Actively working") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_CONTACTED, "contacted", "lead status", NC_("lead status", "Contacted") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_PURCHASED, "purchased", "lead status", NC_("lead status", "Purchased") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_DELIVERED, "delivered", "lead status", NC_("lead status", "Delivered") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_CONVERTED, "converted", "lead status", NC_("lead status", "Converted to deal") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_CLOSED, "closed", "lead status", NC_("lead status", "Closed") },
  /* Translators: a lead status */
  { RELAIS_LEAD_STATUS_REJECTED, "rejected", "lead status", NC_("lead status", "Rejected") },
};
ENUM_INFO (relais_lead_status_info, "RelaisLeadStatus", lead_status_values);

static const RelaisEnumValue lead_kind_values[] = {
  /* Translators: the kind of listing a lead is about: an application */
  { RELAIS_LEAD_KIND_APP, "app", NULL, N_("App") },
  /* Translators: the kind of listing a lead is about: a service */
  { RELAIS_LEAD_KIND_SERVICE, "service", NULL, N_("Service") },
};
ENUM_INFO (relais_lead_kind_info, "RelaisLeadKind", lead_kind_values);

static const RelaisEnumValue lead_category_values[] = {
  /* Translators: lead category: Budget, Authority, Need, Timeline qualified */
  { RELAIS_LEAD_CATEGORY_BANT, "bant", NULL, N_("BANT") },
  { RELAIS_LEAD_CATEGORY_APPOINTMENT, "appointment", NULL, N_("Appointment") },
  { RELAIS_LEAD_CATEGORY_QUOTE_REQUEST, "quote_request", NULL, N_("Quote request") },
  { RELAIS_LEAD_CATEGORY_DEMO_TRIAL, "demo_trial", NULL, N_("Demo or trial") },
  { RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE, "event_attendee", NULL, N_("Event attendee") },
};
ENUM_INFO (relais_lead_category_info, "RelaisLeadCategory", lead_category_values);

static const RelaisEnumValue rejection_reason_values[] = {
  { RELAIS_REJECTION_NONE, "", NULL, "" },
  { RELAIS_REJECTION_PROJECT_CANCELLED, "project_cancelled", NULL, N_("Project cancelled") },
  { RELAIS_REJECTION_INVALID_CONTACT, "invalid_contact", NULL, N_("Invalid contact") },
  { RELAIS_REJECTION_ALREADY_A_DEAL, "already_a_deal", NULL, N_("Already a deal") },
  { RELAIS_REJECTION_NOT_MY_TERRITORY, "not_my_territory", NULL, N_("Not my territory or account") },
  { RELAIS_REJECTION_NO_CUSTOMER_RESPONSE, "no_customer_response", NULL, N_("No customer response") },
  { RELAIS_REJECTION_DUPLICATE, "duplicate", NULL, N_("Duplicate") },
  { RELAIS_REJECTION_NO_VALID_PROJECT, "no_valid_project", NULL, N_("No valid project") },
  /* Translators: a rejection reason that needs a comment */
  { RELAIS_REJECTION_OTHER, "other", NULL, N_("Other") },
};
ENUM_INFO (relais_rejection_reason_info, "RelaisRejectionReason", rejection_reason_values);

static const RelaisEnumValue partner_tier_values[] = {
  /* Translators: a partner tier */
  { RELAIS_PARTNER_TIER_REGISTERED, "registered", NULL, N_("Registered") },
  /* Translators: a partner tier */
  { RELAIS_PARTNER_TIER_SILVER, "silver", NULL, N_("Silver") },
  /* Translators: a partner tier */
  { RELAIS_PARTNER_TIER_GOLD, "gold", NULL, N_("Gold") },
  /* Translators: a partner tier */
  { RELAIS_PARTNER_TIER_PLATINUM, "platinum", NULL, N_("Platinum") },
};
ENUM_INFO (relais_partner_tier_info, "RelaisPartnerTier", partner_tier_values);

static const RelaisEnumValue contact_role_values[] = {
  { RELAIS_CONTACT_ROLE_PARTNER_ADMIN, "partner_admin", NULL, N_("Partner admin") },
  { RELAIS_CONTACT_ROLE_SALES_REP, "sales_rep", NULL, N_("Partner sales rep") },
};
ENUM_INFO (relais_contact_role_info, "RelaisContactRole", contact_role_values);

static const RelaisEnumValue deal_type_values[] = {
  { RELAIS_DEAL_TYPE_CO_SELL, "co_sell", NULL, N_("Co-sell") },
  { RELAIS_DEAL_TYPE_PARTNER_TO_PARTNER, "partner_to_partner", NULL, N_("Partner-to-partner") },
  /* Translators: a deal type: a deal the partner keeps to itself */
  { RELAIS_DEAL_TYPE_PRIVATE, "private", NULL, N_("Private") },
  { RELAIS_DEAL_TYPE_SOLUTION_ASSESSMENT, "solution_assessment", NULL, N_("Solution assessment") },
};
ENUM_INFO (relais_deal_type_info, "RelaisDealType", deal_type_values);

static const RelaisEnumValue deal_direction_values[] = {
  /* Translators: a deal direction: received from someone else */
  { RELAIS_DEAL_DIRECTION_INBOUND, "inbound", NULL, N_("Inbound") },
  /* Translators: a deal direction: created by us */
  { RELAIS_DEAL_DIRECTION_OUTBOUND, "outbound", NULL, N_("Outbound") },
};
ENUM_INFO (relais_deal_direction_info, "RelaisDealDirection", deal_direction_values);

static const RelaisEnumValue deal_status_values[] = {
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_RECEIVED, "received", "deal status", NC_("deal status", "Received") },
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_ACCEPTED, "accepted", "deal status", NC_("deal status", "Accepted") },
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_DECLINED, "declined", "deal status", NC_("deal status", "Declined") },
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_EXPIRED, "expired", "deal status", NC_("deal status", "Expired") },
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_WON, "won", "deal status", NC_("deal status", "Won") },
  /* Translators: a deal status */
  { RELAIS_DEAL_STATUS_LOST, "lost", "deal status", NC_("deal status", "Lost") },
};
ENUM_INFO (relais_deal_status_info, "RelaisDealStatus", deal_status_values);

static const RelaisEnumValue deal_stage_values[] = {
  /* Translators: a sales stage of a deal */
  { RELAIS_DEAL_STAGE_CREATED, "created", "sales stage", NC_("sales stage", "Created") },
  /* Translators: a sales stage of a deal */
  { RELAIS_DEAL_STAGE_ACCEPTED, "accepted", "sales stage", NC_("sales stage", "Accepted") },
  /* Translators: a sales stage of a deal (LOE) */
  { RELAIS_DEAL_STAGE_SECURE_LOE, "secure_loe", "sales stage", NC_("sales stage", "Secure letter of engagement") },
  { RELAIS_DEAL_STAGE_COLLECT_DATA, "collect_data", "sales stage", NC_("sales stage", "Collect data") },
  { RELAIS_DEAL_STAGE_PREPARE_REPORT, "prepare_report", "sales stage", NC_("sales stage", "Prepare assessment report") },
  { RELAIS_DEAL_STAGE_PRESENT, "present", "sales stage", NC_("sales stage", "Present to customer") },
  /* Translators: a sales stage of a deal */
  { RELAIS_DEAL_STAGE_WON, "won", "sales stage", NC_("sales stage", "Won") },
};
ENUM_INFO (relais_deal_stage_info, "RelaisDealStage", deal_stage_values);

static const RelaisEnumValue solution_kind_values[] = {
  /* Translators: a solution of a deal: one of our own */
  { RELAIS_SOLUTION_KIND_OWN, "own", NULL, N_("Own") },
  /* Translators: a solution of a deal: the vendor's */
  { RELAIS_SOLUTION_KIND_VENDOR, "vendor", NULL, N_("Vendor") },
  { RELAIS_SOLUTION_KIND_THIRD_PARTY, "third_party", NULL, N_("Third party") },
};
ENUM_INFO (relais_solution_kind_info, "RelaisSolutionKind", solution_kind_values);

static const RelaisEnumValue rule_strategy_values[] = {
  { RELAIS_RULE_STRATEGY_ROUND_ROBIN, "round_robin", NULL, N_("Round-robin") },
  { RELAIS_RULE_STRATEGY_WEIGHTED, "weighted", NULL, N_("Weighted round-robin") },
  { RELAIS_RULE_STRATEGY_LEAST_LOADED, "least_loaded", NULL, N_("Least loaded") },
};
ENUM_INFO (relais_rule_strategy_info, "RelaisRuleStrategy", rule_strategy_values);

static const RelaisEnumValue *
lookup (const RelaisEnumInfo *info,
        int                   value)
{
  /* Tables are written in enum order, so the value is usually its own index. */
  if (value >= 0 && (guint) value < info->n_values && info->values[value].value == value)
    return &info->values[value];

  for (guint i = 0; i < info->n_values; i++)
    if (info->values[i].value == value)
      return &info->values[i];

  return NULL;
}

/**
 * relais_enum_code:
 *
 * Returns: (transfer none): the stable code of @value, or %NULL if @value is not
 *   a member of @info.
 */
const char *
relais_enum_code (const RelaisEnumInfo *info,
                  int                   value)
{
  const RelaisEnumValue *v;

  g_return_val_if_fail (info != NULL, NULL);

  v = lookup (info, value);
  return v ? v->code : NULL;
}

/**
 * relais_enum_label:
 *
 * Returns: (transfer none): the translated label of @value, or "" if @value is
 *   not a member of @info.
 */
const char *
relais_enum_label (const RelaisEnumInfo *info,
                   int                   value)
{
  const RelaisEnumValue *v;

  g_return_val_if_fail (info != NULL, NULL);

  v = lookup (info, value);
  if (v == NULL || v->label[0] == '\0')
    return "";
  if (v->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, v->context, v->label);
  return _(v->label);
}

gboolean
relais_enum_from_code (const RelaisEnumInfo *info,
                       const char           *code,
                       int                  *value)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (code == NULL)
    return FALSE;

  for (guint i = 0; i < info->n_values; i++)
    {
      if (g_str_equal (info->values[i].code, code))
        {
          if (value != NULL)
            *value = info->values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

guint
relais_partner_tier_weight (RelaisPartnerTier tier)
{
  /* Higher tiers have earned more of the flow: the weights are relative. */
  switch (tier)
    {
    case RELAIS_PARTNER_TIER_REGISTERED: return 1;
    case RELAIS_PARTNER_TIER_SILVER:     return 2;
    case RELAIS_PARTNER_TIER_GOLD:       return 3;
    case RELAIS_PARTNER_TIER_PLATINUM:   return 4;
    case RELAIS_PARTNER_N_TIERS:
    default:
      g_return_val_if_reached (1);
    }
}

guint
relais_deal_stage_percent (RelaisDealStage stage)
{
  switch (stage)
    {
    case RELAIS_DEAL_STAGE_CREATED:        return 10;
    case RELAIS_DEAL_STAGE_ACCEPTED:       return 10;
    case RELAIS_DEAL_STAGE_SECURE_LOE:     return 20;
    case RELAIS_DEAL_STAGE_COLLECT_DATA:   return 40;
    case RELAIS_DEAL_STAGE_PREPARE_REPORT: return 60;
    case RELAIS_DEAL_STAGE_PRESENT:        return 80;
    case RELAIS_DEAL_STAGE_WON:            return 100;
    case RELAIS_DEAL_N_STAGES:
    default:
      g_return_val_if_reached (0);
    }
}
