/* cmd_brief.c: `dossier brief`, a COI-style brief on a topic written from
 * the register, and `dossier brief --check FILE`, which proves one. */
#include <getopt.h>
#include <string.h>

#include "brief/brief.h"
#include "cli.h"

static const char brief_usage[] =
    "usage: dossier brief --about TOPIC [--place P] [--group G] [--from D] [--to D]\n"
    "                     [--format md|html] [--sections place|period] [--style NAME] [-o FILE]\n"
    "       dossier brief --check FILE\n"
    "\n"
    "Writes a brief on TOPIC (an identity group, a place, an actor, or words to\n"
    "search for) from the incidents of the register: a scope block, sections by\n"
    "place (or by month), attributed statements with numbered footnotes, a\n"
    "bibliography, and a closing line for each aspect without material.\n"
    "--check reads a brief written by this command and fails, naming the\n"
    "statement, when a number, date or place in it is not in the evidence\n"
    "sentences of the claims its footnote cites.\n"
    "\n"
    "Options:\n"
    "  --about TOPIC      what the brief is about (required)\n"
    "  --place P          only incidents whose place or division contains P\n"
    "  --group G          only incidents naming this identity group\n"
    "  --from, --to D     only incidents overlapping these dates (YYYY[-MM[-DD]])\n"
    "  --format md|html   Markdown (default) or a standalone HTML page\n"
    "  --sections S       place (first-level division; default) or period (month)\n"
    "  --style NAME       house style data/brief_NAME.tsv (default euaa)\n"
    "  -o FILE            write to FILE instead of standard output\n"
    "  --check FILE       check a brief instead of writing one\n"
    "  --db PATH          the database (default $DOSSIER_DB or ./dossier.db)\n";

enum { O_ABOUT = 256, O_PLACE, O_GROUP, O_FORMAT, O_SECTIONS, O_STYLE, O_CHECK };

static int check(cli_globals *g, const char *path)
{
    char *text;
    size_t len;
    ds_error err = {0};
    if (ds_read_file(path, 64u << 20, &text, &len, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s) {
        ds_free(text);
        return EXIT_FAIL;
    }
    ds_brief_problems p = {0};
    ds_status rc = ds_brief_check(s, text, len, &p, &err);
    ds_store_close(s);
    ds_free(text);
    if (rc != DS_OK) {
        cli_error("%s: %s", path, err.msg);
        ds_brief_problems_free(&p);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < p.n; i++)
        fprintf(stderr, "%s: %s\n", path, p.items[i]);
    printf("%s: %zu statements, %zu numbers, dates and places checked; %zu not found in the "
           "cited evidence\n", path, p.statements, p.values, p.found);
    int code = p.found ? EXIT_FAIL : EXIT_OK;
    ds_brief_problems_free(&p);
    return code;
}

static int write_brief(cli_globals *g, const ds_brief_query *q, const char *out_path)
{
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    ds_buf out;
    ds_buf_init(&out, 256u << 20);
    ds_error err = {0};
    ds_status rc = ds_brief_write(s, q, &out, &err);
    ds_store_close(s);
    return cli_write_result(rc, &err, &out, out_path);
}

int cmd_brief(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"about", required_argument, NULL, O_ABOUT}, {"place", required_argument, NULL, O_PLACE},
        {"group", required_argument, NULL, O_GROUP}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'}, {"format", required_argument, NULL, O_FORMAT},
        {"sections", required_argument, NULL, O_SECTIONS},
        {"style", required_argument, NULL, O_STYLE}, {"check", required_argument, NULL, O_CHECK},
        CLI_DB_OPTION, {0},
    };
    ds_brief_query q = {0};
    const char *out_path = NULL, *check_path = NULL;
    char from[11], to[11];
    int c;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(brief_usage, NULL);
        case 'D': g->db = optarg; break;
        case 'o': out_path = optarg; break;
        case O_ABOUT: q.about = optarg; break;
        case O_PLACE: q.place = optarg; break;
        case O_GROUP: q.group = optarg; break;
        case O_STYLE: q.style = optarg; break;
        case O_CHECK: check_path = optarg; break;
        case 'F':
            if (!cli_parse_bound(optarg, false, from))
                return cli_usage(brief_usage, "--from takes YYYY, YYYY-MM or YYYY-MM-DD");
            q.from = from;
            break;
        case 'T':
            if (!cli_parse_bound(optarg, true, to))
                return cli_usage(brief_usage, "--to takes YYYY, YYYY-MM or YYYY-MM-DD");
            q.to = to;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "md") && strcmp(optarg, "html"))
                return cli_usage(brief_usage, "--format is md or html");
            q.format = !strcmp(optarg, "html") ? DS_BRIEF_HTML : DS_BRIEF_MD;
            break;
        case O_SECTIONS:
            if (strcmp(optarg, "place") && strcmp(optarg, "period"))
                return cli_usage(brief_usage, "--sections is place or period");
            q.sections = !strcmp(optarg, "period") ? DS_BRIEF_BY_PERIOD : DS_BRIEF_BY_PLACE;
            break;
        default: return cli_usage(brief_usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(brief_usage, "brief takes no arguments; see --help");
    if (check_path)
        return check(g, check_path);
    if (!q.about || !*q.about)
        return cli_usage(brief_usage, "--about TOPIC is required");
    return write_brief(g, &q, out_path);
}
