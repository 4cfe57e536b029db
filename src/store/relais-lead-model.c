/* relais-lead-model.c
 *
 * The model knows the ids of the leads of its query in view order (8 bytes a
 * lead: 8 MB for a million) and builds a RelaisLead only when a row asks for it,
 * so a list over a million leads touches just the rows on screen. Recently built
 * leads are kept in a small cache, so that scrolling back and forth does not hit
 * SQLite.
 *
 * A query is loaded in a worker thread on a second SQLite connection (WAL lets it
 * read while the main connection writes): first one page, shown at once, then
 * every id. Each load has a generation number; the results of a load that a
 * newer one replaced are dropped on arrival.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-model.h"

#include <string.h>

#include "relais-lead-query-store.h"
#include "relais-lead-store.h"

/* About five screens of rows. */
#define CACHE_SIZE 1024

/* The worker's connection: used by one load at a time. */
typedef struct {
  GMutex    lock;
  char     *path;
  RelaisDb *db;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_mutex_clear (&reader->lock);
  g_free (reader->path);
  g_clear_object (&reader->db);
}

static Reader *
reader_new (const char *path)
{
  Reader *reader = g_atomic_rc_box_new0 (Reader);

  g_mutex_init (&reader->lock);
  reader->path = g_strdup (path);
  return reader;
}

static void
reader_unref (Reader *reader)
{
  g_atomic_rc_box_release_full (reader, (GDestroyNotify) reader_clear);
}

struct _RelaisLeadModel
{
  GObject          parent_instance;

  RelaisDb        *db;           /* main thread: rows */
  Reader          *reader;       /* worker thread: ids */
  RelaisLeadQuery *query;
  GCancellable    *cancellable;  /* of the load in progress */
  guint            generation;
  gboolean         complete;

  GArray          *ids;          /* gint64, in view order */
  GHashTable      *cache;        /* id → RelaisLead */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RelaisLeadModel, relais_lead_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
relais_lead_model_get_item_type (GListModel *model)
{
  return RELAIS_TYPE_LEAD;
}

static guint
relais_lead_model_get_n_items (GListModel *model)
{
  return RELAIS_LEAD_MODEL (model)->ids->len;
}

static gpointer
relais_lead_model_get_item (GListModel *model,
                            guint       position)
{
  RelaisLeadModel *self = RELAIS_LEAD_MODEL (model);
  g_autoptr(GError) error = NULL;
  RelaisLead *lead;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  lead = g_hash_table_lookup (self->cache, &id);
  if (lead != NULL)
    return g_object_ref (lead);

  lead = relais_lead_store_load (self->db, id, &error);
  if (lead == NULL)
    {
      /* Deleted since the ids were read: show an empty row rather than breaking
       * the list's promise of n_items; the next load drops it. */
      if (error != NULL)
        g_warning ("Reading lead %" G_GINT64_FORMAT ": %s", id, error->message);
      lead = relais_lead_new ();
      relais_lead_set_id (lead, id);
    }

  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (lead));

  return lead;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = relais_lead_model_get_item_type;
  iface->get_n_items = relais_lead_model_get_n_items;
  iface->get_item = relais_lead_model_get_item;
}

static void
relais_lead_model_dispose (GObject *object)
{
  RelaisLeadModel *self = (RelaisLeadModel *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (relais_lead_model_parent_class)->dispose (object);
}

static void
relais_lead_model_finalize (GObject *object)
{
  RelaisLeadModel *self = (RelaisLeadModel *) object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->reader, reader_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_lead_model_parent_class)->finalize (object);
}

static void
relais_lead_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RelaisLeadModel *self = RELAIS_LEAD_MODEL (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_model_class_init (RelaisLeadModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = relais_lead_model_dispose;
  object_class->finalize = relais_lead_model_finalize;
  object_class->get_property = relais_lead_model_get_property;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with a GError when a load failed. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
relais_lead_model_init (RelaisLeadModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->query = relais_lead_query_new ();
  self->complete = TRUE;
}

/**
 * relais_lead_model_new:
 *
 * Returns: (transfer full): an empty model of every lead, newest first;
 *   relais_lead_model_reload() or _refresh() fills it.
 */
RelaisLeadModel *
relais_lead_model_new (RelaisDb *db)
{
  RelaisLeadModel *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  self = g_object_new (RELAIS_TYPE_LEAD_MODEL, NULL);
  self->db = g_object_ref (db);
  self->reader = reader_new (relais_db_get_path (db));

  return self;
}

static void
set_complete (RelaisLeadModel *self,
              gboolean         complete)
{
  if (self->complete != complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

/* Shows @ids (taken). When the current ids are a prefix of them (the first page
 * of the same load), only the new rows are announced: cheaper for the views. */
static void
take_ids (RelaisLeadModel *self,
          GArray          *ids)
{
  guint old_len = self->ids->len;
  gboolean prefix = old_len > 0 && old_len <= ids->len &&
                    memcmp (self->ids->data, ids->data, old_len * sizeof (gint64)) == 0;

  g_array_unref (self->ids);
  self->ids = ids;

  if (prefix)
    {
      if (ids->len > old_len)
        g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, ids->len - old_len);
      return;
    }

  g_hash_table_remove_all (self->cache);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
}

/* Shows @ids (taken) after the leads of @changed (a set of ids) changed in the
 * store: only the span between the first and the last difference is announced,
 * so the views keep their scroll position and the selection outside it; rows
 * showing a changed lead read it again in place. */
static void
take_changed_ids (RelaisLeadModel *self,
                  GArray          *ids,
                  GHashTable      *changed,
                  GPtrArray       *fresh)
{
  g_autoptr(GHashTable) fresh_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *old = self->ids;
  guint prefix = 0, suffix = 0;
  guint old_len = old->len, new_len = ids->len;
  const gint64 *a = (const gint64 *) old->data;
  const gint64 *b = (const gint64 *) ids->data;
  GHashTableIter iter;
  gpointer key, value;

  while (prefix < old_len && prefix < new_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         a[old_len - 1 - suffix] == b[new_len - 1 - suffix])
    suffix++;

  /* Rows that stay get the leads' new values, read by the worker. A changed
   * lead cached since the load started was read after the change; one the
   * worker did not find is gone. */
  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      RelaisLead *lead = g_ptr_array_index (fresh, i);
      gint64 *id = g_new (gint64, 1);

      *id = relais_lead_get_id (lead);
      g_hash_table_insert (fresh_by_id, id, lead);
    }
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RelaisLead *lead;

      if (!g_hash_table_contains (changed, key))
        continue;
      lead = g_hash_table_lookup (fresh_by_id, key);
      if (lead != NULL)
        relais_lead_copy_from (value, lead);
    }

  self->ids = ids;
  g_array_unref (old);

  if (prefix < old_len || prefix < new_len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_len - prefix - suffix, new_len - prefix - suffix);
}

/* One load; shared (reference counted) by its task and its first page. */
typedef struct {
  Reader          *reader;
  RelaisLeadQuery *query;
  guint            generation;
  gint64           now;
  GWeakRef         model;   /* only dereferenced on the main thread */
  /* A refresh after leads changed: no first page, rows kept where they can be. */
  GHashTable      *changed;
  GArray          *reload;   /* ids of changed leads the cache held at the start */
  GPtrArray       *fresh;    /* worker thread: those leads as they are now */
} Load;

static void
load_clear (Load *load)
{
  g_clear_pointer (&load->changed, g_hash_table_unref);
  g_clear_pointer (&load->reload, g_array_unref);
  g_clear_pointer (&load->fresh, g_ptr_array_unref);
  reader_unref (load->reader);
  g_object_unref (load->query);
  g_weak_ref_clear (&load->model);
}

static void
load_unref (Load *load)
{
  g_atomic_rc_box_release_full (load, (GDestroyNotify) load_clear);
}

typedef struct {
  Load   *load;
  GArray *ids;
} Page;

static gboolean
first_page_cb (gpointer user_data)
{
  Page *page = user_data;
  g_autoptr(RelaisLeadModel) self = g_weak_ref_get (&page->load->model);

  if (self != NULL && page->load->generation == self->generation)
    take_ids (self, g_steal_pointer (&page->ids));

  load_unref (page->load);
  g_clear_pointer (&page->ids, g_array_unref);
  g_free (page);
  return G_SOURCE_REMOVE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  Reader *reader = load->reader;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  Page *page;

  g_mutex_lock (&reader->lock);

  if (g_cancellable_is_cancelled (cancellable))
    goto out;

  if (reader->db == NULL)
    reader->db = relais_db_open (reader->path, &error);
  if (reader->db == NULL)
    goto out;

  if (load->changed == NULL)
    {
      if (!relais_lead_query_store_first_page (reader->db, load->query, load->now,
                                               RELAIS_LEAD_PAGE_SIZE, ids, cancellable, &error))
        goto out;

      page = g_new0 (Page, 1);
      page->load = g_atomic_rc_box_acquire (load);
      page->ids = g_array_copy (ids);
      g_main_context_invoke (g_task_get_context (task), first_page_cb, page);

      g_array_set_size (ids, 0);
    }
  relais_lead_query_store_all_ids (reader->db, load->query, load->now, ids, cancellable, &error);

  /* The changed leads the list holds are read here too, not on the main
   * thread: a drop of 10,000 leads may have hundreds of them in the cache. */
  if (error == NULL && load->reload != NULL)
    {
      load->fresh = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < load->reload->len && !g_cancellable_is_cancelled (cancellable); i++)
        {
          RelaisLead *lead = relais_lead_store_load (reader->db, g_array_index (load->reload, gint64, i), NULL);

          if (lead != NULL)
            g_ptr_array_add (load->fresh, lead);
        }
    }

out:
  g_mutex_unlock (&reader->lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_task_return_error_if_cancelled (task))
    return;
  else
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RelaisLeadModel *self = RELAIS_LEAD_MODEL (source);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (load->generation != self->generation)
    {
      g_clear_pointer (&ids, g_array_unref);
      return;
    }

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      set_complete (self, TRUE);
      return;
    }

  if (load->changed != NULL)
    take_changed_ids (self, ids, load->changed, load->fresh);
  else
    take_ids (self, ids);
  set_complete (self, TRUE);
}

static void
start_load_full (RelaisLeadModel *self,
                 GHashTable      *changed)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  load = g_atomic_rc_box_new0 (Load);
  load->reader = g_atomic_rc_box_acquire (self->reader);
  load->query = relais_lead_query_copy (self->query);
  load->generation = self->generation;
  load->now = g_get_real_time ();
  g_weak_ref_init (&load->model, self);
  load->changed = changed != NULL ? g_hash_table_ref (changed) : NULL;
  if (changed != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      load->reload = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (changed, key))
          g_array_append_val (load->reload, *(gint64 *) key);
    }

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load_full);
  g_task_set_task_data (task, load, (GDestroyNotify) load_unref);
  g_task_run_in_thread (task, load_thread);

  set_complete (self, FALSE);
}

static void
start_load (RelaisLeadModel *self)
{
  start_load_full (self, NULL);
}

/**
 * relais_lead_model_refresh_changed:
 * @ids: (element-type gint64): the leads that changed
 *
 * Loads the current query again in the background after the leads @ids
 * changed (a reassignment): the rows stay where they are, those of changed
 * leads show their new values, and only the part of the list that differs is
 * replaced when the load is done.
 */
void
relais_lead_model_refresh_changed (RelaisLeadModel *self,
                                   GArray          *ids)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_if_fail (RELAIS_IS_LEAD_MODEL (self));
  g_return_if_fail (ids != NULL);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (changed, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
  start_load_full (self, changed);
}

void
relais_lead_model_set_query (RelaisLeadModel *self,
                             RelaisLeadQuery *query)
{
  g_return_if_fail (RELAIS_IS_LEAD_MODEL (self));
  g_return_if_fail (RELAIS_IS_LEAD_QUERY (query));

  g_clear_object (&self->query);
  self->query = relais_lead_query_copy (query);
  start_load (self);
}

/**
 * relais_lead_model_get_query:
 *
 * Returns: (transfer none): the query shown (a copy of the one given).
 */
RelaisLeadQuery *
relais_lead_model_get_query (RelaisLeadModel *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), NULL);
  return self->query;
}

void
relais_lead_model_refresh (RelaisLeadModel *self)
{
  g_return_if_fail (RELAIS_IS_LEAD_MODEL (self));

  g_hash_table_remove_all (self->cache);
  start_load (self);
}

gboolean
relais_lead_model_reload (RelaisLeadModel  *self,
                          GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint removed;

  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), FALSE);

  /* Whatever was loading is older than this. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->generation++;

  if (!relais_lead_query_store_all_ids (self->db, self->query, g_get_real_time (), ids, NULL, error))
    return FALSE;

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  set_complete (self, TRUE);
  return TRUE;
}

gboolean
relais_lead_model_is_complete (RelaisLeadModel *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), TRUE);
  return self->complete;
}

gint64
relais_lead_model_get_id (RelaisLeadModel *self,
                          guint            position)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

void
relais_lead_model_invalidate (RelaisLeadModel *self,
                              gint64           id)
{
  g_return_if_fail (RELAIS_IS_LEAD_MODEL (self));

  g_hash_table_remove (self->cache, &id);
}

/**
 * relais_lead_model_update_lead:
 * @fresh: a lead as just read from the store
 *
 * The row showing @fresh's lead takes its values. The object a row is bound to
 * is updated in place (its cells follow its properties, the selection stays);
 * a lead not built yet is simply read again when a row asks for it.
 */
void
relais_lead_model_update_lead (RelaisLeadModel *self,
                               RelaisLead      *fresh)
{
  gint64 id;
  RelaisLead *shown;

  g_return_if_fail (RELAIS_IS_LEAD_MODEL (self));
  g_return_if_fail (RELAIS_IS_LEAD (fresh));

  id = relais_lead_get_id (fresh);
  shown = g_hash_table_lookup (self->cache, &id);
  if (shown != NULL)
    {
      relais_lead_copy_from (shown, fresh);
      return;
    }

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return;
        }
    }
}
