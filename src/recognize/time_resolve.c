#include <string.h>

#include "time_int.h"

/* Resolving a parsed expression: absolute dates need nothing, a year left
 * out is inferred from the publication date, and relative expressions are
 * computed from an anchor day.  When the publication is known only to the
 * month or year, a relative expression is computed from its first and its
 * last day and the result covers both, so the uncertainty shows in the
 * range and its precision.  A year left out is inferred once, as the latest
 * year that puts the date on or before the last possible publication day:
 * reports tell of the past, and "December 2" in a March report is the
 * December before it. */

static int32_t month_start(int y, int m)
{
    return ds_days_from_ymd(y, m, 1);
}

static int32_t month_end(int y, int m)
{
    return ds_days_from_ymd(y, m, ds_days_in_month(y, m));
}

static void add_months(int *y, int *m, int k)
{
    int total = *y * 12 + (*m - 1) + k;
    *y = total / 12;
    *m = total % 12 + 1;
}

static int year_of(int32_t day)
{
    int y, m, d;
    ds_ymd_from_days(day, &y, &m, &d);
    return y;
}

static bool valid_year(int y)
{
    return y >= 1 && y <= 9999;
}

/* A calendar date, month or year; y must be known.  A negative d is a run
 * of -d whole months from m (a quarter or a half year). */
static bool date_range(int y, int m, int d, int32_t *f, int32_t *l, ds_time_unit *u)
{
    if (!valid_year(y) || m < 0 || m > 12)
        return false;
    if (d < 0 && m > 0) {
        int ye = y, me = m;
        add_months(&ye, &me, -d - 1);
        *f = month_start(y, m), *l = month_end(ye, me), *u = DS_TIME_MONTH;
        return valid_year(ye);
    }
    if (m == 0) {
        *f = ds_days_from_ymd(y, 1, 1), *l = ds_days_from_ymd(y, 12, 31), *u = DS_TIME_YEAR;
    } else if (d == 0) {
        *f = month_start(y, m), *l = month_end(y, m), *u = DS_TIME_MONTH;
    } else {
        if (!ds_date_valid_ymd(y, m, d))
            return false;
        *f = *l = ds_days_from_ymd(y, m, d), *u = DS_TIME_DAY;
    }
    return true;
}

static void season_range(int y, int s, int32_t *f, int32_t *l)
{
    static const int first_month[] = {0, 3, 6, 9, 12};
    int m = first_month[s], y1 = y, m1 = m;
    add_months(&y1, &m1, 2);
    *f = month_start(y, m), *l = month_end(y1, m1);
}

static const int unit_days[] = {0, 1, 7, 14};

/* Day a moved by whole months (the day of the month kept where it exists,
 * else the month's last day), then by days. */
static int32_t offset_day(int32_t a, int months, int days)
{
    if (months) {
        int y, m, d;
        ds_ymd_from_days(a, &y, &m, &d);
        add_months(&y, &m, months);
        if (!valid_year(y))
            return a + days;
        int dm = ds_days_in_month(y, m);
        a = ds_days_from_ymd(y, m, d < dm ? d : dm);
    }
    return a + days;
}

/* The calendar unit around a day that a shift by that unit lands in: "two
 * weeks ago" is that week, "a decade ago" that year. */
static void widen(int32_t day, int unit, int32_t *f, int32_t *l, ds_time_unit *u)
{
    int y, m, d;
    ds_ymd_from_days(day, &y, &m, &d);
    if (unit <= DS__U_DAY) {
        *f = *l = day, *u = DS_TIME_DAY;
    } else if (unit <= DS__U_FORTNIGHT) {
        *f = day - ds_weekday(day), *l = *f + 6, *u = DS_TIME_WEEK;
    } else if (unit <= DS__U_QUARTER) {
        *f = month_start(y, m), *l = month_end(y, m), *u = DS_TIME_MONTH;
    } else {
        *f = ds_days_from_ymd(y, 1, 1), *l = ds_days_from_ymd(y, 12, 31), *u = DS_TIME_YEAR;
    }
}

/* "Friday the 15th": the 15th that is a Friday, in the anchor's month or
 * the nearest month before it. */
static bool weekday_of_day(int32_t a, int wday, int day, int32_t *f)
{
    int y, m, d;
    ds_ymd_from_days(a, &y, &m, &d);
    for (int k = 0; k < 12; k++, add_months(&y, &m, -1)) {
        if (!valid_year(y))
            return false;
        if (day <= ds_days_in_month(y, m)) {
            int32_t x = ds_days_from_ymd(y, m, day);
            if (ds_weekday(x) == wday)
                return *f = x, true;
        }
    }
    return false;
}

/* A point resolved from anchor day a (relative kinds) or bound (inferred
 * years). */
static bool point_at(const ds__tpoint *p, int32_t a, int32_t bound, int32_t *f, int32_t *l,
                     ds_time_unit *u)
{
    int y, m, d;
    ds_ymd_from_days(a, &y, &m, &d);
    switch (p->kind) {
    case DS__TP_DATE: {
        if (p->m == 0 && p->d > 0) {
            /* "on the 27th": in the anchor's month, or the one before when
             * that day is still to come. */
            int yy = y, mm = m;
            for (int k = 0; k < 3; k++) {
                if (date_range(yy, mm, p->d, f, l, u) && *f <= a)
                    return true;
                add_months(&yy, &mm, -1);
            }
            return false;
        }
        if (p->yrel)
            return date_range(y + p->y, p->m, p->d, f, l, u);
        if (p->off < 0) /* "last March": before the anchor's month */
            return date_range(p->m < m ? y : y - 1, p->m, p->d, f, l, u);
        if (p->off > 0) /* "next June": after it */
            return date_range(p->m > m ? y : y + 1, p->m, p->d, f, l, u);
        if (p->y)
            return date_range(p->y, p->m, p->d, f, l, u);
        int yb = year_of(bound);
        for (int k = 0; k < 8; k++) {
            if (date_range(yb - k, p->m, p->d, f, l, u) && *f <= bound)
                return true;
        }
        return false;
    }
    case DS__TP_SHIFT:
        widen(offset_day(a, p->months, p->days), p->unit, f, l, u);
        return valid_year(year_of(*f)) && valid_year(year_of(*l));
    case DS__TP_CALUNIT:
        switch (p->unit) {
        case DS__U_DAY:
            *f = *l = a + p->off, *u = DS_TIME_DAY;
            return true;
        case DS__U_WEEK:
        case DS__U_FORTNIGHT:
            *f = a - ds_weekday(a) + 7 * p->off, *l = *f + 6, *u = DS_TIME_WEEK;
            return true;
        case DS__U_MONTH:
            add_months(&y, &m, p->off);
            if (p->d > 0) /* "the 20th of next month" */
                return date_range(y, m, p->d, f, l, u);
            *f = month_start(y, m), *l = month_end(y, m), *u = DS_TIME_MONTH;
            return valid_year(y);
        case DS__U_QUARTER: {
            int q = (m - 1) / 3;
            int qm = q * 3 + 1;
            add_months(&y, &qm, 3 * p->off);
            int ye = y, me = qm;
            add_months(&ye, &me, 2);
            *f = month_start(y, qm), *l = month_end(ye, me), *u = DS_TIME_MONTH;
            return valid_year(y) && valid_year(ye);
        }
        case DS__U_DECADE:
            y = y / 10 * 10 + 10 * p->off;
            if (!valid_year(y) || !valid_year(y + 9))
                return false;
            *f = ds_days_from_ymd(y, 1, 1), *l = ds_days_from_ymd(y + 9, 12, 31);
            *u = DS_TIME_DECADE;
            return true;
        default:
            return date_range(y + p->off, 0, 0, f, l, u);
        }
    case DS__TP_WEEKDAY: {
        int32_t day;
        if (p->d > 0) {
            if (!weekday_of_day(a, p->wday, p->d, &day))
                return false;
        } else if (p->bare_weekday) {
            day = a - ((ds_weekday(a) - p->wday + 7) % 7);
        } else if (p->week_in) {
            day = a - ds_weekday(a) + p->wday + 7 * p->off;
        } else if (p->off < 0) {
            day = a - 1 - ((ds_weekday(a - 1) - p->wday + 7) % 7);
        } else {
            day = a - ds_weekday(a) + p->wday + 7 * p->off;
        }
        *f = *l = day, *u = DS_TIME_DAY;
        return true;
    }
    case DS__TP_DECADE: {
        int dy = p->y, len = p->years ? p->years : 10;
        if (p->century) {
            int ya = year_of(bound);
            dy = ya / 100 * 100 + p->y;
            if (dy > ya)
                dy -= 100;
        }
        if (!valid_year(dy) || !valid_year(dy + len - 1))
            return false;
        *f = ds_days_from_ymd(dy, 1, 1), *l = ds_days_from_ymd(dy + len - 1, 12, 31);
        *u = DS_TIME_DECADE;
        return true;
    }
    case DS__TP_SEASON: {
        if (p->y) {
            if (!valid_year(p->y) || !valid_year(p->y + 1))
                return false;
            season_range(p->y, p->season, f, l);
        } else {
            int yb = year_of(bound);
            season_range(yb, p->season, f, l);
            if (*f > bound)
                season_range(yb - 1, p->season, f, l);
            if (p->off)
                season_range(year_of(*f) + p->off, p->season, f, l);
        }
        *u = DS_TIME_MONTH;
        return true;
    }
    default:
        return false;
    }
}

/* "the second week of March", "early March" and "the week of March 3"
 * narrow or move a range; false when what they name does not exist ("the
 * fifth Sunday" of a month with four). */
static bool narrow(const ds__tpoint *p, int32_t *f, int32_t *l, ds_time_unit *u)
{
    if (p->nth && *u == DS_TIME_MONTH) {
        int32_t day = *f + (p->wday - ds_weekday(*f) + 7) % 7 + 7 * (p->nth - 1);
        if (day > *l)
            return false;
        *f = *l = day;
        *u = DS_TIME_DAY;
        return true;
    }
    if (p->week_around && *u == DS_TIME_DAY) {
        if (p->week_around == 1)
            *f -= ds_weekday(*f);
        *l = *f + 6, *u = DS_TIME_WEEK;
        return true;
    }
    if (p->week_of && *u == DS_TIME_MONTH) {
        int32_t end = *l;
        *f += 7 * (p->week_of - 1);
        *l = *f + 6 < end ? *f + 6 : end;
        if (*f > end)
            *f = end;
        *u = DS_TIME_WEEK;
    }
    if (p->fuzzy && *u == DS_TIME_MONTH) {
        /* Parts of a month are the usual tens: 1-10, 11-20, 21 to the end. */
        int32_t end = *l;
        if (p->fuzzy == 1)
            *l = *f + 9;
        else if (p->fuzzy == 2)
            *f += 10, *l = *f + 9;
        else
            *f += 20;
        *l = *l < end ? *l : end;
        *u = DS_TIME_WEEK;
    } else if (p->fuzzy) {
        int32_t len = *l - *f + 1, third = len / 3;
        if (third < 1)
            return true;
        if (p->fuzzy == 1)
            *l = *f + third - 1;
        else if (p->fuzzy == 2)
            *f += third, *l = *f + third - 1;
        else
            *f += 2 * third;
        *u = *u == DS_TIME_DECADE ? DS_TIME_YEAR : *u == DS_TIME_YEAR ? DS_TIME_MONTH
                                                                     : DS_TIME_WEEK;
    }
    return true;
}

static bool point_needs_pub(const ds__tpoint *p)
{
    switch (p->kind) {
    case DS__TP_DATE:
    case DS__TP_SEASON:
        return p->y == 0 || p->yrel || (p->kind == DS__TP_DATE && p->m == 0 && p->d > 0);
    case DS__TP_DECADE:
        return p->century;
    default:
        return true;
    }
}

static bool point_relative(const ds__tpoint *p)
{
    return p->yrel || (p->kind == DS__TP_DATE && ((p->m == 0 && p->d > 0) || p->off)) ||
           p->kind == DS__TP_SHIFT || p->kind == DS__TP_CALUNIT || p->kind == DS__TP_WEEKDAY;
}

/* The unit that a range of this many days is known to. */
static ds_time_unit unit_of_len(int32_t days)
{
    /* A week either side of a month-precise anchor is still "that month". */
    return days <= 1 ? DS_TIME_DAY : days <= 7 ? DS_TIME_WEEK : days <= 62 ? DS_TIME_MONTH
                                                                           : DS_TIME_YEAR;
}

typedef struct anchors {
    bool have_pub, have_prev;
    int32_t a0, a1, prev;
} anchors;

static bool resolve_point(const ds__tpoint *p, const anchors *an, int32_t *f, int32_t *l,
                          ds_time_unit *u, ds_time_anchor *how)
{
    *how = DS_ANCHOR_NONE;
    if (!point_needs_pub(p))
        return point_at(p, 0, 0, f, l, u) && narrow(p, f, l, u);
    if (p->prev && an->have_prev) {
        *how = DS_ANCHOR_PREVIOUS;
        return point_at(p, an->prev, an->prev, f, l, u) && narrow(p, f, l, u);
    }
    if (p->rest) {
        /* From the anchor's first day to the end of its unit, or from the
         * unit's start to the day before the anchor. */
        int32_t a = p->rest > 0 ? an->a1 : an->a0;
        if (!an->have_pub || !point_at(p, a, a, f, l, u))
            return false;
        if (p->rest > 0)
            *f = an->a0 > *f ? an->a0 : *f;
        else
            *l = an->a1 - 1 > *f ? an->a1 - 1 : *f;
        *u = DS_TIME_DAY;
        *how = DS_ANCHOR_PUBLISHED;
        return true;
    }
    if (!an->have_pub)
        return false;
    *how = point_relative(p) ? DS_ANCHOR_PUBLISHED : DS_ANCHOR_INFERRED;
    if (!point_at(p, an->a0, an->a1, f, l, u) || !narrow(p, f, l, u))
        return false;
    if (point_relative(p) && an->a1 != an->a0) {
        int32_t f2, l2;
        ds_time_unit u2;
        if (!point_at(p, an->a1, an->a1, &f2, &l2, &u2) || !narrow(p, &f2, &l2, &u2))
            return false;
        *l = l2 > *l ? l2 : *l;
        *f = f2 < *f ? f2 : *f;
        ds_time_unit wide = unit_of_len(*l - *f + 1);
        *u = wide > *u ? wide : *u;
    }
    return true;
}

/* n units after or before day a. */
static int32_t shift_days(int32_t a, int n, int unit)
{
    if (unit <= DS__U_FORTNIGHT)
        return a + n * unit_days[unit];
    int y, m, d;
    ds_ymd_from_days(a, &y, &m, &d);
    int months = unit == DS__U_MONTH ? n : unit == DS__U_QUARTER ? 3 * n
                 : unit == DS__U_YEAR ? 12 * n : unit == DS__U_DECADE ? 120 * n : 1200 * n;
    add_months(&y, &m, months);
    if (!valid_year(y))
        return a;
    int dm = ds_days_in_month(y, m);
    return ds_days_from_ymd(y, m, d < dm ? d : dm);
}

static ds_time_unit unit_precision(int unit)
{
    return unit <= DS__U_DAY ? DS_TIME_DAY : unit <= DS__U_FORTNIGHT ? DS_TIME_WEEK
           : unit <= DS__U_QUARTER ? DS_TIME_MONTH : DS_TIME_YEAR;
}

static bool resolve_count(const ds__texpr *e, const anchors *an, ds__tres *r)
{
    int32_t base0, base1;
    if (e->prev && an->have_prev) {
        base0 = base1 = an->prev, r->anchor = DS_ANCHOR_PREVIOUS;
    } else if (an->have_pub) {
        base0 = an->a0, base1 = an->a1, r->anchor = DS_ANCHOR_PUBLISHED;
    } else {
        return false;
    }
    switch (e->span) {
    case DS__SPAN_NEXT:
        r->first = base0 + 1, r->last = shift_days(base1, e->n, e->unit);
        break;
    case DS__SPAN_PAST:
        r->first = shift_days(base0, -e->n, e->unit), r->last = base1 - 1;
        break;
    default: /* FOR */
        r->first = base0, r->last = shift_days(base1, e->n, e->unit) - 1;
        break;
    }
    if (r->last < r->first)
        r->last = r->first;
    r->unit = base0 == base1 ? DS_TIME_DAY : unit_of_len(base1 - base0 + 1);
    if (e->unit > DS__U_FORTNIGHT && unit_precision(e->unit) > r->unit)
        r->unit = DS_TIME_DAY; /* the ends are still days from the anchor */
    r->carry = r->last;
    return true;
}

/* A point whose day is read from the other end of its span: a date
 * without a year ("from December to February") or a bare weekday ("from
 * Tuesday to Thursday") comes before the end. */
static bool reads_from_end(const ds__tpoint *a)
{
    return (a->kind == DS__TP_DATE && a->y == 0 && !a->yrel) ||
           (a->kind == DS__TP_WEEKDAY && a->bare_weekday && !a->d);
}

/* "from 6 March 2025 to 10 March", "between now and November 15": an end
 * without a year follows the start. */
static bool resolve_end_after(const ds__tpoint *b0, int32_t fa, const anchors *an, int32_t *fb,
                              int32_t *lb, ds_time_unit *ub)
{
    ds__tpoint b = *b0;
    ds_time_anchor hb;
    b.y = year_of(fa);
    if (!resolve_point(&b, an, fb, lb, ub, &hb))
        return false;
    if (*fb < fa) {
        b.y++;
        return resolve_point(&b, an, fb, lb, ub, &hb);
    }
    return true;
}

static bool resolve_ab(const ds__texpr *e, const anchors *an, ds__tres *r)
{
    int32_t fa, la, fb, lb;
    ds_time_unit ua, ub;
    ds_time_anchor how, hb;
    const ds__tpoint *a = &e->a, *b = &e->b;
    if (!reads_from_end(a) && b->kind == DS__TP_DATE && b->y == 0 && !b->yrel && b->m) {
        if (!resolve_point(a, an, &fa, &la, &ua, &how) ||
            !resolve_end_after(b, fa, an, &fb, &lb, &ub))
            return false;
    } else {
        if (!resolve_point(b, an, &fb, &lb, &ub, &hb))
            return false;
        anchors an_a = *an;
        bool from_end = reads_from_end(a);
        if (from_end) {
            /* The start comes before the end, in the days up to it. */
            an_a.have_pub = true, an_a.a0 = an_a.a1 = lb;
            an_a.have_prev = false;
        }
        if (!resolve_point(a, &an_a, &fa, &la, &ua, &how))
            return false;
        /* A start read from the end is as anchored as the end is. */
        if (how == DS_ANCHOR_NONE || from_end)
            how = hb;
    }
    if (fb < fa)
        return false;
    r->first = fa, r->last = lb, r->unit = ua > ub ? ua : ub, r->anchor = how;
    r->carry = lb;
    return true;
}

bool ds__time_resolve(const ds__texpr *e, bool have_pub, int32_t a0, int32_t a1,
                      bool have_prev, int32_t prev, ds__tres *r)
{
    anchors an = {have_pub, have_prev, a0, a1, prev};
    memset(r, 0, sizeof *r);
    if (e->span == DS__SPAN_NEXT || e->span == DS__SPAN_PAST || e->span == DS__SPAN_FOR)
        return resolve_count(e, &an, r);
    ds_time_anchor how;
    if (e->span == DS__SPAN_AB)
        return resolve_ab(e, &an, r);
    if (!resolve_point(&e->a, &an, &r->first, &r->last, &r->unit, &how))
        return false;
    r->anchor = how;
    r->carry = r->first;
    if (e->a.ambiguous) {
        ds__tpoint alt = e->a;
        alt.m = e->a.alt_m, alt.d = e->a.alt_d;
        ds_time_unit u;
        ds_time_anchor h;
        r->ambiguous = resolve_point(&alt, &an, &r->alt_first, &r->alt_last, &u, &h);
    }
    if (e->span == DS__SPAN_SINCE) {
        r->carry = r->first;
        if (have_pub && a1 > r->first)
            r->last = a1;
        if (have_pub && a1 != a0)
            r->unit = r->unit > DS_TIME_MONTH ? r->unit : DS_TIME_MONTH;
    }
    return true;
}
