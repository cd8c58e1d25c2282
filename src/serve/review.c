/* review.c: a review decision sent to the server (serve.h).  It is
 * recorded exactly as `dossier review confirm|reject` records it, so the
 * audit log cannot tell the two apart except by the user's name. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "serve/serve.h"

enum { MAX_USER = 64, MAX_WHY = 2000 };

static bool parse_claim(const char *s, int64_t *id)
{
    if (*s == 'c' || *s == 'C')
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || *s == '-' || *s == '+')
        return false;
    *id = v;
    return true;
}

/* Records the decision on claim id and writes the answer. */
static ds_status record(ds_store *s, const char *action, const char *target, int64_t id,
                        const char *user, const char *why, ds_buf *out, ds_error *err)
{
    char key[160], keys[200];
    ds_status rc = ds_store_claim_key(s, id, key, sizeof key, err);
    if (rc)
        return rc;
    /* A claim key is hex digits, digits, colons and a dash: it needs no
     * escaping inside the JSON array. */
    snprintf(keys, sizeof keys, "[\"%s\"]", key);
    ds_review_event e = {.user = user, .action = action, .target = target, .claims = keys,
                         .others = "[]", .why = why,
                         .after = !strcmp(action, "reject") ? "rejected" : "confirmed"};
    rc = ds_store_add_review(s, &e, err);
    if (rc)
        return rc;
    ds_jw w;
    ds_jw_init(&w, out);
    ds_jw_object(&w);
    ds_jw_kint(&w, "event", e.id);
    ds_jw_kstr(&w, "action", action);
    ds_jw_kstr(&w, "target", target);
    ds_jw_kstr(&w, "user", user);
    ds_jw_end_object(&w);
    return w.st ? ds_error_set(err, w.st, "out of memory") : DS_OK;
}

ds_status ds_serve_review(ds_store *s, const char *body, size_t len, const char *user,
                          ds_buf *out, ds_error *err)
{
    json_error_t jerr;
    json_t *req = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    json_t *user_v = json_object_get(req, "user");
    if (json_is_string(user_v))
        user = json_string_value(user_v);
    const char *action = json_string_value(json_object_get(req, "action"));
    const char *claim = json_string_value(json_object_get(req, "claim"));
    json_t *why_v = json_object_get(req, "why");
    const char *why = json_string_value(why_v);
    int64_t id = 0;
    ds_status rc = DS_OK;
    if (!json_is_object(req))
        rc = ds_error_set(err, DS_EINVAL, "the body is not a JSON object");
    else if (!user || !*user || strlen(user) > MAX_USER || (user_v && !json_is_string(user_v)))
        rc = ds_error_set(err, DS_EINVAL, "user is a name of 1 to %d bytes", MAX_USER);
    else if (!action || (strcmp(action, "confirm") && strcmp(action, "reject")))
        rc = ds_error_set(err, DS_EINVAL, "action is confirm or reject (merge, split and edit "
                                          "are not served yet: use `dossier review`)");
    else if (!claim || strlen(claim) > 24 || !parse_claim(claim, &id))
        rc = ds_error_set(err, DS_EINVAL, "claim is written c12");
    else if ((why_v && !json_is_null(why_v) && !why) || (why && strlen(why) > MAX_WHY))
        rc = ds_error_set(err, DS_EINVAL, "why is a string of at most %d bytes", MAX_WHY);
    if (rc == DS_OK)
        rc = record(s, action, claim, id, user, why && *why ? why : NULL, out, err);
    json_decref(req);
    return rc;
}
