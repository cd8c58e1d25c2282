/* lines.c: reading the text line by line and typing each line.
 *
 * Every non-blank line gets a type from its own text alone: a Markdown or
 * numbered heading, a bullet item, a photo caption, a footnote marker or
 * entry, a table row, a horizontal rule, or plain text; and a few facts
 * that blocks.c needs to join lines: how the line ends (a stop, a run-on
 * word, a comma) and how it starts (lower case, a number, indentation).
 */
#include "segment/segment_int.h"

#include <string.h>

/* A numbered heading is short; the other limits bound the work per line. */
enum {
    NUMHEAD_MAX_WORDS = 14,
    WORDS_SCAN = 600, /* a longer line counts as WORDS_CAP words */
    WORDS_CAP = 64,   /* counting stops here, above every limit on words */
    CITE_SCAN = 2000, /* how far a footnote line is searched for a URL or year */
    CREDIT_SCAN = 120, /* how far from its end a line is searched for a photo credit */
};

/* ---- Looking at one line ---- */

static bool is_blank_byte(char c) { return c == ' ' || c == '\t'; }

/* The top bit of every space or tab among the eight bytes of v. */
static uint64_t blank_bytes(uint64_t v)
{
    return seg_bytes_eq(v, ' ') | seg_bytes_eq(v, '\t');
}

/* Counting stops at WORDS_CAP, since every limit on words is below it: a
 * long line need not be read to the end.  A word starts at a byte that is
 * not blank after one that is; eight such pairs are tested at once, the
 * byte before each coming from a second load one byte earlier. */
size_t ds__seg_words(const char *p, const char *e)
{
    if (e - p > WORDS_SCAN)
        return WORDS_CAP;
    if (p == e)
        return 0;
    size_t n = !is_blank_byte(*p);
    const char *q = p + 1;
    for (; e - q >= SEG_LANES && n < WORDS_CAP; q += SEG_LANES) {
        uint64_t starts = ~blank_bytes(seg_load8(q)) & blank_bytes(seg_load8(q - 1));
        n += seg_count_lanes(starts);
    }
    if (n >= WORDS_CAP)
        return WORDS_CAP;
    for (; q < e; q++)
        n += !is_blank_byte(*q) && is_blank_byte(q[-1]);
    return n < WORDS_CAP ? n : WORDS_CAP;
}

static bool is_year(const char *q, const char *p, const char *e)
{
    if (e - q < 4 || (q > p && seg_is_digit(q[-1])) || (e - q > 4 && seg_is_digit(q[4])))
        return false;
    if (!seg_is_digit(q[1]) || !seg_is_digit(q[2]) || !seg_is_digit(q[3]))
        return false;
    return (q[0] == '1' && q[1] >= '8') || (q[0] == '2' && q[1] == '0');
}

/* Whether text reads like a reference: a link, or a year and two commas
 * ("Author, Title, Publisher, 2024"). */
bool ds__seg_citation_like(const char *p, const char *e)
{
    if (e - p > CITE_SCAN)
        e = p + CITE_SCAN;
    size_t commas = 0;
    bool year = false;
    for (const char *q = p; q < e; q++) {
        if (*q == ',')
            commas++;
        else if ((*q == 'h' && e - q >= 4 && !memcmp(q, "http", 4)) ||
                 (*q == 'w' && e - q >= 4 && !memcmp(q, "www.", 4)) ||
                 (*q == ']' && e - q >= 2 && q[1] == '('))
            return true;
        else if (!year && seg_is_digit(*q))
            year = is_year(q, p, e);
    }
    return year && commas >= 2;
}

/* Closing quotes, brackets, emphasis and footnote-marker characters that
 * may follow the stop at the end of a line; returns their length if the
 * character ending at q is one, stepping back over whole characters. */
static size_t trailer_before(const char *s, const char *q)
{
    unsigned char b = (unsigned char)q[-1];
    if (b < 0x80) {
        switch (b) {
        case '"': case '\'': case ')': case ']': case '}': case '*': case '_': case '^':
        case '{': case '[': case '(': case '#':
            return 1;
        }
        return seg_is_digit((char)b);
    }
    if (q - s >= 3 && seg_has3(q - 3, q, 0xE2, 0x80, 0x9D))
        return 3; /* ” */
    if (q - s >= 3 && seg_has3(q - 3, q, 0xE2, 0x80, 0x99))
        return 3; /* ’ */
    if (q - s >= 3 && (unsigned char)q[-3] == 0xE2 && (unsigned char)q[-2] == 0x81)
        return 3; /* superscript digits ⁰⁴-⁹ */
    if (q - s >= 2 && (unsigned char)q[-2] == 0xC2 &&
        (b == 0xBB || b == 0xB9 || b == 0xB2 || b == 0xB3))
        return 2; /* » ¹ ² ³ */
    return 0;
}

/* Whether a line ends a sentence: a stop, perhaps followed by closing
 * quotes and footnote markers.  An ellipsis does not count: a line ending
 * in one is usually a heading or a quotation trailing off. */
static bool ends_sentence(const char *s, const char *e)
{
    const char *q = e;
    size_t n;
    while (q > s && e - q < 64 && (n = trailer_before(s, q)) > 0)
        q -= n;
    if (q == s)
        return false;
    if (q[-1] == '.') {
        bool dots = q - s >= 2 && q[-2] == '.';
        bool spaced = q - s >= 3 && q[-2] == ' ' && q[-3] == '.';
        return !dots && !spaced;
    }
    /* Step back to the first byte of the last character. */
    const char *c = q - 1;
    while (c > s && ((unsigned char)*c & 0xC0) == 0x80 && q - c < 4)
        c--;
    return ds__seg_is_stop(c, q);
}

/* Sets term, runon and soft from the end of the line's body. */
static void read_line_end(const seg_text *c, seg_line *l)
{
    const char *s = c->t + l->body, *e = c->t + l->body_end;
    l->term = ends_sentence(s, e);
    if (l->term)
        return;
    unsigned char last = (unsigned char)e[-1];
    bool comma = last == ',';
    bool punct = comma || (last < 0x80 && last && strchr(";:(/&+=-", last)) ||
                 (e - s >= 3 && (seg_has3(e - 3, e, 0xE2, 0x80, 0x93) ||  /* – */
                                 seg_has3(e - 3, e, 0xE2, 0x80, 0x94) ||  /* — */
                                 seg_has3(e - 3, e, 0xE2, 0x80, 0x9C)));  /* “ */
    const char *w = e;
    while (w > s && e - w <= 20 && seg_is_alpha(w[-1]))
        w--;
    bool whole = w < e && seg_is_lower(*w) && (w == s || w[-1] == ' ' || w[-1] == '\t');
    bool wrap = whole && (ds__seg_word(c->seg, w, (size_t)(e - w)) & SEG_W_WRAP);
    l->runon = punct || wrap;
    l->soft = comma || wrap;
}

static bool blank_at(const char *p, const char *e) { return p < e && seg_space(p, e) > 0; }

/* A line without letters or digits ("---", "* * *", "|") carries no text. */
static bool is_rule(const char *p, const char *e)
{
    while (p < e) {
        size_t n;
        if (ds__seg_letter(p, e, &n))
            return false;
        p += n;
    }
    return true;
}

/* "# Title" up to "###### Title"; the span drops the marks on both sides. */
static bool md_heading(seg_line *l, const char *t)
{
    const char *s = t + l->s, *e = t + l->e, *p = s;
    while (p < e && *p == '#' && p - s < 7)
        p++;
    if (p - s > 6 || (p < e && *p != ' ' && *p != '\t'))
        return false;
    const char *b = seg_skip_space(p, e), *be = e;
    const char *h = be;
    while (h > b && h[-1] == '#')
        h--;
    if (h < be && h > b && (h[-1] == ' ' || h[-1] == '\t'))
        be = seg_trim_end(b, h);
    l->type = b < be ? L_MDHEAD : L_RULE;
    l->body = (size_t)(b - t);
    l->body_end = (size_t)(be - t);
    return true;
}

/* ---- List markers ---- */

typedef enum num_kind {
    NUM_NONE,
    NUM_PLAIN, /* "3." "3)" "(a)" "a)" "iv." */
    NUM_MULTI, /* "2.4.3." */
    NUM_BARE,  /* "2.4.3" without a final dot */
    NUM_ROMAN, /* "III." */
} num_kind;

static const char *const bullet_symbols[] = {
    "\u2022", "\u25E6", "\u25AA", "\u25CF", "\u25CB", "\u25A0", "\u25A1", "\u25BA",
    "\u25B8", "\u27A2", "\u27A4", "\u2023", "\u2043", "\uF0B7", "\u00B7", "\u2013", "\u2014",
};

/* The end of a symbol bullet ("- ", "• ", "– ") at p, or NULL.  Dashes and
 * the middle dot need a space after them; the other symbols do not. */
static const char *bullet_symbol(const char *p, const char *e)
{
    if ((*p == '-' || *p == '*' || *p == '+') && blank_at(p + 1, e))
        return p + 1;
    if ((unsigned char)*p < 0x80)
        return NULL; /* every other bullet symbol is outside ASCII */
    for (size_t i = 0; i < sizeof bullet_symbols / sizeof *bullet_symbols; i++) {
        size_t n = strlen(bullet_symbols[i]);
        if ((size_t)(e - p) < n || memcmp(p, bullet_symbols[i], n) != 0)
            continue;
        bool dash = (unsigned char)p[0] == 0xC2 || (n == 3 && (unsigned char)p[1] == 0x80 &&
                                                   ((unsigned char)p[2] == 0x93 ||
                                                    (unsigned char)p[2] == 0x94));
        return !dash || blank_at(p + n, e) ? p + n : NULL;
    }
    return NULL;
}

static bool is_digit_c(char c) { return seg_is_digit(c); }
static bool is_roman_upper(char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L'; }
static bool is_roman_lower(char c) { return c == 'i' || c == 'v' || c == 'x' || c == 'l'; }
static bool is_label(char c) { return seg_is_digit(c) || seg_is_lower(c); }
static bool is_heading_number(char c)
{
    return seg_is_digit(c) || c == '.' || is_roman_upper(c);
}
static bool is_emphasis(char c) { return c == '#' || c == '*' || c == '_' || c == ' '; }

/* The end of the run of at most max characters at p that satisfy pred. */
static const char *span_of(const char *p, const char *e, bool (*pred)(char), size_t max)
{
    const char *q = p;
    while (q < e && (size_t)(q - p) < max && pred(*q))
        q++;
    return q;
}

/* The end of a number label at p followed by a space: "3.", "3)",
 * "2.4.3.", "2.4.3" or "III.", with its kind; NULL for anything else,
 * including a plain number ("12 people"). */
static const char *number_label(const char *p, const char *e, num_kind *kind)
{
    const char *q = span_of(p, e, is_digit_c, 4);
    if (q > p && q - p <= 3) {
        int levels = 1;
        while (q < e && *q == '.' && q + 1 < e && seg_is_digit(q[1])) {
            const char *r = span_of(q + 1, e, is_digit_c, 4);
            if (r - q > 4)
                return NULL;
            q = r;
            levels++;
        }
        bool dot = q < e && (*q == '.' || (*q == ')' && levels == 1));
        if (!blank_at(q + dot, e) || (levels == 1 && !dot))
            return NULL;
        *kind = levels == 1 ? NUM_PLAIN : dot ? NUM_MULTI : NUM_BARE;
        return q + dot;
    }
    q = span_of(p, e, is_roman_upper, 6);
    if (q > p && (q - p > 1 || *p == 'I') && q < e && *q == '.' && blank_at(q + 1, e)) {
        *kind = NUM_ROMAN;
        return q + 1;
    }
    return NULL;
}

/* "(a)", "(12)", "(iv)", "a)", "b.", "iv)", "A)". */
static const char *letter_label(const char *p, const char *e)
{
    if (*p == '(') {
        const char *q = span_of(p + 1, e, is_label, 4);
        if (q == p + 1 && q < e && seg_is_upper(*q))
            q++;
        return q > p + 1 && q < e && *q == ')' && blank_at(q + 1, e) ? q + 1 : NULL;
    }
    const char *q = span_of(p, e, is_roman_lower, 4);
    if (q == p && seg_is_alpha(*p))
        q = p + 1;
    if (q == p || q >= e)
        return NULL;
    bool upper = seg_is_upper(*p);
    bool ok = *q == ')' || (*q == '.' && !upper);
    return ok && blank_at(q + 1, e) ? q + 1 : NULL;
}

/* Whether the text after a number reads like a section title: it opens
 * with a capital, is short and has no final stop. */
static bool title_after(const char *p, const char *e)
{
    size_t n;
    char c = ds__seg_letter(p, e, &n);
    return (c == 'U' || c == 'O') && e - p <= 200 && ds__seg_words(p, e) <= NUMHEAD_MAX_WORDS &&
           !ends_sentence(p, e);
}

/* Types a line that opens with a bullet or a number.  Numbered lines with
 * several levels ("2.4.3.") or Roman numerals are headings when a title
 * follows and keep their number in the span, since the number names the
 * section; other list items become bullets without their marker. */
static bool list_line(seg_line *l, const char *t)
{
    const char *s = t + l->s, *e = t + l->e;
    num_kind kind = NUM_NONE;
    const char *m = bullet_symbol(s, e);
    if (!m)
        m = number_label(s, e, &kind);
    if (!m)
        m = letter_label(s, e);
    const char *rest = m ? seg_skip_space(m, e) : e;
    if (rest == e)
        return false;
    bool titled = title_after(rest, e);
    if (kind == NUM_MULTI || kind == NUM_BARE || kind == NUM_ROMAN) {
        if (titled) {
            l->type = L_NUMHEAD;
            return true;
        }
        if (kind == NUM_BARE)
            return false; /* "3.5 million people fled" is plain text */
    }
    l->type = L_BULLET;
    l->body = (size_t)(rest - t);
    l->head_like = kind == NUM_PLAIN && titled;
    return true;
}

/* ---- Footnotes ---- */

/* A number of up to three digits opening the line, perhaps with "." or
 * ")": how notes sections number their entries.  Returns the text after
 * it, or NULL. */
static const char *leading_number(const char *s, const char *e)
{
    const char *q = span_of(s, e, is_digit_c, 4);
    if (q == s || q - s > 3)
        return NULL;
    if (q < e && (*q == '.' || *q == ')'))
        q++;
    return q == e || blank_at(q, e) ? seg_skip_space(q, e) : NULL;
}

static bool first_word_is(const seg_text *c, const char *p, const char *e, unsigned flag)
{
    const char *q = p;
    while (q < e && q - p < 24 && seg_is_alpha(*q))
        q++;
    return q > p && (ds__seg_word(c->seg, p, (size_t)(q - p)) & flag);
}

/* Footnote markers at the start of a line: alone, the line is a marker
 * whose text follows; with citation text after it, an entry. */
static bool footnote_line(const seg_text *c, seg_line *l)
{
    const char *s = c->t + l->s, *e = c->t + l->e;
    const char *rest = leading_number(s, e);
    if (rest) {
        l->marked = true;
        for (const char *d = s; d < e && seg_is_digit(*d); d++)
            l->number = l->number * 10 + (unsigned)(*d - '0');
        l->num_only = rest == e;
        if (rest < e && first_word_is(c, rest, e, SEG_W_NOTECUE)) {
            l->type = L_FNENTRY;
            return true;
        }
        return false;
    }
    const char *m = ds__seg_marker(s, e);
    if (m == s)
        return false;
    l->marked = true;
    /* Several markers may stand together: "^{[3](#)}^{[4](#)}". */
    rest = seg_skip_space(m, e);
    for (const char *n; (n = ds__seg_marker(rest, e)) > rest;)
        rest = seg_skip_space(n, e);
    if (rest == e)
        l->type = L_FNMARK;
    else if (ds__seg_citation_like(rest, e) || first_word_is(c, rest, e, SEG_W_NOTECUE))
        l->type = L_FNENTRY;
    return l->type != L_TEXT;
}

/* ---- Captions ---- */

/* A photographer's or agency's name: a few capitalised words. */
static bool name_like(const char *p, const char *e)
{
    if (p >= e || e - p > 80 || !(seg_is_upper(*p) || (unsigned char)*p >= 0x80))
        return false;
    for (const char *q = p; q < e; q++)
        if (!(seg_is_alpha(*q) || (unsigned char)*q >= 0x80 || *q == ' ' || *q == '.' ||
              *q == '-' || *q == '\''))
            return false;
    return ds__seg_words(p, e) <= 6;
}

/* The start of a credit "Photo: Jane Doe" that closes a line after a
 * sentence, as captions converted from web pages have it, or NULL. */
static const char *cue_credit(const seg_text *c, const char *s, const char *lim, const char *end)
{
    const char *colon = memrchr(lim, ':', (size_t)(end - lim));
    if (!colon || !blank_at(colon + 1, end) || !name_like(seg_skip_space(colon + 1, end), end))
        return NULL;
    const char *w = colon;
    while (w > s && seg_is_alpha(w[-1]))
        w--;
    if (w == colon || !ds__seg_caption_cue(c->seg, w, end))
        return NULL;
    bool after_sentence = w - s >= 2 && w[-1] == ' ' &&
                          (strchr(".!?)", w[-2]) || (unsigned char)w[-2] == 0x9D);
    return w == s || w[-1] == '(' || after_sentence ? w : NULL;
}

/* The start of a trailing photo credit such as "REUTERS/Jane Doe",
 * "(AFP/John Roe)" or "Jane Doe/AFP via Getty Images", or NULL. */
static const char *slash_credit(const seg_text *c, const char *s, const char *lim,
                                const char *end)
{
    const char *slash = memrchr(lim, '/', (size_t)(end - lim));
    if (!slash || slash == s)
        return NULL;
    const char *w = slash, *r = slash + 1;
    while (w > s && seg_is_alpha(w[-1]))
        w--;
    if (w == slash || (w > s && !blank_at(w - 1, end) && w[-1] != '('))
        return NULL;
    bool agency_left = first_word_is(c, w, slash, SEG_W_CREDIT) && name_like(r, end);
    bool agency_right = first_word_is(c, r, end, SEG_W_CREDIT) && seg_is_upper(*w);
    if (!agency_left && !agency_right)
        return NULL;
    /* A name before the slash may have several words: "Jane Doe/AFP". */
    for (int i = 0; agency_right && i < 3 && w - s >= 2 && w[-1] == ' ' && seg_is_alpha(w[-2]);
         i++) {
        const char *v = w - 1;
        while (v > s && seg_is_alpha(v[-1]))
            v--;
        if (!seg_is_upper(*v))
            break;
        w = v;
    }
    return w;
}

/* Sets l->credit to the start of a photo credit closing the line, with its
 * opening bracket if it has one; false if there is none. */
static bool credit_tail(const seg_text *c, seg_line *l)
{
    const char *s = c->t + l->s, *e = c->t + l->e;
    const char *end = e[-1] == ')' ? e - 1 : e;
    const char *lim = end - s > CREDIT_SCAN ? end - CREDIT_SCAN : s;
    const char *w = cue_credit(c, s, lim, end);
    if (!w)
        w = slash_credit(c, s, lim, end);
    if (!w)
        return false;
    if (w > s && w[-1] == '(')
        w--;
    l->credit = (size_t)(w - c->t);
    return true;
}

/* Types a plain line as a caption: a Markdown image ("![alt](src)", whose
 * alternative text describes the picture), a line opening with a caption
 * cue, or one ending in a photo credit.  A Markdown quotation mark "> "
 * is left out of the span of any other plain line. */
static void caption_line(const seg_text *c, seg_line *l)
{
    const char *s = c->t + l->s, *e = c->t + l->e, *p = s;
    if (*s == '>' && blank_at(s + 1, e)) {
        l->body = (size_t)(seg_skip_space(s + 1, e) - c->t);
        return;
    }
    while (p < e && p - s < 3 && (*p == '(' || *p == '[' || *p == '*' || *p == '_'))
        p++;
    if (credit_tail(c, l) || (e - s > 2 && s[0] == '!' && s[1] == '[') ||
        ds__seg_caption_cue(c->seg, p, e))
        l->type = L_CAPTION;
}

/* ---- Page furniture ---- */

static const char *digits(const char *p, const char *e)
{
    const char *q = span_of(p, e, is_digit_c, 5);
    return q > p && q - p <= 4 ? q : NULL;
}

/* A page label that PDF text keeps between paragraphs: "Page 3",
 * "Page 3 of 10", "Seite 3 von 10", "3/10", "- 3 -". */
static bool page_label(const seg_text *c, const char *p, const char *e)
{
    if (e - p > 32)
        return false;
    if (*p == '-' && e[-1] == '-') {
        const char *q = digits(seg_skip_space(p + 1, e), e);
        return q && seg_skip_space(q, e) == e - 1;
    }
    const char *w = p;
    while (w < e && seg_is_alpha(*w))
        w++;
    if (w > p && !(ds__seg_word(c->seg, p, (size_t)(w - p)) & SEG_W_PAGE))
        return false;
    if (w < e && *w == '.')
        w++;
    const char *q = digits(seg_skip_space(w, e), e);
    if (!q || (w == p && q == e))
        return false; /* a bare number is dealt with as one */
    q = seg_skip_space(q, e);
    if (q == e)
        return true;
    const char *of = q;
    while (of < e && of - q < 4 && (seg_is_alpha(*of) || *of == '/'))
        of++;
    q = of > q ? digits(seg_skip_space(of, e), e) : NULL;
    return q == e;
}

/* ---- Notes headings ---- */

/* Whether the heading text names a notes section ("References", "Notes:",
 * "**Sources**", "5. Endnotes"), compared with single spaces between words
 * and without emphasis, numbering or a final colon. */
static bool notes_heading(const seg_text *c, const seg_line *l)
{
    const char *p = c->t + l->body, *e = c->t + l->body_end;
    if (e - p > 80)
        return false;
    p = span_of(p, e, is_emphasis, 8);
    const char *num = span_of(p, e, is_heading_number, 8);
    if (num > p && blank_at(num, e))
        p = seg_skip_space(num, e);
    while (e > p && e[-1] && strchr("*_:. ", e[-1]))
        e--;
    /* Most short lines are ruled out by their first word before they are
     * copied; blanks before it are not copied either. */
    const char *w = p;
    while (w < e && (*w == ' ' || *w == '\t'))
        w++;
    if (w == e || !ds__seg_notes_start(c->seg, w, e))
        return false;
    char buf[SEG_MAX_ENTRY];
    size_t n = 0;
    for (; p < e && n < sizeof buf; p++) {
        bool sp = *p == ' ' || *p == '\t';
        if (!sp || (n && buf[n - 1] != ' '))
            buf[n++] = sp ? ' ' : *p;
    }
    return p == e && n && (ds__seg_word(c->seg, buf, n) & SEG_W_NOTES);
}

/* ---- Reading lines ---- */

/* Punctuation that opens a line only in the middle of a sentence. */
static bool mid_sentence_mark(char c)
{
    switch (c) {
    case ',': case ';': case ':': case ')': case ']': case '}': case '%':
        return true;
    default:
        return false;
    }
}

/* Types a line read by ds__seg_read_line.  quick leaves out what only the
 * grouping needs (captions, notes headings, line starts and ends other than
 * the final stop), for the first pass over the text. */
void ds__seg_type_line(const seg_text *c, seg_line *l, bool quick)
{
    const char *t = c->t, *s = t + l->s, *e = t + l->e;
    l->page = page_label(c, s, e);
    if (is_rule(s, e))
        l->type = L_RULE;
    else if (*s == '|' && e[-1] == '|')
        l->type = L_TABLE;
    else if (!(*s == '#' && md_heading(l, t)) && !footnote_line(c, l) && !list_line(l, t) &&
             !quick)
        caption_line(c, l);
    if (l->type == L_RULE || l->type == L_TABLE)
        return;
    if (quick) {
        l->term = ends_sentence(t + l->body, t + l->body_end);
        return;
    }
    if ((l->type == L_TEXT || l->type == L_MDHEAD || l->type == L_NUMHEAD) && notes_heading(c, l))
        l->type = L_NOTESHEAD;
    const char *b = t + l->body, *be = t + l->body_end;
    size_t n;
    l->cont_start = ds__seg_letter(b, be, &n) == 'L' || mid_sentence_mark(*b);
    read_line_end(c, l);
}

/* Reads the next non-blank line from *pos, counting the blank lines before
 * it; the start of the text counts as one, since it separates like one. */
bool ds__seg_read_line(const seg_text *c, size_t *pos, seg_line *l)
{
    size_t blanks = *pos == 0;
    while (*pos < c->len) {
        const char *ls = c->t + *pos, *end = c->t + c->len;
        if (*ls == '\n') {
            /* An empty line, as between the paragraphs of most texts. */
            blanks++;
            ++*pos;
            continue;
        }
        const char *nl = memchr(ls, '\n', (size_t)(end - ls));
        const char *le = nl ? nl : end;
        *pos = (size_t)(le - c->t) + (nl != NULL);
        const char *s = seg_skip_space(ls, le), *e = seg_trim_end(s, le);
        if (s == e) {
            blanks++;
            continue;
        }
        size_t at = (size_t)(s - c->t), end_at = (size_t)(e - c->t);
        *l = (seg_line){.s = at, .e = end_at, .body = at, .body_end = end_at,
                        .blanks = blanks, .indented = s - ls >= 2};
        return true;
    }
    return false;
}

bool ds__seg_next_line(const seg_text *c, size_t *pos, seg_line *l, bool quick)
{
    if (!ds__seg_read_line(c, pos, l))
        return false;
    ds__seg_type_line(c, l, quick);
    return true;
}
