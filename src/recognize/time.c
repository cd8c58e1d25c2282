#include "time.h"

#include <string.h>

#include "time_int.h"

static const char *const unit_names[] = {NULL, "day", "week", "month", "year", "decade"};

const char *ds_time_unit_name(ds_time_unit u)
{
    return (unsigned)u <= DS_TIME_DECADE ? unit_names[u] : NULL;
}

ds_status ds_times_new(ds_times **out, ds_error *err)
{
    ds_times *t = ds_calloc(1, sizeof *t);
    if (!t)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the time recognizer");
    ds_status rc = ds__words_load(&t->w, err);
    if (rc) {
        ds_free(t);
        return rc;
    }
    *out = t;
    return DS_OK;
}

void ds_times_free(ds_times *t)
{
    if (!t)
        return;
    ds__words_free(t->w);
    ds_free(t);
}

/* The publication range, or none. */
static bool pub_range(const ds_time_context *ctx, int32_t *a0, int32_t *a1)
{
    if (!ctx || ctx->published.precision == DS_PREC_NONE)
        return false;
    *a0 = ds_days_from_iso(ctx->published.start);
    /* A publication day has the same first and last day: read it once,
     * as every call (every sentence, in the benchmark) converts it. */
    *a1 = strcmp(ctx->published.start, ctx->published.end) == 0
              ? *a0
              : ds_days_from_iso(ctx->published.end);
    return *a0 != INT32_MIN && *a1 != INT32_MIN && *a0 <= *a1;
}

static int acled_of(ds_time_unit u, int32_t first, int32_t last)
{
    if (u == DS_TIME_DAY && last - first <= 1)
        return 1;
    if (u <= DS_TIME_WEEK && last - first <= 10) /* a week, or a third of a month */
        return 2;
    return 3;
}

ds_status ds_times_find(const ds_times *tm, const char *text, size_t len,
                        const ds_time_context *ctx, ds_arena *arena, ds_time_mention **out,
                        size_t *n, ds_error *err)
{
    ds__toks tk;
    ds_status rc = ds__tokenize_live(tm->w, text, len, arena, &tk, err);
    if (rc)
        return rc;
    return ds__times_in_tokens(tm, text, &tk, ctx, arena, out, n, err);
}

const ds__words *ds__times_words(const ds_times *tm) { return tm->w; }

ds_status ds__times_in_tokens(const ds_times *tm, const char *text, const ds__toks *tk,
                              const ds_time_context *ctx, ds_arena *arena,
                              ds_time_mention **out, size_t *n, ds_error *err)
{
    const ds__tok *t = tk->t;
    size_t nt = tk->n;
    ds__num_memo memo = {0};
    ds__tparse p = {.w = tm->w, .text = text, .t = t, .n = nt,
                    .order = ctx ? ctx->order : DS_ORDER_UNKNOWN, .memo = &memo,
                    .live = tk->live, .n_live = tk->n_live};
    int32_t a0 = 0, a1 = 0;
    bool have_pub = pub_range(ctx, &a0, &a1);
    size_t cap = 64, count = 0;
    ds_time_mention *m = ds_arena_alloc(arena, cap * sizeof *m);
    if (!m)
        return ds_error_set(err, DS_ENOMEM, "out of memory for time mentions");
    bool have_prev = false;
    int32_t prev = 0;
    unsigned start;
    size_t cursor = 0;
    for (size_t i = 0; (i = ds__time_next(&p, i, &cursor, &start)) < nt;) {
        ds__texpr e;
        if (!ds__time_parse(&p, i, start, &e)) {
            i++;
            continue;
        }
        /* "for five years" with no date before it is a duration, not a
         * time: only a date the text set gives it a start. */
        if (e.span == DS__SPAN_FOR && !have_prev) {
            i = e.te;
            continue;
        }
        ds__tres r;
        bool ok = ds__time_resolve(&e, have_pub, a0, a1, have_prev, prev, &r);
        if (count == cap) {
            ds_time_mention *grown = ds_arena_alloc(arena, 2 * cap * sizeof *grown);
            if (!grown)
                return ds_error_set(err, DS_ENOMEM, "out of memory for time mentions");
            memcpy(grown, m, count * sizeof *m);
            m = grown, cap *= 2;
        }
        ds_time_mention *o = &m[count++];
        *o = (ds_time_mention){.start = t[e.ts].start, .end = t[e.te - 1].end,
                               .resolved = ok, .span = e.span != DS__SPAN_NONE,
                               .part = e.part};
        if (ok) {
            o->first = r.first, o->last = r.last, o->precision = r.unit;
            o->anchor = r.anchor;
            o->ambiguous = r.ambiguous;
            o->alt_first = r.alt_first, o->alt_last = r.alt_last;
            o->acled_precision = acled_of(r.unit, r.first, r.last);
            /* Later "the following day" counts from here.  A span sets its
             * end, as "three days later" follows the last day named. */
            if (r.unit == DS_TIME_DAY) {
                have_prev = true;
                prev = r.carry;
            }
        }
        i = e.te;
    }
    *out = m;
    *n = count;
    return DS_OK;
}
