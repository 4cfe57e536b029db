/* test-core.c — the domain rules, without SQLite or a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "relais-contact.h"
#include "relais-enums.h"
#include "relais-lead.h"
#include "relais-partner.h"
#include "relais-util.h"

static void
check_enum_round_trip (const RelaisEnumInfo *info)
{
  for (guint i = 0; i < info->n_values; i++)
    {
      int value = -1;
      const char *code = relais_enum_code (info, info->values[i].value);

      g_assert_nonnull (code);
      g_assert_true (relais_enum_from_code (info, code, &value));
      g_assert_cmpint (value, ==, info->values[i].value);
      /* Every value but the "none" of a reason has a label. */
      if (code[0] != '\0')
        g_assert_cmpstr (relais_enum_label (info, value), !=, "");
    }

  g_assert_false (relais_enum_from_code (info, "no-such-code", NULL));
  g_assert_false (relais_enum_from_code (info, NULL, NULL));
  g_assert_null (relais_enum_code (info, 9999));
}

static void
test_enums_round_trip (void)
{
  const RelaisEnumInfo *infos[] = {
    &relais_lead_status_info, &relais_lead_kind_info, &relais_lead_category_info,
    &relais_rejection_reason_info, &relais_partner_tier_info, &relais_contact_role_info,
    &relais_deal_type_info, &relais_deal_direction_info, &relais_deal_status_info,
    &relais_deal_stage_info, &relais_solution_kind_info, &relais_rule_strategy_info,
  };

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    check_enum_round_trip (infos[i]);

  g_assert_cmpuint (relais_lead_status_info.n_values, ==, RELAIS_LEAD_N_STATUSES);
  g_assert_cmpuint (relais_rejection_reason_info.n_values, ==, RELAIS_N_REJECTION_REASONS);
  g_assert_cmpstr (relais_enum_code (&relais_lead_status_info, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED), ==, "partner_assigned");
}

static void
test_enums_stages (void)
{
  /* PRODUCT.md: Created 10 %, Accepted 10 %, LOE 20 %, data 40 %, report 60 %,
   * present 80 %, won 100 %. */
  static const guint expected[] = { 10, 10, 20, 40, 60, 80, 100 };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == RELAIS_DEAL_N_STAGES);
  for (guint i = 0; i < RELAIS_DEAL_N_STAGES; i++)
    g_assert_cmpuint (relais_deal_stage_percent (i), ==, expected[i]);

  for (guint t = 1; t < RELAIS_PARTNER_N_TIERS; t++)
    g_assert_cmpuint (relais_partner_tier_weight (t), >, relais_partner_tier_weight (t - 1));
}

static void
test_lead_lifecycle (void)
{
  /* The main path of PRODUCT.md is allowed, step by step. */
  static const RelaisLeadStatus path[] = {
    RELAIS_LEAD_STATUS_NEW, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, RELAIS_LEAD_STATUS_ASSIGNED_TO_REP,
    RELAIS_LEAD_STATUS_ACTIVELY_WORKING, RELAIS_LEAD_STATUS_CONTACTED, RELAIS_LEAD_STATUS_PURCHASED,
    RELAIS_LEAD_STATUS_DELIVERED, RELAIS_LEAD_STATUS_CONVERTED, RELAIS_LEAD_STATUS_CLOSED,
  };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (path); i++)
    g_assert_true (relais_lead_status_can_change (path[i], path[i + 1]));

  /* Closed is terminal; nothing jumps from New to Purchased; a rejection comes
   * from the partner, so not from New. */
  for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    g_assert_false (relais_lead_status_can_change (RELAIS_LEAD_STATUS_CLOSED, s));
  g_assert_false (relais_lead_status_can_change (RELAIS_LEAD_STATUS_NEW, RELAIS_LEAD_STATUS_PURCHASED));
  g_assert_false (relais_lead_status_can_change (RELAIS_LEAD_STATUS_NEW, RELAIS_LEAD_STATUS_REJECTED));
  g_assert_true (relais_lead_status_can_change (RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, RELAIS_LEAD_STATUS_REJECTED));
  g_assert_true (relais_lead_status_can_change (RELAIS_LEAD_STATUS_REJECTED, RELAIS_LEAD_STATUS_NEW));
}

static void
test_lead_overdue (void)
{
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  gint64 now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;

  g_assert_false (relais_lead_is_overdue (lead, now));

  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_PARTNER_ASSIGNED);
  relais_lead_set_assigned_at (lead, now - 47 * G_TIME_SPAN_HOUR);
  g_assert_false (relais_lead_is_overdue (lead, now));

  relais_lead_set_assigned_at (lead, now - 49 * G_TIME_SPAN_HOUR);
  g_assert_true (relais_lead_is_overdue (lead, now));

  /* Accepted (given to a rep) in time: no longer overdue, however old. */
  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_ASSIGNED_TO_REP);
  relais_lead_set_accepted_at (lead, now - 40 * G_TIME_SPAN_HOUR);
  g_assert_false (relais_lead_is_overdue (lead, now));
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_lead_properties (void)
{
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  g_autofree char *full_name = NULL;
  g_autofree char *company = NULL;
  guint notified = 0;

  g_signal_connect (lead, "notify::company", G_CALLBACK (notify_count_cb), &notified);

  relais_lead_set_company (lead, "Société Générale d'Électricité");
  relais_lead_set_company (lead, "Société Générale d'Électricité");
  g_assert_cmpuint (notified, ==, 1);

  g_object_get (lead, "company", &company, NULL);
  g_assert_cmpstr (company, ==, "Société Générale d'Électricité");

  g_object_set (lead, "first-name", "Hélène", "last-name", "Dupré", "value-minor", (gint64) 125000, NULL);
  full_name = relais_lead_dup_full_name (lead);
  g_assert_cmpstr (full_name, ==, "Hélène Dupré");
  g_assert_cmpint (relais_lead_get_value_minor (lead), ==, 125000);

  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_REJECTED);
  g_assert_cmpint (relais_lead_get_status (lead), ==, RELAIS_LEAD_STATUS_REJECTED);

  /* Unset text reads as "", never NULL. */
  g_assert_cmpstr (relais_lead_get_email (lead), ==, "");
}

static void
test_partner_availability (void)
{
  g_autoptr(RelaisPartner) partner = relais_partner_new ();
  g_autoptr(RelaisContact) contact = relais_contact_new ();
  gint64 now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;

  g_assert_true (relais_partner_get_active (partner));
  g_assert_false (relais_partner_is_out_of_office (partner, now));

  relais_partner_set_out_of_office_until (partner, now + G_TIME_SPAN_DAY);
  g_assert_true (relais_partner_is_out_of_office (partner, now));
  g_assert_false (relais_partner_is_out_of_office (partner, now + 2 * G_TIME_SPAN_DAY));

  g_assert_cmpint (relais_contact_get_role (contact), ==, RELAIS_CONTACT_ROLE_SALES_REP);
  relais_contact_set_role (contact, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
  g_assert_cmpint (relais_contact_get_role (contact), ==, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
}

static void
test_util_code_list (void)
{
  g_assert_true (relais_code_list_contains ("FR,BE,CH", "BE"));
  g_assert_true (relais_code_list_contains ("FR,BE,CH", "ch"));
  g_assert_true (relais_code_list_contains ("FR", "FR"));
  g_assert_false (relais_code_list_contains ("FR,BE,CH", "B"));
  g_assert_false (relais_code_list_contains ("FRA,BE", "FR"));
  g_assert_false (relais_code_list_contains ("", "FR"));
  g_assert_false (relais_code_list_contains ("FR,BE", ""));
  g_assert_false (relais_code_list_contains (NULL, "FR"));
}

static void
test_util_uuid (void)
{
  g_autofree char *a = relais_uuid_new ();
  g_autofree char *b = relais_uuid_new ();

  g_assert_true (relais_uuid_is_valid (a));
  g_assert_cmpstr (a, !=, b);
  g_assert_false (relais_uuid_is_valid ("not-a-uuid"));
  g_assert_false (relais_uuid_is_valid (NULL));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/round-trip", test_enums_round_trip);
  g_test_add_func ("/core/enums/stages-and-tiers", test_enums_stages);
  g_test_add_func ("/core/lead/lifecycle", test_lead_lifecycle);
  g_test_add_func ("/core/lead/overdue-after-48h", test_lead_overdue);
  g_test_add_func ("/core/lead/properties", test_lead_properties);
  g_test_add_func ("/core/partner/availability", test_partner_availability);
  g_test_add_func ("/core/util/code-list", test_util_code_list);
  g_test_add_func ("/core/util/uuid", test_util_uuid);

  return g_test_run ();
}
