/* citation_resolve.c: cited works matched to documents of the dossier.
 *
 * A URL that is the document's, once reduced to what identifies it, is
 * enough.  Otherwise each document is scored, 0 to 1 (the weights and
 * thresholds are the cite_* settings of data/link_policy.tsv; the shipped
 * values are shown):
 *
 *   0.60 x title      Dice overlap of the folded title words (four letters
 *                     or more, or holding a digit): 2|A∩B| / (|A|+|B|);
 *                     without a title field, the share of the document's
 *                     title words the whole citation holds, times 0.9
 *   0.15 x author     the cited author's surname is the document author's
 *                     last word, or the citation holds the author's name
 *   0.15 x publisher  the citation holds the document's publisher, or
 *                     every word of its name (four letters or more)
 *   0.10 x date       +1 when the cited date overlaps the publication
 *                     date, -1 when both are known and they do not
 *
 * The best document resolves the work when its title overlap is at least
 * cite_title_min (0.75: "A Survey of River Towns" is not "A Survey of
 * Mountain Towns", 0.67) and its score at least cite_min (0.65): an
 * identical title alone (0.6) needs the author, the publisher or the date
 * besides.
 * A work never resolves to the document that cites it. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "citation_int.h"
#include "normalize/normalize.h"

const char *ds__ct_fold(ds_arena *a, const char *s)
{
    if (!s || !*s)
        return NULL;
    char *f = ds_fold(s, strlen(s));
    char *out = f && *f ? ds_arena_strdup(a, f) : NULL;
    ds_free(f);
    return out;
}

static bool keep_word(const char *w, size_t n)
{
    if (n >= 4)
        return true;
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)w[i]))
            return true;
    return false;
}

void ds__ct_words(ds_arena *a, const char *folded, ct_words *out)
{
    out->n = 0;
    char *s = folded ? ds_arena_strdup(a, folded) : NULL, *save = NULL;
    for (char *tok = s ? strtok_r(s, " ", &save) : NULL; tok && out->n < CT_WORDS_MAX;
         tok = strtok_r(NULL, " ", &save)) {
        size_t k = 0;
        while (k < out->n && strcmp(out->w[k], tok))
            k++;
        if (k == out->n && keep_word(tok, strlen(tok)))
            out->w[out->n++] = tok;
    }
}

const char *ds__ct_url_key(ds_arena *a, const char *url)
{
    if (!url)
        return NULL;
    if (!strncmp(url, "https://", 8))
        url += 8;
    else if (!strncmp(url, "http://", 7))
        url += 7;
    else
        return NULL;
    if (!strncmp(url, "www.", 4))
        url += 4;
    size_t n = strcspn(url, "#");
    while (n && url[n - 1] == '/')
        n--;
    char *k = n ? ds_arena_strndup(a, url, n) : NULL;
    for (char *p = k; p && *p && *p != '/'; p++)
        *p = (char)tolower((unsigned char)*p);
    return k;
}

ds_status ds_citer_add_document(ds_citer *c, const ds_document *doc, ds_error *err)
{
    ct_doc *v = ds_grow(c->docs, &c->cap_docs, c->n_docs, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    c->docs = v;
    ct_doc *d = &v[c->n_docs++];
    *d = (ct_doc){.id = doc->id, .p0 = INT32_MIN, .p1 = INT32_MIN};
    memcpy(d->sha256, doc->sha256, sizeof d->sha256);
    d->sha256[sizeof d->sha256 - 1] = '\0';
    ds__ct_words(c->arena, ds__ct_fold(c->arena, doc->title), &d->title);
    d->author = ds__ct_fold(c->arena, doc->author);
    const char *last = d->author ? strrchr(d->author, ' ') : NULL;
    d->surname = last ? last + 1 : d->author;
    d->publisher = ds__ct_fold(c->arena, doc->source);
    ds__ct_words(c->arena, d->publisher, &d->publisher_words);
    d->url = ds__ct_url_key(c->arena, doc->url);
    if (doc->published.precision) {
        d->p0 = ds_days_from_iso(doc->published.start);
        d->p1 = ds_days_from_iso(doc->published.end);
    }
    return DS_OK;
}

/* Whether needle stands in hay as whole words (both folded). */
static bool has_words(const char *hay, const char *needle)
{
    if (!hay || !needle)
        return false;
    size_t n = strlen(needle);
    for (const char *h = strstr(hay, needle); h; h = strstr(h + 1, needle))
        if ((h == hay || h[-1] == ' ') && (h[n] == '\0' || h[n] == ' '))
            return true;
    return false;
}

static size_t shared(const ct_words *a, const ct_words *b)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            n += !strcmp(a->w[i], b->w[j]);
    return n;
}

/* What resolving knows of one cited work, folded once. */
typedef struct {
    const ds_citation *w;
    const char *text;   /* the whole work, folded */
    const char *author; /* folded */
    ct_words title;     /* of the title field, or of the whole text */
    ct_words words;     /* of the whole text */
    bool has_title;
    const char *url;
    int32_t d0, d1;
} ct_work;

static double title_part(const ct_work *k, const ct_doc *d)
{
    if (!d->title.n || !k->title.n)
        return 0;
    double s = (double)shared(&k->title, &d->title);
    return k->has_title ? 2 * s / (double)(k->title.n + d->title.n)
                        : 0.9 * s / (double)d->title.n;
}

static double score(const ds_link_policy *p, const ct_work *k, const ct_doc *d, double *title)
{
    *title = title_part(k, d);
    double author = 0, publisher = 0, date = 0;
    if (d->surname && k->author) {
        size_t n = strcspn(k->author, " ");
        author = (strlen(d->surname) == n && !strncmp(k->author, d->surname, n)) ||
                 has_words(k->text, d->author);
    }
    publisher = has_words(k->text, d->publisher) ||
                (d->publisher_words.n && shared(&d->publisher_words, &k->words) ==
                                             d->publisher_words.n);
    if (k->d0 != INT32_MIN && d->p0 != INT32_MIN)
        date = k->d0 <= d->p1 && d->p0 <= k->d1 ? 1 : -1;
    double s = p->cite_title * *title + p->cite_author * author +
               p->cite_publisher * publisher + p->cite_date * date;
    return s < 0 ? 0 : s;
}

static void resolve_one(ds_citer *c, ds_citation *w)
{
    ct_work k = {.w = w, .d0 = INT32_MIN, .d1 = INT32_MIN};
    k.text = ds__ct_fold(c->arena, w->text);
    k.author = ds__ct_fold(c->arena, w->author);
    k.has_title = w->title != NULL;
    ds__ct_words(c->arena, k.has_title ? ds__ct_fold(c->arena, w->title) : k.text, &k.title);
    ds__ct_words(c->arena, k.text, &k.words);
    k.url = ds__ct_url_key(c->arena, w->url);
    if (w->date.precision) {
        k.d0 = ds_days_from_iso(w->date.start);
        k.d1 = ds_days_from_iso(w->date.end);
    }
    /* Two documents equally good (two copies of one report) are told
     * apart by their sha256, not by which was stored first, so that the
     * result does not depend on the order documents were added in. */
    const ct_doc *best = NULL;
    bool by_url = false;
    for (size_t i = 0; i < c->n_docs; i++) {
        const ct_doc *d = &c->docs[i];
        if (d->id == w->from)
            continue;
        bool url = k.url && d->url && !strcmp(k.url, d->url);
        double title = 0, s = url ? 1 : score(c->policy, &k, d, &title);
        if (!url && (title < c->policy->cite_title_min || s < c->policy->cite_min))
            continue;
        if (by_url && !url)
            continue;
        if (best && url == by_url &&
            (s < w->score || (s == w->score && strcmp(d->sha256, best->sha256) > 0)))
            continue;
        best = d;
        by_url = url;
        w->to = d->id;
        w->score = s;
    }
}

ds_status ds_citer_resolve(ds_citer *c, ds_error *err)
{
    if (c->resolved)
        return ds_error_set(err, DS_EINVAL, "the citations are resolved already");
    c->resolved = true;
    for (size_t i = 0; i < c->n; i++)
        resolve_one(c, &c->v[i]);
    return DS_OK;
}
