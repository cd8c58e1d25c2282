/* segment.h: sentence segmentation (DESIGN.md §2, stage "segment").
 *
 * Input is normalized UTF-8 text (NFC, LF line ends).  Output is an array of
 * ds_sentence spans [start, end) into that same text, in order, never
 * overlapping, trimmed of surrounding white space, each with a kind (body,
 * heading, bullet, caption, footnote).
 *
 * Ownership: a ds_segmenter holds the abbreviation lexicon loaded from
 * data/abbreviations.tsv; it is immutable after creation and may be shared
 * by threads.  ds_segment allocates *out with ds_malloc; the caller frees it
 * with ds_free.
 */
#ifndef DS_SEGMENT_H
#define DS_SEGMENT_H

#include "model.h"

typedef struct ds_segmenter ds_segmenter;

/* Loads the abbreviation lexicon.  path NULL means data/abbreviations.tsv
 * found through ds_data_path. */
ds_status ds_segmenter_new(ds_segmenter **out, const char *path, ds_error *err);
/* Builds a segmenter from lexicon text already in memory (tests, fuzzing). */
ds_status ds_segmenter_from_text(ds_segmenter **out, const char *tsv, size_t len,
                                 const char *name, ds_error *err);
void ds_segmenter_free(ds_segmenter *seg);

/* The most sentences one call of ds_segment produces. */
enum { DS_SEGMENT_MAX_SENTENCES = 1000000 };

/* Splits text[0..len) into sentences.  At most DS_SEGMENT_MAX_SENTENCES are
 * produced; more yields DS_ETOOBIG.  Any bytes are accepted, including
 * invalid UTF-8 and NUL bytes; the rules are described in
 * docs/segmentation.md. */
ds_status ds_segment(const ds_segmenter *seg, const char *text, size_t len,
                     ds_sentence **out, size_t *n_out, ds_error *err);

#endif
