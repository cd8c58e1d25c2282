/* Tests of the PostgreSQL backend through the store interface: a document
 * stored once, a lost connection, and the append-only review log. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"
#include "test.h"
#include "test_pg.h"

static void make_doc(ds_document *d, const char *sha_seed, const char *text)
{
    memset(d, 0, sizeof *d);
    d->file = ds_strdup("f.txt");
    d->format = ds_strdup("text");
    d->source = ds_strdup("Meridian News Agency");
    d->text = ds_strdup(text);
    d->text_len = strlen(text);
    snprintf(d->sha256, sizeof d->sha256, "%064d", atoi(sha_seed));
    d->sentences = ds_calloc(1, sizeof *d->sentences);
    d->sentences[d->n_sentences++] = (ds_sentence){0, d->text_len, DS_SENT_BODY};
}

/* Runs one statement on its own connection; out receives its error, else
 * the first value it returns, else "". */
static void run_sql(const char *uri, const char *sql, char *out, size_t size)
{
    PGconn *c = PQconnectdb(uri);
    PGresult *r = PQexec(c, sql);
    ExecStatusType t = PQresultStatus(r);
    const char *value = t == PGRES_TUPLES_OK && PQntuples(r) && PQnfields(r)
                            ? PQgetvalue(r, 0, 0) : "";
    snprintf(out, size, "%s",
             t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK ? value : PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
}

/* A fresh database's URI and a store open on it for writing. */
#define PG_STORE(uri, s, err)                                                \
    const char *uri;                                                         \
    T_PG_DATABASE(uri);                                                      \
    ds_store *s = NULL;                                                      \
    ds_error err = {0};                                                      \
    REQUIRE(ds_store_open(&s, uri, DS_STORE_WRITE, &err) == DS_OK)

TEST(pg_store_adds_once)
{
    PG_STORE(uri, s, err);
    ds_document d;
    make_doc(&d, "1", "Armed men entered Ţarţūs on Friday.");
    bool existed = true;
    CHECK_INT(ds_store_add_document(s, &d, &existed, &err), DS_OK);
    CHECK(!existed);
    int64_t id = d.id;
    CHECK(id > 0);
    CHECK_INT(ds_store_add_document(s, &d, &existed, &err), DS_OK);
    CHECK(existed);
    CHECK_INT(d.id, id);
    ds_store_stats st;
    CHECK_INT(ds_store_stats_get(s, &st, &err), DS_OK);
    CHECK_INT(st.documents, 1);
    CHECK_INT(st.sentences, 1);
    ds_document_free(&d);
    ds_store_close(s);
}

static int count_document(void *ud, const ds_document *d)
{
    (void)d;
    ++*(size_t *)ud;
    return 0;
}

TEST(pg_store_lost_connection)
{
    PG_STORE(uri, s, err);
    ds_document d;
    make_doc(&d, "1", "The first report.");
    CHECK_INT(ds_store_add_document(s, &d, NULL, &err), DS_OK);
    ds_document_free(&d);

    /* Ends the store's server process, and waits until it is gone. */
    char msg[512];
    const char *end_it = "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()";
    run_sql(uri, end_it, msg, sizeof msg);
    CHECK_STR(msg, "t");
    /* A read outside any transaction is run again once connected. */
    ds_store_stats st;
    CHECK_INT(ds_store_stats_get(s, &st, &err), DS_OK);
    CHECK_INT(st.documents, 1);
    /* So is a walk that has read nothing yet. */
    run_sql(uri, end_it, msg, sizeof msg);
    size_t seen = 0;
    CHECK_INT(ds_store_each_document(s, NULL, count_document, &seen, &err), DS_OK);
    CHECK_INT(seen, 1);

    /* Again, and the next document connects again: no transaction was open. */
    run_sql(uri, end_it, msg, sizeof msg);
    make_doc(&d, "2", "The second report.");
    CHECK_INT(ds_store_add_document(s, &d, NULL, &err), DS_OK);
    ds_document_free(&d);
    CHECK_INT(ds_store_stats_get(s, &st, &err), DS_OK);
    CHECK_INT(st.documents, 2);
    ds_store_close(s);
}

TEST(pg_store_review_log_append_only)
{
    PG_STORE(uri, s, err);
    ds_review_event e = {.user = "ana", .action = "reject", .target = "c1",
                         .why = "O'Brien's \"date\""};
    CHECK_INT(ds_store_add_review(s, &e, &err), DS_OK);
    CHECK(e.id > 0);
    ds_store_close(s);
    char msg[512];
    run_sql(uri, "UPDATE review_event SET why = 'changed'", msg, sizeof msg);
    CHECK_CONTAINS(msg, "append-only");
    run_sql(uri, "DELETE FROM review_event", msg, sizeof msg);
    CHECK_CONTAINS(msg, "append-only");
    run_sql(uri, "SELECT count(*) FROM review_event WHERE why = 'O''Brien''s \"date\"'", msg,
            sizeof msg);
    CHECK_STR(msg, "1");
}

/* More sentences than one INSERT statement carries: all stored, in order. */
TEST(pg_store_many_sentences)
{
    PG_STORE(uri, s, err);
    enum { N = 2500 };
    ds_document d;
    make_doc(&d, "7", "x");
    ds_free(d.text);
    ds_free(d.sentences);
    d.text = ds_malloc(N * 6 + 1);
    d.sentences = ds_calloc(N, sizeof *d.sentences);
    REQUIRE(d.text && d.sentences);
    for (size_t i = 0; i < N; i++) {
        snprintf(d.text + i * 6, 7, "w%04zu ", i);
        d.sentences[i] = (ds_sentence){i * 6, i * 6 + 5, DS_SENT_BODY};
    }
    d.text_len = N * 6;
    d.n_sentences = N;
    CHECK_INT(ds_store_add_document(s, &d, NULL, &err), DS_OK);
    ds_document back;
    CHECK_INT(ds_store_get_document(s, d.id, true, &back, &err), DS_OK);
    CHECK_INT(back.n_sentences, N);
    if (back.n_sentences == N)
        CHECK_INT(back.sentences[N - 1].start, (N - 1) * 6);
    ds_document_free(&back);
    ds_document_free(&d);
    ds_store_close(s);
}

typedef struct {
    size_t seen, stop_at;
    ds_store *s;
    bool nested_ok;
} walk_count;

static int count_claim(void *ud, const ds_claim_record *c)
{
    walk_count *w = ud;
    (void)c;
    ds_store_stats st;
    ds_error err = {0};
    if (++w->seen == 1)
        w->nested_ok = ds_store_stats_get(w->s, &st, &err) == DS_OK && st.documents == 1;
    return w->stop_at && w->seen >= w->stop_at;
}

/* More claims than one chunk of the cursor: every one read, the count
 * given first, the store usable from the callback and after a walk
 * stopped half-way. */
TEST(pg_store_walks_in_chunks)
{
    PG_STORE(uri, s, err);
    ds_document d;
    make_doc(&d, "3", "Many claims.");
    REQUIRE(ds_store_add_document(s, &d, NULL, &err) == DS_OK);
    char sql[512], msg[256];
    snprintf(sql, sizeof sql, "INSERT INTO claim(doc_id, sentence_idx, start, \"end\", "
             "event_type, value) SELECT %lld, 0, g, g + 1, 'Battles', '{\"n\":' || g || '}' "
             "FROM generate_series(1, 2500) g", (long long)d.id);
    run_sql(uri, sql, msg, sizeof msg);
    CHECK_STR(msg, "");
    walk_count w = {.s = s};
    size_t total = 0;
    CHECK_INT(ds_store_each_claim(s, count_claim, &w, &total, &err), DS_OK);
    CHECK_INT(total, 2500);
    CHECK_INT(w.seen, 2500);
    CHECK(w.nested_ok);
    w = (walk_count){.s = s, .stop_at = 1500};
    CHECK_INT(ds_store_each_claim(s, count_claim, &w, NULL, &err), DS_OK);
    CHECK_INT(w.seen, 1500);
    ds_document_free(&d);
    make_doc(&d, "4", "After the walk.");
    CHECK_INT(ds_store_add_document(s, &d, NULL, &err), DS_OK);
    ds_document_free(&d);
    ds_store_close(s);
}

static int collect_name(void *ud, const ds_name_hit *h)
{
    ds_buf *b = ud;
    ds_buf_printf(b, "%.3f %s %s\n", h->score, h->kind, h->name);
    return 0;
}

static char *names_of(ds_store *s, const char *kind, const char *query)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    ds_error err = {0};
    if (ds_store_names(s, kind, query, 10, collect_name, &b, &err) != DS_OK)
        ds_test_fail(__FILE__, __LINE__, "names: %s", err.msg);
    char *out = ds_buf_steal(&b, NULL);
    ds_buf_free(&b);
    return out ? out : ds_strdup("");
}

/* The names of a document's claims are kept as it is stored; the server
 * finds them through the trigram index, and without the index the store
 * scores them in C with the same result. */
TEST(pg_store_names_with_and_without_index)
{
    PG_STORE(uri, s, err);
    ds_document d;
    make_doc(&d, "5", "Gunmen attacked Tartus.");
    d.claims = ds_calloc(2, sizeof *d.claims);
    d.claims[0] = (ds_claim){0, d.text_len, 0, ds_strdup(
        "{\"event_type\":\"Battles\",\"location\":{\"name\":\"\\u0162ar\\u0163\\u016bs\"},"
        "\"actors\":[{\"role\":\"perpetrator\",\"name\":\"Gunmen\"}],\"groups\":[\"Alawite\"]}")};
    d.claims[1] = (ds_claim){0, d.text_len, 0, ds_strdup(
        "{\"event_type\":\"Battles\",\"location\":{\"name\":\"Tartus Governorate\"}}")};
    d.n_claims = 2;
    REQUIRE(ds_store_add_document(s, &d, NULL, &err) == DS_OK);
    ds_document_free(&d);
    char msg[256];
    run_sql(uri, "SELECT count(*) FROM claim_name", msg, sizeof msg);
    CHECK_STR(msg, "4");
    run_sql(uri, "SELECT to_regclass('claim_name_trgm') IS NOT NULL", msg, sizeof msg);
    CHECK_STR(msg, "t");
    char *indexed = names_of(s, "place", "Tartous"), *all = names_of(s, NULL, "alawites");
    /* Both keys "tartus"; then 7 trigrams shared of 19 with "tartus governorate". */
    CHECK_STR(indexed, "1.000 place \xc5\xa2\x61r\xc5\xa3\xc5\xabs\n"
                       "0.368 place Tartus Governorate\n");
    CHECK(!strstr(indexed, "Gunmen"));
    CHECK_CONTAINS(all, "group Alawite");
    run_sql(uri, "DROP INDEX claim_name_trgm", msg, sizeof msg);
    char *plain = names_of(s, "place", "Tartous");
    CHECK_STR(plain, indexed);
    ds_free(indexed);
    ds_free(all);
    ds_free(plain);
    ds_store_close(s);

    /* A database made before claim_name (and the incident indexes and
     * killed columns of schemas 7 and 8) gets it, filled from its claims,
     * when a writer upgrades it; a reader asks for the upgrade first. */
    run_sql(uri, "DROP TABLE claim_name; DROP INDEX incident_parent, incident_status, "
            "incident_origins; ALTER TABLE incident DROP COLUMN killed_low, DROP COLUMN "
            "killed_high, DROP COLUMN killed_best; UPDATE schema_version SET version = 5",
            msg, sizeof msg);
    CHECK_INT(ds_store_open(&s, uri, DS_STORE_READ, &err), DS_ENOTDB);
    CHECK_CONTAINS(err.msg, "run `dossier link` on it once to upgrade");
    REQUIRE(ds_store_open(&s, uri, DS_STORE_WRITE, &err) == DS_OK);
    run_sql(uri, "SELECT string_agg(key, '|' ORDER BY key) FROM claim_name", msg, sizeof msg);
    CHECK_STR(msg, "alawite|gunmen|tartus|tartus governorate");
    run_sql(uri, "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE "
            "tablename = 'incident' AND indexname <> 'incident_date'", msg, sizeof msg);
    CHECK_STR(msg, "incident_origins incident_parent incident_pkey incident_status");
    run_sql(uri, "SELECT to_regclass('claim_name_trgm') IS NOT NULL", msg, sizeof msg);
    CHECK_STR(msg, "t");
    ds_store_close(s);
}
