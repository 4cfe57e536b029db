/* relais-reject-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-reject-dialog.h"

#include <glib/gi18n.h>

struct _RelaisRejectDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *reject_reason_row;
  AdwComboRow      *reject_rating_row;
  AdwEntryRow      *reject_comment_row;
};

G_DEFINE_FINAL_TYPE (RelaisRejectDialog, relais_reject_dialog, ADW_TYPE_MESSAGE_DIALOG)

const char *
relais_quality_rating_label (int rating)
{
  switch (rating)
    {
    /* Translators: a lead's quality rating, from 1 (worst) to 5 (best) */
    case 1: return _("1 – Poor");
    /* Translators: a lead's quality rating, from 1 (worst) to 5 (best) */
    case 2: return _("2 – Fair");
    /* Translators: a lead's quality rating, from 1 (worst) to 5 (best) */
    case 3: return _("3 – Good");
    /* Translators: a lead's quality rating, from 1 (worst) to 5 (best) */
    case 4: return _("4 – Very good");
    /* Translators: a lead's quality rating, from 1 (worst) to 5 (best) */
    case 5: return _("5 – Excellent");
    /* Translators: a lead's quality rating when there is none */
    default: return _("Not rated");
    }
}

static void
update_response (RelaisRejectDialog *self)
{
  g_autofree char *comment = relais_reject_dialog_dup_comment (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "reject",
                                           relais_reject_dialog_get_reason (self) != RELAIS_REJECTION_NONE &&
                                           relais_reject_dialog_get_rating (self) > 0 &&
                                           comment[0] != '\0');
}

static void
relais_reject_dialog_class_init (RelaisRejectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-reject-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisRejectDialog, reject_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRejectDialog, reject_rating_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRejectDialog, reject_comment_row);
  gtk_widget_class_bind_template_callback (widget_class, update_response);
}

static void
relais_reject_dialog_init (RelaisRejectDialog *self)
{
  g_autoptr(GtkStringList) reasons = NULL;
  g_autoptr(GtkStringList) ratings = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The first item of each list is "none yet": nothing is chosen for the user. */
  /* Translators: the first item of the list of rejection reasons, before one is chosen */
  reasons = gtk_string_list_new ((const char *[]) { _("Choose a reason"), NULL });
  for (int r = RELAIS_REJECTION_NONE + 1; r < RELAIS_N_REJECTION_REASONS; r++)
    gtk_string_list_append (reasons, relais_enum_label (&relais_rejection_reason_info, r));
  adw_combo_row_set_model (self->reject_reason_row, G_LIST_MODEL (reasons));

  /* Translators: the first item of the list of quality ratings, before one is chosen */
  ratings = gtk_string_list_new ((const char *[]) { _("Choose a rating"), NULL });
  for (int r = 1; r <= 5; r++)
    gtk_string_list_append (ratings, relais_quality_rating_label (r));
  adw_combo_row_set_model (self->reject_rating_row, G_LIST_MODEL (ratings));

  update_response (self);
}

/**
 * relais_reject_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @lead_name: the lead's name or company, for the text
 *
 * Returns: (transfer none): a new dialog, to present; it destroys itself when
 *   answered.
 */
RelaisRejectDialog *
relais_reject_dialog_new (GtkWindow  *parent,
                          const char *lead_name)
{
  RelaisRejectDialog *self = g_object_new (RELAIS_TYPE_REJECT_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  /* Translators: %s is a lead's name or company */
                                  _("Choose why “%s” is rejected, rate the lead’s quality and add a comment."),
                                  lead_name);
  return self;
}

RelaisRejectionReason
relais_reject_dialog_get_reason (RelaisRejectDialog *self)
{
  guint selected;

  g_return_val_if_fail (RELAIS_IS_REJECT_DIALOG (self), RELAIS_REJECTION_NONE);

  /* Item i of the list is reason i: item 0 is "Choose a reason", reason 0 none. */
  selected = adw_combo_row_get_selected (self->reject_reason_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= RELAIS_N_REJECTION_REASONS)
    return RELAIS_REJECTION_NONE;
  return (RelaisRejectionReason) selected;
}

int
relais_reject_dialog_get_rating (RelaisRejectDialog *self)
{
  guint selected;

  g_return_val_if_fail (RELAIS_IS_REJECT_DIALOG (self), 0);

  selected = adw_combo_row_get_selected (self->reject_rating_row);
  return selected == GTK_INVALID_LIST_POSITION || selected > 5 ? 0 : (int) selected;
}

char *
relais_reject_dialog_dup_comment (RelaisRejectDialog *self)
{
  g_return_val_if_fail (RELAIS_IS_REJECT_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reject_comment_row))));
}
