/* relais-queue-dialog.c
 *
 * The queues on the left (a few dozen at most: a GtkListBox), the selected
 * one on the right: its name and description (saved with their apply
 * buttons), its members (every partner, in a GtkListView with a check button
 * each: each change is saved at once), and its deletion.
 *
 * Deleting a queue where leads wait asks where they go; they are moved first
 * (relais_lead_assign()), then the queue is deleted; if that fails the move is
 * undone, so that to the user both happen or neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-queue-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "relais-lead-assign.h"
#include "relais-move-leads-dialog.h"
#include "relais-partner-changes.h"
#include "relais-partner-rules.h"
#include "relais-search.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisQueueDialog
{
  AdwWindow           parent_instance;

  RelaisDb           *db;
  GListModel         *partners;         /* RelaisPartner */
  GListModel         *queues;           /* RelaisQueue, by name */
  RelaisQueue        *queue;            /* the one shown, or NULL */
  GHashTable         *members;          /* partner ids (gint64 *) of self->queue */
  GHashTable         *bound_checks;     /* partner id → its GtkCheckButton, while shown */
  GtkFilterListModel *members_filtered;
  GtkCustomFilter    *members_filter;
  char               *members_search;   /* folded */
  gboolean            loading;          /* filling the widgets: not an edit */
  GtkWidget          *error_row;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkListBox         *queues_list;
  GtkStack           *stack;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwEntryRow        *name_row;
  AdwEntryRow        *description_row;
  GtkLabel           *members_count_label;
  GtkSearchEntry     *members_search_entry;
  GtkListView        *members_view;
};

G_DEFINE_FINAL_TYPE (RelaisQueueDialog, relais_queue_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  LEADS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_queues (RelaisQueueDialog *self,
                           gint64             select_id,
                           gboolean           show_page);

static void
toast (RelaisQueueDialog *self,
       const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, relais_toast_new (message));
}

static void
clear_error (RelaisQueueDialog *self)
{
  if (self->error_row != NULL)
    {
      gtk_widget_remove_css_class (self->error_row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_STATE_INVALID);
      self->error_row = NULL;
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (RelaisQueueDialog *self,
            const GError      *error)
{
  GtkWidget *row = NULL;

  clear_error (self);
  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (error->domain == RELAIS_PARTNER_RULES_ERROR && error->code == RELAIS_PARTNER_RULES_ERROR_NAME)
    row = GTK_WIDGET (self->name_row);
  else if (error->domain == RELAIS_PARTNER_RULES_ERROR && error->code == RELAIS_PARTNER_RULES_ERROR_DESCRIPTION)
    row = GTK_WIDGET (self->description_row);
  else if (error->domain == RELAIS_PARTNER_CHANGES_ERROR && error->code == RELAIS_PARTNER_CHANGES_ERROR_DUPLICATE)
    row = GTK_WIDGET (self->name_row);

  if (row != NULL)
    {
      self->error_row = row;
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_widget_grab_focus (row);
    }
}

static char *
queue_counts_text (RelaisQueue *queue)
{
  g_autofree char *members = relais_format_count (relais_queue_get_n_members (queue));
  g_autofree char *leads = relais_format_count (relais_queue_get_n_leads (queue));
  g_autofree char *members_text = NULL;
  g_autofree char *leads_text = NULL;

  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: the members of a queue; %s is a formatted number */
                                               "%s partner", "%s partners",
                                               relais_queue_get_n_members (queue)),
                                  members);
  leads_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: the leads waiting in a queue; %s is a formatted number */
                                             "%s lead", "%s leads",
                                             relais_queue_get_n_leads (queue)),
                                leads);
  /* Translators: a queue's counts: "3 partners · 12 leads" */
  return g_strdup_printf (_("%1$s · %2$s"), members_text, leads_text);
}

/* --- The queue list ------------------------------------------------------------ */

static GtkWidget *
create_queue_row (gpointer item,
                  gpointer user_data)
{
  RelaisQueue *queue = item;
  g_autofree char *counts = queue_counts_text (queue);
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *name, *caption;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (relais_queue_get_name (queue));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);
  caption = gtk_label_new (counts);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "relais-queue", g_object_ref (queue), g_object_unref);
  /* Translators: accessible name of a queue in the list: %1$s its name, %2$s its counts */
  accessible = g_strdup_printf (_("%1$s, %2$s"), relais_queue_get_name (queue), counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static GtkListBoxRow *
find_row (RelaisQueueDialog *self,
          gint64             queue_id)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->queues_list, i);
      RelaisQueue *queue;

      if (row == NULL)
        return NULL;
      queue = g_object_get_data (G_OBJECT (row), "relais-queue");
      if (queue != NULL && relais_queue_get_id (queue) == queue_id)
        return row;
    }
}

/* --- Members ------------------------------------------------------------------- */

static void
update_members_count (RelaisQueueDialog *self)
{
  g_autofree char *n = relais_format_count (g_hash_table_size (self->members));
  g_autofree char *total = relais_format_count (g_list_model_get_n_items (self->partners));
  g_autofree char *text = NULL;

  /* Translators: members of a queue out of all partners: "3 of 40" */
  text = g_strdup_printf (_("%1$s of %2$s"), n, total);
  gtk_label_set_label (self->members_count_label, text);
}

static gboolean
members_filter_cb (gpointer item,
                   gpointer user_data)
{
  RelaisQueueDialog *self = user_data;
  g_autofree char *name = NULL;

  if (self->members_search == NULL || self->members_search[0] == '\0')
    return TRUE;
  name = relais_search_fold (relais_partner_get_name (item));
  return strstr (name, self->members_search) != NULL;
}

static void
members_search_changed_cb (RelaisQueueDialog *self)
{
  g_autofree char *folded = relais_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->members_search_entry)));

  g_free (self->members_search);
  self->members_search = g_strdup (g_strstrip (folded));
  gtk_filter_changed (GTK_FILTER (self->members_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Saves the members with @partner_id in or out; FALSE (told) on failure. */
static gboolean
set_member (RelaisQueueDialog *self,
            gint64             partner_id,
            gboolean           member)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 queue_id = relais_queue_get_id (self->queue);

  g_hash_table_iter_init (&iter, self->members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;

      if (id != partner_id)
        g_array_append_val (ids, id);
    }
  if (member)
    g_array_append_val (ids, partner_id);

  if (!relais_queue_changes_set_members (self->db, queue_id, (const gint64 *) ids->data, ids->len, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  clear_error (self);
  if (member)
    g_hash_table_add (self->members, id_key (partner_id));
  else
    g_hash_table_remove (self->members, &partner_id);
  update_members_count (self);
  reload_queues (self, queue_id, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
member_toggled_cb (GtkCheckButton    *check,
                   RelaisQueueDialog *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "relais-partner-id");
  gboolean active = gtk_check_button_get_active (check);

  if (self->loading || id == NULL || self->queue == NULL)
    return;
  if (active == g_hash_table_contains (self->members, id))
    return;

  if (!set_member (self, *id, active))
    {
      self->loading = TRUE;
      gtk_check_button_set_active (check, !active);
      self->loading = FALSE;
    }
}

/* Enter on a row: the same as a click on its check button. */
static void
member_activated_cb (RelaisQueueDialog *self,
                     guint              position)
{
  g_autoptr(RelaisPartner) partner = g_list_model_get_item (G_LIST_MODEL (self->members_filtered), position);
  gint64 id;
  GtkCheckButton *check;

  if (partner == NULL)
    return;
  id = relais_partner_get_id (partner);
  check = g_hash_table_lookup (self->bound_checks, &id);
  if (check != NULL)
    gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
setup_member_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RelaisQueueDialog        *self)
{
  GtkWidget *box, *check, *details;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 12);
  check = gtk_check_button_new ();
  gtk_widget_set_hexpand (check, TRUE);
  g_signal_connect_object (check, "toggled", G_CALLBACK (member_toggled_cb), self, 0);
  gtk_box_append (GTK_BOX (box), check);
  details = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (details), 1);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
bind_member_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RelaisQueueDialog        *self)
{
  RelaisPartner *partner = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (check);
  gint64 id = relais_partner_get_id (partner);
  g_autofree char *text = NULL;
  const char *tier = relais_enum_label (&relais_partner_tier_info, relais_partner_get_tier (partner));
  const char *city = relais_partner_get_city (partner);

  text = city[0] != '\0'
    /* Translators: beside a partner in a queue's members: %1$s is its tier, %2$s its city */
    ? g_strdup_printf (_("%1$s · %2$s"), tier, city)
    : g_strdup (tier);

  self->loading = TRUE;
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), relais_partner_get_name (partner));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->members, &id));
  self->loading = FALSE;
  g_object_set_data_full (G_OBJECT (check), "relais-partner-id", id_key (id), g_free);
  gtk_label_set_label (GTK_LABEL (details), text);
  g_hash_table_insert (self->bound_checks, id_key (id), check);
}

static void
unbind_member_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RelaisQueueDialog        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  gint64 *id = g_object_get_data (G_OBJECT (check), "relais-partner-id");

  if (id != NULL && self->bound_checks != NULL && g_hash_table_lookup (self->bound_checks, id) == check)
    g_hash_table_remove (self->bound_checks, id);
  g_object_set_data (G_OBJECT (check), "relais-partner-id", NULL);
}

/* --- The queue shown ----------------------------------------------------------- */

static void
show_queue (RelaisQueueDialog *self,
            RelaisQueue       *queue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GtkNoSelection) model = NULL;

  clear_error (self);
  g_set_object (&self->queue, queue);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queues.delete", queue != NULL);
  if (queue == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), relais_queue_get_name (queue));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), relais_queue_get_description (queue));
  self->loading = FALSE;

  g_hash_table_remove_all (self->members);
  ids = relais_queue_changes_list_members (self->db, relais_queue_get_id (queue), &error);
  if (ids == NULL)
    show_error (self, error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (self->members, id_key (g_array_index (ids, gint64, i)));
  update_members_count (self);

  /* A new model: every row is bound again, with this queue's members. */
  g_hash_table_remove_all (self->bound_checks);
  model = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->members_filtered)));
  gtk_list_view_set_model (self->members_view, GTK_SELECTION_MODEL (model));
  gtk_stack_set_visible_child_name (self->stack, "queue");
}

static void
queue_selected_cb (RelaisQueueDialog *self,
                   GtkListBoxRow     *row)
{
  RelaisQueue *queue = row ? g_object_get_data (G_OBJECT (row), "relais-queue") : NULL;

  if (self->loading)
    return;
  show_queue (self, queue);
}

/* Reads the queues again and selects @select_id (or the first). With
 * @show_page FALSE and the same queue still selected, only its counts and
 * revision are taken: the page keeps its scroll position and edits. */
static void
reload_queues (RelaisQueueDialog *self,
               gint64             select_id,
               gboolean           show_page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) queues = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  GtkListBoxRow *row;
  guint n;

  queues = relais_queue_changes_list (self->db, &error);
  if (queues == NULL)
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  g_set_object (&self->queues, queues);
  gtk_list_box_bind_model (self->queues_list, queues, create_queue_row, NULL, NULL);
  row = find_row (self, select_id);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->queues_list, 0);
  gtk_list_box_select_row (self->queues_list, row);
  self->loading = FALSE;

  n = g_list_model_get_n_items (queues);
  count = relais_format_count (n);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the number of queues; %s is the formatted count */
                                           "%s queue", "%s queues", n),
                              count);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  {
    RelaisQueue *queue = row ? g_object_get_data (G_OBJECT (row), "relais-queue") : NULL;

    if (!show_page && queue != NULL && self->queue != NULL &&
        relais_queue_get_id (queue) == relais_queue_get_id (self->queue))
      g_set_object (&self->queue, queue);
    else
      show_queue (self, queue);
  }
}

static void
queue_field_changed_cb (RelaisQueueDialog *self)
{
  if (!self->loading && self->error_row != NULL)
    clear_error (self);
}

static void
apply_cb (RelaisQueueDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->queue == NULL)
    return;

  id = relais_queue_get_id (self->queue);
  if (!relais_queue_changes_update (self->db, id, relais_queue_get_revision (self->queue),
                                    gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->description_row)),
                                    &error))
    {
      show_error (self, error);
      return;
    }

  clear_error (self);
  reload_queues (self, id, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  /* Translators: a confirmation, shown briefly */
  toast (self, _("Queue saved"));
}

/* --- New queue ----------------------------------------------------------------- */

static gboolean
name_taken (RelaisQueueDialog *self,
            const char        *name)
{
  for (guint i = 0; self->queues != NULL && i < g_list_model_get_n_items (self->queues); i++)
    {
      g_autoptr(RelaisQueue) queue = g_list_model_get_item (self->queues, i);

      if (relais_queue_rules_same_name (relais_queue_get_name (queue), name))
        return TRUE;
    }
  return FALSE;
}

static void
new_queue_name_changed_cb (AdwEntryRow      *row,
                           AdwMessageDialog *dialog)
{
  RelaisQueueDialog *self = g_object_get_data (G_OBJECT (dialog), "relais-queues");
  GtkLabel *hint = g_object_get_data (G_OBJECT (dialog), "relais-hint");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean taken = name[0] != '\0' && name_taken (self, name);

  if (taken)
    {
      g_autofree char *text = g_strdup_printf (_("A queue named “%s” already exists. Choose another name."), name);

      gtk_label_set_label (hint, text);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (hint), taken);
  adw_message_dialog_set_response_enabled (dialog, "create", name[0] != '\0' && !taken);
}

static void
new_queue_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       RelaisQueueDialog *self)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (dialog), "relais-name-row");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  if (!g_str_equal (response, "create"))
    return;

  id = relais_queue_changes_create (self->db, gtk_editable_get_text (GTK_EDITABLE (row)), "", &error);
  if (id == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "queue");
      show_error (self, error);
      return;
    }

  reload_queues (self, id, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  /* Translators: a confirmation; %s is the new queue's name */
  message = g_strdup_printf (_("Queue “%s” created"), self->queue ? relais_queue_get_name (self->queue) : "");
  toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->members_search_entry));
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RelaisQueueDialog *self = RELAIS_QUEUE_DIALOG (widget);
  GtkWidget *dialog, *box, *list, *row, *hint;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   /* Translators: heading of the dialog that creates a queue of leads */
                                   _("New Queue"),
                                   _("Name the queue after the leads that wait in it: a region, a program, a kind of customer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button of the dialog that creates a queue */
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_entry_row_new ();
  /* Translators: the field of the New Queue dialog */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Queue Name"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "error");
  gtk_widget_set_visible (hint, FALSE);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "relais-queues", self);
  g_object_set_data (G_OBJECT (dialog), "relais-hint", hint);
  g_object_set_data (G_OBJECT (dialog), "relais-name-row", row);
  g_signal_connect_object (row, "changed", G_CALLBACK (new_queue_name_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_queue_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

/* --- Delete -------------------------------------------------------------------- */

/* Deletes the queue, after moving its leads to @target (NULL: none to move). */
static void
delete_queue (RelaisQueueDialog        *self,
              gint64                    queue_id,
              GArray                   *ids,
              const RelaisAssignTarget *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  RelaisAssignResult result = { 0, };

  if (self->queue == NULL || relais_queue_get_id (self->queue) != queue_id)
    return;
  name = g_strdup (relais_queue_get_name (self->queue));

  if (target != NULL && ids != NULL && ids->len > 0 &&
      !relais_lead_assign (self->db, (const gint64 *) ids->data, ids->len, target, FALSE, &result, &error))
    {
      show_error (self, error);
      return;
    }

  if (!relais_queue_changes_delete (self->db, queue_id, &error))
    {
      g_autoptr(GError) undo_error = NULL;
      guint n_restored = 0, n_conflicts = 0;

      /* The queue stays: its leads come back to it. */
      if (result.journal_id != 0 &&
          !relais_lead_assign_undo (self->db, result.journal_id, &n_restored, &n_conflicts, &undo_error))
        g_prefix_error (&error, "%s ", undo_error->message);
      show_error (self, error);
      if (result.moved > 0)
        g_signal_emit (self, signals[LEADS_CHANGED], 0);
      reload_queues (self, queue_id, FALSE);
      return;
    }

  reload_queues (self, 0, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  if (result.moved > 0)
    g_signal_emit (self, signals[LEADS_CHANGED], 0);

  if (result.moved > 0)
    {
      g_autofree char *count = relais_format_count (result.moved);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: %1$s is a queue's name, %2$s a formatted number of leads */
                                              "Queue “%1$s” deleted; %2$s lead moved",
                                              "Queue “%1$s” deleted; %2$s leads moved",
                                              result.moved),
                                 name, count);
    }
  else
    /* Translators: a confirmation; %s is a queue's name */
    message = g_strdup_printf (_("Queue “%s” deleted"), name);
  toast (self, message);
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    RelaisQueueDialog *self)
{
  gint64 queue_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-queue-id"));
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "relais-lead-ids");
  RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_NOBODY, 0 };

  if (!g_str_equal (response, "apply") && !g_str_equal (response, "delete"))
    return;

  if (RELAIS_IS_MOVE_LEADS_DIALOG (dialog) &&
      !relais_move_leads_dialog_get_target (RELAIS_MOVE_LEADS_DIALOG (dialog), &target))
    return;

  delete_queue (self, queue_id, ids, ids != NULL && ids->len > 0 ? &target : NULL);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisQueueDialog *self = RELAIS_QUEUE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  const char *name;
  gint64 queue_id, n_rules;

  if (self->queue == NULL)
    return;

  queue_id = relais_queue_get_id (self->queue);
  name = relais_queue_get_name (self->queue);
  ids = relais_lead_assign_open_ids (self->db, 0, queue_id, &error);
  if (ids == NULL)
    {
      show_error (self, error);
      return;
    }
  n_rules = relais_queue_changes_count_rules (self->db, queue_id, &error);
  if (n_rules < 0)
    {
      show_error (self, error);
      return;
    }

  if (ids->len > 0)
    {
      g_autofree char *count = relais_format_count (ids->len);

      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %1$s is a queue's name, %2$s a formatted number of leads */
                                           "%2$s lead waits in “%1$s”. Choose where it goes.",
                                           "%2$s leads wait in “%1$s”. Choose where they go.",
                                           ids->len),
                              name, count);
      dialog = ADW_MESSAGE_DIALOG (relais_move_leads_dialog_new (GTK_WINDOW (self), self->db,
                                                                 RELAIS_MOVE_LEADS_TO_QUEUE | RELAIS_MOVE_LEADS_UNASSIGN,
                                                                 0, queue_id, NULL,
                                                                 /* Translators: button of the dialog that deletes a queue */
                                                                 _("_Delete Queue")));
      g_object_set_data_full (G_OBJECT (dialog), "relais-lead-ids", g_array_ref (ids), (GDestroyNotify) g_array_unref);
    }
  else
    {
      /* Translators: %s is a queue's name */
      g_string_append_printf (body, _("No lead waits in “%s”. Its members stay partners, in no queue."), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        /* Translators: button of the dialog that deletes a queue */
                                        "delete", _("_Delete Queue"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }

  if (n_rules > 0)
    {
      g_autofree char *count = relais_format_count (n_rules);

      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a formatted number of assignment rules */
                                           "%s assignment rule sends leads to it and will stop doing so.",
                                           "%s assignment rules send leads to it and will stop doing so.",
                                           n_rules),
                              count);
    }

  /* Translators: heading of the dialog that deletes a queue; %s is its name */
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), name);
  adw_message_dialog_set_body (dialog, body->str);
  g_object_set_data (G_OBJECT (dialog), "relais-queue-id", GSIZE_TO_POINTER (queue_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  clear_error (RELAIS_QUEUE_DIALOG (widget));
}

/* --- Class --------------------------------------------------------------------- */

static void
relais_queue_dialog_dispose (GObject *object)
{
  RelaisQueueDialog *self = (RelaisQueueDialog *) object;

  /* Rows go before the widgets they would update: no more selection, no
   * more binding of check buttons. */
  self->loading = TRUE;
  if (self->members_view != NULL)
    gtk_list_view_set_model (self->members_view, NULL);
  if (self->queues_list != NULL)
    gtk_list_box_bind_model (self->queues_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_QUEUE_DIALOG);
  g_clear_object (&self->members_filtered);
  g_clear_object (&self->members_filter);
  g_clear_object (&self->queue);
  g_clear_object (&self->queues);
  g_clear_object (&self->partners);
  g_clear_object (&self->db);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->bound_checks, g_hash_table_unref);

  G_OBJECT_CLASS (relais_queue_dialog_parent_class)->dispose (object);
}

static void
relais_queue_dialog_finalize (GObject *object)
{
  RelaisQueueDialog *self = (RelaisQueueDialog *) object;

  g_free (self->members_search);

  G_OBJECT_CLASS (relais_queue_dialog_parent_class)->finalize (object);
}

static void
relais_queue_dialog_class_init (RelaisQueueDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_queue_dialog_dispose;
  object_class->finalize = relais_queue_dialog_finalize;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[LEADS_CHANGED] = g_signal_new ("leads-changed",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-queue-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, queues_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, error_label);
  gtk_widget_class_bind_template_child_full (widget_class, "queue_name_row", FALSE,
                                             G_STRUCT_OFFSET (RelaisQueueDialog, name_row));
  gtk_widget_class_bind_template_child_full (widget_class, "queue_description_row", FALSE,
                                             G_STRUCT_OFFSET (RelaisQueueDialog, description_row));
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, members_count_label);
  gtk_widget_class_bind_template_child_full (widget_class, "members_search", FALSE,
                                             G_STRUCT_OFFSET (RelaisQueueDialog, members_search_entry));
  gtk_widget_class_bind_template_child (widget_class, RelaisQueueDialog, members_view);
  gtk_widget_class_bind_template_callback (widget_class, queue_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, members_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_activated_cb);

  gtk_widget_class_install_action (widget_class, "queues.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "queues.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "queues.dismiss-error", NULL, dismiss_error_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "queues.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
relais_queue_dialog_init (RelaisQueueDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bound_checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->members_search = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_member_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_member_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_member_cb), self, 0);
  gtk_list_view_set_factory (self->members_view, factory);
}

RelaisQueueDialog *
relais_queue_dialog_new (GtkWindow  *parent,
                         RelaisDb   *db,
                         GListModel *partners)
{
  RelaisQueueDialog *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (partners), NULL);

  self = g_object_new (RELAIS_TYPE_QUEUE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  self->partners = g_object_ref (partners);
  self->members_filter = gtk_custom_filter_new (members_filter_cb, self, NULL);
  self->members_filtered = gtk_filter_list_model_new (g_object_ref (partners),
                                                      g_object_ref (GTK_FILTER (self->members_filter)));

  reload_queues (self, 0, TRUE);
  return self;
}
