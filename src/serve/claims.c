/* claims.c: following claims to their incidents (serve.h).  A review
 * decision re-links the register, which numbers the incidents afresh;
 * claims keep their ids, so a page finds its incidents again by them. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "serve/serve.h"

/* "c12" or "i3" (or the bare number) of a JSON string; 0 when malformed. */
static int64_t id_of(json_t *v, char prefix)
{
    const char *s = json_string_value(v);
    if (!s || strlen(s) > 24)
        return 0;
    if (*s == prefix)
        s++;
    char *end;
    long long n = strtoll(s, &end, 10);
    return *s >= '1' && *s <= '9' && !*end && n > 0 ? n : 0;
}

/* {"claim": "c12", "incident": "i7"} when whole, else the member
 * "c12": "i7" of the review answer's object; null for no incident. */
static void write_claim(ds_jw *w, bool whole, int64_t claim, int64_t incident)
{
    char c[24], i[24];
    int n = snprintf(c, sizeof c, "c%lld", (long long)claim);
    snprintf(i, sizeof i, "i%lld", (long long)incident);
    if (whole) {
        ds_jw_object(w);
        ds_jw_kstr(w, "claim", c);
        ds_jw_key(w, "incident");
    } else {
        ds_jw_keyn(w, c, (size_t)n);
    }
    ds_jw_str(w, incident ? i : NULL);
    if (whole)
        ds_jw_end_object(w);
}

ds_status ds_serve_claim(ds_store *s, int64_t claim, ds_buf *out, ds_error *err)
{
    int64_t incident;
    ds_status rc = ds_store_claim_incident(s, claim, &incident, err);
    if (rc)
        return rc;
    ds_jw w;
    ds_jw_init(&w, out);
    write_claim(&w, true, claim, incident);
    return w.st ? ds_error_set(err, w.st, "out of memory") : DS_OK;
}

/* A growable list of claim ids, its length bounded by what incidents hold. */
typedef struct {
    int64_t *ids;
    size_t n, cap;
} claim_list;

/* A claim is listed once, as the answer's object names it once. */
static ds_status add_claim(claim_list *l, int64_t id, ds_error *err)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->ids[i] == id)
            return DS_OK;
    int64_t *v = ds_grow(l->ids, &l->cap, l->n, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->ids = v;
    v[l->n++] = id;
    return DS_OK;
}

/* Every claim of an incident; an incident that is not there adds none
 * (the decision will be refused for it). */
static ds_status add_incident(ds_store *s, int64_t incident, claim_list *l, ds_error *err)
{
    int64_t *ids = NULL;
    size_t n = 0;
    ds_error quiet = {0};
    ds_status rc = incident ? ds_store_incident_claims(s, incident, &ids, &n, &quiet) : DS_OK;
    if (rc == DS_ENOTFOUND)
        return DS_OK;
    if (rc)
        return ds_error_set(err, rc, "%s", quiet.msg);
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        rc = add_claim(l, ids[i], err);
    ds_free(ids);
    return rc;
}

/* The claim and the others of the incident that holds it. */
static ds_status add_claim_and_kin(ds_store *s, int64_t claim, claim_list *l, ds_error *err)
{
    int64_t incident = 0;
    ds_error quiet = {0};
    ds_status rc = claim ? ds_store_claim_incident(s, claim, &incident, &quiet) : DS_OK;
    if (rc == DS_ENOTFOUND || !claim)
        return DS_OK;
    if (rc)
        return ds_error_set(err, rc, "%s", quiet.msg);
    rc = add_claim(l, claim, err);
    return rc || !incident ? rc : add_incident(s, incident, l, err);
}

static ds_status gather(ds_store *s, json_t *req, claim_list *l, ds_error *err)
{
    const char *action = json_string_value(json_object_get(req, "action"));
    if (!action)
        return DS_OK;
    if (!strcmp(action, "confirm") || !strcmp(action, "reject"))
        return add_claim_and_kin(s, id_of(json_object_get(req, "claim"), 'c'), l, err);
    if (!strcmp(action, "split") || !strcmp(action, "edit"))
        return add_incident(s, id_of(json_object_get(req, "incident"), 'i'), l, err);
    if (strcmp(action, "merge"))
        return DS_OK;
    json_t *v = json_object_get(req, "incidents");
    ds_status rc = DS_OK;
    for (size_t i = 0; rc == DS_OK && i < json_array_size(v) && i < 2; i++)
        rc = add_incident(s, id_of(json_array_get(v, i), 'i'), l, err);
    return rc;
}

ds_status ds_serve_decision_claims(ds_store *s, const char *body, size_t len, int64_t **ids,
                                   size_t *n, ds_error *err)
{
    claim_list l = {0};
    json_t *req = json_loadb(body, len, 0, NULL);
    ds_status rc = json_is_object(req) ? gather(s, req, &l, err) : DS_OK;
    json_decref(req);
    if (rc) {
        ds_free(l.ids);
        l.ids = NULL;
        l.n = 0;
    }
    *ids = l.ids;
    *n = l.n;
    return rc;
}

/* The answer is one JSON object, written by ds_review_request: its
 * closing brace gives way to the "incidents" member. */
ds_status ds_serve_review_answer(ds_store *s, const int64_t *claims, size_t n, ds_buf *answer,
                                 ds_error *err)
{
    if (!answer->len || answer->p[answer->len - 1] != '}')
        return ds_error_set(err, DS_EINVAL, "the review answer is not a JSON object");
    ds_buf extra;
    ds_buf_init(&extra, answer->max);
    ds_jw w;
    ds_jw_init(&w, &extra);
    ds_jw_object(&w);
    ds_status rc = DS_OK;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        int64_t incident = 0;
        rc = ds_store_claim_incident(s, claims[i], &incident, err);
        if (rc == DS_OK)
            write_claim(&w, false, claims[i], incident);
    }
    ds_jw_end_object(&w);
    if (rc == DS_OK && w.st)
        rc = ds_error_set(err, w.st, "out of memory");
    answer->len--;
    if (rc == DS_OK && (ds_buf_puts(answer, ",\"incidents\":") ||
                        ds_buf_append(answer, extra.p, extra.len) || ds_buf_putc(answer, '}')))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_buf_free(&extra);
    return rc;
}
