/* test_pg.c: the same integration checks on the SQLite and the PostgreSQL
 * backends, through the dossier program: add (examples, and the seeds when
 * ../shared is present), search, re-adding, linking, the review log, and
 * exports equal between the backends apart from ids; then four concurrent
 * workers against one PostgreSQL database. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "test.h"
#include "test_pg.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

/* Runs the CLI on db; fails the test on a non-zero exit.  The caller frees. */
static t_result run_on(const char *db, const char *const *argv)
{
    setenv("DOSSIER_DB", db, 1);
    t_result r = t_run(argv);
    unsetenv("DOSSIER_DB");
    if (r.status != 0)
        ds_test_fail(__FILE__, __LINE__, "%s %s failed on %s: %s", argv[0],
                     argv[1] ? argv[1] : "", db, r.err);
    return r;
}
#define ON(db, ...) run_on(db, (const char *const[]){__VA_ARGS__, NULL})

static bool ok_on(const char *db, const char *const *argv, char **out)
{
    t_result r = run_on(db, argv);
    bool ok = r.status == 0;
    if (out) {
        *out = r.out;
        r.out = NULL;
    }
    t_result_free(&r);
    return ok;
}
#define OK_ON(db, out, ...) ok_on(db, (const char *const[]){__VA_ARGS__, NULL}, out)

/* --- comparing exports apart from ids ----------------------------------- */

static bool is_id(const char *s)
{
    if ((s[0] != 'd' && s[0] != 'c' && s[0] != 'i') || !s[1])
        return false;
    for (const char *p = s + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Names every document by its sha256 and every claim by its document and
 * span; an incident by the smallest name of its claims. */
static void name_ids(json_t *root, json_t *names)
{
    size_t i, j;
    json_t *v, *c;
    json_array_foreach(json_object_get(root, "documents"), i, v)
        json_object_set(names, json_string_value(json_object_get(v, "id")),
                        json_object_get(v, "sha256"));
    json_array_foreach(json_object_get(root, "incidents"), i, v) {
        const char *least = NULL;
        json_array_foreach(json_object_get(v, "claims"), j, c) {
            char *span = json_dumps(json_object_get(c, "span"), JSON_COMPACT);
            const char *doc = json_string_value(
                json_object_get(names, json_string_value(json_object_get(c, "document"))));
            char name[256];
            snprintf(name, sizeof name, "%s@%s", doc ? doc : "?", span ? span : "?");
            free(span);
            json_object_set_new(names, json_string_value(json_object_get(c, "id")),
                                json_string(name));
            const char *stored = json_string_value(
                json_object_get(names, json_string_value(json_object_get(c, "id"))));
            if (!least || strcmp(stored, least) < 0)
                least = stored;
        }
        if (least)
            json_object_set_new(names, json_string_value(json_object_get(v, "id")),
                                json_sprintf("incident %s", least));
    }
}

static int by_dump(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Text with the ids it names ("d6 (...) gives 50 (c39)", as contradictions
 * do) renamed, so that texts compare apart from ids too. */
static json_t *renamed_text(const char *s, json_t *names)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 20);
    for (size_t i = 0; s[i];) {
        size_t j = i + 1;
        while (s[j] >= '0' && s[j] <= '9')
            j++;
        char id[32];
        json_t *n = NULL;
        if (strchr("dci", s[i]) && j > i + 1 && j - i < sizeof id && (!i || !is_alnum(s[i - 1])) &&
            !is_alnum(s[j])) {
            snprintf(id, sizeof id, "%.*s", (int)(j - i), s + i);
            n = json_object_get(names, id);
        }
        if (n) {
            ds_buf_printf(&b, "<%s>", json_string_value(n));
            i = j;
        } else {
            ds_buf_putc(&b, s[i++]);
        }
    }
    json_t *out = json_string(b.p ? b.p : "");
    ds_buf_free(&b);
    return out;
}

/* A copy with ids renamed, in ids' places and inside texts, timestamps
 * dropped and every array sorted, so that the order in which workers
 * stored things does not matter. */
static json_t *canon(json_t *v, json_t *names)
{
    if (json_is_string(v)) {
        json_t *n = is_id(json_string_value(v)) ? json_object_get(names, json_string_value(v))
                                                : NULL;
        return n ? json_copy(n) : renamed_text(json_string_value(v), names);
    }
    if (json_is_object(v)) {
        json_t *out = json_object();
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) {
            if (!strcmp(k, "added_at") || !strcmp(k, "at"))
                continue;
            json_t *n = is_id(k) ? json_object_get(names, k) : NULL;
            json_object_set_new(out, n ? json_string_value(n) : k, canon(x, names));
        }
        return out;
    }
    if (!json_is_array(v))
        return json_copy(v);
    size_t n = json_array_size(v);
    char **dumps = calloc(n ? n : 1, sizeof *dumps);
    for (size_t i = 0; i < n; i++) {
        json_t *c = canon(json_array_get(v, i), names);
        dumps[i] = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
        json_decref(c);
    }
    qsort(dumps, n, sizeof *dumps, by_dump);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(out, json_loads(dumps[i], JSON_DECODE_ANY, NULL));
        free(dumps[i]);
    }
    free(dumps);
    return out;
}

/* The register of db, canonical; NULL (and a failure) when export fails. */
static char *register_of(const char *db)
{
    char *out = NULL;
    if (!OK_ON(db, &out, "export", "--format", "json"))
        return NULL;
    json_t *root = json_loads(out, 0, NULL);
    free(out);
    if (!root) {
        ds_test_fail(__FILE__, __LINE__, "export of %s is not JSON", db);
        return NULL;
    }
    json_t *names = json_object();
    name_ids(root, names);
    json_t *c = canon(root, names);
    char *s = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(c);
    json_decref(names);
    json_decref(root);
    return s;
}

static size_t count_incidents(const char *db)
{
    char *out = NULL;
    if (!OK_ON(db, &out, "export", "--format", "json"))
        return 0;
    json_t *root = json_loads(out, 0, NULL);
    free(out);
    size_t n = json_array_size(json_object_get(root, "incidents"));
    json_decref(root);
    return n;
}

/* --- the suite both backends run ---------------------------------------- */

static const char *examples_manifest(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/examples/manifest.csv", t_repo_root());
    return path;
}

static void check_search(const char *db)
{
    t_result r = ON(db, "search", "tartus");
    CHECK_CONTAINS(r.out, "Tartus");
    CHECK_CONTAINS(r.err, "matching sentences");
    t_result_free(&r);
    /* Diacritics are folded both ways. */
    r = ON(db, "search", "Ţarţūs");
    CHECK_CONTAINS(r.out, "Tartus");
    t_result_free(&r);
    r = ON(db, "search", "\"at least\"", "killed", "NOT", "women");
    CHECK_CONTAINS(r.err, " matching sentence");
    t_result_free(&r);
}

static void check_review(const char *db)
{
    t_result r = ON(db, "review", "reject", "c12", "--why", "misread date", "--user", "tester");
    t_result_free(&r);
    r = ON(db, "review", "log");
    CHECK_CONTAINS(r.out, "tester");
    CHECK_CONTAINS(r.out, "reject c12");
    CHECK_CONTAINS(r.out, "misread date");
    t_result_free(&r);
}

/* Adds the examples to db, links, checks what a user does with them, and
 * returns the canonical register. */
static char *suite(const char *db)
{
    t_result r = ON(db, "add", "-q", "--db", db, "--manifest", examples_manifest());
    bool added = r.status == 0;
    t_result_free(&r);
    if (!added)
        return NULL;
    r = ON(db, "add", "--manifest", examples_manifest());
    CHECK(!strncmp(r.out, "0 added", 7) || strstr(r.out, "\n0 added"));
    CHECK_CONTAINS(r.out, "13 already present");
    t_result_free(&r);
    check_search(db);
    CHECK(count_incidents(db) > 10);
    r = ON(db, "incidents", "--type", "Attack", "--min-origins", "2");
    CHECK_CONTAINS(r.out, "corroborated");
    t_result_free(&r);
    r = ON(db, "show", "i1");
    t_result_free(&r);
    check_review(db);
    return register_of(db);
}

static void check_same(const char *a, const char *b)
{
    if (!a || !b || !strcmp(a, b))
        return;
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    ds_test_fail(__FILE__, __LINE__, "registers differ at byte %zu: ...%.80s... vs ...%.80s...",
                 i, a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
}

TEST(pg_same_register_as_sqlite)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char pg[256];
    snprintf(pg, sizeof pg, "%s", uri);
    char *a = suite(t_path("lite.db"));
    char *b = suite(pg);
    REQUIRE(a && b);
    CHECK(strlen(a) > 1000);
    check_same(a, b);
    free(a);
    free(b);
}

/* The same sentences found on both backends: prefixes, phrases, OR, NOT,
 * diacritics; the files and sentence numbers of the hits are compared,
 * not their order (the backends rank alike hits differently). */
TEST(pg_search_same_as_sqlite)
{
    const char *uri;
    T_PG_DATABASE(uri);
    const char *dbs[2] = {t_path("search.db"), uri};
    for (int i = 0; i < 2; i++) {
        t_result r = ON(dbs[i], "add", "-q", "--no-link", "--manifest", examples_manifest());
        t_result_free(&r);
    }
    static const char *const queries[] = {
        "kill*", "kill", "displac* OR abduct*", "\"at least\" killed NOT women",
        "Ţarţūs", "tartus civilians", "al-Nasara", "gunm* NOT \"security personnel\"",
        "it's", "\"50\" OR \"fifty\""};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        char *hits[2];
        for (int i = 0; i < 2; i++) {
            t_result r = ON(dbs[i], "search", "--json", "--limit", "1000", queries[q]);
            json_t *v = json_array(); /* one object a line */
            for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
                json_array_append_new(v, json_loads(line, 0, NULL));
            json_t *keys = json_array();
            size_t k;
            json_t *h;
            json_array_foreach(v, k, h)
                json_array_append_new(keys, json_sprintf("%s#%lld",
                    json_string_value(json_object_get(h, "file")),
                    (long long)json_integer_value(json_object_get(h, "sentence"))));
            json_t *c = canon(keys, NULL);
            hits[i] = json_dumps(c, JSON_COMPACT);
            json_decref(c);
            json_decref(keys);
            json_decref(v);
            t_result_free(&r);
        }
        if (strcmp(hits[0], hits[1]))
            ds_test_fail(__FILE__, __LINE__, "search %s: SQLite finds %s, PostgreSQL %s",
                         queries[q], hits[0], hits[1]);
        if (!strcmp(queries[q], "kill*"))
            CHECK(strlen(hits[0]) > 40); /* killed, killing, ... */
        free(hits[0]);
        free(hits[1]);
    }
}

/* Fuzzy name look-ups: another spelling finds the register's name, and
 * both backends give the same list with the same scores. */
TEST(pg_names_same_as_sqlite)
{
    const char *uri;
    T_PG_DATABASE(uri);
    const char *dbs[2] = {t_path("names.db"), uri};
    for (int i = 0; i < 2; i++) {
        t_result r = ON(dbs[i], "add", "-q", "--no-link", "--manifest", examples_manifest());
        t_result_free(&r);
    }
    static const char *const queries[][2] = {
        {"Tartous", "1.00\tplace\tŢarţūs"}, {"Jabla", "1.00\tplace\tJablah"}, {"Safita", "1.00\tplace\tŞāfītā"},
        {"hts", NULL}, {"alawites", NULL}};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        t_result a = ON(dbs[0], "names", queries[q][0]), b = ON(dbs[1], "names", queries[q][0]);
        CHECK_STR(a.out, b.out);
        if (queries[q][1])
            CHECK_CONTAINS(a.out, queries[q][1]);
        t_result_free(&a);
        t_result_free(&b);
    }
    t_result a = ON(dbs[0], "names", "--kind", "group", "alawite");
    t_result b = ON(dbs[1], "names", "--kind", "group", "alawite");
    CHECK_STR(a.out, b.out);
    CHECK(!strstr(a.out, "\tplace\t"));
    t_result_free(&a);
    t_result_free(&b);
}

TEST(pg_seeds_same_register_as_sqlite)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds is absent; the seed comparison needs it");
    const char *uri;
    T_PG_DATABASE(uri);
    char pg[256], manifest[4096];
    snprintf(pg, sizeof pg, "%s", uri);
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", seeds);
    const char *dbs[] = {t_path("seeds.db"), pg};
    char *reg[2];
    for (int i = 0; i < 2; i++) {
        t_result r = ON(dbs[i], "add", "-q", "--manifest", manifest);
        t_result_free(&r);
        reg[i] = register_of(dbs[i]);
    }
    REQUIRE(reg[0] && reg[1]);
    CHECK(strstr(reg[0], "\"incidents\":[{") != NULL);
    check_same(reg[0], reg[1]);
    free(reg[0]);
    free(reg[1]);
}

TEST(pg_reads_need_a_dossier_database)
{
    const char *uri;
    T_PG_DATABASE(uri);
    setenv("DOSSIER_DB", uri, 1);
    t_result r = RUN("ls");
    unsetenv("DOSSIER_DB");
    CHECK(r.status != 0);
    CHECK_CONTAINS(r.err, "an empty database");
    t_result_free(&r);
}

/* A SQLite dossier with a review decision, migrated to PostgreSQL and back:
 * the same register, and the review log with its original times. */
TEST(pg_migrate_both_ways)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char pg[256];
    snprintf(pg, sizeof pg, "%s", uri);
    const char *lite = t_path("from.db"), *back = t_path("back.db");
    t_result r = ON(lite, "add", "-q", "--manifest", examples_manifest());
    t_result_free(&r);
    check_review(lite);
    r = RUN("migrate", "--from", lite, "--to", pg);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "copied 13 documents (0 there already) and 1 review events");
    t_result_free(&r);
    r = RUN("migrate", "-q", "--from", pg, "--to", back);
    CHECK_INT(r.status, 0);
    t_result_free(&r);

    char *logs[3];
    const char *dbs[] = {lite, pg, back};
    for (int i = 0; i < 3; i++)
        OK_ON(dbs[i], &logs[i], "review", "log");
    CHECK_CONTAINS(logs[0], "reject c12");
    CHECK_STR(logs[1], logs[0]);
    CHECK_STR(logs[2], logs[0]);
    for (int i = 0; i < 3; i++)
        free(logs[i]);
    char *a = register_of(lite), *b = register_of(pg), *c = register_of(back);
    check_same(a, b);
    check_same(a, c);
    free(a);
    free(b);
    free(c);

    /* Again into the same target: the documents are there, the log is not doubled. */
    r = RUN("migrate", "--from", lite, "--to", pg);
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "the target has a review log of its own");
    t_result_free(&r);
}

/* --- concurrent workers ------------------------------------------------- */

/* Copies the examples beside four manifests, each with every fourth row
 * of the manifest shuffled (the same shuffle each run), so that the
 * workers store the documents in another order than one worker does. */
static bool write_shards(void)
{
    char script[8192];
    snprintf(script, sizeof script,
             "find '%s/examples' -maxdepth 1 -type f -exec cp {} . ';' && "
             "tail -n +2 manifest.csv | shuf --random-source=manifest.csv > shuffled && "
             "for k in 0 1 2 3; do head -n 1 manifest.csv > shard$k.csv;"
             " awk -v k=$k 'NR %% 4 == k' shuffled >> shard$k.csv; done",
             t_repo_root());
    return T_SH_OK(script);
}

/* Runs four `dossier add --no-link` at once, worker k on manifest k (or
 * all on the same one); their outputs are concatenated in r.out. */
static t_result four_workers(const char *db, bool same)
{
    char script[2048];
    snprintf(script, sizeof script,
             "export DOSSIER_DB='%s'; for k in 0 1 2 3; do "
             "\"$DOSSIER_BIN\" add --no-link --manifest %s > out$k 2>&1 & pids=\"$pids $!\"; done; "
             "s=0; for p in $pids; do wait $p || s=1; done; cat out0 out1 out2 out3; exit $s",
             db, same ? "manifest.csv" : "shard$k.csv");
    return t_sh(script);
}

TEST(pg_four_workers_one_register)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char one[256], four[256];
    snprintf(one, sizeof one, "%s", uri);
    T_PG_DATABASE(uri);
    snprintf(four, sizeof four, "%s", uri);
    REQUIRE(write_shards());

    t_result r = ON(one, "add", "-q", "--manifest", "manifest.csv");
    t_result_free(&r);
    r = four_workers(four, false);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "already present");
    t_result_free(&r);
    r = ON(four, "link");
    t_result_free(&r);
    r = ON(four, "ls");
    CHECK_CONTAINS(r.err, "13 documents");
    t_result_free(&r);

    char *a = register_of(one), *b = register_of(four);
    REQUIRE(a && b);
    check_same(a, b);
    free(a);
    free(b);
}

/* A generated corpus (bench/gencorpus.c: 37 reports, some 1,800 claims
 * and 1,600 incidents, many linked across reports) stored by one worker
 * in name order, by four workers on shuffled shards, and into SQLite in
 * reverse order: one register, contradictions and numbering included. */
TEST(pg_generated_corpus_one_register)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char one[256], four[256], script[4096];
    snprintf(one, sizeof one, "%s", uri);
    T_PG_DATABASE(uri);
    snprintf(four, sizeof four, "%s", uri);
    snprintf(script, sizeof script,
             "${CC:-cc} -std=c17 -O2 -o gencorpus '%s/bench/gencorpus.c' && mkdir corpus && "
             "./gencorpus corpus 1 25 >/dev/null && ls corpus/*.txt > files && "
             "shuf --random-source=files files > shuffled && "
             "\"$DOSSIER_BIN\" add -q --no-link --db '%s' $(cat files) && "
             "\"$DOSSIER_BIN\" add -q --no-link --db lite.db $(sort -r files) && "
             "export DOSSIER_DB='%s'; for k in 0 1 2 3; do awk -v k=$k 'NR %% 4 == k' shuffled "
             "| xargs \"$DOSSIER_BIN\" add -q --no-link & pids=\"$pids $!\"; done; "
             "s=0; for p in $pids; do wait $p || s=1; done; exit $s",
             t_repo_root(), one, four);
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    if (r.status)
        ds_test_fail(__FILE__, __LINE__, "%s", r.err);
    t_result_free(&r);
    const char *dbs[] = {one, four, t_path("lite.db")};
    char *reg[3] = {NULL, NULL, NULL}, summary[3][512];
    for (int i = 0; i < 3; i++) {
        r = ON(dbs[i], "link");
        snprintf(summary[i], sizeof summary[i], "%.*s", (int)strcspn(r.out, "\n"), r.out);
        t_result_free(&r);
        reg[i] = register_of(dbs[i]);
    }
    CHECK(atoi(summary[0] + strlen("linked ")) > 1000);
    CHECK_STR(summary[1], summary[0]);
    CHECK_STR(summary[2], summary[0]);
    REQUIRE(reg[0] && reg[1] && reg[2]);
    CHECK(strstr(reg[0], "\"contested\"") != NULL);
    check_same(reg[0], reg[1]);
    check_same(reg[0], reg[2]);
    for (int i = 0; i < 3; i++)
        free(reg[i]);
}

TEST(pg_four_workers_same_documents_no_duplicate)
{
    const char *uri;
    T_PG_DATABASE(uri);
    REQUIRE(write_shards());
    t_result r = four_workers(uri, true);
    CHECK_INT(r.status, 0);
    /* Each document is stored by exactly one worker: 13 "added" in all. */
    int added = 0, present = 0;
    for (const char *p = r.out; (p = strstr(p, " added (")); p++) {
        const char *line = p;
        while (line > r.out && line[-1] != '\n')
            line--;
        added += atoi(line);
        const char *q = strstr(p, "), ");
        present += q ? atoi(q + 3) : 0;
    }
    CHECK_INT(added, 13);
    CHECK_INT(present, 39);
    t_result_free(&r);
    r = ON(uri, "ls");
    CHECK_CONTAINS(r.err, "13 documents");
    t_result_free(&r);
}
