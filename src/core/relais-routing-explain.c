/* relais-routing-explain.c — why a lead went where it went: the explanation of a
 * routing decision, its text form for lead_routing.explanation, and the
 * translated sentences the lead detail shows.
 *
 * The stored form is a GVariant dictionary (a{sv}) in GVariant text format,
 * with codes rather than words, so that it reads back in any language and
 * survives new keys: "{'v': <1>, 'outcome': <'assigned'>, 'rule': <int64 3>, …}".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-routing.h"

#include <glib/gi18n-lib.h>

#include "relais-util.h"

#define EXPLANATION_VERSION 1

static void
skip_clear (RelaisRoutingSkip *skip)
{
  g_clear_pointer (&skip->name, g_free);
}

/**
 * relais_routing_explanation_new:
 *
 * Returns: (transfer full): an empty explanation (unassigned, no rule).
 */
RelaisRoutingExplanation *
relais_routing_explanation_new (void)
{
  RelaisRoutingExplanation *explanation = g_new0 (RelaisRoutingExplanation, 1);

  explanation->outcome = RELAIS_ROUTING_OUTCOME_UNASSIGNED;
  explanation->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_criterion_free);
  explanation->skipped = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingSkip));
  g_array_set_clear_func (explanation->skipped, (GDestroyNotify) skip_clear);
  return explanation;
}

void
relais_routing_explanation_free (RelaisRoutingExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_free (explanation->rule_name);
  g_free (explanation->target_name);
  g_free (explanation->from_name);
  g_clear_pointer (&explanation->criteria, g_ptr_array_unref);
  g_clear_pointer (&explanation->skipped, g_array_unref);
  g_free (explanation);
}

/* --- Text form ----------------------------------------------------------------- */

static const char *
code_or_empty (const RelaisEnumInfo *info,
               int                   value)
{
  const char *code = relais_enum_code (info, value);

  return code ? code : "";
}

/* Appends @text as a GVariant text-format string: single quotes, with quotes,
 * backslashes and control characters escaped (g_variant_parse() reads them
 * back; other characters, UTF-8 included, go as they are). */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\'' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '\'');
}

static void
append_key (GString    *out,
            const char *key)
{
  if (out->len > 1)
    g_string_append (out, ", ");
  append_string (out, key);
  g_string_append (out, ": <");
}

static void
append_string_value (GString    *out,
                     const char *key,
                     const char *value)
{
  append_key (out, key);
  append_string (out, value);
  g_string_append_c (out, '>');
}

/**
 * relais_routing_explanation_serialize:
 *
 * Written by hand rather than built as a GVariant and printed: a run of the
 * rules writes one explanation a lead, and this is ten times faster. The text
 * is what g_variant_print (…, TRUE) gives for the a{sv} that
 * relais_routing_explanation_parse() reads (a test checks both ways).
 *
 * Returns: (transfer full): @explanation in GVariant text format.
 */
char *
relais_routing_explanation_serialize (const RelaisRoutingExplanation *explanation)
{
  GString *out;

  g_return_val_if_fail (explanation != NULL, NULL);

  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  append_key (out, "v");
  g_string_append_printf (out, "%d>", EXPLANATION_VERSION);
  append_string_value (out, "outcome", code_or_empty (&relais_routing_outcome_info, explanation->outcome));
  if (explanation->reason != RELAIS_ROUTING_REASON_NONE)
    append_string_value (out, "reason", code_or_empty (&relais_routing_reason_info, explanation->reason));

  if (explanation->rule_id != 0)
    {
      append_key (out, "rule");
      g_string_append_printf (out, "int64 %" G_GINT64_FORMAT ">", explanation->rule_id);
      append_string_value (out, "rule-name", explanation->rule_name);
      append_string_value (out, "strategy", code_or_empty (&relais_rule_strategy_info, explanation->strategy));
      append_key (out, "criteria");
      if (explanation->criteria->len == 0)
        g_string_append (out, "@a(ssas) []");
      else
        {
          g_string_append_c (out, '[');
          for (guint i = 0; i < explanation->criteria->len; i++)
            {
              const RelaisRoutingCriterion *criterion = g_ptr_array_index (explanation->criteria, i);

              if (i > 0)
                g_string_append (out, ", ");
              g_string_append_c (out, '(');
              append_string (out, code_or_empty (&relais_rule_field_info, criterion->field));
              g_string_append (out, ", ");
              append_string (out, code_or_empty (&relais_rule_operator_info, criterion->op));
              g_string_append (out, ", ");
              if (criterion->values == NULL || criterion->values[0] == NULL)
                g_string_append (out, "@as []");
              else
                {
                  g_string_append_c (out, '[');
                  for (guint j = 0; criterion->values[j] != NULL; j++)
                    {
                      if (j > 0)
                        g_string_append (out, ", ");
                      append_string (out, criterion->values[j]);
                    }
                  g_string_append_c (out, ']');
                }
              g_string_append_c (out, ')');
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '>');
    }

  if (explanation->target_kind != RELAIS_ROUTING_TARGET_NONE)
    {
      append_key (out, "target");
      g_string_append_c (out, '(');
      append_string (out, code_or_empty (&relais_routing_target_kind_info, explanation->target_kind));
      g_string_append_printf (out, ", int64 %" G_GINT64_FORMAT ", ", explanation->target_id);
      append_string (out, explanation->target_name);
      g_string_append (out, ")>");
    }

  if (explanation->n_skipped > 0)
    {
      append_key (out, "n-skipped");
      g_string_append_printf (out, "uint32 %u>", explanation->n_skipped);
      append_key (out, "skipped");
      if (explanation->skipped->len == 0)
        g_string_append (out, "@a(ssxsxxx) []");
      else
        {
          g_string_append_c (out, '[');
          for (guint i = 0; i < explanation->skipped->len; i++)
            {
              const RelaisRoutingSkip *skip = &g_array_index (explanation->skipped, RelaisRoutingSkip, i);

              if (i > 0)
                g_string_append (out, ", ");
              g_string_append_c (out, '(');
              append_string (out, code_or_empty (&relais_routing_skip_info, skip->reason));
              g_string_append (out, ", ");
              append_string (out, code_or_empty (&relais_routing_target_kind_info, skip->kind));
              g_string_append_printf (out, ", int64 %" G_GINT64_FORMAT ", ", skip->id);
              append_string (out, skip->name);
              g_string_append_printf (out, ", int64 %" G_GINT64_FORMAT ", int64 %" G_GINT64_FORMAT
                                      ", int64 %" G_GINT64_FORMAT ")",
                                      skip->until, skip->open_leads, skip->capacity);
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '>');
    }

  if (explanation->reroute)
    {
      append_key (out, "reroute");
      g_string_append_printf (out, "(int64 %" G_GINT64_FORMAT ", ", explanation->reroute_after_s);
      append_string (out, code_or_empty (&relais_routing_target_kind_info, explanation->from_kind));
      g_string_append_printf (out, ", int64 %" G_GINT64_FORMAT ", ", explanation->from_id);
      append_string (out, explanation->from_name);
      g_string_append (out, ")>");
    }

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/**
 * relais_routing_explanation_parse:
 *
 * Reads what relais_routing_explanation_serialize() wrote. The messages of its
 * errors are for the log: the text is never typed by a user.
 *
 * Returns: (transfer full): the explanation, or %NULL with @error set.
 */
RelaisRoutingExplanation *
relais_routing_explanation_parse (const char  *text,
                                  GError     **error)
{
  g_autoptr(RelaisRoutingExplanation) explanation = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *code = NULL;
  const char *name = NULL;
  gint32 version = 0;
  guint32 n_skipped = 0;
  int value;

  g_return_val_if_fail (text != NULL, NULL);

  dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &local_error);
  if (dict == NULL)
    {
      g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                   "Unreadable routing explanation: %s", local_error->message);
      return NULL;
    }
  if (!g_variant_lookup (dict, "v", "i", &version) || version != EXPLANATION_VERSION)
    {
      g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                   "Routing explanation of unknown version %d", version);
      return NULL;
    }

  explanation = relais_routing_explanation_new ();
  if (!g_variant_lookup (dict, "outcome", "&s", &code) ||
      !relais_enum_from_code (&relais_routing_outcome_info, code, &value))
    {
      g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                   "Routing explanation without a known outcome");
      return NULL;
    }
  explanation->outcome = value;

  if (g_variant_lookup (dict, "reason", "&s", &code) &&
      relais_enum_from_code (&relais_routing_reason_info, code, &value))
    explanation->reason = value;

  if (g_variant_lookup (dict, "rule", "x", &explanation->rule_id))
    {
      const char *field, *op;
      const char **values;

      if (g_variant_lookup (dict, "rule-name", "&s", &name))
        explanation->rule_name = g_strdup (name);
      if (g_variant_lookup (dict, "strategy", "&s", &code) &&
          relais_enum_from_code (&relais_rule_strategy_info, code, &value))
        explanation->strategy = value;
      if (g_variant_lookup (dict, "criteria", "a(ssas)", &iter))
        {
          while (g_variant_iter_next (iter, "(&s&s^a&s)", &field, &op, &values))
            {
              int f, o;

              if (relais_enum_from_code (&relais_rule_field_info, field, &f) &&
                  relais_enum_from_code (&relais_rule_operator_info, op, &o))
                {
                  RelaisRoutingCriterion *criterion = g_new0 (RelaisRoutingCriterion, 1);

                  criterion->field = f;
                  criterion->op = o;
                  criterion->values = g_strdupv ((char **) values);
                  g_ptr_array_add (explanation->criteria, criterion);
                }
              g_free (values);
            }
          g_clear_pointer (&iter, g_variant_iter_free);
        }
    }
  if (explanation->rule_name == NULL)
    explanation->rule_name = g_strdup ("");

  if (g_variant_lookup (dict, "target", "(&sx&s)", &code, &explanation->target_id, &name) &&
      relais_enum_from_code (&relais_routing_target_kind_info, code, &value))
    {
      explanation->target_kind = value;
      explanation->target_name = g_strdup (name);
    }

  if (g_variant_lookup (dict, "skipped", "a(ssxsxxx)", &iter))
    {
      const char *reason, *kind;
      RelaisRoutingSkip skip = { 0, };

      while (g_variant_iter_next (iter, "(&s&sx&sxxx)", &reason, &kind, &skip.id, &name,
                                  &skip.until, &skip.open_leads, &skip.capacity))
        {
          int r, k;

          if (!relais_enum_from_code (&relais_routing_skip_info, reason, &r) ||
              !relais_enum_from_code (&relais_routing_target_kind_info, kind, &k))
            continue;
          skip.reason = r;
          skip.kind = k;
          skip.name = g_strdup (name);
          g_array_append_val (explanation->skipped, skip);
        }
    }
  if (g_variant_lookup (dict, "n-skipped", "u", &n_skipped))
    explanation->n_skipped = MAX (n_skipped, explanation->skipped->len);
  else
    explanation->n_skipped = explanation->skipped->len;

  if (g_variant_lookup (dict, "reroute", "(x&sx&s)", &explanation->reroute_after_s, &code,
                        &explanation->from_id, &name))
    {
      explanation->reroute = TRUE;
      if (relais_enum_from_code (&relais_routing_target_kind_info, code, &value))
        explanation->from_kind = value;
      explanation->from_name = g_strdup (name);
    }

  return g_steal_pointer (&explanation);
}

/* --- Sentences ----------------------------------------------------------------- */

/* A strategy as it reads inside a sentence: "(round-robin)". */
static const char *
strategy_in_sentence (RelaisRuleStrategy strategy)
{
  switch (strategy)
    {
    case RELAIS_RULE_STRATEGY_WEIGHTED:
      /* Translators: a routing strategy, inside a sentence: "Assigned to Acme by rule “France” (weighted round-robin)." */
      return C_("strategy in a sentence", "weighted round-robin");
    case RELAIS_RULE_STRATEGY_LEAST_LOADED:
      /* Translators: a routing strategy, inside a sentence: "Assigned to Acme by rule “France” (least loaded)." */
      return C_("strategy in a sentence", "least loaded");
    case RELAIS_RULE_STRATEGY_ROUND_ROBIN:
    case RELAIS_RULE_N_STRATEGIES:
    default:
      /* Translators: a routing strategy, inside a sentence: "Assigned to Acme by rule “France” (round-robin)." */
      return C_("strategy in a sentence", "round-robin");
    }
}

/* A lead field as it reads inside a criterion: "country is one of FR, BE". */
static const char *
field_in_sentence (RelaisRuleField field)
{
  switch (field)
    {
    case RELAIS_RULE_FIELD_COUNTRY:
      /* Translators: a lead field inside a criterion: "country is one of FR, BE" */
      return C_("field in a sentence", "country");
    case RELAIS_RULE_FIELD_TECHNOLOGY:
      /* Translators: a lead field inside a criterion: "technology is one of security" */
      return C_("field in a sentence", "technology");
    case RELAIS_RULE_FIELD_CATEGORY:
      /* Translators: a lead field inside a criterion: "category is one of BANT, Appointment" */
      return C_("field in a sentence", "category");
    case RELAIS_RULE_FIELD_KIND:
      /* Translators: a lead field inside a criterion: "kind is one of App" */
      return C_("field in a sentence", "kind");
    case RELAIS_RULE_FIELD_LISTING:
      /* Translators: a lead field inside a criterion: "listing contains “firewall”" */
      return C_("field in a sentence", "listing");
    case RELAIS_RULE_FIELD_BUDGET:
      /* Translators: a lead field inside a criterion: "budget is one of 10k-50k" */
      return C_("field in a sentence", "budget");
    case RELAIS_RULE_FIELD_LANGUAGE:
      /* Translators: a lead field inside a criterion: "language is one of fr, de" */
      return C_("field in a sentence", "language");
    case RELAIS_RULE_N_FIELDS:
    default:
      return "";
    }
}

/* The values of a criterion as read: codes of categories and kinds become
 * their labels, and what "contains" looks for is quoted. */
static char *
criterion_values_text (const RelaisRoutingCriterion *criterion)
{
  const RelaisEnumInfo *info = NULL;
  GString *out = g_string_new ("");

  if (criterion->field == RELAIS_RULE_FIELD_CATEGORY)
    info = &relais_lead_category_info;
  else if (criterion->field == RELAIS_RULE_FIELD_KIND)
    info = &relais_lead_kind_info;

  for (guint i = 0; criterion->values[i] != NULL; i++)
    {
      const char *value = criterion->values[i];
      int code_value;

      if (i > 0)
        /* Translators: separates the values of a criterion: "FR, BE" */
        g_string_append (out, _(", "));
      if (info != NULL && relais_enum_from_code (info, value, &code_value))
        value = relais_enum_label (info, code_value);
      if (criterion->op == RELAIS_RULE_OPERATOR_CONTAINS)
        /* Translators: a text a criterion looks for, quoted: “firewall” */
        g_string_append_printf (out, _("“%s”"), value);
      else
        g_string_append (out, value);
    }
  return g_string_free (out, FALSE);
}

/**
 * relais_routing_criterion_describe:
 *
 * Returns: (transfer full): @criterion in words, as the explanations and the
 *   rules' summaries say it: "country is one of FR, BE".
 */
char *
relais_routing_criterion_describe (const RelaisRoutingCriterion *criterion)
{
  g_autofree char *values = criterion_values_text (criterion);
  const char *field = field_in_sentence (criterion->field);

  switch (criterion->op)
    {
    case RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF:
      /* Translators: a criterion of a rule: %1$s is a lead field ("country"), %2$s a list of values ("FR, BE") */
      return g_strdup_printf (_("%1$s is not one of %2$s"), field, values);
    case RELAIS_RULE_OPERATOR_CONTAINS:
      /* Translators: a criterion of a rule: %1$s is a lead field ("listing"), %2$s quoted texts ("“firewall”, “VPN”") */
      return g_strdup_printf (_("%1$s contains %2$s"), field, values);
    case RELAIS_RULE_OPERATOR_IS_ONE_OF:
    case RELAIS_RULE_N_OPERATORS:
    default:
      /* Translators: a criterion of a rule: %1$s is a lead field ("country"), %2$s a list of values ("FR, BE") */
      return g_strdup_printf (_("%1$s is one of %2$s"), field, values);
    }
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a date, as in g_date_time_format(): "28 November 2026".
   * Reorder for your language; %-d is the day without padding. */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

static char *
skip_text (const RelaisRoutingSkip *skip)
{
  const char *name = skip->name ? skip->name : "";

  switch (skip->reason)
    {
    case RELAIS_ROUTING_SKIP_INACTIVE:
      /* Translators: a member a rule passed over, and why: %1$s is a partner or rep */
      return g_strdup_printf (_("%1$s: inactive"), name);
    case RELAIS_ROUTING_SKIP_OUT_OF_OFFICE:
      {
        g_autofree char *date = format_date (skip->until);

        /* Translators: a member a rule passed over, and why: %1$s is a partner or rep, %2$s a date ("28 November 2026") */
        return g_strdup_printf (_("%1$s: out of office until %2$s"), name, date);
      }
    case RELAIS_ROUTING_SKIP_OVER_CAPACITY:
      {
        g_autofree char *open_leads = relais_format_count (skip->open_leads);
        g_autofree char *capacity = relais_format_count (skip->capacity);

        /* Translators: a member a rule passed over, and why: %1$s is a partner, %2$s its open leads, %3$s its capacity: "Acme: over capacity (50/50)" */
        return g_strdup_printf (_("%1$s: over capacity (%2$s/%3$s)"), name, open_leads, capacity);
      }
    case RELAIS_ROUTING_SKIP_OUTSIDE_TERRITORY:
      /* Translators: a member a rule passed over, and why: %1$s is a partner whose territory does not include the lead's country */
      return g_strdup_printf (_("%1$s: outside territory"), name);
    case RELAIS_ROUTING_N_SKIPS:
    default:
      return g_strdup (name);
    }
}

/* How long a rule waits before rerouting: "2 days", "36 hours", "90 minutes". */
static char *
delay_text (gint64 seconds)
{
  gulong n;

  if (seconds > 0 && seconds % 86400 == 0)
    {
      n = (gulong) (seconds / 86400);
      /* Translators: how long a rule waits for a lead to be accepted */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu day", "%lu days", n), n);
    }
  if (seconds > 0 && seconds % 3600 == 0)
    {
      n = (gulong) (seconds / 3600);
      /* Translators: how long a rule waits for a lead to be accepted */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu hour", "%lu hours", n), n);
    }
  n = (gulong) MAX (1, (seconds + 59) / 60);
  /* Translators: how long a rule waits for a lead to be accepted */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu minute", "%lu minutes", n), n);
}

static void
append_sentence (GString    *out,
                 const char *sentence)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, sentence);
}

static char *
main_sentence (const RelaisRoutingExplanation *e)
{
  const char *rule = e->rule_name ? e->rule_name : "";
  const char *target = e->target_name ? e->target_name : "";
  const char *from = e->from_name ? e->from_name : "";
  const char *strategy = strategy_in_sentence (e->strategy);
  g_autofree char *delay = e->reroute ? delay_text (e->reroute_after_s) : NULL;

  switch (e->outcome)
    {
    case RELAIS_ROUTING_OUTCOME_ASSIGNED:
      if (e->reroute)
        /* Translators: a reroute hop: %1$s had the lead, %2$s has it now, %3$s is a rule name, %4$s a strategy ("round-robin"), %5$s a delay ("2 days") */
        return g_strdup_printf (_("Rerouted from %1$s to %2$s by rule “%3$s” (%4$s): not accepted within %5$s."),
                                from, target, rule, strategy, delay);
      /* Translators: %1$s is a partner or rep, %2$s a rule name, %3$s a strategy ("round-robin") */
      return g_strdup_printf (_("Assigned to %1$s by rule “%2$s” (%3$s)."), target, rule, strategy);

    case RELAIS_ROUTING_OUTCOME_QUEUED:
      /* Translators: %1$s is a queue name, %2$s a rule name */
      return g_strdup_printf (_("Placed in queue “%1$s” by rule “%2$s”."), target, rule);

    case RELAIS_ROUTING_OUTCOME_FALLBACK:
      if (e->reroute)
        /* Translators: a reroute hop: %1$s had the lead, %2$s is a queue name, %3$s a rule name, %4$s a delay ("2 days") */
        return g_strdup_printf (_("Moved from %1$s to the fallback queue “%2$s” by rule “%3$s”: not accepted within %4$s, and no other member could take the lead."),
                                from, target, rule, delay);
      if (e->reason == RELAIS_ROUTING_REASON_EMPTY_POOL)
        /* Translators: %1$s is a queue name, %2$s a rule name */
        return g_strdup_printf (_("Sent to the fallback queue “%1$s” by rule “%2$s”: the rule has no members."),
                                target, rule);
      /* Translators: %1$s is a queue name, %2$s a rule name */
      return g_strdup_printf (_("Sent to the fallback queue “%1$s” by rule “%2$s”: no member could take the lead."),
                              target, rule);

    case RELAIS_ROUTING_OUTCOME_KEPT:
      /* Translators: a reroute that could not happen: %1$s has the lead, %2$s is a delay ("2 days"), %3$s a rule name */
      return g_strdup_printf (_("Left with %1$s: not accepted within %2$s, but no other member of rule “%3$s” could take the lead, and the rule has no fallback queue."),
                              from, delay, rule);

    case RELAIS_ROUTING_OUTCOME_UNASSIGNED:
    case RELAIS_ROUTING_N_OUTCOMES:
    default:
      switch (e->reason)
        {
        case RELAIS_ROUTING_REASON_EMPTY_POOL:
          /* Translators: %s is a rule name */
          return g_strdup_printf (_("Not assigned: rule “%s” matches, but it has no members and no fallback queue."), rule);
        case RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER:
          /* Translators: %s is a rule name */
          return g_strdup_printf (_("Not assigned: rule “%s” matches, but no member could take the lead, and the rule has no fallback queue."), rule);
        case RELAIS_ROUTING_REASON_NO_RULE_MATCHED:
        case RELAIS_ROUTING_REASON_NONE:
        case RELAIS_ROUTING_N_REASONS:
        default:
          return g_strdup (_("Not assigned: no enabled rule matches this lead."));
        }
    }
}

static char *
criteria_sentence (const RelaisRoutingExplanation *e)
{
  g_autoptr(GString) items = g_string_new ("");

  if (e->rule_id == 0 || e->criteria->len == 0)
    return NULL;

  for (guint i = 0; i < e->criteria->len; i++)
    {
      g_autofree char *item = relais_routing_criterion_describe (g_ptr_array_index (e->criteria, i));

      if (i > 0)
        /* Translators: separates the items of a list: "country is one of FR; kind is one of App" */
        g_string_append (items, _("; "));
      g_string_append (items, item);
    }

  /* Translators: %s is a list of criteria: "country is one of FR, BE; kind is one of App" */
  return g_strdup_printf (_("Criteria met: %s."), items->str);
}

static char *
skipped_sentence (const RelaisRoutingExplanation *e)
{
  g_autoptr(GString) items = g_string_new ("");
  guint n = e->n_skipped;

  if (n == 0 || e->skipped->len == 0)
    return NULL;

  for (guint i = 0; i < e->skipped->len; i++)
    {
      g_autofree char *item = skip_text (&g_array_index (e->skipped, RelaisRoutingSkip, i));

      if (i > 0)
        /* Translators: separates the items of a list: "Acme: inactive; Beta: outside territory" */
        g_string_append (items, _("; "));
      g_string_append (items, item);
    }

  if (n == 1)
    /* Translators: %s is a member a rule passed over, and why: "Acme: over capacity (50/50)" */
    return g_strdup_printf (_("Skipped %s."), items->str);

  if (n > e->skipped->len)
    /* Translators: %1$u is the number of members a rule passed over; %2$s the first of them, each
     * with why: "Acme: inactive; Beta: over capacity (50/50)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Skipped %1$u member, among them %2$s.",
                                         "Skipped %1$u members, among them %2$s.", n),
                            n, items->str);

  /* Translators: %1$u is the number of members a rule passed over; %2$s lists them, each with
   * why: "Acme: inactive; Beta: over capacity (50/50)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Skipped %1$u member: %2$s.",
                                       "Skipped %1$u members: %2$s.", n),
                          n, items->str);
}

/**
 * relais_routing_explain:
 *
 * Returns: (transfer full): the explanation in plain words: what happened,
 *   the criteria that held, the members passed over and why.
 */
char *
relais_routing_explain (const RelaisRoutingExplanation *explanation)
{
  g_autoptr(GString) out = g_string_new ("");
  g_autofree char *main_text = NULL;
  g_autofree char *criteria_text = NULL;
  g_autofree char *skipped_text = NULL;

  g_return_val_if_fail (explanation != NULL, NULL);

  main_text = main_sentence (explanation);
  append_sentence (out, main_text);
  criteria_text = criteria_sentence (explanation);
  if (criteria_text != NULL)
    append_sentence (out, criteria_text);
  skipped_text = skipped_sentence (explanation);
  if (skipped_text != NULL)
    append_sentence (out, skipped_text);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
