/* Fuzz target: the parts of `dossier serve` that read what a client sends
 * before any query runs: a URL path unescaped and mapped to a static file
 * name, and JSON answers hardened against being read as markup.
 *
 * The promises checked: a name the mapper accepts is relative, holds no
 * "..", no escape, no backslash and no control byte, and ends in a served
 * extension; the hardened text holds no '<', '>' or '&', and reads back as
 * the same JSON value whenever the input was JSON. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve.h"

#define FUZZ_ASSERT(cond)                                                            \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "fuzz_serve: %s:%d: %s\n", __FILE__, __LINE__, #cond);   \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static void check_path(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 1);
    if (!path)
        return;
    memcpy(path, data, size);
    path[size] = '\0';
    ds_serve_unescape(path);
    char rel[256];
    const char *mime = NULL;
    if (ds_serve_static_name(path, rel, sizeof rel, &mime) == DS_OK) {
        FUZZ_ASSERT(mime && rel[0] && rel[0] != '/');
        FUZZ_ASSERT(!strstr(rel, "..") && !strchr(rel, '%') && !strchr(rel, '\\'));
        for (const char *p = rel; *p; p++)
            FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
    }
    free(path);
}

static void check_harden(const uint8_t *data, size_t size)
{
    ds_buf b;
    ds_buf_init(&b, size * 6 + 16);
    if (ds_buf_append(&b, data, size) != DS_OK) {
        ds_buf_free(&b);
        return;
    }
    json_t *before = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (ds_serve_harden_json(&b) == DS_OK) {
        FUZZ_ASSERT(!memchr(b.p, '<', b.len) && !memchr(b.p, '>', b.len) &&
                    !memchr(b.p, '&', b.len));
        if (before) {
            json_t *after = json_loadb(b.p, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
            FUZZ_ASSERT(after && json_equal(before, after));
            json_decref(after);
        }
    }
    json_decref(before);
    ds_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_path(data, size);
    check_harden(data, size);
    return 0;
}
