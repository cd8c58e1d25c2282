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

static bool parse_id(const char *s, char prefix, int64_t *id)
{
    if (*s == prefix || *s == prefix - 32)
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return false;
    *id = v;
    return true;
}

/* Appends the identity of claim id to arr. */
static ds_status add_key(ds_store *s, int64_t id, json_t *arr, ds_error *err)
{
    char key[160];
    ds_status rc = ds_store_claim_key(s, id, key, sizeof key, err);
    if (rc == DS_OK)
        json_array_append_new(arr, json_string(key));
    return rc;
}

/* The identities of an incident's claims, or of those not in skip. */
static ds_status incident_keys(ds_store *s, int64_t incident, const int64_t *skip, size_t n_skip,
                               json_t *arr, size_t *kept, ds_error *err)
{
    int64_t *ids;
    size_t n;
    ds_status rc = ds_store_incident_claims(s, incident, &ids, &n, err);
    *kept = 0;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        bool skipped = false;
        for (size_t k = 0; k < n_skip; k++)
            skipped |= skip[k] == ids[i];
        if (!skipped) {
            rc = add_key(s, ids[i], arr, err);
            ++*kept;
        }
    }
    ds_free(ids);
    return rc;
}

/* Records e with its claim lists and links again unless told not to. */
static int record(ds_store *s, const review_opts *o, ds_review_event *e, json_t *claims,
                  json_t *others)
{
    char *c = json_dumps(claims, JSON_COMPACT), *x = json_dumps(others, JSON_COMPACT);
    e->claims = c;
    e->others = x;
    e->user = o->user;
    e->why = o->why;
    ds_error err = {0};
    ds_status rc = c && x ? ds_store_add_review(s, e, &err)
                          : ds_error_set(&err, DS_ENOMEM, "out of memory");
    free(c);
    free(x);
    if (rc) {
        cli_error("review: %s", err.msg);
        return EXIT_FAIL;
    }
    printf("review event %lld: %s %s\n", (long long)e->id, e->action, e->target);
    return o->no_link ? EXIT_OK : cli_link_all(s, NULL, true);
}

static int claim_decision(ds_store *s, const review_opts *o, const char *action, char **args,
                          int n)
{
    int64_t id;
    if (n != 1 || !parse_id(args[0], 'c', &id))
        return cli_usage(usage_text, "confirm and reject take one claim (c12)");
    ds_error err = {0};
    json_t *claims = json_array(), *others = json_array();
    int rc = EXIT_FAIL;
    if (add_key(s, id, claims, &err) == DS_OK) {
        ds_review_event e = {.action = action, .target = args[0],
                             .after = !strcmp(action, "reject") ? "rejected" : "confirmed"};
        rc = record(s, o, &e, claims, others);
    } else {
        cli_error("review: %s", err.msg);
    }
    json_decref(claims);
    json_decref(others);
    return rc;
}

static int merge(ds_store *s, const review_opts *o, char **args, int n)
{
    int64_t a, b;
    if (n != 2 || !parse_id(args[0], 'i', &a) || !parse_id(args[1], 'i', &b) || a == b)
        return cli_usage(usage_text, "merge takes two incidents (i3 i5)");
    ds_error err = {0};
    json_t *claims = json_array(), *others = json_array();
    size_t na, nb;
    ds_status st = incident_keys(s, a, NULL, 0, claims, &na, &err);
    if (st == DS_OK)
        st = incident_keys(s, b, NULL, 0, others, &nb, &err);
    char target[64];
    snprintf(target, sizeof target, "i%lld i%lld", (long long)a, (long long)b);
    ds_review_event e = {.action = "merge", .target = target};
    int rc = st == DS_OK ? record(s, o, &e, claims, others) : EXIT_FAIL;
    if (st)
        cli_error("review: %s", err.msg);
    json_decref(claims);
    json_decref(others);
    return rc;
}

static int split(ds_store *s, const review_opts *o, char **args, int n)
{
    int64_t incident, *ids = ds_calloc((size_t)n + 1, sizeof *ids);
    if (!ids || n < 2 || !parse_id(args[0], 'i', &incident)) {
        ds_free(ids);
        return cli_usage(usage_text, "split takes an incident and its claims (i3 c12 c13)");
    }
    for (int i = 1; i < n; i++)
        if (!parse_id(args[i], 'c', &ids[i - 1])) {
            ds_free(ids);
            return cli_usage(usage_text, "split: claims are written c12");
        }
    ds_error err = {0};
    json_t *claims = json_array(), *others = json_array();
    size_t left = 0, all = 0;
    ds_status st = incident_keys(s, incident, ids, (size_t)n - 1, others, &left, &err);
    json_t *every = json_array();
    if (st == DS_OK)
        st = incident_keys(s, incident, NULL, 0, every, &all, &err);
    json_decref(every);
    if (st == DS_OK && (all - left != (size_t)n - 1 || !left))
        st = ds_error_set(&err, DS_EINVAL, "split: the claims must be some, not all, of %s's",
                          args[0]);
    for (int i = 0; st == DS_OK && i < n - 1; i++)
        st = add_key(s, ids[i], claims, &err);
    char target[256];
    snprintf(target, sizeof target, "%s (%d claims apart)", args[0], n - 1);
    ds_review_event e = {.action = "split", .target = target};
    int rc = st == DS_OK ? record(s, o, &e, claims, others) : EXIT_FAIL;
    if (st)
        cli_error("review: %s", err.msg);
    ds_free(ids);
    json_decref(claims);
    json_decref(others);
    return rc;
}

static int keep_json(void *ud, const ds_incident_record *r)
{
    *(json_t **)ud = json_loads(r->value, 0, NULL);
    return 0;
}

/* The field's value in the incident as stored, for the log's "before". */
static char *current_value(json_t *inc, const char *field)
{
    json_t *v = !strcmp(field, "place")    ? json_object_get(json_object_get(inc, "location"), "name")
                : !strcmp(field, "admin1") ? json_object_get(json_object_get(inc, "location"), "admin1")
                                           : json_object_get(inc, field);
    if (!strcmp(field, "date") && json_is_object(v)) {
        const char *a = json_string_value(json_object_get(v, "start"));
        const char *b = json_string_value(json_object_get(v, "end"));
        char buf[32];
        snprintf(buf, sizeof buf, "%s/%s", a ? a : "", b ? b : "");
        return ds_strdup(a && b && strcmp(a, b) ? buf : a ? a : "");
    }
    return json_is_string(v) ? ds_strdup(json_string_value(v)) : NULL;
}

static int edit(ds_store *s, const review_opts *o, char **args, int n)
{
    int64_t incident;
    if (n != 3 || !parse_id(args[0], 'i', &incident))
        return cli_usage(usage_text, "edit takes an incident, a field and a value");
    if (!o->why)
        return cli_usage(usage_text, "edit needs --why TEXT");
    ds_error err = {0};
    ds_status st = ds_review_check_edit(args[1], args[2], &err);
    json_t *inc = NULL, *claims = json_array(), *others = json_array();
    if (st == DS_OK)
        st = ds_store_get_incident(s, incident, keep_json, &inc, &err);
    size_t kept;
    if (st == DS_OK)
        st = incident_keys(s, incident, NULL, 0, claims, &kept, &err);
    char *before = st == DS_OK && inc ? current_value(inc, args[1]) : NULL;
    ds_review_event e = {.action = "edit", .target = args[0], .field = args[1],
                         .before = before, .after = args[2]};
    int rc = st == DS_OK ? record(s, o, &e, claims, others) : EXIT_FAIL;
    if (st)
        cli_error("review: %s", err.msg);
    ds_free(before);
    json_decref(inc);
    json_decref(claims);
    json_decref(others);
    return rc;
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

static int show_log(ds_store *s, char **args, int n)
{
    int64_t incident = 0;
    if (n > 1 || (n == 1 && !parse_id(args[0], 'i', &incident)))
        return cli_usage(usage_text, "log takes at most one incident (i3)");
    ds_error err = {0};
    log_state st = {0};
    size_t kept;
    ds_status rc = DS_OK;
    if (incident) {
        st.only = json_array();
        rc = incident_keys(s, incident, NULL, 0, st.only, &kept, &err);
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
    ds_store *s = cli_open(g, is_log ? DS_STORE_READ : DS_STORE_WRITE);
    if (!s)
        return EXIT_FAIL;
    int rc = is_log                      ? show_log(s, rest, n)
             : !strcmp(action, "merge")  ? merge(s, &o, rest, n)
             : !strcmp(action, "split")  ? split(s, &o, rest, n)
             : !strcmp(action, "edit")   ? edit(s, &o, rest, n)
                                         : claim_decision(s, &o, action, rest, n);
    ds_store_close(s);
    return rc;
}
