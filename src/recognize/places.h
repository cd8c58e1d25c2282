/* places.h: finding place names in text and resolving them to gazetteer
 * entries (the place part of the recognize stage, DESIGN.md §2).
 *
 * A ds_places recognizer borrows a ds_gazetteer (which must outlive it) and
 * owns the cue, stoplist and area lexicons it loads.  One recognizer may
 * serve many documents, one at a time: between calls it keeps only the
 * keys of words it has read, so that a later document finds them sooner,
 * and what it finds in a document does not depend on what it read before.
 * Mentions, their names and warnings are allocated from the caller's arena
 * and live as long as it does.
 */
#ifndef DS_RECOGNIZE_PLACES_H
#define DS_RECOGNIZE_PLACES_H
#include "core.h"
#include "gazetteer/gazetteer.h"

typedef struct ds_places ds_places;

enum { DS_PLACE_ALTERNATIVES = 3 };

typedef struct ds_place_mention {
    size_t start, end;  /* byte span in the text, cue words included ("rural Idlib") */
    size_t name_start, name_end; /* the name itself */
    uint32_t place;     /* the resolved entry, or DS_PLACE_NONE for a place the
                         * gazetteer lacks (located by its parent) or an area */
    uint32_t parent;    /* the stated parent ("near Qadmus"), or DS_PLACE_NONE */
    const char *name;   /* the entry's name, or the text as written */
    char country[3];
    const char *admin1, *admin2; /* names, "" when unknown */
    double lat, lon;    /* NAN when nothing locates it */
    const char *precision; /* "town", "area", "admin2", "admin1", "country" */
    int geo_precision;     /* ACLED: 1 exact, 2 near or part of, 3 coarse; 0 unknown */
    double confidence;     /* 0..1 */
    uint32_t alternatives[DS_PLACE_ALTERNATIVES];
    size_t n_alternatives;
    const char *warning; /* e.g. a stated province that contradicts the gazetteer */
    const char *part;    /* a compass part of place ("north", "south-east", "centre"),
                          * which lat/lon locate ("northern Syria"); NULL for none */
} ds_place_mention;

/* Loads data/place_cues.tsv, data/place_stoplist.tsv and data/place_areas.tsv. */
ds_status ds_places_new(ds_places **out, const ds_gazetteer *gz, ds_error *err);
void ds_places_free(ds_places *r);

/* Finds and resolves the places in text[0..len).  country is an ISO code
 * that fixes the document's country focus, or NULL to infer it from country
 * names, demonyms and unambiguous places.  *out is an arena array of *n
 * mentions in text order. */
ds_status ds_places_find(const ds_places *r, const char *text, size_t len, const char *country,
                         ds_arena *arena, ds_place_mention **out, size_t *n, ds_error *err);

#endif
