/* html.c: the frame of an HTML brief and its appendix of evidence
 * sentences, which the footnotes link to.  All document text is escaped. */
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"

static const char css[] =
    "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.5;color:#222}\n"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}\n"
    "sup.fn a{text-decoration:none}\n"
    "#footnotes,#bibliography,#evidence{font-size:.9em}\n"
    ".ev-item{border-left:3px solid #bbb;padding-left:.8em;margin:.8em 0}\n"
    ".ev-item .meta{color:#555;font-size:.9em}\n"
    ".ev-item:target{border-left-color:#c60;background:#fff6e8}\n";

const char *ds__br_html(ds_arena *a, const char *s)
{
    ds_buf t;
    ds_buf_init(&t, BR_OUT_MAX);
    const char *r = ds__br_put_html(&t, s) == DS_OK ? ds_arena_strndup(a, t.p ? t.p : "", t.len) : NULL;
    ds_buf_free(&t);
    return r;
}

ds_status ds__br_html_page_start(br_brief *b, ds_buf *out)
{
    const char *title = ds__br_html(b->arena, b->q->about);
    if (!title)
        return DS_ENOMEM;
    return ds_buf_printf(out,
                         "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
                         title, css);
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Every claim the footnotes cite, sorted, each once; ds_free'd by the caller. */
static int64_t *cited_claims(const br_brief *b, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < b->n_notes; i++)
        for (size_t k = 0; k < b->notes[i].n; k++)
            total += b->notes[i].cites[k].n_claims;
    int64_t *v = ds_calloc(total + 1, sizeof *v);
    if (!v)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < b->n_notes; i++)
        for (size_t k = 0; k < b->notes[i].n; k++)
            for (size_t c = 0; c < b->notes[i].cites[k].n_claims; c++)
                v[(*n)++] = b->notes[i].cites[k].claims[c];
    qsort(v, *n, sizeof *v, cmp_id);
    size_t u = 0;
    for (size_t i = 0; i < *n; i++)
        if (!u || v[u - 1] != v[i])
            v[u++] = v[i];
    *n = u;
    return v;
}

static ds_status evidence_item(br_brief *b, ds_buf *out, const br_evidence *e, bool first)
{
    ds_error ignored;
    const br_doc *d = ds__br_doc(b, e->doc, &ignored);
    ds_status rc = DS_OK;
    if (first)
        rc = ds_buf_printf(out, "<div class=\"ev-item\" id=\"ev-c%lld\">\n<p class=\"meta\">c%lld, d%lld",
                           (long long)e->claim, (long long)e->claim, (long long)e->doc);
    else
        rc = ds_buf_puts(out, "<p class=\"meta\">");
    if (rc == DS_OK && first && d) {
        rc = ds_buf_puts(out, ", ");
        if (rc == DS_OK)
            rc = ds__br_put_html(out, d->citation);
    }
    if (rc == DS_OK && e->carried) {
        const char *t = ds__br_style_get(&b->style, "evidence_carried", NULL);
        rc = t && first ? ds_buf_puts(out, ": ") : DS_OK;
        if (rc == DS_OK && t)
            rc = ds__br_put_html(out, t);
    }
    if (rc == DS_OK)
        rc = ds_buf_printf(out, " [%zu, %zu)</p>\n<blockquote>", e->start, e->end);
    if (rc == DS_OK)
        rc = ds__br_put_html(out, e->text);
    return rc == DS_OK ? ds_buf_puts(out, "</blockquote>\n") : rc;
}

ds_status ds__br_html_evidence(br_brief *b, ds_buf *out, ds_error *err)
{
    size_t n = 0, n_ev = 0;
    int64_t *ids = cited_claims(b, &n);
    if (!ids)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    br_evidence *ev = NULL;
    ds_status rc = n ? ds__br_evidence(b->store, b->arena, ids, n, &ev, &n_ev, err) : DS_OK;
    ds_free(ids);
    if (rc == DS_OK && n_ev) {
        rc = ds_buf_puts(out, "<section id=\"evidence\">\n<h2>");
        if (rc == DS_OK)
            rc = ds__br_put_html(out, ds__br_style_get(&b->style, "evidence_heading", NULL)
                                          ? ds__br_style_get(&b->style, "evidence_heading", NULL) : "");
        if (rc == DS_OK)
            rc = ds_buf_puts(out, "</h2>\n");
    }
    for (size_t i = 0; i < n_ev && rc == DS_OK; i++) {
        bool first = !i || ev[i - 1].claim != ev[i].claim;
        if (first && i)
            rc = ds_buf_puts(out, "</div>\n");
        if (rc == DS_OK)
            rc = evidence_item(b, out, &ev[i], first);
    }
    if (rc == DS_OK && n_ev)
        rc = ds_buf_puts(out, "</div>\n</section>\n");
    ds_free(ev);
    if (rc != DS_OK && !err->code)
        ds_error_set(err, rc, "writing the evidence: %s", ds_strerror(rc));
    return rc;
}
