/* relais-db-private.h — what the store's tests need beyond the public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-db.h"

G_BEGIN_DECLS

RelaisDb *relais_db_open_at_version (const char  *path,
                                     int          version,
                                     GError     **error);

G_END_DECLS
