/* Fuzz target: normalization and metadata detection on arbitrary bytes,
 * the path every plain-text and Markdown file takes before segmentation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "add/meta.h"
#include "normalize/normalize.h"

static ds__cues cues;

static void load_cues(void)
{
    static ds_lexicon *months, *intake;
    if (months)
        return;
    ds_error err = {0};
    if (ds_lexicon_load(&months, "months.tsv", &err) != DS_OK ||
        ds_lexicon_load(&intake, "intake_cues.tsv", &err) != DS_OK)
        abort(); /* run from the repository or set DOSSIER_DATA */
    cues = (ds__cues){months, intake};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_cues();
    char *text = NULL;
    size_t len = 0;
    ds_warnings w = {0};
    ds_error err = {0};
    if (ds_normalize((const char *)data, size, "fuzz.txt", 1 << 20, &text, &len, &w, &err) == DS_OK) {
        ds__text_meta m;
        ds__detect_meta(text, len, &cues, &m);
        if (m.published.precision && m.published.start[4] != '-')
            __builtin_trap();
        ds__text_meta_free(&m);
        ds_free(text);
    }
    ds_warnings_free(&w);
    return 0;
}
