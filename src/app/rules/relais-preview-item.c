/* relais-preview-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-preview-item.h"

struct _RelaisPreviewItem
{
  GObject  parent_instance;

  gint64   id;
  char    *icon_name;
  char    *title;
  char    *detail;
  char    *accessible;
  double   value;
  double   max;
};

G_DEFINE_FINAL_TYPE (RelaisPreviewItem, relais_preview_item, G_TYPE_OBJECT)

static void
relais_preview_item_finalize (GObject *object)
{
  RelaisPreviewItem *self = RELAIS_PREVIEW_ITEM (object);

  g_free (self->icon_name);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->accessible);

  G_OBJECT_CLASS (relais_preview_item_parent_class)->finalize (object);
}

static void
relais_preview_item_class_init (RelaisPreviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = relais_preview_item_finalize;
}

static void
relais_preview_item_init (RelaisPreviewItem *self)
{
}

RelaisPreviewItem *
relais_preview_item_new (gint64      id,
                         const char *icon_name,
                         const char *title,
                         const char *detail,
                         const char *accessible,
                         double      value,
                         double      max)
{
  RelaisPreviewItem *self = g_object_new (RELAIS_TYPE_PREVIEW_ITEM, NULL);

  self->id = id;
  self->icon_name = g_strdup (icon_name);
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->accessible = g_strdup (accessible);
  self->value = value;
  self->max = max;
  return self;
}

gint64
relais_preview_item_get_id (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), 0);
  return self->id;
}

const char *
relais_preview_item_get_icon_name (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), NULL);
  return self->icon_name;
}

const char *
relais_preview_item_get_title (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), NULL);
  return self->title;
}

const char *
relais_preview_item_get_detail (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), NULL);
  return self->detail;
}

const char *
relais_preview_item_get_accessible (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), NULL);
  return self->accessible;
}

double
relais_preview_item_get_value (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), 0);
  return self->value;
}

double
relais_preview_item_get_max (RelaisPreviewItem *self)
{
  g_return_val_if_fail (RELAIS_IS_PREVIEW_ITEM (self), 0);
  return self->max;
}

void
relais_preview_item_set_title (RelaisPreviewItem *self,
                               const char        *title)
{
  g_return_if_fail (RELAIS_IS_PREVIEW_ITEM (self));
  g_free (self->title);
  self->title = g_strdup (title);
}
