/* cmd_incidents.c: `dossier incidents` (the register as a table) and
 * `dossier show INCIDENT` (one incident with its evidence). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char incidents_usage[] =
    "usage: dossier incidents [FILTERS]\n"
    "\n"
    "Lists the incidents `dossier link` found, one per line: id, parent episode,\n"
    "date, event type, place, killed (low-high across documents), documents,\n"
    "independent origins and status.\n"
    "\n"
    "Filters:\n"
    "  --type TEXT        event type or sub-type containing TEXT (\"Attack\")\n"
    "  --from DATE        incidents that end on or after DATE (YYYY[-MM[-DD]])\n"
    "  --to DATE          incidents that start on or before DATE\n"
    "  --admin1 NAME      first-level division containing NAME\n"
    "  --place NAME       place name containing NAME\n"
    "  --group NAME       incidents whose claims name this identity group (the\n"
    "                     whole name, in any case: Alawite, alawite)\n"
    "  --actor NAME       incidents with an actor (perpetrator or target) whose\n"
    "                     name contains NAME\n"
    "  --status S         single-source, corroborated or contested\n"
    "  --min-origins N    at least N independent origins\n"
    "  --db PATH          the database (default $DOSSIER_DB or ./dossier.db)\n";

/* "600-1500", "31", or "-" from the incident's killed figure. */
static const char *killed_text(json_t *inc, char *buf, size_t size)
{
    json_t *k = json_object_get(json_object_get(inc, "figures"), "killed");
    if (!k)
        return "-";
    double lo = json_number_value(json_object_get(k, "low"));
    double hi = json_number_value(json_object_get(k, "high"));
    if (lo == hi)
        snprintf(buf, size, "%g", lo);
    else
        snprintf(buf, size, "%g-%g", lo, hi);
    return buf;
}

/* Prints s in a column of `width` characters (not bytes), cut at a
 * character boundary, then a space. */
static void cell(const char *s, size_t width)
{
    size_t chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (chars == width)
            break;
        chars++;
    }
    printf("%.*s%*s ", (int)i, s, (int)(width - chars), "");
}

static int print_incident_row(void *ud, const ds_incident_record *r)
{
    size_t *count = ud;
    json_t *inc = json_loads(r->value, 0, NULL);
    char id[24], parent[24] = "-", date[24] = "-", type[96], place[96] = "-", killed[48];
    snprintf(id, sizeof id, "i%lld", (long long)r->id);
    if (r->parent)
        snprintf(parent, sizeof parent, "i%lld", (long long)r->parent);
    if (r->date_start)
        snprintf(date, sizeof date, "%.10s%s%.10s", r->date_start,
                 strcmp(r->date_start, r->date_end) ? ".." : "",
                 strcmp(r->date_start, r->date_end) ? r->date_end : "");
    snprintf(type, sizeof type, "%s%s%s", r->event_type ? r->event_type : "-",
             r->sub_event_type ? " / " : "", r->sub_event_type ? r->sub_event_type : "");
    if (r->place)
        snprintf(place, sizeof place, "%s%s%s%s", r->place, r->admin1 ? " (" : "",
                 r->admin1 ? r->admin1 : "", r->admin1 ? ")" : "");
    const char *cells[] = {id, parent, date, type, place,
                           killed_text(inc, killed, sizeof killed)};
    static const size_t widths[] = {6, 6, 22, 44, 30, 10};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        cell(cells[i], widths[i]);
    printf("%4d %4d  %s%s\n", r->documents, r->origins, r->status,
           r->episode ? " (episode)" : "");
    json_decref(inc);
    (*count)++;
    return 0;
}

int cmd_incidents(cli_globals *g, int argc, char **argv)
{
    enum { O_TYPE = 256, O_ADMIN1, O_PLACE, O_GROUP, O_STATUS, O_MIN, O_ACTOR };
    static const struct option opts[] = {
        {"type", required_argument, NULL, O_TYPE}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'}, {"admin1", required_argument, NULL, O_ADMIN1},
        {"place", required_argument, NULL, O_PLACE}, {"group", required_argument, NULL, O_GROUP},
        {"status", required_argument, NULL, O_STATUS}, {"actor", required_argument, NULL, O_ACTOR},
        {"min-origins", required_argument, NULL, O_MIN}, CLI_DB_OPTION, {0},
    };
    ds_incident_filter f = {0};
    char from[11], to[11];
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(incidents_usage, NULL);
        case 'D': g->db = optarg; break;
        case O_TYPE: f.type = optarg; break;
        case O_ADMIN1: f.admin1 = optarg; break;
        case O_PLACE: f.place = optarg; break;
        case O_GROUP: f.group = optarg; break;
        case O_ACTOR: f.actor = optarg; break;
        case 'F':
            if (!cli_parse_bound(optarg, false, from))
                return cli_usage(incidents_usage, "--from takes YYYY, YYYY-MM or YYYY-MM-DD");
            f.from = from;
            break;
        case 'T':
            if (!cli_parse_bound(optarg, true, to))
                return cli_usage(incidents_usage, "--to takes YYYY, YYYY-MM or YYYY-MM-DD");
            f.to = to;
            break;
        case O_STATUS:
            if (strcmp(optarg, "single-source") && strcmp(optarg, "corroborated") &&
                strcmp(optarg, "contested"))
                return cli_usage(incidents_usage,
                                 "--status is single-source, corroborated or contested");
            f.status = optarg;
            break;
        case O_MIN:
            f.min_origins = atoi(optarg);
            if (f.min_origins < 1)
                return cli_usage(incidents_usage, "--min-origins takes a number from 1");
            break;
        default: return cli_usage(incidents_usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(incidents_usage, "incidents takes no arguments; see --help");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    size_t count = 0;
    ds_error err = {0};
    printf("%-6s %-6s %-22s %-44s %-30s %-10s %4s %4s  %s\n", "id", "parent", "date",
           "type / sub-type", "place (admin1)", "killed", "docs", "orig", "status");
    ds_status rc = ds_store_each_incident(s, &f, print_incident_row, &count, &err);
    ds_store_close(s);
    if (rc) {
        cli_error("incidents: %s", err.msg);
        return EXIT_FAIL;
    }
    printf("%zu incidents\n", count);
    return EXIT_OK;
}
