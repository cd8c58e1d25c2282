/* main.c: the dossier command line.  Git-style: global options, then a
 * command, then the command's own options and arguments. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sources/sources.h"

#define DOSSIER_VERSION "0.1.0"

static const struct {
    const char *name;
    cli_command_fn fn;
    const char *summary;
} commands[] = {
    {"add", cmd_add, "add reports (txt, md, html, pdf) to the database"},
    {"ls", cmd_ls, "list the documents in the database"},
    {"doc", cmd_doc, "show one document's metadata and numbered sentences"},
    {"search", cmd_search, "full-text search over sentences"},
    {"names", cmd_names, "names of places, actors and groups spelt like a query"},
    {"link", cmd_link, "link every claim into incidents (replaces the previous ones)"},
    {"incidents", cmd_incidents, "list incidents as a table, with filters"},
    {"show", cmd_show, "one incident: figures by document, origins, contradictions, evidence"},
    {"review", cmd_review, "confirm, reject, merge, split, edit; the review log"},
    {"sources", cmd_sources, "the sources: kind, documents, who cites whom"},
    {"export", cmd_export, "export the register (JSON, CSV, GeoJSON; DESIGN.md §5)"},
    {"serve", cmd_serve, "serve the register as a JSON API and web page (loopback)"},
    {"migrate", cmd_migrate, "copy a dossier to another database (SQLite <-> PostgreSQL)"},
    {"brief", cmd_brief, "a COI-style brief on a topic, with footnotes; or check one"},
    {"timeline", cmd_timeline, "incidents along time (text, HTML, SVG)"},
    {"segment", cmd_segment, "print a file's sentences without storing anything"},
    {"places", cmd_places, "print the places a text names, resolved (JSON)"},
    {"times", cmd_times, "print the dates a text gives, resolved (JSON)"},
    {"numbers", cmd_numbers, "print the figures a text gives and what they count (JSON)"},
    {"extract", cmd_extract, "print a text's claims and mentions, or stream JSONL (stores nothing)"},
    {"gazetteer", cmd_gazetteer, "build the place-name index, or look a name up"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier [--db PATH] COMMAND [ARGS]\n"
            "\n"
            "Turns a collection of reports into a source-grounded, searchable register.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Global options:\n"
            "  --db PATH    the database (default: $DOSSIER_DB, else ./dossier.db)\n"
            "  --version    print the version\n"
            "  -h, --help   this help; `dossier COMMAND --help` for a command's\n"
            "\n"
            "Environment:\n"
            "  DOSSIER_DB    default database path\n"
            "  DOSSIER_DATA  folder with the data files (sources.tsv, lexicons)\n");
}

int cli_write_result(ds_status rc, const ds_error *err, ds_buf *out, const char *path)
{
    int code = EXIT_FAIL;
    if (rc != DS_OK) {
        cli_error("%s", err->msg);
    } else {
        FILE *f = path ? fopen(path, "w") : stdout;
        bool ok = f && fwrite(out->p, 1, out->len, f) == out->len;
        if (path && f)
            ok = fclose(f) == 0 && ok;
        if (ok)
            code = EXIT_OK;
        else
            cli_error("cannot write %s", path ? path : "standard output");
    }
    ds_buf_free(out);
    return code;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("dossier: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_warnings(ds_warnings *w)
{
    for (size_t i = 0; i < w->n; i++)
        fprintf(stderr, "dossier: warning: %s\n", w->items[i]);
    if (w->dropped)
        fprintf(stderr, "dossier: warning: %zu more warnings not shown\n", w->dropped);
    ds_warnings_free(w);
}

int cli_usage(const char *text, const char *problem)
{
    if (problem) {
        cli_error("%s", problem);
        fputs(text, stderr);
        return EXIT_USAGE;
    }
    fputs(text, stdout);
    return EXIT_OK;
}

ds_store *cli_open(cli_globals *g, ds_store_mode mode)
{
    ds_store *s;
    ds_error err = {0};
    if (ds_store_open(&s, g->db, mode, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return s;
}

bool cli_parse_doc_id(const char *s, int64_t *id)
{
    if (*s == 'd' || *s == 'D')
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return false;
    *id = v;
    return true;
}

bool cli_parse_bound(const char *s, bool end, char out[11])
{
    ds_date d;
    if (ds_date_parse_iso(s, DS_PREC_NONE, &d) != DS_OK)
        return false;
    memcpy(out, end ? d.end : d.start, 11);
    return true;
}

const char *cli_canonical_source(const char *name, char *buf, size_t size)
{
    ds_registry *r;
    if (!name || ds_registry_load(&r, NULL, NULL) != DS_OK)
        return name;
    const ds_source *s = ds_registry_find(r, name);
    if (s) {
        snprintf(buf, size, "%s", s->name);
        name = buf;
    }
    ds_registry_free(r);
    return name;
}

const char *cli_date_text(const ds_date *d, char buf[11])
{
    size_t n = d->precision == DS_PREC_DAY ? 10 : d->precision == DS_PREC_MONTH ? 7
             : d->precision == DS_PREC_YEAR ? 4 : 0;
    memcpy(buf, d->start, n);
    buf[n] = '\0';
    return buf;
}

void cli_print_span(const char *text, size_t start, size_t end)
{
    for (size_t i = start; i < end;) {
        const char *nl = memchr(text + i, '\n', end - i);
        size_t n = nl ? (size_t)(nl - text) - i : end - i;
        fwrite(text + i, 1, n, stdout);
        i += n;
        if (nl) {
            fputs(" \u23CE ", stdout);
            i++;
        }
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    cli_globals g = {.db = getenv("DOSSIER_DB")};
    if (!g.db || !*g.db)
        g.db = "dossier.db";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    int c;
    /* "+" stops at the command name so its options are left to it. */
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': g.db = optarg; break;
        case 'V': printf("dossier %s\n", DOSSIER_VERSION); return EXIT_OK;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[optind];
    if (!strcmp(name, "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (!strcmp(name, commands[i].name)) {
            int sub_argc = argc - optind;
            char **sub_argv = argv + optind;
            optind = 0; /* makes getopt start afresh for the command */
            return commands[i].fn(&g, sub_argc, sub_argv);
        }
    }
    cli_error("'%s' is not a command; see `dossier --help`", name);
    return EXIT_USAGE;
}
