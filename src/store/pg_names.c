/* pg_names.c: the PostgreSQL backend's fuzzy name look-up.  The names the
 * claims use are kept in claim_name, added with each document's claims.
 * With the pg_trgm extension a trigram index over them finds the likely
 * ones and the server scores them with similarity(); without it (not
 * installed, or no right to create it) they are read and scored in C as
 * the SQLite backend does (names.c), with the same result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* The names a document's claims use ($1; NULL: every document's), each
 * kind and name once, into claim_name, in a fixed order: two workers
 * storing the same new name wait for each other on its key, and taking
 * keys in one order keeps them from waiting in a cycle. */
static const char insert_names_sql[] =
    "INSERT INTO claim_name(kind, name) SELECT DISTINCT kind, name FROM ("
    " SELECT 'place' AS kind, value::jsonb #>> '{location,name}' AS name FROM claim c"
    "  WHERE $1::bigint IS NULL OR c.doc_id = $1::bigint"
    " UNION ALL SELECT 'actor', a ->> 'name' FROM claim c, jsonb_array_elements("
    "  CASE jsonb_typeof(c.value::jsonb -> 'actors') WHEN 'array'"
    "  THEN c.value::jsonb -> 'actors' ELSE '[]'::jsonb END) a"
    "  WHERE $1::bigint IS NULL OR c.doc_id = $1::bigint"
    " UNION ALL SELECT 'group', g #>> '{}' FROM claim c, jsonb_array_elements("
    "  CASE jsonb_typeof(c.value::jsonb -> 'groups') WHEN 'array'"
    "  THEN c.value::jsonb -> 'groups' ELSE '[]'::jsonb END) g"
    "  WHERE jsonb_typeof(g) = 'string' AND ($1::bigint IS NULL OR c.doc_id = $1::bigint)"
    ") x WHERE name IS NOT NULL AND name <> '' ORDER BY kind, name "
    "ON CONFLICT DO NOTHING";

ds_status ds__pg_insert_names(pg_store *st, int64_t doc_id, ds_error *err)
{
    pg_int id = ds__pg_int(doc_id);
    const char *p[] = {doc_id ? id.s : NULL};
    return ds__pg_run(st, insert_names_sql, 1, p, "store the names", err);
}

/* The trigram index over the folded names, when pg_trgm is there: the
 * folding function must be immutable to index, which unaccent() is not
 * declared to be, so it is wrapped with its dictionary named. */
ds_status ds__pg_index_names(pg_store *st, bool unaccent, ds_error *err)
{
    ds_status rc = ds__pg_run(st, unaccent
        ? "CREATE OR REPLACE FUNCTION dossier_name_fold(text) RETURNS text LANGUAGE sql "
          "IMMUTABLE PARALLEL SAFE AS $$SELECT lower(unaccent('unaccent'::regdictionary, $1))$$"
        : "CREATE OR REPLACE FUNCTION dossier_name_fold(text) RETURNS text LANGUAGE sql "
          "IMMUTABLE PARALLEL SAFE AS $$SELECT lower($1)$$",
        0, NULL, "create the name index", err);
    if (rc == DS_OK)
        rc = ds__pg_run(st, "CREATE INDEX IF NOT EXISTS claim_name_trgm ON claim_name "
                        "USING gin (dossier_name_fold(name) gin_trgm_ops)", 0, NULL,
                        "create the name index", err);
    return rc;
}

/* The server's score, through the index: the folded name against the
 * query folded as ds_fold does ($2); % keeps the names at least as like
 * as pg_trgm.similarity_threshold, set to DS_NAME_MIN_SCORE first. */
#define SCORED_SQL                                                                       \
    "SELECT kind, name, s FROM (SELECT kind, name, "                                     \
    "similarity(dossier_name_fold(name), $2::text) AS s FROM claim_name "                \
    "WHERE ($1::text IS NULL OR kind = $1::text) AND dossier_name_fold(name) % $2::text) m " \
    "WHERE s >= $3::real ORDER BY s DESC, name COLLATE \"C\", kind COLLATE \"C\" LIMIT $4::bigint"

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
    char *folded = ds__names_fold(query);
    if (!folded)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    const char *p[] = {kind, folded, min, n.s};
    PGresult *r = ds__pg_exec(st, SCORED_SQL, 4, p, "look the names up", err);
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
