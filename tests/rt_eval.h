/* rt_eval.h: the time and quantity recognizers measured against the test
 * specifications of Microsoft Recognizers-Text (../shared/data/
 * recognizers-text, read at run time and never copied here).
 *
 * Three files are read: DateTime/English/DateParser.json (single dates),
 * DateTime/English/DatePeriodParser.json (date periods) and
 * Number/English/NumberRangeModel.json (number ranges such as "more than
 * 30").  Cases outside what dossier reads (times of day, seasons, ISO week
 * numbers, math notation, ...) are excluded by rules that look only at the
 * case itself, and counted by category; docs/time_quantity_eval.md explains
 * each rule and why.  The evaluator is shared by the test runner
 * (tests/test_time_eval.c) and by the recognizers-eval program
 * (tests/eval/recognizers.c).
 */
#ifndef DS_RT_EVAL_H
#define DS_RT_EVAL_H

#include <stdio.h>

#include "core.h"

typedef enum rt_file_id { RT_FILE_DATE = 0, RT_FILE_PERIOD, RT_FILE_RANGE, RT_FILE_N } rt_file_id;

/* Why a case is left out.  The first rule that applies names the case. */
typedef enum rt_category {
    RT_EX_BY_DESIGN = 0, /* RT marks it NotSupportedByDesign */
    RT_EX_TIME_OF_DAY,   /* the expected TIMEX has a time of day (T...) */
    RT_EX_SEASON,        /* spring, summer, autumn, winter */
    RT_EX_WEEKEND,       /* "the weekend" (TIMEX ...-WE) */
    RT_EX_NUMBERED_WEEK, /* "week 10", "the third week of July" */
    RT_EX_BUSINESS_DAYS, /* "in four business days" */
    RT_EX_DURATION,      /* "within 5 days", "for 3 days from today", "more than 2 weeks
                          * after today" */
    RT_EX_ANAPHORIC,     /* "the next day", "two years later", "the same week", "my day" */
    RT_EX_NO_DAYS,       /* RT's answer has no first and last day */
    RT_EX_MATH,          /* ">10", "<= 100", "20~100" */
    RT_EX_NEGATIVE,      /* a negative bound */
    RT_EX_FRACTION,      /* a bound that is not a whole number: "more than half" */
    RT_EX_ORDINAL,       /* ranks, not counts: "between the tenth and the fifteenth" */
    RT_EX_TWO_BOUNDS,    /* two comparatives: "more than 10 and less than 40" */
    RT_EX_N
} rt_category;

/* Why an in-scope case fails: the first failing expectation names it. */
typedef enum rt_failure {
    RT_FAIL_MISSED = 0, /* nothing found over the expected span */
    RT_FAIL_SPAN,       /* something found there, with other bounds */
    RT_FAIL_UNRESOLVED, /* the span, but no days */
    RT_FAIL_VALUE,      /* the span, with other days or another interval */
    RT_FAIL_INVALID,    /* days given for a date RT calls impossible ("Feb 30") */
    RT_FAIL_EXTRA,      /* every expectation met, but something more found */
    RT_FAIL_N
} rt_failure;

typedef struct rt_file_result {
    const char *name;               /* path under Specs/ */
    size_t cases;                   /* every case in the file */
    size_t in_scope, passed;
    size_t passed_alt;              /* passed on the second reading of an ambiguous numeric date */
    size_t flagged, flagged_passed; /* in-scope cases RT marks NotSupported in some port */
    size_t excluded[RT_EX_N];
    size_t failed[RT_FAIL_N];
} rt_file_result;

typedef struct rt_eval_options {
    FILE *out;           /* where failing cases are printed; NULL prints none */
    size_t max_failures; /* at most this many per file */
    int only_failure;    /* print only failures of this rt_failure; -1 for all */
    bool list_excluded;  /* also print every excluded case with its category */
} rt_eval_options;

const char *rt_file_name(rt_file_id f);
const char *rt_category_name(rt_category c);
const char *rt_failure_name(rt_failure f);
/* Parses a failure name as printed; -1 when unknown. */
int rt_failure_parse(const char *s);

/* True when dir holds the three spec files. */
bool rt_eval_data_present(const char *dir);

/* Runs every case of the three files under dir/Specs.  Fails only when a
 * file cannot be read or parsed, or a recognizer cannot be built. */
ds_status rt_eval_run(const char *dir, const rt_eval_options *opt, rt_file_result res[RT_FILE_N],
                      ds_error *err);

/* Prints the per-file figures and the exclusions by category. */
void rt_eval_print(FILE *out, const rt_file_result res[RT_FILE_N]);

#endif
