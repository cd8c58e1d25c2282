/* places_bench.c: times the place recognizer on one thread (bench/places.sh).
 *
 *   places_bench [--gazetteer FILE] [--opens N] [--max-doc KB] [--all-fields]
 *                [--dump FILE] CORPUS
 *   places_bench [--gazetteer FILE] --check
 *
 * --check opens the gazetteer and the recognizer's lexicons and exits: 0
 * when they load, 1 with the reason on stderr (a missing or outdated index).
 *
 * 1. Load: opens and closes the gazetteer N times (default 11) and reports
 *    the median, minimum and maximum of ds_gazetteer_open alone, then of
 *    ds_places_new (the cue, stoplist and area lexicons) on the last open.
 *    The first open is reported apart: it may fault the file's pages in.
 * 2. Recognition: reads CORPUS as a stream (1 MiB reads, like grep) and
 *    calls ds_places_find on each document in turn -- documents are
 *    separated by a line holding one form feed, as bench/gennews.c writes
 *    them; one longer than --max-doc KB (default 64) is cut at a paragraph
 *    break -- each with a fresh arena, freed after the call.  One thread.
 *
 * Prints key=value lines on stdout (bench/places.sh reads them):
 *   open_ms_median, open_ms_min, open_ms_max, open_ms_first, places_new_ms,
 *   rss_after_open_mb, bytes, documents, mentions, resolved, unlisted,
 *   areas, mentions_hash, seconds, cpu_seconds, mb_per_s, mb_per_cpu_s,
 *   peak_rss_mb; with --all-fields also mentions_hash_all.  mentions_hash
 *   digests every mention's document, span, entry and confidence (to
 *   0.001); mentions_hash_all every field of every mention, names,
 *   alternatives and warnings included, and the exact confidence (it costs
 *   about a tenth of the time, so the timed runs leave it out).  A change
 *   that only makes the recognizer faster leaves both as they were.
 * --dump FILE writes one line a mention, for telling two builds' answers
 * apart where a change is meant to alter some of them: document number,
 * start, end, entry (-1 for none), confidence to 0.001, then the
 * alternatives' entries; tab-separated.
 * MB is 10^6 bytes; peak RSS is getrusage's ru_maxrss (KiB) x 1024 / 10^6.
 *
 * Links build/libdossier.a; not part of it. */
#include "core.h"
#include "gazetteer/gazetteer.h"
#include "recognize/places.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double rss_mb(void)
{
    /* VmRSS now (ru_maxrss is the peak) */
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = NAN;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = strtod(line + 6, NULL);
    if (f)
        fclose(f);
    return kb * 1024 / 1e6;
}

static void die(const char *what, const ds_error *err)
{
    fprintf(stderr, "places_bench: %s: %s\n", what, err ? err->msg : "failed");
    exit(1);
}

typedef struct totals {
    size_t documents, mentions, resolved, unlisted, areas;
    uint64_t hash; /* of every mention's span, entry and confidence, in order */
    bool all;          /* --all-fields: hash_all is computed */
    uint64_t hash_all; /* of every field of every mention, in order */
    FILE *dump;        /* --dump: one line a mention, or NULL */
} totals;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdULL;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
    if (!s)
        return mix(h, 1);
    for (; *s; s++)
        h = mix(h, (unsigned char)*s);
    return mix(h, 0);
}

static uint64_t mix_double(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return mix(h, bits);
}

/* Every field of a mention, as a recognizer that only got faster must
 * leave it. */
static uint64_t mix_mention(uint64_t h, const ds_place_mention *m)
{
    const uint64_t nums[] = {m->start, m->end, m->name_start, m->name_end, m->place,
                             m->parent, (uint64_t)m->geo_precision, m->n_alternatives};
    const double reals[] = {m->lat, m->lon, m->confidence};
    const char *const strs[] = {m->name, m->country, m->admin1, m->admin2, m->precision,
                                m->warning};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        h = mix(h, nums[i]);
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
        h = mix_double(h, reals[i]);
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        h = mix_str(h, strs[i]);
    for (size_t i = 0; i < m->n_alternatives; i++)
        h = mix(h, m->alternatives[i]);
    return h;
}

static void dump_mention(FILE *f, size_t doc, const ds_place_mention *m)
{
    long long place = m->place == DS_PLACE_NONE ? -1 : (long long)m->place;
    fprintf(f, "%zu\t%zu\t%zu\t%lld\t%.3f", doc, m->start, m->end, place, m->confidence);
    for (size_t i = 0; i < m->n_alternatives; i++)
        fprintf(f, "\t%lu", (unsigned long)m->alternatives[i]);
    fputc('\n', f);
}

static void recognize(const ds_places *pr, const char *text, size_t len, totals *t)
{
    /* skip the separator's newline and blank padding */
    while (len && (*text == '\n' || *text == ' ')) {
        text++;
        len--;
    }
    if (!len)
        return;
    ds_arena *arena = ds_arena_new((size_t)1 << 30);
    ds_place_mention *m;
    size_t n;
    ds_error err = {0};
    if (!arena || ds_places_find(pr, text, len, NULL, arena, &m, &n, &err) != DS_OK)
        die("ds_places_find", arena ? &err : NULL);
    t->documents++;
    t->mentions += n;
    for (size_t i = 0; i < n; i++) {
        t->hash = mix(t->hash, t->documents);
        t->hash = mix(t->hash, m[i].start);
        t->hash = mix(t->hash, m[i].end);
        t->hash = mix(t->hash, m[i].place);
        t->hash = mix(t->hash, (uint64_t)llround(m[i].confidence * 1000));
        if (t->all)
            t->hash_all = mix_mention(mix(t->hash_all, t->documents), &m[i]);
        if (t->dump)
            dump_mention(t->dump, t->documents, &m[i]);
        if (m[i].place != DS_PLACE_NONE)
            t->resolved++;
        else if (strcmp(m[i].precision ? m[i].precision : "", "area") == 0 && m[i].parent == DS_PLACE_NONE)
            t->areas++;
        else
            t->unlisted++;
    }
    ds_arena_free(arena);
}

/* Where the document starting at p ends: the next "\n\f" boundary, or a
 * paragraph break before max bytes, or NULL when neither is in [p, end). */
static const char *doc_end(const char *p, const char *end, size_t max, bool at_eof)
{
    const char *ff = memchr(p, '\f', (size_t)(end - p));
    if (ff && (size_t)(ff - p) <= max)
        return ff;
    if ((size_t)(end - p) <= max)
        return at_eof ? end : NULL;
    /* too long: cut at the last blank line before max */
    for (const char *q = p + max; q > p + 1; q--)
        if (q[-1] == '\n' && q[-2] == '\n')
            return q;
    return p + max;
}

static const char usage[] =
    "usage: places_bench [--gazetteer FILE] [--opens N] [--max-doc KB] [--all-fields]\n"
    "                    [--dump FILE] CORPUS\n"
    "       places_bench [--gazetteer FILE] --check\n";

int main(int argc, char **argv)
{
    const char *gz_path = NULL, *corpus = NULL;
    int opens = 11;
    bool check = false, all_fields = false;
    const char *dump_path = NULL;
    size_t max_doc = 64 * 1000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gazetteer") == 0 && i + 1 < argc)
            gz_path = argv[++i];
        else if (strcmp(argv[i], "--opens") == 0 && i + 1 < argc)
            opens = atoi(argv[++i]);
        else if (strcmp(argv[i], "--max-doc") == 0 && i + 1 < argc)
            max_doc = (size_t)atoi(argv[++i]) * 1000;
        else if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "--all-fields") == 0)
            all_fields = true;
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump_path = argv[++i];
        else if (argv[i][0] != '-' && !corpus)
            corpus = argv[i];
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if ((!corpus && !check) || opens < 1 || opens > 1000 || max_doc < 1000) {
        fputs(usage, stderr);
        return 2;
    }
    ds_error err = {0};
    char path[4096];
    if (!gz_path) {
        if (ds_gazetteer_default_path(path, sizeof path, &err) != DS_OK)
            die("gazetteer path", &err);
        gz_path = path;
    }

    if (check) {
        ds_gazetteer *g;
        ds_places *p;
        if (ds_gazetteer_open(&g, gz_path, &err) != DS_OK || ds_places_new(&p, g, &err) != DS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        ds_places_free(p);
        ds_gazetteer_close(g);
        return 0;
    }

    /* 1. load */
    double *ms = calloc((size_t)opens, sizeof *ms);
    if (!ms)
        die("out of memory", NULL);
    ds_gazetteer *gz = NULL;
    for (int i = 0; i < opens; i++) {
        if (gz)
            ds_gazetteer_close(gz);
        double t0 = now(CLOCK_MONOTONIC);
        if (ds_gazetteer_open(&gz, gz_path, &err) != DS_OK)
            die("ds_gazetteer_open", &err);
        ms[i] = (now(CLOCK_MONOTONIC) - t0) * 1e3;
    }
    double first = ms[0];
    qsort(ms, (size_t)opens, sizeof *ms, cmp_double);
    double rss_open = rss_mb();
    ds_places *pr;
    double t0 = now(CLOCK_MONOTONIC);
    if (ds_places_new(&pr, gz, &err) != DS_OK)
        die("ds_places_new", &err);
    double places_new_ms = (now(CLOCK_MONOTONIC) - t0) * 1e3;
    printf("gazetteer=%s\nplaces=%zu\nopens=%d\n", gz_path, ds_gazetteer_count(gz), opens);
    printf("open_ms_median=%.2f\nopen_ms_min=%.2f\nopen_ms_max=%.2f\nopen_ms_first=%.2f\n",
           ms[opens / 2], ms[0], ms[opens - 1], first);
    printf("places_new_ms=%.2f\nrss_after_open_mb=%.1f\n", places_new_ms, rss_open);
    fflush(stdout);
    free(ms);

    /* 2. recognition, streaming */
    FILE *f = fopen(corpus, "rb");
    if (!f) {
        perror(corpus);
        return 1;
    }
    size_t cap = 2 * max_doc + (1 << 20), have = 0, bytes = 0;
    char *buf = malloc(cap);
    if (!buf)
        die("out of memory", NULL);
    totals tot = {.all = all_fields};
    if (dump_path && !(tot.dump = fopen(dump_path, "w"))) {
        perror(dump_path);
        return 1;
    }
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    bool eof = false;
    while (!eof || have) {
        if (!eof && cap - have >= (1 << 20)) {
            size_t got = fread(buf + have, 1, cap - have, f);
            if (got == 0) {
                if (ferror(f)) {
                    perror(corpus);
                    return 1;
                }
                eof = true;
            }
            have += got;
            bytes += got;
        }
        const char *p = buf, *end = buf + have;
        for (;;) {
            const char *e = p < end ? doc_end(p, end, max_doc, eof) : NULL;
            if (!e)
                break;
            recognize(pr, p, (size_t)(e - p), &tot);
            p = e < end && *e == '\f' ? e + 1 : e;
        }
        have = (size_t)(end - p);
        memmove(buf, p, have);
        if (eof && have) { /* cannot happen: doc_end returns end at EOF */
            recognize(pr, buf, have, &tot);
            have = 0;
        }
    }
    double secs = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    fclose(f);
    free(buf);
    if (tot.dump && fclose(tot.dump) != 0) {
        perror(dump_path);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bytes=%zu\ndocuments=%zu\nmentions=%zu\nresolved=%zu\nunlisted=%zu\nareas=%zu\n", bytes,
           tot.documents, tot.mentions, tot.resolved, tot.unlisted, tot.areas);
    printf("mentions_hash=%016llx\n", (unsigned long long)tot.hash);
    if (tot.all)
        printf("mentions_hash_all=%016llx\n", (unsigned long long)tot.hash_all);
    printf("seconds=%.3f\ncpu_seconds=%.3f\nmb_per_s=%.2f\nmb_per_cpu_s=%.2f\npeak_rss_mb=%.1f\n",
           secs, cpu, (double)bytes / 1e6 / secs, (double)bytes / 1e6 / cpu,
           (double)ru.ru_maxrss * 1024 / 1e6);
    ds_places_free(pr);
    ds_gazetteer_close(gz);
    return 0;
}
