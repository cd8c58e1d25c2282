/* parts.c: compass parts of a country or division ("northern Syria",
 * "the eastern countryside of Homs", "south-west Nigeria", "the north of
 * Mali").  Such a mention names the country or division, but a map that
 * put it at the country's point would be hundreds of kilometres off; it is
 * located instead at the middle of the gazetteer's places in that part. */
#include "places_int.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

/* A compass part: dx +1 east, -1 west; dy +1 north, -1 south; both 0 for
 * the centre. */
typedef struct compass {
    int dx, dy;
    const char *name;
} compass;

enum { CODES = 26 * 26 };

/* The recognizer's point places by country, made the first time a part is
 * asked for (most documents name none, and the bench corpus none at all),
 * and the parts located so far.  Neither changes an answer, only how soon
 * it comes. */
enum { KEPT = 256 };
struct ds__pparts {
    uint32_t *start; /* CODES + 1 offsets into items, by country code */
    uint32_t *items;
    bool built, failed;
    struct {
        uint32_t region; /* DS_PLACE_NONE for an empty entry */
        int code;        /* (dx + 1) * 3 + dy + 1 */
        bool found;
        double lat, lon;
    } kept[KEPT];
};

ds__pparts *ds__places_parts_new(void)
{
    ds__pparts *p = ds_calloc(1, sizeof *p);
    if (p)
        for (size_t i = 0; i < KEPT; i++)
            p->kept[i].region = DS_PLACE_NONE;
    return p;
}

void ds__places_parts_free(ds__pparts *p)
{
    if (p) {
        ds_free(p->start);
        ds_free(p->items);
    }
    ds_free(p);
}

static int code_of(const char cc[2])
{
    int a = cc[0] - 'A', b = cc[1] - 'A';
    return a < 0 || a >= 26 || b < 0 || b >= 26 ? -1 : a * 26 + b;
}

static size_t country_bucket(const ds__gz_place *p)
{
    int c = code_of(p->cc);
    return c < 0 ? CODES : (size_t)c;
}

/* ---- the compass word ------------------------------------------------------ */

/* Whether s[i, n) starts with the lower-case word w, ignoring case. */
static bool starts(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    return n - i >= k && strncasecmp(s + i, w, k) == 0;
}

static const char *part_name(int dx, int dy)
{
    static const char *const names[3][3] = {{"south-west", "south", "south-east"},
                                            {"west", "centre", "east"},
                                            {"north-west", "north", "north-east"}};
    return names[dy + 1][dx + 1];
}

/* One word: "north", "northern", "north-eastern", "southwest", "central".
 * Returns false for any other word. */
static bool compass_word(const char *s, size_t n, compass *c)
{
    size_t i = 0;
    int dx = 0, dy = 0;
    if (starts(s, n, 0, "central") && n == 7) {
        *c = (compass){0, 0, part_name(0, 0)};
        return true;
    }
    if (starts(s, n, 0, "north") || starts(s, n, 0, "south")) {
        dy = (s[0] | 0x20) == 'n' ? 1 : -1;
        i = 5;
        i += i < n && s[i] == '-';
    }
    if (starts(s, n, i, "east") || starts(s, n, i, "west")) {
        dx = (s[i] | 0x20) == 'e' ? 1 : -1;
        i += 4;
    }
    if ((!dx && !dy) || !(i == n || (n - i == 3 && starts(s, n, i, "ern"))))
        return false;
    *c = (compass){dx, dy, part_name(dx, dy)};
    return true;
}

/* Arabic compass words: the noun before a name (شمال north, جنوب south,
 * شرق east, غرب west, وسط centre; "شمال غرب", north-west, is two of them)
 * and the adjective after one (الشمالي, northern; no centre). */
static const struct {
    const char *noun, *adjective;
    int dx, dy;
} arabic_words[] = {
    {"\u0634\u0645\u0627\u0644", "\u0627\u0644\u0634\u0645\u0627\u0644\u064a", 0, 1},
    {"\u062c\u0646\u0648\u0628", "\u0627\u0644\u062c\u0646\u0648\u0628\u064a", 0, -1},
    {"\u0634\u0631\u0642", "\u0627\u0644\u0634\u0631\u0642\u064a", 1, 0},
    {"\u063a\u0631\u0628", "\u0627\u0644\u063a\u0631\u0628\u064a", -1, 0},
    {"\u0648\u0633\u0637", NULL, 0, 0},
};
enum { ARABIC_WORDS = sizeof arabic_words / sizeof *arabic_words };

static bool arabic_compass(const char *s, size_t n, compass *c)
{
    for (size_t i = 0; i < ARABIC_WORDS; i++)
        if (strlen(arabic_words[i].noun) == n && memcmp(arabic_words[i].noun, s, n) == 0) {
            *c = (compass){arabic_words[i].dx, arabic_words[i].dy, NULL};
            return true;
        }
    return false;
}

static bool ascii_letter(char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }

/* A byte of a Latin compass word: a letter or the hyphen of "north-east". */
static bool is_letter(char b) { return ascii_letter(b) || b == '-'; }

/* The compass words among the words of text[from, to): the first, joined
 * with the one after it where the two name both axes ("شمال شرق"). */
static bool compass_in(const char *text, size_t from, size_t to, compass *c)
{
    bool found = false;
    for (size_t i = from; i < to;) {
        while (i < to && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
            i++;
        size_t s = i;
        bool latin = i < to && is_letter(text[i]);
        while (i < to && (latin ? is_letter(text[i])
                                : (unsigned char)text[i] >= 0x80 || (text[i] != ' ' &&
                                                                     text[i] != '\n')))
            i++;
        compass w;
        if (i == s || !(latin ? compass_word(text + s, i - s, &w)
                              : arabic_compass(text + s, i - s, &w))) {
            if (found)
                break;
            continue;
        }
        if (!found) {
            *c = w;
            found = true;
            continue;
        }
        if (c->dx || !c->dy || !w.dx || w.dy)
            break; /* the second must add east or west to north or south */
        c->dx = w.dx;
        break;
    }
    if (found)
        c->name = part_name(c->dx, c->dy);
    return found;
}

/* Whether text[from, to) holds the word w, ignoring case. */
static bool has_word(const char *text, size_t from, size_t to, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = from; i + k <= to; i++)
        if (strncasecmp(text + i, w, k) == 0 && (i == from || !ascii_letter(text[i - 1])) &&
            (i + k == to || !ascii_letter(text[i + k])))
            return true;
    return false;
}

/* "ريف حلب الشمالي" (the northern Aleppo countryside): Arabic puts the
 * compass adjective after the name; the word after byte e, if it is one. */
static bool arabic_adjective_after(const char *text, size_t len, size_t e, compass *c)
{
    while (e < len && text[e] == ' ')
        e++;
    for (size_t i = 0; i < ARABIC_WORDS; i++) {
        const char *w = arabic_words[i].adjective;
        size_t n = w ? strlen(w) : 0;
        if (!n || len - e < n || memcmp(text + e, w, n) != 0)
            continue;
        size_t end = e + n; /* the feminine ends with ة */
        if (len - end >= 2 && memcmp(text + end, "\u0629", 2) == 0)
            end += 2;
        if (end < len && (unsigned char)text[end] >= 0x80)
            continue; /* a longer word */
        int dx = arabic_words[i].dx, dy = arabic_words[i].dy;
        *c = (compass){dx, dy, part_name(dx, dy)};
        return true;
    }
    return false;
}

/* "the north of Mali": the bytes before the name end with "the", a compass
 * word and "of" (the near cue "north of" alone is a reference point). */
static bool the_part_of(const char *text, size_t name_s, compass *c)
{
    size_t from = name_s > 40 ? name_s - 40 : 0, words[3][2], n = 0, i = name_s;
    while (n < 3) {
        while (i > from && text[i - 1] == ' ')
            i--;
        size_t e = i;
        while (i > from && is_letter(text[i - 1]))
            i--;
        if (i == e)
            return false;
        words[n][0] = i;
        words[n++][1] = e;
    }
    return words[0][1] - words[0][0] == 2 && strncasecmp(text + words[0][0], "of", 2) == 0 &&
           words[2][1] - words[2][0] == 3 && strncasecmp(text + words[2][0], "the", 3) == 0 &&
           compass_word(text + words[1][0], words[1][1] - words[1][0], c);
}

/* ---- the part's middle ------------------------------------------------------ */

static bool member(const ds__gz_place *p, uint32_t region, const ds__gz_place *r)
{
    switch ((ds_place_kind)r->kind) {
    case DS_PLACE_COUNTRY: return true; /* the list is the country's */
    case DS_PLACE_ADMIN1: return p->admin1 == region;
    case DS_PLACE_ADMIN2: return p->admin2 == region;
    default: return false;
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The values' 5th and 95th percentiles (v is sorted in place): a few
 * far-flung places (islands, exclaves) do not stretch the region. */
static void spread(double *v, size_t n, double *lo, double *hi)
{
    qsort(v, n, sizeof *v, by_value);
    *lo = v[n / 20];
    *hi = v[n - 1 - n / 20];
}

/* The frame at a region's middle c: e points east and nv north, so that a
 * place's offsets from the middle are its unit vector's dot products with
 * them. */
static void frame(const double c[3], double e[3], double nv[3])
{
    double h = sqrt(c[0] * c[0] + c[1] * c[1]);
    e[0] = h > 0 ? -c[1] / h : 0;
    e[1] = h > 0 ? c[0] / h : 1;
    e[2] = 0;
    nv[0] = c[1] * e[2] - c[2] * e[1];
    nv[1] = c[2] * e[0] - c[0] * e[2];
    nv[2] = c[0] * e[1] - c[1] * e[0];
}

static double dot(const double *a, const double *b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* How far from the compass direction a place of the part may lie, seen
 * from the region's middle: tan 45 degrees.  Wider, "eastern Ukraine"
 * took in Crimea, which lies as far east but more south. */
static const double WIDE = 1.0;

/* A place of the part and the group it counts in. */
typedef struct member_of {
    uint32_t group, place;
} member_of;

static int by_group(const void *a, const void *b)
{
    uint32_t x = ((const member_of *)a)->group, y = ((const member_of *)b)->group;
    return (x > y) - (x < y);
}

/* The group a place of region counts in: its admin1 in a country, its
 * admin2 in an admin1.  The gazetteer lists some divisions' villages far
 * more densely than others' (Crimea has a sixth of Ukraine's), so each
 * division of the part counts once, at the middle of its places. */
static uint32_t group_of(const ds__gz_place *p, const ds__gz_place *region)
{
    switch ((ds_place_kind)region->kind) {
    case DS_PLACE_COUNTRY: return p->admin1;
    case DS_PLACE_ADMIN1: return p->admin2;
    default: return DS_PLACE_NONE;
    }
}

/* The mean of the groups' middles of the members m[0, n), sorted here by
 * group; false when it has no direction. */
static bool middle_of_groups(const ds_gazetteer *gz, member_of *m, size_t n, double *lat,
                             double *lon)
{
    qsort(m, n, sizeof *m, by_group);
    double sum[3] = {0, 0, 0};
    for (size_t i = 0; i < n;) {
        double g[3] = {0, 0, 0};
        size_t j = i;
        for (; j < n && m[j].group == m[i].group; j++)
            for (int k = 0; k < 3; k++)
                g[k] += gz->places[m[j].place].unit[k];
        double len = sqrt(dot(g, g));
        for (int k = 0; k < 3 && len > 0; k++)
            sum[k] += g[k] / len;
        i = j;
    }
    double len = sqrt(dot(sum, sum));
    if (len == 0)
        return false;
    *lat = asin(sum[2] / len) * 180 / M_PI;
    *lon = atan2(sum[1], sum[0]) * 180 / M_PI;
    return true;
}

/* The located places of region, from its country's list: a fresh array of
 * *n indices (the caller frees it), or NULL. */
static uint32_t *members(const ds_gazetteer *gz, const ds__pparts *p, uint32_t region, size_t *n)
{
    const ds__gz_place *r = &gz->places[region];
    int code = code_of(r->cc);
    *n = 0;
    if (code < 0)
        return NULL;
    const uint32_t *list = p->items + p->start[code];
    size_t n_list = p->start[code + 1] - p->start[code];
    uint32_t *out = ds_malloc((n_list ? n_list : 1) * sizeof *out);
    for (size_t i = 0; out && i < n_list; i++)
        if (member(&gz->places[list[i]], region, r))
            out[(*n)++] = list[i];
    return out;
}

/* Whether a place at offsets x, y from the region's middle lies in the
 * part: along the compass direction in the outer third of the span
 * [lo, hi] and within 45 degrees of it, or, for the centre, in the middle
 * third both ways (x within [lo, hi], y within [ylo, yhi]). */
static bool in_part(compass c, double x, double y, const double b[4])
{
    if (c.dx || c.dy) {
        double t = c.dx * x + c.dy * y;
        return t >= b[0] + (b[1] - b[0]) * 2 / 3 && fabs(c.dx * y - c.dy * x) <= WIDE * t;
    }
    return fabs(x - (b[0] + b[1]) / 2) <= (b[1] - b[0]) / 6 &&
           fabs(y - (b[2] + b[3]) / 2) <= (b[3] - b[2]) / 6;
}

/* The middle of the compass part of region (in_part), located by
 * middle_of_groups. */
static bool locate(const ds_gazetteer *gz, const ds__pparts *p, uint32_t region, compass c,
                   double *lat, double *lon)
{
    size_t n;
    uint32_t *pl = members(gz, p, region, &n);
    double *xy = pl && n >= 4 ? ds_malloc(3 * n * sizeof *xy) : NULL;
    member_of *in = xy ? ds_malloc(n * sizeof *in) : NULL;
    bool found = false;
    if (!in)
        goto done;
    double mid[3] = {0, 0, 0}, e[3], nv[3];
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++)
            mid[k] += gz->places[pl[i]].unit[k];
    double len = sqrt(dot(mid, mid));
    if (len == 0)
        goto done;
    for (int k = 0; k < 3; k++)
        mid[k] /= len;
    frame(mid, e, nv);
    double *x = xy, *y = xy + n, *sorted = xy + 2 * n, b[4];
    for (size_t i = 0; i < n; i++) {
        x[i] = dot(gz->places[pl[i]].unit, e);
        y[i] = dot(gz->places[pl[i]].unit, nv);
        sorted[i] = c.dx || c.dy ? c.dx * x[i] + c.dy * y[i] : x[i];
    }
    spread(sorted, n, &b[0], &b[1]); /* along the direction, or east-west */
    if (!c.dx && !c.dy) {
        memcpy(sorted, y, n * sizeof *y);
        spread(sorted, n, &b[2], &b[3]);
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (in_part(c, x[i], y[i], b))
            in[kept++] = (member_of){group_of(&gz->places[pl[i]], &gz->places[region]), pl[i]};
    found = kept > 0 && middle_of_groups(gz, in, kept, lat, lon);
done:
    ds_free(pl);
    ds_free(xy);
    ds_free(in);
    return found;
}

/* locate, through the recognizer's kept parts. */
static bool located(const ds_places *r, uint32_t region, compass c, double *lat, double *lon)
{
    ds__pparts *p = r->parts;
    if (!p->built && !p->failed) {
        p->built = ds__places_buckets(r->gz, CODES, country_bucket, &p->start, &p->items) == DS_OK;
        p->failed = !p->built;
    }
    if (!p->built)
        return false;
    int code = (c.dx + 1) * 3 + c.dy + 1;
    size_t at = (region * 9u + (unsigned)code) * 0x9e3779b9u >> 26 & (KEPT - 1);
    if (p->kept[at].region != region || p->kept[at].code != code) {
        p->kept[at].found = locate(r->gz, p, region, c, &p->kept[at].lat, &p->kept[at].lon);
        p->kept[at].region = region;
        p->kept[at].code = code;
    }
    *lat = p->kept[at].lat;
    *lon = p->kept[at].lon;
    return p->kept[at].found;
}

/* The division a town's part means: "the eastern countryside of Homs" is
 * the governorate's east, when Homs is its seat; "southern Idlib", the
 * governorate's south, when the seat shares its name with the
 * governorate and is no city of a million, whose parts are its own
 * districts ("eastern Aleppo" in 2016).  Otherwise none: "northern
 * Jableh" stays the town. */
static uint32_t town_region(const ds_gazetteer *gz, const char *text, const ds__pmatch *m,
                            const ds__gz_place *town)
{
    uint32_t a1 = town->admin1;
    if (a1 == DS_PLACE_NONE || m->city || strncmp(town->fcode, "PPLA", 5) != 0)
        return DS_PLACE_NONE; /* "central Raqqa city" is the city's centre */
    if (has_word(text, m->span_s, m->name_s, "countryside") ||
        has_word(text, m->span_s, m->name_s, "rural") ||
        has_word(text, m->span_s, m->name_s, "\u0631\u064a\u0641") || /* ريف */
        has_word(text, m->name_e, m->span_e, "countryside"))
        return a1;
    if (town->population >= 1000000)
        return DS_PLACE_NONE;
    if (ds__places_has_candidate(m->c, a1))
        return a1;
    /* "southern Gaza": the seat's name starts its division's ("Gaza Strip") */
    const char *tn = gz->strings + town->name, *an = gz->strings + gz->places[a1].name;
    size_t n = strlen(tn);
    return strncmp(an, tn, n) == 0 && an[n] == ' ' ? a1 : DS_PLACE_NONE;
}

uint32_t ds__places_part(const ds_places *r, const char *text, size_t len, const ds__pmatch *m,
                         size_t *asked, double *lat, double *lon, const char **part)
{
    compass c;
    if (m->best < 0 ||
        !(m->area ? compass_in(text, m->span_s, m->name_s, &c) ||
                        arabic_adjective_after(text, len, m->span_e, &c)
                  : m->near && the_part_of(text, m->name_s, &c)))
        return DS_PLACE_NONE;
    uint32_t region = m->c->cands[m->best];
    const ds__gz_place *p = &r->gz->places[region];
    if (p->kind == DS_PLACE_POINT && (region = town_region(r->gz, text, m, p)) == DS_PLACE_NONE)
        return DS_PLACE_NONE;
    /* Each part not kept costs sorts of its country's places: a text may
     * ask for a bounded number, kept or not, so that what it gets does not
     * depend on what was read before. */
    if (*asked >= DS__PARTS_PER_TEXT)
        return DS_PLACE_NONE;
    ++*asked;
    if (!located(r, region, c, lat, lon))
        return DS_PLACE_NONE;
    *part = c.name;
    return region;
}
