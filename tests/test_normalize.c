/* Tests of the normalize stage and the lexicon and TSV readers. */
#include <stdlib.h>

#include <utf8proc.h>

#include "normalize/lexicon.h"
#include "normalize/normalize.h"
#include "test.h"

static char *norm(const char *in, size_t n, ds_warnings *w)
{
    char *out = NULL;
    size_t len;
    ds_error err = {0};
    if (ds_normalize(in, n, "t.txt", 1 << 20, &out, &len, w, &err) != DS_OK)
        return NULL;
    return out;
}

TEST(normalize_composes_nfc)
{
    /* "Hama" with a + combining acute, and a decomposed c-cedilla. */
    const char in[] = "Hama\xCC\x81 and c\xCC\xA7";
    char *out = norm(in, sizeof in - 1, NULL);
    CHECK_STR(out, "Ham\xC3\xA1 and \xC3\xA7");
    ds_free(out);
}

/* Text already in NFC comes out byte for byte, whatever its script, and
 * singletons and Arabic compositions are still normalized. */
TEST(normalize_keeps_nfc_text_and_composes_the_rest)
{
    const char *same[] = {
        "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 \xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s, \xC3\x96zal",
        "\xD8\xA3\xD9\x8A\xD8\xA7\xD8\xB1 \xED\x95\x9C\xEA\xB5\xAD \xCE\x86",
    };
    for (size_t i = 0; i < 2; i++) {
        char *out = norm(same[i], strlen(same[i]), NULL);
        CHECK_STR(out, same[i]);
        ds_free(out);
    }
    /* OHM SIGN is a singleton: NFC maps it to GREEK CAPITAL OMEGA. */
    char *out = norm("\xE2\x84\xA6", 3, NULL);
    CHECK_STR(out, "\xCE\xA9");
    ds_free(out);
    /* ALEF + HAMZA ABOVE composes to ALEF WITH HAMZA ABOVE. */
    out = norm("\xD8\xA7\xD9\x94", 4, NULL);
    CHECK_STR(out, "\xD8\xA3");
    ds_free(out);
}

TEST(normalize_replaces_invalid_utf8_with_warning)
{
    ds_warnings w = {0};
    const char in[] = "ab\xFF" "cd\xC3";
    char *out = norm(in, sizeof in - 1, &w);
    CHECK_STR(out, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD");
    REQUIRE(w.n == 1);
    CHECK_CONTAINS(w.items[0], "2 invalid UTF-8 sequences");
    CHECK_CONTAINS(w.items[0], "byte 2");
    CHECK_CONTAINS(w.items[0], "t.txt");
    ds_warnings_free(&w);
    ds_free(out);
}

TEST(normalize_rejects_overlong_and_surrogates)
{
    const char in[] = "\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80";
    char *out = norm(in, sizeof in - 1, NULL);
    REQUIRE(out);
    CHECK(strstr(out, "\xC0") == NULL);
    CHECK(strstr(out, "\xED\xA0") == NULL);
    CHECK(strstr(out, "\xEF\xBF\xBD|") != NULL);
    ds_free(out);
}

TEST(normalize_line_ends_bom_and_controls)
{
    const char in[] = "\xEF\xBB\xBFone\r\ntwo\rthree\x01" "four\tfive\fsix";
    char *out = norm(in, sizeof in - 1, NULL);
    CHECK_STR(out, "one\ntwo\nthree four\tfive\nsix");
    ds_free(out);
}

TEST(normalize_converts_utf16_with_bom)
{
    const char in[] = "\xFF\xFE" "A\0\x62\x01" "z\0"; /* "AŢz" little-endian */
    char *out = norm(in, sizeof in - 1, NULL);
    CHECK_STR(out, "A\xC5\xA2z");
    ds_free(out);
    CHECK(!ds_looks_binary(in, sizeof in - 1));
}

TEST(normalize_caps_output)
{
    char *out = NULL;
    size_t len;
    ds_error err = {0};
    CHECK_INT(ds_normalize("0123456789", 10, "t.txt", 5, &out, &len, NULL, &err), DS_ETOOBIG);
    CHECK(out == NULL);
    CHECK_CONTAINS(err.msg, "t.txt");
}

TEST(normalize_binary_detection)
{
    CHECK(ds_looks_binary("PK\x03\x04\0\0", 6));
    CHECK(!ds_looks_binary("plain text\nwith lines\n", 22));
    char ctl[100];
    memset(ctl, 0x02, sizeof ctl);
    CHECK(ds_looks_binary(ctl, sizeof ctl));
}

TEST(normalize_fold)
{
    const char *in = "\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s,  Syria!";
    char *f = ds_fold(in, strlen(in));
    CHECK_STR(f, "tartus syria");
    ds_free(f);
    f = ds_fold("European Union Agency for Asylum (EUAA)", 39);
    CHECK_STR(f, "european union agency for asylum euaa");
    ds_free(f);
}

TEST(lexicon_lookup_and_override)
{
    const char tsv[] = "# comment\nMarch\t3\nSept.\t9\nmarch\t33\nt\xC3\xA4st word\tx\n";
    ds_lexicon *lx;
    ds_error err = {0};
    REQUIRE(ds_lexicon_parse(&lx, tsv, sizeof tsv - 1, "lx.tsv", &err) == DS_OK);
    CHECK_STR(ds_lexicon_get(lx, "MARCH", 5), "33"); /* the later row wins */
    CHECK_STR(ds_lexicon_get(lx, "sept", 4), "9");
    CHECK_STR(ds_lexicon_get(lx, "Tast Word", 9), "x");
    CHECK(ds_lexicon_get(lx, "april", 5) == NULL);
    CHECK_INT(ds_lexicon_max_words(lx), 2);
    ds_lexicon_free(lx);
}

TEST(lexicon_bad_row_names_file_and_line)
{
    const char tsv[] = "a\t1\nnovalue\n";
    ds_lexicon *lx;
    ds_error err = {0};
    CHECK_INT(ds_lexicon_parse(&lx, tsv, sizeof tsv - 1, "lx.tsv", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "lx.tsv:2");
}

TEST(lexicon_shipped_files_load)
{
    const char *names[] = {"months.tsv", "intake_cues.tsv"};
    for (size_t i = 0; i < 2; i++) {
        ds_lexicon *lx = NULL;
        ds_error err = {0};
        CHECK_INT(ds_lexicon_load(&lx, names[i], &err), DS_OK);
        ds_lexicon_free(lx);
    }
}

/* The fast path that skips utf8proc for lines already in NFC must agree
 * with utf8proc's full NFC for every code point of the Basic Multilingual
 * Plane, after letters that take part in compositions (U+FEFF is removed
 * on purpose, and surrogates are not characters). */
TEST(normalize_fast_path_agrees_with_full_nfc)
{
    const char *before[] = {"e", "\xD8\xA7", "\xE1\x84\x80", "\xEA\xB0\x80", "\xCE\xB1"};
    size_t mismatches = 0;
    for (int32_t cp = 0x300; cp < 0x10000 && mismatches < 5; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF) /* dropped on purpose */
            continue;
        for (size_t b = 0; b < sizeof before / sizeof *before; b++) {
            char in[16];
            size_t n = strlen(before[b]);
            memcpy(in, before[b], n);
            n += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + n);
            in[n] = '\0';
            char *ours = norm(in, n, NULL);
            utf8proc_uint8_t *ref = utf8proc_NFC((const utf8proc_uint8_t *)in);
            if (!ours || !ref || strcmp(ours, (const char *)ref) != 0) {
                ds_test_fail(__FILE__, __LINE__, "U+%04X after \"%s\" differs from NFC", (unsigned)cp,
                             before[b]);
                mismatches++;
            }
            ds_free(ours);
            free(ref);
        }
    }
}
