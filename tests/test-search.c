/* test-search.c — what a search finds: case- and accent-insensitive literal
 * substrings of first name, last name, company, listing and e-mail; filters and
 * sorts; the index kept in step with the leads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "relais-db-private.h"
#include "relais-db.h"
#include "relais-demo.h"
#include "relais-lead-query-store.h"
#include "relais-lead-store.h"
#include "relais-partner-store.h"
#include "relais-search.h"

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Hélène", "helene" },
    { "HÉLÈNE", "helene" },
    { "Françoise Œuvray", "francoise oeuvray" },
    { "Jürgen Groß", "jurgen gross" },
    { "Łukasz Wróbel", "lukasz wrobel" },
    { "Søren Ærø", "soren aero" },
    { "ÅSA", "asa" },
    { "plain ascii 123", "plain ascii 123" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = relais_search_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }

  {
    g_autofree char *folded = relais_search_fold (NULL);
    g_assert_cmpstr (folded, ==, "");
  }
}

static void
test_glob_pattern (void)
{
  g_autofree char *a = relais_search_glob_pattern ("  Hélène ");
  g_autofree char *b = relais_search_glob_pattern ("a*b?[c]");
  g_autofree char *c = relais_search_glob_pattern ("   ");

  g_assert_cmpstr (a, ==, "*helene*");
  /* Wildcards of the user are literal characters. */
  g_assert_cmpstr (b, ==, "*a[*]b[?][[]c]*");
  g_assert_null (c);
  g_assert_cmpuint (relais_search_length ("  Hé "), ==, 2);
}

typedef struct {
  char     *dir;
  RelaisDb *db;
  gint64    partner_id;
} Fixture;

static gint64
add_lead (RelaisDb   *db,
          const char *first,
          const char *last,
          const char *company,
          const char *listing,
          const char *email,
          gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLead) lead = relais_lead_new ();

  relais_lead_set_first_name (lead, first);
  relais_lead_set_last_name (lead, last);
  relais_lead_set_company (lead, company);
  relais_lead_set_listing (lead, listing);
  relais_lead_set_email (lead, email);
  relais_lead_set_created_at (lead, created_at);
  relais_lead_set_country (lead, "FR");
  g_assert_true (relais_lead_store_insert (db, lead, &error));
  g_assert_no_error (error);

  return relais_lead_get_id (lead);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("relais-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "relais.db", NULL);
  fixture->db = relais_db_open (path, &error);
  g_assert_no_error (error);

  /* ids 1..8, created in this order (8 is the newest). */
  add_lead (fixture->db, "Hélène", "Dupré", "Société Générale d'Électricité", "Zero Trust Access", "helene.dupre@sge.fr", 1000);
  add_lead (fixture->db, "HELENE", "Martin", "Martin & Fils", "Cloud Backup", "hmartin@martin.fr", 2000);
  add_lead (fixture->db, "Jürgen", "Groß", "Großmann AG", "ERP Finance", "j.gross@grossmann.de", 3000);
  add_lead (fixture->db, "Ana", "López", "A*B Consulting", "Data 100% Sure", "ana@ab.es", 4000);
  add_lead (fixture->db, "Émilie", "Zola", "Zola AND Partners", "Wi-Fi Survey", "emilie@zola.fr", 5000);
  add_lead (fixture->db, "zoé", "abel", "Abel SA", "Atlas Storage", "zoe@abel.fr", 6000);
  add_lead (fixture->db, "Paul", "Ne", "Helen Inc", "Nimbus", "paul@helen.com", 7000);
  add_lead (fixture->db, "Luc", "Roux", "Roux SARL", "Orbit", "luc@roux.fr", 8000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->db);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The ids a query gives, both through the first page and the full list (they
 * must agree), as "8,7,…". */
static char *
run_query (RelaisDb        *db,
           RelaisLeadQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (relais_lead_query_store_all_ids (db, query, 10000, all, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (relais_lead_query_store_first_page (db, query, 10000, 3, page, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (page->len, ==, MIN (3, all->len));
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (g_array_index (page, gint64, i), ==, g_array_index (all, gint64, i));

  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (all, gint64, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_search (RelaisDb   *db,
               const char *search,
               const char *expected)
{
  g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
  g_autofree char *ids = NULL;

  relais_lead_query_set_search (query, search);
  ids = run_query (db, query);
  if (g_strcmp0 (ids, expected) != 0)
    g_error ("search “%s”: got [%s], expected [%s]", search, ids, expected);
}

static void
test_search_semantics (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RelaisDb *db = fixture->db;

  /* Case and accents do not matter, either way round. */
  assert_search (db, "helene", "2,1");
  assert_search (db, "HÉLÈNE", "2,1");
  assert_search (db, "Hélène", "2,1");
  /* Substrings of every searched field: names, company, listing, e-mail. */
  assert_search (db, "gross", "3");          /* Groß, Großmann */
  assert_search (db, "Electricite", "1");    /* company */
  assert_search (db, "backup", "2");         /* listing */
  assert_search (db, "@abel", "6");          /* e-mail */
  assert_search (db, "helen", "7,2,1");      /* Helen Inc, and both Hélène */
  /* Short searches (no trigram) follow the same rules. */
  assert_search (db, "zo", "6,5");
  assert_search (db, "É", "7,6,5,4,3,2,1");   /* every lead with an e but Luc Roux */
  /* No wildcards, no operators: they are plain text. */
  assert_search (db, "a*b", "4");
  assert_search (db, "100%", "4");
  assert_search (db, "*", "4");
  assert_search (db, "zola AND partners", "5");
  assert_search (db, "zola OR roux", "");
  assert_search (db, "h_lene", "");
  assert_search (db, "hel?ne", "");
  /* A search never spans two fields. */
  assert_search (db, "dupre societe", "");
  /* Nothing, and everything. */
  assert_search (db, "no such lead", "");
  assert_search (db, "", "8,7,6,5,4,3,2,1");
}

static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  RelaisDb *db = fixture->db;

  /* An update of a searched field re-indexes the lead, in the same statement. */
  g_assert_true (relais_db_exec (db, "UPDATE lead SET company = 'Château Lafite' WHERE id = 8", &error));
  g_assert_no_error (error);
  assert_search (db, "chateau", "8");
  assert_search (db, "roux sarl", "");

  /* A lead written without search_text (by SQL) is indexed by the triggers. */
  g_assert_true (relais_db_exec (db, "INSERT INTO lead (uuid, first_name, last_name, created_at, updated_at)"
                                     " VALUES ('u9', 'Maëlle', 'Pétain', 9000, 9000)", &error));
  g_assert_no_error (error);
  assert_search (db, "maelle", "9");

  /* A deleted lead is gone from the index. */
  g_assert_true (relais_db_exec (db, "DELETE FROM lead WHERE id = 1", &error));
  g_assert_no_error (error);
  assert_search (db, "helene", "2");

  /* The index agrees with the table. */
  g_assert_true (relais_db_exec (db, "INSERT INTO lead_fts (lead_fts, rank) VALUES ('integrity-check', 1)", &error));
  g_assert_no_error (error);
}

static void
test_filters_and_sorts (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
  g_autoptr(RelaisPartner) partner = relais_partner_new ();
  RelaisDb *db = fixture->db;
  gint64 now = 100 * G_TIME_SPAN_HOUR;
  g_autofree char *ids = NULL;

  relais_partner_set_name (partner, "Groupe Relais");
  g_assert_true (relais_partner_store_insert (db, partner, &error));
  g_assert_no_error (error);

  /* 3 and 5 go to the partner; 3 is overdue (assigned 49 h before "now"),
   * 5 was accepted. */
  g_assert_true (relais_db_exec (db, "UPDATE lead SET partner_id = 1, status = 'partner_assigned',"
                                     " assigned_at = 51 * 3600 * 1000000, kind = 'app', category = 'appointment'"
                                     " WHERE id = 3", &error));
  g_assert_true (relais_db_exec (db, "UPDATE lead SET partner_id = 1, status = 'actively_working',"
                                     " assigned_at = 10, accepted_at = 20, country = 'BE' WHERE id = 5", &error));
  g_assert_no_error (error);

  relais_lead_query_set_statuses (query, 1u << RELAIS_LEAD_STATUS_PARTNER_ASSIGNED | 1u << RELAIS_LEAD_STATUS_ACTIVELY_WORKING);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "5,3");
  g_clear_pointer (&ids, g_free);

  relais_lead_query_clear_filters (query);
  relais_lead_query_set_unassigned (query, TRUE);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "8,7,6,4,2,1");
  g_clear_pointer (&ids, g_free);

  relais_lead_query_clear_filters (query);
  {
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

    relais_lead_query_set_overdue (query, TRUE);
    g_assert_true (relais_lead_query_store_all_ids (db, query, now, all, NULL, &error));
    g_assert_cmpuint (all->len, ==, 1);
    g_assert_cmpint (g_array_index (all, gint64, 0), ==, 3);
  }

  relais_lead_query_clear_filters (query);
  relais_lead_query_set_kind (query, RELAIS_LEAD_KIND_APP);
  relais_lead_query_set_category (query, RELAIS_LEAD_CATEGORY_APPOINTMENT);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "3");
  g_clear_pointer (&ids, g_free);

  relais_lead_query_clear_filters (query);
  relais_lead_query_set_country (query, "BE");
  relais_lead_query_set_partner_id (query, 1);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "5");
  g_clear_pointer (&ids, g_free);

  /* Sorts: accents sort with their letter (Émilie among the E's), case ignored. */
  relais_lead_query_clear_filters (query);
  relais_lead_query_set_sort (query, RELAIS_LEAD_SORT_FIRST_NAME);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "4,5,1,2,3,8,7,6");  /* Ana Émilie Hélène HELENE Jürgen Luc Paul zoé */
  g_clear_pointer (&ids, g_free);

  relais_lead_query_set_descending (query, TRUE);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "6,7,8,3,2,1,5,4");
  g_clear_pointer (&ids, g_free);

  relais_lead_query_set_descending (query, FALSE);
  relais_lead_query_set_sort (query, RELAIS_LEAD_SORT_LAST_NAME);
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "6,1,3,4,2,7,8,5");  /* abel Dupré Groß López Martin Ne Roux Zola */
  g_clear_pointer (&ids, g_free);

  relais_lead_query_set_sort (query, RELAIS_LEAD_SORT_OLDEST);
  relais_lead_query_set_search (query, "helen");
  ids = run_query (db, query);
  g_assert_cmpstr (ids, ==, "1,2,7");
}

static void
test_migration_indexes_old_leads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *dir = g_dir_make_tmp ("relais-test-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "relais.db", NULL);

  /* A version 1 store with a lead, then upgraded: the lead can be found. */
  db = relais_db_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_true (relais_db_exec (db, "INSERT INTO lead (uuid, first_name, last_name, company, created_at, updated_at)"
                                     " VALUES ('u1', 'Cécile', 'Ébert', 'Crème & Co', 1, 1)", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = relais_db_open (path, &error);
  g_assert_no_error (error);
  assert_search (db, "cecile", "1");
  assert_search (db, "creme", "1");
  g_clear_object (&db);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (path);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
}

/* On a store large enough for every plan (walk, long walk, index), the first
 * page of any search with any filter is the start of the full list. */
static void
test_first_page_agrees (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RelaisDb) db = NULL;
  g_autofree char *dir = g_dir_make_tmp ("relais-test-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "relais.db", NULL);
  static const char *searches[] = { "pez", "ier", "mar", "bert", "eie", "n l", "sas", "gmbh", "zzq", "e", "lo", "s.r.l", "consult" };

  db = relais_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (relais_demo_load (db, 40000, 40, 5, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (guint f = 0; f < 4; f++)
      {
        g_autoptr(RelaisLeadQuery) query = relais_lead_query_new ();
        g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (gint64));

        relais_lead_query_set_search (query, searches[i]);
        if (f == 1)
          relais_lead_query_set_statuses (query, 1u << RELAIS_LEAD_STATUS_CLOSED | 1u << RELAIS_LEAD_STATUS_NEW);
        else if (f == 2)
          relais_lead_query_set_country (query, "FR");
        else if (f == 3)
          relais_lead_query_set_sort (query, RELAIS_LEAD_SORT_COMPANY);

        g_assert_true (relais_lead_query_store_all_ids (db, query, g_get_real_time (), all, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (relais_lead_query_store_first_page (db, query, g_get_real_time (), RELAIS_LEAD_PAGE_SIZE, page, NULL, &error));
        g_assert_no_error (error);

        g_assert_cmpuint (page->len, ==, MIN (RELAIS_LEAD_PAGE_SIZE, all->len));
        for (guint k = 0; k < page->len; k++)
          g_assert_cmpint (g_array_index (page, gint64, k), ==, g_array_index (all, gint64, k));
      }

  g_clear_object (&db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (path);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/glob-pattern-is-literal", test_glob_pattern);
  g_test_add ("/search/semantics", Fixture, NULL, fixture_set_up, test_search_semantics, fixture_tear_down);
  g_test_add ("/search/index-follows-changes", Fixture, NULL, fixture_set_up, test_search_follows_changes, fixture_tear_down);
  g_test_add ("/search/filters-and-sorts", Fixture, NULL, fixture_set_up, test_filters_and_sorts, fixture_tear_down);
  g_test_add_func ("/search/migration-indexes-old-leads", test_migration_indexes_old_leads);
  g_test_add_func ("/search/first-page-agrees-with-full-list", test_first_page_agrees);

  return g_test_run ();
}
