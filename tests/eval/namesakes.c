/* namesakes.c: telling namesakes apart by the division the text names.
 *
 *   namesakes [--gazetteer FILE] [--misses N] CITIES500 ADMIN1.json COUNTRIES.tsv
 *
 * Reporters name a town's division whenever the town shares its name with
 * a bigger place ("Paris, Texas"), and toponym-resolution corpora such as
 * WikToR are built from exactly such sentences.  This evaluation builds
 * them from the GeoNames dump the gazetteer comes from, for every country:
 * for each name that places in two or more divisions bear, the namesake
 * with the smallest geonameid among those that are alone in their
 * division and are not the most populous, in
 *
 *   (a) "Officials in NAME, DIVISION, said the road was closed."
 *   (b) "Officials in NAME, COUNTRY, said the road was closed.", when the
 *       namesake is also alone in its country;
 *   (c) "Officials in NAME said the road was closed." as a baseline: the
 *       name alone, where the bigger namesake is the expected reading;
 *   (d) "Officials in NAME and NEIGHBOUR said the road was closed.", with
 *       the nearest place 5 to 60 km away whose name no other place bears:
 *       what the proximity of places resolved nearby is worth.
 *
 * A case is right when the mention that starts at NAME lies within 25 km
 * of the namesake.  The files are read where setup put them (npm); none is
 * copied into the repository.  Not part of libdossier. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "gazetteer/gazetteer.h"
#include "recognize/places.h"

#include "eval_places.h"

enum { RADIUS_KM = 25, LINE_MAX_BYTES = 1 << 16, MAX_TOWNS = 20000000 };
#define LEAD "Officials in "

static const char usage_text[] =
    "usage: namesakes [--gazetteer FILE] [--misses N] CITIES500 ADMIN1.json COUNTRIES.tsv\n"
    "\n"
    "Measures how the place recognizer tells namesakes apart when the text names\n"
    "the division or the country after a comma (\"Officials in Paris, Texas, ...\"),\n"
    "on sentences built from the GeoNames dump for every name that places in two\n"
    "or more divisions share.  A case is right within 25 km.\n"
    "\n"
    "  --gazetteer FILE  index to use (default $DOSSIER_GAZETTEER or data/gazetteer.dsg)\n"
    "  --misses N        print up to N misses of each measure\n";

typedef struct town {
    char *name;
    char cc[3];
    char a1[24]; /* "US.TX" */
    double lat, lon;
    long population, id;
} town;

typedef struct towns {
    town *v;
    size_t n, cap;
} towns;

/* The dump's populated places: geonameid (0), name (1), latitude (4),
 * longitude (5), country (8), admin1 code (10), population (14). */
static int read_towns(const char *path, towns *t)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = malloc(LINE_MAX_BYTES), *fl[20];
    int rc = line ? 0 : -1;
    while (rc == 0 && fgets(line, LINE_MAX_BYTES, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (eval_split_tabs(line, fl, 20) < 15 || strlen(fl[8]) != 2 || !*fl[10] ||
            strlen(fl[10]) > 16)
            continue;
        if (t->n == MAX_TOWNS) {
            fprintf(stderr, "namesakes: %s: more than %d places\n", path, MAX_TOWNS);
            rc = -1;
            break;
        }
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 4096;
            town *grown = realloc(t->v, cap * sizeof *grown);
            if (!grown) {
                rc = -1;
                break;
            }
            t->v = grown;
            t->cap = cap;
        }
        town *w = &t->v[t->n];
        if (!(w->name = strdup(fl[1]))) {
            rc = -1;
            break;
        }
        t->n++;
        memcpy(w->cc, fl[8], 3);
        snprintf(w->a1, sizeof w->a1, "%s.%s", fl[8], fl[10]);
        w->lat = atof(fl[4]);
        w->lon = atof(fl[5]);
        w->population = atol(fl[14]);
        w->id = atol(fl[0]);
    }
    free(line);
    fclose(f);
    if (rc != 0 && t->n < MAX_TOWNS)
        fprintf(stderr, "namesakes: %s: out of memory\n", path);
    else if (rc == 0 && !t->n)
        fprintf(stderr, "namesakes: %s: no places read\n", path);
    return rc == 0 && t->n ? 0 : -1;
}

static int by_name(const void *a, const void *b)
{
    const town *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The names of admin1 codes and countries, looked up by code. */
typedef struct names {
    json_t *admin1;     /* code -> name */
    char country[676][64]; /* by ISO code, the first name of countries.tsv */
} names;

static int read_names(const char *admin1_path, const char *countries_path, names *nm)
{
    json_error_t je;
    json_t *arr = json_load_file(admin1_path, 0, &je);
    if (!json_is_array(arr)) {
        fprintf(stderr, "namesakes: %s: line %d: %s\n", admin1_path, je.line, je.text);
        json_decref(arr);
        return -1;
    }
    nm->admin1 = json_object();
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        json_t *name = json_object_get(o, "name");
        if (code && json_is_string(name))
            json_object_set(nm->admin1, code, name);
    }
    json_decref(arr);
    FILE *f = fopen(countries_path, "r");
    if (!f) {
        perror(countries_path);
        return -1;
    }
    char line[4096];
    memset(nm->country, 0, sizeof nm->country);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strlen(line) < 4 || line[2] != '\t')
            continue;
        size_t n = strcspn(line + 3, "|\t\n");
        int k = (line[0] - 'A') * 26 + (line[1] - 'A');
        if (k >= 0 && k < 676 && n < sizeof nm->country[0])
            memcpy(nm->country[k], line + 3, n);
    }
    fclose(f);
    return 0;
}

static const char *country_name(const names *nm, const char *cc)
{
    int k = (cc[0] - 'A') * 26 + (cc[1] - 'A');
    return k >= 0 && k < 676 && nm->country[k][0] ? nm->country[k] : NULL;
}

typedef struct measure {
    const char *label;
    size_t cases, found, right, misses_shown;
} measure;

/* Resolves a sentence that starts "Officials in NAME" and scores the
 * mention over NAME against the namesake w. */
static void score_text(ds_places *pr, const town *w, const char *text, size_t n, measure *ms,
                       size_t misses)
{
    ds_arena *arena = ds_arena_new((size_t)16 << 20);
    ds_place_mention *m = NULL;
    size_t nm = 0;
    ds_error err = {0};
    ms->cases++;
    const ds_place_mention *hit = NULL;
    /* The first mention within NAME: a detached article ("Ash Shajarah")
     * may be left out of the span. */
    size_t at = sizeof LEAD - 1, end = at + strlen(w->name);
    if (arena && ds_places_find(pr, text, n, NULL, arena, &m, &nm, &err) == DS_OK)
        for (size_t i = 0; i < nm && !hit; i++)
            if (m[i].start < end && m[i].end > at)
                hit = &m[i];
    bool located = hit && hit->lat == hit->lat;
    ms->found += located;
    bool right = located && ds_distance_km(hit->lat, hit->lon, w->lat, w->lon) <= RADIUS_KM;
    ms->right += right;
    if (!right && ms->misses_shown < misses) {
        ms->misses_shown++;
        printf("    miss (%s): %s -> %s %s %s\n", ms->label, text,
               hit && hit->name ? hit->name : "(none)", hit ? hit->country : "",
               hit ? hit->admin1 : "");
    }
    ds_arena_free(arena);
}

/* "Officials in NAME, CONTEXT, said ...", or without CONTEXT when NULL;
 * with and_too, "Officials in NAME and CONTEXT said ...". */
static void run_case(ds_places *pr, const town *w, const char *context, bool and_too,
                     measure *ms, size_t misses)
{
    char text[1024];
    int n = !context ? snprintf(text, sizeof text, LEAD "%s said the road was closed.", w->name)
            : and_too
                ? snprintf(text, sizeof text, LEAD "%s and %s said the road was closed.", w->name,
                           context)
                : snprintf(text, sizeof text, LEAD "%s, %s, said the road was closed.", w->name,
                           context);
    if (n > 0 && (size_t)n < sizeof text)
        score_text(pr, w, text, (size_t)n, ms, misses);
}

/* The places whose name no other place bears, bucketed by one-degree
 * cells, for (d): a neighbour that names itself unambiguously. */
enum { GRID_COLS = 360, GRID_ROWS = 180 };
typedef struct grid {
    size_t *start; /* GRID_ROWS * GRID_COLS + 1 */
    size_t *items;
} grid;

static size_t cell_of(double lat, double lon)
{
    int r = (int)(lat + 90), c = (int)(lon + 180);
    r = r < 0 ? 0 : r >= GRID_ROWS ? GRID_ROWS - 1 : r;
    c = c < 0 ? 0 : c >= GRID_COLS ? GRID_COLS - 1 : c;
    return (size_t)r * GRID_COLS + (size_t)c;
}

static bool unique_name(const towns *t, size_t i)
{
    return (i == 0 || strcmp(t->v[i - 1].name, t->v[i].name) != 0) &&
           (i + 1 == t->n || strcmp(t->v[i + 1].name, t->v[i].name) != 0);
}

static int build_grid(const towns *t, grid *g)
{
    size_t cells = (size_t)GRID_ROWS * GRID_COLS;
    g->start = calloc(cells + 1, sizeof *g->start);
    g->items = malloc(t->n * sizeof *g->items);
    if (!g->start || !g->items)
        return -1;
    for (size_t i = 0; i < t->n; i++)
        if (unique_name(t, i))
            g->start[cell_of(t->v[i].lat, t->v[i].lon) + 1]++;
    for (size_t c = 0; c < cells; c++)
        g->start[c + 1] += g->start[c];
    size_t *fill = malloc(cells * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, g->start, cells * sizeof *fill);
    for (size_t i = 0; i < t->n; i++)
        if (unique_name(t, i))
            g->items[fill[cell_of(t->v[i].lat, t->v[i].lon)]++] = i;
    free(fill);
    return 0;
}

/* The nearest place with a name of its own, 5 to 60 km from w, or NULL.
 * A degree of longitude shrinks towards the poles, so more columns are
 * searched there (60 km is under a degree of latitude everywhere). */
static const town *neighbour(const towns *t, const grid *g, const town *w)
{
    const town *best = NULL;
    double best_km = 60, shrink = cos(w->lat * 3.14159265358979 / 180);
    int cols = shrink > 0.55 ? 1 : shrink > 0.1 ? (int)(0.55 / shrink) + 1 : GRID_COLS / 2;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -cols; dc <= cols; dc++) {
            size_t c = cell_of(w->lat + dr, w->lon + dc);
            for (size_t k = g->start[c]; k < g->start[c + 1]; k++) {
                const town *o = &t->v[g->items[k]];
                double km = ds_distance_km(w->lat, w->lon, o->lat, o->lon);
                if (km >= 5 && km < best_km && !strpbrk(o->name, "0123456789(),")) {
                    best = o;
                    best_km = km;
                }
            }
        }
    return best;
}

/* Whether w is the only place of its name in the group with key k: its
 * division (by_country false) or its country. */
static bool alone_in(const town *g, size_t n, const town *w, bool by_country)
{
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        same += by_country ? strcmp(g[i].cc, w->cc) == 0 : strcmp(g[i].a1, w->a1) == 0;
    return same == 1;
}

/* The namesake of a group the sentences are built for, or NULL. */
static const town *pick(const town *g, size_t n)
{
    size_t top = 0;
    bool two_divisions = false;
    for (size_t i = 1; i < n; i++) {
        top = g[i].population > g[top].population ? i : top;
        two_divisions |= strcmp(g[i].a1, g[0].a1) != 0;
    }
    if (!two_divisions)
        return NULL;
    for (size_t i = 0; i < n; i++) /* sorted by geonameid within the name */
        if (i != top && alone_in(g, n, &g[i], false))
            return &g[i];
    return NULL;
}

static void report(const measure *m)
{
    printf("  %-44s %6zu  found %6zu  right %6zu  %5.1f%%\n", m->label, m->cases, m->found,
           m->right, m->cases ? 100.0 * (double)m->right / (double)m->cases : 0.0);
}

int main(int argc, char **argv)
{
    const char *gpath = NULL;
    size_t misses = 0;
    int first, rc = eval_options(argc, argv, usage_text, 3, &gpath, &misses, &first);
    ds_gazetteer *gz;
    ds_places *pr;
    if (rc >= 0)
        return rc;
    if (eval_open("namesakes", gpath, &gz, &pr) != 0)
        return 1;
    towns t = {0};
    static names nm;
    if (read_towns(argv[first], &t) != 0 ||
        read_names(argv[first + 1], argv[first + 2], &nm) != 0)
        return 1; /* the process ends: what was read is not freed */
    qsort(t.v, t.n, sizeof *t.v, by_name);
    measure division = {"(a) NAME, DIVISION", 0, 0, 0, 0};
    measure country = {"(b) NAME, COUNTRY (alone in its country)", 0, 0, 0, 0};
    measure alone = {"(c) NAME alone (baseline)", 0, 0, 0, 0};
    measure near = {"(d) NAME and a neighbour 5-60 km away", 0, 0, 0, 0};
    grid g = {0};
    if (build_grid(&t, &g) != 0) {
        fputs("namesakes: out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0, j; i < t.n; i = j) {
        for (j = i + 1; j < t.n && strcmp(t.v[j].name, t.v[i].name) == 0;)
            j++;
        const town *w = pick(&t.v[i], j - i);
        const char *a1 = w ? json_string_value(json_object_get(nm.admin1, w->a1)) : NULL;
        if (!a1)
            continue;
        run_case(pr, w, a1, false, &division, misses);
        const char *cn = country_name(&nm, w->cc);
        if (cn && alone_in(&t.v[i], j - i, w, true))
            run_case(pr, w, cn, false, &country, misses);
        run_case(pr, w, NULL, false, &alone, misses);
        const town *o = neighbour(&t, &g, w);
        if (o)
            run_case(pr, w, o->name, true, &near, misses);
    }
    printf("Namesakes told apart by the division named after a comma (GeoNames %s); "
           "right = within %d km\n",
           argv[first], RADIUS_KM);
    report(&division);
    report(&country);
    report(&alone);
    report(&near);
    free(g.start);
    free(g.items);
    for (size_t i = 0; i < t.n; i++)
        free(t.v[i].name);
    free(t.v);
    json_decref(nm.admin1);
    ds_places_free(pr);
    ds_gazetteer_close(gz);
    return 0;
}
