/* relais-import-dialog.h — the import of a CSV file of leads: the file is
 * chosen, checked off the main thread (a dry run of the import: new leads,
 * duplicates, invalid rows with their reasons), its columns mapped to lead
 * fields, then imported in one transaction — all of it, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "relais-db.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_IMPORT_DIALOG (relais_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RelaisImportDialog, relais_import_dialog, RELAIS, IMPORT_DIALOG, AdwWindow)

/* Signals:
 *   "imported" (guint64 n_inserted, guint64 n_merged): the import was
 *       committed: @n_inserted new leads, @n_merged stored leads completed.
 *       Emitted just before the dialog closes itself; a list showing leads
 *       should read the store again.
 */

/* A modal dialog over @parent that imports into the store of @db (it works on
 * connections of its own, opened from relais_db_get_path()). Present it: it
 * opens the file chooser itself, unless relais_import_dialog_set_file() gave
 * the file, and closes itself when the user cancels that first choice.
 *
 * Returns: (transfer none): the new dialog, owned by GTK's list of toplevels;
 *   it destroys itself when closed. */
RelaisImportDialog *relais_import_dialog_new           (GtkWindow          *parent,
                                                        RelaisDb           *db);

/* Checks @file (a CSV file) and shows what importing it would do. */
void                relais_import_dialog_set_file      (RelaisImportDialog *self,
                                                        GFile              *file);

/* After "imported", in automatic mode: how many of the new leads the rules
 * gave to a partner, a rep or a queue, and why they could not, if they could
 * not (the import stands either way). */
guint               relais_import_dialog_get_n_routed    (RelaisImportDialog *self);
const char         *relais_import_dialog_get_route_error (RelaisImportDialog *self);
/* Returns: (transfer full): the translated sentence that says what an import
 * wrote ("3 leads imported."), for a toast. */
char               *relais_import_dialog_format_result (guint64             n_inserted,
                                                        guint64             n_merged);

G_END_DECLS
