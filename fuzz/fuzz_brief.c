/* Fuzz target: what `dossier brief` reads from untrusted hands: a brief
 * given to --check (perhaps edited; read back by ds__br_read), and the
 * templates of a house style (ds__br_fill).  The first byte picks which:
 * even, a brief; odd, a template filled with fixed variables. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief/read.h"

#define FUZZ_ASSERT(cond)                                                            \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "fuzz_brief: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static void fuzz_read(const char *text, size_t len)
{
    br_read r;
    ds_error err;
    if (ds__br_read(&r, text, len, &err) != DS_OK)
        return;
    for (size_t i = 0; i < r.n_paras; i++)
        FUZZ_ASSERT(r.paras[i] != NULL);
    for (size_t i = 0; i < r.n_claims; i++)
        FUZZ_ASSERT(r.claims[i].note > 0);
    ds__br_read_free(&r);
}

static void fuzz_fill(const char *text)
{
    ds_arena *a = ds_arena_new(1u << 24);
    if (!a)
        return;
    const char *vars[] = {"source", "Alpha", "place", "", "date", "on 6 March 2025",
                          "figures", NULL, NULL};
    const char *out = ds__br_fill(a, text, vars);
    FUZZ_ASSERT(!out || strlen(out) <= strlen(text) * 16 + 64);
    ds_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (data[0] & 1)
        fuzz_fill(text);
    else
        fuzz_read(text, size - 1);
    free(text);
    return 0;
}
