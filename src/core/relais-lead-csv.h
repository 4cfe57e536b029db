/* relais-lead-csv.h — leads in CSV files: which column is which field, how a
 * row becomes a lead (with the reasons a row is refused), and the columns of
 * Relais's own export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-csv.h"
#include "relais-lead.h"

G_BEGIN_DECLS

#define RELAIS_LEAD_CSV_ERROR (relais_lead_csv_error_quark ())

/* Why a row is not a valid lead. A row with several problems gets the code of
 * the first and a message that names them all. */
typedef enum {
  RELAIS_LEAD_CSV_ERROR_NO_IDENTITY,   /* no last name, company or e-mail */
  RELAIS_LEAD_CSV_ERROR_EMAIL,
  RELAIS_LEAD_CSV_ERROR_PHONE,
  RELAIS_LEAD_CSV_ERROR_COUNTRY,
  RELAIS_LEAD_CSV_ERROR_STATUS,
  RELAIS_LEAD_CSV_ERROR_KIND,
  RELAIS_LEAD_CSV_ERROR_CATEGORY,
  RELAIS_LEAD_CSV_ERROR_LANGUAGE,
  RELAIS_LEAD_CSV_ERROR_VALUE,
  RELAIS_LEAD_CSV_ERROR_CURRENCY,
  RELAIS_LEAD_CSV_ERROR_DATE,
  RELAIS_LEAD_CSV_ERROR_EXTRA_FIELDS,  /* more fields than the header has columns */
  RELAIS_LEAD_CSV_ERROR_MAPPING,       /* no column is a last name, company or e-mail */
} RelaisLeadCsvError;

/* The fields a CSV column can fill. Their order is the column order of
 * Relais's export (see relais_lead_csv_export_header()): it is part of the file
 * format, so new fields go at the end. */
typedef enum {
  RELAIS_LEAD_CSV_FIELD_IGNORE = -1,
  RELAIS_LEAD_CSV_FIELD_FIRST_NAME,
  RELAIS_LEAD_CSV_FIELD_LAST_NAME,
  RELAIS_LEAD_CSV_FIELD_COMPANY,
  RELAIS_LEAD_CSV_FIELD_EMAIL,
  RELAIS_LEAD_CSV_FIELD_PHONE,
  RELAIS_LEAD_CSV_FIELD_STREET,
  RELAIS_LEAD_CSV_FIELD_CITY,
  RELAIS_LEAD_CSV_FIELD_STATE,
  RELAIS_LEAD_CSV_FIELD_POSTAL_CODE,
  RELAIS_LEAD_CSV_FIELD_COUNTRY,
  RELAIS_LEAD_CSV_FIELD_LISTING,
  RELAIS_LEAD_CSV_FIELD_KIND,
  RELAIS_LEAD_CSV_FIELD_CATEGORY,
  RELAIS_LEAD_CSV_FIELD_TECHNOLOGY,
  RELAIS_LEAD_CSV_FIELD_BUDGET,
  RELAIS_LEAD_CSV_FIELD_LANGUAGE,
  RELAIS_LEAD_CSV_FIELD_PROGRAM,
  RELAIS_LEAD_CSV_FIELD_SOURCE,
  RELAIS_LEAD_CSV_FIELD_STATUS,
  RELAIS_LEAD_CSV_FIELD_VALUE,
  RELAIS_LEAD_CSV_FIELD_CURRENCY,
  RELAIS_LEAD_CSV_FIELD_CREATED,
  RELAIS_LEAD_CSV_FIELD_NOTES,
  RELAIS_LEAD_CSV_N_FIELDS
} RelaisLeadCsvField;

/* How to read an ambiguous date such as 03/04/2024 (see
 * relais_lead_csv_parse_date()). */
typedef enum {
  RELAIS_LEAD_CSV_DATE_AUTO,
  RELAIS_LEAD_CSV_DATE_DAY_FIRST,
  RELAIS_LEAD_CSV_DATE_MONTH_FIRST,
} RelaisLeadCsvDateOrder;

GQuark              relais_lead_csv_error_quark     (void);

/* --- Fields ------------------------------------------------------------------ */

/* The stable code of a field ("first_name", "ignore"), for the command line. */
const char         *relais_lead_csv_field_code      (RelaisLeadCsvField  field);
gboolean            relais_lead_csv_field_from_code (const char          *code,
                                                     RelaisLeadCsvField  *field);
/* The translated name of a field, for the column mapping of the import. */
const char         *relais_lead_csv_field_label     (RelaisLeadCsvField  field);
/* Which field a column header of a known export is (Salesforce, HubSpot,
 * Oracle Cloud Marketplace, Relais; English, French and some German and
 * Spanish), compared without case, accents, spaces or punctuation;
 * RELAIS_LEAD_CSV_FIELD_IGNORE when it is none. */
RelaisLeadCsvField  relais_lead_csv_guess_field     (const char          *header);

/* --- The mapping of a file's columns ----------------------------------------- */

#define RELAIS_TYPE_LEAD_CSV_MAPPING (relais_lead_csv_mapping_get_type ())
typedef struct _RelaisLeadCsvMapping RelaisLeadCsvMapping;

GType                 relais_lead_csv_mapping_get_type     (void) G_GNUC_CONST;
/* A mapping with each column guessed from its header. A field goes to one
 * column at most: the first whose header names it. */
RelaisLeadCsvMapping *relais_lead_csv_mapping_new          (const char * const         *headers,
                                                            guint                       n_columns);
/* Reads the header row of @reader and guesses the mapping from it; %NULL with
 * @error set when the file cannot be read. */
RelaisLeadCsvMapping *relais_lead_csv_mapping_new_from_reader (RelaisCsvReader         *reader,
                                                            GError                    **error);
RelaisLeadCsvMapping *relais_lead_csv_mapping_copy         (const RelaisLeadCsvMapping *self);
void                  relais_lead_csv_mapping_free         (RelaisLeadCsvMapping       *self);

guint                 relais_lead_csv_mapping_get_n_columns (const RelaisLeadCsvMapping *self);
const char           *relais_lead_csv_mapping_get_header   (const RelaisLeadCsvMapping *self,
                                                            guint                       column);
RelaisLeadCsvField    relais_lead_csv_mapping_get_field    (const RelaisLeadCsvMapping *self,
                                                            guint                       column);
/* The column of @field, or -1 when no column fills it. */
int                   relais_lead_csv_mapping_get_column   (const RelaisLeadCsvMapping *self,
                                                            RelaisLeadCsvField          field);
/* Gives @column to @field; a column that had @field before is ignored. */
void                  relais_lead_csv_mapping_set_field    (RelaisLeadCsvMapping       *self,
                                                            guint                       column,
                                                            RelaisLeadCsvField          field);
/* The same, for the column whose header is @header (exactly, or else compared
 * as relais_lead_csv_guess_field() does). FALSE when no column has it. */
gboolean              relais_lead_csv_mapping_set_field_by_header (RelaisLeadCsvMapping *self,
                                                            const char                 *header,
                                                            RelaisLeadCsvField          field);
RelaisLeadCsvDateOrder relais_lead_csv_mapping_get_date_order (const RelaisLeadCsvMapping *self);
void                  relais_lead_csv_mapping_set_date_order (RelaisLeadCsvMapping     *self,
                                                            RelaisLeadCsvDateOrder      order);
/* Whether a lead can be made of the mapped columns at all: one of them must
 * give a last name, a company or an e-mail. */
gboolean              relais_lead_csv_mapping_check        (const RelaisLeadCsvMapping *self,
                                                            GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisLeadCsvMapping, relais_lead_csv_mapping_free)

/* --- Rows -------------------------------------------------------------------- */

/* The raw text of @field in @fields (transfer none: owned by @fields), "" when
 * no column fills it or the row is shorter. */
const char *relais_lead_csv_row_get        (const RelaisLeadCsvMapping  *mapping,
                                            GPtrArray                   *fields,
                                            RelaisLeadCsvField           field);

/* Whether every field of @fields is empty or spaces (Excel leaves such rows
 * at the end of a sheet): such a row is no lead and no error. */
gboolean    relais_lead_csv_row_is_blank   (GPtrArray                   *fields);

/* Refills @lead as a new lead (no id, no UUID, status New unless the row gives
 * one) from a row of the file. Values are trimmed; line breaks and tabs in
 * one-line fields become spaces. Checks that the lead has a last name, a
 * company or an e-mail, that the e-mail is an address, that country, status,
 * kind, category, language, value, currency and creation date are understood
 * (see the parse functions below). The Notes column is not part of a lead:
 * read it with relais_lead_csv_row_get(). On failure @lead is left in an
 * unspecified state and @error (RELAIS_LEAD_CSV_ERROR) says what is wrong,
 * in whole translated sentences, without the line number. */
gboolean    relais_lead_csv_row_to_lead    (const RelaisLeadCsvMapping  *mapping,
                                            GPtrArray                   *fields,
                                            RelaisLead                  *lead,
                                            GError                     **error);

/* --- Values ------------------------------------------------------------------ */

/* The ISO 3166-1 alpha-2 code (transfer none, static) of @text: a code ("fr",
 * "FR"; also "UK" and alpha-3 "FRA" of the countries below), or the English,
 * French, German, Spanish or native name of about 30 countries (Europe, North
 * and South America, Maghreb, ...). NULL when not known. */
const char *relais_lead_csv_parse_country  (const char              *text);
/* The currency (ISO 4217, static) of a country code, or NULL. */
const char *relais_lead_csv_country_currency (const char            *code);
/* A lead status from its code ("partner_assigned"), its English or current
 * translated label, or the statuses of Oracle Cloud Marketplace (New,
 * Contacted, Purchased, Delivered; Nouveau, Contacté, Acheté, Livré),
 * Salesforce and HubSpot ("Open - Not Contacted", "In Progress", ...). */
gboolean    relais_lead_csv_parse_status   (const char              *text,
                                            RelaisLeadStatus        *status);
gboolean    relais_lead_csv_parse_kind     (const char              *text,
                                            RelaisLeadKind          *kind);
gboolean    relais_lead_csv_parse_category (const char              *text,
                                            RelaisLeadCategory      *category);
/* An ISO 639-1 code (static) from "fr", "fr-FR", "fr_BE" or a language name. */
const char *relais_lead_csv_parse_language (const char              *text);
/* An amount in minor units (cents): "1234.50", "1 234,50", "1,234.50",
 * "1.234,50", "1'234.50", "€ 1 234,50", "1234 EUR". With a single separator
 * followed by exactly three digits, the separator groups thousands ("1,234" and
 * "1.234" are 1234), as no amount of money has three decimals. At most two
 * decimals; negative amounts are refused. @currency_out (nullable) gets the
 * currency the text names, if any (static string). */
gboolean    relais_lead_csv_parse_amount   (const char              *text,
                                            gint64                  *minor_out,
                                            const char             **currency_out);
/* A time in µs since the epoch, UTC: ISO 8601 ("2024-03-05",
 * "2024-03-05T14:03:00Z", "2024-03-05 14:03:00+01:00") or a day, month and year
 * separated by '/', '.' or '-' with an optional time ("05/03/2024 14:03",
 * "3/5/2024 2:03 PM"). Times without a zone are local time. With '.' or '-' the
 * day comes first (European use). With '/', @order decides; AUTO reads a day
 * first unless that cannot be a date (the second number is over 12: 03/15/2024)
 * or the time has AM/PM (American use): so AUTO reads 03/04/2024 as 3 April.
 * Years from 1970 to 2100. */
gboolean    relais_lead_csv_parse_date     (const char              *text,
                                            RelaisLeadCsvDateOrder   order,
                                            gint64                  *usec_out);
gboolean    relais_lead_csv_email_is_valid (const char              *email);

/* Duplicates: two leads are the same when they have the same e-mail and the
 * same company, each compared without case (Unicode case folding). A lead
 * without e-mail is never a duplicate. The hash is equal for equal keys. */
guint64     relais_lead_csv_duplicate_hash (const char              *email,
                                            const char              *company);
gboolean    relais_lead_csv_is_duplicate   (const char              *email_a,
                                            const char              *company_a,
                                            const char              *email_b,
                                            const char              *company_b);

/* --- Export ------------------------------------------------------------------ */

/* The header of Relais's export (transfer none, static, RELAIS_LEAD_CSV_N_FIELDS
 * names, NULL-terminated), one column per field in the order of
 * RelaisLeadCsvField. The names are English and never translated: "First Name",
 * "Last Name", "Company", "Email", "Phone", "Street", "City", "State/Province",
 * "Zip/Postal Code", "Country", "Listing", "Kind", "Category", "Technology",
 * "Budget", "Language", "Program", "Lead Source", "Lead Status", "Value",
 * "Currency", "Created", "Notes" — the names of Salesforce's lead export where
 * it has the field — so that a file exported in any language imports into any
 * Relais and is recognised by the import tools of CRMs. */
const char * const *relais_lead_csv_export_header (void);

/* One exported row: fields[f] is the text of column f, borrowed from the lead
 * or from the buffers of the struct; it stays valid while both live unchanged.
 * Values are stable codes, not labels: country as ISO code, kind, category and
 * status as the codes of relais-enums.c ("partner_assigned"), value as
 * "1234.50" (empty when 0), currency as ISO 4217, created as ISO 8601 UTC
 * ("2024-03-05T14:03:00Z"). Notes are not part of a RelaisLead: the field is
 * "" and an exporter that has the notes sets fields[RELAIS_LEAD_CSV_FIELD_NOTES]
 * itself. */
typedef struct {
  const char *fields[RELAIS_LEAD_CSV_N_FIELDS];
  char        value[32];
  char        created[32];
} RelaisLeadCsvRow;

/* Fills @row from @lead without allocating: for exports of a million leads,
 * keep one RelaisLeadCsvRow and pass it to relais_csv_append_row() with
 * RELAIS_LEAD_CSV_N_FIELDS. */
void        relais_lead_csv_lead_to_row    (RelaisLead              *lead,
                                            RelaisLeadCsvRow        *row);

G_END_DECLS
