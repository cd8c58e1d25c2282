#include "model.h"

#include <stdio.h>

/* Day numbers count from 1970-01-01 in the proleptic Gregorian calendar, so
 * date arithmetic ("three days later", "last week") is integer arithmetic.
 * The conversion is the usual era-based one: 400-year eras have a fixed
 * length of 146097 days, which keeps it exact without tables. */
int32_t ds_days_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void ds_ymd_from_days(int32_t days, int *y, int *m, int *d)
{
    int32_t z = days + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int ds_weekday(int32_t days)
{
    /* 1970-01-01 was a Thursday, index 3 when Monday is 0. */
    int w = (int)((days + 3) % 7);
    return w < 0 ? w + 7 : w;
}

int ds_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

void ds_iso_from_days(int32_t days, char out[11])
{
    int y, m, d;
    ds_ymd_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999; /* ISO strings have four digits; callers stay in range */
    /* Written by hand: snprintf costs more than the date arithmetic, and
     * every mention printed needs two of these. */
    const int parts[3][2] = {{y, 4}, {m, 2}, {d, 2}};
    char *o = out;
    for (int k = 0; k < 3; k++) {
        if (k)
            *o++ = '-';
        for (int i = parts[k][1] - 1, v = parts[k][0]; i >= 0; i--, v /= 10)
            o[i] = (char)('0' + v % 10);
        o += parts[k][1];
    }
    *o = '\0';
}

/* Whether s[0..n) are all ASCII digits. */
static bool all_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int32_t ds_days_from_iso(const char *iso)
{
    int y = 0, m = 0, d = 0;
    /* The recognizers convert the publication date on every call, so the
     * plain YYYY-MM-DD form is read by hand; anything else goes through
     * sscanf, which reads it exactly as before. */
    if (all_digits(iso, 4) && iso[4] == '-' && all_digits(iso + 5, 2) && iso[7] == '-' &&
        all_digits(iso + 8, 2)) {
        y = digits_value(iso, 4), m = digits_value(iso + 5, 2), d = digits_value(iso + 8, 2);
        if (!ds_date_valid_ymd(y, m, d))
            return INT32_MIN;
    } else if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !ds_date_valid_ymd(y, m, d))
        return INT32_MIN;
    return ds_days_from_ymd(y, m, d);
}
