/* relais-lead-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-lead-query.h"

#include <glib/gi18n-lib.h>

#include "relais-util.h"

static const RelaisEnumValue lead_sort_values[] = {
  { RELAIS_LEAD_SORT_NEWEST, "newest", "lead sort", NC_("lead sort", "Newest First") },
  { RELAIS_LEAD_SORT_OLDEST, "oldest", "lead sort", NC_("lead sort", "Oldest First") },
  { RELAIS_LEAD_SORT_FIRST_NAME, "first_name", "lead sort", NC_("lead sort", "First Name") },
  { RELAIS_LEAD_SORT_LAST_NAME, "last_name", "lead sort", NC_("lead sort", "Last Name") },
  { RELAIS_LEAD_SORT_COMPANY, "company", "lead sort", NC_("lead sort", "Company") },
  { RELAIS_LEAD_SORT_LISTING, "listing", "lead sort", NC_("lead sort", "Listing") },
};
const RelaisEnumInfo relais_lead_sort_info = { "RelaisLeadSort", lead_sort_values, G_N_ELEMENTS (lead_sort_values) };

struct _RelaisLeadQuery
{
  GObject         parent_instance;

  char           *search;
  guint           statuses;
  int             kind;
  int             category;
  gint64          queue_id;
  gint64          partner_id;
  char           *country;
  gboolean        unassigned;
  gboolean        overdue;
  RelaisLeadSort  sort;
  gboolean        descending;
};

G_DEFINE_FINAL_TYPE (RelaisLeadQuery, relais_lead_query, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
relais_lead_query_finalize (GObject *object)
{
  RelaisLeadQuery *self = (RelaisLeadQuery *) object;

  g_free (self->search);
  g_free (self->country);

  G_OBJECT_CLASS (relais_lead_query_parent_class)->finalize (object);
}

static void
relais_lead_query_class_init (RelaisLeadQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_lead_query_finalize;

  /* Emitted after any part of the query changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
relais_lead_query_init (RelaisLeadQuery *self)
{
  self->kind = -1;
  self->category = -1;
  self->sort = RELAIS_LEAD_SORT_NEWEST;
}

/**
 * relais_lead_query_new:
 *
 * Returns: (transfer full): a query of every lead, newest first.
 */
RelaisLeadQuery *
relais_lead_query_new (void)
{
  return g_object_new (RELAIS_TYPE_LEAD_QUERY, NULL);
}

/**
 * relais_lead_query_copy:
 *
 * Returns: (transfer full): a query equal to @self that does not follow its changes
 *   (what a worker thread reads while the user types on).
 */
RelaisLeadQuery *
relais_lead_query_copy (RelaisLeadQuery *self)
{
  RelaisLeadQuery *copy;

  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), NULL);

  copy = relais_lead_query_new ();
  copy->search = g_strdup (self->search);
  copy->statuses = self->statuses;
  copy->kind = self->kind;
  copy->category = self->category;
  copy->queue_id = self->queue_id;
  copy->partner_id = self->partner_id;
  copy->country = g_strdup (self->country);
  copy->unassigned = self->unassigned;
  copy->overdue = self->overdue;
  copy->sort = self->sort;
  copy->descending = self->descending;

  return copy;
}

gboolean
relais_lead_query_equal (RelaisLeadQuery *a,
                         RelaisLeadQuery *b)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (a), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (b), FALSE);

  return g_strcmp0 (a->search, b->search) == 0
      && a->statuses == b->statuses
      && a->kind == b->kind
      && a->category == b->category
      && a->queue_id == b->queue_id
      && a->partner_id == b->partner_id
      && g_strcmp0 (a->country, b->country) == 0
      && a->unassigned == b->unassigned
      && a->overdue == b->overdue
      && a->sort == b->sort
      && a->descending == b->descending;
}

gboolean
relais_lead_query_is_filtered (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), FALSE);

  return (self->search != NULL && self->search[0] != '\0')
      || self->statuses != 0
      || self->kind >= 0
      || self->category >= 0
      || self->queue_id != 0
      || self->partner_id != 0
      || (self->country != NULL && self->country[0] != '\0')
      || self->unassigned
      || self->overdue;
}

void
relais_lead_query_clear_filters (RelaisLeadQuery *self)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  if (!relais_lead_query_is_filtered (self))
    return;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->country, g_free);
  self->statuses = 0;
  self->kind = -1;
  self->category = -1;
  self->queue_id = 0;
  self->partner_id = 0;
  self->unassigned = FALSE;
  self->overdue = FALSE;

  g_signal_emit (self, signals[CHANGED], 0);
}

#define CHANGED_IF(cond, assign) \
  G_STMT_START { \
    if (cond) \
      { \
        assign; \
        g_signal_emit (self, signals[CHANGED], 0); \
      } \
  } G_STMT_END

const char *
relais_lead_query_get_search (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), NULL);
  return self->search ? self->search : "";
}

void
relais_lead_query_set_search (RelaisLeadQuery *self,
                              const char      *search)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (relais_set_str (&self->search, search))
    g_signal_emit (self, signals[CHANGED], 0);
}

guint
relais_lead_query_get_statuses (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), 0);
  return self->statuses;
}

void
relais_lead_query_set_statuses (RelaisLeadQuery *self,
                                guint            statuses)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  statuses &= (1u << RELAIS_LEAD_N_STATUSES) - 1;
  CHANGED_IF (self->statuses != statuses, self->statuses = statuses);
}

int
relais_lead_query_get_kind (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), -1);
  return self->kind;
}

void
relais_lead_query_set_kind (RelaisLeadQuery *self,
                            int              kind)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));
  g_return_if_fail (kind >= -1 && kind < RELAIS_LEAD_N_KINDS);

  CHANGED_IF (self->kind != kind, self->kind = kind);
}

int
relais_lead_query_get_category (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), -1);
  return self->category;
}

void
relais_lead_query_set_category (RelaisLeadQuery *self,
                                int              category)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));
  g_return_if_fail (category >= -1 && category < RELAIS_LEAD_N_CATEGORIES);

  CHANGED_IF (self->category != category, self->category = category);
}

gint64
relais_lead_query_get_queue_id (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), 0);
  return self->queue_id;
}

void
relais_lead_query_set_queue_id (RelaisLeadQuery *self,
                                gint64           queue_id)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));
  CHANGED_IF (self->queue_id != queue_id, self->queue_id = queue_id);
}

gint64
relais_lead_query_get_partner_id (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), 0);
  return self->partner_id;
}

void
relais_lead_query_set_partner_id (RelaisLeadQuery *self,
                                  gint64           partner_id)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));
  CHANGED_IF (self->partner_id != partner_id, self->partner_id = partner_id);
}

const char *
relais_lead_query_get_country (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), NULL);
  return self->country ? self->country : "";
}

void
relais_lead_query_set_country (RelaisLeadQuery *self,
                               const char      *country)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  if (country != NULL && country[0] == '\0')
    country = NULL;
  if (relais_set_str (&self->country, country))
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
relais_lead_query_get_unassigned (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), FALSE);
  return self->unassigned;
}

void
relais_lead_query_set_unassigned (RelaisLeadQuery *self,
                                  gboolean         unassigned)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  unassigned = !!unassigned;
  CHANGED_IF (self->unassigned != unassigned, self->unassigned = unassigned);
}

gboolean
relais_lead_query_get_overdue (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), FALSE);
  return self->overdue;
}

void
relais_lead_query_set_overdue (RelaisLeadQuery *self,
                               gboolean         overdue)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  overdue = !!overdue;
  CHANGED_IF (self->overdue != overdue, self->overdue = overdue);
}

RelaisLeadSort
relais_lead_query_get_sort (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), RELAIS_LEAD_SORT_NEWEST);
  return self->sort;
}

void
relais_lead_query_set_sort (RelaisLeadQuery *self,
                            RelaisLeadSort   sort)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));
  g_return_if_fail (sort < RELAIS_LEAD_N_SORTS);

  CHANGED_IF (self->sort != sort, self->sort = sort);
}

gboolean
relais_lead_query_get_descending (RelaisLeadQuery *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (self), FALSE);
  return self->descending;
}

void
relais_lead_query_set_descending (RelaisLeadQuery *self,
                                  gboolean         descending)
{
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (self));

  descending = !!descending;
  CHANGED_IF (self->descending != descending, self->descending = descending);
}
