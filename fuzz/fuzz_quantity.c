/* Fuzz target: the quantity recognizer (ds_quantities_find) on arbitrary
 * bytes, the way ds_tq_annotate (src/recognize/tq_json.c) runs it: the time
 * mentions of the same text, found first with a fixed publication date
 * (2025-03-19), are the spans whose numbers are skipped.  Both recognizers
 * are loaded once, from the data folder (DOSSIER_DATA, which
 * scripts/fuzz.sh sets to ./data, else data/ beside build-fuzz/).
 *
 * Every quantity is checked against the promises of quantity.h (spans in
 * the text, text order, enums in range, y only for ranges, nothing taken
 * from inside a date, none running into one) and turned into JSON as the CLI does, since that code
 * indexes name tables by the relation and role.
 */
#include <math.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/tq_json.h"

#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "fuzz_quantity: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

static ds_times *tm;
static ds_quantities *qr;
static ds_time_context ctx;

static void load_once(void)
{
    if (qr)
        return;
    ds_error err = {0};
    if (ds_times_new(&tm, &err) != DS_OK || ds_quantities_new(&qr, &err) != DS_OK ||
        ds_date_parse_iso("2025-03-19", DS_PREC_DAY, &ctx.published) != DS_OK) {
        fprintf(stderr, "fuzz_quantity: %s (run from the repository or set DOSSIER_DATA)\n",
                err.msg);
        abort();
    }
}

/* The role bits a quantity may carry: 1 << killed .. 1 << displaced. */
enum { ROLE_BITS = ((1u << (DS_ROLE_DISPLACED + 1)) - 1) & ~1u };

static void check(const char *text, size_t len, const ds_span *skip, size_t n_skip,
                  const ds_quantity *q, size_t n)
{
    size_t prev_end = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(q[i].start < q[i].end && q[i].end <= len);
        FUZZ_ASSERT(q[i].start >= prev_end);
        prev_end = q[i].end;
        /* A number inside a date is not a quantity: no quantity overlaps a
         * date, even through a qualifier before it ("at least 3 March
         * 2025", which fuzzing once found taken as a figure).  Both lists
         * are sorted and the time spans do not overlap each
         * other, so one pass over them suffices. */
        while (k < n_skip && skip[k].end <= q[i].start)
            k++;
        FUZZ_ASSERT(k == n_skip || skip[k].start >= q[i].end);
        FUZZ_ASSERT((unsigned)q[i].relation <= DS_REL_VAGUE);
        FUZZ_ASSERT(q[i].relation == DS_REL_RANGE || isnan(q[i].y));
        FUZZ_ASSERT((unsigned)q[i].role <= DS_ROLE_DISPLACED);
        FUZZ_ASSERT((q[i].roles & ~ROLE_BITS) == 0);
        if (q[i].role)
            FUZZ_ASSERT(q[i].roles & (1u << q[i].role));
        if (q[i].noun_end)
            FUZZ_ASSERT(q[i].noun_start < q[i].noun_end && q[i].noun_end <= len);
        if (q[i].role)
            FUZZ_ASSERT(q[i].role_start < q[i].role_end && q[i].role_end <= len);
        /* The writer must give JSON whatever bytes the span holds. */
        ds_buf b;
        ds_buf_init(&b, (size_t)1 << 26);
        ds_jw w;
        ds_jw_init(&w, &b);
        ds_quantity_write(&w, text, &q[i]);
        FUZZ_ASSERT(w.st == DS_OK);
        json_t *o = json_loadb(b.p, b.len, JSON_ALLOW_NUL, NULL);
        FUZZ_ASSERT(o);
        json_decref(o);
        ds_buf_free(&b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once();
    const char *text = (const char *)data;
    ds_arena *arena = ds_arena_new((size_t)256 << 20);
    if (!arena)
        return 0;
    ds_time_mention *tmv = NULL;
    ds_quantity *q = NULL;
    ds_span *skip = NULL;
    size_t nt = 0, nq = 0;
    ds_error err = {0};
    if (ds_times_find(tm, text, size, &ctx, arena, &tmv, &nt, &err) != DS_OK) {
        FUZZ_ASSERT(err.msg[0]);
        ds_arena_free(arena);
        return 0;
    }
    if (!(skip = ds_time_spans(tmv, nt, arena))) {
        ds_arena_free(arena);
        return 0;
    }
    ds_status rc = ds_quantities_find(qr, text, size, skip, nt, arena, &q, &nq, &err);
    if (rc == DS_OK)
        check(text, size, skip, nt, q, nq);
    else
        FUZZ_ASSERT(err.msg[0]); /* a failure must say why */
    ds_arena_free(arena);
    return 0;
}
