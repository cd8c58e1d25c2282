/* pg_incident.c: the PostgreSQL backend's claims walk and incidents. */
#include <stdio.h>
#include <string.h>

#include "normalize/normalize.h"
#include "pg_internal.h"

/* Claims in the order they were stored; the linker puts them in an order
 * of their content itself (src/link/link_order.c), so the order workers
 * stored documents in does not change the register. */
typedef struct {
    ds_claim_cb cb;
    void *ud;
} claim_walk;

static int claim_row(void *ud, const PGresult *r, int i)
{
    const claim_walk *w = ud;
    ds_claim_record c = {
        .id = ds__pg_i64(r, i, 0), .doc_id = ds__pg_i64(r, i, 1),
        .sentence = (size_t)ds__pg_i64(r, i, 2), .start = (size_t)ds__pg_i64(r, i, 3),
        .end = (size_t)ds__pg_i64(r, i, 4), .value = ds__pg_val(r, i, 5),
    };
    return w->cb(w->ud, &c);
}

ds_status ds__pg_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                            ds_error *err)
{
    claim_walk w = {cb, ud};
    return ds__pg_walk((pg_store *)s, "SELECT id, doc_id, sentence_idx, start, \"end\", value "
                       "FROM claim ORDER BY id", 0, NULL, "SELECT count(*) FROM claim", total,
                       claim_row, &w, "read the claims", err);
}

/* "|place|admin1|" folded, as sqlite_incident.c stores it. */
static char *names_of(const ds_incident_record *r)
{
    char *p = ds_fold(r->place ? r->place : "", r->place ? strlen(r->place) : 0);
    char *a = ds_fold(r->admin1 ? r->admin1 : "", r->admin1 ? strlen(r->admin1) : 0);
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    ds_status rc = p && a ? ds_buf_printf(&b, "|%s|%s|", p, a) : DS_ENOMEM;
    ds_free(p);
    ds_free(a);
    char *out = rc == DS_OK ? ds_buf_steal(&b, NULL) : NULL;
    ds_buf_free(&b);
    return out;
}

static ds_status insert_incident(pg_store *st, const ds_incident_record *r, ds_error *err)
{
    char *names = names_of(r);
    if (!names)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    pg_int id = ds__pg_int(r->id), parent = ds__pg_int(r->parent),
           origins = ds__pg_int(r->origins), docs = ds__pg_int(r->documents),
           episode = ds__pg_int(r->episode);
    const char *p[] = {id.s, r->parent ? parent.s : NULL, r->event_type, r->sub_event_type,
                       r->date_start, r->date_end, r->precision, r->country, r->admin1,
                       r->place, r->status, origins.s, docs.s, r->groups ? r->groups : "|",
                       r->value, episode.s, names};
    ds_status rc = ds__pg_run(
        st, "INSERT INTO incident(id, parent, event_type, sub_event_type, date_start, "
        "date_end, precision, country, admin1, place, status, origins, documents, groups, "
        "value, episode, names, killed_low, killed_high, killed_best) VALUES ($1::bigint, "
        "$2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, "
        "$10::text, $11::text, $12::integer, $13::integer, $14::text, $15::text, $16::integer, "
        "$17::text, " DS_PG_KILLED("$15::text", "low") ", " DS_PG_KILLED("$15::text", "high")
        ", " DS_PG_KILLED("$15::text", "best") ")",
        17, p, "store the incidents", err);
    ds_free(names);
    for (size_t i = 0; rc == DS_OK && i < r->n_claims; i++) {
        pg_int claim = ds__pg_int(r->claims[i]);
        const char *q[] = {id.s, claim.s};
        rc = ds__pg_run(st, "INSERT INTO incident_claim(incident_id, claim_id) VALUES "
                        "($1::bigint, $2::bigint)", 2, q, "store the incidents", err);
    }
    return rc;
}

static ds_status insert_nth_incident(pg_store *st, const void *rows, size_t i, ds_error *err)
{
    return insert_incident(st, (const ds_incident_record *)rows + i, err);
}

ds_status ds__pg_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                   ds_error *err)
{
    static const char *const deletes[] = {"DELETE FROM incident_claim", "DELETE FROM incident"};
    return ds__pg_replace_linked((pg_store *)s, deletes, 2, v, n, insert_nth_incident,
                                 "store the incidents", err);
}
