/* conamed.c: "Cumbria Police said a man died on a farm near Kendal": a
 * division and a place inside it, named in one sentence but not side by
 * side.
 *
 * A writer who names a town's county or state elsewhere in the sentence
 * has placed the town as surely as "Kendal, Cumbria" does, and a reader
 * takes the two together; only by chance would a sentence name a
 * namesake's division instead.  So a candidate of one name that lies in
 * a division candidate of another name of the same sentence gains, and so
 * does that division. */
#include "places_int.h"

#include <stdint.h>
#include <string.h>

/* A place's prior grows by one for a million times the people, so half a
 * point moves a town only past a namesake at most a thousand times
 * bigger, and not a capital past a small town ("Officials in Paris said
 * Texas would act"); a division has no population of its own, and an
 * admin2 starts half a point or more below a town (places.c, prior_of),
 * so it needs more to win against a namesake town abroad ("Essex
 * Police": not Essex, Maryland).  Both are less than a comma pair gives
 * (apposition.c). */
#define CO_CONTAINED_BONUS 0.5f
#define CO_CONTAINER_BONUS 1.5
/* "Kingston Police said ... in the Ontario city's downtown": a division
 * named as an attribute of a settlement noun refers back to a town of the
 * sentence, and says where it is as plainly as a comma pair does. */
#define CO_ATTRIBUTE_BONUS 2.0f
/* The matches of one sentence read together.  A sentence with more names
 * is a list, whose divisions hold its towns by chance as often as by
 * design; the bound also keeps the cost linear in the text. */
#define CO_MATCHES 12

/* The gains decided for one sentence's matches, applied once all pairs
 * are read, so that a candidate gains once however many names hold it.
 * Most sentences have no such pair, and the table is cleared only for
 * those that have. */
typedef struct gains {
    bool any;
    bool gained[CO_MATCHES];
    float contained[CO_MATCHES][DS__MAX_CANDS]; /* the largest gain a holder gives */
    bool container[CO_MATCHES][DS__MAX_CANDS];
} gains;

/* A town of this size is what its name means on its own, seat or not
 * ("Lagos"). */
enum { CO_CITY = 100000 };

/* Whether point p may be what a division's name means instead: a seat of
 * government at the division's level or above (a capital, an admin1
 * seat, for an admin2 also its own seat), or a city. */
static bool rivals_division(const ds__gz_place *p, uint8_t kind)
{
    return memcmp(p->fcode, "PPLC", 5) == 0 || memcmp(p->fcode, "PPLA", 5) == 0 ||
           (kind == DS_PLACE_ADMIN2 && memcmp(p->fcode, "PPLA2", 6) == 0) ||
           p->population >= CO_CITY;
}

/* Whether division candidate d of a match may gain as a container: not
 * when the match may also name a seat of that level or a city in the
 * division's country.  A division is often named after its seat
 * ("Kidal", "Kano", "Herat") or its seat after it ("Kyiv" and Kyiv
 * Oblast), or shares a city's name ("Lagos"), and a town near the city
 * says nothing of which of the two the writer meant ("from Kidal to
 * Tessalit").  A lesser town of the name (Santa Fe de Antioquia
 * beside Antioquia, whose seat is Medellin) or a namesake abroad
 * ("Cumbria", an old name of Cumberland, Maryland) does not make the
 * division's name ambiguous. */
static bool may_contain(const ds_gazetteer *gz, const ds__pcands *c, size_t d)
{
    const ds__gz_place *div = &gz->places[c->cands[d]];
    if (!ds__places_is_division(div))
        return false;
    for (size_t k = 0; k < c->nc; k++) {
        const ds__gz_place *p = &gz->places[c->cands[k]];
        if (p->kind == DS_PLACE_POINT && memcmp(p->cc, div->cc, 2) == 0 &&
            rivals_division(p, div->kind))
            return false;
    }
    return true;
}

/* Whether match m is written "the X city" (or town, village; read_context
 * sets city for a settlement noun after the name). */
static bool attributive(const ds__pscan *sc, const ds__pmatch *m)
{
    if (!m->city || m->a == 0 || m->span_e != m->name_e)
        return false;
    const ds__ptok *t = &sc->toks[m->a - 1];
    return t->sentence == m->sentence && t->e - t->s == 3 &&
           ds_str_iprefix(sc->text + t->s, "the");
}

uint32_t ds__places_containers(const ds_gazetteer *gz, const ds__pcands *c)
{
    uint32_t bits = 0;
    for (size_t d = 0; d < c->nc; d++)
        bits |= (uint32_t)may_contain(gz, c, d) << d;
    return bits;
}

/* Marks the candidates of match i that division candidate d of match j
 * holds, and d if it holds one; none when match i may name a division of
 * d's kind and country, as two such names are more likely siblings
 * ("Wales and the north of England") than a place and what holds it. */
static void mark_held(const ds_gazetteer *gz, const ds__pscan *sc, size_t a, size_t i, size_t j,
                      size_t d, gains *g)
{
    const ds__pcands *ci = sc->m[i].c, *cj = sc->m[j].c;
    if (ds__places_lists_with(gz, &sc->m[i], cj->cands[d]))
        return;
    float gain = attributive(sc, &sc->m[j]) ? CO_ATTRIBUTE_BONUS : CO_CONTAINED_BONUS;
    for (size_t k = 0; k < ci->nc; k++) {
        if (!ds__places_holds(gz, cj->cands[d], ci->cands[k]))
            continue;
        if (!g->any)
            memset(g, 0, sizeof *g);
        g->any = g->gained[i - a] = g->gained[j - a] = true;
        g->container[j - a][d] = true;
        if (gain > g->contained[i - a][k])
            g->contained[i - a][k] = gain;
    }
}

/* Whether matches i and j are read as a pair here: two names of places,
 * not the same name twice (a city and its namesake governorate, "Homs
 * ... Homs", hold each other whichever is meant), and not a pair that the
 * comma or "in" between them has already tied (apposition.c). */
static bool may_pair(const ds__pscan *sc, size_t i, size_t j)
{
    const ds__pmatch *mi = &sc->m[i], *mj = &sc->m[j];
    if (i == j || !ds__places_resolvable(mi) || mi->slot == mj->slot)
        return false;
    return !(i + 1 == j && mi->holds_next) && !(j + 1 == i && mj->holds_next);
}

/* Whether some match of [a, b) has a choice to make: a gain changes
 * nothing for a name with one candidate, and most sentences' names have
 * one each, whose places need not be read here. */
static bool any_choice(const ds__pscan *sc, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (sc->m[i].c && sc->m[i].c->nc > 1)
            return true;
    return false;
}

/* Whether some other match of [a, b) than j has a candidate in country
 * cc. */
static bool names_in_country(const ds_gazetteer *gz, const ds__pscan *sc, size_t a, size_t b,
                             size_t j, const char *cc)
{
    for (size_t i = a; i < b; i++) {
        const ds__pcands *c = sc->m[i].c;
        for (size_t k = 0; i != j && ds__places_resolvable(&sc->m[i]) && k < c->nc; k++)
            if (memcmp(gz->places[c->cands[k]].cc, cc, 2) == 0)
                return true;
    }
    return false;
}

/* "Georgia's emergency agency opened shelters near Savannah": when a
 * name's division reading holds a place of the sentence and its country
 * reading holds none, the country reading loses what the holding gave the
 * division, and its vote for the focus, which would otherwise carry the
 * country past any division (a country's prior is 2.5, resolve.c). */
static void unhold_countries(const ds_places *r, ds__pscan *sc, size_t a, size_t b, size_t j,
                             const gains *g)
{
    ds__pcands *c = sc->m[j].c;
    for (size_t k = 0; k < c->nc; k++) {
        const ds__gz_place *p = &r->gz->places[c->cands[k]];
        if (p->kind != DS_PLACE_COUNTRY || names_in_country(r->gz, sc, a, b, j, p->cc))
            continue;
        for (size_t d = 0; d < c->nc; d++)
            if (g->container[j - a][d] && memcmp(r->gz->places[c->cands[d]].cc, p->cc, 2) != 0) {
                c->score[k] -= CO_CONTAINER_BONUS;
                sc->m[j].country_unheld = true;
                break;
            }
    }
}

/* Matches [a, b) of one sentence. */
static void co_named_sentence(const ds_places *r, ds__pscan *sc, size_t a, size_t b)
{
    if (!any_choice(sc, a, b))
        return;
    gains g;
    g.any = false;
    for (size_t j = a; j < b; j++) {
        const ds__pcands *cj = sc->m[j].c;
        if (!ds__places_resolvable(&sc->m[j]))
            continue;
        /* Worked out when the list was gathered, unless it changed since. */
        uint32_t containers = cj->focus.known ? cj->focus.containers
                                              : ds__places_containers(r->gz, cj);
        for (; containers; containers &= containers - 1) {
            size_t d = (size_t)__builtin_ctz(containers);
            for (size_t i = a; i < b; i++)
                if (may_pair(sc, i, j))
                    mark_held(r->gz, sc, a, i, j, d, &g);
        }
    }
    for (size_t i = a; g.any && i < b; i++) {
        ds__pcands *c = sc->m[i].c;
        for (size_t k = 0; g.gained[i - a] && k < c->nc; k++)
            c->score[k] +=
                g.contained[i - a][k] + (g.container[i - a][k] ? CO_CONTAINER_BONUS : 0);
        if (g.gained[i - a] && sc->m[i].country)
            unhold_countries(r, sc, a, b, i, &g);
    }
}

void ds__places_co_named(const ds_places *r, ds__pscan *sc)
{
    for (size_t a = 0; a < sc->n;) {
        size_t b = a + 1;
        while (b < sc->n && sc->m[b].sentence == sc->m[a].sentence)
            b++;
        if (b - a >= 2)
            co_named_sentence(r, sc, a, b - a > CO_MATCHES ? a + CO_MATCHES : b);
        a = b;
    }
}
