/* cmd_add.c: `dossier add` — intake of files into the database. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "add/add.h"
#include "add/manifest.h"
#include "cli.h"

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
    "  -q, --quiet         print only errors and the summary\n"
    "  --db PATH           the database (default $DOSSIER_DB or ./dossier.db)\n"
    "\n"
    "Without metadata the title, byline, publication date and a dateline's agency\n"
    "are read from the top of the text (or from HTML meta tags and PDF info).\n";

typedef struct {
    ds_meta meta;
    const char *manifest;
    ds_intake_options intake;
    const char *precision;
    const char *published;
    bool quiet;
} add_options;

typedef struct {
    size_t added, existed, failed, sentences;
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
           O_FORMAT, O_MAX, O_PDF, O_MANIFEST };
    static const struct option opts[] = {
        {"manifest", required_argument, NULL, O_MANIFEST}, {"title", required_argument, NULL, O_TITLE},
        {"author", required_argument, NULL, O_AUTHOR}, {"source", required_argument, NULL, O_SOURCE},
        {"source-kind", required_argument, NULL, O_KIND}, {"published", required_argument, NULL, O_PUB},
        {"precision", required_argument, NULL, O_PREC}, {"url", required_argument, NULL, O_URL},
        {"lang", required_argument, NULL, O_LANG}, {"notes", required_argument, NULL, O_NOTES},
        {"format", required_argument, NULL, O_FORMAT}, {"max-size", required_argument, NULL, O_MAX},
        {"pdf-timeout", required_argument, NULL, O_PDF}, {"quiet", no_argument, NULL, 'q'},
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

static void add_one(ds_intake *in, ds_store *store, const char *path, const ds_meta *meta,
                    const add_options *o, add_totals *t)
{
    ds_document doc;
    ds_warnings warnings = {0};
    ds_error err = {0};
    ds_status rc = ds_intake_file(in, path, meta, &doc, &warnings, &err);
    cli_warnings(&warnings);
    if (rc) {
        cli_error("%s", err.msg);
        t->failed++;
        return;
    }
    bool existed = false;
    rc = ds_store_add_document(store, &doc, &existed, &err);
    if (rc) {
        cli_error("%s: not added: %s", path, err.msg);
        t->failed++;
    } else if (existed) {
        t->existed++;
        if (!o->quiet)
            printf("exists  d%-5lld %s (the same bytes are already stored)\n",
                   (long long)doc.id, path);
    } else {
        t->added++;
        t->sentences += doc.n_sentences;
        if (!o->quiet)
            printf("added   d%-5lld %s  %zu sentences  %s\n", (long long)doc.id, path,
                   doc.n_sentences, doc.title ? doc.title : "(untitled)");
    }
    ds_document_free(&doc);
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

static void add_manifest_rows(ds_intake *in, ds_store *store, const ds_manifest *m,
                              const add_options *o, add_totals *t)
{
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
        ds_meta meta = merge_meta(&o->meta, row);
        add_one(in, store, path, &meta, o, t);
    }
}

static void add_files(ds_intake *in, ds_store *store, const ds_manifest *m, int n, char **files,
                      const add_options *o, add_totals *t)
{
    bool progress = n > 20 && o->quiet && isatty(STDERR_FILENO);
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
        ds_meta meta = merge_meta(&o->meta, row);
        add_one(in, store, files[i], &meta, o, t);
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
    add_totals t = {0};
    if (n_files)
        add_files(in, store, m, n_files, argv + optind, &o, &t);
    else
        add_manifest_rows(in, store, m, &o, &t);
    printf("%zu added (%zu sentences), %zu already present, %zu failed; database %s\n",
           t.added, t.sentences, t.existed, t.failed, g->db);
    ds_store_close(store);
    ds_intake_free(in);
    ds_manifest_free(m);
    return t.failed ? EXIT_FAIL : EXIT_OK;
}
