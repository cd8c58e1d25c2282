/* Fuzz target: the readers of user-editable data files (TSV lexicons, the
 * source registry, and the word lists of the time and quantity recognizers)
 * on arbitrary bytes.  The first byte picks which:
 *
 *   0xF0..0xFF  the four word lists of src/recognize/words.h (time_words,
 *               number_words, quantity_policy, count_words) through
 *               ds__words_parse; see fuzz_words below
 *   odd         the source registry
 *   even        a plain lexicon
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize/lexicon.h"
#include "recognize/quantity.h"
#include "recognize/time_int.h"
#include "recognize/words.h"
#include "sources/sources.h"

#define FUZZ_ASSERT(cond)                                                               \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "fuzz_datafiles: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                    \
        }                                                                               \
    } while (0)

/* --- the word lists of the time and quantity recognizers ------------------
 *
 * After the first byte, the input is split on NUL bytes (which a TSV text
 * given to ds__words_parse cannot hold, as it is read up to its NUL) into
 * up to four texts.  The low bits of the first byte say how they are used:
 *   bits 0-1  rotation: text k is the file (k + rotation) % 4, so that any
 *             file can come first, where most mutations land;
 *   bit 2     a file that gets no text is the shipped one from data/
 *             (so a fuzzed file meets the real others), else NULL;
 *   bit 3     also load the same four files from disk and run the quantity
 *             recognizer with them (slower: four files written).
 * A lexicon that parses must then be safe to use: it tokenizes and reads
 * numbers and phrases in a fixed sentence and in the input itself, and the
 * time recognizer runs with it (it is reachable through time_int.h; the
 * quantity recognizer's struct is private, hence bit 3).
 */
static const char *const word_files[4] = {"time_words.tsv", "number_words.tsv",
                                          "quantity_policy.tsv", "count_words.tsv"};
static char *shipped[4];
static char tmpdir[PATH_MAX];
static char tmpfile_path[4][PATH_MAX + 32];

static const char sample[] =
    "On 3 March 2025 at least 14 civilians were killed and dozens injured; "
    "two days later some 2,300 families fled, and by mid-April nearly 40% had "
    "returned. Last Tuesday twenty-one men were detained for five days.";

static void cleanup(void)
{
    for (int i = 0; i < 4; i++)
        if (tmpfile_path[i][0])
            unlink(tmpfile_path[i]);
    if (tmpdir[0])
        rmdir(tmpdir);
}

/* Reads the shipped word lists (before DOSSIER_DATA is pointed at the
 * private folder that bit 3 writes to). */
static void setup_words(void)
{
    if (tmpdir[0])
        return;
    ds_error err = {0};
    for (int i = 0; i < 4; i++) {
        char path[4096];
        size_t n;
        if (ds_data_path(word_files[i], path, sizeof path, &err) != DS_OK ||
            ds_read_file(path, (size_t)16 << 20, &shipped[i], &n, &err) != DS_OK) {
            fprintf(stderr, "fuzz_datafiles: %s (run from the repository or set DOSSIER_DATA)\n",
                    err.msg);
            abort();
        }
    }
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dossier-fuzz-words-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("fuzz_datafiles: mkdtemp");
        abort();
    }
    for (int i = 0; i < 4; i++)
        snprintf(tmpfile_path[i], sizeof tmpfile_path[i], "%s/%s", tmpdir, word_files[i]);
    atexit(cleanup);
    setenv("DOSSIER_DATA", tmpdir, 1);
}

/* Uses a parsed lexicon on text the way the recognizers do. */
static void exercise_words(const ds__words *w, const char *text, size_t len)
{
    for (size_t i = 0; i < w->n; i++)
        FUZZ_ASSERT(ds__words_find(w, w->keys[i], strlen(w->keys[i])) == (int32_t)i);
    for (size_t i = 0; i < w->n_policy; i++) {
        const ds__policy *p = &w->policy[i];
        ds__formula_eval(&p->value, 3, 7);
        ds__formula_eval(&p->low, 3, 7);
        ds__formula_eval(&p->high, 3, 7);
    }
    ds_arena *a = ds_arena_new((size_t)256 << 20);
    if (!a)
        return;
    ds__tok *t;
    size_t n;
    ds_error err = {0};
    if (ds__tokenize(w, text, len, a, &t, &n, &err) == DS_OK) {
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(t[i].start < t[i].end && t[i].end <= len);
            FUZZ_ASSERT(t[i].word < (int32_t)w->n);
            size_t end = 0;
            if (ds__phrase_at(w, t, n, i, ~0u, &end))
                FUZZ_ASSERT(end > i && end <= n);
            ds__number num;
            if (ds__number_at(w, text, t, n, i, &num))
                FUZZ_ASSERT(num.end > i && num.end <= n);
        }
    }
    ds_arena_free(a);
}

/* The time recognizer with this lexicon; fills skip with its spans. */
static size_t run_times(const ds__words *w, const char *text, size_t len, ds_arena *a,
                        ds_span **skip)
{
    ds_times t = {.w = (ds__words *)w};
    ds_time_context ctx = {0};
    if (ds_date_parse_iso("2025-03-19", DS_PREC_DAY, &ctx.published) != DS_OK)
        abort();
    ds_time_mention *m;
    size_t n;
    ds_error err = {0};
    *skip = NULL;
    if (ds_times_find(&t, text, len, &ctx, a, &m, &n, &err) != DS_OK)
        return 0;
    if (n && !(*skip = ds_arena_alloc(a, n * sizeof **skip)))
        return 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(m[i].start < m[i].end && m[i].end <= len && m[i].start >= prev_end);
        FUZZ_ASSERT(!m[i].resolved || m[i].first <= m[i].last);
        prev_end = m[i].end;
        (*skip)[i] = (ds_span){m[i].start, m[i].end};
    }
    return n;
}

static void run_quantities(const ds_quantities *q, const char *text, size_t len,
                           const ds_span *skip, size_t n_skip, ds_arena *a)
{
    ds_quantity *v;
    size_t n;
    ds_error err = {0};
    if (ds_quantities_find(q, text, len, skip, n_skip, a, &v, &n, &err) != DS_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(v[i].start < v[i].end && v[i].end <= len);
        FUZZ_ASSERT((unsigned)v[i].relation <= DS_REL_VAGUE);
        FUZZ_ASSERT((unsigned)v[i].role <= DS_ROLE_DISPLACED);
        FUZZ_ASSERT(!v[i].noun_end || v[i].noun_end <= len);
        /* The strings point into the lexicon: read them. */
        if (v[i].qualifier)
            (void)strlen(v[i].qualifier);
        if (v[i].counts)
            (void)strlen(v[i].counts);
    }
}

static bool write_text(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    size_t n = s ? strlen(s) : 0;
    bool ok = fwrite(s ? s : "", 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

static void fuzz_words(uint8_t flags, const char *data, size_t len)
{
    setup_words();
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, data, len);
    copy[len] = '\0';
    const char *texts[4] = {NULL, NULL, NULL, NULL};
    bool given[4] = {false, false, false, false};
    int rot = flags & 3;
    char *p = copy;
    for (int k = 0; k < 4 && p <= copy + len; k++) {
        texts[(k + rot) % 4] = p;
        given[(k + rot) % 4] = true;
        p += strlen(p) + 1;
    }
    for (int i = 0; i < 4; i++)
        if (!given[i] && (flags & 4))
            texts[i] = shipped[i];

    ds__words *w = NULL;
    ds_error err = {0};
    ds_status rc = ds__words_parse(&w, texts[0], texts[1], texts[2], texts[3], &err);
    if (rc != DS_OK) {
        FUZZ_ASSERT(w == NULL && err.msg[0]); /* a refusal clears *out and says why */
        free(copy);
        return;
    }
    exercise_words(w, sample, sizeof sample - 1);
    exercise_words(w, data, len);
    ds_arena *a = ds_arena_new((size_t)256 << 20);
    ds_span *skip_s = NULL, *skip_d = NULL;
    size_t ns = 0, nd = 0;
    if (a) {
        ns = run_times(w, sample, sizeof sample - 1, a, &skip_s);
        nd = run_times(w, data, len, a, &skip_d);
    }
    if (a && (flags & 8)) {
        /* The same files from disk, as ds_quantities_new reads them: they
         * must load exactly when they parse (an absent file here is an
         * empty one, as a NULL text is no rows). */
        bool written = true;
        for (int i = 0; i < 4; i++)
            written = write_text(tmpfile_path[i], texts[i]) && written;
        if (written) {
            ds_quantities *q = NULL;
            ds_error qerr = {0};
            if (ds_quantities_new(&q, &qerr) != DS_OK) {
                fprintf(stderr, "fuzz_datafiles: parses but does not load: %s\n", qerr.msg);
                abort();
            }
            run_quantities(q, sample, sizeof sample - 1, skip_s, ns, a);
            run_quantities(q, data, len, skip_d, nd, a);
            ds_quantities_free(q);
        }
    }
    ds_arena_free(a);
    ds__words_free(w);
    free(copy);
}

/* --- the registry and plain lexicons ---------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    ds_error err = {0};
    if ((data[0] & 0xF0) == 0xF0) {
        fuzz_words(data[0], text, len);
    } else if (data[0] & 1) {
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
