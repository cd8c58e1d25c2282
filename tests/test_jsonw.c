/* Tests of the JSON writer (src/core/jsonw.c): what it writes must be JSON
 * that jansson reads back to the values written, whatever the strings hold. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "jsonw.h"
#include "test.h"

/* Writes one string with the writer and returns what jansson reads back
 * (NULL when the output is not JSON); the output itself goes to *raw. */
static json_t *round_trip(const char *s, size_t n, ds_buf *raw)
{
    ds_buf_init(raw, 1 << 20);
    ds_jw w;
    ds_jw_init(&w, raw);
    ds_jw_strn(&w, s, n);
    if (w.st != DS_OK)
        return NULL;
    return json_loadb(raw->p, raw->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}

TEST(jsonw_escapes_what_json_requires)
{
    /* Long enough that the eight-byte scan meets each kind of byte in the
     * middle of a word as well as in the tail. */
    const char s[] = "plain text, then a \"quote\" and a back\\slash; a tab\there,\n"
                     "a bell \a, a NUL \0 byte, Ţarţūs and القدموس, and 𝄞 too.";
    ds_buf raw;
    json_t *v = round_trip(s, sizeof s - 1, &raw);
    REQUIRE(v);
    CHECK_INT(json_string_length(v), sizeof s - 1);
    CHECK(memcmp(json_string_value(v), s, sizeof s - 1) == 0);
    CHECK_CONTAINS(raw.p, "\\u0007");
    CHECK_CONTAINS(raw.p, "\\u0000");
    CHECK_CONTAINS(raw.p, "\\t");
    CHECK_CONTAINS(raw.p, "Ţarţūs"); /* non-ASCII goes out as it is */
    json_decref(v);
    ds_buf_free(&raw);
}

TEST(jsonw_replaces_bytes_that_are_not_utf8)
{
    /* A lone continuation byte, an overlong slash, a UTF-16 surrogate, a
     * sequence cut short by the end, and one above U+10FFFF. */
    const char *bad[] = {"ab\x80" "cd", "x\xC0\xAFy", "\xED\xA0\x80", "end\xE2\x82",
                         "\xF4\x90\x80\x80!"};
    const char *want[] = {"ab\xEF\xBF\xBD" "cd", "x\xEF\xBF\xBD\xEF\xBF\xBDy",
                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
                          "end\xEF\xBF\xBD\xEF\xBF\xBD",
                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD!"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ds_buf raw;
        json_t *v = round_trip(bad[i], strlen(bad[i]), &raw);
        CHECK(v != NULL);
        if (v)
            CHECK_STR(json_string_value(v), want[i]);
        json_decref(v);
        ds_buf_free(&raw);
    }
}

TEST(jsonw_writes_nested_values_with_commas)
{
    ds_buf b;
    ds_buf_init(&b, 4096);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_object(&w);
    ds_jw_kstr(&w, "name", "Al Qadmus");
    ds_jw_kstr(&w, "local", "Ţarţūs, القدموس 𝄞"); /* UTF-8 copied in the one-pass path */
    ds_jw_kspan(&w, "span", 3, 12);
    ds_jw_key(&w, "empty");
    ds_jw_array(&w);
    ds_jw_end_array(&w);
    ds_jw_key(&w, "list");
    ds_jw_array(&w);
    ds_jw_int(&w, -7);
    ds_jw_null(&w);
    ds_jw_bool(&w, true);
    ds_jw_object(&w);
    ds_jw_end_object(&w);
    ds_jw_end_array(&w);
    ds_jw_kstr(&w, "missing", NULL);
    ds_jw_end_object(&w);
    REQUIRE(w.st == DS_OK);
    CHECK_STR(b.p, "{\"name\":\"Al Qadmus\",\"local\":\"Ţarţūs, القدموس 𝄞\","
                   "\"span\":[3,12],\"empty\":[],"
                   "\"list\":[-7,null,true,{}],\"missing\":null}");
    ds_buf_free(&b);
}

TEST(jsonw_numbers_read_back_exactly)
{
    const double values[] = {0, 973, -1500, 1.2e6, 0.1, 2.5, 1.0 / 3, -31.87817, 9.5e15, 1e-7};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        ds_buf b;
        ds_buf_init(&b, 256);
        ds_jw w;
        ds_jw_init(&w, &b);
        ds_jw_number(&w, values[i]);
        json_t *v = json_loads(b.p, JSON_DECODE_ANY, NULL);
        CHECK(v && json_number_value(v) == values[i]);
        json_decref(v);
        ds_buf_free(&b);
    }
    ds_buf b;
    ds_buf_init(&b, 256);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_array(&w);
    ds_jw_number(&w, 600);
    ds_jw_number(&w, 0.1);
    ds_jw_number(&w, NAN);
    ds_jw_fixed(&w, 35.098554, 5);
    ds_jw_fixed(&w, 36.0, 5);
    ds_jw_fixed(&w, -0.5, 2);
    ds_jw_fixed(&w, 0.999, 2);
    ds_jw_fixed(&w, NAN, 5);
    ds_jw_end_array(&w);
    CHECK_STR(b.p, "[600,0.1,null,35.09855,36.0,-0.5,1.0,null]");
    ds_buf_free(&b);
}

TEST(jsonw_errors_latch_at_the_cap_and_depth)
{
    ds_buf b;
    ds_buf_init(&b, 16);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_object(&w);
    ds_jw_kstr(&w, "text", "longer than the sixteen bytes allowed");
    CHECK_INT(w.st, DS_ETOOBIG);
    ds_jw_end_object(&w); /* does nothing once failed */
    CHECK(b.len <= 16);
    ds_buf_free(&b);

    ds_buf_init(&b, 4096);
    ds_jw_init(&w, &b);
    for (int i = 0; i < DS_JW_DEPTH + 2; i++)
        ds_jw_array(&w);
    CHECK_INT(w.st, DS_EINVAL);
    ds_buf_free(&b);

    ds_buf_init(&b, 4096);
    ds_jw_init(&w, &b);
    ds_jw_end_object(&w); /* closing what was never opened */
    CHECK_INT(w.st, DS_EINVAL);
    ds_buf_free(&b);
}

/* Every length up to a few words, with a byte that needs an escape (or a
 * multibyte letter) at every position: the eight-byte steps and the padded
 * tail must find it wherever it falls. */
TEST(jsonw_escapes_at_every_position_of_short_strings)
{
    const char *specials[] = {"\"", "\\", "\n", "\x01", "é", "\x80"};
    for (size_t len = 0; len <= 20; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
                char s[64];
                memset(s, 'a', len);
                size_t sl = strlen(specials[k]), n = len;
                if (at < len) {
                    memcpy(s + at, specials[k], sl);
                    memset(s + at + sl, 'b', len - at);
                    n = len + sl;
                }
                ds_buf raw;
                json_t *v = round_trip(s, n, &raw);
                CHECK(v != NULL);
                if (v && k != 5) /* the stray byte becomes U+FFFD */
                    CHECK(json_string_length(v) == n && memcmp(json_string_value(v), s, n) == 0);
                json_decref(v);
                ds_buf_free(&raw);
            }
}
