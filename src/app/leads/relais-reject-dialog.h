/* relais-reject-dialog.h — the rejection form: a lead is rejected only with a
 * reason from the list, a quality rating from 1 to 5 and a comment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-enums.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_REJECT_DIALOG (relais_reject_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRejectDialog, relais_reject_dialog, RELAIS, REJECT_DIALOG, AdwMessageDialog)

/* The dialog's responses: "cancel" and "reject" (enabled once the reason,
 * rating and comment are all given). */
RelaisRejectDialog    *relais_reject_dialog_new         (GtkWindow          *parent,
                                                         const char         *lead_name);
RelaisRejectionReason  relais_reject_dialog_get_reason  (RelaisRejectDialog *self);
int                    relais_reject_dialog_get_rating  (RelaisRejectDialog *self);
/* Returns: (transfer full): the comment, without surrounding spaces. */
char                  *relais_reject_dialog_dup_comment (RelaisRejectDialog *self);

/* The label of a quality rating from 1 to 5 ("4 – Very good"); 0 gives
 * "Not rated". Shared with the detail pane's rating. */
const char            *relais_quality_rating_label      (int                 rating);

G_END_DECLS
