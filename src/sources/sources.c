#include "sources.h"

#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

typedef struct {
    char *key;    /* folded name or alias */
    size_t index; /* into sources */
    size_t line;  /* where it was defined, for messages */
} alias;

struct ds_registry {
    ds_source *sources;
    size_t n, cap;
    alias *aliases;
    size_t n_aliases, cap_aliases;
    const char *name; /* file name while loading, for messages */
};

enum { REGISTRY_MAX = 100000 };

static const char *const kinds[] = {
    "news agency", "newspaper", "broadcaster", "state-aligned media", "partisan outlet",
    "think tank", "NGO", "monitor group", "UN body", "COI unit", "government", "academic",
    "individual researcher",
};

bool ds_source_kind_valid(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (ds_str_ieq(kind, kinds[i]))
            return true;
    return false;
}

static ds_status add_alias(ds_registry *r, const char *text, size_t index, size_t line,
                           ds_error *err)
{
    char *key = ds_fold(text, strlen(text));
    if (!key)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
    if (!*key) {
        ds_free(key);
        /* A name nobody could look up is a mistake; an alias like that is
         * only noise and is skipped. */
        if (!strcmp(text, r->sources[index].name))
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: the name has no letters or digits",
                                r->name, line);
        return DS_OK;
    }
    alias *v = ds_grow(r->aliases, &r->cap_aliases, r->n_aliases, sizeof *v);
    if (!v) {
        ds_free(key);
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
    }
    r->aliases = v;
    r->aliases[r->n_aliases++] = (alias){key, index, line};
    return DS_OK;
}

static ds_status split_aliases(ds_registry *r, ds_source *s, char *list, size_t line,
                               ds_error *err)
{
    size_t count = *list ? 1 : 0;
    for (const char *p = list; *p; p++)
        count += *p == '|';
    s->aliases = count ? ds_calloc(count, sizeof *s->aliases) : NULL;
    if (count && !s->aliases)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
    for (char *tok = strtok(list, "|"); tok; tok = strtok(NULL, "|")) {
        tok = ds_str_trim(tok);
        if (!*tok)
            continue;
        if (!(s->aliases[s->n_aliases] = ds_strdup(tok)))
            return ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
        ds_status rc = add_alias(r, tok, r->n, line, err);
        s->n_aliases++;
        if (rc)
            return rc;
    }
    return DS_OK;
}

static ds_status add_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_registry *r = ud;
    if (nf != 4)
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: expected 4 tab-separated fields (name, aliases, kind, "
                            "country), found %zu", r->name, line, nf);
    char *name = ds_str_trim(f[0]);
    if (!strcmp(name, "name") && line <= 1 + 50)
        return DS_OK; /* the header row */
    if (!*name)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: empty name", r->name, line);
    char *kind = ds_str_trim(f[2]);
    if (*kind && !ds_source_kind_valid(kind))
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: unknown kind \"%s\"", r->name, line, kind);
    if (r->n == REGISTRY_MAX)
        return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d sources", r->name, line,
                            REGISTRY_MAX);
    ds_source *v = ds_grow(r->sources, &r->cap, r->n, sizeof *v);
    if (!v)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
    r->sources = v;
    ds_source *s = &r->sources[r->n];
    memset(s, 0, sizeof *s);
    char *country = ds_str_trim(f[3]);
    s->name = ds_strdup(name);
    s->kind = *kind ? ds_strdup(kind) : NULL;
    s->country = *country ? ds_strdup(country) : NULL;
    ds_status rc = DS_OK;
    if (!s->name || (*kind && !s->kind) || (*country && !s->country))
        rc = ds_error_set(err, DS_ENOMEM, "%s: out of memory", r->name);
    if (rc == DS_OK)
        rc = add_alias(r, name, r->n, line, err);
    if (rc == DS_OK)
        rc = split_aliases(r, s, f[1], line, err);
    r->n++; /* counted even on failure so that ds_registry_free releases it */
    return rc;
}

static int by_key(const void *a, const void *b)
{
    const alias *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorts the aliases for binary search and refuses one name given to two
 * sources, which would make lookups depend on file order. */
static ds_status index_aliases(ds_registry *r, ds_error *err)
{
    qsort(r->aliases, r->n_aliases, sizeof *r->aliases, by_key);
    for (size_t i = 1; i < r->n_aliases; i++) {
        const alias *a = &r->aliases[i - 1], *b = &r->aliases[i];
        if (!strcmp(a->key, b->key) && a->index != b->index)
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: \"%s\" already names %s (line %zu)",
                                r->name, b->line, b->key, r->sources[a->index].name, a->line);
    }
    return DS_OK;
}

static ds_status finish(ds_registry *r, ds_status rc, ds_registry **out, ds_error *err)
{
    if (rc == DS_OK)
        rc = index_aliases(r, err);
    r->name = NULL;
    if (rc) {
        ds_registry_free(r);
        return rc;
    }
    *out = r;
    return DS_OK;
}

ds_status ds_registry_parse(ds_registry **out, const char *text, size_t len, const char *name,
                            ds_error *err)
{
    *out = NULL;
    ds_registry *r = ds_calloc(1, sizeof *r);
    if (!r)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    r->name = name;
    return finish(r, ds_tsv_parse(text, len, name, add_row, r, err), out, err);
}

ds_status ds_registry_load(ds_registry **out, const char *path, ds_error *err)
{
    *out = NULL;
    char found[4096];
    if (!path) {
        ds_status rc = ds_data_path("sources.tsv", found, sizeof found, err);
        if (rc)
            return rc;
        path = found;
    }
    ds_registry *r = ds_calloc(1, sizeof *r);
    if (!r)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    r->name = path;
    return finish(r, ds_tsv_read(path, add_row, r, err), out, err);
}

void ds_registry_free(ds_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        ds_source_free(&r->sources[i]);
    for (size_t i = 0; i < r->n_aliases; i++)
        ds_free(r->aliases[i].key);
    ds_free(r->sources);
    ds_free(r->aliases);
    ds_free(r);
}

size_t ds_registry_count(const ds_registry *r) { return r->n; }

const ds_source *ds_registry_at(const ds_registry *r, size_t i)
{
    return i < r->n ? &r->sources[i] : NULL;
}

static const ds_source *find_folded(const ds_registry *r, const char *s, size_t n)
{
    char *key = ds_fold(s, n);
    const ds_source *found = NULL;
    size_t lo = 0, hi = key && *key ? r->n_aliases : 0;
    while (lo < hi && !found) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, r->aliases[mid].key);
        if (c == 0)
            found = &r->sources[r->aliases[mid].index];
        else if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    ds_free(key);
    return found;
}

const ds_source *ds_registry_find(const ds_registry *r, const char *name)
{
    if (!r || !name)
        return NULL;
    size_t n = strlen(name);
    const ds_source *s = find_folded(r, name, n);
    const char *open = memchr(name, '(', n);
    const char *close = open ? memchr(open, ')', n - (size_t)(open - name)) : NULL;
    if (s || !close)
        return s;
    /* "Name (ABBR)": try the name alone, then the abbreviation. */
    s = find_folded(r, name, (size_t)(open - name));
    return s ? s : find_folded(r, open + 1, (size_t)(close - open - 1));
}
