/* relais-partner-list.c
 *
 * A thousand partners at most in practice: the whole list is read at once and
 * filtered in memory. The rows show the list's own RelaisPartner objects; after
 * a change in the detail pane the changed one takes the stored values, and
 * its row follows through the property bindings of the .ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-partner-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "relais-partner-changes.h"
#include "relais-partner-detail.h"
#include "relais-partner-rules.h"
#include "relais-partner-store.h"
#include "relais-queue-dialog.h"
#include "relais-search.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisPartnerList
{
  GtkWidget            parent_instance;

  RelaisDb            *db;
  GListStore          *partners;     /* RelaisPartner, by name */
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  char                *search;       /* folded, "" for none */
  gboolean             reloading;    /* the rows are replaced: not a new selection */

  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  RelaisPartnerDetail *detail;
};

G_DEFINE_FINAL_TYPE (RelaisPartnerList, relais_partner_list, GTK_TYPE_WIDGET)

/* The capacity offered for a new partner: what a Registered partner usually works. */
#define NEW_PARTNER_CAPACITY 50

enum {
  CHANGED,
  LEADS_CHANGED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Expression closures of the .ui: each receives the row's property values, so
 * that the cell follows them. */

static char *
load_text_cb (gpointer user_data,
              gint64   open_leads,
              gint64   capacity)
{
  g_autofree char *open = relais_format_count (open_leads);
  g_autofree char *max = relais_format_count (capacity);

  /* Translators: a partner's open leads out of its capacity: "12 / 50" */
  return relais_text_isolate (g_strdup_printf (_("%1$s / %2$s"), open, max));
}

static char *
availability_text_cb (gpointer user_data,
                      gboolean active,
                      gint64   out_of_office_until,
                      gint64   open_leads,
                      gint64   capacity)
{
  return g_strdup (relais_partner_availability_label (active, out_of_office_until, open_leads,
                                                      capacity, g_get_real_time ()));
}

static void
toast (RelaisPartnerList *self,
       const char        *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
show_error (RelaisPartnerList *self,
            const char        *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", message);
}

/* --- Search ------------------------------------------------------------------ */

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  RelaisPartnerList *self = user_data;
  g_autofree char *name = NULL;

  if (self->search == NULL || self->search[0] == '\0')
    return TRUE;

  name = relais_search_fold (relais_partner_get_name (item));
  return strstr (name, self->search) != NULL;
}

static void
update_page (RelaisPartnerList *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->partners)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    page = "no-match";
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
search_changed_cb (RelaisPartnerList *self)
{
  g_autofree char *folded = relais_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_free (self->search);
  self->search = g_strdup (g_strstrip (folded));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
stop_search_cb (RelaisPartnerList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* --- Selection --------------------------------------------------------------- */

static void
selection_changed_cb (RelaisPartnerList *self)
{
  RelaisPartner *partner = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = partner ? relais_partner_get_id (partner) : 0;

  if (self->reloading)
    return;
  if (id != relais_partner_detail_get_partner_id (self->detail) || id == 0)
    relais_partner_detail_set_partner (self->detail, self->db, id);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): its list view does it. */
static void
scroll_to (RelaisPartnerList *self,
           guint              position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

/* Selects partner @id if the search shows it; returns whether it does. */
static gboolean
select_partner (RelaisPartnerList *self,
                gint64             id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RelaisPartner) partner = g_list_model_get_item (model, i);

      if (relais_partner_get_id (partner) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

static RelaisPartner *
find_partner (RelaisPartnerList *self,
              gint64             id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->partners)); i++)
    {
      g_autoptr(RelaisPartner) partner = g_list_model_get_item (G_LIST_MODEL (self->partners), i);

      if (relais_partner_get_id (partner) == id)
        return partner;
    }
  return NULL;
}

/* Reads every partner again, keeping the selection. */
static gboolean
reload (RelaisPartnerList  *self,
        GError            **error)
{
  g_autoptr(GListStore) partners = NULL;
  gint64 selected = relais_partner_detail_get_partner_id (self->detail);
  g_autofree RelaisPartner **items = NULL;
  guint n;

  partners = relais_partner_store_list (self->db, error);
  if (partners == NULL)
    return FALSE;

  /* The same store stays under the filter: its items are replaced at once. */
  n = g_list_model_get_n_items (G_LIST_MODEL (partners));
  items = g_new0 (RelaisPartner *, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (G_LIST_MODEL (partners), i);

  /* The partner shown stays shown, with its edits: the detail pane only
   * hears of the selection once it is back. */
  self->reloading = TRUE;
  g_list_store_splice (self->partners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->partners)),
                       (gpointer *) items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
  if (selected == 0 || !select_partner (self, selected))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->reloading = FALSE;

  update_page (self);
  selection_changed_cb (self);
  g_signal_emit (self, signals[RELOADED], 0);
  return TRUE;
}

/* --- The detail pane --------------------------------------------------------- */

static void
copy_partner (RelaisPartner *to,
              RelaisPartner *from)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_object_freeze_notify (G_OBJECT (to));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0 || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (from), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (to), pspecs[i]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (to));
}

static void
detail_changed_cb (RelaisPartnerList *self,
                   gint64             partner_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisPartner) stored = relais_partner_changes_load (self->db, partner_id, &error);
  RelaisPartner *shown = find_partner (self, partner_id);

  if (stored != NULL && shown != NULL)
    {
      copy_partner (shown, stored);
      /* A new name may no longer match the search. */
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_page (self);
    }
  else if (!reload (self, &error))
    show_error (self, error->message);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
detail_deleted_cb (RelaisPartnerList *self,
                   gint64             partner_id)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    show_error (self, error->message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
leads_changed (RelaisPartnerList *self)
{
  g_autoptr(GError) error = NULL;

  /* Open lead counts changed: read them again. */
  if (!reload (self, &error))
    show_error (self, error->message);
  g_signal_emit (self, signals[LEADS_CHANGED], 0);
}

static void
detail_leads_changed_cb (RelaisPartnerList *self)
{
  leads_changed (self);
}

static void
detail_toast_cb (RelaisPartnerList *self,
                 const char        *message)
{
  toast (self, message);
}

/* --- New partner ------------------------------------------------------------- */

static void
new_partner_name_changed_cb (AdwEntryRow      *row,
                             AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog, "create", name[0] != '\0');
}

static void
new_partner_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         RelaisPartnerList *self)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (dialog), "relais-name-row");
  GtkSpinButton *capacity = g_object_get_data (G_OBJECT (dialog), "relais-capacity");
  g_autoptr(RelaisPartner) partner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "create") || self->db == NULL)
    return;

  partner = relais_partner_new ();
  relais_partner_set_name (partner, gtk_editable_get_text (GTK_EDITABLE (row)));
  gtk_spin_button_update (capacity);
  relais_partner_set_capacity (partner, gtk_spin_button_get_value_as_int (capacity));
  if (!relais_partner_changes_create (self->db, partner, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* The new partner is shown, whatever was searched. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
  if (!reload (self, &error))
    show_error (self, error->message);
  select_partner (self, relais_partner_get_id (partner));
  g_signal_emit (self, signals[CHANGED], 0);

  /* Translators: a confirmation; %s is the new partner company */
  message = g_strdup_printf (_("Partner “%s” created"), relais_partner_get_name (partner));
  toast (self, message);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RelaisPartnerList *self = RELAIS_PARTNER_LIST (widget);
  GtkWidget *dialog, *list, *row, *capacity_row, *capacity;

  if (self->db == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   /* Translators: heading of the dialog that adds a partner account */
                                   _("New Partner"),
                                   _("Enter the company’s name and how many open leads it can work at once. Its tier, territory and contacts come next, in its page."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button of the dialog that adds a partner account */
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "new_partner_name_row");
  /* Translators: the field of the New Partner dialog */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Company Name"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  /* A new partner takes leads at once: a capacity of nothing would make it full. */
  capacity_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (capacity_row), _("Capacity"));
  /* Translators: under the capacity in the New Partner dialog */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (capacity_row), _("Most open leads at once"));
  capacity = gtk_spin_button_new_with_range (0, RELAIS_PARTNER_CAPACITY_MAX, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (capacity), NEW_PARTNER_CAPACITY);
  gtk_widget_set_valign (capacity, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (capacity_row), capacity);
  /* Screen readers name the spin button after the row. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (capacity_row), capacity);
  gtk_list_box_append (GTK_LIST_BOX (list), capacity_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "relais-name-row", row);
  g_object_set_data (G_OBJECT (dialog), "relais-capacity", capacity);
  g_signal_connect_object (row, "changed", G_CALLBACK (new_partner_name_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_partner_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

/* --- Queues ------------------------------------------------------------------ */

static void
queues_leads_changed_cb (RelaisPartnerList *self)
{
  leads_changed (self);
}

static void
queues_changed_cb (RelaisPartnerList *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
queues_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisPartnerList *self = RELAIS_PARTNER_LIST (widget);
  RelaisQueueDialog *dialog;

  if (self->db == NULL)
    return;

  dialog = relais_queue_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, G_LIST_MODEL (self->partners));
  g_signal_connect_object (dialog, "leads-changed", G_CALLBACK (queues_leads_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (queues_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisPartnerList *self = RELAIS_PARTNER_LIST (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Leads move elsewhere (a drop in the Leads section, a rule): the open lead
 * counts are read again each time the section is shown. */
static void
relais_partner_list_map (GtkWidget *widget)
{
  RelaisPartnerList *self = RELAIS_PARTNER_LIST (widget);
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (relais_partner_list_parent_class)->map (widget);

  if (self->db != NULL && !reload (self, &error))
    show_error (self, error->message);
}

/* --- Class ------------------------------------------------------------------- */

static void
relais_partner_list_dispose (GObject *object)
{
  RelaisPartnerList *self = (RelaisPartnerList *) object;

  /* The rows go without the detail pane hearing of a new selection. */
  self->reloading = TRUE;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_PARTNER_LIST);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->partners);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_partner_list_parent_class)->dispose (object);
}

static void
relais_partner_list_finalize (GObject *object)
{
  RelaisPartnerList *self = (RelaisPartnerList *) object;

  g_free (self->search);

  G_OBJECT_CLASS (relais_partner_list_parent_class)->finalize (object);
}

static void
relais_partner_list_class_init (RelaisPartnerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_partner_list_dispose;
  object_class->finalize = relais_partner_list_finalize;
  widget_class->map = relais_partner_list_map;

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
  signals[RELOADED] = g_signal_new ("reloaded",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  g_type_ensure (RELAIS_TYPE_PARTNER);
  g_type_ensure (RELAIS_TYPE_PARTNER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-partner-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, column_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, selection);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, detail);
  gtk_widget_class_bind_template_callback (widget_class, load_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, availability_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_deleted_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_leads_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_toast_cb);

  gtk_widget_class_install_action (widget_class, "partners.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.queues", NULL, queues_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.search", NULL, search_action_cb);
  /* While the focus is in the section: the window's Ctrl+F searches leads. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "partners.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "partners.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-partner-list");
}

static void
relais_partner_list_init (RelaisPartnerList *self)
{
  self->search = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->partners = g_list_store_new (RELAIS_TYPE_PARTNER);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->partners)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->filtered));

  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_page (self);
}

gboolean
relais_partner_list_reload (RelaisPartnerList  *self,
                            RelaisDb           *db,
                            GError            **error)
{
  g_return_val_if_fail (RELAIS_IS_PARTNER_LIST (self), FALSE);
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  if (self->db != db)
    {
      /* Another store: nothing of the old one stays shown. */
      relais_partner_detail_set_partner (self->detail, NULL, 0);
      g_set_object (&self->db, db);
    }

  /* Hidden, the section reads the store when it is shown again (map): the
   * open-lead counts of every partner read the whole lead index, which
   * nobody should wait for at start when the Leads are shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return TRUE;

  return reload (self, error);
}

/**
 * relais_partner_list_dup_summary:
 *
 * Returns: (transfer full): "40 partners", for the window's subtitle.
 */
char *
relais_partner_list_dup_summary (RelaisPartnerList *self)
{
  g_autofree char *count = NULL;
  guint n;

  g_return_val_if_fail (RELAIS_IS_PARTNER_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->partners));
  count = relais_format_count (n);

  /* Translators: the number of partner accounts; %s is the formatted count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s partner", "%s partners", n), count);
}
