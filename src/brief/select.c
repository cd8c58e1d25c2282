/* select.c: which incidents a brief is about.  The topic matches an
 * incident when it names one of the incident's identity groups, is part of
 * its place or of an actor's name, or finds (full-text) the sentence of
 * one of its claims. */
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"
#include "normalize/normalize.h"
#include "select.h"

enum { FTS_MAX_HITS = 100000 };

typedef struct group_find {
    const char *folded;
    char *name;
} group_find;

/* 1 when the form folds to the wanted text, 0 when not, -1 out of memory. */
static int same_form(const group_find *g, const char *form, size_t len)
{
    char *folded = ds_fold(form, len);
    if (!folded)
        return -1;
    int same = !strcmp(folded, g->folded);
    ds_free(folded);
    return same;
}

static ds_status group_row(void *ud, char **f, size_t n, size_t line, ds_error *err)
{
    (void)line;
    group_find *g = ud;
    if (g->name || n < 2 || !strcmp(f[0], "name"))
        return DS_OK;
    int same = same_form(g, f[0], strlen(f[0]));
    for (const char *p = f[1]; !same && *p;) {
        size_t len = strcspn(p, "|");
        same = len ? same_form(g, p, len) : 0;
        p += len + (p[len] == '|');
    }
    if (same > 0 && !(g->name = ds_strdup(f[0])))
        same = -1;
    return same < 0 ? ds_error_set(err, DS_ENOMEM, "out of memory") : DS_OK;
}

ds_status ds__br_group_name(const char *text, char **out, ds_error *err)
{
    *out = NULL;
    char path[4096];
    group_find g = {ds_fold(text, strlen(text)), NULL};
    if (!g.folded)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_status rc = ds_data_path("identity_groups.tsv", path, sizeof path, err);
    if (rc == DS_OK && *g.folded)
        rc = ds_tsv_read(path, group_row, &g, err);
    ds_free((char *)g.folded);
    if (rc != DS_OK) {
        ds_free(g.name);
        return rc;
    }
    *out = g.name;
    return DS_OK;
}

static int hit_cmp(const void *a, const void *b)
{
    const br_hit *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int on_hit(void *ud, const ds_search_hit *h)
{
    br_hits *hs = ud;
    br_hit *v = ds_grow(hs->v, &hs->cap, hs->n, sizeof *v);
    if (!v)
        return 1;
    hs->v = v;
    v[hs->n++] = (br_hit){h->doc_id, h->start};
    return 0;
}

void ds__br_search(ds_store *s, const char *query, br_hits *hits)
{
    ds_search_query q = {.query = query, .limit = FTS_MAX_HITS};
    ds_error ignored;
    /* A topic that is not a valid search (stray quotes) simply finds
     * nothing by search; groups, places and actors still select. */
    if (ds_store_search(s, &q, on_hit, hits, NULL, &ignored) != DS_OK)
        hits->n = 0;
    if (hits->n)
        qsort(hits->v, hits->n, sizeof *hits->v, hit_cmp);
}

bool ds__br_hits_has(const br_hits *hits, int64_t doc, size_t start)
{
    br_hit key = {doc, start};
    return hits->n && bsearch(&key, hits->v, hits->n, sizeof key, hit_cmp);
}

/* Whether the folded needle is part of the folded s. */
static bool folded_in(const char *needle, const char *s)
{
    if (!needle || !*needle || !s)
        return false;
    char *f = ds_fold(s, strlen(s));
    bool in = f && strstr(f, needle);
    ds_free(f);
    return in;
}

bool ds__br_place_matches(json_t *inc, const char *folded)
{
    json_t *loc = json_object_get(inc, "location");
    const char *keys[] = {"name", "text", "admin1", "admin2"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (folded_in(folded, json_string_value(json_object_get(loc, keys[i]))))
            return true;
    return false;
}

bool ds__br_topic_matches(json_t *inc, const br_topic *t)
{
    json_t *v;
    size_t i;
    if (t->group)
        json_array_foreach(json_object_get(inc, "groups"), i, v)
            if (json_string_value(v) && !strcmp(json_string_value(v), t->group))
                return true;
    if (ds__br_place_matches(inc, t->folded))
        return true;
    json_array_foreach(json_object_get(inc, "actors"), i, v)
        if (folded_in(t->folded, json_string_value(json_object_get(v, "name"))))
            return true;
    json_array_foreach(json_object_get(inc, "claims"), i, v) {
        json_t *span = json_object_get(v, "span");
        int64_t doc = ds__br_id(json_string_value(json_object_get(v, "document")), 'd');
        if (ds__br_hits_has(t->hits, doc, (size_t)json_integer_value(json_array_get(span, 0))))
            return true;
    }
    return false;
}
