/* cmd_export_incidents.c: `dossier export --format csv|geojson` — the
 * stored incidents (DESIGN.md §5) rewritten as ACLED-style rows or as a
 * GeoJSON FeatureCollection. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const csv_columns[] = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities", "incident_id", "fatalities_low", "fatalities_high", "documents",
    "independent_origins", "status", "parent_id", "event_end_date",
};
enum { N_COLUMNS = sizeof csv_columns / sizeof *csv_columns };

/* Publishers by document id, for the CSV's source column. */
typedef struct {
    cli_export_state *st;
    char **source;
    size_t n;
} csv_state;

static int remember_source(void *ud, const ds_document *d)
{
    csv_state *cs = ud;
    if (d->id <= 0 || (size_t)d->id > (size_t)1 << 28)
        return 0;
    if ((size_t)d->id >= cs->n) {
        size_t n = (size_t)d->id * 2;
        char **v = ds_realloc(cs->source, n * sizeof *v);
        if (!v) {
            cs->st->failed = true;
            return 1;
        }
        memset(v + cs->n, 0, (n - cs->n) * sizeof *v);
        cs->source = v;
        cs->n = n;
    }
    cs->source[d->id] = d->source ? ds_strdup(d->source) : NULL;
    return 0;
}

static void csv_field(FILE *out, const char *s, bool last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputc(last ? '\n' : ',', out);
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static const char *actor_with_role(json_t *inc, const char *role)
{
    json_t *a;
    size_t i;
    json_array_foreach(json_object_get(inc, "actors"), i, a)
        if (!strcmp(str(a, "role") ? str(a, "role") : "", role))
            return str(a, "name");
    return NULL;
}

static void number(char *buf, size_t size, json_t *v)
{
    if (json_is_number(v))
        snprintf(buf, size, "%.10g", json_number_value(v));
    else
        buf[0] = '\0';
}

/* The publishers of the incident's documents, "A; B". */
static void sources_of(csv_state *cs, json_t *inc, ds_buf *b)
{
    json_t *d;
    size_t i;
    ds_buf_reset(b);
    json_array_foreach(json_object_get(inc, "documents"), i, d)
    {
        long long id = atoll(json_string_value(d) ? json_string_value(d) + 1 : "0");
        const char *src = id > 0 && (size_t)id < cs->n ? cs->source[id] : NULL;
        if (src && !strstr(b->p ? b->p : "", src))
            ds_buf_printf(b, "%s%s", b->len ? "; " : "", src);
    }
}

static int csv_row(void *ud, const ds_incident_record *r)
{
    csv_state *cs = ud;
    json_t *inc = json_loads(r->value, 0, NULL);
    if (!inc)
        return 0;
    json_t *loc = json_object_get(inc, "location"), *date = json_object_get(inc, "date");
    json_t *killed = json_object_get(json_object_get(inc, "figures"), "killed");
    const char *prec = str(date, "precision");
    char id[32], parent[32] = "", lat[32], lon[32], geo[32], best[32], low[32], high[32];
    char origins[16], tp[4] = "";
    snprintf(id, sizeof id, "i%lld", (long long)r->id);
    if (r->parent)
        snprintf(parent, sizeof parent, "i%lld", (long long)r->parent);
    if (prec)
        snprintf(tp, sizeof tp, "%d", !strcmp(prec, "day") ? 1 : !strcmp(prec, "week") ? 2 : 3);
    number(lat, sizeof lat, json_object_get(loc, "lat"));
    number(lon, sizeof lon, json_object_get(loc, "lon"));
    number(geo, sizeof geo, json_object_get(loc, "geo_precision"));
    number(best, sizeof best, json_object_get(killed, "best"));
    number(low, sizeof low, json_object_get(killed, "low"));
    number(high, sizeof high, json_object_get(killed, "high"));
    snprintf(origins, sizeof origins, "%d", r->origins);
    ds_buf src, docs;
    ds_buf_init(&src, 1 << 20);
    ds_buf_init(&docs, 1 << 20);
    sources_of(cs, inc, &src);
    json_t *d;
    size_t i;
    json_array_foreach(json_object_get(inc, "documents"), i, d)
        ds_buf_printf(&docs, "%s%s", i ? ";" : "", json_string_value(d));
    const char *notes = str(json_array_get(json_object_get(inc, "claims"), 0), "sentence");
    const char *row[N_COLUMNS] = {
        r->date_start, tp, r->event_type, r->sub_event_type, actor_with_role(inc, "perpetrator"),
        actor_with_role(inc, "target"), str(loc, "admin1"), str(loc, "admin2"), r->place, lat,
        lon, geo, src.p, notes, best[0] ? best : "0", id, low, high, docs.p, origins, r->status,
        parent, r->date_end,
    };
    for (size_t k = 0; k < N_COLUMNS; k++)
        csv_field(cs->st->out, row[k], k + 1 == N_COLUMNS);
    ds_buf_free(&src);
    ds_buf_free(&docs);
    json_decref(inc);
    cs->st->count++;
    return 0;
}

ds_status cli_export_csv(ds_store *s, cli_export_state *st, ds_error *err)
{
    csv_state cs = {.st = st};
    for (size_t k = 0; k < N_COLUMNS; k++)
        csv_field(st->out, csv_columns[k], k + 1 == N_COLUMNS);
    ds_status rc = ds_store_each_document(s, NULL, remember_source, &cs, err);
    if (rc == DS_OK && !st->failed)
        rc = ds_store_each_incident(s, NULL, csv_row, &cs, err);
    for (size_t i = 0; i < cs.n; i++)
        ds_free(cs.source[i]);
    ds_free(cs.source);
    return rc;
}

/* One incident as a Feature: a Point at its place, the register's columns
 * as properties. */
static int geojson_feature(void *ud, const ds_incident_record *r)
{
    cli_export_state *st = ud;
    json_t *inc = json_loads(r->value, 0, NULL);
    if (!inc)
        return 0;
    json_t *loc = json_object_get(inc, "location");
    json_t *lat = json_object_get(loc, "lat"), *lon = json_object_get(loc, "lon");
    json_t *geometry = json_is_number(lat) && json_is_number(lon)
                           ? json_pack("{s:s, s:[O, O]}", "type", "Point", "coordinates", lon, lat)
                           : json_null();
    json_t *props = json_pack(
        "{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "id",
        json_object_get(inc, "id"), "parent", json_object_get(inc, "parent"), "episode",
        json_object_get(inc, "episode"), "event_type", json_object_get(inc, "event_type"),
        "sub_event_type", json_object_get(inc, "sub_event_type"), "date",
        json_object_get(inc, "date"), "location", loc ? loc : json_null(), "groups",
        json_object_get(inc, "groups"), "figures", json_object_get(inc, "figures"), "documents",
        json_object_get(inc, "documents"), "independent_origins",
        json_object_get(inc, "independent_origins"), "status", json_object_get(inc, "status"),
        "contradictions", json_object_get(inc, "contradictions"));
    json_t *f = json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry", geometry,
                          "properties", props ? props : json_object());
    char *text = f ? json_dumps(f, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (text)
        fprintf(st->out, "%s\n    %s", st->count++ ? "," : "", text);
    else
        st->failed = true;
    free(text);
    json_decref(f);
    json_decref(inc);
    return text ? 0 : 1;
}

ds_status cli_export_geojson(ds_store *s, cli_export_state *st, ds_error *err)
{
    fputs("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [", st->out);
    ds_status rc = ds_store_each_incident(s, NULL, geojson_feature, st, err);
    fputs("\n  ]\n}\n", st->out);
    return rc;
}
