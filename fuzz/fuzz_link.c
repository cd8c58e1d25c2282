/* Fuzz target: the link stage on arbitrary claims and policies.  The input
 * is cut at its first NUL: before it, a link_policy.tsv text (when it does
 * not parse, the shipped policy is used); after it, one claim JSON object
 * per line, given in turn to three documents that cite each other, with
 * review decisions on the first claims.  Every incident must be JSON,
 * every parent must come before its child, and no claim may be in two
 * incidents. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/link.h"

#define FUZZ_ASSERT(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz_link: %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                               \
        }                                                                          \
    } while (0)

enum { CLAIMS_MAX = 256 };

static ds_link_policy *shipped;

static void add_documents(ds_linker *l)
{
    static const char *const sources[] = {"Alpha Wire", NULL, "Syrian Observatory for Human Rights"};
    for (int i = 0; i < 3; i++) {
        ds_document d = {.id = i + 1, .source = (char *)sources[i],
                         .author = i == 1 ? "A. Writer" : NULL};
        ds_date_parse_iso(i == 2 ? "2025" : "2025-03-20", DS_PREC_NONE, &d.published);
        FUZZ_ASSERT(ds_linker_add_document(l, &d, NULL) == DS_OK);
    }
}

static void check(const ds_linker *l, size_t n_claims)
{
    size_t seen = 0;
    for (size_t i = 0; i < ds_linker_count(l); i++) {
        const ds_incident_record *r = ds_linker_record(l, i);
        FUZZ_ASSERT(r && r->id == (int64_t)i + 1 && r->parent < r->id && r->n_claims > 0);
        json_t *o = json_loads(r->value, 0, NULL);
        FUZZ_ASSERT(json_is_object(o));
        json_decref(o);
        seen += r->n_claims;
    }
    FUZZ_ASSERT(seen <= n_claims);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!shipped && ds_link_policy_load(&shipped, NULL, NULL) != DS_OK)
        abort(); /* DOSSIER_DATA must name the data folder */
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t policy_len = nul ? (size_t)(nul - text) : 0;
    ds_link_policy *own = NULL;
    ds_error err = {0};
    if (policy_len && ds_link_policy_parse(&own, text, policy_len, "fuzz.tsv", &err) != DS_OK)
        FUZZ_ASSERT(err.msg[0]);
    ds_linker *l = NULL;
    FUZZ_ASSERT(ds_linker_new(&l, own ? own : shipped, NULL, NULL) == DS_OK);
    add_documents(l);
    size_t pos = nul ? policy_len + 1 : 0, n = 0;
    while (pos < size && n < CLAIMS_MAX) {
        const char *nl = memchr(text + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (text + pos)) : size - pos;
        char *line = strndup(text + pos, len);
        if (line && ds_linker_add_claim(l, (int64_t)n + 1, (int64_t)(n % 3) + 1, line, NULL) ==
                        DS_OK)
            n++;
        free(line);
        pos += len + 1;
    }
    /* Citations in a chain and a cycle, a place warning, and review
     * decisions on the first claims, replayed on whatever they became. */
    FUZZ_ASSERT(ds_linker_add_relay(l, 2, 1, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_relay(l, 3, 2, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_relay(l, 1, 3, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_place_warning(l, 1, 0, 5, "another division", NULL) == DS_OK);
    int64_t one = 1, two = 2, three = 3, four = 4;
    ds_review_decision split = {DS_REVIEW_SPLIT, &one, 1, &two, 1, NULL, NULL};
    ds_review_decision merge = {DS_REVIEW_MERGE, &three, 1, &four, 1, NULL, NULL};
    ds_review_decision reject = {DS_REVIEW_REJECT, &four, 1, NULL, 0, NULL, NULL};
    ds_review_decision edit = {DS_REVIEW_EDIT, &two, 1, NULL, 0, "date", "2025-03"};
    FUZZ_ASSERT(ds_linker_add_decision(l, &split, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_decision(l, &merge, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_decision(l, &reject, NULL) == DS_OK);
    FUZZ_ASSERT(ds_linker_add_decision(l, &edit, NULL) == DS_OK);
    if (ds_linker_run(l, NULL, NULL, NULL) == DS_OK)
        check(l, n);
    ds_linker_free(l);
    ds_link_policy_free(own);
    return 0;
}
