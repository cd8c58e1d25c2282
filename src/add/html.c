/* HTML text extraction with libxml2's HTML parser.
 *
 * The work is done in four steps:
 *  1. The bytes are decoded to UTF-8 here, not by libxml2: the declared
 *     charset (BOM, XML declaration, <meta>) is found by a prescan like a
 *     browser's and decoded with iconv, an undecodable byte becoming U+FFFD.
 *     libxml2 would stop at the first undecodable byte and print to stderr.
 *  2. libxml2 parses the UTF-8 into a tree, never touching the network and
 *     with its error output silenced for the duration of the call.
 *  3. The main text is chosen (<main>, role=main or the largest <article>,
 *     else <body>) and written out with block elements as line and
 *     paragraph breaks, dropping page furniture: elements that never hold
 *     text (scripts, styles, forms' controls), structural furniture (nav,
 *     aside, footer, header outside the main text) and elements whose class,
 *     id or role match a cue of data/html_boilerplate.tsv.
 *  4. Metadata is read from <meta>, <link>, <title>, <time> and bylines.
 *
 * Every walk over the tree is iterative, so a hostile page nested deeper
 * than the stack allows cannot crash the extractor (libxml2 itself stops
 * nesting at 256 levels, but the walks do not rely on it). */
#include "extract.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/* ---- Decoding -------------------------------------------------------- */

/* Browsers look for a <meta> charset in the first 1024 bytes; real pages
 * sometimes put a long inline script first, so the prescan reads further. */
enum { PRESCAN_BYTES = 8192, LABEL_MAX = 40 };

typedef struct charset_alias {
    const char *label;
    const char *iconv_name;
} charset_alias;

/* Labels that browsers decode as a superset encoding (the WHATWG Encoding
 * Standard): pages labelled ISO-8859-1 are in practice windows-1252, and a
 * <meta> that claims UTF-16 in an ASCII-compatible page is wrong.  Labels
 * not listed here go to iconv as they are. */
static const charset_alias aliases[] = {
    {"ansi_x3.4-1968", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},         {"cp819", "WINDOWS-1252"},
    {"ibm819", "WINDOWS-1252"},         {"iso-8859-1", "WINDOWS-1252"},
    {"iso-ir-100", "WINDOWS-1252"},     {"iso8859-1", "WINDOWS-1252"},
    {"iso88591", "WINDOWS-1252"},       {"iso_8859-1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},             {"latin1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"},       {"x-cp1252", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"},     {"iso8859-9", "WINDOWS-1254"},
    {"iso_8859-9", "WINDOWS-1254"},     {"l5", "WINDOWS-1254"},
    {"latin5", "WINDOWS-1254"},         {"iso-8859-11", "WINDOWS-874"},
    {"tis-620", "WINDOWS-874"},         {"x-cp1256", "WINDOWS-1256"},
    {"gb2312", "GBK"},                  {"x-gbk", "GBK"},
    {"chinese", "GBK"},                 {"csgb2312", "GBK"},
    {"ks_c_5601-1987", "CP949"},        {"euc-kr", "CP949"},
    {"korean", "CP949"},                {"shift_jis", "WINDOWS-31J"},
    {"x-sjis", "WINDOWS-31J"},          {"ms_kanji", "WINDOWS-31J"},
    {"utf-16", "UTF-8"},                {"utf-16le", "UTF-8"},
    {"utf-16be", "UTF-8"},              {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
};

typedef struct charset {
    char name[LABEL_MAX + 1]; /* an iconv name */
    size_t skip;              /* bytes of byte-order mark to skip */
} charset;

static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Case-insensitive search of an ASCII needle in s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return s + i;
    return NULL;
}

/* Accepts a charset label when it looks like one, lowercased and mapped to
 * the name given to iconv.  Returns false for anything odd, which then
 * counts as no declaration at all. */
static bool set_label(charset *cs, const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s))
        s++, n--;
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > LABEL_MAX)
        return false;
    char low[LABEL_MAX + 1];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && !strchr("-_.:+", c))
            return false;
        low[i] = (char)tolower(c);
    }
    low[n] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(low, aliases[i].label) == 0) {
            snprintf(cs->name, sizeof cs->name, "%s", aliases[i].iconv_name);
            return true;
        }
    }
    snprintf(cs->name, sizeof cs->name, "%s", low);
    return true;
}

/* Reads the value of an attribute at *p (just after '='), quoted or not. */
static void attr_value(const char **p, const char *end, const char **v, size_t *vn)
{
    const char *s = *p;
    while (s < end && is_space((unsigned char)*s))
        s++;
    if (s < end && (*s == '"' || *s == '\'')) {
        char q = *s++;
        const char *close = memchr(s, q, (size_t)(end - s));
        const char *stop = close ? close : end;
        *v = s;
        *vn = (size_t)(stop - s);
        *p = close ? close + 1 : end;
        return;
    }
    *v = s;
    while (s < end && !is_space((unsigned char)*s) && *s != '>')
        s++;
    *vn = (size_t)(s - *v);
    *p = s;
}

/* The charset named in a Content-Type value: "text/html; charset=x". */
static bool charset_in_content(charset *cs, const char *v, size_t n)
{
    const char *c = find_ci(v, n, "charset");
    if (!c)
        return false;
    const char *end = v + n;
    c += 7;
    while (c < end && is_space((unsigned char)*c))
        c++;
    if (c >= end || *c != '=')
        return false;
    c++;
    while (c < end && (is_space((unsigned char)*c) || *c == '"' || *c == '\''))
        c++;
    size_t len = 0;
    while (c + len < end && !strchr(" \t\r\n;\"'", c[len]))
        len++;
    return set_label(cs, c, len);
}

/* Reads the attributes of one <meta> tag starting at p; returns true when
 * it declares a charset. */
static bool meta_charset(charset *cs, const char *p, const char *end)
{
    const char *content = NULL;
    size_t content_n = 0;
    bool content_type = false;
    while (p < end && *p != '>') {
        if (is_space((unsigned char)*p) || *p == '/') {
            p++;
            continue;
        }
        const char *name = p;
        while (p < end && !is_space((unsigned char)*p) && !strchr("=>/", *p))
            p++;
        size_t name_n = (size_t)(p - name);
        while (p < end && is_space((unsigned char)*p))
            p++;
        const char *v = "";
        size_t vn = 0;
        if (p < end && *p == '=') {
            p++;
            attr_value(&p, end, &v, &vn);
        }
        if (name_n == 7 && strncasecmp(name, "charset", 7) == 0)
            return set_label(cs, v, vn);
        if (name_n == 10 && strncasecmp(name, "http-equiv", 10) == 0)
            content_type = vn == 12 && strncasecmp(v, "content-type", 12) == 0;
        if (name_n == 7 && strncasecmp(name, "content", 7) == 0) {
            content = v;
            content_n = vn;
        }
    }
    return content_type && content && charset_in_content(cs, content, content_n);
}

/* The encoding of an <?xml ... encoding="x"?> declaration at the start. */
static bool xml_declaration(charset *cs, const char *p, size_t n)
{
    if (n < 5 || memcmp(p, "<?xml", 5) != 0)
        return false;
    size_t limit = n < 1024 ? n : 1024;
    const char *close = memmem(p, limit, "?>", 2);
    if (!close)
        return false;
    const char *enc = find_ci(p, (size_t)(close - p), "encoding");
    if (!enc)
        return false;
    const char *q = enc + 8;
    while (q < close && is_space((unsigned char)*q))
        q++;
    if (q >= close || *q != '=')
        return false;
    q++;
    const char *v;
    size_t vn;
    attr_value(&q, close, &v, &vn);
    return set_label(cs, v, vn);
}

/* Finds the page's declared charset: a byte-order mark wins, then an XML
 * declaration, then the first <meta> that names one outside comments.
 * Undeclared pages are UTF-8. */
static void sniff_charset(const char *p, size_t n, charset *cs)
{
    cs->skip = 0;
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(cs->name, sizeof cs->name, "UTF-8");
        cs->skip = 3;
        return;
    }
    if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        snprintf(cs->name, sizeof cs->name, u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE");
        cs->skip = 2;
        return;
    }
    if (xml_declaration(cs, p, n))
        return;
    const char *end = p + (n < PRESCAN_BYTES ? n : PRESCAN_BYTES);
    for (const char *s = p; s < end; s++) {
        if (*s != '<')
            continue;
        if ((size_t)(end - s) >= 4 && memcmp(s, "<!--", 4) == 0) {
            const char *close = memmem(s + 4, (size_t)(end - s - 4), "-->", 3);
            if (!close)
                break;
            s = close + 2;
            continue;
        }
        if ((size_t)(end - s) > 6 && strncasecmp(s, "<meta", 5) == 0 &&
            (is_space((unsigned char)s[5]) || s[5] == '/') && meta_charset(cs, s + 5, end))
            return;
    }
    snprintf(cs->name, sizeof cs->name, "UTF-8");
}

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Copies s[0..n) into out as valid UTF-8 without NUL bytes: every byte
 * that does not start a valid sequence becomes U+FFFD. */
static ds_status utf8_repair(const char *s, size_t n, ds_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        size_t len;
        while (run < n && u[run] != 0 && (len = utf8_len(u + run, n - run)) > 0)
            run += len;
        ds_status rc = ds_buf_append(out, s + i, run - i);
        if (rc)
            return rc;
        if (run == n)
            break;
        if (u[run] != 0 && (rc = ds_buf_append(out, REPLACEMENT, 3)) != DS_OK)
            return rc;
        i = run + 1;
    }
    return DS_OK;
}

/* Decodes with iconv into out, turning each undecodable byte into U+FFFD
 * and going on; the result is then repaired like UTF-8 input, which only
 * removes NUL characters. */
static ds_status iconv_decode(iconv_t cd, const char *s, size_t n, ds_buf *out)
{
    ds_buf raw;
    ds_buf_init(&raw, out->max);
    char *in = (char *)s;
    size_t left = n;
    ds_status rc = DS_OK;
    while (left > 0) {
        if ((rc = ds_buf_reserve(&raw, left + 64)) != DS_OK)
            goto done;
        char *dst = raw.p + raw.len;
        size_t room = raw.cap - raw.len - 1;
        size_t r = iconv(cd, &in, &left, &dst, &room);
        int e = errno;
        raw.len = (size_t)(dst - raw.p);
        if (r != (size_t)-1 || e == E2BIG)
            continue;
        /* An invalid sequence, or one cut off by the end of the input. */
        if ((rc = ds_buf_append(&raw, REPLACEMENT, 3)) != DS_OK)
            goto done;
        if (e == EINVAL)
            break;
        in++;
        left--;
    }
    /* A stateful encoding (ISO-2022-JP) may owe a last character. */
    if ((rc = ds_buf_reserve(&raw, 64)) != DS_OK)
        goto done;
    char *dst = raw.p + raw.len;
    size_t room = raw.cap - raw.len - 1;
    iconv(cd, NULL, NULL, &dst, &room);
    raw.len = (size_t)(dst - raw.p);
    rc = utf8_repair(raw.p, raw.len, out);
done:
    ds_buf_free(&raw);
    return rc;
}

/* Turns the page into UTF-8.  *out points either into the input (when it is
 * clean UTF-8 already) or to *owned, which the caller frees. */
static ds_status decode(const char *bytes, size_t n, const char **out, size_t *out_len,
                        char **owned)
{
    charset cs;
    sniff_charset(bytes, n, &cs);
    bytes += cs.skip;
    n -= cs.skip;
    *owned = NULL;
    /* UTF-8 grows at most threefold: one byte becomes U+FFFD at worst. */
    if (n > (SIZE_MAX - 64) / 4)
        return DS_ETOOBIG;
    ds_buf b;
    ds_buf_init(&b, n * 4 + 64);
    ds_status rc;
    iconv_t cd = (iconv_t)-1;
    if (strcmp(cs.name, "UTF-8") != 0)
        cd = iconv_open("UTF-8", cs.name);
    if (cd != (iconv_t)-1) {
        rc = iconv_decode(cd, bytes, n, &b);
        iconv_close(cd);
    } else {
        size_t i = 0, len;
        while (i < n && bytes[i] != 0 && (len = utf8_len((const unsigned char *)bytes + i, n - i)))
            i += len;
        if (i == n) {
            *out = bytes;
            *out_len = n;
            return DS_OK;
        }
        rc = utf8_repair(bytes, n, &b);
    }
    if (rc) {
        ds_buf_free(&b);
        return rc;
    }
    *owned = ds_buf_steal(&b, out_len);
    if (!*owned)
        return DS_ENOMEM;
    *out = *owned;
    return DS_OK;
}
