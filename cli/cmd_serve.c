/* cmd_serve.c: `dossier serve` — the web API and pages over libmicrohttpd
 * (docs/serve.md).  The answers are built by the library (serve/serve.h);
 * this file speaks HTTP and makes the checks: loopback or a token, CSRF,
 * size and rate limits, and security headers on every response.
 *
 * One internal thread polls every connection and runs every handler, so
 * the store connection and the rate limiter are never used concurrently. */
#include <arpa/inet.h>
#include <getopt.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cli.h"
#include "link/link.h"
#include "jsonw.h"
#include "serve/serve.h"

static const char usage_text[] =
    "usage: dossier serve [--bind ADDR] [--port N] [--token-file F] [--user NAME]\n"
    "                     [--rate N] [--db PATH]\n"
    "\n"
    "Serves the register as a JSON API and web pages (docs/serve.md) until\n"
    "interrupted: open the printed address in a browser.  It binds to 127.0.0.1;\n"
    "any other address needs --token-file, and then every API request must carry\n"
    "`Authorization: Bearer TOKEN`.  Review POSTs need the CSRF value of\n"
    "GET /api/session in X-Dossier-CSRF.  The pages' libraries are read from\n"
    "deps/node_modules beside the data folder, or from $DOSSIER_VENDOR.\n"
    "\n"
    "Options:\n"
    "  --bind ADDR        IPv4 address to listen on (default 127.0.0.1)\n"
    "  --port N           port (default 8080; 0 picks a free one, printed)\n"
    "  --token-file F     a file holding the token (16 to 256 bytes)\n"
    "  --user NAME        who reviews when a POST names no one (default $USER)\n"
    "  --rate N           requests per minute per client (default 600)\n"
    "  --db PATH          the database (default $DOSSIER_DB or ./dossier.db)\n";

enum { MAX_BODY = 64 * 1024, MAX_ANSWER = 256 * 1024 * 1024, MAX_ASSET = 4 * 1024 * 1024 };
/* One client address may hold at most MAX_PER_CLIENT of the 64 connections,
 * and a connection that sends nothing for IDLE_SECONDS is closed: without
 * these, one client holding silent connections open locks every other out
 * (the rate limit counts only finished requests).  A browser opens six. */
enum { MAX_PER_CLIENT = 16, IDLE_SECONDS = 15, MAX_DISCARD = 4 * 1024 * 1024 };

typedef struct server {
    ds_store *store;
    ds_serve_limiter *limiter;
    char *token;         /* NULL without --token-file */
    char csrf[65];       /* per-server value the page sends back on POSTs */
    char host[80];       /* "127.0.0.1:8080": the Host a loopback server accepts */
    char localhost[80];  /* "localhost:8080" */
    bool loopback;
    const char *user;
    char vendor[4096];   /* the npm folder the pages' libraries come from */
} server;

typedef struct request {
    ds_buf body;
    bool too_big;
    size_t discarded; /* bytes of an oversized body dropped so far */
} request;

/* An answer: a status and a ds_malloc'd body with its type. */
typedef struct answer {
    unsigned status;
    char *body;
    size_t len;
    const char *type;
} answer;

static void set_security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                            "form-action 'self'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_answer(struct MHD_Connection *c, answer *a)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback(a->len, a->body, ds_free);
    if (!r) {
        ds_free(a->body);
        return MHD_NO;
    }
    set_security_headers(r);
    MHD_add_response_header(r, "Content-Type", a->type);
    if (a->status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    enum MHD_Result rc = MHD_queue_response(c, a->status, r);
    MHD_destroy_response(r);
    return rc;
}

/* An error answer {"error": msg}, the message escaped like any text. */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    ds_buf b;
    ds_buf_init(&b, 4096);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_object(&w);
    ds_jw_kstr(&w, "error", msg);
    ds_jw_end_object(&w);
    /* The message may quote what the client sent, so it is hardened like
     * every other answer; one too long for the buffer is replaced. */
    if (w.st != DS_OK || ds_serve_harden_json(&b) != DS_OK) {
        ds_buf_reset(&b);
        ds_buf_puts(&b, "{\"error\": \"the request was refused\"}");
    }
    answer a = {.status = status, .type = "application/json"};
    a.body = ds_buf_steal(&b, &a.len);
    if (!a.body)
        return MHD_NO;
    return send_answer(c, &a);
}

static unsigned status_of(ds_status rc)
{
    switch (rc) {
    case DS_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
    case DS_EINVAL: return MHD_HTTP_BAD_REQUEST;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* Sends what a library call wrote into b, or its error. */
static enum MHD_Result send_built(struct MHD_Connection *c, ds_status rc, ds_buf *b,
                                  ds_error *err)
{
    if (rc == DS_OK && ds_serve_harden_json(b) != DS_OK)
        rc = ds_error_set(err, DS_ETOOBIG, "the answer exceeds the server's size cap");
    if (rc) {
        ds_buf_free(b);
        return send_error(c, status_of(rc), err->msg);
    }
    answer a = {.status = MHD_HTTP_OK, .type = "application/json"};
    a.body = ds_buf_steal(b, &a.len);
    return a.body ? send_answer(c, &a) : MHD_NO;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* A non-negative count from the query, or def; false when malformed. */
static bool count_arg(struct MHD_Connection *c, const char *name, size_t def, size_t max,
                      size_t *out)
{
    const char *v = arg(c, name);
    *out = def;
    if (!v)
        return true;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*v || *end || *v == '-' || n > max)
        return false;
    *out = (size_t)n;
    return true;
}

/* The API's ids are written as in the CLI, "i7" or "d3", or bare. */
static bool path_id(const char *s, char prefix, int64_t *id)
{
    if (*s == prefix)
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || v <= 0)
        return false;
    *id = v;
    return true;
}

/* GET /api/incidents with the filters of `dossier incidents`. */
static enum MHD_Result list_incidents(server *sv, struct MHD_Connection *c)
{
    ds_incident_filter f = {.type = arg(c, "type"), .admin1 = arg(c, "admin1"),
                            .place = arg(c, "place"), .group = arg(c, "group"),
                            .actor = arg(c, "actor"), .status = arg(c, "status")};
    char from[11], to[11];
    size_t limit, offset, min_origins;
    if (arg(c, "from") && !cli_parse_bound(arg(c, "from"), false, from))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "from takes YYYY, YYYY-MM or YYYY-MM-DD");
    if (arg(c, "to") && !cli_parse_bound(arg(c, "to"), true, to))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "to takes YYYY, YYYY-MM or YYYY-MM-DD");
    if (f.status && strcmp(f.status, "single-source") && strcmp(f.status, "corroborated") &&
        strcmp(f.status, "contested"))
        return send_error(c, MHD_HTTP_BAD_REQUEST,
                          "status is single-source, corroborated or contested");
    f.from = arg(c, "from") ? from : NULL;
    f.to = arg(c, "to") ? to : NULL;
    if (!count_arg(c, "limit", 100, DS_SERVE_MAX_PAGE, &limit) ||
        !count_arg(c, "offset", 0, SIZE_MAX / 2, &offset) ||
        !count_arg(c, "min_origins", 0, 1000000, &min_origins))
        return send_error(c, MHD_HTTP_BAD_REQUEST,
                          "limit (at most 500), offset and min_origins are counts");
    f.min_origins = (int)min_origins;
    ds_buf b;
    ds_buf_init(&b, MAX_ANSWER);
    ds_error err = {0};
    ds_status rc = ds_serve_incidents(sv->store, &f, limit, offset, &b, &err);
    return send_built(c, rc, &b, &err);
}

/* A write of the GeoJSON stream: '<', '>' and '&' go on as \u003c, \u003e
 * and \u0026, as ds_serve_harden_json rewrites every other answer.  In JSON
 * they stand only inside strings, so each byte can be rewritten alone,
 * wherever stdio cuts the stream. */
static ssize_t harden_write(void *cookie, const char *buf, size_t size)
{
    FILE *to = cookie;
    size_t from = 0;
    for (size_t i = 0; i < size; i++) {
        const char *esc = buf[i] == '<'   ? "\\u003c"
                          : buf[i] == '>' ? "\\u003e"
                          : buf[i] == '&' ? "\\u0026"
                                          : NULL;
        if (!esc)
            continue;
        if (fwrite(buf + from, 1, i - from, to) != i - from || fputs(esc, to) == EOF)
            return -1;
        from = i + 1;
    }
    return fwrite(buf + from, 1, size - from, to) == size - from ? (ssize_t)size : -1;
}

/* Writes the export's GeoJSON, hardened, into tmp; false when writing failed. */
static bool write_geojson(server *sv, FILE *tmp, ds_status *rc, ds_error *err)
{
    FILE *out = fopencookie(tmp, "w", (cookie_io_functions_t){.write = harden_write});
    if (!out)
        return false;
    cli_export_state st = {.out = out};
    *rc = cli_export_geojson(sv->store, &st, err);
    bool ok = fclose(out) == 0 && !st.failed;
    return fflush(tmp) == 0 && !ferror(tmp) && ok;
}

/* GET /api/incidents.geojson: the export's GeoJSON.  It is written to an
 * unlinked temporary file and sent from there, because it grows with the
 * register (105 MB for 109k incidents) and the server's memory should not:
 * libmicrohttpd reads the file as the client takes it, and closing the
 * descriptor removes it. */
static enum MHD_Result geojson(server *sv, struct MHD_Connection *c)
{
    FILE *tmp = tmpfile();
    if (!tmp)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot make a temporary file");
    ds_status rc = DS_OK;
    ds_error err = {0};
    long size = write_geojson(sv, tmp, &rc, &err) ? ftell(tmp) : -1;
    int fd = rc == DS_OK && size >= 0 ? dup(fileno(tmp)) : -1;
    fclose(tmp);
    if (fd < 0)
        return send_error(c, status_of(rc), rc ? err.msg : "writing the GeoJSON failed");
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    set_security_headers(r);
    MHD_add_response_header(r, "Content-Type", "application/geo+json");
    enum MHD_Result qrc = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return qrc;
}

static enum MHD_Result session(server *sv, struct MHD_Connection *c)
{
    ds_buf b;
    ds_buf_init(&b, 4096);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_object(&w);
    ds_jw_kstr(&w, "csrf", sv->csrf);
    ds_jw_kstr(&w, "user", sv->user);
    ds_jw_end_object(&w);
    ds_error err = {0};
    return send_built(c, w.st ? ds_error_set(&err, w.st, "out of memory") : DS_OK, &b, &err);
}

static enum MHD_Result api_get(server *sv, struct MHD_Connection *c, const char *path)
{
    if (!strcmp(path, "/api/session"))
        return session(sv, c);
    if (!strcmp(path, "/api/incidents"))
        return list_incidents(sv, c);
    if (!strcmp(path, "/api/incidents.geojson"))
        return geojson(sv, c);
    ds_buf b;
    ds_buf_init(&b, MAX_ANSWER);
    ds_error err = {0};
    int64_t id;
    size_t limit, offset;
    ds_status rc;
    if (!strncmp(path, "/api/incidents/", 15) && path_id(path + 15, 'i', &id))
        rc = ds_serve_incident(sv->store, id, &b, &err);
    else if (!strncmp(path, "/api/claims/", 12) && path_id(path + 12, 'c', &id))
        rc = ds_serve_claim(sv->store, id, &b, &err);
    else if (!strncmp(path, "/api/documents/", 15) && path_id(path + 15, 'd', &id))
        rc = ds_serve_document(sv->store, id, &b, &err);
    else if (!strcmp(path, "/api/sources"))
        rc = ds_serve_sources(sv->store, &b, &err);
    else if (!strcmp(path, "/api/review/log"))
        rc = ds_serve_review_log(sv->store, &b, &err);
    else if (!strcmp(path, "/api/search") &&
             count_arg(c, "limit", 20, DS_SERVE_MAX_PAGE, &limit) && limit > 0 &&
             count_arg(c, "offset", 0, 100000, &offset))
        rc = ds_serve_search(sv->store, arg(c, "q"), limit, offset, &b, &err);
    else if (!strcmp(path, "/api/search"))
        /* The store reads a limit of 0 as its default, so it is refused
         * rather than answered with twenty hits. */
        rc = ds_error_set(&err, DS_EINVAL, "limit (1 to 500) and offset are counts");
    else
        rc = ds_error_set(&err, DS_ENOTFOUND, "no such API path");
    return send_built(c, rc, &b, &err);
}

/* A POST must come from the page this server served: the CSRF value it
 * handed out, and no Origin other than the server's own.  A cross-site
 * form or fetch can set neither the header (without CORS, which this
 * server never grants) nor a matching Origin. */
static bool same_origin(server *sv, struct MHD_Connection *c)
{
    const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Dossier-CSRF");
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (!csrf || !ds_serve_secret_equal(csrf, sv->csrf) || !host)
        return false;
    if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
        return false;
    return !origin || (!strncmp(origin, "http://", 7) && !strcmp(origin + 7, host));
}

static enum MHD_Result review(server *sv, struct MHD_Connection *c, request *rq)
{
    const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!type || strncmp(type, "application/json", 16))
        return send_error(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "the body must be JSON");
    ds_buf b;
    ds_buf_init(&b, MAX_ANSWER);
    ds_error err = {0};
    const char *body = rq->body.p ? rq->body.p : "";
    int64_t *claims = NULL;
    size_t n = 0;
    ds_status rc = ds_serve_decision_claims(sv->store, body, rq->body.len, &claims, &n, &err);
    if (rc == DS_OK)
        rc = ds_review_request(sv->store, body, rq->body.len, sv->user, &b, &err);
    /* The register shows the decision only once linked again, as after
     * `dossier review`; a failed link leaves the decision recorded. */
    if (rc == DS_OK && cli_link_all(sv->store, NULL, true) != EXIT_OK)
        rc = ds_error_set(&err, DS_EDB, "the decision is recorded but linking again failed");
    if (rc == DS_OK)
        rc = ds_serve_review_answer(sv->store, claims, n, &b, &err);
    ds_free(claims);
    return send_built(c, rc, &b, &err);
}

static enum MHD_Result send_file(struct MHD_Connection *c, const char *full, const char *mime)
{
    ds_error err = {0};
    answer a = {.status = MHD_HTTP_OK, .type = mime};
    if (ds_read_file(full, MAX_ASSET, &a.body, &a.len, &err) != DS_OK)
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    return send_answer(c, &a);
}

/* /vendor/NAME: a library of the pages, from the fixed table of
 * ds_serve_vendor_name, read where npm installed it. */
static enum MHD_Result vendor_file(server *sv, struct MHD_Connection *c, const char *path)
{
    const char *rel, *mime;
    char full[8300];
    if (ds_serve_vendor_name(path, &rel, &mime) != DS_OK || !sv->vendor[0])
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such library");
    snprintf(full, sizeof full, "%s/%s", sv->vendor, rel);
    return send_file(c, full, mime);
}

static enum MHD_Result static_file(server *sv, struct MHD_Connection *c, const char *path)
{
    char rel[256], name[300], full[4096];
    const char *mime;
    if (!strncmp(path, "/vendor/", 8))
        return vendor_file(sv, c, path);
    ds_status rc = ds_serve_static_name(path, rel, sizeof rel, &mime);
    if (rc == DS_EINVAL)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "not a file name this server serves");
    if (rc)
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    snprintf(name, sizeof name, "web/%s", rel);
    ds_error err = {0};
    if (ds_data_path(name, full, sizeof full, &err) != DS_OK)
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    return send_file(c, full, mime);
}

/* The pages' libraries are not copied into the data folder: they stay
 * where npm ci put them, beside the data folder in a checkout
 * (data/../deps/node_modules), or in DOSSIER_VENDOR.  Without either the
 * pages still work, but without the map. */
static void find_vendor(server *sv)
{
    const char *env = getenv("DOSSIER_VENDOR");
    char index[4096];
    ds_error err = {0};
    if (env && *env) {
        snprintf(sv->vendor, sizeof sv->vendor, "%s", env);
    } else if (ds_data_path("web/index.html", index, sizeof index, &err) == DS_OK) {
        index[strlen(index) - strlen("web/index.html")] = '\0';
        snprintf(sv->vendor, sizeof sv->vendor, "%s../deps/node_modules", index);
    }
}

static void client_text(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    snprintf(out, size, "unknown");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

/* A loopback server answers only to its own names, so that a web page
 * whose host name is rebound to 127.0.0.1 cannot read the API. */
static bool host_ok(server *sv, struct MHD_Connection *c)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    return !sv->loopback ||
           (host && (!strcmp(host, sv->host) || !strcmp(host, sv->localhost)));
}

static bool token_ok(server *sv, struct MHD_Connection *c)
{
    if (!sv->token)
        return true;
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    return auth && !strncmp(auth, "Bearer ", 7) && ds_serve_secret_equal(auth + 7, sv->token);
}

static enum MHD_Result respond(server *sv, struct MHD_Connection *c, const char *path,
                               const char *method, request *rq)
{
    char client[64];
    client_text(c, client, sizeof client);
    if (!ds_serve_limiter_allow(sv->limiter, client, time(NULL)))
        return send_error(c, MHD_HTTP_TOO_MANY_REQUESTS, "too many requests; wait a minute");
    if (!host_ok(sv, c))
        return send_error(c, MHD_HTTP_FORBIDDEN, "unknown Host");
    bool api = !strncmp(path, "/api/", 5);
    bool read = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (api && !token_ok(sv, c))
        return send_error(c, MHD_HTTP_UNAUTHORIZED, "a valid Authorization: Bearer token is "
                                                    "required");
    if (rq->too_big)
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request body is too large");
    if (!strcmp(method, "POST") && !strcmp(path, "/api/review")) {
        if (!same_origin(sv, c))
            return send_error(c, MHD_HTTP_FORBIDDEN, "the CSRF check failed");
        return review(sv, c, rq);
    }
    if (!read)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET, and POST /api/review");
    return api ? api_get(sv, c, path) : static_file(sv, c, path);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **ctx)
{
    (void)version;
    request *rq = *ctx;
    if (!rq) {
        rq = ds_calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        ds_buf_init(&rq->body, MAX_BODY);
        *ctx = rq;
        const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        rq->too_big = len && strtoull(len, NULL, 10) > MAX_BODY;
        /* Refused before the body is read: the client is not told to send it. */
        if (rq->too_big)
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request body is too large");
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        /* libmicrohttpd answers only once the body has ended, so a body
         * sent without a length that passes the cap is read on and dropped
         * until it ends (then 413), but only up to MAX_DISCARD: a client
         * that goes on sending is cut off rather than read for ever. */
        if (rq->too_big) {
            rq->discarded += n;
            return rq->discarded > MAX_DISCARD ? MHD_NO : MHD_YES;
        }
        if (ds_buf_append(&rq->body, upload, n) != DS_OK)
            rq->too_big = true;
        return MHD_YES;
    }
    return respond(cls, c, url, method, rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **ctx,
                      enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    request *rq = *ctx;
    if (rq) {
        ds_buf_free(&rq->body);
        ds_free(rq);
    }
    *ctx = NULL;
}

/* Paths and query values are decoded by ds_serve_unescape, which keeps
 * "%00" as written (MHD's own decoder would make it a NUL byte). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return ds_serve_unescape(s);
}

/* Reads the token: the file's first line, 16 to 256 printable bytes. */
static char *read_token(const char *path)
{
    char *text;
    size_t len;
    ds_error err = {0};
    if (ds_read_file(path, 4096, &text, &len, &err) != DS_OK) {
        cli_error("serve: %s", err.msg);
        return NULL;
    }
    text[strcspn(text, "\r\n")] = '\0';
    size_t n = strlen(text);
    bool printable = n >= 16 && n <= 256;
    for (size_t i = 0; printable && i < n; i++)
        printable = text[i] > ' ' && text[i] < 127;
    if (!printable) {
        cli_error("serve: %s: the token must be 16 to 256 printable bytes on one line", path);
        ds_free(text);
        return NULL;
    }
    return text;
}

static bool make_csrf(char out[65])
{
    unsigned char raw[32];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        return false;
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return true;
}

typedef struct serve_opts {
    const char *bind, *token_file, *user;
    unsigned port, rate;
} serve_opts;

static int parse_opts(cli_globals *g, int argc, char **argv, serve_opts *o)
{
    static const struct option opts[] = {
        {"bind", required_argument, NULL, 'b'}, {"port", required_argument, NULL, 'p'},
        {"token-file", required_argument, NULL, 't'}, {"user", required_argument, NULL, 'u'},
        {"rate", required_argument, NULL, 'r'}, CLI_DB_OPTION, {0},
    };
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL), CLI_HELP_SHOWN;
        case 'D': g->db = optarg; break;
        case 'b': o->bind = optarg; break;
        case 't': o->token_file = optarg; break;
        case 'u': o->user = optarg; break;
        case 'p':
            o->port = (unsigned)strtoul(optarg, &end, 10);
            if (!*optarg || *end || o->port > 65535)
                return cli_usage(usage_text, "--port takes 0 to 65535");
            break;
        case 'r':
            o->rate = (unsigned)strtoul(optarg, &end, 10);
            if (!*optarg || *end || o->rate < 1 || o->rate > 1000000)
                return cli_usage(usage_text, "--rate takes 1 to 1000000");
            break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "serve takes no arguments; see --help");
    return EXIT_OK;
}

/* Runs the daemon until SIGINT or SIGTERM. */
static int run(server *sv, const struct sockaddr_in *addr)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    /* Blocked before the daemon's thread starts, so that it inherits the
     * mask and only sigwait below receives them. */
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle, sv,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)addr, MHD_OPTION_NOTIFY_COMPLETED,
        completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)MAX_PER_CLIENT, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_END);
    if (!d) {
        cli_error("serve: cannot listen on port %u", (unsigned)ntohs(addr->sin_port));
        return EXIT_FAIL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : ntohs(addr->sin_port);
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr->sin_addr, ip, sizeof ip);
    snprintf(sv->host, sizeof sv->host, "%s:%u", ip, port);
    snprintf(sv->localhost, sizeof sv->localhost, "localhost:%u", port);
    printf("serving http://%s/\n", sv->host);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    return EXIT_OK;
}

int cmd_serve(cli_globals *g, int argc, char **argv)
{
    serve_opts o = {.bind = "127.0.0.1", .port = 8080, .rate = 600, .user = getenv("USER")};
    int rc = parse_opts(g, argc, argv, &o);
    if (rc)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o.port)};
    if (inet_pton(AF_INET, o.bind, &addr.sin_addr) != 1)
        return cli_usage(usage_text, "--bind takes an IPv4 address such as 127.0.0.1");
    server sv = {.user = o.user && *o.user ? o.user : "unknown",
                 .loopback = (ntohl(addr.sin_addr.s_addr) >> 24) == 127};
    if (!sv.loopback && !o.token_file) {
        cli_error("serve: binding to %s exposes the register beyond this machine; "
                  "give --token-file", o.bind);
        return EXIT_USAGE;
    }
    if (o.token_file && !(sv.token = read_token(o.token_file)))
        return EXIT_FAIL;
    find_vendor(&sv);
    ds_error err = {0};
    rc = EXIT_FAIL;
    if (!make_csrf(sv.csrf))
        cli_error("serve: no random bytes for the CSRF value");
    else if (ds_serve_limiter_new(&sv.limiter, o.rate, 1024, &err) != DS_OK)
        cli_error("serve: %s", err.msg);
    else if ((sv.store = cli_open(g, DS_STORE_WRITE)))
        rc = run(&sv, &addr);
    ds_store_close(sv.store);
    ds_serve_limiter_free(sv.limiter);
    ds_free(sv.token);
    return rc;
}
