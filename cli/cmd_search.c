/* cmd_search.c: `dossier search` — full-text search over sentences. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier search [OPTIONS] QUERY...\n"
    "\n"
    "Finds sentences containing all the words of QUERY, best matches first, with\n"
    "the matched words marked.  Case and diacritics are ignored (tartus finds\n"
    "Ţarţūs).  \"quoted words\" match a phrase, OR and NOT combine terms, and a\n"
    "trailing * matches a prefix (massac*).\n"
    "\n"
    "Options:\n"
    "  --source NAME   only documents of this publisher (name or alias)\n"
    "  --from DATE     only documents published on or after DATE (YYYY[-MM[-DD]])\n"
    "  --to DATE       only documents published on or before DATE\n"
    "  -n, --limit N   show at most N sentences (default 20)\n"
    "  --offset N      skip the first N sentences\n"
    "  --json          one JSON object per line instead of text\n"
    "  --db PATH       the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef struct {
    bool json;
    size_t shown;
} print_state;

static int print_hit(void *ud, const ds_search_hit *h)
{
    print_state *ps = ud;
    char date[11];
    ps->shown++;
    if (ps->json) {
        char id[32];
        snprintf(id, sizeof id, "d%lld", (long long)h->doc_id);
        json_t *o = json_pack("{s:s, s:I, s:[I,I], s:s, s:s?, s:s?, s:s?, s:s, s:s}",
                              "document", id, "sentence", (json_int_t)h->sentence + 1,
                              "span", (json_int_t)h->start, (json_int_t)h->end,
                              "file", h->file, "title", h->title, "source", h->source,
                              "published", h->published.precision ? cli_date_text(&h->published, date) : NULL,
                              "kind", h->kind, "text", h->snippet ? h->snippet : "");
        char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (line)
            puts(line);
        free(line);
        json_decref(o);
        return 0;
    }
    printf("d%lld s%lld  %s  %s  %s\n    %s\n\n", (long long)h->doc_id, (long long)h->sentence + 1,
           h->published.precision ? cli_date_text(&h->published, date) : "-",
           h->source ? h->source : "-", h->file, h->snippet ? h->snippet : "");
    return 0;
}

static bool parse_count(const char *s, size_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* Joins the query words back into one string, for the query parser. */
static char *join_args(int argc, char **argv)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    for (int i = 0; i < argc; i++) {
        if ((i && ds_buf_putc(&b, ' ')) || ds_buf_puts(&b, argv[i])) {
            ds_buf_free(&b);
            return NULL;
        }
    }
    return ds_buf_steal(&b, NULL);
}

int cmd_search(cli_globals *g, int argc, char **argv)
{
    enum { O_OFFSET = 256, O_JSON };
    static const struct option opts[] = {
        {"source", required_argument, NULL, 'S'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'}, {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, O_OFFSET}, {"json", no_argument, NULL, O_JSON},
        CLI_DB_OPTION, {0},
    };
    ds_search_query q = {.limit = 20};
    char bufs[3][256];
    print_state ps = {0};
    int c, rc;
    while ((c = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(usage_text, NULL);
        if (c == 'D')
            g->db = optarg;
        else if (c == 'n' && !parse_count(optarg, &q.limit))
            return cli_usage(usage_text, "--limit takes a number");
        else if (c == O_OFFSET && !parse_count(optarg, &q.offset))
            return cli_usage(usage_text, "--offset takes a number");
        else if (c == O_JSON)
            ps.json = true;
        else if (c != 'n' && c != O_OFFSET &&
                 (rc = cli_filter_option(c, &q.filter, bufs, usage_text)) != EXIT_OK)
            return rc == -2 ? cli_usage(usage_text, "unknown option") : rc;
    }
    if (optind >= argc)
        return cli_usage(usage_text, "search: no query given");
    char *query = join_args(argc - optind, argv + optind);
    if (!query) {
        cli_error("search query too long");
        return EXIT_USAGE;
    }
    q.query = query;
    bool tty = isatty(STDOUT_FILENO) && !ps.json;
    q.mark_open = ps.json ? "[" : tty ? "\033[1;31m" : "**";
    q.mark_close = ps.json ? "]" : tty ? "\033[0m" : "**";
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s) {
        ds_free(query);
        return EXIT_FAIL;
    }
    size_t total = 0;
    ds_error err = {0};
    ds_status st = ds_store_search(s, &q, print_hit, &ps, &total, &err);
    ds_store_close(s);
    ds_free(query);
    if (st) {
        cli_error("%s", err.msg);
        return st == DS_EINVAL || st == DS_ETOOBIG ? EXIT_USAGE : EXIT_FAIL;
    }
    if (ps.shown < total)
        fprintf(stderr, "%zu matching sentences; showing %zu-%zu (use --limit and --offset)\n",
                total, q.offset + 1, q.offset + ps.shown);
    else
        fprintf(stderr, "%zu matching sentence%s\n", total, total == 1 ? "" : "s");
    return EXIT_OK;
}
