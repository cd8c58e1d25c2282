/* pg_write.c: a document's sentences, mentions and claims, sent as
 * multi-row INSERTs.  One statement per row would cost one round trip to
 * the server per row, and a report has hundreds of sentences and more
 * mentions; a statement of many rows costs one.  Every value is still a
 * bound parameter. */
#include <stdio.h>
#include <string.h>

#include "pg_internal.h"

/* Rows per statement: PostgreSQL takes at most 65535 parameters. */
enum { ROWS_PER_INSERT = 1000, MAX_COLS = 8, SQL_MAX = 1 << 20 };

typedef struct table {
    const char *head;               /* "INSERT INTO t(a, b) VALUES " */
    const char *types[MAX_COLS];    /* each column's cast */
    int cols;
    const char *doing;
    const char *tail;               /* after the rows, or NULL */
} table;

/* "($1::bigint, $2::text), ($3::bigint, $4::text)" for rows rows. */
static char *values_sql(const table *t, size_t rows)
{
    ds_buf b;
    ds_buf_init(&b, SQL_MAX);
    ds_status rc = ds_buf_puts(&b, t->head);
    for (size_t r = 0; rc == DS_OK && r < rows; r++)
        for (int c = 0; rc == DS_OK && c < t->cols; c++)
            rc = ds_buf_printf(&b, "%s$%zu::%s%s", c ? "" : (r ? ", (" : "("),
                               r * (size_t)t->cols + (size_t)c + 1, t->types[c],
                               c + 1 < t->cols ? ", " : ")");
    if (rc == DS_OK && t->tail)
        rc = ds_buf_puts(&b, t->tail);
    char *sql = rc == DS_OK ? ds_buf_steal(&b, NULL) : NULL;
    ds_buf_free(&b);
    return sql;
}

/* Sends n rows of t->cols values each, ROWS_PER_INSERT at a time. */
static ds_status insert_rows(pg_store *st, const table *t, const char *const *values, size_t n,
                             ds_error *err)
{
    char *full = n >= ROWS_PER_INSERT ? values_sql(t, ROWS_PER_INSERT) : NULL;
    ds_status rc = n >= ROWS_PER_INSERT && !full ? DS_ENOMEM : DS_OK;
    for (size_t at = 0; rc == DS_OK && at < n; at += ROWS_PER_INSERT) {
        size_t rows = n - at < ROWS_PER_INSERT ? n - at : ROWS_PER_INSERT;
        char *sql = rows == ROWS_PER_INSERT ? full : values_sql(t, rows);
        if (!sql) {
            rc = DS_ENOMEM;
            break;
        }
        rc = ds__pg_run(st, sql, (int)(rows * (size_t)t->cols),
                        values + at * (size_t)t->cols, t->doing, err);
        if (sql != full)
            ds_free(sql);
    }
    ds_free(full);
    return rc == DS_ENOMEM ? ds_error_set(err, rc, "out of memory") : rc;
}

/* The values of one insert: pointers, and the integers and strings they
 * point to, owned here. */
typedef struct values {
    const char **v;
    pg_int *ints;
    char **texts;
    size_t n_texts;
} values;

static bool values_alloc(values *x, size_t rows, int cols, int ints, bool texts)
{
    memset(x, 0, sizeof *x);
    size_t n = rows ? rows : 1;
    x->v = ds_calloc(n * (size_t)cols, sizeof *x->v);
    x->ints = ds_calloc(n * (size_t)ints, sizeof *x->ints);
    x->texts = texts ? ds_calloc(n, sizeof *x->texts) : NULL;
    return x->v && x->ints && (!texts || x->texts);
}

static void values_free(values *x)
{
    for (size_t i = 0; i < x->n_texts; i++)
        ds_free(x->texts[i]);
    ds_free(x->texts);
    ds_free(x->ints);
    ds_free(x->v);
}

ds_status ds__pg_insert_sentences(pg_store *st, const ds_document *doc, int64_t doc_id,
                                  ds_error *err)
{
    static const table t = {
        "INSERT INTO sentence(id, doc_id, idx, start, \"end\", kind, text) VALUES ",
        {"bigint", "bigint", "integer", "bigint", "bigint", "text", "text"}, 7,
        "store the sentences", NULL};
    size_t n = doc->n_sentences;
    values x;
    bool ok = values_alloc(&x, n, 7, 5, true);
    for (size_t i = 0; ok && i < n; i++) {
        const ds_sentence *s = &doc->sentences[i];
        pg_int *k = &x.ints[i * 5];
        /* A sentence's id is (doc_id << 20) | idx, as in SQLite (schema.c). */
        k[0] = ds__pg_int((doc_id << 20) | (int64_t)i);
        k[1] = ds__pg_int(doc_id);
        k[2] = ds__pg_int((int64_t)i);
        k[3] = ds__pg_int((int64_t)s->start);
        k[4] = ds__pg_int((int64_t)s->end);
        char *text = ds_strndup(doc->text + s->start, s->end - s->start);
        ok = text != NULL;
        x.texts[x.n_texts++] = text;
        const char *row[] = {k[0].s, k[1].s, k[2].s, k[3].s, k[4].s,
                             ds_sentence_kind_name(s->kind), text};
        memcpy(&x.v[i * 7], row, sizeof row);
    }
    ds_status rc = ok ? insert_rows(st, &t, x.v, n, err)
                      : ds_error_set(err, DS_ENOMEM, "out of memory");
    values_free(&x);
    return rc;
}

ds_status ds__pg_insert_mentions(pg_store *st, const ds_document *doc, int64_t doc_id,
                                 ds_error *err)
{
    static const table t = {"INSERT INTO mention(doc_id, start, \"end\", kind, value) VALUES ",
                            {"bigint", "bigint", "bigint", "text", "text"}, 5,
                            "store the mentions", NULL};
    size_t n = doc->n_mentions;
    values x;
    bool ok = values_alloc(&x, n, 5, 3, false);
    for (size_t i = 0; ok && i < n; i++) {
        const ds_mention *m = &doc->mentions[i];
        pg_int *k = &x.ints[i * 3];
        k[0] = ds__pg_int(doc_id);
        k[1] = ds__pg_int((int64_t)m->start);
        k[2] = ds__pg_int((int64_t)m->end);
        const char *row[] = {k[0].s, k[1].s, k[2].s, m->kind, m->value};
        memcpy(&x.v[i * 5], row, sizeof row);
    }
    ds_status rc = ok ? insert_rows(st, &t, x.v, n, err)
                      : ds_error_set(err, DS_ENOMEM, "out of memory");
    values_free(&x);
    return rc;
}

/* The claim's event type is read out of its JSON by the server, as SQLite
 * does with json_extract; the value itself is stored as text. */
ds_status ds__pg_insert_claims(pg_store *st, const ds_document *doc, int64_t doc_id,
                               ds_error *err)
{
    static const table t = {
        "INSERT INTO claim(doc_id, sentence_idx, start, \"end\", event_type, value) "
        "SELECT d, i, s, e, v::jsonb ->> 'event_type', v FROM (VALUES ",
        {"bigint", "integer", "bigint", "bigint", "text"}, 5, "store the claims",
        ") AS r(d, i, s, e, v)"};
    size_t n = doc->n_claims;
    values x;
    bool ok = values_alloc(&x, n, 5, 4, false);
    for (size_t i = 0; ok && i < n; i++) {
        const ds_claim *c = &doc->claims[i];
        pg_int *k = &x.ints[i * 4];
        k[0] = ds__pg_int(doc_id);
        k[1] = ds__pg_int((int64_t)c->sentence);
        k[2] = ds__pg_int((int64_t)c->start);
        k[3] = ds__pg_int((int64_t)c->end);
        const char *row[] = {k[0].s, k[1].s, k[2].s, k[3].s, c->value};
        memcpy(&x.v[i * 5], row, sizeof row);
    }
    ds_status rc = ok ? insert_rows(st, &t, x.v, n, err)
                      : ds_error_set(err, DS_ENOMEM, "out of memory");
    values_free(&x);
    return rc;
}
