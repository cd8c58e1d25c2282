/* Tests of the source registry. */
#include "sources/sources.h"
#include "test.h"

static const char registry[] =
    "# a test registry\n"
    "name\taliases\tkind\tcountry\n"
    "European Union Agency for Asylum\tEUAA|EASO|European Asylum Support Office\tCOI unit\tEU\n"
    "Syrian Observatory for Human Rights\tSOHR|Syrian Observatory\tmonitor group\tGB\n"
    "Agence France-Presse\tAFP\tnews agency\tFR\n";

TEST(sources_find_by_alias_and_parentheses)
{
    ds_registry *r;
    ds_error err = {0};
    REQUIRE(ds_registry_parse(&r, registry, sizeof registry - 1, "s.tsv", &err) == DS_OK);
    CHECK_INT(ds_registry_count(r), 3);
    const ds_source *s = ds_registry_find(r, "euaa");
    REQUIRE(s);
    CHECK_STR(s->name, "European Union Agency for Asylum");
    CHECK_STR(s->kind, "COI unit");
    CHECK(ds_registry_find(r, "European Union Agency for Asylum (EUAA)") == s);
    CHECK(ds_registry_find(r, "UK-based Observatory (SOHR)") != NULL);
    CHECK(ds_registry_find(r, "Agence France Presse") != NULL); /* hyphen folds */
    CHECK(ds_registry_find(r, "Unknown Herald") == NULL);
    ds_registry_free(r);
}

TEST(sources_errors_name_line)
{
    ds_registry *r;
    ds_error err = {0};
    const char dup[] = "A\tX\tNGO\tFR\nB\tx\tNGO\tFR\n";
    CHECK_INT(ds_registry_parse(&r, dup, sizeof dup - 1, "s.tsv", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "s.tsv:2");
    const char kind[] = "A\t\tbroadsheet\tFR\n";
    CHECK_INT(ds_registry_parse(&r, kind, sizeof kind - 1, "s.tsv", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "unknown kind");
    const char fields[] = "A\tNGO\n";
    CHECK_INT(ds_registry_parse(&r, fields, sizeof fields - 1, "s.tsv", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "4 tab-separated fields");
}

TEST(sources_shipped_registry_loads)
{
    ds_registry *r = NULL;
    ds_error err = {0};
    ds_status rc = ds_registry_load(&r, NULL, &err);
    if (rc)
        ds_test_fail(__FILE__, __LINE__, "%s", err.msg);
    REQUIRE(rc == DS_OK);
    CHECK(ds_registry_count(r) >= 100);
    const char *known[] = {"EUAA", "Atlantic Council", "SOHR", "Reuters", "Human Rights Watch",
                           "UNHCR", "Kayhan"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!ds_registry_find(r, known[i]))
            ds_test_fail(__FILE__, __LINE__, "registry does not know %s", known[i]);
    ds_registry_free(r);
}
