/* rt_eval.c: the peer evaluation against Microsoft Recognizers-Text (see
 * rt_eval.h and docs/time_quantity_eval.md).
 *
 * How a case is judged.  RT gives each expected result as a span (Start and
 * Length, or Start and an inclusive End, counted in UTF-16 code units) and a
 * value.  A result is met when a mention's span equals RT's, once both are
 * trimmed of surrounding blanks and trailing punctuation and of leading
 * articles and prepositions ("the", "on", "from", ...), since whether "on"
 * belongs to "on Friday" is a matter of taste, not of reading; and when the
 * mention's value agrees with RT's (days for dates, an interval for ranges).
 * A case passes when every result is met and nothing more is found. */
#include "rt_eval.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "recognize/quantity.h"
#include "recognize/time.h"

enum { MAX_RESULTS = 16, MAX_TOKENS = 64, TOKEN_BYTES = 32, LOWER_BYTES = 1024 };

/* Each case gets a fresh arena; RT's inputs are a sentence or two. */
#define CASE_ARENA_CAP ((size_t)64 << 20)

static const char *const file_names[RT_FILE_N] = {
    "DateTime/English/DateParser.json",
    "DateTime/English/DatePeriodParser.json",
    "Number/English/NumberRangeModel.json",
};

static const char *const category_names[RT_EX_N] = {
    "not supported by design", "time of day", "season", "weekend",
    "numbered week", "business days", "duration or bound from a moment",
    "anaphoric or assistant deixis", "no first and last day",
    "math notation", "negative bound", "fraction or proportion", "ordinal bounds",
    "two comparatives",
};

static const char *const failure_names[RT_FAIL_N] = {
    "missed", "span", "unresolved", "value", "invalid", "extra",
};

const char *rt_file_name(rt_file_id f)
{
    return (unsigned)f < RT_FILE_N ? file_names[f] : NULL;
}

const char *rt_category_name(rt_category c)
{
    return (unsigned)c < RT_EX_N ? category_names[c] : NULL;
}

const char *rt_failure_name(rt_failure f)
{
    return (unsigned)f < RT_FAIL_N ? failure_names[f] : NULL;
}

int rt_failure_parse(const char *s)
{
    for (int i = 0; i < RT_FAIL_N; i++)
        if (strcmp(s, failure_names[i]) == 0)
            return i;
    return -1;
}

bool rt_eval_data_present(const char *dir)
{
    char path[4096];
    for (int f = 0; f < RT_FILE_N; f++) {
        snprintf(path, sizeof path, "%s/Specs/%s", dir, file_names[f]);
        if (access(path, R_OK) != 0)
            return false;
    }
    return true;
}

/* ---- small text helpers ----------------------------------------------- */

typedef struct span {
    size_t s, e; /* byte offsets, end exclusive */
} span;

/* The byte offset of UTF-16 code unit u in s[0..len).  RT's offsets come
 * from .NET strings, so a character beyond the BMP (four UTF-8 bytes) counts
 * as two units and every other character as one.  Offsets past the end
 * clamp to len. */
static size_t utf16_to_byte(const char *s, size_t len, size_t u)
{
    size_t i = 0, units = 0;
    while (i < len && units < u) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return i < len ? i : len;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Words that may lead a span on one side and not the other without the
 * reading changing: articles and the prepositions that introduce a date or
 * a number ("on Friday", "from 4 to 22", "between 20 and 30", "about five
 * hundred or more"). */
static const char *const lead_words[] = {
    "the",    "a",   "an",    "on", "in",    "at",     "of",    "from",
    "between", "during", "for", "since", "by", "about", "around",
};

/* Trims a span as described at the top of this file. */
static span normalize_span(const char *text, span sp)
{
    for (;;) {
        while (sp.s < sp.e && is_blank(text[sp.s]))
            sp.s++;
        while (sp.e > sp.s && (is_blank(text[sp.e - 1]) || strchr(".,;:!?", text[sp.e - 1])))
            sp.e--;
        size_t w = sp.s;
        while (w < sp.e && is_alpha(text[w]))
            w++;
        if (w == sp.s || w >= sp.e || !is_blank(text[w]))
            return sp;
        bool lead = false;
        for (size_t i = 0; i < sizeof lead_words / sizeof *lead_words; i++) {
            size_t n = strlen(lead_words[i]);
            if (n == w - sp.s) {
                lead = true;
                for (size_t k = 0; k < n && lead; k++)
                    lead = lower(text[sp.s + k]) == lead_words[i][k];
                if (lead)
                    break;
            }
        }
        if (!lead)
            return sp;
        sp.s = w;
    }
}

static bool same_span(const char *text, span a, span b)
{
    a = normalize_span(text, a);
    b = normalize_span(text, b);
    return a.s == b.s && a.e == b.e;
}

/* Does the span hold RT's Text?  RT lowercases some of its Texts, so the
 * comparison ignores ASCII case.  A mismatch means the offsets were read
 * wrongly, and the figures would be meaningless. */
static bool span_is_text(const char *input, span sp, const char *text)
{
    size_t n = strlen(text);
    if (sp.e - sp.s != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(input[sp.s + i]) != lower(text[i]))
            return false;
    return true;
}

static bool overlaps(span a, span b)
{
    return a.s < b.e && b.s < a.e;
}

/* A lowercased copy of s, truncated to fit. */
static void lowercase(const char *s, char out[LOWER_BYTES])
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < LOWER_BYTES; i++)
        out[i] = lower(s[i]);
    out[i] = '\0';
}

/* The ASCII words and numbers of a lowercased text, in order. */
typedef struct tokens {
    char w[MAX_TOKENS][TOKEN_BYTES];
    size_t n;
} tokens;

static void tokenize(const char *lo, tokens *t)
{
    t->n = 0;
    for (const char *p = lo; *p && t->n < MAX_TOKENS;) {
        if (!is_alpha(*p) && !is_digit(*p)) {
            p++;
            continue;
        }
        size_t k = 0;
        while (is_alpha(*p) || is_digit(*p)) {
            if (k + 1 < TOKEN_BYTES)
                t->w[t->n][k++] = *p;
            p++;
        }
        t->w[t->n++][k] = '\0';
    }
}

static bool tok_is(const tokens *t, size_t i, const char *w)
{
    return i < t->n && strcmp(t->w[i], w) == 0;
}

static bool has_word(const tokens *t, const char *w)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->w[i], w) == 0)
            return true;
    return false;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

/* "21st", "3rd": digits and an ordinal suffix. */
static bool numeric_ordinal(const char *s)
{
    size_t n = strlen(s), d = 0;
    while (d < n && is_digit(s[d]))
        d++;
    return d > 0 && n - d == 2 &&
           (!strcmp(s + d, "st") || !strcmp(s + d, "nd") || !strcmp(s + d, "rd") ||
            !strcmp(s + d, "th"));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A NotSupported field names the RT ports that fail the case; present and
 * non-empty means some port does. */
static bool flag_set(const json_t *c, const char *key)
{
    const char *s = jstr(c, key);
    if (!s)
        return false;
    for (; *s; s++)
        if (!is_blank(*s))
            return true;
    return false;
}

/* ---- the evaluation state ---------------------------------------------- */

typedef struct ev {
    ds_times *times;
    ds_quantities *qty;
    const rt_eval_options *opt;
    size_t printed; /* failing cases printed for the current file */
} ev;

static bool want_print(ev *E, rt_failure kind)
{
    return E->opt && E->opt->out && E->printed < E->opt->max_failures &&
           (E->opt->only_failure < 0 || E->opt->only_failure == (int)kind);
}

static void print_text(FILE *out, const char *text, span sp)
{
    fputc('"', out);
    fwrite(text + sp.s, 1, sp.e - sp.s, out);
    fputc('"', out);
}

/* Counts an excluded case and, when asked, names it. */
static void exclude(ev *E, rt_file_result *r, rt_file_id f, rt_category cat, const char *input)
{
    r->excluded[cat]++;
    if (E->opt && E->opt->out && E->opt->list_excluded)
        fprintf(E->opt->out, "  [excluded: %s] %s: \"%s\"\n", category_names[cat], file_names[f],
                input);
}

static void print_day(FILE *out, int32_t d)
{
    char iso[11];
    ds_iso_from_days(d, iso);
    fputs(iso, out);
}

static const char *anchor_name(ds_time_anchor a)
{
    switch (a) {
    case DS_ANCHOR_NONE: return "absolute";
    case DS_ANCHOR_PUBLISHED: return "from publication";
    case DS_ANCHOR_PREVIOUS: return "from previous date";
    case DS_ANCHOR_INFERRED: return "year inferred";
    }
    return "?";
}

/* ---- dates and date periods --------------------------------------------- */

typedef struct date_exp {
    span sp;
    const char *text, *timex;
    bool invalid;        /* RT resolves it to 0001-01-01: no such day */
    int32_t lo, hi;      /* the days RT means, inclusive */
    int32_t hi_alt[2];   /* other accepted last days (see expected_days) */
    int n_alt;
    const char *part;    /* "early", "mid" or "late" when the text qualifies a unit */
    int32_t unit_lo, unit_hi;
} date_exp;

/* Does the text state where a tuple period ends ("to 22", "until
 * Tuesday", "19-20", "rest of the month")?  RT then writes that last day
 * itself as endDate; when the period is a unit or a count of units ("the
 * 1970s", "past 3 weeks") endDate is the day after it. */
static bool states_end(const char *lo, const tokens *t)
{
    static const char *const words[] = {"to",   "till",    "until", "through",
                                        "thru", "between", "rest"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (has_word(t, words[i]))
            return true;
    /* A dash between two numbers: "19-20", "2014-2018", "2016 - 01/22/2016".
     * A dash inside a word ("twenty-tens") does not count. */
    for (const char *p = lo; *p; p++) {
        bool dash = *p == '-';
        size_t n = 1;
        if (!dash && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
            dash = true;
            n = 3;
        }
        if (!dash)
            continue;
        const char *b = p;
        while (b > lo && b[-1] == ' ')
            b--;
        const char *a = p + n;
        while (*a == ' ')
            a++;
        if (b > lo && is_digit(b[-1]) && is_digit(*a))
            return true;
    }
    return false;
}

/* The calendar unit a single (non-tuple) TIMEX names, as the days
 * containing `day`: "2017" a year, "2017-11" or "XXXX-03" a month,
 * "2017-W45" a Monday-to-Sunday week.  False for other forms. */
static bool timex_unit(const char *timex, int32_t day, int32_t *u0, int32_t *u1)
{
    int y, m, d;
    ds_ymd_from_days(day, &y, &m, &d);
    size_t n = strlen(timex);
    if (n == 4) {
        *u0 = ds_days_from_ymd(y, 1, 1);
        *u1 = ds_days_from_ymd(y, 12, 31);
        return true;
    }
    if (n == 7 && timex[4] == '-' && is_digit(timex[5]) && is_digit(timex[6])) {
        *u0 = ds_days_from_ymd(y, m, 1);
        *u1 = ds_days_from_ymd(y, m, ds_days_in_month(y, m));
        return true;
    }
    if (strstr(timex, "-W")) {
        *u0 = day - ds_weekday(day);
        *u1 = *u0 + 6;
        return true;
    }
    return false;
}

/* The part of a unit the text names, in the recognizer's words. */
static const char *part_word(const tokens *t)
{
    if (has_word(t, "early") || has_word(t, "beginning") || has_word(t, "start"))
        return "early";
    if (has_word(t, "mid") || has_word(t, "middle"))
        return "mid";
    if (has_word(t, "late") || has_word(t, "end"))
        return "late";
    return NULL;
}

/* Fills the expected days from RT's PastResolution (the reading of a
 * report about past events).  Returns false when RT gives no first and last
 * day. */
static bool expected_days(const json_t *value, const char *lo_text, date_exp *x)
{
    const json_t *past = json_object_get(value, "PastResolution");
    const char *date = jstr(past, "date");
    const char *start = jstr(past, "startDate");
    const char *end = jstr(past, "endDate");
    tokens t;
    tokenize(lo_text, &t);
    if (date) {
        if (strncmp(date, "0001-01-01", 10) == 0) {
            x->invalid = true;
            return true;
        }
        x->lo = x->hi = ds_days_from_iso(date);
        return x->lo != INT32_MIN;
    }
    if (!start || !end)
        return false;
    int32_t s = ds_days_from_iso(start), e = ds_days_from_iso(end);
    if (s == INT32_MIN || e == INT32_MIN)
        return false;
    x->lo = s;
    if (x->timex[0] == '(' && states_end(lo_text, &t)) {
        x->hi = e;
        /* RT ends "to Feb 2018" and "from 2014 to 2018" on the first day of
         * the last month or year; a reader takes the whole of it. */
        int y, m, d;
        ds_ymd_from_days(e, &y, &m, &d);
        if (d == 1)
            x->hi_alt[x->n_alt++] = ds_days_from_ymd(y, m, ds_days_in_month(y, m));
        if (d == 1 && m == 1)
            x->hi_alt[x->n_alt++] = ds_days_from_ymd(y, 12, 31);
    } else {
        x->hi = e - 1;
    }
    if (x->timex[0] != '(') {
        x->part = part_word(&t);
        if (x->part && !timex_unit(x->timex, s, &x->unit_lo, &x->unit_hi))
            x->part = NULL;
    }
    return x->hi >= x->lo;
}

/* "week 10", "the third week next year", "last week of 2015": weeks
 * counted within a month or year.  "last week" alone is the week before
 * the publication and stays in scope; only "last week of" counts one. */
static bool numbered_week(const tokens *t)
{
    static const char *const ord[] = {"first", "second", "third", "fourth", "fifth"};
    for (size_t i = 0; i < t->n; i++) {
        if (tok_is(t, i, "week") && i + 1 < t->n && all_digits(t->w[i + 1]))
            return true;
        if (!tok_is(t, i + 1, "week"))
            continue;
        if (numeric_ordinal(t->w[i]) || (tok_is(t, i, "last") && tok_is(t, i + 2, "of")))
            return true;
        for (size_t k = 0; k < sizeof ord / sizeof *ord; k++)
            if (tok_is(t, i, ord[k]))
                return true;
    }
    return false;
}

/* "within 5 days", "2 days hence", "4 weeks in the future", "for 3 days from
 * today", "a week starting tomorrow", "more than 2 weeks after today". */
static bool duration_phrase(const char *lo, const tokens *t)
{
    if (has_word(t, "within") || has_word(t, "hence") || has_word(t, "for") ||
        strstr(lo, "in the future") || strstr(lo, "more than") || strstr(lo, "less than"))
        return true;
    static const char *const units[] = {"day", "days", "week", "weeks", "month", "months",
                                        "year", "years"};
    for (size_t i = 1; i + 1 < t->n; i++) {
        if (!tok_is(t, i + 1, "starting"))
            continue;
        for (size_t k = 0; k < sizeof units / sizeof *units; k++)
            if (tok_is(t, i, units[k]) && (all_digits(t->w[i - 1]) || tok_is(t, i - 1, "a")))
                return true;
    }
    return false;
}

/* "the next day", "the day", "my day", "last day", "two years later", "the
 * same week", "my week", "the week".  "later" counts only closing an
 * offset ("21 days later"); "later this month" looks from the publication
 * and stays in scope. */
static bool anaphoric_phrase(const char *lo, const tokens *t)
{
    if ((t->n > 1 && tok_is(t, t->n - 1, "later")) || has_word(t, "same") || tok_is(t, 0, "my"))
        return true;
    if (t->n == 2 && tok_is(t, 0, "the") && tok_is(t, 1, "week"))
        return true;
    size_t i = tok_is(t, 0, "the") ? 1 : 0;
    if (tok_is(t, i, "my") || tok_is(t, i, "this") || tok_is(t, i, "past") ||
        tok_is(t, i, "last") || tok_is(t, i, "next"))
        i++;
    (void)lo;
    return i + 1 == t->n && tok_is(t, i, "day");
}

/* The rule that excludes one expected date, or RT_EX_N. */
static rt_category date_category(const char *lo, const char *timex)
{
    tokens t;
    tokenize(lo, &t);
    size_t n = strlen(timex);
    if (strchr(timex, 'T'))
        return RT_EX_TIME_OF_DAY;
    if (n >= 2 && (!strcmp(timex + n - 2, "SP") || !strcmp(timex + n - 2, "SU") ||
                   !strcmp(timex + n - 2, "FA") || !strcmp(timex + n - 2, "WI")))
        return RT_EX_SEASON;
    if (strstr(timex, "WE"))
        return RT_EX_WEEKEND;
    if (numbered_week(&t))
        return RT_EX_NUMBERED_WEEK;
    if (has_word(&t, "business"))
        return RT_EX_BUSINESS_DAYS;
    if (duration_phrase(lo, &t))
        return RT_EX_DURATION;
    if (anaphoric_phrase(lo, &t))
        return RT_EX_ANAPHORIC;
    return RT_EX_N;
}

static bool single_day(const ds_time_mention *m)
{
    return m->precision == DS_TIME_DAY && !m->span;
}

static bool days_match(const date_exp *x, int32_t first, int32_t last)
{
    if (first != x->lo)
        return false;
    if (last == x->hi)
        return true;
    for (int i = 0; i < x->n_alt; i++)
        if (last == x->hi_alt[i])
            return true;
    return false;
}

/* RT narrows "late this month" to its second half, "early next year" to
 * its first half; others take a third, or keep the whole unit and note the
 * part.  No convention fixes where "late" begins, so a mention passes when
 * it stays inside the unit, shares days with RT's range, and either names
 * the same part or keeps the qualifier's side of the unit: "early" starts
 * with the unit, "late" ends with it, "mid" touches neither end. */
static bool part_match(const date_exp *x, const ds_time_mention *m)
{
    if (!x->part || m->first < x->unit_lo || m->last > x->unit_hi || m->first > x->hi ||
        m->last < x->lo)
        return false;
    if (m->part && strcmp(x->part, m->part) == 0)
        return true;
    bool at_start = m->first == x->unit_lo, at_end = m->last == x->unit_hi;
    if (!strcmp(x->part, "early"))
        return at_start && !at_end;
    if (!strcmp(x->part, "late"))
        return at_end && !at_start;
    return !at_start && !at_end;
}

static void print_mention(FILE *out, const char *text, const ds_time_mention *m)
{
    fputs("      ", out);
    print_text(out, text, (span){m->start, m->end});
    if (m->resolved) {
        fputc(' ', out);
        print_day(out, m->first);
        fputs("..", out);
        print_day(out, m->last);
    } else {
        fputs(" unresolved", out);
    }
    fprintf(out, " (%s, %s%s", ds_time_unit_name(m->precision), anchor_name(m->anchor),
            m->span ? ", interval" : "");
    if (m->part)
        fprintf(out, ", part %s", m->part);
    if (m->ambiguous) {
        fputs(", or ", out);
        print_day(out, m->alt_first);
        fputs("..", out);
        print_day(out, m->alt_last);
    }
    fputs(")\n", out);
}

static void print_date_case(ev *E, rt_file_id f, rt_failure kind, const char *input,
                            const char *ref, const date_exp *x, size_t nx,
                            const ds_time_mention *m, size_t nm)
{
    FILE *out = E->opt->out;
    fprintf(out, "  [%s] %s: ", failure_names[kind], file_names[f]);
    print_text(out, input, (span){0, strlen(input)});
    fprintf(out, " (reference %s)\n    expected:\n", ref ? ref : "none");
    if (!nx)
        fputs("      nothing\n", out);
    for (size_t i = 0; i < nx; i++) {
        fputs("      ", out);
        print_text(out, input, x[i].sp);
        if (x[i].invalid) {
            fputs(" no such day", out);
        } else {
            fputc(' ', out);
            print_day(out, x[i].lo);
            fputs("..", out);
            print_day(out, x[i].hi);
            for (int k = 0; k < x[i].n_alt; k++) {
                fputs(" or ..", out);
                print_day(out, x[i].hi_alt[k]);
            }
            if (x[i].part)
                fprintf(out, " or part %s", x[i].part);
        }
        fprintf(out, " (TIMEX %s)\n", x[i].timex);
    }
    fputs("    found:\n", out);
    if (!nm)
        fputs("      nothing\n", out);
    for (size_t i = 0; i < nm; i++)
        print_mention(out, input, &m[i]);
    E->printed++;
}

static ds_status date_case(ev *E, rt_file_id f, const json_t *c, rt_file_result *r,
                           ds_error *err)
{
    r->cases++;
    const char *input = jstr(c, "Input");
    const json_t *results = json_object_get(c, "Results");
    if (!input || !json_is_array(results))
        return ds_error_set(err, DS_EFORMAT, "%s: a case without Input or Results",
                            file_names[f]);
    if (flag_set(c, "NotSupportedByDesign")) {
        exclude(E, r, f, RT_EX_BY_DESIGN, input);
        return DS_OK;
    }
    size_t len = strlen(input);
    date_exp x[MAX_RESULTS];
    size_t nx = json_array_size(results);
    if (nx > MAX_RESULTS)
        return ds_error_set(err, DS_EFORMAT, "%s: a case with %zu results", file_names[f], nx);
    rt_category cat = RT_EX_N;
    bool no_days = false;
    for (size_t i = 0; i < nx; i++) {
        const json_t *res = json_array_get(results, i);
        const json_t *value = json_object_get(res, "Value");
        memset(&x[i], 0, sizeof x[i]);
        x[i].text = jstr(res, "Text");
        x[i].timex = jstr(value, "Timex");
        json_int_t start = json_integer_value(json_object_get(res, "Start"));
        json_int_t length = json_integer_value(json_object_get(res, "Length"));
        if (!x[i].text || !x[i].timex || start < 0 || length <= 0)
            return ds_error_set(err, DS_EFORMAT,
                                "%s: a result without Text, Timex, Start or Length",
                                file_names[f]);
        x[i].sp.s = utf16_to_byte(input, len, (size_t)start);
        x[i].sp.e = utf16_to_byte(input, len, (size_t)(start + length));
        if (!span_is_text(input, x[i].sp, x[i].text))
            return ds_error_set(err, DS_EFORMAT, "%s: \"%s\": Start and Length do not give \"%s\"",
                                file_names[f], input, x[i].text);
        char lo[LOWER_BYTES];
        lowercase(x[i].text, lo);
        rt_category ci = date_category(lo, x[i].timex);
        if (ci < cat)
            cat = ci;
        if (!expected_days(value, lo, &x[i]))
            no_days = true;
    }
    if (cat == RT_EX_N && no_days)
        cat = RT_EX_NO_DAYS;
    if (cat != RT_EX_N) {
        exclude(E, r, f, cat, input);
        return DS_OK;
    }
    r->in_scope++;
    bool flagged = flag_set(c, "NotSupported");
    if (flagged)
        r->flagged++;

    /* The reference date stands for the report's publication date, to the
     * day; two cases have none and are read without one. */
    ds_time_context ctx = {.order = DS_ORDER_UNKNOWN};
    const char *ref = jstr(json_object_get(c, "Context"), "ReferenceDateTime");
    char ref10[11] = "";
    if (ref) {
        snprintf(ref10, sizeof ref10, "%.10s", ref);
        if (ds_date_parse_iso(ref10, DS_PREC_DAY, &ctx.published) != DS_OK)
            return ds_error_set(err, DS_EFORMAT, "%s: bad ReferenceDateTime %s", file_names[f],
                                ref);
    }
    ds_arena *arena = ds_arena_new(CASE_ARENA_CAP);
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_time_mention *m = NULL;
    size_t nm = 0;
    ds_status st = ds_times_find(E->times, input, len, &ctx, arena, &m, &nm, err);
    if (st != DS_OK) {
        ds_arena_free(arena);
        return st;
    }
    bool used[256] = {0};
    if (nm > sizeof used / sizeof *used)
        nm = sizeof used / sizeof *used;

    int fail = -1;
    bool alt = false;
    for (size_t i = 0; i < nx; i++) {
        int kind = -1;
        if (x[i].invalid) {
            /* An impossible date ("Feb 30") is right when nothing over it
             * claims days. */
            for (size_t k = 0; k < nm; k++) {
                if (!overlaps(x[i].sp, (span){m[k].start, m[k].end}))
                    continue;
                used[k] = true;
                if (m[k].resolved)
                    kind = RT_FAIL_INVALID;
            }
        } else {
            bool cand = false, near = false, resolved = false, ok = false, ok_alt = false;
            for (size_t k = 0; k < nm; k++) {
                span ms = {m[k].start, m[k].end};
                if (!same_span(input, x[i].sp, ms)) {
                    near = near || overlaps(x[i].sp, ms);
                    continue;
                }
                cand = used[k] = true;
                if (!m[k].resolved)
                    continue;
                resolved = true;
                if (days_match(&x[i], m[k].first, m[k].last) || part_match(&x[i], &m[k]))
                    ok = true;
                else if (m[k].ambiguous && days_match(&x[i], m[k].alt_first, m[k].alt_last))
                    ok_alt = true;
            }
            if (ok)
                kind = -1;
            else if (ok_alt)
                alt = true;
            else if (!cand)
                kind = near ? RT_FAIL_SPAN : RT_FAIL_MISSED;
            else
                kind = resolved ? RT_FAIL_VALUE : RT_FAIL_UNRESOLVED;
        }
        if (kind >= 0 && fail < 0)
            fail = kind;
    }
    if (fail < 0) {
        /* Each file specifies one type: a single day found in a period case,
         * or a period found in a date case, is the other file's business. */
        for (size_t k = 0; k < nm && fail < 0; k++)
            if (!used[k] && (f == RT_FILE_PERIOD ? !single_day(&m[k]) : single_day(&m[k])))
                fail = RT_FAIL_EXTRA;
    }
    if (fail < 0) {
        r->passed++;
        if (alt)
            r->passed_alt++;
        if (flagged)
            r->flagged_passed++;
    } else {
        r->failed[fail]++;
        if (want_print(E, (rt_failure)fail))
            print_date_case(E, f, (rt_failure)fail, input, ref ? ref10 : NULL, x, nx, m, nm);
    }
    ds_arena_free(arena);
    return DS_OK;
}

/* ---- number ranges ------------------------------------------------------ */

/* An interval in RT's notation: "(20,35]", "[30,)", "(,170)". */
typedef struct interval {
    bool lo_inf, hi_inf;
    bool lo_closed, hi_closed;
    double lo, hi;
} interval;

static bool parse_bound(const char *s, size_t n, bool *inf, double *v)
{
    while (n && is_blank(*s))
        s++, n--;
    while (n && is_blank(s[n - 1]))
        n--;
    if (!n) {
        *inf = true;
        return true;
    }
    char buf[64];
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *v = strtod(buf, &end);
    *inf = false;
    return *end == '\0' && isfinite(*v);
}

static bool parse_interval(const char *s, interval *iv)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || (s[0] != '(' && s[0] != '[') || (s[n - 1] != ')' && s[n - 1] != ']'))
        return false;
    const char *comma = strchr(s, ',');
    if (!comma)
        return false;
    iv->lo_closed = s[0] == '[';
    iv->hi_closed = s[n - 1] == ']';
    return parse_bound(s + 1, (size_t)(comma - s - 1), &iv->lo_inf, &iv->lo) &&
           parse_bound(comma + 1, (size_t)(s + n - 1 - comma - 1), &iv->hi_inf, &iv->hi);
}

static bool contains_ci(const char *text, span sp, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = sp.s; i + k <= sp.e; i++) {
        size_t j = 0;
        while (j < k && lower(text[i + j]) == needle[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

/* The interval a quantity states, in RT's convention: a range "between 20
 * and 30" or "20-30" is [20,30), a stated equality [x,x]. */
static bool quantity_interval(const char *text, const ds_quantity *q, interval *iv)
{
    memset(iv, 0, sizeof *iv);
    iv->lo_inf = iv->hi_inf = true;
    switch (q->relation) {
    case DS_REL_GE: iv->lo_inf = false, iv->lo_closed = true, iv->lo = q->x; return true;
    case DS_REL_GT: iv->lo_inf = false, iv->lo = q->x; return true;
    case DS_REL_LE: iv->hi_inf = false, iv->hi_closed = true, iv->hi = q->x; return true;
    case DS_REL_LT: iv->hi_inf = false, iv->hi = q->x; return true;
    case DS_REL_RANGE:
        iv->lo_inf = iv->hi_inf = false;
        iv->lo_closed = true;
        iv->lo = q->x;
        iv->hi = q->y;
        return !isnan(q->y);
    case DS_REL_EQ:
        if (!contains_ci(text, (span){q->start, q->end}, "equal"))
            return false;
        iv->lo_inf = iv->hi_inf = false;
        iv->lo_closed = iv->hi_closed = true;
        iv->lo = iv->hi = q->x;
        return true;
    default: return false;
    }
}

static bool near_equal(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static bool interval_equal(const interval *a, const interval *b)
{
    if (a->lo_inf != b->lo_inf || a->hi_inf != b->hi_inf)
        return false;
    if (!a->lo_inf && (a->lo_closed != b->lo_closed || !near_equal(a->lo, b->lo)))
        return false;
    if (!a->hi_inf && (a->hi_closed != b->hi_closed || !near_equal(a->hi, b->hi)))
        return false;
    return true;
}

static void print_interval(FILE *out, const interval *iv)
{
    fputc(iv->lo_inf ? '(' : iv->lo_closed ? '[' : '(', out);
    if (!iv->lo_inf)
        fprintf(out, "%g", iv->lo);
    fputc(',', out);
    if (!iv->hi_inf)
        fprintf(out, "%g", iv->hi);
    fputc(iv->hi_inf ? ')' : iv->hi_closed ? ']' : ')', out);
}

static bool integral(double v)
{
    return fabs(v - round(v)) <= 1e-9;
}

/* The rule that excludes one expected range, or RT_EX_N (the math
 * notation rule looks at the whole input and is applied by the caller). */
static rt_category range_category(const char *lo, const interval *iv)
{
    tokens t;
    tokenize(lo, &t);
    if (has_word(&t, "negative") || (!iv->lo_inf && iv->lo < 0) || (!iv->hi_inf && iv->hi < 0))
        return RT_EX_NEGATIVE;
    if ((!iv->lo_inf && !integral(iv->lo)) || (!iv->hi_inf && !integral(iv->hi)))
        return RT_EX_FRACTION;
    for (size_t i = 0; i < t.n; i++)
        if (numeric_ordinal(t.w[i]) || tok_is(&t, i, "first") || tok_is(&t, i, "second") ||
            tok_is(&t, i, "third") ||
            (i > 0 && tok_is(&t, i - 1, "the") && ends_with(t.w[i], "th")))
            return RT_EX_ORDINAL;
    if (!iv->lo_inf && !iv->hi_inf && !near_equal(iv->lo, iv->hi) &&
        !(iv->lo_closed && !iv->hi_closed))
        return RT_EX_TWO_BOUNDS;
    return RT_EX_N;
}

typedef struct range_exp {
    span sp;
    const char *value;
    interval iv;
} range_exp;

static void print_range_case(ev *E, rt_failure kind, const char *input, const range_exp *x,
                             size_t nx, const ds_quantity *q, size_t nq,
                             const ds_time_mention *tm, size_t ntm)
{
    FILE *out = E->opt->out;
    fprintf(out, "  [%s] %s: ", failure_names[kind], file_names[RT_FILE_RANGE]);
    print_text(out, input, (span){0, strlen(input)});
    fputs("\n    expected:\n", out);
    if (!nx)
        fputs("      nothing\n", out);
    for (size_t i = 0; i < nx; i++) {
        fputs("      ", out);
        print_text(out, input, x[i].sp);
        fprintf(out, " %s\n", x[i].value);
    }
    fputs("    found:\n", out);
    if (!nq)
        fputs("      nothing\n", out);
    static const char *const rel[] = {"EQ", "GE", "GT", "LE", "LT", "APPROX", "RANGE", "VAGUE"};
    for (size_t i = 0; i < nq; i++) {
        fputs("      ", out);
        print_text(out, input, (span){q[i].start, q[i].end});
        unsigned r = (unsigned)q[i].relation;
        fprintf(out, " %s x=%g", r < sizeof rel / sizeof *rel ? rel[r] : "?", q[i].x);
        if (!isnan(q[i].y))
            fprintf(out, " y=%g", q[i].y);
        interval iv;
        if (quantity_interval(input, &q[i], &iv)) {
            fputs(" -> ", out);
            print_interval(out, &iv);
        }
        if (q[i].qualifier)
            fprintf(out, " (qualifier \"%s\")", q[i].qualifier);
        fputc('\n', out);
    }
    if (ntm) {
        /* The time mentions were skipped, so they explain a missed number. */
        fputs("    skipped as time:\n", out);
        for (size_t i = 0; i < ntm; i++)
            print_mention(out, input, &tm[i]);
    }
    E->printed++;
}

static ds_status range_case(ev *E, const json_t *c, rt_file_result *r, ds_error *err)
{
    r->cases++;
    const char *input = jstr(c, "Input");
    const json_t *results = json_object_get(c, "Results");
    const char *fname = file_names[RT_FILE_RANGE];
    if (!input || !json_is_array(results))
        return ds_error_set(err, DS_EFORMAT, "%s: a case without Input or Results", fname);
    if (flag_set(c, "NotSupportedByDesign")) {
        exclude(E, r, RT_FILE_RANGE, RT_EX_BY_DESIGN, input);
        return DS_OK;
    }
    /* Comparison signs and "~" belong to queries and formulas, not to prose
     * (see docs/time_quantity_eval.md). */
    if (strpbrk(input, "<>=~")) {
        exclude(E, r, RT_FILE_RANGE, RT_EX_MATH, input);
        return DS_OK;
    }
    size_t len = strlen(input);
    range_exp x[MAX_RESULTS];
    size_t nx = json_array_size(results);
    if (nx > MAX_RESULTS)
        return ds_error_set(err, DS_EFORMAT, "%s: a case with %zu results", fname, nx);
    rt_category cat = RT_EX_N;
    for (size_t i = 0; i < nx; i++) {
        const json_t *res = json_array_get(results, i);
        const char *text = jstr(res, "Text");
        x[i].value = jstr(json_object_get(res, "Resolution"), "value");
        json_int_t start = json_integer_value(json_object_get(res, "Start"));
        json_int_t end = json_integer_value(json_object_get(res, "End"));
        if (!text || start < 0 || end < start || !parse_interval(x[i].value, &x[i].iv))
            return ds_error_set(err, DS_EFORMAT,
                                "%s: a result without Text, Start, End or a value "
                                "like \"[20,30)\"",
                                fname);
        /* End is the offset of the last character, not one past it. */
        x[i].sp.s = utf16_to_byte(input, len, (size_t)start);
        x[i].sp.e = utf16_to_byte(input, len, (size_t)end + 1);
        if (!span_is_text(input, x[i].sp, text))
            return ds_error_set(err, DS_EFORMAT, "%s: \"%s\": Start and End do not give \"%s\"",
                                fname, input, text);
        char lo[LOWER_BYTES];
        lowercase(text, lo);
        rt_category ci = range_category(lo, &x[i].iv);
        if (ci < cat)
            cat = ci;
    }
    if (cat != RT_EX_N) {
        exclude(E, r, RT_FILE_RANGE, cat, input);
        return DS_OK;
    }
    r->in_scope++;
    bool flagged = flag_set(c, "NotSupported");
    if (flagged)
        r->flagged++;

    ds_arena *arena = ds_arena_new(CASE_ARENA_CAP);
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    /* As in the pipeline, the numbers inside dates ("in 2009") are left to
     * the time recognizer: its spans are passed as the ones to skip. */
    ds_time_context ctx = {.order = DS_ORDER_UNKNOWN};
    ds_time_mention *tm = NULL;
    size_t ntm = 0;
    ds_quantity *q = NULL;
    size_t nq = 0;
    ds_status st = ds_times_find(E->times, input, len, &ctx, arena, &tm, &ntm, err);
    ds_span *skip = st == DS_OK ? ds_time_spans(tm, ntm, arena) : NULL;
    if (st == DS_OK && !skip)
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (st == DS_OK)
        st = ds_quantities_find(E->qty, input, len, skip, ntm, arena, &q, &nq, err);
    if (st != DS_OK) {
        ds_arena_free(arena);
        return st;
    }
    bool used[256] = {0};
    if (nq > sizeof used / sizeof *used)
        nq = sizeof used / sizeof *used;

    int fail = -1;
    for (size_t i = 0; i < nx; i++) {
        bool cand = false, near = false, ok = false;
        for (size_t k = 0; k < nq; k++) {
            span qs = {q[k].start, q[k].end};
            interval iv;
            bool ranged = quantity_interval(input, &q[k], &iv);
            if (!same_span(input, x[i].sp, qs)) {
                near = near || (ranged && overlaps(x[i].sp, qs));
                continue;
            }
            cand = used[k] = true;
            if (ranged && interval_equal(&iv, &x[i].iv))
                ok = true;
        }
        int kind = ok ? -1 : !cand ? (near ? RT_FAIL_SPAN : RT_FAIL_MISSED) : RT_FAIL_VALUE;
        if (kind >= 0 && fail < 0)
            fail = kind;
    }
    /* Plain and approximate numbers ("2009", "about 20") are not ranges, so
     * RT's range model says nothing of them; only a stated bound found where
     * RT has none counts as extra. */
    for (size_t k = 0; k < nq && fail < 0; k++) {
        interval iv;
        if (!used[k] && quantity_interval(input, &q[k], &iv))
            fail = RT_FAIL_EXTRA;
    }
    if (fail < 0) {
        r->passed++;
        if (flagged)
            r->flagged_passed++;
    } else {
        r->failed[fail]++;
        if (want_print(E, (rt_failure)fail))
            print_range_case(E, (rt_failure)fail, input, x, nx, q, nq, tm, ntm);
    }
    ds_arena_free(arena);
    return DS_OK;
}

/* ---- running and printing ----------------------------------------------- */

static ds_status run_file(ev *E, const char *dir, rt_file_id f, rt_file_result *r,
                          ds_error *err)
{
    memset(r, 0, sizeof *r);
    r->name = file_names[f];
    E->printed = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/Specs/%s", dir, file_names[f]);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        return ds_error_set(err, DS_EFORMAT, "%s:%d: %s", path, jerr.line, jerr.text);
    if (!json_is_array(root)) {
        json_decref(root);
        return ds_error_set(err, DS_EFORMAT, "%s: not a JSON array of cases", path);
    }
    ds_status st = DS_OK;
    size_t i;
    json_t *c;
    json_array_foreach(root, i, c)
    {
        st = f == RT_FILE_RANGE ? range_case(E, c, r, err) : date_case(E, f, c, r, err);
        if (st != DS_OK)
            break;
    }
    json_decref(root);
    return st;
}

ds_status rt_eval_run(const char *dir, const rt_eval_options *opt, rt_file_result res[RT_FILE_N],
                      ds_error *err)
{
    ev E = {.opt = opt};
    ds_status st = ds_times_new(&E.times, err);
    if (st == DS_OK)
        st = ds_quantities_new(&E.qty, err);
    for (int f = 0; st == DS_OK && f < RT_FILE_N; f++)
        st = run_file(&E, dir, (rt_file_id)f, &res[f], err);
    if (E.qty)
        ds_quantities_free(E.qty);
    if (E.times)
        ds_times_free(E.times);
    return st;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

void rt_eval_print(FILE *out, const rt_file_result res[RT_FILE_N])
{
    for (int f = 0; f < RT_FILE_N; f++) {
        const rt_file_result *r = &res[f];
        size_t excluded = 0;
        for (int k = 0; k < RT_EX_N; k++)
            excluded += r->excluded[k];
        fprintf(out, "%s: %zu cases\n", r->name, r->cases);
        fprintf(out, "  in scope   %4zu\n", r->in_scope);
        fprintf(out, "  passed     %4zu  %.1f%%\n", r->passed, pct(r->passed, r->in_scope));
        if (r->passed_alt)
            fprintf(out, "    on the second reading of an ambiguous numeric date: %zu\n",
                    r->passed_alt);
        fprintf(out,
                "    of the %zu in-scope cases some RT port fails (NotSupported): %zu passed\n",
                r->flagged, r->flagged_passed);
        fputs("  failed by kind:", out);
        for (int k = 0; k < RT_FAIL_N; k++)
            fprintf(out, " %s %zu%s", failure_names[k], r->failed[k],
                    k + 1 < RT_FAIL_N ? "," : "\n");
        fprintf(out, "  excluded   %4zu\n", excluded);
        for (int k = 0; k < RT_EX_N; k++)
            if (r->excluded[k])
                fprintf(out, "    %-32s %4zu\n", category_names[k], r->excluded[k]);
        fputc('\n', out);
    }
}
