/* relais-wal-vfs.h — a VFS that writes SQLite's write-ahead log in large
 * pieces (see relais-wal-vfs.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the VFS the first time; returns its name for sqlite3_open_v2(),
 * or NULL if it could not be registered (the default VFS then serves). */
const char *relais_wal_vfs_get_name (void);

G_END_DECLS
