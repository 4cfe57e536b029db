/* relais-move-leads-dialog.h — asks where the open leads of a partner being
 * deactivated, or of a queue being deleted, should go: a queue, another
 * partner, nobody, or (for a partner) nowhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-db.h"
#include "relais-lead-assign.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_MOVE_LEADS_DIALOG (relais_move_leads_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisMoveLeadsDialog, relais_move_leads_dialog, RELAIS, MOVE_LEADS_DIALOG, AdwMessageDialog)

typedef enum {
  RELAIS_MOVE_LEADS_TO_QUEUE   = 1 << 0,
  RELAIS_MOVE_LEADS_TO_PARTNER = 1 << 1,
  RELAIS_MOVE_LEADS_UNASSIGN   = 1 << 2,
  RELAIS_MOVE_LEADS_KEEP       = 1 << 3,
} RelaisMoveLeadsChoices;

/* The dialog's responses: "cancel" and "apply", labelled @apply_label.
 * Queues other than @except_queue_id and active partners other than
 * @except_partner_id are offered; @keep_label names the KEEP choice ("Keep
 * Them with “Acme”"). */
RelaisMoveLeadsDialog *relais_move_leads_dialog_new        (GtkWindow              *parent,
                                                            RelaisDb               *db,
                                                            RelaisMoveLeadsChoices  choices,
                                                            gint64                  except_partner_id,
                                                            gint64                  except_queue_id,
                                                            const char             *keep_label,
                                                            const char             *apply_label);

/* The chosen target; FALSE for KEEP (the leads stay where they are). */
gboolean               relais_move_leads_dialog_get_target (RelaisMoveLeadsDialog  *self,
                                                            RelaisAssignTarget     *target);

G_END_DECLS
