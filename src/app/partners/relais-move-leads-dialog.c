/* relais-move-leads-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-move-leads-dialog.h"

#include <glib/gi18n.h>

#include "relais-partner-store.h"
#include "relais-text.h"

struct _RelaisMoveLeadsDialog
{
  AdwMessageDialog  parent_instance;

  GArray           *queue_ids;    /* gint64, item i of queue_dropdown */
  GArray           *partner_ids;  /* gint64, item i of partner_dropdown */

  AdwActionRow     *queue_row;
  AdwActionRow     *partner_row;
  AdwActionRow     *unassign_row;
  AdwActionRow     *keep_row;
  GtkCheckButton   *queue_check;
  GtkCheckButton   *partner_check;
  GtkCheckButton   *unassign_check;
  GtkCheckButton   *keep_check;
  GtkDropDown      *queue_dropdown;
  GtkDropDown      *partner_dropdown;
};

G_DEFINE_FINAL_TYPE (RelaisMoveLeadsDialog, relais_move_leads_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_response (RelaisMoveLeadsDialog *self)
{
  gboolean ok;

  if (gtk_check_button_get_active (self->queue_check))
    ok = gtk_drop_down_get_selected (self->queue_dropdown) < self->queue_ids->len;
  else if (gtk_check_button_get_active (self->partner_check))
    ok = gtk_drop_down_get_selected (self->partner_dropdown) < self->partner_ids->len;
  else
    ok = gtk_check_button_get_active (self->unassign_check) || gtk_check_button_get_active (self->keep_check);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", ok);
}

static void
choice_toggled_cb (RelaisMoveLeadsDialog *self)
{
  update_response (self);
}

/* Choosing in a list chooses its option too. */
static void
queue_chosen_cb (RelaisMoveLeadsDialog *self)
{
  if (self->queue_ids != NULL && self->queue_ids->len > 0)
    gtk_check_button_set_active (self->queue_check, TRUE);
  update_response (self);
}

static void
partner_chosen_cb (RelaisMoveLeadsDialog *self)
{
  if (self->partner_ids != NULL && self->partner_ids->len > 0)
    gtk_check_button_set_active (self->partner_check, TRUE);
  update_response (self);
}

/* The button of a list shows a long name shortened; its popup, in full. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  shorten)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (shorten != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
    }
  relais_label_add_text_tooltip (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory_new (gboolean shorten)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), shorten ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

static void
setup_dropdown (GtkDropDown *dropdown,
                GStrv        names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) names);
  g_autoptr(GtkListItemFactory) button_factory = label_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory_new (FALSE);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  /* The search of the popup compares what is typed with this. */
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_factory (dropdown, button_factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
}

static void
relais_move_leads_dialog_finalize (GObject *object)
{
  RelaisMoveLeadsDialog *self = (RelaisMoveLeadsDialog *) object;

  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->partner_ids, g_array_unref);

  G_OBJECT_CLASS (relais_move_leads_dialog_parent_class)->finalize (object);
}

static void
relais_move_leads_dialog_class_init (RelaisMoveLeadsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = relais_move_leads_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-move-leads-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, queue_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, partner_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, unassign_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, keep_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, queue_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, partner_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, unassign_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, keep_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisMoveLeadsDialog, partner_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, partner_chosen_cb);
}

static void
relais_move_leads_dialog_init (RelaisMoveLeadsDialog *self)
{
  self->queue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Fills the lists; a choice with nothing to choose from is shown disabled. */
static void
load_targets (RelaisMoveLeadsDialog *self,
              RelaisDb              *db,
              gint64                 except_partner_id,
              gint64                 except_queue_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) queue_names = NULL;
  g_autoptr(GArray) queue_ids = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) partner_names = NULL;
  g_autoptr(GListStore) partners = NULL;

  if (relais_queue_store_list (db, &queue_names, &queue_ids, &error))
    {
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) kept_names = NULL;

      for (guint i = 0; i < queue_ids->len; i++)
        {
          gint64 id = g_array_index (queue_ids, gint64, i);

          if (id == except_queue_id)
            continue;
          g_strv_builder_add (kept, queue_names[i]);
          g_array_append_val (self->queue_ids, id);
        }
      kept_names = g_strv_builder_end (kept);
      setup_dropdown (self->queue_dropdown, kept_names);
    }
  else
    {
      g_warning ("Listing the queues: %s", error->message);
      g_clear_error (&error);
    }

  /* Only partners that take leads. */
  partners = relais_partner_store_list (db, &error);
  if (partners == NULL)
    {
      g_warning ("Listing the partners: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; partners != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (partners)); i++)
    {
      g_autoptr(RelaisPartner) partner = g_list_model_get_item (G_LIST_MODEL (partners), i);
      gint64 id = relais_partner_get_id (partner);

      if (id == except_partner_id || !relais_partner_get_active (partner))
        continue;
      g_strv_builder_add (names, relais_partner_get_name (partner));
      g_array_append_val (self->partner_ids, id);
    }
  partner_names = g_strv_builder_end (names);
  setup_dropdown (self->partner_dropdown, partner_names);

  if (self->queue_ids->len == 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->queue_row), FALSE);
      /* Translators: subtitle of "Move to a Queue" when there is none to move to */
      adw_action_row_set_subtitle (self->queue_row, _("There is no other queue."));
      gtk_widget_set_visible (GTK_WIDGET (self->queue_dropdown), FALSE);
    }
  if (self->partner_ids->len == 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->partner_row), FALSE);
      /* Translators: subtitle of "Move to a Partner" when there is none to move to */
      adw_action_row_set_subtitle (self->partner_row, _("There is no other active partner."));
      gtk_widget_set_visible (GTK_WIDGET (self->partner_dropdown), FALSE);
    }
}

/**
 * relais_move_leads_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new dialog, to give a heading and body and to
 *   present; it destroys itself when answered.
 */
RelaisMoveLeadsDialog *
relais_move_leads_dialog_new (GtkWindow              *parent,
                              RelaisDb               *db,
                              RelaisMoveLeadsChoices  choices,
                              gint64                  except_partner_id,
                              gint64                  except_queue_id,
                              const char             *keep_label,
                              const char             *apply_label)
{
  RelaisMoveLeadsDialog *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (apply_label != NULL, NULL);

  self = g_object_new (RELAIS_TYPE_MOVE_LEADS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  load_targets (self, db, except_partner_id, except_queue_id);

  gtk_widget_set_visible (GTK_WIDGET (self->queue_row), (choices & RELAIS_MOVE_LEADS_TO_QUEUE) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->partner_row), (choices & RELAIS_MOVE_LEADS_TO_PARTNER) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->unassign_row), (choices & RELAIS_MOVE_LEADS_UNASSIGN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_row), (choices & RELAIS_MOVE_LEADS_KEEP) != 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->keep_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keep_row), keep_label ? keep_label : "");
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "apply", apply_label);

  /* The first choice that can be made is made: the leads stay in the flow. */
  if ((choices & RELAIS_MOVE_LEADS_TO_QUEUE) && self->queue_ids->len > 0)
    gtk_check_button_set_active (self->queue_check, TRUE);
  else if ((choices & RELAIS_MOVE_LEADS_TO_PARTNER) && self->partner_ids->len > 0)
    gtk_check_button_set_active (self->partner_check, TRUE);
  else if (choices & RELAIS_MOVE_LEADS_UNASSIGN)
    gtk_check_button_set_active (self->unassign_check, TRUE);
  else if (choices & RELAIS_MOVE_LEADS_KEEP)
    gtk_check_button_set_active (self->keep_check, TRUE);

  update_response (self);
  return self;
}

gboolean
relais_move_leads_dialog_get_target (RelaisMoveLeadsDialog *self,
                                     RelaisAssignTarget    *target)
{
  guint selected;

  g_return_val_if_fail (RELAIS_IS_MOVE_LEADS_DIALOG (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  target->id = 0;
  if (gtk_check_button_get_active (self->queue_check))
    {
      selected = gtk_drop_down_get_selected (self->queue_dropdown);
      g_return_val_if_fail (selected < self->queue_ids->len, FALSE);
      target->kind = RELAIS_ASSIGN_TARGET_QUEUE;
      target->id = g_array_index (self->queue_ids, gint64, selected);
      return TRUE;
    }
  if (gtk_check_button_get_active (self->partner_check))
    {
      selected = gtk_drop_down_get_selected (self->partner_dropdown);
      g_return_val_if_fail (selected < self->partner_ids->len, FALSE);
      target->kind = RELAIS_ASSIGN_TARGET_PARTNER;
      target->id = g_array_index (self->partner_ids, gint64, selected);
      return TRUE;
    }
  if (gtk_check_button_get_active (self->unassign_check))
    {
      target->kind = RELAIS_ASSIGN_TARGET_NOBODY;
      return TRUE;
    }

  return FALSE;
}
