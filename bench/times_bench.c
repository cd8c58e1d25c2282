/* times_bench.c: throughput of the time and quantity recognizers, for
 * bench/times.sh (see bench/README.md, "Dates and figures").
 *
 *   times_bench [--published YYYY-MM-DD] [--dump N OUT] CORPUS
 *
 * CORPUS holds one sentence a line (bench/gennews.c --times).  Each line is
 * given to ds_times_find (anchored to the publication date, as `dossier
 * add` anchors a document) and then to ds_quantities_find with the time
 * spans as skip spans, as ds_tq_annotate does.  Lines are recognized one
 * at a time, not the whole file at once, because that is the unit the
 * peer (chrono-node, bench/chrono.js) is given: a relative date such as
 * "two days later" then counts only from a date in the same sentence, for
 * both.
 *
 * The file is read into memory first; the timed loop is recognition only
 * (loading the word lists is timed apart).  Output is key=value lines:
 * MB/s over the wall-clock time of the loop, MB per CPU second, the share
 * of the time spent finding dates, counts, a digest of every mention (that
 * a pure speed-up must leave unchanged) and peak RSS.
 *
 * With --dump N OUT, the dates of the first N lines are also written to
 * OUT, one a line: line number, byte start, byte end, first day, last day
 * ("-" when unresolved), text.  That pass is not timed; bench/chrono.js
 * compares it with chrono-node's reading of the same lines.
 *
 * Not part of libdossier; bench/times.sh compiles it with the library's
 * flags and links libdossier.a.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "recognize/quantity.h"
#include "recognize/time.h"

/* Lines per arena.  An arena cannot be reset, so each line gets a fresh
 * one, as each document does in `dossier add`: a line needs about 20 KB, so
 * that is one 64 KB chunk that malloc hands back at once.  Sharing an arena
 * among 512 lines was measured slower (2.4 s against 0.9 s for 20 MB):
 * its 10 MB of chunks were returned to the kernel at every free and
 * faulted in again, which timed page faults rather than recognition. */
enum { LINES_PER_ARENA = 1 };

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const ds_error *err)
{
    fprintf(stderr, "times_bench: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
    exit(1);
}

/* FNV-1a over 64-bit words: a digest of the mentions, not a security
 * hash. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xFF;
        h *= 0x100000001B3ULL;
    }
    return h;
}

typedef struct totals {
    size_t lines, times, resolved, quantities, people, roles;
    uint64_t hash;
    double times_secs; /* wall time inside ds_times_find */
} totals;

typedef struct run {
    const ds_times *tm;
    const ds_quantities *qr;
    ds_time_context ctx;
    FILE *dump;        /* the --dump file, or NULL */
    size_t dump_lines; /* lines to dump */
} run;

static void recognize(const run *r, ds_arena *a, const char *line, size_t len, totals *t)
{
    ds_time_mention *tm;
    ds_quantity *q;
    size_t nt, nq;
    ds_error err = {0};
    double t0 = now(CLOCK_MONOTONIC);
    if (ds_times_find(r->tm, line, len, &r->ctx, a, &tm, &nt, &err) != DS_OK)
        die("ds_times_find", &err);
    t->times_secs += now(CLOCK_MONOTONIC) - t0;
    ds_span *skip = ds_time_spans(tm, nt, a);
    if (!skip)
        die("out of memory", NULL);
    if (ds_quantities_find(r->qr, line, len, skip, nt, a, &q, &nq, &err) != DS_OK)
        die("ds_quantities_find", &err);
    t->lines++;
    t->times += nt;
    t->quantities += nq;
    for (size_t i = 0; i < nt; i++) {
        t->resolved += tm[i].resolved;
        t->hash = mix(t->hash, t->lines);
        t->hash = mix(t->hash, tm[i].start);
        t->hash = mix(t->hash, tm[i].end);
        t->hash = mix(t->hash, tm[i].resolved ? (uint64_t)(uint32_t)tm[i].first : 0);
        t->hash = mix(t->hash, tm[i].resolved ? (uint64_t)(uint32_t)tm[i].last : 0);
        if (r->dump && t->lines <= r->dump_lines) {
            char a0[11] = "-", a1[11] = "-";
            if (tm[i].resolved) {
                ds_iso_from_days(tm[i].first, a0);
                ds_iso_from_days(tm[i].last, a1);
            }
            fprintf(r->dump, "%zu\t%zu\t%zu\t%s\t%s\t%.*s\n", t->lines, tm[i].start, tm[i].end, a0,
                    a1, (int)(tm[i].end - tm[i].start), line + tm[i].start);
        }
    }
    for (size_t i = 0; i < nq; i++) {
        t->people += q[i].counts && strcmp(q[i].counts, "people") == 0;
        t->roles += q[i].role != DS_ROLE_NONE;
        t->hash = mix(t->hash, t->lines);
        t->hash = mix(t->hash, q[i].start);
        t->hash = mix(t->hash, q[i].end);
        t->hash = mix(t->hash, isnan(q[i].value) ? UINT64_MAX : (uint64_t)llround(q[i].value));
        t->hash = mix(t->hash, (uint64_t)q[i].role);
    }
}

/* Runs every line of text[0..len) (or the first max_lines) through r. */
static void each_line(const run *r, const char *text, size_t len, size_t max_lines, totals *t)
{
    ds_arena *a = NULL;
    size_t in_arena = 0;
    for (size_t at = 0; at < len && t->lines < max_lines;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!a || in_arena == LINES_PER_ARENA) {
            ds_arena_free(a);
            if (!(a = ds_arena_new((size_t)1 << 30)))
                die("out of memory", NULL);
            in_arena = 0;
        }
        recognize(r, a, text + at, end - at, t);
        in_arena++;
        at = end + 1;
    }
    ds_arena_free(a);
}

static const char usage[] = "usage: times_bench [--published YYYY-MM-DD] [--dump N OUT] CORPUS\n";

int main(int argc, char **argv)
{
    const char *corpus = NULL, *published = "2025-03-19", *dump_path = NULL;
    size_t dump_lines = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--published") == 0 && i + 1 < argc)
            published = argv[++i];
        else if (strcmp(argv[i], "--dump") == 0 && i + 2 < argc) {
            dump_lines = (size_t)strtoul(argv[++i], NULL, 10);
            dump_path = argv[++i];
        } else if (argv[i][0] != '-' && !corpus)
            corpus = argv[i];
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!corpus) {
        fputs(usage, stderr);
        return 2;
    }
    run r = {0};
    if (ds_date_parse_iso(published, DS_PREC_NONE, &r.ctx.published) != DS_OK)
        die("--published must be YYYY-MM-DD, YYYY-MM or YYYY", NULL);

    /* 1. load the word lists (each recognizer loads its own copy) */
    ds_error err = {0};
    double t0 = now(CLOCK_MONOTONIC);
    ds_times *tm;
    ds_quantities *qr;
    if (ds_times_new(&tm, &err) != DS_OK || ds_quantities_new(&qr, &err) != DS_OK)
        die("loading the word lists", &err);
    double load_ms = (now(CLOCK_MONOTONIC) - t0) * 1e3;
    r.tm = tm;
    r.qr = qr;

    /* 2. the corpus, into memory (not timed) */
    char *text;
    size_t len;
    if (ds_read_file(corpus, (size_t)4 << 30, &text, &len, &err) != DS_OK)
        die("reading the corpus", &err);

    /* 3. recognition, timed */
    totals t = {.hash = 0xCBF29CE484222325ULL};
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    each_line(&r, text, len, SIZE_MAX, &t);
    double secs = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;

    /* 4. the dump for the comparison with chrono-node (not timed) */
    if (dump_path) {
        if (!(r.dump = fopen(dump_path, "w")))
            die(dump_path, NULL);
        r.dump_lines = dump_lines;
        totals d = {0};
        each_line(&r, text, len, dump_lines, &d);
        if (fclose(r.dump) != 0)
            die(dump_path, NULL);
    }

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("published=%s\nload_ms=%.2f\n", published, load_ms);
    printf("bytes=%zu\nlines=%zu\ntimes=%zu\ntimes_resolved=%zu\nquantities=%zu\n", len, t.lines,
           t.times, t.resolved, t.quantities);
    printf("quantities_people=%zu\nquantities_with_role=%zu\nmentions_hash=%016llx\n", t.people,
           t.roles, (unsigned long long)t.hash);
    printf("seconds=%.3f\ncpu_seconds=%.3f\ntimes_seconds=%.3f\n", secs, cpu, t.times_secs);
    printf("mb_per_s=%.2f\nmb_per_cpu_s=%.2f\ntimes_only_mb_per_s=%.2f\npeak_rss_mb=%.1f\n",
           (double)len / 1e6 / secs, (double)len / 1e6 / cpu,
           (double)len / 1e6 / (t.times_secs > 0 ? t.times_secs : 1e-9),
           (double)ru.ru_maxrss * 1024 / 1e6);
    ds_free(text);
    ds_quantities_free(qr);
    ds_times_free(tm);
    return 0;
}
