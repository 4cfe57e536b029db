/* relais-lead-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-lead-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (relais-lead-csv-error-quark, relais_lead_csv_error)

/* Names and values are compared as "keys": lower case ASCII letters and digits
 * only, accents removed ("État/Province" → "etatprovince"). Longer text is no
 * header or value of ours. */
#define KEY_SIZE 96

/* --- Keys ---------------------------------------------------------------------- */

static gboolean
append_key_char (char     *out,
                 gsize    *len,
                 gunichar  c)
{
  if (*len + 1 >= KEY_SIZE)
    return FALSE;
  out[(*len)++] = (char) c;
  return TRUE;
}

/* Writes the key of @text into @out (KEY_SIZE bytes). FALSE when too long. */
static gboolean
make_key (const char *text,
          char        out[KEY_SIZE])
{
  gsize len = 0;

  out[0] = '\0';
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (g_ascii_isalnum ((char) c) && !append_key_char (out, &len, g_ascii_tolower ((char) c)))
            return FALSE;
          continue;
        }

      c = g_unichar_tolower (c);
      switch (c)
        {
        case 0x00DF: /* ß */
          if (!append_key_char (out, &len, 's') || !append_key_char (out, &len, 's'))
            return FALSE;
          break;
        case 0x00E6: /* æ */
        case 0x0153: /* œ */
          if (!append_key_char (out, &len, c == 0x00E6 ? 'a' : 'o') || !append_key_char (out, &len, 'e'))
            return FALSE;
          break;
        case 0x00F8: /* ø */
          if (!append_key_char (out, &len, 'o'))
            return FALSE;
          break;
        case 0x0142: /* ł */
          if (!append_key_char (out, &len, 'l'))
            return FALSE;
          break;
        default:
          {
            gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
            gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

            /* é is e + an accent: keep the e. Letters of other scripts stay out
             * of keys: no header or value we know is written in them. */
            if (n > 0 && decomposed[0] < 0x80 && g_ascii_isalnum ((char) decomposed[0]) &&
                !append_key_char (out, &len, g_ascii_tolower ((char) decomposed[0])))
              return FALSE;
          }
          break;
        }
    }

  out[len] = '\0';
  return TRUE;
}

/* Whether @key is one of the '|'-separated keys of @list. */
static gboolean
key_in_list (const char *key,
             const char *list)
{
  gsize len = strlen (key);

  if (len == 0)
    return FALSE;

  for (const char *p = list; *p != '\0';)
    {
      const char *end = strchr (p, '|');
      gsize item_len = end ? (gsize) (end - p) : strlen (p);

      if (item_len == len && memcmp (p, key, len) == 0)
        return TRUE;
      if (end == NULL)
        break;
      p = end + 1;
    }

  return FALSE;
}

/* --- Fields -------------------------------------------------------------------- */

static const struct {
  const char *code;
  const char *label;     /* NC_("lead field", ...) */
  const char *header;    /* of the export: English, never translated */
  const char *keys;      /* headers of other exports, as keys */
} fields[RELAIS_LEAD_CSV_N_FIELDS] = {
  [RELAIS_LEAD_CSV_FIELD_FIRST_NAME] = {
    /* Translators: a field of a lead, as the column mapping of a CSV import lists them */
    "first_name", NC_("lead field", "First name"), "First Name",
    "firstname|first|givenname|forename|prenom|vorname|nombre|primernombre|nome|voornaam" },
  [RELAIS_LEAD_CSV_FIELD_LAST_NAME] = {
    "last_name", NC_("lead field", "Last name"), "Last Name",
    "lastname|last|surname|familyname|nom|nomdefamille|nachname|familienname|apellido|apellidos|"
    "cognome|achternaam" },
  [RELAIS_LEAD_CSV_FIELD_COMPANY] = {
    "company", NC_("lead field", "Company"), "Company",
    "company|companyname|account|accountname|organization|organisation|organizationname|"
    "organisationname|employer|societe|societeprincipale|nomdelasociete|entreprise|"
    "nomdelentreprise|raisonsociale|firma|firmenname|unternehmen|empresa|nombredelaempresa|"
    "azienda|bedrijf|bedrijfsnaam" },
  [RELAIS_LEAD_CSV_FIELD_EMAIL] = {
    "email", NC_("lead field", "E-mail"), "Email",
    "email|emailaddress|email1|primaryemail|workemail|businessemail|mail|courriel|"
    "adressecourriel|adressedecourriel|adresseemail|adressemail|adresseelectronique|"
    "emailadresse|correo|correoelectronico|indirizzoemail" },
  [RELAIS_LEAD_CSV_FIELD_PHONE] = {
    "phone", NC_("lead field", "Phone"), "Phone",
    "phone|phonenumber|telephone|tel|numerodetelephone|mobile|mobilephone|mobilephonenumber|"
    "cellphone|businessphone|workphone|telefon|telefonnummer|telefono|portable|"
    "telephoneportable|telefoon|telefoonnummer" },
  [RELAIS_LEAD_CSV_FIELD_STREET] = {
    "street", NC_("lead field", "Street"), "Street",
    "street|streetaddress|address|address1|addressline1|mailingstreet|billingstreet|adresse|"
    "adressepostale|rue|strasse|anschrift|direccion|calle|indirizzo|straat|adres" },
  [RELAIS_LEAD_CSV_FIELD_CITY] = {
    "city", NC_("lead field", "City"), "City",
    "city|town|mailingcity|billingcity|ville|localite|commune|stadt|ort|ciudad|localidad|"
    "citta|plaats|woonplaats" },
  [RELAIS_LEAD_CSV_FIELD_STATE] = {
    "state", NC_("lead field", "State or province"), "State/Province",
    "state|stateprovince|stateorprovince|province|region|stateregion|county|mailingstate|"
    "billingstate|departement|etatprovince|bundesland|provincia|estadoprovincia|regione|"
    "provincie" },
  [RELAIS_LEAD_CSV_FIELD_POSTAL_CODE] = {
    "postal_code", NC_("lead field", "Postal code"), "Zip/Postal Code",
    "postalcode|zip|zipcode|zippostalcode|postcode|mailingpostalcode|mailingzip|"
    "billingpostalcode|codepostal|cp|npa|plz|postleitzahl|codigopostal|cap" },
  [RELAIS_LEAD_CSV_FIELD_COUNTRY] = {
    "country", NC_("lead field", "Country"), "Country",
    "country|countryregion|countrycode|mailingcountry|billingcountry|pays|land|pais|paese" },
  [RELAIS_LEAD_CSV_FIELD_LISTING] = {
    /* Translators: a field of a lead: the product or service (listing) the lead is interested in */
    "listing", NC_("lead field", "Listing"), "Listing",
    "listing|listingname|product|productname|productinterest|appname|servicename|"
    "fichedescriptive|nomdelafichedescriptive|produit|offre|produkt|producto|prodotto" },
  [RELAIS_LEAD_CSV_FIELD_KIND] = {
    /* Translators: a field of a lead: whether its listing is an app or a service */
    "kind", NC_("lead field", "Kind of listing"), "Kind",
    "kind|listingtype|listingkind|type|producttype|typedefiche|typedefichedescriptive|"
    "typedelisting|art|tipo" },
  [RELAIS_LEAD_CSV_FIELD_CATEGORY] = {
    "category", NC_("lead field", "Category"), "Category",
    "category|leadcategory|leadtype|categorie|typedepiste|kategorie|categoria" },
  [RELAIS_LEAD_CSV_FIELD_TECHNOLOGY] = {
    "technology", NC_("lead field", "Technology"), "Technology",
    "technology|maintechnology|technologie|technologieprincipale|techno|tecnologia|"
    "platform|plateforme" },
  [RELAIS_LEAD_CSV_FIELD_BUDGET] = {
    "budget", NC_("lead field", "Budget"), "Budget",
    "budget|budgetband|budgetrange|tranchedebudget|presupuesto" },
  [RELAIS_LEAD_CSV_FIELD_LANGUAGE] = {
    "language", NC_("lead field", "Language"), "Language",
    "language|preferredlanguage|langue|languepreferee|sprache|idioma|lingua|taal" },
  [RELAIS_LEAD_CSV_FIELD_PROGRAM] = {
    /* Translators: a field of a lead: the marketing program or event it came from */
    "program", NC_("lead field", "Program or event"), "Program",
    "program|programme|programevent|event|eventname|campaign|campaignname|evenement|"
    "campagne|programmeevenement|veranstaltung|kampagne|evento|campana" },
  [RELAIS_LEAD_CSV_FIELD_SOURCE] = {
    /* Translators: a field of a lead: where it came from (web form, event, referral…) */
    "source", NC_("lead field", "Source"), "Lead Source",
    "source|leadsource|originalsource|origine|provenance|quelle|herkunft|fuente|origen|"
    "fonte|origin" },
  [RELAIS_LEAD_CSV_FIELD_STATUS] = {
    "status", NC_("lead field", "Status"), "Lead Status",
    "status|leadstatus|statut|etat|estado|stato" },
  [RELAIS_LEAD_CSV_FIELD_VALUE] = {
    /* Translators: a field of a lead: its total value, an amount of money */
    "value", NC_("lead field", "Value"), "Value",
    "value|totalvalue|amount|estimatedvalue|dealvalue|leadvalue|montant|montantestime|"
    "valeur|valeurtotale|betrag|wert|importe|valor|valore" },
  [RELAIS_LEAD_CSV_FIELD_CURRENCY] = {
    "currency", NC_("lead field", "Currency"), "Currency",
    "currency|currencycode|currencyisocode|leadcurrency|devise|monnaie|wahrung|moneda|"
    "valuta|divisa" },
  [RELAIS_LEAD_CSV_FIELD_CREATED] = {
    /* Translators: a field of a lead: when it was created */
    "created", NC_("lead field", "Created"), "Created",
    "created|createddate|createdon|createdat|createdtime|createdatetime|createdate|"
    "datecreated|creationdate|datedecreation|datecreation|creele|cree|dateajout|erstellt|"
    "erstelltam|erstellungsdatum|fechadecreacion|creado|datadicreazione" },
  [RELAIS_LEAD_CSV_FIELD_NOTES] = {
    /* Translators: a field of a lead: the notes written about it */
    "notes", NC_("lead field", "Notes"), "Notes",
    "notes|note|description|comments|comment|remarks|remarques|remarque|commentaire|"
    "commentaires|descriptif|notizen|bemerkungen|notas|comentarios" },
};

/* Words that exports put around a field name: "Lead First Name", "Prénom de la
 * piste", "Contact Email". */
static const char *key_prefixes[] = { "lead", "contact", "piste", "prospect" };
static const char *key_suffixes[] = { "delapiste", "duprospect", "dulead", "ducontact" };

const char *
relais_lead_csv_field_code (RelaisLeadCsvField field)
{
  if (field == RELAIS_LEAD_CSV_FIELD_IGNORE)
    return "ignore";

  g_return_val_if_fail (field >= 0 && field < RELAIS_LEAD_CSV_N_FIELDS, NULL);
  return fields[field].code;
}

gboolean
relais_lead_csv_field_from_code (const char         *code,
                                 RelaisLeadCsvField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  if (code == NULL)
    return FALSE;

  if (g_str_equal (code, "ignore"))
    {
      *field = RELAIS_LEAD_CSV_FIELD_IGNORE;
      return TRUE;
    }

  for (int i = 0; i < RELAIS_LEAD_CSV_N_FIELDS; i++)
    {
      if (g_str_equal (fields[i].code, code))
        {
          *field = (RelaisLeadCsvField) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * relais_lead_csv_field_label:
 *
 * Returns: (transfer none): the translated name of @field; for
 *   %RELAIS_LEAD_CSV_FIELD_IGNORE, what the mapping shows for an ignored column.
 */
const char *
relais_lead_csv_field_label (RelaisLeadCsvField field)
{
  if (field == RELAIS_LEAD_CSV_FIELD_IGNORE)
    /* Translators: in the column mapping of a CSV import: this column is not imported */
    return C_("lead field", "Do not import");

  g_return_val_if_fail (field >= 0 && field < RELAIS_LEAD_CSV_N_FIELDS, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "lead field", fields[field].label);
}

static RelaisLeadCsvField
field_of_key (const char *key)
{
  for (int i = 0; i < RELAIS_LEAD_CSV_N_FIELDS; i++)
    if (key_in_list (key, fields[i].keys))
      return (RelaisLeadCsvField) i;

  return RELAIS_LEAD_CSV_FIELD_IGNORE;
}

RelaisLeadCsvField
relais_lead_csv_guess_field (const char *header)
{
  char key[KEY_SIZE];
  RelaisLeadCsvField field;
  gsize len;

  if (header == NULL || !make_key (header, key) || key[0] == '\0')
    return RELAIS_LEAD_CSV_FIELD_IGNORE;

  field = field_of_key (key);
  if (field != RELAIS_LEAD_CSV_FIELD_IGNORE)
    return field;

  len = strlen (key);
  for (guint i = 0; i < G_N_ELEMENTS (key_suffixes); i++)
    {
      gsize suffix_len = strlen (key_suffixes[i]);

      if (len > suffix_len && g_str_has_suffix (key, key_suffixes[i]))
        {
          key[len - suffix_len] = '\0';
          len -= suffix_len;
          field = field_of_key (key);
          if (field != RELAIS_LEAD_CSV_FIELD_IGNORE)
            return field;
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (key_prefixes); i++)
    {
      gsize prefix_len = strlen (key_prefixes[i]);

      if (len > prefix_len && g_str_has_prefix (key, key_prefixes[i]))
        return field_of_key (key + prefix_len);
    }

  return RELAIS_LEAD_CSV_FIELD_IGNORE;
}

/* --- Mapping ------------------------------------------------------------------- */

struct _RelaisLeadCsvMapping
{
  guint                   n_columns;
  char                  **headers;
  RelaisLeadCsvField     *fields;
  int                     columns[RELAIS_LEAD_CSV_N_FIELDS];
  RelaisLeadCsvDateOrder  date_order;
};

G_DEFINE_BOXED_TYPE (RelaisLeadCsvMapping, relais_lead_csv_mapping,
                     relais_lead_csv_mapping_copy, relais_lead_csv_mapping_free)

/**
 * relais_lead_csv_mapping_new:
 * @headers: (array length=n_columns): the first row of the file
 *
 * Returns: (transfer full): the guessed mapping.
 */
RelaisLeadCsvMapping *
relais_lead_csv_mapping_new (const char * const *headers,
                             guint               n_columns)
{
  RelaisLeadCsvMapping *self;

  g_return_val_if_fail (headers != NULL || n_columns == 0, NULL);

  self = g_new0 (RelaisLeadCsvMapping, 1);
  self->n_columns = n_columns;
  self->headers = g_new0 (char *, n_columns + 1);
  self->fields = g_new (RelaisLeadCsvField, MAX (n_columns, 1));
  for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
    self->columns[f] = -1;

  for (guint c = 0; c < n_columns; c++)
    {
      RelaisLeadCsvField field = relais_lead_csv_guess_field (headers[c]);

      self->headers[c] = g_strdup (headers[c] ? headers[c] : "");
      if (field != RELAIS_LEAD_CSV_FIELD_IGNORE && self->columns[field] >= 0)
        field = RELAIS_LEAD_CSV_FIELD_IGNORE;
      self->fields[c] = field;
      if (field != RELAIS_LEAD_CSV_FIELD_IGNORE)
        self->columns[field] = (int) c;
    }

  return self;
}

/**
 * relais_lead_csv_mapping_new_from_reader:
 *
 * Returns: (transfer full): the mapping guessed from the header row, or %NULL
 *   with @error set.
 */
RelaisLeadCsvMapping *
relais_lead_csv_mapping_new_from_reader (RelaisCsvReader  *reader,
                                         GError          **error)
{
  g_autoptr(GPtrArray) header = NULL;

  g_return_val_if_fail (RELAIS_IS_CSV_READER (reader), NULL);

  if (!relais_csv_reader_next_row (reader, &header, error))
    return NULL;

  return relais_lead_csv_mapping_new ((const char * const *) header->pdata, header->len);
}

RelaisLeadCsvMapping *
relais_lead_csv_mapping_copy (const RelaisLeadCsvMapping *self)
{
  RelaisLeadCsvMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->headers = g_strdupv (self->headers);
  copy->fields = g_memdup2 (self->fields, sizeof (RelaisLeadCsvField) * MAX (self->n_columns, 1));
  return copy;
}

void
relais_lead_csv_mapping_free (RelaisLeadCsvMapping *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->headers);
  g_free (self->fields);
  g_free (self);
}

guint
relais_lead_csv_mapping_get_n_columns (const RelaisLeadCsvMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

const char *
relais_lead_csv_mapping_get_header (const RelaisLeadCsvMapping *self,
                                    guint                       column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->headers[column];
}

RelaisLeadCsvField
relais_lead_csv_mapping_get_field (const RelaisLeadCsvMapping *self,
                                   guint                       column)
{
  g_return_val_if_fail (self != NULL, RELAIS_LEAD_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, RELAIS_LEAD_CSV_FIELD_IGNORE);
  return self->fields[column];
}

int
relais_lead_csv_mapping_get_column (const RelaisLeadCsvMapping *self,
                                    RelaisLeadCsvField          field)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (field >= 0 && field < RELAIS_LEAD_CSV_N_FIELDS, -1);
  return self->columns[field];
}

void
relais_lead_csv_mapping_set_field (RelaisLeadCsvMapping *self,
                                   guint                 column,
                                   RelaisLeadCsvField    field)
{
  RelaisLeadCsvField old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field >= RELAIS_LEAD_CSV_FIELD_IGNORE && field < RELAIS_LEAD_CSV_N_FIELDS);

  old = self->fields[column];
  if (old == field)
    return;

  if (old != RELAIS_LEAD_CSV_FIELD_IGNORE)
    self->columns[old] = -1;

  if (field != RELAIS_LEAD_CSV_FIELD_IGNORE)
    {
      int previous = self->columns[field];

      if (previous >= 0)
        self->fields[previous] = RELAIS_LEAD_CSV_FIELD_IGNORE;
      self->columns[field] = (int) column;
    }

  self->fields[column] = field;
}

gboolean
relais_lead_csv_mapping_set_field_by_header (RelaisLeadCsvMapping *self,
                                             const char           *header,
                                             RelaisLeadCsvField    field)
{
  char key[KEY_SIZE];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  for (guint c = 0; c < self->n_columns; c++)
    {
      if (g_str_equal (self->headers[c], header))
        {
          relais_lead_csv_mapping_set_field (self, c, field);
          return TRUE;
        }
    }

  if (!make_key (header, key) || key[0] == '\0')
    return FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      char column_key[KEY_SIZE];

      if (make_key (self->headers[c], column_key) && g_str_equal (key, column_key))
        {
          relais_lead_csv_mapping_set_field (self, c, field);
          return TRUE;
        }
    }

  return FALSE;
}

RelaisLeadCsvDateOrder
relais_lead_csv_mapping_get_date_order (const RelaisLeadCsvMapping *self)
{
  g_return_val_if_fail (self != NULL, RELAIS_LEAD_CSV_DATE_AUTO);
  return self->date_order;
}

void
relais_lead_csv_mapping_set_date_order (RelaisLeadCsvMapping   *self,
                                        RelaisLeadCsvDateOrder  order)
{
  g_return_if_fail (self != NULL);
  self->date_order = order;
}

gboolean
relais_lead_csv_mapping_check (const RelaisLeadCsvMapping  *self,
                               GError                     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->columns[RELAIS_LEAD_CSV_FIELD_LAST_NAME] < 0 &&
      self->columns[RELAIS_LEAD_CSV_FIELD_COMPANY] < 0 &&
      self->columns[RELAIS_LEAD_CSV_FIELD_EMAIL] < 0)
    {
      g_set_error_literal (error, RELAIS_LEAD_CSV_ERROR, RELAIS_LEAD_CSV_ERROR_MAPPING,
                           _("No column gives a last name, a company or an e-mail, and a lead needs at least one of them. Choose which columns hold them."));
      return FALSE;
    }

  return TRUE;
}

/* --- Values -------------------------------------------------------------------- */

/* ISO 3166-1 alpha-2, every officially assigned code. */
static const char iso_countries[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
  "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
  "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
  "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
  "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
  "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
  "VN VU WF WS YE YT ZA ZM ZW";

/* The countries of Relais's users and their leads, with their names in English,
 * French, German, Spanish and their own languages, as keys. */
static const struct {
  const char *code;
  const char *alpha3;
  const char *currency;
  const char *names;
} countries[] = {
  { "FR", "FRA", "EUR", "france|frankreich|francia|republiquefrancaise|frenchrepublic" },
  { "DE", "DEU", "EUR", "germany|allemagne|deutschland|alemania|germania|bundesrepublikdeutschland" },
  { "ES", "ESP", "EUR", "spain|espagne|spanien|espana|spagna" },
  { "IT", "ITA", "EUR", "italy|italie|italien|italia" },
  { "BE", "BEL", "EUR", "belgium|belgique|belgien|belgica|belgie|belgio" },
  { "CH", "CHE", "CHF", "switzerland|suisse|schweiz|suiza|svizzera|svizra" },
  { "NL", "NLD", "EUR", "netherlands|thenetherlands|paysbas|niederlande|paisesbajos|nederland|holland|hollande|holanda|paesibassi" },
  { "GB", "GBR", "GBP", "unitedkingdom|royaumeuni|vereinigteskonigreich|reinounido|regnounito|greatbritain|grandebretagne|grossbritannien|britain|england|angleterre|scotland|ecosse|wales|northernireland" },
  { "PT", "PRT", "EUR", "portugal|portogallo" },
  { "PL", "POL", "PLN", "poland|pologne|polen|polonia|polska" },
  { "SE", "SWE", "SEK", "sweden|suede|schweden|suecia|sverige|svezia" },
  { "AT", "AUT", "EUR", "austria|autriche|osterreich" },
  { "US", "USA", "USD", "unitedstates|unitedstatesofamerica|etatsunis|etatsunisdamerique|vereinigtestaaten|estadosunidos|eeuu|statiuniti|america" },
  { "CA", "CAN", "CAD", "canada|kanada" },
  { "BR", "BRA", "BRL", "brazil|bresil|brasilien|brasil|brasile" },
  { "MA", "MAR", "MAD", "morocco|maroc|marokko|marruecos|marocco" },
  { "IE", "IRL", "EUR", "ireland|irlande|irland|irlanda|eire" },
  { "DK", "DNK", "DKK", "denmark|danemark|dinamarca|danmark|danimarca" },
  { "NO", "NOR", "NOK", "norway|norvege|norwegen|noruega|norge|norvegia" },
  { "LU", "LUX", "EUR", "luxembourg|luxemburg|luxemburgo|lussemburgo|letzebuerg" },
  { "FI", "FIN", "EUR", "finland|finlande|finnland|finlandia|suomi" },
  { "CZ", "CZE", "CZK", "czechia|czechrepublic|tchequie|republiquetcheque|tschechien|tschechischerepublik|chequia|republicacheca|cesko" },
  { "GR", "GRC", "EUR", "greece|grece|griechenland|grecia|hellas|ellada" },
  { "HU", "HUN", "HUF", "hungary|hongrie|ungarn|hungria|magyarorszag" },
  { "RO", "ROU", "RON", "romania|roumanie|rumanien|rumania" },
  { "TN", "TUN", "TND", "tunisia|tunisie|tunesien|tunez" },
  { "DZ", "DZA", "DZD", "algeria|algerie|algerien|argelia" },
  { "SN", "SEN", "XOF", "senegal" },
  { "CI", "CIV", "XOF", "ivorycoast|cotedivoire|elfenbeinkuste|costademarfil" },
  { "MX", "MEX", "MXN", "mexico|mexique|mexiko" },
  { "AR", "ARG", "ARS", "argentina|argentine|argentinien" },
  { "JP", "JPN", "JPY", "japan|japon|giappone" },
  { "AU", "AUS", "AUD", "australia|australie|australien" },
  { "IN", "IND", "INR", "india|inde|indien" },
  { "CN", "CHN", "CNY", "china|chine" },
};

/* Whether @code (two upper case letters) is an assigned ISO 3166-1 code; returns
 * the static copy of it. */
static const char *
iso_country (const char *code)
{
  for (const char *p = iso_countries; *p != '\0'; p += 3)
    {
      if (p[0] == code[0] && p[1] == code[1])
        {
          static char codes[sizeof iso_countries];
          static gsize initialized = 0;

          /* A NUL-terminated copy of each code, made once. */
          if (g_once_init_enter (&initialized))
            {
              memcpy (codes, iso_countries, sizeof iso_countries);
              for (gsize i = 2; i < sizeof iso_countries; i += 3)
                codes[i] = '\0';
              g_once_init_leave (&initialized, 1);
            }
          return codes + (p - iso_countries);
        }
      if (p[2] == '\0')
        break;
    }

  return NULL;
}

/* Copies @text without surrounding spaces into @out (KEY_SIZE bytes); FALSE
 * when it does not fit, which no code or name we know would need. */
static gboolean
copy_trimmed (const char *text,
              char        out[KEY_SIZE])
{
  const char *end;

  while (g_ascii_isspace (*text))
    text++;
  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  if ((gsize) (end - text) >= KEY_SIZE)
    return FALSE;

  memcpy (out, text, end - text);
  out[end - text] = '\0';
  return TRUE;
}

static gboolean
is_ascii_letters (const char *text,
                  gsize       len)
{
  if (strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * relais_lead_csv_parse_country:
 *
 * Returns: (transfer none) (nullable): the ISO code, or %NULL.
 */
const char *
relais_lead_csv_parse_country (const char *text)
{
  char trimmed[KEY_SIZE];
  char key[KEY_SIZE];

  if (text == NULL || !copy_trimmed (text, trimmed))
    return NULL;

  if (is_ascii_letters (trimmed, 2))
    {
      char code[3] = { g_ascii_toupper (trimmed[0]), g_ascii_toupper (trimmed[1]), '\0' };

      /* The United Kingdom and Greece have other codes in EU use. */
      if (g_str_equal (code, "UK"))
        return "GB";
      if (g_str_equal (code, "EL"))
        return "GR";
      return iso_country (code);
    }

  if (is_ascii_letters (trimmed, 3))
    {
      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        if (g_ascii_strcasecmp (trimmed, countries[i].alpha3) == 0)
          return countries[i].code;
    }

  if (!make_key (trimmed, key) || key[0] == '\0')
    return NULL;

  /* "U.S.A.", "U.K." */
  if (g_str_equal (key, "usa") || g_str_equal (key, "us"))
    return "US";
  if (g_str_equal (key, "uk") || g_str_equal (key, "gb"))
    return "GB";

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (key_in_list (key, countries[i].names))
      return countries[i].code;

  return NULL;
}

/**
 * relais_lead_csv_country_currency:
 *
 * Returns: (transfer none) (nullable): the currency of the country @code.
 */
const char *
relais_lead_csv_country_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (countries[i].code, code))
      return countries[i].currency;

  return NULL;
}

/* Values other tools write for our statuses, kinds and categories, as keys. */
static const struct {
  RelaisLeadStatus  status;
  const char       *keys;
} status_keys[] = {
  { RELAIS_LEAD_STATUS_NEW, "new|nouveau|nouvelle|neu|nuevo|open|opennotcontacted|notcontacted" },
  { RELAIS_LEAD_STATUS_PARTNER_ASSIGNED, "partnerassigned|assignedtopartner" },
  { RELAIS_LEAD_STATUS_ASSIGNED_TO_REP, "assignedtorep|assignedtosalesrep" },
  { RELAIS_LEAD_STATUS_ACTIVELY_WORKING, "activelyworking|working|inprogress|attemptedtocontact|encours" },
  { RELAIS_LEAD_STATUS_CONTACTED, "contacted|contacte|workingcontacted|connected|kontaktiert|contactado" },
  { RELAIS_LEAD_STATUS_PURCHASED, "purchased|achete|gekauft|comprado" },
  { RELAIS_LEAD_STATUS_DELIVERED, "delivered|livre|geliefert|entregado" },
  { RELAIS_LEAD_STATUS_CONVERTED, "converted|convertedtodeal|closedconverted|opendeal|converti" },
  { RELAIS_LEAD_STATUS_CLOSED, "closed|closednotconverted|ferme|clos|cloture" },
  { RELAIS_LEAD_STATUS_REJECTED, "rejected|unqualified|disqualified|rejete|refuse" },
};

static const struct {
  RelaisLeadKind  kind;
  const char     *keys;
} kind_keys[] = {
  { RELAIS_LEAD_KIND_APP, "app|apps|application|applications|anwendung|aplicacion|software|logiciel" },
  { RELAIS_LEAD_KIND_SERVICE, "service|services|prestation|prestations|dienstleistung|servicio|servicios|consulting" },
};

static const struct {
  RelaisLeadCategory  category;
  const char         *keys;
} category_keys[] = {
  { RELAIS_LEAD_CATEGORY_BANT, "bant" },
  { RELAIS_LEAD_CATEGORY_APPOINTMENT, "appointment|meeting|rendezvous|termin|cita" },
  { RELAIS_LEAD_CATEGORY_QUOTE_REQUEST, "quoterequest|quote|requestforquote|rfq|demandededevis|devis|angebotsanfrage|solicituddepresupuesto" },
  { RELAIS_LEAD_CATEGORY_DEMO_TRIAL, "demoortrial|demotrial|demo|trial|demonstration|essai|demooressai|testversion|prueba" },
  { RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE, "eventattendee|attendee|event|participant|evenement|participantaunevenement|veranstaltungsteilnehmer|asistente" },
};

/* Finds @key among the codes and the English and translated labels of @info. */
static gboolean
enum_from_key (const RelaisEnumInfo *info,
               const char           *key,
               int                  *value)
{
  for (guint i = 0; i < info->n_values; i++)
    {
      char code_key[KEY_SIZE];
      char label_key[KEY_SIZE];

      if ((make_key (info->values[i].code, code_key) && g_str_equal (key, code_key)) ||
          (make_key (info->values[i].label, label_key) && g_str_equal (key, label_key)) ||
          (make_key (relais_enum_label (info, info->values[i].value), label_key) && g_str_equal (key, label_key)))
        {
          *value = info->values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
relais_lead_csv_parse_status (const char       *text,
                              RelaisLeadStatus *status)
{
  char key[KEY_SIZE];
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL || !make_key (text, key) || key[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_keys); i++)
    {
      if (key_in_list (key, status_keys[i].keys))
        {
          *status = status_keys[i].status;
          return TRUE;
        }
    }

  if (enum_from_key (&relais_lead_status_info, key, &value))
    {
      *status = (RelaisLeadStatus) value;
      return TRUE;
    }

  return FALSE;
}

gboolean
relais_lead_csv_parse_kind (const char     *text,
                            RelaisLeadKind *kind)
{
  char key[KEY_SIZE];
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL || !make_key (text, key) || key[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    {
      if (key_in_list (key, kind_keys[i].keys))
        {
          *kind = kind_keys[i].kind;
          return TRUE;
        }
    }

  if (enum_from_key (&relais_lead_kind_info, key, &value))
    {
      *kind = (RelaisLeadKind) value;
      return TRUE;
    }

  return FALSE;
}

gboolean
relais_lead_csv_parse_category (const char         *text,
                                RelaisLeadCategory *category)
{
  char key[KEY_SIZE];
  int value;

  g_return_val_if_fail (category != NULL, FALSE);

  if (text == NULL || !make_key (text, key) || key[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (category_keys); i++)
    {
      if (key_in_list (key, category_keys[i].keys))
        {
          *category = category_keys[i].category;
          return TRUE;
        }
    }

  if (enum_from_key (&relais_lead_category_info, key, &value))
    {
      *category = (RelaisLeadCategory) value;
      return TRUE;
    }

  return FALSE;
}

/* ISO 639-1. */
static const char iso_languages[] =
  "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
  "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
  "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
  "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
  "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
  "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
  "za zh zu";

static const struct {
  const char *code;
  const char *names;
} languages[] = {
  { "en", "english|anglais|englisch|ingles|inglese|engels" },
  { "fr", "french|francais|franzosisch|frances|francese|frans" },
  { "de", "german|allemand|deutsch|aleman|tedesco|duits" },
  { "es", "spanish|espagnol|spanisch|espanol|castellano|spagnolo|spaans" },
  { "it", "italian|italien|italienisch|italiano|italiaans" },
  { "nl", "dutch|neerlandais|niederlandisch|neerlandes|nederlands|flemish|flamand|vlaams|olandese" },
  { "pt", "portuguese|portugais|portugiesisch|portugues|portoghese" },
  { "pl", "polish|polonais|polnisch|polaco|polski" },
  { "sv", "swedish|suedois|schwedisch|sueco|svenska" },
  { "da", "danish|danois|danisch|danes|dansk" },
  { "no", "norwegian|norvegien|norwegisch|noruego|norsk" },
  { "fi", "finnish|finnois|finnisch|finlandes|suomi" },
  { "ar", "arabic|arabe|arabisch" },
  { "lb", "luxembourgish|luxembourgeois|luxemburgisch|letzebuergesch" },
  { "ca", "catalan|katalanisch|catala" },
  { "cs", "czech|tcheque|tschechisch|checo|cestina" },
  { "el", "greek|grec|griechisch|griego" },
};

/**
 * relais_lead_csv_parse_language:
 *
 * Returns: (transfer none) (nullable): the ISO 639-1 code, or %NULL.
 */
const char *
relais_lead_csv_parse_language (const char *text)
{
  char trimmed[KEY_SIZE];
  char key[KEY_SIZE];
  gsize len;

  if (text == NULL || !copy_trimmed (text, trimmed))
    return NULL;
  len = strlen (trimmed);

  /* "fr", "fr-FR", "fr_BE", "pt-BR", "zh-Hans" */
  if (len >= 2 && g_ascii_isalpha (trimmed[0]) && g_ascii_isalpha (trimmed[1]) &&
      (len == 2 || ((trimmed[2] == '-' || trimmed[2] == '_') && len >= 4 && len <= 8)))
    {
      char code[3] = { g_ascii_tolower (trimmed[0]), g_ascii_tolower (trimmed[1]), '\0' };
      const char *found = strstr (iso_languages, code);

      /* Codes sit at even offsets of three characters. */
      while (found != NULL && (found - iso_languages) % 3 != 0)
        found = strstr (found + 1, code);
      if (found != NULL)
        {
          for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
            if (g_str_equal (languages[i].code, code))
              return languages[i].code;
          return g_intern_string (code);
        }
      if (len == 2)
        return NULL;
    }

  if (!make_key (trimmed, key) || key[0] == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (key_in_list (key, languages[i].names))
      return languages[i].code;

  return NULL;
}

typedef enum {
  AMOUNT_OK,
  AMOUNT_NOT_A_NUMBER,
  AMOUNT_NEGATIVE,
  AMOUNT_DECIMALS,
  AMOUNT_TOO_LARGE,
} AmountResult;

/* The largest value: a trillion, in cents. */
#define MAX_VALUE_MINOR (G_GINT64_CONSTANT (100000000000000))

static const struct {
  const char *text;
  const char *code;
} currency_symbols[] = {
  /* Longer symbols first: "US$" before "$". */
  { "US$", "USD" }, { "R$", "BRL" }, { "C$", "CAD" }, { "€", "EUR" }, { "$", "USD" },
  { "£", "GBP" }, { "¥", "JPY" }, { "zł", "PLN" },
};

/* Removes a currency symbol or ISO code at either end of @text (modified in
 * place); returns its code or NULL. */
static const char *
strip_currency (char *text)
{
  gsize len;

  g_strstrip (text);
  len = strlen (text);

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    {
      gsize n = strlen (currency_symbols[i].text);

      if (len > n && strncmp (text, currency_symbols[i].text, n) == 0)
        {
          memmove (text, text + n, len - n + 1);
          g_strstrip (text);
          return currency_symbols[i].code;
        }
      if (len > n && strcmp (text + len - n, currency_symbols[i].text) == 0)
        {
          text[len - n] = '\0';
          g_strstrip (text);
          return currency_symbols[i].code;
        }
    }

  /* "EUR 1200", "1200 EUR" */
  if (len > 4 && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]) &&
      (text[3] == ' ' || g_ascii_isdigit (text[3])))
    {
      char found[4] = { text[0], text[1], text[2], '\0' };
      /* Interned: at most 26³ short strings, whatever the files. */
      const char *code = g_intern_string (found);

      memmove (text, text + 3, len - 3 + 1);
      g_strstrip (text);
      return code;
    }
  if (len > 4 && g_ascii_isupper (text[len - 1]) && g_ascii_isupper (text[len - 2]) &&
      g_ascii_isupper (text[len - 3]) && (text[len - 4] == ' ' || g_ascii_isdigit (text[len - 4])))
    {
      const char *code = g_intern_string (text + len - 3);

      text[len - 3] = '\0';
      g_strstrip (text);
      return code;
    }

  return NULL;
}

static AmountResult
parse_amount (const char  *text,
              gint64      *minor_out,
              const char **currency_out)
{
  char copy[KEY_SIZE];
  char digits[KEY_SIZE] = { 0 };
  gsize n_digits = 0;
  const char *currency;
  char *p;
  guint n_dots = 0, n_commas = 0;
  char decimal = 0;
  const char *last_sep = NULL;
  gint64 units = 0, cents = 0;
  guint n_decimals = 0;
  gboolean in_decimals = FALSE;
  gboolean any_digit = FALSE;
  gboolean grouped = FALSE;
  guint n_units_digits = 0;

  if (strlen (text) >= sizeof copy)
    return AMOUNT_NOT_A_NUMBER;
  strcpy (copy, text);
  currency = strip_currency (copy);
  p = copy;

  if (*p == '+')
    p++;
  else if (*p == '-' || g_str_has_prefix (p, "−"))
    return AMOUNT_NEGATIVE;

  /* Keep digits and separators; spaces, no-break spaces and apostrophes
   * group thousands. */
  for (const char *q = p; *q != '\0';)
    {
      gunichar c = g_utf8_get_char (q);

      if (c < 0x80 && g_ascii_isdigit ((char) c))
        digits[n_digits++] = (char) c;
      else if (c == '.' || c == ',')
        {
          digits[n_digits++] = (char) c;
          if (c == '.')
            n_dots++;
          else
            n_commas++;
        }
      else if (c != ' ' && c != 0x00A0 && c != 0x202F && c != 0x2009 && c != '\'' && c != 0x2019)
        return AMOUNT_NOT_A_NUMBER;
      q = g_utf8_next_char (q);
    }

  if (n_digits == 0)
    return AMOUNT_NOT_A_NUMBER;

  /* Which separator is the decimal one: the last, when both appear; a single
   * one unless it is followed by exactly three digits; never one that repeats. */
  last_sep = strrchr (digits, n_dots > 0 && n_commas > 0
                               ? (strrchr (digits, '.') > strrchr (digits, ',') ? '.' : ',')
                               : (n_dots > 0 ? '.' : ','));
  if (n_dots > 0 && n_commas > 0)
    {
      decimal = *last_sep;
      if ((decimal == '.' && n_dots > 1) || (decimal == ',' && n_commas > 1))
        return AMOUNT_NOT_A_NUMBER;
    }
  else if (n_dots == 1 || n_commas == 1)
    {
      gsize after = strlen (last_sep + 1);
      gsize before = (gsize) (last_sep - digits);
      gboolean zero_units = before == 0 || (before == 1 && digits[0] == '0');

      if (after != 3 || zero_units || before > 3)
        decimal = *last_sep;
    }

  for (const char *q = digits; *q != '\0'; q++)
    {
      if (*q == decimal)
        {
          in_decimals = TRUE;
          continue;
        }
      if (*q == '.' || *q == ',')
        {
          /* A thousands separator: three digits after it, and not among decimals. */
          gsize run = strspn (q + 1, "0123456789");

          if (in_decimals || run != 3 || !any_digit || (!grouped && n_units_digits > 3))
            return AMOUNT_NOT_A_NUMBER;
          grouped = TRUE;
          continue;
        }

      any_digit = TRUE;
      if (in_decimals)
        {
          if (++n_decimals > 2)
            return AMOUNT_DECIMALS;
          cents = cents * 10 + (*q - '0');
        }
      else
        {
          n_units_digits++;
          units = units * 10 + (*q - '0');
          if (units * 100 > MAX_VALUE_MINOR)
            return AMOUNT_TOO_LARGE;
        }
    }

  if (!any_digit)
    return AMOUNT_NOT_A_NUMBER;

  if (n_decimals == 1)
    cents *= 10;

  *minor_out = units * 100 + cents;
  if (currency_out != NULL)
    *currency_out = currency;
  return AMOUNT_OK;
}

gboolean
relais_lead_csv_parse_amount (const char  *text,
                              gint64      *minor_out,
                              const char **currency_out)
{
  gint64 minor = 0;
  const char *currency = NULL;

  g_return_val_if_fail (minor_out != NULL, FALSE);

  if (text == NULL || parse_amount (text, &minor, &currency) != AMOUNT_OK)
    return FALSE;

  *minor_out = minor;
  if (currency_out != NULL)
    *currency_out = currency;
  return TRUE;
}

/* A currency code (static or interned) from @text: an ISO 4217 code in any case,
 * a symbol, or NULL. */
static const char *
parse_currency (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (is_ascii_letters (trimmed, 3))
    {
      g_autofree char *upper = g_ascii_strup (trimmed, -1);
      return g_intern_string (upper);
    }

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (g_str_equal (trimmed, currency_symbols[i].text))
      return currency_symbols[i].code;

  return NULL;
}

/* Reads 1 to @max digits. */
static gboolean
read_number (const char **p,
             guint        max,
             int         *value,
             guint       *n_digits)
{
  int v = 0;
  guint n = 0;

  while (g_ascii_isdigit (**p) && n < max)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  if (n == 0 || g_ascii_isdigit (**p))
    return FALSE;

  *value = v;
  if (n_digits != NULL)
    *n_digits = n;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ')
    (*p)++;
}

/* Reads an optional "HH:MM[:SS[.fff]] [AM|PM] [Z|±HH[:MM]]". */
static gboolean
read_time (const char **p,
           int         *hour,
           int         *minute,
           double      *seconds,
           gboolean    *am_pm,
           gboolean    *has_zone,
           int         *zone_minutes)
{
  int h, m, s = 0;
  double frac = 0;

  if (!read_number (p, 2, &h, NULL) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, &m, NULL))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_number (p, 2, &s, NULL))
        return FALSE;
      if (**p == '.' || **p == ',')
        {
          double scale = 0.1;

          (*p)++;
          if (!g_ascii_isdigit (**p))
            return FALSE;
          while (g_ascii_isdigit (**p))
            {
              frac += (**p - '0') * scale;
              scale /= 10;
              (*p)++;
            }
        }
    }

  skip_spaces (p);
  *am_pm = FALSE;
  if (g_ascii_strncasecmp (*p, "am", 2) == 0 || g_ascii_strncasecmp (*p, "a.m.", 4) == 0 ||
      g_ascii_strncasecmp (*p, "pm", 2) == 0 || g_ascii_strncasecmp (*p, "p.m.", 4) == 0)
    {
      gboolean pm = g_ascii_tolower (**p) == 'p';

      *p += (*p)[1] == '.' ? 4 : 2;
      if (h < 1 || h > 12)
        return FALSE;
      h = (h % 12) + (pm ? 12 : 0);
      *am_pm = TRUE;
    }

  skip_spaces (p);
  *has_zone = FALSE;
  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      *has_zone = TRUE;
      *zone_minutes = 0;
    }
  else if (**p == '+' || **p == '-')
    {
      int sign = **p == '-' ? -1 : 1;
      int zh, zm = 0;
      guint n;

      (*p)++;
      if (!read_number (p, 4, &zh, &n))
        return FALSE;
      if (n == 4)
        {
          zm = zh % 100;
          zh /= 100;
        }
      else if (n != 2)
        return FALSE;
      else if (**p == ':')
        {
          (*p)++;
          if (!read_number (p, 2, &zm, NULL))
            return FALSE;
        }
      if (zh > 14 || zm > 59)
        return FALSE;
      *has_zone = TRUE;
      *zone_minutes = sign * (zh * 60 + zm);
    }

  if (h > 23 || m > 59 || s > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  *seconds = s + frac;
  return TRUE;
}

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

gboolean
relais_lead_csv_parse_date (const char             *text,
                            RelaisLeadCsvDateOrder  order,
                            gint64                 *usec_out)
{
  const char *p = text;
  int a, b, c, year, month, day;
  int hour = 0, minute = 0, zone_minutes = 0;
  double seconds = 0;
  gboolean am_pm = FALSE, has_zone = FALSE;
  guint n_a, n_c;
  char sep;
  gint64 seconds_since_epoch;

  g_return_val_if_fail (usec_out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  skip_spaces (&p);
  if (!read_number (&p, 4, &a, &n_a))
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 2, &b, NULL) || *p != sep)
    return FALSE;
  p++;
  if (!read_number (&p, 4, &c, &n_c))
    return FALSE;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;
      skip_spaces (&p);
      if (*p != '\0' && !read_time (&p, &hour, &minute, &seconds, &am_pm, &has_zone, &zone_minutes))
        return FALSE;
    }
  skip_spaces (&p);
  if (*p != '\0')
    return FALSE;

  if (n_a == 4)
    {
      /* 2024-03-05, 2024/03/05 */
      if (n_c > 2)
        return FALSE;
      year = a;
      month = b;
      day = c;
    }
  else
    {
      if (n_a > 2 || (n_c != 2 && n_c != 4))
        return FALSE;
      year = n_c == 2 ? (c < 70 ? 2000 + c : 1900 + c) : c;

      if (sep == '/' &&
          (order == RELAIS_LEAD_CSV_DATE_MONTH_FIRST ||
           (order == RELAIS_LEAD_CSV_DATE_AUTO && (b > 12 || am_pm) && a <= 12)))
        {
          month = a;
          day = b;
        }
      else
        {
          day = a;
          month = b;
        }
    }

  if (year < 1970 || year > 2100 || month < 1 || month > 12 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  /* Computed rather than with a GDateTime: this runs for every row. */
  seconds_since_epoch = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + (gint64) seconds;
  if (has_zone)
    seconds_since_epoch -= zone_minutes * 60;
  else
    {
      GTimeZone *tz = g_time_zone_new_local ();
      gint64 local = seconds_since_epoch;
      int interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &local);

      seconds_since_epoch = local - g_time_zone_get_offset (tz, interval);
      g_time_zone_unref (tz);
    }

  *usec_out = seconds_since_epoch * G_USEC_PER_SEC + (gint64) ((seconds - (gint64) seconds) * G_USEC_PER_SEC + 0.5);
  return TRUE;
}

static gboolean
is_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

gboolean
relais_lead_csv_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gsize local_len, len;
  guint n_labels = 0;
  const char *label_start;
  gboolean tld_all_digits = TRUE;

  if (email == NULL)
    return FALSE;

  len = strlen (email);
  at = strrchr (email, '@');
  if (len > 254 || at == NULL || strchr (email, '@') != at)
    return FALSE;

  /* The local part: dot-separated atoms. */
  local_len = (gsize) (at - email);
  if (local_len == 0 || local_len > 64 || email[0] == '.' || at[-1] == '.')
    return FALSE;
  for (const char *p = email; p < at; p++)
    {
      if (*p == '.')
        {
          if (p[1] == '.')
            return FALSE;
        }
      else if (!is_atext ((guchar) *p))
        return FALSE;
    }

  /* The domain: at least two labels of letters, digits and hyphens. */
  domain = at + 1;
  label_start = domain;
  for (const char *p = domain;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize label_len = (gsize) (p - label_start);

          if (label_len == 0 || label_len > 63 || label_start[0] == '-' || p[-1] == '-')
            return FALSE;
          n_labels++;
          if (*p == '\0')
            break;
          label_start = p + 1;
          tld_all_digits = TRUE;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '-' && (guchar) *p < 0x80)
        return FALSE;
      if (!g_ascii_isdigit (*p))
        tld_all_digits = FALSE;
    }

  return n_labels >= 2 && !tld_all_digits && strlen (label_start) >= 2;
}

/* --- Duplicates ---------------------------------------------------------------- */

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME  G_GUINT64_CONSTANT (1099511628211)

/* The form in which duplicates are compared: trimmed, case-folded, NFC. Pure
 * ASCII (nearly every e-mail, most companies) is folded without allocating:
 * *folded is then NULL and @text is compared with ASCII case folding. */
static void
fold_for_duplicate (const char  *text,
                    const char **start,
                    gsize       *len,
                    char       **folded)
{
  const char *end;
  gboolean ascii = TRUE;

  *folded = NULL;
  if (text == NULL)
    text = "";

  while (g_ascii_isspace (*text))
    text++;
  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  for (const char *p = text; p < end; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (!ascii)
    {
      g_autofree char *casefolded = g_utf8_casefold (text, end - text);

      *folded = g_utf8_normalize (casefolded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
      if (*folded == NULL)
        *folded = g_steal_pointer (&casefolded);
      text = *folded;
      end = text + strlen (text);
    }

  *start = text;
  *len = (gsize) (end - text);
}

static guint64
hash_folded (guint64     hash,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guchar) g_ascii_tolower (text[i]);
      hash *= FNV_PRIME;
    }
  return hash;
}

guint64
relais_lead_csv_duplicate_hash (const char *email,
                                const char *company)
{
  const char *start;
  gsize len;
  g_autofree char *folded_email = NULL;
  g_autofree char *folded_company = NULL;
  guint64 hash = FNV_OFFSET;

  fold_for_duplicate (email, &start, &len, &folded_email);
  hash = hash_folded (hash, start, len);
  hash ^= 0x1F;
  hash *= FNV_PRIME;
  fold_for_duplicate (company, &start, &len, &folded_company);
  return hash_folded (hash, start, len);
}

static gboolean
folded_equal (const char *a,
              const char *b,
              gboolean   *a_empty)
{
  const char *a_start, *b_start;
  gsize a_len, b_len;
  g_autofree char *a_folded = NULL;
  g_autofree char *b_folded = NULL;

  fold_for_duplicate (a, &a_start, &a_len, &a_folded);
  fold_for_duplicate (b, &b_start, &b_len, &b_folded);
  if (a_empty != NULL)
    *a_empty = a_len == 0;

  return a_len == b_len && g_ascii_strncasecmp (a_start, b_start, a_len) == 0;
}

gboolean
relais_lead_csv_is_duplicate (const char *email_a,
                              const char *company_a,
                              const char *email_b,
                              const char *company_b)
{
  gboolean no_email;

  return folded_equal (email_a, email_b, &no_email) && !no_email &&
         folded_equal (company_a, company_b, NULL);
}

/* --- Rows ---------------------------------------------------------------------- */

static const char *
row_get (const RelaisLeadCsvMapping *mapping,
         GPtrArray                  *row,
         RelaisLeadCsvField          field)
{
  int column = mapping->columns[field];

  if (column < 0 || (guint) column >= row->len || g_ptr_array_index (row, column) == NULL)
    return "";
  return g_ptr_array_index (row, column);
}

const char *
relais_lead_csv_row_get (const RelaisLeadCsvMapping *mapping,
                         GPtrArray                  *row,
                         RelaisLeadCsvField          field)
{
  g_return_val_if_fail (mapping != NULL, "");
  g_return_val_if_fail (row != NULL, "");
  g_return_val_if_fail (field >= 0 && field < RELAIS_LEAD_CSV_N_FIELDS, "");

  return row_get (mapping, row, field);
}

gboolean
relais_lead_csv_row_is_blank (GPtrArray *row)
{
  g_return_val_if_fail (row != NULL, TRUE);

  for (guint i = 0; i < row->len; i++)
    {
      const char *value = g_ptr_array_index (row, i);

      for (const char *p = value; p != NULL && *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* @value trimmed, with line breaks and tabs as spaces: @value itself when it
 * already is (the common case), else a copy left in *scratch. */
static const char *
clean_line (const char  *value,
            char       **scratch)
{
  gsize len = strlen (value);

  if (len == 0 ||
      (!g_ascii_isspace (value[0]) && !g_ascii_isspace (value[len - 1]) &&
       strpbrk (value, "\r\n\t") == NULL))
    return value;

  g_free (*scratch);
  *scratch = g_strdup (value);
  for (char *p = *scratch; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n' || *p == '\t')
      *p = ' ';
  return g_strstrip (*scratch);
}

/* Error messages quote the value; a runaway one is cut. */
static char *
quote_value (const char *value)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (value, 61) <= 60)
    return g_strdup (value);
  start = g_utf8_substring (value, 0, 59);
  return g_strconcat (start, "…", NULL);
}

static void
add_problem (GString            **problems,
             RelaisLeadCsvError  *first,
             RelaisLeadCsvError   code,
             const char          *message)
{
  if (*problems == NULL)
    {
      *problems = g_string_new (NULL);
      *first = code;
    }
  else
    g_string_append_c (*problems, ' ');
  g_string_append (*problems, message);
}

static char *
join_labels (const RelaisEnumInfo *info)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < info->n_values; i++)
    {
      if (i > 0)
        /* Translators: separates the items of a list: "New, Contacted, Closed" */
        g_string_append (list, _(", "));
      g_string_append (list, relais_enum_label (info, info->values[i].value));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Sets a text field of @lead; FALSE for fields that are not text. */
static gboolean
set_text (RelaisLead         *lead,
          RelaisLeadCsvField  field,
          const char         *value)
{
  switch (field)
    {
    case RELAIS_LEAD_CSV_FIELD_FIRST_NAME:  relais_lead_set_first_name (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_LAST_NAME:   relais_lead_set_last_name (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_COMPANY:     relais_lead_set_company (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_EMAIL:       relais_lead_set_email (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_PHONE:       relais_lead_set_phone (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_STREET:      relais_lead_set_street (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_CITY:        relais_lead_set_city (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_STATE:       relais_lead_set_state (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_POSTAL_CODE: relais_lead_set_postal_code (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_COUNTRY:     relais_lead_set_country (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_LISTING:     relais_lead_set_listing (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_TECHNOLOGY:  relais_lead_set_technology (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_BUDGET:      relais_lead_set_budget (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_LANGUAGE:    relais_lead_set_language (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_PROGRAM:     relais_lead_set_program (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_SOURCE:      relais_lead_set_source (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_CURRENCY:    relais_lead_set_currency (lead, value); break;
    case RELAIS_LEAD_CSV_FIELD_IGNORE:
    case RELAIS_LEAD_CSV_FIELD_KIND:
    case RELAIS_LEAD_CSV_FIELD_CATEGORY:
    case RELAIS_LEAD_CSV_FIELD_STATUS:
    case RELAIS_LEAD_CSV_FIELD_VALUE:
    case RELAIS_LEAD_CSV_FIELD_CREATED:
    case RELAIS_LEAD_CSV_FIELD_NOTES:
    case RELAIS_LEAD_CSV_N_FIELDS:
    default:
      return FALSE;
    }

  return TRUE;
}

/* Excel shows long digit strings as 3,31234E+10 and exports them so. */
static gboolean
is_scientific_number (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
    p++;
  if (*p != 'E' && *p != 'e')
    return FALSE;
  p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

gboolean
relais_lead_csv_row_to_lead (const RelaisLeadCsvMapping  *mapping,
                             GPtrArray                   *row,
                             RelaisLead                  *lead,
                             GError                     **error)
{
  g_autoptr(GString) problems = NULL;
  g_autofree char *scratch = NULL;
  RelaisLeadCsvError first = RELAIS_LEAD_CSV_ERROR_NO_IDENTITY;
  const char *value_currency = NULL;
  const char *value;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (RELAIS_IS_LEAD (lead), FALSE);

  /* A longer row than the header: a value with a comma and no quotes shifts
   * everything after it, which must not go in silently. Empty extra fields
   * (trailing commas) are harmless. */
  for (guint i = mapping->n_columns; i < row->len; i++)
    {
      const char *extra = g_ptr_array_index (row, i);

      if (extra != NULL && extra[0] != '\0')
        {
          g_autofree char *message =
            /* Translators: %1$u and %2$u are numbers of fields (at least 2) */
            g_strdup_printf (_("The row has more fields than the header (%1$u, not %2$u): a value with a comma may lack its quotes."),
                             row->len, mapping->n_columns);
          add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_EXTRA_FIELDS, message);
          break;
        }
    }

  /* A new lead: nothing of the previous row may remain. The text fields of
   * the file are set once each below, the others are cleared here: each
   * setter copies and notifies, and this runs for every row. */
  relais_lead_set_uuid (lead, NULL);
  relais_lead_set_assignment_reason (lead, NULL);
  relais_lead_set_quality_comment (lead, NULL);
  relais_lead_set_rejection_comment (lead, NULL);
  relais_lead_set_partner_name (lead, NULL);
  relais_lead_set_rep_name (lead, NULL);
  relais_lead_set_queue_name (lead, NULL);
#define RESET_INT(name, prop) relais_lead_set_##name (lead, 0);
  RELAIS_LEAD_INT_FIELDS (RESET_INT)
#undef RESET_INT
  relais_lead_set_revision (lead, 1);
  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_NEW);
  relais_lead_set_kind (lead, RELAIS_LEAD_KIND_SERVICE);
  relais_lead_set_category (lead, RELAIS_LEAD_CATEGORY_BANT);
  relais_lead_set_rejection_reason (lead, RELAIS_REJECTION_NONE);

  for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
    {
      RelaisLeadCsvField field = (RelaisLeadCsvField) f;
      g_autofree char *shown = NULL;
      g_autofree char *message = NULL;

      if (field == RELAIS_LEAD_CSV_FIELD_NOTES)
        continue;

      value = mapping->columns[f] >= 0 ? clean_line (row_get (mapping, row, field), &scratch) : "";
      if (value[0] == '\0')
        {
          set_text (lead, field, NULL);
          continue;
        }

      switch (field)
        {
        case RELAIS_LEAD_CSV_FIELD_EMAIL:
          if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
            value += 7;
          if (!relais_lead_csv_email_is_valid (value))
            {
              shown = quote_value (value);
              /* Translators: %s is what the file has in its e-mail column */
              message = g_strdup_printf (_("“%s” is not an e-mail address."), shown);
              add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_EMAIL, message);
            }
          relais_lead_set_email (lead, value);
          break;

        case RELAIS_LEAD_CSV_FIELD_PHONE:
          if (is_scientific_number (value))
            {
              /* Translators: %s is a phone number that a spreadsheet turned into a number like 3,31234E+10 */
              message = g_strdup_printf (_("The phone number “%s” was turned into a number by a spreadsheet: format the column as text and export the file again."),
                                         value);
              add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_PHONE, message);
            }
          relais_lead_set_phone (lead, value);
          break;

        case RELAIS_LEAD_CSV_FIELD_COUNTRY:
          {
            const char *code = relais_lead_csv_parse_country (value);

            if (code == NULL)
              {
                shown = quote_value (value);
                /* Translators: %s is what the file has in its country column */
                message = g_strdup_printf (_("The country “%s” is not known: write its two-letter ISO code, such as FR or DE."), shown);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_COUNTRY, message);
              }
            relais_lead_set_country (lead, code);
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_KIND:
          {
            RelaisLeadKind kind;

            if (relais_lead_csv_parse_kind (value, &kind))
              relais_lead_set_kind (lead, kind);
            else
              {
                shown = quote_value (value);
                /* Translators: %1$s is what the file has in its kind column;
                 * %2$s and %3$s are the kinds App and Service */
                message = g_strdup_printf (_("The kind of listing “%1$s” is not known: write %2$s or %3$s."), shown,
                                           relais_enum_label (&relais_lead_kind_info, RELAIS_LEAD_KIND_APP),
                                           relais_enum_label (&relais_lead_kind_info, RELAIS_LEAD_KIND_SERVICE));
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_KIND, message);
              }
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_CATEGORY:
          {
            RelaisLeadCategory category;

            if (relais_lead_csv_parse_category (value, &category))
              relais_lead_set_category (lead, category);
            else
              {
                g_autofree char *list = join_labels (&relais_lead_category_info);

                shown = quote_value (value);
                /* Translators: %1$s is what the file has in its category column,
                 * %2$s the list of categories */
                message = g_strdup_printf (_("The category “%1$s” is not known: write one of %2$s."), shown, list);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_CATEGORY, message);
              }
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_STATUS:
          {
            RelaisLeadStatus status;

            if (relais_lead_csv_parse_status (value, &status))
              {
                relais_lead_set_status (lead, status);
                /* A rejected lead has a reason; the file does not say which. */
                if (status == RELAIS_LEAD_STATUS_REJECTED)
                  relais_lead_set_rejection_reason (lead, RELAIS_REJECTION_OTHER);
              }
            else
              {
                g_autofree char *list = join_labels (&relais_lead_status_info);

                shown = quote_value (value);
                /* Translators: %1$s is what the file has in its status column,
                 * %2$s the list of statuses */
                message = g_strdup_printf (_("The status “%1$s” is not known: write one of %2$s."), shown, list);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_STATUS, message);
              }
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_LANGUAGE:
          {
            const char *code = relais_lead_csv_parse_language (value);

            if (code == NULL)
              {
                shown = quote_value (value);
                /* Translators: %s is what the file has in its language column */
                message = g_strdup_printf (_("The language “%s” is not known: write its two-letter ISO code, such as fr or de."), shown);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_LANGUAGE, message);
              }
            relais_lead_set_language (lead, code);
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_VALUE:
          {
            gint64 minor = 0;

            shown = quote_value (value);
            switch (parse_amount (value, &minor, &value_currency))
              {
              case AMOUNT_OK:
                relais_lead_set_value_minor (lead, minor);
                break;
              case AMOUNT_NEGATIVE:
                /* Translators: %s is what the file has in its value column */
                message = g_strdup_printf (_("The value “%s” is negative."), shown);
                break;
              case AMOUNT_DECIMALS:
                /* Translators: %s is what the file has in its value column */
                message = g_strdup_printf (_("The value “%s” has more than two decimals."), shown);
                break;
              case AMOUNT_TOO_LARGE:
                /* Translators: %s is what the file has in its value column */
                message = g_strdup_printf (_("The value “%s” is too large."), shown);
                break;
              case AMOUNT_NOT_A_NUMBER:
              default:
                /* Translators: %s is what the file has in its value column */
                message = g_strdup_printf (_("The value “%s” is not an amount such as 1234.50 or 1 234,50."), shown);
                break;
              }
            if (message != NULL)
              add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_VALUE, message);
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_CURRENCY:
          {
            const char *code = parse_currency (value);

            if (code == NULL)
              {
                shown = quote_value (value);
                /* Translators: %s is what the file has in its currency column */
                message = g_strdup_printf (_("The currency “%s” is not a three-letter ISO code such as EUR or USD."), shown);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_CURRENCY, message);
              }
            relais_lead_set_currency (lead, code);
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_CREATED:
          {
            gint64 created = 0;

            if (relais_lead_csv_parse_date (value, mapping->date_order, &created))
              relais_lead_set_created_at (lead, created);
            else
              {
                shown = quote_value (value);
                /* Translators: %s is what the file has in its creation date column */
                message = g_strdup_printf (_("The creation date “%s” is not a date such as 2024-03-05 or 05/03/2024."), shown);
                add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_DATE, message);
              }
          }
          break;

        case RELAIS_LEAD_CSV_FIELD_FIRST_NAME:
        case RELAIS_LEAD_CSV_FIELD_LAST_NAME:
        case RELAIS_LEAD_CSV_FIELD_COMPANY:
        case RELAIS_LEAD_CSV_FIELD_STREET:
        case RELAIS_LEAD_CSV_FIELD_CITY:
        case RELAIS_LEAD_CSV_FIELD_STATE:
        case RELAIS_LEAD_CSV_FIELD_POSTAL_CODE:
        case RELAIS_LEAD_CSV_FIELD_LISTING:
        case RELAIS_LEAD_CSV_FIELD_TECHNOLOGY:
        case RELAIS_LEAD_CSV_FIELD_BUDGET:
        case RELAIS_LEAD_CSV_FIELD_PROGRAM:
        case RELAIS_LEAD_CSV_FIELD_SOURCE:
          set_text (lead, field, value);
          break;

        case RELAIS_LEAD_CSV_FIELD_IGNORE:
        case RELAIS_LEAD_CSV_FIELD_NOTES:
        case RELAIS_LEAD_CSV_N_FIELDS:
        default:
          g_assert_not_reached ();
        }
    }

  /* The currency: the file's column, else the one the value names, else the
   * country's, when there is a value at all. */
  if (relais_lead_get_currency (lead)[0] == '\0' && relais_lead_get_value_minor (lead) > 0)
    {
      if (value_currency == NULL)
        value_currency = relais_lead_csv_country_currency (relais_lead_get_country (lead));
      relais_lead_set_currency (lead, value_currency);
    }

  if (relais_lead_get_last_name (lead)[0] == '\0' &&
      relais_lead_get_company (lead)[0] == '\0' &&
      relais_lead_get_email (lead)[0] == '\0')
    add_problem (&problems, &first, RELAIS_LEAD_CSV_ERROR_NO_IDENTITY,
                 _("The row has no last name, company or e-mail, and a lead needs at least one of them."));

  if (problems != NULL)
    {
      g_set_error_literal (error, RELAIS_LEAD_CSV_ERROR, first, problems->str);
      return FALSE;
    }

  return TRUE;
}

/* --- Export -------------------------------------------------------------------- */

const char * const *
relais_lead_csv_export_header (void)
{
  static const char *header[RELAIS_LEAD_CSV_N_FIELDS + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (int f = 0; f < RELAIS_LEAD_CSV_N_FIELDS; f++)
        header[f] = fields[f].header;
      header[RELAIS_LEAD_CSV_N_FIELDS] = NULL;
      g_once_init_leave (&initialized, 1);
    }

  return header;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm): no
 * GDateTime, no allocation, for exports of a million rows. */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  *year = (int) (y + (m <= 2));
  *month = (int) m;
  *day = (int) d;
}

void
relais_lead_csv_lead_to_row (RelaisLead       *lead,
                             RelaisLeadCsvRow *row)
{
  gint64 value, created;

  g_return_if_fail (RELAIS_IS_LEAD (lead));
  g_return_if_fail (row != NULL);

  row->fields[RELAIS_LEAD_CSV_FIELD_FIRST_NAME] = relais_lead_get_first_name (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_LAST_NAME] = relais_lead_get_last_name (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_COMPANY] = relais_lead_get_company (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_EMAIL] = relais_lead_get_email (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_PHONE] = relais_lead_get_phone (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_STREET] = relais_lead_get_street (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_CITY] = relais_lead_get_city (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_STATE] = relais_lead_get_state (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_POSTAL_CODE] = relais_lead_get_postal_code (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_COUNTRY] = relais_lead_get_country (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_LISTING] = relais_lead_get_listing (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_KIND] = relais_enum_code (&relais_lead_kind_info, relais_lead_get_kind (lead));
  row->fields[RELAIS_LEAD_CSV_FIELD_CATEGORY] = relais_enum_code (&relais_lead_category_info, relais_lead_get_category (lead));
  row->fields[RELAIS_LEAD_CSV_FIELD_TECHNOLOGY] = relais_lead_get_technology (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_BUDGET] = relais_lead_get_budget (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_LANGUAGE] = relais_lead_get_language (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_PROGRAM] = relais_lead_get_program (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_SOURCE] = relais_lead_get_source (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_STATUS] = relais_enum_code (&relais_lead_status_info, relais_lead_get_status (lead));
  row->fields[RELAIS_LEAD_CSV_FIELD_CURRENCY] = relais_lead_get_currency (lead);
  row->fields[RELAIS_LEAD_CSV_FIELD_NOTES] = "";

  value = relais_lead_get_value_minor (lead);
  if (value > 0)
    g_snprintf (row->value, sizeof row->value, "%" G_GINT64_FORMAT ".%02d",
                value / 100, (int) (value % 100));
  else
    row->value[0] = '\0';
  row->fields[RELAIS_LEAD_CSV_FIELD_VALUE] = row->value;

  created = relais_lead_get_created_at (lead);
  if (created > 0)
    {
      gint64 seconds = created / G_USEC_PER_SEC;
      gint64 days = seconds / 86400;
      gint64 rest = seconds % 86400;
      int year, month, day;

      civil_from_days (days, &year, &month, &day);
      g_snprintf (row->created, sizeof row->created, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                  year, month, day, (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60));
    }
  else
    row->created[0] = '\0';
  row->fields[RELAIS_LEAD_CSV_FIELD_CREATED] = row->created;
}
