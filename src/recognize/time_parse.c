#include <string.h>

#include "time_int.h"

/* The parser reads a time expression as a small grammar over tokens.  Each
 * rule returns the token after what it read, or 0 when it does not apply;
 * ds__time_parse keeps the longest reading. */

typedef const ds__tparse P;

static inline const ds__word *W(P *p, size_t i)
{
    return i < p->n ? ds__tok_word(p->w, &p->t[i]) : NULL;
}

static inline bool has(P *p, size_t i, uint32_t cls)
{
    const ds__word *w = W(p, i);
    return w && (w->cls & cls);
}

/* The relative word at i, or 0 (a word's rel is set only with DS__W_REL). */
static inline int rel(P *p, size_t i)
{
    const ds__word *w = W(p, i);
    return w ? w->rel : 0;
}

/* ds__number_at, through the parse's memo. */
static bool number_at(P *p, size_t i, ds__number *nb)
{
    ds__num_memo *m = p->memo;
    size_t k = i % DS__NUM_MEMO;
    if (m->tok[k] != i + 1) {
        m->found[k] = ds__number_at(p->w, p->text, p->t, p->n, i, &m->nb[k]);
        m->tok[k] = i + 1;
    }
    if (m->found[k])
        *nb = m->nb[k];
    return m->found[k];
}

static bool punct(P *p, size_t i, char c)
{
    return i < p->n && ds__tok_is(p->text, &p->t[i], c);
}

/* A dash of any kind: "-", en dash, em dash. */
static bool dash(P *p, size_t i)
{
    if (i >= p->n || p->t[i].kind != DS__TOK_PUNCT)
        return false;
    const char *s = p->text + p->t[i].start;
    size_t n = p->t[i].end - p->t[i].start;
    return (n == 1 && *s == '-') ||
           (n == 3 && (memcmp(s, "\xe2\x80\x93", 3) == 0 || memcmp(s, "\xe2\x80\x94", 3) == 0));
}

/* Token i is the word DS__SP_* sp, ignoring case. */
static bool spelled(P *p, size_t i, int sp)
{
    return i < p->n && ds__tok_spelled(p->w, &p->t[i], sp);
}

/* Adds n units to a shift: weeks count as days, quarters and longer as
 * months.  The shift is widened to its smallest unit. */
static void add_shift(ds__tpoint *pt, int unit, int n)
{
    static const int days[] = {0, 1, 7, 14}, months[] = {0, 0, 0, 0, 1, 3, 12, 120, 1200};
    if (unit <= DS__U_FORTNIGHT)
        pt->days += n * days[unit];
    else
        pt->months += n * months[unit];
    if (pt->kind != DS__TP_SHIFT || unit < pt->unit)
        pt->unit = unit;
    pt->kind = DS__TP_SHIFT;
}

static ds__tpoint shift_of(int unit, int n, bool prev)
{
    ds__tpoint pt = {.prev = prev};
    add_shift(&pt, unit, n);
    return pt;
}

static bool tight(P *p, size_t i)
{
    return i < p->n && !p->t[i].space;
}

static bool digits(P *p, size_t i, unsigned lo, unsigned hi, int *v)
{
    if (i >= p->n || p->t[i].kind != DS__TOK_NUM)
        return false;
    unsigned len = p->t[i].end - p->t[i].start;
    if (len < lo || len > hi)
        return false;
    int x = 0;
    for (uint32_t k = p->t[i].start; k < p->t[i].end; k++)
        x = x * 10 + (p->text[k] - '0');
    *v = x;
    return true;
}

/* The digits after the point or comma of a number: "31" in "6,107.31". */
static bool number_tail(P *p, size_t i)
{
    return i >= 2 && p->t[i].kind == DS__TOK_NUM && !p->t[i].space && !p->t[i - 1].space &&
           (punct(p, i - 1, '.') || punct(p, i - 1, ',')) && p->t[i - 2].kind == DS__TOK_NUM;
}

/* A day of the month: "6", "6th", "sixth", "twenty-first". */
static size_t day_at(P *p, size_t i, int *d)
{
    ds__number nb;
    if (number_tail(p, i) || !number_at(p, i, &nb))
        return 0;
    if (nb.flags & (DS__NUM_DECIMAL | DS__NUM_GROUPED) || nb.value < 1 || nb.value > 31)
        return 0;
    if (!(nb.flags & DS__NUM_ORDINAL) && (nb.flags & DS__NUM_WORDS))
        return 0; /* "June six" is rare; "six" alone is a count */
    if (nb.digits > 2)
        return 0;
    *d = (int)nb.value;
    return nb.end;
}

/* Whether a clause ends before token i: the end of the text, a new
 * sentence, or a stop or comma. */
static bool clause_end(P *p, size_t i)
{
    if (i >= p->n || p->t[i].brk)
        return true;
    const ds__tok *t = &p->t[i];
    return t->kind == DS__TOK_PUNCT && t->end - t->start == 1 && strchr(".!?;,", p->text[t->start]);
}

/* "the 27th", "the 27", "the twenty second": a day of the month alone.  A
 * cardinal is a day only with no word after it ("the 27 wounded" counts). */
static size_t the_day_at(P *p, size_t i, int *d)
{
    ds__number nb;
    if (rel(p, i) != DS__REL_THE || !number_at(p, i + 1, &nb) ||
        nb.flags & (DS__NUM_DECIMAL | DS__NUM_GROUPED) || nb.value < 1 || nb.value > 31 ||
        nb.value != (int)nb.value || nb.digits > 2)
        return 0;
    if (has(p, nb.end, DS__W_NOUN | DS__W_UNIT | DS__W_MONTH | DS__W_WEEKDAY) ||
        rel(p, nb.end) == DS__REL_OF ||
        (!(nb.flags & DS__NUM_ORDINAL) && !clause_end(p, nb.end)))
        return 0;
    *d = (int)nb.value;
    return nb.end;
}

/* A year in digits: "2025", but not "1,500". */
static size_t year_at(P *p, size_t i, int *y)
{
    int v;
    if (digits(p, i, 4, 4, &v) && v >= 1000 && v <= 2999 &&
        !(i + 2 < p->n && punct(p, i + 1, ',') && tight(p, i + 1) && tight(p, i + 2) &&
          p->t[i + 2].kind == DS__TOK_NUM)) {
        *y = v;
        return i + 1;
    }
    return 0;
}

/* A year in words: "two thousand and eighteen", "nineteen seventy-eight",
 * "twenty twenty", "nineteen oh one".  A round one ("two thousand",
 * "nineteen hundred") is more often a count, so it is read only when loose
 * (after a month or a day). */
static size_t year_words(P *p, size_t i, int *y, bool loose)
{
    ds__number a, b;
    if (!number_at(p, i, &a) || !(a.flags & DS__NUM_WORDS) ||
        (a.flags & DS__NUM_ORDINAL) || a.value != (int)a.value)
        return 0;
    int v = 0;
    size_t e = 0;
    if (a.value >= 1000 && a.value <= 2999) {
        v = (int)a.value, e = a.end;
    } else if (a.end == i + 1 && a.value >= 11 && a.value <= 99) {
        size_t j = i + 1;
        bool zero = spelled(p, j, DS__SP_ZERO) || spelled(p, j, DS__SP_OH);
        if (number_at(p, j + zero, &b) &&
            (b.flags & DS__NUM_WORDS) && !(b.flags & DS__NUM_ORDINAL) &&
            b.value == (int)b.value && (zero ? b.value >= 1 && b.value <= 9
                                              : b.value >= 10 && b.value <= 99))
            v = (int)a.value * 100 + (int)b.value, e = b.end;
    }
    if (!e || (!loose && v % 100 == 0) || has(p, e, DS__W_NOUN | DS__W_ROLE | DS__W_UNIT))
        return 0;
    *y = v;
    return e;
}

static bool year_words_next(P *p, size_t i)
{
    int y;
    return year_words(p, i, &y, true) != 0;
}

/* A cardinal day written out ("May twenty one") is read only where a count
 * cannot be: before a year, or with no word after it. */
static size_t day_words_at(P *p, size_t i, int *d)
{
    ds__number nb;
    if (!number_at(p, i, &nb) || !(nb.flags & DS__NUM_WORDS) ||
        (nb.flags & DS__NUM_ORDINAL) || nb.value < 1 || nb.value > 31 ||
        nb.value != (int)nb.value)
        return 0;
    if (nb.end < p->n && p->t[nb.end].kind == DS__TOK_WORD && !p->t[nb.end].brk &&
        !year_words_next(p, nb.end))
        return 0;
    *d = (int)nb.value;
    return nb.end;
}

static int month_at(P *p, size_t i, size_t *end)
{
    const ds__word *w = W(p, i);
    if (!w || !(w->cls & DS__W_MONTH))
        return 0;
    *end = i + 1;
    /* "Oct." and "Sept." take their dot; "in March." ends a sentence. */
    if (punct(p, *end, '.') && tight(p, *end) && p->t[i].end - p->t[i].start <= 4 &&
        !(w->month == 5 && p->t[i].end - p->t[i].start == 3) &&
        strncasecmp(p->text + p->t[i].start, "june", 4) != 0 &&
        strncasecmp(p->text + p->t[i].start, "july", 4) != 0)
        (*end)++;
    return w->month;
}

/* Words before a bare month or year that make it a time ("in March",
 * "since 2011"). */
static bool time_cue(P *p, size_t i)
{
    if (i == 0)
        return false;
    int r = rel(p, i - 1);
    return r == DS__REL_IN || r == DS__REL_SINCE || r == DS__REL_UNTIL || r == DS__REL_FROM ||
           r == DS__REL_BY || r == DS__REL_DURING || r == DS__REL_OF || r == DS__REL_TO ||
           r == DS__REL_BETWEEN || r == DS__REL_AND || r == DS__REL_BEFORE ||
           r == DS__REL_AFTER || r == DS__REL_ON || r == DS__REL_OVER ||
           has(p, i - 1, DS__W_FUZZY) || dash(p, i - 1);
}

/* A month between separators of a year-first date: "03" in 2025-03-06,
 * "sep" in 2019-sep-01. */
static bool middle_month(P *p, size_t i, int *m)
{
    size_t e;
    if (digits(p, i, 1, 2, m))
        return true;
    return (*m = month_at(p, i, &e)) && e == i + 1;
}

/* "2016 - 11", "2016 /11", "11 - 2016": a year and a month with a spaced
 * separator (the tight forms are read with the dates). */
static size_t spaced_year_month(P *p, size_t i, ds__tpoint *pt)
{
    int a, b;
    bool year_first = digits(p, i, 4, 4, &a);
    if (!year_first && !digits(p, i, 1, 2, &a))
        return 0;
    if (!(dash(p, i + 1) || punct(p, i + 1, '/')) || (tight(p, i + 1) && tight(p, i + 2)) ||
        !digits(p, i + 2, year_first ? 1 : 4, year_first ? 2 : 4, &b))
        return 0;
    int y = year_first ? a : b, m = year_first ? b : a;
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || dash(p, i + 3) || punct(p, i + 3, '/') ||
        has(p, i + 3, DS__W_NOUN | DS__W_ROLE | DS__W_UNIT))
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m};
    return i + 3;
}

static size_t numeric_date(P *p, size_t i, ds__tpoint *pt)
{
    int a, b, c;
    /* 2025-03-06, 2025/03/06, 2015.5.13, 2019-sep-01 */
    bool joined = i + 2 < p->n && (dash(p, i + 1) || punct(p, i + 1, '/') || punct(p, i + 1, '.'));
    if (digits(p, i, 4, 4, &a) && joined && tight(p, i + 1) && tight(p, i + 2) &&
        middle_month(p, i + 2, &b)) {
        char sep = p->text[p->t[i + 1].start];
        if (i + 4 < p->n && tight(p, i + 3) && p->text[p->t[i + 3].start] == sep && tight(p, i + 4) &&
            digits(p, i + 4, 1, 2, &c) && ds_date_valid_ymd(a, b, c)) {
            *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = a, .m = b, .d = c};
            return i + 5;
        }
        if (b >= 1 && b <= 12 && a >= 1000 && !punct(p, i + 1, '.')) { /* 2016/11, 2016-11 */
            *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = a, .m = b};
            return i + 3;
        }
    }
    if (!digits(p, i, 1, 2, &a) || i + 2 >= p->n || !tight(p, i + 1) || !tight(p, i + 2))
        return 0;
    bool slash = punct(p, i + 1, '/'), dot = punct(p, i + 1, '.'), hy = dash(p, i + 1);
    if (!slash && !dot && !hy)
        return 0;
    if (digits(p, i + 2, 4, 4, &c) && a >= 1 && a <= 12 && !dot) { /* 11/2016 */
        *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = c, .m = a};
        return i + 3;
    }
    if (!digits(p, i + 2, 1, 2, &b))
        return 0;
    int y = 0;
    size_t end = i + 3;
    if (end + 1 < p->n && tight(p, end) && tight(p, end + 1) &&
        p->t[end].kind == DS__TOK_PUNCT && p->text[p->t[end].start] == p->text[p->t[i + 1].start] &&
        (digits(p, end + 1, 4, 4, &y) || digits(p, end + 1, 2, 2, &y))) {
        if (p->t[end + 1].end - p->t[end + 1].start == 2)
            y += y < 50 ? 2000 : 1900;
        end += 2;
    } else if (end + 1 < p->n && punct(p, end, ',') && tight(p, end) &&
               digits(p, end + 1, 4, 4, &y)) { /* 08/12,2015 */
        end += 2;
    } else if (!slash) {
        return 0; /* "10-15" and "1.5" are not dates without a year */
    }
    /* Day first or month first: fixed by a value over 12, else by the
     * publisher's convention, else month first for slashes and day first
     * for dots, with the other reading kept. */
    bool dmy = p->order == DS_ORDER_DMY || (p->order == DS_ORDER_UNKNOWN && dot);
    int m1 = dmy ? b : a, d1 = dmy ? a : b;
    if (m1 > 12 && d1 <= 12) {
        int tmp = m1;
        m1 = d1, d1 = tmp;
    }
    if (m1 < 1 || m1 > 12 || d1 < 1 || d1 > 31)
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m1, .d = d1};
    if (p->order == DS_ORDER_UNKNOWN && a <= 12 && b <= 12 && a != b) {
        pt->ambiguous = true, pt->alt_m = d1, pt->alt_d = m1;
    }
    return end;
}

/* ", 2025" or " 2025" after a month or day. */
static size_t opt_year(P *p, size_t i, int *y)
{
    size_t j = i;
    if (punct(p, j, ','))
        j++;
    size_t e = year_at(p, j, y);
    if (e || (e = year_words(p, j, y, true)))
        return e;
    if (rel(p, i) == DS__REL_OF && ((e = year_at(p, i + 1, y)) || (e = year_words(p, i + 1, y, true))))
        return e;
    *y = 0;
    return i;
}

/* "last year", "this month", "next month": a singular unit relative to the
 * anchor.  Returns the token after it, or 0. */
static size_t rel_unit(P *p, size_t i, int unit, int *off)
{
    int r = rel(p, i);
    const ds__word *u = W(p, i + 1);
    if (!u || !(u->cls & DS__W_UNIT) || u->unit != unit ||
        (p->text[p->t[i + 1].end - 1] | 0x20) == 's')
        return 0;
    if (r == DS__REL_LAST)
        *off = -1;
    else if (r == DS__REL_THIS)
        *off = 0;
    else if (r == DS__REL_NEXT)
        *off = 1;
    else
        return 0;
    return i + 2;
}

/* "November last year", "March this year": the year relative to the
 * anchor. */
static size_t rel_year(P *p, size_t i, int *off)
{
    return rel_unit(p, i, DS__U_YEAR, off);
}

/* "this month", "of next month", "in last month": the month a day count
 * names ("4 to 22 this month"). */
static size_t rel_month(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i + (rel(p, i) == DS__REL_OF || rel(p, i) == DS__REL_IN);
    int off;
    size_t e = rel_unit(p, j, DS__U_MONTH, &off);
    if (e)
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_MONTH, .off = off};
    return e;
}

static size_t with_rel_year(P *p, size_t e, ds__tpoint *pt)
{
    int off;
    size_t ye = pt->y ? 0 : rel_year(p, e, &off);
    if (!ye)
        return e;
    pt->yrel = true, pt->y = off;
    return ye;
}

static size_t day_month(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i;
    bool the = rel(p, j) == DS__REL_THE;
    if (the)
        j++;
    int d;
    size_t e = day_at(p, j, &d);
    if (!e)
        return 0;
    size_t re = rel_month(p, e, pt);
    if (re && rel(p, e) == DS__REL_OF) {
        pt->d = d; /* "the 20th of next month" */
        return re;
    }
    /* "6 of March", "6-March", "16. Nov." */
    if (rel(p, e) == DS__REL_OF || ((dash(p, e) || punct(p, e, '.')) && tight(p, e)))
        e++;
    size_t me;
    int m = month_at(p, e, &me);
    if (!m)
        return 0;
    int y;
    size_t ye = opt_year(p, me, &y);
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m, .d = d};
    return with_rel_year(p, ye, pt);
}

/* Whether a weekday word is a weekday: in lower case, "sat", "sun" and
 * "wed" are words of their own, so only full names are. */
static bool weekday_ok(P *p, size_t i)
{
    return p->t[i].cap || p->t[i].end - p->t[i].start >= 6;
}

/* Whether a month word alone may be a month.  In lower case, "march" and
 * "may" are verbs far more often, and "jan" or "dec" are names or
 * abbreviations of other things: those need a day or a year after them. */
static bool plain_month(P *p, size_t i)
{
    size_t n = p->t[i].end - p->t[i].start;
    return p->t[i].cap || (n >= 4 && !spelled(p, i, DS__SP_MARCH));
}

/* Month names that are also common words or given names ("May", "March",
 * "April", "June", "August"): alone, they need a word before them that
 * makes them a time ("in March").  The others are months wherever they
 * stand ("the killings of February"). */
static bool common_month(P *p, size_t i)
{
    static const int common[] = {DS__SP_MAY, DS__SP_MARCH, DS__SP_APRIL, DS__SP_JUNE,
                                 DS__SP_AUGUST};
    for (size_t k = 0; k < sizeof common / sizeof *common; k++)
        if (spelled(p, i, common[k]))
            return true;
    return p->t[i].end - p->t[i].start < 4;
}

static size_t month_day(P *p, size_t i, ds__tpoint *pt, bool cue)
{
    size_t e;
    int m = month_at(p, i, &e);
    if (!m)
        return 0;
    size_t j = e;
    if (dash(p, j) && tight(p, j))
        j++;
    if (rel(p, j) == DS__REL_THE)
        j++;
    int d, y;
    size_t de = day_at(p, j, &d);
    if (!de)
        de = day_words_at(p, j, &d);
    if (de && !(de < p->n && punct(p, de, ':'))) {
        size_t ye = opt_year(p, de, &y);
        *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m, .d = d};
        return with_rel_year(p, ye, pt);
    }
    size_t ye = opt_year(p, e, &y);
    if (y) {
        *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m};
        return ye;
    }
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .m = m};
    ye = with_rel_year(p, e, pt);
    if (ye > e || (plain_month(p, i) && (cue || time_cue(p, i) || !common_month(p, i))))
        return ye;
    return 0;
}

/* "2016 June", "2016, nov": a year, then its month.  The year makes a
 * lower-case abbreviation a month, but not the verbs "may" and "march". */
static size_t year_month(P *p, size_t i, ds__tpoint *pt)
{
    int y;
    size_t j = year_at(p, i, &y), e;
    if (!j)
        return 0;
    j += punct(p, j, ',');
    int m = month_at(p, j, &e);
    if (!m || (!p->t[j].cap && (spelled(p, j, DS__SP_MAY) || spelled(p, j, DS__SP_MARCH) ||
                                 spelled(p, j, DS__SP_MAR))))
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m};
    return e;
}

static size_t weekday_date(P *p, size_t i, ds__tpoint *pt)
{
    const ds__word *w = W(p, i);
    if (!w || !(w->cls & DS__W_WEEKDAY) || !weekday_ok(p, i))
        return 0;
    size_t j = i + 1;
    if (punct(p, j, ','))
        j++;
    size_t e = month_day(p, j, pt, false);
    if (!e)
        e = day_month(p, j, pt);
    if (e)
        return e;
    int d;
    if ((e = the_day_at(p, i + 1, &d))) {
        /* "Friday the 22nd": the day of the month, month left to the anchor. */
        *pt = (ds__tpoint){.kind = DS__TP_WEEKDAY, .wday = w->weekday, .bare_weekday = true,
                           .d = d};
        return e;
    }
    *pt = (ds__tpoint){.kind = DS__TP_WEEKDAY, .wday = w->weekday, .bare_weekday = true};
    return i + 1;
}

static bool apostrophe(P *p, size_t k)
{
    return punct(p, k, '\'') || (k < p->n && p->t[k].end - p->t[k].start == 3 &&
                                 memcmp(p->text + p->t[k].start, "\xe2\x80\x99", 3) == 0);
}

/* "1990s", "70s", "'40s", "1970's". */
static size_t decade_digits(P *p, size_t k, ds__tpoint *pt)
{
    int v;
    if (apostrophe(p, k))
        k++;
    if (!(digits(p, k, 4, 4, &v) || digits(p, k, 2, 2, &v)) || v % 10 != 0 || k + 1 >= p->n)
        return 0;
    size_t sk = k + 1;
    if (tight(p, sk) && apostrophe(p, sk))
        sk++;
    if (sk < p->n && tight(p, sk) && p->t[sk].end - p->t[sk].start == 1 &&
        (p->text[p->t[sk].start] | 0x20) == 's') {
        bool two = p->t[k].end - p->t[k].start == 2;
        *pt = (ds__tpoint){.kind = DS__TP_DECADE, .y = v, .century = two};
        return sk + 1;
    }
    return 0;
}

/* The tens of a decade word: "seventies" is the plural of "seventy" (so
 * the number words give it), "tens" 10, "noughties" 0; -1 for another
 * word. */
static int decade_tens(P *p, size_t k)
{
    if (spelled(p, k, DS__SP_NOUGHTIES))
        return 0;
    if (spelled(p, k, DS__SP_TENS))
        return 10;
    if (k >= p->n)
        return -1;
    size_t n = p->t[k].end - p->t[k].start;
    char buf[16];
    if (p->t[k].kind != DS__TOK_WORD || n < 6 || n > sizeof buf ||
        strncasecmp(p->text + p->t[k].end - 3, "ies", 3) != 0)
        return -1;
    memcpy(buf, p->text + p->t[k].start, n - 3);
    buf[n - 3] = 'y';
    int32_t id = ds__words_find(p->w, buf, n - 2);
    if (id < 0)
        return -1;
    const ds__word *w = &p->w->info[id];
    return (w->cls & DS__W_CARD) && w->value >= 20 && w->value <= 90 ? (int)w->value : -1;
}

/* Decades in words after "the": "the seventies", "the nineteen
 * seventies", "the twenty-tens", "the two thousand and tens", "the two
 * thousands", "the noughties". */
static size_t decade_words(P *p, size_t k, ds__tpoint *pt)
{
    int base = -1;
    ds__number nb;
    if (number_at(p, k, &nb) && (nb.flags & DS__NUM_WORDS) &&
        !(nb.flags & DS__NUM_ORDINAL)) {
        if (nb.end == k + 1 && nb.value >= 1 && nb.value <= 2 &&
            spelled(p, k + 1, DS__SP_THOUSANDS)) {
            *pt = (ds__tpoint){.kind = DS__TP_DECADE, .y = (int)nb.value * 1000};
            return k + 2;
        }
        if (nb.end == k + 1 && nb.value >= 11 && nb.value <= 29)
            base = (int)nb.value * 100; /* "nineteen seventies" */
        else if (nb.value == 1000 || nb.value == 2000)
            base = (int)nb.value;
        else
            return 0;
        k = nb.end;
        if ((dash(p, k) && tight(p, k)) || rel(p, k) == DS__REL_AND)
            k++;
    }
    int tens = decade_tens(p, k);
    if (tens < 0)
        return 0;
    if (base < 0 && tens == 0)
        base = 2000;
    *pt = (ds__tpoint){.kind = DS__TP_DECADE, .y = (base < 0 ? 0 : base) + tens,
                       .century = base < 0};
    return k + 1;
}

/* "the 15th century", "twenty-first century". */
static size_t century_at(P *p, size_t i, ds__tpoint *pt)
{
    ds__number nb;
    const ds__word *u;
    if (!number_at(p, i, &nb) || !(nb.flags & DS__NUM_ORDINAL) ||
        nb.value < 2 || nb.value > 30 || !(u = W(p, nb.end)) || !(u->cls & DS__W_UNIT) ||
        u->unit != DS__U_CENTURY || (p->text[p->t[nb.end].end - 1] | 0x20) == 's')
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_DECADE, .y = ((int)nb.value - 1) * 100, .years = 100};
    return nb.end + 1;
}

/* "year 247", "the year two thousand and ten": a year named as one. */
static size_t named_year(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i + (rel(p, i) == DS__REL_THE);
    ds__number nb;
    if (!spelled(p, j, DS__SP_YEAR) || !number_at(p, j + 1, &nb) ||
        nb.flags & (DS__NUM_ORDINAL | DS__NUM_DECIMAL | DS__NUM_GROUPED) || nb.value < 100 ||
        nb.value > 2999 || nb.value != (int)nb.value ||
        has(p, nb.end, DS__W_NOUN | DS__W_ROLE | DS__W_UNIT))
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = (int)nb.value};
    return nb.end;
}

static size_t year_or_decade(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i;
    bool the = rel(p, j) == DS__REL_THE;
    if (the)
        j++;
    size_t e = decade_digits(p, j, pt);
    if (e || (the && (e = decade_words(p, j, pt))) || (e = century_at(p, j, pt)))
        return e;
    if (the)
        return 0;
    int v;
    e = year_at(p, j, &v);
    bool cue = time_cue(p, i);
    if (!e && cue)
        e = year_words(p, j, &v, false); /* "in nineteen ninety-eight" */
    if (!e)
        return 0;
    if (!cue && !(e < p->n && (dash(p, e) || punct(p, e, '/')) && v >= 1800 && v <= 2100))
        return 0;
    if (has(p, e, DS__W_NOUN | DS__W_ROLE | DS__W_UNIT))
        return 0; /* "in 2022 people" is a count */
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = v};
    return e;
}

static size_t season_at(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i;
    int off = 0;
    bool the = false;
    int r = rel(p, j);
    if (r == DS__REL_THE)
        the = true, j++;
    else if (r == DS__REL_LAST || r == DS__REL_THIS || r == DS__REL_NEXT)
        off = r == DS__REL_LAST ? -1 : r == DS__REL_NEXT ? 1 : 0, j++;
    const ds__word *w = W(p, j);
    if (!w || !(w->cls & DS__W_SEASON))
        return 0;
    size_t e = j + 1;
    int y = 0;
    size_t k = e;
    if (rel(p, k) == DS__REL_OF)
        k++;
    size_t ye = year_at(p, k, &y);
    if (ye)
        e = ye;
    else if (the && !time_cue(p, i))
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_SEASON, .season = w->season, .y = y, .off = off};
    return e;
}

/* "yesterday", "the day before yesterday", "that day", "the following
 * week", "last month", "this year", "next Tuesday". */
static size_t relative_at(P *p, size_t i, ds__tpoint *pt, const char **part)
{
    const ds__word *w = W(p, i);
    if (!w)
        return 0;
    if (w->cls & DS__W_DAYWORD) {
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_DAY, .off = w->dayoff};
        const ds__word *nx = W(p, i + 1);
        if (nx && (nx->cls & DS__W_PART) && !(nx->cls & DS__W_UNIT)) {
            *part = p->w->part_names[nx->part];
            return i + 2;
        }
        return i + 1;
    }
    size_t j = i;
    int r = rel(p, j);
    bool the = r == DS__REL_THE;
    if (the)
        r = rel(p, ++j);
    if (!r)
        return 0;
    const ds__word *nx = W(p, j + 1);
    if (!nx)
        return 0;
    int off;
    bool prev = false;
    switch (r) {
    case DS__REL_LAST: case DS__REL_PAST: off = -1; break;
    case DS__REL_NEXT: case DS__REL_COMING: off = 1; prev = the; break;
    case DS__REL_THIS: off = 0; break;
    case DS__REL_FOLLOWING: off = 1; prev = true; break;
    case DS__REL_PREVIOUS: off = -1; prev = the; break; /* "of previous month" */
    case DS__REL_SAME: off = 0; prev = true; break;
    case DS__REL_THAT: off = 0; prev = true; break;
    default: return 0;
    }
    if ((r == DS__REL_FOLLOWING || r == DS__REL_SAME) && !the)
        return 0;
    if (r == DS__REL_THAT && the)
        return 0;
    size_t e = j + 2;
    const ds__tok *ut = &p->t[j + 1];
    bool plural = ut->end - ut->start > 1 && (p->text[ut->end - 1] | 0x20) == 's';
    if ((nx->cls & DS__W_UNIT) && nx->unit != DS__U_FORTNIGHT && !plural) {
        if (r == DS__REL_THAT && nx->unit != DS__U_DAY)
            return 0;
        if (r == DS__REL_THIS && nx->unit == DS__U_DAY)
            prev = true; /* "this day" in a narrative is the day it tells of */
        /* "the next decade" is a calendar decade, "the next week" the seven
         * days after the anchor. */
        if (prev && nx->unit != DS__U_DAY && nx->unit != DS__U_DECADE)
            *pt = shift_of(nx->unit, off, true);
        else
            *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = nx->unit, .off = off,
                               .prev = prev};
        return e;
    }
    if ((nx->cls & DS__W_PART) && (r == DS__REL_THAT || r == DS__REL_THIS || r == DS__REL_SAME ||
                                   r == DS__REL_FOLLOWING || r == DS__REL_NEXT ||
                                   r == DS__REL_PREVIOUS || r == DS__REL_LAST)) {
        /* "that evening", "the following morning", "last night" */
        *part = p->w->part_names[nx->part];
        int o = r == DS__REL_THIS || r == DS__REL_THAT || r == DS__REL_SAME ? 0 : off;
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_DAY, .off = o,
                           .prev = r != DS__REL_THIS && r != DS__REL_LAST};
        return e;
    }
    if ((nx->cls & DS__W_WEEKDAY) && weekday_ok(p, j + 1) && !the && !prev) {
        *pt = (ds__tpoint){.kind = DS__TP_WEEKDAY, .wday = nx->weekday, .off = off};
        return e;
    }
    if ((nx->cls & DS__W_MONTH) && plain_month(p, j + 1) && !the && !prev) {
        /* "this March" is the latest March; "last March" the one before
         * the anchor's month, "next June" the one after it. */
        *pt = (ds__tpoint){.kind = DS__TP_DATE, .m = nx->month, .off = off};
        return e;
    }
    return 0;
}

/* "the week after next", "the month after the next": two units on. */
static size_t after_next(P *p, size_t i, ds__tpoint *pt)
{
    const ds__word *u = W(p, i + 1);
    if (rel(p, i) != DS__REL_THE || !u || !(u->cls & DS__W_UNIT) ||
        (p->text[p->t[i + 1].end - 1] | 0x20) == 's' || rel(p, i + 2) != DS__REL_AFTER)
        return 0;
    size_t j = i + 3 + (rel(p, i + 3) == DS__REL_THE);
    if (rel(p, j) != DS__REL_NEXT)
        return 0;
    *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = u->unit, .off = 2};
    return j + 1;
}

/* "the rest of the week", "rest of this month": from the anchor to the
 * end of the unit; "later this year", "later in the week" likewise, and
 * "earlier this month" from the unit's start to the day before. */
static size_t rest_of(P *p, size_t i, ds__tpoint *pt)
{
    size_t j = i + (rel(p, i) == DS__REL_THE);
    int r = rel(p, j), rest = r == DS__REL_EARLIER ? -1 : 1;
    if (r != DS__REL_REST && r != DS__REL_LATER && r != DS__REL_EARLIER)
        return 0;
    j++;
    if (r == DS__REL_REST ? rel(p, j) == DS__REL_OF : rel(p, j) == DS__REL_IN)
        j++;
    else if (r != DS__REL_REST && rel(p, j) != DS__REL_THIS)
        return 0;
    if (rel(p, j) == DS__REL_THE || rel(p, j) == DS__REL_THIS || spelled(p, j, DS__SP_MY))
        j++;
    const ds__word *u = W(p, j);
    if (!u || !(u->cls & DS__W_UNIT) || u->unit < DS__U_WEEK || u->unit == DS__U_FORTNIGHT)
        return 0;
    if ((p->text[p->t[j].end - 1] | 0x20) == 's')
        return 0; /* "later in the years" */
    *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = u->unit, .rest = rest};
    return j + 1;
}

/* "the day before", "the day after" (counted from the last date set) and
 * "the day before yesterday". */
static size_t day_before_after(P *p, size_t i, ds__tpoint *pt)
{
    if (rel(p, i) != DS__REL_THE)
        return 0;
    const ds__word *w = W(p, i + 1);
    if (!w || !(w->cls & DS__W_UNIT) || w->unit != DS__U_DAY ||
        p->t[i + 1].end - p->t[i + 1].start != 3)
        return 0; /* "the day after", not "the days after" */
    int r = rel(p, i + 2);
    if (r != DS__REL_BEFORE && r != DS__REL_AFTER)
        return 0;
    int off = r == DS__REL_BEFORE ? -1 : 1;
    const ds__word *x = W(p, i + 3);
    if (x && (x->cls & DS__W_DAYWORD)) {
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_DAY, .off = x->dayoff + off};
        return i + 4;
    }
    if (i + 3 < p->n && p->t[i + 3].kind == DS__TOK_WORD && !p->t[i + 3].brk)
        return 0; /* "the day after entering the city" counts from an event */
    *pt = shift_of(DS__U_DAY, off, true);
    return i + 3;
}

/* A count of units: "three days", "a week", "a few days".  Returns the
 * token after the unit word. */
static size_t count_units(P *p, size_t i, int *n, int *unit)
{
    size_t j = i;
    ds__number nb;
    if ((j + 1 < p->n) && (p->text[p->t[j].start] | 0x20) == 'a' &&
        p->t[j].end - p->t[j].start <= 2 && p->t[j].kind == DS__TOK_WORD) {
        const ds__word *w = W(p, j + 1);
        if (w && (w->cls & DS__W_UNIT)) {
            *n = 1, *unit = w->unit;
            return j + 2;
        }
        size_t k = j + 1;
        if (spelled(p, k, DS__SP_FEW)) {
            const ds__word *u = W(p, k + 1);
            if (u && (u->cls & DS__W_UNIT)) {
                *n = 3, *unit = u->unit;
                return k + 2;
            }
        }
        return 0;
    }
    if (spelled(p, j, DS__SP_FEW) && has(p, j + 1, DS__W_UNIT)) {
        *n = 3, *unit = W(p, j + 1)->unit; /* "few months ago", "the past few days" */
        return j + 2;
    }
    if (!number_at(p, j, &nb) || nb.flags & DS__NUM_ORDINAL ||
        nb.value < 1 || nb.value > 1000 || nb.value != (int)nb.value)
        return 0;
    const ds__word *w = W(p, nb.end);
    if (!w || !(w->cls & DS__W_UNIT))
        return 0;
    /* "one day governing a country" is "some day", not a count of days. */
    if (nb.value == 1 && (nb.flags & DS__NUM_WORDS) && nb.end + 1 < p->n &&
        p->t[nb.end + 1].kind == DS__TOK_WORD && !p->t[nb.end + 1].brk && !rel(p, nb.end + 1))
        return 0;
    *n = (int)nb.value, *unit = w->unit;
    return nb.end + 1;
}

/* Counts of units in a row: "three days", "1 month 21 days", "2 weeks and
 * 3 days", "1 month, 21 days", summed into a shift.  Returns the token
 * after the last unit, or 0. */
static size_t count_run(P *p, size_t i, ds__tpoint *pt, int *n, int *unit)
{
    size_t e = count_units(p, i, n, unit);
    if (!e)
        return 0;
    *pt = shift_of(*unit, 1, false);
    pt->days *= *n, pt->months *= *n;
    int parts = 1;
    for (;;) {
        size_t j = e + (punct(p, e, ',') || rel(p, e) == DS__REL_AND);
        int n2, u2;
        size_t e2 = count_units(p, j, &n2, &u2);
        if (!e2)
            break;
        add_shift(pt, u2, n2);
        e = e2, parts++;
    }
    if (parts > 1)
        *n = 0; /* a sum of units has no single count */
    return e;
}

static void scale_shift(ds__tpoint *pt, int sign, bool prev)
{
    pt->days *= sign, pt->months *= sign, pt->prev = prev;
}

/* "three days later", "two weeks ago", "a week earlier", "1 month and 21
 * days ago". */
static size_t shifted(P *p, size_t i, ds__tpoint *pt)
{
    int n, unit;
    size_t e = count_run(p, i, pt, &n, &unit);
    if (!e)
        return 0;
    int r = rel(p, e);
    if (r == DS__REL_AGO) {
        scale_shift(pt, -1, false);
        return e + 1;
    }
    /* "two days from tomorrow", "four days before yesterday". */
    const ds__word *dw = W(p, e + 1);
    if ((r == DS__REL_FROM || r == DS__REL_AFTER || r == DS__REL_BEFORE) && dw &&
        (dw->cls & DS__W_DAYWORD) && !pt->months) {
        int k = pt->days * (r == DS__REL_BEFORE ? -1 : 1);
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_DAY, .off = dw->dayoff + k};
        return e + 2;
    }
    /* "three months after the first contact" counts from an event, not a
     * date; only a bare "two days after" counts from the last date. */
    if ((r == DS__REL_AFTER || r == DS__REL_BEFORE) && e + 1 < p->n &&
        p->t[e + 1].kind == DS__TOK_WORD && !p->t[e + 1].brk)
        return 0;
    if (r == DS__REL_LATER || r == DS__REL_AFTER || r == DS__REL_EARLIER || r == DS__REL_BEFORE) {
        scale_shift(pt, r == DS__REL_LATER || r == DS__REL_AFTER ? 1 : -1, true);
        return e + 1;
    }
    if (r == DS__REL_FROM && spelled(p, e + 1, DS__SP_NOW)) {
        scale_shift(pt, 1, false);
        return e + 2;
    }
    return 0;
}

static size_t point_at(P *p, size_t i, ds__tpoint *pt, const char **part, int depth);

/* "early March", "mid-February", "late 2024", "the end of last year",
 * "the second week of March", "the morning of March 7", "early on March 9". */
static size_t modified(P *p, size_t i, ds__tpoint *pt, const char **part, int depth)
{
    size_t j = i;
    bool the = rel(p, j) == DS__REL_THE;
    if (the)
        j++;
    const ds__word *w = W(p, j);
    if (!w || depth > 2)
        return 0;
    if (w->cls & DS__W_FUZZY) {
        size_t k = j + 1;
        if (dash(p, k) && tight(p, k))
            k++;
        bool of = rel(p, k) == DS__REL_OF;
        if (of)
            k++;
        if (rel(p, k) == DS__REL_ON || rel(p, k) == DS__REL_IN) {
            /* "early on March 9", "late in the day": a part of the day. */
            size_t e = point_at(p, k + 1, pt, part, depth + 1);
            if (e && pt->kind == DS__TP_DATE && pt->d) {
                *part = p->w->keys[p->t[j].word];
                return e;
            }
            return 0;
        }
        /* "early", "mid" and "late" qualify a time; the nouns ("start",
         * "end", "beginning") need "of", for "repairs start next April". */
        bool adjective = spelled(p, j, DS__SP_EARLY) || spelled(p, j, DS__SP_MID) ||
                         spelled(p, j, DS__SP_LATE);
        if ((the || !adjective) && !of)
            return 0;
        size_t e = point_at(p, k, pt, part, depth + 1);
        if (!e || pt->fuzzy || (pt->kind == DS__TP_DATE && pt->d) ||
            pt->kind == DS__TP_WEEKDAY || (pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_DAY))
            return 0;
        pt->fuzzy = w->fuzzy;
        return e;
    }
    if (the && (w->cls & (DS__W_ORD)) && w->ord <= 5) {
        const ds__word *u = W(p, j + 1);
        if (u && (u->cls & DS__W_UNIT) && u->unit == DS__U_WEEK && rel(p, j + 2) == DS__REL_OF) {
            size_t e = point_at(p, j + 3, pt, part, depth + 1);
            if (e && ((pt->kind == DS__TP_DATE && pt->m && !pt->d) ||
                      (pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_MONTH))) {
                pt->week_of = w->ord;
                return e;
            }
        }
        return 0;
    }
    if (the && (w->cls & DS__W_PART) && rel(p, j + 1) == DS__REL_OF) {
        size_t e = point_at(p, j + 2, pt, part, depth + 1);
        if (e && ((pt->kind == DS__TP_DATE && pt->d) || pt->kind == DS__TP_WEEKDAY ||
                  (pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_DAY))) {
            *part = p->w->part_names[w->part];
            return e;
        }
    }
    return 0;
}

/* A quarter or half of a year without its year: "Q3", "H2", "the third
 * quarter", "first half".  Sets *q and *len (3 or 6 months); *letter is
 * true for the "Q3" form. */
static size_t quarter_name(P *p, size_t i, int *q, int *len, bool *letter)
{
    const char *s = i < p->n ? p->text + p->t[i].start : "";
    size_t n = i < p->n ? p->t[i].end - p->t[i].start : 0;
    *letter = n == 1 && (*s == 'Q' || *s == 'H') && tight(p, i + 1) && digits(p, i + 1, 1, 1, q);
    if (*letter) {
        *len = *s == 'Q' ? 3 : 6;
        return *q >= 1 && *q <= 12 / *len ? i + 2 : 0;
    }
    size_t j = i + (rel(p, i) == DS__REL_THE);
    const ds__word *o = W(p, j);
    if (!o || !(o->cls & DS__W_ORD))
        return 0;
    if (spelled(p, j + 1, DS__SP_QUARTER))
        *len = 3;
    else if (spelled(p, j + 1, DS__SP_HALF))
        *len = 6;
    else
        return 0;
    *q = o->ord;
    return *q >= 1 && *q <= 12 / *len ? j + 2 : 0;
}

/* "Q3 2016", "the third quarter of 2016", "the first half of 2025", "H2
 * 2016", "Q3 this year", "2016 Q3", "2016 the third quarter", "during Q2":
 * quarters and halves.  A quarter is read as its first month, with d = -len
 * for the run of len whole months. */
static size_t quarter_at(P *p, size_t i, ds__tpoint *pt)
{
    int q, len, y = 0, off;
    bool letter, yrel = false;
    size_t e, j = year_at(p, i, &y);
    if (j) { /* the year first */
        e = quarter_name(p, j + (punct(p, j, ',')), &q, &len, &letter);
        if (!e)
            return 0;
    } else {
        j = quarter_name(p, i, &q, &len, &letter);
        if (!j)
            return 0;
        size_t k = j + (rel(p, j) == DS__REL_OF);
        if ((e = year_at(p, k, &y)) || (e = year_words(p, k, &y, true)))
            ;
        else if ((e = rel_year(p, k, &off)))
            y = off, yrel = true;
        else if (letter && p->text[p->t[i].start] == 'Q' && time_cue(p, i))
            e = j; /* "during Q3": the latest one */
        else
            return 0;
    }
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .yrel = yrel, .m = (q - 1) * len + 1,
                       .d = -len};
    return e;
}

/* "on the 27th", "for the 27", "by the second", "on 15.": a day of the
 * month the anchor is in.  A preposition of time must come before it. */
static size_t bare_day(P *p, size_t i, ds__tpoint *pt)
{
    int r = rel(p, i), d;
    if (r != DS__REL_ON && r != DS__REL_FOR && r != DS__REL_BY && r != DS__REL_UNTIL &&
        r != DS__REL_SINCE)
        return 0;
    size_t e = the_day_at(p, i + 1, &d);
    ds__tpoint full;
    if (!e && r == DS__REL_ON && digits(p, i + 1, 1, 2, &d) && d >= 1 && d <= 31 &&
        clause_end(p, i + 2) && !tight(p, i + 3) && !day_month(p, i + 1, &full))
        e = i + 2; /* "on 15.", but not "on 16. Nov." */
    if (!e)
        return 0;
    /* In a narrative it is the month the text is telling of. */
    *pt = (ds__tpoint){.kind = DS__TP_DATE, .d = d, .prev = true};
    return e;
}

/* "the first Friday of next month", "the second Monday of March", "third
 * Tuesday" (of the anchor's month). */
static size_t ordinal_weekday(P *p, size_t i, ds__tpoint *pt, int depth)
{
    size_t j = i + (rel(p, i) == DS__REL_THE);
    const ds__word *o = W(p, j), *d = W(p, j + 1);
    if (!o || !(o->cls & DS__W_ORD) || o->ord > 5 || !d || !(d->cls & DS__W_WEEKDAY) ||
        depth > 1)
        return 0;
    size_t k = j + 2;
    int r = rel(p, k);
    if (r == DS__REL_OF || r == DS__REL_IN) {
        const char *part;
        ds__tpoint m;
        size_t e = point_at(p, k + 1, &m, &part, depth + 1);
        if (e && ((m.kind == DS__TP_DATE && m.m && !m.d) ||
                  (m.kind == DS__TP_CALUNIT && m.unit == DS__U_MONTH))) {
            *pt = m;
            pt->nth = o->ord, pt->wday = d->weekday;
            return e;
        }
    }
    if (rel(p, i) == DS__REL_THE)
        return 0; /* "the second Sunday" alone may count from anything */
    *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_MONTH, .nth = o->ord,
                       .wday = d->weekday};
    return j + 2;
}

/* "the week of March 3", "the week of the 18th" (its Monday to Sunday),
 * "the week starting March 3", "week beginning on Monday", "w/c 3 March"
 * (seven days from it). */
static size_t week_around(P *p, size_t i, ds__tpoint *pt, int depth)
{
    size_t j = i + (rel(p, i) == DS__REL_THE);
    int mode = 0;
    const ds__word *u = W(p, j);
    if (spelled(p, j, DS__SP_W) && punct(p, j + 1, '/') && tight(p, j + 1) &&
        spelled(p, j + 2, DS__SP_C) && tight(p, j + 2)) {
        mode = 2, j += 3;
    } else if (u && (u->cls & DS__W_UNIT) && u->unit == DS__U_WEEK && spelled(p, j, DS__SP_WEEK)) {
        j++;
        if (rel(p, j) == DS__REL_OF)
            mode = 1, j++;
        else if (spelled(p, j, DS__SP_STARTING) || spelled(p, j, DS__SP_BEGINNING) ||
                 spelled(p, j, DS__SP_COMMENCING))
            mode = 2, j += 1 + (rel(p, j + 1) == DS__REL_ON);
    }
    if (!mode || depth > 1)
        return 0;
    const char *part;
    int d;
    size_t e = the_day_at(p, j, &d);
    if (e) {
        *pt = (ds__tpoint){.kind = DS__TP_DATE, .d = d, .prev = true};
    } else {
        e = point_at(p, j, pt, &part, depth + 1);
        if (!e || !((pt->kind == DS__TP_DATE && pt->d > 0) || pt->kind == DS__TP_WEEKDAY ||
                    (pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_DAY)))
            return 0;
    }
    pt->week_around = mode;
    return e;
}

static size_t longest(size_t best, size_t e, ds__tpoint *bp, const ds__tpoint *cand,
                      const char **bpart, const char *cpart)
{
    if (e > best) {
        *bp = *cand;
        *bpart = cpart;
        return e;
    }
    return best;
}

/* What token i offers the rules: each rule reads its first token in one
 * of these ways, so a rule whose way is absent cannot apply and is not
 * tried.  Most tokens offer nothing ("of", "and", "killed").  The word
 * classes that start rules are their own DS__W_* bits; the other ways take
 * the bits above those. */
enum {
    S_MONTH = DS__W_MONTH,
    S_WEEKDAY = DS__W_WEEKDAY,
    S_SEASON = DS__W_SEASON,
    S_DAYWORD = DS__W_DAYWORD,
    S_FUZZY = DS__W_FUZZY,
    S_ORD = DS__W_ORD,
    S_CLASSES = S_MONTH | S_WEEKDAY | S_SEASON | S_DAYWORD | S_FUZZY | S_ORD,
    S_NUM = 1 << 16,      /* a digit run */
    S_NUMBER = 1 << 17,   /* a digit run or a word a number may start with */
    S_THE = 1 << 18,
    S_APOS = 1 << 19,     /* "'90s" */
    S_YEAR = 1 << 20,     /* the word "year" */
    S_WEEK = 1 << 21,     /* "week" or "w" (of "w/c") */
    S_QH = 1 << 22,       /* "Q3", "H2" */
    S_COUNT = 1 << 23,    /* "a week", "few days": a count of units without a number */
    /* Relative words, by the rules they start: */
    S_R_SEASON = 1 << 24,   /* "last summer" (season_at) */
    S_R_BARE = 1 << 25,     /* "on the 27th" (bare_day) */
    S_R_RELATIVE = 1 << 26, /* "last week", "that day" (relative_at) */
    S_R_REST = 1 << 27,     /* "later this year" (rest_of) */
    S_R_SPAN = 1 << 28,     /* "between", "from", "since" (span_at) */
    S_R_COUNT = 1 << 29     /* "over the next four days" (count_span) */
};

/* The start flags of each relative word; those that start no rule ("of",
 * "and", "to", "ago", "before", "after") have none. */
static const unsigned rel_starts[DS__REL_COUNT] = {
    [DS__REL_THE] = S_THE | S_R_SEASON | S_R_RELATIVE | S_R_REST | S_R_COUNT,
    [DS__REL_LAST] = S_R_SEASON | S_R_RELATIVE | S_R_COUNT,
    [DS__REL_NEXT] = S_R_SEASON | S_R_RELATIVE | S_R_COUNT,
    [DS__REL_THIS] = S_R_SEASON | S_R_RELATIVE,
    [DS__REL_PAST] = S_R_RELATIVE | S_R_COUNT,
    [DS__REL_COMING] = S_R_RELATIVE | S_R_COUNT,
    [DS__REL_FOLLOWING] = S_R_RELATIVE | S_R_COUNT,
    [DS__REL_PREVIOUS] = S_R_RELATIVE | S_R_COUNT,
    [DS__REL_SAME] = S_R_RELATIVE,
    [DS__REL_THAT] = S_R_RELATIVE,
    [DS__REL_ON] = S_R_BARE,
    [DS__REL_FOR] = S_R_BARE | S_R_COUNT,
    [DS__REL_BY] = S_R_BARE,
    [DS__REL_UNTIL] = S_R_BARE,
    [DS__REL_SINCE] = S_R_BARE | S_R_SPAN,
    [DS__REL_REST] = S_R_REST,
    [DS__REL_LATER] = S_R_REST,
    [DS__REL_EARLIER] = S_R_REST,
    [DS__REL_BETWEEN] = S_R_SPAN,
    [DS__REL_FROM] = S_R_SPAN,
    [DS__REL_OVER] = S_R_COUNT,
    [DS__REL_IN] = S_R_COUNT,
    [DS__REL_DURING] = S_R_COUNT,
    [DS__REL_WITHIN] = S_R_COUNT,
};

unsigned ds__time_word_starts(const ds__words *w, uint32_t id)
{
    const ds__word *wd = &w->info[id];
    const int32_t *sp = w->special;
    int32_t word = (int32_t)id;
    unsigned f = (wd->cls & S_CLASSES) | rel_starts[wd->rel];
    /* ds__number_at reads a number in words from nothing else */
    if ((wd->cls & (DS__W_CARD | DS__W_ORD)) || word == sp[DS__SP_A] || word == sp[DS__SP_AN])
        f |= S_NUMBER;
    if (word == sp[DS__SP_YEAR])
        f |= S_YEAR;
    if (word == sp[DS__SP_WEEK] || word == sp[DS__SP_W])
        f |= S_WEEK;
    if (word == sp[DS__SP_FEW])
        f |= S_COUNT;
    return f;
}

/* The start flags that a word token's spelling adds to its word's:
 * count_units reads a short word starting with "a" ("a", "an") as an
 * article, and quarter_at reads "Q3" and "H2". */
static unsigned shape_starts(P *p, const ds__tok *t)
{
    char c0 = p->text[t->start];
    size_t n = t->end - t->start;
    return ((c0 | 0x20) == 'a' && n <= 2 ? S_COUNT : 0) |
           (n == 1 && (c0 == 'Q' || c0 == 'H') ? S_QH : 0);
}

/* The start flags of token i. */
static unsigned starts(P *p, size_t i)
{
    const ds__tok *t = &p->t[i];
    if (t->kind == DS__TOK_NUM)
        return S_NUM | S_NUMBER;
    if (t->kind == DS__TOK_WORD)
        return (t->word >= 0 ? p->w->time_starts[t->word] : 0) | shape_starts(p, t);
    unsigned f = 0;
    if (t->word >= 0) {
        const ds__word *w = &p->w->info[t->word];
        f = (w->cls & S_CLASSES) | rel_starts[w->rel];
    }
    return apostrophe(p, i) ? f | S_APOS : f;
}

/* point_at for a token whose start flags f the caller has read. */
static size_t point_from(P *p, size_t i, unsigned f, ds__tpoint *pt, const char **part,
                         int depth)
{
    size_t best = 0;
    *part = NULL;
    if (!f)
        return 0;
    ds__tpoint c;
    const char *cp = NULL;
    /* Digit runs: the dates written with digits start with a year (4
     * digits) or a day or month (1 or 2) and go on with punctuation; a day
     * has at most 2 digits; a year first, 4. */
    size_t ndigits = f & S_NUM ? p->t[i].end - p->t[i].start : 0;
    bool year4 = ndigits == 4, day2 = ndigits && ndigits <= 2;
    if ((year4 || day2) && i + 1 < p->n && p->t[i + 1].kind == DS__TOK_PUNCT) {
        best = longest(best, numeric_date(p, i, &c), pt, &c, part, NULL);
        best = longest(best, spaced_year_month(p, i, &c), pt, &c, part, NULL);
    }
    if (year4)
        best = longest(best, year_month(p, i, &c), pt, &c, part, NULL);
    if ((f & S_THE) || ((f & S_NUMBER) && (!ndigits || day2)))
        best = longest(best, day_month(p, i, &c), pt, &c, part, NULL);
    if (f & S_MONTH)
        best = longest(best, month_day(p, i, &c, depth > 0), pt, &c, part, NULL);
    if (f & S_WEEKDAY)
        best = longest(best, weekday_date(p, i, &c), pt, &c, part, NULL);
    if (f & (S_THE | S_NUMBER | S_APOS))
        best = longest(best, year_or_decade(p, i, &c), pt, &c, part, NULL);
    if (f & (S_THE | S_YEAR))
        best = longest(best, named_year(p, i, &c), pt, &c, part, NULL);
    if (f & (S_R_SEASON | S_SEASON))
        best = longest(best, season_at(p, i, &c), pt, &c, part, NULL);
    if (year4 || (f & (S_THE | S_ORD | S_QH)))
        best = longest(best, quarter_at(p, i, &c), pt, &c, part, NULL);
    if (f & S_R_BARE)
        best = longest(best, bare_day(p, i, &c), pt, &c, part, NULL);
    if (f & (S_R_RELATIVE | S_DAYWORD)) {
        cp = NULL;
        size_t e = relative_at(p, i, &c, &cp);
        best = longest(best, e, pt, &c, part, cp);
    }
    if (f & S_THE) {
        best = longest(best, day_before_after(p, i, &c), pt, &c, part, NULL);
        best = longest(best, after_next(p, i, &c), pt, &c, part, NULL);
    }
    if (f & S_R_REST)
        best = longest(best, rest_of(p, i, &c), pt, &c, part, NULL);
    if (f & (S_THE | S_ORD))
        best = longest(best, ordinal_weekday(p, i, &c, depth), pt, &c, part, NULL);
    if (f & (S_NUMBER | S_COUNT))
        best = longest(best, shifted(p, i, &c), pt, &c, part, NULL);
    if (f & (S_THE | S_WEEK))
        best = longest(best, week_around(p, i, &c, depth), pt, &c, part, NULL);
    if (f & (S_THE | S_FUZZY)) {
        cp = NULL;
        size_t e = modified(p, i, &c, &cp, depth);
        best = longest(best, e, pt, &c, part, cp);
    }
    /* "Friday next week" and "next week on Friday": a weekday in a week. */
    if (best && pt->kind == DS__TP_WEEKDAY && pt->bare_weekday && !pt->d) {
        size_t k = best + (rel(p, best) == DS__REL_OF); /* "Sunday of next week" */
        int r = rel(p, k);
        const ds__word *u = W(p, k + 1);
        if ((r == DS__REL_LAST || r == DS__REL_NEXT || r == DS__REL_THIS) && u &&
            (u->cls & DS__W_UNIT) && u->unit == DS__U_WEEK) {
            best = k;
            pt->bare_weekday = false;
            pt->off = r == DS__REL_LAST ? -1 : r == DS__REL_NEXT ? 1 : 0;
            pt->week_in = true;
            best += 2;
        }
    } else if (best && pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_WEEK && !pt->prev) {
        size_t k = best + (rel(p, best) == DS__REL_ON);
        const ds__word *d = W(p, k);
        if (d && (d->cls & DS__W_WEEKDAY)) {
            *pt = (ds__tpoint){.kind = DS__TP_WEEKDAY, .wday = d->weekday, .off = pt->off,
                               .week_in = true};
            best = k + 1;
        }
    }
    /* A part of the day after a date: "March 7 morning", "Thursday night". */
    if (best && best < p->n && has(p, best, DS__W_PART) && !has(p, best, DS__W_UNIT) &&
        ((pt->kind == DS__TP_DATE && pt->d) || pt->kind == DS__TP_WEEKDAY ||
         (pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_DAY))) {
        *part = p->w->part_names[W(p, best)->part];
        best++;
    }
    return best;
}

static size_t point_at(P *p, size_t i, ds__tpoint *pt, const char **part, int depth)
{
    *part = NULL;
    if (i >= p->n)
        return 0; /* callers read on after a word and may reach the end */
    return point_from(p, i, starts(p, i), pt, part, depth);
}

/* The end of a span whose start is a bare day: "6-10 March", "between 6
 * and 10 March", "from 4 to 22 January, 1995". */
static size_t day_range(P *p, size_t i, ds__texpr *e)
{
    int d1, d2;
    size_t j = day_at(p, i, &d1);
    if (!j)
        return 0;
    bool join = dash(p, j) || rel(p, j) == DS__REL_TO || rel(p, j) == DS__REL_AND ||
                rel(p, j) == DS__REL_UNTIL;
    if (!join)
        return 0;
    size_t k = day_at(p, j + 1, &d2);
    if (!k || d2 < d1)
        return 0;
    size_t re = rel_month(p, k, &e->a);
    if (re) { /* "from 4 to 22 this month", "4 till 23 of next month" */
        e->b = e->a;
        e->a.d = d1, e->b.d = d2;
        e->span = DS__SPAN_AB;
        return re;
    }
    if (rel(p, k) == DS__REL_OF)
        k++;
    size_t me;
    int m = month_at(p, k, &me);
    if (!m)
        return 0;
    int y;
    size_t ye = opt_year(p, me, &y);
    e->a = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m, .d = d1};
    e->b = (ds__tpoint){.kind = DS__TP_DATE, .y = y, .m = m, .d = d2};
    e->span = DS__SPAN_AB;
    return ye;
}

/* "March 6-10", "March 6 to 10": the month comes first. */
static size_t month_day_range(P *p, size_t i, ds__texpr *e)
{
    ds__tpoint a;
    size_t j = month_day(p, i, &a, false);
    if (!j || !a.d || a.y)
        return 0;
    if (!(dash(p, j) || rel(p, j) == DS__REL_TO || rel(p, j) == DS__REL_UNTIL))
        return 0;
    int d2, y;
    size_t k = day_at(p, j + 1, &d2);
    if (!k || d2 <= a.d)
        return 0;
    if (has(p, k, DS__W_MONTH))
        return 0; /* "March 30 to 2 April" is read by the general rule */
    size_t ye = opt_year(p, k, &y);
    e->a = a, e->b = a;
    e->a.y = e->b.y = y;
    e->b.d = d2;
    e->span = DS__SPAN_AB;
    return ye;
}

/* Fills in what a span's start leaves to its end: "from 4 to January 22,
 * 1995", "from December to February 2025". */
static void complete_start(ds__tpoint *a, const ds__tpoint *b)
{
    if (a->kind != DS__TP_DATE || b->kind != DS__TP_DATE)
        return;
    if (!a->y && b->y && (a->m < b->m || (a->m == b->m && a->d <= b->d)))
        a->y = b->y;
}

/* "to", "until" or a dash after a "from" start; "and" after "between". */
static bool span_join(P *p, size_t k, bool between)
{
    int r = rel(p, k);
    return between ? r == DS__REL_AND : (r == DS__REL_TO || r == DS__REL_UNTIL || dash(p, k));
}

/* A day named by a day word ("today", "yesterday"). */
static bool one_day(const ds__tpoint *pt)
{
    return pt->kind == DS__TP_CALUNIT && pt->unit == DS__U_DAY && !pt->prev;
}

/* An end of a span: a point, or "now" ("between now and November 15"),
 * which only a span makes a time. */
static size_t span_point(P *p, size_t i, ds__tpoint *pt)
{
    const char *part;
    if (spelled(p, i, DS__SP_NOW)) {
        *pt = (ds__tpoint){.kind = DS__TP_CALUNIT, .unit = DS__U_DAY};
        return i + 1;
    }
    return point_at(p, i, pt, &part, 1);
}

/* "next week between Wednesday and Friday", "this week from Tue to Thu":
 * two weekdays of a named week. */
static size_t week_days_span(P *p, size_t i, ds__texpr *e)
{
    const char *part;
    ds__tpoint wk;
    size_t k = relative_at(p, i, &wk, &part);
    if (!k || wk.kind != DS__TP_CALUNIT || wk.unit != DS__U_WEEK || wk.prev)
        return 0;
    bool between = rel(p, k) == DS__REL_BETWEEN;
    const ds__word *a = W(p, k + 1), *b = W(p, k + 3);
    if ((!between && rel(p, k) != DS__REL_FROM) || !a || !(a->cls & DS__W_WEEKDAY) || !b ||
        !(b->cls & DS__W_WEEKDAY) || !span_join(p, k + 2, between))
        return 0;
    e->a = (ds__tpoint){.kind = DS__TP_WEEKDAY, .wday = a->weekday, .off = wk.off,
                        .week_in = true};
    e->b = e->a, e->b.wday = b->weekday;
    e->span = DS__SPAN_AB;
    return k + 4;
}

/* f is the start flags of token i; pt_end and pt are point_at(p, i, .., 0),
 * which the caller has read. */
static size_t span_at(P *p, size_t i, unsigned f, ds__texpr *e, size_t pt_end,
                      const ds__tpoint *pt)
{
    size_t end = f & (S_R_RELATIVE | S_DAYWORD) ? week_days_span(p, i, e) : 0;
    if (end)
        return end;
    int r = rel(p, i);
    const char *part;
    size_t j = i;
    bool between = r == DS__REL_BETWEEN, from = r == DS__REL_FROM;
    if (between || from)
        j++;
    /* The day and month ranges start with a day or a month, after
     * "between" or "from" or at i. */
    end = j > i || (f & S_NUMBER) ? day_range(p, j, e) : 0;
    if (end && (between ? rel(p, j + 1) == DS__REL_AND : rel(p, j + 1) != DS__REL_AND))
        return end;
    end = j > i || (f & S_MONTH) ? month_day_range(p, j, e) : 0;
    if (end)
        return end;
    if (r == DS__REL_SINCE) {
        size_t k = point_at(p, i + 1, &e->a, &part, 1);
        if (!k || e->a.kind == DS__TP_SHIFT)
            return 0;
        e->span = DS__SPAN_SINCE;
        return k;
    }
    if (between || from) {
        int d1;
        size_t k = day_at(p, j, &d1);
        if (!k || !span_join(p, k, between) || !month_day(p, k + 1, &e->b, false) || !e->b.d)
            k = span_point(p, j, &e->a);
        else /* "from 4 to January 22, 1995": the start is a day of the end's month */
            e->a = e->b, e->a.d = d1;
        if (!k || !span_join(p, k, between))
            return 0;
        size_t m = span_point(p, k + 1, &e->b);
        if (!m)
            return 0;
        complete_start(&e->a, &e->b);
        e->span = DS__SPAN_AB;
        return m;
    }
    /* "December to February", "2014-2018", "January 12, 2016 - 01/22/2016",
     * "today till tomorrow" */
    size_t k = pt_end;
    if (!k || !(dash(p, k) || rel(p, k) == DS__REL_TO || rel(p, k) == DS__REL_UNTIL))
        return 0;
    e->a = *pt;
    bool days = one_day(&e->a);
    if (e->a.kind != DS__TP_DATE && !days)
        return 0;
    size_t m = point_at(p, k + 1, &e->b, &part, 1);
    if (!m || (days ? !one_day(&e->b)
                    : e->b.kind != DS__TP_DATE || (e->a.d != 0) != (e->b.d != 0)))
        return 0;
    if (has(p, m, DS__W_NOUN | DS__W_ROLE))
        return 0; /* "1800-2000 people" is a count */
    complete_start(&e->a, &e->b);
    e->span = DS__SPAN_AB;
    return m;
}

/* "over the next four days", "the past two weeks", "for two days",
 * "within 5 days". */
static size_t count_span(P *p, size_t i, ds__texpr *e)
{
    size_t j = i;
    int r = rel(p, j);
    bool lead = r == DS__REL_OVER || r == DS__REL_FOR || r == DS__REL_IN || r == DS__REL_DURING ||
                r == DS__REL_WITHIN;
    if (lead)
        j++;
    bool the = rel(p, j) == DS__REL_THE;
    if (the)
        j++;
    int r2 = rel(p, j);
    int kind = 0;
    bool prev = false;
    if (r2 == DS__REL_NEXT || r2 == DS__REL_FOLLOWING || r2 == DS__REL_COMING)
        kind = DS__SPAN_NEXT, prev = r2 == DS__REL_FOLLOWING || the;
    else if (r2 == DS__REL_PAST || r2 == DS__REL_LAST || r2 == DS__REL_PREVIOUS)
        kind = DS__SPAN_PAST, prev = r2 == DS__REL_PREVIOUS;
    int n, unit;
    if (kind) {
        size_t k = count_units(p, j + 1, &n, &unit);
        if (!k || (!lead && !the && n == 1))
            return 0;
        *e = (ds__texpr){.span = kind, .n = n, .unit = unit, .prev = prev};
        return k;
    }
    if ((r == DS__REL_FOR || r == DS__REL_WITHIN) && !the) {
        size_t k = count_units(p, j, &n, &unit);
        if (!k || rel(p, k) == DS__REL_AGO || rel(p, k) == DS__REL_LATER)
            return 0;
        *e = (ds__texpr){.span = r == DS__REL_FOR ? DS__SPAN_FOR : DS__SPAN_NEXT, .n = n,
                         .unit = unit, .prev = true};
        return k;
    }
    return 0;
}

/* Whether the rules that token i starts with flags f cannot apply because
 * of the token after it.  "the", "a", "in", "on", "for", "between" and the
 * other relative words start rules only as their first word: every such
 * rule goes on with a digit run, punctuation or a word of the time or
 * number lexicon (a unit, a month, a number word, a relative word, a word
 * tested by spelling), or with the few shapes the rules read by spelling:
 * a letter ("Q3", "H2", "w/c"), a short word starting with "a" and a
 * decade word ending in "ies" ("the seventies").  Most tokens that offer a
 * start are such words before a word outside the lexicon or one only the
 * quantity rules know ("the government", "in response", "the
 * killings"). */
/* Whether token j may start a number (ds__number_at reads one from a digit
 * run, a number word, "a" or "an"). */
static bool number_start(P *p, size_t j)
{
    const ds__tok *t = &p->t[j];
    return j < p->n && (t->kind == DS__TOK_NUM ||
                        (t->kind == DS__TOK_WORD && t->word >= 0 &&
                         (p->w->time_starts[t->word] & S_NUMBER)));
}

/* Whether the words after the relative word at i may make what bare_day
 * ("on the 27th", "on 15.") or count_span ("over the next four days",
 * "for two days") read: these are the only rules that "on", "in", "for",
 * "over" and "during" start, and most of them start neither ("on the
 * ground", "in a statement"). */
static bool bare_or_count(P *p, size_t i, unsigned f)
{
    if ((f & S_R_BARE) && i + 1 < p->n &&
        (p->t[i + 1].kind == DS__TOK_NUM || (rel(p, i + 1) == DS__REL_THE && number_start(p, i + 2))))
        return true;
    if (!(f & S_R_COUNT))
        return false;
    /* count_span's own first steps */
    int r = rel(p, i);
    size_t j = i + (r == DS__REL_OVER || r == DS__REL_FOR || r == DS__REL_IN ||
                    r == DS__REL_DURING || r == DS__REL_WITHIN);
    bool the = rel(p, j) == DS__REL_THE;
    int r2 = rel(p, j + the);
    return r2 == DS__REL_NEXT || r2 == DS__REL_FOLLOWING || r2 == DS__REL_COMING ||
           r2 == DS__REL_PAST || r2 == DS__REL_LAST || r2 == DS__REL_PREVIOUS ||
           ((r == DS__REL_FOR || r == DS__REL_WITHIN) && !the);
}

static bool leads_nowhere(P *p, size_t i, unsigned f)
{
    if (!(f & ~(S_R_BARE | S_R_COUNT)))
        return !bare_or_count(p, i, f);
    enum { LEAD = S_THE | S_COUNT | S_R_SEASON | S_R_BARE | S_R_RELATIVE | S_R_REST | S_R_SPAN |
                  S_R_COUNT };
    unsigned other = f & ~LEAD;
    /* "a" and "an" may start a number ("a dozen"), which goes on with a
     * number word, as every other number in words does. */
    if (other && (other != S_NUMBER || !(spelled(p, i, DS__SP_A) || spelled(p, i, DS__SP_AN))))
        return false;
    if (i + 1 >= p->n)
        return false;
    const ds__tok *u = &p->t[i + 1];
    size_t n = u->end - u->start;
    if (u->kind != DS__TOK_WORD || !(u->word < 0 || p->w->counting_only[u->word]) || n < 3)
        return false;
    const char *e = p->text + u->end;
    return !(n >= 6 && (e[-3] | 0x20) == 'i' && (e[-2] | 0x20) == 'e' && (e[-1] | 0x20) == 's');
}

/* The start flags of token i where an expression may start there, else
 * 0. */
static unsigned may_start(P *p, size_t i)
{
    const ds__tok *t = &p->t[i];
    if (t->kind != DS__TOK_WORD)
        return t->kind == DS__TOK_NUM ? S_NUM | S_NUMBER : 0;
    /* Every expression starts with a digit or a lexicon word; most tokens
     * are neither, and cost nothing more.  "Q3", "H2" and "w/c" start with
     * a letter of their own, "a week" with an article. */
    char c0 = p->text[t->start];
    size_t n = t->end - t->start;
    bool shape = (n == 1 && (c0 == 'Q' || c0 == 'H' || c0 == 'W' || c0 == 'w')) ||
                 ((c0 | 0x20) == 'a' && n <= 2);
    if (!ds__tok_known(p->w, t) && !shape)
        return 0;
    /* A token that offers no start starts nothing: not a point, not a
     * span (its first token is a point's, a day's, a month's or a
     * relative word's) and not a count of units (a relative word's).
     * Most words of the lexicon ("of", "killed") offer none. */
    unsigned f = (t->word >= 0 ? p->w->time_starts[t->word] : 0) |
                 (shape ? shape_starts(p, t) : 0);
    if (!f)
        return 0;
    /* Headings and banners in capitals ("THIS WEEK IN THE NEWS") are not
     * dates, and capitalised runs rarely are. */
    if (n > 1 && t->cap && p->text[t->start + 1] >= 'A' && p->text[t->start + 1] <= 'Z' &&
        i + 1 < p->n && p->t[i + 1].kind == DS__TOK_WORD && p->t[i + 1].cap &&
        p->t[i + 1].end - p->t[i + 1].start > 1 && p->text[p->t[i + 1].start + 1] >= 'A' &&
        p->text[p->t[i + 1].start + 1] <= 'Z')
        return 0;
    return leads_nowhere(p, i, f) ? 0 : f;
}

size_t ds__time_next(const ds__tparse *p, size_t i, size_t *cursor, unsigned *start)
{
    for (size_t c = *cursor; c < p->n_live; c++) {
        size_t k = p->live[c];
        if (k >= i && (*start = may_start(p, k))) {
            *cursor = c + 1;
            return k;
        }
    }
    *cursor = p->n_live;
    return p->n;
}

bool ds__time_parse(const ds__tparse *p, size_t i, unsigned f, ds__texpr *out)
{
    ds__texpr best, e;
    size_t best_end = 0, end;
    /* The point at i is read once: a span that starts with it reuses it. */
    ds__tpoint pt;
    const char *part = NULL;
    size_t pt_end = point_from(p, i, f, &pt, &part, 0);
    if (pt_end || (f & (S_R_RELATIVE | S_DAYWORD | S_R_SPAN | S_NUMBER | S_MONTH))) {
        memset(&e, 0, sizeof e);
        end = span_at(p, i, f, &e, pt_end, &pt);
        if (end > best_end)
            best = e, best_end = end;
    }
    /* count_span sets all of e when it reads something. */
    if ((f & S_R_COUNT) && (end = count_span(p, i, &e)) > best_end)
        best = e, best_end = end;
    if (pt_end > best_end) {
        memset(&best, 0, sizeof best);
        best.a = pt, best_end = pt_end;
        best.part = part;
    }
    if (!best_end)
        return false;
    best.ts = i;
    best.te = best_end;
    *out = best;
    return true;
}
