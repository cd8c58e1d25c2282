/* cmd_timeline.c: `dossier timeline`, the register's incidents along time. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "brief/brief.h"
#include "cli.h"

static const char timeline_usage[] =
    "usage: dossier timeline [FILTERS] [--format txt|html|svg] [-o FILE]\n"
    "\n"
    "Draws the incidents along time: one dated to a day is a point, one known\n"
    "only to a week, a month or a range of days is a bar over those days.\n"
    "Each shows its killed figure as the range the documents give.\n"
    "\n"
    "Filters (as for `dossier incidents`):\n"
    "  --type TEXT  --from DATE  --to DATE  --admin1 NAME  --place NAME\n"
    "  --group NAME  --status S  --min-origins N\n"
    "Options:\n"
    "  --format F   txt (default), svg, or html (a page holding the SVG)\n"
    "  -o FILE      write to FILE instead of standard output\n"
    "  --db PATH    the database (default $DOSSIER_DB or ./dossier.db)\n";

enum { O_TYPE = 256, O_ADMIN1, O_PLACE, O_GROUP, O_STATUS, O_MIN, O_FORMAT };

static int parse(cli_globals *g, int argc, char **argv, ds_incident_filter *f, char from[11],
                 char to[11], ds_timeline_format *fmt, const char **out)
{
    static const struct option opts[] = {
        {"type", required_argument, NULL, O_TYPE}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'}, {"admin1", required_argument, NULL, O_ADMIN1},
        {"place", required_argument, NULL, O_PLACE}, {"group", required_argument, NULL, O_GROUP},
        {"status", required_argument, NULL, O_STATUS},
        {"min-origins", required_argument, NULL, O_MIN},
        {"format", required_argument, NULL, O_FORMAT}, CLI_DB_OPTION, {0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': cli_usage(timeline_usage, NULL); return CLI_HELP_SHOWN;
        case 'D': g->db = optarg; break;
        case 'o': *out = optarg; break;
        case O_TYPE: f->type = optarg; break;
        case O_ADMIN1: f->admin1 = optarg; break;
        case O_PLACE: f->place = optarg; break;
        case O_GROUP: f->group = optarg; break;
        case O_STATUS: f->status = optarg; break;
        case O_MIN: f->min_origins = atoi(optarg); break;
        case 'F':
            if (!cli_parse_bound(optarg, false, from))
                return cli_usage(timeline_usage, "--from takes YYYY, YYYY-MM or YYYY-MM-DD");
            f->from = from;
            break;
        case 'T':
            if (!cli_parse_bound(optarg, true, to))
                return cli_usage(timeline_usage, "--to takes YYYY, YYYY-MM or YYYY-MM-DD");
            f->to = to;
            break;
        case O_FORMAT:
            if (!strcmp(optarg, "txt"))
                *fmt = DS_TIMELINE_TXT;
            else if (!strcmp(optarg, "svg"))
                *fmt = DS_TIMELINE_SVG;
            else if (!strcmp(optarg, "html"))
                *fmt = DS_TIMELINE_HTML;
            else
                return cli_usage(timeline_usage, "--format is txt, svg or html");
            break;
        default: return cli_usage(timeline_usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(timeline_usage, "timeline takes no arguments; see --help");
    return EXIT_OK;
}

int cmd_timeline(cli_globals *g, int argc, char **argv)
{
    ds_incident_filter f = {0};
    char from[11], to[11];
    ds_timeline_format fmt = DS_TIMELINE_TXT;
    const char *out_path = NULL;
    int rc = parse(g, argc, argv, &f, from, to, &fmt, &out_path);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    ds_buf out;
    ds_buf_init(&out, 256u << 20);
    ds_error err = {0};
    ds_status st = ds_timeline_write(s, &f, fmt, &out, &err);
    ds_store_close(s);
    return cli_write_result(st, &err, &out, out_path);
}
