/* relais-rule-list.c
 *
 * A few dozen rules at most: they are read at once, after every change, into
 * one GListStore of RelaisRuleItem shown by a GtkListView. Each row is a drag
 * source and a drop target for the rule it shows: dropped on the upper half
 * of a row, a rule goes before it; on the lower half, after it. The same
 * moves are actions (rules.move, rules.move-selected) for the keyboard, the
 * buttons and the row's menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-rule-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "relais-partner-store.h"
#include "relais-rule-editor.h"
#include "relais-rule-item.h"
#include "relais-rule-preview.h"
#include "relais-rule-store.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisRuleList
{
  GtkWidget           parent_instance;

  RelaisDb           *db;
  GListStore         *rules;          /* RelaisRuleItem, in order */
  GtkSingleSelection *selection;
  GSettings          *settings;
  gboolean            binding;        /* setting a row's switch: not a toggle */
  gint64              focus_id;       /* the rule whose row takes the focus */
  guint               focus_idle;

  GtkPaned           *paned;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkButton          *new_button;
  GtkLabel           *hint_label;
  GtkSwitch          *auto_route_switch;
  AdwActionRow       *auto_route_row;
  RelaisRulePreview  *preview;
};

G_DEFINE_FINAL_TYPE (RelaisRuleList, relais_rule_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  LEADS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ITEM_KEY "relais-rule-item"

static gboolean reload (RelaisRuleList  *self,
                        GError         **error);

static void
show_error (RelaisRuleList *self,
            const char     *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", message);
}

static RelaisRuleItem *
find_item (RelaisRuleList *self,
           gint64          id,
           guint          *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rules)); i++)
    {
      g_autoptr(RelaisRuleItem) item = g_list_model_get_item (G_LIST_MODEL (self->rules), i);

      if (relais_rule_item_get_id (item) == id)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }
  return NULL;
}

static gint64
selected_id (RelaisRuleList *self)
{
  RelaisRuleItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? relais_rule_item_get_id (item) : 0;
}

/* The keyboard focus goes to the row of rule @id once the list has made it:
 * after a move, a save or a reload, the rows were rebuilt. */
static gboolean
focus_row_idle_cb (gpointer user_data)
{
  RelaisRuleList *self = user_data;

  self->focus_idle = 0;
  if (self->list_view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;

  /* The list view's children are its rows; each holds one of our boxes. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      RelaisRuleItem *item = box ? g_object_get_data (G_OBJECT (box), ITEM_KEY) : NULL;

      if (item != NULL && relais_rule_item_get_id (item) == self->focus_id)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

/* Selects rule @id and puts the keyboard focus on its row. */
static void
focus_rule (RelaisRuleList *self,
            gint64          id)
{
  guint position;

  if (find_item (self, id, &position) == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  self->focus_id = id;
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add (focus_row_idle_cb, self);
}

/* The rules changed: the list, the window's subtitle and the preview follow. */
static void
rules_changed (RelaisRuleList *self,
               gint64          focus_id)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    show_error (self, error->message);
  if (focus_id != 0)
    focus_rule (self, focus_id);
  relais_rule_preview_rules_changed (self->preview);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rules_changed_idle_cb (gpointer user_data)
{
  RelaisRuleList *self = user_data;

  /* Disposed meanwhile: nothing left to show. */
  if (self->preview != NULL)
    rules_changed (self, 0);
  return G_SOURCE_REMOVE;
}

/* --- Moving ------------------------------------------------------------------------ */

/* Moves rule @id to @index (0 = tried first) among the rules as they are now. */
static void
move_rule (RelaisRuleList *self,
           gint64          id,
           guint           index)
{
  g_autoptr(GError) error = NULL;
  guint from;

  if (self->db == NULL || find_item (self, id, &from) == NULL || from == index)
    return;
  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->rules)))
    return;

  if (!relais_rule_store_move (self->db, id, index, &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rule could not be moved: %s"), error->message);

      show_error (self, message);
    }
  rules_changed (self, id);
}

static void
move_by (RelaisRuleList *self,
         gint64          id,
         int             delta)
{
  guint from;

  if (find_item (self, id, &from) == NULL)
    return;
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= g_list_model_get_n_items (G_LIST_MODEL (self->rules))))
    return;
  move_rule (self, id, delta < 0 ? from - 1 : from + 1);
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 id;
  int delta;

  g_variant_get (parameter, "(xi)", &id, &delta);
  move_by (RELAIS_RULE_LIST (widget), id, delta);
}

static void
move_selected_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RelaisRuleList *self = RELAIS_RULE_LIST (widget);
  gint64 id = selected_id (self);

  if (id != 0)
    move_by (self, id, g_variant_get_int32 (parameter));
}

/* --- Drag and drop ------------------------------------------------------------------ */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  RelaisRuleItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (RELAIS_TYPE_RULE_ITEM, item);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  RelaisRuleItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *badge;

  if (item == NULL)
    return;

  /* The rule's name follows the pointer, as the leads' count does. */
  badge = gtk_label_new (relais_rule_item_get_rule (item)->name);
  gtk_label_set_ellipsize (GTK_LABEL (badge), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (badge), 30);
  gtk_widget_add_css_class (badge, "relais-drag-badge");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), badge);
  gdk_drag_set_hotspot (drag, -12, -4);
  gtk_widget_add_css_class (row, "relais-dragged");
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  /* The drop may have rebuilt the rows already. */
  if (row != NULL)
    gtk_widget_remove_css_class (row, "relais-dragged");
}

static gboolean
drop_below (GtkWidget *row,
            double     y)
{
  return y > gtk_widget_get_height (row) / 2.0;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget  *target,
                double          x,
                double          y,
                RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gboolean below = drop_below (row, y);

  gtk_widget_remove_css_class (row, below ? "relais-drop-above" : "relais-drop-below");
  gtk_widget_add_css_class (row, below ? "relais-drop-below" : "relais-drop-above");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget  *target,
               RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  gtk_widget_remove_css_class (row, "relais-drop-above");
  gtk_widget_remove_css_class (row, "relais-drop-below");
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RelaisRuleList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  RelaisRuleItem *onto = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  RelaisRuleItem *dragged;
  guint from, to;

  drop_leave_cb (target, self);
  if (onto == NULL || !G_VALUE_HOLDS (value, RELAIS_TYPE_RULE_ITEM))
    return FALSE;
  dragged = g_value_get_object (value);
  if (dragged == NULL
      || find_item (self, relais_rule_item_get_id (dragged), &from) == NULL
      || find_item (self, relais_rule_item_get_id (onto), &to) == NULL)
    return FALSE;

  /* Where it lands among the others, once it has left its own place. */
  if (drop_below (row, y))
    to++;
  if (from < to)
    to--;
  move_rule (self, relais_rule_item_get_id (dragged), to);
  return TRUE;
}

/* --- Rows --------------------------------------------------------------------------- */

static void
enabled_changed_cb (GtkSwitch      *toggle,
                    GParamSpec     *pspec,
                    RelaisRuleList *self)
{
  /* The switch is a child of the row's box, which holds the item. */
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (toggle));
  RelaisRuleItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->binding || item == NULL || self->db == NULL)
    return;

  id = relais_rule_item_get_id (item);
  if (!relais_rule_store_set_enabled (self->db, id, gtk_switch_get_active (toggle), &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rule could not be switched on or off: %s"), error->message);

      show_error (self, message);
    }
  /* Not from inside the switch's own notification: the reload rebinds it. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rules_changed_idle_cb, g_object_ref (self), g_object_unref);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RelaisRuleList           *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *position = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *criteria = gtk_label_new (NULL);
  GtkWidget *pool = gtk_label_new (NULL);
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *menu = gtk_menu_button_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (RELAIS_TYPE_RULE_ITEM, GDK_ACTION_MOVE);

  gtk_widget_add_css_class (row, "relais-rule-row");
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to change the order"));
  gtk_widget_add_css_class (position, "relais-rule-position");
  gtk_widget_add_css_class (position, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (position), 2);
  gtk_widget_set_valign (position, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (criteria), 0);
  /* Two lines at most, so that a rule with several criteria still reads. */
  gtk_label_set_wrap (GTK_LABEL (criteria), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (criteria), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (criteria), 2);
  gtk_label_set_ellipsize (GTK_LABEL (criteria), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (criteria, "caption");
  relais_label_add_text_tooltip (GTK_LABEL (criteria));
  gtk_label_set_xalign (GTK_LABEL (pool), 0);
  gtk_label_set_ellipsize (GTK_LABEL (pool), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (pool, "caption");
  gtk_widget_add_css_class (pool, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), criteria);
  gtk_box_append (GTK_BOX (texts), pool);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Enabled rules route leads; disabled ones are skipped"));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (enabled_changed_cb), self);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Rule actions"));

  gtk_box_append (GTK_BOX (row), handle);
  gtk_box_append (GTK_BOX (row), position);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), toggle);
  gtk_box_append (GTK_BOX (row), menu);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  g_object_set_data (G_OBJECT (row), "position", position);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "criteria", criteria);
  g_object_set_data (G_OBJECT (row), "pool", pool);
  g_object_set_data (G_OBJECT (row), "toggle", toggle);
  g_object_set_data (G_OBJECT (row), "menu", menu);
  gtk_list_item_set_child (list_item, row);
}

static GMenuModel *
row_menu (gint64 id,
          guint  position,
          guint  n_rules)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (item, "rules.edit", g_variant_new_int64 (id));
  g_menu_append_item (others, item);
  g_clear_object (&item);
  if (position > 0)
    {
      item = g_menu_item_new (_("Move _Up"), NULL);
      g_menu_item_set_action_and_target_value (item, "rules.move", g_variant_new ("(xi)", id, -1));
      g_menu_append_item (moves, item);
      g_clear_object (&item);
    }
  if (position + 1 < n_rules)
    {
      item = g_menu_item_new (_("Move _Down"), NULL);
      g_menu_item_set_action_and_target_value (item, "rules.move", g_variant_new ("(xi)", id, 1));
      g_menu_append_item (moves, item);
      g_clear_object (&item);
    }
  item = g_menu_item_new (_("_Delete…"), NULL);
  g_menu_item_set_action_and_target_value (item, "rules.delete", g_variant_new_int64 (id));
  g_menu_append_item (others, item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others));
  return G_MENU_MODEL (menu);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RelaisRuleList           *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  RelaisRuleItem *item = gtk_list_item_get_item (list_item);
  const RelaisRoutingRule *rule = relais_rule_item_get_rule (item);
  guint position = gtk_list_item_get_position (list_item);
  guint n_rules = g_list_model_get_n_items (G_LIST_MODEL (self->rules));
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  g_autofree char *accessible = NULL;
  g_autofree char *toggle_label = NULL;
  g_autofree char *menu_label = NULL;
  g_autoptr(GMenuModel) menu = row_menu (rule->id, position, n_rules);
  GtkWidget *name = g_object_get_data (G_OBJECT (row), "name");
  GtkWidget *criteria = g_object_get_data (G_OBJECT (row), "criteria");

  gtk_widget_remove_css_class (row, "relais-dragged");
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "position"), number);
  gtk_label_set_label (GTK_LABEL (name), rule->name);
  gtk_label_set_label (GTK_LABEL (criteria), relais_rule_item_get_criteria (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "pool"), relais_rule_item_get_pool (item));

  /* A disabled rule is greyed out, its switch still within reach. */
  if (rule->enabled)
    {
      gtk_widget_remove_css_class (name, "dim-label");
      gtk_widget_remove_css_class (criteria, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_add_css_class (criteria, "dim-label");
    }

  self->binding = TRUE;
  gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "toggle"), rule->enabled);
  self->binding = FALSE;
  gtk_menu_button_set_menu_model (g_object_get_data (G_OBJECT (row), "menu"), menu);

  accessible = rule->enabled
    /* Translators: accessible name of a rule in the list: %1$s its position, %2$s its name, %3$s its criteria, %4$s how it assigns */
    ? g_strdup_printf (_("Rule %1$s: %2$s. %3$s. %4$s."), number, rule->name,
                       relais_rule_item_get_criteria (item), relais_rule_item_get_pool (item))
    /* Translators: accessible name of a disabled rule in the list: %1$s its position, %2$s its name, %3$s its criteria, %4$s how it assigns */
    : g_strdup_printf (_("Rule %1$s, disabled: %2$s. %3$s. %4$s."), number, rule->name,
                       relais_rule_item_get_criteria (item), relais_rule_item_get_pool (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Translators: accessible name of the switch that enables a rule; %s is its name */
  toggle_label = g_strdup_printf (_("Rule “%s” enabled"), rule->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "toggle")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, toggle_label, -1);
  /* Translators: accessible name of the menu button of a rule; %s is its name */
  menu_label = g_strdup_printf (_("Actions of rule “%s”"), rule->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "menu")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

  /* The item holds its row's widget only while bound. */
  g_object_set_data_full (G_OBJECT (row), ITEM_KEY, g_object_ref (item), g_object_unref);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RelaisRuleList           *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), ITEM_KEY, NULL);
}

/* --- New, edit, delete ---------------------------------------------------------------- */

static void
editor_saved_cb (RelaisRuleList *self,
                 gint64          rule_id)
{
  rules_changed (self, rule_id);
}

static void
open_editor (RelaisRuleList          *self,
             const RelaisRoutingRule *rule)
{
  RelaisRuleEditor *editor;

  if (self->db == NULL)
    return;
  editor = relais_rule_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->db, rule);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (RELAIS_RULE_LIST (widget), NULL);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisRuleList *self = RELAIS_RULE_LIST (widget);
  RelaisRuleItem *item = find_item (self, g_variant_get_int64 (parameter), NULL);

  if (item != NULL)
    open_editor (self, relais_rule_item_get_rule (item));
}

static void
activate_cb (RelaisRuleList *self,
             guint           position)
{
  g_autoptr(RelaisRuleItem) item = g_list_model_get_item (G_LIST_MODEL (self->rules), position);

  if (item != NULL)
    open_editor (self, relais_rule_item_get_rule (item));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RelaisRuleList   *self)
{
  gint64 *id_data = g_object_get_data (G_OBJECT (dialog), "relais-rule-id");
  gint64 id = id_data != NULL ? *id_data : 0;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  if (!g_str_equal (response, "delete") || self->db == NULL || id == 0)
    return;

  find_item (self, id, &position);
  if (!relais_rule_store_delete (self->db, id, &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rule could not be deleted: %s"), error->message);

      show_error (self, message);
      return;
    }

  rules_changed (self, 0);
  /* The focus goes to the rule that took its place. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rules)) > 0)
    {
      g_autoptr(RelaisRuleItem) next = g_list_model_get_item (G_LIST_MODEL (self->rules),
                                                              MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->rules)) - 1));
      focus_rule (self, relais_rule_item_get_id (next));
    }
}

static void
ask_delete (RelaisRuleList *self,
            gint64          id)
{
  RelaisRuleItem *item = find_item (self, id, NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  gint64 *id_copy;

  if (item == NULL)
    return;

  /* Translators: %s is the name of an assignment rule */
  heading = g_strdup_printf (_("Delete Rule “%s”?"), relais_rule_item_get_rule (item)->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Leads it already assigned keep their partner; their explanation still names the rule. New leads go to the next rule that matches them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  id_copy = g_new (gint64, 1);
  *id_copy = id;
  g_object_set_data_full (G_OBJECT (dialog), "relais-rule-id", id_copy, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_delete (RELAIS_RULE_LIST (widget), g_variant_get_int64 (parameter));
}

static void
delete_selected_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RelaisRuleList *self = RELAIS_RULE_LIST (widget);
  gint64 id = selected_id (self);

  if (id != 0)
    ask_delete (self, id);
}

/* --- Preview ------------------------------------------------------------------------- */

static void
preview_leads_changed_cb (RelaisRuleList *self)
{
  g_signal_emit (self, signals[LEADS_CHANGED], 0);
}

/* --- Loading ------------------------------------------------------------------------- */

static GHashTable *
names_table (GStrv   names,
             GArray *ids)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; names != NULL && names[i] != NULL && i < ids->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = g_array_index (ids, gint64, i);
      g_hash_table_insert (table, id, g_strdup (names[i]));
    }
  return table;
}

static void
update_actions (RelaisRuleList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rules));
  guint selected = gtk_single_selection_get_selected (self->selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.move-selected", n > 1 && selected != GTK_INVALID_LIST_POSITION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.delete-selected", selected != GTK_INVALID_LIST_POSITION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.new", self->db != NULL);
}

static gboolean
reload (RelaisRuleList  *self,
        GError         **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_auto(GStrv) partner_names = NULL;
  g_auto(GStrv) queue_names = NULL;
  g_autoptr(GArray) partner_ids = NULL;
  g_autoptr(GArray) queue_ids = NULL;
  g_autoptr(GHashTable) partners = NULL;
  g_autoptr(GHashTable) queues = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected = selected_id (self);
  guint n_enabled = 0;

  if (self->db == NULL)
    return TRUE;

  rules = relais_rule_store_list (self->db, error);
  if (rules == NULL)
    return FALSE;
  if (!relais_partner_store_list_names (self->db, &partner_names, &partner_ids, error) ||
      !relais_queue_store_list (self->db, &queue_names, &queue_ids, error))
    return FALSE;
  partners = names_table (partner_names, partner_ids);
  queues = names_table (queue_names, queue_ids);

  for (guint i = 0; i < rules->len; i++)
    {
      RelaisRoutingRule *rule = relais_routing_rule_copy (g_ptr_array_index (rules, i));

      if (rule->enabled)
        n_enabled++;
      g_ptr_array_add (items, relais_rule_item_new (rule, partners, queues));
    }

  g_list_store_splice (self->rules, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rules)),
                       items->pdata, items->len);
  {
    guint position;

    if (selected != 0 && find_item (self, selected, &position) != NULL)
      gtk_single_selection_set_selected (self->selection, position);
    else
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  }

  gtk_stack_set_visible_child_name (self->stack, rules->len > 0 ? "list" : "empty");
  /* How the order works means nothing before there is an order. */
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), rules->len > 0);
  relais_rule_preview_set_n_enabled_rules (self->preview, n_enabled);
  update_actions (self);
  return TRUE;
}

/* --- GObject -------------------------------------------------------------------------- */

static void
relais_rule_list_dispose (GObject *object)
{
  RelaisRuleList *self = RELAIS_RULE_LIST (object);

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_RULE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->rules);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_rule_list_parent_class)->dispose (object);
}

static void
relais_rule_list_class_init (RelaisRuleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_rule_list_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LEADS_CHANGED] =
    g_signal_new ("leads-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RELAIS_TYPE_RULE_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/rules/relais-rule-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, paned);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, list_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, new_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, auto_route_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, auto_route_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleList, preview);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_leads_changed_cb);

  gtk_widget_class_install_action (widget_class, "rules.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "rules.edit", "x", edit_action_cb);
  gtk_widget_class_install_action (widget_class, "rules.delete", "x", delete_action_cb);
  gtk_widget_class_install_action (widget_class, "rules.delete-selected", NULL, delete_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "rules.move", "(xi)", move_action_cb);
  gtk_widget_class_install_action (widget_class, "rules.move-selected", "i", move_selected_action_cb);
  /* While the focus is in the section. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "rules.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "rules.move-selected", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "rules.move-selected", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "rules.move-selected", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "rules.move-selected", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "rules.delete-selected", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-rule-list");
}

/* The few styles of the section (drop indicator, position badge), kept with
 * its templates. */
static void
load_css (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/relais/Relais/rules/relais-rules.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

/* Shown by Alt+6 or the sidebar: the keyboard lands in the section, where
 * its shortcuts (Ctrl+N, Alt+Up, Alt+Down, Delete) work. */
static void
map_cb (GtkWidget *widget,
        gpointer   user_data)
{
  RelaisRuleList *self = RELAIS_RULE_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rules)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->new_button));
}

static void
relais_rule_list_init (RelaisRuleList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  self->rules = g_list_store_new (RELAIS_TYPE_RULE_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rules)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "auto-route", self->auto_route_switch, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->auto_route_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Automatic mode: route new leads by the rules as they arrive"), -1);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
  update_actions (self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

gboolean
relais_rule_list_reload (RelaisRuleList  *self,
                         RelaisDb        *db,
                         GError         **error)
{
  g_return_val_if_fail (RELAIS_IS_RULE_LIST (self), FALSE);
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  if (self->db != db)
    {
      g_set_object (&self->db, db);
      relais_rule_preview_set_db (self->preview, db);
    }
  return reload (self, error);
}

char *
relais_rule_list_dup_summary (RelaisRuleList *self)
{
  guint n, n_enabled = 0;
  g_autofree char *count = NULL;
  g_autofree char *enabled = NULL;
  g_autofree char *rules = NULL;

  g_return_val_if_fail (RELAIS_IS_RULE_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rules));
  if (n == 0)
    /* Translators: the window's subtitle in the Rules section when there are none */
    return g_strdup (_("No rules"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RelaisRuleItem) item = g_list_model_get_item (G_LIST_MODEL (self->rules), i);

      if (relais_rule_item_get_rule (item)->enabled)
        n_enabled++;
    }

  count = relais_format_count (n);
  enabled = relais_format_count (n_enabled);
  /* Translators: the number of assignment rules; %s is the formatted count */
  rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s rule", "%s rules", n), count);
  if (n_enabled == n)
    return g_steal_pointer (&rules);
  /* Translators: the rules and how many of them are enabled: "3 rules, 2 enabled"; %2$s is a formatted count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s, %2$s enabled", "%1$s, %2$s enabled", n_enabled),
                          rules, enabled);
}

void
relais_rule_list_preview_leads (RelaisRuleList *self,
                                GArray         *ids)
{
  g_return_if_fail (RELAIS_IS_RULE_LIST (self));
  g_return_if_fail (ids != NULL);

  relais_rule_preview_run_for_leads (self->preview, ids);
}
