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
    DS__TK_PLAIN = 1 << 8,          /* only ASCII letters and digits */
};

typedef struct ds__gz_rule {
    char *from, *to;
    size_t from_len, to_len;
    bool at_start, at_end;
} ds__gz_rule;

enum { DS__GZ_RULES_PER_BYTE = 16 };
enum { DS__GZ_RULE_ANYWHERE = 1, DS__GZ_RULE_AT_START = 2, DS__GZ_RULE_AT_END = 4 };

typedef struct ds__gz_rules {
    ds__gz_rule *items;
    size_t n;
    /* The rules starting with byte c, longest first: by_first[c][0..n_first[c]). */
    uint16_t by_first[256][DS__GZ_RULES_PER_BYTE];
    unsigned char n_first[256];
    /* Where a rule of the one byte c applies (bits RULE_ANYWHERE,
     * RULE_AT_START, RULE_AT_END of single[c]), and the bytes that follow c
     * in the longer ones (bit d of second[c]): most letters of a word start
     * no rule that fits, and these say so without trying any ("e$" is
     * tried only at a word's end). */
    unsigned char single[256];
    uint64_t second[256][4];
    /* Away from a word's ends, the rule that applies at byte c depends on
     * c and the byte d after it only (the shipped rules that match more
     * bytes are all anchored to the end): pair[c << 8 | d] is 1 + that
     * rule's index, 0 for none.  It answers where c starts no rule anchored
     * to the start (at the start), is further from the end than the longest
     * rule anchored to the end that c starts, and starts no unanchored rule
     * longer than two bytes.  Those three, and whether c starts any rule,
     * are one byte, read once for each byte of a word: reach[c] is 0 when
     * no rule starts with c; else bit 7 says that a rule anchored to the
     * start does, and bits 0-6 hold 1 + the length of its longest rule
     * anchored to the end, or 127 when it starts an unanchored rule longer
     * than two bytes (as good as any length: tokens are shorter). */
    uint16_t *pair;
    unsigned char reach[256];
} ds__gz_rules;

/* Parses rules from TSV text (from<TAB>to, ^ and $ anchor a rule to the
 * token's start or end) and orders them longest first. */
ds_status ds__gz_rules_parse(ds__gz_rules *r, const char *text, size_t len, const char *name,
                             ds_error *err);
void ds__gz_rules_free(ds__gz_rules *r);

/* Finds the next token at or after *pos in s[0..n): a run of letters and
 * digits, where apostrophe-like marks inside a word are part of it.  Sets
 * [*start,*end), its flags (UPPER, UNCASED, DIGIT, HYPHEN, ALLCAPS,
 * POSSESSIVE, PLAIN) and moves *pos past it.  Returns false at the end. */
bool ds__gz_next_token(const char *s, size_t n, size_t *pos, size_t *start, size_t *end,
                       unsigned *flags);

/* ASCII byte classes: DS__GZ_A_WORD for letters and digits, with
 * DS__GZ_A_LOWER for lower-case letters (for the fast paths of
 * ds__gz_next_token and of the place scanner's tokenizer). */
enum { DS__GZ_A_WORD = 1, DS__GZ_A_LOWER = 2 };
extern const unsigned char ds__gz_ascii_class[128];

/* Folds token s[0..n) into out (at most DS__GZ_TOKEN_MAX bytes, not
 * NUL-terminated): lower case, marks stripped, apostrophes dropped, Arabic
 * letter variants unified and an attached Arabic article removed.  Adds
 * ARTICLE and STRICT_ARTICLE to *flags for a detached article.  Returns the
 * folded length (0 for a token with nothing left). */
size_t ds__gz_fold_token(const char *s, size_t n, char *out, unsigned *flags);

/* ds__gz_fold_token for a token of ASCII letters and digits only
 * (DS__TK_PLAIN), which folds to its lower case: the same answer without
 * decoding, and *hash gets ds__gz_hash of the folded bytes.  The scanner
 * folds every capitalised word of the text. */
size_t ds__gz_fold_plain(const char *s, size_t n, char *out, unsigned *flags, uint64_t *hash);
/* The ARTICLE and STRICT_ARTICLE flags that ds__gz_fold_plain would add,
 * without folding the rest. */
unsigned ds__gz_plain_article(const char *s, size_t n);

/* Rewrites a folded token into its skeleton (out has DS__GZ_TOKEN_MAX
 * bytes); returns its length. */
size_t ds__gz_skeleton(const ds__gz_rules *r, const char *fold, size_t n, char *out);

/* Hashes: a token's bytes, and a running key over a sequence of tokens.
 * Key hashes are never 0, which marks an empty slot in the index. */
/* FNV-1a, then a final avalanche so that the low bits used to pick an
 * index slot depend on every byte; the steps apart, for callers that hash
 * bytes as they make them. */
static inline uint64_t ds__gz_hash_start(void) { return 0xcbf29ce484222325ULL; }
static inline uint64_t ds__gz_hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * 0x100000001b3ULL;
}
static inline uint64_t ds__gz_hash_end(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}
static inline uint64_t ds__gz_hash(const char *s, size_t n)
{
    uint64_t h = ds__gz_hash_start();
    for (size_t i = 0; i < n; i++)
        h = ds__gz_hash_byte(h, (unsigned char)s[i]);
    return ds__gz_hash_end(h);
}
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
