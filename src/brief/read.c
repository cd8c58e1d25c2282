/* read.c: a brief read back for the check: its findings as paragraphs of
 * plain text with "[^N]" footnote references, and the claims each
 * footnote's evidence mark names.  The brief is untrusted input (a user
 * may have edited it): every length is capped and anything unexpected is
 * text. */
#include <stdlib.h>
#include <string.h>

#include "read.h"

static const char FINDINGS[] = "<!-- dossier:findings -->";
static const char END[] = "<!-- dossier:end -->";
static const char MARK[] = "<!-- dossier:evidence ";
enum { MARK_MAX = 1 << 16 }; /* bytes of one evidence mark */

/* The length of p[0..end) up to the first c (all of it when none): every
 * scan stays inside its bounds, so that hostile input costs linear time. */
static size_t upto(const char *p, const char *end, char c)
{
    const char *q = memchr(p, c, (size_t)(end - p));
    return q ? (size_t)(q - p) : (size_t)(end - p);
}

static bool para_break(br_read *r)
{
    if (!r->cur.len)
        return true;
    char **v = r->n_paras < BR_READ_MAX_PARAS ? ds_grow(r->paras, &r->cap_paras, r->n_paras, sizeof *v) : NULL;
    if (!v)
        return false;
    r->paras = v;
    v[r->n_paras++] = ds_buf_steal(&r->cur, NULL);
    return v[r->n_paras - 1] != NULL;
}

static bool put(br_read *r, const char *s, size_t n)
{
    return ds_buf_append(&r->cur, s, n) == DS_OK;
}

/* Markdown: headings and comments are left out, blank lines end
 * paragraphs, backslash escapes are undone. */
static bool read_md(br_read *r, const char *t, size_t len)
{
    bool ok = true;
    for (size_t i = 0; i < len && ok;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - t) - i : len - i;
        const char *line = t + i;
        size_t lead = 0;
        while (lead < n && line[lead] == ' ')
            lead++;
        if (lead == n || line[lead] == '#' || !strncmp(line + lead, "<!--", 4)) {
            ok = para_break(r);
        } else {
            if (r->cur.len)
                ok = put(r, " ", 1);
            for (size_t k = lead; k < n && ok; k++) {
                if (line[k] == '\\' && k + 1 < n && strchr("\\`*_[]<>#|~&", line[k + 1]))
                    k++;
                ok = put(r, line + k, 1);
            }
        }
        i += n + 1;
    }
    return ok && para_break(r);
}

/* The character an HTML entity stands for, for the entities a brief
 * writes; *n receives the entity's length, 0 when it is none of them. */
static char entity(const char *s, size_t left, size_t *n)
{
    static const struct {
        const char *name;
        char c;
    } known[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        size_t k = strlen(known[i].name);
        if (k <= left && !memcmp(s, known[i].name, k)) {
            *n = k;
            return known[i].c;
        }
    }
    *n = 0;
    return 0;
}

/* Where the tag at s ends (after its '>'), or NULL. */
static const char *tag_end(const char *s, const char *end)
{
    const char *gt = memchr(s, '>', (size_t)(end - s));
    return gt ? gt + 1 : NULL;
}

static bool starts(const char *s, const char *end, const char *what)
{
    size_t n = strlen(what);
    return (size_t)(end - s) >= n && !strncasecmp(s, what, n);
}

/* A footnote reference <sup ...>...N...</sup> as "[^N]". */
static const char *html_ref(br_read *r, const char *s, const char *end, bool *ok)
{
    const char *close = s;
    while (close < end && !starts(close, end, "</sup>"))
        close++;
    char ref[32] = "[^";
    size_t o = 2;
    for (const char *p = s; p < close; p++) {
        if (*p == '<') {
            const char *e = tag_end(p, close);
            p = e ? e - 1 : close;
        } else if (*p >= '0' && *p <= '9' && o < 20) {
            ref[o++] = *p;
        }
    }
    ref[o++] = ']';
    *ok = o > 3 && put(r, ref, o);
    return close < end ? close + 6 : end;
}

/* HTML: headings and comments left out, <p> and </p> end paragraphs,
 * <sup> becomes a reference, other tags are dropped, entities decoded. */
static bool read_html(br_read *r, const char *s, const char *end)
{
    bool ok = true;
    while (s < end && ok) {
        size_t n;
        char c;
        if (starts(s, end, "<!--")) {
            const char *e = s + 4;
            while (e < end && !starts(e, end, "-->"))
                e++;
            s = e < end ? e + 3 : end;
        } else if (starts(s, end, "<h") && s + 2 < end && s[2] >= '1' && s[2] <= '6') {
            const char *e = s;
            while (e < end && !(starts(e, end, "</h") && e + 3 < end && e[3] == s[2]))
                e++;
            ok = para_break(r);
            s = e < end && tag_end(e, end) ? tag_end(e, end) : end;
        } else if (starts(s, end, "<sup")) {
            s = html_ref(r, s, end, &ok);
        } else if (starts(s, end, "<p") || starts(s, end, "</p") || starts(s, end, "<section") ||
                   starts(s, end, "</section")) {
            ok = para_break(r);
            s = tag_end(s, end) ? tag_end(s, end) : end;
        } else if (*s == '<') {
            s = tag_end(s, end) ? tag_end(s, end) : end;
        } else if (*s == '&' && (c = entity(s, (size_t)(end - s), &n))) {
            ok = put(r, &c, 1);
            s += n;
        } else {
            ok = put(r, *s == '\n' ? " " : s, 1);
            s++;
        }
    }
    return ok && para_break(r);
}

/* "d3:c12,c14" into the note's claims. */
static bool read_cite(br_read *r, size_t note, const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || s[0] != 'd')
        return false;
    int64_t doc = strtoll(s + 1, NULL, 10);
    for (const char *p = colon + 1; p < s + n;) {
        size_t k = upto(p, s + n, ',');
        char id[24];
        if (!k || k >= sizeof id || *p != 'c')
            return false;
        memcpy(id, p + 1, k - 1);
        id[k - 1] = '\0';
        br_read_claim *v = r->n_claims < BR_READ_MAX_CLAIMS
                               ? ds_grow(r->claims, &r->cap_claims, r->n_claims, sizeof *v) : NULL;
        if (!v)
            return false;
        r->claims = v;
        v[r->n_claims++] = (br_read_claim){note, doc, strtoll(id, NULL, 10)};
        p += k + 1;
    }
    return true;
}

static void read_marks(br_read *r, const char *t, size_t len)
{
    for (const char *m = memmem(t, len, MARK, sizeof MARK - 1); m;
         m = memmem(m + 1, len - (size_t)(m + 1 - t), MARK, sizeof MARK - 1)) {
        const char *p = m + sizeof MARK - 1;
        size_t left = len - (size_t)(p - t);
        const char *end = memmem(p, left < MARK_MAX ? left : MARK_MAX, "-->", 3);
        if (!end)
            continue;
        size_t note = 0;
        for (; p < end && *p >= '0' && *p <= '9' && note < 1000000; p++)
            note = note * 10 + (size_t)(*p - '0');
        while (p < end && note) {
            while (p < end && *p == ' ')
                p++;
            size_t k = upto(p, end, ' ');
            if (k && !read_cite(r, note, p, k))
                break;
            p += k;
        }
    }
}

static int by_note(const void *a, const void *b)
{
    const br_read_claim *x = a, *y = b;
    return x->note < y->note ? -1 : x->note > y->note;
}

const br_read_claim *ds__br_read_note(const br_read *r, size_t note, size_t *n)
{
    size_t lo = 0, hi = r->n_claims;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->claims[mid].note < note)
            lo = mid + 1;
        else
            hi = mid;
    }
    *n = 0;
    while (lo + *n < r->n_claims && r->claims[lo + *n].note == note)
        ++*n;
    return &r->claims[lo];
}

ds_status ds__br_read(br_read *r, const char *text, size_t len, ds_error *err)
{
    *r = (br_read){0};
    ds_buf_init(&r->cur, BR_READ_MAX_PARA);
    const char *f = memmem(text, len, FINDINGS, sizeof FINDINGS - 1);
    const char *e = f ? memmem(f, len - (size_t)(f - text), END, sizeof END - 1) : NULL;
    if (!f || !e)
        return ds_error_set(err, DS_EFORMAT, "not a brief written by dossier (no findings marks)");
    f += sizeof FINDINGS - 1;
    bool is_html = memmem(text, (size_t)(f - text), "<html", 5) != NULL;
    bool ok = is_html ? read_html(r, f, e) : read_md(r, f, (size_t)(e - f));
    read_marks(r, e, len - (size_t)(e - text));
    if (r->n_claims)
        qsort(r->claims, r->n_claims, sizeof *r->claims, by_note);
    if (!ok) {
        ds__br_read_free(r);
        return ds_error_set(err, DS_ETOOBIG, "the brief's findings are too long to check");
    }
    return DS_OK;
}

void ds__br_read_free(br_read *r)
{
    for (size_t i = 0; i < r->n_paras; i++)
        ds_free(r->paras[i]);
    ds_free(r->paras);
    ds_free(r->claims);
    ds_buf_free(&r->cur);
    *r = (br_read){0};
}
