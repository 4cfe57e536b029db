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

static gboolean
label_query_tooltip_cb (GtkWidget  *label,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
relais_label_add_text_tooltip (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
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
