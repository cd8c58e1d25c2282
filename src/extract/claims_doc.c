/* claims_doc.c: walking a document sentence by sentence, carrying the
 * place and date a reader carries, and keeping the claims that report an
 * event of the period the document covers. */
#include <stddef.h>
#include <string.h>

#include "extract/claims_int.h"

/* An event that ended this long before the publication is background
 * ("in 2011 the army besieged the town"), not news the document reports. */
enum { HISTORY_DAYS = 2 * 366 };

typedef struct carry {
    const ds_time_mention *date;
    const ds_place_mention *place;
} carry;

static bool inside_mark(const ds__sent *s, size_t start, size_t end)
{
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind == DS_EV_CUE || m->kind == DS_EV_TRIGGER)
            continue;
        if (start < s->words[m->w_end - 1].end && end > s->words[m->w].start)
            return true;
    }
    return false;
}

/* The sentence's own date: the first day- to month-precise one, else the
 * first it has. */
static const ds_time_mention *sentence_date(const ds__sent *s)
{
    const ds_time_mention *any = NULL;
    for (size_t i = 0; i < s->n_times; i++) {
        const ds_time_mention *t = &s->times[i];
        if (!t->resolved)
            continue;
        if (t->precision <= DS_TIME_MONTH)
            return t;
        if (!any)
            any = t;
    }
    return any;
}

/* True when a locative cue ("in", "near") ends right before byte pos. */
static bool after_locative(const ds__sent *s, size_t pos)
{
    size_t w = s->w0;
    while (w < s->w1 && s->words[w].end <= pos)
        w++;
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind == DS_EV_CUE && m->value == DS_CUE_LOCATIVE && m->w_end == w)
            return true;
    }
    return false;
}

/* The sentence's own place: one after a locative preposition before one
 * named otherwise ("Damascus imposed a curfew in Latakia"), then the most
 * precise, and never one inside an actor's name ("the Suwayda Military
 * Council"). */
static const ds_place_mention *sentence_place(const ds__sent *s)
{
    const ds_place_mention *best = NULL;
    int best_rank = 99;
    for (size_t i = 0; i < s->n_places; i++) {
        const ds_place_mention *p = &s->places[i];
        if (inside_mark(s, p->start, p->end))
            continue;
        int rank = p->geo_precision ? p->geo_precision : 4;
        if (p->precision && strcmp(p->precision, "country") == 0)
            rank = 5;
        if (after_locative(s, p->start))
            rank -= 10;
        if (rank < best_rank)
            best = p, best_rank = rank;
    }
    return best;
}

static bool is_history(const ds__sent *s, const ds_claim_info *c)
{
    return c->date && s->published != INT32_MIN && c->date->last < s->published - HISTORY_DAYS;
}

static bool claimable(ds_sentence_kind k)
{
    return k == DS_SENT_BODY || k == DS_SENT_BULLET || k == DS_SENT_CAPTION ||
           k == DS_SENT_HEADING;
}

/* Finishes a claim with its place and date, and says whether to keep it. */
static bool settle(const ds__sent *s, ds_sentence_kind kind, const carry *ctx,
                   const ds_time_mention *date, const ds_place_mention *place, ds_claim_info *c)
{
    c->date = date ? date : ctx->date;
    c->date_carried = !date && ctx->date;
    c->place = place ? place : ctx->place;
    c->place_carried = !place && ctx->place;
    bool counted = false;
    for (int i = 1; i <= DS_ROLE_DISPLACED; i++)
        counted |= c->counts[i].set;
    /* A heading is a title: it makes a claim only when it states a figure,
     * a date or a place of its own. */
    if (kind == DS_SENT_HEADING && !counted && !date && !place)
        return false;
    /* "Historically" and "for decades" speak of the past unless the
     * sentence dates what it reports. */
    if (!date && ds__claims_has_cue(s, DS_CUE_HISTORY))
        return false;
    return !is_history(s, c);
}

/* Each claim has a trigger of its own, so a document has at most as many
 * claims as trigger words: the first array is made that size (within
 * bounds), and seldom has to grow and be copied. */
enum { CLAIMS_FIRST_MIN = 16, CLAIMS_FIRST_MAX = 1024 };

static size_t first_cap(const ds_ev_scan *sc)
{
    size_t n = 0;
    for (size_t k = 0; k < sc->n_marks && n < CLAIMS_FIRST_MAX; k++)
        n += sc->marks[k].kind == DS_EV_TRIGGER;
    return n < CLAIMS_FIRST_MIN ? CLAIMS_FIRST_MIN : n;
}

static ds_status grow(const ds_ev_scan *sc, ds_claim_info **out, size_t *cap, size_t n,
                      ds_arena *arena, ds_error *err)
{
    if (n < *cap)
        return DS_OK;
    size_t ncap = *cap ? *cap * 2 : first_cap(sc);
    ds_claim_info *g = ds_arena_alloc(arena, ncap * sizeof *g);
    if (!g)
        return ds_error_set(err, DS_ENOMEM, "out of memory for claims");
    if (n)
        memcpy(g, *out, n * sizeof *g);
    *out = g;
    *cap = ncap;
    return DS_OK;
}

/* The run of mentions that start in [from, to), found from *cursor on,
 * which moves past it: each array is in text order, so a document is
 * walked once however many sentences it has.  Place, time and quantity
 * mentions all begin with their start offset, which is what is read. */
_Static_assert(offsetof(ds_place_mention, start) == 0, "slice() reads start first");
_Static_assert(offsetof(ds_time_mention, start) == 0, "slice() reads start first");
_Static_assert(offsetof(ds_quantity, start) == 0, "slice() reads start first");

static const void *slice(const void *base, size_t n, size_t size, size_t *cursor, size_t from,
                         size_t to, size_t *count)
{
    const char *b = base;
    while (*cursor < n && *(const size_t *)(b + *cursor * size) < from)
        ++*cursor;
    size_t first = *cursor;
    while (*cursor < n && *(const size_t *)(b + *cursor * size) < to)
        ++*cursor;
    *count = *cursor - first;
    return b + first * size;
}

ds_status ds_claims_assemble(const ds_recognized *r, ds_arena *arena, ds_claim_info **out,
                             size_t *n, ds_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0, w = 0, m = 0, pc = 0, tc = 0, qc = 0;
    const ds_ev_scan *sc = r->scan;
    bool flags[256];
    carry ctx = {0};
    int32_t published = r->published.precision == DS_PREC_NONE
                            ? INT32_MIN
                            : ds_days_from_iso(r->published.start);
    for (size_t i = 0; i < r->n_sentences; i++) {
        const ds_sentence *se = &r->sentences[i];
        ds__sent s = {.r = r, .text = r->text, .start = se->start, .end = se->end,
                      .words = sc->words, .marks = sc->marks, .in_attribution = flags,
                      .published = published};
        while (w < sc->n_words && sc->words[w].start < se->start)
            w++;
        s.w0 = w;
        while (w < sc->n_words && sc->words[w].start < se->end)
            w++;
        s.w1 = w;
        while (m < sc->n_marks && sc->marks[m].w < s.w0)
            m++;
        s.m0 = m;
        for (; m < sc->n_marks && sc->marks[m].w < s.w1 && m - s.m0 < 256; m++)
            if (sc->marks[m].kind == DS_EV_CUE && sc->marks[m].value < DS_CUE_COUNT)
                s.cues |= 1u << sc->marks[m].value;
        s.m1 = m;
        s.places = slice(r->places, r->n_places, sizeof *r->places, &pc, s.start, s.end,
                         &s.n_places);
        s.times = slice(r->times, r->n_times, sizeof *r->times, &tc, s.start, s.end, &s.n_times);
        s.quantities = slice(r->quantities, r->n_quantities, sizeof *r->quantities, &qc, s.start,
                             s.end, &s.n_quantities);
        memset(flags, 0, sizeof flags);
        if (se->kind == DS_SENT_HEADING || (s.w0 < s.w1 && sc->words[s.w0].para))
            ctx.place = NULL; /* a new paragraph may move elsewhere */
        if (se->kind == DS_SENT_HEADING)
            ctx.date = NULL;
        const ds_time_mention *date = sentence_date(&s);
        const ds_place_mention *place = sentence_place(&s);
        ds_claim_info c[8];
        size_t nc = claimable(se->kind) ? ds__claim_sentence(&s, arena, c, 8) : 0;
        for (size_t k = 0; k < nc; k++) {
            if (!settle(&s, se->kind, &ctx, date, place, &c[k]))
                continue;
            if (grow(sc, out, &cap, *n, arena, err) != DS_OK)
                return err->code;
            c[k].sentence = i;
            (*out)[(*n)++] = c[k];
        }
        if (date && date->precision <= DS_TIME_MONTH)
            ctx.date = date;
        if (place)
            ctx.place = place;
    }
    return DS_OK;
}
