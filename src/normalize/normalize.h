/* normalize.h: turning extracted bytes into the canonical text every later
 * stage and every stored span refers to (DESIGN.md §2, stage "normalize").
 *
 * The canonical text is valid UTF-8 in Unicode NFC, with LF line ends, no
 * byte-order mark and no control characters other than tab and newline.
 * Invalid UTF-8 sequences become U+FFFD and produce a warning that names the
 * byte offset; UTF-16 input with a byte-order mark is converted.
 *
 * Ownership: *out is allocated with ds_malloc and owned by the caller.
 */
#ifndef DS_NORMALIZE_H
#define DS_NORMALIZE_H

#include "core.h"

/* Normalizes in[0..n).  `name` is used in warnings and errors.  The result
 * may not exceed max bytes (DS_ETOOBIG). */
ds_status ds_normalize(const char *in, size_t n, const char *name, size_t max,
                       char **out, size_t *out_len, ds_warnings *warnings, ds_error *err);

/* True when in[0..n) looks like binary data rather than text: a NUL byte or
 * a high share of control bytes in its first 8 KiB.  UTF-16 with a BOM is
 * text. */
bool ds_looks_binary(const char *in, size_t n);

/* Folds a string for matching names: case-folded, diacritics removed, runs
 * of anything but letters and digits turned into one space, trimmed.
 * Returns a ds_malloc'd string or NULL on allocation failure. */
char *ds_fold(const char *s, size_t n);

#endif
