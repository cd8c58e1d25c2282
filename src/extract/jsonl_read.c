/* jsonl_read.c: reading one stream line, {"id", "text", "published",
 * "title", "source"}, with a JSON reader of its own.
 *
 * A general JSON library builds a tree of the whole line and copies every
 * string into it; the stream only needs five members, and the text, which
 * is nearly all of the line, once.  This reader checks the whole line
 * against RFC 8259 (UTF-8 included; a NUL escape is refused, since the text
 * becomes a C string) and decodes only the members it keeps, the text
 * straight into the document.  Other members are checked and skipped; a
 * repeated id, text, published, title or source is refused, a repeated
 * member of any other name is not looked for. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/jsonl.h"
#include "jsonw.h"

/* Nesting deeper than this in a member dossier skips is refused rather than
 * followed: no document needs it. */
enum { MAX_DEPTH = 512 };

typedef struct reader {
    const unsigned char *p, *start, *end;
    ds_error *err;
} reader;

static ds_status fail(reader *r, const char *what)
{
    return ds_error_set(r->err, DS_EFORMAT, "not JSON: %s at column %zu", what,
                        (size_t)(r->p - r->start) + 1);
}

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static ds_status expect(reader *r, char c, const char *what)
{
    skip_space(r);
    if (r->p == r->end || *r->p != (unsigned char)c)
        return fail(r, what);
    r->p++;
    return DS_OK;
}

/* ---- strings ------------------------------------------------------------- */

static int hex4(const unsigned char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(unsigned char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Reads the \u escape at r->p (just after the backslash and the u),
 * pairing surrogates, into *cp. */
static ds_status unicode_escape(reader *r, unsigned *cp)
{
    int hi = r->end - r->p >= 4 ? hex4(r->p) : -1;
    if (hi < 0)
        return fail(r, "bad \\u escape");
    r->p += 4;
    if (hi >= 0xDC00 && hi <= 0xDFFF)
        return fail(r, "lone low surrogate");
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        int lo = r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u' ? hex4(r->p + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(r, "unpaired surrogate");
        r->p += 6;
        *cp = 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
        return DS_OK;
    }
    if (hi == 0)
        return fail(r, "\\u0000 in a string");
    *cp = (unsigned)hi;
    return DS_OK;
}

static ds_status escape(reader *r, unsigned char *out, size_t *n)
{
    if (r->p == r->end)
        return fail(r, "unfinished escape");
    unsigned char c = *r->p++;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        if (out)
            out[*n] = (unsigned char)to[k - from];
        ++*n;
        return DS_OK;
    }
    if (c != 'u')
        return fail(r, "bad escape");
    unsigned cp = 0;
    ds_status rc = unicode_escape(r, &cp);
    if (rc != DS_OK)
        return rc;
    unsigned char tmp[4];
    size_t len = put_utf8(out ? out + *n : tmp, cp);
    *n += len;
    return DS_OK;
}

/* The end of the run of printable ASCII from p other than the quote and
 * the backslash, eight bytes at a time while they last: the text of a
 * report is nearly all such bytes. */
static const unsigned char *plain_ascii(const unsigned char *p, const unsigned char *end)
{
    uint64_t v;
    while (end - p >= 8 && (memcpy(&v, p, 8), !ds__json_needs_look(v)))
        p += 8;
    while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80)
        p++;
    return p;
}

/* Reads the string whose opening quote r->p is at.  With out, decodes it
 * there (it needs at most as many bytes as the string takes in the line)
 * and sets *n to its length; without, only checks it. */
static ds_status string(reader *r, unsigned char *out, size_t *n)
{
    *n = 0;
    r->p++; /* the opening quote */
    for (;;) {
        /* A run of bytes that stand for themselves, copied in one piece. */
        const unsigned char *run = r->p;
        r->p = plain_ascii(r->p, r->end);
        while (r->p < r->end && *r->p >= 0x80) {
            size_t len = ds_utf8_seq_len(r->p, (size_t)(r->end - r->p));
            if (!len)
                return fail(r, "invalid UTF-8");
            r->p += len;
            r->p = plain_ascii(r->p, r->end);
        }
        if (out)
            memcpy(out + *n, run, (size_t)(r->p - run));
        *n += (size_t)(r->p - run);
        if (r->p == r->end)
            return fail(r, "unterminated string");
        unsigned char c = *r->p;
        if (c == '"') {
            r->p++;
            return DS_OK;
        }
        if (c < 0x20)
            return fail(r, "control character in a string");
        r->p++; /* the backslash */
        ds_status rc = escape(r, out, n);
        if (rc != DS_OK)
            return rc;
    }
}

/* A string decoded into a new NUL-terminated allocation. */
static ds_status string_copy(reader *r, char **out, size_t *n)
{
    const unsigned char *at = r->p;
    size_t len;
    ds_status rc = string(r, NULL, &len);
    if (rc != DS_OK)
        return rc;
    char *s = ds_malloc(len + 1);
    if (!s)
        return ds_error_set(r->err, DS_ENOMEM, "out of memory for %zu bytes", len);
    r->p = at;
    string(r, (unsigned char *)s, &len);
    s[len] = '\0';
    *out = s;
    *n = len;
    return DS_OK;
}

/* ---- other values ----------------------------------------------------------- */

static bool digit(reader *r) { return r->p < r->end && *r->p >= '0' && *r->p <= '9'; }

/* Whether the number text[0..n) is representable: an integer within 64
 * bits, any other number finite as a double.  Like the JSON libraries a
 * consumer of the same line would use, a number that cannot be read is
 * refused rather than silently changed. */
static bool representable(const unsigned char *text, size_t n, bool integer)
{
    char small[64];
    char *s = n < sizeof small ? small : ds_malloc(n + 1);
    if (!s)
        return false;
    memcpy(s, text, n);
    s[n] = '\0';
    errno = 0;
    bool ok;
    if (integer) {
        (void)strtoll(s, NULL, 10);
        ok = errno != ERANGE;
    } else
        ok = isfinite(strtod(s, NULL));
    if (s != small)
        ds_free(s);
    return ok;
}

/* Checks a number; *integer tells whether it had no fraction or exponent. */
static ds_status number(reader *r, bool *integer)
{
    const unsigned char *at = r->p;
    if (*r->p == '-')
        r->p++;
    if (!digit(r))
        return fail(r, "bad number");
    if (*r->p == '0')
        r->p++;
    else
        while (digit(r))
            r->p++;
    *integer = true;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (!digit(r))
            return fail(r, "bad number");
        while (digit(r))
            r->p++;
        *integer = false;
    }
    if (r->p < r->end && (*r->p | 0x20) == 'e') {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (!digit(r))
            return fail(r, "bad number");
        while (digit(r))
            r->p++;
        *integer = false;
    }
    if (!representable(at, (size_t)(r->p - at), *integer))
        return fail(r, *integer ? "integer too large" : "number too large");
    return DS_OK;
}

static ds_status literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "invalid token");
    r->p += n;
    return DS_OK;
}

/* Checks and skips any value.  Nesting is followed with a stack of the
 * open containers' kinds rather than recursion, so hostile depth cannot
 * exhaust the C stack. */
static ds_status skip_value(reader *r)
{
    char open[MAX_DEPTH];
    size_t depth = 0;
    ds_status rc;
    for (;;) {
        skip_space(r);
        if (r->p == r->end)
            return fail(r, "unexpected end of line");
        unsigned char c = *r->p;
        size_t n;
        bool integer;
        if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH)
                return fail(r, "nesting too deep");
            open[depth++] = (char)c;
            r->p++;
            skip_space(r);
            if (r->p < r->end && *r->p == (c == '{' ? '}' : ']')) {
                r->p++;
                depth--;
                goto after_value;
            }
            if (c == '{') {
                if (r->p == r->end || *r->p != '"')
                    return fail(r, "expected a member name");
                if ((rc = string(r, NULL, &n)) != DS_OK || (rc = expect(r, ':', "expected ':'")))
                    return rc;
            }
            continue;
        }
        if (c == '"')
            rc = string(r, NULL, &n);
        else if (c == '-' || (c >= '0' && c <= '9'))
            rc = number(r, &integer);
        else if (c == 't')
            rc = literal(r, "true");
        else if (c == 'f')
            rc = literal(r, "false");
        else if (c == 'n')
            rc = literal(r, "null");
        else
            return fail(r, "invalid token");
        if (rc != DS_OK)
            return rc;
    after_value:
        /* After a value: close containers, or go on to the next member. */
        for (;;) {
            if (!depth)
                return DS_OK;
            skip_space(r);
            if (r->p == r->end)
                return fail(r, "unexpected end of line");
            char want = open[depth - 1] == '{' ? '}' : ']';
            if (*r->p == want) {
                r->p++;
                depth--;
                continue;
            }
            if (*r->p != ',')
                return fail(r, "expected ',' or a closing bracket");
            r->p++;
            if (open[depth - 1] == '{') {
                skip_space(r);
                if (r->p == r->end || *r->p != '"')
                    return fail(r, "expected a member name");
                if ((rc = string(r, NULL, &n)) != DS_OK || (rc = expect(r, ':', "expected ':'")))
                    return rc;
            }
            break;
        }
    }
}

/* ---- the line ------------------------------------------------------------------ */

enum field { F_ID, F_TEXT, F_PUBLISHED, F_TITLE, F_SOURCE, F_OTHER };

static const char *const field_names[] = {"id", "text", "published", "title", "source"};

/* Which member a name is; a name with escapes is decoded first. */
static ds_status member_name(reader *r, enum field *f)
{
    unsigned char name[16];
    const unsigned char *at = r->p;
    size_t n;
    ds_status rc = string(r, NULL, &n);
    if (rc != DS_OK)
        return rc;
    *f = F_OTHER;
    if (n >= sizeof name)
        return DS_OK;
    r->p = at;
    string(r, name, &n);
    for (int k = F_ID; k < F_OTHER; k++)
        if (strlen(field_names[k]) == n && memcmp(field_names[k], name, n) == 0)
            *f = (enum field)k;
    return DS_OK;
}

/* What the line gave; a member of the wrong type is noted, and reported
 * only once the whole line has been found to be JSON. */
typedef struct fields {
    char *id;        /* the id as compact JSON text */
    char *published; /* NULL for null */
    unsigned seen;   /* a bit per enum field */
    unsigned wrong;  /* a bit per enum field of the wrong type */
} fields;

/* A string id is written again in the writer's escaping; an integer id is
 * kept as written (number() has checked that it fits in 64 bits).  Either
 * goes back out in the result line. */
static ds_status read_id(reader *r, fields *f)
{
    const unsigned char *at = r->p;
    ds_status rc;
    if (*at == '"') {
        char *s;
        size_t n;
        if ((rc = string_copy(r, &s, &n)) != DS_OK)
            return rc;
        ds_buf b;
        ds_buf_init(&b, n * 6 + 2);
        ds_jw w;
        ds_jw_init(&w, &b);
        ds_jw_strn(&w, s, n);
        ds_free(s);
        if (w.st != DS_OK || !(f->id = ds_buf_steal(&b, NULL))) {
            ds_buf_free(&b);
            return ds_error_set(r->err, DS_ENOMEM, "out of memory");
        }
        return DS_OK;
    }
    if (*at != '-' && !(*at >= '0' && *at <= '9')) {
        f->wrong |= 1u << F_ID;
        return skip_value(r);
    }
    bool integer;
    if ((rc = number(r, &integer)) != DS_OK)
        return rc;
    if (!integer) {
        f->wrong |= 1u << F_ID;
        return DS_OK;
    }
    f->id = ds_strndup((const char *)at, (size_t)(r->p - at));
    return f->id ? DS_OK : ds_error_set(r->err, DS_ENOMEM, "out of memory");
}

/* A member that is a string or null. */
static ds_status optional_string(reader *r, enum field k, fields *f, char **out)
{
    size_t n;
    if (*r->p == '"')
        return string_copy(r, out, &n);
    if (r->end - r->p >= 4 && memcmp(r->p, "null", 4) == 0) {
        r->p += 4;
        return DS_OK;
    }
    f->wrong |= 1u << k;
    return skip_value(r);
}

static ds_status member_value(reader *r, enum field k, fields *f, ds_document *d)
{
    skip_space(r);
    if (r->p == r->end)
        return fail(r, "unexpected end of line");
    switch (k) {
    case F_ID:
        return read_id(r, f);
    case F_TEXT:
        if (*r->p != '"') {
            f->wrong |= 1u << F_TEXT;
            return skip_value(r);
        }
        return string_copy(r, &d->text, &d->text_len);
    case F_PUBLISHED:
        return optional_string(r, k, f, &f->published);
    case F_TITLE:
        return optional_string(r, k, f, &d->title);
    case F_SOURCE:
        return optional_string(r, k, f, &d->source);
    default:
        return skip_value(r);
    }
}

/* The members of the line's object, checked as JSON all the way through. */
static ds_status members(reader *r, fields *f, ds_document *d)
{
    ds_status rc;
    skip_space(r);
    if (r->p < r->end && *r->p != '{') {
        /* Another kind of JSON value is refused as such; anything else is
         * not JSON. */
        if ((rc = skip_value(r)) != DS_OK)
            return rc;
        return ds_error_set(r->err, DS_EFORMAT, "a line must be a JSON object");
    }
    if ((rc = expect(r, '{', "empty line")) != DS_OK)
        return rc;
    skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return DS_OK;
    }
    for (;;) {
        skip_space(r);
        if (r->p == r->end || *r->p != '"')
            return fail(r, "expected a member name");
        enum field k;
        if ((rc = member_name(r, &k)) != DS_OK || (rc = expect(r, ':', "expected ':'")) != DS_OK)
            return rc;
        if (k != F_OTHER && (f->seen & (1u << k)))
            return fail(r, "duplicate member");
        if (k != F_OTHER)
            f->seen |= 1u << k;
        if ((rc = member_value(r, k, f, d)) != DS_OK)
            return rc;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        return expect(r, '}', "expected ',' or '}'");
    }
}

/* The checks of the contract, once the line is known to be JSON. */
static ds_status contract(const fields *f, ds_document *d, ds_error *err)
{
    if (!f->id)
        return ds_error_set(err, DS_EFORMAT, "\"id\" is missing or not a string or integer");
    if (!d->text)
        return ds_error_set(err, DS_EFORMAT, "\"text\" is missing or not a string");
    for (int k = F_TITLE; k <= F_SOURCE; k++)
        if (f->wrong & (1u << k))
            return ds_error_set(err, DS_EFORMAT, "\"%s\" must be a string or null",
                                field_names[k]);
    if ((f->wrong & (1u << F_PUBLISHED)) ||
        (f->published && ds_date_parse_iso(f->published, DS_PREC_NONE, &d->published) != DS_OK))
        return ds_error_set(err, DS_EFORMAT,
                            "\"published\" must be YYYY-MM-DD, YYYY-MM, YYYY or null");
    return DS_OK;
}

ds_status ds_jsonl_read(const char *line, size_t len, ds_document *d, char **id, ds_error *err)
{
    memset(d, 0, sizeof *d);
    *id = NULL;
    if (len > DS_JSONL_MAX_LINE)
        return ds_error_set(err, DS_ETOOBIG, "line of %zu bytes exceeds the %d-byte cap", len,
                            DS_JSONL_MAX_LINE);
    const unsigned char *p = (const unsigned char *)line;
    reader r = {p, p, p + len, err};
    fields f = {0};
    ds_status rc = members(&r, &f, d);
    if (rc == DS_OK) {
        skip_space(&r);
        if (r.p != r.end)
            rc = fail(&r, "text after the object");
    }
    /* The id goes back out even when the rest of the line is refused, so
     * that the error line names it; not when the line is not JSON. */
    if (rc == DS_OK) {
        rc = contract(&f, d, err);
        *id = f.id;
        f.id = NULL;
    }
    ds_free(f.id);
    ds_free(f.published);
    if (rc != DS_OK)
        ds_document_free(d);
    return rc;
}
