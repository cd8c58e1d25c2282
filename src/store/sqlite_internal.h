/* sqlite_internal.h: shared between the SQLite backend's files. */
#ifndef DS_SQLITE_INTERNAL_H
#define DS_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "backend.h"

/* 'DSR1': marks a SQLite file as a dossier database. */
#define DS_SQLITE_APPLICATION_ID 0x44535231

enum { STMT_FIND_SHA, STMT_SOURCE_UPSERT, STMT_SOURCE_ID, STMT_DOC_INSERT, STMT_SENT_INSERT,
       STMT_FTS_INSERT, STMT_MENTION_INSERT, STMT_CLAIM_INSERT, STMT_COUNT };

typedef struct sqlite_store {
    ds_store base;
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmt[STMT_COUNT]; /* prepared once, for the write path */
} sqlite_store;

/* Maps a SQLite failure to a status and a message that names the file. */
ds_status ds__sqlite_fail(sqlite_store *st, int rc, const char *doing, ds_error *err);

ds_status ds__sqlite_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                                  ds_error *err);
ds_status ds__sqlite_each_document(ds_store *s, const ds_doc_filter *f, ds_document_cb cb,
                                   void *ud, ds_error *err);
ds_status ds__sqlite_search(ds_store *s, const ds_search_query *q, ds_search_cb cb, void *ud,
                            size_t *total, ds_error *err);
ds_status ds__sqlite_stats(ds_store *s, ds_store_stats *out, ds_error *err);

ds_status ds__sqlite_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                                ds_error *err);
ds_status ds__sqlite_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                       ds_error *err);
ds_status ds__sqlite_each_incident(ds_store *s, const ds_incident_filter *f, int64_t only,
                                   ds_incident_cb cb, void *ud, ds_error *err);
ds_status ds__sqlite_page_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                                    size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                    ds_error *err);

ds_status ds__sqlite_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err);
ds_status ds__sqlite_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                       ds_error *err);
ds_status ds__sqlite_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err);
ds_status ds__sqlite_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                       ds_error *err);
ds_status ds__sqlite_add_review(ds_store *s, ds_review_event *e, ds_error *err);
ds_status ds__sqlite_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err);
ds_status ds__sqlite_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                               ds_error *err);
ds_status ds__sqlite_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err);
/* A member (low, high or best) of the killed figure of an incident's JSON
 * (the SQL expression json), as the incident columns killed_* keep it:
 * NULL without a killed object, 0 for a member that is not a number: what
 * the web API wrote when it read the JSON with jansson.  The CASEs nest so
 * that json_type, which fails on malformed JSON, sees only valid JSON (SQL
 * does not promise that AND stops at its first false operand). */
#define DS_SQLITE_KILLED(json, member)                                                  \
    "CASE WHEN json_valid(" json ") THEN CASE WHEN json_type(" json                     \
    ", '$.figures.killed') = 'object' THEN CASE WHEN json_type(" json                   \
    ", '$.figures.killed." member "') IN ('integer', 'real') THEN json_extract(" json   \
    ", '$.figures.killed." member "') ELSE 0 END END END"

ds_status ds__sqlite_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                    ds_error *err);
ds_status ds__sqlite_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                     ds_error *err);

ds_status ds__sqlite_names(ds_store *s, const char *kind, const char *query, size_t limit,
                           ds_name_cb cb, void *ud, ds_error *err);

int ds__sqlite_migration_count(void);
const char *ds__sqlite_migration(int i);

#endif
