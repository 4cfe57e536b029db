/* relais-lead-query-store.c
 *
 * Two plans answer a search (src/core/relais-search.c says what matches):
 *  - walking the leads in the order of the view and keeping those whose folded
 *    search_text contains the search: the first page of a frequent search comes
 *    after a few hundred rows, whatever the number of matches;
 *  - the trigram index lead_fts (3 characters or more): cost in proportion to
 *    the matches, for rare searches and for the complete list.
 * The first page asks the index whether the search is rare (fewer than
 * RARE_MATCHES leads, counting no further): then the index answers; otherwise
 * the walk runs within a budget of rows, then the index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-query-store.h"

#include <string.h>

#include "relais-lead.h"
#include "relais-search.h"

/* Rows the first page may walk before the index is asked instead; when the
 * walk found at least a quarter of a page in that many rows, the matches are
 * dense enough for a longer walk to beat the index. */
#define WALK_BUDGET 20000
#define LONG_WALK_BUDGET 120000

/* Matches of the index below which a search is rare: the index then answers
 * at once (a few milliseconds for this many rows), where the walk would read
 * its whole budget (20 to 100 ms when the rows are not in memory) first. A
 * frequent search pays for the count: about 3 ms on a million leads. */
#define RARE_MATCHES 1000

typedef enum {
  SEARCH_NONE,
  SEARCH_WALK,   /* search_text checked row by row (in C, or with GLOB) */
  SEARCH_INDEX,  /* lead_fts */
} SearchPlan;

/* Parameters bound in order: text or integer. */
typedef struct {
  GPtrArray *texts;   /* NULL for an integer parameter */
  GArray    *ints;
} Params;

static void
params_init (Params *params)
{
  params->texts = g_ptr_array_new_with_free_func (g_free);
  params->ints = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->texts, g_ptr_array_unref);
  g_clear_pointer (&params->ints, g_array_unref);
}

static void
add_text (Params     *params,
          const char *text)
{
  gint64 zero = 0;

  g_ptr_array_add (params->texts, g_strdup (text));
  g_array_append_val (params->ints, zero);
}

static void
add_int (Params *params,
         gint64  value)
{
  g_ptr_array_add (params->texts, NULL);
  g_array_append_val (params->ints, value);
}

static void
bind_params (RelaisStatement *st,
             Params          *params)
{
  for (guint i = 0; i < params->texts->len; i++)
    {
      const char *text = g_ptr_array_index (params->texts, i);

      if (text != NULL)
        relais_statement_bind_text (st, i + 1, text);
      else
        relais_statement_bind_int64 (st, i + 1, g_array_index (params->ints, gint64, i));
    }
}

/* Appends " AND …" for every filter of @query but the search. */
static void
append_filters (GString         *sql,
                Params          *params,
                RelaisLeadQuery *query,
                gint64           now)
{
  guint statuses = relais_lead_query_get_statuses (query);
  const char *country = relais_lead_query_get_country (query);

  if (statuses != 0)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND lead.status IN (");
      for (guint s = 0; s < RELAIS_LEAD_N_STATUSES; s++)
        {
          if ((statuses & (1u << s)) == 0)
            continue;
          g_string_append (sql, first ? "?" : ", ?");
          add_text (params, relais_enum_code (&relais_lead_status_info, s));
          first = FALSE;
        }
      g_string_append (sql, ")");
    }

  if (relais_lead_query_get_kind (query) >= 0)
    {
      g_string_append (sql, " AND lead.kind = ?");
      add_text (params, relais_enum_code (&relais_lead_kind_info, relais_lead_query_get_kind (query)));
    }

  if (relais_lead_query_get_category (query) >= 0)
    {
      g_string_append (sql, " AND lead.category = ?");
      add_text (params, relais_enum_code (&relais_lead_category_info, relais_lead_query_get_category (query)));
    }

  if (relais_lead_query_get_queue_id (query) != 0)
    {
      g_string_append (sql, " AND lead.queue_id = ?");
      add_int (params, relais_lead_query_get_queue_id (query));
    }

  if (relais_lead_query_get_partner_id (query) != 0)
    {
      g_string_append (sql, " AND lead.partner_id = ?");
      add_int (params, relais_lead_query_get_partner_id (query));
    }

  if (country[0] != '\0')
    {
      g_string_append (sql, " AND lead.country = ?");
      add_text (params, country);
    }

  if (relais_lead_query_get_unassigned (query))
    g_string_append (sql, " AND lead.partner_id IS NULL");

  if (relais_lead_query_get_overdue (query))
    {
      /* relais_lead_is_overdue(), as SQL. */
      g_string_append (sql, " AND lead.status = 'partner_assigned' AND lead.accepted_at IS NULL"
                            " AND lead.assigned_at < ?");
      add_int (params, now - RELAIS_LEAD_ACCEPT_DELAY);
    }
}

static const char *
order_by (RelaisLeadQuery *query)
{
  gboolean desc = relais_lead_query_get_descending (query);

  /* Each matches an index of the schema (lead_created, lead_sort_*), read
   * forwards or backwards. */
  switch (relais_lead_query_get_sort (query))
    {
    case RELAIS_LEAD_SORT_OLDEST:
      return " ORDER BY lead.created_at, lead.id";
    case RELAIS_LEAD_SORT_FIRST_NAME:
      return desc ? " ORDER BY relais_fold (lead.first_name) DESC, lead.id DESC"
                  : " ORDER BY relais_fold (lead.first_name), lead.id";
    case RELAIS_LEAD_SORT_LAST_NAME:
      return desc ? " ORDER BY relais_fold (lead.last_name) DESC, lead.id DESC"
                  : " ORDER BY relais_fold (lead.last_name), lead.id";
    case RELAIS_LEAD_SORT_COMPANY:
      return desc ? " ORDER BY relais_fold (lead.company) DESC, lead.id DESC"
                  : " ORDER BY relais_fold (lead.company), lead.id";
    case RELAIS_LEAD_SORT_LISTING:
      return desc ? " ORDER BY relais_fold (lead.listing) DESC, lead.id DESC"
                  : " ORDER BY relais_fold (lead.listing), lead.id";
    case RELAIS_LEAD_SORT_NEWEST:
    case RELAIS_LEAD_N_SORTS:
    default:
      return " ORDER BY lead.created_at DESC, lead.id DESC";
    }
}

/* Runs @sql and appends the ids of its first column, up to @limit (0 = all).
 * With @needle, only rows whose second column contains it count, and at most
 * @budget rows are read; *exhausted tells whether the rows ran out. */
static gboolean
collect_ids (RelaisDb      *db,
             const char    *sql,
             Params        *params,
             const char    *needle,
             guint          limit,
             guint          budget,
             GArray        *ids,
             gboolean      *exhausted,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;
  guint found = 0, read = 0;
  gulong handler = 0;

  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return FALSE;
  bind_params (st, params);

  /* A newer query interrupts this one at once, even in the middle of a step. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (relais_db_interrupt), db, NULL);

  if (exhausted != NULL)
    *exhausted = FALSE;

  while (TRUE)
    {
      if (!relais_statement_next (st, &local_error))
        {
          if (exhausted != NULL && local_error == NULL)
            *exhausted = TRUE;
          break;
        }

      read++;
      if (needle == NULL || strstr (relais_statement_get_text (st, 1), needle) != NULL)
        {
          gint64 id = relais_statement_get_int64 (st, 0);

          g_array_append_val (ids, id);
          found++;
          if (limit != 0 && found >= limit)
            break;
        }

      if (budget != 0 && read >= budget)
        break;
    }

  relais_statement_reset (st);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&local_error);
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* ID_AND_TEXT for a walk that checks search_text in C; IDS alone can often be
 * read from the indexes without touching the rows. */
#define ID_AND_TEXT "lead.id, lead.search_text"
#define IDS "lead.id"

static GString *
build_sql (RelaisLeadQuery *query,
           gint64           now,
           SearchPlan       plan,
           const char      *columns,
           Params          *params)
{
  GString *sql = g_string_new (NULL);
  const char *search = relais_lead_query_get_search (query);
  RelaisLeadSort sort = relais_lead_query_get_sort (query);

  g_string_append_printf (sql, "SELECT %s FROM lead", columns);

  /* Without statistics SQLite takes "partner_id IS NULL" or "status = ?" for
   * selective and sorts all their matches; the partial indexes of schema 3
   * give these two filters in date order instead. */
  if (plan != SEARCH_INDEX && (sort == RELAIS_LEAD_SORT_NEWEST || sort == RELAIS_LEAD_SORT_OLDEST))
    {
      if (relais_lead_query_get_overdue (query))
        g_string_append (sql, " INDEXED BY lead_waiting");
      else if (relais_lead_query_get_unassigned (query))
        g_string_append (sql, " INDEXED BY lead_unassigned");
    }
  g_string_append (sql, " WHERE 1");

  if (plan == SEARCH_INDEX)
    {
      g_autofree char *pattern = relais_search_glob_pattern (search);

      g_string_append (sql, " AND lead.id IN (SELECT rowid FROM lead_fts WHERE search_text GLOB ?)");
      add_text (params, pattern);
    }
  else if (plan == SEARCH_WALK && search[0] != '\0')
    {
      g_autofree char *pattern = relais_search_glob_pattern (search);

      g_string_append (sql, " AND lead.search_text GLOB ?");
      add_text (params, pattern);
    }

  append_filters (sql, params, query, now);
  g_string_append (sql, order_by (query));

  return sql;
}

static char *
dup_needle (RelaisLeadQuery *query)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (relais_lead_query_get_search (query)));

  if (trimmed[0] == '\0')
    return NULL;
  return relais_search_fold (trimmed);
}

/* Whether the trigram index has fewer than RARE_MATCHES leads for the search
 * of @query (of 3 characters or more), counting no further than that. */
static gboolean
search_is_rare (RelaisDb         *db,
                RelaisLeadQuery  *query,
                gboolean         *rare,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autofree char *pattern = relais_search_glob_pattern (relais_lead_query_get_search (query));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  Params params;
  gboolean ok;

  params_init (&params);
  add_text (&params, pattern);
  ok = collect_ids (db, "SELECT rowid FROM lead_fts WHERE search_text GLOB ?", &params, NULL,
                    RARE_MATCHES, 0, found, NULL, cancellable, error);
  params_clear (&params);

  *rare = found->len < RARE_MATCHES;
  return ok;
}

gboolean
relais_lead_query_store_first_page (RelaisDb         *db,
                                    RelaisLeadQuery  *query,
                                    gint64            now,
                                    guint             limit,
                                    GArray           *ids,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autofree char *needle = NULL;
  g_autoptr(GString) sql = NULL;
  Params params;
  gboolean exhausted = FALSE;
  guint start = ids->len;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (query), FALSE);

  needle = dup_needle (query);

  if (needle != NULL && relais_search_length (relais_lead_query_get_search (query)) >= 3)
    {
      gboolean rare = FALSE;

      if (!search_is_rare (db, query, &rare, cancellable, error))
        return FALSE;
      if (rare)
        goto index;
    }

  /* The walk, checking the search in C so that the rows stream in view order. */
  params_init (&params);
  sql = build_sql (query, now, SEARCH_NONE, needle != NULL ? ID_AND_TEXT : IDS, &params);
  ok = collect_ids (db, sql->str, &params, needle, limit,
                    needle != NULL ? WALK_BUDGET : 0, ids, &exhausted, cancellable, error);
  params_clear (&params);

  if (!ok || needle == NULL || exhausted || ids->len - start >= limit)
    return ok;

  if ((ids->len - start) * 4 >= limit)
    {
      g_array_set_size (ids, start);
      params_init (&params);
      g_string_free (g_steal_pointer (&sql), TRUE);
      sql = build_sql (query, now, SEARCH_NONE, ID_AND_TEXT, &params);
      ok = collect_ids (db, sql->str, &params, needle, limit, LONG_WALK_BUDGET, ids, &exhausted, cancellable, error);
      params_clear (&params);
      if (!ok || exhausted || ids->len - start >= limit)
        return ok;
    }

  /* A rare search: the index finds every match; keep the first ones. */
index:
  g_array_set_size (ids, start);
  params_init (&params);
  if (sql != NULL)
    g_string_free (g_steal_pointer (&sql), TRUE);
  sql = build_sql (query, now,
                   relais_search_length (relais_lead_query_get_search (query)) >= 3 ? SEARCH_INDEX : SEARCH_WALK,
                   IDS, &params);
  ok = collect_ids (db, sql->str, &params, NULL, limit, 0, ids, NULL, cancellable, error);
  params_clear (&params);

  return ok;
}

static SearchPlan
full_plan (RelaisLeadQuery *query)
{
  guint length = relais_search_length (relais_lead_query_get_search (query));

  return length >= 3 ? SEARCH_INDEX : length > 0 ? SEARCH_WALK : SEARCH_NONE;
}

/**
 * relais_lead_query_store_prepare:
 * @columns: the SELECT list, columns of the table "lead" (constant SQL, never
 *   user input)
 *
 * Returns: (transfer full): a statement giving @columns of every lead of the
 *   query, in its order, or %NULL with @error set.
 */
RelaisStatement *
relais_lead_query_store_prepare (RelaisDb         *db,
                                 RelaisLeadQuery  *query,
                                 gint64            now,
                                 const char       *columns,
                                 GError          **error)
{
  g_autoptr(GString) sql = NULL;
  RelaisStatement *st;
  Params params;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (query), NULL);

  params_init (&params);
  sql = build_sql (query, now, full_plan (query), columns, &params);
  st = relais_db_prepare (db, sql->str, error);
  if (st != NULL)
    bind_params (st, &params);
  params_clear (&params);

  return st;
}

gboolean
relais_lead_query_store_all_ids (RelaisDb         *db,
                                 RelaisLeadQuery  *query,
                                 gint64            now,
                                 GArray           *ids,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GString) sql = NULL;
  Params params;
  gboolean ok;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD_QUERY (query), FALSE);

  params_init (&params);
  sql = build_sql (query, now, full_plan (query), IDS, &params);
  ok = collect_ids (db, sql->str, &params, NULL, 0, 0, ids, NULL, cancellable, error);
  params_clear (&params);

  return ok;
}
