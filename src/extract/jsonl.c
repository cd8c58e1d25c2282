/* jsonl.c: writing stream results (jsonl_read.c reads the lines). */
#include "extract/jsonl.h"

#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

/* Opens the result object with the id as the input gave it (a string or
 * an integer), or null. */
static void open_with_id(ds_jw *w, const char *id)
{
    ds_jw_object(w);
    ds_jw_key(w, "id");
    if (id)
        ds_jw_raw(w, id, strlen(id));
    else
        ds_jw_null(w);
}

/* The stored mentions and claims are compact JSON already, so the result
 * line is spliced from them rather than parsed and printed again, which
 * would cost more than finding them did. */
static void splice(ds_jw *w, const char *key, size_t n,
                   const char *(*at)(const ds_document *, size_t), const ds_document *d)
{
    ds_jw_keyn(w, key, strlen(key));
    ds_jw_array(w);
    for (size_t i = 0; i < n; i++) {
        const char *json = at(d, i);
        ds_jw_raw(w, json, strlen(json));
    }
    ds_jw_end_array(w);
}

static const char *mention_at(const ds_document *d, size_t i) { return d->mentions[i].value; }
static const char *claim_at(const ds_document *d, size_t i) { return d->claims[i].value; }

/* The line w wrote into b, or NULL (b released) when writing failed. */
static char *finish(ds_jw *w, ds_buf *b)
{
    if (w->st != DS_OK) {
        ds_buf_free(b);
        return NULL;
    }
    return ds_buf_steal(b, NULL);
}

/* The bytes the mentions and claims take spliced, so that the line is
 * written into one allocation instead of one doubled again and again. */
static size_t spliced_size(const ds_document *d)
{
    size_t n = 64;
    for (size_t i = 0; i < d->n_mentions; i++)
        n += strlen(d->mentions[i].value) + 1;
    for (size_t i = 0; i < d->n_claims; i++)
        n += strlen(d->claims[i].value) + 1;
    return n;
}

char *ds_jsonl_result(const char *id, const ds_document *d)
{
    ds_buf b;
    ds_buf_init(&b, (size_t)1 << 31);
    if (ds_buf_reserve(&b, spliced_size(d) + (id ? strlen(id) : 4)) != DS_OK)
        return NULL;
    ds_jw w;
    ds_jw_init(&w, &b);
    open_with_id(&w, id);
    splice(&w, "mentions", d->n_mentions, mention_at, d);
    splice(&w, "claims", d->n_claims, claim_at, d);
    ds_jw_end_object(&w);
    return finish(&w, &b);
}

char *ds_jsonl_error(const char *id, const char *message)
{
    ds_buf b;
    ds_buf_init(&b, (size_t)1 << 20);
    ds_jw w;
    ds_jw_init(&w, &b);
    open_with_id(&w, id);
    ds_jw_kstr(&w, "error", message);
    ds_jw_end_object(&w);
    return finish(&w, &b);
}
