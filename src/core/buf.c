#include "core.h"

#include <stdio.h>
#include <string.h>

void ds_buf_init(ds_buf *b, size_t max)
{
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

ds_status ds_buf_reserve(ds_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return DS_ETOOBIG;
    size_t need = b->len + extra + 1; /* room for the trailing NUL */
    if (need <= b->cap)
        return DS_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    char *p = ds_realloc(b->p, cap);
    if (!p)
        return DS_ENOMEM;
    b->p = p;
    b->cap = cap;
    return DS_OK;
}

ds_status ds_buf_append(ds_buf *b, const void *data, size_t n)
{
    ds_status rc = ds_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return DS_OK;
}

ds_status ds_buf_putc(ds_buf *b, char c) { return ds_buf_append(b, &c, 1); }

ds_status ds_buf_puts(ds_buf *b, const char *s) { return ds_buf_append(b, s, strlen(s)); }

ds_status ds_buf_printf(ds_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return DS_EINVAL;
    ds_status rc = ds_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return DS_OK;
}

char *ds_buf_steal(ds_buf *b, size_t *len)
{
    if (!b->p && ds_buf_reserve(b, 0) != DS_OK)
        return NULL;
    char *p = b->p;
    if (len)
        *len = b->len;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

void ds_buf_reset(ds_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void ds_buf_free(ds_buf *b)
{
    ds_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
