/* Fuzz target: the readers of user-editable data files (TSV lexicons and
 * the source registry) on arbitrary bytes.  The first byte picks which. */
#include <stddef.h>
#include <stdint.h>

#include "normalize/lexicon.h"
#include "sources/sources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    ds_error err = {0};
    if (data[0] & 1) {
        ds_registry *r = NULL;
        if (ds_registry_parse(&r, text, len, "fuzz.tsv", &err) == DS_OK) {
            for (size_t i = 0; i < ds_registry_count(r); i++)
                if (ds_registry_find(r, ds_registry_at(r, i)->name) != ds_registry_at(r, i))
                    __builtin_trap();
            ds_registry_free(r);
        }
    } else {
        ds_lexicon *lx = NULL;
        if (ds_lexicon_parse(&lx, text, len, "fuzz.tsv", &err) == DS_OK) {
            ds_lexicon_get(lx, text, len < 64 ? len : 64);
            ds_lexicon_free(lx);
        }
    }
    return 0;
}
