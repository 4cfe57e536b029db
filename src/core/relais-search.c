/* relais-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-search.h"

#include <string.h>

/* Letters that do not decompose into a base letter and marks. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x00DF: return "ss";  /* ß */
    case 0x1E9E: return "ss";  /* ẞ */
    case 0x00E6: case 0x00C6: return "ae";  /* æ Æ */
    case 0x0153: case 0x0152: return "oe";  /* œ Œ */
    case 0x00F8: case 0x00D8: return "o";   /* ø Ø */
    case 0x0142: case 0x0141: return "l";   /* ł Ł */
    case 0x0111: case 0x0110: return "d";   /* đ Đ */
    case 0x00F0: case 0x00D0: return "d";   /* ð Ð */
    case 0x00FE: case 0x00DE: return "th";  /* þ Þ */
    case 0x0131: return "i";                /* ı */
    case 0x2019: case 0x2018: return "'";   /* typographic apostrophes */
    default: return NULL;
    }
}

/**
 * relais_search_fold:
 *
 * Returns: (transfer full): the folded text.
 */
char *
relais_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean ascii = TRUE;

  if (text == NULL)
    return g_strdup ("");

  /* Most names are plain ASCII: lower them without normalizing. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }
  if (ascii)
    return g_ascii_strdown (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");  /* not UTF-8: nothing to find in it */

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *special;

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;

      special = fold_special (c);
      if (special != NULL)
        g_string_append (out, special);
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

/**
 * relais_search_glob_pattern:
 *
 * Returns: (transfer full) (nullable): "*folded*" with *, ? and [ escaped.
 */
char *
relais_search_glob_pattern (const char *search)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;
  GString *pattern;

  if (search == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (search));
  if (trimmed[0] == '\0')
    return NULL;

  folded = relais_search_fold (trimmed);
  pattern = g_string_new ("*");
  for (const char *p = folded; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '*': g_string_append (pattern, "[*]"); break;
        case '?': g_string_append (pattern, "[?]"); break;
        case '[': g_string_append (pattern, "[[]"); break;
        /* Fields are joined with newlines in the index: a search never spans two. */
        case '\n': case '\r': g_string_append_c (pattern, ' '); break;
        default: g_string_append_c (pattern, *p); break;
        }
    }
  g_string_append_c (pattern, '*');

  return g_string_free (pattern, FALSE);
}

guint
relais_search_length (const char *search)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;

  if (search == NULL)
    return 0;

  trimmed = g_strstrip (g_strdup (search));
  folded = relais_search_fold (trimmed);
  return g_utf8_strlen (folded, -1);
}
