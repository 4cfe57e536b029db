/* relais-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-demo.h"

#include <glib/gi18n-lib.h>

#include "relais-demo-data.h"
#include "relais-journal.h"
#include "relais-lead-store.h"
#include "relais-partner-store.h"
#include "relais-rule-store.h"
#include "relais-statement.h"

#define DAY G_TIME_SPAN_DAY
#define HOUR G_TIME_SPAN_HOUR

typedef struct {
  gint64 id;
  char  *country;
  guint  first_rep;  /* index into DemoState.reps */
  guint  n_reps;
} DemoPartner;

typedef struct {
  RelaisDemoData *data;
  DemoPartner    *partners;
  guint           n_partners;
  GArray         *reps;       /* gint64 contact ids, grouped by partner */
  GHashTable     *by_country; /* country code → GArray of partner indexes */
  GArray         *queues;     /* gint64 queue ids */
} DemoState;

static void
demo_state_clear (DemoState *state)
{
  for (guint i = 0; i < state->n_partners; i++)
    g_free (state->partners[i].country);
  g_clear_pointer (&state->partners, g_free);
  g_clear_pointer (&state->reps, g_array_unref);
  g_clear_pointer (&state->by_country, g_hash_table_unref);
  g_clear_pointer (&state->queues, g_array_unref);
  g_clear_pointer (&state->data, relais_demo_data_free);
}

static gboolean
store_is_empty (RelaisDb  *db,
                gboolean  *empty,
                GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  st = relais_db_prepare (db,
                          "SELECT (SELECT count(*) FROM partner) + (SELECT count(*) FROM lead)",
                          error);
  if (st == NULL || !relais_statement_next (st, error))
    return FALSE;

  *empty = relais_statement_get_int64 (st, 0) == 0;
  relais_statement_reset (st);
  return TRUE;
}

static gboolean
load_partners (RelaisDb   *db,
               DemoState  *state,
               GError    **error)
{
  state->partners = g_new0 (DemoPartner, state->n_partners);
  state->reps = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->by_country = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < state->n_partners; i++)
    {
      g_autoptr(RelaisPartner) partner = relais_demo_data_make_partner (state->data);
      g_autoptr(RelaisContact) admin = NULL;
      DemoPartner *p = &state->partners[i];
      GArray *same_country;
      guint n_reps;

      if (!relais_partner_store_insert (db, partner, error))
        return FALSE;

      p->id = relais_partner_get_id (partner);
      p->country = g_strdup (relais_partner_get_country (partner));
      p->first_rep = state->reps->len;

      admin = relais_demo_data_make_contact (state->data, partner, RELAIS_CONTACT_ROLE_PARTNER_ADMIN);
      if (!relais_partner_store_insert_contact (db, admin, error))
        return FALSE;

      n_reps = relais_demo_data_int_range (state->data, 1, 5);
      for (guint r = 0; r < n_reps; r++)
        {
          g_autoptr(RelaisContact) rep = relais_demo_data_make_contact (state->data, partner, RELAIS_CONTACT_ROLE_SALES_REP);
          gint64 rep_id;

          if (!relais_partner_store_insert_contact (db, rep, error))
            return FALSE;
          rep_id = relais_contact_get_id (rep);
          g_array_append_val (state->reps, rep_id);
        }
      p->n_reps = n_reps;

      same_country = g_hash_table_lookup (state->by_country, p->country);
      if (same_country == NULL)
        {
          same_country = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (state->by_country, p->country, same_country);
        }
      g_array_append_val (same_country, i);
    }

  return TRUE;
}

static gboolean
load_queues (RelaisDb   *db,
             DemoState  *state,
             GError    **error)
{
  const char * const *names = relais_demo_data_queue_names ();

  state->queues = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint q = 0; names[q] != NULL; q++)
    {
      gint64 queue_id = relais_queue_store_insert (db, names[q], "", error);

      if (queue_id == 0)
        return FALSE;
      g_array_append_val (state->queues, queue_id);
    }

  /* Every partner waits on one queue, so that each queue has members. */
  for (guint i = 0; i < state->n_partners && state->queues->len > 0; i++)
    {
      gint64 queue_id = g_array_index (state->queues, gint64, i % state->queues->len);

      if (!relais_queue_store_add_member (db, queue_id, state->partners[i].id, error))
        return FALSE;
    }

  return TRUE;
}

/* Prefers a partner of the lead's country, as a channel manager would. */
static DemoPartner *
pick_partner (DemoState  *state,
              const char *country)
{
  GArray *same_country = g_hash_table_lookup (state->by_country, country);

  if (same_country != NULL && relais_demo_data_chance (state->data, 0.8))
    {
      guint k = relais_demo_data_int_range (state->data, 0, same_country->len);
      return &state->partners[g_array_index (same_country, guint, k)];
    }

  return &state->partners[relais_demo_data_int_range (state->data, 0, state->n_partners)];
}

/* Statuses of leads older than two days, in thousandths. */
static const struct {
  RelaisLeadStatus status;
  guint            weight;
} status_weights[] = {
  { RELAIS_LEAD_STATUS_NEW, 80 },
  { RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, 100 },
  { RELAIS_LEAD_STATUS_ASSIGNED_TO_REP, 100 },
  { RELAIS_LEAD_STATUS_ACTIVELY_WORKING, 120 },
  { RELAIS_LEAD_STATUS_CONTACTED, 120 },
  { RELAIS_LEAD_STATUS_PURCHASED, 60 },
  { RELAIS_LEAD_STATUS_DELIVERED, 60 },
  { RELAIS_LEAD_STATUS_CONVERTED, 80 },
  { RELAIS_LEAD_STATUS_CLOSED, 180 },
  { RELAIS_LEAD_STATUS_REJECTED, 100 },
};

static RelaisLeadStatus
pick_status (DemoState *state,
             gint64     age)
{
  guint roll, sum = 0;

  /* Fresh leads have not gone far yet. */
  if (age < 2 * DAY)
    return relais_demo_data_chance (state->data, 0.6) ? RELAIS_LEAD_STATUS_NEW
                                                      : RELAIS_LEAD_STATUS_PARTNER_ASSIGNED;

  roll = relais_demo_data_int_range (state->data, 0, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (status_weights); i++)
    {
      sum += status_weights[i].weight;
      if (roll < sum)
        return status_weights[i].status;
    }

  return RELAIS_LEAD_STATUS_CLOSED;
}

static void
assign_lead (DemoState  *state,
             RelaisLead *lead,
             gint64      now)
{
  RelaisLeadStatus status = pick_status (state, now - relais_lead_get_created_at (lead));
  gint64 created_at = relais_lead_get_created_at (lead);
  DemoPartner *partner;
  gint64 assigned_at, accepted_at;

  relais_lead_set_status (lead, status);

  if (status == RELAIS_LEAD_STATUS_NEW)
    {
      /* A third of the new leads wait in a queue. */
      if (state->queues->len > 0 && relais_demo_data_chance (state->data, 0.33))
        relais_lead_set_queue_id (lead, g_array_index (state->queues, gint64,
                                                       relais_demo_data_int_range (state->data, 0, state->queues->len)));
      return;
    }

  partner = pick_partner (state, relais_lead_get_country (lead));
  relais_lead_set_partner_id (lead, partner->id);

  assigned_at = created_at + relais_demo_data_int_range (state->data, 10, 20 * 60) * G_TIME_SPAN_MINUTE;
  if (assigned_at > now)
    assigned_at = now;
  relais_lead_set_assigned_at (lead, assigned_at);

  if (status == RELAIS_LEAD_STATUS_PARTNER_ASSIGNED)
    return;

  /* Most partners answer within the 48 hours; some are late. */
  accepted_at = assigned_at + relais_demo_data_int_range (state->data, 1, 60) * HOUR;
  if (accepted_at > now)
    accepted_at = now;

  if (status == RELAIS_LEAD_STATUS_REJECTED)
    {
      RelaisRejectionReason reason = relais_demo_data_int_range (state->data, RELAIS_REJECTION_PROJECT_CANCELLED,
                                                                 RELAIS_N_REJECTION_REASONS);
      relais_lead_set_rejection_reason (lead, reason);
      if (reason == RELAIS_REJECTION_OTHER)
        relais_lead_set_rejection_comment (lead, "Le client a choisi un intégrateur local.");
      relais_lead_set_quality_rating (lead, relais_demo_data_int_range (state->data, 1, 4));
      return;
    }

  relais_lead_set_accepted_at (lead, accepted_at);
  if (partner->n_reps > 0)
    relais_lead_set_rep_id (lead, g_array_index (state->reps, gint64,
                                                 partner->first_rep + relais_demo_data_int_range (state->data, 0, partner->n_reps)));

  if (status >= RELAIS_LEAD_STATUS_PURCHASED && relais_demo_data_chance (state->data, 0.6))
    relais_lead_set_quality_rating (lead, relais_demo_data_int_range (state->data, 2, 6));
}

static gboolean
load_leads (RelaisDb            *db,
            DemoState           *state,
            guint64              n_leads,
            RelaisDemoProgress   progress,
            gpointer             user_data,
            GError             **error)
{
  g_autoptr(RelaisLead) lead = relais_lead_new ();
  gint64 now = relais_demo_data_get_now (state->data);
  gint64 start = now - 365 * DAY;
  gint64 step = n_leads > 0 ? (365 * DAY) / (gint64) n_leads : 0;

  for (guint64 i = 0; i < n_leads; i++)
    {
      gint64 created_at;

      relais_demo_data_fill_lead (state->data, lead);

      /* Leads arrive in order over the last year: inserting them by creation
       * time keeps the created_at index append-only, which is much faster. */
      created_at = start + (gint64) i * step + (step > 1 ? relais_demo_data_int_range (state->data, 0, (guint32) MIN (step, G_MAXUINT32)) : 0);
      relais_lead_set_created_at (lead, created_at);
      relais_lead_set_updated_at (lead, created_at);

      assign_lead (state, lead, now);

      relais_lead_set_id (lead, 0);
      if (!relais_lead_store_insert (db, lead, error))
        return FALSE;

      if (relais_demo_data_chance (state->data, 0.04))
        {
          guint n_notes = relais_demo_data_int_range (state->data, 1, 4);

          for (guint k = 0; k < n_notes; k++)
            {
              g_autofree char *author = NULL;
              g_autofree char *body = relais_demo_data_make_note (state->data, lead, &author);
              gint64 at = created_at + (k + 1) * relais_demo_data_int_range (state->data, 1, 72) * HOUR;

              if (!relais_lead_store_add_note (db, relais_lead_get_id (lead), author, body,
                                               MIN (at, now), error))
                return FALSE;
            }
        }

      if (progress != NULL && (i + 1) % 50000 == 0 && i + 1 < n_leads)
        progress (i + 1, n_leads, user_data);
    }

  return TRUE;
}

/**
 * relais_demo_load:
 * @n_leads: how many leads to make
 * @n_partners: how many partner accounts (at least 1)
 * @seed: the same seed gives the same data
 *
 * Fills an empty store with partners and their contacts, queues, and leads in
 * every status, in one transaction: on failure nothing is written.
 */
gboolean
relais_demo_load (RelaisDb            *db,
                  guint64              n_leads,
                  guint                n_partners,
                  guint32              seed,
                  RelaisDemoProgress   progress,
                  gpointer             user_data,
                  GError             **error)
{
  DemoState state = { 0 };
  RelaisLeadBulk *bulk = NULL;
  g_autofree char *changes = NULL;
  gboolean empty = FALSE;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  if (n_partners == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Demo data needs at least one partner."));
      return FALSE;
    }

  if (!relais_db_begin (db, error))
    return FALSE;

  if (!store_is_empty (db, &empty, error))
    {
      relais_db_rollback (db);
      return FALSE;
    }
  if (!empty)
    {
      relais_db_rollback (db);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The store “%s” already holds partners or leads; demo data only goes into an empty store."),
                   relais_db_get_path (db));
      return FALSE;
    }

  state.data = relais_demo_data_new (seed, g_get_real_time ());
  state.n_partners = n_partners;

  changes = g_strdup_printf ("{\"demo\":{\"seed\":%u,\"leads\":%" G_GUINT64_FORMAT ",\"partners\":%u}}",
                             seed, n_leads, n_partners);

  ok = load_partners (db, &state, error) &&
       load_queues (db, &state, error) &&
       (bulk = relais_lead_store_begin_bulk (db, error)) != NULL &&
       load_leads (db, &state, n_leads, progress, user_data, error) &&
       relais_lead_store_end_bulk (db, g_steal_pointer (&bulk), error) &&
       relais_journal_append (db, "import", "lead", NULL, changes, error) != 0 &&
       relais_db_commit (db, error);

  if (!ok)
    relais_db_rollback (db);
  else if (progress != NULL)
    progress (n_leads, n_leads, user_data);

  relais_lead_bulk_free (bulk);
  demo_state_clear (&state);
  return ok;
}

/* --- Rules ----------------------------------------------------------------- */

typedef struct {
  const char         *name;          /* N_() marked: written in the user's language */
  const char         *countries;     /* the country criterion */
  const char         *technologies;  /* a technology criterion, or NULL */
  RelaisRuleStrategy  strategy;
  guint               n_members;     /* the first active partners of those countries */
  const guint        *shares;        /* n_members shares, or NULL: the tiers' weights */
  gboolean            match_territory;
  const char         *fallback;      /* a queue of the demo, or NULL */
  gint64              reroute_after_s;
  gboolean            enabled;
} DemoRule;

static const guint iberia_shares[] = { 50, 30, 20 };

static const DemoRule demo_rules[] = {
  /* Translators: the name of an example assignment rule of the demo data */
  { N_("France – Security and Cloud"), "FR", "Security, Cloud", RELAIS_RULE_STRATEGY_ROUND_ROBIN, 4, NULL,
    FALSE, "France – Entreprises", 2 * 24 * 3600, TRUE },
  /* Translators: the name of an example assignment rule of the demo data */
  { N_("France – Other Leads"), "FR", NULL, RELAIS_RULE_STRATEGY_LEAST_LOADED, 8, NULL,
    FALSE, "France – PME", 0, TRUE },
  /* Translators: the name of an example assignment rule of the demo data */
  { N_("DACH – By Tier"), "DE,AT,CH", NULL, RELAIS_RULE_STRATEGY_WEIGHTED, 6, NULL,
    TRUE, "DACH", 0, TRUE },
  /* Translators: the name of an example assignment rule of the demo data;
   * the numbers are the shares of its three partners */
  { N_("Iberia – 50/30/20"), "ES,PT", NULL, RELAIS_RULE_STRATEGY_WEIGHTED, 3, iberia_shares,
    FALSE, "Iberia", 0, TRUE },
  /* Translators: the name of an example assignment rule of the demo data */
  { N_("North America"), "US,CA", NULL, RELAIS_RULE_STRATEGY_ROUND_ROBIN, 3, NULL,
    TRUE, "North America", 0, FALSE },
};

/* The one number @sql gives (with @text as ?1, if any); -1 on failure. */
static gint64
query_int64 (RelaisDb    *db,
             const char  *sql,
             const char  *text,
             GError     **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, error);

  if (st == NULL)
    return -1;
  if (text != NULL)
    relais_statement_bind_text (st, 1, text);
  if (!relais_statement_next_row (st, error))
    return -1;
  return relais_statement_get_int64 (st, 0);
}

/* Returns: (transfer full): the rule @demo on the store's partners and
 * queues, or %NULL (without @error) when no partner fits it. */
static RelaisRoutingRule *
demo_rule_new (RelaisDb        *db,
               const DemoRule  *demo,
               GError         **error)
{
  g_autoptr(RelaisRoutingRule) rule = relais_routing_rule_new (0, _(demo->name));
  g_autoptr(RelaisStatement) st = NULL;
  g_auto(GStrv) countries = g_strsplit (demo->countries, ",", -1);
  g_autofree char *joined = g_strjoinv ("\",\"", countries);
  g_autofree char *json = g_strdup_printf ("[\"%s\"]", joined);
  GError *local_error = NULL;

  /* Available partners of those countries, the oldest accounts first. */
  st = relais_db_prepare (db,
                          "SELECT id FROM partner WHERE active = 1 AND out_of_office_until IS NULL"
                          " AND country IN (SELECT value FROM json_each (?1)) ORDER BY id LIMIT ?2",
                          error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_text (st, 1, json);
  relais_statement_bind_int64 (st, 2, demo->n_members);
  while (relais_statement_next (st, &local_error))
    relais_routing_rule_add_member (rule, RELAIS_ROUTING_TARGET_PARTNER, relais_statement_get_int64 (st, 0),
                                    demo->shares != NULL ? demo->shares[rule->members->len] : 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (rule->members->len == 0)
    return NULL;
  /* Fewer partners than shares: the tiers' weights. */
  if (demo->shares != NULL && rule->members->len < demo->n_members)
    for (guint i = 0; i < rule->members->len; i++)
      g_array_index (rule->members, RelaisRoutingMemberRef, i).share = 0;

  relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, demo->countries);
  if (demo->technologies != NULL)
    relais_routing_rule_add_criterion (rule, RELAIS_RULE_FIELD_TECHNOLOGY, RELAIS_RULE_OPERATOR_IS_ONE_OF,
                                       demo->technologies);
  rule->strategy = demo->strategy;
  rule->match_territory = demo->match_territory;
  rule->reroute_after_s = demo->reroute_after_s;
  rule->enabled = demo->enabled;
  if (demo->fallback != NULL &&
      (rule->fallback_queue_id = query_int64 (db, "SELECT coalesce ((SELECT id FROM queue WHERE name = ?1), 0)",
                                              demo->fallback, error)) < 0)
    return NULL;
  return g_steal_pointer (&rule);
}

/**
 * relais_demo_add_rules:
 * @db: a store with partners and no rule
 * @error: return location for a #GError
 *
 * Adds the example assignment rules, in one transaction: on failure nothing
 * is written. A rule whose countries have no available partner is left out.
 */
gboolean
relais_demo_add_rules (RelaisDb  *db,
                       GError   **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_rule_free);
  gint64 n_rules;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  n_rules = query_int64 (db, "SELECT count(*) FROM rule", NULL, error);
  if (n_rules < 0)
    return FALSE;
  if (n_rules > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The store “%s” already has assignment rules; the example rules only go into a store without rules."),
                   relais_db_get_path (db));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_rules); i++)
    {
      GError *local_error = NULL;
      RelaisRoutingRule *rule = demo_rule_new (db, &demo_rules[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (rule != NULL)
        g_ptr_array_add (rules, rule);
    }
  return relais_rule_store_create_all (db, rules, error);
}
