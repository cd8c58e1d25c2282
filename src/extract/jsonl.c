/* jsonl.c: reading stream documents and writing stream results. */
#include "extract/jsonl.h"

#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

static ds_status field_string(json_t *o, const char *key, char **out, ds_error *err)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return DS_OK;
    if (!json_is_string(v))
        return ds_error_set(err, DS_EFORMAT, "\"%s\" must be a string or null", key);
    if (!(*out = ds_strndup(json_string_value(v), json_string_length(v))))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    return DS_OK;
}

static ds_status read_fields(json_t *o, ds_document *d, ds_error *err)
{
    json_t *text = json_object_get(o, "text");
    if (!text || !json_is_string(text))
        return ds_error_set(err, DS_EFORMAT, "\"text\" is missing or not a string");
    d->text_len = json_string_length(text);
    if (!(d->text = ds_malloc(d->text_len + 1)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for %zu bytes of text", d->text_len);
    memcpy(d->text, json_string_value(text), d->text_len + 1);
    if (field_string(o, "title", &d->title, err) != DS_OK ||
        field_string(o, "source", &d->source, err) != DS_OK)
        return err->code;
    json_t *pub = json_object_get(o, "published");
    if (pub && !json_is_null(pub)) {
        if (!json_is_string(pub) ||
            ds_date_parse_iso(json_string_value(pub), DS_PREC_NONE, &d->published) != DS_OK)
            return ds_error_set(err, DS_EFORMAT,
                                "\"published\" must be YYYY-MM-DD, YYYY-MM, YYYY or null");
    }
    return DS_OK;
}

ds_status ds_jsonl_read(const char *line, size_t len, ds_document *d, json_t **id,
                        ds_error *err)
{
    memset(d, 0, sizeof *d);
    *id = NULL;
    if (len > DS_JSONL_MAX_LINE)
        return ds_error_set(err, DS_ETOOBIG, "line of %zu bytes exceeds the %d-byte cap", len,
                            DS_JSONL_MAX_LINE);
    json_error_t je;
    /* JSON forbids invalid UTF-8 and jansson refuses it, so every text that
     * gets through is valid UTF-8 without NUL bytes. */
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return ds_error_set(err, DS_EFORMAT, "not JSON: %s at column %d", je.text, je.column);
    ds_status rc = DS_OK;
    json_t *idv = json_is_object(o) ? json_object_get(o, "id") : NULL;
    if (!json_is_object(o))
        rc = ds_error_set(err, DS_EFORMAT, "a line must be a JSON object");
    else if (!idv || !(json_is_string(idv) || json_is_integer(idv)))
        rc = ds_error_set(err, DS_EFORMAT, "\"id\" is missing or not a string or integer");
    else
        *id = json_incref(idv);
    if (rc == DS_OK)
        rc = read_fields(o, d, err);
    json_decref(o);
    if (rc != DS_OK)
        ds_document_free(d);
    return rc;
}

/* Opens the result object with the id as the input gave it (a string or
 * an integer), or null. */
static void open_with_id(ds_jw *w, const json_t *id)
{
    ds_jw_object(w);
    ds_jw_key(w, "id");
    char *ids = json_dumps(id ? id : json_null(), JSON_COMPACT | JSON_ENCODE_ANY);
    if (ids)
        ds_jw_raw(w, ids, strlen(ids));
    else if (w->st == DS_OK)
        w->st = DS_ENOMEM;
    free(ids); /* jansson allocates with malloc */
}

/* The stored mentions and claims are compact JSON already, so the result
 * line is spliced from them rather than parsed and printed again, which
 * would cost more than finding them did. */
static void splice(ds_jw *w, const char *key, size_t n,
                   const char *(*at)(const ds_document *, size_t), const ds_document *d)
{
    ds_jw_key(w, key);
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

char *ds_jsonl_result(const json_t *id, const ds_document *d)
{
    ds_buf b;
    ds_buf_init(&b, (size_t)1 << 31);
    ds_jw w;
    ds_jw_init(&w, &b);
    open_with_id(&w, id);
    splice(&w, "mentions", d->n_mentions, mention_at, d);
    splice(&w, "claims", d->n_claims, claim_at, d);
    ds_jw_end_object(&w);
    return finish(&w, &b);
}

char *ds_jsonl_error(const json_t *id, const char *message)
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
