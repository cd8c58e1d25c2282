/* pg_names.c: the PostgreSQL backend's fuzzy name look-up.  With the
 * pg_trgm extension the server scores the names with similarity(); without
 * it (not installed, or no right to create it) the names are read and
 * scored in C as the SQLite backend does (names.c), with the same result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* Each kind and name once, as sqlite_names.c reads them: a claim's place,
 * its actors and its groups; $1 the kind or NULL. */
#define NAMES_SQL                                                                        \
    "WITH n AS (SELECT DISTINCT kind, name FROM ("                                       \
    " SELECT 'place' AS kind, value::jsonb #>> '{location,name}' AS name FROM claim"     \
    " UNION ALL SELECT 'actor', a ->> 'name' FROM claim c, jsonb_array_elements("        \
    "  CASE jsonb_typeof(c.value::jsonb -> 'actors') WHEN 'array'"                       \
    "  THEN c.value::jsonb -> 'actors' ELSE '[]'::jsonb END) a"                          \
    " UNION ALL SELECT 'group', g #>> '{}' FROM claim c, jsonb_array_elements("          \
    "  CASE jsonb_typeof(c.value::jsonb -> 'groups') WHEN 'array'"                       \
    "  THEN c.value::jsonb -> 'groups' ELSE '[]'::jsonb END) g"                          \
    "  WHERE jsonb_typeof(g) = 'string'"                                                 \
    ") x WHERE name IS NOT NULL AND name <> '' AND ($1::text IS NULL OR kind = $1::text)) "

/* The server's score: the folded name against the query folded as
 * ds_fold does ($2), lower-cased and without diacritics. */
#define SCORED_SQL                                                                       \
    NAMES_SQL "SELECT kind, name, s FROM (SELECT kind, name, similarity(%s, $2::text) AS s " \
    "FROM n) m WHERE s >= $3::real ORDER BY s DESC, name COLLATE \"C\", kind COLLATE \"C\" " \
    "LIMIT $4::bigint"

static bool has_extension(pg_store *st, const char *name, ds_error *err, ds_status *rc)
{
    const char *p[] = {name};
    PGresult *r = ds__pg_exec(st, "SELECT count(*) FROM pg_extension WHERE extname = $1::text",
                              1, p, "look for an extension", err);
    *rc = r ? DS_OK : err ? err->code : DS_EDB;
    bool have = r && ds__pg_i64(r, 0, 0) > 0;
    PQclear(r);
    return have;
}

static ds_status scored_by_server(pg_store *st, const char *kind, const char *query,
                                  size_t limit, bool unaccent, ds_name_cb cb, void *ud,
                                  ds_error *err)
{
    char sql[4096], min[32];
    snprintf(sql, sizeof sql, SCORED_SQL,
             unaccent ? "lower(unaccent(name))" : "lower(name)");
    snprintf(min, sizeof min, "%g", DS_NAME_MIN_SCORE);
    pg_int n = ds__pg_int((int64_t)limit);
    char *folded = ds__names_fold(query);
    if (!folded)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *p[] = {kind, folded, min, n.s};
    PGresult *r = ds__pg_exec(st, sql, 4, p, "look the names up", err);
    ds_free(folded);
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
    PGresult *r = ds__pg_exec(st, NAMES_SQL "SELECT kind, name FROM n", 1, p,
                              "read the names", err);
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
    ds_status rc;
    bool trgm = has_extension(st, "pg_trgm", err, &rc);
    bool unaccent = rc == DS_OK && has_extension(st, "unaccent", err, &rc);
    if (rc)
        return rc;
    return trgm ? scored_by_server(st, kind, query, limit, unaccent, cb, ud, err)
                : scored_here(st, kind, query, limit, cb, ud, err);
}
