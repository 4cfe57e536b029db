/* relais-test-hooks.h — what the UI tests ask of the running app, only when
 * RELAIS_TEST_HOOKS is set in the environment: a dump of the widget tree on
 * SIGUSR1 (after ../shared/testing/widget-dump.h), and a line
 * "FIRST-FRAME <ms>" on stdout when the main window has painted its first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean relais_test_hooks_enabled        (void);
void     relais_test_hooks_install        (void);
void     relais_test_hooks_watch_window   (GtkWindow *window);
void     relais_test_hooks_maybe_quit     (gboolean   loaded);

G_END_DECLS
