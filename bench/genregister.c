/* genregister: a large register for the web API benchmark (bench/serve.sh).
 *
 *   genregister DB EVENTS   writes documents telling EVENTS invented events
 *                           into the new database DB
 *
 * Nothing is linked here: `dossier link` then makes the incidents, so the
 * rows the server reads are the link stage's own.  What is written is what
 * `dossier add` stores for a report once it has been recognized and its
 * claims extracted: the document, its sentences (searchable), and one claim
 * per sentence, shaped as the extract stage writes claims.
 *
 * The events are deterministic (a fixed seed): spread over five years in
 * towns of the gazetteer (seven in ten in a few countries at war, the rest
 * anywhere), of six event types, with an actor, sometimes an identity group
 * and a death toll.  Nearly half are told by one document, the others by
 * two to four whose figures differ a little; a tenth are dated only to the month and a twentieth
 * placed only in a first-level division over a week (episodes).  Documents
 * are daily reports of about ten events each from PUBLISHERS publishers, so
 * an event told twice is often, not always, corroborated by another
 * publisher. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "jsonw.h"
#include "store/store.h"

enum {
    PUBLISHERS = 300,
    DAYS = 1826,        /* 2021-01-01 .. 2025-12-31 */
    PER_DOC = 10,       /* claims in one daily report */
    OPEN_DOCS = 64,     /* reports being filled at once */
    MAX_TOWNS = 4000,   /* per pool */
    MIN_POPULATION = 5000,
    BATCH = 2000,       /* documents per transaction */
};

#define N(a) (sizeof(a) / sizeof *(a))

static uint64_t seed = 0x9E3779B97F4A7C15ull;

/* Uniform in [0, n), from a 64-bit LCG's high bits. */
static unsigned below(unsigned n)
{
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((seed >> 32) * n >> 32);
}

static bool chance(unsigned percent) { return below(100) < percent; }

/* Countries where seven events in ten happen: filters by division or
 * place then match thousands of incidents, as in a real register. */
static const char *const focus[] = {"SY", "SD", "MM", "UA", "CD", "ML", "YE", "SO", "NG", "AF"};

static const struct {
    const char *type, *sub, *verb;
} kinds[] = {
    {"Violence against civilians", "Attack", "killed"},
    {"Violence against civilians", "Abduction/forced disappearance", "abducted"},
    {"Battles", "Armed clash", "clashed with"},
    {"Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"},
    {"Explosions/Remote violence", "Air/drone strike", "struck"},
    {"Strategic developments", "Looting/property destruction", "looted"},
};

static const struct {
    const char *name, *type;
} actors[] = {
    {"gunmen", "Political militia"},       {"armed men", "Political militia"},
    {"security forces", "State forces"},   {"government forces", "State forces"},
    {"General Security", "State forces"},  {"Rapid Support Forces", "Rebel group"},
    {"Arakan Army", "Rebel group"},        {"Islamic State", "Rebel group"},
    {"unidentified drones", "State forces"}, {"local militia", "Identity militia"},
};

static const char *const groups[] = {"Alawite", "Druze", "Kurd", "Rohingya", "Masalit",
                                     "Yazidi", "Christian", "Fur"};

typedef struct {
    uint32_t *v;
    size_t n;
} pool;

typedef struct {
    const ds_gazetteer *gz;
    pool focus, world;
} towns;

/* The index of cc in focus, or N(focus) for any other country. */
static size_t focus_of(const char *cc)
{
    size_t i = 0;
    while (i < N(focus) && strcmp(cc, focus[i]))
        i++;
    return i;
}

static bool eligible(const ds_place *p)
{
    return p->kind == DS_PLACE_POINT && *p->admin1 && p->population >= MIN_POPULATION;
}

/* Towns spread evenly over the gazetteer's order: the focus pool takes an
 * equal share of each focus country, the world pool any other town. */
static void fill_pools(towns *t)
{
    size_t count = ds_gazetteer_count(t->gz), seen[N(focus) + 1] = {0}, k[N(focus) + 1] = {0};
    size_t cap[N(focus) + 1];
    for (size_t g = 0; g <= N(focus); g++)
        cap[g] = g < N(focus) ? MAX_TOWNS / N(focus) : MAX_TOWNS;
    t->focus.v = malloc(MAX_TOWNS * sizeof *t->focus.v);
    t->world.v = malloc(MAX_TOWNS * sizeof *t->world.v);
    if (!t->focus.v || !t->world.v)
        exit(1);
    ds_place pl;
    for (uint32_t i = 0; i < count; i++) {
        ds_gazetteer_place(t->gz, i, &pl);
        if (eligible(&pl))
            seen[focus_of(pl.country)]++;
    }
    for (uint32_t i = 0; i < count; i++) {
        ds_gazetteer_place(t->gz, i, &pl);
        size_t g = eligible(&pl) ? focus_of(pl.country) : SIZE_MAX;
        if (g == SIZE_MAX || k[g]++ % (seen[g] / cap[g] + 1))
            continue;
        pool *p = g < N(focus) ? &t->focus : &t->world;
        if (p->n < MAX_TOWNS)
            p->v[p->n++] = i;
    }
}

typedef struct {
    uint32_t town;
    int32_t day;
    unsigned kind, actor, killed;
    int group;     /* -1: none */
    int shape;     /* 0 day and town, 1 month only, 2 episode in a division */
} event;

typedef struct {
    ds_buf text;
    ds_sentence sentences[PER_DOC + 1];
    ds_claim claims[PER_DOC];
    size_t n, number;
    unsigned publisher;
    int32_t last_day;
} report;

/* The event's dates as the claim states them, and the words the sentence
 * uses for them ("on 2023-04-02", "in 2023-04"). */
typedef struct {
    char start[11], end[11], words[24];
    const char *precision;
} when;

static when when_of(const event *e)
{
    when t;
    int y, m, d;
    ds_ymd_from_days(e->day, &y, &m, &d);
    if (e->shape == 1) {
        ds_iso_from_days(ds_days_from_ymd(y, m, 1), t.start);
        ds_iso_from_days(ds_days_from_ymd(y, m, ds_days_in_month(y, m)), t.end);
        snprintf(t.words, sizeof t.words, "%04d-%02d", y, m);
    } else {
        ds_iso_from_days(e->day, t.start);
        ds_iso_from_days(e->day + (e->shape == 2 ? 6 : 0), t.end);
        memcpy(t.words, t.start, sizeof t.start);
    }
    t.precision = e->shape == 1 ? "month" : e->shape == 2 ? "week" : "day";
    return t;
}

static void write_date(ds_jw *w, const event *e, const when *t)
{
    ds_jw_key(w, "date");
    ds_jw_object(w);
    ds_jw_kstr(w, "start", t->start);
    ds_jw_kstr(w, "end", t->end);
    ds_jw_kstr(w, "precision", t->precision);
    ds_jw_kint(w, "time_precision", e->shape + 1);
    ds_jw_kstr(w, "text", t->words);
    ds_jw_kbool(w, "carried", false);
    ds_jw_end_object(w);
}

static void write_location(ds_jw *w, const ds_place *p, const event *e, unsigned k)
{
    bool division = e->shape == 2;
    ds_jw_key(w, "location");
    ds_jw_object(w);
    ds_jw_kstr(w, "name", division ? p->admin1 : p->name);
    ds_jw_key(w, "geonameid");
    if (division)
        ds_jw_null(w);
    else
        ds_jw_int(w, p->geonameid);
    ds_jw_kstr(w, "country", p->country);
    ds_jw_kstr(w, "admin1", p->admin1);
    ds_jw_kstr(w, "admin2", division ? "" : p->admin2);
    ds_jw_key(w, "lat");
    ds_jw_fixed(w, p->lat + 0.0005 * k, 5);
    ds_jw_key(w, "lon");
    ds_jw_fixed(w, p->lon, 5);
    ds_jw_kstr(w, "precision", division ? "admin1" : "town");
    ds_jw_kint(w, "geo_precision", division ? 3 : 1);
    ds_jw_kstr(w, "text", division ? p->admin1 : p->name);
    ds_jw_kbool(w, "carried", false);
    ds_jw_end_object(w);
}

static void write_actors(ds_jw *w, const event *e)
{
    ds_jw_key(w, "actors");
    ds_jw_array(w);
    ds_jw_object(w);
    ds_jw_kstr(w, "role", "perpetrator");
    ds_jw_kstr(w, "name", actors[e->actor].name);
    ds_jw_kstr(w, "type", actors[e->actor].type);
    ds_jw_end_object(w);
    ds_jw_object(w);
    ds_jw_kstr(w, "role", "target");
    ds_jw_kstr(w, "name", "civilians");
    ds_jw_kstr(w, "type", "Civilians");
    ds_jw_end_object(w);
    ds_jw_end_array(w);
    ds_jw_key(w, "groups");
    ds_jw_array(w);
    if (e->group >= 0)
        ds_jw_str(w, groups[e->group]);
    ds_jw_end_array(w);
}

static void write_counts(ds_jw *w, unsigned killed)
{
    ds_jw_key(w, "counts");
    ds_jw_object(w);
    if (killed) {
        ds_jw_key(w, "killed");
        ds_jw_object(w);
        ds_jw_kint(w, "value", killed);
        ds_jw_kint(w, "low", killed);
        ds_jw_key(w, "high");
        ds_jw_null(w);
        ds_jw_kstr(w, "qualifier", "at least N");
        ds_jw_end_object(w);
    }
    ds_jw_end_object(w);
}

/* Appends the sentence of the k-th telling of e to r's text; returns its
 * start. */
static size_t say(report *r, const event *e, const ds_place *p, const when *t,
                  unsigned killed)
{
    char figure[48] = "";
    if (killed)
        snprintf(figure, sizeof figure, ", leaving at least %u people dead", killed);
    if (r->n)
        ds_buf_putc(&r->text, ' ');
    size_t start = r->text.len;
    ds_buf_printf(&r->text, "Witnesses said %s %s civilians in %s%s%s, %s %s%s.",
                  actors[e->actor].name, kinds[e->kind].verb,
                  e->shape == 2 ? "several villages of " : p->name, e->shape == 2 ? "" : ", ",
                  p->admin1, e->shape == 1 ? "in" : "on", t->words, figure);
    return start;
}

/* Appends the k-th telling of e to report r: a sentence and its claim. */
static void tell(const towns *tw, report *r, const event *e, unsigned k)
{
    ds_place p;
    ds_gazetteer_place(tw->gz, e->town, &p);
    unsigned killed = e->killed ? e->killed + k * (unsigned)chance(30) : 0;
    when t = when_of(e);
    size_t start = say(r, e, &p, &t, killed), end = r->text.len;
    r->sentences[r->n + 1] = (ds_sentence){start, end, DS_SENT_BODY};
    char id[24];
    snprintf(id, sizeof id, "c%zu", r->n + 1);
    ds_buf json;
    ds_buf_init(&json, 1 << 16);
    ds_jw w;
    ds_jw_init(&w, &json);
    ds_jw_object(&w);
    ds_jw_kstr(&w, "id", id);
    ds_jw_kstrn(&w, "sentence", r->text.p + start, end - start);
    ds_jw_kspan(&w, "span", start, end);
    ds_jw_kstr(&w, "event_type", kinds[e->kind].type);
    ds_jw_kstr(&w, "sub_event_type", kinds[e->kind].sub);
    ds_jw_kstr(&w, "trigger", kinds[e->kind].verb);
    write_date(&w, e, &t);
    write_location(&w, &p, e, k);
    write_actors(&w, e);
    write_counts(&w, killed);
    ds_jw_kstr(&w, "attributed_to", NULL);
    ds_jw_kbool(&w, "hedged", false);
    ds_jw_kbool(&w, "generic", false);
    ds_jw_end_object(&w);
    r->claims[r->n] = (ds_claim){start, end, r->n + 1, ds_buf_steal(&json, NULL)};
    r->n++;
    r->last_day = e->day;
}

static void start_report(report *r, size_t number)
{
    ds_buf_init(&r->text, 1 << 20);
    ds_buf_printf(&r->text, "Daily incident report %zu", number);
    r->sentences[0] = (ds_sentence){0, r->text.len, DS_SENT_HEADING};
    ds_buf_puts(&r->text, "\n\n");
    r->n = 0;
    r->number = number;
    r->publisher = below(PUBLISHERS);
}

/* Stores report r as a document and empties it; false on failure. */
static bool store_report(ds_store *s, report *r, ds_error *err)
{
    size_t number = r->number;
    char file[48], source[48], published[11];
    snprintf(file, sizeof file, "report-%06zu.txt", number);
    snprintf(source, sizeof source, "Monitor %u", r->publisher);
    ds_document d = {
        .file = file, .format = "text", .title = file, .source = source, .lang = "en",
        .text = r->text.p, .text_len = r->text.len,
        .sentences = r->sentences, .n_sentences = r->n + 1,
        .claims = r->claims, .n_claims = r->n,
    };
    snprintf(d.sha256, sizeof d.sha256, "%064zx", number);
    ds_iso_from_days(r->last_day + 1, published);
    ds_date_parse_iso(published, DS_PREC_NONE, &d.published);
    bool existed = false;
    ds_status rc = ds_store_add_document(s, &d, &existed, err);
    for (size_t i = 0; i < r->n; i++)
        ds_free(r->claims[i].value);
    ds_buf_free(&r->text);
    return rc == DS_OK;
}

static event invent(const towns *t, uint32_t i, uint32_t n)
{
    const pool *p = chance(70) ? &t->focus : &t->world;
    event e = {
        .town = p->v[below((unsigned)p->n)],
        .day = ds_days_from_ymd(2021, 1, 1) + (int32_t)((uint64_t)i * DAYS / n),
        .kind = below(N(kinds)),
        .actor = below(N(actors)),
        .killed = chance(80) ? 1 + below(40) : 0,
        .group = chance(12) ? (int)below(N(groups)) : -1,
        .shape = chance(5) ? 2 : chance(10) ? 1 : 0,
    };
    return e;
}

int main(int argc, char **argv)
{
    long n = argc == 3 ? atol(argv[2]) : 0;
    if (n <= 0) {
        fputs("usage: genregister DB EVENTS\n", stderr);
        return 2;
    }
    ds_error err = {0};
    char path[4096];
    ds_gazetteer *gz = NULL;
    ds_store *s = NULL;
    if (ds_gazetteer_default_path(path, sizeof path, &err) ||
        ds_gazetteer_open(&gz, path, &err) ||
        ds_store_open(&s, argv[1], DS_STORE_WRITE, &err))
        goto fail;
    towns t = {.gz = gz};
    fill_pools(&t);
    if (!t.focus.n || !t.world.n) {
        snprintf(err.msg, sizeof err.msg, "the gazetteer has too few towns");
        goto fail;
    }
    static report open[OPEN_DOCS];
    size_t stored = 0, claims = 0;
    for (size_t i = 0; i < OPEN_DOCS; i++)
        start_report(&open[i], ++stored);
    if (ds_store_begin(s, &err))
        goto fail;
    for (uint32_t i = 0; i < (uint32_t)n; i++) {
        event e = invent(&t, i, (uint32_t)n);
        unsigned tellers = chance(45) ? 1 : 2 + below(3), first = below(OPEN_DOCS);
        for (unsigned k = 0; k < tellers; k++, claims++) {
            /* Distinct reports: one report tells an event once. */
            report *r = &open[(first + k * 7) % OPEN_DOCS];
            tell(&t, r, &e, k);
            if (r->n < PER_DOC)
                continue;
            if (!store_report(s, r, &err))
                goto fail;
            start_report(r, ++stored);
            if (stored % BATCH == 0 && (ds_store_commit(s, &err) || ds_store_begin(s, &err)))
                goto fail;
        }
    }
    for (size_t i = 0; i < OPEN_DOCS; i++)
        if (open[i].n && !store_report(s, &open[i], &err))
            goto fail;
    if (ds_store_commit(s, &err))
        goto fail;
    printf("events=%ld\nclaims=%zu\n", n, claims);
    ds_store_close(s);
    ds_gazetteer_close(gz);
    return 0;
fail:
    fprintf(stderr, "genregister: %s\n", err.msg);
    ds_store_close(s);
    ds_gazetteer_close(gz);
    return 1;
}
