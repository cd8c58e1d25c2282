/* cmd_link.c: `dossier link` — every claim in the database linked into
 * incidents again, replacing the previous result in one transaction. */
#include <getopt.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "link/citation.h"
#include "link/link.h"

static const char usage_text[] =
    "usage: dossier link [--policy FILE] [-q]\n"
    "\n"
    "Links the claims of every document into incidents: claims of one event\n"
    "across documents become one incident, region-wide episodes become the\n"
    "parents of the town-level incidents they contain, and each incident gets\n"
    "its figures by document, independent origins, status and contradictions\n"
    "(docs/incidents.md).  Footnotes and reference lists are read into citations\n"
    "first, and a document that cites another does not count as a second origin;\n"
    "every decision of `dossier review` is applied again.  The previous incidents\n"
    "and citations are replaced at once.\n"
    "\n"
    "Options:\n"
    "  --policy FILE  weights and thresholds (default data/link_policy.tsv)\n"
    "  -q, --quiet    print only errors\n"
    "  --db PATH      the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef struct {
    ds_linker *l;
    ds_citer *citer;
    ds_store *s;
    ds_error *err;
    ds_status rc;
    size_t done, total;
    bool progress;
} feeder;

static int feed_document(void *ud, const ds_document *d)
{
    feeder *f = ud;
    f->rc = ds_linker_add_document(f->l, d, f->err);
    if (f->rc == DS_OK)
        f->rc = ds_citer_add_document(f->citer, d, f->err);
    return f->rc != DS_OK;
}

static int feed_note(void *ud, const ds_note_record *n)
{
    feeder *f = ud;
    f->rc = ds_citer_add_note(f->citer, n->doc_id, n->sentence, n->text, n->len, n->footnote,
                              f->err);
    return f->rc != DS_OK;
}

static int feed_warning(void *ud, const ds_place_warning *w)
{
    feeder *f = ud;
    f->rc = ds_linker_add_place_warning(f->l, w->doc_id, w->start, w->end, w->warning, f->err);
    return f->rc != DS_OK;
}

/* The claims a JSON array of claim identities names now (those no longer
 * stored are left out); ds_malloc'd. */
static ds_status claims_of(ds_store *s, const char *keys, int64_t **ids, size_t *n,
                           ds_error *err)
{
    json_t *arr = json_loads(keys ? keys : "[]", 0, NULL);
    *n = 0;
    *ids = ds_malloc((json_array_size(arr) + 1) * sizeof **ids);
    ds_status rc = *ids ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory");
    for (size_t i = 0; rc == DS_OK && i < json_array_size(arr); i++) {
        const char *key = json_string_value(json_array_get(arr, i));
        int64_t id = 0;
        rc = key ? ds_store_claim_by_key(s, key, &id, err) : DS_OK;
        if (id)
            (*ids)[(*n)++] = id;
    }
    json_decref(arr);
    return rc;
}

static int feed_review(void *ud, const ds_review_event *e)
{
    static const char *const actions[] = {"confirm", "reject", "merge", "split", "edit"};
    feeder *f = ud;
    ds_review_decision d = {.field = e->field, .value = e->after};
    size_t k = 0;
    while (k < 5 && strcmp(actions[k], e->action))
        k++;
    if (k == 5)
        return 0;
    d.action = (ds_review_action)k;
    int64_t *claims = NULL, *others = NULL;
    f->rc = claims_of(f->s, e->claims, &claims, &d.n_claims, f->err);
    if (f->rc == DS_OK)
        f->rc = claims_of(f->s, e->others, &others, &d.n_others, f->err);
    d.claims = claims;
    d.others = others;
    if (f->rc == DS_OK && (d.n_claims || d.n_others))
        f->rc = ds_linker_add_decision(f->l, &d, f->err);
    ds_free(claims);
    ds_free(others);
    return f->rc != DS_OK;
}

/* Reads the notes, resolves the cited works, stores them, and declares
 * each resolved one to the linker. */
static ds_status cite(ds_store *s, feeder *f, size_t *found, size_t *resolved, ds_error *err)
{
    ds_status rc = ds_store_each_note(s, feed_note, f, err);
    rc = rc ? rc : f->rc;
    if (rc == DS_OK)
        rc = ds_citer_resolve(f->citer, err);
    size_t n = rc == DS_OK ? ds_citer_count(f->citer) : 0;
    *found = n;
    *resolved = 0;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        const ds_citation *c = ds_citer_at(f->citer, i);
        if (c->to) {
            ++*resolved;
            rc = ds_linker_add_relay(f->l, c->from, c->to, err);
        }
    }
    if (rc == DS_OK)
        rc = ds_store_replace_citations(s, n ? ds_citer_at(f->citer, 0) : NULL, n, err);
    return rc;
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

/* Reads every document, note, review decision and claim into the linker
 * and runs it. */
static ds_status run_linker(ds_store *s, ds_linker *l, ds_citer *citer, bool quiet,
                            size_t cited[2], ds_error *err)
{
    feeder f = {.l = l, .citer = citer, .s = s, .err = err};
    ds_status rc = ds_store_each_document(s, NULL, feed_document, &f, err);
    rc = rc ? rc : f.rc;
    if (rc == DS_OK)
        rc = cite(s, &f, &cited[0], &cited[1], err);
    if (rc == DS_OK) {
        rc = ds_store_each_review(s, feed_review, &f, err);
        rc = rc ? rc : f.rc;
    }
    if (rc == DS_OK) {
        rc = ds_store_each_place_warning(s, feed_warning, &f, err);
        rc = rc ? rc : f.rc;
    }
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

static void summary(const ds_linker *l, const size_t cited[2])
{
    size_t linked, left, rejected, episodes = 0, by_status[3] = {0};
    static const char *const names[] = {"single-source", "corroborated", "contested"};
    ds_linker_totals(l, &linked, &left, &rejected);
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
    printf("%zu cited works, %zu of them documents of the dossier; %zu claims rejected by "
           "review\n", cited[0], cited[1], rejected);
}

int cli_link_all(ds_store *s, const char *policy_path, bool quiet)
{
    ds_error err = {0};
    ds_link_policy *policy = NULL;
    ds_registry *registry = NULL;
    ds_linker *l = NULL;
    ds_times *times = NULL;
    ds_citer *citer = NULL;
    size_t cited[2] = {0, 0};
    ds_status rc = ds_link_policy_load(&policy, policy_path, &err);
    if (rc == DS_OK && ds_registry_load(&registry, NULL, &err) != DS_OK) {
        fprintf(stderr, "dossier: warning: %s; attributions are not matched to known "
                        "sources\n", err.msg);
        ds_error_clear(&err);
    }
    if (rc == DS_OK)
        rc = ds_linker_new(&l, policy, registry, &err);
    if (rc == DS_OK)
        rc = ds_times_new(&times, &err);
    if (rc == DS_OK)
        rc = ds_citer_new(&citer, times, policy, &err);
    if (rc == DS_OK)
        rc = run_linker(s, l, citer, quiet, cited, &err);
    const ds_incident_record *first = l ? ds_linker_record(l, 0) : NULL;
    if (rc == DS_OK)
        rc = ds_store_replace_incidents(s, first, l ? ds_linker_count(l) : 0, &err);
    if (rc == DS_OK && !quiet)
        summary(l, cited);
    if (rc)
        cli_error("link: %s", err.msg);
    ds_citer_free(citer);
    ds_times_free(times);
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
