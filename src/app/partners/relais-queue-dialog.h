/* relais-queue-dialog.h — the queues of leads: create, rename, delete (asking
 * where the leads waiting in it go) and choose their member partners.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_QUEUE_DIALOG (relais_queue_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisQueueDialog, relais_queue_dialog, RELAIS, QUEUE_DIALOG, AdwWindow)

/* Signals:
 *   "changed": queues were created, renamed, deleted or got other members.
 *   "leads-changed": leads waiting in a deleted queue were moved.
 */

/* @partners: the RelaisPartner objects that may be members (the Partners
 * section's list), by name.
 * Returns: (transfer none): the dialog, to present. */
RelaisQueueDialog *relais_queue_dialog_new (GtkWindow  *parent,
                                            RelaisDb   *db,
                                            GListModel *partners);

G_END_DECLS
