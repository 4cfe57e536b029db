/* relais-rule-store-private.h — what the rule store's tests need beyond the
 * public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-rule-store.h"

G_BEGIN_DECLS

/* From how many leads given a run reads most of them on a second connection
 * (20,000 unless set): the tests make small runs take that way too. Returns
 * the number it replaces. */
gsize relais_rule_store_set_parallel_read_min (gsize n_ids);

G_END_DECLS
