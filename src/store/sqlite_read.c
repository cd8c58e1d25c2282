/* sqlite_read.c: the SQLite backend's queries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"

#define DOC_COLUMNS                                                                    \
    "d.id, d.sha256, d.file, d.format, d.title, d.author, src.name, src.kind, d.url, " \
    "d.lang, d.notes, d.pub_start, d.pub_end, d.pub_precision, d.added_at"

/* The filter clauses shared by listing and search; ?1.. are bound by
 * bind_filter in the same order. */
#define FILTER_SQL                                                                     \
    " AND (?1 IS NULL OR src.name = ?1 COLLATE NOCASE"                                 \
    "      OR src.name LIKE '%' || ?1 || '%')"                                         \
    " AND (?2 IS NULL OR d.pub_end >= ?2)"                                             \
    " AND (?3 IS NULL OR d.pub_start <= ?3)"

static int bind_opt(sqlite3_stmt *q, int i, const char *s)
{
    return s ? sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(q, i);
}

static void bind_filter(sqlite3_stmt *q, const ds_doc_filter *f)
{
    bind_opt(q, 1, f->source);
    bind_opt(q, 2, f->from);
    bind_opt(q, 3, f->to);
}

static char *col_dup(sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    return s ? ds_strdup((const char *)s) : NULL;
}

static void col_date(sqlite3_stmt *q, int i, ds_date *out)
{
    memset(out, 0, sizeof *out);
    const char *start = (const char *)sqlite3_column_text(q, i);
    const char *end = (const char *)sqlite3_column_text(q, i + 1);
    const char *prec = (const char *)sqlite3_column_text(q, i + 2);
    if (!start || !end || !prec || ds_precision_parse(prec, &out->precision) != DS_OK)
        return;
    snprintf(out->start, sizeof out->start, "%s", start);
    snprintf(out->end, sizeof out->end, "%s", end);
}

/* Fills a document's metadata from a row of DOC_COLUMNS. */
static bool read_doc(sqlite3_stmt *q, ds_document *d)
{
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(q, 0);
    snprintf(d->sha256, sizeof d->sha256, "%s", (const char *)sqlite3_column_text(q, 1));
    char **cols[] = {&d->file, &d->format, &d->title, &d->author, &d->source, &d->source_kind,
                     &d->url, &d->lang, &d->notes};
    for (int i = 0; i < 9; i++)
        if (sqlite3_column_type(q, 2 + i) != SQLITE_NULL && !(*cols[i] = col_dup(q, 2 + i)))
            return false;
    col_date(q, 11, &d->published);
    return (d->added_at = col_dup(q, 14)) != NULL;
}

static ds_status load_text(sqlite_store *st, ds_document *d, ds_error *err)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT text FROM document WHERE id = ?1", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, d->id);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            d->text_len = (size_t)sqlite3_column_bytes(q, 0);
            d->text = ds_strndup((const char *)sqlite3_column_text(q, 0), d->text_len);
            rc = d->text ? SQLITE_OK : SQLITE_NOMEM;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "read the document text", err);
    rc = sqlite3_prepare_v2(st->db, "SELECT start, end, kind FROM sentence WHERE id BETWEEN (?1 << 20) "
                            "AND (?1 << 20) + 1048575 ORDER BY id", -1, &q, NULL);
    size_t cap = 0;
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(q, 1, d->id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_sentence *v = ds_grow(d->sentences, &cap, d->n_sentences, sizeof *v);
        if (!v) {
            rc = SQLITE_NOMEM;
            break;
        }
        d->sentences = v;
        ds_sentence *s = &d->sentences[d->n_sentences++];
        s->start = (size_t)sqlite3_column_int64(q, 0);
        s->end = (size_t)sqlite3_column_int64(q, 1);
        s->kind = DS_SENT_BODY;
        const char *kind = (const char *)sqlite3_column_text(q, 2);
        for (int k = 0; kind && k < DS_SENT_KIND_COUNT; k++)
            if (!strcmp(kind, ds_sentence_kind_name((ds_sentence_kind)k)))
                s->kind = (ds_sentence_kind)k;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the sentences", err);
}

static bool has_table(sqlite_store *st, const char *name)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE name = ?1", -1, &q,
                                NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    bool have = rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return have;
}

/* A document's mentions, in text order.  Kinds are interned to the static
 * names the recognizers use, so ds_mention.kind stays a static string. */
static ds_status load_mentions(sqlite_store *st, ds_document *d, ds_error *err)
{
    static const char *const kinds[] = {"place", "time", "number", "actor", "group", "trigger",
                                        "attribution"};
    /* A database of schema version 1 opened read-only has no mention table. */
    if (!has_table(st, "mention"))
        return DS_OK;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT start, end, kind, value FROM mention "
                                "WHERE doc_id = ?1 ORDER BY start, id", -1, &q, NULL);
    size_t cap = 0;
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(q, 1, d->id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(q, 2), *k = NULL;
        for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
            if (strcmp(kind, kinds[i]) == 0)
                k = kinds[i];
        rc = SQLITE_OK;
        if (!k)
            continue; /* a kind this version does not know */
        ds_mention *v = ds_grow(d->mentions, &cap, d->n_mentions, sizeof *v);
        char *value = v ? col_dup(q, 3) : NULL;
        if (!v || !value) {
            if (v)
                d->mentions = v;
            rc = SQLITE_NOMEM;
            break;
        }
        d->mentions = v;
        v[d->n_mentions++] = (ds_mention){(size_t)sqlite3_column_int64(q, 0),
                                          (size_t)sqlite3_column_int64(q, 1), k, value};
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the mentions", err);
}

/* A document's claims, in text order; none in a database older than
 * schema version 3 opened read-only. */
static ds_status load_claims(sqlite_store *st, ds_document *d, ds_error *err)
{
    if (!has_table(st, "claim"))
        return DS_OK;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT start, end, sentence_idx, value FROM claim "
                                "WHERE doc_id = ?1 ORDER BY start, id", -1, &q, NULL);
    size_t cap = 0;
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(q, 1, d->id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_claim *v = ds_grow(d->claims, &cap, d->n_claims, sizeof *v);
        char *value = v ? col_dup(q, 3) : NULL;
        if (v)
            d->claims = v;
        if (!v || !value) {
            rc = SQLITE_NOMEM;
            break;
        }
        v[d->n_claims++] = (ds_claim){(size_t)sqlite3_column_int64(q, 0),
                                      (size_t)sqlite3_column_int64(q, 1),
                                      (size_t)sqlite3_column_int64(q, 2), value};
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? DS_OK : ds__sqlite_fail(st, rc, "read the claims", err);
}

ds_status ds__sqlite_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                                  ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT " DOC_COLUMNS " FROM document d "
                                "LEFT JOIN source src ON src.id = d.source_id WHERE d.id = ?1",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "read a document", err);
    sqlite3_bind_int64(q, 1, id);
    rc = sqlite3_step(q);
    ds_status status = DS_OK;
    if (rc == SQLITE_DONE)
        status = ds_error_set(err, DS_ENOTFOUND, "no document d%lld in %s", (long long)id, st->path);
    else if (rc != SQLITE_ROW)
        status = ds__sqlite_fail(st, rc, "read a document", err);
    else if (!read_doc(q, out))
        status = ds_error_set(err, DS_ENOMEM, "out of memory");
    sqlite3_finalize(q);
    if (status == DS_OK && with_text)
        status = load_text(st, out, err);
    if (status == DS_OK && with_text)
        status = load_mentions(st, out, err);
    if (status == DS_OK && with_text)
        status = load_claims(st, out, err);
    if (status)
        ds_document_free(out);
    return status;
}

ds_status ds__sqlite_each_document(ds_store *s, const ds_doc_filter *f, ds_document_cb cb,
                                   void *ud, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT " DOC_COLUMNS " FROM document d "
                                "LEFT JOIN source src ON src.id = d.source_id WHERE 1"
                                FILTER_SQL " ORDER BY d.id", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return ds__sqlite_fail(st, rc, "list documents", err);
    bind_filter(q, f);
    ds_status status = DS_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ds_document d;
        bool ok = read_doc(q, &d);
        int stop = ok ? cb(ud, &d) : 1;
        ds_document_free(&d);
        if (!ok)
            status = ds_error_set(err, DS_ENOMEM, "out of memory");
        if (stop)
            break;
    }
    if (status == DS_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = ds__sqlite_fail(st, rc, "list documents", err);
    sqlite3_finalize(q);
    return status;
}

static ds_status count_hits(sqlite_store *st, const char *match, const ds_doc_filter *f,
                            size_t *total, ds_error *err)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sentence_fts "
                                "JOIN sentence s ON s.id = sentence_fts.rowid "
                                "JOIN document d ON d.id = s.doc_id "
                                "LEFT JOIN source src ON src.id = d.source_id "
                                "WHERE sentence_fts MATCH ?4" FILTER_SQL, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        bind_filter(q, f);
        sqlite3_bind_text(q, 4, match, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        *total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, "search", err);
}

ds_status ds__sqlite_search(ds_store *s, const ds_search_query *sq, ds_search_cb cb, void *ud,
                            size_t *total, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    char *match = ds__fts_query(sq->query, err);
    if (!match)
        return err ? err->code : DS_EINVAL;
    ds_status status = total ? count_hits(st, match, &sq->filter, total, err) : DS_OK;
    sqlite3_stmt *q = NULL;
    int rc = SQLITE_OK;
    if (status == DS_OK)
        rc = sqlite3_prepare_v2(
            st->db,
            "SELECT s.doc_id, s.idx, s.start, s.end, s.kind, "
            "highlight(sentence_fts, 0, ?5, ?6), d.file, d.title, src.name, "
            "d.pub_start, d.pub_end, d.pub_precision FROM sentence_fts "
            "JOIN sentence s ON s.id = sentence_fts.rowid JOIN document d ON d.id = s.doc_id "
            "LEFT JOIN source src ON src.id = d.source_id "
            "WHERE sentence_fts MATCH ?4" FILTER_SQL
            " ORDER BY sentence_fts.rank, s.doc_id, s.idx LIMIT ?7 OFFSET ?8",
            -1, &q, NULL);
    if (status == DS_OK && rc == SQLITE_OK) {
        bind_filter(q, &sq->filter);
        sqlite3_bind_text(q, 4, match, -1, SQLITE_STATIC);
        bind_opt(q, 5, sq->mark_open ? sq->mark_open : "");
        bind_opt(q, 6, sq->mark_close ? sq->mark_close : "");
        sqlite3_bind_int64(q, 7, sq->limit ? (sqlite3_int64)sq->limit : 20);
        sqlite3_bind_int64(q, 8, (sqlite3_int64)sq->offset);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            ds_search_hit h = {
                .doc_id = sqlite3_column_int64(q, 0),
                .sentence = sqlite3_column_int64(q, 1),
                .start = (size_t)sqlite3_column_int64(q, 2),
                .end = (size_t)sqlite3_column_int64(q, 3),
                .kind = (const char *)sqlite3_column_text(q, 4),
                .snippet = (const char *)sqlite3_column_text(q, 5),
                .file = (const char *)sqlite3_column_text(q, 6),
                .title = (const char *)sqlite3_column_text(q, 7),
                .source = (const char *)sqlite3_column_text(q, 8),
            };
            col_date(q, 9, &h.published);
            if (cb(ud, &h))
                break;
        }
        if (rc == SQLITE_DONE || rc == SQLITE_ROW)
            rc = SQLITE_OK;
    }
    if (status == DS_OK && rc != SQLITE_OK)
        status = ds__sqlite_fail(st, rc, "search", err);
    sqlite3_finalize(q);
    ds_free(match);
    return status;
}

ds_status ds__sqlite_stats(ds_store *s, ds_store_stats *out, ds_error *err)
{
    sqlite_store *st = (sqlite_store *)s;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM "
                                "sentence), (SELECT count(*) FROM source), (SELECT "
                                "coalesce(sum(length(CAST(text AS BLOB))), 0) FROM document)",
                                -1, &q, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        out->documents = (size_t)sqlite3_column_int64(q, 0);
        out->sentences = (size_t)sqlite3_column_int64(q, 1);
        out->sources = (size_t)sqlite3_column_int64(q, 2);
        out->text_bytes = (size_t)sqlite3_column_int64(q, 3);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? DS_OK : ds__sqlite_fail(st, rc, "count", err);
}
