/* relais-statement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-statement.h"

#include "relais-db.h"

#include <glib/gi18n-lib.h>

struct _RelaisStatement
{
  GObject       parent_instance;

  RelaisDb     *db;    /* unowned: a connection finalizes its statements before it closes */
  sqlite3_stmt *stmt;  /* owned */
};

G_DEFINE_FINAL_TYPE (RelaisStatement, relais_statement, G_TYPE_OBJECT)

static void
relais_statement_finalize (GObject *object)
{
  RelaisStatement *self = (RelaisStatement *) object;

  g_clear_pointer (&self->stmt, sqlite3_finalize);
  self->db = NULL;

  G_OBJECT_CLASS (relais_statement_parent_class)->finalize (object);
}

static void
relais_statement_class_init (RelaisStatementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_statement_finalize;
}

static void
relais_statement_init (RelaisStatement *self)
{
}

/**
 * relais_statement_new:
 * @stmt: (transfer full): a prepared statement of @db's connection
 *
 * Returns: (transfer full): a statement that finalizes @stmt when freed.
 */
RelaisStatement *
relais_statement_new (RelaisDb     *db,
                      sqlite3_stmt *stmt)
{
  RelaisStatement *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  self = g_object_new (RELAIS_TYPE_STATEMENT, NULL);
  self->db = db;
  self->stmt = stmt;

  return self;
}

/* A failed bind is a programming error (wrong index), never a user's. */
#define CHECK_BIND(rc) \
  G_STMT_START { \
    int _rc = (rc); \
    if (_rc != SQLITE_OK) \
      g_critical ("%s: %s", G_STRFUNC, sqlite3_errstr (_rc)); \
  } G_STMT_END

void
relais_statement_bind_int64 (RelaisStatement *self,
                             int              index,
                             gint64           value)
{
  g_return_if_fail (RELAIS_IS_STATEMENT (self));
  CHECK_BIND (sqlite3_bind_int64 (self->stmt, index, value));
}

void
relais_statement_bind_text (RelaisStatement *self,
                            int              index,
                            const char      *value)
{
  g_return_if_fail (RELAIS_IS_STATEMENT (self));

  if (value == NULL)
    CHECK_BIND (sqlite3_bind_null (self->stmt, index));
  else
    CHECK_BIND (sqlite3_bind_text (self->stmt, index, value, -1, SQLITE_TRANSIENT));
}

void
relais_statement_bind_null (RelaisStatement *self,
                            int              index)
{
  g_return_if_fail (RELAIS_IS_STATEMENT (self));
  CHECK_BIND (sqlite3_bind_null (self->stmt, index));
}

void
relais_statement_bind_id (RelaisStatement *self,
                          int              index,
                          gint64           value)
{
  if (value == 0)
    relais_statement_bind_null (self, index);
  else
    relais_statement_bind_int64 (self, index, value);
}

void
relais_statement_bind_rows (RelaisStatement  *self,
                            int               index,
                            const RelaisRows *rows)
{
  g_return_if_fail (RELAIS_IS_STATEMENT (self));
  g_return_if_fail (rows != NULL && rows->n_columns <= RELAIS_ROWS_MAX_COLUMNS);
  CHECK_BIND (sqlite3_bind_pointer (self->stmt, index, (void *) rows, RELAIS_ROWS_POINTER_TYPE, NULL));
}

gboolean
relais_statement_next (RelaisStatement  *self,
                       GError          **error)
{
  int rc;

  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), FALSE);

  rc = sqlite3_step (self->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return FALSE;

  relais_db_set_error (self->db, rc, error);
  sqlite3_reset (self->stmt);
  return FALSE;
}

gboolean
relais_statement_next_row (RelaisStatement  *self,
                           GError          **error)
{
  GError *local_error = NULL;

  if (relais_statement_next (self, &local_error))
    return TRUE;
  if (local_error == NULL)
    /* Translators: %s is SQLite's own message, in English */
    g_set_error (&local_error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_FAILED, _("The local store failed: %s"),
                 "the statement gave no row");
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
relais_statement_execute (RelaisStatement  *self,
                          GError          **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), FALSE);

  while (relais_statement_next (self, &local_error))
    ;

  relais_statement_reset (self);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

GArray *
relais_statement_collect_ids (RelaisStatement  *self,
                              GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), NULL);

  while (relais_statement_next (self, &local_error))
    {
      gint64 id = relais_statement_get_int64 (self, 0);

      g_array_append_val (ids, id);
    }

  relais_statement_reset (self);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

void
relais_statement_reset (RelaisStatement *self)
{
  g_return_if_fail (RELAIS_IS_STATEMENT (self));

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
}

gint64
relais_statement_get_int64 (RelaisStatement *self,
                            int              column)
{
  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), 0);
  return sqlite3_column_int64 (self->stmt, column);
}

/**
 * relais_statement_get_text:
 *
 * Returns: (transfer none): the column as UTF-8 text, "" for NULL.
 */
const char *
relais_statement_get_text (RelaisStatement *self,
                           int              column)
{
  const char *text;

  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), NULL);

  text = (const char *) sqlite3_column_text (self->stmt, column);
  return text ? text : "";
}

double
relais_statement_get_double (RelaisStatement *self,
                             int              column)
{
  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), 0.0);
  return sqlite3_column_double (self->stmt, column);
}

gboolean
relais_statement_is_null (RelaisStatement *self,
                          int              column)
{
  g_return_val_if_fail (RELAIS_IS_STATEMENT (self), TRUE);
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}
