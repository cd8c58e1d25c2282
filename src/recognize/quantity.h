/* quantity.h: numbers and vague quantities with their qualifiers, and what
 * each one counts (the quantity part of the recognize stage, DESIGN.md §2).
 *
 * A ds_quantities recognizer owns its lexicons (number_words.tsv,
 * quantity_policy.tsv, count_words.tsv, time_words.tsv) and keeps no state
 * between calls.  Quantities are allocated from the caller's arena; their
 * string fields point into the recognizer and live as long as it does.
 */
#ifndef DS_RECOGNIZE_QUANTITY_H
#define DS_RECOGNIZE_QUANTITY_H
#include "core.h"
#include "time.h"

typedef struct ds_quantities ds_quantities;

typedef enum ds_count_role {
    DS_ROLE_NONE = 0,
    DS_ROLE_KILLED,
    DS_ROLE_INJURED,
    DS_ROLE_ABDUCTED,
    DS_ROLE_DETAINED,
    DS_ROLE_DISPLACED
} ds_count_role;

const char *ds_count_role_name(ds_count_role r); /* "killed", ...; NULL for NONE */

typedef enum ds_qty_relation {
    DS_REL_EQ = 0, /* "13" */
    DS_REL_GE,     /* "at least 13", "13 or more" */
    DS_REL_GT,     /* "more than 13" */
    DS_REL_LE,     /* "up to 13" */
    DS_REL_LT,     /* "fewer than 13" */
    DS_REL_APPROX, /* "about 13", "nearly 13" */
    DS_REL_RANGE,  /* "between 13 and 20", "13-20" */
    DS_REL_VAGUE   /* "dozens" */
} ds_qty_relation;

typedef struct ds_quantity {
    size_t start, end;        /* the phrase with its qualifier: "at least 973" */
    double x, y;              /* the stated numbers; y is NAN unless a range */
    ds_qty_relation relation;
    /* The interval under the policy file; NAN means unbounded.  value is
     * the point estimate the policy gives (ACLED-style by default). */
    double value, low, high;
    const char *qualifier;    /* the policy phrase ("at least N", "dozens"), or NULL */
    bool ordinal;             /* "the third" */
    bool words;               /* written in words */
    size_t noun_start, noun_end; /* what it counts as written ("Alawite civilians"); 0,0 if unknown */
    const char *counts;       /* the class of that: "people", "weapons", "places",
                               * "money", "percent", "time", "age", "distance", ...; NULL if unknown */
    ds_count_role role;       /* what happened to the people counted */
    unsigned roles;           /* every role found, as 1 << ds_count_role */
    size_t role_start, role_end; /* the word that gave the role */
    bool generic;             /* a rate, not one event: "five or 10 per day" */
} ds_quantity;

ds_status ds_quantities_new(ds_quantities **out, ds_error *err);
void ds_quantities_free(ds_quantities *q);

/* An excluded byte span: numbers inside it (dates) are not quantities. */
typedef struct ds_span {
    size_t start, end;
} ds_span;

/* The byte spans of n time mentions, as the skip spans of the functions
 * below: an arena array (NULL only when memory runs out, even for n = 0). */
ds_span *ds_time_spans(const ds_time_mention *m, size_t n, ds_arena *arena);

/* Finds the quantities of text[0..len) in text order, skipping numbers in
 * the sorted spans `skip` (the time mentions of the same text). */
ds_status ds_quantities_find(const ds_quantities *q, const char *text, size_t len,
                             const ds_span *skip, size_t n_skip, ds_arena *arena,
                             ds_quantity **out, size_t *n, ds_error *err);

/* The times of text (as ds_times_find), then its quantities outside them
 * (as ds_quantities_find with the times as skip spans), from one pass of
 * the tokenizer: what every caller that wants both should use. */
ds_status ds_tq_find(const ds_times *tr, const ds_quantities *qr, const char *text, size_t len,
                     const ds_time_context *ctx, ds_arena *arena, ds_time_mention **times,
                     size_t *n_times, ds_quantity **quantities, size_t *n_quantities,
                     ds_error *err);

#endif
