/* relais-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-window.h"

#include <glib/gi18n.h>

#include "relais-import-dialog.h"
#include "relais-lead-detail.h"
#include "relais-lead-list.h"
#include "relais-partner-list.h"
#include "relais-test-hooks.h"

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

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RelaisWindow, relais_window, ADW_TYPE_APPLICATION_WINDOW)

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

static void
lead_detail_toast_cb (RelaisWindow *self,
                      const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
lead_list_changed_cb (RelaisWindow *self)
{
  /* A new search or filter replaces the rows, and with them the selection. */
  lead_selection_changed_cb (self);
  update_title (self);
  relais_test_hooks_maybe_quit (relais_lead_list_is_loaded (self->lead_list));
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

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
import_dialog_imported_cb (RelaisWindow       *self,
                           guint64             n_inserted,
                           guint64             n_merged,
                           RelaisImportDialog *dialog)
{
  g_autofree char *message = relais_import_dialog_format_result (n_inserted, n_merged);

  relais_lead_list_reload (self->lead_list);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
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

static void
relais_window_dispose (GObject *object)
{
  RelaisWindow *self = (RelaisWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, lead_list_changed_cb);

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

  relais_lead_list_set_db (self->lead_list, relais_application_get_db (application));
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
  if (!relais_partner_list_reload (self->partner_list, relais_application_get_db (app), &error))
    relais_window_show_error (self, error->message);

  update_title (self);
}

void
relais_window_show_error (RelaisWindow *self,
                          const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (RELAIS_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
