/* relais-demo-data.h — a deterministic generator of realistic, multilingual demo
 * partners, contacts, leads and notes (for relais-cli demo and the first start).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "relais-contact.h"
#include "relais-lead.h"
#include "relais-partner.h"

G_BEGIN_DECLS

typedef struct _RelaisDemoData RelaisDemoData;

/* now: µs since the epoch (g_get_real_time()), reference for all generated times.
 * The same seed and now give exactly the same sequence of outputs. */
RelaisDemoData     *relais_demo_data_new          (guint32            seed,
                                                   gint64             now);
void                relais_demo_data_free         (RelaisDemoData    *self);

/* A new partner (transfer full) with every field set but its id (0). Names are
 * unique within one generator. */
RelaisPartner      *relais_demo_data_make_partner (RelaisDemoData    *self);

/* A new contact (transfer full) of partner, whose id the caller has set: names of
 * the partner's country, e-mail at the partner's domain, phone in the country's
 * format; admins are always partner users, reps about 70 % of the time. */
RelaisContact      *relais_demo_data_make_contact (RelaisDemoData    *self,
                                                   RelaisPartner     *partner,
                                                   RelaisContactRole  role);

/* Refills lead in place as a new, unassigned lead: every field is set, so that a
 * lead object can be reused across calls without keeping a previous value. */
void                relais_demo_data_fill_lead    (RelaisDemoData    *self,
                                                   RelaisLead        *lead);

/* A plausible note on lead, in its language when possible. Returns a newly
 * allocated string; *author_out receives a newly allocated person name. */
char               *relais_demo_data_make_note    (RelaisDemoData    *self,
                                                   RelaisLead        *lead,
                                                   char             **author_out);

/* Random helpers, so that every random choice of a demo load comes from the same
 * seeded stream. */
guint32             relais_demo_data_int_range    (RelaisDemoData    *self,
                                                   guint32            begin,
                                                   guint32            end); /* [begin, end) */
gboolean            relais_demo_data_chance       (RelaisDemoData    *self,
                                                   double             probability);
gint64              relais_demo_data_get_now      (RelaisDemoData    *self);

/* Static tables, NULL-terminated, owned by the module. */
const char * const *relais_demo_data_technologies (void);
const char * const *relais_demo_data_listings     (void);
const char * const *relais_demo_data_queue_names  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaisDemoData, relais_demo_data_free)

G_END_DECLS
