/* places_json.h: place mentions as JSON (DESIGN.md §5 mention objects).
 *
 * ds_place_mention_json returns a new jansson object the caller releases
 * with json_decref.  ds_places_annotate fills a document's mentions; the
 * document owns them afterwards (ds_document_free). */
#ifndef DS_RECOGNIZE_PLACES_JSON_H
#define DS_RECOGNIZE_PLACES_JSON_H
#include <jansson.h>

#include "model.h"
#include "places.h"

json_t *ds_place_mention_json(const ds_gazetteer *gz, const char *text,
                              const ds_place_mention *m);

/* Finds the places of d->text and appends them to d->mentions as kind
 * "place".  country as for ds_places_find. */
ds_status ds_places_annotate(const ds_places *r, const ds_gazetteer *gz, ds_document *d,
                             const char *country, ds_error *err);

#endif
