/* cmd_export.c: `dossier export` — the register in the stable export format
 * of DESIGN.md §5 (JSON), one row per incident with ACLED's columns (CSV),
 * or a FeatureCollection of incidents (GeoJSON).  Documents and incidents
 * are written one at a time as they are read, so memory stays flat however
 * large the database is. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier export [--format json|csv|geojson] [-o FILE]\n"
    "\n"
    "Writes the register.  json: one object {\"format\": \"dossier/1\", \"documents\",\n"
    "\"incidents\", \"citations\"} (DESIGN.md §5).  csv: one row per incident with\n"
    "ACLED's column names (event_date, time_precision, event_type, ..., fatalities)\n"
    "and dossier's own (incident_id, fatalities_low, fatalities_high, documents,\n"
    "independent_origins, status, parent_id).  geojson: a FeatureCollection of\n"
    "incidents, a Point at each incident's place (no geometry when it has none).\n"
    "Incidents and citations are those of the last `dossier link`.\n"
    "\n"
    "Options:\n"
    "  --format F      json (default), csv or geojson\n"
    "  -o, --output F  write to F instead of standard output\n"
    "  --db PATH       the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef cli_export_state export_state;
typedef ds_status (*export_fn)(ds_store *s, export_state *st, ds_error *err);

static json_t *date_json(const ds_date *d)
{
    if (!d->precision)
        return json_null();
    return json_pack("{s:s, s:s, s:s}", "start", d->start, "end", d->end, "precision",
                     ds_precision_name(d->precision));
}

static int write_document(void *ud, const ds_document *d)
{
    export_state *st = ud;
    char id[32];
    snprintf(id, sizeof id, "d%lld", (long long)d->id);
    json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:o, s:s?, s:s?, s:s}", "id", id,
                          "file", d->file, "title", d->title, "author", d->author, "source",
                          d->source, "source_kind", d->source_kind, "published",
                          date_json(&d->published), "url", d->url, "language", d->lang,
                          "sha256", d->sha256);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!text) {
        st->failed = true;
        return 1;
    }
    fprintf(st->out, "%s\n    %s", st->count ? "," : "", text);
    free(text);
    st->count++;
    return 0;
}

static int write_incident(void *ud, const ds_incident_record *r)
{
    export_state *st = ud;
    fprintf(st->out, "%s\n    %s", st->count++ ? "," : "", r->value);
    return 0;
}

/* A citation as DESIGN.md §5 has it (from, to, text) with what was read
 * of the cited work. */
static int write_citation(void *ud, const ds_citation_record *c)
{
    export_state *st = ud;
    char from[32], to[32];
    snprintf(from, sizeof from, "d%lld", (long long)c->from);
    snprintf(to, sizeof to, "d%lld", (long long)c->to);
    json_t *o = json_pack("{s:s, s:o, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:f}", "from",
                          from, "to", c->to ? json_string(to) : json_null(), "text", c->text,
                          "note", c->note, "author", c->author, "title", c->title, "publisher",
                          c->publisher, "url", c->url, "date", date_json(&c->date), "score",
                          c->score);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!text) {
        st->failed = true;
        return 1;
    }
    fprintf(st->out, "%s\n    %s", st->count++ ? "," : "", text);
    free(text);
    return 0;
}

static ds_status export_json(ds_store *s, export_state *st, ds_error *err)
{
    fputs("{\n  \"format\": \"dossier/1\",\n  \"documents\": [", st->out);
    ds_status rc = ds_store_each_document(s, NULL, write_document, st, err);
    size_t documents = st->count;
    st->count = 0;
    fputs("\n  ],\n  \"incidents\": [", st->out);
    if (rc == DS_OK)
        rc = ds_store_each_incident(s, NULL, write_incident, st, err);
    size_t incidents = st->count;
    st->count = 0;
    fputs("\n  ],\n  \"citations\": [", st->out);
    if (rc == DS_OK)
        rc = ds_store_each_citation(s, write_citation, st, err);
    fputs("\n  ]\n}\n", st->out);
    st->count += documents + incidents;
    return rc;
}

int cmd_export(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        CLI_DB_OPTION, {0},
    };
    const char *format = "json", *output = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "ho:f:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'D': g->db = optarg; break;
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "export takes no arguments");
    export_fn fn = !strcmp(format, "json")      ? export_json
                   : !strcmp(format, "csv")     ? cli_export_csv
                   : !strcmp(format, "geojson") ? cli_export_geojson
                                                : NULL;
    if (!fn)
        return cli_usage(usage_text, "--format is json, csv or geojson");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    export_state st = {.out = stdout};
    if (output && !(st.out = fopen(output, "w"))) {
        cli_error("export: cannot write %s", output);
        ds_store_close(s);
        return EXIT_FAIL;
    }
    ds_error err = {0};
    ds_status rc = fn(s, &st, &err);
    ds_store_close(s);
    bool write_failed = ferror(st.out) != 0;
    if (output && fclose(st.out) != 0)
        write_failed = true;
    if (rc || st.failed || write_failed) {
        cli_error("export: %s", rc ? err.msg : st.failed ? "out of memory" : "write failed");
        if (output)
            remove(output);
        return EXIT_FAIL;
    }
    if (output)
        fprintf(stderr, "%zu records written to %s\n", st.count, output);
    return EXIT_OK;
}
