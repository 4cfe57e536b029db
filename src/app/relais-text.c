/* relais-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "relais-text.h"

AdwToast *
relais_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (escaped);
}

char *
relais_text_isolate (char *text)
{
  g_autofree char *owned = text;

  if (text == NULL || gtk_widget_get_default_direction () != GTK_TEXT_DIR_RTL)
    return g_steal_pointer (&owned);
  /* LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (Unicode bidi). */
  return g_strconcat ("\u2066", text, "\u2069", NULL);
}
