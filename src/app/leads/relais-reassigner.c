/* relais-reassigner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-reassigner.h"

#include <glib/gi18n.h>

#include "relais-lead-assign.h"
#include "relais-text.h"
#include "relais-util.h"

struct _RelaisReassigner
{
  GObject          parent_instance;

  GtkWindow       *window;     /* weak */
  AdwToastOverlay *overlay;    /* weak */
  char            *path;

  gboolean         busy;
  AdwToast        *undo_toast; /* the toast offering Undo, while it is up */
  gint64           undo_journal_id;
  GArray          *undo_ids;
};

G_DEFINE_FINAL_TYPE (RelaisReassigner, relais_reassigner, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

/* One reassignment on its way: what the toast will say. */
typedef struct {
  RelaisReassigner *self;
  GArray           *ids;
  char             *target_name;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_array_unref (pending->ids);
  g_free (pending->target_name);
  g_free (pending);
}

static void
show_toast (RelaisReassigner *self,
            AdwToast         *toast)
{
  if (self->overlay != NULL)
    adw_toast_overlay_add_toast (self->overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
forget_undo (RelaisReassigner *self)
{
  if (self->undo_toast == NULL && self->undo_journal_id == 0)
    return;

  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  self->undo_journal_id = 0;
  g_clear_pointer (&self->undo_ids, g_array_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static void
undo_toast_dismissed_cb (AdwToast         *toast,
                         RelaisReassigner *self)
{
  if (toast == self->undo_toast)
    forget_undo (self);
}

static void
undo_toast_button_cb (AdwToast         *toast,
                      RelaisReassigner *self)
{
  relais_reassigner_undo (self);
}

static void
assign_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  RelaisReassigner *self = pending->self;
  g_autoptr(GError) error = NULL;
  RelaisAssignResult done = { 0 };
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *moved = NULL;
  AdwToast *toast;

  self->busy = FALSE;

  if (!relais_lead_assign_finish (result, &done, &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The leads could not be reassigned: %s"), error->message);

      g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
      pending_free (pending);
      return;
    }

  moved = relais_format_count (done.moved);
  if (done.moved > 0)
    g_string_append_printf (title,
                            /* Translators: a toast after a drop; %1$s is the formatted count, %2$s a partner, rep or queue */
                            g_dngettext (GETTEXT_PACKAGE, "%1$s lead reassigned to %2$s.", "%1$s leads reassigned to %2$s.",
                                         done.moved),
                            moved, pending->target_name);
  else
    g_string_append_printf (title,
                            /* Translators: a toast after a drop that changed nothing; %s is a partner, rep or queue */
                            _("No lead was moved to %s."), pending->target_name);

  if (done.locked > 0)
    {
      g_autofree char *locked = relais_format_count (done.locked);

      g_string_append_c (title, ' ');
      g_string_append_printf (title,
                              /* Translators: in the toast after a drop; %s is the formatted count */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s lead already being worked with the customer stayed where it was.",
                                           "%s leads already being worked with the customer stayed where they were.",
                                           done.locked),
                              locked);
    }
  if (done.moved == 0 && done.unchanged > 0)
    {
      g_autofree char *unchanged = relais_format_count (done.unchanged);

      g_string_append_c (title, ' ');
      g_string_append_printf (title,
                              /* Translators: in the toast after a drop; %s is the formatted count */
                              g_dngettext (GETTEXT_PACKAGE, "%s lead was already there.", "%s leads were already there.",
                                           done.unchanged),
                              unchanged);
    }

  forget_undo (self);

  toast = relais_toast_new (title->str);
  if (done.journal_id != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      self->undo_toast = g_object_ref (toast);
      self->undo_journal_id = done.journal_id;
      self->undo_ids = g_array_ref (pending->ids);
      g_signal_connect (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_toast_button_cb), self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  show_toast (self, toast);

  if (done.moved > 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, pending->ids);
  pending_free (pending);
}

static void
start_assign (RelaisReassigner *self,
              GArray           *ids,
              RelaisAssignItem *target,
              gboolean          notify)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->ids = g_array_ref (ids);
  pending->target_name = relais_assign_item_dup_display_name (target);

  self->busy = TRUE;
  relais_lead_assign_async (self->path, ids, relais_assign_item_get_target (target), notify,
                            NULL, assign_done_cb, pending);
}

typedef struct {
  RelaisReassigner *self;
  GArray           *ids;
  RelaisAssignItem *target;
  gboolean          notify;
} Confirm;

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Confirm *confirm = user_data;

  if (g_str_equal (response, "assign"))
    start_assign (confirm->self, confirm->ids, confirm->target, confirm->notify);

  g_object_unref (confirm->self);
  g_array_unref (confirm->ids);
  g_object_unref (confirm->target);
  g_free (confirm);
}

void
relais_reassigner_assign (RelaisReassigner *self,
                          GArray           *ids,
                          RelaisAssignItem *target,
                          gboolean          notify)
{
  g_autofree char *concern = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  Confirm *confirm;

  g_return_if_fail (RELAIS_IS_REASSIGNER (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (RELAIS_IS_ASSIGN_ITEM (target));

  if (ids->len == 0)
    return;

  if (self->busy)
    {
      g_signal_emit (self, signals[SIGNAL_ERROR], 0,
                     _("The previous reassignment is still being saved. Try again in a moment."));
      return;
    }

  concern = relais_assign_item_dup_concern (target, ids->len);
  if (concern == NULL || self->window == NULL)
    {
      start_assign (self, ids, target, notify);
      return;
    }

  name = relais_assign_item_dup_display_name (target);
  count = relais_format_count (ids->len);
  heading = g_strdup_printf (/* Translators: %1$s is the formatted count, %2$s a partner or a rep */
                             g_dngettext (GETTEXT_PACKAGE, "Give %1$s Lead to %2$s?", "Give %1$s Leads to %2$s?", ids->len),
                             count, name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->window, heading, concern));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "assign", _("_Assign Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "assign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (self);
  confirm->ids = g_array_ref (ids);
  confirm->target = g_object_ref (target);
  confirm->notify = notify;
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
relais_reassigner_assign_without_asking (RelaisReassigner *self,
                                         GArray           *ids,
                                         RelaisAssignItem *target,
                                         gboolean          notify)
{
  g_return_if_fail (RELAIS_IS_REASSIGNER (self));
  g_return_if_fail (ids != NULL && ids->len > 0);
  g_return_if_fail (!self->busy);

  start_assign (self, ids, target, notify);
}

gint64
relais_reassigner_get_undo_journal_id (RelaisReassigner *self)
{
  g_return_val_if_fail (RELAIS_IS_REASSIGNER (self), 0);
  return self->undo_journal_id;
}

gboolean
relais_reassigner_can_undo (RelaisReassigner *self)
{
  g_return_val_if_fail (RELAIS_IS_REASSIGNER (self), FALSE);
  return self->undo_journal_id != 0;
}

gboolean
relais_reassigner_is_busy (RelaisReassigner *self)
{
  g_return_val_if_fail (RELAIS_IS_REASSIGNER (self), FALSE);
  return self->busy;
}

typedef struct {
  RelaisReassigner *self;
  GArray           *ids;
} Undoing;

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Undoing *undoing = user_data;
  RelaisReassigner *self = undoing->self;
  g_autoptr(GError) error = NULL;
  guint restored = 0, conflicts = 0;
  g_autofree char *count = NULL;
  g_autoptr(GString) title = g_string_new (NULL);

  self->busy = FALSE;

  if (!relais_lead_assign_undo_finish (result, &restored, &conflicts, &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The reassignment could not be undone: %s"), error->message);

      g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
    }
  else
    {
      count = relais_format_count (restored);
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
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, undoing->ids);
    }

  g_object_unref (undoing->self);
  g_array_unref (undoing->ids);
  g_free (undoing);
}

void
relais_reassigner_undo (RelaisReassigner *self)
{
  Undoing *undoing;
  gint64 journal_id;

  g_return_if_fail (RELAIS_IS_REASSIGNER (self));

  if (self->undo_journal_id == 0 || self->busy)
    return;

  undoing = g_new0 (Undoing, 1);
  undoing->self = g_object_ref (self);
  undoing->ids = g_array_ref (self->undo_ids);
  journal_id = self->undo_journal_id;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo (self);

  self->busy = TRUE;
  relais_lead_assign_undo_async (self->path, journal_id, NULL, undo_done_cb, undoing);
}

static void
relais_reassigner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RelaisReassigner *self = RELAIS_REASSIGNER (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, relais_reassigner_can_undo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_reassigner_dispose (GObject *object)
{
  RelaisReassigner *self = RELAIS_REASSIGNER (object);

  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->undo_ids, g_array_unref);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->overlay);

  G_OBJECT_CLASS (relais_reassigner_parent_class)->dispose (object);
}

static void
relais_reassigner_finalize (GObject *object)
{
  g_free (RELAIS_REASSIGNER (object)->path);
  G_OBJECT_CLASS (relais_reassigner_parent_class)->finalize (object);
}

static void
relais_reassigner_class_init (RelaisReassignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = relais_reassigner_get_property;
  object_class->dispose = relais_reassigner_dispose;
  object_class->finalize = relais_reassigner_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
relais_reassigner_init (RelaisReassigner *self)
{
}

RelaisReassigner *
relais_reassigner_new (GtkWindow       *window,
                       AdwToastOverlay *overlay,
                       const char      *path)
{
  RelaisReassigner *self = g_object_new (RELAIS_TYPE_REASSIGNER, NULL);

  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->overlay, overlay);
  self->path = g_strdup (path);
  return self;
}
