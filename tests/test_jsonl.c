/* Tests of the stream line reader (src/extract/jsonl_read.c) against
 * jansson, a JSON library that reads the same lines: each line must be
 * accepted or refused as jansson and the contract would, and an accepted
 * text must be the same bytes. */
#include <jansson.h>
#include <stdlib.h>

#include "extract/jsonl.h"
#include "test.h"

/* What jansson and the contract of DESIGN.md §5 make of a line: true when
 * it is accepted, with its text in *text. */
static bool reference(const char *line, size_t len, json_t **root, const char **text)
{
    *root = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *o = *root;
    if (!o || !json_is_object(o))
        return false;
    json_t *id = json_object_get(o, "id"), *t = json_object_get(o, "text");
    if (!id || !(json_is_string(id) || json_is_integer(id)) || !t || !json_is_string(t))
        return false;
    const char *optional[] = {"title", "source", "published"};
    for (size_t i = 0; i < 3; i++) {
        json_t *v = json_object_get(o, optional[i]);
        if (v && !json_is_null(v) && !json_is_string(v))
            return false;
    }
    json_t *pub = json_object_get(o, "published");
    ds_date date;
    if (pub && json_is_string(pub) &&
        ds_date_parse_iso(json_string_value(pub), DS_PREC_NONE, &date) != DS_OK)
        return false;
    *text = json_string_value(t);
    return true;
}

TEST(jsonl_reader_agrees_with_jansson)
{
    static const char *const lines[] = {
        "{\"id\":\"a\",\"text\":\"plain\"}",
        " \t{ \"text\" : \"spaces\" , \"id\" : 12 }\r\n",
        "{\"id\":-3,\"text\":\"\",\"title\":null,\"source\":\"S\",\"published\":\"2025-03\"}",
        "{\"id\":\"e\",\"text\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t u\\u00e9 \\u0627 \\ud834\\udd1e\"}",
        "{\"id\":\"u\",\"text\":\"Ţarţūs القدموس 𝄞\"}",
        "{\"id\":\"x\",\"text\":\"t\",\"extra\":{\"a\":[1,-0.5,2e10,true,false,null,{}],\"b\":[]}}",
        "{\"id\":\"x\",\"text\":\"t\",\"n\":[0,-0,1.25E+3,1e-3]}",
        /* refused: not JSON */
        "", "   ", "{", "{\"id\":\"a\",\"text\":\"t\"", "{\"id\":\"a\",\"text\":\"t\"}x",
        "{\"id\":\"a\",\"text\":\"t\",}", "{\"id\":\"a\" \"text\":\"t\"}", "{'id':'a'}",
        "{\"id\":\"a\",\"text\":\"tab\there\"}", "{\"id\":\"a\",\"text\":\"bad \\x escape\"}",
        "{\"id\":\"a\",\"text\":\"\\u12\"}", "{\"id\":\"a\",\"text\":\"\\ud800 alone\"}",
        "{\"id\":\"a\",\"text\":\"\\udc00 low\"}", "{\"id\":\"a\",\"text\":\"nul \\u0000\"}",
        "{\"id\":\"a\",\"text\":\"\xC3\x28 bad utf-8\"}", "{\"id\":\"a\",\"text\":\"\xED\xA0\x80\"}",
        "{\"id\":\"a\",\"text\":\"t\",\"n\":01}", "{\"id\":\"a\",\"text\":\"t\",\"n\":1.}",
        "{\"id\":\"a\",\"text\":\"t\",\"n\":.5}", "{\"id\":\"a\",\"text\":\"t\",\"n\":1e}",
        "{\"id\":\"a\",\"text\":\"t\",\"n\":+1}", "{\"id\":\"a\",\"text\":\"t\",\"n\":tru}",
        "{\"id\":\"a\",\"text\":\"t\",\"n\":[1,]}", "{\"id\":\"a\",\"text\":\"t\",\"n\":1e999}",
        "{\"id\":99999999999999999999,\"text\":\"t\"}",
        "{\"id\":\"a\",\"text\":\"t\",\"text\":\"u\"}",
        /* refused by the contract */
        "[1,2]", "\"a string\"", "{}", "{\"text\":\"t\"}", "{\"id\":\"a\"}",
        "{\"id\":1.5,\"text\":\"t\"}", "{\"id\":null,\"text\":\"t\"}", "{\"id\":\"a\",\"text\":3}",
        "{\"id\":\"a\",\"text\":\"t\",\"title\":[]}", "{\"id\":\"a\",\"text\":\"t\",\"published\":7}",
        "{\"id\":\"a\",\"text\":\"t\",\"published\":\"March\"}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        size_t len = strlen(lines[i]);
        json_t *root;
        const char *want = NULL;
        bool ok = reference(lines[i], len, &root, &want);
        ds_document d;
        char *id = NULL;
        ds_error err = {0};
        ds_status st = ds_jsonl_read(lines[i], len, &d, &id, &err);
        if ((st == DS_OK) != ok)
            ds_test_fail(__FILE__, __LINE__, "line %zu (%s): dossier %s it, jansson %s", i,
                         lines[i], st == DS_OK ? "accepts" : "refuses",
                         ok ? "accepts" : "refuses");
        if (st == DS_OK && ok) {
            CHECK_INT(d.text_len, strlen(want));
            CHECK(memcmp(d.text, want, d.text_len) == 0);
            CHECK(id != NULL);
            ds_document_free(&d);
        } else if (st != DS_OK) {
            CHECK(err.msg[0] != '\0');
        }
        ds_free(id);
        json_decref(root);
    }
}

TEST(jsonl_reader_refuses_deep_nesting_without_recursion)
{
    /* Far deeper than any document: refused with a message, not a crash. */
    size_t depth = 100000;
    char *line = malloc(depth * 2 + 64);
    REQUIRE(line);
    size_t n = (size_t)sprintf(line, "{\"id\":\"a\",\"text\":\"t\",\"x\":");
    memset(line + n, '[', depth);
    memset(line + n + depth, ']', depth);
    strcpy(line + n + 2 * depth, "}");
    ds_document d;
    char *id = NULL;
    ds_error err = {0};
    CHECK(ds_jsonl_read(line, strlen(line), &d, &id, &err) != DS_OK);
    CHECK_CONTAINS(err.msg, "nesting too deep");
    ds_free(id);
    free(line);
}

TEST(jsonl_reader_names_the_id_in_errors)
{
    ds_document d;
    char *id = NULL;
    ds_error err = {0};
    const char *line = "{\"id\":\"r\\u00e9f-1\",\"text\":42}";
    CHECK(ds_jsonl_read(line, strlen(line), &d, &id, &err) != DS_OK);
    CHECK_STR(id, "\"réf-1\"");
    CHECK_CONTAINS(err.msg, "\"text\"");
    char *out = ds_jsonl_error(id, err.msg);
    json_t *o = json_loads(out, 0, NULL);
    CHECK(o && json_is_string(json_object_get(o, "id")));
    CHECK_STR(json_string_value(json_object_get(o, "id")), "réf-1");
    json_decref(o);
    ds_free(out);
    ds_free(id);
    /* Not JSON: no id to name. */
    CHECK(ds_jsonl_read("{\"id\":\"a\",", 10, &d, &id, &err) != DS_OK);
    CHECK(id == NULL);
    CHECK_CONTAINS(err.msg, "not JSON");
    CHECK_CONTAINS(err.msg, "column");
}
