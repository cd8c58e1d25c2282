#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"

typedef struct {
    char *key; /* folded */
    char *value;
    size_t seq; /* row order, so that sorting keeps later rows after earlier */
} entry;

struct ds_lexicon {
    entry *v;
    size_t n, cap;
    size_t max_words;
    const char *name;
    uint64_t pair[1024]; /* bit (a << 8 | b): some key starts with bytes a, b */
    uint32_t *slots;     /* hash of a key -> 1 + index of its last row; 0 empty */
    size_t mask;
};

static uint64_t key_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

enum { LEXICON_MAX_ENTRIES = 1 << 20 };

static int by_key(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static size_t count_words(const char *folded)
{
    size_t n = *folded ? 1 : 0;
    for (; *folded; folded++)
        n += *folded == ' ';
    return n;
}

static ds_status add_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_lexicon *lx = ud;
    if (nf < 2)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected a key and a value separated by a tab",
                            lx->name, line);
    if (lx->n == LEXICON_MAX_ENTRIES)
        return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d entries", lx->name, line,
                            LEXICON_MAX_ENTRIES);
    char *key = ds_fold(f[0], strlen(f[0]));
    if (!key)
        return ds_error_set(err, DS_ENOMEM, "%s:%zu: out of memory", lx->name, line);
    if (!*key) {
        ds_free(key);
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: the key has no letters or digits",
                            lx->name, line);
    }
    entry *v = ds_grow(lx->v, &lx->cap, lx->n, sizeof *v);
    if (!v) {
        ds_free(key);
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", lx->name);
    }
    lx->v = v;
    char *value = ds_strdup(ds_str_trim(f[1]));
    if (!value) {
        ds_free(key);
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", lx->name);
    }
    lx->v[lx->n] = (entry){key, value, lx->n};
    lx->n++;
    size_t words = count_words(key);
    if (words > lx->max_words)
        lx->max_words = words;
    return DS_OK;
}

static ds_status finish(ds_lexicon *lx, ds_status rc, ds_lexicon **out, ds_error *err)
{
    if (rc) {
        ds_lexicon_free(lx);
        return rc;
    }
    /* Later rows win over earlier ones with the same key, so a user can
     * append an override at the end of a file. */
    qsort(lx->v, lx->n, sizeof *lx->v, by_key);
    /* A hash table over the sorted rows: a look-up is one probe and one
     * compare, where the binary search took a dozen compares. */
    size_t size = 16;
    while (size < lx->n * 2)
        size *= 2;
    lx->slots = ds_calloc(size, sizeof *lx->slots);
    if (!lx->slots) {
        ds_lexicon_free(lx);
        return ds_error_set(err, DS_ENOMEM, "out of memory indexing a lexicon");
    }
    lx->mask = size - 1;
    for (size_t i = 0; i < lx->n; i++) {
        bool last = i + 1 == lx->n || strcmp(lx->v[i].key, lx->v[i + 1].key) != 0;
        if (!last)
            continue;
        size_t j = key_hash(lx->v[i].key) & lx->mask;
        while (lx->slots[j])
            j = (j + 1) & lx->mask;
        lx->slots[j] = (uint32_t)(i + 1);
    }
    for (size_t i = 0; i < lx->n; i++) {
        unsigned char a = (unsigned char)lx->v[i].key[0];
        unsigned char b = a ? (unsigned char)lx->v[i].key[1] : 0;
        unsigned k = (unsigned)a << 8 | b;
        lx->pair[k >> 6] |= 1ULL << (k & 63);
    }
    *out = lx;
    return DS_OK;
}

ds_status ds_lexicon_parse(ds_lexicon **out, const char *text, size_t len, const char *name,
                           ds_error *err)
{
    *out = NULL;
    ds_lexicon *lx = ds_calloc(1, sizeof *lx);
    if (!lx)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
    lx->name = name;
    ds_status rc = ds_tsv_parse(text, len, name, add_row, lx, err);
    lx->name = NULL;
    return finish(lx, rc, out, err);
}

ds_status ds_lexicon_load(ds_lexicon **out, const char *name, ds_error *err)
{
    *out = NULL;
    char path[4096];
    ds_status rc = ds_data_path(name, path, sizeof path, err);
    if (rc)
        return rc;
    ds_lexicon *lx = ds_calloc(1, sizeof *lx);
    if (!lx)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
    lx->name = path;
    rc = ds_tsv_read(path, add_row, lx, err);
    lx->name = NULL;
    return finish(lx, rc, out, err);
}

const char *ds_lexicon_get_folded(const ds_lexicon *lx, const char *folded)
{
    for (size_t j = key_hash(folded) & lx->mask; lx->slots[j]; j = (j + 1) & lx->mask) {
        const entry *e = &lx->v[lx->slots[j] - 1];
        if (strcmp(e->key, folded) == 0)
            return e->value;
    }
    return NULL;
}

bool ds_lexicon_may_match(const ds_lexicon *lx, const char *s, size_t n)
{
    unsigned char a = 0, b = 0;
    size_t i = 0;
    while (i < n && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && !(s[i] >= '0' && s[i] <= '9')) {
        if ((unsigned char)s[i] >= 0x80)
            return true;
        i++;
    }
    if (i >= n)
        return true;
    if ((unsigned char)s[i] >= 0x80)
        return true;
    a = (unsigned char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    if (i + 1 < n) {
        unsigned char c = (unsigned char)s[i + 1];
        if (c >= 0x80)
            return true;
        bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        b = word ? (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c) : ' ';
    }
    unsigned k = (unsigned)a << 8 | b;
    /* A one-letter first word folds to "x " or "x"; test both. */
    if (b == ' ' && (lx->pair[(unsigned)a << 8 >> 6] & (1ULL << (((unsigned)a << 8) & 63))))
        return true;
    return (lx->pair[k >> 6] & (1ULL << (k & 63))) != 0;
}

const char *ds_lexicon_get(const ds_lexicon *lx, const char *s, size_t n)
{
    /* ASCII fast path: the same folding as ds_fold, on the stack. */
    if (n < 256) {
        char b[257];
        size_t len = 0;
        bool space = false, ascii = true;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80) { ascii = false; break; }
            bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (word) {
                if (space && len)
                    b[len++] = ' ';
                space = false;
                b[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else {
                space = true;
            }
        }
        if (ascii) {
            b[len] = '\0';
            unsigned k = (unsigned)(unsigned char)b[0] << 8 | (unsigned char)(len ? b[1] : 0);
            if (!(lx->pair[k >> 6] & (1ULL << (k & 63))))
                return NULL;
            return ds_lexicon_get_folded(lx, b);
        }
    }
    char *folded = ds_fold(s, n);
    if (!folded)
        return NULL;
    const char *v = ds_lexicon_get_folded(lx, folded);
    ds_free(folded);
    return v;
}

size_t ds_lexicon_max_words(const ds_lexicon *lx) { return lx->max_words; }

void ds_lexicon_free(ds_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->n; i++) {
        ds_free(lx->v[i].key);
        ds_free(lx->v[i].value);
    }
    ds_free(lx->v);
    ds_free(lx->slots);
    ds_free(lx);
}
