/* relais-lead-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-lead-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "relais-assign-item.h"
#include "relais-lead-export.h"
#include "relais-lead-model.h"
#include "relais-lead-store.h"
#include "relais-partner-store.h"
#include "relais-util.h"

struct _RelaisLeadList
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *list_toggle;
  GtkToggleButton    *cards_toggle;
  GtkStack           *view_stack;
  GtkGridView        *grid_view;
  GtkRevealer        *chips_revealer;
  GtkBox             *chips_box;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkMultiSelection  *selection;
  GtkPopover         *filter_popover;
  GtkFlowBox         *status_box;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *queue_dropdown;
  GtkDropDown        *partner_dropdown;
  GtkDropDown        *country_dropdown;
  GtkCheckButton     *unassigned_check;
  GtkCheckButton     *overdue_check;
  GtkCheckButton     *status_checks[RELAIS_LEAD_N_STATUSES];

  RelaisDb           *db;
  RelaisLeadModel    *model;
  RelaisLeadQuery    *query;
  GArray             *queue_ids;    /* gint64, in the order of queue_dropdown after "Any" */
  GArray             *partner_ids;  /* gint64, likewise */
  GStrv               countries;    /* likewise */
  gboolean            choices_loaded;
  gboolean            syncing;      /* widgets are being set from the query */

  /* Sorting by a click on a column header (see sort_from_columns()). */
  GtkColumnViewColumn *sort_probe_column;

  /* Right to left, the list stays scrolled to its first columns until the
   * user scrolls sideways (see hadjustment_changed_cb()). */
  gboolean            h_at_start;
  gboolean            h_pinning;
  guint               pin_source;
};

G_DEFINE_FINAL_TYPE (RelaisLeadList, relais_lead_list, GTK_TYPE_WIDGET)

/* --- Which row is under the pointer ------------------------------------------
 *
 * GTK 4.8 gives no way from a point to a row's position. Each row (the name
 * cell of the table, each card) holds an invisible RelaisRowMarker whose
 * "position" is bound to its GtkListItem's: the widget picked under the pointer
 * leads to its row's marker. */

#define RELAIS_TYPE_ROW_MARKER (relais_row_marker_get_type ())
G_DECLARE_FINAL_TYPE (RelaisRowMarker, relais_row_marker, RELAIS, ROW_MARKER, GtkWidget)

struct _RelaisRowMarker
{
  GtkWidget parent_instance;
  guint     position;
};

G_DEFINE_FINAL_TYPE (RelaisRowMarker, relais_row_marker, GTK_TYPE_WIDGET)

static void
relais_row_marker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  g_value_set_uint (value, RELAIS_ROW_MARKER (object)->position);
}

static void
relais_row_marker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RELAIS_ROW_MARKER (object)->position = g_value_get_uint (value);
}

static void
relais_row_marker_class_init (RelaisRowMarkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = relais_row_marker_get_property;
  object_class->set_property = relais_row_marker_set_property;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
relais_row_marker_init (RelaisRowMarker *self)
{
  self->position = GTK_INVALID_LIST_POSITION;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

static RelaisRowMarker *
find_marker (GtkWidget *widget,
             guint      depth)
{
  if (RELAIS_IS_ROW_MARKER (widget))
    return RELAIS_ROW_MARKER (widget);
  if (depth == 0)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      RelaisRowMarker *marker = find_marker (child, depth - 1);
      if (marker != NULL)
        return marker;
    }
  return NULL;
}

/* The position of the row at @x, @y of @view (the column view or the grid). */
static guint
position_at (GtkWidget *view,
             double     x,
             double     y)
{
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);

  /* Up from the picked widget to its row, never as far as the list itself
   * (whose other rows have markers too). */
  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    {
      RelaisRowMarker *marker;

      if (GTK_IS_LIST_VIEW (w) || GTK_IS_GRID_VIEW (w))
        break;
      marker = find_marker (w, 3);
      if (marker != NULL)
        return marker->position;
    }
  return GTK_INVALID_LIST_POSITION;
}

enum {
  CHANGED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

/* Expression closures of the .ui: each receives the row's RelaisLead. */

static char *
age_text_cb (gpointer    user_data,
             RelaisLead *lead)
{
  g_autofree char *count = NULL;
  gint64 created_at, days;

  if (lead == NULL || (created_at = relais_lead_get_created_at (lead)) == 0)
    return NULL;

  days = (g_get_real_time () - created_at) / G_TIME_SPAN_DAY;
  if (days < 1)
    /* Translators: the age of a lead created less than a day ago */
    return g_strdup (_("today"));

  count = relais_format_count (days);
  /* Translators: the age of a lead in days, abbreviated: "3 d" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s d", "%s d", (gulong) days), count);
}

/* @status is there so that the cell follows a change of status. */
static char *
sla_text_cb (gpointer    user_data,
             RelaisLead *lead,
             int         status)
{
  if (lead == NULL || !relais_lead_is_overdue (lead, g_get_real_time ()))
    return NULL;

  /* Translators: shown on a lead that its partner has not accepted within 48 hours */
  return g_strdup (_("Overdue"));
}

static gboolean
sla_visible_cb (gpointer    user_data,
                RelaisLead *lead,
                int         status)
{
  return lead != NULL && relais_lead_is_overdue (lead, g_get_real_time ());
}

/* The stack page that fits the model: the list, "no match", or "no lead". */
static void
update_page (RelaisLeadList *self)
{
  const char *page = "list";

  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      relais_lead_model_is_complete (self->model))
    page = relais_lead_query_is_filtered (self->query) ? "no-results" : "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
model_changed_cb (RelaisLeadList *self)
{
  update_page (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
model_failed_cb (RelaisLeadList *self,
                 GError         *error)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  /* The window shows errors as toasts. */
  if (root != NULL)
    gtk_widget_activate_action (root, "win.show-error", "s", error->message);
}

static void
chip_clicked_cb (GtkButton      *button,
                 RelaisLeadList *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "relais-filter");

  if (g_str_equal (what, "status"))
    relais_lead_query_set_statuses (self->query, 0);
  else if (g_str_equal (what, "kind"))
    relais_lead_query_set_kind (self->query, -1);
  else if (g_str_equal (what, "category"))
    relais_lead_query_set_category (self->query, -1);
  else if (g_str_equal (what, "queue"))
    relais_lead_query_set_queue_id (self->query, 0);
  else if (g_str_equal (what, "partner"))
    relais_lead_query_set_partner_id (self->query, 0);
  else if (g_str_equal (what, "country"))
    relais_lead_query_set_country (self->query, NULL);
  else if (g_str_equal (what, "unassigned"))
    relais_lead_query_set_unassigned (self->query, FALSE);
  else if (g_str_equal (what, "overdue"))
    relais_lead_query_set_overdue (self->query, FALSE);
}

static void
add_chip (RelaisLeadList *self,
          const char     *what,
          const char     *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *accessible = NULL;

  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "relais-chip");
  /* Translators: the accessible name of the button that removes one filter;
   * %s describes the filter, e.g. "Status: New" */
  accessible = g_strdup_printf (_("Remove the filter %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data_full (G_OBJECT (button), "relais-filter", g_strdup (what), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked_cb), self);
  gtk_box_append (self->chips_box, button);
}

static const char *
dropdown_string (GtkDropDown *dropdown,
                 guint        position)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));

  return list ? gtk_string_list_get_string (list, position) : NULL;
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/* One chip per active filter, each removing its filter when clicked. */
static void
update_chips (RelaisLeadList *self)
{
  RelaisLeadQuery *q = self->query;
  GtkWidget *child;
  guint statuses = relais_lead_query_get_statuses (q);
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_box_remove (self->chips_box, child);

  if (statuses != 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *label = NULL;

      for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
        {
          if ((statuses & (1u << s)) == 0)
            continue;
          if (names->len > 0)
            /* Translators: separates the statuses of a filter, "New, Contacted" */
            g_string_append (names, _(", "));
          g_string_append (names, relais_enum_label (&relais_lead_status_info, s));
        }
      /* Translators: a filter on the lead status; %s lists statuses */
      label = g_strdup_printf (_("Status: %s"), names->str);
      add_chip (self, "status", label);
      any = TRUE;
    }

  if (relais_lead_query_get_kind (q) >= 0)
    {
      /* Translators: a filter on the kind of listing; %s is App or Service */
      g_autofree char *label = g_strdup_printf (_("Kind: %s"), relais_enum_label (&relais_lead_kind_info, relais_lead_query_get_kind (q)));
      add_chip (self, "kind", label);
      any = TRUE;
    }

  if (relais_lead_query_get_category (q) >= 0)
    {
      /* Translators: a filter on the lead category; %s is e.g. BANT */
      g_autofree char *label = g_strdup_printf (_("Category: %s"), relais_enum_label (&relais_lead_category_info, relais_lead_query_get_category (q)));
      add_chip (self, "category", label);
      any = TRUE;
    }

  if (relais_lead_query_get_queue_id (q) != 0)
    {
      guint i = find_id (self->queue_ids, relais_lead_query_get_queue_id (q));
      /* Translators: a filter on the queue of leads; %s is its name */
      g_autofree char *label = g_strdup_printf (_("Queue: %s"), i != G_MAXUINT ? dropdown_string (self->queue_dropdown, i + 1) : "…");
      add_chip (self, "queue", label);
      any = TRUE;
    }

  if (relais_lead_query_get_partner_id (q) != 0)
    {
      guint i = find_id (self->partner_ids, relais_lead_query_get_partner_id (q));
      /* Translators: a filter on the partner of leads; %s is its name */
      g_autofree char *label = g_strdup_printf (_("Partner: %s"), i != G_MAXUINT ? dropdown_string (self->partner_dropdown, i + 1) : "…");
      add_chip (self, "partner", label);
      any = TRUE;
    }

  if (relais_lead_query_get_country (q)[0] != '\0')
    {
      /* Translators: a filter on the country of leads; %s is its ISO code */
      g_autofree char *label = g_strdup_printf (_("Country: %s"), relais_lead_query_get_country (q));
      add_chip (self, "country", label);
      any = TRUE;
    }

  if (relais_lead_query_get_unassigned (q))
    {
      add_chip (self, "unassigned", _("Unassigned"));
      any = TRUE;
    }

  if (relais_lead_query_get_overdue (q))
    {
      /* Translators: a filter: leads not accepted within 48 hours */
      add_chip (self, "overdue", _("Overdue"));
      any = TRUE;
    }

  gtk_revealer_set_reveal_child (self->chips_revealer, any);
}

/* Sets the filter widgets from the query, without feeding back into it. */
static void
sync_widgets (RelaisLeadList *self)
{
  RelaisLeadQuery *q = self->query;
  guint statuses = relais_lead_query_get_statuses (q);

  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), relais_lead_query_get_search (q)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), relais_lead_query_get_search (q));
  for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    gtk_check_button_set_active (self->status_checks[s], (statuses & (1u << s)) != 0);
  gtk_drop_down_set_selected (self->kind_dropdown, relais_lead_query_get_kind (q) + 1);
  gtk_drop_down_set_selected (self->category_dropdown, relais_lead_query_get_category (q) + 1);
  if (self->choices_loaded)
    {
      guint i;

      i = find_id (self->queue_ids, relais_lead_query_get_queue_id (q));
      gtk_drop_down_set_selected (self->queue_dropdown, i == G_MAXUINT ? 0 : i + 1);
      i = find_id (self->partner_ids, relais_lead_query_get_partner_id (q));
      gtk_drop_down_set_selected (self->partner_dropdown, i == G_MAXUINT ? 0 : i + 1);
      i = 0;
      for (guint k = 0; self->countries != NULL && self->countries[k] != NULL; k++)
        if (g_str_equal (self->countries[k], relais_lead_query_get_country (q)))
          i = k + 1;
      gtk_drop_down_set_selected (self->country_dropdown, i);
    }
  gtk_check_button_set_active (self->unassigned_check, relais_lead_query_get_unassigned (q));
  gtk_check_button_set_active (self->overdue_check, relais_lead_query_get_overdue (q));
  gtk_drop_down_set_selected (self->sort_dropdown, relais_lead_query_get_sort (q));

  self->syncing = FALSE;
}

static void
query_changed_cb (RelaisLeadList *self)
{
  sync_widgets (self);
  update_chips (self);

  if (self->model != NULL)
    relais_lead_model_set_query (self->model, self->query);
  update_page (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
search_changed_cb (RelaisLeadList *self)
{
  if (!self->syncing)
    relais_lead_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (RelaisLeadList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter or Down in the search entry: into the results, the first one selected
 * if none is, so that the keyboard goes on from there (Ctrl+A, Ctrl+M…). */
static void
search_activate_cb (RelaisLeadList *self)
{
  GtkWidget *view = g_str_equal (relais_lead_list_get_view (self), "cards")
    ? GTK_WIDGET (self->grid_view) : GTK_WIDGET (self->column_view);
  g_autoptr(GtkBitset) selected = NULL;

  if (self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (view);
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       RelaisLeadList        *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  search_activate_cb (self);
  return TRUE;
}

static void
clear_filters_cb (RelaisLeadList *self)
{
  relais_lead_query_clear_filters (self->query);
}

/* Reads every filter widget into the query (one "changed" per widget edit). */
static void
filters_edited_cb (RelaisLeadList *self)
{
  guint statuses = 0;
  guint i;

  if (self->syncing)
    return;

  for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    if (gtk_check_button_get_active (self->status_checks[s]))
      statuses |= 1u << s;

  g_object_freeze_notify (G_OBJECT (self->query));
  relais_lead_query_set_statuses (self->query, statuses);
  relais_lead_query_set_kind (self->query, (int) gtk_drop_down_get_selected (self->kind_dropdown) - 1);
  relais_lead_query_set_category (self->query, (int) gtk_drop_down_get_selected (self->category_dropdown) - 1);
  if (self->choices_loaded)
    {
      i = gtk_drop_down_get_selected (self->queue_dropdown);
      relais_lead_query_set_queue_id (self->query, i > 0 && i <= self->queue_ids->len ? g_array_index (self->queue_ids, gint64, i - 1) : 0);
      i = gtk_drop_down_get_selected (self->partner_dropdown);
      relais_lead_query_set_partner_id (self->query, i > 0 && i <= self->partner_ids->len ? g_array_index (self->partner_ids, gint64, i - 1) : 0);
      i = gtk_drop_down_get_selected (self->country_dropdown);
      relais_lead_query_set_country (self->query, i > 0 ? self->countries[i - 1] : NULL);
    }
  relais_lead_query_set_unassigned (self->query, gtk_check_button_get_active (self->unassigned_check));
  relais_lead_query_set_overdue (self->query, gtk_check_button_get_active (self->overdue_check));
  g_object_thaw_notify (G_OBJECT (self->query));
}

static void
sort_selected_cb (RelaisLeadList *self)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->syncing || sort >= RELAIS_LEAD_N_SORTS)
    return;

  relais_lead_query_set_sort (self->query, sort);
  relais_lead_query_set_descending (self->query, FALSE);
}

/* A GtkStringList of "Any" then @labels. */
static void
set_choices (GtkDropDown        *dropdown,
             const char         *any,
             const char * const *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    gtk_string_list_append (list, labels[i]);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
set_enum_choices (GtkDropDown          *dropdown,
                  const char           *any,
                  const RelaisEnumInfo *info)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < info->n_values; i++)
    g_ptr_array_add (labels, (gpointer) relais_enum_label (info, info->values[i].value));
  g_ptr_array_add (labels, NULL);

  set_choices (dropdown, any, (const char * const *) labels->pdata);
}

/* Queues, partners and countries come from the store, when the filters are
 * first opened: the window does not wait for them. */
static void
load_choices (RelaisLeadList *self)
{
  g_auto(GStrv) queue_names = NULL;
  g_auto(GStrv) partner_names = NULL;
  g_autoptr(GError) error = NULL;

  if (self->choices_loaded || self->db == NULL)
    return;

  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->partner_ids, g_array_unref);
  g_clear_pointer (&self->countries, g_strfreev);

  if (!relais_queue_store_list (self->db, &queue_names, &self->queue_ids, &error) ||
      !relais_partner_store_list_names (self->db, &partner_names, &self->partner_ids, &error) ||
      (self->countries = relais_lead_store_list_countries (self->db, &error)) == NULL)
    {
      model_failed_cb (self, error);
      return;
    }

  self->syncing = TRUE;
  /* Translators: the choice of a filter that does not filter */
  set_choices (self->queue_dropdown, C_("filter", "Any queue"), (const char * const *) queue_names);
  set_choices (self->partner_dropdown, C_("filter", "Any partner"), (const char * const *) partner_names);
  set_choices (self->country_dropdown, C_("filter", "Any country"), (const char * const *) self->countries);
  self->syncing = FALSE;

  self->choices_loaded = TRUE;
  sync_widgets (self);
}

/* GTK 4.8 has no API to ask a column view which column it sorts by (4.10 has).
 * Each sortable column gets a sorter that notes itself and says "before": the
 * column view's sorter, asked to compare two items, calls the primary column's
 * sorter first, and inverts the answer when that column sorts descending. */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GtkColumnViewColumn *column = user_data;
  RelaisLeadList *self = g_object_get_data (G_OBJECT (column), "relais-list");

  if (self->sort_probe_column == NULL)
    self->sort_probe_column = column;
  return -1;
}

static void
column_sorter_changed_cb (GtkSorter      *sorter,
                          GtkSorterChange change,
                          RelaisLeadList *self)
{
  g_autoptr(RelaisLead) a = relais_lead_new ();
  g_autoptr(RelaisLead) b = relais_lead_new ();
  const char *sort_name;
  gboolean descending;
  int order;

  if (self->syncing)
    return;

  self->sort_probe_column = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->sort_probe_column == NULL)
    return;  /* unsorted */

  descending = order > 0;
  sort_name = g_object_get_data (G_OBJECT (self->sort_probe_column), "relais-sort");

  g_object_freeze_notify (G_OBJECT (self->query));
  if (g_str_equal (sort_name, "age"))
    {
      /* Ascending age is newest first. */
      relais_lead_query_set_sort (self->query, descending ? RELAIS_LEAD_SORT_OLDEST : RELAIS_LEAD_SORT_NEWEST);
      relais_lead_query_set_descending (self->query, FALSE);
    }
  else
    {
      int sort = RELAIS_LEAD_SORT_NEWEST;

      relais_enum_from_code (&relais_lead_sort_info, sort_name, &sort);
      relais_lead_query_set_sort (self->query, sort);
      relais_lead_query_set_descending (self->query, descending);
    }
  g_object_thaw_notify (G_OBJECT (self->query));
}

static void
setup_column_sorting (RelaisLeadList *self)
{
  static const struct { guint index; const char *sort; } sortable[] = {
    { 0, "first_name" }, { 1, "company" }, { 3, "listing" }, { 7, "age" },
  };
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < G_N_ELEMENTS (sortable); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, sortable[i].index);
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe_sort_cb, column, NULL);

      g_object_set_data (G_OBJECT (column), "relais-list", self);
      g_object_set_data (G_OBJECT (column), "relais-sort", (gpointer) sortable[i].sort);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }

  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (column_sorter_changed_cb), self);
}

/* "list" (the column view) or "cards" (the grid): two views of the same model
 * and the same selection. */
const char *
relais_lead_list_get_view (RelaisLeadList *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);
  return gtk_toggle_button_get_active (self->cards_toggle) ? "cards" : "list";
}

void
relais_lead_list_set_view (RelaisLeadList *self,
                           const char     *view)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));

  if (g_strcmp0 (view, "cards") == 0)
    gtk_toggle_button_set_active (self->cards_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->list_toggle, TRUE);
}

static void
view_toggled_cb (RelaisLeadList *self)
{
  const char *view = relais_lead_list_get_view (self);
  gboolean cards = g_str_equal (view, "cards");

  /* The hidden grid has no model: it would make cards for every change of
   * the list (the first page at start among them) that nobody sees. */
  gtk_grid_view_set_model (self->grid_view, cards ? GTK_SELECTION_MODEL (self->selection) : NULL);
  gtk_stack_set_visible_child_name (self->view_stack, cards ? "cards" : "table");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
relais_lead_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RelaisLeadList *self = RELAIS_LEAD_LIST (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, relais_lead_list_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RelaisLeadList *self = RELAIS_LEAD_LIST (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      relais_lead_list_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* --- Dragging leads, and the rows' context menu ----------------------------- */

static GArray *
selected_ids (RelaisLeadList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids;
  GtkBitsetIter iter;
  guint position;

  if (self->model == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = relais_lead_model_get_id (self->model, position);

      if (id != 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* A press on a row outside the selection makes that row the selection (GTK 4.8
 * would only do so on release, after the drag has taken the old selection). */
static gboolean
select_row_at (RelaisLeadList *self,
               GtkWidget      *view,
               double          x,
               double          y)
{
  guint position = position_at (view, x, y);

  if (position == GTK_INVALID_LIST_POSITION || self->model == NULL ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return FALSE;
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 RelaisLeadList *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RelaisLeadDrag) drag = NULL;

  if (!select_row_at (self, view, x, y))
    return NULL;

  ids = selected_ids (self);
  if (ids->len == 0)
    return NULL;

  drag = relais_lead_drag_new (ids);
  return gdk_content_provider_new_typed (RELAIS_TYPE_LEAD_DRAG, drag);
}

/* The drag shows how many leads move. */
static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               RelaisLeadList *self)
{
  GdkContentProvider *content = gdk_drag_get_content (drag);
  GValue value = G_VALUE_INIT;
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *badge;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  g_value_init (&value, RELAIS_TYPE_LEAD_DRAG);
  if (content != NULL && gdk_content_provider_get_value (content, &value, NULL) &&
      g_value_get_object (&value) != NULL)
    n = relais_lead_drag_get_ids (g_value_get_object (&value))->len;
  g_value_unset (&value);

  count = relais_format_count (n);
  /* Translators: beside the pointer while leads are dragged; %s is the formatted count */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %s lead", "Move %s leads", n), count);
  badge = gtk_label_new (text);
  gtk_widget_add_css_class (badge, "relais-drag-badge");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), badge);

  /* Left of the pointer and above it: the targets are on the right. */
  {
    int width = 0, height = 0;

    gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
    gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
    gdk_drag_set_hotspot (drag, width + 12, height + 4);
  }
}

static void
popup_menu_at (RelaisLeadList *self,
               GtkWidget      *view,
               double          x,
               double          y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;
  graphene_point_t point;

  g_menu_append (menu, _("_Assign To…"), "win.assign-to");
  g_menu_append (menu, _("Route by _Rules…"), "win.route-selection");
  g_menu_append (menu, _("Select _All"), "list.select-all");
  g_menu_append (menu, _("_Export View…"), "win.export-leads");

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  if (gtk_widget_compute_point (view, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    RelaisLeadList  *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (!select_row_at (self, view, x, y))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, view, x, y);
}

/* Shift+F10 or the Menu key: the menu opens by the list. */
static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  RelaisLeadList *self = RELAIS_LEAD_LIST (widget);
  GtkWidget *view = g_str_equal (relais_lead_list_get_view (self), "cards")
    ? GTK_WIDGET (self->grid_view) : GTK_WIDGET (self->column_view);

  popup_menu_at (self, view, 24, 48);
  return TRUE;
}

static void
select_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RelaisLeadList *self = RELAIS_LEAD_LIST (widget);

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* GTK 4.8's column view hands a Ctrl+click to both the cell and the row, and
 * each toggles the selection: the row ends up as it was. The click is taken
 * here first and toggles once. */
static void
control_click_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  RelaisLeadList  *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  guint position;

  if ((state & GDK_CONTROL_MASK) == 0 || (state & GDK_SHIFT_MASK) != 0)
    return;

  position = position_at (view, x, y);
  if (position == GTK_INVALID_LIST_POSITION || self->model == NULL ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_selection_model_is_selected (selection, position))
    gtk_selection_model_unselect_item (selection, position);
  else
    gtk_selection_model_select_item (selection, position, FALSE);
}

static void
setup_drag_and_menu (RelaisLeadList *self,
                     GtkWidget      *view)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (source));

  /* In the capture phase: the rows' own click gesture (any button) would
   * claim a right click first. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));
}

/**
 * relais_lead_list_dup_selected_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the selected
 *   leads, in view order.
 */
GArray *
relais_lead_list_dup_selected_ids (RelaisLeadList *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);
  return selected_ids (self);
}

/* After the leads @ids changed elsewhere (a reassignment): rows stay in
 * place, and show the new values. */
void
relais_lead_list_refresh_changed (RelaisLeadList *self,
                                  GArray         *ids)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));

  if (self->model != NULL)
    relais_lead_model_refresh_changed (self->model, ids);
}

static void
relais_lead_list_dispose (GObject *object)
{
  RelaisLeadList *self = (RelaisLeadList *) object;

  if (self->query != NULL)
    g_signal_handlers_disconnect_by_data (self->query, self);
  if (self->column_view != NULL && gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)) != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)), self);
  g_clear_handle_id (&self->pin_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_LEAD_LIST);
  g_clear_object (&self->model);
  g_clear_object (&self->query);
  g_clear_object (&self->db);
  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->partner_ids, g_array_unref);
  g_clear_pointer (&self->countries, g_strfreev);

  G_OBJECT_CLASS (relais_lead_list_parent_class)->dispose (object);
}

static void
relais_lead_list_class_init (RelaisLeadListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_lead_list_dispose;
  object_class->get_property = relais_lead_list_get_property;
  object_class->set_property = relais_lead_list_set_property;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "list",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the list was read again, so that counts around it can follow. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  g_type_ensure (RELAIS_TYPE_ROW_MARKER);
  gtk_widget_class_install_action (widget_class, "list.select-all", NULL, select_all_action_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_key_cb, NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/leads/relais-lead-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, cards_toggle);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, grid_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, chips_box);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, stack);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, column_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, selection);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, status_box);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, partner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, unassigned_check);
  gtk_widget_class_bind_template_child (widget_class, RelaisLeadList, overdue_check);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, age_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, sla_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, sla_visible_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "relais-lead-list");
}

static void
sort_label_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
sort_label_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (item));
}

/* Right to left, the columns run from the right end of the list's
 * horizontal range, but GTK 4.8 starts that range at its left end: the name
 * and company would be off screen, and the last columns shown. Until the
 * user scrolls sideways, the list goes back to the right end whenever its
 * width changes: after the allocation that changed it (a value set during
 * one is not laid out until the next). */
static gboolean
pin_to_start_cb (gpointer user_data)
{
  RelaisLeadList *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));

  self->pin_source = 0;
  self->h_pinning = TRUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  self->h_pinning = FALSE;
  return G_SOURCE_REMOVE;
}

static void
hadjustment_changed_cb (GtkAdjustment  *adjustment,
                        RelaisLeadList *self)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self->column_view)) == GTK_TEXT_DIR_RTL && self->h_at_start &&
      self->pin_source == 0)
    self->pin_source = g_idle_add (pin_to_start_cb, self);
}

static void
hadjustment_value_changed_cb (GtkAdjustment  *adjustment,
                              RelaisLeadList *self)
{
  if (self->h_pinning)
    return;
  self->h_at_start = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                     >= gtk_adjustment_get_upper (adjustment) - 1;
}

static void
relais_lead_list_init (RelaisLeadList *self)
{
  GtkAdjustment *hadjustment;
  g_autoptr(GPtrArray) sort_labels = g_ptr_array_new ();
  g_autoptr(GtkStringList) sorts = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  self->h_at_start = TRUE;
  if (hadjustment != NULL)
    {
      g_signal_connect_object (hadjustment, "changed", G_CALLBACK (hadjustment_changed_cb), self, 0);
      g_signal_connect_object (hadjustment, "value-changed", G_CALLBACK (hadjustment_value_changed_cb), self, 0);
    }

  self->query = relais_lead_query_new ();
  g_signal_connect_swapped (self->query, "changed", G_CALLBACK (query_changed_cb), self);

  for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (relais_enum_label (&relais_lead_status_info, s));

      self->status_checks[s] = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (filters_edited_cb), self);
      gtk_flow_box_append (self->status_box, check);
    }

  /* Translators: the choice of a filter that does not filter */
  set_enum_choices (self->kind_dropdown, C_("filter", "Any kind"), &relais_lead_kind_info);
  /* Translators: the choice of a filter that does not filter */
  set_enum_choices (self->category_dropdown, C_("filter", "Any category"), &relais_lead_category_info);
  set_choices (self->queue_dropdown, C_("filter", "Any queue"), NULL);
  set_choices (self->partner_dropdown, C_("filter", "Any partner"), NULL);
  set_choices (self->country_dropdown, C_("filter", "Any country"), NULL);

  /* The partner list is long: its dropdown searches the names. */
  gtk_drop_down_set_expression (self->partner_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  for (guint i = 0; i < relais_lead_sort_info.n_values; i++)
    g_ptr_array_add (sort_labels, (gpointer) relais_enum_label (&relais_lead_sort_info, i));
  g_ptr_array_add (sort_labels, NULL);
  sorts = gtk_string_list_new ((const char * const *) sort_labels->pdata);
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));

  /* The button shows the chosen sort ellipsized when space runs short; the
   * popup shows every choice whole. */
  {
    g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
    g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (button_factory, "setup", G_CALLBACK (sort_label_setup_cb), GINT_TO_POINTER (TRUE));
    g_signal_connect (button_factory, "bind", G_CALLBACK (sort_label_bind_cb), NULL);
    g_signal_connect (list_factory, "setup", G_CALLBACK (sort_label_setup_cb), GINT_TO_POINTER (FALSE));
    g_signal_connect (list_factory, "bind", G_CALLBACK (sort_label_bind_cb), NULL);
    gtk_drop_down_set_factory (self->sort_dropdown, button_factory);
    gtk_drop_down_set_list_factory (self->sort_dropdown, list_factory);
  }
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_selected_cb), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (filters_edited_cb), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (filters_edited_cb), self);
  g_signal_connect_swapped (self->queue_dropdown, "notify::selected", G_CALLBACK (filters_edited_cb), self);
  g_signal_connect_swapped (self->partner_dropdown, "notify::selected", G_CALLBACK (filters_edited_cb), self);
  g_signal_connect_swapped (self->country_dropdown, "notify::selected", G_CALLBACK (filters_edited_cb), self);
  g_signal_connect_swapped (self->filter_popover, "show", G_CALLBACK (load_choices), self);

  setup_column_sorting (self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
    g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  }
  {
    GtkGesture *control_click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (control_click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (control_click), GTK_PHASE_CAPTURE);
    g_signal_connect (control_click, "pressed", G_CALLBACK (control_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (control_click));
  }
  setup_drag_and_menu (self, GTK_WIDGET (self->column_view));
  setup_drag_and_menu (self, GTK_WIDGET (self->grid_view));
}

void
relais_lead_list_set_db (RelaisLeadList *self,
                         RelaisDb       *db)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));
  g_return_if_fail (RELAIS_IS_DB (db));

  g_set_object (&self->db, db);
  g_clear_object (&self->model);
  self->model = relais_lead_model_new (db);
  relais_lead_model_set_query (self->model, self->query);
  /* After the selection has moved with the rows: a handler before it would
   * see the old selected positions, past the end of a shorter list. */
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->model, "notify::complete", G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->model, "failed", G_CALLBACK (model_failed_cb), self);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->model));
}

/* Reads the store again in the background, after a change made elsewhere. */
void
relais_lead_list_reload (RelaisLeadList *self)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));
  g_return_if_fail (self->model != NULL);

  self->choices_loaded = FALSE;
  relais_lead_model_refresh (self->model);
}

typedef struct {
  char            *db_path;
  RelaisLeadQuery *query;
  GFile           *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_clear_object (&job->query);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(RelaisDb) db = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  /* A connection of its own: the window goes on reading while the file is written. */
  db = relais_db_open_for_job (job->db_path, &error);
  if (db == NULL || !relais_lead_export_to_file (db, job->query, job->file, &n, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) n);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RelaisLeadList *self = RELAIS_LEAD_LIST (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    /* Translators: %1$s is a file name, %2$s the reason */
    message = g_strdup_printf (_("The leads could not be exported to “%1$s”: %2$s"), name, error->message);
  else
    {
      count = relais_format_count (n);
      /* Translators: %1$s is a count of leads, %2$s a file name */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s lead exported to “%2$s”.",
                                              "%1$s leads exported to “%2$s”.", (gulong) n),
                                 count, name);
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
export_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            RelaisLeadList  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  /* Exactly the view the user looks at: its search, filters and sort. */
  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (relais_db_get_path (self->db));
  job->query = relais_lead_query_copy (self->query);
  job->file = g_steal_pointer (&file);

  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, relais_lead_list_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* Asks where to save the current view as CSV, then writes it off the main thread. */
void
relais_lead_list_export (RelaisLeadList *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = relais_lead_export_default_name (now);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));

  if (self->db == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Leads"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Translators: a file type in the file chooser */
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Whether every lead of the current query is in the list. */
gboolean
relais_lead_list_is_loaded (RelaisLeadList *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), FALSE);

  return self->model != NULL && relais_lead_model_is_complete (self->model);
}

void
relais_lead_list_focus_search (RelaisLeadList *self)
{
  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * relais_lead_list_get_query:
 *
 * Returns: (transfer none): the search, filters and sort of the list; changing
 *   it changes the list.
 */
RelaisLeadQuery *
relais_lead_list_get_query (RelaisLeadList *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);
  return self->query;
}

/**
 * relais_lead_list_dup_summary:
 *
 * Returns: (transfer full): "2 000 leads", for the window's subtitle.
 */
char *
relais_lead_list_dup_summary (RelaisLeadList *self)
{
  g_autofree char *count = NULL;
  guint n;

  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);

  if (self->model != NULL && !relais_lead_model_is_complete (self->model))
    /* Translators: shown while the leads of a search are being counted */
    return g_strdup (_("Counting…"));

  n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  count = relais_format_count (n);

  if (relais_lead_query_is_filtered (self->query))
    /* Translators: the number of leads that match the search and filters */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s matching lead", "%s matching leads", n), count);

  /* Translators: the number of leads in the list; %s is the formatted count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", n), count);
}

GtkSelectionModel *
relais_lead_list_get_selection (RelaisLeadList *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/* The positions selected; none before the list has a model. */
static GtkBitset *
get_selected (RelaisLeadList *self)
{
  if (self->model == NULL)
    return gtk_bitset_new_empty ();
  return gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
}

guint
relais_lead_list_get_n_selected (RelaisLeadList *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), 0);

  selected = get_selected (self);
  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

/* The lead selected alone, or 0 (none, or several). */
gint64
relais_lead_list_get_selected_id (RelaisLeadList *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (RELAIS_IS_LEAD_LIST (self), 0);

  selected = get_selected (self);
  if (gtk_bitset_get_size (selected) != 1)
    return 0;
  return relais_lead_model_get_id (self->model, gtk_bitset_get_nth (selected, 0));
}

/* The row of lead @id shows what the store has now, and keeps its selection. */
void
relais_lead_list_refresh_lead (RelaisLeadList *self,
                               gint64          id)
{
  g_autoptr(RelaisLead) fresh = NULL;

  g_return_if_fail (RELAIS_IS_LEAD_LIST (self));

  if (self->model == NULL || (fresh = relais_lead_store_load (self->db, id, NULL)) == NULL)
    return;

  relais_lead_model_update_lead (self->model, fresh);
}
