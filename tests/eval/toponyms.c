/* toponyms.c: place recognition and resolution against gold answers.
 *
 *   toponyms [--gazetteer FILE] [--misses N] GOLD.tsv
 *
 * Toponym-resolution corpora (LGL, GeoWebNews, TR-News, WikToR) give each
 * place name in a text with the place it means, and score a geoparser by
 * how many names it finds and how far its point lies from the right one.
 * GOLD.tsv (tests/data/toponyms_gold.tsv, written for this project; its
 * header gives the format) holds sentences, each followed by every
 * toponym in it with the gazetteer entry it means, or with kind "none"
 * when the gazetteer lacks the place.  Each sentence is resolved alone,
 * with no country given, as a short text would be.
 *
 * Reported, in the corpora's terms:
 *   - recognition: a gold toponym is found when a mention's span overlaps
 *     it; precision counts mentions overlapping some gold toponym;
 *   - resolution, over the toponyms whose entry the gazetteer holds:
 *     strict (the mention chose that entry: name, country and admin1),
 *     accuracy within 161 km (100 miles, the corpora's threshold; a
 *     strict answer counts as right even where a compass part moved its
 *     point, and is the only right answer for a division with no point),
 *     and over the found ones with points the mean and median error and the
 *     AUC of Gritta et al. (2018): the mean of ln(1 + km) / ln(20,039),
 *     lower being better.
 * Not part of libdossier. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "gazetteer/gazetteer.h"
#include "recognize/places.h"

#include "eval_places.h"

enum { LINE_MAX_BYTES = 1 << 16, MAX_GOLD = 64, MAX_SENTENCES = 100000 };
/* Every toponym of the largest file, for the error list. */
#define MAX_TOPONYMS ((size_t)MAX_SENTENCES * MAX_GOLD)
#define RIGHT_KM 161.0
#define EARTH_HALF_KM 20039.0

static const char usage_text[] =
    "usage: toponyms [--gazetteer FILE] [--misses N] GOLD.tsv\n"
    "\n"
    "Measures place recognition and resolution against gold answers\n"
    "(tests/data/toponyms_gold.tsv): recognition precision and recall, strict\n"
    "entry accuracy, accuracy within 161 km, mean and median error, AUC.\n"
    "\n"
    "  --gazetteer FILE  index to use (default $DOSSIER_GAZETTEER or data/gazetteer.dsg)\n"
    "  --misses N        print up to N misses of each kind (missed, wrong, false)\n";

typedef struct gold {
    size_t start, end; /* the surface's bytes in the sentence */
    char *surface, *cc, *kind, *name, *admin1;
    double lat, lon;
    bool listed; /* kind is not "none" */
} gold;

typedef struct tally {
    size_t gold, found, mentions, true_mentions;
    size_t listed, listed_found, strict, right;
    size_t by_kind[4][2]; /* country, admin1, admin2, point: listed, right */
    double *errors;       /* km, one per listed toponym found and located */
    size_t n_errors;
    size_t shown_missed, shown_wrong, shown_false, misses;
} tally;

static const char *const kinds[] = {"country", "admin1", "admin2", "point"};

static int kind_index(const char *kind)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return i;
    return -1;
}

/* The k-th occurrence (from 1) of surface in text, as a byte span. */
static bool locate(const char *text, const char *surface, long k, gold *g)
{
    const char *at = text;
    size_t n = strlen(surface);
    for (long i = 0; n && i < k; i++, at++)
        if (!(at = strstr(at, surface)))
            return false;
    g->start = (size_t)(at - 1 - text);
    g->end = g->start + n;
    return n > 0;
}

/* Reads one T line into g; returns an error message or NULL. */
static const char *parse_gold(char *line, const char *text, gold *g)
{
    char *f[8];
    if (eval_split_tabs(line, f, 8) != 8)
        return "a T line needs 8 tab-separated fields";
    long k = 1;
    char *hash = strrchr(f[1], '#');
    if (hash && hash[1] >= '1' && hash[1] <= '9') {
        k = strtol(hash + 1, NULL, 10);
        *hash = '\0';
    }
    if (!locate(text, f[1], k, g))
        return "the surface is not in the sentence";
    g->listed = strcmp(f[3], "none") != 0;
    if (g->listed && kind_index(f[3]) < 0)
        return "kind must be country, admin1, admin2, point or none";
    /* A division that holds none of the gazetteer's places has no point:
     * "-", and only the strict measure can count it right. */
    char *end_lat, *end_lon;
    bool no_point = strcmp(f[6], "-") == 0 && strcmp(f[7], "-") == 0;
    g->lat = no_point ? NAN : strtod(f[6], &end_lat);
    g->lon = no_point ? NAN : strtod(f[7], &end_lon);
    if (g->listed && !no_point && (*end_lat || *end_lon || end_lat == f[6] || end_lon == f[7]))
        return "a listed toponym needs a numeric lat and lon, or \"-\" for both";
    g->surface = f[1];
    g->cc = f[2];
    g->kind = f[3];
    g->name = f[4];
    g->admin1 = f[5];
    return NULL;
}

static const ds_place_mention *overlapping(const ds_place_mention *m, size_t n, size_t start,
                                           size_t end)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].start < end && m[i].end > start)
            return &m[i];
    return NULL;
}

static bool same_entry(const ds_place_mention *m, const gold *g)
{
    return m->place != DS_PLACE_NONE && strcmp(m->name, g->name) == 0 &&
           strcmp(m->country, g->cc) == 0 &&
           (strcmp(g->admin1, "-") == 0 || strcmp(m->admin1 ? m->admin1 : "", g->admin1) == 0);
}

static void show(const char *what, size_t *shown, size_t cap, const char *text, const char *detail)
{
    if (*shown < cap) {
        (*shown)++;
        printf("  %s: %s\n    %s\n", what, detail, text);
    }
}

/* Scores one listed gold toponym against the mention over it (or none). */
static void score_listed(const gold *g, const ds_place_mention *m, const char *text, tally *t)
{
    int k = kind_index(g->kind);
    t->listed++;
    t->by_kind[k][0]++;
    bool located = m && m->lat == m->lat && g->lat == g->lat;
    double km = located ? ds_distance_km(m->lat, m->lon, g->lat, g->lon) : EARTH_HALF_KM;
    bool strict = m && same_entry(m, g);
    bool right = strict || km <= RIGHT_KM;
    t->listed_found += m != NULL;
    t->strict += strict;
    t->right += right;
    t->by_kind[k][1] += right;
    if (located && t->n_errors < MAX_TOPONYMS)
        t->errors[t->n_errors++] = km;
    if (m && !right) {
        char detail[512];
        snprintf(detail, sizeof detail, "\"%s\" -> %s %s %s (%.0f km off); gold %s %s %s",
                 g->surface, m->name, m->country, m->admin1 ? m->admin1 : "", km, g->name, g->cc,
                 g->admin1);
        show("wrong", &t->shown_wrong, t->misses, text, detail);
    }
}

/* Resolves one sentence and scores its gold toponyms and its mentions. */
static int score_sentence(const ds_places *pr, const char *text, const gold *g, size_t ng,
                          tally *t)
{
    ds_arena *arena = ds_arena_new((size_t)16 << 20);
    ds_place_mention *m = NULL;
    size_t nm = 0;
    ds_error err = {0};
    if (!arena || ds_places_find(pr, text, strlen(text), NULL, arena, &m, &nm, &err) != DS_OK) {
        fprintf(stderr, "toponyms: %s\n", err.msg[0] ? err.msg : "out of memory");
        ds_arena_free(arena);
        return -1;
    }
    for (size_t i = 0; i < ng; i++) {
        const ds_place_mention *hit = overlapping(m, nm, g[i].start, g[i].end);
        t->gold++;
        t->found += hit != NULL;
        if (!hit)
            show("missed", &t->shown_missed, t->misses, text, g[i].surface);
        if (g[i].listed)
            score_listed(&g[i], hit, text, t);
    }
    for (size_t i = 0; i < nm; i++) {
        bool true_mention = false;
        for (size_t j = 0; j < ng && !true_mention; j++)
            true_mention = m[i].start < g[j].end && m[i].end > g[j].start;
        t->mentions++;
        t->true_mentions += true_mention;
        if (!true_mention) {
            char detail[256];
            snprintf(detail, sizeof detail, "\"%.*s\" -> %s %s", (int)(m[i].end - m[i].start),
                     text + m[i].start, m[i].name, m[i].country);
            show("false", &t->shown_false, t->misses, text, detail);
        }
    }
    ds_arena_free(arena);
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void report(const char *path, size_t sentences, tally *t)
{
    printf("Toponyms (%s): %zu sentences, %zu toponyms, %zu of them in the gazetteer\n", path,
           sentences, t->gold, t->listed);
    double p = share(t->true_mentions, t->mentions), r = share(t->found, t->gold);
    printf("  recognition   precision %5.1f%% (%zu of %zu mentions)  recall %5.1f%% (%zu of %zu)"
           "  F1 %5.1f%%\n",
           p, t->true_mentions, t->mentions, r, t->found, t->gold,
           p + r > 0 ? 2 * p * r / (p + r) : 0.0);
    printf("  resolution    strict %5.1f%%  within %.0f km %5.1f%% (%zu of %zu listed; "
           "%zu found)\n",
           share(t->strict, t->listed), RIGHT_KM, share(t->right, t->listed), t->right, t->listed,
           t->listed_found);
    for (int k = 0; k < 4; k++)
        printf("    %-8s %5zu  within %.0f km %5.1f%%\n", kinds[k], t->by_kind[k][0], RIGHT_KM,
               share(t->by_kind[k][1], t->by_kind[k][0]));
    if (!t->n_errors)
        return;
    qsort(t->errors, t->n_errors, sizeof *t->errors, by_value);
    double sum = 0, auc = 0;
    for (size_t i = 0; i < t->n_errors; i++) {
        sum += t->errors[i];
        auc += log1p(t->errors[i]) / log(EARTH_HALF_KM);
    }
    printf("  error (found and located, %zu)  mean %.0f km  median %.1f km  AUC %.3f\n",
           t->n_errors, sum / (double)t->n_errors, t->errors[t->n_errors / 2],
           auc / (double)t->n_errors);
}

/* Reads GOLD and scores each sentence with its toponyms. */
static int run(const ds_places *pr, const char *path, tally *t, size_t *sentences)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    static char text[LINE_MAX_BYTES], line[LINE_MAX_BYTES];
    static char tlines[MAX_GOLD][LINE_MAX_BYTES / 16];
    gold g[MAX_GOLD];
    size_t ng = 0, lineno = 0;
    bool open = false;
    int rc = 0;
    const char *why = NULL;
    for (bool more = true; more && rc == 0;) {
        more = fgets(line, sizeof line, f) != NULL;
        lineno += more;
        size_t len = more ? strcspn(line, "\r\n") : 0;
        bool whole = !more || line[len] || len < sizeof line - 1;
        line[len] = '\0';
        if (!whole)
            why = "the line is too long";
        else if (more && (line[0] == '#' || line[0] == '\0'))
            continue;
        else if (!more || strncmp(line, "S\t", 2) == 0) {
            if (open) {
                rc = score_sentence(pr, text, g, ng, t);
                ++*sentences;
            }
            if (more && *sentences >= MAX_SENTENCES)
                why = "too many sentences";
            else if (more)
                memcpy(text, line + 2, len - 1);
            open = more;
            ng = 0;
        } else if (strncmp(line, "T\t", 2) != 0 || !open)
            why = "a line must start with S, T (after an S line) or #";
        else if (ng == MAX_GOLD || len >= sizeof tlines[0])
            why = "too many or too long toponym lines";
        else {
            memcpy(tlines[ng], line, len + 1);
            why = parse_gold(tlines[ng], text, &g[ng]);
            ng += !why;
        }
        if (why) {
            fprintf(stderr, "toponyms: %s:%zu: %s\n", path, lineno, why);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

int main(int argc, char **argv)
{
    const char *gpath = NULL;
    tally t = {0};
    int first, rc = eval_options(argc, argv, usage_text, 1, &gpath, &t.misses, &first);
    ds_gazetteer *gz;
    ds_places *pr;
    if (rc >= 0)
        return rc;
    if (eval_open("toponyms", gpath, &gz, &pr) != 0)
        return 1;
    size_t sentences = 0;
    t.errors = malloc(MAX_TOPONYMS * sizeof *t.errors);
    rc = t.errors ? run(pr, argv[first], &t, &sentences) : -1;
    if (rc == 0)
        report(argv[first], sentences, &t);
    free(t.errors);
    ds_places_free(pr);
    ds_gazetteer_close(gz);
    return rc == 0 ? 0 : 1;
}
