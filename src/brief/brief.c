/* brief.c: ds_brief_write, a brief from selection to text. */
#include <string.h>

#include "brief_int.h"

ds_status ds_brief_write(ds_store *s, const ds_brief_query *q, ds_buf *out, ds_error *err)
{
    if (!q || !q->about || !*q->about)
        return ds_error_set(err, DS_EINVAL, "a brief needs a topic (--about)");
    br_brief b = {.q = q, .store = s, .arena = ds_arena_new(BR_ARENA_MAX)};
    if (!b.arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_status rc = ds__br_style_load(&b.style, q->style, b.arena, err);
    if (rc == DS_OK)
        rc = ds__br_compose(&b, err);
    if (rc == DS_OK)
        rc = ds__br_render(&b, out, err);
    ds_free(b.style.rows);
    ds_free(b.docs);
    ds_free(b.notes);
    ds_free(b.items);
    ds_free(b.closings);
    ds_free(b.origins);
    ds_arena_free(b.arena);
    return rc;
}
