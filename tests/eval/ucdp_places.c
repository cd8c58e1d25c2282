/* ucdp_places.c: the place recognizer measured against UCDP GED Syria.
 *
 *   ucdp-places [--gazetteer FILE] [--misses N] [--json] GED.csv
 *
 * Reads the GED CSV at run time (the data stays in ../shared/data and is
 * never copied into the repository) and, for every event, measures:
 *
 *   (a) headline: ds_places_find on source_headline with country focus SY.
 *       The event names a place when a mention has coordinates; the one a
 *       coder would take is the most specific (town, then area, admin2,
 *       admin1, country; the first in the text on a tie).  It is right when
 *       it lies within 25 km of UCDP's latitude/longitude.
 *   (b) name: UCDP's where_coordinates without a parenthesis and without its
 *       trailing type words ("Teir Maaleh village" -> "Teir Maaleh",
 *       "Shair gas field" -> "Shair"; "A/B" -> "A, B"), resolved alone the
 *       same way.  A name that yields nothing counts as a miss.
 *
 * Both texts are read as intake would read them: HTML character references
 * decoded (some headlines were scraped with "Dar&#8217;a"), then normalized.
 *
 * Each miss is put in a class that says what would fix it (a wrong
 * homonym, a name the gazetteer lacks, a headline that names only a
 * governorate, ...), and the ceiling says how many events the gazetteer
 * could get right at all: UCDP's place lies within 25 km of some entry
 * named like it.  --misses N prints up to N misses of each class. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "gazetteer/gazetteer.h"
#include "normalize/normalize.h"
#include "recognize/places.h"
#include "ucdp_ged.h"

enum { RADIUS_KM = 25, MAX_LOOKUP = 1000, MAX_VARIANTS = 8, NAME_MAX_BYTES = 512 };

static const char usage_text[] =
    "usage: ucdp-places [--gazetteer FILE] [--misses N] [--json] GED.csv\n"
    "\n"
    "Measures place resolution against UCDP GED (Syria): (a) the most specific\n"
    "place found in each source_headline, (b) UCDP's where_coordinates name\n"
    "without its type words, each counted right within 25 km of UCDP's point.\n"
    "\n"
    "  --gazetteer FILE  index to use (default $DOSSIER_GAZETTEER or data/gazetteer.dsg)\n"
    "  --misses N        print up to N misses of each class, for each measure (a\n"
    "                    fixed-seed sample spread over the file, repeats left out)\n"
    "  --json            print the figures (and misses) as JSON\n";

/* ---- UCDP names ----------------------------------------------------------- */

/* The type words UCDP puts after a name ("X village", "X gas field"); only
 * lower-case trailing words are taken, so "Tishrin Dam" keeps its "Dam". */
static const char *const type_words[] = {
    "town", "village", "villge", "villae", "city", "suburb", "district", "sub-district",
    "subdistrict", "governorate", "province", "area", "neighbourhood", "neighborhood",
    "quarter", "camp", "refugee", "IDP", "mountain", "mount", "range", "airport", "airbase",
    "base", "military", "gas", "oil", "field", "fields", "oilfield", "triangle", "farms",
    "farm", "border", "crossing", "road", "highway", "hill", "hills", "checkpoint",
    "locality", "dam", "island", "castle", "plain", "plains", "ruin", "ruins", "desert",
    "mills", "factory", "tower", "river",
};

static bool is_type_word(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
        if (strlen(type_words[i]) == n && memcmp(type_words[i], s, n) == 0)
            return true;
    return false;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Trims s in place and drops trailing type words. */
static void strip_type_words(char *s)
{
    size_t n = strlen(s);
    for (;;) {
        while (n && is_space(s[n - 1]))
            n--;
        size_t w = n;
        while (w && !is_space(s[w - 1]))
            w--;
        if (w == 0 || !is_type_word(s + w, n - w))
            break;
        n = w;
    }
    s[n] = '\0';
    size_t lead = 0;
    while (is_space(s[lead]))
        lead++;
    memmove(s, s + lead, n - lead + 1);
}

static const char *const compass[] = {
    "Northern ", "Southern ", "Eastern ", "Western ", "Northeastern ", "Northwestern ",
    "Southeastern ", "Southwestern ", "Central ",
};

typedef struct ucdp_name {
    char query[NAME_MAX_BYTES];          /* what (b) resolves: "A, B" */
    char var[MAX_VARIANTS][NAME_MAX_BYTES]; /* names to look up for the ceiling */
    size_t n_var;
} ucdp_name;

static void add_variant(ucdp_name *u, const char *s)
{
    if (!*s || u->n_var == MAX_VARIANTS)
        return;
    for (size_t i = 0; i < u->n_var; i++)
        if (strcmp(u->var[i], s) == 0)
            return;
    snprintf(u->var[u->n_var++], NAME_MAX_BYTES, "%s", s);
}

/* "Al-Rai town (Choban Bey)" -> query "Al-Rai", variants Al-Rai, Choban Bey;
 * "Gassanieh town/Inkizik town" -> "Gassanieh, Inkizik";
 * "Northern Aleppo Governorate" stays as it is for the query (the recognizer
 * reads the direction and the admin word) and adds the variant "Aleppo". */
static void split_name(const char *where, ucdp_name *u)
{
    char s[NAME_MAX_BYTES], paren[NAME_MAX_BYTES] = "";
    snprintf(s, sizeof s, "%s", where);
    char *o = strchr(s, '(');
    if (o) {
        char *c = strchr(o, ')');
        if (c)
            *c = '\0';
        snprintf(paren, sizeof paren, "%s", o + 1);
        *o = '\0';
    }
    u->query[0] = '\0';
    u->n_var = 0;
    size_t qlen = 0;
    for (char *part = s; part;) {
        char *slash = strchr(part, '/');
        if (slash)
            *slash = '\0';
        strip_type_words(part);
        if (*part) {
            int k = snprintf(u->query + qlen, sizeof u->query - qlen, "%s%s",
                             qlen ? ", " : "", part);
            if (k > 0 && (size_t)k < sizeof u->query - qlen)
                qlen += (size_t)k;
            add_variant(u, part);
        }
        part = slash ? slash + 1 : NULL;
    }
    for (char *part = paren; *paren && part;) {
        char *slash = strchr(part, '/');
        if (slash)
            *slash = '\0';
        strip_type_words(part);
        add_variant(u, part);
        part = slash ? slash + 1 : NULL;
    }
    /* "Northern Aleppo Governorate" -> "Aleppo" for the ceiling */
    for (size_t i = 0, n = u->n_var; i < n; i++) {
        char v[NAME_MAX_BYTES];
        snprintf(v, sizeof v, "%s", u->var[i]);
        size_t len = strlen(v);
        static const char gov[] = " Governorate";
        if (len <= sizeof gov - 1 || strcmp(v + len - (sizeof gov - 1), gov) != 0)
            continue;
        v[len - (sizeof gov - 1)] = '\0';
        char *b = v;
        for (size_t k = 0; k < sizeof compass / sizeof *compass; k++)
            if (strncmp(b, compass[k], strlen(compass[k])) == 0)
                b += strlen(compass[k]);
        add_variant(u, b);
    }
}

/* ---- resolving ------------------------------------------------------------ */

static int precision_rank(const ds_place_mention *m)
{
    static const char *const order[] = {"town", "area", "admin2", "admin1", "country"};
    for (int i = 0; i < 5; i++)
        if (m->precision && strcmp(m->precision, order[i]) == 0)
            return i;
    return 5;
}

/* The mention UCDP would code: the most specific one with coordinates,
 * the first in the text on a tie; -1 when none has coordinates. */
static int pick(const ds_place_mention *m, size_t n)
{
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        if (isnan(m[i].lat) || isnan(m[i].lon))
            continue;
        if (best < 0)
            best = (int)i;
        else {
            int gi = m[i].geo_precision ? m[i].geo_precision : 4;
            int gb = m[best].geo_precision ? m[best].geo_precision : 4;
            if (gi < gb || (gi == gb && precision_rank(&m[i]) < precision_rank(&m[best])))
                best = (int)i;
        }
    }
    return best;
}

typedef struct nearest {
    double km;      /* INFINITY when no candidate has coordinates */
    uint32_t place; /* DS_PLACE_NONE when none */
} nearest;

/* The entry named name[0..n) that lies nearest to (lat, lon); adds the
 * number of entries so named, and of those in Syria, to the counters. */
static nearest lookup_nearest(const ds_gazetteer *gz, const char *name, size_t n, double lat,
                              double lon, size_t *n_cands, size_t *n_sy)
{
    static uint32_t ids[MAX_LOOKUP];
    nearest r = {INFINITY, DS_PLACE_NONE};
    size_t total = ds_gazetteer_lookup(gz, name, n, ids, NULL, MAX_LOOKUP);
    if (n_cands)
        *n_cands += total;
    if (total > MAX_LOOKUP)
        total = MAX_LOOKUP;
    for (size_t i = 0; i < total; i++) {
        ds_place p;
        ds_gazetteer_place(gz, ids[i], &p);
        if (n_sy && strcmp(p.country, "SY") == 0)
            (*n_sy)++;
        if (isnan(p.lat) || isnan(p.lon))
            continue;
        double d = ds_distance_km(p.lat, p.lon, lat, lon);
        if (d < r.km) {
            r.km = d;
            r.place = ids[i];
        }
    }
    return r;
}

static void keep_nearest(nearest *a, nearest b)
{
    if (b.km < a->km)
        *a = b;
}

/* The admin1 entry for UCDP's adm_1 ("Hamah Governorate"), or NONE. */
static uint32_t ucdp_admin1(const ds_gazetteer *gz, const char *adm1)
{
    char s[256];
    snprintf(s, sizeof s, "%s", adm1);
    char *g = strstr(s, " Governorate");
    if (g)
        *g = '\0';
    uint32_t ids[32];
    size_t n = ds_gazetteer_lookup(gz, s, strlen(s), ids, NULL, 32);
    for (size_t i = 0; i < n && i < 32; i++) {
        ds_place p;
        ds_gazetteer_place(gz, ids[i], &p);
        if (p.kind == DS_PLACE_ADMIN1 && strcmp(p.country, "SY") == 0)
            return ids[i];
    }
    return DS_PLACE_NONE;
}

/* The folded name occurs in the folded text as whole words. */
static bool folded_contains(const char *ftext, const char *name)
{
    char *f = ds_fold(name, strlen(name));
    if (!f)
        return false;
    size_t n = strlen(f);
    bool hit = false;
    if (n >= 3)
        for (const char *p = strstr(ftext, f); p && !hit; p = strstr(p + 1, f))
            hit = (p == ftext || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ');
    ds_free(f);
    return hit;
}

/* ---- tallies -------------------------------------------------------------- */

typedef struct klass {
    const char *name, *what;
} klass;

/* (a) the headline */
enum {
    A_NONE,          /* no mention with coordinates */
    A_NONE_UNRECOG,  /* ... though UCDP's name is written in it */
    A_WRONG_CAND,    /* the chosen name has an entry within 25 km; another was chosen */
    A_SELECTION,     /* another mention of the headline is (or could be) within 25 km */
    A_UNRECOG,       /* UCDP's name is written in the headline, not found as a place */
    A_FOREIGN,       /* the chosen place lies outside Syria */
    A_UNLISTED,      /* the chosen name is not in the gazetteer, located by its parent */
    A_COARSE,        /* the headline's best is a governorate, region or the country */
    A_GOV_BY_CITY,   /* a governorate seat / its countryside, UCDP's place in that governorate */
    A_SAME_GOV,      /* another place of UCDP's governorate */
    A_ELSEWHERE,     /* another place in another governorate */
    A_N
};
static const klass a_classes[A_N] = {
    {"no_place", "the headline names no place the recognizer finds"},
    {"no_place_name_in_text", "no place found, though UCDP's place name is in the headline"},
    {"wrong_candidate", "the chosen name has a gazetteer entry within 25 km; another was chosen"},
    {"wrong_mention", "another mention of the headline is (or resolves) within 25 km"},
    {"name_in_text_missed", "UCDP's place name is in the headline but not found as a place"},
    {"outside_syria", "the chosen place lies outside Syria"},
    {"unlisted_by_parent",
     "the chosen name is not in the gazetteer; located by its parent (often the country)"},
    {"coarse", "the headline's most specific place is a governorate, region or the country"},
    {"governorate_via_seat",
     "the headline names a governorate by its seat (\"Idlib\", \"Hama countryside\"); "
     "UCDP codes a place in it"},
    {"same_governorate", "a different place in UCDP's governorate"},
    {"elsewhere", "a place in another governorate"},
};

/* (b) UCDP's name */
enum {
    B_NOT_IN_GAZ,    /* no entry has the name (any spelling the keys unify) */
    B_ONLY_FOREIGN,  /* entries only outside Syria; nothing located */
    B_DROPPED,       /* a Syrian entry exists; the recognizer returned no located mention */
    B_WRONG_CAND,    /* an entry within 25 km exists; another was chosen */
    B_FOREIGN,       /* the chosen place lies outside Syria */
    B_UNLISTED,      /* taken as an unlisted place and located by its parent */
    B_COARSE,        /* resolved to an admin1/area/country point */
    B_HOMONYM,       /* every entry so named lies beyond 25 km */
    B_N
};
static const klass b_classes[B_N] = {
    {"not_in_gazetteer", "no gazetteer entry has the name"},
    {"only_foreign_namesakes", "only entries outside Syria have the name; nothing located"},
    {"dropped", "a Syrian entry has the name; the recognizer returned no located mention"},
    {"wrong_candidate", "an entry so named lies within 25 km; another was chosen"},
    {"outside_syria", "resolved to a place outside Syria"},
    {"unlisted_by_parent", "taken as an unlisted place, located by its parent (often the country)"},
    {"coarse", "resolved to a governorate, region or country point"},
    {"homonym_only", "every Syrian entry so named lies beyond 25 km (UCDP's place is not in the "
                     "index, or only part of the name matched)"},
};

enum { PREC_N = 8, N_CLASSES = 11 };
_Static_assert((int)A_N <= (int)N_CLASSES && (int)B_N <= (int)N_CLASSES, "N_CLASSES");

typedef struct metric {
    const char *label;
    size_t events, found, within;
    size_t prec_events[PREC_N], prec_found[PREC_N], prec_within[PREC_N], prec_ceiling[PREC_N];
    size_t ceiling;              /* (b): a place so named within 25 km; (a): oracle */
    size_t oracle_mention;       /* (a): some located mention within 25 km */
    size_t cls[N_CLASSES];
    const klass *classes;
    size_t n_classes;
    json_t *misses[N_CLASSES]; /* arrays, up to --misses each */
    size_t sampled[N_CLASSES];  /* distinct misses offered to the sample */
    uint64_t rng;
    size_t outside_focus;       /* the chosen place lies outside Syria */
    size_t by_parent;           /* an unlisted name located by its parent */
} metric;

static json_t *num_or_null(double v)
{
    return isfinite(v) ? json_real(round(v * 1e4) / 1e4) : json_null();
}

static json_t *mention_json(const ds_gazetteer *gz, const char *text,
                            const ds_place_mention *m)
{
    if (!m)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "span", json_stringn_nocheck(text + m->start, m->end - m->start));
    json_object_set_new(o, "name", json_string(m->name ? m->name : ""));
    json_object_set_new(o, "country", json_string(m->country));
    json_object_set_new(o, "admin1", json_string(m->admin1 ? m->admin1 : ""));
    json_object_set_new(o, "lat", num_or_null(m->lat));
    json_object_set_new(o, "lon", num_or_null(m->lon));
    json_object_set_new(o, "precision", json_string(m->precision ? m->precision : ""));
    json_object_set_new(o, "confidence", json_real(round(m->confidence * 100) / 100));
    if (m->place != DS_PLACE_NONE) {
        ds_place p;
        ds_gazetteer_place(gz, m->place, &p);
        json_object_set_new(o, "feature_code", json_string(p.feature_code));
    }
    return o;
}

static json_t *place_json(const ds_gazetteer *gz, uint32_t idx, double km)
{
    ds_place p;
    ds_gazetteer_place(gz, idx, &p);
    return json_pack("{s:s,s:s,s:s,s:o,s:o,s:o}", "name", p.name, "admin1", p.admin1,
                     "feature_code", p.feature_code, "lat", num_or_null(p.lat), "lon",
                     num_or_null(p.lon), "distance_km", num_or_null(km));
}

typedef struct event {
    const char *id, *headline, *where, *adm1;
    double lat, lon;
    int prec;
} event;

/* Keeps a sample of up to max misses per class: reservoir sampling with a
 * fixed seed, so the sample spreads over the whole file and is the same on
 * every run; a miss whose text and UCDP name repeat one already kept (UCDP
 * codes one headline as several events) is not kept twice. */
static void record_miss(metric *mt, size_t cls, size_t max, const event *ev, const char *text,
                        json_t *ours, double km, json_t *note, json_t *other)
{
    mt->cls[cls]++;
    json_t *arr = mt->misses[cls];
    size_t slot = SIZE_MAX;
    if (arr && max) {
        size_t i;
        json_t *o;
        bool dup = false;
        json_array_foreach(arr, i, o) {
            const char *t = json_string_value(json_object_get(o, "text"));
            const char *w = json_string_value(
                json_object_get(json_object_get(o, "ucdp"), "name"));
            dup |= t && w && strcmp(t, text) == 0 && strcmp(w, ev->where) == 0;
        }
        if (!dup)
            slot = ucdp_sample_slot(&mt->rng, ++mt->sampled[cls], max);
    }
    if (slot == SIZE_MAX) {
        json_decref(ours);
        json_decref(note);
        json_decref(other);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(ev->id));
    json_object_set_new(o, "where_prec", json_integer(ev->prec));
    json_object_set_new(o, "text", json_string(text));
    json_object_set_new(o, "ours", ours);
    json_object_set_new(o, "ucdp", json_pack("{s:s,s:s,s:o,s:o}", "name", ev->where, "adm_1",
                                             ev->adm1, "lat", json_real(ev->lat), "lon",
                                             json_real(ev->lon)));
    json_object_set_new(o, "distance_km", num_or_null(km));
    json_object_set_new(o, "nearest_entry", note ? note : json_null());
    if (other)
        json_object_set_new(o, "right_mention", other);
    if (slot < json_array_size(arr))
        json_array_set_new(arr, slot, o);
    else
        json_array_append_new(arr, o);
}

static void count(metric *mt, const event *ev, bool found, bool within)
{
    int p = ev->prec >= 1 && ev->prec < PREC_N ? ev->prec : 0;
    mt->events++;
    mt->prec_events[p]++;
    if (found) {
        mt->found++;
        mt->prec_found[p]++;
    }
    if (within) {
        mt->within++;
        mt->prec_within[p]++;
    }
}

/* What the chosen mention says about the resolver, found or not right. */
static void note_pick(metric *mt, const ds_place_mention *m)
{
    if (m->country[0] && strcmp(m->country, "SY") != 0)
        mt->outside_focus++;
    if (m->place == DS_PLACE_NONE && m->parent != DS_PLACE_NONE)
        mt->by_parent++;
}

/* ---- the two measures ------------------------------------------------------ */

typedef struct ctx {
    const ds_gazetteer *gz;
    const ds_places *pr;
    size_t max_misses;
    metric a, b;
} ctx;

/* Reads s as intake would (ucdp_text) and finds its places; *text is the
 * normalized text (ds_free it).  Returns false on an error, reported. */
static bool find(const ctx *c, const char *s, ds_arena *arena, char **text, size_t *len,
                 ds_place_mention **m, size_t *n)
{
    ds_error err = {0};
    *m = NULL;
    *n = 0;
    if (!ucdp_text("ucdp-places", s, text, len))
        return false;
    if (*len == 0)
        return true;
    if (ds_places_find(c->pr, *text, *len, "SY", arena, m, n, &err) != DS_OK) {
        fprintf(stderr, "ucdp-places: %s\n", err.msg);
        return false;
    }
    return true;
}

/* One text's places and the mention UCDP would code, with its distance
 * from UCDP's point. */
typedef struct resolved {
    ds_arena *arena;
    char *text;
    size_t len, n;
    ds_place_mention *m;
    int pi;
    double km;
} resolved;

static void resolved_free(resolved *r)
{
    ds_free(r->text);
    ds_arena_free(r->arena);
}

static bool resolve(ctx *c, const char *s, const event *ev, resolved *r)
{
    memset(r, 0, sizeof *r);
    if (!(r->arena = ds_arena_new((size_t)64 << 20)))
        return false;
    if (!find(c, s, r->arena, &r->text, &r->len, &r->m, &r->n)) {
        resolved_free(r);
        return false;
    }
    r->pi = pick(r->m, r->n);
    r->km = r->pi >= 0 ? ds_distance_km(r->m[r->pi].lat, r->m[r->pi].lon, ev->lat, ev->lon)
                       : INFINITY;
    return true;
}

static bool measure_headline(ctx *c, const event *ev, const ucdp_name *u, uint32_t ucdp_a1)
{
    metric *mt = &c->a;
    resolved rs;
    if (!resolve(c, ev->headline, ev, &rs))
        return false;
    const char *text = rs.text;
    size_t len = rs.len, n = rs.n;
    const ds_place_mention *m = rs.m;
    int pi = rs.pi;
    double km = rs.km;
    bool within = km <= RADIUS_KM;
    /* oracles: some located mention within 25 km; some entry named like a
     * mention within 25 km */
    bool any_mention = false;
    nearest chosen_best = {INFINITY, DS_PLACE_NONE}, other_best = chosen_best;
    int right = -1; /* the nearest other mention, for a wrong pick */
    double right_km = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double d = isnan(m[i].lat) ? INFINITY
                                   : ds_distance_km(m[i].lat, m[i].lon, ev->lat, ev->lon);
        any_mention |= d <= RADIUS_KM;
        nearest e = lookup_nearest(c->gz, text + m[i].name_start,
                                   m[i].name_end - m[i].name_start, ev->lat, ev->lon, NULL,
                                   NULL);
        keep_nearest((int)i == pi ? &chosen_best : &other_best, e);
        if ((int)i != pi && (d < right_km || (right < 0 && e.km <= RADIUS_KM))) {
            right = (int)i;
            right_km = d;
        }
    }
    if (any_mention)
        mt->oracle_mention++;
    if (any_mention || chosen_best.km <= RADIUS_KM || other_best.km <= RADIUS_KM) {
        mt->ceiling++;
        mt->prec_ceiling[ev->prec >= 1 && ev->prec < PREC_N ? ev->prec : 0]++;
    }
    count(mt, ev, pi >= 0, within);
    if (pi >= 0)
        note_pick(mt, &m[pi]);
    if (!within) {
        char *ftext = ds_fold(text, len);
        bool written = false;
        for (size_t i = 0; ftext && i < u->n_var && !written; i++)
            written = folded_contains(ftext, u->var[i]);
        ds_free(ftext);
        size_t cls;
        nearest note = {INFINITY, DS_PLACE_NONE};
        ds_place chosen = {0};
        if (pi >= 0 && m[pi].place != DS_PLACE_NONE)
            ds_gazetteer_place(c->gz, m[pi].place, &chosen);
        const char *ucdp_a1_name = "";
        if (ucdp_a1 != DS_PLACE_NONE) {
            ds_place a1;
            ds_gazetteer_place(c->gz, ucdp_a1, &a1);
            ucdp_a1_name = a1.name;
        }
        bool same_gov = pi >= 0 && *ucdp_a1_name && m[pi].admin1 &&
                        strcmp(m[pi].admin1, ucdp_a1_name) == 0;
        if (pi < 0) {
            cls = written ? A_NONE_UNRECOG : A_NONE;
        } else if (chosen_best.km <= RADIUS_KM) {
            cls = A_WRONG_CAND;
            note = chosen_best;
        } else if (any_mention || other_best.km <= RADIUS_KM) {
            cls = A_SELECTION;
            note = other_best;
        } else if (written) {
            cls = A_UNRECOG;
        } else if (m[pi].country[0] && strcmp(m[pi].country, "SY") != 0) {
            cls = A_FOREIGN;
        } else if (m[pi].place == DS_PLACE_NONE && m[pi].parent != DS_PLACE_NONE) {
            cls = A_UNLISTED;
        } else if (m[pi].geo_precision >= 3) {
            cls = A_COARSE;
        } else if (same_gov && ((m[pi].precision && strcmp(m[pi].precision, "area") == 0) ||
                                strcmp(chosen.feature_code, "PPLA") == 0 ||
                                strcmp(chosen.feature_code, "PPLC") == 0)) {
            cls = A_GOV_BY_CITY;
        } else if (same_gov) {
            cls = A_SAME_GOV;
        } else {
            cls = A_ELSEWHERE;
        }
        json_t *nj = note.place != DS_PLACE_NONE ? place_json(c->gz, note.place, note.km) : NULL;
        json_t *other = NULL;
        if (cls == A_SELECTION && right >= 0) {
            other = mention_json(c->gz, text, &m[right]);
            json_object_set_new(other, "distance_km", num_or_null(right_km));
        }
        record_miss(mt, cls, c->max_misses, ev, text,
                    mention_json(c->gz, text, pi >= 0 ? &m[pi] : NULL), km, nj, other);
    }
    resolved_free(&rs);
    return true;
}

static bool measure_name(ctx *c, const event *ev, const ucdp_name *u)
{
    metric *mt = &c->b;
    resolved rs;
    if (!resolve(c, u->query, ev, &rs))
        return false;
    const char *text = rs.text;
    size_t n = rs.n;
    const ds_place_mention *m = rs.m;
    int pi = rs.pi;
    double km = rs.km;
    bool within = km <= RADIUS_KM;
    /* the ceiling: an entry named like one of UCDP's names within 25 km */
    nearest best = {INFINITY, DS_PLACE_NONE};
    size_t total_cands = 0, sy_cands = 0;
    for (size_t i = 0; i < u->n_var; i++)
        keep_nearest(&best, lookup_nearest(c->gz, u->var[i], strlen(u->var[i]), ev->lat,
                                           ev->lon, &total_cands, &sy_cands));
    bool reachable = best.km <= RADIUS_KM;
    /* the recognizer may have matched only part of the name */
    nearest spans = {INFINITY, DS_PLACE_NONE};
    for (size_t i = 0; i < n; i++)
        keep_nearest(&spans, lookup_nearest(c->gz, text + m[i].name_start,
                                            m[i].name_end - m[i].name_start, ev->lat, ev->lon,
                                            NULL, NULL));
    if (reachable || within) {
        mt->ceiling++;
        mt->prec_ceiling[ev->prec >= 1 && ev->prec < PREC_N ? ev->prec : 0]++;
    }
    count(mt, ev, pi >= 0, within);
    if (pi >= 0)
        note_pick(mt, &m[pi]);
    if (!within) {
        size_t cls;
        nearest note = best;
        keep_nearest(&note, spans);
        if (pi < 0)
            cls = sy_cands ? B_DROPPED : total_cands ? B_ONLY_FOREIGN : B_NOT_IN_GAZ;
        else if (note.km <= RADIUS_KM)
            cls = B_WRONG_CAND;
        else if (m[pi].country[0] && strcmp(m[pi].country, "SY") != 0)
            cls = B_FOREIGN;
        else if (m[pi].place == DS_PLACE_NONE && m[pi].parent != DS_PLACE_NONE)
            cls = B_UNLISTED;
        else if (m[pi].geo_precision >= 3)
            cls = B_COARSE;
        else
            cls = B_HOMONYM;
        json_t *nj = note.place != DS_PLACE_NONE ? place_json(c->gz, note.place, note.km) : NULL;
        record_miss(mt, cls, c->max_misses, ev, text,
                    mention_json(c->gz, text, pi >= 0 ? &m[pi] : NULL), km, nj, NULL);
    }
    resolved_free(&rs);
    return true;
}

/* ---- output --------------------------------------------------------------- */

static double share(size_t a, size_t b) { return b ? (double)a / (double)b : 0; }

static json_t *metric_json(const metric *mt, bool headline)
{
    json_t *o = json_object();
    json_object_set_new(o, "events", json_integer((json_int_t)mt->events));
    json_object_set_new(o, "found", json_integer((json_int_t)mt->found));
    json_object_set_new(o, "within_25km", json_integer((json_int_t)mt->within));
    json_object_set_new(o, "share_of_found", json_real(round(share(mt->within, mt->found) * 1e4) / 1e4));
    json_object_set_new(o, "share_of_all", json_real(round(share(mt->within, mt->events) * 1e4) / 1e4));
    if (headline) {
        json_object_set_new(o, "oracle_some_mention_within_25km",
                            json_integer((json_int_t)mt->oracle_mention));
        json_object_set_new(o, "oracle_some_entry_of_a_mention_within_25km",
                            json_integer((json_int_t)mt->ceiling));
    } else {
        json_object_set_new(o, "not_found", json_integer((json_int_t)(mt->events - mt->found)));
        json_object_set_new(o, "ceiling_entry_so_named_within_25km",
                            json_integer((json_int_t)mt->ceiling));
    }
    json_object_set_new(o, "chosen_outside_SY", json_integer((json_int_t)mt->outside_focus));
    json_object_set_new(o, "chosen_unlisted_located_by_parent",
                        json_integer((json_int_t)mt->by_parent));
    json_t *bp = json_array();
    for (int p = 0; p < PREC_N; p++) {
        if (!mt->prec_events[p])
            continue;
        json_array_append_new(
            bp, json_pack("{s:i,s:I,s:I,s:I,s:I}", "where_prec", p, "events",
                          (json_int_t)mt->prec_events[p], "found", (json_int_t)mt->prec_found[p],
                          "within_25km", (json_int_t)mt->prec_within[p],
                          headline ? "oracle" : "ceiling", (json_int_t)mt->prec_ceiling[p]));
    }
    json_object_set_new(o, "by_where_prec", bp);
    json_t *cl = json_object();
    for (size_t i = 0; i < mt->n_classes; i++)
        json_object_set_new(cl, mt->classes[i].name, json_integer((json_int_t)mt->cls[i]));
    json_object_set_new(o, "misses_by_class", cl);
    json_t *ms = json_object();
    for (size_t i = 0; i < mt->n_classes; i++)
        if (mt->misses[i])
            json_object_set(ms, mt->classes[i].name, mt->misses[i]);
    if (json_object_size(ms))
        json_object_set_new(o, "misses", ms);
    else
        json_decref(ms);
    return o;
}

static void print_miss(const json_t *o)
{
    const json_t *ours = json_object_get(o, "ours"), *u = json_object_get(o, "ucdp"),
                 *nj = json_object_get(o, "nearest_entry");
    double km = json_number_value(json_object_get(o, "distance_km"));
    printf("  - event %s, where_prec %d", json_string_value(json_object_get(o, "id")),
           (int)json_integer_value(json_object_get(o, "where_prec")));
    if (json_is_number(json_object_get(o, "distance_km")))
        printf(", %.1f km off", km);
    printf("\n    text: %s\n", json_string_value(json_object_get(o, "text")));
    if (json_is_object(ours))
        printf("    ours: \"%s\" -> %s (%s) %.4f,%.4f %s conf %.2f\n",
               json_string_value(json_object_get(ours, "span")),
               json_string_value(json_object_get(ours, "name")),
               json_string_value(json_object_get(ours, "admin1")),
               json_number_value(json_object_get(ours, "lat")),
               json_number_value(json_object_get(ours, "lon")),
               json_string_value(json_object_get(ours, "precision")),
               json_number_value(json_object_get(ours, "confidence")));
    else
        printf("    ours: nothing located\n");
    printf("    ucdp: %s (%s) %.5f,%.5f\n", json_string_value(json_object_get(u, "name")),
           json_string_value(json_object_get(u, "adm_1")),
           json_number_value(json_object_get(u, "lat")),
           json_number_value(json_object_get(u, "lon")));
    const json_t *r = json_object_get(o, "right_mention");
    if (json_is_object(r))
        printf("    right mention: \"%s\" -> %s (%s) %s, %.1f km from UCDP's point\n",
               json_string_value(json_object_get(r, "span")),
               json_string_value(json_object_get(r, "name")),
               json_string_value(json_object_get(r, "admin1")),
               json_string_value(json_object_get(r, "precision")),
               json_number_value(json_object_get(r, "distance_km")));
    if (json_is_object(nj))
        printf("    nearest entry so named: %s (%s, %s) %.4f,%.4f, %.1f km from UCDP's point\n",
               json_string_value(json_object_get(nj, "name")),
               json_string_value(json_object_get(nj, "admin1")),
               json_string_value(json_object_get(nj, "feature_code")),
               json_number_value(json_object_get(nj, "lat")),
               json_number_value(json_object_get(nj, "lon")),
               json_number_value(json_object_get(nj, "distance_km")));
}

static void print_metric(const metric *mt, bool headline)
{
    printf("%s\n", mt->label);
    printf("  events                        %6zu\n", mt->events);
    printf("  %-29s %6zu  (%.1f%% of events)\n", headline ? "with a place found" : "name resolved",
           mt->found, 100 * share(mt->found, mt->events));
    if (!headline)
        printf("  name yields no located place  %6zu\n", mt->events - mt->found);
    printf("  within 25 km                  %6zu  %.1f%% of those found, %.1f%% of all events\n",
           mt->within, 100 * share(mt->within, mt->found), 100 * share(mt->within, mt->events));
    if (headline) {
        printf("  oracle: some mention within 25 km                  %6zu  (%.1f%%)\n",
               mt->oracle_mention, 100 * share(mt->oracle_mention, mt->events));
        printf("  oracle: some entry named like a mention within 25 km %4zu  (%.1f%%)\n",
               mt->ceiling, 100 * share(mt->ceiling, mt->events));
    } else {
        printf("  ceiling: an entry named like UCDP's within 25 km %6zu  (%.1f%%)\n",
               mt->ceiling, 100 * share(mt->ceiling, mt->events));
    }
    printf("  chosen place outside Syria    %6zu\n", mt->outside_focus);
    printf("  chosen name unlisted, located by its parent %zu\n", mt->by_parent);
    printf("  by where_prec   events   found  within  %%found  %%all  %s\n",
           headline ? "oracle" : "ceiling");
    for (int p = 0; p < PREC_N; p++) {
        if (!mt->prec_events[p])
            continue;
        printf("    %-11d %8zu %7zu %7zu %6.1f %6.1f %7zu\n", p, mt->prec_events[p],
               mt->prec_found[p], mt->prec_within[p],
               100 * share(mt->prec_within[p], mt->prec_found[p]),
               100 * share(mt->prec_within[p], mt->prec_events[p]), mt->prec_ceiling[p]);
    }
    printf("  misses by class\n");
    for (size_t i = 0; i < mt->n_classes; i++)
        printf("    %-24s %6zu  %s\n", mt->classes[i].name, mt->cls[i], mt->classes[i].what);
    for (size_t i = 0; i < mt->n_classes; i++) {
        if (!mt->misses[i] || !json_array_size(mt->misses[i]))
            continue;
        printf("\n  misses: %s (%zu of %zu)\n", mt->classes[i].name,
               json_array_size(mt->misses[i]), mt->cls[i]);
        size_t k;
        json_t *o;
        json_array_foreach(mt->misses[i], k, o) print_miss(o);
    }
    printf("\n");
}

/* ---- main ----------------------------------------------------------------- */

enum { COL_ID, COL_HEADLINE, COL_WHERE, COL_LAT, COL_LON, COL_PREC, COL_ADM1, COL_N };
static const char *const col_names[COL_N] = {"id",       "source_headline", "where_coordinates",
                                             "latitude", "longitude",       "where_prec",
                                             "adm_1"};

static int run(ctx *c, const char *path, bool json)
{
    ucdp_ged g;
    size_t col[COL_N];
    if (!ucdp_ged_open(&g, "ucdp-places", path, col_names, COL_N, col))
        return 1;
    char **f;
    int got, rc = 0;
    while ((got = ucdp_ged_next(&g, &f)) > 0) {
        event ev;
        if (!ucdp_parse_double(f[col[COL_LAT]], &ev.lat) ||
            !ucdp_parse_double(f[col[COL_LON]], &ev.lon)) {
            ucdp_ged_skip(&g, "no latitude/longitude");
            continue;
        }
        ev.id = f[col[COL_ID]];
        ev.headline = f[col[COL_HEADLINE]];
        ev.where = f[col[COL_WHERE]];
        ev.adm1 = f[col[COL_ADM1]];
        ev.prec = atoi(f[col[COL_PREC]]);
        ucdp_name u;
        split_name(ev.where, &u);
        uint32_t a1 = ucdp_admin1(c->gz, ev.adm1);
        if (!measure_headline(c, &ev, &u, a1) || !measure_name(c, &ev, &u)) {
            rc = 1;
            break;
        }
    }
    if (got < 0)
        rc = 1;
    size_t bad = g.skipped;
    if (bad)
        fprintf(stderr, "ucdp-places: %zu rows skipped\n", bad);
    if (rc == 0) {
        if (json) {
            json_t *root = json_object();
            json_object_set_new(root, "file", json_string(path));
            json_object_set_new(root, "radius_km", json_integer(RADIUS_KM));
            json_object_set_new(root, "rows_skipped", json_integer((json_int_t)bad));
            json_object_set_new(root, "headline", metric_json(&c->a, true));
            json_object_set_new(root, "where_coordinates", metric_json(&c->b, false));
            json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
            fputc('\n', stdout);
            json_decref(root);
        } else {
            printf("UCDP GED Syria: %zu events from %s (%zu rows skipped); right = within %d km\n\n",
                   c->a.events, path, bad, RADIUS_KM);
            print_metric(&c->a, true);
            print_metric(&c->b, false);
        }
    }
    ucdp_ged_close(&g);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"gazetteer", required_argument, NULL, 'G'}, {"misses", required_argument, NULL, 'm'},
        {"json", no_argument, NULL, 'j'},            {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *gpath = NULL;
    size_t max_misses = 0;
    bool json = false;
    int o;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'G': gpath = optarg; break;
        case 'm':
            if (!ucdp_count_arg("ucdp-places", "--misses", optarg, &max_misses))
                return 2;
            break;
        case 'j': json = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: fputs(usage_text, stderr); return 2;
        }
    }
    if (optind + 1 != argc) {
        fputs(usage_text, stderr);
        return 2;
    }
    ds_gazetteer *gz = ucdp_gazetteer("ucdp-places", gpath);
    if (!gz)
        return 1;
    ds_error err = {0};
    ds_places *pr;
    if (ds_places_new(&pr, gz, &err) != DS_OK) {
        fprintf(stderr, "ucdp-places: %s\n", err.msg);
        ds_gazetteer_close(gz);
        return 1;
    }
    ctx c = {.gz = gz, .pr = pr, .max_misses = max_misses};
    c.a.rng = c.b.rng = 0x9E3779B97F4A7C15u;
    c.a.label = "(a) source_headline -> most specific place found (country SY)";
    c.a.classes = a_classes;
    c.a.n_classes = A_N;
    c.b.label = "(b) where_coordinates without type words -> place (country SY)";
    c.b.classes = b_classes;
    c.b.n_classes = B_N;
    for (size_t i = 0; max_misses && i < A_N; i++)
        c.a.misses[i] = json_array();
    for (size_t i = 0; max_misses && i < B_N; i++)
        c.b.misses[i] = json_array();
    int rc = run(&c, argv[optind], json);
    for (size_t i = 0; i < A_N; i++)
        json_decref(c.a.misses[i]);
    for (size_t i = 0; i < B_N; i++)
        json_decref(c.b.misses[i]);
    ds_places_free(pr);
    ds_gazetteer_close(gz);
    return rc;
}
