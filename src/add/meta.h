/* meta.h: guessing title, byline and publication date from a document's
 * first lines, and reading dates written in words (internal to "add").
 *
 * Ownership: strings in a ds__text_meta are ds_malloc'd and owned by it;
 * ds__text_meta_free releases them.  The lexicons are borrowed.
 */
#ifndef DS_META_H
#define DS_META_H

#include "model.h"
#include "normalize/lexicon.h"

typedef struct ds__cues {
    const ds_lexicon *months; /* data/months.tsv */
    const ds_lexicon *intake; /* data/intake_cues.tsv */
} ds__cues;

typedef struct ds__text_meta {
    char *title;
    char *author;
    char *agency; /* the "(Reuters)" of a dateline */
    ds_date published;
} ds__text_meta;

void ds__text_meta_free(ds__text_meta *m);

/* Looks at the head of normalized text for a title line, a byline, a
 * publication date and a dateline.  Finding nothing is not an error. */
ds_status ds__detect_meta(const char *text, size_t len, const ds__cues *cues,
                          ds__text_meta *out);

/* Finds the first complete date in s[0..n): ISO "2025-03-14", "14 March
 * 2025", "March 14, 2025", "14th of March 2025", or "March 2025" (month
 * precision).  On success fills *out and the byte range [*at, *end). */
bool ds__find_date(const char *s, size_t n, const ds_lexicon *months, ds_date *out,
                   size_t *at, size_t *end);

#endif
