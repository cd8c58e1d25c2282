/* resolve.c: choosing the right gazetteer entry for each place match.
 *
 * Every candidate gets a score from what a reader would weigh: the size and
 * rank of the place, the document's country focus, a division named beside
 * it ("Tartous province"), a reference point ("near Jableh") and the other
 * places of the document (a second pass rewards candidates close to places
 * already resolved).  The scores' margin becomes the confidence. */
#include "places_int.h"

#include <ctype.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if DS__PLACES_AVX
#include <immintrin.h>
#endif

/* ---- country focus ------------------------------------------------------- */

typedef struct focus {
    char cc[3];
    double strength; /* 0..1 */
    bool given;      /* the caller stated the country */
    char named[32][2]; /* countries the text names or whose demonyms it uses */
    size_t n_named;
    /* countries named by a division only they have, and the match that
     * names each: a match does not vouch for itself */
    char by_division[32][2];
    const ds__pmatch *division_match[32];
    size_t n_by_division;
    /* towns the text names unambiguously (one candidate, spelt exactly) */
    const ds__gz_place *anchor[16];
    size_t n_anchors;
} focus;

static void note_named(focus *f, const char *cc)
{
    for (size_t i = 0; i < f->n_named; i++)
        if (memcmp(f->named[i], cc, 2) == 0)
            return;
    if (f->n_named < 32)
        memcpy(f->named[f->n_named++], cc, 2);
}

/* Whether the text names a country for match m: by its name, a demonym,
 * or a division of that country alone that another match names. */
static bool is_named(const focus *f, const char *cc, const ds__pmatch *m)
{
    for (size_t i = 0; i < f->n_named; i++)
        if (memcmp(f->named[i], cc, 2) == 0)
            return true;
    for (size_t i = 0; i < f->n_by_division; i++)
        if (memcmp(f->by_division[i], cc, 2) == 0 && f->division_match[i] != m)
            return true;
    return false;
}

/* A town the text names unambiguously vouches for the small places
 * around it, in whatever country: "Marjayoun" beside "Safed" in a report
 * about Israel, a Palestinian village near "Turmus Ayya". */
enum { ANCHOR_KM = 100 };

static void note_anchor(const ds_places *r, focus *f, const ds__pmatch *m)
{
    const ds__gz_place *p = &r->gz->places[m->c->cands[0]];
    if (m->c->nc == 1 && m->c->cexact[0] && p->kind == DS_PLACE_POINT && !isnan(p->lat) &&
        !m->weak && f->n_anchors < 16)
        f->anchor[f->n_anchors++] = p;
}

/* Whether p lies near an anchor other than itself: a place named twice
 * ("فاطمة", "Fatima") does not vouch for itself. */
static bool near_anchor(const focus *f, const ds__gz_place *p)
{
    /* The squared chord of ANCHOR_KM on the unit sphere. */
    const double chord = (double)ANCHOR_KM / 6371.0, limit = chord * chord;
    for (size_t i = 0; i < f->n_anchors; i++) {
        const ds__gz_place *a = f->anchor[i];
        double dx = p->unit[0] - a->unit[0], dy = p->unit[1] - a->unit[1],
               dz = p->unit[2] - a->unit[2];
        if (a != p && dx * dx + dy * dy + dz * dz <= limit)
            return true;
    }
    return false;
}

/* Only anchors in the text's country or one it names vouch: two foreign
 * namesakes of common words ("البدو", "الشهداء") do not vouch for each
 * other. */
static void keep_local_anchors(focus *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_anchors; i++)
        if (memcmp(f->anchor[i]->cc, f->cc, 2) == 0 || is_named(f, f->anchor[i]->cc, NULL))
            f->anchor[n++] = f->anchor[i];
    f->n_anchors = n;
}

static void note_division(focus *f, const char *cc, const ds__pmatch *m)
{
    if (f->n_by_division < 32) {
        memcpy(f->by_division[f->n_by_division], cc, 2);
        f->division_match[f->n_by_division++] = m;
    }
}

typedef struct vote {
    char cc[3];
    double w;
} vote;

typedef struct ballot {
    vote v[64];
    size_t n;
    double total;
    /* 1 + the vote of each country code of two capitals, 0 for none: news
     * names the same few countries again and again, and each of their
     * places votes. */
    uint8_t at[26 * 26];
} ballot;

static void add_vote(ballot *b, const char *cc, double w)
{
    unsigned x = (unsigned)(cc[0] - 'A'), y = (unsigned)(cc[1] - 'A');
    uint8_t *at = x < 26 && y < 26 ? &b->at[x * 26 + y] : NULL;
    if (at && *at) {
        b->v[*at - 1].w += w;
        return;
    }
    for (size_t i = 0; !at && i < b->n; i++)
        if (memcmp(b->v[i].cc, cc, 2) == 0) {
            b->v[i].w += w;
            return;
        }
    if (b->n < 64) {
        memcpy(b->v[b->n].cc, cc, 2);
        b->v[b->n].cc[2] = '\0';
        b->v[b->n++].w = w;
        if (at)
            *at = (uint8_t)b->n;
    }
}

/* What the focus and conamed.c read of a non-empty candidate list's places
 * (ds__pfocus). */
static ds__pfocus focus_of(const ds_places *r, const ds__pcands *c)
{
    ds__pfocus s = {.known = true, .one_country = true, .exact_one_country = true};
    const ds__gz_place *p0 = &r->gz->places[c->cands[0]], *exact0 = NULL;
    memcpy(s.cc0, p0->cc, 2);
    bool any_division = false;
    for (size_t k = 0; k < c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[c->cands[k]];
        bool division = ds__places_is_division(p);
        s.one_country &= memcmp(p->cc, p0->cc, 2) == 0;
        any_division |= division;
        if (!c->cexact[k])
            continue;
        if (!exact0)
            memcpy(s.exact_cc, p->cc, 2);
        exact0 = exact0 ? exact0 : p;
        s.exact_one_country &= memcmp(exact0->cc, p->cc, 2) == 0;
        s.division |= division;
        s.countries += p->kind == DS_PLACE_COUNTRY && s.countries < 2;
    }
    /* Only a division holds another name's place. */
    s.containers = any_division ? ds__places_containers(r->gz, c) : 0;
    return s;
}

/* A country's name votes with full weight and names it. */
static void vote_country(focus *f, ballot *b, const char *cc)
{
    add_vote(b, cc, 1);
    note_named(f, cc);
    b->total += 1;
}

/* One match's part in the focus: a country's name votes with full weight
 * and names it; a name whose every candidate lies in one country votes a
 * little; a division only one country has, as written ("Ituri", "Zamfara
 * state"), names that country as surely as its name would, since a digest
 * of several countries names their provinces more often than the
 * countries themselves. */
static void focus_match(const ds_places *r, const ds__pmatch *m, focus *f, ballot *b)
{
    const ds__pcands *c = m->c;
    ds__pfocus s = c->focus.known ? c->focus : focus_of(r, c);
    /* An exact country is one of the exact candidates: where these all lie
     * in one country, it is that one.  Else ("Congo") the records tell
     * which, in their order.  A country reading that holds nothing while
     * the name's division reading holds a place of the sentence casts no
     * vote (conamed.c, apposition.c). */
    bool votes = s.countries && !m->country_unheld;
    if (votes && s.countries == 1 && s.exact_one_country)
        vote_country(f, b, s.exact_cc);
    for (size_t k = 0; votes && !(s.countries == 1 && s.exact_one_country) && k < c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[c->cands[k]];
        if (c->cexact[k] && p->kind == DS_PLACE_COUNTRY)
            vote_country(f, b, p->cc);
    }
    if (s.one_country && !s.countries) {
        add_vote(b, s.cc0, 0.3);
        b->total += 0.3;
    }
    /* Every exact division lies in the exact candidates' one country. */
    if (s.division && s.exact_one_country)
        note_division(f, s.exact_cc, m);
}

/* A town below this many people is a small place: a name inside a longer
 * proper name that names only such places casts no focus vote, and one
 * resolved to such a place abroad is dropped (small_abroad). */
enum { SMALL_TOWN = 100000 };

/* Whether every candidate of a match is a small town. */
static bool small_only(const ds_places *r, const ds__pmatch *m)
{
    for (size_t k = 0; k < m->c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[m->c->cands[k]];
        if (p->kind != DS_PLACE_POINT || p->population >= SMALL_TOWN)
            return false;
    }
    return true;
}

/* Country names and demonyms vote with full weight, names of one country
 * a little (focus_match); a country the caller gives overrides the vote. */
static focus find_focus(const ds_places *r, const ds__pscan *sc, const char *country)
{
    focus f;
    memset(&f, 0, sizeof f);
    ballot b;
    b.n = 0;
    memset(b.at, 0, sizeof b.at);
    b.total = 0;
    for (size_t i = 0; i < sc->n_demonyms; i++, b.total += 1) {
        add_vote(&b, sc->demonym_cc[i], 1);
        note_named(&f, sc->demonym_cc[i]);
    }
    /* A name inside a longer proper name that names only small towns
     * ("Ismail Haniyeh": Izmail) is too often a person's to vote, and a
     * landform's or a storm's name ("Storm Daniel") names no country. */
    for (size_t i = 0; i < sc->n; i++)
        if (sc->m[i].c->nc && !sc->m[i].landform && !sc->m[i].if_focus_division &&
            !(sc->m[i].weak && small_only(r, &sc->m[i]))) {
            focus_match(r, &sc->m[i], &f, &b);
            note_anchor(r, &f, &sc->m[i]);
        }
    if (country && strlen(country) == 2) {
        f.cc[0] = (char)(country[0] & ~0x20);
        f.cc[1] = (char)(country[1] & ~0x20);
        f.strength = 1;
        f.given = true;
        keep_local_anchors(&f);
        return f;
    }
    size_t best = 0;
    for (size_t i = 1; i < b.n; i++)
        if (b.v[i].w > b.v[best].w)
            best = i;
    if (b.n && b.total > 0) {
        memcpy(f.cc, b.v[best].cc, 3);
        f.strength = b.v[best].w / b.total;
    }
    keep_local_anchors(&f);
    return f;
}

/* A capital or a city of a million people, spelt exactly, keeps half the
 * focus bonus (score_one gives 2.5 times the focus strength) in a text
 * about another country: "In Paris, Macron met the Ukrainian president"
 * is in France, though "Ukrainian" sets the focus and Ukraine has a
 * village called Paris.  Half, so that a local namesake of some size
 * still wins ("Lebanese troops deployed in Tripoli").  Asked by score_one,
 * which reads the place's record anyway, of a place abroad. */
static bool famous_abroad(const ds__gz_place *p, bool exact, const focus *f)
{
    return !f->given && exact && p->kind == DS_PLACE_POINT &&
           (p->population >= 1000000 || memcmp(p->fcode, "PPLC", 5) == 0);
}

/* ---- candidates ---------------------------------------------------------- */

/* A function that only loads and prefetches has no effect that GCC sees,
 * and it deletes calls to it unless it is inlined first: these are. */
#define PREFETCHER static inline __attribute__((always_inline)) void

/* Scoring reads each candidate's record (its fields and unit vector, one
 * cache line), which lies anywhere in memory: asked for now, while the
 * other matches are gathered, rather than waited for then. */
PREFETCHER prefetch_candidate(const ds_places *r, uint32_t place)
{
    __builtin_prefetch(&r->gz->places[place]);
}

/* The recognizer's entry for a name's candidates (ds__pgathered), and
 * whether it holds them. */
static ds__pgathered *gathered(const ds_places *r, const ds__pmatch *m, bool *held)
{
    ds__pgathered *g = ds__places_gathered_at(r, m->slot, m->exact);
    *held = g->slot == m->slot && g->exact == m->exact;
    return g;
}

/* A country or a first-order division is kept among a name's candidates
 * whatever its prior: with no population of its own it ranks below a town
 * of 4,000 people, and "Victoria" has 53 entries, yet "Bayswater,
 * Victoria" and "Victoria state" need the state. */
static bool kept_division(const ds_places *r, uint32_t place)
{
    uint8_t kind = r->gz->places[place].kind;
    return kind == DS_PLACE_ADMIN1 || kind == DS_PLACE_COUNTRY;
}

/* Whether a place with prior score s, a kept division or not, ranks above
 * another with prior t. */
static bool outranks(bool division, double s, bool other_division, double t)
{
    return division != other_division ? division : s > t;
}

/* The candidate of a full list that any other would replace first; the
 * first call, with *known false, reads which candidates are divisions. */
static size_t lowest_candidate(const ds_places *r, const ds__pcands *c, const double *base,
                               bool *division, bool *known)
{
    for (size_t k = 0; !*known && k < c->nc; k++)
        division[k] = kept_division(r, c->cands[k]);
    *known = true;
    size_t worst = 0;
    for (size_t k = 1; k < c->nc; k++)
        if (outranks(division[worst], base[worst], division[k], base[k]))
            worst = k;
    return worst;
}

/* Whether candidate k is the namesake seat of division candidate a: a
 * place inside it that the text names by its own name, exactly, as it
 * names the division ("Homs", "São Paulo"), or a city of millions that the
 * name also names ("New York").  "Oklahoma" is only an alternate name of
 * Oklahoma City, which is no such seat: the state stays first. */
static bool namesake_seat(const ds_places *r, const ds__pcands *c, const bool *own, size_t a,
                          size_t k)
{
    const ds__gz_place *p = &r->gz->places[c->cands[k]];
    return p->kind == DS_PLACE_POINT && p->admin1 == c->cands[a] && c->cexact[k] &&
           c->cexact[a] && (own[k] || p->population >= 2000000);
}

/* A name that is both a first-order division and its namesake seat means
 * the seat unless a cue says otherwise ("Homs governorate"), whatever the
 * division's people weigh: the division scores at most the seat's score
 * less SEAT_MARGIN (the margin a flat prior gave a governorate below its
 * seat).  own[k] says whether candidate k's own name is among its
 * postings. */
enum { SEAT_MARGIN = 1 };
static void seat_first(const ds_places *r, ds__pcands *c, const bool *own)
{
    const ds__gz_place *pl = r->gz->places;
    for (size_t a = 0; a < c->nc; a++) {
        if (pl[c->cands[a]].kind != DS_PLACE_ADMIN1)
            continue;
        for (size_t k = 0; k < c->nc; k++)
            if (c->score[a] > c->score[k] - SEAT_MARGIN && namesake_seat(r, c, own, a, k))
                c->score[a] = c->score[k] - SEAT_MARGIN;
    }
}

/* Whether a place with prior score s replaces the lowest candidate of a
 * full list (a division or not, prior t): its kind is read only where
 * the scores leave the answer open. */
static bool replaces_lowest(const ds_places *r, uint32_t place, double s, bool division, double t)
{
    if (division)
        return s > t && kept_division(r, place);
    return s > t || kept_division(r, place);
}

/* Whether some candidate in q's country is an exact own-named town of at
 * least a hundredth of q's people (the bit set of former_names_last can
 * collide, and a city's short name is often only an alternate: "Juarez"
 * is Ciudad Juárez, not the town of Juárez in Chiapas). */
static bool owned_in(const ds_places *r, const ds__pcands *c, const bool *own,
                     const ds__gz_place *q)
{
    for (size_t k = 0; k < c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[c->cands[k]];
        if (own[k] && c->cexact[k] && p->kind == DS_PLACE_POINT &&
            memcmp(p->cc, q->cc, 2) == 0 && (uint64_t)p->population * 100 >= q->population)
            return true;
    }
    return false;
}

/* Whether q lies in a first-order division that the name spells exactly:
 * "Mykolaiv" is the oblast, and so its seat Mykolayiv too, whatever a
 * village of that spelling in Lviv oblast says. */
static bool in_named_division(const ds_places *r, const ds__pcands *c, const ds__gz_place *q)
{
    for (size_t k = 0; k < c->nc; k++)
        if (c->cexact[k] && c->cands[k] == q->admin1 &&
            r->gz->places[c->cands[k]].kind == DS_PLACE_ADMIN1)
            return true;
    return false;
}

/* A town whose own name the text spells is what that name means in its
 * country: another town there, at most a hundred times bigger, that only
 * lists the name among its alternates mostly bore it once, or took in the
 * place that bears it ("Manchester" is an alternate name of Richmond,
 * Virginia, and Paterson, New Jersey, beside Manchester, New Hampshire;
 * "Newtown" of Hartford).  Such alternates lose FORMER_NAME. */
#define FORMER_NAME 1.0
static void former_names_last(const ds_places *r, const ds__pcands *c, const bool *own,
                              double *base)
{
    uint64_t owned = 0; /* a bit for each country with an exact own-named town */
    const ds__gz_place *pl = r->gz->places;
    for (size_t k = 0; c->nc > 1 && k < c->nc; k++) {
        const ds__gz_place *p = &pl[c->cands[k]];
        if (own[k] && c->cexact[k] && p->kind == DS_PLACE_POINT)
            owned |= 1ULL << ((unsigned)(p->cc[0] * 31 + p->cc[1]) & 63);
    }
    for (size_t k = 0; owned && k < c->nc; k++) {
        const ds__gz_place *p = &pl[c->cands[k]];
        if (!own[k] && c->cexact[k] && p->kind == DS_PLACE_POINT &&
            (owned >> ((unsigned)(p->cc[0] * 31 + p->cc[1]) & 63) & 1) &&
            owned_in(r, c, own, p) && !in_named_division(r, c, p))
            base[k] -= FORMER_NAME;
    }
}

/* A name's candidates from its postings: one for each place, exact if
 * any of its spellings is, the DS__MAX_CANDS with the highest priors. */
static void find_candidates(const ds_places *r, ds__pmatch *m)
{
    const ds_gazetteer *gz = r->gz;
    ds__pcands *c = m->c;
    size_t n = m->slot->info & DS__SLOT_COUNT;
    size_t worst = DS__MAX_CANDS; /* the lowest of a full list, DS__MAX_CANDS: not known */
    double base[DS__MAX_CANDS];
    bool own[DS__MAX_CANDS]; /* a posting of the candidate is its own name */
    bool division[DS__MAX_CANDS], divisions_known = false; /* read once the list is full */
    for (size_t i = 0; i < n; i++) {
        const ds__gz_posting *p = &gz->postings[m->slot->first + i];
        if (p->flags & DS__PF_DEMONYM)
            continue;
        bool exact = p->exact == m->exact;
        /* Postings of one place are adjacent: one candidate, exact if any
         * of its spellings is. */
        if (c->nc > 0 && c->cands[c->nc - 1] == p->place && c->nc < DS__MAX_CANDS) {
            own[c->nc - 1] |= (p->flags & DS__PF_MAIN) != 0;
            if (exact && !c->cexact[c->nc - 1]) {
                c->cexact[c->nc - 1] = true;
                base[c->nc - 1] += 0.6;
            }
            continue;
        }
        double s = ds__places_posting_score(r, m, p);
        /* Keep the best DS__MAX_CANDS by prior; a common name ("San José")
         * has hundreds of entries and the tail never wins.  The lowest of
         * the list is found again only when it has been replaced. */
        size_t at = c->nc;
        if (at == DS__MAX_CANDS) {
            if (worst == DS__MAX_CANDS)
                worst = lowest_candidate(r, c, base, division, &divisions_known);
            if (!replaces_lowest(r, p->place, s, division[worst], base[worst]))
                continue;
            at = worst;
            worst = DS__MAX_CANDS;
            division[at] = kept_division(r, p->place);
        } else {
            c->nc++;
        }
        c->cands[at] = p->place;
        c->cexact[at] = exact;
        own[at] = (p->flags & DS__PF_MAIN) != 0;
        base[at] = s;
        prefetch_candidate(r, p->place);
    }
    former_names_last(r, c, own, base);
    memcpy(c->score, base, c->nc * sizeof *base);
    seat_first(r, c, own);
}

/* A name's candidates: the places its postings list, one each, with their
 * priors, as the recognizer kept them from the name's last occurrence or
 * as find_candidates finds them. */
static void gather(const ds_places *r, ds__pmatch *m)
{
    ds__pcands *c = m->c;
    bool held;
    ds__pgathered *g = gathered(r, m, &held);
    if (!held) {
        find_candidates(r, m);
        c->focus = c->nc ? focus_of(r, c) : (ds__pfocus){.known = false};
        g->slot = m->slot;
        g->exact = m->exact;
        g->nc = (uint32_t)c->nc;
        g->focus = c->focus;
        for (size_t k = 0; k < c->nc; k++) {
            g->cand[k].score = c->score[k];
            g->cand[k].place = c->cands[k];
            g->cand[k].exact = c->cexact[k];
        }
        return;
    }
    c->nc = g->nc;
    c->focus = g->focus;
    for (size_t k = 0; k < c->nc; k++) {
        c->score[k] = g->cand[k].score;
        c->cands[k] = g->cand[k].place;
        c->cexact[k] = g->cand[k].exact;
        prefetch_candidate(r, c->cands[k]);
    }
}

/* Gathering waits on memory three times a candidate, each load depending
 * on the last: the name's postings, then each posting's prior and entry.
 * Asked for ahead of time, the loads of many matches overlap: every
 * match's first postings are requested at once, and a few matches ahead
 * of the gathering, the priors and entries of their first postings. */
enum { GATHER_AHEAD = 4, PREFETCH_POSTINGS = 8 };

/* Notes which matches' candidates the recognizer keeps, which need no
 * loads, and asks for the first postings of the others. */
static void prepare_gathering(const ds_places *r, ds__pscan *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        ds__pmatch *m = &sc->m[i];
        m->kept = false;
        if (m->slot)
            gathered(r, m, &m->kept);
        if (m->slot && !m->kept)
            __builtin_prefetch(&r->gz->postings[m->slot->first]);
    }
}

PREFETCHER prefetch_priors(const ds_places *r, const ds__pmatch *m)
{
    if (!m->slot || m->kept)
        return;
    size_t n = m->slot->info & DS__SLOT_COUNT;
    const ds__gz_posting *p = &r->gz->postings[m->slot->first];
    for (size_t i = 0; i < n && i < PREFETCH_POSTINGS; i++) {
        __builtin_prefetch(&r->prior[p[i].place]);
        __builtin_prefetch(&r->gz->places[p[i].place]);
    }
}

/* A chosen entry's output names its admin1 and admin2 entries, which
 * lie anywhere in memory: asked for a few matches ahead. */
PREFETCHER prefetch_admins(const ds_places *r, const ds__pmatch *m)
{
    if (!m->c || m->best < 0)
        return;
    const ds__gz_place *p = &r->gz->places[m->c->cands[m->best]];
    if (p->admin1 != DS_PLACE_NONE)
        __builtin_prefetch(&r->gz->places[p->admin1]);
    if (p->admin2 != DS_PLACE_NONE)
        __builtin_prefetch(&r->gz->places[p->admin2]);
}

static const ds__gz_place *best_place(const ds_places *r, const ds__pmatch *m)
{
    return m->best >= 0 ? &r->gz->places[m->c->cands[m->best]] : NULL;
}

static void place_point(const ds_gazetteer *gz, uint32_t idx, double *lat, double *lon)
{
    const ds__gz_place *p = &gz->places[idx];
    if (isnan(p->lat) && p->admin1 != DS_PLACE_NONE)
        p = &gz->places[p->admin1];
    *lat = p->lat;
    *lon = p->lon;
}

/* The admin1 entry a sentence states ("in Tartous province"), if any. */
static uint32_t stated_admin1(const ds_places *r, const ds__pscan *sc, uint32_t sentence,
                              size_t self)
{
    /* Matches are in text order, so a sentence's matches are one run. */
    size_t lo = self, hi = self + 1;
    while (lo > 0 && sc->m[lo - 1].sentence == sentence)
        lo--;
    while (hi < sc->n && sc->m[hi].sentence == sentence)
        hi++;
    for (size_t i = lo; i < hi; i++) {
        const ds__pmatch *m = &sc->m[i];
        if (i == self || m->admin_cue != DS__CUE_ADMIN1)
            continue;
        const ds__gz_place *p = best_place(r, m);
        if (p && p->kind == DS_PLACE_ADMIN1)
            return m->c->cands[m->best];
    }
    return DS_PLACE_NONE;
}

enum { PROXIMITY_WINDOW = 16 };
/* The most the second pass adds: the proximity and anchor bonuses (1.2 +
 * 1.5) and the possessive division bonus (3). */
#define PROXIMITY_MAX 5.7

/* exp(-d / per_km), d the great-circle distance in km of a squared chord
 * c2 on the unit sphere (d = 2R asin(sqrt(c2) / 2)); 0 from 2,800 km,
 * where it is below 1e-16 for both scales scoring uses.  The arc sine is
 * its Taylor series to the eleventh power: at x = sqrt(c2) / 2 <= 0.22
 * the first term left out changes a bonus by less than 1e-19 wherever
 * the bonus is above that, less than a score's rounding. */
static inline double falloff(const ds_places *r, double c2, double per_km)
{
    if (!(c2 < 0.19)) /* 4 sin^2(2800 / 2R); NaN and infinity too */
        return 0;
    /* asin(x) / x as a polynomial in x^2 = c2 / 4, its terms paired so
     * that it is worked out while the square root is. */
    double x2 = c2 / 4, x4 = x2 * x2;
    double p = (1 + x2 / 6) + x4 * ((3.0 / 40 + x2 * (5.0 / 112)) +
                                    x4 * (35.0 / 1152 + x2 * (63.0 / 2816)));
    return ds__places_exp_neg(r, sqrt(c2) * p * (6371.0088 / per_km));
}

/* Two doubles, and the mask a comparison of two gives (GCC and Clang
 * vector extensions: SSE2 on x86-64, plain code elsewhere). */
typedef double pair __attribute__((vector_size(16)));
typedef long long pair_mask __attribute__((vector_size(16)));

/* Each lane: c2 where c2 < least, else least (also where c2 is NaN, as a
 * scalar < says).  SSE2's MINPD is that test with its first operand
 * first, in one instruction; elsewhere a mask blends the two. */
static inline pair pair_min(pair c2, pair least)
{
#if defined(__SSE2__)
    return (pair)_mm_min_pd((__m128d)c2, (__m128d)least);
#else
    pair_mask lt = c2 < least;
    return (pair)((lt & (pair_mask)c2) | (~lt & (pair_mask)least));
#endif
}

/* What a match's candidates are scored against, gathered once per match:
 * nothing here changes while one match's candidates are scored. */
typedef struct context {
    uint32_t a1; /* the admin1 its sentence states, or DS_PLACE_NONE */
    bool gathered; /* the neighbours below are filled in */
    size_t n;      /* neighbours: the resolved points in the window around it */
    /* and after them, three points at an infinite squared chord from any
     * other, so that the nearest neighbour is taken four at a time with
     * no remainder (nearest_avx) */
    double x[2 * PROXIMITY_WINDOW + 3], y[2 * PROXIMITY_WINDOW + 3], z[2 * PROXIMITY_WINDOW + 3];
    double anchor[3]; /* the next match, a "near" cue in its sentence */
    bool has_anchor;
} context;

/* Adds the point match o offers as a neighbour of m, if it offers one
 * and names another place.  Every match's point is written and only the
 * count tells whether it was kept: which matches offer one follows no
 * pattern, and a branch on it was mispredicted about once a match. */
static inline void add_neighbour(const ds__pmatch *m, const ds__pmatch *o, context *c)
{
    static const double none[3] = {0, 0, 0};
    const double *v = o->near_v;
    bool keep = v && o->slot != m->slot;
    const double *at = keep ? v : none;
    c->x[c->n] = at[0];
    c->y[c->n] = at[1];
    c->z[c->n] = at[2];
    c->n += keep;
}


/* Whether s[0..n) holds the word "and" or "or" (a conjunction between two
 * names), read word by word. */
static bool has_conjunction(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]))
            i++;
        size_t w = i;
        while (i < n && isalpha((unsigned char)s[i]))
            i++;
        if ((i - w == 3 && s[w] == 'a' && s[w + 1] == 'n' && s[w + 2] == 'd') ||
            (i - w == 2 && s[w] == 'o' && s[w + 1] == 'r'))
            return true;
    }
    return false;
}

/* Whether next is m's reference point: "Xyz near Jableh", "Xyz, north of
 * Hama"; not when a conjunction stands between ("Wales and the north of
 * England" names two places). */
static bool refers_to(const ds__pscan *sc, const ds__pmatch *m, const ds__pmatch *next)
{
    if (!next->near || next->sentence != m->sentence)
        return false;
    if (next->name_s <= m->span_e)
        return true;
    const char *gap = sc->text + m->span_e;
    size_t n = next->name_s - m->span_e;
    return !memchr(gap, ';', n) && !has_conjunction(gap, n);
}

/* Only the matches around this one count: a report's places cluster, and
 * a bounded window keeps the cost linear in the number of matches. */
static void gather_neighbours(const ds__pscan *sc, size_t mi, context *c)
{
    const ds__pmatch *m = &sc->m[mi];
    size_t lo = mi > PROXIMITY_WINDOW ? mi - PROXIMITY_WINDOW : 0;
    size_t hi = mi + PROXIMITY_WINDOW < sc->n ? mi + PROXIMITY_WINDOW + 1 : sc->n;
    c->n = 0;
    for (size_t i = lo; i < mi; i++)
        add_neighbour(m, &sc->m[i], c);
    for (size_t i = mi + 1; i < hi; i++)
        add_neighbour(m, &sc->m[i], c);
    for (size_t i = c->n; i < c->n + 3; i++) {
        c->x[i] = INFINITY;
        c->y[i] = c->z[i] = 0;
    }
    const ds__pmatch *next = mi + 1 < hi ? &sc->m[mi + 1] : NULL;
    c->has_anchor = next && next->near && next->near_v && next->slot != m->slot &&
                    refers_to(sc, m, next);
    if (c->has_anchor)
        memcpy(c->anchor, next->near_v, sizeof c->anchor);
    c->gathered = true;
}

/* Whether the division word in match m's own span ("Cagayan provinces")
 * is in the entry's name ("Province of Cagayan"), plural or not. */
static bool named_with_cue(const ds_places *r, const char *text, const ds__pmatch *m,
                           const ds__gz_place *p)
{
    size_t s = m->span_e > m->name_e ? m->name_e : m->span_s;
    size_t e = m->span_e > m->name_e ? m->span_e : m->name_s;
    while (s < e && !isalpha((unsigned char)text[s]))
        s++;
    size_t n = 0;
    while (s + n < e && isalpha((unsigned char)text[s + n]))
        n++;
    if (n > 4 && text[s + n - 1] == 's')
        n--;
    const char *start = r->gz->strings + p->name;
    for (const char *name = start; n >= 4 && *name; name++)
        if ((name == start || name[-1] == ' ') && strncasecmp(name, text + s, n) == 0)
            return true; /* a word of the name: "Province of Cagayan", not "Provincetown" */
    return false;
}

/* The squared chord from point p to its nearest neighbour, infinite when
 * there is none: two minima, over the even and the odd neighbours,
 * computed side by side in the two lanes of a vector (each lane does what
 * a scalar would, in the same order), and a minimum does not depend on the
 * order it is taken in.  The chords are finite (every point is located),
 * so no NaN makes the order matter. */
static inline double nearest(const context *c, const double *pv)
{
    pair px = {pv[0], pv[0]}, py = {pv[1], pv[1]}, pz = {pv[2], pv[2]};
    pair least = {INFINITY, INFINITY};
    size_t i = 0;
    for (; i + 2 <= c->n; i += 2) {
        pair qx, qy, qz;
        memcpy(&qx, &c->x[i], sizeof qx);
        memcpy(&qy, &c->y[i], sizeof qy);
        memcpy(&qz, &c->z[i], sizeof qz);
        pair dx = px - qx, dy = py - qy, dz = pz - qz;
        pair c2 = dx * dx + dy * dy + dz * dz;
        least = pair_min(c2, least);
    }
    double near = least[0], near2 = least[1];
    if (i < c->n) {
        double dx = pv[0] - c->x[i], dy = pv[1] - c->y[i], dz = pv[2] - c->z[i];
        double c2 = dx * dx + dy * dy + dz * dz;
        if (c2 < near)
            near = c2;
    }
    return near2 < near ? near2 : near;
}

#if DS__PLACES_AVX
/* nearest with four lanes, on CPUs with AVX (ds_places_new asks): the same
 * operations on each neighbour in the same order (AVX adds no fused
 * multiply-add, and the library is built without contraction), so the
 * same minimum; the last four may take in the points past the neighbours,
 * whose infinite chords change no minimum. */
__attribute__((target("avx"))) static double nearest_avx(const context *c, const double *pv)
{
    __m256d px = _mm256_set1_pd(pv[0]), py = _mm256_set1_pd(pv[1]), pz = _mm256_set1_pd(pv[2]);
    __m256d least = _mm256_set1_pd(INFINITY);
    for (size_t i = 0; i < c->n; i += 4) {
        __m256d dx = _mm256_sub_pd(px, _mm256_loadu_pd(&c->x[i]));
        __m256d dy = _mm256_sub_pd(py, _mm256_loadu_pd(&c->y[i]));
        __m256d dz = _mm256_sub_pd(pz, _mm256_loadu_pd(&c->z[i]));
        __m256d c2 = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(dx, dx), _mm256_mul_pd(dy, dy)),
                                   _mm256_mul_pd(dz, dz));
        least = _mm256_min_pd(c2, least);
    }
    /* The least of the four lanes, in halves: the chords are zero or more,
     * never NaN nor -0, so MINPD's order tells no two apart. */
    __m128d half = _mm_min_pd(_mm256_castpd256_pd128(least), _mm256_extractf128_pd(least, 1));
    return _mm_cvtsd_f64(_mm_min_sd(half, _mm_unpackhi_pd(half, half)));
}
#endif

/* A candidate's score in the first pass: its prior and what the focus,
 * the division and city words and the sentence's stated admin1 add. */
static double own_score(const ds_places *r, const ds__pscan *sc, size_t mi, size_t k,
                        const focus *f, const context *c)
{
    const ds__pmatch *m = &sc->m[mi];
    const ds__gz_place *p = &r->gz->places[m->c->cands[k]];
    double s = m->c->score[k];
    bool admin = ds__places_is_division(p);
    /* A division after a comma speaks for its own country as the focus
     * does for the text's ("Paris, Tenn." in a report about France). */
    if (f->cc[0] && (memcmp(p->cc, f->cc, 2) == 0 || memcmp(p->cc, m->held_cc, 2) == 0))
        s += 2.5 * f->strength;
    else if (f->cc[0] && famous_abroad(p, m->c->cexact[k], f))
        s += 1.25 * f->strength;
    /* A division word asks for its level, or for a division of the other
     * level named with that word: a "province" is an admin2 in the
     * Philippines ("Province of Cagayan"). */
    if (m->admin_cue == DS__CUE_ADMIN1 || m->admin_cue == DS__CUE_ADMIN2) {
        uint8_t level = m->admin_cue == DS__CUE_ADMIN1 ? DS_PLACE_ADMIN1 : DS_PLACE_ADMIN2;
        s += p->kind == level ? 4 : admin && named_with_cue(r, sc->text, m, p) ? 2 : -1;
    }
    if (m->city)
        s += admin ? -1 : 1;
    if (c->a1 != DS_PLACE_NONE && p->admin1 == c->a1 && p->kind != DS_PLACE_ADMIN1)
        s += 1.5;
    return s;
}

/* A candidate's score in the second pass: its first-pass score s and what
 * the choices around it add. */
static double near_score(const ds_places *r, const ds__pscan *sc, size_t mi, size_t k, double s,
                         context *c)
{
    const ds__pmatch *m = &sc->m[mi];
    const ds__gz_place *p = &r->gz->places[m->c->cands[k]];
    /* "Hama's Salamiyah region": a division named in the possessive before
     * a place inside it. */
    if (m->possessive && p->kind == DS_PLACE_ADMIN1 && mi + 1 < sc->n) {
        const ds__gz_place *q = best_place(r, &sc->m[mi + 1]);
        if (q && q->kind == DS_PLACE_POINT && q->admin1 == m->c->cands[k])
            s += 3;
    }
    if (isnan(p->lat))
        return s;
    if (!c->gathered)
        gather_neighbours(sc, mi, c);
    const double *pv = r->gz->places[m->c->cands[k]].unit;
#if DS__PLACES_AVX
    double near = r->avx ? nearest_avx(c, pv) : nearest(c, pv);
#else
    double near = nearest(c, pv);
#endif
    s += 1.2 * falloff(r, near, 75);
    if (c->has_anchor) {
        double dx = pv[0] - c->anchor[0], dy = pv[1] - c->anchor[1], dz = pv[2] - c->anchor[2];
        s += 1.5 * falloff(r, dx * dx + dy * dy + dz * dz, 25);
    }
    return s;
}

/* In a document about one country, a foreign namesake must be spelt
 * exactly and be a sizeable place: a hamlet abroad that shares a variant
 * spelling with a local village is never what the writer meant. */
static bool plausible(const ds_places *r, const ds__pmatch *m, size_t k, const focus *f)
{
    const ds__gz_place *p = &r->gz->places[m->c->cands[k]];
    if (!f->cc[0] || f->strength < 0.25 || memcmp(p->cc, f->cc, 2) == 0)
        return true;
    if (p->kind == DS_PLACE_COUNTRY || memcmp(p->cc, m->held_cc, 2) == 0)
        return true;
    /* A place in another country the text itself names ("Ankara" in a
     * report that mentions Turkey) is as plausible as a local one, if
     * spelt exactly. */
    if (is_named(f, p->cc, m))
        return m->c->cexact[k];
    if (!m->c->cexact[k])
        return false;
    if (!f->given && (p->population >= SMALL_TOWN || p->kind == DS_PLACE_ADMIN1))
        return true;
    return p->kind == DS_PLACE_POINT && near_anchor(f, p);
}

/* Sets a match's choice, and what it offers the scoring of the matches
 * around it: the chosen place's unit vector when that place is located
 * and neither a country nor an admin1 area. */
static void set_best(const ds_places *r, ds__pmatch *m, int best)
{
    m->best = best;
    const ds__gz_place *q = best_place(r, m);
    m->near_v = q && !isnan(q->lat) && q->kind != DS_PLACE_COUNTRY &&
                           q->kind != DS_PLACE_ADMIN1
                       ? r->gz->places[m->c->cands[best]].unit
                       : NULL;
}

/* Whether some match has an admin1 division word: most texts name no
 * admin1 with its word, and then no sentence states one (stated_admin1). */
static bool any_admin1_cue(const ds__pscan *sc)
{
    for (size_t i = 0; i < sc->n; i++)
        if (sc->m[i].admin_cue == DS__CUE_ADMIN1)
            return true;
    return false;
}

static void choose(const ds_places *r, ds__pscan *sc, const focus *f, bool admin1_cued,
                   bool second_pass)
{
    for (size_t i = 0; i < sc->n; i++) {
        ds__pmatch *m = &sc->m[i];
        if (!m->c->nc)
            continue;
        double best = -INFINITY;
        int bi = -1;
        /* A name with one candidate needs no comparison, only the check
         * that it is plausible at all; its confidence does not use scores.
         * The second pass would find the same, as the focus stands. */
        if (m->c->nc == 1) {
            if (second_pass)
                continue;
            m->c->final[0] = plausible(r, m, 0, f) ? 0 : -INFINITY;
            set_best(r, m, isfinite(m->c->final[0]) ? 0 : -1);
            continue;
        }
        /* Proximity adds at most PROXIMITY_MAX, so in the second pass a
         * candidate that far behind the first pass's best cannot win; its
         * first-pass score stands (a lower bound, used only for the
         * confidence margin).  The first pass's choice holds the highest
         * of its scores. */
        double best1 = m->best >= 0 ? m->c->final[m->best] : -INFINITY;
        context c;
        c.a1 = admin1_cued ? stated_admin1(r, sc, m->sentence, i) : DS_PLACE_NONE;
        c.gathered = false;
        for (size_t k = 0; k < m->c->nc; k++) {
            if (second_pass && m->c->final[k] + PROXIMITY_MAX < best1)
                continue;
            /* Plausibility does not change between the passes: in the
             * second, the first pass's -inf says a candidate is not. */
            if (second_pass ? m->c->final[k] == -INFINITY : !plausible(r, m, k, f)) {
                m->c->final[k] = -INFINITY;
                continue;
            }
            /* The first pass's score is where the second starts: only the
             * admin1 a sentence states (stated_admin1) reads the choices
             * the first pass made, which the second may change. */
            double s = second_pass && !admin1_cued ? m->c->final[k]
                                                   : own_score(r, sc, i, k, f, &c);
            if (second_pass)
                s = near_score(r, sc, i, k, s, &c);
            m->c->final[k] = s;
            if (s > best) {
                best = s;
                bi = (int)k;
            }
        }
        set_best(r, m, bi);
    }
}

/* ---- output -------------------------------------------------------------- */

/* The runners-up of a match's choice: among the other candidates with a
 * finite score, ordered highest first and the earlier first among equals,
 * the first DS_PLACE_ALTERNATIVES places (each place at its first, i.e.
 * highest, candidate).  They are kept in order as the candidates come,
 * without sorting the rest.  Returns how many; *second is the first's
 * score. */
static size_t runners_up(const ds__pmatch *m, uint32_t *alts, double *second)
{
    const double *s = m->c->final;
    double kept[DS_PLACE_ALTERNATIVES];
    size_t n = 0;
    for (size_t k = 0; k < m->c->nc; k++) {
        double v = s[k];
        /* A later candidate ranks after a kept one of equal score. */
        if ((int)k == m->best || !isfinite(v) ||
            (n == DS_PLACE_ALTERNATIVES && !(v > kept[n - 1])))
            continue;
        uint32_t place = m->c->cands[k];
        size_t j = 0;
        while (j < n && alts[j] != place)
            j++;
        if (j < n && !(v > kept[j]))
            continue; /* its place is kept, at an earlier rank */
        if (j == n && n == DS_PLACE_ALTERNATIVES)
            j = n - 1; /* the last kept place drops out */
        for (; j + 1 < n; j++) { /* the place at j leaves the list */
            alts[j] = alts[j + 1];
            kept[j] = kept[j + 1];
        }
        n -= j < n;
        size_t at = n++;
        for (; at > 0 && kept[at - 1] < v; at--) {
            alts[at] = alts[at - 1];
            kept[at] = kept[at - 1];
        }
        alts[at] = place;
        kept[at] = v;
    }
    *second = n ? kept[0] : -INFINITY;
    return n;
}

/* The confidence of a match's choice, from the margin of its final score
 * over the runner-up; the runners-up become its alternatives. */
static double confidence(const ds__pmatch *m, uint32_t *alts, size_t *n_alts)
{
    double top = m->c->final[m->best], second;
    *n_alts = runners_up(m, alts, &second);
    double margin = isfinite(second) ? top - second : 3;
    double c = 1 / (1 + exp(-1.5 * margin));
    if (!m->c->cexact[m->best])
        c *= 0.85;
    if (m->weak)
        c *= 0.6;
    return c < 0.05 ? 0.05 : c > 0.99 ? 0.99 : c;
}

static void set_precision(ds_place_mention *o, const ds__gz_place *p, bool area)
{
    switch ((ds_place_kind)(p ? p->kind : DS_PLACE_AREA)) {
    case DS_PLACE_COUNTRY: o->precision = "country"; o->geo_precision = 3; return;
    case DS_PLACE_ADMIN1: o->precision = "admin1"; o->geo_precision = 3; return;
    case DS_PLACE_ADMIN2: o->precision = "admin2"; o->geo_precision = 2; return;
    case DS_PLACE_AREA: o->precision = "area"; o->geo_precision = 2; return;
    case DS_PLACE_POINT: break;
    }
    bool region = p->fclass == 'L' || p->fclass == 'T';
    o->precision = area || region ? "area" : "town";
    o->geo_precision = area || region ? 2 : 1;
}

/* The entry's names and point, as ds_gazetteer_place gives them, read from
 * the records alone: the parent and the admin1 code that it also reads
 * lie in the links, apart from the records, and a mention shows neither. */
static const char *admin_name(const ds_gazetteer *gz, uint32_t idx)
{
    return idx != DS_PLACE_NONE ? gz->strings + gz->places[idx].name : "";
}

static void fill_entry(const ds_places *r, ds_place_mention *o, uint32_t idx)
{
    const ds__gz_place *p = &r->gz->places[idx];
    o->name = r->gz->strings + p->name;
    o->country[0] = p->cc[0];
    o->country[1] = p->cc[1];
    o->country[2] = '\0';
    o->admin1 = admin_name(r->gz, p->admin1);
    o->admin2 = admin_name(r->gz, p->admin2);
    place_point(r->gz, idx, &o->lat, &o->lon);
}

static const char *admin_warning(const ds_places *r, const ds__pscan *sc, size_t mi,
                                 bool admin1_cued, ds_arena *arena)
{
    const ds__pmatch *m = &sc->m[mi];
    const ds__gz_place *p = best_place(r, m);
    if (!admin1_cued || !p || p->kind != DS_PLACE_POINT)
        return NULL;
    uint32_t a1 = stated_admin1(r, sc, m->sentence, mi);
    if (a1 == DS_PLACE_NONE || p->admin1 == DS_PLACE_NONE || p->admin1 == a1 ||
        memcmp(r->gz->places[a1].cc, p->cc, 2) != 0)
        return NULL;
    const char *s = r->gz->strings;
    char buf[512];
    snprintf(buf, sizeof buf, "the text places it in %s; the gazetteer puts %s in %s",
             s + r->gz->places[a1].name, s + p->name, s + r->gz->places[p->admin1].name);
    return ds_arena_strdup(arena, buf);
}

/* An unlisted place is located by the nearest resolved place of its
 * sentence, preferring one after it ("Xyz near Jableh", "Xyz in Tartous"). */
static uint32_t parent_of(const ds_places *r, const ds__pscan *sc, size_t mi)
{
    const ds__pmatch *m = &sc->m[mi];
    for (size_t i = mi + 1; i < sc->n && sc->m[i].sentence == m->sentence; i++)
        if (best_place(r, &sc->m[i]))
            return sc->m[i].c->cands[sc->m[i].best];
    for (size_t i = mi; i-- > 0 && sc->m[i].sentence == m->sentence;)
        if (best_place(r, &sc->m[i]))
            return sc->m[i].c->cands[sc->m[i].best];
    return DS_PLACE_NONE;
}

/* The entry an area's code names: an admin1 code ("SY.02") or, for a
 * region across countries, a country code ("ML"). */
static uint32_t area_part(const ds_places *r, const char *code, size_t n)
{
    if (n == 2 && !memchr(code, '.', n))
        return ds__places_country(r, code);
    return ds__places_admin1(r, code, n);
}

/* A named area ("the Syrian coast", "the Sahel") is located at the mean of
 * the points of its divisions or countries (the text after bar in its
 * value).  It holds one country when all its parts do, and names an
 * admin1 only when it is one. */
static void locate_area(const ds_places *r, const char *bar, ds__parea *a)
{
    double lat = 0, lon = 0;
    size_t n = 0;
    const ds_gazetteer *gz = r->gz;
    const ds__gz_place *first = NULL;
    bool one_country = true;
    a->admin1 = NULL;
    for (const char *c = bar + 1; *c;) {
        size_t len = strcspn(c, ",");
        uint32_t i = area_part(r, c, len);
        const ds__gz_place *p = i != DS_PLACE_NONE ? &gz->places[i] : NULL;
        if (p && !isnan(p->lat)) {
            lat += p->lat;
            lon += p->lon;
            first = first ? first : p;
            one_country &= memcmp(p->cc, first->cc, 2) == 0;
            if (++n == 1 && p->kind == DS_PLACE_ADMIN1)
                a->admin1 = gz->strings + p->name;
        }
        c += len + (c[len] == ',');
    }
    a->n = n;
    if (!n)
        return;
    a->lat = lat / (double)n;
    a->lon = lon / (double)n;
    a->one_country = one_country;
    memcpy(a->cc, first->cc, 2);
}

/* The location of the area whose value is v, from the recognizer's kept
 * ones (what they hold changes no answer, as for its other kept tables). */
static const ds__parea *area_located(const ds_places *r, const char *v, const char *bar)
{
    ds__parea *a = &r->areas_kept[((uintptr_t)v >> 3) * 0x9e3779b97f4a7c15ULL >> 56 &
                                  (DS__PAREAS - 1)];
    if (a->value != v) {
        locate_area(r, bar, a);
        a->value = v;
    }
    return a;
}

static bool area_output(const ds_places *r, const ds__pmatch *m, const focus *f,
                        ds_place_mention *o)
{
    /* value: "CC|SY.02,SY.14", "CC?|..." or "*|ML,NE,TD" (* for any
     * country).  A name ("North Darfur") means its area whatever the
     * document is about; a phrase marked with ? ("the coast") means it only
     * in a document about that country, or one whose country is unknown. */
    const char *v = m->area_value, *bar = strchr(v, '|');
    bool any = v[0] == '*', if_focus = bar && bar - v == 3 && v[2] == '?';
    if (!bar || bar - v != (any ? 1 : if_focus ? 3 : 2))
        return false;
    if (if_focus && f->cc[0] && memcmp(v, f->cc, 2) != 0)
        return false;
    const ds__parea *a = area_located(r, v, bar);
    if (!a->n)
        return false;
    if (a->admin1)
        o->admin1 = a->admin1;
    o->lat = a->lat;
    o->lon = a->lon;
    if (a->n > 1)
        o->admin1 = "";
    if (a->one_country)
        memcpy(o->country, a->cc, 2);
    o->country[a->one_country ? 2 : 0] = '\0';
    o->precision = "area";
    o->geo_precision = 3;
    o->confidence = 0.7;
    return true;
}

static void spread(const char *text, const ds__pmatch *a, const ds__pmatch *b, ds__pmatch *to)
{
    const ds__pmatch *from = to == b ? a : b;
    /* The cue words first: most names have none to spread. */
    if (!from->admin_cue || to->admin_cue || a->sentence != b->sentence || !a->slot ||
        !b->slot || !ds__places_list_gap(text, a->span_e, b->span_s))
        return;
    to->admin_cue = from->admin_cue;
}

/* "the provinces of Latakia, Tartus and Hama", "Homs and Hama governorates":
 * a division word applies to every name of the list it heads or ends. */
static void spread_admin_cues(const char *text, ds__pscan *sc)
{
    for (size_t i = 1; i < sc->n; i++)
        spread(text, &sc->m[i - 1], &sc->m[i], &sc->m[i]);
    for (size_t i = sc->n; i-- > 1;)
        spread(text, &sc->m[i - 1], &sc->m[i], &sc->m[i - 1]);
}

/* The consonants of a name, articles left out and doubled letters
 * collapsed: "Hamam Wasl" and "Hammam Wasil" both give "hm wsl". */
static size_t consonants(const char *name, size_t n, char *out, size_t cap)
{
    size_t pos = 0, s, e, o = 0;
    unsigned fl;
    char fold[DS__GZ_TOKEN_MAX];
    while (ds__gz_next_token(name, n, &pos, &s, &e, &fl)) {
        fl = 0;
        size_t k = ds__gz_fold_token(name + s, e - s, fold, &fl);
        if (fl & DS__TK_ARTICLE)
            continue;
        if (o && o < cap)
            out[o++] = ' ';
        for (size_t i = 0; i < k && o < cap; i++) {
            char c = fold[i];
            if (strchr("aeiouyw'", c) || (o && out[o - 1] == c))
                continue;
            out[o++] = c;
        }
    }
    return o;
}

/* A place near the parent whose name has the same consonants: the
 * commonest way an unlisted-looking village is in fact listed under
 * another vowelling.  Only a unique namesake within 30 km counts. */
static uint32_t nearby_namesake(const ds_places *r, const char *name, size_t n, uint32_t parent)
{
    char want[128], have[128];
    size_t wn = consonants(name, n, want, sizeof want);
    const ds_gazetteer *gz = r->gz;
    const ds__gz_place *pp = &gz->places[parent];
    if (wn < 3 || pp->kind != DS_PLACE_POINT || isnan(pp->lat))
        return DS_PLACE_NONE;
    uint32_t found = DS_PLACE_NONE;
    /* 30 km is less than half a degree of latitude: the parent's cell and
     * its neighbours hold every candidate (longitude cells shrink towards
     * the poles, where the 3x3 block may miss a few; that only loses a
     * rescue, never gives a wrong one). */
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) {
            size_t c = ds__places_cell(pp->lat + dr * 0.5, pp->lon + dc * 0.5);
            for (uint32_t k = r->cell_start[c]; k < r->cell_start[c + 1]; k++) {
                uint32_t i = r->cell_items[k];
                const ds__gz_place *p = &gz->places[i];
                if (i == parent || p->cc[0] != pp->cc[0] || p->cc[1] != pp->cc[1] ||
                    ds_distance_km(p->lat, p->lon, pp->lat, pp->lon) > 30)
                    continue;
                const char *nm = gz->strings + p->name;
                size_t hn = consonants(nm, strlen(nm), have, sizeof have);
                if (hn != wn || memcmp(have, want, wn) != 0 || i == found)
                    continue;
                if (found != DS_PLACE_NONE)
                    return DS_PLACE_NONE;
                found = i;
            }
        }
    return found;
}

/* Whether a name inside a longer proper name ("Ismail Haniyeh", "Salva
 * Kiir", "Nelson Mandela") resolved to a small town outside the document's
 * country: such a name is a person's or a body's, not a place the text is
 * about.  "Aleppo Media Centre" and "Kabul Times" keep their cities, and
 * with no country known ("A strike hit the Tabqa Dam.") nothing is
 * abroad. */
static bool small_abroad(const ds_places *r, const ds__pmatch *m, const focus *f)
{
    const ds__gz_place *p = &r->gz->places[m->c->cands[m->best]];
    return p->kind == DS_PLACE_POINT && p->population < SMALL_TOWN && f->cc[0] &&
           memcmp(p->cc, f->cc, 2) != 0;
}

/* Whether a match's choice is a first-level division of the text's
 * country, or of the country of another place the text names: what a
 * capitalised common word must be to stay a place ("Wales and England"). */
static bool focus_division(const ds_places *r, const ds__pscan *sc, size_t i, const focus *f)
{
    const ds__pmatch *m = &sc->m[i];
    const ds__gz_place *p = &r->gz->places[m->c->cands[m->best]];
    if (p->kind != DS_PLACE_ADMIN1)
        return false;
    if (f->cc[0] && memcmp(p->cc, f->cc, 2) == 0)
        return true;
    for (size_t j = 0; j < sc->n; j++) {
        const ds__pmatch *o = &sc->m[j];
        if (j != i && o->best >= 0 && !o->if_focus_division &&
            memcmp(r->gz->places[o->c->cands[o->best]].cc, p->cc, 2) == 0)
            return true;
    }
    return false;
}

/* "the Bekaa valley", "the Swat valley": a name beside a landform word is
 * the division spelt so that the landform lies in, the best-scored one;
 * false, and the mention is dropped, when the name names no division
 * ("the Nuba Mountains" is no town Nuba, "the Niger Delta" no Niger). */
static bool landform_division(const ds_places *r, ds__pmatch *m)
{
    int best = -1;
    if (!m->c || m->best < 0)
        return false;
    /* In the country the resolver chose: "the River Clyde" in Glasgow is
     * no county of Alberta. */
    const char *cc = r->gz->places[m->c->cands[m->best]].cc;
    for (size_t k = 0; k < m->c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[m->c->cands[k]];
        if (ds__places_is_division(p) && m->c->cexact[k] &&
            memcmp(p->cc, cc, 2) == 0 && (best < 0 || m->c->final[k] > m->c->final[best]))
            best = (int)k;
    }
    m->best = best;
    return best >= 0;
}

/* "محافظة حمص" (Homs governorate): a division word beside a seat whose
 * division the name does not name (the gazetteer spells divisions in
 * English only) means the division the seat heads.  Only the match's own
 * word counts, not one spread from a list ("Bunia, Ituri province" stays
 * the town). */
static uint32_t seat_division(const ds_places *r, const ds__pmatch *m, uint32_t place)
{
    const ds__gz_place *p = &r->gz->places[place];
    if (p->kind != DS_PLACE_POINT || (m->span_s == m->name_s && m->span_e == m->name_e))
        return place;
    if (m->admin_cue == DS__CUE_ADMIN1 && p->admin1 != DS_PLACE_NONE &&
        (!strcmp(p->fcode, "PPLA") || !strcmp(p->fcode, "PPLC")))
        return p->admin1;
    if (m->admin_cue == DS__CUE_ADMIN2 && p->admin2 != DS_PLACE_NONE && !strcmp(p->fcode, "PPLA2"))
        return p->admin2;
    return place;
}

/* "northern Syria", "the eastern countryside of Homs": the mention names
 * the division, located in the part. */
static void located_part(const ds_places *r, const char *text, size_t len, const ds__pmatch *m,
                         size_t *asked, ds_place_mention *o)
{
    if (!m->area && !m->near) /* most names have neither */
        return;
    double lat, lon;
    const char *part;
    uint32_t region = ds__places_part(r, text, len, m, asked, &lat, &lon, &part);
    if (region == DS_PLACE_NONE)
        return;
    if (region != o->place) {
        o->place = region;
        fill_entry(r, o, region);
    }
    o->lat = lat;
    o->lon = lon;
    o->part = part;
    o->precision = "area";
    o->geo_precision = r->gz->places[region].kind == DS_PLACE_ADMIN2 ? 2 : 3;
}

/* An unlisted place is located by a resolved place of its own sentence,
 * else by the last place resolved before it in the document, else by the
 * document's country. */
static uint32_t fallback_parent(const ds_places *r, const ds__pscan *sc, size_t mi,
                                const focus *f, bool *same_sentence)
{
    if (sc->m[mi].stated_parent) { /* "Mt. Juliet, Tenn.": the division written after it */
        *same_sentence = true;
        return sc->m[mi].parent;
    }
    uint32_t p = parent_of(r, sc, mi);
    *same_sentence = p != DS_PLACE_NONE;
    if (p != DS_PLACE_NONE)
        return p;
    for (size_t i = mi; i-- > 0;) {
        const ds__gz_place *q = best_place(r, &sc->m[i]);
        if (q && q->kind == DS_PLACE_POINT && !sc->m[i].area &&
            (!f->cc[0] || memcmp(q->cc, f->cc, 2) == 0))
            return sc->m[i].c->cands[sc->m[i].best];
    }
    return f->cc[0] ? ds__places_country(r, f->cc) : DS_PLACE_NONE;
}

static int by_start(const void *a, const void *b)
{
    size_t x = ((const ds_place_mention *)a)->start, y = ((const ds_place_mention *)b)->start;
    return (x > y) - (x < y);
}

/* "Paris, Tenn.": each abbreviation of a division after a place is a
 * mention of that division, put in text order among the k others. */
static size_t abbreviation_mentions(const ds_places *r, const ds__pscan *sc,
                                    ds_place_mention *o, size_t k)
{
    for (size_t j = 0; j < sc->n_abbrevs; j++) {
        const ds__pabbrev *a = &sc->abbrevs[j];
        ds_place_mention *pm = &o[k++];
        memset(pm, 0, sizeof *pm);
        pm->start = pm->name_start = a->s;
        pm->end = pm->name_end = a->e;
        pm->place = a->admin1;
        pm->parent = DS_PLACE_NONE;
        fill_entry(r, pm, a->admin1);
        set_precision(pm, &r->gz->places[a->admin1], false);
        pm->confidence = 0.99;
    }
    /* Spans do not overlap, so the order by start is the text's. */
    if (sc->n_abbrevs)
        qsort(o, k, sizeof *o, by_start);
    return k;
}

ds_status ds_places_find(const ds_places *r, const char *text, size_t len, const char *country,
                         ds_arena *arena, ds_place_mention **out, size_t *n_out, ds_error *err)
{
    *out = NULL;
    *n_out = 0;
    ds__pscan sc;
    memset(&sc, 0, sizeof sc);
    ds__pcands *cands = NULL;
    ds_status st = ds__places_scan(r, text, len, &sc, err);
    if (st != DS_OK)
        goto done;
    cands = ds_malloc((sc.n ? sc.n : 1) * sizeof *cands);
    if (!cands) {
        st = ds_error_set(err, DS_ENOMEM, "out of memory resolving places");
        goto done;
    }
    prepare_gathering(r, &sc);
    for (size_t i = 0; i < sc.n; i++) {
        cands[i].nc = 0;
        cands[i].focus.known = false;
        sc.m[i].near_v = NULL;
        sc.m[i].c = &cands[i];
        if (i + GATHER_AHEAD < sc.n)
            prefetch_priors(r, &sc.m[i + GATHER_AHEAD]);
        if (sc.m[i].slot)
            gather(r, &sc.m[i]);
    }
    spread_admin_cues(text, &sc);
    ds__places_appositions(r, text, len, &sc);
    ds__places_list_kinds(r, text, &sc);
    ds__places_co_named(r, &sc);
    focus f = find_focus(r, &sc, country);
    bool admin1_cued = any_admin1_cue(&sc);
    choose(r, &sc, &f, admin1_cued, false);
    choose(r, &sc, &f, admin1_cued, true);
    size_t n_out_max = sc.n + sc.n_abbrevs;
    ds_place_mention *o = n_out_max ? ds_arena_alloc(arena, n_out_max * sizeof *o) : NULL;
    if (n_out_max && !o) {
        st = ds_error_set(err, DS_ENOMEM,
                          "%zu place names are more than the memory set aside for this text holds",
                          sc.n);
        goto done;
    }
    size_t k = 0, parts_asked = 0;
    for (size_t i = 0; i < sc.n; i++) {
        if (i + GATHER_AHEAD < sc.n)
            prefetch_admins(r, &sc.m[i + GATHER_AHEAD]);
        ds__pmatch *m = &sc.m[i];
        ds_place_mention *pm = &o[k];
        memset(pm, 0, sizeof *pm);
        pm->start = m->span_s;
        pm->end = m->span_e;
        pm->name_start = m->name_s;
        pm->name_end = m->name_e;
        pm->place = pm->parent = DS_PLACE_NONE;
        pm->lat = pm->lon = NAN;
        pm->admin1 = pm->admin2 = "";
        if (m->area_value) {
            pm->name = ds_arena_strndup(arena, text + m->name_s, m->name_e - m->name_s);
            if (area_output(r, m, &f, pm))
                k++;
            continue;
        }
        if (m->unknown || (m->best < 0 && m->unknown_ok)) {
            bool stated;
            pm->parent = fallback_parent(r, &sc, i, &f, &stated);
            uint32_t same = pm->parent == DS_PLACE_NONE
                                ? DS_PLACE_NONE
                                : nearby_namesake(r, text + m->name_s, m->name_e - m->name_s,
                                                  pm->parent);
            if (same != DS_PLACE_NONE) {
                pm->place = same;
                fill_entry(r, pm, same);
                set_precision(pm, &r->gz->places[same], false);
                pm->confidence = 0.6;
                k++;
                continue;
            }
            if (pm->parent != DS_PLACE_NONE) {
                fill_entry(r, pm, pm->parent);
                const ds__gz_place *pp = &r->gz->places[pm->parent];
                set_precision(pm, pp, true);
                if (pp->kind == DS_PLACE_POINT)
                    pm->precision = "area";
            }
            pm->name = ds_arena_strndup(arena, text + m->name_s, m->name_e - m->name_s);
            pm->confidence = stated ? 0.4 : 0.2;
            k++;
            continue;
        }
        if (m->landform && !landform_division(r, m))
            continue;
        if (m->best < 0 || (m->weak && small_abroad(r, m, &f)) ||
            (m->if_focus_division && !focus_division(r, &sc, i, &f)))
            continue;
        pm->place = seat_division(r, m, m->c->cands[m->best]);
        fill_entry(r, pm, pm->place);
        set_precision(pm, &r->gz->places[pm->place], m->area);
        pm->confidence = confidence(m, pm->alternatives, &pm->n_alternatives);
        pm->warning = admin_warning(r, &sc, i, admin1_cued, arena);
        located_part(r, text, len, m, &parts_asked, pm);
        /* "Xyz near Jableh": the reference point is Xyz's parent. */
        if (i + 1 < sc.n && sc.m[i + 1].near && sc.m[i + 1].best >= 0 &&
            refers_to(&sc, m, &sc.m[i + 1]))
            pm->parent = sc.m[i + 1].c->cands[sc.m[i + 1].best];
        k++;
    }
    *out = o;
    *n_out = abbreviation_mentions(r, &sc, o, k);
done:
    ds_free(cands);
    ds_free(sc.toks);
    ds_free(sc.starts);
    ds_free(sc.m);
    return st;
}
