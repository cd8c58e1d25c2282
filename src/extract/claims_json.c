/* claims_json.c: claims and lexicon mentions as JSON. */
#include "extract/claims_json.h"

#include <math.h>
#include <stdio.h>

#include "recognize/places_json.h"
#include "recognize/tq_json.h"

static json_t *span(size_t start, size_t end)
{
    return json_pack("[II]", (json_int_t)start, (json_int_t)end);
}

static json_t *number(double v)
{
    if (isnan(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *date_json(const char *text, const ds_claim_info *c)
{
    if (!c->date)
        return json_null();
    json_t *t = ds_time_mention_json(text, c->date);
    json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:O,s:b}", "start", json_object_get(t, "start"),
                          "end", json_object_get(t, "end"), "precision",
                          json_object_get(t, "precision"), "time_precision",
                          json_object_get(t, "time_precision"), "text",
                          json_object_get(t, "text"), "carried", c->date_carried);
    json_decref(t);
    return o;
}

static json_t *location_json(const ds_gazetteer *gz, const char *text, const ds_claim_info *c)
{
    if (!c->place || !gz)
        return json_null();
    json_t *p = ds_place_mention_json(gz, text, c->place);
    static const char *const keep[] = {"name", "geonameid", "country", "admin1", "admin2",
                                       "lat", "lon", "precision", "geo_precision", "text"};
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
        json_object_set(o, keep[i], json_object_get(p, keep[i]));
    json_object_set_new(o, "carried", json_boolean(c->place_carried));
    json_decref(p);
    return o;
}

static json_t *actors_json(const ds_claim_info *c)
{
    json_t *a = json_array();
    if (c->perpetrator.name)
        json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "role", "perpetrator", "name",
                                           c->perpetrator.name, "type", c->perpetrator.type));
    if (c->target.name)
        json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "role", "target", "name",
                                           c->target.name, "type", c->target.type));
    return a;
}

static json_t *counts_json(const ds_claim_info *c)
{
    json_t *o = json_object();
    for (int r = DS_ROLE_KILLED; r <= DS_ROLE_DISPLACED; r++) {
        const ds_claim_count *k = &c->counts[r];
        if (!k->set)
            continue;
        json_object_set_new(o, ds_count_role_name((ds_count_role)r),
                            json_pack("{s:o,s:o,s:o,s:o}", "value", number(k->value), "low",
                                      number(k->low), "high", number(k->high), "qualifier",
                                      k->qualifier ? json_string(k->qualifier) : json_null()));
    }
    return o;
}

json_t *ds_claim_json(const ds_gazetteer *gz, const char *text, const ds_claim_info *c,
                      size_t id)
{
    char cid[32];
    snprintf(cid, sizeof cid, "c%zu", id);
    json_t *groups = json_array();
    for (size_t i = 0; i < c->n_groups; i++)
        json_array_append_new(groups, json_string(c->groups[i]));
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(cid));
    json_object_set_new(o, "sentence", json_stringn(text + c->start, c->end - c->start));
    json_object_set_new(o, "span", span(c->start, c->end));
    json_object_set_new(o, "event_type", json_string(c->event_type));
    json_object_set_new(o, "sub_event_type", json_string(c->sub_event_type));
    json_object_set_new(o, "trigger", json_stringn(text + c->trigger_start,
                                                   c->trigger_end - c->trigger_start));
    json_object_set_new(o, "date", date_json(text, c));
    json_object_set_new(o, "location", location_json(gz, text, c));
    json_object_set_new(o, "actors", actors_json(c));
    json_object_set_new(o, "groups", groups);
    json_object_set_new(o, "counts", counts_json(c));
    json_object_set_new(o, "attributed_to",
                        c->attributed_to ? json_string(c->attributed_to) : json_null());
    json_object_set_new(o, "hedged", json_boolean(c->hedged));
    json_object_set_new(o, "generic", json_boolean(c->generic));
    return o;
}

json_t *ds_mark_json(const ds_events *lx, const char *text, const ds_ev_scan *sc,
                     const ds_ev_mark *m)
{
    size_t start = sc->words[m->w].start, end = sc->words[m->w_end - 1].end;
    json_t *o;
    switch (m->kind) {
    case DS_EV_ACTOR: {
        const ds_actor *a = ds_events_actor(lx, m->value);
        o = json_pack("{s:s,s:s,s:b}", "name", a->name, "type", a->type, "generic", a->generic);
        break;
    }
    case DS_EV_GROUP:
        o = json_pack("{s:s}", "name", ds_events_group(lx, m->value)->name);
        break;
    case DS_EV_TRIGGER: {
        const ds_trigger *t = ds_events_trigger(lx, m->value);
        o = json_pack("{s:s,s:s,s:s}", "lemma", t->lemma, "event_type", t->type,
                      "sub_event_type", t->sub_type);
        break;
    }
    default:
        return NULL;
    }
    static const char *const kinds[] = {"trigger", "actor", "group"};
    json_t *head = json_pack("{s:s,s:o,s:s%}", "kind", kinds[m->kind], "span", span(start, end),
                             "text", text + start, end - start);
    json_object_update(head, o);
    json_decref(o);
    return head;
}

json_t *ds_attribution_json(const char *text, const ds_claim_info *c)
{
    return json_pack("{s:s,s:o,s:s%,s:s}", "kind", "attribution", "span",
                     span(c->attribution_start, c->attribution_end), "text",
                     text + c->attribution_start, c->attribution_end - c->attribution_start,
                     "source", c->attributed_to);
}
