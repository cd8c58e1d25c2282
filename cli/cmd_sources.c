/* cmd_sources.c: `dossier sources` — the publishers of the documents,
 * their kind and document counts, and who cites whom: the works their
 * footnotes cite (resolved to documents of the dossier or not) and the
 * sources their claims relay ("according to SOHR"). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier sources\n"
    "\n"
    "Lists the sources of the documents (the publisher, else the author) with\n"
    "their kind and number of documents, then for each what it cites (works in\n"
    "its footnotes and reference lists, by the cited document's source when it\n"
    "is in the dossier, else by the publisher or author the note names) and\n"
    "what it relays (attributions of its claims), with counts.  Citations are\n"
    "those of the last `dossier link`.\n"
    "\n"
    "Options:\n"
    "  --db PATH  the database (default $DOSSIER_DB or ./dossier.db)\n";

enum { SOURCES_MAX = 100000, EDGES_MAX = 1000000 };

typedef struct {
    char *name, *kind;
    size_t documents;
} source;

typedef struct {
    size_t from;   /* index into sources */
    char *to;      /* the cited or relayed name */
    bool relay;    /* an attribution rather than a citation */
    bool in_dossier;
    size_t count;
} edge;

typedef struct {
    source *src;
    size_t n_src, cap_src;
    size_t *doc_source; /* by document id */
    size_t n_docs;
    edge *edges;
    size_t n_edges, cap_edges;
    bool failed;
} state;

static size_t source_index(state *st, const char *name, const char *kind)
{
    for (size_t i = 0; i < st->n_src; i++)
        if (!strcmp(st->src[i].name, name))
            return i;
    source *v = st->n_src < SOURCES_MAX ? ds_grow(st->src, &st->cap_src, st->n_src, sizeof *v)
                                        : NULL;
    if (!v) {
        st->failed = true;
        return SIZE_MAX;
    }
    st->src = v;
    v[st->n_src] = (source){ds_strdup(name), kind ? ds_strdup(kind) : NULL, 0};
    return st->n_src++;
}

static int take_document(void *ud, const ds_document *d)
{
    state *st = ud;
    const char *name = d->source ? d->source : d->author ? d->author : "(unknown)";
    size_t i = source_index(st, name, d->source_kind);
    if (i == SIZE_MAX || d->id <= 0 || (size_t)d->id > (size_t)1 << 28)
        return st->failed;
    if ((size_t)d->id >= st->n_docs) {
        size_t n = (size_t)d->id * 2;
        size_t *v = ds_realloc(st->doc_source, n * sizeof *v);
        if (!v) {
            st->failed = true;
            return 1;
        }
        for (size_t k = st->n_docs; k < n; k++)
            v[k] = SIZE_MAX;
        st->doc_source = v;
        st->n_docs = n;
    }
    st->doc_source[d->id] = i;
    st->src[i].documents++;
    return 0;
}

static size_t source_of(const state *st, int64_t doc)
{
    return doc > 0 && (size_t)doc < st->n_docs ? st->doc_source[doc] : SIZE_MAX;
}

static void add_edge(state *st, size_t from, const char *to, bool relay, bool in_dossier)
{
    if (from == SIZE_MAX || !to)
        return;
    for (size_t i = 0; i < st->n_edges; i++) {
        edge *e = &st->edges[i];
        if (e->from == from && e->relay == relay && !strcmp(e->to, to)) {
            e->count++;
            return;
        }
    }
    edge *v = st->n_edges < EDGES_MAX ? ds_grow(st->edges, &st->cap_edges, st->n_edges, sizeof *v)
                                      : NULL;
    if (!v) {
        st->failed = true;
        return;
    }
    st->edges = v;
    char *name = ds_strdup(to);
    for (char *p = name; p && *p; p++)
        *p = *p == '\n' || *p == '\t' ? ' ' : *p; /* one source, one line */
    v[st->n_edges++] = (edge){from, name, relay, in_dossier, 1};
}

static int take_citation(void *ud, const ds_citation_record *c)
{
    state *st = ud;
    size_t to = source_of(st, c->to);
    const char *name = to != SIZE_MAX ? st->src[to].name
                       : c->publisher ? c->publisher
                       : c->author    ? c->author
                       : c->url       ? c->url
                                      : c->text;
    add_edge(st, source_of(st, c->from), name, false, to != SIZE_MAX);
    return st->failed;
}

static int take_claim(void *ud, const ds_claim_record *c)
{
    state *st = ud;
    json_t *o = json_loads(c->value, 0, NULL);
    const char *a = json_string_value(json_object_get(o, "attributed_to"));
    if (a && *a)
        add_edge(st, source_of(st, c->doc_id), a, true, false);
    json_decref(o);
    return st->failed;
}

static void print_edges(const state *st, size_t from, bool relay)
{
    bool first = true;
    for (size_t i = 0; i < st->n_edges; i++) {
        const edge *e = &st->edges[i];
        if (e->from != from || e->relay != relay)
            continue;
        printf("%s%s (%zu%s)", first ? (relay ? "  relays: " : "  cites:  ") : "; ", e->to,
               e->count, relay ? "" : e->in_dossier ? ", in the dossier" : "");
        first = false;
    }
    if (!first)
        putchar('\n');
}

static void print_cited_by(const state *st, size_t to)
{
    bool first = true;
    for (size_t i = 0; i < st->n_edges; i++) {
        const edge *e = &st->edges[i];
        if (e->relay || !e->in_dossier || strcmp(e->to, st->src[to].name))
            continue;
        printf("%s%s (%zu)", first ? "  cited by: " : "; ", st->src[e->from].name, e->count);
        first = false;
    }
    if (!first)
        putchar('\n');
}

static void free_state(state *st)
{
    for (size_t i = 0; i < st->n_src; i++) {
        ds_free(st->src[i].name);
        ds_free(st->src[i].kind);
    }
    for (size_t i = 0; i < st->n_edges; i++)
        ds_free(st->edges[i].to);
    ds_free(st->src);
    ds_free(st->edges);
    ds_free(st->doc_source);
}

int cmd_sources(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {CLI_DB_OPTION, {0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'D': g->db = optarg; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "sources takes no arguments");
    ds_store *s = cli_open(g, DS_STORE_READ);
    if (!s)
        return EXIT_FAIL;
    state st = {0};
    ds_error err = {0};
    ds_status rc = ds_store_each_document(s, NULL, take_document, &st, &err);
    if (rc == DS_OK && !st.failed)
        rc = ds_store_each_citation(s, take_citation, &st, &err);
    if (rc == DS_OK && !st.failed)
        rc = ds_store_each_claim(s, take_claim, &st, NULL, &err);
    ds_store_close(s);
    if (rc || st.failed) {
        cli_error("sources: %s", rc ? err.msg : "out of memory");
        free_state(&st);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < st.n_src; i++) {
        printf("%s (%s): %zu document%s\n", st.src[i].name,
               st.src[i].kind ? st.src[i].kind : "kind unknown", st.src[i].documents,
               st.src[i].documents == 1 ? "" : "s");
        print_cited_by(&st, i);
        print_edges(&st, i, false);
        print_edges(&st, i, true);
    }
    free_state(&st);
    return EXIT_OK;
}
