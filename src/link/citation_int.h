/* citation_int.h: shared between citation.c (reading notes) and
 * citation_resolve.c (matching cited works to documents). */
#ifndef DS_CITATION_INT_H
#define DS_CITATION_INT_H

#include "citation.h"
#include "link_int.h"

enum { CT_WORDS_MAX = 48 };

/* A bag of folded words (four letters or more, or holding a digit). */
typedef struct ct_words {
    const char *w[CT_WORDS_MAX];
    size_t n;
} ct_words;

/* A document as resolving compares it: folded, in the citer's arena. */
typedef struct ct_doc {
    int64_t id;
    char sha256[65];       /* what breaks ties, ids being no content */
    ct_words title;
    const char *author;    /* folded */
    const char *surname;   /* the author's last word, folded */
    const char *publisher; /* folded */
    ct_words publisher_words;
    const char *url;       /* ds__ct_url_key */
    int32_t p0, p1;        /* publication days, INT32_MIN when undated */
} ct_doc;

struct ds_citer {
    const ds_times *times;
    const ds_link_policy *policy;
    ds_arena *arena;
    ct_doc *docs;
    size_t n_docs, cap_docs;
    ds_citation *v;
    size_t n, cap;
    int64_t prev_doc;      /* the document of the previous footnote, for "Ibid." */
    size_t prev_first, prev_n;
    bool resolved;
};

/* s folded (ds_fold) into the arena, or NULL. */
const char *ds__ct_fold(ds_arena *a, const char *s);
/* The words of folded text s (split in a copy in the arena). */
void ds__ct_words(ds_arena *a, const char *folded, ct_words *out);
/* A URL reduced to what identifies it: no scheme, no "www.", no trailing
 * slash, lower case host; NULL for anything that is not an http(s) URL. */
const char *ds__ct_url_key(ds_arena *a, const char *url);

#endif
