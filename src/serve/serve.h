/* serve.h: what `dossier serve` answers, and the checks it makes.
 *
 * The web API is built here so that every program on the library answers
 * alike; the HTTP handling lives in the CLI (cli/cmd_serve.c).  Each API
 * call writes one JSON value into a bounded ds_buf through the JSON writer
 * (core/jsonw.h), which escapes every string: document text reaches the
 * client as JSON data, never as markup.
 *
 * Ownership: the caller owns the ds_buf and the store; these functions
 * only append to the buffer.  A ds_serve_limiter is the caller's too
 * (ds_serve_limiter_free).  Nothing here prints, exits or keeps state
 * between calls, except the limiter.
 */
#ifndef DS_SERVE_H
#define DS_SERVE_H

#include <time.h>

#include "core.h"
#include "store/store.h"

/* The largest page of incidents or search hits one request may ask for. */
enum { DS_SERVE_MAX_PAGE = 500 };

/* GET /api/incidents: {"total", "limit", "offset", "incidents": [...]},
 * each incident a summary row (id, parent, episode, types, date, place,
 * admin1, country, status, documents, independent_origins, killed). */
ds_status ds_serve_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                             size_t offset, ds_buf *out, ds_error *err);
/* GET /api/incidents/{id}: the incident's JSON object as `show --json`
 * prints it; DS_ENOTFOUND when there is none. */
ds_status ds_serve_incident(ds_store *s, int64_t id, ds_buf *out, ds_error *err);
/* GET /api/documents/{id}: metadata, text, sentences with spans and kinds,
 * mentions with spans and values; DS_ENOTFOUND. */
ds_status ds_serve_document(ds_store *s, int64_t id, ds_buf *out, ds_error *err);
/* GET /api/sources: the documents' sources with kind and documents, and
 * the citations between documents. */
ds_status ds_serve_sources(ds_store *s, ds_buf *out, ds_error *err);
/* GET /api/search?q=: {"total", "hits": [...]}, matches marked with «». */
ds_status ds_serve_search(ds_store *s, const char *q, size_t limit, size_t offset,
                          ds_buf *out, ds_error *err);

/* GET /api/review/log: {"events": [...]}, every decision of the review log
 * oldest first (id, at, user, action, target, claims, others, field,
 * before, after, why), as `dossier review log` lists them. */
ds_status ds_serve_review_log(ds_store *s, ds_buf *out, ds_error *err);

/* GET /api/claims/{id}: {"claim": "c12", "incident": "i7"}, the incident
 * holding the claim now, null when none does (rejected, or left out by
 * the link); DS_ENOTFOUND when there is no such claim. */
ds_status ds_serve_claim(ds_store *s, int64_t claim, ds_buf *out, ds_error *err);
/* POST /api/review, before the decision is recorded: the claims it
 * concerns, ds_malloc'd, each once: a confirmed or rejected claim and the
 * others of its incident, every claim of the incident edited or split or
 * of the two merged.  A malformed request or an unknown claim or incident
 * gives none, for ds_review_request to refuse. */
ds_status ds_serve_decision_claims(ds_store *s, const char *body, size_t len, int64_t **ids,
                                   size_t *n, ds_error *err);
/* After the re-link: adds "incidents": {"c12": "i7", ...} to answer (the
 * JSON object ds_review_request wrote), the incident now holding each of
 * the claims, null for one in none. */
ds_status ds_serve_review_answer(ds_store *s, const int64_t *claims, size_t n, ds_buf *answer,
                                 ds_error *err);

/* Rewrites '<', '>' and '&' in JSON text as \u003c, \u003e and \u0026,
 * which read back as the same characters.  In JSON they can stand only
 * inside strings, so the rewrite is safe on any JSON text; afterwards no
 * answer holds a byte of markup even if a client mistook it for HTML.
 * DS_ETOOBIG when the rewritten text would exceed the buffer's cap. */
ds_status ds_serve_harden_json(ds_buf *b);

/* Maps the path of a static asset request ("/", "/app.js") to a file name
 * relative to the web folder ("index.html", "app.js") in rel.  Refuses with
 * DS_EINVAL anything but plain names of [A-Za-z0-9_-] parts joined by
 * single dots and slashes: no "..", no percent escapes, no backslashes, no
 * absolute or empty parts, no control bytes.  DS_EUNSUPPORTED for a name
 * whose extension is not one served (html, js, css, svg, png, json). */
ds_status ds_serve_static_name(const char *path, char *rel, size_t size, const char **mime);

/* Maps a front-end library request ("/vendor/leaflet.js") to its file
 * under the npm folder (deps/node_modules) through a fixed table: only the
 * names listed there are served, so the path never reaches the file
 * system as given.  DS_ENOTFOUND for any other name. */
ds_status ds_serve_vendor_name(const char *path, const char **rel, const char **mime);

/* Decodes %XX escapes of a URL path or query value in place and returns
 * the new length.  "%00" and malformed escapes are kept as written: a NUL
 * byte would cut the C string short ("/index.html%00.js" would serve
 * index.html), and the kept '%' makes ds_serve_static_name refuse it. */
size_t ds_serve_unescape(char *s);

/* Compares two secrets in time that depends only on their lengths, so a
 * client cannot learn a token byte by byte from response times. */
bool ds_serve_secret_equal(const char *given, const char *expected);

/* A fixed-window rate limit per client: at most `per_minute` requests in a
 * minute that starts with the client's first request.  It remembers at
 * most `slots` clients; when full, the oldest window is reused. */
typedef struct ds_serve_limiter ds_serve_limiter;
ds_status ds_serve_limiter_new(ds_serve_limiter **out, unsigned per_minute, size_t slots,
                               ds_error *err);
void ds_serve_limiter_free(ds_serve_limiter *l);
/* True when client (an address as text) may make a request at `now`. */
bool ds_serve_limiter_allow(ds_serve_limiter *l, const char *client, time_t now);

#endif
