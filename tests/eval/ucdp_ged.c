/* ucdp_ged.c: what the UCDP GED evaluations share (see ucdp_ged.h). */
#include "ucdp_ged.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "normalize/normalize.h"

/* ---- options ---------------------------------------------------------------- */

bool ucdp_count_arg(const char *prog, const char *option, const char *arg, size_t *out)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*end || end == arg || n < 0 || n > 100000) {
        fprintf(stderr, "%s: %s takes 0 to 100000\n", prog, option);
        return false;
    }
    *out = (size_t)n;
    return true;
}

ds_gazetteer *ucdp_gazetteer(const char *prog, const char *path)
{
    char buf[4096];
    ds_error err = {0};
    if (!path) {
        if (ds_gazetteer_default_path(buf, sizeof buf, &err) != DS_OK) {
            fprintf(stderr, "%s: %s (build it with `dossier gazetteer build`)\n", prog,
                    err.msg);
            return NULL;
        }
        path = buf;
    }
    ds_gazetteer *gz;
    if (ds_gazetteer_open(&gz, path, &err) != DS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err.msg);
        return NULL;
    }
    return gz;
}

/* ---- CSV (RFC 4180: quoted fields may hold commas, quotes, newlines) ---- */

static bool csv_put(ucdp_ged *c, char ch)
{
    if (c->len == c->cap) {
        char *b = ds_grow(c->buf, &c->cap, c->len, 1);
        if (!b)
            return false;
        c->buf = b;
    }
    c->buf[c->len++] = ch;
    return true;
}

static bool csv_field_start(ucdp_ged *c)
{
    if (c->n == c->ncap) {
        size_t *o = ds_grow(c->off, &c->ncap, c->n, sizeof *o);
        if (!o)
            return false;
        c->off = o;
    }
    c->off[c->n++] = c->len;
    return true;
}

/* Reads the next record into c->fields and c->n.  Returns 1, 0 at the
 * end, -1 on a malformed file (an unterminated quote) or no memory, with a
 * message. */
static int csv_next(ucdp_ged *c, ds_error *err)
{
    /* blank lines between records are skipped */
    while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
        if (*c->p == '\n')
            c->line++;
        c->p++;
    }
    if (c->p >= c->end)
        return 0;
    c->record = c->line;
    c->len = c->n = 0;
    for (;;) {
        if (!csv_field_start(c))
            goto nomem;
        if (c->p < c->end && *c->p == '"') {
            size_t start_line = c->line;
            c->p++;
            for (;;) {
                if (c->p >= c->end) {
                    ds_error_set(err, DS_EFORMAT, "line %zu: quoted field never closed",
                                 start_line);
                    return -1;
                }
                char ch = *c->p++;
                if (ch == '"') {
                    if (c->p < c->end && *c->p == '"') {
                        c->p++;
                    } else {
                        break;
                    }
                } else if (ch == '\n') {
                    c->line++;
                }
                if (!csv_put(c, ch))
                    goto nomem;
            }
        }
        /* unquoted text, or stray text after a closing quote (kept, as
         * Python's csv module does) */
        while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
               !(*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n')))
            if (!csv_put(c, *c->p++))
                goto nomem;
        if (!csv_put(c, '\0'))
            goto nomem;
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r')
            c->p++;
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->line++;
        }
        break;
    }
    if (c->n > c->fcap) {
        char **f = ds_realloc(c->fields, c->n * sizeof *f);
        if (!f)
            goto nomem;
        c->fields = f;
        c->fcap = c->n;
    }
    for (size_t i = 0; i < c->n; i++)
        c->fields[i] = c->buf + c->off[i];
    return 1;
nomem:
    ds_error_set(err, DS_ENOMEM, "out of memory reading the CSV");
    return -1;
}

/* ---- the GED file by column name ------------------------------------------ */

bool ucdp_ged_open(ucdp_ged *g, const char *prog, const char *path, const char *const *names,
                   size_t n, size_t *col)
{
    memset(g, 0, sizeof *g);
    g->prog = prog;
    g->path = path;
    ds_error err = {0};
    size_t len;
    if (ds_read_file(path, (size_t)1 << 30, &g->data, &len, &err) != DS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err.msg);
        return false;
    }
    g->p = g->data;
    g->end = g->data + len;
    g->line = 1;
    if (len >= 3 && memcmp(g->data, "\xEF\xBB\xBF", 3) == 0)
        g->p += 3;
    int got = csv_next(g, &err);
    if (got <= 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, got < 0 ? err.msg : "empty file");
        ucdp_ged_close(g);
        return false;
    }
    g->ncols = g->n;
    for (size_t k = 0; k < n; k++) {
        col[k] = SIZE_MAX;
        for (size_t i = 0; i < g->n; i++)
            if (strcmp(g->fields[i], names[k]) == 0)
                col[k] = i;
        if (col[k] == SIZE_MAX) {
            fprintf(stderr, "%s: %s: no column %s\n", prog, path, names[k]);
            ucdp_ged_close(g);
            return false;
        }
    }
    return true;
}

void ucdp_ged_skip(ucdp_ged *g, const char *why)
{
    if (g->skipped++ < 5)
        fprintf(stderr, "%s: %s:%zu: %s; skipped\n", g->prog, g->path, g->record, why);
}

int ucdp_ged_next(ucdp_ged *g, char ***fields)
{
    ds_error err = {0};
    int got;
    while ((got = csv_next(g, &err)) > 0 && g->n != g->ncols) {
        char why[96];
        snprintf(why, sizeof why, "%zu fields, the header has %zu", g->n, g->ncols);
        ucdp_ged_skip(g, why);
    }
    if (got < 0)
        fprintf(stderr, "%s: %s: %s\n", g->prog, g->path, err.msg);
    *fields = got > 0 ? g->fields : NULL;
    return got;
}

void ucdp_ged_close(ucdp_ged *g)
{
    ds_free(g->buf);
    ds_free(g->off);
    ds_free(g->fields);
    ds_free(g->data);
    memset(g, 0, sizeof *g);
}

bool ucdp_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return *s && !*end && errno == 0 && isfinite(*out);
}

/* ---- text fields ------------------------------------------------------------ */

/* Appends code point cp as UTF-8. */
static ds_status put_utf8(ds_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return ds_buf_append(b, u, n);
}

/* Decodes HTML character references as HTML intake would.  Returns a
 * ds_malloc'd string, or NULL when out of memory. */
static char *decode_entities(const char *s)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } named[] = {{"amp", '&'}, {"quot", '"'}, {"apos", '\''}, {"lt", '<'},
                 {"gt", '>'},  {"nbsp", 0xA0}};
    ds_buf b;
    ds_buf_init(&b, (size_t)1 << 20);
    ds_status st = DS_OK;
    for (const char *p = s; *p && st == DS_OK;) {
        const char *semi = *p == '&' ? strchr(p, ';') : NULL;
        unsigned long cp = 0;
        bool ok = false;
        if (semi && semi - p <= 10) {
            if (p[1] == '#') {
                char *end;
                bool hex = p[2] == 'x' || p[2] == 'X';
                cp = strtoul(p + (hex ? 3 : 2), &end, hex ? 16 : 10);
                ok = end == semi && end > p + (hex ? 3 : 2) && cp > 0 && cp <= 0x10FFFF &&
                     !(cp >= 0xD800 && cp <= 0xDFFF);
            } else {
                for (size_t i = 0; i < sizeof named / sizeof *named && !ok; i++)
                    if ((size_t)(semi - p - 1) == strlen(named[i].name) &&
                        memcmp(p + 1, named[i].name, strlen(named[i].name)) == 0) {
                        cp = named[i].cp;
                        ok = true;
                    }
            }
        }
        if (ok) {
            st = put_utf8(&b, cp);
            p = semi + 1;
        } else {
            st = ds_buf_putc(&b, *p++);
        }
    }
    if (st != DS_OK) {
        ds_buf_free(&b);
        return NULL;
    }
    size_t len;
    char *out = ds_buf_steal(&b, &len);
    return out ? out : ds_strdup("");
}

bool ucdp_text(const char *prog, const char *s, char **text, size_t *len)
{
    ds_error err = {0};
    ds_warnings w = {0};
    *text = NULL;
    *len = 0;
    if (!*s) {
        *text = ds_strdup("");
        return *text != NULL;
    }
    char *dec = decode_entities(s);
    if (!dec) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return false;
    }
    ds_status st =
        ds_normalize(dec, strlen(dec), "field", (size_t)1 << 20, text, len, &w, &err);
    ds_free(dec);
    ds_warnings_free(&w);
    if (st == DS_EEMPTY) {
        *text = ds_strdup("");
        return *text != NULL;
    }
    if (st != DS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err.msg);
        return false;
    }
    return true;
}

/* ---- sampling ----------------------------------------------------------------- */

size_t ucdp_sample_slot(uint64_t *rng, size_t seen, size_t max)
{
    if (seen <= max)
        return seen - 1;
    /* xorshift64 */
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    size_t j = (size_t)(*rng % seen);
    return j < max ? j : SIZE_MAX;
}
