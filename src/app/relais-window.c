/* relais-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-window.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "relais-assign-dialog.h"
#include "relais-assign-panel.h"
#include "relais-import-dialog.h"
#include "relais-lead-detail.h"
#include "relais-lead-list.h"
#include "relais-partner-list.h"
#include "relais-reassigner.h"
#include "relais-rule-list.h"
#include "relais-test-hooks.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisWindow
{
  AdwApplicationWindow  parent_instance;

  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  RelaisLeadList       *lead_list;
  RelaisLeadDetail     *lead_detail;
  RelaisPartnerList    *partner_list;
  RelaisRuleList       *rule_list;
  GtkRevealer          *assign_revealer;
  RelaisAssignPanel    *assign_panel;

  GSettings            *settings;
  RelaisReassigner     *reassigner;
};

G_DEFINE_FINAL_TYPE (RelaisWindow, relais_window, ADW_TYPE_APPLICATION_WINDOW)

static void bench_drop_step (RelaisWindow *self);

static void
update_title (RelaisWindow *self)
{
  GtkStackPage *page;
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *subtitle = NULL;

  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  adw_window_title_set_title (self->window_title, page ? gtk_stack_page_get_title (page) : "");

  if (g_strcmp0 (name, "leads") == 0)
    subtitle = relais_lead_list_dup_summary (self->lead_list);
  else if (g_strcmp0 (name, "partners") == 0)
    subtitle = relais_partner_list_dup_summary (self->partner_list);
  else if (g_strcmp0 (name, "rules") == 0)
    subtitle = relais_rule_list_dup_summary (self->rule_list);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

static void
sidebar_row_selected_cb (RelaisWindow  *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const char *name;

  if (row == NULL)
    return;

  name = gtk_widget_get_name (GTK_WIDGET (row));
  gtk_stack_set_visible_child_name (self->stack, name);
  g_settings_set_string (self->settings, "last-section", name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_title (self);
}

static void
select_section (RelaisWindow *self,
                const char   *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

/* The detail pane follows the list: one selected lead is shown; none or
 * several, nothing. */
static void
lead_selection_changed_cb (RelaisWindow *self)
{
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  gint64 id = relais_lead_list_get_selected_id (self->lead_list);

  if (id != relais_lead_detail_get_lead_id (self->lead_detail))
    relais_lead_detail_set_lead (self->lead_detail, relais_application_get_db (app), id);
  if (id == 0)
    relais_lead_detail_set_n_selected (self->lead_detail, relais_lead_list_get_n_selected (self->lead_list));
}

static void
lead_detail_changed_cb (RelaisWindow *self,
                        gint64        lead_id)
{
  relais_lead_list_refresh_lead (self->lead_list, lead_id);
}

static void
lead_detail_deleted_cb (RelaisWindow *self,
                        gint64        lead_id)
{
  relais_lead_list_reload (self->lead_list);
}

/* Partners or queues were added, renamed, (de)activated or deleted. */
static void
partner_list_changed_cb (RelaisWindow *self)
{
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;

  update_title (self);
  relais_assign_panel_reload (self->assign_panel, relais_db_get_path (relais_application_get_db (app)));
  /* The rules name partners and queues in their summaries. */
  if (!relais_rule_list_reload (self->rule_list, relais_application_get_db (app), &error))
    relais_window_show_error (self, error->message);
}

/* Leads were moved from the Partners section (a partner deactivated, a queue deleted). */
static void
partner_list_leads_changed_cb (RelaisWindow *self)
{
  relais_lead_list_reload (self->lead_list);
  relais_lead_detail_reload (self->lead_detail);
  partner_list_changed_cb (self);
}

/* Rules were added, changed, reordered or deleted. */
static void
rule_list_changed_cb (RelaisWindow *self)
{
  update_title (self);
}

/* The rules assigned leads (Apply), or gave them back (Undo): the lead list,
 * the detail pane and the partners' counts follow, as after a move in the
 * Partners section. */
static void
rule_list_leads_changed_cb (RelaisWindow *self)
{
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  relais_lead_list_reload (self->lead_list);
  relais_lead_detail_reload (self->lead_detail);
  update_title (self);
  relais_assign_panel_reload (self->assign_panel, relais_db_get_path (relais_application_get_db (app)));
}

static void
lead_detail_toast_cb (RelaisWindow *self,
                      const char   *message)
{
  relais_window_show_message (self, message);
}

static void
lead_list_changed_cb (RelaisWindow *self)
{
  /* A new search or filter replaces the rows, and with them the selection. */
  lead_selection_changed_cb (self);
  update_title (self);
  relais_test_hooks_maybe_quit (relais_lead_list_is_loaded (self->lead_list));
  bench_drop_step (self);
}

static void
go_back_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
section_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);

  select_section (self, g_variant_get_string (parameter, NULL));
}

static void
show_error_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  relais_window_show_error (RELAIS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_toast_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);

  relais_window_show_message (self, g_variant_get_string (parameter, NULL));
}

static void
import_dialog_imported_cb (RelaisWindow       *self,
                           guint64             n_inserted,
                           guint64             n_merged,
                           RelaisImportDialog *dialog)
{
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *message = relais_import_dialog_format_result (n_inserted, n_merged);
  const char *route_error = relais_import_dialog_get_route_error (dialog);
  guint n_routed = relais_import_dialog_get_n_routed (dialog);

  relais_lead_list_reload (self->lead_list);
  if (n_routed > 0)
    {
      g_autofree char *count = relais_format_count (n_routed);
      g_autofree char *routed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             /* Translators: after the toast of an import, in automatic mode; %s is a formatted count */
                                                             "The rules routed %s of them.",
                                                             "The rules routed %s of them.", n_routed),
                                                 count);
      g_autofree char *both = g_strconcat (message, " ", routed, NULL);

      g_free (message);
      message = g_steal_pointer (&both);
      relais_assign_panel_reload (self->assign_panel, relais_db_get_path (relais_application_get_db (app)));
    }
  relais_window_show_message (self, message);
  if (route_error != NULL)
    {
      /* Translators: %s says why (an error message); the leads were imported */
      g_autofree char *error = g_strdup_printf (_("The imported leads could not be routed by the rules: %s"), route_error);

      relais_window_show_error (self, error);
    }
}

static void
import_leads_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  RelaisImportDialog *dialog;

  select_section (self, "leads");
  dialog = relais_import_dialog_new (GTK_WINDOW (self), relais_application_get_db (app));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_dialog_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_leads_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);

  select_section (self, "leads");
  relais_lead_list_export (self->lead_list);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);

  select_section (self, "leads");
  relais_lead_list_focus_search (self->lead_list);
}

/* --- Reassigning leads (relais-reassigner.c) -------------------------------- */

static void
assign_panel_dropped_cb (RelaisWindow     *self,
                         RelaisAssignItem *target,
                         RelaisLeadDrag   *drag)
{
  relais_reassigner_assign (self->reassigner, relais_lead_drag_get_ids (drag), target,
                            relais_assign_panel_get_notify (self->assign_panel));
}

static void
assign_selected_to (RelaisWindow     *self,
                    RelaisAssignItem *target,
                    gboolean          notify)
{
  g_autoptr(GArray) ids = relais_lead_list_dup_selected_ids (self->lead_list);

  if (ids->len == 0)
    {
      relais_window_show_message (self, _("Select the leads to assign first."));
      return;
    }
  relais_reassigner_assign (self->reassigner, ids, target, notify);
}

static void
assign_panel_activated_cb (RelaisWindow     *self,
                           RelaisAssignItem *target)
{
  assign_selected_to (self, target, relais_assign_panel_get_notify (self->assign_panel));
}

static void
assign_dialog_chosen_cb (RelaisWindow     *self,
                         RelaisAssignItem *target,
                         gboolean          notify)
{
  assign_selected_to (self, target, notify);
}

static void
assign_to_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;
  RelaisAssignDialog *dialog;

  select_section (self, "leads");
  ids = relais_lead_list_dup_selected_ids (self->lead_list);
  if (ids->len == 0)
    {
      relais_window_show_message (self, _("Select the leads to assign first."));
      return;
    }

  dialog = relais_assign_dialog_new (GTK_WINDOW (self), relais_assign_panel_get_targets (self->assign_panel), ids->len);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (assign_dialog_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The selected leads, previewed by the rules in the Rules section; Apply
 * there writes the result. */
static void
route_selection_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RelaisWindow *self = RELAIS_WINDOW (widget);
  g_autoptr(GArray) ids = relais_lead_list_dup_selected_ids (self->lead_list);

  if (ids->len == 0)
    {
      relais_window_show_message (self, _("Select the leads to route first."));
      return;
    }
  select_section (self, "rules");
  relais_rule_list_preview_leads (self->rule_list, ids);
}

static void
undo_reassign_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  relais_reassigner_undo (RELAIS_WINDOW (widget)->reassigner);
}

static void
can_undo_changed_cb (RelaisWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-reassign",
                                 relais_reassigner_can_undo (self->reassigner));
}

/* --- relais-bench drop (RELAIS_BENCH_DROP=N) ---------------------------------
 *
 * Once the list is in, the first N rows are selected and dropped on the first
 * active partner, as a drop would; the longest time between two painted frames
 * (a tick callback keeps frames coming) is measured from the drop until the
 * list has loaded the result, then the app quits. */

typedef struct {
  gboolean started;
  gboolean committed;
  gboolean finishing;
  gint64   start;
  gint64   last_paint;
  gint64   longest;
} DropBench;

static DropBench drop_bench;

static guint
bench_drop_size (void)
{
  const char *env = g_getenv ("RELAIS_BENCH_DROP");

  return env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 0;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (drop_bench.last_paint != 0)
    drop_bench.longest = MAX (drop_bench.longest, now - drop_bench.last_paint);
  if (g_getenv ("RELAIS_BENCH_VERBOSE") != NULL && now - drop_bench.last_paint > 50000)
    g_printerr ("frame of %.1f ms ending at %.1f ms\n", (now - drop_bench.last_paint) / 1000.0,
                (now - drop_bench.start) / 1000.0);
  drop_bench.last_paint = now;
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_drop_finish_cb (gpointer user_data)
{
  printf ("DROP-LONGEST-FRAME-MS %.1f\n", drop_bench.longest / 1000.0);
  fflush (stdout);
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static gboolean
bench_drop_start_cb (gpointer user_data)
{
  RelaisWindow *self = user_data;
  GListModel *targets = relais_assign_panel_get_targets (self->assign_panel);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RelaisAssignItem) target = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(RelaisAssignItem) item = g_list_model_get_item (targets, i);
      const RelaisAssignTargetInfo *info = relais_assign_item_get_info (item);

      /* The active partner with the fewest open leads: it holds none of
       * the newest leads, so that the drop moves them all. */
      if (info->target.kind == RELAIS_ASSIGN_TARGET_PARTNER && info->active &&
          (target == NULL || info->open_leads < relais_assign_item_get_info (target)->open_leads))
        g_set_object (&target, item);
    }
  if (target == NULL)
    {
      g_printerr ("relais: no partner to drop on\n");
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  gtk_selection_model_select_range (relais_lead_list_get_selection (self->lead_list), 0, bench_drop_size (), TRUE);
  ids = relais_lead_list_dup_selected_ids (self->lead_list);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick_cb, NULL, NULL);
  drop_bench.start = drop_bench.last_paint = g_get_monotonic_time ();
  relais_reassigner_assign_without_asking (self->reassigner, ids, target, FALSE);
  return G_SOURCE_REMOVE;
}

static void
bench_drop_step (RelaisWindow *self)
{
  if (bench_drop_size () == 0 || !relais_lead_list_is_loaded (self->lead_list))
    return;

  if (!drop_bench.started)
    {
      if (g_list_model_get_n_items (relais_assign_panel_get_targets (self->assign_panel)) == 0)
        return;
      drop_bench.started = TRUE;
      g_timeout_add (500, bench_drop_start_cb, self);
    }
  else if (drop_bench.committed && !drop_bench.finishing)
    {
      /* The list has the result: a few more frames, then the figure. */
      drop_bench.finishing = TRUE;
      g_timeout_add (300, bench_drop_finish_cb, NULL);
    }
}

/* Leads moved: the list, the detail pane and the partners' counts follow. */
static void
reassigned_cb (RelaisWindow *self,
               GArray       *ids)
{
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  RelaisDb *db = relais_application_get_db (app);
  gint64 shown = relais_lead_detail_get_lead_id (self->lead_detail);

  if (drop_bench.started && !drop_bench.committed)
    {
      drop_bench.committed = TRUE;
      printf ("DROP-COMMIT-MS %.1f\n", (g_get_monotonic_time () - drop_bench.start) / 1000.0);
      printf ("DROP-JOURNAL-ID %" G_GINT64_FORMAT "\n", relais_reassigner_get_undo_journal_id (self->reassigner));
      fflush (stdout);
    }

  if (g_getenv ("RELAIS_BENCH_VERBOSE") != NULL && drop_bench.started)
    g_printerr ("changed at %.1f ms\n", (g_get_monotonic_time () - drop_bench.start) / 1000.0);
  relais_lead_list_refresh_changed (self->lead_list, ids);
  relais_assign_panel_reload (self->assign_panel, relais_db_get_path (db));

  for (guint i = 0; shown != 0 && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == shown)
      {
        relais_lead_detail_set_lead (self->lead_detail, db, shown);
        break;
      }
}

static void
reassign_error_cb (RelaisWindow *self,
                   const char   *message)
{
  if (drop_bench.started)
    g_printerr ("relais: the bench drop failed: %s\n", message);
  relais_window_show_error (self, message);
}

static void
assign_panel_failed_cb (RelaisWindow *self,
                        GError       *error)
{
  relais_window_show_error (self, error->message);
}

static void
relais_window_dispose (GObject *object)
{
  RelaisWindow *self = (RelaisWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->reassigner);

  G_OBJECT_CLASS (relais_window_parent_class)->dispose (object);
}

static void
relais_window_class_init (RelaisWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_window_dispose;

  g_type_ensure (RELAIS_TYPE_LEAD_LIST);
  g_type_ensure (RELAIS_TYPE_LEAD_DETAIL);
  g_type_ensure (RELAIS_TYPE_PARTNER_LIST);
  g_type_ensure (RELAIS_TYPE_ASSIGN_PANEL);
  g_type_ensure (RELAIS_TYPE_RULE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/relais-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, lead_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, lead_detail);
  gtk_widget_class_bind_template_callback (widget_class, lead_detail_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, lead_detail_deleted_cb);
  gtk_widget_class_bind_template_callback (widget_class, lead_detail_toast_cb);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, partner_list);
  gtk_widget_class_bind_template_callback (widget_class, partner_list_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, partner_list_leads_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, rule_list);
  gtk_widget_class_bind_template_callback (widget_class, rule_list_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_list_leads_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, lead_list_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, assign_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisWindow, assign_panel);
  gtk_widget_class_bind_template_callback (widget_class, assign_panel_dropped_cb);
  gtk_widget_class_bind_template_callback (widget_class, assign_panel_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action_cb);
  gtk_widget_class_install_action (widget_class, "win.section", "s", section_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", show_error_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-leads", NULL, import_leads_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-leads", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-leads", NULL, export_leads_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-leads", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.assign-to", NULL, assign_to_action_cb);
  gtk_widget_class_install_action (widget_class, "win.route-selection", NULL, route_selection_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.route-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.assign-to", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo-reassign", NULL, undo_reassign_action_cb);

  /* Alt+1 … Alt+6 go to the sections in the order of the sidebar. */
  {
    static const char *sections[] = { "overview", "leads", "prospects", "deals", "partners", "rules" };

    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.section", "s", sections[i]);
  }
}

static void
relais_window_init (RelaisWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RelaisWindow *
relais_window_new (RelaisApplication *application)
{
  RelaisWindow *self;
  g_autofree char *section = NULL;

  g_return_val_if_fail (RELAIS_IS_APPLICATION (application), NULL);

  self = g_object_new (RELAIS_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (relais_application_get_settings (application));

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lead-view", self->lead_list, "view", G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (self->settings, "assign-panel-visible", self->assign_revealer, "reveal-child", G_SETTINGS_BIND_DEFAULT);
  {
    g_autoptr(GAction) panel_action = g_settings_create_action (self->settings, "assign-panel-visible");
    g_action_map_add_action (G_ACTION_MAP (self), panel_action);
  }

  relais_lead_list_set_db (self->lead_list, relais_application_get_db (application));

  self->reassigner = relais_reassigner_new (GTK_WINDOW (self), self->toast_overlay,
                                            relais_db_get_path (relais_application_get_db (application)));
  g_signal_connect_object (self->reassigner, "changed", G_CALLBACK (reassigned_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reassigner, "error", G_CALLBACK (reassign_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reassigner, "notify::can-undo", G_CALLBACK (can_undo_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assign_panel, "failed", G_CALLBACK (assign_panel_failed_cb), self, G_CONNECT_SWAPPED);
  if (bench_drop_size () > 0)
    g_signal_connect_object (self->assign_panel, "loaded", G_CALLBACK (bench_drop_step), self, G_CONNECT_SWAPPED);
  can_undo_changed_cb (self);
  g_signal_connect_object (relais_lead_list_get_selection (self->lead_list), "selection-changed",
                           G_CALLBACK (lead_selection_changed_cb), self, G_CONNECT_SWAPPED);
  relais_window_reload (self);

  section = g_settings_get_string (self->settings, "last-section");
  select_section (self, gtk_stack_get_child_by_name (self->stack, section) ? section : "leads");

  return self;
}

/* Reads the store again, after something else (a demo load, an import) changed it. */
void
relais_window_reload (RelaisWindow *self)
{
  g_autoptr(GError) error = NULL;
  RelaisApplication *app = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_return_if_fail (RELAIS_IS_WINDOW (self));

  relais_lead_list_reload (self->lead_list);
  relais_assign_panel_reload (self->assign_panel, relais_db_get_path (relais_application_get_db (app)));
  if (!relais_partner_list_reload (self->partner_list, relais_application_get_db (app), &error))
    relais_window_show_error (self, error->message);
  g_clear_error (&error);
  if (!relais_rule_list_reload (self->rule_list, relais_application_get_db (app), &error))
    relais_window_show_error (self, error->message);

  update_title (self);
}

void
relais_window_show_message (RelaisWindow *self,
                            const char   *message)
{
  g_return_if_fail (RELAIS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, relais_toast_new (message));
}

void
relais_window_show_error (RelaisWindow *self,
                          const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (RELAIS_IS_WINDOW (self));

  toast = relais_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
