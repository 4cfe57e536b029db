/* relais-wal-vfs.c — the write-ahead log written in large pieces.
 *
 * SQLite writes a commit into its log one page at a time, two writes each (the
 * frame's header, then the page): a run of the rules over 100,000 leads is
 * some 90,000 system calls of 24 and 4,096 bytes. This VFS passes everything
 * to the default one, except that it gathers the writes that extend the log
 * one after the other (up to 1 MiB) and hands them over in pieces of 124 KiB.
 *
 * Nothing is kept back past the moment it matters: the gathered writes go to
 * the file
 *   - as soon as the page of a commit frame (a frame header whose "database
 *     size" field is not zero: the WAL file format) has been gathered, inside
 *     that same write, so that a failure (a full disk) fails the commit,
 *     before SQLite makes the commit visible to the other connections;
 *   - before any other operation on the log (read, sync, size, truncate,
 *     lock, file control, close) and any write that does not extend them;
 *   - and once more, should anything be left, when SQLite publishes a new
 *     log header (xShmBarrier of the database).
 * A process killed with writes still gathered had not committed them: SQLite
 * recovers the log up to the last commit frame that is in the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-wal-vfs.h"

#include <string.h>
#include <sqlite3.h>

#define BUFFER_SIZE     (1024 * 1024)
#define WRITE_SIZE      ((gsize) 126976)   /* 31 × 4 KiB */
#define FRAME_HDR_SIZE  24            /* WAL file format: a frame's header */

typedef struct _ShimFile ShimFile;

struct _ShimFile
{
  sqlite3_file   base;       /* pMethods: ours, or NULL when the open failed */
  sqlite3_file  *real;       /* the default VFS's file, right after this struct */
  ShimFile      *wal;        /* a database: its log, while open */
  ShimFile      *db;         /* a log: its database */
  gboolean       is_wal;
  char          *buffer;     /* a log: the writes gathered, from offset */
  gsize          length;
  sqlite3_int64  offset;
  gboolean       commit_header;   /* the last write was a commit frame's header */
  gboolean       committing;      /* from a commit's last page until it is visible */
};

/* The struct rounded up so that the real file that follows is aligned. */
#define SHIM_SIZE (((sizeof (ShimFile)) + 15) & ~(gsize) 15)

static sqlite3_vfs shim_vfs;
static sqlite3_vfs *real_vfs;

/* Writes what is gathered, if anything: never anything for a database
 * file, which gathers nothing. */
static int
flush (ShimFile *self)
{
  int rc = SQLITE_OK;

  /* In pieces of WRITE_SIZE at most: the unix VFS writes at most 128 KiB - 1
   * bytes a call (seekAndWrite() masks the size with 0x1ffff) and reports
   * the rest as a full disk. */
  for (gsize done = 0; done < self->length && rc == SQLITE_OK; done += WRITE_SIZE)
    rc = self->real->pMethods->xWrite (self->real, self->buffer + done, (int) MIN (WRITE_SIZE, self->length - done),
                                       self->offset + (sqlite3_int64) done);
  self->length = 0;
  return rc;
}

static int
shim_close (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);
  int close_rc = self->real->pMethods->xClose (self->real);

  if (self->is_wal && self->db != NULL && self->db->wal == self)
    self->db->wal = NULL;
  if (!self->is_wal && self->wal != NULL)
    self->wal->db = NULL;
  g_clear_pointer (&self->buffer, g_free);
  return rc != SQLITE_OK ? rc : close_rc;
}

static int
shim_read (sqlite3_file   *file,
           void           *data,
           int             amount,
           sqlite3_int64   offset)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xRead (self->real, data, amount, offset);
}

static int
shim_write (sqlite3_file   *file,
            const void     *data,
            int             amount,
            sqlite3_int64   offset)
{
  ShimFile *self = (ShimFile *) file;
  gboolean after_commit_header;
  int rc;

  if (!self->is_wal)
    return self->real->pMethods->xWrite (self->real, data, amount, offset);

  /* After the commit frame, until SQLite publishes the commit (checksums
   * written again, padding, truncation), every write goes straight through. */
  if (self->committing)
    return self->real->pMethods->xWrite (self->real, data, amount, offset);

  after_commit_header = self->commit_header;
  self->commit_header = FALSE;

  /* Only a write that extends the gathered ones, and fits, waits. */
  if (self->length > 0 && (offset != self->offset + (sqlite3_int64) self->length ||
                           self->length + (gsize) amount > BUFFER_SIZE))
    {
      rc = flush (self);
      if (rc != SQLITE_OK)
        return rc;
    }
  if ((gsize) amount > WRITE_SIZE)
    {
      rc = self->real->pMethods->xWrite (self->real, data, amount, offset);
      if (rc != SQLITE_OK)
        return rc;
    }
  else
    {
      if (self->length == 0)
        self->offset = offset;
      memcpy (self->buffer + self->length, data, (gsize) amount);
      self->length += (gsize) amount;
    }

  /* A frame header: bytes 4–7 hold the size of the database after a commit,
   * zero in the other frames. */
  if (amount == FRAME_HDR_SIZE)
    {
      const guchar *header = data;

      self->commit_header = (header[4] | header[5] | header[6] | header[7]) != 0;
      return SQLITE_OK;
    }
  if (!after_commit_header)
    return SQLITE_OK;

  /* The commit's last page: in the file before SQLite makes it visible, and
   * a failure (a full disk) fails the commit. */
  self->committing = TRUE;
  return flush (self);
}

static int
shim_truncate (sqlite3_file   *file,
               sqlite3_int64   size)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xTruncate (self->real, size);
}

static int
shim_sync (sqlite3_file *file,
           int           flags)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xSync (self->real, flags);
}

static int
shim_file_size (sqlite3_file   *file,
                sqlite3_int64  *size)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xFileSize (self->real, size);
}

static int
shim_lock (sqlite3_file *file,
           int           lock)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xLock (self->real, lock);
}

static int
shim_unlock (sqlite3_file *file,
             int           lock)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xUnlock (self->real, lock);
}

static int
shim_check_reserved_lock (sqlite3_file *file,
                          int          *reserved)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, reserved);
}

static int
shim_file_control (sqlite3_file *file,
                   int           op,
                   void         *arg)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  if (rc != SQLITE_OK)
    return rc;
  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
shim_shm_map (sqlite3_file   *file,
              int             page,
              int             page_size,
              int             extend,
              void volatile **pointer)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xShmMap (self->real, page, page_size, extend, pointer);
}

static int
shim_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  ShimFile *self = (ShimFile *) file;
  int rc = self->wal != NULL ? flush (self->wal) : SQLITE_OK;

  return rc != SQLITE_OK ? rc : self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *) file;

  /* Empty after a commit (see shim_write()); a failure here could not be
   * told to SQLite, hence the flush at the commit frame. */
  if (self->wal != NULL)
    {
      if (self->wal->length > 0 && flush (self->wal) != SQLITE_OK)
        g_warning ("A write of the store's log failed before a commit was made visible");
      self->wal->committing = FALSE;
    }
  self->real->pMethods->xShmBarrier (self->real);
}

static int
shim_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
shim_fetch (sqlite3_file   *file,
            sqlite3_int64   offset,
            int             amount,
            void          **pointer)
{
  ShimFile *self = (ShimFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xFetch (self->real, offset, amount, pointer);
}

static int
shim_unfetch (sqlite3_file   *file,
              sqlite3_int64   offset,
              void           *pointer)
{
  ShimFile *self = (ShimFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, pointer);
}

/* The default VFS of Debian's SQLite ("unix") has version 3 files: shared
 * memory and memory-mapped reads. Files of a lower version are not wrapped. */
static const sqlite3_io_methods shim_methods = {
  .iVersion = 3,
  .xClose = shim_close,
  .xRead = shim_read,
  .xWrite = shim_write,
  .xTruncate = shim_truncate,
  .xSync = shim_sync,
  .xFileSize = shim_file_size,
  .xLock = shim_lock,
  .xUnlock = shim_unlock,
  .xCheckReservedLock = shim_check_reserved_lock,
  .xFileControl = shim_file_control,
  .xSectorSize = shim_sector_size,
  .xDeviceCharacteristics = shim_device_characteristics,
  .xShmMap = shim_shm_map,
  .xShmLock = shim_shm_lock,
  .xShmBarrier = shim_shm_barrier,
  .xShmUnmap = shim_shm_unmap,
  .xFetch = shim_fetch,
  .xUnfetch = shim_unfetch,
};

static int
shim_open (sqlite3_vfs   *vfs,
           const char    *name,
           sqlite3_file  *file,
           int            flags,
           int           *out_flags)
{
  ShimFile *self = (ShimFile *) file;
  sqlite3_file *db = NULL;
  int rc;

  /* Only the database and its log are wrapped (the log needs its database,
   * for the moment a commit becomes visible); other files are the default
   * VFS's own, opened in place. */
  if ((flags & SQLITE_OPEN_WAL) != 0 && name != NULL)
    db = sqlite3_database_file_object (name);
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0 && (db == NULL || db->pMethods != &shim_methods))
    return real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  memset (self, 0, sizeof (ShimFile));
  self->real = (sqlite3_file *) ((char *) self + SHIM_SIZE);
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK || self->real->pMethods == NULL)
    {
      self->base.pMethods = NULL;   /* nothing to close */
      return rc;
    }
  if (self->real->pMethods->iVersion < 3)
    {
      /* Not the unix VFS's files: not ours to wrap. */
      self->real->pMethods->xClose (self->real);
      return real_vfs->xOpen (real_vfs, name, file, flags, out_flags);
    }

  self->base.pMethods = &shim_methods;
  if (db != NULL)
    {
      self->is_wal = TRUE;
      self->buffer = g_malloc (BUFFER_SIZE);
      self->db = (ShimFile *) db;
      self->db->wal = self;
    }
  return SQLITE_OK;
}

static int
shim_delete (sqlite3_vfs *vfs,
             const char  *name,
             int          sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs,
             const char  *name,
             int          flags,
             int         *result)
{
  return real_vfs->xAccess (real_vfs, name, flags, result);
}

static int
shim_full_pathname (sqlite3_vfs *vfs,
                    const char  *name,
                    int          size,
                    char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static void *
shim_dl_open (sqlite3_vfs *vfs,
              const char  *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
shim_dl_error (sqlite3_vfs *vfs,
               int          size,
               char        *message)
{
  real_vfs->xDlError (real_vfs, size, message);
}

static void (*shim_dl_sym (sqlite3_vfs *vfs,
                           void        *handle,
                           const char  *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
shim_dl_close (sqlite3_vfs *vfs,
               void        *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
shim_randomness (sqlite3_vfs *vfs,
                 int          size,
                 char        *out)
{
  return real_vfs->xRandomness (real_vfs, size, out);
}

static int
shim_sleep (sqlite3_vfs *vfs,
            int          microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
shim_current_time (sqlite3_vfs *vfs,
                   double      *now)
{
  return real_vfs->xCurrentTime (real_vfs, now);
}

static int
shim_get_last_error (sqlite3_vfs *vfs,
                     int          size,
                     char        *out)
{
  return real_vfs->xGetLastError != NULL ? real_vfs->xGetLastError (real_vfs, size, out) : 0;
}

static int
shim_current_time_int64 (sqlite3_vfs    *vfs,
                         sqlite3_int64  *now)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, now);
}

static gpointer
register_vfs (gpointer data)
{
  real_vfs = sqlite3_vfs_find (NULL);
  if (real_vfs == NULL || real_vfs->iVersion < 2)
    return NULL;

  shim_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) SHIM_SIZE + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "relais-wal",
    .xOpen = shim_open,
    .xDelete = shim_delete,
    .xAccess = shim_access,
    .xFullPathname = shim_full_pathname,
    .xDlOpen = shim_dl_open,
    .xDlError = shim_dl_error,
    .xDlSym = shim_dl_sym,
    .xDlClose = shim_dl_close,
    .xRandomness = shim_randomness,
    .xSleep = shim_sleep,
    .xCurrentTime = shim_current_time,
    .xGetLastError = shim_get_last_error,
    .xCurrentTimeInt64 = shim_current_time_int64,
  };
  if (sqlite3_vfs_register (&shim_vfs, 0) != SQLITE_OK)
    return NULL;
  return (gpointer) shim_vfs.zName;
}

const char *
relais_wal_vfs_get_name (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, register_vfs, NULL);
}
