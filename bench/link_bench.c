/* link_bench: the link stage on a generated set of claims (bench/link.sh).
 *
 *   link_bench N   generates N claims, links them, prints key=value lines
 *
 * The claims are invented, deterministically (a fixed LCG seed): events
 * spread over five years and TOWNS towns in ADMIN1 divisions of one
 * country, each told by one to five documents with figures that differ
 * a little, a tenth dated only to the month, a twentieth placed only in
 * a division over several days (episodes), a twentieth unplaced.  A
 * document holds about ten claims, and there are PUBLISHERS publishers.
 * Time and peak RSS cover reading the claims and linking them, as
 * `dossier link` does after reading the database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "link/link.h"

enum { TOWNS = 4000, ADMIN1 = 14, PUBLISHERS = 300, DAYS = 1826, CLAIMS_PER_DOC = 10 };

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint32_t next(uint32_t n)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng >> 33) % n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const types[][2] = {
    {"Violence against civilians", "Attack"},
    {"Violence against civilians", "Abduction/forced disappearance"},
    {"Battles", "Armed clash"},
    {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
    {"Strategic developments", "Arrests"},
    {"Protests", "Peaceful protest"},
};

/* One claim of event e (told by its k-th document) as JSON. */
static void claim_json(char *buf, size_t size, uint32_t e, uint32_t k)
{
    uint32_t day = e % DAYS, town = (e / DAYS * 7919 + e) % TOWNS, kind = e % 23;
    uint32_t t = (e / 7) % (sizeof types / sizeof *types);
    char date[160], loc[320], start[11], end[11];
    ds_iso_from_days(ds_days_from_ymd(2021, 1, 1) + (int32_t)day, start);
    snprintf(date, sizeof date, "{\"start\":\"%s\",\"end\":\"%s\",\"precision\":\"day\"}", start,
             start);
    double lat = 32.5 + (double)(town % 80) * 0.06, lon = 35.8 + (double)(town / 80) * 0.08;
    snprintf(loc, sizeof loc, "{\"name\":\"Town %u\",\"country\":\"XX\",\"admin1\":\"Division %u\","
             "\"lat\":%.4f,\"lon\":%.4f,\"precision\":\"town\",\"geo_precision\":1}",
             town, town % ADMIN1, lat + 0.001 * k, lon);
    if (kind == 0) { /* dated to the month only */
        ds_iso_from_days(ds_days_from_ymd(2021, 1, 1) + (int32_t)day + 27, end);
        snprintf(date, sizeof date, "{\"start\":\"%s\",\"end\":\"%s\",\"precision\":\"month\"}",
                 start, end);
    } else if (kind == 1) { /* a division over several days: an episode */
        ds_iso_from_days(ds_days_from_ymd(2021, 1, 1) + (int32_t)day + 4, end);
        snprintf(date, sizeof date, "{\"start\":\"%s\",\"end\":\"%s\",\"precision\":\"week\"}",
                 start, end);
        snprintf(loc, sizeof loc, "{\"name\":\"Division %u\",\"country\":\"XX\","
                 "\"admin1\":\"Division %u\",\"precision\":\"admin1\",\"geo_precision\":3}",
                 town % ADMIN1, town % ADMIN1);
    } else if (kind == 2) {
        snprintf(loc, sizeof loc, "null");
    }
    uint32_t killed = 1 + e % 40 + k;
    snprintf(buf, size,
             "{\"event_type\":\"%s\",\"sub_event_type\":\"%s\",\"date\":%s,\"location\":%s,"
             "\"actors\":[],\"groups\":[],\"counts\":{\"killed\":{\"value\":%u,\"low\":%u,"
             "\"high\":%u,\"qualifier\":null}},\"attributed_to\":null,\"hedged\":false,"
             "\"generic\":false}",
             types[t][0], types[t][1], date, loc, killed, killed, killed);
}

static long peak_rss_kb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char **argv)
{
    long n = argc == 2 ? atol(argv[1]) : 0;
    if (n <= 0) {
        fprintf(stderr, "usage: link_bench N\n");
        return 2;
    }
    ds_error err = {0};
    ds_link_policy *policy = NULL;
    ds_linker *l = NULL;
    if (ds_link_policy_load(&policy, NULL, &err) || ds_linker_new(&l, policy, NULL, &err)) {
        fprintf(stderr, "link_bench: %s\n", err.msg);
        return 1;
    }
    long docs = n / CLAIMS_PER_DOC + 1;
    char pub[64];
    for (long d = 1; d <= docs; d++) {
        snprintf(pub, sizeof pub, "Publisher %ld", d % PUBLISHERS);
        ds_document doc = {.id = d, .source = pub};
        ds_date_parse_iso("2026-01-01", DS_PREC_NONE, &doc.published);
        if (ds_linker_add_document(l, &doc, &err))
            goto fail;
    }
    double t0 = now();
    char buf[2048];
    long made = 0;
    for (uint32_t e = 0; made < n; e++) {
        uint32_t tellers = 1 + next(5);
        for (uint32_t k = 0; k < tellers && made < n; k++, made++) {
            claim_json(buf, sizeof buf, e, k);
            if (ds_linker_add_claim(l, made + 1, 1 + next((uint32_t)docs), buf, &err))
                goto fail;
        }
    }
    double t1 = now();
    if (ds_linker_run(l, NULL, NULL, &err))
        goto fail;
    double t2 = now();
    size_t linked, left;
    ds_linker_totals(l, &linked, &left, NULL);
    printf("claims=%ld\nincidents=%zu\nlinked=%zu\nleft_out=%zu\nread_seconds=%.2f\n"
           "link_seconds=%.2f\nseconds=%.2f\npeak_rss_mb=%.1f\n",
           n, ds_linker_count(l), linked, left, t1 - t0, t2 - t1, t2 - t0,
           (double)peak_rss_kb() * 1024 / 1e6);
    ds_linker_free(l);
    ds_link_policy_free(policy);
    return 0;
fail:
    fprintf(stderr, "link_bench: %s\n", err.msg);
    ds_linker_free(l);
    ds_link_policy_free(policy);
    return 1;
}
