/* claims_json.c: claims and lexicon mentions as JSON. */
#include "extract/claims_json.h"

#include <stdio.h>
#include <string.h>

#include "recognize/places_json.h"
#include "recognize/tq_json.h"

static void date_write(ds_jw *w, const char *text, const ds_claim_info *c)
{
    ds_jw_key(w, "date");
    if (!c->date) {
        ds_jw_null(w);
        return;
    }
    const ds_time_mention *t = c->date;
    ds_jw_object(w);
    ds_time_resolution_members(w, t);
    ds_jw_kstrn(w, "text", text + t->start, t->end - t->start);
    ds_jw_kbool(w, "carried", c->date_carried);
    ds_jw_end_object(w);
}

static void location_write(ds_jw *w, const ds_gazetteer *gz, const char *text,
                           const ds_claim_info *c)
{
    ds_jw_key(w, "location");
    if (!c->place || !gz) {
        ds_jw_null(w);
        return;
    }
    ds_jw_object(w);
    ds_place_location_members(w, gz, text, c->place);
    ds_jw_kbool(w, "carried", c->place_carried);
    ds_jw_end_object(w);
}

static void actor_write(ds_jw *w, const char *role, const ds_claim_actor *a)
{
    if (!a->name)
        return;
    ds_jw_object(w);
    ds_jw_kstr(w, "role", role);
    ds_jw_kstr(w, "name", a->name);
    ds_jw_kstr(w, "type", a->type);
    ds_jw_end_object(w);
}

static void counts_write(ds_jw *w, const ds_claim_info *c)
{
    ds_jw_key(w, "counts");
    ds_jw_object(w);
    for (int r = DS_ROLE_KILLED; r <= DS_ROLE_DISPLACED; r++) {
        const ds_claim_count *k = &c->counts[r];
        if (!k->set)
            continue;
        const char *role = ds_count_role_name((ds_count_role)r);
        ds_jw_keyn(w, role, strlen(role));
        ds_jw_object(w);
        ds_jw_knumber(w, "value", k->value);
        ds_jw_knumber(w, "low", k->low);
        ds_jw_knumber(w, "high", k->high);
        ds_jw_kstr(w, "qualifier", k->qualifier);
        ds_jw_end_object(w);
    }
    ds_jw_end_object(w);
}

/* "c12", written by hand: printf cost more than the rest of a claim's
 * members put together. */
static void claim_id(ds_jw *w, size_t id)
{
    char buf[32], *p = buf + sizeof buf;
    *--p = '"';
    do {
        *--p = (char)('0' + id % 10);
        id /= 10;
    } while (id);
    *--p = 'c';
    *--p = '"';
    ds_jw_raw(w, p, (size_t)(buf + sizeof buf - p));
}

void ds_claim_write(ds_jw *w, const ds_gazetteer *gz, const char *text, const ds_claim_info *c,
                    size_t id)
{
    ds_jw_object(w);
    ds_jw_key(w, "id");
    claim_id(w, id);
    ds_jw_kstrn(w, "sentence", text + c->start, c->end - c->start);
    ds_jw_kspan(w, "span", c->start, c->end);
    ds_jw_kstr(w, "event_type", c->event_type);
    ds_jw_kstr(w, "sub_event_type", c->sub_event_type);
    ds_jw_kstrn(w, "trigger", text + c->trigger_start, c->trigger_end - c->trigger_start);
    date_write(w, text, c);
    location_write(w, gz, text, c);
    ds_jw_key(w, "actors");
    ds_jw_array(w);
    actor_write(w, "perpetrator", &c->perpetrator);
    actor_write(w, "target", &c->target);
    ds_jw_end_array(w);
    ds_jw_key(w, "groups");
    ds_jw_array(w);
    for (size_t i = 0; i < c->n_groups; i++)
        ds_jw_str(w, c->groups[i]);
    ds_jw_end_array(w);
    counts_write(w, c);
    ds_jw_kstr(w, "attributed_to", c->attributed_to);
    ds_jw_kbool(w, "hedged", c->hedged);
    ds_jw_kbool(w, "generic", c->generic);
    ds_jw_end_object(w);
}

bool ds_mark_write(ds_jw *w, const ds_events *lx, const char *text, const ds_ev_scan *sc,
                   const ds_ev_mark *m)
{
    static const char *const kinds[] = {"trigger", "actor", "group"};
    if (m->kind != DS_EV_ACTOR && m->kind != DS_EV_GROUP && m->kind != DS_EV_TRIGGER)
        return false;
    size_t start = sc->words[m->w].start, end = sc->words[m->w_end - 1].end;
    ds_jw_object(w);
    ds_jw_kstr(w, "kind", kinds[m->kind]);
    ds_jw_kspan(w, "span", start, end);
    ds_jw_kstrn(w, "text", text + start, end - start);
    const char *members = m->kind == DS_EV_ACTOR   ? ds_events_actor(lx, m->value)->json
                          : m->kind == DS_EV_GROUP ? ds_events_group(lx, m->value)->json
                                                   : ds_events_trigger(lx, m->value)->json;
    ds_jw_raw(w, members, strlen(members));
    ds_jw_end_object(w);
    return true;
}

void ds_attribution_write(ds_jw *w, const char *text, const ds_claim_info *c)
{
    ds_jw_object(w);
    ds_jw_kstr(w, "kind", "attribution");
    ds_jw_kspan(w, "span", c->attribution_start, c->attribution_end);
    ds_jw_kstrn(w, "text", text + c->attribution_start,
                c->attribution_end - c->attribution_start);
    ds_jw_kstr(w, "source", c->attributed_to);
    ds_jw_end_object(w);
}
