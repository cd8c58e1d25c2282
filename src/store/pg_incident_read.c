/* pg_incident_read.c: the PostgreSQL backend's filtered walks and pages
 * of incidents, with the semantics of sqlite_incident.c's. */
#include <stdio.h>
#include <string.h>

#include "normalize/normalize.h"
#include "pg_internal.h"

/* The filters' clauses, "$#" standing for the filter's parameter.  Only
 * the filters given become part of a query, numbered in the order they
 * are given, so that a request by id reads one row by its key and no
 * clause is evaluated for nothing.  names is "|place|admin1|" folded, so
 * its second and third '|'-separated fields are the place and admin1. */
enum { F_TYPE, F_FROM, F_TO, F_ADMIN1, F_PLACE, F_GROUP, F_STATUS, F_ORIGINS, F_ID, F_ACTOR,
       N_FILTERS };

/* A group is named whole, in any ASCII case, as SQLite's lower() reads it
 * there; PostgreSQL's lower() would also fold other letters by the locale,
 * so the two backends would disagree on names such as "Ézidi". */
#define ASCII_LOWER(x) \
    "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

static const char *const clauses[N_FILTERS] = {
    [F_TYPE] = "(event_type ILIKE '%' || $#::text || '%' OR sub_event_type ILIKE '%' || "
               "$#::text || '%')",
    [F_FROM] = "date_end >= $#::text",
    [F_TO] = "date_start <= $#::text",
    [F_ADMIN1] = "strpos(split_part(names, '|', 3), $#::text) > 0",
    [F_PLACE] = "strpos(split_part(names, '|', 2), $#::text) > 0",
    [F_GROUP] = "strpos(" ASCII_LOWER("groups") ", '|' || " ASCII_LOWER("$#::text") " || '|') > 0",
    [F_STATUS] = "status = $#::text",
    [F_ORIGINS] = "origins >= $#::integer",
    [F_ID] = "id = $#::bigint",
    [F_ACTOR] = "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(value::jsonb "
                "-> 'actors') WHEN 'array' THEN value::jsonb -> 'actors' ELSE '[]'::jsonb "
                "END) a WHERE a ->> 'name' ILIKE '%' || $#::text || '%')",
};

#define INCIDENT_COLUMNS                                                               \
    "id, parent, event_type, sub_event_type, date_start, date_end, precision, "        \
    "country, admin1, place, status, origins, documents, groups, value, episode, "      \
    "killed_low, killed_high, killed_best"

/* A query's WHERE clause and the values it binds, in their order; the
 * folded place and admin1 and the numbers are kept here while bound. */
typedef struct {
    const char *params[N_FILTERS + 2];
    int n;
    char *admin1, *place;
    pg_int origins, id, limit, offset;
} pg_filter;

static void filter_free(pg_filter *pf)
{
    ds_free(pf->admin1);
    ds_free(pf->place);
}

/* " AND clause" with each "$#" numbered as the next parameter, value. */
static ds_status add_clause(ds_buf *b, pg_filter *pf, int k, const char *value)
{
    pf->params[pf->n++] = value;
    ds_status rc = ds_buf_puts(b, " AND ");
    for (const char *c = clauses[k]; rc == DS_OK && *c; c++) {
        if (c[0] == '$' && c[1] == '#') {
            rc = ds_buf_printf(b, "$%d", pf->n);
            c++;
        } else {
            rc = ds_buf_putc(b, *c);
        }
    }
    return rc;
}

static ds_status add_folded(ds_buf *b, pg_filter *pf, int k, const char *text, char **keep)
{
    if (!text)
        return DS_OK;
    *keep = ds_fold(text, strlen(text));
    return *keep ? add_clause(b, pf, k, *keep) : DS_ENOMEM;
}

/* " FROM incident WHERE ..." with the filters given (a minimum of origins
 * at or below zero holds for every incident, an id of 0 is none). */
static ds_status build_where(ds_buf *b, pg_filter *pf, const ds_incident_filter *f,
                             int64_t only)
{
    const char *text[N_FILTERS] = {[F_TYPE] = f->type, [F_FROM] = f->from, [F_TO] = f->to,
                                   [F_GROUP] = f->group, [F_STATUS] = f->status,
                                   [F_ACTOR] = f->actor};
    ds_status rc = ds_buf_puts(b, " FROM incident WHERE TRUE");
    if (rc == DS_OK && only) {
        pf->id = ds__pg_int(only);
        rc = add_clause(b, pf, F_ID, pf->id.s);
    }
    if (rc == DS_OK)
        rc = add_folded(b, pf, F_ADMIN1, f->admin1, &pf->admin1);
    if (rc == DS_OK)
        rc = add_folded(b, pf, F_PLACE, f->place, &pf->place);
    if (rc == DS_OK && f->min_origins > 0) {
        pf->origins = ds__pg_int(f->min_origins);
        rc = add_clause(b, pf, F_ORIGINS, pf->origins.s);
    }
    for (int k = 0; rc == DS_OK && k < N_FILTERS; k++)
        if (text[k])
            rc = add_clause(b, pf, k, text[k]);
    return rc;
}

typedef struct {
    ds_incident_cb cb;
    void *ud;
} incident_walk;

static int incident_row(void *ud, const PGresult *r, int i)
{
    const incident_walk *w = ud;
    ds_incident_record rec = {
        .id = ds__pg_i64(r, i, 0), .parent = ds__pg_i64(r, i, 1),
        .event_type = ds__pg_val(r, i, 2), .sub_event_type = ds__pg_val(r, i, 3),
        .date_start = ds__pg_val(r, i, 4), .date_end = ds__pg_val(r, i, 5),
        .precision = ds__pg_val(r, i, 6), .country = ds__pg_val(r, i, 7),
        .admin1 = ds__pg_val(r, i, 8), .place = ds__pg_val(r, i, 9),
        .status = ds__pg_val(r, i, 10), .origins = (int)ds__pg_i64(r, i, 11),
        .documents = (int)ds__pg_i64(r, i, 12), .groups = ds__pg_val(r, i, 13),
        .value = ds__pg_val(r, i, 14), .episode = ds__pg_i64(r, i, 15) != 0,
        .has_killed = !PQgetisnull(r, i, 16),
        .killed_low = ds__pg_f64(r, i, 16), .killed_high = ds__pg_f64(r, i, 17),
        .killed_best = ds__pg_f64(r, i, 18),
    };
    return w->cb(w->ud, &rec);
}

/* Runs sql, whose rows are few (one incident, a page), and calls w->cb
 * for each. */
static ds_status each_result(pg_store *st, const char *sql, const pg_filter *pf,
                             incident_walk *w, ds_error *err)
{
    PGresult *r = ds__pg_exec(st, sql, pf->n, pf->params, "read the incidents", err);
    if (!r)
        return err ? err->code : DS_EDB;
    for (int i = 0; i < PQntuples(r) && !incident_row(w, r, i); i++)
        ;
    PQclear(r);
    return DS_OK;
}

ds_status ds__pg_each_incident(ds_store *s, const ds_incident_filter *f, int64_t only,
                               ds_incident_cb cb, void *ud, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    pg_filter pf = {0};
    ds_buf b;
    ds_buf_init(&b, 1 << 14);
    ds_status rc = ds_buf_puts(&b, "SELECT " INCIDENT_COLUMNS);
    if (rc == DS_OK)
        rc = build_where(&b, &pf, f, only);
    if (rc == DS_OK)
        rc = ds_buf_puts(&b, " ORDER BY id");
    incident_walk w = {cb, ud};
    if (rc)
        rc = ds_error_set(err, rc, "out of memory");
    else if (only) /* one incident: no cursor needed */
        rc = each_result(st, b.p, &pf, &w, err);
    else
        rc = ds__pg_walk(st, b.p, pf.n, pf.params, NULL, NULL, incident_row, &w,
                         "read the incidents", err);
    ds_buf_free(&b);
    filter_free(&pf);
    return rc;
}

static ds_status count_matches(pg_store *st, const char *sql, const pg_filter *pf,
                               size_t *total, ds_error *err)
{
    PGresult *r = ds__pg_exec(st, sql, pf->n, pf->params, "count the incidents", err);
    if (!r)
        return err ? err->code : DS_EDB;
    *total = (size_t)ds__pg_i64(r, 0, 0);
    PQclear(r);
    return DS_OK;
}

/* The count and the page are read in one snapshot, so that they agree
 * while a link replaces the incidents.  A limit beyond bigint is none
 * (LIMIT NULL). */
static ds_status read_page(pg_store *st, ds_buf *where, pg_filter *pf, size_t limit,
                           size_t offset, incident_walk *w, size_t *total, ds_error *err)
{
    ds_buf count, page;
    ds_buf_init(&count, 1 << 14);
    ds_buf_init(&page, 1 << 14);
    ds_status rc = ds_buf_printf(&count, "SELECT count(*)%s", where->p);
    if (rc == DS_OK)
        rc = ds_buf_printf(&page, "SELECT " INCIDENT_COLUMNS "%s ORDER BY id LIMIT $%d::bigint "
                           "OFFSET $%d::bigint", where->p, pf->n + 1, pf->n + 2);
    bool own = false;
    if (rc)
        rc = ds_error_set(err, rc, "out of memory");
    else
        rc = ds__pg_read_begin(st, &own, "read the incidents", err);
    if (rc == DS_OK && total)
        rc = count_matches(st, count.p, pf, total, err);
    if (rc == DS_OK && limit) {
        pf->limit = ds__pg_int(limit > INT64_MAX ? 0 : (int64_t)limit);
        pf->offset = ds__pg_int(offset > INT64_MAX ? INT64_MAX : (int64_t)offset);
        pf->params[pf->n++] = limit > INT64_MAX ? NULL : pf->limit.s;
        pf->params[pf->n++] = pf->offset.s;
        rc = each_result(st, page.p, pf, w, err);
    }
    ds__pg_read_end(st, own, rc);
    ds_buf_free(&count);
    ds_buf_free(&page);
    return rc;
}

ds_status ds__pg_page_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                                size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                ds_error *err)
{
    pg_filter pf = {0};
    ds_buf where;
    ds_buf_init(&where, 1 << 14);
    ds_status rc = build_where(&where, &pf, f, 0);
    incident_walk w = {cb, ud};
    if (rc)
        rc = ds_error_set(err, rc, "out of memory");
    else
        rc = read_page((pg_store *)s, &where, &pf, limit, offset, &w, total, err);
    ds_buf_free(&where);
    filter_free(&pf);
    return rc;
}
