/* sqlite.c: the embedded SQLite backend of the store. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sqlite_internal.h"


static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_FIND_SHA] = "SELECT id FROM document WHERE sha256 = ?1",
    [STMT_SOURCE_UPSERT] = "INSERT INTO source(name, kind) VALUES (?1, ?2) "
                           "ON CONFLICT(name) DO UPDATE SET kind = coalesce(source.kind, excluded.kind)",
    [STMT_SOURCE_ID] = "SELECT id FROM source WHERE name = ?1",
    [STMT_DOC_INSERT] =
        "INSERT INTO document(sha256, file, format, title, author, source_id, url, lang, notes, "
        "pub_start, pub_end, pub_precision, added_at, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?13)",
    [STMT_SENT_INSERT] = "INSERT INTO sentence(id, doc_id, idx, start, end, kind) "
                         "VALUES ((?1 << 20) | ?2, ?1, ?2, ?3, ?4, ?5)",
    [STMT_FTS_INSERT] = "INSERT INTO sentence_fts(rowid, text) VALUES (?1, ?2)",
    [STMT_MENTION_INSERT] = "INSERT INTO mention(doc_id, start, end, kind, value) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_CLAIM_INSERT] = "INSERT INTO claim(doc_id, sentence_idx, start, end, event_type, value) "
                          "VALUES (?1, ?2, ?3, ?4, json_extract(?5, '$.event_type'), ?5)",
};

/* Sentence ids are (doc_id << 20) | idx, see schema.c. */
enum { SENTENCES_PER_DOC = 1 << 20 };

static sqlite_store *self(ds_store *s) { return (sqlite_store *)s; }

ds_status ds__sqlite_fail(sqlite_store *st, int rc, const char *doing, ds_error *err)
{
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    switch (rc & 0xFF) {
    case SQLITE_NOTADB:
        return ds_error_set(err, DS_ENOTDB, "%s: not a SQLite database (%s)", st->path, msg);
    case SQLITE_READONLY:
        return ds_error_set(err, DS_EREADONLY, "%s: database is read-only, cannot %s", st->path,
                            doing);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ds_error_set(err, DS_EBUSY, "%s: database is locked by another process while "
                            "trying to %s; try again", st->path, doing);
    case SQLITE_FULL:
        return ds_error_set(err, DS_EIO, "%s: disk full while trying to %s", st->path, doing);
    case SQLITE_CANTOPEN:
        return ds_error_set(err, DS_EIO, "%s: cannot open database (%s)", st->path, msg);
    case SQLITE_NOMEM:
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory while trying to %s", st->path, doing);
    case SQLITE_CORRUPT:
        return ds_error_set(err, DS_ENOTDB, "%s: database file is damaged (%s)", st->path, msg);
    default:
        return ds_error_set(err, DS_EDB, "%s: cannot %s: %s", st->path, doing, msg);
    }
}

static ds_status exec(sqlite_store *st, const char *sql, const char *doing, ds_error *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, doing, err);
}

static ds_status pragma_int(sqlite_store *st, const char *sql, int *out, ds_error *err)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(q);
        *out = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, "read the database header", err);
}

static void sqlite_close(ds_store *s)
{
    sqlite_store *st = self(s);
    for (int i = 0; i < STMT_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    ds_free(st->path);
    ds_free(st);
}

/* A file that is a SQLite database of another program must be left alone. */
static ds_status check_identity(sqlite_store *st, int *version, ds_error *err)
{
    int app = 0, tables = 0;
    ds_status rc = pragma_int(st, "PRAGMA application_id", &app, err);
    if (rc == DS_OK)
        rc = pragma_int(st, "PRAGMA user_version", version, err);
    if (rc == DS_OK)
        rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err);
    if (rc)
        return rc;
    if (app != DS_SQLITE_APPLICATION_ID && (app != 0 || tables != 0))
        return ds_error_set(err, DS_ENOTDB, "%s: a SQLite database, but not a dossier database",
                            st->path);
    if (*version > ds__sqlite_migration_count())
        return ds_error_set(err, DS_ENOTDB,
                            "%s: made by a newer dossier (schema %d; this one knows %d)",
                            st->path, *version, ds__sqlite_migration_count());
    return DS_OK;
}

static ds_status migrate(sqlite_store *st, int version, ds_error *err)
{
    for (int v = version; v < ds__sqlite_migration_count(); v++) {
        char bump[96];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
                 v + 1, DS_SQLITE_APPLICATION_ID);
        ds_status rc = exec(st, "BEGIN IMMEDIATE", "start the schema upgrade", err);
        if (rc == DS_OK)
            rc = exec(st, ds__sqlite_migration(v), "create the schema", err);
        if (rc == DS_OK)
            rc = exec(st, bump, "record the schema version", err);
        if (rc == DS_OK)
            rc = exec(st, "COMMIT", "commit the schema", err);
        if (rc) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    return DS_OK;
}

static ds_status prepare_all(sqlite_store *st, ds_error *err)
{
    for (int i = 0; i < STMT_COUNT; i++) {
        int rc = sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[i], NULL);
        if (rc != SQLITE_OK)
            return ds__sqlite_fail(st, rc, "prepare statements", err);
    }
    return DS_OK;
}

/* Checks the path before SQLite sees it, for messages a user can act on.
 * A file without any write permission bit is treated as read-only even for
 * root, who could otherwise write it. */
static ds_status check_path(const char *path, ds_store_mode mode, ds_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT && mode == DS_STORE_READ)
            return ds_error_set(err, DS_ENOENT,
                                "%s: no database here yet (add documents with `dossier add`, or "
                                "name another with --db)", path);
        return errno == ENOENT ? DS_OK
                               : ds_error_set(err, DS_EIO, "%s: %s", path, strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return ds_error_set(err, DS_EISDIR, "%s: is a directory, not a database file", path);
    if (mode == DS_STORE_WRITE && !(sb.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))
        return ds_error_set(err, DS_EREADONLY, "%s: database file is read-only", path);
    return DS_OK;
}

static void sqlite_close(ds_store *s);
static ds_status sqlite_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err);
static ds_status sqlite_begin(ds_store *s, ds_error *err);
static ds_status sqlite_commit(ds_store *s, ds_error *err);
static void sqlite_rollback(ds_store *s);

static const ds__store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .add_document = sqlite_add_document,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .get_document = ds__sqlite_get_document,
    .each_document = ds__sqlite_each_document,
    .search = ds__sqlite_search,
    .stats = ds__sqlite_stats,
    .each_claim = ds__sqlite_each_claim,
    .replace_incidents = ds__sqlite_replace_incidents,
    .each_incident = ds__sqlite_each_incident,
    .page_incidents = ds__sqlite_page_incidents,
    .each_note = ds__sqlite_each_note,
    .replace_citations = ds__sqlite_replace_citations,
    .each_citation = ds__sqlite_each_citation,
    .each_place_warning = ds__sqlite_each_place_warning,
    .add_review = ds__sqlite_add_review,
    .each_review = ds__sqlite_each_review,
    .claim_key = ds__sqlite_claim_key,
    .claim_by_key = ds__sqlite_claim_by_key,
    .claim_incident = ds__sqlite_claim_incident,
    .incident_claims = ds__sqlite_incident_claims,
    .names = ds__sqlite_names,
};

ds_status ds__sqlite_open(ds_store **out, const char *path, ds_store_mode mode, ds_error *err)
{
    *out = NULL;
    ds_status rc = check_path(path, mode, err);
    if (rc)
        return rc;
    sqlite_store *st = ds_calloc(1, sizeof *st);
    if (!st || !(st->path = ds_strdup(path))) {
        ds_free(st);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    st->base.ops = &sqlite_ops;
    int flags = mode == DS_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READONLY;
    int src = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
    int version = 0;
    if (src != SQLITE_OK)
        rc = ds__sqlite_fail(st, src, "open the database", err);
    if (rc == DS_OK) {
        sqlite3_extended_result_codes(st->db, 1);
        sqlite3_busy_timeout(st->db, 10000);
        rc = check_identity(st, &version, err);
    }
    if (rc == DS_OK && mode == DS_STORE_WRITE)
        rc = exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;", "switch to WAL mode", err);
    if (rc == DS_OK && mode == DS_STORE_WRITE)
        rc = migrate(st, version, err);
    else if (rc == DS_OK && version < ds__sqlite_migration_count())
        rc = version ? ds_error_set(err, DS_ENOTDB, "%s: %s", path, DS__UPGRADE_HINT)
                     : ds_error_set(err, DS_ENOTDB, "%s: %s", path, DS__EMPTY_HINT);
    if (rc == DS_OK && mode == DS_STORE_WRITE)
        rc = prepare_all(st, err);
    if (rc) {
        sqlite_close(&st->base);
        return rc;
    }
    *out = &st->base;
    return DS_OK;
}

/* --- writing ------------------------------------------------------------ */

static int bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return s ? sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(q, i);
}

/* Steps a write statement to completion and resets it for reuse. */
static int run(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int find_sha(sqlite_store *st, const char *sha, int64_t *id)
{
    sqlite3_stmt *q = st->stmt[STMT_FIND_SHA];
    sqlite3_bind_text(q, 1, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int source_id(sqlite_store *st, const ds_document *doc, sqlite3_int64 *id)
{
    *id = 0;
    if (!doc->source)
        return SQLITE_OK;
    sqlite3_stmt *q = st->stmt[STMT_SOURCE_UPSERT];
    bind_text(q, 1, doc->source);
    bind_text(q, 2, doc->source_kind);
    int rc = run(q);
    if (rc != SQLITE_OK)
        return rc;
    q = st->stmt[STMT_SOURCE_ID];
    bind_text(q, 1, doc->source);
    rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? SQLITE_OK : rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

static int insert_document(sqlite_store *st, const ds_document *doc, sqlite3_int64 src)
{
    sqlite3_stmt *q = st->stmt[STMT_DOC_INSERT];
    bool dated = doc->published.precision != DS_PREC_NONE;
    bind_text(q, 1, doc->sha256);
    bind_text(q, 2, doc->file);
    bind_text(q, 3, doc->format);
    bind_text(q, 4, doc->title);
    bind_text(q, 5, doc->author);
    if (src)
        sqlite3_bind_int64(q, 6, src);
    bind_text(q, 7, doc->url);
    bind_text(q, 8, doc->lang);
    bind_text(q, 9, doc->notes);
    bind_text(q, 10, dated ? doc->published.start : NULL);
    bind_text(q, 11, dated ? doc->published.end : NULL);
    bind_text(q, 12, ds_precision_name(doc->published.precision));
    sqlite3_bind_text(q, 13, doc->text, (int)doc->text_len, SQLITE_STATIC);
    return run(q);
}

static int insert_sentences(sqlite_store *st, const ds_document *doc, sqlite3_int64 doc_id)
{
    sqlite3_stmt *ins = st->stmt[STMT_SENT_INSERT], *fts = st->stmt[STMT_FTS_INSERT];
    for (size_t i = 0; i < doc->n_sentences; i++) {
        const ds_sentence *s = &doc->sentences[i];
        sqlite3_bind_int64(ins, 1, doc_id);
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)s->start);
        sqlite3_bind_int64(ins, 4, (sqlite3_int64)s->end);
        sqlite3_bind_text(ins, 5, ds_sentence_kind_name(s->kind), -1, SQLITE_STATIC);
        int rc = run(ins);
        if (rc != SQLITE_OK)
            return rc;
        sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(st->db));
        sqlite3_bind_text(fts, 2, doc->text + s->start, (int)(s->end - s->start), SQLITE_STATIC);
        if ((rc = run(fts)) != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int insert_mentions(sqlite_store *st, const ds_document *doc, sqlite3_int64 doc_id)
{
    sqlite3_stmt *ins = st->stmt[STMT_MENTION_INSERT];
    for (size_t i = 0; i < doc->n_mentions; i++) {
        const ds_mention *m = &doc->mentions[i];
        sqlite3_bind_int64(ins, 1, doc_id);
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)m->start);
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)m->end);
        sqlite3_bind_text(ins, 4, m->kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, m->value, -1, SQLITE_STATIC);
        int rc = run(ins);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int insert_claims(sqlite_store *st, const ds_document *doc, sqlite3_int64 doc_id)
{
    sqlite3_stmt *ins = st->stmt[STMT_CLAIM_INSERT];
    for (size_t i = 0; i < doc->n_claims; i++) {
        const ds_claim *c = &doc->claims[i];
        sqlite3_bind_int64(ins, 1, doc_id);
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)c->sentence);
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)c->start);
        sqlite3_bind_int64(ins, 4, (sqlite3_int64)c->end);
        sqlite3_bind_text(ins, 5, c->value, -1, SQLITE_STATIC);
        int rc = run(ins);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static ds_status sqlite_begin(ds_store *s, ds_error *err)
{
    return exec(self(s), "BEGIN IMMEDIATE", "start a transaction", err);
}

static ds_status sqlite_commit(ds_store *s, ds_error *err)
{
    return exec(self(s), "COMMIT", "commit", err);
}

static void sqlite_rollback(ds_store *s)
{
    sqlite3_exec(self(s)->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Inserts a document inside the transaction already open. */
static int insert_all(sqlite_store *st, ds_document *doc, bool *existed)
{
    int64_t id = 0;
    sqlite3_int64 src = 0;
    int rc = find_sha(st, doc->sha256, &id);
    if (rc == SQLITE_OK && id) {
        *existed = true;
        doc->id = id;
        return SQLITE_OK;
    }
    if (rc == SQLITE_OK)
        rc = source_id(st, doc, &src);
    if (rc == SQLITE_OK)
        rc = insert_document(st, doc, src);
    if (rc == SQLITE_OK) {
        id = sqlite3_last_insert_rowid(st->db);
        rc = insert_sentences(st, doc, id);
    }
    if (rc == SQLITE_OK)
        rc = insert_mentions(st, doc, id);
    if (rc == SQLITE_OK)
        rc = insert_claims(st, doc, id);
    if (rc == SQLITE_OK)
        doc->id = id;
    return rc;
}

static ds_status sqlite_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err)
{
    sqlite_store *st = self(s);
    *existed = false;
    if (doc->text_len > (size_t)INT32_MAX || doc->n_sentences > SENTENCES_PER_DOC)
        return ds_error_set(err, DS_ETOOBIG, "%s: too large to store", doc->file);
    /* Outside a batch the document is its own transaction. */
    bool own = !s->in_batch;
    if (own) {
        ds_status rc = exec(st, "BEGIN IMMEDIATE", "start a transaction", err);
        if (rc)
            return rc;
    }
    int sr = insert_all(st, doc, existed);
    if (sr == SQLITE_OK && own)
        sr = sqlite3_exec(st->db, *existed ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
    if (sr != SQLITE_OK) {
        ds_status rc = ds__sqlite_fail(st, sr, "store the document", err);
        if (own)
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        doc->id = 0;
        return rc;
    }
    return DS_OK;
}
