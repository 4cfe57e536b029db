/* relais-lead-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-lead-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "relais-lead-model.h"
#include "relais-util.h"

struct _RelaisLeadList
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkMultiSelection  *selection;

  RelaisLeadModel    *model;
};

G_DEFINE_FINAL_TYPE (RelaisLeadList, relais_lead_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Expression closures of the .ui: each receives the row's RelaisLead. */

static char *
full_name_cb (gpointer    user_data,
              RelaisLead *lead)
{
  return lead ? relais_lead_dup_full_name (lead) : NULL;
}

static char *
age_text_cb (gpointer    user_data,
             RelaisLead *lead)
{
  g_autofree char *count = NULL;
  gint64 created_at, days;

  if (lead == NULL || (created_at = relais_lead_get_created_at (lead)) == 0)
    return NULL;

  days = (g_get_real_time () - created_at) / G_TIME_SPAN_DAY;
  if (days < 1)
    /* Translators: the age of a lead created less than a day ago */
    return g_strdup (_("today"));

  count = relais_format_count (days);
  /* Translators: the age of a lead in days, abbreviated: "3 d" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s d", "%s d", (gulong) days), count);
}

static char *
sla_text_cb (gpointer    user_data,
             RelaisLead *lead)
{
  if (lead == NULL || !relais_lead_is_overdue (lead, g_get_real_time ()))
    return NULL;

  /* Translators: shown on a lead that its partner has not accepted within 48 hours */
  return g_strdup (_("Overdue"));
}

static gboolean
sla_visible_cb (gpointer    user_data,
                RelaisLead *lead)
{
  return lead != NULL && relais_lead_is_overdue (lead, g_get_real_time ());
}

static void
relais_lead_list_dispose (GObject *object)
{
  RelaisLeadList *self = (RelaisLeadList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_LEAD_LIST);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (relais_lead_list_parent_class)->dispose (object);
}

static void
relais_lead_list_class_init (RelaisLeadListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_lead_list_dispose;

  /* Emitted when the list was read again, so that counts around it can follow. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-lead-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, column_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, selection);
  gtk_widget_class_bind_template_callback (widget_class, full_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, age_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, sla_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, sla_visible_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-lead-list");
}

static void
relais_lead_list_init (RelaisLeadList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
relais_lead_list_set_db (RelaisLeadList *self,
                         RelaisDb       *db)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));
  g_return_if_fail (RELAIS_IS_DB (db));

  g_clear_object (&self->model);
  self->model = relais_lead_model_new (db);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->model));
}

gboolean
relais_lead_list_reload (RelaisLeadList  *self,
                         GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);

  ok = relais_lead_model_reload (self->model, error);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 ? "list" : "empty");
  g_signal_emit (self, signals[CHANGED], 0);

  return ok;
}

/**
 * relais_lead_list_dup_summary:
 *
 * Returns: (transfer full): "2 000 leads", for the window's subtitle.
 */
char *
relais_lead_list_dup_summary (RelaisLeadList *self)
{
  g_autofree char *count = NULL;
  guint n;

  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);

  n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  count = relais_format_count (n);

  /* Translators: the number of leads in the list; %s is the formatted count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", n), count);
}
