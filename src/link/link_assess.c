/* link_assess.c: an incident's origins, figures, contradictions and status.
 *
 * Origins.  Every document has an origin of its own: its publisher, unless
 * it shares an author with another document of the incident, in which case
 * the two count once (and so do documents of one publisher).  A claim that
 * relays a source ("according to SOHR") has that source as its origin, and
 * a document whose claims in the incident all relay someone adds no origin
 * of its own.  A document that cites others (ds_linker_add_relay, fed by
 * resolved citations) gives, for its own reporting, the origins of the
 * cited documents that tell the incident too, or of the one document it
 * cites.  The independent origins are the distinct origins left.
 *
 * Figures.  For each role (killed, injured, ...) each document gives one
 * figure: the largest its claims in the incident state, since a document's
 * toll is its total and partial counts add up to it.  low and high range
 * over the documents; best follows the policy (conservative: the lowest).
 * Two documents contradict each other when their figures cannot both hold
 * (link_score.c), or when they date the event to different days. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

enum { ORIGIN_KEY_MAX = 512 };

static size_t root(size_t *up, size_t i)
{
    while (up[i] != i)
        i = up[i] = up[up[i]];
    return i;
}

/* Finds or adds key (copied into the arena). */
static ds_status key_index(ds_linker *l, lk_assessment *a, const char *kind, const char *name,
                           const char *display, size_t *out)
{
    char key[ORIGIN_KEY_MAX];
    snprintf(key, sizeof key, "%s:%s", kind, name);
    for (size_t i = 0; i < a->n_keys; i++)
        if (!strcmp(a->keys[i], key)) {
            *out = i;
            return DS_OK;
        }
    if (a->n_keys == a->cap_keys) {
        size_t cap = a->cap_keys ? a->cap_keys * 2 : 8;
        char **k = ds_realloc(a->keys, cap * sizeof *k);
        const char **d = k ? ds_realloc(a->display, cap * sizeof *d) : NULL;
        size_t *u = d ? ds_realloc(a->up, cap * sizeof *u) : NULL;
        if (k)
            a->keys = k;
        if (d)
            a->display = d;
        if (!u)
            return DS_ENOMEM;
        a->up = u;
        a->cap_keys = cap;
    }
    a->keys[a->n_keys] = ds_arena_strdup(l->arena, key);
    a->display[a->n_keys] = display;
    a->up[a->n_keys] = a->n_keys;
    if (!a->keys[a->n_keys])
        return DS_ENOMEM;
    *out = a->n_keys++;
    return DS_OK;
}

/* A document's own origin: its publisher and its author are one. */
static ds_status own_origin(ds_linker *l, lk_assessment *a, const lk_doc *d, size_t *out)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)d->id);
    const char *display = d->publisher_name ? d->publisher_name : d->author_name;
    size_t pub = 0, auth = 0;
    ds_status rc = DS_OK;
    if (d->publisher)
        rc = key_index(l, a, "p", d->publisher, display, &pub);
    if (rc == DS_OK && d->author)
        rc = key_index(l, a, "a", d->author, display, &auth);
    if (rc == DS_OK && !d->publisher && !d->author)
        rc = key_index(l, a, "d", id, display, &pub);
    if (rc)
        return rc;
    if (d->publisher && d->author)
        a->up[root(a->up, auth)] = root(a->up, pub);
    *out = d->publisher || !d->author ? pub : auth;
    return DS_OK;
}

static ds_status use_key(lk_assessment *a, size_t key)
{
    size_t *v = ds_grow(a->used, &a->cap_used, a->n_used, sizeof *v);
    if (!v)
        return DS_ENOMEM;
    a->used = v;
    v[a->n_used++] = key;
    return DS_OK;
}

static size_t slot_of(const lk_assessment *a, size_t doc)
{
    for (size_t i = 0; i < a->n_docs; i++)
        if (a->docs[i] == doc)
            return i;
    return SIZE_MAX;
}

/* Where each document's reporting stands in an incident: the keys
 * a->used[first[i] .. end[i]) once state[i] is DONE. */
enum { TODO, BUSY, DONE };

typedef struct {
    ds_linker *l;
    lk_assessment *a;
    size_t *first, *end;
    unsigned char *state;
} origin_walk;

/* A document whose claims relay no one stands on what the documents it
 * cites that tell the incident too stand on (a chain of citations is
 * followed; a cycle stops at the document met twice, which stands on its
 * own origin); else on the one document it cites; else on its own. */
static ds_status stand(origin_walk *w, size_t slot)
{
    lk_assessment *a = w->a;
    if (w->state[slot] == DONE)
        return DS_OK;
    w->state[slot] = BUSY;
    const lk_doc *d = &w->l->docs[a->docs[slot]];
    size_t key, found = 0;
    ds_status rc = DS_OK;
    for (size_t r = 0; rc == DS_OK && r < d->n_relays; r++) {
        size_t j = slot_of(a, d->relays[r]);
        if (j == SIZE_MAX || j == slot || w->state[j] == BUSY)
            continue;
        rc = stand(w, j);
        found++;
    }
    size_t start = a->n_used;
    for (size_t r = 0; rc == DS_OK && r < d->n_relays; r++) {
        size_t j = slot_of(a, d->relays[r]);
        if (j == SIZE_MAX || j == slot || w->state[j] != DONE)
            continue;
        for (size_t k = w->first[j]; rc == DS_OK && k < w->end[j]; k++)
            rc = use_key(a, a->used[k]);
    }
    if (rc == DS_OK && !found && d->n_relays == 1) {
        rc = own_origin(w->l, a, &w->l->docs[d->relays[0]], &key);
        rc = rc ? rc : use_key(a, key);
    }
    if (rc == DS_OK && a->n_used == start)
        rc = use_key(a, a->doc_origin[slot]);
    w->first[slot] = start;
    w->end[slot] = a->n_used;
    w->state[slot] = DONE;
    return rc;
}

ds_status ds__lk_origins(ds_linker *l, const lk_incident *in, lk_assessment *a)
{
    a->n_keys = 0;
    for (size_t i = 0; i < a->n_docs; i++) {
        size_t own;
        ds_status rc = own_origin(l, a, &l->docs[a->docs[i]], &own);
        if (rc)
            return rc;
        a->doc_origin[i] = own;
    }
    /* The sources each document's claims relay, then the reporting of
     * those that relay no one. */
    origin_walk w = {l, a, ds_malloc((a->n_docs + 1) * sizeof *w.first),
                     ds_malloc((a->n_docs + 1) * sizeof *w.end), ds_calloc(a->n_docs + 1, 1)};
    ds_status rc = w.first && w.end && w.state ? DS_OK : DS_ENOMEM;
    a->n_used = 0;
    for (size_t i = 0; rc == DS_OK && i < a->n_docs; i++) {
        w.first[i] = a->n_used;
        for (size_t k = 0; rc == DS_OK && k < in->n; k++) {
            const lk_claim *c = &l->claims[in->claims[k]];
            size_t key;
            if (c->doc != a->docs[i] || !c->origin)
                continue;
            rc = key_index(l, a, "p", c->origin, c->origin_name, &key);
            rc = rc ? rc : use_key(a, key);
        }
        w.end[i] = a->n_used;
        w.state[i] = w.end[i] > w.first[i] ? DONE : TODO;
    }
    for (size_t i = 0; rc == DS_OK && i < a->n_docs; i++)
        rc = stand(&w, i);
    ds_free(w.first);
    ds_free(w.end);
    ds_free(w.state);
    return rc;
}

size_t ds__lk_origin_count(lk_assessment *a, size_t *roots, const char **names)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_used; i++) {
        size_t r = root(a->up, a->used[i]), k = 0;
        while (k < n && roots[k] != r)
            k++;
        if (k == n) {
            names[n] = a->display[a->used[i]];
            roots[n++] = r;
        }
    }
    return n;
}

/* Each document's figure for one role: the largest it states. */
size_t ds__lk_figures(const ds_linker *l, const lk_incident *in, const char *role,
                      const lk_assessment *a, lk_figure *out)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_docs; i++) {
        lk_figure best = {0};
        for (size_t k = 0; k < in->n; k++) {
            const lk_claim *c = &l->claims[in->claims[k]];
            for (size_t j = 0; c->doc == a->docs[i] && j < c->n_counts; j++)
                if (!strcmp(c->counts[j].role, role) &&
                    (!best.count || c->counts[j].value > best.count->value))
                    best = (lk_figure){&c->counts[j], c, i};
        }
        if (best.count)
            out[n++] = best;
    }
    return n;
}

static int by_value(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

double ds__lk_best(const ds_link_policy *p, const lk_figure *f, size_t n, double *values)
{
    for (size_t i = 0; i < n; i++)
        values[i] = f[i].count->value;
    qsort(values, n, sizeof *values, by_value);
    switch (p->figure_policy) {
    case LK_HIGHEST: return values[n - 1];
    case LK_MEDIAN: return n % 2 ? values[n / 2] : floor((values[n / 2 - 1] + values[n / 2]) / 2);
    case LK_CONSERVATIVE: break;
    }
    return values[0];
}

void ds__lk_figure_text(const lk_count *c, char *buf, size_t size)
{
    const char *q = c->qualifier;
    if (!q) {
        snprintf(buf, size, "%g", c->value);
        return;
    }
    const char *n1 = strchr(q, 'N');
    if (!n1) {
        snprintf(buf, size, "%s (%g)", q, c->value);
        return;
    }
    const char *n2 = strchr(n1 + 1, 'N');
    if (n2 && c->high >= 0)
        snprintf(buf, size, "%.*s%g%.*s%g%s", (int)(n1 - q), q, c->low, (int)(n2 - n1 - 1),
                 n1 + 1, c->high, n2 + 1);
    else
        snprintf(buf, size, "%.*s%g%s", (int)(n1 - q), q, c->value, n1 + 1);
}
