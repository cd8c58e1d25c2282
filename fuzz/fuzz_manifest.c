/* Fuzz target: the CSV manifest parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "add/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds_manifest *m = NULL;
    ds_error err = {0};
    if (ds_manifest_parse((const char *)data, size, "fuzz.csv", &m, &err) == DS_OK) {
        for (size_t i = 0; i < m->n; i++) {
            const ds_manifest_row *row = &m->rows[i];
            /* Every usable row must be found again by its own file name. */
            if (!row->error && row->file && !ds_manifest_find(m, row->file))
                __builtin_trap();
            if (row->published.precision && strlen(row->published.start) != 10)
                __builtin_trap();
        }
        ds_manifest_free(m);
    } else if (!err.msg[0]) {
        __builtin_trap(); /* a failure must say why */
    }
    return 0;
}
