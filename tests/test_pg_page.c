/* test_pg_page.c: pages of incidents on PostgreSQL equal SQLite's, over
 * the linked examples, for filters × limits × offsets: the same incidents
 * in the same order, and the same totals; and each claim is found in the
 * same incident on both.  A database of schema 7 upgraded in place gets
 * the killed figures a link would have stored. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"
#include "test.h"
#include "test_pg.h"

enum { MAX_PAGE = 64 };

/* A page as text: each incident's id, its fields, its JSON's length and
 * its killed figure, one a line, and the total. */
typedef struct {
    ds_buf text;
    size_t rows;
} page_text;

static int keep(void *ud, const ds_incident_record *r)
{
    page_text *p = ud;
    p->rows++;
    ds_buf_printf(&p->text, "i%lld %lld %s|%s|%s|%s|%s|%s|%d|%d|%s|%zu|", (long long)r->id,
                  (long long)r->parent, r->event_type ? r->event_type : "-",
                  r->date_start ? r->date_start : "-", r->admin1 ? r->admin1 : "-",
                  r->place ? r->place : "-", r->status, r->groups, r->origins, r->documents,
                  r->episode ? "episode" : "", r->value ? strlen(r->value) : 0);
    if (r->has_killed)
        ds_buf_printf(&p->text, "killed %.17g %.17g %.17g\n", r->killed_low, r->killed_high,
                      r->killed_best);
    else
        ds_buf_puts(&p->text, "no killed\n");
    return 0;
}

static char *page_of(ds_store *s, const ds_incident_filter *f, size_t limit, size_t offset)
{
    page_text p = {0};
    ds_buf_init(&p.text, 1 << 20);
    size_t total = 0;
    ds_error err = {0};
    ds_status rc = ds_store_page_incidents(s, f, limit, offset, keep, &p, &total, &err);
    if (rc)
        ds_test_fail(__FILE__, __LINE__, "page: %s", err.msg);
    ds_buf_printf(&p.text, "total %zu, %zu rows", total, p.rows);
    char *out = ds_buf_steal(&p.text, NULL);
    ds_buf_free(&p.text);
    return out;
}

static bool add_examples(const char *db)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    t_result r = t_run((const char *const[]){"add", "-q", "--db", db, "--manifest", manifest,
                                             NULL});
    bool ok = r.status == 0;
    if (!ok)
        ds_test_fail(__FILE__, __LINE__, "add on %s: %s", db, r.err);
    t_result_free(&r);
    return ok;
}

enum { MAX_CLAIMS = 4096 };

typedef struct {
    int64_t ids[MAX_CLAIMS];
    size_t n;
} claim_ids;

static int keep_claim(void *ud, const ds_claim_record *c)
{
    claim_ids *k = ud;
    if (k->n < MAX_CLAIMS)
        k->ids[k->n++] = c->id;
    return 0;
}

/* Every claim is in the same incident (or none) on both backends; an
 * unknown claim is not found on either. */
static void check_claims(ds_store *lite, ds_store *pg)
{
    static claim_ids all;
    ds_error err = {0};
    all.n = 0;
    REQUIRE(ds_store_each_claim(lite, keep_claim, &all, NULL, &err) == DS_OK);
    CHECK(all.n > 20);
    size_t placed = 0;
    for (size_t i = 0; i < all.n; i++) {
        int64_t a = -1, b = -1;
        CHECK(ds_store_claim_incident(lite, all.ids[i], &a, &err) == DS_OK);
        CHECK(ds_store_claim_incident(pg, all.ids[i], &b, &err) == DS_OK);
        CHECK_INT(b, a);
        placed += a > 0;
    }
    CHECK(placed > all.n / 2);
    int64_t none = 0;
    CHECK_INT(ds_store_claim_incident(lite, all.ids[all.n - 1] + 1000, &none, &err),
              DS_ENOTFOUND);
    CHECK_INT(ds_store_claim_incident(pg, all.ids[all.n - 1] + 1000, &none, &err), DS_ENOTFOUND);
}

/* Every incident, a page of 50 at a time, as text. */
static char *all_pages(ds_store *s)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 22);
    for (size_t offset = 0; offset < 400; offset += 50) {
        char *p = page_of(s, NULL, 50, offset);
        ds_buf_printf(&b, "%s\n", p);
        ds_free(p);
    }
    char *out = ds_buf_steal(&b, NULL);
    ds_buf_free(&b);
    return out;
}

/* Takes the database back to schema 7 (no killed columns), as a dossier
 * of before them, and upgrades it by opening it for writing. */
static void upgrade_from_7(const char *uri, ds_store **s)
{
    PGconn *c = PQconnectdb(uri);
    PGresult *r = PQexec(c, "ALTER TABLE incident DROP COLUMN killed_low, DROP COLUMN "
                            "killed_high, DROP COLUMN killed_best; "
                            "UPDATE schema_version SET version = 7");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        ds_test_fail(__FILE__, __LINE__, "back to schema 7: %s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    ds_error err = {0};
    if (ds_store_open(s, uri, DS_STORE_WRITE, &err) != DS_OK)
        ds_test_fail(__FILE__, __LINE__, "upgrade: %s", err.msg);
}

TEST(pg_incident_pages_equal_sqlite)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char pg[256];
    snprintf(pg, sizeof pg, "%s", uri);
    const char *lite = t_path("pages.db");
    REQUIRE(add_examples(lite) && add_examples(pg));
    ds_store *s[2] = {NULL, NULL};
    ds_error err = {0};
    REQUIRE(ds_store_open(&s[0], lite, DS_STORE_READ, &err) == DS_OK);
    REQUIRE(ds_store_open(&s[1], pg, DS_STORE_READ, &err) == DS_OK);
    const ds_incident_filter filters[] = {
        {0},
        {.type = "attack"},
        {.admin1 = "TARTUS"},
        {.place = "safita", .min_origins = 2},
        {.status = "corroborated"},
        {.min_origins = 2},
        {.from = "2025-03-07", .to = "2025-03-08"},
        {.actor = "gunmen"},
        {.group = "Alawite", .type = "Violence"},
        {.group = "alawite"},
        {.group = "%"},
        {.group = "_lawite"},
        {.status = "single-source", .admin1 = "latakia", .from = "2025-03-01"},
        {.place = "no such place"},
    };
    const size_t limits[] = {1, 3, 50}, offsets[] = {0, 2, 7, 40};
    size_t nonempty = 0;
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        for (size_t a = 0; a < 3; a++) {
            for (size_t b = 0; b < 4; b++) {
                char *lp = page_of(s[0], &filters[i], limits[a], offsets[b]);
                char *pp = page_of(s[1], &filters[i], limits[a], offsets[b]);
                if (strcmp(lp, pp))
                    ds_test_fail(__FILE__, __LINE__, "filter %zu, limit %zu, offset %zu:\n"
                                 "sqlite %s\npg %s", i, limits[a], offsets[b], lp, pp);
                nonempty += strncmp(lp, "total 0,", 8) != 0;
                ds_free(lp);
                ds_free(pp);
            }
        }
    }
    /* Most filters match something, or the comparison would prove little. */
    CHECK(nonempty >= 8 * 12);
    check_claims(s[0], s[1]);
    char *linked = all_pages(s[1]);
    ds_store_close(s[1]);
    s[1] = NULL;
    upgrade_from_7(pg, &s[1]);
    if (s[1]) {
        char *upgraded = all_pages(s[1]);
        CHECK(strstr(linked, "killed ") != NULL);
        CHECK_STR(upgraded, linked);
        ds_free(upgraded);
        ds_store_close(s[1]);
    }
    ds_free(linked);
    ds_store_close(s[0]);
}
