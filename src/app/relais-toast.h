/* relais-toast.h — toasts that show their text as it is.
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
AdwToast *relais_toast_new (const char *text);

G_END_DECLS
