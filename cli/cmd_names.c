/* cmd_names.c: `dossier names` — the names of places, actors and groups
 * the stored claims use that are most like a query, with a score, for a
 * name spelt another way ("Tartous" for Tartus). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier names [--kind place|actor|group] [-n N] QUERY\n"
    "\n"
    "Lists the names of places, actors and groups of the stored claims most like\n"
    "QUERY, best first, with a score from 0 to 1: the share of three-letter runs\n"
    "the two names share once lower-cased and stripped of diacritics (as\n"
    "PostgreSQL's pg_trgm measures it).  Names scoring under 0.3 are left out.\n"
    "\n"
    "Options:\n"
    "  --kind KIND    only places, actors or groups\n"
    "  -n, --limit N  at most N names (default 20)\n"
    "  --db PATH      the database (default $DOSSIER_DB or ./dossier.db)\n";

static int print_name(void *ud, const ds_name_hit *h)
{
    (void)ud;
    printf("%.2f\t%s\t%s\n", h->score, h->kind, h->name);
    return 0;
}

int cmd_names(cli_globals *g, int argc, char **argv)
{
    enum { O_KIND = 256 };
    static const struct option opts[] = {
        {"kind", required_argument, NULL, O_KIND}, {"limit", required_argument, NULL, 'n'},
        CLI_DB_OPTION, {0},
    };
    const char *kind = NULL;
    long limit = 20;
    int c;
    while ((c = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        char *end = NULL;
        if (c == 'h')
            return cli_usage(usage_text, NULL);
        if (c == 'D')
            g->db = optarg;
        else if (c == O_KIND)
            kind = optarg;
        else if (c == 'n' && ((limit = strtol(optarg, &end, 10)) < 1 || *end))
            return cli_usage(usage_text, "--limit takes a positive number");
        else if (c != 'n')
            return cli_usage(usage_text, "unknown option");
    }
    if (optind + 1 != argc)
        return cli_usage(usage_text, "names: give one QUERY (quote it when it has spaces)");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    ds_error err = {0};
    ds_status st = ds_store_names(s, kind, argv[optind], (size_t)limit, print_name, NULL, &err);
    ds_store_close(s);
    if (st) {
        cli_error("%s", err.msg);
        return st == DS_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}
