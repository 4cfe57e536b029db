/* relais-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-util.h"

#include <string.h>

gboolean
relais_set_str (char       **str_pointer,
                const char  *new_str)
{
  char *copy;

  g_return_val_if_fail (str_pointer != NULL, FALSE);

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/**
 * relais_uuid_new:
 *
 * Returns: (transfer full): a new random UUID.
 */
char *
relais_uuid_new (void)
{
  return g_uuid_string_random ();
}

gboolean
relais_uuid_is_valid (const char *str)
{
  return str != NULL && g_uuid_string_is_valid (str);
}

gboolean
relais_code_list_contains (const char *list,
                           const char *code)
{
  gsize len;

  if (list == NULL || code == NULL || code[0] == '\0')
    return FALSE;

  len = strlen (code);
  for (const char *p = list; *p != '\0';)
    {
      const char *end = strchr (p, ',');
      gsize item_len = end ? (gsize) (end - p) : strlen (p);

      if (item_len == len && g_ascii_strncasecmp (p, code, len) == 0)
        return TRUE;
      if (end == NULL)
        break;
      p = end + 1;
    }

  return FALSE;
}

/**
 * relais_format_count:
 *
 * Returns: (transfer full): @n with the digit grouping of LC_NUMERIC.
 */
char *
relais_format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}
