/* phrasebook.c: folded words in a hash table, phrases as word-id sequences
 * listed under their first word, longest first. */
#include "recognize/phrasebook.h"

#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"

/* Words longer than this are never lexicon words; they get no id. */
enum { KEY_MAX = 64, WORDS_CAP = 1u << 22, TOKENS_CAP = 1u << 26 };

typedef struct pb_phrase {
    int32_t ids[DS__PB_MAX_WORDS];
    uint32_t poss; /* bit k: word k carries a possessive ("People's Defence Force") */
    uint8_t n;
    ds__pb_entry *entries;
    struct pb_phrase *next;
} pb_phrase;

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

static int32_t find(const ds__pb *pb, const char *key, size_t n, uint64_t h)
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
    pb->first[pb->n] = NULL;
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
    pb->arena = ds_arena_new(64u << 20);
    if (!pb->slots || !pb->arena) {
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
    ds_free(pb->slots);
    ds_arena_free(pb->arena);
    ds_free(pb);
}

/* ---- cutting text into words ------------------------------------------- */

/* The length of an apostrophe-like character at s, or 0: ' ’ ‘ ʿ ʾ and `. */
static size_t apostrophe(const unsigned char *s, size_t n)
{
    if (s[0] == '\'' || s[0] == '`')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
        return 3;
    if (n >= 2 && s[0] == 0xCA && (s[1] == 0xBE || s[1] == 0xBF))
        return 2;
    return 0;
}

/* ASCII letters and digits, the word characters most text is made of; the
 * test is false for every byte of a multi-byte character. */
static inline bool ascii_alnum(unsigned char b)
{
    return (unsigned)((b | 0x20) - 'a') < 26 || (unsigned)(b - '0') < 10;
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

/* Folds the word bytes w[0..n) outside ASCII (apostrophes already removed)
 * into key; 0 when the folded word is too long to be a key. */
static size_t fold_wide(const char *w, size_t n, char key[KEY_MAX])
{
    char *f = ds_fold(w, n);
    if (!f)
        return 0;
    size_t m = 0;
    for (const char *p = f; *p && m < KEY_MAX; p++)
        if (*p != ' ')
            key[m++] = *p;
    bool fits = m < KEY_MAX;
    ds_free(f);
    return fits ? m : 0;
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
    size_t rn = 0, k;
    for (size_t i = c->start; i < c->end;) {
        size_t a = apostrophe(s + i, len - i);
        if (a) {
            i += a;
            continue;
        }
        char_class(s + i, len - i, &k);
        if (rn + k > RAW_MAX)
            break; /* next_cut measured the word: this does not happen */
        memcpy(raw + rn, s + i, k);
        rn += k;
        i += k;
    }
    c->key_len = fold_wide(raw, rn, c->key);
    c->hash = hash(c->key, c->key_len);
}

/* Reads the word or punctuation mark at or after *i; false at the end.
 * ASCII letters and digits are folded and hashed as they are read; a word
 * with other letters is folded once its end is known. */
static bool next_cut(const char *text, size_t len, size_t i, cut *c)
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
        unsigned char b = s[i];
        if (ascii_alnum(b)) {
            b = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            if (rn < KEY_MAX)
                c->key[rn] = (char)b;
            h = FNV_STEP(h, b);
            rn++;
            i++;
            continue;
        }
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

ds_status ds__pb_words(const ds__pb *pb, const char *text, size_t len, ds_arena *a,
                       ds__pw **out, size_t *n, ds_error *err)
{
    if (len > UINT32_MAX)
        return ds_error_set(err, DS_ETOOBIG, "text of %zu bytes is too long to scan", len);
    size_t cap = 256, count = 0;
    ds__pw *w = ds_arena_alloc(a, cap * sizeof *w);
    if (!w)
        return ds_error_set(err, DS_ENOMEM, "out of memory for words");
    cut c;
    for (size_t i = 0; next_cut(text, len, i, &c); i = c.next) {
        if (count == cap) {
            if (cap * 2 > TOKENS_CAP)
                return ds_error_set(err, DS_ETOOBIG, "more than %u words", TOKENS_CAP);
            ds__pw *grown = ds_arena_alloc(a, cap * 2 * sizeof *grown);
            if (!grown)
                return ds_error_set(err, DS_ENOMEM, "out of memory for words");
            memcpy(grown, w, count * sizeof *w);
            w = grown, cap *= 2;
        }
        unsigned char first = (unsigned char)text[c.start];
        w[count++] = (ds__pw){.start = (uint32_t)c.start, .end = (uint32_t)c.end,
                              .id = c.key_len ? find(pb, c.key, c.key_len, c.hash) : -1,
                              .punct = c.punct, .poss = c.poss, .para = c.para,
                              .cap = first >= 'A' && first <= 'Z'};
    }
    *out = w;
    *n = count;
    return DS_OK;
}

/* ---- phrases ------------------------------------------------------------ */

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
    }
    for (ds__pb_entry *e = p->entries; e; e = e->next)
        if (e->kind == kind && e->value == value)
            return DS_OK;
    ds__pb_entry *e = ds_arena_alloc(pb->arena, sizeof *e);
    if (!e)
        return ds_error_set(err, DS_ENOMEM, "out of memory for phrases");
    *e = (ds__pb_entry){.kind = kind, .value = value, .next = p->entries};
    p->entries = e;
    return DS_OK;
}

static bool has_kind(const ds__pb_entry *e, unsigned kinds)
{
    for (; e; e = e->next)
        if (kinds & (1u << e->kind))
            return true;
    return false;
}

const ds__pb_entry *ds__pb_match(const ds__pb *pb, const ds__pw *w, size_t n, size_t i,
                                 unsigned kinds, size_t *end)
{
    if (i >= n || w[i].id < 0)
        return NULL;
    for (const pb_phrase *p = pb->first[w[i].id]; p; p = p->next) {
        if (i + p->n > n || !has_kind(p->entries, kinds))
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
    return NULL;
}
