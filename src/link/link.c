/* link.c: the linker's life: documents and claims in, incidents out. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

enum { LINK_ARENA_MAX = 1u << 31, LINK_CLAIMS_MAX = 20000000, HOME_SLOTS = 8,
       RELAYS_MAX = 4096 };

ds_status ds_linker_new(ds_linker **out, const ds_link_policy *policy,
                        const ds_registry *registry, ds_error *err)
{
    *out = NULL;
    ds_linker *l = ds_calloc(1, sizeof *l);
    if (!l || !(l->arena = ds_arena_new(LINK_ARENA_MAX))) {
        ds_free(l);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    l->policy = policy;
    l->registry = registry;
    *out = l;
    return DS_OK;
}

void ds_linker_free(ds_linker *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n_incidents; i++)
        ds_free(l->incidents[i].claims);
    ds_free(l->incidents);
    ds_free(l->records);
    for (size_t i = 0; i < l->n_docs; i++)
        ds_free(l->docs[i].relays);
    ds_free(l->docs);
    ds_free(l->decisions);
    ds_free(l->interned);
    ds_free(l->warnings);
    ds_free(l->claims);
    ds_arena_free(l->arena);
    ds_free(l);
}

static lk_doc *find_doc(ds_linker *l, int64_t id)
{
    size_t lo = 0, hi = l->n_docs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->docs[mid].id == id)
            return &l->docs[mid];
        if (l->docs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

ds_status ds_linker_add_document(ds_linker *l, const ds_document *doc, ds_error *err)
{
    if (l->ran)
        return ds_error_set(err, DS_EINVAL, "the linker has run already");
    if (l->n_docs && doc->id <= l->docs[l->n_docs - 1].id)
        return ds_error_set(err, DS_EINVAL, "documents are added to the linker in id order");
    lk_doc *v = ds_grow(l->docs, &l->cap_docs, l->n_docs, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->docs = v;
    lk_doc *d = &v[l->n_docs];
    *d = (lk_doc){.id = doc->id, .pub_start = INT32_MIN, .pub_end = INT32_MIN};
    memcpy(d->sha256, doc->sha256, sizeof d->sha256);
    d->sha256[sizeof d->sha256 - 1] = '\0';
    d->publisher = ds__lk_fold(l, doc->source);
    d->author = ds__lk_fold(l, doc->author);
    d->publisher_name = doc->source ? ds_arena_strdup(l->arena, doc->source) : NULL;
    d->author_name = doc->author ? ds_arena_strdup(l->arena, doc->author) : NULL;
    if (doc->published.precision) {
        d->pub_start = ds_days_from_iso(doc->published.start);
        d->pub_end = ds_days_from_iso(doc->published.end);
    }
    l->n_docs++;
    return DS_OK;
}

ds_status ds_linker_add_relay(ds_linker *l, int64_t from, int64_t to, ds_error *err)
{
    if (l->ran) /* running puts the documents in sha256 order: no more look-ups by id */
        return ds_error_set(err, DS_EINVAL, "the linker has run already");
    lk_doc *a = find_doc(l, from), *b = find_doc(l, to);
    if (!a || !b)
        return ds_error_set(err, DS_ENOTFOUND, "relay d%lld -> d%lld: no such document",
                            (long long)from, (long long)to);
    size_t to_idx = (size_t)(b - l->docs);
    for (size_t i = 0; i < a->n_relays; i++)
        if (a->relays[i] == to_idx)
            return DS_OK;
    if (a == b || a->n_relays >= RELAYS_MAX)
        return DS_OK;
    size_t *v = ds_grow(a->relays, &a->cap_relays, a->n_relays, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    a->relays = v;
    v[a->n_relays++] = to_idx;
    return DS_OK;
}

enum { WARNINGS_MAX = 10000000 };

ds_status ds_linker_add_place_warning(ds_linker *l, int64_t doc, size_t start, size_t end,
                                      const char *warning, ds_error *err)
{
    if (!warning || !*warning || l->n_warnings >= WARNINGS_MAX)
        return DS_OK;
    lk_warning *v = ds_grow(l->warnings, &l->cap_warnings, l->n_warnings, sizeof *v);
    const char *text = v ? ds_arena_strdup(l->arena, warning) : NULL;
    if (!text)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->warnings = v;
    v[l->n_warnings++] = (lk_warning){doc, start, end, text};
    return DS_OK;
}

static int warning_order(const void *pa, const void *pb)
{
    const lk_warning *a = pa, *b = pb;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return strcmp(a->text, b->text);
}

static bool is_vague(const ds_linker *l, const char *folded)
{
    for (size_t i = 0; i < l->policy->n_vague; i++)
        if (!strcmp(folded, l->policy->vague[i]))
            return true;
    return false;
}

/* The registry's names and aliases, folded once. */
static ds_status registry_keys(ds_linker *l)
{
    if (l->keys || !l->registry)
        return DS_OK;
    size_t n = 0;
    for (size_t i = 0; i < ds_registry_count(l->registry); i++)
        n += 1 + ds_registry_at(l->registry, i)->n_aliases;
    l->keys = ds_arena_alloc(l->arena, (n + 1) * sizeof *l->keys);
    if (!l->keys)
        return DS_ENOMEM;
    for (size_t i = 0; i < ds_registry_count(l->registry); i++) {
        const ds_source *s = ds_registry_at(l->registry, i);
        for (size_t j = 0; j <= s->n_aliases; j++) {
            const char *key = ds__lk_fold(l, j ? s->aliases[j - 1] : s->name);
            if (key && strlen(key) >= 5) /* shorter ones only as the whole attribution */
                l->keys[l->n_keys++] = (lk_key){key, s, j == 0};
        }
    }
    return DS_OK;
}

/* Whether needle stands in hay as whole words. */
static bool has_words(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = strstr(hay, needle); h; h = strstr(h + 1, needle))
        if ((h == hay || h[-1] == ' ') && (h[n] == '\0' || h[n] == ' '))
            return true;
    return false;
}

/* The registered source an attribution names: one whose name or alias it
 * contains (the longest), else one whose name it begins and is cut short
 * in ("the UK-based Syrian Observatory for"). */
static const ds_source *registered(const ds_linker *l, const char *folded)
{
    const lk_key *best = NULL;
    for (size_t i = 0; i < l->n_keys; i++)
        if (has_words(folded, l->keys[i].key) &&
            (!best || strlen(l->keys[i].key) > strlen(best->key)))
            best = &l->keys[i];
    if (best)
        return best->source;
    for (const char *p = folded; *p; p++) {
        if ((p != folded && p[-1] != ' ') || strlen(p) < 12)
            continue;
        for (size_t i = 0; i < l->n_keys; i++)
            if (l->keys[i].is_name && strstr(l->keys[i].key, p) == l->keys[i].key)
                return l->keys[i].source;
    }
    return NULL;
}

/* The source a claim relays: a registered source named by its
 * attribution, or the attribution itself unless it names no one. */
static ds_status resolve_origin(ds_linker *l, lk_claim *c)
{
    const char *folded = ds__lk_fold(l, c->origin_name);
    if (!folded || is_vague(l, folded)) {
        c->origin_name = NULL;
        return DS_OK;
    }
    if (registry_keys(l))
        return DS_ENOMEM;
    const ds_source *s = l->registry ? ds_registry_find(l->registry, c->origin_name) : NULL;
    if (!s)
        s = registered(l, folded);
    if (s) {
        c->origin_name = ds_arena_strdup(l->arena, s->name);
        c->origin = ds__lk_fold(l, s->name);
    } else {
        c->origin = folded;
    }
    return c->origin && c->origin_name ? DS_OK : DS_ENOMEM;
}

ds_status ds_linker_add_claim(ds_linker *l, int64_t claim_id, int64_t doc_id, const char *json,
                              ds_error *err)
{
    if (l->ran)
        return ds_error_set(err, DS_EINVAL, "the linker has run already");
    lk_doc *d = find_doc(l, doc_id);
    if (!d)
        return ds_error_set(err, DS_ENOTFOUND, "claim c%lld: document d%lld was not given",
                            (long long)claim_id, (long long)doc_id);
    if (l->n_claims >= LINK_CLAIMS_MAX)
        return ds_error_set(err, DS_ETOOBIG, "more than %d claims to link", LINK_CLAIMS_MAX);
    lk_claim *v = ds_grow(l->claims, &l->cap_claims, l->n_claims, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->claims = v;
    lk_claim *c = &v[l->n_claims];
    *c = (lk_claim){.id = claim_id, .doc = (size_t)(d - l->docs)};
    ds_status rc = ds__lk_read_claim(l, c, json, err);
    if (rc)
        return rc;
    if (c->generic) {
        l->left_out++;
        return DS_OK;
    }
    const char *type = ds__lk_fold(l, c->type);
    for (size_t i = 0; type && i < l->policy->n_violent && !c->violent; i++)
        c->violent = !strcmp(type, l->policy->violent_types[i]);
    if (c->origin_name && resolve_origin(l, c))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->n_claims++;
    return DS_OK;
}

/* The country most of a document's places lie in: a country or a region
 * of another country named in a sentence of it ("the UK-based monitor",
 * "Sahel Medical Relief") is not taken for the place of the event. */
static ds_status home_countries(ds_linker *l)
{
    typedef struct {
        const char *country[HOME_SLOTS];
        size_t count[HOME_SLOTS];
    } tally;
    tally *t = ds_calloc(l->n_docs + 1, sizeof *t);
    if (!t)
        return DS_ENOMEM;
    for (size_t i = 0; i < l->n_claims; i++) {
        const lk_claim *c = &l->claims[i];
        if (!c->country || c->level == LK_COUNTRY || c->level == LK_NOWHERE)
            continue;
        tally *d = &t[c->doc];
        for (size_t k = 0; k < HOME_SLOTS; k++)
            if (!d->country[k] || !strcmp(d->country[k], c->country)) {
                d->country[k] = c->country;
                d->count[k]++;
                break;
            }
    }
    for (size_t i = 0; i < l->n_docs; i++) {
        size_t best = 0;
        for (size_t k = 1; k < HOME_SLOTS && t[i].country[k]; k++)
            best = t[i].count[k] > t[i].count[best] ? k : best;
        l->docs[i].home_country = t[i].country[best];
    }
    ds_free(t);
    return DS_OK;
}

/* Dates for undated claims, foreign countries dropped, and the tier of
 * each claim; claims that cannot be placed in time are left out. */
static void prepare(ds_linker *l)
{
    const ds_link_policy *p = l->policy;
    size_t kept = 0;
    for (size_t i = 0; i < l->n_claims; i++) {
        lk_claim c = l->claims[i];
        const lk_doc *d = &l->docs[c.doc];
        if ((c.level == LK_COUNTRY || c.level == LK_ADMIN1) && d->home_country && c.country &&
            strcmp(c.country, d->home_country)) {
            c.level = LK_NOWHERE;
            c.country = c.admin1 = c.place = c.location_json = NULL;
            c.has_coords = false;
        }
        if (c.rejected) {
            l->rejected++;
            continue;
        }
        if (!c.dated && d->pub_start == INT32_MIN) {
            l->left_out++;
            continue;
        }
        if (!c.dated) {
            c.d0 = d->pub_start - p->undated_lookback_days;
            c.d1 = d->pub_end;
        }
        c.coarse = c.level == LK_NOWHERE || c.level == LK_ADMIN1 || c.level == LK_COUNTRY;
        c.broad = c.coarse && c.dated && c.d1 - c.d0 + 1 >= p->episode_min_days;
        l->claims[kept++] = c;
    }
    l->n_claims = kept;
}

static int size_order(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

static int incident_order(const void *pa, const void *pb)
{
    const lk_incident *a = pa, *b = pb;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->d0 != b->d0)
        return a->d0 < b->d0 ? -1 : 1;
    return a->claims[0] < b->claims[0] ? -1 : a->claims[0] > b->claims[0];
}

/* For each claim of the incident dated to a single day, how many of its
 * documents give that day (each document once); NULL without memory. */
static size_t *day_votes(const ds_linker *l, const lk_incident *in)
{
    size_t *votes = ds_calloc(in->n + 1, sizeof *votes);
    bool *first = ds_calloc(in->n + 1, sizeof *first);
    for (size_t i = 0; votes && first && i < in->n; i++) {
        const lk_claim *c = &l->claims[in->claims[i]];
        first[i] = c->day_precise;
        for (size_t j = 0; first[i] && j < i; j++) {
            const lk_claim *o = &l->claims[in->claims[j]];
            first[i] = !(o->doc == c->doc && o->day_precise && o->d0 == c->d0);
        }
    }
    for (size_t i = 0; votes && first && i < in->n; i++) {
        const lk_claim *c = &l->claims[in->claims[i]];
        for (size_t j = 0; c->day_precise && j < in->n; j++)
            votes[i] += first[j] && l->claims[in->claims[j]].d0 == c->d0;
    }
    ds_free(first);
    return votes;
}

/* The dates an incident covers: for an episode, the span of all its broad
 * claims; otherwise the single day most of its documents give (the
 * earliest on a tie), or without one its narrowest dated claim's. */
static ds_status incident_dates(const ds_linker *l, lk_incident *in)
{
    size_t *votes = in->broad ? NULL : day_votes(l, in);
    if (!in->broad && !votes)
        return DS_ENOMEM;
    in->dated = false;
    size_t best_votes = 0;
    for (size_t i = 0; i < in->n; i++) {
        const lk_claim *c = &l->claims[in->claims[i]];
        if (!c->dated || (in->broad && !c->broad))
            continue;
        if (!in->broad && c->day_precise) {
            if (votes[i] > best_votes || (votes[i] == best_votes && c->d0 < in->d0)) {
                best_votes = votes[i];
                in->d0 = in->d1 = c->d0;
            }
        } else if (!in->dated) {
            in->d0 = c->d0;
            in->d1 = c->d1;
        } else if (in->broad) {
            in->d0 = c->d0 < in->d0 ? c->d0 : in->d0;
            in->d1 = c->d1 > in->d1 ? c->d1 : in->d1;
        } else if (!best_votes && c->d1 - c->d0 < in->d1 - in->d0) {
            in->d0 = c->d0;
            in->d1 = c->d1;
        }
        in->dated = true;
    }
    ds_free(votes);
    return DS_OK;
}

/* Groups the clusters into incidents; a cluster made only of claims
 * without date and place is dropped. */
static ds_status gather(ds_linker *l)
{
    size_t *slot = ds_malloc((l->n_claims + 1) * sizeof *slot);
    if (!slot)
        return DS_ENOMEM;
    for (size_t i = 0; i < l->n_claims; i++) {
        size_t r = l->claims[i].cluster;
        while (l->claims[r].cluster != r)
            r = l->claims[r].cluster;
        if (r == i) {
            lk_incident *v = ds_grow(l->incidents, &l->cap_incidents, l->n_incidents, sizeof *v);
            if (!v) {
                ds_free(slot);
                return DS_ENOMEM;
            }
            l->incidents = v;
            v[l->n_incidents] = (lk_incident){0};
            slot[i] = l->n_incidents++;
        }
    }
    for (size_t i = 0; i < l->n_claims; i++) {
        size_t r = l->claims[i].cluster;
        while (l->claims[r].cluster != r)
            r = l->claims[r].cluster;
        lk_incident *in = &l->incidents[slot[r]];
        size_t *v = ds_grow(in->claims, &in->cap, in->n, sizeof *v);
        if (!v) {
            ds_free(slot);
            return DS_ENOMEM;
        }
        in->claims = v;
        v[in->n++] = i;
        in->broad |= l->claims[i].broad;
        const char *a = l->claims[i].admin1; /* interned: one pointer per name */
        in->mixed |= a && in->admin1 && a != in->admin1;
        in->admin1 = in->admin1 ? in->admin1 : a;
    }
    ds_free(slot);
    size_t kept = 0;
    ds_status rc = DS_OK;
    for (size_t i = 0; i < l->n_incidents; i++) {
        lk_incident *in = &l->incidents[i];
        bool placed = false;
        for (size_t k = 0; k < in->n && !placed; k++)
            placed = l->claims[in->claims[k]].dated ||
                     l->claims[in->claims[k]].level != LK_NOWHERE;
        if (!placed) {
            l->left_out += in->n;
            ds_free(in->claims);
            continue;
        }
        if (rc == DS_OK)
            rc = incident_dates(l, in);
        l->incidents[kept++] = *in;
    }
    l->n_incidents = kept;
    return rc;
}

/* Whether incident x lies inside the broad claims of e: within their dates
 * (an episode's dates are ranges already, so no slack), in no other
 * country or admin1 than they name, and of a type that may be one event
 * with them.  An episode must name a
 * place: "four days of killings" alone contains nothing. */
static bool inside(const ds_linker *l, const lk_incident *e, const lk_incident *x)
{
    if (!x->dated || x->d0 < e->d0 || x->d1 > e->d1)
        return false;
    bool placed = false;
    for (size_t i = 0; i < e->n; i++) {
        const lk_claim *a = &l->claims[e->claims[i]];
        if (!a->broad)
            continue;
        placed |= a->level != LK_NOWHERE;
        for (size_t j = 0; j < x->n; j++) {
            const lk_claim *b = &l->claims[x->claims[j]];
            if ((a->country && b->country && strcmp(a->country, b->country)) ||
                (a->admin1 && b->admin1 && strcmp(a->admin1, b->admin1)) ||
                !ds__lk_types_meet(l->policy, a, b))
                return false;
        }
    }
    return placed;
}

static int broad_order(const void *pa, const void *pb, void *ud)
{
    const lk_incident *v = ud;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (v[a].d0 != v[b].d0)
        return v[a].d0 < v[b].d0 ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* How surely broad cluster e contains incident x, which lies inside it
 * (inside() checks only that nothing contradicts): 2 when e names x's own
 * division (all their claims that name one name the same), 1 when e's
 * places are whole countries, which contain every place in them, 0 for a
 * region named without its divisions ("the coast"), which may not. */
static int holds(const ds_linker *l, const lk_incident *e, const lk_incident *x)
{
    if (e->admin1 && !e->mixed && !x->mixed && e->admin1 == x->admin1)
        return 2;
    for (size_t i = 0; i < e->n; i++) {
        const lk_claim *c = &l->claims[e->claims[i]];
        if (c->broad && c->level != LK_NOWHERE && c->level != LK_COUNTRY)
            return 0;
    }
    return 1;
}

/* Whether broad cluster a is a closer parent for x than b: fewer days, or
 * as many and holding x more surely ("Latakia" before "Syria" for a town
 * of Latakia, "Syria" before "the coast" for Damascus). */
static bool narrower(const ds_linker *l, const lk_incident *a, const lk_incident *b,
                     const lk_incident *x)
{
    if (a->d1 - a->d0 != b->d1 - b->d0)
        return a->d1 - a->d0 < b->d1 - b->d0;
    return holds(l, a, x) > holds(l, b, x);
}

/* Each incident takes as parent the narrowest cluster of broad claims it
 * lies inside; a cluster with children is an episode.  The broad clusters
 * are sorted by their first day, so each incident looks only at those
 * that begin at most the longest broad span before it. */
static ds_status parents(ds_linker *l)
{
    size_t nb = 0;
    int32_t span = 0;
    size_t *broad = ds_malloc((l->n_incidents + 1) * sizeof *broad);
    if (!broad)
        return DS_ENOMEM;
    for (size_t i = 0; i < l->n_incidents; i++)
        if (l->incidents[i].broad && l->incidents[i].dated) {
            broad[nb++] = i;
            int32_t d = l->incidents[i].d1 - l->incidents[i].d0;
            span = d > span ? d : span;
        }
    if (nb)
        qsort_r(broad, nb, sizeof *broad, broad_order, l->incidents);
    for (size_t i = 0; i < l->n_incidents; i++) {
        lk_incident *x = &l->incidents[i];
        if (x->broad || !x->dated)
            continue;
        size_t lo = 0, hi = nb; /* the first broad cluster starting at x->d0 - span or later */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (l->incidents[broad[mid]].d0 < x->d0 - span)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < nb && l->incidents[broad[k]].d0 <= x->d0; k++) {
            size_t e = broad[k];
            const lk_incident *ep = &l->incidents[e];
            if (!inside(l, ep, x))
                continue;
            const lk_incident *cur = x->parent ? &l->incidents[x->parent - 1] : NULL;
            if (!cur || narrower(l, ep, cur, x) ||
                (!narrower(l, cur, ep, x) && e + 1 < x->parent))
                x->parent = e + 1;
        }
    }
    ds_free(broad);
    for (size_t i = 0; i < l->n_incidents; i++)
        if (l->incidents[i].parent)
            l->incidents[l->incidents[i].parent - 1].episode = true;
    return DS_OK;
}

/* Puts every parent right before its first child, keeping date order
 * otherwise, and renumbers the parent links. */
static ds_status parents_first(ds_linker *l)
{
    size_t n = l->n_incidents;
    if (!n)
        return DS_OK;
    size_t *order = ds_malloc((n + 1) * sizeof *order), *pos = ds_malloc((n + 1) * sizeof *pos);
    lk_incident *v = ds_malloc((n + 1) * sizeof *v);
    if (!order || !pos || !v) {
        ds_free(order);
        ds_free(pos);
        ds_free(v);
        return DS_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        pos[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t p = l->incidents[i].parent;
        if (p && pos[p - 1] == SIZE_MAX) {
            pos[p - 1] = k;
            order[k++] = p - 1;
        }
        if (pos[i] == SIZE_MAX) {
            pos[i] = k;
            order[k++] = i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = l->incidents[order[i]];
        v[i].parent = v[i].parent ? pos[v[i].parent - 1] + 1 : 0;
    }
    memcpy(l->incidents, v, n * sizeof *v);
    ds_free(order);
    ds_free(pos);
    ds_free(v);
    return DS_OK;
}

ds_status ds_linker_run(ds_linker *l, ds_link_progress_fn progress, void *ud, ds_error *err)
{
    if (l->ran)
        return ds_error_set(err, DS_EINVAL, "the linker has run already");
    l->ran = true;
    if (ds__lk_canonical_order(l) || home_countries(l) || ds__lk_review_flags(l))
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    prepare(l);
    ds_status rc = ds__lk_cluster(l, progress, ud, err);
    if (rc)
        return rc;
    if (ds__lk_review_replay(l) || gather(l))
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    for (size_t i = 0; i < l->n_incidents; i++)
        qsort(l->incidents[i].claims, l->incidents[i].n, sizeof(size_t), size_order);
    if (l->n_incidents)
        qsort(l->incidents, l->n_incidents, sizeof *l->incidents, incident_order);
    if (parents(l) || parents_first(l) || ds__lk_review_targets(l))
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    if (l->n_warnings)
        qsort(l->warnings, l->n_warnings, sizeof *l->warnings, warning_order);
    if (progress)
        progress(ud, "assessing", l->n_claims, l->n_claims);
    return ds__lk_records(l, err);
}

size_t ds_linker_count(const ds_linker *l) { return l->n_incidents; }

const ds_incident_record *ds_linker_record(const ds_linker *l, size_t i)
{
    return i < l->n_incidents && l->records ? &l->records[i] : NULL;
}

void ds_linker_totals(const ds_linker *l, size_t *linked, size_t *left_out, size_t *rejected)
{
    if (rejected)
        *rejected = l->rejected;
    size_t n = 0;
    for (size_t i = 0; i < l->n_incidents; i++)
        n += l->incidents[i].n;
    *linked = n;
    *left_out = l->left_out;
}
