/* relais-search.h — how lead search compares text: case- and accent-insensitive,
 * literal substrings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text without accents and in lower case ("Hélène Œuvray" → "helene oeuvray"):
 * the form in which leads are indexed and queries compared. NULL gives "". */
char *relais_search_fold         (const char *text);

/* A search typed by the user, folded and turned into an SQLite GLOB pattern
 * matching it as a literal substring: no wildcard or operator of the user's
 * has any effect ("a*b" finds "a*b"). Returns NULL for an empty search. */
char *relais_search_glob_pattern (const char *search);

/* The number of characters of a folded search: below 3 no trigram index helps. */
guint relais_search_length       (const char *search);

G_END_DECLS
