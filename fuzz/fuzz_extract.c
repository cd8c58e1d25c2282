/* Fuzz target: `dossier extract --jsonl` on arbitrary bytes.  The input is
 * cut into lines as the stream command cuts it; each line goes through the
 * JSONL reader and, when it is a document, through segmentation, every
 * recognizer and claim assembly, and back out as a result line.
 *
 * The extractor is loaded once from the data folder (DOSSIER_DATA, which
 * scripts/fuzz.sh sets).  The gazetteer is used when data/gazetteer.dsg
 * exists, so places and their claims are fuzzed too.  Every claim and
 * mention span must lie inside the text, and every result must be JSON.
 * The reader is also checked against jansson: a line jansson cannot read
 * must be refused, and a line dossier accepts must be one jansson reads to
 * the same text.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/jsonl.h"

#define FUZZ_ASSERT(cond)                                                             \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_extract: %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static ds_extractor *ex;
static ds_gazetteer *gz;
static ds_registry *reg;

static void load_once(void)
{
    if (ex)
        return;
    ds_error err = {0};
    char path[4096];
    if (ds_data_path("gazetteer.dsg", path, sizeof path, &err) == DS_OK)
        ds_gazetteer_open(&gz, path, &err);
    if (ds_registry_load(&reg, NULL, &err) != DS_OK ||
        ds_extractor_new(&ex, gz, reg, &err) != DS_OK) {
        fprintf(stderr, "fuzz_extract: %s (run from the repository or set DOSSIER_DATA)\n",
                err.msg);
        abort();
    }
}

/* The line the stored mentions and claims of d make, spliced as a
 * consumer of `dossier add`'s database would. */
static void stored_line(const char *id, const ds_document *d, ds_buf *b)
{
    ds_buf_reset(b);
    FUZZ_ASSERT(ds_buf_printf(b, "{\"id\":%s,\"mentions\":[", id ? id : "null") == DS_OK);
    for (size_t i = 0; i < d->n_mentions; i++)
        FUZZ_ASSERT(ds_buf_printf(b, "%s%s", i ? "," : "", d->mentions[i].value) == DS_OK);
    FUZZ_ASSERT(ds_buf_puts(b, "],\"claims\":[") == DS_OK);
    for (size_t i = 0; i < d->n_claims; i++)
        FUZZ_ASSERT(ds_buf_printf(b, "%s%s", i ? "," : "", d->claims[i].value) == DS_OK);
    FUZZ_ASSERT(ds_buf_puts(b, "]}") == DS_OK);
}

/* Spans inside the text, a JSON result, and the line written directly
 * (extract --jsonl) the same as the mentions and claims stored (add). */
static void check(const ds_document *d, const char *id, const ds_buf *line)
{
    for (size_t i = 0; i < d->n_mentions; i++)
        FUZZ_ASSERT(d->mentions[i].start <= d->mentions[i].end &&
                    d->mentions[i].end <= d->text_len);
    for (size_t i = 0; i < d->n_claims; i++) {
        FUZZ_ASSERT(d->claims[i].start < d->claims[i].end && d->claims[i].end <= d->text_len);
        FUZZ_ASSERT(d->claims[i].sentence < d->n_sentences);
    }
    json_t *o = json_loads(line->p, 0, NULL);
    FUZZ_ASSERT(o && json_is_object(o));
    json_decref(o);
    ds_buf stored;
    ds_buf_init(&stored, (size_t)1 << 31);
    stored_line(id, d, &stored);
    FUZZ_ASSERT(stored.len == line->len && memcmp(stored.p, line->p, line->len) == 0);
    ds_buf_free(&stored);
}

/* dossier's verdict on a line beside jansson's. */
static void agree(const char *line, size_t len, const ds_document *d, bool accepted)
{
    json_t *ref = json_loadb(line, len, 0, NULL);
    if (accepted) {
        json_t *t = ref ? json_object_get(ref, "text") : NULL;
        FUZZ_ASSERT(t && json_is_string(t));
        FUZZ_ASSERT(json_string_length(t) == d->text_len);
        FUZZ_ASSERT(memcmp(json_string_value(t), d->text, d->text_len) == 0);
    }
    if (!ref)
        FUZZ_ASSERT(!accepted);
    json_decref(ref);
}

static void one_line(const char *line, size_t len)
{
    ds_document d;
    char *id = NULL;
    ds_error err = {0};
    char *out = NULL;
    if (ds_jsonl_read(line, len, &d, &id, &err) == DS_OK) {
        agree(line, len, &d, true);
        ds_buf result;
        ds_buf_init(&result, (size_t)1 << 31);
        if (ds_extract_segment(ex, &d, &err) == DS_OK &&
            ds_jsonl_extract(ex, &d, NULL, id, &result, &err) == DS_OK) {
            FUZZ_ASSERT(ds_extract_document(ex, &d, NULL, &err) == DS_OK);
            check(&d, id, &result);
            out = ds_buf_steal(&result, NULL);
        }
        ds_buf_free(&result);
        ds_document_free(&d);
    } else
        agree(line, len, &d, false);
    if (!out) {
        out = ds_jsonl_error(id, err.msg);
        FUZZ_ASSERT(out);
    }
    json_t *o = json_loads(out, 0, NULL);
    FUZZ_ASSERT(o && json_is_object(o));
    json_decref(o);
    ds_free(out);
    ds_free(id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once();
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (n)
            one_line(p, n);
        p += n + 1;
    }
    return 0;
}
