/* segment.c: the entry point of sentence segmentation and its output.
 *
 * ds_segment hands the text to the line layer (lines.c), which groups lines
 * into blocks and passes body text to the splitter (split.c); both append
 * their spans here.
 */
#include "segment/segment_int.h"

ds_status ds__seg_emit(seg_out *o, const char *text, size_t s, size_t e, ds_sentence_kind kind,
                       ds_error *err)
{
    const char *p = seg_skip_space(text + s, text + e);
    const char *q = seg_trim_end(p, text + e);
    if (p == q)
        return DS_OK;
    if (o->n == DS_SEGMENT_MAX_SENTENCES)
        return ds_error_set(err, DS_ETOOBIG, "the text has more than %d sentences",
                            DS_SEGMENT_MAX_SENTENCES);
    if (o->n == o->cap) {
        ds_sentence *v = ds_grow(o->v, &o->cap, o->n, sizeof *v);
        if (!v)
            return ds_error_set(err, DS_ENOMEM, "out of memory while segmenting");
        o->v = v;
    }
    o->v[o->n++] = (ds_sentence){(size_t)(p - text), (size_t)(q - text), kind};
    return DS_OK;
}

ds_status ds_segment(const ds_segmenter *seg, const char *text, size_t len, ds_sentence **out,
                     size_t *n_out, ds_error *err)
{
    *out = NULL;
    *n_out = 0;
    if (!seg || (!text && len))
        return ds_error_set(err, DS_EINVAL, "ds_segment: no segmenter or no text");
    seg_out o = {0};
    ds_status rc = len ? ds__seg_lines(seg, &o, text, len, err) : DS_OK;
    if (rc) {
        ds_free(o.v);
        return rc;
    }
    *out = o.v;
    *n_out = o.n;
    return DS_OK;
}
