/* sqlite_review.c: the SQLite backend's notes, citations and review log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"

static int bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return s ? sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(q, i);
}

static const char *col(sqlite3_stmt *q, int i) { return (const char *)sqlite3_column_text(q, i); }

/* Footnotes, and sentences whose words hold http or https (found through
 * the full-text index, so that documents without links are not read). */
ds_status ds__sqlite_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db,
        "SELECT doc_id, idx, kind = 'footnote', text FROM sentence_text "
        "WHERE kind = 'footnote' OR id IN (SELECT rowid FROM sentence_fts "
        "WHERE sentence_fts MATCH 'http OR https') ORDER BY id", -1, &q, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(q)) != SQLITE_ROW)
            break;
        ds_note_record n = {.doc_id = sqlite3_column_int64(q, 0),
                            .sentence = (size_t)sqlite3_column_int64(q, 1),
                            .footnote = sqlite3_column_int(q, 2) != 0, .text = col(q, 3),
                            .len = (size_t)sqlite3_column_bytes(q, 3)};
        if (n.text && cb(ud, &n)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the notes", err);
}

static int insert_citation(sqlite3_stmt *q, const ds_citation_record *c)
{
    sqlite3_bind_int64(q, 1, c->from);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)c->sentence);
    bind_text(q, 3, c->note);
    bind_text(q, 4, c->text ? c->text : "");
    bind_text(q, 5, c->author);
    bind_text(q, 6, c->title);
    bind_text(q, 7, c->publisher);
    bind_text(q, 8, c->url);
    bind_text(q, 9, c->date.precision ? c->date.start : NULL);
    bind_text(q, 10, c->date.precision ? c->date.end : NULL);
    bind_text(q, 11, ds_precision_name(c->date.precision));
    if (c->to)
        sqlite3_bind_int64(q, 12, c->to);
    else
        sqlite3_bind_null(q, 12);
    sqlite3_bind_double(q, 13, c->score);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

ds_status ds__sqlite_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                       ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; DELETE FROM citation;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO citation(doc_id, sentence_idx, note, text, "
                                "author, title, publisher, url, date_start, date_end, "
                                "date_precision, to_doc, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                "?7, ?8, ?9, ?10, ?11, ?12, ?13)", -1, &q, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = insert_citation(q, &v[i]);
    sqlite3_finalize(q);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return DS_OK;
    ds_status status = ds__sqlite_fail(st, rc, "store the citations", err);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return status;
}

ds_status ds__sqlite_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT doc_id, sentence_idx, note, text, author, "
                                "title, publisher, url, date_start, date_end, date_precision, "
                                "to_doc, score FROM citation ORDER BY id", -1, &q, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(q)) != SQLITE_ROW)
            break;
        ds_citation_record c = {
            .from = sqlite3_column_int64(q, 0), .sentence = (size_t)sqlite3_column_int64(q, 1),
            .note = col(q, 2), .text = col(q, 3), .author = col(q, 4), .title = col(q, 5),
            .publisher = col(q, 6), .url = col(q, 7), .to = sqlite3_column_int64(q, 11),
            .score = sqlite3_column_double(q, 12)};
        if (col(q, 8) && col(q, 10)) {
            snprintf(c.date.start, sizeof c.date.start, "%s", col(q, 8));
            snprintf(c.date.end, sizeof c.date.end, "%s", col(q, 9) ? col(q, 9) : col(q, 8));
            ds_precision_parse(col(q, 10), &c.date.precision);
        }
        if (cb(ud, &c)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the citations", err);
}

ds_status ds__sqlite_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                       ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT doc_id, start, end, w FROM (SELECT doc_id, "
                                "start, end, json_extract(value, '$.warning') AS w FROM mention "
                                "WHERE kind = 'place') WHERE w IS NOT NULL ORDER BY doc_id, start",
                                -1, &q, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(q)) != SQLITE_ROW)
            break;
        ds_place_warning w = {.doc_id = sqlite3_column_int64(q, 0),
                              .start = (size_t)sqlite3_column_int64(q, 1),
                              .end = (size_t)sqlite3_column_int64(q, 2), .warning = col(q, 3)};
        if (w.warning && cb(ud, &w)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the place warnings", err);
}

ds_status ds__sqlite_add_review(ds_store *s, ds_review_event *e, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "INSERT INTO review_event(at, user, action, target, "
                                "claims, others, field, before, after, why) VALUES "
                                "(coalesce(?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?1, ?2, ?3, "
                                "?4, ?5, ?6, ?7, ?8, ?9)", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        const char *v[] = {e->user, e->action, e->target, e->claims ? e->claims : "[]",
                           e->others ? e->others : "[]", e->field, e->before, e->after, e->why,
                           e->at};
        for (int i = 0; i < 10; i++)
            bind_text(q, i + 1, v[i]);
        rc = sqlite3_step(q);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "record the review decision", err);
    e->id = sqlite3_last_insert_rowid(st->db);
    return DS_OK;
}

ds_status ds__sqlite_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT id, at, user, action, target, claims, others, "
                                "field, before, after, why FROM review_event ORDER BY id", -1,
                                &q, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(q)) != SQLITE_ROW)
            break;
        ds_review_event e = {.id = sqlite3_column_int64(q, 0), .at = col(q, 1),
                             .user = col(q, 2), .action = col(q, 3), .target = col(q, 4),
                             .claims = col(q, 5), .others = col(q, 6), .field = col(q, 7),
                             .before = col(q, 8), .after = col(q, 9), .why = col(q, 10)};
        if (cb(ud, &e)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the review log", err);
}

ds_status ds__sqlite_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                               ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db,
        "SELECT d.sha256, c.start, c.end, (SELECT count(*) FROM claim o WHERE "
        "o.doc_id = c.doc_id AND o.start = c.start AND o.end = c.end AND o.id < c.id) "
        "FROM claim c JOIN document d ON d.id = c.doc_id WHERE c.id = ?1", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, claim_id);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        snprintf(key, size, "%s:%lld-%lld:%lld", col(q, 0),
                 (long long)sqlite3_column_int64(q, 1), (long long)sqlite3_column_int64(q, 2),
                 (long long)sqlite3_column_int64(q, 3));
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return DS_OK;
    if (rc == SQLITE_DONE)
        return ds_error_set(err, DS_ENOTFOUND, "no claim c%lld", (long long)claim_id);
    return ds__sqlite_fail(st, rc, "read a claim", err);
}

ds_status ds__sqlite_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    char sha[65];
    long long start, end, rank;
    *id = 0;
    if (sscanf(key, "%64[0-9a-f]:%lld-%lld:%lld", sha, &start, &end, &rank) != 4)
        return DS_OK;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT c.id FROM claim c JOIN document d ON "
                                "d.id = c.doc_id WHERE d.sha256 = ?1 AND c.start = ?2 AND "
                                "c.end = ?3 ORDER BY c.id LIMIT 1 OFFSET ?4", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, sha, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, start);
        sqlite3_bind_int64(q, 3, end);
        sqlite3_bind_int64(q, 4, rank);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DS_OK
                                                  : ds__sqlite_fail(st, rc, "find a claim", err);
}

ds_status ds__sqlite_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                    ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    *incident = 0;
    int rc = sqlite3_prepare_v2(st->db, "SELECT ic.incident_id FROM claim c LEFT JOIN "
                                "incident_claim ic ON ic.claim_id = c.id WHERE c.id = ?1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, claim_id);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        *incident = sqlite3_column_int64(q, 0); /* 0 for NULL: in no incident */
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return DS_OK;
    if (rc == SQLITE_DONE)
        return ds_error_set(err, DS_ENOTFOUND, "no claim c%lld", (long long)claim_id);
    return ds__sqlite_fail(st, rc, "find a claim's incident", err);
}

ds_status ds__sqlite_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                     ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    int rc = sqlite3_prepare_v2(st->db, "SELECT claim_id FROM incident_claim WHERE "
                                "incident_id = ?1 ORDER BY claim_id", -1, &q, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(q, 1, incident);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(q)) != SQLITE_ROW)
            break;
        int64_t *v = ds_grow(*ids, &cap, *n, sizeof *v);
        if (!v) {
            rc = SQLITE_NOMEM;
            break;
        }
        *ids = v;
        v[(*n)++] = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        ds_free(*ids);
        *ids = NULL;
        return ds__sqlite_fail(st, rc, "read the incident's claims", err);
    }
    if (!*n)
        return ds_error_set(err, DS_ENOTFOUND, "no incident i%lld", (long long)incident);
    return DS_OK;
}
