/* write.c: lays the builder's tables out as an index file (index.h). */
#include "build_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int name_cmp(const void *a, const void *b)
{
    const ds__gz_name *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    /* Names before demonyms ("Argentina" and "Argentine" share a key),
     * then by spelling, the entry's own name first among equals. */
    uint32_t dx = x->flags & DS__PF_DEMONYM, dy = y->flags & DS__PF_DEMONYM;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    if (x->exact != y->exact)
        return x->exact < y->exact ? -1 : 1;
    return (int)(y->flags & DS__PF_MAIN) - (int)(x->flags & DS__PF_MAIN);
}

typedef struct tables {
    ds__gz_slot *slots;
    uint32_t n_slots;
    ds__gz_posting *postings;
    size_t n_postings;
} tables;

static void slot_put(tables *t, uint64_t key, uint32_t first, uint32_t info)
{
    uint32_t j = (uint32_t)key & (t->n_slots - 1);
    while (t->slots[j].key)
        j = (j + 1) & (t->n_slots - 1);
    t->slots[j] = (ds__gz_slot){key, first, info};
}

static ds_status build_tables(ds__gz_build *b, tables *t, ds_error *err)
{
    qsort(b->names, b->n_names, sizeof *b->names, name_cmp);
    size_t keys = 0;
    for (size_t i = 0; i < b->n_names; i++)
        keys += i == 0 || b->names[i].key != b->names[i - 1].key;
    /* At most 70% full keeps linear probes short. */
    uint64_t want = keys * 10 / 7 + 16, n = 16;
    while (n < want)
        n *= 2;
    if (n > (1u << 31))
        return ds_error_set(err, DS_ETOOBIG, "gazetteer: %zu distinct names is too many", keys);
    t->n_slots = (uint32_t)n;
    t->slots = ds_calloc(n, sizeof *t->slots);
    t->postings = ds_malloc((b->n_names ? b->n_names : 1) * sizeof *t->postings);
    if (!t->slots || !t->postings)
        return ds_error_set(err, DS_ENOMEM, "out of memory indexing %zu names", keys);
    for (size_t i = 0; i < b->n_names;) {
        size_t j = i;
        uint32_t first = (uint32_t)t->n_postings, info = 0;
        for (; j < b->n_names && b->names[j].key == b->names[i].key; j++) {
            const ds__gz_name *nm = &b->names[j];
            if (nm->place == DS_PLACE_NONE) {
                info |= DS__SLOT_PREFIX;
                continue;
            }
            ds__gz_posting *last = t->n_postings > first ? &t->postings[t->n_postings - 1] : NULL;
            /* One posting per place, spelling and demonym-ness: a place
             * keeps every exact spelling its names give it. */
            if (last && last->place == nm->place && last->exact == nm->exact &&
                !((last->flags ^ nm->flags) & DS__PF_DEMONYM)) {
                last->flags |= nm->flags & ~DS__PF_STRIPPED;
                continue;
            }
            t->postings[t->n_postings++] = (ds__gz_posting){nm->place, nm->exact, nm->flags};
        }
        for (uint32_t k = first; k < t->n_postings; k++) {
            const ds__gz_posting *p = &t->postings[k];
            if (p->flags & DS__PF_DEMONYM)
                info |= DS__SLOT_DEMONYM;
            else if (b->places[p->place].kind == DS_PLACE_COUNTRY)
                info |= DS__SLOT_COUNTRY;
        }
        uint32_t count = (uint32_t)(t->n_postings - first);
        if (count > DS__SLOT_COUNT)
            count = DS__SLOT_COUNT;
        if (count)
            info |= DS__SLOT_NAME;
        slot_put(t, b->names[i].key, first, info | count);
        i = j;
    }
    b->stats.keys = keys;
    return DS_OK;
}

static uint64_t align8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

static bool put(FILE *fp, const void *p, size_t n, uint64_t *at)
{
    static const char zero[8];
    uint64_t pad = align8(*at) - *at;
    if (pad && fwrite(zero, 1, pad, fp) != pad)
        return false;
    *at += pad;
    if (n && fwrite(p, 1, n, fp) != n)
        return false;
    *at += n;
    return true;
}

/* The builder's places as the index's records and links (index.h).  Each
 * record holds the place's point on the unit sphere: the resolver measures
 * distances between candidates with these, and a file that holds them
 * spares every recognizer two sines and cosines a place when it starts. */
static bool split_places(const ds__gz_build *b, ds__gz_place **places, ds__gz_link **links)
{
    const double rad = M_PI / 180;
    size_t n = b->n_places ? b->n_places : 1;
    *places = ds_calloc(n, sizeof **places);
    *links = ds_calloc(n, sizeof **links);
    if (!*places || !*links)
        return false;
    for (size_t i = 0; i < b->n_places; i++) {
        const ds__gz_entry *e = &b->places[i];
        ds__gz_place *p = &(*places)[i];
        double la = e->lat * rad, lo = e->lon * rad;
        p->unit[0] = cos(la) * cos(lo);
        p->unit[1] = cos(la) * sin(lo);
        p->unit[2] = sin(la);
        memcpy(p->cc, e->cc, sizeof p->cc);
        p->fclass = e->fclass;
        p->kind = e->kind;
        p->lat = e->lat;
        p->lon = e->lon;
        p->population = e->population;
        p->admin1 = e->admin1;
        p->admin2 = e->admin2;
        p->geonameid = e->geonameid;
        p->name = e->name;
        memcpy(p->fcode, e->fcode, sizeof p->fcode);
        (*links)[i] = (ds__gz_link){e->code, e->parent};
    }
    return true;
}

static ds_status write_file(ds__gz_build *b, const tables *t, const char *tmp, ds_error *err)
{
    ds__gz_place *places = NULL;
    ds__gz_link *links = NULL;
    FILE *fp = NULL;
    ds_status st = DS_OK;
    if (!split_places(b, &places, &links)) {
        st = ds_error_set(err, DS_ENOMEM, "out of memory locating %zu places", b->n_places);
        goto done;
    }
    if (!(fp = fopen(tmp, "wb"))) {
        st = ds_error_set(err, DS_EIO, "%s: %s", tmp, strerror(errno));
        goto done;
    }
    ds__gz_header h = {0};
    memcpy(h.magic, DS__GZ_MAGIC, 8);
    h.version = DS__GZ_VERSION;
    h.endian = DS__GZ_ENDIAN;
    h.n_places = (uint32_t)b->n_places;
    h.n_slots = t->n_slots;
    h.n_postings = (uint32_t)t->n_postings;
    h.n_common = (uint32_t)b->n_common;
    uint64_t at = sizeof h;
    /* The header's size puts the places on a cache line of the mapping. */
    _Static_assert(sizeof h % 64 == 0 && sizeof *places == 64, "places start a cache line");
    h.off_places = at;
    at = h.off_places + b->n_places * sizeof *places;
    h.off_links = align8(at);
    at = h.off_links + b->n_places * sizeof *links;
    h.off_slots = align8(at);
    at = h.off_slots + (uint64_t)t->n_slots * sizeof *t->slots;
    h.off_postings = align8(at);
    at = h.off_postings + t->n_postings * sizeof *t->postings;
    h.off_common = align8(at);
    at = h.off_common + b->n_common * sizeof *b->common;
    h.off_strings = align8(at);
    h.strings_size = b->strings.len;
    at = h.off_strings + b->strings.len;
    h.off_rules = align8(at);
    h.rules_size = b->rules_len;
    h.file_size = h.off_rules + b->rules_len;
    at = 0;
    bool ok = put(fp, &h, sizeof h, &at) &&
              put(fp, places, b->n_places * sizeof *places, &at) &&
              put(fp, links, b->n_places * sizeof *links, &at) &&
              put(fp, t->slots, (size_t)t->n_slots * sizeof *t->slots, &at) &&
              put(fp, t->postings, t->n_postings * sizeof *t->postings, &at) &&
              put(fp, b->common, b->n_common * sizeof *b->common, &at) &&
              put(fp, b->strings.p, b->strings.len, &at) &&
              put(fp, b->rules_text, b->rules_len, &at);
    ok = ok && fflush(fp) == 0 && fsync(fileno(fp)) == 0;
    if (fclose(fp) != 0)
        ok = false;
    if (!ok)
        st = ds_error_set(err, DS_EIO, "%s: write failed: %s", tmp, strerror(errno));
    else
        b->stats.bytes = h.file_size;
done:
    ds_free(places);
    ds_free(links);
    return st;
}

ds_status ds__gz_write(ds__gz_build *b, const char *path, ds_error *err)
{
    tables t = {0};
    ds_status st = build_tables(b, &t, err);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    /* Written beside the target and renamed over it, so a reader never maps
     * a half-written index and a failed build leaves the old one. */
    if (st == DS_OK && (st = write_file(b, &t, tmp, err)) == DS_OK &&
        rename(tmp, path) != 0)
        st = ds_error_set(err, DS_EIO, "%s: %s", path, strerror(errno));
    if (st != DS_OK)
        unlink(tmp);
    ds_free(t.slots);
    ds_free(t.postings);
    return st;
}
