/* The review log through the dossier program: decisions recorded, applied,
 * kept through full re-links, listed, and never changed afterwards. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

static json_t *incidents_now(void)
{
    t_result r = RUN("export");
    json_t *root = r.status == 0 ? json_loads(r.out, 0, NULL) : NULL;
    t_result_free(&r);
    json_t *v = json_incref(json_object_get(root, "incidents"));
    json_decref(root);
    return v;
}

/* The incident holding claim id ("c12"), or NULL. */
static json_t *holding(json_t *incidents, const char *claim)
{
    size_t i, j;
    json_t *in, *c;
    json_array_foreach(incidents, i, in)
        json_array_foreach(json_object_get(in, "claims"), j, c)
            if (!strcmp(json_string_value(json_object_get(c, "id")), claim))
                return in;
    return NULL;
}

static const char *id_of(json_t *o) { return json_string_value(json_object_get(o, "id")); }

static const char *claim_at(json_t *in, size_t k)
{
    return id_of(json_array_get(json_object_get(in, "claims"), k));
}

static int run_status(const char *const *argv)
{
    t_result r = t_run(argv);
    int status = r.status;
    if (status)
        fprintf(stderr, "%s", r.err);
    t_result_free(&r);
    return status;
}
#define STATUS(...) run_status((const char *const[]){__VA_ARGS__, NULL})

/* The decisions' claims, chosen from the linked examples. */
typedef struct {
    char split_off[16], split_rest[16], merge_a[16], merge_b[16], rejected[16];
} picks;

static bool pick(json_t *incidents, picks *p)
{
    size_t i;
    json_t *in, *multi = NULL, *a = NULL, *b = NULL;
    json_array_foreach(incidents, i, in)
    {
        size_t n = json_array_size(json_object_get(in, "claims"));
        if (!multi && n >= 2 && !json_is_true(json_object_get(in, "episode")))
            multi = in;
        else if (n == 1 && !a)
            a = in;
        else if (n == 1 && !b)
            b = in;
    }
    json_t *r = json_array_get(incidents, json_array_size(incidents) - 1);
    if (!multi || !a || !b || r == a || r == b || r == multi)
        return false;
    snprintf(p->split_off, sizeof p->split_off, "%s", claim_at(multi, 1));
    snprintf(p->split_rest, sizeof p->split_rest, "%s", claim_at(multi, 0));
    snprintf(p->merge_a, sizeof p->merge_a, "%s", claim_at(a, 0));
    snprintf(p->merge_b, sizeof p->merge_b, "%s", claim_at(b, 0));
    snprintf(p->rejected, sizeof p->rejected, "%s", claim_at(r, 0));
    return true;
}

static void check_decisions(const picks *p)
{
    json_t *incidents = incidents_now();
    json_t *off = holding(incidents, p->split_off);
    CHECK(off && off != holding(incidents, p->split_rest));
    CHECK(holding(incidents, p->merge_a) && holding(incidents, p->merge_a) == holding(incidents, p->merge_b));
    CHECK(holding(incidents, p->rejected) == NULL);
    json_t *c, *kept = holding(incidents, p->split_rest);
    size_t i;
    bool confirmed = false;
    json_array_foreach(json_object_get(kept, "claims"), i, c)
        confirmed |= !strcmp(id_of(c), p->split_rest) &&
                     json_is_string(json_object_get(c, "review"));
    CHECK(confirmed);
    if (off) {
        CHECK_STR(json_string_value(json_object_get(off, "event_type")), "Protests");
        CHECK_STR(json_string_value(json_array_get(json_object_get(off, "edited"), 0)),
                  "event_type");
    }
    json_decref(incidents);
}

static int sql_status(const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(t_path("dossier.db"), &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

TEST(review_decisions_survive_relink)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    REQUIRE(STATUS("add", "-q", "--manifest", manifest) == 0);
    json_t *incidents = incidents_now();
    picks p;
    REQUIRE(incidents && pick(incidents, &p));
    const char *multi = id_of(holding(incidents, p.split_off));
    char a[16], b[16];
    snprintf(a, sizeof a, "%s", id_of(holding(incidents, p.merge_a)));
    snprintf(b, sizeof b, "%s", id_of(holding(incidents, p.merge_b)));
    CHECK(STATUS("review", "split", multi, p.split_off, "--why", "two events", "--user", "ana") == 0);
    json_decref(incidents);
    CHECK(STATUS("review", "merge", a, b, "--why", "one event told twice") == 0);
    CHECK(STATUS("review", "reject", p.rejected, "--why", "misread") == 0);
    CHECK(STATUS("review", "confirm", p.split_rest) == 0);
    incidents = incidents_now();
    char off[16];
    snprintf(off, sizeof off, "%s", id_of(holding(incidents, p.split_off)));
    json_decref(incidents);
    CHECK(STATUS("review", "edit", off, "event_type", "Protests", "--why", "a march") == 0);
    check_decisions(&p);
    /* A full re-link, twice, keeps every decision, and so does adding a
     * document (add links everything again at its end). */
    CHECK(STATUS("link", "-q") == 0);
    CHECK(STATUS("link", "-q") == 0);
    check_decisions(&p);
    const char note[] = "Gunmen killed two farmers near an invented village on 3 May 2024.\n";
    REQUIRE(t_write_file(t_path("later.txt"), note, sizeof note - 1));
    CHECK(STATUS("add", "-q", "--published", "2024-05-04", t_path("later.txt")) == 0);
    check_decisions(&p);
    t_result r = RUN("review", "log");
    CHECK_CONTAINS(r.out, "ana  split");
    CHECK_CONTAINS(r.out, "why: one event told twice");
    CHECK_CONTAINS(r.out, "event_type: ");
    CHECK_CONTAINS(r.out, "-> Protests");
    t_result_free(&r);
    /* The log cannot be changed or emptied. */
    CHECK(sql_status("UPDATE review_event SET why = 'nothing'") != SQLITE_OK);
    CHECK(sql_status("DELETE FROM review_event") != SQLITE_OK);
    r = RUN("review", "log");
    CHECK_CONTAINS(r.out, "#5 ");
    t_result_free(&r);
}

TEST(review_rejects_bad_decisions)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    REQUIRE(STATUS("add", "-q", "--manifest", manifest) == 0);
    t_result r = RUN("review", "edit", "i1", "colour", "red", "--why", "x");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "cannot edit 'colour'");
    t_result_free(&r);
    r = RUN("review", "edit", "i1", "date", "March", "--why", "x");
    CHECK_INT(r.status, 1);
    t_result_free(&r);
    r = RUN("review", "edit", "i1", "status", "contested");
    CHECK_INT(r.status, 2); /* no --why */
    t_result_free(&r);
    r = RUN("review", "reject", "c999999");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "no claim c999999");
    t_result_free(&r);
    r = RUN("review", "split", "i1", "c999999");
    CHECK_INT(r.status, 1);
    t_result_free(&r);
    r = RUN("review", "frobnicate");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
    r = RUN("review", "log");
    CHECK_CONTAINS(r.out, "no review events");
    t_result_free(&r);
}
