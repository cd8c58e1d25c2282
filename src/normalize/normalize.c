#include "normalize.h"

#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A line whose every code point is "NFC-inert" is already in NFC and can
 * be copied as is; utf8proc runs only on the other lines.  Below U+0300
 * everything is inert.  Above, a code point is inert when nothing before it
 * can absorb it and NFC keeps it as it is: a starter (combining class 0)
 * that is not a mark, not a conjoining Hangul jamo, and either has no
 * canonical decomposition or is a precomposed letter that NFC composes back
 * (not excluded from composition, not a singleton such as OHM SIGN).
 * Curly quotes, dashes, Arabic letters and letters with diacritics such as
 * Ţ pass, so normalization stays off the profile for most text. */
enum { NFC_STABLE_BELOW = 0x300 };

static bool nfc_inert(int32_t cp)
{
    if (cp < NFC_STABLE_BELOW)
        return true;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return false;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
        p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME)
        return false;
    if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0)
        return true; /* no canonical decomposition */
    /* A precomposed character: inert when NFC gives it back unchanged
     * (not when it is excluded from composition or a singleton). */
    utf8proc_uint8_t one[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, one);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map(one, n, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    bool same = m == n && !memcmp(nfc, one, (size_t)n);
    free(nfc);
    return same;
}

/* Decodes one UTF-8 sequence strictly (no overlongs, no surrogates, nothing
 * above U+10FFFF).  Returns its length, or 0 if the bytes are invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

bool ds_looks_binary(const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return false;
    size_t probe = n < 8192 ? n : 8192, controls = 0;
    for (size_t i = 0; i < probe; i++) {
        if (s[i] == 0)
            return true;
        if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
            controls++;
    }
    /* Some exported text has a stray control byte; a tenth is binary. */
    return probe && controls * 10 > probe;
}

/* Converts UTF-16 with a byte-order mark to UTF-8 with iconv. */
static ds_status from_utf16(const char *in, size_t n, const char *name, size_t max,
                            ds_buf *out, ds_error *err)
{
    const unsigned char *s = (const unsigned char *)in;
    const char *enc = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return ds_error_set(err, DS_EUNSUPPORTED, "%s: cannot convert %s text", name, enc);
    ds_status rc = ds_buf_reserve(out, n * 2 < max ? n * 2 : max);
    char *src = (char *)in + 2;
    size_t left = n - 2;
    while (rc == DS_OK && left) {
        char *dst = out->p + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        out->len = (size_t)(dst - out->p);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            rc = ds_buf_reserve(out, out->cap);
        else
            rc = ds_error_set(err, DS_EFORMAT, "%s: invalid UTF-16 near byte %zu", name,
                              (size_t)(src - in));
    }
    if (rc == DS_ETOOBIG)
        ds_error_set(err, rc, "%s: text larger than %zu bytes", name, max);
    iconv_close(cd);
    if (out->p)
        out->p[out->len] = '\0';
    return rc;
}

/* Appends one line, composed to NFC when it holds anything that could
 * change.  The line is valid UTF-8 by the time it gets here. */
static ds_status put_line(ds_buf *out, const char *line, size_t n, bool needs_nfc)
{
    if (!needs_nfc)
        return ds_buf_append(out, line, n);
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)line, (utf8proc_ssize_t)n,
                                      &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0)
        return m == UTF8PROC_ERROR_NOMEM ? DS_ENOMEM : DS_EFORMAT;
    ds_status rc = ds_buf_append(out, dst, (size_t)m);
    free(dst); /* utf8proc allocates with the C library's malloc */
    return rc;
}

typedef struct {
    ds_buf line;       /* the current line, cleaned but not yet composed */
    int32_t seen_cp[64];  /* a small cache of nfc_inert answers: letters */
    bool seen_inert[64];  /* with diacritics recur through a document */
    bool needs_nfc;
    size_t invalid;    /* invalid sequences replaced so far */
    size_t first_invalid;
} cleaner;

static bool cached_inert(cleaner *c, int32_t cp)
{
    size_t slot = (size_t)cp % 64;
    if (c->seen_cp[slot] != cp) {
        c->seen_cp[slot] = cp;
        c->seen_inert[slot] = nfc_inert(cp);
    }
    return c->seen_inert[slot];
}

static ds_status flush_line(cleaner *c, ds_buf *out)
{
    ds_status rc = put_line(out, c->line.p ? c->line.p : "", c->line.len, c->needs_nfc);
    ds_buf_reset(&c->line);
    c->needs_nfc = false;
    return rc;
}

static ds_status clean(const char *in, size_t n, cleaner *c, ds_buf *out)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* the byte-order mark carries no text */
    ds_status rc = DS_OK;
    while (rc == DS_OK && i < n) {
        unsigned char b = s[i];
        if (b == '\n' || b == '\r' || b == '\f' || b == '\v') {
            rc = flush_line(c, out);
            if (rc == DS_OK)
                rc = ds_buf_putc(out, '\n');
            i += (b == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (b < 0x20 && b != '\t') { /* stray controls would confuse search */
            rc = ds_buf_putc(&c->line, ' ');
            i++;
            continue;
        }
        if (b < 0x80) {
            size_t j = i + 1;
            while (j < n && s[j] >= 0x20 && s[j] < 0x80)
                j++;
            rc = ds_buf_append(&c->line, s + i, j - i);
            i = j;
            continue;
        }
        int32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len) {
            if (!c->invalid++)
                c->first_invalid = i;
            rc = ds_buf_append(&c->line, replacement, 3);
            i++;
            continue;
        }
        if (cp == 0xFEFF) { /* a zero-width no-break space inside text */
            i += len;
            continue;
        }
        if (!c->needs_nfc && !cached_inert(c, cp))
            c->needs_nfc = true;
        rc = ds_buf_append(&c->line, s + i, len);
        i += len;
    }
    if (rc == DS_OK)
        rc = flush_line(c, out);
    return rc;
}

ds_status ds_normalize(const char *in, size_t n, const char *name, size_t max,
                       char **out, size_t *out_len, ds_warnings *warnings, ds_error *err)
{
    *out = NULL;
    *out_len = 0;
    ds_buf utf16;
    ds_buf_init(&utf16, max);
    const unsigned char *s = (const unsigned char *)in;
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        ds_status rc = from_utf16(in, n, name, max, &utf16, err);
        if (rc) {
            ds_buf_free(&utf16);
            return rc;
        }
        in = utf16.p ? utf16.p : "";
        n = utf16.len;
    }
    cleaner c = {0};
    ds_buf_init(&c.line, max);
    ds_buf result;
    ds_buf_init(&result, max);
    /* NFC rarely grows text; reserve the input size once to avoid copies. */
    ds_status rc = ds_buf_reserve(&result, n < max ? n : max);
    if (rc == DS_OK)
        rc = clean(in, n, &c, &result);
    ds_buf_free(&c.line);
    ds_buf_free(&utf16);
    if (rc) {
        ds_buf_free(&result);
        if (rc == DS_ETOOBIG)
            return ds_error_set(err, rc, "%s: normalized text larger than %zu bytes", name, max);
        if (rc == DS_ENOMEM)
            return ds_error_set(err, rc, "%s: out of memory while normalizing", name);
        return ds_error_set(err, rc, "%s: text could not be normalized to NFC", name);
    }
    if (c.invalid)
        ds_warn(warnings, "%s: %zu invalid UTF-8 sequence%s replaced with U+FFFD (first at byte %zu)",
                name, c.invalid, c.invalid == 1 ? "" : "s", c.first_invalid);
    *out = ds_buf_steal(&result, out_len);
    return *out ? DS_OK : ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
}

char *ds_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &folded,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (m < 0)
        return NULL;
    char *out = ds_malloc((size_t)m + 1);
    if (!out) {
        free(folded);
        return NULL;
    }
    size_t len = 0;
    bool space = false;
    for (utf8proc_ssize_t i = 0; i < m;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(folded + i, m - i, &cp);
        if (k <= 0)
            break;
        utf8proc_category_t cat = utf8proc_category(cp);
        bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        if (word) {
            if (space && len)
                out[len++] = ' ';
            space = false;
            memcpy(out + len, folded + i, (size_t)k);
            len += (size_t)k;
        } else {
            space = true;
        }
        i += k;
    }
    out[len] = '\0';
    free(folded);
    return out;
}
