/* relais-partner-changes.h — every change to partner accounts, their contacts
 * and the queues, each in one transaction with its journal entry.
 *
 * Values are checked and put in their stored form by src/core/relais-partner-rules.h
 * (errors in RELAIS_PARTNER_RULES_ERROR, whose code names the field at fault);
 * what only the store can know (a record gone, changed meanwhile, still in use,
 * a queue name taken) is told in RELAIS_PARTNER_CHANGES_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "relais-contact.h"
#include "relais-db.h"
#include "relais-partner.h"

G_BEGIN_DECLS

#define RELAIS_PARTNER_CHANGES_ERROR (relais_partner_changes_error_quark ())

typedef enum {
  RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND,   /* the record is gone (deleted here or by sync) */
  RELAIS_PARTNER_CHANGES_ERROR_CONFLICT,    /* the record changed since it was read: reload */
  RELAIS_PARTNER_CHANGES_ERROR_IN_USE,      /* leads, deals or prospects still need it */
  RELAIS_PARTNER_CHANGES_ERROR_DUPLICATE,   /* a queue of that name exists */
} RelaisPartnerChangesError;

GQuark      relais_partner_changes_error_quark (void);

/* --- Queues, as listed ------------------------------------------------------- */

#define RELAIS_TYPE_QUEUE (relais_queue_get_type ())
G_DECLARE_FINAL_TYPE (RelaisQueue, relais_queue, RELAIS, QUEUE, GObject)

/* Read-only properties "id", "uuid", "name", "description", "revision",
 * "n-members" (partners) and "n-leads" (leads waiting in it). */
gint64      relais_queue_get_id          (RelaisQueue *self);
const char *relais_queue_get_uuid        (RelaisQueue *self);
const char *relais_queue_get_name        (RelaisQueue *self);
const char *relais_queue_get_description (RelaisQueue *self);
gint64      relais_queue_get_revision    (RelaisQueue *self);
guint       relais_queue_get_n_members   (RelaisQueue *self);
guint       relais_queue_get_n_leads     (RelaisQueue *self);

/* --- Partners ---------------------------------------------------------------- */

/* Returns: (transfer full): partner @partner_id with its count of open leads,
 * or %NULL with @error set (NOT_FOUND when there is none). */
RelaisPartner *relais_partner_changes_load     (RelaisDb       *db,
                                                gint64          partner_id,
                                                GError        **error);

/* Whether @a and @b differ in a field that relais_partner_changes_update()
 * saves, once both are in their stored form (an invalid value differs). */
gboolean    relais_partner_changes_differ      (RelaisPartner  *a,
                                                RelaisPartner  *b);

/* Saves every editable field of @edited (name, tier, countries, technologies,
 * languages, capacity, active, out-of-office until, owner, website, city,
 * country, notes) over its stored row, if the stored row still has @edited's
 * revision. On success @edited holds the stored form, the new revision and
 * updated_at; when nothing differs, nothing is written and TRUE is returned. */
gboolean    relais_partner_changes_update      (RelaisDb       *db,
                                                RelaisPartner  *edited,
                                                GError        **error);

/* Only the "active" flag, for the switch of the detail pane: the rest of the
 * row is left as it is, but @revision must still be the stored one. */
gboolean    relais_partner_changes_set_active  (RelaisDb       *db,
                                                gint64          partner_id,
                                                gint64          revision,
                                                gboolean        active,
                                                GError        **error);

/* Adds @partner (id 0) after checking it; on success it holds its stored
 * form, id, uuid and times. */
gboolean    relais_partner_changes_create      (RelaisDb       *db,
                                                RelaisPartner  *partner,
                                                GError        **error);

/* Deletes a partner with its contacts and queue memberships; refused (IN_USE)
 * while any lead, deal or prospect refers to it: deactivate it instead. The
 * journal keeps the whole row and its contacts. */
gboolean    relais_partner_changes_delete      (RelaisDb       *db,
                                                gint64          partner_id,
                                                GError        **error);

/* --- Contacts ---------------------------------------------------------------- */

/* Returns: (transfer full): contact @contact_id, or %NULL with @error set. */
RelaisContact *relais_contact_changes_load     (RelaisDb       *db,
                                                gint64          contact_id,
                                                GError        **error);

/* Adds @contact (id 0) to the partner of its "partner-id". */
gboolean    relais_contact_changes_create      (RelaisDb       *db,
                                                RelaisContact  *contact,
                                                GError        **error);

/* Saves first and last name, e-mail, phone, role and "partner user" of
 * @edited, if the stored row still has its revision. */
gboolean    relais_contact_changes_update      (RelaisDb       *db,
                                                RelaisContact  *edited,
                                                GError        **error);

/* Deletes a contact; refused (IN_USE) while it is the rep of open leads. */
gboolean    relais_contact_changes_delete      (RelaisDb       *db,
                                                gint64          contact_id,
                                                GError        **error);

/* --- Queues ------------------------------------------------------------------ */

/* Returns: (transfer full): a GListModel of RelaisQueue by name, or %NULL
 * with @error set. */
GListModel *relais_queue_changes_list          (RelaisDb       *db,
                                                GError        **error);

/* Returns: the new queue's id, or 0 with @error set. Names are unique
 * whatever their case and accents. */
gint64      relais_queue_changes_create        (RelaisDb       *db,
                                                const char     *name,
                                                const char     *description,
                                                GError        **error);

/* Renames queue @queue_id and sets its description, if it still has @revision. */
gboolean    relais_queue_changes_update        (RelaisDb       *db,
                                                gint64          queue_id,
                                                gint64          revision,
                                                const char     *name,
                                                const char     *description,
                                                GError        **error);

/* Deletes a queue. Leads still waiting in it leave it (their queue becomes
 * none): move them first with relais_lead_assign() to keep them somewhere. */
gboolean    relais_queue_changes_delete        (RelaisDb       *db,
                                                gint64          queue_id,
                                                GError        **error);

/* Returns: (transfer full): the ids (gint64) of the member partners of queue
 * @queue_id, or %NULL with @error set. */
GArray     *relais_queue_changes_list_members  (RelaisDb       *db,
                                                gint64          queue_id,
                                                GError        **error);

/* Makes the partners @partner_ids (@n_ids of them, in any order, duplicates
 * ignored) the members of queue @queue_id, and no other. */
gboolean    relais_queue_changes_set_members   (RelaisDb       *db,
                                                gint64          queue_id,
                                                const gint64   *partner_ids,
                                                gsize           n_ids,
                                                GError        **error);

/* How many assignment rules send leads to queue @queue_id, or fall back on
 * it: deleting the queue takes it from them. -1 with @error set. */
gint64      relais_queue_changes_count_rules   (RelaisDb       *db,
                                                gint64          queue_id,
                                                GError        **error);

G_END_DECLS
