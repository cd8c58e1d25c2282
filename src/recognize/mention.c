#include "mention.h"

size_t ds__mention_json_cap(size_t text_len)
{
    return text_len * 6 + ((size_t)1 << 16);
}

ds_status ds__mentions_reserve(ds_document *d, size_t n, ds_error *err)
{
    if (!n)
        return DS_OK;
    ds_mention *v = ds_realloc(d->mentions, (d->n_mentions + n) * sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    d->mentions = v;
    return DS_OK;
}

ds_status ds__json_copy(ds_jw *w, char **out, ds_error *err)
{
    ds_status st = w->st;
    *out = NULL;
    if (st != DS_OK)
        ds_error_set(err, st, "writing JSON: %s", ds_strerror(st));
    else if (!(*out = ds_strndup(w->b->p ? w->b->p : "", w->b->len)))
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_buf_reset(w->b);
    ds_jw_init(w, w->b);
    return st;
}

ds_status ds__mention_append(ds_document *d, size_t start, size_t end, const char *kind,
                             ds_jw *w, ds_error *err)
{
    char *copy;
    ds_status st = ds__json_copy(w, &copy, err);
    if (st != DS_OK)
        return st;
    d->mentions[d->n_mentions++] = (ds_mention){start, end, kind, copy};
    return DS_OK;
}
