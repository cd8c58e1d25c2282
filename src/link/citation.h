/* citation.h: footnotes and reference lists read into cited works, and
 * cited works resolved to documents of the dossier (DESIGN.md §3,
 * Citation; docs/incidents.md, "Citations").
 *
 * A citer is given every document's metadata and the text of its notes
 * (footnote entries, reference-list items, and body sentences that hold a
 * bare URL).  Each note is read into one or more cited works: author,
 * title, publisher, date and URL where they can be told apart.  Resolving
 * compares every cited work with every document by URL, title words,
 * author, publisher and date, and keeps the best document above the
 * thresholds; the result feeds ds_linker_add_relay.
 *
 * Ownership: a citer borrows its ds_times (which must outlive it; NULL
 * reads no dates) and its link policy (the cite_* weights and thresholds
 * of data/link_policy.tsv), and owns copies of everything it is given; the
 * records it returns stay valid until ds_citer_free.
 */
#ifndef DS_CITATION_H
#define DS_CITATION_H

#include "model.h"
#include "link/link.h"
#include "recognize/time.h"
#include "store/store.h"

/* One cited work of one note (store.h): from, sentence, note, text,
 * author, title, publisher, url, date; to and score once resolved. */
typedef ds_citation_record ds_citation;

typedef struct ds_citer ds_citer;

ds_status ds_citer_new(ds_citer **out, const ds_times *times, const ds_link_policy *policy,
                       ds_error *err);
void ds_citer_free(ds_citer *c);

/* Documents are candidates for resolving; their title, author, source,
 * URL and publication date are read. */
ds_status ds_citer_add_document(ds_citer *c, const ds_document *doc, ds_error *err);

/* One note of document `doc`: a footnote or reference entry (footnote
 * true), whose marker is read as its number and whose text is read as one
 * or more works ("; " between them, "Ibid." repeating the previous note
 * of the same document), or another sentence, of which only bare URLs are
 * kept.  Notes of one document are given in text order. */
ds_status ds_citer_add_note(ds_citer *c, int64_t doc, size_t sentence, const char *text,
                            size_t len, bool footnote, ds_error *err);

/* Resolves every cited work given; may be called once. */
ds_status ds_citer_resolve(ds_citer *c, ds_error *err);

size_t ds_citer_count(const ds_citer *c);
const ds_citation *ds_citer_at(const ds_citer *c, size_t i);

#endif
