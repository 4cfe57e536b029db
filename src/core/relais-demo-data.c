/* relais-demo-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-core"

#include "config.h"

#include "relais-demo-data.h"

#include <string.h>

#include "relais-util.h"

/*
 * Everything below is demo content, not user interface: names, streets and
 * companies are written as people of each country write them, so none of it is
 * marked for translation.
 *
 * Every random choice is drawn from one GRand seeded by the caller, in a fixed
 * order, so that a seed and a "now" always give the same store (benchmarks and
 * bug reports can then be reproduced). Nothing reads the clock or g_random_*().
 */

#define DAY    G_TIME_SPAN_DAY
#define HOUR   G_TIME_SPAN_HOUR
#define MINUTE G_TIME_SPAN_MINUTE

/* Points a table and its length at a static array. */
#define TABLE(array) array, G_N_ELEMENTS (array)

/* ------------------------------------------------------------------------ */
/* Public tables                                                            */
/* ------------------------------------------------------------------------ */

typedef enum {
  TECH_SECURITY,
  TECH_CLOUD,
  TECH_NETWORKING,
  TECH_COLLABORATION,
  TECH_DATA_CENTER,
  TECH_ANALYTICS,
  TECH_ERP,
  TECH_CRM,
  TECH_IOT,
  TECH_AI,
  N_TECHS
} DemoTech;

static const char * const technologies[N_TECHS + 1] = {
  [TECH_SECURITY]      = "security",
  [TECH_CLOUD]         = "cloud",
  [TECH_NETWORKING]    = "networking",
  [TECH_COLLABORATION] = "collaboration",
  [TECH_DATA_CENTER]   = "data_center",
  [TECH_ANALYTICS]     = "analytics",
  [TECH_ERP]           = "erp",
  [TECH_CRM]           = "crm",
  [TECH_IOT]           = "iot",
  [TECH_AI]            = "ai",
  [N_TECHS]            = NULL,
};

/* The vendor's catalog: what a lead is interested in. One list gives both the
 * public NULL-terminated names and the kind and technology of each listing, so
 * that the two can never drift apart. */
#define DEMO_LISTINGS(X) \
  X ("Sentinel Firewall",               APP,     SECURITY) \
  X ("Sentinel Endpoint Protection",    APP,     SECURITY) \
  X ("Zero Trust Access Gateway",       APP,     SECURITY) \
  X ("Nimbus Cloud Backup",             APP,     CLOUD) \
  X ("Nimbus Object Storage",           APP,     CLOUD) \
  X ("Nimbus Kubernetes Platform",      APP,     CLOUD) \
  X ("MeshLink SD-WAN",                 APP,     NETWORKING) \
  X ("Orbit Wi-Fi 7 Access Points",     APP,     NETWORKING) \
  X ("Orbit Campus Switches",           APP,     NETWORKING) \
  X ("Harbor Video Meetings",           APP,     COLLABORATION) \
  X ("Harbor Team Chat",                APP,     COLLABORATION) \
  X ("Harbor Contact Center",           APP,     COLLABORATION) \
  X ("Atlas Hyperconverged Servers",    APP,     DATA_CENTER) \
  X ("Atlas All-Flash Storage",         APP,     DATA_CENTER) \
  X ("Prism Analytics Dashboards",      APP,     ANALYTICS) \
  X ("Prism Data Lakehouse",            APP,     ANALYTICS) \
  X ("Ledger ERP Finance",              APP,     ERP) \
  X ("Ledger ERP Manufacturing",        APP,     ERP) \
  X ("Compass CRM Sales Cloud",         APP,     CRM) \
  X ("Compass CRM Customer Service",    APP,     CRM) \
  X ("Beacon IoT Sensor Hub",           APP,     IOT) \
  X ("Beacon Fleet Tracking",           APP,     IOT) \
  X ("Cortex AI Assistant",             APP,     AI) \
  X ("Cortex Document Intelligence",    APP,     AI) \
  X ("Security Audit & Pentest",        SERVICE, SECURITY) \
  X ("Managed SOC 24/7",                SERVICE, SECURITY) \
  X ("NIS2 Compliance Assessment",      SERVICE, SECURITY) \
  X ("Cloud Migration Assessment",      SERVICE, CLOUD) \
  X ("Managed Backup Service",          SERVICE, CLOUD) \
  X ("Network Design Workshop",         SERVICE, NETWORKING) \
  X ("Wi-Fi Site Survey",               SERVICE, NETWORKING) \
  X ("Modern Workplace Rollout",        SERVICE, COLLABORATION) \
  X ("Data Center Modernization",       SERVICE, DATA_CENTER) \
  X ("Data Platform Proof of Concept",  SERVICE, ANALYTICS) \
  X ("ERP Implementation",              SERVICE, ERP) \
  X ("CRM Onboarding Package",          SERVICE, CRM) \
  X ("IoT Pilot Deployment",            SERVICE, IOT) \
  X ("AI Readiness Workshop",           SERVICE, AI)

#define LISTING_NAME(name, kind, tech) name,
static const char * const listing_names[] = {
  DEMO_LISTINGS (LISTING_NAME)
  NULL
};
#undef LISTING_NAME

#define LISTING_INFO(name, kind, tech) { RELAIS_LEAD_KIND_##kind, TECH_##tech },
static const struct {
  RelaisLeadKind kind;
  DemoTech       tech;
} listing_info[] = {
  DEMO_LISTINGS (LISTING_INFO)
};
#undef LISTING_INFO

G_STATIC_ASSERT (G_N_ELEMENTS (listing_names) == G_N_ELEMENTS (listing_info) + 1);

static const char * const queue_names[] = {
  "France – Entreprises",
  "France – PME",
  "DACH",
  "Iberia",
  "Italia",
  "Benelux",
  "Nordics",
  "North America",
  NULL
};

/* The channel managers of the demo team, each with a territory (see countries). */
typedef enum {
  OWNER_CLAIRE,
  OWNER_THOMAS,
  OWNER_MARKUS,
  OWNER_LUCIA,
  OWNER_SOPHIE,
  N_OWNERS
} DemoOwner;

static const char * const owners[N_OWNERS] = {
  [OWNER_CLAIRE] = "Claire Dubois",
  [OWNER_THOMAS] = "Thomas Bernard",
  [OWNER_MARKUS] = "Markus Weber",
  [OWNER_LUCIA]  = "Lucía Fernández",
  [OWNER_SOPHIE] = "Sophie Martin",
};

/* Budget bands, as the rule engine matches them, with the amounts (in units of
 * the lead's currency) that a lead of the band is worth. */
static const struct {
  const char *band;
  guint       weight;
  guint32     min_units;
  guint32     max_units;
} budgets[] = {
  { "<10k",      24,    1000,   10000 },
  { "10k-50k",   34,   10000,   50000 },
  { "50k-250k",  26,   50000,  250000 },
  { "250k-1M",   12,  250000, 1000000 },
  { ">1M",        4, 1000000, 4000000 },
};

typedef enum {
  PROGRAM_EVENT,
  PROGRAM_WEBINAR,
  PROGRAM_CAMPAIGN,
  N_PROGRAM_KINDS,
  PROGRAM_NONE = N_PROGRAM_KINDS
} DemoProgramKind;

/* Where leads come from, and which kind of program name goes with each. */
static const struct {
  const char      *label;
  guint            weight;
  DemoProgramKind  program;
  guint            program_percent;
} sources[] = {
#define SOURCE_EVENT 0
  { "Event",            9, PROGRAM_EVENT,    100 },
  { "Web form",        30, PROGRAM_CAMPAIGN,  30 },
  { "Marketplace",     12, PROGRAM_NONE,       0 },
  { "Email campaign",  13, PROGRAM_CAMPAIGN,  95 },
  { "Webinar",          8, PROGRAM_WEBINAR,  100 },
  { "Partner referral", 9, PROGRAM_NONE,       0 },
  { "Phone",            8, PROGRAM_NONE,       0 },
  { "Chat",             5, PROGRAM_NONE,       0 },
  { "Social media",     6, PROGRAM_CAMPAIGN,  40 },
};

/* Apps are tried, services are discussed: the category follows the kind. */
static const guint category_weights[RELAIS_LEAD_N_KINDS][RELAIS_LEAD_N_CATEGORIES] = {
  [RELAIS_LEAD_KIND_APP] = {
    [RELAIS_LEAD_CATEGORY_BANT] = 18,
    [RELAIS_LEAD_CATEGORY_APPOINTMENT] = 10,
    [RELAIS_LEAD_CATEGORY_QUOTE_REQUEST] = 18,
    [RELAIS_LEAD_CATEGORY_DEMO_TRIAL] = 34,
    [RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE] = 20,
  },
  [RELAIS_LEAD_KIND_SERVICE] = {
    [RELAIS_LEAD_CATEGORY_BANT] = 24,
    [RELAIS_LEAD_CATEGORY_APPOINTMENT] = 28,
    [RELAIS_LEAD_CATEGORY_QUOTE_REQUEST] = 22,
    [RELAIS_LEAD_CATEGORY_DEMO_TRIAL] = 6,
    [RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE] = 20,
  },
};

/* Many small partners, few big ones. */
static const guint tier_weights[RELAIS_PARTNER_N_TIERS] = {
  [RELAIS_PARTNER_TIER_REGISTERED] = 40,
  [RELAIS_PARTNER_TIER_SILVER]     = 35,
  [RELAIS_PARTNER_TIER_GOLD]       = 18,
  [RELAIS_PARTNER_TIER_PLATINUM]   = 7,
};

static const struct {
  guint min;
  guint max;
  guint neighbor_percent;  /* chance to serve each neighboring country */
  guint max_technologies;
} tier_profiles[RELAIS_PARTNER_N_TIERS] = {
  [RELAIS_PARTNER_TIER_REGISTERED] = {  20,  100, 20, 2 },
  [RELAIS_PARTNER_TIER_SILVER]     = {  50,  300, 30, 3 },
  [RELAIS_PARTNER_TIER_GOLD]       = { 200,  800, 50, 4 },
  [RELAIS_PARTNER_TIER_PLATINUM]   = { 600, 2000, 75, 6 },
};

/* Brands of made-up companies: a prefix and a suffix ("Novatek", "Axilis"). */
static const char * const brand_prefixes[] = {
  "Nova", "Axi", "Veri", "Quanta", "Lumi", "Terra", "Helio", "Opti", "Synth", "Alti",
  "Bio", "Eco", "Agri", "Medi", "Proxi", "Uni", "Inter", "Omni", "Vita", "Aero",
  "Hydro", "Neo", "Digi", "Astra", "Sola", "Logi", "Techni", "Kali", "Primo", "Zeni",
};

static const char * const brand_suffixes[] = {
  "tek", "lis", "via", "data", "logic", "sys", "net", "ware", "com", "ium",
  "gen", "line", "tec", "nova", "plus", "lab", "flex", "tronic", "metrics", "sphere",
  "link", "core", "dis", "vance",
};

/* Letters that are valid in British, Canadian and Dutch postal codes alike. */
static const char postal_letters[] = "ABEGHJLNPRTWXYZ";

/* ------------------------------------------------------------------------ */
/* People, streets and companies, by culture                                */
/* ------------------------------------------------------------------------ */

static const char * const fr_first[] = {
  "Hélène", "Françoise", "Jérôme", "Stéphane", "Élodie", "Amélie", "Céline", "Frédéric",
  "Sébastien", "Théo", "Chloé", "Léa", "Noémie", "Anaïs", "Gaëlle", "Maëlys", "Benoît",
  "François", "Loïc", "Aurélien", "Jean-Pierre", "Marie-Claire", "Camille", "Nicolas",
  "Julien", "Thomas", "Isabelle", "Nathalie", "Sophie", "Valérie", "Christophe", "Laurent",
  "Pierre", "Mathieu", "Émilie", "Agnès", "Clément", "Inès", "Raphaël", "Zoé", "Lucas",
  "Manon", "Hugo", "Pauline", "Jérémy", "Mélanie", "Grégory", "Cécile", "Rémi", "Bérénice",
  "Anne-Sophie", "Guillaume", "Sandrine", "Olivier", "Margaux", "Cédric", "Eloïse", "Yannick",
};

static const char * const fr_last[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
  "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
  "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
  "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin", "Morin", "Mathieu", "Clément",
  "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard",
  "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roche", "Noël", "Meyer", "Lucas",
  "Meunier", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas",
  "Brunet", "Schmitt", "Leroux", "Colin", "Renard", "Arnaud", "Caron", "Aubert", "Giraud",
  "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix",
  "Le Gall", "Le Goff", "Da Silva", "Benoît", "Besnard", "Hébert", "Lejeune", "Leclercq",
};

static const char * const qc_last[] = {
  "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
  "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
  "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier",
  "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau",
  "Martel", "Gilbert", "Hébert", "Landry", "Ménard", "Desjardins", "Bérubé",
};

static const char * const ma_first[] = {
  "Mohammed", "Youssef", "Ahmed", "Karim", "Hicham", "Rachid", "Saïd", "Mehdi", "Amine",
  "Omar", "Hamza", "Reda", "Anas", "Othmane", "Yassine", "Adil", "Khalid", "Abdelilah",
  "Driss", "Nabil", "Fatima", "Khadija", "Aïcha", "Meryem", "Salma", "Imane", "Sanaa",
  "Nadia", "Houda", "Loubna", "Samira", "Zineb", "Ghita", "Hajar", "Asmae", "Leïla", "Kenza",
  "Najat", "Btissam", "Soukaina",
};

static const char * const ma_last[] = {
  "El Amrani", "Benali", "Alaoui", "El Idrissi", "Bennani", "Tazi", "Berrada", "Fassi-Fihri",
  "Chraibi", "El Mansouri", "Ouazzani", "Benjelloun", "Lahlou", "Sebti", "Kettani",
  "Bouzidi", "El Fassi", "Cherkaoui", "Benkirane", "Aït Ouahmane", "Belhaj", "Naciri",
  "Squalli", "Zniber", "Filali", "El Ouardi", "Boukhari", "Haddad", "Slaoui", "Benmoussa",
  "Lamrani", "El Khattabi", "Ziani", "Rahmouni", "Mernissi", "Guessous", "Belkadi",
};

static const char * const de_first[] = {
  "Jürgen", "Jörg", "Günter", "Björn", "Sören", "Uwe", "Klaus", "Stefan", "Andreas",
  "Michael", "Thomas", "Matthias", "Tobias", "Florian", "Maximilian", "Lukas", "Felix",
  "Jonas", "Niklas", "Sebastian", "Markus", "Frank", "Dirk", "Sabine", "Ursula", "Brigitte",
  "Monika", "Petra", "Claudia", "Susanne", "Katharina", "Anja", "Julia", "Lena", "Hannah",
  "Leonie", "Jana", "Annika", "Birgit", "Dörte", "Mia", "Sophie", "Anna", "Laura",
  "Franziska", "Kerstin", "Heike", "Christoph", "Dominik", "Till", "Yannick", "Marlene",
  "Jens", "Käthe", "Ömer", "Özlem",
};

static const char * const de_last[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
  "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
  "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
  "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller",
  "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
  "Albrecht", "Schuster", "Ludwig", "Böhm", "Winter", "Kraus", "Schumacher", "Krämer",
  "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
  "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kühn", "Pohl", "Engel", "Horn",
  "Yılmaz", "Öztürk",
};

static const char * const nl_first[] = {
  "Jan", "Pieter", "Willem", "Sander", "Bram", "Daan", "Joost", "Maarten", "Thijs", "Ruud",
  "Sjoerd", "Niels", "Koen", "Stijn", "Wouter", "Bart", "Hendrik", "Lieke", "Sanne",
  "Femke", "Anouk", "Marloes", "Eva", "Iris", "Ilse", "Noor", "Fleur", "Mieke", "Annelies",
  "Inge", "Joke", "Saskia", "Els", "Lotte", "Zoë", "Chloë", "Anneke", "Geert", "Dirk",
  "Hanneke", "Jeroen", "Rutger",
};

static const char * const nl_last[] = {
  "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
  "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
  "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
  "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
  "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
  "Schouten", "van Beek", "Willems", "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster",
  "Prins", "Kuipers", "Postma",
};

static const char * const be_nl_last[] = {
  "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
  "Wouters", "De Smet", "Vermeulen", "Van Damme", "De Backer", "Hermans", "Michiels",
  "Verhaegen", "Dewulf", "Vandenberghe", "De Clercq", "Desmet", "Van de Velde", "Lemmens",
  "Verstraete", "Segers", "Coppens", "De Cock", "Pauwels", "Aerts", "Van Acker", "Smets",
};

static const char * const gb_first[] = {
  "Oliver", "Harry", "George", "Jack", "James", "William", "Charlotte", "Amelia", "Olivia",
  "Emily", "Sophie", "Jessica", "Hannah", "Rachel", "Sarah", "Claire", "Emma", "Gemma",
  "Rebecca", "Zoë", "Chloe", "Daniel", "Matthew", "Thomas", "Andrew", "David", "Richard",
  "Paul", "Mark", "Stephen", "Simon", "Graham", "Gareth", "Rhys", "Fiona", "Alistair",
  "Priya", "Imran", "Hamish", "Eleanor", "Lucy", "Harriet",
};

static const char * const gb_last[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
  "Turner", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "King", "Baker",
  "Harrison", "Morgan", "Allen", "Scott", "Phillips", "Watson", "Parker", "Price", "Bennett",
  "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Bailey", "Collins", "Bell",
  "Shaw", "Khan", "Ahmed", "Singh", "MacDonald", "Campbell", "Stewart", "Fraser",
};

static const char * const ie_first[] = {
  "Seán", "Aoife", "Niamh", "Siobhán", "Ciarán", "Pádraig", "Orla", "Eoin", "Cian",
  "Róisín", "Conor", "Declan", "Aisling", "Saoirse", "Darragh", "Cathal", "Sinéad", "Eimear",
  "Liam", "Ciara", "Mary", "John", "Patrick", "Michael", "Emma", "Sarah",
};

static const char * const ie_last[] = {
  "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Sullivan", "Walsh", "O'Connor",
  "McCarthy", "Doyle", "Gallagher", "Kennedy", "Lynch", "Murray", "Quinn", "Moore",
  "McLoughlin", "O'Carroll", "Connolly", "Daly", "O'Neill", "Brennan", "Fitzgerald",
  "Ó Súilleabháin", "Nolan", "Keane",
};

static const char * const us_first[] = {
  "Michael", "Jennifer", "Christopher", "Jessica", "Matthew", "Ashley", "Joshua", "Amanda",
  "Daniel", "Sarah", "David", "Emily", "Andrew", "Megan", "Ryan", "Lauren", "Tyler",
  "Brittany", "Kevin", "Nicole", "Brandon", "Rachel", "Jason", "Stephanie", "Justin",
  "Heather", "Eric", "Kimberly", "Brian", "Elizabeth", "Robert", "Samantha", "Wei", "Priya",
  "Raj", "Mei", "Jamal", "Aaliyah", "Connor", "Madison",
};

static const char * const us_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
  "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
  "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill",
  "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
  "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
  "Rogers", "Morgan", "Cooper", "Peterson", "Kim", "Nguyen", "Chen", "Patel", "Wang",
  "O'Connor", "Sullivan", "Kowalczyk", "Schneider",
};

static const char * const es_first[] = {
  "José", "María", "Jesús", "Ángel", "Álvaro", "Íñigo", "Nuria", "Begoña", "Lucía", "Sofía",
  "Martín", "Sergio", "Javier", "Pablo", "Alejandro", "David", "Daniel", "Carlos", "Manuel",
  "Antonio", "Francisco", "Miguel", "Raúl", "Rubén", "Óscar", "Adrián", "Iván", "Laura",
  "Marta", "Elena", "Cristina", "Carmen", "Isabel", "Pilar", "Rocío", "Inmaculada",
  "Montserrat", "Jordi", "Núria", "Aitor", "Iker", "Ainhoa", "Paula", "Andrea", "Verónica",
  "Beatriz", "Mónica", "Susana", "Inés", "Ramón", "Joaquín", "Maite",
};

static const char * const es_last[] = {
  "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
  "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
  "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
  "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado",
  "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido",
  "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Calvo",
  "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Cabrera", "Vega", "Fuentes",
  "Carrasco", "Ibáñez", "Ferrer", "Durán", "Benítez", "Crespo", "Pastor", "Soler", "Puig",
  "Etxeberria", "Goikoetxea",
};

static const char * const it_first[] = {
  "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Alessandro", "Andrea",
  "Marco", "Matteo", "Lorenzo", "Davide", "Simone", "Federico", "Riccardo", "Niccolò",
  "Stefano", "Paolo", "Roberto", "Fabrizio", "Gianluca", "Maria", "Anna", "Giulia",
  "Francesca", "Chiara", "Sara", "Martina", "Elena", "Valentina", "Alessandra", "Silvia",
  "Federica", "Elisa", "Laura", "Paola", "Roberta", "Ilaria", "Beatrice", "Aurora",
  "Ludovica", "Nicolò", "Mattia", "Gabriele",
};

static const char * const it_last[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
  "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
  "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
  "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale",
  "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa",
  "Conte", "Ferraro", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala",
  "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Monti", "Cattaneo",
  "Morelli", "Amato", "Silvestri", "Testa", "Carbone", "Benedetti", "Barone", "Guerra",
  "D'Amico", "Orlando", "Negri",
};

static const char * const pt_first[] = {
  "João", "José", "António", "Manuel", "Francisco", "Luís", "Rui", "Nuno", "Tiago",
  "Gonçalo", "Duarte", "Afonso", "Rodrigo", "Miguel", "Pedro", "Ricardo", "Sérgio", "Vítor",
  "Maria", "Ana", "Inês", "Beatriz", "Leonor", "Matilde", "Carolina", "Mariana", "Joana",
  "Sofia", "Catarina", "Marta", "Sónia", "Conceição", "Fátima", "Cláudia", "Patrícia",
  "Raquel", "Teresa", "Helena",
};

static const char * const pt_last[] = {
  "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
  "Jesus", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida",
  "Ribeiro", "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes",
  "Soares", "Vieira", "Monteiro", "Cardoso", "Rocha", "Neves", "Coelho", "Cruz", "Cunha",
  "Pires", "Ramos", "Reis", "Simões", "Antunes", "Matos", "Fonseca", "Machado", "Araújo",
  "Barbosa", "Tavares", "Lourenço", "Figueiredo", "Azevedo", "Freitas", "Magalhães",
  "Brandão", "Guimarães",
};

static const char * const br_first[] = {
  "João", "Pedro", "Lucas", "Gabriel", "Matheus", "Rafael", "Guilherme", "Felipe", "Gustavo",
  "Thiago", "Bruno", "Leonardo", "Rodrigo", "Luiz", "Carlos", "Marcelo", "Fábio", "Márcio",
  "Maria", "Ana", "Juliana", "Fernanda", "Camila", "Beatriz", "Larissa", "Letícia",
  "Mariana", "Amanda", "Bruna", "Patrícia", "Aline", "Vanessa", "Luíza", "Júlia", "Giovanna",
  "Isabela", "Gisele", "Tatiane", "Renata", "Débora",
};

static const char * const br_last[] = {
  "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
  "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares",
  "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira",
  "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves",
  "Santana", "Teixeira", "Araújo", "Cavalcanti", "Monteiro", "Bezerra", "Moraes", "Castro",
  "Campos", "Cunha", "Pinto", "Correia", "Azevedo", "Brito", "Sampaio", "Tavares", "Siqueira",
};

/* Female Polish first names end in -a, and so do their -ski/-cki surnames. */
static const char * const pl_first[] = {
  "Łukasz", "Paweł", "Michał", "Piotr", "Krzysztof", "Tomasz", "Marcin", "Grzegorz", "Jakub",
  "Mateusz", "Wojciech", "Rafał", "Maciej", "Kamil", "Bartłomiej", "Przemysław", "Jarosław",
  "Mirosław", "Andrzej", "Stanisław", "Agnieszka", "Małgorzata", "Katarzyna", "Joanna",
  "Magdalena", "Monika", "Anna", "Ewa", "Aleksandra", "Natalia", "Zuzanna", "Karolina",
  "Dorota", "Beata", "Elżbieta", "Grażyna", "Jolanta", "Justyna", "Żaneta", "Urszula",
};

static const char * const pl_last[] = {
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
  "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
  "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
  "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
  "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk",
  "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran",
  "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Zalewski",
  "Wróblewski", "Jasiński", "Bąk", "Zawadzki", "Chmielewski", "Włodarczyk", "Czarnecki",
  "Sawicki", "Sokołowski", "Wysocki", "Kaźmierczak", "Ziółkowski",
};

static const char * const sv_first[] = {
  "Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Mikael", "Magnus", "Fredrik", "Henrik",
  "Björn", "Måns", "Oskar", "Axel", "Linnéa", "Åsa", "Ingrid", "Maria", "Anna", "Karin",
  "Sara", "Emma", "Elin", "Ebba", "Maja", "Sofia", "Johanna", "Malin", "Märta", "Ylva",
  "Göran", "Gustav", "Viktor", "Jörgen",
};

static const char * const sv_last[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
  "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Bengtsson",
  "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist",
  "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lundqvist",
  "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Forsberg", "Sjöberg", "Wallin",
  "Engström", "Eklund", "Håkansson", "Björk", "Bergman", "Holm", "Wikström", "Nyström",
  "Holmberg", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Nordström", "Åberg", "Öberg",
};

static const char * const da_first[] = {
  "Søren", "Jens", "Lars", "Mads", "Rasmus", "Anders", "Mikkel", "Frederik", "Kasper",
  "Morten", "Henrik", "Niels", "Jesper", "Thomas", "Bjørn", "Mette", "Anne", "Kirsten",
  "Hanne", "Lene", "Camilla", "Louise", "Sofie", "Ida", "Freja", "Line", "Signe", "Astrid",
  "Mathilde", "Maja", "Trine", "Birgitte", "Åse",
};

static const char * const da_last[] = {
  "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
  "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
  "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
  "Mikkelsen", "Lauridsen", "Frederiksen", "Østergaard", "Kjær", "Dahl", "Lund", "Holm",
  "Bech", "Clausen", "Vestergaard", "Bang", "Nørgaard", "Damgaard", "Søndergaard", "Friis",
  "Krogh", "Gregersen",
};

static const char * const no_first[] = {
  "Ole", "Lars", "Jan", "Per", "Bjørn", "Kjetil", "Håkon", "Magnus", "Sindre", "Eirik",
  "Øyvind", "Trond", "Geir", "Arne", "Knut", "Sigurd", "Jonas", "Henrik", "Ingrid", "Kari",
  "Solveig", "Marit", "Hilde", "Nora", "Sigrid", "Ingeborg", "Silje", "Ragnhild", "Tone",
  "Åse", "Kristin", "Astrid", "Ida", "Thea", "Synnøve", "Liv",
};

static const char * const no_last[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
  "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
  "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
  "Lund", "Sørensen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
  "Knutsen", "Martinsen", "Bakken", "Mathisen", "Lie", "Amundsen", "Lunde", "Solheim",
  "Nygård", "Bakke", "Sæther", "Aas", "Myhre", "Ødegård", "Tangen", "Aune", "Haugland",
};

static const char * const fr_streets[] = {
  "rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Gambetta",
  "rue Pasteur", "place de la Gare", "rue du Général de Gaulle", "avenue de la Libération",
  "rue des Écoles", "rue Nationale", "rue de la Paix", "allée des Tilleuls",
  "rue Émile Zola", "rue du Moulin", "chemin des Vignes", "rue de l'Église", "avenue Foch",
  "boulevard Voltaire", "rue Saint-Michel", "impasse des Lilas", "rue Jules Ferry",
  "avenue de Verdun", "rue du Château", "rue Molière", "cours Lafayette", "rue Lamartine",
  "rue de la Gare", "rue des Frères Lumière", "avenue Charles de Gaulle", "rue d'Alsace",
  "rue Ampère", "avenue Pierre Mendès France", "boulevard de la Liberté",
  "rue du Commerce", "avenue du Maréchal Leclerc", "avenue de l'Europe",
  "rue des Entrepreneurs", "place du Marché", "rue de la Mairie", "rue Gustave Eiffel",
};

static const char * const be_fr_streets[] = {
  "Rue de la Station", "Rue de l'Église", "Place communale", "Rue du Commerce",
  "Avenue Reine Astrid", "Rue Royale", "Rue Neuve", "Rue du Marché",
  "Chaussée de Bruxelles", "Rue des Écoles", "Rue de la Gare", "Avenue Albert Ier",
  "Rue Haute", "Rue de Namur", "Rue du Moulin", "Avenue des Combattants",
  "Rue Saint-Martin", "Rue de l'Industrie",
};

static const char * const ch_fr_streets[] = {
  "Rue de la Gare", "Avenue de la Gare", "Rue du Marché", "Chemin des Vignes",
  "Rue Centrale", "Route de Genève", "Rue du Lac", "Chemin du Pré", "Rue de l'Industrie",
  "Avenue des Alpes", "Rue du Temple", "Chemin des Fleurs", "Grand-Rue", "Rue du Simplon",
  "Route cantonale",
};

static const char * const qc_streets[] = {
  "rue Principale", "rue Notre-Dame", "rue Saint-Jean", "boulevard Saint-Joseph",
  "rue King", "rue Wellington", "chemin du Lac", "rue de l'Église",
  "boulevard des Laurentides", "rue Saint-Georges", "rue Racine", "boulevard Industriel",
  "rue Saint-Laurent", "rue Champlain", "boulevard Cartier",
};

static const char * const ma_streets[] = {
  "boulevard Mohammed V", "avenue Hassan II", "avenue Mohammed VI", "avenue des FAR",
  "rue Allal Ben Abdellah", "avenue Moulay Youssef", "boulevard Al Massira",
  "rue Ibn Sina", "avenue Moulay Ismaïl", "rue Ibn Khaldoun", "boulevard de la Résistance",
  "avenue de la Marche Verte", "rue Abou Bakr Essedik", "boulevard Moulay Rachid",
};

static const char * const de_streets[] = {
  "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Gartenstraße",
  "Kirchstraße", "Lindenstraße", "Bergstraße", "Friedrichstraße", "Industriestraße",
  "Am Markt", "Marktplatz", "Dorfstraße", "Schulstraße", "Mozartstraße", "Kaiserstraße",
  "Ludwigstraße", "Parkweg", "Am Hafen", "Rosenweg", "Waldstraße", "Ringstraße",
  "Feldstraße", "Poststraße", "Berliner Allee", "Münchner Straße", "Lise-Meitner-Straße",
  "Carl-Zeiss-Straße", "Robert-Bosch-Straße", "Königstraße",
};

/* No ß in Switzerland. */
static const char * const ch_de_streets[] = {
  "Bahnhofstrasse", "Hauptstrasse", "Dorfstrasse", "Seestrasse", "Kirchgasse",
  "Industriestrasse", "Gartenstrasse", "Marktgasse", "Poststrasse", "Schulhausstrasse",
  "Bernstrasse", "Zürcherstrasse", "Badenerstrasse", "Rosenweg", "Freie Strasse",
  "Spitalgasse",
};

static const char * const nl_streets[] = {
  "Kerkstraat", "Stationsweg", "Dorpsstraat", "Hoofdstraat", "Molenweg", "Schoolstraat",
  "Marktplein", "Julianalaan", "Wilhelminastraat", "Beatrixlaan", "Industrieweg",
  "Nieuwstraat", "Kanaalweg", "Parkstraat", "Stationsplein", "Oranjestraat",
  "Nijverheidsweg", "Havenstraat", "Lindelaan", "Kastanjelaan",
};

static const char * const be_nl_streets[] = {
  "Kerkstraat", "Stationsstraat", "Grote Markt", "Dorpsstraat", "Nieuwstraat",
  "Koningin Astridlaan", "Industrielaan", "Brusselsesteenweg", "Leuvensesteenweg",
  "Kortrijksesteenweg", "Molenstraat", "Schoolstraat", "Markt", "Kapelstraat",
  "Lindenlaan", "Nijverheidsstraat",
};

static const char * const gb_streets[] = {
  "High Street", "Station Road", "Church Lane", "Victoria Road", "King Street",
  "Queen Street", "Park Road", "London Road", "Mill Lane", "The Green", "Bridge Street",
  "Market Street", "York Road", "Manor Road", "Castle Street", "Albert Road", "New Road",
  "Broad Street", "Chapel Street", "Harbour Way", "George Street", "Church Street",
  "North Street", "Springfield Road", "Grange Road",
};

static const char * const us_streets[] = {
  "Main Street", "Market Street", "Broadway", "Oak Avenue", "Maple Drive", "Park Avenue",
  "5th Avenue", "Pine Street", "Elm Street", "Washington Boulevard", "Lake Street",
  "Mission Street", "Commerce Street", "Industrial Parkway", "University Avenue",
  "Highland Avenue", "Lincoln Way", "Cedar Lane", "2nd Street", "Madison Avenue",
  "Tech Center Drive", "Spring Street", "Jefferson Street", "Church Street", "River Road",
  "Hillside Avenue",
};

static const char * const es_streets[] = {
  "Calle Mayor", "Gran Vía", "Calle Real", "Plaza de España", "Avenida de la Constitución",
  "Calle del Sol", "Calle San Vicente", "Calle Colón", "Avenida de América",
  "Calle de la Iglesia", "Calle Nueva", "Avenida del Puerto", "Calle del Carmen",
  "Avenida de la Libertad", "Calle Cervantes", "Calle Alfonso XIII",
  "Paseo de la Estación", "Calle Ramón y Cajal", "Avenida de Europa",
  "Calle de la Industria",
};

static const char * const it_streets[] = {
  "Via Roma", "Via Garibaldi", "Corso Italia", "Via Mazzini", "Via Dante Alighieri",
  "Piazza del Duomo", "Via Vittorio Emanuele II", "Via Matteotti", "Via Cavour",
  "Via XX Settembre", "Via Nazionale", "Viale Europa", "Via dei Mille", "Via Verdi",
  "Via Manzoni", "Corso Vittorio Emanuele", "Via della Repubblica", "Viale della Libertà",
  "Via Marconi", "Via San Francesco", "Via dell'Industria",
};

static const char * const pt_streets[] = {
  "Rua Direita", "Avenida da República", "Rua 25 de Abril", "Avenida 5 de Outubro",
  "Rua do Comércio", "Avenida Dom João II", "Rua da Liberdade", "Avenida Luís de Camões",
  "Rua Miguel Bombarda", "Rua Cândido dos Reis", "Rua Infante D. Henrique",
  "Largo da Igreja", "Rua da Estação", "Avenida dos Descobrimentos", "Rua de São João",
};

static const char * const br_streets[] = {
  "Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Avenida Rio Branco",
  "Rua Sete de Setembro", "Avenida Getúlio Vargas", "Rua Voluntários da Pátria",
  "Avenida Presidente Vargas", "Rua Tiradentes", "Avenida Santos Dumont",
  "Rua Dom Pedro II", "Rua Marechal Deodoro", "Avenida Independência", "Rua São José",
  "Avenida JK",
};

static const char * const pl_streets[] = {
  "ul. Mickiewicza", "ul. Kościuszki", "ul. Słowackiego", "ul. Grunwaldzka", "ul. Polna",
  "ul. Leśna", "ul. Ogrodowa", "ul. Kwiatowa", "ul. Szkolna", "ul. Lipowa",
  "ul. Sienkiewicza", "ul. Prosta", "ul. Długa", "al. Solidarności", "ul. Kolejowa",
  "ul. Kościelna", "ul. Piłsudskiego", "ul. Dworcowa", "ul. Przemysłowa", "ul. Słoneczna",
  "ul. Jana Pawła II",
};

static const char * const sv_streets[] = {
  "Drottninggatan", "Kungsgatan", "Storgatan", "Vasagatan", "Hamngatan", "Skolgatan",
  "Järnvägsgatan", "Industrivägen", "Kyrkogatan", "Stationsgatan", "Östra Storgatan",
  "Västra vägen", "Nygatan", "Tullgatan", "Fabriksgatan", "Ringvägen",
};

static const char * const da_streets[] = {
  "Østergade", "Søndergade", "Algade", "Jernbanegade", "Kongensgade", "Industrivej",
  "Havnegade", "Skolevej", "Vestergade", "Nørregade", "Stationsvej", "Kirkevej", "Torvet",
  "Bredgade", "Møllevej",
};

static const char * const no_streets[] = {
  "Storgata", "Kirkegata", "Dronningens gate", "Torggata", "Kongens gate", "Strandgata",
  "Industriveien", "Skolegata", "Havnegata", "Jernbanegata", "Parkveien", "Fjordveien",
  "Sjøgata", "Nygata", "Kirkeveien",
};

/* Trades of customer companies, as they appear in company names. */
static const char * const fr_sectors[] = {
  "Transports", "Boulangeries", "Laboratoires", "Imprimerie", "Menuiserie", "Pharmacie",
  "Clinique", "Hôtels", "Vins", "Textiles", "Logistique", "Constructions", "Électricité",
  "Assurances", "Garage", "Immobilier", "Fromagerie", "Brasserie", "Mécanique",
  "Distribution", "Cabinet", "Conseil", "Aéronautique", "Plasturgie", "Cosmétiques",
};

static const char * const de_sectors[] = {
  "Maschinenbau", "Logistik", "Bäckerei", "Druckerei", "Elektrotechnik", "Metallbau",
  "Autohaus", "Steuerberatung", "Versicherungen", "Apotheke", "Bau", "Kunststofftechnik",
  "Möbelwerk", "Brauerei", "Spedition", "Medizintechnik", "Immobilien", "Landtechnik",
  "Feinmechanik", "Verpackungen",
};

static const char * const nl_sectors[] = {
  "Transport", "Bouw", "Bakkerij", "Drukkerij", "Installatietechniek", "Logistiek",
  "Verzekeringen", "Apotheek", "Makelaardij", "Metaalbewerking", "Meubelfabriek",
  "Brouwerij", "Kwekerij", "Accountants", "Techniek", "Zuivel", "Scheepswerf", "Voeding",
};

static const char * const en_sectors[] = {
  "Logistics", "Construction", "Engineering", "Bakeries", "Printing", "Electrical",
  "Insurance", "Pharmacy", "Properties", "Manufacturing", "Foods", "Brewing", "Textiles",
  "Motors", "Accountants", "Healthcare", "Packaging", "Plastics", "Distribution", "Legal",
};

static const char * const es_sectors[] = {
  "Transportes", "Construcciones", "Laboratorios", "Bodegas", "Hoteles", "Distribuciones",
  "Seguros", "Farmacia", "Gráficas", "Inmobiliaria", "Talleres", "Conservas", "Muebles",
  "Aceites", "Logística", "Ingeniería", "Clínica", "Textil",
};

static const char * const it_sectors[] = {
  "Trasporti", "Costruzioni", "Laboratori", "Vini", "Alberghi", "Distribuzione",
  "Assicurazioni", "Farmacia", "Tipografia", "Immobiliare", "Officine", "Meccanica",
  "Arredamenti", "Ceramiche", "Logistica", "Ingegneria", "Tessuti", "Caseificio",
  "Oleificio",
};

static const char * const pt_sectors[] = {
  "Transportes", "Construções", "Laboratórios", "Vinhos", "Hotéis", "Distribuição", "Seguros",
  "Farmácia", "Tipografia", "Imobiliária", "Metalomecânica", "Móveis", "Conservas",
  "Logística", "Engenharia", "Têxteis", "Cortiças", "Calçado",
};

static const char * const br_sectors[] = {
  "Transportes", "Construtora", "Laboratório", "Distribuidora", "Seguros", "Farmácia",
  "Gráfica", "Imobiliária", "Metalúrgica", "Móveis", "Logística", "Engenharia", "Têxtil",
  "Alimentos", "Agropecuária", "Clínica", "Supermercados", "Comércio",
};

static const char * const pl_sectors[] = {
  "Transport", "Budownictwo", "Laboratorium", "Piekarnia", "Drukarnia", "Elektro",
  "Logistyka", "Ubezpieczenia", "Apteka", "Meble", "Mleczarnia", "Browar", "Inżynieria",
  "Hurtownia", "Metal", "Tekstylia",
};

static const char * const sv_sectors[] = {
  "Bygg", "Åkeri", "Transport", "Bageri", "Tryckeri", "El", "Fastigheter", "Verkstad",
  "Redovisning", "Konsult", "Möbler", "Livs", "Plast", "Mekaniska", "Logistik", "Trä",
};

static const char * const da_sectors[] = {
  "Byg", "Transport", "Bageri", "Trykkeri", "El", "Ejendomme", "Maskinfabrik", "Revision",
  "Møbler", "Vognmand", "Rådgivning", "Mejeri", "Logistik", "VVS",
};

static const char * const no_sectors[] = {
  "Bygg", "Transport", "Bakeri", "Trykkeri", "Elektro", "Eiendom", "Mekaniske", "Regnskap",
  "Rådgivning", "Møbler", "Fiskeri", "Sjømat", "Logistikk", "Verft",
};

/*
 * Company name patterns: {S} a surname, {T} another surname, {K} a trade,
 * {B} a made-up brand, {C} the city, {D} "de <city>" with French elision,
 * {L} a legal form (always last: what precedes it makes the web domain).
 */
static const char * const fr_companies[] = {
  "{K} {S}{L}", "{K} {S}{L}", "Groupe {S}{L}", "{S} & Fils{L}", "{B}{L}", "{B} {K}{L}",
  "Ville {D}", "{K} {D}{L}", "Cabinet {S} & {T}",
};

static const char * const ma_companies[] = {
  "{K} {S}{L}", "{B} Maroc{L}", "Groupe {S}{L}", "{B}{L}", "{K} {C}{L}",
};

static const char * const de_companies[] = {
  "{S} {K}{L}", "{K} {S}{L}", "{B}{L}", "{S} & Söhne{L}", "{B} {K}{L}", "Stadtwerke {C}",
  "{K} {C}{L}", "{S} & {T}{L}",
};

static const char * const nl_companies[] = {
  "{S} {K}{L}", "{K} {S}{L}", "{B}{L}", "{S} & Zonen{L}", "Gemeente {C}", "{K} {C}{L}",
};

static const char * const gb_companies[] = {
  "{S} {K}{L}", "{S} & Sons{L}", "{B}{L}", "{C} {K}{L}", "{B} {K}{L}", "{S} & {T}{L}",
};

static const char * const us_companies[] = {
  "{S} {K}{L}", "{B}{L}", "{C} {K}{L}", "{B} {K}{L}", "{S} & {T}{L}", "City of {C}",
};

static const char * const es_companies[] = {
  "{K} {S}{L}", "{B}{L}", "{S} e Hijos{L}", "Grupo {S}{L}", "{K} {C}{L}",
  "Ayuntamiento de {C}", "{B} {K}{L}",
};

static const char * const it_companies[] = {
  "{S} {K}{L}", "{K} {S}{L}", "{B}{L}", "{S} & Figli{L}", "Gruppo {S}{L}", "Comune di {C}",
  "{K} {C}{L}",
};

static const char * const pt_companies[] = {
  "{K} {S}{L}", "{S} & Filhos{L}", "{B}{L}", "Grupo {S}{L}", "{K} {C}{L}", "{B} {K}{L}",
};

static const char * const pl_companies[] = {
  "{K} {S}{L}", "{B}{L}", "{B} Polska{L}", "{S} i Syn{L}", "{K} {C}{L}",
};

static const char * const sv_companies[] = {
  "{S}s {K}{L}", "{B}{L}", "{C} {K}{L}", "{K} {S}{L}",
};

static const char * const da_companies[] = {
  "{S}s {K}{L}", "{B}{L}", "{C} {K}{L}",
};

static const char * const no_companies[] = {
  "{S} {K}{L}", "{B}{L}", "{C} {K}{L}", "{S}s {K}{L}",
};

/* Names of partner companies (resellers, integrators, managed service providers). */
static const char * const fr_partners[] = {
  "Solutions Informatiques {S}{L}", "{S} Informatique{L}", "{B} Consulting{L}",
  "{S} Réseaux & Sécurité{L}", "Groupe {S} Numérique{L}", "{B} Infogérance{L}",
  "{B} Systèmes{L}", "{B} Cloud{L}", "Atelier Numérique {S}{L}", "{B} Cyber{L}",
  "{S} & {T} Conseil{L}",
};

static const char * const ma_partners[] = {
  "{B} Maroc{L}", "Atlas {B}{L}", "{B} Digital Services{L}", "Maghreb {B}{L}",
  "{B} Informatique{L}", "{S} Informatique{L}",
};

static const char * const de_partners[] = {
  "{S} IT-Systeme{L}", "{S} Netzwerktechnik{L}", "{B} Solutions{L}",
  "{S} & {T} Informationstechnik{L}", "{B} IT-Service{L}", "{S} Datentechnik{L}",
  "{B} Cloud Services{L}", "Systemhaus {S}{L}", "{B} Security{L}", "IT-Systemhaus {C}{L}",
};

static const char * const nl_partners[] = {
  "{S} ICT{L}", "{B} Automatisering{L}", "{S} IT Services{L}", "{B} Netwerken{L}",
  "{B} Cloud{L}", "{S} Systeembeheer{L}",
};

static const char * const en_partners[] = {
  "{B} Networks{L}", "{S} IT Services{L}", "{B} Technology Group{L}", "{B} Solutions{L}",
  "{S} & {T} Consulting{L}", "{B} Cloud{L}", "{S} Systems{L}", "{B} Cyber{L}",
  "{B} Data{L}", "{C} IT Partners{L}",
};

static const char * const es_partners[] = {
  "Soluciones Tecnológicas {S}{L}", "Soluciones Tecnológicas Ibéricas{L}",
  "{S} Informática{L}", "{B} Sistemas{L}", "{B} Consultores{L}",
  "Redes y Seguridad {S}{L}", "{B} Cloud{L}", "Informática {C}{L}",
};

static const char * const it_partners[] = {
  "{S} Sistemi{L}", "{B} Informatica{L}", "Reti e Sicurezza {S}{L}", "{S} Consulting{L}",
  "{B} Cloud{L}", "{S} Soluzioni IT{L}", "Sistemi Informativi {S}{L}",
};

static const char * const pt_partners[] = {
  "{S} Sistemas de Informação{L}", "{B} Tecnologias{L}", "{B} Consultoria{L}",
  "{S} Informática{L}", "{B} Redes{L}",
};

static const char * const br_partners[] = {
  "{S} Tecnologia{L}", "{B} Soluções em TI{L}", "{B} Sistemas{L}", "{S} Informática{L}",
  "{B} Cloud{L}",
};

static const char * const pl_partners[] = {
  "{S} Systemy{L}", "{B} Informatyka{L}", "{B} IT{L}", "{B} Sieci{L}", "{S} Technologie{L}",
};

static const char * const sv_partners[] = {
  "Nordic Cloud{L}", "{B} IT{L}", "{S} Data{L}", "{B} Nätverk{L}", "{B} Konsult{L}",
  "{S} IT-Partner{L}",
};

static const char * const da_partners[] = {
  "{B} IT{L}", "{S} Data{L}", "{B} Netværk{L}", "Nordic {B}{L}", "{B} Cloud{L}",
};

static const char * const no_partners[] = {
  "{B} IT{L}", "{S} Data{L}", "{B} Nettverk{L}", "Nordic {B}{L}", "{B} Cloud{L}",
};

typedef enum {
  STREET_FRENCH,           /* "12 bis rue Pasteur" */
  STREET_NUMBER_FIRST,     /* "221 Baker Street" */
  STREET_NUMBER_LAST,      /* "Hauptstraße 12" */
  STREET_NAME_COMMA_NUMBER /* "Calle Mayor, 12" */
} DemoStreetStyle;

typedef struct {
  const char * const *first_names;
  guint               n_first_names;
  const char * const *last_names;
  guint               n_last_names;
  const char * const *streets;
  guint               n_streets;
  DemoStreetStyle     street_style;
  guint               street_number_min;
  guint               street_number_max;
  const char * const *sectors;
  guint               n_sectors;
  const char * const *companies;
  guint               n_companies;
  const char * const *partners;
  guint               n_partners;
  gboolean            gendered_surnames;  /* Polish -ski/-ska */
} DemoCulture;

#define CULTURE(first, last, streets, style, min, max, sectors, companies, partners) \
  { TABLE (first), TABLE (last), TABLE (streets), style, min, max, \
    TABLE (sectors), TABLE (companies), TABLE (partners), FALSE }

static const DemoCulture culture_fr =
  CULTURE (fr_first, fr_last, fr_streets, STREET_FRENCH, 1, 180, fr_sectors, fr_companies, fr_partners);
static const DemoCulture culture_be_fr =
  CULTURE (fr_first, fr_last, be_fr_streets, STREET_NUMBER_LAST, 1, 250, fr_sectors, fr_companies, fr_partners);
static const DemoCulture culture_ch_fr =
  CULTURE (fr_first, fr_last, ch_fr_streets, STREET_NUMBER_LAST, 1, 90, fr_sectors, fr_companies, fr_partners);
static const DemoCulture culture_qc =
  CULTURE (fr_first, qc_last, qc_streets, STREET_NUMBER_FIRST, 100, 9000, fr_sectors, fr_companies, fr_partners);
static const DemoCulture culture_ma =
  CULTURE (ma_first, ma_last, ma_streets, STREET_FRENCH, 1, 400, fr_sectors, ma_companies, ma_partners);
static const DemoCulture culture_de =
  CULTURE (de_first, de_last, de_streets, STREET_NUMBER_LAST, 1, 160, de_sectors, de_companies, de_partners);
/* Luxembourg writes its addresses in French whatever the language spoken. */
static const DemoCulture culture_lu_de =
  CULTURE (de_first, de_last, fr_streets, STREET_FRENCH, 1, 180, de_sectors, de_companies, de_partners);
static const DemoCulture culture_ch_de =
  CULTURE (de_first, de_last, ch_de_streets, STREET_NUMBER_LAST, 1, 120, de_sectors, de_companies, de_partners);
static const DemoCulture culture_nl =
  CULTURE (nl_first, nl_last, nl_streets, STREET_NUMBER_LAST, 1, 400, nl_sectors, nl_companies, nl_partners);
static const DemoCulture culture_be_nl =
  CULTURE (nl_first, be_nl_last, be_nl_streets, STREET_NUMBER_LAST, 1, 250, nl_sectors, nl_companies, nl_partners);
static const DemoCulture culture_gb =
  CULTURE (gb_first, gb_last, gb_streets, STREET_NUMBER_FIRST, 1, 250, en_sectors, gb_companies, en_partners);
static const DemoCulture culture_ie =
  CULTURE (ie_first, ie_last, gb_streets, STREET_NUMBER_FIRST, 1, 120, en_sectors, gb_companies, en_partners);
static const DemoCulture culture_us =
  CULTURE (us_first, us_last, us_streets, STREET_NUMBER_FIRST, 100, 9900, en_sectors, us_companies, en_partners);
static const DemoCulture culture_es =
  CULTURE (es_first, es_last, es_streets, STREET_NAME_COMMA_NUMBER, 1, 220, es_sectors, es_companies, es_partners);
static const DemoCulture culture_it =
  CULTURE (it_first, it_last, it_streets, STREET_NAME_COMMA_NUMBER, 1, 200, it_sectors, it_companies, it_partners);
static const DemoCulture culture_pt =
  CULTURE (pt_first, pt_last, pt_streets, STREET_NAME_COMMA_NUMBER, 1, 300, pt_sectors, pt_companies, pt_partners);
static const DemoCulture culture_br =
  CULTURE (br_first, br_last, br_streets, STREET_NAME_COMMA_NUMBER, 10, 3000, br_sectors, pt_companies, br_partners);
static const DemoCulture culture_pl =
  { TABLE (pl_first), TABLE (pl_last), TABLE (pl_streets), STREET_NUMBER_LAST, 1, 150,
    TABLE (pl_sectors), TABLE (pl_companies), TABLE (pl_partners), TRUE };
static const DemoCulture culture_sv =
  CULTURE (sv_first, sv_last, sv_streets, STREET_NUMBER_LAST, 1, 120, sv_sectors, sv_companies, sv_partners);
static const DemoCulture culture_da =
  CULTURE (da_first, da_last, da_streets, STREET_NUMBER_LAST, 1, 120, da_sectors, da_companies, da_partners);
static const DemoCulture culture_no =
  CULTURE (no_first, no_last, no_streets, STREET_NUMBER_LAST, 1, 120, no_sectors, no_companies, no_partners);

/* ------------------------------------------------------------------------ */
/* Places                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * Postal codes and phone numbers are templates: '#' is a digit, '%' a digit
 * other than 0, '?' a letter of postal_letters, '@' the city's area (itself a
 * template), '|' separates alternatives of which one is drawn; anything else is
 * copied. Where a country keeps numbers for fiction (US 555-01xx, the UK drama
 * ranges), they are used, so that no demo record calls a real subscriber there.
 */
typedef struct {
  const char *name;
  const char *state;   /* state, province or region where addresses carry one */
  const char *postal;
  const char *area;
  guint       weight;
} DemoCity;

static const DemoCity fr_cities[] = {
  { "Paris", NULL, "7500%|7501#|75020", "1", 30 },
  { "Lyon", NULL, "6900%", "4", 8 },
  { "Marseille", NULL, "1300%|13010|13011|13012|13013|13014|13015|13016", "4", 7 },
  { "Toulouse", NULL, "31000|31100|31200|31300|31400|31500", "5", 6 },
  { "Nice", NULL, "06000|06100|06200|06300", "4", 3 },
  { "Nantes", NULL, "44000|44100|44200|44300", "2", 4 },
  { "Strasbourg", NULL, "67000|67100|67200", "3", 3 },
  { "Montpellier", NULL, "34000|34070|34080|34090", "4", 3 },
  { "Bordeaux", NULL, "33000|33100|33200|33300|33800", "5", 4 },
  { "Lille", NULL, "59000|59160|59260|59800", "3", 4 },
  { "Rennes", NULL, "35000|35200|35700", "2", 3 },
  { "Reims", NULL, "51100", "3", 1 },
  { "Grenoble", NULL, "38000|38100", "4", 2 },
  { "Dijon", NULL, "21000", "3", 1 },
  { "Angers", NULL, "49000|49100", "2", 1 },
  { "Le Mans", NULL, "72000|72100", "2", 1 },
  { "Aix-en-Provence", NULL, "13090|13100|13290", "4", 2 },
  { "Clermont-Ferrand", NULL, "63000|63100", "4", 1 },
  { "Tours", NULL, "37000|37100|37200", "2", 1 },
  { "Rouen", NULL, "76000|76100", "2", 1 },
  { "Metz", NULL, "57000|57050", "3", 1 },
  { "Nancy", NULL, "54000|54100", "3", 1 },
  { "Caen", NULL, "14000", "2", 1 },
  { "Brest", NULL, "29200", "2", 1 },
  { "Orléans", NULL, "45000|45100", "2", 1 },
  { "Saint-Étienne", NULL, "42000|42100", "4", 1 },
  { "Limoges", NULL, "87000|87100", "5", 1 },
  { "Annecy", NULL, "74000", "4", 1 },
  { "Boulogne-Billancourt", NULL, "92100", "1", 2 },
  { "Issy-les-Moulineaux", NULL, "92130", "1", 2 },
  { "Levallois-Perret", NULL, "92300", "1", 1 },
  { "Courbevoie", NULL, "92400", "1", 2 },
  { "Nanterre", NULL, "92000", "1", 1 },
  { "Saint-Denis", NULL, "93200|93210", "1", 1 },
  { "Massy", NULL, "91300", "1", 1 },
  { "Vélizy-Villacoublay", NULL, "78140", "1", 1 },
  { "Villeurbanne", NULL, "69100", "4", 1 },
  { "Pau", NULL, "64000", "5", 1 },
  { "La Rochelle", NULL, "17000", "5", 1 },
  { "Perpignan", NULL, "66000|66100", "4", 1 },
};

#define BRUSSELS_POSTAL "1000|1020|1030|1040|1050|1060|1070|1080|1090|1140|1150|1160|1170|1180|1190|1200"

static const DemoCity be_fr_cities[] = {
  { "Bruxelles", NULL, BRUSSELS_POSTAL, "2 ### ## ##", 10 },
  { "Liège", NULL, "4000|4020|4030", "4 ### ## ##", 4 },
  { "Charleroi", NULL, "6000|6001|6010|6040", "71 ## ## ##", 3 },
  { "Namur", NULL, "5000|5100", "81 ## ## ##", 2 },
  { "Mons", NULL, "7000", "65 ## ## ##", 2 },
  { "Louvain-la-Neuve", NULL, "1348", "10 ## ## ##", 2 },
  { "Wavre", NULL, "1300", "10 ## ## ##", 1 },
  { "Tournai", NULL, "7500", "69 ## ## ##", 1 },
  { "Nivelles", NULL, "1400", "67 ## ## ##", 1 },
};

static const DemoCity be_nl_cities[] = {
  { "Brussel", NULL, BRUSSELS_POSTAL, "2 ### ## ##", 6 },
  { "Antwerpen", NULL, "2000|2018|2020|2030|2060|2100|2140|2600", "3 ### ## ##", 8 },
  { "Gent", NULL, "9000|9030|9040|9050", "9 ### ## ##", 6 },
  { "Leuven", NULL, "3000|3001|3010", "16 ## ## ##", 3 },
  { "Brugge", NULL, "8000|8200", "50 ## ## ##", 3 },
  { "Mechelen", NULL, "2800", "15 ## ## ##", 2 },
  { "Hasselt", NULL, "3500", "11 ## ## ##", 2 },
  { "Kortrijk", NULL, "8500", "56 ## ## ##", 2 },
  { "Aalst", NULL, "9300", "53 ## ## ##", 1 },
  { "Zaventem", NULL, "1930", "2 ### ## ##", 1 },
  { "Genk", NULL, "3600", "89 ## ## ##", 1 },
};

static const DemoCity ch_de_cities[] = {
  { "Zürich", NULL, "80##", "44|43", 12 },
  { "Basel", NULL, "40##", "61", 5 },
  { "Bern", NULL, "30##", "31", 5 },
  { "Luzern", NULL, "600%", "41", 3 },
  { "St. Gallen", NULL, "900%", "71", 2 },
  { "Winterthur", NULL, "84##", "52", 2 },
  { "Zug", NULL, "630%", "41", 2 },
  { "Baden", NULL, "5400", "56", 1 },
  { "Aarau", NULL, "5000|5004", "62", 1 },
  { "Chur", NULL, "7000", "81", 1 },
};

static const DemoCity ch_fr_cities[] = {
  { "Genève", NULL, "120%|121#", "22", 8 },
  { "Lausanne", NULL, "100%|101#", "21", 6 },
  { "Fribourg", NULL, "1700", "26", 2 },
  { "Neuchâtel", NULL, "2000", "32", 2 },
  { "Sion", NULL, "1950", "27", 1 },
  { "Yverdon-les-Bains", NULL, "1400", "24", 1 },
  { "Montreux", NULL, "1820", "21", 1 },
  { "Nyon", NULL, "1260", "22", 1 },
};

static const DemoCity ch_it_cities[] = {
  { "Lugano", NULL, "690%", "91", 5 },
  { "Bellinzona", NULL, "6500", "91", 2 },
  { "Locarno", NULL, "6600", "91", 2 },
  { "Mendrisio", NULL, "6850", "91", 1 },
};

static const DemoCity de_cities[] = {
  { "Berlin", "Berlin", "10###|12###|13###", "30", 14 },
  { "Hamburg", "Hamburg", "20###|22###", "40", 8 },
  { "München", "Bayern", "80###|81###", "89", 10 },
  { "Köln", "Nordrhein-Westfalen", "50###|51###", "221", 6 },
  { "Frankfurt am Main", "Hessen", "60###", "69", 7 },
  { "Stuttgart", "Baden-Württemberg", "70###", "711", 6 },
  { "Düsseldorf", "Nordrhein-Westfalen", "40###", "211", 5 },
  { "Dortmund", "Nordrhein-Westfalen", "44###", "231", 3 },
  { "Essen", "Nordrhein-Westfalen", "45###", "201", 3 },
  { "Leipzig", "Sachsen", "04###", "341", 3 },
  { "Bremen", "Bremen", "28###", "421", 2 },
  { "Dresden", "Sachsen", "01###", "351", 3 },
  { "Hannover", "Niedersachsen", "30###", "511", 3 },
  { "Nürnberg", "Bayern", "90###", "911", 3 },
  { "Karlsruhe", "Baden-Württemberg", "76###", "721", 2 },
  { "Mannheim", "Baden-Württemberg", "68###", "621", 2 },
  { "Bonn", "Nordrhein-Westfalen", "53###", "228", 2 },
  { "Münster", "Nordrhein-Westfalen", "48###", "251", 2 },
  { "Augsburg", "Bayern", "86###", "821", 1 },
  { "Freiburg im Breisgau", "Baden-Württemberg", "79###", "761", 1 },
  { "Wiesbaden", "Hessen", "65###", "611", 1 },
  { "Mainz", "Rheinland-Pfalz", "55###", "6131", 1 },
  { "Kiel", "Schleswig-Holstein", "24###", "431", 1 },
  { "Erfurt", "Thüringen", "99###", "361", 1 },
  { "Magdeburg", "Sachsen-Anhalt", "39###", "391", 1 },
  { "Potsdam", "Brandenburg", "14###", "331", 1 },
  { "Rostock", "Mecklenburg-Vorpommern", "18###", "381", 1 },
  { "Saarbrücken", "Saarland", "66###", "681", 1 },
};

static const DemoCity at_cities[] = {
  { "Wien", "Wien", "1010|1020|1030|1040|1050|1060|1070|1080|1090|1100|1110|1120|1130|1140|1150|1160|1170|1180|1190|1200|1210|1220|1230", "1", 14 },
  { "Graz", "Steiermark", "8010|8020|8036|8041|8042|8045", "316", 4 },
  { "Linz", "Oberösterreich", "4020|4030|4040", "732", 3 },
  { "Salzburg", "Salzburg", "5020", "662", 3 },
  { "Innsbruck", "Tirol", "6020", "512", 2 },
  { "Klagenfurt am Wörthersee", "Kärnten", "9020", "463", 1 },
  { "Villach", "Kärnten", "9500", "4242", 1 },
  { "Wels", "Oberösterreich", "4600", "7242", 1 },
  { "St. Pölten", "Niederösterreich", "3100", "2742", 1 },
  { "Dornbirn", "Vorarlberg", "6850", "5572", 1 },
};

static const DemoCity es_cities[] = {
  { "Madrid", "Madrid", "280##", "91#", 16 },
  { "Barcelona", "Barcelona", "080##", "93#", 14 },
  { "Valencia", "Valencia", "460##", "96#", 6 },
  { "Sevilla", "Sevilla", "410##", "954|955", 4 },
  { "Zaragoza", "Zaragoza", "500##", "976", 3 },
  { "Málaga", "Málaga", "290##", "951|952", 3 },
  { "Bilbao", "Bizkaia", "480##", "94#", 3 },
  { "Alicante", "Alicante", "030##", "965|966", 2 },
  { "Murcia", "Murcia", "300##", "968", 2 },
  { "Valladolid", "Valladolid", "470##", "983", 2 },
  { "Palma", "Illes Balears", "070##", "971", 2 },
  { "A Coruña", "A Coruña", "150##", "981", 2 },
  { "Vigo", "Pontevedra", "362##", "986", 2 },
  { "Granada", "Granada", "180##", "958", 1 },
  { "Las Palmas de Gran Canaria", "Las Palmas", "350##", "928", 1 },
  { "Pamplona", "Navarra", "310##", "948", 1 },
  { "San Sebastián", "Gipuzkoa", "200##", "943", 1 },
  { "Santander", "Cantabria", "390##", "942", 1 },
  { "Oviedo", "Asturias", "330##", "985", 1 },
  { "Córdoba", "Córdoba", "140##", "957", 1 },
};

static const DemoCity it_cities[] = {
  { "Milano", "MI", "201##", "02", 14 },
  { "Roma", "RM", "001##", "06", 12 },
  { "Torino", "TO", "101##", "011", 5 },
  { "Napoli", "NA", "801##", "081", 4 },
  { "Bologna", "BO", "401##", "051", 4 },
  { "Firenze", "FI", "501##", "055", 3 },
  { "Genova", "GE", "161##", "010", 2 },
  { "Venezia", "VE", "301##", "041", 2 },
  { "Bari", "BA", "701##", "080", 2 },
  { "Palermo", "PA", "901##", "091", 2 },
  { "Verona", "VR", "371##", "045", 2 },
  { "Padova", "PD", "351##", "049", 2 },
  { "Brescia", "BS", "251##", "030", 2 },
  { "Bergamo", "BG", "241##", "035", 2 },
  { "Trieste", "TS", "341##", "040", 1 },
  { "Catania", "CT", "951##", "095", 1 },
  { "Cagliari", "CA", "091##", "070", 1 },
  { "Parma", "PR", "431##", "0521", 1 },
  { "Modena", "MO", "411##", "059", 1 },
  { "Trento", "TN", "381##", "0461", 1 },
};

static const DemoCity nl_cities[] = {
  { "Amsterdam", NULL, "10%# ??", "20", 12 },
  { "Rotterdam", NULL, "30%# ??", "10", 8 },
  { "Den Haag", NULL, "25%# ??", "70", 6 },
  { "Utrecht", NULL, "35%# ??", "30", 6 },
  { "Eindhoven", NULL, "56%# ??", "40", 4 },
  { "Groningen", NULL, "97%# ??", "50", 2 },
  { "Tilburg", NULL, "50%# ??", "13", 2 },
  { "Almere", NULL, "13%# ??", "36", 2 },
  { "Breda", NULL, "48%# ??", "76", 2 },
  { "Nijmegen", NULL, "65%# ??", "24", 2 },
  { "Haarlem", NULL, "20%# ??", "23", 2 },
  { "Arnhem", NULL, "68%# ??", "26", 2 },
  { "Amersfoort", NULL, "38%# ??", "33", 2 },
  { "Zwolle", NULL, "80%# ??", "38", 1 },
  { "Leiden", NULL, "23%# ??", "71", 1 },
  { "Delft", NULL, "26%# ??", "15", 1 },
  { "'s-Hertogenbosch", NULL, "52%# ??", "73", 1 },
};

static const DemoCity gb_cities[] = {
  { "London", NULL, "EC%? %??|SW% %??|W% %??|N% %??|SE% %??|E% %??|WC%? %??", "20 7946 0", 20 },
  { "Manchester", NULL, "M% %??", "161 496 0", 5 },
  { "Birmingham", NULL, "B% %??", "121 496 0", 5 },
  { "Leeds", NULL, "LS% %??", "113 496 0", 3 },
  { "Sheffield", NULL, "S% %??", "114 496 0", 2 },
  { "Nottingham", NULL, "NG% %??", "115 496 0", 2 },
  { "Leicester", NULL, "LE% %??", "116 496 0", 2 },
  { "Bristol", NULL, "BS% %??", "117 496 0", 3 },
  { "Reading", NULL, "RG% %??", "118 496 0", 3 },
  { "Edinburgh", NULL, "EH% %??", "131 496 0", 3 },
  { "Glasgow", NULL, "G% %??", "141 496 0", 3 },
  { "Liverpool", NULL, "L% %??", "151 496 0", 2 },
  { "Newcastle upon Tyne", NULL, "NE% %??", "191 498 0", 2 },
  { "Cardiff", NULL, "CF% %??", "29 2018 0", 2 },
  { "Belfast", NULL, "BT% %??", "28 9649 6", 2 },
};

static const DemoCity ie_cities[] = {
  { "Dublin", NULL, "D0% ?%?#|D1# ?#?%", "1", 10 },
  { "Cork", NULL, "T12 ?%?#|T23 ?#?%", "21", 3 },
  { "Galway", NULL, "H91 ?%?#", "91", 2 },
  { "Limerick", NULL, "V94 ?%?#", "61", 2 },
  { "Waterford", NULL, "X91 ?%?#", "51", 1 },
};

static const DemoCity pt_cities[] = {
  { "Lisboa", NULL, "1%##-###", "21#", 12 },
  { "Porto", NULL, "40##-###|41##-###", "22#", 7 },
  { "Braga", NULL, "47##-###", "253", 2 },
  { "Coimbra", NULL, "30##-###", "239", 2 },
  { "Aveiro", NULL, "38##-###", "234", 2 },
  { "Faro", NULL, "80##-###", "289", 1 },
  { "Setúbal", NULL, "29##-###", "265", 1 },
  { "Funchal", NULL, "90##-###", "291", 1 },
  { "Leiria", NULL, "24##-###", "244", 1 },
  { "Évora", NULL, "70##-###", "266", 1 },
  { "Viseu", NULL, "35##-###", "232", 1 },
  { "Guimarães", NULL, "48##-###", "253", 1 },
  { "Oeiras", NULL, "27##-###", "21#", 2 },
};

static const DemoCity pl_cities[] = {
  { "Warszawa", NULL, "00-###|01-###|02-###|03-###|04-###", "22", 12 },
  { "Kraków", NULL, "30-###|31-###", "12", 6 },
  { "Wrocław", NULL, "50-###|51-###|52-###|53-###|54-###", "71", 5 },
  { "Poznań", NULL, "60-###|61-###", "61", 4 },
  { "Gdańsk", NULL, "80-###", "58", 4 },
  { "Łódź", NULL, "90-###|91-###|92-###|93-###|94-###", "42", 3 },
  { "Katowice", NULL, "40-###", "32", 3 },
  { "Szczecin", NULL, "70-###|71-###", "91", 2 },
  { "Lublin", NULL, "20-###", "81", 2 },
  { "Bydgoszcz", NULL, "85-###", "52", 2 },
  { "Białystok", NULL, "15-###", "85", 1 },
  { "Gdynia", NULL, "81-###", "58", 2 },
  { "Rzeszów", NULL, "35-###", "17", 1 },
};

static const DemoCity se_cities[] = {
  { "Stockholm", NULL, "11# ##|12# ##|16# ##", "8", 12 },
  { "Göteborg", NULL, "41# ##|40# ##", "31", 6 },
  { "Malmö", NULL, "21# ##|20# ##", "40", 4 },
  { "Uppsala", NULL, "75# ##", "18", 2 },
  { "Västerås", NULL, "72# ##", "21", 1 },
  { "Örebro", NULL, "70# ##", "19", 1 },
  { "Linköping", NULL, "58# ##", "13", 2 },
  { "Helsingborg", NULL, "25# ##", "42", 1 },
  { "Lund", NULL, "22# ##", "46", 2 },
  { "Umeå", NULL, "90# ##", "90", 1 },
};

static const DemoCity dk_cities[] = {
  { "København", NULL, "1%##|2100|2200|2300|2400|2450", "3%", 12 },
  { "Aarhus", NULL, "8000|8200|8210|8220", "8%", 6 },
  { "Odense", NULL, "5000|5200|5230", "6%", 3 },
  { "Aalborg", NULL, "9000|9200|9220", "9%", 3 },
  { "Esbjerg", NULL, "6700", "7%", 1 },
  { "Kolding", NULL, "6000", "7%", 1 },
  { "Vejle", NULL, "7100", "7%", 1 },
  { "Kongens Lyngby", NULL, "2800", "4%", 2 },
  { "Roskilde", NULL, "4000", "4%", 1 },
  { "Horsens", NULL, "8700", "7%", 1 },
};

static const DemoCity no_cities[] = {
  { "Oslo", NULL, "0%##", "2%", 12 },
  { "Bergen", NULL, "50%#", "55", 5 },
  { "Trondheim", NULL, "70%#", "73", 4 },
  { "Stavanger", NULL, "40%#", "51", 4 },
  { "Drammen", NULL, "30%#", "32", 2 },
  { "Kristiansand", NULL, "46%#", "38", 2 },
  { "Tromsø", NULL, "90%#", "77", 1 },
  { "Fredrikstad", NULL, "16%#", "69", 1 },
  { "Sandnes", NULL, "43%#", "51", 1 },
  { "Bodø", NULL, "80%#", "75", 1 },
};

static const DemoCity lu_cities[] = {
  { "Luxembourg", NULL, "L-1%##|L-2%##", "2%", 10 },
  { "Esch-sur-Alzette", NULL, "L-4%##", "5%", 3 },
  { "Differdange", NULL, "L-45##", "5%", 1 },
  { "Dudelange", NULL, "L-34##", "5%", 1 },
  { "Strassen", NULL, "L-80##", "2%", 2 },
  { "Bertrange", NULL, "L-80##", "2%", 1 },
  { "Leudelange", NULL, "L-33##", "2%", 1 },
  { "Ettelbruck", NULL, "L-90##", "8%", 1 },
};

static const DemoCity us_cities[] = {
  { "New York", "NY", "100##|101##", "212|646|917", 12 },
  { "San Francisco", "CA", "941##", "415|628", 8 },
  { "Chicago", "IL", "606##", "312|773", 7 },
  { "Boston", "MA", "021##", "617|857", 5 },
  { "Seattle", "WA", "981##", "206", 5 },
  { "Austin", "TX", "787##", "512|737", 5 },
  { "Los Angeles", "CA", "900##", "213|310|323", 7 },
  { "Atlanta", "GA", "303##", "404|678", 4 },
  { "Denver", "CO", "802##", "303|720", 3 },
  { "Dallas", "TX", "752##", "214|469", 4 },
  { "Miami", "FL", "331##", "305|786", 3 },
  { "Washington", "DC", "200##", "202", 4 },
  { "Phoenix", "AZ", "850##", "602|480", 2 },
  { "Minneapolis", "MN", "554##", "612", 2 },
  { "San Jose", "CA", "951##", "408|669", 3 },
  { "Raleigh", "NC", "276##", "919", 2 },
  { "Philadelphia", "PA", "191##", "215|267", 3 },
  { "Houston", "TX", "770##", "713|832", 4 },
  { "San Diego", "CA", "921##", "619|858", 2 },
  { "Portland", "OR", "972##", "503|971", 2 },
};

static const DemoCity ca_en_cities[] = {
  { "Toronto", "ON", "M%? %?%", "416|647", 12 },
  { "Vancouver", "BC", "V%? %?%", "604|778", 6 },
  { "Calgary", "AB", "T%? %?%", "403|587", 4 },
  { "Ottawa", "ON", "K%? %?%", "613|343", 4 },
  { "Edmonton", "AB", "T%? %?%", "780|587", 3 },
  { "Winnipeg", "MB", "R%? %?%", "204", 2 },
  { "Halifax", "NS", "B%? %?%", "902", 1 },
  { "Mississauga", "ON", "L%? %?%", "905|289", 3 },
  { "Waterloo", "ON", "N%? %?%", "519|226", 2 },
  { "Victoria", "BC", "V%? %?%", "250", 1 },
};

static const DemoCity ca_fr_cities[] = {
  { "Montréal", "QC", "H%? %?%", "514|438", 12 },
  { "Québec", "QC", "G%? %?%", "418|581", 5 },
  { "Laval", "QC", "H%? %?%", "450|579", 3 },
  { "Gatineau", "QC", "J%? %?%", "819|873", 2 },
  { "Sherbrooke", "QC", "J%? %?%", "819|873", 2 },
  { "Longueuil", "QC", "J%? %?%", "450|579", 2 },
  { "Trois-Rivières", "QC", "G%? %?%", "819|873", 1 },
};

static const DemoCity br_cities[] = {
  { "São Paulo", "SP", "0%###-###", "11", 16 },
  { "Rio de Janeiro", "RJ", "20###-###|21###-###|22###-###", "21", 8 },
  { "Belo Horizonte", "MG", "30###-###|31###-###", "31", 4 },
  { "Porto Alegre", "RS", "90###-###|91###-###", "51", 3 },
  { "Curitiba", "PR", "80###-###|81###-###", "41", 3 },
  { "Brasília", "DF", "70###-###|71###-###", "61", 3 },
  { "Recife", "PE", "50###-###", "81", 2 },
  { "Salvador", "BA", "40###-###|41###-###", "71", 2 },
  { "Fortaleza", "CE", "60###-###", "85", 2 },
  { "Campinas", "SP", "13###-###", "19", 2 },
  { "Florianópolis", "SC", "88###-###", "48", 2 },
  { "Goiânia", "GO", "74###-###", "62", 1 },
  { "Manaus", "AM", "69###-###", "92", 1 },
};

static const DemoCity ma_cities[] = {
  { "Casablanca", NULL, "20###", "522", 14 },
  { "Rabat", NULL, "10###", "537", 6 },
  { "Marrakech", NULL, "40###", "524", 4 },
  { "Tanger", NULL, "90###", "539", 4 },
  { "Fès", NULL, "30###", "535", 3 },
  { "Agadir", NULL, "80###", "528", 2 },
  { "Meknès", NULL, "50###", "535", 1 },
  { "Oujda", NULL, "60###", "536", 1 },
  { "Kénitra", NULL, "14###", "537", 1 },
  { "Tétouan", NULL, "93###", "539", 1 },
};

/* Legal forms, the common ones repeated so that they are drawn more often. */
static const char * const legal_fr[] = { "SAS", "SAS", "SARL", "SARL", "SA", "SASU", "EURL" };
static const char * const legal_be_fr[] = { "SRL", "SRL", "SA" };
static const char * const legal_be_nl[] = { "BV", "BV", "NV" };
static const char * const legal_ch_de[] = { "AG", "GmbH" };
static const char * const legal_ch_fr[] = { "SA", "Sàrl" };
static const char * const legal_ch_it[] = { "SA", "Sagl" };
static const char * const legal_de[] = { "GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "e.K." };
static const char * const legal_at[] = { "GmbH", "GmbH", "AG", "KG", "e.U." };
static const char * const legal_es[] = { "S.L.", "S.L.", "S.A.", "S.L.U." };
static const char * const legal_it[] = { "S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s." };
static const char * const legal_nl[] = { "B.V.", "B.V.", "N.V." };
static const char * const legal_gb[] = { "Ltd", "Ltd", "Ltd", "plc", "LLP" };
static const char * const legal_ie[] = { "Ltd", "Ltd", "DAC" };
static const char * const legal_pt[] = { "Lda.", "Lda.", "S.A." };
static const char * const legal_br[] = { "Ltda.", "Ltda.", "S.A." };
static const char * const legal_pl[] = { "Sp. z o.o.", "Sp. z o.o.", "S.A.", "sp.j." };
static const char * const legal_se[] = { "AB" };
static const char * const legal_dk[] = { "A/S", "ApS" };
static const char * const legal_no[] = { "AS", "AS", "ASA" };
static const char * const legal_lu[] = { "S.à r.l.", "S.A." };
static const char * const legal_us[] = { "Inc.", "Inc.", "LLC", "Corp." };
static const char * const legal_ca_en[] = { "Inc.", "Ltd.", "Corp." };
static const char * const legal_ca_fr[] = { "inc.", "Ltée" };
static const char * const legal_ma[] = { "SARL", "SARL", "SA", "SARL AU" };

/* Addresses that people fill in web forms when they do not give a work one. */
static const char * const freemail_fr[] = { "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr", "yahoo.fr" };
static const char * const freemail_de[] = { "gmail.com", "gmx.de", "web.de", "t-online.de", "outlook.de", "posteo.de" };
static const char * const freemail_at[] = { "gmx.at", "gmail.com", "aon.at", "chello.at" };
static const char * const freemail_ch[] = { "bluewin.ch", "gmail.com", "gmx.ch", "hispeed.ch" };
static const char * const freemail_es[] = { "gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es" };
static const char * const freemail_it[] = { "gmail.com", "libero.it", "virgilio.it", "tiscali.it", "alice.it" };
static const char * const freemail_be[] = { "gmail.com", "skynet.be", "telenet.be", "proximus.be", "hotmail.be" };
static const char * const freemail_nl[] = { "gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl" };
static const char * const freemail_gb[] = { "gmail.com", "btinternet.com", "hotmail.co.uk", "outlook.com", "sky.com", "yahoo.co.uk" };
static const char * const freemail_ie[] = { "gmail.com", "eircom.net", "hotmail.com" };
static const char * const freemail_pt[] = { "gmail.com", "sapo.pt", "hotmail.com", "outlook.pt" };
static const char * const freemail_pl[] = { "gmail.com", "wp.pl", "o2.pl", "onet.pl", "interia.pl" };
static const char * const freemail_se[] = { "gmail.com", "telia.com", "hotmail.se", "outlook.com" };
static const char * const freemail_dk[] = { "gmail.com", "mail.dk", "hotmail.dk", "outlook.dk" };
static const char * const freemail_no[] = { "gmail.com", "online.no", "hotmail.no" };
static const char * const freemail_lu[] = { "gmail.com", "pt.lu", "internet.lu" };
static const char * const freemail_us[] = { "gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com" };
static const char * const freemail_ca[] = { "gmail.com", "rogers.com", "bell.net", "shaw.ca", "videotron.ca" };
static const char * const freemail_br[] = { "gmail.com", "uol.com.br", "bol.com.br", "terra.com.br", "hotmail.com" };
static const char * const freemail_ma[] = { "gmail.com", "menara.ma", "hotmail.fr", "yahoo.fr" };

/* The languages that have their own program names and notes. */
typedef enum {
  LANG_FR,
  LANG_FR_CA,  /* same notes, events of their own */
  LANG_FR_MA,
  LANG_EN,     /* British Isles */
  LANG_EN_NA,  /* North America */
  LANG_DE,
  LANG_ES,
  LANG_IT,
  LANG_PT,
  LANG_PT_BR,
  LANG_NL,
  LANG_PL,
  LANG_NORDIC,
  N_LANGS
} DemoLang;

/* One language community of a country: Flemish and Walloon Belgium, the three
 * Swiss regions, Québec and English Canada. Cities belong to one locale, so
 * that a lead from Gent writes Dutch and one from Liège French. */
typedef struct {
  const char         *language;      /* ISO 639-1 */
  DemoLang            lang;
  guint               weight;        /* share of the country's leads */
  const DemoCulture  *culture;
  const DemoCulture  *alt_culture;   /* names of a community within it, or NULL */
  guint               alt_percent;
  const DemoCity     *cities;
  guint               n_cities;
  const char * const *legal_forms;
  guint               n_legal_forms;
} DemoLocale;

#define LOCALE(language, lang, weight, culture, alt, alt_percent, cities, legal) \
  { language, lang, weight, culture, alt, alt_percent, TABLE (cities), TABLE (legal) }

static const DemoLocale fr_locales[] = { LOCALE ("fr", LANG_FR, 1, &culture_fr, &culture_ma, 7, fr_cities, legal_fr) };
static const DemoLocale de_locales[] = { LOCALE ("de", LANG_DE, 1, &culture_de, NULL, 0, de_cities, legal_de) };
static const DemoLocale at_locales[] = { LOCALE ("de", LANG_DE, 1, &culture_de, NULL, 0, at_cities, legal_at) };
static const DemoLocale es_locales[] = { LOCALE ("es", LANG_ES, 1, &culture_es, NULL, 0, es_cities, legal_es) };
static const DemoLocale it_locales[] = { LOCALE ("it", LANG_IT, 1, &culture_it, NULL, 0, it_cities, legal_it) };
static const DemoLocale nl_locales[] = { LOCALE ("nl", LANG_NL, 1, &culture_nl, NULL, 0, nl_cities, legal_nl) };
static const DemoLocale gb_locales[] = { LOCALE ("en", LANG_EN, 1, &culture_gb, NULL, 0, gb_cities, legal_gb) };
static const DemoLocale ie_locales[] = { LOCALE ("en", LANG_EN, 1, &culture_ie, &culture_gb, 20, ie_cities, legal_ie) };
static const DemoLocale pt_locales[] = { LOCALE ("pt", LANG_PT, 1, &culture_pt, NULL, 0, pt_cities, legal_pt) };
static const DemoLocale pl_locales[] = { LOCALE ("pl", LANG_PL, 1, &culture_pl, NULL, 0, pl_cities, legal_pl) };
static const DemoLocale se_locales[] = { LOCALE ("sv", LANG_NORDIC, 1, &culture_sv, NULL, 0, se_cities, legal_se) };
static const DemoLocale dk_locales[] = { LOCALE ("da", LANG_NORDIC, 1, &culture_da, NULL, 0, dk_cities, legal_dk) };
static const DemoLocale no_locales[] = { LOCALE ("no", LANG_NORDIC, 1, &culture_no, NULL, 0, no_cities, legal_no) };
static const DemoLocale us_locales[] = { LOCALE ("en", LANG_EN_NA, 1, &culture_us, &culture_es, 12, us_cities, legal_us) };
static const DemoLocale br_locales[] = { LOCALE ("pt", LANG_PT_BR, 1, &culture_br, NULL, 0, br_cities, legal_br) };
static const DemoLocale ma_locales[] = { LOCALE ("fr", LANG_FR_MA, 1, &culture_ma, NULL, 0, ma_cities, legal_ma) };
static const DemoLocale be_locales[] = {
  LOCALE ("fr", LANG_FR, 55, &culture_be_fr, &culture_ma, 6, be_fr_cities, legal_be_fr),
  LOCALE ("nl", LANG_NL, 45, &culture_be_nl, NULL, 0, be_nl_cities, legal_be_nl),
};
static const DemoLocale ch_locales[] = {
  LOCALE ("de", LANG_DE, 63, &culture_ch_de, &culture_it, 6, ch_de_cities, legal_ch_de),
  LOCALE ("fr", LANG_FR, 30, &culture_ch_fr, NULL, 0, ch_fr_cities, legal_ch_fr),
  LOCALE ("it", LANG_IT, 7, &culture_it, NULL, 0, ch_it_cities, legal_ch_it),
};
static const DemoLocale lu_locales[] = {
  LOCALE ("fr", LANG_FR, 60, &culture_fr, &culture_pt, 15, lu_cities, legal_lu),
  LOCALE ("de", LANG_DE, 40, &culture_lu_de, NULL, 0, lu_cities, legal_lu),
};
static const DemoLocale ca_locales[] = {
  LOCALE ("en", LANG_EN_NA, 75, &culture_us, NULL, 0, ca_en_cities, legal_ca_en),
  LOCALE ("fr", LANG_FR_CA, 25, &culture_qc, NULL, 0, ca_fr_cities, legal_ca_fr),
};

typedef struct {
  const char         *code;           /* ISO 3166-1 alpha-2 */
  guint               weight;         /* share of all leads and partners */
  const char         *currency;       /* ISO 4217 */
  const char         *tld;
  const char         *landline;
  const char         *mobile;
  guint               mobile_percent; /* of the numbers leads give */
  const char         *neighbors;      /* countries a partner there may also serve */
  DemoOwner           owner;          /* the channel managers of the territory */
  DemoOwner           second_owner;
  const char * const *freemail;
  guint               n_freemail;
  const DemoLocale   *locales;
  guint               n_locales;
} DemoCountry;

#define COUNTRY(code, weight, currency, tld, landline, mobile, mobile_percent, neighbors, owner, second_owner, freemail, locales) \
  { code, weight, currency, tld, landline, mobile, mobile_percent, neighbors, owner, second_owner, TABLE (freemail), TABLE (locales) }

/* France first: it is the fallback for unknown codes. */
static const DemoCountry countries[] = {
  COUNTRY ("FR", 30, "EUR", "fr", "+33 @ ## ## ## ##", "+33 6 ## ## ## ##|+33 7 ## ## ## ##", 45,
           "BE,CH,LU,MA,ES,DE", OWNER_CLAIRE, OWNER_THOMAS, freemail_fr, fr_locales),
  COUNTRY ("DE", 12, "EUR", "de", "+49 @ %######", "+49 151 ########|+49 160 #######|+49 170 #######|+49 171 #######|+49 176 ########", 40,
           "AT,CH,NL,PL,LU,DK", OWNER_MARKUS, OWNER_MARKUS, freemail_de, de_locales),
  COUNTRY ("ES", 8, "EUR", "es", "+34 @ ### ###", "+34 6## ### ###|+34 6## ### ###|+34 6## ### ###|+34 71# ### ###|+34 72# ### ###", 55,
           "PT,FR,MA", OWNER_LUCIA, OWNER_LUCIA, freemail_es, es_locales),
  COUNTRY ("IT", 8, "EUR", "it", "+39 @ ### ####", "+39 32# ### ####|+39 33# ### ####|+39 34# ### ####|+39 35# ### ####|+39 36# ### ####|+39 38# ### ####|+39 39# ### ####", 50,
           "CH,FR,AT", OWNER_LUCIA, OWNER_THOMAS, freemail_it, it_locales),
  COUNTRY ("BE", 5, "EUR", "be", "+32 @", "+32 47# ## ## ##|+32 48# ## ## ##|+32 49# ## ## ##", 45,
           "NL,LU,FR,DE", OWNER_THOMAS, OWNER_THOMAS, freemail_be, be_locales),
  COUNTRY ("CH", 4, "CHF", "ch", "+41 @ ### ## ##", "+41 76 ### ## ##|+41 77 ### ## ##|+41 78 ### ## ##|+41 79 ### ## ##", 40,
           "DE,AT,FR,IT", OWNER_MARKUS, OWNER_THOMAS, freemail_ch, ch_locales),
  COUNTRY ("NL", 5, "EUR", "nl", "+31 @ ### ####", "+31 6 #### ####", 45,
           "BE,LU,DE", OWNER_THOMAS, OWNER_MARKUS, freemail_nl, nl_locales),
  COUNTRY ("GB", 6, "GBP", "co.uk", "+44 @###", "+44 7700 900###", 40,
           "IE,US", OWNER_SOPHIE, OWNER_SOPHIE, freemail_gb, gb_locales),
  COUNTRY ("PT", 3, "EUR", "pt", "+351 @ ### ###", "+351 91# ### ###|+351 92# ### ###|+351 93# ### ###|+351 96# ### ###", 55,
           "ES,BR", OWNER_LUCIA, OWNER_LUCIA, freemail_pt, pt_locales),
  COUNTRY ("PL", 3, "PLN", "pl", "+48 @ ### ## ##", "+48 5## ### ###|+48 6## ### ###|+48 7## ### ###|+48 88# ### ###", 60,
           "DE", OWNER_MARKUS, OWNER_MARKUS, freemail_pl, pl_locales),
  COUNTRY ("SE", 2, "SEK", "se", "+46 @ ### ## ##", "+46 70 ### ## ##|+46 72 ### ## ##|+46 73 ### ## ##|+46 76 ### ## ##", 50,
           "NO,DK", OWNER_SOPHIE, OWNER_MARKUS, freemail_se, se_locales),
  COUNTRY ("AT", 2, "EUR", "at", "+43 @ %#####", "+43 664 #######|+43 660 #######|+43 676 #######|+43 699 ########", 40,
           "DE,CH", OWNER_MARKUS, OWNER_MARKUS, freemail_at, at_locales),
  COUNTRY ("US", 5, "USD", "com", "+1 @-555-01##", "+1 @-555-01##", 50,
           "CA", OWNER_SOPHIE, OWNER_SOPHIE, freemail_us, us_locales),
  COUNTRY ("CA", 2, "CAD", "ca", "+1 @-555-01##", "+1 @-555-01##", 50,
           "US", OWNER_SOPHIE, OWNER_CLAIRE, freemail_ca, ca_locales),
  COUNTRY ("BR", 2, "BRL", "com.br", "+55 @ 3###-####", "+55 @ 9####-####", 60,
           "PT", OWNER_LUCIA, OWNER_LUCIA, freemail_br, br_locales),
  COUNTRY ("MA", 2, "MAD", "ma", "+212 @-######", "+212 6##-######|+212 7##-######", 55,
           "FR,ES", OWNER_CLAIRE, OWNER_CLAIRE, freemail_ma, ma_locales),
  COUNTRY ("IE", 1, "EUR", "ie", "+353 @ ### ####", "+353 83 ### ####|+353 85 ### ####|+353 86 ### ####|+353 87 ### ####", 50,
           "GB", OWNER_SOPHIE, OWNER_SOPHIE, freemail_ie, ie_locales),
  COUNTRY ("DK", 1, "DKK", "dk", "+45 @ ## ## ##", "+45 2# ## ## ##|+45 4# ## ## ##|+45 5# ## ## ##|+45 6# ## ## ##", 60,
           "SE,NO,DE", OWNER_SOPHIE, OWNER_MARKUS, freemail_dk, dk_locales),
  COUNTRY ("NO", 1, "NOK", "no", "+47 @ ## ## ##", "+47 4## ## ###|+47 9## ## ###", 60,
           "SE,DK", OWNER_SOPHIE, OWNER_SOPHIE, freemail_no, no_locales),
  COUNTRY ("LU", 1, "EUR", "lu", "+352 @ ## ## ##", "+352 621 ### ###|+352 661 ### ###|+352 691 ### ###", 40,
           "BE,FR,DE", OWNER_THOMAS, OWNER_CLAIRE, freemail_lu, lu_locales),
};

/* ------------------------------------------------------------------------ */
/* Programs and notes, by language                                          */
/* ------------------------------------------------------------------------ */

/* {Y} becomes the year of the lead: a lead of last December came from last
 * year's fair. */
static const char * const fr_events[] = {
  "Salon VivaTech {Y}", "Forum InCyber Lille {Y}", "Big Data & AI Paris {Y}",
  "Journée Partenaires Lyon {Y}", "Rencontres Cloud Souverain {Y}", "Salon Solutions ERP {Y}",
  "Assises de la Cybersécurité Monaco {Y}", "Tour de France du Cloud – Bordeaux",
  "Matinale Cybersécurité Nantes",
};
static const char * const fr_ca_events[] = {
  "Forum Cybersécurité Montréal {Y}", "Journée Partenaires Québec {Y}",
  "Sommet Infonuagique Montréal {Y}",
};
static const char * const fr_ma_events[] = {
  "GITEX Africa Marrakech {Y}", "Forum Digital Casablanca {Y}", "Journée Cloud Rabat {Y}",
};
static const char * const fr_webinars[] = {
  "Webinaire Sécurité Zero Trust", "Webinaire Migration Cloud",
  "Webinaire IA générative pour les PME", "Webinaire NIS2 : êtes-vous prêts ?",
  "Webinaire SD-WAN en 30 minutes",
};
static const char * const fr_campaigns[] = {
  "Campagne Rentrée PME {Y}", "Offre de printemps SD-WAN", "Programme Modernisation ERP",
  "Campagne Fin d'année {Y}", "Opération Cyber-résilience",
};

static const char * const en_events[] = {
  "Cloud Expo Europe London {Y}", "Infosecurity Europe {Y}", "Big Data LDN {Y}",
  "Partner Kick-off {Y}", "Dublin Tech Summit {Y}", "Manchester Cyber Day {Y}",
};
static const char * const en_na_events[] = {
  "Channel Partners Expo Las Vegas {Y}", "Tech Summit Toronto {Y}", "Cloud Summit New York {Y}",
  "Data & AI World Tour – Boston", "Partner Kick-off {Y}", "Montréal Cyber Forum {Y}",
};
static const char * const en_webinars[] = {
  "Zero Trust Webinar Series", "AI Readiness Webinar", "Cloud Cost Optimisation Webinar",
  "NIS2 in 45 Minutes",
};
static const char * const en_campaigns[] = {
  "Q4 Security Promotion {Y}", "Cloud Migration Accelerator", "Modern Workplace Campaign",
  "Spring Networking Offer",
};

static const char * const de_events[] = {
  "it-sa Nürnberg {Y}", "Hannover Messe {Y}", "DACH Partner-Roadshow {Y}",
  "Cloud Summit München {Y}", "Mittelstandstag Stuttgart {Y}",
};
static const char * const de_webinars[] = {
  "Webinar Cloud-Migration für den Mittelstand", "NIS2-Webinar",
  "Webinar Zero Trust in der Praxis",
};
static const char * const de_campaigns[] = {
  "Zero-Trust-Kampagne {Y}", "Frühjahrsaktion Netzwerk", "Digitalbonus Mittelstand",
};

static const char * const es_events[] = {
  "Cloud Summit Madrid", "Mobile World Congress Barcelona {Y}",
  "Foro Ciberseguridad Bilbao {Y}", "Digital Enterprise Show Málaga {Y}",
  "Jornada Partners Valencia {Y}",
};
static const char * const es_webinars[] = {
  "Webinar Ciberseguridad para PYMES", "Webinar Migración a la Nube",
  "Webinar IA para empresas",
};
static const char * const es_campaigns[] = {
  "Campaña Kit Digital", "Campaña Vuelta al Cole Empresas {Y}", "Promoción Primavera Redes",
};

static const char * const it_events[] = {
  "Smau Milano {Y}", "Cybertech Europe Roma {Y}", "Forum Cloud Italia {Y}",
  "Giornata Partner Bologna {Y}",
};
static const char * const it_webinars[] = { "Webinar Sicurezza Cloud", "Webinar IA per le PMI" };
static const char * const it_campaigns[] = { "Campagna Transizione 5.0", "Promozione Primavera Reti" };

static const char * const pt_events[] = {
  "Web Summit Lisboa {Y}", "Encontro de Parceiros Porto {Y}", "Portugal Digital Summit {Y}",
};
static const char * const pt_br_events[] = {
  "Futurecom São Paulo {Y}", "Rio Info {Y}", "Encontro de Parceiros São Paulo {Y}",
};
static const char * const pt_webinars[] = { "Webinar Segurança Zero Trust", "Webinar Migração para a Nuvem" };
static const char * const pt_campaigns[] = { "Campanha Nuvem para PME", "Campanha Digitalização {Y}" };

static const char * const nl_events[] = { "ICT Partnerdag Utrecht {Y}", "Cybersec Netherlands {Y}" };
static const char * const nl_webinars[] = { "Webinar Zero Trust", "Webinar Cloudmigratie" };
static const char * const nl_campaigns[] = { "Campagne Cloudmigratie", "Voorjaarsactie Netwerk" };

static const char * const pl_events[] = { "Cloud Summit Warszawa {Y}", "Forum Bezpieczeństwa IT Kraków {Y}" };
static const char * const pl_webinars[] = { "Webinar Bezpieczeństwo w chmurze", "Webinar NIS2 w praktyce" };
static const char * const pl_campaigns[] = { "Kampania Chmura dla MŚP" };

static const char * const nordic_events[] = {
  "Nordic Cloud Days Stockholm {Y}", "TechBBQ København {Y}", "Oslo Innovation Week {Y}",
};
static const char * const nordic_webinars[] = { "Webinar: Zero Trust", "Webinar: Cloud Security" };
static const char * const nordic_campaigns[] = { "Nordic Cloud Campaign {Y}" };

static const struct {
  const char * const *names;
  guint               n_names;
} program_tables[N_LANGS][N_PROGRAM_KINDS] = {
#define PROGRAMS(lang, prefix) \
  [lang] = { { TABLE (prefix##_events) }, { TABLE (prefix##_webinars) }, { TABLE (prefix##_campaigns) } }
  PROGRAMS (LANG_FR, fr),
  [LANG_FR_CA] = { { TABLE (fr_ca_events) }, { TABLE (fr_webinars) }, { TABLE (fr_campaigns) } },
  [LANG_FR_MA] = { { TABLE (fr_ma_events) }, { TABLE (fr_webinars) }, { TABLE (fr_campaigns) } },
  PROGRAMS (LANG_EN, en),
  [LANG_EN_NA] = { { TABLE (en_na_events) }, { TABLE (en_webinars) }, { TABLE (en_campaigns) } },
  PROGRAMS (LANG_DE, de),
  PROGRAMS (LANG_ES, es),
  PROGRAMS (LANG_IT, it),
  PROGRAMS (LANG_PT, pt),
  [LANG_PT_BR] = { { TABLE (pt_br_events) }, { TABLE (pt_webinars) }, { TABLE (pt_campaigns) } },
  PROGRAMS (LANG_NL, nl),
  PROGRAMS (LANG_PL, pl),
  PROGRAMS (LANG_NORDIC, nordic),
#undef PROGRAMS
};

/* Notes that channel managers and partner reps write on leads; {listing} is
 * the lead's listing. */
static const char * const fr_notes[] = {
  "Rappelé le client, rendez-vous fixé jeudi.",
  "Budget confirmé par le DSI.",
  "Le client souhaite une démo avant la fin du mois.",
  "Devis envoyé, relance prévue dans une semaine.",
  "Pas de réponse au téléphone, message laissé.",
  "Projet décalé au prochain trimestre.",
  "Intéressé par {listing}, demande des références clients.",
  "Appel de découverte fait : 3 sites à équiper.",
  "Le décideur est le directeur financier, pas le DSI.",
  "Contact très réactif, POC à planifier.",
  "Concurrent déjà en place, il faudra une offre agressive.",
  "Le client attend la validation de son comité de direction.",
  "Rendez-vous sur site prévu mardi à 10 h.",
  "Doublon possible avec une opportunité existante ?",
  "Demande de tarif pour 250 utilisateurs.",
  "Démo de {listing} faite, très bon accueil de l'équipe technique.",
};

static const char * const en_notes[] = {
  "Called the customer, meeting set for Thursday.",
  "Budget confirmed by the CIO.",
  "Customer wants a demo before the end of the month.",
  "Quote sent, follow-up in one week.",
  "No answer, left a voicemail.",
  "Project pushed to next quarter.",
  "Interested in {listing}; asked for customer references.",
  "Discovery call done: 3 sites to equip.",
  "The decision maker is the CFO, not IT.",
  "Very responsive contact, POC to schedule.",
  "Competitor already in place, will need an aggressive offer.",
  "Waiting for board approval.",
  "On-site meeting booked for Tuesday 10 am.",
  "Possible duplicate of an existing opportunity?",
  "Asked for pricing for 250 users.",
};

static const char * const de_notes[] = {
  "Kunde zurückgerufen, Termin am Donnerstag vereinbart.",
  "Budget vom IT-Leiter bestätigt.",
  "Kunde wünscht eine Demo bis Monatsende.",
  "Angebot verschickt, Nachfassen in einer Woche.",
  "Nicht erreicht, Nachricht auf der Mailbox hinterlassen.",
  "Projekt ins nächste Quartal verschoben.",
  "Interesse an {listing}, bittet um Referenzkunden.",
  "Entscheidung liegt beim Geschäftsführer.",
};

static const char * const es_notes[] = {
  "Cliente contactado, reunión fijada el jueves.",
  "Presupuesto confirmado por el director de sistemas.",
  "El cliente quiere una demo antes de fin de mes.",
  "Oferta enviada, seguimiento en una semana.",
  "No contesta, mensaje de voz dejado.",
  "Proyecto aplazado al próximo trimestre.",
  "Interesado en {listing}, pide referencias de clientes.",
  "Visita in situ prevista el martes a las 10:00.",
};

static const char * const it_notes[] = {
  "Richiamato il cliente, appuntamento fissato per giovedì.",
  "Budget confermato dal responsabile IT.",
  "Il cliente vuole una demo entro fine mese.",
  "Offerta inviata, follow-up tra una settimana.",
  "Interessato a {listing}, chiede referenze.",
};

static const char * const pt_notes[] = {
  "Reunião marcada com o cliente para quinta-feira.",
  "Orçamento confirmado pelo diretor de TI.",
  "Proposta enviada, acompanhamento dentro de uma semana.",
  "Interessado em {listing}, pede referências de clientes.",
};

static const char * const nl_notes[] = {
  "Klant teruggebeld, afspraak op donderdag.",
  "Budget bevestigd door de IT-manager.",
  "Offerte verstuurd, opvolging over een week.",
  "Interesse in {listing}, vraagt om referenties.",
};

static const struct {
  const char * const *notes;
  guint               n_notes;
} note_tables[N_LANGS] = {
  [LANG_FR] = { TABLE (fr_notes) },
  [LANG_FR_CA] = { TABLE (fr_notes) },
  [LANG_FR_MA] = { TABLE (fr_notes) },
  [LANG_EN] = { TABLE (en_notes) },
  [LANG_EN_NA] = { TABLE (en_notes) },
  [LANG_DE] = { TABLE (de_notes) },
  [LANG_ES] = { TABLE (es_notes) },
  [LANG_IT] = { TABLE (it_notes) },
  [LANG_PT] = { TABLE (pt_notes) },
  [LANG_PT_BR] = { TABLE (pt_notes) },
  [LANG_NL] = { TABLE (nl_notes) },
  [LANG_PL] = { NULL, 0 },      /* the team writes English there */
  [LANG_NORDIC] = { NULL, 0 },
};

/* What channel managers keep in mind about a partner. */
static const char * const partner_notes[] = {
  "Partenaire historique, très réactif sur les leads PME.",
  "Certifié SD-WAN depuis 2021.",
  "Revue trimestrielle prévue avec le dirigeant.",
  "Excellent taux de conversion sur la sécurité.",
  "Demande plus de leads sur le secteur public.",
  "Délais de réponse à surveiller : plusieurs leads en retard le mois dernier.",
  "Capacité réduite en août.",
  "Prefers leads above 50k; strong public-sector references.",
  "New partner, onboarding in progress.",
  "Covers the whole region with two offices and a 24/7 support desk.",
  "Joint webinar planned next quarter.",
  "Strong Linux and hybrid cloud skills.",
  "Good win rate on ERP projects, slow on first contact.",
  "Ask the admin before sending more than 20 leads a week.",
};

/* ------------------------------------------------------------------------ */
/* The generator                                                            */
/* ------------------------------------------------------------------------ */

struct _RelaisDemoData
{
  GRand      *rand;
  gint64      now;
  gint64      year_start;       /* 1 January of now's year, 00:00 UTC */
  guint       country_weights;  /* sum of countries[].weight */

  /* Composed strings are built in these buffers and copied by the setters:
   * fill_lead runs a million times and allocates nothing else. */
  GString    *company;
  GString    *domain;
  GString    *text;
  GString    *surname;
  char        uuid[37];

  /* The program names with their year filled in: for template i of
   * program_tables[lang][kind], entry program_base[lang][kind] + 2 i holds this
   * year's name and the next one last year's. */
  GPtrArray  *programs;
  guint       program_base[N_LANGS][N_PROGRAM_KINDS];

  GHashTable *partner_names;    /* names given so far, owned */

  /* Decimal digits left over from the last draw (see rand_digit()). */
  guint32     digits;
  guint       n_digits;
};

/* A number in [0, n): one draw and a multiplication (Lemire), which keeps
 * fill_lead fast; the bias is below n / 2^32. */
static inline guint32
rand_below (RelaisDemoData *self,
            guint32         n)
{
  return (guint32) (((guint64) g_rand_int (self->rand) * n) >> 32);
}

static inline gboolean
rand_percent (RelaisDemoData *self,
              guint           percent)
{
  return rand_below (self, 100) < percent;
}

/* A number in [0, 1) from a single draw (g_rand_double() takes two). */
static inline double
rand_unit (RelaisDemoData *self)
{
  return g_rand_int (self->rand) * (1.0 / 4294967296.0);
}

/* A duration in [0, span) microseconds. */
static gint64
rand_span (RelaisDemoData *self,
           gint64          span)
{
  if (span <= 0)
    return 0;
  return (gint64) (rand_unit (self) * (double) span);
}

#define PICK(self, table, n) ((table)[rand_below ((self), (n))])

/* Phone numbers and postal codes take many digits: six from each draw. */
static inline guint
rand_digit (RelaisDemoData *self)
{
  guint digit;

  if (self->n_digits == 0)
    {
      self->digits = rand_below (self, 1000000);
      self->n_digits = 6;
    }

  digit = self->digits % 10;
  self->digits /= 10;
  self->n_digits--;

  return digit;
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static guint
pick_weighted (RelaisDemoData *self,
               const guint    *weights,
               guint           n)
{
  guint total = 0, roll;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  roll = rand_below (self, total);
  for (guint i = 0; i < n; i++)
    {
      if (roll < weights[i])
        return i;
      roll -= weights[i];
    }

  g_assert_not_reached ();
  return 0;
}

static const DemoCountry *
pick_country (RelaisDemoData *self)
{
  guint roll = rand_below (self, self->country_weights);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (roll < countries[i].weight)
        return &countries[i];
      roll -= countries[i].weight;
    }

  g_assert_not_reached ();
  return &countries[0];
}

static const DemoLocale *
pick_locale (RelaisDemoData    *self,
             const DemoCountry *country)
{
  guint total = 0, roll;

  if (country->n_locales == 1)
    return &country->locales[0];

  for (guint i = 0; i < country->n_locales; i++)
    total += country->locales[i].weight;

  roll = rand_below (self, total);
  for (guint i = 0; i < country->n_locales; i++)
    {
      if (roll < country->locales[i].weight)
        return &country->locales[i];
      roll -= country->locales[i].weight;
    }

  g_assert_not_reached ();
  return &country->locales[0];
}

static const DemoCulture *
pick_culture (RelaisDemoData   *self,
              const DemoLocale *locale)
{
  if (locale->alt_culture != NULL && rand_percent (self, locale->alt_percent))
    return locale->alt_culture;
  return locale->culture;
}

static const DemoCity *
pick_city (RelaisDemoData   *self,
           const DemoLocale *locale)
{
  guint total = 0, roll;

  for (guint i = 0; i < locale->n_cities; i++)
    total += locale->cities[i].weight;

  roll = rand_below (self, total);
  for (guint i = 0; i < locale->n_cities; i++)
    {
      if (roll < locale->cities[i].weight)
        return &locale->cities[i];
      roll -= locale->cities[i].weight;
    }

  g_assert_not_reached ();
  return &locale->cities[0];
}

static const DemoCountry *
find_country (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_strcmp0 (countries[i].code, code) == 0)
      return &countries[i];

  return &countries[0];
}

/* The locale of a country that has city_name, or NULL. */
static const DemoLocale *
find_locale_of_city (const DemoCountry  *country,
                     const char         *city_name,
                     const DemoCity    **city_out)
{
  for (guint l = 0; l < country->n_locales; l++)
    for (guint c = 0; c < country->locales[l].n_cities; c++)
      if (g_strcmp0 (country->locales[l].cities[c].name, city_name) == 0)
        {
          *city_out = &country->locales[l].cities[c];
          return &country->locales[l];
        }

  return NULL;
}

static DemoLang
lang_for_code (const char *language)
{
  static const struct {
    const char *code;
    DemoLang    lang;
  } codes[] = {
    { "fr", LANG_FR }, { "en", LANG_EN }, { "de", LANG_DE }, { "es", LANG_ES },
    { "it", LANG_IT }, { "pt", LANG_PT }, { "nl", LANG_NL }, { "pl", LANG_PL },
    { "sv", LANG_NORDIC }, { "da", LANG_NORDIC }, { "no", LANG_NORDIC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_strcmp0 (codes[i].code, language) == 0)
      return codes[i].lang;

  return LANG_EN;
}

/* A version 4 UUID from the seeded stream (relais_uuid_new() would make every
 * demo store different). Points into self, valid until the next call. */
static const char *
next_uuid (RelaisDemoData *self)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *p = self->uuid;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (self->rand);

      bytes[i] = r >> 24;
      bytes[i + 1] = r >> 16;
      bytes[i + 2] = r >> 8;
      bytes[i + 3] = r;
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';

  return self->uuid;
}

static void
append_uint (GString *out,
             guint    value)
{
  char digits[12];
  guint n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* Expands a postal code or phone template (see DemoCity). */
static void
append_template (RelaisDemoData *self,
                 GString        *out,
                 const char     *template,
                 const char     *area)
{
  const char *p = template;
  const char *end;
  guint n_alternatives = 1;

  for (const char *q = template; *q != '\0'; q++)
    if (*q == '|')
      n_alternatives++;

  if (n_alternatives > 1)
    for (guint k = rand_below (self, n_alternatives); k > 0; k--)
      p = strchr (p, '|') + 1;

  end = strchr (p, '|');
  if (end == NULL)
    end = p + strlen (p);

  for (; p < end; p++)
    {
      switch (*p)
        {
        case '#':
          g_string_append_c (out, '0' + rand_digit (self));
          break;

        case '%':
          {
            guint digit;

            do
              digit = rand_digit (self);
            while (digit == 0);
            g_string_append_c (out, '0' + digit);
          }
          break;

        case '?':
          g_string_append_c (out, postal_letters[rand_below (self, sizeof postal_letters - 1)]);
          break;

        case '@':
          if (area != NULL)
            append_template (self, out, area, NULL);
          break;

        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

/* Appends the lowercase ASCII letters of c with its accents taken off
 * (é → e, ß → ss, ł → l, ø → o, æ → ae); returns FALSE for anything that is
 * not a letter or a digit of the Latin scripts the demo uses. */
static inline gboolean
append_folded (GString  *out,
               gunichar  c)
{
  /* U+00C0–U+00FF and U+0100–U+017F, one letter each; '*' is spelled out
   * below, '_' is not a letter (× ÷). */
  static const char latin1[] =
    "aaaaaa*c" "eeeeiiii" "dnooooo_" "ouuuuy**"
    "aaaaaa*c" "eeeeiiii" "dnooooo_" "ouuuuy*y";
  static const char latin_ext_a[] =
    "aaaaaacc" "ccccccdd" "ddeeeeee" "eeeegggg" "gggghhhh" "iiiiiiii" "ii**jjkk" "klllllll"
    "lllnnnnn" "nnnnoooo" "oo**rrrr" "rrssssss" "sstttttt" "uuuuuuuu" "uuuuwwyy" "yzzzzzzs";
  char folded;

  G_STATIC_ASSERT (sizeof latin1 == 0x40 + 1);
  G_STATIC_ASSERT (sizeof latin_ext_a == 0x80 + 1);

  if (c < 0x80)
    {
      if (!g_ascii_isalnum (c))
        return FALSE;
      g_string_append_c (out, ascii_lower ((char) c));
      return TRUE;
    }

  if (c >= 0xC0 && c <= 0xFF)
    folded = latin1[c - 0xC0];
  else if (c >= 0x100 && c <= 0x17F)
    folded = latin_ext_a[c - 0x100];
  else
    return FALSE;

  if (folded == '_')
    return FALSE;

  if (folded != '*')
    {
      g_string_append_c (out, folded);
      return TRUE;
    }

  switch (c)
    {
    case 0xC6: case 0xE6:   /* Æ æ */
      g_string_append (out, "ae");
      return TRUE;
    case 0xDE: case 0xFE:   /* Þ þ */
      g_string_append (out, "th");
      return TRUE;
    case 0xDF:              /* ß */
      g_string_append (out, "ss");
      return TRUE;
    case 0x132: case 0x133: /* Ĳ ĳ */
      g_string_append (out, "ij");
      return TRUE;
    case 0x152: case 0x153: /* Œ œ */
      g_string_append (out, "oe");
      return TRUE;
    default:
      return FALSE;
    }
}

typedef enum {
  FOLD_LOCAL_PART,  /* "Jean-Pierre" → "jean-pierre", "O'Brien" → "obrien" */
  FOLD_DOMAIN       /* "Müller IT-Systeme" → "muller-it-systeme" */
} DemoFold;

/* Appends text as the ASCII that e-mail addresses and host names are made of. */
static void
append_ascii (GString    *out,
              const char *text,
              gsize       len,
              DemoFold    fold)
{
  const char *end = text + len;
  gsize start = out->len;
  gboolean separate = FALSE;

  for (const char *p = text; p < end;)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        c = (guchar) *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      /* Apostrophes join: "D'Angelo" is "dangelo", "L'Atelier" "latelier". */
      if (c == '\'')
        continue;

      if (fold == FOLD_LOCAL_PART)
        {
          if (c == '-' || c == '.')
            {
              if (out->len > start && out->str[out->len - 1] != '-' && out->str[out->len - 1] != '.')
                g_string_append_c (out, (char) c);
            }
          else
            append_folded (out, c);
          continue;
        }

      /* Host names: words are separated by one hyphen, never at either end. */
      if (separate && out->len > start)
        {
          gsize before = out->len;

          g_string_append_c (out, '-');
          if (append_folded (out, c))
            separate = FALSE;
          else
            g_string_truncate (out, before);
        }
      else if (append_folded (out, c))
        separate = FALSE;
      else
        separate = TRUE;
    }

  /* "Jean-" can only come from a name ending in a hyphen, but stay valid. */
  while (out->len > start && (out->str[out->len - 1] == '-' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);
}

/* The host name of a company: its name without the legal form, folded to
 * ASCII and kept short, under the country's top-level domain. */
static void
build_domain (GString    *out,
              const char *name,
              gsize       name_len,
              const char *tld)
{
  const gsize max_len = 40;

  g_string_truncate (out, 0);
  append_ascii (out, name, name_len, FOLD_DOMAIN);

  /* The rare long names are cut after a whole word, and not after a small
   * one: "verpackungen-klagenfurt", not "verpackungen-klagenfurt-am". */
  if (out->len > max_len)
    {
      gboolean whole_word = out->str[max_len] == '-';
      const char *dash;

      g_string_truncate (out, max_len);
      dash = strrchr (out->str, '-');
      if (!whole_word && dash != NULL && dash - out->str >= 8)
        g_string_truncate (out, dash - out->str);
      dash = strrchr (out->str, '-');
      if (dash != NULL && out->len - (dash - out->str) <= 3 && dash - out->str >= 8)
        g_string_truncate (out, dash - out->str);
    }

  if (out->len == 0)
    g_string_append (out, "relais-demo");

  g_string_append_c (out, '.');
  g_string_append (out, tld);
}

/* In French, "de" elides and contracts: "d'Angers", "du Mans", "des Sables". */
static void
append_french_de (GString    *out,
                  const char *city)
{
  if (g_str_has_prefix (city, "Le "))
    {
      g_string_append (out, "du ");
      g_string_append (out, city + 3);
    }
  else if (g_str_has_prefix (city, "Les "))
    {
      g_string_append (out, "des ");
      g_string_append (out, city + 4);
    }
  else if (strchr ("AEIOUYH", city[0]) != NULL || g_str_has_prefix (city, "É"))
    {
      g_string_append (out, "d'");
      g_string_append (out, city);
    }
  else
    {
      g_string_append (out, "de ");
      g_string_append (out, city);
    }
}

/* A surname used without a first name takes a capital: "Van Dijk ICT",
 * "De Jong Bouw" (but "Jan van Dijk"). */
static void
append_capitalized (GString    *out,
                    const char *surname)
{
  if (surname[0] >= 'a' && surname[0] <= 'z')
    {
      g_string_append_c (out, surname[0] - 'a' + 'A');
      surname++;
    }
  g_string_append (out, surname);
}

/* Expands a company name pattern (see fr_companies) into out, which must be
 * empty. Returns the length of the name before its legal form: the part that
 * gives the web domain. */
static gsize
append_company (RelaisDemoData    *self,
                GString           *out,
                const char        *pattern,
                const DemoCulture *culture,
                const DemoLocale  *locale,
                const DemoCity    *city,
                guint              legal_percent)
{
  const char *surname = NULL;
  gsize core_len = 0;
  gboolean has_legal_form = FALSE;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (p[0] != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (p[1])
        {
        case 'S':
          surname = PICK (self, culture->last_names, culture->n_last_names);
          append_capitalized (out, surname);
          break;

        case 'T':
          {
            /* "Martin & Martin" happens, but rarely: draw again once. */
            const char *other = PICK (self, culture->last_names, culture->n_last_names);

            if (other == surname)
              other = PICK (self, culture->last_names, culture->n_last_names);
            append_capitalized (out, other);
          }
          break;

        case 'K':
          g_string_append (out, PICK (self, culture->sectors, culture->n_sectors));
          break;

        case 'B':
          g_string_append (out, PICK (self, brand_prefixes, G_N_ELEMENTS (brand_prefixes)));
          g_string_append (out, PICK (self, brand_suffixes, G_N_ELEMENTS (brand_suffixes)));
          break;

        case 'C':
          g_string_append (out, city->name);
          break;

        case 'D':
          append_french_de (out, city->name);
          break;

        case 'L':
          has_legal_form = TRUE;
          core_len = out->len;
          if (rand_percent (self, legal_percent))
            {
              g_string_append_c (out, ' ');
              g_string_append (out, PICK (self, locale->legal_forms, locale->n_legal_forms));
            }
          break;

        default:
          g_string_append_len (out, p, 3);
          break;
        }

      p += 2;
    }

  return has_legal_form ? core_len : out->len;
}

/* A surname that agrees with the first name where the language wants it
 * (Polish: Anna Kowalska, Jan Kowalski). May point into self->surname. */
static const char *
pick_last_name (RelaisDemoData    *self,
                const DemoCulture *culture,
                const char        *first_name)
{
  const char *last_name = PICK (self, culture->last_names, culture->n_last_names);
  gsize first_len, last_len;

  if (!culture->gendered_surnames)
    return last_name;

  first_len = strlen (first_name);
  last_len = strlen (last_name);
  if (first_len > 0 && first_name[first_len - 1] == 'a' &&
      last_len > 3 && g_str_has_suffix (last_name, "ki") &&
      strchr ("scz", last_name[last_len - 3]) != NULL)
    {
      g_string_assign (self->surname, last_name);
      self->surname->str[last_len - 1] = 'a';
      return self->surname->str;
    }

  return last_name;
}

/* The part of an e-mail address before the @, in the styles companies use. */
static void
append_local_part (RelaisDemoData *self,
                   GString        *out,
                   const char     *first_name,
                   const char     *last_name)
{
  guint style = rand_below (self, 100);
  gsize start = out->len;

  if (style < 62)         /* helene.dupont */
    {
      append_ascii (out, first_name, strlen (first_name), FOLD_LOCAL_PART);
      g_string_append_c (out, '.');
      append_ascii (out, last_name, strlen (last_name), FOLD_LOCAL_PART);
    }
  else if (style < 77)    /* h.dupont */
    {
      append_ascii (out, first_name, strlen (first_name), FOLD_LOCAL_PART);
      g_string_truncate (out, MIN (out->len, start + 1));
      g_string_append_c (out, '.');
      append_ascii (out, last_name, strlen (last_name), FOLD_LOCAL_PART);
    }
  else if (style < 87)    /* hdupont */
    {
      append_ascii (out, first_name, strlen (first_name), FOLD_LOCAL_PART);
      g_string_truncate (out, MIN (out->len, start + 1));
      append_ascii (out, last_name, strlen (last_name), FOLD_LOCAL_PART);
    }
  else if (style < 95)    /* helene, in small companies */
    append_ascii (out, first_name, strlen (first_name), FOLD_LOCAL_PART);
  else                    /* dupont.helene */
    {
      append_ascii (out, last_name, strlen (last_name), FOLD_LOCAL_PART);
      g_string_append_c (out, '.');
      append_ascii (out, first_name, strlen (first_name), FOLD_LOCAL_PART);
    }
}

static void
append_street (RelaisDemoData    *self,
               GString           *out,
               const DemoCulture *culture)
{
  guint number = culture->street_number_min
                 + rand_below (self, culture->street_number_max - culture->street_number_min + 1);
  const char *name = PICK (self, culture->streets, culture->n_streets);

  switch (culture->street_style)
    {
    case STREET_FRENCH:
      append_uint (out, number);
      if (rand_percent (self, 4))
        g_string_append (out, " bis");
      g_string_append_c (out, ' ');
      g_string_append (out, name);
      break;

    case STREET_NUMBER_FIRST:
      append_uint (out, number);
      g_string_append_c (out, ' ');
      g_string_append (out, name);
      break;

    case STREET_NUMBER_LAST:
      g_string_append (out, name);
      g_string_append_c (out, ' ');
      append_uint (out, number);
      break;

    case STREET_NAME_COMMA_NUMBER:
      g_string_append (out, name);
      g_string_append (out, ", ");
      append_uint (out, number);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
append_phone (RelaisDemoData    *self,
              GString           *out,
              const DemoCountry *country,
              const DemoCity    *city,
              guint              mobile_percent)
{
  if (rand_percent (self, mobile_percent))
    append_template (self, out, country->mobile, city->area);
  else
    append_template (self, out, country->landline, city->area);
}

static const char *
pick_program (RelaisDemoData  *self,
              DemoLang         lang,
              DemoProgramKind  kind,
              gint64           created_at)
{
  guint i = rand_below (self, program_tables[lang][kind].n_names);
  guint last_year = created_at < self->year_start ? 1 : 0;

  return g_ptr_array_index (self->programs, self->program_base[lang][kind] + 2 * i + last_year);
}

static char *
render_program (const char *template,
                int         year)
{
  const char *mark = strstr (template, "{Y}");

  if (mark == NULL)
    return g_strdup (template);
  return g_strdup_printf ("%.*s%d%s", (int) (mark - template), template, year, mark + 3);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * relais_demo_data_new:
 * @seed: the seed of every random choice
 * @now: the current time, in microseconds since the epoch: every generated time
 *   is relative to it
 *
 * Returns: (transfer full): a generator; the same @seed and @now give exactly
 *   the same sequence of partners, contacts, leads and notes.
 */
RelaisDemoData *
relais_demo_data_new (guint32 seed,
                      gint64  now)
{
  RelaisDemoData *self = g_new0 (RelaisDemoData, 1);
  g_autoptr(GDateTime) now_utc = NULL;
  int year = 1970;

  self->rand = g_rand_new_with_seed (seed);
  self->now = now;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    self->country_weights += countries[i].weight;

  self->company = g_string_sized_new (96);
  self->domain = g_string_sized_new (64);
  self->text = g_string_sized_new (96);
  self->surname = g_string_sized_new (32);

  now_utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  if (now_utc != NULL)
    {
      g_autoptr(GDateTime) new_year = NULL;

      year = g_date_time_get_year (now_utc);
      new_year = g_date_time_new_utc (year, 1, 1, 0, 0, 0);
      self->year_start = g_date_time_to_unix (new_year) * G_USEC_PER_SEC;
    }

  self->programs = g_ptr_array_new_with_free_func (g_free);
  for (guint lang = 0; lang < N_LANGS; lang++)
    for (guint kind = 0; kind < N_PROGRAM_KINDS; kind++)
      {
        self->program_base[lang][kind] = self->programs->len;
        for (guint i = 0; i < program_tables[lang][kind].n_names; i++)
          {
            g_ptr_array_add (self->programs, render_program (program_tables[lang][kind].names[i], year));
            g_ptr_array_add (self->programs, render_program (program_tables[lang][kind].names[i], year - 1));
          }
      }

  self->partner_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
relais_demo_data_free (RelaisDemoData *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_string_free (self->company, TRUE);
  g_string_free (self->domain, TRUE);
  g_string_free (self->text, TRUE);
  g_string_free (self->surname, TRUE);
  g_ptr_array_unref (self->programs);
  g_hash_table_unref (self->partner_names);
  g_free (self);
}

/**
 * relais_demo_data_make_partner:
 *
 * Returns: (transfer full): a new partner account with every field set but its
 *   id; its name is unique among the partners of this generator.
 */
RelaisPartner *
relais_demo_data_make_partner (RelaisDemoData *self)
{
  const DemoCountry *country;
  const DemoLocale *locale;
  const DemoCulture *culture;
  const DemoCity *city;
  RelaisPartnerTier tier;
  RelaisPartner *partner;
  g_autoptr(GString) list = NULL;
  gsize core_len;
  guint n_technologies, technology_mask = 0, owner_roll;
  gint64 created_at;

  g_return_val_if_fail (self != NULL, NULL);

  country = pick_country (self);
  locale = pick_locale (self, country);
  culture = locale->culture;
  city = pick_city (self, locale);
  tier = pick_weighted (self, tier_weights, RELAIS_PARTNER_N_TIERS);

  partner = relais_partner_new ();
  relais_partner_set_id (partner, 0);
  relais_partner_set_uuid (partner, next_uuid (self));

  /* Names are unique: draw again on a clash; past a few clashes (small
   * countries run out of patterns) add the city, then a number. */
  for (guint attempt = 0;; attempt++)
    {
      g_string_truncate (self->company, 0);
      core_len = append_company (self, self->company,
                                 PICK (self, culture->partners, culture->n_partners),
                                 culture, locale, city, 100);
      if (!g_hash_table_contains (self->partner_names, self->company->str))
        break;

      if (attempt >= 8)
        {
          g_autofree char *suffix = g_strconcat (" ", city->name, NULL);

          g_string_insert (self->company, core_len, suffix);
          core_len += strlen (suffix);
          if (g_hash_table_contains (self->partner_names, self->company->str))
            {
              g_free (suffix);
              suffix = g_strdup_printf (" %u", g_hash_table_size (self->partner_names) + 1);
              g_string_insert (self->company, core_len, suffix);
              core_len += strlen (suffix);
            }
          break;
        }
    }
  g_hash_table_add (self->partner_names, g_strdup (self->company->str));
  relais_partner_set_name (partner, self->company->str);

  build_domain (self->domain, self->company->str, core_len, country->tld);
  g_string_prepend (self->domain, "https://www.");
  relais_partner_set_website (partner, self->domain->str);

  relais_partner_set_tier (partner, tier);
  relais_partner_set_country (partner, country->code);
  relais_partner_set_city (partner, city->name);

  /* Its own country first, then some of the neighbors (more for big partners). */
  list = g_string_new (country->code);
  for (const char *p = country->neighbors; *p != '\0';)
    {
      const char *end = strchr (p, ',');

      if (end == NULL)
        end = p + strlen (p);
      if (rand_percent (self, tier_profiles[tier].neighbor_percent))
        {
          g_string_append_c (list, ',');
          g_string_append_len (list, p, end - p);
        }
      p = *end == ',' ? end + 1 : end;
    }
  relais_partner_set_countries (partner, list->str);

  /* Specializations: the main one first. */
  g_string_truncate (list, 0);
  n_technologies = 1 + rand_below (self, tier_profiles[tier].max_technologies);
  for (guint n = 0; n < n_technologies;)
    {
      guint tech = rand_below (self, N_TECHS);

      if (technology_mask & (1u << tech))
        continue;
      technology_mask |= 1u << tech;
      if (list->len > 0)
        g_string_append_c (list, ',');
      g_string_append (list, technologies[tech]);
      n++;
    }
  relais_partner_set_technologies (partner, list->str);

  /* The language of its city, often the other languages of the country, and
   * English for most. */
  g_string_assign (list, locale->language);
  for (guint l = 0; l < country->n_locales; l++)
    if (!relais_code_list_contains (list->str, country->locales[l].language) && rand_percent (self, 60))
      {
        g_string_append_c (list, ',');
        g_string_append (list, country->locales[l].language);
      }
  if (!relais_code_list_contains (list->str, "en") && rand_percent (self, 75))
    g_string_append (list, ",en");
  relais_partner_set_languages (partner, list->str);

  relais_partner_set_capacity (partner,
                               (tier_profiles[tier].min + rand_below (self, tier_profiles[tier].max - tier_profiles[tier].min + 1)) / 10 * 10);
  relais_partner_set_active (partner, rand_percent (self, 95));
  relais_partner_set_out_of_office_until (partner,
                                          rand_percent (self, 3) ? self->now + DAY + rand_span (self, 13 * DAY) : 0);

  owner_roll = rand_below (self, 100);
  if (owner_roll < 60)
    relais_partner_set_owner (partner, owners[country->owner]);
  else if (owner_roll < 95)
    relais_partner_set_owner (partner, owners[country->second_owner]);
  else
    relais_partner_set_owner (partner, PICK (self, owners, N_OWNERS));

  relais_partner_set_notes (partner,
                            rand_percent (self, 60) ? PICK (self, partner_notes, G_N_ELEMENTS (partner_notes)) : NULL);

  created_at = self->now - 7 * DAY - rand_span (self, 4 * 365 * DAY);
  relais_partner_set_created_at (partner, created_at);
  relais_partner_set_updated_at (partner, created_at + rand_span (self, self->now - created_at));
  relais_partner_set_revision (partner, 1);
  relais_partner_set_open_leads (partner, 0);

  return partner;
}

/**
 * relais_demo_data_make_contact:
 * @partner: the partner, whose id is set
 * @role: admin or sales rep
 *
 * Returns: (transfer full): a new contact of @partner.
 */
RelaisContact *
relais_demo_data_make_contact (RelaisDemoData    *self,
                               RelaisPartner     *partner,
                               RelaisContactRole  role)
{
  const DemoCountry *country;
  const DemoLocale *locale;
  const DemoCulture *culture;
  const DemoCity *city = NULL;
  const char *first_name, *last_name, *website, *host;
  RelaisContact *contact;
  gint64 partner_created_at, created_at;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (RELAIS_IS_PARTNER (partner), NULL);
  g_return_val_if_fail (role < RELAIS_CONTACT_N_ROLES, NULL);

  country = find_country (relais_partner_get_country (partner));
  locale = find_locale_of_city (country, relais_partner_get_city (partner), &city);
  if (locale == NULL)
    {
      locale = &country->locales[0];
      city = pick_city (self, locale);
    }
  culture = locale->culture;

  contact = relais_contact_new ();
  relais_contact_set_id (contact, 0);
  relais_contact_set_uuid (contact, next_uuid (self));
  relais_contact_set_partner_id (contact, relais_partner_get_id (partner));

  first_name = PICK (self, culture->first_names, culture->n_first_names);
  last_name = pick_last_name (self, culture, first_name);
  relais_contact_set_first_name (contact, first_name);
  relais_contact_set_last_name (contact, last_name);

  /* Everyone at the partner writes from the domain of its web site. */
  website = relais_partner_get_website (partner);
  host = strstr (website, "://");
  host = host != NULL ? host + 3 : website;
  if (g_str_has_prefix (host, "www."))
    host += 4;
  g_string_truncate (self->domain, 0);
  for (const char *p = host; *p != '\0' && *p != '/'; p++)
    g_string_append_c (self->domain, ascii_lower (*p));
  if (self->domain->len == 0)
    {
      const char *name = relais_partner_get_name (partner);

      build_domain (self->domain, name, strlen (name), country->tld);
    }

  g_string_truncate (self->text, 0);
  append_local_part (self, self->text, first_name, last_name);
  g_string_append_c (self->text, '@');
  g_string_append (self->text, self->domain->str);
  relais_contact_set_email (contact, self->text->str);

  g_string_truncate (self->text, 0);
  append_phone (self, self->text, country, city, 75);
  relais_contact_set_phone (contact, self->text->str);

  relais_contact_set_role (contact, role);
  relais_contact_set_partner_user (contact,
                                   role == RELAIS_CONTACT_ROLE_PARTNER_ADMIN || rand_percent (self, 70));

  partner_created_at = relais_partner_get_created_at (partner);
  if (partner_created_at <= 0 || partner_created_at >= self->now)
    partner_created_at = self->now - 365 * DAY;
  created_at = partner_created_at + rand_span (self, self->now - partner_created_at);
  relais_contact_set_created_at (contact, created_at);
  relais_contact_set_updated_at (contact, created_at + rand_span (self, self->now - created_at));
  relais_contact_set_revision (contact, 1);

  return contact;
}

/**
 * relais_demo_data_fill_lead:
 * @lead: a lead to overwrite
 *
 * Sets every field of @lead, so that one lead object can be reused for a
 * million calls: a new, unassigned lead, created within the last year (more of
 * them recently), with no ids, assignment, rating or rejection.
 */
void
relais_demo_data_fill_lead (RelaisDemoData *self,
                            RelaisLead     *lead)
{
  const DemoCountry *country;
  const DemoLocale *locale;
  const DemoCulture *culture;
  const DemoCity *city;
  const char *first_name, *last_name;
  const char *program = NULL;
  RelaisLeadKind kind;
  RelaisLeadCategory category;
  guint listing, budget, source, tech;
  gint64 age, created_at, updated_at, value_minor;
  gsize core_len;
  double u;

  g_return_if_fail (self != NULL);
  g_return_if_fail (RELAIS_IS_LEAD (lead));

  country = pick_country (self);
  locale = pick_locale (self, country);
  culture = pick_culture (self, locale);
  city = pick_city (self, locale);

  relais_lead_set_uuid (lead, next_uuid (self));

  first_name = PICK (self, culture->first_names, culture->n_first_names);
  last_name = pick_last_name (self, culture, first_name);
  relais_lead_set_first_name (lead, first_name);
  relais_lead_set_last_name (lead, last_name);

  g_string_truncate (self->company, 0);
  core_len = append_company (self, self->company,
                             PICK (self, culture->companies, culture->n_companies),
                             culture, locale, city, 80);
  relais_lead_set_company (lead, self->company->str);

  /* Most write from work; some from a personal mailbox. */
  g_string_truncate (self->text, 0);
  append_local_part (self, self->text, first_name, last_name);
  if (rand_percent (self, 9))
    {
      if (rand_percent (self, 35))
        append_uint (self->text, 1 + rand_below (self, 99));
      g_string_append_c (self->text, '@');
      g_string_append (self->text, PICK (self, country->freemail, country->n_freemail));
    }
  else
    {
      build_domain (self->domain, self->company->str, core_len, country->tld);
      g_string_append_c (self->text, '@');
      g_string_append (self->text, self->domain->str);
    }
  relais_lead_set_email (lead, self->text->str);

  g_string_truncate (self->text, 0);
  append_phone (self, self->text, country, city, country->mobile_percent);
  relais_lead_set_phone (lead, self->text->str);

  g_string_truncate (self->text, 0);
  append_street (self, self->text, culture);
  relais_lead_set_street (lead, self->text->str);

  g_string_truncate (self->text, 0);
  append_template (self, self->text, city->postal, NULL);
  relais_lead_set_postal_code (lead, self->text->str);
  relais_lead_set_city (lead, city->name);
  relais_lead_set_state (lead, city->state);
  relais_lead_set_country (lead, country->code);
  relais_lead_set_language (lead, locale->language);

  /* Leads keep arriving: half spread evenly over the year, half bunched
   * towards now (u² is denser near 0). */
  u = rand_unit (self);
  if (rand_percent (self, 50))
    u *= u;
  age = MINUTE + (gint64) (u * (double) (365 * DAY - MINUTE));
  created_at = self->now - age;
  updated_at = created_at;
  if (rand_percent (self, 30))
    updated_at += rand_span (self, MIN (age, 3 * DAY));

  listing = rand_below (self, G_N_ELEMENTS (listing_info));
  kind = listing_info[listing].kind;
  tech = rand_percent (self, 85) ? (guint) listing_info[listing].tech : rand_below (self, N_TECHS);
  category = pick_weighted (self, category_weights[kind], RELAIS_LEAD_N_CATEGORIES);
  relais_lead_set_listing (lead, listing_names[listing]);
  relais_lead_set_kind (lead, kind);
  relais_lead_set_technology (lead, technologies[tech]);
  relais_lead_set_category (lead, category);

  budget = rand_below (self, 100);
  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      if (budget < budgets[i].weight || i + 1 == G_N_ELEMENTS (budgets))
        {
          budget = i;
          break;
        }
      budget -= budgets[i].weight;
    }
  relais_lead_set_budget (lead, budgets[budget].band);

  /* Event attendees come from an event; other leads from anywhere. */
  if (category == RELAIS_LEAD_CATEGORY_EVENT_ATTENDEE)
    source = SOURCE_EVENT;
  else
    {
      guint roll = rand_below (self, 100);

      for (source = 0; source + 1 < G_N_ELEMENTS (sources) && roll >= sources[source].weight; source++)
        roll -= sources[source].weight;
    }
  relais_lead_set_source (lead, sources[source].label);
  if (sources[source].program != PROGRAM_NONE && rand_percent (self, sources[source].program_percent))
    program = pick_program (self, locale->lang, sources[source].program, created_at);
  relais_lead_set_program (lead, program);

  /* The value is in line with the budget, in the lead's currency; some leads
   * have not said. */
  if (rand_percent (self, 15))
    value_minor = 0;
  else
    {
      guint32 units = budgets[budget].min_units
                      + rand_below (self, budgets[budget].max_units - budgets[budget].min_units);

      value_minor = (gint64) (units - units % 100) * 100;
    }
  relais_lead_set_value_minor (lead, value_minor);
  relais_lead_set_currency (lead, country->currency);

  relais_lead_set_created_at (lead, created_at);
  relais_lead_set_updated_at (lead, updated_at);

  /* A new, unassigned lead: nothing of a previous one may remain. */
  relais_lead_set_status (lead, RELAIS_LEAD_STATUS_NEW);
  relais_lead_set_rejection_reason (lead, RELAIS_REJECTION_NONE);
  relais_lead_set_id (lead, 0);
  relais_lead_set_queue_id (lead, 0);
  relais_lead_set_partner_id (lead, 0);
  relais_lead_set_rep_id (lead, 0);
  relais_lead_set_rule_id (lead, 0);
  relais_lead_set_deal_id (lead, 0);
  relais_lead_set_assigned_at (lead, 0);
  relais_lead_set_accepted_at (lead, 0);
  relais_lead_set_revision (lead, 1);
  relais_lead_set_quality_rating (lead, 0);
  relais_lead_set_assignment_reason (lead, NULL);
  relais_lead_set_quality_comment (lead, NULL);
  relais_lead_set_rejection_comment (lead, NULL);
  relais_lead_set_partner_name (lead, NULL);
  relais_lead_set_rep_name (lead, NULL);
  relais_lead_set_queue_name (lead, NULL);
}

/**
 * relais_demo_data_make_note:
 * @lead: the lead the note is about
 * @author_out: (out) (optional) (transfer full): the name of who wrote it
 *
 * Returns: (transfer full): a note in the lead's language, or in English or
 *   French when one of the channel managers wrote it.
 */
char *
relais_demo_data_make_note (RelaisDemoData  *self,
                            RelaisLead      *lead,
                            char           **author_out)
{
  const DemoCountry *country;
  DemoLang lang;
  const char * const *notes;
  guint n_notes;
  const char *note, *mark, *listing;
  gboolean by_manager;
  GString *body;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (RELAIS_IS_LEAD (lead), NULL);

  lang = lang_for_code (relais_lead_get_language (lead));
  notes = note_tables[lang].notes;
  n_notes = note_tables[lang].n_notes;

  country = find_country (relais_lead_get_country (lead));

  /* The channel managers write English or French whatever the lead; partner
   * reps write in the lead's language. */
  by_manager = n_notes == 0 || rand_percent (self, 15);
  if (by_manager)
    {
      gboolean english = lang == LANG_FR ? TRUE : lang == LANG_EN || lang == LANG_EN_NA ? FALSE : rand_percent (self, 70);

      notes = english ? en_notes : fr_notes;
      n_notes = english ? G_N_ELEMENTS (en_notes) : G_N_ELEMENTS (fr_notes);
    }
  else
    by_manager = rand_percent (self, 50);

  note = PICK (self, notes, n_notes);
  listing = relais_lead_get_listing (lead);
  mark = strstr (note, "{listing}");
  if (mark != NULL && listing[0] == '\0')
    {
      note = notes[0];  /* the first note of each language names no listing */
      mark = NULL;
    }

  body = g_string_new (NULL);
  if (mark != NULL)
    {
      g_string_append_len (body, note, mark - note);
      g_string_append (body, listing);
      g_string_append (body, mark + strlen ("{listing}"));
    }
  else
    g_string_append (body, note);

  if (by_manager)
    {
      /* Mostly the managers of the lead's territory. */
      guint roll = rand_below (self, 100);
      DemoOwner owner = roll < 60 ? country->owner : roll < 90 ? country->second_owner : rand_below (self, N_OWNERS);

      if (author_out != NULL)
        *author_out = g_strdup (owners[owner]);
    }
  else
    {
      const DemoLocale *locale = &country->locales[0];
      const char *first_name, *last_name;

      for (guint l = 0; l < country->n_locales; l++)
        if (g_strcmp0 (country->locales[l].language, relais_lead_get_language (lead)) == 0)
          locale = &country->locales[l];

      first_name = PICK (self, locale->culture->first_names, locale->culture->n_first_names);
      last_name = pick_last_name (self, locale->culture, first_name);
      if (author_out != NULL)
        *author_out = g_strconcat (first_name, " ", last_name, NULL);
    }

  return g_string_free (body, FALSE);
}

/**
 * relais_demo_data_int_range:
 *
 * Returns: a number in [@begin, @end) from the generator's stream.
 */
guint32
relais_demo_data_int_range (RelaisDemoData *self,
                            guint32         begin,
                            guint32         end)
{
  g_return_val_if_fail (self != NULL, begin);
  g_return_val_if_fail (end > begin, begin);

  return begin + rand_below (self, end - begin);
}

/**
 * relais_demo_data_chance:
 *
 * Returns: %TRUE with @probability (0 never, 1 always), from the generator's
 *   stream.
 */
gboolean
relais_demo_data_chance (RelaisDemoData *self,
                         double          probability)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return rand_unit (self) < probability;
}

gint64
relais_demo_data_get_now (RelaisDemoData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->now;
}

/**
 * relais_demo_data_technologies:
 *
 * Returns: (transfer none) (array zero-terminated=1): the technology codes.
 */
const char * const *
relais_demo_data_technologies (void)
{
  return technologies;
}

/**
 * relais_demo_data_listings:
 *
 * Returns: (transfer none) (array zero-terminated=1): the listings of the demo
 *   catalog.
 */
const char * const *
relais_demo_data_listings (void)
{
  return listing_names;
}

/**
 * relais_demo_data_queue_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the demo
 *   queues.
 */
const char * const *
relais_demo_data_queue_names (void)
{
  return queue_names;
}
