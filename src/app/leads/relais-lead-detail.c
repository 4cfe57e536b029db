/* relais-lead-detail.c
 *
 * The pane keeps the lead as last read from the store (self->lead) and shows
 * it in its rows; edits stay in the rows until "Save". Whether there is
 * anything to save is always computed by comparing the rows with self->lead,
 * so typing a value back to what it was disables Save again. Changes that are
 * not edits (status, note) are written at once; the lead is then read again
 * and the pending edits stay in the rows, based on the new revision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-lead-detail.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "relais-journal.h"
#include "relais-lead-changes.h"
#include "relais-lead-store.h"
#include "relais-reject-dialog.h"
#include "relais-rule-store.h"
#include "relais-util.h"

/* The lead's text fields edited in an AdwEntryRow named NAME_row. */
#define DETAIL_ENTRY_FIELDS(X) \
  X (first_name) \
  X (last_name) \
  X (company) \
  X (email) \
  X (phone) \
  X (street) \
  X (city) \
  X (state) \
  X (postal_code) \
  X (country) \
  X (listing) \
  X (technology) \
  X (budget) \
  X (language) \
  X (program) \
  X (source) \
  X (currency) \
  X (quality_comment)

struct _RelaisLeadDetail
{
  GtkWidget       parent_instance;

  RelaisDb       *db;
  RelaisLead     *lead;         /* as last read from the store, or NULL */
  gboolean        loading;      /* filling the rows: not an edit */

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkScrolledWindow *scroller;
  GtkLabel       *name_label;
  GtkLabel       *company_label;
  GtkLabel       *status_label;
  GtkLabel       *overdue_label;
  GtkMenuButton  *status_button;
  GMenu          *status_section;
  GtkLabel       *changes_label;

#define ENTRY_MEMBER(name) AdwEntryRow *name##_row;
  DETAIL_ENTRY_FIELDS (ENTRY_MEMBER)
#undef ENTRY_MEMBER
  AdwEntryRow    *value_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *category_row;
  AdwComboRow    *rating_row;

  AdwActionRow   *queue_row;
  AdwActionRow   *partner_row;
  AdwActionRow   *rep_row;
  AdwActionRow   *assigned_row;
  AdwActionRow   *accepted_row;
  AdwActionRow   *assignment_reason_row;
  AdwActionRow   *routing_row;
  AdwActionRow   *rejection_reason_row;
  AdwActionRow   *rejection_comment_row;

  AdwPreferencesGroup *history_group;
  GtkTextView    *note_view;
  GtkListBox     *notes_list;
  GtkListBox     *history_list;
};

G_DEFINE_FINAL_TYPE (RelaisLeadDetail, relais_lead_detail, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  DELETED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (RelaisLeadDetail *self);

/* --- Formatting ------------------------------------------------------------ */

/* Returns: (transfer full): @usec (µs since the epoch) in the user's time zone
 * and language, or "" for 0. */
static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return g_strdup ("");

  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date and time, as in g_date_time_format(): "28 November 2026, 14:05".
   * Reorder for your language; %-d is the day without padding. */
  return g_date_time_format (dt, _("%-d %B %Y, %H:%M"));
}

/* The amount in the value row: "1234.50" with the locale's decimal mark,
 * without grouping, so that it reads back exactly; "" for 0. */
static char *
format_amount (gint64 minor)
{
  if (minor == 0)
    return g_strdup ("");
  return g_strdup_printf ("%.2f", (double) minor / 100.0);
}

/* Reads what a user typed as an amount: "1234.5", "1 234,50", "1,234.50",
 * "1234". Returns FALSE when it is not one (or is negative). */
static gboolean
parse_amount (const char *text,
              gint64     *minor)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *decimal = NULL;
  guint n_decimals = 0;
  gint64 units = 0, cents = 0;

  /* The last '.' or ',' followed by one or two digits only is the decimal
   * mark; any other is grouping. Spaces (also no-break) are grouping. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.' || *p == ',')
        {
          gsize n = strspn (p + 1, "0123456789");

          if ((n == 1 || n == 2) && p[1 + n] == '\0')
            decimal = p;
        }
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p == decimal)
        {
          g_string_append_c (digits, '.');
          continue;
        }
      if (c == '.' || c == ',' || c == '\'' || g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        continue;
      if (c < '0' || c > '9')
        return FALSE;
      g_string_append_c (digits, (char) c);
    }

  if (digits->len == 0)
    {
      *minor = 0;
      return TRUE;
    }

  for (const char *p = digits->str; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          n_decimals = 0;
          for (p++; *p != '\0'; p++)
            {
              cents = cents * 10 + (*p - '0');
              n_decimals++;
            }
          break;
        }
      /* A trillion is more than any lead is worth: refuse rather than overflow. */
      if (units > G_GINT64_CONSTANT (1000000000000))
        return FALSE;
      units = units * 10 + (*p - '0');
    }

  if (n_decimals == 1)
    cents *= 10;

  *minor = units * 100 + cents;
  return TRUE;
}

/* --- Reading and showing --------------------------------------------------- */

/* A copy of @lead, with every writable property. */
static RelaisLead *
lead_copy (RelaisLead *lead)
{
  RelaisLead *copy = relais_lead_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (lead), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0 || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (lead), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }

  return copy;
}

/* The lead as the rows show it now: self->lead with the edits. @value_ok is
 * FALSE when the value row does not hold an amount (the stored one is kept). */
static RelaisLead *
dup_edited (RelaisLeadDetail *self,
            gboolean         *value_ok)
{
  RelaisLead *edited = lead_copy (self->lead);
  gint64 minor = 0;
  guint selected;
  gboolean ok;

#define ENTRY_READ(name) \
  relais_lead_set_##name (edited, gtk_editable_get_text (GTK_EDITABLE (self->name##_row)));
  DETAIL_ENTRY_FIELDS (ENTRY_READ)
#undef ENTRY_READ

  /* The rows list the enumerations in their order: item i is value i. */
  selected = adw_combo_row_get_selected (self->kind_row);
  if (selected < RELAIS_LEAD_N_KINDS)
    relais_lead_set_kind (edited, selected);
  selected = adw_combo_row_get_selected (self->category_row);
  if (selected < RELAIS_LEAD_N_CATEGORIES)
    relais_lead_set_category (edited, selected);
  selected = adw_combo_row_get_selected (self->rating_row);
  if (selected <= 5)
    relais_lead_set_quality_rating (edited, selected);

  ok = parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &minor);
  if (ok)
    relais_lead_set_value_minor (edited, minor);
  if (value_ok != NULL)
    *value_ok = ok;

  return edited;
}

gboolean
relais_lead_detail_has_changes (RelaisLeadDetail *self)
{
  g_autoptr(RelaisLead) edited = NULL;
  gboolean value_ok;

  g_return_val_if_fail (RELAIS_IS_LEAD_DETAIL (self), FALSE);

  if (self->lead == NULL)
    return FALSE;

  edited = dup_edited (self, &value_ok);
  return !value_ok || relais_lead_changes_differ (self->lead, edited);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  /* Only when it differs: setting the same text would move the cursor. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* A read-only row: its title names the field, a label at its end shows the
 * value (or @none, dimmed). Long texts go in the subtitle instead: see
 * set_long_info(). */
static void
set_info (AdwActionRow *row,
          const char   *value,
          const char   *none)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "relais-value");
  gboolean empty = value == NULL || value[0] == '\0';

  if (label == NULL)
    {
      label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (label, 1);
      /* Not wrapped: a wrapping label in a row's suffix gets its minimum width. */
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_label_set_selectable (label, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (row, GTK_WIDGET (label));
      g_object_set_data (G_OBJECT (row), "relais-value", label);
    }

  gtk_label_set_label (label, empty ? none : value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), empty ? NULL : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  /* Screen readers read the row's title, then its value. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_label (label),
                                  -1);
}

static void
set_long_info (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && value[0] != '\0');
}

static void
show_error (RelaisLeadDetail *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
clear_error (RelaisLeadDetail *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* Why the rules sent the lead where it is, in plain words; the row is hidden
 * for a lead the rules never looked at. */
static void
show_routing (RelaisLeadDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;

  explanation = relais_rule_store_dup_explanation (self->db, relais_lead_get_id (self->lead), &error);
  if (error != NULL)
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The routing of this lead could not be read: %s"), error->message);

      show_error (self, message);
    }
  set_long_info (self->routing_row, explanation);
}

/* The header, status menu and read-only rows: what the store decides. */
static void
show_state (RelaisLeadDetail *self)
{
  RelaisLead *lead = self->lead;
  RelaisLeadStatus status = relais_lead_get_status (lead);
  g_autofree char *name = relais_lead_dup_full_name (lead);
  g_autofree char *assigned = format_time (relais_lead_get_assigned_at (lead));
  g_autofree char *accepted = format_time (relais_lead_get_accepted_at (lead));
  g_autofree char *created = format_time (relais_lead_get_created_at (lead));
  g_autofree char *updated = format_time (relais_lead_get_updated_at (lead));
  g_autofree char *history_description = NULL;
  gboolean overdue = relais_lead_is_overdue (lead, g_get_real_time ());
  gboolean rejected = status == RELAIS_LEAD_STATUS_REJECTED;

  /* A lead may have only a company or an e-mail address. */
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (relais_lead_get_company (lead)[0] ? relais_lead_get_company (lead)
                                                         : relais_lead_get_email (lead));
    }
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->company_label, relais_lead_get_company (lead));
  gtk_widget_set_visible (GTK_WIDGET (self->company_label),
                          relais_lead_get_company (lead)[0] != '\0' && !g_str_equal (name, relais_lead_get_company (lead)));

  gtk_label_set_label (self->status_label, relais_enum_label (&relais_lead_status_info, status));
  for (int s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), relais_enum_code (&relais_lead_status_info, s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), relais_enum_code (&relais_lead_status_info, status));
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue);

  /* Only the statuses the lifecycle allows from this one. */
  g_menu_remove_all (self->status_section);
  for (int s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!relais_lead_changes_can_set_status (lead, s))
        continue;

      if (s == RELAIS_LEAD_STATUS_REJECTED)
        {
          /* Translators: status menu item: opens the rejection form */
          item = g_menu_item_new (_("Rejected…"), "detail.reject");
        }
      else
        {
          item = g_menu_item_new (relais_enum_label (&relais_lead_status_info, s), NULL);
          g_menu_item_set_action_and_target_value (item, "detail.set-status", g_variant_new_int32 (s));
        }
      g_menu_append_item (self->status_section, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (self->status_section)) > 0);
  /* Translators: tooltip of the status button of a closed lead */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button),
                               g_menu_model_get_n_items (G_MENU_MODEL (self->status_section)) > 0
                               ? NULL : _("This lead’s status cannot change any more."));

  /* Translators: shown for a lead that waits in no queue */
  set_info (self->queue_row, relais_lead_get_queue_name (lead), _("None"));
  /* Translators: shown for a lead given to no partner yet */
  set_info (self->partner_row, relais_lead_get_partner_name (lead), _("Not assigned"));
  /* Translators: shown for a lead given to no partner sales rep yet */
  set_info (self->rep_row, relais_lead_get_rep_name (lead), _("Not assigned"));
  /* Translators: shown for a lead never given to a partner */
  set_info (self->assigned_row, assigned, _("Never"));
  if (overdue)
    {
      /* Translators: the lead's acceptance time, when the partner is late */
      set_info (self->accepted_row, _("Not yet — overdue (more than 48 hours)"), NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->accepted_row), "relais-overdue-row");
    }
  else
    {
      /* Translators: shown for a lead its partner has not accepted */
      set_info (self->accepted_row, accepted, _("Not yet"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->accepted_row), "relais-overdue-row");
    }
  set_long_info (self->assignment_reason_row, relais_lead_get_assignment_reason (lead));
  show_routing (self);

  set_info (self->rejection_reason_row,
            relais_enum_label (&relais_rejection_reason_info, relais_lead_get_rejection_reason (lead)), "");
  gtk_widget_set_visible (GTK_WIDGET (self->rejection_reason_row),
                          rejected || relais_lead_get_rejection_reason (lead) != RELAIS_REJECTION_NONE);
  set_long_info (self->rejection_comment_row, relais_lead_get_rejection_comment (lead));

  /* Translators: under "History": %1$s and %2$s are dates and times */
  history_description = g_strdup_printf (_("Created on %1$s; last changed on %2$s."), created, updated);
  adw_preferences_group_set_description (self->history_group, history_description);
}

/* Fills the editable rows from self->lead, dropping the edits. */
static void
show_fields (RelaisLeadDetail *self)
{
  g_autofree char *amount = format_amount (relais_lead_get_value_minor (self->lead));

  self->loading = TRUE;
#define ENTRY_WRITE(name) set_row_text (self->name##_row, relais_lead_get_##name (self->lead));
  DETAIL_ENTRY_FIELDS (ENTRY_WRITE)
#undef ENTRY_WRITE
  set_row_text (self->value_row, amount);
  adw_combo_row_set_selected (self->kind_row, relais_lead_get_kind (self->lead));
  adw_combo_row_set_selected (self->category_row, relais_lead_get_category (self->lead));
  adw_combo_row_set_selected (self->rating_row, CLAMP (relais_lead_get_quality_rating (self->lead), 0, 5));
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_row), "error");
  self->loading = FALSE;
}

static GtkWidget *
create_note_row (gpointer item,
                 gpointer user_data)
{
  RelaisLeadNote *note = item;
  g_autofree char *when = format_time (relais_lead_note_get_created_at (note));
  g_autofree char *byline = NULL;
  GtkWidget *row, *box, *meta, *text;
  const char *author = relais_lead_note_get_author (note);

  byline = author[0] != '\0'
    /* Translators: above a note: %1$s is its author, %2$s the date and time */
    ? g_strdup_printf (_("%1$s, %2$s"), author, when)
    : g_strdup (when);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  meta = gtk_label_new (byline);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), meta);

  text = gtk_label_new (relais_lead_note_get_text (note));
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  RelaisLeadHistoryEntry *entry = item;
  g_autofree char *when = format_time (relais_lead_history_entry_get_at (entry));
  GtkWidget *row, *box, *text, *meta;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  text = gtk_label_new (relais_lead_history_entry_get_text (entry));
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), text);

  meta = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), meta);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
show_notes_and_history (RelaisLeadDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) history = NULL;
  gint64 id = relais_lead_get_id (self->lead);

  notes = relais_lead_changes_list_notes (self->db, id, &error);
  if (notes == NULL)
    show_error (self, error->message);
  gtk_list_box_bind_model (self->notes_list, notes, create_note_row, NULL, NULL);

  g_clear_error (&error);
  history = relais_lead_changes_list_history (self->db, id, &error);
  if (history == NULL)
    show_error (self, error->message);
  gtk_list_box_bind_model (self->history_list, history, create_history_row, NULL, NULL);
}

/* Before self->lead becomes @fresh: the rows the user did not edit (they
 * still show self->lead's value) take @fresh's value, so that a change made
 * meanwhile (a rejection's rating, an edit by sync) shows; the edited rows
 * keep the user's text. */
static void
follow_unedited_fields (RelaisLeadDetail *self,
                        RelaisLead       *fresh)
{
  RelaisLead *old = self->lead;
  gint64 minor;

  self->loading = TRUE;
#define ENTRY_FOLLOW(name) \
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->name##_row)), relais_lead_get_##name (old))) \
    set_row_text (self->name##_row, relais_lead_get_##name (fresh));
  DETAIL_ENTRY_FIELDS (ENTRY_FOLLOW)
#undef ENTRY_FOLLOW

  if (parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &minor) &&
      minor == relais_lead_get_value_minor (old))
    {
      g_autofree char *amount = format_amount (relais_lead_get_value_minor (fresh));
      set_row_text (self->value_row, amount);
    }
  if (adw_combo_row_get_selected (self->kind_row) == (guint) relais_lead_get_kind (old))
    adw_combo_row_set_selected (self->kind_row, relais_lead_get_kind (fresh));
  if (adw_combo_row_get_selected (self->category_row) == (guint) relais_lead_get_category (old))
    adw_combo_row_set_selected (self->category_row, relais_lead_get_category (fresh));
  if (adw_combo_row_get_selected (self->rating_row) == (guint) relais_lead_get_quality_rating (old))
    adw_combo_row_set_selected (self->rating_row, CLAMP (relais_lead_get_quality_rating (fresh), 0, 5));
  self->loading = FALSE;
}

/* Reads the lead again after a change; @keep_edits leaves the edited rows as they are. */
static gboolean
reload_lead (RelaisLeadDetail *self,
             gboolean          keep_edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = NULL;

  lead = relais_lead_store_load (self->db, relais_lead_get_id (self->lead), &error);
  if (lead == NULL)
    {
      /* Gone: deleted by sync or another window. */
      show_error (self, error ? error->message : _("This lead no longer exists: it was deleted, here or by another channel manager."));
      return FALSE;
    }

  if (keep_edits)
    follow_unedited_fields (self, lead);
  g_set_object (&self->lead, lead);
  show_state (self);
  if (!keep_edits)
    show_fields (self);
  show_notes_and_history (self);
  update_actions (self);
  return TRUE;
}

static void
update_actions (RelaisLeadDetail *self)
{
  gboolean has_lead = self->lead != NULL;
  gboolean dirty = has_lead && relais_lead_detail_has_changes (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.revert", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.add-note", has_lead && g_strstrip (note)[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.delete", has_lead);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.set-status", has_lead);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.reject",
                                 has_lead && relais_lead_changes_can_set_status (self->lead, RELAIS_LEAD_STATUS_REJECTED));
  gtk_widget_set_visible (GTK_WIDGET (self->changes_label), dirty);
}

static void
field_changed_cb (RelaisLeadDetail *self)
{
  gint64 minor;

  if (self->loading || self->lead == NULL)
    return;

  if (parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &minor))
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->value_row), "error");

  update_actions (self);
}

static void
note_changed_cb (RelaisLeadDetail *self)
{
  update_actions (self);
}

/* --- Changes ----------------------------------------------------------------- */

static char *
dup_display_name (RelaisLead *lead)
{
  char *name = relais_lead_dup_full_name (lead);

  if (name[0] != '\0')
    return name;
  g_free (name);
  return g_strdup (relais_lead_get_company (lead)[0] ? relais_lead_get_company (lead) : relais_lead_get_email (lead));
}

/* Saves the edits; on failure tells why and keeps them. */
static gboolean
save (RelaisLeadDetail  *self,
      GError           **error)
{
  g_autoptr(RelaisLead) edited = NULL;
  gboolean value_ok;

  edited = dup_edited (self, &value_ok);
  if (!value_ok)
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   /* Translators: %s is what the user typed as the lead's value */
                   _("“%s” is not an amount. Enter a number such as 1234.50, or leave the value empty."),
                   gtk_editable_get_text (GTK_EDITABLE (self->value_row)));
      return FALSE;
    }

  if (!relais_lead_changes_differ (self->lead, edited))
    return TRUE;

  return relais_lead_changes_update (self->db, edited, error);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->lead == NULL)
    return;

  id = relais_lead_get_id (self->lead);
  if (!save (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  clear_error (self);
  /* The rows now show what was saved (trimmed, codes in their case). */
  reload_lead (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0, id);
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Lead saved"));
}

static void
revert_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);

  if (self->lead == NULL)
    return;

  clear_error (self);
  show_fields (self);
  update_actions (self);
}

static void
set_status (RelaisLeadDetail      *self,
            RelaisLeadStatus       to,
            RelaisRejectionReason  reason,
            int                    rating,
            const char            *comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id = relais_lead_get_id (self->lead);

  if (!relais_lead_changes_set_status (self->db, id, to, reason, rating, comment, &error))
    {
      show_error (self, error->message);
      /* The lead may have changed meanwhile: show what the store has. */
      reload_lead (self, TRUE);
      return;
    }

  clear_error (self);
  reload_lead (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, id);
  /* Translators: a confirmation; %s is the new status of the lead */
  message = g_strdup_printf (_("Status changed to “%s”"), relais_enum_label (&relais_lead_status_info, to));
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
set_status_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);
  int to = g_variant_get_int32 (parameter);

  if (self->lead == NULL || to < 0 || to >= RELAIS_LEAD_N_STATUSES)
    return;

  set_status (self, to, RELAIS_REJECTION_NONE, 0, NULL);
}

static void
reject_response_cb (RelaisRejectDialog *dialog,
                    const char         *response,
                    RelaisLeadDetail   *self)
{
  g_autofree char *comment = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-lead-id"));

  /* The pane may show another lead by now: reject only the one asked about. */
  if (!g_str_equal (response, "reject") || self->lead == NULL || relais_lead_get_id (self->lead) != id)
    return;

  comment = relais_reject_dialog_dup_comment (dialog);
  set_status (self, RELAIS_LEAD_STATUS_REJECTED,
              relais_reject_dialog_get_reason (dialog),
              relais_reject_dialog_get_rating (dialog),
              comment);
}

static void
reject_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);
  g_autofree char *name = NULL;
  RelaisRejectDialog *dialog;

  if (self->lead == NULL)
    return;

  name = dup_display_name (self->lead);
  dialog = relais_reject_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), name);
  g_object_set_data (G_OBJECT (dialog), "relais-lead-id", GSIZE_TO_POINTER (relais_lead_get_id (self->lead)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (reject_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  gint64 id;

  if (self->lead == NULL)
    return;

  id = relais_lead_get_id (self->lead);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!relais_lead_changes_add_note (self->db, id, relais_journal_get_actor (), text, &error))
    {
      show_error (self, error->message);
      return;
    }

  clear_error (self);
  gtk_text_buffer_set_text (buffer, "", 0);
  reload_lead (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, id);
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Note added"));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RelaisLeadDetail *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-lead-id"));

  if (!g_str_equal (response, "delete") || self->lead == NULL || relais_lead_get_id (self->lead) != id)
    return;

  if (!relais_lead_changes_delete (self->db, id, &error))
    {
      show_error (self, error->message);
      return;
    }

  clear_error (self);
  g_clear_object (&self->lead);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
  g_signal_emit (self, signals[CHANGED], 0, id);
  g_signal_emit (self, signals[DELETED], 0, id);
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Lead deleted"));
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisLeadDetail *self = RELAIS_LEAD_DETAIL (widget);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->lead == NULL)
    return;

  name = dup_display_name (self->lead);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Lead?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is a lead's name or company */
                                  _("“%s” and its notes will be deleted. The change journal keeps a copy of them."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button of the dialog that confirms a lead's deletion */
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "relais-lead-id", GSIZE_TO_POINTER (relais_lead_get_id (self->lead)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  clear_error (RELAIS_LEAD_DETAIL (widget));
}

/* --- Public API and class ------------------------------------------------------ */

static void
relais_lead_detail_dispose (GObject *object)
{
  RelaisLeadDetail *self = (RelaisLeadDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_LEAD_DETAIL);
  g_clear_object (&self->lead);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_lead_detail_parent_class)->dispose (object);
}

static void
relais_lead_detail_class_init (RelaisLeadDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_lead_detail_dispose;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[TOAST] = g_signal_new ("toast",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-lead-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, company_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, status_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, status_section);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, changes_label);
#define ENTRY_BIND(name) gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, name##_row);
  DETAIL_ENTRY_FIELDS (ENTRY_BIND)
#undef ENTRY_BIND
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, value_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, category_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, rating_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, queue_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, partner_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, rep_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, assigned_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, accepted_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, assignment_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, routing_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, rejection_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, rejection_comment_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, note_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, notes_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadDetail, history_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "detail.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.revert", NULL, revert_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.set-status", "i", set_status_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.reject", NULL, reject_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.add-note", NULL, add_note_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.dismiss-error", NULL, dismiss_error_action_cb);

  /* Escape reverts only while the focus is in the pane (and there is
   * something to revert: a disabled action lets the key go on). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "detail.revert", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-lead-detail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
relais_lead_detail_init (RelaisLeadDetail *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ratings = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;
  GtkEventController *note_keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A phone number reads left to right in every language: "+34 621 706 630",
   * not "621 706 630 34+" in a right-to-left window. */
  gtk_widget_set_direction (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->phone_row))), GTK_TEXT_DIR_LTR);

  /* Item i of each list is value i of its enumeration (see dup_edited()). */
  for (int i = 0; i < RELAIS_LEAD_N_KINDS; i++)
    gtk_string_list_append (kinds, relais_enum_label (&relais_lead_kind_info, i));
  for (int i = 0; i < RELAIS_LEAD_N_CATEGORIES; i++)
    gtk_string_list_append (categories, relais_enum_label (&relais_lead_category_info, i));
  for (int i = 0; i <= 5; i++)
    gtk_string_list_append (ratings, relais_quality_rating_label (i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  adw_combo_row_set_model (self->rating_row, G_LIST_MODEL (ratings));
  self->loading = FALSE;

  gtk_list_box_set_placeholder (self->notes_list, placeholder_new (_("No notes yet")));
  gtk_list_box_set_placeholder (self->history_list, placeholder_new (_("No history yet")));

  /* Ctrl+S saves from anywhere in the window: the pane is the only editor. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>s"),
                                                          gtk_named_action_new ("detail.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Ctrl+Enter in the note adds it; Enter alone is a new line. */
  note_keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (note_keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("detail.add-note")));
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), note_keys);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

GtkWidget *
relais_lead_detail_new (void)
{
  return g_object_new (RELAIS_TYPE_LEAD_DETAIL, NULL);
}

gint64
relais_lead_detail_get_lead_id (RelaisLeadDetail *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_DETAIL (self), 0);
  return self->lead ? relais_lead_get_id (self->lead) : 0;
}

void
relais_lead_detail_set_n_selected (RelaisLeadDetail *self,
                                   guint             n_selected)
{
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (RELAIS_IS_LEAD_DETAIL (self));

  if (n_selected < 2)
    {
      adw_status_page_set_title (self->empty_page, _("No Lead Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Select a lead in the list to see its details, change its status or add a note."));
      return;
    }

  count = relais_format_count (n_selected);
  /* Translators: the title beside the list when several leads are selected;
   * %s is the formatted count (never 1) */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Lead Selected", "%s Leads Selected", n_selected), count);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page,
                                   _("Drag them onto a partner, a rep or a queue of the panel, or press Ctrl+M to assign them."));
}

/* Before showing another lead: the edits of this one are saved, not lost. */
static void
save_before_leaving (RelaisLeadDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  if (self->lead == NULL || self->db == NULL || !relais_lead_detail_has_changes (self))
    return;

  id = relais_lead_get_id (self->lead);
  name = dup_display_name (self->lead);
  if (save (self, &error))
    {
      g_signal_emit (self, signals[CHANGED], 0, id);
      /* Translators: a confirmation when the user leaves a lead with unsaved edits; %s is its name */
      message = g_strdup_printf (_("Changes to “%s” saved"), name);
    }
  else
    {
      /* Translators: %1$s is a lead's name, %2$s why its edits could not be saved */
      message = g_strdup_printf (_("Changes to “%1$s” were not saved: %2$s"), name, error->message);
    }
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
relais_lead_detail_set_lead (RelaisLeadDetail *self,
                             RelaisDb         *db,
                             gint64            lead_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = NULL;

  g_return_if_fail (RELAIS_IS_LEAD_DETAIL (self));
  g_return_if_fail (db == NULL || RELAIS_IS_DB (db));

  if (self->lead != NULL && relais_lead_get_id (self->lead) == lead_id && self->db == db)
    {
      relais_lead_detail_reload (self);
      return;
    }

  save_before_leaving (self);
  g_set_object (&self->db, db);
  g_clear_object (&self->lead);
  clear_error (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", 0);

  if (db != NULL && lead_id != 0)
    lead = relais_lead_store_load (db, lead_id, &error);

  if (lead == NULL)
    {
      if (error != NULL)
        g_signal_emit (self, signals[TOAST], 0, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  self->lead = g_steal_pointer (&lead);
  show_state (self);
  show_fields (self);
  show_notes_and_history (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "lead");
  update_actions (self);
}

void
relais_lead_detail_reload (RelaisLeadDetail *self)
{
  g_return_if_fail (RELAIS_IS_LEAD_DETAIL (self));

  if (self->lead != NULL)
    reload_lead (self, TRUE);
}
