/* findings.c: a brief's incidents chosen, grouped into sections and
 * paragraphs, and closed with a line for each aspect without material. */
#include <string.h>

#include "brief_int.h"
#include "normalize/normalize.h"
#include "select.h"
#include "sources/sources.h"

const char *ds__br_str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

typedef struct sel {
    json_t *inc;
    const char *section, *para;
} sel;

typedef struct selection {
    sel *v;
    size_t n, cap;
    const br_topic *topic;
    const char *place; /* folded --place, or NULL */
    const ds_registry *registry;
    ds_status rc;
    ds_error *err;
} selection;

static int on_incident(void *ud, const ds_incident_record *r)
{
    selection *s = ud;
    json_t *inc = json_loads(r->value, 0, NULL);
    if (!inc) {
        s->rc = ds_error_set(s->err, DS_EFORMAT, "incident i%lld: stored JSON unreadable",
                             (long long)r->id);
        return 1;
    }
    if ((s->place && !ds__br_place_matches(inc, s->place)) || !ds__br_topic_matches(inc, s->topic)) {
        json_decref(inc);
        return 0;
    }
    sel *v = s->n < BR_MAX_INCIDENTS ? ds_grow(s->v, &s->cap, s->n, sizeof *v) : NULL;
    if (!v) {
        json_decref(inc);
        s->rc = s->n < BR_MAX_INCIDENTS
                    ? ds_error_set(s->err, DS_ENOMEM, "out of memory")
                    : ds_error_set(s->err, DS_ETOOBIG, "more than %d incidents: narrow the topic",
                                   BR_MAX_INCIDENTS);
        return 1;
    }
    s->v = v;
    v[s->n++] = (sel){inc, NULL, NULL};
    return 0;
}

static const char *fill1(br_brief *b, const char *key, const char *name, const char *value)
{
    const char *t = ds__br_style_get(&b->style, key, NULL);
    const char *vars[] = {name, value, "topic", b->q->about, NULL};
    return t ? ds__br_fill(b->arena, t, vars) : value;
}

/* The section and paragraph an incident goes in. */
static void place_keys(br_brief *b, sel *s)
{
    json_t *loc = json_object_get(s->inc, "location");
    const char *name = ds__br_str(loc, "name"), *admin1 = ds__br_str(loc, "admin1");
    s->para = ds__br_str(loc, "text") ? ds__br_str(loc, "text") : name ? name : "";
    if (b->q->sections == DS_BRIEF_BY_PERIOD) {
        const char *start = ds__br_str(json_object_get(s->inc, "date"), "start");
        char first[11], last[11];
        int y, m;
        if (start && sscanf(start, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
            snprintf(first, sizeof first, "%04d-%02d-01", y, m);
            snprintf(last, sizeof last, "%04d-%02d-%02d", y, m, ds_days_in_month(y, m));
            s->section = ds__br_date(&b->style, b->arena, first, last, false);
        } else {
            s->section = fill1(b, "section_undated", "x", "");
        }
    } else if (admin1) {
        s->section = admin1;
    } else {
        s->section = name ? fill1(b, "section_country", "place", name)
                          : fill1(b, "section_unplaced", "x", "");
    }
}

/* Writes the incidents section by section, paragraph by paragraph, in
 * the order each first appears (the incidents come in date order). */
static ds_status emit(br_brief *b, selection *s, ds_error *err)
{
    const char **sections = NULL, **paras = NULL;
    size_t n_sec = 0, cap_sec = 0;
    ds_status rc = DS_OK;
    for (size_t i = 0; i < s->n; i++) {
        place_keys(b, &s->v[i]);
        if (!s->v[i].section || !ds__br_push_unique(b, &sections, &n_sec, &cap_sec, s->v[i].section))
            rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < n_sec && rc == DS_OK; k++) {
        size_t n_par = 0, cap_par = 0;
        for (size_t i = 0; i < s->n && rc == DS_OK; i++)
            if (!strcmp(s->v[i].section, sections[k]) &&
                !ds__br_push_unique(b, &paras, &n_par, &cap_par, s->v[i].para))
                rc = ds_error_set(err, DS_ENOMEM, "out of memory");
        if (rc == DS_OK && !ds__br_item(b, BR_HEADING, sections[k], 0))
            rc = ds_error_set(err, DS_ENOMEM, "out of memory");
        for (size_t p = 0; p < n_par && rc == DS_OK; p++) {
            if (!ds__br_item(b, BR_PARA, "", 0))
                rc = ds_error_set(err, DS_ENOMEM, "out of memory");
            for (size_t i = 0; i < s->n && rc == DS_OK; i++)
                if (!strcmp(s->v[i].section, sections[k]) && !strcmp(s->v[i].para, paras[p]))
                    rc = ds__br_incident(b, s->v[i].inc, s->registry, err);
        }
        ds_free(paras);
        paras = NULL;
    }
    ds_free(sections);
    return rc;
}

/* Whether a selected incident has a figure of, or is of, one of the roles
 * and sub-event types of the "|"-separated list. */
static bool has_material(const selection *s, const char *list)
{
    for (size_t i = 0; i < s->n; i++) {
        json_t *figs = json_object_get(s->v[i].inc, "figures");
        const char *sub = ds__br_str(s->v[i].inc, "sub_event_type");
        for (const char *p = list; *p;) {
            size_t len = strcspn(p, "|");
            char one[128];
            snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), p);
            if (json_object_get(figs, one) || (sub && ds_str_ieq(sub, one)))
                return true;
            p += len + (p[len] == '|');
        }
    }
    return false;
}

static ds_status closings(br_brief *b, const selection *s, ds_error *err)
{
    const char *line = NULL;
    bool ok = true;
    if (!s->n) {
        const char *vars[] = {"topic", b->q->about, "place", b->q->place, "group", b->q->group, NULL};
        const char *key = b->q->place ? "no_information_place"
                          : b->q->group ? "no_information_group" : "no_information_topic";
        const char *t = ds__br_style_get(&b->style, key, NULL);
        line = t ? ds__br_fill(b->arena, t, vars) : NULL;
        ok = !t || ds__br_push_unique(b, &b->closings, &b->n_closings, &b->cap_closings, line ? line : "");
    }
    for (size_t i = 0; ok && s->n && i < b->style.n; i++) {
        const br_row *r = &b->style.rows[i];
        if (strcmp(r->key, "aspect") || !r->sub || has_material(s, r->sub))
            continue;
        const char *t = ds__br_style_get(&b->style, "no_information", NULL);
        const char *vars[] = {"aspect", r->value, "topic", b->q->about, NULL};
        line = t ? ds__br_fill(b->arena, t, vars) : NULL;
        ok = !t || (line && ds__br_push_unique(b, &b->closings, &b->n_closings, &b->cap_closings, line));
    }
    return ok ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory");
}

/* The reference period: the query's dates, else the incidents' span. */
static void period(br_brief *b, const selection *s)
{
    snprintf(b->period_from, sizeof b->period_from, "%s", b->q->from ? b->q->from : "");
    snprintf(b->period_to, sizeof b->period_to, "%s", b->q->to ? b->q->to : "");
    for (size_t i = 0; i < s->n; i++) {
        json_t *d = json_object_get(s->v[i].inc, "date");
        const char *from = ds__br_str(d, "start"), *to = ds__br_str(d, "end");
        if (!b->q->from && from && (!*b->period_from || strcmp(from, b->period_from) < 0))
            snprintf(b->period_from, sizeof b->period_from, "%s", from);
        if (!b->q->to && to && strcmp(to, b->period_to) > 0)
            snprintf(b->period_to, sizeof b->period_to, "%s", to);
    }
}

static ds_status select_and_emit(br_brief *b, selection *s, const char *group, ds_error *err)
{
    ds_incident_filter f = {.from = b->q->from, .to = b->q->to, .group = group};
    ds_status rc = ds_store_each_incident(b->store, &f, on_incident, s, err);
    if (rc == DS_OK)
        rc = s->rc;
    if (rc == DS_OK) {
        b->n_incidents = s->n;
        period(b, s);
        rc = emit(b, s, err);
    }
    return rc == DS_OK ? closings(b, s, err) : rc;
}

ds_status ds__br_compose(br_brief *b, ds_error *err)
{
    char *topic_group = NULL, *group = NULL;
    br_hits hits = {0};
    ds_registry *reg = NULL;
    ds_status rc = ds__br_group_name(b->q->about, &topic_group, err);
    if (rc == DS_OK && b->q->group)
        rc = ds__br_group_name(b->q->group, &group, err);
    char *folded = ds_fold(b->q->about, strlen(b->q->about));
    char *place = b->q->place ? ds_fold(b->q->place, strlen(b->q->place)) : NULL;
    if (rc == DS_OK && (!folded || (b->q->place && !place)))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (rc == DS_OK && ds_registry_load(&reg, NULL, NULL) != DS_OK)
        reg = NULL; /* without the registry relayed sources keep their words */
    if (rc == DS_OK) {
        ds__br_search(b->store, b->q->about, &hits);
        br_topic t = {topic_group, folded, &hits};
        selection s = {.topic = &t, .place = place, .registry = reg, .err = err};
        rc = select_and_emit(b, &s, group ? group : b->q->group, err);
        for (size_t i = 0; i < s.n; i++)
            json_decref(s.v[i].inc);
        ds_free(s.v);
    }
    ds_registry_free(reg);
    ds_free(hits.v);
    ds_free(folded);
    ds_free(place);
    ds_free(topic_group);
    ds_free(group);
    return rc;
}
