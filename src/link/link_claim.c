/* link_claim.c: a stored claim's JSON read into what linking compares. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "normalize/normalize.h"

enum { CLAIM_MAX_LIST = 64 };

const char *ds__lk_fold(ds_linker *l, const char *s)
{
    if (!s || !*s)
        return NULL;
    char *f = ds_fold(s, strlen(s));
    if (!f)
        return NULL;
    const char *v = f;
    if (!strncmp(v, "the ", 4))
        v += 4;
    char *out = *v ? ds_arena_strdup(l->arena, v) : NULL;
    ds_free(f);
    return out;
}

static const char *str_of(ds_linker *l, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? ds_arena_strdup(l->arena, s) : NULL;
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* One copy of each distinct string, so that the scoring compares names by
 * pointer: the types, places and divisions of a million claims are a few
 * thousand strings.  NULL without memory. */
static const char *intern(ds_linker *l, const char *s)
{
    if (l->n_interned * 2 >= l->cap_interned) {
        size_t cap = l->cap_interned ? l->cap_interned * 2 : 1024;
        const char **v = ds_calloc(cap, sizeof *v);
        if (!v)
            return NULL;
        for (size_t i = 0; i < l->cap_interned; i++) {
            const char *t = l->interned[i];
            size_t k = t ? hash(t) & (cap - 1) : 0;
            while (t && v[k])
                k = (k + 1) & (cap - 1);
            if (t)
                v[k] = t;
        }
        ds_free(l->interned);
        l->interned = v;
        l->cap_interned = cap;
    }
    size_t k = hash(s) & (l->cap_interned - 1);
    for (; l->interned[k]; k = (k + 1) & (l->cap_interned - 1))
        if (!strcmp(l->interned[k], s))
            return l->interned[k];
    l->n_interned++;
    return l->interned[k] = ds_arena_strdup(l->arena, s);
}

static const char *name_of(ds_linker *l, json_t *o, const char *key, bool *failed)
{
    const char *s = json_string_value(json_object_get(o, key));
    const char *v = s && *s ? intern(l, s) : NULL;
    *failed |= s && *s && !v;
    return v;
}

/* A number member, or NAN when absent or null. */
static double num_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static bool read_date(ds_linker *l, lk_claim *c, json_t *date)
{
    const char *s = json_string_value(json_object_get(date, "start"));
    const char *e = json_string_value(json_object_get(date, "end"));
    int32_t d0 = s ? ds_days_from_iso(s) : INT32_MIN, d1 = e ? ds_days_from_iso(e) : INT32_MIN;
    if (d0 == INT32_MIN || d1 == INT32_MIN || d1 < d0)
        return false;
    c->d0 = d0;
    c->d1 = d1;
    c->dated = true;
    c->precision = str_of(l, date, "precision");
    c->day_precise = c->precision && !strcmp(c->precision, "day") && d0 == d1;
    return true;
}

static lk_level level_of(const char *precision, double geo_precision)
{
    if (!precision)
        return LK_NOWHERE;
    if (!strcmp(precision, "town"))
        return LK_TOWN;
    if (!strcmp(precision, "country"))
        return LK_COUNTRY;
    if (!strcmp(precision, "admin1"))
        return LK_ADMIN1;
    /* An area coded coarse ("the coast", "Darfur") is a region, as wide as
     * a governorate; a neighbourhood or a district is not. */
    return geo_precision >= 3 ? LK_ADMIN1 : LK_AREA;
}

static ds_status read_location(ds_linker *l, lk_claim *c, json_t *loc)
{
    if (!json_is_object(loc))
        return DS_OK;
    c->level = level_of(json_string_value(json_object_get(loc, "precision")),
                        num_of(loc, "geo_precision"));
    c->lat = num_of(loc, "lat");
    c->lon = num_of(loc, "lon");
    c->has_coords = isfinite(c->lat) && isfinite(c->lon);
    bool failed = false;
    c->country = name_of(l, loc, "country", &failed);
    c->admin1 = name_of(l, loc, "admin1", &failed);
    c->place = name_of(l, loc, "name", &failed);
    if (failed)
        return DS_ENOMEM;
    c->carried_place = json_is_true(json_object_get(loc, "carried"));
    char *text = json_dumps(loc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    c->location_json = text ? intern(l, text) : NULL; /* places repeat */
    free(text);
    return c->location_json ? DS_OK : DS_ENOMEM;
}

static ds_status read_strings(ds_linker *l, json_t *arr, bool actors, const char ***out,
                              size_t *n)
{
    size_t count = json_array_size(arr);
    count = count > CLAIM_MAX_LIST ? CLAIM_MAX_LIST : count;
    *n = 0;
    *out = count ? ds_arena_alloc(l->arena, count * sizeof **out) : NULL;
    if (count && !*out)
        return DS_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        json_t *v = json_array_get(arr, i);
        const char *s = NULL;
        if (actors) {
            /* Actors compare by what they did and who they are. */
            const char *role = json_string_value(json_object_get(v, "role"));
            const char *name = json_string_value(json_object_get(v, "name"));
            const char *f = name ? ds__lk_fold(l, name) : NULL;
            if (f && role && !strcmp(role, "perpetrator"))
                s = f;
        } else {
            s = json_string_value(v) ? ds_arena_strdup(l->arena, json_string_value(v)) : NULL;
        }
        if (s)
            (*out)[(*n)++] = s;
    }
    return DS_OK;
}

static ds_status read_counts(ds_linker *l, lk_claim *c, json_t *counts)
{
    size_t count = json_object_size(counts);
    count = count > CLAIM_MAX_LIST ? CLAIM_MAX_LIST : count;
    c->counts = count ? ds_arena_alloc(l->arena, count * sizeof *c->counts) : NULL;
    if (count && !c->counts)
        return DS_ENOMEM;
    const char *role;
    json_t *v;
    json_object_foreach(counts, role, v)
    {
        double value = num_of(v, "value");
        if (c->n_counts == count || !isfinite(value))
            continue;
        double low = num_of(v, "low"), high = num_of(v, "high");
        lk_count *k = &c->counts[c->n_counts++];
        k->role = ds_arena_strdup(l->arena, role);
        k->value = value;
        k->low = isfinite(low) ? low : value;
        k->high = isfinite(high) ? high : -1;
        k->qualifier = str_of(l, v, "qualifier");
    }
    return DS_OK;
}

ds_status ds__lk_read_claim(ds_linker *l, lk_claim *c, const char *json, ds_error *err)
{
    json_error_t je;
    json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(o)) {
        json_decref(o);
        return ds_error_set(err, DS_EFORMAT, "claim c%lld: not a JSON object (%s)",
                            (long long)c->id, je.text);
    }
    bool failed = false;
    c->type = name_of(l, o, "event_type", &failed);
    c->sub_type = name_of(l, o, "sub_event_type", &failed);
    c->generic = json_is_true(json_object_get(o, "generic"));
    json_t *span = json_object_get(o, "span");
    double s0 = json_number_value(json_array_get(span, 0)), s1 = json_number_value(json_array_get(span, 1));
    if (s0 >= 0 && s1 >= s0 && s1 < 1e15) {
        c->span0 = (size_t)s0;
        c->span1 = (size_t)s1;
    }
    json_t *date = json_object_get(o, "date");
    if (json_is_object(date))
        read_date(l, c, date);
    ds_status rc = failed ? DS_ENOMEM : read_location(l, c, json_object_get(o, "location"));
    if (rc == DS_OK)
        rc = read_strings(l, json_object_get(o, "groups"), false, &c->groups, &c->n_groups);
    if (rc == DS_OK)
        rc = read_strings(l, json_object_get(o, "actors"), true, &c->actors, &c->n_actors);
    if (rc == DS_OK)
        rc = read_counts(l, c, json_object_get(o, "counts"));
    const char *attributed = json_string_value(json_object_get(o, "attributed_to"));
    if (rc == DS_OK && attributed && *attributed &&
        !(c->origin_name = ds_arena_strdup(l->arena, attributed)))
        rc = DS_ENOMEM;
    json_decref(o);
    if (rc == DS_OK && !(c->json = ds_arena_strdup(l->arena, json)))
        rc = DS_ENOMEM;
    if (rc == DS_OK && !c->type)
        return ds_error_set(err, DS_EFORMAT, "claim c%lld: no event_type", (long long)c->id);
    return rc ? ds_error_set(err, rc, "claim c%lld: out of memory", (long long)c->id) : DS_OK;
}
