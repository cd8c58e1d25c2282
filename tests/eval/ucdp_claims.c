/* ucdp_claims.c: claims measured against UCDP GED Syria (issue 5).
 *
 *   ucdp-claims [--gazetteer FILE] [--failures N] GED.csv
 *
 * Reads the GED CSV at run time (the data stays in ../shared/data and is
 * never copied into the repository).  Each event's source_headline goes
 * through the extract stage as the stream contract would take it: the
 * headline is the text, published is the event's date_end (the headlines
 * are same-day reports) and the country focus is SY.  The headline is read
 * as intake would read it first (HTML references decoded, normalized), and
 * the ";" with which UCDP joins the headlines of several sources becomes a
 * paragraph break.
 *
 * Only headlines that state a death toll are scored, and which ones do is
 * decided without the extractor, so that its misses cannot shrink the
 * denominator.  The rule: within one clause (the text between ; . | ? !
 * or a line break), a number lies at most WINDOW words from a death word.
 * A number is a run of digits ("1,200" too) or a number word (one to
 * ninety, hundred, thousand, dozen, and the vague dozens, tens, hundreds,
 * thousands), but not a year (1900 to 2100), not an ordinal ("11th") and
 * not one followed by a word for things rather than people ("15 missiles",
 * "3 villages", "one family").  A death word is kill(s/ed/ing/ings), dead,
 * die(s/d), dying, death(s), toll, massacre(s/d), slain, execute(s/d),
 * execution(s), martyr(s/ed/dom), bodies, corpses, fatalities, life, lives,
 * assassinate(s/d) or behead(s/ed), but not when "and" or "or" and an
 * injury word follow it: "killed or wounded" and "martyrs and wounded"
 * state no death toll of their own.
 *
 * Per event the claim scored for the figure is the first with a killed
 * count: right when its value equals UCDP's best or lies in [low, high].
 * The claim scored for the place is the first with coordinates: right
 * within 25 km of UCDP's latitude/longitude.  Half the tolls are SOHR's
 * day totals for the whole country ("N were killed yesterday, including
 * ..."), which UCDP splits over many events; the shares are also given
 * without them.  Each miss is put in a class that says where it went
 * wrong, and two oracles bound what a perfect reader of the headline could
 * reach: the headline writes UCDP's figure as a number, and some place
 * mention lies within 25 km.  --failures N prints up to N misses of each
 * class (a fixed-seed sample over the file, one per headline).
 *
 * This is a measurement: it exits 0 whatever the shares, 2 on a bad
 * argument and 1 when the file or the data cannot be read. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "extract/extract.h"
#include "gazetteer/gazetteer.h"
#include "sources/sources.h"
#include "ucdp_ged.h"

#define PROG "ucdp-claims"

/* WINDOW is the toll rule's reach in words; MAX_TOKENS words of a headline
 * are read (the longest in the 2016-2017 file has 267). */
enum { RADIUS_KM = 25, WINDOW = 8, MAX_TOKENS = 512, WORD_MAX = 24, PREC_N = 8 };

static const char usage_text[] =
    "usage: ucdp-claims [--gazetteer FILE] [--failures N] GED.csv\n"
    "\n"
    "Runs the extract stage on each UCDP GED (Syria) source_headline that states a\n"
    "death toll (published = date_end, country SY) and measures (1) the first\n"
    "claim's killed figure against UCDP's best and [low, high], (2) the first\n"
    "located claim's place, right within 25 km of UCDP's point.\n"
    "\n"
    "  --gazetteer FILE  index to use (default $DOSSIER_GAZETTEER or data/gazetteer.dsg)\n"
    "  --failures N      print up to N misses of each class: headline, UCDP, ours\n";

/* ---- does the headline state a death toll? --------------------------------- */

enum { NUM_NONE = -1, NUM_VAGUE = -2 };

typedef struct token {
    size_t clause;
    long value; /* the number, NUM_VAGUE for "dozens", NUM_NONE for a word */
    bool death;
    bool yesterday;
} token;

static const struct {
    const char *word;
    long value;
} number_words[] = {
    {"one", 1},        {"two", 2},       {"three", 3},     {"four", 4},
    {"five", 5},       {"six", 6},       {"seven", 7},     {"eight", 8},
    {"nine", 9},       {"ten", 10},      {"eleven", 11},   {"twelve", 12},
    {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},
    {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
    {"thirty", 30},    {"forty", 40},    {"fifty", 50},    {"sixty", 60},
    {"seventy", 70},   {"eighty", 80},   {"ninety", 90},   {"hundred", 100},
    {"thousand", 1000}, {"dozen", 12},   {"dozens", NUM_VAGUE}, {"tens", NUM_VAGUE},
    {"hundreds", NUM_VAGUE}, {"thousands", NUM_VAGUE},
};

static const char *const death_words[] = {
    "kill",      "kills",     "killed",     "killing",    "killings",  "dead",
    "die",       "dies",      "died",       "dying",      "death",     "deaths",
    "toll",      "massacre",  "massacres",  "massacred",  "slain",     "execute",
    "executes",  "executed",  "execution",  "executions", "martyr",    "martyrs",
    "martyred",  "martyrdom", "bodies",     "corpses",    "fatalities", "life",
    "lives",     "assassinate", "assassinates", "assassinated", "behead", "beheads",
    "beheaded",
};

static const char *const injury_words[] = {
    "wounded", "wounds", "wounding", "injured", "injures", "injuring", "injuries", "injury",
};

/* Words that, right after a number, say it counts things, not people. */
static const char *const thing_words[] = {
    "missile",   "missiles",   "rocket",  "rockets",   "shell",     "shells",   "airstrike",
    "airstrikes", "raid",      "raids",   "strike",    "strikes",   "barrel",   "barrels",
    "bomb",      "bombs",      "explosions", "km",     "kilometers", "kilometres", "meters",
    "days",      "hours",      "weeks",   "months",    "years",     "times",    "village",
    "villages",  "towns",      "points",  "positions", "vehicles",  "tanks",    "percent",
    "family",    "families",
};

static bool in_list(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return true;
    return false;
}
#define IN(list, w) in_list(list, sizeof list / sizeof *list, w)

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The words of text[0..len), lower-cased, each with its clause; only ASCII
 * letters and digits make words, so "al-Sham" is two and "’" parts them. */
static size_t tokenize(const char *text, size_t len, token *tok, char (*word)[WORD_MAX])
{
    size_t n = 0, clause = 0;
    for (size_t i = 0; i < len && n < MAX_TOKENS;) {
        char ch = text[i];
        if (!is_alnum(ch)) {
            bool decimal = ch == '.' && i > 0 && is_digit(text[i - 1]) && i + 1 < len &&
                           is_digit(text[i + 1]);
            if (ch == ';' || ch == '|' || ch == '?' || ch == '!' || ch == '\n' ||
                (ch == '.' && !decimal))
                clause++;
            i++;
            continue;
        }
        size_t k = 0;
        bool digits = true;
        while (i < len) {
            char c = text[i];
            /* a thousands separator: "1,200" is one number */
            bool sep = c == ',' && digits && k > 0 && i + 3 < len && is_digit(text[i + 1]) &&
                       is_digit(text[i + 2]) && is_digit(text[i + 3]) &&
                       (i + 4 == len || !is_digit(text[i + 4]));
            if (!is_alnum(c) && !sep)
                break;
            digits &= is_digit(c) || sep;
            if (!sep && k + 1 < WORD_MAX)
                word[n][k++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
        }
        word[n][k] = '\0';
        tok[n] = (token){.clause = clause, .value = NUM_NONE};
        if (digits) {
            long v = strtol(word[n], NULL, 10);
            if (!(k == 4 && v >= 1900 && v <= 2100))
                tok[n].value = v;
        } else {
            for (size_t w = 0; w < sizeof number_words / sizeof *number_words; w++)
                if (strcmp(word[n], number_words[w].word) == 0)
                    tok[n].value = number_words[w].value;
            tok[n].death = IN(death_words, word[n]);
            tok[n].yesterday = strcmp(word[n], "yesterday") == 0;
        }
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        bool next_same = i + 1 < n && tok[i + 1].clause == tok[i].clause;
        if (tok[i].value != NUM_NONE && next_same && IN(thing_words, word[i + 1]))
            tok[i].value = NUM_NONE;
        if (tok[i].death && i + 2 < n && tok[i + 2].clause == tok[i].clause &&
            (strcmp(word[i + 1], "and") == 0 || strcmp(word[i + 1], "or") == 0) &&
            IN(injury_words, word[i + 2]))
            tok[i].death = false;
    }
    return n;
}

typedef struct event {
    const char *id, *where, *date;
    double lat, lon;
    long low, best, high;
    int prec;
} event;

static bool right_figure(const event *ev, double v)
{
    return v == (double)ev->best || (v >= (double)ev->low && v <= (double)ev->high);
}

/* What the rule reads in a headline: whether it states a death toll,
 * whether every toll it states is a day's total for the whole country
 * (SOHR's "N were killed yesterday, including ..."; UCDP splits such a
 * total over many events, so no headline figure can match one of them),
 * and whether any of its numbers is UCDP's figure (the oracle for (1)). */
typedef struct toll {
    bool states, daily, written;
} toll;

/* Some word of token i's clause is "yesterday". */
static bool clause_says_yesterday(const token *tok, size_t n, size_t i)
{
    size_t a = i, b = i;
    while (a > 0 && tok[a - 1].clause == tok[i].clause)
        a--;
    while (b + 1 < n && tok[b + 1].clause == tok[i].clause)
        b++;
    for (size_t k = a; k <= b; k++)
        if (tok[k].yesterday)
            return true;
    return false;
}

static toll read_toll(const char *text, size_t len, const event *ev)
{
    static token tok[MAX_TOKENS];
    static char word[MAX_TOKENS][WORD_MAX];
    size_t n = tokenize(text, len, tok, word);
    toll t = {false, false, false};
    bool other = false; /* a toll that is not a day's total */
    for (size_t i = 0; i < n; i++) {
        if (tok[i].value == NUM_NONE)
            continue;
        t.written |= tok[i].value >= 0 && right_figure(ev, (double)tok[i].value);
        bool states = false;
        for (size_t j = i > WINDOW ? i - WINDOW : 0; j < n && j <= i + WINDOW; j++)
            states |= tok[j].death && tok[j].clause == tok[i].clause;
        t.states |= states;
        other |= states && !clause_says_yesterday(tok, n, i);
    }
    t.daily = t.states && !other;
    return t;
}

/* ---- what the extractor said ---------------------------------------------- */

typedef struct ours {
    size_t n_claims;
    bool counted;             /* some claim has a killed count */
    double killed, low, high; /* the first one's value and range (high NAN: open) */
    char qualifier[32];
    bool some_count_right;    /* a later claim's count would be right */
    bool killed_mention;      /* a number mention reads as killed */
    bool located;             /* some claim has coordinates */
    double lat, lon, km;      /* the first one's */
    char place[128], precision[16];
    char place_text[128];     /* the words the first located claim's place was read from */
    bool by_parent;           /* ... a name the gazetteer lacks, put at its parent's point */
    bool some_claim_near;     /* a later claim's place lies within 25 km */
    bool mention_located;     /* some place mention has coordinates */
    bool mention_near;        /* ... and lies within 25 km */
} ours;

static double number(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static void read_claim(const json_t *cl, const event *ev, ours *r)
{
    const json_t *k = json_object_get(json_object_get(cl, "counts"), "killed");
    double v = number(k, "value");
    if (!isnan(v)) {
        if (!r->counted) {
            r->counted = true;
            r->killed = v;
            r->low = number(k, "low");
            r->high = number(k, "high");
            const char *q = json_string_value(json_object_get(k, "qualifier"));
            snprintf(r->qualifier, sizeof r->qualifier, "%s", q ? q : "");
        } else {
            r->some_count_right |= right_figure(ev, v);
        }
    }
    const json_t *loc = json_object_get(cl, "location");
    double lat = number(loc, "lat"), lon = number(loc, "lon");
    if (isnan(lat) || isnan(lon))
        return;
    double km = ds_distance_km(lat, lon, ev->lat, ev->lon);
    if (r->located) {
        r->some_claim_near |= km <= RADIUS_KM;
        return;
    }
    r->located = true;
    r->lat = lat;
    r->lon = lon;
    r->km = km;
    const char *name = json_string_value(json_object_get(loc, "name"));
    const char *prec = json_string_value(json_object_get(loc, "precision"));
    const char *text = json_string_value(json_object_get(loc, "text"));
    snprintf(r->place, sizeof r->place, "%s", name ? name : "");
    snprintf(r->place_text, sizeof r->place_text, "%s", text ? text : "");
    snprintf(r->precision, sizeof r->precision, "%s", prec ? prec : "");
}

static void read_mention(const ds_mention *m, const event *ev, ours *r)
{
    bool place = strcmp(m->kind, "place") == 0, num = strcmp(m->kind, "number") == 0;
    if (!place && !num)
        return;
    json_t *o = json_loads(m->value, 0, NULL);
    if (place) {
        double lat = number(o, "lat"), lon = number(o, "lon");
        bool located = !isnan(lat) && !isnan(lon);
        r->mention_located |= located;
        r->mention_near |= located && ds_distance_km(lat, lon, ev->lat, ev->lon) <= RADIUS_KM;
        /* the claim's place has no entry of its own when its mention has
         * none and was located by a parent */
        const char *text = json_string_value(json_object_get(o, "text"));
        r->by_parent |= r->located && text && strcmp(text, r->place_text) == 0 &&
                        json_is_null(json_object_get(o, "geonameid")) &&
                        json_is_object(json_object_get(o, "parent"));
    } else {
        const char *role = json_string_value(json_object_get(o, "role"));
        r->killed_mention |= role && strcmp(role, "killed") == 0;
    }
    json_decref(o);
}

static void read_document(const ds_document *d, const event *ev, ours *r)
{
    memset(r, 0, sizeof *r);
    r->n_claims = d->n_claims;
    for (size_t i = 0; i < d->n_claims; i++) {
        json_t *cl = json_loads(d->claims[i].value, 0, NULL);
        read_claim(cl, ev, r);
        json_decref(cl);
    }
    for (size_t i = 0; i < d->n_mentions; i++)
        read_mention(&d->mentions[i], ev, r);
}

/* ---- tallies ----------------------------------------------------------------- */

typedef struct klass {
    const char *name, *what;
} klass;

enum {
    F_DAY_TOTAL, F_NO_CLAIM, F_UNCLAIMED, F_NO_COUNT, F_OTHER_CLAIM, F_MISREAD, F_NOT_WRITTEN,
    F_N
};
static const klass f_classes[F_N] = {
    {"day_total", "the headline's only toll is a day's total for the country, which UCDP "
                  "splits over many events"},
    {"no_claim", "no claim from the headline"},
    {"count_not_in_claim", "a figure reads as killed, but no claim carries a killed count"},
    {"no_killed_count", "claims, but no killed figure recognized"},
    {"later_claim_right", "the first killed count is wrong; a later claim's is right"},
    {"misread", "wrong figure, though the headline writes UCDP's figure"},
    {"figure_not_written",
     "wrong figure; no number in the headline is UCDP's (a total over several events or "
     "days, or UCDP took the figure from the article)"},
};

enum {
    P_NO_CLAIM, P_NO_PLACE, P_NO_LOCATION, P_OTHER_CLAIM, P_MENTION, P_UNLISTED, P_COARSE,
    P_ELSEWHERE, P_N
};
static const klass p_classes[P_N] = {
    {"no_claim", "no claim from the headline"},
    {"no_place_named", "no claim located, and the headline names no place found"},
    {"no_location", "no claim located, though the headline names a place"},
    {"later_claim_right", "the first located claim is wrong; a later claim's place is right"},
    {"mention_not_in_claim", "a place mention lies within 25 km; the claim took another"},
    {"unlisted_by_parent",
     "the claim's place is a name without a gazetteer entry, put at its parent's point "
     "(often the country's)"},
    {"coarse", "the claim's place is a governorate, region or the country"},
    {"elsewhere", "a town or area beyond 25 km, and no mention within"},
};

enum { MAX_CLASSES = 8 };
_Static_assert((int)F_N <= (int)MAX_CLASSES && (int)P_N <= (int)MAX_CLASSES, "MAX_CLASSES");

typedef struct sample {
    char *headline; /* one miss per headline: UCDP codes one as several events */
    char *block;    /* the miss as printed */
} sample;

typedef struct metric {
    const klass *classes;
    size_t n_classes;
    size_t cls[MAX_CLASSES];
    sample *kept[MAX_CLASSES]; /* up to --failures each */
    size_t n_kept[MAX_CLASSES], seen[MAX_CLASSES];
    uint64_t rng;
} metric;

typedef struct ctx {
    const ds_extractor *x;
    size_t max_failures;
    size_t events, tolls, with_claim, with_count, fig_right, fig_best, fig_range;
    size_t fig_oracle, fig_oracle_right; /* the headline writes UCDP's figure; and ours is right */
    size_t located, place_right, place_oracle;
    size_t daily, other_fig_right, other_place_right; /* tolls that are day totals; the rest */
    size_t skipped_count; /* headlines the rule skips that still gave a killed count */
    size_t prec_tolls[PREC_N], prec_fig[PREC_N], prec_place[PREC_N];
    metric fig, place;
} ctx;

/* The miss as --failures prints it: the headline, UCDP's coding, ours.
 * Returns a ds_malloc'd string, or NULL when out of memory. */
static char *miss_block(const event *ev, const char *text, const ours *r)
{
    char fig[96] = "no killed count", place[192] = "no place", high[24] = "open";
    if (r->counted) {
        if (!isnan(r->high))
            snprintf(high, sizeof high, "%g", r->high);
        snprintf(fig, sizeof fig, "killed %g [%g, %s]%s%s", r->killed, r->low, high,
                 r->qualifier[0] ? " " : "", r->qualifier);
    }
    if (r->located)
        snprintf(place, sizeof place, "%s (%s) %.4f,%.4f, %.1f km off", r->place,
                 r->precision, r->lat, r->lon, r->km);
    ds_buf b;
    ds_buf_init(&b, (size_t)1 << 20);
    char *out = NULL;
    size_t len;
    if (ds_buf_printf(&b,
                      "  - event %s, %s, where_prec %d\n    text: %s\n"
                      "    ucdp: best %ld [%ld, %ld]; %s %.4f,%.4f\n"
                      "    ours: %zu claim%s; %s; %s\n",
                      ev->id, ev->date, ev->prec, text, ev->best, ev->low, ev->high, ev->where,
                      ev->lat, ev->lon, r->n_claims, r->n_claims == 1 ? "" : "s", fig,
                      place) == DS_OK)
        out = ds_buf_steal(&b, &len);
    ds_buf_free(&b);
    return out;
}

/* Counts a miss in its class and offers it to the class's sample. */
static bool record_miss(const ctx *c, metric *mt, size_t cls, const event *ev, const char *text,
                        const ours *r)
{
    mt->cls[cls]++;
    if (!c->max_failures)
        return true;
    for (size_t i = 0; i < mt->n_kept[cls]; i++)
        if (strcmp(mt->kept[cls][i].headline, text) == 0)
            return true;
    size_t slot = ucdp_sample_slot(&mt->rng, ++mt->seen[cls], c->max_failures);
    if (slot == SIZE_MAX)
        return true;
    sample s = {ds_strdup(text), miss_block(ev, text, r)};
    if (!s.headline || !s.block) {
        ds_free(s.headline);
        ds_free(s.block);
        fprintf(stderr, PROG ": out of memory\n");
        return false;
    }
    if (slot < mt->n_kept[cls]) {
        ds_free(mt->kept[cls][slot].headline);
        ds_free(mt->kept[cls][slot].block);
    } else {
        mt->n_kept[cls]++;
    }
    mt->kept[cls][slot] = s;
    return true;
}

static size_t figure_class(const ours *r)
{
    if (!r->n_claims)
        return F_NO_CLAIM;
    if (!r->counted)
        return r->killed_mention ? F_UNCLAIMED : F_NO_COUNT;
    if (r->some_count_right)
        return F_OTHER_CLAIM;
    return F_MISREAD;
}

static size_t place_class(const ours *r)
{
    if (!r->n_claims)
        return P_NO_CLAIM;
    if (!r->located)
        return r->mention_located ? P_NO_LOCATION : P_NO_PLACE;
    if (r->some_claim_near)
        return P_OTHER_CLAIM;
    if (r->mention_near)
        return P_MENTION;
    if (r->by_parent)
        return P_UNLISTED;
    bool coarse = strcmp(r->precision, "town") != 0 && strcmp(r->precision, "area") != 0;
    return coarse ? P_COARSE : P_ELSEWHERE;
}

/* UCDP joins the headlines of an event's sources with ";" (as many as
 * number_of_sources); they are separate reports, so the extractor gets
 * them as separate paragraphs, and no place or date carries from one to
 * the next.  Returns a ds_malloc'd copy, or NULL when out of memory. */
static char *split_headlines(const char *text, size_t len, size_t *out_len)
{
    char *out = ds_malloc(2 * len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == ';')
            out[n++] = '\n';
        out[n++] = text[i] == ';' ? '\n' : text[i];
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* Extracts the claims of one event's headlines and scores them. */
static bool measure(ctx *c, const event *ev, const char *headline)
{
    char *text;
    size_t len;
    if (!ucdp_text(PROG, headline, &text, &len))
        return false;
    ds_document d;
    memset(&d, 0, sizeof d);
    if (!(d.text = split_headlines(text, len, &d.text_len))) {
        fprintf(stderr, PROG ": out of memory\n");
        ds_free(text);
        return false;
    }
    c->events++;
    toll t = read_toll(text, len, ev);
    ds_error err = {0};
    ds_extract_options opt = {.country = "SY"};
    if (ds_date_parse_iso(ev->date, DS_PREC_NONE, &d.published) != DS_OK)
        memset(&d.published, 0, sizeof d.published);
    if (ds_extract_segment(c->x, &d, &err) != DS_OK ||
        ds_extract_document(c->x, &d, &opt, &err) != DS_OK) {
        fprintf(stderr, PROG ": event %s: %s\n", ev->id, err.msg);
        ds_document_free(&d);
        ds_free(text);
        return false;
    }
    ours r;
    read_document(&d, ev, &r);
    bool ok = true;
    if (!t.states) {
        c->skipped_count += r.counted;
    } else {
        int p = ev->prec >= 1 && ev->prec < PREC_N ? ev->prec : 0;
        bool fig = r.counted && right_figure(ev, r.killed);
        bool place = r.located && r.km <= RADIUS_KM;
        c->tolls++;
        c->prec_tolls[p]++;
        c->with_claim += r.n_claims > 0;
        c->with_count += r.counted;
        c->fig_right += fig;
        c->prec_fig[p] += fig;
        c->fig_best += r.counted && r.killed == (double)ev->best;
        c->fig_range += r.counted && r.killed >= (double)ev->low && r.killed <= (double)ev->high;
        c->fig_oracle += t.written;
        c->fig_oracle_right += t.written && fig;
        c->daily += t.daily;
        c->other_fig_right += !t.daily && fig;
        c->other_place_right += !t.daily && place;
        c->located += r.located;
        c->place_right += place;
        c->prec_place[p] += place;
        c->place_oracle += r.mention_near;
        if (!fig) {
            size_t cls = t.daily ? F_DAY_TOTAL : figure_class(&r);
            if (cls == F_MISREAD && !t.written)
                cls = F_NOT_WRITTEN;
            ok = record_miss(c, &c->fig, cls, ev, text, &r);
        }
        if (ok && !place)
            ok = record_miss(c, &c->place, place_class(&r), ev, text, &r);
    }
    ds_document_free(&d);
    ds_free(text);
    return ok;
}

/* ---- output ------------------------------------------------------------------ */

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0; }

static void print_classes(const metric *mt)
{
    printf("  misses by class\n");
    for (size_t i = 0; i < mt->n_classes; i++)
        printf("    %-22s %6zu  %s\n", mt->classes[i].name, mt->cls[i], mt->classes[i].what);
    for (size_t i = 0; i < mt->n_classes; i++) {
        if (!mt->n_kept[i])
            continue;
        printf("\n  misses: %s (%zu of %zu)\n", mt->classes[i].name, mt->n_kept[i], mt->cls[i]);
        for (size_t k = 0; k < mt->n_kept[i]; k++)
            fputs(mt->kept[i][k].block, stdout);
    }
    printf("\n");
}

/* One figure: its label, its count, and its share of what it is part of. */
static void line(const char *label, size_t n, size_t of, const char *what)
{
    printf("  %-42s %6zu  %5.1f%% of %s\n", label, n, pct(n, of), what);
}

static void print_report(const ctx *c, const char *path, size_t skipped)
{
    size_t others = c->tolls - c->daily;
    char others_what[64];
    snprintf(others_what, sizeof others_what, "the %zu other tolls", others);
    printf("UCDP GED Syria claims: %zu events from %s (%zu rows skipped)\n", c->events, path,
           skipped);
    printf("headline as text, published = date_end, country SY; a toll is a number within %d "
           "words of a death word\n",
           WINDOW);
    line("headline states a death toll", c->tolls, c->events, "events");
    line("  with a claim", c->with_claim, c->tolls, "tolls");
    line("  with a killed count", c->with_count, c->tolls, "tolls");
    line("  only day totals (\"N killed yesterday\")", c->daily, c->tolls, "tolls");
    line("no toll by the rule, yet a killed count", c->skipped_count, c->events - c->tolls,
         "the other events");

    printf("\n(1) killed figure of the first claim with one vs UCDP best / [low, high]\n");
    line("right (= best or in [low, high])", c->fig_right, c->tolls, "tolls");
    line("  equal to best", c->fig_best, c->tolls, "tolls");
    line("  within [low, high]", c->fig_range, c->tolls, "tolls");
    line("right, of those with a killed count", c->fig_right, c->with_count, "those");
    line("right, day totals left out", c->other_fig_right, others, others_what);
    line("oracle: the headline writes UCDP's figure", c->fig_oracle, c->tolls, "tolls");
    line("right where the headline writes it", c->fig_oracle_right, c->fig_oracle, "those");
    print_classes(&c->fig);

    printf("(2) place of the first located claim, right within %d km of UCDP's point\n",
           RADIUS_KM);
    line("with a located claim", c->located, c->tolls, "tolls");
    line("right", c->place_right, c->tolls, "tolls");
    line("right, of those located", c->place_right, c->located, "those");
    line("right, day totals left out", c->other_place_right, others, others_what);
    line("oracle: some place mention within 25 km", c->place_oracle, c->tolls, "tolls");
    printf("  by where_prec   tolls  figure  %%fig   place  %%place\n");
    for (int p = 0; p < PREC_N; p++)
        if (c->prec_tolls[p])
            printf("    %-11d %7zu %7zu %5.1f %7zu %6.1f\n", p, c->prec_tolls[p], c->prec_fig[p],
                   pct(c->prec_fig[p], c->prec_tolls[p]), c->prec_place[p],
                   pct(c->prec_place[p], c->prec_tolls[p]));
    print_classes(&c->place);
}

/* ---- main --------------------------------------------------------------------- */

enum {
    COL_ID, COL_HEADLINE, COL_WHERE, COL_LAT, COL_LON, COL_PREC, COL_DATE,
    COL_LOW, COL_BEST, COL_HIGH, COL_N
};
static const char *const col_names[COL_N] = {
    "id",         "source_headline", "where_coordinates", "latitude", "longitude",
    "where_prec", "date_end",        "low",               "best",     "high",
};

static bool parse_long(const char *s, long *out)
{
    double v;
    if (!ucdp_parse_double(s, &v) || v != floor(v) || v < 0 || v > 1e9)
        return false;
    *out = (long)v;
    return true;
}

static int run(ctx *c, const char *path)
{
    ucdp_ged g;
    size_t col[COL_N];
    if (!ucdp_ged_open(&g, PROG, path, col_names, COL_N, col))
        return 1;
    char **f;
    int got, rc = 0;
    while ((got = ucdp_ged_next(&g, &f)) > 0) {
        event ev = {.id = f[col[COL_ID]], .where = f[col[COL_WHERE]],
                    .date = f[col[COL_DATE]], .prec = atoi(f[col[COL_PREC]])};
        if (!ucdp_parse_double(f[col[COL_LAT]], &ev.lat) ||
            !ucdp_parse_double(f[col[COL_LON]], &ev.lon)) {
            ucdp_ged_skip(&g, "no latitude/longitude");
            continue;
        }
        if (!parse_long(f[col[COL_LOW]], &ev.low) || !parse_long(f[col[COL_BEST]], &ev.best) ||
            !parse_long(f[col[COL_HIGH]], &ev.high)) {
            ucdp_ged_skip(&g, "no low/best/high");
            continue;
        }
        if (!measure(c, &ev, f[col[COL_HEADLINE]])) {
            rc = 1;
            break;
        }
    }
    if (got < 0)
        rc = 1;
    if (g.skipped)
        fprintf(stderr, PROG ": %zu rows skipped\n", g.skipped);
    if (rc == 0)
        print_report(c, path, g.skipped);
    ucdp_ged_close(&g);
    return rc;
}

static void metric_free(metric *mt)
{
    for (size_t i = 0; i < mt->n_classes; i++) {
        for (size_t k = 0; k < mt->n_kept[i]; k++) {
            ds_free(mt->kept[i][k].headline);
            ds_free(mt->kept[i][k].block);
        }
        ds_free(mt->kept[i]);
    }
}

static bool metric_init(metric *mt, const klass *classes, size_t n, size_t max)
{
    *mt = (metric){.classes = classes, .n_classes = n, .rng = 0x9E3779B97F4A7C15u};
    for (size_t i = 0; max && i < n; i++)
        if (!(mt->kept[i] = ds_malloc(max * sizeof *mt->kept[i])))
            return false;
    return true;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"gazetteer", required_argument, NULL, 'G'},
        {"failures", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *gpath = NULL;
    ctx c = {0};
    int o;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'G': gpath = optarg; break;
        case 'f':
            if (!ucdp_count_arg(PROG, "--failures", optarg, &c.max_failures))
                return 2;
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: fputs(usage_text, stderr); return 2;
        }
    }
    if (optind + 1 != argc) {
        fputs(usage_text, stderr);
        return 2;
    }
    ds_gazetteer *gz = ucdp_gazetteer(PROG, gpath);
    if (!gz)
        return 1;
    ds_error err = {0};
    ds_registry *reg = NULL;
    ds_extractor *x = NULL;
    int rc = 1;
    if (ds_registry_load(&reg, NULL, &err) != DS_OK ||
        ds_extractor_new(&x, gz, reg, &err) != DS_OK) {
        fprintf(stderr, PROG ": %s\n", err.msg);
    } else if (!metric_init(&c.fig, f_classes, F_N, c.max_failures) ||
               !metric_init(&c.place, p_classes, P_N, c.max_failures)) {
        fprintf(stderr, PROG ": out of memory\n");
    } else {
        c.x = x;
        rc = run(&c, argv[optind]);
    }
    metric_free(&c.fig);
    metric_free(&c.place);
    ds_extractor_free(x);
    ds_registry_free(reg);
    ds_gazetteer_close(gz);
    return rc;
}
