/* Tests of metadata detection from the head of a text. */
#include <stdio.h>

#include "add/meta.h"
#include "test.h"

typedef struct {
    ds_lexicon *months, *cues;
} lexicons;

static bool load(lexicons *lx)
{
    ds_error err = {0};
    return ds_lexicon_load(&lx->months, "months.tsv", &err) == DS_OK &&
           ds_lexicon_load(&lx->cues, "intake_cues.tsv", &err) == DS_OK;
}

static void unload(lexicons *lx)
{
    ds_lexicon_free(lx->months);
    ds_lexicon_free(lx->cues);
}

static ds__text_meta detect(lexicons *lx, const char *text)
{
    ds__cues cues = {lx->months, lx->cues};
    ds__text_meta m;
    ds__detect_meta(text, strlen(text), &cues, &m);
    return m;
}

TEST(meta_date_forms)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    struct {
        const char *text, *start, *end;
    } cases[] = {
        {"11 January 2026", "2026-01-11", "2026-01-11"},
        {"date 2025-03-14", "2025-03-14", "2025-03-14"},
        {"March 9, 2025 | 09:30 AM", "2025-03-09", "2025-03-09"},
        {"the 3rd of Feb. 2024", "2024-02-03", "2024-02-03"},
        {"Sept 2023 edition", "2023-09-01", "2023-09-30"},
        {"\xD9\xA1 9 \xD8\xA2\xD8\xB0\xD8\xA7\xD8\xB1 2025", "2025-03-09", "2025-03-09"},
        /* Both Arabic month names, "8 آذار/مارس 2025". */
        {"8 \xD8\xA2\xD8\xB0\xD8\xA7\xD8\xB1/\xD9\x85\xD8\xA7\xD8\xB1\xD8\xB3 2025", "2025-03-08", "2025-03-08"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_date d;
        size_t at, end;
        bool found = ds__find_date(cases[i].text, strlen(cases[i].text), lx.months, &d, &at, &end);
        CHECK(found);
        if (found) {
            CHECK_STR(d.start, cases[i].start);
            CHECK_STR(d.end, cases[i].end);
        }
    }
    ds_date d;
    size_t at, end;
    /* An impossible day falls back to the month it names. */
    if (ds__find_date("30 February 2025", 16, lx.months, &d, &at, &end))
        CHECK_INT(d.precision, DS_PREC_MONTH);
    CHECK(!ds__find_date("five years and 20 days", 22, lx.months, &d, &at, &end));
    unload(&lx);
}

TEST(meta_title_byline_date)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "Share\nMail Facebook Twitter / X LinkedIn\n"
                                  "Water runs short in the eastern camps\n\n"
                                  "By Jane Q. Doe and Omar Haddad\n"
                                  "Published: 4 April 2025\n\n"
                                  "The first paragraph of the report begins here and goes on.\n");
    CHECK_STR(m.title, "Water runs short in the eastern camps");
    CHECK_STR(m.author, "Jane Q. Doe and Omar Haddad");
    CHECK_STR(m.published.start, "2025-04-04");
    CHECK_INT(m.published.precision, DS_PREC_DAY);
    ds__text_meta_free(&m);
    unload(&lx);
}

TEST(meta_name_run_before_date)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "A headline about the valley\n\nMaria van Dijk**2 June 2024**\n\n"
                                  "Body text follows.\n");
    CHECK_STR(m.author, "Maria van Dijk");
    CHECK_STR(m.published.start, "2024-06-02");
    ds__text_meta_free(&m);
    unload(&lx);
}

TEST(meta_dateline_agency_and_no_title)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "ALEPPO, Syria, May 3, 2025 (Reuters) - Shelling hit a market "
                                  "on Saturday, residents said.\n");
    CHECK_STR(m.agency, "Reuters");
    CHECK(m.title == NULL);
    CHECK_STR(m.published.start, "2025-05-03");
    ds__text_meta_free(&m);
    m = detect(&lx, "GENEVA (Wire) -- The\ncommission said on Monday that it had asked for access.\n");
    CHECK_STR(m.agency, "Wire");
    CHECK(m.title == NULL);
    CHECK_INT(m.published.precision, DS_PREC_NONE);
    ds__text_meta_free(&m);
    unload(&lx);
}

TEST(meta_body_dates_are_not_publication_dates)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "Report on the events in the north\n\n"
                                  "On 6 March 2025 armed men entered the village and the residents "
                                  "fled towards the hills, according to witnesses who spoke to the "
                                  "monitors over the following days and described what they had "
                                  "seen in detail; the account was later confirmed by others who "
                                  "had been present at the time of the attack.\n");
    CHECK_STR(m.title, "Report on the events in the north");
    CHECK_INT(m.published.precision, DS_PREC_NONE);
    ds__text_meta_free(&m);
    unload(&lx);
}

TEST(meta_single_capital_word_is_not_a_byline)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "Flash update on the river towns\n\nAs of 14 June 2025\n\n"
                                  "Fighting continued.\n");
    CHECK(m.author == NULL);
    CHECK_STR(m.published.start, "2025-06-14");
    ds__text_meta_free(&m);
    m = detect(&lx, "Short note\n\nReuters 5 May 2025\n");
    CHECK(m.author == NULL);
    ds__text_meta_free(&m);
    unload(&lx);
}

/* Footnotes at the end of a short text are not its byline or date. */
TEST(meta_stops_at_body_text)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    char text[2048];
    snprintf(text, sizeof text, "Section 4. Access to the camps\n\n%s\n\n[1]\n\nJohn Smith, A report, 3 May 2024\n",
             "Aid agencies reported that access to the camps in the east remained restricted for most "
             "of the period under review, with convoys turned back at checkpoints on at least nine "
             "occasions and no explanation given to the organisations that had requested passage for "
             "food, water and medical supplies on behalf of the displaced families living there.");
    ds__text_meta m = detect(&lx, text);
    CHECK_STR(m.title, "Section 4. Access to the camps");
    CHECK(m.author == NULL);
    CHECK_INT(m.published.precision, DS_PREC_NONE);
    ds__text_meta_free(&m);
    unload(&lx);
}

TEST(meta_wrapped_body_line_is_not_a_byline)
{
    lexicons lx = {0};
    REQUIRE(load(&lx));
    ds__text_meta m = detect(&lx, "Returns to the valley\n\nFamilies began to return in April,\n"
                                  "by the end of the month fewer than half had come back.\n");
    CHECK(m.author == NULL);
    ds__text_meta_free(&m);
    m = detect(&lx, "Situation Report 14 March 2025\n\nThe report follows.\n");
    CHECK(m.author == NULL);
    CHECK_STR(m.title, "Situation Report 14 March 2025");
    ds__text_meta_free(&m);
    unload(&lx);
}

