/* review_request.c: one human decision, given as a JSON request, turned
 * into a review event (link.h).  `dossier review` and the server's POST
 * /api/review both come through here, so the audit log records the same
 * action, target text, claim identities, field and values whichever way a
 * decision was made. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "link/link.h"

enum { MAX_USER = 64, MAX_WHY = 2000, MAX_SPLIT = 256 };

/* Parses "c12" or "i3" (or the bare number) from a JSON string. */
static bool parse_id(json_t *v, char prefix, int64_t *id)
{
    const char *s = json_string_value(v);
    if (!s || strlen(s) > 24)
        return false;
    if (*s == prefix)
        s++;
    char *end;
    long long n = strtoll(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || n <= 0)
        return false;
    *id = n;
    return true;
}

static ds_status add_key(ds_store *s, int64_t id, json_t *arr, ds_error *err)
{
    char key[160];
    ds_status rc = ds_store_claim_key(s, id, key, sizeof key, err);
    if (rc == DS_OK && json_array_append_new(arr, json_string(key)))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    return rc;
}

/* The identities of an incident's claims but those in skip; *all counts
 * every claim it holds. */
static ds_status incident_keys(ds_store *s, int64_t incident, const int64_t *skip,
                               size_t n_skip, json_t *arr, size_t *all, ds_error *err)
{
    int64_t *ids;
    size_t n;
    ds_status rc = ds_store_incident_claims(s, incident, &ids, &n, err);
    if (rc)
        return rc;
    *all = n;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        bool skipped = false;
        for (size_t k = 0; k < n_skip; k++)
            skipped |= skip[k] == ids[i];
        if (!skipped)
            rc = add_key(s, ids[i], arr, err);
    }
    ds_free(ids);
    return rc;
}

/* One decision being recorded: the event, the text it names as target,
 * and the identities of the claims it concerns and of the others (the
 * second incident's for a merge, those left for a split). */
typedef struct decision {
    ds_review_event e;
    char target[128];
    json_t *claims, *others;
} decision;

/* Stores the decision and writes the answer. */
static ds_status record(ds_store *s, decision *d, ds_buf *out, ds_error *err)
{
    ds_review_event *e = &d->e;
    json_t *claims = d->claims, *others = d->others;
    char *c = json_dumps(claims, JSON_COMPACT), *x = json_dumps(others, JSON_COMPACT);
    e->claims = c;
    e->others = x;
    ds_status rc = c && x ? ds_store_add_review(s, e, err)
                          : ds_error_set(err, DS_ENOMEM, "out of memory");
    free(c);
    free(x);
    if (rc)
        return rc;
    ds_jw w;
    ds_jw_init(&w, out);
    ds_jw_object(&w);
    ds_jw_kint(&w, "event", e->id);
    ds_jw_kstr(&w, "action", e->action);
    ds_jw_kstr(&w, "target", e->target);
    ds_jw_kstr(&w, "user", e->user);
    ds_jw_end_object(&w);
    return w.st ? ds_error_set(err, w.st, "out of memory") : DS_OK;
}

static ds_status claim_decision(ds_store *s, json_t *req, decision *d, ds_buf *out,
                                ds_error *err)
{
    int64_t id;
    if (!parse_id(json_object_get(req, "claim"), 'c', &id))
        return ds_error_set(err, DS_EINVAL, "claim is written c12");
    snprintf(d->target, sizeof d->target, "%s", json_string_value(json_object_get(req, "claim")));
    d->e.target = d->target;
    d->e.after = !strcmp(d->e.action, "reject") ? "rejected" : "confirmed";
    ds_status rc = add_key(s, id, d->claims, err);
    return rc ? rc : record(s, d, out, err);
}

static ds_status merge(ds_store *s, json_t *req, decision *d, ds_buf *out, ds_error *err)
{
    json_t *v = json_object_get(req, "incidents");
    int64_t a, b;
    size_t na, nb;
    if (json_array_size(v) != 2 || !parse_id(json_array_get(v, 0), 'i', &a) ||
        !parse_id(json_array_get(v, 1), 'i', &b) || a == b)
        return ds_error_set(err, DS_EINVAL, "merge takes two incidents: [\"i3\", \"i5\"]");
    snprintf(d->target, sizeof d->target, "i%lld i%lld", (long long)a, (long long)b);
    d->e.target = d->target;
    ds_status rc = incident_keys(s, a, NULL, 0, d->claims, &na, err);
    if (rc == DS_OK)
        rc = incident_keys(s, b, NULL, 0, d->others, &nb, err);
    return rc ? rc : record(s, d, out, err);
}

static ds_status split(ds_store *s, json_t *req, decision *d, ds_buf *out, ds_error *err)
{
    json_t *v = json_object_get(req, "claims");
    size_t n = json_array_size(v), all = 0;
    int64_t incident, ids[MAX_SPLIT];
    if (!parse_id(json_object_get(req, "incident"), 'i', &incident) || !n || n > MAX_SPLIT)
        return ds_error_set(err, DS_EINVAL, "split takes an incident and 1 to %d of its "
                                            "claims: {\"incident\": \"i7\", \"claims\": [\"c40\"]}",
                            MAX_SPLIT);
    for (size_t i = 0; i < n; i++)
        if (!parse_id(json_array_get(v, i), 'c', &ids[i]))
            return ds_error_set(err, DS_EINVAL, "split: claims are written c12");
    ds_status rc = incident_keys(s, incident, ids, n, d->others, &all, err);
    size_t left = json_array_size(d->others);
    if (rc == DS_OK && (all - left != n || !left))
        rc = ds_error_set(err, DS_EINVAL, "split: the claims must be some, not all, of i%lld's",
                          (long long)incident);
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        rc = add_key(s, ids[i], d->claims, err);
    snprintf(d->target, sizeof d->target, "i%lld (%zu claims apart)", (long long)incident, n);
    d->e.target = d->target;
    return rc ? rc : record(s, d, out, err);
}

static int keep_json(void *ud, const ds_incident_record *r)
{
    *(json_t **)ud = json_loads(r->value, 0, NULL);
    return 0;
}

/* The field's value in the incident as stored, for the log's "before";
 * ds_malloc'd, or NULL when it has none. */
static char *current_value(json_t *inc, const char *field)
{
    json_t *loc = json_object_get(inc, "location");
    json_t *v = !strcmp(field, "place")    ? json_object_get(loc, "name")
                : !strcmp(field, "admin1") ? json_object_get(loc, "admin1")
                                           : json_object_get(inc, field);
    if (!strcmp(field, "date") && json_is_object(v)) {
        const char *a = json_string_value(json_object_get(v, "start"));
        const char *b = json_string_value(json_object_get(v, "end"));
        char buf[32];
        snprintf(buf, sizeof buf, "%s/%s", a ? a : "", b ? b : "");
        return ds_strdup(a && b && strcmp(a, b) ? buf : a ? a : "");
    }
    return json_is_string(v) ? ds_strdup(json_string_value(v)) : NULL;
}

static ds_status edit(ds_store *s, json_t *req, decision *d, ds_buf *out, ds_error *err)
{
    int64_t incident;
    const char *field = json_string_value(json_object_get(req, "field"));
    const char *value = json_string_value(json_object_get(req, "value"));
    if (!parse_id(json_object_get(req, "incident"), 'i', &incident) || !field || !value)
        return ds_error_set(err, DS_EINVAL, "edit takes an incident, a field and a value");
    if (!d->e.why)
        return ds_error_set(err, DS_EINVAL, "edit needs why");
    ds_status rc = ds_review_check_edit(field, value, err);
    json_t *inc = NULL;
    size_t all;
    if (rc == DS_OK)
        rc = ds_store_get_incident(s, incident, keep_json, &inc, err);
    if (rc == DS_OK)
        rc = incident_keys(s, incident, NULL, 0, d->claims, &all, err);
    char *before = rc == DS_OK && inc ? current_value(inc, field) : NULL;
    snprintf(d->target, sizeof d->target, "%s",
             json_string_value(json_object_get(req, "incident")));
    d->e.target = d->target;
    d->e.field = field;
    d->e.before = before;
    d->e.after = value;
    if (rc == DS_OK)
        rc = record(s, d, out, err);
    ds_free(before);
    json_decref(inc);
    return rc;
}

typedef ds_status (*action_fn)(ds_store *, json_t *, decision *, ds_buf *, ds_error *);

static action_fn action_of(const char *action)
{
    if (!action)
        return NULL;
    if (!strcmp(action, "confirm") || !strcmp(action, "reject"))
        return claim_decision;
    return !strcmp(action, "merge")   ? merge
           : !strcmp(action, "split") ? split
           : !strcmp(action, "edit")  ? edit
                                      : NULL;
}

ds_status ds_review_request(ds_store *s, const char *body, size_t len, const char *user,
                            ds_buf *out, ds_error *err)
{
    json_error_t jerr;
    json_t *req = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    json_t *user_v = json_object_get(req, "user"), *why_v = json_object_get(req, "why");
    if (json_is_string(user_v))
        user = json_string_value(user_v);
    const char *action = json_string_value(json_object_get(req, "action"));
    const char *why = json_string_value(why_v);
    action_fn fn = action_of(action);
    ds_status rc = DS_OK;
    if (!json_is_object(req))
        rc = ds_error_set(err, DS_EINVAL, "the body is not a JSON object");
    else if (!user || !*user || strlen(user) > MAX_USER || (user_v && !json_is_string(user_v)))
        rc = ds_error_set(err, DS_EINVAL, "user is a name of 1 to %d bytes", MAX_USER);
    else if (!fn)
        rc = ds_error_set(err, DS_EINVAL, "action is confirm, reject, merge, split or edit");
    else if ((why_v && !json_is_null(why_v) && !why) || (why && strlen(why) > MAX_WHY))
        rc = ds_error_set(err, DS_EINVAL, "why is a string of at most %d bytes", MAX_WHY);
    if (rc == DS_OK) {
        decision d = {.e = {.user = user, .action = action, .why = why && *why ? why : NULL},
                      .claims = json_array(), .others = json_array()};
        rc = d.claims && d.others ? fn(s, req, &d, out, err)
                                  : ds_error_set(err, DS_ENOMEM, "out of memory");
        json_decref(d.claims);
        json_decref(d.others);
    }
    json_decref(req);
    return rc;
}
