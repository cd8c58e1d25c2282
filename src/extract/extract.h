/* extract.h: the recognize and extract stages run together on one
 * document: places, dates, figures, actors, groups, triggers and
 * attributions as mentions, and the claims assembled from them.
 *
 * Ownership: a ds_extractor owns the recognizers it loads (dates, figures,
 * the event lexicons, a segmenter for texts that arrive unsegmented) and
 * borrows the gazetteer, which must outlive it; without a gazetteer places
 * are not recognized.  It keeps no state between documents.  What
 * ds_extract_document adds to a document, the document owns.
 */
#ifndef DS_EXTRACT_EXTRACT_H
#define DS_EXTRACT_EXTRACT_H
#include "gazetteer/gazetteer.h"
#include "jsonw.h"
#include "model.h"
#include "recognize/time.h"
#include "sources/sources.h"

typedef struct ds_extractor ds_extractor;

typedef struct ds_extract_options {
    const char *country;    /* ISO code of the country focus, or NULL to infer */
    ds_date_order order;    /* how numeric dates are read */
} ds_extract_options;

/* registry supplies source names for attributions (borrowed for the call
 * only; may be NULL).  gz may be NULL. */
ds_status ds_extractor_new(ds_extractor **out, const ds_gazetteer *gz,
                           const ds_registry *registry, ds_error *err);
void ds_extractor_free(ds_extractor *x);

/* Splits d->text into sentences when d has none yet. */
ds_status ds_extract_segment(const ds_extractor *x, ds_document *d, ds_error *err);
/* Appends d's mentions and claims (d must be segmented). */
ds_status ds_extract_document(const ds_extractor *x, ds_document *d,
                              const ds_extract_options *o, ds_error *err);
/* The same mentions and claims, written instead of stored: the members
 * "mentions": [...] and "claims": [...] of the object w is in, exactly as
 * ds_extract_document would store them, in the same order.  d is read, not
 * changed. */
ds_status ds_extract_document_json(const ds_extractor *x, ds_document *d,
                                   const ds_extract_options *o, ds_jw *w, ds_error *err);

#endif
