#include "words.h"

#include <stdlib.h>
#include <string.h>

/* Words longer than this are never lexicon entries, so the tokenizer does
 * not look them up. */
enum { WORD_MAX = 8 * DS__WORD_CHUNKS, WORDS_CAP = 1 << 20, PHRASE_MAX = 8 };

/* ASCII case folding, which is what tolower and strncasecmp do in the C
 * locale the library runs in. */
static inline unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* The chunks of s[0..n) (n at most WORD_MAX), folded by the table. */
static inline void to_chunks(const unsigned char *fold_tab, const unsigned char *s, size_t n,
                             ds__chunks *out)
{
    *out = (ds__chunks){{0}};
    unsigned char *b = (unsigned char *)out->c;
    for (size_t i = 0; i < n; i++)
        b[i] = fold_tab[s[i]];
}

/* A hash of a word's chunks: a multiply per chunk, then a final mix so
 * that the low bits, which pick the slot, depend on every byte. */
static inline uint64_t hash_chunks(const ds__chunks *k, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (size_t j = 0; j * 8 < n; j++)
        h = (h ^ k->c[j]) * 0x100000001B3ull;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

/* The word id of the n-byte word whose chunks are k and hash h, or -1. */
static inline int32_t find_chunks(const ds__words *w, const ds__chunks *k, size_t n, uint64_t h)
{
    for (size_t j = h & w->mask; w->slots[j]; j = (j + 1) & w->mask) {
        if (w->slot_hash[j] != (uint32_t)h)
            continue;
        uint32_t id = w->slots[j] - 1;
        if (w->key_len[id] != n)
            continue;
        const ds__chunks *key = &w->key_chunks[id];
        bool same = true;
        for (size_t c = 0; c * 8 < n; c++)
            same &= key->c[c] == k->c[c];
        if (same)
            return (int32_t)id;
    }
    return -1;
}

int32_t ds__words_find(const ds__words *w, const char *s, size_t n)
{
    if (n == 0 || n > WORD_MAX || !w->slots)
        return -1;
    ds__chunks k;
    to_chunks(w->fold, (const unsigned char *)s, n, &k);
    return find_chunks(w, &k, n, hash_chunks(&k, n));
}

/* Puts word id into the first free slot of its probe sequence. */
static void place(ds__words *w, uint32_t id)
{
    uint64_t h = hash_chunks(&w->key_chunks[id], w->key_len[id]);
    size_t j = h & w->mask;
    while (w->slots[j])
        j = (j + 1) & w->mask;
    w->slots[j] = id + 1;
    w->slot_hash[j] = (uint32_t)h;
}

static ds_status rehash(ds__words *w, ds_error *err)
{
    /* At most a quarter full: most words of a text are not in the
     * lexicon, and a miss probes until an empty slot. */
    size_t size = 64;
    while (size < w->n * 4 + 4)
        size <<= 1;
    uint32_t *slots = ds_calloc(size, sizeof *slots);
    uint32_t *hashes = ds_calloc(size, sizeof *hashes);
    if (!slots || !hashes) {
        ds_free(slots);
        ds_free(hashes);
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    }
    ds_free(w->slots);
    ds_free(w->slot_hash);
    w->slots = slots;
    w->slot_hash = hashes;
    w->mask = size - 1;
    for (size_t id = 0; id < w->n; id++)
        place(w, (uint32_t)id);
    return DS_OK;
}

/* The id of a word, added with an empty record when new. */
static ds_status intern(ds__words *w, const char *s, size_t n, const char *file, size_t line,
                        uint32_t *id, ds_error *err)
{
    if (n == 0 || n > WORD_MAX)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: a word must have 1 to %d bytes", file,
                            line, WORD_MAX);
    int32_t found = ds__words_find(w, s, n);
    if (found >= 0) {
        *id = (uint32_t)found;
        return DS_OK;
    }
    if (w->n == WORDS_CAP)
        return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d words", file, line,
                            WORDS_CAP);
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        char **keys = ds_realloc(w->keys, cap * sizeof *keys);
        if (!keys)
            return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
        w->keys = keys;
        ds__word *info = ds_realloc(w->info, cap * sizeof *info);
        if (!info)
            return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
        w->info = info;
        ds__phrase **first = ds_realloc(w->first, cap * sizeof *first);
        if (!first)
            return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
        w->first = first;
        uint8_t *key_len = ds_realloc(w->key_len, cap * sizeof *key_len);
        if (!key_len)
            return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
        w->key_len = key_len;
        ds__chunks *chunks = ds_realloc(w->key_chunks, cap * sizeof *chunks);
        if (!chunks)
            return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
        w->key_chunks = chunks;
        w->cap = cap;
    }
    char *key = ds_arena_strndup(w->arena, s, n);
    if (!key)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    for (char *p = key; *p; p++)
        *p = (char)fold((unsigned char)*p);
    *id = (uint32_t)w->n;
    w->keys[w->n] = key;
    w->key_len[w->n] = (uint8_t)n;
    to_chunks(w->fold, (const unsigned char *)s, n, &w->key_chunks[w->n]);
    memset(&w->info[w->n], 0, sizeof w->info[w->n]);
    w->first[w->n] = NULL;
    w->n++;
    if (w->n * 4 > w->mask)
        return rehash(w, err);
    place(w, *id);
    return DS_OK;
}

/* Phrases are written with spaces between words; "N" stands for a number
 * and single punctuation characters ("-", "~") are written as themselves.
 * The tokenizer's rules decide what a word is, so a phrase is cut the same
 * way as the text it must match. */
static ds_status add_phrase(ds__words *w, const char *text, int kind, int arg,
                            const char *file, size_t line, ds__phrase **out, ds_error *err)
{
    uint32_t ids[PHRASE_MAX];
    size_t n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (n == PHRASE_MAX)
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: a phrase has at most %d words",
                                file, line, PHRASE_MAX);
        ds_status rc = intern(w, p, (size_t)(q - p), file, line, &ids[n++], err);
        if (rc)
            return rc;
        p = q;
    }
    if (n == 0)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: empty phrase", file, line);
    ds__phrase *ph = ds_arena_alloc(w->arena, sizeof *ph);
    uint32_t *words = ds_arena_alloc(w->arena, n * sizeof *words);
    if (!ph || !words)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    memcpy(words, ids, n * sizeof *words);
    *ph = (ds__phrase){.words = words, .n = n, .kind = kind, .arg = arg,
                       .next = w->first[ids[0]]};
    w->first[ids[0]] = ph;
    if (out)
        *out = ph;
    return DS_OK;
}

static bool is_single_word(const char *s)
{
    return *s && !strchr(s, ' ');
}

typedef struct load_ctx {
    ds__words *w;
    const char *file;
} load_ctx;

static ds_status bad(load_ctx *c, size_t line, const char *what, const char *v, ds_error *err)
{
    return ds_error_set(err, DS_EFORMAT, "%s:%zu: %s \"%s\"", c->file, line, what, v);
}

static int index_of(const char *const *names, const char *v)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return -1;
}

static const char *const unit_names[] = {"", "day", "week", "fortnight", "month", "quarter",
                                         "year", "decade", "century", NULL};
static const char *const rel_names[] = {
    "", "last", "next", "this", "ago", "later", "earlier", "following", "previous", "same",
    "past", "coming", "before", "after", "since", "until", "between", "from", "to", "and",
    "over", "for", "of", "the", "on", "in", "by", "that", "within", "during", "rest",
    NULL};
static const char *const fuzzy_names[] = {"", "early", "mid", "late", NULL};
static const char *const season_names[] = {"", "spring", "summer", "autumn", "winter", NULL};
static const char *const role_names[] = {"", "killed", "injured", "abducted", "detained",
                                         "displaced", NULL};

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* time_words.tsv: word, class, value. */
static ds_status time_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    load_ctx *c = ud;
    if (nf < 3)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected word, class and value",
                            c->file, line);
    if (!is_single_word(f[0]))
        return bad(c, line, "expected one word, not", f[0], err);
    uint32_t id;
    ds_status rc = intern(c->w, f[0], strlen(f[0]), c->file, line, &id, err);
    if (rc)
        return rc;
    ds__word *wd = &c->w->info[id];
    long v;
    int k;
    if (strcmp(f[1], "month") == 0 && parse_int(f[2], 1, 12, &v)) {
        wd->cls |= DS__W_MONTH, wd->month = (int8_t)v;
    } else if (strcmp(f[1], "weekday") == 0 && parse_int(f[2], 1, 7, &v)) {
        wd->cls |= DS__W_WEEKDAY, wd->weekday = (int8_t)(v - 1);
    } else if (strcmp(f[1], "unit") == 0 && (k = index_of(unit_names, f[2])) > 0) {
        wd->cls |= DS__W_UNIT, wd->unit = (int8_t)k;
    } else if (strcmp(f[1], "fuzzy") == 0 && (k = index_of(fuzzy_names, f[2])) > 0) {
        wd->cls |= DS__W_FUZZY, wd->fuzzy = (int8_t)k;
    } else if (strcmp(f[1], "season") == 0 && (k = index_of(season_names, f[2])) > 0) {
        wd->cls |= DS__W_SEASON, wd->season = (int8_t)k;
    } else if (strcmp(f[1], "dayword") == 0 && parse_int(f[2], -2, 2, &v)) {
        wd->cls |= DS__W_DAYWORD, wd->dayoff = (int8_t)v;
    } else if (strcmp(f[1], "rel") == 0 && (k = index_of(rel_names, f[2])) > 0) {
        wd->cls |= DS__W_REL, wd->rel = (int8_t)k;
    } else if (strcmp(f[1], "part") == 0) {
        ds__words *w = c->w;
        size_t i = 0;
        while (i < w->n_parts && strcmp(w->part_names[i], f[2]) != 0)
            i++;
        if (i == w->n_parts) {
            if (i == sizeof w->part_names / sizeof *w->part_names)
                return bad(c, line, "too many parts of the day; cannot add", f[2], err);
            if (!(w->part_names[i] = ds_arena_strdup(w->arena, f[2])))
                return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
            w->n_parts++;
        }
        wd->cls |= DS__W_PART, wd->part = (int8_t)i;
    } else {
        return bad(c, line, "unknown class or value in", f[1], err);
    }
    return DS_OK;
}

/* number_words.tsv: word, card|ord|scale, value. */
static ds_status number_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    load_ctx *c = ud;
    if (nf < 3)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected word, kind and value", c->file,
                            line);
    if (!is_single_word(f[0]))
        return bad(c, line, "expected one word, not", f[0], err);
    char *end;
    double v = strtod(f[2], &end);
    if (end == f[2] || *end || !(v > 0) || v > 1e12)
        return bad(c, line, "expected a positive number, not", f[2], err);
    uint32_t id;
    ds_status rc = intern(c->w, f[0], strlen(f[0]), c->file, line, &id, err);
    if (rc)
        return rc;
    ds__word *wd = &c->w->info[id];
    if (strcmp(f[1], "card") == 0) {
        wd->cls |= DS__W_CARD, wd->value = v;
    } else if (strcmp(f[1], "scale") == 0) {
        wd->cls |= DS__W_SCALE, wd->value = v;
    } else if (strcmp(f[1], "ord") == 0 && v <= 31 && v == (int)v) {
        wd->cls |= DS__W_ORD, wd->ord = (int8_t)v;
    } else {
        return bad(c, line, "unknown number kind or value in", f[1], err);
    }
    return DS_OK;
}

/* A formula: "-", a number, or a sum of terms "x", "y", "0.9x", "2", with +
 * or - between them ("x+1", "0.5x+0.5y", "x-1"). */
static bool parse_formula(const char *s, ds__formula *f)
{
    *f = (ds__formula){0};
    if (strcmp(s, "-") == 0) {
        f->unbounded = true;
        return true;
    }
    const char *p = s;
    bool any = false;
    while (*p) {
        double sign = 1;
        if (*p == '+' || *p == '-') {
            sign = *p == '-' ? -1 : 1;
            p++;
        } else if (any) {
            return false;
        }
        char *end;
        double k = strtod(p, &end);
        bool has_k = end != p;
        p = end;
        if (*p == 'x' || *p == 'y') {
            double coef = sign * (has_k ? k : 1);
            if (*p == 'x')
                f->a += coef;
            else
                f->b += coef;
            p++;
        } else if (has_k) {
            f->c += sign * k;
        } else {
            return false;
        }
        any = true;
    }
    return any;
}

double ds__formula_eval(const ds__formula *f, double x, double y)
{
    double v = f->a * x + f->c;
    if (f->b != 0)
        v += f->b * y;
    return v;
}

static const char *const relations[] = {"eq", "ge", "gt", "le", "lt", "approx", "range",
                                        "vague", NULL};

/* quantity_policy.tsv: phrase, relation, value, low, high. */
static ds_status policy_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    load_ctx *c = ud;
    ds__words *w = c->w;
    if (nf < 5)
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: expected phrase, relation, value, low and high", c->file,
                            line);
    int relation = index_of(relations, f[1]);
    if (relation < 0)
        return bad(c, line, "unknown relation", f[1], err);
    if (w->n_policy == 4096)
        return ds_error_set(err, DS_ETOOBIG, "%s:%zu: too many policy rows", c->file, line);
    ds__policy p = {.relation = relation};
    if (!parse_formula(f[2], &p.value) || !parse_formula(f[3], &p.low) ||
        !parse_formula(f[4], &p.high))
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: bad formula (use -, a number, x, y, 0.9x, x+1, ...)",
                            c->file, line);
    bool vague = strcmp(f[1], "vague") == 0;
    const char *hash = NULL; /* the first number slot: the word N */
    for (const char *ch = f[0]; *ch && !hash; ch++)
        if (*ch == 'N' && (ch == f[0] || ch[-1] == ' ') && (ch[1] == ' ' || !ch[1]))
            hash = ch;
    if (vague == (hash != NULL))
        return bad(c, line,
                   vague ? "a vague quantity has no N slot:" : "a qualifier needs an N slot:",
                   f[0], err);
    p.after = hash && hash == f[0];
    if (!(p.phrase = ds_arena_strdup(w->arena, f[0])))
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    ds__policy *grown = ds_realloc(w->policy, (w->n_policy + 1) * sizeof *grown);
    if (!grown)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    w->policy = grown;
    int arg = (int)w->n_policy;
    w->policy[w->n_policy++] = p;
    /* A phrase that starts with the number slot is indexed by its first
     * word after the slot; the matcher finds the number first. */
    const char *text = p.after ? f[0] + 1 : f[0];
    return add_phrase(w, text, vague ? DS__PH_VAGUE : DS__PH_QUAL, arg, c->file, line, NULL,
                      err);
}

/* count_words.tsv: phrase, noun|role|glue|stop, value[, acts]. */
static ds_status count_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    load_ctx *c = ud;
    ds__words *w = c->w;
    if (nf < 2)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected phrase and kind", c->file,
                            line);
    const char *value = nf > 2 ? f[2] : "";
    if (strcmp(f[1], "glue") == 0 || strcmp(f[1], "stop") == 0) {
        if (!is_single_word(f[0]))
            return bad(c, line, "glue and stop entries are single words, not", f[0], err);
        uint32_t id;
        ds_status rc = intern(w, f[0], strlen(f[0]), c->file, line, &id, err);
        if (rc)
            return rc;
        w->info[id].cls |= f[1][0] == 'g' ? DS__W_GLUE : DS__W_MODAL;
        return DS_OK;
    }
    bool role = strcmp(f[1], "role") == 0;
    if (!role && strcmp(f[1], "noun") != 0)
        return bad(c, line, "unknown kind", f[1], err);
    int r = role ? index_of(role_names, value) : 0;
    if (role && r <= 0)
        return bad(c, line, "unknown role", value, err);
    if (!role && !*value)
        return bad(c, line, "a noun needs a class, e.g. people:", f[0], err);
    bool acts = nf > 3 && strcmp(f[3], "acts") == 0;
    if (nf > 3 && !acts && *f[3])
        return bad(c, line, "the fourth column is \"acts\" or empty, not", f[3], err);
    if (is_single_word(f[0])) {
        uint32_t id;
        ds_status rc = intern(w, f[0], strlen(f[0]), c->file, line, &id, err);
        if (rc)
            return rc;
        ds__word *wd = &w->info[id];
        if (role) {
            wd->cls |= DS__W_ROLE, wd->role = (int8_t)r, wd->role_form |= acts ? 2 : 1;
        } else {
            if (!(wd->noun = ds_arena_strdup(w->arena, value)))
                return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
            wd->cls |= DS__W_NOUN;
        }
        return DS_OK;
    }
    if (!role)
        return bad(c, line, "a counted noun is one word, not", f[0], err);
    return add_phrase(w, f[0], DS__PH_ROLE, r | (acts ? 0x100 : 0), c->file, line, NULL, err);
}

typedef ds_status (*row_fn)(void *, char **, size_t, size_t, ds_error *);

static ds_status load_one(ds__words *w, const char *name, const char *text, row_fn fn,
                          ds_error *err)
{
    load_ctx c = {w, name};
    if (text)
        return ds_tsv_parse(text, strlen(text), name, fn, &c, err);
    char path[4096];
    ds_status rc = ds_data_path(name, path, sizeof path, err);
    if (rc)
        return rc;
    c.file = path;
    return ds_tsv_read(path, fn, &c, err);
}

static ds_status words_init(ds__words **out, ds_error *err)
{
    ds__words *w = ds_calloc(1, sizeof *w);
    if (!w || !(w->arena = ds_arena_new(64u << 20))) {
        ds_free(w);
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    }
    for (int c = 0; c < 256; c++)
        w->fold[c] = fold((unsigned char)c);
    for (int c = 'a'; c <= 'z'; c++)
        w->letter[c] = w->letter[c - 'a' + 'A'] = (unsigned char)c;
    *out = w;
    return rehash(w, err);
}

/* Interns the words the grammars test by spelling (DS__SPECIAL_WORDS),
 * after the data files, so the files' words keep the ids they had. */
static ds_status add_specials(ds__words *w, ds_error *err)
{
#define DS__SPECIAL_NAME(id, s) s,
    static const char *const names[DS__SP_COUNT] = {DS__SPECIAL_WORDS(DS__SPECIAL_NAME)};
#undef DS__SPECIAL_NAME
    for (int k = 0; k < DS__SP_COUNT; k++) {
        uint32_t id;
        ds_status rc = intern(w, names[k], strlen(names[k]), "(built in)", 0, &id, err);
        if (rc)
            return rc;
        w->special[k] = (int32_t)id;
    }
    return DS_OK;
}

/* Marks the words a quantity may start with: those ds__number_at reads
 * (number words, "a", "an") and the first words of qualifiers and vague
 * quantities that come before their number.  The quantity recognizer
 * tries no other word. */
static ds_status mark_quantity_starts(ds__words *w, ds_error *err)
{
    if (!(w->starts_quantity = ds_calloc(w->n ? w->n : 1, sizeof *w->starts_quantity)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    for (size_t id = 0; id < w->n; id++) {
        bool number = (w->info[id].cls & (DS__W_CARD | DS__W_ORD)) != 0;
        bool article = (int32_t)id == w->special[DS__SP_A] || (int32_t)id == w->special[DS__SP_AN];
        bool start = number || article, alone = number;
        for (const ds__phrase *ph = w->first[id]; ph; ph = ph->next)
            if ((ph->kind == DS__PH_QUAL || ph->kind == DS__PH_VAGUE) &&
                !w->policy[ph->arg].after) {
                start = true;
                alone |= ph->n < 2;
            }
        /* An article starts only "a dozen", "a hundred": a number word
         * follows.  A longer phrase goes on with a word or a number. */
        w->starts_quantity[id] = start ? DS__QS_START | (alone ? 0 : DS__QS_NEEDS_NEXT) : 0;
    }
    return DS_OK;
}

/* Marks the words that only count_words.tsv gives a class (counted nouns,
 * role words, auxiliaries, modals) and that no grammar tests by spelling:
 * the time grammar never reads on through one of them (see
 * ds__words.counting_only). */
static ds_status mark_counting_only(ds__words *w, ds_error *err)
{
    if (!(w->counting_only = ds_calloc(w->n ? w->n : 1, sizeof *w->counting_only)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    const uint32_t counting = DS__W_NOUN | DS__W_ROLE | DS__W_GLUE | DS__W_MODAL;
    for (size_t id = 0; id < w->n_files; id++)
        w->counting_only[id] = !(w->info[id].cls & ~counting) && w->info[id].rel == 0;
    for (int k = 0; k < DS__SP_COUNT; k++)
        w->counting_only[w->special[k]] = false;
    return DS_OK;
}

static ds_status mark_time_starts(ds__words *w, ds_error *err)
{
    if (!(w->time_starts = ds_calloc(w->n ? w->n : 1, sizeof *w->time_starts)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    if (!(w->starts_any = ds_calloc(w->n ? w->n : 1, sizeof *w->starts_any)))
        return ds_error_set(err, DS_ENOMEM, "out of memory for the word lexicon");
    for (size_t id = 0; id < w->n; id++) {
        w->time_starts[id] = ds__time_word_starts(w, (uint32_t)id);
        w->starts_any[id] = id < w->n_files && (w->time_starts[id] || w->starts_quantity[id]);
    }
    return DS_OK;
}

static ds_status words_fill(ds__words *w, const char *const texts[4], ds_error *err)
{
    static const char *const names[4] = {"time_words.tsv", "number_words.tsv",
                                         "quantity_policy.tsv", "count_words.tsv"};
    static const row_fn fns[4] = {time_row, number_row, policy_row, count_row};
    for (int i = 0; i < 4; i++) {
        if (texts && !texts[i])
            continue;
        ds_status rc = load_one(w, names[i], texts ? texts[i] : NULL, fns[i], err);
        if (rc)
            return rc;
    }
    /* Looked up before the specials are added: a lexicon whose files
     * name no number slot has none. */
    w->number_slot = ds__words_find(w, "N", 1);
    w->n_files = w->n;
    ds_status rc = add_specials(w, err);
    if (rc)
        return rc;
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        w->punct_id[c] = ds__words_find(w, &ch, 1);
    }
    if ((rc = mark_quantity_starts(w, err)) || (rc = mark_counting_only(w, err)))
        return rc;
    return mark_time_starts(w, err);
}

ds_status ds__words_load(ds__words **out, ds_error *err)
{
    ds_status rc = words_init(out, err);
    if (!rc)
        rc = words_fill(*out, NULL, err);
    if (rc) {
        ds__words_free(*out);
        *out = NULL;
    }
    return rc;
}

ds_status ds__words_parse(ds__words **out, const char *time_tsv, const char *number_tsv,
                          const char *policy_tsv, const char *count_tsv, ds_error *err)
{
    const char *texts[4] = {time_tsv, number_tsv, policy_tsv, count_tsv};
    ds_status rc = words_init(out, err);
    if (!rc)
        rc = words_fill(*out, texts, err);
    if (rc) {
        ds__words_free(*out);
        *out = NULL;
    }
    return rc;
}

void ds__words_free(ds__words *w)
{
    if (!w)
        return;
    ds_free(w->keys);
    ds_free(w->key_len);
    ds_free(w->key_chunks);
    ds_free(w->starts_quantity);
    ds_free(w->counting_only);
    ds_free(w->time_starts);
    ds_free(w->starts_any);
    ds_free(w->slot_hash);
    ds_free(w->info);
    ds_free(w->first);
    ds_free(w->slots);
    ds_free(w->policy);
    ds_arena_free(w->arena);
    ds_free(w);
}

const ds__phrase *ds__phrase_at(const ds__words *w, const ds__tok *t, size_t n, size_t i,
                                unsigned kinds, size_t *end)
{
    if (i >= n || t[i].word < 0)
        return NULL;
    const ds__phrase *best = NULL;
    for (const ds__phrase *ph = w->first[t[i].word]; ph; ph = ph->next) {
        if (!(kinds & (1u << ph->kind)) || i + ph->n > n || (best && ph->n <= best->n))
            continue;
        size_t k = 1;
        while (k < ph->n && t[i + k].word == (int32_t)ph->words[k])
            k++;
        if (k == ph->n)
            best = ph;
    }
    if (best)
        *end = i + best->n;
    return best;
}

/* Multi-byte characters that separate words rather than belong to them:
 * the general punctuation block (dashes, quotes, ellipsis) and the no-break
 * and narrow spaces, which count as whitespace. */
static size_t utf8_sep(const unsigned char *p, size_t left, bool *space)
{
    *space = false;
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        *space = true;
        return 2;
    }
    if (left >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB || p[1] == 0xB0))
        return 2; /* guillemets, degree sign */
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80) {
        if ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF)
            *space = true;
        return 3;
    }
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
        return 3; /* minus sign */
    return 0;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

enum { TOKENS_CAP = 64u << 20 };

/* Whether words are read 8 bytes at a time ("SIMD within a register"):
 * where the compiler says the machine is little-endian, so the first byte
 * of a 64-bit load is its lowest, and gives a count of trailing zeros. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS_SWAR 1
#else
#define WORDS_SWAR 0
#endif

/* The C locale's isalpha and isspace, inline. */
static inline bool is_alpha(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26;
}

static inline bool is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The number of ASCII letters s[0..8) starts with, or 8, when s holds
 * 8 bytes.  With WORDS_SWAR the 8 bytes are tested at once: a byte is a
 * letter when its high bit is clear and, in lower case, it lies in a..z. */
#if WORDS_SWAR
/* The number of ASCII letters the 8 bytes of v (the first byte lowest)
 * start with, or 8. */
static inline size_t letters_in(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t x = (v | 0x20 * ones) & ~high;
    uint64_t ge_a = x + (0x80 - 'a') * ones, gt_z = x + (0x80 - 'z' - 1) * ones;
    uint64_t not_letter = ~(ge_a & ~gt_z & ~v) & high;
    return not_letter ? (size_t)__builtin_ctzll(not_letter) / 8 : 8;
}
#endif

static inline size_t letters8(const ds__words *w, const unsigned char *s)
{
#if WORDS_SWAR
    (void)w;
    uint64_t v;
    memcpy(&v, s, 8);
    return letters_in(v);
#else
    size_t k = 0;
    while (k < 8 && w->letter[s[k]])
        k++;
    return k;
#endif
}

/* Reads the word at s[i..len), a run of letters and non-separating UTF-8
 * sequences; returns its end, and sets *letters when it holds letters
 * only. */
static size_t scan_word(const ds__words *w, const unsigned char *s, size_t i, size_t len,
                        bool *letters)
{
    bool sp;
    *letters = true;
    for (;;) {
        size_t k;
        while (len - i >= 8 && (k = letters8(w, s + i)) == 8)
            i += 8;
        if (len - i >= 8)
            i += k;
        else
            while (i < len && w->letter[s[i]])
                i++;
        if (i == len || s[i] < 0x80 || utf8_sep(s + i, len - i, &sp))
            return i;
        size_t n = utf8_len(s[i]);
        i += n <= len - i ? n : len - i;
        *letters = false;
    }
}

#if WORDS_SWAR
/* The word id of the word of n letters (1 to 8) that the 8 bytes of v
 * start with, or -1: v is folded (setting bit 5 of each byte lowers a
 * letter), cut to the word, hashed and compared as one 64-bit value. */
static inline int32_t find_letters8(const ds__words *w, uint64_t v, size_t n)
{
    v = (v | 0x2020202020202020ull) & (~0ull >> (64 - 8 * n));
    ds__chunks k = {{v, 0, 0, 0}};
    uint64_t h = hash_chunks(&k, n);
    for (size_t j = h & w->mask; w->slots[j]; j = (j + 1) & w->mask) {
        uint32_t id = w->slots[j] - 1;
        if (w->slot_hash[j] == (uint32_t)h && w->key_len[id] == n && w->key_chunks[id].c[0] == v)
            return (int32_t)id;
    }
    return -1;
}

/* The same for a word of n letters (9 to 15) that the 16 bytes of v0 and
 * v1 start with: two chunks. */
static inline int32_t find_letters16(const ds__words *w, uint64_t v0, uint64_t v1, size_t n)
{
    const uint64_t lower = 0x2020202020202020ull;
    ds__chunks k = {{v0 | lower, (v1 | lower) & (~0ull >> (128 - 8 * n)), 0, 0}};
    return find_chunks(w, &k, n, hash_chunks(&k, n));
}
#endif

/* The word id of the word s[0..n) of a token, with avail bytes readable
 * from s; or -1.  Most words have at most 8 bytes, one chunk, and letters
 * only: with WORDS_SWAR such a word is read, folded (setting bit 5 of each
 * byte lowers a letter), hashed and compared as one 64-bit value, and a
 * word of up to 16 letters as two. */
static inline int32_t find_word(const ds__words *w, const unsigned char *s, size_t n,
                                size_t avail, bool letters)
{
    if (n > WORD_MAX)
        return -1;
#if WORDS_SWAR
    if (n <= 8 && avail >= 8 && letters) {
        uint64_t v;
        memcpy(&v, s, 8);
        return find_letters8(w, v, n);
    }
    if (n <= 16 && avail >= 16 && letters) {
        uint64_t v0, v1;
        memcpy(&v0, s, 8);
        memcpy(&v1, s + 8, 8);
        v1 |= 0x2020202020202020ull;
        if (n < 16)
            v1 &= (1ull << (8 * (n - 8))) - 1;
        ds__chunks k = {{v0 | 0x2020202020202020ull, v1, 0, 0}};
        return find_chunks(w, &k, n, hash_chunks(&k, n));
    }
#else
    (void)avail, (void)letters;
#endif
    ds__chunks k;
    to_chunks(w->fold, s, n, &k);
    return find_chunks(w, &k, n, hash_chunks(&k, n));
}

/* Whether a word token may start a time expression or a quantity (see
 * ds__toks.live): a word of the files that starts a time rule or a
 * quantity, or one of the shapes the time grammar reads by spelling ("Q3",
 * "H2", "w/c", "a", "an").  Digit runs are live, punctuation is not. */
static inline bool live_word(const ds__words *w, int32_t word, const unsigned char *s, size_t n)
{
    if (word >= 0 && w->starts_any[word])
        return true;
    unsigned char c = s[0];
    return n <= 2 && ((n == 1 && (c == 'Q' || c == 'H' || c == 'W' || c == 'w')) ||
                      (c | 0x20) == 'a');
}

/* Reads the word that starts at s[i], an ASCII letter, with len bytes in
 * s: sets *word and returns its end.  Most words are a few ASCII letters
 * followed by a space or punctuation, and are read from one 8-byte load. */
static inline size_t word_token(const ds__words *w, const unsigned char *s, size_t i, size_t len,
                                int32_t *word)
{
#if WORDS_SWAR
    if (len - i >= 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        size_t k = letters_in(v);
        if (k < 8 && s[i + k] < 0x80) {
            *word = find_letters8(w, v, k);
            return i + k;
        }
        /* A word of 8 to 15 letters, from a second load. */
        uint64_t v1;
        if (k == 8 && len - i >= 16 && (memcpy(&v1, s + i + 8, 8), k = letters_in(v1)) < 8 &&
            s[i + 8 + k] < 0x80) {
            *word = k ? find_letters16(w, v, v1, 8 + k) : find_letters8(w, v, 8);
            return i + 8 + k;
        }
    }
#endif
    bool letters;
    size_t e = scan_word(w, s, i, len, &letters);
    *word = find_word(w, s + i, e - i, len - i, letters);
    return e;
}

ds_status ds__tokenize_live(const ds__words *w, const char *text, size_t len, ds_arena *a,
                            ds__toks *out, ds_error *err)
{
    if (len > UINT32_MAX)
        return ds_error_set(err, DS_ETOOBIG, "text of %zu bytes is too long to scan", len);
    /* A token needs at least one byte, and a separator for all but runs, so
     * len + 1 tokens always suffice; counting first would read twice. */
    size_t cap = len / 2 + 16, count = 0, n_live = 0;
    ds__tok *t = ds_arena_alloc(a, cap * sizeof *t);
    uint32_t *live = ds_arena_alloc(a, cap * sizeof *live);
    if (!t || !live)
        return ds_error_set(err, DS_ENOMEM, "out of memory for %zu tokens", cap);
    const unsigned char *s = (const unsigned char *)text;
    bool space = true, brk = true;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t start = i;
        uint8_t kind;
        int32_t word;
        bool next_brk = false, is_live;
        if (is_alpha(c)) { /* most tokens: tested first */
            i = word_token(w, s, i, len, &word);
            kind = DS__TOK_WORD, is_live = live_word(w, word, s + start, i - start);
            goto store;
        }
        if (is_space(c)) {
            if (c == '\n' && i + 1 < len && s[i + 1] == '\n')
                brk = true;
            space = true;
            i++;
            continue;
        }
        bool sp;
        size_t sep = c >= 0x80 ? utf8_sep(s + i, len - i, &sp) : 0;
        if (sep && sp) {
            space = true;
            i += sep;
            continue;
        }
        if (c >= '0' && c <= '9') {
            while (i < len && s[i] >= '0' && s[i] <= '9')
                i++;
            kind = DS__TOK_NUM, word = -1, is_live = true;
        } else if (c >= 0x80 && !sep) {
            bool letters;
            i = scan_word(w, s, i, len, &letters);
            kind = DS__TOK_WORD, word = find_word(w, s + start, i - start, len - start, letters);
            is_live = live_word(w, word, s + start, i - start);
        } else {
            i += sep ? sep : 1;
            kind = DS__TOK_PUNCT, is_live = false;
            word = sep ? ds__words_find(w, text + start, sep) : w->punct_id[c];
            /* A sentence ends at . ! ? or ; followed by a space; the
             * decimal point of "1.2" and the dot of "U.S." are not followed
             * by one.  (A NUL byte counts as such a stop, as strchr found
             * it before.) */
            next_brk = !sep && (c == '.' || c == '!' || c == '?' || c == ';' || c == '\0') &&
                       (i == len || s[i] == ' ' || s[i] == '\n');
        }
    store:
        if (count == cap) {
            size_t ncap = cap * 2;
            if (ncap > TOKENS_CAP)
                return ds_error_set(err, DS_ETOOBIG, "more than %u tokens", TOKENS_CAP);
            ds__tok *grown = ds_arena_alloc(a, ncap * sizeof *grown);
            uint32_t *grown_live = ds_arena_alloc(a, ncap * sizeof *grown_live);
            if (!grown || !grown_live)
                return ds_error_set(err, DS_ENOMEM, "out of memory for %zu tokens", ncap);
            memcpy(grown, t, count * sizeof *t);
            memcpy(grown_live, live, n_live * sizeof *live);
            t = grown, live = grown_live, cap = ncap;
        }
        live[n_live] = (uint32_t)count;
        n_live += is_live;
        t[count++] = (ds__tok){.start = (uint32_t)start, .end = (uint32_t)i, .word = word,
                               .kind = kind, .space = space, .cap = c >= 'A' && c <= 'Z',
                               .brk = brk};
        brk = next_brk;
        /* Most tokens are followed by one plain space: read it here. */
        space = i < len && s[i] == ' ';
        i += space;
    }
    *out = (ds__toks){.t = t, .n = count, .live = live, .n_live = n_live};
    return DS_OK;
}

ds_status ds__tokenize(const ds__words *w, const char *text, size_t len, ds_arena *a,
                       ds__tok **out, size_t *n, ds_error *err)
{
    ds__toks k;
    ds_status rc = ds__tokenize_live(w, text, len, a, &k, err);
    if (rc == DS_OK)
        *out = k.t, *n = k.n;
    return rc;
}
