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
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int32_t ds_days_from_iso(const char *iso)
{
    int y = 0, m = 0, d = 0;
    if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !ds_date_valid_ymd(y, m, d))
        return INT32_MIN;
    return ds_days_from_ymd(y, m, d);
}
