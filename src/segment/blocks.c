/* blocks.c: grouping typed lines into blocks.
 *
 * Plain text lines either continue the block before them or start a new
 * one; headings, bullets, captions and footnote entries start their own.
 * docs/segmentation.md gives the rules.  The decision for a line needs the
 * line before it and the line after it, so the text is read with a
 * one-line look-ahead and nothing is stored per line.
 *
 * A first, cheaper pass over the same lines decides whether the document is
 * hard-wrapped (a PDF or e-mail with a line break every 60-100 characters)
 * or has one line per paragraph (converted web pages).  A line break in the
 * middle of a sentence means something different in each.
 */
#include "segment/segment_int.h"

#include <string.h>

/* Heading limits.  A heading is short; a real sentence that lost its final
 * stop is usually longer, and a lead-in ending in a colon is longer than a
 * heading ending in one. */
enum {
    HEAD_MAX_WORDS = 24,
    HEAD_MAX_BYTES = 300,
    HEAD_COLON_WORDS = 5,
};

typedef struct ctx {
    seg_text x;
    bool wrapped;
    size_t fill_width;   /* in wrapped text, a line that is full up to here runs on */
    bool notes;          /* inside a notes or references section */
    bool notes_numbered; /* its entries start with numbers or markers */
    unsigned note_next;  /* the number the next footnote in a run would have */
} ctx;

typedef struct block {
    bool open;
    size_t s, e;
    size_t line_s; /* start of the first line, marker included */
    ds_sentence_kind kind;
    bool split;
    bool marker_only; /* a footnote marker still waiting for its text */
    bool head_like;
    bool blank_before;
    bool term;
    size_t lines, credit;
    size_t words; /* of its lines when it has several: see extend_block */
} block;

/* "=====" or "-----" under a line makes it a heading (Markdown setext). */
static bool is_underline(const char *p, const char *e)
{
    char c = *p;
    if (c != '=' && c != '-')
        return false;
    for (; p < e; p++)
        if (*p != c && *p != ' ')
            return false;
    return true;
}

/* The words of a line's unit, without its markers. */
static size_t line_words(const ctx *c, const seg_line *l)
{
    return ds__seg_words(c->x.t + l->body, c->x.t + l->body_end);
}

/* ---- Wrapped or not ---- */

enum { WRAP_MIN_WIDTH = 30, WRAP_BUCKETS = 256 };

/* Headings and rules are not text that wraps, so a line break after one
 * says nothing about wrapping. */
static bool is_heading_type(line_type t)
{
    return t == L_MDHEAD || t == L_NUMHEAD || t == L_NOTESHEAD || t == L_RULE;
}

/* Counts a line break inside a paragraph after line p, and whether p
 * looks wrapped: long enough and without a final stop. */
static void count_break(const seg_line *p, size_t *hist, size_t *pairs, size_t *wrapped)
{
    size_t w = p->e - p->s;
    ++*pairs;
    if (!p->term && w >= WRAP_MIN_WIDTH) {
        ++*wrapped;
        hist[w / 2 < WRAP_BUCKETS ? w / 2 : WRAP_BUCKETS - 1]++;
    }
}

/* A document is hard-wrapped when most line breaks inside paragraphs come
 * after lines of some length that do not end a sentence.  The typical
 * width of those lines (the 90th percentile) is then the wrap width: a
 * wrapping program breaks a line only when the next word would not fit, so
 * a line that plus the next word stays well short of it ended on purpose.
 * The margin allows for proportional fonts in PDF text.  Only a line that
 * follows another without a blank line between them is typed: in text
 * with blank lines between paragraphs that is hardly any. */
static void detect_wrapping(ctx *c)
{
    size_t hist[WRAP_BUCKETS] = {0};
    size_t pos = 0, pairs = 0, wrapped = 0;
    seg_line prev = {0}, cur;
    bool have_prev = false, prev_typed = false;
    while (ds__seg_read_line(&c->x, &pos, &cur)) {
        bool typed = have_prev && cur.blanks == 0;
        if (typed) {
            if (!prev_typed)
                ds__seg_type_line(&c->x, &prev, true);
            ds__seg_type_line(&c->x, &cur, true);
            if (cur.type == L_TEXT && !is_heading_type(prev.type))
                count_break(&prev, hist, &pairs, &wrapped);
        }
        prev = cur;
        prev_typed = typed;
        have_prev = true;
    }
    c->wrapped = wrapped >= 3 && wrapped * 2 >= pairs;
    size_t need = wrapped * 9 / 10, seen = 0, i = 0;
    while (i < WRAP_BUCKETS - 1 && (seen += hist[i]) < need)
        i++;
    c->fill_width = i * 2 * 8 / 10;
}

/* ---- Grouping lines into blocks ---- */

/* The length in bytes of a line's first word, up to 40: only hard-wrapped
 * text asks for it. */
static size_t first_word(const ctx *c, const seg_line *l)
{
    const char *s = c->x.t + l->s, *e = c->x.t + l->e, *w = s;
    while (w < e && w - s < 40 && *w != ' ' && *w != '\t')
        w++;
    return (size_t)(w - s);
}

/* Whether a text line continues the line before it.  Past a blank line only
 * a clear run-on counts: the line before stops on "the", "and", or a comma,
 * or this one starts in lower case.  Across a single line break the same
 * holds, plus, in hard-wrapped text, any line that was full: its first word
 * would not have fitted on the line before. */
static bool join_basic(const ctx *c, const seg_line *p, const seg_line *l)
{
    if (l->blanks)
        return !p->term && (l->cont_start || p->soft);
    if (l->cont_start || p->runon)
        return true;
    if (!c->wrapped)
        return false;
    return p->e - p->s + 1 + first_word(c, l) >= c->fill_width;
}

/* A short line without a stop that is not continued by the next line
 * stands alone, as a heading does. */
static bool standalone(const ctx *c, const seg_line *l, const seg_line *n)
{
    if (l->type != L_TEXT || l->term || l->runon || line_words(c, l) > HEAD_MAX_WORDS)
        return false;
    return !n || n->type != L_TEXT || !join_basic(c, l, n);
}

/* In a notes section whose entries are numbered, every unnumbered line
 * belongs to the entry above it; otherwise the usual rules apply, except
 * that a stop ends an entry even in hard-wrapped text, since unnumbered
 * references are one per line. */
static bool continues_note(const ctx *c, const seg_line *p, const seg_line *l)
{
    if (l->blanks || l->marked || l->type != L_TEXT)
        return false;
    return c->notes_numbered || (!p->term && join_basic(c, p, l));
}

/* Whether line l goes into the open block b, given the line p before it
 * and the line n after it (NULL at the end).  A footnote marker takes the
 * next text whatever it looks like; headings and table rows take nothing;
 * otherwise only plain text lines continue a block. */
static bool joins(const ctx *c, const block *b, const seg_line *p, const seg_line *l,
                  const seg_line *n)
{
    if (!b->open || !p)
        return false;
    if (b->marker_only)
        return (l->type == L_TEXT || l->type == L_BULLET || l->type == L_CAPTION) &&
               !l->num_only;
    if (b->kind == DS_SENT_HEADING || (b->kind == DS_SENT_BODY && !b->split))
        return false;
    if (c->notes && b->kind == DS_SENT_FOOTNOTE)
        return continues_note(c, p, l);
    if (l->type != L_TEXT)
        return false;
    if (b->kind == DS_SENT_FOOTNOTE && (l->marked || l->blanks))
        return false;
    if (b->kind == DS_SENT_BULLET && l->indented && !l->blanks)
        return true;
    if (!join_basic(c, p, l))
        return false;
    return !(p->term && !l->cont_start && standalone(c, l, n));
}

/* In a notes section a long paragraph that cites nothing is body text
 * again: the section has ended without a heading. */
static bool leaves_notes(const ctx *c, const seg_line *l)
{
    return l->type == L_TEXT && !l->marked && line_words(c, l) >= 40 &&
           !ds__seg_citation_like(c->x.t + l->s, c->x.t + l->e);
}

static void open_block(ctx *c, block *b, const seg_line *l)
{
    *b = (block){.open = true, .s = l->body, .e = l->body_end, .line_s = l->s, .lines = 1,
                 .term = l->term, .credit = l->credit,
                 .blank_before = l->blanks > 0, .head_like = l->head_like};
    if (l->type == L_MDHEAD || l->type == L_NUMHEAD || l->type == L_NOTESHEAD) {
        b->kind = DS_SENT_HEADING;
        c->notes = l->type == L_NOTESHEAD;
        c->notes_numbered = false;
        c->note_next = 0;
        return;
    }
    if (c->notes && leaves_notes(c, l))
        c->notes = false;
    /* Footnotes at the foot of PDF pages come in runs: "1 See ...", then
     * "2 Letter dated ...", which is a footnote because it is next. */
    bool in_run = c->note_next && l->number == c->note_next;
    if (l->type == L_FNMARK || l->type == L_FNENTRY || c->notes || in_run) {
        b->kind = DS_SENT_FOOTNOTE;
        b->s = l->s;
        b->e = l->e;
        b->marker_only = l->type == L_FNMARK || (c->notes && l->num_only);
        c->notes_numbered |= c->notes && (l->marked || l->type == L_BULLET);
        c->note_next = l->number ? l->number + 1 : 0;
        return;
    }
    c->note_next = 0;
    if (l->type == L_TABLE) {
        b->kind = DS_SENT_BODY;
        return;
    }
    b->split = true;
    b->kind = l->type == L_BULLET    ? DS_SENT_BULLET
              : l->type == L_CAPTION ? DS_SENT_CAPTION
                                     : DS_SENT_BODY;
}

/* Takes line l into the block.  The words of a block matter only when it
 * may become a heading, which needs it to be at most HEAD_MAX_BYTES long;
 * its span only grows, so they are counted while it is that short, and
 * once it is longer never again.  A block of one line has them counted
 * only if a rule asks (block_words): most paragraphs are one line long
 * and end with a stop, and then nobody does. */
static void extend_block(const ctx *c, block *b, const seg_line *l)
{
    if (l->body_end - b->s <= HEAD_MAX_BYTES) {
        if (b->lines == 1)
            b->words = ds__seg_words(c->x.t + b->s, c->x.t + b->e);
        b->words += line_words(c, l);
    }
    b->e = l->body_end;
    b->lines++;
    b->term = l->term;
    b->marker_only = false;
    if (l->credit)
        b->credit = l->credit;
}

/* The words of a block of body text no longer than HEAD_MAX_BYTES; a
 * block of one line spans that line's unit. */
static size_t block_words(const ctx *c, const block *b)
{
    return b->lines == 1 ? ds__seg_words(c->x.t + b->s, c->x.t + b->e) : b->words;
}

/* A body block without a final stop that is short may be a heading: a
 * title, a byline, a section name.  In text with one line per paragraph
 * such a heading is one line; in hard-wrapped text it may take two.  A
 * longer line ending in a colon leads into a list and stays body text. */
static bool heading_block(const ctx *c, const block *b)
{
    if (b->term || b->e - b->s > HEAD_MAX_BYTES)
        return false;
    size_t words = block_words(c, b);
    if (words > HEAD_MAX_WORDS)
        return false;
    if (c->x.t[b->e - 1] == ':' && words > HEAD_COLON_WORDS)
        return false;
    return b->lines == 1 || c->wrapped;
}

static ds_status flush(const ctx *c, block *b, bool blank_after, seg_out *o, ds_error *err)
{
    if (!b->open)
        return DS_OK;
    b->open = false;
    if (b->marker_only)
        return DS_OK; /* a footnote marker whose text never came */
    ds_sentence_kind kind = b->kind;
    size_t s = b->s;
    bool split = b->split;
    if (kind == DS_SENT_BODY && split && heading_block(c, b)) {
        /* Split first: a heading is one sentence-like unit, while two
         * sentences without a final stop are body text. */
        size_t before = o->n;
        ds_status rc = ds__seg_split(c->x.seg, o, c->x.t, s, b->e, b->credit, kind, err);
        if (rc == DS_OK && o->n == before + 1)
            o->v[before].kind = DS_SENT_HEADING;
        return rc;
    } else if (kind == DS_SENT_BULLET && b->head_like && b->lines == 1 && b->blank_before &&
               blank_after) {
        /* "3. Findings" alone between blank lines is a section heading. */
        kind = DS_SENT_HEADING;
        split = false;
        s = b->line_s;
    }
    if (!split)
        return ds__seg_emit(o, c->x.t, s, b->e, kind, err);
    return ds__seg_split(c->x.seg, o, c->x.t, s, b->e, b->credit, kind, err);
}

static ds_status take_line(ctx *c, block *b, const seg_line *p, const seg_line *l,
                           const seg_line *n, seg_out *o, ds_error *err)
{
    if (l->type == L_RULE) {
        if (b->open && b->kind == DS_SENT_BODY && b->split && b->lines == 1 && !l->blanks &&
            block_words(c, b) <= HEAD_MAX_WORDS &&
            is_underline(c->x.t + l->s, c->x.t + l->e)) {
            b->kind = DS_SENT_HEADING;
            b->split = false;
        }
        return flush(c, b, true, o, err);
    }
    if (joins(c, b, p, l, n)) {
        extend_block(c, b, l);
        return DS_OK;
    }
    ds_status rc = flush(c, b, l->blanks > 0, o, err);
    if (rc == DS_OK)
        open_block(c, b, l);
    return rc;
}

ds_status ds__seg_lines(const ds_segmenter *seg, seg_out *o, const char *text, size_t len,
                        ds_error *err)
{
    ctx c = {.x = {.seg = seg, .t = text, .len = len}};
    detect_wrapping(&c);
    block b = {0};
    seg_line prev, cur, next;
    size_t pos = 0;
    bool have_cur = ds__seg_next_line(&c.x, &pos, &cur, false);
    bool have_next = have_cur && ds__seg_next_line(&c.x, &pos, &next, false);
    bool have_prev = false;
    ds_status rc = DS_OK;
    while (have_cur && rc == DS_OK) {
        /* A page label, or a number alone on a line outside the notes, is
         * passed over, so that a paragraph broken by a page goes on. */
        if (!cur.page && !(cur.num_only && !c.notes && !b.marker_only)) {
            rc = take_line(&c, &b, have_prev ? &prev : NULL, &cur, have_next ? &next : NULL, o,
                           err);
            prev = cur;
            have_prev = true;
        }
        cur = next;
        have_cur = have_next;
        have_next = have_cur && ds__seg_next_line(&c.x, &pos, &next, false);
    }
    return rc ? rc : flush(&c, &b, true, o, err);
}

