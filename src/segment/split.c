/* split.c: cutting one block of text (a paragraph, a bullet item, a
 * caption) into sentences.
 *
 * A sentence ends at a terminator (. ! ? … and their Arabic, Devanagari and
 * CJK forms), followed by any closing quotes, brackets and footnote markers,
 * then white space, then something that can open a sentence.  A full stop
 * after an abbreviation, an initial or an ellipsis needs more evidence: the
 * lexicon says whether the abbreviation can end a sentence at all, and if it
 * can, the next word must be a typical sentence opener.
 */
#include "segment/segment_int.h"

#include <string.h>
#include <utf8proc.h>

typedef enum term_kind {
    T_NONE = 0,
    T_DOT,      /* a single full stop */
    T_ELLIPSIS, /* "...", ". . .", "…" */
    T_STRONG,   /* ! ? and the Arabic and Devanagari stops */
    T_WIDE,     /* CJK stops, which need no space after them */
} term_kind;

/* Bytes that may begin a terminator; the scan skips everything else. */
static const unsigned char hot[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xD8] = 1, [0xDB] = 1,
    [0xE0] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* The top bit of every byte among the eight of v that may begin a
 * terminator: one of . ! ? or any byte outside ASCII (looser than hot[],
 * so the byte loop looks again).  On the low seven bits of each byte,
 * adding 0x7F carries into the top bit exactly when the byte differs from
 * the one it was XORed with; a byte equal to one of the three leaves the
 * top bit of one sum clear. */
static uint64_t hot8(uint64_t v)
{
    uint64_t low = SEG_ONES * 0x7F, w = v & low;
    uint64_t differs = ((w ^ (SEG_ONES * '.')) + low) & ((w ^ (SEG_ONES * '!')) + low) &
                       ((w ^ (SEG_ONES * '?')) + low);
    return (v | ~differs) & SEG_HIGH;
}

/* The first byte in [p, e) that may begin a terminator, or e.  Runs of
 * plain bytes are passed over sixteen at a time (two words tested
 * together, which halves the loop's own work); a stretch holding a
 * candidate is looked at byte by byte. */
static const char *next_hot(const char *p, const char *e)
{
    for (;;) {
        while (e - p >= 2 * SEG_LANES && !(hot8(seg_load8(p)) | hot8(seg_load8(p + SEG_LANES))))
            p += 2 * SEG_LANES;
        const char *lim = e - p > 2 * SEG_LANES ? p + 2 * SEG_LANES : e;
        while (p < lim && !hot[(unsigned char)*p])
            p++;
        if (p < lim || p == e)
            return p;
    }
}

/* The length of a multi-byte terminator at p and its kind. */
static size_t wide_stop(const char *p, const char *e, term_kind *kind)
{
    *kind = T_STRONG;
    if (seg_has2(p, e, 0xD8, 0x9F) || seg_has2(p, e, 0xDB, 0x94)) /* ؟ ۔ */
        return 2;
    if (seg_has3(p, e, 0xE0, 0xA5, 0xA4) || seg_has3(p, e, 0xE0, 0xA5, 0xA5)) /* । ॥ */
        return 3;
    *kind = T_WIDE;
    if (seg_has3(p, e, 0xE3, 0x80, 0x82) || seg_has3(p, e, 0xEF, 0xBC, 0x81) || /* 。！ */
        seg_has3(p, e, 0xEF, 0xBC, 0x9F) || seg_has3(p, e, 0xEF, 0xBD, 0xA1))   /* ？｡ */
        return 3;
    *kind = T_NONE;
    return 0;
}

static bool is_ellipsis_char(const char *p, const char *e)
{
    return seg_has3(p, e, 0xE2, 0x80, 0xA6);
}

bool ds__seg_is_stop(const char *p, const char *e)
{
    term_kind kind;
    return *p == '.' || *p == '!' || *p == '?' || wide_stop(p, e, &kind) > 0;
}

/* Recognises a run of terminators at p ("?!", "...", ". . .", "…") and sets
 * *end past it. */
static term_kind terminator(const char *p, const char *e, const char **end)
{
    term_kind kind = T_NONE;
    if (*p == '.') {
        const char *q = p + 1;
        while (q < e && *q == '.')
            q++;
        /* A spaced ellipsis ". . ." counts only with at least three dots. */
        int dots = (int)(q - p);
        while (e - q >= 2 && q[0] == ' ' && q[1] == '.' &&
               (dots >= 2 || (e - q >= 4 && q[2] == ' ' && q[3] == '.'))) {
            q += 2;
            dots++;
        }
        *end = q;
        return dots > 1 ? T_ELLIPSIS : T_DOT;
    }
    if (*p == '!' || *p == '?') {
        const char *q = p + 1;
        while (q < e && (*q == '!' || *q == '?'))
            q++;
        *end = q;
        return T_STRONG;
    }
    if (is_ellipsis_char(p, e)) {
        const char *q = p + 3;
        while (q < e && (*q == '.' || is_ellipsis_char(q, e)))
            q += *q == '.' ? 1 : 3;
        *end = q;
        return T_ELLIPSIS;
    }
    size_t n = wide_stop(p, e, &kind);
    *end = p + n;
    return kind;
}

char ds__seg_letter(const char *p, const char *e, size_t *n)
{
    unsigned char c = (unsigned char)*p;
    *n = 1;
    if (c < 0x80) {
        char a = (char)c;
        return seg_is_upper(a) ? 'U' : seg_is_lower(a) ? 'L' : seg_is_digit(a) ? 'D' : 0;
    }
    int32_t cp = seg_decode(p, e, n);
    if (cp < 0)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return 'U';
    case UTF8PROC_CATEGORY_LL:
        return 'L';
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 'O';
    case UTF8PROC_CATEGORY_ND:
        return 'D';
    default:
        return 0;
    }
}

/* Closing quotes and brackets that may follow a terminator; emphasis marks
 * count too, since converted Markdown puts "*" and "_" around text. */
static size_t closer(const char *p, const char *e)
{
    switch (*p) {
    case '"': case '\'': case ')': case ']': case '}': case '*': case '_':
        return 1;
    }
    if ((unsigned char)*p < 0x80)
        return 0;
    if (seg_has3(p, e, 0xE2, 0x80, 0x9D) || seg_has3(p, e, 0xE2, 0x80, 0x99) || /* ” ’ */
        seg_has3(p, e, 0xE2, 0x80, 0xBA) || seg_has3(p, e, 0xE3, 0x80, 0x8D) || /* › 」 */
        seg_has3(p, e, 0xE3, 0x80, 0x8F) || seg_has3(p, e, 0xEF, 0xBC, 0x89))   /* 』） */
        return 3;
    if (seg_has2(p, e, 0xC2, 0xBB)) /* » */
        return 2;
    return 0;
}

/* Opening quotes and brackets that may stand before a sentence's first
 * word. */
static size_t opener(const char *p, const char *e)
{
    switch (*p) {
    case '"': case '\'': case '(': case '[': case '{': case '*': case '_':
        return 1;
    }
    if ((unsigned char)*p < 0x80)
        return 0;
    if (seg_has3(p, e, 0xE2, 0x80, 0x9C) || seg_has3(p, e, 0xE2, 0x80, 0x98) || /* “ ‘ */
        seg_has3(p, e, 0xE2, 0x80, 0x9E) || seg_has3(p, e, 0xE2, 0x80, 0xB9) || /* „ ‹ */
        seg_has3(p, e, 0xE3, 0x80, 0x8C) || seg_has3(p, e, 0xE3, 0x80, 0x8E))   /* 「 『 */
        return 3;
    if (seg_has2(p, e, 0xC2, 0xAB) || seg_has2(p, e, 0xC2, 0xBF) || /* « ¿ */
        seg_has2(p, e, 0xC2, 0xA1))                                  /* ¡ */
        return 2;
    return 0;
}

static size_t superscript_digit(const char *p, const char *e)
{
    if ((unsigned char)*p < 0x80)
        return 0;
    if (seg_has2(p, e, 0xC2, 0xB9) || seg_has2(p, e, 0xC2, 0xB2) || seg_has2(p, e, 0xC2, 0xB3))
        return 2;
    if (seg_has2(p, e, 0xE2, 0x81) && e - p >= 3) {
        unsigned char c = (unsigned char)p[2];
        return c == 0xB0 || (c >= 0xB4 && c <= 0xB9) ? 3 : 0; /* ⁰ ⁴-⁹ */
    }
    return 0;
}

/* "[12]", "[12, 13]", "[12-14]" and the Markdown link form "[12](#)". */
static const char *bracket_marker(const char *p, const char *e)
{
    const char *q = p + 1;
    if (q >= e || !seg_is_digit(*q))
        return p;
    while (q < e && q - p < 24 && (seg_is_digit(*q) || *q == ',' || *q == '-' || *q == ' '))
        q++;
    if (q >= e || *q != ']')
        return p;
    q++;
    if (q < e && *q == '(') {
        const char *r = q + 1;
        while (r < e && r - q < 256 && *r != ')' && !seg_space(r, e))
            r++;
        if (r < e && *r == ')')
            q = r + 1;
    }
    return q;
}

const char *ds__seg_marker(const char *p, const char *e)
{
    if (p >= e)
        return p;
    if (*p == '^' && e - p >= 2 && p[1] == '{') {
        const char *q = p + 2;
        while (q < e && q - p < 64 && *q != '}' && *q != '\n')
            q++;
        return q < e && *q == '}' && q > p + 2 ? q + 1 : p;
    }
    if (*p == '^') {
        const char *q = p + 1;
        while (q < e && q - p <= 4 && seg_is_digit(*q))
            q++;
        return q > p + 1 ? q : p;
    }
    if (*p == '[')
        return bracket_marker(p, e);
    const char *q = p;
    size_t n;
    while (q < e && (n = superscript_digit(q, e)) > 0)
        q += n;
    return q;
}

/* Skips closers and footnote markers after a terminator. */
static const char *skip_closers(const char *q, const char *e)
{
    for (;;) {
        const char *m = ds__seg_marker(q, e);
        if (m > q) {
            q = m;
            continue;
        }
        size_t n = q < e ? closer(q, e) : 0;
        if (n == 0)
            return q;
        q += n;
    }
}

/* PDF text often keeps a footnote number as plain digits glued to the end
 * of a sentence ("were killed.23 The ..."); up to three digits count as a
 * marker after a closing quote or a word ending in lower case, but not
 * after a number or a code such as "CRP.9". */
static const char *glued_number(const char *s, const char *stop, bool closed, const char *q,
                                const char *e)
{
    if (q >= e || !seg_is_digit(*q) || (!closed && (stop == s || !seg_is_lower(stop[-1]))))
        return q;
    const char *r = q;
    while (r < e && r - q < 4 && seg_is_digit(*r))
        r++;
    return r - q <= 3 && (r == e || seg_space(r, e)) ? r : q;
}

/* Whether text at r can open a sentence: a capital, a digit, a letter of a
 * script without case, a currency sign, or an opening quote or bracket
 * before one of those. */
static bool can_start(const char *r, const char *e)
{
    for (int i = 0; i < 4 && r < e; i++) {
        size_t n = opener(r, e);
        if (n == 0)
            break;
        r += n;
    }
    if (r >= e)
        return false;
    if (*r == '$' || seg_has2(r, e, 0xC2, 0xA3) || seg_has3(r, e, 0xE2, 0x82, 0xAC)) /* $ £ € */
        return true;
    size_t n;
    char c = ds__seg_letter(r, e, &n);
    return c == 'U' || c == 'O' || c == 'D';
}

/* Whether the word at r is a sentence opener from the lexicon ("The",
 * "However"), or an opening quote leads into a capitalised word; this is
 * the evidence needed after an abbreviation or an ellipsis. */
static bool starter_follows(const ds_segmenter *seg, const char *r, const char *e)
{
    size_t n = opener(r, e);
    if (n > 0 && *r != '(' && *r != '[')
        return can_start(r, e);
    if (r >= e || !seg_is_upper(*r))
        return false;
    const char *q = r;
    while (q < e && q - r < 24 && seg_is_alpha(*q))
        q++;
    /* "Under-Secretary" is a name, not the opener "Under". */
    if (q < e && *q == '-')
        return false;
    return (ds__seg_word(seg, r, (size_t)(q - r)) & SEG_W_STARTER) != 0;
}

static bool token_char(char c)
{
    return seg_is_alpha(c) || seg_is_digit(c) || c == '.' || c == '-' || c == '\'' || c == '&';
}

/* "U.S", "e.g", "Ph.D": letters in groups of one or two joined by dots. */
static bool initialism(const char *p, size_t n)
{
    size_t groups = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            if (run == 0)
                return false;
            groups++;
            run = 0;
        } else if (seg_is_alpha(p[i]) && run < 2) {
            run++;
        } else {
            return false;
        }
    }
    return run > 0 && groups >= 1;
}

/* Whether a letter outside ASCII ends just before t, so that the ASCII
 * token at t is the tail of a longer word ("attachés"). */
static bool letter_before(const char *s, const char *t)
{
    if ((unsigned char)t[-1] < 0x80)
        return false;
    const char *c = t - 1;
    while (c > s && ((unsigned char)*c & 0xC0) == 0x80 && t - c < 4)
        c--;
    size_t n;
    char k = ds__seg_letter(c, t, &n);
    return k != 0 && k != 'D' && c + n == t;
}

/* What the word before the full stop at dot says about it ending a
 * sentence: SEG_ABBR_NONE for an ordinary word. */
static seg_abbr abbreviation(const ds_segmenter *seg, const char *s, const char *dot)
{
    const char *t = dot;
    while (t > s && dot - t < SEG_MAX_ENTRY && token_char(t[-1]))
        t--;
    size_t n = (size_t)(dot - t);
    if (n == 0 || (t > s && (token_char(t[-1]) || letter_before(s, t))))
        return SEG_ABBR_NONE;
    seg_abbr a = ds__seg_abbr(seg, t, n);
    if (a)
        return a;
    /* The part after a hyphen decides for "al-M." or "Abu-M.". */
    const char *core = dot;
    while (core > t && core[-1] != '-' && core[-1] != '\'')
        core--;
    if (dot - core == 1 && seg_is_alpha(*core))
        return SEG_ABBR_STARTER; /* an initial: "G. Waters", "Abu M. al-Julani" */
    return initialism(t, n) ? SEG_ABBR_STARTER : SEG_ABBR_NONE;
}

typedef struct cut {
    const char *end;  /* end of the sentence, after closers and markers */
    const char *next; /* start of the next sentence */
} cut;

/* Decides whether the terminator run [p, stop) ends a sentence; if so fills
 * *c.  s is the start of the block, e its end. */
static bool boundary(const ds_segmenter *seg, const char *s, const char *e, const char *p,
                     const char *stop, term_kind kind, cut *c)
{
    const char *q = skip_closers(stop, e);
    bool closed = q > stop;
    q = glued_number(s, p, closed, q, e);
    if (q < e && !seg_space(q, e) && kind != T_WIDE)
        return false;
    const char *r = seg_skip_space(q, e);
    /* A marker set off by a space still belongs to the sentence before. */
    const char *m = ds__seg_marker(r, e);
    if (m > r && (m == e || seg_space(m, e))) {
        q = m;
        r = seg_skip_space(m, e);
    }
    if (r >= e)
        return false;
    bool yes;
    if (kind == T_DOT && !closed) {
        seg_abbr a = abbreviation(seg, s, p);
        yes = a == SEG_ABBR_NEVER      ? false
              : a == SEG_ABBR_STARTER ? starter_follows(seg, r, e)
                                      : can_start(r, e);
    } else if (kind == T_ELLIPSIS && !closed) {
        yes = starter_follows(seg, r, e);
    } else {
        yes = can_start(r, e);
    }
    c->end = q;
    c->next = r;
    return yes;
}

ds_status ds__seg_split(const ds_segmenter *seg, seg_out *o, const char *text, size_t s,
                        size_t e, size_t keep_from, ds_sentence_kind kind, ds_error *err)
{
    const char *bs = text + s, *be = text + e, *keep = text + keep_from;
    const char *start = seg_skip_space(bs, be);
    const char *p = start;
    while (p < be) {
        p = next_hot(p, be);
        if (p >= be)
            break;
        const char *stop;
        term_kind k = terminator(p, be, &stop);
        cut c;
        if (k == T_NONE) {
            p++;
            continue;
        }
        if (!boundary(seg, bs, be, p, stop, k, &c) || (keep > bs && c.next >= keep)) {
            p = stop;
            continue;
        }
        ds_status rc = ds__seg_emit(o, text, (size_t)(start - text), (size_t)(c.end - text),
                                    kind, err);
        if (rc)
            return rc;
        start = p = c.next;
    }
    return ds__seg_emit(o, text, (size_t)(start - text), e, kind, err);
}
