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

/* The actors' names of an incident's JSON, one a line: the actor filter
 * tests them before it reads the JSON, so only the incidents that may
 * match are parsed (a name holding the text is in this column too). */
#define ACTOR_NAMES(json)                                                           \
    "CASE WHEN json_valid(" json ") THEN coalesce((SELECT group_concat("          \
    "json_extract(a.value, '$.name'), char(10)) FROM json_each(" json ", '$.actors') a), "  \
    "'') ELSE '' END"

/* A name folded for the --place and --admin1 filters: case, diacritics
 * and punctuation do not matter to them. */
static char *key_of(const char *name)
{
    return ds_fold(name ? name : "", name ? strlen(name) : 0);
}

static int insert_incident(sqlite3_stmt *ins, sqlite3_stmt *body, sqlite3_stmt *link,
                           const ds_incident_record *r)
{
    char *place = key_of(r->place), *admin1 = key_of(r->admin1);
    if (!place || !admin1) {
        ds_free(place);
        ds_free(admin1);
        return SQLITE_NOMEM;
    }
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
    sqlite3_bind_int(ins, 15, r->episode);
    sqlite3_bind_text(ins, 16, place, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 17, admin1, -1, SQLITE_STATIC);
    bind_text(ins, 18, r->value);
    int rc = step_reset(ins);
    ds_free(place);
    ds_free(admin1);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(body, 1, r->id);
        bind_text(body, 2, r->value);
        rc = step_reset(body);
    }
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
    sqlite3_stmt *ins = NULL, *body = NULL, *link = NULL;
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; DELETE FROM incident_claim; "
                          "DELETE FROM incident_value; DELETE FROM incident;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO incident(id, parent, event_type, "
                                "sub_event_type, date_start, date_end, precision, country, "
                                "admin1, place, status, origins, documents, groups, episode, place_key, "
                                "admin1_key, actors, killed_low, killed_high, killed_best) VALUES "
                                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                                "?16, ?17, " ACTOR_NAMES("?18") ", " DS_SQLITE_KILLED("?18", "low")
                                ", " DS_SQLITE_KILLED("?18", "high") ", "
                                DS_SQLITE_KILLED("?18", "best") ")", -1, &ins, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO incident_value(id, value) VALUES (?1, ?2)",
                                -1, &body, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "INSERT INTO incident_claim(incident_id, claim_id) "
                                "VALUES (?1, ?2)", -1, &link, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = insert_incident(ins, body, link, &v[i]);
    sqlite3_finalize(ins);
    sqlite3_finalize(body);
    sqlite3_finalize(link);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return DS_OK;
    ds_status status = ds__sqlite_fail(st, rc, "store the incidents", err);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return status;
}

/* The filters' clauses over incident i, numbered as the parameters they
 * bind.  Only the filters given become part of a query: a request by id
 * then reads one row, and no clause is evaluated for nothing.  place_key
 * and admin1_key hold the names folded (key_of).  The actor's clause reads
 * the incident's JSON (v.value), so it alone needs incident_value joined,
 * and only for the incidents whose actors (ACTOR_NAMES) hold the text. */
enum { P_TYPE = 1, P_FROM, P_TO, P_ADMIN1, P_PLACE, P_GROUP, P_STATUS, P_ORIGINS, P_ID,
       P_ACTOR, P_LIMIT, P_OFFSET };

static const char *const clauses[] = {
    [P_TYPE] = "(i.event_type LIKE '%' || ?1 || '%' OR i.sub_event_type LIKE '%' || ?1 || '%')",
    [P_FROM] = "i.date_end >= ?2",
    [P_TO] = "i.date_start <= ?3",
    [P_ADMIN1] = "instr(i.admin1_key, ?4)",
    [P_PLACE] = "instr(i.place_key, ?5)",
    [P_GROUP] = "instr(lower(i.groups), '|' || lower(?6) || '|')",
    [P_STATUS] = "i.status = ?7",
    [P_ORIGINS] = "i.origins >= ?8",
    [P_ID] = "i.id = ?9",
    [P_ACTOR] = "i.actors LIKE '%' || ?10 || '%' AND "
                "EXISTS (SELECT 1 FROM json_each(v.value, '$.actors') a"
                " WHERE json_extract(a.value, '$.name') LIKE '%' || ?10 || '%')",
};

/* The actor's clause when the column alone decides it.  ACTOR_NAMES joins
 * the names with newlines, so a non-empty text without a newline or a LIKE
 * wildcard matches the column exactly when it matches one of the names,
 * and the JSON need not be read: the filter went from a p50 of 116 ms to
 * that of a plain LIKE on the bench's 108k incidents. */
static const char actor_by_column[] = "i.actors LIKE '%' || ?10 || '%'";

static bool actor_column_decides(const char *actor)
{
    return actor && *actor && !strpbrk(actor, "\n%_");
}

static const char *clause_of(const ds_incident_filter *f, int p)
{
    return p == P_ACTOR && actor_column_decides(f->actor) ? actor_by_column : clauses[p];
}

#define INCIDENT_COLUMNS                                                                     \
    "i.id, i.parent, i.event_type, i.sub_event_type, i.date_start, i.date_end, i.precision, " \
    "i.country, i.admin1, i.place, i.status, i.origins, i.documents, i.groups, v.value, "      \
    "i.episode, i.killed_low, i.killed_high, i.killed_best"

/* The text a text filter binds, or NULL when it is not given. */
static const char *filter_text(const ds_incident_filter *f, int p)
{
    switch (p) {
    case P_TYPE: return f->type;
    case P_FROM: return f->from;
    case P_TO: return f->to;
    case P_ADMIN1: return f->admin1;
    case P_PLACE: return f->place;
    case P_GROUP: return f->group;
    case P_STATUS: return f->status;
    case P_ACTOR: return f->actor;
    default: return NULL;
    }
}

/* A minimum of origins at or below zero holds for every incident. */
static bool given(const ds_incident_filter *f, int64_t only, int p)
{
    if (p == P_ORIGINS)
        return f->min_origins > 0;
    return p == P_ID ? only != 0 : filter_text(f, p) != NULL;
}

/* The order SQLite tests the clauses of a row in, which stops at the first
 * that fails: a key's instr() is cheap and most often rules the row out,
 * LIKE '%...%' costs most of the plain clauses, and the actor's reads JSON.
 * Two filters of an admin1 and a type took half the time in this order. */
static const int order[] = {P_ID,      P_ADMIN1, P_PLACE, P_STATUS, P_ORIGINS,
                            P_FROM,    P_TO,     P_GROUP, P_TYPE,   P_ACTOR};

/* A date, status or origins filter alone is counted in its index.  With
 * other filters, SQLite (which cannot tell how many rows a range or a
 * status holds) would still walk that index and look up every row it
 * names, slower than one pass over the table when the filter is broad
 * (three in five of the bench's incidents have two origins or more): a
 * unary + keeps it off the index then. */
static bool off_index(int p, int n_given)
{
    return n_given > 1 && (p == P_FROM || p == P_TO || p == P_STATUS || p == P_ORIGINS);
}

/* " FROM ... WHERE ..." with the clauses of the filters given; with_value
 * joins the incidents' JSON. */
static ds_status append_where(ds_buf *b, const ds_incident_filter *f, int64_t only,
                              bool with_value)
{
    int n = 0;
    for (int p = P_TYPE; p <= P_ACTOR; p++)
        n += given(f, only, p);
    ds_status rc = ds_buf_puts(b, " FROM incident i");
    if (rc == DS_OK && (with_value || (f->actor && !actor_column_decides(f->actor))))
        rc = ds_buf_puts(b, " JOIN incident_value v ON v.id = i.id");
    if (rc == DS_OK)
        rc = ds_buf_puts(b, " WHERE 1");
    for (size_t k = 0; rc == DS_OK && k < sizeof order / sizeof *order; k++)
        if (given(f, only, order[k]))
            rc = ds_buf_printf(b, " AND %s%s", off_index(order[k], n) ? "+" : "",
                               clause_of(f, order[k]));
    return rc;
}

/* Binds the filters given; the place and admin1 are folded as their keys. */
static bool bind_filter(sqlite3_stmt *q, const ds_incident_filter *f, int64_t only)
{
    for (int p = P_TYPE; p <= P_ACTOR; p++) {
        const char *text = filter_text(f, p);
        if (!text)
            continue;
        bool fold = p == P_ADMIN1 || p == P_PLACE;
        char *folded = fold ? key_of(text) : NULL;
        if (fold && !folded)
            return false;
        sqlite3_bind_text(q, p, folded ? folded : text, -1, SQLITE_TRANSIENT);
        ds_free(folded);
    }
    if (given(f, only, P_ORIGINS))
        sqlite3_bind_int(q, P_ORIGINS, f->min_origins);
    if (only)
        sqlite3_bind_int64(q, P_ID, only);
    return true;
}

/* Prepares the query sql (built in b) and binds the filter. */
static ds_status prepare_filtered(sqlite_store *st, ds_buf *b, ds_status built,
                                  const ds_incident_filter *f, int64_t only, sqlite3_stmt **q,
                                  ds_error *err)
{
    *q = NULL;
    if (built) {
        ds_buf_free(b);
        return ds_error_set(err, built, "out of memory");
    }
    int rc = sqlite3_prepare_v2(st->db, b->p, (int)b->len, q, NULL);
    ds_buf_free(b);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "read the incidents", err);
    if (!bind_filter(*q, f, only)) {
        sqlite3_finalize(*q);
        *q = NULL;
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    return DS_OK;
}

static const char *col(sqlite3_stmt *q, int i) { return (const char *)sqlite3_column_text(q, i); }

/* Steps q, calling cb with each row as an incident. */
static ds_status each_row(sqlite_store *st, sqlite3_stmt *q, ds_incident_cb cb, void *ud,
                          ds_error *err)
{
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_incident_record r = {
            .id = sqlite3_column_int64(q, 0), .parent = sqlite3_column_int64(q, 1),
            .event_type = col(q, 2), .sub_event_type = col(q, 3),
            .date_start = col(q, 4), .date_end = col(q, 5), .precision = col(q, 6),
            .country = col(q, 7), .admin1 = col(q, 8), .place = col(q, 9),
            .status = col(q, 10), .origins = sqlite3_column_int(q, 11),
            .documents = sqlite3_column_int(q, 12), .groups = col(q, 13), .value = col(q, 14),
            .episode = sqlite3_column_int(q, 15) != 0,
            .has_killed = sqlite3_column_type(q, 16) != SQLITE_NULL,
            .killed_low = sqlite3_column_double(q, 16),
            .killed_high = sqlite3_column_double(q, 17),
            .killed_best = sqlite3_column_double(q, 18),
        };
        if (cb(ud, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the incidents", err);
}

ds_status ds__sqlite_each_incident(ds_store *s, const ds_incident_filter *f, int64_t only,
                                   ds_incident_cb cb, void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    ds_buf b;
    ds_buf_init(&b, 1 << 14);
    ds_status built = ds_buf_puts(&b, "SELECT " INCIDENT_COLUMNS);
    if (built == DS_OK)
        built = append_where(&b, f, only, true);
    if (built == DS_OK)
        built = ds_buf_puts(&b, " ORDER BY i.id");
    sqlite3_stmt *q;
    ds_status rc = prepare_filtered(st, &b, built, f, only, &q, err);
    return rc ? rc : each_row(st, q, cb, ud, err);
}

static ds_status count_matches(sqlite_store *st, const ds_incident_filter *f, size_t *total,
                               ds_error *err)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 14);
    ds_status built = ds_buf_puts(&b, "SELECT count(*)");
    if (built == DS_OK)
        built = append_where(&b, f, 0, false);
    sqlite3_stmt *q;
    ds_status rc = prepare_filtered(st, &b, built, f, 0, &q, err);
    if (rc)
        return rc;
    int src = sqlite3_step(q);
    *total = src == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return src == SQLITE_ROW ? DS_OK : ds__sqlite_fail(st, src, "count the incidents", err);
}

/* The page's ids are chosen from incident alone (narrow rows, so skipping
 * an offset is cheap) before the JSON of just those is read. */
ds_status ds__sqlite_page_incidents(ds_store *s, const ds_incident_filter *f, size_t limit,
                                    size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                    ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    /* A server asks for page after page, and each counts its matches over
     * the whole of incident (about 12 MB at 100k incidents): with
     * SQLite's default 2 MB cache every page read it again from the file,
     * a third of a page's time. */
    sqlite3_exec(st->db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
    ds_status rc = total ? count_matches(st, f, total, err) : DS_OK;
    if (rc || limit == 0)
        return rc;
    ds_buf b;
    ds_buf_init(&b, 1 << 14);
    ds_status built = ds_buf_puts(&b, "SELECT " INCIDENT_COLUMNS " FROM incident i "
                                  "JOIN incident_value v ON v.id = i.id WHERE i.id IN "
                                  "(SELECT i.id");
    if (built == DS_OK)
        built = append_where(&b, f, 0, false);
    if (built == DS_OK)
        built = ds_buf_puts(&b, " ORDER BY i.id LIMIT ?11 OFFSET ?12) ORDER BY i.id");
    sqlite3_stmt *q;
    rc = prepare_filtered(st, &b, built, f, 0, &q, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(q, P_LIMIT, limit > INT64_MAX ? -1 : (sqlite3_int64)limit);
    sqlite3_bind_int64(q, P_OFFSET, offset > INT64_MAX ? INT64_MAX : (sqlite3_int64)offset);
    return each_row(st, q, cb, ud, err);
}
