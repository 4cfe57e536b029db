/* relais-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-db.h"
#include "relais-db-private.h"
#include "relais-search.h"
#include "relais-statement.h"
#include "relais-wal-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* The page size of a new store, set by check_identity(): see README, "The
 * local store". A store made before keeps its own until relais_db_compact(). */
#define RELAIS_DB_PAGE_SIZE 16384

/* PRAGMA application_id of a Relais store ("RELS"), so that another program's
 * SQLite file is recognised and refused rather than "migrated". */
#define RELAIS_APPLICATION_ID 0x52454C53

/* Each migration brings the schema from version - 1 to version. They run in
 * order, all in one transaction with the new user_version: a store is either at
 * its old version or at the new one, never in between. Never edit a migration
 * that has shipped; add the next one. */
typedef struct {
  int         version;
  const char *resource;
} Migration;

static const Migration migrations[] = {
  { 1, "/io/github/relais/Relais/store/relais-schema-v1.sql" },
  { 2, "/io/github/relais/Relais/store/relais-schema-v2.sql" },
  { 3, "/io/github/relais/Relais/store/relais-schema-v3.sql" },
  { 4, "/io/github/relais/Relais/store/relais-schema-v4.sql" },
  { 5, "/io/github/relais/Relais/store/relais-schema-v5.sql" },
  { 6, "/io/github/relais/Relais/store/relais-schema-v6.sql" },
  { 7, "/io/github/relais/Relais/store/relais-schema-v7.sql" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RELAIS_DB_SCHEMA_VERSION);

struct _RelaisDb
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *handle;
  GHashTable *statements;  /* SQL text → RelaisStatement, the prepared-statement cache */
  int         schema_version;
  gboolean    in_transaction;
  gboolean    unchecked;   /* foreign keys off until the transaction ends */
  int         cache_kib;   /* the page cache outside bulk writes */
};

/* The page cache of a long-lived connection (the window's, the list's reader),
 * and of one opened for a single job in a worker thread: a job reads its pages
 * once and closes, so a large cache there only adds to the process's peak
 * memory (a 1,000,000-lead store filled 16 MiB per job). */
#define CACHE_KIB     16384
#define JOB_CACHE_KIB 2048

G_DEFINE_FINAL_TYPE (RelaisDb, relais_db, G_TYPE_OBJECT)

static void cached_statement_free (gpointer data);

G_DEFINE_QUARK (relais-db-error-quark, relais_db_error)

static void
relais_db_finalize (GObject *object)
{
  RelaisDb *self = (RelaisDb *) object;

  /* The cached statements are finalized first; close_v2 lets a statement that a
   * caller still holds (a bug) keep the connection until it goes too. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      int rc = sqlite3_close_v2 (self->handle);
      if (rc != SQLITE_OK)
        g_warning ("Closing %s: %s", self->path, sqlite3_errstr (rc));
      self->handle = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (relais_db_parent_class)->finalize (object);
}

static void
relais_db_class_init (RelaisDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_db_finalize;
}

static void
relais_db_init (RelaisDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_statement_free);
}

static RelaisDbError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return RELAIS_DB_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return RELAIS_DB_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RELAIS_DB_ERROR_BUSY;
    case SQLITE_FULL:
      return RELAIS_DB_ERROR_FULL;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return RELAIS_DB_ERROR_OPEN;
    default:
      return RELAIS_DB_ERROR_FAILED;
    }
}

void
relais_db_set_error (RelaisDb  *self,
                     int        rc,
                     GError   **error)
{
  const char *detail;
  RelaisDbError code = error_code_from_sqlite (rc);

  detail = self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  switch (code)
    {
    case RELAIS_DB_ERROR_CORRUPT:
      g_set_error (error, RELAIS_DB_ERROR, code,
                   /* Translators: %1$s is a file name, %2$s SQLite's own message */
                   _("The local store “%1$s” is damaged (%2$s). Set it aside to start with a new store, or restore it from a backup."),
                   self->path, detail);
      break;

    case RELAIS_DB_ERROR_CONSTRAINT:
      g_set_error (error, RELAIS_DB_ERROR, code,
                   /* Translators: %s is SQLite's own message, in English */
                   _("The change breaks a rule of the store and was not saved (%s)."),
                   detail);
      break;

    case RELAIS_DB_ERROR_BUSY:
      g_set_error (error, RELAIS_DB_ERROR, code,
                   _("The local store is in use by another program. Close it and try again."));
      break;

    case RELAIS_DB_ERROR_FULL:
      g_set_error (error, RELAIS_DB_ERROR, code,
                   _("The disk is full: the change was not saved. Free some space and try again."));
      break;

    case RELAIS_DB_ERROR_OPEN:
      g_set_error (error, RELAIS_DB_ERROR, code,
                   /* Translators: %1$s is a file name, %2$s SQLite's own message */
                   _("The local store “%1$s” cannot be opened for writing (%2$s)."),
                   self->path, detail);
      break;

    case RELAIS_DB_ERROR_NOT_RELAIS:
    case RELAIS_DB_ERROR_TOO_NEW:
    case RELAIS_DB_ERROR_MIGRATION:
    case RELAIS_DB_ERROR_IN_USE:
    case RELAIS_DB_ERROR_FAILED:
    default:
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_FAILED,
                   /* Translators: %s is SQLite's own message, in English */
                   _("The local store failed: %s"), detail);
      break;
    }
}

/**
 * relais_db_get_default_path:
 *
 * Returns: (transfer full): the store of this user: $RELAIS_DB if set, else
 *   $XDG_DATA_HOME/relais/relais.db.
 */
char *
relais_db_get_default_path (void)
{
  const char *env = g_getenv ("RELAIS_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "relais", "relais.db", NULL);
}

/* Creates the folder of the store at @path, with its parents, when missing. */
static gboolean
make_store_folder (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_OPEN,
                   /* Translators: %1$s is a folder, %2$s the system's reason */
                   _("The folder “%1$s” for the local store cannot be created: %2$s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

struct _RelaisDbClaim
{
  int fd;
};

RelaisDbClaim *
relais_db_claim (const char         *path,
                 RelaisDbClaimKind   kind,
                 GError            **error)
{
  g_autofree char *lock_path = NULL;
  RelaisDbClaim *claim;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (!make_store_folder (path, error))
    return NULL;

  lock_path = g_strconcat (path, ".lock", NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_OPEN,
                   /* Translators: %1$s is a file name, %2$s the system's reason */
                   _("The local store “%1$s” cannot be opened: %2$s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  while (flock (fd, (kind == RELAIS_DB_CLAIM_APP ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      close (fd);
      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_IN_USE,
                     kind == RELAIS_DB_CLAIM_APP
                       /* Translators: %s is a file name */
                       ? _("The local store “%s” is in use by relais-cli or another Relais window. Try again once it has finished.")
                       /* Translators: %s is a file name */
                       : _("The local store “%s” is open in Relais. Close Relais first, or do this in the app."),
                     path);
      else
        g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_OPEN,
                     _("The local store “%1$s” cannot be opened: %2$s"),
                     path, g_strerror (saved_errno));
      return NULL;
    }

  claim = g_new (RelaisDbClaim, 1);
  claim->fd = fd;
  return claim;
}

void
relais_db_claim_release (RelaisDbClaim *claim)
{
  if (claim == NULL)
    return;

  /* Closing the descriptor releases the flock(); no SQLite lock lives on
   * this file, so nothing else goes with it. */
  close (claim->fd);
  g_free (claim);
}

gboolean
relais_db_exec (RelaisDb    *self,
                const char  *sql,
                GError     **error)
{
  int rc;

  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      relais_db_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (RelaisDb    *self,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    relais_db_set_error (self, rc, error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
migrate (RelaisDb  *self,
         int        target,
         GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  int version = self->schema_version;

  if (version >= target)
    return TRUE;

  if (!relais_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *pragma = NULL;

      if (migrations[i].version <= version || migrations[i].version > target)
        continue;

      bytes = g_resources_lookup_data (migrations[i].resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes == NULL)
        break;

      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragma = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);

      if (!relais_db_exec (self, sql, &local_error) ||
          !relais_db_exec (self, pragma, &local_error))
        break;
    }

  if (local_error == NULL)
    relais_db_exec (self, "COMMIT", &local_error);

  if (local_error != NULL)
    {
      relais_db_rollback (self);
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_MIGRATION,
                   /* Translators: %1$s is a file name, %2$d and %3$d schema versions, %4$s the cause */
                   _("The local store “%1$s” could not be upgraded from version %2$d to %3$d; it was left unchanged. %4$s"),
                   self->path, version, target, local_error->message);
      return FALSE;
    }

  self->schema_version = target;
  return TRUE;
}

/* relais_fold (text): the folded form of search (src/core/relais-search.c),
 * used by the schema's triggers and sort indexes. */
static void
fold_sql_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  folded = relais_search_fold (text);
  sqlite3_result_text (context, folded, -1, g_free);
}

/* relais_rows (rows): the RelaisRows bound to a statement
 * (relais_statement_bind_rows()) as a table of columns c0 … c15; no row for
 * anything else. An eponymous virtual table, read only. */
typedef struct {
  sqlite3_vtab_cursor  base;
  const RelaisRows    *rows;
  gsize                row;
} RowsCursor;

enum { ROWS_COLUMN_ROWS = RELAIS_ROWS_MAX_COLUMNS };

static int
rows_connect (sqlite3             *db,
              void                *aux,
              int                  argc,
              const char * const  *argv,
              sqlite3_vtab       **vtab,
              char               **error_message)
{
  int rc = sqlite3_declare_vtab (db, "CREATE TABLE x (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15,"
                                      " rows HIDDEN)");

  if (rc != SQLITE_OK)
    return rc;
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  sqlite3_vtab_config (db, SQLITE_VTAB_INNOCUOUS);
  return SQLITE_OK;
}

static int
rows_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only a scan of the rows given: relais_rows (?) or rows = ?. */
static int
rows_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (c->iColumn == ROWS_COLUMN_ROWS && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable)
        {
          info->aConstraintUsage[i].argvIndex = 1;
          info->aConstraintUsage[i].omit = 1;
          info->estimatedCost = 1000;
          info->estimatedRows = 100000;
          return SQLITE_OK;
        }
    }
  return SQLITE_CONSTRAINT;
}

static int
rows_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **cursor)
{
  RowsCursor *self = sqlite3_malloc (sizeof (RowsCursor));

  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof (RowsCursor));
  *cursor = &self->base;
  return SQLITE_OK;
}

static int
rows_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
rows_filter (sqlite3_vtab_cursor  *cursor,
             int                   index_number,
             const char           *index_string,
             int                   argc,
             sqlite3_value       **argv)
{
  RowsCursor *self = (RowsCursor *) cursor;

  self->rows = argc == 1 ? sqlite3_value_pointer (argv[0], RELAIS_ROWS_POINTER_TYPE) : NULL;
  self->row = 0;
  return SQLITE_OK;
}

static int
rows_next (sqlite3_vtab_cursor *cursor)
{
  ((RowsCursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
rows_eof (sqlite3_vtab_cursor *cursor)
{
  RowsCursor *self = (RowsCursor *) cursor;

  return self->rows == NULL || self->row >= self->rows->n_rows;
}

static int
rows_column (sqlite3_vtab_cursor *cursor,
             sqlite3_context     *context,
             int                  column)
{
  RowsCursor *self = (RowsCursor *) cursor;

  if (column >= 0 && (guint) column < self->rows->n_columns)
    sqlite3_result_int64 (context, self->rows->values[self->row * self->rows->n_columns + (guint) column]);
  else
    sqlite3_result_null (context);
  return SQLITE_OK;
}

static int
rows_rowid (sqlite3_vtab_cursor *cursor,
            sqlite3_int64       *rowid)
{
  *rowid = (sqlite3_int64) ((RowsCursor *) cursor)->row;
  return SQLITE_OK;
}

static const sqlite3_module rows_module = {
  .iVersion = 0,
  .xCreate = NULL,          /* eponymous only: never CREATE VIRTUAL TABLE */
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xDestroy = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

static gboolean
check_identity (RelaisDb  *self,
                GError   **error)
{
  int application_id = 0;
  int n_objects = 0;

  /* The first read of the file: a file that is not an SQLite database at all,
   * or one whose header is damaged, fails here. */
  if (!query_int (self, "PRAGMA user_version", &self->schema_version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id == 0 && n_objects == 0)
    {
      /* A new, empty store: its page size, set before its first write, then
       * claim it. */
      return relais_db_exec (self,
                             "PRAGMA page_size = " G_STRINGIFY (RELAIS_DB_PAGE_SIZE) ";"
                             "PRAGMA application_id = 1380273235",
                             error);
    }

  if (application_id != RELAIS_APPLICATION_ID)
    {
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_NOT_RELAIS,
                   _("“%s” is a database of another program, not a Relais store. Choose another file."),
                   self->path);
      return FALSE;
    }

  if (self->schema_version > RELAIS_DB_SCHEMA_VERSION)
    {
      g_set_error (error, RELAIS_DB_ERROR, RELAIS_DB_ERROR_TOO_NEW,
                   /* Translators: %1$s is a file name, %2$d and %3$d schema versions */
                   _("The local store “%1$s” was written by a newer version of Relais (schema %2$d; this version knows %3$d). Update Relais to open it."),
                   self->path, self->schema_version, RELAIS_DB_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

G_STATIC_ASSERT (RELAIS_APPLICATION_ID == 1380273235);

/* A hint: failing to change it changes nothing else. */
static void
set_cache_kib (RelaisDb *self,
               int       kib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%d", kib);

  if (!relais_db_exec (self, sql, NULL))
    g_debug ("the page cache could not be resized");
}

/**
 * relais_db_open:
 * @path: the store's file; created, with its folder, when missing
 *
 * Opens the store, checks that it is a Relais store that this version can read,
 * and brings its schema to %RELAIS_DB_SCHEMA_VERSION.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
RelaisDb *
relais_db_open (const char  *path,
                GError     **error)
{
  return relais_db_open_at_version (path, RELAIS_DB_SCHEMA_VERSION, error);
}

/**
 * relais_db_open_for_job:
 * @path: the store's file
 *
 * Like relais_db_open(), for a connection that does one job in a worker thread
 * and is then closed: its page cache is small (bulk writes still get a large
 * one, see relais_db_set_bulk()).
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
RelaisDb *
relais_db_open_for_job (const char  *path,
                        GError     **error)
{
  RelaisDb *self = relais_db_open (path, error);

  if (self != NULL)
    {
      self->cache_kib = JOB_CACHE_KIB;
      set_cache_kib (self, self->cache_kib);
    }
  return self;
}

/**
 * relais_db_open_at_version:
 * @version: the schema version to migrate to, at most %RELAIS_DB_SCHEMA_VERSION
 *
 * Like relais_db_open(), but stops the migrations at @version: the tests make
 * stores of every earlier version with it, to check the upgrades from them.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
RelaisDb *
relais_db_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_autoptr(RelaisDb) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= RELAIS_DB_SCHEMA_VERSION, NULL);

  self = g_object_new (RELAIS_TYPE_DB, NULL);
  self->path = g_strdup (path);

  if (!make_store_folder (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        relais_wal_vfs_get_name ());
  if (rc != SQLITE_OK)
    {
      relais_db_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, 5000);

  rc = sqlite3_create_function_v2 (self->handle, "relais_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, fold_sql_function, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module (self->handle, "relais_rows", &rows_module, NULL);
  if (rc != SQLITE_OK)
    {
      relais_db_set_error (self, rc, error);
      return NULL;
    }

  if (!check_identity (self, error))
    return NULL;

  /* WAL: readers never block the writer and a killed process loses nothing that
   * was committed; synchronous=NORMAL is durable against crashes of the process
   * (only a power loss may drop the last transactions). */
  if (!relais_db_exec (self,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = NORMAL;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA temp_store = MEMORY;",
                       error))
    return NULL;
  self->cache_kib = CACHE_KIB;
  set_cache_kib (self, self->cache_kib);

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
relais_db_set_bulk (RelaisDb *self,
                    gboolean  bulk)
{
  g_return_if_fail (RELAIS_IS_DB (self));

  /* Hints: failing to change them changes nothing else. While bulk, the
   * commit does not copy the log into the file (the checkpoint): the caller
   * does it afterwards with relais_db_checkpoint(), off the main thread. */
  set_cache_kib (self, bulk ? 262144 : self->cache_kib);
  if (!relais_db_exec (self, bulk ? "PRAGMA wal_autocheckpoint = 0" : "PRAGMA wal_autocheckpoint = 1000", NULL))
    g_debug ("the checkpoint interval could not be changed");
}

void
relais_db_checkpoint (RelaisDb *self)
{
  int rc;

  g_return_if_fail (RELAIS_IS_DB (self));

  /* PASSIVE: never waits for readers; what they still use is copied later. */
  rc = sqlite3_wal_checkpoint_v2 (self->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("checkpoint of %s: %s", self->path, sqlite3_errstr (rc));
}

/* Sets the journal mode of the store, checking that SQLite took it: it
 * leaves WAL only when no other connection has the store open. */
static gboolean
set_journal_mode (RelaisDb    *self,
                  const char  *mode,
                  GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  gboolean taken = FALSE;

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          taken = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), mode) == 0;
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    relais_db_set_error (self, rc, error);
  else if (!taken)
    relais_db_set_error (self, SQLITE_BUSY, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK && taken;
}

/**
 * relais_db_compact:
 *
 * Rewrites the store into a new file (SQLite's VACUUM): each table and index
 * in one piece, with the page size of a new store. A store made before
 * Relais chose 16 KiB pages gets them; a store whose tables were written in
 * bits over time gets its rows back together. Needs the store to itself (no
 * other connection, which the callers ensure with a claim) and free space
 * for a second copy while it runs. Either the whole store is rewritten or it
 * stays as it was; it is in WAL mode again at the end in both cases.
 */
gboolean
relais_db_compact (RelaisDb  *self,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* The page size of a store in WAL mode cannot change: VACUUM runs with a
   * rollback journal, which also keeps the old store whole until the end. */
  if (set_journal_mode (self, "delete", &local_error))
    {
      gboolean vacuumed = relais_db_exec (self, "PRAGMA page_size = " G_STRINGIFY (RELAIS_DB_PAGE_SIZE) "; VACUUM",
                                          &local_error);

      /* Should this fail, the next relais_db_open() does it. */
      if (!set_journal_mode (self, "wal", NULL))
        g_debug ("%s could not be put back in WAL mode", self->path);
      if (vacuumed)
        return TRUE;
    }

  g_set_error (error, RELAIS_DB_ERROR, local_error->code,
               /* Translators: %1$s is a file name, %2$s the cause */
               _("The local store “%1$s” could not be compacted; it was left as it was. %2$s"),
               self->path, local_error->message);
  return FALSE;
}

const char *
relais_db_get_path (RelaisDb *self)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
relais_db_get_handle (RelaisDb *self)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), NULL);
  return self->handle;
}

int
relais_db_get_schema_version (RelaisDb *self)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), 0);
  return self->schema_version;
}

/* The cache holds its statements by a toggle reference: when the caller lets
 * go of one, it is reset at once. A statement left on its last row would
 * otherwise keep its read transaction open — an old snapshot that stops
 * checkpoints and makes this connection's next write fail as busy. */
static void
statement_toggled_cb (gpointer  data,
                      GObject  *object,
                      gboolean  is_last_ref)
{
  if (is_last_ref)
    relais_statement_reset (RELAIS_STATEMENT (object));
}

static void
cached_statement_free (gpointer data)
{
  g_object_remove_toggle_ref (G_OBJECT (data), statement_toggled_cb, NULL);
}

/**
 * relais_db_prepare:
 * @sql: one SQL statement, with ? or ?NNN parameters for every value
 *
 * Statements are cached by their text: the second prepare of the same SQL is
 * free. The statement comes back reset, with no bindings.
 *
 * Returns: (transfer full): the statement, or %NULL with @error set.
 */
RelaisStatement *
relais_db_prepare (RelaisDb    *self,
                   const char  *sql,
                   GError     **error)
{
  RelaisStatement *cached;
  sqlite3_stmt *stmt = NULL;
  RelaisStatement *statement;
  int rc;

  g_return_val_if_fail (RELAIS_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  cached = g_hash_table_lookup (self->statements, sql);

  /* Only the cache holds it: nobody is stepping through it, so it can be reused.
   * Otherwise (a nested use of the same SQL) a fresh statement is prepared. */
  if (cached != NULL && G_OBJECT (cached)->ref_count == 1)
    {
      relais_statement_reset (cached);
      return g_object_ref (cached);
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      relais_db_set_error (self, rc, error);
      return NULL;
    }

  statement = relais_statement_new (self, stmt);

  if (cached == NULL)
    {
      g_object_add_toggle_ref (G_OBJECT (statement), statement_toggled_cb, NULL);
      g_hash_table_insert (self->statements, g_strdup (sql), statement);
    }

  return statement;
}

/* After a relais_db_begin_unchecked() transaction, outside any transaction:
 * the foreign keys are checked again. */
static void
end_unchecked (RelaisDb *self)
{
  if (!self->unchecked)
    return;
  self->unchecked = FALSE;
  if (sqlite3_exec (self->handle, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("foreign keys of %s could not be turned back on: %s", self->path, sqlite3_errmsg (self->handle));
}

gboolean
relais_db_begin (RelaisDb  *self,
                 GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!relais_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

/**
 * relais_db_begin_unchecked:
 *
 * Like relais_db_begin(), with SQLite's foreign key checks off until the
 * transaction ends (commit or rollback turn them back on). SQLite looks up
 * the parent row of each reference written, one search a reference: a
 * writer of hundreds of thousands of rows that knows its references exist
 * (it read them inside the transaction, or checked them all at once) spares
 * that. The caller answers for every reference it writes; the tests check
 * with PRAGMA foreign_key_check.
 */
gboolean
relais_db_begin_unchecked (RelaisDb  *self,
                           GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* The pragma has no effect inside a transaction: it comes first. */
  if (!relais_db_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  self->unchecked = TRUE;
  if (!relais_db_begin (self, error))
    {
      end_unchecked (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
relais_db_commit (RelaisDb  *self,
                  GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!relais_db_exec (self, "COMMIT", error))
    {
      relais_db_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  end_unchecked (self);
  return TRUE;
}

void
relais_db_rollback (RelaisDb *self)
{
  g_return_if_fail (RELAIS_IS_DB (self));

  /* After some errors SQLite has already rolled back: that is fine. */
  if (sqlite3_get_autocommit (self->handle) == 0)
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);

  self->in_transaction = FALSE;
  end_unchecked (self);
}

void
relais_db_interrupt (GCancellable *cancellable,
                     RelaisDb     *self)
{
  sqlite3_interrupt (self->handle);
}

/**
 * relais_db_get_meta:
 *
 * Returns: (transfer full) (nullable): the value of @key, or %NULL.
 */
char *
relais_db_get_meta (RelaisDb   *self,
                    const char *key)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (self), NULL);

  st = relais_db_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (st == NULL)
    return NULL;

  relais_statement_bind_text (st, 1, key);
  if (relais_statement_next (st, NULL))
    {
      char *value = g_strdup (relais_statement_get_text (st, 0));
      relais_statement_reset (st);
      return value;
    }

  return NULL;
}

gboolean
relais_db_set_meta (RelaisDb    *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (self), FALSE);

  st = relais_db_prepare (self,
                          "INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_text (st, 1, key);
  relais_statement_bind_text (st, 2, value);
  return relais_statement_execute (st, error);
}

/**
 * relais_db_set_aside:
 * @new_path: (out) (optional) (transfer full): where the store went
 *
 * Keeps the damaged file for a later rescue rather than deleting it.
 */
gboolean
relais_db_set_aside (const char  *path,
                     char       **new_path,
                     GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: %1$s is a file name, %2$s the system's reason */
                       _("The damaged store “%1$s” could not be set aside: %2$s"),
                       from, g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (new_path != NULL)
    *new_path = g_steal_pointer (&target);
  return TRUE;
}
