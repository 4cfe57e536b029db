/* relais-contact-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-contact-dialog.h"

#include <glib/gi18n.h>

#include "relais-partner-changes.h"
#include "relais-partner-rules.h"

struct _RelaisContactDialog
{
  AdwWindow       parent_instance;

  RelaisDb       *db;
  RelaisContact  *contact;     /* as read from the store; id 0 for a new one */
  GtkWidget      *error_row;   /* the row the last refusal was about, or NULL */

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *first_name_row;
  AdwEntryRow    *last_name_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  AdwComboRow    *role_row;
  GtkSwitch      *partner_user_switch;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (RelaisContactDialog, relais_contact_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The contact as the rows show it now. */
static RelaisContact *
dup_edited (RelaisContactDialog *self)
{
  RelaisContact *edited = relais_contact_new ();
  guint role = adw_combo_row_get_selected (self->role_row);

  relais_contact_set_id (edited, relais_contact_get_id (self->contact));
  relais_contact_set_uuid (edited, relais_contact_get_uuid (self->contact));
  relais_contact_set_partner_id (edited, relais_contact_get_partner_id (self->contact));
  relais_contact_set_revision (edited, relais_contact_get_revision (self->contact));
  relais_contact_set_first_name (edited, gtk_editable_get_text (GTK_EDITABLE (self->first_name_row)));
  relais_contact_set_last_name (edited, gtk_editable_get_text (GTK_EDITABLE (self->last_name_row)));
  relais_contact_set_email (edited, gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  relais_contact_set_phone (edited, gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  /* Item i of the list is role i. */
  if (role < RELAIS_CONTACT_N_ROLES)
    relais_contact_set_role (edited, role);
  relais_contact_set_partner_user (edited, gtk_switch_get_active (self->partner_user_switch));
  return edited;
}

static GtkWidget *
row_of_field (RelaisContactDialog *self,
              int                  code)
{
  switch (code)
    {
    case RELAIS_PARTNER_RULES_ERROR_FIRST_NAME:
      return GTK_WIDGET (self->first_name_row);
    case RELAIS_PARTNER_RULES_ERROR_LAST_NAME:
      return GTK_WIDGET (self->last_name_row);
    case RELAIS_PARTNER_RULES_ERROR_EMAIL:
      return GTK_WIDGET (self->email_row);
    case RELAIS_PARTNER_RULES_ERROR_PHONE:
      return GTK_WIDGET (self->phone_row);
    default:
      return NULL;
    }
}

static void
clear_error (RelaisContactDialog *self)
{
  if (self->error_row != NULL)
    {
      gtk_widget_remove_css_class (self->error_row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_STATE_INVALID);
      self->error_row = NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Says why under the fields, marks the field at fault and puts the focus in it. */
static void
show_error (RelaisContactDialog *self,
            const GError        *error)
{
  GtkWidget *row = NULL;

  clear_error (self);
  if (error->domain == RELAIS_PARTNER_RULES_ERROR)
    row = row_of_field (self, error->code);

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  if (row != NULL)
    {
      self->error_row = row;
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_widget_grab_focus (row);
    }
}

static void
update_actions (RelaisContactDialog *self)
{
  g_autofree char *last = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->last_name_row))));

  /* The last name is the one field always needed: without it, nothing to try. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.save", last[0] != '\0');
}

static void
field_changed_cb (RelaisContactDialog *self)
{
  /* A field said to be wrong is told again only when it is right. */
  if (self->error_row != NULL)
    {
      g_autoptr(RelaisContact) edited = dup_edited (self);
      g_autoptr(GError) error = NULL;

      if (relais_contact_rules_normalize (edited, &error) ||
          error->domain != RELAIS_PARTNER_RULES_ERROR ||
          row_of_field (self, error->code) != self->error_row)
        clear_error (self);
    }

  update_actions (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisContactDialog *self = RELAIS_CONTACT_DIALOG (widget);
  g_autoptr(RelaisContact) edited = dup_edited (self);
  g_autoptr(GError) error = NULL;
  gboolean created = relais_contact_get_id (self->contact) == 0;
  gboolean ok;

  if (created)
    ok = relais_contact_changes_create (self->db, edited, &error);
  else
    ok = relais_contact_changes_update (self->db, edited, &error);

  if (!ok)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, relais_contact_get_id (edited), created);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
relais_contact_dialog_dispose (GObject *object)
{
  RelaisContactDialog *self = (RelaisContactDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_CONTACT_DIALOG);
  g_clear_object (&self->contact);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_contact_dialog_parent_class)->dispose (object);
}

static void
relais_contact_dialog_class_init (RelaisContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_contact_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, window_title);
  gtk_widget_class_bind_template_child_full (widget_class, "contact_save_button", FALSE,
                                             G_STRUCT_OFFSET (RelaisContactDialog, save_button));
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, partner_user_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
relais_contact_dialog_init (RelaisContactDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A phone number reads left to right in every language (see the lead
   * detail). */
  gtk_widget_set_direction (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->phone_row))), GTK_TEXT_DIR_LTR);

  /* Item i of the list is role i (see dup_edited()). */
  for (int i = 0; i < RELAIS_CONTACT_N_ROLES; i++)
    gtk_string_list_append (roles, relais_enum_label (&relais_contact_role_info, i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

RelaisContactDialog *
relais_contact_dialog_new (GtkWindow  *parent,
                           RelaisDb   *db,
                           gint64      partner_id,
                           gint64      contact_id,
                           GError    **error)
{
  g_autoptr(RelaisContact) contact = NULL;
  RelaisContactDialog *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  if (contact_id != 0)
    {
      contact = relais_contact_changes_load (db, contact_id, error);
      if (contact == NULL)
        return NULL;
    }
  else
    {
      contact = relais_contact_new ();
      relais_contact_set_partner_id (contact, partner_id);
    }

  self = g_object_new (RELAIS_TYPE_CONTACT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  self->contact = g_steal_pointer (&contact);

  gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), relais_contact_get_first_name (self->contact));
  gtk_editable_set_text (GTK_EDITABLE (self->last_name_row), relais_contact_get_last_name (self->contact));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), relais_contact_get_email (self->contact));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), relais_contact_get_phone (self->contact));
  adw_combo_row_set_selected (self->role_row, relais_contact_get_role (self->contact));
  gtk_switch_set_active (self->partner_user_switch, relais_contact_get_partner_user (self->contact));

  if (contact_id != 0)
    {
      /* Translators: title of the dialog that edits a partner's contact */
      adw_window_title_set_title (self->window_title, _("Edit Contact"));
      /* Translators: button of the contact dialog */
      gtk_button_set_label (self->save_button, _("_Save"));
    }
  else
    {
      /* Translators: title of the dialog that adds a contact to a partner */
      adw_window_title_set_title (self->window_title, _("New Contact"));
      /* Translators: button of the contact dialog */
      gtk_button_set_label (self->save_button, _("_Add"));
    }

  /* Whose contact it is, under the title. */
  {
    g_autoptr(RelaisPartner) partner = relais_partner_changes_load (db, relais_contact_get_partner_id (self->contact), NULL);

    if (partner != NULL)
      adw_window_title_set_subtitle (self->window_title, relais_partner_get_name (partner));
  }

  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
  return self;
}
