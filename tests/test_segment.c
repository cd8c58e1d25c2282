/* Tests of the sentence segmenter (src/segment) on small texts written for
 * these tests, on hostile bytes, on the lexicon loader, and on the seed
 * documents when ../shared/seeds is present. */
#include <stdio.h>
#include <stdlib.h>

#include "segment/segment.h"
#include "test.h"

/* The segmenter built from data/abbreviations.tsv, loaded once; the runner
 * points DOSSIER_DATA at the repository's data folder. */
static const ds_segmenter *lexicon(void)
{
    static ds_segmenter *seg;
    static bool tried;
    if (!tried) {
        tried = true;
        ds_error err = {0};
        if (ds_segmenter_new(&seg, NULL, &err) != DS_OK)
            fprintf(stdout, "segment tests: cannot load the lexicon: %s\n", err.msg);
    }
    return seg;
}

typedef struct expect {
    ds_sentence_kind kind;
    const char *text;
} expect;

#define BODY(s) {DS_SENT_BODY, s}
#define HEAD(s) {DS_SENT_HEADING, s}
#define BULL(s) {DS_SENT_BULLET, s}
#define CAPT(s) {DS_SENT_CAPTION, s}
#define NOTE(s) {DS_SENT_FOOTNOTE, s}

/* Checks the promises of segment.h on any result. */
static bool spans_valid(const char *text, size_t len, const ds_sentence *v, size_t n)
{
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = text + v[i].start, *e = text + v[i].end;
        if (v[i].start < prev || v[i].start >= v[i].end || v[i].end > len ||
            (unsigned)v[i].kind >= DS_SENT_KIND_COUNT)
            return false;
        if ((*s && strchr(" \t\n\r\v\f", *s)) || (e[-1] && strchr(" \t\n\r\v\f", e[-1])))
            return false;
        prev = v[i].end;
    }
    return true;
}

static void check_segments(const char *file, int line, const char *text, const expect *want,
                           size_t n_want)
{
    const ds_segmenter *seg = lexicon();
    if (!seg) {
        ds_test_fail(file, line, "no lexicon");
        return;
    }
    ds_sentence *v = NULL;
    size_t n = 0, len = strlen(text);
    ds_error err = {0};
    if (ds_segment(seg, text, len, &v, &n, &err) != DS_OK) {
        ds_test_fail(file, line, "ds_segment failed: %s", err.msg);
        return;
    }
    if (!spans_valid(text, len, v, n))
        ds_test_fail(file, line, "invalid spans");
    for (size_t i = 0; i < n || i < n_want; i++) {
        const char *got = i < n ? text + v[i].start : "(none)";
        int got_len = i < n ? (int)(v[i].end - v[i].start) : 6;
        const char *got_kind = i < n ? ds_sentence_kind_name(v[i].kind) : "-";
        bool same = i < n && i < n_want && v[i].kind == want[i].kind &&
                    strlen(want[i].text) == (size_t)got_len &&
                    memcmp(got, want[i].text, (size_t)got_len) == 0;
        if (!same) {
            ds_test_fail(file, line, "unit %zu: got %s \"%.*s\", want %s \"%s\"", i, got_kind,
                         got_len, got, i < n_want ? ds_sentence_kind_name(want[i].kind) : "-",
                         i < n_want ? want[i].text : "(none)");
            break;
        }
    }
    ds_free(v);
}

#define SEGMENTS(text, ...)                                                         \
    do {                                                                            \
        static const expect want_[] = {__VA_ARGS__};                                \
        check_segments(__FILE__, __LINE__, text, want_, sizeof want_ / sizeof *want_); \
    } while (0)

TEST(segment_plain_sentences)
{
    SEGMENTS("The river rose overnight. By noon the bridge was closed! Was anyone hurt? "
             "Nobody knows yet.",
             BODY("The river rose overnight."), BODY("By noon the bridge was closed!"),
             BODY("Was anyone hurt?"), BODY("Nobody knows yet."));
}

TEST(segment_titles_and_ranks)
{
    SEGMENTS("Gen. Omar Tal met Dr. Lena Aziz and Lt. Col. Sami Nour near St. Anne's church. "
             "Mr. Tal left early.",
             BODY("Gen. Omar Tal met Dr. Lena Aziz and Lt. Col. Sami Nour near St. Anne's "
                  "church."),
             BODY("Mr. Tal left early."));
}

TEST(segment_initialisms)
{
    SEGMENTS("Troops backed by the U.S. Army pulled back. Aid was promised by the U.N. "
             "The first trucks came later. A U.S.-funded clinic reopened.",
             BODY("Troops backed by the U.S. Army pulled back."),
             BODY("Aid was promised by the U.N."), BODY("The first trucks came later."),
             BODY("A U.S.-funded clinic reopened."));
}

TEST(segment_initials_in_names)
{
    SEGMENTS("A study by K. Rahimi was quoted. Its author, Abu Y. al-Karim, disagreed.",
             BODY("A study by K. Rahimi was quoted."),
             BODY("Its author, Abu Y. al-Karim, disagreed."));
}

TEST(segment_numbers_and_other_abbreviations)
{
    SEGMENTS("Prices rose 3.5 percent in a year. About 1.2 million people moved, approx. "
             "400 of them abroad. Order No. 12 was repealed, e.g. The order on curfews.",
             BODY("Prices rose 3.5 percent in a year."),
             BODY("About 1.2 million people moved, approx. 400 of them abroad."),
             BODY("Order No. 12 was repealed, e.g. The order on curfews."));
}

TEST(segment_months_and_etc)
{
    SEGMENTS("Talks began on Jan. 5 in a hotel. They stalled in Feb. The mediators left, "
             "with their staff, papers, etc. Then the fighting resumed.",
             BODY("Talks began on Jan. 5 in a hotel."), BODY("They stalled in Feb."),
             BODY("The mediators left, with their staff, papers, etc."),
             BODY("Then the fighting resumed."));
}

TEST(segment_quotes)
{
    SEGMENTS("\xE2\x80\x9CWe will come back,\xE2\x80\x9D the farmer said. "
             "\xE2\x80\x9CThe land is ours.\xE2\x80\x9D Her son nodded. "
             "\"Who fired first?\" she asked. Nobody answered.",
             BODY("\xE2\x80\x9CWe will come back,\xE2\x80\x9D the farmer said."),
             BODY("\xE2\x80\x9CThe land is ours.\xE2\x80\x9D"), BODY("Her son nodded."),
             BODY("\"Who fired first?\" she asked."), BODY("Nobody answered."));
}

TEST(segment_footnote_markers_stay_with_their_sentence)
{
    SEGMENTS("The town has about 9 000 people.^{[41](#)} Most are farmers^{[42](#)} and "
             "traders. It was shelled twice.[7] Schools closed.\xC2\xB9 Markets did not. "
             "A clinic was hit. [8] Two nurses died.",
             BODY("The town has about 9 000 people.^{[41](#)}"),
             BODY("Most are farmers^{[42](#)} and traders."), BODY("It was shelled twice.[7]"),
             BODY("Schools closed.\xC2\xB9"), BODY("Markets did not."),
             BODY("A clinic was hit. [8]"), BODY("Two nurses died."));
}

TEST(segment_glued_pdf_footnote_numbers)
{
    SEGMENTS("Nine shops were looted.14 The owners fled. Document CRP.9 Annex was filed.",
             BODY("Nine shops were looted.14"),
             BODY("The owners fled."), BODY("Document CRP.9 Annex was filed."));
}

TEST(segment_ellipses)
{
    SEGMENTS("They named Kurds, Yazidis ... Armenians were not mentioned. He waited... "
             "The door opened. A list: one . . . two.",
             BODY("They named Kurds, Yazidis ... Armenians were not mentioned."),
             BODY("He waited..."), BODY("The door opened."), BODY("A list: one . . . two."));
}

TEST(segment_urls_and_emails)
{
    SEGMENTS("The file is at www.example.org/docs/report.pdf for now. Write to "
             "desk@example.org. Calls are not answered.",
             BODY("The file is at www.example.org/docs/report.pdf for now."),
             BODY("Write to desk@example.org."), BODY("Calls are not answered."));
}

TEST(segment_non_latin_scripts)
{
    /* An Arabic question mark, a full stop before a capital with a
     * diacritic, and CJK full stops without spaces. */
    SEGMENTS("\xD9\x87\xD9\x84 \xD8\xB9\xD8\xA7\xD8\xAF\xD9\x88\xD8\x9F \xD9\x84\xD8\xA7. "
             "Then \xC3\x96zal spoke. "
             "\xE6\x9D\xA5\xE4\xBA\x86\xE3\x80\x82\xE8\xB5\xB0\xE4\xBA\x86\xE3\x80\x82",
             BODY("\xD9\x87\xD9\x84 \xD8\xB9\xD8\xA7\xD8\xAF\xD9\x88\xD8\x9F"),
             BODY("\xD9\x84\xD8\xA7."), BODY("Then \xC3\x96zal spoke."),
             BODY("\xE6\x9D\xA5\xE4\xBA\x86\xE3\x80\x82"),
             BODY("\xE8\xB5\xB0\xE4\xBA\x86\xE3\x80\x82"));
}

TEST(segment_headings)
{
    SEGMENTS("# Overview #\n\nThe valley was quiet.\n\n3.1.2. Northern villages\n\n"
             "Shops reopened.\n\nIV. Conclusions\n\nA short standing line\n\nThe end came.\n\n"
             "Setext title\n============\n\n7. Annexes\n\nNothing here.",
             HEAD("Overview"), BODY("The valley was quiet."), HEAD("3.1.2. Northern villages"),
             BODY("Shops reopened."), HEAD("IV. Conclusions"), HEAD("A short standing line"),
             BODY("The end came."), HEAD("Setext title"), HEAD("7. Annexes"),
             BODY("Nothing here."));
}

TEST(segment_heading_rules_for_colons_and_sentences)
{
    SEGMENTS("Recommendations to donors:\n\nThe agency then listed what it needs most "
             "urgently:\n\nFighting stopped. Talks resume\n",
             HEAD("Recommendations to donors:"),
             BODY("The agency then listed what it needs most urgently:"),
             BODY("Fighting stopped."), BODY("Talks resume"));
}

TEST(segment_bullets)
{
    SEGMENTS("Needs:\n- Water for 300 families. Tankers are booked.\n* Blankets\n"
             "\xE2\x80\xA2 Medicine\n2. Tents\nb) Fuel\n(iv) Food\n"
             "- A long item that wraps\n  onto a second line.",
             HEAD("Needs:"), BULL("Water for 300 families."), BULL("Tankers are booked."),
             BULL("Blankets"), BULL("Medicine"), BULL("Tents"), BULL("Fuel"), BULL("Food"),
             BULL("A long item that wraps\n  onto a second line."));
}

TEST(segment_captions)
{
    SEGMENTS("Houses burn near the river.\n\nPhoto: Smoke over the old market, May 3, 2025. "
             "Shops were empty.\n\nFamilies wait at a checkpoint, June 1, 2025. "
             "REUTERS/Jane Roe\n\n(File photo of the bridge)\n\nThe bridge held.\n\n"
             "A crowd at the gate, 4 May 2025. Photo: The Valley Post\n",
             BODY("Houses burn near the river."),
             CAPT("Photo: Smoke over the old market, May 3, 2025."),
             CAPT("Shops were empty."),
             CAPT("Families wait at a checkpoint, June 1, 2025. REUTERS/Jane Roe"),
             CAPT("(File photo of the bridge)"), BODY("The bridge held."),
             CAPT("A crowd at the gate, 4 May 2025. Photo: The Valley Post"));
}

TEST(segment_footnote_marker_lines_attach_to_entries)
{
    SEGMENTS("Roads were cut in spring.^{[12](#)}\n\n^{[12](#)}\n\nOrg A, Road report, "
             "Publisher B, 2 May 2024, [url](#)\n\n[13](#)\n\nOrg C, Second report, "
             "4 June 2024, [url](#)\n\n[14](#)\n",
             BODY("Roads were cut in spring.^{[12](#)}"),
             NOTE("^{[12](#)}\n\nOrg A, Road report, Publisher B, 2 May 2024, [url](#)"),
             NOTE("[13](#)\n\nOrg C, Second report, 4 June 2024, [url](#)"));
}

TEST(segment_notes_section)
{
    SEGMENTS("The count is disputed.\n\n## References\n\n1. Author A, First title, 2021.\n"
             "2. Author B, Second title,\n   Publisher, 2022. Reprinted 2023.\n"
             "3. Ibid.\n\n## Annex\n\nA table follows.",
             BODY("The count is disputed."), HEAD("References"),
             NOTE("1. Author A, First title, 2021."),
             NOTE("2. Author B, Second title,\n   Publisher, 2022. Reprinted 2023."),
             NOTE("3. Ibid."), HEAD("Annex"), BODY("A table follows."));
}

TEST(segment_footnotes_at_page_foot)
{
    SEGMENTS("Two wells were poisoned.3\n\n3 See the annex, para. 4.\n"
             "4 Letter from the mayor, 2 March.\n[5] Org D, Water survey, 2023, "
             "https://example.org/w\n",
             BODY("Two wells were poisoned.3"), NOTE("3 See the annex, para. 4."),
             NOTE("4 Letter from the mayor, 2 March."),
             NOTE("[5] Org D, Water survey, 2023, https://example.org/w"));
}

TEST(segment_single_newlines_between_paragraphs)
{
    /* One line per paragraph, as converted web pages have it. */
    SEGMENTS("A Title Line\nA subtitle without a stop\nFirst paragraph ends here.\n"
             "Second paragraph, by Dr.\nThird paragraph.",
             HEAD("A Title Line"), HEAD("A subtitle without a stop"),
             BODY("First paragraph ends here."), BODY("Second paragraph, by Dr."),
             BODY("Third paragraph."));
}

TEST(segment_line_runs_on)
{
    SEGMENTS("CITY (Agency) -- The\ninitial reports were wrong. Crowds gathered on the 5th, "
             "called by\n\nImam Said Rahal, who spoke.\n\nIt ended with\n\nthe rain.",
             BODY("CITY (Agency) -- The\ninitial reports were wrong."),
             BODY("Crowds gathered on the 5th, called by\n\nImam Said Rahal, who spoke."),
             BODY("It ended with\n\nthe rain."));
}

TEST(segment_hard_wrapped_text)
{
    SEGMENTS("Field Office Report\n\n"
             "Background\n"
             "The mission visited four villages in the district during the first week of\n"
             "April and spoke with residents, local officials and two doctors. Access was\n"
             "limited by checkpoints along the main road and by heavy rain in the hills.\n"
             "Findings\n"
             "Most houses in the upper village had been burned, and the school was used\n"
             "as a barracks by an armed group whose members wore no insignia at all. Some\n"
             "Residents had returned.\n",
             HEAD("Field Office Report"), HEAD("Background"),
             BODY("The mission visited four villages in the district during the first week of\n"
                  "April and spoke with residents, local officials and two doctors."),
             BODY("Access was\nlimited by checkpoints along the main road and by heavy rain in "
                  "the hills."),
             HEAD("Findings"),
             BODY("Most houses in the upper village had been burned, and the school was used\n"
                  "as a barracks by an armed group whose members wore no insignia at all."),
             BODY("Some\nResidents had returned."));
}

TEST(segment_markdown_quotes_and_images)
{
    SEGMENTS("> Nobody came. We waited\n> all night.\n\n![A burned truck](truck.jpg)\n\nDone.",
             BODY("Nobody came."), BODY("We waited\n> all night."),
             CAPT("![A burned truck](truck.jpg)"), BODY("Done."));
}

TEST(segment_tables_and_rules)
{
    SEGMENTS("Casualties by town:\n\n| Town | Dead |\n|------|------|\n| North | 4 |\n\n"
             "* * *\n\n12\n\nThe list is partial.",
             HEAD("Casualties by town:"), BODY("| Town | Dead |"), BODY("| North | 4 |"),
             BODY("The list is partial."));
}

TEST(segment_skips_page_furniture)
{
    /* Page labels and bare page numbers between the parts of a paragraph
     * are passed over, and the sentence goes on across them. */
    SEGMENTS("The convoy was stopped at\n\nPage 2 of 9\n\nthe bridge. It turned\n\n- 3 -\n\n"
             "back at dusk.\n\n14\n\nNobody was hurt.",
             BODY("The convoy was stopped at\n\nPage 2 of 9\n\nthe bridge."),
             BODY("It turned\n\n- 3 -\n\nback at dusk."), BODY("Nobody was hurt."));
}

TEST(segment_empty_and_blank_input)
{
    const ds_segmenter *seg = lexicon();
    REQUIRE(seg);
    ds_sentence *v = (ds_sentence *)1;
    size_t n = 99;
    ds_error err = {0};
    CHECK_INT(ds_segment(seg, "", 0, &v, &n, &err), DS_OK);
    CHECK_INT(n, 0);
    ds_free(v);
    const char blank[] = " \n\t\n\xC2\xA0\n\xE3\x80\x80";
    CHECK_INT(ds_segment(seg, blank, sizeof blank - 1, &v, &n, &err), DS_OK);
    CHECK_INT(n, 0);
    ds_free(v);
    CHECK_INT(ds_segment(NULL, "x", 1, &v, &n, &err), DS_EINVAL);
}

TEST(segment_trims_unicode_space)
{
    const char text[] = "\xC2\xA0\xE2\x80\x83One.\xE2\x80\xAF Two.\xE3\x80\x80";
    ds_sentence *v;
    size_t n;
    ds_error err = {0};
    REQUIRE(lexicon());
    REQUIRE(ds_segment(lexicon(), text, sizeof text - 1, &v, &n, &err) == DS_OK);
    REQUIRE(n == 2);
    CHECK(memcmp(text + v[0].start, "One.", 4) == 0 && v[0].end - v[0].start == 4);
    CHECK(memcmp(text + v[1].start, "Two.", 4) == 0 && v[1].end - v[1].start == 4);
    ds_free(v);
}

TEST(segment_survives_invalid_utf8_and_nul)
{
    static const char *const texts[] = {
        "\xFF\xFE. \xC3",
        "A.\xE2\x80",
        "\xE2\x80\xA6\xE2\x80",
        "x.\xC2\xA0\xC2",
        "^{[1](#)}\n\n\xF0\x9F",
        "- \n* \n1.\n(\n\xE2\x80\xA2",
        "#\n##\n###### x ###\n|\n||\n",
        "End.\"\xE2\x80\x9D\xE2\x80",
        "U.S.\xC0\xAF The",
    };
    REQUIRE(lexicon());
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        ds_sentence *v;
        size_t n, len = strlen(texts[i]);
        ds_error err = {0};
        REQUIRE(ds_segment(lexicon(), texts[i], len, &v, &n, &err) == DS_OK);
        CHECK(spans_valid(texts[i], len, v, n));
        ds_free(v);
    }
    const char nul[] = "One.\0 Two. \0\0\nThree";
    ds_sentence *v;
    size_t n;
    ds_error err = {0};
    REQUIRE(ds_segment(lexicon(), nul, sizeof nul - 1, &v, &n, &err) == DS_OK);
    CHECK(spans_valid(nul, sizeof nul - 1, v, n));
    ds_free(v);
}

TEST(segment_caps_sentence_count)
{
    size_t count = DS_SEGMENT_MAX_SENTENCES + 1, len = count * 4;
    char *text = malloc(len);
    REQUIRE(text);
    for (size_t i = 0; i < count; i++)
        memcpy(text + i * 4, "Go. ", 4);
    ds_sentence *v = (ds_sentence *)1;
    size_t n = 1;
    ds_error err = {0};
    REQUIRE(lexicon());
    CHECK_INT(ds_segment(lexicon(), text, len, &v, &n, &err), DS_ETOOBIG);
    CHECK(v == NULL && n == 0);
    CHECK_CONTAINS(err.msg, "sentences");
    CHECK_INT(ds_segment(lexicon(), text, len - 4, &v, &n, &err), DS_OK);
    CHECK_INT(n, DS_SEGMENT_MAX_SENTENCES);
    ds_free(v);
    free(text);
}

TEST(segment_survives_allocation_failures)
{
    const char text[] = "# Title\n\nOne. Two. Three.\n\n- a\n- b\n\n^{[1](#)}\n\n"
                        "A, B, 2020, [url](#)";
    const char tsv[] = "Dr\ttitle\nPhoto\tcaption\n";
    ds_error err = {0};
    for (long k = 0; k < 200; k++) {
        ds_segmenter *seg = NULL;
        ds_alloc_fail_after(k);
        ds_status rc = ds_segmenter_from_text(&seg, tsv, sizeof tsv - 1, "t", &err);
        ds_sentence *v = NULL;
        size_t n = 0;
        if (rc == DS_OK)
            rc = ds_segment(seg, text, sizeof text - 1, &v, &n, &err);
        ds_alloc_fail_after(-1);
        CHECK(rc == DS_OK || rc == DS_ENOMEM);
        ds_free(v);
        ds_segmenter_free(seg);
        if (rc == DS_OK)
            return;
    }
    CHECK(!"allocation never succeeded");
}

/* ---- The lexicon ---- */

static ds_status load_text(const char *tsv, ds_segmenter **seg, ds_error *err)
{
    return ds_segmenter_from_text(seg, tsv, strlen(tsv), "my.tsv", err);
}

TEST(segment_lexicon_reports_bad_rows)
{
    static const struct {
        const char *tsv;
        const char *msg;
    } bad[] = {
        {"# c\nDr\ttitle\nGen\n", "my.tsv:3: expected an entry and a class"},
        {"Dr\ttitel\n", "my.tsv:1: unknown class \"titel\""},
        {"\ttitle\n", "my.tsv:1: the entry is empty"},
        {"two words\ttitle\n", "my.tsv:1: the entry of this class must be a single word"},
        {"File  photo\tcaption\n", "my.tsv:1: the entry has repeated spaces"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\tother\n",
         "my.tsv:1: the entry is longer than 64 bytes"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ds_segmenter *seg = (ds_segmenter *)1;
        ds_error err = {0};
        CHECK(load_text(bad[i].tsv, &seg, &err) != DS_OK);
        CHECK(seg == NULL);
        CHECK_CONTAINS(err.msg, bad[i].msg);
    }
}

TEST(segment_lexicon_caps_lines_and_rows)
{
    ds_segmenter *seg;
    ds_error err = {0};
    char line[1200];
    memset(line, 'x', sizeof line);
    memcpy(line, "Dr\ttitle\t", 9);
    line[sizeof line - 1] = '\0';
    CHECK_INT(load_text(line, &seg, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "my.tsv:1: line longer than 1024 bytes");

    size_t rows = 100001, len = 0;
    char *big = malloc(rows * 8 + 1);
    REQUIRE(big);
    for (size_t i = 0; i < rows; i++)
        len += (size_t)sprintf(big + len, "a\tother\n");
    CHECK_INT(ds_segmenter_from_text(&seg, big, len, "big.tsv", &err), DS_ETOOBIG);
    CHECK_CONTAINS(err.msg, "big.tsv:100001: more than 100000 entries");
    free(big);
}

TEST(segment_lexicon_is_extensible)
{
    const char text[] = "Ask Xyz. Rahal about it. Then go.";
    ds_segmenter *plain, *taught;
    ds_error err = {0};
    REQUIRE(load_text("Dr\ttitle\n", &plain, &err) == DS_OK);
    REQUIRE(load_text("Dr\ttitle\nXyz.\ttitle\tfinal dot forgiven\n", &taught, &err) == DS_OK);
    ds_sentence *v;
    size_t n;
    REQUIRE(ds_segment(plain, text, sizeof text - 1, &v, &n, &err) == DS_OK);
    CHECK_INT(n, 3);
    ds_free(v);
    REQUIRE(ds_segment(taught, text, sizeof text - 1, &v, &n, &err) == DS_OK);
    CHECK_INT(n, 2);
    ds_free(v);
    ds_segmenter_free(plain);
    ds_segmenter_free(taught);
}

TEST(segment_lexicon_case_rules)
{
    /* "vol" in lower case matches "Vol." and "VOL." but not the name "VoL";
     * "Gen" with a capital does not match "gen.". */
    const char text[] = "See Vol. 2 now. Ask VoL. Then the gen. Then stop.";
    ds_segmenter *seg;
    ds_error err = {0};
    REQUIRE(load_text("vol\tother\nGen\ttitle\n", &seg, &err) == DS_OK);
    ds_sentence *v;
    size_t n;
    REQUIRE(ds_segment(seg, text, sizeof text - 1, &v, &n, &err) == DS_OK);
    CHECK_INT(n, 4);
    ds_free(v);
    ds_segmenter_free(seg);
}

TEST(segment_lexicon_file_loads_and_errors_name_the_file)
{
    REQUIRE(lexicon());
    ds_segmenter *seg = (ds_segmenter *)1;
    ds_error err = {0};
    CHECK_INT(ds_segmenter_new(&seg, t_path("missing.tsv"), &err), DS_ENOENT);
    CHECK(seg == NULL);
    const char *path = t_path("bad.tsv");
    REQUIRE(t_write_file(path, "Dr\ttitle\nMr\tfoo\n", 16));
    CHECK_INT(ds_segmenter_new(&seg, path, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "bad.tsv:2: unknown class");
}

/* ---- The seed documents ---- */

typedef struct seed_doc {
    char *text;
    size_t len;
    ds_sentence *v;
    size_t n;
} seed_doc;

static bool load_seed(const char *dir, const char *prefix, seed_doc *d)
{
    char path[4096];
    static const char *const names[] = {"000_995923a94d3cf7f5.txt", "001_a98f75bc389711aa.txt",
                                        "002_f4adde2850e2cbc1.txt", "003_5fa4c7f42a7d9c15.txt",
                                        "004_111488755e9e9888.txt"};
    const char *name = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strncmp(names[i], prefix, 3) == 0)
            name = names[i];
    if (!name)
        return false;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    d->text = t_read_file(path, &d->len);
    ds_error err = {0};
    return d->text && ds_segment(lexicon(), d->text, d->len, &d->v, &d->n, &err) == DS_OK;
}

static void free_seed(seed_doc *d)
{
    free(d->text);
    ds_free(d->v);
}

static const ds_sentence *unit_at(const seed_doc *d, size_t pos)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].start <= pos && pos < d->v[i].end)
            return &d->v[i];
    return NULL;
}

static bool starts_unit(const seed_doc *d, size_t pos)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].start == pos)
            return true;
    return false;
}

/* A footnote marker such as "^{[353](#)}" right after a full stop and
 * followed by a capitalised word ends its sentence: the next sentence must
 * start at that word.  The positions are found in the seed at test time. */
static void check_marker_boundaries(const seed_doc *d, const char *name)
{
    for (const char *p = d->text; (p = strstr(p, ".^{[")) != NULL; p++) {
        const char *close = strstr(p, "](#)} ");
        if (!close || close - p > 12 || !(close[6] >= 'A' && close[6] <= 'Z'))
            continue;
        size_t next = (size_t)(close + 6 - d->text);
        if (!starts_unit(d, next))
            ds_test_fail(__FILE__, __LINE__, "%s: no sentence starts after the marker at %zu",
                         name, (size_t)(p - d->text));
        const ds_sentence *u = unit_at(d, (size_t)(p - d->text));
        if (!u || u->end != (size_t)(close + 5 - d->text))
            ds_test_fail(__FILE__, __LINE__, "%s: the marker at %zu does not end a sentence",
                         name, (size_t)(p - d->text));
    }
}

/* Whether a line is only a footnote marker: "^{[12](#)}" or "[12](#)". */
static bool marker_line(const char *s, const char *e)
{
    if (e - s >= 3 && s[0] == '^' && s[1] == '{' && e[-1] == '}') {
        s += 2;
        e--;
    }
    if (e - s < 6 || s[0] != '[' || memcmp(e - 4, "](#)", 4) != 0)
        return false;
    for (const char *p = s + 1; p < e - 4; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Every line that is only a footnote marker opens a footnote unit that
 * goes on past it to the reference text. */
static size_t check_marker_lines(const seed_doc *d, const char *name)
{
    size_t found = 0;
    for (size_t s = 0; s < d->len;) {
        const char *nl = memchr(d->text + s, '\n', d->len - s);
        size_t e = nl ? (size_t)(nl - d->text) : d->len;
        if (marker_line(d->text + s, d->text + e)) {
            found++;
            const ds_sentence *u = unit_at(d, s);
            if (!u || u->kind != DS_SENT_FOOTNOTE || u->start != s || u->end <= e + 2)
                ds_test_fail(__FILE__, __LINE__, "%s: marker line at %zu is not a footnote entry",
                             name, s);
        }
        s = e + 1;
    }
    return found;
}

TEST(segment_seed_documents)
{
    const char *dir = t_seeds_dir();
    if (!dir)
        SKIP("../shared/seeds is absent; the seed checks need the shared seed corpus");
    REQUIRE(lexicon());
    static const char *const prefixes[] = {"000", "001", "002", "003", "004"};
    for (size_t i = 0; i < 5; i++) {
        seed_doc d = {0};
        if (!load_seed(dir, prefixes[i], &d)) {
            ds_test_fail(__FILE__, __LINE__, "seed %s: cannot read or segment", prefixes[i]);
            free_seed(&d);
            continue;
        }
        CHECK(spans_valid(d.text, d.len, d.v, d.n));
        CHECK(d.n > 10);
        check_marker_boundaries(&d, prefixes[i]);
        size_t markers = check_marker_lines(&d, prefixes[i]);
        /* Only the COI excerpt has a footnote block. */
        CHECK(i == 2 ? markers > 5 : markers == 0);
        for (size_t k = 0; k < d.n; k++) {
            const ds_sentence *u = &d.v[k];
            /* No unit ends on a word that asks for more text. */
            const char *e = d.text + u->end;
            CHECK(!(u->end - u->start > 4 && (memcmp(e - 4, " and", 4) == 0 ||
                                              memcmp(e - 3, " by", 3) == 0 ||
                                              memcmp(e - 4, " the", 4) == 0)));
            /* Footnotes only where the footnote block is. */
            if (u->kind == DS_SENT_FOOTNOTE)
                CHECK(i == 2);
        }
        free_seed(&d);
    }
}

TEST(segment_seed_structure)
{
    const char *dir = t_seeds_dir();
    if (!dir)
        SKIP("../shared/seeds is absent; the seed checks need the shared seed corpus");
    REQUIRE(lexicon());
    seed_doc d = {0};
    /* The COI excerpt opens with a numbered section heading. */
    if (load_seed(dir, "002", &d)) {
        REQUIRE(d.n > 0);
        CHECK(d.v[0].kind == DS_SENT_HEADING);
        CHECK(d.text[d.v[0].start] >= '0' && d.text[d.v[0].start] <= '9');
        CHECK(d.v[d.n - 1].kind == DS_SENT_FOOTNOTE);
    }
    free_seed(&d);
    /* The dispatch's first line ends mid-sentence; its first sentence runs
     * on past the line break. */
    d = (seed_doc){0};
    if (load_seed(dir, "003", &d)) {
        const char *nl = memchr(d.text, '\n', d.len);
        REQUIRE(nl && d.n > 0);
        CHECK(d.v[0].start == 0 && d.v[0].end > (size_t)(nl - d.text));
        CHECK(d.v[0].kind == DS_SENT_BODY);
    }
    free_seed(&d);
    /* The analysis ends with a photo caption and opens with page furniture
     * and its title, none of them body text. */
    d = (seed_doc){0};
    if (load_seed(dir, "000", &d)) {
        const char *cap = strstr(d.text, "\nImage:");
        REQUIRE(cap && d.n > 3);
        const ds_sentence *u = unit_at(&d, (size_t)(cap + 1 - d.text));
        CHECK(u && u->kind == DS_SENT_CAPTION && u->end == d.len);
        for (size_t k = 0; k < 3; k++)
            CHECK(d.v[k].kind == DS_SENT_HEADING);
    }
    free_seed(&d);
}
