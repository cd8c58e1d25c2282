/* jsonw.h: a streaming JSON writer into a bounded ds_buf.
 *
 * Mentions and claims are written once per document and read back only by
 * consumers that parse them, so they are written straight into text rather
 * than built as a tree and printed: building, printing and freeing a tree
 * cost more than finding the mentions did.
 *
 * Ownership: a ds_jw borrows its ds_buf, which the caller owns, and only
 * appends to it.  Errors latch: the first failure (the buffer's cap, memory,
 * nesting deeper than DS_JW_DEPTH) is kept in st and every later call does
 * nothing, so a caller writes a whole value and checks st once.
 *
 * Strings are written as valid UTF-8 whatever they hold: a byte that does
 * not begin a valid sequence is written as U+FFFD.  Keys are trusted: they
 * are the program's own literals and are written without escaping.
 */
#ifndef DS_CORE_JSONW_H
#define DS_CORE_JSONW_H

#include <string.h>

#include "core.h"

enum { DS_JW_DEPTH = 32 };

typedef struct ds_jw {
    ds_buf *b;
    ds_status st;
    unsigned depth;
    bool after_key;   /* the next value completes a "key": pair */
    uint32_t started; /* bit i: the container at depth i has a member */
} ds_jw;

void ds_jw_init(ds_jw *w, ds_buf *b);

void ds_jw_object(ds_jw *w);
void ds_jw_array(ds_jw *w);
void ds_jw_end_object(ds_jw *w);
void ds_jw_end_array(ds_jw *w);
/* A key given as a string literal: ds_jw_key(w, "name").  The quotes and
 * the colon are joined to it when compiling, so that writing one costs a
 * single copy.  A key that is not a literal goes through ds_jw_keyn. */
#define DS_JW_QUOTED(key) "\"" key "\":"
#define ds_jw_key(w, key) ds__jw_key_quoted((w), DS_JW_QUOTED(key), sizeof DS_JW_QUOTED(key) - 1)
void ds_jw_keyn(ds_jw *w, const char *key, size_t n);
void ds__jw_key_slow(ds_jw *w, const char *quoted, size_t n);

/* Inline, so that the copy of a literal key of known length compiles to a
 * few stores: keys are a third of what the writer writes.  The buffer's
 * spare room is used when it suffices; anything else (growing, the cap, a
 * latched error) goes through the general path. */
static inline void ds__jw_key_quoted(ds_jw *w, const char *quoted, size_t n)
{
    ds_buf *b = w->b;
    if (w->st != DS_OK || w->after_key || n + 1 >= b->cap - b->len || b->len + n + 1 > b->max) {
        ds__jw_key_slow(w, quoted, n);
        return;
    }
    char *o = b->p + b->len;
    uint32_t bit = (uint32_t)1 << w->depth;
    if (w->depth && (w->started & bit))
        *o++ = ',';
    w->started |= bit;
    memcpy(o, quoted, n);
    o += n;
    *o = '\0';
    b->len = (size_t)(o - b->p);
    w->after_key = true;
}

void ds_jw_null(ds_jw *w);
void ds_jw_bool(ds_jw *w, bool v);
void ds_jw_int(ds_jw *w, int64_t v);
/* s may be NULL, written as null. */
void ds_jw_str(ds_jw *w, const char *s);
void ds_jw_strn(ds_jw *w, const char *s, size_t n);
/* NaN is null; an integral value within ±2^53 is written as an integer,
 * anything else with the fewest digits that read back as the same double. */
void ds_jw_number(ds_jw *w, double v);
/* v rounded to `decimals` places (at most 9) and written with at least one
 * decimal, trailing zeros dropped ("35.1", "35.0"); NaN is null. */
void ds_jw_fixed(ds_jw *w, double v, int decimals);
/* A value that is JSON text already (the caller vouches for it). */
void ds_jw_raw(ds_jw *w, const char *json, size_t n);

/* Shorthands for a literal key and its value. */
#define ds_jw_kstr(w, key, s) (ds_jw_key(w, key), ds_jw_str((w), (s)))
#define ds_jw_kstrn(w, key, s, n) (ds_jw_key(w, key), ds_jw_strn((w), (s), (n)))
#define ds_jw_kint(w, key, v) (ds_jw_key(w, key), ds_jw_int((w), (v)))
#define ds_jw_kbool(w, key, v) (ds_jw_key(w, key), ds_jw_bool((w), (v)))
#define ds_jw_knull(w, key) (ds_jw_key(w, key), ds_jw_null(w))
#define ds_jw_knumber(w, key, v) (ds_jw_key(w, key), ds_jw_number((w), (v)))
#define ds_jw_kfixed(w, key, v, decimals) (ds_jw_key(w, key), ds_jw_fixed((w), (v), (decimals)))
#define ds_jw_kspan(w, key, start, end) (ds_jw_key(w, key), ds_jw_span((w), (start), (end)))
/* A [start, end] pair of byte offsets. */
void ds_jw_span(ds_jw *w, size_t start, size_t end);

/* True when one of the eight bytes of v (read in any order) needs a look
 * from a JSON writer or reader: a control byte, a quote, a backslash or a
 * byte of a multibyte sequence.  Plain ASCII text then costs a few
 * operations per eight bytes. */
static inline bool ds__json_needs_look(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    uint64_t zero_quote = (quote - ones) & ~quote;
    uint64_t zero_backslash = (backslash - ones) & ~backslash;
    uint64_t control = v - ones * 0x20; /* borrows where a byte is below 0x20 */
    return ((zero_quote | zero_backslash | (control & ~v) | v) & highs) != 0;
}

#endif
