/* relais-lead-model.c
 *
 * The model knows the ids of the leads in list order (8 bytes a lead: 8 MB for a
 * million) and builds a RelaisLead only when a row asks for it, so a list view
 * over a million leads touches just the rows on screen. Recently built leads are
 * kept in a small cache, so that scrolling back and forth does not hit SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-model.h"

#include "relais-lead-store.h"

/* About five screens of rows. */
#define CACHE_SIZE 1024

struct _RelaisLeadModel
{
  GObject     parent_instance;

  RelaisDb   *db;
  GArray     *ids;    /* gint64, in list order */
  GHashTable *cache;  /* id → RelaisLead */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RelaisLeadModel, relais_lead_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
relais_lead_model_get_item_type (GListModel *model)
{
  return RELAIS_TYPE_LEAD;
}

static guint
relais_lead_model_get_n_items (GListModel *model)
{
  RelaisLeadModel *self = RELAIS_LEAD_MODEL (model);

  return self->ids->len;
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
      /* Deleted by another process since the ids were read: show an empty row
       * rather than breaking the list's promise of n_items. */
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
relais_lead_model_finalize (GObject *object)
{
  RelaisLeadModel *self = (RelaisLeadModel *) object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (relais_lead_model_parent_class)->finalize (object);
}

static void
relais_lead_model_class_init (RelaisLeadModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_lead_model_finalize;
}

static void
relais_lead_model_init (RelaisLeadModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * relais_lead_model_new:
 *
 * Returns: (transfer full): an empty model; relais_lead_model_reload() fills it.
 */
RelaisLeadModel *
relais_lead_model_new (RelaisDb *db)
{
  RelaisLeadModel *self;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  self = g_object_new (RELAIS_TYPE_LEAD_MODEL, NULL);
  self->db = g_object_ref (db);

  return self;
}

gboolean
relais_lead_model_reload (RelaisLeadModel  *self,
                          GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  guint removed;

  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), FALSE);

  ids = relais_lead_store_list_ids (self->db, error);
  if (ids == NULL)
    return FALSE;

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  return TRUE;
}

gint64
relais_lead_model_get_id (RelaisLeadModel *self,
                          guint            position)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}
