/* pg.c: the PostgreSQL backend of the store (libpq): connecting, running
 * statements, and adding documents.
 *
 * Every statement is sent with PQexecParams and its values as bound
 * parameters, never spliced into the SQL.  Several workers may add to one
 * database at once: each document is one transaction of its own, and the
 * UNIQUE sha256 decides which of two workers adding the same document
 * stores it; the other finds it "already present". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg_internal.h"

static pg_store *self(ds_store *s) { return (pg_store *)s; }

pg_int ds__pg_int(int64_t v)
{
    pg_int p;
    snprintf(p.s, sizeof p.s, "%lld", (long long)v);
    return p;
}

const char *ds__pg_val(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int64_t ds__pg_i64(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

double ds__pg_f64(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

/* libpq's messages end in a newline, and some go on with hints on more
 * lines; ours are one line. */
static void trimmed(char *out, size_t size, const char *msg)
{
    snprintf(out, size, "%s", msg ? msg : "");
    size_t n = strcspn(out, "\n");
    out[n] = '\0';
    while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

ds_status ds__pg_fail(pg_store *st, const PGresult *res, const char *doing, ds_error *err)
{
    char msg[512];
    if (PQstatus(st->conn) == CONNECTION_BAD) {
        trimmed(msg, sizeof msg, PQerrorMessage(st->conn));
        return ds_error_set(err, DS_EIO, "lost the connection to %s while trying to %s; "
                            "nothing of it was kept (%s)", st->shown, doing, msg);
    }
    trimmed(msg, sizeof msg, res ? PQresultErrorMessage(res) : PQerrorMessage(st->conn));
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (state && (!strcmp(state, "40P01") || !strcmp(state, "40001") ||
                  !strcmp(state, "55P03")))
        return ds_error_set(err, DS_EBUSY, "%s: cannot %s now, another worker holds what it "
                            "needs; try again (%s)", st->shown, doing, msg);
    return ds_error_set(err, DS_EDB, "%s: cannot %s: %s", st->shown, doing, msg);
}

/* A statement that only reads and was sent outside any transaction of
 * ours: running it again after a lost connection cannot do anything
 * twice. */
static bool may_repeat(const char *sql, bool idle)
{
    return idle && !strncmp(sql, "SELECT ", 7);
}

static ds_status reconnect(pg_store *st, ds_error *err);

PGresult *ds__pg_exec(pg_store *st, const char *sql, int n, const char *const *params,
                      const char *doing, ds_error *err)
{
    bool idle = PQtransactionStatus(st->conn) == PQTRANS_IDLE;
    PGresult *r = PQexecParams(st->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType t = PQresultStatus(r);
    if ((t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) && may_repeat(sql, idle) &&
        PQstatus(st->conn) == CONNECTION_BAD && reconnect(st, NULL) == DS_OK) {
        PQclear(r);
        r = PQexecParams(st->conn, sql, n, NULL, params, NULL, NULL, 0);
        t = PQresultStatus(r);
    }
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
        return r;
    ds__pg_fail(st, r, doing, err);
    PQclear(r);
    return NULL;
}

ds_status ds__pg_run(pg_store *st, const char *sql, int n, const char *const *params,
                     const char *doing, ds_error *err)
{
    PGresult *r = ds__pg_exec(st, sql, n, params, doing, err);
    if (!r)
        return err ? err->code : DS_EDB;
    PQclear(r);
    return DS_OK;
}

/* The library never prints: the server's notices are dropped. */
static void quiet(void *ud, const char *msg)
{
    (void)ud;
    (void)msg;
}

/* Connects again after a lost connection; err may be NULL. */
static ds_status reconnect(pg_store *st, ds_error *err)
{
    PQreset(st->conn);
    if (PQstatus(st->conn) != CONNECTION_OK) {
        char msg[512];
        trimmed(msg, sizeof msg, PQerrorMessage(st->conn));
        return ds_error_set(err, DS_EIO, "lost the connection to %s and cannot connect "
                            "again: %s", st->shown, msg);
    }
    PQsetNoticeProcessor(st->conn, quiet, NULL);
    return DS_OK;
}

ds_status ds__pg_begin(pg_store *st, ds_error *err)
{
    ds_status rc = PQstatus(st->conn) == CONNECTION_BAD ? reconnect(st, err) : DS_OK;
    return rc ? rc : ds__pg_run(st, "BEGIN", 0, NULL, "start a transaction", err);
}

ds_status ds__pg_replace_linked(pg_store *st, const char *const *deletes, size_t n_deletes,
                                const void *rows, size_t n, ds__pg_insert_fn insert,
                                const char *doing, ds_error *err)
{
    /* Two links at once would both delete and then insert the same ids.
     * Any fixed number serves as the lock's key, as long as every link
     * takes the same one. */
    ds_status rc = ds__pg_begin(st, err);
    if (rc == DS_OK)
        rc = ds__pg_run(st, "SELECT pg_advisory_xact_lock(1146311218)", 0, NULL,
                        "wait for another link", err);
    for (size_t i = 0; rc == DS_OK && i < n_deletes; i++)
        rc = ds__pg_run(st, deletes[i], 0, NULL, doing, err);
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        rc = insert(st, rows, i, err);
    if (rc == DS_OK)
        rc = ds__pg_run(st, "COMMIT", 0, NULL, doing, err);
    if (rc)
        PQclear(PQexec(st->conn, "ROLLBACK"));
    return rc;
}

/* postgres://user:secret@host/db is shown as postgres://user:***@host/db. */
static char *mask_password(const char *uri)
{
    const char *auth = strstr(uri, "://");
    auth = auth ? auth + 3 : uri;
    const char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (!at || (slash && slash < at) || !colon)
        return ds_strdup(uri);
    size_t head = (size_t)(colon + 1 - uri);
    size_t len = head + 3 + strlen(at) + 1;
    char *out = ds_malloc(len);
    if (out)
        snprintf(out, len, "%.*s***%s", (int)head, uri, at);
    return out;
}

static void pg_close(ds_store *s)
{
    pg_store *st = self(s);
    PQfinish(st->conn);
    ds_free(st->shown);
    ds_free(st);
}

static ds_status connect_to(pg_store *st, const char *uri, ds_error *err)
{
    st->conn = PQconnectdb(uri);
    if (!st->conn)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    if (PQstatus(st->conn) != CONNECTION_OK) {
        char msg[512];
        trimmed(msg, sizeof msg, PQerrorMessage(st->conn));
        return ds_error_set(err, DS_EIO, "cannot connect to %s: %s", st->shown, msg);
    }
    PQsetNoticeProcessor(st->conn, quiet, NULL);
    if (PQsetClientEncoding(st->conn, "UTF8") != 0)
        return ds__pg_fail(st, NULL, "speak UTF-8 to the server", err);
    return DS_OK;
}

static ds_status pg_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err);

/* Batches: each document is its own transaction even inside one (see the
 * file's comment and docs/postgres.md): a batch spanning documents would
 * hold the row locks of every source and document it wrote until its end,
 * and two workers taking them in different orders would deadlock. */
static ds_status pg_begin(ds_store *s, ds_error *err)
{
    (void)s;
    (void)err;
    return DS_OK;
}

static ds_status pg_commit(ds_store *s, ds_error *err)
{
    (void)s;
    (void)err;
    return DS_OK;
}

static void pg_rollback(ds_store *s) { (void)s; }

static const ds__store_ops pg_ops = {
    .name = "postgres",
    .close = pg_close,
    .add_document = pg_add_document,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .get_document = ds__pg_get_document,
    .each_document = ds__pg_each_document,
    .search = ds__pg_search,
    .stats = ds__pg_stats,
    .each_claim = ds__pg_each_claim,
    .replace_incidents = ds__pg_replace_incidents,
    .each_incident = ds__pg_each_incident,
    .page_incidents = ds__pg_page_incidents,
    .each_note = ds__pg_each_note,
    .replace_citations = ds__pg_replace_citations,
    .each_citation = ds__pg_each_citation,
    .each_place_warning = ds__pg_each_place_warning,
    .add_review = ds__pg_add_review,
    .each_review = ds__pg_each_review,
    .claim_key = ds__pg_claim_key,
    .claim_by_key = ds__pg_claim_by_key,
    .claim_incident = ds__pg_claim_incident,
    .incident_claims = ds__pg_incident_claims,
    .names = ds__pg_names,
};

ds_status ds__pg_open(ds_store **out, const char *uri, ds_store_mode mode, ds_error *err)
{
    *out = NULL;
    pg_store *st = ds_calloc(1, sizeof *st);
    if (!st || !(st->shown = mask_password(uri))) {
        ds_free(st);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    st->base.ops = &pg_ops;
    ds_status rc = connect_to(st, uri, err);
    if (rc == DS_OK)
        rc = mode == DS_STORE_WRITE ? ds__pg_migrate(st, err) : ds__pg_check_schema(st, err);
    if (rc) {
        pg_close(&st->base);
        return rc;
    }
    *out = &st->base;
    return DS_OK;
}

/* --- adding a document -------------------------------------------------- */

/* The source's id, made if new; 0 without a source. */
static ds_status source_id(pg_store *st, const ds_document *doc, pg_int *id, ds_error *err)
{
    *id = ds__pg_int(0);
    if (!doc->source)
        return DS_OK;
    const char *p[] = {doc->source, doc->source_kind};
    PGresult *r = ds__pg_exec(st, "INSERT INTO source(name, kind) VALUES ($1::text, $2::text) "
                              "ON CONFLICT (name) DO UPDATE SET kind = "
                              "coalesce(source.kind, excluded.kind) RETURNING id",
                              2, p, "store the source", err);
    if (!r)
        return err ? err->code : DS_EDB;
    *id = ds__pg_int(ds__pg_i64(r, 0, 0));
    PQclear(r);
    return DS_OK;
}

/* Inserts the document row; *doc_id stays 0 when its sha256 is stored
 * already (by this worker or another one that committed first). */
static ds_status insert_document(pg_store *st, const ds_document *doc, int64_t *doc_id,
                                 ds_error *err)
{
    pg_int src;
    ds_status rc = source_id(st, doc, &src, err);
    if (rc)
        return rc;
    bool dated = doc->published.precision != DS_PREC_NONE;
    char *text = ds_strndup(doc->text ? doc->text : "", doc->text_len);
    if (!text)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *p[] = {doc->sha256, doc->file, doc->format, doc->title, doc->author,
                       strcmp(src.s, "0") ? src.s : NULL, doc->url, doc->lang, doc->notes,
                       dated ? doc->published.start : NULL, dated ? doc->published.end : NULL,
                       ds_precision_name(doc->published.precision), text};
    PGresult *r = ds__pg_exec(
        st, "INSERT INTO document(sha256, file, format, title, author, source_id, url, lang, "
        "notes, pub_start, pub_end, pub_precision, added_at, text) VALUES ($1::text, $2::text, "
        "$3::text, $4::text, $5::text, $6::bigint, $7::text, $8::text, $9::text, $10::text, "
        "$11::text, $12::text, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "$13::text) ON CONFLICT (sha256) DO NOTHING RETURNING id",
        13, p, "store the document", err);
    ds_free(text);
    if (!r)
        return err ? err->code : DS_EDB;
    *doc_id = PQntuples(r) ? ds__pg_i64(r, 0, 0) : 0;
    PQclear(r);
    return DS_OK;
}

static ds_status find_sha(pg_store *st, const char *sha, int64_t *id, ds_error *err)
{
    const char *p[] = {sha};
    PGresult *r = ds__pg_exec(st, "SELECT id FROM document WHERE sha256 = $1::text", 1, p,
                              "look the document up", err);
    if (!r)
        return err ? err->code : DS_EDB;
    *id = PQntuples(r) ? ds__pg_i64(r, 0, 0) : 0;
    PQclear(r);
    return DS_OK;
}

static ds_status insert_all(pg_store *st, ds_document *doc, bool *existed, ds_error *err)
{
    int64_t id = 0;
    ds_status rc = insert_document(st, doc, &id, err);
    if (rc == DS_OK && !id) {
        *existed = true;
        return DS_OK;
    }
    if (rc == DS_OK)
        rc = ds__pg_insert_sentences(st, doc, id, err);
    if (rc == DS_OK)
        rc = ds__pg_insert_mentions(st, doc, id, err);
    if (rc == DS_OK)
        rc = ds__pg_insert_claims(st, doc, id, err);
    if (rc == DS_OK && doc->n_claims)
        rc = ds__pg_insert_names(st, doc, err);
    doc->id = id;
    return rc;
}

void (*ds__pg_test_hook)(PGconn *conn, const char *point);

static void hook(pg_store *st, const char *point)
{
    if (ds__pg_test_hook)
        ds__pg_test_hook(st->conn, point);
}

/* Sends COMMIT and reads its answer.  *unknown is set when the connection
 * was lost once COMMIT may have reached the server: the document may then
 * be stored or not, and only looking tells. */
static ds_status commit_document(pg_store *st, bool *unknown, ds_error *err)
{
    *unknown = true;
    st->committer = PQbackendPID(st->conn); /* libpq forgets it with the connection */
    if (!PQsendQueryParams(st->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
        return ds__pg_fail(st, NULL, "commit the document", err);
    hook(st, "commit-sent");
    PGresult *r, *bad = NULL;
    while ((r = PQgetResult(st->conn))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !bad)
            bad = r;
        else
            PQclear(r);
    }
    *unknown = PQstatus(st->conn) == CONNECTION_BAD;
    ds_status rc = bad || *unknown ? ds__pg_fail(st, bad, "commit the document", err) : DS_OK;
    PQclear(bad);
    return rc;
}

/* One attempt at storing the document in a transaction of its own. */
static ds_status attempt(pg_store *st, ds_document *doc, bool *existed, bool *unknown,
                         ds_error *err)
{
    *existed = *unknown = false;
    doc->id = 0;
    ds_status rc = ds__pg_begin(st, err);
    if (rc == DS_OK)
        rc = insert_all(st, doc, existed, err);
    if (rc == DS_OK && !*existed) {
        hook(st, "before-commit");
        rc = commit_document(st, unknown, err);
    }
    if (rc == DS_OK && *existed) {
        /* Another worker's copy, or an earlier one: ours is dropped whole. */
        PQclear(PQexec(st->conn, "ROLLBACK"));
        rc = find_sha(st, doc->sha256, &doc->id, err);
    }
    if (rc) {
        if (PQstatus(st->conn) == CONNECTION_OK)
            PQclear(PQexec(st->conn, "ROLLBACK"));
        doc->id = 0;
    }
    return rc;
}

enum { ADD_ATTEMPTS = 5, BACKOFF_MS = 50, GONE_POLLS = 250, GONE_POLL_MS = 20 };

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

/* Waits (five seconds at most) until the server process of a lost
 * connection has ended: until then it may still be committing what it was
 * sent, and only then is what it left final. */
static void wait_gone(pg_store *st, int pid)
{
    pg_int p = ds__pg_int(pid);
    const char *v[] = {p.s};
    for (int i = 0; i < GONE_POLLS; i++) {
        PGresult *r = ds__pg_exec(st, "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                                  "$1::integer", 1, v, "wait for the lost connection", NULL);
        bool gone = !r || ds__pg_i64(r, 0, 0) == 0;
        PQclear(r);
        if (gone)
            return;
        pause_ms(GONE_POLL_MS);
    }
}

/* After a COMMIT whose outcome is unknown: DS_OK with doc->id when the
 * document is stored (by this commit, or by another worker's at the same
 * moment: one copy either way), DS_ENOTFOUND when it is not.  Should the
 * old server process outlive the wait, a document not found yet is tried
 * again, which is still safe: the new insert waits on the old one's
 * sha256 and finds the document "already present" if it committed. */
static ds_status settle(pg_store *st, ds_document *doc, ds_error *err)
{
    ds_status rc = reconnect(st, err);
    if (rc == DS_OK && st->committer)
        wait_gone(st, st->committer);
    if (rc == DS_OK)
        rc = find_sha(st, doc->sha256, &doc->id, err);
    return rc == DS_OK && !doc->id ? DS_ENOTFOUND : rc;
}

static void back_off(int tries) { pause_ms((long)BACKOFF_MS << tries); }

/* A document whose transaction failed before it could commit (a deadlock
 * or serialization failure, or a lost connection) left nothing behind,
 * so it is tried again, a few times, waiting longer each time.  One whose
 * COMMIT went out and then lost the connection is not sent again blindly:
 * it is looked up by its sha256 first. */
static ds_status pg_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err)
{
    pg_store *st = self(s);
    bool dummy;
    existed = existed ? existed : &dummy;
    ds_status rc = DS_OK;
    for (int tries = 0; tries < ADD_ATTEMPTS; tries++) {
        if (tries)
            back_off(tries - 1);
        bool unknown;
        rc = attempt(st, doc, existed, &unknown, err);
        if (rc == DS_OK || (!unknown && rc != DS_EBUSY && rc != DS_EIO))
            return rc;
        if (unknown) {
            ds_status found = settle(st, doc, err);
            if (found != DS_ENOTFOUND)
                return found;
        }
    }
    return rc;
}
