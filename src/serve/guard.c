/* guard.c: the server's checks on what a client sends (serve.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "serve/serve.h"

static const struct {
    const char *ext, *mime;
} served[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
    {".png", "image/png"},                 {".json", "application/json"},
};

ds_status ds_serve_harden_json(ds_buf *b)
{
    size_t extra = 0;
    for (size_t i = 0; i < b->len; i++)
        extra += b->p[i] == '<' || b->p[i] == '>' || b->p[i] == '&' ? 5 : 0;
    if (!extra)
        return DS_OK;
    size_t old = b->len;
    ds_status rc = ds_buf_reserve(b, extra);
    if (rc)
        return rc;
    /* Rewritten from the end, so each byte moves once. */
    char *p = b->p;
    size_t o = old + extra;
    p[o] = '\0';
    for (size_t i = old; i-- > 0;) {
        char c = p[i];
        if (c == '<' || c == '>' || c == '&') {
            o -= 6;
            memcpy(p + o, c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026", 6);
        } else {
            p[--o] = c;
        }
    }
    b->len = old + extra;
    return DS_OK;
}

static bool name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* True when every part between slashes is a plain name: name bytes with
 * single dots between them, so "..", ".hidden" and "a..b" are refused. */
static bool plain_parts(const char *p)
{
    bool at_start = true; /* at the start of a part or just after a dot */
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '/' || c == '.') {
            if (at_start)
                return false;
            at_start = true;
        } else if (name_byte(c)) {
            at_start = false;
        } else {
            return false;
        }
    }
    return !at_start;
}

ds_status ds_serve_static_name(const char *path, char *rel, size_t size, const char **mime)
{
    if (!path || path[0] != '/')
        return DS_EINVAL;
    const char *name = path[1] ? path + 1 : "index.html";
    size_t n = strlen(name);
    if (n >= size || n > 200 || !plain_parts(name))
        return DS_EINVAL;
    for (size_t i = 0; i < sizeof served / sizeof *served; i++) {
        size_t e = strlen(served[i].ext);
        if (n > e && !strcmp(name + n - e, served[i].ext)) {
            memcpy(rel, name, n + 1);
            *mime = served[i].mime;
            return DS_OK;
        }
    }
    return DS_EUNSUPPORTED;
}

/* The pages' libraries as npm installs them (deps/package.json pins the
 * versions).  The boundaries are Natural Earth at 1:50m, detailed enough
 * for a governorate-level view and small enough (0.8 MB) to load at once. */
static const struct {
    const char *name, *rel;
} vendored[] = {
    {"leaflet.js", "leaflet/dist/leaflet.js"},
    {"leaflet.css", "leaflet/dist/leaflet.css"},
    {"leaflet.markercluster.js", "leaflet.markercluster/dist/leaflet.markercluster.js"},
    {"MarkerCluster.css", "leaflet.markercluster/dist/MarkerCluster.css"},
    {"MarkerCluster.Default.css", "leaflet.markercluster/dist/MarkerCluster.Default.css"},
    {"topojson-client.js", "topojson-client/dist/topojson-client.min.js"},
    {"countries-50m.json", "world-atlas/countries-50m.json"},
};

ds_status ds_serve_vendor_name(const char *path, const char **rel, const char **mime)
{
    if (!path || strncmp(path, "/vendor/", 8))
        return DS_ENOTFOUND;
    for (size_t i = 0; i < sizeof vendored / sizeof *vendored; i++) {
        if (strcmp(path + 8, vendored[i].name))
            continue;
        *rel = vendored[i].rel;
        const char *dot = strrchr(vendored[i].name, '.');
        for (size_t j = 0; j < sizeof served / sizeof *served; j++)
            if (!strcmp(dot, served[j].ext))
                *mime = served[j].mime;
        return DS_OK;
    }
    return DS_ENOTFOUND;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

size_t ds_serve_unescape(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        int hi = *p == '%' ? hex_value(p[1]) : -1;
        int lo = hi >= 0 ? hex_value(p[2]) : -1;
        if (lo >= 0 && (hi | lo)) {
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return (size_t)(o - s);
}

bool ds_serve_secret_equal(const char *given, const char *expected)
{
    size_t n = strlen(expected), g = strlen(given);
    /* Every byte of expected is compared whatever given holds, and the
     * differences are gathered without branching on them. */
    unsigned char diff = g != n;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(expected[i] ^ (i < g ? given[i] : 0));
    return diff == 0;
}

typedef struct {
    char client[64];
    time_t start;
    unsigned count;
} slot;

struct ds_serve_limiter {
    unsigned per_minute;
    size_t n;
    slot *slots;
};

ds_status ds_serve_limiter_new(ds_serve_limiter **out, unsigned per_minute, size_t slots,
                               ds_error *err)
{
    ds_serve_limiter *l = ds_calloc(1, sizeof *l);
    if (l)
        l->slots = ds_calloc(slots ? slots : 1, sizeof *l->slots);
    if (!l || !l->slots) {
        ds_free(l);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    l->per_minute = per_minute;
    l->n = slots ? slots : 1;
    *out = l;
    return DS_OK;
}

void ds_serve_limiter_free(ds_serve_limiter *l)
{
    if (l)
        ds_free(l->slots);
    ds_free(l);
}

bool ds_serve_limiter_allow(ds_serve_limiter *l, const char *client, time_t now)
{
    /* The client's slot, else an empty one, else the one whose window
     * began first. */
    slot *found = NULL, *victim = &l->slots[0];
    for (size_t i = 0; i < l->n && !found; i++) {
        slot *s = &l->slots[i];
        if (s->client[0] && !strncmp(s->client, client, sizeof s->client - 1))
            found = s;
        else if (victim->client[0] && (!s->client[0] || s->start < victim->start))
            victim = s;
    }
    if (!found || now - found->start >= 60) {
        found = found ? found : victim;
        snprintf(found->client, sizeof found->client, "%s", client);
        found->start = now;
        found->count = 0;
    }
    if (found->count < UINT_MAX)
        found->count++;
    return found->count <= l->per_minute;
}
