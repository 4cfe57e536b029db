/* relais-rule-editor.c
 *
 * The form is filled from a copy of the rule and read back into a new copy
 * on Save (relais_rule_editor_dup_rule()), so that the fields of the rule the
 * form does not show (id, position, enabled, rotation) go back unchanged.
 *
 * A rule has a handful of criteria and members: they are GtkListBox rows,
 * made and removed as the user adds and removes them. The partners a member
 * can be chosen from may be a thousand: the "Add Partner" popover lists them
 * in a GtkListView with a search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-rule-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "relais-partner-store.h"
#include "relais-rule-store.h"

#define HOUR_S  G_GINT64_CONSTANT (3600)
#define DAY_S   G_GINT64_CONSTANT (86400)

/* Item i of the unit drop-down. */
enum {
  UNIT_HOURS,
  UNIT_DAYS,
};

struct _RelaisRuleEditor
{
  AdwWindow           parent_instance;

  RelaisDb           *db;
  RelaisRoutingRule  *rule;            /* as given, or a new one: what the form does not show */
  gboolean            loading;         /* filling the form: not an edit */
  GtkWidget          *error_widget;    /* the row marked invalid, if any */

  GArray             *partner_ids;     /* gint64: item i + 1 of the partner drop-down */
  GArray             *queue_ids;       /* gint64: item i + 1 of the queue and fallback rows */
  GHashTable         *partner_names;   /* partner id (gint64 *) → name */
  GtkSizeGroup       *field_sizes;     /* the criteria's drop-downs line up */
  GtkSizeGroup       *op_sizes;
  GListStore         *candidates;      /* GtkStringObject, with a "relais-id": who can be added */
  GtkStringFilter    *candidates_filter;

  AdwWindowTitle     *window_title;
  GtkButton          *save_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwPreferencesPage *page;
  AdwEntryRow        *name_row;
  AdwPreferencesGroup *criteria_group;
  GtkListBox         *criteria_list;
  AdwComboRow        *pool_row;
  AdwActionRow       *pool_partner_row;
  GtkDropDown        *pool_partner_dropdown;
  AdwActionRow       *pool_queue_row;
  GtkDropDown        *pool_queue_dropdown;
  AdwComboRow        *strategy_row;
  AdwPreferencesGroup *members_group;
  GtkMenuButton      *add_member_button;
  AdwButtonContent   *add_member_content;
  GtkPopover         *add_member_popover;
  GtkSearchEntry     *member_search_entry;
  GtkListView        *member_candidates_view;
  GtkListBox         *members_list;
  GtkSwitch          *respect_capacity_switch;
  GtkSwitch          *skip_inactive_switch;
  GtkSwitch          *skip_out_of_office_switch;
  GtkSwitch          *match_territory_switch;
  AdwComboRow        *fallback_row;
  AdwExpanderRow     *reroute_row;
  AdwActionRow       *reroute_delay_row;
  GtkSpinButton      *reroute_spin;
  GtkDropDown        *reroute_unit_dropdown;
};

G_DEFINE_FINAL_TYPE (RelaisRuleEditor, relais_rule_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ID_KEY       "relais-id"
#define KIND_KEY     "relais-kind"
#define FIELD_KEY    "relais-field"
#define OP_KEY       "relais-operator"
#define VALUES_KEY   "relais-values"
#define REMOVE_KEY   "relais-remove"
#define SHARE_KEY    "relais-share"
#define PERCENT_KEY  "relais-percent"

static void update_members (RelaisRuleEditor *self);

/* --- Values of a criterion -------------------------------------------------------- */

/* The enumeration whose labels a field's values are shown with, if any. */
static const RelaisEnumInfo *
field_enum (RelaisRuleField field)
{
  switch (field)
    {
    case RELAIS_RULE_FIELD_CATEGORY:
      return &relais_lead_category_info;
    case RELAIS_RULE_FIELD_KIND:
      return &relais_lead_kind_info;
    case RELAIS_RULE_FIELD_COUNTRY:
    case RELAIS_RULE_FIELD_TECHNOLOGY:
    case RELAIS_RULE_FIELD_LISTING:
    case RELAIS_RULE_FIELD_BUDGET:
    case RELAIS_RULE_FIELD_LANGUAGE:
    case RELAIS_RULE_N_FIELDS:
    default:
      return NULL;
    }
}

static char *
enum_labels_text (const RelaisEnumInfo *info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  for (guint i = 0; i < info->n_values; i++)
    g_strv_builder_add (builder, relais_enum_label (info, info->values[i].value));
  labels = g_strv_builder_end (builder);
  return g_strjoinv (", ", labels);
}

char *
relais_rule_criterion_dup_display_values (const RelaisRoutingCriterion *criterion)
{
  const RelaisEnumInfo *info;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) shown = NULL;

  g_return_val_if_fail (criterion != NULL, NULL);

  info = field_enum (criterion->field);
  if (criterion->values == NULL)
    return g_strdup ("");
  if (info == NULL)
    return g_strjoinv (", ", criterion->values);

  builder = g_strv_builder_new ();
  for (guint i = 0; criterion->values[i] != NULL; i++)
    {
      int value;

      if (relais_enum_from_code (info, criterion->values[i], &value))
        g_strv_builder_add (builder, relais_enum_label (info, value));
      else
        g_strv_builder_add (builder, criterion->values[i]);
    }
  shown = g_strv_builder_end (builder);
  return g_strjoinv (", ", shown);
}

/* The codes of the values typed for @field: labels of categories and kinds
 * become their codes. Returns %NULL with @error set when one is none of them. */
static char *
values_from_display (RelaisRuleField   field,
                     const char       *text,
                     GError          **error)
{
  const RelaisEnumInfo *info = field_enum (field);
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      g_autofree char *folded = NULL;
      gboolean found = FALSE;

      if (item[0] == '\0')
        continue;
      if (info == NULL)
        {
          g_strv_builder_add (builder, item);
          continue;
        }

      folded = g_utf8_casefold (item, -1);
      for (guint v = 0; v < info->n_values && !found; v++)
        {
          g_autofree char *label = g_utf8_casefold (relais_enum_label (info, info->values[v].value), -1);
          g_autofree char *code = g_utf8_casefold (info->values[v].code, -1);

          if (g_str_equal (folded, label) || g_str_equal (folded, code))
            {
              g_strv_builder_add (builder, info->values[v].code);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_autofree char *known = enum_labels_text (info);

          g_set_error (error, RELAIS_ROUTING_ERROR, RELAIS_ROUTING_ERROR_INVALID_RULE,
                       /* Translators: %1$s is what the user typed, %2$s a lead field ("Category"),
                          %3$s the list of its values */
                       _("“%1$s” is not a value of “%2$s”. Use one of: %3$s."),
                       item, relais_enum_label (&relais_rule_field_info, field), known);
          return NULL;
        }
    }

  codes = g_strv_builder_end (builder);
  return g_strjoinv (",", codes);
}

static char *
values_placeholder (RelaisRuleField field)
{
  const RelaisEnumInfo *info = field_enum (field);

  if (info != NULL)
    return enum_labels_text (info);

  switch (field)
    {
    case RELAIS_RULE_FIELD_COUNTRY:
      /* Translators: example values of a criterion on the lead's country: ISO country codes */
      return g_strdup (_("FR, BE, CH"));
    case RELAIS_RULE_FIELD_TECHNOLOGY:
      /* Translators: example values of a criterion on the lead's main technology */
      return g_strdup (_("Security, Cloud"));
    case RELAIS_RULE_FIELD_LISTING:
      /* Translators: example values of a criterion on the lead's listing (product of interest) */
      return g_strdup (_("Names of products or services"));
    case RELAIS_RULE_FIELD_BUDGET:
      /* Translators: the budget bands a criterion can name; keep them as they are */
      return g_strdup (_("<10k, 10k-50k, 50k-250k, 250k-1M, >1M"));
    case RELAIS_RULE_FIELD_LANGUAGE:
      /* Translators: example values of a criterion on the lead's language: ISO 639-1 codes */
      return g_strdup (_("fr, de, en"));
    case RELAIS_RULE_FIELD_CATEGORY:
    case RELAIS_RULE_FIELD_KIND:
    case RELAIS_RULE_N_FIELDS:
    default:
      return g_strdup ("");
    }
}

/* --- Errors ------------------------------------------------------------------------- */

static void
clear_error (RelaisRuleEditor *self)
{
  if (self->error_widget != NULL)
    {
      gtk_widget_remove_css_class (self->error_widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_STATE_INVALID);
      self->error_widget = NULL;
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (RelaisRuleEditor *self,
            const char       *message,
            GtkWidget        *widget)
{
  clear_error (self);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (widget != NULL)
    {
      self->error_widget = widget;
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_widget_grab_focus (widget);
    }
}

static void
edited_cb (RelaisRuleEditor *self)
{
  if (!self->loading && gtk_revealer_get_reveal_child (self->error_revealer))
    clear_error (self);
}

/* --- Criteria ------------------------------------------------------------------------ */

static GtkWidget *
criteria_placeholder_new (void)
{
  GtkWidget *label = gtk_label_new (_("No criteria: the rule matches every lead."));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

/* Screen readers tell the criteria apart by their number. */
static void
renumber_criteria (RelaisRuleEditor *self)
{
  guint n = 1;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *field = NULL;
      g_autofree char *op = NULL;
      g_autofree char *values = NULL;
      g_autofree char *remove = NULL;

      if (g_object_get_data (G_OBJECT (row), FIELD_KEY) == NULL)
        continue;

      /* Translators: accessible names of the parts of criterion number %u in the rule editor */
      field = g_strdup_printf (_("Field of criterion %u"), n);
      op = g_strdup_printf (_("Condition of criterion %u"), n);
      values = g_strdup_printf (_("Values of criterion %u"), n);
      remove = g_strdup_printf (_("Remove criterion %u"), n);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), FIELD_KEY),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, field, -1);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), OP_KEY),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, op, -1);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), VALUES_KEY),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, values, -1);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), REMOVE_KEY),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      n++;
    }
}

static void
criterion_field_changed_cb (GtkDropDown      *dropdown,
                            GParamSpec       *pspec,
                            RelaisRuleEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (dropdown), GTK_TYPE_LIST_BOX_ROW);
  GtkEntry *entry = g_object_get_data (G_OBJECT (row), VALUES_KEY);
  g_autofree char *placeholder = values_placeholder (gtk_drop_down_get_selected (dropdown));

  gtk_entry_set_placeholder_text (entry, placeholder);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), placeholder);
  edited_cb (self);
}

static void
criterion_remove_cb (GtkButton        *button,
                     RelaisRuleEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *prev = gtk_widget_get_prev_sibling (row);

  if (row == self->error_widget || gtk_widget_is_ancestor (self->error_widget, row))
    clear_error (self);
  gtk_list_box_remove (self->criteria_list, row);
  renumber_criteria (self);

  /* The focus stays among the criteria, or goes back to the button that adds one. */
  if (next != NULL && g_object_get_data (G_OBJECT (next), REMOVE_KEY) != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (next), REMOVE_KEY));
  else if (prev != NULL && g_object_get_data (G_OBJECT (prev), REMOVE_KEY) != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (prev), REMOVE_KEY));
  edited_cb (self);
}

static GtkWidget *
add_criterion_row (RelaisRuleEditor *self,
                   RelaisRuleField   field,
                   RelaisRuleOperator op,
                   const char       *values)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ops = gtk_string_list_new (NULL);
  GtkWidget *row, *box, *field_dd, *op_dd, *entry, *remove;

  /* Item i of each drop-down is value i of its enumeration. */
  for (int i = 0; i < RELAIS_RULE_N_FIELDS; i++)
    gtk_string_list_append (fields, relais_enum_label (&relais_rule_field_info, i));
  for (int i = 0; i < RELAIS_RULE_N_OPERATORS; i++)
    gtk_string_list_append (ops, relais_enum_label (&relais_rule_operator_info, i));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  field_dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field_dd), field);
  gtk_widget_set_valign (field_dd, GTK_ALIGN_CENTER);
  op_dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (ops)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (op_dd), op);
  gtk_widget_set_valign (op_dd, GTK_ALIGN_CENTER);
  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_editable_set_text (GTK_EDITABLE (entry), values ? values : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this criterion"));

  gtk_size_group_add_widget (self->field_sizes, field_dd);
  gtk_size_group_add_widget (self->op_sizes, op_dd);
  gtk_box_append (GTK_BOX (box), field_dd);
  gtk_box_append (GTK_BOX (box), op_dd);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), FIELD_KEY, field_dd);
  g_object_set_data (G_OBJECT (row), OP_KEY, op_dd);
  g_object_set_data (G_OBJECT (row), VALUES_KEY, entry);
  g_object_set_data (G_OBJECT (row), REMOVE_KEY, remove);

  g_signal_connect_object (field_dd, "notify::selected", G_CALLBACK (criterion_field_changed_cb), self, 0);
  g_signal_connect_object (op_dd, "notify::selected", G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "changed", G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (criterion_remove_cb), self, 0);

  gtk_list_box_append (self->criteria_list, row);
  criterion_field_changed_cb (GTK_DROP_DOWN (field_dd), NULL, self);
  renumber_criteria (self);
  return row;
}

static void
add_criterion_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RelaisRuleEditor *self = RELAIS_RULE_EDITOR (widget);
  GtkWidget *row = add_criterion_row (self, RELAIS_RULE_FIELD_COUNTRY, RELAIS_RULE_OPERATOR_IS_ONE_OF, "");

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), FIELD_KEY));
  edited_cb (self);
}

/* --- Members ------------------------------------------------------------------------- */

static RelaisRulePoolKind
pool_kind (RelaisRuleEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->pool_row);

  return selected < RELAIS_RULE_N_POOL_KINDS ? (RelaisRulePoolKind) selected : RELAIS_RULE_POOL_PARTNERS;
}

static gint64
dropdown_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Item 0 is "not chosen". */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 1);
}

static void
dropdown_select_id (GtkDropDown *dropdown,
                    GArray      *ids,
                    gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i + 1);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static gboolean
is_weighted (RelaisRuleEditor *self)
{
  return adw_combo_row_get_selected (self->strategy_row) == RELAIS_RULE_STRATEGY_WEIGHTED;
}

/* Each member's part of the leads, when every member has a share. */
static void
update_percentages (RelaisRuleEditor *self)
{
  guint total = 0;
  gboolean all = TRUE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), SHARE_KEY);
      int share;

      if (spin == NULL)
        continue;
      share = gtk_spin_button_get_value_as_int (spin);
      total += share;
      all = all && share > 0;
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), SHARE_KEY);
      GtkLabel *percent = g_object_get_data (G_OBJECT (row), PERCENT_KEY);
      g_autofree char *text = NULL;
      int share;

      if (spin == NULL)
        continue;
      share = gtk_spin_button_get_value_as_int (spin);
      if (share == 0)
        /* Translators: beside a member's share of 0 in a weighted rule: its tier's weight counts */
        text = g_strdup (_("tier weight"));
      else if (all && total > 0)
        /* Translators: a member's part of the leads; use your language's percent sign and spacing */
        text = g_strdup_printf (_("%d %%"), (int) ((share * 100.0) / total + 0.5));
      else
        text = g_strdup ("");
      gtk_label_set_label (percent, text);
    }
}

static void
share_changed_cb (RelaisRuleEditor *self)
{
  update_percentages (self);
  edited_cb (self);
}

static void
member_remove_cb (GtkButton        *button,
                  RelaisRuleEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->members_list, row);
  update_percentages (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_member_button));
  edited_cb (self);
}

static gboolean
has_member (RelaisRuleEditor *self,
            gint64            id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gint64 *member = g_object_get_data (G_OBJECT (row), ID_KEY);

      if (member != NULL && *member == id)
        return TRUE;
    }
  return FALSE;
}

static void
add_member_row (RelaisRuleEditor        *self,
                RelaisRoutingTargetKind  kind,
                gint64                   id,
                const char              *name,
                guint                    share,
                gboolean                 removable)
{
  GtkWidget *row, *spin, *percent, *share_box, *remove;
  g_autofree char *share_label = NULL;
  gint64 *id_copy;

  row = adw_action_row_new ();
  /* Names are text, not markup: "Berger & Möller". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  share_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (share_box, GTK_ALIGN_CENTER);
  percent = gtk_label_new (NULL);
  gtk_widget_add_css_class (percent, "dim-label");
  gtk_widget_add_css_class (percent, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (percent), 6);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  spin = gtk_spin_button_new_with_range (0, 1000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), share);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, _("This member’s share of the leads, relative to the others (0: its tier’s weight)"));
  /* Translators: accessible name of the share of a member in a weighted rule; %s is its name */
  share_label = g_strdup_printf (_("Share of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, share_label, -1);
  gtk_box_append (GTK_BOX (share_box), percent);
  gtk_box_append (GTK_BOX (share_box), spin);
  gtk_widget_set_visible (share_box, is_weighted (self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), share_box);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (share_changed_cb), self, G_CONNECT_SWAPPED);

  if (removable)
    {
      g_autofree char *remove_label = NULL;

      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove from the rule"));
      /* Translators: accessible name of the button that removes a member from a rule; %s is its name */
      remove_label = g_strdup_printf (_("Remove %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (member_remove_cb), self, 0);
    }

  id_copy = g_new (gint64, 1);
  *id_copy = id;
  g_object_set_data_full (G_OBJECT (row), ID_KEY, id_copy, g_free);
  g_object_set_data (G_OBJECT (row), KIND_KEY, GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), SHARE_KEY, spin);
  g_object_set_data (G_OBJECT (row), PERCENT_KEY, percent);
  g_object_set_data (G_OBJECT (row), "relais-share-box", share_box);
  gtk_list_box_append (self->members_list, row);
}

static void
clear_members (RelaisRuleEditor *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL
         && GTK_IS_LIST_BOX_ROW (row))
    gtk_list_box_remove (self->members_list, row);
}

static GtkWidget *
members_placeholder_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static guint
member_share (const RelaisRoutingRule *rule,
              RelaisRoutingTargetKind  kind,
              gint64                   id)
{
  for (guint i = 0; rule->members != NULL && i < rule->members->len; i++)
    {
      const RelaisRoutingMemberRef *ref = &g_array_index (rule->members, RelaisRoutingMemberRef, i);

      if (ref->kind == kind && ref->id == id)
        return ref->share;
    }
  return 0;
}

/* The reps of the chosen partner, each with its share: a reps pool gives
 * leads to every rep of the partner, so they are listed, not chosen. */
static void
fill_reps (RelaisRuleEditor        *self,
           const RelaisRoutingRule *shares)
{
  gint64 partner_id = dropdown_id (self->pool_partner_dropdown, self->partner_ids);
  g_autoptr(GListStore) contacts = NULL;
  g_autoptr(GError) error = NULL;

  clear_members (self);
  if (partner_id == 0)
    return;

  contacts = relais_partner_store_list_contacts (self->db, partner_id, &error);
  if (contacts == NULL)
    {
      show_error (self, error->message, NULL);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (contacts)); i++)
    {
      g_autoptr(RelaisContact) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", relais_contact_get_first_name (contact),
                                                            relais_contact_get_last_name (contact)));
      gint64 id = relais_contact_get_id (contact);

      add_member_row (self, RELAIS_ROUTING_TARGET_REP, id, name,
                      shares ? member_share (shares, RELAIS_ROUTING_TARGET_REP, id) : 0, FALSE);
    }
}

/* Shows what the pool needs: partners to choose, a partner whose reps
 * receive the leads, or a queue. */
static void
update_members (RelaisRuleEditor *self)
{
  RelaisRulePoolKind kind = pool_kind (self);
  GtkWidget *placeholder = members_placeholder_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->pool_partner_row), kind == RELAIS_RULE_POOL_REPS);
  gtk_widget_set_visible (GTK_WIDGET (self->pool_queue_row), kind == RELAIS_RULE_POOL_QUEUE);
  gtk_widget_set_visible (GTK_WIDGET (self->members_group), kind != RELAIS_RULE_POOL_QUEUE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_member_button), kind == RELAIS_RULE_POOL_PARTNERS);

  if (kind == RELAIS_RULE_POOL_PARTNERS)
    {
      adw_preferences_group_set_title (self->members_group, _("Partners"));
      adw_preferences_group_set_description (self->members_group,
                                             is_weighted (self)
                                             ? _("The partners that take turns. A share sets a partner’s part of the leads; 0 uses its tier’s weight.")
                                             : _("The partners that take turns."));
      gtk_label_set_label (GTK_LABEL (placeholder), _("No partners yet: leads this rule matches would stay unassigned. Add the partners that receive them."));
    }
  else
    {
      adw_preferences_group_set_title (self->members_group, _("Reps"));
      adw_preferences_group_set_description (self->members_group,
                                             is_weighted (self)
                                             ? _("Every rep of the partner takes turns. A share sets a rep’s part of the leads.")
                                             : _("Every rep of the partner takes turns."));
      gtk_label_set_label (GTK_LABEL (placeholder),
                           dropdown_id (self->pool_partner_dropdown, self->partner_ids) == 0
                           ? _("Choose the partner whose reps receive the leads.")
                           : _("This partner has no contacts yet: add its reps in the Partners section."));
    }
  gtk_list_box_set_placeholder (self->members_list, placeholder);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *share_box = g_object_get_data (G_OBJECT (row), "relais-share-box");

      if (share_box != NULL)
        gtk_widget_set_visible (share_box, is_weighted (self));
    }
  update_percentages (self);
}

static void
pool_changed_cb (RelaisRuleEditor *self)
{
  if (self->loading)
    return;

  /* The members of one kind of pool mean nothing in another. */
  clear_members (self);
  if (pool_kind (self) == RELAIS_RULE_POOL_REPS)
    fill_reps (self, self->rule);
  update_members (self);
  edited_cb (self);
}

static void
pool_partner_changed_cb (RelaisRuleEditor *self)
{
  if (self->loading)
    return;

  fill_reps (self, self->rule);
  update_members (self);
  edited_cb (self);
}

static const char *
strategy_description (RelaisRuleStrategy strategy)
{
  switch (strategy)
    {
    case RELAIS_RULE_STRATEGY_WEIGHTED:
      return _("Members receive leads in proportion to their share, or to their tier’s weight, interleaved rather than in bursts");
    case RELAIS_RULE_STRATEGY_LEAST_LOADED:
      return _("The member with the fewest open leads, relative to its capacity, receives the next lead");
    case RELAIS_RULE_STRATEGY_ROUND_ROBIN:
    case RELAIS_RULE_N_STRATEGIES:
    default:
      return _("Members take turns, one lead each; a member skipped for a lead loses that turn");
    }
}

static void
strategy_changed_cb (RelaisRuleEditor *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->strategy_row),
                               strategy_description (adw_combo_row_get_selected (self->strategy_row)));
  update_members (self);
  edited_cb (self);
}

/* --- Adding a partner ------------------------------------------------------------ */

static void
fill_candidates (RelaisRuleEditor *self)
{
  g_list_store_remove_all (self->candidates);

  for (guint i = 0; i < self->partner_ids->len; i++)
    {
      gint64 id = g_array_index (self->partner_ids, gint64, i);
      g_autoptr(GtkStringObject) item = NULL;
      gint64 *id_copy;

      if (has_member (self, id))
        continue;
      item = gtk_string_object_new (g_hash_table_lookup (self->partner_names, &id));
      id_copy = g_new (gint64, 1);
      *id_copy = id;
      g_object_set_data_full (G_OBJECT (item), ID_KEY, id_copy, g_free);
      g_list_store_append (self->candidates, item);
    }
}

static void
add_member_popover_show_cb (RelaisRuleEditor *self)
{
  fill_candidates (self);
  gtk_editable_set_text (GTK_EDITABLE (self->member_search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->member_search_entry));
}

static void
member_search_changed_cb (RelaisRuleEditor *self)
{
  gtk_string_filter_set_search (self->candidates_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->member_search_entry)));
}

static void
add_candidate (RelaisRuleEditor *self,
               guint             position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->member_candidates_view));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);
  gint64 *id;

  if (item == NULL)
    return;
  id = g_object_get_data (G_OBJECT (item), ID_KEY);
  if (!has_member (self, *id))
    add_member_row (self, RELAIS_ROUTING_TARGET_PARTNER, *id, gtk_string_object_get_string (item), 0, TRUE);
  gtk_popover_popdown (self->add_member_popover);
  update_members (self);
  edited_cb (self);
}

static void
member_candidate_activate_cb (RelaisRuleEditor *self,
                              guint             position)
{
  add_candidate (self, position);
}

/* Enter in the search adds the first match. */
static void
member_search_activate_cb (RelaisRuleEditor *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->member_candidates_view));

  if (g_list_model_get_n_items (model) > 0)
    add_candidate (self, 0);
}

static void
setup_candidate_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_candidate_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (item));
}

/* --- Reading and filling the form -------------------------------------------------- */

static void
load_choices (RelaisRuleEditor *self)
{
  g_auto(GStrv) partner_names = NULL;
  g_auto(GStrv) queue_names = NULL;
  g_autoptr(GArray) partner_ids = NULL;
  g_autoptr(GArray) queue_ids = NULL;
  g_autoptr(GtkStringList) partners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) queues = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) fallbacks = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!relais_partner_store_list_names (self->db, &partner_names, &partner_ids, &error) ||
      !relais_queue_store_list (self->db, &queue_names, &queue_ids, &error))
    {
      show_error (self, error->message, NULL);
      partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      queue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* Translators: the partner drop-down of a reps pool before one is chosen */
  gtk_string_list_append (partners, _("Not chosen"));
  /* Translators: the queue drop-down of a queue pool before one is chosen */
  gtk_string_list_append (queues, _("Not chosen"));
  /* Translators: the fallback queue of a rule: none, the lead stays unassigned */
  gtk_string_list_append (fallbacks, C_("fallback queue", "None"));
  for (guint i = 0; partner_names != NULL && partner_names[i] != NULL; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = g_array_index (partner_ids, gint64, i);
      gtk_string_list_append (partners, partner_names[i]);
      g_hash_table_insert (self->partner_names, id, g_strdup (partner_names[i]));
    }
  for (guint i = 0; queue_names != NULL && queue_names[i] != NULL; i++)
    {
      gtk_string_list_append (queues, queue_names[i]);
      gtk_string_list_append (fallbacks, queue_names[i]);
    }

  g_clear_pointer (&self->partner_ids, g_array_unref);
  self->partner_ids = g_steal_pointer (&partner_ids);
  g_clear_pointer (&self->queue_ids, g_array_unref);
  self->queue_ids = g_steal_pointer (&queue_ids);

  gtk_drop_down_set_model (self->pool_partner_dropdown, G_LIST_MODEL (partners));
  gtk_drop_down_set_model (self->pool_queue_dropdown, G_LIST_MODEL (queues));
  adw_combo_row_set_model (self->fallback_row, G_LIST_MODEL (fallbacks));
}

static void
fill_form (RelaisRuleEditor *self)
{
  const RelaisRoutingRule *rule = self->rule;
  gint64 reroute = rule->reroute_after_s;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rule->name ? rule->name : "");
  for (guint i = 0; i < rule->criteria->len; i++)
    {
      const RelaisRoutingCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      g_autofree char *values = relais_rule_criterion_dup_display_values (criterion);

      add_criterion_row (self, criterion->field, criterion->op, values);
    }

  adw_combo_row_set_selected (self->pool_row, rule->pool_kind);
  dropdown_select_id (self->pool_partner_dropdown, self->partner_ids, rule->pool_partner_id);
  dropdown_select_id (self->pool_queue_dropdown, self->queue_ids, rule->pool_queue_id);
  adw_combo_row_set_selected (self->strategy_row, rule->strategy);

  if (rule->pool_kind == RELAIS_RULE_POOL_PARTNERS)
    {
      for (guint i = 0; i < rule->members->len; i++)
        {
          const RelaisRoutingMemberRef *ref = &g_array_index (rule->members, RelaisRoutingMemberRef, i);
          const char *name = g_hash_table_lookup (self->partner_names, &ref->id);

          if (ref->kind == RELAIS_ROUTING_TARGET_PARTNER && name != NULL)
            add_member_row (self, ref->kind, ref->id, name, ref->share, TRUE);
        }
    }
  else if (rule->pool_kind == RELAIS_RULE_POOL_REPS)
    fill_reps (self, rule);

  gtk_switch_set_active (self->respect_capacity_switch, rule->respect_capacity);
  gtk_switch_set_active (self->skip_inactive_switch, rule->skip_inactive);
  gtk_switch_set_active (self->skip_out_of_office_switch, rule->skip_out_of_office);
  gtk_switch_set_active (self->match_territory_switch, rule->match_territory);

  adw_combo_row_set_selected (self->fallback_row, 0);
  for (guint i = 0; i < self->queue_ids->len; i++)
    if (g_array_index (self->queue_ids, gint64, i) == rule->fallback_queue_id)
      adw_combo_row_set_selected (self->fallback_row, i + 1);

  adw_expander_row_set_enable_expansion (self->reroute_row, reroute > 0);
  if (reroute > 0 && reroute % DAY_S == 0)
    {
      gtk_drop_down_set_selected (self->reroute_unit_dropdown, UNIT_DAYS);
      gtk_spin_button_set_value (self->reroute_spin, reroute / DAY_S);
    }
  else
    {
      gtk_drop_down_set_selected (self->reroute_unit_dropdown, UNIT_HOURS);
      gtk_spin_button_set_value (self->reroute_spin, reroute > 0 ? (reroute + HOUR_S - 1) / HOUR_S : 48);
    }

  strategy_changed_cb (self);
  update_members (self);
  self->loading = FALSE;
}

RelaisRoutingRule *
relais_rule_editor_dup_rule (RelaisRuleEditor *self)
{
  g_autoptr(RelaisRoutingRule) rule = NULL;
  guint fallback;

  g_return_val_if_fail (RELAIS_IS_RULE_EDITOR (self), NULL);

  rule = relais_routing_rule_copy (self->rule);
  g_free (rule->name);
  rule->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  g_ptr_array_set_size (rule->criteria, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkDropDown *field = g_object_get_data (G_OBJECT (row), FIELD_KEY);
      GtkDropDown *op = g_object_get_data (G_OBJECT (row), OP_KEY);
      GtkEditable *values = g_object_get_data (G_OBJECT (row), VALUES_KEY);
      g_autofree char *codes = NULL;

      if (field == NULL)
        continue;
      /* Unknown labels stay as typed here; the Save checks them. */
      codes = values_from_display (gtk_drop_down_get_selected (field), gtk_editable_get_text (values), NULL);
      relais_routing_rule_add_criterion (rule, gtk_drop_down_get_selected (field), gtk_drop_down_get_selected (op),
                                         codes ? codes : gtk_editable_get_text (values));
    }

  rule->pool_kind = pool_kind (self);
  rule->pool_partner_id = rule->pool_kind == RELAIS_RULE_POOL_REPS
                          ? dropdown_id (self->pool_partner_dropdown, self->partner_ids) : 0;
  rule->pool_queue_id = rule->pool_kind == RELAIS_RULE_POOL_QUEUE
                        ? dropdown_id (self->pool_queue_dropdown, self->queue_ids) : 0;
  rule->strategy = adw_combo_row_get_selected (self->strategy_row);

  g_array_set_size (rule->members, 0);
  if (rule->pool_kind != RELAIS_RULE_POOL_QUEUE)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
         row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        gint64 *id = g_object_get_data (G_OBJECT (row), ID_KEY);
        GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), SHARE_KEY);
        RelaisRoutingTargetKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), KIND_KEY));
        guint share;

        if (id == NULL)
          continue;
        gtk_spin_button_update (spin);
        share = gtk_spin_button_get_value_as_int (spin);
        /* The reps are all in the pool anyway: only their shares are kept. */
        if (kind == RELAIS_ROUTING_TARGET_REP && share == 0)
          continue;
        relais_routing_rule_add_member (rule, kind, *id, share);
      }

  rule->respect_capacity = gtk_switch_get_active (self->respect_capacity_switch);
  rule->skip_inactive = gtk_switch_get_active (self->skip_inactive_switch);
  rule->skip_out_of_office = gtk_switch_get_active (self->skip_out_of_office_switch);
  rule->match_territory = gtk_switch_get_active (self->match_territory_switch);

  fallback = adw_combo_row_get_selected (self->fallback_row);
  rule->fallback_queue_id = fallback > 0 && fallback <= self->queue_ids->len
                            ? g_array_index (self->queue_ids, gint64, fallback - 1) : 0;

  rule->reroute_after_s = 0;
  if (adw_expander_row_get_enable_expansion (self->reroute_row))
    {
      gtk_spin_button_update (self->reroute_spin);
      rule->reroute_after_s = gtk_spin_button_get_value_as_int (self->reroute_spin)
                              * (gtk_drop_down_get_selected (self->reroute_unit_dropdown) == UNIT_DAYS ? DAY_S : HOUR_S);
    }

  return g_steal_pointer (&rule);
}

/* --- Saving -------------------------------------------------------------------------- */

/* The row to point at for what relais_routing_rule_validate() refused: it
 * checks in this order. */
static GtkWidget *
invalid_widget (RelaisRuleEditor        *self,
                const RelaisRoutingRule *rule)
{
  guint i = 0;

  if (rule->name[0] == '\0')
    return GTK_WIDGET (self->name_row);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const RelaisRoutingCriterion *criterion;

      if (g_object_get_data (G_OBJECT (row), FIELD_KEY) == NULL || i >= rule->criteria->len)
        continue;
      criterion = g_ptr_array_index (rule->criteria, i++);
      if (criterion->values == NULL || criterion->values[0] == NULL)
        return g_object_get_data (G_OBJECT (row), VALUES_KEY);
    }

  if (rule->pool_kind == RELAIS_RULE_POOL_REPS && rule->pool_partner_id <= 0)
    return GTK_WIDGET (self->pool_partner_dropdown);
  if (rule->pool_kind == RELAIS_RULE_POOL_QUEUE && rule->pool_queue_id <= 0)
    return GTK_WIDGET (self->pool_queue_dropdown);
  if (rule->reroute_after_s < 0)
    return GTK_WIDGET (self->reroute_spin);
  return NULL;
}

/* Category and kind values must be ones the leads have. */
static gboolean
check_values (RelaisRuleEditor *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkDropDown *field = g_object_get_data (G_OBJECT (row), FIELD_KEY);
      GtkWidget *values = g_object_get_data (G_OBJECT (row), VALUES_KEY);
      g_autoptr(GError) error = NULL;
      g_autofree char *codes = NULL;

      if (field == NULL)
        continue;
      codes = values_from_display (gtk_drop_down_get_selected (field), gtk_editable_get_text (GTK_EDITABLE (values)),
                                   &error);
      if (codes == NULL)
        {
          show_error (self, error->message, values);
          return FALSE;
        }
    }
  return TRUE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RelaisRuleEditor *self = RELAIS_RULE_EDITOR (widget);
  g_autoptr(RelaisRoutingRule) rule = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (!check_values (self))
    return;

  rule = relais_rule_editor_dup_rule (self);
  if (!relais_routing_rule_validate (rule, &error))
    {
      show_error (self, error->message, invalid_widget (self, rule));
      return;
    }

  if (rule->id == 0)
    saved = relais_rule_store_create (self->db, rule, &error);
  else
    saved = relais_rule_store_update (self->db, rule, &error);
  if (!saved)
    {
      /* Translators: %s says why (an error message) */
      g_autofree char *message = g_strdup_printf (_("The rule could not be saved: %s"), error->message);

      show_error (self, message, NULL);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, rule->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- GObject ------------------------------------------------------------------------ */

static void
relais_rule_editor_dispose (GObject *object)
{
  RelaisRuleEditor *self = RELAIS_RULE_EDITOR (object);

  if (self->member_candidates_view != NULL)
    gtk_list_view_set_model (self->member_candidates_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RELAIS_TYPE_RULE_EDITOR);
  g_clear_object (&self->db);
  g_clear_object (&self->candidates);
  g_clear_object (&self->candidates_filter);
  g_clear_pointer (&self->rule, relais_routing_rule_free);
  g_clear_pointer (&self->partner_ids, g_array_unref);
  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->partner_names, g_hash_table_unref);
  g_clear_object (&self->field_sizes);
  g_clear_object (&self->op_sizes);

  G_OBJECT_CLASS (relais_rule_editor_parent_class)->dispose (object);
}

static void
relais_rule_editor_class_init (RelaisRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = relais_rule_editor_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/relais/Relais/rules/relais-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, pool_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, pool_partner_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, pool_partner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, pool_queue_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, pool_queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, members_group);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, add_member_button);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, add_member_content);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, add_member_popover);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, member_search_entry);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, member_candidates_view);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, members_list);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, respect_capacity_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, skip_inactive_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, skip_out_of_office_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, match_territory_switch);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, fallback_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, reroute_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, reroute_delay_row);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, reroute_spin);
  gtk_widget_class_bind_template_child (widget_class, RelaisRuleEditor, reroute_unit_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, pool_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pool_partner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, strategy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_member_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_candidate_activate_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-criterion", NULL, add_criterion_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
relais_rule_editor_init (RelaisRuleEditor *self)
{
  g_autoptr(GtkStringList) pools = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) strategies = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->partner_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->field_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->op_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->queue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Item i of each list is value i of its enumeration. */
  for (int i = 0; i < RELAIS_RULE_N_POOL_KINDS; i++)
    gtk_string_list_append (pools, relais_enum_label (&relais_rule_pool_kind_info, i));
  for (int i = 0; i < RELAIS_RULE_N_STRATEGIES; i++)
    gtk_string_list_append (strategies, relais_enum_label (&relais_rule_strategy_info, i));
  /* Translators: the unit of the delay before an unaccepted lead is rerouted */
  gtk_string_list_append (units, C_("delay unit", "hours"));
  /* Translators: the unit of the delay before an unaccepted lead is rerouted */
  gtk_string_list_append (units, C_("delay unit", "days"));
  self->loading = TRUE;
  adw_combo_row_set_model (self->pool_row, G_LIST_MODEL (pools));
  adw_combo_row_set_model (self->strategy_row, G_LIST_MODEL (strategies));
  gtk_drop_down_set_model (self->reroute_unit_dropdown, G_LIST_MODEL (units));
  self->loading = FALSE;

  /* The drop-downs of partners and queues can be long: they search by name. */
  gtk_drop_down_set_expression (self->pool_partner_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_expression (self->pool_queue_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pool_partner_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Partner whose reps receive the leads"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pool_queue_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Queue that receives the leads"), -1);

  adw_button_content_set_label (self->add_member_content, _("Add _Partner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_member_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a partner to the rule"), -1);

  gtk_list_box_set_placeholder (self->criteria_list, criteria_placeholder_new ());

  self->candidates = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->candidates_filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->candidates_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->candidates_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->candidates)),
                                        GTK_FILTER (g_object_ref (self->candidates_filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_candidate_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_candidate_cb), NULL);
  gtk_list_view_set_factory (self->member_candidates_view, factory);
  gtk_list_view_set_model (self->member_candidates_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
}

RelaisRuleEditor *
relais_rule_editor_new (GtkWindow               *parent,
                        RelaisDb                *db,
                        const RelaisRoutingRule *rule)
{
  RelaisRuleEditor *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  self = g_object_new (RELAIS_TYPE_RULE_EDITOR, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->rule = rule ? relais_routing_rule_copy (rule) : relais_routing_rule_new (0, "");

  if (rule != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Rule"));
      adw_window_title_set_title (self->window_title, _("Edit Rule"));
      adw_window_title_set_subtitle (self->window_title, rule->name);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Rule"));
      adw_window_title_set_title (self->window_title, _("New Rule"));
    }

  load_choices (self);
  fill_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
