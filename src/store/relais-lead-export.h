/* relais-lead-export.h — the leads of a view, as a CSV file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-lead-query.h"

G_BEGIN_DECLS

/* "Leads_MMDDYYYY.csv" for the day @now (local time), the name the vendor
 * portals give their exports. */
char     *relais_lead_export_default_name (GDateTime        *now);

/* Writes every lead of @query, in its order, to @stream as RFC 4180 CSV (UTF-8
 * with a byte order mark, header row of relais_lead_csv_export_header()).
 * Sets *n_written to the number of leads. */
gboolean  relais_lead_export_to_stream    (RelaisDb         *db,
                                           RelaisLeadQuery  *query,
                                           GOutputStream    *stream,
                                           guint64          *n_written,
                                           GCancellable     *cancellable,
                                           GError          **error);

/* The same into @file, replaced atomically: on failure or cancellation the
 * file is left as it was. */
gboolean  relais_lead_export_to_file      (RelaisDb         *db,
                                           RelaisLeadQuery  *query,
                                           GFile            *file,
                                           guint64          *n_written,
                                           GCancellable     *cancellable,
                                           GError          **error);

G_END_DECLS
