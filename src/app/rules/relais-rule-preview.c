/* relais-rule-preview.c
 *
 * The preview runs in a worker thread on a connection of its own
 * (relais_rule_store_preview_async()), so that the window keeps drawing
 * while thousands of leads are routed; a newer run, or Cancel, cancels it.
 * The result is kept as it is: Apply hands that very result to the store,
 * which writes those decisions and nothing else. When the rules change after
 * a preview, Apply is disabled until the next one.
 *
 * The chart is a GtkListView (a pool may have hundreds of members): one row
 * per partner, rep or queue with its name, a bar (a GtkLevelBar, which
 * screen readers read as a value out of a maximum) and its count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-rule-preview.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "relais-lead-assign.h"
#include "relais-lead-store.h"
#include "relais-preview-item.h"
#include "relais-rule-store.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisRulePreview
{
  GtkWidget             parent_instance;

  RelaisDb             *db;
  char                 *path;
  guint                 n_enabled;
  GArray               *selection;      /* the leads of the list being routed, or NULL: the unassigned ones */
  GCancellable         *cancellable;    /* the preview running, if any */
  RelaisRulePreviewResult *result;      /* what Apply would write, or NULL */
  RelaisRulePreviewResult *applying_result; /* what Apply is writing: the worker reads it until the callback */
  gboolean              stale;          /* the rules changed since the result */
  gboolean              applying;       /* Apply or Undo being written */
  GListStore           *shares;         /* RelaisPreviewItem: the bars */
  GListStore           *unassigned;     /* RelaisPreviewItem: the leads left */

  AdwToast             *undo_toast;     /* while it is up */
  gint64                undo_journal_id;

  GtkStack             *stack;
  GtkRevealer          *stale_revealer;
  GtkSpinner           *spinner;
  GtkLabel             *running_label;
  GtkLabel             *summary_label;
  GtkBox               *stats_box;
  GtkLabel             *assigned_count_label;
  GtkLabel             *assigned_caption_label;
  GtkLabel             *queued_count_label;
  GtkLabel             *queued_caption_label;
  GtkLabel             *unassigned_count_label;
  GtkLabel             *unassigned_caption_label;
  GtkStack             *result_stack;
  GtkStackPage         *unassigned_page;
  GtkStack             *chart_stack;
  GtkListView          *chart_view;
  GtkStack             *unassigned_stack;
  GtkListView          *unassigned_view;
};

G_DEFINE_FINAL_TYPE (RelaisRulePreview, relais_rule_preview, GTK_TYPE_WIDGET)

enum {
  LEADS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (RelaisRulePreview *self,
            const char        *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", message);
}

static void
show_toast (RelaisRulePreview *self,
            AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
update_actions (RelaisRulePreview *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.run",
                                 self->db != NULL && self->n_enabled > 0 && !running && !self->applying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.apply",
                                 self->result != NULL && !self->stale && !running && !self->applying
                                 && relais_rule_preview_result_get_summary (self->result)->n_leads
                                    > relais_rule_preview_result_get_summary (self->result)->n_unassigned);
  gtk_revealer_set_reveal_child (self->stale_revealer, self->result != NULL && self->stale);
}

/* Back to the start: no result, nothing that Apply could write. */
static void
clear_result (RelaisRulePreview *self)
{
  g_clear_pointer (&self->result, relais_rule_preview_result_free);
  self->stale = FALSE;
  g_list_store_remove_all (self->shares);
  g_list_store_remove_all (self->unassigned);
  gtk_stack_set_visible_child_name (self->stack, self->n_enabled > 0 ? "idle" : "no-rules");
  update_actions (self);
}

/* --- The chart and the list ----------------------------------------------------------- */

static const char *
target_icon (RelaisRoutingTargetKind kind)
{
  switch (kind)
    {
    case RELAIS_ROUTING_TARGET_REP:
      return "avatar-default-symbolic";
    case RELAIS_ROUTING_TARGET_QUEUE:
      return "view-list-bullet-symbolic";
    case RELAIS_ROUTING_TARGET_PARTNER:
    case RELAIS_ROUTING_TARGET_NONE:
    case RELAIS_ROUTING_N_TARGET_KINDS:
    default:
      return "system-users-symbolic";
    }
}

static char *
percent_text (guint n,
              guint total)
{
  int percent = total > 0 ? (int) ((n * 100.0) / total + 0.5) : 0;

  /* Translators: a part of the previewed leads; use your language's percent sign and spacing */
  return g_strdup_printf (_("%d %%"), percent);
}

static void
setup_share_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                RelaisRulePreview        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new ();
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  /* Every name takes the same room, so that the bars start at one line. */
  gtk_label_set_width_chars (GTK_LABEL (name), 22);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 22);
  relais_label_add_text_tooltip (GTK_LABEL (name));

  /* One colour whatever the length: the offsets would turn short bars orange. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, "relais-preview-bar");
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_label_set_width_chars (GTK_LABEL (count), 12);
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), count);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "bar", bar);
  g_object_set_data (G_OBJECT (box), "count", count);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_share_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RelaisRulePreview        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RelaisPreviewItem *item = gtk_list_item_get_item (list_item);
  GtkLevelBar *bar = g_object_get_data (G_OBJECT (box), "bar");
  GtkWidget *name = g_object_get_data (G_OBJECT (box), "name");

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "icon"), relais_preview_item_get_icon_name (item));
  gtk_label_set_label (GTK_LABEL (name), relais_preview_item_get_title (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "count"), relais_preview_item_get_detail (item));
  gtk_level_bar_set_max_value (bar, MAX (relais_preview_item_get_max (item), 1));
  gtk_level_bar_set_value (bar, relais_preview_item_get_value (item));
  if (g_str_equal (relais_preview_item_get_icon_name (item), target_icon (RELAIS_ROUTING_TARGET_QUEUE)))
    gtk_widget_add_css_class (GTK_WIDGET (bar), "queue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (bar), "queue");

  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  relais_preview_item_get_accessible (item), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  relais_preview_item_get_accessible (item), -1);
}

static void
setup_unassigned_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     RelaisRulePreview        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "reason", reason);
  gtk_list_item_set_child (list_item, box);
}

/* "Marie Curie – Radium SA", read when the row is first shown. */
static char *
lead_title (RelaisRulePreview *self,
            gint64             lead_id)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->db != NULL)
    lead = relais_lead_store_load (self->db, lead_id, &error);
  if (lead == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, lead_id);

      /* Translators: a lead that could not be read; %s is its number */
      return g_strdup_printf (_("Lead %s"), number);
    }

  name = g_strstrip (g_strdup_printf ("%s %s", relais_lead_get_first_name (lead), relais_lead_get_last_name (lead)));
  if (relais_lead_get_company (lead)[0] == '\0')
    return g_steal_pointer (&name);
  /* Translators: a lead in the preview's list: %1$s is the person, %2$s the company */
  return g_strdup_printf (_("%1$s – %2$s"), name, relais_lead_get_company (lead));
}

static void
bind_unassigned_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    RelaisRulePreview        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RelaisPreviewItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *accessible = NULL;

  if (relais_preview_item_get_title (item) == NULL)
    {
      g_autofree char *title = lead_title (self, relais_preview_item_get_id (item));

      relais_preview_item_set_title (item, title);
    }

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "name"), relais_preview_item_get_title (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "reason"), relais_preview_item_get_detail (item));
  /* Translators: accessible name of a lead that would stay unassigned: %1$s the lead, %2$s why */
  accessible = g_strdup_printf (_("%1$s: %2$s"), relais_preview_item_get_title (item), relais_preview_item_get_detail (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static char *
reason_text (RelaisRoutingReason  reason,
             const char          *rule_name)
{
  switch (reason)
    {
    case RELAIS_ROUTING_REASON_NO_ELIGIBLE_MEMBER:
      if (rule_name != NULL)
        /* Translators: why a lead would stay unassigned; %s is the name of the rule that matched it */
        return g_strdup_printf (_("Rule “%s” matches it, but none of its members can take it (inactive, out of office, full or outside their territory), and the rule has no fallback queue."), rule_name);
      return g_strdup (_("No member of the matching rule can take it, and the rule has no fallback queue."));
    case RELAIS_ROUTING_REASON_EMPTY_POOL:
      if (rule_name != NULL)
        /* Translators: why a lead would stay unassigned; %s is the name of the rule that matched it */
        return g_strdup_printf (_("Rule “%s” matches it, but has no members."), rule_name);
      return g_strdup (_("The matching rule has no members."));
    case RELAIS_ROUTING_REASON_NO_RULE_MATCHED:
    case RELAIS_ROUTING_REASON_NONE:
    case RELAIS_ROUTING_N_REASONS:
    default:
      return g_strdup (_("No enabled rule matches it."));
    }
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
show_result (RelaisRulePreview *self)
{
  const RelaisRoutingSummary *summary = relais_rule_preview_result_get_summary (self->result);
  g_autoptr(GPtrArray) shares = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unassigned = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *n_leads = relais_format_count (summary->n_leads);
  g_autofree char *n_assigned = relais_format_count (summary->n_assigned);
  g_autofree char *n_queued = relais_format_count (summary->n_queued);
  g_autofree char *n_unassigned = relais_format_count (summary->n_unassigned);
  g_autofree char *tab = NULL;
  g_autofree char *heading = NULL;
  guint max = 0;

  if (self->selection != NULL && summary->n_leads == 0)
    heading = g_strdup (_("None of the selected leads can move: they are worked with the customer already."));
  else if (self->selection != NULL)
    heading = g_strdup_printf (/* Translators: heading of the preview's result for leads selected in the list; %s is a formatted count */
                               g_dngettext (GETTEXT_PACKAGE, "Where %s selected lead would go",
                                            "Where %s selected leads would go", summary->n_leads),
                               n_leads);
  else if (summary->n_leads == 0)
    heading = g_strdup (_("There are no unassigned leads: the rules have nothing to route."));
  else
    heading = g_strdup_printf (/* Translators: heading of the preview's result; %s is a formatted count */
                               g_dngettext (GETTEXT_PACKAGE, "Where %s unassigned lead would go",
                                            "Where %s unassigned leads would go", summary->n_leads),
                               n_leads);
  gtk_label_set_label (self->summary_label, heading);

  gtk_label_set_label (self->assigned_count_label, n_assigned);
  gtk_label_set_label (self->assigned_caption_label,
                       /* Translators: under a count in the preview: "75 / would be assigned" */
                       g_dngettext (GETTEXT_PACKAGE, "would be assigned", "would be assigned", summary->n_assigned));
  gtk_label_set_label (self->queued_count_label, n_queued);
  gtk_label_set_label (self->queued_caption_label,
                       /* Translators: under a count in the preview: "3 / would wait in a queue" */
                       g_dngettext (GETTEXT_PACKAGE, "would wait in a queue", "would wait in a queue", summary->n_queued));
  gtk_label_set_label (self->unassigned_count_label, n_unassigned);
  gtk_label_set_label (self->unassigned_caption_label,
                       /* Translators: under a count in the preview: "12 / would stay unassigned" */
                       g_dngettext (GETTEXT_PACKAGE, "would stay unassigned", "would stay unassigned", summary->n_unassigned));
  gtk_widget_set_visible (GTK_WIDGET (self->stats_box), summary->n_leads > 0);
  /* A count in colour is news; a zero is not. */
  set_class (gtk_widget_get_parent (GTK_WIDGET (self->assigned_count_label)), "assigned", summary->n_assigned > 0);
  set_class (gtk_widget_get_parent (GTK_WIDGET (self->unassigned_count_label)), "unassigned", summary->n_unassigned > 0);

  for (guint i = 0; i < summary->shares->len; i++)
    max = MAX (max, g_array_index (summary->shares, RelaisRoutingShare, i).n_leads);

  for (guint i = 0; i < summary->shares->len; i++)
    {
      const RelaisRoutingShare *share = &g_array_index (summary->shares, RelaisRoutingShare, i);
      g_autofree char *count = relais_format_count (share->n_leads);
      g_autofree char *percent = percent_text (share->n_leads, summary->n_leads);
      g_autofree char *detail = NULL;
      g_autofree char *accessible = NULL;
      const char *name = share->name ? share->name : "";

      /* Translators: beside a bar of the preview chart: %1$s leads, %2$s their part of all ("12 %") */
      detail = relais_text_isolate (g_strdup_printf (_("%1$s · %2$s"), count, percent));
      if (share->kind == RELAIS_ROUTING_TARGET_QUEUE)
        /* Translators: accessible name of a bar of the preview chart: %1$s is a queue, %2$s a formatted count, %3$s a percentage */
        accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Queue %1$s: %2$s lead, %3$s", "Queue %1$s: %2$s leads, %3$s",
                                                   share->n_leads),
                                      name, count, percent);
      else
        /* Translators: accessible name of a bar of the preview chart: %1$s is a partner or rep, %2$s a formatted count, %3$s a percentage */
        accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$s lead, %3$s", "%1$s: %2$s leads, %3$s",
                                                   share->n_leads),
                                      name, count, percent);
      g_ptr_array_add (shares, relais_preview_item_new (share->id, target_icon (share->kind), name, detail, accessible,
                                                        share->n_leads, max));
    }

  for (guint i = 0; i < summary->unassigned->len; i++)
    {
      const RelaisRoutingUnassigned *left = &g_array_index (summary->unassigned, RelaisRoutingUnassigned, i);
      g_autofree char *reason = reason_text (left->reason,
                                             relais_rule_preview_result_get_rule_name (self->result, left->rule_id));

      g_ptr_array_add (unassigned, relais_preview_item_new (left->lead_id, NULL, NULL, reason, NULL, 0, 0));
    }

  g_list_store_splice (self->shares, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shares)),
                       shares->pdata, shares->len);
  g_list_store_splice (self->unassigned, 0, g_list_model_get_n_items (G_LIST_MODEL (self->unassigned)),
                       unassigned->pdata, unassigned->len);
  gtk_stack_set_visible_child_name (self->chart_stack, shares->len > 0 ? "chart" : "nothing");
  gtk_stack_set_visible_child_name (self->unassigned_stack, unassigned->len > 0 ? "list" : "none");

  /* Translators: the preview's tab of leads left unassigned, with their count */
  tab = g_strdup_printf (_("Unassigned (%s)"), n_unassigned);
  gtk_stack_page_set_title (self->unassigned_page, tab);
  gtk_stack_set_visible_child_name (self->result_stack, shares->len > 0 || unassigned->len == 0 ? "distribution" : "unassigned");
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* --- Preview ------------------------------------------------------------------------- */

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RelaisRulePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  RelaisRulePreviewResult *preview = relais_rule_store_preview_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (preview == NULL)
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rules could not be previewed: %s"), error->message);

      clear_result (self);
      show_error (self, message);
      return;
    }

  g_clear_pointer (&self->result, relais_rule_preview_result_free);
  self->result = preview;
  self->stale = FALSE;
  show_result (self);
  update_actions (self);
}

static void
start_preview (RelaisRulePreview *self)
{
  if (self->path == NULL || self->applying)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->result, relais_rule_preview_result_free);
  self->stale = FALSE;
  gtk_label_set_label (self->running_label, self->selection != NULL ? _("Routing the selected leads…")
                                                                     : _("Routing the unassigned leads…"));
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "running");
  update_actions (self);

  if (self->selection != NULL)
    relais_rule_store_preview_selection_async (self->path, self->selection, self->cancellable,
                                               preview_done_cb, g_object_ref (self));
  else
    relais_rule_store_preview_async (self->path, self->cancellable, preview_done_cb, g_object_ref (self));
}

/* "Preview": the unassigned leads. */
static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RelaisRulePreview *self = RELAIS_RULE_PREVIEW (widget);

  if (self->path == NULL || self->applying)
    return;
  g_clear_pointer (&self->selection, g_array_unref);
  start_preview (self);
}

void
relais_rule_preview_run_for_leads (RelaisRulePreview *self,
                                   GArray            *ids)
{
  g_return_if_fail (RELAIS_IS_RULE_PREVIEW (self));
  g_return_if_fail (ids != NULL);

  if (self->path == NULL || self->applying)
    return;
  g_clear_pointer (&self->selection, g_array_unref);
  self->selection = g_array_ref (ids);
  start_preview (self);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisRulePreview *self = RELAIS_RULE_PREVIEW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  clear_result (self);
}

/* --- Apply and Undo ------------------------------------------------------------------- */

static void
forget_undo (RelaisRulePreview *self)
{
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  self->undo_journal_id = 0;
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RelaisRulePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  guint restored = 0, conflicts = 0;
  gboolean undone;

  self->applying = FALSE;
  undone = relais_lead_assign_undo_finish (result, &restored, &conflicts, &error);
  /* The window closed meanwhile: nobody left to tell. */
  if (self->stack == NULL)
    return;
  update_actions (self);

  if (!undone)
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The assignment could not be undone: %s"), error->message);

      show_error (self, message);
    }
  else
    {
      g_autofree char *count = relais_format_count (restored);
      g_autoptr(GString) title = g_string_new (NULL);

      g_string_append_printf (title,
                              /* Translators: a toast after Undo; %s is the formatted count */
                              g_dngettext (GETTEXT_PACKAGE, "%s lead is back where it was.", "%s leads are back where they were.",
                                           restored),
                              count);
      if (conflicts > 0)
        {
          g_autofree char *changed = relais_format_count (conflicts);

          g_string_append_c (title, ' ');
          g_string_append_printf (title,
                                  /* Translators: in the toast after Undo; %s is the formatted count */
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%s lead changed since and was left as it is.",
                                               "%s leads changed since and were left as they are.",
                                               conflicts),
                                  changed);
        }
      show_toast (self, relais_toast_new (title->str));
    }
  g_signal_emit (self, signals[LEADS_CHANGED], 0);
}

static void
undo (RelaisRulePreview *self)
{
  gint64 journal_id = self->undo_journal_id;

  if (journal_id == 0 || self->applying || self->path == NULL)
    return;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo (self);

  self->applying = TRUE;
  update_actions (self);
  relais_lead_assign_undo_async (self->path, journal_id, NULL, undo_done_cb, g_object_ref (self));
}

static void
undo_toast_button_cb (AdwToast          *toast,
                      RelaisRulePreview *self)
{
  undo (self);
}

static void
undo_toast_dismissed_cb (AdwToast          *toast,
                         RelaisRulePreview *self)
{
  if (toast == self->undo_toast)
    forget_undo (self);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RelaisRulePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  RelaisRuleApplyResult done = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gboolean applied;

  self->applying = FALSE;
  applied = relais_rule_store_apply_finish (result, &done, &error);
  /* The window closed meanwhile: nobody left to tell. */
  if (self->stack == NULL)
    return;

  if (!applied)
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rules could not be applied: %s"), error->message);

      /* Nothing was written: the preview is still what Apply would write,
       * unless a newer one replaced it meanwhile. */
      if (self->result == NULL)
        self->result = g_steal_pointer (&self->applying_result);
      g_clear_pointer (&self->applying_result, relais_rule_preview_result_free);
      update_actions (self);
      show_error (self, message);
      return;
    }
  g_clear_pointer (&self->applying_result, relais_rule_preview_result_free);

  /* What was previewed is written: the next preview starts from the new state. */
  clear_result (self);
  forget_undo (self);

  count = relais_format_count (done.n_assigned);
  if (done.n_assigned > 0)
    title = g_strdup_printf (/* Translators: a toast after Apply; %s is the formatted count */
                             g_dngettext (GETTEXT_PACKAGE, "%s lead assigned by the rules", "%s leads assigned by the rules",
                                          done.n_assigned),
                             count);
  else
    title = g_strdup (_("No lead was assigned: they changed since the preview."));

  toast = relais_toast_new (title);
  if (done.journal_id != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      self->undo_toast = g_object_ref (toast);
      self->undo_journal_id = done.journal_id;
      g_signal_connect (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_toast_button_cb), self);
    }
  show_toast (self, toast);
  g_signal_emit (self, signals[LEADS_CHANGED], 0);
}

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RelaisRulePreview *self = RELAIS_RULE_PREVIEW (widget);

  if (self->result == NULL || self->stale || self->applying || self->path == NULL)
    return;

  /* The worker reads the result until the callback, whatever happens to the
   * pane meanwhile (a new store, the window closed): it is kept apart. */
  self->applying = TRUE;
  self->applying_result = g_steal_pointer (&self->result);
  update_actions (self);
  relais_rule_store_apply_async (self->path, self->applying_result, NULL, apply_done_cb, g_object_ref (self));
}

/* --- GObject -------------------------------------------------------------------------- */

static void
relais_rule_preview_dispose (GObject *object)
{
  RelaisRulePreview *self = RELAIS_RULE_PREVIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_undo (self);
  if (self->chart_view != NULL)
    gtk_list_view_set_model (self->chart_view, NULL);
  if (self->unassigned_view != NULL)
    gtk_list_view_set_model (self->unassigned_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_RULE_PREVIEW);
  g_clear_pointer (&self->result, relais_rule_preview_result_free);
  g_clear_object (&self->shares);
  g_clear_object (&self->unassigned);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_rule_preview_parent_class)->dispose (object);
}

static void
relais_rule_preview_finalize (GObject *object)
{
  RelaisRulePreview *self = RELAIS_RULE_PREVIEW (object);

  g_clear_pointer (&self->selection, g_array_unref);

  /* Apply's callback holds a reference: no worker reads it any more. */
  g_clear_pointer (&self->applying_result, relais_rule_preview_result_free);
  g_free (self->path);
  G_OBJECT_CLASS (relais_rule_preview_parent_class)->finalize (object);
}

static void
relais_rule_preview_class_init (RelaisRulePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_rule_preview_dispose;
  object_class->finalize = relais_rule_preview_finalize;

  signals[LEADS_CHANGED] =
    g_signal_new ("leads-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/rules/relais-rule-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, running_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, stats_box);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, assigned_count_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, assigned_caption_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, queued_count_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, queued_caption_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, unassigned_count_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, unassigned_caption_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, result_stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, unassigned_page);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, chart_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, unassigned_stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisRulePreview, unassigned_view);

  gtk_widget_class_install_action (widget_class, "preview.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "preview.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "preview.apply", NULL, apply_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-rule-preview");
}

static GtkListItemFactory *
factory_new (GCallback          setup,
             GCallback          bind,
             RelaisRulePreview *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  return factory;
}

static void
relais_rule_preview_init (RelaisRulePreview *self)
{
  g_autoptr(GtkListItemFactory) share_factory = NULL;
  g_autoptr(GtkListItemFactory) unassigned_factory = NULL;
  g_autoptr(GtkNoSelection) shares = NULL;
  g_autoptr(GtkNoSelection) unassigned = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shares = g_list_store_new (RELAIS_TYPE_PREVIEW_ITEM);
  self->unassigned = g_list_store_new (RELAIS_TYPE_PREVIEW_ITEM);
  share_factory = factory_new (G_CALLBACK (setup_share_cb), G_CALLBACK (bind_share_cb), self);
  unassigned_factory = factory_new (G_CALLBACK (setup_unassigned_cb), G_CALLBACK (bind_unassigned_cb), self);
  shares = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shares)));
  unassigned = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->unassigned)));
  gtk_list_view_set_factory (self->chart_view, share_factory);
  gtk_list_view_set_model (self->chart_view, GTK_SELECTION_MODEL (shares));
  gtk_list_view_set_factory (self->unassigned_view, unassigned_factory);
  gtk_list_view_set_model (self->unassigned_view, GTK_SELECTION_MODEL (unassigned));

  gtk_stack_set_visible_child_name (self->stack, "no-rules");
  update_actions (self);
}

void
relais_rule_preview_set_db (RelaisRulePreview *self,
                            RelaisDb          *db)
{
  g_return_if_fail (RELAIS_IS_RULE_PREVIEW (self));
  g_return_if_fail (db == NULL || RELAIS_IS_DB (db));

  if (self->db == db)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_undo (self);
  g_set_object (&self->db, db);
  g_free (self->path);
  self->path = db ? g_strdup (relais_db_get_path (db)) : NULL;
  clear_result (self);
}

void
relais_rule_preview_rules_changed (RelaisRulePreview *self)
{
  g_return_if_fail (RELAIS_IS_RULE_PREVIEW (self));

  if (self->result != NULL || self->applying_result != NULL)
    self->stale = TRUE;
  update_actions (self);
}

void
relais_rule_preview_set_n_enabled_rules (RelaisRulePreview *self,
                                         guint              n_enabled)
{
  g_return_if_fail (RELAIS_IS_RULE_PREVIEW (self));

  self->n_enabled = n_enabled;
  if (self->result == NULL && self->cancellable == NULL)
    gtk_stack_set_visible_child_name (self->stack, n_enabled > 0 ? "idle" : "no-rules");
  update_actions (self);
}
