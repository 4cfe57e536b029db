/* test-routing.c — the assignment-rules engine: property tests over random
 * pools and lead streams (fixed seeds), the explanations, the rotation text,
 * rerouting, and a timing of 100,000 leads over 500 partners and 50 rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "relais-enums.h"
#include "relais-routing.h"

static const guint32 seeds[] = { 1, 2, 3, 42, 1234, 20261128 };

/* 28 November 2026, 12:00 UTC. */
#define NOW (G_GINT64_CONSTANT (1795867200) * G_USEC_PER_SEC)
#define DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

static const char *countries[] = { "FR", "BE", "DE", "ES", "IT", "NL", "CH", "AT", "PT", "PL" };
static const char *technologies[] = { "security", "cloud", "data", "network", "ai" };
static const char *categories[] = { "bant", "appointment", "quote_request", "demo_trial", "event_attendee" };
static const char *kinds[] = { "app", "service" };
static const char *budgets[] = { "<10k", "10k-50k", "50k-250k", "250k-1M", ">1M" };
static const char *languages[] = { "fr", "de", "en", "es", "it" };
static const char *listings[] = { "Firewall Pro", "Cloud Backup", "Data Lake Studio", "Secure VPN", "AI Assistant" };

/* --- Helpers ------------------------------------------------------------------- */

typedef struct {
  gint64             id;
  RelaisPartnerTier  tier;
  gint64             capacity;
  gint64             open_leads;
  gboolean           active;
  gint64             out_of_office_until;
  const char        *territory;
  guint              share;
} Member;

static char *
member_name (gint64 id)
{
  return g_strdup_printf ("Partner %" G_GINT64_FORMAT, id);
}

static void
add_partner (RelaisRouting *routing,
             const Member  *m)
{
  g_autofree char *name = member_name (m->id);
  RelaisRoutingCandidate candidate = {
    .kind = RELAIS_ROUTING_TARGET_PARTNER,
    .id = m->id,
    .name = name,
    .tier = m->tier,
    .capacity = m->capacity,
    .open_leads = m->open_leads,
    .active = m->active,
    .out_of_office_until = m->out_of_office_until,
    .territory = m->territory,
  };

  relais_routing_add_candidate (routing, &candidate);
}

/* Whether @m can take leads at NOW whatever its load. */
static gboolean
member_available (const Member *m)
{
  return m->active && m->out_of_office_until <= NOW;
}

/* A random pool: most members available, some inactive, some away, some back
 * from an absence (out_of_office_until in the past). Ids are 1..n. */
static Member *
random_pool (GRand   *rand,
             guint    n,
             gboolean limited)
{
  Member *pool = g_new0 (Member, n);

  for (guint i = 0; i < n; i++)
    {
      guint roll = (guint) g_rand_int_range (rand, 0, 100);

      pool[i].id = i + 1;
      pool[i].tier = (RelaisPartnerTier) g_rand_int_range (rand, 0, RELAIS_PARTNER_N_TIERS);
      pool[i].active = roll >= 15;
      if (roll >= 15 && roll < 27)
        pool[i].out_of_office_until = NOW + g_rand_int_range (rand, 1, 30) * DAY;
      else if (roll >= 27 && roll < 35)
        pool[i].out_of_office_until = NOW - g_rand_int_range (rand, 0, 30) * DAY;
      pool[i].capacity = limited ? g_rand_int_range (rand, 0, 25) : -1;
      pool[i].open_leads = limited ? g_rand_int_range (rand, 0, 10) : g_rand_int_range (rand, 0, 50);
      pool[i].territory = countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))];
      pool[i].share = (guint) g_rand_int_range (rand, 1, 11);
    }
  return pool;
}

static RelaisRoutingRule *
pool_rule (gint64              id,
           const char         *name,
           RelaisRuleStrategy  strategy,
           const Member       *pool,
           guint               n,
           gboolean            shares)
{
  RelaisRoutingRule *rule = relais_routing_rule_new (id, name);

  rule->position = id;
  rule->strategy = strategy;
  for (guint i = 0; i < n; i++)
    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, pool[i].id, shares ? pool[i].share : 0);
  return rule;
}

static RelaisRoutingLead
random_lead (GRand  *rand,
             gint64  id)
{
  RelaisRoutingLead lead = { 0, };

  lead.id = id;
  lead.country = countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))];
  lead.technology = technologies[g_rand_int_range (rand, 0, G_N_ELEMENTS (technologies))];
  lead.category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))];
  lead.kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
  lead.budget = budgets[g_rand_int_range (rand, 0, G_N_ELEMENTS (budgets))];
  lead.language = languages[g_rand_int_range (rand, 0, G_N_ELEMENTS (languages))];
  lead.listing = listings[g_rand_int_range (rand, 0, G_N_ELEMENTS (listings))];
  return lead;
}

static RelaisRoutingLead
plain_lead (gint64      id,
            const char *country)
{
  RelaisRoutingLead lead = { 0, };

  lead.id = id;
  lead.country = country;
  lead.technology = "security";
  lead.category = "bant";
  lead.kind = "service";
  lead.listing = "Firewall Pro";
  lead.budget = "10k-50k";
  lead.language = "fr";
  return lead;
}

static gint64
route_one (RelaisRouting *routing,
           gint64         lead_id,
           const char    *country)
{
  RelaisRoutingLead lead = plain_lead (lead_id, country);
  RelaisRoutingDecision decision;
  gint64 partner_id;

  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &decision);
  partner_id = decision.outcome == RELAIS_ROUTING_OUTCOME_ASSIGNED ? decision.partner_id : 0;
  relais_routing_decision_clear (&decision);
  return partner_id;
}

static char *
rotation_text (RelaisRouting *routing,
               gint64         rule_id)
{
  return relais_rotation_to_string (relais_routing_get_rule (routing, rule_id)->rotation);
}

/* --- Round-robin --------------------------------------------------------------- */

/* Plain round-robin over a random pool, in two runs joined by the rotation
 * text: members who are available never differ by more than one lead after
 * any lead, and members who are not get none. */
static void
test_round_robin_fair_prefix (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seeds[s]);
      guint n = (guint) g_rand_int_range (rand, 2, 16);
      g_autofree Member *pool = random_pool (rand, n, FALSE);
      g_autofree guint *received = g_new0 (guint, n + 1);
      g_autofree char *text = g_strdup ("");
      guint n_leads = 600, split = (guint) g_rand_int_range (rand, 1, 600);
      guint lead = 0;

      /* Make sure two members at least are available. */
      pool[0].active = pool[1].active = TRUE;
      pool[0].out_of_office_until = pool[1].out_of_office_until = 0;

      for (guint run = 0; run < 2; run++)
        {
          g_autoptr(RelaisRouting) routing = relais_routing_new ();
          g_autoptr(GError) error = NULL;
          RelaisRoutingRule *rule = pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, n, FALSE);

          g_assert_true (relais_routing_rule_set_rotation_text (rule, text, &error));
          g_assert_no_error (error);
          for (guint i = 0; i < n; i++)
            add_partner (routing, &pool[i]);
          relais_routing_add_rule (routing, rule);

          for (; lead < (run == 0 ? split : n_leads); lead++)
            {
              gint64 id = route_one (routing, lead + 1, "FR");
              guint lo = G_MAXUINT, hi = 0;

              g_assert_cmpint (id, >=, 1);
              g_assert_cmpint (id, <=, n);
              g_assert_true (member_available (&pool[id - 1]));
              received[id]++;

              for (guint i = 0; i < n; i++)
                if (member_available (&pool[i]))
                  {
                    lo = MIN (lo, received[i + 1]);
                    hi = MAX (hi, received[i + 1]);
                  }
              g_assert_cmpuint (hi - lo, <=, 1);
            }

          g_free (text);
          text = rotation_text (routing, 1);
        }

      for (guint i = 0; i < n; i++)
        if (!member_available (&pool[i]))
          g_assert_cmpuint (received[i + 1], ==, 0);
    }
}

/* A member back from an absence gets its turn, not a burst of the leads it
 * missed. */
static void
test_round_robin_no_burst (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE },
    { .id = 2, .capacity = -1, .active = TRUE, .out_of_office_until = NOW + DAY },
    { .id = 3, .capacity = -1, .active = TRUE },
  };
  g_autofree char *text = NULL;
  guint got_2 = 0;

  {
    g_autoptr(RelaisRouting) routing = relais_routing_new ();

    for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
      add_partner (routing, &pool[i]);
    relais_routing_add_rule (routing, pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 3, FALSE));
    for (guint i = 0; i < 20; i++)
      g_assert_cmpint (route_one (routing, i, "FR"), !=, 2);
    text = rotation_text (routing, 1);
  }

  pool[1].out_of_office_until = 0;
  {
    g_autoptr(RelaisRouting) routing = relais_routing_new ();
    RelaisRoutingRule *rule = pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 3, FALSE);

    g_assert_true (relais_routing_rule_set_rotation_text (rule, text, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
      add_partner (routing, &pool[i]);
    relais_routing_add_rule (routing, rule);
    for (guint i = 0; i < 6; i++)
      got_2 += route_one (routing, i, "FR") == 2;
  }
  /* Six leads over three members: two each, as if it had never been away. */
  g_assert_cmpuint (got_2, ==, 2);
}

/* --- Weighted round-robin ------------------------------------------------------ */

static void
check_weighted_prefix (const Member *pool,
                       guint         n,
                       gboolean      shares,
                       guint         n_leads)
{
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  g_autofree guint *received = g_new0 (guint, n + 1);
  guint64 total_weight = 0;

  for (guint i = 0; i < n; i++)
    {
      add_partner (routing, &pool[i]);
      total_weight += shares ? pool[i].share : relais_partner_tier_weight (pool[i].tier);
    }
  relais_routing_add_rule (routing, pool_rule (1, "Weighted", RELAIS_RULE_STRATEGY_WEIGHTED, pool, n, shares));

  for (guint h = 1; h <= n_leads; h++)
    {
      gint64 id = route_one (routing, h, "FR");

      g_assert_cmpint (id, >=, 1);
      received[id]++;
      for (guint i = 0; i < n; i++)
        {
          guint64 w = shares ? pool[i].share : relais_partner_tier_weight (pool[i].tier);
          /* |count − w × h ÷ W| < 1, in integers: |count × W − w × h| < W. */
          gint64 diff = (gint64) (received[i + 1] * total_weight) - (gint64) (w * h);

          if (ABS (diff) >= (gint64) total_weight)
            g_error ("after %u leads member %u has %u leads for an exact share of %.3f",
                     h, i + 1, received[i + 1], (double) (w * h) / (double) total_weight);
        }
    }
}

static void
test_weighted_quota_prefix (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seeds[s]);
      guint n = (guint) g_rand_int_range (rand, 2, 12);
      g_autofree Member *pool = random_pool (rand, n, FALSE);

      for (guint i = 0; i < n; i++)
        {
          pool[i].active = TRUE;
          pool[i].out_of_office_until = 0;
        }
      check_weighted_prefix (pool, n, FALSE, 500);
      check_weighted_prefix (pool, n, TRUE, 500);
    }
}

/* 50 % / 30 % / 20 %, interleaved rather than in bursts. */
static void
test_weighted_shares (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE, .share = 50 },
    { .id = 2, .capacity = -1, .active = TRUE, .share = 30 },
    { .id = 3, .capacity = -1, .active = TRUE, .share = 20 },
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  guint received[4] = { 0, };
  guint longest_run = 0, run = 0;
  gint64 previous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_rule (routing, pool_rule (1, "Shares", RELAIS_RULE_STRATEGY_WEIGHTED, pool, 3, TRUE));

  for (guint i = 0; i < 100; i++)
    {
      gint64 id = route_one (routing, i, "FR");

      received[id]++;
      run = id == previous ? run + 1 : 1;
      longest_run = MAX (longest_run, run);
      previous = id;
    }
  g_assert_cmpuint (received[1], ==, 50);
  g_assert_cmpuint (received[2], ==, 30);
  g_assert_cmpuint (received[3], ==, 20);
  g_assert_cmpuint (longest_run, <=, 2);
}

/* --- Least-loaded -------------------------------------------------------------- */

static void
test_least_loaded_ties_rotate (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE, .open_leads = 5 },
    { .id = 2, .capacity = -1, .active = TRUE, .open_leads = 5 },
    { .id = 3, .capacity = -1, .active = TRUE, .open_leads = 5 },
    { .id = 4, .capacity = -1, .active = TRUE, .open_leads = 5 },
  };
  g_autofree char *text = g_strdup ("");
  gboolean served[5] = { FALSE, };

  /* Four days, one lead a day, the loads equal again each morning: each
   * member is served in turn, not the same one every day. */
  for (guint day = 0; day < 4; day++)
    {
      g_autoptr(RelaisRouting) routing = relais_routing_new ();
      RelaisRoutingRule *rule = pool_rule (1, "Least", RELAIS_RULE_STRATEGY_LEAST_LOADED, pool, 4, FALSE);
      gint64 id;

      g_assert_true (relais_routing_rule_set_rotation_text (rule, text, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
        add_partner (routing, &pool[i]);
      relais_routing_add_rule (routing, rule);

      id = route_one (routing, day, "FR");
      g_assert_false (served[id]);
      served[id] = TRUE;

      g_free (text);
      text = rotation_text (routing, 1);
    }

  /* The fewest open leads first. */
  pool[0].open_leads = 3;
  pool[1].open_leads = 1;
  pool[2].open_leads = 2;
  pool[3].open_leads = 7;
  {
    g_autoptr(RelaisRouting) routing = relais_routing_new ();
    guint received[5] = { 0, };

    for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
      add_partner (routing, &pool[i]);
    relais_routing_add_rule (routing, pool_rule (1, "Least", RELAIS_RULE_STRATEGY_LEAST_LOADED, pool, 4, FALSE));
    g_assert_cmpint (route_one (routing, 1, "FR"), ==, 2);
    /* Then 2 and 3 tie at 2 open leads: 3, never served, goes first. */
    g_assert_cmpint (route_one (routing, 2, "FR"), ==, 3);
    /* Nine more leads fill 1, 2 and 3 from 3, 2, 3 up to 17 between them,
     * level all the way; 4, at 7, gets none. */
    for (guint i = 0; i < 9; i++)
      {
        gint64 lo = G_MAXINT64, hi = 0;

        received[route_one (routing, 10 + i, "FR")]++;
        for (guint j = 1; j <= 3; j++)
          {
            gint64 open_leads = relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, j);

            lo = MIN (lo, open_leads);
            hi = MAX (hi, open_leads);
          }
        g_assert_cmpint (hi - lo, <=, 1);
      }
    g_assert_cmpuint (received[4], ==, 0);
    g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, 4), ==, 7);
  }
}

/* Relative to capacity when every member has one. */
static void
test_least_loaded_ratio (void)
{
  Member pool[] = {
    { .id = 1, .capacity = 100, .active = TRUE, .open_leads = 40 },   /* 40 % */
    { .id = 2, .capacity = 10, .active = TRUE, .open_leads = 3 },     /* 30 % */
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();

  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_rule (routing, pool_rule (1, "Least", RELAIS_RULE_STRATEGY_LEAST_LOADED, pool, 2, FALSE));
  g_assert_cmpint (route_one (routing, 1, "FR"), ==, 2);   /* 4/10 = 40 %: a tie, 1 served longest ago */
  g_assert_cmpint (route_one (routing, 2, "FR"), ==, 1);   /* 41 % against 40 % */
  g_assert_cmpint (route_one (routing, 3, "FR"), ==, 2);
}

/* --- Capacity and eligibility over random streams ------------------------------ */

typedef struct {
  GArray      *decisions;
  char       **rotations;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->decisions, g_array_unref);
  g_clear_pointer (&result->rotations, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Three rules over one random pool: France and Belgium by weighted shares,
 * "security" by least-loaded, then everything else by round-robin with a
 * fallback queue for the second half of the leads' countries. */
static RelaisRouting *
random_routing (GRand   *rand,
                Member  *pool,
                guint    n)
{
  RelaisRouting *routing = relais_routing_new ();
  RelaisRoutingRule *rule;

  for (guint i = 0; i < n; i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_queue (routing, 7, "Backlog");

  rule = pool_rule (1, "France and Belgium", RELAIS_RULE_STRATEGY_WEIGHTED, pool, n / 2, TRUE);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "FR, BE");
  relais_routing_add_rule (routing, rule);

  rule = pool_rule (2, "Security", RELAIS_RULE_STRATEGY_LEAST_LOADED, pool + n / 3, n - n / 3, FALSE);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_TECHNOLOGY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "security");
  rule->match_territory = g_rand_boolean (rand);
  relais_routing_add_rule (routing, rule);

  rule = pool_rule (3, "Everything else", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, n, FALSE);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF, "PT, PL");
  rule->fallback_queue_id = 7;
  relais_routing_add_rule (routing, rule);

  return routing;
}

static RunResult
random_run (guint32  seed,
            gboolean explain)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n = (guint) g_rand_int_range (rand, 3, 30);
  g_autofree Member *pool = random_pool (rand, n, TRUE);
  g_autoptr(RelaisRouting) routing = random_routing (rand, pool, n);
  g_autofree RelaisRoutingLead *leads = g_new0 (RelaisRoutingLead, 800);
  RunResult result;

  for (guint i = 0; i < 800; i++)
    leads[i] = random_lead (rand, i + 1);
  result.decisions = relais_routing_route_batch (routing, leads, 800, NOW,
                                                 explain ? RELAIS_ROUTING_EXPLAIN : RELAIS_ROUTING_FLAGS_NONE);
  result.rotations = g_new0 (char *, 4);
  for (guint r = 0; r < 3; r++)
    result.rotations[r] = rotation_text (routing, r + 1);
  return result;
}

static void
test_capacity_never_exceeded (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seeds[s]);
      guint n = (guint) g_rand_int_range (rand, 3, 30);
      g_autofree Member *pool = random_pool (rand, n, TRUE);
      g_autoptr(RelaisRouting) routing = random_routing (rand, pool, n);
      g_autofree gint64 *open_leads = g_new0 (gint64, n + 1);
      guint assigned = 0, unassigned = 0;

      for (guint i = 0; i < n; i++)
        open_leads[i + 1] = pool[i].open_leads;

      for (guint i = 0; i < 800; i++)
        {
          RelaisRoutingLead lead = random_lead (rand, i + 1);
          g_auto(RelaisRoutingDecision) decision = { 0, };

          relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &decision);
          g_assert_nonnull (decision.explanation);

          if (decision.outcome == RELAIS_ROUTING_OUTCOME_ASSIGNED)
            {
              const Member *m = &pool[decision.partner_id - 1];

              g_assert_cmpint (decision.reason, ==, RELAIS_ROUTING_REASON_NONE);
              /* Never inactive or away, never past capacity. */
              g_assert_true (member_available (m));
              g_assert_cmpint (open_leads[m->id], <, m->capacity);
              open_leads[m->id]++;
              g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, m->id),
                               ==, open_leads[m->id]);
              assigned++;
            }
          else
            {
              g_autofree char *text = relais_routing_explain (decision.explanation);

              /* A lead that reaches nobody always says why. */
              g_assert_cmpint (decision.reason, !=, RELAIS_ROUTING_REASON_NONE);
              g_assert_cmpint (decision.explanation->reason, ==, decision.reason);
              g_assert_cmpstr (text, !=, "");
              if (decision.outcome == RELAIS_ROUTING_OUTCOME_FALLBACK)
                g_assert_cmpint (decision.queue_id, ==, 7);
              else
                {
                  g_assert_cmpint (decision.outcome, ==, RELAIS_ROUTING_OUTCOME_UNASSIGNED);
                  unassigned++;
                }
            }
        }
      /* The stream is long enough to fill everyone, and something got through. */
      g_assert_cmpuint (assigned, >, 0);
      g_assert_cmpuint (unassigned, >, 0);
    }
}

static void
test_deterministic (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_auto(RunResult) a = random_run (seeds[s], TRUE);
      g_auto(RunResult) b = random_run (seeds[s], FALSE);
      g_auto(RunResult) c = random_run (seeds[s], TRUE);

      g_assert_cmpuint (a.decisions->len, ==, b.decisions->len);
      for (guint i = 0; i < a.decisions->len; i++)
        {
          const RelaisRoutingDecision *da = &g_array_index (a.decisions, RelaisRoutingDecision, i);
          const RelaisRoutingDecision *db = &g_array_index (b.decisions, RelaisRoutingDecision, i);
          const RelaisRoutingDecision *dc = &g_array_index (c.decisions, RelaisRoutingDecision, i);
          g_autofree char *ta = relais_routing_explanation_serialize (da->explanation);
          g_autofree char *tc = relais_routing_explanation_serialize (dc->explanation);

          /* Explaining or not changes nothing to the decision. */
          g_assert_cmpint (da->outcome, ==, db->outcome);
          g_assert_cmpint (da->reason, ==, db->reason);
          g_assert_cmpint (da->rule_id, ==, db->rule_id);
          g_assert_cmpint (da->partner_id, ==, db->partner_id);
          g_assert_cmpint (da->queue_id, ==, db->queue_id);
          g_assert_null (db->explanation);
          g_assert_cmpstr (ta, ==, tc);
        }
      for (guint r = 0; r < 3; r++)
        {
          g_assert_cmpstr (a.rotations[r], ==, b.rotations[r]);
          g_assert_cmpstr (a.rotations[r], ==, c.rotations[r]);
        }
    }
}


/* --- Why a lead reaches nobody ------------------------------------------------- */

static void
test_unassigned_reasons (void)
{
  Member pool[] = {
    { .id = 1, .capacity = 5, .open_leads = 5, .active = TRUE },
    { .id = 2, .capacity = -1, .active = FALSE },
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingLead fr = plain_lead (1, "FR"), de = plain_lead (2, "DE");
  RelaisRoutingLead es = plain_lead (3, "ES"), it = plain_lead (4, "IT");
  RelaisRoutingLead pt = plain_lead (5, "PT");
  RelaisRoutingRule *rule;
  g_auto(RelaisRoutingDecision) d = { 0, };

  /* No rule at all. */
  relais_routing_route (routing, &fr, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_UNASSIGNED);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NO_RULE_MATCHED);
  g_assert_cmpint (d.rule_id, ==, 0);
  relais_routing_decision_clear (&d);

  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_queue (routing, 7, "Backlog");
  relais_routing_add_queue (routing, 8, "Iberia");

  rule = pool_rule (1, "France", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 2, FALSE);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "FR");
  relais_routing_add_rule (routing, rule);
  rule = pool_rule (2, "Germany", RELAIS_RULE_STRATEGY_LEAST_LOADED, pool, 2, FALSE);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "DE");
  rule->fallback_queue_id = 7;
  relais_routing_add_rule (routing, rule);
  rule = relais_routing_rule_new (3, "Spain");
  rule->position = 3;
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "ES");
  relais_routing_add_rule (routing, rule);
  rule = relais_routing_rule_new (4, "Italy");
  rule->position = 4;
  rule->pool_kind = RELAIS_RULE_POOL_QUEUE;
  rule->pool_queue_id = 8;
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "IT");
  relais_routing_add_rule (routing, rule);

  /* Everyone full or inactive, no fallback: unassigned, and the first matching
   * rule is the one that says so (no falling through to later rules). */
  relais_routing_route (routing, &fr, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_UNASSIGNED);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER);
  g_assert_cmpint (d.rule_id, ==, 1);
  g_assert_cmpuint (d.explanation->n_skipped, ==, 2);
  relais_routing_decision_clear (&d);

  /* The same with a fallback queue. */
  relais_routing_route (routing, &de, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_FALLBACK);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER);
  g_assert_cmpint (d.target_kind, ==, RELAIS_ROUTING_TARGET_QUEUE);
  g_assert_cmpint (d.queue_id, ==, 7);
  relais_routing_decision_clear (&d);

  /* A rule without members. */
  relais_routing_route (routing, &es, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_UNASSIGNED);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_EMPTY_POOL);
  relais_routing_decision_clear (&d);

  /* A queue pool nobody works by rotation: the lead waits in the queue. */
  relais_routing_route (routing, &it, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_QUEUED);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NONE);
  g_assert_cmpint (d.queue_id, ==, 8);
  relais_routing_decision_clear (&d);

  relais_routing_route (routing, &pt, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NO_RULE_MATCHED);
}

/* --- Criteria ------------------------------------------------------------------ */

static gint64
matched_rule (RelaisRouting           *routing,
              const RelaisRoutingLead *lead)
{
  g_auto(RelaisRoutingDecision) d = { 0, };

  relais_routing_route (routing, lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
  return d.rule_id;
}

static void
test_criteria (void)
{
  Member pool[] = { { .id = 1, .capacity = -1, .active = TRUE } };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingLead lead = plain_lead (1, "fr");
  RelaisRoutingRule *rule;

  add_partner (routing, &pool[0]);

  /* Added out of order: position decides. Rule 10 is disabled. */
  rule = pool_rule (10, "Disabled", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 1, FALSE);
  rule->position = 0;
  rule->enabled = FALSE;
  relais_routing_add_rule (routing, rule);

  rule = pool_rule (3, "Catch-all", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 1, FALSE);
  rule->position = 30;
  relais_routing_add_rule (routing, rule);

  rule = pool_rule (2, "Not Benelux, app, listing with VPN", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 1, FALSE);
  rule->position = 20;
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF, "BE,NL,LU");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_KIND, RELAIS_RULE_OPERATOR_IS_ONE_OF, "app");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_LISTING, RELAIS_RULE_OPERATOR_CONTAINS, "vpn, tunnel");
  relais_routing_add_rule (routing, rule);

  rule = pool_rule (1, "France security, big budgets, French", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 1, FALSE);
  rule->position = 10;
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, " FR , BE ");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_TECHNOLOGY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "Security");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_BUDGET, RELAIS_RULE_OPERATOR_IS_ONE_OF, "50k-250k,250k-1M,>1M");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_LANGUAGE, RELAIS_RULE_OPERATOR_IS_ONE_OF, "fr");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_CATEGORY, RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF, "event_attendee");
  relais_routing_add_rule (routing, rule);

  /* Budget 10k-50k: not rule 1; a service: not rule 2. */
  g_assert_cmpint (matched_rule (routing, &lead), ==, 3);

  /* Case and spaces do not matter. */
  lead.budget = " 250K-1m";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 1);
  lead.category = "event_attendee";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 3);

  lead.kind = "app";
  lead.listing = "Secure VPN Gateway";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 2);
  lead.country = "NL";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 3);
  lead.country = "";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 2);
  lead.listing = "Pare-feu à tunnel chiffré";
  g_assert_cmpint (matched_rule (routing, &lead), ==, 2);
  lead.listing = NULL;
  g_assert_cmpint (matched_rule (routing, &lead), ==, 3);

  /* Non-ASCII values compare without case too. */
  {
    g_autoptr(RelaisRouting) other = relais_routing_new ();

    add_partner (other, &pool[0]);
    rule = pool_rule (5, "Étoile", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 1, FALSE);
    relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_LISTING, RELAIS_RULE_OPERATOR_IS_ONE_OF, "ÉTOILE DU NORD");
    relais_routing_add_rule (other, rule);
    lead.listing = "étoile du nord";
    g_assert_cmpint (matched_rule (other, &lead), ==, 5);
    lead.listing = "étoile du sud";
    g_assert_cmpint (matched_rule (other, &lead), ==, 0);
  }
}

/* --- Territory and reps -------------------------------------------------------- */

static void
test_territory (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE, .territory = "FR,BE" },
    { .id = 2, .capacity = -1, .active = TRUE, .territory = "DE" },
    { .id = 3, .capacity = -1, .active = TRUE, .territory = "fr" },
    { .id = 4, .capacity = -1, .active = TRUE, .territory = "" },
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingRule *rule = pool_rule (1, "Europe", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 4, FALSE);
  RelaisRoutingLead lead = plain_lead (1, "FR");
  g_auto(RelaisRoutingDecision) d = { 0, };
  g_autofree char *text = NULL;
  guint received[5] = { 0, };

  rule->match_territory = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_rule (routing, rule);

  for (guint i = 0; i < 10; i++)
    received[route_one (routing, i, "FR")]++;
  g_assert_cmpuint (received[1], ==, 5);
  g_assert_cmpuint (received[3], ==, 5);
  g_assert_cmpuint (received[2] + received[4], ==, 0);

  /* 2 did not forfeit its turns on French leads: the first German lead is its. */
  g_assert_cmpint (route_one (routing, 20, "DE"), ==, 2);
  g_assert_cmpint (route_one (routing, 21, "BE"), ==, 1);

  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  g_assert_cmpint (d.partner_id, ==, 3);
  text = relais_routing_explain (d.explanation);
  g_assert_cmpstr (text, ==,
                   "Assigned to Partner 3 by rule “Europe” (round-robin). "
                   "Skipped 2 members: Partner 2: outside territory; Partner 4: outside territory.");
}

static void
test_reps_pool (void)
{
  RelaisRoutingCandidate partner = {
    .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 1, .name = "Acme", .capacity = 3, .active = TRUE,
  };
  RelaisRoutingCandidate rep = {
    .kind = RELAIS_ROUTING_TARGET_REP, .partner_id = 1, .capacity = -1, .active = TRUE,
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingRule *rule = relais_routing_rule_new (1, "Acme reps");
  RelaisRoutingLead lead = plain_lead (1, "FR");
  gint64 previous = 0;

  relais_routing_add_candidate (routing, &partner);
  rule->pool_kind = RELAIS_RULE_POOL_REPS;
  rule->pool_partner_id = 1;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Rep %u", i);

      rep.id = 10 + i;
      rep.name = name;
      rep.uuid = i == 0 ? "4f0c3a52-7d1e-4c55-9d0e-0a1b2c3d4e5f" : NULL;
      relais_routing_add_candidate (routing, &rep);
      relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_REP, rep.id, 0);
    }
  relais_routing_add_rule (routing, rule);

  for (guint i = 0; i < 6; i++)
    {
      g_auto(RelaisRoutingDecision) d = { 0, };

      relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
      g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_ASSIGNED);
      g_assert_cmpint (d.target_kind, ==, RELAIS_ROUTING_TARGET_REP);
      g_assert_cmpint (d.partner_id, ==, 1);
      g_assert_cmpint (d.rep_id, ==, 10 + i % 3);
      g_assert_cmpint (d.rep_id, !=, previous);
      previous = d.rep_id;
    }
  /* A rep's lead counts against its partner too. */
  g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, 1), ==, 6);
  g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_REP, 11), ==, 2);
  /* The rotation is keyed by uuid when there is one. */
  g_assert_cmpuint (relais_rotation_get_count (rule->rotation, "4f0c3a52-7d1e-4c55-9d0e-0a1b2c3d4e5f"), ==, 2);
  g_assert_cmpuint (relais_rotation_get_count (rule->rotation, "c11"), ==, 2);
}

/* --- Explanations -------------------------------------------------------------- */

static RelaisRouting *
france_security (void)
{
  RelaisRouting *routing = relais_routing_new ();
  RelaisRoutingRule *rule = relais_routing_rule_new (1, "France – Security");
  RelaisRoutingCandidate candidates[] = {
    { .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 1, .name = "Acme", .capacity = 50, .open_leads = 50, .active = TRUE },
    { .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 2, .name = "Globex", .capacity = -1, .active = FALSE },
    /* Away until 1 December 2026, 09:00 UTC. */
    { .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 3, .name = "Initech", .capacity = -1, .active = TRUE,
      .out_of_office_until = G_GINT64_CONSTANT (1796115600) * G_USEC_PER_SEC },
    { .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 4, .name = "Beta", .capacity = 10, .active = TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    relais_routing_add_candidate (routing, &candidates[i]);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "FR");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_TECHNOLOGY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "security");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_CATEGORY, RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF, "event_attendee,demo_trial");
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_LISTING, RELAIS_RULE_OPERATOR_CONTAINS, "firewall");
  rule->reroute_after_s = 2 * 86400;
  relais_routing_add_rule (routing, rule);
  return routing;
}

static void
test_explain_english (void)
{
  g_autoptr(RelaisRouting) routing = france_security ();
  RelaisRoutingRule *rule = relais_routing_get_rule (routing, 1);
  RelaisRoutingLead lead = plain_lead (1, "FR");
  g_auto(RelaisRoutingDecision) d = { 0, };
  g_autofree char *text = NULL;

  /* The example of issue 7: one member skipped. */
  rule->members = g_array_set_size (rule->members, 0);
  relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, 1, 0);
  relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, 4, 0);
  relais_routing_invalidate (routing);

  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  text = relais_routing_explain (d.explanation);
  g_assert_cmpstr (text, ==,
                   "Assigned to Beta by rule “France – Security” (round-robin). "
                   "Criteria met: country is one of FR; technology is one of security; "
                   "category is not one of Event attendee, Demo or trial; listing contains “firewall”. "
                   "Skipped Acme: over capacity (50/50).");
  relais_routing_decision_clear (&d);
  g_clear_pointer (&text, g_free);

  /* Three skipped, with a date. */
  relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, 2, 0);
  relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, 3, 0);
  rule->strategy = RELAIS_RULE_STRATEGY_LEAST_LOADED;
  relais_routing_invalidate (routing);
  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  text = relais_routing_explain (d.explanation);
  g_assert_true (g_str_has_prefix (text, "Assigned to Beta by rule “France – Security” (least loaded). Criteria met: "));
  g_assert_true (g_str_has_suffix (text, " Skipped 3 members: Acme: over capacity (50/50); Globex: inactive; "
                                         "Initech: out of office until 1 December 2026."));
  relais_routing_decision_clear (&d);
  g_clear_pointer (&text, g_free);

  /* Nobody: Beta is full now too. */
  for (guint i = 0; i < 8; i++)
    {
      relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d);
      relais_routing_decision_clear (&d);
    }
  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  text = relais_routing_explain (d.explanation);
  g_assert_true (g_str_has_prefix (text, "Not assigned: rule “France – Security” matches, but no member could "
                                         "take the lead, and the rule has no fallback queue. Criteria met: "));
  /* Skipped members are listed in the order of the pool. */
  g_assert_true (g_str_has_suffix (text, " Skipped 4 members: Acme: over capacity (50/50); Beta: over capacity (10/10); "
                                         "Globex: inactive; Initech: out of office until 1 December 2026."));
  relais_routing_decision_clear (&d);
  g_clear_pointer (&text, g_free);

  /* No rule. */
  lead.country = "DE";
  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  text = relais_routing_explain (d.explanation);
  g_assert_cmpstr (text, ==, "Not assigned: no enabled rule matches this lead.");
}

static void
test_explain_many_skipped (void)
{
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingRule *rule = relais_routing_rule_new (1, "Big pool");
  RelaisRoutingLead lead = plain_lead (1, "FR");
  g_auto(RelaisRoutingDecision) d = { 0, };
  g_autofree char *text = NULL;

  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", i);
      RelaisRoutingCandidate c = {
        .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = i, .name = name, .capacity = -1, .active = i == 20,
      };

      relais_routing_add_candidate (routing, &c);
      relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, i, 0);
    }
  relais_routing_add_rule (routing, rule);
  relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
  g_assert_cmpint (d.partner_id, ==, 20);
  g_assert_cmpuint (d.explanation->n_skipped, ==, 19);
  g_assert_cmpuint (d.explanation->skipped->len, ==, RELAIS_ROUTING_MAX_SKIPS_SHOWN);
  text = relais_routing_explain (d.explanation);
  g_assert_cmpstr (text, ==,
                   "Assigned to P20 by rule “Big pool” (round-robin). Skipped 19 members, among them "
                   "P1: inactive; P2: inactive; P3: inactive; P4: inactive; P5: inactive; P6: inactive; "
                   "P7: inactive; P8: inactive.");
}

static void
test_explain_round_trip (void)
{
  g_autoptr(RelaisRouting) routing = france_security ();
  RelaisRoutingRule *rule = relais_routing_get_rule (routing, 1);
  RelaisRoutingLead lead = plain_lead (1, "FR");
  const char *bad[] = { "", "not a variant", "{'v': <2>, 'outcome': <'assigned'>}", "{'outcome': <'assigned'>}",
                        "{'v': <1>, 'outcome': <'teleported'>}", "[1, 2]" };

  for (guint i = 1; i <= 4; i++)
    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, i, i == 4 ? 3 : 0);
  relais_routing_invalidate (routing);

  for (guint i = 0; i < 12; i++)
    {
      g_auto(RelaisRoutingDecision) d = { 0, };
      g_autoptr(RelaisRoutingExplanation) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL, *again = NULL, *words = NULL, *parsed_words = NULL;

      relais_routing_route (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d);
      text = relais_routing_explanation_serialize (d.explanation);
      parsed = relais_routing_explanation_parse (text, &error);
      g_assert_no_error (error);
      again = relais_routing_explanation_serialize (parsed);
      g_assert_cmpstr (text, ==, again);
      words = relais_routing_explain (d.explanation);
      parsed_words = relais_routing_explain (parsed);
      g_assert_cmpstr (words, ==, parsed_words);
      /* Codes, not words: the stored form reads back in any language. */
      g_assert_nonnull (strstr (text, "'outcome'"));
      g_assert_null (strstr (text, "Skipped"));
    }

  /* Names with quotes, backslashes, line breaks, accents and other scripts,
   * empty lists: the text form reads back as it was written, and GLib reads
   * it as the same value it prints. */
  {
    static const char *names[] = { "O'Neil & Fils", "C:\\partners\\", "Ligne\nsuivante\tet tab",
                                   "Réseaux « Ère » ÄÖÜ", "東京システム", "", "\"quoted\"" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(RelaisRoutingExplanation) e = relais_routing_explanation_new ();
        g_autoptr(RelaisRoutingExplanation) parsed = NULL;
        g_autoptr(GVariant) value = NULL;
        g_autoptr(GVariant) reparsed = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *text = NULL, *again = NULL, *printed = NULL;
        RelaisRoutingSkip skip = { RELAIS_ROUTING_SKIP_OVER_CAPACITY, RELAIS_ROUTING_TARGET_PARTNER, 7,
                                   g_strdup (names[i]), 0, 50, 50 };

        e->outcome = RELAIS_ROUTING_OUTCOME_FALLBACK;
        e->reason = RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER;
        e->rule_id = G_MAXINT64;
        e->rule_name = g_strdup (names[i]);
        e->strategy = RELAIS_RULE_STRATEGY_WEIGHTED;
        g_ptr_array_add (e->criteria, relais_routing_criterion_new (RELAIS_RULE_FIELD_LISTING,
                                                                    RELAIS_RULE_OPERATOR_CONTAINS, names[i]));
        e->target_kind = RELAIS_ROUTING_TARGET_QUEUE;
        e->target_id = 3;
        e->target_name = g_strdup (names[i]);
        e->n_skipped = i == 5 ? 40 : 1;
        if (i != 5)
          g_array_append_val (e->skipped, skip);
        else
          g_free (skip.name);
        e->reroute = i % 2 == 0;
        e->reroute_after_s = 86400;
        e->from_kind = RELAIS_ROUTING_TARGET_REP;
        e->from_id = -1;
        e->from_name = g_strdup (names[i]);

        text = relais_routing_explanation_serialize (e);
        parsed = relais_routing_explanation_parse (text, &error);
        g_assert_no_error (error);
        again = relais_routing_explanation_serialize (parsed);
        g_assert_cmpstr (text, ==, again);
        g_assert_cmpstr (parsed->target_name, ==, names[i]);
        g_assert_cmpstr (parsed->rule_name, ==, names[i]);

        value = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
        g_assert_no_error (error);
        printed = g_variant_print (value, TRUE);
        reparsed = g_variant_parse (G_VARIANT_TYPE_VARDICT, printed, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (g_variant_equal (value, reparsed));
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RelaisRoutingExplanation) parsed = relais_routing_explanation_parse (bad[i], &error);

      g_assert_null (parsed);
      g_assert_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE);
    }

  /* Unknown keys (a newer version's) are ignored. */
  {
    g_autoptr(RelaisRoutingExplanation) parsed =
      relais_routing_explanation_parse ("{'v': <1>, 'outcome': <'unassigned'>, 'reason': <'no_rule_matched'>, "
                                        "'colour': <'blue'>}", NULL);
    g_autofree char *words = NULL;

    g_assert_nonnull (parsed);
    words = relais_routing_explain (parsed);
    g_assert_cmpstr (words, ==, "Not assigned: no enabled rule matches this lead.");
  }
}

/* --- Rotation ------------------------------------------------------------------ */

static void
test_rotation_text (void)
{
  const char *good[] = {
    "v1;t=0",
    "v1;t=12;p1=4,12;p2=3,11;p3=4,10",
    "v1;t=7;4f0c3a52-7d1e-4c55-9d0e-0a1b2c3d4e5f=2,7;c11=1,5",
  };
  const char *bad[] = {
    "v2;t=1", "t=1", "v1;t=x", "v1;t=1;p1", "v1;t=1;p1=1", "v1;t=1;p1=1,2,3", "v1;t=1;p 1=1,2",
    "v1;t=1;p1=1,2;p1=2,3", "v1;t=1;p1=-1,2",
  };
  g_autoptr(RelaisRotation) fresh = relais_rotation_parse ("", NULL);
  g_autoptr(RelaisRotation) empty = relais_rotation_new ();

  g_assert_nonnull (fresh);
  g_assert_true (relais_rotation_equal (fresh, empty));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RelaisRotation) rotation = relais_rotation_parse (good[i], &error);
      g_autoptr(RelaisRotation) copy = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = relais_rotation_to_string (rotation);
      g_assert_cmpstr (text, ==, good[i]);
      copy = relais_rotation_copy (rotation);
      g_assert_true (relais_rotation_equal (rotation, copy));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RelaisRotation) rotation = relais_rotation_parse (bad[i], &error);

      g_assert_null (rotation);
      g_assert_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE);
    }

  {
    g_autoptr(RelaisRotation) r = relais_rotation_parse (good[1], NULL);

    g_assert_cmpuint (relais_rotation_get_count (r, "p2"), ==, 3);
    g_assert_cmpuint (relais_rotation_get_tick (r, "p2"), ==, 11);
    g_assert_cmpuint (relais_rotation_get_count (r, "p9"), ==, 0);
  }
}

/* Two managers route at once from the same rotation; the merge repairs what
 * they did twice. */
static void
test_rotation_merge (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE },
    { .id = 2, .capacity = -1, .active = TRUE },
    { .id = 3, .capacity = -1, .active = TRUE },
  };
  const char *base_text = "v1;t=9;p1=3,7;p2=3,8;p3=3,9";
  g_autofree char *ours_text = NULL, *theirs_text = NULL, *merged_text = NULL;
  g_autoptr(RelaisRotation) base = relais_rotation_parse (base_text, NULL);
  g_autoptr(RelaisRotation) ours = NULL, theirs = NULL, merged = NULL, merged_no_base = NULL;
  guint received[4] = { 0, };

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(RelaisRouting) routing = relais_routing_new ();
      RelaisRoutingRule *rule = pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 3, FALSE);

      g_assert_true (relais_routing_rule_set_rotation_text (rule, base_text, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
        add_partner (routing, &pool[i]);
      relais_routing_add_rule (routing, rule);
      /* Both give their one lead to partner 1, served longest ago. */
      g_assert_cmpint (route_one (routing, side, "FR"), ==, 1);
      if (side == 0)
        ours_text = rotation_text (routing, 1);
      else
        theirs_text = rotation_text (routing, 1);
    }

  ours = relais_rotation_parse (ours_text, NULL);
  theirs = relais_rotation_parse (theirs_text, NULL);
  merged = relais_rotation_merge (base, ours, theirs);
  g_assert_cmpuint (relais_rotation_get_count (merged, "p1"), ==, 5);
  g_assert_cmpuint (relais_rotation_get_count (merged, "p2"), ==, 3);
  /* Without the base, the higher count: never more than what was given. */
  merged_no_base = relais_rotation_merge (NULL, ours, theirs);
  g_assert_cmpuint (relais_rotation_get_count (merged_no_base, "p1"), ==, 4);

  /* After the merge, 2 and 3 each get two leads before 1 gets another. */
  merged_text = relais_rotation_to_string (merged);
  {
    g_autoptr(RelaisRouting) routing = relais_routing_new ();
    RelaisRoutingRule *rule = pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 3, FALSE);

    g_assert_true (relais_routing_rule_set_rotation_text (rule, merged_text, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
      add_partner (routing, &pool[i]);
    relais_routing_add_rule (routing, rule);
    for (guint i = 0; i < 4; i++)
      received[route_one (routing, 10 + i, "FR")]++;
    g_assert_cmpuint (received[1], ==, 0);
    g_assert_cmpuint (received[2], ==, 2);
    g_assert_cmpuint (received[3], ==, 2);
    /* Then the rotation goes on over the three. */
    g_assert_cmpint (route_one (routing, 20, "FR"), ==, 1);
  }

  /* Merging is symmetric. */
  {
    g_autoptr(RelaisRotation) other = relais_rotation_merge (base, theirs, ours);

    g_assert_true (relais_rotation_equal (merged, other));
  }
}

/* A rule given a new rotation after it was added (a sync brought one) routes
 * from that rotation. */
static void
test_rotation_replaced (void)
{
  Member pool[] = {
    { .id = 1, .capacity = -1, .active = TRUE },
    { .id = 2, .capacity = -1, .active = TRUE },
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingRule *rule = pool_rule (1, "All", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 2, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_add_rule (routing, rule);
  g_assert_cmpint (route_one (routing, 1, "FR"), ==, 1);
  g_assert_true (relais_routing_rule_set_rotation_text (rule, "v1;t=50;p1=9,50;p2=8,49", NULL));
  g_assert_cmpint (route_one (routing, 2, "FR"), ==, 2);
  g_assert_cmpuint (relais_rotation_get_count (rule->rotation, "p2"), ==, 9);
  g_assert_cmpuint (relais_rotation_get_tick (rule->rotation, "p2"), ==, 51);
}

/* --- Rerouting ----------------------------------------------------------------- */

static void
test_reroute (void)
{
  g_autoptr(RelaisRouting) routing = france_security ();
  RelaisRoutingRule *rule = relais_routing_get_rule (routing, 1);
  RelaisRoutingLead lead = plain_lead (1, "FR");
  g_auto(RelaisRoutingDecision) d = { 0, };
  g_autofree char *text = NULL;
  RelaisRoutingCandidate extra = {
    .kind = RELAIS_ROUTING_TARGET_PARTNER, .id = 5, .name = "Umbrella", .capacity = -1, .active = TRUE,
  };

  relais_routing_add_candidate (routing, &extra);
  for (guint i = 1; i <= 5; i++)
    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, i, 0);
  relais_routing_add_queue (routing, 7, "Backlog");

  /* Assigned to Beta two days ago, less a minute: not yet. */
  lead.rule_id = 1;
  lead.partner_id = 4;
  lead.assigned_at = NOW - 2 * DAY + 60 * G_USEC_PER_SEC;
  g_assert_false (relais_routing_reroute_is_due (rule, &lead, NOW));
  g_assert_false (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d));
  g_assert_null (d.explanation);

  /* Accepted: never. */
  lead.assigned_at = NOW - 3 * DAY;
  lead.accepted_at = NOW - 2 * DAY;
  g_assert_false (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d));
  lead.accepted_at = 0;

  /* Due: the next eligible member, never the holder. */
  g_assert_true (relais_routing_reroute_is_due (rule, &lead, NOW));
  g_assert_true (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d));
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_ASSIGNED);
  g_assert_cmpint (d.partner_id, ==, 5);
  g_assert_cmpint (d.rule_id, ==, 1);
  g_assert_true (d.explanation->reroute);
  text = relais_routing_explain (d.explanation);
  g_assert_true (g_str_has_prefix (text, "Rerouted from Beta to Umbrella by rule “France – Security” (round-robin): "
                                         "not accepted within 2 days. Criteria met: "));
  relais_routing_decision_clear (&d);
  g_clear_pointer (&text, g_free);
  /* The holder gave the lead back. */
  g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, 4), ==, 0);
  g_assert_cmpint (relais_routing_get_open_leads (routing, RELAIS_ROUTING_TARGET_PARTNER, 5), ==, 1);

  /* Umbrella, now holding it, does not accept either: back to Beta, the only
   * other member who can take it. */
  lead.partner_id = 5;
  g_assert_true (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d));
  g_assert_cmpint (d.partner_id, ==, 4);
  relais_routing_decision_clear (&d);

  /* When the holder is the only one who could: it keeps the lead… */
  lead.partner_id = 4;
  extra.active = FALSE;
  relais_routing_add_candidate (routing, &extra);
  g_assert_true (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d));
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_KEPT);
  g_assert_cmpint (d.reason, ==, RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER);
  g_assert_cmpint (d.partner_id, ==, 4);
  text = relais_routing_explain (d.explanation);
  g_assert_true (g_str_has_prefix (text, "Left with Beta: not accepted within 2 days, but no other member of rule "
                                         "“France – Security” could take the lead, and the rule has no fallback queue."));
  relais_routing_decision_clear (&d);
  g_clear_pointer (&text, g_free);

  /* …unless the rule has a fallback queue. */
  rule->fallback_queue_id = 7;
  rule->reroute_after_s = 36 * 3600;
  g_assert_true (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_EXPLAIN, &d));
  g_assert_cmpint (d.outcome, ==, RELAIS_ROUTING_OUTCOME_FALLBACK);
  g_assert_cmpint (d.queue_id, ==, 7);
  text = relais_routing_explain (d.explanation);
  g_assert_true (g_str_has_prefix (text, "Moved from Beta to the fallback queue “Backlog” by rule “France – Security”: "
                                         "not accepted within 36 hours, and no other member could take the lead."));
  relais_routing_decision_clear (&d);

  /* A disabled rule, or one that does not reroute, leaves the lead alone. */
  rule->enabled = FALSE;
  g_assert_false (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d));
  rule->enabled = TRUE;
  rule->reroute_after_s = 0;
  g_assert_false (relais_routing_reroute (routing, &lead, NOW, RELAIS_ROUTING_FLAGS_NONE, &d));
}

/* --- Preview summary, rule validation ------------------------------------------ */

static void
test_summary (void)
{
  Member pool[] = {
    { .id = 1, .capacity = 2, .active = TRUE },
    { .id = 2, .capacity = 3, .active = TRUE },
  };
  g_autoptr(RelaisRouting) routing = relais_routing_new ();
  RelaisRoutingRule *rule = pool_rule (1, "France", RELAIS_RULE_STRATEGY_ROUND_ROBIN, pool, 2, FALSE);
  g_autofree RelaisRoutingLead *leads = g_new0 (RelaisRoutingLead, 10);
  g_autoptr(GArray) decisions = NULL;
  g_autoptr(RelaisRoutingSummary) summary = NULL;
  const RelaisRoutingShare *share;

  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    add_partner (routing, &pool[i]);
  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "FR");
  relais_routing_add_rule (routing, rule);
  for (guint i = 0; i < 10; i++)
    leads[i] = plain_lead (i + 1, i < 8 ? "FR" : "DE");

  decisions = relais_routing_route_batch (routing, leads, 10, NOW, RELAIS_ROUTING_FLAGS_NONE);
  summary = relais_routing_summarize (routing, (RelaisRoutingDecision *) (gpointer) decisions->data, decisions->len);

  g_assert_cmpuint (summary->n_leads, ==, 10);
  g_assert_cmpuint (summary->n_assigned, ==, 5);
  g_assert_cmpuint (summary->n_queued, ==, 0);
  g_assert_cmpuint (summary->n_unassigned, ==, 5);
  g_assert_cmpuint (summary->n_by_reason[RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER], ==, 3);
  g_assert_cmpuint (summary->n_by_reason[RELAIS_ROUTING_REASON_NO_RULE_MATCHED], ==, 2);
  g_assert_cmpuint (summary->shares->len, ==, 2);
  share = &g_array_index (summary->shares, RelaisRoutingShare, 0);
  g_assert_cmpint (share->id, ==, 2);
  g_assert_cmpuint (share->n_leads, ==, 3);
  g_assert_cmpstr (share->name, ==, "Partner 2");
  share = &g_array_index (summary->shares, RelaisRoutingShare, 1);
  g_assert_cmpint (share->id, ==, 1);
  g_assert_cmpuint (share->n_leads, ==, 2);
  g_assert_cmpuint (summary->unassigned->len, ==, 5);
  g_assert_cmpint (g_array_index (summary->unassigned, RelaisRoutingUnassigned, 0).lead_id, ==, 6);
  g_assert_cmpint (g_array_index (summary->unassigned, RelaisRoutingUnassigned, 4).reason, ==,
                   RELAIS_ROUTING_REASON_NO_RULE_MATCHED);

  /* With a fallback queue, the leads nobody can take go there: they count in
   * the queue's share, not among the unassigned by reason (relais-cli
   * assign printed them twice, its shares adding up past 100 %). The
   * partners are full now. */
  relais_routing_add_queue (routing, 7, "Backlog");
  rule->fallback_queue_id = 7;
  g_clear_pointer (&decisions, g_array_unref);
  g_clear_pointer (&summary, relais_routing_summary_free);
  decisions = relais_routing_route_batch (routing, leads, 10, NOW, RELAIS_ROUTING_FLAGS_NONE);
  summary = relais_routing_summarize (routing, (RelaisRoutingDecision *) (gpointer) decisions->data, decisions->len);

  g_assert_cmpuint (summary->n_assigned, ==, 0);
  g_assert_cmpuint (summary->n_queued, ==, 8);
  g_assert_cmpuint (summary->n_unassigned, ==, 2);
  g_assert_cmpuint (summary->n_by_reason[RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER], ==, 0);
  g_assert_cmpuint (summary->n_by_reason[RELAIS_ROUTING_REASON_NO_RULE_MATCHED], ==, 2);
  g_assert_cmpuint (summary->shares->len, ==, 1);
  share = &g_array_index (summary->shares, RelaisRoutingShare, 0);
  g_assert_cmpint (share->kind, ==, RELAIS_ROUTING_TARGET_QUEUE);
  g_assert_cmpint (share->id, ==, 7);
  g_assert_cmpuint (share->n_leads, ==, 8);
}

static void
test_rule_validate (void)
{
  g_autoptr(RelaisRoutingRule) rule = relais_routing_rule_new (1, "  ");
  g_autoptr(RelaisRoutingRule) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (relais_routing_rule_validate (rule, &error));
  g_assert_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE);
  g_clear_error (&error);

  g_free (rule->name);
  rule->name = g_strdup ("France");
  g_assert_true (relais_routing_rule_validate (rule, NULL));

  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, " , ");
  g_assert_false (relais_routing_rule_validate (rule, &error));
  g_assert_nonnull (strstr (error->message, "“Country”"));
  g_clear_error (&error);
  g_ptr_array_set_size (rule->criteria, 0);

  rule->pool_kind = RELAIS_RULE_POOL_REPS;
  g_assert_false (relais_routing_rule_validate (rule, NULL));
  rule->pool_partner_id = 3;
  g_assert_true (relais_routing_rule_validate (rule, NULL));
  rule->pool_kind = RELAIS_RULE_POOL_QUEUE;
  g_assert_false (relais_routing_rule_validate (rule, NULL));
  rule->pool_queue_id = 2;
  g_assert_true (relais_routing_rule_validate (rule, NULL));

  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_KIND, RELAIS_RULE_OPERATOR_IS_ONE_OF, "app");
  relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, 4, 30);
  copy = relais_routing_rule_copy (rule);
  g_assert_cmpstr (copy->name, ==, "France");
  g_assert_cmpuint (copy->criteria->len, ==, 1);
  g_assert_cmpuint (copy->members->len, ==, 1);
  g_assert_cmpuint (g_array_index (copy->members, RelaisRoutingMemberRef, 0).share, ==, 30);
}

static void
test_enum_codes (void)
{
  const RelaisEnumInfo *infos[] = {
    &relais_rule_field_info, &relais_rule_operator_info, &relais_rule_pool_kind_info,
    &relais_routing_target_kind_info, &relais_routing_outcome_info, &relais_routing_reason_info,
    &relais_routing_skip_info,
  };
  /* The codes of the schema's comments (rule_criterion, rule.pool_kind). */
  const char *fields[] = { "country", "technology", "category", "kind", "listing", "budget", "language" };

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    for (guint j = 0; j < infos[i]->n_values; j++)
      {
        int value = -1;

        g_assert_cmpint (infos[i]->values[j].value, ==, j);
        g_assert_true (relais_enum_from_code (infos[i], infos[i]->values[j].code, &value));
        g_assert_cmpint (value, ==, j);
      }
  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == RELAIS_RULE_N_FIELDS);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (relais_enum_code (&relais_rule_field_info, i), ==, fields[i]);
  g_assert_cmpstr (relais_enum_code (&relais_rule_operator_info, RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF), ==, "is_not_one_of");
  g_assert_cmpstr (relais_enum_code (&relais_rule_pool_kind_info, RELAIS_RULE_POOL_REPS), ==, "reps");
  g_assert_cmpuint (relais_routing_reason_info.n_values, ==, RELAIS_ROUTING_N_REASONS);
}

/* --- Timing -------------------------------------------------------------------- */

/* 100,000 leads over 500 partners and 50 rules: 49 rules on one to three
 * countries and a technology, each with the partners of those countries, and a
 * last rule for the rest over every partner. Prints the figures; asserts only
 * that every lead was decided. */
static void
test_timing_100k (void)
{
  enum { N_PARTNERS = 500, N_RULES = 50, N_LEADS = 100000 };
  static const char *all_countries[] = {
    "FR", "BE", "DE", "ES", "IT", "NL", "CH", "AT", "PT", "PL", "SE", "NO", "DK", "FI", "IE",
    "GB", "CZ", "HU", "RO", "GR",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree Member *pool = g_new0 (Member, N_PARTNERS);
  g_autofree char **territories = g_new0 (char *, N_PARTNERS + 1);
  g_autofree RelaisRoutingLead *leads = g_new0 (RelaisRoutingLead, N_LEADS);
  double times[2];

  for (guint i = 0; i < N_PARTNERS; i++)
    {
      pool[i].id = i + 1;
      pool[i].tier = (RelaisPartnerTier) g_rand_int_range (rand, 0, RELAIS_PARTNER_N_TIERS);
      pool[i].capacity = g_rand_int_range (rand, 100, 2000);
      pool[i].open_leads = g_rand_int_range (rand, 0, 100);
      pool[i].active = g_rand_int_range (rand, 0, 100) >= 5;
      pool[i].out_of_office_until = g_rand_int_range (rand, 0, 100) < 5 ? NOW + DAY : 0;
      territories[i] = g_strdup_printf ("%s,%s", all_countries[g_rand_int_range (rand, 0, 20)],
                                        all_countries[g_rand_int_range (rand, 0, 20)]);
      pool[i].territory = territories[i];
    }
  for (guint i = 0; i < N_LEADS; i++)
    {
      leads[i] = random_lead (rand, i + 1);
      leads[i].country = all_countries[g_rand_int_range (rand, 0, 20)];
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(RelaisRouting) routing = relais_routing_new ();
      g_autoptr(GRand) rules_rand = g_rand_new_with_seed (11);
      g_autoptr(GArray) decisions = NULL;
      gint64 start;
      guint decided = 0;

      for (guint i = 0; i < N_PARTNERS; i++)
        add_partner (routing, &pool[i]);
      for (guint r = 0; r < N_RULES; r++)
        {
          g_autofree char *name = g_strdup_printf ("Rule %u", r);
          RelaisRoutingRule *rule = relais_routing_rule_new (r + 1, name);

          rule->position = r;
          rule->strategy = (RelaisRuleStrategy) (r % RELAIS_RULE_N_STRATEGIES);
          rule->match_territory = r % 4 == 0;
          if (r + 1 < N_RULES)
            {
              g_autofree char *codes = g_strdup_printf ("%s,%s,%s", all_countries[g_rand_int_range (rules_rand, 0, 20)],
                                                        all_countries[g_rand_int_range (rules_rand, 0, 20)],
                                                        all_countries[g_rand_int_range (rules_rand, 0, 20)]);

              relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, codes);
              relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_TECHNOLOGY, RELAIS_RULE_OPERATOR_IS_ONE_OF,
                                                 technologies[r % G_N_ELEMENTS (technologies)]);
              if (r % 7 == 3)
                relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_LISTING, RELAIS_RULE_OPERATOR_CONTAINS, "pro, vpn");
              for (guint i = 0; i < N_PARTNERS; i++)
                {
                  g_auto(GStrv) items = g_strsplit (codes, ",", -1);

                  for (guint k = 0; items[k] != NULL; k++)
                    if (strstr (pool[i].territory, items[k]) != NULL)
                      {
                        relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, pool[i].id, 0);
                        break;
                      }
                }
            }
          else
            {
              for (guint i = 0; i < N_PARTNERS; i++)
                relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, pool[i].id, 0);
              rule->strategy = RELAIS_RULE_STRATEGY_LEAST_LOADED;
            }
          relais_routing_add_rule (routing, rule);
        }

      start = g_get_monotonic_time ();
      decisions = relais_routing_route_batch (routing, leads, N_LEADS, NOW,
                                              pass == 0 ? RELAIS_ROUTING_FLAGS_NONE : RELAIS_ROUTING_EXPLAIN);
      times[pass] = (g_get_monotonic_time () - start) / 1000.0;

      for (guint i = 0; i < decisions->len; i++)
        {
          const RelaisRoutingDecision *d = &g_array_index (decisions, RelaisRoutingDecision, i);

          decided += d->outcome == RELAIS_ROUTING_OUTCOME_ASSIGNED || d->reason != RELAIS_ROUTING_REASON_NONE;
        }
      g_assert_cmpuint (decided, ==, N_LEADS);
    }

  g_test_message ("route_100k_engine_ms %.1f (with explanations: %.1f)", times[0], times[1]);
  if (g_test_perf ())
    g_test_minimized_result (times[0] / 1000.0, "routing 100,000 leads over 500 partners and 50 rules: %.1f ms", times[0]);

  for (guint i = 0; i < N_PARTNERS; i++)
    g_free (territories[i]);
}

int
main (int    argc,
      char **argv)
{
  /* Dates in the explanations are local: make local UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/routing/round-robin/fair-prefix", test_round_robin_fair_prefix);
  g_test_add_func ("/routing/round-robin/no-burst-after-absence", test_round_robin_no_burst);
  g_test_add_func ("/routing/weighted/quota-prefix", test_weighted_quota_prefix);
  g_test_add_func ("/routing/weighted/shares", test_weighted_shares);
  g_test_add_func ("/routing/least-loaded/ties-rotate", test_least_loaded_ties_rotate);
  g_test_add_func ("/routing/least-loaded/ratio", test_least_loaded_ratio);
  g_test_add_func ("/routing/eligibility/capacity-and-availability", test_capacity_never_exceeded);
  g_test_add_func ("/routing/deterministic", test_deterministic);
  g_test_add_func ("/routing/unassigned/reasons", test_unassigned_reasons);
  g_test_add_func ("/routing/criteria/operators", test_criteria);
  g_test_add_func ("/routing/eligibility/territory", test_territory);
  g_test_add_func ("/routing/pool/reps", test_reps_pool);
  g_test_add_func ("/routing/explain/english", test_explain_english);
  g_test_add_func ("/routing/explain/many-skipped", test_explain_many_skipped);
  g_test_add_func ("/routing/explain/round-trip", test_explain_round_trip);
  g_test_add_func ("/routing/rotation/text", test_rotation_text);
  g_test_add_func ("/routing/rotation/merge-repairs", test_rotation_merge);
  g_test_add_func ("/routing/rotation/replaced-mid-run", test_rotation_replaced);
  g_test_add_func ("/routing/reroute/next-member", test_reroute);
  g_test_add_func ("/routing/preview/summary", test_summary);
  g_test_add_func ("/routing/rule/validate", test_rule_validate);
  g_test_add_func ("/routing/enums/codes", test_enum_codes);
  g_test_add_func ("/routing/timing/100k", test_timing_100k);

  return g_test_run ();
}
