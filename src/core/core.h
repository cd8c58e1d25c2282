/* core.h: errors, allocation, bounded buffers and arenas for libdossier.
 *
 * Ownership rules used across the library:
 *  - Every allocation goes through ds_malloc/ds_realloc/ds_free so that a
 *    test or an embedding program can count or fail allocations in one place.
 *  - A ds_buf owns its bytes; ds_buf_free releases them.  Every buffer has a
 *    cap chosen by its creator, so hostile input cannot grow it without bound.
 *  - A ds_arena owns everything allocated from it; ds_arena_free releases it
 *    all at once.  Per-document work allocates from an arena.
 *  - Functions that can fail return a ds_status and fill a caller-provided
 *    ds_error (which may be NULL) with a human-readable message.  The library
 *    never prints and never exits.
 */
#ifndef DS_CORE_H
#define DS_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ds_status {
    DS_OK = 0,
    DS_ENOMEM,       /* allocation failed */
    DS_EIO,          /* reading or writing a file failed */
    DS_ENOENT,       /* no such file */
    DS_EISDIR,       /* a directory where a file was expected */
    DS_EEMPTY,       /* the input holds no text */
    DS_EBINARY,      /* the input is binary, not text */
    DS_ETOOBIG,      /* the input exceeds a size cap */
    DS_EFORMAT,      /* the input is malformed for its declared format */
    DS_EUNSUPPORTED, /* a format or feature dossier does not handle */
    DS_EINVAL,       /* a bad argument or value */
    DS_EDB,          /* the store reported an error */
    DS_ENOTDB,       /* the database file is not a dossier database */
    DS_EREADONLY,    /* the database cannot be written */
    DS_EBUSY,        /* the database is locked by another writer */
    DS_ETIMEOUT,     /* a helper program ran out of time */
    DS_ECHILD,       /* a helper program failed or is missing */
    DS_ENOTFOUND,    /* a requested record does not exist */
    DS_STATUS_COUNT
} ds_status;

typedef struct ds_error {
    ds_status code;
    char msg[1024];
} ds_error;

/* A short fixed description of a status, e.g. "file not found". */
const char *ds_strerror(ds_status code);

/* Fills err (if not NULL) with code and a printf-style message; returns code. */
ds_status ds_error_set(ds_error *err, ds_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ds_error_clear(ds_error *err);

/* Allocation wrapper.  ds_malloc and ds_realloc return NULL on failure or
 * when the optional allocation limit (tests use it) would be exceeded. */
void *ds_malloc(size_t n);
void *ds_calloc(size_t count, size_t n);
void *ds_realloc(void *p, size_t n);
void ds_free(void *p);
char *ds_strdup(const char *s);
/* Makes room for element n of a growable array of `size`-byte elements
 * whose capacity is *cap, doubling it when full.  Returns the array (moved
 * or not), or NULL when memory runs out, leaving the old array intact. */
void *ds_grow(void *items, size_t *cap, size_t n, size_t size);
char *ds_strndup(const char *s, size_t n);
/* Makes the next `n` allocations succeed and every later one fail; a
 * negative n removes the limit.  Only tests call it. */
void ds_alloc_fail_after(long n);

/* A growable byte buffer with a hard cap.  The bytes are always followed by
 * a NUL that is not counted in len, so p can be used as a C string. */
typedef struct ds_buf {
    char *p;
    size_t len;
    size_t cap;
    size_t max; /* appends that would exceed max fail with DS_ETOOBIG */
} ds_buf;

void ds_buf_init(ds_buf *b, size_t max);
ds_status ds_buf_append(ds_buf *b, const void *data, size_t n);
ds_status ds_buf_putc(ds_buf *b, char c);
ds_status ds_buf_puts(ds_buf *b, const char *s);
ds_status ds_buf_printf(ds_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
ds_status ds_buf_reserve(ds_buf *b, size_t extra);
/* Gives the caller the bytes (free with ds_free) and resets the buffer. */
char *ds_buf_steal(ds_buf *b, size_t *len);
void ds_buf_reset(ds_buf *b);
void ds_buf_free(ds_buf *b);

/* A bump allocator for per-document work.  Allocations are 16-byte aligned
 * and live until ds_arena_free; ds_arena_alloc returns NULL once the total
 * would pass the arena's cap. */
typedef struct ds_arena ds_arena;

ds_arena *ds_arena_new(size_t cap);
void *ds_arena_alloc(ds_arena *a, size_t n);
char *ds_arena_strndup(ds_arena *a, const char *s, size_t n);
char *ds_arena_strdup(ds_arena *a, const char *s);
size_t ds_arena_used(const ds_arena *a);
void ds_arena_free(ds_arena *a);

/* Warnings that do not stop the work (a replaced invalid byte, a skipped
 * manifest column).  At most DS_WARN_MAX are kept; the rest are counted. */
enum { DS_WARN_MAX = 16 };
typedef struct ds_warnings {
    char *items[DS_WARN_MAX];
    size_t n;
    size_t dropped;
} ds_warnings;

void ds_warn(ds_warnings *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ds_warnings_free(ds_warnings *w);

/* Finds a data file (lexicon, registry) by name.  Looks in $DOSSIER_DATA,
 * then ../data and ../share/dossier beside the running executable, then the
 * compiled-in DS_DATADIR.  Writes the path into buf; DS_ENOENT if absent. */
ds_status ds_data_path(const char *name, char *buf, size_t size, ds_error *err);

/* Reads a whole file of at most max bytes into a NUL-terminated buffer that
 * the caller frees with ds_free. */
ds_status ds_read_file(const char *path, size_t max, char **out, size_t *len, ds_error *err);

/* Reads a tab-separated data file: lines starting with '#' and blank lines
 * are skipped; every other line is split on tabs and passed to `row` with
 * its 1-based line number.  A row callback returns DS_OK to go on or an
 * error (with err filled) to stop.  Lines longer than 64 KiB and files over
 * 64 MiB are refused with a message naming the file and line. */
typedef ds_status (*ds_tsv_row_fn)(void *ud, char **fields, size_t n_fields,
                                   size_t line, ds_error *err);
ds_status ds_tsv_read(const char *path, ds_tsv_row_fn row, void *ud, ds_error *err);
/* The same over text in memory; name is used in messages. */
ds_status ds_tsv_parse(const char *text, size_t len, const char *name, ds_tsv_row_fn row,
                       void *ud, ds_error *err);

/* Small string helpers shared by the stages. */
bool ds_str_ieq(const char *a, const char *b);          /* ASCII case-insensitive */
bool ds_str_iprefix(const char *s, const char *prefix); /* ASCII case-insensitive */
char *ds_str_trim(char *s);                              /* trims in place */
/* The length of the valid UTF-8 sequence at s (n > 0 bytes left): 1 for
 * ASCII, 0 when the bytes there are not one (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). */
size_t ds_utf8_seq_len(const unsigned char *s, size_t n);

#endif
