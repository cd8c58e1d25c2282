/* Fuzz target: the place recognizer on arbitrary bytes (as normalized text
 * or not), with the world gazetteer `make gazetteer` builds.  Every span it
 * returns must lie inside the input and cover its name. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "recognize/places.h"

static ds_gazetteer *gz;
static ds_places *pr;

static void open_once(void)
{
    if (pr)
        return;
    char path[4096];
    ds_error err = {0};
    if (ds_gazetteer_default_path(path, sizeof path, &err) != DS_OK ||
        ds_gazetteer_open(&gz, path, &err) != DS_OK || ds_places_new(&pr, gz, &err) != DS_OK)
        abort(); /* run `make gazetteer` first, from the repository or with DOSSIER_DATA */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    open_once();
    ds_arena *arena = ds_arena_new((size_t)64 << 20);
    if (!arena)
        return 0;
    ds_place_mention *m;
    size_t n;
    ds_error err = {0};
    const char *text = (const char *)data;
    /* The first byte, when set, names a country focus from the next two. */
    const char *country = size > 3 && data[0] == 1 ? (const char[]){(char)data[1], (char)data[2], 0}
                                                   : NULL;
    if (ds_places_find(pr, text, size, country, arena, &m, &n, &err) == DS_OK) {
        for (size_t i = 0; i < n; i++)
            if (m[i].start > m[i].end || m[i].end > size || m[i].name_start < m[i].start ||
                m[i].name_end > m[i].end || m[i].confidence < 0 || m[i].confidence > 1)
                __builtin_trap();
    }
    ds_arena_free(arena);
    return 0;
}
