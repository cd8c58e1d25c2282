/* cmd_show.c: `dossier show INCIDENT` — one incident with its evidence. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier show [--json] INCIDENT\n"
    "\n"
    "Shows one incident (i7 or 7): its date, place, actors and groups, its\n"
    "figures by document, its independent origins, its contradictions, the\n"
    "incidents it contains when it is an episode, and the sentence of every\n"
    "claim it holds.\n"
    "\n"
    "Options:\n"
    "  --json      print the incident's JSON object (as in `export`) instead\n"
    "  --db PATH   the database (default $DOSSIER_DB or ./dossier.db)\n";

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void print_header(json_t *inc, const ds_incident_record *r)
{
    printf("i%lld  %s / %s%s", (long long)r->id, str(inc, "event_type"),
           str(inc, "sub_event_type"), r->episode ? "  (episode)" : "");
    if (r->parent)
        printf("  part of i%lld", (long long)r->parent);
    json_t *d = json_object_get(inc, "date"), *loc = json_object_get(inc, "location");
    printf("\ndate      %s", json_is_object(d) ? str(d, "start") : "unknown");
    if (json_is_object(d) && strcmp(str(d, "start"), str(d, "end")))
        printf(" .. %s", str(d, "end"));
    if (json_is_object(d))
        printf(" (%s)", str(d, "precision"));
    printf("\nplace     %s", json_is_object(loc) ? str(loc, "name") : "unknown");
    if (json_is_object(loc))
        printf(", %s, %s (%s)", str(loc, "admin1")[0] ? str(loc, "admin1") : "-",
               str(loc, "country"), str(loc, "precision"));
    json_t *v;
    size_t i;
    printf("\ngroups    %s", json_array_size(json_object_get(inc, "groups")) ? "" : "-");
    json_array_foreach(json_object_get(inc, "groups"), i, v)
        printf("%s%s", i ? ", " : "", json_string_value(v));
    printf("\nactors    %s", json_array_size(json_object_get(inc, "actors")) ? "" : "-");
    json_array_foreach(json_object_get(inc, "actors"), i, v)
        printf("%s%s: %s", i ? "; " : "", str(v, "role"), str(v, "name"));
    printf("\nstatus    %s: %d documents, %d independent origins (", r->status, r->documents,
           r->origins);
    json_array_foreach(json_object_get(inc, "origins"), i, v)
        printf("%s%s", i ? "; " : "", json_string_value(v));
    printf(")\n");
}

static void print_figures(json_t *inc)
{
    json_t *figs = json_object_get(inc, "figures");
    if (!json_object_size(figs))
        return;
    printf("figures\n");
    const char *role;
    json_t *f;
    json_object_foreach(figs, role, f)
    {
        printf("  %-10s %g-%g (best %g)\n", role, json_number_value(json_object_get(f, "low")),
               json_number_value(json_object_get(f, "high")),
               json_number_value(json_object_get(f, "best")));
        json_t *rep;
        size_t i;
        json_array_foreach(json_object_get(f, "reports"), i, rep)
            printf("    %-6s %-28s (%s)\n", str(rep, "document"), str(rep, "text"),
                   str(rep, "claim"));
    }
}

static void print_evidence(json_t *inc)
{
    json_t *v;
    size_t i;
    if (json_array_size(json_object_get(inc, "contradictions")))
        printf("contradictions\n");
    json_array_foreach(json_object_get(inc, "contradictions"), i, v)
        printf("  - %s\n", json_string_value(v));
    printf("evidence\n");
    json_array_foreach(json_object_get(inc, "claims"), i, v)
    {
        json_t *d = json_object_get(v, "date"), *loc = json_object_get(v, "location");
        printf("  %s %s [%s; %s; %s]%s%s\n    ", str(v, "id"), str(v, "document"),
               str(v, "sub_event_type"), json_is_object(d) ? str(d, "start") : "undated",
               json_is_object(loc) ? str(loc, "name") : "no place",
               json_is_string(json_object_get(v, "attributed_to")) ? " according to " : "",
               str(v, "attributed_to"));
        const char *s = str(v, "sentence");
        cli_print_span(s, 0, strlen(s));
    }
}

static int show_json(void *ud, const ds_incident_record *r)
{
    (void)ud;
    puts(r->value);
    return 0;
}

static int show_one(void *ud, const ds_incident_record *r)
{
    json_t *inc = json_loads(r->value, 0, NULL);
    if (!inc) {
        *(bool *)ud = true;
        return 1;
    }
    print_header(inc, r);
    print_figures(inc);
    print_evidence(inc);
    json_decref(inc);
    return 0;
}

typedef struct {
    int64_t parent;
    size_t n;
} children;

static int print_child(void *ud, const ds_incident_record *r)
{
    children *c = ud;
    if (r->parent != c->parent)
        return 0;
    printf("%s i%lld %s %s", c->n++ ? "," : "contains", (long long)r->id,
           r->date_start ? r->date_start : "undated", r->place ? r->place : "");
    return 0;
}

int cmd_show(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, CLI_DB_OPTION, {0}};
    bool as_json = false;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'D': g->db = optarg; break;
        case 'j': as_json = true; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage(usage_text, "show takes one incident (i7 or 7)");
    const char *arg = argv[optind];
    char *end;
    long long id = strtoll(arg + (*arg == 'i' || *arg == 'I'), &end, 10);
    if (*end || id <= 0)
        return cli_usage(usage_text, "an incident is written i7 or 7");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    ds_error err = {0};
    bool bad = false;
    ds_status rc = ds_store_get_incident(s, id, as_json ? show_json : show_one, &bad, &err);
    children ch = {.parent = id};
    if (rc == DS_OK && !bad && !as_json)
        rc = ds_store_each_incident(s, NULL, print_child, &ch, &err);
    if (ch.n)
        putchar('\n');
    ds_store_close(s);
    if (rc || bad) {
        cli_error("show: %s", bad ? "the stored incident is not valid JSON" : err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
