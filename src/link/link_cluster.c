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
    v[k->n_pairs++] = (pair){score, a, b};
    return DS_OK;
}

/* Clusters the claims idx[0..n) among themselves. */
static ds_status cluster_set(clusterer *k, size_t *idx, size_t n, ds_error *err)
{
    ds_linker *l = k->l;
    lk_claim *v = l->claims;
    int slack = l->policy->date_slack_days;
    if (n)
        qsort_r(idx, n, sizeof *idx, by_start, v);
    k->n_pairs = 0;
    for (size_t i = 0; i < n; i++) {
        const lk_claim *a = &v[idx[i]];
        for (size_t j = i + 1; j < n && j - i <= WINDOW_MAX; j++) {
            const lk_claim *b = &v[idx[j]];
            if (b->d0 > a->d1 + slack)
                break;
            double s = ds__lk_score(l, a, b);
            ds_status rc = s >= l->policy->threshold ? add_pair(k, s, idx[i], idx[j], err)
                                                     : DS_OK;
            if (rc)
                return rc;
        }
    }
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

/* A coarse, short claim joins the episode it agrees with best. */
static void join_episodes(clusterer *k, const size_t *roots, size_t n_roots, size_t c)
{
    ds_linker *l = k->l;
    lk_claim *v = l->claims;
    double best = l->policy->threshold;
    size_t best_root = c;
    for (size_t r = 0; r < n_roots; r++) {
        double top = -1;
        size_t x = roots[r];
        do {
            double s = ds__lk_score(l, &v[c], &v[x]);
            top = s > top ? s : top;
            x = k->next[x];
        } while (x != roots[r]);
        if (top >= best && compatible(k, roots[r], c)) {
            best = top;
            best_root = roots[r];
        }
    }
    if (best_root != c)
        merge(k, best_root, c);
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
        for (size_t i = 0; i < nr; i++)
            if (l->claims[rest[i]].coarse && l->claims[rest[i]].dated)
                join_episodes(&k, broad, n_roots, rest[i]);
        nr = drop_joined(l->claims, rest, nr);
        if (progress)
            progress(ud, "incidents", nb, l->n_claims);
        rc = cluster_set(&k, rest, nr, err);
    }
    ds_free(broad);
    ds_free(rest);
    ds_free(k.next);
    ds_free(k.pairs);
    ds_free(k.failed);
    return rc;
}
