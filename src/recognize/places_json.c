/* places_json.c: place mentions as JSON objects, and a document's place
 * mentions for the store. */
#include "places_json.h"

#include "mention.h"

static void id_member(ds_jw *w, uint32_t id)
{
    ds_jw_key(w, "geonameid");
    id ? ds_jw_int(w, id) : ds_jw_null(w);
}

static void entry_write(ds_jw *w, const ds_gazetteer *gz, uint32_t idx)
{
    ds_place p;
    ds_gazetteer_place(gz, idx, &p);
    ds_jw_object(w);
    id_member(w, p.geonameid);
    ds_jw_kstr(w, "name", p.name);
    ds_jw_kstr(w, "country", p.country);
    ds_jw_kstr(w, "admin1", p.admin1);
    ds_jw_kstr(w, "kind", ds_place_kind_name(p.kind));
    ds_jw_end_object(w);
}

static uint32_t geonameid(const ds_gazetteer *gz, const ds_place_mention *m)
{
    if (m->place == DS_PLACE_NONE)
        return 0;
    ds_place p;
    ds_gazetteer_place(gz, m->place, &p);
    return p.geonameid;
}

/* The members that a mention and a claim's location share, after the
 * geonameid and name, which the two give in different orders. */
static void shared_members(ds_jw *w, const ds_place_mention *m)
{
    ds_jw_kstr(w, "country", m->country[0] ? m->country : NULL);
    ds_jw_kstr(w, "admin1", m->admin1);
    ds_jw_kstr(w, "admin2", m->admin2);
    /* Coordinates to five decimals (about a metre), as GeoNames gives them. */
    ds_jw_kfixed(w, "lat", m->lat, 5);
    ds_jw_kfixed(w, "lon", m->lon, 5);
}

static void geo_precision(ds_jw *w, const ds_place_mention *m)
{
    ds_jw_kstr(w, "precision", m->precision);
    ds_jw_key(w, "geo_precision");
    m->geo_precision ? ds_jw_int(w, m->geo_precision) : ds_jw_null(w);
}

void ds_place_mention_write(ds_jw *w, const ds_gazetteer *gz, const char *text,
                            const ds_place_mention *m)
{
    ds_place p = {0};
    if (m->place != DS_PLACE_NONE)
        ds_gazetteer_place(gz, m->place, &p);
    ds_jw_object(w);
    ds_jw_kstr(w, "kind", "place");
    ds_jw_kspan(w, "span", m->start, m->end);
    ds_jw_kstrn(w, "text", text + m->start, m->end - m->start);
    id_member(w, p.geonameid);
    ds_jw_kstr(w, "name", m->name);
    shared_members(w, m);
    ds_jw_kstr(w, "feature_code", m->place != DS_PLACE_NONE ? p.feature_code : NULL);
    geo_precision(w, m);
    ds_jw_key(w, "confidence");
    ds_jw_fixed(w, m->confidence, 2);
    ds_jw_key(w, "alternatives");
    ds_jw_array(w);
    for (size_t i = 0; i < m->n_alternatives; i++)
        entry_write(w, gz, m->alternatives[i]);
    ds_jw_end_array(w);
    ds_jw_key(w, "parent");
    if (m->parent != DS_PLACE_NONE)
        entry_write(w, gz, m->parent);
    else
        ds_jw_null(w);
    ds_jw_kstr(w, "warning", m->warning);
    ds_jw_kstr(w, "part", m->part);
    ds_jw_end_object(w);
}

void ds_place_location_members(ds_jw *w, const ds_gazetteer *gz, const char *text,
                               const ds_place_mention *m)
{
    ds_jw_kstr(w, "name", m->name);
    id_member(w, geonameid(gz, m));
    shared_members(w, m);
    geo_precision(w, m);
    ds_jw_kstrn(w, "text", text + m->start, m->end - m->start);
}

ds_status ds_places_annotate(const ds_places *r, const ds_gazetteer *gz, ds_document *d,
                             const char *country, ds_error *err)
{
    /* A cap, not an allocation: a text may name a place every third byte
     * ("Aa, Bb, Cc"), and each mention takes about 160 bytes. */
    ds_arena *arena = ds_arena_new(d->text_len * 64 + ((size_t)1 << 20));
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_place_mention *m;
    size_t n;
    ds_buf json;
    ds_buf_init(&json, ds__mention_json_cap(d->text_len));
    ds_status st = ds_places_find(r, d->text, d->text_len, country, arena, &m, &n, err);
    if (st == DS_OK)
        st = ds__mentions_reserve(d, n, err);
    for (size_t i = 0; st == DS_OK && i < n; i++) {
        ds_jw w;
        ds_jw_init(&w, &json);
        ds_place_mention_write(&w, gz, d->text, &m[i]);
        st = ds__mention_append(d, m[i].start, m[i].end, "place", &w, err);
    }
    ds_buf_free(&json);
    ds_arena_free(arena);
    return st;
}
