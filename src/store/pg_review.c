/* pg_review.c: the PostgreSQL backend's notes, citations, place warnings,
 * review log and claim identities. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* The caller's callback and data, for the row functions of the walks
 * below (ds__pg_walk reads the rows a chunk at a time). */
typedef struct {
    void (*cb)(void); /* cast back to its own type to be called */
    void *ud;
} walk_ctx;

/* Footnotes, and sentences holding the word http or https, as the SQLite
 * backend finds them through its index. */
static int note_row(void *ud, const PGresult *r, int i)
{
    const walk_ctx *w = ud;
    ds_note_record n = {.doc_id = ds__pg_i64(r, i, 0), .sentence = (size_t)ds__pg_i64(r, i, 1),
                        .footnote = !strcmp(PQgetvalue(r, i, 2), "t"),
                        .text = PQgetvalue(r, i, 3), .len = (size_t)PQgetlength(r, i, 3)};
    return ((ds_note_cb)w->cb)(w->ud, &n);
}

ds_status ds__pg_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err)
{
    walk_ctx w = {(void (*)(void))cb, ud};
    return ds__pg_walk((pg_store *)s, "SELECT doc_id, idx, kind = 'footnote', text FROM sentence "
                       "WHERE kind = 'footnote' OR text ~* '\\mhttps?\\M' ORDER BY id", 0, NULL,
                       NULL, NULL, note_row, &w, "read the notes", err);
}

static ds_status insert_citation(pg_store *st, const ds_citation_record *c, ds_error *err)
{
    pg_int from = ds__pg_int(c->from), sent = ds__pg_int((int64_t)c->sentence),
           to = ds__pg_int(c->to);
    char score[40];
    snprintf(score, sizeof score, "%.17g", c->score);
    const char *p[] = {from.s, sent.s, c->note, c->text ? c->text : "", c->author, c->title,
                       c->publisher, c->url, c->date.precision ? c->date.start : NULL,
                       c->date.precision ? c->date.end : NULL,
                       ds_precision_name(c->date.precision), c->to ? to.s : NULL, score};
    return ds__pg_run(st, "INSERT INTO citation(doc_id, sentence_idx, note, text, author, "
                      "title, publisher, url, date_start, date_end, date_precision, to_doc, "
                      "score) VALUES ($1::bigint, $2::integer, $3::text, $4::text, $5::text, "
                      "$6::text, $7::text, $8::text, $9::text, $10::text, $11::text, "
                      "$12::bigint, $13::double precision)", 13, p, "store the citations", err);
}

static ds_status insert_nth_citation(pg_store *st, const void *rows, size_t i, ds_error *err)
{
    return insert_citation(st, (const ds_citation_record *)rows + i, err);
}

ds_status ds__pg_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                   ds_error *err)
{
    static const char *const deletes[] = {"DELETE FROM citation"};
    return ds__pg_replace_linked((pg_store *)s, deletes, 1, v, n, insert_nth_citation,
                                 "store the citations", err);
}

static int citation_row(void *ud, const PGresult *r, int i)
{
    const walk_ctx *w = ud;
    ds_citation_record c = {
        .from = ds__pg_i64(r, i, 0), .sentence = (size_t)ds__pg_i64(r, i, 1),
        .note = ds__pg_val(r, i, 2), .text = ds__pg_val(r, i, 3),
        .author = ds__pg_val(r, i, 4), .title = ds__pg_val(r, i, 5),
        .publisher = ds__pg_val(r, i, 6), .url = ds__pg_val(r, i, 7),
        .to = ds__pg_i64(r, i, 11), .score = strtod(PQgetvalue(r, i, 12), NULL)};
    const char *start = ds__pg_val(r, i, 8), *end = ds__pg_val(r, i, 9);
    const char *prec = ds__pg_val(r, i, 10);
    if (start && prec) {
        snprintf(c.date.start, sizeof c.date.start, "%s", start);
        snprintf(c.date.end, sizeof c.date.end, "%s", end ? end : start);
        ds_precision_parse(prec, &c.date.precision);
    }
    return ((ds_citation_cb)w->cb)(w->ud, &c);
}

ds_status ds__pg_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err)
{
    walk_ctx w = {(void (*)(void))cb, ud};
    return ds__pg_walk((pg_store *)s, "SELECT doc_id, sentence_idx, note, text, author, title, "
                       "publisher, url, date_start, date_end, date_precision, to_doc, score "
                       "FROM citation ORDER BY id", 0, NULL, NULL, NULL, citation_row, &w,
                       "read the citations", err);
}

static int warning_row(void *ud, const PGresult *r, int i)
{
    const walk_ctx *w = ud;
    ds_place_warning x = {.doc_id = ds__pg_i64(r, i, 0), .start = (size_t)ds__pg_i64(r, i, 1),
                          .end = (size_t)ds__pg_i64(r, i, 2), .warning = PQgetvalue(r, i, 3)};
    return ((ds_place_warning_cb)w->cb)(w->ud, &x);
}

ds_status ds__pg_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                   ds_error *err)
{
    walk_ctx w = {(void (*)(void))cb, ud};
    return ds__pg_walk((pg_store *)s, "SELECT doc_id, start, \"end\", w FROM (SELECT doc_id, "
                       "start, \"end\", value::jsonb ->> 'warning' AS w FROM mention WHERE "
                       "kind = 'place') m WHERE w IS NOT NULL ORDER BY doc_id, start", 0, NULL,
                       NULL, NULL, warning_row, &w, "read the place warnings", err);
}

ds_status ds__pg_add_review(ds_store *s, ds_review_event *e, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    const char *p[] = {e->user, e->action, e->target, e->claims ? e->claims : "[]",
                       e->others ? e->others : "[]", e->field, e->before, e->after, e->why,
                       e->at};
    PGresult *r = ds__pg_exec(
        st, "INSERT INTO review_event(at, \"user\", action, target, claims, others, field, "
        "before, after, why) VALUES (coalesce($10::text, to_char(now() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')), $1::text, $2::text, $3::text, $4::text, "
        "$5::text, $6::text, $7::text, $8::text, $9::text) RETURNING id",
        10, p, "record the review decision", err);
    if (!r)
        return err ? err->code : DS_EDB;
    e->id = ds__pg_i64(r, 0, 0);
    PQclear(r);
    return DS_OK;
}

static int review_row(void *ud, const PGresult *r, int i)
{
    const walk_ctx *w = ud;
    ds_review_event e = {
        .id = ds__pg_i64(r, i, 0), .at = ds__pg_val(r, i, 1), .user = ds__pg_val(r, i, 2),
        .action = ds__pg_val(r, i, 3), .target = ds__pg_val(r, i, 4),
        .claims = ds__pg_val(r, i, 5), .others = ds__pg_val(r, i, 6),
        .field = ds__pg_val(r, i, 7), .before = ds__pg_val(r, i, 8),
        .after = ds__pg_val(r, i, 9), .why = ds__pg_val(r, i, 10)};
    return ((ds_review_cb)w->cb)(w->ud, &e);
}

ds_status ds__pg_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err)
{
    walk_ctx w = {(void (*)(void))cb, ud};
    return ds__pg_walk((pg_store *)s, "SELECT id, at, \"user\", action, target, claims, others, "
                       "field, before, after, why FROM review_event ORDER BY id", 0, NULL, NULL,
                       NULL, review_row, &w, "read the review log", err);
}

ds_status ds__pg_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                           ds_error *err)
{
    pg_store *st = (pg_store *)s;
    pg_int id = ds__pg_int(claim_id);
    const char *p[] = {id.s};
    PGresult *r = ds__pg_exec(st, "SELECT d.sha256, c.start, c.\"end\", (SELECT count(*) FROM "
                              "claim o WHERE o.doc_id = c.doc_id AND o.start = c.start AND "
                              "o.\"end\" = c.\"end\" AND o.id < c.id) FROM claim c JOIN "
                              "document d ON d.id = c.doc_id WHERE c.id = $1::bigint", 1, p,
                              "read a claim", err);
    if (!r)
        return err ? err->code : DS_EDB;
    bool found = PQntuples(r) > 0;
    if (found)
        snprintf(key, size, "%s:%s-%s:%s", PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1),
                 PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
    PQclear(r);
    return found ? DS_OK
                 : ds_error_set(err, DS_ENOTFOUND, "no claim c%lld", (long long)claim_id);
}

ds_status ds__pg_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                ds_error *err)
{
    pg_int id = ds__pg_int(claim_id);
    const char *p[] = {id.s};
    *incident = 0;
    PGresult *r = ds__pg_exec((pg_store *)s, "SELECT ic.incident_id FROM claim c LEFT JOIN "
                              "incident_claim ic ON ic.claim_id = c.id WHERE c.id = $1::bigint",
                              1, p, "find a claim's incident", err);
    if (!r)
        return err ? err->code : DS_EDB;
    bool found = PQntuples(r) > 0;
    if (found)
        *incident = ds__pg_i64(r, 0, 0); /* 0 for NULL: in no incident */
    PQclear(r);
    return found ? DS_OK
                 : ds_error_set(err, DS_ENOTFOUND, "no claim c%lld", (long long)claim_id);
}

ds_status ds__pg_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    char sha[65];
    long long start, end, rank;
    *id = 0;
    if (sscanf(key, "%64[0-9a-f]:%lld-%lld:%lld", sha, &start, &end, &rank) != 4)
        return DS_OK;
    pg_int a = ds__pg_int(start), b = ds__pg_int(end), k = ds__pg_int(rank);
    const char *p[] = {sha, a.s, b.s, k.s};
    PGresult *r = ds__pg_exec(st, "SELECT c.id FROM claim c JOIN document d ON d.id = c.doc_id "
                              "WHERE d.sha256 = $1::text AND c.start = $2::bigint AND "
                              "c.\"end\" = $3::bigint ORDER BY c.id LIMIT 1 OFFSET $4::bigint",
                              4, p, "find a claim", err);
    if (!r)
        return err ? err->code : DS_EDB;
    if (PQntuples(r))
        *id = ds__pg_i64(r, 0, 0);
    PQclear(r);
    return DS_OK;
}

ds_status ds__pg_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                 ds_error *err)
{
    pg_store *st = (pg_store *)s;
    *ids = NULL;
    *n = 0;
    pg_int id = ds__pg_int(incident);
    const char *p[] = {id.s};
    PGresult *r = ds__pg_exec(st, "SELECT claim_id FROM incident_claim WHERE incident_id = "
                              "$1::bigint ORDER BY claim_id", 1, p,
                              "read the incident's claims", err);
    if (!r)
        return err ? err->code : DS_EDB;
    int rows = PQntuples(r);
    *ids = rows ? ds_calloc((size_t)rows, sizeof **ids) : NULL;
    for (int i = 0; *ids && i < rows; i++)
        (*ids)[(*n)++] = ds__pg_i64(r, i, 0);
    PQclear(r);
    if (rows && !*ids)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    if (!*n)
        return ds_error_set(err, DS_ENOTFOUND, "no incident i%lld", (long long)incident);
    return DS_OK;
}
