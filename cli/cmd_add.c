/* cmd_add.c: `dossier add` — intake of files into the database. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "add/add.h"
#include "add/manifest.h"
#include "cli.h"
#include "extract/extract.h"

static const char usage_text[] =
    "usage: dossier add [OPTIONS] FILE...\n"
    "       dossier add --manifest FILE.csv [FILE...]\n"
    "\n"
    "Adds reports to the database: plain text (.txt), Markdown (.md), HTML\n"
    "(.html, .htm) and PDF (.pdf, read with pdftotext).  Each document is stored\n"
    "in one transaction, whole or not at all; a file whose exact bytes are\n"
    "already stored is skipped.  A failing file is reported and the others are\n"
    "still added; the exit status is 1 if any file failed.\n"
    "\n"
    "Options:\n"
    "  --manifest FILE     CSV with metadata per file (columns file, title, author,\n"
    "                      publisher, publisher_kind, published,\n"
    "                      published_precision, language, url, notes); without FILE\n"
    "                      arguments every file it lists is added\n"
    "  --title TEXT        document title          --author TEXT   author(s)\n"
    "  --source NAME       publisher (matched against data/sources.tsv)\n"
    "  --source-kind KIND  publisher kind (news agency, NGO, COI unit, ...)\n"
    "  --published DATE    YYYY-MM-DD, YYYY-MM or YYYY\n"
    "  --precision P       day, month or year (default: from the DATE form)\n"
    "  --url URL           --lang CODE             --notes TEXT\n"
    "  --format FMT        read as text, markdown, html or pdf whatever the extension\n"
    "  --max-size BYTES    largest file accepted (default 64M; K, M, G suffixes)\n"
    "  --pdf-timeout SEC   time limit for pdftotext (default 60)\n"
    "  --country CC        the documents' country (ISO code) for place names;\n"
    "                      default: inferred per document\n"
    "  --gazetteer FILE    place index (default $DOSSIER_GAZETTEER or the built one)\n"
    "  --no-places         do not recognize places\n"
    "  --date-order ORDER  dmy or mdy: how 3/6/2025 is read (default: both kept)\n"
    "  --no-link           do not link claims into incidents afterwards (run\n"
    "                      `dossier link` once after many batches instead)\n"
    "  -q, --quiet         print only errors and the summary\n"
    "  --db PATH           the database (default $DOSSIER_DB or ./dossier.db)\n"
    "\n"
    "Without metadata the title, byline, publication date and a dateline's agency\n"
    "are read from the top of the text (or from HTML meta tags and PDF info).\n"
    "When documents were added, every claim in the database is linked into\n"
    "incidents again at the end, as `dossier link` does.\n";

typedef struct {
    ds_meta meta;
    const char *manifest;
    ds_intake_options intake;
    const char *precision;
    const char *published;
    const char *country;   /* --country: the documents' country focus */
    const char *gazetteer; /* --gazetteer: the place index */
    bool no_places;
    bool no_link;  /* --no-link: leave the incidents as they are */
    bool quiet;
    ds_date_order order;   /* --date-order */
} add_options;

typedef struct {
    size_t added, existed, failed, sentences, places, times, numbers, claims;
} add_totals;

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned long long mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1ULL << 10, end++;
    else if (*end == 'm' || *end == 'M')
        mult = 1ULL << 20, end++;
    else if (*end == 'g' || *end == 'G')
        mult = 1ULL << 30, end++;
    if (end == s || *end || v == 0 || v > SIZE_MAX / mult)
        return false;
    *out = (size_t)(v * mult);
    return true;
}

static int parse_options(add_options *o, cli_globals *g, int argc, char **argv)
{
    enum { O_TITLE = 256, O_AUTHOR, O_SOURCE, O_KIND, O_PUB, O_PREC, O_URL, O_LANG, O_NOTES,
           O_FORMAT, O_MAX, O_PDF, O_MANIFEST, O_COUNTRY, O_GAZ, O_NOPLACES, O_ORDER,
           O_NOLINK };
    static const struct option opts[] = {
        {"manifest", required_argument, NULL, O_MANIFEST}, {"title", required_argument, NULL, O_TITLE},
        {"author", required_argument, NULL, O_AUTHOR}, {"source", required_argument, NULL, O_SOURCE},
        {"source-kind", required_argument, NULL, O_KIND}, {"published", required_argument, NULL, O_PUB},
        {"precision", required_argument, NULL, O_PREC}, {"url", required_argument, NULL, O_URL},
        {"lang", required_argument, NULL, O_LANG}, {"notes", required_argument, NULL, O_NOTES},
        {"format", required_argument, NULL, O_FORMAT}, {"max-size", required_argument, NULL, O_MAX},
        {"pdf-timeout", required_argument, NULL, O_PDF}, {"quiet", no_argument, NULL, 'q'},
        {"country", required_argument, NULL, O_COUNTRY}, {"gazetteer", required_argument, NULL, O_GAZ},
        {"no-places", no_argument, NULL, O_NOPLACES}, {"no-link", no_argument, NULL, O_NOLINK},
        {"date-order", required_argument, NULL, O_ORDER},
        CLI_DB_OPTION, {0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case O_MANIFEST: o->manifest = optarg; break;
        case O_TITLE: o->meta.title = optarg; break;
        case O_AUTHOR: o->meta.author = optarg; break;
        case O_SOURCE: o->meta.source = optarg; break;
        case O_KIND: o->meta.source_kind = optarg; break;
        case O_PUB: o->published = optarg; break;
        case O_PREC: o->precision = optarg; break;
        case O_URL: o->meta.url = optarg; break;
        case O_LANG: o->meta.lang = optarg; break;
        case O_NOTES: o->meta.notes = optarg; break;
        case O_FORMAT: o->intake.format = optarg; break;
        case O_MAX:
            if (!parse_size(optarg, &o->intake.max_bytes))
                return cli_usage(usage_text, "--max-size takes a size such as 64M");
            break;
        case O_PDF:
            o->intake.pdf_timeout = atoi(optarg);
            if (o->intake.pdf_timeout <= 0)
                return cli_usage(usage_text, "--pdf-timeout takes a number of seconds");
            break;
        case 'q': o->quiet = true; break;
        case O_COUNTRY:
            if (strlen(optarg) != 2)
                return cli_usage(usage_text, "--country takes a two-letter ISO code");
            o->country = optarg;
            break;
        case O_GAZ: o->gazetteer = optarg; break;
        case O_NOPLACES: o->no_places = true; break;
        case O_NOLINK: o->no_link = true; break;
        case O_ORDER:
            if (strcmp(optarg, "dmy") != 0 && strcmp(optarg, "mdy") != 0)
                return cli_usage(usage_text, "--date-order takes dmy or mdy");
            o->order = optarg[0] == 'd' ? DS_ORDER_DMY : DS_ORDER_MDY;
            break;
        case 'D': g->db = optarg; break;
        case 'h': cli_usage(usage_text, NULL); return CLI_HELP_SHOWN;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    return EXIT_OK;
}

static int check_options(add_options *o)
{
    static const char *const formats[] = {"text", "markdown", "html", "pdf"};
    if (o->intake.format) {
        bool ok = false;
        for (size_t i = 0; i < 4; i++)
            ok |= !strcmp(o->intake.format, formats[i]);
        if (!ok)
            return cli_usage(usage_text, "--format is one of text, markdown, html, pdf");
    }
    ds_precision p = DS_PREC_NONE;
    if (o->precision && ds_precision_parse(o->precision, &p) != DS_OK)
        return cli_usage(usage_text, "--precision is one of day, month, year");
    if (o->published && ds_date_parse_iso(o->published, p, &o->meta.published) != DS_OK)
        return cli_usage(usage_text, "--published takes YYYY-MM-DD, YYYY-MM or YYYY "
                                     "(not more precise than --precision)");
    if (o->precision && !o->published)
        return cli_usage(usage_text, "--precision needs --published");
    return EXIT_OK;
}

/* Command-line metadata wins over the manifest row's. */
static ds_meta merge_meta(const ds_meta *cli, const ds_manifest_row *row)
{
    ds_meta m = *cli;
    if (!row)
        return m;
    m.title = m.title ? m.title : row->title;
    m.author = m.author ? m.author : row->author;
    m.source = m.source ? m.source : row->source;
    m.source_kind = m.source_kind ? m.source_kind : row->source_kind;
    m.url = m.url ? m.url : row->url;
    m.lang = m.lang ? m.lang : row->lang;
    m.notes = m.notes ? m.notes : row->notes;
    if (!m.published.precision)
        m.published = row->published;
    return m;
}

/* Documents are committed in batches of about this much text: committing
 * each one separately makes the full-text index flush and merge every
 * time, which costs most of the ingestion time (see bench/README.md). */
enum { BATCH_BYTES = 16 << 20, BATCH_DOCS = 2000 };

/* What one added document holds, for its line and the summary. */
typedef struct {
    size_t sentences, places, times, numbers, claims;
} doc_counts;

/* A document added in the open batch, reported once the batch commits. */
typedef struct {
    char *path;
    ds_meta meta; /* borrows from the manifest and the options */
    char *line;   /* the "added" line to print after the commit */
    doc_counts counts;
} pending;

typedef struct {
    ds_intake *in;
    ds_gazetteer *gz; /* NULL: places are not recognized */
    ds_extractor *x;  /* the recognizers and the claim rules */
    ds_store *store;
    const add_options *o;
    add_totals t;
    pending *v;
    size_t n, cap, bytes;
} adder;

static doc_counts counts_of(const ds_document *doc)
{
    return (doc_counts){doc->n_sentences, ds_document_mention_count(doc, "place"),
                        ds_document_mention_count(doc, "time"),
                        ds_document_mention_count(doc, "number"), doc->n_claims};
}

static void report_added(adder *a, const char *line, doc_counts c)
{
    a->t.added++;
    a->t.sentences += c.sentences;
    a->t.places += c.places;
    a->t.times += c.times;
    a->t.numbers += c.numbers;
    a->t.claims += c.claims;
    if (!a->o->quiet)
        fputs(line, stdout);
}

static char *added_line(const ds_document *doc, const char *path)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    doc_counts c = counts_of(doc);
    if (ds_buf_printf(&b, "added   d%-5lld %s  %zu sentences  %zu places  %zu dates  %zu figures  "
                          "%zu claims  %s\n",
                      (long long)doc->id, path, c.sentences, c.places, c.times, c.numbers, c.claims,
                      doc->title ? doc->title : "(untitled)")) {
        ds_buf_free(&b);
        return NULL;
    }
    return ds_buf_steal(&b, NULL);
}

static bool remember(adder *a, const char *path, const ds_meta *meta, const ds_document *doc)
{
    pending *v = ds_grow(a->v, &a->cap, a->n, sizeof *v);
    if (!v)
        return false;
    a->v = v;
    pending *p = &a->v[a->n];
    p->path = ds_strdup(path);
    p->line = added_line(doc, path);
    p->meta = *meta;
    p->counts = counts_of(doc);
    if (!p->path || !p->line) {
        ds_free(p->path);
        ds_free(p->line);
        return false;
    }
    a->n++;
    a->bytes += doc->text_len;
    return true;
}

static void forget_all(adder *a)
{
    for (size_t i = 0; i < a->n; i++) {
        ds_free(a->v[i].path);
        ds_free(a->v[i].line);
    }
    a->n = a->bytes = 0;
}

/* Reads and stores one file; inside a batch the result is pending. */
static void add_one(adder *a, const char *path, const ds_meta *meta);

/* The batch failed and was rolled back: its documents are added again one
 * transaction each, so the one at fault fails alone. */
static void redo_singly(adder *a)
{
    size_t n = a->n;
    pending *v = a->v;
    a->v = NULL;
    a->n = a->cap = a->bytes = 0;
    for (size_t i = 0; i < n; i++) {
        add_one(a, v[i].path, &v[i].meta);
        ds_free(v[i].path);
        ds_free(v[i].line);
    }
    ds_free(v);
}

static void commit_batch(adder *a)
{
    ds_error err = {0};
    if (!ds_store_in_batch(a->store))
        return;
    if (ds_store_commit(a->store, &err) != DS_OK) {
        fprintf(stderr, "dossier: warning: %s; adding the last %zu documents one by one\n",
                err.msg, a->n);
        redo_singly(a);
        return;
    }
    for (size_t i = 0; i < a->n; i++)
        report_added(a, a->v[i].line, a->v[i].counts);
    forget_all(a);
}

static void store_one(adder *a, const char *path, const ds_meta *meta, ds_document *doc)
{
    ds_error err = {0};
    bool existed = false, batched = ds_store_in_batch(a->store);
    if (ds_store_add_document(a->store, doc, &existed, &err) != DS_OK) {
        if (batched) { /* the store rolled the batch back */
            if (remember(a, path, meta, doc))
                redo_singly(a);
            else
                cli_error("%s: not added: out of memory", path);
            return;
        }
        cli_error("%s: not added: %s", path, err.msg);
        a->t.failed++;
    } else if (existed) {
        a->t.existed++;
        if (!a->o->quiet)
            printf("exists  d%-5lld %s (the same bytes are already stored)\n",
                   (long long)doc->id, path);
    } else if (!batched) {
        char *line = added_line(doc, path);
        report_added(a, line ? line : "", counts_of(doc));
        ds_free(line);
    } else if (!remember(a, path, meta, doc)) {
        ds_store_rollback(a->store); /* out of memory: fall back to one by one */
        redo_singly(a);
        add_one(a, path, meta);
    } else if (a->bytes >= BATCH_BYTES || a->n >= BATCH_DOCS) {
        commit_batch(a);
    }
}

/* Opens the place index.  Without one, documents are still added: a
 * missing default index is a warning, a missing --gazetteer an error. */
static int open_places(adder *a, const add_options *o)
{
    char buf[4096];
    ds_error err = {0};
    const char *path = o->gazetteer;
    if (!path) {
        if (ds_gazetteer_default_path(buf, sizeof buf, &err) != DS_OK) {
            fprintf(stderr, "dossier: warning: no gazetteer index, so places are not "
                            "recognized (build it with `dossier gazetteer build`)\n");
            return EXIT_OK;
        }
        path = buf;
    }
    if (ds_gazetteer_open(&a->gz, path, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static void add_one(adder *a, const char *path, const ds_meta *meta)
{
    ds_document doc;
    ds_warnings warnings = {0};
    ds_error err = {0};
    ds_status rc = ds_intake_file(a->in, path, meta, &doc, &warnings, &err);
    cli_warnings(&warnings);
    ds_extract_options xo = {.country = a->o->country, .order = a->o->order};
    if (rc == DS_OK)
        rc = ds_extract_document(a->x, &doc, &xo, &err);
    if (rc) {
        cli_error("%s", err.msg);
        ds_document_free(&doc); /* intake zeroes it first, so this is safe either way */
        a->t.failed++;
        return;
    }
    store_one(a, path, meta, &doc);
    ds_document_free(&doc);
}

/* Adds one file inside the current batch, opening one if none is open. */
static void add_batched(adder *a, const char *path, const ds_meta *meta)
{
    ds_error err = {0};
    if (!ds_store_in_batch(a->store) && ds_store_begin(a->store, &err) != DS_OK)
        fprintf(stderr, "dossier: warning: %s; adding without batching\n", err.msg);
    add_one(a, path, meta);
}

/* A file whose manifest row is unusable is not added: its metadata would
 * be wrong.  The row's message names the manifest and line. */
static const char *row_error_for(const ds_manifest *m, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    for (size_t i = 0; m && i < m->n; i++) {
        const ds_manifest_row *r = &m->rows[i];
        if (r->error && r->file) {
            const char *rs = strrchr(r->file, '/');
            if (!strcmp(rs ? rs + 1 : r->file, base))
                return r->error;
        }
    }
    return NULL;
}

static void add_manifest_rows(adder *a, const ds_manifest *m)
{
    add_totals *t = &a->t;
    for (size_t i = 0; i < m->n; i++) {
        const ds_manifest_row *row = &m->rows[i];
        if (row->error) {
            cli_error("%s", row->error);
            t->failed++;
            continue;
        }
        char path[PATH_MAX];
        if (row->file[0] == '/')
            snprintf(path, sizeof path, "%s", row->file);
        else
            snprintf(path, sizeof path, "%s/%s", m->dir, row->file);
        ds_meta meta = merge_meta(&a->o->meta, row);
        add_batched(a, path, &meta);
    }
}

static void add_files(adder *a, const ds_manifest *m, int n, char **files)
{
    add_totals *t = &a->t;
    bool progress = n > 20 && a->o->quiet && isatty(STDERR_FILENO);
    for (int i = 0; i < n; i++) {
        const char *bad = row_error_for(m, files[i]);
        const ds_manifest_row *row = ds_manifest_find(m, files[i]);
        if (bad && !row) {
            cli_error("%s: not added: %s", files[i], bad);
            t->failed++;
            continue;
        }
        if (m && !row)
            fprintf(stderr, "dossier: warning: %s is not in %s; reading metadata from the file\n",
                    files[i], m->name);
        ds_meta meta = merge_meta(&a->o->meta, row);
        add_batched(a, files[i], &meta);
        if (progress)
            fprintf(stderr, "\r%d/%d files", i + 1, n);
    }
    if (progress)
        fputc('\n', stderr);
}

int cmd_add(cli_globals *g, int argc, char **argv)
{
    add_options o = {0};
    int rc = parse_options(&o, g, argc, argv);
    if (rc)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if ((rc = check_options(&o)))
        return rc;
    int n_files = argc - optind;
    if (n_files == 0 && !o.manifest)
        return cli_usage(usage_text, "add: no files given");
    ds_error err = {0};
    ds_manifest *m = NULL;
    if (o.manifest && ds_manifest_load(o.manifest, &m, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    if (m)
        cli_warnings(&m->warnings);
    ds_intake *in = NULL;
    ds_store *store = NULL;
    if (ds_intake_new(&in, &o.intake, &err) != DS_OK) {
        cli_error("%s", err.msg);
        ds_manifest_free(m);
        return EXIT_FAIL;
    }
    if (!(store = cli_open(g, DS_STORE_WRITE))) {
        ds_intake_free(in);
        ds_manifest_free(m);
        return EXIT_FAIL;
    }
    adder a = {.in = in, .store = store, .o = &o};
    bool ready = o.no_places || open_places(&a, &o) == EXIT_OK;
    if (ready && ds_extractor_new(&a.x, a.gz, ds_intake_registry(in), &err) != DS_OK) {
        cli_error("%s", err.msg);
        ready = false;
    }
    if (!ready) {
        ds_gazetteer_close(a.gz);
        ds_store_close(store);
        ds_intake_free(in);
        ds_manifest_free(m);
        return EXIT_FAIL;
    }
    if (n_files)
        add_files(&a, m, n_files, argv + optind);
    else
        add_manifest_rows(&a, m);
    commit_batch(&a);
    ds_free(a.v);
    add_totals t = a.t;
    printf("%zu added (%zu sentences, %zu places, %zu dates, %zu figures, %zu claims), %zu "
           "already present, %zu failed; database %s\n",
           t.added, t.sentences, t.places, t.times, t.numbers, t.claims, t.existed, t.failed,
           g->db);
    /* The register follows the documents: a new document's claims may join
     * incidents of older ones, so everything is linked again. */
    int link_rc = t.added && !o.no_link ? cli_link_all(store, NULL, o.quiet) : EXIT_OK;
    ds_extractor_free(a.x);
    ds_gazetteer_close(a.gz);
    ds_store_close(store);
    ds_intake_free(in);
    ds_manifest_free(m);
    return t.failed || link_rc ? EXIT_FAIL : EXIT_OK;
}
