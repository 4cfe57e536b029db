/* relais-statement.h — a prepared SQLite statement with typed binds and getters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define RELAIS_TYPE_STATEMENT (relais_statement_get_type ())
G_DECLARE_FINAL_TYPE (RelaisStatement, relais_statement, RELAIS, STATEMENT, GObject)

typedef struct _RelaisDb RelaisDb;

RelaisStatement *relais_statement_new          (RelaisDb         *db,
                                                sqlite3_stmt     *stmt);

/* Parameters are numbered from 1, as in SQLite; text is copied. */
void             relais_statement_bind_int64   (RelaisStatement  *self,
                                                int               index,
                                                gint64            value);
void             relais_statement_bind_text    (RelaisStatement  *self,
                                                int               index,
                                                const char       *value);
void             relais_statement_bind_null    (RelaisStatement  *self,
                                                int               index);
/* Binds NULL for 0, value otherwise: optional foreign keys and times. */
void             relais_statement_bind_id      (RelaisStatement  *self,
                                                int               index,
                                                gint64            value);

/* Rows of numbers that one statement reads as a table, relais_rows (?N) with
 * columns c0 … c15: many rows written by one INSERT … SELECT, without a step
 * of a statement and its bindings each. Row-major, @n_columns a row (at most
 * RELAIS_ROWS_MAX_COLUMNS); the columns past them read as NULL. */
typedef struct {
  const gint64 *values;
  gsize         n_rows;
  guint         n_columns;
} RelaisRows;

#define RELAIS_ROWS_POINTER_TYPE "relais-rows"
#define RELAIS_ROWS_MAX_COLUMNS  16

/* @rows must stay as they are until the statement is reset. */
void             relais_statement_bind_rows    (RelaisStatement  *self,
                                                int               index,
                                                const RelaisRows *rows);

/* Steps once: TRUE when a row is available. At the end, or on failure, FALSE;
 * only a failure sets @error. */
gboolean         relais_statement_next         (RelaisStatement  *self,
                                                GError          **error);
/* Steps once, for a statement that always gives a row (an aggregate, a
 * count, an INSERT … RETURNING): FALSE with @error set on failure, and when
 * there was no row. */
gboolean         relais_statement_next_row     (RelaisStatement  *self,
                                                GError          **error);
/* Steps until the statement is done, then resets it. */
gboolean         relais_statement_execute      (RelaisStatement  *self,
                                                GError          **error);
/* Like relais_statement_execute(), keeping the first column of each row:
 * (transfer full) (element-type gint64) the ids, or %NULL with @error set. */
GArray          *relais_statement_collect_ids  (RelaisStatement  *self,
                                                GError          **error);
void             relais_statement_reset        (RelaisStatement  *self);

/* Columns are numbered from 0. Text stays valid until the next step or reset. */
gint64           relais_statement_get_int64    (RelaisStatement  *self,
                                                int               column);
const char      *relais_statement_get_text     (RelaisStatement  *self,
                                                int               column);
double           relais_statement_get_double   (RelaisStatement  *self,
                                                int               column);
gboolean         relais_statement_is_null      (RelaisStatement  *self,
                                                int               column);

G_END_DECLS
