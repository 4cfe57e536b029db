/* relais-lead-query.h — which leads a view shows, and in which order: the search,
 * the filters and the sort of the Leads section. "All matching leads" is this
 * query, never a list of ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-enums.h"

G_BEGIN_DECLS

typedef enum {
  RELAIS_LEAD_SORT_NEWEST,
  RELAIS_LEAD_SORT_OLDEST,
  RELAIS_LEAD_SORT_FIRST_NAME,
  RELAIS_LEAD_SORT_LAST_NAME,
  RELAIS_LEAD_SORT_COMPANY,
  RELAIS_LEAD_SORT_LISTING,
  RELAIS_LEAD_N_SORTS
} RelaisLeadSort;

extern const RelaisEnumInfo relais_lead_sort_info;

#define RELAIS_TYPE_LEAD_QUERY (relais_lead_query_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadQuery, relais_lead_query, RELAIS, LEAD_QUERY, GObject)

RelaisLeadQuery *relais_lead_query_new            (void);
RelaisLeadQuery *relais_lead_query_copy           (RelaisLeadQuery *self);
gboolean         relais_lead_query_equal          (RelaisLeadQuery *a,
                                                   RelaisLeadQuery *b);
/* Whether any filter or search narrows the view (the sort does not). */
gboolean         relais_lead_query_is_filtered    (RelaisLeadQuery *self);
void             relais_lead_query_clear_filters  (RelaisLeadQuery *self);

const char      *relais_lead_query_get_search     (RelaisLeadQuery *self);
void             relais_lead_query_set_search     (RelaisLeadQuery *self,
                                                   const char      *search);
/* A set of statuses, as bits (1 << RelaisLeadStatus); 0 = every status. */
guint            relais_lead_query_get_statuses   (RelaisLeadQuery *self);
void             relais_lead_query_set_statuses   (RelaisLeadQuery *self,
                                                   guint            statuses);
/* -1 = any kind / category. */
int              relais_lead_query_get_kind       (RelaisLeadQuery *self);
void             relais_lead_query_set_kind       (RelaisLeadQuery *self,
                                                   int              kind);
int              relais_lead_query_get_category   (RelaisLeadQuery *self);
void             relais_lead_query_set_category   (RelaisLeadQuery *self,
                                                   int              category);
/* Store ids; 0 = any. */
gint64           relais_lead_query_get_queue_id   (RelaisLeadQuery *self);
void             relais_lead_query_set_queue_id   (RelaisLeadQuery *self,
                                                   gint64           queue_id);
gint64           relais_lead_query_get_partner_id (RelaisLeadQuery *self);
void             relais_lead_query_set_partner_id (RelaisLeadQuery *self,
                                                   gint64           partner_id);
/* ISO 3166 code; NULL or "" = any. */
const char      *relais_lead_query_get_country    (RelaisLeadQuery *self);
void             relais_lead_query_set_country    (RelaisLeadQuery *self,
                                                   const char      *country);
gboolean         relais_lead_query_get_unassigned (RelaisLeadQuery *self);
void             relais_lead_query_set_unassigned (RelaisLeadQuery *self,
                                                   gboolean         unassigned);
gboolean         relais_lead_query_get_overdue    (RelaisLeadQuery *self);
void             relais_lead_query_set_overdue    (RelaisLeadQuery *self,
                                                   gboolean         overdue);
RelaisLeadSort   relais_lead_query_get_sort       (RelaisLeadQuery *self);
void             relais_lead_query_set_sort       (RelaisLeadQuery *self,
                                                   RelaisLeadSort   sort);

/* Name sorts read from Z to A when descending; Newest/Oldest ignore it. */
gboolean         relais_lead_query_get_descending (RelaisLeadQuery *self);
void             relais_lead_query_set_descending (RelaisLeadQuery *self,
                                                   gboolean         descending);

G_END_DECLS
