#include "core.h"

#include <stdlib.h>
#include <string.h>

/* A countdown that lets tests make allocation fail at a chosen point, to
 * prove that every failure path cleans up.  Negative means no limit.  It is
 * not thread-safe; only single-threaded tests set it. */
static long fail_after = -1;

void ds_alloc_fail_after(long n) { fail_after = n; }

static bool allowed(void)
{
    if (fail_after < 0)
        return true;
    if (fail_after == 0)
        return false;
    fail_after--;
    return true;
}

void *ds_malloc(size_t n)
{
    if (!allowed())
        return NULL;
    return malloc(n ? n : 1);
}

void *ds_calloc(size_t count, size_t n)
{
    if (!allowed())
        return NULL;
    return calloc(count ? count : 1, n ? n : 1);
}

void *ds_realloc(void *p, size_t n)
{
    if (!allowed())
        return NULL;
    return realloc(p, n ? n : 1);
}

void ds_free(void *p) { free(p); }

char *ds_strndup(const char *s, size_t n)
{
    char *d = ds_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *ds_grow(void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return items;
    size_t want = *cap ? *cap * 2 : 16;
    if (want < *cap || want > SIZE_MAX / size)
        return NULL;
    void *grown = ds_realloc(items, want * size);
    if (grown)
        *cap = want;
    return grown;
}

char *ds_strdup(const char *s) { return s ? ds_strndup(s, strlen(s)) : NULL; }
