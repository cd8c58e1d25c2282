/* Fuzz target: the citation parser and resolver on arbitrary notes.  Each
 * line of the input is one note of one of three documents (every third a
 * sentence that is not a footnote, of which only URLs are read); the
 * works found are resolved against the three documents.  Every work must
 * have text, come from a given document, and resolve to another one or
 * to none. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/citation.h"

#define FUZZ_ASSERT(cond)                                                             \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_citation: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

enum { NOTES_MAX = 512 };

static ds_times *times;
static ds_link_policy *policy;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if ((!times && ds_times_new(&times, NULL) != DS_OK) ||
        (!policy && ds_link_policy_load(&policy, NULL, NULL) != DS_OK))
        abort(); /* DOSSIER_DATA must name the data folder */
    ds_citer *c = NULL;
    FUZZ_ASSERT(ds_citer_new(&c, times, policy, NULL) == DS_OK);
    static const char *const titles[] = {"A Survey of River Towns", "Notes", NULL};
    for (int i = 0; i < 3; i++) {
        ds_document d = {.id = i + 1, .title = (char *)titles[i], .author = "Jane Doe",
                         .source = i == 1 ? "Example Institute" : NULL,
                         .url = i == 2 ? "https://example.org/a" : NULL};
        ds_date_parse_iso("2024-05-03", DS_PREC_NONE, &d.published);
        FUZZ_ASSERT(ds_citer_add_document(c, &d, NULL) == DS_OK);
    }
    const char *text = (const char *)data;
    size_t pos = 0, n = 0;
    while (pos < size && n < NOTES_MAX) {
        const char *nl = memchr(text + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (text + pos)) : size - pos;
        ds_citer_add_note(c, (int64_t)(n % 3) + 1, n, text + pos, len, n % 3 != 2, NULL);
        n++;
        pos += len + 1;
    }
    FUZZ_ASSERT(ds_citer_resolve(c, NULL) == DS_OK);
    for (size_t i = 0; i < ds_citer_count(c); i++) {
        const ds_citation *w = ds_citer_at(c, i);
        FUZZ_ASSERT(w->text && w->from >= 1 && w->from <= 3);
        FUZZ_ASSERT(w->to >= 0 && w->to <= 3 && w->to != w->from);
        FUZZ_ASSERT(w->score >= 0 && w->score <= 1.0001);
    }
    ds_citer_free(c);
    return 0;
}
