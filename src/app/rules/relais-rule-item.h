/* relais-rule-item.h — one assignment rule as a row of the rule list: the
 * rule itself and the sentences that sum it up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-routing.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_RULE_ITEM (relais_rule_item_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRuleItem, relais_rule_item, RELAIS, RULE_ITEM, GObject)

/* Takes @rule (transfer full). @partner_names and @queue_names map ids
 * (gint64 *) to names; the item reads them once, now. */
RelaisRuleItem          *relais_rule_item_new           (RelaisRoutingRule *rule,
                                                         GHashTable        *partner_names,
                                                         GHashTable        *queue_names);
/* Returns: (transfer none): the rule; the item owns it. */
const RelaisRoutingRule *relais_rule_item_get_rule      (RelaisRuleItem    *self);
gint64                   relais_rule_item_get_id        (RelaisRuleItem    *self);
/* "Country is one of FR, BE; Kind is one of App", or "Every lead". */
const char              *relais_rule_item_get_criteria  (RelaisRuleItem    *self);
/* "Round-robin among 3 partners", "Least loaded among the reps of Acme". */
const char              *relais_rule_item_get_pool      (RelaisRuleItem    *self);

G_END_DECLS
