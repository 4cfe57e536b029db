/* relais-routing.c — the assignment-rules engine: rules, rotation, eligibility
 * and the three strategies. The explanation of decisions, its text form and
 * its sentences are in relais-routing-explain.c.
 *
 * Speed: a run compiles its rules once (relais_routing_route() does it when
 * something changed). Each criterion value becomes a small integer of a
 * per-field dictionary and each criterion a bit set, so that a lead's field is
 * looked up once per lead and each criterion is one bit test; territories are
 * bit sets over the countries the same way. Routing a lead allocates nothing
 * but its explanation, when asked for one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-routing.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (relais-routing-error-quark, relais_routing_error)

/* --- Enumerations ------------------------------------------------------------- */

#define ENUM_INFO(var, type_name, table) \
  const RelaisEnumInfo var = { type_name, table, G_N_ELEMENTS (table) }

static const RelaisEnumValue rule_field_values[] = {
  /* Translators: the lead field a rule criterion looks at */
  { RELAIS_RULE_FIELD_COUNTRY, "country", "rule field", NC_("rule field", "Country") },
  /* Translators: the lead field a rule criterion looks at */
  { RELAIS_RULE_FIELD_TECHNOLOGY, "technology", "rule field", NC_("rule field", "Technology") },
  /* Translators: the lead field a rule criterion looks at */
  { RELAIS_RULE_FIELD_CATEGORY, "category", "rule field", NC_("rule field", "Category") },
  /* Translators: the lead field a rule criterion looks at: app or service */
  { RELAIS_RULE_FIELD_KIND, "kind", "rule field", NC_("rule field", "Kind") },
  /* Translators: the lead field a rule criterion looks at: the product of interest */
  { RELAIS_RULE_FIELD_LISTING, "listing", "rule field", NC_("rule field", "Listing") },
  /* Translators: the lead field a rule criterion looks at: the budget band */
  { RELAIS_RULE_FIELD_BUDGET, "budget", "rule field", NC_("rule field", "Budget") },
  /* Translators: the lead field a rule criterion looks at */
  { RELAIS_RULE_FIELD_LANGUAGE, "language", "rule field", NC_("rule field", "Language") },
};
ENUM_INFO (relais_rule_field_info, "RelaisRuleField", rule_field_values);

static const RelaisEnumValue rule_operator_values[] = {
  /* Translators: a rule criterion: "Country" "is one of" "FR, BE" */
  { RELAIS_RULE_OPERATOR_IS_ONE_OF, "is_one_of", "rule operator", NC_("rule operator", "is one of") },
  /* Translators: a rule criterion: "Country" "is not one of" "FR, BE" */
  { RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF, "is_not_one_of", "rule operator", NC_("rule operator", "is not one of") },
  /* Translators: a rule criterion: "Listing" "contains" "firewall" */
  { RELAIS_RULE_OPERATOR_CONTAINS, "contains", "rule operator", NC_("rule operator", "contains") },
};
ENUM_INFO (relais_rule_operator_info, "RelaisRuleOperator", rule_operator_values);

static const RelaisEnumValue rule_pool_kind_values[] = {
  /* Translators: whom an assignment rule gives leads to */
  { RELAIS_RULE_POOL_PARTNERS, "partners", "rule pool", NC_("rule pool", "Partners") },
  /* Translators: whom an assignment rule gives leads to: the sales reps of one partner */
  { RELAIS_RULE_POOL_REPS, "reps", "rule pool", NC_("rule pool", "Reps of a partner") },
  /* Translators: whom an assignment rule gives leads to: the partners of a queue */
  { RELAIS_RULE_POOL_QUEUE, "queue", "rule pool", NC_("rule pool", "Queue") },
};
ENUM_INFO (relais_rule_pool_kind_info, "RelaisRulePoolKind", rule_pool_kind_values);

static const RelaisEnumValue routing_target_kind_values[] = {
  { RELAIS_ROUTING_TARGET_NONE, "", NULL, "" },
  /* Translators: who received a lead */
  { RELAIS_ROUTING_TARGET_PARTNER, "partner", "routing target", NC_("routing target", "Partner") },
  /* Translators: who received a lead: a sales rep of a partner */
  { RELAIS_ROUTING_TARGET_REP, "rep", "routing target", NC_("routing target", "Rep") },
  /* Translators: who received a lead */
  { RELAIS_ROUTING_TARGET_QUEUE, "queue", "routing target", NC_("routing target", "Queue") },
};
ENUM_INFO (relais_routing_target_kind_info, "RelaisRoutingTargetKind", routing_target_kind_values);

static const RelaisEnumValue routing_outcome_values[] = {
  /* Translators: what a rule did with a lead */
  { RELAIS_ROUTING_OUTCOME_ASSIGNED, "assigned", "routing outcome", NC_("routing outcome", "Assigned") },
  /* Translators: what a rule did with a lead */
  { RELAIS_ROUTING_OUTCOME_QUEUED, "queued", "routing outcome", NC_("routing outcome", "Placed in a queue") },
  /* Translators: what a rule did with a lead nobody could take */
  { RELAIS_ROUTING_OUTCOME_FALLBACK, "fallback", "routing outcome", NC_("routing outcome", "Sent to the fallback queue") },
  /* Translators: what a rule did with a lead */
  { RELAIS_ROUTING_OUTCOME_UNASSIGNED, "unassigned", "routing outcome", NC_("routing outcome", "Not assigned") },
  /* Translators: a lead due to be given to someone else stays where it is */
  { RELAIS_ROUTING_OUTCOME_KEPT, "kept", "routing outcome", NC_("routing outcome", "Left with its holder") },
};
ENUM_INFO (relais_routing_outcome_info, "RelaisRoutingOutcome", routing_outcome_values);

static const RelaisEnumValue routing_reason_values[] = {
  { RELAIS_ROUTING_REASON_NONE, "", NULL, "" },
  /* Translators: why a lead would stay unassigned (preview list) */
  { RELAIS_ROUTING_REASON_NO_RULE_MATCHED, "no_rule_matched", "routing reason", NC_("routing reason", "No rule matches it") },
  /* Translators: why a lead would stay unassigned (preview list) */
  { RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER, "no_eligible_member", "routing reason", NC_("routing reason", "No member can take it") },
  /* Translators: why a lead would stay unassigned (preview list) */
  { RELAIS_ROUTING_REASON_EMPTY_POOL, "empty_pool", "routing reason", NC_("routing reason", "The rule has no members") },
};
ENUM_INFO (relais_routing_reason_info, "RelaisRoutingReason", routing_reason_values);

static const RelaisEnumValue routing_skip_values[] = {
  /* Translators: why a partner got no lead from a rule */
  { RELAIS_ROUTING_SKIP_INACTIVE, "inactive", "member skipped", NC_("member skipped", "Inactive") },
  /* Translators: why a partner got no lead from a rule */
  { RELAIS_ROUTING_SKIP_OUT_OF_OFFICE, "out_of_office", "member skipped", NC_("member skipped", "Out of office") },
  /* Translators: why a partner got no lead from a rule */
  { RELAIS_ROUTING_SKIP_OVER_CAPACITY, "over_capacity", "member skipped", NC_("member skipped", "Over capacity") },
  /* Translators: why a partner got no lead from a rule */
  { RELAIS_ROUTING_SKIP_OUTSIDE_TERRITORY, "outside_territory", "member skipped", NC_("member skipped", "Outside territory") },
};
ENUM_INFO (relais_routing_skip_info, "RelaisRoutingSkipReason", routing_skip_values);

/* --- Folding: how values are compared ------------------------------------------ */

/* Values are compared trimmed and without regard to case. ASCII text (codes, the
 * usual case) is folded into a buffer on the stack; anything else is casefolded
 * with GLib, on the heap. */
#define FOLD_BUFFER_SIZE 128

typedef struct {
  char  buffer[FOLD_BUFFER_SIZE];
  char *heap;
} Folded;

static const char *
fold (const char *text,
      Folded     *out)
{
  const char *start, *end;
  gboolean ascii = TRUE;
  gsize len;

  out->heap = NULL;
  if (text == NULL)
    text = "";

  start = text;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  len = (gsize) (end - start);

  for (const char *p = start; p < end; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii && len < FOLD_BUFFER_SIZE)
    {
      for (gsize i = 0; i < len; i++)
        out->buffer[i] = g_ascii_tolower (start[i]);
      out->buffer[len] = '\0';
      return out->buffer;
    }

  if (ascii)
    out->heap = g_ascii_strdown (start, (gssize) len);
  else
    {
      g_autofree char *normal = g_utf8_normalize (start, (gssize) len, G_NORMALIZE_DEFAULT_COMPOSE);

      out->heap = normal ? g_utf8_casefold (normal, -1) : g_strndup (start, len);
    }
  return out->heap;
}

static char *
fold_dup (const char *text)
{
  Folded folded;
  const char *result = fold (text, &folded);

  return folded.heap ? folded.heap : g_strdup (result);
}

/* --- Bit sets ------------------------------------------------------------------ */

static guint64 *
bits_new (guint n_bits)
{
  return g_new0 (guint64, MAX (1, (n_bits + 63) / 64));
}

static inline void
bits_set (guint64 *bits,
          guint    i)
{
  bits[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
}

static inline gboolean
bits_test (const guint64 *bits,
           int            i)
{
  return i >= 0 && (bits[i >> 6] & (G_GUINT64_CONSTANT (1) << (i & 63))) != 0;
}

/* A dictionary of folded values: value → small integer (stored + 1). */
static guint
dict_intern (GHashTable *dict,
             const char *value)
{
  g_autofree char *folded = fold_dup (value);
  gpointer id;

  if (g_hash_table_lookup_extended (dict, folded, NULL, &id))
    return GPOINTER_TO_UINT (id) - 1;

  id = GUINT_TO_POINTER (g_hash_table_size (dict) + 1);
  g_hash_table_insert (dict, g_steal_pointer (&folded), id);
  return GPOINTER_TO_UINT (id) - 1;
}

static int
dict_lookup (GHashTable *dict,
             const char *folded)
{
  gpointer id = g_hash_table_lookup (dict, folded);

  return id ? (int) GPOINTER_TO_UINT (id) - 1 : -1;
}

/* --- Rotation ------------------------------------------------------------------ */

typedef struct {
  guint64 count;   /* turns taken (leads received, or forfeited) */
  guint64 tick;    /* the rule's tick at the last lead; 0: never */
} RotationEntry;

struct _RelaisRotation
{
  guint64     tick;
  GHashTable *entries;   /* char *key → RotationEntry* */
};

RelaisRotation *
relais_rotation_new (void)
{
  RelaisRotation *rotation = g_new0 (RelaisRotation, 1);

  rotation->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return rotation;
}

void
relais_rotation_free (RelaisRotation *rotation)
{
  if (rotation == NULL)
    return;
  g_hash_table_unref (rotation->entries);
  g_free (rotation);
}

static RotationEntry *
rotation_ensure (RelaisRotation *rotation,
                 const char     *key,
                 gboolean       *created)
{
  RotationEntry *entry = g_hash_table_lookup (rotation->entries, key);

  if (created != NULL)
    *created = (entry == NULL);
  if (entry == NULL)
    {
      entry = g_new0 (RotationEntry, 1);
      g_hash_table_insert (rotation->entries, g_strdup (key), entry);
    }
  return entry;
}

RelaisRotation *
relais_rotation_copy (const RelaisRotation *rotation)
{
  RelaisRotation *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (rotation != NULL, NULL);

  copy = relais_rotation_new ();
  copy->tick = rotation->tick;
  g_hash_table_iter_init (&iter, rotation->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    *rotation_ensure (copy, key, NULL) = *(RotationEntry *) value;
  return copy;
}

/* Keys are uuids or "p12": nothing that could break the text form. */
static gboolean
rotation_key_is_valid (const char *key)
{
  if (key == NULL || key[0] == '\0' || strlen (key) > 64)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char  *text,
              guint64     *out,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, &local_error))
    {
      g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                   "Bad number in rotation: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * relais_rotation_parse:
 *
 * Reads "v1;t=TICK;KEY=COUNT,TICK;…". The messages of its errors are for the
 * log: a rotation text is never typed by a user.
 *
 * Returns: (transfer full): the rotation, or %NULL with @error set.
 */
RelaisRotation *
relais_rotation_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(RelaisRotation) rotation = relais_rotation_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL || text[0] == '\0')
    return g_steal_pointer (&rotation);

  parts = g_strsplit (text, ";", -1);
  if (g_strcmp0 (parts[0], "v1") != 0)
    {
      g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                   "Unknown rotation version in “%s”", text);
      return NULL;
    }

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      const char *eq = strchr (part, '=');
      g_autofree char *key = NULL;
      g_auto(GStrv) numbers = NULL;
      RotationEntry entry = { 0, 0 };
      gboolean created;

      if (part[0] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                       "Bad rotation item “%s”", part);
          return NULL;
        }

      key = g_strndup (part, (gsize) (eq - part));
      if (i == 1 && g_str_equal (key, "t"))
        {
          if (!parse_number (eq + 1, &rotation->tick, error))
            return NULL;
          continue;
        }

      numbers = g_strsplit (eq + 1, ",", 3);
      if (!rotation_key_is_valid (key) || g_strv_length (numbers) != 2)
        {
          g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                       "Bad rotation item “%s”", part);
          return NULL;
        }
      if (!parse_number (numbers[0], &entry.count, error) ||
          !parse_number (numbers[1], &entry.tick, error))
        return NULL;

      *rotation_ensure (rotation, key, &created) = entry;
      if (!created)
        {
          g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_PARSE,
                       "Member “%s” appears twice in rotation", key);
          return NULL;
        }
      rotation->tick = MAX (rotation->tick, entry.tick);
    }

  return g_steal_pointer (&rotation);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * relais_rotation_to_string:
 *
 * Returns: (transfer full): the text of @rotation, keys sorted.
 */
char *
relais_rotation_to_string (const RelaisRotation *rotation)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys;
  GString *out;

  g_return_val_if_fail (rotation != NULL, NULL);

  out = g_string_new ("v1;t=");
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, rotation->tick);

  keys = g_hash_table_get_keys_as_array (rotation->entries, &n_keys);
  g_qsort_with_data (keys, (gint) n_keys, sizeof (gpointer), compare_keys, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      const RotationEntry *entry = g_hash_table_lookup (rotation->entries, keys[i]);

      g_string_append_printf (out, ";%s=%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                              (const char *) keys[i], entry->count, entry->tick);
    }

  return g_string_free (out, FALSE);
}

guint64
relais_rotation_get_count (const RelaisRotation *rotation,
                           const char           *key)
{
  const RotationEntry *entry;

  g_return_val_if_fail (rotation != NULL, 0);

  entry = key ? g_hash_table_lookup (rotation->entries, key) : NULL;
  return entry ? entry->count : 0;
}

guint64
relais_rotation_get_tick (const RelaisRotation *rotation,
                          const char           *key)
{
  const RotationEntry *entry;

  g_return_val_if_fail (rotation != NULL, 0);

  entry = key ? g_hash_table_lookup (rotation->entries, key) : NULL;
  return entry ? entry->tick : 0;
}

static void
merge_entry (RelaisRotation       *merged,
             const char           *key,
             const RelaisRotation *base,
             const RelaisRotation *ours,
             const RelaisRotation *theirs)
{
  const RotationEntry *b = base ? g_hash_table_lookup (base->entries, key) : NULL;
  const RotationEntry *o = g_hash_table_lookup (ours->entries, key);
  const RotationEntry *t = g_hash_table_lookup (theirs->entries, key);
  RotationEntry *entry;

  entry = rotation_ensure (merged, key, NULL);
  if (b != NULL)
    {
      /* Counts only grow: each side's increase since the base is its own
       * leads (and forfeits), so both increases are kept. A side without the
       * member (it left the pool there) added nothing. */
      guint64 o_count = o ? MAX (o->count, b->count) : b->count;
      guint64 t_count = t ? MAX (t->count, b->count) : b->count;

      entry->count = b->count + (o_count - b->count) + (t_count - b->count);
    }
  else
    {
      /* Without a common base, the higher count is the one that cannot
       * overstate what the member received. */
      entry->count = MAX (o ? o->count : 0, t ? t->count : 0);
    }
  entry->tick = MAX (o ? o->tick : 0, t ? t->tick : 0);
}

/**
 * relais_rotation_merge:
 * @base: (nullable): the rotation both sides started from, if known
 *
 * Returns: (transfer full): the merged rotation: per member, the base count
 *   plus what each side added (or the higher count without @base), and the
 *   later ticks.
 */
RelaisRotation *
relais_rotation_merge (const RelaisRotation *base,
                       const RelaisRotation *ours,
                       const RelaisRotation *theirs)
{
  RelaisRotation *merged;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ours != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  merged = relais_rotation_new ();
  merged->tick = MAX (ours->tick, theirs->tick);

  g_hash_table_iter_init (&iter, ours->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    merge_entry (merged, key, base, ours, theirs);
  g_hash_table_iter_init (&iter, theirs->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (merged->entries, key))
      merge_entry (merged, key, base, ours, theirs);

  return merged;
}

gboolean
relais_rotation_equal (const RelaisRotation *a,
                       const RelaisRotation *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->tick != b->tick ||
      g_hash_table_size (a->entries) != g_hash_table_size (b->entries))
    return FALSE;

  g_hash_table_iter_init (&iter, a->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const RotationEntry *ea = value;
      const RotationEntry *eb = g_hash_table_lookup (b->entries, key);

      if (eb == NULL || ea->count != eb->count || ea->tick != eb->tick)
        return FALSE;
    }
  return TRUE;
}

/* --- Criteria and rules -------------------------------------------------------- */

/**
 * relais_routing_criterion_new:
 *
 * Returns: (transfer full): a criterion; free with relais_routing_criterion_free().
 */
RelaisRoutingCriterion *
relais_routing_criterion_new (RelaisRuleField     field,
                              RelaisRuleOperator  op,
                              const char         *values)
{
  RelaisRoutingCriterion *criterion;
  g_auto(GStrv) items = NULL;
  GPtrArray *kept;

  g_return_val_if_fail (field < RELAIS_RULE_N_FIELDS, NULL);
  g_return_val_if_fail (op < RELAIS_RULE_N_OPERATORS, NULL);

  items = g_strsplit (values ? values : "", ",", -1);
  kept = g_ptr_array_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (item[0] != '\0')
        g_ptr_array_add (kept, g_strdup (item));
    }
  g_ptr_array_add (kept, NULL);

  criterion = g_new0 (RelaisRoutingCriterion, 1);
  criterion->field = field;
  criterion->op = op;
  criterion->values = (char **) g_ptr_array_free (kept, FALSE);
  return criterion;
}

/**
 * relais_routing_criterion_copy:
 *
 * Returns: (transfer full): a copy of @criterion.
 */
RelaisRoutingCriterion *
relais_routing_criterion_copy (const RelaisRoutingCriterion *criterion)
{
  RelaisRoutingCriterion *copy;

  g_return_val_if_fail (criterion != NULL, NULL);

  copy = g_new0 (RelaisRoutingCriterion, 1);
  copy->field = criterion->field;
  copy->op = criterion->op;
  copy->values = g_strdupv (criterion->values);
  return copy;
}

void
relais_routing_criterion_free (RelaisRoutingCriterion *criterion)
{
  if (criterion == NULL)
    return;
  g_strfreev (criterion->values);
  g_free (criterion);
}

/**
 * relais_routing_criterion_dup_values_text:
 *
 * Returns: (transfer full): the values joined by commas.
 */
char *
relais_routing_criterion_dup_values_text (const RelaisRoutingCriterion *criterion)
{
  g_return_val_if_fail (criterion != NULL, NULL);

  return g_strjoinv (",", criterion->values);
}

/**
 * relais_routing_rule_new:
 *
 * Returns: (transfer full): a rule with the defaults of the rule table.
 */
RelaisRoutingRule *
relais_routing_rule_new (gint64      id,
                         const char *name)
{
  RelaisRoutingRule *rule = g_new0 (RelaisRoutingRule, 1);

  rule->id = id;
  rule->enabled = TRUE;
  rule->name = g_strdup (name ? name : "");
  rule->pool_kind = RELAIS_RULE_POOL_PARTNERS;
  rule->strategy = RELAIS_RULE_STRATEGY_ROUND_ROBIN;
  rule->respect_capacity = TRUE;
  rule->skip_inactive = TRUE;
  rule->skip_out_of_office = TRUE;
  rule->match_territory = FALSE;
  rule->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_criterion_free);
  rule->members = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingMemberRef));
  rule->rotation = relais_rotation_new ();
  return rule;
}

void
relais_routing_rule_free (RelaisRoutingRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->name);
  g_clear_pointer (&rule->criteria, g_ptr_array_unref);
  g_clear_pointer (&rule->members, g_array_unref);
  g_clear_pointer (&rule->rotation, relais_rotation_free);
  g_free (rule);
}

/**
 * relais_routing_rule_copy:
 *
 * Returns: (transfer full): a deep copy of @rule, rotation included.
 */
RelaisRoutingRule *
relais_routing_rule_copy (const RelaisRoutingRule *rule)
{
  RelaisRoutingRule *copy;

  g_return_val_if_fail (rule != NULL, NULL);

  copy = relais_routing_rule_new (rule->id, rule->name);
  copy->position = rule->position;
  copy->enabled = rule->enabled;
  copy->pool_kind = rule->pool_kind;
  copy->pool_partner_id = rule->pool_partner_id;
  copy->pool_queue_id = rule->pool_queue_id;
  copy->strategy = rule->strategy;
  copy->respect_capacity = rule->respect_capacity;
  copy->skip_inactive = rule->skip_inactive;
  copy->skip_out_of_office = rule->skip_out_of_office;
  copy->match_territory = rule->match_territory;
  copy->fallback_queue_id = rule->fallback_queue_id;
  copy->reroute_after_s = rule->reroute_after_s;
  for (guint i = 0; i < rule->criteria->len; i++)
    g_ptr_array_add (copy->criteria, relais_routing_criterion_copy (g_ptr_array_index (rule->criteria, i)));
  g_array_append_vals (copy->members, rule->members->data, rule->members->len);
  relais_rotation_free (copy->rotation);
  copy->rotation = relais_rotation_copy (rule->rotation);
  return copy;
}

void
relais_routing_rule_add_criterion (RelaisRoutingRule  *rule,
                                   RelaisRuleField     field,
                                   RelaisRuleOperator  op,
                                   const char         *values)
{
  g_return_if_fail (rule != NULL);
  g_return_if_fail (field < RELAIS_RULE_N_FIELDS);
  g_return_if_fail (op < RELAIS_RULE_N_OPERATORS);

  g_ptr_array_add (rule->criteria, relais_routing_criterion_new (field, op, values));
}

void
relais_routing_rule_add_member (RelaisRoutingRule       *rule,
                                RelaisRoutingTargetKind  kind,
                                gint64                   id,
                                guint                    share)
{
  RelaisRoutingMemberRef ref = { kind, id, share };

  g_return_if_fail (rule != NULL);
  g_return_if_fail (kind == RELAIS_ROUTING_TARGET_PARTNER || kind == RELAIS_ROUTING_TARGET_REP);

  g_array_append_val (rule->members, ref);
}

gboolean
relais_routing_rule_set_rotation_text (RelaisRoutingRule  *rule,
                                       const char         *text,
                                       GError            **error)
{
  RelaisRotation *rotation;

  g_return_val_if_fail (rule != NULL, FALSE);

  rotation = relais_rotation_parse (text, error);
  if (rotation == NULL)
    return FALSE;
  relais_rotation_free (rule->rotation);
  rule->rotation = rotation;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
relais_routing_rule_validate (const RelaisRoutingRule  *rule,
                              GError                  **error)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (is_blank (rule->name))
    {
      g_set_error_literal (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                           _("The rule has no name. Give it a name that says which leads it routes."));
      return FALSE;
    }

  for (guint i = 0; i < rule->criteria->len; i++)
    {
      const RelaisRoutingCriterion *criterion = g_ptr_array_index (rule->criteria, i);

      if (criterion->values == NULL || criterion->values[0] == NULL)
        {
          /* Translators: %s is a lead field, as in the rule editor: "Country" */
          g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                       _("The criterion on “%s” has no value. Enter at least one value, or remove the criterion."),
                       relais_enum_label (&relais_rule_field_info, criterion->field));
          return FALSE;
        }
    }

  if (rule->pool_kind == RELAIS_RULE_POOL_REPS && rule->pool_partner_id <= 0)
    {
      g_set_error_literal (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                           _("The rule gives leads to the reps of a partner, but no partner is chosen. Choose the partner."));
      return FALSE;
    }

  if (rule->pool_kind == RELAIS_RULE_POOL_QUEUE && rule->pool_queue_id <= 0)
    {
      g_set_error_literal (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                           _("The rule gives leads to a queue, but no queue is chosen. Choose the queue."));
      return FALSE;
    }

  if (rule->reroute_after_s < 0)
    {
      g_set_error_literal (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                           _("The delay before an unaccepted lead goes to the next member must be positive. Enter a number of hours or days, or turn rerouting off."));
      return FALSE;
    }

  return TRUE;
}

void
relais_routing_lead_init_from_lead (RelaisRoutingLead *facts,
                                    RelaisLead        *lead)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (RELAIS_IS_LEAD (lead));

  memset (facts, 0, sizeof *facts);
  facts->id = relais_lead_get_id (lead);
  facts->country = relais_lead_get_country (lead);
  facts->technology = relais_lead_get_technology (lead);
  facts->category = relais_enum_code (&relais_lead_category_info, relais_lead_get_category (lead));
  facts->kind = relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (lead));
  facts->listing = relais_lead_get_listing (lead);
  facts->budget = relais_lead_get_budget (lead);
  facts->language = relais_lead_get_language (lead);
  facts->rule_id = relais_lead_get_rule_id (lead);
  facts->partner_id = relais_lead_get_partner_id (lead);
  facts->rep_id = relais_lead_get_rep_id (lead);
  facts->assigned_at = relais_lead_get_assigned_at (lead);
  facts->accepted_at = relais_lead_get_accepted_at (lead);
}

void
relais_routing_decision_clear (RelaisRoutingDecision *decision)
{
  if (decision == NULL)
    return;
  g_clear_pointer (&decision->explanation, relais_routing_explanation_free);
  memset (decision, 0, sizeof *decision);
}

/* --- The engine ---------------------------------------------------------------- */

typedef struct _Candidate Candidate;

struct _Candidate
{
  RelaisRoutingTargetKind  kind;
  gint64                   id;
  gint64                   partner_id;
  char                    *key;
  char                    *name;
  RelaisPartnerTier        tier;
  gint64                   capacity;
  gint64                   open_leads;
  gboolean                 active;
  gint64                   out_of_office_until;
  char                   **territory;        /* as given, split */
  guint64                 *territory_bits;   /* over self->countries, when compiled */
  Candidate               *partner;          /* a rep's partner, when compiled */
};

typedef struct {
  Candidate     *candidate;
  RotationEntry *entry;      /* in the rule's rotation */
  guint64        weight;
} Member;

typedef struct {
  RelaisRuleField     field;
  RelaisRuleOperator  op;
  guint64            *bits;     /* IS_ONE_OF, IS_NOT_ONE_OF: over the field's dictionary */
  char              **folded;   /* CONTAINS */
} Criterion;

typedef struct {
  RelaisRoutingRule *rule;
  RelaisRotation    *rotation;      /* rule->rotation when compiled: members point into it */
  Criterion         *criteria;
  guint              n_criteria;
  Member            *members;
  guint              n_members;
  guint             *eligible;      /* scratch: indices into members */
  guint             *forfeit;       /* scratch: indices into members */
  guint64            total_weight;
  guint64            total_count;
  gboolean           use_ratio;     /* least-loaded: every member has a capacity > 0 */
} CompiledRule;

struct _RelaisRouting
{
  GHashTable   *partners;    /* gint64 *id → Candidate* */
  GHashTable   *reps;        /* gint64 *id → Candidate* */
  GHashTable   *queues;      /* gint64 *id → char *name */
  GPtrArray    *rules;       /* RelaisRoutingRule*, in the order they are tried once compiled */
  gboolean      compiled;
  CompiledRule *compiled_rules;
  guint         n_compiled;
  GHashTable   *dicts[RELAIS_RULE_N_FIELDS];  /* folded value → id + 1 */
  GHashTable   *countries;                    /* folded country code → id + 1 */
};

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->key);
  g_free (candidate->name);
  g_strfreev (candidate->territory);
  g_free (candidate->territory_bits);
  g_free (candidate);
}

static void
compiled_rules_clear (RelaisRouting *self)
{
  for (guint i = 0; i < self->n_compiled; i++)
    {
      CompiledRule *cr = &self->compiled_rules[i];

      for (guint j = 0; j < cr->n_criteria; j++)
        {
          g_free (cr->criteria[j].bits);
          g_strfreev (cr->criteria[j].folded);
        }
      g_free (cr->criteria);
      g_free (cr->members);
      g_free (cr->eligible);
      g_free (cr->forfeit);
    }
  g_clear_pointer (&self->compiled_rules, g_free);
  self->n_compiled = 0;
  self->compiled = FALSE;
}

/**
 * relais_routing_new:
 *
 * Returns: (transfer full): an empty engine; free with relais_routing_free().
 */
RelaisRouting *
relais_routing_new (void)
{
  RelaisRouting *self = g_new0 (RelaisRouting, 1);

  self->partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) candidate_free);
  self->reps = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) candidate_free);
  self->queues = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) relais_routing_rule_free);
  for (guint f = 0; f < RELAIS_RULE_N_FIELDS; f++)
    self->dicts[f] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
relais_routing_free (RelaisRouting *self)
{
  if (self == NULL)
    return;
  compiled_rules_clear (self);
  g_hash_table_unref (self->partners);
  g_hash_table_unref (self->reps);
  g_hash_table_unref (self->queues);
  g_ptr_array_unref (self->rules);
  for (guint f = 0; f < RELAIS_RULE_N_FIELDS; f++)
    g_hash_table_unref (self->dicts[f]);
  g_hash_table_unref (self->countries);
  g_free (self);
}

static GHashTable *
candidates_of_kind (RelaisRouting           *self,
                    RelaisRoutingTargetKind  kind)
{
  return kind == RELAIS_ROUTING_TARGET_REP ? self->reps : self->partners;
}

static Candidate *
lookup_candidate (RelaisRouting           *self,
                  RelaisRoutingTargetKind  kind,
                  gint64                   id)
{
  if (kind != RELAIS_ROUTING_TARGET_PARTNER && kind != RELAIS_ROUTING_TARGET_REP)
    return NULL;
  return g_hash_table_lookup (candidates_of_kind (self, kind), &id);
}

void
relais_routing_add_candidate (RelaisRouting                *self,
                              const RelaisRoutingCandidate *candidate)
{
  Candidate *c;

  g_return_if_fail (self != NULL);
  g_return_if_fail (candidate != NULL);
  g_return_if_fail (candidate->kind == RELAIS_ROUTING_TARGET_PARTNER ||
                    candidate->kind == RELAIS_ROUTING_TARGET_REP);

  c = g_new0 (Candidate, 1);
  c->kind = candidate->kind;
  c->id = candidate->id;
  c->partner_id = candidate->partner_id;
  if (rotation_key_is_valid (candidate->uuid))
    c->key = g_strdup (candidate->uuid);
  else
    c->key = g_strdup_printf ("%c%" G_GINT64_FORMAT,
                              candidate->kind == RELAIS_ROUTING_TARGET_REP ? 'c' : 'p',
                              candidate->id);
  c->name = g_strdup (candidate->name ? candidate->name : "");
  c->tier = candidate->tier < RELAIS_PARTNER_N_TIERS ? candidate->tier : RELAIS_PARTNER_TIER_REGISTERED;
  c->capacity = candidate->capacity;
  c->open_leads = MAX (0, candidate->open_leads);
  c->active = candidate->active;
  c->out_of_office_until = candidate->out_of_office_until;
  c->territory = g_strsplit (candidate->territory ? candidate->territory : "", ",", -1);

  /* The compiled rules point at the candidate this one may replace. */
  compiled_rules_clear (self);
  g_hash_table_replace (candidates_of_kind (self, c->kind), &c->id, c);
}

/**
 * relais_routing_add_partner:
 *
 * Adds @partner as a candidate. Its capacity is taken as it is: a partner
 * with a capacity of 0 takes no lead from a rule that respects capacity.
 */
void
relais_routing_add_partner (RelaisRouting *self,
                            RelaisPartner *partner)
{
  RelaisRoutingCandidate candidate = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (RELAIS_IS_PARTNER (partner));

  candidate.kind = RELAIS_ROUTING_TARGET_PARTNER;
  candidate.id = relais_partner_get_id (partner);
  candidate.uuid = relais_partner_get_uuid (partner);
  candidate.name = relais_partner_get_name (partner);
  candidate.tier = relais_partner_get_tier (partner);
  candidate.capacity = relais_partner_get_capacity (partner);
  candidate.open_leads = relais_partner_get_open_leads (partner);
  candidate.active = relais_partner_get_active (partner);
  candidate.out_of_office_until = relais_partner_get_out_of_office_until (partner);
  candidate.territory = relais_partner_get_countries (partner);
  relais_routing_add_candidate (self, &candidate);
}

void
relais_routing_add_queue (RelaisRouting *self,
                          gint64         id,
                          const char    *name)
{
  g_return_if_fail (self != NULL);

  g_hash_table_replace (self->queues, g_memdup2 (&id, sizeof id), g_strdup (name ? name : ""));
}

static const char *
queue_name (RelaisRouting *self,
            gint64         id)
{
  const char *name = g_hash_table_lookup (self->queues, &id);

  return name ? name : "";
}

void
relais_routing_add_rule (RelaisRouting     *self,
                         RelaisRoutingRule *rule)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL);

  compiled_rules_clear (self);
  g_ptr_array_add (self->rules, rule);
}

/* --- Compiling ----------------------------------------------------------------- */

static int
compare_rules (gconstpointer a,
               gconstpointer b)
{
  const RelaisRoutingRule *ra = *(RelaisRoutingRule * const *) a;
  const RelaisRoutingRule *rb = *(RelaisRoutingRule * const *) b;

  if (ra->position != rb->position)
    return ra->position < rb->position ? -1 : 1;
  if (ra->id != rb->id)
    return ra->id < rb->id ? -1 : 1;
  return 0;
}

static guint64
member_weight (const RelaisRoutingMemberRef *ref,
               const Candidate              *candidate)
{
  return ref->share > 0 ? ref->share : relais_partner_tier_weight (candidate->tier);
}

/* Resolves the members of @cr and fits the rule's rotation to them: members
 * that left the pool leave the rotation, and members new to it join at the
 * lowest count of the others (their lower quota when weighted), so that
 * nobody gets a burst of leads for joining. */
static void
compile_members (RelaisRouting *self,
                 CompiledRule  *cr)
{
  RelaisRoutingRule *rule = cr->rule;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *is_new = NULL;
  GHashTableIter iter;
  gpointer key;
  guint64 min_count = G_MAXUINT64, existing_count = 0;
  gboolean any_existing = FALSE;

  cr->members = g_new0 (Member, MAX (1, rule->members->len));
  is_new = g_new0 (gboolean, MAX (1, rule->members->len));
  cr->total_weight = 0;
  for (guint i = 0; i < rule->members->len; i++)
    {
      const RelaisRoutingMemberRef *ref = &g_array_index (rule->members, RelaisRoutingMemberRef, i);
      Candidate *candidate = lookup_candidate (self, ref->kind, ref->id);
      Member *member;

      if (candidate == NULL || g_hash_table_contains (keys, candidate->key))
        continue;
      g_hash_table_add (keys, candidate->key);

      member = &cr->members[cr->n_members++];
      member->candidate = candidate;
      member->weight = member_weight (ref, candidate);
      cr->total_weight += member->weight;
    }

  g_hash_table_iter_init (&iter, rule->rotation->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keys, key))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < cr->n_members; i++)
    {
      Member *member = &cr->members[i];

      member->entry = rotation_ensure (rule->rotation, member->candidate->key, &is_new[i]);
      if (!is_new[i])
        {
          any_existing = TRUE;
          min_count = MIN (min_count, member->entry->count);
          existing_count += member->entry->count;
        }
    }

  cr->total_count = existing_count;
  cr->use_ratio = cr->n_members > 0;
  for (guint i = 0; i < cr->n_members; i++)
    {
      Member *member = &cr->members[i];

      if (is_new[i] && any_existing)
        {
          if (rule->strategy == RELAIS_RULE_STRATEGY_WEIGHTED)
            member->entry->count = member->weight * existing_count / MAX (1, cr->total_weight);
          else
            member->entry->count = min_count;
          cr->total_count += member->entry->count;
        }
      if (member->candidate->capacity <= 0)
        cr->use_ratio = FALSE;
    }

  cr->eligible = g_new (guint, MAX (1, cr->n_members));
  cr->forfeit = g_new (guint, MAX (1, cr->n_members));
}

static void
compile (RelaisRouting *self)
{
  GHashTable *tables[] = { self->partners, self->reps };
  GHashTableIter iter;
  gpointer value;

  if (self->compiled)
    {
      /* A rule given a new rotation (relais_routing_rule_set_rotation_text())
       * since: its members must point into the new one. */
      gboolean stale = FALSE;

      for (guint i = 0; i < self->n_compiled && !stale; i++)
        stale = self->compiled_rules[i].rotation != self->compiled_rules[i].rule->rotation;
      if (!stale)
        return;
    }

  compiled_rules_clear (self);
  g_ptr_array_sort (self->rules, compare_rules);

  /* The dictionaries first, then the bit sets over them. */
  for (guint f = 0; f < RELAIS_RULE_N_FIELDS; f++)
    g_hash_table_remove_all (self->dicts[f]);
  g_hash_table_remove_all (self->countries);
  for (guint i = 0; i < self->rules->len; i++)
    {
      RelaisRoutingRule *rule = g_ptr_array_index (self->rules, i);

      for (guint j = 0; j < rule->criteria->len; j++)
        {
          RelaisRoutingCriterion *criterion = g_ptr_array_index (rule->criteria, j);

          if (criterion->op != RELAIS_RULE_OPERATOR_CONTAINS)
            for (guint k = 0; criterion->values[k] != NULL; k++)
              dict_intern (self->dicts[criterion->field], criterion->values[k]);
        }
    }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Candidate *candidate = value;

          for (guint k = 0; candidate->territory[k] != NULL; k++)
            if (candidate->territory[k][0] != '\0')
              dict_intern (self->countries, candidate->territory[k]);
        }
    }

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Candidate *candidate = value;

          g_free (candidate->territory_bits);
          candidate->territory_bits = bits_new (g_hash_table_size (self->countries));
          for (guint k = 0; candidate->territory[k] != NULL; k++)
            if (candidate->territory[k][0] != '\0')
              bits_set (candidate->territory_bits, dict_intern (self->countries, candidate->territory[k]));
          candidate->partner = candidate->kind == RELAIS_ROUTING_TARGET_REP
                               ? lookup_candidate (self, RELAIS_ROUTING_TARGET_PARTNER, candidate->partner_id)
                               : NULL;
        }
    }

  self->n_compiled = self->rules->len;
  self->compiled_rules = g_new0 (CompiledRule, MAX (1, self->n_compiled));
  for (guint i = 0; i < self->n_compiled; i++)
    {
      CompiledRule *cr = &self->compiled_rules[i];
      RelaisRoutingRule *rule = g_ptr_array_index (self->rules, i);

      cr->rule = rule;
      cr->rotation = rule->rotation;
      cr->n_criteria = rule->criteria->len;
      cr->criteria = g_new0 (Criterion, MAX (1, cr->n_criteria));
      for (guint j = 0; j < cr->n_criteria; j++)
        {
          RelaisRoutingCriterion *criterion = g_ptr_array_index (rule->criteria, j);
          Criterion *compiled = &cr->criteria[j];
          GHashTable *dict = self->dicts[criterion->field];
          guint n_values = g_strv_length (criterion->values);

          compiled->field = criterion->field;
          compiled->op = criterion->op;
          if (criterion->op == RELAIS_RULE_OPERATOR_CONTAINS)
            {
              compiled->folded = g_new0 (char *, n_values + 1);
              for (guint k = 0; k < n_values; k++)
                compiled->folded[k] = fold_dup (criterion->values[k]);
            }
          else
            {
              compiled->bits = bits_new (g_hash_table_size (dict));
              for (guint k = 0; k < n_values; k++)
                bits_set (compiled->bits, dict_intern (dict, criterion->values[k]));
            }
        }
      compile_members (self, cr);
    }

  self->compiled = TRUE;
}

void
relais_routing_invalidate (RelaisRouting *self)
{
  g_return_if_fail (self != NULL);

  compiled_rules_clear (self);
}

RelaisRoutingRule *
relais_routing_get_rule (RelaisRouting *self,
                         gint64         id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      RelaisRoutingRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->id == id)
        return rule;
    }
  return NULL;
}

GPtrArray *
relais_routing_get_rules (RelaisRouting *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  compile (self);
  return self->rules;
}

gint64
relais_routing_get_open_leads (RelaisRouting           *self,
                               RelaisRoutingTargetKind  kind,
                               gint64                   id)
{
  Candidate *candidate;

  g_return_val_if_fail (self != NULL, -1);

  candidate = lookup_candidate (self, kind, id);
  return candidate ? candidate->open_leads : -1;
}

/* --- A lead's facts ------------------------------------------------------------ */

typedef struct {
  const RelaisRoutingLead *lead;
  Folded                   folded[RELAIS_RULE_N_FIELDS];
  const char              *value[RELAIS_RULE_N_FIELDS];   /* folded; NULL until needed */
  int                      id[RELAIS_RULE_N_FIELDS];      /* in the field's dictionary; -2 until needed */
  int                      country_id;                    /* in self->countries; -2 until needed */
} LeadFacts;

static void
facts_init (LeadFacts               *facts,
            const RelaisRoutingLead *lead)
{
  facts->lead = lead;
  for (guint f = 0; f < RELAIS_RULE_N_FIELDS; f++)
    {
      facts->folded[f].heap = NULL;
      facts->value[f] = NULL;
      facts->id[f] = -2;
    }
  facts->country_id = -2;
}

static void
facts_clear (LeadFacts *facts)
{
  for (guint f = 0; f < RELAIS_RULE_N_FIELDS; f++)
    g_clear_pointer (&facts->folded[f].heap, g_free);
}

static const char *
lead_field (const RelaisRoutingLead *lead,
            RelaisRuleField          field)
{
  switch (field)
    {
    case RELAIS_RULE_FIELD_COUNTRY:    return lead->country;
    case RELAIS_RULE_FIELD_TECHNOLOGY: return lead->technology;
    case RELAIS_RULE_FIELD_CATEGORY:   return lead->category;
    case RELAIS_RULE_FIELD_KIND:       return lead->kind;
    case RELAIS_RULE_FIELD_LISTING:    return lead->listing;
    case RELAIS_RULE_FIELD_BUDGET:     return lead->budget;
    case RELAIS_RULE_FIELD_LANGUAGE:   return lead->language;
    case RELAIS_RULE_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
facts_value (LeadFacts       *facts,
             RelaisRuleField  field)
{
  if (facts->value[field] == NULL)
    facts->value[field] = fold (lead_field (facts->lead, field), &facts->folded[field]);
  return facts->value[field];
}

static int
facts_id (RelaisRouting   *self,
          LeadFacts       *facts,
          RelaisRuleField  field)
{
  if (facts->id[field] == -2)
    facts->id[field] = dict_lookup (self->dicts[field], facts_value (facts, field));
  return facts->id[field];
}

static int
facts_country_id (RelaisRouting *self,
                  LeadFacts     *facts)
{
  if (facts->country_id == -2)
    facts->country_id = dict_lookup (self->countries, facts_value (facts, RELAIS_RULE_FIELD_COUNTRY));
  return facts->country_id;
}

static gboolean
criterion_holds (RelaisRouting   *self,
                 const Criterion *criterion,
                 LeadFacts       *facts)
{
  switch (criterion->op)
    {
    case RELAIS_RULE_OPERATOR_IS_ONE_OF:
      return bits_test (criterion->bits, facts_id (self, facts, criterion->field));
    case RELAIS_RULE_OPERATOR_IS_NOT_ONE_OF:
      return !bits_test (criterion->bits, facts_id (self, facts, criterion->field));
    case RELAIS_RULE_OPERATOR_CONTAINS:
      {
        const char *value = facts_value (facts, criterion->field);

        for (guint k = 0; criterion->folded[k] != NULL; k++)
          if (strstr (value, criterion->folded[k]) != NULL)
            return TRUE;
        return FALSE;
      }
    case RELAIS_RULE_N_OPERATORS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
rule_matches (RelaisRouting      *self,
              const CompiledRule *cr,
              LeadFacts          *facts)
{
  for (guint j = 0; j < cr->n_criteria; j++)
    if (!criterion_holds (self, &cr->criteria[j], facts))
      return FALSE;
  return TRUE;
}

/* --- Picking a member ---------------------------------------------------------- */

/* Returns: the reason @candidate cannot take the lead, or -1 when it can. */
static int
check_member (RelaisRouting           *self,
              const RelaisRoutingRule *rule,
              const Candidate         *candidate,
              LeadFacts               *facts,
              gint64                   now)
{
  if (rule->skip_inactive && !candidate->active)
    return RELAIS_ROUTING_SKIP_INACTIVE;
  if (rule->skip_out_of_office && candidate->out_of_office_until > now)
    return RELAIS_ROUTING_SKIP_OUT_OF_OFFICE;
  if (rule->respect_capacity && candidate->capacity >= 0 && candidate->open_leads >= candidate->capacity)
    return RELAIS_ROUTING_SKIP_OVER_CAPACITY;
  if (rule->match_territory && !bits_test (candidate->territory_bits, facts_country_id (self, facts)))
    return RELAIS_ROUTING_SKIP_OUTSIDE_TERRITORY;
  return -1;
}

static void
note_skip (RelaisRoutingExplanation *explanation,
           const Candidate          *candidate,
           RelaisRoutingSkipReason   reason)
{
  RelaisRoutingSkip skip = { 0, };

  explanation->n_skipped++;
  if (explanation->skipped->len >= RELAIS_ROUTING_MAX_SKIPS_SHOWN)
    return;

  skip.reason = reason;
  skip.kind = candidate->kind;
  skip.id = candidate->id;
  skip.name = g_strdup (candidate->name);
  if (reason == RELAIS_ROUTING_SKIP_OUT_OF_OFFICE)
    skip.until = candidate->out_of_office_until;
  if (reason == RELAIS_ROUTING_SKIP_OVER_CAPACITY)
    {
      skip.open_leads = candidate->open_leads;
      skip.capacity = candidate->capacity;
    }
  g_array_append_val (explanation->skipped, skip);
}

/* Whether member @a was served longer ago than @b (never served counts as
 * longest ago); members never served keep the order of the rule. */
static inline gboolean
served_before (const Member *a,
               const Member *b)
{
  return a->entry->tick < b->entry->tick;
}

static Member *
pick_round_robin (CompiledRule *cr,
                  guint         n_eligible)
{
  Member *best = NULL;

  for (guint i = 0; i < n_eligible; i++)
    {
      Member *m = &cr->members[cr->eligible[i]];

      if (best == NULL ||
          m->entry->count < best->entry->count ||
          (m->entry->count == best->entry->count && served_before (m, best)))
        best = m;
    }
  return best;
}

/* Balinski and Young's quota method over the eligible members. */
static Member *
pick_weighted (CompiledRule *cr,
               guint         n_eligible,
               guint64       weight,
               guint64       count)
{
  Member *best = NULL;

  for (guint i = 0; i < n_eligible; i++)
    {
      Member *m = &cr->members[cr->eligible[i]];
      guint64 m_rank, best_rank;

      /* Under its upper quota: count < ⌈w × (h + 1) ÷ W⌉, i.e. count × W < w × (h + 1). */
      if (m->entry->count * weight >= m->weight * (count + 1))
        continue;
      if (best == NULL)
        {
          best = m;
          continue;
        }
      /* Highest w ÷ (count + 1), compared as w_m × (c_best + 1) against w_best × (c_m + 1). */
      m_rank = m->weight * (best->entry->count + 1);
      best_rank = best->weight * (m->entry->count + 1);
      if (m_rank > best_rank || (m_rank == best_rank && served_before (m, best)))
        best = m;
    }
  return best;
}

static Member *
pick_least_loaded (CompiledRule *cr,
                   guint         n_eligible)
{
  Member *best = NULL;

  for (guint i = 0; i < n_eligible; i++)
    {
      Member *m = &cr->members[cr->eligible[i]];
      gint64 m_load, best_load;

      if (best == NULL)
        {
          best = m;
          continue;
        }
      if (cr->use_ratio)
        {
          m_load = m->candidate->open_leads * best->candidate->capacity;
          best_load = best->candidate->open_leads * m->candidate->capacity;
        }
      else
        {
          m_load = m->candidate->open_leads;
          best_load = best->candidate->open_leads;
        }
      if (m_load < best_load || (m_load == best_load && served_before (m, best)))
        best = m;
    }
  return best;
}

static void
serve (CompiledRule *cr,
       Member       *member)
{
  RelaisRotation *rotation = cr->rule->rotation;

  member->entry->count++;
  cr->total_count++;
  member->entry->tick = ++rotation->tick;
  member->candidate->open_leads++;
  if (member->candidate->partner != NULL)
    member->candidate->partner->open_leads++;
}

/* Picks the member of @cr that gets the lead, updates the rotation and the
 * open leads, and notes the skipped members in @explanation. */
static Member *
pick_member (RelaisRouting            *self,
             CompiledRule             *cr,
             LeadFacts                *facts,
             gint64                    now,
             const Candidate          *exclude,
             RelaisRoutingExplanation *explanation)
{
  const RelaisRoutingRule *rule = cr->rule;
  guint n_eligible = 0, n_forfeit = 0;
  guint64 weight = 0, count = 0;
  Member *best = NULL;

  for (guint i = 0; i < cr->n_members; i++)
    {
      Member *m = &cr->members[i];
      int skip;

      if (m->candidate == exclude)
        continue;

      skip = check_member (self, rule, m->candidate, facts, now);
      if (skip >= 0)
        {
          if (explanation != NULL)
            note_skip (explanation, m->candidate, skip);
          /* A member outside the lead's territory keeps its turn: the lead
           * was never one it could have had. */
          if (skip != RELAIS_ROUTING_SKIP_OUTSIDE_TERRITORY)
            cr->forfeit[n_forfeit++] = i;
          continue;
        }

      cr->eligible[n_eligible++] = i;
      weight += m->weight;
      count += m->entry->count;
    }

  if (n_eligible == 0)
    return NULL;

  switch (rule->strategy)
    {
    case RELAIS_RULE_STRATEGY_WEIGHTED:
      best = pick_weighted (cr, n_eligible, weight, count);
      break;
    case RELAIS_RULE_STRATEGY_LEAST_LOADED:
      best = pick_least_loaded (cr, n_eligible);
      break;
    case RELAIS_RULE_STRATEGY_ROUND_ROBIN:
    case RELAIS_RULE_N_STRATEGIES:
    default:
      best = pick_round_robin (cr, n_eligible);
      break;
    }
  g_assert (best != NULL);

  /* Members who could not take the lead forfeit their turn rather than
   * come back to a burst of leads. */
  for (guint i = 0; i < n_forfeit; i++)
    {
      Member *m = &cr->members[cr->forfeit[i]];
      guint64 floor_count;

      switch (rule->strategy)
        {
        case RELAIS_RULE_STRATEGY_WEIGHTED:
          floor_count = m->weight * cr->total_count / MAX (1, cr->total_weight);
          break;
        case RELAIS_RULE_STRATEGY_ROUND_ROBIN:
          floor_count = best->entry->count;
          break;
        case RELAIS_RULE_STRATEGY_LEAST_LOADED:
        case RELAIS_RULE_N_STRATEGIES:
        default:
          floor_count = 0;
          break;
        }
      if (m->entry->count < floor_count)
        {
          cr->total_count += floor_count - m->entry->count;
          m->entry->count = floor_count;
        }
    }

  serve (cr, best);
  return best;
}

/* --- Deciding ------------------------------------------------------------------ */

static void
explain_rule (RelaisRoutingExplanation *explanation,
              const RelaisRoutingRule  *rule)
{
  explanation->rule_id = rule->id;
  g_free (explanation->rule_name);
  explanation->rule_name = g_strdup (rule->name);
  explanation->strategy = rule->strategy;
  for (guint j = 0; j < rule->criteria->len; j++)
    g_ptr_array_add (explanation->criteria, relais_routing_criterion_copy (g_ptr_array_index (rule->criteria, j)));
}

static void
set_queue (RelaisRouting            *self,
           RelaisRoutingDecision    *decision,
           RelaisRoutingExplanation *explanation,
           RelaisRoutingOutcome      outcome,
           gint64                    queue_id)
{
  decision->outcome = outcome;
  decision->target_kind = RELAIS_ROUTING_TARGET_QUEUE;
  decision->queue_id = queue_id;
  if (explanation != NULL)
    {
      explanation->target_kind = RELAIS_ROUTING_TARGET_QUEUE;
      explanation->target_id = queue_id;
      g_free (explanation->target_name);
      explanation->target_name = g_strdup (queue_name (self, queue_id));
    }
}

static void
set_candidate (RelaisRoutingDecision    *decision,
               RelaisRoutingExplanation *explanation,
               const Candidate          *candidate)
{
  decision->target_kind = candidate->kind;
  if (candidate->kind == RELAIS_ROUTING_TARGET_REP)
    {
      decision->rep_id = candidate->id;
      decision->partner_id = candidate->partner_id;
    }
  else
    decision->partner_id = candidate->id;
  if (explanation != NULL)
    {
      explanation->target_kind = candidate->kind;
      explanation->target_id = candidate->id;
      g_free (explanation->target_name);
      explanation->target_name = g_strdup (candidate->name);
    }
}

/* Applies the matched rule @cr to the lead. @exclude (the holder, when
 * rerouting) is not a candidate. */
static void
decide (RelaisRouting            *self,
        CompiledRule             *cr,
        LeadFacts                *facts,
        gint64                    now,
        const Candidate          *exclude,
        gboolean                  rerouting,
        RelaisRoutingExplanation *explanation,
        RelaisRoutingDecision    *decision)
{
  const RelaisRoutingRule *rule = cr->rule;
  RelaisRoutingReason reason;
  Member *member;

  decision->rule_id = rule->id;
  if (explanation != NULL)
    explain_rule (explanation, rule);

  if (cr->n_members == 0 && !rerouting &&
      rule->pool_kind == RELAIS_RULE_POOL_QUEUE && rule->pool_queue_id > 0)
    {
      /* A queue pool nobody works through a rotation: the lead waits in it. */
      set_queue (self, decision, explanation, RELAIS_ROUTING_OUTCOME_QUEUED, rule->pool_queue_id);
      decision->reason = RELAIS_ROUTING_REASON_NONE;
      goto done;
    }

  member = pick_member (self, cr, facts, now, exclude, explanation);
  if (member != NULL)
    {
      decision->outcome = RELAIS_ROUTING_OUTCOME_ASSIGNED;
      decision->reason = RELAIS_ROUTING_REASON_NONE;
      set_candidate (decision, explanation, member->candidate);
      goto done;
    }

  reason = cr->n_members == 0 ? RELAIS_ROUTING_REASON_EMPTY_POOL : RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER;
  decision->reason = reason;
  if (rule->fallback_queue_id > 0)
    set_queue (self, decision, explanation, RELAIS_ROUTING_OUTCOME_FALLBACK, rule->fallback_queue_id);
  else
    {
      decision->outcome = RELAIS_ROUTING_OUTCOME_UNASSIGNED;
      decision->target_kind = RELAIS_ROUTING_TARGET_NONE;
    }

done:
  if (explanation != NULL)
    {
      explanation->outcome = decision->outcome;
      explanation->reason = decision->reason;
    }
}

/**
 * relais_routing_route:
 *
 * Routes @lead. @decision is overwritten (not freed): clear it first if it
 * holds an explanation.
 */
void
relais_routing_route (RelaisRouting           *self,
                      const RelaisRoutingLead *lead,
                      gint64                   now,
                      RelaisRoutingFlags       flags,
                      RelaisRoutingDecision   *decision)
{
  RelaisRoutingExplanation *explanation = NULL;
  LeadFacts facts;
  gboolean matched = FALSE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (decision != NULL);

  compile (self);

  memset (decision, 0, sizeof *decision);
  decision->lead_id = lead->id;
  if (flags & RELAIS_ROUTING_EXPLAIN)
    explanation = relais_routing_explanation_new ();

  facts_init (&facts, lead);
  for (guint i = 0; i < self->n_compiled && !matched; i++)
    {
      CompiledRule *cr = &self->compiled_rules[i];

      if (cr->rule->enabled && rule_matches (self, cr, &facts))
        {
          decide (self, cr, &facts, now, NULL, FALSE, explanation, decision);
          matched = TRUE;
        }
    }
  facts_clear (&facts);

  if (!matched)
    {
      decision->outcome = RELAIS_ROUTING_OUTCOME_UNASSIGNED;
      decision->reason = RELAIS_ROUTING_REASON_NO_RULE_MATCHED;
      if (explanation != NULL)
        {
          explanation->outcome = decision->outcome;
          explanation->reason = decision->reason;
        }
    }

  decision->explanation = explanation;
}

/**
 * relais_routing_route_batch:
 *
 * Returns: (transfer full) (element-type RelaisRoutingDecision): the decisions.
 */
GArray *
relais_routing_route_batch (RelaisRouting           *self,
                            const RelaisRoutingLead *leads,
                            gsize                    n_leads,
                            gint64                   now,
                            RelaisRoutingFlags       flags)
{
  GArray *decisions;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (leads != NULL || n_leads == 0, NULL);
  g_return_val_if_fail (n_leads <= G_MAXUINT, NULL);

  decisions = g_array_sized_new (FALSE, TRUE, sizeof (RelaisRoutingDecision), (guint) n_leads);
  g_array_set_clear_func (decisions, (GDestroyNotify) relais_routing_decision_clear);
  g_array_set_size (decisions, (guint) n_leads);
  for (gsize i = 0; i < n_leads; i++)
    relais_routing_route (self, &leads[i], now, flags, &g_array_index (decisions, RelaisRoutingDecision, i));
  return decisions;
}

/* --- Rerouting ----------------------------------------------------------------- */

gboolean
relais_routing_reroute_is_due (const RelaisRoutingRule *rule,
                               const RelaisRoutingLead *lead,
                               gint64                   now)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);

  if (rule->reroute_after_s <= 0 || lead->accepted_at != 0 || lead->assigned_at == 0)
    return FALSE;
  if (lead->partner_id == 0 && lead->rep_id == 0)
    return FALSE;
  return now - lead->assigned_at >= rule->reroute_after_s * G_USEC_PER_SEC;
}

static void
release_lead (Candidate *holder)
{
  if (holder == NULL)
    return;
  holder->open_leads = MAX (0, holder->open_leads - 1);
  if (holder->partner != NULL)
    holder->partner->open_leads = MAX (0, holder->partner->open_leads - 1);
}

gboolean
relais_routing_reroute (RelaisRouting           *self,
                        const RelaisRoutingLead *lead,
                        gint64                   now,
                        RelaisRoutingFlags       flags,
                        RelaisRoutingDecision   *decision)
{
  RelaisRoutingExplanation *explanation = NULL;
  CompiledRule *cr = NULL;
  Candidate *holder;
  LeadFacts facts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  compile (self);
  memset (decision, 0, sizeof *decision);

  for (guint i = 0; i < self->n_compiled && cr == NULL; i++)
    if (self->compiled_rules[i].rule->id == lead->rule_id)
      cr = &self->compiled_rules[i];
  if (cr == NULL || !cr->rule->enabled || !relais_routing_reroute_is_due (cr->rule, lead, now))
    return FALSE;

  if (cr->rule->pool_kind == RELAIS_RULE_POOL_REPS && lead->rep_id != 0)
    holder = lookup_candidate (self, RELAIS_ROUTING_TARGET_REP, lead->rep_id);
  else
    holder = lookup_candidate (self, RELAIS_ROUTING_TARGET_PARTNER, lead->partner_id);

  decision->lead_id = lead->id;
  if (flags & RELAIS_ROUTING_EXPLAIN)
    {
      explanation = relais_routing_explanation_new ();
      explanation->reroute = TRUE;
      explanation->reroute_after_s = cr->rule->reroute_after_s;
      if (holder != NULL)
        {
          explanation->from_kind = holder->kind;
          explanation->from_id = holder->id;
          explanation->from_name = g_strdup (holder->name);
        }
      else
        {
          explanation->from_kind = lead->rep_id != 0 ? RELAIS_ROUTING_TARGET_REP : RELAIS_ROUTING_TARGET_PARTNER;
          explanation->from_id = lead->rep_id != 0 ? lead->rep_id : lead->partner_id;
          explanation->from_name = g_strdup ("");
        }
    }

  facts_init (&facts, lead);
  decide (self, cr, &facts, now, holder, TRUE, explanation, decision);
  facts_clear (&facts);

  if (decision->outcome == RELAIS_ROUTING_OUTCOME_UNASSIGNED)
    {
      /* Nobody else and nowhere to fall back to: better where it is than nowhere. */
      decision->outcome = RELAIS_ROUTING_OUTCOME_KEPT;
      decision->partner_id = lead->partner_id;
      decision->rep_id = lead->rep_id;
      decision->target_kind = lead->rep_id != 0 ? RELAIS_ROUTING_TARGET_REP : RELAIS_ROUTING_TARGET_PARTNER;
      if (explanation != NULL)
        explanation->outcome = RELAIS_ROUTING_OUTCOME_KEPT;
    }
  else
    release_lead (holder);

  decision->explanation = explanation;
  return TRUE;
}

/* --- Summary ------------------------------------------------------------------- */

static void
share_clear (RelaisRoutingShare *share)
{
  g_clear_pointer (&share->name, g_free);
}

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  const RelaisRoutingShare *sa = a;
  const RelaisRoutingShare *sb = b;
  int cmp;

  if (sa->n_leads != sb->n_leads)
    return sa->n_leads > sb->n_leads ? -1 : 1;
  if (sa->kind != sb->kind)
    return sa->kind < sb->kind ? -1 : 1;
  cmp = g_utf8_collate (sa->name, sb->name);
  if (cmp != 0)
    return cmp;
  return sa->id < sb->id ? -1 : sa->id > sb->id;
}

static void
count_share (RelaisRouting           *self,
             RelaisRoutingSummary    *summary,
             GHashTable              *index,
             RelaisRoutingTargetKind  kind,
             gint64                   id)
{
  gint64 key = id * RELAIS_ROUTING_N_TARGET_KINDS + kind;
  gpointer position;

  if (!g_hash_table_lookup_extended (index, &key, NULL, &position))
    {
      RelaisRoutingShare share = { kind, id, NULL, 0 };

      if (kind == RELAIS_ROUTING_TARGET_QUEUE)
        share.name = g_strdup (queue_name (self, id));
      else
        {
          Candidate *candidate = lookup_candidate (self, kind, id);

          share.name = g_strdup (candidate ? candidate->name : "");
        }
      g_array_append_val (summary->shares, share);
      position = GUINT_TO_POINTER (summary->shares->len - 1);
      g_hash_table_insert (index, g_memdup2 (&key, sizeof key), position);
    }
  g_array_index (summary->shares, RelaisRoutingShare, GPOINTER_TO_UINT (position)).n_leads++;
}

/**
 * relais_routing_summarize:
 *
 * Returns: (transfer full): the distribution; free with relais_routing_summary_free().
 */
RelaisRoutingSummary *
relais_routing_summarize (RelaisRouting               *self,
                          const RelaisRoutingDecision *decisions,
                          gsize                        n_decisions)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  RelaisRoutingSummary *summary;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (decisions != NULL || n_decisions == 0, NULL);

  summary = g_new0 (RelaisRoutingSummary, 1);
  summary->shares = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingShare));
  g_array_set_clear_func (summary->shares, (GDestroyNotify) share_clear);
  summary->unassigned = g_array_new (FALSE, TRUE, sizeof (RelaisRoutingUnassigned));

  for (gsize i = 0; i < n_decisions; i++)
    {
      const RelaisRoutingDecision *d = &decisions[i];

      summary->n_leads++;
      switch (d->outcome)
        {
        case RELAIS_ROUTING_OUTCOME_ASSIGNED:
        case RELAIS_ROUTING_OUTCOME_KEPT:
          summary->n_assigned++;
          if (d->rep_id != 0)
            count_share (self, summary, index, RELAIS_ROUTING_TARGET_REP, d->rep_id);
          else
            count_share (self, summary, index, RELAIS_ROUTING_TARGET_PARTNER, d->partner_id);
          break;
        case RELAIS_ROUTING_OUTCOME_QUEUED:
        case RELAIS_ROUTING_OUTCOME_FALLBACK:
          summary->n_queued++;
          count_share (self, summary, index, RELAIS_ROUTING_TARGET_QUEUE, d->queue_id);
          break;
        case RELAIS_ROUTING_OUTCOME_UNASSIGNED:
        case RELAIS_ROUTING_N_OUTCOMES:
        default:
          {
            RelaisRoutingUnassigned item = { d->lead_id, d->reason, d->rule_id };

            summary->n_unassigned++;
            g_array_append_val (summary->unassigned, item);
            if (d->reason < RELAIS_ROUTING_N_REASONS)
              summary->n_by_reason[d->reason]++;
          }
          break;
        }
    }

  g_array_sort (summary->shares, compare_shares);
  return summary;
}

void
relais_routing_summary_free (RelaisRoutingSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->shares, g_array_unref);
  g_clear_pointer (&summary->unassigned, g_array_unref);
  g_free (summary);
}
