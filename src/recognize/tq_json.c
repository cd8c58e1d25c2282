#include "tq_json.h"

#include "mention.h"

static const char *const anchor_names[] = {NULL, "published", "previous", "inferred"};

/* The ISO date of a day number, quoted, as ds_iso_from_days writes it but
 * without going through printf: every date mention writes two. */
static void day(ds_jw *w, int32_t days)
{
    int y, m, d;
    ds_ymd_from_days(days, &y, &m, &d);
    y = y < 0 ? 0 : y > 9999 ? 9999 : y;
    char iso[12] = {'"',
                    (char)('0' + y / 1000),    (char)('0' + y / 100 % 10),
                    (char)('0' + y / 10 % 10), (char)('0' + y % 10),
                    '-',                       (char)('0' + m / 10),
                    (char)('0' + m % 10),      '-',
                    (char)('0' + d / 10),      (char)('0' + d % 10),
                    '"'};
    ds_jw_raw(w, iso, sizeof iso);
}

void ds_time_resolution_members(ds_jw *w, const ds_time_mention *m)
{
    if (m->resolved) {
        ds_jw_key(w, "start");
        day(w, m->first);
        ds_jw_key(w, "end");
        day(w, m->last);
        ds_jw_kstr(w, "precision", ds_time_unit_name(m->precision));
        ds_jw_kint(w, "time_precision", m->acled_precision);
    } else {
        ds_jw_knull(w, "start");
        ds_jw_knull(w, "end");
        ds_jw_knull(w, "precision");
        ds_jw_knull(w, "time_precision");
    }
}

void ds_time_mention_write(ds_jw *w, const char *text, const ds_time_mention *m)
{
    ds_jw_object(w);
    ds_jw_kstr(w, "kind", "time");
    ds_jw_kspan(w, "span", m->start, m->end);
    ds_jw_kstrn(w, "text", text + m->start, m->end - m->start);
    ds_time_resolution_members(w, m);
    ds_jw_kstr(w, "anchor", m->anchor ? anchor_names[m->anchor] : NULL);
    ds_jw_kbool(w, "span_of_days", m->span);
    ds_jw_kstr(w, "part", m->part);
    if (m->ambiguous) {
        ds_jw_key(w, "other_reading");
        ds_jw_object(w);
        ds_jw_key(w, "start");
        day(w, m->alt_first);
        ds_jw_key(w, "end");
        day(w, m->alt_last);
        ds_jw_end_object(w);
    }
    ds_jw_end_object(w);
}

static const char *const relation_names[] = {"eq", "ge", "gt", "le", "lt", "approx", "range",
                                             "vague"};

void ds_quantity_write(ds_jw *w, const char *text, const ds_quantity *q)
{
    ds_jw_object(w);
    ds_jw_kstr(w, "kind", "number");
    ds_jw_kspan(w, "span", q->start, q->end);
    ds_jw_kstrn(w, "text", text + q->start, q->end - q->start);
    ds_jw_knumber(w, "value", q->value);
    ds_jw_knumber(w, "low", q->low);
    ds_jw_knumber(w, "high", q->high);
    ds_jw_kstr(w, "qualifier", q->qualifier);
    ds_jw_kstr(w, "relation", relation_names[q->relation]);
    ds_jw_kstr(w, "counts", q->counts);
    if (q->noun_end)
        ds_jw_kstrn(w, "noun", text + q->noun_start, q->noun_end - q->noun_start);
    else
        ds_jw_knull(w, "noun");
    ds_jw_kstr(w, "role", q->role ? ds_count_role_name(q->role) : NULL);
    if (q->roles & ~(1u << q->role)) {
        ds_jw_key(w, "roles");
        ds_jw_array(w);
        for (int r = DS_ROLE_KILLED; r <= DS_ROLE_DISPLACED; r++)
            if (q->roles & (1u << r))
                ds_jw_str(w, ds_count_role_name((ds_count_role)r));
        ds_jw_end_array(w);
    }
    ds_jw_kbool(w, "generic", q->generic);
    if (q->ordinal)
        ds_jw_kbool(w, "ordinal", true);
    ds_jw_end_object(w);
}

ds_status ds_tq_annotate(const ds_times *t, const ds_quantities *q, ds_document *d,
                         ds_date_order order, ds_error *err)
{
    /* Tokens take about 8 bytes per byte of text, and the mentions less. */
    ds_arena *arena = ds_arena_new(d->text_len * 32 + ((size_t)1 << 20));
    if (!arena)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_time_context ctx = {.published = d->published, .order = order};
    ds_time_mention *tm;
    ds_quantity *qm;
    size_t nt, nq;
    ds_buf json;
    ds_buf_init(&json, ds__mention_json_cap(d->text_len));
    ds_jw w;
    ds_jw_init(&w, &json);
    ds_status st = ds_tq_find(t, q, d->text, d->text_len, &ctx, arena, &tm, &nt, &qm, &nq, err);
    if (st == DS_OK)
        st = ds__mentions_reserve(d, nt + nq, err);
    for (size_t i = 0; st == DS_OK && i < nt; i++) {
        ds_time_mention_write(&w, d->text, &tm[i]);
        st = ds__mention_append(d, tm[i].start, tm[i].end, "time", &w, err);
    }
    for (size_t i = 0; st == DS_OK && i < nq; i++) {
        ds_quantity_write(&w, d->text, &qm[i]);
        st = ds__mention_append(d, qm[i].start, qm[i].end, "number", &w, err);
    }
    ds_buf_free(&json);
    ds_arena_free(arena);
    return st;
}
