/* relais-record-private.h — the accessors that every record type (lead, partner,
 * contact, ...) defines for its X-macro field lists, written once.
 *
 * A type's .c file declares `static GParamSpec *properties[N_PROPS]` and an enum
 * with PROP_<name> for each field, then expands these macros with its own prefix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "relais-util.h"

#define RELAIS_RECORD_DEFINE_TEXT(Type, prefix, CHECK, name) \
  const char * \
  prefix##_get_##name (Type *self) \
  { \
    g_return_val_if_fail (CHECK (self), NULL); \
    return self->name ? self->name : ""; \
  } \
  void \
  prefix##_set_##name (Type *self, const char *value) \
  { \
    g_return_if_fail (CHECK (self)); \
    if (relais_set_str (&self->name, value)) \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##name]); \
  }

#define RELAIS_RECORD_DEFINE_INT(Type, prefix, CHECK, name) \
  gint64 \
  prefix##_get_##name (Type *self) \
  { \
    g_return_val_if_fail (CHECK (self), 0); \
    return self->name; \
  } \
  void \
  prefix##_set_##name (Type *self, gint64 value) \
  { \
    g_return_if_fail (CHECK (self)); \
    if (self->name != value) \
      { \
        self->name = value; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##name]); \
      } \
  }

#define RELAIS_RECORD_TEXT_PSPEC(prop) \
  g_param_spec_string (prop, NULL, NULL, "", \
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RELAIS_RECORD_INT_PSPEC(prop) \
  g_param_spec_int64 (prop, NULL, NULL, G_MININT64, G_MAXINT64, 0, \
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
