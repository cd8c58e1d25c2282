/* jsonl.h: the stream contract of DESIGN.md §5 — one JSON document per
 * input line, one JSON result per output line.
 *
 * Ownership: ds_jsonl_read fills a document the caller releases with
 * ds_document_free, and returns the line's id as JSON text (a string in
 * quotes, or an integer) that the caller frees with ds_free; it is NULL
 * when the line has no usable id or is not JSON at all.  ds_jsonl_error
 * returns a string the caller frees with ds_free.
 */
#ifndef DS_EXTRACT_JSONL_H
#define DS_EXTRACT_JSONL_H
#include "extract/extract.h"
#include "model.h"

/* The longest input line accepted. */
enum { DS_JSONL_MAX_LINE = 64 << 20 };

/* Reads {"id", "text", "published", "title", "source"}: id and text are
 * required; published is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (or null); the
 * text is kept byte for byte, so spans index it as given. */
ds_status ds_jsonl_read(const char *line, size_t len, ds_document *d, char **id, ds_error *err);
/* Extracts d (segmented) and writes {"id", "mentions": [...], "claims":
 * [...]} into line, which is emptied first and which the caller owns (one
 * buffer serves every line of a stream); id as ds_jsonl_read gave it (NULL
 * is written as null).  Nothing is stored in d. */
ds_status ds_jsonl_extract(const ds_extractor *x, ds_document *d,
                           const ds_extract_options *o, const char *id, ds_buf *line,
                           ds_error *err);
/* {"id", "error": "..."} for a line that could not be processed. */
char *ds_jsonl_error(const char *id, const char *message);

#endif
