/* relais-assign-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-assign-item.h"

#include <glib/gi18n.h>

#include "relais-search.h"
#include "relais-util.h"

struct _RelaisAssignItem
{
  GObject                 parent_instance;

  RelaisAssignTargetInfo *info;
  char                   *folded;        /* the name, for the filter */
  char                   *reps_folded;   /* a partner's reps' names, one per line */
};

G_DEFINE_FINAL_TYPE (RelaisAssignItem, relais_assign_item, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
relais_assign_item_finalize (GObject *object)
{
  RelaisAssignItem *self = RELAIS_ASSIGN_ITEM (object);

  relais_assign_target_info_free (self->info);
  g_free (self->folded);
  g_free (self->reps_folded);

  G_OBJECT_CLASS (relais_assign_item_parent_class)->finalize (object);
}

static void
relais_assign_item_class_init (RelaisAssignItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_assign_item_finalize;

  /**
   * RelaisAssignItem::changed:
   *
   * What the item shows changed (relais_assign_item_update()): its row, if
   * bound, shows it again.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
relais_assign_item_init (RelaisAssignItem *self)
{
}

RelaisAssignItem *
relais_assign_item_new (RelaisAssignTargetInfo *info)
{
  RelaisAssignItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (RELAIS_TYPE_ASSIGN_ITEM, NULL);
  self->info = info;
  self->folded = relais_search_fold (info->name);
  return self;
}

RelaisAssignItem *
relais_assign_item_new_nobody (void)
{
  RelaisAssignTargetInfo *info = g_new0 (RelaisAssignTargetInfo, 1);
  RelaisAssignItem *self;

  info->target.kind = RELAIS_ASSIGN_TARGET_NOBODY;
  /* Translators: the first target of the assignment panel: leads given to no partner and no queue */
  info->name = g_strdup (_("Unassigned"));
  info->partner_name = g_strdup ("");
  info->detail = g_strdup ("");
  info->active = TRUE;

  self = relais_assign_item_new (info);
  return self;
}

const RelaisAssignTarget *
relais_assign_item_get_target (RelaisAssignItem *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);
  return &self->info->target;
}

const RelaisAssignTargetInfo *
relais_assign_item_get_info (RelaisAssignItem *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);
  return self->info;
}

const char *
relais_assign_item_get_title (RelaisAssignItem *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);
  return self->info->name;
}

char *
relais_assign_item_dup_subtitle (RelaisAssignItem *self)
{
  const RelaisAssignTargetInfo *info;

  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);

  info = self->info;
  switch (info->target.kind)
    {
    case RELAIS_ASSIGN_TARGET_PARTNER:
      {
        g_autofree char *open = relais_format_count (info->open_leads);
        g_autofree char *capacity = relais_format_count (info->capacity);

        /* Translators: under a partner's name in the assignment panel; %1$s open leads it holds, %2$s how many
         * it takes: the plural follows %2$s ("12 of 1 open lead", "1 of 50 open leads") */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s of %2$s open lead", "%1$s of %2$s open leads",
                                             (gulong) info->capacity),
                                open, capacity);
      }
    case RELAIS_ASSIGN_TARGET_REP:
      if (info->detail[0] != '\0')
        return g_strdup (info->detail);
      /* Translators: under a person's name in the assignment panel; %s is a partner company */
      return g_strdup_printf (_("Sales rep at %s"), info->partner_name);
    case RELAIS_ASSIGN_TARGET_QUEUE:
      /* Translators: under a queue's name in the assignment panel: leads dropped here wait unassigned */
      return g_strdup (_("Queue"));
    case RELAIS_ASSIGN_TARGET_NOBODY:
    default:
      /* Translators: under "Unassigned" in the assignment panel */
      return g_strdup (_("No partner and no queue"));
    }
}

const char *
relais_assign_item_get_warning (RelaisAssignItem *self)
{
  const RelaisAssignTargetInfo *info;

  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);

  info = self->info;
  if (info->target.kind != RELAIS_ASSIGN_TARGET_PARTNER && info->target.kind != RELAIS_ASSIGN_TARGET_REP)
    return NULL;
  if (!info->active)
    /* Translators: a partner account that receives no leads */
    return _("Inactive");
  if (info->out_of_office_until > g_get_real_time ())
    /* Translators: a partner that said it is away for now */
    return _("Out of office");
  if (info->target.kind == RELAIS_ASSIGN_TARGET_PARTNER && info->open_leads >= info->capacity)
    /* Translators: a partner with as many open leads as it takes, or more */
    return _("Full");
  return NULL;
}

const char *
relais_assign_item_get_icon_name (RelaisAssignItem *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);

  switch (self->info->target.kind)
    {
    case RELAIS_ASSIGN_TARGET_PARTNER: return "system-users-symbolic";
    case RELAIS_ASSIGN_TARGET_REP:     return "avatar-default-symbolic";
    case RELAIS_ASSIGN_TARGET_QUEUE:   return "view-list-bullet-symbolic";
    case RELAIS_ASSIGN_TARGET_NOBODY:
    default:                           return "action-unavailable-symbolic";
    }
}

char *
relais_assign_item_dup_display_name (RelaisAssignItem *self)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);

  if (self->info->target.kind == RELAIS_ASSIGN_TARGET_REP)
    /* Translators: a partner's sales rep and, in brackets, the partner company: "Marie Curie (Acme)" */
    return g_strdup_printf (_("%1$s (%2$s)"), self->info->name, self->info->partner_name);
  return g_strdup (self->info->name);
}

char *
relais_assign_item_dup_accessible_name (RelaisAssignItem *self)
{
  g_autofree char *name = relais_assign_item_dup_display_name (self);
  g_autofree char *subtitle = relais_assign_item_dup_subtitle (self);
  const char *warning = relais_assign_item_get_warning (self);

  if (warning != NULL)
    /* Translators: what a screen reader says for a target of the assignment panel: name, details, warning */
    return g_strdup_printf (_("%1$s, %2$s, %3$s"), name, subtitle, warning);
  /* Translators: what a screen reader says for a target of the assignment panel: name, details */
  return g_strdup_printf (_("%1$s, %2$s"), name, subtitle);
}

gboolean
relais_assign_item_matches (RelaisAssignItem *self,
                            const char       *folded)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), FALSE);

  if (folded == NULL || folded[0] == '\0')
    return TRUE;
  if (strstr (self->folded, folded) != NULL)
    return TRUE;
  return self->reps_folded != NULL && strstr (self->reps_folded, folded) != NULL;
}

char *
relais_assign_item_dup_concern (RelaisAssignItem *self,
                                guint             n_leads)
{
  const RelaisAssignTargetInfo *info;

  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), NULL);

  info = self->info;
  if (info->target.kind != RELAIS_ASSIGN_TARGET_PARTNER && info->target.kind != RELAIS_ASSIGN_TARGET_REP)
    return NULL;

  if (!info->active)
    return g_strdup_printf (info->target.kind == RELAIS_ASSIGN_TARGET_REP
                            /* Translators: %s is a partner company */
                            ? _("This sales rep’s partner, %s, is inactive: it receives no leads.")
                            /* Translators: %s is a partner company */
                            : _("%s is inactive: it receives no leads."),
                            info->target.kind == RELAIS_ASSIGN_TARGET_REP ? info->partner_name : info->name);

  if (info->out_of_office_until > g_get_real_time ())
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (info->out_of_office_until / G_USEC_PER_SEC);
      g_autofree char *date = until != NULL ? g_date_time_format (until, "%x") : g_strdup ("");

      /* Translators: %1$s is a partner company, %2$s a date */
      return g_strdup_printf (_("%1$s is out of office until %2$s."),
                              info->target.kind == RELAIS_ASSIGN_TARGET_REP ? info->partner_name : info->name,
                              date);
    }

  if (info->target.kind == RELAIS_ASSIGN_TARGET_PARTNER &&
      info->open_leads + (gint64) n_leads > info->capacity)
    {
      g_autofree char *open = relais_format_count (info->open_leads);
      g_autofree char *capacity = relais_format_count (info->capacity);

      /* Translators: %1$s is a partner company, %2$s the open leads it holds, %3$s how many it takes */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$s would go over its capacity: it holds %2$s open lead and takes %3$s.",
                                           "%1$s would go over its capacity: it holds %2$s open leads and takes %3$s.",
                                           (gulong) info->open_leads),
                              info->name, open, capacity);
    }

  return NULL;
}

gboolean
relais_assign_item_is_same (RelaisAssignItem             *self,
                            const RelaisAssignTargetInfo *info)
{
  g_return_val_if_fail (RELAIS_IS_ASSIGN_ITEM (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  return self->info->target.kind == info->target.kind &&
         self->info->target.id == info->target.id &&
         self->info->partner_id == info->partner_id &&
         g_strcmp0 (self->info->name, info->name) == 0 &&
         g_strcmp0 (self->info->partner_name, info->partner_name) == 0;
}

void
relais_assign_item_update (RelaisAssignItem       *self,
                           RelaisAssignTargetInfo *info)
{
  RelaisAssignTargetInfo *old;
  gboolean changed;

  g_return_if_fail (RELAIS_IS_ASSIGN_ITEM (self));
  g_return_if_fail (info != NULL);

  old = self->info;
  changed = old->open_leads != info->open_leads || old->capacity != info->capacity ||
            old->active != info->active || old->out_of_office_until != info->out_of_office_until ||
            g_strcmp0 (old->detail, info->detail) != 0;
  self->info = info;
  relais_assign_target_info_free (old);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
relais_assign_items_build (GPtrArray   *targets_in,
                           GListStore **top,
                           GListStore **flat,
                           GHashTable **reps)
{
  g_autoptr(GPtrArray) targets = targets_in;
  g_autoptr(GListStore) top_store = g_list_store_new (RELAIS_TYPE_ASSIGN_ITEM);
  g_autoptr(GListStore) flat_store = g_list_store_new (RELAIS_TYPE_ASSIGN_ITEM);
  g_autoptr(GHashTable) reps_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(RelaisAssignItem) nobody = relais_assign_item_new_nobody ();
  RelaisAssignItem *partner = NULL;
  GString *reps_folded = NULL;

  g_list_store_append (top_store, nobody);
  g_list_store_append (flat_store, nobody);

  /* The items take the infos over. */
  g_ptr_array_set_free_func (targets, NULL);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(RelaisAssignItem) item = relais_assign_item_new (g_ptr_array_index (targets, i));
      const RelaisAssignTarget *target = relais_assign_item_get_target (item);

      g_list_store_append (flat_store, item);
      if (target->kind == RELAIS_ASSIGN_TARGET_REP)
        {
          GListStore *list = g_hash_table_lookup (reps_table, &item->info->partner_id);

          if (list == NULL)
            {
              list = g_list_store_new (RELAIS_TYPE_ASSIGN_ITEM);
              g_hash_table_insert (reps_table, g_memdup2 (&item->info->partner_id, sizeof (gint64)), list);
            }
          g_list_store_append (list, item);
          if (reps_folded != NULL)
            {
              g_string_append (reps_folded, item->folded);
              g_string_append_c (reps_folded, '\n');
            }
          continue;
        }

      if (partner != NULL && reps_folded != NULL)
        partner->reps_folded = g_string_free (reps_folded, FALSE);
      reps_folded = NULL;
      partner = NULL;

      g_list_store_append (top_store, item);
      if (target->kind == RELAIS_ASSIGN_TARGET_PARTNER)
        {
          partner = item;
          reps_folded = g_string_new (NULL);
        }
    }
  if (partner != NULL && reps_folded != NULL)
    partner->reps_folded = g_string_free (reps_folded, FALSE);
  else if (reps_folded != NULL)
    g_string_free (reps_folded, TRUE);

  *top = g_steal_pointer (&top_store);
  *flat = g_steal_pointer (&flat_store);
  *reps = g_steal_pointer (&reps_table);
}

/* ------------------------------------------------------------------------ */

struct _RelaisLeadDrag
{
  GObject  parent_instance;
  GArray  *ids;
};

G_DEFINE_FINAL_TYPE (RelaisLeadDrag, relais_lead_drag, G_TYPE_OBJECT)

static void
relais_lead_drag_finalize (GObject *object)
{
  g_clear_pointer (&RELAIS_LEAD_DRAG (object)->ids, g_array_unref);
  G_OBJECT_CLASS (relais_lead_drag_parent_class)->finalize (object);
}

static void
relais_lead_drag_class_init (RelaisLeadDragClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_lead_drag_finalize;
}

static void
relais_lead_drag_init (RelaisLeadDrag *self)
{
}

RelaisLeadDrag *
relais_lead_drag_new (GArray *ids)
{
  RelaisLeadDrag *self = g_object_new (RELAIS_TYPE_LEAD_DRAG, NULL);

  self->ids = g_array_ref (ids);
  return self;
}

GArray *
relais_lead_drag_get_ids (RelaisLeadDrag *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_DRAG (self), NULL);
  return self->ids;
}
