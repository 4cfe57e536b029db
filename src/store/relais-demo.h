/* relais-demo.h — fills an empty store with realistic demo data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-db.h"

G_BEGIN_DECLS

/* Called now and then with how many leads are written so far. */
typedef void (*RelaisDemoProgress) (guint64  done,
                                    guint64  total,
                                    gpointer user_data);

gboolean relais_demo_load (RelaisDb            *db,
                           guint64              n_leads,
                           guint                n_partners,
                           guint32              seed,
                           RelaisDemoProgress   progress,
                           gpointer             user_data,
                           GError             **error);

/* Adds example assignment rules (src/core/relais-routing.h) built on the
 * store's partners and queues: one of each strategy, by country, with
 * fallback queues, a reroute delay, and one disabled. Only into a store
 * that has partners and no rule yet; in one transaction. */
gboolean relais_demo_add_rules (RelaisDb            *db,
                                GError             **error);

G_END_DECLS
