/* relais-db.h — the connection to the local SQLite store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "relais-statement.h"

G_BEGIN_DECLS

#define RELAIS_TYPE_DB (relais_db_get_type ())
G_DECLARE_FINAL_TYPE (RelaisDb, relais_db, RELAIS, DB, GObject)

#define RELAIS_DB_ERROR (relais_db_error_quark ())

typedef enum {
  RELAIS_DB_ERROR_OPEN,        /* the file cannot be opened or created */
  RELAIS_DB_ERROR_CORRUPT,     /* the file is damaged */
  RELAIS_DB_ERROR_NOT_RELAIS,  /* the file is an SQLite database of something else */
  RELAIS_DB_ERROR_TOO_NEW,     /* written by a newer Relais */
  RELAIS_DB_ERROR_MIGRATION,   /* upgrading the schema failed (nothing was changed) */
  RELAIS_DB_ERROR_CONSTRAINT,  /* the data broke a rule of the schema */
  RELAIS_DB_ERROR_BUSY,        /* another program holds the store for too long */
  RELAIS_DB_ERROR_IN_USE,      /* claimed by another program (relais_db_claim()) */
  RELAIS_DB_ERROR_FULL,        /* the disk is full */
  RELAIS_DB_ERROR_FAILED,      /* any other failure */
} RelaisDbError;

/* The schema version this program writes; see relais-db.c for the migrations. */
#define RELAIS_DB_SCHEMA_VERSION 7

GQuark           relais_db_error_quark       (void);

char            *relais_db_get_default_path  (void);

/* Who works on a store. SQLite keeps other processes in step with POSIX
 * record locks, which a process loses on a file as soon as any of its threads
 * closes any descriptor of that file: GTK's file chooser does, reading the
 * first bytes of the files of a folder to guess their type, when the user
 * opens the store's folder. A process that lost them may let another process
 * think it is alone with the store (the other one then deletes the log the
 * first one still writes to). So the app claims its store for itself, and the
 * command-line tools claim it together, with flock() on "PATH.lock", which no
 * closing of another descriptor undoes. */
typedef enum {
  RELAIS_DB_CLAIM_APP,    /* the app: no other program meanwhile */
  RELAIS_DB_CLAIM_TOOL,   /* relais-cli: other tools may run, not the app */
} RelaisDbClaimKind;

typedef struct _RelaisDbClaim RelaisDbClaim;

/* Returns: (transfer full): the claim, held until relais_db_claim_release()
 *   (or the end of the process), or %NULL with RELAIS_DB_ERROR_IN_USE (or
 *   RELAIS_DB_ERROR_OPEN) set. */
RelaisDbClaim   *relais_db_claim             (const char         *path,
                                              RelaisDbClaimKind   kind,
                                              GError            **error);
void             relais_db_claim_release     (RelaisDbClaim      *claim);
RelaisDb        *relais_db_open              (const char  *path,
                                              GError     **error);
RelaisDb        *relais_db_open_for_job      (const char  *path,
                                              GError     **error);
const char      *relais_db_get_path          (RelaisDb    *self);
sqlite3         *relais_db_get_handle        (RelaisDb    *self);
int              relais_db_get_schema_version (RelaisDb   *self);

RelaisStatement *relais_db_prepare           (RelaisDb    *self,
                                              const char  *sql,
                                              GError     **error);
gboolean         relais_db_exec              (RelaisDb    *self,
                                              const char  *sql,
                                              GError     **error);

/* One write transaction at a time (BEGIN IMMEDIATE ... COMMIT). */
gboolean         relais_db_begin             (RelaisDb    *self,
                                              GError     **error);
gboolean         relais_db_begin_unchecked   (RelaisDb    *self,
                                              GError     **error);
gboolean         relais_db_commit            (RelaisDb    *self,
                                              GError     **error);
void             relais_db_rollback          (RelaisDb    *self);

/* Runs @body (an expression, TRUE on success) inside one write transaction
 * of @db: commits when it succeeds, rolls everything back when it (or the
 * commit) fails, and then returns FALSE from the calling function. */
#define RELAIS_DB_IN_TRANSACTION(db, error, body) \
  G_STMT_START { \
    if (!relais_db_begin ((db), (error))) \
      return FALSE; \
    if (!(body) || !relais_db_commit ((db), (error))) \
      { \
        relais_db_rollback (db); \
        return FALSE; \
      } \
  } G_STMT_END

/* A write of many rows (a reassignment or a routing of thousands of leads)
 * touches pages of every index all over the file: with @bulk, the page cache
 * of this connection grows to 256 MB (from 16 MB, or 2 MB for a job), so that
 * each page is read once and written once at commit rather than spilled and
 * read again. Call it outside transactions: set it before BEGIN and unset it
 * after COMMIT. */
void             relais_db_set_bulk          (RelaisDb    *self,
                                              gboolean     bulk);
/* Copies the write-ahead log into the store file. After a bulk write (which
 * leaves it to the caller), from the worker thread that wrote, so that no
 * later small write on the main thread pays for it. */
void             relais_db_checkpoint        (RelaisDb    *self);

/* Rewrites the store in one piece, with the page size of a new store:
 * everything or nothing. Needs the store to itself. */
gboolean         relais_db_compact           (RelaisDb    *self,
                                              GError     **error);

/* Stops the statement running on this connection, from any thread: it fails
 * with an "interrupted" error. Takes a GCancellable's signature for
 * g_cancellable_connect(). */
void             relais_db_interrupt         (GCancellable *cancellable,
                                              RelaisDb     *self);

/* The store's own key/value settings (table meta). */
char            *relais_db_get_meta          (RelaisDb    *self,
                                              const char  *key);
gboolean         relais_db_set_meta          (RelaisDb    *self,
                                              const char  *key,
                                              const char  *value,
                                              GError     **error);

/* Renames a damaged store (and its -wal and -shm files) out of the way, to
 * "PATH.damaged-YYYYMMDD-HHMMSS", so that a new store can be made at @path. */
gboolean         relais_db_set_aside         (const char  *path,
                                              char       **new_path,
                                              GError     **error);

/* Sets @error (in RELAIS_DB_ERROR) from the SQLite result code @rc and the
 * connection's last error message. Used by the store's repositories. */
void             relais_db_set_error         (RelaisDb    *self,
                                              int          rc,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisDbClaim, relais_db_claim_release)

G_END_DECLS
