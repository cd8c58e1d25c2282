/* add.h: reading one file into a document ready to store (DESIGN.md §2,
 * stage "add"): format detection, text extraction (plain text, Markdown,
 * HTML, PDF), normalization, segmentation and metadata.
 *
 * Metadata precedence: what the caller gives (command line, manifest) wins
 * over what the file declares (HTML meta tags, PDF info), which wins over
 * what is guessed from the text (title line, byline, dateline).
 *
 * Ownership: a ds_intake holds the lexicons, the source registry and the
 * segmenter, loaded once for a batch; ds_intake_free releases them.
 * ds_intake_file fills a ds_document the caller releases with
 * ds_document_free.  ds_meta fields are borrowed.
 */
#ifndef DS_ADD_H
#define DS_ADD_H

#include "model.h"
#include "segment/segment.h"
#include "sources/sources.h"

typedef struct ds_intake ds_intake;

typedef struct ds_intake_options {
    size_t max_bytes;      /* largest input file accepted; 0 means 64 MiB */
    int pdf_timeout;       /* seconds pdftotext may run; 0 means 60 */
    const char *format;    /* force "text", "markdown", "html" or "pdf"; NULL detects */
} ds_intake_options;

/* Metadata given by the user.  NULL strings and DS_PREC_NONE dates are
 * unknown and leave the field to the file or the text. */
typedef struct ds_meta {
    const char *title;
    const char *author;
    const char *source;
    const char *source_kind;
    const char *url;
    const char *lang;
    const char *notes;
    ds_date published;
} ds_meta;

ds_status ds_intake_new(ds_intake **out, const ds_intake_options *opts, ds_error *err);
void ds_intake_free(ds_intake *in);

/* The registry the intake resolves publishers with (borrowed). */
const ds_registry *ds_intake_registry(const ds_intake *in);

/* Reads, extracts, normalizes and segments one file.  Warnings that do not
 * stop the work (replaced bytes) go to warnings. */
ds_status ds_intake_file(ds_intake *in, const char *path, const ds_meta *given,
                         ds_document *doc, ds_warnings *warnings, ds_error *err);

/* The same for bytes already in memory; name is used for messages, the
 * file name and format detection. */
ds_status ds_intake_bytes(ds_intake *in, const char *name, const char *bytes, size_t n,
                          const ds_meta *given, ds_document *doc, ds_warnings *warnings,
                          ds_error *err);

/* The formats by file extension: "text", "markdown", "html", "pdf", or NULL. */
const char *ds_format_for_path(const char *path);

#endif
