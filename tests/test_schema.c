/* The JSON export validates against docs/export.schema.json.
 *
 * Debian ships no JSON Schema validator for C, and the schema uses few
 * keywords, so this file validates them itself: type, enum, required,
 * properties, additionalProperties, items and local $ref ("#/$defs/x").
 * A keyword the schema uses that this validator does not know fails the
 * test, so the schema cannot outgrow it silently. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

enum { ERRORS_SHOWN = 5 };

typedef struct {
    json_t *root;
    size_t errors;
} validator;

static void error(validator *v, const char *path, const char *what)
{
    if (v->errors++ < ERRORS_SHOWN)
        ds_test_fail(__FILE__, __LINE__, "schema: %s: %s", path[0] ? path : "(root)", what);
}

static bool is_type(json_t *x, const char *type)
{
    if (!strcmp(type, "object"))
        return json_is_object(x);
    if (!strcmp(type, "array"))
        return json_is_array(x);
    if (!strcmp(type, "string"))
        return json_is_string(x);
    if (!strcmp(type, "boolean"))
        return json_is_boolean(x);
    if (!strcmp(type, "null"))
        return json_is_null(x);
    if (!strcmp(type, "number"))
        return json_is_number(x);
    if (!strcmp(type, "integer"))
        return json_is_integer(x) || (json_is_real(x) && json_real_value(x) == floor(json_real_value(x)));
    return false;
}

static bool type_ok(json_t *x, json_t *type)
{
    if (json_is_string(type))
        return is_type(x, json_string_value(type));
    size_t i;
    json_t *t;
    json_array_foreach(type, i, t)
        if (is_type(x, json_string_value(t)))
            return true;
    return false;
}

static void validate(validator *v, json_t *x, json_t *schema, const char *path);

static void child(validator *v, json_t *x, json_t *schema, const char *path, const char *key)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", path, key);
    validate(v, x, schema, p);
}

static void validate_object(validator *v, json_t *x, json_t *schema, const char *path)
{
    json_t *props = json_object_get(schema, "properties"), *extra;
    extra = json_object_get(schema, "additionalProperties");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(schema, "required"), i, r)
        if (!json_object_get(x, json_string_value(r))) {
            char what[128];
            snprintf(what, sizeof what, "\"%s\" is required", json_string_value(r));
            error(v, path, what);
        }
    const char *key;
    json_t *val;
    json_object_foreach(x, key, val)
    {
        json_t *s = json_object_get(props, key);
        if (s)
            child(v, val, s, path, key);
        else if (json_is_false(extra))
            error(v, path, "a member the schema does not allow");
        else if (json_is_object(extra))
            child(v, val, extra, path, key);
    }
}

static void validate(validator *v, json_t *x, json_t *schema, const char *path)
{
    static const char *const known[] = {"$schema", "$id", "title", "description", "$defs",
                                        "type", "enum", "required", "properties",
                                        "additionalProperties", "items", "$ref"};
    const char *key;
    json_t *val;
    json_object_foreach(schema, key, val)
    {
        size_t k = 0;
        while (k < sizeof known / sizeof *known && strcmp(known[k], key))
            k++;
        if (k == sizeof known / sizeof *known)
            error(v, path, "the schema uses a keyword this validator does not know");
    }
    const char *ref = json_string_value(json_object_get(schema, "$ref"));
    if (ref) {
        json_t *target = !strncmp(ref, "#/$defs/", 8)
                             ? json_object_get(json_object_get(v->root, "$defs"), ref + 8)
                             : NULL;
        if (!target)
            error(v, path, "a $ref the schema does not define");
        else
            validate(v, x, target, path);
        return;
    }
    json_t *type = json_object_get(schema, "type"), *en = json_object_get(schema, "enum");
    if (type && !type_ok(x, type)) {
        error(v, path, "wrong type");
        return;
    }
    if (en) {
        bool found = false;
        size_t i;
        json_t *e;
        json_array_foreach(en, i, e)
            found |= json_equal(e, x);
        if (!found)
            error(v, path, "a value the enum does not list");
    }
    if (json_is_object(x))
        validate_object(v, x, schema, path);
    json_t *items = json_object_get(schema, "items");
    if (json_is_array(x) && items) {
        size_t i;
        json_t *e;
        json_array_foreach(x, i, e)
        {
            char idx[32];
            snprintf(idx, sizeof idx, "%zu", i);
            child(v, e, items, path, idx);
        }
    }
}

static json_t *load_schema(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/export.schema.json", t_repo_root());
    json_error_t je;
    json_t *s = json_load_file(path, 0, &je);
    if (!s)
        ds_test_fail(__FILE__, __LINE__, "%s:%d: %s", path, je.line, je.text);
    return s;
}

static size_t errors_of(json_t *instance, json_t *schema, bool quiet)
{
    validator v = {.root = schema, .errors = quiet ? ERRORS_SHOWN : 0};
    validate(&v, instance, schema, "");
    return quiet ? v.errors - ERRORS_SHOWN : v.errors;
}

static json_t *exported(const char *manifest)
{
    char script[8192];
    snprintf(script, sizeof script, "\"$DOSSIER_BIN\" add -q --manifest '%s'", manifest);
    t_result r = t_sh(script);
    t_result_free(&r);
    r = RUN("export");
    json_t *root = r.status == 0 ? json_loads(r.out, 0, NULL) : NULL;
    if (!root)
        ds_test_fail(__FILE__, __LINE__, "export gave no JSON: %s", r.err);
    t_result_free(&r);
    return root;
}

TEST(schema_examples_export_validates)
{
    json_t *schema = load_schema();
    REQUIRE(schema);
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    json_t *root = exported(manifest);
    REQUIRE(root);
    CHECK(json_array_size(json_object_get(root, "incidents")) > 0);
    CHECK_INT(errors_of(root, schema, false), 0);
    /* The validator sees breaches: a missing member, a bad status. */
    json_object_del(root, "citations");
    json_object_set_new(json_array_get(json_object_get(root, "incidents"), 0), "status",
                        json_string("maybe"));
    CHECK_INT(errors_of(root, schema, true), 2);
    json_decref(root);
    json_decref(schema);
}

TEST(schema_seeds_export_validates)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds is absent; the seed export is not validated");
    json_t *schema = load_schema();
    REQUIRE(schema);
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", seeds);
    json_t *root = exported(manifest);
    REQUIRE(root);
    CHECK(json_array_size(json_object_get(root, "citations")) > 0);
    CHECK_INT(errors_of(root, schema, false), 0);
    json_decref(root);
    json_decref(schema);
}
