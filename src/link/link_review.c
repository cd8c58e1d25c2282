/* link_review.c: human decisions kept through every re-link.
 *
 * Linking is recomputed from the claims each time, so a decision cannot be
 * stored as a change to an incident: incidents are renumbered.  It is
 * stored as a statement about claims (the caller maps the log's claim
 * identities to current ids) and replayed here on every link:
 *
 * - a rejected claim is left out before linking; a confirmed one is
 *   marked in its incident;
 * - the claims of a split are kept apart from the claims they were split
 *   from while clustering (a cannot-link rule beside the hard rules), so
 *   that nothing chains them back together;
 * - after clustering, merges and splits are replayed oldest first over
 *   the clusters: a merge puts every cluster holding one of its claims
 *   into one, a split takes its claims out into a cluster of their own;
 *   a later decision thus wins over an earlier one;
 * - an edit applies to the incident that holds most of the claims the
 *   edited incident held, and overrides the computed field. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

enum { DECISIONS_MAX = 1000000, DECISION_CLAIMS_MAX = 100000 };

static const char *const edit_fields[] = {"event_type", "sub_event_type", "date", "place",
                                          "admin1", "status"};

/* A date edit: "2025-03-06", "2025-03", or "START/END". */
static bool parse_date_value(const char *v, ds_date *from, ds_date *to)
{
    const char *slash = strchr(v, '/');
    char a[16];
    if (!slash)
        return ds_date_parse_iso(v, DS_PREC_NONE, from) == DS_OK &&
               ds_date_parse_iso(v, DS_PREC_NONE, to) == DS_OK;
    if ((size_t)(slash - v) >= sizeof a)
        return false;
    memcpy(a, v, (size_t)(slash - v));
    a[slash - v] = '\0';
    return ds_date_parse_iso(a, DS_PREC_NONE, from) == DS_OK &&
           ds_date_parse_iso(slash + 1, DS_PREC_NONE, to) == DS_OK &&
           strcmp(from->start, to->end) <= 0;
}

ds_status ds_review_check_edit(const char *field, const char *value, ds_error *err)
{
    size_t i = 0, n = sizeof edit_fields / sizeof *edit_fields;
    while (i < n && strcmp(edit_fields[i], field ? field : ""))
        i++;
    if (i == n)
        return ds_error_set(err, DS_EINVAL, "cannot edit '%s': the fields are event_type, "
                            "sub_event_type, date, place, admin1 and status",
                            field ? field : "");
    if (!value || !*value)
        return ds_error_set(err, DS_EINVAL, "edit %s: no value", field);
    ds_date a, b;
    if (!strcmp(field, "date") && !parse_date_value(value, &a, &b))
        return ds_error_set(err, DS_EINVAL, "edit date: '%s' is not YYYY-MM-DD, YYYY-MM, "
                            "YYYY or START/END", value);
    if (!strcmp(field, "status") && strcmp(value, "single-source") &&
        strcmp(value, "corroborated") && strcmp(value, "contested"))
        return ds_error_set(err, DS_EINVAL, "edit status: '%s' is not single-source, "
                            "corroborated or contested", value);
    return DS_OK;
}

static int64_t *copy_ids(ds_linker *l, const int64_t *v, size_t n)
{
    int64_t *out = ds_arena_alloc(l->arena, (n + 1) * sizeof *out);
    if (out && n)
        memcpy(out, v, n * sizeof *v);
    return out;
}

ds_status ds_linker_add_decision(ds_linker *l, const ds_review_decision *d, ds_error *err)
{
    if (l->n_decisions >= DECISIONS_MAX || d->n_claims > DECISION_CLAIMS_MAX ||
        d->n_others > DECISION_CLAIMS_MAX)
        return ds_error_set(err, DS_ETOOBIG, "too many review decisions or claims in one");
    if (d->action == DS_REVIEW_EDIT) {
        ds_status rc = ds_review_check_edit(d->field, d->value, err);
        if (rc)
            return rc;
    }
    lk_decision *v = ds_grow(l->decisions, &l->cap_decisions, l->n_decisions, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->decisions = v;
    lk_decision *k = &v[l->n_decisions];
    *k = (lk_decision){.action = d->action, .n_claims = d->n_claims, .n_others = d->n_others};
    k->claims = copy_ids(l, d->claims, d->n_claims);
    k->others = copy_ids(l, d->others, d->n_others);
    k->field = d->field ? ds_arena_strdup(l->arena, d->field) : NULL;
    k->value = d->value ? ds_arena_strdup(l->arena, d->value) : NULL;
    if (!k->claims || !k->others || (d->field && !k->field) || (d->value && !k->value))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    l->n_decisions++;
    return DS_OK;
}

/* Claim indexes by id, for the decisions' ids. */
typedef struct {
    int64_t id;
    size_t idx;
} id_slot;

static int by_id(const void *pa, const void *pb)
{
    const id_slot *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

static id_slot *id_map(const ds_linker *l)
{
    id_slot *m = ds_malloc((l->n_claims + 1) * sizeof *m);
    for (size_t i = 0; m && i < l->n_claims; i++)
        m[i] = (id_slot){l->claims[i].id, i};
    if (m && l->n_claims)
        qsort(m, l->n_claims, sizeof *m, by_id);
    return m;
}

static size_t index_of(const ds_linker *l, const id_slot *m, int64_t id)
{
    id_slot key = {id, 0};
    const id_slot *s = l->n_claims ? bsearch(&key, m, l->n_claims, sizeof *m, by_id) : NULL;
    return s ? s->idx : SIZE_MAX;
}

/* Appends entry to claim i's list of split sides (grown in the arena). */
static ds_status add_side(ds_linker *l, lk_claim *c, uint32_t entry)
{
    uint32_t *v = ds_arena_alloc(l->arena, (c->n_apart + 1) * sizeof *v);
    if (!v)
        return DS_ENOMEM;
    if (c->n_apart)
        memcpy(v, c->apart, c->n_apart * sizeof *v);
    v[c->n_apart++] = entry;
    c->apart = v;
    return DS_OK;
}

ds_status ds__lk_review_flags(ds_linker *l)
{
    if (!l->n_decisions)
        return DS_OK;
    id_slot *m = id_map(l);
    if (!m)
        return DS_ENOMEM;
    ds_status rc = DS_OK;
    for (size_t k = 0; rc == DS_OK && k < l->n_decisions; k++) {
        const lk_decision *d = &l->decisions[k];
        for (size_t side = 0; side < 2 && rc == DS_OK; side++) {
            const int64_t *ids = side ? d->others : d->claims;
            size_t n = side ? d->n_others : d->n_claims;
            for (size_t i = 0; i < n && rc == DS_OK; i++) {
                size_t c = index_of(l, m, ids[i]);
                if (c == SIZE_MAX)
                    continue;
                if (d->action == DS_REVIEW_REJECT || d->action == DS_REVIEW_CONFIRM) {
                    l->claims[c].rejected = d->action == DS_REVIEW_REJECT;
                    l->claims[c].confirmed = d->action == DS_REVIEW_CONFIRM;
                } else if (d->action == DS_REVIEW_SPLIT) {
                    rc = add_side(l, &l->claims[c], (uint32_t)(k * 2 + side));
                }
            }
        }
    }
    ds_free(m);
    return rc;
}

bool ds__lk_kept_apart(const lk_claim *a, const lk_claim *b)
{
    for (uint32_t i = 0; i < a->n_apart; i++)
        for (uint32_t j = 0; j < b->n_apart; j++)
            if (a->apart[i] / 2 == b->apart[j] / 2 && a->apart[i] != b->apart[j])
                return true;
    return false;
}

static size_t root_of(const lk_claim *v, size_t i)
{
    while (v[i].cluster != i)
        i = v[i].cluster;
    return i;
}

/* A merge: every claim whose label one of the decision's claims bears
 * takes the first one's label. */
static ds_status replay_merge(ds_linker *l, const id_slot *m, const lk_decision *d, size_t *label)
{
    size_t n = d->n_claims + d->n_others, k = 0;
    size_t *labels = ds_malloc((n + 1) * sizeof *labels);
    if (!labels)
        return DS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t c = index_of(l, m, i < d->n_claims ? d->claims[i] : d->others[i - d->n_claims]);
        if (c != SIZE_MAX)
            labels[k++] = label[c];
    }
    for (size_t i = 0; k > 1 && i < l->n_claims; i++)
        for (size_t j = 1; j < k; j++)
            if (label[i] == labels[j]) {
                label[i] = labels[0];
                break;
            }
    ds_free(labels);
    return DS_OK;
}

ds_status ds__lk_review_replay(ds_linker *l)
{
    bool any = false;
    for (size_t k = 0; k < l->n_decisions && !any; k++)
        any = l->decisions[k].action == DS_REVIEW_MERGE || l->decisions[k].action == DS_REVIEW_SPLIT;
    if (!any)
        return DS_OK;
    size_t n = l->n_claims, n_labels = n + l->n_decisions + 1;
    id_slot *m = id_map(l);
    size_t *label = ds_malloc((n + 1) * sizeof *label), *rep = ds_malloc(n_labels * sizeof *rep);
    ds_status rc = m && label && rep ? DS_OK : DS_ENOMEM;
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        label[i] = root_of(l->claims, i);
    for (size_t k = 0; rc == DS_OK && k < l->n_decisions; k++) {
        const lk_decision *d = &l->decisions[k];
        if (d->action == DS_REVIEW_MERGE)
            rc = replay_merge(l, m, d, label);
        for (size_t i = 0; d->action == DS_REVIEW_SPLIT && i < d->n_claims; i++) {
            size_t c = index_of(l, m, d->claims[i]);
            if (c != SIZE_MAX)
                label[c] = n + k;
        }
    }
    for (size_t i = 0; rc == DS_OK && i < n_labels; i++)
        rep[i] = SIZE_MAX;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        if (rep[label[i]] == SIZE_MAX)
            rep[label[i]] = i;
        l->claims[i].cluster = rep[label[i]];
    }
    ds_free(m);
    ds_free(label);
    ds_free(rep);
    return rc;
}

ds_status ds__lk_review_targets(ds_linker *l)
{
    bool any = false;
    for (size_t k = 0; k < l->n_decisions && !any; k++)
        any = l->decisions[k].action == DS_REVIEW_EDIT;
    if (!any)
        return DS_OK;
    id_slot *m = id_map(l);
    size_t *inc = ds_malloc((l->n_claims + 1) * sizeof *inc);
    size_t *votes = ds_calloc(l->n_incidents + 1, sizeof *votes);
    ds_status rc = m && inc && votes ? DS_OK : DS_ENOMEM;
    for (size_t i = 0; rc == DS_OK && i < l->n_claims; i++)
        inc[i] = SIZE_MAX;
    for (size_t x = 0; rc == DS_OK && x < l->n_incidents; x++)
        for (size_t j = 0; j < l->incidents[x].n; j++)
            inc[l->incidents[x].claims[j]] = x;
    for (size_t k = 0; rc == DS_OK && k < l->n_decisions; k++) {
        lk_decision *d = &l->decisions[k];
        if (d->action != DS_REVIEW_EDIT)
            continue;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < d->n_claims; i++) {
            size_t c = index_of(l, m, d->claims[i]);
            size_t x = c == SIZE_MAX ? SIZE_MAX : inc[c];
            if (x == SIZE_MAX)
                continue;
            votes[x]++;
            if (best == SIZE_MAX || votes[x] > votes[best] || (votes[x] == votes[best] && x < best))
                best = x;
        }
        d->target = best == SIZE_MAX ? 0 : best + 1;
        for (size_t i = 0; i < d->n_claims; i++) {
            size_t c = index_of(l, m, d->claims[i]);
            if (c != SIZE_MAX && inc[c] != SIZE_MAX)
                votes[inc[c]] = 0;
        }
    }
    ds_free(m);
    ds_free(inc);
    ds_free(votes);
    return rc;
}

static const char *adup(ds_linker *l, const char *s) { return ds_arena_strdup(l->arena, s); }

static void edit_date(ds_linker *l, const char *value, json_t *o, ds_incident_record *r)
{
    ds_date a, b;
    if (!parse_date_value(value, &a, &b))
        return;
    const char *prec = strchr(value, '/') ? "range" : ds_precision_name(a.precision);
    json_object_set_new(o, "date", json_pack("{s:s, s:s, s:s}", "start", a.start, "end", b.end,
                                             "precision", prec));
    r->date_start = adup(l, a.start);
    r->date_end = adup(l, b.end);
    r->precision = adup(l, prec);
}

static void edit_location(ds_linker *l, const char *key, const char *value, json_t *o,
                          ds_incident_record *r)
{
    json_t *loc = json_object_get(o, "location");
    json_t *copy = json_is_object(loc) ? json_deep_copy(loc) : json_object();
    json_object_set_new(copy, key, json_string(value));
    json_object_set_new(o, "location", copy);
    if (!strcmp(key, "name"))
        r->place = adup(l, value);
    else
        r->admin1 = adup(l, value);
}

ds_status ds__lk_apply_edits(ds_linker *l, size_t idx, json_t *o, ds_incident_record *r)
{
    json_t *edited = NULL;
    for (size_t k = 0; k < l->n_decisions; k++) {
        const lk_decision *d = &l->decisions[k];
        if (d->action != DS_REVIEW_EDIT || d->target != idx + 1)
            continue;
        const char *f = d->field, *v = d->value;
        if (!strcmp(f, "date"))
            edit_date(l, v, o, r);
        else if (!strcmp(f, "place") || !strcmp(f, "admin1"))
            edit_location(l, !strcmp(f, "place") ? "name" : "admin1", v, o, r);
        else
            json_object_set_new(o, f, json_string(v));
        if (!strcmp(f, "event_type"))
            r->event_type = adup(l, v);
        else if (!strcmp(f, "sub_event_type"))
            r->sub_event_type = adup(l, v);
        else if (!strcmp(f, "status"))
            r->status = adup(l, v);
        if (!edited && !(edited = json_array()))
            return DS_ENOMEM;
        json_array_append_new(edited, json_string(f));
    }
    if (!edited)
        return DS_OK;
    json_object_set_new(o, "edited", edited);
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    r->value = text ? adup(l, text) : NULL;
    free(text);
    return r->value ? DS_OK : DS_ENOMEM;
}
