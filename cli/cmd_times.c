/* cmd_times.c: `dossier times` and `dossier numbers` — the time and
 * quantity recognizers on one file, as JSON. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "recognize/tq_json.h"

static const char times_usage[] =
    "usage: dossier times [--published DATE] [--date-order dmy|mdy] FILE|-\n"
    "\n"
    "Reads a report as `dossier add` would and prints, as JSON, each time\n"
    "expression with its byte span, text, resolved start and end (ISO dates),\n"
    "precision (day, week, month, year, decade), ACLED time precision (1-3),\n"
    "what it was anchored to (the publication, the previous date in the text, or\n"
    "a year inferred from the publication), and the other reading of an\n"
    "ambiguous numeric date.\n"
    "\n"
    "Options:\n"
    "  --published DATE     publication date: 2025-03-19, 2025-03 or 2025\n"
    "                       (default: the date found in the document, if any)\n"
    "  --date-order ORDER   dmy or mdy, how 3/6/2025 is read (default: month\n"
    "                       first for slashes, day first for dots, both kept)\n";

static const char numbers_usage[] =
    "usage: dossier numbers [--published DATE] FILE|-\n"
    "\n"
    "Reads a report as `dossier add` would and prints, as JSON, each number or\n"
    "vague quantity (\"dozens\") outside dates, with its qualifier, value, low\n"
    "and high under data/quantity_policy.tsv, what it counts (people, weapons,\n"
    "places, money, ...), and for people the role: killed, injured, abducted,\n"
    "detained or displaced.\n"
    "\n"
    "Options:\n"
    "  --published DATE     publication date, for the dates that are skipped\n";

static int print_kind(const char *path, const ds_date *published, ds_date_order order,
                      const char *kind)
{
    ds_document d;
    if (cli_read_document(path, &d) != EXIT_OK)
        return EXIT_FAIL;
    if (published)
        d.published = *published;
    ds_error err = {0};
    ds_times *t = NULL;
    ds_quantities *q = NULL;
    int rc = EXIT_FAIL;
    if (ds_times_new(&t, &err) != DS_OK || ds_quantities_new(&q, &err) != DS_OK ||
        ds_tq_annotate(t, q, &d, order, &err) != DS_OK) {
        cli_error("%s: %s", path, err.msg);
        goto done;
    }
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(path));
    json_object_set_new(root, "published",
                        d.published.precision ? json_pack("{s:s,s:s,s:s}", "start",
                                                          d.published.start, "end",
                                                          d.published.end, "precision",
                                                          ds_precision_name(d.published.precision))
                                              : json_null());
    json_t *arr = json_array();
    for (size_t i = 0; i < d.n_mentions; i++) {
        if (strcmp(d.mentions[i].kind, kind) != 0)
            continue;
        json_t *o = json_loads(d.mentions[i].value, 0, NULL);
        if (o)
            json_array_append_new(arr, o);
    }
    json_object_set_new(root, "mentions", arr);
    json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(root);
    rc = EXIT_OK;
done:
    ds_quantities_free(q);
    ds_times_free(t);
    ds_document_free(&d);
    return rc;
}

static int run(int argc, char **argv, const char *usage, const char *kind)
{
    static const struct option opts[] = {
        {"published", required_argument, NULL, 'p'},
        {"date-order", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    ds_date published;
    bool have_published = false;
    ds_date_order order = DS_ORDER_UNKNOWN;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(usage, NULL);
        if (c == 'p') {
            if (ds_date_parse_iso(optarg, DS_PREC_NONE, &published) != DS_OK)
                return cli_usage(usage, "--published takes YYYY-MM-DD, YYYY-MM or YYYY");
            have_published = true;
        } else if (c == 'o') {
            if (strcmp(optarg, "dmy") == 0)
                order = DS_ORDER_DMY;
            else if (strcmp(optarg, "mdy") == 0)
                order = DS_ORDER_MDY;
            else
                return cli_usage(usage, "--date-order takes dmy or mdy");
        } else {
            return cli_usage(usage, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage(usage, "give one FILE, or - for stdin");
    return print_kind(argv[optind], have_published ? &published : NULL, order, kind);
}

int cmd_times(cli_globals *g, int argc, char **argv)
{
    (void)g;
    return run(argc, argv, times_usage, "time");
}

int cmd_numbers(cli_globals *g, int argc, char **argv)
{
    (void)g;
    return run(argc, argv, numbers_usage, "number");
}
