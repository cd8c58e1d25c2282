/* citation.c: notes read into cited works.
 *
 * A footnote or reference entry begins with its marker ("^{[354](#)}",
 * "[354](#)", "[12]", "^12", "12.", superscript digits), which is kept as
 * the note's number.  Its text may cite several works, separated by "; ".
 * Each work is cut into fields at ", " (outside brackets), the citation
 * style of COI reports and most reference lists:
 *
 *   Waters, G., Inside ... Ismailis, Atlantic Council, 19 March 2025, url
 *   author      title                publisher         date           link
 *
 * The date is the last field the date recognizer reads as a date filling
 * most of it.  The author is the first field, with the second when that is
 * initials ("G."); what lies between author and date is the title, and
 * its last field the publisher when it reads like a name (a capital, a few
 * words) and there is more than one.  Links are kept as the URL when they
 * point to one; a Markdown link that is only a placeholder word
 * ("[url](#)") is dropped.  A work whose fields cannot be told apart is
 * still kept whole as its text, which resolving reads too. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "citation_int.h"

enum { CITER_ARENA_MAX = 1u << 30, CITATIONS_MAX = 10000000, NOTE_MAX = 16384,
       FIELDS_MAX = 32, NOTE_DIGITS_MAX = 6, WORKS_MAX = 32, PUBLISHER_WORDS_MAX = 6 };

ds_status ds_citer_new(ds_citer **out, const ds_times *times, const ds_link_policy *policy,
                       ds_error *err)
{
    *out = NULL;
    ds_citer *c = ds_calloc(1, sizeof *c);
    if (!c || !(c->arena = ds_arena_new(CITER_ARENA_MAX))) {
        ds_free(c);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    c->times = times;
    c->policy = policy;
    *out = c;
    return DS_OK;
}

void ds_citer_free(ds_citer *c)
{
    if (!c)
        return;
    ds_free(c->docs);
    ds_free(c->v);
    ds_arena_free(c->arena);
    ds_free(c);
}

size_t ds_citer_count(const ds_citer *c) { return c->n; }

const ds_citation *ds_citer_at(const ds_citer *c, size_t i) { return i < c->n ? &c->v[i] : NULL; }

/* The length of a superscript digit at s (¹ ² ³ ⁰ ⁴..⁹), or 0; its value in *d. */
static size_t superscript(const unsigned char *s, size_t n, int *d)
{
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3)) {
        *d = s[1] == 0xB9 ? 1 : s[1] == 0xB2 ? 2 : 3;
        return 2;
    }
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0xB0 || (s[2] >= 0xB4 && s[2] <= 0xB9))) {
        *d = s[2] == 0xB0 ? 0 : s[2] - 0xB0;
        return 3;
    }
    return 0;
}

/* The note's marker at the start of s: its end, and its number in note
 * (empty when there is none, and then 0 is returned). */
static size_t marker(const char *s, size_t n, char note[NOTE_DIGITS_MAX + 1])
{
    size_t i = 0, k = 0;
    note[0] = '\0';
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    int d;
    for (size_t m; i < n && k < NOTE_DIGITS_MAX && (m = superscript((const unsigned char *)s + i, n - i, &d)); i += m)
        note[k++] = (char)('0' + d);
    if (k) {
        note[k] = '\0';
        return i;
    }
    bool caret = i < n && s[i] == '^';
    i += caret;
    bool brace = i < n && s[i] == '{';
    i += brace;
    bool bracket = i < n && s[i] == '[';
    i += bracket;
    while (i < n && k < NOTE_DIGITS_MAX && isdigit((unsigned char)s[i]))
        note[k++] = s[i++];
    note[k] = '\0';
    if (!k || (i < n && isdigit((unsigned char)s[i])))
        goto none;
    if (bracket) {
        if (i >= n || s[i++] != ']')
            goto none;
        if (i < n && s[i] == '(') {
            const char *close = memchr(s + i, ')', n - i);
            if (!close)
                goto none;
            i = (size_t)(close - s) + 1;
        }
    } else if (!caret) {
        if (i < n && (s[i] == '.' || s[i] == ')'))
            i++;
        else if (i < n && !isspace((unsigned char)s[i]))
            goto none;
    }
    if (brace && (i >= n || s[i++] != '}'))
        goto none;
    return i;
none:
    note[0] = '\0';
    return 0;
}

/* s[0..n) with every run of white space made one space, trimmed. */
static char *collapse(ds_arena *a, const char *s, size_t n)
{
    char *out = ds_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; out && i < n; i++) {
        bool sp = isspace((unsigned char)s[i]);
        if (sp && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = sp ? ' ' : s[i];
    }
    while (out && k && out[k - 1] == ' ')
        k--;
    if (out)
        out[k] = '\0';
    return out;
}

static bool is_url_start(const char *s)
{
    return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
}

/* The end of a bare URL starting at s: up to white space, without the
 * punctuation that closes the sentence around it. */
static size_t url_len(const char *s)
{
    size_t n = 0;
    while (s[n] && !isspace((unsigned char)s[n]) && s[n] != ']' && s[n] != '>')
        n++;
    while (n && strchr(".,;:)'\"", s[n - 1]))
        n--;
    return n;
}

/* Removes links from w (in place) and keeps the first URL found: a
 * Markdown link becomes its text, or nothing when its text is one word (a
 * placeholder); a bare URL is cut out. */
static const char *take_links(ds_arena *a, char *w)
{
    const char *url = NULL;
    char *out = w;
    for (char *p = w; *p;) {
        char *close = *p == '[' ? strstr(p, "](") : NULL;
        char *end = close ? strchr(close + 2, ')') : NULL;
        if (close && end && !memchr(p + 1, '[', (size_t)(close - p - 1))) {
            if (!url && is_url_start(close + 2))
                url = ds_arena_strndup(a, close + 2, (size_t)(end - close - 2));
            size_t tlen = (size_t)(close - p - 1);
            if (memchr(p + 1, ' ', tlen)) {
                memmove(out, p + 1, tlen);
                out += tlen;
            }
            p = end + 1;
        } else if (is_url_start(p) && (p == w || p[-1] == ' ' || p[-1] == '<' || p[-1] == '(')) {
            size_t n = url_len(p);
            if (!url)
                url = ds_arena_strndup(a, p, n);
            p += n;
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
    return url;
}

/* Splits s in place at sep outside brackets and quotes ("...", “...”: a
 * quoted title keeps its commas); returns the number of parts. */
static size_t split(char *s, const char *sep, char **parts, size_t max)
{
    size_t n = 0, seplen = strlen(sep);
    int depth = 0;
    bool quoted = false;
    parts[n++] = s;
    for (char *p = s; *p; p++) {
        depth += (*p == '[' || *p == '(') - (*p == ']' || *p == ')');
        if (!strncmp(p, "\u201C", 3) || !strncmp(p, "\u201D", 3))
            depth += p[2] == '\x9C' ? 1 : -1;
        depth = depth < 0 ? 0 : depth;
        quoted ^= *p == '"';
        if (depth == 0 && !quoted && n < max && !strncmp(p, sep, seplen)) {
            *p = '\0';
            p += seplen - 1;
            parts[n++] = p + 1;
        }
    }
    return n;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        s[--n] = '\0';
    return s;
}

/* "G.", "G. H.", "GH": a person's initials after the surname. */
static bool is_initials(const char *s)
{
    size_t letters = 0;
    for (; *s; s++) {
        if (isupper((unsigned char)*s))
            letters++;
        else if (*s != '.' && *s != ' ' && *s != '-')
            return false;
    }
    return letters >= 1 && letters <= 3;
}

/* Reads like a publisher's name: begins with a capital (or a letter
 * outside ASCII) and has a few words. */
static bool is_name_like(const char *s)
{
    if (!*s || (!isupper((unsigned char)*s) && !((unsigned char)*s & 0x80)))
        return false;
    size_t words = 1;
    for (; *s; s++)
        words += *s == ' ';
    return words <= PUBLISHER_WORDS_MAX;
}

/* Whether field f is a date (the recognizer reads most of it as one
 * absolute date); fills d. */
static bool read_date(ds_citer *c, const char *f, ds_date *d)
{
    size_t len = strlen(f);
    /* A bare year, which the recognizer leaves alone in running text. */
    if (len == 4 && strspn(f, "0123456789") == 4 && f[0] >= '1' && f[0] <= '2') {
        ds_date_from_ymd(d, atoi(f), 1, 1, DS_PREC_YEAR);
        return true;
    }
    if (!c->times)
        return false;
    ds_arena *scratch = ds_arena_new(1u << 20);
    ds_time_mention *m = NULL;
    size_t n = 0;
    ds_time_context ctx = {0};
    bool ok = scratch && ds_times_find(c->times, f, len, &ctx, scratch, &m, &n, NULL) == DS_OK;
    ok = ok && n >= 1 && m[0].resolved && m[0].anchor == DS_ANCHOR_NONE &&
         (m[0].end - m[0].start) * 5 >= len * 3 && m[0].precision >= DS_TIME_DAY &&
         m[0].precision != DS_TIME_WEEK && m[0].precision <= DS_TIME_YEAR;
    if (ok) {
        ds_iso_from_days(m[0].first, d->start);
        ds_iso_from_days(m[0].last, d->end);
        d->precision = m[0].precision == DS_TIME_DAY     ? DS_PREC_DAY
                       : m[0].precision == DS_TIME_MONTH ? DS_PREC_MONTH
                                                         : DS_PREC_YEAR;
    }
    ds_arena_free(scratch);
    return ok;
}

static char *join(ds_arena *a, char **f, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += strlen(f[i]) + 2;
    char *out = n ? ds_arena_alloc(a, n + 1) : NULL;
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t i = from; i < to; i++) {
        if (i > from)
            strcat(out, ", ");
        strcat(out, f[i]);
    }
    return out;
}

/* Fills w's fields from the work's text (copied, since it is cut). */
static void read_fields(ds_citer *c, ds_citation *w)
{
    char *s = ds_arena_strdup(c->arena, w->text);
    if (!s)
        return;
    w->url = take_links(c->arena, s);
    char *f[FIELDS_MAX];
    size_t n = split(s, ", ", f, FIELDS_MAX), k = 0;
    for (size_t i = 0; i < n; i++)
        if (*(f[k] = trim(f[i])))
            k++;
    n = k;
    if (n < 2)
        return;
    size_t di = n;
    for (size_t i = n; i-- > 1 && di == n;)
        if (read_date(c, f[i], &w->date))
            di = i;
    size_t start = 1;
    if (n > 2 && is_initials(f[1])) {
        w->author = join(c->arena, f, 0, 2);
        start = 2;
    } else {
        w->author = f[0];
    }
    if (di <= start)
        return;
    if (di - start >= 2 && is_name_like(f[di - 1])) {
        w->publisher = f[di - 1];
        w->title = join(c->arena, f, start, di - 1);
    } else {
        w->title = join(c->arena, f, start, di);
    }
}

static ds_citation *new_citation(ds_citer *c, ds_error *err)
{
    if (c->n >= CITATIONS_MAX) {
        ds_error_set(err, DS_ETOOBIG, "more than %d citations", CITATIONS_MAX);
        return NULL;
    }
    ds_citation *v = ds_grow(c->v, &c->cap, c->n, sizeof *v);
    if (!v) {
        ds_error_set(err, DS_ENOMEM, "out of memory");
        return NULL;
    }
    c->v = v;
    v[c->n] = (ds_citation){0};
    return &v[c->n++];
}

/* Whether a work reads like a citation: a link, or fields to tell apart. */
static bool citation_like(const ds_citation *w)
{
    return w->url || (w->author && (w->title || w->date.precision));
}

static bool is_ibid(const char *s)
{
    return !strncmp(s, "Ibid", 4) || !strncmp(s, "ibid", 4) || !strncmp(s, "IBID", 4);
}

/* "Ibid." repeats the previous footnote's works under this note. */
static ds_status repeat_previous(ds_citer *c, int64_t doc, size_t sentence, const char *note,
                                 const char *text, ds_error *err)
{
    if (c->prev_doc != doc || !c->prev_n)
        return DS_OK;
    size_t first = c->prev_first, n = c->prev_n;
    c->prev_first = c->n;
    for (size_t i = 0; i < n; i++) {
        ds_citation *w = new_citation(c, err);
        if (!w)
            return err->code;
        *w = c->v[first + i];
        w->sentence = sentence;
        w->note = note;
        w->text = text;
    }
    return DS_OK;
}

static ds_status read_footnote(ds_citer *c, int64_t doc, size_t sentence, const char *text,
                               size_t len, ds_error *err)
{
    char digits[NOTE_DIGITS_MAX + 1];
    size_t skip = marker(text, len, digits);
    const char *note = digits[0] ? ds_arena_strdup(c->arena, digits) : NULL;
    char *body = collapse(c->arena, text + skip, len - skip);
    if (!body || (digits[0] && !note))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    if (is_ibid(body))
        return repeat_previous(c, doc, sentence, note, body, err);
    char *works[WORKS_MAX];
    size_t n = split(body, "; ", works, WORKS_MAX), first = c->n;
    for (size_t i = 0; i < n; i++) {
        ds_citation probe = {.from = doc, .sentence = sentence, .note = note,
                             .text = trim(works[i])};
        read_fields(c, &probe);
        if (!*probe.text || !citation_like(&probe))
            continue;
        ds_citation *w = new_citation(c, err);
        if (!w)
            return err->code;
        *w = probe;
    }
    c->prev_doc = doc;
    c->prev_first = first;
    c->prev_n = c->n - first;
    return DS_OK;
}

/* Bare URLs of a sentence that is not a note. */
static ds_status read_urls(ds_citer *c, int64_t doc, size_t sentence, const char *text,
                           size_t len, ds_error *err)
{
    for (size_t i = 0; i + 8 < len; i++) {
        if ((i && !isspace((unsigned char)text[i - 1]) && !strchr("(<[", text[i - 1])) ||
            (strncmp(text + i, "http://", 7) && strncmp(text + i, "https://", 8)))
            continue;
        char *u = ds_arena_strndup(c->arena, text + i, len - i < NOTE_MAX ? len - i : NOTE_MAX);
        if (!u)
            return ds_error_set(err, DS_ENOMEM, "out of memory");
        u[url_len(u)] = '\0';
        ds_citation *w = new_citation(c, err);
        if (!w)
            return err->code;
        *w = (ds_citation){.from = doc, .sentence = sentence, .text = u, .url = u};
        i += strlen(u);
    }
    return DS_OK;
}

ds_status ds_citer_add_note(ds_citer *c, int64_t doc, size_t sentence, const char *text,
                            size_t len, bool footnote, ds_error *err)
{
    if (c->resolved)
        return ds_error_set(err, DS_EINVAL, "notes are added before resolving");
    len = len > NOTE_MAX ? NOTE_MAX : len;
    return footnote ? read_footnote(c, doc, sentence, text, len, err)
                    : read_urls(c, doc, sentence, text, len, err);
}
