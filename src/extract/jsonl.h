/* jsonl.h: the stream contract of DESIGN.md §5 — one JSON document per
 * input line, one JSON result per output line.
 *
 * Ownership: ds_jsonl_read fills a document the caller releases with
 * ds_document_free, and returns the line's id as a new jansson value the
 * caller releases with json_decref (it may be NULL when the line is not
 * JSON at all).  The result functions return strings the caller frees
 * with ds_free.
 */
#ifndef DS_EXTRACT_JSONL_H
#define DS_EXTRACT_JSONL_H
#include <jansson.h>

#include "model.h"

/* The longest input line accepted. */
enum { DS_JSONL_MAX_LINE = 64 << 20 };

/* Reads {"id", "text", "published", "title", "source"}: id and text are
 * required; published is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (or null); the
 * text is kept byte for byte, so spans index it as given. */
ds_status ds_jsonl_read(const char *line, size_t len, ds_document *d, json_t **id,
                        ds_error *err);
/* {"id", "mentions": [...], "claims": [...]} for a processed document. */
char *ds_jsonl_result(const json_t *id, const ds_document *d);
/* {"id", "error": "..."} for a line that could not be processed. */
char *ds_jsonl_error(const json_t *id, const char *message);

#endif
