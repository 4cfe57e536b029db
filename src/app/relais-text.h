/* relais-text.h — text shown as it is: toasts that do not read it as markup,
 * labels whose tooltip is their whole text, and numbers that keep their
 * order in a right-to-left window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns: (transfer floating): a toast whose title is @text, shown as it
 * is. AdwToast reads its title as Pango markup (libadwaita 1.2 has no switch
 * for that): a partner "Caron & Roux" or a file "<draft>.csv" would leave the
 * toast empty. */
AdwToast *relais_toast_new    (const char *text);

/* Gives @label its own text as tooltip (an ellipsized name shows in full),
 * asked for when the pointer rests on it. Set at each bind of a list row
 * instead, every tooltip set made GTK 4.8 ask the X server where the
 * pointer is: scrolling a list of a thousand partners stalled. */
void      relais_label_add_text_tooltip (GtkLabel *label);

/* Returns: (transfer full): @text (taken) as one left-to-right run when the
 * window is laid out right to left, so that "12 / 50" or "9 · 10 %" is not
 * shown "50 / 12" or "% 10 · 9"; @text itself otherwise. */
char     *relais_text_isolate (char       *text);

G_END_DECLS
