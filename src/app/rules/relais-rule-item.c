/* relais-rule-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-rule-item.h"

#include <glib/gi18n.h>

#include "relais-util.h"

struct _RelaisRuleItem
{
  GObject            parent_instance;

  RelaisRoutingRule *rule;
  char              *criteria;
  char              *pool;
};

G_DEFINE_FINAL_TYPE (RelaisRuleItem, relais_rule_item, G_TYPE_OBJECT)

/* "country is one of FR" → "Country is one of FR". */
static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buf[8] = { 0 };

  if (first == 0)
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

static char *
criteria_text (const RelaisRoutingRule *rule)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (rule->criteria->len == 0)
    /* Translators: the summary of a rule without criteria */
    return g_strdup (_("Every lead"));

  for (guint i = 0; i < rule->criteria->len; i++)
    {
      g_autofree char *criterion = relais_routing_criterion_describe (g_ptr_array_index (rule->criteria, i));

      if (i > 0)
        /* Translators: separates the criteria of a rule in its summary: "country is one of FR; kind is one of App" */
        g_string_append (text, _("; "));
      g_string_append (text, criterion);
    }
  return capitalize (text->str);
}

static char *
pool_text (const RelaisRoutingRule *rule,
           GHashTable              *partner_names,
           GHashTable              *queue_names)
{
  const char *strategy = relais_enum_label (&relais_rule_strategy_info, rule->strategy);
  g_autofree char *pool = NULL;

  switch (rule->pool_kind)
    {
    case RELAIS_RULE_POOL_REPS:
      {
        const char *partner = partner_names ? g_hash_table_lookup (partner_names, &rule->pool_partner_id) : NULL;

        /* Translators: the pool of a rule: %s is a partner company */
        pool = g_strdup_printf (_("the reps of %s"), partner ? partner : "?");
        break;
      }
    case RELAIS_RULE_POOL_QUEUE:
      {
        const char *queue = queue_names ? g_hash_table_lookup (queue_names, &rule->pool_queue_id) : NULL;

        /* Translators: the pool of a rule: %s is the name of a queue of leads */
        pool = g_strdup_printf (_("the partners of queue “%s”"), queue ? queue : "?");
        break;
      }
    case RELAIS_RULE_POOL_PARTNERS:
    case RELAIS_RULE_N_POOL_KINDS:
    default:
      {
        g_autofree char *count = relais_format_count (rule->members->len);

        if (rule->members->len == 0)
          /* Translators: the pool of a rule that names no partner yet */
          pool = g_strdup (_("no partners yet"));
        else
          /* Translators: the pool of a rule: %s is a formatted count */
          pool = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s partner", "%s partners", rule->members->len),
                                  count);
        break;
      }
    }

  /* Translators: how a rule assigns: %1$s is its strategy ("Round-robin"), %2$s its pool ("3 partners") */
  return g_strdup_printf (_("%1$s · %2$s"), strategy, pool);
}

static void
relais_rule_item_finalize (GObject *object)
{
  RelaisRuleItem *self = RELAIS_RULE_ITEM (object);

  g_clear_pointer (&self->rule, relais_routing_rule_free);
  g_free (self->criteria);
  g_free (self->pool);

  G_OBJECT_CLASS (relais_rule_item_parent_class)->finalize (object);
}

static void
relais_rule_item_class_init (RelaisRuleItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_rule_item_finalize;
}

static void
relais_rule_item_init (RelaisRuleItem *self)
{
}

RelaisRuleItem *
relais_rule_item_new (RelaisRoutingRule *rule,
                      GHashTable        *partner_names,
                      GHashTable        *queue_names)
{
  RelaisRuleItem *self;

  g_return_val_if_fail (rule != NULL, NULL);

  self = g_object_new (RELAIS_TYPE_RULE_ITEM, NULL);
  self->rule = rule;
  self->criteria = criteria_text (rule);
  self->pool = pool_text (rule, partner_names, queue_names);
  return self;
}

const RelaisRoutingRule *
relais_rule_item_get_rule (RelaisRuleItem *self)
{
  g_return_val_if_fail (RELAIS_IS_RULE_ITEM (self), NULL);
  return self->rule;
}

gint64
relais_rule_item_get_id (RelaisRuleItem *self)
{
  g_return_val_if_fail (RELAIS_IS_RULE_ITEM (self), 0);
  return self->rule->id;
}

const char *
relais_rule_item_get_criteria (RelaisRuleItem *self)
{
  g_return_val_if_fail (RELAIS_IS_RULE_ITEM (self), NULL);
  return self->criteria;
}

const char *
relais_rule_item_get_pool (RelaisRuleItem *self)
{
  g_return_val_if_fail (RELAIS_IS_RULE_ITEM (self), NULL);
  return self->pool;
}
