/* cmd_review.c: `dossier review` — human decisions on claims and
 * incidents, kept in an append-only log and applied again by every link
 * (docs/incidents.md, "Review"). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "link/link.h"

static const char usage_text[] =
    "usage: dossier review confirm|reject CLAIM [--why TEXT]\n"
    "       dossier review merge INCIDENT INCIDENT [--why TEXT]\n"
    "       dossier review split INCIDENT CLAIM... [--why TEXT]\n"
    "       dossier review edit INCIDENT FIELD VALUE --why TEXT\n"
    "       dossier review log [INCIDENT]\n"
    "\n"
    "Records a decision in the review log and links again, so that the register\n"
    "shows it.  Every later `dossier link` (and `add`) applies every decision\n"
    "again: rejected claims stay out, merged incidents stay merged, split claims\n"
    "stay apart, edited fields keep their values.  Claims are c12, incidents i3\n"
    "(as `incidents` and `show` print them); the log names claims by their\n"
    "document and span, so decisions outlive renumbering.  FIELD is event_type,\n"
    "sub_event_type, date (YYYY-MM-DD, YYYY-MM or START/END), place, admin1 or\n"
    "status.  The log is append-only; `review log` prints it, or the events\n"
    "about one incident's claims.\n"
    "\n"
    "Options:\n"
    "  --why TEXT   the reason (required for edit)\n"
    "  --user NAME  who decides (default $USER)\n"
    "  --no-link    record only; the register changes at the next link\n"
    "  --db PATH    the database (default $DOSSIER_DB or ./dossier.db)\n";

typedef struct {
    const char *why, *user;
    bool no_link;
} review_opts;

/* Records one decision, given as the request ds_review_request reads,
 * prints the event and links again (unless --no-link). */
static int decide(ds_store *s, const review_opts *o, json_t *req)
{
    if (o->why)
        json_object_set_new(req, "why", json_string(o->why));
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    ds_buf out;
    ds_buf_init(&out, 1 << 16);
    ds_error err = {0};
    ds_status rc = body ? ds_review_request(s, body, strlen(body), o->user, &out, &err)
                        : ds_error_set(&err, DS_ENOMEM, "out of memory");
    free(body); /* jansson allocates with malloc */
    json_t *ev = rc == DS_OK ? json_loads(out.p, 0, NULL) : NULL;
    ds_buf_free(&out);
    if (rc != DS_OK) {
        cli_error("review: %s", err.msg);
        return EXIT_FAIL;
    }
    printf("review event %lld: %s %s\n", (long long)json_integer_value(json_object_get(ev, "event")),
           json_string_value(json_object_get(ev, "action")),
           json_string_value(json_object_get(ev, "target")));
    json_decref(ev);
    return o->no_link ? EXIT_OK : cli_link_all(s, NULL, true);
}

/* The request of one action from its command-line arguments; NULL (with
 * the usage shown) when they do not fit it. */
static json_t *request(const char *action, char **args, int n)
{
    json_t *req = json_pack("{s:s}", "action", action), *list = NULL;
    if (!strcmp(action, "confirm") || !strcmp(action, "reject")) {
        if (n != 1)
            goto usage;
        json_object_set_new(req, "claim", json_string(args[0]));
    } else if (!strcmp(action, "merge")) {
        if (n != 2)
            goto usage;
        json_object_set_new(req, "incidents", json_pack("[s,s]", args[0], args[1]));
    } else if (!strcmp(action, "split")) {
        if (n < 2)
            goto usage;
        json_object_set_new(req, "incident", json_string(args[0]));
        list = json_array();
        for (int i = 1; i < n; i++)
            json_array_append_new(list, json_string(args[i]));
        json_object_set_new(req, "claims", list);
    } else {
        if (n != 3)
            goto usage;
        json_object_set_new(req, "incident", json_string(args[0]));
        json_object_set_new(req, "field", json_string(args[1]));
        json_object_set_new(req, "value", json_string(args[2]));
    }
    return req;
usage:
    json_decref(req);
    cli_usage(usage_text, "confirm and reject take a claim (c12), merge two incidents (i3 i5), "
                          "split an incident and its claims (i3 c12 c13), edit an incident, a "
                          "field and a value");
    return NULL;
}

/* The log, or the events naming one of an incident's claims. */
typedef struct {
    json_t *only; /* claim identities, or NULL for every event */
    size_t shown;
} log_state;

static bool names_any(const char *keys, json_t *only)
{
    json_t *arr = json_loads(keys ? keys : "[]", 0, NULL), *k, *o;
    size_t i, j;
    bool found = false;
    json_array_foreach(arr, i, k)
        json_array_foreach(only, j, o)
            found |= json_equal(k, o);
    json_decref(arr);
    return found;
}

static int print_event(void *ud, const ds_review_event *e)
{
    log_state *st = ud;
    if (st->only && !names_any(e->claims, st->only) && !names_any(e->others, st->only))
        return 0;
    printf("#%lld  %s  %s  %s %s", (long long)e->id, e->at, e->user, e->action, e->target);
    if (e->field)
        printf("  %s: %s -> %s", e->field, e->before ? e->before : "(none)",
               e->after ? e->after : "");
    printf("%s%s\n", e->why ? "  why: " : "", e->why ? e->why : "");
    st->shown++;
    return 0;
}

/* The identities of an incident's claims, as the log names them. */
static ds_status claim_keys(ds_store *s, int64_t incident, json_t *arr, ds_error *err)
{
    int64_t *ids;
    size_t n;
    ds_status rc = ds_store_incident_claims(s, incident, &ids, &n, err);
    if (rc != DS_OK)
        return rc;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        char key[160];
        rc = ds_store_claim_key(s, ids[i], key, sizeof key, err);
        if (rc == DS_OK)
            json_array_append_new(arr, json_string(key));
    }
    ds_free(ids);
    return rc;
}

static int show_log(ds_store *s, char **args, int n)
{
    long long incident = 0;
    char *end = NULL;
    if (n == 1 && args[0][0] == 'i')
        incident = strtoll(args[0] + 1, &end, 10);
    if (n > 1 || (n == 1 && (incident <= 0 || *end)))
        return cli_usage(usage_text, "log takes at most one incident (i3)");
    ds_error err = {0};
    log_state st = {0};
    ds_status rc = DS_OK;
    if (incident) {
        st.only = json_array();
        rc = claim_keys(s, incident, st.only, &err);
    }
    if (rc == DS_OK)
        rc = ds_store_each_review(s, print_event, &st, &err);
    json_decref(st.only);
    if (rc) {
        cli_error("review log: %s", err.msg);
        return EXIT_FAIL;
    }
    if (!st.shown)
        printf("no review events%s\n", incident ? " about this incident's claims" : "");
    return EXIT_OK;
}

int cmd_review(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"why", required_argument, NULL, 'w'}, {"user", required_argument, NULL, 'u'},
        {"no-link", no_argument, NULL, 'n'}, CLI_DB_OPTION, {0},
    };
    review_opts o = {.user = getenv("USER")};
    int c;
    /* GNU getopt moves the options after the arguments to the front. */
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'D': g->db = optarg; break;
        case 'w': o.why = optarg; break;
        case 'u': o.user = optarg; break;
        case 'n': o.no_link = true; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage(usage_text, "review needs an action");
    const char *action = argv[optind];
    char **rest = argv + optind + 1;
    int n = argc - optind - 1;
    if (!o.user || !*o.user)
        o.user = "unknown";
    bool is_log = !strcmp(action, "log");
    bool known = is_log || !strcmp(action, "confirm") || !strcmp(action, "reject") ||
                 !strcmp(action, "merge") || !strcmp(action, "split") || !strcmp(action, "edit");
    if (!known)
        return cli_usage(usage_text, "the actions are confirm, reject, merge, split, edit, log");
    if (!strcmp(action, "edit") && !o.why)
        return cli_usage(usage_text, "edit needs --why TEXT");
    ds_store *s = cli_open(g, is_log ? DS_STORE_READ : DS_STORE_WRITE);
    if (!s)
        return EXIT_FAIL;
    json_t *req = is_log ? NULL : request(action, rest, n);
    int rc = is_log ? show_log(s, rest, n) : req ? decide(s, &o, req) : EXIT_USAGE;
    ds_store_close(s);
    return rc;
}
