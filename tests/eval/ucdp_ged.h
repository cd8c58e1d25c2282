/* ucdp_ged.h: what the evaluations against UCDP GED (tests/eval/ucdp_*.c)
 * share: their options, reading the GED CSV by column name, reading its
 * scraped text fields as intake would, and a fixed-seed sample of misses.
 *
 * Ownership: a ucdp_ged owns the file's bytes and the current record; the
 * fields ucdp_ged_next returns stay valid until the next call.  Texts from
 * ucdp_text are ds_malloc'd and the caller frees them with ds_free. */
#ifndef DS_TESTS_EVAL_UCDP_GED_H
#define DS_TESTS_EVAL_UCDP_GED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gazetteer/gazetteer.h"

/* Reads the argument of a count option such as --misses: 0 to 100000.
 * Returns false, with a message on stderr, when it is not one. */
bool ucdp_count_arg(const char *prog, const char *option, const char *arg, size_t *out);
/* Opens the gazetteer at path, or the default one when path is NULL.
 * Returns NULL, with a message on stderr, when it cannot. */
ds_gazetteer *ucdp_gazetteer(const char *prog, const char *path);

typedef struct ucdp_ged {
    const char *prog, *path; /* for messages: "prog: path:line: ..." */
    char *data;
    const char *p, *end;
    size_t line;    /* 1-based line of p */
    size_t record;  /* the line the current record starts on */
    size_t ncols;   /* fields in the header */
    size_t skipped; /* rows skipped, by ucdp_ged_next or by the caller */
    char *buf;      /* the current record's unquoted fields, NUL-separated */
    size_t len, cap;
    size_t *off;    /* field starts in buf */
    size_t n, ncap;
    char **fields;
    size_t fcap;
} ucdp_ged;

/* Reads the CSV at path whole and its header, and sets col[i] to the
 * index of the column names[i].  Returns false, with a message on stderr,
 * when the file cannot be read, is empty or lacks a column. */
bool ucdp_ged_open(ucdp_ged *g, const char *prog, const char *path, const char *const *names,
                   size_t n, size_t *col);
/* Reads the next record that has as many fields as the header; the others
 * are reported (the first five) and counted in g->skipped.  Returns 1 with
 * the fields, 0 at the end, -1 on a malformed file or no memory (reported). */
int ucdp_ged_next(ucdp_ged *g, char ***fields);
void ucdp_ged_close(ucdp_ged *g);

/* Reports a row the caller skips, as ucdp_ged_next reports its own. */
void ucdp_ged_skip(ucdp_ged *g, const char *why);

/* A whole field read as a finite number. */
bool ucdp_parse_double(const char *s, double *out);

/* A scraped text field as intake would read it: HTML character references
 * decoded (some headlines were scraped with "Dar&#8217;a"), then
 * normalized; an empty field gives "".  Returns false on an error, reported
 * on stderr under prog's name. */
bool ucdp_text(const char *prog, const char *s, char **text, size_t *len);

/* Reservoir sampling with a fixed seed, so that a sample of misses spreads
 * over the whole file and is the same on every run: the slot in [0, max)
 * the seen-th candidate (counting from 1) takes, or SIZE_MAX when it is
 * left out.  *rng is the generator's state; start it nonzero. */
size_t ucdp_sample_slot(uint64_t *rng, size_t seen, size_t max);

#endif
