#include "tq_json.h"

#include "mention.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const anchor_names[] = {NULL, "published", "previous", "inferred"};

static json_t *day_json(int32_t day)
{
    char iso[11];
    ds_iso_from_days(day, iso);
    return json_string(iso);
}

static json_t *span_text(const char *text, size_t start, size_t end)
{
    return json_stringn(text + start, end - start);
}

json_t *ds_time_mention_json(const char *text, const ds_time_mention *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string("time"));
    json_object_set_new(o, "span", json_pack("[II]", (json_int_t)m->start, (json_int_t)m->end));
    json_object_set_new(o, "text", span_text(text, m->start, m->end));
    if (m->resolved) {
        json_object_set_new(o, "start", day_json(m->first));
        json_object_set_new(o, "end", day_json(m->last));
        json_object_set_new(o, "precision", json_string(ds_time_unit_name(m->precision)));
        json_object_set_new(o, "time_precision", json_integer(m->acled_precision));
    } else {
        json_object_set_new(o, "start", json_null());
        json_object_set_new(o, "end", json_null());
        json_object_set_new(o, "precision", json_null());
        json_object_set_new(o, "time_precision", json_null());
    }
    json_object_set_new(o, "anchor", m->anchor ? json_string(anchor_names[m->anchor])
                                               : json_null());
    json_object_set_new(o, "span_of_days", json_boolean(m->span));
    json_object_set_new(o, "part", m->part ? json_string(m->part) : json_null());
    if (m->ambiguous)
        json_object_set_new(o, "other_reading",
                            json_pack("{s:o,s:o}", "start", day_json(m->alt_first), "end",
                                      day_json(m->alt_last)));
    return o;
}

static json_t *num_json(double v)
{
    if (isnan(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static const char *const relation_names[] = {"eq", "ge", "gt", "le", "lt", "approx", "range",
                                             "vague"};

json_t *ds_quantity_json(const char *text, const ds_quantity *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string("number"));
    json_object_set_new(o, "span", json_pack("[II]", (json_int_t)q->start, (json_int_t)q->end));
    json_object_set_new(o, "text", span_text(text, q->start, q->end));
    json_object_set_new(o, "value", num_json(q->value));
    json_object_set_new(o, "low", num_json(q->low));
    json_object_set_new(o, "high", num_json(q->high));
    json_object_set_new(o, "qualifier", q->qualifier ? json_string(q->qualifier) : json_null());
    json_object_set_new(o, "relation", json_string(relation_names[q->relation]));
    json_object_set_new(o, "counts", q->counts ? json_string(q->counts) : json_null());
    json_object_set_new(o, "noun", q->noun_end ? span_text(text, q->noun_start, q->noun_end)
                                               : json_null());
    json_object_set_new(o, "role", q->role ? json_string(ds_count_role_name(q->role))
                                           : json_null());
    if (q->roles & ~(1u << q->role)) {
        json_t *all = json_array();
        for (int r = DS_ROLE_KILLED; r <= DS_ROLE_DISPLACED; r++)
            if (q->roles & (1u << r))
                json_array_append_new(all, json_string(ds_count_role_name((ds_count_role)r)));
        json_object_set_new(o, "roles", all);
    }
    json_object_set_new(o, "generic", json_boolean(q->generic));
    if (q->ordinal)
        json_object_set_new(o, "ordinal", json_true());
    return o;
}

ds_status ds_tq_annotate(const ds_times *t, const ds_quantities *q, ds_document *d,
                         ds_date_order order, ds_error *err)
{
    ds_arena *arena = ds_arena_new(d->text_len * 16 + ((size_t)1 << 20));
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_time_context ctx = {.published = d->published, .order = order};
    ds_time_mention *tm;
    ds_quantity *qm;
    size_t nt, nq;
    ds_span *skip = NULL;
    ds_status st = ds_times_find(t, d->text, d->text_len, &ctx, arena, &tm, &nt, err);
    if (st == DS_OK && nt && !(skip = ds_arena_alloc(arena, nt * sizeof *skip)))
        st = ds_error_set(err, DS_ENOMEM, "out of memory");
    for (size_t i = 0; st == DS_OK && i < nt; i++)
        skip[i] = (ds_span){tm[i].start, tm[i].end};
    if (st == DS_OK)
        st = ds_quantities_find(q, d->text, d->text_len, skip, nt, arena, &qm, &nq, err);
    if (st == DS_OK)
        st = ds__mentions_reserve(d, nt + nq, err);
    for (size_t i = 0; st == DS_OK && i < nt; i++)
        st = ds__mention_append(d, tm[i].start, tm[i].end, "time",
                                ds_time_mention_json(d->text, &tm[i]), err);
    for (size_t i = 0; st == DS_OK && i < nq; i++)
        st = ds__mention_append(d, qm[i].start, qm[i].end, "number",
                                ds_quantity_json(d->text, &qm[i]), err);
    ds_arena_free(arena);
    return st;
}
