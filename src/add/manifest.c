#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

enum {
    MANIFEST_MAX_BYTES = 64 << 20,
    FIELD_MAX = 64 << 10,
    COLUMNS_MAX = 64,
    ROWS_MAX = 1000000,
};

typedef enum {
    COL_IGNORED = 0, COL_FILE, COL_TITLE, COL_AUTHOR, COL_SOURCE, COL_SOURCE_KIND,
    COL_PUBLISHED, COL_PRECISION, COL_LANG, COL_URL, COL_NOTES
} column;

static const struct {
    const char *name;
    column col;
} column_names[] = {
    {"file", COL_FILE}, {"filename", COL_FILE}, {"path", COL_FILE},
    {"title", COL_TITLE}, {"author", COL_AUTHOR}, {"authors", COL_AUTHOR},
    {"publisher", COL_SOURCE}, {"source", COL_SOURCE},
    {"publisher_kind", COL_SOURCE_KIND}, {"source_kind", COL_SOURCE_KIND},
    {"published", COL_PUBLISHED}, {"date", COL_PUBLISHED},
    {"published_precision", COL_PRECISION}, {"precision", COL_PRECISION},
    {"language", COL_LANG}, {"lang", COL_LANG}, {"url", COL_URL}, {"notes", COL_NOTES},
};

/* One CSV record: its fields as NUL-terminated strings in one buffer. */
typedef struct {
    ds_buf text;
    size_t offsets[COLUMNS_MAX];
    size_t n;
    size_t line;
    bool too_many;
} record;

typedef struct {
    const char *s;
    size_t len, pos, line;
    const char *name;
} reader;

/* Reads one RFC 4180 record.  Returns false at the end of input; a record
 * with an unterminated quote ends at the end of input and is flagged. */
static bool read_record(reader *rd, record *rec, const char **problem)
{
    *problem = NULL;
    ds_buf_reset(&rec->text);
    rec->n = 0;
    rec->too_many = false;
    rec->line = rd->line;
    if (rd->pos >= rd->len)
        return false;
    bool quoted = false;
    rec->offsets[rec->n++] = 0;
    while (rd->pos < rd->len) {
        char c = rd->s[rd->pos++];
        if (quoted) {
            if (c == '"' && rd->pos < rd->len && rd->s[rd->pos] == '"') {
                rd->pos++;
            } else if (c == '"') {
                quoted = false;
                continue;
            }
            if (c == '\n')
                rd->line++;
        } else if (c == '"') {
            quoted = true;
            continue;
        } else if (c == ',') {
            if (ds_buf_putc(&rec->text, '\0') || rec->n == COLUMNS_MAX) {
                rec->too_many = true;
                continue;
            }
            rec->offsets[rec->n++] = rec->text.len;
            continue;
        } else if (c == '\r' && rd->pos < rd->len && rd->s[rd->pos] == '\n') {
            continue;
        } else if (c == '\n') {
            rd->line++;
            break;
        }
        if (ds_buf_putc(&rec->text, c))
            *problem = "the row is longer than 4 MiB";
    }
    if (quoted)
        *problem = "a quoted field is not closed before the end of the file";
    ds_buf_putc(&rec->text, '\0');
    return true;
}

static const char *field(const record *rec, size_t i)
{
    return i < rec->n && rec->text.p ? rec->text.p + rec->offsets[i] : "";
}

static bool blank_record(const record *rec)
{
    for (size_t i = 0; i < rec->n; i++)
        if (*field(rec, i))
            return false;
    return true;
}

static column column_of(const char *header)
{
    char *folded = ds_fold(header, strlen(header));
    column col = COL_IGNORED;
    for (size_t i = 0; folded && i < sizeof column_names / sizeof *column_names; i++) {
        /* ds_fold turns "publisher_kind" into "publisher kind". */
        char want[64];
        snprintf(want, sizeof want, "%s", column_names[i].name);
        for (char *p = want; *p; p++)
            if (*p == '_')
                *p = ' ';
        if (!strcmp(folded, want))
            col = column_names[i].col;
    }
    ds_free(folded);
    return col;
}

static ds_status set_text(char **slot, const char *value)
{
    char *copy = ds_strdup(value);
    if (!copy)
        return DS_ENOMEM;
    char *trimmed = ds_str_trim(copy);
    if (!*trimmed) {
        ds_free(copy);
        return DS_OK;
    }
    memmove(copy, trimmed, strlen(trimmed) + 1);
    ds_free(*slot);
    *slot = copy;
    return DS_OK;
}

static ds_status row_error(ds_manifest_row *row, const char *name, const char *fmt, const char *arg)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, "%s:%zu: ", name, row->line);
    snprintf(msg + n, sizeof msg - (size_t)n, fmt, arg);
    ds_free(row->error);
    row->error = ds_strdup(msg);
    return row->error ? DS_OK : DS_ENOMEM;
}

/* Fills a row from a record; problems become the row's error. */
static ds_status fill_row(ds_manifest *m, const column *cols, size_t n_cols, const record *rec,
                          ds_manifest_row *row)
{
    row->line = rec->line;
    const char *published = NULL, *precision = NULL;
    ds_status rc = DS_OK;
    for (size_t i = 0; i < rec->n && i < n_cols && rc == DS_OK; i++) {
        const char *v = field(rec, i);
        switch (cols[i]) {
        case COL_FILE: rc = set_text(&row->file, v); break;
        case COL_TITLE: rc = set_text(&row->title, v); break;
        case COL_AUTHOR: rc = set_text(&row->author, v); break;
        case COL_SOURCE: rc = set_text(&row->source, v); break;
        case COL_SOURCE_KIND: rc = set_text(&row->source_kind, v); break;
        case COL_LANG: rc = set_text(&row->lang, v); break;
        case COL_URL: rc = set_text(&row->url, v); break;
        case COL_NOTES: rc = set_text(&row->notes, v); break;
        case COL_PUBLISHED: published = v; break;
        case COL_PRECISION: precision = v; break;
        case COL_IGNORED: break;
        }
    }
    if (rc)
        return rc;
    if (rec->n != n_cols) {
        char counts[64];
        snprintf(counts, sizeof counts, "%zu fields where the header has %zu", rec->n, n_cols);
        return row_error(row, m->name, "%s", counts);
    }
    if (!row->file)
        return row_error(row, m->name, "%s", "the file column is empty");
    ds_precision p = DS_PREC_NONE;
    if (precision && *precision && ds_precision_parse(precision, &p) != DS_OK)
        return row_error(row, m->name,
                         "published_precision \"%s\" is not day, month or year", precision);
    if (published && *published &&
        ds_date_parse_iso(published, p, &row->published) != DS_OK)
        return row_error(row, m->name,
                         "published \"%s\" is not a date of the form YYYY, YYYY-MM or "
                         "YYYY-MM-DD that fits its precision", published);
    return DS_OK;
}

static ds_status read_header(ds_manifest *m, reader *rd, record *rec, column *cols,
                             size_t *n_cols, ds_error *err)
{
    const char *problem;
    if (!read_record(rd, rec, &problem))
        return ds_error_set(err, DS_EEMPTY, "%s: empty manifest (expected a header row)", m->name);
    if (problem || rec->too_many)
        return ds_error_set(err, DS_EFORMAT, "%s:1: bad header row: %s", m->name,
                            problem ? problem : "too many columns");
    bool have_file = false;
    for (size_t i = 0; i < rec->n; i++) {
        cols[i] = column_of(field(rec, i));
        have_file |= cols[i] == COL_FILE;
        if (cols[i] == COL_IGNORED)
            ds_warn(&m->warnings, "%s:1: column \"%s\" is not used", m->name, field(rec, i));
    }
    *n_cols = rec->n;
    if (!have_file)
        return ds_error_set(err, DS_EFORMAT, "%s:1: the header has no \"file\" column", m->name);
    return DS_OK;
}

static ds_status add_rows(ds_manifest *m, reader *rd, record *rec, const column *cols,
                          size_t n_cols, ds_error *err)
{
    size_t cap = 0;
    const char *problem;
    while (read_record(rd, rec, &problem)) {
        if (!problem && !rec->too_many && blank_record(rec))
            continue;
        if (m->n == ROWS_MAX)
            return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d rows", m->name,
                                rec->line, ROWS_MAX);
        ds_manifest_row *v = ds_grow(m->rows, &cap, m->n, sizeof *v);
        if (!v)
            return ds_error_set(err, DS_ENOMEM, "%s: out of memory", m->name);
        m->rows = v;
        ds_manifest_row *row = &m->rows[m->n++];
        memset(row, 0, sizeof *row);
        ds_status rc = fill_row(m, cols, n_cols, rec, row);
        if (rc == DS_OK && (problem || rec->too_many))
            rc = row_error(row, m->name, "%s", problem ? problem : "more than 64 fields");
        if (rc)
            return ds_error_set(err, rc, "%s: out of memory", m->name);
    }
    return DS_OK;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int by_base_name(const void *a, const void *b)
{
    const ds_manifest_row *x = *(ds_manifest_row *const *)a, *y = *(ds_manifest_row *const *)b;
    int c = strcmp(base_name(x->file), base_name(y->file));
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Indexes the usable rows by base name for lookups, and flags a second row
 * for the same file, which would make its metadata ambiguous. */
static ds_status index_rows(ds_manifest *m)
{
    m->index = ds_calloc(m->n, sizeof *m->index);
    if (!m->index)
        return DS_ENOMEM;
    for (size_t i = 0; i < m->n; i++)
        if (!m->rows[i].error && m->rows[i].file)
            m->index[m->n_index++] = &m->rows[i];
    qsort(m->index, m->n_index, sizeof *m->index, by_base_name);
    size_t kept = 0;
    for (size_t i = 0; i < m->n_index; i++) {
        ds_manifest_row *row = m->index[i];
        if (kept && !strcmp(base_name(m->index[kept - 1]->file), base_name(row->file))) {
            char msg[128];
            snprintf(msg, sizeof msg, "line %zu already describes this file",
                     m->index[kept - 1]->line);
            if (row_error(row, m->name, "%s", msg))
                return DS_ENOMEM;
            continue;
        }
        m->index[kept++] = row;
    }
    m->n_index = kept;
    return DS_OK;
}

ds_status ds_manifest_parse(const char *text, size_t len, const char *name, ds_manifest **out,
                            ds_error *err)
{
    *out = NULL;
    ds_manifest *m = ds_calloc(1, sizeof *m);
    if (!m)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    m->name = ds_strdup(name);
    const char *slash = strrchr(name, '/');
    m->dir = slash ? ds_strndup(name, (size_t)(slash - name)) : ds_strdup(".");
    if (!m->name || !m->dir) {
        ds_manifest_free(m);
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    }
    reader rd = {text, len, 0, 1, name};
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        rd.pos = 3;
    record rec = {0};
    ds_buf_init(&rec.text, FIELD_MAX * COLUMNS_MAX);
    column cols[COLUMNS_MAX];
    size_t n_cols = 0;
    ds_status rc = read_header(m, &rd, &rec, cols, &n_cols, err);
    if (rc == DS_OK)
        rc = add_rows(m, &rd, &rec, cols, n_cols, err);
    if (rc == DS_OK && index_rows(m))
        rc = ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
    ds_buf_free(&rec.text);
    if (rc) {
        ds_manifest_free(m);
        return rc;
    }
    *out = m;
    return DS_OK;
}

ds_status ds_manifest_load(const char *path, ds_manifest **out, ds_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    ds_status rc = ds_read_file(path, MANIFEST_MAX_BYTES, &text, &len, err);
    if (rc)
        return rc;
    if (ds_looks_binary(text, len)) {
        ds_free(text);
        return ds_error_set(err, DS_EBINARY, "%s: binary data, not a CSV manifest", path);
    }
    rc = ds_manifest_parse(text, len, path, out, err);
    ds_free(text);
    return rc;
}

const ds_manifest_row *ds_manifest_find(const ds_manifest *m, const char *path)
{
    const char *want = base_name(path);
    size_t lo = 0, hi = m ? m->n_index : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(want, base_name(m->index[mid]->file));
        if (c == 0)
            return m->index[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void ds_manifest_free(ds_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        ds_manifest_row *r = &m->rows[i];
        char *fields[] = {r->file, r->title, r->author, r->source, r->source_kind,
                          r->url, r->lang, r->notes, r->error};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
            ds_free(fields[k]);
    }
    ds_free(m->rows);
    ds_free(m->index);
    ds_free(m->name);
    ds_free(m->dir);
    ds_warnings_free(&m->warnings);
    ds_free(m);
}
