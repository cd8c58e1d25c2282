/* pg_names.c: the PostgreSQL backend's fuzzy name look-up.
 *
 * The names the claims use are kept in claim_name with their keys
 * (names_key.c), added with each document's claims.  With the pg_trgm
 * extension a trigram index over the keys finds the likely ones and the
 * server scores them with similarity(); without it (not installed, or no
 * right to create it) they are read and scored in C as the SQLite backend
 * does (names.c).  Keys are made in C either way, so both backends, with
 * or without the index, give the same list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* Rows per INSERT; names a set holds (a document's claims name fewer; a
 * database's are stored a set at a time). */
enum { NAME_ROWS = 500, NAMES_FLUSH = 10000, NAMES_PER_DOC_MAX = 100000 };

typedef struct {
    const char *kind;
    char *name, *key;
} name_row;

typedef struct {
    name_row *v;
    size_t n, cap;
} name_set;

static ds_status take_name(void *ud, const char *kind, const char *name)
{
    name_set *s = ud;
    if (s->n >= NAMES_PER_DOC_MAX)
        return DS_OK;
    name_row *v = ds_grow(s->v, &s->cap, s->n, sizeof *v);
    if (!v)
        return DS_ENOMEM;
    s->v = v;
    static const char *const kinds[] = {"place", "actor", "group"};
    const char *k = kinds[0];
    for (size_t i = 0; i < 3; i++)
        k = strcmp(kinds[i], kind) ? k : kinds[i];
    v[s->n] = (name_row){k, ds_strdup(name), ds__names_fold(name)};
    if (!v[s->n].name || !v[s->n].key) {
        ds_free(v[s->n].name);
        ds_free(v[s->n].key);
        return DS_ENOMEM;
    }
    s->n++;
    return DS_OK;
}

static int by_kind_name(const void *pa, const void *pb)
{
    const name_row *a = pa, *b = pb;
    int c = strcmp(a->kind, b->kind);
    return c ? c : strcmp(a->name, b->name);
}

static void set_free(name_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        ds_free(s->v[i].name);
        ds_free(s->v[i].key);
    }
    ds_free(s->v);
}

/* Rows i .. i+n of the sorted set as one INSERT. */
static ds_status insert_chunk(pg_store *st, const name_row *v, size_t n, ds_error *err)
{
    ds_buf q;
    ds_buf_init(&q, 1 << 20);
    const char **p = ds_malloc((3 * n + 1) * sizeof *p);
    ds_status rc = p ? ds_buf_printf(&q, "INSERT INTO claim_name(kind, name, key) VALUES ")
                     : DS_ENOMEM;
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        p[3 * i] = v[i].kind;
        p[3 * i + 1] = v[i].name;
        p[3 * i + 2] = v[i].key;
        rc = ds_buf_printf(&q, "%s($%zu::text, $%zu::text, $%zu::text)", i ? ", " : "",
                           3 * i + 1, 3 * i + 2, 3 * i + 3);
    }
    if (rc == DS_OK)
        rc = ds_buf_printf(&q, " ON CONFLICT DO NOTHING");
    rc = rc ? ds_error_set(err, DS_ENOMEM, "out of memory")
            : ds__pg_run(st, q.p, (int)(3 * n), p, "store the names", err);
    ds_buf_free(&q);
    ds_free(p);
    return rc;
}

/* The set's names, each once, in key order: two workers storing the same
 * new name wait for each other on its key, and taking keys in one order
 * keeps them from waiting in a cycle. */
static ds_status insert_set(pg_store *st, name_set *s, ds_error *err)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, by_kind_name);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (k && !by_kind_name(&s->v[k - 1], &s->v[i])) {
            ds_free(s->v[i].name);
            ds_free(s->v[i].key);
            continue;
        }
        s->v[k++] = s->v[i];
    }
    s->n = k;
    ds_status rc = DS_OK;
    for (size_t i = 0; rc == DS_OK && i < s->n; i += NAME_ROWS)
        rc = insert_chunk(st, s->v + i, s->n - i < NAME_ROWS ? s->n - i : NAME_ROWS, err);
    return rc;
}

ds_status ds__pg_insert_names(pg_store *st, const ds_document *doc, ds_error *err)
{
    name_set s = {0};
    ds_status rc = DS_OK;
    for (size_t i = 0; rc == DS_OK && i < doc->n_claims; i++)
        rc = ds__claim_names(doc->claims[i].value, take_name, &s);
    rc = rc ? ds_error_set(err, rc, "out of memory") : insert_set(st, &s, err);
    set_free(&s);
    return rc;
}

typedef struct {
    pg_store *st;
    name_set s;
    ds_status rc;
    ds_error *err;
} backfill;

/* The names gathered so far stored, and the set emptied: the claims of a
 * whole database may name more than a set holds. */
static ds_status flush(backfill *b)
{
    ds_status rc = insert_set(b->st, &b->s, b->err);
    set_free(&b->s);
    b->s = (name_set){0};
    return rc;
}

static int backfill_row(void *ud, const PGresult *r, int row)
{
    backfill *b = ud;
    b->rc = ds__claim_names(PQgetvalue(r, row, 0), take_name, &b->s);
    if (b->rc)
        b->rc = ds_error_set(b->err, b->rc, "out of memory");
    else if (b->s.n >= NAMES_FLUSH)
        b->rc = flush(b);
    return b->rc != DS_OK;
}

ds_status ds__pg_backfill_names(pg_store *st, ds_error *err)
{
    backfill b = {st, {0}, DS_OK, err};
    ds_status rc = ds__pg_walk(st, "SELECT value FROM claim ORDER BY id", 0, NULL, NULL, NULL,
                               backfill_row, &b, "read the claims' names", err);
    rc = rc ? rc : b.rc;
    if (rc == DS_OK)
        rc = flush(&b);
    set_free(&b.s);
    return rc;
}

/* The server's score, through the index: % keeps the keys at least as
 * like the query's ($2) as pg_trgm.similarity_threshold, set to
 * DS_NAME_MIN_SCORE first. */
#define SCORED_SQL                                                                       \
    "SELECT kind, name, s FROM (SELECT kind, name, similarity(key, $2::text) AS s "      \
    "FROM claim_name WHERE ($1::text IS NULL OR kind = $1::text) AND key % $2::text) m " \
    "WHERE s >= $3::real ORDER BY s DESC, name COLLATE \"C\", kind COLLATE \"C\" "       \
    "LIMIT $4::bigint"

static ds_status scored_by_server(pg_store *st, const char *kind, const char *query,
                                  size_t limit, ds_name_cb cb, void *ud, ds_error *err)
{
    char min[32];
    snprintf(min, sizeof min, "%g", DS_NAME_MIN_SCORE);
    const char *t[] = {min};
    ds_status rc = ds__pg_run(st, "SELECT set_config('pg_trgm.similarity_threshold', "
                              "$1::text, false)", 1, t, "look the names up", err);
    if (rc)
        return rc;
    pg_int n = ds__pg_int((int64_t)limit);
    char *key = ds__names_fold(query);
    if (!key)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *p[] = {kind, key, min, n.s};
    PGresult *r = ds__pg_exec(st, SCORED_SQL, 4, p, "look the names up", err);
    ds_free(key);
    if (!r)
        return err ? err->code : DS_EDB;
    for (int i = 0; i < PQntuples(r); i++) {
        ds_name_hit h = {PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
                         strtod(PQgetvalue(r, i, 2), NULL)};
        if (cb(ud, &h))
            break;
    }
    PQclear(r);
    return DS_OK;
}

static ds_status scored_here(pg_store *st, const char *kind, const char *query, size_t limit,
                             ds_name_cb cb, void *ud, ds_error *err)
{
    ds__name_list *l = ds__names_new(kind, query);
    if (!l)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *p[] = {kind};
    PGresult *r = ds__pg_exec(st, "SELECT kind, name FROM claim_name WHERE $1::text IS NULL "
                              "OR kind = $1::text", 1, p, "read the names", err);
    ds_status rc = r ? DS_OK : err ? err->code : DS_EDB;
    for (int i = 0; rc == DS_OK && i < PQntuples(r); i++)
        if (ds__names_add(l, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1)))
            rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    PQclear(r);
    if (rc == DS_OK)
        rc = ds__names_emit(l, limit, cb, ud, err);
    ds__names_free(l);
    return rc;
}

ds_status ds__pg_names(ds_store *s, const char *kind, const char *query, size_t limit,
                       ds_name_cb cb, void *ud, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    PGresult *r = ds__pg_exec(st, "SELECT to_regclass('claim_name_trgm') IS NOT NULL", 0, NULL,
                              "look for the name index", err);
    if (!r)
        return err ? err->code : DS_EDB;
    bool indexed = !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    return indexed ? scored_by_server(st, kind, query, limit, cb, ud, err)
                   : scored_here(st, kind, query, limit, cb, ud, err);
}
