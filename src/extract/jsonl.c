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

ds_status ds_jsonl_extract(const ds_extractor *x, ds_document *d,
                           const ds_extract_options *o, const char *id, ds_buf *line,
                           ds_error *err)
{
    ds_buf_reset(line);
    ds_jw w;
    ds_jw_init(&w, line);
    open_with_id(&w, id);
    ds_status rc = ds_extract_document_json(x, d, o, &w, err);
    if (rc != DS_OK)
        return rc;
    ds_jw_end_object(&w);
    if (w.st != DS_OK)
        return ds_error_set(err, w.st, "writing the result line: %s", ds_strerror(w.st));
    return DS_OK;
}

/* The line w wrote into b, or NULL (b released) when writing failed. */
static char *finish(ds_jw *w, ds_buf *b)
{
    if (w->st != DS_OK) {
        ds_buf_free(b);
        return NULL;
    }
    return ds_buf_steal(b, NULL);
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
