/* manifest.h: the CSV file that gives documents' metadata (DESIGN.md §3).
 *
 * Columns are found by their header names, in any order:
 *   file (required), title, author, publisher (or source), publisher_kind
 *   (or source_kind), published (YYYY, YYYY-MM or YYYY-MM-DD),
 *   published_precision (day, month, year), language (or lang), url, notes.
 * Unknown columns are ignored with a warning.  A row that cannot be used
 * (wrong number of fields, a bad date, no file name) is kept with an error
 * message naming the manifest and line, so the files of the other rows can
 * still be added.
 *
 * Ownership: a ds_manifest owns all its rows and strings;
 * ds_manifest_free releases them.
 */
#ifndef DS_MANIFEST_H
#define DS_MANIFEST_H

#include "model.h"

typedef struct ds_manifest_row {
    size_t line; /* the physical line where the row starts, 1-based */
    char *file;
    char *title;
    char *author;
    char *source;
    char *source_kind;
    char *url;
    char *lang;
    char *notes;
    ds_date published;
    char *error; /* set when the row is unusable */
} ds_manifest_row;

typedef struct ds_manifest {
    char *name; /* the path it was read from */
    char *dir;  /* its folder, against which relative file names resolve */
    ds_manifest_row *rows;
    size_t n;
    ds_manifest_row **index; /* usable rows sorted by base name */
    size_t n_index;
    ds_warnings warnings;
} ds_manifest;

/* Reads a manifest.  Fails only when the whole file is unusable: missing,
 * binary, too large, or without a header that has a "file" column. */
ds_status ds_manifest_load(const char *path, ds_manifest **out, ds_error *err);
ds_status ds_manifest_parse(const char *text, size_t len, const char *name, ds_manifest **out,
                            ds_error *err);
/* The usable row for a file, matched on its base name; rows with errors
 * are not found (look through rows[] for them). */
const ds_manifest_row *ds_manifest_find(const ds_manifest *m, const char *path);
void ds_manifest_free(ds_manifest *m);

#endif
