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
    {"utf-8", "UTF-8"},                 {"unicode-1-1-utf-8", "UTF-8"},
};

typedef struct charset {
    char name[LABEL_MAX + 1]; /* an iconv name */
    size_t skip;              /* bytes of byte-order mark to skip */
} charset;

static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* strchr would find a NUL byte of the input in the set's terminator. */
static bool in_set(char c, const char *set) { return c != '\0' && strchr(set, c); }

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
        if (!isalnum(c) && !in_set((char)c, "-_.:+"))
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
    while (c + len < end && !in_set(c[len], " \t\r\n;\"'"))
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
        while (p < end && !is_space((unsigned char)*p) && !in_set(*p, "=>/"))
            p++;
        size_t name_n = (size_t)(p - name);
        if (name_n == 0) { /* a stray '=' */
            p++;
            continue;
        }
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

/* The length of the clean UTF-8 prefix of s[0..n): valid and free of NUL. */
static size_t clean_prefix(const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n && s[i] != 0 && (len = ds_utf8_seq_len((const unsigned char *)s + i, n - i)))
        i += len;
    return i;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Copies s[0..n) into out as valid UTF-8 without NUL bytes: every byte
 * that does not start a valid sequence becomes U+FFFD. */
static ds_status utf8_repair(const char *s, size_t n, ds_buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t run = i + clean_prefix(s + i, n - i);
        ds_status rc = ds_buf_append(out, s + i, run - i);
        if (rc)
            return rc;
        if (run == n)
            break;
        if (s[run] != 0 && (rc = ds_buf_append(out, REPLACEMENT, 3)) != DS_OK)
            return rc;
        i = run + 1;
    }
    return DS_OK;
}

/* Decodes with iconv into out, turning each undecodable code unit (a byte,
 * or two for UTF-16) into U+FFFD and going on; the result is then repaired
 * like UTF-8 input, which only removes NUL characters. */
static ds_status iconv_decode(iconv_t cd, size_t unit, const char *s, size_t n, ds_buf *out)
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
        if (e == EINVAL || left <= unit)
            break;
        in += unit;
        left -= unit;
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
    /* No encoding turns one byte into more than three bytes of UTF-8 (a
     * U+FFFD for a bad byte is the worst case). */
    if (n > (SIZE_MAX - 64) / 3)
        return DS_ETOOBIG;
    ds_buf b;
    ds_buf_init(&b, n * 3 + 64);
    ds_status rc;
    iconv_t cd = (iconv_t)-1;
    if (strcasecmp(cs.name, "UTF-8") != 0)
        cd = iconv_open("UTF-8", cs.name);
    if (cd != (iconv_t)-1) {
        size_t unit = ds_str_iprefix(cs.name, "UTF-16") ? 2 : 1;
        rc = iconv_decode(cd, unit, bytes, n, &b);
        iconv_close(cd);
    } else {
        if (clean_prefix(bytes, n) == n) {
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

/* ---- Boilerplate cues ------------------------------------------------ */

enum { CUE_MAX = 48, CUES_LIMIT = 1024, TOKEN_MAX = 128 };

typedef enum cue_kind { CUE_CLASS, CUE_ROLE } cue_kind;

typedef struct cue {
    char word[CUE_MAX];
    cue_kind kind;
} cue;

typedef struct cue_list {
    cue *items;
    size_t n, cap;
} cue_list;

static const char BOILERPLATE_FILE[] = "html_boilerplate.tsv";

/* Used when data/html_boilerplate.tsv cannot be found, so that an
 * installation without its data files still drops the obvious furniture. */
static const char *const builtin_classes[] = {
    "nav", "navbar", "menu", "breadcrumb", "share", "social", "cookie", "consent",
    "comment", "comments", "related", "sidebar", "newsletter", "subscribe", "advert",
    "skip-link", "sr-only", "visually-hidden",
};
static const char *const builtin_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog",
};

static ds_status cue_add(cue_list *l, const char *word, cue_kind kind)
{
    cue *items = ds_grow(l->items, &l->cap, l->n, sizeof *items);
    if (!items)
        return DS_ENOMEM;
    l->items = items;
    cue *c = &l->items[l->n++];
    size_t i = 0;
    for (; word[i]; i++)
        c->word[i] = word[i] == '_' ? '-' : (char)tolower((unsigned char)word[i]);
    c->word[i] = '\0';
    c->kind = kind;
    return DS_OK;
}

typedef struct cue_loader {
    cue_list *list;
    const char *path;
} cue_loader;

static ds_status cue_row(void *ud, char **fields, size_t n_fields, size_t line, ds_error *err)
{
    cue_loader *ld = ud;
    char *word = ds_str_trim(fields[0]);
    char *kind = n_fields > 1 ? ds_str_trim(fields[1]) : "";
    cue_kind k;
    if (strcmp(kind, "class") == 0)
        k = CUE_CLASS;
    else if (strcmp(kind, "role") == 0)
        k = CUE_ROLE;
    else
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: kind \"%s\" is neither class nor role",
                            ld->path, line, kind);
    if (!*word || strlen(word) >= CUE_MAX || strpbrk(word, " \t"))
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: a cue is one word of at most %d bytes", ld->path, line,
                            CUE_MAX - 1);
    if (ld->list->n >= CUES_LIMIT)
        return ds_error_set(err, DS_ETOOBIG, "%s: more than %d cues", ld->path, CUES_LIMIT);
    if (cue_add(ld->list, word, k))
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", ld->path);
    return DS_OK;
}

static ds_status load_cues(cue_list *l, ds_error *err)
{
    char path[4096];
    if (ds_data_path(BOILERPLATE_FILE, path, sizeof path, NULL) == DS_OK) {
        cue_loader ld = {l, path};
        return ds_tsv_read(path, cue_row, &ld, err);
    }
    for (size_t i = 0; i < sizeof builtin_classes / sizeof *builtin_classes; i++)
        if (cue_add(l, builtin_classes[i], CUE_CLASS))
            return ds_error_set(err, DS_ENOMEM, "out of memory");
    for (size_t i = 0; i < sizeof builtin_roles / sizeof *builtin_roles; i++)
        if (cue_add(l, builtin_roles[i], CUE_ROLE))
            return ds_error_set(err, DS_ENOMEM, "out of memory");
    return DS_OK;
}

/* Whether cue occurs in tok as whole words: bounded by the ends of tok or
 * by '-'. */
static bool word_match(const char *tok, size_t tlen, const char *cue_word)
{
    size_t clen = strlen(cue_word);
    for (size_t i = 0; i + clen <= tlen; i++) {
        if ((i == 0 || tok[i - 1] == '-') && memcmp(tok + i, cue_word, clen) == 0 &&
            (i + clen == tlen || tok[i + clen] == '-'))
            return true;
    }
    return false;
}

/* Lowercases a class name or id into words separated by '-': '_' and
 * camelCase humps ("mainNav") become '-'.  Returns 0 when the name is too
 * long to be anything but a generated hash. */
static size_t normalize_token(const char *s, size_t n, char *buf)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool hump = i > 0 && isupper(c) && islower((unsigned char)s[i - 1]);
        if (len + 2 > TOKEN_MAX)
            return 0;
        if (hump)
            buf[len++] = '-';
        buf[len++] = c == '_' ? '-' : (char)tolower(c);
    }
    return len;
}

static bool layout_modifier(const char *tok, size_t len)
{
    return (len > 4 && memcmp(tok, "has-", 4) == 0) || (len > 5 && memcmp(tok, "with-", 5) == 0) ||
           (len > 3 && memcmp(tok, "no-", 3) == 0);
}

/* Whether any space-separated token of a class or id value matches a class
 * cue. */
static bool classes_match(const cue_list *l, const char *value)
{
    const char *p = value;
    char tok[TOKEN_MAX];
    while (*p) {
        while (*p && is_space((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && !is_space((unsigned char)*p))
            p++;
        size_t len = normalize_token(start, (size_t)(p - start), tok);
        if (len == 0 || layout_modifier(tok, len))
            continue;
        for (size_t i = 0; i < l->n; i++)
            if (l->items[i].kind == CUE_CLASS && word_match(tok, len, l->items[i].word))
                return true;
    }
    return false;
}

static bool role_match(const cue_list *l, const char *role)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].kind == CUE_ROLE && ds_str_ieq(role, l->items[i].word))
            return true;
    return false;
}

/* ---- Elements -------------------------------------------------------- */

typedef enum el_kind {
    EL_INLINE = 0, /* everything not listed: text flows through */
    EL_VOID,       /* never holds readable text: scripts, media, controls */
    EL_FURNITURE,  /* page furniture, dropped except when nothing else is left */
    EL_HEADER,     /* kept inside the main text, furniture outside it */
    EL_BLOCK,      /* a paragraph of its own */
    EL_LINE,       /* a line of its own: dt, dd, table rows */
    EL_ITEM,       /* a list item: a line that starts with "- " */
    EL_CELL,       /* a table cell: " | " between cells of a row */
    EL_BREAK,      /* <br> */
    EL_PRE,        /* preformatted: white space kept */
} el_kind;

typedef struct el_entry {
    const char *name;
    el_kind kind;
} el_entry;

/* Sorted by name for bsearch. */
static const el_entry elements[] = {
    {"address", EL_BLOCK},    {"applet", EL_VOID},      {"article", EL_BLOCK},
    {"aside", EL_FURNITURE},  {"audio", EL_VOID},       {"base", EL_VOID},
    {"blockquote", EL_BLOCK}, {"body", EL_BLOCK},       {"br", EL_BREAK},
    {"button", EL_VOID},      {"canvas", EL_VOID},      {"caption", EL_BLOCK},
    {"center", EL_BLOCK},     {"datalist", EL_VOID},    {"dd", EL_LINE},
    {"details", EL_BLOCK},    {"dialog", EL_FURNITURE}, {"div", EL_BLOCK},
    {"dl", EL_BLOCK},         {"dt", EL_LINE},          {"embed", EL_VOID},
    {"fieldset", EL_BLOCK},   {"figcaption", EL_BLOCK}, {"figure", EL_BLOCK},
    {"footer", EL_FURNITURE}, {"form", EL_BLOCK},       {"frame", EL_VOID},
    {"frameset", EL_VOID},    {"h1", EL_BLOCK},         {"h2", EL_BLOCK},
    {"h3", EL_BLOCK},         {"h4", EL_BLOCK},         {"h5", EL_BLOCK},
    {"h6", EL_BLOCK},         {"head", EL_VOID},        {"header", EL_HEADER},
    {"hgroup", EL_BLOCK},     {"hr", EL_BLOCK},         {"html", EL_BLOCK},
    {"iframe", EL_VOID},      {"img", EL_VOID},         {"input", EL_VOID},
    {"label", EL_FURNITURE},  {"legend", EL_BLOCK},     {"li", EL_ITEM},
    {"link", EL_VOID},        {"listing", EL_PRE},      {"main", EL_BLOCK},
    {"map", EL_VOID},         {"math", EL_VOID},        {"menu", EL_FURNITURE},
    {"meta", EL_VOID},        {"meter", EL_VOID},       {"nav", EL_FURNITURE},
    {"noembed", EL_VOID},     {"noframes", EL_VOID},    {"noscript", EL_VOID},
    {"object", EL_VOID},      {"ol", EL_BLOCK},         {"optgroup", EL_VOID},
    {"option", EL_VOID},      {"output", EL_VOID},      {"p", EL_BLOCK},
    {"param", EL_VOID},       {"picture", EL_VOID},     {"plaintext", EL_PRE},
    {"pre", EL_PRE},          {"progress", EL_VOID},    {"script", EL_VOID},
    {"section", EL_BLOCK},    {"select", EL_VOID},      {"source", EL_VOID},
    {"style", EL_VOID},       {"summary", EL_BLOCK},    {"svg", EL_VOID},
    {"table", EL_BLOCK},      {"td", EL_CELL},          {"template", EL_VOID},
    {"textarea", EL_VOID},    {"th", EL_CELL},          {"title", EL_VOID},
    {"tr", EL_LINE},          {"track", EL_VOID},       {"ul", EL_BLOCK},
    {"video", EL_VOID},       {"xmp", EL_PRE},
};

static int el_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const el_entry *)entry)->name);
}

static el_kind kind_of(xmlNodePtr n)
{
    const el_entry *e = bsearch(n->name, elements, sizeof elements / sizeof *elements,
                                sizeof *elements, el_cmp);
    return e ? e->kind : EL_INLINE;
}

static bool is_el(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The value of an attribute, without copying: the HTML parser stores each
 * attribute value as one text node with entities already replaced. */
static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

static bool has_token(const char *list, const char *word)
{
    size_t wn = strlen(word);
    for (const char *p = list; p && *p;) {
        while (*p && is_space((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && !is_space((unsigned char)*p))
            p++;
        if ((size_t)(p - start) == wn && strncasecmp(start, word, wn) == 0)
            return true;
    }
    return false;
}

/* An inline style that hides the element. */
static bool style_hidden(const char *style)
{
    char flat[64];
    const char *props[] = {"display:none", "visibility:hidden"};
    for (const char *p = style; *p;) {
        size_t len = 0;
        for (; *p && *p != ';'; p++)
            if (!is_space((unsigned char)*p) && len + 1 < sizeof flat)
                flat[len++] = (char)tolower((unsigned char)*p);
        flat[len] = '\0';
        if (*p)
            p++;
        for (size_t i = 0; i < 2; i++)
            if (strncmp(flat, props[i], strlen(props[i])) == 0)
                return true;
    }
    return false;
}

/* Whether the element's attributes mark it as hidden or as furniture.  The
 * page's own frame (html, body, main) is never dropped this way. */
static bool dropped_by_attributes(const cue_list *cues, xmlNodePtr n)
{
    if (is_el(n, "html") || is_el(n, "body") || is_el(n, "main"))
        return false;
    const char *v;
    if (attr(n, "hidden"))
        return true;
    if ((v = attr(n, "aria-hidden")) && ds_str_ieq(v, "true"))
        return true;
    if ((v = attr(n, "style")) && style_hidden(v))
        return true;
    if ((v = attr(n, "role")) && role_match(cues, v))
        return true;
    if ((v = attr(n, "class")) && classes_match(cues, v))
        return true;
    return (v = attr(n, "id")) && classes_match(cues, v);
}

/* ---- Walking the tree ------------------------------------------------ */

/* What a visitor tells the walk after seeing a node. */
typedef enum visit { V_STOP = -1, V_SKIP = 0, V_DESCEND = 1 } visit;

typedef struct visitor {
    visit (*enter)(void *ctx, xmlNodePtr n);
    void (*leave)(void *ctx, xmlNodePtr n); /* after the children of a V_DESCEND node */
    void *ctx;
} visitor;

/* Visits the descendants of root in document order without recursion:
 * the tree's parent and sibling links are the stack.  Only elements are
 * descended into; entity references would lead out of the tree. */
static void walk(xmlNodePtr root, const visitor *v)
{
    xmlNodePtr n = root->children;
    while (n) {
        visit r = v->enter(v->ctx, n);
        if (r == V_STOP)
            return;
        if (r == V_DESCEND && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        if (r == V_DESCEND && v->leave)
            v->leave(v->ctx, n);
        while (!n->next) {
            n = n->parent;
            if (!n || n == root)
                return;
            if (v->leave)
                v->leave(v->ctx, n);
        }
        n = n->next;
    }
}

/* ---- Writing the main text ------------------------------------------- */

enum { BREAK_NONE, BREAK_LINE, BREAK_PARA };

typedef struct writer {
    const cue_list *cues;  /* NULL in the lenient pass: no cues, no furniture */
    bool keep_header;      /* <header> belongs to the chosen main text */
    ds_buf *out;           /* NULL to count text bytes only */
    size_t count;
    ds_status rc;
    int brk;               /* the strongest break asked for since the last text */
    bool space;            /* white space seen since the last text */
    bool cell;             /* a table cell started since the last text */
    bool item;             /* a list item waits for its "- " */
    int brs;               /* <br> in a row since the last text */
    int pre;               /* depth of <pre> */
    int items;             /* depth of <li> */
} writer;

static void want_break(writer *w, int level)
{
    /* Paragraph breaks inside a list item would split the list. */
    if (w->items > 0 && level > BREAK_LINE)
        level = BREAK_LINE;
    if (level > w->brk)
        w->brk = level;
}

/* Writes one run of non-blank text, preceded by whatever break, cell
 * separator, space or list marker is pending. */
static void put_text(writer *w, const char *s, size_t n)
{
    if (!w->out) {
        w->count += n;
    } else {
        ds_buf *b = w->out;
        ds_status rc = DS_OK;
        if (b->len > 0) {
            if (w->brk) {
                while (b->len > 0 && b->p[b->len - 1] == ' ')
                    b->p[--b->len] = '\0';
                rc = ds_buf_append(b, "\n\n", w->brk == BREAK_PARA ? 2 : 1);
            } else if (w->cell) {
                rc = ds_buf_append(b, " | ", 3);
            } else if (w->space) {
                rc = ds_buf_putc(b, ' ');
            }
        }
        if (!rc && w->item)
            rc = ds_buf_append(b, "- ", 2);
        if (!rc)
            rc = ds_buf_append(b, s, n);
        w->rc = rc;
    }
    w->brk = BREAK_NONE;
    w->space = w->cell = w->item = false;
    w->brs = 0;
}

/* Flowing text: runs of white space become one space. */
static void text_flow(writer *w, const char *s)
{
    while (*s && !w->rc) {
        if (is_space((unsigned char)*s)) {
            w->space = true;
            s++;
            continue;
        }
        size_t n = 0;
        while (s[n] && !is_space((unsigned char)s[n]))
            n++;
        put_text(w, s, n);
        s += n;
    }
}

/* Preformatted text: lines are kept, one empty line or more becomes a
 * paragraph break, and spaces inside a line stay as they are. */
static void text_pre(writer *w, const char *s)
{
    int newlines = 0;
    while (*s && !w->rc) {
        if (*s == '\n') {
            newlines++;
            want_break(w, newlines > 1 ? BREAK_PARA : BREAK_LINE);
            s++;
            continue;
        }
        size_t n = strcspn(s, "\n");
        size_t start = 0, end = n;
        while (start < end && is_space((unsigned char)s[start]))
            start++;
        while (end > start && is_space((unsigned char)s[end - 1]))
            end--;
        if (end > start) {
            put_text(w, s + start, end - start);
            newlines = 0;
        }
        s += n;
    }
}

static visit writer_enter(void *ctx, xmlNodePtr n)
{
    writer *w = ctx;
    if (w->rc)
        return V_STOP;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            (w->pre ? text_pre : text_flow)(w, (const char *)n->content);
        return w->rc ? V_STOP : V_SKIP;
    }
    if (n->type != XML_ELEMENT_NODE)
        return V_SKIP;
    el_kind k = kind_of(n);
    if (k == EL_VOID)
        return V_SKIP;
    if (w->cues && (k == EL_FURNITURE || (k == EL_HEADER && !w->keep_header) ||
                    dropped_by_attributes(w->cues, n)))
        return V_SKIP;
    switch (k) {
    case EL_BLOCK:
    case EL_HEADER:
    case EL_FURNITURE:
        want_break(w, BREAK_PARA);
        break;
    case EL_PRE:
        want_break(w, BREAK_PARA);
        w->pre++;
        break;
    case EL_LINE:
        want_break(w, BREAK_LINE);
        break;
    case EL_ITEM:
        want_break(w, BREAK_LINE);
        w->items++;
        w->item = true;
        break;
    case EL_CELL:
        w->cell = true;
        break;
    case EL_BREAK:
        w->brs++;
        want_break(w, w->brs > 1 ? BREAK_PARA : BREAK_LINE);
        return V_SKIP;
    default:
        break;
    }
    return V_DESCEND;
}

static void writer_leave(void *ctx, xmlNodePtr n)
{
    writer *w = ctx;
    switch (kind_of(n)) {
    case EL_BLOCK:
    case EL_HEADER:
    case EL_FURNITURE:
        want_break(w, BREAK_PARA);
        break;
    case EL_PRE:
        w->pre--;
        want_break(w, BREAK_PARA);
        break;
    case EL_LINE:
        want_break(w, BREAK_LINE);
        break;
    case EL_ITEM:
        w->items--;
        w->item = false; /* an item without text gets no marker */
        want_break(w, BREAK_LINE);
        break;
    default:
        break;
    }
}

static ds_status write_text(xmlNodePtr root, const cue_list *cues, bool keep_header,
                            ds_buf *out)
{
    writer w = {.cues = cues, .keep_header = keep_header, .out = out};
    visitor v = {writer_enter, writer_leave, &w};
    ds_buf_reset(out);
    walk(root, &v);
    return w.rc;
}

/* The number of text bytes the strict rules keep under root. */
static size_t text_size(xmlNodePtr root, const cue_list *cues)
{
    writer w = {.cues = cues, .keep_header = true};
    visitor v = {writer_enter, writer_leave, &w};
    walk(root, &v);
    return w.count;
}

/* ---- Choosing the main text ------------------------------------------ */

typedef struct finder {
    const cue_list *cues;
    xmlNodePtr main;
    xmlNodePtr article;
    size_t article_size;
} finder;

/* Looks for <main> (or role=main) and for the largest outermost <article>
 * outside the furniture.  Articles are measured once each and not entered,
 * so the search stays linear in the size of the page. */
static visit finder_enter(void *ctx, xmlNodePtr n)
{
    finder *f = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return V_SKIP;
    el_kind k = kind_of(n);
    if (k == EL_VOID || k == EL_FURNITURE || k == EL_HEADER ||
        dropped_by_attributes(f->cues, n))
        return V_SKIP;
    const char *role = attr(n, "role");
    if (!f->main && (is_el(n, "main") || (role && ds_str_ieq(role, "main")))) {
        f->main = n;
        return V_STOP;
    }
    if (is_el(n, "article")) {
        size_t size = text_size(n, f->cues);
        if (size > f->article_size) {
            f->article = n;
            f->article_size = size;
        }
        return V_SKIP;
    }
    return V_DESCEND;
}

static xmlNodePtr find_body(xmlNodePtr html)
{
    for (xmlNodePtr c = html->children; c; c = c->next)
        if (is_el(c, "body"))
            return c;
    return html;
}

static ds_status main_text(xmlNodePtr html, const cue_list *cues, ds_buf *out)
{
    xmlNodePtr body = find_body(html);
    finder f = {.cues = cues};
    visitor v = {finder_enter, NULL, &f};
    walk(body, &v);
    xmlNodePtr root = f.main ? f.main : f.article ? f.article : body;
    ds_status rc = write_text(root, cues, root != body, out);
    if (!rc && out->len == 0 && root != body)
        rc = write_text(body, cues, false, out);
    /* Cues that match a page's wrapper would leave nothing: read the page
     * again keeping all but scripts, styles and the like. */
    if (!rc && out->len == 0)
        rc = write_text(body, NULL, true, out);
    return rc;
}

/* ---- Metadata -------------------------------------------------------- */

/* Longer values are not metadata but a block of text that happens to
 * carry the same class. */
enum { META_MAX = 2048, AUTHOR_MAX = 200, RANKS = 5 };

typedef enum field { F_TITLE, F_AUTHOR, F_PUBLISHED, F_URL, F_LANG, F_SITE, F_COUNT } field;

/* A candidate value: an attribute's text, or an element whose text is read
 * only if the candidate wins. */
typedef struct slot {
    const char *value;
    xmlNodePtr node;
} slot;

/* Candidates by field and rank; rank 0 wins over rank 1 and so on, and
 * within a rank the first in the page wins. */
typedef struct meta_scan {
    slot s[F_COUNT][RANKS];
} meta_scan;

typedef struct meta_key {
    const char *key;
    field f;
    int rank;
    bool no_url; /* Facebook-style profile links are not names */
} meta_key;

/* Keys of <meta property|name|itemprop|http-equiv=KEY content=VALUE>. */
static const meta_key meta_keys[] = {
    {"og:title", F_TITLE, 0, false},
    {"twitter:title", F_TITLE, 1, false},
    {"author", F_AUTHOR, 0, true},
    {"article:author", F_AUTHOR, 1, true},
    {"dc.creator", F_AUTHOR, 2, false},
    {"dcterms.creator", F_AUTHOR, 2, false},
    {"citation_author", F_AUTHOR, 2, false},
    {"article:published_time", F_PUBLISHED, 0, false},
    {"date", F_PUBLISHED, 1, false},
    {"pubdate", F_PUBLISHED, 1, false},
    {"publishdate", F_PUBLISHED, 1, false},
    {"publish-date", F_PUBLISHED, 1, false},
    {"publication_date", F_PUBLISHED, 1, false},
    {"dc.date", F_PUBLISHED, 1, false},
    {"dc.date.issued", F_PUBLISHED, 1, false},
    {"dcterms.date", F_PUBLISHED, 1, false},
    {"dcterms.issued", F_PUBLISHED, 1, false},
    {"citation_publication_date", F_PUBLISHED, 1, false},
    {"citation_date", F_PUBLISHED, 1, false},
    {"datepublished", F_PUBLISHED, 2, false},
    {"og:url", F_URL, 1, false},
    {"content-language", F_LANG, 1, false},
    {"language", F_LANG, 2, false},
    {"dc.language", F_LANG, 2, false},
    {"og:site_name", F_SITE, 0, false},
    {"publisher", F_SITE, 1, true},
    {"article:publisher", F_SITE, 2, true},
};

static bool blank_str(const char *s)
{
    while (*s && is_space((unsigned char)*s))
        s++;
    return *s == '\0';
}

static bool looks_url(const char *s)
{
    while (is_space((unsigned char)*s))
        s++;
    return ds_str_iprefix(s, "http://") || ds_str_iprefix(s, "https://");
}

static void offer(meta_scan *m, field f, int rank, const char *value, xmlNodePtr node)
{
    slot *s = &m->s[f][rank];
    if (s->value || s->node || (value && blank_str(value)))
        return;
    s->value = value;
    s->node = value ? NULL : node;
}

static void meta_element(meta_scan *m, xmlNodePtr n)
{
    const char *content = attr(n, "content");
    if (!content)
        return;
    const char *names[] = {attr(n, "property"), attr(n, "name"), attr(n, "itemprop"),
                           attr(n, "http-equiv")};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!names[i])
            continue;
        for (size_t k = 0; k < sizeof meta_keys / sizeof *meta_keys; k++) {
            const meta_key *mk = &meta_keys[k];
            if (ds_str_ieq(names[i], mk->key) && !(mk->no_url && looks_url(content)))
                offer(m, mk->f, mk->rank, content, NULL);
        }
    }
}

static bool byline_class(const char *classes)
{
    return has_token(classes, "author") || has_token(classes, "byline") ||
           has_token(classes, "author-name");
}

static visit meta_enter(void *ctx, xmlNodePtr n)
{
    meta_scan *m = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return V_SKIP;
    const char *v;
    if (is_el(n, "meta")) {
        meta_element(m, n);
        return V_SKIP;
    }
    if (is_el(n, "link")) {
        if ((v = attr(n, "rel")) && has_token(v, "canonical"))
            offer(m, F_URL, 0, attr(n, "href"), NULL);
        return V_SKIP;
    }
    if (is_el(n, "title")) {
        offer(m, F_TITLE, 2, NULL, n);
        return V_SKIP;
    }
    if (!is_el(n, "head") && kind_of(n) == EL_VOID)
        return V_SKIP;
    if (is_el(n, "h1"))
        offer(m, F_TITLE, 3, NULL, n);
    if (is_el(n, "time") && (v = attr(n, "datetime")))
        offer(m, F_PUBLISHED, 3, v, NULL);
    if ((v = attr(n, "itemprop"))) {
        if (has_token(v, "datePublished")) {
            const char *when = attr(n, "datetime") ? attr(n, "datetime") : attr(n, "content");
            offer(m, F_PUBLISHED, 2, when, n);
        }
        if (has_token(v, "author"))
            offer(m, F_AUTHOR, 4, attr(n, "content"), n);
    }
    if (is_el(n, "a") && (v = attr(n, "rel")) && has_token(v, "author"))
        offer(m, F_AUTHOR, 3, NULL, n);
    if ((v = attr(n, "class")) && byline_class(v))
        offer(m, F_AUTHOR, 4, NULL, n);
    return V_DESCEND;
}

/* Collects the text under an element, up to a cap. */
typedef struct collector {
    ds_buf *b;
    ds_status rc;
} collector;

/* Inline elements join their text ("Syr<b>ia</b>"); any other element
 * separates it with a space. */
static visit collector_enter(void *ctx, xmlNodePtr n)
{
    collector *c = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            c->rc = ds_buf_puts(c->b, (const char *)n->content);
        return c->rc ? V_STOP : V_SKIP;
    }
    if (n->type != XML_ELEMENT_NODE)
        return V_SKIP;
    el_kind k = kind_of(n);
    if (k == EL_VOID)
        return V_SKIP;
    if (k != EL_INLINE && (c->rc = ds_buf_putc(c->b, ' ')) != DS_OK)
        return V_STOP;
    return V_DESCEND;
}

/* Copies s with runs of white space turned into one space and the ends
 * trimmed.  *dst stays NULL when nothing is left or more than max bytes
 * are; only a failed allocation is an error. */
static ds_status clean_dup(const char *s, size_t max, char **dst)
{
    *dst = NULL;
    ds_buf b;
    ds_buf_init(&b, max);
    ds_status rc = DS_OK;
    bool space = false;
    for (; *s && !rc; s++) {
        if (is_space((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space && b.len > 0)
            rc = ds_buf_putc(&b, ' ');
        space = false;
        if (!rc)
            rc = ds_buf_putc(&b, *s);
    }
    if (rc || b.len == 0) {
        ds_buf_free(&b);
        return rc == DS_ENOMEM ? DS_ENOMEM : DS_OK;
    }
    *dst = ds_buf_steal(&b, NULL);
    return *dst ? DS_OK : DS_ENOMEM;
}

static ds_status node_text(xmlNodePtr n, size_t max, char **dst)
{
    ds_buf b;
    /* Room for the white space that clean_dup removes. */
    ds_buf_init(&b, max * 4);
    collector c = {&b, DS_OK};
    visitor v = {collector_enter, NULL, &c};
    walk(n, &v);
    ds_status rc = c.rc;
    *dst = NULL;
    if (!rc)
        rc = clean_dup(b.p ? b.p : "", max, dst);
    ds_buf_free(&b);
    return rc == DS_ETOOBIG ? DS_OK : rc;
}

static ds_status resolve(meta_scan *m, field f, size_t max, char **dst)
{
    for (int r = 0; r < RANKS; r++) {
        slot *s = &m->s[f][r];
        ds_status rc = DS_OK;
        if (s->value)
            rc = clean_dup(s->value, max, dst);
        else if (s->node)
            rc = node_text(s->node, max, dst);
        if (rc || *dst)
            return rc;
    }
    return DS_OK;
}

/* "By Jane Doe" names Jane Doe. */
static void strip_by(char *author)
{
    if (ds_str_iprefix(author, "by ")) {
        char *rest = author + 3;
        while (*rest == ' ')
            rest++;
        memmove(author, rest, strlen(rest) + 1);
    }
}

/* Removes the site's name from either end of a title: "Report | Site",
 * "Site - Report".  A title that is only the site's name stays. */
static void strip_site(char *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " \xC2\xB7 ", " :: ", " \xC2\xBB "};
    size_t tlen = strlen(title), slen = strlen(site);
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t k = strlen(seps[i]);
        if (tlen <= slen + k)
            continue;
        if (strncasecmp(title + tlen - slen, site, slen) == 0 &&
            memcmp(title + tlen - slen - k, seps[i], k) == 0) {
            title[tlen - slen - k] = '\0';
            return;
        }
        if (strncasecmp(title, site, slen) == 0 && memcmp(title + slen, seps[i], k) == 0) {
            memmove(title, title + slen + k, tlen - slen - k + 1);
            return;
        }
    }
}

static ds_status read_meta(xmlNodePtr html, ds__extracted *out)
{
    meta_scan m;
    memset(&m, 0, sizeof m);
    const char *lang = attr(html, "lang");
    offer(&m, F_LANG, 0, lang ? lang : attr(html, "xml:lang"), NULL);
    visitor v = {meta_enter, NULL, &m};
    walk(html, &v);
    ds_status rc = resolve(&m, F_SITE, META_MAX, &out->site_name);
    if (!rc)
        rc = resolve(&m, F_TITLE, META_MAX, &out->title);
    if (!rc)
        rc = resolve(&m, F_AUTHOR, AUTHOR_MAX, &out->author);
    if (!rc)
        rc = resolve(&m, F_PUBLISHED, META_MAX, &out->published);
    if (!rc)
        rc = resolve(&m, F_URL, META_MAX, &out->url);
    if (!rc)
        rc = resolve(&m, F_LANG, META_MAX, &out->lang);
    if (rc)
        return rc;
    if (out->title && out->site_name)
        strip_site(out->title, out->site_name);
    if (out->author) {
        strip_by(out->author);
        if (!*out->author) {
            ds_free(out->author);
            out->author = NULL;
        }
    }
    return DS_OK;
}

/* ---- Parsing --------------------------------------------------------- */

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

#if LIBXML_VERSION >= 21200
static void silent_structured(void *ctx, const xmlError *e)
#else
static void silent_structured(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
}

/* Parses UTF-8 HTML.  libxml2 reports some errors (encoding, memory)
 * through its per-thread handlers rather than the parser context, so those
 * are silenced for the call and then given back to whatever the caller had
 * set. */
static htmlDocPtr parse(const char *utf8, size_t n)
{
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);

    htmlDocPtr doc = NULL;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt) {
        int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
        doc = htmlCtxtReadMemory(ctxt, utf8, (int)n, NULL, "UTF-8", options);
        htmlFreeParserCtxt(ctxt);
    }

    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return doc;
}

/* ---- Entry point ----------------------------------------------------- */

ds_status ds__html_extract(const char *bytes, size_t n, const char *name, size_t max_text,
                           ds__extracted *out, ds_error *err)
{
    memset(out, 0, sizeof *out);
    cue_list cues = {0};
    char *owned = NULL;
    const char *utf8 = NULL;
    size_t utf8_len = 0;
    htmlDocPtr doc = NULL;
    ds_buf text;
    ds_buf_init(&text, max_text);
    ds_error sub;
    ds_error_clear(&sub);

    ds_status rc = load_cues(&cues, &sub);
    if (rc) {
        ds_error_set(err, rc, "%s: %s", name, sub.msg);
        goto done;
    }
    rc = decode(bytes, n, &utf8, &utf8_len, &owned);
    if (rc == DS_OK && utf8_len > INT_MAX)
        rc = DS_ETOOBIG;
    if (rc) {
        ds_error_set(err, rc, rc == DS_ETOOBIG ? "%s: too large for the HTML parser"
                                               : "%s: out of memory decoding the page",
                     name);
        goto done;
    }
    xmlInitParser();
    doc = parse(utf8, utf8_len);
    xmlNodePtr html = doc ? xmlDocGetRootElement(doc) : NULL;
    if (html)
        rc = main_text(html, &cues, &text);
    if (rc == DS_ETOOBIG) {
        ds_error_set(err, rc, "%s: the text is larger than the limit of %zu bytes", name,
                     max_text);
        goto done;
    }
    if (rc) {
        ds_error_set(err, rc, "%s: out of memory extracting the text", name);
        goto done;
    }
    if (text.len == 0) {
        rc = ds_error_set(err, DS_EEMPTY, "%s: the HTML page holds no text", name);
        goto done;
    }
    if ((rc = read_meta(html, out)) != DS_OK) {
        ds_error_set(err, rc, "%s: out of memory reading the page's metadata", name);
        goto done;
    }
    out->text = ds_buf_steal(&text, &out->len);
    if (!out->text)
        rc = ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);

done:
    if (rc)
        ds__extracted_free(out);
    xmlFreeDoc(doc);
    ds_free(owned);
    ds_free(cues.items);
    ds_buf_free(&text);
    return rc;
}
