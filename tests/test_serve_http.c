/* `dossier serve` over HTTP: the program is started on a free loopback
 * port (--port 0; it prints the port it got) and spoken to with a small
 * socket client, so hostile requests can be sent byte for byte. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_serve_http.h"

extern char **environ;

typedef ts_server server;

bool ts_start(ts_server *sv, const char *const *extra)
{
    const char *args[24] = {t_dossier_bin(), "--db", t_path("dossier.db"), "serve", "--port",
                            "0"};
    size_t n = 6;
    for (size_t i = 0; extra && extra[i] && n < 23; i++)
        args[n++] = extra[i];
    int fds[2];
    if (pipe(fds))
        return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, t_path("serve.err"), O_WRONLY | O_CREAT, 0600);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    int rc = posix_spawn(&sv->pid, args[0], &fa, NULL, (char *const *)args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    sv->out = fds[0];
    char line[256];
    size_t len = 0;
    while (rc == 0 && len + 1 < sizeof line && read(sv->out, line + len, 1) == 1 &&
           line[len] != '\n')
        len++;
    line[len] = '\0';
    if (rc || sscanf(line, "serving http://127.0.0.1:%d/", &sv->port) != 1) {
        char *err = t_read_file(t_path("serve.err"), NULL);
        ds_test_fail(__FILE__, __LINE__, "the server did not start: %s", err ? err : "");
        free(err);
        return false;
    }
    return true;
}

int ts_stop(ts_server *sv)
{
    kill(sv->pid, SIGTERM);
    int st = 0;
    while (waitpid(sv->pid, &st, 0) < 0 && errno == EINTR)
        ;
    close(sv->out);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

typedef struct {
    int status;
    char *head, *body; /* malloc'd, NUL-terminated */
} reply;

/* Sends raw request bytes and reads the whole answer (the requests ask
 * for Connection: close, and the server closes after answering). */
static reply exchange(const server *sv, const char *req, size_t len)
{
    reply r = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)sv->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a)) {
        if (fd >= 0)
            close(fd);
        return r;
    }
    for (size_t sent = 0; sent < len;) {
        ssize_t k = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
        if (k <= 0)
            break; /* the server may answer and close before reading all */
        sent += (size_t)k;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    ssize_t k;
    while (buf && (k = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)k;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    close(fd);
    if (!buf)
        return r;
    buf[n] = '\0';
    char *split = strstr(buf, "\r\n\r\n");
    sscanf(buf, "HTTP/1.1 %d", &r.status);
    r.body = strdup(split ? split + 4 : "");
    if (split)
        *split = '\0';
    r.head = buf;
    return r;
}

static void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
}

/* A GET with extra header lines (each ending in \r\n). */
static reply get(const server *sv, const char *path, const char *headers)
{
    char req[4096];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s\r\n",
                     path, sv->port, headers ? headers : "");
    return exchange(sv, req, (size_t)n);
}

static reply post(const server *sv, const char *path, const char *headers, const char *body)
{
    char req[8192];
    int n = snprintf(req, sizeof req,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n%s\r\n%s",
                     path, sv->port, strlen(body), headers ? headers : "", body);
    return exchange(sv, req, (size_t)n);
}

static json_t *get_json(const server *sv, const char *path, int *status)
{
    reply r = get(sv, path, NULL);
    json_t *v = json_loads(r.body ? r.body : "", 0, NULL);
    *status = r.status;
    reply_free(&r);
    return v;
}

static json_t *cli_json(const char *const *argv)
{
    t_result r = t_run(argv);
    json_t *v = r.status == 0 ? json_loads(r.out, 0, NULL) : NULL;
    t_result_free(&r);
    return v;
}
#define CLI_JSON(...) cli_json((const char *const[]){__VA_ARGS__, NULL})

static const char hostile_doc[] =
    "<script>alert('title')</script> burned\n\n"
    "Gunmen killed 3 civilians in the village on 4 March 2025 <script>alert(1)</script>. "
    "Witnesses said <img src=x onerror=alert(2)> and \"quotes\" & <b>bold</b> markup.\n";

/* The examples and a document full of markup, linked. */
static bool corpus(void)
{
    if (!t_write_file(t_path("hostile.txt"), hostile_doc, sizeof hostile_doc - 1))
        return false;
    char script[8192];
    snprintf(script, sizeof script,
             "\"$DOSSIER_BIN\" add -q --no-link --source 'Test Wire' --published 2025-03-05 "
             "hostile.txt && \"$DOSSIER_BIN\" add -q --manifest '%s/examples/manifest.csv'",
             t_repo_root());
    return T_SH_OK(script);
}

TEST(serve_http_api_matches_export)
{
    REQUIRE(corpus());
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    json_t *exp = CLI_JSON("export"), *incs = json_object_get(exp, "incidents");
    int status;
    json_t *page = get_json(&sv, "/api/incidents?limit=500", &status);
    CHECK_INT(status, 200);
    CHECK_INT(json_integer_value(json_object_get(page, "total")), json_array_size(incs));
    json_t *rows = json_object_get(page, "incidents");
    REQUIRE(json_array_size(rows) == json_array_size(incs) && json_array_size(rows) > 5);
    for (size_t i = 0; i < json_array_size(rows); i++)
        CHECK_STR(json_string_value(json_object_get(json_array_get(rows, i), "id")),
                  json_string_value(json_object_get(json_array_get(incs, i), "id")));
    json_decref(page);
    /* Paging. */
    page = get_json(&sv, "/api/incidents?limit=2&offset=1", &status);
    rows = json_object_get(page, "incidents");
    CHECK_INT(json_array_size(rows), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "id")),
              json_string_value(json_object_get(json_array_get(incs, 1), "id")));
    json_decref(page);
    /* One incident is what `show --json` prints. */
    const char *id = json_string_value(json_object_get(json_array_get(incs, 3), "id"));
    char path[128];
    snprintf(path, sizeof path, "/api/incidents/%s", id);
    json_t *one = get_json(&sv, path, &status), *shown = CLI_JSON("show", "--json", id);
    CHECK_INT(status, 200);
    CHECK(one && json_equal(one, shown));
    json_decref(one);
    json_decref(shown);
    /* Filters count as `dossier incidents` does. */
    t_result r = t_run((const char *const[]){"incidents", "--type", "Attack", "--min-origins",
                                              "2", NULL});
    const char *last = strrchr(r.out, '\n');
    while (last && last > r.out && last[-1] != '\n')
        last--;
    page = get_json(&sv, "/api/incidents?type=Attack&min_origins=2", &status);
    CHECK_INT(status, 200);
    CHECK(json_integer_value(json_object_get(page, "total")) > 0);
    CHECK_INT(json_integer_value(json_object_get(page, "total")), last ? atoi(last) : -1);
    json_decref(page);
    t_result_free(&r);
    /* The GeoJSON is the export's. */
    json_t *geo = get_json(&sv, "/api/incidents.geojson", &status);
    json_t *geo_cli = CLI_JSON("export", "--format", "geojson");
    CHECK(geo && json_equal(geo, geo_cli));
    json_decref(geo);
    json_decref(geo_cli);
    json_t *src = get_json(&sv, "/api/sources", &status);
    CHECK_INT(json_array_size(json_object_get(src, "documents")),
              json_array_size(json_object_get(exp, "documents")));
    json_decref(src);
    json_t *hits = get_json(&sv, "/api/search?q=onerror", &status);
    CHECK_INT(json_integer_value(json_object_get(hits, "total")), 1);
    json_decref(hits);
    json_decref(exp);
    reply bad = get(&sv, "/api/incidents/i999999", NULL);
    CHECK_INT(bad.status, 404);
    reply_free(&bad);
    bad = get(&sv, "/api/incidents?limit=100000", NULL);
    CHECK_INT(bad.status, 400);
    reply_free(&bad);
    bad = get(&sv, "/api/incidents?status=maybe", NULL);
    CHECK_INT(bad.status, 400);
    reply_free(&bad);
    bad = get(&sv, "/api/incidents?from=March", NULL);
    CHECK_INT(bad.status, 400);
    reply_free(&bad);
    page = get_json(&sv, "/api/incidents?status=corroborated&from=2025-03&to=2025-03", &status);
    CHECK_INT(status, 200);
    CHECK(json_integer_value(json_object_get(page, "total")) > 0);
    json_decref(page);
    bad = get(&sv, "/api/search?q=", NULL);
    CHECK_INT(bad.status, 400);
    reply_free(&bad);
    CHECK_INT(ts_stop(&sv), 0);
}

/* Fetches every script of the page except the libraries (/vendor/) and
 * checks that none turns text into markup; returns how many it read. */
static int pages_write_text_only(const server *sv, const char *index)
{
    static const char *const sinks[] = {"innerHTML", "outerHTML", "insertAdjacentHTML",
                                        "document.write", "eval("};
    int n = 0;
    for (const char *p = index; p && (p = strstr(p, "src=\"/")); p++) {
        char path[128];
        if (sscanf(p, "src=\"%127[^\"]\"", path) != 1 || !strncmp(path, "/vendor/", 8))
            continue;
        reply r = get(sv, path, NULL);
        CHECK_INT(r.status, 200);
        CHECK_CONTAINS(r.head, "text/javascript");
        for (size_t i = 0; i < sizeof sinks / sizeof *sinks; i++)
            if (r.body && strstr(r.body, sinks[i]))
                ds_test_fail(__FILE__, __LINE__, "%s uses %s", path, sinks[i]);
        reply_free(&r);
        n++;
    }
    return n;
}

TEST(serve_http_document_text_is_escaped_json)
{
    REQUIRE(corpus());
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    reply r = get(&sv, "/api/documents/d1", NULL);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.head, "Content-Type: application/json");
    CHECK_CONTAINS(r.head, "X-Content-Type-Options: nosniff");
    CHECK_CONTAINS(r.head, "Content-Security-Policy: default-src 'self'; script-src 'self'");
    CHECK_CONTAINS(r.head, "Referrer-Policy: no-referrer");
    /* No byte of markup in the answer, and the text reads back whole. */
    CHECK(r.body && !strchr(r.body, '<') && !strchr(r.body, '>'));
    json_t *doc = json_loads(r.body ? r.body : "", 0, NULL);
    CHECK_CONTAINS(json_string_value(json_object_get(doc, "text")), "<script>alert(1)</script>");
    CHECK_CONTAINS(json_string_value(json_object_get(doc, "text")), "<img src=x onerror=");
    json_t *sent = json_object_get(doc, "sentences");
    CHECK(json_array_size(sent) >= 2);
    CHECK(json_is_array(json_object_get(doc, "mentions")));
    json_decref(doc);
    reply_free(&r);
    r = get(&sv, "/", NULL);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.head, "text/html");
    CHECK_CONTAINS(r.body, "src=\"/app.js\"");
    CHECK(r.body && !strstr(r.body, "<script>") && !strstr(r.body, "style=")); /* nothing inline */
    CHECK(pages_write_text_only(&sv, r.body) >= 5);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}

TEST(serve_http_traversal_and_hostile_requests)
{
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    static const char *const paths[] = {
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
        "//etc/passwd", "/etc/passwd", "/index.html%00.js", "/..%2fdossier.db",
        "/web/../../dossier.db", "/.%2e/README.md", "/app.js%2f..%2f..%2fx.js", "/\\..\\x.js",
    };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        reply r = get(&sv, paths[i], NULL);
        if (r.status != 400 && r.status != 404)
            ds_test_fail(__FILE__, __LINE__, "%s: status %d", paths[i], r.status);
        CHECK(r.body && !strstr(r.body, "root:"));
        reply_free(&r);
    }
    /* A NUL byte in the request line itself. */
    static const char nul[] = "GET /index.html\0.js HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n";
    reply r = exchange(&sv, nul, sizeof nul - 1);
    CHECK(r.status == 0 || (r.status >= 400 && r.status < 500));
    reply_free(&r);
    r = exchange(&sv, "BLAH\r\n\r\n", 8);
    CHECK(r.status == 0 || (r.status >= 400 && r.status < 500));
    reply_free(&r);
    /* A Host other than the server's own (DNS rebinding). */
    char req[256];
    int n = snprintf(req, sizeof req, "GET /api/incidents HTTP/1.1\r\nHost: evil.example:%d\r\n"
                                      "Connection: close\r\n\r\n", sv.port);
    r = exchange(&sv, req, (size_t)n);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    static const char del[] = "DELETE /api/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Connection: close\r\n\r\n";
    r = exchange(&sv, del, sizeof del - 1);
    CHECK_INT(r.status, 403); /* a Host without this server's port */
    reply_free(&r);
    n = snprintf(req, sizeof req, "PUT /api/review HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                                  "Connection: close\r\nContent-Length: 0\r\n\r\n", sv.port);
    r = exchange(&sv, req, (size_t)n);
    CHECK_INT(r.status, 405);
    reply_free(&r);
    /* Oversized bodies: announced, and sent in chunks without a length. */
    n = snprintf(req, sizeof req, "POST /api/review HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                                  "Connection: close\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 100000000\r\n\r\n{}", sv.port);
    r = exchange(&sv, req, (size_t)n);
    CHECK_INT(r.status, 413);
    reply_free(&r);
    size_t big = 200 * 1024;
    char *chunked = malloc(big + 512);
    REQUIRE(chunked);
    n = snprintf(chunked, 512, "POST /api/review HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                               "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "%zx\r\n", sv.port, big);
    memset(chunked + n, 'x', big);
    memcpy(chunked + n + big, "\r\n0\r\n\r\n", 7);
    r = exchange(&sv, chunked, (size_t)n + big + 7);
    CHECK_INT(r.status, 413);
    reply_free(&r);
    free(chunked);
    /* Still serving. */
    r = get(&sv, "/api/incidents", NULL);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}

/* The CSRF value the server hands its page. */
static bool csrf_of(const server *sv, const char *auth, char out[80])
{
    reply r = get(sv, "/api/session", auth);
    json_t *v = json_loads(r.body ? r.body : "", 0, NULL);
    const char *s = json_string_value(json_object_get(v, "csrf"));
    bool ok = r.status == 200 && s && strlen(s) < 80;
    if (ok)
        strcpy(out, s);
    json_decref(v);
    reply_free(&r);
    return ok;
}

TEST(serve_http_review_needs_csrf_and_logs_the_user)
{
    REQUIRE(corpus());
    json_t *exp = CLI_JSON("export");
    json_t *claim = json_array_get(json_object_get(json_array_get(
                                       json_object_get(exp, "incidents"), 0), "claims"), 0);
    char body[256], csrf[80], hdr[160];
    snprintf(body, sizeof body, "{\"action\": \"confirm\", \"claim\": \"%s\", "
                                "\"user\": \"Alice Reviewer\", \"why\": \"read it\"}",
             json_string_value(json_object_get(claim, "id")));
    json_decref(exp);
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    REQUIRE(csrf_of(&sv, NULL, csrf));
    /* A forged request: no CSRF header, a wrong one, another origin. */
    reply r = post(&sv, "/api/review", NULL, body);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    r = post(&sv, "/api/review", "X-Dossier-CSRF: 00000000000000000000000000000000\r\n", body);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(hdr, sizeof hdr, "X-Dossier-CSRF: %s\r\nOrigin: http://evil.example\r\n", csrf);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    t_result log = t_run((const char *const[]){"review", "log", NULL});
    CHECK_CONTAINS(log.out, "no review events");
    t_result_free(&log);
    /* Malformed decisions are refused with a reason. */
    snprintf(hdr, sizeof hdr, "X-Dossier-CSRF: %s\r\nOrigin: http://127.0.0.1:%d\r\n", csrf,
             sv.port);
    r = post(&sv, "/api/review", hdr, "{\"action\": \"confirm\", \"claim\": \"x1\"}");
    CHECK_INT(r.status, 400);
    reply_free(&r);
    r = post(&sv, "/api/review", hdr, "[1, 2");
    CHECK_INT(r.status, 400);
    reply_free(&r);
    r = post(&sv, "/api/review", hdr, "{\"action\": \"confirm\", \"claim\": \"c999999\"}");
    CHECK_INT(r.status, 404);
    reply_free(&r);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.body, "\"action\":\"confirm\"");
    reply_free(&r);
    /* The page's audit log lists it, as `dossier review log` does. */
    int status;
    json_t *log_json = get_json(&sv, "/api/review/log", &status);
    CHECK_INT(status, 200);
    json_t *events = json_object_get(log_json, "events"), *ev = json_array_get(events, 0);
    CHECK_INT(json_array_size(events), 1);
    CHECK_STR(json_string_value(json_object_get(ev, "user")), "Alice Reviewer");
    CHECK_STR(json_string_value(json_object_get(ev, "action")), "confirm");
    CHECK_STR(json_string_value(json_object_get(ev, "why")), "read it");
    CHECK_INT(json_array_size(json_object_get(ev, "claims")), 1);
    json_decref(log_json);
    CHECK_INT(ts_stop(&sv), 0);
    log = t_run((const char *const[]){"review", "log", NULL});
    CHECK_CONTAINS(log.out, "Alice Reviewer  confirm c");
    CHECK_CONTAINS(log.out, "why: read it");
    t_result_free(&log);
}

TEST(serve_http_token_is_required_when_set)
{
    static const char token[] = "s3cret-token-0123456789\n";
    REQUIRE(t_write_file(t_path("token"), token, sizeof token - 1));
    server sv;
    REQUIRE(ts_start(&sv, (const char *const[]){"--token-file", t_path("token"), NULL}));
    reply r = get(&sv, "/api/incidents", NULL);
    CHECK_INT(r.status, 401);
    CHECK_CONTAINS(r.head, "WWW-Authenticate: Bearer");
    reply_free(&r);
    static const char *const forged[] = {
        "Authorization: Bearer s3cret-token-0123456788\r\n",
        "Authorization: Bearer s3cret-token-012345678\r\n",
        "Authorization: Bearer s3cret-token-01234567890\r\n",
        "Authorization: Basic s3cret-token-0123456789\r\n", "Authorization: Bearer \r\n",
    };
    for (size_t i = 0; i < sizeof forged / sizeof *forged; i++) {
        r = get(&sv, "/api/incidents", forged[i]);
        CHECK_INT(r.status, 401);
        reply_free(&r);
    }
    const char *auth = "Authorization: Bearer s3cret-token-0123456789\r\n";
    r = get(&sv, "/api/incidents", auth);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    /* A POST with the token but without the CSRF value is still forged. */
    r = post(&sv, "/api/review", auth, "{\"action\": \"confirm\", \"claim\": \"c1\"}");
    CHECK_INT(r.status, 403);
    reply_free(&r);
    /* The page itself holds no data and loads without the token. */
    r = get(&sv, "/", NULL);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}

/* The pages' libraries come from deps/node_modules through a fixed table;
 * nothing else of that folder is reachable. */
TEST(serve_http_vendor_libraries)
{
    char leaflet[4096];
    snprintf(leaflet, sizeof leaflet, "%s/deps/node_modules/leaflet/dist/leaflet.js",
             t_repo_root());
    if (access(leaflet, R_OK))
        SKIP("deps/node_modules has no leaflet (scripts/setup.sh installs it)");
    size_t size = 0;
    char *want = t_read_file(leaflet, &size);
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    reply r = get(&sv, "/vendor/leaflet.js", NULL);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.head, "Content-Type: text/javascript");
    CHECK_CONTAINS(r.head, "Content-Security-Policy: default-src 'self'");
    CHECK(r.body && want && strlen(r.body) == size && !strcmp(r.body, want));
    reply_free(&r);
    r = get(&sv, "/vendor/countries-50m.json", NULL);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.body, "\"Topology\"");
    reply_free(&r);
    static const char *const refused[] = {
        "/vendor/package.json", "/vendor/leaflet/dist/leaflet.js", "/vendor/../deps/x.js",
        "/vendor/%2e%2e/package.json", "/vendor/leaflet.js.map", "/vendor/",
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        r = get(&sv, refused[i], NULL);
        if (r.status != 404 && r.status != 400)
            ds_test_fail(__FILE__, __LINE__, "%s: status %d", refused[i], r.status);
        reply_free(&r);
    }
    free(want);
    CHECK_INT(ts_stop(&sv), 0);
}

TEST(serve_refuses_open_bind_without_token)
{
    t_result r = t_run((const char *const[]){"serve", "--bind", "0.0.0.0", "--port", "0", NULL});
    CHECK_INT(r.status, 2);
    CHECK_CONTAINS(r.err, "--token-file");
    t_result_free(&r);
    REQUIRE(t_write_file(t_path("short"), "abc\n", 4));
    r = t_run((const char *const[]){"serve", "--bind", "0.0.0.0", "--port", "0", "--token-file",
                                     t_path("short"), NULL});
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "16 to 256");
    t_result_free(&r);
    r = t_run((const char *const[]){"serve", "--bind", "not-an-address", NULL});
    CHECK_INT(r.status, 2);
    t_result_free(&r);
}

TEST(serve_http_rate_limit)
{
    server sv;
    REQUIRE(ts_start(&sv, (const char *const[]){"--rate", "3", NULL}));
    for (int i = 0; i < 3; i++) {
        reply r = get(&sv, "/api/sources", NULL);
        CHECK_INT(r.status, 200);
        reply_free(&r);
    }
    reply r = get(&sv, "/api/sources", NULL);
    CHECK_INT(r.status, 429);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}

/* An incident of the export with at least two claims, and another one. */
static bool pick_incidents(char multi[16], char multi_claim[16], char other[16])
{
    json_t *exp = CLI_JSON("export"), *in;
    size_t i;
    multi[0] = other[0] = '\0';
    json_array_foreach(json_object_get(exp, "incidents"), i, in)
    {
        json_t *claims = json_object_get(in, "claims");
        const char *id = json_string_value(json_object_get(in, "id"));
        if (!multi[0] && json_array_size(claims) >= 2) {
            snprintf(multi, 16, "%s", id);
            snprintf(multi_claim, 16, "%s",
                     json_string_value(json_object_get(json_array_get(claims, 0), "id")));
        } else if (!other[0]) {
            snprintf(other, 16, "%s", id);
        }
    }
    json_decref(exp);
    return multi[0] && other[0];
}

TEST(serve_http_review_merge_split_edit)
{
    REQUIRE(corpus());
    char multi[16], claim[16], other[16], csrf[80], hdr[200], body[512];
    REQUIRE(pick_incidents(multi, claim, other));
    server sv;
    REQUIRE(ts_start(&sv, (const char *const[]){"--user", "Default Reviewer", NULL}));
    REQUIRE(csrf_of(&sv, NULL, csrf));
    snprintf(hdr, sizeof hdr, "X-Dossier-CSRF: %s\r\n", csrf);
    /* Refusals first, while the numbering is the export's. */
    snprintf(body, sizeof body, "{\"action\": \"edit\", \"incident\": \"%s\", \"field\": "
                                "\"date\", \"value\": \"2025-03-06\"}", multi);
    reply r = post(&sv, "/api/review", hdr, body); /* no why */
    CHECK_INT(r.status, 400);
    reply_free(&r);
    snprintf(body, sizeof body, "{\"action\": \"edit\", \"incident\": \"%s\", \"field\": "
                                "\"colour\", \"value\": \"red\", \"why\": \"x\"}", multi);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 400);
    reply_free(&r);
    snprintf(body, sizeof body, "{\"action\": \"split\", \"incident\": \"%s\", \"claims\": "
                                "[\"c999999\"]}", multi);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 400);
    reply_free(&r);
    r = post(&sv, "/api/review", hdr, "{\"action\": \"merge\", \"incidents\": [\"i1\"]}");
    CHECK_INT(r.status, 400);
    reply_free(&r);
    r = post(&sv, "/api/review", hdr, "{\"action\": \"delete\", \"claim\": \"c1\"}");
    CHECK_INT(r.status, 400);
    reply_free(&r);
    snprintf(body, sizeof body, "{\"action\": \"edit\", \"incident\": \"%s\", \"field\": "
                                "\"date\", \"value\": \"2025-03-06\", \"why\": \"the log\"}",
             multi);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    /* Split and merge, each against the register as the server relinked
     * it (incidents are numbered afresh by every link). */
    REQUIRE(pick_incidents(multi, claim, other));
    snprintf(body, sizeof body, "{\"action\": \"split\", \"incident\": \"%s\", \"claims\": "
                                "[\"%s\"], \"user\": \"Bo\"}", multi, claim);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.body, "claims apart");
    reply_free(&r);
    REQUIRE(pick_incidents(multi, claim, other));
    snprintf(body, sizeof body, "{\"action\": \"merge\", \"incidents\": [\"%s\", \"%s\"], "
                                "\"user\": \"Cy\", \"why\": \"one raid\"}", multi, other);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
    t_result log = t_run((const char *const[]){"review", "log", NULL});
    CHECK_CONTAINS(log.out, "Default Reviewer  edit");
    CHECK_CONTAINS(log.out, "-> 2025-03-06  why: the log");
    CHECK_CONTAINS(log.out, "Bo  split");
    CHECK_CONTAINS(log.out, "Cy  merge");
    t_result_free(&log);
}

/* The incident GET /api/claims/ID names: its id, "null" for none, or
 * the HTTP status when the answer is not 200. */
static void claim_incident(const server *sv, const char *claim, char out[24])
{
    char path[64];
    snprintf(path, sizeof path, "/api/claims/%s", claim);
    int status;
    json_t *v = get_json(sv, path, &status);
    const char *inc = json_string_value(json_object_get(v, "incident"));
    if (status != 200)
        snprintf(out, 24, "%d", status);
    else
        snprintf(out, 24, "%s", inc ? inc : json_is_null(json_object_get(v, "incident"))
                                                ? "null" : "?");
    const char *named = json_string_value(json_object_get(v, "claim"));
    if (status == 200 && (!named || strcmp(named + (claim[0] != 'c'), claim)))
        ds_test_fail(__FILE__, __LINE__, "asked for %s, answered for %s", claim,
                     named ? named : "nothing");
    json_decref(v);
}

/* Every claim of the answer's "incidents" is where GET /api/claims says;
 * returns how many the answer names. */
static size_t check_answer(const server *sv, json_t *incidents)
{
    const char *claim;
    json_t *inc;
    char now[24];
    json_object_foreach(incidents, claim, inc) {
        claim_incident(sv, claim, now);
        CHECK_STR(now, json_is_null(inc) ? "null" : json_string_value(inc));
    }
    return json_object_size(incidents);
}

/* A claim is followed to the incident holding it: found, unknown (404),
 * rejected (in none); and a decision's answer names where each of its
 * claims went after the re-link. */
TEST(serve_http_claim_incident)
{
    REQUIRE(corpus());
    char multi[16], claim[16], other[16], csrf[80], hdr[200], body[512], now[24];
    REQUIRE(pick_incidents(multi, claim, other));
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    claim_incident(&sv, claim, now);
    CHECK_STR(now, multi);
    claim_incident(&sv, claim + 1, now); /* the bare number */
    CHECK_STR(now, multi);
    claim_incident(&sv, "c999999", now);
    CHECK_STR(now, "404");
    claim_incident(&sv, "i1", now);
    CHECK_STR(now, "404");

    REQUIRE(csrf_of(&sv, NULL, csrf));
    snprintf(hdr, sizeof hdr, "X-Dossier-CSRF: %s\r\n", csrf);
    snprintf(body, sizeof body, "{\"action\": \"reject\", \"claim\": \"%s\", \"why\": \"x\"}",
             claim);
    reply r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    json_t *ans = json_loads(r.body ? r.body : "", 0, NULL);
    json_t *incs = json_object_get(ans, "incidents");
    /* The rejected claim is in no incident; the others of its incident are. */
    CHECK(json_is_null(json_object_get(incs, claim)));
    CHECK(check_answer(&sv, incs) >= 2);
    const char *key;
    json_t *v;
    json_object_foreach(incs, key, v)
        CHECK(strcmp(key, claim) ? json_is_string(v) : json_is_null(v));
    json_decref(ans);
    reply_free(&r);
    claim_incident(&sv, claim, now);
    CHECK_STR(now, "null");

    /* A merge: every claim of both incidents in one incident now. */
    REQUIRE(pick_incidents(multi, claim, other));
    snprintf(body, sizeof body, "{\"action\": \"merge\", \"incidents\": [\"%s\", \"%s\"], "
                                "\"why\": \"one raid\"}", multi, other);
    r = post(&sv, "/api/review", hdr, body);
    CHECK_INT(r.status, 200);
    if (r.status != 200)
        ds_test_fail(__FILE__, __LINE__, "merge: %s", r.body);
    ans = json_loads(r.body ? r.body : "", 0, NULL);
    incs = json_object_get(ans, "incidents");
    CHECK(check_answer(&sv, incs) >= 3);
    const char *first = NULL;
    json_object_foreach(incs, key, v) {
        first = first ? first : json_string_value(v);
        CHECK_STR(json_string_value(v), first);
    }
    json_decref(ans);
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}

/* Markup a reviewer typed into a field, and markup a client sent in a
 * refused request, come back as escaped JSON too: in the GeoJSON answer
 * (streamed from a file, not built in a buffer) and in an error. */
TEST(serve_http_geojson_and_errors_are_hardened)
{
    REQUIRE(corpus());
    t_result e = t_sh("\"$DOSSIER_BIN\" review edit i1 sub_event_type '<b onmouseover=x()>y</b>' "
                      "--why test");
    CHECK_INT(e.status, 0);
    t_result_free(&e);
    server sv;
    REQUIRE(ts_start(&sv, NULL));
    reply r = get(&sv, "/api/incidents.geojson", NULL);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(r.head, "Content-Type: application/geo+json");
    CHECK_CONTAINS(r.head, "Content-Security-Policy: default-src 'self'");
    CHECK(r.body && !strchr(r.body, '<') && !strchr(r.body, '>'));
    CHECK_CONTAINS(r.body, "\\u003cb onmouseover=x()\\u003ey\\u003c/b\\u003e");
    json_t *g = json_loads(r.body ? r.body : "", 0, NULL);
    json_t *exp = CLI_JSON("export", "--format", "geojson");
    CHECK(g && exp && json_equal(g, exp));
    json_decref(g);
    json_decref(exp);
    reply_free(&r);
    char csrf[80], hdr[160];
    REQUIRE(csrf_of(&sv, NULL, csrf));
    snprintf(hdr, sizeof hdr, "X-Dossier-CSRF: %s\r\n", csrf);
    r = post(&sv, "/api/review", hdr,
             "{\"action\": \"edit\", \"incident\": \"i1\", \"field\": \"<script>x()</script>\", "
             "\"value\": \"1\", \"why\": \"t\"}");
    CHECK_INT(r.status, 400);
    CHECK(r.body && !strchr(r.body, '<') && strstr(r.body, "\\u003cscript\\u003e"));
    reply_free(&r);
    CHECK_INT(ts_stop(&sv), 0);
}
