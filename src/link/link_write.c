/* link_write.c: each incident as a stored record and its JSON object
 * (DESIGN.md §5: id, parent, event_type, sub_event_type, date, location,
 * actors, groups, figures, documents, independent_origins, status,
 * contradictions, claims; and dossier's own: episode, origins). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

enum { ROLES_MAX = 16, CONTRADICTIONS_MAX = 50 };

typedef struct {
    ds_linker *l;
    const lk_incident *in;
    lk_assessment a;
    json_t *contradictions;
    size_t n_between;      /* contradictions between documents (contested) */
    ds_incident_record *r;
} writer;

static char *adup(ds_linker *l, const char *s) { return s ? ds_arena_strdup(l->arena, s) : NULL; }

static const char *doc_label(const writer *w, size_t slot, char *buf, size_t size)
{
    const lk_doc *d = &w->l->docs[w->a.docs[slot]];
    const char *who = d->publisher_name ? d->publisher_name : d->author_name;
    if (who)
        snprintf(buf, size, "d%lld (%s)", (long long)d->id, who);
    else
        snprintf(buf, size, "d%lld", (long long)d->id);
    return buf;
}

/* A figure as the export writes it: an integer when it is one (a count
 * of people), else a real. */
static json_t *num(double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static void contradiction(writer *w, const char *text)
{
    if (json_array_size(w->contradictions) < CONTRADICTIONS_MAX)
        json_array_append_new(w->contradictions, json_string(text));
}

static void self_contradictions(writer *w, const char *role);

static void figure_contradictions(writer *w, const char *role, const lk_figure *f, size_t i)
{
    char a_text[128], b_text[128], a_label[96], b_label[96], line[512];
    for (size_t j = 0; j < i; j++) {
        if (ds__lk_figures_agree(w->l->policy, f[i].count, f[j].count))
            continue;
        ds__lk_figure_text(f[j].count, a_text, sizeof a_text);
        ds__lk_figure_text(f[i].count, b_text, sizeof b_text);
        snprintf(line, sizeof line, "%s: %s gives %s (c%lld); %s gives %s (c%lld)", role,
                 doc_label(w, f[j].slot, a_label, sizeof a_label), a_text,
                 (long long)f[j].claim->id, doc_label(w, f[i].slot, b_label, sizeof b_label),
                 b_text, (long long)f[i].claim->id);
        contradiction(w, line);
    }
}

static json_t *figure_json(writer *w, const char *role, lk_figure *f, size_t n, double *scratch)
{
    json_t *by_doc = json_object(), *reports = json_array();
    double low = f[0].count->value, high = low;
    char doc[32], claim[32], text[160];
    for (size_t i = 0; i < n; i++) {
        const lk_count *c = f[i].count;
        snprintf(doc, sizeof doc, "d%lld", (long long)w->l->docs[w->a.docs[f[i].slot]].id);
        snprintf(claim, sizeof claim, "c%lld", (long long)f[i].claim->id);
        json_object_set_new(by_doc, doc, num(c->value));
        low = c->value < low ? c->value : low;
        high = c->value > high ? c->value : high;
        ds__lk_figure_text(c, text, sizeof text);
        json_array_append_new(reports, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s?, s:s}",
            "document", doc, "claim", claim, "value", num(c->value), "low", num(c->low), "high",
            c->high < 0 ? json_null() : num(c->high), "qualifier", c->qualifier, "text",
            text));
        figure_contradictions(w, role, f, i);
    }
    double best = ds__lk_best(w->l->policy, f, n, scratch);
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "low", num(low), "high", num(high), "best",
                     num(best), "by_document", by_doc, "reports", reports);
}

/* The roles the incident's claims count, in order of first appearance. */
static size_t roles_of(const writer *w, const char **roles)
{
    size_t n = 0;
    for (size_t k = 0; k < w->in->n; k++) {
        const lk_claim *c = &w->l->claims[w->in->claims[k]];
        for (size_t j = 0; j < c->n_counts; j++) {
            size_t i = 0;
            while (i < n && strcmp(roles[i], c->counts[j].role))
                i++;
            if (i == n && n < ROLES_MAX)
                roles[n++] = c->counts[j].role;
        }
    }
    return n;
}

static json_t *figures_json(writer *w)
{
    const char *roles[ROLES_MAX];
    size_t n_roles = roles_of(w, roles);
    json_t *o = json_object();
    lk_figure *f = ds_malloc((w->a.n_docs + 1) * sizeof *f);
    double *scratch = ds_malloc((w->a.n_docs + 1) * sizeof *scratch);
    for (size_t i = 0; f && scratch && o && i < n_roles; i++) {
        size_t n = ds__lk_figures(w->l, w->in, roles[i], &w->a, f);
        if (n)
            json_object_set_new(o, roles[i], figure_json(w, roles[i], f, n, scratch));
    }
    w->n_between = json_array_size(w->contradictions);
    for (size_t i = 0; f && scratch && o && i < n_roles; i++)
        self_contradictions(w, roles[i]);
    if (!f || !scratch) {
        json_decref(o);
        o = NULL;
    }
    ds_free(f);
    ds_free(scratch);
    return o;
}

/* A document that dates the event to another day than the incident's (the
 * day most documents give), beside a document that gives that day; each
 * document once. */
static void date_contradictions(writer *w)
{
    const lk_incident *in = w->in;
    const lk_claim *ref = NULL;
    for (size_t i = 0; i < in->n && !ref; i++) {
        const lk_claim *c = &w->l->claims[in->claims[i]];
        ref = c->day_precise && c->d0 == in->d0 && in->d0 == in->d1 ? c : NULL;
    }
    bool *listed = ref ? ds_calloc(w->a.n_docs, sizeof *listed) : NULL;
    for (size_t i = 0; listed && i < in->n; i++) {
        const lk_claim *b = &w->l->claims[in->claims[i]];
        size_t sa = 0, sb = 0;
        while (w->a.docs[sa] != ref->doc)
            sa++;
        while (w->a.docs[sb] != b->doc)
            sb++;
        if (!b->day_precise || b->d0 == ref->d0 || listed[sb])
            continue;
        listed[sb] = true;
        char da[11], db[11], la[96], lb[96], line[512];
        ds_iso_from_days(ref->d0, da);
        ds_iso_from_days(b->d0, db);
        snprintf(line, sizeof line, "date: %s gives %s (c%lld); %s gives %s (c%lld)",
                 doc_label(w, sa, la, sizeof la), da, (long long)ref->id,
                 doc_label(w, sb, lb, sizeof lb), db, (long long)b->id);
        contradiction(w, line);
    }
    ds_free(listed);
}

/* Two claims of one document whose figures of one role cannot both hold:
 * a document contradicting itself.  Listed, but the incident is contested
 * only by documents disagreeing with each other. */
static void self_contradictions(writer *w, const char *role)
{
    const lk_incident *in = w->in;
    char a_text[128], b_text[128], label[96], line[512];
    for (size_t i = 0; i < in->n; i++) {
        const lk_claim *a = &w->l->claims[in->claims[i]];
        for (size_t j = i + 1; j < in->n; j++) {
            const lk_claim *b = &w->l->claims[in->claims[j]];
            if (a->doc != b->doc)
                continue;
            for (size_t x = 0; x < a->n_counts; x++)
                for (size_t y = 0; y < b->n_counts; y++) {
                    const lk_count *ca = &a->counts[x], *cb = &b->counts[y];
                    if (strcmp(ca->role, role) || strcmp(cb->role, role) ||
                        ds__lk_figures_agree(w->l->policy, ca, cb))
                        continue;
                    size_t slot = 0;
                    while (w->a.docs[slot] != a->doc)
                        slot++;
                    ds__lk_figure_text(ca, a_text, sizeof a_text);
                    ds__lk_figure_text(cb, b_text, sizeof b_text);
                    snprintf(line, sizeof line, "%s: %s gives %s (c%lld) and %s (c%lld) itself",
                             role, doc_label(w, slot, label, sizeof label), a_text,
                             (long long)a->id, b_text, (long long)b->id);
                    contradiction(w, line);
                }
        }
    }
}

/* Places the text puts in another division than the gazetteer does (the
 * place mention's warning), named in the incident's claims' sentences. */
static void place_contradictions(writer *w)
{
    const ds_linker *l = w->l;
    char label[96], line[768];
    for (size_t k = 0; k < w->in->n; k++) {
        const lk_claim *c = &l->claims[w->in->claims[k]];
        int64_t doc = l->docs[c->doc].id;
        size_t lo = 0, hi = l->n_warnings;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const lk_warning *x = &l->warnings[mid];
            if (x->doc < doc || (x->doc == doc && x->start < c->span0))
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < l->n_warnings && l->warnings[i].doc == doc &&
                            l->warnings[i].end <= c->span1; i++) {
            size_t slot = 0;
            while (w->a.docs[slot] != c->doc)
                slot++;
            snprintf(line, sizeof line, "place: %s (c%lld): %s",
                     doc_label(w, slot, label, sizeof label), (long long)c->id,
                     l->warnings[i].text);
            bool listed = false;
            for (size_t j = 0; j < json_array_size(w->contradictions) && !listed; j++)
                listed = !strcmp(json_string_value(json_array_get(w->contradictions, j)), line);
            if (!listed)
                contradiction(w, line);
        }
    }
}

static bool is_fine(const lk_claim *c) { return c->level == LK_TOWN || c->level == LK_AREA; }

/* For each claim of the incident, how many of its documents name the same
 * place: a document counts once however many of its claims name it. */
static size_t *place_votes(const writer *w)
{
    size_t n = w->in->n;
    size_t *votes = ds_calloc(n + 1, sizeof *votes);
    bool *first = ds_calloc(n + 1, sizeof *first);
    for (size_t i = 0; votes && first && i < n; i++) {
        const lk_claim *c = &w->l->claims[w->in->claims[i]];
        first[i] = c->place != NULL;
        for (size_t j = 0; first[i] && j < i; j++) {
            const lk_claim *o = &w->l->claims[w->in->claims[j]];
            first[i] = !(o->doc == c->doc && o->place && !strcmp(o->place, c->place));
        }
    }
    for (size_t i = 0; votes && first && i < n; i++) {
        const lk_claim *c = &w->l->claims[w->in->claims[i]];
        for (size_t j = 0; c->place && j < n; j++) {
            const lk_claim *o = &w->l->claims[w->in->claims[j]];
            votes[i] += first[j] && !strcmp(o->place, c->place);
        }
    }
    ds_free(first);
    return votes;
}

/* Whether place claim c (with vc votes) stands for the incident better
 * than best (with vb): a town or area before anything coarser, then the
 * place most documents name, then the finer, then one stated rather than
 * carried, then one of a claim with a date of its own. */
static bool better_place(const lk_claim *c, size_t vc, const lk_claim *best, size_t vb)
{
    if (!best)
        return true;
    if (is_fine(c) != is_fine(best))
        return is_fine(c);
    if (vc != vb)
        return vc > vb;
    if (c->level != best->level)
        return c->level < best->level;
    if (best->carried_place != c->carried_place)
        return best->carried_place;
    return c->dated && !best->dated;
}

/* The claim whose place stands for the incident; an episode's from its
 * broad claims first. */
static const lk_claim *place_claim(const writer *w)
{
    const lk_claim *best = NULL;
    size_t best_votes = 0, *votes = place_votes(w);
    for (int pass = 0; votes && pass < 2 && !best; pass++)
        for (size_t k = 0; k < w->in->n; k++) {
            const lk_claim *c = &w->l->claims[w->in->claims[k]];
            if (!c->location_json || (w->in->broad && pass == 0 && !c->broad))
                continue;
            if (better_place(c, votes[k], best, best_votes)) {
                best = c;
                best_votes = votes[k];
            }
        }
    ds_free(votes);
    return best;
}

/* The most frequent type and sub-type among the claims. */
static const lk_claim *type_claim(const writer *w)
{
    const lk_claim *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < w->in->n; i++) {
        const lk_claim *c = &w->l->claims[w->in->claims[i]];
        size_t n = 0;
        for (size_t j = 0; j < w->in->n; j++) {
            const lk_claim *o = &w->l->claims[w->in->claims[j]];
            n += !strcmp(c->type, o->type) && c->sub_type && o->sub_type &&
                 !strcmp(c->sub_type, o->sub_type);
        }
        if (n > best_n || !best) {
            best = c;
            best_n = n;
        }
    }
    return best;
}

static const char *date_precision(const writer *w)
{
    const lk_incident *in = w->in;
    for (size_t k = 0; k < in->n; k++) {
        const lk_claim *c = &w->l->claims[in->claims[k]];
        if (c->dated && c->d0 == in->d0 && c->d1 == in->d1 && c->precision)
            return c->precision;
    }
    return in->d0 == in->d1 ? "day" : "range";
}

static json_t *date_json(writer *w)
{
    if (!w->in->dated)
        return json_null();
    char s[11], e[11];
    ds_iso_from_days(w->in->d0, s);
    ds_iso_from_days(w->in->d1, e);
    w->r->date_start = adup(w->l, s);
    w->r->date_end = adup(w->l, e);
    w->r->precision = adup(w->l, date_precision(w));
    return json_pack("{s:s, s:s, s:s}", "start", s, "end", e, "precision", w->r->precision);
}

static void add_unique_string(json_t *arr, const char *s)
{
    for (size_t i = 0; i < json_array_size(arr); i++)
        if (!strcmp(json_string_value(json_array_get(arr, i)), s))
            return;
    json_array_append_new(arr, json_string(s));
}

static void add_actor(json_t *actors, json_t *actor)
{
    const char *role = json_string_value(json_object_get(actor, "role"));
    const char *name = json_string_value(json_object_get(actor, "name"));
    if (!role || !name)
        return;
    for (size_t i = 0; i < json_array_size(actors); i++) {
        json_t *o = json_array_get(actors, i);
        if (!strcmp(role, json_string_value(json_object_get(o, "role"))) &&
            !strcmp(name, json_string_value(json_object_get(o, "name"))))
            return;
    }
    json_array_append(actors, actor);
}

/* The claims in export form, and the actors and groups they name. */
static json_t *claims_json(writer *w, json_t *actors, json_t *groups)
{
    json_t *arr = json_array();
    for (size_t k = 0; arr && k < w->in->n; k++) {
        const lk_claim *c = &w->l->claims[w->in->claims[k]];
        json_t *src = json_loads(c->json, 0, NULL), *o = json_object();
        char id[32], doc[32];
        snprintf(id, sizeof id, "c%lld", (long long)c->id);
        snprintf(doc, sizeof doc, "d%lld", (long long)w->l->docs[c->doc].id);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "document", json_string(doc));
        if (c->confirmed)
            json_object_set_new(o, "review", json_string("confirmed"));
        const char *key;
        json_t *v;
        json_object_foreach(src, key, v)
            if (strcmp(key, "id"))
                json_object_set(o, key, v);
        json_t *a;
        size_t i;
        json_array_foreach(json_object_get(src, "actors"), i, a)
            add_actor(actors, a);
        json_array_foreach(json_object_get(src, "groups"), i, a)
            if (json_is_string(a))
                add_unique_string(groups, json_string_value(a));
        json_decref(src);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* An incident's documents are listed, and its figures reported, in the
 * order they were published (undated ones last), then in the linker's
 * order of documents: what the first report said comes first, and the
 * order is the same whatever the ids. */
static bool published_after(const ds_linker *l, size_t x, size_t y)
{
    const lk_doc *a = &l->docs[x], *b = &l->docs[y];
    bool da = a->pub_start != INT32_MIN, db = b->pub_start != INT32_MIN;
    if (da != db)
        return db;
    if (da && a->pub_start != b->pub_start)
        return a->pub_start > b->pub_start;
    return x > y;
}

static ds_status assess(writer *w)
{
    ds_linker *l = w->l;
    const lk_incident *in = w->in;
    lk_assessment *a = &w->a;
    a->n_docs = 0;
    for (size_t k = 0; k < in->n; k++) {
        size_t d = l->claims[in->claims[k]].doc, i = 0;
        while (i < a->n_docs && a->docs[i] != d)
            i++;
        if (i == a->n_docs)
            a->docs[a->n_docs++] = d;
    }
    for (size_t i = 1; i < a->n_docs; i++)
        for (size_t j = i; j > 0 && published_after(l, a->docs[j - 1], a->docs[j]); j--) {
            size_t t = a->docs[j];
            a->docs[j] = a->docs[j - 1];
            a->docs[j - 1] = t;
        }
    return ds__lk_origins(l, in, a);
}

static json_t *origins_json(writer *w, size_t *count)
{
    size_t *roots = ds_malloc((w->a.n_used + 1) * sizeof *roots);
    const char **names = ds_malloc((w->a.n_used + 1) * sizeof *names);
    json_t *arr = roots && names ? json_array() : NULL;
    *count = arr ? ds__lk_origin_count(&w->a, roots, names) : 0;
    for (size_t i = 0; arr && i < *count; i++)
        add_unique_string(arr, names[i] ? names[i] : "(unknown)");
    ds_free(roots);
    ds_free(names);
    return arr;
}

static ds_status fill_record(writer *w, json_t *o, json_t *groups, const lk_claim *place)
{
    ds_linker *l = w->l;
    ds_incident_record *r = w->r;
    const lk_claim *t = type_claim(w);
    r->event_type = t->type;
    r->sub_event_type = t->sub_type;
    r->country = place ? place->country : NULL;
    r->admin1 = place ? place->admin1 : NULL;
    r->place = place ? place->place : NULL;
    r->documents = (int)w->a.n_docs;
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    ds_buf_putc(&b, '|');
    for (size_t i = 0; i < json_array_size(groups); i++)
        ds_buf_printf(&b, "%s|", json_string_value(json_array_get(groups, i)));
    r->groups = adup(l, b.p);
    ds_buf_free(&b);
    int64_t *ids = ds_arena_alloc(l->arena, (w->in->n + 1) * sizeof *ids);
    for (size_t k = 0; ids && k < w->in->n; k++)
        ids[k] = l->claims[w->in->claims[k]].id;
    r->claims = ids;
    r->n_claims = w->in->n;
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    r->value = adup(l, text);
    free(text);
    return r->value && r->groups && ids ? DS_OK : DS_ENOMEM;
}

static ds_status write_incident(writer *w, size_t idx)
{
    ds_linker *l = w->l;
    w->in = &l->incidents[idx];
    w->r = &l->records[idx];
    w->r->id = (int64_t)idx + 1;
    w->r->parent = (int64_t)w->in->parent;
    w->r->episode = w->in->episode;
    if (assess(w))
        return DS_ENOMEM;
    w->contradictions = json_array();
    json_t *actors = json_array(), *groups = json_array();
    json_t *claims = claims_json(w, actors, groups);
    json_t *figures = figures_json(w);
    size_t before = json_array_size(w->contradictions);
    date_contradictions(w);
    w->n_between += json_array_size(w->contradictions) - before;
    place_contradictions(w);
    size_t n_origins = 0;
    json_t *origins = origins_json(w, &n_origins);
    const lk_claim *place = place_claim(w), *type = type_claim(w);
    w->r->origins = (int)n_origins;
    w->r->status = w->n_between ? "contested"
                   : n_origins >= 2                   ? "corroborated"
                                                      : "single-source";
    json_t *docs = json_array();
    char id[32];
    for (size_t i = 0; i < w->a.n_docs; i++) {
        snprintf(id, sizeof id, "d%lld", (long long)l->docs[w->a.docs[i]].id);
        json_array_append_new(docs, json_string(id));
    }
    snprintf(id, sizeof id, "i%zu", idx + 1);
    char parent[32];
    snprintf(parent, sizeof parent, "i%zu", w->in->parent);
    json_t *loc = place ? json_loads(place->location_json, 0, NULL) : json_null();
    json_t *o = json_pack(
        "{s:s, s:o, s:b, s:s, s:s?, s:o, s:o, s:O, s:O, s:o, s:o, s:I, s:o, s:s, s:O, s:o}",
        "id", id, "parent", w->in->parent ? json_string(parent) : json_null(), "episode",
        w->in->episode, "event_type", type->type, "sub_event_type", type->sub_type, "date",
        date_json(w), "location", loc ? loc : json_null(), "actors", actors, "groups", groups,
        "figures", figures ? figures : json_object(), "documents", docs,
        "independent_origins", (json_int_t)n_origins, "origins", origins ? origins : json_array(),
        "status", w->r->status, "contradictions", w->contradictions, "claims", claims);
    ds_status rc = o && origins && figures ? fill_record(w, o, groups, place) : DS_ENOMEM;
    if (rc == DS_OK)
        rc = ds__lk_apply_edits(l, idx, o, w->r);
    json_decref(o);
    json_decref(actors);
    json_decref(groups);
    json_decref(w->contradictions);
    return rc;
}

ds_status ds__lk_records(ds_linker *l, ds_error *err)
{
    size_t most = 1;
    for (size_t i = 0; i < l->n_incidents; i++)
        most = l->incidents[i].n > most ? l->incidents[i].n : most;
    writer w = {.l = l};
    l->records = ds_calloc(l->n_incidents + 1, sizeof *l->records);
    w.a.docs = ds_malloc(most * sizeof *w.a.docs);
    w.a.doc_origin = ds_malloc(most * sizeof *w.a.doc_origin);
    ds_status rc = l->records && w.a.docs && w.a.doc_origin ? DS_OK : DS_ENOMEM;
    for (size_t i = 0; rc == DS_OK && i < l->n_incidents; i++)
        rc = write_incident(&w, i);
    ds_free(w.a.docs);
    ds_free(w.a.doc_origin);
    ds_free(w.a.used);
    ds_free(w.a.keys);
    ds_free(w.a.display);
    ds_free(w.a.up);
    return rc ? ds_error_set(err, rc, "linking: out of memory") : DS_OK;
}
