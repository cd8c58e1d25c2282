/* pg_read.c: the PostgreSQL backend's document queries and search. */
#include <stdio.h>
#include <string.h>

#include "pg_internal.h"

#define DOC_COLUMNS                                                                    \
    "d.id, d.sha256, d.file, d.format, d.title, d.author, src.name, src.kind, d.url, " \
    "d.lang, d.notes, d.pub_start, d.pub_end, d.pub_precision, d.added_at"

/* The filter clauses shared by listing and search, as in sqlite_read.c:
 * $1 source, $2 from, $3 to. */
#define FILTER_SQL                                                                     \
    " AND ($1::text IS NULL OR lower(src.name) = lower($1::text)"                      \
    "      OR src.name ILIKE '%' || $1::text || '%')"                                  \
    " AND ($2::text IS NULL OR d.pub_end >= $2::text)"                                 \
    " AND ($3::text IS NULL OR d.pub_start <= $3::text)"

static void cell_date(const PGresult *r, int row, int c, ds_date *out)
{
    memset(out, 0, sizeof *out);
    const char *start = ds__pg_val(r, row, c), *end = ds__pg_val(r, row, c + 1);
    const char *prec = ds__pg_val(r, row, c + 2);
    if (!start || !end || !prec || ds_precision_parse(prec, &out->precision) != DS_OK)
        return;
    snprintf(out->start, sizeof out->start, "%s", start);
    snprintf(out->end, sizeof out->end, "%s", end);
}

static bool read_doc(const PGresult *r, int row, ds_document *d)
{
    memset(d, 0, sizeof *d);
    d->id = ds__pg_i64(r, row, 0);
    snprintf(d->sha256, sizeof d->sha256, "%s", PQgetvalue(r, row, 1));
    char **cols[] = {&d->file, &d->format, &d->title, &d->author, &d->source, &d->source_kind,
                     &d->url, &d->lang, &d->notes};
    for (int i = 0; i < 9; i++) {
        const char *v = ds__pg_val(r, row, 2 + i);
        if (v && !(*cols[i] = ds_strdup(v)))
            return false;
    }
    cell_date(r, row, 11, &d->published);
    return (d->added_at = ds_strdup(PQgetvalue(r, row, 14))) != NULL;
}

static ds_status load_text(pg_store *st, ds_document *d, ds_error *err)
{
    pg_int id = ds__pg_int(d->id);
    const char *p[] = {id.s};
    PGresult *r = ds__pg_exec(st, "SELECT text FROM document WHERE id = $1::bigint", 1, p,
                              "read the document text", err);
    if (!r)
        return err ? err->code : DS_EDB;
    d->text_len = PQntuples(r) ? (size_t)PQgetlength(r, 0, 0) : 0;
    d->text = ds_strndup(PQntuples(r) ? PQgetvalue(r, 0, 0) : "", d->text_len);
    PQclear(r);
    if (!d->text)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    r = ds__pg_exec(st, "SELECT start, \"end\", kind FROM sentence WHERE doc_id = $1::bigint "
                    "ORDER BY id", 1, p, "read the sentences", err);
    if (!r)
        return err ? err->code : DS_EDB;
    int n = PQntuples(r);
    d->sentences = n ? ds_calloc((size_t)n, sizeof *d->sentences) : NULL;
    if (n && !d->sentences) {
        PQclear(r);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        ds_sentence *s = &d->sentences[d->n_sentences++];
        s->start = (size_t)ds__pg_i64(r, i, 0);
        s->end = (size_t)ds__pg_i64(r, i, 1);
        s->kind = DS_SENT_BODY;
        for (int k = 0; k < DS_SENT_KIND_COUNT; k++)
            if (!strcmp(PQgetvalue(r, i, 2), ds_sentence_kind_name((ds_sentence_kind)k)))
                s->kind = (ds_sentence_kind)k;
    }
    PQclear(r);
    return DS_OK;
}

/* A document's mentions, in text order, kinds interned to the static names
 * the recognizers use (as sqlite_read.c does). */
static ds_status load_mentions(pg_store *st, ds_document *d, ds_error *err)
{
    static const char *const kinds[] = {"place", "time", "number", "actor", "group", "trigger",
                                        "attribution"};
    pg_int id = ds__pg_int(d->id);
    const char *p[] = {id.s};
    PGresult *r = ds__pg_exec(st, "SELECT start, \"end\", kind, value FROM mention "
                              "WHERE doc_id = $1::bigint ORDER BY start, id", 1, p,
                              "read the mentions", err);
    if (!r)
        return err ? err->code : DS_EDB;
    int n = PQntuples(r);
    d->mentions = n ? ds_calloc((size_t)n, sizeof *d->mentions) : NULL;
    ds_status rc = n && !d->mentions ? DS_ENOMEM : DS_OK;
    for (int i = 0; rc == DS_OK && i < n; i++) {
        const char *k = NULL;
        for (size_t j = 0; j < sizeof kinds / sizeof *kinds; j++)
            if (!strcmp(PQgetvalue(r, i, 2), kinds[j]))
                k = kinds[j];
        if (!k)
            continue; /* a kind this version does not know */
        char *value = ds_strdup(PQgetvalue(r, i, 3));
        if (!value) {
            rc = DS_ENOMEM;
            break;
        }
        d->mentions[d->n_mentions++] = (ds_mention){
            (size_t)ds__pg_i64(r, i, 0), (size_t)ds__pg_i64(r, i, 1), k, value};
    }
    PQclear(r);
    return rc ? ds_error_set(err, rc, "out of memory") : DS_OK;
}

static ds_status load_claims(pg_store *st, ds_document *d, ds_error *err)
{
    pg_int id = ds__pg_int(d->id);
    const char *p[] = {id.s};
    PGresult *r = ds__pg_exec(st, "SELECT start, \"end\", sentence_idx, value FROM claim "
                              "WHERE doc_id = $1::bigint ORDER BY start, id", 1, p,
                              "read the claims", err);
    if (!r)
        return err ? err->code : DS_EDB;
    int n = PQntuples(r);
    d->claims = n ? ds_calloc((size_t)n, sizeof *d->claims) : NULL;
    ds_status rc = n && !d->claims ? DS_ENOMEM : DS_OK;
    for (int i = 0; rc == DS_OK && i < n; i++) {
        char *value = ds_strdup(PQgetvalue(r, i, 3));
        if (!value) {
            rc = DS_ENOMEM;
            break;
        }
        d->claims[d->n_claims++] = (ds_claim){(size_t)ds__pg_i64(r, i, 0),
                                              (size_t)ds__pg_i64(r, i, 1),
                                              (size_t)ds__pg_i64(r, i, 2), value};
    }
    PQclear(r);
    return rc ? ds_error_set(err, rc, "out of memory") : DS_OK;
}

ds_status ds__pg_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                              ds_error *err)
{
    pg_store *st = (pg_store *)s;
    memset(out, 0, sizeof *out);
    pg_int i = ds__pg_int(id);
    const char *p[] = {i.s};
    PGresult *r = ds__pg_exec(st, "SELECT " DOC_COLUMNS " FROM document d LEFT JOIN source src "
                              "ON src.id = d.source_id WHERE d.id = $1::bigint", 1, p,
                              "read a document", err);
    if (!r)
        return err ? err->code : DS_EDB;
    ds_status rc = DS_OK;
    if (!PQntuples(r))
        rc = ds_error_set(err, DS_ENOTFOUND, "no document d%lld in %s", (long long)id,
                          st->shown);
    else if (!read_doc(r, 0, out))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    PQclear(r);
    if (rc == DS_OK && with_text)
        rc = load_text(st, out, err);
    if (rc == DS_OK && with_text)
        rc = load_mentions(st, out, err);
    if (rc == DS_OK && with_text)
        rc = load_claims(st, out, err);
    if (rc)
        ds_document_free(out);
    return rc;
}

typedef struct {
    ds_document_cb cb;
    void *ud;
    bool failed;
} document_walk;

static int document_row(void *ud, const PGresult *r, int i)
{
    document_walk *w = ud;
    ds_document d;
    w->failed = !read_doc(r, i, &d);
    int stop = w->failed ? 1 : w->cb(w->ud, &d);
    ds_document_free(&d);
    return stop;
}

ds_status ds__pg_each_document(ds_store *s, const ds_doc_filter *f, ds_document_cb cb,
                               void *ud, ds_error *err)
{
    const char *p[] = {f->source, f->from, f->to};
    document_walk w = {cb, ud, false};
    ds_status rc = ds__pg_walk((pg_store *)s, "SELECT " DOC_COLUMNS " FROM document d LEFT JOIN "
                               "source src ON src.id = d.source_id WHERE true" FILTER_SQL
                               " ORDER BY d.id", 3, p, NULL, NULL, document_row, &w,
                               "list documents", err);
    return rc == DS_OK && w.failed ? ds_error_set(err, DS_ENOMEM, "out of memory") : rc;
}

/* One term of the FTS5 query: a quoted string ("" stands for ") and an
 * optional trailing * for a prefix, as a to_tsquery term: the same text in
 * single quotes (the parser and the dictionaries of the dossier
 * configuration then read it as they read the sentences, and a phrase
 * becomes words in sequence), with :* for a prefix. */
static const char *ts_term(ds_buf *b, const char *p, ds_status *rc)
{
    *rc = ds_buf_putc(b, '\'');
    for (p++; *p && *rc == DS_OK; p++) {
        if (*p == '"' && p[1] != '"')
            break;
        if (*p == '"')
            p++;
        if (*p == '\'' || *p == '\\')
            *rc = ds_buf_putc(b, *p);
        if (*rc == DS_OK)
            *rc = ds_buf_putc(b, *p);
    }
    p += *p == '"';
    if (*rc == DS_OK)
        *rc = ds_buf_putc(b, '\'');
    if (*rc == DS_OK && *p == '*') {
        *rc = ds_buf_append(b, ":*", 2);
        p++;
    }
    return p;
}

/* The user's query as SQLite's FTS5 reads it (fts_query.c: quoted terms,
 * prefixes, OR, AND, NOT) in to_tsquery's syntax, so that both backends
 * find the same sentences: terms side by side or with AND are joined by &,
 * OR by |, and "a NOT b" is a & !b; tsquery's precedence (! before &
 * before |) is FTS5's (NOT before AND before OR). */
static char *ts_query(const char *user, ds_error *err)
{
    char *fts = ds__fts_query(user, err);
    if (!fts)
        return NULL;
    ds_buf b;
    ds_buf_init(&b, strlen(fts) * 2 + 64);
    ds_status rc = DS_OK;
    const char *join = "";
    for (const char *p = fts; *p && rc == DS_OK;) {
        if (*p == ' ') {
            p++;
        } else if (*p == '"') {
            rc = ds_buf_printf(&b, "%s", *join ? join : b.len ? " & " : "");
            join = "";
            if (rc == DS_OK)
                p = ts_term(&b, p, &rc);
        } else {
            join = !strncmp(p, "OR", 2) ? " | " : !strncmp(p, "NOT", 3) ? " & !" : " & ";
            p += strcspn(p, " ");
        }
    }
    ds_free(fts);
    char *out = rc == DS_OK ? ds_buf_steal(&b, NULL) : NULL;
    ds_buf_free(&b);
    if (!out)
        ds_error_set(err, rc ? rc : DS_ENOMEM, rc ? "search query too long" : "out of memory");
    return out;
}

#define MATCH_SQL                                                                      \
    " FROM sentence s JOIN document d ON d.id = s.doc_id "                             \
    "LEFT JOIN source src ON src.id = d.source_id, "                                   \
    "to_tsquery('dossier', $4::text) q WHERE s.tsv @@ q" FILTER_SQL

static ds_status count_hits(pg_store *st, const char *const *p, size_t *total, ds_error *err)
{
    PGresult *r = ds__pg_exec(st, "SELECT count(*)" MATCH_SQL, 4, p, "search", err);
    if (!r)
        return err ? err->code : DS_EDB;
    *total = (size_t)ds__pg_i64(r, 0, 0);
    PQclear(r);
    return DS_OK;
}

static void each_hit(const PGresult *r, ds_search_cb cb, void *ud)
{
    for (int i = 0; i < PQntuples(r); i++) {
        ds_search_hit h = {
            .doc_id = ds__pg_i64(r, i, 0),
            .sentence = ds__pg_i64(r, i, 1),
            .start = (size_t)ds__pg_i64(r, i, 2),
            .end = (size_t)ds__pg_i64(r, i, 3),
            .kind = ds__pg_val(r, i, 4),
            .snippet = ds__pg_val(r, i, 5),
            .file = ds__pg_val(r, i, 6),
            .title = ds__pg_val(r, i, 7),
            .source = ds__pg_val(r, i, 8),
        };
        cell_date(r, i, 9, &h.published);
        if (cb(ud, &h))
            break;
    }
}

ds_status ds__pg_search(ds_store *s, const ds_search_query *sq, ds_search_cb cb, void *ud,
                        size_t *total, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    char *query = ts_query(sq->query, err);
    if (!query)
        return err ? err->code : DS_EINVAL;
    pg_int limit = ds__pg_int(sq->limit ? (int64_t)sq->limit : 20);
    pg_int offset = ds__pg_int((int64_t)sq->offset);
    char marks[256];
    snprintf(marks, sizeof marks, "HighlightAll=true, StartSel=\"%s\", StopSel=\"%s\"",
             sq->mark_open ? sq->mark_open : "", sq->mark_close ? sq->mark_close : "");
    const char *p[] = {sq->filter.source, sq->filter.from, sq->filter.to, query, marks,
                       limit.s, offset.s};
    ds_status rc = total ? count_hits(st, p, total, err) : DS_OK;
    PGresult *r = rc ? NULL : ds__pg_exec(
        st, "SELECT s.doc_id, s.idx, s.start, s.\"end\", s.kind, "
        "ts_headline('dossier', s.text, q, $5::text), d.file, d.title, src.name, "
        "d.pub_start, d.pub_end, d.pub_precision" MATCH_SQL
        " ORDER BY ts_rank(s.tsv, q) DESC, s.doc_id, s.idx LIMIT $6::bigint OFFSET $7::bigint",
        7, p, "search", err);
    if (rc == DS_OK && !r)
        rc = err ? err->code : DS_EDB;
    if (r)
        each_hit(r, cb, ud);
    PQclear(r);
    ds_free(query);
    return rc;
}

ds_status ds__pg_stats(ds_store *s, ds_store_stats *out, ds_error *err)
{
    pg_store *st = (pg_store *)s;
    memset(out, 0, sizeof *out);
    PGresult *r = ds__pg_exec(st, "SELECT (SELECT count(*) FROM document), (SELECT count(*) "
                              "FROM sentence), (SELECT count(*) FROM source), (SELECT "
                              "coalesce(sum(octet_length(text)), 0) FROM document)",
                              0, NULL, "count", err);
    if (!r)
        return err ? err->code : DS_EDB;
    out->documents = (size_t)ds__pg_i64(r, 0, 0);
    out->sentences = (size_t)ds__pg_i64(r, 0, 1);
    out->sources = (size_t)ds__pg_i64(r, 0, 2);
    out->text_bytes = (size_t)ds__pg_i64(r, 0, 3);
    PQclear(r);
    return DS_OK;
}
