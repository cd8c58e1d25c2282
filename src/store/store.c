#include "backend.h"

#include <string.h>

enum { SCHEMA_VERSION = 1 };

int ds_store_schema_version(void) { return SCHEMA_VERSION; }

ds_status ds_store_open(ds_store **out, const char *location, ds_store_mode mode,
                        ds_error *err)
{
    *out = NULL;
    if (!location || !*location)
        return ds_error_set(err, DS_EINVAL, "no database given");
    if (!strncmp(location, "postgres://", 11) || !strncmp(location, "postgresql://", 13))
        return ds__pg_open(out, location, mode, err);
    return ds__sqlite_open(out, location, mode, err);
}

void ds_store_close(ds_store *s)
{
    if (!s)
        return;
    ds_store_rollback(s); /* an uncommitted batch is discarded, never half-kept */
    s->ops->close(s);
}

ds_status ds_store_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err)
{
    ds_status rc = s->ops->add_document(s, doc, existed, err);
    if (rc && s->in_batch) {
        s->ops->rollback(s);
        s->in_batch = false;
    }
    return rc;
}

ds_status ds_store_begin(ds_store *s, ds_error *err)
{
    if (s->in_batch)
        return ds_error_set(err, DS_EINVAL, "a batch is already open");
    ds_status rc = s->ops->begin(s, err);
    s->in_batch = rc == DS_OK;
    return rc;
}

ds_status ds_store_commit(ds_store *s, ds_error *err)
{
    if (!s->in_batch)
        return DS_OK;
    ds_status rc = s->ops->commit(s, err);
    if (rc)
        s->ops->rollback(s);
    s->in_batch = false;
    return rc;
}

void ds_store_rollback(ds_store *s)
{
    if (s->in_batch)
        s->ops->rollback(s);
    s->in_batch = false;
}

bool ds_store_in_batch(const ds_store *s) { return s->in_batch; }

ds_status ds_store_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                                ds_error *err)
{
    return s->ops->get_document(s, id, with_text, out, err);
}

ds_status ds_store_each_document(ds_store *s, const ds_doc_filter *filter, ds_document_cb cb,
                                 void *ud, ds_error *err)
{
    static const ds_doc_filter none = {0};
    return s->ops->each_document(s, filter ? filter : &none, cb, ud, err);
}

ds_status ds_store_search(ds_store *s, const ds_search_query *q, ds_search_cb cb, void *ud,
                          size_t *total, ds_error *err)
{
    if (!q->query || !*q->query)
        return ds_error_set(err, DS_EINVAL, "empty search query");
    return s->ops->search(s, q, cb, ud, total, err);
}

ds_status ds_store_stats_get(ds_store *s, ds_store_stats *out, ds_error *err)
{
    return s->ops->stats(s, out, err);
}

ds_status ds_store_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                              ds_error *err)
{
    return s->ops->each_claim(s, cb, ud, total, err);
}

ds_status ds_store_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                     ds_error *err)
{
    if (s->in_batch)
        return ds_error_set(err, DS_EINVAL, "incidents are replaced outside a batch");
    return s->ops->replace_incidents(s, v, n, err);
}

ds_status ds_store_each_incident(ds_store *s, const ds_incident_filter *filter,
                                 ds_incident_cb cb, void *ud, ds_error *err)
{
    static const ds_incident_filter none = {0};
    return s->ops->each_incident(s, filter ? filter : &none, 0, cb, ud, err);
}

/* A page cut from a whole walk, for a backend without page_incidents. */
typedef struct {
    ds_incident_cb cb;
    void *ud;
    size_t limit, offset, seen;
} page_walk;

static int call_in_page(void *ud, const ds_incident_record *r)
{
    page_walk *p = ud;
    size_t at = p->seen++;
    return at >= p->offset && at - p->offset < p->limit ? p->cb(p->ud, r) : 0;
}

ds_status ds_store_page_incidents(ds_store *s, const ds_incident_filter *filter, size_t limit,
                                  size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                  ds_error *err)
{
    static const ds_incident_filter none = {0};
    const ds_incident_filter *f = filter ? filter : &none;
    if (s->ops->page_incidents)
        return s->ops->page_incidents(s, f, limit, offset, cb, ud, total, err);
    page_walk p = {cb, ud, limit, offset, 0};
    ds_status rc = s->ops->each_incident(s, f, 0, call_in_page, &p, err);
    if (rc == DS_OK && total)
        *total = p.seen;
    return rc;
}

/* Counts the one call of ds_store_get_incident's walk. */
typedef struct {
    ds_incident_cb cb;
    void *ud;
    bool found;
} one_incident;

static int call_one(void *ud, const ds_incident_record *r)
{
    one_incident *o = ud;
    o->found = true;
    return o->cb(o->ud, r);
}

ds_status ds_store_get_incident(ds_store *s, int64_t id, ds_incident_cb cb, void *ud,
                                ds_error *err)
{
    static const ds_incident_filter none = {0};
    one_incident o = {cb, ud, false};
    ds_status rc = id > 0 ? s->ops->each_incident(s, &none, id, call_one, &o, err) : DS_OK;
    if (rc == DS_OK && !o.found)
        rc = ds_error_set(err, DS_ENOTFOUND, "no incident i%lld", (long long)id);
    return rc;
}

ds_status ds_store_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err)
{
    return s->ops->each_note(s, cb, ud, err);
}

ds_status ds_store_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                     ds_error *err)
{
    if (s->in_batch)
        return ds_error_set(err, DS_EINVAL, "citations are replaced outside a batch");
    return s->ops->replace_citations(s, v, n, err);
}

ds_status ds_store_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err)
{
    return s->ops->each_citation(s, cb, ud, err);
}

ds_status ds_store_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                      ds_error *err)
{
    return s->ops->each_place_warning(s, cb, ud, err);
}

ds_status ds_store_add_review(ds_store *s, ds_review_event *e, ds_error *err)
{
    if (!e->user || !e->action || !e->target)
        return ds_error_set(err, DS_EINVAL, "a review event needs a user, an action and a target");
    return s->ops->add_review(s, e, err);
}

ds_status ds_store_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err)
{
    return s->ops->each_review(s, cb, ud, err);
}

ds_status ds_store_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                             ds_error *err)
{
    return s->ops->claim_key(s, claim_id, key, size, err);
}

ds_status ds_store_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                  ds_error *err)
{
    return s->ops->claim_incident(s, claim_id, incident, err);
}

ds_status ds_store_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err)
{
    return s->ops->claim_by_key(s, key, id, err);
}

ds_status ds_store_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                   ds_error *err)
{
    return s->ops->incident_claims(s, incident, ids, n, err);
}

ds_status ds_store_names(ds_store *s, const char *kind, const char *query, size_t limit,
                         ds_name_cb cb, void *ud, ds_error *err)
{
    if (kind && strcmp(kind, "place") && strcmp(kind, "actor") && strcmp(kind, "group"))
        return ds_error_set(err, DS_EINVAL, "names: kind is place, actor or group, not %s",
                            kind);
    return s->ops->names(s, kind, query ? query : "", limit ? limit : 20, cb, ud, err);
}
