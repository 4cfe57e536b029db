/* relais-import-dialog.c
 *
 * The dialog goes through pages: "choose" (no file yet), "progress" (the
 * first check of a file, or the import), "failed" (the file cannot be read)
 * and "review" (the counts, the choices, the invalid rows and the columns).
 *
 * All the work on the file is done by the import engine
 * (relais_lead_import_file()) in a GTask thread, on a store connection of
 * its own: the check is a dry run of the very import the user would start,
 * so the counts shown are those the import will give. A dry run never
 * writes, and the real import writes everything or nothing, also when it is
 * cancelled. One job runs at a time: a new one (the columns changed) cancels
 * the one before, whose result is then dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-import-dialog.h"

#include <glib/gi18n.h>

#include "relais-csv.h"
#include "relais-lead-csv.h"
#include "relais-lead-import.h"
#include "relais-rule-store.h"
#include "relais-util.h"

/* Sample values shown under each column's header. */
#define N_SAMPLE_ROWS 3
/* Rows read at most to find the sample rows (blank rows are skipped). */
#define MAX_SAMPLE_SCAN 50
/* Characters of a sample value shown before it is cut. */
#define SAMPLE_CHARS 32
/* The check runs again this long after the last change of a column. */
#define REANALYZE_DELAY_MS 400
/* The inline progress of a new check shows only if it takes longer than this. */
#define INLINE_PROGRESS_DELAY_US (250 * G_TIME_SPAN_MILLISECOND)

typedef enum {
  JOB_OPEN,     /* read the header and samples, then a dry run with the guessed columns */
  JOB_ANALYZE,  /* a dry run with the columns chosen */
  JOB_IMPORT,   /* the import */
} JobKind;

typedef struct {
  JobKind                  kind;
  char                    *db_path;
  GFile                   *file;
  RelaisLeadCsvMapping    *mapping;   /* JOB_OPEN: NULL until the header is read */
  RelaisLeadImportOptions  options;

  /* Written by the job's thread, read by the main thread's progress timer. */
  GMutex                   lock;
  guint64                  n_rows;
  guint64                  bytes_read;
  gint64                   total_bytes;

  /* The results, read by the main thread once the task returned. */
  GPtrArray               *samples;   /* JOB_OPEN: rows (GPtrArray of char *) */
  RelaisLeadImportReport   report;
  gboolean                 ok;
  GError                  *error;

  /* Automatic mode: the new leads go through the assignment rules at once. */
  gboolean                 auto_route;
  RelaisRuleApplyResult    routed;
  GError                  *route_error;
} Job;

typedef enum {
  STATE_CHOOSE,
  STATE_OPENING,
  STATE_FAILED,
  STATE_REVIEW,
  STATE_IMPORTING,
} State;

struct _RelaisImportDialog
{
  AdwWindow              parent_instance;

  AdwWindowTitle        *window_title;
  GtkButton             *cancel_button;
  GtkButton             *import_button;
  GtkRevealer           *error_revealer;
  GtkBox                *message_bar;
  GtkImage              *message_icon;
  GtkLabel              *error_label;
  GtkStack              *stack;
  GtkLabel              *progress_title;
  GtkProgressBar        *progress_bar;
  GtkLabel              *progress_label;
  AdwStatusPage         *failed_page;
  GtkScrolledWindow     *review_scroller;
  AdwPreferencesGroup   *summary_group;
  AdwActionRow          *rows_row;
  AdwActionRow          *new_row;
  AdwActionRow          *duplicates_row;
  AdwActionRow          *invalid_row;
  GtkProgressBar        *analyzing_bar;
  AdwPreferencesGroup   *errors_group;
  AdwActionRow          *good_rows_row;
  GtkCheckButton        *abort_check;
  GtkCheckButton        *good_rows_check;
  GtkScrolledWindow     *errors_scroller;
  GtkListView           *errors_view;
  AdwPreferencesGroup   *duplicates_group;
  AdwActionRow          *merge_row;
  GtkCheckButton        *skip_check;
  GtkCheckButton        *merge_check;
  AdwPreferencesGroup   *columns_group;
  AdwPreferencesGroup   *dates_group;
  AdwComboRow           *date_order_row;

  char                  *db_path;
  State                  state;
  gboolean               chooser_offered;  /* the chooser was opened by itself once */
  gboolean               close_when_done;  /* closed during the import: close after it */
  gboolean               loading;          /* rows set by the code, not by the user */

  GFile                 *file;
  RelaisLeadCsvMapping  *mapping;          /* the columns as chosen now */
  GPtrArray             *column_rows;      /* AdwComboRow, one a column */
  GtkStringList         *fields_model;     /* "Do not import", then each field */
  GtkStringList         *errors_model;     /* "Line N: reason" */

  /* The last check done for the columns as they are now (have_report). */
  RelaisLeadImportReport report;
  gboolean               have_report;
  char                  *mapping_problem;  /* why no lead can be made of the columns */

  GTask                 *task;             /* the job running, or NULL */
  GCancellable          *cancellable;      /* the running job's */
  gint64                 task_started;

  /* Automatic mode, after the import: what the rules did with the new leads. */
  guint                  n_routed;
  char                  *route_error;
  guint                  progress_source;
  guint                  reanalyze_source;
};

G_DEFINE_FINAL_TYPE (RelaisImportDialog, relais_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (RelaisImportDialog *self);
static void stop_progress (RelaisImportDialog *self);
static void start_job (RelaisImportDialog *self,
                       JobKind             kind);

/* --- Jobs (run in a GTask thread) ------------------------------------------------ */

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_object (&job->file);
  g_clear_pointer (&job->mapping, relais_lead_csv_mapping_free);
  g_clear_pointer (&job->samples, g_ptr_array_unref);
  relais_lead_import_report_clear (&job->report);
  g_clear_error (&job->error);
  g_clear_error (&job->route_error);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
job_progress_cb (const RelaisLeadImportReport *report,
                 guint64                       bytes_read,
                 gint64                        total_bytes,
                 gpointer                      user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->lock);
  job->n_rows = report->n_rows;
  job->bytes_read = bytes_read;
  job->total_bytes = total_bytes;
  g_mutex_unlock (&job->lock);
}

/* Reads the header row (the guessed columns) and the first rows that are not
 * blank, for the samples shown under each column. */
static gboolean
read_header (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(RelaisCsvReader) reader = NULL;

  reader = relais_csv_reader_new_for_file (job->file, cancellable, error);
  if (reader == NULL)
    return FALSE;

  job->mapping = relais_lead_csv_mapping_new_from_reader (reader, error);
  if (job->mapping == NULL)
    return FALSE;

  job->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < MAX_SAMPLE_SCAN && job->samples->len < N_SAMPLE_ROWS; i++)
    {
      GPtrArray *fields = NULL;

      /* A row that cannot be read is the dry run's to report, with its line. */
      if (!relais_csv_reader_next_row (reader, &fields, NULL))
        break;
      if (relais_lead_csv_row_is_blank (fields))
        g_ptr_array_unref (fields);
      else
        g_ptr_array_add (job->samples, fields);
    }

  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RelaisDb) db = NULL;
  gulong handler;

  if (job->mapping == NULL && !read_header (job, cancellable, &job->error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A connection of its own: the window goes on reading the store meanwhile. */
  db = relais_db_open_for_job (job->db_path, &job->error);
  if (db == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Cancelling stops a statement at once, not only between two rows. */
  handler = g_cancellable_connect (cancellable, G_CALLBACK (relais_db_interrupt), db, NULL);
  job->ok = relais_lead_import_file (db, job->file, job->mapping, &job->options,
                                     &job->report, cancellable, &job->error);
  g_cancellable_disconnect (cancellable, handler);

  if (job->ok && job->auto_route && job->report.committed && job->report.journal_id != 0)
    {
      /* The import stands either way: leads the rules could not route wait
       * unassigned, as they would without automatic mode. */
      if (!relais_rule_store_route_arrivals (db, job->report.journal_id, &job->routed, &job->route_error))
        g_debug ("Routing the imported leads failed (the window says why): %s", job->route_error->message);
    }

  g_task_return_boolean (task, TRUE);
}

/* --- Showing ------------------------------------------------------------------- */

static char *
format_count (guint64 n)
{
  return relais_format_count ((gint64) n);
}

/* The value at the end of a summary row; @text NULL shows a dash (not known yet). */
static void
set_row_value (AdwActionRow *row,
               const char   *text,
               gboolean      alert)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "relais-value");

  if (label == NULL)
    {
      label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (label), "numeric");
      adw_action_row_add_suffix (row, GTK_WIDGET (label));
      g_object_set_data (G_OBJECT (row), "relais-value", label);
    }

  gtk_label_set_label (label, text ? text : "—");
  if (alert)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  /* Screen readers read the row's title, then its value. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_label (label),
                                  -1);
}

/* The bar above the pages: a failure, or (@is_error FALSE) news such as a
 * cancelled import, which is no failure. */
static void
show_message (RelaisImportDialog *self,
              const char         *message,
              gboolean            is_error)
{
  gtk_label_set_label (self->error_label, message);
  gtk_image_set_from_icon_name (self->message_icon, is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_bar), "relais-notice-bar");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_bar), "relais-error-bar");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_bar), "relais-error-bar");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_bar), "relais-notice-bar");
    }
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
show_error (RelaisImportDialog *self,
            const char         *message)
{
  show_message (self, message, TRUE);
}

static void
clear_error (RelaisImportDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
set_markup_text (AdwPreferencesGroup *group,
                 const char          *text)
{
  /* The group's description is Pango markup: a file's text must not be read as such. */
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  adw_preferences_group_set_description (group, escaped);
}

/* How many leads the import would write with the choices made. */
static guint64
n_to_write (RelaisImportDialog *self)
{
  guint64 n;

  if (!self->have_report)
    return 0;

  n = self->report.n_inserted;
  if (gtk_check_button_get_active (self->merge_check))
    n += self->report.n_merged;
  return n;
}

static gboolean
is_analyzing (RelaisImportDialog *self)
{
  return self->task != NULL || self->reanalyze_source != 0;
}

/* What the summary says above its counts: what the import will do, or why
 * it cannot be done yet. */
static char *
dup_summary (RelaisImportDialog *self)
{
  const RelaisLeadImportReport *report = &self->report;
  g_autofree char *n_str = NULL;
  g_autofree char *invalid_str = NULL;
  guint64 n;

  if (self->mapping_problem != NULL)
    return g_strdup (self->mapping_problem);
  if (!self->have_report)
    /* Without a check under way, the message bar says why there is none. */
    return g_strdup (is_analyzing (self) ? _("Checking the file…") : "");

  n = n_to_write (self);
  n_str = format_count (n);
  invalid_str = format_count (report->n_invalid);

  if (report->n_invalid > 0 && !gtk_check_button_get_active (self->good_rows_check))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %s is a number of rows of a CSV file */
                                         "Nothing will be imported: %s row is not valid. Correct the file, or choose below to leave it out.",
                                         "Nothing will be imported: %s rows are not valid. Correct the file, or choose below to leave them out.",
                                         (gulong) report->n_invalid),
                            invalid_str);

  if (n == 0 && report->n_duplicates > 0)
    return g_strdup (gtk_check_button_get_active (self->merge_check)
                     ? _("There is nothing to import: the store already has every lead of the file, with every field the file gives.")
                     : _("There is nothing to import: the store already has every lead of the file."));
  if (n == 0)
    return g_strdup (_("There is nothing to import: no row of the file is a valid lead."));

  if (gtk_check_button_get_active (self->merge_check) && report->n_merged > 0)
    {
      g_autofree char *inserted_str = format_count (report->n_inserted);
      g_autofree char *merged_str = format_count (report->n_merged);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %s is a number of leads */
                                            "%s new lead will be added.",
                                            "%s new leads will be added.",
                                            (gulong) report->n_inserted),
                               inserted_str);
      second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %s is a number of leads of the store */
                                             "%s lead of the store will get the fields it lacks.",
                                             "%s leads of the store will get the fields they lack.",
                                             (gulong) report->n_merged),
                                merged_str);
      /* Translators: two sentences, one after the other; swap or space them as your language needs */
      return g_strdup_printf (_("%1$s %2$s"), first, second);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s is a number of leads */
                                       "%s new lead will be added. Nothing else changes.",
                                       "%s new leads will be added. Nothing else changes.",
                                       (gulong) report->n_inserted),
                          n_str);
}

/* The counts, choices and buttons, from the state and the last check. */
static void
update (RelaisImportDialog *self)
{
  const RelaisLeadImportReport *report = &self->report;
  gboolean counts = self->have_report && self->mapping_problem == NULL;
  gboolean analyzing = is_analyzing (self);
  gboolean review = self->state == STATE_REVIEW;
  gboolean busy = self->state == STATE_OPENING || self->state == STATE_IMPORTING;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  g_autofree char *n_str = NULL;
  guint64 n = n_to_write (self);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), review);

  n_str = format_count (n);
  /* While a new check runs, the count of the last one stays (insensitive). */
  if (counts)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the button that starts the import; %s is a number of leads */
                                          "_Import %s Lead", "_Import %s Leads", (gulong) n),
                             n_str);
  else
    /* Translators: the button that starts the import, before the number of leads is known */
    label = g_strdup (_("_Import"));
  gtk_button_set_label (self->import_button, label);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 review && counts && !analyzing && n > 0 &&
                                 (report->n_invalid == 0 || gtk_check_button_get_active (self->good_rows_check)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop", busy);

  if (!review)
    return;

  summary = dup_summary (self);
  set_markup_text (self->summary_group, summary);
  /* When the import cannot be done, the summary says why: not in grey. */
  if (self->mapping_problem != NULL ||
      (counts && (n == 0 || (report->n_invalid > 0 && !gtk_check_button_get_active (self->good_rows_check)))))
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_group), "relais-import-blocked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_group), "relais-import-blocked");

  if (counts)
    {
      g_autofree char *rows = format_count (report->n_rows);
      g_autofree char *inserted = format_count (report->n_inserted);
      g_autofree char *duplicates = format_count (report->n_duplicates);
      g_autofree char *invalid = format_count (report->n_invalid);

      set_row_value (self->rows_row, rows, FALSE);
      set_row_value (self->new_row, inserted, FALSE);
      set_row_value (self->duplicates_row, duplicates, FALSE);
      set_row_value (self->invalid_row, invalid, report->n_invalid > 0);
    }
  else
    {
      set_row_value (self->rows_row, NULL, FALSE);
      set_row_value (self->new_row, NULL, FALSE);
      set_row_value (self->duplicates_row, NULL, FALSE);
      set_row_value (self->invalid_row, NULL, FALSE);
    }

  /* Counts of an older check stay readable, dimmed, while the new one runs. */
  if (analyzing)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_group), "relais-import-stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_group), "relais-import-stale");

  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), counts && report->n_invalid > 0);
  if (counts && report->n_invalid > 0)
    {
      g_autofree char *valid = format_count (report->n_rows - report->n_invalid);
      g_autofree char *invalid = format_count (report->n_invalid);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Two counts, two messages: each gets its own plural form. */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: a choice of the import when some rows are
                                             * not valid; %s is a number of rows; "_" marks the access key */
                                            "Import the %s _valid row",
                                            "Import the %s _valid rows",
                                            (gulong) (report->n_rows - report->n_invalid)),
                               valid);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: under "Import the 12 valid rows"; %s is a number of rows */
                                               "And leave out the %s invalid row listed below",
                                               "And leave out the %s invalid rows listed below",
                                               (gulong) report->n_invalid),
                                  invalid);
      adw_action_row_set_subtitle (self->good_rows_row, subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->good_rows_row), title);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), counts && report->n_duplicates > 0);
  if (counts && report->n_duplicates > 0)
    {
      g_autofree char *merged = format_count (report->n_merged);
      g_autofree char *subtitle = NULL;

      if (report->n_merged == 0)
        subtitle = g_strdup (_("Fill the empty fields of the stored leads, never replacing a value. None of them lacks a field the file gives."));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: %s is a number of leads of the store */
                                                 "Fill the empty fields of the stored leads, never replacing a value: %s lead would change.",
                                                 "Fill the empty fields of the stored leads, never replacing a value: %s leads would change.",
                                                 (gulong) report->n_merged),
                                    merged);
      adw_action_row_set_subtitle (self->merge_row, subtitle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->dates_group),
                          self->mapping != NULL &&
                          relais_lead_csv_mapping_get_column (self->mapping, RELAIS_LEAD_CSV_FIELD_CREATED) >= 0);
}

static void
set_state (RelaisImportDialog *self,
           State               state)
{
  static const char *pages[] = {
    [STATE_CHOOSE] = "choose",
    [STATE_OPENING] = "progress",
    [STATE_FAILED] = "failed",
    [STATE_REVIEW] = "review",
    [STATE_IMPORTING] = "progress",
  };

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  update (self);
}

/* The errors of the last check, as "Line N: reason", in file order. */
static void
show_row_errors (RelaisImportDialog *self)
{
  const RelaisLeadImportReport *report = &self->report;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < report->errors->len; i++)
    {
      const RelaisLeadImportRowError *row_error = &g_array_index (report->errors, RelaisLeadImportRowError, i);

      /* Translators: a row of a CSV file that cannot be imported: %1$u is its
       * line number, %2$s the reasons */
      g_ptr_array_add (lines, g_strdup_printf (_("Line %1$u: %2$s"), row_error->line, row_error->message));
    }
  if (report->n_invalid > report->errors->len)
    {
      g_autofree char *more = format_count (report->n_invalid - report->errors->len);

      /* Translators: %s is a number of rows */
      g_ptr_array_add (lines, g_strdup_printf (_("… and %s more rows that are not valid."), more));
    }
  /* A list view measures few of its rows: room for up to four messages of
   * two lines, without a blank area under a single one. */
  gtk_scrolled_window_set_min_content_height (self->errors_scroller, 44 * MIN (lines->len, 4));
  g_ptr_array_add (lines, NULL);

  gtk_string_list_splice (self->errors_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->errors_model)),
                          (const char * const *) lines->pdata);
}

/* "Claire, Matteo, Ana": the first values of @column, cut when long. */
static char *
dup_samples (GPtrArray *samples,
             guint      column)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; samples != NULL && r < samples->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (samples, r);
      g_autofree char *value = NULL;
      const char *field;

      if (column >= fields->len)
        continue;
      field = g_ptr_array_index (fields, column);
      value = g_strstrip (g_strdup (field));
      /* Line breaks inside a quoted field would make a row of several lines. */
      g_strdelimit (value, "\r\n\t", ' ');
      if (value[0] == '\0')
        continue;

      if (text->len > 0)
        /* Translators: between two sample values of a column: "Claire, Matteo" */
        g_string_append (text, _(", "));
      if (g_utf8_strlen (value, -1) > SAMPLE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (value, 0, SAMPLE_CHARS - 1);

          g_string_append (text, cut);
          g_string_append (text, "…");
        }
      else
        g_string_append (text, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* --- Columns ------------------------------------------------------------------- */

static guint
field_to_position (RelaisLeadCsvField field)
{
  /* Item 0 is "Do not import", item i + 1 is field i. */
  return field == RELAIS_LEAD_CSV_FIELD_IGNORE ? 0 : (guint) field + 1;
}

static RelaisLeadCsvField
position_to_field (guint position)
{
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > RELAIS_LEAD_CSV_N_FIELDS)
    return RELAIS_LEAD_CSV_FIELD_IGNORE;
  return (RelaisLeadCsvField) (position - 1);
}

/* The rows follow the mapping (a field given to a column leaves the one that had it). */
static void
sync_column_rows (RelaisImportDialog *self)
{
  self->loading = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                field_to_position (relais_lead_csv_mapping_get_field (self->mapping, c)));
  adw_combo_row_set_selected (self->date_order_row, relais_lead_csv_mapping_get_date_order (self->mapping));
  self->loading = FALSE;
}

static gboolean
reanalyze_cb (gpointer user_data)
{
  RelaisImportDialog *self = user_data;

  self->reanalyze_source = 0;
  start_job (self, JOB_ANALYZE);
  return G_SOURCE_REMOVE;
}

/* Checks the file again with the columns as they are now, once the user
 * stops changing them. */
static void
schedule_reanalysis (RelaisImportDialog *self)
{
  /* The check under way is for columns that are no more. */
  if (self->task != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->task);
      g_clear_object (&self->cancellable);
      stop_progress (self);
    }
  g_clear_handle_id (&self->reanalyze_source, g_source_remove);
  self->reanalyze_source = g_timeout_add (REANALYZE_DELAY_MS, reanalyze_cb, self);
  /* The counts of the last check stay, dimmed, until the new ones come: the
   * page keeps its layout under the user's eyes. */
  update (self);
}

static void
column_changed_cb (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   RelaisImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "relais-column"));
  RelaisLeadCsvField field = position_to_field (adw_combo_row_get_selected (row));

  if (self->loading || self->mapping == NULL)
    return;
  if (relais_lead_csv_mapping_get_field (self->mapping, column) == field)
    return;

  relais_lead_csv_mapping_set_field (self->mapping, column, field);
  sync_column_rows (self);
  schedule_reanalysis (self);
}

static void
date_order_changed_cb (RelaisImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->date_order_row);

  if (self->loading || self->mapping == NULL || selected > RELAIS_LEAD_CSV_DATE_MONTH_FIRST)
    return;
  if (relais_lead_csv_mapping_get_date_order (self->mapping) == (RelaisLeadCsvDateOrder) selected)
    return;

  relais_lead_csv_mapping_set_date_order (self->mapping, (RelaisLeadCsvDateOrder) selected);
  schedule_reanalysis (self);
}

static void
clear_column_rows (RelaisImportDialog *self)
{
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, c));
  g_ptr_array_set_size (self->column_rows, 0);
}

/* One row a column of the file: its header, sample values, and the field it fills. */
static void
build_column_rows (RelaisImportDialog *self,
                   GPtrArray          *samples)
{
  g_autoptr(GtkExpression) expression = NULL;

  clear_column_rows (self);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  for (guint c = 0; c < relais_lead_csv_mapping_get_n_columns (self->mapping); c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *header = relais_lead_csv_mapping_get_header (self->mapping, c);
      g_autofree char *title = NULL;
      g_autofree char *samples_text = dup_samples (samples, c);

      if (header == NULL || header[0] == '\0')
        /* Translators: a column of a CSV file whose header is empty; %u is its number, from 1 */
        title = g_strdup_printf (_("Column %u"), c + 1);
      else
        title = g_strdup (header);

      /* Headers and values come from the file: plain text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   samples_text[0] != '\0' ? samples_text
                                   /* Translators: under a column's header, when its first rows are empty */
                                                           : _("Empty in the first rows"));
      adw_combo_row_set_expression (row, expression);
      adw_combo_row_set_model (row, G_LIST_MODEL (self->fields_model));
      adw_combo_row_set_selected (row, field_to_position (relais_lead_csv_mapping_get_field (self->mapping, c)));
      g_object_set_data (G_OBJECT (row), "relais-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed_cb), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }

  sync_column_rows (self);
}

/* --- Running jobs ---------------------------------------------------------------- */

static void
show_progress (RelaisImportDialog *self,
               Job                *job)
{
  g_autofree char *rows = NULL;
  g_autofree char *text = NULL;
  guint64 n_rows, bytes_read;
  gint64 total;
  double fraction = -1;

  g_mutex_lock (&job->lock);
  n_rows = job->n_rows;
  bytes_read = job->bytes_read;
  total = job->total_bytes;
  g_mutex_unlock (&job->lock);

  if (total > 0)
    fraction = CLAMP ((double) bytes_read / (double) total, 0.0, 1.0);

  rows = format_count (n_rows);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: progress of a CSV import; %s is a number of rows */
                                       "%s row read", "%s rows read", (gulong) n_rows),
                          rows);

  if (job->kind == JOB_ANALYZE)
    {
      if (fraction >= 0)
        gtk_progress_bar_set_fraction (self->analyzing_bar, fraction);
      else
        gtk_progress_bar_pulse (self->analyzing_bar);
      if (g_get_monotonic_time () - self->task_started > INLINE_PROGRESS_DELAY_US)
        gtk_widget_set_visible (GTK_WIDGET (self->analyzing_bar), TRUE);
      return;
    }

  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_label_set_label (self->progress_label, n_rows > 0 ? text : "");
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  RelaisImportDialog *self = user_data;

  if (self->task != NULL)
    show_progress (self, g_task_get_task_data (self->task));
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (RelaisImportDialog *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->analyzing_bar), FALSE);
}

/* Whether @error is about the file itself (not text, not UTF-8, an open
 * quote, no rows, changed since it was opened): nothing this dialog can
 * change, unlike the columns or a busy store. */
static gboolean
is_file_error (const GError *error)
{
  return error->domain == RELAIS_CSV_ERROR ||
         error->domain == G_IO_ERROR ||
         g_error_matches (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_NO_ROWS) ||
         g_error_matches (error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_COLUMNS);
}

static void
show_failed (RelaisImportDialog *self,
             const GError       *error)
{
  /* The status page's description is Pango markup. */
  g_autofree char *escaped = g_markup_escape_text (error != NULL ? error->message : "", -1);

  adw_status_page_set_description (self->failed_page, escaped);
  set_state (self, STATE_FAILED);
}

/* Takes the result of a check: the counts, the row errors, and for a file just
 * opened its columns. */
static void
analysis_done (RelaisImportDialog *self,
               Job                *job)
{
  if (job->kind == JOB_OPEN)
    {
      if (job->mapping == NULL || job->samples == NULL)
        {
          /* The header could not be read: this is no file to import. */
          show_failed (self, job->error);
          return;
        }

      g_clear_pointer (&self->mapping, relais_lead_csv_mapping_free);
      self->mapping = relais_lead_csv_mapping_copy (job->mapping);
      build_column_rows (self, job->samples);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->review_scroller), 0);
    }

  g_clear_pointer (&self->mapping_problem, g_free);
  relais_lead_import_report_clear (&self->report);
  relais_lead_import_report_init (&self->report);
  self->have_report = FALSE;

  if (job->ok)
    {
      self->report = job->report;
      relais_lead_import_report_init (&job->report);
      self->have_report = TRUE;
    }
  else if (g_error_matches (job->error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_MAPPING))
    {
      /* The user can fix that here: choose the columns. */
      self->mapping_problem = g_strdup (job->error->message);
    }
  else if (is_file_error (job->error))
    {
      show_failed (self, job->error);
      return;
    }
  else
    {
      /* The store failed (busy, full): the columns stay, and a change of
       * them, or the Import button once enabled again, tries again. */
      /* Translators: %s says why a CSV file could not be checked */
      g_autofree char *message = g_strdup_printf (_("The file could not be checked: %s"), job->error->message);

      show_error (self, message);
    }

  show_row_errors (self);
  set_state (self, STATE_REVIEW);
}

static void
import_done (RelaisImportDialog *self,
             Job                *job,
             gboolean            cancelled)
{
  g_autofree char *message = NULL;

  if (job->ok && job->report.committed)
    {
      /* Keep the dialog alive while the window handles the signal. */
      g_autoptr(RelaisImportDialog) hold = g_object_ref (self);

      self->n_routed = job->routed.n_assigned + job->routed.n_queued;
      g_free (self->route_error);
      self->route_error = job->route_error ? g_strdup (job->route_error->message) : NULL;
      g_signal_emit (self, signals[IMPORTED], 0, job->report.n_inserted, job->report.n_merged);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (cancelled)
    message = g_strdup (_("The import was cancelled. Nothing was written to the store."));
  else if (g_error_matches (job->error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_INVALID_ROWS) ||
           g_error_matches (job->error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_COLUMNS))
    /* These say themselves that nothing was imported. */
    message = g_strdup (job->error->message);
  else
    /* Translators: %s says why an import failed */
    message = g_strdup_printf (_("Nothing was imported: %s"), job->error ? job->error->message : "");
  show_message (self, message, !cancelled);

  set_state (self, STATE_REVIEW);
  /* The store or the file may have changed since the last check: check
   * again, from the header if the file has other columns now. */
  if (g_error_matches (job->error, RELAIS_LEAD_IMPORT_ERROR, RELAIS_LEAD_IMPORT_ERROR_COLUMNS))
    start_job (self, JOB_OPEN);
  else if (!cancelled)
    start_job (self, JOB_ANALYZE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RelaisImportDialog *self = RELAIS_IMPORT_DIALOG (source);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  gboolean cancelled;

  g_task_propagate_boolean (task, NULL);

  /* A job replaced by a newer one, or of a dialog closed meanwhile. */
  if (task != self->task)
    return;

  cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  stop_progress (self);

  switch (job->kind)
    {
    case JOB_OPEN:
      if (cancelled)
        set_state (self, STATE_CHOOSE);
      else
        analysis_done (self, job);
      break;
    case JOB_ANALYZE:
      if (!cancelled)
        analysis_done (self, job);
      break;
    case JOB_IMPORT:
      import_done (self, job, cancelled && !(job->ok && job->report.committed));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start_job (RelaisImportDialog *self,
           JobKind             kind)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  Job *job;

  g_assert (self->file != NULL);
  g_assert (kind == JOB_OPEN || self->mapping != NULL);

  if (self->task != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->task);
      g_clear_object (&self->cancellable);
    }
  g_clear_handle_id (&self->reanalyze_source, g_source_remove);
  stop_progress (self);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->db_path = g_strdup (self->db_path);
  job->file = g_object_ref (self->file);
  if (kind != JOB_OPEN)
    job->mapping = relais_lead_csv_mapping_copy (self->mapping);
  g_mutex_init (&job->lock);
  job->total_bytes = -1;
  relais_lead_import_report_init (&job->report);

  /* The check merges duplicates (and rolls back): its counts then say both
   * how many are duplicates and how many a merge would complete. */
  job->options.dry_run = kind != JOB_IMPORT;
  if (kind == JOB_IMPORT)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

      job->auto_route = g_settings_get_boolean (settings, "auto-route");
    }
  job->options.on_duplicate = kind != JOB_IMPORT || gtk_check_button_get_active (self->merge_check)
                              ? RELAIS_LEAD_IMPORT_MERGE_DUPLICATES : RELAIS_LEAD_IMPORT_SKIP_DUPLICATES;
  job->options.on_errors = kind == JOB_IMPORT && gtk_check_button_get_active (self->good_rows_check)
                           ? RELAIS_LEAD_IMPORT_GOOD_ROWS : RELAIS_LEAD_IMPORT_ABORT_ALL;
  job->options.progress = job_progress_cb;
  job->options.progress_data = job;
  job->options.progress_interval = 1000;

  self->cancellable = g_cancellable_new ();
  self->task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (self->task, start_job);
  g_task_set_task_data (self->task, job, (GDestroyNotify) job_free);
  self->task_started = g_get_monotonic_time ();

  name = g_file_get_basename (self->file);
  if (kind == JOB_OPEN)
    {
      /* Translators: %s is a file name */
      title = g_strdup_printf (_("Checking “%s”…"), name);
      set_state (self, STATE_OPENING);
    }
  else if (kind == JOB_IMPORT)
    {
      g_autofree char *n = format_count (n_to_write (self));

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %s is a number of leads */
                                            "Importing %s Lead…", "Importing %s Leads…",
                                            (gulong) n_to_write (self)),
                               n);
      set_state (self, STATE_IMPORTING);
    }
  if (title != NULL)
    {
      gtk_label_set_label (self->progress_title, title);
      gtk_label_set_label (self->progress_label, "");
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->analyzing_bar, 0);
      update (self);
    }

  self->progress_source = g_timeout_add (100, progress_tick_cb, self);
  g_task_run_in_thread (self->task, job_thread);
}

/* --- The file ------------------------------------------------------------------ */

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     RelaisImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL)
    relais_import_dialog_set_file (self, file);
  else if (self->file == NULL)
    /* The user did not want to import after all: nothing to do here. */
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
choose_file (RelaisImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Leads"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         /* Translators: the button of the file chooser that opens the CSV file to import */
                                         _("_Open"), _("_Cancel"));
  /* Translators: a file type in the file chooser */
  gtk_file_filter_set_name (csv_filter, _("CSV files"));
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_filter_add_pattern (csv_filter, "*.csv");
  gtk_file_filter_add_pattern (csv_filter, "*.CSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  /* Exports are not always named .csv (.txt from some CRMs). */
  /* Translators: a file type in the file chooser */
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
offer_chooser_cb (gpointer user_data)
{
  RelaisImportDialog *self = user_data;

  if (self->file == NULL && self->state == STATE_CHOOSE)
    choose_file (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* --- Actions ------------------------------------------------------------------- */

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (RELAIS_IMPORT_DIALOG (widget));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisImportDialog *self = RELAIS_IMPORT_DIALOG (widget);

  clear_error (self);
  start_job (self, JOB_IMPORT);
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisImportDialog *self = RELAIS_IMPORT_DIALOG (widget);

  /* The job ends on its own (the import rolls back): its end says what happened. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_action_set_enabled (widget, "import.stop", FALSE);
}

static void
dismiss_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  clear_error (RELAIS_IMPORT_DIALOG (widget));
}

static void
choice_changed_cb (RelaisImportDialog *self)
{
  update (self);
}

/* --- Public API and class ---------------------------------------------------------- */

static gboolean
relais_import_dialog_close_request (GtkWindow *window)
{
  RelaisImportDialog *self = RELAIS_IMPORT_DIALOG (window);

  /* An import stopped half-way rolls back; the dialog waits for that to end,
   * so that the window is told if the import was already committed. */
  if (self->state == STATE_IMPORTING && self->task != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (relais_import_dialog_parent_class)->close_request (window);
}

static void
relais_import_dialog_map (GtkWidget *widget)
{
  RelaisImportDialog *self = RELAIS_IMPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (relais_import_dialog_parent_class)->map (widget);

  /* Once shown without a file, the dialog asks for one at once. */
  if (!self->chooser_offered && self->file == NULL)
    {
      self->chooser_offered = TRUE;
      g_idle_add (offer_chooser_cb, g_object_ref (self));
    }
}

static void
relais_import_dialog_dispose (GObject *object)
{
  RelaisImportDialog *self = (RelaisImportDialog *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->reanalyze_source, g_source_remove);

  if (self->column_rows != NULL)
    g_ptr_array_set_size (self->column_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (relais_import_dialog_parent_class)->dispose (object);
}

static void
relais_import_dialog_finalize (GObject *object)
{
  RelaisImportDialog *self = (RelaisImportDialog *) object;

  g_free (self->db_path);
  g_clear_object (&self->file);
  g_clear_pointer (&self->mapping, relais_lead_csv_mapping_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_object (&self->fields_model);
  g_clear_object (&self->errors_model);
  relais_lead_import_report_clear (&self->report);
  g_free (self->mapping_problem);
  g_free (self->route_error);

  G_OBJECT_CLASS (relais_import_dialog_parent_class)->finalize (object);
}

static void
relais_import_dialog_class_init (RelaisImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = relais_import_dialog_dispose;
  object_class->finalize = relais_import_dialog_finalize;
  widget_class->map = relais_import_dialog_map;
  window_class->close_request = relais_import_dialog_close_request;

  signals[IMPORTED] = g_signal_new ("imported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, message_bar);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, review_scroller);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, invalid_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, analyzing_bar);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, errors_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, good_rows_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, abort_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, good_rows_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, errors_scroller);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, errors_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, merge_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, merge_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, dates_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisImportDialog, date_order_row);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_order_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "import.dismiss-error", NULL, dismiss_error_action_cb);

  /* Escape closes the dialog, as it does any dialog; a job under way is
   * cancelled (see close_request). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
relais_import_dialog_init (RelaisImportDialog *self)
{
  g_autoptr(GtkStringList) date_orders = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  relais_lead_import_report_init (&self->report);

  self->fields_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->fields_model, relais_lead_csv_field_label (RELAIS_LEAD_CSV_FIELD_IGNORE));
  for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
    gtk_string_list_append (self->fields_model, relais_lead_csv_field_label ((RelaisLeadCsvField) f));

  /* Item i is RelaisLeadCsvDateOrder i. */
  date_orders = gtk_string_list_new ((const char *[]) {
    /* Translators: how to read dates such as 03/04/2024: the day first, unless it cannot be */
    _("Automatic"),
    /* Translators: how to read dates such as 03/04/2024; keep the example date as it is */
    _("Day first (31/12/2024)"),
    /* Translators: how to read dates such as 03/04/2024; keep the example date as it is */
    _("Month first (12/31/2024)"),
    NULL });
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->loading = TRUE;
  adw_combo_row_set_expression (self->date_order_row, expression);
  adw_combo_row_set_model (self->date_order_row, G_LIST_MODEL (date_orders));
  self->loading = FALSE;

  self->errors_model = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->errors_model)));
  gtk_list_view_set_model (self->errors_view, GTK_SELECTION_MODEL (selection));

  /* Enter, where it has nothing else to do, imports (when it can). */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));

  self->state = STATE_CHOOSE;
  gtk_stack_set_visible_child_name (self->stack, "choose");
  update (self);
}

RelaisImportDialog *
relais_import_dialog_new (GtkWindow *parent,
                          RelaisDb  *db)
{
  RelaisImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  self = g_object_new (RELAIS_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db_path = g_strdup (relais_db_get_path (db));
  return self;
}

void
relais_import_dialog_set_file (RelaisImportDialog *self,
                               GFile              *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (RELAIS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);

  /* A new file starts with its guessed columns and the safe choices. */
  g_clear_pointer (&self->mapping, relais_lead_csv_mapping_free);
  g_clear_pointer (&self->mapping_problem, g_free);
  self->have_report = FALSE;
  clear_column_rows (self);
  gtk_check_button_set_active (self->skip_check, TRUE);
  gtk_check_button_set_active (self->abort_check, TRUE);
  clear_error (self);

  start_job (self, JOB_OPEN);
}

guint
relais_import_dialog_get_n_routed (RelaisImportDialog *self)
{
  g_return_val_if_fail (RELAIS_IS_IMPORT_DIALOG (self), 0);
  return self->n_routed;
}

const char *
relais_import_dialog_get_route_error (RelaisImportDialog *self)
{
  g_return_val_if_fail (RELAIS_IS_IMPORT_DIALOG (self), NULL);
  return self->route_error;
}

char *
relais_import_dialog_format_result (guint64 n_inserted,
                                    guint64 n_merged)
{
  g_autofree char *inserted = format_count (n_inserted);
  g_autofree char *merged = format_count (n_merged);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: a confirmation after an import; %s is a number of leads */
                                        "%s lead imported.", "%s leads imported.", (gulong) n_inserted),
                           inserted);
  if (n_merged == 0)
    return g_steal_pointer (&first);

  second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: a confirmation after an import that merged
                                          * duplicates; %s is a number of leads of the store */
                                         "%s lead completed.", "%s leads completed.", (gulong) n_merged),
                            merged);
  if (n_inserted == 0)
    return g_steal_pointer (&second);

  /* Translators: two sentences, one after the other; swap or space them as your language needs */
  return g_strdup_printf (_("%1$s %2$s"), first, second);
}
