/* relais-assign-panel.c
 *
 * One GtkListView over a GtkTreeListModel: "Unassigned", the queues and the
 * partners at the top level, each partner expanding to its reps. Every row is
 * a GtkDropTarget for RelaisLeadDrag; GTK gives the row the :drop(active)
 * state while a drag hovers it, which style.css highlights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-assign-panel.h"

#include <glib/gi18n.h>

#include "relais-search.h"

struct _RelaisAssignPanel
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *filter_entry;
  GtkListView        *list_view;
  GtkCheckButton     *notify_check;

  GSettings          *settings;
  GHashTable         *reps;          /* partner id → GListStore of reps */
  GtkCustomFilter    *filter;
  GtkTreeListModel   *tree;
  GListStore         *flat;
  GListStore         *top;           /* what the tree shows at its first level */
  GCancellable       *cancellable;
  char               *folded;        /* the filter text, folded */
};

G_DEFINE_FINAL_TYPE (RelaisAssignPanel, relais_assign_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DROPPED,
  SIGNAL_ACTIVATED,
  SIGNAL_LOADED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ITEM_KEY "relais-assign-item"

/* --- Rows ------------------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  RelaisAssignPanel *self = user_data;
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  RelaisAssignItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  RelaisLeadDrag *drag;

  if (item == NULL || !G_VALUE_HOLDS (value, RELAIS_TYPE_LEAD_DRAG))
    return FALSE;
  drag = g_value_get_object (value);
  if (drag == NULL || relais_lead_drag_get_ids (drag)->len == 0)
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_DROPPED], 0, item, drag);
  return TRUE;
}

/* A row's tooltip says what its item is (the whole name, the counts), asked
 * for when the pointer rests on it. Set at each bind instead, every bind
 * made GTK ask the X server where the pointer is: a drop that changed the
 * counts of a thousand partners held the window for seconds. */
static gboolean
query_tooltip_cb (GtkWidget  *row,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  RelaisAssignItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  g_autofree char *text = NULL;

  if (item == NULL)
    return FALSE;
  text = relais_assign_item_dup_accessible_name (item);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RelaisAssignPanel        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *warning = gtk_label_new (NULL);
  GtkDropTarget *drop = gtk_drop_target_new (RELAIS_TYPE_LEAD_DRAG, GDK_ACTION_MOVE);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (warning, "caption");
  gtk_widget_add_css_class (warning, "relais-assign-warning");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), warning);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_widget_add_css_class (expander, "relais-assign-target");

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop));
  gtk_widget_set_has_tooltip (expander, TRUE);
  g_signal_connect (expander, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  g_object_set_data (G_OBJECT (expander), "icon", icon);
  g_object_set_data (G_OBJECT (expander), "title", title);
  g_object_set_data (G_OBJECT (expander), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (expander), "warning", warning);
  gtk_list_item_set_child (list_item, expander);
}

/* Shows @item in the row @expander. */
static void
show_item (GtkWidget        *expander,
           RelaisAssignItem *item)
{
  g_autofree char *subtitle = relais_assign_item_dup_subtitle (item);
  g_autofree char *accessible = relais_assign_item_dup_accessible_name (item);
  const char *warning = relais_assign_item_get_warning (item);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (expander), "icon"),
                                relais_assign_item_get_icon_name (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (expander), "title"), relais_assign_item_get_title (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (expander), "subtitle"), subtitle);
  gtk_label_set_label (g_object_get_data (G_OBJECT (expander), "warning"), warning ? warning : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (expander), "warning"), warning != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
item_changed_cb (RelaisAssignItem *item,
                 GtkWidget        *expander)
{
  show_item (expander, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RelaisAssignPanel        *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  RelaisAssignItem *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  show_item (expander, item);
  /* New counts after a drop show in place: the lists are not touched. */
  g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), expander, 0);

  /* The item holds its row's widget only while bound. */
  g_object_set_data_full (G_OBJECT (expander), ITEM_KEY, item, g_object_unref);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RelaisAssignPanel        *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  RelaisAssignItem *item = g_object_get_data (G_OBJECT (expander), ITEM_KEY);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_changed_cb, expander);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  g_object_set_data (G_OBJECT (expander), ITEM_KEY, NULL);
}

/* --- Model ------------------------------------------------------------------ */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  RelaisAssignPanel *self = user_data;
  const RelaisAssignTarget *target = relais_assign_item_get_target (item);
  GListStore *reps;

  if (target->kind != RELAIS_ASSIGN_TARGET_PARTNER || self->reps == NULL)
    return NULL;

  reps = g_hash_table_lookup (self->reps, &target->id);
  return reps != NULL ? g_object_ref (G_LIST_MODEL (reps)) : NULL;
}

static gboolean
filter_match_cb (gpointer item,
                 gpointer user_data)
{
  RelaisAssignPanel *self = user_data;

  return relais_assign_item_matches (item, self->folded);
}

static void
filter_changed_cb (RelaisAssignPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));

  g_free (self->folded);
  self->folded = relais_search_fold (text);
  g_strstrip (self->folded);

  /* While filtering, partners show their reps: a rep's name may be the match. */
  if (self->tree != NULL)
    gtk_tree_list_model_set_autoexpand (self->tree, self->folded[0] != '\0');
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
activate_cb (RelaisAssignPanel *self,
             guint              position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);
  g_autoptr(RelaisAssignItem) item = NULL;

  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, item);
}

/* When only counts changed (after a drop: the partners that gave and took
 * leads), the items take their new values and the rows shown show them
 * (RelaisAssignItem::changed): rebuilding a thousand partners, or splicing
 * each changed one back into its list, would hold the window for a frame
 * or ten. Returns FALSE, changing nothing, when the targets are not the
 * same ones as before. */
static gboolean
update_targets (RelaisAssignPanel *self,
                GPtrArray         *targets)
{
  if (self->flat == NULL || self->top == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->flat)) != targets->len + 1)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(RelaisAssignItem) item = g_list_model_get_item (G_LIST_MODEL (self->flat), i + 1);

      if (!relais_assign_item_is_same (item, g_ptr_array_index (targets, i)))
        return FALSE;
    }

  /* The items take the infos over. */
  g_ptr_array_set_free_func (targets, NULL);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(RelaisAssignItem) item = g_list_model_get_item (G_LIST_MODEL (self->flat), i + 1);

      relais_assign_item_update (item, g_ptr_array_index (targets, i));
    }
  g_ptr_array_unref (targets);
  return TRUE;
}

static void
set_targets (RelaisAssignPanel *self,
             GPtrArray         *targets)
{
  g_autoptr(GListStore) top = NULL;
  g_autoptr(GListStore) flat = NULL;
  g_autoptr(GHashTable) reps = NULL;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkSelectionModel *old;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (update_targets (self, targets))
    {
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  relais_assign_items_build (targets, &top, &flat, &reps);
  g_set_object (&self->top, top);

  /* The row in focus stays where it was when the counts change. */
  old = gtk_list_view_get_model (self->list_view);
  if (GTK_IS_SINGLE_SELECTION (old))
    selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (old));

  g_clear_pointer (&self->reps, g_hash_table_unref);
  self->reps = g_steal_pointer (&reps);
  g_clear_object (&self->flat);
  self->flat = g_steal_pointer (&flat);

  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&top)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (filtered), FALSE,
                                        self->folded != NULL && self->folded[0] != '\0',
                                        create_children_cb, self, NULL);
  selection = gtk_single_selection_new (G_LIST_MODEL (self->tree));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  if (selected != GTK_INVALID_LIST_POSITION && selected < g_list_model_get_n_items (G_LIST_MODEL (selection)))
    gtk_single_selection_set_selected (selection, selected);
  else
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
targets_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RelaisAssignPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *targets = relais_lead_assign_list_targets_finish (result, &error);

  if (targets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_ptr_array_unref (targets);
      return;
    }
  set_targets (self, targets);
}

void
relais_assign_panel_reload (RelaisAssignPanel *self,
                            const char        *path)
{
  g_return_if_fail (RELAIS_IS_ASSIGN_PANEL (self));
  g_return_if_fail (path != NULL);

  /* The newest reading wins. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  relais_lead_assign_list_targets_async (path, self->cancellable, targets_loaded_cb, g_object_ref (self));
}

GListModel *
relais_assign_panel_get_targets (RelaisAssignPanel *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_PANEL (self), NULL);
  return G_LIST_MODEL (self->flat);
}

gboolean
relais_assign_panel_get_notify (RelaisAssignPanel *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_PANEL (self), FALSE);
  return gtk_check_button_get_active (self->notify_check);
}

/* --- GObject ---------------------------------------------------------------- */

static void
relais_assign_panel_dispose (GObject *object)
{
  RelaisAssignPanel *self = RELAIS_ASSIGN_PANEL (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  self->tree = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_ASSIGN_PANEL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reps, g_hash_table_unref);
  g_clear_object (&self->flat);
  g_clear_object (&self->top);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (relais_assign_panel_parent_class)->dispose (object);
}

static void
relais_assign_panel_finalize (GObject *object)
{
  g_free (RELAIS_ASSIGN_PANEL (object)->folded);
  G_OBJECT_CLASS (relais_assign_panel_parent_class)->finalize (object);
}

static void
relais_assign_panel_class_init (RelaisAssignPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_assign_panel_dispose;
  object_class->finalize = relais_assign_panel_finalize;

  signals[SIGNAL_DROPPED] =
    g_signal_new ("dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RELAIS_TYPE_ASSIGN_ITEM, RELAIS_TYPE_LEAD_DRAG);
  signals[SIGNAL_ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RELAIS_TYPE_ASSIGN_ITEM);
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-assign-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignPanel, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisAssignPanel, notify_check);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-assign-panel");
}

static void
relais_assign_panel_init (RelaisAssignPanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->folded = g_strdup ("");
  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->flat = g_list_store_new (RELAIS_TYPE_ASSIGN_ITEM);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "assign-notify", self->notify_check, "active", G_SETTINGS_BIND_DEFAULT);
}
