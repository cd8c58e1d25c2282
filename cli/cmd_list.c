/* cmd_list.c: `dossier ls` and `dossier doc`. */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "cli.h"

static const char ls_usage[] =
    "usage: dossier ls [--source NAME] [--from DATE] [--to DATE]\n"
    "\n"
    "Lists the documents in the database: id, publication date, source, title.\n"
    "\n"
    "Options:\n"
    "  --source NAME   only this publisher (a name or alias from data/sources.tsv)\n"
    "  --from DATE     only documents published on or after DATE (YYYY[-MM[-DD]])\n"
    "  --to DATE       only documents published on or before DATE\n"
    "  --db PATH       the database (default $DOSSIER_DB or ./dossier.db)\n";

static const char doc_usage[] =
    "usage: dossier doc [--spans] ID\n"
    "\n"
    "Shows a document's metadata and its numbered sentences.  ID is the number\n"
    "`dossier ls` prints, with or without its leading d (d3 or 3).\n"
    "\n"
    "Options:\n"
    "  --spans     also print each sentence's byte span in the normalized text\n"
    "  --db PATH   the database (default $DOSSIER_DB or ./dossier.db)\n";

/* Parses the filter options shared by ls and search; returns EXIT_OK, a
 * usage error, or -2 when the option is not a filter option. */
int cli_filter_option(int c, ds_doc_filter *f, char bufs[3][256], const char *usage)
{
    switch (c) {
    case 'S':
        f->source = cli_canonical_source(optarg, bufs[0], sizeof bufs[0]);
        return EXIT_OK;
    case 'F':
        if (!cli_parse_bound(optarg, false, bufs[1]))
            return cli_usage(usage, "--from takes YYYY, YYYY-MM or YYYY-MM-DD");
        f->from = bufs[1];
        return EXIT_OK;
    case 'T':
        if (!cli_parse_bound(optarg, true, bufs[2]))
            return cli_usage(usage, "--to takes YYYY, YYYY-MM or YYYY-MM-DD");
        f->to = bufs[2];
        return EXIT_OK;
    default:
        return -2;
    }
}

static int print_row(void *ud, const ds_document *d)
{
    size_t *count = ud;
    char date[11];
    printf("d%-5lld %-10s  %-28.28s  %s\n", (long long)d->id, cli_date_text(&d->published, date),
           d->source ? d->source : "-", d->title ? d->title : d->file);
    (*count)++;
    return 0;
}

int cmd_ls(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"source", required_argument, NULL, 'S'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'}, CLI_DB_OPTION, {0},
    };
    ds_doc_filter f = {0};
    char bufs[3][256];
    int c, rc;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(ls_usage, NULL);
        if (c == 'D')
            g->db = optarg;
        else if ((rc = cli_filter_option(c, &f, bufs, ls_usage)) != EXIT_OK)
            return rc == -2 ? cli_usage(ls_usage, "unknown option") : rc;
    }
    if (optind < argc)
        return cli_usage(ls_usage, "ls takes no arguments");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    size_t count = 0;
    ds_error err = {0};
    rc = ds_store_each_document(s, &f, print_row, &count, &err);
    ds_store_close(s);
    if (rc) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    fprintf(stderr, "%zu document%s\n", count, count == 1 ? "" : "s");
    return EXIT_OK;
}

static void print_field(const char *name, const char *value)
{
    if (value)
        printf("%-10s %s\n", name, value);
}

/* One line per place mention: the text, what it resolved to, and how
 * precisely ("Latakia countryside -> Latakia, Latakia, SY (area)"). */
static void print_places(const ds_document *d)
{
    printf("%-10s %zu\n", "places", ds_document_mention_count(d, "place"));
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ds_mention *m = &d->mentions[i];
        if (strcmp(m->kind, "place") != 0)
            continue;
        json_t *v = json_loads(m->value, 0, NULL);
        const char *name = json_string_value(json_object_get(v, "name"));
        const char *a1 = json_string_value(json_object_get(v, "admin1"));
        const char *cc = json_string_value(json_object_get(v, "country"));
        const char *prec = json_string_value(json_object_get(v, "precision"));
        const char *warn = json_string_value(json_object_get(v, "warning"));
        printf("  [%zu,%zu) %.*s -> %s%s%s%s%s (%s)%s%s\n", m->start, m->end,
               (int)(m->end - m->start), d->text + m->start, name ? name : "?",
               a1 && *a1 ? ", " : "", a1 ? a1 : "", cc ? ", " : "", cc ? cc : "",
               prec ? prec : "unplaced", warn ? "; warning: " : "", warn ? warn : "");
        json_decref(v);
    }
}

/* Dates as "[span) text -> start..end (precision)" and figures as
 * "[span) text -> value (low-high) counts, role". */
static void print_times_numbers(const ds_document *d)
{
    printf("%-10s %zu\n", "dates", ds_document_mention_count(d, "time"));
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ds_mention *m = &d->mentions[i];
        if (strcmp(m->kind, "time") != 0)
            continue;
        json_t *v = json_loads(m->value, 0, NULL);
        const char *st = json_string_value(json_object_get(v, "start"));
        const char *en = json_string_value(json_object_get(v, "end"));
        const char *prec = json_string_value(json_object_get(v, "precision"));
        printf("  [%zu,%zu) %.*s -> %s..%s (%s)\n", m->start, m->end,
               (int)(m->end - m->start), d->text + m->start, st ? st : "?", en ? en : "?",
               prec ? prec : "unresolved");
        json_decref(v);
    }
    printf("%-10s %zu\n", "figures", ds_document_mention_count(d, "number"));
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ds_mention *m = &d->mentions[i];
        if (strcmp(m->kind, "number") != 0)
            continue;
        json_t *v = json_loads(m->value, 0, NULL);
        const char *counts = json_string_value(json_object_get(v, "counts"));
        const char *role = json_string_value(json_object_get(v, "role"));
        printf("  [%zu,%zu) %.*s -> %g%s%s%s%s\n", m->start, m->end,
               (int)(m->end - m->start), d->text + m->start,
               json_number_value(json_object_get(v, "value")), counts ? " " : "",
               counts ? counts : "", role ? ", " : "", role ? role : "");
        json_decref(v);
    }
}

/* One line per claim: "s12 Violence against civilians / Attack, 2025-03-07,
 * Baniyas, killed 14 (at least N); by gunmen; on Alawite; per SOHR", naming
 * the sentence it rests on. */
static void print_claims(const ds_document *d)
{
    printf("%-10s %zu\n", "claims", d->n_claims);
    for (size_t i = 0; i < d->n_claims; i++) {
        json_t *v = json_loads(d->claims[i].value, 0, NULL);
        json_t *date = json_object_get(v, "date"), *loc = json_object_get(v, "location");
        printf("  s%zu %s / %s", d->claims[i].sentence + 1,
               json_string_value(json_object_get(v, "event_type")),
               json_string_value(json_object_get(v, "sub_event_type")));
        const char *st = json_string_value(json_object_get(date, "start"));
        const char *en = json_string_value(json_object_get(date, "end"));
        if (st && en)
            printf(", %s%s%s", st, strcmp(st, en) ? ".." : "", strcmp(st, en) ? en : "");
        const char *place = json_string_value(json_object_get(loc, "name"));
        if (place)
            printf(", %s", place);
        const char *role;
        json_t *k;
        json_object_foreach(json_object_get(v, "counts"), role, k) {
            const char *q = json_string_value(json_object_get(k, "qualifier"));
            printf(", %s %g%s%s%s", role, json_number_value(json_object_get(k, "value")),
                   q ? " (" : "", q ? q : "", q ? ")" : "");
        }
        size_t j;
        json_t *a;
        json_array_foreach(json_object_get(v, "actors"), j, a) {
            bool perp = strcmp(json_string_value(json_object_get(a, "role")), "perpetrator") == 0;
            printf("; %s %s", perp ? "by" : "on", json_string_value(json_object_get(a, "name")));
        }
        const char *by = json_string_value(json_object_get(v, "attributed_to"));
        if (by)
            printf("; per %s", by);
        if (json_is_true(json_object_get(v, "hedged")))
            printf("; hedged");
        if (json_is_true(json_object_get(v, "generic")))
            printf("; a pattern");
        putchar('\n');
        json_decref(v);
    }
}

int cmd_doc(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {{"spans", no_argument, NULL, 's'}, CLI_DB_OPTION, {0}};
    bool spans = false;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(doc_usage, NULL);
        if (c == 'D')
            g->db = optarg;
        else if (c == 's')
            spans = true;
        else
            return cli_usage(doc_usage, "unknown option");
    }
    int64_t id;
    if (optind + 1 != argc || !cli_parse_doc_id(argv[optind], &id))
        return cli_usage(doc_usage, "doc takes one document id, such as d3");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    ds_document d;
    ds_error err = {0};
    ds_status rc = ds_store_get_document(s, id, true, &d, &err);
    ds_store_close(s);
    if (rc) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    char date[11], idbuf[32];
    snprintf(idbuf, sizeof idbuf, "d%lld", (long long)d.id);
    print_field("id", idbuf);
    print_field("file", d.file);
    print_field("format", d.format);
    print_field("title", d.title);
    print_field("author", d.author);
    print_field("source", d.source);
    print_field("kind", d.source_kind);
    if (d.published.precision) {
        printf("%-10s %s (%s)\n", "published", cli_date_text(&d.published, date),
               ds_precision_name(d.published.precision));
    }
    print_field("url", d.url);
    print_field("language", d.lang);
    print_field("notes", d.notes);
    print_field("sha256", d.sha256);
    print_field("added", d.added_at);
    print_places(&d);
    print_times_numbers(&d);
    print_claims(&d);
    printf("%-10s %zu\n\n", "sentences", d.n_sentences);
    for (size_t i = 0; i < d.n_sentences; i++) {
        const ds_sentence *sn = &d.sentences[i];
        printf("%4zu %-8s ", i + 1, ds_sentence_kind_name(sn->kind));
        if (spans)
            printf("[%zu,%zu) ", sn->start, sn->end);
        cli_print_span(d.text, sn->start, sn->end);
    }
    ds_document_free(&d);
    return EXIT_OK;
}
