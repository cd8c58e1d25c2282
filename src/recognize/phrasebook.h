/* phrasebook.h: multi-word phrases looked up over folded words (internal to
 * the recognize stage; the event, actor, group and cue lexicons use it).
 *
 * Text and phrases are cut into words by the same rules, so what a lexicon
 * file lists matches however the text writes it: case and diacritics are
 * folded, apostrophes inside a word are dropped ("Hay'at" is "hayat"), a
 * possessive "'s" ends its word and is noted on it, hyphens separate words
 * ("al-Sham" is "al sham").  Punctuation other than hyphens and apostrophes
 * becomes a token of its own, which no phrase crosses.
 *
 * Ownership: a ds__pb owns its words, phrases and payloads; it is immutable
 * once built and may serve many documents.  Word arrays come from the
 * caller's arena.
 */
#ifndef DS_RECOGNIZE_PHRASEBOOK_H
#define DS_RECOGNIZE_PHRASEBOOK_H
#include "core.h"

typedef struct ds__pb ds__pb;

/* One entry of a phrase: what a lexicon said it is. */
typedef struct ds__pb_entry {
    int kind;        /* the lexicon's own code */
    uint32_t value;  /* an index into that lexicon's table */
    struct ds__pb_entry *next; /* another entry for the same phrase */
} ds__pb_entry;

/* A token of text: a word (id >= 0 when some phrase uses it, -1 when
 * none does) or one punctuation character (punct). */
typedef struct ds__pw {
    uint32_t start, end; /* byte span, the possessive "'s" excluded */
    int32_t id;
    bool punct;
    bool cap;            /* starts with a capital letter */
    bool poss;           /* followed by a possessive "'s" */
    bool para;           /* a blank line comes before it */
} ds__pw;

ds_status ds__pb_new(ds__pb **out, ds_error *err);
void ds__pb_free(ds__pb *pb);
/* Adds a phrase with one entry.  A phrase of no words is refused with
 * DS_EINVAL; so is one longer than DS__PB_MAX_WORDS. */
enum { DS__PB_MAX_WORDS = 24 };
ds_status ds__pb_add(ds__pb *pb, const char *phrase, size_t len, int kind, uint32_t value,
                     ds_error *err);
/* Cuts text[0..len) into tokens with word ids.  *out is an arena array. */
ds_status ds__pb_words(const ds__pb *pb, const char *text, size_t len, ds_arena *a,
                       ds__pw **out, size_t *n, ds_error *err);
/* The id of w[0..n) when it is one word that some phrase uses, else -1. */
int32_t ds__pb_word_id(const ds__pb *pb, const char *w, size_t n);
/* The entries of the longest phrase that starts at token i and has an
 * entry whose kind is in the mask (bit 1 << kind); *end is set to the
 * token after it.  NULL when none does. */
const ds__pb_entry *ds__pb_match(const ds__pb *pb, const ds__pw *w, size_t n, size_t i,
                                 unsigned kinds, size_t *end);

#endif
