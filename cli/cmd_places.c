/* cmd_places.c: `dossier places` — the place recognizer on one file, as JSON. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "add/add.h"
#include "cli.h"
#include "recognize/places_json.h"

static const char usage_text[] =
    "usage: dossier places [--country CC] [--gazetteer FILE] FILE|-\n"
    "\n"
    "Reads a report (txt, md, html, pdf; - reads text from stdin) as `dossier add`\n"
    "would, finds the places it names and resolves each to a gazetteer entry.\n"
    "Prints JSON: each mention with its byte span in the normalized text, the\n"
    "text, geonameid, name, country, admin1, admin2, lat, lon, feature code,\n"
    "precision (town, area, admin2, admin1, country), ACLED geo precision (1-3),\n"
    "confidence, alternatives, the stated parent, any warning, and the compass\n"
    "part (\"north\", \"south-west\", \"centre\") that lat and lon locate for\n"
    "\"northern Syria\" or \"the eastern countryside of Homs\".\n"
    "\n"
    "Options:\n"
    "  --country CC      the document's country (ISO code); default: inferred\n"
    "  --gazetteer FILE  index to use (default $DOSSIER_GAZETTEER or the one\n"
    "                    `dossier gazetteer build` wrote)\n";

static int run(const char *path, const char *country, const ds_gazetteer *gz,
               const ds_places *pr)
{
    ds_document d;
    if (cli_read_document(path, &d) != EXIT_OK)
        return EXIT_FAIL;
    ds_error err = {0};
    int rc = EXIT_OK;
    if (ds_places_annotate(pr, gz, &d, country, &err) != DS_OK) {
        cli_error("%s: %s", path, err.msg);
        rc = EXIT_FAIL;
    } else {
        json_t *root = json_object();
        json_object_set_new(root, "file", json_string(path));
        json_t *arr = json_array();
        for (size_t i = 0; i < d.n_mentions; i++)
            json_array_append_new(arr, json_loads(d.mentions[i].value, 0, NULL));
        json_object_set_new(root, "mentions", arr);
        json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
        fputc('\n', stdout);
        json_decref(root);
    }
    ds_document_free(&d);
    return rc;
}

int cmd_places(cli_globals *g, int argc, char **argv)
{
    (void)g;
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'c'}, {"gazetteer", required_argument, NULL, 'G'},
        {"help", no_argument, NULL, 'h'}, {0},
    };
    const char *country = NULL, *path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(usage_text, NULL);
        if (c == 'c')
            country = optarg;
        else if (c == 'G')
            path = optarg;
        else
            return cli_usage(usage_text, "unknown option");
    }
    if (optind + 1 != argc)
        return cli_usage(usage_text, "places: give one FILE, or - for stdin");
    if (country && (strlen(country) != 2 || !((country[0] | 0x20) >= 'a' && (country[0] | 0x20) <= 'z')))
        return cli_usage(usage_text, "places: --country takes a two-letter ISO code");
    ds_error err = {0};
    ds_gazetteer *gz = cli_open_gazetteer(path);
    if (!gz)
        return EXIT_FAIL;
    ds_places *pr;
    if (ds_places_new(&pr, gz, &err) != DS_OK) {
        cli_error("%s", err.msg);
        ds_gazetteer_close(gz);
        return EXIT_FAIL;
    }
    int rc = run(argv[optind], country, gz, pr);
    ds_places_free(pr);
    ds_gazetteer_close(gz);
    return rc;
}
