/* relais-routing.h — the assignment-rules engine: ordered rules with criteria,
 * a pool of partners or reps, a strategy (round-robin, weighted round-robin,
 * least-loaded), eligibility (inactive, out of office, capacity, territory), a
 * fallback queue, rerouting of leads nobody accepted, and the explanation of
 * every decision.
 *
 * Pure domain code: no SQL, no GTK. The store reads rules, partners, contacts,
 * queues and leads, hands them to a RelaisRouting, and writes back the
 * decisions, each rule's rotation text (relais_rotation_to_string()) and each
 * explanation (relais_routing_explanation_serialize()). A preview runs the same
 * engine and writes nothing. For the same inputs and the same `now`, the engine
 * gives the same decisions: it never reads the clock and never draws a random
 * number.
 *
 * How it decides, for each lead:
 *  1. The enabled rules are tried in order of position (then id); the first one
 *     whose criteria all hold wins, even if none of its members can take the
 *     lead (then the lead goes to the rule's fallback queue, or stays unassigned
 *     with that reason). A rule without criteria matches every lead.
 *  2. A member of the rule's pool is eligible unless it is inactive
 *     (skip_inactive), out of office at `now` (skip_out_of_office), at or over
 *     capacity (respect_capacity: open leads ≥ capacity; a capacity < 0 is no
 *     limit), or (match_territory) its territory does not list the lead's
 *     country (an empty territory lists none).
 *  3. The strategy picks one eligible member (below). Its open leads grow by
 *     one at once (and, for a rep, its partner's too), so that a run never
 *     takes anyone past capacity.
 *
 * Strategies, all computed from the rule's rotation (per member: its count of
 * turns and the tick of its last lead; for the rule: the last tick):
 *  - round-robin: the eligible member with the fewest turns, and among those
 *    the one served longest ago. A member passed over because it is inactive,
 *    out of office or full forfeits its turn (its count is raised to the count
 *    of the member served), so that it gets no burst of leads when it comes
 *    back: this is strict rotation over whoever is eligible.
 *  - weighted round-robin: Balinski and Young's quota method over the eligible
 *    members: among those still under their upper quota (count < weight ×
 *    (total + 1) ÷ total weight), the one with the highest weight ÷ (count + 1).
 *    Every member then stays within one lead of its exact share after every
 *    lead. The weight is the share set on the rule, else the tier's weight
 *    (relais_partner_tier_weight()). A member passed over as inactive, out of
 *    office or full forfeits: its count is raised to its lower quota.
 *  - least-loaded: the fewest open leads, or, when every member of the pool has
 *    a capacity > 0, the lowest open leads ÷ capacity. Ties go to the member
 *    served longest ago by this rule, never to a name or an id.
 *  Members not yet in the rotation join at the lowest count of the others
 *  (their lower quota when weighted), so a new member gets no burst either;
 *  a member that leaves the pool leaves the rotation.
 *  Ties that remain (members never served) follow the order of the rule's
 *  members.
 *
 * Concurrency: the rotation is data that syncs (rule.rotation). Its counts
 * only grow, and every strategy picks from them. When two managers route at
 * the same time from the same rotation, the sync layer merges the two texts
 * with relais_rotation_merge(): counts add up what each side added since the
 * common base (the higher count when the base is unknown), ticks take the
 * later one. A member who received a lead on both sides then has a higher
 * count than the others and is passed over until they catch up, so the merge
 * repairs fairness within one round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "relais-enums.h"
#include "relais-lead.h"
#include "relais-partner.h"

G_BEGIN_DECLS

#define RELAIS_ROUTING_ERROR (relais_routing_error_quark ())

typedef enum {
  RELAIS_ROUTING_ERROR_INVALID_RULE,   /* a rule the editor must not save */
  RELAIS_ROUTING_ERROR_PARSE,          /* a rotation or explanation text we cannot read */
} RelaisRoutingError;

GQuark relais_routing_error_quark (void);

/* --- Enumerations (codes as in rule, rule_criterion and lead_routing) ------------ */

/* The lead field a criterion looks at (rule_criterion.field). */
typedef enum {
  RELAIS_RULE_FIELD_COUNTRY,
  RELAIS_RULE_FIELD_TECHNOLOGY,
  RELAIS_RULE_FIELD_CATEGORY,    /* codes of relais_lead_category_info */
  RELAIS_RULE_FIELD_KIND,        /* codes of relais_lead_kind_info */
  RELAIS_RULE_FIELD_LISTING,
  RELAIS_RULE_FIELD_BUDGET,      /* budget band: "<10k", "10k-50k", … */
  RELAIS_RULE_FIELD_LANGUAGE,
  RELAIS_RULE_N_FIELDS
} RelaisRuleField;

/* rule_criterion.operator. Values are compared without regard to case;
 * "contains" holds when the lead's value contains any of the values. */
typedef enum {
  RELAIS_RULE_OPERATOR_IS_ONE_OF,
  RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF,
  RELAIS_RULE_OPERATOR_CONTAINS,
  RELAIS_RULE_N_OPERATORS
} RelaisRuleOperator;

/* rule.pool_kind: whom a rule gives leads to. The store resolves the pool into
 * members: the partners listed in rule_member; the reps (contacts) of
 * pool_partner_id; or the partners of queue pool_queue_id. A queue pool
 * without members places the lead in the queue itself. */
typedef enum {
  RELAIS_RULE_POOL_PARTNERS,
  RELAIS_RULE_POOL_REPS,
  RELAIS_RULE_POOL_QUEUE,
  RELAIS_RULE_N_POOL_KINDS
} RelaisRulePoolKind;

/* Who a lead goes to. */
typedef enum {
  RELAIS_ROUTING_TARGET_NONE,
  RELAIS_ROUTING_TARGET_PARTNER,
  RELAIS_ROUTING_TARGET_REP,
  RELAIS_ROUTING_TARGET_QUEUE,
  RELAIS_ROUTING_N_TARGET_KINDS
} RelaisRoutingTargetKind;

/* What became of a lead. */
typedef enum {
  RELAIS_ROUTING_OUTCOME_ASSIGNED,     /* to a partner or a rep */
  RELAIS_ROUTING_OUTCOME_QUEUED,       /* into the queue of a queue pool without members */
  RELAIS_ROUTING_OUTCOME_FALLBACK,     /* into the rule's fallback queue: nobody eligible */
  RELAIS_ROUTING_OUTCOME_UNASSIGNED,   /* nowhere; the reason says why */
  RELAIS_ROUTING_OUTCOME_KEPT,         /* reroute due, but nobody else could take it */
  RELAIS_ROUTING_N_OUTCOMES
} RelaisRoutingOutcome;

/* Why a lead did not reach a member. NONE when it did. */
typedef enum {
  RELAIS_ROUTING_REASON_NONE,
  RELAIS_ROUTING_REASON_NO_RULE_MATCHED,
  RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER,
  RELAIS_ROUTING_REASON_EMPTY_POOL,
  RELAIS_ROUTING_N_REASONS
} RelaisRoutingReason;

/* Why a member was not eligible for a lead. */
typedef enum {
  RELAIS_ROUTING_SKIP_INACTIVE,
  RELAIS_ROUTING_SKIP_OUT_OF_OFFICE,
  RELAIS_ROUTING_SKIP_OVER_CAPACITY,
  RELAIS_ROUTING_SKIP_OUTSIDE_TERRITORY,
  RELAIS_ROUTING_N_SKIPS
} RelaisRoutingSkipReason;

extern const RelaisEnumInfo relais_rule_field_info;
extern const RelaisEnumInfo relais_rule_operator_info;
extern const RelaisEnumInfo relais_rule_pool_kind_info;
extern const RelaisEnumInfo relais_routing_target_kind_info;
extern const RelaisEnumInfo relais_routing_outcome_info;
extern const RelaisEnumInfo relais_routing_reason_info;
extern const RelaisEnumInfo relais_routing_skip_info;

/* --- Rotation ------------------------------------------------------------------ */

/* The rotation state of one rule: per member key, its count of turns and the
 * tick of its last lead; and the rule's last tick. Member keys are the uuids of
 * partners and contacts (stable across devices), or "p<id>" / "c<id>" when the
 * caller gave no uuid. Its text (rule.rotation) is "v1;t=TICK;KEY=COUNT,TICK;…";
 * "" is a fresh rotation. */
typedef struct _RelaisRotation RelaisRotation;

RelaisRotation *relais_rotation_new        (void);
void            relais_rotation_free       (RelaisRotation        *rotation);
RelaisRotation *relais_rotation_copy       (const RelaisRotation  *rotation);
/* Returns: (transfer full): the rotation written in @text ("" or %NULL: fresh),
 * or %NULL with @error set (RELAIS_ROUTING_ERROR_PARSE). */
RelaisRotation *relais_rotation_parse      (const char            *text,
                                            GError               **error);
/* Returns: (transfer full): the text of @rotation, keys in sorted order (the
 * same state always gives the same text). */
char           *relais_rotation_to_string  (const RelaisRotation  *rotation);
/* Count of turns and last tick of the member @key (0 when unknown). */
guint64         relais_rotation_get_count  (const RelaisRotation  *rotation,
                                            const char            *key);
guint64         relais_rotation_get_tick   (const RelaisRotation  *rotation,
                                            const char            *key);
/* Merges two rotations that diverged from @base (which may be %NULL when
 * unknown): see "Concurrency" above.
 * Returns: (transfer full): the merged rotation. */
RelaisRotation *relais_rotation_merge      (const RelaisRotation  *base,
                                            const RelaisRotation  *ours,
                                            const RelaisRotation  *theirs);
gboolean        relais_rotation_equal      (const RelaisRotation  *a,
                                            const RelaisRotation  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRotation, relais_rotation_free)

/* --- Rules --------------------------------------------------------------------- */

/* One criterion: the lead's @field is one of / is not one of / contains @values. */
typedef struct {
  RelaisRuleField     field;
  RelaisRuleOperator  op;
  char              **values;      /* trimmed, non-empty; NULL-terminated */
} RelaisRoutingCriterion;

/* Returns: (transfer full): a criterion on @field; @values is a comma-separated
 * list (as stored in rule_criterion.value), items trimmed, empty items dropped. */
RelaisRoutingCriterion *relais_routing_criterion_new  (RelaisRuleField               field,
                                                       RelaisRuleOperator            op,
                                                       const char                   *values);
RelaisRoutingCriterion *relais_routing_criterion_copy (const RelaisRoutingCriterion *criterion);
void                    relais_routing_criterion_free (RelaisRoutingCriterion       *criterion);
/* Returns: (transfer full): the values as stored: "FR,BE". */
char                   *relais_routing_criterion_dup_values_text (const RelaisRoutingCriterion *criterion);

/* Returns: (transfer full): @criterion in words, in the user's language:
 * "country is one of FR, BE", "listing contains “firewall”". */
char                   *relais_routing_criterion_describe (const RelaisRoutingCriterion *criterion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRoutingCriterion, relais_routing_criterion_free)

/* An explicit member of a rule's pool: a partner or a rep, with an optional
 * share (0 = none: the tier's weight counts) for weighted round-robin. */
typedef struct {
  RelaisRoutingTargetKind kind;    /* PARTNER or REP */
  gint64                  id;
  guint                   share;
} RelaisRoutingMemberRef;

/* A rule, as in the rule table. Fields are public: fill them after
 * relais_routing_rule_new(), which sets the defaults of the table. Times are in
 * seconds for reroute_after_s (0 = never reroute), ids are store ids (0 = none). */
typedef struct {
  gint64              id;
  gint64              position;
  gboolean            enabled;
  char               *name;
  RelaisRulePoolKind  pool_kind;
  gint64              pool_partner_id;     /* REPS: whose reps */
  gint64              pool_queue_id;       /* QUEUE: which queue */
  RelaisRuleStrategy  strategy;
  gboolean            respect_capacity;
  gboolean            skip_inactive;
  gboolean            skip_out_of_office;
  gboolean            match_territory;
  gint64              fallback_queue_id;
  gint64              reroute_after_s;
  GPtrArray          *criteria;            /* (element-type RelaisRoutingCriterion) (owned) */
  GArray             *members;             /* (element-type RelaisRoutingMemberRef), in pool order */
  RelaisRotation     *rotation;            /* (owned) (not nullable): updated by each run */
} RelaisRoutingRule;

/* Returns: (transfer full): a rule with the defaults of the rule table: enabled,
 * partners, round-robin, respect capacity, skip inactive and out-of-office, no
 * territory match, a fresh rotation. */
RelaisRoutingRule *relais_routing_rule_new            (gint64                   id,
                                                       const char              *name);
void               relais_routing_rule_free           (RelaisRoutingRule       *rule);
RelaisRoutingRule *relais_routing_rule_copy           (const RelaisRoutingRule *rule);
/* Adds relais_routing_criterion_new (@field, @op, @values) to @rule. */
void               relais_routing_rule_add_criterion  (RelaisRoutingRule       *rule,
                                                       RelaisRuleField          field,
                                                       RelaisRuleOperator       op,
                                                       const char              *values);
void               relais_routing_rule_add_member     (RelaisRoutingRule       *rule,
                                                       RelaisRoutingTargetKind  kind,
                                                       gint64                   id,
                                                       guint                    share);
/* Replaces the rotation with the one written in @text (rule.rotation). On
 * error the rule keeps its rotation. */
gboolean           relais_routing_rule_set_rotation_text (RelaisRoutingRule    *rule,
                                                       const char              *text,
                                                       GError                 **error);
/* Whether the editor may save @rule: a name, a value in every criterion, the
 * partner of a reps pool, the queue of a queue pool, a positive reroute delay.
 * The error (RELAIS_ROUTING_ERROR_INVALID_RULE) is a translated sentence. */
gboolean           relais_routing_rule_validate       (const RelaisRoutingRule *rule,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRoutingRule, relais_routing_rule_free)

/* --- Candidates and leads ------------------------------------------------------ */

/* A partner or a rep that rules may name as a member. Strings are copied. */
typedef struct {
  RelaisRoutingTargetKind  kind;                 /* PARTNER or REP */
  gint64                   id;
  gint64                   partner_id;           /* a rep's partner (0 for a partner) */
  const char              *uuid;                 /* rotation key; NULL: "p<id>" / "c<id>" */
  const char              *name;
  RelaisPartnerTier        tier;
  gint64                   capacity;             /* most open leads; < 0: no limit */
  gint64                   open_leads;
  gboolean                 active;
  gint64                   out_of_office_until;  /* µs since the epoch; 0: not away */
  const char              *territory;            /* country codes, "FR,BE" */
} RelaisRoutingCandidate;

/* The facts of a lead that rules look at, and, for rerouting, where it is.
 * Strings are borrowed for the duration of the call. */
typedef struct {
  gint64      id;
  const char *country;
  const char *technology;
  const char *category;       /* code: "bant", … */
  const char *kind;           /* code: "app", "service" */
  const char *listing;
  const char *budget;
  const char *language;
  /* Rerouting only: */
  gint64      rule_id;        /* the rule that assigned it */
  gint64      partner_id;     /* its holder */
  gint64      rep_id;
  gint64      assigned_at;    /* µs since the epoch */
  gint64      accepted_at;    /* 0: not accepted */
} RelaisRoutingLead;

/* Fills @facts from @lead; strings are borrowed from @lead. */
void relais_routing_lead_init_from_lead (RelaisRoutingLead *facts,
                                         RelaisLead        *lead);

/* --- Decisions and explanations ------------------------------------------------ */

/* A member passed over, and why. */
typedef struct {
  RelaisRoutingSkipReason  reason;
  RelaisRoutingTargetKind  kind;
  gint64                   id;
  char                    *name;
  gint64                   until;      /* OUT_OF_OFFICE: µs since the epoch */
  gint64                   open_leads; /* OVER_CAPACITY */
  gint64                   capacity;   /* OVER_CAPACITY */
} RelaisRoutingSkip;

/* At most this many skipped members are described one by one; n_skipped counts
 * them all. */
#define RELAIS_ROUTING_MAX_SKIPS_SHOWN 8

/* Why a lead went where it went, in data: what the lead detail turns into
 * sentences with relais_routing_explain(), and the store keeps in
 * lead_routing.explanation. Names are those at the time of the decision. */
typedef struct {
  RelaisRoutingOutcome     outcome;
  RelaisRoutingReason      reason;
  gint64                   rule_id;        /* 0 when no rule matched */
  char                    *rule_name;
  RelaisRuleStrategy       strategy;
  GPtrArray               *criteria;       /* (element-type RelaisRoutingCriterion): those that held */
  RelaisRoutingTargetKind  target_kind;
  gint64                   target_id;
  char                    *target_name;    /* member or queue */
  guint                    n_skipped;
  GArray                  *skipped;        /* (element-type RelaisRoutingSkip): the first ones */
  /* A reroute hop: */
  gboolean                 reroute;
  gint64                   reroute_after_s;
  RelaisRoutingTargetKind  from_kind;
  gint64                   from_id;
  char                    *from_name;
} RelaisRoutingExplanation;

RelaisRoutingExplanation *relais_routing_explanation_new         (void);
void                      relais_routing_explanation_free        (RelaisRoutingExplanation        *explanation);
/* Returns: (transfer full): @explanation as text for lead_routing.explanation
 * (a GVariant dictionary in text form, with codes, never translated words). */
char                     *relais_routing_explanation_serialize   (const RelaisRoutingExplanation  *explanation);
/* Returns: (transfer full): the explanation written in @text, or %NULL with
 * @error set (RELAIS_ROUTING_ERROR_PARSE). Unknown keys are ignored. */
RelaisRoutingExplanation *relais_routing_explanation_parse       (const char                      *text,
                                                                  GError                         **error);
/* Returns: (transfer full): @explanation in plain words, in the user's
 * language: "Assigned to Beta by rule “France – Security” (round-robin).
 * Criteria met: country is one of FR. Skipped Acme: over capacity (50/50)." */
char                     *relais_routing_explain                 (const RelaisRoutingExplanation  *explanation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRoutingExplanation, relais_routing_explanation_free)

/* The decision for one lead. */
typedef struct {
  gint64                    lead_id;
  RelaisRoutingOutcome      outcome;
  RelaisRoutingReason       reason;        /* set whenever the lead reaches no member */
  gint64                    rule_id;       /* 0 when no rule matched */
  RelaisRoutingTargetKind   target_kind;   /* PARTNER, REP, QUEUE or NONE */
  gint64                    partner_id;    /* ASSIGNED: the partner (a rep's partner) */
  gint64                    rep_id;        /* ASSIGNED to a rep */
  gint64                    queue_id;      /* QUEUED, FALLBACK */
  RelaisRoutingExplanation *explanation;   /* (owned) (nullable): with RELAIS_ROUTING_EXPLAIN */
} RelaisRoutingDecision;

/* Frees what @decision owns (not @decision itself): a GArray clear func. */
void relais_routing_decision_clear (RelaisRoutingDecision *decision);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RelaisRoutingDecision, relais_routing_decision_clear)

/* --- The engine ---------------------------------------------------------------- */

typedef enum {
  RELAIS_ROUTING_FLAGS_NONE = 0,
  RELAIS_ROUTING_EXPLAIN    = 1 << 0,   /* fill decision->explanation */
} RelaisRoutingFlags;

/* One routing run: candidates, queues and rules, and the open leads and
 * rotations as they change during the run. Not thread-safe; use one per run. */
typedef struct _RelaisRouting RelaisRouting;

RelaisRouting            *relais_routing_new           (void);
void                      relais_routing_free          (RelaisRouting           *self);
/* Copies @candidate. A candidate added twice (same kind and id) replaces the first. */
void                      relais_routing_add_candidate (RelaisRouting           *self,
                                                        const RelaisRoutingCandidate *candidate);
/* Adds @partner (its tier, capacity, open leads, activity, absence, countries). */
void                      relais_routing_add_partner   (RelaisRouting           *self,
                                                        RelaisPartner           *partner);
void                      relais_routing_add_queue     (RelaisRouting           *self,
                                                        gint64                   id,
                                                        const char              *name);
/* Takes @rule (transfer full). Members the engine has no candidate for are left out. */
void                      relais_routing_add_rule      (RelaisRouting           *self,
                                                        RelaisRoutingRule       *rule);
/* The engine compiles its rules (criteria, members) before it routes; call
 * this after changing the criteria or the members of a rule already added.
 * Other fields of a rule are read as they are at each lead. */
void                      relais_routing_invalidate    (RelaisRouting           *self);
/* Returns: (transfer none) (nullable): the rule @id, whose rotation the run
 * updates: write relais_rotation_to_string (rule->rotation) back after a run. */
RelaisRoutingRule        *relais_routing_get_rule      (RelaisRouting           *self,
                                                        gint64                   id);
/* Returns: (transfer none): the rules, in the order they are tried. */
GPtrArray                *relais_routing_get_rules     (RelaisRouting           *self);
/* The open leads of a candidate now, counting the leads given during the run;
 * -1 if unknown. */
gint64                    relais_routing_get_open_leads (RelaisRouting          *self,
                                                        RelaisRoutingTargetKind  kind,
                                                        gint64                   id);

/* Routes @lead at @now (µs since the epoch) and fills @decision (which the
 * caller clears with relais_routing_decision_clear()). */
void                      relais_routing_route         (RelaisRouting           *self,
                                                        const RelaisRoutingLead *lead,
                                                        gint64                   now,
                                                        RelaisRoutingFlags       flags,
                                                        RelaisRoutingDecision   *decision);
/* Routes @n_leads leads in order.
 * Returns: (transfer full) (element-type RelaisRoutingDecision): one decision
 *   per lead, in the same order; the array frees what they own. */
GArray                   *relais_routing_route_batch   (RelaisRouting           *self,
                                                        const RelaisRoutingLead *leads,
                                                        gsize                    n_leads,
                                                        gint64                   now,
                                                        RelaisRoutingFlags       flags);

/* Whether @lead, assigned by @rule, is due for rerouting at @now: the rule
 * reroutes (reroute_after_s > 0), the lead was assigned and never accepted,
 * and reroute_after_s have passed since. */
gboolean                  relais_routing_reroute_is_due (const RelaisRoutingRule *rule,
                                                        const RelaisRoutingLead *lead,
                                                        gint64                   now);
/* When @lead is due for rerouting by its rule (lead->rule_id, enabled), picks
 * the next eligible member of that rule other than its holder, by the rule's
 * strategy, and fills @decision with the hop (explanation->reroute is set):
 * ASSIGNED to the new member, FALLBACK to the rule's fallback queue, or KEPT
 * (nobody else, no fallback queue: it stays, reason NO_ELIGIBLE_MEMBER).
 * Returns: %FALSE, leaving @decision cleared, when the lead is not due. */
gboolean                  relais_routing_reroute       (RelaisRouting           *self,
                                                        const RelaisRoutingLead *lead,
                                                        gint64                   now,
                                                        RelaisRoutingFlags       flags,
                                                        RelaisRoutingDecision   *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRouting, relais_routing_free)

/* --- Preview ------------------------------------------------------------------- */

/* How many leads one target receives. */
typedef struct {
  RelaisRoutingTargetKind  kind;
  gint64                   id;
  char                    *name;
  guint                    n_leads;
} RelaisRoutingShare;

/* A lead that would stay unassigned. */
typedef struct {
  gint64               lead_id;
  RelaisRoutingReason  reason;
  gint64               rule_id;    /* the rule that matched, if any */
} RelaisRoutingUnassigned;

/* The distribution of a run, for the preview's chart and list. */
typedef struct {
  guint   n_leads;
  guint   n_assigned;
  guint   n_queued;           /* QUEUED and FALLBACK */
  guint   n_unassigned;
  guint   n_by_reason[RELAIS_ROUTING_N_REASONS];   /* the n_unassigned by reason (a fallback is queued) */
  GArray *shares;             /* (element-type RelaisRoutingShare): most leads first */
  GArray *unassigned;         /* (element-type RelaisRoutingUnassigned): in lead order */
} RelaisRoutingSummary;

/* Returns: (transfer full): the distribution of @decisions, with the names
 * @self knows for their targets. */
RelaisRoutingSummary *relais_routing_summarize     (RelaisRouting               *self,
                                                    const RelaisRoutingDecision *decisions,
                                                    gsize                        n_decisions);
void                  relais_routing_summary_free  (RelaisRoutingSummary        *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisRoutingSummary, relais_routing_summary_free)

G_END_DECLS
