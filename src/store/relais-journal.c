/* relais-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-journal.h"

#include "relais-util.h"

/**
 * relais_journal_get_actor:
 *
 * Until sync signs the user in, local changes are made by the system user.
 *
 * Returns: (transfer none): the author of local changes.
 */
const char *
relais_journal_get_actor (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && real_name[0] != '\0' && !g_str_equal (real_name, "Unknown"))
    return real_name;
  return g_get_user_name ();
}

gint64
relais_journal_append (RelaisDb    *db,
                       const char  *action,
                       const char  *entity,
                       const char  *entity_uuid,
                       const char  *changes,
                       GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *uuid = relais_uuid_new ();

  g_return_val_if_fail (RELAIS_IS_DB (db), 0);
  g_return_val_if_fail (action != NULL, 0);
  g_return_val_if_fail (entity != NULL, 0);

  st = relais_db_prepare (db,
                          "INSERT INTO journal (uuid, at, actor, action, entity, entity_uuid, changes)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (st == NULL)
    return 0;

  relais_statement_bind_text (st, 1, uuid);
  relais_statement_bind_int64 (st, 2, g_get_real_time ());
  relais_statement_bind_text (st, 3, relais_journal_get_actor ());
  relais_statement_bind_text (st, 4, action);
  relais_statement_bind_text (st, 5, entity);
  relais_statement_bind_text (st, 6, entity_uuid);
  relais_statement_bind_text (st, 7, changes ? changes : "{}");

  if (!relais_statement_execute (st, error))
    return 0;

  return sqlite3_last_insert_rowid (relais_db_get_handle (db));
}

gboolean
relais_journal_add_lead (RelaisDb  *db,
                         gint64     journal_id,
                         gint64     lead_id,
                         GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  st = relais_db_prepare (db, "INSERT INTO journal_lead (journal_id, lead_id) VALUES (?, ?)", error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, journal_id);
  relais_statement_bind_int64 (st, 2, lead_id);
  return relais_statement_execute (st, error);
}
