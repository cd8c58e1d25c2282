/* Citations: notes read into cited works and resolved to documents. */
#include <stdio.h>
#include <string.h>

#include "link/citation.h"
#include "test.h"

typedef struct {
    ds_times *t;
    ds_link_policy *p;
    ds_citer *c;
} fixture;

static bool open_fixture(fixture *f)
{
    ds_error err = {0};
    *f = (fixture){0};
    if (ds_times_new(&f->t, &err) || ds_link_policy_load(&f->p, NULL, &err) ||
        ds_citer_new(&f->c, f->t, f->p, &err)) {
        ds_test_fail(__FILE__, __LINE__, "setup: %s", err.msg);
        return false;
    }
    return true;
}

static void close_fixture(fixture *f)
{
    ds_citer_free(f->c);
    ds_link_policy_free(f->p);
    ds_times_free(f->t);
}

static void add_doc(fixture *f, int64_t id, const char *title, const char *author,
                    const char *source, const char *published, const char *url)
{
    ds_document d = {.id = id, .title = (char *)title, .author = (char *)author,
                     .source = (char *)source, .url = (char *)url};
    if (published)
        ds_date_parse_iso(published, DS_PREC_NONE, &d.published);
    ds_error err = {0};
    CHECK(ds_citer_add_document(f->c, &d, &err) == DS_OK);
}

static void note(fixture *f, int64_t doc, size_t sentence, const char *text, bool footnote)
{
    ds_error err = {0};
    CHECK(ds_citer_add_note(f->c, doc, sentence, text, strlen(text), footnote, &err) == DS_OK);
}

TEST(citation_coi_style_fields)
{
    fixture f;
    REQUIRE(open_fixture(&f));
    note(&f, 1, 10, "[41](#)\n\nDoe, J. K., A Survey of River Towns, Example Institute, "
                    "3 May 2024, [url](https://example.org/survey/)", true);
    note(&f, 1, 11, "^{[42](#)}\n\nWire Service, Floods, then quiet; Example Monitor, "
                    "Weekly figures, June 2024, [url](#)", true);
    note(&f, 1, 12, "43. Ibid.", true);
    REQUIRE(ds_citer_count(f.c) == 5); /* Ibid. repeats both works of 42 */
    const ds_citation *a = ds_citer_at(f.c, 0);
    CHECK_STR(a->note, "41");
    CHECK_STR(a->author, "Doe, J. K.");
    CHECK_STR(a->title, "A Survey of River Towns");
    CHECK_STR(a->publisher, "Example Institute");
    CHECK_STR(a->url, "https://example.org/survey/");
    CHECK_STR(a->date.start, "2024-05-03");
    CHECK_INT(a->sentence, 10);
    const ds_citation *b = ds_citer_at(f.c, 2);
    CHECK_STR(b->note, "42");
    CHECK_STR(b->author, "Example Monitor");
    CHECK_STR(b->title, "Weekly figures");
    CHECK_INT(b->date.precision, DS_PREC_MONTH);
    const ds_citation *ibid = ds_citer_at(f.c, 4);
    CHECK_STR(ibid->note, "43");
    CHECK_STR(ibid->author, "Example Monitor");
    close_fixture(&f);
}

TEST(citation_markers_lists_and_urls)
{
    fixture f;
    REQUIRE(open_fixture(&f));
    note(&f, 2, 1, "[7] Roe, P., Notes on a Valley, Example Press, 2021", true);
    note(&f, 2, 2, "\u00b9\u00b2 Roe, P., Second Notes, Example Press, 2022", true);
    note(&f, 2, 3, "See the discussion above.", true); /* not a citation */
    note(&f, 2, 4, "The figures are online (https://data.example.net/t1).", false);
    REQUIRE(ds_citer_count(f.c) == 3);
    CHECK_STR(ds_citer_at(f.c, 0)->note, "7");
    CHECK_STR(ds_citer_at(f.c, 0)->title, "Notes on a Valley");
    CHECK_STR(ds_citer_at(f.c, 1)->note, "12");
    CHECK_STR(ds_citer_at(f.c, 2)->url, "https://data.example.net/t1");
    CHECK(ds_citer_at(f.c, 2)->note == NULL);
    close_fixture(&f);
}

TEST(citation_resolves_by_title_author_publisher_and_url)
{
    fixture f;
    REQUIRE(open_fixture(&f));
    add_doc(&f, 1, "A Survey of River Towns", "Jane Doe", "Example Institute", "2024-05-03", NULL);
    add_doc(&f, 2, "A Survey of Mountain Towns", "Jane Doe", "Example Institute", "2023-01-10",
            NULL);
    add_doc(&f, 3, "Untitled", NULL, "Wire Service", NULL, "http://www.wire.example/a/1");
    add_doc(&f, 4, "The citing report", NULL, "Example Agency", "2024-09-01", NULL);
    note(&f, 4, 1, "1. Doe, J., A survey of river towns, Example Institute, 3 May 2024", true);
    note(&f, 4, 2, "2. Someone, Totally Different Study, Other House, 2020", true);
    note(&f, 4, 3, "3. Wire, https://wire.example/a/1/", true);
    note(&f, 1, 9, "4. Doe, J., A Survey of River Towns, Example Institute, 2024", true);
    ds_error err = {0};
    REQUIRE(ds_citer_resolve(f.c, &err) == DS_OK);
    REQUIRE(ds_citer_count(f.c) == 4);
    CHECK_INT(ds_citer_at(f.c, 0)->to, 1);
    CHECK(ds_citer_at(f.c, 0)->score > 0.9);
    CHECK_INT(ds_citer_at(f.c, 1)->to, 0);
    CHECK_INT(ds_citer_at(f.c, 2)->to, 3);
    CHECK_INT(ds_citer_at(f.c, 3)->to, 0); /* never itself */
    close_fixture(&f);
}

TEST(citation_thresholds_are_policy)
{
    fixture f;
    REQUIRE(open_fixture(&f));
    ds_citer_free(f.c);
    ds_link_policy_free(f.p);
    /* A stricter policy: the title alone must carry the score. */
    const char text[] = "cite_author\t0\ncite_publisher\t0\ncite_date\t0\ncite_min\t0.7\n";
    ds_error err = {0};
    REQUIRE(ds_link_policy_parse(&f.p, text, sizeof text - 1, "strict.tsv", &err) == DS_OK);
    REQUIRE(ds_citer_new(&f.c, f.t, f.p, &err) == DS_OK);
    add_doc(&f, 1, "A Survey of River Towns", "Jane Doe", "Example Institute", "2024-05-03", NULL);
    add_doc(&f, 2, "The citing report", NULL, "Example Agency", "2024-09-01", NULL);
    note(&f, 2, 1, "1. Doe, J., A survey of river towns, Example Institute, 3 May 2024", true);
    REQUIRE(ds_citer_resolve(f.c, &err) == DS_OK);
    REQUIRE(ds_citer_count(f.c) == 1);
    CHECK_INT(ds_citer_at(f.c, 0)->to, 0); /* 0.6 < 0.7 */
    close_fixture(&f);
}
