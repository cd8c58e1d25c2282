/* build.c: the gazetteer builder's driver and its shared tables. */
#include "build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- u64 map ------------------------------------------------------------- */

static ds_status map_grow(ds__u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *keys = ds_calloc(cap, sizeof *keys);
    uint32_t *vals = ds_malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        ds_free(keys);
        ds_free(vals);
        return DS_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = m->keys[i] & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    ds_free(m->keys);
    ds_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return DS_OK;
}

ds_status ds__u64map_put(ds__u64map *m, uint64_t key, uint32_t val)
{
    if (!key)
        key = 1;
    if ((m->n + 1) * 2 > m->cap && map_grow(m) != DS_OK)
        return DS_ENOMEM;
    size_t j = key & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != key)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j])
        m->n++;
    m->keys[j] = key;
    m->vals[j] = val;
    return DS_OK;
}

uint32_t ds__u64map_get(const ds__u64map *m, uint64_t key)
{
    if (!key)
        key = 1;
    if (!m->cap)
        return DS_PLACE_NONE;
    size_t j = key & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return DS_PLACE_NONE;
}

void ds__u64map_free(ds__u64map *m)
{
    ds_free(m->keys);
    ds_free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- tables -------------------------------------------------------------- */

uint32_t ds__gz_str(ds__gz_build *b, const char *s, size_t n)
{
    size_t off = b->strings.len;
    if (off > UINT32_MAX - n - 1 || ds_buf_append(&b->strings, s, n) != DS_OK ||
        ds_buf_putc(&b->strings, '\0') != DS_OK)
        return UINT32_MAX;
    return (uint32_t)off;
}

uint32_t ds__gz_add_place(ds__gz_build *b, const ds__gz_entry *p, bool has_coords)
{
    if (b->n_places >= DS_PLACE_NONE - 1)
        return DS_PLACE_NONE;
    ds__gz_entry *pl = ds_grow(b->places, &b->cap_places, b->n_places, sizeof *pl);
    if (!pl)
        return DS_PLACE_NONE;
    b->places = pl;
    bool *hc = ds_grow(b->has_coords, &b->cap_has, b->n_places, sizeof *hc);
    if (!hc)
        return DS_PLACE_NONE;
    b->has_coords = hc;
    pl[b->n_places] = *p;
    hc[b->n_places] = has_coords;
    return (uint32_t)b->n_places++;
}

static ds_status add_name_entry(ds__gz_build *b, uint64_t key, uint32_t exact, uint32_t place,
                                uint32_t flags)
{
    ds__gz_name *nm = ds_grow(b->names, &b->cap_names, b->n_names, sizeof *nm);
    if (!nm)
        return DS_ENOMEM;
    b->names = nm;
    nm[b->n_names++] = (ds__gz_name){key, exact, place, flags};
    return DS_OK;
}

enum { MAX_NAME_TOKENS = 8, MAX_NAME_BYTES = 200 };

ds_status ds__gz_add_name(ds__gz_build *b, uint32_t place, const char *name, size_t n,
                          uint32_t flags, ds_error *err)
{
    if (n < 2 || n > MAX_NAME_BYTES)
        return DS_OK;
    uint64_t key, exact, pre[MAX_NAME_TOKENS];
    size_t nt = ds__gz_name_keys(&b->rules, name, n, &key, &exact, pre, MAX_NAME_TOKENS);
    if (nt == 0 || nt > MAX_NAME_TOKENS)
        return DS_OK;
    if (add_name_entry(b, key, (uint32_t)exact, place, flags) != DS_OK)
        goto oom;
    for (size_t i = 0; i + 1 < nt; i++)
        if (add_name_entry(b, pre[i], 0, DS_PLACE_NONE, 0) != DS_OK)
            goto oom;
    b->stats.names++;
    return DS_OK;
oom:
    return ds_error_set(err, DS_ENOMEM, "out of memory building the gazetteer (%zu names)",
                        b->n_names);
}

uint32_t ds__gz_code(ds__gz_build *b, const char *code, ds_place_kind kind, bool create)
{
    uint64_t h = ds__gz_hash(code, strlen(code));
    uint32_t idx = ds__u64map_get(&b->codes, h);
    if (idx != DS_PLACE_NONE || !create)
        return idx;
    ds__gz_entry p = {0};
    p.admin1 = p.admin2 = p.parent = DS_PLACE_NONE;
    p.lat = p.lon = NAN;
    p.kind = (uint8_t)kind;
    p.fclass = 'A';
    memcpy(p.cc, code, 2);
    p.code = ds__gz_str(b, code, strlen(code));
    p.name = 0;
    snprintf(p.fcode, sizeof p.fcode, "%s",
             kind == DS_PLACE_COUNTRY  ? "PCLI"
             : kind == DS_PLACE_ADMIN1 ? "ADM1"
                                       : "ADM2");
    if (p.code == UINT32_MAX)
        return DS_PLACE_NONE;
    idx = ds__gz_add_place(b, &p, false);
    if (idx == DS_PLACE_NONE || ds__u64map_put(&b->codes, h, idx) != DS_OK)
        return DS_PLACE_NONE;
    if (kind == DS_PLACE_ADMIN1)
        b->places[idx].admin1 = idx;
    if (kind == DS_PLACE_ADMIN2) {
        /* "SY.14.163343" belongs to "SY.14". */
        const char *dot = strrchr(code, '.');
        char parent[64];
        size_t pl = dot ? (size_t)(dot - code) : 0;
        if (pl > 0 && pl < sizeof parent) {
            memcpy(parent, code, pl);
            parent[pl] = '\0';
            uint32_t a1 = ds__gz_code(b, parent, DS_PLACE_ADMIN1, true);
            b->places[idx].admin1 = a1;
        }
        b->places[idx].admin2 = idx;
    }
    b->stats.admins += kind != DS_PLACE_COUNTRY;
    return idx;
}

/* ---- coordinates for admins and countries -------------------------------- */

static int seat_rank(const ds__gz_entry *p, ds_place_kind of)
{
    /* The seat of a division stands for it on a map, as ACLED and UCDP put
     * an event known only to the governorate at its capital. */
    if (of == DS_PLACE_COUNTRY)
        return strcmp(p->fcode, "PPLC") == 0 ? 3 : 0;
    if (of == DS_PLACE_ADMIN1)
        return strcmp(p->fcode, "PPLA") == 0 ? 3 : strcmp(p->fcode, "PPLC") == 0 ? 2 : 0;
    return strcmp(p->fcode, "PPLA2") == 0 ? 3 : strcmp(p->fcode, "PPLA") == 0 ? 2 : 0;
}

static void note_member(ds__gz_acc *acc, const ds__gz_entry *places, uint32_t owner,
                        uint32_t member, ds_place_kind kind, bool use_seat)
{
    if (owner == DS_PLACE_NONE)
        return;
    ds__gz_acc *a = &acc[owner];
    const ds__gz_entry *m = &places[member];
    a->lat += m->lat;
    a->lon += m->lon;
    a->n++;
    if (!use_seat)
        return;
    int r = seat_rank(m, kind);
    if (r > 0 && (a->seat == DS_PLACE_NONE || r > seat_rank(&places[a->seat], kind) ||
                  (r == seat_rank(&places[a->seat], kind) &&
                   m->population > places[a->seat].population)))
        a->seat = member;
}

static ds_status place_admins(ds__gz_build *b, ds_error *err)
{
    ds__gz_acc *acc = ds_calloc(b->n_places ? b->n_places : 1, sizeof *acc);
    if (!acc)
        return ds_error_set(err, DS_ENOMEM, "out of memory placing admin areas");
    for (size_t i = 0; i < b->n_places; i++)
        acc[i].seat = DS_PLACE_NONE;
    for (size_t i = 0; i < b->n_places; i++) {
        ds__gz_entry *p = &b->places[i];
        if (p->kind != DS_PLACE_POINT || isnan(p->lat))
            continue;
        char cc[3] = {p->cc[0], p->cc[1], 0};
        note_member(acc, b->places, p->admin1, (uint32_t)i, DS_PLACE_ADMIN1, true);
        note_member(acc, b->places, p->admin2, (uint32_t)i, DS_PLACE_ADMIN2, true);
        /* A country's point is the plain mean of its places, a rough middle
         * of the country, rather than its capital: "in Syria" is not
         * "in Damascus". */
        note_member(acc, b->places, ds__gz_code(b, cc, DS_PLACE_COUNTRY, false), (uint32_t)i,
                    DS_PLACE_COUNTRY, false);
    }
    for (size_t i = 0; i < b->n_places; i++) {
        ds__gz_entry *p = &b->places[i];
        if (b->has_coords[i] || acc[i].n == 0)
            continue;
        if (acc[i].seat != DS_PLACE_NONE) {
            p->lat = b->places[acc[i].seat].lat;
            p->lon = b->places[acc[i].seat].lon;
        } else {
            p->lat = (float)(acc[i].lat / acc[i].n);
            p->lon = (float)(acc[i].lon / acc[i].n);
        }
    }
    ds_free(acc);
    return DS_OK;
}

/* Copies the user places' coordinates from their parents when they gave
 * none, so that a hamlet known only as "near X" still lands on the map. */
static void inherit_coordinates(ds__gz_build *b)
{
    for (size_t i = 0; i < b->n_places; i++) {
        ds__gz_entry *p = &b->places[i];
        if (!isnan(p->lat) || p->parent == DS_PLACE_NONE)
            continue;
        const ds__gz_entry *q = &b->places[p->parent];
        p->lat = q->lat;
        p->lon = q->lon;
    }
}

/* ---- driver -------------------------------------------------------------- */

static void progress(ds__gz_build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(ds__gz_build *b, const char *fmt, ...)
{
    if (!b->o->progress)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    b->o->progress(b->o->ud, msg);
}

typedef struct cue_ctx {
    ds__gz_build *b;
} cue_ctx;

static ds_status cue_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds__gz_build *b = ((cue_ctx *)ud)->b;
    if (nf < 2)
        return ds_error_set(err, DS_EFORMAT, "place cues line %zu: need word<TAB>role", line);
    if (strcmp(f[1], "admin1") != 0 && strcmp(f[1], "admin2") != 0)
        return DS_OK;
    char fold[DS__GZ_TOKEN_MAX];
    unsigned fl = 0;
    size_t n = ds__gz_fold_token(f[0], strlen(f[0]), fold, &fl);
    if (n == 0 || strchr(f[0], ' '))
        return DS_OK;
    char **s = ds_grow(b->suffixes, &b->cap_suffixes, b->n_suffixes, sizeof *s);
    if (!s)
        return ds_error_set(err, DS_ENOMEM, "out of memory reading place cues");
    b->suffixes = s;
    if (!(s[b->n_suffixes] = ds_strndup(fold, n)))
        return ds_error_set(err, DS_ENOMEM, "out of memory reading place cues");
    b->n_suffixes++;
    return DS_OK;
}

static ds_status load_support(ds__gz_build *b, ds_error *err)
{
    const ds_gazetteer_build_opts *o = b->o;
    char path[4096];
    const char *rules = o->rules;
    ds_status st;
    if (!rules) {
        if ((st = ds_data_path("translit.tsv", path, sizeof path, err)) != DS_OK)
            return st;
        rules = path;
    }
    if ((st = ds_read_file(rules, 1 << 20, &b->rules_text, &b->rules_len, err)) != DS_OK)
        return st;
    if ((st = ds__gz_rules_parse(&b->rules, b->rules_text, b->rules_len, rules, err)) != DS_OK)
        return st;
    const char *cues = o->cues;
    if (!cues) {
        if ((st = ds_data_path("place_cues.tsv", path, sizeof path, err)) != DS_OK)
            return st;
        cues = path;
    }
    cue_ctx cc = {b};
    return ds_tsv_read(cues, cue_row, &cc, err);
}

static ds_status run(ds__gz_build *b, ds_error *err)
{
    const ds_gazetteer_build_opts *o = b->o;
    ds_status st;
    char path[4096];
    if ((st = load_support(b, err)) != DS_OK)
        return st;
    const char *countries = o->countries;
    if (!countries) {
        if ((st = ds_data_path("countries.tsv", path, sizeof path, err)) != DS_OK)
            return st;
        countries = path;
    }
    if ((st = ds__gz_read_countries(b, countries, err)) != DS_OK)
        return st;
    if (o->admin1_json && (st = ds__gz_read_admin_json(b, o->admin1_json, DS_PLACE_ADMIN1,
                                                       err)) != DS_OK)
        return st;
    if (o->admin2_json && (st = ds__gz_read_admin_json(b, o->admin2_json, DS_PLACE_ADMIN2,
                                                       err)) != DS_OK)
        return st;
    for (size_t i = 0; i < o->n_geonames; i++) {
        progress(b, "reading %s", o->geonames[i]);
        if ((st = ds__gz_read_geonames(b, o->geonames[i], err)) != DS_OK)
            return st;
    }
    for (size_t i = 0; i < o->n_user; i++)
        if ((st = ds__gz_read_user(b, o->user[i], err)) != DS_OK)
            return st;
    if ((st = place_admins(b, err)) != DS_OK)
        return st;
    inherit_coordinates(b);
    if (o->words && (st = ds__gz_read_words(b, o->words, err)) != DS_OK)
        return st;
    progress(b, "indexing %zu names of %zu places", b->stats.names, b->n_places);
    return ds__gz_write(b, o->out, err);
}

ds_status ds_gazetteer_build(const ds_gazetteer_build_opts *o, ds_gazetteer_build_stats *stats,
                             ds_error *err)
{
    if (!o || !o->out)
        return ds_error_set(err, DS_EINVAL, "gazetteer build: no output file given");
    ds__gz_build b;
    memset(&b, 0, sizeof b);
    b.o = o;
    /* Offsets into the string pool are 32-bit. */
    ds_buf_init(&b.strings, (size_t)UINT32_MAX - 1);
    ds_buf_putc(&b.strings, '\0');
    ds_status st = run(&b, err);
    b.stats.places = b.n_places;
    if (stats)
        *stats = b.stats;
    ds__gz_rules_free(&b.rules);
    ds_free(b.rules_text);
    for (size_t i = 0; i < b.n_suffixes; i++)
        ds_free(b.suffixes[i]);
    ds_free(b.suffixes);
    ds_free(b.places);
    ds_free(b.has_coords);
    ds_free(b.names);
    ds_free(b.common);
    ds_buf_free(&b.strings);
    ds__u64map_free(&b.codes);
    ds__u64map_free(&b.ids);
    return st;
}
