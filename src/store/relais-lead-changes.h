/* relais-lead-changes.h — every change to one lead, each in one transaction with
 * its journal entry; and what the lead's detail pane reads: notes and history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-db.h"
#include "relais-lead.h"

G_BEGIN_DECLS

#define RELAIS_LEAD_CHANGES_ERROR (relais_lead_changes_error_quark ())

typedef enum {
  RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND,   /* the lead is gone (deleted here or by sync) */
  RELAIS_LEAD_CHANGES_ERROR_CONFLICT,    /* the lead changed since it was read: reload */
  RELAIS_LEAD_CHANGES_ERROR_INVALID,     /* a field's value is not acceptable */
  RELAIS_LEAD_CHANGES_ERROR_TRANSITION,  /* the lifecycle forbids this status change */
} RelaisLeadChangesError;

/* The longest note, in characters. */
#define RELAIS_LEAD_NOTE_MAX_CHARS 10000

GQuark      relais_lead_changes_error_quark (void);

/* --- Notes ------------------------------------------------------------------ */

#define RELAIS_TYPE_LEAD_NOTE (relais_lead_note_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadNote, relais_lead_note, RELAIS, LEAD_NOTE, GObject)

/* Properties "id", "author", "text", "created-at" (µs since the epoch, UTC). */
gint64      relais_lead_note_get_id         (RelaisLeadNote *self);
const char *relais_lead_note_get_author     (RelaisLeadNote *self);
const char *relais_lead_note_get_text       (RelaisLeadNote *self);
gint64      relais_lead_note_get_created_at (RelaisLeadNote *self);

/* --- History ---------------------------------------------------------------- */

#define RELAIS_TYPE_LEAD_HISTORY_ENTRY (relais_lead_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (RelaisLeadHistoryEntry, relais_lead_history_entry, RELAIS, LEAD_HISTORY_ENTRY, GObject)

/* Properties "at" (µs since the epoch, UTC), "actor", "action" (the journal's
 * code: update, status, note, import, reassign, ...) and "text": translated
 * sentences, one per line, saying what happened. */
gint64      relais_lead_history_entry_get_at     (RelaisLeadHistoryEntry *self);
const char *relais_lead_history_entry_get_actor  (RelaisLeadHistoryEntry *self);
const char *relais_lead_history_entry_get_action (RelaisLeadHistoryEntry *self);
const char *relais_lead_history_entry_get_text   (RelaisLeadHistoryEntry *self);

/* Turns one journal entry about a lead into sentences (exposed for the tests). */
char       *relais_lead_history_describe     (const char  *actor,
                                              const char  *action,
                                              const char  *changes_json);

/* --- Changes ---------------------------------------------------------------- */

/* Whether a lead in its current state may be given status @to: the lifecycle
 * (relais_lead_status_can_change()) and what the store needs besides (a lead
 * needs a partner to be with a partner). The status menu offers only these. */
gboolean    relais_lead_changes_can_set_status (RelaisLead             *lead,
                                                RelaisLeadStatus        to);

/* Whether @a and @b differ in a field that relais_lead_changes_update() saves
 * (text compared without surrounding spaces). */
gboolean    relais_lead_changes_differ      (RelaisLead             *a,
                                             RelaisLead             *b);

/* Saves the editable fields of @edited (contact, address, interest, value,
 * quality) over its stored row, if the stored row still has @edited's revision.
 * Other fields of @edited (status, assignment, times) are ignored. On success
 * @edited gets the new revision and updated_at; when nothing differs, nothing is
 * written and TRUE is returned. */
gboolean    relais_lead_changes_update      (RelaisDb               *db,
                                             RelaisLead             *edited,
                                             GError                **error);

/* Moves the lead to status @to. Rejected needs @reason (not NONE), a
 * @quality_rating from 1 to 5 and a @comment; for other statuses they are
 * ignored. */
gboolean    relais_lead_changes_set_status  (RelaisDb               *db,
                                             gint64                  lead_id,
                                             RelaisLeadStatus        to,
                                             RelaisRejectionReason   reason,
                                             int                     quality_rating,
                                             const char             *comment,
                                             GError                **error);

gboolean    relais_lead_changes_add_note    (RelaisDb               *db,
                                             gint64                  lead_id,
                                             const char             *author,
                                             const char             *text,
                                             GError                **error);

/* Returns: (transfer full): a GListModel of RelaisLeadNote, newest first, or
 * %NULL with @error set. */
GListModel *relais_lead_changes_list_notes  (RelaisDb               *db,
                                             gint64                  lead_id,
                                             GError                **error);

/* Returns: (transfer full): a GListModel of RelaisLeadHistoryEntry, newest
 * first (the newest RELAIS_LEAD_HISTORY_MAX entries), or %NULL with @error set. */
#define RELAIS_LEAD_HISTORY_MAX 500
GListModel *relais_lead_changes_list_history (RelaisDb              *db,
                                              gint64                 lead_id,
                                              GError               **error);

/* Deletes the lead and its notes; the journal keeps the whole old row. */
gboolean    relais_lead_changes_delete      (RelaisDb               *db,
                                             gint64                  lead_id,
                                             GError                **error);

G_END_DECLS
