/* Fuzz target: the time recognizer (ds_times_find) on arbitrary bytes, as
 * `dossier times` and `dossier add` run it on every document.
 *
 * Each input is read twice: once with a fixed publication date (2025-03-19,
 * or the month 2025-03 for inputs of odd length, so that both a one-day and
 * a month-long anchor are exercised), and once with no publication date at
 * all (precision DS_PREC_NONE), which is what a document without
 * metadata gets.  The numeric date
 * order follows the input length, so all three orders are reached without
 * spending input bytes on flags (the seeds stay plain sentences).
 *
 * The recognizer is loaded once, from the data folder (DOSSIER_DATA, which
 * scripts/fuzz.sh sets to ./data, else data/ beside build-fuzz/).  Every
 * mention is checked against the promises of time.h and then turned into
 * JSON as the CLI does, since that code indexes name tables by the enums.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/tq_json.h"

#define FUZZ_ASSERT(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz_time: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                               \
        }                                                                          \
    } while (0)

static ds_times *tm;

static void load_once(void)
{
    if (tm)
        return;
    ds_error err = {0};
    if (ds_times_new(&tm, &err) != DS_OK) {
        fprintf(stderr, "fuzz_time: %s (run from the repository or set DOSSIER_DATA)\n",
                err.msg);
        abort();
    }
}

static void check(const char *text, size_t len, const ds_time_context *ctx,
                  const ds_time_mention *m, size_t n)
{
    size_t prev_end = 0;
    bool have_pub = ctx && ctx->published.precision != DS_PREC_NONE;
    for (size_t i = 0; i < n; i++) {
        /* In text order, inside the text, not overlapping. */
        FUZZ_ASSERT(m[i].start < m[i].end && m[i].end <= len);
        FUZZ_ASSERT(m[i].start >= prev_end);
        prev_end = m[i].end;
        FUZZ_ASSERT((unsigned)m[i].anchor <= DS_ANCHOR_INFERRED);
        if (m[i].resolved) {
            FUZZ_ASSERT(m[i].first <= m[i].last);
            FUZZ_ASSERT(m[i].precision >= DS_TIME_DAY && m[i].precision <= DS_TIME_DECADE);
            FUZZ_ASSERT(m[i].acled_precision >= 1 && m[i].acled_precision <= 3);
            if (m[i].ambiguous)
                FUZZ_ASSERT(m[i].alt_first <= m[i].alt_last);
            /* Without a publication date nothing can be anchored to it. */
            if (!have_pub)
                FUZZ_ASSERT(m[i].anchor != DS_ANCHOR_PUBLISHED &&
                            m[i].anchor != DS_ANCHOR_INFERRED);
        }
        /* The writer must give JSON whatever bytes the span holds. */
        ds_buf b;
        ds_buf_init(&b, (size_t)1 << 26);
        ds_jw w;
        ds_jw_init(&w, &b);
        ds_time_mention_write(&w, text, &m[i]);
        FUZZ_ASSERT(w.st == DS_OK);
        json_t *o = json_loadb(b.p, b.len, JSON_ALLOW_NUL, NULL);
        FUZZ_ASSERT(o);
        json_decref(o);
        ds_buf_free(&b);
    }
}

static void find(const char *text, size_t len, const ds_time_context *ctx)
{
    ds_arena *arena = ds_arena_new((size_t)256 << 20);
    if (!arena)
        return;
    ds_time_mention *m = NULL;
    size_t n = 0;
    ds_error err = {0};
    ds_status rc = ds_times_find(tm, text, len, ctx, arena, &m, &n, &err);
    if (rc == DS_OK)
        check(text, len, ctx, m, n);
    else
        FUZZ_ASSERT(err.msg[0]); /* a failure must say why */
    ds_arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once();
    const char *text = (const char *)data;
    ds_time_context ctx = {.order = (ds_date_order)(size % 3)};
    if (ds_date_parse_iso(size & 1 ? "2025-03" : "2025-03-19", DS_PREC_NONE, &ctx.published) !=
        DS_OK)
        abort();
    find(text, size, &ctx);
    /* As a document without metadata reaches it from ds_tq_annotate. */
    ds_time_context none = {.order = ctx.order};
    find(text, size, &none);
    return 0;
}
