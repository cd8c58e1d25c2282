/* places.c: the place recognizer's lexicons and lookup tables. */
#include "places_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

size_t ds__places_cell(double lat, double lon)
{
    long row = (long)floor((lat + 90) * 2), col = (long)floor((lon + 180) * 2);
    row = row < 0 ? 0 : row >= DS__GRID_ROWS ? DS__GRID_ROWS - 1 : row;
    col = col < 0 ? 0 : col >= DS__GRID_COLS ? DS__GRID_COLS - 1 : col;
    return (size_t)row * DS__GRID_COLS + (size_t)col;
}

static bool is_point(const ds__gz_place *p)
{
    return p->kind == DS_PLACE_POINT && !isnan(p->lat) && !isnan(p->lon);
}

ds_status ds__places_buckets(const ds_gazetteer *gz, size_t n,
                             size_t (*bucket)(const ds__gz_place *), uint32_t **start,
                             uint32_t **items)
{
    size_t total = 0;
    *items = NULL;
    *start = ds_calloc(n + 1, sizeof **start);
    uint32_t *fill = ds_malloc((n ? n : 1) * sizeof *fill);
    if (!*start || !fill)
        goto fail;
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        size_t b = is_point(&gz->places[i]) ? bucket(&gz->places[i]) : (size_t)-1;
        if (b < n) {
            (*start)[b + 1]++;
            total++;
        }
    }
    for (size_t b = 0; b < n; b++)
        (*start)[b + 1] += (*start)[b];
    *items = ds_malloc((total ? total : 1) * sizeof **items);
    if (!*items)
        goto fail;
    memcpy(fill, *start, n * sizeof *fill);
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        size_t b = is_point(&gz->places[i]) ? bucket(&gz->places[i]) : (size_t)-1;
        if (b < n)
            (*items)[fill[b]++] = i;
    }
    ds_free(fill);
    return DS_OK;
fail:
    ds_free(fill);
    ds_free(*start);
    ds_free(*items);
    *start = *items = NULL;
    return DS_ENOMEM;
}

static size_t grid_cell(const ds__gz_place *p) { return ds__places_cell(p->lat, p->lon); }

/* The point places by grid cell. */
static ds_status build_grid(ds_places *r)
{
    return ds__places_buckets(r->gz, (size_t)DS__GRID_ROWS * DS__GRID_COLS, grid_cell,
                              &r->cell_start, &r->cell_items);
}

static const ds_gazetteer *sort_gz; /* qsort has no context argument */

static int by_code(const void *a, const void *b)
{
    const ds__gz_link *x = &sort_gz->links[*(const uint32_t *)a];
    const ds__gz_link *y = &sort_gz->links[*(const uint32_t *)b];
    return strcmp(sort_gz->strings + x->code, sort_gz->strings + y->code);
}

static ds_status build_codes(ds_places *r)
{
    const ds_gazetteer *gz = r->gz;
    for (size_t i = 0; i < 26 * 26; i++)
        r->country[i] = DS_PLACE_NONE;
    size_t cap = 0;
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        const ds__gz_place *p = &gz->places[i];
        if (p->kind == DS_PLACE_COUNTRY && p->cc[0] >= 'A' && p->cc[0] <= 'Z' &&
            p->cc[1] >= 'A' && p->cc[1] <= 'Z')
            r->country[(p->cc[0] - 'A') * 26 + (p->cc[1] - 'A')] = i;
        if (p->kind != DS_PLACE_ADMIN1)
            continue;
        uint32_t *v = ds_grow(r->admin1, &cap, r->n_admin1, sizeof *v);
        if (!v)
            return DS_ENOMEM;
        r->admin1 = v;
        v[r->n_admin1++] = i;
    }
    sort_gz = gz;
    qsort(r->admin1, r->n_admin1, sizeof *r->admin1, by_code);
    sort_gz = NULL;
    return DS_OK;
}

uint32_t ds__places_admin1(const ds_places *r, const char *code, size_t n)
{
    size_t lo = 0, hi = r->n_admin1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *c = r->gz->strings + r->gz->links[r->admin1[mid]].code;
        int cmp = strncmp(c, code, n);
        if (cmp == 0 && c[n] == '\0')
            return r->admin1[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid; /* greater, or longer with code as its prefix */
    }
    return DS_PLACE_NONE;
}

#define ADMIN1_PRIOR 0.6

/* An entry's prior score from its population and rank (capital, admin
 * seat, populated place). */
static double prior_of(const ds__gz_place *p)
{
    double s = log10((double)p->population + 1) / 6;
    switch ((ds_place_kind)p->kind) {
    case DS_PLACE_COUNTRY: return s + 2.5;
    case DS_PLACE_ADMIN1: return s + ADMIN1_PRIOR; /* build_priors: admin1_prior */
    /* A district only when the text says so; and one that holds none of
     * the gazetteer's places (and so has no point of its own) is mostly a
     * name the dump keeps for a defunct or nominal division: Israel's
     * "Gaza" district beside the city of Gaza. */
    case DS_PLACE_ADMIN2: return isnan(p->lat) ? s - 1.5 : s - 0.5;
    case DS_PLACE_AREA: return s + 0.3;
    case DS_PLACE_POINT: break;
    }
    /* Fixed-length compares (with the NUL) compile to a few instructions. */
    /* A seat of government (La Paz, The Hague, Cotonou) ranks as a
     * capital; the dump also marks a few empty government buildings so. */
    if (memcmp(p->fcode, "PPLC", 5) == 0 ||
        (memcmp(p->fcode, "PPLG", 5) == 0 && p->population >= 10000))
        return s + 0.8;
    if (memcmp(p->fcode, "PPLA", 5) == 0)
        return s + 0.6;
    if (memcmp(p->fcode, "PPLA2", 6) == 0)
        return s + 0.4;
    if (memcmp(p->fcode, "PPLA3", 6) == 0)
        return s + 0.2;
    return p->fclass == 'P' ? s : s - 0.2;
}

/* An admin1 area has no population of its own in the dump, and at a flat
 * prior it lost to any village of its name ("in Wales" was a hamlet in
 * Yorkshire) and to the town a state's name also names ("Sinaloa",
 * "Durango").  It gains the people of its listed places at two thirds of
 * a town's rate; resolve.c keeps it below its namesake seat ("Homs", "New
 * York": the cities). */
static double admin1_prior(double people)
{
    return ADMIN1_PRIOR + log10(people + 1) / 9;
}

/* Every entry's prior, computed once: resolving a name weighs each of its
 * postings, and a logarithm per posting cost more than the rest of it.
 * The people of an admin1 area's listed places are summed first in the
 * area's own slot of the priors' array. */
static void build_priors(ds_places *r)
{
    const ds_gazetteer *gz = r->gz;
    for (uint32_t i = 0; i < gz->h->n_places; i++)
        r->prior[i] = 0;
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        const ds__gz_place *p = &gz->places[i];
        if (p->kind == DS_PLACE_POINT && p->admin1 < gz->h->n_places)
            r->prior[p->admin1] += p->population;
    }
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        const ds__gz_place *p = &gz->places[i];
        r->prior[i] = p->kind == DS_PLACE_ADMIN1 ? admin1_prior(r->prior[i]) : prior_of(p);
    }
}

/* The index's common words again, as a hash set: a look-up is one probe
 * where the sorted list took a dozen, most of them cache misses. */
static uint64_t common_bits(uint64_t k) { return 1ULL << (k >> 52 & 63) | 1ULL << (k >> 58); }

static size_t common_size(const ds_gazetteer *gz)
{
    size_t size = 16;
    while (size < (size_t)gz->h->n_common * 2)
        size *= 2;
    return size;
}

/* The set's table and filter are alloc_hot's, zeroed. */
static void build_common(ds_places *r)
{
    const ds_gazetteer *gz = r->gz;
    for (uint32_t i = 0; i < gz->h->n_common; i++) {
        uint64_t k = gz->common[i];
        if (!k)
            continue; /* keys are never 0 (ds__gz_key_final), so none can ask for it */
        size_t j = (k ^ (k >> 29)) & r->common_mask;
        while (r->common[j] && r->common[j] != k)
            j = (j + 1) & r->common_mask;
        r->common[j] = k;
        r->common_filter[(k >> 32) & r->common_filter_mask] |= common_bits(k);
    }
}

/* Takes bytes (a multiple of 64) from the hot block at *at. */
static void *take(char **at, size_t bytes)
{
    void *p = *at;
    *at += bytes;
    return p;
}

static size_t line_up(size_t n) { return (n + 63) & ~(size_t)63; }

/* The tables read at random for every name and word (priors, common
 * words, kept words, look-ups, candidates and folds), zeroed, in one
 * block aligned to 2 MB that the system is asked to back with transparent
 * huge pages where it has them: on 4 KB pages each such read may miss the
 * TLB besides the cache (1 to 2% faster in alternated runs on 50 MB of
 * news). */
static ds_status alloc_hot(ds_places *r)
{
    enum { HUGE_PAGE = 2 << 20 };
    size_t common = common_size(r->gz);
    /* One common-word filter word for each eight words: about two bits in
     * ten set. */
    size_t sizes[] = {line_up((r->gz->h->n_places ? r->gz->h->n_places : 1) * sizeof *r->prior),
                      line_up(common * sizeof *r->common),
                      line_up(common / 16 * sizeof *r->common_filter),
                      line_up(DS__PWORDS * sizeof *r->words),
                      line_up(DS__PGATHERED * sizeof *r->gathered),
                      line_up(DS__PSEEN * sizeof *r->seen),
                      line_up(DS__PFOLDS * sizeof *r->folds)};
    size_t total = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        total += sizes[i];
    total = (total + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    r->hot = ds_malloc(total + HUGE_PAGE);
    if (!r->hot)
        return DS_ENOMEM;
    char *at = (char *)(((uintptr_t)r->hot + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
    madvise(at, total, MADV_HUGEPAGE); /* only advice: without it, 4 KB pages */
#endif
    memset(at, 0, total);
    r->prior = take(&at, sizes[0]);
    r->common = take(&at, sizes[1]);
    r->common_filter = take(&at, sizes[2]);
    r->words = take(&at, sizes[3]);
    r->gathered = take(&at, sizes[4]);
    r->seen = take(&at, sizes[5]);
    r->folds = take(&at, sizes[6]);
    r->common_mask = common - 1;
    r->common_filter_mask = common / 16 - 1;
    return DS_OK;
}

bool ds__places_is_common(const ds_places *r, uint64_t exact_key)
{
    uint64_t bits = common_bits(exact_key);
    if ((r->common_filter[(exact_key >> 32) & r->common_filter_mask] & bits) != bits)
        return false;
    for (size_t j = (exact_key ^ (exact_key >> 29)) & r->common_mask; r->common[j];
         j = (j + 1) & r->common_mask)
        if (r->common[j] == exact_key)
            return true;
    return false;
}

uint32_t ds__places_country(const ds_places *r, const char *cc)
{
    char a = (char)(cc[0] & ~0x20), b = (char)(cc[1] & ~0x20);
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
        return DS_PLACE_NONE;
    return r->country[(a - 'A') * 26 + (b - 'A')];
}

ds_status ds_places_new(ds_places **out, const ds_gazetteer *gz, ds_error *err)
{
    *out = NULL;
    ds_places *r = ds_calloc(1, sizeof *r);
    if (!r)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    r->gz = gz;
    ds_status st = ds_lexicon_load(&r->cues, "place_cues.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->stop, "place_stoplist.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->areas, "place_areas.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->abbrevs, "admin1_abbreviations.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->given, "given_names.tsv", err);
    if (st == DS_OK)
        st = ds__places_phrases_load(&r->phrases, err);
    if (st == DS_OK && (alloc_hot(r) != DS_OK ||
                        !(r->areas_kept = ds_calloc(DS__PAREAS, sizeof *r->areas_kept)) ||
                        !(r->parts = ds__places_parts_new())))
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (st == DS_OK && (build_grid(r) != DS_OK || build_codes(r) != DS_OK))
        st = ds_error_set(err, DS_ENOMEM, "out of memory indexing the gazetteer's places");
    if (st != DS_OK) {
        ds_places_free(r);
        return st;
    }
    build_common(r);
    build_priors(r);
    r->area_words = ds_lexicon_max_words(r->areas);
    for (int i = 0; i < DS__EXP_WHOLE; i++)
        r->exp_whole[i] = exp(-i);
    for (int j = 0; j < 64; j++)
        r->exp_64th[j] = exp(-j / 64.0);
#if DS__PLACES_AVX
    r->avx = __builtin_cpu_supports("avx");
#endif
    *out = r;
    return DS_OK;
}

void ds_places_free(ds_places *r)
{
    if (!r)
        return;
    ds_lexicon_free(r->cues);
    ds_lexicon_free(r->stop);
    ds_lexicon_free(r->areas);
    ds_lexicon_free(r->abbrevs);
    ds_lexicon_free(r->given);
    ds__places_phrases_free(&r->phrases);
    ds_free(r->admin1);
    ds_free(r->cell_start);
    ds_free(r->cell_items);
    ds_free(r->hot);
    ds_free(r->areas_kept);
    ds__places_parts_free(r->parts);
    ds_free(r);
}
