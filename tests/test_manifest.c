/* Tests of the CSV manifest reader. */
#include <stdio.h>

#include "add/manifest.h"
#include "test.h"

static ds_manifest *parse(const char *csv, ds_error *err)
{
    ds_manifest *m = NULL;
    ds_manifest_parse(csv, strlen(csv), "dir/manifest.csv", &m, err);
    return m;
}

TEST(manifest_reads_quoted_fields)
{
    ds_error err = {0};
    ds_manifest *m = parse("file,title,author,publisher,publisher_kind,published,"
                           "published_precision,language,notes\r\n"
                           "a.txt,\"Title, with comma\",Ann Author,EUAA,COI unit,2025,year,en,"
                           "\"A note with \"\"quotes\"\"\nand a second line\"\r\n"
                           "b.txt,B,,,,2025-03,month,en,\n",
                           &err);
    REQUIRE(m);
    CHECK_INT(m->n, 2);
    const ds_manifest_row *a = ds_manifest_find(m, "/some/where/a.txt");
    REQUIRE(a);
    CHECK_STR(a->title, "Title, with comma");
    CHECK_STR(a->source, "EUAA");
    CHECK_STR(a->notes, "A note with \"quotes\"\nand a second line");
    CHECK_STR(a->published.start, "2025-01-01");
    CHECK_STR(a->published.end, "2025-12-31");
    const ds_manifest_row *b = ds_manifest_find(m, "b.txt");
    REQUIRE(b);
    CHECK_INT(b->line, 4); /* the quoted newline makes row a span lines 2-3 */
    CHECK(b->author == NULL);
    CHECK_STR(b->published.end, "2025-03-31");
    CHECK_STR(m->dir, "dir");
    ds_manifest_free(m);
}

TEST(manifest_bad_rows_name_file_and_line)
{
    ds_error err = {0};
    ds_manifest *m = parse("file,published,published_precision\n"
                           "good.txt,2025-03-19,day\n"
                           "baddate.txt,2025-13-01,day\n"
                           "badprec.txt,2025,day\n"
                           "fields.txt,2025\n"
                           ",2025,year\n"
                           "good.txt,2024,year\n",
                           &err);
    REQUIRE(m);
    CHECK_INT(m->n, 6);
    CHECK(m->rows[0].error == NULL);
    CHECK_CONTAINS(m->rows[1].error, "dir/manifest.csv:3:");
    CHECK_CONTAINS(m->rows[1].error, "2025-13-01");
    CHECK_CONTAINS(m->rows[2].error, "manifest.csv:4:");
    CHECK_CONTAINS(m->rows[3].error, "manifest.csv:5:");
    CHECK_CONTAINS(m->rows[3].error, "2 fields");
    CHECK_CONTAINS(m->rows[4].error, "manifest.csv:6:");
    CHECK_CONTAINS(m->rows[5].error, "already describes");
    CHECK(ds_manifest_find(m, "baddate.txt") == NULL);
    CHECK(ds_manifest_find(m, "good.txt") == &m->rows[0]);
    ds_manifest_free(m);
}

TEST(manifest_unclosed_quote_is_a_row_error)
{
    ds_error err = {0};
    ds_manifest *m = parse("file,title\nok.txt,fine\nbad.txt,\"never closed\n", &err);
    REQUIRE(m);
    CHECK_INT(m->n, 2);
    CHECK(m->rows[0].error == NULL);
    CHECK_CONTAINS(m->rows[1].error, "not closed");
    ds_manifest_free(m);
}

TEST(manifest_without_file_column_fails)
{
    ds_error err = {0};
    CHECK(parse("title,author\nA,B\n", &err) == NULL);
    CHECK_CONTAINS(err.msg, "manifest.csv:1");
    CHECK(parse("", &err) == NULL);
    CHECK_CONTAINS(err.msg, "empty manifest");
}

TEST(manifest_unknown_column_warns)
{
    ds_error err = {0};
    ds_manifest *m = parse("\xEF\xBB\xBF" "file,colour\nx.txt,red\n", &err);
    REQUIRE(m);
    REQUIRE(m->warnings.n == 1);
    CHECK_CONTAINS(m->warnings.items[0], "colour");
    CHECK(ds_manifest_find(m, "x.txt") != NULL);
    ds_manifest_free(m);
}

TEST(manifest_seed_file_parses)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds not present");
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.csv", seeds);
    ds_manifest *m = NULL;
    ds_error err = {0};
    REQUIRE(ds_manifest_load(path, &m, &err) == DS_OK);
    CHECK_INT(m->n, 5);
    for (size_t i = 0; i < m->n; i++) {
        CHECK(m->rows[i].error == NULL);
        CHECK(m->rows[i].published.precision != DS_PREC_NONE);
    }
    ds_manifest_free(m);
}
