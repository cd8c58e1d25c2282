/* phrasebook.c: folded words in a hash table, phrases as word-id sequences
 * listed under their first word, longest first; for matching, the same
 * phrases are also listed under their first two words (or, for phrases of
 * one word, under that word), so that a common first word ("the",
 * "armed") does not mean trying every phrase it starts. */
#include "recognize/phrasebook.h"

#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"

/* Words longer than this are never lexicon words; they get no id. */
enum { KEY_MAX = 64, WORDS_CAP = 1u << 22, TOKENS_CAP = 1u << 26 };
_Static_assert((KEY_MAX & (KEY_MAX - 1)) == 0, "next_cut wraps keys with a mask");

typedef struct pb_phrase {
    int32_t ids[DS__PB_MAX_WORDS];
    uint32_t poss; /* bit k: word k carries a possessive ("People's Defence Force") */
    uint8_t n;
    unsigned kinds; /* bit 1 << kind of each entry */
    ds__pb_entry *entries;
    struct pb_phrase *next; /* under the same first word */
    struct pb_phrase *also; /* under the same first two words, or one-word phrases of it */
} pb_phrase;

/* The phrases of two words or more that start with words a1 - 1, b. */
typedef struct pb_pair {
    uint32_t a1, b; /* a1 0: empty */
    pb_phrase *head;
} pb_pair;

/* A slot of the word table: 1 + word id (0 when empty) and the upper half
 * of the word's hash, so that a probe compares spellings only when the
 * hashes agree. */
typedef struct pb_slot {
    uint32_t id1, tag;
} pb_slot;

struct ds__pb {
    char **keys;        /* folded spelling by word id */
    uint8_t *lens;      /* its length (less than KEY_MAX) */
    pb_phrase **first;  /* phrases starting with each word id */
    pb_phrase **single; /* phrases of that one word */
    pb_pair *pairs;     /* open addressing, at most half full */
    size_t pair_mask, n_pairs;
    size_t n, cap;
    pb_slot *slots;     /* open addressing, at most half full */
    size_t mask;
    ds_arena *arena;
};

/* FNV-1a over the folded bytes; the word splitter computes it byte by
 * byte while it folds, so a word is read once. */
#define FNV_BASIS 14695981039346656037u
#define FNV_STEP(h, b) (((h) ^ (unsigned char)(b)) * 1099511628211u)

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = FNV_STEP(h, s[i]);
    return h;
}

static inline int32_t find(const ds__pb *pb, const char *key, size_t n, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = h & pb->mask;; i = (i + 1) & pb->mask) {
        pb_slot s = pb->slots[i];
        if (!s.id1)
            return -1;
        if (s.tag == tag && pb->lens[s.id1 - 1] == n && memcmp(pb->keys[s.id1 - 1], key, n) == 0)
            return (int32_t)(s.id1 - 1);
    }
}

static void place(pb_slot *slots, size_t mask, uint64_t h, uint32_t id)
{
    size_t i = h & mask;
    while (slots[i].id1)
        i = (i + 1) & mask;
    slots[i] = (pb_slot){.id1 = id + 1, .tag = (uint32_t)(h >> 32)};
}

static ds_status rehash(ds__pb *pb, ds_error *err)
{
    size_t size = (pb->mask + 1) * 2;
    pb_slot *slots = ds_calloc(size, sizeof *slots);
    if (!slots)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the phrase table");
    for (size_t id = 0; id < pb->n; id++)
        place(slots, size - 1, hash(pb->keys[id], pb->lens[id]), (uint32_t)id);
    ds_free(pb->slots);
    pb->slots = slots;
    pb->mask = size - 1;
    return DS_OK;
}

/* Makes room for one more word id in the tables kept by id. */
static ds_status grow_ids(ds__pb *pb, ds_error *err)
{
    if (pb->n < pb->cap)
        return DS_OK;
    char **keys = ds_grow(pb->keys, &pb->cap, pb->n, sizeof *keys);
    if (!keys)
        return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon words");
    pb->keys = keys;
    pb_phrase **first = ds_realloc(pb->first, pb->cap * sizeof *first);
    if (!first)
        return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon words");
    pb->first = first;
    pb_phrase **single = ds_realloc(pb->single, pb->cap * sizeof *single);
    if (!single)
        return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon words");
    pb->single = single;
    uint8_t *lens = ds_realloc(pb->lens, pb->cap * sizeof *lens);
    if (!lens)
        return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon words");
    pb->lens = lens;
    return DS_OK;
}

static ds_status intern(ds__pb *pb, const char *key, size_t n, uint64_t h, int32_t *id,
                        ds_error *err)
{
    if ((*id = find(pb, key, n, h)) >= 0)
        return DS_OK;
    if (pb->n >= WORDS_CAP)
        return ds_error_set(err, DS_ETOOBIG, "more than %u distinct lexicon words", WORDS_CAP);
    if ((pb->n + 1) * 2 > pb->mask + 1 && rehash(pb, err) != DS_OK)
        return err->code;
    if (grow_ids(pb, err) != DS_OK)
        return err->code;
    char *k = ds_arena_strndup(pb->arena, key, n);
    if (!k)
        return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon words");
    pb->keys[pb->n] = k;
    pb->lens[pb->n] = (uint8_t)n;
    pb->first[pb->n] = pb->single[pb->n] = NULL;
    place(pb->slots, pb->mask, h, (uint32_t)pb->n);
    *id = (int32_t)pb->n++;
    return DS_OK;
}

ds_status ds__pb_new(ds__pb **out, ds_error *err)
{
    *out = NULL;
    ds__pb *pb = ds_calloc(1, sizeof *pb);
    if (!pb)
        return ds_error_set(err, DS_ENOMEM, "out of memory for a phrase table");
    pb->mask = 1023;
    pb->slots = ds_calloc(pb->mask + 1, sizeof *pb->slots);
    pb->pair_mask = 1023;
    pb->pairs = ds_calloc(pb->pair_mask + 1, sizeof *pb->pairs);
    pb->arena = ds_arena_new(64u << 20);
    if (!pb->slots || !pb->pairs || !pb->arena) {
        ds__pb_free(pb);
        return ds_error_set(err, DS_ENOMEM, "out of memory for a phrase table");
    }
    *out = pb;
    return DS_OK;
}

void ds__pb_free(ds__pb *pb)
{
    if (!pb)
        return;
    ds_free(pb->keys);
    ds_free(pb->lens);
    ds_free(pb->first);
    ds_free(pb->single);
    ds_free(pb->pairs);
    ds_free(pb->slots);
    ds_arena_free(pb->arena);
    ds_free(pb);
}

/* ---- cutting text into words ------------------------------------------- */

/* The length of an apostrophe-like character at s, or 0: ' ’ ‘ ʿ ʾ and `. */
static inline size_t apostrophe(const unsigned char *s, size_t n)
{
    if (s[0] == '\'' || s[0] == '`')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
        return 3;
    if (n >= 2 && s[0] == 0xCA && (s[1] == 0xBE || s[1] == 0xBF))
        return 2;
    return 0;
}

/* What each byte folds to when it is an ASCII letter or digit, the word
 * characters most text is made of, and 0 for every other byte (so for
 * every byte of a multi-byte character): one load both tells a word
 * character and folds it. */
#define FOLD1(b) (((b) >= 'A' && (b) <= 'Z') || ((b) >= 'a' && (b) <= 'z') ? (b) | 0x20 \
                  : (b) >= '0' && (b) <= '9'                               ? (b)        \
                                                                           : 0)
#define FOLD4(b) FOLD1(b), FOLD1((b) + 1), FOLD1((b) + 2), FOLD1((b) + 3)
#define FOLD16(b) FOLD4(b), FOLD4((b) + 4), FOLD4((b) + 8), FOLD4((b) + 12)
#define FOLD64(b) FOLD16(b), FOLD16((b) + 16), FOLD16((b) + 32), FOLD16((b) + 48)
static const unsigned char ascii_fold[256] = {FOLD64(0), FOLD64(64), FOLD64(128), FOLD64(192)};

static inline bool ascii_alnum(unsigned char b)
{
    return ascii_fold[b] != 0;
}

/* The class of a character outside ASCII, by its Unicode category. */
static int wide_class(const unsigned char *s, size_t n, size_t *k)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t m = utf8proc_iterate(s, (utf8proc_ssize_t)(n < 4 ? n : 4), &cp);
    if (m <= 0) {
        *k = 1;
        return 3;
    }
    *k = (size_t)m;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
        return 1;
    return cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_ZP ? 2 : 3;
}

/* Classifies the character at s: 1 a word character, 2 white space, 3
 * punctuation; *k is its length (1 for a byte that is not valid UTF-8). */
static inline int char_class(const unsigned char *s, size_t n, size_t *k)
{
    if (s[0] < 0x80) {
        *k = 1;
        if (ascii_alnum(s[0]))
            return 1;
        return s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r') ? 2 : 3;
    }
    return wide_class(s, n, k);
}

/* The folded word characters of ds_fold's result f[0..m) into key (its
 * spaces, which only separate runs of them, dropped); 0 when they do not
 * fit a key. */
static size_t key_of_folded(const unsigned char *f, size_t m, char key[KEY_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < m;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(f + i, (utf8proc_ssize_t)(m - i), &cp);
        if (k <= 0)
            break;
        utf8proc_category_t cat = utf8proc_category(cp);
        if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
            (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
            if (n + (size_t)k >= KEY_MAX)
                return 0;
            memcpy(key + n, f + i, (size_t)k);
            n += (size_t)k;
        }
        i += (size_t)k;
    }
    return n;
}

/* Folds the word bytes w[0..n) outside ASCII (apostrophes already removed)
 * into key, as ds_fold folds the lexicon files; 0 when the folded word is
 * too long to be a key.  ds_fold's utf8proc_map decomposes twice and
 * allocates twice; the same calls on a buffer on the stack do it once. */
static size_t fold_wide(const char *w, size_t n, char key[KEY_MAX])
{
    enum { CPS = 1024 };
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE;
    /* utf8proc_reencode needs one byte more than the code points take. */
    utf8proc_int32_t cps[CPS + 1];
    utf8proc_ssize_t m =
        utf8proc_decompose((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, cps, CPS, opt);
    if (m >= 0 && m <= CPS) {
        m = utf8proc_reencode(cps, m, opt);
        return m < 0 ? 0 : key_of_folded((const unsigned char *)cps, (size_t)m, key);
    }
    if (m < 0)
        return 0;
    char *f = ds_fold(w, n); /* more code points than the buffer holds */
    if (!f)
        return 0;
    size_t len = key_of_folded((const unsigned char *)f, strlen(f), key);
    ds_free(f);
    return len;
}

typedef struct cut {
    size_t start, end, next; /* the word's span and where scanning goes on */
    bool punct, poss, para;
    size_t key_len;          /* 0 when the word cannot be a key */
    uint64_t hash;           /* of key[0..key_len) */
    char key[KEY_MAX];
} cut;

/* The longest word whose bytes are kept for folding (apostrophes left
 * out); a longer one gets no key. */
enum { RAW_MAX = KEY_MAX * 4 };

/* Sets the key of a word with characters outside ASCII: its bytes without
 * apostrophes, folded as the lexicon files were. */
static void wide_key(const unsigned char *s, size_t len, cut *c)
{
    char raw[RAW_MAX];
    size_t rn = 0;
    /* The word is apostrophes and valid UTF-8 word characters; no
     * apostrophe starts on a continuation byte, so bytes can be copied
     * one by one. */
    for (size_t i = c->start; i < c->end && rn < RAW_MAX;) {
        size_t a = apostrophe(s + i, len - i);
        if (a)
            i += a;
        else
            raw[rn++] = (char)s[i++];
    }
    c->key_len = fold_wide(raw, rn, c->key);
    c->hash = hash(c->key, c->key_len);
}

/* Folds and hashes the run of ASCII letters and digits that starts at
 * s[i], writing it into key from byte rn on; returns where the run ends.
 * Past KEY_MAX bytes the key is overwritten from its start, which costs
 * no test: such a word gets no key. */
static inline size_t ascii_run(const unsigned char *s, size_t i, size_t len, char key[KEY_MAX],
                               size_t rn, uint64_t *h)
{
    const unsigned char *p = s + i, *end = s + len, *base = p - rn;
    uint64_t x = *h;
    unsigned char b;
    while (p < end && (b = ascii_fold[*p]) != 0) {
        key[(size_t)(p - base) & (KEY_MAX - 1)] = (char)b;
        x = FNV_STEP(x, b);
        p++;
    }
    *h = x;
    return (size_t)(p - s);
}

/* Reads the word or punctuation mark at or after *i; false at the end.
 * ASCII letters and digits are folded and hashed as they are read; a word
 * with other letters is folded once its end is known. */
static inline bool next_cut(const char *text, size_t len, size_t i, cut *c)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 1;
    int cls = 0;
    c->para = false;
    while (i < len) {
        if (ascii_alnum(s[i])) {
            cls = 1;
            break;
        }
        if (s[i] == '\n' && i + 1 < len && s[i + 1] == '\n')
            c->para = true;
        cls = char_class(s + i, len - i, &k);
        if (cls != 2 && !(s[i] == '-' || apostrophe(s + i, len - i)))
            break;
        i += k;
    }
    if (i >= len)
        return false;
    c->start = i;
    c->poss = c->punct = false;
    if (cls == 3) {
        c->end = c->next = i + k;
        c->punct = true;
        c->key_len = 0;
        return true;
    }
    uint64_t h = FNV_BASIS;
    size_t rn = 0; /* bytes of the word, apostrophes left out */
    bool ascii = true;
    while (i < len) {
        size_t j = ascii_run(s, i, len, c->key, rn, &h);
        rn += j - i;
        if ((i = j) >= len || (s[i] < 0x80 && s[i] != '\'' && s[i] != '`'))
            break; /* the common end: a space or a punctuation mark */
        size_t a = apostrophe(s + i, len - i);
        if (a) {
            /* A possessive 's ends the word; any other apostrophe between
             * letters is part of it and dropped ("Hay'at"). */
            size_t after = i + a;
            if (after < len && (s[after] | 0x20) == 's' &&
                (after + 1 >= len || char_class(s + after + 1, len - after - 1, &k) != 1)) {
                c->poss = true;
                c->end = i;
                c->next = after + 1;
                goto done;
            }
            if (after < len && char_class(s + after, len - after, &k) == 1) {
                i = after;
                continue;
            }
            break;
        }
        if (char_class(s + i, len - i, &k) != 1)
            break;
        ascii = false;
        rn += k;
        i += k;
    }
    c->end = c->next = i;
done:
    if (rn > RAW_MAX || (ascii && rn >= KEY_MAX))
        c->key_len = 0;
    else if (ascii)
        c->key_len = rn, c->hash = h;
    else
        wide_key(s, len, c);
    return true;
}

/* The id of the ASCII word s[0..n) whose folded bytes hash to h, compared
 * byte by byte as it is folded, or -1. */
static int32_t find_ascii(const ds__pb *pb, const unsigned char *s, size_t n, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = h & pb->mask;; i = (i + 1) & pb->mask) {
        pb_slot slot = pb->slots[i];
        if (!slot.id1)
            return -1;
        if (slot.tag != tag || pb->lens[slot.id1 - 1] != n)
            continue;
        const char *k = pb->keys[slot.id1 - 1];
        size_t j = 0;
        while (j < n && ascii_fold[s[j]] == (unsigned char)k[j])
            j++;
        if (j == n)
            return (int32_t)(slot.id1 - 1);
    }
}

/* True for an ASCII punctuation mark that is a token of its own: not a
 * letter, digit or space, nor a hyphen or apostrophe, which next_cut
 * skips. */
static inline bool lone_mark(unsigned char b)
{
    return b < 0x80 && !ascii_fold[b] && b != ' ' && !(b >= '\t' && b <= '\r') && b != '-' &&
           b != '\'' && b != '`';
}

/* A token array in the caller's arena, grown by doubling. */
typedef struct tokens {
    ds__pw *w;
    size_t n, cap;
} tokens;

static ds_status room(tokens *t, ds_arena *a, ds_error *err)
{
    if (t->n >= TOKENS_CAP)
        return ds_error_set(err, DS_ETOOBIG, "more than %u words", TOKENS_CAP);
    size_t ncap = t->cap * 2 < TOKENS_CAP ? t->cap * 2 : TOKENS_CAP;
    ds__pw *grown = ds_arena_alloc(a, ncap * sizeof *grown);
    if (!grown)
        return ds_error_set(err, DS_ENOMEM, "out of memory for words");
    memcpy(grown, t->w, t->n * sizeof *grown);
    t->w = grown, t->cap = ncap;
    return DS_OK;
}

/* Most of a text is spaces, ASCII words that end in a space or a
 * punctuation mark, and such marks: those are cut here, with the word
 * folded, hashed and looked up in one pass.  Anything else (a line break,
 * a hyphen, an apostrophe, a character outside ASCII) goes through
 * next_cut, from the same position, so the tokens are the same. */
ds_status ds__pb_words(const ds__pb *pb, const char *text, size_t len, ds_arena *a,
                       ds__pw **out, size_t *n, ds_error *err)
{
    if (len > UINT32_MAX)
        return ds_error_set(err, DS_ETOOBIG, "text of %zu bytes is too long to scan", len);
    const unsigned char *s = (const unsigned char *)text;
    /* Text has a token every five or six bytes; starting near that count
     * spares copying the array as it grows. */
    tokens t = {.cap = 256 + len / 5 < TOKENS_CAP ? 256 + len / 5 : TOKENS_CAP};
    if (!(t.w = ds_arena_alloc(a, t.cap * sizeof *t.w)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for words");
    for (size_t i = 0; i < len;) {
        unsigned char b = s[i];
        if (b == ' ') {
            i++;
            continue;
        }
        if (t.n == t.cap && room(&t, a, err) != DS_OK)
            return err->code;
        ds__pw *w = &t.w[t.n];
        if (ascii_fold[b]) {
            uint64_t h = FNV_BASIS;
            size_t e = i;
            for (unsigned char f; e < len && (f = ascii_fold[s[e]]) != 0; e++)
                h = FNV_STEP(h, f);
            /* An apostrophe or a letter outside ASCII may carry the word on. */
            if (e == len || (s[e] < 0x80 && s[e] != '\'' && s[e] != '`')) {
                *w = (ds__pw){.start = (uint32_t)i, .end = (uint32_t)e,
                              .id = e - i < KEY_MAX ? find_ascii(pb, s + i, e - i, h) : -1,
                              .cap = b >= 'A' && b <= 'Z'};
                t.n++;
                i = e;
                continue;
            }
        } else if (lone_mark(b)) {
            *w = (ds__pw){.start = (uint32_t)i, .end = (uint32_t)i + 1, .id = -1, .punct = true};
            t.n++;
            i++;
            continue;
        }
        cut c;
        if (!next_cut(text, len, i, &c))
            break;
        *w = (ds__pw){.start = (uint32_t)c.start, .end = (uint32_t)c.end,
                      .id = c.key_len ? find(pb, c.key, c.key_len, c.hash) : -1,
                      .punct = c.punct, .poss = c.poss, .para = c.para,
                      .cap = s[c.start] >= 'A' && s[c.start] <= 'Z'};
        t.n++;
        i = c.next;
    }
    *out = t.w;
    *n = t.n;
    return DS_OK;
}

int32_t ds__pb_word_id(const ds__pb *pb, const char *w, size_t n)
{
    cut c;
    if (!next_cut(w, n, 0, &c) || c.punct || c.start != 0 || c.next != n || !c.key_len)
        return -1;
    return find(pb, c.key, c.key_len, c.hash);
}

/* ---- phrases ------------------------------------------------------------ */

static size_t pair_hash(uint32_t a, uint32_t b)
{
    return (size_t)((((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15u) >> 32);
}

/* The slot of the pair a, b: its own, or the empty one where it would go. */
static pb_pair *pair_at(pb_pair *pairs, size_t mask, uint32_t a, uint32_t b)
{
    size_t i = pair_hash(a, b) & mask;
    while (pairs[i].a1 && (pairs[i].a1 != a + 1 || pairs[i].b != b))
        i = (i + 1) & mask;
    return &pairs[i];
}

static ds_status grow_pairs(ds__pb *pb, ds_error *err)
{
    size_t size = (pb->pair_mask + 1) * 2;
    pb_pair *pairs = ds_calloc(size, sizeof *pairs);
    if (!pairs)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the phrase table");
    for (size_t i = 0; i <= pb->pair_mask; i++)
        if (pb->pairs[i].a1)
            *pair_at(pairs, size - 1, pb->pairs[i].a1 - 1, pb->pairs[i].b) = pb->pairs[i];
    ds_free(pb->pairs);
    pb->pairs = pairs;
    pb->pair_mask = size - 1;
    return DS_OK;
}

/* Lists a new phrase under its first two words, or under its one word,
 * longest first like the list under its first word, so that both lists
 * try phrases in the same order. */
static ds_status index_phrase(ds__pb *pb, pb_phrase *p, ds_error *err)
{
    pb_phrase **link = &pb->single[p->ids[0]];
    if (p->n > 1) {
        if ((pb->n_pairs + 1) * 2 > pb->pair_mask + 1 && grow_pairs(pb, err) != DS_OK)
            return err->code;
        uint32_t a = (uint32_t)p->ids[0], b = (uint32_t)p->ids[1];
        pb_pair *slot = pair_at(pb->pairs, pb->pair_mask, a, b);
        if (!slot->a1) {
            *slot = (pb_pair){.a1 = a + 1, .b = b};
            pb->n_pairs++;
        }
        link = &slot->head;
    }
    while (*link && (*link)->n > p->n)
        link = &(*link)->also;
    p->also = *link;
    *link = p;
    return DS_OK;
}

ds_status ds__pb_add(ds__pb *pb, const char *phrase, size_t len, int kind, uint32_t value,
                     ds_error *err)
{
    pb_phrase tmp = {0};
    cut c;
    for (size_t i = 0; next_cut(phrase, len, i, &c); i = c.next) {
        if (c.punct)
            continue; /* "Ansar Allah (Houthis)" lists its words only */
        if (!c.key_len || tmp.n == DS__PB_MAX_WORDS)
            return ds_error_set(err, DS_EINVAL, "phrase \"%.*s\" is too long", (int)len, phrase);
        if (intern(pb, c.key, c.key_len, c.hash, &tmp.ids[tmp.n], err) != DS_OK)
            return err->code;
        tmp.poss |= (uint32_t)c.poss << tmp.n;
        tmp.n++;
    }
    if (!tmp.n)
        return ds_error_set(err, DS_EINVAL, "empty phrase");
    pb_phrase **link = &pb->first[tmp.ids[0]], *p;
    for (p = *link; p; p = p->next)
        if (p->n == tmp.n && p->poss == tmp.poss &&
            memcmp(p->ids, tmp.ids, tmp.n * sizeof *tmp.ids) == 0)
            break;
    if (!p) {
        p = ds_arena_alloc(pb->arena, sizeof *p);
        if (!p)
            return ds_error_set(err, DS_ENOMEM, "out of memory for phrases");
        *p = tmp;
        /* Longest first, so the first phrase that fits is the longest. */
        while (*link && (*link)->n > p->n)
            link = &(*link)->next;
        p->next = *link;
        *link = p;
        if (index_phrase(pb, p, err) != DS_OK)
            return err->code;
    }
    for (ds__pb_entry *e = p->entries; e; e = e->next)
        if (e->kind == kind && e->value == value)
            return DS_OK;
    ds__pb_entry *e = ds_arena_alloc(pb->arena, sizeof *e);
    if (!e)
        return ds_error_set(err, DS_ENOMEM, "out of memory for phrases");
    *e = (ds__pb_entry){.kind = kind, .value = value, .next = p->entries};
    p->entries = e;
    p->kinds |= 1u << kind;
    return DS_OK;
}

const ds__pb_entry *ds__pb_match(const ds__pb *pb, const ds__pw *w, size_t n, size_t i,
                                 unsigned kinds, size_t *end)
{
    if (i >= n || w[i].id < 0 || !pb->first[w[i].id])
        return NULL;
    /* The longest phrase a word starts comes first under it: when that
     * has one word, there is no pair to look up. */
    const pb_phrase *p = NULL;
    if (pb->first[w[i].id]->n > 1 && i + 1 < n && w[i + 1].id >= 0)
        p = pair_at(pb->pairs, pb->pair_mask, (uint32_t)w[i].id, (uint32_t)w[i + 1].id)->head;
    for (; p; p = p->also) {
        if (i + p->n > n || !(p->kinds & kinds))
            continue;
        size_t k = 1;
        /* A phrase runs past a possessive only where it has one itself:
         * "Assad's forces" is not the phrase "Assad forces", and "People's
         * Defence Force" is matched as written. */
        while (k < p->n && w[i + k].id == p->ids[k] &&
               w[i + k - 1].poss == ((p->poss >> (k - 1)) & 1))
            k++;
        if (k == p->n) {
            *end = i + k;
            return p->entries;
        }
    }
    for (p = pb->single[w[i].id]; p; p = p->also)
        if (p->kinds & kinds) {
            *end = i + 1;
            return p->entries;
        }
    return NULL;
}
