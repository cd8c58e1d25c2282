/* places_json.h: place mentions as JSON (DESIGN.md §5 mention objects).
 *
 * ds_place_mention_write appends one mention object to a JSON writer (see
 * core/jsonw.h for how errors latch).  ds_places_annotate fills a
 * document's mentions; the document owns them afterwards
 * (ds_document_free). */
#ifndef DS_RECOGNIZE_PLACES_JSON_H
#define DS_RECOGNIZE_PLACES_JSON_H
#include "jsonw.h"
#include "model.h"
#include "places.h"

void ds_place_mention_write(ds_jw *w, const ds_gazetteer *gz, const char *text,
                            const ds_place_mention *m);
/* The location fields a claim repeats from its place mention (name,
 * geonameid, country, admin1, admin2, lat, lon, precision, geo_precision,
 * text), written as members of the object w is in. */
void ds_place_location_members(ds_jw *w, const ds_gazetteer *gz, const char *text,
                               const ds_place_mention *m);

/* Finds the places of d->text and appends them to d->mentions as kind
 * "place".  country as for ds_places_find. */
ds_status ds_places_annotate(const ds_places *r, const ds_gazetteer *gz, ds_document *d,
                             const char *country, ds_error *err);

#endif
