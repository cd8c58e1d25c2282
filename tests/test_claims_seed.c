/* test_claims_seed.c: the claims of the seed documents against our own
 * coding of them (tests/data/seed_claims.tsv, see its header).
 *
 * Each coded event is looked up by its anchor words in the sentences the
 * segmenter made, and the claims drawn from that sentence are compared on
 * event type, date (overlapping the coded range), place (within 25 km of a
 * gazetteer entry of the coded name) and killed figure (the coded value or
 * range).  The shares are printed, and each must stay above a floor a few
 * points under what the extractor reaches today. */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "add/add.h"
#include "add/manifest.h"
#include "extract/extract.h"
#include "gazetteer/gazetteer.h"
#include "normalize/normalize.h"
#include "test.h"

/* Floors, in percent of the coded rows that have the field. */
enum { MIN_FOUND = 90, MIN_TYPE = 80, MIN_DATE = 80, MIN_PLACE = 60, MIN_KILLED = 70, MIN_GENERIC = 50 };

typedef struct gold {
    char doc[8], anchor[128], type[64], sub[64], from[16], to[16], place[128], killed[32];
} gold;

typedef struct tally {
    int rows, found, type_ok, dated, date_ok, placed, place_ok, counted, killed_ok;
    int generic, generic_ok;
} tally;

static bool has_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        if (strncasecmp(s + i, w, k) != 0)
            continue;
        bool left = i == 0 || !isalnum((unsigned char)s[i - 1]);
        bool right = i + k == n || !isalnum((unsigned char)s[i + k]);
        if (left && right)
            return true;
    }
    return false;
}

static bool has_all(const char *s, size_t n, const char *anchor)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", anchor);
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if (!has_word(s, n, w))
            return false;
    return true;
}

/* The sentence span holding the anchor; two neighbouring sentences when
 * the coder's sentence is two of ours. */
static bool locate(const ds_document *d, const char *anchor, size_t *start, size_t *end)
{
    for (size_t w = 1; w <= 2; w++)
        for (size_t i = 0; i + w <= d->n_sentences; i++) {
            size_t s = d->sentences[i].start, e = d->sentences[i + w - 1].end;
            if (has_all(d->text + s, e - s, anchor)) {
                *start = s, *end = e;
                return true;
            }
        }
    return false;
}

static bool date_ok(json_t *c, const gold *g)
{
    json_t *d = json_object_get(c, "date");
    const char *s = json_string_value(json_object_get(d, "start"));
    const char *e = json_string_value(json_object_get(d, "end"));
    return s && e && strcmp(s, g->to) <= 0 && strcmp(e, g->from) >= 0;
}

static double km(double lat1, double lon1, double lat2, double lon2)
{
    double p = M_PI / 180, a = sin((lat2 - lat1) * p / 2), b = sin((lon2 - lon1) * p / 2);
    double h = a * a + cos(lat1 * p) * cos(lat2 * p) * b * b;
    return 2 * 6371 * asin(sqrt(h));
}

/* A name folded for comparison: no case, marks, spaces or leading Arabic
 * article, so "Al-Qadmus" and "Qadmus" agree. */
static void name_key(const char *name, char *out, size_t cap)
{
    char *f = ds_fold(name, strlen(name));
    const char *p = f ? f : "";
    if (strncmp(p, "al ", 3) == 0)
        p += 3;
    size_t k = 0;
    for (; *p && k + 1 < cap; p++)
        if (*p != ' ')
            out[k++] = *p;
    out[k] = '\0';
    ds_free(f);
}

static bool place_ok(const ds_gazetteer *gz, json_t *c, const gold *g)
{
    json_t *loc = json_object_get(c, "location");
    const char *ours = json_string_value(json_object_get(loc, "name"));
    char a[128], b[128];
    if (ours) {
        name_key(ours, a, sizeof a);
        name_key(g->place, b, sizeof b);
        if (strcmp(a, b) == 0)
            return true;
    }
    json_t *lat = json_object_get(loc, "lat"), *lon = json_object_get(loc, "lon");
    if (!json_is_number(lat) || !json_is_number(lon))
        return false;
    uint32_t ids[64];
    bool exact[64];
    size_t n = ds_gazetteer_lookup(gz, g->place, strlen(g->place), ids, exact, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        ds_place p;
        ds_gazetteer_place(gz, ids[i], &p);
        if (strcmp(p.country, "SY") == 0 &&
            km(p.lat, p.lon, json_number_value(lat), json_number_value(lon)) <= 25)
            return true;
    }
    return false;
}

/* "2" exactly, "601-" at least, "1350-1650" a range. */
static bool killed_ok(json_t *c, const gold *g)
{
    json_t *k = json_object_get(json_object_get(c, "counts"), "killed");
    if (!k)
        return false;
    double v = json_number_value(json_object_get(k, "value"));
    json_t *low = json_object_get(k, "low");
    char *dash = strchr(g->killed, '-');
    double lo = atof(g->killed), hi = dash ? (dash[1] ? atof(dash + 1) : INFINITY) : lo;
    /* "More than 600" is coded 601-; its point value 600 and its low 601
     * both state that figure. */
    double l = json_is_number(low) ? json_number_value(low) : v;
    return (v >= lo && v <= hi) || (l >= lo && l <= hi);
}

static void score(const ds_gazetteer *gz, json_t *claims, size_t s, size_t e, const gold *g,
                  tally *t)
{
    bool generic_row = strcmp(g->type, "generic") == 0;
    bool any = false, type = false, date = false, place = false, kill = false, generic = true;
    size_t i;
    json_t *c;
    json_array_foreach(claims, i, c) {
        json_t *span = json_object_get(c, "span");
        size_t cs = (size_t)json_integer_value(json_array_get(span, 0));
        if (cs < s || cs >= e)
            continue;
        any = true;
        generic &= json_is_true(json_object_get(c, "generic"));
        type |= strcmp(json_string_value(json_object_get(c, "event_type")), g->type) == 0;
        date |= date_ok(c, g);
        place |= place_ok(gz, c, g);
        kill |= killed_ok(c, g);
    }
    if (generic_row) {
        t->generic++;
        t->generic_ok += !any || generic;
        return;
    }
    t->rows++;
    t->found += any;
    t->type_ok += type;
    if (strcmp(g->from, "-") != 0)
        t->dated++, t->date_ok += date;
    if (strcmp(g->place, "-") != 0)
        t->placed++, t->place_ok += place;
    if (strcmp(g->killed, "-") != 0)
        t->counted++, t->killed_ok += kill;
}

/* Reads one seed as `add` would, with its manifest metadata, and extracts. */
static bool extract_seed(ds_intake *in, const ds_manifest *m, const ds_extractor *x,
                         const char *prefix, ds_document *d)
{
    char cmd[4096], path[4096] = "";
    snprintf(cmd, sizeof cmd, "ls %s/%s_*.txt", t_seeds_dir(), prefix);
    FILE *p = popen(cmd, "r");
    if (!p || !fgets(path, sizeof path, p)) {
        if (p)
            pclose(p);
        return false;
    }
    pclose(p);
    path[strcspn(path, "\n")] = '\0';
    const ds_manifest_row *row = ds_manifest_find(m, path);
    ds_meta meta = {0};
    if (row)
        meta.published = row->published;
    ds_warnings w = {0};
    ds_error err = {0};
    bool ok = ds_intake_file(in, path, &meta, d, &w, &err) == DS_OK &&
              ds_extract_document(x, d, NULL, &err) == DS_OK;
    ds_warnings_free(&w);
    if (!ok)
        ds_test_fail(__FILE__, __LINE__, "%s: %s", path, err.msg);
    return ok;
}

static int pct(int a, int b) { return b ? 100 * a / b : 100; }

TEST(seed_claims_coded)
{
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent; the seed claim coding needs it");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/gazetteer.dsg", t_repo_root());
    ds_gazetteer *gz = NULL;
    ds_error err = {0};
    if (ds_gazetteer_open(&gz, path, &err) != DS_OK)
        SKIP("no gazetteer index (run `make gazetteer`)");
    ds_intake *in = NULL;
    ds_extractor *x = NULL;
    ds_manifest *m = NULL;
    snprintf(path, sizeof path, "%s/manifest.csv", t_seeds_dir());
    REQUIRE(ds_manifest_load(path, &m, &err) == DS_OK);
    REQUIRE(ds_intake_new(&in, NULL, &err) == DS_OK);
    REQUIRE(ds_extractor_new(&x, gz, ds_intake_registry(in), &err) == DS_OK);
    snprintf(path, sizeof path, "%s/tests/data/seed_claims.tsv", t_repo_root());
    FILE *f = fopen(path, "r");
    REQUIRE(f);
    char line[2048], doc[8] = "";
    ds_document d = {0};
    json_t *claims = NULL;
    tally t = {0};
    bool verbose = getenv("DOSSIER_TEST_VERBOSE") != NULL;
    while (fgets(line, sizeof line, f)) {
        gold g;
        if (line[0] == '#' ||
            sscanf(line, "%7[^\t]\t%127[^\t]\t%63[^\t]\t%63[^\t]\t%15[^\t]\t%15[^\t]\t%127[^\t]\t%*[^\t]\t%31[^\t]",
                   g.doc, g.anchor, g.type, g.sub, g.from, g.to, g.place, g.killed) != 8)
            continue;
        if (strcmp(doc, g.doc) != 0) {
            ds_document_free(&d);
            json_decref(claims);
            claims = json_array();
            snprintf(doc, sizeof doc, "%s", g.doc);
            if (extract_seed(in, m, x, doc, &d))
                for (size_t i = 0; i < d.n_claims; i++)
                    json_array_append_new(claims, json_loads(d.claims[i].value, 0, NULL));
        }
        size_t s, e;
        if (!locate(&d, g.anchor, &s, &e)) {
            ds_test_fail(__FILE__, __LINE__, "%s: anchor \"%s\" is in no sentence", g.doc,
                         g.anchor);
            continue;
        }
        tally before = t;
        score(gz, claims, s, e, &g, &t);
        if (verbose && memcmp(&before, &t, sizeof t) != 0)
            printf("  %s %-32s found %d type %d date %d place %d killed %d\n", g.doc, g.anchor,
                   t.found - before.found, t.type_ok - before.type_ok,
                   t.date_ok - before.date_ok, t.place_ok - before.place_ok,
                   t.killed_ok - before.killed_ok);
    }
    fclose(f);
    printf("  seed claims: %d coded events; claim found %d (%d%%), type %d (%d%%), date %d/%d "
           "(%d%%), place %d/%d (%d%%), killed %d/%d (%d%%); patterns kept generic %d/%d\n",
           t.rows, t.found, pct(t.found, t.rows), t.type_ok, pct(t.type_ok, t.rows), t.date_ok,
           t.dated, pct(t.date_ok, t.dated), t.place_ok, t.placed, pct(t.place_ok, t.placed),
           t.killed_ok, t.counted, pct(t.killed_ok, t.counted), t.generic_ok, t.generic);
    CHECK(t.rows > 0);
    CHECK(pct(t.found, t.rows) >= MIN_FOUND);
    CHECK(pct(t.type_ok, t.rows) >= MIN_TYPE);
    CHECK(pct(t.date_ok, t.dated) >= MIN_DATE);
    CHECK(pct(t.place_ok, t.placed) >= MIN_PLACE);
    CHECK(pct(t.killed_ok, t.counted) >= MIN_KILLED);
    CHECK(pct(t.generic_ok, t.generic) >= MIN_GENERIC);
    json_decref(claims);
    ds_document_free(&d);
    ds_extractor_free(x);
    ds_intake_free(in);
    ds_manifest_free(m);
    ds_gazetteer_close(gz);
}
