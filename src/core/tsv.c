#include "core.h"

#include <string.h>

enum { TSV_MAX_FILE = 64 << 20, TSV_MAX_LINE = 64 << 10, TSV_MAX_FIELDS = 64 };

ds_status ds_tsv_parse(const char *text, size_t len, const char *name, ds_tsv_row_fn row,
                       void *ud, ds_error *err)
{
    char *fields[TSV_MAX_FIELDS];
    char line[TSV_MAX_LINE + 1];
    size_t pos = 0, lineno = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        lineno++;
        if (n > TSV_MAX_LINE)
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: line longer than %d bytes", name,
                                lineno, TSV_MAX_LINE);
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (memchr(line, '\0', n))
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: NUL byte in line", name, lineno);
        size_t nf = 0;
        char *p = line;
        for (;;) {
            if (nf == TSV_MAX_FIELDS)
                return ds_error_set(err, DS_EFORMAT, "%s:%zu: more than %d fields", name,
                                    lineno, TSV_MAX_FIELDS);
            fields[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        ds_status rc = row(ud, fields, nf, lineno, err);
        if (rc)
            return rc;
    }
    return DS_OK;
}

ds_status ds_tsv_read(const char *path, ds_tsv_row_fn row, void *ud, ds_error *err)
{
    char *text;
    size_t len;
    ds_status rc = ds_read_file(path, TSV_MAX_FILE, &text, &len, err);
    if (rc)
        return rc;
    rc = ds_tsv_parse(text, len, path, row, ud, err);
    ds_free(text);
    return rc;
}
