/* mention.h: appending a recognized mention, given as JSON, to a document
 * (internal to the recognize stage).  The document owns what is appended. */
#ifndef DS_RECOGNIZE_MENTION_H
#define DS_RECOGNIZE_MENTION_H
#include <jansson.h>

#include "model.h"

/* value as compact JSON in a ds_malloc'd string (NULL when out of
 * memory); value is consumed, released here whatever happens. */
char *ds__json_take(json_t *value);
/* Makes room for n more mentions in d. */
ds_status ds__mentions_reserve(ds_document *d, size_t n, ds_error *err);
/* Appends value (consumed: released here whatever happens) as a mention of
 * kind, a static string; room must have been reserved. */
ds_status ds__mention_append(ds_document *d, size_t start, size_t end, const char *kind,
                             json_t *value, ds_error *err);

#endif
