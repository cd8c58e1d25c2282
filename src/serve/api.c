/* api.c: the JSON answers of the web API (serve.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "serve/serve.h"

static ds_status finish(ds_jw *w, ds_error *err)
{
    if (w->st == DS_ETOOBIG)
        return ds_error_set(err, DS_ETOOBIG, "the answer exceeds the server's size cap");
    if (w->st)
        return ds_error_set(err, w->st, "out of memory");
    return DS_OK;
}

static void write_date(ds_jw *w, const char *start, const char *end, const char *precision)
{
    if (!start) {
        ds_jw_null(w);
        return;
    }
    ds_jw_object(w);
    ds_jw_kstr(w, "start", start);
    ds_jw_kstr(w, "end", end);
    ds_jw_kstr(w, "precision", precision);
    ds_jw_end_object(w);
}

/* The killed figure of an incident's JSON, as {"low", "high", "best"}:
 * the store keeps it in columns, so the JSON is not parsed here. */
static void write_killed(ds_jw *w, const ds_incident_record *r)
{
    if (!r->has_killed) {
        ds_jw_null(w);
        return;
    }
    ds_jw_object(w);
    ds_jw_knumber(w, "low", r->killed_low);
    ds_jw_knumber(w, "high", r->killed_high);
    ds_jw_knumber(w, "best", r->killed_best);
    ds_jw_end_object(w);
}

static int write_row(void *ud, const ds_incident_record *r)
{
    ds_jw *w = ud;
    char id[24], parent[24];
    snprintf(id, sizeof id, "i%lld", (long long)r->id);
    snprintf(parent, sizeof parent, "i%lld", (long long)r->parent);
    ds_jw_object(w);
    ds_jw_kstr(w, "id", id);
    ds_jw_kstr(w, "parent", r->parent ? parent : NULL);
    ds_jw_kbool(w, "episode", r->episode);
    ds_jw_kstr(w, "event_type", r->event_type);
    ds_jw_kstr(w, "sub_event_type", r->sub_event_type);
    ds_jw_key(w, "date");
    write_date(w, r->date_start, r->date_end, r->precision);
    ds_jw_kstr(w, "place", r->place);
    ds_jw_kstr(w, "admin1", r->admin1);
    ds_jw_kstr(w, "country", r->country);
    ds_jw_kstr(w, "status", r->status);
    ds_jw_kint(w, "documents", r->documents);
    ds_jw_kint(w, "independent_origins", r->origins);
    ds_jw_key(w, "killed");
    write_killed(w, r);
    ds_jw_end_object(w);
    return w->st != DS_OK;
}

ds_status ds_serve_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                             size_t offset, ds_buf *out, ds_error *err)
{
    ds_jw w;
    ds_jw_init(&w, out);
    size_t total = 0;
    ds_jw_object(&w);
    ds_jw_key(&w, "incidents");
    ds_jw_array(&w);
    ds_status rc = ds_store_page_incidents(s, f, limit, offset, write_row, &w, &total, err);
    if (rc)
        return rc;
    ds_jw_end_array(&w);
    ds_jw_kint(&w, "total", (int64_t)total);
    ds_jw_kint(&w, "limit", (int64_t)limit);
    ds_jw_kint(&w, "offset", (int64_t)offset);
    ds_jw_end_object(&w);
    return finish(&w, err);
}

static int copy_value(void *ud, const ds_incident_record *r)
{
    ds_jw *w = ud;
    ds_jw_raw(w, r->value, strlen(r->value));
    return 0;
}

ds_status ds_serve_incident(ds_store *s, int64_t id, ds_buf *out, ds_error *err)
{
    ds_jw w;
    ds_jw_init(&w, out);
    ds_status rc = ds_store_get_incident(s, id, copy_value, &w, err);
    return rc ? rc : finish(&w, err);
}

static void write_metadata(ds_jw *w, const ds_document *d)
{
    char id[24];
    snprintf(id, sizeof id, "d%lld", (long long)d->id);
    ds_jw_kstr(w, "id", id);
    ds_jw_kstr(w, "file", d->file);
    ds_jw_kstr(w, "title", d->title);
    ds_jw_kstr(w, "author", d->author);
    ds_jw_kstr(w, "source", d->source);
    ds_jw_kstr(w, "source_kind", d->source_kind);
    ds_jw_kstr(w, "url", d->url);
    ds_jw_kstr(w, "language", d->lang);
    ds_jw_key(w, "published");
    const char *prec = ds_precision_name(d->published.precision);
    write_date(w, prec ? d->published.start : NULL, d->published.end, prec);
    ds_jw_kstr(w, "sha256", d->sha256);
}

/* JSON the library stored (mention values, claim identities) passed on
 * as JSON; anything that does not parse is passed on as a string rather
 * than trusted as JSON. */
static void write_json_or_str(ds_jw *w, const char *value)
{
    json_t *v = value ? json_loads(value, JSON_DECODE_ANY, NULL) : NULL;
    if (v)
        ds_jw_raw(w, value, strlen(value));
    else
        ds_jw_str(w, value);
    json_decref(v);
}

static void write_body(ds_jw *w, const ds_document *d)
{
    ds_jw_kstrn(w, "text", d->text, d->text_len);
    ds_jw_key(w, "sentences");
    ds_jw_array(w);
    for (size_t i = 0; i < d->n_sentences; i++) {
        const ds_sentence *t = &d->sentences[i];
        ds_jw_object(w);
        ds_jw_kint(w, "index", (int64_t)i);
        ds_jw_kspan(w, "span", t->start, t->end);
        ds_jw_kstr(w, "kind", ds_sentence_kind_name(t->kind));
        ds_jw_kstrn(w, "text", d->text + t->start, t->end - t->start);
        ds_jw_end_object(w);
    }
    ds_jw_end_array(w);
    ds_jw_key(w, "mentions");
    ds_jw_array(w);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ds_mention *m = &d->mentions[i];
        ds_jw_object(w);
        ds_jw_kstr(w, "kind", m->kind);
        ds_jw_kspan(w, "span", m->start, m->end);
        ds_jw_key(w, "value");
        write_json_or_str(w, m->value);
        ds_jw_end_object(w);
    }
    ds_jw_end_array(w);
}

ds_status ds_serve_document(ds_store *s, int64_t id, ds_buf *out, ds_error *err)
{
    ds_document d = {0};
    ds_status rc = ds_store_get_document(s, id, true, &d, err);
    if (rc)
        return rc;
    ds_jw w;
    ds_jw_init(&w, out);
    ds_jw_object(&w);
    write_metadata(&w, &d);
    write_body(&w, &d);
    ds_jw_end_object(&w);
    ds_document_free(&d);
    return finish(&w, err);
}

static int write_doc_row(void *ud, const ds_document *d)
{
    ds_jw *w = ud;
    ds_jw_object(w);
    write_metadata(w, d);
    ds_jw_end_object(w);
    return w->st != DS_OK;
}

static int write_citation(void *ud, const ds_citation_record *c)
{
    ds_jw *w = ud;
    char from[24], to[24];
    snprintf(from, sizeof from, "d%lld", (long long)c->from);
    snprintf(to, sizeof to, "d%lld", (long long)c->to);
    ds_jw_object(w);
    ds_jw_kstr(w, "from", from);
    ds_jw_kstr(w, "to", c->to ? to : NULL);
    ds_jw_kstr(w, "text", c->text);
    ds_jw_kstr(w, "publisher", c->publisher);
    ds_jw_end_object(w);
    return w->st != DS_OK;
}

ds_status ds_serve_sources(ds_store *s, ds_buf *out, ds_error *err)
{
    ds_jw w;
    ds_jw_init(&w, out);
    ds_jw_object(&w);
    ds_jw_key(&w, "documents");
    ds_jw_array(&w);
    ds_status rc = ds_store_each_document(s, NULL, write_doc_row, &w, err);
    ds_jw_end_array(&w);
    ds_jw_key(&w, "citations");
    ds_jw_array(&w);
    if (rc == DS_OK)
        rc = ds_store_each_citation(s, write_citation, &w, err);
    ds_jw_end_array(&w);
    ds_jw_end_object(&w);
    return rc ? rc : finish(&w, err);
}

static int write_hit(void *ud, const ds_search_hit *h)
{
    ds_jw *w = ud;
    char doc[24];
    snprintf(doc, sizeof doc, "d%lld", (long long)h->doc_id);
    ds_jw_object(w);
    ds_jw_kstr(w, "document", doc);
    ds_jw_kint(w, "sentence", h->sentence);
    ds_jw_kspan(w, "span", h->start, h->end);
    ds_jw_kstr(w, "snippet", h->snippet);
    ds_jw_kstr(w, "title", h->title);
    ds_jw_kstr(w, "source", h->source);
    ds_jw_end_object(w);
    return w->st != DS_OK;
}

ds_status ds_serve_search(ds_store *s, const char *q, size_t limit, size_t offset,
                          ds_buf *out, ds_error *err)
{
    if (!q || !*q)
        return ds_error_set(err, DS_EINVAL, "search needs q");
    ds_search_query query = {.query = q, .limit = limit, .offset = offset,
                             .mark_open = "\xC2\xAB", .mark_close = "\xC2\xBB"};
    ds_jw w;
    ds_jw_init(&w, out);
    size_t total = 0;
    ds_jw_object(&w);
    ds_jw_key(&w, "hits");
    ds_jw_array(&w);
    ds_status rc = ds_store_search(s, &query, write_hit, &w, &total, err);
    if (rc)
        return rc;
    ds_jw_end_array(&w);
    ds_jw_kint(&w, "total", (int64_t)total);
    ds_jw_end_object(&w);
    return finish(&w, err);
}

static int write_event(void *ud, const ds_review_event *e)
{
    ds_jw *w = ud;
    ds_jw_object(w);
    ds_jw_kint(w, "id", e->id);
    ds_jw_kstr(w, "at", e->at);
    ds_jw_kstr(w, "user", e->user);
    ds_jw_kstr(w, "action", e->action);
    ds_jw_kstr(w, "target", e->target);
    ds_jw_key(w, "claims");
    write_json_or_str(w, e->claims);
    ds_jw_key(w, "others");
    write_json_or_str(w, e->others);
    ds_jw_kstr(w, "field", e->field);
    ds_jw_kstr(w, "before", e->before);
    ds_jw_kstr(w, "after", e->after);
    ds_jw_kstr(w, "why", e->why);
    ds_jw_end_object(w);
    return w->st != DS_OK;
}

ds_status ds_serve_review_log(ds_store *s, ds_buf *out, ds_error *err)
{
    ds_jw w;
    ds_jw_init(&w, out);
    ds_jw_object(&w);
    ds_jw_key(&w, "events");
    ds_jw_array(&w);
    ds_status rc = ds_store_each_review(s, write_event, &w, err);
    ds_jw_end_array(&w);
    ds_jw_end_object(&w);
    return rc ? rc : finish(&w, err);
}
