/* relais-partner-rules.h — what a partner account, a contact and a queue must
 * be before they are saved: required names, e-mail syntax, capacity ≥ 0,
 * country and language codes; and the form in which they are stored.
 *
 * Pure functions: no SQL, no GTK. Every refusal is a translated sentence that
 * says what is wrong and what to do; its error code names the field at fault,
 * so that a form can point at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "relais-contact.h"
#include "relais-partner.h"

G_BEGIN_DECLS

#define RELAIS_PARTNER_RULES_ERROR (relais_partner_rules_error_quark ())

/* The field at fault. */
typedef enum {
  RELAIS_PARTNER_RULES_ERROR_NAME,          /* a partner's or a queue's name */
  RELAIS_PARTNER_RULES_ERROR_COUNTRIES,
  RELAIS_PARTNER_RULES_ERROR_TECHNOLOGIES,
  RELAIS_PARTNER_RULES_ERROR_LANGUAGES,
  RELAIS_PARTNER_RULES_ERROR_CAPACITY,
  RELAIS_PARTNER_RULES_ERROR_OUT_OF_OFFICE,
  RELAIS_PARTNER_RULES_ERROR_OWNER,
  RELAIS_PARTNER_RULES_ERROR_WEBSITE,
  RELAIS_PARTNER_RULES_ERROR_CITY,
  RELAIS_PARTNER_RULES_ERROR_COUNTRY,
  RELAIS_PARTNER_RULES_ERROR_NOTES,
  RELAIS_PARTNER_RULES_ERROR_FIRST_NAME,
  RELAIS_PARTNER_RULES_ERROR_LAST_NAME,
  RELAIS_PARTNER_RULES_ERROR_EMAIL,
  RELAIS_PARTNER_RULES_ERROR_PHONE,
  RELAIS_PARTNER_RULES_ERROR_DESCRIPTION,   /* a queue's description */
} RelaisPartnerRulesError;

/* Longest name (partner, queue), other one-line field, and notes, in characters. */
#define RELAIS_PARTNER_NAME_MAX_CHARS  200
#define RELAIS_PARTNER_FIELD_MAX_CHARS 500
#define RELAIS_PARTNER_NOTES_MAX_CHARS 10000
/* More open leads than any partner could work: a typing mistake. */
#define RELAIS_PARTNER_CAPACITY_MAX    1000000

/* The three lists of codes of a partner. */
typedef enum {
  RELAIS_CODE_LIST_COUNTRIES,     /* ISO 3166-1 "FR", or a region of ISO 3166-2 "CA-QC"; upper case */
  RELAIS_CODE_LIST_LANGUAGES,     /* ISO 639-1 "fr"; lower case */
  RELAIS_CODE_LIST_TECHNOLOGIES,  /* "data_center": lower case, spaces become "_" */
} RelaisCodeList;

GQuark    relais_partner_rules_error_quark    (void);

/* Whether @email looks like an address someone can write to ("a@b.fr"). */
gboolean  relais_partner_rules_email_is_valid (const char      *email);

/* What the user typed as a list ("fr, be; ch") in its stored form ("FR,BE,CH"):
 * items trimmed, in their case, without duplicates, in the order given.
 * Countries and languages may be separated by commas, semicolons or spaces;
 * technologies (which may hold spaces) by commas or semicolons.
 * Returns: (transfer full): the list ("" for none), or %NULL with @error set. */
char     *relais_partner_rules_normalize_list (RelaisCodeList   kind,
                                               const char      *text,
                                               GError         **error);

/* Checks every field of @partner and, when all are acceptable, gives them
 * their stored form (trimmed; lists as relais_partner_rules_normalize_list();
 * the country in upper case). On error @partner is left as it was. */
gboolean  relais_partner_rules_normalize      (RelaisPartner   *partner,
                                               GError         **error);

/* The same for a contact: a last name is required; the e-mail address and the
 * phone number, when there are any, must be ones. */
gboolean  relais_contact_rules_normalize      (RelaisContact   *contact,
                                               GError         **error);

/* A queue's name (required) and description, trimmed.
 * Returns: (transfer full): the name, or %NULL with @error set. */
char     *relais_queue_rules_normalize_name   (const char      *name,
                                               GError         **error);
char     *relais_queue_rules_normalize_description (const char *description,
                                                    GError    **error);

/* Whether @a and @b name the same queue: queue names are unique whatever their
 * case and accents ("Île-de-France" and "ile-de-france" are one queue). */
gboolean  relais_queue_rules_same_name        (const char      *a,
                                               const char      *b);

G_END_DECLS
