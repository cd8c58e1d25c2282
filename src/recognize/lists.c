/* lists.c: "Georgia, Alabama and Texas", "Jordan, Georgia and Armenia":
 * the items of a list of divisions are divisions of one kind.
 *
 * A name that reads as two kinds of division (Georgia: a country and a US
 * state; Punjab: a province of India and of Pakistan) loses the readings
 * that no other item of its list shares, if some other reading is shared.
 * A name whose ambiguity is a town against its division ("Homs, Hama and
 * Idlib") is left alone: a list of seats is as common as a list of
 * provinces, and the cue words and the rules of resolve.c decide those. */
#include "places_int.h"

#include <string.h>

/* As much as a division's own cue word gives ("Hama governorate", +4): a
 * country's reading also gains the focus its own name votes for, so the
 * prior alone is not what must be overcome. */
#define LIST_PENALTY 4.0

enum { MAX_KINDS = 8 };

/* A kind of division: countries are one kind, a country's admin1 (or
 * admin2) areas another. */
typedef struct kind {
    uint8_t kind;
    char cc[2];
} kind;

static bool same_kind(kind a, kind b)
{
    return a.kind == b.kind && (a.kind == DS_PLACE_COUNTRY || memcmp(a.cc, b.cc, 2) == 0);
}

static kind kind_of(const ds__gz_place *p)
{
    kind k = {p->kind, {p->cc[0], p->cc[1]}};
    return k;
}

static bool is_division(const ds__gz_place *p)
{
    return p->kind == DS_PLACE_COUNTRY || p->kind == DS_PLACE_ADMIN1 || p->kind == DS_PLACE_ADMIN2;
}

/* The kinds of division a match names as written, up to MAX_KINDS. */
static size_t kinds_of(const ds_gazetteer *gz, const ds__pmatch *m, kind *out)
{
    size_t n = 0;
    for (size_t k = 0; k < m->c->nc && n < MAX_KINDS; k++) {
        const ds__gz_place *p = &gz->places[m->c->cands[k]];
        if (!m->c->cexact[k] || !is_division(p))
            continue;
        kind kd = kind_of(p);
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= same_kind(out[j], kd);
        if (!seen)
            out[n++] = kd;
    }
    return n;
}

/* Whether matches i and i + 1 are neighbours in a list: "Jableh, Latakia"
 * is a town and its province (apposition.c), not two items, and in
 * "Houston, Texas, and Dallas, Texas" no name of a pair is an item. */
static bool listed(const char *text, const ds__pscan *sc, size_t i)
{
    const ds__pmatch *a = &sc->m[i], *b = &sc->m[i + 1];
    return a->sentence == b->sentence && ds__places_resolvable(a) && ds__places_resolvable(b) &&
           ds__places_list_gap(text, a->span_e, b->span_s) && !a->holds_next &&
           !(i > 0 && sc->m[i - 1].holds_next) && !b->holds_next;
}

/* A list's items and the kinds of division each names, found once: a
 * list longer than MAX_ITEMS is settled in pieces of that many. */
enum { MAX_ITEMS = 32 };
typedef struct items {
    size_t lo, n;
    kind ks[MAX_ITEMS][MAX_KINDS];
    size_t nk[MAX_ITEMS];
} items;

/* Whether an item other than self names a division of kind kd. */
static bool shared(const items *it, size_t self, kind kd)
{
    for (size_t i = 0; i < it->n; i++)
        for (size_t j = 0; i != self && j < it->nk[i]; j++)
            if (same_kind(it->ks[i][j], kd))
                return true;
    return false;
}

/* Lowers the division readings of a list item that no other item shares,
 * when another of its division readings is shared: only the choice
 * between divisions moves, never that between a division and a town. */
static void settle_item(const ds_gazetteer *gz, ds__pscan *sc, const items *it, size_t self)
{
    const kind *ks = it->ks[self];
    size_t n = it->nk[self];
    bool is_shared[MAX_KINDS], any = false, all = true;
    for (size_t j = 0; j < n; j++) {
        is_shared[j] = shared(it, self, ks[j]);
        any |= is_shared[j];
        all &= is_shared[j];
    }
    if (!any || all)
        return;
    ds__pcands *c = sc->m[it->lo + self].c;
    for (size_t k = 0; k < c->nc; k++) {
        const ds__gz_place *p = &gz->places[c->cands[k]];
        if (!c->cexact[k] || !is_division(p))
            continue;
        for (size_t j = 0; j < n; j++)
            if (same_kind(ks[j], kind_of(p)) && !is_shared[j])
                c->score[k] -= LIST_PENALTY;
    }
}

/* Settles the items [lo, lo + n) of one list.  Only an item that names two
 * kinds of division can move, so a list without one costs no more. */
static void settle_list(const ds_gazetteer *gz, ds__pscan *sc, size_t lo, size_t n)
{
    items it;
    it.lo = lo;
    it.n = n;
    bool ambiguous = false;
    for (size_t i = 0; i < n; i++) {
        it.nk[i] = kinds_of(gz, &sc->m[lo + i], it.ks[i]);
        ambiguous |= it.nk[i] >= 2;
    }
    for (size_t i = 0; ambiguous && i < n; i++)
        if (it.nk[i] >= 2)
            settle_item(gz, sc, &it, i);
}

void ds__places_list_kinds(const ds_places *r, const char *text, ds__pscan *sc)
{
    size_t lo = 0;
    while (lo < sc->n) {
        size_t hi = lo + 1;
        while (hi < sc->n && hi - lo < MAX_ITEMS && listed(text, sc, hi - 1))
            hi++;
        if (hi - lo >= 2)
            settle_list(r->gz, sc, lo, hi - lo);
        lo = hi;
    }
}
