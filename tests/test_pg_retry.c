/* Tests of the PostgreSQL backend's retries: a document whose transaction
 * fails before COMMIT is stored again, one whose COMMIT went out before
 * the connection was lost is looked up, not stored twice, and a read that
 * loses its connection is run again once connected. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "store/pg_internal.h"
#include "test.h"
#include "test_pg.h"

static void make_doc(ds_document *d, int seed, const char *text)
{
    memset(d, 0, sizeof *d);
    d->file = ds_strdup("f.txt");
    d->format = ds_strdup("text");
    d->text = ds_strdup(text);
    d->text_len = strlen(text);
    snprintf(d->sha256, sizeof d->sha256, "%064d", seed);
    d->sentences = ds_calloc(1, sizeof *d->sentences);
    d->sentences[d->n_sentences++] = (ds_sentence){0, d->text_len, DS_SENT_BODY};
}

/* One statement on a connection of its own; its first value, or its error. */
static void sql(const char *uri, const char *text, char *out, size_t size)
{
    PGconn *c = PQconnectdb(uri);
    PGresult *r = PQexec(c, text);
    ExecStatusType t = PQresultStatus(r);
    snprintf(out, size, "%s",
             t == PGRES_TUPLES_OK && PQntuples(r) ? PQgetvalue(r, 0, 0)
             : t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
}

/* What the hooks below do, once, at the point named. */
typedef struct {
    const char *uri, *point;
    int fired;
    bool cut; /* close our end of the socket instead of ending the server process */
} hook_plan;
static hook_plan plan;

static void end_connection(PGconn *conn, const char *point)
{
    if (plan.fired || strcmp(point, plan.point))
        return;
    plan.fired++;
    if (plan.cut) {
        shutdown(PQsocket(conn), SHUT_RDWR);
        return;
    }
    char q[128], out[256];
    snprintf(q, sizeof q, "SELECT pg_terminate_backend(%d, 10000)", PQbackendPID(conn));
    sql(plan.uri, q, out, sizeof out);
}

/* The number of documents and of sentences stored, "d/s". */
static void counts(const char *uri, char *out, size_t size)
{
    sql(uri, "SELECT (SELECT count(*) FROM document) || '/' || (SELECT count(*) FROM sentence)",
        out, size);
}

static void add_with_plan(const char *uri, const char *point, bool cut, char *result,
                          size_t size)
{
    ds_store *s = NULL;
    ds_error err = {0};
    if (ds_store_open(&s, uri, DS_STORE_WRITE, &err) != DS_OK) {
        ds_test_fail(__FILE__, __LINE__, "open: %s", err.msg);
        return;
    }
    plan = (hook_plan){uri, point, 0, cut};
    ds__pg_test_hook = end_connection;
    ds_document d;
    make_doc(&d, 1, "Armed men entered the village on Friday.");
    bool existed = true;
    CHECK_INT(ds_store_add_document(s, &d, &existed, &err), DS_OK);
    ds__pg_test_hook = NULL;
    CHECK_INT(plan.fired, 1);
    CHECK(!existed);
    CHECK(d.id > 0);
    ds_document_free(&d);
    ds_store_close(s);
    counts(uri, result, size);
}

TEST(pg_retry_lost_before_commit)
{
    const char *uri;
    T_PG_DATABASE(uri);
    char got[64];
    add_with_plan(uri, "before-commit", false, got, sizeof got);
    CHECK_STR(got, "1/1"); /* stored again on a new connection, once */
}

static void flaky_inserts(const char *uri, const char *state, int times);
static ds_status add_one(const char *uri, ds_error *err);

TEST(pg_retry_commit_outcome_unknown)
{
    const char *uri;
    T_PG_DATABASE(uri);
    ds_error err = {0};
    REQUIRE(add_one(uri, &err) == DS_OK); /* the schema */
    char got[64];
    sql(uri, "DELETE FROM sentence; DELETE FROM document", got, sizeof got);
    flaky_inserts(uri, "40001", 0); /* counts the inserts */
    /* COMMIT went out, then the answer was lost: the server committed, and
     * the store finds the document by its sha256 instead of adding it again. */
    add_with_plan(uri, "commit-sent", true, got, sizeof got);
    CHECK_STR(got, "1/1");
    sql(uri, "SELECT last_value FROM flaky", got, sizeof got);
    CHECK_STR(got, "1");
}

/* A trigger failing the first `times` inserts of a document with SQLSTATE
 * state (a sequence counts them: it is not rolled back with them). */
static void flaky_inserts(const char *uri, const char *state, int times)
{
    char q[1024], out[512];
    sql(uri, "CREATE SEQUENCE flaky", out, sizeof out);
    snprintf(q, sizeof q,
             "CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
             "IF nextval('flaky') <= %d THEN RAISE EXCEPTION 'simulated' USING ERRCODE = '%s'; "
             "END IF; RETURN NEW; END $$", times, state);
    sql(uri, q, out, sizeof out);
    CHECK_STR(out, "");
    sql(uri, "CREATE TRIGGER flaky BEFORE INSERT ON document FOR EACH ROW EXECUTE FUNCTION "
        "flaky()", out, sizeof out);
    CHECK_STR(out, "");
}

static ds_status add_one(const char *uri, ds_error *err)
{
    ds_store *s = NULL;
    ds_status rc = ds_store_open(&s, uri, DS_STORE_WRITE, err);
    ds_document d;
    make_doc(&d, 2, "Shelling hit the market.");
    if (rc == DS_OK)
        rc = ds_store_add_document(s, &d, NULL, err);
    ds_document_free(&d);
    ds_store_close(s);
    return rc;
}

TEST(pg_retry_deadlock_victim)
{
    const char *uri;
    T_PG_DATABASE(uri);
    ds_error err = {0};
    REQUIRE(add_one(uri, &err) == DS_OK); /* the schema, and a first document */
    char out[64];
    sql(uri, "DELETE FROM sentence; DELETE FROM document", out, sizeof out);
    flaky_inserts(uri, "40P01", 2);
    CHECK_INT(add_one(uri, &err), DS_OK);
    counts(uri, out, sizeof out);
    CHECK_STR(out, "1/1");
    sql(uri, "SELECT last_value FROM flaky", out, sizeof out);
    CHECK_STR(out, "3"); /* two failures, then stored */
}

TEST(pg_retry_bounded)
{
    const char *uri;
    T_PG_DATABASE(uri);
    ds_error err = {0};
    REQUIRE(add_one(uri, &err) == DS_OK);
    char out[64];
    sql(uri, "DELETE FROM sentence; DELETE FROM document", out, sizeof out);
    flaky_inserts(uri, "40001", 1000);
    CHECK_INT(add_one(uri, &err), DS_EBUSY);
    CHECK_CONTAINS(err.msg, "try again");
    counts(uri, out, sizeof out);
    CHECK_STR(out, "0/0");
    sql(uri, "SELECT last_value FROM flaky", out, sizeof out);
    CHECK_STR(out, "5"); /* tried five times, then gave up */
}
