/* time_int.h: the parsed form of a time expression, between the parser
 * (time_parse.c) and the resolver (time_resolve.c).  Internal. */
#ifndef DS_RECOGNIZE_TIME_INT_H
#define DS_RECOGNIZE_TIME_INT_H
#include "time.h"
#include "words.h"

struct ds_times {
    ds__words *w;
};

/* The word lexicon the recognizer tokenizes with, and ds_times_find over
 * tokens made with it: ds_tq_find (quantity.c) tokenizes once for times
 * and quantities. */
const ds__words *ds__times_words(const ds_times *tm);
ds_status ds__times_in_tokens(const ds_times *tm, const char *text, const ds__toks *tk,
                              const ds_time_context *ctx, ds_arena *arena,
                              ds_time_mention **out, size_t *n, ds_error *err);

/* One point of time as written, before an anchor gives it days. */
enum {
    DS__TP_DATE = 1, /* y (0: infer), m (0: the whole year), d (0: the whole month) */
    DS__TP_SHIFT,    /* anchor shifted by months, then days, then widened to the unit */
    DS__TP_CALUNIT,  /* the calendar unit containing the anchor, shifted by off */
    DS__TP_WEEKDAY,  /* a weekday relative to the anchor (off: -1 last, 0 this/none, 1 next) */
    DS__TP_DECADE,   /* y: the first year; century 0 means infer it; years long */
    DS__TP_SEASON    /* season in y (0: infer) */
};

typedef struct ds__tpoint {
    int kind;
    int y, m, d;
    int off, unit, wday, season;
    bool yrel;        /* "November last year": y is an offset from the anchor's year */
    bool prev;        /* counts from the last date the text set */
    bool bare_weekday;/* "on Thursday": the latest one on or before the anchor */
    int nth;          /* "the second Sunday of March": 1..5 with wday, in the month of the point */
    int rest;         /* 1 "the rest of the month", "later this year": from the anchor
                       * to the unit's end; -1 "earlier this month": from the unit's
                       * start to the day before the anchor */
    bool week_in;     /* "Friday next week": the weekday of the week off weeks away */
    bool century;     /* a decade written without its century ("the 70s") */
    int fuzzy;        /* 1 early, 2 mid, 3 late: a third of the range */
    int week_of;      /* "the second week of": 1..5 */
    bool ambiguous;   /* numeric date with another reading */
    int alt_m, alt_d;
    int months, days; /* SHIFT: "1 month and 21 days ago" is -1 and -21 */
    int years;        /* DECADE: its length, 10 (0) or 100 ("the 15th century") */
    int week_around;  /* 1 "the week of March 3" (Monday to Sunday), 2 "the week
                       * starting March 3" (seven days from it) */
} ds__tpoint;

enum {
    DS__SPAN_NONE = 0,
    DS__SPAN_AB,     /* from a to b */
    DS__SPAN_SINCE,  /* from a to the publication */
    DS__SPAN_NEXT,   /* the n units after the anchor */
    DS__SPAN_PAST,   /* the n units before the anchor */
    DS__SPAN_FOR     /* n units from the last date set ("for two days") */
};

typedef struct ds__texpr {
    size_t ts, te;    /* token span */
    ds__tpoint a, b;
    int span;
    int n, unit;      /* for NEXT, PAST and FOR */
    bool prev;        /* NEXT and PAST count from the last date set */
    const char *part; /* part of the day, or a fuzzy word */
} ds__texpr;

/* The numbers read at recent tokens: the rules tried at one token read
 * the number there (a day? a year? a count of days?) several times, and a
 * few slots, by token, keep each reading once. */
enum { DS__NUM_MEMO = 8 };
typedef struct ds__num_memo {
    size_t tok[DS__NUM_MEMO]; /* 1 + the token of each slot, 0 empty */
    bool found[DS__NUM_MEMO];
    ds__number nb[DS__NUM_MEMO];
} ds__num_memo;

typedef struct ds__tparse {
    const ds__words *w;
    const char *text;
    const ds__tok *t;
    size_t n;
    ds_date_order order;
    ds__num_memo *memo; /* the parse's own, written while it reads */
    const uint32_t *live; /* the tokens where an expression may start (ds__toks) */
    size_t n_live;
} ds__tparse;

typedef struct ds__tres {
    int32_t first, last;
    ds_time_unit unit;
    ds_time_anchor anchor;
    bool ambiguous;
    int32_t alt_first, alt_last;
    int32_t carry;    /* the day a later "the following day" counts from */
} ds__tres;

/* The first token from i on where a time expression may start, or p->n,
 * with what it offers the grammar in *start.  Only live tokens are read;
 * *cursor, 0 at first, is the position in p->live to go on from. */
size_t ds__time_next(const ds__tparse *p, size_t i, size_t *cursor, unsigned *start);
/* Parses the longest time expression starting at token i, which
 * ds__time_next returned with start. */
bool ds__time_parse(const ds__tparse *p, size_t i, unsigned start, ds__texpr *e);
/* Resolves it against the publication range [a0, a1] (when have_pub) and
 * the last day the text set (when have_prev); false when it needs an
 * anchor it lacks. */
bool ds__time_resolve(const ds__texpr *e, bool have_pub, int32_t a0, int32_t a1,
                      bool have_prev, int32_t prev, ds__tres *r);

#endif
