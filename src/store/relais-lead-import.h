/* relais-lead-import.h — imports a CSV file of leads into the store, all of it
 * or nothing, in one transaction with one journal entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-csv.h"
#include "relais-db.h"
#include "relais-lead-csv.h"

G_BEGIN_DECLS

#define RELAIS_LEAD_IMPORT_ERROR (relais_lead_import_error_quark ())

typedef enum {
  RELAIS_LEAD_IMPORT_ERROR_NO_ROWS,       /* a header, and no lead after it */
  RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS,  /* ABORT_ALL met invalid rows: nothing was written */
  RELAIS_LEAD_IMPORT_ERROR_COLUMNS,       /* the mapping is for a file of other columns */
} RelaisLeadImportError;

typedef enum {
  /* A lead with the e-mail and company of a lead of the store (or of an
   * earlier row) is left out; the stored lead is untouched. */
  RELAIS_LEAD_IMPORT_SKIP_DUPLICATES,
  /* Its values fill the EMPTY fields of the stored lead (never replacing
   * anything), its notes are added, and the lead gets a new revision. */
  RELAIS_LEAD_IMPORT_MERGE_DUPLICATES,
} RelaisLeadImportDuplicates;

typedef enum {
  /* One invalid row and nothing is written; the report lists every one. */
  RELAIS_LEAD_IMPORT_ABORT_ALL,
  /* The valid rows are written, the invalid ones reported. */
  RELAIS_LEAD_IMPORT_GOOD_ROWS,
} RelaisLeadImportErrors;

/* Errors kept in a report: beyond, rows are only counted. */
#define RELAIS_LEAD_IMPORT_MAX_ERRORS 10000

typedef struct {
  guint  line;     /* the physical line of the file where the row begins */
  int    code;     /* a RelaisLeadCsvError */
  char  *message;  /* translated sentences, without the line number */
} RelaisLeadImportRowError;

typedef struct {
  guint64   n_rows;        /* rows of data read: header and blank rows not counted */
  guint64   n_inserted;    /* new leads */
  guint64   n_duplicates;  /* rows that were duplicates, merged or not */
  guint64   n_merged;      /* duplicates that filled empty fields of a lead */
  guint64   n_invalid;     /* rows refused: see errors */
  GArray   *errors;        /* of RelaisLeadImportRowError, in file order */
  gboolean  committed;     /* the changes were written to the store */
  gint64    journal_id;    /* the import's journal entry, or 0 */
} RelaisLeadImportReport;

/* Called from the importing thread now and then; @bytes_read and
 * @total_bytes (-1: unknown) give the fraction done. */
typedef void (*RelaisLeadImportProgress) (const RelaisLeadImportReport *report,
                                          guint64                       bytes_read,
                                          gint64                        total_bytes,
                                          gpointer                      user_data);

typedef struct {
  RelaisLeadImportDuplicates  on_duplicate;
  RelaisLeadImportErrors      on_errors;
  /* Everything but the final commit: the report says what an import would
   * do (for the preview before the user confirms). Invalid rows do not make
   * a dry run fail: they are in the report. */
  gboolean                    dry_run;
  /* The file's name, recorded in the journal; may be NULL. */
  const char                 *file_name;
  RelaisLeadImportProgress    progress;
  gpointer                    progress_data;
  /* Rows between two progress calls; 0 means 10,000. */
  guint                       progress_interval;
} RelaisLeadImportOptions;

GQuark      relais_lead_import_error_quark   (void);

void        relais_lead_import_report_init   (RelaisLeadImportReport        *report);
void        relais_lead_import_report_clear  (RelaisLeadImportReport        *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RelaisLeadImportReport, relais_lead_import_report_clear)

/* Reads the rows of @reader (its header row already read, as
 * relais_lead_csv_mapping_new_from_reader() does) and imports them into @db in
 * one transaction: either every change is written (with one "import" journal
 * entry linked to each lead inserted or merged) or none is.
 *
 * New leads have status New unless the file gives one, a new UUID, and the
 * creation time of the file's "Created" column or now. Duplicates: see
 * RelaisLeadImportDuplicates and relais_lead_csv_is_duplicate().
 *
 * Returns FALSE with @error set, and nothing written, when the file cannot be
 * read (RELAIS_CSV_ERROR, G_IO_ERROR), the mapping gives no lead
 * (RELAIS_LEAD_CSV_ERROR_MAPPING), the file has no row
 * (RELAIS_LEAD_IMPORT_ERROR_NO_ROWS), ABORT_ALL met invalid rows
 * (RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS), @cancellable was cancelled
 * (G_IO_ERROR_CANCELLED, checked between rows) or the store failed
 * (RELAIS_DB_ERROR). @report (initialized by the caller) holds the counts and
 * the row errors in every case. An import that changes nothing writes no
 * journal entry. */
gboolean    relais_lead_import_run           (RelaisDb                      *db,
                                              RelaisCsvReader               *reader,
                                              const RelaisLeadCsvMapping    *mapping,
                                              const RelaisLeadImportOptions *options,
                                              RelaisLeadImportReport        *report,
                                              GCancellable                  *cancellable,
                                              GError                       **error);

/* The same for a file: opens it, reads its header and imports it with
 * @mapping, or with the mapping guessed from the header when @mapping is NULL.
 * A @mapping made for another header (another number of columns) fails with
 * RELAIS_LEAD_IMPORT_ERROR_COLUMNS. The journal records the file's name unless
 * @options gives one. */
gboolean    relais_lead_import_file          (RelaisDb                      *db,
                                              GFile                         *file,
                                              const RelaisLeadCsvMapping    *mapping,
                                              const RelaisLeadImportOptions *options,
                                              RelaisLeadImportReport        *report,
                                              GCancellable                  *cancellable,
                                              GError                       **error);

G_END_DECLS
