/* tq_json.h: time and number mentions as JSON (DESIGN.md §5 mention
 * objects), and annotating a document with them.
 *
 * The *_write functions append to a JSON writer (core/jsonw.h: errors
 * latch in it).  ds_tq_annotate appends to a document's mentions; the
 * document owns them afterwards (ds_document_free). */
#ifndef DS_RECOGNIZE_TQ_JSON_H
#define DS_RECOGNIZE_TQ_JSON_H
#include "jsonw.h"
#include "model.h"
#include "quantity.h"
#include "time.h"

void ds_time_mention_write(ds_jw *w, const char *text, const ds_time_mention *m);
void ds_quantity_write(ds_jw *w, const char *text, const ds_quantity *q);
/* The start, end, precision and time_precision members of m, null when it
 * is unresolved, written into the object w is in (a claim's date). */
void ds_time_resolution_members(ds_jw *w, const ds_time_mention *m);

/* Finds the times of d->text (anchored to d->published) and then its
 * quantities outside them, and appends both as kinds "time" and "number". */
ds_status ds_tq_annotate(const ds_times *t, const ds_quantities *q, ds_document *d,
                         ds_date_order order, ds_error *err);

#endif
