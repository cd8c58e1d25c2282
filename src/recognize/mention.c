#include "mention.h"

#include <stdlib.h>

char *ds__json_take(json_t *value)
{
    char *s = value ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(value);
    char *copy = s ? ds_strdup(s) : NULL;
    free(s); /* jansson allocates with malloc; documents free with ds_free */
    return copy;
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

ds_status ds__mention_append(ds_document *d, size_t start, size_t end, const char *kind,
                             json_t *value, ds_error *err)
{
    char *copy = ds__json_take(value);
    if (!copy)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    d->mentions[d->n_mentions++] = (ds_mention){start, end, kind, copy};
    return DS_OK;
}
