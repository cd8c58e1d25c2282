/* cmd_export.c: `dossier export` — the register in the stable export format
 * of DESIGN.md §5.  Documents are written one at a time as they are read,
 * so memory stays flat however large the database is. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier export [--format json] [-o FILE]\n"
    "\n"
    "Writes the register as one JSON object {\"format\": \"dossier/1\", \"documents\",\n"
    "\"incidents\", \"citations\"} (DESIGN.md §5).  Incidents and citations are\n"
    "empty until the extraction stages have run.\n"
    "\n"
    "Options:\n"
    "  --format json   the only format so far (csv and geojson come with incidents)\n"
    "  -o, --output F  write to F instead of standard output\n"
    "  --db PATH       the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef struct {
    FILE *out;
    size_t count;
    bool failed;
} export_state;

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
    if (strcmp(format, "json") != 0) {
        cli_error("export: format '%s' is not available yet; only json is (csv and geojson "
                  "need incidents)", format);
        return EXIT_USAGE;
    }
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    export_state st = {.out = stdout};
    if (output && !(st.out = fopen(output, "w"))) {
        cli_error("export: cannot write %s", output);
        ds_store_close(s);
        return EXIT_FAIL;
    }
    fputs("{\n  \"format\": \"dossier/1\",\n  \"documents\": [", st.out);
    ds_error err = {0};
    ds_status rc = ds_store_each_document(s, NULL, write_document, &st, &err);
    fputs("\n  ],\n  \"incidents\": [],\n  \"citations\": []\n}\n", st.out);
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
        fprintf(stderr, "%zu documents written to %s\n", st.count, output);
    return EXIT_OK;
}
