#include "backend.h"

#include <ctype.h>
#include <string.h>

enum { QUERY_MAX = 4096 };

static bool is_operator(const char *w, size_t n)
{
    return (n == 2 && !strncmp(w, "OR", 2)) || (n == 3 && !strncmp(w, "AND", 3)) ||
           (n == 3 && !strncmp(w, "NOT", 3));
}

/* Writes s[0..n) as an FTS5 string: inside double quotes, with any double
 * quote doubled, so that no user text is ever read as query syntax. */
static ds_status quote(ds_buf *b, const char *s, size_t n)
{
    ds_status rc = ds_buf_putc(b, '"');
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = s[i] == '"' ? ds_buf_append(b, "\"\"", 2) : ds_buf_putc(b, s[i]);
    return rc ? rc : ds_buf_putc(b, '"');
}

char *ds__fts_query(const char *user, ds_error *err)
{
    if (strlen(user) > QUERY_MAX) {
        ds_error_set(err, DS_ETOOBIG, "search query longer than %d bytes", QUERY_MAX);
        return NULL;
    }
    ds_buf b;
    ds_buf_init(&b, QUERY_MAX * 3 + 16);
    ds_status rc = DS_OK;
    size_t terms = 0;
    const char *p = user;
    bool pending_op = false;
    while (*p && rc == DS_OK) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *start = p;
        size_t n;
        bool phrase = *p == '"';
        if (phrase) {
            const char *close = strchr(p + 1, '"');
            start = p + 1;
            n = close ? (size_t)(close - start) : strlen(start);
            p = close ? close + 1 : start + n;
        } else {
            while (*p && !isspace((unsigned char)*p))
                p++;
            n = (size_t)(p - start);
        }
        if (!phrase && is_operator(start, n)) {
            /* An operator needs a term on both sides; a dangling one is dropped. */
            if (terms && !pending_op) {
                rc = ds_buf_putc(&b, ' ');
                if (rc == DS_OK)
                    rc = ds_buf_append(&b, start, n);
                pending_op = true;
            }
            continue;
        }
        bool prefix = !phrase && n > 1 && start[n - 1] == '*';
        size_t body = prefix ? n - 1 : n;
        if (!body)
            continue;
        if (b.len)
            rc = ds_buf_putc(&b, ' ');
        if (rc == DS_OK)
            rc = quote(&b, start, body);
        if (rc == DS_OK && prefix)
            rc = ds_buf_putc(&b, '*');
        terms++;
        pending_op = false;
    }
    if (rc == DS_OK && pending_op) {
        /* Remove the trailing operator and the space before it. */
        while (b.len && b.p[b.len - 1] != ' ')
            b.len--;
        if (b.len)
            b.len--;
        b.p[b.len] = '\0';
    }
    if (rc == DS_OK && !terms)
        rc = ds_error_set(err, DS_EINVAL, "the search query has no words");
    else if (rc)
        ds_error_set(err, rc, "search query too long");
    if (rc) {
        ds_buf_free(&b);
        return NULL;
    }
    return ds_buf_steal(&b, NULL);
}
