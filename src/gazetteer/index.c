/* index.c: opening a compiled gazetteer by mmap and reading it. */
#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ds_place_kind_name(ds_place_kind k)
{
    switch (k) {
    case DS_PLACE_POINT: return "point";
    case DS_PLACE_ADMIN1: return "admin1";
    case DS_PLACE_ADMIN2: return "admin2";
    case DS_PLACE_COUNTRY: return "country";
    case DS_PLACE_AREA: return "area";
    }
    return "point";
}

ds_status ds_gazetteer_default_path(char *buf, size_t size, ds_error *err)
{
    const char *env = getenv("DOSSIER_GAZETTEER");
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return DS_OK;
    }
    return ds_data_path("gazetteer.dsg", buf, size, err);
}

static bool section_ok(const ds__gz_header *h, uint64_t off, uint64_t count, uint64_t size)
{
    return off % 8 == 0 && off <= h->file_size && count <= (h->file_size - off) / (size ? size : 1);
}

static ds_status check_header(const ds__gz_header *h, size_t file_size, const char *path,
                              ds_error *err)
{
    if (file_size < sizeof *h || memcmp(h->magic, DS__GZ_MAGIC, 8) != 0)
        return ds_error_set(err, DS_EFORMAT, "%s: not a dossier gazetteer index", path);
    if (h->endian != DS__GZ_ENDIAN || h->version != DS__GZ_VERSION)
        return ds_error_set(err, DS_EFORMAT,
                            "%s: gazetteer index version %u, this dossier reads version %d; "
                            "rebuild it with `dossier gazetteer build`",
                            path, h->version, DS__GZ_VERSION);
    bool ok = h->file_size == file_size && h->n_slots && (h->n_slots & (h->n_slots - 1)) == 0 &&
              h->off_places % 64 == 0 &&
              section_ok(h, h->off_places, h->n_places, sizeof(ds__gz_place)) &&
              section_ok(h, h->off_links, h->n_places, sizeof(ds__gz_link)) &&
              section_ok(h, h->off_slots, h->n_slots, sizeof(ds__gz_slot)) &&
              section_ok(h, h->off_postings, h->n_postings, sizeof(ds__gz_posting)) &&
              section_ok(h, h->off_common, h->n_common, sizeof(uint64_t)) &&
              section_ok(h, h->off_strings, h->strings_size, 1) &&
              h->strings_size > 0 && section_ok(h, h->off_rules, h->rules_size, 1);
    if (!ok)
        return ds_error_set(err, DS_EFORMAT, "%s: gazetteer index is truncated or damaged; "
                                             "rebuild it with `dossier gazetteer build`",
                            path);
    return DS_OK;
}

/* The slot filter (index.h): one word of it per sixteen slots. */

static ds_status build_filter(ds_gazetteer *gz)
{
    size_t words = gz->h->n_slots / 16 ? gz->h->n_slots / 16 : 1;
    gz->filter = ds_calloc(words, sizeof *gz->filter);
    if (!gz->filter)
        return DS_ENOMEM;
    gz->filter_mask = (uint32_t)(words - 1);
    return DS_OK;
}

/* Checks every reference inside the index once at open, so that later
 * reads can trust it: a damaged file is refused rather than read out of
 * bounds.  This is a linear pass over the places and slots (a few ms for
 * cities500). */
static bool references_ok(ds_gazetteer *gz)
{
    const ds__gz_header *h = gz->h;
    if (gz->strings[h->strings_size - 1] != '\0')
        return false;
    for (uint32_t i = 0; i < h->n_places; i++) {
        const ds__gz_place *p = &gz->places[i];
        const ds__gz_link *l = &gz->links[i];
        if (p->name >= h->strings_size || l->code >= h->strings_size ||
            (p->admin1 != DS_PLACE_NONE && p->admin1 >= h->n_places) ||
            (p->admin2 != DS_PLACE_NONE && p->admin2 >= h->n_places) ||
            (l->parent != DS_PLACE_NONE && l->parent >= h->n_places) ||
            p->kind > DS_PLACE_AREA || memchr(p->fcode, '\0', sizeof p->fcode) == NULL)
            return false;
    }
    /* The slots are read once, for both: checked, and their keys set in
     * the filter (build_filter made it). */
    for (uint32_t i = 0; i < h->n_slots; i++) {
        const ds__gz_slot *s = &gz->slots[i];
        uint64_t end = (uint64_t)s->first + (s->info & DS__SLOT_COUNT);
        if (s->key && end > h->n_postings)
            return false;
        if (s->key)
            gz->filter[(s->key >> 40) & gz->filter_mask] |= ds__gz_filter_bits(s->key);
    }
    for (uint32_t i = 0; i < h->n_postings; i++)
        if (gz->postings[i].place >= h->n_places)
            return false;
    return true;
}

ds_status ds_gazetteer_open(ds_gazetteer **out, const char *path, ds_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ds_error_set(err, errno == ENOENT ? DS_ENOENT : DS_EIO,
                            "%s: %s%s", path, strerror(errno),
                            errno == ENOENT ? " (build it with `dossier gazetteer build`)" : "");
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return ds_error_set(err, DS_EIO, "%s: not a regular file", path);
    }
    size_t size = (size_t)sb.st_size;
    if (size < sizeof(ds__gz_header)) {
        close(fd);
        return ds_error_set(err, DS_EFORMAT, "%s: not a dossier gazetteer index", path);
    }
    void *map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return ds_error_set(err, DS_EIO, "%s: mmap: %s", path, strerror(errno));
    ds_gazetteer *gz = ds_calloc(1, sizeof *gz);
    ds_status st;
    if (!gz) {
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
        goto fail;
    }
    gz->map = map;
    gz->size = size;
    gz->h = map;
    if ((st = check_header(gz->h, size, path, err)) != DS_OK)
        goto fail;
    const char *base = map;
    gz->places = (const ds__gz_place *)(base + gz->h->off_places);
    gz->links = (const ds__gz_link *)(base + gz->h->off_links);
    gz->slots = (const ds__gz_slot *)(base + gz->h->off_slots);
    gz->postings = (const ds__gz_posting *)(base + gz->h->off_postings);
    gz->common = (const uint64_t *)(base + gz->h->off_common);
    gz->strings = base + gz->h->off_strings;
    gz->slot_mask = gz->h->n_slots - 1;
    if (build_filter(gz) != DS_OK) {
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
        goto fail;
    }
    if (!references_ok(gz)) {
        st = ds_error_set(err, DS_EFORMAT, "%s: gazetteer index is damaged; rebuild it", path);
        goto fail;
    }
    if ((st = ds__gz_rules_parse(&gz->rules, base + gz->h->off_rules, gz->h->rules_size, path,
                                 err)) != DS_OK)
        goto fail;
    *out = gz;
    return DS_OK;
fail:
    munmap(map, size);
    if (gz)
        ds_free(gz->filter);
    ds_free(gz);
    return st;
}

void ds_gazetteer_close(ds_gazetteer *gz)
{
    if (!gz)
        return;
    ds__gz_rules_free(&gz->rules);
    ds_free(gz->filter);
    munmap(gz->map, gz->size);
    ds_free(gz);
}

size_t ds_gazetteer_count(const ds_gazetteer *gz) { return gz->h->n_places; }

void ds_gazetteer_place(const ds_gazetteer *gz, uint32_t index, ds_place *out)
{
    const ds__gz_place *p = &gz->places[index];
    memset(out, 0, sizeof *out);
    out->index = index;
    out->geonameid = p->geonameid;
    out->name = gz->strings + p->name;
    out->country[0] = p->cc[0];
    out->country[1] = p->cc[1];
    out->admin1_index = p->admin1;
    out->admin2_index = p->admin2;
    out->parent_index = gz->links[index].parent;
    out->admin1 = p->admin1 != DS_PLACE_NONE ? gz->strings + gz->places[p->admin1].name : "";
    out->admin2 = p->admin2 != DS_PLACE_NONE ? gz->strings + gz->places[p->admin2].name : "";
    out->admin1_code = p->admin1 != DS_PLACE_NONE ? gz->strings + gz->links[p->admin1].code : "";
    out->lat = p->lat;
    out->lon = p->lon;
    out->population = p->population;
    out->feature_class = p->fclass;
    memcpy(out->feature_code, p->fcode, sizeof out->feature_code);
    out->kind = (ds_place_kind)p->kind;
}

const ds__gz_slot *ds__gz_find(const ds_gazetteer *gz, uint64_t key)
{
    uint64_t bits = ds__gz_filter_bits(key);
    if ((gz->filter[(key >> 40) & gz->filter_mask] & bits) != bits)
        return NULL; /* keys are never 0, so an empty slot is never asked for */
    uint32_t j = (uint32_t)key & gz->slot_mask;
    for (uint32_t probes = 0; probes <= gz->slot_mask; probes++) {
        const ds__gz_slot *s = &gz->slots[j];
        if (s->key == key)
            return s;
        if (!s->key)
            return NULL;
        j = (j + 1) & gz->slot_mask;
    }
    return NULL;
}

bool ds__gz_is_common(const ds_gazetteer *gz, uint64_t exact_key)
{
    size_t lo = 0, hi = gz->h->n_common;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gz->common[mid] == exact_key)
            return true;
        if (gz->common[mid] < exact_key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

typedef struct cand {
    uint32_t place;
    bool exact;
    double prior;
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->exact != y->exact)
        return x->exact ? -1 : 1;
    return (x->prior < y->prior) - (x->prior > y->prior);
}

static double prior(const ds__gz_place *p)
{
    double v = log10((double)p->population + 1);
    if (p->kind == DS_PLACE_COUNTRY)
        v += 9;
    else if (p->kind == DS_PLACE_ADMIN1)
        v += 5;
    else if (strcmp(p->fcode, "PPLC") == 0)
        v += 3;
    return v;
}

size_t ds_gazetteer_lookup(const ds_gazetteer *gz, const char *name, size_t n, uint32_t *out,
                           bool *exact, size_t max)
{
    uint64_t key, x, pre[8];
    if (!ds__gz_name_keys(&gz->rules, name, n, &key, &x, pre, 8))
        return 0;
    const ds__gz_slot *s = ds__gz_find(gz, key);
    if (!s)
        return 0;
    size_t count = s->info & DS__SLOT_COUNT;
    cand *c = ds_malloc((count ? count : 1) * sizeof *c);
    if (!c)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const ds__gz_posting *p = &gz->postings[s->first + i];
        if (p->flags & DS__PF_DEMONYM)
            continue;
        bool ex = p->exact == (uint32_t)x;
        if (k > 0 && c[k - 1].place == p->place) { /* postings of one place are adjacent */
            c[k - 1].exact |= ex;
            continue;
        }
        c[k++] = (cand){p->place, ex, prior(&gz->places[p->place])};
    }
    qsort(c, k, sizeof *c, cand_cmp);
    for (size_t i = 0; i < k && i < max; i++) {
        out[i] = c[i].place;
        if (exact)
            exact[i] = c[i].exact;
    }
    ds_free(c);
    return k;
}

uint32_t ds_gazetteer_country(const ds_gazetteer *gz, const char *cc)
{
    /* Countries are few; a scan of the entries marked as countries is
     * cheap next to anything that calls this. */
    for (uint32_t i = 0; i < gz->h->n_places; i++) {
        const ds__gz_place *p = &gz->places[i];
        if (p->kind == DS_PLACE_COUNTRY && p->cc[0] == cc[0] && p->cc[1] == cc[1])
            return i;
    }
    return DS_PLACE_NONE;
}

double ds_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, rad = M_PI / 180;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}
