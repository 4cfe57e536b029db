/* relais-rule-editor.h — the window that creates or edits one assignment
 * rule: its name, its criteria, its pool (partners, the reps of one partner,
 * or a queue) with members and shares, its strategy and its options. Nothing
 * is written until Save; a rule the engine would refuse
 * (relais_routing_rule_validate()) or the store rejects is not saved, and the
 * message says which field to fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-db.h"
#include "relais-routing.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_RULE_EDITOR (relais_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRuleEditor, relais_rule_editor, RELAIS, RULE_EDITOR, AdwWindow)

/* Signals:
 *   "saved" (gint64 rule_id): the rule was written; the window then closes. */

/* A window editing a copy of @rule, or a new rule when @rule is %NULL. */
RelaisRuleEditor *relais_rule_editor_new (GtkWindow               *parent,
                                          RelaisDb                *db,
                                          const RelaisRoutingRule *rule);

/* Returns: (transfer full): the rule as the form shows it now. */
RelaisRoutingRule *relais_rule_editor_dup_rule (RelaisRuleEditor *self);

/* Returns: (transfer full): @rule's values of @criterion as the editor shows
 * them: categories and kinds by their label, separated by ", ". Shared with
 * the rule list's summaries. */
char *relais_rule_criterion_dup_display_values (const RelaisRoutingCriterion *criterion);

G_END_DECLS
