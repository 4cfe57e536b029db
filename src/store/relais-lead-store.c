/* relais-lead-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-store.h"

#include "relais-search.h"
#include "relais-util.h"

/* Columns read into a RelaisLead, in the order of fill_lead(). */
#define LEAD_COLUMNS \
  "l.id, l.uuid, l.first_name, l.last_name, l.company, l.email, l.phone, " \
  "l.street, l.city, l.state, l.postal_code, l.country, l.listing, l.kind, " \
  "l.category, l.technology, l.budget, l.language, l.program, l.source, " \
  "l.status, l.queue_id, l.partner_id, l.rep_id, l.rule_id, l.assignment_reason, " \
  "l.assigned_at, l.accepted_at, l.quality_rating, l.quality_comment, " \
  "l.rejection_reason, l.rejection_comment, l.value_minor, l.currency, " \
  "l.deal_id, l.created_at, l.updated_at, l.revision, " \
  "p.name, trim(c.first_name || ' ' || c.last_name), q.name"

#define LEAD_FROM \
  " FROM lead l" \
  " LEFT JOIN partner p ON p.id = l.partner_id" \
  " LEFT JOIN contact c ON c.id = l.rep_id" \
  " LEFT JOIN queue q ON q.id = l.queue_id"

static int
code_or (const RelaisEnumInfo *info,
         const char           *code,
         int                   fallback)
{
  int value;

  /* A code this version does not know (written by a newer one, or by sync)
   * shows as the default rather than failing the whole list. */
  return relais_enum_from_code (info, code, &value) ? value : fallback;
}

static void
fill_lead (RelaisLead      *lead,
           RelaisStatement *st)
{
  int i = 0;

  relais_lead_set_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_uuid (lead, relais_statement_get_text (st, i++));
  relais_lead_set_first_name (lead, relais_statement_get_text (st, i++));
  relais_lead_set_last_name (lead, relais_statement_get_text (st, i++));
  relais_lead_set_company (lead, relais_statement_get_text (st, i++));
  relais_lead_set_email (lead, relais_statement_get_text (st, i++));
  relais_lead_set_phone (lead, relais_statement_get_text (st, i++));
  relais_lead_set_street (lead, relais_statement_get_text (st, i++));
  relais_lead_set_city (lead, relais_statement_get_text (st, i++));
  relais_lead_set_state (lead, relais_statement_get_text (st, i++));
  relais_lead_set_postal_code (lead, relais_statement_get_text (st, i++));
  relais_lead_set_country (lead, relais_statement_get_text (st, i++));
  relais_lead_set_listing (lead, relais_statement_get_text (st, i++));
  relais_lead_set_kind (lead, code_or (&relais_lead_kind_info, relais_statement_get_text (st, i++), RELAIS_LEAD_KIND_SERVICE));
  relais_lead_set_category (lead, code_or (&relais_lead_category_info, relais_statement_get_text (st, i++), RELAIS_LEAD_CATEGORY_BANT));
  relais_lead_set_technology (lead, relais_statement_get_text (st, i++));
  relais_lead_set_budget (lead, relais_statement_get_text (st, i++));
  relais_lead_set_language (lead, relais_statement_get_text (st, i++));
  relais_lead_set_program (lead, relais_statement_get_text (st, i++));
  relais_lead_set_source (lead, relais_statement_get_text (st, i++));
  relais_lead_set_status (lead, code_or (&relais_lead_status_info, relais_statement_get_text (st, i++), RELAIS_LEAD_STATUS_NEW));
  relais_lead_set_queue_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_partner_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_rep_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_rule_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_assignment_reason (lead, relais_statement_get_text (st, i++));
  relais_lead_set_assigned_at (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_accepted_at (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_quality_rating (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_quality_comment (lead, relais_statement_get_text (st, i++));
  relais_lead_set_rejection_reason (lead, code_or (&relais_rejection_reason_info, relais_statement_get_text (st, i++), RELAIS_REJECTION_NONE));
  relais_lead_set_rejection_comment (lead, relais_statement_get_text (st, i++));
  relais_lead_set_value_minor (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_currency (lead, relais_statement_get_text (st, i++));
  relais_lead_set_deal_id (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_created_at (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_updated_at (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_revision (lead, relais_statement_get_int64 (st, i++));
  relais_lead_set_partner_name (lead, relais_statement_get_text (st, i++));
  relais_lead_set_rep_name (lead, relais_statement_get_text (st, i++));
  relais_lead_set_queue_name (lead, relais_statement_get_text (st, i++));
}

gboolean
relais_lead_store_insert (RelaisDb    *db,
                          RelaisLead  *lead,
                          GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *search_text = NULL;
  g_autofree char *folded = NULL;
  gint64 now = g_get_real_time ();
  int i = 1;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD (lead), FALSE);
  g_return_val_if_fail (relais_lead_get_id (lead) == 0, FALSE);

  st = relais_db_prepare (db,
                          "INSERT INTO lead (uuid, first_name, last_name, company, email, phone,"
                          " street, city, state, postal_code, country, listing, kind, category,"
                          " technology, budget, language, program, source, status, queue_id,"
                          " partner_id, rep_id, rule_id, assignment_reason, assigned_at,"
                          " accepted_at, quality_rating, quality_comment, rejection_reason,"
                          " rejection_comment, value_minor, currency, deal_id, created_at,"
                          " updated_at, revision, search_text)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;

  if (relais_lead_get_uuid (lead)[0] == '\0')
    {
      g_autofree char *uuid = relais_uuid_new ();
      relais_lead_set_uuid (lead, uuid);
    }
  if (relais_lead_get_created_at (lead) == 0)
    relais_lead_set_created_at (lead, now);
  if (relais_lead_get_updated_at (lead) == 0)
    relais_lead_set_updated_at (lead, relais_lead_get_created_at (lead));

  relais_statement_bind_text (st, i++, relais_lead_get_uuid (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_first_name (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_last_name (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_company (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_email (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_phone (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_street (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_city (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_state (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_postal_code (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_country (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_listing (lead));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (lead)));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_lead_category_info, relais_lead_get_category (lead)));
  relais_statement_bind_text (st, i++, relais_lead_get_technology (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_budget (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_language (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_program (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_source (lead));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_lead_status_info, relais_lead_get_status (lead)));
  relais_statement_bind_id (st, i++, relais_lead_get_queue_id (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_partner_id (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_rep_id (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_rule_id (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_assignment_reason (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_assigned_at (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_accepted_at (lead));
  relais_statement_bind_id (st, i++, relais_lead_get_quality_rating (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_quality_comment (lead));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_rejection_reason_info, relais_lead_get_rejection_reason (lead)));
  relais_statement_bind_text (st, i++, relais_lead_get_rejection_comment (lead));
  relais_statement_bind_int64 (st, i++, relais_lead_get_value_minor (lead));
  relais_statement_bind_text (st, i++, relais_lead_get_currency (lead)[0] ? relais_lead_get_currency (lead) : "EUR");
  relais_statement_bind_id (st, i++, relais_lead_get_deal_id (lead));
  relais_statement_bind_int64 (st, i++, relais_lead_get_created_at (lead));
  relais_statement_bind_int64 (st, i++, relais_lead_get_updated_at (lead));
  relais_statement_bind_int64 (st, i++, relais_lead_get_revision (lead));
  search_text = g_strjoin ("\n",
                           relais_lead_get_first_name (lead), relais_lead_get_last_name (lead),
                           relais_lead_get_company (lead), relais_lead_get_listing (lead),
                           relais_lead_get_email (lead), NULL);
  folded = relais_search_fold (search_text);
  relais_statement_bind_text (st, i++, folded);

  if (!relais_statement_execute (st, error))
    return FALSE;

  relais_lead_set_id (lead, sqlite3_last_insert_rowid (relais_db_get_handle (db)));
  return TRUE;
}

/**
 * relais_lead_store_load:
 *
 * Returns: (transfer full) (nullable): the lead with the names of its partner,
 *   rep and queue, or %NULL if there is none with @id (without error) or on
 *   failure (with @error set).
 */
RelaisLead *
relais_lead_store_load (RelaisDb    *db,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisLead) lead = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT " LEAD_COLUMNS LEAD_FROM " WHERE l.id = ?", error);
  if (st == NULL)
    return NULL;

  relais_statement_bind_int64 (st, 1, id);
  if (!relais_statement_next (st, error))
    return NULL;

  lead = relais_lead_new ();
  fill_lead (lead, st);
  relais_statement_reset (st);

  return g_steal_pointer (&lead);
}

gint64
relais_lead_store_count (RelaisDb  *db,
                         GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  gint64 count = -1;

  g_return_val_if_fail (RELAIS_IS_DB (db), -1);

  st = relais_db_prepare (db, "SELECT count(*) FROM lead", error);
  if (st != NULL && relais_statement_next (st, error))
    {
      count = relais_statement_get_int64 (st, 0);
      relais_statement_reset (st);
    }

  return count;
}

/**
 * relais_lead_store_is_empty:
 *
 * Whether the store has no lead at all: one row read, where a count of a
 * million leads reads an index through.
 *
 * Returns: %TRUE when it has none; %FALSE when it has some, or with @error set.
 */
gboolean
relais_lead_store_is_empty (RelaisDb  *db,
                            GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  gboolean empty = FALSE;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  st = relais_db_prepare (db, "SELECT NOT EXISTS (SELECT 1 FROM lead)", error);
  if (st != NULL && relais_statement_next (st, error))
    {
      empty = relais_statement_get_int64 (st, 0) != 0;
      relais_statement_reset (st);
    }
  return empty;
}

/**
 * relais_lead_store_list_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of all leads, newest
 *   first, or %NULL with @error set.
 */
GArray *
relais_lead_store_list_ids (RelaisDb  *db,
                            GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT id FROM lead ORDER BY created_at DESC, id DESC", error);
  if (st == NULL)
    return NULL;
  return relais_statement_collect_ids (st, error);
}

gboolean
relais_lead_store_add_note (RelaisDb    *db,
                            gint64       lead_id,
                            const char  *author,
                            const char  *body,
                            gint64       created_at,
                            GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *uuid = relais_uuid_new ();

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  st = relais_db_prepare (db,
                          "INSERT INTO lead_note (uuid, lead_id, author, body, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;

  if (created_at == 0)
    created_at = g_get_real_time ();

  relais_statement_bind_text (st, 1, uuid);
  relais_statement_bind_int64 (st, 2, lead_id);
  relais_statement_bind_text (st, 3, author ? author : "");
  relais_statement_bind_text (st, 4, body);
  relais_statement_bind_int64 (st, 5, created_at);
  relais_statement_bind_int64 (st, 6, created_at);
  return relais_statement_execute (st, error);
}

struct _RelaisLeadBulk
{
  GPtrArray *definitions;  /* the SQL of the dropped indexes and triggers */
};

void
relais_lead_bulk_free (RelaisLeadBulk *bulk)
{
  if (bulk == NULL)
    return;
  g_ptr_array_unref (bulk->definitions);
  g_free (bulk);
}

/**
 * relais_lead_store_begin_bulk:
 *
 * For loads of many leads inside the caller's transaction: drops the secondary
 * indexes and the search triggers of the leads table (their definitions are
 * read from the schema itself), so that rows go in at the speed of the table
 * alone. relais_lead_store_end_bulk() makes them again, each in one sorted pass,
 * and rebuilds the search index. Rows inserted in between must come through
 * relais_lead_store_insert(), which fills search_text itself. A rollback of the
 * transaction brings everything back as it was.
 *
 * Returns: (transfer full): what end_bulk needs, or %NULL with @error set.
 */
RelaisLeadBulk *
relais_lead_store_begin_bulk (RelaisDb  *db,
                              GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  RelaisLeadBulk *bulk;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db,
                          "SELECT type, name, sql FROM sqlite_schema"
                          " WHERE type IN ('index', 'trigger') AND tbl_name = 'lead' AND sql IS NOT NULL",
                          error);
  if (st == NULL)
    return NULL;

  bulk = g_new0 (RelaisLeadBulk, 1);
  bulk->definitions = g_ptr_array_new_with_free_func (g_free);

  while (relais_statement_next (st, &local_error))
    {
      g_ptr_array_add (kinds, g_ascii_strup (relais_statement_get_text (st, 0), -1));
      g_ptr_array_add (names, g_strdup (relais_statement_get_text (st, 1)));
      g_ptr_array_add (bulk->definitions, g_strdup (relais_statement_get_text (st, 2)));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      relais_lead_bulk_free (bulk);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* Names come from the schema, never from outside: quoting suffices. */
      g_autofree char *sql = g_strdup_printf ("DROP %s \"%s\"",
                                              (const char *) g_ptr_array_index (kinds, i),
                                              (const char *) g_ptr_array_index (names, i));

      if (!relais_db_exec (db, sql, error))
        {
          relais_lead_bulk_free (bulk);
          return NULL;
        }
    }

  return bulk;
}

/**
 * relais_lead_store_end_bulk:
 * @bulk: (transfer full): from relais_lead_store_begin_bulk()
 */
gboolean
relais_lead_store_end_bulk (RelaisDb        *db,
                            RelaisLeadBulk  *bulk,
                            GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (bulk != NULL, FALSE);

  for (guint i = 0; ok && i < bulk->definitions->len; i++)
    ok = relais_db_exec (db, g_ptr_array_index (bulk->definitions, i), error);

  if (ok)
    ok = relais_db_exec (db, "INSERT INTO lead_fts (lead_fts) VALUES ('rebuild')", error);

  relais_lead_bulk_free (bulk);
  return ok;
}

/**
 * relais_lead_store_list_countries:
 *
 * Returns: (transfer full): the distinct countries of the leads (one pass over
 *   the lead_country index), or %NULL with @error set.
 */
GStrv
relais_lead_store_list_countries (RelaisDb  *db,
                                  GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT DISTINCT country FROM lead WHERE country <> '' ORDER BY country", error);
  if (st == NULL)
    return NULL;

  while (relais_statement_next (st, &local_error))
    g_strv_builder_add (builder, relais_statement_get_text (st, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}
