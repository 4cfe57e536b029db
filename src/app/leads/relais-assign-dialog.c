/* relais-assign-dialog.c
 *
 * The search entry keeps the focus while the user types; the first match is
 * selected, Enter assigns to it, Down goes into the list (where Enter assigns
 * too), Escape closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-assign-dialog.h"

#include <glib/gi18n.h>

#include "relais-search.h"
#include "relais-util.h"

struct _RelaisAssignDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkButton          *assign_button;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *concern_label;
  GtkCheckButton     *notify_check;

  GSettings          *settings;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *folded;
  guint               n_leads;
};

G_DEFINE_FINAL_TYPE (RelaisAssignDialog, relais_assign_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every target is a row of its own here: a partner is found by its name, a
 * rep by its name or its partner's. */
static gboolean
filter_match_cb (gpointer item,
                 gpointer user_data)
{
  RelaisAssignDialog *self = user_data;
  const RelaisAssignTargetInfo *info = relais_assign_item_get_info (item);
  g_autofree char *own = NULL;
  g_autofree char *partner = NULL;

  if (self->folded == NULL || self->folded[0] == '\0')
    return TRUE;

  own = relais_search_fold (info->name);
  if (strstr (own, self->folded) != NULL)
    return TRUE;
  if (info->target.kind != RELAIS_ASSIGN_TARGET_REP)
    return FALSE;
  partner = relais_search_fold (info->partner_name);
  return strstr (partner, self->folded) != NULL;
}

static RelaisAssignItem *
selected_item (RelaisAssignDialog *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_concern (RelaisAssignDialog *self)
{
  RelaisAssignItem *item = selected_item (self);
  g_autofree char *concern = item != NULL ? relais_assign_item_dup_concern (item, self->n_leads) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button), item != NULL);
  gtk_label_set_label (self->concern_label, concern ? concern : "");
  gtk_widget_set_visible (GTK_WIDGET (self->concern_label), concern != NULL);
}

static void
search_changed_cb (RelaisAssignDialog *self)
{
  g_free (self->folded);
  self->folded = relais_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_strstrip (self->folded);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  /* The first match is the one Enter takes. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  update_concern (self);
}

static void
choose (RelaisAssignDialog *self,
        RelaisAssignItem   *item)
{
  g_autoptr(RelaisAssignItem) chosen = NULL;

  if (item == NULL)
    return;

  chosen = g_object_ref (item);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, chosen, gtk_check_button_get_active (self->notify_check));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
assign_clicked_cb (RelaisAssignDialog *self)
{
  choose (self, selected_item (self));
}

static void
row_activated_cb (RelaisAssignDialog *self,
                  guint               position)
{
  g_autoptr(RelaisAssignItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  choose (self, item);
}

/* Down (or Page Down) from the search entry goes into the list. */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      RelaisAssignDialog    *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_Page_Down)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return FALSE;
  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *warning = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (warning, "caption");
  gtk_widget_add_css_class (warning, "relais-assign-warning");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), warning);

  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "warning", warning);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RelaisAssignItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *title = relais_assign_item_dup_display_name (item);
  g_autofree char *subtitle = relais_assign_item_dup_subtitle (item);
  g_autofree char *accessible = relais_assign_item_dup_accessible_name (item);
  const char *warning = relais_assign_item_get_warning (item);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "icon"), relais_assign_item_get_icon_name (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "title"), title);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "warning"), warning ? warning : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "warning"), warning != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
relais_assign_dialog_dispose (GObject *object)
{
  RelaisAssignDialog *self = RELAIS_ASSIGN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_ASSIGN_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (relais_assign_dialog_parent_class)->dispose (object);
}

static void
relais_assign_dialog_finalize (GObject *object)
{
  g_free (RELAIS_ASSIGN_DIALOG (object)->folded);
  G_OBJECT_CLASS (relais_assign_dialog_parent_class)->finalize (object);
}

static void
relais_assign_dialog_class_init (RelaisAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_assign_dialog_dispose;
  object_class->finalize = relais_assign_dialog_finalize;

  signals[SIGNAL_CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RELAIS_TYPE_ASSIGN_ITEM, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, assign_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, concern_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignDialog, notify_check);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
relais_assign_dialog_init (RelaisAssignDialog *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->folded = g_strdup ("");
  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "assign-notify", self->notify_check, "active", G_SETTINGS_BIND_DEFAULT);
}

RelaisAssignDialog *
relais_assign_dialog_new (GtkWindow  *parent,
                          GListModel *targets,
                          guint       n_leads)
{
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  RelaisAssignDialog *self;
  GtkFilterListModel *filtered;

  g_return_val_if_fail (G_IS_LIST_MODEL (targets), NULL);

  self = g_object_new (RELAIS_TYPE_ASSIGN_DIALOG, "transient-for", parent, NULL);
  self->n_leads = n_leads;

  count = relais_format_count (n_leads);
  /* Translators: title of the "Assign to…" dialog; %s is the formatted count */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign %s Lead To", "Assign %s Leads To", n_leads), count);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  filtered = gtk_filter_list_model_new (g_object_ref (targets), GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_concern), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_concern (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
