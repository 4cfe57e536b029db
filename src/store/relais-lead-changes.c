/* relais-lead-changes.c
 *
 * Each public change below is one transaction: it reads the stored row, checks
 * the change against the domain rules of src/core, writes the row (updated_at =
 * now, revision + 1) and one journal entry with the old and new value of every
 * field it changed, linked to the lead through journal_lead. When anything
 * fails, the transaction is rolled back: nothing is half-written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-store"

#include "config.h"

#include "relais-lead-changes.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "relais-journal.h"
#include "relais-routing.h"
#include "relais-lead-store.h"
#include "relais-util.h"

G_DEFINE_QUARK (relais-lead-changes-error-quark, relais_lead_changes_error)

/* The text fields that relais_lead_changes_update() saves; each is the column
 * of the same name. kind, category, value_minor, currency and quality_rating
 * are saved too, with their own handling. */
#define EDITABLE_TEXT_FIELDS(X) \
  X (first_name) \
  X (last_name) \
  X (company) \
  X (email) \
  X (phone) \
  X (street) \
  X (city) \
  X (state) \
  X (postal_code) \
  X (country) \
  X (listing) \
  X (technology) \
  X (budget) \
  X (language) \
  X (program) \
  X (source) \
  X (quality_comment)

enum {
#define FIELD_ENUM(name) FIELD_##name,
  EDITABLE_TEXT_FIELDS (FIELD_ENUM)
#undef FIELD_ENUM
  N_EDITABLE_TEXT_FIELDS
};

static const char * const editable_text_columns[] = {
#define FIELD_COLUMN(name) #name,
  EDITABLE_TEXT_FIELDS (FIELD_COLUMN)
#undef FIELD_COLUMN
};

G_STATIC_ASSERT (G_N_ELEMENTS (editable_text_columns) == N_EDITABLE_TEXT_FIELDS);

/* Longest single-line field and longest quality comment, in characters. */
#define FIELD_MAX_CHARS   500
#define COMMENT_MAX_CHARS RELAIS_LEAD_NOTE_MAX_CHARS

static const char *
lead_get_text (RelaisLead *lead,
               guint       field)
{
  switch (field)
    {
#define FIELD_GET(name) case FIELD_##name: return relais_lead_get_##name (lead);
      EDITABLE_TEXT_FIELDS (FIELD_GET)
#undef FIELD_GET
    default:
      g_assert_not_reached ();
    }
}

/* The value as it is stored: without surrounding spaces; codes in their case. */
static char *
normalize_text (guint       field,
                const char *value)
{
  char *s = g_strstrip (g_strdup (value ? value : ""));

  if (field == FIELD_country)
    {
      char *up = g_ascii_strup (s, -1);
      g_free (s);
      s = up;
    }
  else if (field == FIELD_language)
    {
      char *down = g_ascii_strdown (s, -1);
      g_free (s);
      s = down;
    }

  return s;
}

static char *
normalize_currency (const char *value)
{
  g_autofree char *s = g_strstrip (g_strdup (value ? value : ""));
  return g_ascii_strup (s, -1);
}

/* ------------------------------------------------------------------------ */
/* RelaisLeadNote                                                            */

struct _RelaisLeadNote
{
  GObject  parent_instance;
  gint64   id;
  char    *author;
  char    *text;
  gint64   created_at;
};

G_DEFINE_FINAL_TYPE (RelaisLeadNote, relais_lead_note, G_TYPE_OBJECT)

enum {
  NOTE_PROP_0,
  NOTE_PROP_ID,
  NOTE_PROP_AUTHOR,
  NOTE_PROP_TEXT,
  NOTE_PROP_CREATED_AT,
  NOTE_N_PROPS
};

static GParamSpec *note_properties[NOTE_N_PROPS];

static void
relais_lead_note_finalize (GObject *object)
{
  RelaisLeadNote *self = (RelaisLeadNote *) object;

  g_free (self->author);
  g_free (self->text);

  G_OBJECT_CLASS (relais_lead_note_parent_class)->finalize (object);
}

static void
relais_lead_note_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RelaisLeadNote *self = RELAIS_LEAD_NOTE (object);

  switch (prop_id)
    {
    case NOTE_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case NOTE_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case NOTE_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case NOTE_PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_note_class_init (RelaisLeadNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_lead_note_finalize;
  object_class->get_property = relais_lead_note_get_property;

  note_properties[NOTE_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  note_properties[NOTE_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  note_properties[NOTE_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  note_properties[NOTE_PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, NOTE_N_PROPS, note_properties);
}

static void
relais_lead_note_init (RelaisLeadNote *self)
{
}

gint64
relais_lead_note_get_id (RelaisLeadNote *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_NOTE (self), 0);
  return self->id;
}

const char *
relais_lead_note_get_author (RelaisLeadNote *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_NOTE (self), NULL);
  return self->author ? self->author : "";
}

const char *
relais_lead_note_get_text (RelaisLeadNote *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_NOTE (self), NULL);
  return self->text ? self->text : "";
}

gint64
relais_lead_note_get_created_at (RelaisLeadNote *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_NOTE (self), 0);
  return self->created_at;
}

/* ------------------------------------------------------------------------ */
/* RelaisLeadHistoryEntry                                                    */

struct _RelaisLeadHistoryEntry
{
  GObject  parent_instance;
  gint64   at;
  char    *actor;
  char    *action;
  char    *text;
};

G_DEFINE_FINAL_TYPE (RelaisLeadHistoryEntry, relais_lead_history_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_AT,
  ENTRY_PROP_ACTOR,
  ENTRY_PROP_ACTION,
  ENTRY_PROP_TEXT,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static void
relais_lead_history_entry_finalize (GObject *object)
{
  RelaisLeadHistoryEntry *self = (RelaisLeadHistoryEntry *) object;

  g_free (self->actor);
  g_free (self->action);
  g_free (self->text);

  G_OBJECT_CLASS (relais_lead_history_entry_parent_class)->finalize (object);
}

static void
relais_lead_history_entry_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RelaisLeadHistoryEntry *self = RELAIS_LEAD_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    case ENTRY_PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case ENTRY_PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case ENTRY_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
relais_lead_history_entry_class_init (RelaisLeadHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = relais_lead_history_entry_finalize;
  object_class->get_property = relais_lead_history_entry_get_property;

  entry_properties[ENTRY_PROP_AT] =
    g_param_spec_int64 ("at", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[ENTRY_PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[ENTRY_PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[ENTRY_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
relais_lead_history_entry_init (RelaisLeadHistoryEntry *self)
{
}

gint64
relais_lead_history_entry_get_at (RelaisLeadHistoryEntry *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_HISTORY_ENTRY (self), 0);
  return self->at;
}

const char *
relais_lead_history_entry_get_actor (RelaisLeadHistoryEntry *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_HISTORY_ENTRY (self), NULL);
  return self->actor ? self->actor : "";
}

const char *
relais_lead_history_entry_get_action (RelaisLeadHistoryEntry *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_HISTORY_ENTRY (self), NULL);
  return self->action ? self->action : "";
}

const char *
relais_lead_history_entry_get_text (RelaisLeadHistoryEntry *self)
{
  g_return_val_if_fail (RELAIS_IS_LEAD_HISTORY_ENTRY (self), NULL);
  return self->text ? self->text : "";
}

/* ------------------------------------------------------------------------ */
/* History sentences                                                         */

/* One field's sentences: %1$s is who, %2$s the old value (or the new one in
 * "set", the old one in "cleared"), %3$s the new value. */
typedef struct {
  const char *key;
  const char *changed;
  const char *set;
  const char *cleared;
} FieldSentences;

static const FieldSentences field_sentences[] = {
  { "first_name",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the first name from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the first name to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the first name (it was “%2$s”).") },
  { "last_name",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the last name from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the last name to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the last name (it was “%2$s”).") },
  { "company",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the company from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the company to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the company (it was “%2$s”).") },
  { "email",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the e-mail address from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the e-mail address to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the e-mail address (it was “%2$s”).") },
  { "phone",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the phone number from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the phone number to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the phone number (it was “%2$s”).") },
  { "street",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the street from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the street to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the street (it was “%2$s”).") },
  { "city",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the city from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the city to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the city (it was “%2$s”).") },
  { "state",
    /* Translators: lead history; the state or province of an address; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the state or province from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the state or province to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the state or province (it was “%2$s”).") },
  { "postal_code",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old value, %3$s the new one */
    N_("%1$s changed the postal code from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the postal code to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the postal code (it was “%2$s”).") },
  { "country",
    /* Translators: lead history; %1$s is a person (who made the change), %2$s the old country code, %3$s the new one */
    N_("%1$s changed the country from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new country code */
    N_("%1$s set the country to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old country code */
    N_("%1$s cleared the country (it was “%2$s”).") },
  { "listing",
    /* Translators: lead history; the listing is the product or service the lead is interested in; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the listing from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the listing to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the listing (it was “%2$s”).") },
  { "kind",
    /* Translators: lead history; the kind of listing (App or Service); %1$s is a person, %2$s the old kind, %3$s the new one */
    N_("%1$s changed the kind of listing from “%2$s” to “%3$s”."),
    NULL, NULL },
  { "category",
    /* Translators: lead history; the lead category (BANT, Appointment, ...); %1$s is a person, %2$s the old category, %3$s the new one */
    N_("%1$s changed the category from “%2$s” to “%3$s”."),
    NULL, NULL },
  { "technology",
    /* Translators: lead history; the lead's main technology; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the main technology from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the main technology to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the main technology (it was “%2$s”).") },
  { "budget",
    /* Translators: lead history; the budget band of the lead; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the budget from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the budget to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the budget (it was “%2$s”).") },
  { "language",
    /* Translators: lead history; the lead's language code; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the language from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the language to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the language (it was “%2$s”).") },
  { "program",
    /* Translators: lead history; the program or event the lead came from; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the program or event from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the program or event to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the program or event (it was “%2$s”).") },
  { "source",
    /* Translators: lead history; where the lead came from; %1$s is a person, %2$s the old value, %3$s the new one */
    N_("%1$s changed the source from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new value */
    N_("%1$s set the source to “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old value */
    N_("%1$s cleared the source (it was “%2$s”).") },
  { "value_minor",
    /* Translators: lead history; the lead's total value; %1$s is a person, %2$s the old amount with its currency, %3$s the new one */
    N_("%1$s changed the value from %2$s to %3$s."),
    NULL, NULL },
  { "currency",
    /* Translators: lead history; %1$s is a person, %2$s the old currency code, %3$s the new one */
    N_("%1$s changed the currency from %2$s to %3$s."),
    NULL, NULL },
  { "quality_rating",
    /* Translators: lead history; %1$s is a person, %2$s the old rating (1 to 5), %3$s the new one */
    N_("%1$s changed the quality rating from %2$s to %3$s out of 5."),
    /* Translators: lead history; %1$s is a person, %2$s the new rating (1 to 5) */
    N_("%1$s rated the lead’s quality %2$s out of 5."),
    /* Translators: lead history; %1$s is a person, %2$s the old rating (1 to 5) */
    N_("%1$s removed the quality rating (it was %2$s out of 5).") },
  { "quality_comment",
    /* Translators: lead history; %1$s is a person, %2$s the old comment, %3$s the new one */
    N_("%1$s changed the quality comment from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the new comment */
    N_("%1$s commented on the lead’s quality: “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s the old comment */
    N_("%1$s removed the quality comment (it was “%2$s”).") },
  { "partner",
    /* Translators: lead history; %1$s is a person, %2$s the old partner company, %3$s the new one */
    N_("%1$s reassigned this lead from partner “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a partner company */
    N_("%1$s assigned this lead to partner “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a partner company */
    N_("%1$s took this lead back from partner “%2$s”.") },
  { "rep",
    /* Translators: lead history; %1$s is a person, %2$s the old partner sales rep, %3$s the new one */
    N_("%1$s changed the partner sales rep from “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a partner sales rep */
    N_("%1$s assigned this lead to the partner sales rep “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a partner sales rep */
    N_("%1$s removed the partner sales rep “%2$s” from this lead.") },
  { "queue",
    /* Translators: lead history; %1$s is a person, %2$s the old queue, %3$s the new one */
    N_("%1$s moved this lead from queue “%2$s” to “%3$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a queue */
    N_("%1$s put this lead in queue “%2$s”."),
    /* Translators: lead history; %1$s is a person, %2$s a queue */
    N_("%1$s took this lead out of queue “%2$s”.") },
};

/* Sentences come from translations: their arguments are checked by msgfmt -c. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
format_sentence (const char *format,
                 const char *a,
                 const char *b,
                 const char *c,
                 const char *d)
{
  return g_strdup_printf (format, a, b ? b : "", c ? c : "", d ? d : "");
}
#pragma GCC diagnostic pop

/* A value short enough for one line of history. */
static char *
shorten (const char *value)
{
  const guint max = 80;

  if (g_utf8_strlen (value, -1) <= max)
    return g_strdup (value);

  {
    g_autofree char *head = g_utf8_substring (value, 0, max - 1);
    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

static char *
format_money (gint64      minor,
              const char *currency)
{
  /* Minor units are cents for every currency the store holds. */
  return g_strdup_printf ("%'.2f %s", (double) minor / 100.0, currency && *currency ? currency : "EUR");
}

static const char *
code_label (const RelaisEnumInfo *info,
            const char           *code)
{
  int value;

  if (code == NULL || !relais_enum_from_code (info, code, &value))
    return code ? code : "";
  return relais_enum_label (info, value);
}

/* The text of one side of an [old, new] pair, "" for null. */
static char *
node_text (JsonNode   *node,
           const char *key)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (g_strcmp0 (key, "kind") == 0)
            return g_strdup (code_label (&relais_lead_kind_info, s));
          if (g_strcmp0 (key, "category") == 0)
            return g_strdup (code_label (&relais_lead_category_info, s));
          if (g_strcmp0 (key, "status") == 0)
            return g_strdup (code_label (&relais_lead_status_info, s));
          if (g_strcmp0 (key, "rejection_reason") == 0)
            return g_strdup (code_label (&relais_rejection_reason_info, s));
          return shorten (s);
        }
      if (type == G_TYPE_INT64)
        {
          gint64 n = json_node_get_int (node);

          /* 0 is "none" for a rating, as in the store. */
          if (n == 0 && g_strcmp0 (key, "quality_rating") == 0)
            return g_strdup ("");
          return relais_format_count (n);
        }
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "✓" : "✗");
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
    }

  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;

    json_generator_set_root (generator, node);
    text = json_generator_to_data (generator, NULL);
    return shorten (text);
  }
}

/* Reads an [old, new] pair; FALSE when @node is not one. */
static gboolean
get_pair (JsonNode  *node,
          JsonNode **old_node,
          JsonNode **new_node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 2)
    return FALSE;

  *old_node = json_array_get_element (array, 0);
  *new_node = json_array_get_element (array, 1);
  return TRUE;
}

static char *
pair_text (JsonObject *object,
           const char *key,
           gboolean    old_side)
{
  JsonNode *old_node, *new_node;

  if (!json_object_has_member (object, key) ||
      !get_pair (json_object_get_member (object, key), &old_node, &new_node))
    return g_strdup ("");

  return node_text (old_side ? old_node : new_node, key);
}

static char *
money_text (JsonObject *object,
            JsonNode   *amount,
            gboolean    old_side)
{
  g_autofree char *currency = pair_text (object, "currency", old_side);

  if (amount == NULL || JSON_NODE_HOLDS_NULL (amount) || json_node_get_value_type (amount) != G_TYPE_INT64)
    return g_strdup ("");

  return format_money (json_node_get_int (amount), currency);
}

static void
describe_field (GPtrArray  *sentences,
                const char *who,
                JsonObject *object,
                const char *key)
{
  JsonNode *old_node, *new_node;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  const FieldSentences *fs = NULL;

  if (!get_pair (json_object_get_member (object, key), &old_node, &new_node))
    return;

  if (g_str_equal (key, "value_minor"))
    {
      old_text = money_text (object, old_node, TRUE);
      new_text = money_text (object, new_node, FALSE);
    }
  else
    {
      old_text = node_text (old_node, key);
      new_text = node_text (new_node, key);
    }

  if (g_str_equal (old_text, new_text))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (field_sentences); i++)
    if (g_str_equal (field_sentences[i].key, key))
      fs = &field_sentences[i];

  if (fs == NULL)
    {
      g_ptr_array_add (sentences,
                       /* Translators: lead history, for a field this version does not know; %1$s is a person, %2$s the field's code name, %3$s the old value, %4$s the new one */
                       format_sentence (_("%1$s changed “%2$s” from “%3$s” to “%4$s”."), who, key, old_text, new_text));
      return;
    }

  if (fs->set != NULL && old_text[0] == '\0')
    g_ptr_array_add (sentences, format_sentence (_(fs->set), who, new_text, NULL, NULL));
  else if (fs->cleared != NULL && new_text[0] == '\0')
    g_ptr_array_add (sentences, format_sentence (_(fs->cleared), who, old_text, NULL, NULL));
  else
    g_ptr_array_add (sentences, format_sentence (_(fs->changed), who, old_text, new_text, NULL));
}

/* Whether the entry moves the lead to Rejected, with the rejection's details. */
static gboolean
is_rejection (JsonObject *object)
{
  JsonNode *old_node, *new_node;

  return json_object_has_member (object, "status") &&
         json_object_has_member (object, "rejection_reason") &&
         get_pair (json_object_get_member (object, "status"), &old_node, &new_node) &&
         JSON_NODE_HOLDS_VALUE (new_node) &&
         json_node_get_value_type (new_node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (new_node), "rejected") == 0;
}

static void
describe_status (GPtrArray  *sentences,
                 const char *who,
                 JsonObject *object)
{
  JsonNode *old_node, *new_node;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (!get_pair (json_object_get_member (object, "status"), &old_node, &new_node))
    return;

  old_text = node_text (old_node, "status");
  new_text = node_text (new_node, "status");

  if (is_rejection (object))
    {
      g_autofree char *reason = pair_text (object, "rejection_reason", FALSE);
      g_autofree char *rating = pair_text (object, "quality_rating", FALSE);
      g_autofree char *comment = pair_text (object, "rejection_comment", FALSE);

      if (rating[0] == '\0')
        {
          /* Unchanged rating: the journal only has changed fields. */
          g_free (rating);
          rating = g_strdup ("–");
        }

      g_ptr_array_add (sentences,
                       /* Translators: lead history; %1$s is a person, %2$s a rejection reason, %3$s a rating from 1 to 5, %4$s the person's comment (it ends the text: no full stop after it) */
                       format_sentence (_("%1$s rejected this lead for “%2$s” and rated its quality %3$s out of 5. Comment: “%4$s”"),
                                        who, reason, rating, comment));
      return;
    }

  g_ptr_array_add (sentences,
                   /* Translators: lead history; %1$s is a person, %2$s the old status, %3$s the new one */
                   format_sentence (_("%1$s changed the status from “%2$s” to “%3$s”."), who, old_text, new_text, NULL));
}

/* Keys that are part of another key's sentence, or bookkeeping. */
static gboolean
is_silent_key (const char *key,
               JsonObject *object)
{
  static const char * const silent[] = {
    "rejection_reason", "rejection_comment", "accepted_at", "assigned_at",
    "updated_at", "revision", "id", "uuid",
  };

  for (guint i = 0; i < G_N_ELEMENTS (silent); i++)
    if (g_str_equal (key, silent[i]))
      return TRUE;

  /* The currency is told with the value when both are there. */
  if (g_str_equal (key, "currency") && json_object_has_member (object, "value_minor"))
    return TRUE;

  /* A rejection tells its rating itself. */
  if (g_str_equal (key, "quality_rating") && json_object_has_member (object, "rejection_reason"))
    return is_rejection (object);

  return FALSE;
}

/**
 * relais_lead_history_describe:
 * @actor: who made the change ("" when unknown)
 * @action: the journal entry's action code
 * @changes_json: (nullable): its JSON object of old → new values
 *
 * Returns: (transfer full): translated sentences, one per line.
 */
char *
relais_lead_history_describe (const char *actor,
                              const char *action,
                              const char *changes_json)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;
  const char *who;

  g_return_val_if_fail (action != NULL, NULL);

  /* Translators: the author of a change in a lead's history, when the journal does not know who */
  who = actor != NULL && actor[0] != '\0' ? actor : _("Someone");

  if (g_str_equal (action, "note"))
    /* Translators: lead history; %1$s is a person */
    return format_sentence (_("%1$s added a note."), who, NULL, NULL, NULL);
  if (g_str_equal (action, "import"))
    /* Translators: lead history; %1$s is a person */
    return format_sentence (_("%1$s imported this lead."), who, NULL, NULL, NULL);
  if (g_str_equal (action, "create"))
    /* Translators: lead history; %1$s is a person */
    return format_sentence (_("%1$s created this lead."), who, NULL, NULL, NULL);
  if (g_str_equal (action, "delete"))
    /* Translators: lead history; %1$s is a person */
    return format_sentence (_("%1$s deleted this lead."), who, NULL, NULL, NULL);

  if (changes_json != NULL && json_parser_load_from_data (parser, changes_json, -1, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        object = json_node_get_object (root);
    }

  if (object != NULL)
    {
      if (json_object_has_member (object, "status"))
        describe_status (sentences, who, object);

      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;

          if (g_str_equal (key, "status") || is_silent_key (key, object))
            continue;
          describe_field (sentences, who, object, key);
        }
    }

  if (sentences->len == 0)
    /* Translators: lead history, for a change this version cannot describe; %1$s is a person */
    return format_sentence (_("%1$s changed this lead."), who, NULL, NULL, NULL);

  g_ptr_array_add (sentences, NULL);
  return g_strjoinv ("\n", (char **) sentences->pdata);
}

/* ------------------------------------------------------------------------ */
/* Validation                                                                */

static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');
  const char *domain;
  gboolean dot = FALSE;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || at - email > 64)
    return FALSE;

  for (const char *p = email; p < at; p++)
    {
      if ((guchar) *p <= ' ' || strchr ("\"(),:;<>[]\\", *p) != NULL)
        return FALSE;
    }
  if (email[0] == '.' || at[-1] == '.')
    return FALSE;

  domain = at + 1;
  if (domain[0] == '\0' || domain[0] == '.' || domain[0] == '-' || strlen (domain) > 253)
    return FALSE;

  for (const char *p = domain; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '.')
        {
          if (p[1] == '.' || p[1] == '\0' || p[-1] == '-')
            return FALSE;
          dot = TRUE;
        }
      else if (!(g_ascii_isalnum (c) || c == '-' || c >= 0x80))
        return FALSE;
    }

  return dot;
}

static gboolean
is_letters (const char *s,
            gsize       n)
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalpha (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate (char       **texts,
          const char  *currency,
          gint64       value_minor,
          gint64       quality_rating,
          GError     **error)
{
  const char *email = texts[FIELD_email];

  if (email[0] != '\0' && !email_is_valid (email))
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   _("“%s” is not a valid e-mail address. Correct it, or leave the field empty."), email);
      return FALSE;
    }

  if (texts[FIELD_last_name][0] == '\0' && texts[FIELD_company][0] == '\0' && email[0] == '\0')
    {
      g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                           _("A lead needs at least a last name, a company or an e-mail address. Fill in one of them."));
      return FALSE;
    }

  if (texts[FIELD_country][0] != '\0' && !is_letters (texts[FIELD_country], 2))
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a country code. Use the two-letter ISO code, such as FR or DE."), texts[FIELD_country]);
      return FALSE;
    }

  if (texts[FIELD_language][0] != '\0' && !is_letters (texts[FIELD_language], 2))
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a language code. Use the two-letter ISO code, such as fr or de."), texts[FIELD_language]);
      return FALSE;
    }

  if (!is_letters (currency, 3))
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a currency code. Use the three-letter ISO code, such as EUR or USD."), currency);
      return FALSE;
    }

  if (value_minor < 0)
    {
      g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                           _("The value of a lead cannot be negative. Enter 0 or more."));
      return FALSE;
    }

  if (quality_rating < 0 || quality_rating > 5)
    {
      g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                           _("The quality rating goes from 1 to 5, or none."));
      return FALSE;
    }

  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    {
      glong max = i == FIELD_quality_comment ? COMMENT_MAX_CHARS : FIELD_MAX_CHARS;
      glong len = g_utf8_strlen (texts[i], -1);

      if (len > max)
        {
          g_autofree char *n = relais_format_count (len);
          g_autofree char *m = relais_format_count (max);
          g_autofree char *head = g_utf8_substring (texts[i], 0, 20);

          g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                       /* Translators: %1$s is the start of the text, %2$s its length, %3$s the limit */
                       _("“%1$s…” is too long (%2$s characters, at most %3$s). Shorten it."),
                       head, n, m);
          return FALSE;
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Shared steps                                                              */

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_NOT_FOUND,
                       _("This lead no longer exists: it was deleted, here or by another channel manager."));
}

/* The stored lead, or NULL with @error set (NOT_FOUND when there is none). */
static RelaisLead *
load_lead (RelaisDb  *db,
           gint64     lead_id,
           GError   **error)
{
  GError *local_error = NULL;
  RelaisLead *lead = relais_lead_store_load (db, lead_id, &local_error);

  if (lead == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_not_found (error);
    }

  return lead;
}

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_text_pair (JsonBuilder *builder,
               const char  *key,
               const char  *old_value,
               const char  *new_value)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, old_value);
  json_builder_add_string_value (builder, new_value);
  json_builder_end_array (builder);
}

/* 0 is written as null: "none" for ratings, times and ids. */
static void
add_optional_int (JsonBuilder *builder,
                  gint64       value)
{
  if (value == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_int_pair (JsonBuilder *builder,
              const char  *key,
              gint64       old_value,
              gint64       new_value,
              gboolean     zero_is_null)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  if (zero_is_null)
    {
      add_optional_int (builder, old_value);
      add_optional_int (builder, new_value);
    }
  else
    {
      json_builder_add_int_value (builder, old_value);
      json_builder_add_int_value (builder, new_value);
    }
  json_builder_end_array (builder);
}

/* The journal entry, linked to the lead so that its history finds it. */
static gboolean
journal (RelaisDb    *db,
         const char  *action,
         RelaisLead  *lead,
         const char  *changes,
         gboolean     link,
         GError     **error)
{
  gint64 journal_id = relais_journal_append (db, action, "lead", relais_lead_get_uuid (lead), changes, error);

  if (journal_id == 0)
    return FALSE;

  return !link || relais_journal_add_lead (db, journal_id, relais_lead_get_id (lead), error);
}

/* ------------------------------------------------------------------------ */
/* Update                                                                    */

gboolean
relais_lead_changes_differ (RelaisLead *a,
                            RelaisLead *b)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (a), TRUE);
  g_return_val_if_fail (RELAIS_IS_LEAD (b), TRUE);

  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    {
      g_autofree char *x = normalize_text (i, lead_get_text (a, i));
      g_autofree char *y = normalize_text (i, lead_get_text (b, i));

      if (!g_str_equal (x, y))
        return TRUE;
    }

  {
    g_autofree char *x = normalize_currency (relais_lead_get_currency (a));
    g_autofree char *y = normalize_currency (relais_lead_get_currency (b));

    if (!g_str_equal (x, y))
      return TRUE;
  }

  return relais_lead_get_kind (a) != relais_lead_get_kind (b)
      || relais_lead_get_category (a) != relais_lead_get_category (b)
      || relais_lead_get_value_minor (a) != relais_lead_get_value_minor (b)
      || relais_lead_get_quality_rating (a) != relais_lead_get_quality_rating (b);
}

static gboolean
update_in_transaction (RelaisDb    *db,
                       RelaisLead  *edited,
                       gboolean    *written,
                       GError     **error)
{
  g_autoptr(RelaisLead) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *stored_currency = NULL;
  char *texts[N_EDITABLE_TEXT_FIELDS] = { NULL, };
  guint n_changed = 0;
  gint64 now = g_get_real_time ();
  gboolean ok = FALSE;
  int col = 1;

  stored = load_lead (db, relais_lead_get_id (edited), error);
  if (stored == NULL)
    return FALSE;

  if (relais_lead_get_revision (stored) != relais_lead_get_revision (edited))
    {
      g_autofree char *name = relais_lead_dup_full_name (stored);

      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_CONFLICT,
                   /* Translators: %s is the lead's name */
                   _("The lead “%s” was changed elsewhere since you opened it, so your changes were not saved. Reload it and make them again."),
                   name[0] ? name : relais_lead_get_company (stored));
      return FALSE;
    }

  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    texts[i] = normalize_text (i, lead_get_text (edited, i));
  currency = normalize_currency (relais_lead_get_currency (edited));
  stored_currency = normalize_currency (relais_lead_get_currency (stored));

  if (!validate (texts, currency, relais_lead_get_value_minor (edited),
                 relais_lead_get_quality_rating (edited), error))
    goto out;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    {
      const char *old_value = lead_get_text (stored, i);

      if (!g_str_equal (old_value, texts[i]))
        {
          add_text_pair (builder, editable_text_columns[i], old_value, texts[i]);
          n_changed++;
        }
    }

  if (relais_lead_get_kind (stored) != relais_lead_get_kind (edited))
    {
      add_text_pair (builder, "kind",
                     relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (stored)),
                     relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (edited)));
      n_changed++;
    }

  if (relais_lead_get_category (stored) != relais_lead_get_category (edited))
    {
      add_text_pair (builder, "category",
                     relais_enum_code (&relais_lead_category_info, relais_lead_get_category (stored)),
                     relais_enum_code (&relais_lead_category_info, relais_lead_get_category (edited)));
      n_changed++;
    }

  /* An amount means nothing without its currency: both are journaled together. */
  if (relais_lead_get_value_minor (stored) != relais_lead_get_value_minor (edited) ||
      !g_str_equal (stored_currency, currency))
    {
      add_int_pair (builder, "value_minor", relais_lead_get_value_minor (stored),
                    relais_lead_get_value_minor (edited), FALSE);
      add_text_pair (builder, "currency", stored_currency, currency);
      n_changed++;
    }

  if (relais_lead_get_quality_rating (stored) != relais_lead_get_quality_rating (edited))
    {
      add_int_pair (builder, "quality_rating", relais_lead_get_quality_rating (stored),
                    relais_lead_get_quality_rating (edited), TRUE);
      n_changed++;
    }

  json_builder_end_object (builder);

  if (n_changed == 0)
    {
      ok = TRUE;
      goto out;
    }

  st = relais_db_prepare (db,
                          "UPDATE lead SET first_name = ?, last_name = ?, company = ?, email = ?,"
                          " phone = ?, street = ?, city = ?, state = ?, postal_code = ?, country = ?,"
                          " listing = ?, technology = ?, budget = ?, language = ?, program = ?,"
                          " source = ?, quality_comment = ?, kind = ?, category = ?, value_minor = ?,"
                          " currency = ?, quality_rating = ?, updated_at = ?, revision = revision + 1"
                          " WHERE id = ? AND revision = ?",
                          error);
  if (st == NULL)
    goto out;

  /* The same order as EDITABLE_TEXT_FIELDS. */
  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    relais_statement_bind_text (st, col++, texts[i]);
  relais_statement_bind_text (st, col++, relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (edited)));
  relais_statement_bind_text (st, col++, relais_enum_code (&relais_lead_category_info, relais_lead_get_category (edited)));
  relais_statement_bind_int64 (st, col++, relais_lead_get_value_minor (edited));
  relais_statement_bind_text (st, col++, currency);
  relais_statement_bind_id (st, col++, relais_lead_get_quality_rating (edited));
  relais_statement_bind_int64 (st, col++, now);
  relais_statement_bind_int64 (st, col++, relais_lead_get_id (stored));
  relais_statement_bind_int64 (st, col++, relais_lead_get_revision (stored));

  if (!relais_statement_execute (st, error))
    goto out;

  changes = builder_to_json (builder);
  if (!journal (db, "update", stored, changes, TRUE, error))
    goto out;

  *written = TRUE;
  ok = TRUE;

out:
  for (guint i = 0; i < N_EDITABLE_TEXT_FIELDS; i++)
    g_free (texts[i]);
  return ok;
}

/**
 * relais_lead_changes_update:
 * @edited: a lead read from the store (its id and revision), with edited fields
 *
 * Returns: whether the fields are saved (or nothing differed); %FALSE with
 *   @error set (RELAIS_LEAD_CHANGES_ERROR or RELAIS_DB_ERROR) and nothing written.
 */
gboolean
relais_lead_changes_update (RelaisDb    *db,
                            RelaisLead  *edited,
                            GError     **error)
{
  gboolean written = FALSE;
  gint64 before = g_get_real_time ();

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD (edited), FALSE);
  g_return_val_if_fail (relais_lead_get_id (edited) > 0, FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, update_in_transaction (db, edited, &written, error));

  if (written)
    {
      g_autoptr(RelaisLead) stored = relais_lead_store_load (db, relais_lead_get_id (edited), NULL);

      /* The edited copy now matches the store: the next save starts from it. */
      relais_lead_set_revision (edited, stored ? relais_lead_get_revision (stored) : relais_lead_get_revision (edited) + 1);
      relais_lead_set_updated_at (edited, stored ? relais_lead_get_updated_at (stored) : before);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Status                                                                    */

static gboolean
status_needs_partner (RelaisLeadStatus status)
{
  return status != RELAIS_LEAD_STATUS_NEW && status != RELAIS_LEAD_STATUS_CLOSED;
}

gboolean
relais_lead_changes_can_set_status (RelaisLead       *lead,
                                    RelaisLeadStatus  to)
{
  g_return_val_if_fail (RELAIS_IS_LEAD (lead), FALSE);
  g_return_val_if_fail (to < RELAIS_LEAD_N_STATUSES, FALSE);

  if (!relais_lead_status_can_change (relais_lead_get_status (lead), to))
    return FALSE;

  return !status_needs_partner (to) || relais_lead_get_partner_id (lead) != 0;
}

static gboolean
set_status_in_transaction (RelaisDb               *db,
                           gint64                  lead_id,
                           RelaisLeadStatus        to,
                           RelaisRejectionReason   reason,
                           int                     quality_rating,
                           const char             *comment,
                           GError                **error)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *new_comment = NULL;
  RelaisLeadStatus from;
  RelaisRejectionReason new_reason;
  gint64 new_rating, new_assigned_at, new_accepted_at;
  gint64 now = g_get_real_time ();

  lead = load_lead (db, lead_id, error);
  if (lead == NULL)
    return FALSE;

  from = relais_lead_get_status (lead);

  if (from == to)
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_TRANSITION,
                   /* Translators: %s is a lead status */
                   _("The lead is already “%s”."), relais_enum_label (&relais_lead_status_info, to));
      return FALSE;
    }

  if (!relais_lead_status_can_change (from, to))
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_TRANSITION,
                   /* Translators: %1$s and %2$s are lead statuses */
                   _("A lead cannot go from “%1$s” to “%2$s”. Choose one of the statuses its menu offers."),
                   relais_enum_label (&relais_lead_status_info, from),
                   relais_enum_label (&relais_lead_status_info, to));
      return FALSE;
    }

  if (status_needs_partner (to) && relais_lead_get_partner_id (lead) == 0)
    {
      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_TRANSITION,
                   /* Translators: %s is a lead status */
                   _("The lead has no partner. Assign it to a partner before setting its status to “%s”."),
                   relais_enum_label (&relais_lead_status_info, to));
      return FALSE;
    }

  new_reason = relais_lead_get_rejection_reason (lead);
  new_comment = g_strdup (relais_lead_get_rejection_comment (lead));
  new_rating = relais_lead_get_quality_rating (lead);
  new_assigned_at = relais_lead_get_assigned_at (lead);
  new_accepted_at = relais_lead_get_accepted_at (lead);

  if (to == RELAIS_LEAD_STATUS_REJECTED)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (comment ? comment : ""));

      if (reason <= RELAIS_REJECTION_NONE || reason >= RELAIS_N_REJECTION_REASONS)
        {
          g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                               _("Choose the reason why the lead is rejected."));
          return FALSE;
        }
      if (quality_rating < 1 || quality_rating > 5)
        {
          g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                               _("Rate the quality of the rejected lead, from 1 to 5."));
          return FALSE;
        }
      if (trimmed[0] == '\0')
        {
          g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                               _("Say in a comment why the lead is rejected."));
          return FALSE;
        }
      if (g_utf8_strlen (trimmed, -1) > COMMENT_MAX_CHARS)
        {
          g_autofree char *m = relais_format_count (COMMENT_MAX_CHARS);

          g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                       /* Translators: %s is a number of characters */
                       _("The comment is too long: at most %s characters. Shorten it."), m);
          return FALSE;
        }

      new_reason = reason;
      new_rating = quality_rating;
      g_free (new_comment);
      new_comment = g_steal_pointer (&trimmed);
    }
  else if (from == RELAIS_LEAD_STATUS_REJECTED)
    {
      /* Reopened: the rejection no longer holds. The rating stays: it is about the lead. */
      new_reason = RELAIS_REJECTION_NONE;
      g_free (new_comment);
      new_comment = g_strdup ("");
    }

  /* Given to a partner again: the 48-hour clock starts now. */
  if (to == RELAIS_LEAD_STATUS_PARTNER_ASSIGNED && (from == RELAIS_LEAD_STATUS_NEW || new_assigned_at == 0))
    new_assigned_at = now;

  /* The partner accepted the lead when it first goes to a rep or is worked. */
  if ((to == RELAIS_LEAD_STATUS_ASSIGNED_TO_REP || to == RELAIS_LEAD_STATUS_ACTIVELY_WORKING) &&
      new_accepted_at == 0)
    new_accepted_at = now;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_text_pair (builder, "status",
                 relais_enum_code (&relais_lead_status_info, from),
                 relais_enum_code (&relais_lead_status_info, to));
  if (new_reason != relais_lead_get_rejection_reason (lead))
    add_text_pair (builder, "rejection_reason",
                   relais_enum_code (&relais_rejection_reason_info, relais_lead_get_rejection_reason (lead)),
                   relais_enum_code (&relais_rejection_reason_info, new_reason));
  if (!g_str_equal (new_comment, relais_lead_get_rejection_comment (lead)))
    add_text_pair (builder, "rejection_comment", relais_lead_get_rejection_comment (lead), new_comment);
  if (new_rating != relais_lead_get_quality_rating (lead))
    add_int_pair (builder, "quality_rating", relais_lead_get_quality_rating (lead), new_rating, TRUE);
  if (new_assigned_at != relais_lead_get_assigned_at (lead))
    add_int_pair (builder, "assigned_at", relais_lead_get_assigned_at (lead), new_assigned_at, TRUE);
  if (new_accepted_at != relais_lead_get_accepted_at (lead))
    add_int_pair (builder, "accepted_at", relais_lead_get_accepted_at (lead), new_accepted_at, TRUE);
  json_builder_end_object (builder);

  st = relais_db_prepare (db,
                          "UPDATE lead SET status = ?, rejection_reason = ?, rejection_comment = ?,"
                          " quality_rating = ?, assigned_at = ?, accepted_at = ?, updated_at = ?,"
                          " revision = revision + 1 WHERE id = ?",
                          error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_text (st, 1, relais_enum_code (&relais_lead_status_info, to));
  relais_statement_bind_text (st, 2, relais_enum_code (&relais_rejection_reason_info, new_reason));
  relais_statement_bind_text (st, 3, new_comment);
  relais_statement_bind_id (st, 4, new_rating);
  relais_statement_bind_id (st, 5, new_assigned_at);
  relais_statement_bind_id (st, 6, new_accepted_at);
  relais_statement_bind_int64 (st, 7, now);
  relais_statement_bind_int64 (st, 8, lead_id);
  if (!relais_statement_execute (st, error))
    return FALSE;

  changes = builder_to_json (builder);
  return journal (db, "status", lead, changes, TRUE, error);
}

/**
 * relais_lead_changes_set_status:
 *
 * Returns: whether the lead is now in status @to; %FALSE with @error set
 *   (RELAIS_LEAD_CHANGES_ERROR or RELAIS_DB_ERROR) and nothing written.
 */
gboolean
relais_lead_changes_set_status (RelaisDb               *db,
                                gint64                  lead_id,
                                RelaisLeadStatus        to,
                                RelaisRejectionReason   reason,
                                int                     quality_rating,
                                const char             *comment,
                                GError                **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);
  g_return_val_if_fail (to < RELAIS_LEAD_N_STATUSES, FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, set_status_in_transaction (db, lead_id, to, reason, quality_rating, comment, error));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Notes                                                                     */

static gboolean
touch_lead (RelaisDb    *db,
            gint64       lead_id,
            GError     **error)
{
  g_autoptr(RelaisStatement) st =
    relais_db_prepare (db, "UPDATE lead SET updated_at = ?, revision = revision + 1 WHERE id = ?", error);

  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, g_get_real_time ());
  relais_statement_bind_int64 (st, 2, lead_id);
  return relais_statement_execute (st, error);
}

static gboolean
add_note_in_transaction (RelaisDb    *db,
                         gint64       lead_id,
                         const char  *author,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *changes = NULL;

  lead = load_lead (db, lead_id, error);
  if (lead == NULL)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "note");
  json_builder_begin_array (builder);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, author);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  changes = builder_to_json (builder);

  return relais_lead_store_add_note (db, lead_id, author, text, 0, error) &&
         touch_lead (db, lead_id, error) &&
         journal (db, "note", lead, changes, TRUE, error);
}

/**
 * relais_lead_changes_add_note:
 * @author: (nullable): who writes it, usually relais_journal_get_actor()
 * @text: the note; surrounding spaces are removed
 *
 * Returns: whether the note was added; %FALSE with @error set and nothing written.
 */
gboolean
relais_lead_changes_add_note (RelaisDb    *db,
                              gint64       lead_id,
                              const char  *author,
                              const char  *text,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong len;

  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                           _("The note is empty. Write something first."));
      return FALSE;
    }

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                           _("The note is not valid text."));
      return FALSE;
    }

  len = g_utf8_strlen (trimmed, -1);
  if (len > RELAIS_LEAD_NOTE_MAX_CHARS)
    {
      g_autofree char *n = relais_format_count (len);
      g_autofree char *m = relais_format_count (RELAIS_LEAD_NOTE_MAX_CHARS);

      g_set_error (error, RELAIS_LEAD_CHANGES_ERROR, RELAIS_LEAD_CHANGES_ERROR_INVALID,
                   /* Translators: %1$s is the note's length in characters, %2$s the limit */
                   _("The note is too long (%1$s characters, at most %2$s). Shorten it or split it in two."),
                   n, m);
      return FALSE;
    }

  RELAIS_DB_IN_TRANSACTION (db, error, add_note_in_transaction (db, lead_id, author ? author : "", trimmed, error));
  return TRUE;
}

GListModel *
relais_lead_changes_list_notes (RelaisDb  *db,
                                gint64     lead_id,
                                GError   **error)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  st = relais_db_prepare (db,
                          "SELECT id, author, body, created_at FROM lead_note"
                          " WHERE lead_id = ? ORDER BY created_at DESC, id DESC",
                          error);
  if (st == NULL)
    return NULL;

  store = g_list_store_new (RELAIS_TYPE_LEAD_NOTE);
  relais_statement_bind_int64 (st, 1, lead_id);
  while (relais_statement_next (st, &local_error))
    {
      g_autoptr(RelaisLeadNote) note = g_object_new (RELAIS_TYPE_LEAD_NOTE, NULL);

      note->id = relais_statement_get_int64 (st, 0);
      note->author = g_strdup (relais_statement_get_text (st, 1));
      note->text = g_strdup (relais_statement_get_text (st, 2));
      note->created_at = relais_statement_get_int64 (st, 3);
      g_list_store_append (store, note);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* ------------------------------------------------------------------------ */
/* History                                                                   */

static RelaisLeadHistoryEntry *
history_entry_new (gint64      at,
                   const char *actor,
                   const char *action,
                   char       *text)
{
  RelaisLeadHistoryEntry *entry = g_object_new (RELAIS_TYPE_LEAD_HISTORY_ENTRY, NULL);

  entry->at = at;
  entry->actor = g_strdup (actor ? actor : "");
  entry->action = g_strdup (action);
  entry->text = text;
  return entry;
}

static void
add_pair (JsonBuilder *builder,
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

/* A bulk reassignment (relais-lead-assign.c) as this lead lived it: its own
 * previous partner, rep, queue and status from lead_reassignment, and where
 * the entry says the leads went. */
static char *
describe_reassignment (RelaisDb   *db,
                       gint64      journal_id,
                       gint64      lead_id,
                       const char *actor,
                       const char *changes_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) pairs = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *pairs_json = NULL;
  JsonObject *changes = NULL, *to = NULL;
  const char *kind = "nobody";
  const char *to_name = NULL, *to_partner = NULL;
  gint64 count = 1;

  if (json_parser_load_from_data (parser, changes_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    changes = json_node_get_object (json_parser_get_root (parser));
  if (changes != NULL && json_object_has_member (changes, "to") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (changes, "to")))
    {
      to = json_object_get_object_member (changes, "to");
      kind = json_object_get_string_member_with_default (to, "kind", "nobody");
      to_name = json_object_get_string_member_with_default (to, "name", NULL);
      to_partner = json_object_get_string_member_with_default (to, "partner_name", NULL);
    }
  if (changes != NULL)
    count = json_object_get_int_member_with_default (changes, "count", 1);

  st = relais_db_prepare (db,
                          "SELECT r.old_status, p.name, trim(c.first_name || ' ' || c.last_name), q.name"
                          " FROM lead_reassignment r"
                          " LEFT JOIN partner p ON p.id = r.old_partner_id"
                          " LEFT JOIN contact c ON c.id = r.old_rep_id"
                          " LEFT JOIN queue q ON q.id = r.old_queue_id"
                          " WHERE r.journal_id = ? AND r.lead_id = ?",
                          NULL);
  /* An entry about this lead alone (from sync, or written before bulk
   * reassignments kept each lead's previous state) says it all itself. */
  if (st == NULL || to == NULL)
    return relais_lead_history_describe (actor, "reassign", changes_json);
  relais_statement_bind_int64 (st, 1, journal_id);
  relais_statement_bind_int64 (st, 2, lead_id);
  if (!relais_statement_next (st, NULL))
    return relais_lead_history_describe (actor, "reassign", changes_json);

  json_builder_begin_object (builder);
  add_pair (builder, "status", relais_statement_get_text (st, 0),
            json_object_get_string_member_with_default (changes, "status", NULL));
  if (g_str_equal (kind, "partner"))
    add_pair (builder, "partner", relais_statement_is_null (st, 1) ? NULL : relais_statement_get_text (st, 1), to_name);
  else if (g_str_equal (kind, "rep"))
    {
      add_pair (builder, "partner", relais_statement_is_null (st, 1) ? NULL : relais_statement_get_text (st, 1), to_partner);
      add_pair (builder, "rep", relais_statement_is_null (st, 2) ? NULL : relais_statement_get_text (st, 2), to_name);
    }
  else
    {
      add_pair (builder, "partner", relais_statement_is_null (st, 1) ? NULL : relais_statement_get_text (st, 1), NULL);
      add_pair (builder, "queue", relais_statement_is_null (st, 3) ? NULL : relais_statement_get_text (st, 3),
                g_str_equal (kind, "queue") ? to_name : NULL);
    }
  if (!g_str_equal (kind, "rep") && !relais_statement_is_null (st, 2))
    add_pair (builder, "rep", relais_statement_get_text (st, 2), NULL);
  json_builder_end_object (builder);
  pairs = json_builder_get_root (builder);
  pairs_json = json_to_string (pairs, FALSE);

  {
    g_autofree char *moved = relais_lead_history_describe (actor, "reassign", pairs_json);
    text = g_string_new (moved);
  }
  if (count > 1)
    {
      g_autofree char *others = relais_format_count (count - 1);

      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: lead history, after a reassignment of many leads at once; %s is a number */
                              g_dngettext (GETTEXT_PACKAGE, "%s other lead moved with it.", "%s other leads moved with it.",
                                           (gulong) (count - 1)),
                              others);
    }
  if (json_object_get_boolean_member_with_default (changes, "notify", FALSE))
    {
      g_string_append_c (text, '\n');
      /* Translators: lead history, after a reassignment */
      g_string_append (text, _("The partner is to be notified."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A run of the assignment rules as this lead lived it: the explanation the
 * run kept in its routing history. */
static char *
describe_routing (RelaisDb   *db,
                  gint64      journal_id,
                  gint64      lead_id,
                  const char *action)
{
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(RelaisRoutingExplanation) explanation = NULL;

  st = relais_db_prepare (db,
                          "SELECT e.text FROM lead_routing lr LEFT JOIN routing_explanation e ON e.id = lr.explanation_id"
                          " WHERE lr.journal_id = ? AND lr.lead_id = ? ORDER BY lr.id DESC LIMIT 1",
                          NULL);
  if (st != NULL)
    {
      relais_statement_bind_int64 (st, 1, journal_id);
      relais_statement_bind_int64 (st, 2, lead_id);
      if (relais_statement_next (st, NULL))
        explanation = relais_routing_explanation_parse (relais_statement_get_text (st, 0), NULL);
    }
  if (explanation != NULL)
    return relais_routing_explain (explanation);

  return g_str_equal (action, "reroute")
    /* Translators: lead history, when the explanation of the routing is lost */
    ? g_strdup (_("The assignment rules passed this lead on to someone else."))
    /* Translators: lead history, when the explanation of the routing is lost */
    : g_strdup (_("The assignment rules routed this lead."));
}

GListModel *
relais_lead_changes_list_history (RelaisDb  *db,
                                  gint64     lead_id,
                                  GError   **error)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *local_error = NULL;
  gboolean has_origin = FALSE;
  guint n = 0;

  g_return_val_if_fail (RELAIS_IS_DB (db), NULL);

  lead = load_lead (db, lead_id, error);
  if (lead == NULL)
    return NULL;

  /* The lead's own entries (by uuid, also those written by sync), the bulk
   * ones that list it in journal_lead, and the rule runs that routed it
   * (lead_routing); each through an index. */
  st = relais_db_prepare (db,
                          "SELECT j.at, j.actor, j.action, j.changes, j.id FROM journal j"
                          " WHERE j.id IN (SELECT jl.journal_id FROM journal_lead jl WHERE jl.lead_id = ?1"
                          "                UNION"
                          "                SELECT lr.journal_id FROM lead_routing lr WHERE lr.lead_id = ?1"
                          "                 AND lr.journal_id IS NOT NULL"
                          "                UNION"
                          "                SELECT j2.id FROM journal j2 WHERE j2.entity = 'lead' AND j2.entity_uuid = ?2)"
                          " AND j.undone = 0"
                          " ORDER BY j.at DESC, j.id DESC LIMIT ?3",
                          error);
  if (st == NULL)
    return NULL;

  store = g_list_store_new (RELAIS_TYPE_LEAD_HISTORY_ENTRY);
  relais_statement_bind_int64 (st, 1, lead_id);
  relais_statement_bind_text (st, 2, relais_lead_get_uuid (lead));
  relais_statement_bind_int64 (st, 3, RELAIS_LEAD_HISTORY_MAX);
  while (relais_statement_next (st, &local_error))
    {
      const char *actor = relais_statement_get_text (st, 1);
      const char *action = relais_statement_get_text (st, 2);
      char *text;

      if (g_str_equal (action, "reassign"))
        text = describe_reassignment (db, relais_statement_get_int64 (st, 4), lead_id, actor,
                                      relais_statement_get_text (st, 3));
      else if (g_str_equal (action, "route") || g_str_equal (action, "reroute"))
        text = describe_routing (db, relais_statement_get_int64 (st, 4), lead_id, action);
      else
        text = relais_lead_history_describe (actor, action, relais_statement_get_text (st, 3));

      g_autoptr(RelaisLeadHistoryEntry) entry =
        history_entry_new (relais_statement_get_int64 (st, 0), actor, action, text);

      if (g_str_equal (action, "import") || g_str_equal (action, "create"))
        has_origin = TRUE;
      g_list_store_append (store, entry);
      n++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* Leads loaded in bulk (demo data, a first sync) have no entry of their own:
   * the history still starts with their arrival. */
  if (!has_origin && n < RELAIS_LEAD_HISTORY_MAX && relais_lead_get_created_at (lead) != 0)
    {
      const char *source = relais_lead_get_source (lead);
      char *text = source[0] != '\0'
        /* Translators: the first entry of a lead's history; %s is where the lead came from (a web form, an event…) */
        ? g_strdup_printf (_("The lead arrived from “%s”."), source)
        : g_strdup (_("The lead arrived."));
      g_autoptr(RelaisLeadHistoryEntry) entry =
        history_entry_new (relais_lead_get_created_at (lead), "", "create", text);

      g_list_store_append (store, entry);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* ------------------------------------------------------------------------ */
/* Delete                                                                    */

/* The whole row as [old, null] pairs, and the notes that go with it. */
static char *
deleted_lead_json (RelaisDb    *db,
                   RelaisLead  *lead,
                   GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GListModel) notes = NULL;

  notes = relais_lead_changes_list_notes (db, relais_lead_get_id (lead), error);
  if (notes == NULL)
    return NULL;

  json_builder_begin_object (builder);

#define ADD_TEXT(name, prop) \
  json_builder_set_member_name (builder, #name); \
  json_builder_begin_array (builder); \
  json_builder_add_string_value (builder, relais_lead_get_##name (lead)); \
  json_builder_add_null_value (builder); \
  json_builder_end_array (builder);
#define ADD_INT(name, prop) \
  json_builder_set_member_name (builder, #name); \
  json_builder_begin_array (builder); \
  if (g_str_equal (#name, "value_minor") || g_str_equal (#name, "revision")) \
    json_builder_add_int_value (builder, relais_lead_get_##name (lead)); \
  else \
    add_optional_int (builder, relais_lead_get_##name (lead)); \
  json_builder_add_null_value (builder); \
  json_builder_end_array (builder);
  RELAIS_LEAD_TEXT_FIELDS (ADD_TEXT)
  RELAIS_LEAD_INT_FIELDS (ADD_INT)
#undef ADD_TEXT
#undef ADD_INT

  json_builder_set_member_name (builder, "status");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, relais_enum_code (&relais_lead_status_info, relais_lead_get_status (lead)));
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (lead)));
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, relais_enum_code (&relais_lead_category_info, relais_lead_get_category (lead)));
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rejection_reason");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, relais_enum_code (&relais_rejection_reason_info, relais_lead_get_rejection_reason (lead)));
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(RelaisLeadNote) note = g_list_model_get_item (notes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "author");
      json_builder_add_string_value (builder, note->author);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, note->text);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, note->created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return builder_to_json (builder);
}

static gboolean
delete_in_transaction (RelaisDb    *db,
                       gint64       lead_id,
                       GError     **error)
{
  g_autoptr(RelaisLead) lead = NULL;
  g_autoptr(RelaisStatement) st = NULL;
  g_autofree char *changes = NULL;

  lead = load_lead (db, lead_id, error);
  if (lead == NULL)
    return FALSE;

  changes = deleted_lead_json (db, lead, error);
  if (changes == NULL)
    return FALSE;

  /* Not linked in journal_lead: the link would go with the lead. The entry is
   * found by its entity_uuid. */
  if (!journal (db, "delete", lead, changes, FALSE, error))
    return FALSE;

  st = relais_db_prepare (db, "DELETE FROM lead WHERE id = ?", error);
  if (st == NULL)
    return FALSE;

  relais_statement_bind_int64 (st, 1, lead_id);
  return relais_statement_execute (st, error);
}

/**
 * relais_lead_changes_delete:
 *
 * Returns: whether the lead is deleted; %FALSE with @error set and nothing written.
 */
gboolean
relais_lead_changes_delete (RelaisDb    *db,
                            gint64       lead_id,
                            GError     **error)
{
  g_return_val_if_fail (RELAIS_IS_DB (db), FALSE);

  RELAIS_DB_IN_TRANSACTION (db, error, delete_in_transaction (db, lead_id, error));
  return TRUE;
}
