/* render.c: a composed brief written as Markdown or HTML.  Both carry the
 * same machine-readable marks the check reads back: the findings between
 * "dossier:findings" and "dossier:end" comments, footnote references, and
 * a "dossier:evidence" comment in each footnote naming its claims. */
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"

enum { WRAP = 80 };

ds_status ds__br_put_html(ds_buf *out, const char *s)
{
    ds_status rc = DS_OK;
    for (; *s && rc == DS_OK; s++) {
        switch (*s) {
        case '&': rc = ds_buf_puts(out, "&amp;"); break;
        case '<': rc = ds_buf_puts(out, "&lt;"); break;
        case '>': rc = ds_buf_puts(out, "&gt;"); break;
        case '"': rc = ds_buf_puts(out, "&quot;"); break;
        case '\'': rc = ds_buf_puts(out, "&#39;"); break;
        default: rc = ds_buf_putc(out, *s);
        }
    }
    return rc;
}

/* Markdown: ASCII punctuation that could start markup is escaped. */
static ds_status put_md(ds_buf *out, const char *s)
{
    ds_status rc = DS_OK;
    for (; *s && rc == DS_OK; s++) {
        if (strchr("\\`*_[]<>#|~&", *s))
            rc = ds_buf_putc(out, '\\');
        if (rc == DS_OK)
            rc = ds_buf_putc(out, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
    }
    return rc;
}

/* A word that could start a list, quote, heading or rule if a wrapped line
 * began with it. */
static bool bad_line_start(const char *w, size_t n)
{
    if (!n || strchr("-+*>#=|`~", *w))
        return true;
    size_t d = strspn(w, "0123456789");
    return d && d + 1 == n && (w[d] == '.' || w[d] == ')');
}

/* Appends Markdown text (already escaped) wrapped at WRAP columns, each
 * continuation line indented by `indent` spaces. */
static ds_status put_wrapped(ds_buf *out, const char *text, size_t indent, size_t col)
{
    ds_status rc = DS_OK;
    bool line_start = true;
    for (const char *p = text; *p && rc == DS_OK;) {
        size_t n = strcspn(p, " ");
        size_t chars = 0;
        for (size_t i = 0; i < n; i++)
            chars += ((unsigned char)p[i] & 0xC0) != 0x80;
        if (!line_start && col + 1 + chars > WRAP && !bad_line_start(p, n)) {
            rc = ds_buf_printf(out, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!line_start) {
            rc = ds_buf_putc(out, ' ');
            col++;
        }
        if (rc == DS_OK)
            rc = ds_buf_append(out, p, n);
        line_start = false;
        col += chars;
        p += n;
        while (*p == ' ')
            p++;
    }
    return rc;
}

static const char *md_escaped(br_brief *b, const char *s)
{
    ds_buf t;
    ds_buf_init(&t, BR_OUT_MAX);
    const char *r = put_md(&t, s) == DS_OK ? ds_arena_strndup(b->arena, t.p ? t.p : "", t.len) : NULL;
    ds_buf_free(&t);
    return r;
}

static bool html(const br_brief *b)
{
    return b->q->format == DS_BRIEF_HTML;
}

static ds_status put_text(br_brief *b, ds_buf *out, const char *s)
{
    return html(b) ? ds__br_put_html(out, s) : put_md(out, s);
}

static const char *get(const br_brief *b, const char *key)
{
    const char *v = ds__br_style_get(&b->style, key, NULL);
    return v ? v : "";
}

/* The latest publication date among the cited documents, in words.  Dates
 * known to the month or year compare by their first day: a report dated
 * only "2025" is not taken to be from December. */
static const char *cutoff(const br_brief *b)
{
    const br_doc *best = NULL;
    for (size_t i = 0; i < b->n_docs; i++)
        if (b->docs[i].published && (!best || strcmp(b->docs[i].published, best->published) > 0))
            best = &b->docs[i];
    return best ? best->date_text : NULL;
}

static ds_status paragraph(br_brief *b, ds_buf *out, const char *text)
{
    if (!text)
        return DS_ENOMEM;
    if (html(b)) {
        ds_status rc = ds_buf_puts(out, "<p>");
        if (rc == DS_OK)
            rc = ds__br_put_html(out, text);
        return rc == DS_OK ? ds_buf_puts(out, "</p>\n") : rc;
    }
    const char *e = md_escaped(b, text);
    ds_status rc = e ? put_wrapped(out, e, 0, 0) : DS_ENOMEM;
    return rc == DS_OK ? ds_buf_puts(out, "\n\n") : rc;
}

static ds_status heading(br_brief *b, ds_buf *out, int level, const char *text)
{
    ds_status rc = html(b) ? ds_buf_printf(out, "<h%d>", level)
                           : ds_buf_printf(out, "%.*s ", level, "######");
    if (rc == DS_OK)
        rc = put_text(b, out, text);
    if (rc == DS_OK)
        rc = html(b) ? ds_buf_printf(out, "</h%d>\n", level) : ds_buf_puts(out, "\n\n");
    return rc;
}

static ds_status scope(br_brief *b, ds_buf *out)
{
    ds_arena *a = b->arena;
    char docs[32], origins[32];
    snprintf(docs, sizeof docs, "%zu", b->n_docs);
    snprintf(origins, sizeof origins, "%zu", b->n_origins);
    const char *from = *b->period_from ? ds__br_date(&b->style, a, b->period_from, b->period_from, false) : NULL;
    const char *to = *b->period_to ? ds__br_date(&b->style, a, b->period_to, b->period_to, false) : NULL;
    const char *vars[] = {"topic", b->q->about, "place", b->q->place, "group", b->q->group,
                          "from", from, "to", to, "cutoff", cutoff(b), "documents", docs,
                          "origins", origins, NULL};
    ds_status rc = heading(b, out, 2, get(b, "scope_heading"));
    if (rc == DS_OK && !b->n_incidents)
        return paragraph(b, out, get(b, "scope_none"));
    const char *keys[] = {"scope_period", "scope_cutoff", "scope_sources", "scope_counting"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys && rc == DS_OK; i++)
        rc = paragraph(b, out, ds__br_fill(a, get(b, keys[i]), vars));
    return rc;
}

static ds_status ref(br_brief *b, ds_buf *out, size_t note)
{
    return html(b) ? ds_buf_printf(out, "<sup class=\"fn\"><a href=\"#fn%zu\" id=\"ref%zu\">%zu</a></sup>",
                                   note, note, note)
                   : ds_buf_printf(out, "[^%zu]", note);
}

/* One paragraph's statements, each followed by its footnote reference. */
static ds_status statements(br_brief *b, ds_buf *out, size_t *i)
{
    ds_buf md;
    ds_buf_init(&md, BR_OUT_MAX);
    ds_status rc = html(b) ? ds_buf_puts(out, "<p>") : DS_OK;
    for (bool first = true; *i < b->n_items && rc == DS_OK; ++*i, first = false) {
        const br_item *it = &b->items[*i];
        if (it->kind != BR_STMT && it->kind != BR_TEXT)
            break;
        ds_buf *to = html(b) ? out : &md;
        if (!first)
            rc = ds_buf_putc(to, ' ');
        if (rc == DS_OK)
            rc = put_text(b, to, it->text);
        if (rc == DS_OK && it->kind == BR_STMT)
            rc = ref(b, to, it->note);
    }
    if (rc == DS_OK)
        rc = html(b) ? ds_buf_puts(out, "</p>\n") : put_wrapped(out, md.p ? md.p : "", 0, 0);
    if (rc == DS_OK && !html(b))
        rc = ds_buf_puts(out, "\n\n");
    ds_buf_free(&md);
    return rc;
}

static ds_status findings(br_brief *b, ds_buf *out)
{
    ds_status rc = ds_buf_puts(out, html(b) ? "<!-- dossier:findings -->\n<section id=\"findings\">\n"
                                            : "<!-- dossier:findings -->\n\n");
    for (size_t i = 0; i < b->n_items && rc == DS_OK;) {
        const br_item *it = &b->items[i];
        if (it->kind == BR_HEADING) {
            rc = heading(b, out, 2, it->text);
            i++;
        } else if (it->kind == BR_PARA) {
            i++;
            if (i < b->n_items && (b->items[i].kind == BR_STMT || b->items[i].kind == BR_TEXT))
                rc = statements(b, out, &i);
        } else {
            rc = statements(b, out, &i);
        }
    }
    for (size_t i = 0; i < b->n_closings && rc == DS_OK; i++)
        rc = paragraph(b, out, b->closings[i]);
    if (rc == DS_OK)
        rc = ds_buf_puts(out, html(b) ? "</section>\n<!-- dossier:end -->\n" : "<!-- dossier:end -->\n\n");
    return rc;
}

static const br_doc *find_doc(const br_brief *b, int64_t id)
{
    for (size_t i = 0; i < b->n_docs; i++)
        if (b->docs[i].id == id)
            return &b->docs[i];
    return NULL;
}

static bool web_url(const char *u)
{
    return u && (ds_str_iprefix(u, "https://") || ds_str_iprefix(u, "http://")) &&
           !strpbrk(u, " \t\n\"'<>()\\");
}

/* One document of a footnote or the bibliography, with its url. */
static ds_status citation(br_brief *b, ds_buf *out, const br_doc *d, const char *relay)
{
    const char *text = d->citation;
    if (relay) {
        const char *vars[] = {"relay", relay, "citation", d->citation, NULL};
        text = ds__br_fill(b->arena, get(b, "relayed_citation"), vars);
    }
    ds_status rc = text ? put_text(b, out, text) : DS_ENOMEM;
    if (rc == DS_OK && web_url(d->url)) {
        rc = ds_buf_puts(out, ", ");
        if (rc == DS_OK && html(b)) {
            rc = ds_buf_puts(out, "<a href=\"");
            if (rc == DS_OK) rc = ds__br_put_html(out, d->url);
            if (rc == DS_OK) rc = ds_buf_puts(out, "\">");
            if (rc == DS_OK) rc = ds__br_put_html(out, get(b, "url_label"));
            if (rc == DS_OK) rc = ds_buf_puts(out, "</a>");
        } else if (rc == DS_OK) {
            rc = ds_buf_printf(out, "[%s](%s)", get(b, "url_label"), d->url);
        }
    }
    return rc;
}

static ds_status evidence_mark(ds_buf *out, size_t number, const br_note *n)
{
    ds_status rc = ds_buf_printf(out, "<!-- dossier:evidence %zu", number);
    for (size_t i = 0; i < n->n && rc == DS_OK; i++) {
        rc = ds_buf_printf(out, " d%lld:", (long long)n->cites[i].doc);
        for (size_t k = 0; k < n->cites[i].n_claims && rc == DS_OK; k++)
            rc = ds_buf_printf(out, "%sc%lld", k ? "," : "", (long long)n->cites[i].claims[k]);
    }
    return rc == DS_OK ? ds_buf_puts(out, " -->") : rc;
}

static ds_status note_text(br_brief *b, ds_buf *out, const br_note *n)
{
    ds_status rc = DS_OK;
    for (size_t i = 0; i < n->n && rc == DS_OK; i++) {
        const br_doc *d = find_doc(b, n->cites[i].doc);
        if (i)
            rc = put_text(b, out, get(b, "note_separator"));
        if (rc == DS_OK && d)
            rc = citation(b, out, d, n->cites[i].relay);
        for (size_t k = 0; html(b) && k < n->cites[i].n_claims && rc == DS_OK; k++)
            rc = ds_buf_printf(out, " <a class=\"ev\" href=\"#ev-c%lld\">[c%lld]</a>",
                               (long long)n->cites[i].claims[k], (long long)n->cites[i].claims[k]);
    }
    return rc;
}

static ds_status footnotes(br_brief *b, ds_buf *out)
{
    ds_status rc = html(b) ? ds_buf_puts(out, "<section id=\"footnotes\">\n") : DS_OK;
    if (rc == DS_OK && b->n_notes)
        rc = heading(b, out, 2, get(b, "footnotes_heading"));
    if (rc == DS_OK && html(b))
        rc = ds_buf_puts(out, "<ol>\n");
    for (size_t i = 0; i < b->n_notes && rc == DS_OK; i++) {
        ds_buf t;
        ds_buf_init(&t, BR_OUT_MAX);
        rc = html(b) ? ds_buf_printf(out, "<li id=\"fn%zu\">", i + 1) : ds_buf_printf(&t, "[^%zu]: ", i + 1);
        if (rc == DS_OK)
            rc = note_text(b, html(b) ? out : &t, &b->notes[i]);
        if (rc == DS_OK && !html(b))
            rc = put_wrapped(out, t.p, 4, 0);
        if (rc == DS_OK)
            rc = ds_buf_puts(out, html(b) ? " " : "\n    ");
        if (rc == DS_OK)
            rc = evidence_mark(out, i + 1, &b->notes[i]);
        if (rc == DS_OK)
            rc = html(b) ? ds_buf_printf(out, " <a href=\"#ref%zu\">&#8617;</a></li>\n", i + 1)
                         : ds_buf_puts(out, "\n\n");
        ds_buf_free(&t);
    }
    if (rc == DS_OK && html(b))
        rc = ds_buf_puts(out, "</ol>\n</section>\n");
    return rc;
}

static int by_citation(const void *x, const void *y)
{
    const br_doc *const *a = x, *const *c = y;
    return strcmp((*a)->citation, (*c)->citation);
}

static ds_status bibliography(br_brief *b, ds_buf *out)
{
    if (!b->n_docs)
        return DS_OK;
    const br_doc **v = ds_calloc(b->n_docs, sizeof *v);
    if (!v)
        return DS_ENOMEM;
    for (size_t i = 0; i < b->n_docs; i++)
        v[i] = &b->docs[i];
    qsort(v, b->n_docs, sizeof *v, by_citation);
    ds_status rc = heading(b, out, 2, get(b, "bibliography_heading"));
    if (rc == DS_OK && html(b))
        rc = ds_buf_puts(out, "<ul id=\"bibliography\">\n");
    for (size_t i = 0; i < b->n_docs && rc == DS_OK; i++) {
        ds_buf t;
        ds_buf_init(&t, BR_OUT_MAX);
        rc = ds_buf_puts(html(b) ? out : &t, html(b) ? "<li>" : "- ");
        if (rc == DS_OK)
            rc = citation(b, html(b) ? out : &t, v[i], NULL);
        if (rc == DS_OK)
            rc = html(b) ? ds_buf_puts(out, "</li>\n") : put_wrapped(out, t.p, 2, 0);
        if (rc == DS_OK && !html(b))
            rc = ds_buf_putc(out, '\n');
        ds_buf_free(&t);
    }
    if (rc == DS_OK)
        rc = ds_buf_puts(out, html(b) ? "</ul>\n" : "");
    ds_free(v);
    return rc;
}

/* Markdown ends with one newline: the last block's blank line is dropped. */
static void one_final_newline(ds_buf *out, size_t from)
{
    while (out->len > from + 1 && out->p[out->len - 1] == '\n' && out->p[out->len - 2] == '\n')
        out->p[--out->len] = '\0';
}

ds_status ds__br_render(br_brief *b, ds_buf *out, ds_error *err)
{
    size_t from = out->len;
    const char *vars[] = {"topic", b->q->about, NULL};
    const char *title = ds__br_fill(b->arena, get(b, "title"), vars);
    ds_status rc = html(b) ? ds__br_html_page_start(b, out) : DS_OK;
    if (rc == DS_OK)
        rc = heading(b, out, 1, title ? title : b->q->about);
    if (rc == DS_OK)
        rc = paragraph(b, out, get(b, "subtitle"));
    if (rc == DS_OK)
        rc = scope(b, out);
    if (rc == DS_OK)
        rc = findings(b, out);
    if (rc == DS_OK)
        rc = footnotes(b, out);
    if (rc == DS_OK)
        rc = bibliography(b, out);
    if (rc == DS_OK && html(b))
        rc = ds__br_html_evidence(b, out, err);
    if (rc == DS_OK && html(b))
        rc = ds_buf_puts(out, "</body>\n</html>\n");
    if (rc == DS_OK && !html(b))
        one_final_newline(out, from);
    if (rc != DS_OK && err && !err->code)
        ds_error_set(err, rc, "writing the brief: %s", ds_strerror(rc));
    return rc;
}
