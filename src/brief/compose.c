/* compose.c: the findings of a brief.  Incidents are grouped into sections
 * (a first-level division, or a month) and paragraphs (a place), and each
 * incident becomes statements in date order: the first document's account
 * in full, then each other document's where it differs, then the range of
 * the figures.  Each statement cites the claims it was written from. */
#include <string.h>

#include "brief_int.h"
#include "normalize/normalize.h"
#include "relay.h"
#include "select.h"
#include "sources/sources.h"

bool ds__br_push_unique(br_brief *b, const char ***v, size_t *n, size_t *cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s))
            return true;
    const char **g = ds_grow(*v, cap, *n, sizeof *g);
    if (!g || !(s = ds_arena_strdup(b->arena, s)))
        return false;
    *v = g;
    g[(*n)++] = s;
    return true;
}

bool ds__br_item(br_brief *b, br_kind kind, const char *text, size_t note)
{
    if (!text)
        return false;
    br_item *v = ds_grow(b->items, &b->cap_items, b->n_items, sizeof *v);
    if (!v)
        return false;
    b->items = v;
    v[b->n_items++] = (br_item){kind, text, note};
    return true;
}

/* A new footnote; its number (1-based), or 0 when memory runs out. */
static size_t new_note(br_brief *b)
{
    br_note *v = ds_grow(b->notes, &b->cap_notes, b->n_notes, sizeof *v);
    if (!v)
        return 0;
    b->notes = v;
    v[b->n_notes] = (br_note){0};
    return ++b->n_notes;
}

static void cite(br_note *n, int64_t doc, const char *relay, int64_t claim)
{
    br_cite *c = NULL;
    for (size_t i = 0; i < n->n && !c; i++)
        if (n->cites[i].doc == doc && (relay ? n->cites[i].relay && !strcmp(relay, n->cites[i].relay)
                                             : !n->cites[i].relay))
            c = &n->cites[i];
    if (!c && n->n < BR_MAX_CITES)
        c = &n->cites[n->n++], *c = (br_cite){doc, relay, {0}, 0};
    if (!c)
        return;
    for (size_t i = 0; i < c->n_claims; i++)
        if (c->claims[i] == claim)
            return;
    if (c->n_claims < BR_MAX_CLAIMS)
        c->claims[c->n_claims++] = claim;
}

/* One document's account of an incident. */
typedef struct account {
    int64_t doc;
    json_t *claim;    /* the claim the statement is written from */
    int64_t claims[BR_MAX_CLAIMS];
    size_t n_claims;
    const char *source, *relay, *date, *place, *figures;
} account;

typedef struct incident_ctx {
    br_brief *b;
    json_t *inc;
    const ds_registry *registry;
    account acc[BR_MAX_CITES];
    size_t n;
} incident_ctx;

/* A figure as its source gives it: "more than 600", "dozens", "2". */
static const char *figure_text(br_brief *b, json_t *report)
{
    const char *q = ds__br_str(report, "qualifier");
    const char *n = ds__br_number(&b->style, b->arena, json_number_value(json_object_get(report, "value")));
    if (!q || !strstr(q, "N"))
        return q ? q : n;
    const char *vars[] = {"N", n, NULL};
    char tmpl[256];
    size_t o = 0;
    for (const char *p = q; *p && o + 4 < sizeof tmpl; p++) {
        if (*p == 'N' && (p == q || p[-1] == ' ') && (!p[1] || p[1] == ' ')) {
            memcpy(tmpl + o, "{N}", 3);
            o += 3;
        } else {
            tmpl[o++] = *p;
        }
    }
    tmpl[o] = '\0';
    return ds__br_fill(b->arena, tmpl, vars);
}

static json_t *claim_by_id(json_t *inc, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(inc, "claims"), i, c)
        if (ds__br_str(c, "id") && !strcmp(ds__br_str(c, "id"), id))
            return c;
    return NULL;
}

static void add_claim_id(account *a, int64_t id)
{
    for (size_t i = 0; i < a->n_claims; i++)
        if (a->claims[i] == id)
            return;
    if (id && a->n_claims < BR_MAX_CLAIMS)
        a->claims[a->n_claims++] = id;
}

/* The figures one document gives, by role, as "2 killed and 3 injured". */
static bool account_figures(incident_ctx *x, account *a, const char *doc)
{
    br_brief *b = x->b;
    const char *key;
    json_t *fig;
    const char *list = NULL;
    json_object_foreach(json_object_get(x->inc, "figures"), key, fig) {
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(fig, "reports"), i, r) {
            if (!ds__br_str(r, "document") || strcmp(ds__br_str(r, "document"), doc))
                continue;
            if (!a->claim)
                a->claim = claim_by_id(x->inc, ds__br_str(r, "claim"));
            add_claim_id(a, ds__br_id(ds__br_str(r, "claim"), 'c'));
            const char *t = ds__br_style_get(&b->style, "role", key);
            if (!t)
                t = ds__br_style_get(&b->style, "role_other", NULL);
            const char *vars[] = {"n", figure_text(b, r), NULL};
            const char *one = ds__br_fill(b->arena, t ? t : "{n}", vars);
            const char *and_vars[] = {"a", list, "sep", ds__br_style_get(&b->style, "list_and", NULL),
                                      "b", one, NULL};
            list = list ? ds__br_fill(b->arena, "{a}{sep}{b}", and_vars) : one;
            if (!list)
                return false;
        }
    }
    a->figures = list;
    return true;
}

/* The document's account: its claim with a figure, else its first claim. */
static bool make_account(incident_ctx *x, account *a, const char *doc)
{
    br_brief *b = x->b;
    *a = (account){.doc = ds__br_id(doc, 'd')};
    if (!account_figures(x, a, doc))
        return false;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(x->inc, "claims"), i, c)
        if (!a->claim && ds__br_str(c, "document") && !strcmp(ds__br_str(c, "document"), doc))
            a->claim = c;
    if (!a->claim)
        return true;
    add_claim_id(a, ds__br_id(ds__br_str(a->claim, "id"), 'c'));
    json_t *date = json_object_get(a->claim, "date");
    a->date = ds__br_str(date, "start") ? ds__br_date(&b->style, b->arena, ds__br_str(date, "start"),
                                               ds__br_str(date, "end"), true)
                                 : NULL;
    /* A claim placed in another country than its incident misread a
     * name ("the UK-based monitor"); the statement then names no place. */
    json_t *loc = json_object_get(a->claim, "location");
    const char *home = ds__br_str(json_object_get(x->inc, "location"), "country");
    if (!home || !ds__br_str(loc, "country") || !strcmp(home, ds__br_str(loc, "country")))
        a->place = ds__br_str(loc, "text") ? ds__br_str(loc, "text") : ds__br_str(loc, "name");
    ds_error err;
    const br_doc *d = ds__br_doc(b, a->doc, &err);
    if (!d)
        return false;
    bool registered;
    a->relay = ds__br_relay_name(b->arena, x->registry, ds__br_str(a->claim, "attributed_to"),
                                 &registered);
    /* An attribution that names no registered source is the document's own
     * words ("local activists"), so it is quoted as such. */
    if (a->relay && !registered) {
        const char *qv[] = {"words", a->relay, NULL};
        const char *t = ds__br_style_get(&b->style, "quote", NULL);
        a->relay = t ? ds__br_fill(b->arena, t, qv) : a->relay;
    }
    a->source = d->name;
    if (a->relay) {
        const char *vars[] = {"relay", a->relay, "document", d->name, NULL};
        a->source = ds__br_fill(b->arena, ds__br_style_get(&b->style, "relayed_source", NULL), vars);
    }
    return a->source != NULL;
}

static const char *perpetrator(json_t *claim)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(claim, "actors"), i, a)
        if (ds__br_str(a, "role") && !strcmp(ds__br_str(a, "role"), "perpetrator"))
            return ds__br_str(a, "name");
    return NULL;
}

static const char *event_phrase(incident_ctx *x, json_t *claim)
{
    const br_style *st = &x->b->style;
    const char *t = ds__br_style_get(st, "event", ds__br_str(x->inc, "sub_event_type"));
    if (!t)
        t = ds__br_style_get(st, "event", ds__br_str(x->inc, "event_type"));
    if (!t)
        t = ds__br_style_get(st, "event_default", NULL);
    const char *vars[] = {"perpetrator", perpetrator(claim), NULL};
    return t ? ds__br_fill(x->b->arena, t, vars) : NULL;
}

/* Appends a statement citing the account's claims. */
static bool statement(incident_ctx *x, const account *a, const char *text, const char *end)
{
    br_brief *b = x->b;
    size_t note = new_note(b);
    if (!note || !text)
        return false;
    for (size_t i = 0; i < a->n_claims; i++)
        cite(&b->notes[note - 1], a->doc, a->relay, a->claims[i]);
    const char *vars[] = {"t", text, "e", end, NULL};
    return ds__br_item(b, BR_STMT, ds__br_fill(b->arena, "{t}{e}", vars), note);
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static bool first_statement(incident_ctx *x, const account *a)
{
    br_brief *b = x->b;
    json_t *c = a->claim;
    bool single = same(ds__br_str(x->inc, "status"), "single-source");
    const char *vars[] = {"source", a->source, "event", event_phrase(x, c), "place", a->place,
                          "date", a->date, "figures", a->figures,
                          "single", single ? ds__br_style_get(&b->style, "single", NULL) : NULL,
                          NULL};
    const char *t = ds__br_style_get(&b->style,
                                     json_is_true(json_object_get(c, "hedged")) ? "statement_hedged"
                                                                                : "statement",
                                     NULL);
    return statement(x, a, t ? ds__br_fill(b->arena, t, vars) : NULL, ".");
}

static bool other_statement(incident_ctx *x, const account *first, const account *a, bool lead,
                            bool last)
{
    br_brief *b = x->b;
    bool new_date = !same(a->date, first->date), new_figs = !same(a->figures, first->figures);
    const char *vars[] = {"source", a->source, "date", new_date ? a->date : NULL,
                          "figures", new_figs ? a->figures : NULL, NULL};
    const char *t = ds__br_style_get(&b->style, new_date || new_figs ? "statement_other"
                                                                     : "statement_same", NULL);
    char *text = t ? (char *)ds__br_fill(b->arena, t, vars) : NULL;
    /* The other accounts form one sentence: capitalised, joined by ";". */
    char *c = text && !strncmp(text, "\u201c", 3) ? text + 3 : text;
    if (c && lead && *c >= 'a' && *c <= 'z')
        *c = (char)(*c - 'a' + 'A');
    return statement(x, a, text, last ? "." : ";");
}

/* "The reported death toll thus ranges from 2 to 3", citing the documents
 * of the lowest and the highest figure. */
static bool range_statements(incident_ctx *x)
{
    br_brief *b = x->b;
    const char *role;
    json_t *fig;
    json_object_foreach(json_object_get(x->inc, "figures"), role, fig) {
        double lo = json_number_value(json_object_get(fig, "low"));
        double hi = json_number_value(json_object_get(fig, "high"));
        const char *t = ds__br_style_get(&b->style, "range", role);
        if (!t || !(lo < hi))
            continue;
        json_t *rlo = NULL, *rhi = NULL, *r;
        size_t i;
        json_array_foreach(json_object_get(fig, "reports"), i, r) {
            double v = json_number_value(json_object_get(r, "value"));
            if (!rlo || v < json_number_value(json_object_get(rlo, "value")))
                rlo = r;
            if (!rhi || v > json_number_value(json_object_get(rhi, "value")))
                rhi = r;
        }
        if (!rlo || rlo == rhi)
            continue;
        size_t note = new_note(b);
        if (!note)
            return false;
        json_t *ends[2] = {rlo, rhi};
        for (int k = 0; k < 2; k++) {
            int64_t doc = ds__br_id(ds__br_str(ends[k], "document"), 'd');
            const char *relay = NULL;
            for (size_t j = 0; j < x->n; j++)
                if (x->acc[j].doc == doc)
                    relay = x->acc[j].relay;
            cite(&b->notes[note - 1], doc, relay, ds__br_id(ds__br_str(ends[k], "claim"), 'c'));
        }
        const char *vars[] = {"low", figure_text(b, rlo), "high", figure_text(b, rhi), NULL};
        const char *v2[] = {"t", ds__br_fill(b->arena, t, vars), NULL};
        if (!ds__br_item(b, BR_STMT, ds__br_fill(b->arena, "{t}.", v2), note))
            return false;
    }
    return true;
}

static int by_publication(br_brief *b, const account *p, const account *q)
{
    ds_error err;
    const br_doc *dp = ds__br_doc(b, p->doc, &err), *dq = ds__br_doc(b, q->doc, &err);
    const char *a = dp ? dp->published_end : NULL, *c = dq ? dq->published_end : NULL;
    int k = a && c ? strcmp(a, c) : (a == NULL) - (c == NULL);
    return k ? k : (p->doc > q->doc) - (p->doc < q->doc);
}

ds_status ds__br_incident(br_brief *b, json_t *inc, const ds_registry *reg, ds_error *err)
{
    incident_ctx x = {b, inc, reg, {{0}}, 0};
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(inc, "documents"), i, d) {
        if (x.n == BR_MAX_CITES || !json_string_value(d))
            break;
        if (!make_account(&x, &x.acc[x.n], json_string_value(d)))
            return ds_error_set(err, DS_ENOMEM, "out of memory writing incident %s", ds__br_str(inc, "id"));
        if (x.acc[x.n].claim)
            x.n++;
    }
    /* Earliest publication first: the first report leads.  Dates compare by
     * their last possible day, so that a report dated only to a year does
     * not lead those dated to its days. */
    for (size_t k = 1; k < x.n; k++)
        for (size_t j = k; j > 0 && by_publication(b, &x.acc[j - 1], &x.acc[j]) > 0; j--) {
            account t = x.acc[j];
            x.acc[j] = x.acc[j - 1];
            x.acc[j - 1] = t;
        }
    bool ok = x.n == 0 || first_statement(&x, &x.acc[0]);
    for (size_t k = 1; ok && k < x.n; k++)
        ok = other_statement(&x, &x.acc[0], &x.acc[k], k == 1, k + 1 == x.n);
    ok = ok && range_statements(&x);
    if (ok && same(ds__br_str(inc, "status"), "contested"))
        ok = ds__br_item(b, BR_TEXT, ds__br_style_get(&b->style, "contested", NULL), 0);
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(inc, "origins"), k, o)
        if (ok && json_string_value(o))
            ok = ds__br_push_unique(b, &b->origins, &b->n_origins, &b->cap_origins, json_string_value(o));
    return ok ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory");
}
