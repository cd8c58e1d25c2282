/* link_cluster.c: claims into incidents, and episodes over them.
 *
 * Three passes.  Claims that tell a region over several days (broad
 * claims) are clustered first: they become episodes.  A claim that is
 * coarse but short ("973 killed across the region on March 10") then
 * joins the episode it fits best, if any, since it names no place finer
 * than the episode's own.  Every other claim is clustered into incidents,
 * and each incident inside an episode's dates and area takes it as its
 * parent instead of being swallowed by it.
 *
 * Clustering is greedy over candidate pairs, best score first; two
 * clusters merge only when every pair of their claims may be one event
 * (complete linkage on the hard rules: dates, distance, types, and one
 * document's different days), so a chain of near neighbours cannot join
 * two towns 40 km apart. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

/* Each claim looks at this many later claims (in date order) at most:
 * bounds the work on huge sets of claims all dated to one month. */
enum { WINDOW_MAX = 4096, PAIRS_MAX = 1 << 26 };

typedef struct {
    double score;
    size_t a, b;
    size_t support; /* candidate pairs the two claims are in, together */
} pair;

/* Pairs of clusters found unable to merge.  Clusters only grow, and a
 * cluster that cannot merge with another still cannot once either has
 * grown, so a failure found for two roots holds as long as they are
 * roots; remembering it spares checking every claim pair again for each
 * candidate pair between the same two clusters.  It is only a cache: when
 * full it is emptied. */
enum { FAILED_SLOTS = 1 << 16 };

typedef struct {
    ds_linker *l;
    size_t *next; /* circular lists of each cluster's members */
    pair *pairs;
    size_t n_pairs, cap_pairs;
    uint64_t *failed; /* FAILED_SLOTS keys (a + 1) << 32 | (b + 1), 0 empty */
    size_t n_failed;
} clusterer;

static uint64_t failed_key(size_t a, size_t b)
{
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    return ((uint64_t)lo + 1) << 32 | ((uint64_t)hi + 1);
}

static bool failed_before(const clusterer *k, uint64_t key)
{
    for (size_t i = (key * 0x9E3779B97F4A7C15u) >> 48;; i = (i + 1) & (FAILED_SLOTS - 1)) {
        if (k->failed[i] == key)
            return true;
        if (!k->failed[i])
            return false;
    }
}

static void remember_failure(clusterer *k, uint64_t key)
{
    if (k->n_failed >= FAILED_SLOTS / 2) {
        memset(k->failed, 0, FAILED_SLOTS * sizeof *k->failed);
        k->n_failed = 0;
    }
    size_t i = (key * 0x9E3779B97F4A7C15u) >> 48;
    while (k->failed[i])
        i = (i + 1) & (FAILED_SLOTS - 1);
    k->failed[i] = key;
    k->n_failed++;
}

static size_t find(lk_claim *v, size_t i)
{
    while (v[i].cluster != i) {
        v[i].cluster = v[v[i].cluster].cluster;
        i = v[i].cluster;
    }
    return i;
}

/* Whether every claim of cluster ra may be one event with every claim of rb. */
static bool compatible(clusterer *k, size_t ra, size_t rb)
{
    size_t x = ra;
    do {
        size_t y = rb;
        do {
            if (!ds__lk_may_join(k->l, &k->l->claims[x], &k->l->claims[y]))
                return false;
            y = k->next[y];
        } while (y != rb);
        x = k->next[x];
    } while (x != ra);
    return true;
}

static void merge(clusterer *k, size_t ra, size_t rb)
{
    lk_claim *v = k->l->claims;
    size_t t = k->next[ra];
    k->next[ra] = k->next[rb];
    k->next[rb] = t;
    v[rb].cluster = ra;
}

static int by_start(const void *pa, const void *pb, void *ud)
{
    const lk_claim *v = ud;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (v[a].d0 != v[b].d0)
        return v[a].d0 < v[b].d0 ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int by_score(const void *pa, const void *pb)
{
    const pair *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    /* Of two pairs that score alike, the one of the better attested
     * claims first (those with more candidates: an event several reports
     * tell), so that the incident most reports make up is built before a
     * claim that fits it no better than a lone one, a misread place say,
     * takes a neighbour they share; then the linker's order of claims. */
    if (a->support != b->support)
        return a->support > b->support ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static ds_status add_pair(clusterer *k, double score, size_t a, size_t b, ds_error *err)
{
    if (k->n_pairs >= PAIRS_MAX)
        return ds_error_set(err, DS_ETOOBIG, "linking: more than %d candidate pairs; link "
                            "a smaller set of documents", PAIRS_MAX);
    pair *v = ds_grow(k->pairs, &k->cap_pairs, k->n_pairs, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    k->pairs = v;
    v[k->n_pairs++] = (pair){score, a, b, 0};
    return DS_OK;
}

/* Candidate blocking.  Two claims placed at towns or areas with
 * coordinates never join beyond max_distance_km, so such claims are
 * filed in grid cells at least that wide and look only into the cells
 * around their own; every other claim (coarse, or without coordinates) is
 * "wide" and is compared with every claim near it in date order.  A pair
 * is scored once, from the claim that comes first in date order (pos). */
typedef struct {
    int64_t cell;
    int32_t d0;
    size_t pos; /* the claim's place in date order */
    size_t claim;
} cell_entry;

static int by_cell(const void *pa, const void *pb)
{
    const cell_entry *a = pa, *b = pb;
    if (a->cell != b->cell)
        return a->cell < b->cell ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int64_t cell_key(int64_t x, int64_t y) { return x * 1000003 + y; }

static bool gridded(const lk_claim *c)
{
    return (c->level == LK_TOWN || c->level == LK_AREA) && c->has_coords &&
           isfinite(c->lat) && isfinite(c->lon) && fabs(c->lat) <= 90 && fabs(c->lon) <= 360;
}

typedef struct {
    clusterer *k;
    const size_t *idx; /* claims in date order */
    size_t n;
    size_t *pos;       /* by claim index: its place in idx, or SIZE_MAX */
    cell_entry *cells; /* gridded claims, by cell then date */
    size_t n_cells;
    size_t *wide;      /* positions of the wide claims, in date order */
    size_t n_wide;
    double cell_deg;
} blocks;

static ds_status consider(blocks *b, size_t a, size_t c, ds_error *err)
{
    ds_linker *l = b->k->l;
    double s = ds__lk_score(l, &l->claims[a], &l->claims[c]);
    return s >= l->policy->threshold ? add_pair(b->k, s, a, c, err) : DS_OK;
}

/* Claims of one cell from date-order position `from` on, within a's window. */
static ds_status scan_cell(blocks *b, size_t a, int64_t cell, ds_error *err)
{
    const lk_claim *v = b->k->l->claims;
    int32_t last = v[a].d1 + b->k->l->policy->date_slack_days;
    size_t lo = 0, hi = b->n_cells, seen = 0;
    cell_entry key = {cell, 0, b->pos[a] + 1, 0};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_cell(&b->cells[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    ds_status rc = DS_OK;
    for (size_t j = lo; rc == DS_OK && j < b->n_cells && b->cells[j].cell == cell &&
                        b->cells[j].d0 <= last && seen++ < WINDOW_MAX; j++)
        rc = consider(b, a, b->cells[j].claim, err);
    return rc;
}

/* The wide claims after a in date order, within its window. */
static ds_status scan_wide(blocks *b, size_t a, ds_error *err)
{
    const lk_claim *v = b->k->l->claims;
    int32_t last = v[a].d1 + b->k->l->policy->date_slack_days;
    size_t lo = 0, hi = b->n_wide;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->wide[mid] <= b->pos[a])
            lo = mid + 1;
        else
            hi = mid;
    }
    ds_status rc = DS_OK;
    for (size_t j = lo; rc == DS_OK && j < b->n_wide && j - lo < WINDOW_MAX; j++) {
        size_t c = b->idx[b->wide[j]];
        if (v[c].d0 > last)
            break;
        rc = consider(b, a, c, err);
    }
    return rc;
}

/* A gridded claim: the cells around its own, then the wide claims. */
static ds_status gridded_pairs(blocks *b, size_t a, ds_error *err)
{
    const lk_claim *c = &b->k->l->claims[a];
    int64_t cx = (int64_t)floor(c->lon / b->cell_deg), cy = (int64_t)floor(c->lat / b->cell_deg);
    /* A degree of longitude shrinks with the cosine of the latitude. */
    double shrink = cos((fabs(c->lat) + b->cell_deg) * 3.14159265358979 / 180);
    int64_t rx = shrink > 0.05 ? (int64_t)ceil(1 / shrink) : 20;
    ds_status rc = DS_OK;
    for (int64_t dx = -rx; rc == DS_OK && dx <= rx; dx++)
        for (int64_t dy = -1; rc == DS_OK && dy <= 1; dy++)
            rc = scan_cell(b, a, cell_key(cx + dx, cy + dy), err);
    return rc ? rc : scan_wide(b, a, err);
}

/* A wide claim: every claim after it in date order, within its window. */
static ds_status wide_pairs(blocks *b, size_t i, ds_error *err)
{
    const lk_claim *v = b->k->l->claims;
    size_t a = b->idx[i];
    int32_t last = v[a].d1 + b->k->l->policy->date_slack_days;
    ds_status rc = DS_OK;
    for (size_t j = i + 1; rc == DS_OK && j < b->n && j - i <= WINDOW_MAX; j++) {
        if (v[b->idx[j]].d0 > last)
            break;
        rc = consider(b, a, b->idx[j], err);
    }
    return rc;
}

static ds_status make_blocks(blocks *b, ds_error *err)
{
    lk_claim *v = b->k->l->claims;
    b->pos = ds_malloc((b->k->l->n_claims + 1) * sizeof *b->pos);
    b->cells = ds_malloc((b->n + 1) * sizeof *b->cells);
    b->wide = ds_malloc((b->n + 1) * sizeof *b->wide);
    if (!b->pos || !b->cells || !b->wide)
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    b->cell_deg = b->k->l->policy->max_distance_km / 111.0;
    b->cell_deg = b->cell_deg > 0.01 ? b->cell_deg : 0.01;
    for (size_t i = 0; i < b->n; i++) {
        const lk_claim *c = &v[b->idx[i]];
        b->pos[b->idx[i]] = i;
        if (gridded(c))
            b->cells[b->n_cells++] = (cell_entry){
                cell_key((int64_t)floor(c->lon / b->cell_deg), (int64_t)floor(c->lat / b->cell_deg)),
                c->d0, i, b->idx[i]};
        else
            b->wide[b->n_wide++] = i;
    }
    if (b->n_cells)
        qsort(b->cells, b->n_cells, sizeof *b->cells, by_cell);
    return DS_OK;
}

/* Each pair's support: how many candidate pairs its two claims are in. */
static bool supports(clusterer *k)
{
    size_t *n = ds_calloc(k->l->n_claims + 1, sizeof *n);
    if (!n)
        return false;
    for (size_t i = 0; i < k->n_pairs; i++) {
        n[k->pairs[i].a]++;
        n[k->pairs[i].b]++;
    }
    for (size_t i = 0; i < k->n_pairs; i++)
        k->pairs[i].support = n[k->pairs[i].a] + n[k->pairs[i].b];
    ds_free(n);
    return true;
}

/* Clusters the claims idx[0..n) among themselves. */
static ds_status cluster_set(clusterer *k, size_t *idx, size_t n, ds_error *err)
{
    ds_linker *l = k->l;
    lk_claim *v = l->claims;
    if (n)
        qsort_r(idx, n, sizeof *idx, by_start, v);
    k->n_pairs = 0;
    blocks b = {.k = k, .idx = idx, .n = n};
    ds_status rc = make_blocks(&b, err);
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        rc = gridded(&v[idx[i]]) ? gridded_pairs(&b, idx[i], err) : wide_pairs(&b, i, err);
    ds_free(b.pos);
    ds_free(b.cells);
    ds_free(b.wide);
    if (rc)
        return rc;
    if (k->n_pairs && !supports(k))
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    if (k->n_pairs)
        qsort(k->pairs, k->n_pairs, sizeof *k->pairs, by_score);
    for (size_t i = 0; i < k->n_pairs; i++) {
        size_t ra = find(v, k->pairs[i].a), rb = find(v, k->pairs[i].b);
        if (ra == rb || failed_before(k, failed_key(ra, rb)))
            continue;
        if (compatible(k, ra, rb))
            merge(k, ra < rb ? ra : rb, ra < rb ? rb : ra);
        else
            remember_failure(k, failed_key(ra, rb));
    }
    return DS_OK;
}

/* The episodes (clusters of broad claims) by their first day, with the
 * days each covers, so that a coarse claim looks only at those whose days
 * can meet its own. */
typedef struct {
    size_t root, rank; /* rank: its place among the roots, for ties */
    int32_t d0, d1;
    const char *admin1; /* the division its claims name, NULL for none or several */
} episode;

static int by_first_day(const void *pa, const void *pb)
{
    const episode *a = pa, *b = pb;
    if (a->d0 != b->d0)
        return a->d0 < b->d0 ? -1 : 1;
    return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static episode *episodes_of(clusterer *k, const size_t *roots, size_t n, int32_t *span)
{
    episode *e = ds_malloc((n + 1) * sizeof *e);
    *span = 0;
    for (size_t r = 0; e && r < n; r++) {
        e[r] = (episode){roots[r], r, INT32_MAX, INT32_MIN, NULL};
        bool mixed = false;
        size_t x = roots[r];
        do {
            const lk_claim *c = &k->l->claims[x];
            mixed |= c->admin1 && e[r].admin1 && c->admin1 != e[r].admin1;
            e[r].admin1 = e[r].admin1 ? e[r].admin1 : c->admin1;
            e[r].d0 = c->d0 < e[r].d0 ? c->d0 : e[r].d0;
            e[r].d1 = c->d1 > e[r].d1 ? c->d1 : e[r].d1;
            x = k->next[x];
        } while (x != roots[r]);
        e[r].admin1 = mixed ? NULL : e[r].admin1;
        *span = e[r].d1 - e[r].d0 > *span ? e[r].d1 - e[r].d0 : *span;
    }
    if (e && n)
        qsort(e, n, sizeof *e, by_first_day);
    return e;
}

/* Whether episode x is a closer home than y for claim c, which agrees
 * with both alike: the one of fewer days, then the one naming c's own
 * division when the other does not ("Latakia" over "Syria" for a place
 * in Latakia), then the later of the roots. */
static bool closer(const episode *x, const episode *y, const lk_claim *c)
{
    if (x->d1 - x->d0 != y->d1 - y->d0)
        return x->d1 - x->d0 < y->d1 - y->d0;
    bool xs = c->admin1 && x->admin1 == c->admin1, ys = c->admin1 && y->admin1 == c->admin1;
    if (xs != ys)
        return xs;
    return x->rank > y->rank;
}

/* A coarse, short claim joins the episode it agrees with best. */
static void join_episodes(clusterer *k, const episode *e, size_t n, int32_t span, size_t c)
{
    ds_linker *l = k->l;
    lk_claim *v = l->claims;
    int slack = l->policy->date_slack_days;
    double best = l->policy->threshold;
    const episode *home = NULL;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].d0 < v[c].d0 - span - slack)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t r = lo; r < n && e[r].d0 <= v[c].d1 + slack; r++) {
        if (e[r].d1 + slack < v[c].d0)
            continue;
        double top = -1;
        size_t x = e[r].root;
        do {
            double s = ds__lk_score(l, &v[c], &v[x]);
            top = s > top ? s : top;
            x = k->next[x];
        } while (x != e[r].root);
        bool better = top > best || (top == best && (!home || closer(&e[r], home, &v[c])));
        if (better && compatible(k, e[r].root, c)) {
            best = top;
            home = &e[r];
        }
    }
    if (home)
        merge(k, home->root, c);
}

static ds_status split_tiers(ds_linker *l, size_t **broad, size_t *nb, size_t **rest,
                             size_t *nr, ds_error *err)
{
    *broad = ds_malloc((l->n_claims + 1) * sizeof **broad);
    *rest = ds_malloc((l->n_claims + 1) * sizeof **rest);
    if (!*broad || !*rest)
        return ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    *nb = *nr = 0;
    for (size_t i = 0; i < l->n_claims; i++) {
        if (l->claims[i].broad)
            (*broad)[(*nb)++] = i;
        else
            (*rest)[(*nr)++] = i;
    }
    return DS_OK;
}

/* The roots of the clusters that hold broad claims. */
static size_t episode_roots(clusterer *k, const size_t *broad, size_t nb, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nb; i++)
        if (find(k->l->claims, broad[i]) == broad[i])
            out[n++] = broad[i];
    return n;
}

/* Claims that joined an episode leave the set still to cluster. */
static size_t drop_joined(lk_claim *v, size_t *rest, size_t nr)
{
    size_t kept = 0;
    for (size_t i = 0; i < nr; i++)
        if (find(v, rest[i]) == rest[i])
            rest[kept++] = rest[i];
    return kept;
}

ds_status ds__lk_cluster(ds_linker *l, ds_link_progress_fn progress, void *ud, ds_error *err)
{
    clusterer k = {.l = l, .next = ds_malloc((l->n_claims + 1) * sizeof *k.next),
                   .failed = ds_calloc(FAILED_SLOTS, sizeof *k.failed)};
    size_t *broad = NULL, *rest = NULL, nb = 0, nr = 0;
    ds_status rc = k.next && k.failed ? split_tiers(l, &broad, &nb, &rest, &nr, err)
                          : ds_error_set(err, DS_ENOMEM, "linking: out of memory");
    for (size_t i = 0; rc == DS_OK && i < l->n_claims; i++) {
        l->claims[i].cluster = i;
        k.next[i] = i;
    }
    if (rc == DS_OK && progress)
        progress(ud, "episodes", 0, l->n_claims);
    if (rc == DS_OK)
        rc = cluster_set(&k, broad, nb, err);
    if (rc == DS_OK) {
        size_t n_roots = episode_roots(&k, broad, nb, broad);
        int32_t span;
        episode *eps = episodes_of(&k, broad, n_roots, &span);
        if (!eps)
            rc = ds_error_set(err, DS_ENOMEM, "linking: out of memory");
        for (size_t i = 0; eps && i < nr; i++)
            if (l->claims[rest[i]].coarse && l->claims[rest[i]].dated)
                join_episodes(&k, eps, n_roots, span, rest[i]);
        ds_free(eps);
        nr = drop_joined(l->claims, rest, nr);
        if (rc == DS_OK && progress)
            progress(ud, "incidents", nb, l->n_claims);
        if (rc == DS_OK)
            rc = cluster_set(&k, rest, nr, err);
    }
    ds_free(broad);
    ds_free(rest);
    ds_free(k.next);
    ds_free(k.pairs);
    ds_free(k.failed);
    return rc;
}
