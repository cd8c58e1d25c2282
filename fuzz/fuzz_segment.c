/* fuzz_segment.c: libFuzzer target for the sentence segmenter.
 *
 * Most inputs are segmented as text with a segmenter built once from
 * data/abbreviations.tsv (or, when that file cannot be found, from a small
 * lexicon compiled in here).  An input that starts with a NUL byte instead
 * carries its own lexicon: the bytes up to the next NUL are parsed as a
 * lexicon file, since users edit that file by hand, and the rest is
 * segmented with it.
 *
 * Every result is checked against the promises of segment.h: spans lie in
 * the text, are non-empty, ordered, do not overlap, have a valid kind, and
 * neither start nor end with white space.  The white-space test is written
 * here again on purpose, so that it does not share a bug with the library.
 */
#include "segment/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char fallback_lexicon[] = "Dr\ttitle\nGen\ttitle\ne.g\tlead\netc\tother\n"
                                       "Jan\tmonth\nU.S\tinitialism\nThe\tstarter\n"
                                       "the\twrap\nSee\tnotecue\nReuters\tcredit\n"
                                       "Notes\tnotes\nPhoto\tcaption\nFile photo\tcaption\n";

#define FUZZ_ASSERT(cond)                                                       \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz_segment: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* The UTF-8 spellings of the white space the segmenter trims. */
static const char *const unicode_spaces[] = {
    "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
    "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
    "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xA8",
    "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF",
};

static bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static bool starts_with_space(const char *p, size_t n)
{
    if (ascii_space(p[0]))
        return true;
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof *unicode_spaces; i++) {
        size_t k = strlen(unicode_spaces[i]);
        if (n >= k && memcmp(p, unicode_spaces[i], k) == 0)
            return true;
    }
    return false;
}

static bool ends_with_space(const char *p, size_t n)
{
    if (ascii_space(p[n - 1]))
        return true;
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof *unicode_spaces; i++) {
        size_t k = strlen(unicode_spaces[i]);
        if (n >= k && memcmp(p + n - k, unicode_spaces[i], k) == 0)
            return true;
    }
    return false;
}

static void check(const char *text, size_t len, const ds_sentence *v, size_t n)
{
    FUZZ_ASSERT(n <= DS_SEGMENT_MAX_SENTENCES);
    FUZZ_ASSERT(n == 0 || v != NULL);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(v[i].start < v[i].end);
        FUZZ_ASSERT(v[i].end <= len);
        FUZZ_ASSERT(v[i].start >= prev_end);
        FUZZ_ASSERT((unsigned)v[i].kind < DS_SENT_KIND_COUNT);
        FUZZ_ASSERT(!starts_with_space(text + v[i].start, v[i].end - v[i].start));
        FUZZ_ASSERT(!ends_with_space(text + v[i].start, v[i].end - v[i].start));
        prev_end = v[i].end;
    }
}

static void segment_and_check(const ds_segmenter *seg, const char *text, size_t len)
{
    ds_sentence *v = NULL;
    size_t n = 0;
    ds_error err = {0};
    ds_status rc = ds_segment(seg, text, len, &v, &n, &err);
    if (rc == DS_OK)
        check(text, len, v, n);
    else
        FUZZ_ASSERT(rc == DS_ETOOBIG && v == NULL && err.msg[0]);
    ds_free(v);
}

static const ds_segmenter *shared_segmenter(void)
{
    static ds_segmenter *seg;
    if (seg)
        return seg;
    ds_error err = {0};
    if (ds_segmenter_new(&seg, NULL, &err) != DS_OK) {
        FUZZ_ASSERT(ds_segmenter_from_text(&seg, fallback_lexicon, sizeof fallback_lexicon - 1,
                                           "fallback", &err) == DS_OK);
    }
    return seg;
}

/* An input "\0LEXICON\0TEXT": the lexicon is user-editable input too. */
static void fuzz_lexicon(const char *data, size_t size)
{
    const char *sep = memchr(data, '\0', size);
    size_t lex_len = sep ? (size_t)(sep - data) : size;
    const char *text = sep ? sep + 1 : data + size;
    size_t text_len = size - lex_len - (sep != NULL);
    ds_segmenter *seg = NULL;
    ds_error err = {0};
    ds_status rc = ds_segmenter_from_text(&seg, data, lex_len, "fuzz.tsv", &err);
    if (rc != DS_OK) {
        FUZZ_ASSERT(seg == NULL && err.msg[0]);
        return;
    }
    segment_and_check(seg, text, text_len);
    ds_segmenter_free(seg);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *p = (const char *)data;
    if (size > 0 && p[0] == '\0')
        fuzz_lexicon(p + 1, size - 1);
    else
        segment_and_check(shared_segmenter(), p, size);
    return 0;
}
