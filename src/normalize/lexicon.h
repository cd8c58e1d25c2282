/* lexicon.h: word lists from data files, looked up by folded form.
 *
 * A lexicon maps keys (matched case- and diacritic-insensitively through
 * ds_fold) to a value string (the second column of its TSV file).  It is
 * immutable once loaded and owns all its strings; ds_lexicon_free releases
 * them.  Keys may hold several words ("written by", "تشرين الأول").
 */
#ifndef DS_LEXICON_H
#define DS_LEXICON_H

#include "core.h"

typedef struct ds_lexicon ds_lexicon;

/* Loads a two-column TSV (key, value) found by ds_data_path(name). */
ds_status ds_lexicon_load(ds_lexicon **out, const char *name, ds_error *err);
/* Builds a lexicon from TSV text in memory. */
ds_status ds_lexicon_parse(ds_lexicon **out, const char *text, size_t len, const char *name,
                           ds_error *err);
/* The value for s[0..n) after folding, or NULL. */
const char *ds_lexicon_get(const ds_lexicon *lx, const char *s, size_t n);
/* The same for a key that is already folded. */
const char *ds_lexicon_get_folded(const ds_lexicon *lx, const char *folded);
/* A quick filter before ds_lexicon_get: false when no key can start like
 * s (looks at the first two letters of ASCII text; true otherwise). */
bool ds_lexicon_may_match(const ds_lexicon *lx, const char *s, size_t n);
/* The largest number of words in any key, for longest-match scanning. */
size_t ds_lexicon_max_words(const ds_lexicon *lx);
void ds_lexicon_free(ds_lexicon *lx);

#endif
