/* relais-partner-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-partner-list.h"

#include <glib/gi18n.h>

#include "relais-partner-store.h"
#include "relais-util.h"

struct _RelaisPartnerList
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkColumnView    *column_view;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (RelaisPartnerList, relais_partner_list, GTK_TYPE_WIDGET)

/* Expression closures of the .ui: each receives the row's RelaisPartner. */

static char *
load_text_cb (gpointer       user_data,
              RelaisPartner *partner)
{
  g_autofree char *open_leads = NULL;
  g_autofree char *capacity = NULL;

  if (partner == NULL)
    return NULL;

  open_leads = relais_format_count (relais_partner_get_open_leads (partner));
  capacity = relais_format_count (relais_partner_get_capacity (partner));

  /* Translators: a partner's open leads out of its capacity: "12 / 50" */
  return g_strdup_printf (_("%1$s / %2$s"), open_leads, capacity);
}

static char *
availability_text_cb (gpointer       user_data,
                      RelaisPartner *partner)
{
  if (partner == NULL)
    return NULL;
  if (!relais_partner_get_active (partner))
    /* Translators: a partner account that receives no leads */
    return g_strdup (_("Inactive"));
  if (relais_partner_is_out_of_office (partner, g_get_real_time ()))
    /* Translators: a partner that said it is away for now */
    return g_strdup (_("Out of office"));
  if (relais_partner_get_open_leads (partner) > relais_partner_get_capacity (partner))
    /* Translators: a partner with more open leads than its capacity */
    return g_strdup (_("Over capacity"));
  /* Translators: a partner that can receive leads */
  return g_strdup (_("Available"));
}

static void
relais_partner_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RELAIS_TYPE_PARTNER_LIST);

  G_OBJECT_CLASS (relais_partner_list_parent_class)->dispose (object);
}

static void
relais_partner_list_class_init (RelaisPartnerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_partner_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-partner-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, column_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerList, selection);
  gtk_widget_class_bind_template_callback (widget_class, load_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, availability_text_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-partner-list");
}

static void
relais_partner_list_init (RelaisPartnerList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A thousand partners at most in practice: the whole list is read at once. */
gboolean
relais_partner_list_reload (RelaisPartnerList  *self,
                            RelaisDb           *db,
                            GError            **error)
{
  g_autoptr(GListStore) partners = NULL;

  g_return_val_if_fail (RELAIS_IS_PARTNER_LIST (self), FALSE);
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  partners = relais_partner_store_list (db, error);
  if (partners == NULL)
    return FALSE;

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (partners));
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (partners)) > 0 ? "list" : "empty");
  return TRUE;
}

/**
 * relais_partner_list_dup_summary:
 *
 * Returns: (transfer full): "40 partners", for the window's subtitle.
 */
char *
relais_partner_list_dup_summary (RelaisPartnerList *self)
{
  GListModel *model;
  g_autofree char *count = NULL;
  guint n;

  g_return_val_if_fail (RELAIS_IS_PARTNER_LIST (self), NULL);

  model = gtk_single_selection_get_model (self->selection);
  n = model ? g_list_model_get_n_items (model) : 0;
  count = relais_format_count (n);

  /* Translators: the number of partner accounts; %s is the formatted count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s partner", "%s partners", n), count);
}
