/* relais-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-application.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_WINDOW (relais_window_get_type ())
G_DECLARE_FINAL_TYPE (RelaisWindow, relais_window, RELAIS, WINDOW, AdwApplicationWindow)

RelaisWindow *relais_window_new        (RelaisApplication *application);
void          relais_window_reload     (RelaisWindow      *self);
void          relais_window_show_error (RelaisWindow      *self,
                                        const char        *message);
/* A passing message: "12 leads were passed on…". */
void          relais_window_show_message (RelaisWindow    *self,
                                          const char      *message);

G_END_DECLS
