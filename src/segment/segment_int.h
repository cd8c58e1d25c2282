/* segment_int.h: what the files of the segmenter share and nobody else uses.
 *
 * The segmenter works in layers, one file each:
 *  - lexicon.c loads data/abbreviations.tsv into a small hash table of words
 *    and a list of caption cues;
 *  - lines.c reads the text line by line and gives every line a type
 *    (text, heading, bullet, caption, footnote marker...) from its own text;
 *  - blocks.c groups lines into blocks: a paragraph, a heading, one bullet
 *    item, one caption, one footnote entry;
 *  - split.c cuts body, bullet and caption blocks into sentences;
 *  - segment.c is the entry point and collects the output.
 * The byte-level helpers at the end are shared by the last four and are
 * inline because they sit on the hot path.
 */
#ifndef DS_SEGMENT_INT_H
#define DS_SEGMENT_INT_H

#include "segment/segment.h"

#include <stdint.h>
#include <string.h>

/* What an abbreviation does to a following full stop.  NEVER: the stop never
 * ends a sentence (titles such as "Gen.", and "e.g." or "vs.").  STARTER:
 * the stop ends a sentence only when the next word is a typical sentence
 * opener listed in the lexicon ("U.S. The ..." but not "U.S. Army"). */
typedef enum seg_abbr {
    SEG_ABBR_NONE = 0,
    SEG_ABBR_NEVER,
    SEG_ABBR_STARTER,
} seg_abbr;

/* Flags of plain words and phrases in the lexicon. */
enum {
    SEG_W_STARTER = 1 << 0, /* opens sentences: "The", "However" */
    SEG_W_WRAP = 1 << 1,    /* a line ending in it runs on: "the", "of" */
    SEG_W_NOTECUE = 1 << 2, /* opens a footnote's text: "See", "Ibid" */
    SEG_W_CREDIT = 1 << 3,  /* a photo agency in "REUTERS/Name" */
    SEG_W_NOTES = 1 << 4,   /* a heading that opens the notes: "References" */
    SEG_W_CAPTION = 1 << 5, /* the first word of a caption cue: "Photo", "File" */
    SEG_W_PAGE = 1 << 6,    /* names a page in a page label: "Page 3 of 10" */
};

/* The longest lexicon entry, in bytes. */
enum { SEG_MAX_ENTRY = 64 };

/* Looks up the token p[0..n) (without its final dot) as an abbreviation.
 * An entry written with capitals matches that spelling or the token in
 * capitals throughout; one written in lower case matches lower case, a
 * capital first letter, or capitals throughout. */
seg_abbr ds__seg_abbr(const ds_segmenter *seg, const char *p, size_t n);
/* The SEG_W_* flags of a word or phrase, matched ASCII case-insensitively. */
unsigned ds__seg_word(const ds_segmenter *seg, const char *p, size_t n);
/* Whether a notes phrase of the lexicon ("References", "End notes") may
 * open the text at p (p < e): the run of ASCII letters there has the
 * length and first letter of a notes phrase's own first run, or, when
 * there is none, the first byte is that of a phrase that opens with
 * something else. */
bool ds__seg_notes_start(const ds_segmenter *seg, const char *p, const char *e);
/* Whether the line p[0..e) opens with a caption cue ("Photo:", "File photo
 * of"). */
bool ds__seg_caption_cue(const ds_segmenter *seg, const char *p, const char *e);

/* The sentences found so far, in a growing array. */
typedef struct seg_out {
    ds_sentence *v;
    size_t n, cap;
} seg_out;

/* Appends one span, trimmed of white space; empty spans are dropped.
 * DS_ETOOBIG past DS_SEGMENT_MAX_SENTENCES. */
ds_status ds__seg_emit(seg_out *o, const char *text, size_t s, size_t e,
                       ds_sentence_kind kind, ds_error *err);
/* Splits text[s..e) into sentences of the given kind.  keep_from, when
 * greater than s, is the start of a trailing photo credit that stays with
 * the sentence before it. */
ds_status ds__seg_split(const ds_segmenter *seg, seg_out *o, const char *text, size_t s,
                        size_t e, size_t keep_from, ds_sentence_kind kind, ds_error *err);
/* Groups the lines of text into blocks and emits their sentences
 * (blocks.c). */
ds_status ds__seg_lines(const ds_segmenter *seg, seg_out *o, const char *text, size_t len,
                        ds_error *err);

/* ---- Lines (lines.c) ---- */

typedef enum line_type {
    L_TEXT,
    L_MDHEAD,    /* "# Title" */
    L_NUMHEAD,   /* "2.4.3. Ismailis", "III. Findings" */
    L_NOTESHEAD, /* "References", "Notes" (a heading that opens the notes) */
    L_BULLET,    /* "- item", "1. item", "(a) item" */
    L_CAPTION,   /* "Photo: ...", "... REUTERS/Name" */
    L_FNMARK,    /* a footnote marker alone: "^{[352](#)}", "[354](#)" */
    L_FNENTRY,   /* a marker and citation text: "[12] Author, Title, 2024, url" */
    L_TABLE,     /* "| cell | cell |": one unit, never split or joined */
    L_RULE,      /* "---", "***", "===": no text */
} line_type;

/* One non-blank line and what its own text says about it; offsets are
 * into the whole text. */
typedef struct seg_line {
    size_t s, e;           /* the line, trimmed */
    size_t body, body_end; /* the span its unit gets: markers removed */
    size_t credit;         /* start of a trailing photo credit (0: none) */
    size_t blanks;         /* blank lines before it */
    unsigned number;       /* the number opening the line ("12", "12."), or 0 */
    line_type type;
    bool term;       /* ends with a sentence terminator */
    bool runon;      /* ends in a way that needs more text: "the", ",", ":" */
    bool soft;       /* ends in a run-on word or a comma: goes on even past a blank line */
    bool cont_start; /* starts like the middle of a sentence: lower case, "," */
    bool indented;
    bool marked;     /* starts with a footnote marker or a number */
    bool num_only;   /* is only a number: "12", "12." */
    bool page;       /* is a page label: "Page 3 of 10", "- 3 -" */
    bool head_like;  /* a numbered line whose text could be a heading */
} seg_line;

/* The text being segmented and the lexicon that reads it. */
typedef struct seg_text {
    const ds_segmenter *seg;
    const char *t;
    size_t len;
} seg_text;

/* Reads the next non-blank line from *pos, without typing it (it is
 * L_TEXT, its unit the whole line); false at the end. */
bool ds__seg_read_line(const seg_text *x, size_t *pos, seg_line *l);
/* Types a line from its own text.  quick leaves out what only the grouping
 * needs (captions, notes headings, line starts and ends other than the
 * final stop), for a first pass. */
void ds__seg_type_line(const seg_text *x, seg_line *l, bool quick);
/* Reads the next non-blank line from *pos and types it; false at the end. */
bool ds__seg_next_line(const seg_text *x, size_t *pos, seg_line *l, bool quick);
/* The number of words (runs of bytes other than space and tab) in
 * p[0..e), or 64 when there are more (every limit on words is lower), and
 * for a text of over 600 bytes.  blocks.c counts a line's words only when a rule needs
 * them, which for most lines of running text is never. */
size_t ds__seg_words(const char *p, const char *e);
/* Whether text reads like a reference: a link, or a year and two commas. */
bool ds__seg_citation_like(const char *p, const char *e);

/* ---- Byte and character helpers ---- */

/* Decodes one UTF-8 character at p (p < e).  Invalid or truncated bytes
 * decode as -1 with length 1, so callers always advance. */
static inline int32_t seg_decode(const char *p, const char *e, size_t *len)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t avail = (size_t)(e - p);
    unsigned c = s[0];
    *len = 1;
    if (c < 0x80)
        return (int32_t)c;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || n > avail || c > 0xF4)
        return -1;
    int32_t cp = (int32_t)(c & (0x7F >> n));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms and surrogates are invalid. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = n;
    return cp;
}

/* The length of the white-space character at p, or 0.  Besides ASCII space
 * this counts the Unicode spaces that converted web pages and PDFs carry
 * (no-break space, thin spaces, ideographic space, byte order mark). */
static inline size_t seg_space(const char *p, const char *e)
{
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c < 0xC2)
        return 0;
    size_t n;
    int32_t cp = seg_decode(p, e, &n);
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF)
        return n;
    return 0;
}

/* Skips white space forward from p, stopping at e. */
static inline const char *seg_skip_space(const char *p, const char *e)
{
    size_t n;
    while (p < e && (n = seg_space(p, e)) > 0)
        p += n;
    return p;
}

/* Moves e back over white space, stopping at s.  Only whole characters are
 * removed: a UTF-8 space is recognised from its first byte. */
static inline const char *seg_trim_end(const char *s, const char *e)
{
    while (e > s) {
        const char *q = e - 1;
        while (q > s && ((unsigned char)*q & 0xC0) == 0x80 && e - q < 4)
            q--;
        size_t n = seg_space(q, e);
        if (n == 0 || q + n != e)
            break;
        e = q;
    }
    return e;
}

/* Whether p starts with the two or three given bytes (a UTF-8 character). */
static inline bool seg_has2(const char *p, const char *e, unsigned a, unsigned b)
{
    return e - p >= 2 && (unsigned char)p[0] == a && (unsigned char)p[1] == b;
}

static inline bool seg_has3(const char *p, const char *e, unsigned a, unsigned b, unsigned c)
{
    return e - p >= 3 && (unsigned char)p[0] == a && (unsigned char)p[1] == b &&
           (unsigned char)p[2] == c;
}

/* ---- Eight bytes at a time ----
 *
 * The hot loops (word counting, looking for terminators) test eight bytes
 * in one 64-bit word.  Each test sets the top bit of exactly the bytes
 * that pass, so the result does not depend on the machine's byte order. */

enum { SEG_LANES = 8 };
#define SEG_ONES UINT64_C(0x0101010101010101)
#define SEG_HIGH UINT64_C(0x8080808080808080)

/* The eight bytes at p, which need not be aligned. */
static inline uint64_t seg_load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The top bit of every byte of v that is zero, and of no other.  Adding
 * 0x7F to the low seven bits carries into the top bit unless they are all
 * zero, and the top bit itself is tested apart, so no carry crosses from
 * one byte into the next. */
static inline uint64_t seg_zero_bytes(uint64_t v)
{
    uint64_t low = SEG_ONES * 0x7F;
    return ~(((v & low) + low) | v | low);
}

/* The top bit of every byte of v equal to c. */
static inline uint64_t seg_bytes_eq(uint64_t v, unsigned char c)
{
    return seg_zero_bytes(v ^ (SEG_ONES * c));
}

/* How many bytes have their top bit set in m, a result of the tests above. */
static inline unsigned seg_count_lanes(uint64_t m)
{
    return (unsigned)(((m >> 7) * SEG_ONES) >> 56);
}

static inline bool seg_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool seg_is_alpha(char c) { return (unsigned)((c | 0x20) - 'a') < 26; }
static inline bool seg_is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool seg_is_lower(char c) { return c >= 'a' && c <= 'z'; }

/* Letter case of the character at p: 'U' upper or title case, 'L' lower,
 * 'O' another letter (a script without case), 'D' a digit of any script,
 * 0 anything else.  *n receives its length. */
char ds__seg_letter(const char *p, const char *e, size_t *n);

/* Whether p starts a sentence stop: . ! ? or a wide or non-Latin stop
 * (not an ellipsis). */
bool ds__seg_is_stop(const char *p, const char *e);

/* The end of the footnote marker that starts at p, or p if there is none.
 * Markers are "^{...}", "^12", "[12]", "[12](link)" and superscript digits. */
const char *ds__seg_marker(const char *p, const char *e);

#endif
