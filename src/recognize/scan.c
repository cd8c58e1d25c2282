/* scan.c: finds place names in text by walking tokens through the
 * gazetteer's key table, then reads the cue words around each match. */
#include "places_int.h"
#include "normalize/normalize.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- tokens -------------------------------------------------------------- */

/* The marks that end a sentence between two tokens, all below 64: one
 * bit each in a mask. */
static const uint64_t sentence_marks = 1ULL << '.' | 1ULL << '!' | 1ULL << '?' | 1ULL << ':' |
                                       1ULL << ';' | 1ULL << '*' | 1ULL << '#';

/* A new sentence starts after . ! ? or a blank line.  The scanner needs
 * only this much: a capital letter there says nothing about a name. */
static bool breaks_sentence(const char *text, size_t from, size_t to)
{
    int newlines = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 64 && (sentence_marks >> c & 1))
            return true;
        if (c == '\n' && ++newlines >= 2)
            return true;
    }
    return false;
}

/* Bit 7 of each byte of the result is set when that byte of x is an ASCII
 * letter or digit: eight bytes of a word are classified at once. */
static inline uint64_t alnum_bytes(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t y = x & ~high, l = y | ones * 0x20; /* 7 bits; letters lower-cased */
    uint64_t letter = (l + ones * (0x80 - 'a')) & ~(l + ones * (0x80 - 'z' - 1));
    uint64_t digit = (y + ones * (0x80 - '0')) & ~(y + ones * (0x80 - '9' - 1));
    return (letter | digit) & ~x & high;
}

/* The end of the run of ASCII letters and digits from u[i]. */
static size_t word_end(const unsigned char *u, size_t n, size_t i)
{
    while (i + 8 <= n) {
        uint64_t stop = ~alnum_bytes(ds__places_load8(u + i)) & 0x8080808080808080ULL;
        if (stop)
            return i + (size_t)__builtin_ctzll(stop) / 8;
        i += 8;
    }
    while (i < n && u[i] < 0x80 && (ds__gz_ascii_class[u[i]] & DS__GZ_A_WORD))
        i++;
    return i;
}

/* The bytes that may go on into a word after a run of ASCII letters and
 * digits (non-ASCII letters, apostrophes, hyphens): where one follows,
 * ds__gz_next_token reads the token. */
static bool goes_on(unsigned char c)
{
    const uint64_t marks = 1ULL << '\'' | 1ULL << '-'; /* both below 64 */
    return c >= 0x80 || (c < 64 ? (marks >> c & 1) != 0 : c == '`');
}

/* The ds__places_word_hash of a word of n < 16 bytes whose first eight
 * bytes, lowest first, are x and the next eight y (bytes past the word
 * are ignored): the chunks that ds__places_word_hash reads. */
static inline uint64_t short_word_hash(uint64_t x, uint64_t y, size_t n)
{
    if (n < 8)
        return ds__places_word_end(
            ds__places_word_add(ds__places_word_start(n), x & ((1ULL << (8 * n)) - 1)));
    uint64_t h = ds__places_word_add(ds__places_word_start(n), x);
    if (n > 8)
        h = ds__places_word_add(h, y & ((1ULL << (8 * (n - 8))) - 1));
    return ds__places_word_end(h);
}

/* The end of the run of ASCII letters and digits at u[b], and its
 * ds__places_word_hash: a word of up to fifteen bytes is classified and
 * hashed from two eight-byte loads. */
static size_t plain_run(const unsigned char *u, size_t n, size_t b, uint64_t *hash)
{
    const uint64_t high = 0x8080808080808080ULL;
    if (b + 16 <= n) {
        uint64_t x = ds__places_load8(u + b), stop = ~alnum_bytes(x) & high;
        if (stop) {
            size_t k = (size_t)__builtin_ctzll(stop) / 8;
            *hash = short_word_hash(x, 0, k);
            return b + k;
        }
        uint64_t y = ds__places_load8(u + b + 8);
        stop = ~alnum_bytes(y) & high;
        if (stop) {
            size_t k = 8 + (size_t)__builtin_ctzll(stop) / 8;
            *hash = short_word_hash(x, y, k);
            return b + k;
        }
    }
    size_t e = word_end(u, n, b);
    *hash = ds__places_word_hash((const char *)u + b, e - b);
    return e;
}

/* The commonest token, read inline: ASCII letters and digits after ASCII
 * separators, ended by the text's end or an ASCII byte that is neither an
 * apostrophe nor a hyphen (which may go on into a word, a possessive or a
 * hyphenated name).  ds__gz_next_token gives such a token no other flags
 * than these.  With it come what the scanner wants of the gap before it
 * (whether it breaks the sentence; it is a plain gap) and the token's word
 * hash.  Returns false where ds__gz_next_token must take over (from *pos,
 * which then stays where the gap started, so that its answer is the
 * same): the scanner reads every byte of the text, and a call per token
 * costs more than most tokens' bytes. */
static bool fast_token(const unsigned char *u, size_t n, size_t *pos, ds__ptok *t, bool *brk)
{
    size_t i = *pos;
    if (i + 1 < n && u[i] == ' ' && u[i + 1] < 0x80 &&
        (ds__gz_ascii_class[u[i + 1]] & DS__GZ_A_WORD)) {
        i++; /* the commonest gap: one space */
        *brk = false;
    } else {
        unsigned marks = 0, newlines = 0;
        while (i < n && u[i] < 0x80 && !(ds__gz_ascii_class[u[i]] & DS__GZ_A_WORD)) {
            unsigned char c = u[i++];
            marks |= c < 64 && (sentence_marks >> c & 1);
            newlines += c == '\n';
        }
        *brk = marks || newlines >= 2;
    }
    size_t b = i, e = plain_run(u, n, b, &t->word);
    if (e == b || (e < n && goes_on(u[e])))
        return false;
    /* u[b] is an ASCII letter or digit: lower case (the commonest), upper
     * case or a digit, in that order of the ASCII table. */
    unsigned fl = DS__TK_PLAIN;
    if (u[b] >= 'a') {
        /* no flag */
    } else if (u[b] >= 'A') {
        fl |= DS__TK_UPPER;
        size_t k = b + 1;
        while (k < e && !(u[k] >= 'a' && u[k] <= 'z'))
            k++;
        if (k == e && e - b >= 2)
            fl |= DS__TK_ALLCAPS;
    } else {
        fl |= DS__TK_DIGIT;
    }
    t->s = (uint32_t)b;
    t->e = (uint32_t)e;
    t->fl = fl;
    *pos = e;
    return true;
}

/* Bit i of the result is set when p[i], i < 16, is an ASCII lower-case
 * letter: SSE2 (always there on x86-64) classifies the sixteen bytes with
 * one add and one compare; elsewhere a loop does. */
static inline unsigned lower_mask16(const unsigned char *p)
{
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* 'a'..'z' move to -128..-103, below every other byte */
    __m128i s = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - 'a')));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(s, _mm_set1_epi8(-128 + 26)));
#else
    unsigned m = 0;
    for (unsigned i = 0; i < 16; i++)
        m |= (unsigned)(p[i] >= 'a' && p[i] <= 'z') << i;
    return m;
#endif
}

/* What tokenize writes for a lower-case word after one space, but its
 * bytes, sentence and word hash. */
static const ds__ptok lower_word = {.fl = DS__TK_PLAIN, .ascii_gap = true, .common = -1,
                                    .plain = -1, .folded = -1};

/* The commonest stretch of prose, after a token that ends at *pos with
 * no possessive: lower-case words of up to fifteen letters, each after one
 * space or a comma and a space, and ended by a space or by an ASCII byte
 * that is no letter, digit or byte that goes on into a word.  Such a word
 * is what fast_token and tokenize make of it, with none of their tests:
 * the gap is plain and breaks no sentence, the word starts no sentence and
 * no name.  Sixteen bytes classify it (lower_mask16), and two eight-byte
 * loads of them hash it (as plain_run does); all lie before the text's
 * end.  Writes up to room tokens at t, in sentence, and returns how many;
 * the others are left to fast_token. */
static size_t lower_words(const unsigned char *u, size_t n, size_t *pos, ds__ptok *t,
                          size_t room, uint32_t sentence)
{
    const size_t flags = offsetof(ds__ptok, slot) - offsetof(ds__ptok, sent_start);
    size_t k = 0, i = *pos;
    while (k < room && i + 18 <= n) {
        size_t b = i + 1;
        if (u[i] != ' ' && !(u[i] == ',' && u[b++] == ' '))
            break;
        unsigned lower = lower_mask16(u + b);
        if (!(lower & 1))
            break; /* not a lower-case letter after the gap */
        size_t m = (size_t)__builtin_ctz(~lower);
        if (m == 16)
            break;
        size_t e = b + m;
        uint64_t x = ds__places_load8(u + b), y = ds__places_load8(u + b + 8);
        unsigned char c = u[e];
        if (c != ' ' && (c >= 0x80 || (ds__gz_ascii_class[c] & DS__GZ_A_WORD) || goes_on(c)))
            break;
        ds__ptok *w = &t[k++];
        w->s = (uint32_t)b;
        w->e = (uint32_t)e;
        w->fl = lower_word.fl;
        w->sentence = sentence;
        w->word = short_word_hash(x, y, m);
        memcpy(&w->sent_start, &lower_word.sent_start, flags);
        i = e;
    }
    *pos = i;
    return k;
}

static void hash_new_token(const ds_places *r, const char *text, ds__ptok *t);
static inline void hash_word(const ds_places *r, const char *text, ds__ptok *t);
/* Folds and hashes a token once (hash_new_token): most calls find it
 * hashed, and then make no call. */
static inline void hash_token(const ds_places *r, const char *text, ds__ptok *t)
{
    if (!t->hashed)
        hash_new_token(r, text, t);
}
static uint64_t first_key(const ds__ptok *t);
static bool slot_seen(const ds_places *r, uint64_t key);

/* Whether the two bytes before end are "St", "Mt" or "Ft": abbreviations
 * that begin place names and keep their full stop ("St. Petersburg"). */
static bool place_title(const unsigned char *u, size_t end)
{
    return end >= 2 && u[end - 1] == 't' && (u[end - 2] == 'S' || u[end - 2] == 'M' ||
                                              u[end - 2] == 'F');
}

/* Cuts the text into tokens.  Every word that may start a name will be
 * looked up in the index, each look-up waiting for memory (the kept
 * look-up, the filter, then the slot) in turn; so each such word is
 * hashed here (as the scan would hash it), its kept look-up and filter
 * word asked for, and listed in starts, and prefetch_slots reads the kept
 * look-ups and asks for the slots once all the text is read.  The loads
 * of all the look-ups then overlap, and none holds up the tokenizer. */
static ds_status tokenize(const ds_places *r, const char *text, size_t len, ds__pscan *sc,
                          ds_error *err)
{
    const unsigned char *u = (const unsigned char *)text;
    /* Both arrays are sized for a report's prose at once (about a token in
     * six bytes and a capitalised word in forty), up to a bound, so that
     * they seldom grow and seldom move each other while they do. */
    size_t pos = 0, n = 0, prev_e = 0;
    size_t cap = 16 + (len < 20000 ? len : 20000) / 5;
    size_t starts_cap = 16 + (len < 20000 ? len : 20000) / 32;
    bool prev_initial = false; /* the previous token may be an initial ("U.", "J.") */
    /* After a possessive the next gap starts past its "'s", which holds no
     * mark and no line break, but is not a plain gap; only
     * ds__gz_next_token reads one. */
    bool after_possessive = false;
    uint32_t sentence = 0;
    sc->toks = ds_malloc(cap * sizeof *sc->toks);
    sc->starts = ds_malloc(starts_cap * sizeof *sc->starts);
    if (!sc->toks || !sc->starts)
        return ds_error_set(err, DS_ENOMEM, "out of memory scanning for places");
    for (;; n++) {
        if (n == cap) {
            ds__ptok *grown = ds_grow(sc->toks, &cap, n, sizeof *grown);
            if (!grown)
                return ds_error_set(err, DS_ENOMEM, "out of memory scanning for places");
            sc->toks = grown;
        }
        ds__ptok *t = &sc->toks[n];
        bool brk;
        if (fast_token(u, len, &pos, t, &brk)) {
            t->ascii_gap = !after_possessive;
            after_possessive = false;
        } else {
            size_t s, e;
            unsigned fl;
            if (!ds__gz_next_token(text, len, &pos, &s, &e, &fl))
                break;
            t->s = (uint32_t)s;
            t->e = (uint32_t)e;
            t->fl = fl;
            t->word = (fl & DS__TK_PLAIN) ? ds__places_word_hash(text + s, e - s) : 0;
            t->ascii_gap = false;
            brk = n && breaks_sentence(text, prev_e, s);
            after_possessive = pos != e;
        }
        /* An initial's full stop ("U.S.", "J. Smith") ends no sentence, nor
         * does that of St., Mt. or Ft. before a name ("St. Louis"). */
        bool start = !n || (brk && !(prev_initial && u[prev_e] == '.' &&
                                     (t->s == prev_e + 1 ||
                                      (t->s == prev_e + 2 && place_title(u, prev_e)))));
        sentence += start && n;
        t->sentence = sentence;
        /* The hashes, the phrase and word_bits are set when first asked
         * for (hashed, plain, folded say whether they are). */
        t->sent_start = start;
        t->hashed = false;
        t->common = -1;
        t->plain = -1;
        t->folded = -1;
        t->word_bits = 0;
        t->seen = false; /* prefetch_slots sets it for the words in starts */
        prev_e = t->e;
        prev_initial = (t->fl & DS__TK_UPPER) && t->e - t->s <= 2;
        if ((t->fl & (DS__TK_UPPER | DS__TK_UNCASED)) && !(t->fl & DS__TK_DIGIT)) {
            if (sc->n_starts == starts_cap) {
                uint32_t *grown = ds_grow(sc->starts, &starts_cap, sc->n_starts, sizeof *grown);
                if (!grown)
                    return ds_error_set(err, DS_ENOMEM, "out of memory scanning for places");
                sc->starts = grown;
            }
            sc->starts[sc->n_starts++] = (uint32_t)n; /* can_start(t) */
            /* Hashed inline: most capitalised words are words met before,
             * whose hashing is a short copy that a call made dearer. */
            hash_word(r, text, t);
            uint64_t key = first_key(t);
            __builtin_prefetch(&r->seen[key >> 20 & (DS__PSEEN - 1)]);
            ds__gz_prefetch_filter(r->gz, key);
        }
        if (!after_possessive) {
            size_t made = lower_words(u, len, &pos, sc->toks + n + 1, cap - n - 1, sentence);
            if (made) {
                n += made;
                prev_e = pos;
                prev_initial = false;
            }
        }
    }
    sc->n_toks = n;
    return DS_OK;
}

/* Only spaces, a single line break or a hyphen may sit inside a name, and
 * a full stop after an initial ("U.S.", "St. Louis"). */
static bool joined_gap(const char *text, const ds__ptok *a, const ds__ptok *b)
{
    int newlines = 0;
    for (size_t i = a->e; i < b->s; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '-')
            continue;
        if (c == '.' && i == a->e && a->e - a->s <= 2 && (a->fl & DS__TK_UPPER))
            continue;
        if (c == '\n' && ++newlines == 1)
            continue;
        if (c == 0xC2 && i + 1 < b->s && (unsigned char)text[i + 1] == 0xA0) {
            i++; /* no-break space */
            continue;
        }
        if (c == 0xE2 && i + 2 < b->s && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x90 || (unsigned char)text[i + 2] == 0x91)) {
            i += 2; /* Unicode hyphens */
            continue;
        }
        return false;
    }
    return !(a->fl & DS__TK_POSSESSIVE);
}

/* joined_gap, with the commonest gap, one space, told at once. */
static inline bool joined(const char *text, const ds__ptok *a, const ds__ptok *b)
{
    if (b->s == a->e + 1 && text[a->e] == ' ')
        return !(a->fl & DS__TK_POSSESSIVE);
    return joined_gap(text, a, b);
}

/* ---- phrases -------------------------------------------------------------- */

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether the phrase's words are the tokens [a, b), ignoring case. */
static bool same_words(const char *words, const char *text, const ds__ptok *a,
                       const ds__ptok *b)
{
    const char *w = words;
    for (const ds__ptok *t = a; t < b; t++) {
        if (t > a && *w++ != ' ')
            return false;
        for (size_t i = t->s; i < t->e; i++, w++) {
            unsigned char c = (unsigned char)text[i];
            if ((unsigned char)*w != (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c))
                return false;
        }
    }
    return *w == '\0';
}

/* Whether text[s, e), each byte OR 0x20, is low[0, e - s), for up to
 * sixteen bytes, where low has eight bytes or more: from two eight-byte
 * loads, the second one ending at e, where the text has eight bytes
 * before e (all but its first words). */
static inline __attribute__((always_inline)) bool lower_equal(const char *text, size_t s,
                                                             size_t e, const char *low)
{
    const uint64_t lower = 0x2020202020202020ULL;
    size_t n = e - s;
    if (e < 8 || n == 0) {
        for (size_t i = 0; i < n; i++)
            if ((char)(text[s + i] | 0x20) != low[i])
                return false;
        return true;
    }
    uint64_t tail = ds__places_load8(text + e - 8) | lower;
    if (n <= 8) /* the word is the tail's last n bytes */
        return tail >> (64 - 8 * n) == (ds__places_load8(low) & (~0ULL >> (64 - 8 * n)));
    return (ds__places_load8(text + s) | lower) == ds__places_load8(low) &&
           tail == ds__places_load8(low + n - 8);
}

/* lower_equal, apart, for the phrases' words; the kept words inline it
 * (cached_word), as every capitalised word is read against one. */
static bool same_lower(const char *text, size_t s, size_t e, const char *low)
{
    return lower_equal(text, s, e, low);
}

/* plain_word's first answer for a token that is not plain, or a plain
 * word that the vocabulary's filter may hold: whether some phrase has the
 * word, and the phrase that is the word alone. */
static void plain_word_find(const ds_places *r, const char *text, ds__ptok *t)
{
    t->plain = (t->fl & DS__TK_PLAIN) != 0;
    if (t->plain) {
        const ds__phrase *alone;
        unsigned bits = ds__places_word_bits(&r->phrases, t->word, &alone);
        t->plain += (bits & DS__WORD_KNOWN) != 0;
        t->word_bits = (uint8_t)bits;
        /* A word of up to sixteen bytes (OR 0x20 lower-cases a plain word's
         * letters and keeps its digits) is read against the phrase's
         * padded bytes eight at a time. */
        size_t n = t->e - t->s;
        bool same = n <= DS__PHRASE_PAD ? alone && !alone->words[n] &&
                                              same_lower(text, t->s, t->e, alone->words)
                                        : alone && same_words(alone->words, text, t, t + 1);
        t->alone = same ? alone : NULL;
    }
}

/* Whether a token is only ASCII letters and digits; the first call also
 * notes whether any phrase has the word.  The filter tells most words no
 * phrase has without a call. */
static inline bool plain_word(const ds_places *r, const char *text, ds__ptok *t)
{
    if (t->plain >= 0)
        return t->plain > 0;
    if ((t->fl & DS__TK_PLAIN) && !ds__places_may_know(&r->phrases, t->word)) {
        t->plain = 1;
        t->word_bits = 0;
        t->alone = NULL;
        return true;
    }
    plain_word_find(r, text, t);
    return t->plain > 0;
}

/* Whether the code point is a letter or a digit, as ds_fold keeps them. */
static bool word_cp(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* The one word ds_fold folds s[0, n) to, as *w and *n_w bytes (0 when it
 * folds to no word or to several): the same utf8proc calls, decomposed
 * once into the caller's buffer where utf8proc_map decomposes twice and
 * allocates twice, and the folded word read where it lies, between the
 * separators that ds_fold drops.  Returns false where ds_fold would give
 * NULL (invalid UTF-8).  A token with more code points than the buffer
 * holds is folded by ds_fold itself, into *heap, which the caller frees. */
enum { FOLD_CPS = 256 };
static bool fold_one_word(const char *s, size_t n, utf8proc_int32_t cps[FOLD_CPS + 1],
                          const char **w, size_t *n_w, char **heap)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE;
    utf8proc_ssize_t m =
        utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, FOLD_CPS, opt);
    *heap = NULL;
    *n_w = 0;
    if (m > FOLD_CPS) {
        if (!(*heap = ds_fold(s, n)))
            return false;
        size_t len = strlen(*heap);
        if (!memchr(*heap, ' ', len)) {
            *w = *heap;
            *n_w = len;
        }
        return true;
    }
    if (m < 0 || (m = utf8proc_reencode(cps, m, opt)) < 0)
        return false;
    const utf8proc_uint8_t *b = (const utf8proc_uint8_t *)cps;
    utf8proc_ssize_t start = -1, end = 0; /* the word characters' span */
    bool apart = false;                   /* a separator since the last one */
    for (utf8proc_ssize_t i = 0; i < m;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(b + i, m - i, &cp);
        if (k <= 0)
            break;
        if (word_cp(cp)) {
            if (start >= 0 && apart)
                return true; /* a second word */
            start = start < 0 ? i : start;
            end = i + k;
            apart = false;
        } else {
            apart = true;
        }
        i += k;
    }
    if (start >= 0) {
        *w = (const char *)b + start;
        *n_w = (size_t)(end - start);
    }
    return true;
}

/* Whether token t, which is not plain, folds (ds_fold, as the lexicons
 * fold) to one word, and whether some phrase has that word: found once,
 * where each span around it would be folded again. */
static void fold_word(const ds_places *r, const char *text, ds__ptok *t)
{
    if (t->folded >= 0)
        return;
    t->folded = 0;
    size_t len = t->e - t->s;
    ds__pfold *kept = len <= DS__PFOLD_MAX ? &r->folds[ds__places_word_hash(text + t->s, len) &
                                                        (DS__PFOLDS - 1)]
                                           : NULL;
    if (kept && kept->len == len && memcmp(kept->bytes, text + t->s, len) == 0) {
        t->folded = kept->folded;
        if (kept->folded > 0)
            t->word_bits = kept->word_bits;
        return;
    }
    utf8proc_int32_t cps[FOLD_CPS + 1]; /* utf8proc_reencode needs one more */
    const char *f;
    size_t n;
    char *heap;
    if (!fold_one_word(text + t->s, len, cps, &f, &n, &heap))
        return; /* invalid UTF-8, or out of memory: the lexicons will say */
    if (n > 0) {
        const ds__phrase *alone;
        unsigned bits = ds__places_word_bits(&r->phrases, ds__places_word_hash(f, n), &alone);
        t->folded = (bits & DS__WORD_KNOWN) ? 2 : 1;
        t->word_bits = (uint8_t)bits;
    }
    ds_free(heap);
    if (kept) { /* not after a failure, which may be the memory's */
        kept->len = (uint8_t)len;
        kept->folded = t->folded;
        kept->word_bits = t->word_bits;
        memcpy(kept->bytes, text + t->s, len);
    }
}

/* Whether token t, after plain_word, is one word that no phrase has,
 * plain or folded: set apart by plain gaps, it is a word of its own in the
 * folded text of any span that holds it, so no such span is a phrase. */
static bool unknown_word(const ds_places *r, const char *text, ds__ptok *t)
{
    if (t->plain > 0)
        return t->plain == 1;
    fold_word(r, text, t);
    return t->folded == 1;
}

/* Whether token t is one word, plain or folded, that starts no area
 * phrase.  A plain word is told by its hash alone: the few that the
 * filter lets through ("the", "north") go on to the filter of the area
 * phrases' first words (area_reach), which answers for them in fewer
 * steps than the vocabulary would. */
static bool starts_no_area(const ds_places *r, const char *text, ds__ptok *t)
{
    if (t->fl & DS__TK_PLAIN)
        return !ds__places_may_start_area(&r->phrases, t->word);
    fold_word(r, text, t);
    return t->folded > 0 && !(t->word_bits & DS__WORD_AREA_FIRST);
}

/* The recognizer's entry for a plain token's word, when it holds that word
 * in any case (OR 0x20 lower-cases ASCII letters and keeps digits); else
 * NULL, and *slot gets the entry the word would take, if it may. */
static ds__pword *cached_word(const ds_places *r, const char *text, const ds__ptok *t,
                              ds__pword **slot)
{
    size_t n = t->e - t->s;
    ds__pword *w = &r->words[t->word & (DS__PWORDS - 1)];
    *slot = n <= DS__PWORD_MAX ? w : NULL;
    return w->len == n && lower_equal(text, t->s, t->e, w->low) ? w : NULL;
}

static void fold_and_key(const ds_places *r, const char *text, ds__ptok *t, ds__pword *slot);

/* Folds a token not hashed yet and hashes its skeleton and its folded
 * form.  A plain word keyed before, in this document or an earlier one,
 * copies what it got then (r->words): the same lower-case bytes fold, and
 * so hash, alike.  Most capitalised words of news are met again (weekdays,
 * agencies, capitals, the words that start sentences). */
static inline __attribute__((always_inline)) void hash_word(const ds_places *r, const char *text,
                                                           ds__ptok *t)
{
    ds__pword *slot = NULL;
    /* Whether a phrase has the word is asked only where a cue is looked
     * for (plain_word): most capitalised words never are. */
    if (t->fl & DS__TK_PLAIN) {
        const ds__pword *w = cached_word(r, text, t, &slot);
        if (w) {
            t->fl |= w->fl;
            t->skel = w->skel;
            t->exact = w->exact;
            t->common = w->common;
            t->hashed = true;
            return;
        }
    }
    fold_and_key(r, text, t, slot);
}

/* hash_word, apart, for the scan's callers but the tokenizer: inlined in
 * each, it would make them larger than the call costs. */
static void hash_new_token(const ds_places *r, const char *text, ds__ptok *t)
{
    hash_word(r, text, t);
}

/* hash_word for a token whose word the recognizer does not keep:
 * folds it, keys it, and keeps the keys in slot, if any.  Apart, and never
 * inlined, so that the kept words, most capitalised words, need no room
 * for its buffers. */
__attribute__((noinline)) static void fold_and_key(const ds_places *r, const char *text,
                                                   ds__ptok *t, ds__pword *slot)
{
    char fold[DS__GZ_TOKEN_MAX], skel[DS__GZ_TOKEN_MAX];
    size_t n;
    if (t->fl & DS__TK_PLAIN) {
        n = ds__gz_fold_plain(text + t->s, t->e - t->s, fold, &t->fl, &t->exact);
    } else {
        n = ds__gz_fold_token(text + t->s, t->e - t->s, fold, &t->fl);
        t->exact = ds__gz_hash(fold, n);
    }
    size_t k = ds__gz_skeleton(&r->gz->rules, fold, n, skel);
    t->skel = ds__gz_hash(skel, k);
    t->common = n > 0 ? -1 : 0;
    t->hashed = true;
    if (slot) {
        slot->len = (uint8_t)(t->e - t->s);
        for (size_t i = 0; i < slot->len; i++)
            slot->low[i] = (char)(text[t->s + i] | 0x20);
        slot->fl = (uint8_t)(t->fl & (DS__TK_ARTICLE | DS__TK_STRICT_ARTICLE));
        slot->skel = t->skel;
        slot->exact = t->exact;
        slot->common = t->common;
    }
}

/* The index's slot for a key, NULL for none.  The recognizer keeps the
 * slots it found (r->seen): most names and capitalised words of news are
 * met again, and the filter and the slot lie anywhere in memory. */
static const ds__gz_slot *find_slot(const ds_places *r, uint64_t key)
{
    ds__pseen *e = &r->seen[key >> 20 & (DS__PSEEN - 1)];
    if (e->key == key && key)
        return e->slot;
    e->key = key;
    e->slot = ds__gz_find(r->gz, key);
    return e->slot;
}

/* Whether the recognizer keeps the slot for a key (find_slot). */
static bool slot_seen(const ds_places *r, uint64_t key)
{
    return r->seen[key >> 20 & (DS__PSEEN - 1)].key == key && key;
}

/* Looks up whether a hashed token is a common English word (is_common). */
static void look_up_common(const ds_places *r, const char *text, ds__ptok *t)
{
    t->common = ds__places_is_common(r, ds__gz_key_final(ds__gz_key_add(
                                            ds__gz_key_start(), t->exact)));
    /* The word's entry keeps the answer for its next occurrence. */
    ds__pword *slot, *w = (t->fl & DS__TK_PLAIN) ? cached_word(r, text, t, &slot) : NULL;
    if (w)
        w->common = t->common;
}

/* Whether a token is a common English word; looked up once, on demand.
 * The commonest answer, a token hashed and its answer known (from its kept
 * word, most often), comes without a call. */
static inline bool is_common(const ds_places *r, const char *text, ds__ptok *t)
{
    hash_token(r, text, t);
    if (t->common < 0)
        look_up_common(r, text, t);
    return t->common > 0;
}

/* Whether the bytes between two tokens fold to one space in the lexicons:
 * ASCII without a letter or a digit, a no-break space, or U+2010..U+2029
 * (dashes, curly quotes, bullets, line separators), which ds_fold keeps
 * as separators; not the invisible format characters that it drops. */
static bool plain_gap(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const unsigned char *c = (const unsigned char *)text + i;
        if (c[0] < 0x80) {
            if (is_alnum(c[0]))
                return false;
        } else if (c[0] == 0xC2 && i + 1 < to && c[1] == 0xA0) {
            i++;
        } else if (c[0] == 0xE2 && i + 2 < to && c[1] == 0x80 && c[2] >= 0x90 && c[2] <= 0xA9) {
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

/* Whether the gap before token j (j > 0) is plain, as plain_gap says. */
static inline bool plain_before(const char *text, const ds__pscan *sc, size_t j)
{
    const ds__ptok *t = &sc->toks[j];
    return t->ascii_gap || plain_gap(text, t[-1].e, t->s);
}

/* The table's entry for the words of tokens [a, b), whose chain is key, or
 * NULL: every entry with the key is checked word by word. */
static const ds__phrase *find_phrase(const ds_places *r, const char *text, const ds__pscan *sc,
                                     size_t a, size_t b, uint64_t key)
{
    const ds__phrases *t = &r->phrases;
    if (!t->items)
        return NULL; /* files with no rows */
    for (size_t j = key & t->mask; t->items[j].key; j = (j + 1) & t->mask)
        if (t->items[j].key == key &&
            same_words(t->items[j].words, text, &sc->toks[a], &sc->toks[b]))
            return &t->items[j];
    return NULL;
}

/* Looks tokens [a, b) up in the phrase table; *out gets the phrase or
 * NULL.  A span of plain words and gaps folds to its lower-case words
 * joined by spaces, so the table answers exactly as the lexicons would.
 * So does a span with a plain word that no phrase has, set apart by plain
 * gaps: it folds to a word of its own, and no key can hold it.  Returns
 * false for any other span (accents, Arabic, an apostrophe, an inner
 * "'s"), which the caller looks up in the lexicons themselves. */
static bool span_phrase(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                        size_t b, const ds__phrase **out)
{
    uint64_t key = ds__gz_key_start();
    bool plain = true, known = true;
    for (size_t j = a; j < b; j++) {
        ds__ptok *t = &sc->toks[j];
        bool gap_before = j == a || plain_before(text, sc, j);
        plain &= plain_word(r, text, t) && gap_before;
        if (gap_before && unknown_word(r, text, t) &&
            (j + 1 == b || plain_before(text, sc, j + 1))) {
            *out = NULL; /* the commonest case: a word no phrase has */
            return true;
        }
        known &= t->plain == 2;
        key = ds__gz_key_add(key, t->word);
    }
    if (!plain)
        return false;
    *out = known ? find_phrase(r, text, sc, a, b, ds__gz_key_final(key)) : NULL;
    return true;
}

/* phrase_of for a plain word alone, the commonest span, without a call:
 * a word alone folds to itself. */
static inline bool phrase_of(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                             size_t b, const ds__phrase **out)
{
    if (b == a + 1 && plain_word(r, text, &sc->toks[a])) {
        *out = sc->toks[a].alone;
        return true;
    }
    return span_phrase(r, text, sc, a, b, out);
}

/* ---- cues ---------------------------------------------------------------- */

bool ds__places_list_gap(const char *text, size_t from, size_t to)
{
    /* Each gap has its own length, so the length picks the one to compare
     * (fixed-length compares compile to a few instructions). */
    const char *g = text + from;
    switch (to < from ? 0 : to - from) {
    case 1: return g[0] == ',';
    case 2: return memcmp(g, ", ", 2) == 0;
    case 3: return memcmp(g, " & ", 3) == 0;
    case 4: return memcmp(g, " or ", 4) == 0;
    case 5: return memcmp(g, " and ", 5) == 0;
    case 6: return memcmp(g, ", and ", 6) == 0;
    default: return false;
    }
}

ds__cue ds__places_cue(const ds_places *r, const char *text, size_t s, size_t e)
{
    if (!ds_lexicon_may_match(r->cues, text + s, e - s))
        return DS__CUE_NONE;
    const char *v = ds_lexicon_get(r->cues, text + s, e - s);
    return v ? ds__places_role(v) : DS__CUE_NONE;
}

/* Whether token j is a plain word that no phrase has, set apart by plain
 * gaps on the sides asked for: then no span that holds it (and crosses
 * only those gaps) is a phrase, as phrase_of explains, and a caller about
 * to try several spans around it may stop at once. */
static inline bool shuts_phrases(const ds_places *r, const char *text, ds__pscan *sc,
                                 size_t j, bool before, bool after)
{
    ds__ptok *t = &sc->toks[j];
    plain_word(r, text, t);
    if (!unknown_word(r, text, t))
        return false;
    if (before && j > 0 && !plain_before(text, sc, j))
        return false;
    return !after || j + 1 >= sc->n_toks || plain_before(text, sc, j + 1);
}

/* The cue role of tokens [a, b). */
static ds__cue cue_of(const ds_places *r, const char *text, ds__pscan *sc, size_t a, size_t b)
{
    const ds__phrase *p;
    if (phrase_of(r, text, sc, a, b, &p))
        return p ? (ds__cue)p->cue : DS__CUE_NONE;
    return ds__places_cue(r, text, sc->toks[a].s, sc->toks[b - 1].e);
}

/* The cue made of tokens [i-k, i) for the longest k that is one; *k gets
 * its length.  Cues never reach across a sentence. */
static ds__cue cue_before(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                          size_t *k)
{
    /* A cue stands next to its name: in "Canton, Ohio" and "District,
     * Ohio" the comma parts a town from its state. */
    if (i == 0 || !joined(text, &sc->toks[i - 1], &sc->toks[i]) ||
        shuts_phrases(r, text, sc, i - 1, true, false))
        return DS__CUE_NONE; /* every span ends with token i - 1 */
    /* A word no phrase has at i - 2, with a plain gap after it, shuts the
     * spans of two words, and of three where the gap before it is plain
     * too: span_phrase would stop at it ("clashes in Aleppo"). */
    bool shut = i >= 2 && sc->toks[i - 2].sentence == sc->toks[i].sentence &&
                shuts_phrases(r, text, sc, i - 2, false, true);
    for (size_t w = 3; w >= 1; w--) {
        if (i < w || sc->toks[i - w].sentence != sc->toks[i].sentence)
            continue;
        if (shut && w >= 2 && (w == 2 || plain_before(text, sc, i - 2)))
            continue;
        ds__cue c = cue_of(r, text, sc, i - w, i);
        if (c) {
            *k = w;
            return c;
        }
    }
    return DS__CUE_NONE;
}

static ds__cue cue_after(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                         size_t *k)
{
    if (i >= sc->n_toks || (i > 0 && !joined(text, &sc->toks[i - 1], &sc->toks[i])) ||
        shuts_phrases(r, text, sc, i, false, true))
        return DS__CUE_NONE; /* every span starts with token i */
    for (size_t w = 2; w >= 1; w--) {
        if (i + w > sc->n_toks || sc->toks[i + w - 1].sentence != sc->toks[i].sentence)
            continue;
        ds__cue c = cue_of(r, text, sc, i, i + w);
        if (c) {
            *k = w;
            return c;
        }
    }
    return DS__CUE_NONE;
}

static bool is_lower_tok(const ds__ptok *t)
{
    return !(t->fl & (DS__TK_UPPER | DS__TK_UNCASED | DS__TK_DIGIT));
}

/* Whether a cue is a noun for a kind of place ("state", "zone", "village",
 * "countryside"), which may end a name in lower case
 * or head "the province of X". */
static bool names_a_kind(ds__cue c)
{
    return c == DS__CUE_ADMIN1 || c == DS__CUE_ADMIN2 || c == DS__CUE_FEATURE ||
           c == DS__CUE_AREA;
}

static bool is_of(const char *text, const ds__ptok *t)
{
    return t->e - t->s == 2 && (text[t->s] | 0x20) == 'o' && (text[t->s + 1] | 0x20) == 'f';
}

static bool stopped(const ds_places *r, const char *text, ds__pscan *sc, size_t a, size_t b);

/* Whether token i follows a capitalised word of its sentence that is not
 * its first, nor a word of the stoplist: a name ("Andarab district", "the
 * Catatumbo region"), not a group ("the Shia towns of"). */
static bool after_name(const ds_places *r, const char *text, ds__pscan *sc, size_t i)
{
    const ds__ptok *t = sc->toks;
    return i > 0 && t[i - 1].sentence == t[i].sentence && (t[i - 1].fl & DS__TK_UPPER) &&
           !t[i - 1].sent_start && joined(text, &t[i - 1], &t[i]) &&
           !stopped(r, text, sc, i - 1, i);
}

/* The cue after the name that ends before token b; *k gets its length in
 * tokens. */
static ds__cue cue_following(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                             size_t b, size_t *k)
{
    const ds__ptok *t = sc->toks;
    *k = 0;
    return b < sc->n_toks && t[b].sentence == t[a].sentence ? cue_after(r, text, sc, b, k)
                                                            : DS__CUE_NONE;
}

/* Whether the capitalised word t is followed by an age: ", 41," or
 * ", 7 " (news gives a person's age after the name). */
static bool aged_name(const char *text, size_t len, const ds__ptok *t)
{
    size_t i = t->e;
    if (i + 3 >= len || text[i] != ',' || text[i + 1] != ' ')
        return false;
    size_t d = i + 2;
    while (d < len && d - (i + 2) < 4 && text[d] >= '0' && text[d] <= '9')
        d++;
    return d > i + 2 && d - (i + 2) <= 3 && d < len &&
           (text[d] == ',' || text[d] == ' ' || text[d] == ')');
}

/* Whether match m is a given name before a surname ("Paris Hilton",
 * "Sydney Sweeney", "Victoria Beckham"): one word of given_names.tsv, then
 * a capitalised word of the same name that is no common word and no cue,
 * and no locative before it ("in Sydney Harbour" is the city's). */
static bool given_name(const ds_places *r, const char *text, ds__pscan *sc, const ds__pmatch *m)
{
    ds__ptok *t = sc->toks;
    size_t k;
    if (m->b != m->a + 1 ||
        !ds_lexicon_get(r->given, text + t[m->a].s, t[m->a].e - t[m->a].s))
        return false;
    return !is_common(r, text, &t[m->b]) &&
           cue_of(r, text, sc, m->b, m->b + 1) == DS__CUE_NONE &&
           cue_before(r, text, sc, m->a, &k) != DS__CUE_IN;
}

/* Reads the words around match m: "X province", "rural X", "the
 * countryside of X", "near X", "northern X", "X city".  False when the
 * name is a street's or a park's ("Richmond Street", "Lents Park"). */
static bool read_context(const ds_places *r, const char *text, ds__pscan *sc, ds__pmatch *m)
{
    size_t k = 0, k2 = 0;
    const ds__ptok *t = sc->toks;
    ds__cue after = cue_following(r, text, sc, m->a, m->b, &k);
    /* A street word in lower case may be the road to the place ("on the
     * Aleppo road"); capitalised, it is the street's own name, as a
     * newspaper's or an airline's word makes the name theirs ("The
     * Washington Post", "Qatar Airways"). */
    if ((after == DS__CUE_STREET || after == DS__CUE_ORGANISATION) &&
        (t[m->b].fl & DS__TK_UPPER))
        return false;
    if (after == DS__CUE_ADMIN1 || after == DS__CUE_ADMIN2) {
        m->admin_cue = after;
        m->span_e = t[m->b + k - 1].e;
    } else if (after == DS__CUE_AREA) {
        m->area = true;
        m->span_e = t[m->b + k - 1].e;
    } else if (after == DS__CUE_FEATURE) {
        m->city = true;
    } else if (m->b < sc->n_toks && (t[m->b].fl & DS__TK_UPPER) && !t[m->b].sent_start &&
               joined(text, &t[m->b - 1], &t[m->b])) {
        /* "Damascus University", "Aleppo Media Centre": a place inside a
         * longer proper name is kept, but counts for less; "Chad Reynolds,
         * 41," and "Paris Hilton" are persons'. */
        if (aged_name(text, sc->len, &t[m->b]) || given_name(r, text, sc, m))
            return false;
        m->weak = true;
    }
    size_t a = m->a;
    ds__cue before = cue_before(r, text, sc, a, &k);
    /* "the Nuba Mountains", "the English Channel", "Lake Chad": a name
     * beside a landform word names the landform, which only a division of
     * that name may hold ("the Bekaa valley"; resolve.c). */
    m->landform = after == DS__CUE_LANDFORM || before == DS__CUE_LANDFORM;
    if (before == DS__CUE_IN && k == 1 && a >= 2 && is_of(text, &t[a - 1])) {
        /* "the countryside of X", "the province of X", "the city of X";
         * not "Rakhine State to X" nor "Andarab district of X", whose
         * division word is the name's before it. */
        ds__cue head = cue_before(r, text, sc, a - 1, &k2);
        if (names_a_kind(head) && !after_name(r, text, sc, a - 1 - k2)) {
            before = head;
            k = k2 + 1;
        }
        /* "the Gulf of Thailand", "the Strait of Georgia": after a
         * capitalised landform word and "of", the name is the landform's
         * ("the University of Maiduguri" still places its campus). */
        m->landform |= head == DS__CUE_LANDFORM && (t[a - 1 - k2].fl & DS__TK_UPPER);
    }
    switch (before) {
    case DS__CUE_AREA:
    case DS__CUE_DIRECTION:
        m->area = true;
        m->span_s = t[a - k].s;
        /* "northern rural Hama", "eastern Hama countryside" */
        if (a > k && cue_before(r, text, sc, a - k, &k2) == DS__CUE_DIRECTION)
            m->span_s = t[a - k - k2].s;
        break;
    case DS__CUE_ADMIN1:
    case DS__CUE_ADMIN2:
        if (!m->admin_cue)
            m->admin_cue = before;
        m->span_s = t[a - k].s;
        break;
    case DS__CUE_FEATURE: m->city = true; break;
    case DS__CUE_NEAR: m->near = true; break;
    default: break;
    }
    return true;
}

/* ---- filters ------------------------------------------------------------- */

/* Whether token a follows a locative, settlement, area or compass word.
 * A bare "of" counts after a lower-case word ("the mayor of Reading",
 * "residents of Phoenix"), not inside a capitalised name ("the Line of
 * Control", "the Department of Justice", "the Chamber of Commerce"). */
static bool follows_in_cue(const ds_places *r, const char *text, ds__pscan *sc, size_t a)
{
    size_t k;
    ds__cue c = cue_before(r, text, sc, a, &k);
    if (c == DS__CUE_IN && k == 1 && is_of(text, &sc->toks[a - 1]))
        return !after_name(r, text, sc, a - 1);
    return c == DS__CUE_IN || c == DS__CUE_NEAR || c == DS__CUE_FEATURE || c == DS__CUE_AREA ||
           c == DS__CUE_DIRECTION;
}

/* Whether token a follows a capitalised article inside a sentence ("in El
 * Mango", "Ash Shajarah"): the article makes the word a name.  Articles
 * that are also English words or first names ("Al Gore", "Ed", "As",
 * "At") do not count, nor any at a sentence start. */
static bool after_article(const char *text, const ds__pscan *sc, size_t a)
{
    static const char *const names_only[] = {"el", "ash", "ad", "ar", "az", "adh", "ath",
                                             "esh", "ech", "ez"};
    const ds__ptok *t = sc->toks;
    if (a == 0 || !(t[a - 1].fl & DS__TK_ARTICLE) || !(t[a - 1].fl & DS__TK_UPPER) ||
        t[a - 1].sent_start || t[a - 1].sentence != t[a].sentence ||
        !joined(text, &t[a - 1], &t[a]))
        return false;
    size_t n = t[a - 1].e - t[a - 1].s;
    for (size_t i = 0; i < sizeof names_only / sizeof *names_only; i++)
        if (strlen(names_only[i]) == n && strncasecmp(text + t[a - 1].s, names_only[i], n) == 0)
            return true;
    return false;
}

/* Whether the bytes after token e - 1 close a name: a comma, a stop, a
 * bracket, the sentence's or the text's end. */
static bool closed_after(const char *text, const ds__pscan *sc, size_t e)
{
    const ds__ptok *t = sc->toks;
    if (e >= sc->n_toks || t[e].sentence != t[e - 1].sentence)
        return true;
    size_t i = t[e - 1].e;
    while (i < t[e].s && text[i] == ' ')
        i++;
    return i < t[e].s && strchr(",.;:)", text[i]) && text[i] != '\0';
}

/* Whether a list goes on after token e - 1 with a capitalised word
 * ("Shanghai, Wuhan", "Shanghai and Wuhan", "Shanghai, and Wuhan"). */
static bool list_continues(const char *text, const ds__pscan *sc, size_t e)
{
    const ds__ptok *t = sc->toks;
    size_t last = e - 1; /* the list item's last token */
    size_t n = e < sc->n_toks ? t[e].e - t[e].s : 0;
    if ((n == 3 && memcmp(text + t[e].s, "and", 3) == 0) ||
        (n == 2 && memcmp(text + t[e].s, "or", 2) == 0))
        e++; /* the conjunction is a token; the list gap spans it */
    return e < sc->n_toks && t[e].sentence == t[last].sentence && (t[e].fl & DS__TK_UPPER) &&
           ds__places_list_gap(text, t[last].e, t[e].s);
}

/* Whether a common word is an item of a list of places: after a place of
 * its sentence and a list gap, and either joined by "and" or "or", or
 * followed by another item, or closing an apposition ("Flint, Wales,").
 * "In Washington, Congress voted" and "In Cairo, Hope faded" are clauses,
 * and "Aleppo, Mark Lowcock said" a person.  In an apposition alone
 * ("In Washington, Congress, the Senate ...") the word is kept only if it
 * holds the place before it, which resolution checks (m->if_holding). */
static bool listed_after_place(const char *text, const ds__pscan *sc, ds__pmatch *m)
{
    const ds__ptok *t = sc->toks;
    const ds__pmatch *prev = sc->n ? &sc->m[sc->n - 1] : NULL;
    if (!prev || prev->sentence != t[m->a].sentence ||
        !ds__places_list_gap(text, prev->span_e, t[m->a].s))
        return false;
    /* Of the list gaps, all but ", " and "," hold "and", "or" or "&". */
    bool conjunction = t[m->a].s - prev->span_e > 2;
    bool person = m->b < sc->n_toks && t[m->b].sentence == t[m->a].sentence &&
                  (t[m->b].fl & DS__TK_UPPER) && joined(text, &t[m->b - 1], &t[m->b]);
    if (person)
        return false;
    if (conjunction || list_continues(text, sc, m->b))
        return true;
    m->if_holding = closed_after(text, sc, m->b);
    return m->if_holding;
}

/* Whether a common word is followed, after a comma, by one capitalised
 * word that closes ("Independence, Missouri,", "Hazard, Ky."): then it
 * may be a town named with its division, kept only if that division holds
 * one of its places, which resolution checks (m->if_held). */
static bool before_its_division(const char *text, const ds__pscan *sc, ds__pmatch *m)
{
    const ds__ptok *t = sc->toks;
    size_t d = m->b;
    if (d >= sc->n_toks || t[d].sentence != t[m->a].sentence || !(t[d].fl & DS__TK_UPPER) ||
        t[d].s != t[d - 1].e + 2 || memcmp(text + t[d - 1].e, ", ", 2) != 0)
        return false;
    m->if_held = closed_after(text, sc, d + 1);
    return m->if_held;
}

/* Whether some posting of a name is spelt as the text spells it, and is
 * of the given kind (any kind when kind < 0). */
static bool spelt_as(const ds_gazetteer *gz, const ds__gz_slot *s, uint64_t exact, int kind)
{
    size_t n = s->info & DS__SLOT_COUNT;
    for (size_t i = 0; i < n; i++) {
        const ds__gz_posting *p = &gz->postings[s->first + i];
        if (p->exact == (uint32_t)exact && (kind < 0 || gz->places[p->place].kind == kind))
            return true;
    }
    return false;
}

/* Whether a token is "the", "a" or "an", in any case. */
static bool english_article(const char *text, const ds__ptok *t)
{
    size_t n = t->e - t->s;
    const char *w = text + t->s;
    return (n == 3 && ds_str_iprefix(w, "the")) || (n == 1 && (w[0] | 0x20) == 'a') ||
           (n == 2 && ds_str_iprefix(w, "an"));
}

/* Whether some candidate of a name is a country (the index marks it). */
static bool slot_has_country(const ds__gz_slot *s) { return (s->info & DS__SLOT_COUNTRY) != 0; }

/* The bytes of an Arabic conjunction or preposition written onto the next
 * word: و and, ف so, ب in, ل to, and لل (ل before the article, whose alef
 * it drops).  0 when the word starts with none, or too little follows. */
static inline size_t clitic_bytes(const char *text, const ds__ptok *t)
{
    const unsigned char *u = (const unsigned char *)text + t->s;
    size_t n = t->e - t->s, k;
    if (n >= 4 && u[0] == 0xD9 && u[1] == 0x84 && u[2] == 0xD9 && u[3] == 0x84)
        k = 4;
    else if (n >= 2 && ((u[0] == 0xD9 && (u[1] == 0x88 || u[1] == 0x81 || u[1] == 0x84)) ||
                        (u[0] == 0xD8 && u[1] == 0xA8)))
        k = 2;
    else
        return 0;
    return n - k >= 6 ? k : 0; /* three letters or more */
}

static bool on_stoplist(const ds_places *r, const char *s, size_t n)
{
    return ds_lexicon_may_match(r->stop, s, n) && ds_lexicon_get(r->stop, s, n) != NULL;
}

/* Whether a match is a name of something else: a common word in a
 * capitalised position, a word on the stoplist, or one word of a longer
 * proper name ("Hayat Tahrir al-Sham", "Bashar al-Assad"). */
static bool stopped(const ds_places *r, const char *text, ds__pscan *sc, size_t a, size_t b)
{
    const ds__phrase *p;
    size_t s = sc->toks[a].s, e = sc->toks[b - 1].e;
    if (phrase_of(r, text, sc, a, b, &p) ? p && p->stop : on_stoplist(r, text + s, e - s))
        return true;
    /* "والدولة" (and the state): the index reads an Arabic word without its
     * clitic, so the stoplist does too. */
    size_t k = b == a + 1 ? clitic_bytes(text, &sc->toks[a]) : 0;
    return k && on_stoplist(r, text + s + k, e - s - k);
}

/* Whether two letters are "as", "at" or "an" in any case. */
static bool english_word_article(const char *w)
{
    char c0 = (char)(w[0] | 0x20), c1 = (char)(w[1] | 0x20);
    return c0 == 'a' && (c1 == 's' || c1 == 't' || c1 == 'n');
}

/* Whether token t is an article that may join the names around it: one
 * attached by a hyphen, written apart but no English word ("Ras al Ain"),
 * or an English one capitalised inside a sentence ("in As Suwayda");
 * "as", "at" and "an" in lower case are English ("Ras al-Ain as Turkish
 * troops", "from Aleppo at Hama"). */
static bool joining_article(const char *text, const ds__ptok *t)
{
    return (t->fl & DS__TK_ARTICLE) &&
           (t->e - t->s != 2 || (t->fl & DS__TK_HYPHEN) || !english_word_article(text + t->s) ||
            ((t->fl & DS__TK_UPPER) && !t->sent_start));
}

static bool possessive_in_name(const char *text, const ds__ptok *a, const ds__ptok *b);

/* Whether match m follows a capitalised division word and names a
 * division of that level so spelt ("County Mayo"; not "State University",
 * though Jamaica has a parish division named University). */
static bool after_division_word(const ds_places *r, const char *text, ds__pscan *sc,
                                const ds__pmatch *m)
{
    size_t k;
    ds__cue c = cue_before(r, text, sc, m->a, &k);
    if ((c != DS__CUE_ADMIN1 && c != DS__CUE_ADMIN2) || !(sc->toks[m->a - k].fl & DS__TK_UPPER))
        return false;
    return spelt_as(r->gz, m->slot, m->exact,
                    c == DS__CUE_ADMIN1 ? DS_PLACE_ADMIN1 : DS_PLACE_ADMIN2);
}

static bool rejected(const ds_places *r, const char *text, ds__pscan *sc, ds__pmatch *m)
{
    ds__ptok *t = sc->toks;
    bool single = m->b - m->a == 1;
    const ds__ptok *first = &t[m->a];
    /* The commonest case first ("The", "He" and "In" start sentences):
     * every test below rejects a common word alone at a sentence start
     * that names no country, and they only read and memoize tokens; but
     * "Hope, B.C., was cut off" may be a town named with its division
     * (before_its_division). */
    if (single && first->sent_start && !slot_has_country(m->slot) &&
        is_common(r, text, &t[m->a]) && !before_its_division(text, sc, m))
        return true;
    if (stopped(r, text, sc, m->a, m->b))
        return true;
    if (single && first->e - first->s == 1)
        return true; /* "A", "I": single letters are never names here */
    /* "North Darfur", "South Kordofan": a compass word before a capitalised
     * word is the start of a longer name, not Cameroon's North region. */
    if (single && m->b < sc->n_toks && (t[m->b].fl & DS__TK_UPPER) &&
        t[m->b].sentence == first->sentence && joined(text, first, &t[m->b]) &&
        cue_of(r, text, sc, m->a, m->b) == DS__CUE_DIRECTION)
        return true;
    /* "A man was killed": a single letter and a lower-case common word are
     * an article and a noun ("Lima region" and "Gyeonggi-do" are names). */
    if (!single && first->e - first->s == 1 && !(t[m->b - 1].fl & DS__TK_UPPER) &&
        is_common(r, text, &t[m->b - 1]))
        return true;
    bool country = slot_has_country(m->slot);
    /* Acronyms ("UN", "ISIS") are not places, but "US" and "UK" are; a
     * short word in capitals is a place only spelt exactly ("GAZA", "DOHA"
     * in a dateline; "OCHA" is no spelling of Aachen). */
    if (single && (first->fl & DS__TK_ALLCAPS) && first->e - first->s <= 3 && !country)
        return true;
    if (single && (first->fl & DS__TK_ALLCAPS) && first->e - first->s <= 5 &&
        !spelt_as(r->gz, m->slot, m->exact, -1))
        return true;
    /* A common word ("Reading", "Mission") is a place only mid-sentence and
     * capitalised, and then only as a country, after a locative word, after
     * a capitalised article ("El Mango") or next in a list of places; and
     * never as the first word of a longer name ("Lake Chad"), unless the
     * word after it is a cue ("Delta State"). */
    size_t k;
    if (single && !country && m->b < sc->n_toks && (t[m->b].fl & DS__TK_UPPER) &&
        t[m->b].sentence == first->sentence && joined(text, first, &t[m->b]) &&
        is_common(r, text, &t[m->a]) && cue_following(r, text, sc, m->a, m->b, &k) == DS__CUE_NONE &&
        !stopped(r, text, sc, m->b, m->b + 1)) /* "in Nice Thursday" */
        return true;
    if (single && !country && is_common(r, text, &t[m->a])) {
        if ((first->sent_start && !m->if_held) || (first->fl & DS__TK_ALLCAPS))
            return true;
        /* "near Queen's University", "King's College": a common word in
         * the possessive before a capitalised word is part of a name. */
        if (m->b < sc->n_toks && (t[m->b].fl & DS__TK_UPPER) &&
            possessive_in_name(text, first, &t[m->b]))
            return true;
        /* "Storms hit Wales", "clashes in Unity and Lakes": a common word
         * that is a first-level division's name is kept for now, and only
         * as that division of the text's own country (resolve.c). */
        if (!follows_in_cue(r, text, sc, m->a) && !after_article(text, sc, m->a) &&
            !listed_after_place(text, sc, m) && !before_its_division(text, sc, m) &&
            !after_division_word(r, text, sc, m)) {
            /* Only a name a first-level division bears as written ("Wales",
             * "Delta", "Unity"); "the Unity party", "the Delta variant":
             * after an article the word is a modifier or a noun. */
            if (!spelt_as(r->gz, m->slot, m->exact, DS_PLACE_ADMIN1) ||
                (m->a > 0 && t[m->a - 1].sentence == first->sentence &&
                 english_article(text, &t[m->a - 1])))
                return true;
            m->if_focus_division = true;
        }
    }
    /* The token before the name, skipping attached articles. */
    size_t p = m->a;
    while (p > 0 && joining_article(text, &t[p - 1]) && t[p - 1].sentence == first->sentence)
        p--;
    if (p == 0 || t[p - 1].sentence != first->sentence || !joined(text, &t[p - 1], &t[p]))
        return false;
    const ds__ptok *prev = &t[p - 1];
    if (!(prev->fl & DS__TK_UPPER))
        return false;
    /* "Mt. Shasta", "Main St. London": when no name starts at the title,
     * the word after it stands alone. */
    if (prev->e - prev->s == 2 && text[prev->e] == '.' &&
        place_title((const unsigned char *)text, prev->e))
        return false;
    if (cue_before(r, text, sc, p, &k) != DS__CUE_NONE)
        return false;
    hash_token(r, text, &sc->toks[p - 1]);
    /* "In Homs", "The Latakia countryside", "A Columbus man": a capitalised
     * common word or article at a sentence start is just the start of the
     * sentence. */
    if (prev->sent_start && (is_common(r, text, &sc->toks[p - 1]) ||
                             (prev->e - prev->s == 1 && text[prev->s] == 'A')))
        return false;
    return true;
}

/* ---- matching ------------------------------------------------------------ */

static bool can_start(const ds__ptok *t)
{
    if (t->fl & DS__TK_DIGIT)
        return false;
    return (t->fl & (DS__TK_UPPER | DS__TK_UNCASED)) != 0;
}

static ds_status push(ds__pscan *sc, const ds__pmatch *m, ds_error *err)
{
    if (sc->n == sc->cap) { /* ds_grow's own test, without a call for each match */
        ds__pmatch *v = ds_grow(sc->m, &sc->cap, sc->n, sizeof *v);
        if (!v)
            return ds_error_set(err, DS_ENOMEM, "out of memory scanning for places");
        sc->m = v;
    }
    sc->m[sc->n++] = *m;
    return DS_OK;
}

/* Whether the gap between a and b is a possessive's "'s" and one space,
 * which a name may hold ("Cox's Bazar", "Martha's Vineyard"): the builder
 * keys such a name by its words alone, so "Cox Bazar" finds it.  Only a
 * longer name found in the index keeps the words together; "Hama's
 * Salamiyah" stays two names. */
static bool possessive_in_name(const char *text, const ds__ptok *a, const ds__ptok *b)
{
    if (!(a->fl & DS__TK_POSSESSIVE))
        return false;
    size_t i = a->e;
    if (b->s == i + 3 && text[i] == '\'')
        i++;
    else if (b->s == i + 5 && memcmp(text + i, "\xE2\x80\x99", 3) == 0)
        i += 3; /* the right single quotation mark */
    else
        return false;
    return (text[i] == 's' || text[i] == 'S') && text[i + 1] == ' ';
}

/* Whether a token starts with an elided article: "d'Oeste", "l’Eixample". */
static bool elided(const char *text, const ds__ptok *t)
{
    size_t n = t->e - t->s;
    const char *w = text + t->s;
    return (n > 2 && w[1] == '\'') || (n > 4 && memcmp(w + 1, "\xE2\x80\x99", 3) == 0);
}

/* The longest gazetteer name starting at token i; returns its end token
 * (exclusive) or i when none. */
static size_t longest_name(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                           const ds__gz_slot **slot, uint64_t *exact)
{
    uint64_t key = ds__gz_key_start(), x = ds__gz_key_start();
    size_t best = i, used = 0;
    for (size_t j = i; j < sc->n_toks && used < 8; j++) {
        ds__ptok *t = &sc->toks[j];
        if (j > i && (t->sentence != sc->toks[i].sentence ||
                      !(joined(text, &t[-1], t) ||
                        (!is_lower_tok(t) && possessive_in_name(text, &t[-1], t)))))
            break; /* "Gaza's city centre" is no Gaza City */
        hash_token(r, text, t);
        /* A detached article inside a name is skipped, as the builder
         * skipped it ("Deir ez-Zor" is keyed as deir + zor). */
        if ((t->fl & DS__TK_ARTICLE) && j > i && j + 1 < sc->n_toks)
            continue;
        key = ds__gz_key_add(key, t->skel);
        x = ds__gz_key_add(x, t->exact);
        used++;
        const ds__gz_slot *s = j == i && t->seen ? t->slot : find_slot(r, ds__gz_key_final(key));
        if (!s)
            break;
        /* A name ends with a capitalised word, an Arabic one, one joined
         * by a hyphen ("Vila-real") or an elided article ("Santa Bárbara
         * d'Oeste"): "Gao to" is no spelling of Gaotuo. */
        if ((s->info & DS__SLOT_NAME) &&
            (j == i || !is_lower_tok(t) || text[t[-1].e] == '-' || elided(text, t) ||
             names_a_kind(cue_of(r, text, sc, j, j + 1)))) { /* "Plateau state" */
            best = j + 1;
            *slot = s;
            *exact = ds__gz_key_final(x);
        }
        if (!(s->info & DS__SLOT_PREFIX))
            break;
    }
    return best;
}

/* longest_name's answer from token i, *b, where the look-up of its first
 * word that the recognizer kept decides it: no name starts with the word
 * (no slot), or none goes on from it (no prefix), so the walk would stop
 * after its first step.  False where the walk must go on. */
static inline bool name_decided(const ds__ptok *t, size_t i, size_t *b,
                                const ds__gz_slot **slot, uint64_t *exact)
{
    if (!t->seen || (t->slot && (t->slot->info & DS__SLOT_PREFIX)))
        return false;
    *b = i;
    if (t->slot && (t->slot->info & DS__SLOT_NAME)) {
        *b = i + 1;
        *slot = t->slot;
        *exact = ds__gz_key_final(ds__gz_key_add(ds__gz_key_start(), t->exact));
    }
    return true;
}

/* Whether the words are a demonym: every posting is one, or one is spelt
 * exactly as written ("Argentine" shares its key with "Argentina"). */
static bool demonym_only(const ds_gazetteer *gz, const ds__gz_slot *s, uint32_t exact,
                         char cc[3])
{
    if (!(s->info & DS__SLOT_DEMONYM))
        return false; /* the index marks the names with a demonym */
    size_t n = s->info & DS__SLOT_COUNT, demonyms = 0;
    bool exact_demonym = false;
    for (size_t i = 0; i < n; i++) {
        const ds__gz_posting *p = &gz->postings[s->first + i];
        if (!(p->flags & DS__PF_DEMONYM))
            continue;
        demonyms++;
        const ds__gz_place *pl = &gz->places[p->place];
        cc[0] = pl->cc[0];
        cc[1] = pl->cc[1];
        cc[2] = '\0';
        exact_demonym |= p->exact == exact;
    }
    return n > 0 && (demonyms == n || exact_demonym);
}

/* Whether a token is "St", "Mt" or "Ft" with its full stop. */
static bool title_with_stop(const char *text, size_t len, const ds__ptok *t)
{
    return t->e - t->s == 2 && t->e < len && text[t->e] == '.' &&
           place_title((const unsigned char *)text, t->e);
}

/* "Mt. Vernon", "Ft. Smith", "St. Albans": when the abbreviated title
 * starts no longer name, the full word does ("Mount Vernon").  The
 * title's hashes are those of the full word for the look-up only.  With
 * no name either way the title is no place ("St" is no spelling of
 * Sète): returns i, and the word after it is tried on its own. */
static size_t expanded_title(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                             const ds__gz_slot **slot, uint64_t *exact)
{
    ds__ptok *t = &sc->toks[i];
    const char *full = text[t->s] == 'S' ? "saint" : text[t->s] == 'M' ? "mount" : "fort";
    char fold[DS__GZ_TOKEN_MAX], skel[DS__GZ_TOKEN_MAX];
    unsigned fl = 0;
    uint64_t word_exact = 0;
    size_t n = ds__gz_fold_plain(full, strlen(full), fold, &fl, &word_exact);
    uint64_t saved_skel = t->skel, saved_exact = t->exact;
    bool saved_seen = t->seen; /* its slot is the abbreviation's */
    t->skel = ds__gz_hash(skel, ds__gz_skeleton(&r->gz->rules, fold, n, skel));
    t->exact = word_exact;
    t->seen = false;
    const ds__gz_slot *s = NULL;
    uint64_t x = 0;
    size_t b = longest_name(r, text, sc, i, &s, &x);
    t->skel = saved_skel;
    t->exact = saved_exact;
    t->seen = saved_seen;
    if (b <= i + 1)
        return i;
    *slot = s;
    *exact = x;
    return b;
}

/* "وحلب" (and Aleppo), "بحمص" (in Homs): when an Arabic word names no
 * place, the word after its clitic may.  The token then starts after the
 * clitic, so the mention's span is the name alone.  Words that start with
 * one of these letters and are names ("وادي", "بيروت") were found as they
 * are and never come here. */
static size_t after_clitic(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                           const ds__gz_slot **slot, uint64_t *exact)
{
    ds__ptok *t = &sc->toks[i];
    size_t k = clitic_bytes(text, t);
    /* A stopped word keeps its first letter ("ليلا", at night, is no
     * clitic before a spelling of Les Lilas). */
    if (!k || !(t->fl & DS__TK_UNCASED) || on_stoplist(r, text + t->s, t->e - t->s))
        return i;
    ds__ptok saved = *t;
    t->s += (uint32_t)k;
    t->hashed = false;
    t->seen = false; /* its kept slot is the whole word's */
    size_t b = longest_name(r, text, sc, i, slot, exact);
    if (b == i)
        *t = saved;
    return b;
}

static ds_status match_at(const ds_places *r, const char *text, ds__pscan *sc, size_t *i,
                          ds_error *err)
{
    size_t a = *i;
    ds__ptok *t = sc->toks;
    /* "al-Qadmus", "As Suwayda": the article starts the span, the name
     * starts the key. */
    size_t name_tok = a;
    hash_token(r, text, &t[a]);
    if (t[a].fl & DS__TK_ARTICLE) {
        if (a + 1 >= sc->n_toks || !joined(text, &t[a], &t[a + 1]) ||
            t[a + 1].sentence != t[a].sentence)
            return DS_OK;
        name_tok = a + 1;
    }
    const ds__gz_slot *slot = NULL;
    uint64_t exact = 0;
    size_t b;
    if (!name_decided(&t[name_tok], name_tok, &b, &slot, &exact))
        b = longest_name(r, text, sc, name_tok, &slot, &exact);
    if (b <= name_tok + 1 && title_with_stop(text, sc->len, &t[name_tok]))
        b = expanded_title(r, text, sc, name_tok, &slot, &exact);
    if (b == name_tok)
        b = after_clitic(r, text, sc, name_tok, &slot, &exact);
    if (b == name_tok)
        return DS_OK;
    char cc[3];
    if (demonym_only(r->gz, slot, (uint32_t)exact, cc)) {
        /* "Russian troops", "Israeli strikes": who acts, not where. */
        size_t k;
        if (sc->n_demonyms < 64 && cue_after(r, text, sc, b, &k) != DS__CUE_MILITARY)
            memcpy(sc->demonym_cc[sc->n_demonyms++], cc, 3);
        sc->demonym_at = a + 1;
        *i = b - 1;
        return DS_OK;
    }
    /* An article starts the span only when attached or unmistakable. */
    bool article_in_span = name_tok > a && ((t[a].fl & DS__TK_HYPHEN) ||
                                            (t[a].fl & DS__TK_STRICT_ARTICLE));
    ds__pmatch m = {0};
    m.a = name_tok;
    m.b = b;
    m.name_s = m.span_s = article_in_span ? t[a].s : t[name_tok].s;
    m.name_e = m.span_e = t[b - 1].e;
    m.sentence = t[a].sentence;
    m.slot = slot;
    m.exact = (uint32_t)exact;
    m.best = -1;
    if (rejected(r, text, sc, &m))
        return DS_OK;
    m.possessive = (t[b - 1].fl & DS__TK_POSSESSIVE) != 0;
    m.country = slot_has_country(slot);
    *i = b - 1;
    if (!read_context(r, text, sc, &m))
        return DS_OK;
    /* Resolution first reads whether the recognizer keeps this name's
     * candidates, which lie anywhere in memory: asked for now, long
     * before (the first six candidates). */
    const char *kept = (const char *)ds__places_gathered_at(r, slot, m.exact);
    __builtin_prefetch(kept);
    __builtin_prefetch(kept + 64);
    return push(sc, &m, err);
}

/* "Xyz, the Alawite neighbourhood of ...": an apposition that starts with
 * an article and names a kind of settlement within a few words. */
static bool apposition_marks(const ds_places *r, const char *text, ds__pscan *sc, size_t b)
{
    const ds__ptok *t = sc->toks;
    if (b >= sc->n_toks || b == 0 || t[b].sentence != t[b - 1].sentence)
        return false;
    const char *comma = memchr(text + t[b - 1].e, ',', t[b].s - t[b - 1].e);
    if (!comma)
        return false;
    if (!english_article(text, &t[b]))
        return false;
    for (size_t j = b + 1; j < sc->n_toks && j <= b + 4 && t[j].sentence == t[b].sentence; j++)
        if (cue_of(r, text, sc, j, j + 1) == DS__CUE_FEATURE)
            return true;
    return false;
}

/* "Yelwata, Benue state.": after a comma, capitalised words and a
 * division word that closes the apposition (a comma, a stop, a bracket or
 * the sentence's end; "Kaduna State governor" is a title). */
static bool division_marks(const ds_places *r, const char *text, ds__pscan *sc, size_t b)
{
    const ds__ptok *t = sc->toks;
    if (b >= sc->n_toks || b == 0 || t[b].sentence != t[b - 1].sentence ||
        !(t[b].fl & DS__TK_UPPER) || t[b].s != t[b - 1].e + 2 ||
        memcmp(text + t[b - 1].e, ", ", 2) != 0)
        return false;
    for (size_t j = b + 1; j < sc->n_toks && j <= b + 4 && t[j].sentence == t[b].sentence &&
                           joined(text, &t[j - 1], &t[j]);
         j++) {
        ds__cue c = cue_of(r, text, sc, j, j + 1);
        if (c == DS__CUE_ADMIN1 || c == DS__CUE_ADMIN2)
            return closed_after(text, sc, j + 1);
        if (!(t[j].fl & DS__TK_UPPER))
            return false;
    }
    return false;
}

/* Whether token t may be a generic cue word alone ("Tal", "Wadi"): a plain
 * word is one only as the phrase it is alone (phrase_of's first case). */
static bool may_be_generic(const ds_places *r, const char *text, ds__ptok *t)
{
    if (plain_word(r, text, t))
        return t->alone && t->alone->cue == DS__CUE_GENERIC;
    return true;
}

/* Whether some mark below may hold for the capitalised words [a, b): the
 * cheap half of each test, so that the many names that nothing marks
 * ("Reuters", "Monday") are let go at once.  The answers the full tests
 * give are unchanged: each half is implied by its test. */
static bool may_be_marked(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                          size_t b)
{
    ds__ptok *t = sc->toks;
    if (b - a >= 2 && may_be_generic(r, text, &t[a]))
        return true; /* a generic first word ("Tal Khaznah") */
    const ds__ptok *of = a >= 2 ? &t[a - 1] : NULL;
    if (of && of->sentence == t[a].sentence && of->e - of->s == 2 &&
        (text[of->s] | 0x20) == 'o' && (text[of->s + 1] | 0x20) == 'f')
        return true; /* "the village of Xyz" */
    if (sc->n > 0 && sc->m[sc->n - 1].sentence == t[a].sentence &&
        (sc->m[sc->n - 1].city || sc->m[sc->n - 1].unknown))
        return true; /* "the towns of Nubl and Xyz" */
    if (b >= sc->n_toks || t[b].sentence != t[a].sentence)
        return false;
    /* "Xyz village": a feature cue starts with the next word, unless that
     * word is plain, set apart by a plain gap, and starts none. */
    ds__ptok *next = &t[b];
    if (is_lower_tok(next) &&
        (!plain_word(r, text, next) || (next->word_bits & DS__WORD_FEATURE_FIRST) ||
         (b + 1 < sc->n_toks && !plain_before(text, sc, b + 1))))
        return true;
    /* "Xyz, the Alawite neighbourhood of ...": an article after a comma;
     * "Xyz, Benue state": a capitalised word after one.  The comma first:
     * most names are followed by one space. */
    size_t gap = next->s - t[b - 1].e;
    if (gap == 1 ? text[t[b - 1].e] != ',' : !memchr(text + t[b - 1].e, ',', gap))
        return false;
    return (next->fl & DS__TK_UPPER) || english_article(text, next);
}

enum { UNLISTED_WORDS = 8 };

static bool marked_unlisted(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                            size_t b, ds__pmatch *m);

/* An unlisted place marked by a feature noun: "the village of Xyz",
 * "Xyz village".  Its name is the run of capitalised words from token a.
 * True when one is marked: *m gets its match, which the caller keeps. */
static bool unknown_at(const ds_places *r, const char *text, ds__pscan *sc, size_t a,
                       ds__pmatch *m)
{
    ds__ptok *t = sc->toks;
    /* The run starts with a capitalised word, which match_at has hashed
     * (as it has every word of a name it read): its flags are whole, and
     * the loop below starts after it. */
    size_t b = a + 1;
    if (!(t[a].fl & DS__TK_UPPER))
        return false;
    /* At most UNLISTED_WORDS words, as longest_name reads at most eight
     * keys: a run of capitals with no sentence break ("OCHA GAZA DOHA
     * ...") would otherwise be read again from each of its words. */
    while (b < sc->n_toks && b - a < UNLISTED_WORDS && t[b].sentence == t[a].sentence &&
           joined(text, &t[b - 1], &t[b])) {
        /* Only the article flags of the words after the first are read
         * here; a plain word has them without the rest of its keys. */
        size_t len = t[b].e - t[b].s;
        char c0 = (char)(text[t[b].s] | 0x20);
        if (t[b].fl & DS__TK_PLAIN) /* articles are 2 to 4 letters, from a, e or u */
            t[b].fl |= len < 2 || len > 4 || (c0 != 'a' && c0 != 'e' && c0 != 'u')
                           ? 0
                           : ds__gz_plain_article(text + t[b].s, len);
        else
            hash_token(r, text, &t[b]);
        /* "Ras al-Ain as Turkish troops": written apart, an article that
         * is also an English word (as, at, an) joins no name. */
        bool article = joining_article(text, &t[b]) && b + 1 < sc->n_toks &&
                       (t[b + 1].fl & DS__TK_UPPER) && joined(text, &t[b], &t[b + 1]);
        if (!(t[b].fl & DS__TK_UPPER) && !article)
            break;
        /* "Xyz Governorate", "Xyz Countryside": a cue word ends the name. */
        ds__cue cue = cue_of(r, text, sc, b, b + 1);
        if (cue != DS__CUE_NONE && cue != DS__CUE_GENERIC)
            break;
        b++;
    }
    if ((t[b - 1].fl & DS__TK_ARTICLE) || !may_be_marked(r, text, sc, a, b))
        return false;
    return marked_unlisted(r, text, sc, a, b, m);
}

/* unknown_at for a run [a, b) that some mark may hold for: whether one
 * does, and *m.  Apart, and never inlined, so that unknown_at, which
 * most capitalised words leave at may_be_marked, stays small enough to
 * keep its state in registers. */
__attribute__((noinline)) static bool marked_unlisted(const ds_places *r, const char *text,
                                                      ds__pscan *sc, size_t a, size_t b,
                                                      ds__pmatch *m)
{
    ds__ptok *t = sc->toks;
    ds__cue own = cue_of(r, text, sc, a, a + 1);
    if (b == a + 1 && own != DS__CUE_NONE && own != DS__CUE_GENERIC)
        return false; /* "Bokkos LGA, Plateau state": a cue word alone is no name */
    bool generic = own == DS__CUE_GENERIC;
    if (is_common(r, text, &t[a]) && !generic)
        return false; /* "In Xyz": the loop tries again at Xyz */
    size_t k;
    bool marked = false;
    /* "the village of Xyz": tested byte-wise first, as most capitalised
     * words that reach this point follow no "of" at all. */
    const ds__ptok *of = a >= 2 ? &t[a - 1] : NULL;
    if (of && of->sentence == t[a].sentence && of->e - of->s == 2 &&
        (text[of->s] | 0x20) == 'o' && (text[of->s + 1] | 0x20) == 'f')
        marked = cue_before(r, text, sc, a - 1, &k) == DS__CUE_FEATURE;
    if (!marked && b < sc->n_toks && is_lower_tok(&t[b]) && t[b].sentence == t[a].sentence)
        marked = cue_after(r, text, sc, b, &k) == DS__CUE_FEATURE;
    if (!marked)
        marked = apposition_marks(r, text, sc, b) || division_marks(r, text, sc, b);
    /* "the towns of Nubl and Xyz": a list headed by a settlement noun. */
    if (!marked && sc->n > 0) {
        const ds__pmatch *prev = &sc->m[sc->n - 1];
        marked = prev->sentence == t[a].sentence && (prev->city || prev->unknown) &&
                 ds__places_list_gap(text, prev->span_e, t[a].s);
    }
    /* "Tal Khaznah", "Wadi al-Dahab": names that begin with a word for a
     * hill, spring, valley or quarter are places even when unlisted. */
    if (!marked && b - a >= 2 && generic)
        marked = true;
    if (!marked)
        return false;
    bool all_common = true;
    for (size_t j = a; j < b; j++) {
        hash_token(r, text, &t[j]);
        all_common &= is_common(r, text, &t[j]) || (t[j].fl & DS__TK_ARTICLE);
    }
    if (all_common) /* "The village", "Every town" */
        return false;
    if (stopped(r, text, sc, a, b))
        return false;
    *m = (ds__pmatch){0};
    m->a = a;
    m->b = b;
    m->name_s = m->span_s = t[a].s;
    m->name_e = m->span_e = t[b - 1].e;
    m->sentence = t[a].sentence;
    m->unknown = true;
    m->best = -1;
    return true;
}

/* Whether an area phrase may start with token t: ds_lexicon_may_match's
 * test of the first two bytes, against the phrase table's bits, without
 * a call for each token of the text. */
static bool area_may_start(const ds_places *r, const char *text, const ds__ptok *t)
{
    unsigned char a = (unsigned char)text[t->s], b = 0;
    if (a >= 0x80)
        return true; /* a token starts with a letter, a digit or a non-ASCII letter */
    a = a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a;
    if (t->e - t->s >= 2) {
        unsigned char c = (unsigned char)text[t->s + 1];
        if (c >= 0x80)
            return true;
        b = is_alnum(c) ? (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : ' ';
    }
    const uint64_t *bits = r->phrases.area_pair;
    unsigned k = (unsigned)a << 8 | b, k0 = (unsigned)a << 8;
    if (b == ' ' && (bits[k0 >> 6] & (1ULL << (k0 & 63))))
        return true;
    return (bits[k >> 6] & (1ULL << (k & 63))) != 0;
}

/* The chains of word hashes area_reach keeps, one for each span length. */
enum { AREA_CHAINS = 8 };

/* How many tokens from i an area phrase may span, up to max.  Tokens i to
 * j that are plain words with plain gaps, the gap after j plain too, fold
 * to their own words in any span from i that holds them (phrase_of
 * explains), so when no area phrase starts with those words, as the
 * filter of their chains tells, no span of j - i + 1 tokens or more is
 * one: "the" starts "the coast", "the city" starts nothing.  *plain gets
 * how many tokens from i (up to AREA_CHAINS) are plain words with plain
 * gaps between them, and chain[w - 1] the final chain of the first w of
 * them, the key of the span of those words. */
static size_t area_reach(const ds_places *r, const char *text, const ds__pscan *sc, size_t i,
                         size_t max, uint64_t chain[AREA_CHAINS], size_t *plain)
{
    uint64_t key = ds__gz_key_start();
    *plain = 0;
    for (size_t j = i; j < i + max && j < sc->n_toks; j++) {
        const ds__ptok *t = &sc->toks[j];
        if (!(t->fl & DS__TK_PLAIN) || (j > i && !plain_before(text, sc, j)))
            return max;
        key = ds__gz_key_add(key, t->word);
        uint64_t final = ds__gz_key_final(key);
        if (j - i < AREA_CHAINS) {
            chain[j - i] = final;
            *plain = j - i + 1;
        }
        if (!ds__places_may_begin_area(&r->phrases, final) &&
            (j + 1 >= sc->n_toks || plain_before(text, sc, j + 1)))
            return j - i;
    }
    return max;
}

/* Area phrases from place_areas.tsv ("the coast", "Eastern Ghouta"). */
static size_t area_at(const ds_places *r, const char *text, ds__pscan *sc, size_t i,
                      const char **value)
{
    size_t max = r->area_words;
    ds__ptok *t = &sc->toks[i];
    /* A word followed by a plain gap starts every span from it, as its own
     * folded word (phrase_of explains the folding): a word that starts no
     * area phrase starts none of them.  A plain word's hash tells most
     * such words at once. */
    bool gap_after = i + 1 >= sc->n_toks || plain_before(text, sc, i + 1);
    if (gap_after && starts_no_area(r, text, t))
        return 0;
    /* A plain word that starts_no_area let through may start some area
     * phrase, which area_reach tells; the test of its first two bytes
     * would tell less. */
    if (!(gap_after && (t->fl & DS__TK_PLAIN)) && !area_may_start(r, text, t))
        return 0;
    uint64_t chain[AREA_CHAINS];
    size_t plain;
    for (size_t w = area_reach(r, text, sc, i, max, chain, &plain); w >= 1; w--) {
        if (i + w > sc->n_toks || sc->toks[i + w - 1].sentence != sc->toks[i].sentence)
            continue;
        /* A span of plain words is looked up by its chain (phrase_of): no
         * area phrase has it when the filter of their keys says so. */
        if (w <= plain && !ds__places_may_be_area(&r->phrases, chain[w - 1]))
            continue;
        const ds__phrase *p;
        const char *v;
        if (phrase_of(r, text, sc, i, i + w, &p))
            v = p ? p->area : NULL;
        else
            v = ds_lexicon_get(r->areas, text + sc->toks[i].s,
                               sc->toks[i + w - 1].e - sc->toks[i].s);
        if (v) {
            *value = v;
            return w;
        }
    }
    return 0;
}

/* The first key of a name that starts at token t, once t is hashed. */
static uint64_t first_key(const ds__ptok *t)
{
    return ds__gz_key_final(ds__gz_key_add(ds__gz_key_start(), t->skel));
}

/* Notes which words tokenize listed the recognizer has looked up before
 * (ds__ptok.seen), and asks for the slots of the others where the filter
 * may hold their keys (see tokenize); for a word whose look-up it kept,
 * the slot it found, which the scan reads too. */
static void prefetch_slots(const ds_places *r, ds__pscan *sc)
{
    for (size_t i = 0; i < sc->n_starts; i++) {
        ds__ptok *t = &sc->toks[sc->starts[i]];
        uint64_t key = first_key(t);
        t->seen = slot_seen(r, key);
        if (!t->seen) { /* a name met before needs no look-up */
            ds__gz_prefetch_slot(r->gz, key);
        } else {
            t->slot = r->seen[key >> 20 & (DS__PSEEN - 1)].slot;
            __builtin_prefetch(t->slot);
        }
    }
}

/* Whether no area phrase starts at the plain word i that the word after
 * it, plain and set apart by plain gaps, follows: no area phrase begins
 * with the two words, nor is the word alone, as the filters of their
 * chains tell ("the city"); area_at would find none from i (area_reach
 * explains). */
static inline bool starts_no_pair(const ds_places *r, const char *text, const ds__pscan *sc,
                                  size_t i)
{
    const ds__ptok *t = sc->toks;
    if (i + 1 >= sc->n_toks || !(t[i + 1].fl & DS__TK_PLAIN) ||
        (i + 2 < sc->n_toks && !plain_before(text, sc, i + 2)))
        return false;
    uint64_t one = ds__gz_key_add(ds__gz_key_start(), t[i].word);
    uint64_t two = ds__gz_key_add(one, t[i + 1].word);
    return !ds__places_may_begin_area(&r->phrases, ds__gz_key_final(two)) &&
           !ds__places_may_be_area(&r->phrases, ds__gz_key_final(one));
}

/* The first token from i that may start something: the commonest token,
 * a plain lower-case word that starts no area phrase (its hash says, or
 * with the word after it, starts_no_pair) and is no hyphenated article,
 * with a plain gap after it, starts nothing,
 * and the tests of the scan loop would all fail on it.  The tokens are
 * read here in a loop of their own, with the array and its length in
 * hand: the scan loop's, which also pushes matches, would read them from
 * sc at every token. */
static size_t passed_over(const ds_places *r, const char *text, const ds__pscan *sc, size_t i)
{
    const ds__ptok *t = sc->toks;
    size_t n = sc->n_toks;
    while (i < n &&
           (t[i].fl & (DS__TK_PLAIN | DS__TK_HYPHEN | DS__TK_UPPER | DS__TK_UNCASED)) ==
               DS__TK_PLAIN &&
           (i + 1 >= n || plain_before(text, sc, i + 1)) &&
           (!ds__places_may_start_area(&r->phrases, t[i].word) || starts_no_pair(r, text, sc, i)))
        i++;
    return i;
}

ds_status ds__places_scan(const ds_places *r, const char *text, size_t len, ds__pscan *sc,
                          ds_error *err)
{
    sc->text = text;
    sc->len = len;
    ds_status st = tokenize(r, text, len, sc, err);
    if (st == DS_OK)
        prefetch_slots(r, sc);
    for (size_t i = passed_over(r, text, sc, 0); st == DS_OK && i < sc->n_toks;
         i = passed_over(r, text, sc, i + 1)) {
        const char *area;
        const ds__ptok *at = &sc->toks[i];
        /* Most plain words start no area phrase, as their hash says, or
         * with the word after them ("The city"); area_at tells the rest. */
        bool maybe_area = !(at->fl & DS__TK_PLAIN) ||
                          (i + 1 < sc->n_toks && !plain_before(text, sc, i + 1)) ||
                          (ds__places_may_start_area(&r->phrases, at->word) &&
                           !starts_no_pair(r, text, sc, i));
        size_t w = r->areas && maybe_area ? area_at(r, text, sc, i, &area) : 0;
        if (w) {
            ds__pmatch m = {0};
            m.a = i;
            m.b = i + w;
            m.name_s = m.span_s = sc->toks[i].s;
            m.name_e = m.span_e = sc->toks[i + w - 1].e;
            m.sentence = sc->toks[i].sentence;
            m.area = true;
            m.area_value = area;
            m.best = -1;
            st = push(sc, &m, err);
            i += w - 1;
            continue;
        }
        ds__ptok *t = &sc->toks[i];
        bool article = (t->fl & DS__TK_HYPHEN) && i + 1 < sc->n_toks &&
                       (sc->toks[i + 1].fl & DS__TK_UPPER);
        if (!can_start(t) && !article)
            continue;
        size_t before = sc->n, start = i;
        st = match_at(r, text, sc, &i, err);
        if (st != DS_OK || !(t->fl & DS__TK_UPPER))
            continue;
        /* "the Kenyan town of Garissa": a demonym is no unlisted town. */
        ds__pmatch unlisted;
        if (sc->n == before) {
            if (sc->demonym_at != start + 1 && unknown_at(r, text, sc, i, &unlisted)) {
                i = unlisted.b - 1;
                st = push(sc, &unlisted, err);
            }
            continue;
        }
        /* "the village of Tal Khaznah": when the gazetteer knows only the
         * first word, or only a variant spelling, the marked unlisted name
         * wins.  The known match is set aside while the unlisted one is
         * looked for (unknown_at reads the match before), and stays in its
         * slot. */
        ds__pmatch *known = &sc->m[before];
        sc->n = before;
        bool marked = unknown_at(r, text, sc, start, &unlisted);
        sc->n = before + 1;
        if (marked && unlisted.b > known->b) {
            *known = unlisted;
            i = unlisted.b - 1;
        } else {
            /* Equal spans keep the gazetteer's reading; if the resolver
             * then finds no plausible candidate, the place is unlisted. */
            known->unknown_ok = marked && unlisted.b == known->b;
        }
    }
    return st;
}
