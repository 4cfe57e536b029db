/* relais-preview-item.h — one row of the rules preview: a bar of the chart
 * (a partner, rep or queue and how many leads it would receive) or a lead
 * that would stay unassigned (its name and why).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RELAIS_TYPE_PREVIEW_ITEM (relais_preview_item_get_type ())
G_DECLARE_FINAL_TYPE (RelaisPreviewItem, relais_preview_item, RELAIS, PREVIEW_ITEM, GObject)

/* @title: the target's or the lead's name; @detail: the count shown beside
 * a bar ("120 · 12 %"), or why a lead stays unassigned; @value / @max: the
 * bar's length (0 for a lead); @icon_name: what kind of target. */
RelaisPreviewItem *relais_preview_item_new           (gint64       id,
                                                      const char  *icon_name,
                                                      const char  *title,
                                                      const char  *detail,
                                                      const char  *accessible,
                                                      double       value,
                                                      double       max);
gint64             relais_preview_item_get_id        (RelaisPreviewItem *self);
const char        *relais_preview_item_get_icon_name (RelaisPreviewItem *self);
const char        *relais_preview_item_get_title     (RelaisPreviewItem *self);
const char        *relais_preview_item_get_detail    (RelaisPreviewItem *self);
const char        *relais_preview_item_get_accessible (RelaisPreviewItem *self);
double             relais_preview_item_get_value     (RelaisPreviewItem *self);
double             relais_preview_item_get_max       (RelaisPreviewItem *self);
/* A lead's name is read when its row is first shown. */
void               relais_preview_item_set_title     (RelaisPreviewItem *self,
                                                      const char        *title);

G_END_DECLS
