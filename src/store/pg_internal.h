/* pg_internal.h: shared between the PostgreSQL backend's files. */
#ifndef DS_PG_INTERNAL_H
#define DS_PG_INTERNAL_H

#include <libpq-fe.h>

#include "backend.h"

typedef struct pg_store {
    ds_store base;
    PGconn *conn;
    char *shown; /* the location with any password masked, for messages */
    unsigned walks; /* cursors open (pg_walk.c) */
    int committer;  /* the server process sent the last COMMIT of a document */
} pg_store;

/* Runs one statement with text parameters (NULL for SQL NULL).  Returns
 * the result on success; on failure NULL, with err naming what was being
 * done, and the connection lost or the server's message. */
PGresult *ds__pg_exec(pg_store *st, const char *sql, int n, const char *const *params,
                      const char *doing, ds_error *err);
/* The same for statements whose result is not needed. */
ds_status ds__pg_run(pg_store *st, const char *sql, int n, const char *const *params,
                     const char *doing, ds_error *err);
/* Starts a transaction.  A connection lost since the last statement is
 * made again first: no transaction of ours was open on it, so nothing can
 * be done twice or half. */
ds_status ds__pg_begin(pg_store *st, ds_error *err);
/* Replaces what the link step stored: in one transaction, under the
 * advisory lock that keeps two links from interleaving, runs each of the
 * `deletes` statements, then insert(st, rows, i, err) for i < n.  doing
 * names the work in messages ("store the incidents"). */
typedef ds_status (*ds__pg_insert_fn)(pg_store *st, const void *rows, size_t i, ds_error *err);
ds_status ds__pg_replace_linked(pg_store *st, const char *const *deletes, size_t n_deletes,
                                const void *rows, size_t n, ds__pg_insert_fn insert,
                                const char *doing, ds_error *err);
/* Calls fn for each row of sql (its parameters as ds__pg_exec takes
 * them) until fn returns non-zero, reading the rows through a cursor a
 * chunk at a time (pg_walk.c).  When total is not NULL, count_sql (a
 * statement without parameters giving one number) fills it first, from
 * the same snapshot. */
typedef int (*ds__pg_row_fn)(void *ud, const PGresult *r, int row);
ds_status ds__pg_walk(pg_store *st, const char *sql, int n, const char *const *params,
                      const char *count_sql, size_t *total, ds__pg_row_fn fn, void *ud,
                      const char *doing, ds_error *err);
/* A read-only, repeatable-read transaction for reads that must agree (a
 * count and its rows), begun unless the caller is in one already (own
 * then false); ended by ds__pg_read_end, committed when rc is DS_OK. */
ds_status ds__pg_read_begin(pg_store *st, bool *own, const char *doing, ds_error *err);
void ds__pg_read_end(pg_store *st, bool own, ds_status rc);
/* A status and message for a failed result (res may be NULL). */
ds_status ds__pg_fail(pg_store *st, const PGresult *res, const char *doing, ds_error *err);

/* A member (low, high or best) of the killed figure of an incident's JSON
 * (the SQL text expression json), as the incident columns killed_* keep
 * it: NULL without a killed object, 0 for a member that is not a number,
 * as sqlite_internal.h's DS_SQLITE_KILLED.  The link writes valid JSON;
 * jsonb refuses anything else. */
#define DS_PG_KILLED(json, member)                                                        \
    "CASE WHEN jsonb_typeof((" json ")::jsonb #> '{figures,killed}') = 'object' THEN "    \
    "CASE WHEN jsonb_typeof((" json ")::jsonb #> '{figures,killed," member "}') = "       \
    "'number' THEN ((" json ")::jsonb #>> '{figures,killed," member "}')::double "        \
    "precision ELSE 0 END END"

/* Formats an integer as a parameter. */
typedef struct pg_int {
    char s[24];
} pg_int;
pg_int ds__pg_int(int64_t v);
/* A cell, or NULL when it is SQL NULL. */
const char *ds__pg_val(const PGresult *r, int row, int col);
int64_t ds__pg_i64(const PGresult *r, int row, int col);
double ds__pg_f64(const PGresult *r, int row, int col);

/* A document's rows, inside the transaction adding it (pg_write.c). */
ds_status ds__pg_insert_sentences(pg_store *st, const ds_document *doc, int64_t doc_id,
                                  ds_error *err);
ds_status ds__pg_insert_mentions(pg_store *st, const ds_document *doc, int64_t doc_id,
                                 ds_error *err);
ds_status ds__pg_insert_claims(pg_store *st, const ds_document *doc, int64_t doc_id,
                               ds_error *err);

/* Tests only: called, when set, at named points of storing a document
 * ("before-commit", "commit-sent") with the store's connection, so that
 * a test can end the connection there.  NULL otherwise. */
extern void (*ds__pg_test_hook)(PGconn *conn, const char *point);

/* pg_names.c: the names a document's claims use into claim_name, the
 * names of every stored claim (upgrading a database to claim_name). */
ds_status ds__pg_insert_names(pg_store *st, const ds_document *doc, ds_error *err);
ds_status ds__pg_backfill_names(pg_store *st, ds_error *err);

ds_status ds__pg_migrate(pg_store *st, ds_error *err);
ds_status ds__pg_check_schema(pg_store *st, ds_error *err);

ds_status ds__pg_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                              ds_error *err);
ds_status ds__pg_each_document(ds_store *s, const ds_doc_filter *f, ds_document_cb cb,
                               void *ud, ds_error *err);
ds_status ds__pg_search(ds_store *s, const ds_search_query *q, ds_search_cb cb, void *ud,
                        size_t *total, ds_error *err);
ds_status ds__pg_stats(ds_store *s, ds_store_stats *out, ds_error *err);
ds_status ds__pg_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                            ds_error *err);
ds_status ds__pg_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                   ds_error *err);
ds_status ds__pg_each_incident(ds_store *s, const ds_incident_filter *f, int64_t only,
                               ds_incident_cb cb, void *ud, ds_error *err);
ds_status ds__pg_page_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                                size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                ds_error *err);
ds_status ds__pg_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err);
ds_status ds__pg_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                   ds_error *err);
ds_status ds__pg_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err);
ds_status ds__pg_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                   ds_error *err);
ds_status ds__pg_add_review(ds_store *s, ds_review_event *e, ds_error *err);
ds_status ds__pg_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err);
ds_status ds__pg_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                           ds_error *err);
ds_status ds__pg_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err);
ds_status ds__pg_names(ds_store *s, const char *kind, const char *query, size_t limit,
                       ds_name_cb cb, void *ud, ds_error *err);
ds_status ds__pg_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                ds_error *err);
ds_status ds__pg_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                 ds_error *err);

#endif
