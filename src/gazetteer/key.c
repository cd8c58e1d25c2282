/* key.c: tokens, folding, skeletons and key hashes shared by the gazetteer
 * builder and the place recognizer. */
#include "key.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- transliteration rules ---------------------------------------------- */

typedef struct rules_ctx {
    ds__gz_rules *r;
    size_t cap;
} rules_ctx;

static ds_status rule_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    rules_ctx *c = ud;
    if (nf < 2 || !f[0][0])
        return ds_error_set(err, DS_EFORMAT, "transliteration rules line %zu: need from<TAB>to",
                            line);
    char *from = f[0];
    bool at_start = from[0] == '^';
    if (at_start)
        from++;
    size_t flen = strlen(from);
    bool at_end = flen > 0 && from[flen - 1] == '$';
    if (at_end)
        flen--;
    if (flen == 0 || flen >= DS__GZ_TOKEN_MAX || strlen(f[1]) > flen + 2)
        return ds_error_set(err, DS_EFORMAT,
                            "transliteration rules line %zu: a rule must rewrite 1 to %d "
                            "bytes into at most 2 more",
                            line, DS__GZ_TOKEN_MAX - 1);
    ds__gz_rules *r = c->r;
    ds__gz_rule *items = ds_grow(r->items, &c->cap, r->n, sizeof *items);
    if (!items)
        return ds_error_set(err, DS_ENOMEM, "out of memory reading transliteration rules");
    r->items = items;
    ds__gz_rule *it = &items[r->n];
    it->from = ds_strndup(from, flen);
    it->to = ds_strdup(f[1]);
    if (!it->from || !it->to) {
        ds_free(it->from);
        ds_free(it->to);
        return ds_error_set(err, DS_ENOMEM, "out of memory reading transliteration rules");
    }
    it->from_len = flen;
    it->to_len = strlen(f[1]);
    it->at_start = at_start;
    it->at_end = at_end;
    r->n++;
    return DS_OK;
}

static int rule_cmp(const void *a, const void *b)
{
    const ds__gz_rule *x = a, *y = b;
    /* Longest first, so "iyah$" is tried before "ah$" and "ou" before "o";
     * the input order breaks ties so the file decides. */
    if (x->from_len != y->from_len)
        return x->from_len > y->from_len ? -1 : 1;
    return (x > y) - (x < y);
}

/* The first unanchored rule, in the order rule_at tries them, that
 * matches byte c followed by byte d (0 past the word's end). */
static uint16_t pair_rule(const ds__gz_rules *r, unsigned char c, unsigned char d)
{
    for (size_t k = 0; k < r->n_first[c]; k++) {
        const ds__gz_rule *it = &r->items[r->by_first[c][k]];
        if (!it->at_start && !it->at_end && it->from_len <= 2 &&
            (it->from_len == 1 || (unsigned char)it->from[1] == d))
            return (uint16_t)(r->by_first[c][k] + 1);
    }
    return 0;
}

/* Fills pair and reach (key.h). */
static ds_status pair_table(ds__gz_rules *r)
{
    _Static_assert(DS__GZ_TOKEN_MAX < 127, "reach holds lengths up to 126");
    r->pair = ds_calloc(256 * 256, sizeof *r->pair);
    if (!r->pair)
        return DS_ENOMEM;
    size_t end_reach[256] = {0};
    bool start_rule[256] = {false}, long_rule[256] = {false};
    for (size_t i = 0; i < r->n; i++) {
        const ds__gz_rule *it = &r->items[i];
        unsigned char c = (unsigned char)it->from[0];
        if (it->at_start)
            start_rule[c] = true;
        if (it->at_end && it->from_len > end_reach[c])
            end_reach[c] = it->from_len;
        if (!it->at_start && !it->at_end && it->from_len > 2)
            long_rule[c] = true;
    }
    for (unsigned c = 0; c < 256; c++) {
        size_t reach = long_rule[c] || end_reach[c] >= 126 ? 127 : end_reach[c] + 1;
        r->reach[c] = r->n_first[c] ? (unsigned char)((start_rule[c] ? 0x80 : 0) | reach) : 0;
    }
    for (unsigned c = 0; c < 256; c++)
        for (unsigned d = 0; r->n_first[c] && d < 256; d++)
            r->pair[c << 8 | d] = pair_rule(r, (unsigned char)c, (unsigned char)d);
    return DS_OK;
}

ds_status ds__gz_rules_parse(ds__gz_rules *r, const char *text, size_t len, const char *name,
                             ds_error *err)
{
    memset(r, 0, sizeof *r);
    rules_ctx c = {r, 0};
    ds_status st = ds_tsv_parse(text, len, name, rule_row, &c, err);
    if (st != DS_OK) {
        ds__gz_rules_free(r);
        return st;
    }
    qsort(r->items, r->n, sizeof *r->items, rule_cmp);
    if (r->n >= UINT16_MAX) {
        ds__gz_rules_free(r);
        return ds_error_set(err, DS_EFORMAT, "%s: too many rules", name);
    }
    for (size_t i = 0; i < r->n; i++) {
        unsigned char b0 = (unsigned char)r->items[i].from[0];
        if (r->n_first[b0] >= DS__GZ_RULES_PER_BYTE) {
            ds__gz_rules_free(r);
            return ds_error_set(err, DS_EFORMAT, "%s: more than %d rules start with '%c'", name,
                                DS__GZ_RULES_PER_BYTE, b0);
        }
        r->by_first[b0][r->n_first[b0]++] = (uint16_t)i;
        if (r->items[i].from_len == 1) {
            const ds__gz_rule *it = &r->items[i];
            /* "^x$" applies only to a word of one byte, at its start and
             * its end at once: either bit lets it be tried there. */
            r->single[b0] |= it->at_start ? DS__GZ_RULE_AT_START
                             : it->at_end ? DS__GZ_RULE_AT_END
                                          : DS__GZ_RULE_ANYWHERE;
        } else {
            unsigned char b1 = (unsigned char)r->items[i].from[1];
            r->second[b0][b1 >> 6] |= 1ULL << (b1 & 63);
        }
    }
    if (pair_table(r) != DS_OK) {
        ds__gz_rules_free(r);
        return ds_error_set(err, DS_ENOMEM, "out of memory reading transliteration rules");
    }
    return DS_OK;
}

void ds__gz_rules_free(ds__gz_rules *r)
{
    for (size_t i = 0; i < r->n; i++) {
        ds_free(r->items[i].from);
        ds_free(r->items[i].to);
    }
    ds_free(r->items);
    ds_free(r->pair);
    memset(r, 0, sizeof *r);
}

/* ---- tokens -------------------------------------------------------------- */

static bool is_apostrophe(int32_t c)
{
    return c == '\'' || c == '`' || c == 0x2019 || c == 0x2018 || c == 0x02BF || c == 0x02BE ||
           c == 0x02BB || c == 0x02BC || c == 0x00B4 || c == 0x02B9;
}

static bool is_hyphen(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/* Decodes one code point at s[i]; invalid bytes decode as U+FFFD of length 1
 * so that hostile input cannot stall the scan. */
static int32_t decode(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *len = 1;
        return b;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

static bool is_word_cp(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || c == 0x0640;
}

static unsigned first_letter_flags(int32_t c)
{
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return DS__TK_UPPER;
        if (c >= '0' && c <= '9')
            return DS__TK_DIGIT;
        return 0;
    }
    utf8proc_category_t cat = utf8proc_category(c);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
        return DS__TK_UPPER;
    if (cat == UTF8PROC_CATEGORY_LO)
        return DS__TK_UNCASED;
    if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)
        return DS__TK_DIGIT;
    return 0;
}

static bool is_lower_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* ASCII byte classes for the tokenizer's fast paths (key.h). */
#define W DS__GZ_A_WORD
#define L (DS__GZ_A_WORD | DS__GZ_A_LOWER)
const unsigned char ds__gz_ascii_class[128] = {
    ['0'] = W, ['1'] = W, ['2'] = W, ['3'] = W, ['4'] = W, ['5'] = W, ['6'] = W, ['7'] = W,
    ['8'] = W, ['9'] = W, ['A'] = W, ['B'] = W, ['C'] = W, ['D'] = W, ['E'] = W, ['F'] = W,
    ['G'] = W, ['H'] = W, ['I'] = W, ['J'] = W, ['K'] = W, ['L'] = W, ['M'] = W, ['N'] = W,
    ['O'] = W, ['P'] = W, ['Q'] = W, ['R'] = W, ['S'] = W, ['T'] = W, ['U'] = W, ['V'] = W,
    ['W'] = W, ['X'] = W, ['Y'] = W, ['Z'] = W, ['a'] = L, ['b'] = L, ['c'] = L, ['d'] = L,
    ['e'] = L, ['f'] = L, ['g'] = L, ['h'] = L, ['i'] = L, ['j'] = L, ['k'] = L, ['l'] = L,
    ['m'] = L, ['n'] = L, ['o'] = L, ['p'] = L, ['q'] = L, ['r'] = L, ['s'] = L, ['t'] = L,
    ['u'] = L, ['v'] = L, ['w'] = L, ['x'] = L, ['y'] = L, ['z'] = L,
};
#undef W
#undef L

bool ds__gz_next_token(const char *s, size_t n, size_t *pos, size_t *start, size_t *end,
                       unsigned *flags)
{
    size_t i = *pos, len;
    const unsigned char *u = (const unsigned char *)s;
    /* Skip to the first word character; plain ASCII separators go fast. */
    for (;;) {
        while (i < n && u[i] < 0x80 && !(ds__gz_ascii_class[u[i]] & DS__GZ_A_WORD))
            i++;
        if (i >= n) {
            *pos = n;
            return false;
        }
        if ((unsigned char)s[i] < 0x80 || is_word_cp(decode(s, n, i, &len)))
            break;
        i += len;
    }
    *start = i;
    unsigned fl = first_letter_flags(decode(s, n, i, &len));
    bool any_lower = false, plain = u[i] < 0x80;
    size_t letters = 0;
    for (;;) {
        /* Runs of ASCII letters and digits, the bulk of any text: one
         * table look-up a byte, the classes seen gathered in one word. */
        size_t run = i;
        unsigned seen = 0, c8;
        while (i < n && u[i] < 0x80 && ((c8 = ds__gz_ascii_class[u[i]]) & DS__GZ_A_WORD)) {
            seen |= c8;
            i++;
        }
        letters += i - run;
        any_lower |= (seen & DS__GZ_A_LOWER) != 0;
        if (i >= n)
            break;
        unsigned char b = (unsigned char)s[i];
        /* The run above stopped at this byte, so an ASCII byte here is no
         * word character; of ASCII, only the two apostrophes may go on. */
        if (b < 0x80 && b != '\'' && b != '`')
            break;
        int32_t c;
        if (b < 0x80) {
            c = b;
            len = 1;
        } else {
            c = decode(s, n, i, &len);
        }
        if (is_word_cp(c)) {
            plain = false;
            any_lower |= is_lower_cp(c);
            letters++;
            i += len;
            continue;
        }
        if (!is_apostrophe(c))
            break;
        /* An apostrophe inside a word (Ma'arrat, Maʿarrat) belongs to it; a
         * possessive 's ends the word; anything else ends it too. */
        size_t j = i + len, l2;
        if (j >= n || !is_word_cp(decode(s, n, j, &l2)))
            break;
        if ((s[j] == 's' || s[j] == 'S') &&
            (j + 1 >= n || !is_word_cp(decode(s, n, j + 1, &l2)))) {
            fl |= DS__TK_POSSESSIVE;
            *end = i;
            *pos = j + 1;
            goto done;
        }
        plain = false;
        i = j;
    }
    *end = i;
    *pos = i;
    /* "Tartous' Qadmus": a bare apostrophe after a final s is a possessive. */
    if (i < n && i > *start && (s[i - 1] == 's' || s[i - 1] == 'S') &&
        is_apostrophe(decode(s, n, i, &len))) {
        size_t l2;
        if (i + len >= n || !is_word_cp(decode(s, n, i + len, &l2)))
            fl |= DS__TK_POSSESSIVE;
    }
    if (i < n && is_hyphen(decode(s, n, i, &len))) {
        size_t l2;
        if (i + len < n && is_word_cp(decode(s, n, i + len, &l2)))
            fl |= DS__TK_HYPHEN;
    }
done:
    if ((fl & DS__TK_UPPER) && !any_lower && letters >= 2)
        fl |= DS__TK_ALLCAPS;
    if (plain)
        fl |= DS__TK_PLAIN;
    *flags = fl;
    return true;
}

/* ---- folding ------------------------------------------------------------- */

/* Letters that utf8proc's case folding and mark stripping leave distinct but
 * that writers of place names use interchangeably. */
static const char *special_fold(int32_t c)
{
    switch (c) {
    case 0x0131: return "i";  /* dotless i */
    case 0x0142: return "l";  /* l with stroke */
    case 0x00F8: return "o";  /* o with stroke */
    case 0x0111: return "d";  /* d with stroke */
    case 0x00F0: return "d";  /* eth */
    case 0x00FE: return "th"; /* thorn */
    case 0x00E6: return "ae";
    case 0x0153: return "oe";
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return "\xD8\xA7"; /* alef forms */
    case 0x0629: return "\xD9\x87";                 /* ta marbuta -> ha */
    case 0x0649: case 0x06CC: return "\xD9\x8A";    /* alef maqsura, Farsi yeh -> yeh */
    case 0x0624: return "\xD9\x88";                 /* waw with hamza */
    case 0x0626: return "\xD9\x8A";                 /* yeh with hamza */
    case 0x06A9: return "\xD9\x83";                 /* keheh -> kaf */
    case 0x0640: return "";                         /* tatweel */
    default: return NULL;
    }
}

static size_t put(char *out, size_t o, const char *s, size_t n)
{
    if (o + n > DS__GZ_TOKEN_MAX)
        return o;
    memcpy(out + o, s, n);
    return o + n;
}

static size_t fold_cp(int32_t c, char *out, size_t o)
{
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        char b = (char)c;
        return put(out, o, &b, 1);
    }
    if (is_apostrophe(c))
        return o;
    const char *sp = special_fold(c);
    if (sp)
        return put(out, o, sp, strlen(sp));
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        c, d, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK,
        &last);
    if (k < 0 || k > 8)
        return o;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        const char *sp2 = special_fold(d[j]);
        if (sp2) {
            o = put(out, o, sp2, strlen(sp2));
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t e = utf8proc_encode_char(d[j], enc);
        o = put(out, o, (const char *)enc, (size_t)e);
    }
    return o;
}

#define AR_ALEF_LAM "\xD8\xA7\xD9\x84"

/* Removes an article attached to an Arabic word (ال, and ال after one of the
 * one-letter prefixes و ب ف ك ل, and the contraction لل), keeping at least
 * two letters. */
static size_t strip_arabic_article(char *f, size_t n)
{
    static const char *const prefixes[] = {
        "\xD9\x88" AR_ALEF_LAM, "\xD8\xA8" AR_ALEF_LAM, "\xD9\x81" AR_ALEF_LAM,
        "\xD9\x83" AR_ALEF_LAM, "\xD9\x84\xD9\x84",     AR_ALEF_LAM,
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t pl = strlen(prefixes[i]);
        if (n >= pl + 4 && memcmp(f, prefixes[i], pl) == 0) {
            memmove(f, f + pl, n - pl);
            return n - pl;
        }
    }
    return n;
}

/* Detached articles as Latin transliterations write them: al, el, ul
 * (strict: never English words, so they can be dropped even in lower
 * case); as, ad, an, ar, at, az, aj, ash, adh, ath; ed, es, er, ez, et,
 * en, esh, ech; and the Arabic alef-lam.  Told by length and letters, as
 * this runs on every short word: most are not articles, and "and" or
 * "the" is answered after a compare or two. */
static unsigned article_flags(const char *f, size_t n)
{
    char a = n >= 2 ? f[0] : 0, b = n >= 2 ? f[1] : 0;
    switch (n) {
    case 2:
        if (b == 'l' && (a == 'a' || a == 'e' || a == 'u'))
            return DS__TK_ARTICLE | DS__TK_STRICT_ARTICLE;
        if (a == 'a' && (b == 's' || b == 'd' || b == 'n' || b == 'r' || b == 't' || b == 'z' ||
                         b == 'j'))
            return DS__TK_ARTICLE;
        if (a == 'e' && (b == 'd' || b == 's' || b == 'r' || b == 'z' || b == 't' || b == 'n'))
            return DS__TK_ARTICLE;
        return 0;
    case 3:
        if (f[2] == 'h' && ((a == 'a' && (b == 's' || b == 'd' || b == 't')) ||
                            (a == 'e' && (b == 's' || b == 'c'))))
            return DS__TK_ARTICLE;
        return 0;
    case 4: return memcmp(f, AR_ALEF_LAM, 4) == 0 ? DS__TK_ARTICLE : 0;
    default: return 0;
    }
}

size_t ds__gz_fold_token(const char *s, size_t n, char *out, unsigned *flags)
{
    size_t o = 0, i = 0, len;
    bool arabic = false;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            /* fold_cp's ASCII case, inline: this loop sees every letter of
             * every name and of every capitalised word of the text.  An
             * apostrophe inside a word is dropped like its curly forms
             * ("Dara'a" is "Dara’a" and "Daraa"). */
            if (o < DS__GZ_TOKEN_MAX && b != '\'' && b != '`')
                out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            i++;
            continue;
        }
        int32_t c = decode(s, n, i, &len);
        arabic |= c >= 0x0600 && c <= 0x06FF;
        o = fold_cp(c, out, o);
        i += len;
    }
    if (arabic && o == 4 && memcmp(out, AR_ALEF_LAM, 4) == 0) {
        *flags |= DS__TK_ARTICLE | DS__TK_STRICT_ARTICLE;
        return o;
    }
    if (arabic)
        o = strip_arabic_article(out, o);
    *flags |= article_flags(out, o);
    return o;
}

/* ---- skeletons ----------------------------------------------------------- */

static const ds__gz_rule *rule_at(const ds__gz_rules *r, const char *f, size_t n, size_t i)
{
    unsigned char c = (unsigned char)f[i];
    unsigned where = DS__GZ_RULE_ANYWHERE | (i == 0 ? DS__GZ_RULE_AT_START : 0) |
                     (i + 1 == n ? DS__GZ_RULE_AT_END : 0);
    if (!(r->single[c] & where)) {
        unsigned char d = i + 1 < n ? (unsigned char)f[i + 1] : 0;
        if (i + 1 >= n || !(r->second[c][d >> 6] & (1ULL << (d & 63))))
            return NULL;
    }
    for (size_t k = 0; k < r->n_first[c]; k++) {
        const ds__gz_rule *it = &r->items[r->by_first[c][k]];
        if (it->from_len > n - i || (it->at_start && i != 0) ||
            (it->at_end && i + it->from_len != n))
            continue;
        /* Rules are a few bytes long: an inline compare beats a call. */
        size_t m = 1; /* the first byte matched: the rule is filed under it */
        while (m < it->from_len && f[i + m] == it->from[m])
            m++;
        if (m == it->from_len)
            return it;
    }
    return NULL;
}

size_t ds__gz_skeleton(const ds__gz_rules *r, const char *fold, size_t n, char *out)
{
    /* Rules rewrite the folded bytes, and doubled letters, the commonest
     * transliteration variant (Lattakia, Raqqa/Raqa), collapse: every run
     * of one ASCII letter in what the rules give becomes one letter.
     * Digits keep their runs, so "2000" stays a different key from "20".
     * Both happen in one pass, each byte compared with the last one kept. */
    size_t o = 0;
    for (size_t i = 0; i < n && o < DS__GZ_TOKEN_MAX;) {
        char c = fold[i];
        unsigned char u = (unsigned char)c;
        const ds__gz_rule *it = NULL;
        unsigned reach = r->reach[u];
        if (!reach) {
            /* no rule starts with c */
        } else if ((i == 0 && (reach & 0x80)) || n - i < (reach & 0x7f)) {
            it = rule_at(r, fold, n, i);
        } else {
            unsigned k = r->pair[u << 8 | (i + 1 < n ? (unsigned char)fold[i + 1] : 0u)];
            it = k ? &r->items[k - 1] : NULL;
        }
        if (!it) { /* most bytes: no rule starts with them */
            i++;
            if (o == 0 || out[o - 1] != c || c < 'a' || c > 'z')
                out[o++] = c;
            continue;
        }
        i += it->from_len;
        for (size_t j = 0; j < it->to_len && o < DS__GZ_TOKEN_MAX; j++) {
            char b = it->to[j];
            if (o == 0 || out[o - 1] != b || b < 'a' || b > 'z')
                out[o++] = b;
        }
    }
    return o;
}

unsigned ds__gz_plain_article(const char *s, size_t n)
{
    char low[4];
    if (n < 2 || n > 4)
        return 0; /* article_flags' first test, before any folding */
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
    return article_flags(low, n);
}

size_t ds__gz_fold_plain(const char *s, size_t n, char *out, unsigned *flags, uint64_t *hash)
{
    size_t m = n < DS__GZ_TOKEN_MAX ? n : DS__GZ_TOKEN_MAX;
    uint64_t h = ds__gz_hash_start();
    for (size_t i = 0; i < m; i++) {
        unsigned char b = (unsigned char)s[i];
        b = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        out[i] = (char)b;
        h = ds__gz_hash_byte(h, b);
    }
    *flags |= article_flags(out, m);
    *hash = ds__gz_hash_end(h);
    return m;
}

/* ---- hashes -------------------------------------------------------------- */

size_t ds__gz_name_keys(const ds__gz_rules *r, const char *name, size_t n, uint64_t *key,
                        uint64_t *exact, uint64_t *prefixes, size_t max_prefixes)
{
    size_t pos = 0, st, en, count = 0;
    unsigned fl;
    uint64_t k = ds__gz_key_start(), x = ds__gz_key_start();
    char fold[DS__GZ_TOKEN_MAX], skel[DS__GZ_TOKEN_MAX];
    /* Two passes: the first counts tokens so that a trailing article (a
     * name that is only "As") is kept rather than dropped. */
    size_t total = 0;
    for (size_t p = 0; ds__gz_next_token(name, n, &p, &st, &en, &fl);)
        total++;
    size_t seen = 0;
    while (ds__gz_next_token(name, n, &pos, &st, &en, &fl)) {
        seen++;
        size_t fl_len = ds__gz_fold_token(name + st, en - st, fold, &fl);
        if (fl_len == 0)
            continue;
        if ((fl & DS__TK_ARTICLE) && seen < total)
            continue;
        if (count > 0 && count <= max_prefixes)
            prefixes[count - 1] = ds__gz_key_final(k);
        size_t sk = ds__gz_skeleton(r, fold, fl_len, skel);
        k = ds__gz_key_add(k, ds__gz_hash(skel, sk));
        x = ds__gz_key_add(x, ds__gz_hash(fold, fl_len));
        count++;
    }
    *key = ds__gz_key_final(k);
    *exact = ds__gz_key_final(x);
    return count;
}
