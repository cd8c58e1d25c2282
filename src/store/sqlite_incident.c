/* sqlite_incident.c: the SQLite backend's claims walk and incidents. */
#include <stdio.h>
#include <string.h>

#include "normalize/normalize.h"
#include "sqlite_internal.h"

static ds_status count_rows(sqlite_store *st, const char *sql, size_t *out, ds_error *err)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        *out = (size_t)sqlite3_column_int64(q, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, "count the claims", err);
}

ds_status ds__sqlite_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                                ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    if (total) {
        ds_status c = count_rows(st, "SELECT count(*) FROM claim", total, err);
        if (c)
            return c;
    }
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT id, doc_id, sentence_idx, start, end, value "
                                "FROM claim ORDER BY id", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "read the claims", err);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_claim_record c = {
            .id = sqlite3_column_int64(q, 0),
            .doc_id = sqlite3_column_int64(q, 1),
            .sentence = (size_t)sqlite3_column_int64(q, 2),
            .start = (size_t)sqlite3_column_int64(q, 3),
            .end = (size_t)sqlite3_column_int64(q, 4),
            .value = (const char *)sqlite3_column_text(q, 5),
        };
        if (c.value && cb(ud, &c)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the claims", err);
}

static int bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return s ? sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(q, i);
}

static int step_reset(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* "|place|admin1|" folded: case, diacritics and punctuation do not matter
 * to the --place and --admin1 filters. */
static char *names_of(const ds_incident_record *r)
{
    char *p = ds_fold(r->place ? r->place : "", r->place ? strlen(r->place) : 0);
    char *a = ds_fold(r->admin1 ? r->admin1 : "", r->admin1 ? strlen(r->admin1) : 0);
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    ds_status rc = p && a ? ds_buf_printf(&b, "|%s|%s|", p, a) : DS_ENOMEM;
    ds_free(p);
    ds_free(a);
    if (rc) {
        ds_buf_free(&b);
        return NULL;
    }
    return ds_buf_steal(&b, NULL);
}

static int insert_incident(sqlite3_stmt *ins, sqlite3_stmt *link, const ds_incident_record *r)
{
    char *names = names_of(r);
    if (!names)
        return SQLITE_NOMEM;
    sqlite3_bind_int64(ins, 1, r->id);
    if (r->parent)
        sqlite3_bind_int64(ins, 2, r->parent);
    bind_text(ins, 3, r->event_type);
    bind_text(ins, 4, r->sub_event_type);
    bind_text(ins, 5, r->date_start);
    bind_text(ins, 6, r->date_end);
    bind_text(ins, 7, r->precision);
    bind_text(ins, 8, r->country);
    bind_text(ins, 9, r->admin1);
    bind_text(ins, 10, r->place);
    bind_text(ins, 11, r->status);
    sqlite3_bind_int(ins, 12, r->origins);
    sqlite3_bind_int(ins, 13, r->documents);
    bind_text(ins, 14, r->groups ? r->groups : "|");
    bind_text(ins, 15, r->value);
    sqlite3_bind_int(ins, 16, r->episode);
    sqlite3_bind_text(ins, 17, names, -1, SQLITE_STATIC);
    int rc = step_reset(ins);
    ds_free(names);
    for (size_t i = 0; rc == SQLITE_OK && i < r->n_claims; i++) {
        sqlite3_bind_int64(link, 1, r->id);
        sqlite3_bind_int64(link, 2, r->claims[i]);
        rc = step_reset(link);
    }
    return rc;
}

ds_status ds__sqlite_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                       ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *ins = NULL, *link = NULL;
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; DELETE FROM incident_claim; "
                          "DELETE FROM incident;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO incident(id, parent, event_type, "
                                "sub_event_type, date_start, date_end, precision, country, "
                                "admin1, place, status, origins, documents, groups, value, episode, names) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                "?13, ?14, ?15, ?16, ?17)", -1, &ins, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO incident_claim(incident_id, claim_id) "
                                "VALUES (?1, ?2)", -1, &link, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = insert_incident(ins, link, &v[i]);
    sqlite3_finalize(ins);
    sqlite3_finalize(link);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return DS_OK;
    ds_status status = ds__sqlite_fail(st, rc, "store the incidents", err);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return status;
}

/* The filter's clauses; ?1.. are bound by bind_incident_filter. */
#define INCIDENT_SQL                                                                   \
    "SELECT id, parent, event_type, sub_event_type, date_start, date_end, precision, " \
    "country, admin1, place, status, origins, documents, groups, value, episode "     \
    "FROM incident " \
    "WHERE (?1 IS NULL OR event_type LIKE '%' || ?1 || '%'"                            \
    "       OR sub_event_type LIKE '%' || ?1 || '%')"                                  \
    " AND (?2 IS NULL OR date_end >= ?2)"                                              \
    " AND (?3 IS NULL OR date_start <= ?3)"                                            \
    " AND (?4 IS NULL OR instr(substr(names, instr(substr(names, 2), '|') + 1), ?4))"  \
    " AND (?5 IS NULL OR instr(substr(names, 1, instr(substr(names, 2), '|') + 1), ?5))" \
    " AND (?6 IS NULL OR groups LIKE '%|' || ?6 || '|%')"                              \
    " AND (?7 IS NULL OR status = ?7)"                                                 \
    " AND origins >= ?8"                                                               \
    " AND (?9 = 0 OR id = ?9)"                                                         \
    " AND (?10 IS NULL OR EXISTS (SELECT 1 FROM json_each(incident.value, '$.actors') a"       \
    "      WHERE json_extract(a.value, '$.name') LIKE '%' || ?10 || '%'))"           \
    " ORDER BY id"

/* Binds the filter; the place and admin1 are folded as the names column. */
static bool bind_incident_filter(sqlite3_stmt *q, const ds_incident_filter *f, int64_t only)
{
    const char *text[] = {f->type, f->from, f->to, f->admin1, f->place, f->group, f->status};
    for (int i = 0; i < 7; i++) {
        if (!text[i])
            continue;
        char *folded = i == 3 || i == 4 ? ds_fold(text[i], strlen(text[i])) : NULL;
        if ((i == 3 || i == 4) && !folded)
            return false;
        sqlite3_bind_text(q, i + 1, folded ? folded : text[i], -1, SQLITE_TRANSIENT);
        ds_free(folded);
    }
    sqlite3_bind_int(q, 8, f->min_origins);
    sqlite3_bind_int64(q, 9, only);
    if (f->actor)
        sqlite3_bind_text(q, 10, f->actor, -1, SQLITE_TRANSIENT);
    return true;
}

static const char *col(sqlite3_stmt *q, int i) { return (const char *)sqlite3_column_text(q, i); }

ds_status ds__sqlite_each_incident(ds_store *s, const ds_incident_filter *f, int64_t only,
                                   ds_incident_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, INCIDENT_SQL, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "read the incidents", err);
    if (!bind_incident_filter(q, f, only)) {
        sqlite3_finalize(q);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_incident_record r = {
            .id = sqlite3_column_int64(q, 0), .parent = sqlite3_column_int64(q, 1),
            .event_type = col(q, 2), .sub_event_type = col(q, 3),
            .date_start = col(q, 4), .date_end = col(q, 5), .precision = col(q, 6),
            .country = col(q, 7), .admin1 = col(q, 8), .place = col(q, 9),
            .status = col(q, 10), .origins = sqlite3_column_int(q, 11),
            .documents = sqlite3_column_int(q, 12), .groups = col(q, 13), .value = col(q, 14),
            .episode = sqlite3_column_int(q, 15) != 0,
        };
        if (cb(ud, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the incidents", err);
}
