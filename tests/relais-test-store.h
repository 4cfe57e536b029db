/* relais-test-store.h — what the store tests share: a store in a folder of its
 * own, and SQL run or asked in one line, failing the test on any error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "relais-db.h"
#include "relais-statement.h"

/* Opens a new store "relais.db" in a new temporary folder named after
 * @prefix; @dir and @path receive the folder and the file. */
G_GNUC_UNUSED static RelaisDb *
test_store_new (const char  *prefix,
                char       **dir,
                char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  RelaisDb *db;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "relais.db", NULL);
  db = relais_db_open (*path, &error);
  g_assert_no_error (error);
  return db;
}

/* Closes @db (if not %NULL) and removes the folder of test_store_new(). */
G_GNUC_UNUSED static void
test_store_remove (RelaisDb **db,
                   char     **dir,
                   char     **path)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (db);
  d = g_dir_open (*dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (*dir, name, NULL);
      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (*dir), ==, 0);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

G_GNUC_UNUSED static void
exec_sql (RelaisDb   *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  relais_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* The first column of the first row of @sql, whose one parameter, if any, is @arg. */
G_GNUC_UNUSED static gint64
query_int64 (RelaisDb   *db,
             const char *sql,
             gint64      arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  if (strchr (sql, '?') != NULL)
    relais_statement_bind_int64 (st, 1, arg);
  g_assert_true (relais_statement_next (st, &error));
  g_assert_no_error (error);
  return relais_statement_get_int64 (st, 0);
}

G_GNUC_UNUSED static char *
query_text (RelaisDb   *db,
            const char *sql,
            gint64      arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  if (strchr (sql, '?') != NULL)
    relais_statement_bind_int64 (st, 1, arg);
  g_assert_true (relais_statement_next (st, &error));
  g_assert_no_error (error);
  return g_strdup (relais_statement_get_text (st, 0));
}
