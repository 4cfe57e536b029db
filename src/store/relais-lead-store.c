/* relais-lead-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-store.h"

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
                          " updated_at, revision)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
  g_autoptr(GArray) ids = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT id FROM lead ORDER BY created_at DESC, id DESC", error);
  if (st == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (relais_statement_next (st, &local_error))
    {
      gint64 id = relais_statement_get_int64 (st, 0);
      g_array_append_val (ids, id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&ids);
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
