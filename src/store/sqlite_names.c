/* sqlite_names.c: the SQLite backend's fuzzy name look-up: the names the
 * stored claims use, read with SQLite's JSON functions and scored in C
 * (names.c) as pg_trgm scores them. */
#include "sqlite_internal.h"

/* Each kind and name once: a claim's place, its actors and its groups. */
static const char names_sql[] =
    "SELECT DISTINCT kind, name FROM ("
    " SELECT 'place' AS kind, json_extract(value, '$.location.name') AS name FROM claim"
    " UNION ALL SELECT 'actor', json_extract(a.value, '$.name') FROM claim c,"
    "  json_each(CASE json_type(c.value, '$.actors') WHEN 'array'"
    "   THEN json_extract(c.value, '$.actors') ELSE '[]' END) a"
    " UNION ALL SELECT 'group', g.value FROM claim c,"
    "  json_each(CASE json_type(c.value, '$.groups') WHEN 'array'"
    "   THEN json_extract(c.value, '$.groups') ELSE '[]' END) g WHERE g.type = 'text'"
    ") WHERE name IS NOT NULL AND name <> ''";

ds_status ds__sqlite_names(ds_store *s, const char *kind, const char *query, size_t limit,
                           ds_name_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    ds__name_list *l = ds__names_new(kind, query);
    if (!l)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(st->db, names_sql, -1, &q, NULL);
    ds_status status = rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, "read the names", err);
    while (status == DS_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
        if (ds__names_add(l, (const char *)sqlite3_column_text(q, 0),
                          (const char *)sqlite3_column_text(q, 1)))
            status = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (status == DS_OK && rc != SQLITE_DONE)
        status = ds__sqlite_fail(st, rc, "read the names", err);
    sqlite3_finalize(q);
    if (status == DS_OK)
        status = ds__names_emit(l, limit, cb, ud, err);
    ds__names_free(l);
    return status;
}
