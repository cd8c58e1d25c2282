#include "meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* How far into a document the header is looked for.  Publication metadata
 * stands above the first paragraph; looking further finds dates of events. */
enum { HEAD_BYTES = 6000, HEAD_LINES = 30, MAX_TOKENS = 96, TITLE_MAX = 300,
       SHORT_LINE = 120 };

typedef enum { TOK_WORD, TOK_NUM, TOK_PUNCT } tok_kind;

typedef struct {
    size_t start, end;
    tok_kind kind;
    bool upper; /* a word that starts with an uppercase letter */
} token;

typedef struct {
    token v[MAX_TOKENS];
    size_t n;
} tokens;

static bool is_word_cat(utf8proc_category_t c)
{
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Splits s into words, digit runs and single punctuation characters. */
static void tokenize(const char *s, size_t n, tokens *t)
{
    t->n = 0;
    size_t i = 0;
    while (i < n && t->n < MAX_TOKENS) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cp < 0x80 && isspace(cp)) {
            i += (size_t)k;
            continue;
        }
        token tok = {.start = i};
        if (cp < 0x80 && isdigit(cp)) {
            tok.kind = TOK_NUM;
            while (i < n && isdigit((unsigned char)s[i]))
                i++;
        } else if (is_word_cat(cat)) {
            tok.kind = TOK_WORD;
            tok.upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            for (;;) {
                i += (size_t)k;
                if (i >= n)
                    break;
                k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
                if (k <= 0)
                    break;
                cat = utf8proc_category(cp);
                /* Apostrophes and combining marks stay inside a word. */
                if (!is_word_cat(cat) && cat != UTF8PROC_CATEGORY_MN && cp != '\'' && cp != 0x2019)
                    break;
            }
        } else {
            tok.kind = TOK_PUNCT;
            i += (size_t)k;
        }
        tok.end = i;
        t->v[t->n++] = tok;
    }
}

static int num_value(const char *s, const token *t)
{
    if (t->kind != TOK_NUM || t->end - t->start > 4)
        return -1;
    int v = 0;
    for (size_t i = t->start; i < t->end; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The month a word (or two words) names, 0 if none; *used says how many
 * tokens it took. */
static int month_at(const char *s, const tokens *t, size_t i, const ds_lexicon *months,
                    size_t *used)
{
    if (i >= t->n || t->v[i].kind != TOK_WORD)
        return 0;
    if (i + 1 < t->n && t->v[i + 1].kind == TOK_WORD) {
        const char *v = ds_lexicon_get(months, s + t->v[i].start, t->v[i + 1].end - t->v[i].start);
        if (v) {
            *used = 2;
            return atoi(v);
        }
    }
    const char *v = ds_lexicon_get(months, s + t->v[i].start, t->v[i].end - t->v[i].start);
    *used = 1;
    return v ? atoi(v) : 0;
}

static bool is_ordinal_suffix(const char *s, const token *t)
{
    size_t n = t->end - t->start;
    if (t->kind != TOK_WORD || n != 2)
        return false;
    const char *w = s + t->start;
    return !strncmp(w, "st", 2) || !strncmp(w, "nd", 2) || !strncmp(w, "rd", 2) ||
           !strncmp(w, "th", 2);
}

static bool skip_punct(const char *s, const tokens *t, size_t *i, char c)
{
    if (*i < t->n && t->v[*i].kind == TOK_PUNCT && s[t->v[*i].start] == c) {
        (*i)++;
        return true;
    }
    return false;
}

/* Arabic texts often give both month names, "آذار/مارس": after a month, a
 * slash and a second month name are skipped. */
static void skip_month_alternative(const char *s, const tokens *t, size_t *j,
                                   const ds_lexicon *months)
{
    size_t k = *j, used;
    if (skip_punct(s, t, &k, '/') && month_at(s, t, k, months, &used))
        *j = k + used;
}

/* ISO dates are matched on bytes: "2025-03-14", also "2025/03/14". */
static bool find_iso(const char *s, size_t n, ds_date *out, size_t *at, size_t *end)
{
    for (size_t i = 0; i + 10 <= n; i++) {
        if (i > 0 && isalnum((unsigned char)s[i - 1]))
            continue;
        const char *p = s + i;
        char sep = p[4];
        if ((sep != '-' && sep != '/') || p[7] != sep)
            continue;
        bool digits = true;
        for (int k = 0; k < 10; k++)
            if (k != 4 && k != 7 && !isdigit((unsigned char)p[k]))
                digits = false;
        if (!digits || (i + 10 < n && isdigit((unsigned char)p[10])))
            continue;
        int y = atoi(p), m = atoi(p + 5), d = atoi(p + 8);
        if (!ds_date_valid_ymd(y, m, d) || y < 1900)
            continue;
        ds_date_from_ymd(out, y, m, d, DS_PREC_DAY);
        *at = i;
        *end = i + 10;
        return true;
    }
    return false;
}

static bool plausible_year(int y) { return y >= 1900 && y <= 2199; }

/* Tries the word forms of a date starting at token i. */
static bool date_at(const char *s, const tokens *t, size_t i, const ds_lexicon *months,
                    ds_date *out, size_t *last)
{
    size_t j = i, used;
    int day = num_value(s, &t->v[i]);
    if (day >= 1 && day <= 31) { /* 14 March 2025, 14th of March, 2025 */
        j++;
        if (j < t->n && is_ordinal_suffix(s, &t->v[j]))
            j++;
        if (j < t->n && t->v[j].kind == TOK_WORD && t->v[j].end - t->v[j].start == 2 &&
            !strncmp(s + t->v[j].start, "of", 2))
            j++;
        int m = month_at(s, t, j, months, &used);
        if (!m)
            return false;
        j += used;
        skip_month_alternative(s, t, &j, months);
        skip_punct(s, t, &j, '.');
        skip_punct(s, t, &j, ',');
        int y = j < t->n ? num_value(s, &t->v[j]) : -1;
        if (!plausible_year(y) || !ds_date_valid_ymd(y, m, day))
            return false;
        ds_date_from_ymd(out, y, m, day, DS_PREC_DAY);
        *last = j;
        return true;
    }
    int m = month_at(s, t, i, months, &used);
    if (!m)
        return false;
    j = i + used;
    skip_month_alternative(s, t, &j, months);
    skip_punct(s, t, &j, '.');
    int v = j < t->n ? num_value(s, &t->v[j]) : -1;
    if (plausible_year(v)) { /* March 2025 */
        ds_date_from_ymd(out, v, m, 1, DS_PREC_MONTH);
        *last = j;
        return true;
    }
    if (v < 1 || v > 31)
        return false;
    j++; /* March 14, 2025 */
    if (j < t->n && is_ordinal_suffix(s, &t->v[j]))
        j++;
    skip_punct(s, t, &j, ',');
    int y = j < t->n ? num_value(s, &t->v[j]) : -1;
    if (!plausible_year(y) || !ds_date_valid_ymd(y, m, v))
        return false;
    ds_date_from_ymd(out, y, m, v, DS_PREC_DAY);
    *last = j;
    return true;
}

bool ds__find_date(const char *s, size_t n, const ds_lexicon *months, ds_date *out,
                   size_t *at, size_t *end)
{
    size_t iso_at = 0, iso_end = 0;
    ds_date iso;
    bool have_iso = find_iso(s, n, &iso, &iso_at, &iso_end);
    tokens t;
    tokenize(s, n, &t);
    for (size_t i = 0; i < t.n; i++) {
        if (have_iso && t.v[i].start >= iso_at)
            break;
        size_t last;
        if (date_at(s, &t, i, months, out, &last)) {
            *at = t.v[i].start;
            *end = t.v[last].end;
            return true;
        }
    }
    if (have_iso) {
        *out = iso;
        *at = iso_at;
        *end = iso_end;
    }
    return have_iso;
}

/* --- header lines ------------------------------------------------------- */

/* A line of the head with Markdown emphasis and heading marks removed.
 * Removed characters become spaces so that "Name**11 January**" splits. */
typedef struct {
    char text[TITLE_MAX * 4];
    size_t len;
    bool long_line;
} head_line;

static void clean_line(const char *s, size_t n, head_line *out)
{
    out->long_line = n > TITLE_MAX;
    size_t k = 0;
    size_t i = 0;
    while (i < n && (s[i] == '#' || s[i] == ' ' || s[i] == '\t'))
        i++;
    for (; i < n && k + 1 < sizeof out->text; i++) {
        char c = s[i];
        out->text[k++] = (c == '*' || c == '_' || c == '\t') ? ' ' : c;
    }
    out->text[k] = '\0';
    out->len = strlen(ds_str_trim(out->text));
    memmove(out->text, ds_str_trim(out->text), out->len + 1);
}

/* The class of the cue that starts the line ("byline", "date") and the
 * offset just after it, or NULL. */
static const char *leading_cue(const head_line *l, const tokens *t, const ds_lexicon *cues,
                               size_t *after)
{
    for (size_t words = 3; words >= 1; words--) {
        if (t->n < words || t->v[words - 1].kind != TOK_WORD)
            continue;
        bool all_words = true;
        for (size_t w = 0; w < words; w++)
            all_words &= t->v[w].kind == TOK_WORD;
        if (!all_words)
            continue;
        const char *v = ds_lexicon_get(cues, l->text, t->v[words - 1].end);
        if (v && strcmp(v, "boilerplate") != 0) {
            *after = t->v[words - 1].end;
            return v;
        }
    }
    return NULL;
}

static bool all_boilerplate(const head_line *l, const tokens *t, const ds_lexicon *cues)
{
    size_t words = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind == TOK_PUNCT)
            continue;
        words++;
        const char *v = ds_lexicon_get(cues, l->text + t->v[i].start, t->v[i].end - t->v[i].start);
        if (!v || strcmp(v, "boilerplate") != 0)
            return false;
    }
    return words > 0 || t->n > 0;
}

/* A dateline opens with a place in capitals ("BEIRUT", "TARTUS, Syria")
 * and an optional "(Agency)" before a dash.  Returns the dash's offset. */
static bool find_dateline(const head_line *l, size_t *agency_at, size_t *agency_len)
{
    const char *s = l->text;
    size_t i = 0, caps = 0;
    while (i < l->len && (isupper((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.' ||
                          s[i] == '\'' || s[i] == '-')) {
        if (isupper((unsigned char)s[i]))
            caps++;
        if (s[i] == '-' && i + 1 < l->len && s[i + 1] == '-')
            break;
        i++;
    }
    if (caps < 3)
        return false;
    *agency_at = *agency_len = 0;
    size_t limit = i + 80 < l->len ? i + 80 : l->len;
    for (; i < limit; i++) {
        if (s[i] == '(' && !*agency_len) {
            const char *close = memchr(s + i, ')', limit - i);
            if (close) {
                *agency_at = i + 1;
                *agency_len = (size_t)(close - s) - i - 1;
            }
        }
        bool dash = s[i] == '-' || !strncmp(s + i, "\xE2\x80\x93", 3) || !strncmp(s + i, "\xE2\x80\x94", 3);
        if (dash && i > 0 && s[i - 1] == ' ')
            return true;
    }
    return false;
}

/* Personal names fill t's tokens in [from, to): two to twelve words, most
 * of them capitalised, with short lowercase particles (al, bin, de, van)
 * between them.  One capitalised word alone ("As of 14 June") is not taken
 * for a name. */
static bool is_name_run(const tokens *t, size_t from, size_t to)
{
    size_t caps = 0, words = 0;
    for (size_t i = 0; i < t->n && t->v[i].start < to; i++) {
        if (t->v[i].start < from)
            continue;
        if (t->v[i].kind == TOK_NUM)
            return false;
        if (t->v[i].kind != TOK_WORD)
            continue;
        words++;
        if (t->v[i].upper)
            caps++;
        else if (t->v[i].end - t->v[i].start > 3)
            return false;
    }
    return caps >= 2 && words <= 12;
}

static char *copy_trimmed(const char *s, size_t n)
{
    while (n && (isspace((unsigned char)*s) || *s == ':' || *s == ',' || *s == '|' || *s == '-'))
        s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '|' ||
                 s[n - 1] == '-' || s[n - 1] == ':'))
        n--;
    return n ? ds_strndup(s, n) : NULL;
}

/* Keeps the first value found for a field; later candidates are dropped. */
static void take(char **slot, char *value)
{
    if (*slot)
        ds_free(value);
    else
        *slot = value;
}

typedef struct {
    const ds__cues *cues;
    ds__text_meta *out;
    bool title_closed; /* the first paragraph has passed: no title below it */
} head_state;

static void examine_line(head_state *st, const head_line *l)
{
    tokens t;
    tokenize(l->text, l->len, &t);
    if (!t.n || all_boilerplate(l, &t, st->cues->intake))
        return;
    ds__text_meta *m = st->out;
    size_t after = 0, at, end;
    ds_date d;
    const char *cue = leading_cue(l, &t, st->cues->intake, &after);
    bool has_date = ds__find_date(l->text, l->len, st->cues->months, &d, &at, &end);
    bool dated = false;
    size_t name_end = has_date && at > after ? at : l->len;
    if (cue && !strcmp(cue, "byline") && is_name_run(&t, after, name_end)) {
        /* "By Jane Doe", but not a wrapped body line "by the end of ..." */
        take(&m->author, copy_trimmed(l->text + after, name_end - after));
        dated = has_date;
    } else if (cue && !strcmp(cue, "date")) {
        dated = has_date;
    } else if (has_date && at > 0 && st->title_closed && is_name_run(&t, 0, at) &&
               l->len - end < 40) {
        /* Only below a title: above one, "Situation Report 14 March" is a title. */
        take(&m->author, copy_trimmed(l->text, at)); /* "Jane Doe 11 January 2026" */
        dated = true;
    } else if (has_date && l->len < SHORT_LINE && at < 12) {
        dated = true; /* a line that is mostly a date, "March 9, 2025 | 09:30 AM" */
    } else {
        size_t agency_at, agency_len;
        if (find_dateline(l, &agency_at, &agency_len)) {
            take(&m->agency, agency_len ? ds_strndup(l->text + agency_at, agency_len) : NULL);
            dated = has_date && at < 80;
            st->title_closed = true;
        } else if (!st->title_closed && !l->long_line && l->len >= 4) {
            take(&m->title, ds_strndup(l->text, l->len));
            st->title_closed = m->title != NULL;
        }
    }
    if (dated && m->published.precision == DS_PREC_NONE)
        m->published = d;
}

ds_status ds__detect_meta(const char *text, size_t len, const ds__cues *cues,
                          ds__text_meta *out)
{
    memset(out, 0, sizeof *out);
    head_state st = {cues, out, false};
    size_t pos = 0, limit = len < HEAD_BYTES ? len : HEAD_BYTES;
    for (int lines = 0; pos < limit && lines < HEAD_LINES; lines++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - text) - pos : len - pos;
        head_line l;
        clean_line(text + pos, n, &l);
        pos += n + 1;
        if (!l.len) {
            lines--; /* blank lines do not use up the budget */
            continue;
        }
        /* Body text has begun: metadata stands above it, and what follows
         * (footnotes of a short text, say) would only mislead. */
        if (l.long_line)
            break;
        examine_line(&st, &l);
        if (out->title && out->author && out->published.precision)
            break;
    }
    return DS_OK;
}

void ds__text_meta_free(ds__text_meta *m)
{
    ds_free(m->title);
    ds_free(m->author);
    ds_free(m->agency);
    memset(m, 0, sizeof *m);
}
