/* cmd_segment.c: `dossier segment` — the add stage without the database,
 * for checking what dossier will read out of a file. */
#include <getopt.h>

#include "add/add.h"
#include "cli.h"

static const char usage_text[] =
    "usage: dossier segment [--spans] [--format FMT] FILE...\n"
    "\n"
    "Reads files as `dossier add` would (extraction, normalization, sentence\n"
    "segmentation, metadata) and prints the metadata found and the numbered\n"
    "sentences with their kind, without storing anything.\n"
    "\n"
    "Options:\n"
    "  --spans        print each sentence's byte span in the normalized text\n"
    "  --format FMT   read as text, markdown, html or pdf whatever the extension\n";

static void print_document(const char *path, const ds_document *d, bool spans)
{
    char date[11];
    printf("== %s: %s | %s | %s | %s\n", path, d->title ? d->title : "(no title)",
           d->author ? d->author : "(no author)", d->source ? d->source : "(no source)",
           d->published.precision ? cli_date_text(&d->published, date) : "(no date)");
    for (size_t i = 0; i < d->n_sentences; i++) {
        const ds_sentence *s = &d->sentences[i];
        printf("%4zu %-8s ", i + 1, ds_sentence_kind_name(s->kind));
        if (spans)
            printf("[%zu,%zu) ", s->start, s->end);
        cli_print_span(d->text, s->start, s->end);
    }
}

int cmd_segment(cli_globals *g, int argc, char **argv)
{
    (void)g;
    static const struct option opts[] = {
        {"spans", no_argument, NULL, 's'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'}, {0},
    };
    ds_intake_options io = {0};
    bool spans = false;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(usage_text, NULL);
        if (c == 's')
            spans = true;
        else if (c == 'f')
            io.format = optarg;
        else
            return cli_usage(usage_text, "unknown option");
    }
    if (optind >= argc)
        return cli_usage(usage_text, "segment: no files given");
    ds_intake *in;
    ds_error err = {0};
    if (ds_intake_new(&in, &io, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        ds_document d;
        ds_warnings w = {0};
        if (ds_intake_file(in, argv[i], NULL, &d, &w, &err) != DS_OK) {
            cli_warnings(&w);
            cli_error("%s", err.msg);
            status = EXIT_FAIL;
            continue;
        }
        cli_warnings(&w);
        print_document(argv[i], &d, spans);
        ds_document_free(&d);
    }
    ds_intake_free(in);
    return status;
}
