/* relais-cli.c — headless commands on the same store as the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "relais-db.h"
#include "relais-demo.h"
#include "relais-lead-store.h"
#include "relais-util.h"

typedef int (*CommandFunc) (int argc, char **argv);

static char *opt_db;

static RelaisDb *
open_store (GError **error)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : relais_db_get_default_path ();

  return relais_db_open (path, error);
}

static void
demo_progress_cb (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  gint64 *started = user_data;
  double seconds = (g_get_monotonic_time () - *started) / (double) G_USEC_PER_SEC;
  g_autofree char *done_str = relais_format_count ((gint64) done);
  g_autofree char *total_str = relais_format_count ((gint64) total);

  /* Translators: progress of relais-cli demo: %1$s and %2$s are counts of leads,
   * %3$.1f seconds */
  g_printerr (_("%1$s of %2$s leads written (%3$.1f s)"), done_str, total_str, seconds);
  g_printerr ("\n");
}

static int
command_demo (int    argc,
              char **argv)
{
  gint64 n_leads = 2000;
  int n_partners = 40;
  gint64 seed = 1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *leads_str = NULL;
  g_autofree char *partners_str = NULL;
  gint64 started;
  const GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT64, &n_leads, N_("How many leads to make (default 2000)"), N_("N") },
    { "partners", 0, 0, G_OPTION_ARG_INT, &n_partners, N_("How many partner accounts to make (default 40)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The same seed makes the same data (default 1)"), N_("SEED") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to fill instead of the default one"), N_("PATH") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Fill an empty store with realistic demo partners, queues and leads."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (n_leads < 0 || n_leads > 100000000 || n_partners < 1 || n_partners > 1000000 ||
      seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("%s\n", _("--leads must be between 0 and 100000000, --partners between 1 and 1000000, --seed between 0 and 4294967295."));
      return EXIT_FAILURE;
    }

  db = open_store (&error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  started = g_get_monotonic_time ();
  if (!relais_demo_load (db, n_leads, n_partners, seed, demo_progress_cb, &started, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  leads_str = relais_format_count (n_leads);
  partners_str = relais_format_count (n_partners);
  /* Translators: %1$s and %2$s are counts, %3$s a file name, %4$.1f seconds */
  g_print (_("Wrote %1$s leads and %2$s partners to “%3$s” in %4$.1f s.\n"),
           leads_str, partners_str, relais_db_get_path (db),
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

static int
command_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *count_str = NULL;
  gint64 n_leads;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The store to read instead of the default one"), N_("PATH") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Show where the store is and what it holds."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  db = open_store (&error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  n_leads = relais_lead_store_count (db, &error);
  if (n_leads < 0)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print (_("Store: %s\n"), relais_db_get_path (db));
  g_print (_("Schema version: %d\n"), relais_db_get_schema_version (db));
  count_str = relais_format_count (n_leads);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s lead\n", "%s leads\n", (gulong) n_leads), count_str);
  return EXIT_SUCCESS;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "demo", command_demo, N_("Fill an empty store with demo data") },
  { "info", command_info, N_("Show what the store holds") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: relais-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“relais-cli COMMAND --help” describes the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Run from the build tree (meson devenv), the catalogs are not installed yet. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RELAIS_LOCALEDIR") ? g_getenv ("RELAIS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_FAILURE : EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
    }

  fprintf (stderr, _("Unknown command “%s”."), argv[1]);
  fprintf (stderr, "\n\n");
  print_usage (stderr);
  return EXIT_FAILURE;
}
