/* backend.h: the table of operations a storage backend provides (internal
 * to the store stage).  store.c dispatches through it; each backend keeps
 * its own state behind the ds_store it allocates. */
#ifndef DS_STORE_BACKEND_H
#define DS_STORE_BACKEND_H

#include "store.h"

/* What a reading command says of a database it cannot read yet.  Reads
 * never change a database, so the upgrade is left to a command that
 * writes; `link` needs no other input and keeps every document and every
 * review decision. */
#define DS__UPGRADE_HINT                                                                   \
    "its schema is older than this dossier's; run `dossier link` on it once to upgrade " \
    "it (documents and review decisions are kept)"
#define DS__EMPTY_HINT "an empty database; add documents with `dossier add FILE...` first"

typedef struct ds__store_ops {
    const char *name;
    void (*close)(ds_store *s);
    ds_status (*add_document)(ds_store *s, ds_document *doc, bool *existed, ds_error *err);
    ds_status (*begin)(ds_store *s, ds_error *err);
    ds_status (*commit)(ds_store *s, ds_error *err);
    void (*rollback)(ds_store *s);
    ds_status (*get_document)(ds_store *s, int64_t id, bool with_text, ds_document *out,
                              ds_error *err);
    ds_status (*each_document)(ds_store *s, const ds_doc_filter *f, ds_document_cb cb,
                               void *ud, ds_error *err);
    ds_status (*search)(ds_store *s, const ds_search_query *q, ds_search_cb cb, void *ud,
                        size_t *total, ds_error *err);
    ds_status (*stats)(ds_store *s, ds_store_stats *out, ds_error *err);
    ds_status (*each_claim)(ds_store *s, ds_claim_cb cb, void *ud, size_t *total, ds_error *err);
    ds_status (*replace_incidents)(ds_store *s, const ds_incident_record *v, size_t n,
                                   ds_error *err);
    ds_status (*each_incident)(ds_store *s, const ds_incident_filter *f, int64_t only,
                               ds_incident_cb cb, void *ud, ds_error *err);
    /* May be NULL: store.c then pages through each_incident. */
    ds_status (*page_incidents)(ds_store *s, const ds_incident_filter *f, size_t limit,
                                size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                ds_error *err);
    ds_status (*each_note)(ds_store *s, ds_note_cb cb, void *ud, ds_error *err);
    ds_status (*replace_citations)(ds_store *s, const ds_citation_record *v, size_t n,
                                   ds_error *err);
    ds_status (*each_citation)(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err);
    ds_status (*each_place_warning)(ds_store *s, ds_place_warning_cb cb, void *ud,
                                    ds_error *err);
    ds_status (*add_review)(ds_store *s, ds_review_event *e, ds_error *err);
    ds_status (*each_review)(ds_store *s, ds_review_cb cb, void *ud, ds_error *err);
    ds_status (*claim_key)(ds_store *s, int64_t claim_id, char *key, size_t size, ds_error *err);
    ds_status (*claim_by_key)(ds_store *s, const char *key, int64_t *id, ds_error *err);
    ds_status (*claim_incident)(ds_store *s, int64_t claim_id, int64_t *incident,
                                ds_error *err);
    ds_status (*incident_claims)(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                 ds_error *err);
    ds_status (*names)(ds_store *s, const char *kind, const char *query, size_t limit,
                       ds_name_cb cb, void *ud, ds_error *err);
} ds__store_ops;

/* Every backend's store begins with this header. */
struct ds_store {
    const ds__store_ops *ops;
    bool in_batch; /* maintained by store.c around the backend's calls */
};

ds_status ds__sqlite_open(ds_store **out, const char *path, ds_store_mode mode, ds_error *err);
/* A postgres:// or postgresql:// URI, as libpq reads it. */
ds_status ds__pg_open(ds_store **out, const char *uri, ds_store_mode mode, ds_error *err);

/* Turns a user's search words into a safe FTS query: words and quoted
 * phrases become quoted strings, OR/AND/NOT stay operators, a trailing *
 * keeps a prefix search.  Returns a ds_malloc'd string or NULL. */
char *ds__fts_query(const char *user, ds_error *err);

/* names.c: the names a backend read (kind and name, in any order, the
 * same pair any number of times), scored against query in C, sorted and
 * cut as ds_store_names promises.  add is called by the backend for each
 * name it reads. */
typedef struct ds__name_list ds__name_list;
ds__name_list *ds__names_new(const char *kind, const char *query);
ds_status ds__names_add(ds__name_list *l, const char *kind, const char *name);
ds_status ds__names_emit(ds__name_list *l, size_t limit, ds_name_cb cb, void *ud,
                         ds_error *err);
void ds__names_free(ds__name_list *l);
/* pg_trgm's similarity of two keys. */
double ds__names_similarity(const char *key_a, const char *key_b);

/* names_key.c: the key a name is compared by (ds_malloc'd; NULL without
 * memory), and the names a claim's JSON uses: its place, its actors and
 * its groups, each given to fn ("place", "actor" or "group"). */
char *ds__names_fold(const char *s);
typedef ds_status (*ds__name_fn)(void *ud, const char *kind, const char *name);
ds_status ds__claim_names(const char *json, ds__name_fn fn, void *ud);

#endif
