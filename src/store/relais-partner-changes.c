/* relais-partner-changes.c
 *
 * Each public change below is one transaction: it reads the stored row,
 * checks the change with src/core/relais-partner-rules.c, writes the row
 * (updated_at = now, revision + 1) and one journal entry with the old and new
 * value of every field it changed ([old, new] pairs, as for leads). When
 * anything fails, the transaction is rolled back: nothing is half-written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-partner-changes.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "relais-journal.h"
#include "relais-partner-rules.h"
#include "relais-partner-store.h"
#include "relais-util.h"

G_DEFINE_QUARK (relais-partner-changes-error-quark, relais_partner_changes_error)

/* The partner's text fields that relais_partner_changes_update() saves; each
 * is the column of the same name. */
#define PARTNER_TEXT_FIELDS(X) \
  X (name) \
  X (countries) \
  X (technologies) \
  X (languages) \
  X (owner) \
  X (website) \
  X (city) \
  X (country) \
  X (notes)

#define CONTACT_TEXT_FIELDS(X) \
  X (first_name) \
  X (last_name) \
  X (email) \
  X (phone)

/* ------------------------------------------------------------------------ */
/* RelaisQueue                                                               */

struct _RelaisQueue
{
  GObject  parent_instance;
  gint64   id;
  char    *uuid;
  char    *name;
  char    *description;
  gint64   revision;
  guint    n_members;
  guint    n_leads;
};

G_DEFINE_FINAL_TYPE (RelaisQueue, relais_queue, G_TYPE_OBJECT)

enum {
  QUEUE_PROP_0,
  QUEUE_PROP_ID,
  QUEUE_PROP_UUID,
  QUEUE_PROP_NAME,
  QUEUE_PROP_DESCRIPTION,
  QUEUE_PROP_REVISION,
  QUEUE_PROP_N_MEMBERS,
  QUEUE_PROP_N_LEADS,
  QUEUE_N_PROPS
};

static GParamSpec *queue_properties[QUEUE_N_PROPS];

static void
relais_queue_finalize (GObject *object)
{
  RelaisQueue *self = (RelaisQueue *) object;

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (relais_queue_parent_class)->finalize (object);
}

static void
relais_queue_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RelaisQueue *self = RELAIS_QUEUE (object);

  switch (prop_id)
    {
    case QUEUE_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case QUEUE_PROP_UUID:
      g_value_set_string (value, relais_queue_get_uuid (self));
      break;
    case QUEUE_PROP_NAME:
      g_value_set_string (value, relais_queue_get_name (self));
      break;
    case QUEUE_PROP_DESCRIPTION:
      g_value_set_string (value, relais_queue_get_description (self));
      break;
    case QUEUE_PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case QUEUE_PROP_N_MEMBERS:
      g_value_set_uint (value, self->n_members);
      break;
    case QUEUE_PROP_N_LEADS:
      g_value_set_uint (value, self->n_leads);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_queue_class_init (RelaisQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_queue_finalize;
  object_class->get_property = relais_queue_get_property;

  queue_properties[QUEUE_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_N_MEMBERS] =
    g_param_spec_uint ("n-members", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  queue_properties[QUEUE_PROP_N_LEADS] =
    g_param_spec_uint ("n-leads", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, QUEUE_N_PROPS, queue_properties);
}

static void
relais_queue_init (RelaisQueue *self)
{
  self->revision = 1;
}

gint64
relais_queue_get_id (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), 0);
  return self->id;
}

const char *
relais_queue_get_uuid (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), NULL);
  return self->uuid ? self->uuid : "";
}

const char *
relais_queue_get_name (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), NULL);
  return self->name ? self->name : "";
}

const char *
relais_queue_get_description (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), NULL);
  return self->description ? self->description : "";
}

gint64
relais_queue_get_revision (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), 0);
  return self->revision;
}

guint
relais_queue_get_n_members (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), 0);
  return self->n_members;
}

guint
relais_queue_get_n_leads (RelaisQueue *self)
{
  g_return_val_if_fail (RELAIS_IS_QUEUE (self), 0);
  return self->n_leads;
}

/* ------------------------------------------------------------------------ */
/* Shared steps                                                              */

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* [old, new]; a NULL side is written as null (a record created or deleted). */
static void
add_text_pair (JsonBuilder *builder,
               const char  *key,
               const char  *old_value,
               const char  *new_value)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  if (old_value != NULL)
    json_builder_add_string_value (builder, old_value);
  else
    json_builder_add_null_value (builder);
  if (new_value != NULL)
    json_builder_add_string_value (builder, new_value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_array (builder);
}

typedef enum {
  SIDE_VALUE,
  SIDE_NULL,      /* the record does not exist on this side */
  SIDE_OPTIONAL,  /* 0 is "none": written as null */
} SideKind;

static void
add_int_side (JsonBuilder *builder,
              gint64       value,
              SideKind     kind)
{
  if (kind == SIDE_NULL || (kind == SIDE_OPTIONAL && value == 0))
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_int_pair (JsonBuilder *builder,
              const char  *key,
              gint64       old_value,
              SideKind     old_kind,
              gint64       new_value,
              SideKind     new_kind)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  add_int_side (builder, old_value, old_kind);
  add_int_side (builder, new_value, new_kind);
  json_builder_end_array (builder);
}

static void
add_bool_pair (JsonBuilder *builder,
               const char  *key,
               int          old_value,  /* -1: none */
               int          new_value)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  if (old_value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, old_value != 0);
  if (new_value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, new_value != 0);
  json_builder_end_array (builder);
}

/* A copy of @record (a partner or a contact) with every writable property. */
static gpointer
record_copy (gpointer record)
{
  GObject *copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0 || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (record), pspecs[i]->name, &value);
      g_object_set_property (copy, pspecs[i]->name, &value);
    }

  return copy;
}

static gint64
count_rows (RelaisDb    *db,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, sql, error);
  gint64 n;

  if (st == NULL)
    return -1;

  relais_statement_bind_int64 (st, 1, id);
  if (!relais_statement_next_row (st, error))
    return -1;
  n = relais_statement_get_int64 (st, 0);
  relais_statement_reset (st);
  return n;
}

/* Whether the UPDATE just run changed a row: a row whose revision moved on
 * between the read and the write (sync, in another connection) is not. */
static gboolean
check_one_row_changed (RelaisDb    *db,
                       const char  *message,
                       GError     **error)
{
  if (sqlite3_changes (relais_db_get_handle (db)) == 1)
    return TRUE;

  g_set_error_literal (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT, message);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Partners                                                                  */

static void
set_partner_not_found (GError **error)
{
  g_set_error_literal (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND,
                       _("This partner no longer exists: it was deleted, here or by another channel manager."));
}

RelaisPartner *
relais_partner_changes_load (RelaisDb  *db,
                             gint64     partner_id,
                             GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisPartner) partner = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT " RELAIS_PARTNER_COLUMNS " FROM partner p WHERE p.id = ?", error);
  if (st == NULL)
    return NULL;

  relais_statement_bind_int64 (st, 1, partner_id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_partner_not_found (error);
      return NULL;
    }

  partner = relais_partner_store_read_row (st);
  relais_statement_reset (st);

  return g_steal_pointer (&partner);
}

static const char *
tier_code (RelaisPartner *partner)
{
  return relais_enum_code (&relais_partner_tier_info, relais_partner_get_tier (partner));
}

gboolean
relais_partner_changes_differ (RelaisPartner *a,
                               RelaisPartner *b)
{
  g_autoptr(RelaisPartner) x = NULL;
  g_autoptr(RelaisPartner) y = NULL;

  g_return_val_if_fail (RELAIS_IS_PARTNER (a), TRUE);
  g_return_val_if_fail (RELAIS_IS_PARTNER (b), TRUE);

  x = record_copy (a);
  y = record_copy (b);
  if (!relais_partner_rules_normalize (x, NULL) || !relais_partner_rules_normalize (y, NULL))
    return TRUE;

#define DIFFER_TEXT(name) \
  if (!g_str_equal (relais_partner_get_##name (x), relais_partner_get_##name (y))) \
    return TRUE;
  PARTNER_TEXT_FIELDS (DIFFER_TEXT)
#undef DIFFER_TEXT

  return relais_partner_get_tier (x) != relais_partner_get_tier (y)
      || relais_partner_get_capacity (x) != relais_partner_get_capacity (y)
      || relais_partner_get_active (x) != relais_partner_get_active (y)
      || relais_partner_get_out_of_office_until (x) != relais_partner_get_out_of_office_until (y);
}

static void
set_partner_conflict (RelaisPartner  *stored,
                      GError        **error)
{
  g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT,
               /* Translators: %s is a partner company */
               _("The partner “%s” was changed elsewhere since you opened it, so your changes were not saved. Reload it and make them again."),
               relais_partner_get_name (stored));
}

static gboolean
partner_update_in_transaction (RelaisDb       *db,
                               RelaisPartner  *edited,
                               gboolean       *written,
                               GError        **error)
{
  g_autoptr(RelaisPartner) stored = NULL;
  g_autoptr(RelaisPartner) normal = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  guint n_changed = 0;
  int col = 1;

  stored = relais_partner_changes_load (db, relais_partner_get_id (edited), error);
  if (stored == NULL)
    return FALSE;

  if (relais_partner_get_revision (stored) != relais_partner_get_revision (edited))
    {
      set_partner_conflict (stored, error);
      return FALSE;
    }

  normal = record_copy (edited);
  if (!relais_partner_rules_normalize (normal, error))
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

#define DIFF_TEXT(name) \
  if (!g_str_equal (relais_partner_get_##name (stored), relais_partner_get_##name (normal))) \
    { \
      add_text_pair (builder, #name, relais_partner_get_##name (stored), relais_partner_get_##name (normal)); \
      n_changed++; \
    }
  PARTNER_TEXT_FIELDS (DIFF_TEXT)
#undef DIFF_TEXT

  if (relais_partner_get_tier (stored) != relais_partner_get_tier (normal))
    {
      add_text_pair (builder, "tier", tier_code (stored), tier_code (normal));
      n_changed++;
    }
  if (relais_partner_get_capacity (stored) != relais_partner_get_capacity (normal))
    {
      add_int_pair (builder, "capacity", relais_partner_get_capacity (stored), SIDE_VALUE,
                    relais_partner_get_capacity (normal), SIDE_VALUE);
      n_changed++;
    }
  if (relais_partner_get_active (stored) != relais_partner_get_active (normal))
    {
      add_bool_pair (builder, "active", relais_partner_get_active (stored), relais_partner_get_active (normal));
      n_changed++;
    }
  if (relais_partner_get_out_of_office_until (stored) != relais_partner_get_out_of_office_until (normal))
    {
      add_int_pair (builder, "out_of_office_until", relais_partner_get_out_of_office_until (stored), SIDE_OPTIONAL,
                    relais_partner_get_out_of_office_until (normal), SIDE_OPTIONAL);
      n_changed++;
    }

  json_builder_end_object (builder);

  if (n_changed == 0)
    return TRUE;

  st = relais_db_prepare (db,
                          "UPDATE partner SET name = ?, countries = ?, technologies = ?, languages = ?,"
                          " owner = ?, website = ?, city = ?, country = ?, notes = ?, tier = ?,"
                          " capacity = ?, active = ?, out_of_office_until = ?, updated_at = ?,"
                          " revision = revision + 1"
                          " WHERE id = ? AND revision = ?",
                          error);
  if (st == NULL)
    return FALSE;

  /* The same order as PARTNER_TEXT_FIELDS. */
#define BIND_TEXT(name) relais_statement_bind_text (st, col++, relais_partner_get_##name (normal));
  PARTNER_TEXT_FIELDS (BIND_TEXT)
#undef BIND_TEXT
  relais_statement_bind_text (st, col++, tier_code (normal));
  relais_statement_bind_int64 (st, col++, relais_partner_get_capacity (normal));
  relais_statement_bind_int64 (st, col++, relais_partner_get_active (normal));
  relais_statement_bind_id (st, col++, relais_partner_get_out_of_office_until (normal));
  relais_statement_bind_int64 (st, col++, g_get_real_time ());
  relais_statement_bind_int64 (st, col++, relais_partner_get_id (stored));
  relais_statement_bind_int64 (st, col++, relais_partner_get_revision (stored));

  if (!relais_statement_execute (st, error))
    return FALSE;
  if (sqlite3_changes (relais_db_get_handle (db)) != 1)
    {
      set_partner_conflict (stored, error);
      return FALSE;
    }

  changes = builder_to_json (builder);
  if (relais_journal_append (db, "update", "partner", relais_partner_get_uuid (stored), changes, error) == 0)
    return FALSE;

  *written = TRUE;
  return TRUE;
}

/* After a write: @record takes the stored form of its fields, its revision
 * and updated_at. */
static void
follow_stored_partner (RelaisDb      *db,
                       RelaisPartner *partner)
{
  g_autoptr(RelaisPartner) stored = relais_partner_changes_load (db, relais_partner_get_id (partner), NULL);

  if (stored == NULL)
    return;

#define FOLLOW_TEXT(name) relais_partner_set_##name (partner, relais_partner_get_##name (stored));
  PARTNER_TEXT_FIELDS (FOLLOW_TEXT)
#undef FOLLOW_TEXT
  relais_partner_set_uuid (partner, relais_partner_get_uuid (stored));
  relais_partner_set_tier (partner, relais_partner_get_tier (stored));
  relais_partner_set_capacity (partner, relais_partner_get_capacity (stored));
  relais_partner_set_active (partner, relais_partner_get_active (stored));
  relais_partner_set_out_of_office_until (partner, relais_partner_get_out_of_office_until (stored));
  relais_partner_set_created_at (partner, relais_partner_get_created_at (stored));
  relais_partner_set_updated_at (partner, relais_partner_get_updated_at (stored));
  relais_partner_set_revision (partner, relais_partner_get_revision (stored));
  relais_partner_set_open_leads (partner, relais_partner_get_open_leads (stored));
}

/**
 * relais_partner_changes_update:
 * @edited: a partner read from the store (its id and revision), with edited fields
 *
 * Returns: whether the fields are saved (or nothing differed); %FALSE with
 *   @error set (RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_CHANGES_ERROR or
 *   RELAIS_DB_ERROR) and nothing written.
 */
gboolean
relais_partner_changes_update (RelaisDb       *db,
                               RelaisPartner  *edited,
                               GError        **error)
{
  gboolean written = FALSE;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_PARTNER (edited), FALSE);
  g_return_val_if_fail (relais_partner_get_id (edited) > 0, FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, partner_update_in_transaction (db, edited, &written, error));

  if (written)
    follow_stored_partner (db, edited);
  return TRUE;
}

static gboolean
set_active_in_transaction (RelaisDb  *db,
                           gint64     partner_id,
                           gint64     revision,
                           gboolean   active,
                           GError   **error)
{
  g_autoptr(RelaisPartner) stored = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *changes = NULL;

  stored = relais_partner_changes_load (db, partner_id, error);
  if (stored == NULL)
    return FALSE;

  if (relais_partner_get_revision (stored) != revision)
    {
      set_partner_conflict (stored, error);
      return FALSE;
    }

  if (relais_partner_get_active (stored) == !!active)
    return TRUE;

  st = relais_db_prepare (db,
                          "UPDATE partner SET active = ?, updated_at = ?, revision = revision + 1"
                          " WHERE id = ? AND revision = ?",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, !!active);
  relais_statement_bind_int64 (st, 2, g_get_real_time ());
  relais_statement_bind_int64 (st, 3, partner_id);
  relais_statement_bind_int64 (st, 4, revision);
  if (!relais_statement_execute (st, error))
    return FALSE;
  if (sqlite3_changes (relais_db_get_handle (db)) != 1)
    {
      set_partner_conflict (stored, error);
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_bool_pair (builder, "active", relais_partner_get_active (stored), !!active);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  return relais_journal_append (db, "update", "partner", relais_partner_get_uuid (stored), changes, error) != 0;
}

gboolean
relais_partner_changes_set_active (RelaisDb  *db,
                                   gint64     partner_id,
                                   gint64     revision,
                                   gboolean   active,
                                   GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, set_active_in_transaction (db, partner_id, revision, active, error));
  return TRUE;
}

/* Every field of @partner as [old, new] pairs, with null on the side where the
 * record does not exist: the journal entry of a creation or a deletion. */
static void
add_whole_partner (JsonBuilder   *builder,
                   RelaisPartner *partner,
                   gboolean       created)
{
#define WHOLE_TEXT(name) \
  add_text_pair (builder, #name, created ? NULL : relais_partner_get_##name (partner), \
                 created ? relais_partner_get_##name (partner) : NULL);
  PARTNER_TEXT_FIELDS (WHOLE_TEXT)
#undef WHOLE_TEXT

  add_text_pair (builder, "tier", created ? NULL : tier_code (partner), created ? tier_code (partner) : NULL);
  add_int_pair (builder, "capacity",
                relais_partner_get_capacity (partner), created ? SIDE_NULL : SIDE_VALUE,
                relais_partner_get_capacity (partner), created ? SIDE_VALUE : SIDE_NULL);
  add_bool_pair (builder, "active",
                 created ? -1 : relais_partner_get_active (partner),
                 created ? relais_partner_get_active (partner) : -1);
  add_int_pair (builder, "out_of_office_until",
                relais_partner_get_out_of_office_until (partner), created ? SIDE_NULL : SIDE_OPTIONAL,
                relais_partner_get_out_of_office_until (partner), created ? SIDE_OPTIONAL : SIDE_NULL);
}

static gboolean
partner_create_in_transaction (RelaisDb       *db,
                               RelaisPartner  *partner,
                               GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *changes = NULL;

  if (!relais_partner_store_insert (db, partner, error))
    return FALSE;

  json_builder_begin_object (builder);
  add_whole_partner (builder, partner, TRUE);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  return relais_journal_append (db, "create", "partner", relais_partner_get_uuid (partner), changes, error) != 0;
}

/**
 * relais_partner_changes_create:
 *
 * Returns: whether the partner was added; %FALSE with @error set and nothing
 *   written (@partner keeps id 0).
 */
gboolean
relais_partner_changes_create (RelaisDb       *db,
                               RelaisPartner  *partner,
                               GError        **error)
{
  g_autoptr(RelaisPartner) normal = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_PARTNER (partner), FALSE);
  g_return_val_if_fail (relais_partner_get_id (partner) == 0, FALSE);

  normal = record_copy (partner);
  relais_partner_set_revision (normal, 1);
  relais_partner_set_open_leads (normal, 0);
  if (!relais_partner_rules_normalize (normal, error))
    return FALSE;

  RELAIS_DB_IN_TRANSACTION (db, error, partner_create_in_transaction (db, normal, error));

  relais_partner_set_id (partner, relais_partner_get_id (normal));
  follow_stored_partner (db, partner);
  return TRUE;
}

/* The contacts and queues of a partner about to be deleted, for the journal. */
static gboolean
add_partner_dependents (RelaisDb     *db,
                        JsonBuilder  *builder,
                        gint64        partner_id,
                        GError      **error)
{
  g_autoptr(GListStore) contacts = relais_partner_store_list_contacts (db, partner_id, error);
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  if (contacts == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (contacts)); i++)
    {
      g_autoptr(RelaisContact) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, relais_contact_get_uuid (contact));
      json_builder_set_member_name (builder, "first_name");
      json_builder_add_string_value (builder, relais_contact_get_first_name (contact));
      json_builder_set_member_name (builder, "last_name");
      json_builder_add_string_value (builder, relais_contact_get_last_name (contact));
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, relais_contact_get_email (contact));
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, relais_contact_get_phone (contact));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, relais_enum_code (&relais_contact_role_info, relais_contact_get_role (contact)));
      json_builder_set_member_name (builder, "partner_user");
      json_builder_add_boolean_value (builder, relais_contact_get_partner_user (contact));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);

  st = relais_db_prepare (db,
                          "SELECT q.uuid FROM queue_member m JOIN queue q ON q.id = m.queue_id"
                          " WHERE m.partner_id = ? ORDER BY q.id",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, partner_id);
  json_builder_set_member_name (builder, "queues");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  while (relais_statement_next (st, &local_error))
    json_builder_add_string_value (builder, relais_statement_get_text (st, 0));
  json_builder_end_array (builder);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
partner_delete_in_transaction (RelaisDb  *db,
                               gint64     partner_id,
                               GError   **error)
{
  g_autoptr(RelaisPartner) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  gint64 n_leads, n_others;

  stored = relais_partner_changes_load (db, partner_id, error);
  if (stored == NULL)
    return FALSE;

  n_leads = count_rows (db, "SELECT count(*) FROM lead WHERE partner_id = ?", partner_id, error);
  if (n_leads < 0)
    return FALSE;
  if (n_leads > 0)
    {
      g_autofree char *count = relais_format_count (n_leads);

      g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$s is a partner company, %2$s a formatted number of leads */
                                "“%1$s” has %2$s lead, so it cannot be deleted: its history would be lost. Deactivate the partner instead.",
                                "“%1$s” has %2$s leads, so it cannot be deleted: their history would be lost. Deactivate the partner instead.",
                                n_leads),
                   relais_partner_get_name (stored), count);
      return FALSE;
    }

  n_others = count_rows (db,
                         "SELECT (SELECT count(*) FROM deal WHERE partner_id = ?1)"
                         " + (SELECT count(*) FROM deal_invitation WHERE partner_id = ?1)"
                         " + (SELECT count(*) FROM prospect WHERE partner_id = ?1)",
                         partner_id, error);
  if (n_others < 0)
    return FALSE;
  if (n_others > 0)
    {
      g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_IN_USE,
                   /* Translators: %s is a partner company */
                   _("“%s” works on deals or prospects, so it cannot be deleted. Deactivate the partner instead."),
                   relais_partner_get_name (stored));
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_whole_partner (builder, stored, FALSE);
  if (!add_partner_dependents (db, builder, partner_id, error))
    return FALSE;
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  if (relais_journal_append (db, "delete", "partner", relais_partner_get_uuid (stored), changes, error) == 0)
    return FALSE;

  /* Contacts and queue memberships go with it (ON DELETE CASCADE). */
  st = relais_db_prepare (db, "DELETE FROM partner WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, partner_id);
  return relais_statement_execute (st, error);
}

gboolean
relais_partner_changes_delete (RelaisDb  *db,
                               gint64     partner_id,
                               GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, partner_delete_in_transaction (db, partner_id, error));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Contacts                                                                  */

static void
set_contact_not_found (GError **error)
{
  g_set_error_literal (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND,
                       _("This contact no longer exists: it was deleted, here or by another channel manager."));
}

static const char *
role_code (RelaisContact *contact)
{
  return relais_enum_code (&relais_contact_role_info, relais_contact_get_role (contact));
}

static char *
contact_display_name (RelaisContact *contact)
{
  const char *first = relais_contact_get_first_name (contact);
  const char *last = relais_contact_get_last_name (contact);

  if (first[0] == '\0')
    return g_strdup (last);
  /* Translators: a person's full name: %1$s is the first name, %2$s the last name */
  return g_strdup_printf (_("%1$s %2$s"), first, last);
}

RelaisContact *
relais_contact_changes_load (RelaisDb  *db,
                             gint64     contact_id,
                             GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisContact) contact = NULL;
  GError *local_error = NULL;
  int role = RELAIS_CONTACT_ROLE_SALES_REP;
  int i = 0;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db,
                          "SELECT id, uuid, partner_id, first_name, last_name, email, phone,"
                          " role, partner_user, created_at, updated_at, revision"
                          " FROM contact WHERE id = ?",
                          error);
  if (st == NULL)
    return NULL;

  relais_statement_bind_int64 (st, 1, contact_id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_contact_not_found (error);
      return NULL;
    }

  contact = relais_contact_new ();
  relais_contact_set_id (contact, relais_statement_get_int64 (st, i++));
  relais_contact_set_uuid (contact, relais_statement_get_text (st, i++));
  relais_contact_set_partner_id (contact, relais_statement_get_int64 (st, i++));
  relais_contact_set_first_name (contact, relais_statement_get_text (st, i++));
  relais_contact_set_last_name (contact, relais_statement_get_text (st, i++));
  relais_contact_set_email (contact, relais_statement_get_text (st, i++));
  relais_contact_set_phone (contact, relais_statement_get_text (st, i++));
  relais_enum_from_code (&relais_contact_role_info, relais_statement_get_text (st, i++), &role);
  relais_contact_set_role (contact, role);
  relais_contact_set_partner_user (contact, relais_statement_get_int64 (st, i++) != 0);
  relais_contact_set_created_at (contact, relais_statement_get_int64 (st, i++));
  relais_contact_set_updated_at (contact, relais_statement_get_int64 (st, i++));
  relais_contact_set_revision (contact, relais_statement_get_int64 (st, i++));
  relais_statement_reset (st);

  return g_steal_pointer (&contact);
}

static void
follow_stored_contact (RelaisDb      *db,
                       RelaisContact *contact)
{
  g_autoptr(RelaisContact) stored = relais_contact_changes_load (db, relais_contact_get_id (contact), NULL);

  if (stored == NULL)
    return;

#define FOLLOW_TEXT(name) relais_contact_set_##name (contact, relais_contact_get_##name (stored));
  CONTACT_TEXT_FIELDS (FOLLOW_TEXT)
#undef FOLLOW_TEXT
  relais_contact_set_uuid (contact, relais_contact_get_uuid (stored));
  relais_contact_set_role (contact, relais_contact_get_role (stored));
  relais_contact_set_partner_user (contact, relais_contact_get_partner_user (stored));
  relais_contact_set_created_at (contact, relais_contact_get_created_at (stored));
  relais_contact_set_updated_at (contact, relais_contact_get_updated_at (stored));
  relais_contact_set_revision (contact, relais_contact_get_revision (stored));
}

static void
add_whole_contact (JsonBuilder   *builder,
                   RelaisContact *contact,
                   const char    *partner_uuid,
                   gboolean       created)
{
  add_text_pair (builder, "partner", created ? NULL : partner_uuid, created ? partner_uuid : NULL);
#define WHOLE_TEXT(name) \
  add_text_pair (builder, #name, created ? NULL : relais_contact_get_##name (contact), \
                 created ? relais_contact_get_##name (contact) : NULL);
  CONTACT_TEXT_FIELDS (WHOLE_TEXT)
#undef WHOLE_TEXT
  add_text_pair (builder, "role", created ? NULL : role_code (contact), created ? role_code (contact) : NULL);
  add_bool_pair (builder, "partner_user",
                 created ? -1 : relais_contact_get_partner_user (contact),
                 created ? relais_contact_get_partner_user (contact) : -1);
}

static gboolean
contact_create_in_transaction (RelaisDb       *db,
                               RelaisContact  *contact,
                               GError        **error)
{
  g_autoptr(RelaisPartner) partner = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *changes = NULL;

  partner = relais_partner_changes_load (db, relais_contact_get_partner_id (contact), error);
  if (partner == NULL)
    return FALSE;

  if (!relais_partner_store_insert_contact (db, contact, error))
    return FALSE;

  json_builder_begin_object (builder);
  add_whole_contact (builder, contact, relais_partner_get_uuid (partner), TRUE);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  return relais_journal_append (db, "create", "contact", relais_contact_get_uuid (contact), changes, error) != 0;
}

gboolean
relais_contact_changes_create (RelaisDb       *db,
                               RelaisContact  *contact,
                               GError        **error)
{
  g_autoptr(RelaisContact) normal = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (relais_contact_get_id (contact) == 0, FALSE);

  normal = record_copy (contact);
  relais_contact_set_revision (normal, 1);
  if (!relais_contact_rules_normalize (normal, error))
    return FALSE;

  RELAIS_DB_IN_TRANSACTION (db, error, contact_create_in_transaction (db, normal, error));

  relais_contact_set_id (contact, relais_contact_get_id (normal));
  follow_stored_contact (db, contact);
  return TRUE;
}

static gboolean
contact_update_in_transaction (RelaisDb       *db,
                               RelaisContact  *edited,
                               gboolean       *written,
                               GError        **error)
{
  g_autoptr(RelaisContact) stored = NULL;
  g_autoptr(RelaisContact) normal = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *conflict = NULL;
  guint n_changed = 0;
  int col = 1;

  stored = relais_contact_changes_load (db, relais_contact_get_id (edited), error);
  if (stored == NULL)
    return FALSE;

  name = contact_display_name (stored);
  /* Translators: %s is a person's name */
  conflict = g_strdup_printf (_("The contact “%s” was changed elsewhere since you opened it, so your changes were not saved. Open it again and make them again."),
                              name);
  if (relais_contact_get_revision (stored) != relais_contact_get_revision (edited))
    {
      g_set_error_literal (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT, conflict);
      return FALSE;
    }

  normal = record_copy (edited);
  if (!relais_contact_rules_normalize (normal, error))
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

#define DIFF_TEXT(name) \
  if (!g_str_equal (relais_contact_get_##name (stored), relais_contact_get_##name (normal))) \
    { \
      add_text_pair (builder, #name, relais_contact_get_##name (stored), relais_contact_get_##name (normal)); \
      n_changed++; \
    }
  CONTACT_TEXT_FIELDS (DIFF_TEXT)
#undef DIFF_TEXT

  if (relais_contact_get_role (stored) != relais_contact_get_role (normal))
    {
      add_text_pair (builder, "role", role_code (stored), role_code (normal));
      n_changed++;
    }
  if (relais_contact_get_partner_user (stored) != relais_contact_get_partner_user (normal))
    {
      add_bool_pair (builder, "partner_user", relais_contact_get_partner_user (stored),
                     relais_contact_get_partner_user (normal));
      n_changed++;
    }

  json_builder_end_object (builder);

  if (n_changed == 0)
    return TRUE;

  st = relais_db_prepare (db,
                          "UPDATE contact SET first_name = ?, last_name = ?, email = ?, phone = ?,"
                          " role = ?, partner_user = ?, updated_at = ?, revision = revision + 1"
                          " WHERE id = ? AND revision = ?",
                          error);
  if (st == NULL)
    return FALSE;

#define BIND_TEXT(name) relais_statement_bind_text (st, col++, relais_contact_get_##name (normal));
  CONTACT_TEXT_FIELDS (BIND_TEXT)
#undef BIND_TEXT
  relais_statement_bind_text (st, col++, role_code (normal));
  relais_statement_bind_int64 (st, col++, relais_contact_get_partner_user (normal));
  relais_statement_bind_int64 (st, col++, g_get_real_time ());
  relais_statement_bind_int64 (st, col++, relais_contact_get_id (stored));
  relais_statement_bind_int64 (st, col++, relais_contact_get_revision (stored));

  if (!relais_statement_execute (st, error) || !check_one_row_changed (db, conflict, error))
    return FALSE;

  changes = builder_to_json (builder);
  if (relais_journal_append (db, "update", "contact", relais_contact_get_uuid (stored), changes, error) == 0)
    return FALSE;

  *written = TRUE;
  return TRUE;
}

gboolean
relais_contact_changes_update (RelaisDb       *db,
                               RelaisContact  *edited,
                               GError        **error)
{
  gboolean written = FALSE;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_CONTACT (edited), FALSE);
  g_return_val_if_fail (relais_contact_get_id (edited) > 0, FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, contact_update_in_transaction (db, edited, &written, error));

  if (written)
    follow_stored_contact (db, edited);
  return TRUE;
}

static gboolean
contact_delete_in_transaction (RelaisDb  *db,
                               gint64     contact_id,
                               GError   **error)
{
  g_autoptr(RelaisContact) stored = NULL;
  g_autoptr(RelaisPartner) partner = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  gint64 n_open;

  stored = relais_contact_changes_load (db, contact_id, error);
  if (stored == NULL)
    return FALSE;

  /* A rep who works an open lead cannot be deleted. */
  n_open = count_rows (db, "SELECT count(*) FROM lead WHERE rep_id = ? AND status IN " RELAIS_OPEN_LEAD_STATUSES,
                       contact_id, error);
  if (n_open < 0)
    return FALSE;
  if (n_open > 0)
    {
      g_autofree char *name = contact_display_name (stored);
      g_autofree char *count = relais_format_count (n_open);

      g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$s is a person's name, %2$s a formatted number of leads */
                                "%1$s works %2$s open lead, so they cannot be deleted. Give the lead to another rep first, or turn off “Partner User”.",
                                "%1$s works %2$s open leads, so they cannot be deleted. Give the leads to another rep first, or turn off “Partner User”.",
                                n_open),
                   name, count);
      return FALSE;
    }

  partner = relais_partner_changes_load (db, relais_contact_get_partner_id (stored), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_whole_contact (builder, stored, partner ? relais_partner_get_uuid (partner) : "", FALSE);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  if (relais_journal_append (db, "delete", "contact", relais_contact_get_uuid (stored), changes, error) == 0)
    return FALSE;

  st = relais_db_prepare (db, "DELETE FROM contact WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, contact_id);
  return relais_statement_execute (st, error);
}

gboolean
relais_contact_changes_delete (RelaisDb  *db,
                               gint64     contact_id,
                               GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, contact_delete_in_transaction (db, contact_id, error));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Queues                                                                    */

#define QUEUE_SELECT \
  "SELECT q.id, q.uuid, q.name, q.description, q.revision," \
  " (SELECT count(*) FROM queue_member WHERE queue_id = q.id)," \
  " (SELECT count(*) FROM lead WHERE queue_id = q.id)" \
  " FROM queue q"

static RelaisQueue *
queue_from_row (RelaisStatement *st)
{
  RelaisQueue *queue = g_object_new (RELAIS_TYPE_QUEUE, NULL);

  queue->id = relais_statement_get_int64 (st, 0);
  queue->uuid = g_strdup (relais_statement_get_text (st, 1));
  queue->name = g_strdup (relais_statement_get_text (st, 2));
  queue->description = g_strdup (relais_statement_get_text (st, 3));
  queue->revision = relais_statement_get_int64 (st, 4);
  queue->n_members = (guint) relais_statement_get_int64 (st, 5);
  queue->n_leads = (guint) relais_statement_get_int64 (st, 6);
  return queue;
}

static RelaisQueue *
load_queue (RelaisDb  *db,
            gint64     queue_id,
            GError   **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, QUEUE_SELECT " WHERE q.id = ?", error);
  GError *local_error = NULL;
  RelaisQueue *queue;

  if (st == NULL)
    return NULL;

  relais_statement_bind_int64 (st, 1, queue_id);
  if (!relais_statement_next (st, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_NOT_FOUND,
                             _("This queue no longer exists: it was deleted, here or by another channel manager."));
      return NULL;
    }

  queue = queue_from_row (st);
  relais_statement_reset (st);
  return queue;
}

GListModel *
relais_queue_changes_list (RelaisDb  *db,
                           GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  /* In folded order: "Île-de-France" with the I's. */
  st = relais_db_prepare (db, QUEUE_SELECT " ORDER BY relais_fold (q.name), q.id", error);
  if (st == NULL)
    return NULL;

  store = g_list_store_new (RELAIS_TYPE_QUEUE);
  while (relais_statement_next (st, &local_error))
    {
      g_autoptr(RelaisQueue) queue = queue_from_row (st);
      g_list_store_append (store, queue);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Whether another queue than @except_id is called @name, in folded form. */
static gboolean
check_queue_name_free (RelaisDb    *db,
                       const char  *name,
                       gint64       except_id,
                       GError     **error)
{
  g_autoptr(RelaisStatement) st = relais_db_prepare (db, "SELECT id, name FROM queue", error);
  GError *local_error = NULL;

  if (st == NULL)
    return FALSE;

  while (relais_statement_next (st, &local_error))
    {
      if (relais_statement_get_int64 (st, 0) != except_id &&
          relais_queue_rules_same_name (relais_statement_get_text (st, 1), name))
        {
          g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_DUPLICATE,
                       /* Translators: %s is the name of a queue of leads */
                       _("A queue named “%s” already exists. Choose another name."),
                       relais_statement_get_text (st, 1));
          relais_statement_reset (st);
          return FALSE;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
queue_create_in_transaction (RelaisDb    *db,
                             const char  *name,
                             const char  *description,
                             gint64      *queue_id,
                             GError     **error)
{
  g_autoptr(RelaisQueue) queue = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *changes = NULL;

  if (!check_queue_name_free (db, name, 0, error))
    return FALSE;

  *queue_id = relais_queue_store_insert (db, name, description, error);
  if (*queue_id == 0)
    return FALSE;

  queue = load_queue (db, *queue_id, error);
  if (queue == NULL)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_text_pair (builder, "name", NULL, name);
  add_text_pair (builder, "description", NULL, description);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  return relais_journal_append (db, "create", "queue", queue->uuid, changes, error) != 0;
}

gint64
relais_queue_changes_create (RelaisDb    *db,
                             const char  *name,
                             const char  *description,
                             GError     **error)
{
  g_autofree char *normal_name = NULL;
  g_autofree char *normal_description = NULL;
  gint64 queue_id = 0;

  g_return_val_if_fail (RELAIS_IS_DB (db), 0);

  normal_name = relais_queue_rules_normalize_name (name, error);
  if (normal_name == NULL)
    return 0;
  normal_description = relais_queue_rules_normalize_description (description, error);
  if (normal_description == NULL)
    return 0;

  if (!relais_db_begin (db, error))
    return 0;
  if (!queue_create_in_transaction (db, normal_name, normal_description, &queue_id, error) ||
      !relais_db_commit (db, error))
    {
      relais_db_rollback (db);
      return 0;
    }

  return queue_id;
}

static void
set_queue_conflict (RelaisQueue  *stored,
                    GError      **error)
{
  g_set_error (error, RELAIS_PARTNER_CHANGES_ERROR, RELAIS_PARTNER_CHANGES_ERROR_CONFLICT,
               /* Translators: %s is the name of a queue of leads */
               _("The queue “%s” was changed elsewhere since you opened it, so your change was not saved. Look at it again and make the change again."),
               stored->name);
}

static gboolean
queue_update_in_transaction (RelaisDb    *db,
                             gint64       queue_id,
                             gint64       revision,
                             const char  *name,
                             const char  *description,
                             GError     **error)
{
  g_autoptr(RelaisQueue) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  guint n_changed = 0;

  stored = load_queue (db, queue_id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->revision != revision)
    {
      set_queue_conflict (stored, error);
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (!g_str_equal (stored->name, name))
    {
      add_text_pair (builder, "name", stored->name, name);
      n_changed++;
    }
  if (!g_str_equal (stored->description, description))
    {
      add_text_pair (builder, "description", stored->description, description);
      n_changed++;
    }
  json_builder_end_object (builder);

  if (n_changed == 0)
    return TRUE;

  if (!check_queue_name_free (db, name, queue_id, error))
    return FALSE;

  st = relais_db_prepare (db,
                          "UPDATE queue SET name = ?, description = ?, updated_at = ?, revision = revision + 1"
                          " WHERE id = ? AND revision = ?",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_text (st, 1, name);
  relais_statement_bind_text (st, 2, description);
  relais_statement_bind_int64 (st, 3, g_get_real_time ());
  relais_statement_bind_int64 (st, 4, queue_id);
  relais_statement_bind_int64 (st, 5, revision);
  if (!relais_statement_execute (st, error))
    return FALSE;
  if (sqlite3_changes (relais_db_get_handle (db)) != 1)
    {
      set_queue_conflict (stored, error);
      return FALSE;
    }

  changes = builder_to_json (builder);
  return relais_journal_append (db, "update", "queue", stored->uuid, changes, error) != 0;
}

gboolean
relais_queue_changes_update (RelaisDb    *db,
                             gint64       queue_id,
                             gint64       revision,
                             const char  *name,
                             const char  *description,
                             GError     **error)
{
  g_autofree char *normal_name = NULL;
  g_autofree char *normal_description = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  normal_name = relais_queue_rules_normalize_name (name, error);
  if (normal_name == NULL)
    return FALSE;
  normal_description = relais_queue_rules_normalize_description (description, error);
  if (normal_description == NULL)
    return FALSE;

  RELAIS_DB_IN_TRANSACTION (db, error, queue_update_in_transaction (db, queue_id, revision, normal_name,
                                                          normal_description, error));
  return TRUE;
}

/* The uuids of the members of @queue_id, in id order, into @builder's array. */
static gboolean
add_member_uuids (RelaisDb     *db,
                  JsonBuilder  *builder,
                  gint64        queue_id,
                  GError      **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  GError *local_error = NULL;

  st = relais_db_prepare (db,
                          "SELECT p.uuid FROM queue_member m JOIN partner p ON p.id = m.partner_id"
                          " WHERE m.queue_id = ? ORDER BY p.id",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, queue_id);
  json_builder_begin_array (builder);
  while (relais_statement_next (st, &local_error))
    json_builder_add_string_value (builder, relais_statement_get_text (st, 0));
  json_builder_end_array (builder);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
queue_delete_in_transaction (RelaisDb  *db,
                             gint64     queue_id,
                             GError   **error)
{
  g_autoptr(RelaisQueue) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;

  stored = load_queue (db, queue_id, error);
  if (stored == NULL)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_text_pair (builder, "name", stored->name, NULL);
  add_text_pair (builder, "description", stored->description, NULL);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  if (!add_member_uuids (db, builder, queue_id, error))
    return FALSE;
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  /* Leads still in it leave it (ON DELETE SET NULL): how many, for the record. */
  add_int_pair (builder, "leads", stored->n_leads, SIDE_VALUE, 0, SIDE_NULL);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  if (relais_journal_append (db, "delete", "queue", stored->uuid, changes, error) == 0)
    return FALSE;

  st = relais_db_prepare (db, "DELETE FROM queue WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  relais_statement_bind_int64 (st, 1, queue_id);
  return relais_statement_execute (st, error);
}

gboolean
relais_queue_changes_delete (RelaisDb  *db,
                             gint64     queue_id,
                             GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, queue_delete_in_transaction (db, queue_id, error));
  return TRUE;
}

GArray *
relais_queue_changes_list_members (RelaisDb  *db,
                                   gint64     queue_id,
                                   GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db, "SELECT partner_id FROM queue_member WHERE queue_id = ? ORDER BY partner_id", error);
  if (st == NULL)
    return NULL;
  relais_statement_bind_int64 (st, 1, queue_id);
  return relais_statement_collect_ids (st, error);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
contains_id (GArray *sorted,
             gint64  id)
{
  guint lo = 0, hi = sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (sorted, gint64, mid);

      if (v == id)
        return TRUE;
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static gboolean
set_members_in_transaction (RelaisDb      *db,
                            gint64         queue_id,
                            GArray        *wanted,
                            GError       **error)
{
  g_autoptr(RelaisQueue) stored = NULL;
  g_autoptr(GArray) current = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) insert = NULL;
  g_autoptr(RelaisStatement) remove = NULL;
  g_autoptr(RelaisStatement) touch = NULL;
  g_autofree char *changes = NULL;
  guint n_changed = 0;

  stored = load_queue (db, queue_id, error);
  if (stored == NULL)
    return FALSE;

  current = relais_queue_changes_list_members (db, queue_id, error);
  if (current == NULL)
    return FALSE;

  /* Every new member must exist: a partner deleted meanwhile is not added. */
  for (guint i = 0; i < wanted->len; i++)
    {
      gint64 id = g_array_index (wanted, gint64, i);
      gint64 n;

      if (contains_id (current, id))
        continue;
      n = count_rows (db, "SELECT count(*) FROM partner WHERE id = ?", id, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          set_partner_not_found (error);
          return FALSE;
        }
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  if (!add_member_uuids (db, builder, queue_id, error))
    return FALSE;

  remove = relais_db_prepare (db, "DELETE FROM queue_member WHERE queue_id = ? AND partner_id = ?", error);
  insert = relais_db_prepare (db, "INSERT INTO queue_member (queue_id, partner_id) VALUES (?, ?)", error);
  if (remove == NULL || insert == NULL)
    return FALSE;

  for (guint i = 0; i < current->len; i++)
    {
      gint64 id = g_array_index (current, gint64, i);

      if (contains_id (wanted, id))
        continue;
      relais_statement_bind_int64 (remove, 1, queue_id);
      relais_statement_bind_int64 (remove, 2, id);
      if (!relais_statement_execute (remove, error))
        return FALSE;
      n_changed++;
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      gint64 id = g_array_index (wanted, gint64, i);

      if (contains_id (current, id))
        continue;
      relais_statement_bind_int64 (insert, 1, queue_id);
      relais_statement_bind_int64 (insert, 2, id);
      if (!relais_statement_execute (insert, error))
        return FALSE;
      n_changed++;
    }

  if (n_changed == 0)
    return TRUE;

  if (!add_member_uuids (db, builder, queue_id, error))
    return FALSE;
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  /* The members are part of the queue: it has a new revision. */
  touch = relais_db_prepare (db, "UPDATE queue SET updated_at = ?, revision = revision + 1 WHERE id = ?", error);
  if (touch == NULL)
    return FALSE;
  relais_statement_bind_int64 (touch, 1, g_get_real_time ());
  relais_statement_bind_int64 (touch, 2, queue_id);
  if (!relais_statement_execute (touch, error))
    return FALSE;

  return relais_journal_append (db, "members", "queue", stored->uuid, changes, error) != 0;
}

gboolean
relais_queue_changes_set_members (RelaisDb      *db,
                                  gint64         queue_id,
                                  const gint64  *partner_ids,
                                  gsize          n_ids,
                                  GError       **error)
{
  g_autoptr(GArray) wanted = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (partner_ids != NULL || n_ids == 0, FALSE);

  /* Sorted without duplicates: looked up by bisection. */
  wanted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (wanted, partner_ids, n_ids);
  g_array_sort (wanted, compare_ids);
  for (guint i = 1; i < wanted->len;)
    {
      if (g_array_index (wanted, gint64, i) == g_array_index (wanted, gint64, i - 1))
        g_array_remove_index (wanted, i);
      else
        i++;
    }

  RELAIS_DB_IN_TRANSACTION (db, error, set_members_in_transaction (db, queue_id, wanted, error));
  return TRUE;
}

gint64
relais_queue_changes_count_rules (RelaisDb  *db,
                                  gint64     queue_id,
                                  GError   **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), -1);

  return count_rows (db, "SELECT count(*) FROM rule WHERE pool_queue_id = ?1 OR fallback_queue_id = ?1",
                     queue_id, error);
}
