/* places_phrases.c: the cue, stoplist and area phrases in one table keyed
 * by word hashes.
 *
 * The scanner asks about the words around every capitalised word ("is
 * this a cue, a stopped name, an area?"), several spans each time.  Asking
 * the lexicons folds each span's text and hashes it again; here each word
 * of the text is hashed once and a span's key is the chain of its words'
 * hashes (key.h's ds__gz_key_add), so a span costs one probe.  The table
 * holds what the lexicons hold: it is read from the same files, with the
 * same folding of keys (ds_fold) and the same rule that a later row wins,
 * and every hit is checked word by word against the text. */
#include "places_int.h"
#include "normalize/normalize.h"

#include <string.h>

uint64_t ds__places_word_hash(const char *s, size_t n)
{
    uint64_t h = ds__places_word_start(n);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = ds__places_word_add(h, ds__places_load8(s + i));
    if (i < n) {
        uint64_t w = 0;
        for (size_t k = 0; i + k < n; k++)
            w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        h = ds__places_word_add(h, w);
    }
    return ds__places_word_end(h);
}

/* The key of a folded phrase: the chain of its space-separated words. */
static uint64_t phrase_key(const char *folded)
{
    uint64_t key = ds__gz_key_start();
    for (const char *w = folded; *w;) {
        size_t n = strcspn(w, " ");
        key = ds__gz_key_add(key, ds__places_word_hash(w, n));
        w += n + (w[n] == ' ');
    }
    return ds__gz_key_final(key);
}

/* The entry for a folded phrase, added when absent; NULL when out of
 * memory.  The table grows at half full. */
static ds__phrase *entry_for(ds__phrases *t, char *folded)
{
    uint64_t key = phrase_key(folded);
    if (t->mask) {
        for (size_t j = key & t->mask; t->items[j].key; j = (j + 1) & t->mask)
            if (t->items[j].key == key && strcmp(t->items[j].words, folded) == 0) {
                ds_free(folded);
                return &t->items[j];
            }
    }
    if ((t->n + 1) * 2 > t->mask + 1 || !t->mask) {
        size_t size = t->mask ? (t->mask + 1) * 2 : 64;
        ds__phrase *items = ds_calloc(size, sizeof *items);
        if (!items) {
            ds_free(folded);
            return NULL;
        }
        for (size_t i = 0; t->mask && i <= t->mask; i++) {
            if (!t->items[i].key)
                continue;
            size_t j = t->items[i].key & (size - 1);
            while (items[j].key)
                j = (j + 1) & (size - 1);
            items[j] = t->items[i];
        }
        ds_free(t->items);
        t->items = items;
        t->mask = size - 1;
    }
    size_t j = key & t->mask;
    while (t->items[j].key)
        j = (j + 1) & t->mask;
    size_t n = strlen(folded);
    char *words = ds_calloc(n + DS__PHRASE_PAD + 1, 1);
    if (!words) {
        ds_free(folded);
        return NULL;
    }
    memcpy(words, folded, n);
    ds_free(folded);
    ds__phrase *e = &t->items[j];
    memset(e, 0, sizeof *e);
    e->key = key;
    e->words = words;
    t->n++;
    return e;
}

ds__cue ds__places_role(const char *v)
{
    /* The role names differ early: no string compares. */
    switch (v[0]) {
    case 'a':
        if (v[1] == 'r')
            return DS__CUE_AREA;
        if (strlen(v) < 6)
            return DS__CUE_NONE;
        return v[5] == '1' ? DS__CUE_ADMIN1 : v[5] == '2' ? DS__CUE_ADMIN2 : DS__CUE_NONE;
    case 'n': return DS__CUE_NEAR;
    case 'i': return DS__CUE_IN;
    case 'f': return DS__CUE_FEATURE;
    case 'd': return DS__CUE_DIRECTION;
    case 'g': return DS__CUE_GENERIC;
    case 'm': return DS__CUE_MILITARY;
    case 'o': return DS__CUE_ORGANISATION;
    case 'l': return DS__CUE_LANDFORM;
    case 's': return DS__CUE_STREET;
    default: return DS__CUE_NONE;
    }
}

enum { FROM_CUES, FROM_STOP, FROM_AREAS };

typedef struct load_ctx {
    ds__phrases *t;
    int from;
    const char *path;
} load_ctx;

static ds_status phrase_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    load_ctx *c = ud;
    /* ds_lexicon_load read this file first and refused bad rows, so a bad
     * row here means the file changed in between. */
    if (nf < 2)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected a key and a value", c->path,
                            line);
    char *folded = ds_fold(f[0], strlen(f[0]));
    if (!folded)
        return ds_error_set(err, DS_ENOMEM, "out of memory reading place phrases");
    if (!*folded) {
        ds_free(folded);
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: the key has no letters or digits",
                            c->path, line);
    }
    ds__phrase *e = entry_for(c->t, folded);
    if (!e)
        return ds_error_set(err, DS_ENOMEM, "out of memory reading place phrases");
    const char *value = ds_str_trim(f[1]);
    switch (c->from) {
    case FROM_CUES:
        e->cue = (uint8_t)ds__places_role(value);
        break;
    case FROM_STOP:
        e->stop = true;
        break;
    case FROM_AREAS: {
        char *v = ds_strdup(value);
        if (!v)
            return ds_error_set(err, DS_ENOMEM, "out of memory reading place phrases");
        ds_free(e->area);
        e->area = v;
        break;
    }
    }
    return DS_OK;
}

/* A word's slot value in the vocabulary: 0 marks an empty slot. */
static uint64_t vocab_value(uint64_t h) { return h ? h : 1; }

unsigned ds__places_word_bits(const ds__phrases *t, uint64_t word, const ds__phrase **alone)
{
    uint64_t v = vocab_value(word);
    for (size_t j = (v ^ (v >> 32)) & t->vocab_mask; t->vocab[j]; j = (j + 1) & t->vocab_mask)
        if (t->vocab[j] == v) {
            *alone = t->vocab_alone[j];
            return t->vocab_bits[j];
        }
    *alone = NULL;
    return 0;
}

/* Every word of every phrase, so that a word of the text that is in none
 * is known after one probe. */
static ds_status build_vocab(ds__phrases *t)
{
    size_t words = 0;
    for (size_t i = 0; t->mask && i <= t->mask; i++)
        if (t->items[i].key)
            for (const char *w = t->items[i].words; w; w = strchr(w + 1, ' '))
                words++;
    size_t size = 16;
    while (size < words * 2)
        size *= 2;
    t->vocab = ds_calloc(size, sizeof *t->vocab);
    t->vocab_bits = ds_calloc(size, sizeof *t->vocab_bits);
    t->vocab_alone = ds_calloc(size, sizeof *t->vocab_alone);
    if (!t->vocab || !t->vocab_bits || !t->vocab_alone)
        return DS_ENOMEM;
    t->vocab_mask = size - 1;
    for (size_t i = 0; t->mask && i <= t->mask; i++) {
        if (!t->items[i].key)
            continue;
        for (const char *w = t->items[i].words; *w;) {
            size_t n = strcspn(w, " ");
            uint64_t h = ds__places_word_hash(w, n), v = vocab_value(h);
            size_t j = (v ^ (v >> 32)) & t->vocab_mask;
            while (t->vocab[j] && t->vocab[j] != v)
                j = (j + 1) & t->vocab_mask;
            t->vocab[j] = v;
            t->vocab_bits[j] |= DS__WORD_KNOWN;
            unsigned bloom = (unsigned)(h >> 52);
            t->vocab_bloom[bloom >> 6] |= 1ULL << (bloom & 63);
            if (t->items[i].area && w == t->items[i].words) {
                t->vocab_bits[j] |= DS__WORD_AREA_FIRST;
                unsigned b = (unsigned)(h >> 52);
                t->area_bloom[b >> 6] |= 1ULL << (b & 63);
            }
            if (w == t->items[i].words && !w[n])
                t->vocab_alone[j] = &t->items[i];
            if (t->items[i].cue == DS__CUE_FEATURE && w == t->items[i].words)
                t->vocab_bits[j] |= DS__WORD_FEATURE_FIRST;
            w += n + (w[n] == ' ');
        }
    }
    return DS_OK;
}

/* The area phrases' first two bytes, as ds_lexicon_may_match tests them,
 * the chains of their first words, as phrase_key makes them: "horn",
 * "horn of" and "horn of africa", and their keys, the whole chains. */
static void area_filters(ds__phrases *t)
{
    for (size_t i = 0; t->mask && i <= t->mask; i++) {
        const ds__phrase *e = &t->items[i];
        if (!e->key || !e->area)
            continue;
        unsigned char a = (unsigned char)e->words[0];
        unsigned char b = a ? (unsigned char)e->words[1] : 0;
        unsigned k = (unsigned)a << 8 | b;
        t->area_pair[k >> 6] |= 1ULL << (k & 63);
        unsigned whole = (unsigned)(e->key >> 52);
        t->area_whole_bloom[whole >> 6] |= 1ULL << (whole & 63);
        uint64_t key = ds__gz_key_start();
        for (const char *w = e->words; *w;) {
            size_t n = strcspn(w, " ");
            key = ds__gz_key_add(key, ds__places_word_hash(w, n));
            unsigned c = (unsigned)(ds__gz_key_final(key) >> 52);
            t->area_chain_bloom[c >> 6] |= 1ULL << (c & 63);
            w += n + (w[n] == ' ');
        }
    }
}

ds_status ds__places_phrases_load(ds__phrases *t, ds_error *err)
{
    static const char *const files[] = {"place_cues.tsv", "place_stoplist.tsv",
                                        "place_areas.tsv"};
    memset(t, 0, sizeof *t);
    for (int i = 0; i < 3; i++) {
        char path[4096];
        ds_status st = ds_data_path(files[i], path, sizeof path, err);
        load_ctx c = {t, i, path};
        if (st == DS_OK)
            st = ds_tsv_read(path, phrase_row, &c, err);
        if (st != DS_OK) {
            ds__places_phrases_free(t);
            return st;
        }
    }
    area_filters(t);
    if (build_vocab(t) != DS_OK) {
        ds__places_phrases_free(t);
        return ds_error_set(err, DS_ENOMEM, "out of memory reading place phrases");
    }
    return DS_OK;
}

void ds__places_phrases_free(ds__phrases *t)
{
    for (size_t i = 0; t->mask && i <= t->mask; i++) {
        ds_free(t->items[i].words);
        ds_free(t->items[i].area);
    }
    ds_free(t->items);
    ds_free(t->vocab);
    ds_free(t->vocab_bits);
    ds_free(t->vocab_alone);
    memset(t, 0, sizeof *t);
}
