/* build_int.h: state shared by the gazetteer builder's readers (internal).
 *
 * The builder owns everything in ds__gz_build; ds__gz_build_free releases
 * it.  Names are turned into keys as they are read, so the alternate names
 * of a whole GeoNames dump never sit in memory as strings.
 */
#ifndef DS_GAZETTEER_BUILD_INT_H
#define DS_GAZETTEER_BUILD_INT_H
#include "index.h"

/* A u64 -> u32 open-addressing map (key 0 is reserved). */
typedef struct ds__u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n;
} ds__u64map;

ds_status ds__u64map_put(ds__u64map *m, uint64_t key, uint32_t val);
uint32_t ds__u64map_get(const ds__u64map *m, uint64_t key); /* DS_PLACE_NONE if absent */
void ds__u64map_free(ds__u64map *m);

typedef struct ds__gz_name {
    uint64_t key;
    uint32_t exact;
    uint32_t place; /* DS_PLACE_NONE for a prefix-only entry */
    uint32_t flags; /* DS__PF_* */
} ds__gz_name;

/* A place while the index is built; the writer splits it into the
 * index's records (index.h). */
typedef struct ds__gz_entry {
    uint32_t geonameid;
    float lat, lon;
    uint32_t population;
    uint32_t name;   /* offset into strings */
    uint32_t code;   /* admin code string offset ("SY.14"), 0 = none */
    uint32_t admin1; /* place index or DS_PLACE_NONE */
    uint32_t admin2;
    uint32_t parent;
    char cc[2];
    char fclass;
    uint8_t kind; /* ds_place_kind */
    char fcode[8];
} ds__gz_entry;

typedef struct ds__gz_acc {
    double lat, lon;
    uint32_t n;
    uint32_t seat; /* best seat found so far */
} ds__gz_acc;

typedef struct ds__gz_build {
    const ds_gazetteer_build_opts *o;
    ds__gz_rules rules;
    char *rules_text;
    size_t rules_len;
    char **suffixes; /* folded admin suffix words ("governorate", "district") */
    size_t n_suffixes, cap_suffixes;

    ds__gz_entry *places;
    size_t n_places, cap_places;
    bool *has_coords; /* per place: coordinates came from the input */
    size_t cap_has;
    ds__gz_name *names;
    size_t n_names, cap_names;
    ds_buf strings;
    ds__u64map codes;  /* hash of admin or country code -> place */
    ds__u64map ids;    /* geonameid -> place */
    uint64_t *common;
    size_t n_common;
    ds_gazetteer_build_stats stats;
} ds__gz_build;

/* Adds a string to the pool; returns its offset or UINT32_MAX on failure. */
uint32_t ds__gz_str(ds__gz_build *b, const char *s, size_t n);
/* Appends an entry (copied) and returns its index, or DS_PLACE_NONE. */
uint32_t ds__gz_add_place(ds__gz_build *b, const ds__gz_entry *p, bool has_coords);
/* Adds a name's keys for a place. */
ds_status ds__gz_add_name(ds__gz_build *b, uint32_t place, const char *name, size_t n,
                          uint32_t flags, ds_error *err);
/* The entry for an admin or country code ("SY", "SY.14", "SY.14.163343"),
 * created (nameless) when create is set. */
uint32_t ds__gz_code(ds__gz_build *b, const char *code, ds_place_kind kind, bool create);

ds_status ds__gz_read_geonames(ds__gz_build *b, const char *path, ds_error *err);
ds_status ds__gz_read_admin_json(ds__gz_build *b, const char *path, ds_place_kind kind,
                                 ds_error *err);
ds_status ds__gz_read_countries(ds__gz_build *b, const char *path, ds_error *err);
ds_status ds__gz_read_user(ds__gz_build *b, const char *path, ds_error *err);
ds_status ds__gz_read_words(ds__gz_build *b, const char *path, ds_error *err);
ds_status ds__gz_write(ds__gz_build *b, const char *path, ds_error *err);

#endif
