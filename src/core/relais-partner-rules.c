/* relais-partner-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-partner-rules.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "relais-search.h"
#include "relais-util.h"

G_DEFINE_QUARK (relais-partner-rules-error-quark, relais_partner_rules_error)

/* ISO 3166-1 alpha-2, with XK (Kosovo), which the vendors' portals use. */
static const char iso_countries[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
  "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
  "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
  "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
  "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
  "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
  "VN VU WF WS XK YE YT ZA ZM ZW";

/* ISO 639-1. */
static const char iso_languages[] =
  "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
  "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
  "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
  "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
  "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
  "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
  "yo za zh zu";

#define TECHNOLOGY_MAX_CHARS 50
#define PHONE_MIN_DIGITS     4

/* Whether @code (two ASCII letters, in the table's case) is in @table. */
static gboolean
in_table (const char *table,
          const char *code)
{
  if (strlen (code) != 2 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]))
    return FALSE;

  for (const char *p = table; *p != '\0'; p += 3)
    {
      if (p[0] == code[0] && p[1] == code[1])
        return TRUE;
      if (p[2] == '\0')
        break;
    }
  return FALSE;
}

/* "FR" or a region of ISO 3166-2: "CA-QC", "FR-IDF" (one to three letters or digits). */
static gboolean
country_or_region_is_valid (const char *code)
{
  char country[3];
  gsize n;

  if (strlen (code) < 2)
    return FALSE;

  country[0] = code[0];
  country[1] = code[1];
  country[2] = '\0';
  if (!in_table (iso_countries, country))
    return FALSE;
  if (code[2] == '\0')
    return TRUE;
  if (code[2] != '-')
    return FALSE;

  n = strlen (code + 3);
  if (n < 1 || n > 3)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (code[3 + i]))
      return FALSE;
  return TRUE;
}

gboolean
relais_partner_rules_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gboolean dot = FALSE;

  g_return_val_if_fail (email != NULL, FALSE);

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || at - email > 64)
    return FALSE;
  if (!g_utf8_validate (email, -1, NULL))
    return FALSE;

  for (const char *p = email; p < at; p++)
    {
      if ((guchar) *p <= ' ' || strchr ("\"(),:;<>[]\\", *p) != NULL)
        return FALSE;
      if (*p == '.' && p[1] == '.')
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
is_separator (RelaisCodeList kind,
              gunichar       c)
{
  if (c == ',' || c == ';')
    return TRUE;
  return kind != RELAIS_CODE_LIST_TECHNOLOGIES && g_unichar_isspace (c);
}

/* One technology in its stored form: lower case, each run of spaces one "_". */
static char *
normalize_technology (const char *item)
{
  g_autofree char *lower = g_utf8_strdown (item, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, '_');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
check_item (RelaisCodeList   kind,
            const char      *item,
            GError         **error)
{
  switch (kind)
    {
    case RELAIS_CODE_LIST_COUNTRIES:
      if (!country_or_region_is_valid (item))
        {
          g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_COUNTRIES,
                       /* Translators: %s is what the user typed in a partner's list of countries */
                       _("“%s” is not a country or region code. Use two-letter ISO codes such as FR or DE, or a region such as CA-QC, separated by commas."),
                       item);
          return FALSE;
        }
      return TRUE;

    case RELAIS_CODE_LIST_LANGUAGES:
      if (!in_table (iso_languages, item))
        {
          g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_LANGUAGES,
                       /* Translators: %s is what the user typed in a partner's list of languages */
                       _("“%s” is not a language code. Use two-letter ISO codes such as fr or de, separated by commas."),
                       item);
          return FALSE;
        }
      return TRUE;

    case RELAIS_CODE_LIST_TECHNOLOGIES:
      if (g_utf8_strlen (item, -1) > TECHNOLOGY_MAX_CHARS)
        {
          g_autofree char *head = g_utf8_substring (item, 0, 20);

          g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES,
                       /* Translators: %1$s is the start of what the user typed as one technology, %2$d the limit */
                       _("“%1$s…” is too long for a technology (at most %2$d characters). Separate technologies with commas."),
                       head, TECHNOLOGY_MAX_CHARS);
          return FALSE;
        }
      for (const char *p = item; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_iscntrl (g_utf8_get_char (p)))
            {
              g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES,
                                   _("A technology cannot hold control characters. Type it again."));
              return FALSE;
            }
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

char *
relais_partner_rules_normalize_list (RelaisCodeList   kind,
                                     const char      *text,
                                     GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *p;

  g_return_val_if_fail (kind <= RELAIS_CODE_LIST_TECHNOLOGIES, NULL);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR,
                           kind == RELAIS_CODE_LIST_COUNTRIES ? RELAIS_PARTNER_RULES_ERROR_COUNTRIES
                           : kind == RELAIS_CODE_LIST_LANGUAGES ? RELAIS_PARTNER_RULES_ERROR_LANGUAGES
                           : RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES,
                           _("The text is not valid UTF-8. Type it again."));
      return NULL;
    }

  p = text;
  while (*p != '\0')
    {
      const char *start = p;
      g_autofree char *raw = NULL;
      g_autofree char *item = NULL;
      gboolean seen = FALSE;

      while (*p != '\0' && !is_separator (kind, g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      raw = g_strstrip (g_strndup (start, p - start));
      if (*p != '\0')
        p = g_utf8_next_char (p);
      if (raw[0] == '\0')
        continue;

      switch (kind)
        {
        case RELAIS_CODE_LIST_COUNTRIES:
          item = g_ascii_strup (raw, -1);
          break;
        case RELAIS_CODE_LIST_LANGUAGES:
          item = g_ascii_strdown (raw, -1);
          break;
        case RELAIS_CODE_LIST_TECHNOLOGIES:
          item = normalize_technology (raw);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!check_item (kind, item, error))
        return NULL;

      for (guint i = 0; i < items->len && !seen; i++)
        seen = g_str_equal (g_ptr_array_index (items, i), item);
      if (!seen)
        g_ptr_array_add (items, g_steal_pointer (&item));
    }

  g_ptr_array_add (items, NULL);
  return g_strjoinv (",", (char **) items->pdata);
}

/* @value trimmed, or NULL with @error set (code @field) when it is longer
 * than @max characters or is no UTF-8. */
static char *
trimmed_text (const char  *value,
              glong        max,
              int          field,
              GError     **error)
{
  g_autofree char *s = NULL;
  glong len;

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, field,
                           _("The text is not valid UTF-8. Type it again."));
      return NULL;
    }

  s = g_strstrip (g_strdup (value));
  len = g_utf8_strlen (s, -1);
  if (len > max)
    {
      g_autofree char *head = g_utf8_substring (s, 0, 20);
      g_autofree char *n = relais_format_count (len);
      g_autofree char *m = relais_format_count (max);

      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, field,
                   /* Translators: %1$s is the start of the text, %2$s its length, %3$s the limit */
                   _("“%1$s…” is too long (%2$s characters, at most %3$s). Shorten it."),
                   head, n, m);
      return NULL;
    }

  return g_steal_pointer (&s);
}

static gboolean
website_is_valid (const char *website)
{
  const char *host = website;

  if (g_ascii_strncasecmp (host, "https://", 8) == 0)
    host += 8;
  else if (g_ascii_strncasecmp (host, "http://", 7) == 0)
    host += 7;

  if (host[0] == '\0' || host[0] == '.' || host[0] == '/')
    return FALSE;
  for (const char *p = website; *p != '\0'; p++)
    if ((guchar) *p <= ' ')
      return FALSE;

  {
    const char *end = strchr (host, '/');
    const char *dot = strchr (host, '.');

    return dot != NULL && (end == NULL || dot < end);
  }
}

static gboolean
phone_is_valid (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        digits++;
      else if (c == '@')
        return FALSE;
    }

  return digits >= PHONE_MIN_DIGITS;
}

gboolean
relais_partner_rules_normalize (RelaisPartner  *partner,
                                GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *technologies = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *website = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *notes = NULL;
  gint64 capacity;

  g_return_val_if_fail (RELAIS_IS_PARTNER (partner), FALSE);

  name = trimmed_text (relais_partner_get_name (partner), RELAIS_PARTNER_NAME_MAX_CHARS,
                       RELAIS_PARTNER_RULES_ERROR_NAME, error);
  if (name == NULL)
    return FALSE;
  if (name[0] == '\0')
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME,
                           _("A partner needs a name. Enter the company’s name."));
      return FALSE;
    }

  capacity = relais_partner_get_capacity (partner);
  if (capacity < 0)
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_CAPACITY,
                           _("The capacity cannot be negative. Enter 0 or more open leads."));
      return FALSE;
    }
  if (capacity > RELAIS_PARTNER_CAPACITY_MAX)
    {
      g_autofree char *m = relais_format_count (RELAIS_PARTNER_CAPACITY_MAX);

      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_CAPACITY,
                   /* Translators: %s is the largest capacity accepted, a formatted number */
                   _("The capacity is at most %s open leads. Enter a smaller number."), m);
      return FALSE;
    }

  if (relais_partner_get_out_of_office_until (partner) < 0)
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_OUT_OF_OFFICE,
                           _("The end of the absence is not a date. Choose a day in the calendar, or clear it."));
      return FALSE;
    }

  countries = relais_partner_rules_normalize_list (RELAIS_CODE_LIST_COUNTRIES, relais_partner_get_countries (partner), error);
  if (countries == NULL)
    return FALSE;
  technologies = relais_partner_rules_normalize_list (RELAIS_CODE_LIST_TECHNOLOGIES, relais_partner_get_technologies (partner), error);
  if (technologies == NULL)
    return FALSE;
  languages = relais_partner_rules_normalize_list (RELAIS_CODE_LIST_LANGUAGES, relais_partner_get_languages (partner), error);
  if (languages == NULL)
    return FALSE;

  /* The lists are stored as text too: the same limit as any field. */
  if (g_utf8_strlen (countries, -1) > RELAIS_PARTNER_FIELD_MAX_CHARS ||
      g_utf8_strlen (technologies, -1) > RELAIS_PARTNER_FIELD_MAX_CHARS ||
      g_utf8_strlen (languages, -1) > RELAIS_PARTNER_FIELD_MAX_CHARS)
    {
      int field = g_utf8_strlen (countries, -1) > RELAIS_PARTNER_FIELD_MAX_CHARS ? RELAIS_PARTNER_RULES_ERROR_COUNTRIES
                : g_utf8_strlen (technologies, -1) > RELAIS_PARTNER_FIELD_MAX_CHARS ? RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES
                : RELAIS_PARTNER_RULES_ERROR_LANGUAGES;

      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, field,
                   /* Translators: %d is the limit */
                   _("The list is too long (at most %d characters). Remove some of its codes."),
                   RELAIS_PARTNER_FIELD_MAX_CHARS);
      return FALSE;
    }

  owner = trimmed_text (relais_partner_get_owner (partner), RELAIS_PARTNER_FIELD_MAX_CHARS,
                        RELAIS_PARTNER_RULES_ERROR_OWNER, error);
  if (owner == NULL)
    return FALSE;

  website = trimmed_text (relais_partner_get_website (partner), RELAIS_PARTNER_FIELD_MAX_CHARS,
                          RELAIS_PARTNER_RULES_ERROR_WEBSITE, error);
  if (website == NULL)
    return FALSE;
  if (website[0] != '\0' && !website_is_valid (website))
    {
      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_WEBSITE,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a web address. Enter one such as example.com or https://example.com, or leave the field empty."),
                   website);
      return FALSE;
    }

  city = trimmed_text (relais_partner_get_city (partner), RELAIS_PARTNER_FIELD_MAX_CHARS,
                       RELAIS_PARTNER_RULES_ERROR_CITY, error);
  if (city == NULL)
    return FALSE;

  country = trimmed_text (relais_partner_get_country (partner), RELAIS_PARTNER_FIELD_MAX_CHARS,
                          RELAIS_PARTNER_RULES_ERROR_COUNTRY, error);
  if (country == NULL)
    return FALSE;
  {
    char *up = g_ascii_strup (country, -1);
    g_free (country);
    country = up;
  }
  if (country[0] != '\0' && !in_table (iso_countries, country))
    {
      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_COUNTRY,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a country code. Use the two-letter ISO code, such as FR or DE."), country);
      return FALSE;
    }

  notes = trimmed_text (relais_partner_get_notes (partner), RELAIS_PARTNER_NOTES_MAX_CHARS,
                        RELAIS_PARTNER_RULES_ERROR_NOTES, error);
  if (notes == NULL)
    return FALSE;

  /* Everything is acceptable: only now is the partner changed. */
  relais_partner_set_name (partner, name);
  relais_partner_set_countries (partner, countries);
  relais_partner_set_technologies (partner, technologies);
  relais_partner_set_languages (partner, languages);
  relais_partner_set_owner (partner, owner);
  relais_partner_set_website (partner, website);
  relais_partner_set_city (partner, city);
  relais_partner_set_country (partner, country);
  relais_partner_set_notes (partner, notes);
  return TRUE;
}

gboolean
relais_contact_rules_normalize (RelaisContact  *contact,
                                GError        **error)
{
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;

  g_return_val_if_fail (RELAIS_IS_CONTACT (contact), FALSE);

  first_name = trimmed_text (relais_contact_get_first_name (contact), RELAIS_PARTNER_NAME_MAX_CHARS,
                             RELAIS_PARTNER_RULES_ERROR_FIRST_NAME, error);
  if (first_name == NULL)
    return FALSE;

  last_name = trimmed_text (relais_contact_get_last_name (contact), RELAIS_PARTNER_NAME_MAX_CHARS,
                            RELAIS_PARTNER_RULES_ERROR_LAST_NAME, error);
  if (last_name == NULL)
    return FALSE;
  if (last_name[0] == '\0')
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_LAST_NAME,
                           _("A contact needs a last name. Enter it."));
      return FALSE;
    }

  email = trimmed_text (relais_contact_get_email (contact), RELAIS_PARTNER_FIELD_MAX_CHARS,
                        RELAIS_PARTNER_RULES_ERROR_EMAIL, error);
  if (email == NULL)
    return FALSE;
  if (email[0] != '\0' && !relais_partner_rules_email_is_valid (email))
    {
      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_EMAIL,
                   _("“%s” is not a valid e-mail address. Correct it, or leave the field empty."), email);
      return FALSE;
    }
  if (email[0] == '\0' && relais_contact_get_partner_user (contact))
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_EMAIL,
                           _("A partner user signs in with an e-mail address. Enter one, or turn off “Partner User”."));
      return FALSE;
    }

  phone = trimmed_text (relais_contact_get_phone (contact), RELAIS_PARTNER_FIELD_MAX_CHARS,
                        RELAIS_PARTNER_RULES_ERROR_PHONE, error);
  if (phone == NULL)
    return FALSE;
  if (phone[0] != '\0' && !phone_is_valid (phone))
    {
      g_set_error (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_PHONE,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a phone number. Enter its digits, such as +33 1 23 45 67 89, or leave the field empty."),
                   phone);
      return FALSE;
    }

  relais_contact_set_first_name (contact, first_name);
  relais_contact_set_last_name (contact, last_name);
  relais_contact_set_email (contact, email);
  relais_contact_set_phone (contact, phone);
  return TRUE;
}

char *
relais_queue_rules_normalize_name (const char  *name,
                                   GError     **error)
{
  g_autofree char *s = trimmed_text (name, RELAIS_PARTNER_NAME_MAX_CHARS, RELAIS_PARTNER_RULES_ERROR_NAME, error);

  if (s == NULL)
    return NULL;
  if (s[0] == '\0')
    {
      g_set_error_literal (error, RELAIS_PARTNER_RULES_ERROR, RELAIS_PARTNER_RULES_ERROR_NAME,
                           _("A queue needs a name. Enter one, such as “France – SMB”."));
      return NULL;
    }
  return g_steal_pointer (&s);
}

char *
relais_queue_rules_normalize_description (const char  *description,
                                          GError     **error)
{
  return trimmed_text (description, RELAIS_PARTNER_FIELD_MAX_CHARS, RELAIS_PARTNER_RULES_ERROR_DESCRIPTION, error);
}

gboolean
relais_queue_rules_same_name (const char *a,
                              const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  x = relais_search_fold (a);
  y = relais_search_fold (b);
  return g_str_equal (g_strstrip (x), g_strstrip (y));
}
