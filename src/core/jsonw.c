#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ds_jw_init(ds_jw *w, ds_buf *b)
{
    *w = (ds_jw){.b = b};
}

/* Most writes are a few bytes into a buffer that has room, so that case
 * is copied here; growing, the cap and errors are left to ds_buf_append. */
static inline void put(ds_jw *w, const char *s, size_t n)
{
    ds_buf *b = w->b;
    if (w->st != DS_OK)
        return;
    if (n < b->cap - b->len && b->len + n <= b->max) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
        b->p[b->len] = '\0';
    } else
        w->st = ds_buf_append(b, s, n);
}

static void putc1(ds_jw *w, char c) { put(w, &c, 1); }

/* Writes the comma that separates a value from the one before it, unless
 * the value completes a key, and marks the container as having a member. */
static void before_value(ds_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    uint32_t bit = (uint32_t)1 << w->depth;
    if (w->depth && (w->started & bit))
        putc1(w, ',');
    w->started |= bit;
}

static void open_container(ds_jw *w, char c)
{
    before_value(w);
    if (w->depth + 1 >= DS_JW_DEPTH) {
        if (w->st == DS_OK)
            w->st = DS_EINVAL;
        return;
    }
    putc1(w, c);
    w->depth++;
    w->started &= ~((uint32_t)1 << w->depth);
}

static void close_container(ds_jw *w, char c)
{
    if (w->depth == 0) {
        if (w->st == DS_OK)
            w->st = DS_EINVAL;
        return;
    }
    w->depth--;
    putc1(w, c);
}

void ds_jw_object(ds_jw *w) { open_container(w, '{'); }
void ds_jw_array(ds_jw *w) { open_container(w, '['); }
void ds_jw_end_object(ds_jw *w) { close_container(w, '}'); }
void ds_jw_end_array(ds_jw *w) { close_container(w, ']'); }

void ds__jw_key_slow(ds_jw *w, const char *quoted, size_t n)
{
    before_value(w);
    put(w, quoted, n);
    w->after_key = true;
}

void ds_jw_keyn(ds_jw *w, const char *key, size_t n)
{
    /* The quoted key and its colon are copied in one piece when short, as
     * every key of the program is. */
    char quoted[64];
    before_value(w);
    if (n + 3 <= sizeof quoted) {
        quoted[0] = '"';
        memcpy(quoted + 1, key, n);
        memcpy(quoted + 1 + n, "\":", 2);
        put(w, quoted, n + 3);
    } else {
        putc1(w, '"');
        put(w, key, n);
        put(w, "\":", 2);
    }
    w->after_key = true;
}

void ds_jw_raw(ds_jw *w, const char *json, size_t n)
{
    before_value(w);
    put(w, json, n);
}

void ds_jw_null(ds_jw *w) { ds_jw_raw(w, "null", 4); }

void ds_jw_bool(ds_jw *w, bool v) { v ? ds_jw_raw(w, "true", 4) : ds_jw_raw(w, "false", 5); }

/* Decimal digits of v, written backwards from the end of buf; returns the
 * first digit. */
static char *digits(uint64_t v, char *end)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void ds_jw_int(ds_jw *w, int64_t v)
{
    char buf[24];
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = digits(mag, buf + sizeof buf);
    if (v < 0)
        *--p = '-';
    ds_jw_raw(w, p, (size_t)(buf + sizeof buf - p));
}

void ds_jw_number(ds_jw *w, double v)
{
    if (!isfinite(v)) {
        ds_jw_null(w);
        return;
    }
    if (v == floor(v) && fabs(v) < 9e15) {
        ds_jw_int(w, (int64_t)v);
        return;
    }
    /* The shortest of 15, 16 or 17 significant digits that reads back as
     * v: 17 always does, but prints 0.1 as 0.10000000000000001. */
    char buf[32];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (prec == 17 || strtod(buf, NULL) == v)
            break;
    }
    ds_jw_raw(w, buf, strlen(buf));
}

void ds_jw_fixed(ds_jw *w, double v, int decimals)
{
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0 || decimals > 9 || !isfinite(v) || fabs(v) * scale[decimals] > 9e15) {
        ds_jw_number(w, v);
        return;
    }
    int64_t q = (int64_t)llround(v * scale[decimals]);
    uint64_t mag = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
    uint64_t unit = (uint64_t)scale[decimals];
    char buf[48];
    char *end = buf + sizeof buf;
    /* The fraction's digits with trailing zeros dropped, at least one. */
    uint64_t frac = mag % unit;
    int n = decimals;
    while (n > 1 && frac % 10 == 0) {
        frac /= 10;
        n--;
    }
    char *p = end;
    for (int i = 0; i < n; i++) {
        *--p = (char)('0' + frac % 10);
        frac /= 10;
    }
    if (decimals == 0)
        *--p = '0';
    *--p = '.';
    p = digits(mag / unit, p);
    if (q < 0)
        *--p = '-';
    ds_jw_raw(w, p, (size_t)(end - p));
}

/* ---- strings ---------------------------------------------------------------- */

/* An escape for an ASCII byte that JSON does not allow as it is. */
static void put_escape(ds_jw *w, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 0};
    switch (c) {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default:
        memcpy(e + 1, "u00", 3);
        e[4] = hex[c >> 4];
        e[5] = hex[c & 15];
        put(w, e, 6);
        return;
    }
    put(w, e, 2);
}

/* The end of the run of bytes from p that go out as they are: printable
 * ASCII other than the quote and the backslash, and valid UTF-8. */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end)
{
    while (p < end) {
        uint64_t v;
        if (end - p >= 8 && (memcpy(&v, p, 8), !ds__json_needs_look(v))) {
            p += 8;
            continue;
        }
        if (*p < 0x80) {
            if (*p < 0x20 || *p == '"' || *p == '\\')
                return p;
            p++;
        } else {
            size_t len = ds_utf8_seq_len(p, (size_t)(end - p));
            if (!len)
                return p;
            p += len;
        }
    }
    return p;
}

/* Copies s[0..n) quoted into the buffer's spare room when it holds no byte
 * that needs an escape or a replacement (nearly every string does not),
 * checking and copying in one pass; false, with nothing written, when the
 * room is short or such a byte turns up. */
static bool quote_plain(ds_buf *b, const unsigned char *p, size_t n)
{
    /* Room for the quotes and for a whole eight-byte store at the tail. */
    if (n + 10 >= b->cap - b->len || b->len + n + 2 > b->max)
        return false;
    unsigned char *o = (unsigned char *)b->p + b->len;
    const unsigned char *end = p + n;
    *o++ = '"';
    while (p < end) {
        uint64_t v;
        size_t rem = (size_t)(end - p);
        if (rem >= 8)
            memcpy(&v, p, 8);
        else {
            /* The last few bytes, padded with spaces (which need no look),
             * are tested and stored as one word; the padding lands in room
             * that the closing quote and later writes overwrite. */
            unsigned char tail[8] = "        ";
            for (size_t i = 0; i < rem; i++)
                tail[i] = p[i];
            memcpy(&v, tail, 8);
        }
        if (!ds__json_needs_look(v)) {
            size_t k = rem < 8 ? rem : 8;
            memcpy(o, &v, 8);
            o += k;
            p += k;
        } else if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
            *o++ = *p++;
        } else {
            size_t len = *p >= 0x80 ? ds_utf8_seq_len(p, (size_t)(end - p)) : 0;
            if (!len)
                return false;
            memcpy(o, p, len);
            o += len;
            p += len;
        }
    }
    *o++ = '"';
    b->len = (size_t)((char *)o - b->p);
    b->p[b->len] = '\0';
    return true;
}

void ds_jw_strn(ds_jw *w, const char *s, size_t n)
{
    before_value(w);
    if (w->st == DS_OK && quote_plain(w->b, (const unsigned char *)s, n))
        return;
    putc1(w, '"');
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end && w->st == DS_OK) {
        const unsigned char *run = p;
        p = plain_run(p, end);
        put(w, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        if (*p < 0x80)
            put_escape(w, *p);
        else
            put(w, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not UTF-8 */
        p++;
    }
    putc1(w, '"');
}

void ds_jw_str(ds_jw *w, const char *s)
{
    if (s)
        ds_jw_strn(w, s, strlen(s));
    else
        ds_jw_null(w);
}

void ds_jw_span(ds_jw *w, size_t start, size_t end)
{
    ds_jw_array(w);
    ds_jw_int(w, (int64_t)start);
    ds_jw_int(w, (int64_t)end);
    ds_jw_end_array(w);
}
