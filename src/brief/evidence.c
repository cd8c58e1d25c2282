/* evidence.c: the sentences behind claims.  A claim's evidence is its own
 * sentence, plus the sentence that set a date or place it carries from
 * earlier in its document ("carried": true), so that everything a
 * statement takes from the claim can be found in text. */
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"

typedef struct want {
    const int64_t *ids;
    size_t n;
    json_t **values; /* the claims' JSON, by position in ids */
    int64_t *docs;
    size_t *start, *end;
} want;

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int on_claim(void *ud, const ds_claim_record *c)
{
    want *w = ud;
    const int64_t *hit = bsearch(&c->id, w->ids, w->n, sizeof *w->ids, cmp_id);
    if (!hit)
        return 0;
    size_t i = (size_t)(hit - w->ids);
    w->values[i] = json_loads(c->value, 0, NULL);
    w->docs[i] = c->doc_id;
    w->start[i] = c->start;
    w->end[i] = c->end;
    return 0;
}

/* The span of the sentence of d that holds byte offset at. */
static bool sentence_at(const ds_document *d, size_t at, size_t *start, size_t *end)
{
    for (size_t i = 0; i < d->n_sentences; i++)
        if (d->sentences[i].start <= at && at < d->sentences[i].end) {
            *start = d->sentences[i].start;
            *end = d->sentences[i].end;
            return true;
        }
    return false;
}

/* The last mention of kind before `before` whose JSON member key equals
 * want (and key2 equals want2, when given). */
static const ds_mention *last_mention(const ds_document *d, const char *kind, size_t before,
                                      const char *key, const char *val, const char *key2,
                                      const char *val2)
{
    const ds_mention *found = NULL;
    for (size_t i = 0; i < d->n_mentions && d->mentions[i].start < before; i++) {
        const ds_mention *m = &d->mentions[i];
        if (strcmp(m->kind, kind))
            continue;
        json_t *v = json_loads(m->value, 0, NULL);
        const char *a = json_string_value(json_object_get(v, key));
        const char *b = key2 ? json_string_value(json_object_get(v, key2)) : NULL;
        if (a && !strcmp(a, val) && (!key2 || (b && val2 && !strcmp(b, val2))))
            found = m;
        json_decref(v);
    }
    return found;
}

static const char *dup(ds_arena *a, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? ds_arena_strdup(a, s) : NULL;
}

static bool push(br_evidence **v, size_t *n, size_t *cap, br_evidence e)
{
    br_evidence *g = ds_grow(*v, cap, *n, sizeof *g);
    if (!g)
        return false;
    *v = g;
    g[(*n)++] = e;
    return true;
}

/* Appends claim i's evidence: its sentence, then carried ones. */
static ds_status add_claim(ds_arena *a, const want *w, size_t i, const ds_document *d,
                           br_evidence **v, size_t *n, size_t *cap, ds_error *err)
{
    size_t s = w->start[i], e = w->end[i];
    if (e > d->text_len || s > e)
        return ds_error_set(err, DS_EFORMAT, "claim c%lld: span outside its document",
                            (long long)w->ids[i]);
    json_t *date = json_object_get(w->values[i], "date");
    json_t *loc = json_object_get(w->values[i], "location");
    br_evidence ev = {w->ids[i], d->id, s, e, ds_arena_strndup(a, d->text + s, e - s), false,
                      d->published, dup(a, date, "start"), dup(a, date, "end"),
                      dup(a, loc, "name"), dup(a, loc, "text"), dup(a, loc, "country")};
    if (!ev.text || !push(v, n, cap, ev))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const ds_mention *m[2] = {NULL, NULL};
    if (json_is_true(json_object_get(date, "carried")))
        m[0] = last_mention(d, "time", s, "start", json_string_value(json_object_get(date, "start")),
                            "end", json_string_value(json_object_get(date, "end")));
    if (json_is_true(json_object_get(loc, "carried")) && json_string_value(json_object_get(loc, "text")))
        m[1] = last_mention(d, "place", s, "text", json_string_value(json_object_get(loc, "text")),
                            NULL, NULL);
    for (int k = 0; k < 2; k++) {
        size_t cs, ce;
        if (!m[k] || !sentence_at(d, m[k]->start, &cs, &ce))
            continue;
        br_evidence c = ev;
        c.start = cs;
        c.end = ce;
        c.text = ds_arena_strndup(a, d->text + cs, ce - cs);
        c.carried = true;
        if (!c.text || !push(v, n, cap, c))
            return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    return DS_OK;
}

static ds_status collect(ds_store *s, ds_arena *a, want *w, br_evidence **v, size_t *n,
                         ds_error *err)
{
    size_t cap = 0;
    ds_status rc = ds_store_each_claim(s, on_claim, w, NULL, err);
    ds_document d = {0};
    for (size_t i = 0; i < w->n && rc == DS_OK; i++) {
        if (!w->values[i]) {
            rc = ds_error_set(err, DS_ENOTFOUND, "claim c%lld is not in the database",
                              (long long)w->ids[i]);
            break;
        }
        /* Claims of one document have neighbouring ids: keep it loaded. */
        if (d.id != w->docs[i]) {
            ds_document_free(&d);
            d = (ds_document){0};
            rc = ds_store_get_document(s, w->docs[i], true, &d, err);
        }
        if (rc == DS_OK)
            rc = add_claim(a, w, i, &d, v, n, &cap, err);
    }
    ds_document_free(&d);
    return rc;
}

ds_status ds__br_evidence(ds_store *s, ds_arena *a, const int64_t *claims, size_t n,
                          br_evidence **out, size_t *n_out, ds_error *err)
{
    *out = NULL;
    *n_out = 0;
    want w = {claims, n, ds_calloc(n + 1, sizeof *w.values), ds_calloc(n + 1, sizeof *w.docs),
              ds_calloc(n + 1, sizeof *w.start), ds_calloc(n + 1, sizeof *w.end)};
    ds_status rc = w.values && w.docs && w.start && w.end
                       ? collect(s, a, &w, out, n_out, err)
                       : ds_error_set(err, DS_ENOMEM, "out of memory");
    for (size_t i = 0; w.values && i < n; i++)
        json_decref(w.values[i]);
    ds_free(w.values);
    ds_free(w.docs);
    ds_free(w.start);
    ds_free(w.end);
    if (rc != DS_OK) {
        ds_free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}
