/* check.c: ds_brief_check.  Every footnoted statement of a brief is read
 * with the same recognizers that read the documents (dates, figures,
 * places), and each value must be found in the evidence of the claims its
 * footnote names: a figure stated there, a date range the statement's
 * covers, the same place.  Text without a footnote may state no figure or
 * date at all. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "normalize/normalize.h"
#include "read.h"
#include "recognize/places.h"
#include "recognize/quantity.h"
#include "recognize/time.h"
#include "sources/sources.h"

enum { CHECK_ARENA = 64u << 20, PROBLEMS_MAX = 10000, QUOTE_CHARS = 70 };

typedef struct checker {
    ds_store *store;
    ds_times *times;
    ds_quantities *qty;
    ds_gazetteer *gz;
    ds_places *places;
    br_read rd;
    br_evidence *ev;
    size_t n_ev;
    ds_brief_problems *p;
    ds_arena *arena;
    ds_registry *registry;
    const char *country; /* the country most cited claims are in: the focus
                          * for statements whose claims have no place */
} checker;

static void problem(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(checker *c, const char *fmt, ...)
{
    ds_brief_problems *p = c->p;
    p->found++;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char **v = p->n < PROBLEMS_MAX ? ds_grow(p->items, &p->cap, p->n, sizeof *v) : NULL;
    if (!v)
        return;
    p->items = v;
    if ((v[p->n] = ds_strdup(line)))
        p->n++;
}

void ds_brief_problems_free(ds_brief_problems *p)
{
    for (size_t i = 0; i < p->n; i++)
        ds_free(p->items[i]);
    ds_free(p->items);
    *p = (ds_brief_problems){0};
}

/* The recognized values of one piece of text. */
typedef struct values {
    ds_time_mention *t;
    size_t nt;
    ds_quantity *q;
    size_t nq;
    ds_place_mention *pl;
    size_t np;
} values;

static ds_status recognize(checker *c, const char *text, const ds_date *published,
                           const char *country, bool places, values *v, ds_error *err)
{
    *v = (values){0};
    ds_time_context ctx = {0};
    if (published)
        ctx.published = *published;
    size_t len = strlen(text);
    ds_status rc = ds_tq_find(c->times, c->qty, text, len, &ctx, c->arena, &v->t, &v->nt,
                              &v->q, &v->nq, err);
    if (rc == DS_OK && places)
        rc = ds_places_find(c->places, text, len, country, c->arena, &v->pl, &v->np, err);
    return rc;
}

static bool is_figure(const ds_quantity *q)
{
    return !q->ordinal && isfinite(q->x);
}

static bool same_number(double a, const ds_quantity *q)
{
    return a == q->x || (isfinite(q->y) && a == q->y);
}

static char *folded(const char *s, size_t n)
{
    return s ? ds_fold(s, n) : NULL;
}

static bool same_place(const ds_place_mention *a, const char *text_a, const ds_place_mention *b,
                       const char *text_b)
{
    if (a->place != DS_PLACE_NONE && a->place == b->place)
        return true;
    char *x = folded(text_a + a->name_start, a->name_end - a->name_start);
    char *y = folded(text_b + b->name_start, b->name_end - b->name_start);
    bool same = x && y && (!strcmp(x, y));
    ds_free(x);
    ds_free(y);
    return same || (a->name && b->name && !strcmp(a->name, b->name));
}

static bool place_is_claims(const ds_place_mention *a, const char *text, const br_evidence *e)
{
    char *x = folded(text + a->name_start, a->name_end - a->name_start);
    bool same = false;
    const char *names[] = {e->place_text, e->place_name};
    for (size_t i = 0; x && i < 2 && !same; i++) {
        char *y = folded(names[i], names[i] ? strlen(names[i]) : 0);
        same = y && !strcmp(x, y);
        ds_free(y);
    }
    ds_free(x);
    return same || (a->name && e->place_name && !strcmp(a->name, e->place_name));
}

/* A short quote of a statement for messages. */
static const char *quote(const char *s, char *buf, size_t size)
{
    size_t n = 0, chars = 0;
    while (s[n] && chars < QUOTE_CHARS) {
        size_t k = ds_utf8_seq_len((const unsigned char *)s + n, strlen(s + n));
        n += k ? k : 1;
        chars++;
    }
    snprintf(buf, size, "%.*s%s", (int)n, s, s[n] ? "..." : "");
    return buf;
}

typedef struct stmt {
    const char *text;
    size_t note;
    const br_evidence *ev[BR_MAX_CITES * BR_MAX_CLAIMS * 3];
    size_t n_ev;
    values ev_values[BR_MAX_CITES * BR_MAX_CLAIMS * 3];
} stmt;

static bool time_found(const ds_time_mention *t, const stmt *s)
{
    for (size_t i = 0; i < s->n_ev; i++) {
        const br_evidence *e = s->ev[i];
        int32_t a = e->date_start ? ds_days_from_iso(e->date_start) : INT32_MIN;
        int32_t b = e->date_end ? ds_days_from_iso(e->date_end) : INT32_MIN;
        if (a != INT32_MIN && b != INT32_MIN && t->first <= a && b <= t->last)
            return true;
        for (size_t k = 0; k < s->ev_values[i].nt; k++) {
            const ds_time_mention *m = &s->ev_values[i].t[k];
            if (m->resolved && t->first <= m->first && m->last <= t->last)
                return true;
        }
    }
    return false;
}

static bool number_found(double x, const stmt *s)
{
    for (size_t i = 0; i < s->n_ev; i++)
        for (size_t k = 0; k < s->ev_values[i].nq; k++)
            if (is_figure(&s->ev_values[i].q[k]) && same_number(x, &s->ev_values[i].q[k]))
                return true;
    return false;
}

/* Whether the folded words of a stand as whole words in the folded b: a
 * place the evidence names inside an actor's name ("the Suwayda Military
 * Council") is no place mention there, but it is in the evidence. */
static bool words_in(const char *a, size_t n, const char *b)
{
    char *x = folded(a, n), *y = folded(b, strlen(b));
    size_t k = x ? strlen(x) : 0;
    bool in = false;
    for (const char *h = k && y ? strstr(y, x) : NULL; h && !in; h = strstr(h + 1, x))
        in = (h == y || h[-1] == ' ') && (h[k] == '\0' || h[k] == ' ');
    ds_free(x);
    ds_free(y);
    return in;
}

static bool place_found(const ds_place_mention *p, const char *text, const stmt *s)
{
    for (size_t i = 0; i < s->n_ev; i++) {
        if (place_is_claims(p, text, s->ev[i]) ||
            words_in(text + p->name_start, p->name_end - p->name_start, s->ev[i]->text))
            return true;
        for (size_t k = 0; k < s->ev_values[i].np; k++)
            if (same_place(p, text, &s->ev_values[i].pl[k], s->ev[i]->text))
                return true;
    }
    return false;
}

static void report(checker *c, const stmt *s, const char *what, const char *value)
{
    char q[512];
    problem(c, "footnote %zu: %s %s in \"%s\" is not in the cited evidence", s->note, what, value,
            quote(s->text, q, sizeof q));
}

static void check_values(checker *c, stmt *s, const values *v)
{
    for (size_t i = 0; i < v->nt; i++, c->p->values++)
        if (!time_found(&v->t[i], s)) {
            char d[64];
            snprintf(d, sizeof d, "%.*s", (int)(v->t[i].end - v->t[i].start), s->text + v->t[i].start);
            report(c, s, "date", d);
        }
    for (size_t i = 0; i < v->nq; i++) {
        if (!is_figure(&v->q[i]))
            continue;
        double xs[2] = {v->q[i].x, v->q[i].y};
        for (int k = 0; k < 2; k++, c->p->values++) {
            if (!isfinite(xs[k]) || number_found(xs[k], s))
                continue;
            char d[64];
            snprintf(d, sizeof d, "%g", xs[k]);
            report(c, s, "figure", d);
        }
    }
    for (size_t i = 0; i < v->np; i++, c->p->values++)
        if (!place_found(&v->pl[i], s->text, s)) {
            char d[128];
            snprintf(d, sizeof d, "%.*s", (int)(v->pl[i].name_end - v->pl[i].name_start),
                     s->text + v->pl[i].name_start);
            report(c, s, "place", d);
        }
}

static const br_evidence *evidence_of(const checker *c, int64_t claim, size_t *n)
{
    size_t lo = 0, hi = c->n_ev;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->ev[mid].claim < claim)
            lo = mid + 1;
        else
            hi = mid;
    }
    *n = 0;
    while (lo + *n < c->n_ev && c->ev[lo + *n].claim == claim)
        ++*n;
    return *n ? &c->ev[lo] : NULL;
}

/* The statement's evidence: every sentence of every claim its note names. */
static ds_status gather(checker *c, stmt *s, ds_error *err)
{
    s->n_ev = 0;
    size_t n_note;
    const br_read_claim *mine = ds__br_read_note(&c->rd, s->note, &n_note);
    for (size_t i = 0; i < n_note; i++) {
        const br_read_claim *rc = &mine[i];
        size_t n;
        const br_evidence *e = evidence_of(c, rc->claim, &n);
        if (e && e->doc != rc->doc)
            problem(c, "footnote %zu: claim c%lld is in d%lld, not d%lld", s->note,
                    (long long)rc->claim, (long long)e->doc, (long long)rc->doc);
        for (size_t k = 0; e && k < n && s->n_ev < sizeof s->ev / sizeof *s->ev; k++) {
            s->ev[s->n_ev] = &e[k];
            ds_status st = recognize(c, e[k].text, &e[k].published, e[k].country, true,
                                     &s->ev_values[s->n_ev], err);
            if (st != DS_OK)
                return st;
            s->n_ev++;
        }
    }
    if (!s->n_ev) {
        char q[512];
        problem(c, "footnote %zu: no evidence for \"%s\"", s->note, quote(s->text, q, sizeof q));
    }
    return DS_OK;
}

/* Blanks every occurrence of name in t, so that a publisher called
 * "Coastal Syria Documentation Network" names no place. */
static void blank(char *t, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (char *p = n >= 3 ? strstr(t, name) : NULL; p; p = strstr(p + n, name))
        memset(p, ' ', n);
}

/* The statement with what is not a claim of it blanked out: the names of
 * the cited documents' publishers and authors, of registered sources, and
 * quoted words of the documents. */
static char *masked(checker *c, const char *text, size_t note)
{
    char *t = ds_strdup(text);
    for (size_t i = 0; t && i < ds_registry_count(c->registry); i++) {
        const ds_source *src = ds_registry_at(c->registry, i);
        blank(t, src->name);
        for (size_t k = 0; k < src->n_aliases; k++)
            blank(t, src->aliases[k]);
    }
    size_t n_note;
    const br_read_claim *mine = ds__br_read_note(&c->rd, note, &n_note);
    for (size_t i = 0; t && i < n_note; i++) {
        ds_document d = {0};
        if ((i && mine[i].doc == mine[i - 1].doc) ||
            ds_store_get_document(c->store, mine[i].doc, false, &d, NULL) != DS_OK)
            continue;
        blank(t, d.source);
        blank(t, d.author);
        ds_document_free(&d);
    }
    for (char *q = t ? strstr(t, "\u201c") : NULL; q; q = strstr(q, "\u201c")) {
        char *e = strstr(q, "\u201d");
        size_t n = e ? (size_t)(e - q) + 3 : strlen(q);
        memset(q, ' ', n);
        q += n;
    }
    return t;
}

static ds_status check_statement(checker *c, const char *text, size_t note, ds_error *err)
{
    stmt *s = ds_calloc(1, sizeof *s);
    if (!s)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    s->text = text;
    s->note = note;
    c->arena = ds_arena_new(CHECK_ARENA);
    ds_status rc = c->arena ? gather(c, s, err) : ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *country = c->country;
    for (size_t i = 0; i < s->n_ev; i++)
        if (s->ev[i]->country) {
            country = s->ev[i]->country;
            break;
        }
    values v;
    char *m = rc == DS_OK ? masked(c, text, note) : NULL;
    if (rc == DS_OK && !m)
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (rc == DS_OK)
        rc = recognize(c, m, NULL, country, true, &v, err);
    if (rc == DS_OK && s->n_ev)
        check_values(c, s, &v);
    ds_free(m);
    c->p->statements++;
    ds_arena_free(c->arena);
    c->arena = NULL;
    ds_free(s);
    return rc;
}

/* Text without a footnote: no figure and no date may stand in it. */
static ds_status check_unsourced(checker *c, const char *text, ds_error *err)
{
    c->arena = ds_arena_new(CHECK_ARENA);
    values v;
    ds_status rc = c->arena ? recognize(c, text, NULL, NULL, false, &v, err)
                            : ds_error_set(err, DS_ENOMEM, "out of memory");
    size_t figures = 0;
    for (size_t i = 0; rc == DS_OK && i < v.nq; i++)
        figures += is_figure(&v.q[i]);
    if (rc == DS_OK && (figures || v.nt)) {
        char q[512];
        problem(c, "no footnote: \"%s\" states %s without a source", quote(text, q, sizeof q),
                v.nt ? "a date" : "a figure");
    }
    ds_arena_free(c->arena);
    c->arena = NULL;
    return rc;
}

/* Splits a paragraph at its references: the text before "[^N]" is the
 * statement footnote N supports. */
static ds_status check_paragraph(checker *c, char *p, ds_error *err)
{
    ds_status rc = DS_OK;
    char *s = p;
    for (char *r = strstr(s, "[^"); r && rc == DS_OK; r = strstr(s, "[^")) {
        char *end;
        unsigned long note = strtoul(r + 2, &end, 10);
        if (*end != ']' || !note) {
            s = r + 2;
            continue;
        }
        *r = '\0';
        while (*s == ' ')
            s++;
        rc = check_statement(c, s, note, err);
        s = end + 1;
    }
    while (*s == ' ')
        s++;
    return rc == DS_OK && *s ? check_unsourced(c, s, err) : rc;
}

static int cmp_claim(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static ds_status load_evidence(checker *c, ds_error *err)
{
    int64_t *ids = ds_calloc(c->rd.n_claims + 1, sizeof *ids);
    if (!ids)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->rd.n_claims; i++)
        ids[i] = c->rd.claims[i].claim;
    qsort(ids, c->rd.n_claims, sizeof *ids, cmp_claim);
    size_t u = 0;
    for (size_t i = 0; i < c->rd.n_claims; i++)
        if (!u || ids[u - 1] != ids[i])
            ids[u++] = ids[i];
    ds_arena *a = ds_arena_new(BR_ARENA_MAX);
    ds_status rc = a ? ds__br_evidence(c->store, a, ids, u, &c->ev, &c->n_ev, err)
                     : ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_free(ids);
    c->arena = a; /* kept until the end: the evidence texts live in it */
    size_t best = 0;
    for (size_t i = 0; i < c->n_ev; i++) {
        size_t n = 0;
        for (size_t k = 0; c->ev[i].country && k < c->n_ev; k++)
            n += c->ev[k].country && !strcmp(c->ev[k].country, c->ev[i].country);
        if (n > best) {
            best = n;
            c->country = c->ev[i].country;
        }
    }
    return rc;
}

static ds_status open_recognizers(checker *c, ds_error *err)
{
    char path[4096];
    ds_status rc = ds_registry_load(&c->registry, NULL, err);
    if (rc == DS_OK)
        rc = ds_times_new(&c->times, err);
    if (rc == DS_OK)
        rc = ds_quantities_new(&c->qty, err);
    if (rc == DS_OK)
        rc = ds_gazetteer_default_path(path, sizeof path, err);
    if (rc == DS_OK)
        rc = ds_gazetteer_open(&c->gz, path, err);
    if (rc == DS_OK)
        rc = ds_places_new(&c->places, c->gz, err);
    return rc;
}

static ds_status run(checker *c, ds_error *err)
{
    ds_status rc = open_recognizers(c, err);
    if (rc == DS_OK)
        rc = load_evidence(c, err);
    ds_arena *keep = c->arena;
    for (size_t i = 0; i < c->rd.n_paras && rc == DS_OK; i++)
        rc = check_paragraph(c, c->rd.paras[i], err);
    c->arena = keep;
    return rc;
}

ds_status ds_brief_check(ds_store *s, const char *text, size_t len, ds_brief_problems *problems,
                         ds_error *err)
{
    *problems = (ds_brief_problems){0};
    checker c = {.store = s, .p = problems};
    ds_status rc = ds__br_read(&c.rd, text, len, err);
    if (rc == DS_OK)
        rc = run(&c, err);
    ds_registry_free(c.registry);
    ds_places_free(c.places);
    if (c.gz)
        ds_gazetteer_close(c.gz);
    ds_quantities_free(c.qty);
    ds_times_free(c.times);
    ds_free(c.ev);
    ds_arena_free(c.arena);
    ds__br_read_free(&c.rd);
    return rc;
}
