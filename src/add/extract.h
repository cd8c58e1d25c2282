/* extract.h: text and metadata out of HTML and PDF files (internal to the
 * "add" stage).
 *
 * Ownership: every string in a ds__extracted is allocated with ds_malloc and
 * owned by the struct; ds__extracted_free releases them.  Unknown fields are
 * NULL.  text is UTF-8 but not yet validated or normalized: the normalize
 * stage runs over it afterwards.  Paragraphs are separated by a blank line,
 * headings and list items stand on lines of their own ("- " before items).
 */
#ifndef DS_EXTRACT_H
#define DS_EXTRACT_H

#include "core.h"

typedef struct ds__extracted {
    char *text;
    size_t len;
    char *title;
    char *author;
    char *published; /* as found: "2025-03-19T08:00:00Z", "March 9, 2025" */
    char *url;       /* canonical or og:url */
    char *lang;      /* <html lang> or content-language, e.g. "en", "ar" */
    char *site_name; /* og:site_name or publisher meta */
} ds__extracted;

void ds__extracted_free(ds__extracted *x);

/* Extracts the main text of an HTML page.  The declared charset (meta
 * charset, http-equiv Content-Type, a BOM) is honoured, windows-1256
 * included; undeclared pages are read as UTF-8.  Navigation, scripts,
 * styles, forms, headers, footers and asides are dropped; <article> or
 * <main> is preferred when present.  `name` is used in messages only. */
ds_status ds__html_extract(const char *bytes, size_t n, const char *name,
                           size_t max_text, ds__extracted *out, ds_error *err);

/* Runs `pdftotext` on a PDF file as a subprocess killed after timeout_s
 * seconds, reading at most max_text bytes of its output, and `pdfinfo` for
 * title/author/date when present.  A file that is not a PDF, a missing
 * pdftotext, a timeout or a failure each give a clear error. */
ds_status ds__pdf_extract(const char *path, size_t max_text, int timeout_s,
                          ds__extracted *out, ds_error *err);

#endif
