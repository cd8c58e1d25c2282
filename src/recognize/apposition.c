/* apposition.c: "Lima, Ohio", "Victoria, British Columbia", "Kandahar,
 * Afghanistan": a place followed after a comma by the division or country
 * that holds it.
 *
 * News and reference text name a town's division this way whenever the
 * town shares its name with a bigger place elsewhere, so the pair is the
 * writer's own disambiguation and outweighs population: the candidates of
 * the first name that lie in a candidate of the second gain, and so do
 * the candidates of the second that hold one of the first.  A list of
 * divisions ("Idlib, Hama and Latakia") has the same shape, so inside a
 * longer list (or for two countries) a division of the same kind as the
 * first name is not taken to hold it, and a name that a list goes on
 * after is not pushed towards its division reading. */
#include "places_int.h"

#include <math.h>
#include <string.h>

/* What a candidate gains from the pairing: more than a town's size can
 * give a namesake ten times bigger, less than a division named with its
 * own cue word ("Tartous province", +4 and -1). */
#define CONTAINED_BONUS 3.0
#define CONTAINER_BONUS 2.0

/* Whether text[from, to) is a comma and spaces, or an opening bracket
 * with the spaces around it ("Lima (Ohio)"). */
static bool apposition_gap(const char *text, size_t from, size_t to)
{
    if (to < from || to - from > 4)
        return false; /* spans may overlap ("Hama province of Syria") */
    size_t i = from;
    while (i < to && text[i] == ' ')
        i++;
    if (i == to || (text[i] != ',' && text[i] != '('))
        return false;
    for (i++; i < to; i++)
        if (text[i] != ' ')
            return false;
    return true;
}

bool ds__places_holds(const ds_gazetteer *gz, uint32_t q, uint32_t p)
{
    const ds__gz_place *pq = &gz->places[q], *pp = &gz->places[p];
    if (p == q)
        return false;
    switch ((ds_place_kind)pq->kind) {
    case DS_PLACE_COUNTRY:
        return pp->kind != DS_PLACE_COUNTRY && memcmp(pp->cc, pq->cc, 2) == 0;
    case DS_PLACE_ADMIN1:
        return pp->admin1 == q;
    case DS_PLACE_ADMIN2:
        return pp->admin2 == q;
    default:
        return false;
    }
}

bool ds__places_lists_with(const ds_gazetteer *gz, const ds__pmatch *m, uint32_t q)
{
    const ds__gz_place *pq = &gz->places[q];
    for (size_t k = 0; k < m->c->nc; k++) {
        const ds__gz_place *p = &gz->places[m->c->cands[k]];
        if (m->c->cexact[k] && p->kind == pq->kind &&
            (p->kind == DS_PLACE_COUNTRY || memcmp(p->cc, pq->cc, 2) == 0))
            return true;
    }
    return false;
}

/* Whether the apposition closes at byte e: a comma, a stop, a bracket or
 * the end of the text, or a list goes on ("Paris, Texas, and Lima").  In
 * "Chile, Peru settle ..." or "In Madrid, Mexico said ..." it does not:
 * the second name starts a clause. */
static bool closes_apposition(const char *text, size_t len, size_t e)
{
    /* Quotes and apostrophes may end a name ("Leningradskaya Oblast'"). */
    for (;;) {
        if (e < len && (text[e] == '\'' || text[e] == '"'))
            e++;
        else if (len - e >= 3 && memcmp(text + e, "\xE2\x80", 2) == 0 &&
                 ((unsigned char)text[e + 2] == 0x99 || (unsigned char)text[e + 2] == 0x9D))
            e += 3; /* ’ and ” */
        else
            break;
    }
    if (e >= len || strchr(",.;:)\n", text[e]))
        return true;
    return (len - e >= 5 && memcmp(text + e, " and ", 5) == 0) ||
           (len - e >= 4 && memcmp(text + e, " or ", 4) == 0);
}

/* Whether matches i and i + 1 are a name and, after a comma, another. */
static bool comma_pair(const char *text, const ds__pscan *sc, size_t i)
{
    const ds__pmatch *a = &sc->m[i], *b = i + 1 < sc->n ? &sc->m[i + 1] : NULL;
    return b && a->sentence == b->sentence && ds__places_resolvable(a) &&
           ds__places_resolvable(b) && apposition_gap(text, a->span_e, b->span_s);
}

/* Whether matches i and i + 1 are a name and, after a comma, another that
 * closes the apposition. */
static bool paired(const char *text, size_t len, const ds__pscan *sc, size_t i)
{
    return comma_pair(text, sc, i) && closes_apposition(text, len, sc->m[i + 1].span_e);
}

/* Whether a list goes on after match i ("Jableh, Latakia and Tartus"):
 * then the name at i may be a town of the list as well as a division, and
 * only the name before it is helped. */
static bool list_goes_on(const char *text, const ds__pscan *sc, size_t i)
{
    return i + 1 < sc->n && sc->m[i + 1].sentence == sc->m[i].sentence &&
           ds__places_list_gap(text, sc->m[i].span_e, sc->m[i + 1].span_s);
}

/* Whether match i follows another in a list ("Aleppo, Idlib, Hama"). */
static bool list_before(const char *text, const ds__pscan *sc, size_t i)
{
    return i > 0 && list_goes_on(text, sc, i - 1);
}

/* Marks which candidates of matches i and i + 1 are held and which hold;
 * returns whether any pair does.  Every holder counts and the places'
 * sizes decide among the held: "Houston, Texas" is the city in the state,
 * not the town in Texas County, Missouri, and "Juarez, Mexico" the city in
 * the country, not a village in the State of México.  Inside a longer
 * list, two divisions of one kind are items of it ("Georgia, Alabama and
 * Texas"); a pair alone is a place and what holds it ("Fukushima,
 * Hokkaido"), unless both are countries as written ("the border of
 * Russia, Ukraine."). */
static bool mark_holding(const ds_gazetteer *gz, const char *text, const ds__pscan *sc, size_t i,
                         bool *held, bool *holder)
{
    const ds__pcands *a = sc->m[i].c, *b = sc->m[i + 1].c;
    bool in_list = list_before(text, sc, i) || list_goes_on(text, sc, i + 1), any = false;
    for (size_t j = 0; j < b->nc; j++) {
        bool country = gz->places[b->cands[j]].kind == DS_PLACE_COUNTRY;
        if ((in_list || country) && ds__places_lists_with(gz, &sc->m[i], b->cands[j]))
            continue;
        for (size_t k = 0; k < a->nc; k++)
            if (ds__places_holds(gz, b->cands[j], a->cands[k]))
                held[k] = holder[j] = any = true;
    }
    return any;
}

static bool held_by_any(const ds_gazetteer *gz, const ds__pcands *b, uint32_t place)
{
    for (size_t j = 0; j < b->nc; j++)
        if (ds__places_holds(gz, b->cands[j], place))
            return true;
    return false;
}

/* What holds the place a pair means: the candidates of the next name, or
 * one admin1 area an abbreviation names. */
typedef struct holder_set {
    const ds__pcands *names; /* NULL for an abbreviation */
    uint32_t admin1;
} holder_set;

static bool held_by(const ds_gazetteer *gz, const holder_set *h, uint32_t place)
{
    return h->names ? held_by_any(gz, h->names, place) : gz->places[place].admin1 == h->admin1;
}

/* A name with more namesakes than a match keeps (DS__MAX_CANDS) may have
 * left out the one the pair means ("San Carlos, Coahuila": 49 entries;
 * "Berlin, Conn."; "Columbia, Alabama" beside the bigger Columbiana): its
 * postings are read again, and a place that the holder holds takes the
 * place of the lowest candidate it does not hold. */
static void admit_held(const ds_places *r, ds__pmatch *a, const holder_set *h)
{
    ds__pcands *c = a->c;
    const ds_gazetteer *gz = r->gz;
    size_t n = a->slot->info & DS__SLOT_COUNT;
    for (size_t j = 0; j < n && c->nc == DS__MAX_CANDS; j++) {
        const ds__gz_posting *p = &gz->postings[a->slot->first + j];
        if ((p->flags & DS__PF_DEMONYM) || ds__places_has_candidate(c, p->place) ||
            !held_by(gz, h, p->place))
            continue;
        size_t low = DS__MAX_CANDS;
        for (size_t k = 0; k < c->nc; k++)
            if (!held_by(gz, h, c->cands[k]) &&
                (low == DS__MAX_CANDS || c->score[k] < c->score[low]))
                low = k;
        if (low == DS__MAX_CANDS)
            return;
        c->cands[low] = p->place;
        c->score[low] = ds__places_posting_score(r, a, p);
        c->cexact[low] = p->exact == a->exact;
        c->focus.known = false;
    }
}

/* Drops the country readings of a pair's name that take no part in the
 * holding ("Mexico, Missouri", "Duluth, Georgia"): a place named with what
 * holds it is no country, and what holds a town is no other country.  They
 * would also vote for the document's country focus. */
static void drop_countries(const ds_gazetteer *gz, ds__pcands *c, const bool *part)
{
    size_t n = 0;
    for (size_t k = 0; k < c->nc; k++) {
        if (!part[k] && gz->places[c->cands[k]].kind == DS_PLACE_COUNTRY)
            continue;
        c->cands[n] = c->cands[k];
        c->score[n] = c->score[k];
        c->cexact[n] = c->cexact[k];
        n++;
    }
    if (n < c->nc)
        c->focus.known = false;
    c->nc = n;
}

/* A match that is no place: no candidates, and not taken for an unlisted
 * one either. */
static void unmatch(ds__pmatch *m)
{
    m->c->nc = 0;
    m->unknown = m->unknown_ok = false;
}

static bool abbreviation_char(char c)
{
    return c == '.' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether text[s, e) has the shape of a division's abbreviation: with a
 * full stop ("Ill.", "B.C.") or in capitals ("TX"), and standing alone.
 * The look-up ignores case and dots, so without this "Al-Bab", "La Paz"
 * and "Del Rio" after a comma would read as Alabama, Louisiana and
 * Delaware.  A code in capitals before a capitalised word is a headline's
 * word ("PARIS, IN THE ..."). */
static bool abbreviation_shape(const char *text, size_t len, size_t s, size_t e)
{
    if (e < len && (text[e] == '-' || text[e] == '\'' || (unsigned char)text[e] >= 0x80))
        return false;
    if (text[e - 1] == '.')
        return true;
    for (size_t i = s; i < e; i++)
        if (text[i] < 'A' || text[i] > 'Z')
            return false;
    bool capital_next = e + 1 < len && text[e] == ' ' && text[e + 1] >= 'A' && text[e + 1] <= 'Z';
    return e - s >= 2 && !capital_next;
}

static bool all_capitals(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return n > 0;
}

/* The admin1 entry of an abbreviation after a comma ("Springfield, Ill.",
 * "Paris, TX"), and the abbreviation's bytes [*start, *end).  A full stop
 * that ends the sentence after a code ("Paris, TX.") is tried off. */
static uint32_t abbreviated_division(const ds_places *r, const char *text, size_t len,
                                     size_t at, size_t *start, size_t *end)
{
    enum { ABBREV_MAX = 8 };
    if (at >= len || text[at] != ',')
        return DS_PLACE_NONE;
    size_t s = at + 1;
    while (s < len && s - at <= 2 && text[s] == ' ')
        s++;
    if (s == at + 1 || s >= len || text[s] < 'A' || text[s] > 'Z')
        return DS_PLACE_NONE;
    size_t e = s;
    while (e < len && e - s <= ABBREV_MAX && abbreviation_char(text[e]))
        e++;
    if (e - s > ABBREV_MAX || !abbreviation_shape(text, len, s, e))
        return DS_PLACE_NONE;
    const char *code = ds_lexicon_get(r->abbrevs, text + s, e - s);
    if (!code && text[e - 1] == '.')
        code = ds_lexicon_get(r->abbrevs, text + s, e - s - 1);
    *start = s;
    *end = e;
    /* A full stop after a code in capitals ends the sentence ("TX."); one
     * after a shortened word is the abbreviation's ("Tenn."). */
    if (text[e - 1] == '.' && all_capitals(text + s, e - s - 1))
        *end = e - 1;
    return code ? ds__places_admin1(r, code, strlen(code)) : DS_PLACE_NONE;
}

/* "Springfield, Ill.": the candidates of match i in the abbreviated
 * division gain and its country readings go ("Mexico, Mo."), and the
 * abbreviation names that division ("Tenn." is no spelling of Tain),
 * even when the town before it is unlisted ("Hazard, Ky.").  Returns
 * whether the division holds one of its candidates. */
static bool abbreviated_holder(const ds_places *r, const char *text, size_t len,
                               ds__pscan *sc, size_t i)
{
    ds__pmatch *m = &sc->m[i];
    size_t start = 0, end = 0;
    uint32_t a1 = m->slot && m->c && !m->area_value
                      ? abbreviated_division(r, text, len, m->span_e, &start, &end)
                      : DS_PLACE_NONE;
    if (a1 == DS_PLACE_NONE)
        return false;
    for (size_t j = i + 1; j < sc->n && sc->m[j].span_s < end; j++)
        if (sc->m[j].span_s >= start && sc->m[j].span_e <= end)
            unmatch(&sc->m[j]);
    if (sc->n_abbrevs < DS__ABBREVS_PER_TEXT)
        sc->abbrevs[sc->n_abbrevs++] = (ds__pabbrev){start, end, a1};
    holder_set h = {NULL, a1};
    admit_held(r, m, &h);
    bool held[DS__MAX_CANDS] = {0}, any = false;
    for (size_t k = 0; k < m->c->nc; k++)
        if ((held[k] = r->gz->places[m->c->cands[k]].admin1 == a1)) {
            m->c->score[k] += CONTAINED_BONUS;
            any = true;
        }
    if (any)
        memcpy(m->held_cc, r->gz->places[a1].cc, 2);
    drop_countries(r->gz, m->c, held);
    /* None of its places lies there ("Mt. Juliet, Tenn." is no Joliet,
     * Illinois): an unlisted place, located by the division it names. */
    if (!any) {
        m->unknown = true;
        m->stated_parent = true;
        m->parent = a1;
    }
    return any;
}

/* The division word that stands in match d's own span ("Yatenga
 * province") or ends its name ("Kaduna State" is GeoNames' name), not one
 * spread to it from a list: DS__CUE_ADMIN1, DS__CUE_ADMIN2 or none. */
static ds__cue own_division_word(const ds_places *r, const char *text, const ds__pmatch *d)
{
    if (d->admin_cue && (d->span_s < d->name_s || d->span_e > d->name_e))
        return d->admin_cue;
    size_t s = d->name_e;
    while (s > d->name_s && text[s - 1] != ' ')
        s--;
    if (s == d->name_s)
        return DS__CUE_NONE;
    ds__cue c = ds__places_cue(r, text, s, d->name_e);
    return c == DS__CUE_ADMIN1 || c == DS__CUE_ADMIN2 ? c : DS__CUE_NONE;
}

/* "Kuriga, Kaduna state", "Majiya, Jigawa state": a name before a
 * division its own word names, when none of the name's places lies within
 * 100 km of the division's seat (a place in it, or just across a border
 * drawn elsewhere), is an unlisted place of that division, not a namesake
 * abroad (Khouribga, Majie).  The division word makes it a pair even when
 * a clause goes on ("Kuriga, Kaduna state on Friday").  Returns whether it
 * is. */
static bool stated_division(const ds_places *r, const char *text, ds__pscan *sc, size_t i)
{
    ds__pmatch *m = &sc->m[i], *d = &sc->m[i + 1];
    ds__cue word = own_division_word(r, text, d);
    if (!word || !ds__places_resolvable(m) || list_goes_on(text, sc, i + 1))
        return false;
    const ds_gazetteer *gz = r->gz;
    uint8_t kind = word == DS__CUE_ADMIN1 ? DS_PLACE_ADMIN1 : DS_PLACE_ADMIN2;
    uint32_t div = DS_PLACE_NONE;
    double best = 0;
    for (size_t j = 0; j < d->c->nc; j++) {
        const ds__gz_place *dp = &gz->places[d->c->cands[j]];
        if (dp->kind != kind || isnan(dp->lat))
            continue;
        /* Every division so named counts: "In Houston, Harris County
         * officials said" has a Harris County that holds Houston. */
        for (size_t k = 0; k < m->c->nc; k++) {
            const ds__gz_place *p = &gz->places[m->c->cands[k]];
            if (!isnan(p->lat) && ds_distance_km(p->lat, p->lon, dp->lat, dp->lon) < 100)
                return false;
        }
        if (div == DS_PLACE_NONE || d->c->score[j] > best) {
            div = d->c->cands[j];
            best = d->c->score[j];
        }
    }
    if (div == DS_PLACE_NONE)
        return false;
    m->unknown = true;
    m->stated_parent = true;
    m->parent = div;
    return true;
}

/* Whether a match is itself an abbreviation after a comma ("Enterprise,
 * Ala." when "Enterprise" is not found): it is no place ("Ala", Italy). */
static bool abbreviation_itself(const ds_places *r, const char *text, size_t len,
                                const ds__pmatch *m)
{
    size_t start = 0, end = 0;
    return m->span_s >= 2 && memcmp(text + m->span_s - 2, ", ", 2) == 0 &&
           abbreviated_division(r, text, len, m->span_s - 2, &start, &end) != DS_PLACE_NONE &&
           start == m->span_s;
}

/* Whether a comma or an opening bracket follows match m after spaces: a
 * pair (apposition_gap) and an abbreviation (abbreviated_division) both
 * need one, and most names have none. */
static bool comma_after(const char *text, size_t len, const ds__pmatch *m)
{
    size_t i = m->span_e;
    while (i < len && text[i] == ' ')
        i++;
    return i < len && (text[i] == ',' || text[i] == '(');
}

/* Whether matches i and i + 1 read "X in Y" or "X police in Y" (at most
 * one lower-case word, not "and" or "or", then "in", between them:
 * "Bangor police in Maine", "Aleppo in Syria"), or "X district of Y". */
static bool in_pair(const char *text, const ds__pscan *sc, size_t i)
{
    const ds__pmatch *a = &sc->m[i], *b = i + 1 < sc->n ? &sc->m[i + 1] : NULL;
    if (!b || b->span_s < a->span_e + 4 || b->span_s > a->span_e + 18)
        return false;
    const char *g = text + a->span_e, *end = text + b->span_s;
    /* "Bijapur district of Chhattisgarh": a division word in the first
     * name's span, then "of". */
    if (end == g + 4 && a->span_e > a->name_e && memcmp(g, " of ", 4) == 0)
        return a->sentence == b->sentence && ds__places_resolvable(a) &&
               ds__places_resolvable(b);
    if (end[-1] != ' ' || end[-2] != 'n' || end[-3] != 'i' || end[-4] != ' ' ||
        a->sentence != b->sentence || !ds__places_resolvable(a) || !ds__places_resolvable(b))
        return false;
    /* The one word before "in", if any: " in " alone, or " W in ". */
    if (g < end - 4)
        g++;
    size_t n = (size_t)(end - 4 - g);
    for (size_t k = 0; k < n; k++)
        if (g[k] < 'a' || g[k] > 'z')
            return false;
    return !(n == 3 && memcmp(g, "and", 3) == 0) && !(n == 2 && memcmp(g, "or", 2) == 0);
}

/* Whether a holder that is a country or a first-order division, spelt
 * exactly, holds place p.  Only such a holder speaks for its country
 * (held_cc): a division is often named after its seat, and "المنصورة, Al
 * Mansoura" is one town in two scripts, not a town of Aden's Al Mansura
 * district ("السوسة, Sussah" is no Sousse, Tunisia). */
static bool held_by_first_order(const ds_gazetteer *gz, const ds__pcands *b, const bool *holder,
                                uint32_t p)
{
    for (size_t j = 0; j < b->nc; j++) {
        const ds__gz_place *q = &gz->places[b->cands[j]];
        if (holder[j] && b->cexact[j] &&
            (q->kind == DS_PLACE_ADMIN1 || q->kind == DS_PLACE_COUNTRY) &&
            ds__places_holds(gz, b->cands[j], p))
            return true;
    }
    return false;
}

/* Match i is held by the match after it: the candidates held gain, and
 * so do the holders unless a list goes on; with drop, the country
 * readings that hold nothing, or are held by nothing, go. */
static void apply_holding(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                          const bool *held, const bool *holder, bool drop)
{
    sc->m[i].holds_next = true;
    ds__pcands *a = sc->m[i].c, *b = sc->m[i + 1].c;
    bool help_holder = !list_goes_on(text, sc, i + 1);
    for (size_t k = 0; k < a->nc; k++) {
        a->score[k] += held[k] ? CONTAINED_BONUS : 0;
        if (held[k] && held_by_first_order(r->gz, b, holder, a->cands[k]))
            memcpy(sc->m[i].held_cc, r->gz->places[a->cands[k]].cc, 2);
    }
    bool holds_any = false;
    for (size_t j = 0; j < b->nc && help_holder; j++) {
        b->score[j] += holder[j] ? CONTAINER_BONUS : 0;
        holds_any |= holder[j] && r->gz->places[b->cands[j]].kind != DS_PLACE_COUNTRY;
    }
    /* "the Athens-Clarke County commission in Georgia": "X in Y" keeps
     * Y's country reading that holds nothing (the pair is looser than a
     * comma's), but it casts no vote for the focus. */
    if (holds_any && sc->m[i + 1].country)
        for (size_t j = 0; j < b->nc; j++)
            sc->m[i + 1].country_unheld |=
                !holder[j] && r->gz->places[b->cands[j]].kind == DS_PLACE_COUNTRY;
    if (drop) {
        drop_countries(r->gz, a, held);
        drop_countries(r->gz, b, holder);
    }
}

void ds__places_appositions(const ds_places *r, const char *text, size_t len, ds__pscan *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        if (!comma_after(text, len, &sc->m[i])) {
            if (ds__places_resolvable(&sc->m[i]) && abbreviation_itself(r, text, len, &sc->m[i]))
                unmatch(&sc->m[i]);
            bool held[DS__MAX_CANDS] = {0}, holder[DS__MAX_CANDS] = {0};
            if (in_pair(text, sc, i) && mark_holding(r->gz, text, sc, i, held, holder))
                apply_holding(r, text, sc, i, held, holder, false);
            continue;
        }
        bool held[DS__MAX_CANDS] = {0}, holder[DS__MAX_CANDS] = {0};
        bool pair = i + 1 < sc->n && paired(text, len, sc, i);
        if (pair) {
            holder_set h = {sc->m[i + 1].c, DS_PLACE_NONE};
            admit_held(r, &sc->m[i], &h);
        }
        if (!pair || !mark_holding(r->gz, text, sc, i, held, holder)) {
            if (comma_pair(text, sc, i) && stated_division(r, text, sc, i))
                continue;
            if (i + 1 < sc->n && sc->m[i + 1].if_holding)
                unmatch(&sc->m[i + 1]);
            bool by_abbreviation = abbreviated_holder(r, text, len, sc, i);
            if ((sc->m[i].if_held && !by_abbreviation) ||
                (ds__places_resolvable(&sc->m[i]) && abbreviation_itself(r, text, len, &sc->m[i])))
                unmatch(&sc->m[i]);
            continue;
        }
        apply_holding(r, text, sc, i, held, holder, true);
    }
}
