/* relais-util.h — small helpers shared by the domain types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *str_pointer with a copy of new_str; returns whether it changed
 * (g_set_str() only exists from GLib 2.76). */
gboolean  relais_set_str       (char       **str_pointer,
                                const char  *new_str);

/* A new random (version 4) UUID, as 36 lowercase characters. */
char     *relais_uuid_new      (void);
gboolean  relais_uuid_is_valid (const char  *str);

/* Lists of codes (countries, technologies, languages) are kept as text: "FR,BE,CH". */
gboolean  relais_code_list_contains (const char *list,
                                     const char *code);

/* A count with the locale's digit grouping: "1 000 000" in French. */
char     *relais_format_count       (gint64      n);

G_END_DECLS
