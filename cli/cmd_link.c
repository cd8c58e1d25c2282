/* cmd_link.c: `dossier link` — every claim in the database linked into
 * incidents again, replacing the previous result in one transaction. */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "link/link.h"

static const char usage_text[] =
    "usage: dossier link [--policy FILE] [-q]\n"
    "\n"
    "Links the claims of every document into incidents: claims of one event\n"
    "across documents become one incident, region-wide episodes become the\n"
    "parents of the town-level incidents they contain, and each incident gets\n"
    "its figures by document, independent origins, status and contradictions\n"
    "(docs/incidents.md).  The previous incidents are replaced at once.\n"
    "\n"
    "Options:\n"
    "  --policy FILE  weights and thresholds (default data/link_policy.tsv)\n"
    "  -q, --quiet    print only errors\n"
    "  --db PATH      the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef struct {
    ds_linker *l;
    ds_error *err;
    ds_status rc;
    size_t done, total;
    bool progress;
} feeder;

static int feed_document(void *ud, const ds_document *d)
{
    feeder *f = ud;
    f->rc = ds_linker_add_document(f->l, d, f->err);
    return f->rc != DS_OK;
}

static int feed_claim(void *ud, const ds_claim_record *c)
{
    feeder *f = ud;
    f->rc = ds_linker_add_claim(f->l, c->id, c->doc_id, c->value, f->err);
    if (f->progress && ++f->done % 10000 == 0)
        fprintf(stderr, "\rreading claims: %zu/%zu", f->done, f->total);
    return f->rc != DS_OK;
}

static void progress(void *ud, const char *phase, size_t done, size_t total)
{
    (void)ud;
    fprintf(stderr, "\rlinking: %s (%zu/%zu claims)   ", phase, done, total);
}

/* Reads every document and claim into the linker and runs it. */
static ds_status run_linker(ds_store *s, ds_linker *l, bool quiet, ds_error *err)
{
    feeder f = {.l = l, .err = err};
    ds_status rc = ds_store_each_document(s, NULL, feed_document, &f, err);
    rc = rc ? rc : f.rc;
    if (rc == DS_OK) {
        f.progress = !quiet && isatty(STDERR_FILENO);
        rc = ds_store_each_claim(s, feed_claim, &f, &f.total, err);
        rc = rc ? rc : f.rc;
        f.progress = f.progress && f.total >= 10000;
    }
    if (rc == DS_OK)
        rc = ds_linker_run(l, f.progress ? progress : NULL, NULL, err);
    if (f.progress)
        fputc('\n', stderr);
    return rc;
}

static void summary(const ds_linker *l)
{
    size_t linked, left, episodes = 0, by_status[3] = {0};
    static const char *const names[] = {"single-source", "corroborated", "contested"};
    ds_linker_totals(l, &linked, &left);
    for (size_t i = 0; i < ds_linker_count(l); i++) {
        const ds_incident_record *r = ds_linker_record(l, i);
        for (int k = 0; k < 3; k++)
            by_status[k] += !strcmp(r->status, names[k]);
        episodes += r->episode;
    }
    printf("linked %zu claims into %zu incidents (%zu episodes; %zu corroborated, %zu "
           "contested, %zu single-source); %zu claims left out (patterns, or neither date "
           "nor place)\n",
           linked, ds_linker_count(l), episodes, by_status[1], by_status[2], by_status[0], left);
}

int cli_link_all(ds_store *s, const char *policy_path, bool quiet)
{
    ds_error err = {0};
    ds_link_policy *policy = NULL;
    ds_registry *registry = NULL;
    ds_linker *l = NULL;
    ds_status rc = ds_link_policy_load(&policy, policy_path, &err);
    if (rc == DS_OK && ds_registry_load(&registry, NULL, &err) != DS_OK) {
        fprintf(stderr, "dossier: warning: %s; attributions are not matched to known "
                        "sources\n", err.msg);
        ds_error_clear(&err);
    }
    if (rc == DS_OK)
        rc = ds_linker_new(&l, policy, registry, &err);
    if (rc == DS_OK)
        rc = run_linker(s, l, quiet, &err);
    const ds_incident_record *first = l ? ds_linker_record(l, 0) : NULL;
    if (rc == DS_OK)
        rc = ds_store_replace_incidents(s, first, l ? ds_linker_count(l) : 0, &err);
    if (rc == DS_OK && !quiet)
        summary(l);
    if (rc)
        cli_error("link: %s", err.msg);
    ds_linker_free(l);
    ds_registry_free(registry);
    ds_link_policy_free(policy);
    return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_link(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"policy", required_argument, NULL, 'p'}, {"quiet", no_argument, NULL, 'q'},
        CLI_DB_OPTION, {0},
    };
    const char *policy = NULL;
    bool quiet = false;
    int c;
    while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'D': g->db = optarg; break;
        case 'p': policy = optarg; break;
        case 'q': quiet = true; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "link takes no arguments");
    ds_store *s = cli_open(g, DS_STORE_WRITE);
    if (!s)
        return EXIT_FAIL;
    int rc = cli_link_all(s, policy, quiet);
    ds_store_close(s);
    return rc;
}
