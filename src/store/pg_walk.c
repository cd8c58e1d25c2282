/* pg_walk.c: reading a large result in chunks through a cursor, so that
 * walking every claim or incident of a big database holds a fixed number
 * of rows in memory rather than the whole result.
 *
 * A cursor lives in a transaction: the walk opens one (read only,
 * repeatable read, so that a count taken first and the rows agree) unless
 * the caller is in one already.  Callbacks may run other statements on
 * the store meanwhile; they run in that transaction.  A lost connection
 * in the middle of a walk is reported, not retried: rows were handed out
 * already. */
#include <stdio.h>

#include "pg_internal.h"

enum { WALK_CHUNK = 1000 };

static ds_status fetch_all(pg_store *st, const char *cursor, ds__pg_row_fn fn, void *ud,
                           const char *doing, ds_error *err)
{
    char fetch[96];
    snprintf(fetch, sizeof fetch, "FETCH %d FROM %s", WALK_CHUNK, cursor);
    for (;;) {
        PGresult *r = ds__pg_exec(st, fetch, 0, NULL, doing, err);
        if (!r)
            return err ? err->code : DS_EDB;
        int n = PQntuples(r), stop = 0;
        for (int i = 0; i < n && !stop; i++)
            stop = fn(ud, r, i);
        PQclear(r);
        if (stop || n < WALK_CHUNK)
            return DS_OK;
    }
}

ds_status ds__pg_read_begin(pg_store *st, bool *own, const char *doing, ds_error *err)
{
    *own = PQtransactionStatus(st->conn) != PQTRANS_INTRANS;
    ds_status rc = *own ? ds__pg_begin(st, err) : DS_OK;
    if (rc && *own && PQstatus(st->conn) == CONNECTION_BAD)
        rc = ds__pg_begin(st, err); /* lost while idle: nothing was read yet */
    if (rc == DS_OK && *own)
        rc = ds__pg_run(st, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", 0,
                        NULL, doing, err);
    return rc;
}

void ds__pg_read_end(pg_store *st, bool own, ds_status rc)
{
    if (own && PQstatus(st->conn) == CONNECTION_OK)
        PQclear(PQexec(st->conn, rc == DS_OK ? "COMMIT" : "ROLLBACK"));
}

ds_status ds__pg_walk(pg_store *st, const char *sql, int n, const char *const *params,
                      const char *count_sql, size_t *total, ds__pg_row_fn fn, void *ud,
                      const char *doing, ds_error *err)
{
    bool own;
    ds_status rc = ds__pg_read_begin(st, &own, doing, err);
    if (rc == DS_OK && total) {
        PGresult *r = ds__pg_exec(st, count_sql, 0, NULL, doing, err);
        rc = r ? DS_OK : err ? err->code : DS_EDB;
        *total = r ? (size_t)ds__pg_i64(r, 0, 0) : 0;
        PQclear(r);
    }
    /* Walks may nest (a callback walking again): each cursor its own name. */
    char cursor[32], declare[64], close[48];
    snprintf(cursor, sizeof cursor, "ds_walk_%u", st->walks++);
    snprintf(declare, sizeof declare, "DECLARE %s NO SCROLL CURSOR FOR ", cursor);
    ds_buf q;
    ds_buf_init(&q, 1 << 20);
    if (rc == DS_OK && ds_buf_printf(&q, "%s%s", declare, sql))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (rc == DS_OK)
        rc = ds__pg_run(st, q.p, n, params, doing, err);
    ds_buf_free(&q);
    if (rc == DS_OK)
        rc = fetch_all(st, cursor, fn, ud, doing, err);
    snprintf(close, sizeof close, "CLOSE %s", cursor);
    if (rc == DS_OK)
        rc = ds__pg_run(st, close, 0, NULL, doing, err);
    st->walks--;
    ds__pg_read_end(st, own, rc);
    return rc;
}
