/* relais-journal.h — the change journal: who changed what, when, old → new.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "relais-db.h"

G_BEGIN_DECLS

/* The name recorded as the author of local changes. */
const char *relais_journal_get_actor (void);

/* Appends one entry; @changes is a JSON object (old → new values) or NULL.
 * Returns the entry's id, or 0 with @error set. Call inside the transaction
 * that makes the change, so that both are written or neither. */
gint64      relais_journal_append    (RelaisDb    *db,
                                      const char  *action,
                                      const char  *entity,
                                      const char  *entity_uuid,
                                      const char  *changes,
                                      GError     **error);
/* Links a lead to an entry, so that the lead's history shows bulk changes. */
gboolean    relais_journal_add_lead  (RelaisDb    *db,
                                      gint64       journal_id,
                                      gint64       lead_id,
                                      GError     **error);

G_END_DECLS
