#include "core.h"

#include <string.h>

/* Chunks are linked newest first; a request larger than the default chunk
 * gets a chunk of its own so that big documents do not waste a tail. */
enum { CHUNK_DEFAULT = 64 * 1024, ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t used;
    size_t size;
    _Alignas(16) unsigned char data[];
} chunk;

struct ds_arena {
    chunk *head;
    size_t total; /* bytes handed out, checked against cap */
    size_t cap;
};

ds_arena *ds_arena_new(size_t cap)
{
    ds_arena *a = ds_calloc(1, sizeof *a);
    if (a)
        a->cap = cap;
    return a;
}

void *ds_arena_alloc(ds_arena *a, size_t n)
{
    size_t size = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size < n || size > a->cap - a->total)
        return NULL;
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t csize = size > CHUNK_DEFAULT ? size : CHUNK_DEFAULT;
        c = ds_malloc(sizeof *c + csize);
        if (!c)
            return NULL;
        c->used = 0;
        c->size = csize;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->total += size;
    return p;
}

char *ds_arena_strndup(ds_arena *a, const char *s, size_t n)
{
    char *d = ds_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *ds_arena_strdup(ds_arena *a, const char *s) { return ds_arena_strndup(a, s, strlen(s)); }

size_t ds_arena_used(const ds_arena *a) { return a->total; }

void ds_arena_free(ds_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        ds_free(c);
        c = next;
    }
    ds_free(a);
}
