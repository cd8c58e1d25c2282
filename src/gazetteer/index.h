/* index.h: the on-disk layout of a compiled gazetteer (internal).
 *
 * One file, little-endian, every section 8-byte aligned (the places 64-byte
 * aligned, a cache line each):
 *   header | places | links | slots | postings | common | strings | rules
 * `slots` is an open-addressing hash table (linear probing, a power of two
 * long, key 0 = empty) from name keys (key.h) to a run of postings.  A slot
 * may also mark a key as the proper prefix of a longer name, which tells the
 * recognizer to keep reading tokens.  `common` is a sorted array of the
 * exact-fold hashes of common lower-case English words.  Each place holds
 * its point on the unit sphere (x, y, z; NaN without coordinates), which the
 * resolver measures distances with; `links` holds each place's admin code
 * and parent, which only describing a place reads.  `rules` is the
 * transliteration table the keys were made with, so recognition always
 * rewrites text exactly as the builder rewrote names.
 *
 * The version goes up whenever the layout or the key functions change; an
 * index of another version is refused with a message to rebuild it.
 */
#ifndef DS_GAZETTEER_INDEX_H
#define DS_GAZETTEER_INDEX_H
#include "gazetteer.h"
#include "key.h"

#define DS__GZ_MAGIC "DSGAZET\n"
enum { DS__GZ_VERSION = 5, DS__GZ_ENDIAN = 0x01020304 };

typedef struct ds__gz_header {
    char magic[8];
    uint32_t version, endian;
    uint32_t n_places, n_slots, n_postings, n_common;
    uint64_t off_places, off_slots, off_postings, off_common;
    uint64_t off_strings, strings_size, off_rules, rules_size;
    uint64_t file_size;
    uint64_t off_links; /* n_places ds__gz_link */
    uint64_t unused[2]; /* zero: the places that follow start on a cache line */
} ds__gz_header;

/* A place as the resolver reads it: one 64-byte record, aligned to a cache
 * line, with its point on the unit sphere (x, y, z; NaN without
 * coordinates) beside the fields scoring reads, so that weighing a
 * candidate reads one line of memory. */
typedef struct ds__gz_place {
    double unit[3];
    char cc[2];
    char fclass;
    uint8_t kind; /* ds_place_kind */
    float lat, lon;
    uint32_t population;
    uint32_t admin1; /* place index or DS_PLACE_NONE */
    uint32_t admin2;
    uint32_t geonameid;
    uint32_t name; /* offset into strings */
    char fcode[8];
} ds__gz_place;

/* What only a place's description reads, kept out of the records above. */
typedef struct ds__gz_link {
    uint32_t code;   /* admin code string offset ("SY.14"), 0 = none */
    uint32_t parent; /* place index or DS_PLACE_NONE */
} ds__gz_link;

/* A slot's flags: it names places, it is the prefix of a longer name,
 * some posting that is no demonym is a country, some posting is a demonym.
 * The last two let the recognizer skip reading the postings of most
 * names. */
enum {
    DS__SLOT_NAME = 1u << 24,
    DS__SLOT_PREFIX = 2u << 24,
    DS__SLOT_COUNTRY = 4u << 24,
    DS__SLOT_DEMONYM = 8u << 24,
    DS__SLOT_COUNT = 0xFFFFFFu
};

typedef struct ds__gz_slot {
    uint64_t key;
    uint32_t first; /* first posting */
    uint32_t info;  /* posting count (low 24 bits) | DS__SLOT_* flags */
} ds__gz_slot;

/* Posting flags. */
enum {
    DS__PF_MAIN = 1,    /* the entry's own name, not an alternate */
    DS__PF_DEMONYM = 2, /* "Syrian": sets country focus, is not a place */
    DS__PF_STRIPPED = 4 /* an admin name without its "Governorate" suffix */
};

typedef struct ds__gz_posting {
    uint32_t place;
    uint32_t exact; /* low 32 bits of the exact-fold key */
    uint32_t flags;
} ds__gz_posting;

struct ds_gazetteer {
    void *map;
    size_t size;
    const ds__gz_header *h;
    const ds__gz_place *places;
    const ds__gz_link *links;
    const ds__gz_slot *slots;
    const ds__gz_posting *postings;
    const uint64_t *common;
    const char *strings;
    ds__gz_rules rules;
    uint32_t slot_mask;
    /* Two bits of each slot's key set in one word of this filter, which
     * is small enough to stay in cache: most keys the recognizer asks for
     * name nothing, and the filter says so without reading the table. */
    uint64_t *filter;
    uint32_t filter_mask;
};

/* The slot for a key, or NULL. */
const ds__gz_slot *ds__gz_find(const ds_gazetteer *gz, uint64_t key);
/* The two bits of a key in its word of the filter. */
static inline uint64_t ds__gz_filter_bits(uint64_t key)
{
    return 1ULL << (key & 63) | 1ULL << (key >> 6 & 63);
}
/* Hints for a caller that knows keys some time before it asks
 * ds__gz_find for them: a key's word of the filter, which is seldom in
 * cache, and then, once that word has come, its slot if the filter may
 * hold the key.  (Always inlined: GCC deletes calls to a function that
 * only loads and prefetches.) */
static inline __attribute__((always_inline)) void
ds__gz_prefetch_filter(const ds_gazetteer *gz, uint64_t key)
{
    __builtin_prefetch(&gz->filter[(key >> 40) & gz->filter_mask]);
}
static inline __attribute__((always_inline)) void
ds__gz_prefetch_slot(const ds_gazetteer *gz, uint64_t key)
{
    uint64_t bits = ds__gz_filter_bits(key);
    if ((gz->filter[(key >> 40) & gz->filter_mask] & bits) == bits)
        __builtin_prefetch(&gz->slots[(uint32_t)key & gz->slot_mask]);
}
/* Whether a single folded word is a common English word. */
bool ds__gz_is_common(const ds_gazetteer *gz, uint64_t exact_key);

#endif
