/* time.h: finding time expressions in text and resolving them to day
 * ranges (the time part of the recognize stage, DESIGN.md §2).
 *
 * A ds_times recognizer owns the word lexicons it loads (time_words.tsv,
 * number_words.tsv and the others of words.h) and keeps no state between
 * calls, so one recognizer may serve many documents, one at a time.
 * Mentions are allocated from the caller's arena.
 */
#ifndef DS_RECOGNIZE_TIME_H
#define DS_RECOGNIZE_TIME_H
#include "core.h"
#include "model.h"

typedef struct ds_times ds_times;

typedef enum ds_time_unit {
    DS_TIME_DAY = 1,
    DS_TIME_WEEK,
    DS_TIME_MONTH,
    DS_TIME_YEAR,
    DS_TIME_DECADE
} ds_time_unit;

const char *ds_time_unit_name(ds_time_unit u); /* "day", "week", ... */

/* How numeric dates such as 3/6/2025 are read. */
typedef enum ds_date_order {
    DS_ORDER_UNKNOWN = 0, /* month first for 3/6/2025, day first for 6.3.2025; both kept */
    DS_ORDER_DMY,
    DS_ORDER_MDY
} ds_date_order;

typedef enum ds_time_anchor {
    DS_ANCHOR_NONE = 0,  /* absolute: "6 March 2025" */
    DS_ANCHOR_PUBLISHED, /* relative to the publication date: "last week" */
    DS_ANCHOR_PREVIOUS,  /* relative to the last date the text set: "the following day" */
    DS_ANCHOR_INFERRED   /* a year inferred from the publication: "June 22" */
} ds_time_anchor;

typedef struct ds_time_mention {
    size_t start, end;      /* byte span */
    int32_t first, last;    /* inclusive day numbers (ds_days_from_ymd) */
    ds_time_unit precision; /* how precisely the ends are known */
    int acled_precision;    /* 1 a day, 2 a week or a few days, 3 a month or more */
    ds_time_anchor anchor;
    bool resolved;          /* false when it needs a publication date it lacks */
    bool span;              /* stated as an interval: "between 6 and 10 March", "since" */
    bool ambiguous;         /* a numeric date with a second reading: */
    int32_t alt_first, alt_last;
    const char *part;       /* "morning", "evening", "early", "mid", "late", or NULL */
} ds_time_mention;

typedef struct ds_time_context {
    ds_date published;   /* precision DS_PREC_NONE when unknown */
    ds_date_order order;
} ds_time_context;

ds_status ds_times_new(ds_times **out, ds_error *err);
void ds_times_free(ds_times *t);

/* Finds the time expressions of text[0..len) in text order. */
ds_status ds_times_find(const ds_times *t, const char *text, size_t len,
                        const ds_time_context *ctx, ds_arena *arena, ds_time_mention **out,
                        size_t *n, ds_error *err);

#endif
