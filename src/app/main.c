/* main.c — the Relais desktop application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "relais-application.h"
#include "relais-test-hooks.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(RelaisApplication) app = NULL;

  relais_test_hooks_install ();

  setlocale (LC_ALL, "");
  /* Run from the build tree (meson devenv), the catalogs are not installed yet. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RELAIS_LOCALEDIR") ? g_getenv ("RELAIS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = relais_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
