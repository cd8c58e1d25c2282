/* places_json.c: place mentions as JSON objects, and a document's place
 * mentions for the store. */
#include "places_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mention.h"

static json_t *entry_json(const ds_gazetteer *gz, uint32_t idx)
{
    ds_place p;
    ds_gazetteer_place(gz, idx, &p);
    return json_pack("{s:o, s:s, s:s, s:s, s:s}", "geonameid",
                     p.geonameid ? json_integer(p.geonameid) : json_null(), "name", p.name,
                     "country", p.country, "admin1", p.admin1, "kind",
                     ds_place_kind_name(p.kind));
}

static json_t *num(double v) { return isnan(v) ? json_null() : json_real(round(v * 1e5) / 1e5); }

json_t *ds_place_mention_json(const ds_gazetteer *gz, const char *text,
                              const ds_place_mention *m)
{
    ds_place p = {0};
    if (m->place != DS_PLACE_NONE)
        ds_gazetteer_place(gz, m->place, &p);
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string("place"));
    json_object_set_new(o, "span", json_pack("[I, I]", (json_int_t)m->start, (json_int_t)m->end));
    json_object_set_new(o, "text", json_stringn(text + m->start, m->end - m->start));
    json_object_set_new(o, "geonameid", p.geonameid ? json_integer(p.geonameid) : json_null());
    json_object_set_new(o, "name", m->name ? json_string(m->name) : json_null());
    json_object_set_new(o, "country", m->country[0] ? json_string(m->country) : json_null());
    json_object_set_new(o, "admin1", json_string(m->admin1));
    json_object_set_new(o, "admin2", json_string(m->admin2));
    json_object_set_new(o, "lat", num(m->lat));
    json_object_set_new(o, "lon", num(m->lon));
    json_object_set_new(o, "feature_code",
                        m->place != DS_PLACE_NONE ? json_string(p.feature_code) : json_null());
    json_object_set_new(o, "precision", m->precision ? json_string(m->precision) : json_null());
    json_object_set_new(o, "geo_precision",
                        m->geo_precision ? json_integer(m->geo_precision) : json_null());
    json_object_set_new(o, "confidence", json_real(round(m->confidence * 100) / 100));
    json_t *alts = json_array();
    for (size_t i = 0; i < m->n_alternatives; i++)
        json_array_append_new(alts, entry_json(gz, m->alternatives[i]));
    json_object_set_new(o, "alternatives", alts);
    json_object_set_new(o, "parent",
                        m->parent != DS_PLACE_NONE ? entry_json(gz, m->parent) : json_null());
    json_object_set_new(o, "warning", m->warning ? json_string(m->warning) : json_null());
    return o;
}

ds_status ds_places_annotate(const ds_places *r, const ds_gazetteer *gz, ds_document *d,
                             const char *country, ds_error *err)
{
    ds_arena *arena = ds_arena_new(d->text_len * 8 + ((size_t)1 << 20));
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_place_mention *m;
    size_t n;
    ds_status st = ds_places_find(r, d->text, d->text_len, country, arena, &m, &n, err);
    if (st == DS_OK)
        st = ds__mentions_reserve(d, n, err);
    for (size_t i = 0; st == DS_OK && i < n; i++)
        st = ds__mention_append(d, m[i].start, m[i].end, "place",
                                ds_place_mention_json(gz, d->text, &m[i]), err);
    ds_arena_free(arena);
    return st;
}
