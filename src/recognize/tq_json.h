/* tq_json.h: time and number mentions as JSON (DESIGN.md §5 mention
 * objects), and annotating a document with them.
 *
 * The *_json functions return a new jansson object the caller releases
 * with json_decref.  ds_tq_annotate appends to a document's mentions; the
 * document owns them afterwards (ds_document_free). */
#ifndef DS_RECOGNIZE_TQ_JSON_H
#define DS_RECOGNIZE_TQ_JSON_H
#include <jansson.h>

#include "model.h"
#include "quantity.h"
#include "time.h"

json_t *ds_time_mention_json(const char *text, const ds_time_mention *m);
json_t *ds_quantity_json(const char *text, const ds_quantity *q);

/* Finds the times of d->text (anchored to d->published) and then its
 * quantities outside them, and appends both as kinds "time" and "number". */
ds_status ds_tq_annotate(const ds_times *t, const ds_quantities *q, ds_document *d,
                         ds_date_order order, ds_error *err);

#endif
