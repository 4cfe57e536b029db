/* relais-partner-detail.c
 *
 * As the lead detail pane: the pane keeps the partner as last read from the
 * store (self->partner) and shows it in its rows; edits stay in the rows until
 * "Save", and whether there is anything to save is always computed by
 * comparing the rows with self->partner. Changes that are not edits (the
 * Active switch, contacts) are written at once; the partner is then read again
 * and the pending edits stay in the rows, based on the new revision.
 *
 * Deactivating a partner that holds open leads asks where they go. The leads
 * are moved first (relais_lead_assign(), one transaction), then the partner is
 * deactivated; if that fails the move is undone, so that to the user both
 * happen or neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-partner-detail.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "relais-contact-dialog.h"
#include "relais-lead-assign.h"
#include "relais-move-leads-dialog.h"
#include "relais-partner-changes.h"
#include "relais-partner-rules.h"
#include "relais-partner-store.h"
#include "relais-util.h"

/* The partner's text fields edited in an AdwEntryRow named NAME_row. */
#define DETAIL_ENTRY_FIELDS(X) \
  X (name) \
  X (countries) \
  X (technologies) \
  X (languages) \
  X (owner) \
  X (website) \
  X (city) \
  X (country)

struct _RelaisPartnerDetail
{
  GtkWidget       parent_instance;

  RelaisDb       *db;
  RelaisPartner  *partner;          /* as last read from the store, or NULL */
  gboolean        loading;          /* filling the rows: not an edit */
  gint64          out_of_office;    /* the edited "out of office until", µs */
  GtkWidget      *error_widget;     /* the field the last refusal was about */

  GtkStack       *stack;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkScrolledWindow *scroller;
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkLabel       *availability_label;
  GtkLabel       *changes_label;

#define ENTRY_MEMBER(name) AdwEntryRow *name##_row;
  DETAIL_ENTRY_FIELDS (ENTRY_MEMBER)
#undef ENTRY_MEMBER
  AdwComboRow    *tier_row;
  AdwActionRow   *active_row;
  GtkSwitch      *active_switch;
  AdwActionRow   *capacity_row;
  GtkSpinButton  *capacity_spin;
  AdwActionRow   *out_of_office_row;
  GtkMenuButton  *out_of_office_button;
  GtkPopover     *out_of_office_popover;
  GtkCalendar    *out_of_office_calendar;
  GtkListBox     *contacts_list;
  GtkTextView    *notes_view;
};

G_DEFINE_FINAL_TYPE (RelaisPartnerDetail, relais_partner_detail, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  DELETED,
  LEADS_CHANGED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (RelaisPartnerDetail *self);

/* --- Availability ---------------------------------------------------------- */

typedef enum {
  AVAILABLE,
  INACTIVE,
  OUT_OF_OFFICE,
  OVER_CAPACITY,
} Availability;

static Availability
availability_of (gboolean active,
                 gint64   out_of_office_until,
                 gint64   open_leads,
                 gint64   capacity,
                 gint64   now)
{
  if (!active)
    return INACTIVE;
  if (out_of_office_until != 0 && out_of_office_until > now)
    return OUT_OF_OFFICE;
  if (open_leads > capacity)
    return OVER_CAPACITY;
  return AVAILABLE;
}

static Availability
availability (RelaisPartner *partner,
              gint64         now)
{
  return availability_of (relais_partner_get_active (partner),
                          relais_partner_get_out_of_office_until (partner),
                          relais_partner_get_open_leads (partner),
                          relais_partner_get_capacity (partner),
                          now);
}

const char *
relais_partner_availability_label (gboolean active,
                                   gint64   out_of_office_until,
                                   gint64   open_leads,
                                   gint64   capacity,
                                   gint64   now)
{
  switch (availability_of (active, out_of_office_until, open_leads, capacity, now))
    {
    case INACTIVE:
      /* Translators: a partner account that receives no leads */
      return _("Inactive");
    case OUT_OF_OFFICE:
      /* Translators: a partner that said it is away for now */
      return _("Out of office");
    case OVER_CAPACITY:
      /* Translators: a partner with more open leads than its capacity */
      return _("Over capacity");
    case AVAILABLE:
    default:
      /* Translators: a partner that can receive leads */
      return _("Available");
    }
}

/* --- Dates ------------------------------------------------------------------- */

/* "Out of office until 12 March" means away all that day: the store keeps
 * the first moment the partner is back, midnight after that day (local time). */
static gint64
until_from_date (GDateTime *day)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (day),
                                                         g_date_time_get_month (day),
                                                         g_date_time_get_day_of_month (day),
                                                         0, 0, 0);
  g_autoptr(GDateTime) next = midnight ? g_date_time_add_days (midnight, 1) : NULL;

  return next ? g_date_time_to_unix (next) * G_USEC_PER_SEC : 0;
}

/* Returns: (transfer full) (nullable): the last day away, for @until. */
static GDateTime *
date_from_until (gint64 until)
{
  if (until <= 0)
    return NULL;
  return g_date_time_new_from_unix_local ((until - 1) / G_USEC_PER_SEC);
}

static char *
format_day (GDateTime *day)
{
  /* Translators: a date, as in g_date_time_format(): "12 March 2027". Reorder
   * for your language; %-d is the day without padding. */
  return g_date_time_format (day, _("%-d %B %Y"));
}

/* --- Reading and showing ----------------------------------------------------- */

static gint64
read_capacity (RelaisPartnerDetail *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->capacity_spin));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gint64 value;
  char *end = NULL;

  /* What is typed counts, before the spin button takes it in (on Enter or
   * when the focus leaves); a text that is no number is -1: refused. */
  if (trimmed[0] == '\0')
    return -1;
  value = g_ascii_strtoll (trimmed, &end, 10);
  if (end == NULL || *end != '\0')
    return -1;
  return value;
}

static char *
dup_notes (RelaisPartnerDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The partner as the rows show it now: self->partner with the edits. */
static RelaisPartner *
dup_edited (RelaisPartnerDetail *self)
{
  RelaisPartner *edited = relais_partner_new ();
  g_autofree char *notes = dup_notes (self);
  guint tier = adw_combo_row_get_selected (self->tier_row);

  relais_partner_set_id (edited, relais_partner_get_id (self->partner));
  relais_partner_set_uuid (edited, relais_partner_get_uuid (self->partner));
  relais_partner_set_revision (edited, relais_partner_get_revision (self->partner));
  relais_partner_set_active (edited, relais_partner_get_active (self->partner));
  relais_partner_set_open_leads (edited, relais_partner_get_open_leads (self->partner));
#define ENTRY_READ(name) \
  relais_partner_set_##name (edited, gtk_editable_get_text (GTK_EDITABLE (self->name##_row)));
  DETAIL_ENTRY_FIELDS (ENTRY_READ)
#undef ENTRY_READ
  /* Item i of the list is tier i. */
  relais_partner_set_tier (edited, tier < RELAIS_PARTNER_N_TIERS ? tier : relais_partner_get_tier (self->partner));
  relais_partner_set_capacity (edited, read_capacity (self));
  relais_partner_set_out_of_office_until (edited, self->out_of_office);
  relais_partner_set_notes (edited, notes);
  return edited;
}

gboolean
relais_partner_detail_has_changes (RelaisPartnerDetail *self)
{
  g_autoptr(RelaisPartner) edited = NULL;

  g_return_val_if_fail (RELAIS_IS_PARTNER_DETAIL (self), FALSE);

  if (self->partner == NULL)
    return FALSE;

  edited = dup_edited (self);
  return relais_partner_changes_differ (self->partner, edited);
}

/* How a stored field reads in its row: lists of codes with a space after each
 * comma ("FR, BE"); the rules read them back either way. */
static char *
display_text (const char *field,
              const char *value)
{
  if (g_str_equal (field, "countries") || g_str_equal (field, "technologies") || g_str_equal (field, "languages"))
    {
      g_auto(GStrv) items = g_strsplit (value, ",", -1);
      return g_strjoinv (", ", items);
    }
  return g_strdup (value);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  /* Only when it differs: setting the same text would move the cursor. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static GtkWidget *
widget_of_field (RelaisPartnerDetail *self,
                 int                  code)
{
  switch (code)
    {
    case RELAIS_PARTNER_RULES_ERROR_NAME: return GTK_WIDGET (self->name_row);
    case RELAIS_PARTNER_RULES_ERROR_COUNTRIES: return GTK_WIDGET (self->countries_row);
    case RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES: return GTK_WIDGET (self->technologies_row);
    case RELAIS_PARTNER_RULES_ERROR_LANGUAGES: return GTK_WIDGET (self->languages_row);
    case RELAIS_PARTNER_RULES_ERROR_CAPACITY: return GTK_WIDGET (self->capacity_row);
    case RELAIS_PARTNER_RULES_ERROR_OUT_OF_OFFICE: return GTK_WIDGET (self->out_of_office_row);
    case RELAIS_PARTNER_RULES_ERROR_OWNER: return GTK_WIDGET (self->owner_row);
    case RELAIS_PARTNER_RULES_ERROR_WEBSITE: return GTK_WIDGET (self->website_row);
    case RELAIS_PARTNER_RULES_ERROR_CITY: return GTK_WIDGET (self->city_row);
    case RELAIS_PARTNER_RULES_ERROR_COUNTRY: return GTK_WIDGET (self->country_row);
    case RELAIS_PARTNER_RULES_ERROR_NOTES: return GTK_WIDGET (self->notes_view);
    default: return NULL;
    }
}

static void
clear_field_error (RelaisPartnerDetail *self)
{
  if (self->error_widget == NULL)
    return;

  gtk_widget_remove_css_class (self->error_widget, "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_STATE_INVALID);
  self->error_widget = NULL;
}

static void
show_message (RelaisPartnerDetail *self,
              const char          *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
clear_error (RelaisPartnerDetail *self)
{
  clear_field_error (self);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* Says why at the top of the pane and, when the rules name a field, marks it
 * (red, "invalid" for screen readers, with the message as its description). */
static void
show_error (RelaisPartnerDetail *self,
            const GError        *error)
{
  GtkWidget *widget = NULL;

  clear_field_error (self);
  show_message (self, error->message);

  if (error->domain == RELAIS_PARTNER_RULES_ERROR)
    widget = widget_of_field (self, error->code);
  if (widget != NULL)
    {
      self->error_widget = widget;
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
}

static void
show_out_of_office (RelaisPartnerDetail *self)
{
  g_autoptr(GDateTime) day = date_from_until (self->out_of_office);

  if (day != NULL)
    {
      g_autofree char *text = format_day (day);

      gtk_menu_button_set_label (self->out_of_office_button, text);
      self->loading = TRUE;
      gtk_calendar_select_day (self->out_of_office_calendar, day);
      self->loading = FALSE;
    }
  else
    {
      /* Translators: the partner's out-of-office date when there is none */
      gtk_menu_button_set_label (self->out_of_office_button, _("Not set"));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.clear-out-of-office", day != NULL);
}

/* The header and the rows that are not edits: what the store decides. */
static void
show_state (RelaisPartnerDetail *self)
{
  RelaisPartner *partner = self->partner;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  g_autofree char *open = relais_format_count (relais_partner_get_open_leads (partner));
  g_autofree char *load = NULL;
  const char *city = relais_partner_get_city (partner);
  const char *country = relais_partner_get_country (partner);
  Availability state = availability (partner, g_get_real_time ());
  static const char * const pill_classes[] = { "delivered", "closed", "new", "relais-overdue-pill" };

  gtk_label_set_label (self->title_label, relais_partner_get_name (partner));

  g_ptr_array_add (parts, g_strdup (relais_enum_label (&relais_partner_tier_info, relais_partner_get_tier (partner))));
  if (city[0] != '\0' && country[0] != '\0')
    /* Translators: where a partner is: %1$s is a city, %2$s a country code */
    g_ptr_array_add (parts, g_strdup_printf (_("%1$s, %2$s"), city, country));
  else if (city[0] != '\0' || country[0] != '\0')
    g_ptr_array_add (parts, g_strdup (city[0] != '\0' ? city : country));
  if (relais_partner_get_owner (partner)[0] != '\0')
    /* Translators: %s is the channel manager in charge of the partner */
    g_ptr_array_add (parts, g_strdup_printf (_("Managed by %s"), relais_partner_get_owner (partner)));
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->summary_label, summary);

  gtk_label_set_label (self->availability_label,
                       relais_partner_availability_label (relais_partner_get_active (partner),
                                                          relais_partner_get_out_of_office_until (partner),
                                                          relais_partner_get_open_leads (partner),
                                                          relais_partner_get_capacity (partner),
                                                          g_get_real_time ()));
  for (guint i = 0; i < G_N_ELEMENTS (pill_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->availability_label), pill_classes[i]);
  /* The lead status pills' colors: green, grey, grey, red. */
  gtk_widget_add_css_class (GTK_WIDGET (self->availability_label), pill_classes[state]);

  load = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: under a partner's capacity; %s is a formatted number */
                                       "The most open leads it works at once. It holds %s open lead now.",
                                       "The most open leads it works at once. It holds %s open leads now.",
                                       relais_partner_get_open_leads (partner)),
                          open);
  adw_action_row_set_subtitle (self->capacity_row, load);

  self->loading = TRUE;
  gtk_switch_set_active (self->active_switch, relais_partner_get_active (partner));
  self->loading = FALSE;
}

/* Fills the editable rows from self->partner, dropping the edits. */
static void
show_fields (RelaisPartnerDetail *self)
{
  RelaisPartner *partner = self->partner;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = dup_notes (self);

  self->loading = TRUE;
#define ENTRY_WRITE(name) \
  { \
    g_autofree char *text = display_text (#name, relais_partner_get_##name (partner)); \
    set_row_text (self->name##_row, text); \
  }
  DETAIL_ENTRY_FIELDS (ENTRY_WRITE)
#undef ENTRY_WRITE
  adw_combo_row_set_selected (self->tier_row, relais_partner_get_tier (partner));
  gtk_spin_button_set_value (self->capacity_spin, relais_partner_get_capacity (partner));
  /* set_value does not touch a text typed and not taken in yet. */
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, relais_partner_get_capacity (partner));
    gtk_editable_set_text (GTK_EDITABLE (self->capacity_spin), text);
  }
  if (!g_str_equal (notes, relais_partner_get_notes (partner)))
    gtk_text_buffer_set_text (buffer, relais_partner_get_notes (partner), -1);
  self->out_of_office = relais_partner_get_out_of_office_until (partner);
  self->loading = FALSE;
  show_out_of_office (self);
}

/* Before self->partner becomes @fresh: the rows the user did not edit take
 * @fresh's value; the edited rows keep the user's text. */
static void
follow_unedited_fields (RelaisPartnerDetail *self,
                        RelaisPartner       *fresh)
{
  RelaisPartner *old = self->partner;
  g_autofree char *notes = dup_notes (self);

  self->loading = TRUE;
#define ENTRY_FOLLOW(name) \
  { \
    g_autofree char *was = display_text (#name, relais_partner_get_##name (old)); \
    g_autofree char *now = display_text (#name, relais_partner_get_##name (fresh)); \
    if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->name##_row)), was)) \
      set_row_text (self->name##_row, now); \
  }
  DETAIL_ENTRY_FIELDS (ENTRY_FOLLOW)
#undef ENTRY_FOLLOW
  if (adw_combo_row_get_selected (self->tier_row) == (guint) relais_partner_get_tier (old))
    adw_combo_row_set_selected (self->tier_row, relais_partner_get_tier (fresh));
  if (read_capacity (self) == relais_partner_get_capacity (old))
    gtk_spin_button_set_value (self->capacity_spin, relais_partner_get_capacity (fresh));
  if (g_str_equal (notes, relais_partner_get_notes (old)))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), relais_partner_get_notes (fresh), -1);
  if (self->out_of_office == relais_partner_get_out_of_office_until (old))
    self->out_of_office = relais_partner_get_out_of_office_until (fresh);
  self->loading = FALSE;
  show_out_of_office (self);
}

static char *
contact_full_name (RelaisContact *contact)
{
  const char *first = relais_contact_get_first_name (contact);

  if (first[0] == '\0')
    return g_strdup (relais_contact_get_last_name (contact));
  /* Translators: a person's full name: %1$s is the first name, %2$s the last name */
  return g_strdup_printf (_("%1$s %2$s"), first, relais_contact_get_last_name (contact));
}

static GtkWidget *
row_button_new (const char *icon_name,
                const char *tooltip,
                const char *accessible_label,
                const char *action_name,
                gint64      contact_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (contact_id));
  return button;
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  RelaisContact *contact = item;
  g_autofree char *name = contact_full_name (contact);
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *row_label = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GtkWidget *row, *avatar;
  gint64 id = relais_contact_get_id (contact);

  g_ptr_array_add (parts, (gpointer) relais_enum_label (&relais_contact_role_info, relais_contact_get_role (contact)));
  if (relais_contact_get_partner_user (contact))
    /* Translators: in a contact's row: the contact signs in as a partner user */
    g_ptr_array_add (parts, (gpointer) _("partner user"));
  if (relais_contact_get_email (contact)[0] != '\0')
    g_ptr_array_add (parts, (gpointer) relais_contact_get_email (contact));
  if (relais_contact_get_phone (contact)[0] != '\0')
    g_ptr_array_add (parts, (gpointer) relais_contact_get_phone (contact));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "partner.edit-contact");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (id));

  avatar = adw_avatar_new (32, name, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);

  /* Translators: accessible name of the button that edits a contact; %s is the contact's name */
  edit_label = g_strdup_printf (_("Edit %s"), name);
  /* Translators: accessible name of the button that removes a contact; %s is the contact's name */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new ("document-edit-symbolic", _("Edit Contact"), edit_label,
                                             "partner.edit-contact", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new ("user-trash-symbolic", _("Remove Contact…"), remove_label,
                                             "partner.remove-contact", id));

  /* Screen readers read the name and the details; Enter opens the contact. */
  /* Translators: accessible name of a contact's row: %1$s is the name, %2$s the role, e-mail and phone */
  row_label = g_strdup_printf (_("%1$s, %2$s"), name, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);
  return row;
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
show_contacts (RelaisPartnerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) contacts = NULL;

  contacts = relais_partner_store_list_contacts (self->db, relais_partner_get_id (self->partner), &error);
  if (contacts == NULL)
    show_message (self, error->message);
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (contacts), create_contact_row, NULL, NULL);
}

/* Reads the partner again after a change; @keep_edits leaves the edited rows
 * as they are. */
static gboolean
reload_partner (RelaisPartnerDetail *self,
                gboolean             keep_edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisPartner) partner = NULL;

  partner = relais_partner_changes_load (self->db, relais_partner_get_id (self->partner), &error);
  if (partner == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }

  if (keep_edits)
    follow_unedited_fields (self, partner);
  g_set_object (&self->partner, partner);
  show_state (self);
  if (!keep_edits)
    show_fields (self);
  show_contacts (self);
  update_actions (self);
  return TRUE;
}

static void
update_actions (RelaisPartnerDetail *self)
{
  gboolean has_partner = self->partner != NULL;
  gboolean dirty = has_partner && relais_partner_detail_has_changes (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.save", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.revert", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.delete", has_partner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.add-contact", has_partner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.edit-contact", has_partner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.remove-contact", has_partner);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_label), dirty);
}

static void
field_changed_cb (RelaisPartnerDetail *self)
{
  if (self->loading || self->partner == NULL)
    return;

  /* A field said to be wrong is told again only when it is right. */
  if (self->error_widget != NULL)
    {
      g_autoptr(RelaisPartner) edited = dup_edited (self);
      g_autoptr(GError) error = NULL;

      if (relais_partner_rules_normalize (edited, &error) ||
          error->domain != RELAIS_PARTNER_RULES_ERROR ||
          widget_of_field (self, error->code) != self->error_widget)
        clear_error (self);
    }

  update_actions (self);
}

static void
out_of_office_day_selected_cb (RelaisPartnerDetail *self)
{
  g_autoptr(GDateTime) day = NULL;

  if (self->loading || self->partner == NULL)
    return;

  day = gtk_calendar_get_date (self->out_of_office_calendar);
  self->out_of_office = until_from_date (day);
  show_out_of_office (self);
  field_changed_cb (self);
}

/* --- Changes ----------------------------------------------------------------- */

/* Saves the edits; on failure tells why and keeps them. */
static gboolean
save (RelaisPartnerDetail  *self,
      GError              **error)
{
  g_autoptr(RelaisPartner) edited = dup_edited (self);

  if (!relais_partner_changes_differ (self->partner, edited))
    return TRUE;

  return relais_partner_changes_update (self->db, edited, error);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->partner == NULL)
    return;

  id = relais_partner_get_id (self->partner);
  if (!save (self, &error))
    {
      show_error (self, error);
      if (self->error_widget != NULL)
        gtk_widget_grab_focus (self->error_widget);
      return;
    }

  clear_error (self);
  /* The rows now show what was saved (trimmed, codes in their case). */
  reload_partner (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0, id);
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Partner saved"));
}

static void
revert_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);

  if (self->partner == NULL)
    return;

  clear_error (self);
  show_fields (self);
  update_actions (self);
}

static void
clear_out_of_office_action_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);

  if (self->partner == NULL)
    return;

  self->out_of_office = 0;
  show_out_of_office (self);
  field_changed_cb (self);
}

/* The switch shows the stored state again (a cancelled or failed change). */
static void
reset_switch (RelaisPartnerDetail *self)
{
  self->loading = TRUE;
  gtk_switch_set_active (self->active_switch, self->partner && relais_partner_get_active (self->partner));
  self->loading = FALSE;
}

static gboolean
set_active (RelaisPartnerDetail  *self,
            gboolean              active,
            GError              **error)
{
  return relais_partner_changes_set_active (self->db, relais_partner_get_id (self->partner),
                                            relais_partner_get_revision (self->partner), active, error);
}

static void
activation_done (RelaisPartnerDetail *self,
                 const char          *message)
{
  gint64 id = relais_partner_get_id (self->partner);

  clear_error (self);
  reload_partner (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, id);
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Moves @ids as the user chose, then deactivates; all or nothing. */
static void
deactivate_moving (RelaisPartnerDetail      *self,
                   GArray                   *ids,
                   const RelaisAssignTarget *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target_name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  RelaisAssignResult result = { 0, };
  const char *name = relais_partner_get_name (self->partner);

  if (target->kind != RELAIS_ASSIGN_TARGET_NOBODY)
    {
      target_name = relais_lead_assign_target_name (self->db, target, &error);
      if (target_name == NULL)
        {
          show_message (self, error->message);
          reset_switch (self);
          return;
        }
    }

  if (!relais_lead_assign (self->db, (const gint64 *) ids->data, ids->len, target, FALSE, &result, &error))
    {
      show_message (self, error->message);
      reset_switch (self);
      return;
    }

  if (!set_active (self, FALSE, &error))
    {
      g_autoptr(GError) undo_error = NULL;
      g_autofree char *text = NULL;
      guint n_restored = 0, n_conflicts = 0;

      /* The partner stays active: its leads come back to it. */
      if (result.journal_id != 0 &&
          !relais_lead_assign_undo (self->db, result.journal_id, &n_restored, &n_conflicts, &undo_error))
        /* Translators: %1$s says why a partner was not deactivated, %2$s why its leads could not be given back to it */
        text = g_strdup_printf (_("%1$s Its leads were moved and could not be given back: %2$s"),
                                error->message, undo_error->message);
      show_message (self, text ? text : error->message);
      reset_switch (self);
      reload_partner (self, TRUE);
      if (result.moved > 0)
        g_signal_emit (self, signals[LEADS_CHANGED], 0);
      return;
    }

  count = relais_format_count (result.moved);
  if (target->kind == RELAIS_ASSIGN_TARGET_NOBODY)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %1$s is a partner company, %2$s a formatted number of leads */
                                            "“%1$s” deactivated; %2$s lead is now unassigned",
                                            "“%1$s” deactivated; %2$s leads are now unassigned",
                                            result.moved),
                               name, count);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %1$s is a partner company, %2$s a formatted number of leads, %3$s where they went (a queue or a partner) */
                                            "“%1$s” deactivated; %2$s lead moved to %3$s",
                                            "“%1$s” deactivated; %2$s leads moved to %3$s",
                                            result.moved),
                               name, count, target_name);

  activation_done (self, message);
  g_signal_emit (self, signals[LEADS_CHANGED], 0);
  if (result.locked > 0)
    {
      g_autofree char *locked = relais_format_count (result.locked);
      g_autofree char *more = NULL;

      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %1$s is a formatted number of leads, %2$s a partner company */
                                           "%1$s lead stays with “%2$s”: the partner already works it with the customer.",
                                           "%1$s leads stay with “%2$s”: the partner already works them with the customer.",
                                           result.locked),
                              locked, relais_partner_get_name (self->partner));
      g_signal_emit (self, signals[TOAST], 0, more);
    }
}

static void
deactivate_response_cb (RelaisMoveLeadsDialog *dialog,
                        const char            *response,
                        RelaisPartnerDetail   *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-partner-id"));
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "relais-lead-ids");
  RelaisAssignTarget target = { RELAIS_ASSIGN_TARGET_NOBODY, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* The pane may show another partner by now: change only the one asked about. */
  if (self->partner == NULL || relais_partner_get_id (self->partner) != id)
    return;

  if (!g_str_equal (response, "apply"))
    {
      reset_switch (self);
      return;
    }

  if (relais_move_leads_dialog_get_target (dialog, &target))
    {
      deactivate_moving (self, ids, &target);
      return;
    }

  /* Kept with the partner. */
  if (!set_active (self, FALSE, &error))
    {
      show_message (self, error->message);
      reset_switch (self);
      reload_partner (self, TRUE);
      return;
    }
  /* Translators: a confirmation; %s is a partner company */
  message = g_strdup_printf (_("“%s” deactivated"), relais_partner_get_name (self->partner));
  activation_done (self, message);
}

static void
ask_where_leads_go (RelaisPartnerDetail *self,
                    GArray              *ids)
{
  RelaisMoveLeadsDialog *dialog;
  g_autofree char *keep = NULL;
  g_autofree char *count = relais_format_count (ids->len);
  const char *name = relais_partner_get_name (self->partner);

  /* Translators: option of the deactivation dialog; %s is a partner company */
  keep = g_strdup_printf (_("Keep Them with “%s”"), name);
  dialog = relais_move_leads_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->db,
                                         RELAIS_MOVE_LEADS_TO_QUEUE | RELAIS_MOVE_LEADS_TO_PARTNER |
                                         RELAIS_MOVE_LEADS_UNASSIGN | RELAIS_MOVE_LEADS_KEEP,
                                         relais_partner_get_id (self->partner), 0, keep,
                                         /* Translators: button of the dialog that deactivates a partner */
                                         _("_Deactivate"));
  /* Translators: heading of the dialog shown when a partner is turned off; %s is a partner company */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Deactivate “%s”?"), name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: %1$s is a partner company, %2$s a formatted number of leads */
                                               "“%1$s” holds %2$s open lead. An inactive partner gets no new leads; choose what happens to this one.",
                                               "“%1$s” holds %2$s open leads. An inactive partner gets no new leads; choose what happens to these.",
                                               ids->len),
                                  name, count);
  g_object_set_data (G_OBJECT (dialog), "relais-partner-id", GSIZE_TO_POINTER (relais_partner_get_id (self->partner)));
  g_object_set_data_full (G_OBJECT (dialog), "relais-lead-ids", g_array_ref (ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
active_switched_cb (RelaisPartnerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *message = NULL;
  gboolean active = gtk_switch_get_active (self->active_switch);

  if (self->loading || self->partner == NULL || active == relais_partner_get_active (self->partner))
    return;

  if (!active)
    {
      ids = relais_lead_assign_open_ids (self->db, relais_partner_get_id (self->partner), 0, &error);
      if (ids == NULL)
        {
          show_message (self, error->message);
          reset_switch (self);
          return;
        }
      if (ids->len > 0)
        {
          ask_where_leads_go (self, ids);
          return;
        }
    }

  if (!set_active (self, active, &error))
    {
      show_message (self, error->message);
      reset_switch (self);
      reload_partner (self, TRUE);
      return;
    }

  message = g_strdup_printf (active
                             /* Translators: a confirmation; %s is a partner company */
                             ? _("“%s” activated")
                             /* Translators: a confirmation; %s is a partner company */
                             : _("“%s” deactivated"),
                             relais_partner_get_name (self->partner));
  activation_done (self, message);
}

static void
contact_saved_cb (RelaisPartnerDetail *self,
                  gint64               contact_id,
                  gboolean             created)
{
  if (self->partner == NULL)
    return;

  clear_error (self);
  show_contacts (self);
  g_signal_emit (self, signals[CHANGED], 0, relais_partner_get_id (self->partner));
  g_signal_emit (self, signals[TOAST], 0,
                 /* Translators: a confirmation, shown briefly */
                 created ? _("Contact added")
                 /* Translators: a confirmation, shown briefly */
                         : _("Contact saved"));
}

static void
open_contact_dialog (RelaisPartnerDetail *self,
                     gint64               contact_id)
{
  g_autoptr(GError) error = NULL;
  RelaisContactDialog *dialog;

  dialog = relais_contact_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->db,
                                      relais_partner_get_id (self->partner), contact_id, &error);
  if (dialog == NULL)
    {
      show_message (self, error->message);
      show_contacts (self);
      return;
    }

  g_signal_connect_object (dialog, "saved", G_CALLBACK (contact_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_contact_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);

  if (self->partner != NULL)
    open_contact_dialog (self, 0);
}

static void
edit_contact_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);

  if (self->partner != NULL)
    open_contact_dialog (self, g_variant_get_int64 (parameter));
}

static void
remove_contact_response_cb (AdwMessageDialog    *dialog,
                            const char          *response,
                            RelaisPartnerDetail *self)
{
  g_autoptr(GError) error = NULL;
  gint64 contact_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-contact-id"));

  if (!g_str_equal (response, "remove") || self->partner == NULL)
    return;

  if (!relais_contact_changes_delete (self->db, contact_id, &error))
    {
      show_message (self, error->message);
      show_contacts (self);
      return;
    }

  clear_error (self);
  show_contacts (self);
  g_signal_emit (self, signals[CHANGED], 0, relais_partner_get_id (self->partner));
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Contact removed"));
}

static void
remove_contact_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);
  g_autoptr(RelaisContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->partner == NULL)
    return;

  contact = relais_contact_changes_load (self->db, g_variant_get_int64 (parameter), &error);
  if (contact == NULL)
    {
      show_message (self, error->message);
      show_contacts (self);
      return;
    }

  name = contact_full_name (contact);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Remove Contact?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %1$s is a person's name, %2$s a partner company */
                                  _("%1$s will be removed from the contacts of “%2$s”. The change journal keeps a copy."),
                                  name, relais_partner_get_name (self->partner));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button of the dialog that confirms a contact's removal */
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "relais-contact-id", GSIZE_TO_POINTER (relais_contact_get_id (contact)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_contact_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    RelaisPartnerDetail *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "relais-partner-id"));

  if (!g_str_equal (response, "delete") || self->partner == NULL || relais_partner_get_id (self->partner) != id)
    return;

  if (!relais_partner_changes_delete (self->db, id, &error))
    {
      show_message (self, error->message);
      return;
    }

  clear_error (self);
  g_clear_object (&self->partner);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
  g_signal_emit (self, signals[DELETED], 0, id);
  /* Translators: a confirmation, shown briefly */
  g_signal_emit (self, signals[TOAST], 0, _("Partner deleted"));
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RelaisPartnerDetail *self = RELAIS_PARTNER_DETAIL (widget);
  GtkWidget *dialog;

  if (self->partner == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Partner?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is a partner company */
                                  _("“%s”, its contacts and its queue memberships will be deleted; the change journal keeps a copy. A partner that has had leads cannot be deleted: deactivate it instead."),
                                  relais_partner_get_name (self->partner));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button of the dialog that confirms a partner's deletion */
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "relais-partner-id", GSIZE_TO_POINTER (relais_partner_get_id (self->partner)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  clear_error (RELAIS_PARTNER_DETAIL (widget));
}

/* --- Public API and class ------------------------------------------------------ */

static void
relais_partner_detail_dispose (GObject *object)
{
  RelaisPartnerDetail *self = (RelaisPartnerDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_PARTNER_DETAIL);
  g_clear_object (&self->partner);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_partner_detail_parent_class)->dispose (object);
}

static void
relais_partner_detail_class_init (RelaisPartnerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_partner_detail_dispose;

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
  signals[LEADS_CHANGED] = g_signal_new ("leads-changed",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/partners/relais-partner-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, availability_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, changes_label);
#define ENTRY_BIND(name) gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, name##_row);
  DETAIL_ENTRY_FIELDS (ENTRY_BIND)
#undef ENTRY_BIND
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, tier_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, active_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, active_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, out_of_office_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, out_of_office_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, out_of_office_popover);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, out_of_office_calendar);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisPartnerDetail, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, active_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, out_of_office_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "partner.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.revert", NULL, revert_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.add-contact", NULL, add_contact_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.edit-contact", "x", edit_contact_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.remove-contact", "x", remove_contact_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.clear-out-of-office", NULL, clear_out_of_office_action_cb);
  gtk_widget_class_install_action (widget_class, "partner.dismiss-error", NULL, dismiss_error_action_cb);

  /* Escape reverts only while the focus is in the pane (and there is
   * something to revert: a disabled action lets the key go on). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "partner.revert", NULL);
  /* Ctrl+S saves while the focus is in the pane; the lead pane's own Ctrl+S
   * is global, but a disabled action lets the key on to it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "partner.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-partner-detail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
relais_partner_detail_init (RelaisPartnerDetail *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Item i of the list is tier i (see dup_edited()). */
  for (int i = 0; i < RELAIS_PARTNER_N_TIERS; i++)
    gtk_string_list_append (tiers, relais_enum_label (&relais_partner_tier_info, i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));
  self->loading = FALSE;

  gtk_list_box_set_placeholder (self->contacts_list, placeholder_new (_("No contacts yet")));
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

gint64
relais_partner_detail_get_partner_id (RelaisPartnerDetail *self)
{
  g_return_val_if_fail (RELAIS_IS_PARTNER_DETAIL (self), 0);
  return self->partner ? relais_partner_get_id (self->partner) : 0;
}

/* Before showing another partner: the edits of this one are saved, not lost. */
static void
save_before_leaving (RelaisPartnerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (self->partner == NULL || self->db == NULL || !relais_partner_detail_has_changes (self))
    return;

  id = relais_partner_get_id (self->partner);
  name = g_strdup (relais_partner_get_name (self->partner));
  if (save (self, &error))
    {
      g_signal_emit (self, signals[CHANGED], 0, id);
      /* Translators: a confirmation when the user leaves a partner with unsaved edits; %s is its name */
      message = g_strdup_printf (_("Changes to “%s” saved"), name);
    }
  else
    {
      /* Translators: %1$s is a partner's name, %2$s why its edits could not be saved */
      message = g_strdup_printf (_("Changes to “%1$s” were not saved: %2$s"), name, error->message);
    }
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
relais_partner_detail_set_partner (RelaisPartnerDetail *self,
                                   RelaisDb            *db,
                                   gint64               partner_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisPartner) partner = NULL;

  g_return_if_fail (RELAIS_IS_PARTNER_DETAIL (self));
  g_return_if_fail (db == NULL || RELAIS_IS_DB (db));

  if (self->partner != NULL && relais_partner_get_id (self->partner) == partner_id && self->db == db)
    {
      reload_partner (self, TRUE);
      return;
    }

  save_before_leaving (self);
  g_set_object (&self->db, db);
  g_clear_object (&self->partner);
  clear_error (self);

  if (db != NULL && partner_id != 0)
    partner = relais_partner_changes_load (db, partner_id, &error);

  if (partner == NULL)
    {
      if (error != NULL)
        g_signal_emit (self, signals[TOAST], 0, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  self->partner = g_steal_pointer (&partner);
  show_state (self);
  show_fields (self);
  show_contacts (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "partner");
  update_actions (self);
}
