/* cmd_extract.c: `dossier extract` — mentions and claims of one report, or
 * of a stream of documents, stored nowhere. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract/extract.h"
#include "extract/jsonl.h"
#include "gazetteer/gazetteer.h"

static const char usage_text[] =
    "usage: dossier extract [--published DATE] [--country CC] [--date-order dmy|mdy]\n"
    "                       [--gazetteer FILE] [--no-places] [--jsonl] [FILE|-]\n"
    "\n"
    "Finds what a report says happened and prints it as JSON, storing nothing:\n"
    "its mentions (places, dates, figures, actors, identity groups, event words,\n"
    "attributions) and its claims (event type, date, place, actors, groups,\n"
    "counts, who it is attributed to, hedged, generic), each with the byte span\n"
    "of the sentence that states it.\n"
    "\n"
    "Without --jsonl, FILE is a report (txt, md, html, pdf; - reads text from\n"
    "stdin) read as `dossier add` would.  With --jsonl, each input line is a\n"
    "JSON object {\"id\", \"text\", \"published\", \"title\", \"source\"} and each\n"
    "output line is {\"id\", \"mentions\", \"claims\"}, spans counted in bytes of\n"
    "the text as given; a bad line yields {\"id\", \"error\"} and the stream goes\n"
    "on.  FILE defaults to stdin.\n"
    "\n"
    "Options:\n"
    "  --published DATE   publication date (YYYY-MM-DD, YYYY-MM or YYYY) for\n"
    "                     texts that give none; relative dates hang on it\n"
    "  --country CC       the documents' country (ISO code); default: inferred\n"
    "  --date-order ORD   dmy or mdy, how 3/6/2025 is read\n"
    "  --gazetteer FILE   place index (default: the one `gazetteer build` wrote)\n"
    "  --no-places        do not recognize places\n"
    "  --jsonl            read and write one JSON document per line\n";

typedef struct opts {
    ds_extract_options x;
    ds_date published;
    const char *gazetteer;
    bool no_places, jsonl;
} opts;

static json_t *document_json(const char *path, const ds_document *d)
{
    json_t *mentions = json_array(), *claims = json_array();
    for (size_t i = 0; i < d->n_mentions; i++)
        json_array_append_new(mentions, json_loads(d->mentions[i].value, 0, NULL));
    for (size_t i = 0; i < d->n_claims; i++)
        json_array_append_new(claims, json_loads(d->claims[i].value, 0, NULL));
    char buf[11];
    json_t *pub = d->published.precision ? json_string(cli_date_text(&d->published, buf))
                                         : json_null();
    return json_pack("{s:s,s:o,s:o,s:o}", "file", path, "published", pub, "mentions", mentions,
                     "claims", claims);
}

static int one_file(const ds_extractor *x, const opts *o, const char *path)
{
    ds_document d;
    if (cli_read_document(path, &d) != EXIT_OK)
        return EXIT_FAIL;
    if (!d.published.precision)
        d.published = o->published;
    ds_error err = {0};
    int rc = EXIT_OK;
    if (ds_extract_document(x, &d, &o->x, &err) != DS_OK) {
        cli_error("%s: %s", path, err.msg);
        rc = EXIT_FAIL;
    } else {
        json_t *root = document_json(path, &d);
        json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
        fputc('\n', stdout);
        json_decref(root);
    }
    ds_document_free(&d);
    return rc;
}

/* One input line to one output line, written through `out`, a buffer
 * kept for the whole stream; false only when output fails. */
static bool stream_line(const ds_extractor *x, const opts *o, const char *line, size_t len,
                        size_t lineno, ds_buf *out, size_t *errors)
{
    ds_document d;
    char *id = NULL;
    ds_error err = {0};
    bool done = false;
    if (ds_jsonl_read(line, len, &d, &id, &err) == DS_OK) {
        if (!d.published.precision)
            d.published = o->published;
        done = ds_extract_segment(x, &d, &err) == DS_OK &&
               ds_jsonl_extract(x, &d, &o->x, id, out, &err) == DS_OK;
        ds_document_free(&d);
    }
    bool ok;
    if (done)
        ok = fwrite(out->p, 1, out->len, stdout) == out->len;
    else {
        char msg[sizeof err.msg + 64];
        snprintf(msg, sizeof msg, "line %zu: %s", lineno, err.msg[0] ? err.msg : "out of memory");
        char *e = ds_jsonl_error(id, msg);
        ok = e && fputs(e, stdout) >= 0;
        ds_free(e);
        ++*errors;
    }
    ds_free(id);
    return ok && fputc('\n', stdout) != EOF;
}

static int stream(const ds_extractor *x, const opts *o, const char *path)
{
    FILE *in = (!path || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    if (!in) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_FAIL;
    }
    /* The results are about ten times the input: stdio's default buffers
     * of a few KiB would make a system call every few mentions.  The
     * buffers are static so that they outlive the streams (stdout is
     * flushed at exit). */
    static char in_buf[1 << 20], out_buf[1 << 20];
    setvbuf(in, in_buf, _IOFBF, sizeof in_buf);
    setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
    /* Into a pipe, a buffer's worth at a time: with the default 64 KiB pipe
     * each flush would wait for the reader many times over.  Where the
     * system does not allow it (or stdout is no pipe) nothing changes. */
    (void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, (int)sizeof out_buf);
    char *line = NULL;
    size_t cap = 0, lineno = 0, errors = 0, done = 0;
    /* A result line can be many times its input (every mention quotes its
     * text); the cap is far above any line the reader accepts. */
    ds_buf out;
    ds_buf_init(&out, (size_t)1 << 31);
    ssize_t n;
    bool progress = isatty(STDERR_FILENO), ok = true;
    while (ok && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue; /* blank lines carry no document */
        ok = stream_line(x, o, line, (size_t)n, lineno, &out, &errors);
        if (progress && ++done % 10000 == 0)
            fprintf(stderr, "\rdossier: extract: %zu documents", done);
    }
    free(line);
    ds_buf_free(&out);
    if (progress && done >= 10000)
        fputc('\n', stderr);
    bool read_error = ferror(in);
    if (in != stdin)
        fclose(in);
    if (fflush(stdout) != 0 || !ok) {
        cli_error("writing the output failed: %s", strerror(errno));
        return EXIT_FAIL;
    }
    if (read_error) {
        cli_error("%s: read error", path ? path : "stdin");
        return EXIT_FAIL;
    }
    if (errors)
        fprintf(stderr, "dossier: extract: %zu of %zu lines were not processed (see their "
                        "\"error\")\n", errors, lineno);
    return EXIT_OK;
}

static int parse(int argc, char **argv, opts *o)
{
    static const struct option longs[] = {
        {"published", required_argument, NULL, 'p'}, {"country", required_argument, NULL, 'c'},
        {"date-order", required_argument, NULL, 'o'}, {"gazetteer", required_argument, NULL, 'G'},
        {"no-places", no_argument, NULL, 'N'}, {"jsonl", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'}, {0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'h': cli_usage(usage_text, NULL); return CLI_HELP_SHOWN;
        case 'p':
            if (ds_date_parse_iso(optarg, DS_PREC_NONE, &o->published) != DS_OK)
                return cli_usage(usage_text, "--published takes YYYY-MM-DD, YYYY-MM or YYYY");
            break;
        case 'c':
            if (strlen(optarg) != 2)
                return cli_usage(usage_text, "--country takes a two-letter ISO code");
            o->x.country = optarg;
            break;
        case 'o':
            if (strcmp(optarg, "dmy") == 0)
                o->x.order = DS_ORDER_DMY;
            else if (strcmp(optarg, "mdy") == 0)
                o->x.order = DS_ORDER_MDY;
            else
                return cli_usage(usage_text, "--date-order takes dmy or mdy");
            break;
        case 'G': o->gazetteer = optarg; break;
        case 'N': o->no_places = true; break;
        case 'j': o->jsonl = true; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (argc - optind > 1 || (!o->jsonl && argc - optind != 1))
        return cli_usage(usage_text, o->jsonl ? "give at most one FILE"
                                              : "give one FILE, or - for stdin");
    return EXIT_OK;
}

/* The default index is optional (places are then skipped, with a
 * warning); an index named with --gazetteer must open. */
static int open_gazetteer(const opts *o, ds_gazetteer **gz)
{
    *gz = NULL;
    if (o->no_places)
        return EXIT_OK;
    char buf[4096];
    ds_error err = {0};
    if (!o->gazetteer && ds_gazetteer_default_path(buf, sizeof buf, &err) != DS_OK) {
        fprintf(stderr, "dossier: warning: no gazetteer index, so places are not recognized "
                        "(build it with `dossier gazetteer build`)\n");
        return EXIT_OK;
    }
    *gz = cli_open_gazetteer(o->gazetteer ? o->gazetteer : buf);
    return *gz ? EXIT_OK : EXIT_FAIL;
}

int cmd_extract(cli_globals *g, int argc, char **argv)
{
    (void)g;
    opts o = {0};
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    ds_gazetteer *gz;
    if (open_gazetteer(&o, &gz) != EXIT_OK)
        return EXIT_FAIL;
    ds_error err = {0};
    ds_registry *reg = NULL;
    ds_extractor *x = NULL;
    if (ds_registry_load(&reg, NULL, &err) != DS_OK ||
        ds_extractor_new(&x, gz, reg, &err) != DS_OK) {
        cli_error("%s", err.msg);
        rc = EXIT_FAIL;
    } else {
        const char *path = optind < argc ? argv[optind] : NULL;
        rc = o.jsonl ? stream(x, &o, path) : one_file(x, &o, path);
    }
    ds_extractor_free(x);
    ds_registry_free(reg);
    ds_gazetteer_close(gz);
    return rc;
}
