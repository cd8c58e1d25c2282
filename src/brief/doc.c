/* doc.c: the documents a brief cites, with their citations in the house
 * style. */
#include <string.h>

#include "brief_int.h"

/* "Gregory Waters" as the style writes an author: "Waters, G.".  A name
 * of one word, or one with a comma already, is kept as given. */
static const char *author_name(br_brief *b, const char *author)
{
    const char *t = ds__br_style_get(&b->style, "author_name", NULL);
    const char *sp = strrchr(author, ' ');
    if (!t || !sp || strchr(author, ',') || strstr(author, " and "))
        return author;
    char initials[64];
    size_t o = 0;
    for (const char *w = author; w < sp && o + 8 < sizeof initials; ) {
        size_t n = ds_utf8_seq_len((const unsigned char *)w, (size_t)(sp - w));
        if (!n)
            return author;
        memcpy(initials + o, w, n);
        o += n;
        initials[o++] = '.';
        const char *next = strchr(w, ' ');
        if (!next || next >= sp)
            break;
        w = next + 1;
        initials[o++] = ' ';
    }
    initials[o] = '\0';
    const char *vars[] = {"last", sp + 1, "initials", initials, NULL};
    const char *v = ds__br_fill(b->arena, t, vars);
    return v ? v : author;
}

static ds_status format_doc(br_brief *b, const ds_document *d, br_doc *out, ds_error *err)
{
    ds_arena *a = b->arena;
    const char *author = d->author ? author_name(b, d->author) : NULL;
    const char *lead = author ? author : d->source ? d->source : d->title ? d->title : d->file;
    const char *date = d->published.precision != DS_PREC_NONE
                           ? ds__br_date(&b->style, a, d->published.start, d->published.end, false)
                           : NULL;
    const char *t = ds__br_style_get(&b->style, "citation", NULL);
    if (!t)
        return ds_error_set(err, DS_EFORMAT, "the style has no citation row");
    const char *vars[] = {"lead", lead, "title", d->title && lead != d->title ? d->title : NULL,
                          "publisher", author ? d->source : NULL,
                          "date", date, NULL};
    out->id = d->id;
    /* In prose a document is its author with the publisher, so that two
     * documents of one author read as one origin. */
    const char *by = ds__br_style_get(&b->style, "source_by", NULL);
    const char *by_vars[] = {"author", d->author, "publisher", d->source, NULL};
    out->name = d->author && d->source && by ? ds__br_fill(a, by, by_vars)
                : ds_arena_strdup(a, d->source ? d->source : d->author ? d->author
                                     : d->title ? d->title : d->file);
    out->citation = ds__br_fill(a, t, vars);
    out->url = d->url ? ds_arena_strdup(a, d->url) : NULL;
    out->published = d->published.precision != DS_PREC_NONE ? ds_arena_strdup(a, d->published.start) : NULL;
    out->published_end = out->published ? ds_arena_strdup(a, d->published.end) : NULL;
    out->date_text = date;
    if (!out->name || !out->citation || (d->url && !out->url))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    return DS_OK;
}

const br_doc *ds__br_doc(br_brief *b, int64_t id, ds_error *err)
{
    for (size_t i = 0; i < b->n_docs; i++)
        if (b->docs[i].id == id)
            return &b->docs[i];
    br_doc *v = ds_grow(b->docs, &b->cap_docs, b->n_docs, sizeof *v);
    if (!v) {
        ds_error_set(err, DS_ENOMEM, "out of memory");
        return NULL;
    }
    b->docs = v;
    ds_document d = {0};
    if (ds_store_get_document(b->store, id, false, &d, err) != DS_OK)
        return NULL;
    ds_status rc = format_doc(b, &d, &v[b->n_docs], err);
    ds_document_free(&d);
    return rc == DS_OK ? &v[b->n_docs++] : NULL;
}

int64_t ds__br_id(const char *s, char prefix)
{
    if (!s || *s != prefix)
        return 0;
    int64_t v = 0;
    for (s++; *s >= '0' && *s <= '9' && v < INT64_MAX / 10; s++)
        v = v * 10 + (*s - '0');
    return *s ? 0 : v;
}
