/* key.h: how names and running text become lookup keys (internal).
 *
 * The gazetteer builder and the place recognizer must turn "Al-Qadmūs",
 * "Kadmous" and "القدموس" into the same key, so both call these functions
 * and nothing else.  A name is cut into tokens; each token is folded (case,
 * diacritics, apostrophe-like letters, Arabic letter variants), then reduced
 * to a "skeleton" by the transliteration rules stored in the index, so that
 * spelling variants (ou/u, iyah/ieh, doubled consonants) collide.  A key is
 * the hash of the skeletons of a name's tokens, articles left out.  A second
 * hash over the folded tokens tells an exact spelling from a variant.
 *
 * Nothing here allocates except ds__gz_rules_parse/free; the rules own their
 * strings.
 */
#ifndef DS_GAZETTEER_KEY_H
#define DS_GAZETTEER_KEY_H
#include "core.h"

enum { DS__GZ_TOKEN_MAX = 96 }; /* folded bytes kept per token */

/* Token flags, set by ds__gz_next_token and ds__gz_fold_token. */
enum {
    DS__TK_UPPER = 1 << 0,   /* first letter is an upper-case letter */
    DS__TK_UNCASED = 1 << 1, /* first letter has no case (Arabic, CJK) */
    DS__TK_DIGIT = 1 << 2,   /* starts with a digit */
    DS__TK_HYPHEN = 1 << 3,  /* a hyphen joins it to the next token */
    DS__TK_ARTICLE = 1 << 4, /* an Arabic article written apart: al, el, ash, ... */
    DS__TK_STRICT_ARTICLE = 1 << 5, /* al, el or ul: never an English word */
    DS__TK_ALLCAPS = 1 << 6,        /* every letter upper-case */
    DS__TK_POSSESSIVE = 1 << 7,     /* followed by 's */
};

typedef struct ds__gz_rule {
    char *from, *to;
    size_t from_len, to_len;
    bool at_start, at_end;
} ds__gz_rule;

enum { DS__GZ_RULES_PER_BYTE = 16 };

typedef struct ds__gz_rules {
    ds__gz_rule *items;
    size_t n;
    /* The rules starting with byte c, longest first: by_first[c][0..n_first[c]). */
    uint16_t by_first[256][DS__GZ_RULES_PER_BYTE];
    unsigned char n_first[256];
} ds__gz_rules;

/* Parses rules from TSV text (from<TAB>to, ^ and $ anchor a rule to the
 * token's start or end) and orders them longest first. */
ds_status ds__gz_rules_parse(ds__gz_rules *r, const char *text, size_t len, const char *name,
                             ds_error *err);
void ds__gz_rules_free(ds__gz_rules *r);

/* Finds the next token at or after *pos in s[0..n): a run of letters and
 * digits, where apostrophe-like marks inside a word are part of it.  Sets
 * [*start,*end), its flags (UPPER, UNCASED, DIGIT, HYPHEN, ALLCAPS,
 * POSSESSIVE) and moves *pos past it.  Returns false at the end. */
bool ds__gz_next_token(const char *s, size_t n, size_t *pos, size_t *start, size_t *end,
                       unsigned *flags);

/* Folds token s[0..n) into out (at most DS__GZ_TOKEN_MAX bytes, not
 * NUL-terminated): lower case, marks stripped, apostrophes dropped, Arabic
 * letter variants unified and an attached Arabic article removed.  Adds
 * ARTICLE and STRICT_ARTICLE to *flags for a detached article.  Returns the
 * folded length (0 for a token with nothing left). */
size_t ds__gz_fold_token(const char *s, size_t n, char *out, unsigned *flags);

/* Rewrites a folded token into its skeleton (out has DS__GZ_TOKEN_MAX
 * bytes); returns its length. */
size_t ds__gz_skeleton(const ds__gz_rules *r, const char *fold, size_t n, char *out);

/* Hashes: a token's bytes, and a running key over a sequence of tokens.
 * Key hashes are never 0, which marks an empty slot in the index. */
uint64_t ds__gz_hash(const char *s, size_t n);
static inline uint64_t ds__gz_key_start(void) { return 0x9e3779b97f4a7c15ULL; }
static inline uint64_t ds__gz_key_add(uint64_t key, uint64_t token_hash)
{
    uint64_t h = (key ^ token_hash) * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    return h + 0x632be59bd9b4e019ULL;
}
static inline uint64_t ds__gz_key_final(uint64_t key) { return key ? key : 1; }

/* The hashes of a whole name: skeleton key and exact-fold key, articles
 * skipped (unless the name is nothing but an article).  Returns the number
 * of tokens hashed (0 for a name with no letters). */
size_t ds__gz_name_keys(const ds__gz_rules *r, const char *name, size_t n, uint64_t *key,
                        uint64_t *exact, uint64_t *prefixes, size_t max_prefixes);

#endif
