/* relais-partner-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-partner-store.h"

#include "relais-util.h"

/* Gives a new record (a partner or a contact: any type with the properties
 * "uuid", "created-at" and "updated-at") the identity and times it lacks. */
static void
prepare_new_record (gpointer record)
{
  g_autofree char *uuid = NULL;
  gint64 created_at = 0, updated_at = 0;

  g_object_get (record, "uuid", &uuid, "created-at", &created_at, "updated-at", &updated_at, NULL);

  if (uuid == NULL || uuid[0] == '\0')
    {
      g_free (uuid);
      uuid = relais_uuid_new ();
    }
  if (created_at == 0)
    created_at = g_get_real_time ();
  if (updated_at == 0)
    updated_at = created_at;

  g_object_set (record, "uuid", uuid, "created-at", created_at, "updated-at", updated_at, NULL);
}

gboolean
relais_partner_store_insert (RelaisDb       *db,
                             RelaisPartner  *partner,
                             GError        **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  int i = 1;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_PARTNER (partner), FALSE);
  g_return_val_if_fail (relais_partner_get_id (partner) == 0, FALSE);

  st = relais_db_prepare (db,
                          "INSERT INTO partner (uuid, name, tier, countries, technologies,"
                          " languages, capacity, active, out_of_office_until, owner, website,"
                          " city, country, notes, created_at, updated_at, revision)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;

  prepare_new_record (partner);

  relais_statement_bind_text (st, i++, relais_partner_get_uuid (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_name (partner));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_partner_tier_info, relais_partner_get_tier (partner)));
  relais_statement_bind_text (st, i++, relais_partner_get_countries (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_technologies (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_languages (partner));
  relais_statement_bind_int64 (st, i++, relais_partner_get_capacity (partner));
  relais_statement_bind_int64 (st, i++, relais_partner_get_active (partner));
  relais_statement_bind_id (st, i++, relais_partner_get_out_of_office_until (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_owner (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_website (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_city (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_country (partner));
  relais_statement_bind_text (st, i++, relais_partner_get_notes (partner));
  relais_statement_bind_int64 (st, i++, relais_partner_get_created_at (partner));
  relais_statement_bind_int64 (st, i++, relais_partner_get_updated_at (partner));
  relais_statement_bind_int64 (st, i++, relais_partner_get_revision (partner));

  if (!relais_statement_execute (st, error))
    return FALSE;

  relais_partner_set_id (partner, sqlite3_last_insert_rowid (relais_db_get_handle (db)));
  return TRUE;
}

gboolean
relais_partner_store_insert_contact (RelaisDb       *db,
                                     RelaisContact  *contact,
                                     GError        **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  int i = 1;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (relais_contact_get_id (contact) == 0, FALSE);

  st = relais_db_prepare (db,
                          "INSERT INTO contact (uuid, partner_id, first_name, last_name, email,"
                          " phone, role, partner_user, created_at, updated_at, revision)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return FALSE;

  prepare_new_record (contact);

  relais_statement_bind_text (st, i++, relais_contact_get_uuid (contact));
  relais_statement_bind_int64 (st, i++, relais_contact_get_partner_id (contact));
  relais_statement_bind_text (st, i++, relais_contact_get_first_name (contact));
  relais_statement_bind_text (st, i++, relais_contact_get_last_name (contact));
  relais_statement_bind_text (st, i++, relais_contact_get_email (contact));
  relais_statement_bind_text (st, i++, relais_contact_get_phone (contact));
  relais_statement_bind_text (st, i++, relais_enum_code (&relais_contact_role_info, relais_contact_get_role (contact)));
  relais_statement_bind_int64 (st, i++, relais_contact_get_partner_user (contact));
  relais_statement_bind_int64 (st, i++, relais_contact_get_created_at (contact));
  relais_statement_bind_int64 (st, i++, relais_contact_get_updated_at (contact));
  relais_statement_bind_int64 (st, i++, relais_contact_get_revision (contact));

  if (!relais_statement_execute (st, error))
    return FALSE;

  relais_contact_set_id (contact, sqlite3_last_insert_rowid (relais_db_get_handle (db)));
  return TRUE;
}

RelaisPartner *
relais_partner_store_read_row (RelaisStatement *st)
{
  RelaisPartner *partner = relais_partner_new ();
  int tier = RELAIS_PARTNER_TIER_REGISTERED;
  int i = 0;

  relais_partner_set_id (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_uuid (partner, relais_statement_get_text (st, i++));
  relais_partner_set_name (partner, relais_statement_get_text (st, i++));
  relais_enum_from_code (&relais_partner_tier_info, relais_statement_get_text (st, i++), &tier);
  relais_partner_set_tier (partner, tier);
  relais_partner_set_countries (partner, relais_statement_get_text (st, i++));
  relais_partner_set_technologies (partner, relais_statement_get_text (st, i++));
  relais_partner_set_languages (partner, relais_statement_get_text (st, i++));
  relais_partner_set_capacity (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_active (partner, relais_statement_get_int64 (st, i++) != 0);
  relais_partner_set_out_of_office_until (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_owner (partner, relais_statement_get_text (st, i++));
  relais_partner_set_website (partner, relais_statement_get_text (st, i++));
  relais_partner_set_city (partner, relais_statement_get_text (st, i++));
  relais_partner_set_country (partner, relais_statement_get_text (st, i++));
  relais_partner_set_notes (partner, relais_statement_get_text (st, i++));
  relais_partner_set_created_at (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_updated_at (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_revision (partner, relais_statement_get_int64 (st, i++));
  relais_partner_set_open_leads (partner, relais_statement_get_int64 (st, i++));
  return partner;
}

/**
 * relais_partner_store_list:
 *
 * Returns: (transfer full): a list of #RelaisPartner by name, or %NULL with
 *   @error set.
 */
GListStore *
relais_partner_store_list (RelaisDb  *db,
                           GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  /* A count per partner on the lead_partner index (partner_id, status): a few
   * seeks each, where one grouped pass would read every open lead. */
  st = relais_db_prepare (db,
                          "SELECT " RELAIS_PARTNER_COLUMNS " FROM partner p"
                          " ORDER BY p.name COLLATE NOCASE, p.id",
                          error);
  if (st == NULL)
    return NULL;

  store = g_list_store_new (RELAIS_TYPE_PARTNER);
  while (relais_statement_next (st, &local_error))
    {
      g_autoptr(RelaisPartner) partner = relais_partner_store_read_row (st);

      g_list_store_append (store, partner);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/**
 * relais_partner_store_list_contacts:
 *
 * Returns: (transfer full): a list of #RelaisContact, or %NULL with @error set.
 */
GListStore *
relais_partner_store_list_contacts (RelaisDb  *db,
                                    gint64     partner_id,
                                    GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db,
                          "SELECT id, uuid, partner_id, first_name, last_name, email, phone,"
                          " role, partner_user, created_at, updated_at, revision"
                          " FROM contact WHERE partner_id = ?"
                          " ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
                          error);
  if (st == NULL)
    return NULL;

  relais_statement_bind_int64 (st, 1, partner_id);

  store = g_list_store_new (RELAIS_TYPE_CONTACT);
  while (relais_statement_next (st, &local_error))
    {
      g_autoptr(RelaisContact) contact = relais_contact_new ();
      int role = RELAIS_CONTACT_ROLE_SALES_REP;
      int i = 0;

      relais_contact_set_id (contact, relais_statement_get_int64 (st, i++));
      relais_contact_set_uuid (contact, relais_statement_get_text (st, i++));
      relais_contact_set_partner_id (contact, relais_statement_get_int64 (st, i++));
      relais_contact_set_first_name (contact, relais_statement_get_text (st, i++));
      relais_contact_set_last_name (contact, relais_statement_get_text (st, i++));
      relais_contact_set_email (contact, relais_statement_get_text (st, i++));
      relais_contact_set_phone (contact, relais_statement_get_text (st, i++));
      relais_enum_from_code (&relais_contact_role_info, relais_statement_get_text (st, i++), &role);
      relais_contact_set_role (contact, role);
      relais_contact_set_partner_user (contact, relais_statement_get_int64 (st, i++) != 0);
      relais_contact_set_created_at (contact, relais_statement_get_int64 (st, i++));
      relais_contact_set_updated_at (contact, relais_statement_get_int64 (st, i++));
      relais_contact_set_revision (contact, relais_statement_get_int64 (st, i++));

      g_list_store_append (store, contact);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/**
 * relais_queue_store_insert:
 *
 * Returns: the new queue's id, or 0 with @error set.
 */
gint64
relais_queue_store_insert (RelaisDb    *db,
                           const char  *name,
                           const char  *description,
                           GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *uuid = relais_uuid_new ();
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (RELAIS_IS_DB (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  st = relais_db_prepare (db,
                          "INSERT INTO queue (uuid, name, description, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return 0;

  relais_statement_bind_text (st, 1, uuid);
  relais_statement_bind_text (st, 2, name);
  relais_statement_bind_text (st, 3, description ? description : "");
  relais_statement_bind_int64 (st, 4, now);
  relais_statement_bind_int64 (st, 5, now);

  if (!relais_statement_execute (st, error))
    return 0;

  return sqlite3_last_insert_rowid (relais_db_get_handle (db));
}

gboolean
relais_queue_store_add_member (RelaisDb  *db,
                               gint64     queue_id,
                               gint64     partner_id,
                               GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  st = relais_db_prepare (db,
                          "INSERT OR IGNORE INTO queue_member (queue_id, partner_id) VALUES (?, ?)",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, queue_id);
  relais_statement_bind_int64 (st, 2, partner_id);
  return relais_statement_execute (st, error);
}

/* Runs @sql, which selects (id, name), into a list of names and one of ids. */
static gboolean
list_names (RelaisDb    *db,
            const char  *sql,
            GStrv       *names,
            GArray     **ids,
            GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) id_array = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;

  st = relais_db_prepare (db, sql, error);
  if (st == NULL)
    return FALSE;

  while (relais_statement_next (st, &local_error))
    {
      gint64 id = relais_statement_get_int64 (st, 0);

      g_array_append_val (id_array, id);
      g_strv_builder_add (builder, relais_statement_get_text (st, 1));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *names = g_strv_builder_end (builder);
  *ids = g_steal_pointer (&id_array);
  return TRUE;
}

gboolean
relais_queue_store_list (RelaisDb  *db,
                         GStrv     *names,
                         GArray   **ids,
                         GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  return list_names (db, "SELECT id, name FROM queue ORDER BY name COLLATE NOCASE, id", names, ids, error);
}

gboolean
relais_partner_store_list_names (RelaisDb  *db,
                                 GStrv     *names,
                                 GArray   **ids,
                                 GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  return list_names (db, "SELECT id, name FROM partner ORDER BY name COLLATE NOCASE, id", names, ids, error);
}
