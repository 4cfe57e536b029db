/* relais-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-application.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "relais-demo.h"
#include "relais-lead-store.h"
#include "relais-test-hooks.h"
#include "relais-rule-store.h"
#include "relais-util.h"
#include "relais-window.h"

/* The first-start demo: enough to try every screen, quick to write. */
#define FIRST_START_DEMO_LEADS    2000
#define FIRST_START_DEMO_PARTNERS 40
#define FIRST_START_DEMO_SEED     20261128

struct _RelaisApplication
{
  AdwApplication  parent_instance;

  char           *db_path;   /* from --db, or NULL for the default */
  RelaisDbClaim  *claim;     /* no other program on the store meanwhile */
  RelaisDb       *db;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (RelaisApplication, relais_application, ADW_TYPE_APPLICATION)

RelaisApplication *
relais_application_new (void)
{
  return g_object_new (RELAIS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/relais/Relais",
                       NULL);
}

RelaisDb *
relais_application_get_db (RelaisApplication *self)
{
  g_return_val_if_fail (RELAIS_IS_APPLICATION (self), NULL);
  return self->db;
}

GSettings *
relais_application_get_settings (RelaisApplication *self)
{
  g_return_val_if_fail (RELAIS_IS_APPLICATION (self), NULL);
  return self->settings;
}

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void show_store_error (RelaisApplication *self,
                              const GError      *error,
                              const char        *path);

static void
store_error_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  RelaisApplication *self = RELAIS_APPLICATION (user_data);
  const char *path = g_object_get_data (G_OBJECT (dialog), "relais-path");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "set-aside"))
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  /* Hold the app while the dialog goes away and the window comes. */
  g_application_hold (G_APPLICATION (self));
  if (relais_db_set_aside (path, NULL, &error))
    g_application_activate (G_APPLICATION (self));
  else
    show_store_error (self, error, NULL);
  g_application_release (G_APPLICATION (self));
}

/* Without a store there is nothing to show: say why, offer to set a damaged
 * store aside (@path), or quit. */
static void
show_store_error (RelaisApplication *self,
                  const GError      *error,
                  const char        *path)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("The Local Store Cannot Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  if (path != NULL && g_error_matches (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_CORRUPT))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "set-aside", _("_Set Aside and Start Anew"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set-aside", ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (dialog), "relais-path", g_strdup (path), g_free);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (store_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  RelaisWindow *window = RELAIS_WINDOW (user_data);
  RelaisApplication *self = RELAIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (self->settings, "demo-offered", TRUE);

  if (!g_str_equal (response, "load"))
    return;

  if (!relais_demo_load (self->db, FIRST_START_DEMO_LEADS, FIRST_START_DEMO_PARTNERS,
                         FIRST_START_DEMO_SEED, NULL, NULL, &error) ||
      !relais_demo_add_rules (self->db, &error))
    {
      relais_window_show_error (window, error->message);
      return;
    }

  relais_window_reload (window);
}

static void
offer_demo (RelaisApplication *self,
            RelaisWindow      *window)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                   _("Load Demo Data?"),
                                   _("The local store is empty. Relais can fill it with demo partners, queues, leads and assignment rules so that you can try every screen."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "empty", _("Start _Empty"),
                                    "load", _("_Load Demo Data"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "load",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "load");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "empty");
  /* So that the application's shortcuts (Ctrl+Q) work while it is up. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (demo_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Leads not accepted in time go to the next member of their rule: once at
 * each start, in a worker thread, while the window shows the store. */
static void
reroute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RelaisWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  RelaisRuleApplyResult done = { 0 };
  guint moved;

  if (!relais_rule_store_reroute_finish (result, &done, &error))
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("Leads not accepted in time could not be passed on: %s"),
                                                  error->message);

      relais_window_show_error (window, message);
      return;
    }

  moved = done.n_assigned + done.n_queued;
  if (moved > 0)
    {
      g_autofree char *count = relais_format_count (moved);
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: a toast at start; %s is the formatted count */
                                      "%s lead not accepted in time was passed on to the next member of its rule.",
                                      "%s leads not accepted in time were passed on to the next member of their rule.",
                                      moved),
                         count);

      relais_window_reload (window);
      relais_window_show_message (window, message);
    }
}

static void
relais_application_activate (GApplication *app)
{
  RelaisApplication *self = RELAIS_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->db == NULL)
    {
      g_autofree char *path = self->db_path ? g_strdup (self->db_path) : relais_db_get_default_path ();

      if (self->claim == NULL)
        self->claim = relais_db_claim (path, RELAIS_DB_CLAIM_APP, &error);
      if (self->claim != NULL)
        self->db = relais_db_open (path, &error);
      if (self->db == NULL)
        {
          show_store_error (self, error, path);
          return;
        }
    }

  window = GTK_WINDOW (relais_window_new (self));
  relais_test_hooks_watch_window (window);
  gtk_window_present (window);

  relais_rule_store_reroute_async (relais_db_get_path (self->db), NULL, reroute_done_cb, g_object_ref (window));

  if (!g_settings_get_boolean (self->settings, "demo-offered") && relais_lead_store_is_empty (self->db, NULL))
    offer_demo (self, RELAIS_WINDOW (window));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RelaisApplication *self = RELAIS_APPLICATION (user_data);
  static const char *developers[] = { "Relais developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Relais"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Relais developers"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "comments", _("Route leads to your partners, reassign them in bulk, and follow the deals they work — fast, offline, in your language."),
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
relais_application_startup (GApplication *app)
{
  RelaisApplication *self = RELAIS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  /* Only while an Undo toast is up: otherwise entries keep Ctrl+Z for their text. */
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *panel_accels[] = { "F9", NULL };

  G_APPLICATION_CLASS (relais_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo-reassign", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.assign-panel-visible", panel_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  /* A test runner or a session manager ends us with SIGTERM: quit cleanly, so that
   * the window size is saved and the store closed. */
  g_unix_signal_add (SIGTERM, quit_on_signal_cb, app);
  g_unix_signal_add (SIGINT, quit_on_signal_cb, app);
}

static int
relais_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  RelaisApplication *self = RELAIS_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("relais %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    self->db_path = g_strdup (path);

  return -1;
}

static void
relais_application_dispose (GObject *object)
{
  RelaisApplication *self = (RelaisApplication *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->claim, relais_db_claim_release);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (relais_application_parent_class)->dispose (object);
}

static void
relais_application_finalize (GObject *object)
{
  RelaisApplication *self = (RelaisApplication *) object;

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (relais_application_parent_class)->finalize (object);
}

static void
relais_application_class_init (RelaisApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = relais_application_dispose;
  object_class->finalize = relais_application_finalize;

  app_class->activate = relais_application_activate;
  app_class->startup = relais_application_startup;
  app_class->handle_local_options = relais_application_handle_local_options;
}

static void
relais_application_init (RelaisApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the store at PATH instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
