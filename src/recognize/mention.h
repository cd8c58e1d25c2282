/* mention.h: appending a recognized mention, written as JSON, to a
 * document (internal to the recognize stage).  The document owns what is
 * appended. */
#ifndef DS_RECOGNIZE_MENTION_H
#define DS_RECOGNIZE_MENTION_H
#include "jsonw.h"
#include "model.h"

/* A cap for the JSON of one mention or claim of a text of text_len bytes:
 * it quotes at most the whole text, each byte of which may take six as an
 * escape, plus its own fields. */
size_t ds__mention_json_cap(size_t text_len);
/* Makes room for n more mentions in d. */
ds_status ds__mentions_reserve(ds_document *d, size_t n, ds_error *err);
/* Copies the JSON w wrote (one value) into *out, a string the caller
 * frees with ds_free, and resets w and its buffer for the next value.
 * Fails when writing failed (w->st) or memory runs out. */
ds_status ds__json_copy(ds_jw *w, char **out, ds_error *err);
/* Appends the JSON w wrote as a mention of kind, a static string, and
 * resets w's buffer; room must have been reserved. */
ds_status ds__mention_append(ds_document *d, size_t start, size_t end, const char *kind,
                             ds_jw *w, ds_error *err);

#endif
