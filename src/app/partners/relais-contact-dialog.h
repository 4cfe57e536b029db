/* relais-contact-dialog.h — adds a contact to a partner or edits one: name,
 * e-mail, phone, role and partner user. What the rules refuse is said under
 * the fields and the dialog stays open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_CONTACT_DIALOG (relais_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisContactDialog, relais_contact_dialog, RELAIS, CONTACT_DIALOG, AdwWindow)

/* Signals:
 *   "saved" (gint64 contact_id, gboolean created): the contact is in the
 *       store; the dialog closes itself after it.
 */

/* A dialog for contact @contact_id of @db, or for a new contact of partner
 * @partner_id when @contact_id is 0. Returns: (transfer none): the dialog, to
 * present; %NULL with @error set when the contact cannot be read. */
RelaisContactDialog *relais_contact_dialog_new (GtkWindow   *parent,
                                                RelaisDb    *db,
                                                gint64       partner_id,
                                                gint64       contact_id,
                                                GError     **error);

G_END_DECLS
