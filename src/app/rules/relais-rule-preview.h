/* relais-rule-preview.h — the pane beside the rules: "Preview" runs the
 * enabled rules over the unassigned leads in a worker thread, without
 * writing, and shows the distribution per partner, rep or queue as a bar
 * chart, and the leads that would stay unassigned with the reason; "Apply"
 * writes exactly that result in one transaction, with an Undo toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_RULE_PREVIEW (relais_rule_preview_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRulePreview, relais_rule_preview, RELAIS, RULE_PREVIEW, GtkWidget)

/* Signals:
 *   "leads-changed": Apply assigned leads, or its Undo gave them back. */

void relais_rule_preview_set_db              (RelaisRulePreview *self,
                                              RelaisDb          *db);
/* The rules changed: a preview shown no longer says what Apply would do. */
void relais_rule_preview_rules_changed       (RelaisRulePreview *self);
/* Previews the rules over @ids, leads selected in the list (those that may
 * still move, assigned or not), rather than over the unassigned leads. */
void relais_rule_preview_run_for_leads       (RelaisRulePreview *self,
                                              GArray            *ids);
/* How many rules are enabled: with none, there is nothing to preview. */
void relais_rule_preview_set_n_enabled_rules (RelaisRulePreview *self,
                                              guint              n_enabled);

G_END_DECLS
