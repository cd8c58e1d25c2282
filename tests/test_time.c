/* test_time.c: the time and quantity recognizers on invented sentences and
 * on the seed documents' dates and casualty figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/quantity.h"
#include "recognize/time.h"
#include "test.h"

/* ---- helpers -------------------------------------------------------------- */

typedef struct tfix {
    ds_times *t;
    ds_quantities *q;
    ds_arena *a;
    ds_time_mention *m;
    size_t n;
    ds_quantity *qs;
    size_t nq;
    const char *text;
} tfix;

static bool fix_open(tfix *f)
{
    memset(f, 0, sizeof *f);
    ds_error err = {0};
    if (ds_times_new(&f->t, &err) || ds_quantities_new(&f->q, &err)) {
        ds_test_fail(__FILE__, __LINE__, "loading the lexicons: %s", err.msg);
        return false;
    }
    return true;
}

static void fix_close(tfix *f)
{
    ds_arena_free(f->a);
    ds_times_free(f->t);
    ds_quantities_free(f->q);
}

/* Runs both recognizers on text with a publication date ("" for none). */
static void run(tfix *f, const char *text, const char *published)
{
    ds_arena_free(f->a);
    f->a = ds_arena_new(64u << 20);
    f->text = text;
    ds_time_context ctx = {0};
    if (*published)
        ds_date_parse_iso(published, DS_PREC_NONE, &ctx.published);
    ds_error err = {0};
    f->n = f->nq = 0;
    if (ds_times_find(f->t, text, strlen(text), &ctx, f->a, &f->m, &f->n, &err)) {
        ds_test_fail(__FILE__, __LINE__, "times: %s", err.msg);
        return;
    }
    ds_span *skip = ds_time_spans(f->m, f->n, f->a);
    if (ds_quantities_find(f->q, text, strlen(text), skip, f->n, f->a, &f->qs, &f->nq, &err))
        ds_test_fail(__FILE__, __LINE__, "quantities: %s", err.msg);
}

static const ds_time_mention *time_of(const tfix *f, const char *written)
{
    for (size_t i = 0; i < f->n; i++) {
        const ds_time_mention *m = &f->m[i];
        if (m->end - m->start == strlen(written) &&
            memcmp(f->text + m->start, written, m->end - m->start) == 0)
            return m;
    }
    return NULL;
}

static const ds_quantity *qty_of(const tfix *f, const char *written)
{
    for (size_t i = 0; i < f->nq; i++) {
        const ds_quantity *q = &f->qs[i];
        if (q->end - q->start == strlen(written) &&
            memcmp(f->text + q->start, written, q->end - q->start) == 0)
            return q;
    }
    return NULL;
}

static const char *iso(int32_t day)
{
    static char buf[4][11];
    static int k;
    k = (k + 1) % 4;
    ds_iso_from_days(day, buf[k]);
    return buf[k];
}

/* Checks that `written` is one time expression resolving to [start, end]. */
#define CHECK_TIME(f, written, start, end, prec)                                       \
    do {                                                                             \
        const ds_time_mention *tm_ = time_of(f, written);                            \
        if (!tm_) {                                                                  \
            ds_test_fail(__FILE__, __LINE__, "no time expression \"%s\"", written);  \
            break;                                                                   \
        }                                                                            \
        CHECK(tm_->resolved);                                                        \
        CHECK_STR(iso(tm_->first), start);                                           \
        CHECK_STR(iso(tm_->last), end);                                              \
        CHECK_STR(ds_time_unit_name(tm_->precision), prec);                          \
    } while (0)

/* ---- time expressions ----------------------------------------------------- */

TEST(time_absolute_forms)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "It began on 6 March 2025, spread by March 7, 2025 and on 2025-03-08; a "
            "report of 9.3.2025 and one of 3/10/2025 followed. In March 2025 and in 2024 "
            "it was quiet; in the 1980s it was not.", "");
    CHECK_TIME(&f, "6 March 2025", "2025-03-06", "2025-03-06", "day");
    CHECK_TIME(&f, "March 7, 2025", "2025-03-07", "2025-03-07", "day");
    CHECK_TIME(&f, "2025-03-08", "2025-03-08", "2025-03-08", "day");
    CHECK_TIME(&f, "9.3.2025", "2025-03-09", "2025-03-09", "day");
    CHECK_TIME(&f, "3/10/2025", "2025-03-10", "2025-03-10", "day");
    CHECK_TIME(&f, "March 2025", "2025-03-01", "2025-03-31", "month");
    CHECK_TIME(&f, "2024", "2024-01-01", "2024-12-31", "year");
    CHECK_TIME(&f, "the 1980s", "1980-01-01", "1989-12-31", "decade");
    /* Both numeric readings are kept when the convention is unknown. */
    const ds_time_mention *m = time_of(&f, "3/10/2025");
    REQUIRE(m);
    CHECK(m->ambiguous);
    CHECK_STR(iso(m->alt_first), "2025-10-03");
    fix_close(&f);
}

TEST(time_date_order_convention)
{
    tfix f;
    if (!fix_open(&f))
        return;
    ds_arena *a = ds_arena_new(1 << 20);
    const char *text = "Reported on 3/6/2025.";
    ds_time_context ctx = {.order = DS_ORDER_DMY};
    ds_time_mention *m;
    size_t n;
    ds_error err = {0};
    REQUIRE(ds_times_find(f.t, text, strlen(text), &ctx, a, &m, &n, &err) == DS_OK);
    REQUIRE(n == 1);
    CHECK_STR(iso(m[0].first), "2025-06-03");
    CHECK(!m[0].ambiguous);
    ds_arena_free(a);
    fix_close(&f);
}

TEST(time_year_inferred_from_publication)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "The church was attacked on June 22.", "2026-01-11");
    CHECK_TIME(&f, "June 22", "2025-06-22", "2025-06-22", "day");
    run(&f, "Talks began on December 2.", "2025-03-19");
    CHECK_TIME(&f, "December 2", "2024-12-02", "2024-12-02", "day");
    /* A month-precise publication still places "March 17" in that March. */
    run(&f, "He pledged on March 17 to give more.", "2025-03");
    CHECK_TIME(&f, "March 17", "2025-03-17", "2025-03-17", "day");
    fix_close(&f);
}

TEST(time_fuzzy_and_parts)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Attacks in early March, mid-February and late February, then late 2024; "
            "the second week of March; the morning of March 7; by that evening.",
        "2025-03-19");
    CHECK_TIME(&f, "early March", "2025-03-01", "2025-03-10", "week");
    CHECK_TIME(&f, "mid-February", "2025-02-11", "2025-02-20", "week");
    CHECK_TIME(&f, "late February", "2025-02-21", "2025-02-28", "week");
    CHECK_TIME(&f, "late 2024", "2024-09-01", "2024-12-31", "month");
    CHECK_TIME(&f, "the second week of March", "2025-03-08", "2025-03-14", "week");
    CHECK_TIME(&f, "the morning of March 7", "2025-03-07", "2025-03-07", "day");
    CHECK_TIME(&f, "that evening", "2025-03-07", "2025-03-07", "day");
    const ds_time_mention *m = time_of(&f, "that evening");
    REQUIRE(m);
    CHECK_STR(m->part, "evening");
    CHECK_INT(m->anchor, DS_ANCHOR_PREVIOUS);
    CHECK_INT(time_of(&f, "early March")->acled_precision, 2);
    CHECK_INT(time_of(&f, "late 2024")->acled_precision, 3);
    fix_close(&f);
}

TEST(time_relative_to_publication_and_text)
{
    tfix f;
    if (!fix_open(&f))
        return;
    /* 2025-03-19 is a Wednesday. */
    run(&f, "Last week the town fell; yesterday it was calm and last year it was not. "
            "This month is worse. On Thursday a convoy came. On March 6 the attack began; "
            "the following day it spread, and three days later it ended. The same day "
            "talks began.",
        "2025-03-19");
    CHECK_TIME(&f, "Last week", "2025-03-10", "2025-03-16", "week");
    CHECK_TIME(&f, "yesterday", "2025-03-18", "2025-03-18", "day");
    CHECK_TIME(&f, "last year", "2024-01-01", "2024-12-31", "year");
    CHECK_TIME(&f, "This month", "2025-03-01", "2025-03-31", "month");
    CHECK_TIME(&f, "Thursday", "2025-03-13", "2025-03-13", "day");
    CHECK_TIME(&f, "the following day", "2025-03-07", "2025-03-07", "day");
    CHECK_TIME(&f, "three days later", "2025-03-10", "2025-03-10", "day");
    CHECK_TIME(&f, "The same day", "2025-03-10", "2025-03-10", "day");
    fix_close(&f);
}

TEST(time_uncertain_publication_widens_relative_dates)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Last week, the killings began.", "2025-03");
    const ds_time_mention *m = time_of(&f, "Last week");
    REQUIRE(m);
    CHECK(m->first <= ds_days_from_ymd(2025, 2, 23));
    CHECK(m->last >= ds_days_from_ymd(2025, 3, 23));
    CHECK(m->precision >= DS_TIME_MONTH);
    /* Without a publication date a relative expression stays unresolved. */
    run(&f, "Last week, the killings began.", "");
    m = time_of(&f, "Last week");
    REQUIRE(m);
    CHECK(!m->resolved);
    fix_close(&f);
}

TEST(time_spans)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Between 6 and 10 March gunmen raided villages, and from December to February "
            "nobody left. Since December 8 the roads are shut. On March 12 they arrived and "
            "stayed for two days, and over the next four days more came. March 6-10 was the "
            "worst.",
        "2025-03-19");
    CHECK_TIME(&f, "Between 6 and 10 March", "2025-03-06", "2025-03-10", "day");
    CHECK_TIME(&f, "from December to February", "2024-12-01", "2025-02-28", "month");
    CHECK_TIME(&f, "Since December 8", "2024-12-08", "2025-03-19", "day");
    CHECK_TIME(&f, "for two days", "2025-03-12", "2025-03-13", "day");
    CHECK_TIME(&f, "over the next four days", "2025-03-14", "2025-03-17", "day");
    CHECK_TIME(&f, "March 6-10", "2025-03-06", "2025-03-10", "day");
    CHECK(time_of(&f, "Between 6 and 10 March")->span);
    fix_close(&f);
}

TEST(time_compound_offsets_and_named_days)
{
    tfix f;
    if (!fix_open(&f))
        return;
    /* 2025-03-19 is a Wednesday. */
    run(&f, "The siege began 1 month and 12 days ago; a second wave came 2 weeks 3 days "
            "ago and the water ran out few weeks ago. Friday the 14th was calm. Planners "
            "look to the next decade. The fifth Wednesday of February never came.",
        "2025-03-19");
    CHECK_TIME(&f, "1 month and 12 days ago", "2025-02-07", "2025-02-07", "day");
    CHECK_TIME(&f, "2 weeks 3 days ago", "2025-03-02", "2025-03-02", "day");
    CHECK_TIME(&f, "few weeks ago", "2025-02-24", "2025-03-02", "week");
    CHECK_TIME(&f, "Friday the 14th", "2025-03-14", "2025-03-14", "day");
    CHECK_TIME(&f, "the next decade", "2030-01-01", "2039-12-31", "decade");
    const ds_time_mention *m = time_of(&f, "The fifth Wednesday of February");
    CHECK(m && !m->resolved);
    fix_close(&f);
}

TEST(time_bare_days_and_days_of_relative_months)
{
    tfix f;
    if (!fix_open(&f))
        return;
    /* The first bare day counts from the publication, the next from it. */
    run(&f, "Talks were set for the twenty second. Fighting resumed on the 4th. Aid came "
            "from 3 to 9 this month, and the 20th of next month was named as the deadline. "
            "Nobody came for the 2 wounded.",
        "2025-03-19");
    CHECK_TIME(&f, "for the twenty second", "2025-02-22", "2025-02-22", "day");
    CHECK_TIME(&f, "on the 4th", "2025-02-04", "2025-02-04", "day");
    CHECK_TIME(&f, "from 3 to 9 this month", "2025-03-03", "2025-03-09", "day");
    CHECK_TIME(&f, "the 20th of next month", "2025-04-20", "2025-04-20", "day");
    CHECK(!time_of(&f, "for the 2"));
    fix_close(&f);
}

TEST(time_years_decades_and_centuries_in_words)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "The accord of May twenty one, two thousand and nineteen was void. The camp "
            "opened in nineteen ninety-eight and the fence on 16. Jan. 2020. February was "
            "the worst month. Land disputes date from the seventies, the nineteen sixties "
            "and the twenty-tens, and from the 19th century; the year 1450 is legend. In "
            "March twenty people fled.",
        "2025-03-19");
    CHECK_TIME(&f, "May twenty one, two thousand and nineteen", "2019-05-21", "2019-05-21",
               "day");
    CHECK_TIME(&f, "nineteen ninety-eight", "1998-01-01", "1998-12-31", "year");
    CHECK_TIME(&f, "16. Jan. 2020", "2020-01-16", "2020-01-16", "day");
    CHECK_TIME(&f, "February", "2025-02-01", "2025-02-28", "month");
    CHECK_TIME(&f, "the seventies", "1970-01-01", "1979-12-31", "decade");
    CHECK_TIME(&f, "the nineteen sixties", "1960-01-01", "1969-12-31", "decade");
    CHECK_TIME(&f, "the twenty-tens", "2010-01-01", "2019-12-31", "decade");
    CHECK_TIME(&f, "the 19th century", "1800-01-01", "1899-12-31", "decade");
    CHECK_TIME(&f, "the year 1450", "1450-01-01", "1450-12-31", "year");
    /* A count after a month stays a count. */
    CHECK_TIME(&f, "March", "2025-03-01", "2025-03-31", "month");
    const ds_quantity *q = qty_of(&f, "twenty");
    CHECK(q && q->value == 20);
    fix_close(&f);
}

TEST(time_relative_months_and_weeks)
{
    tfix f;
    if (!fix_open(&f))
        return;
    /* 2025-03-19 is a Wednesday. */
    run(&f, "The dam broke last October and again last February; repairs start next April "
            "or the week after next. Pay came on the third Friday of previous month. The "
            "current week is calm, tmrw may not be, and on monday it rained.",
        "2025-03-19");
    CHECK_TIME(&f, "last October", "2024-10-01", "2024-10-31", "month");
    CHECK_TIME(&f, "last February", "2025-02-01", "2025-02-28", "month");
    CHECK_TIME(&f, "next April", "2025-04-01", "2025-04-30", "month");
    CHECK_TIME(&f, "the week after next", "2025-03-31", "2025-04-06", "week");
    CHECK_TIME(&f, "the third Friday of previous month", "2025-02-21", "2025-02-21", "day");
    CHECK_TIME(&f, "The current week", "2025-03-17", "2025-03-23", "week");
    CHECK_TIME(&f, "tmrw", "2025-03-20", "2025-03-20", "day");
    CHECK_TIME(&f, "monday", "2025-03-17", "2025-03-17", "day");
    fix_close(&f);
}

TEST(time_quarters_and_year_first_dates)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "The mission counted 40 deaths in Q4 2024, more in the first half of this year "
            "and fewer during Q1. The 2023 Q3 figures and those of 2022, nov and 2021 - 10 "
            "were revised, as were the logs of 2020.6.14 and 2019-aug-02.",
        "2025-03-19");
    CHECK_TIME(&f, "Q4 2024", "2024-10-01", "2024-12-31", "month");
    CHECK_TIME(&f, "the first half of this year", "2025-01-01", "2025-06-30", "month");
    CHECK_TIME(&f, "Q1", "2025-01-01", "2025-03-31", "month");
    CHECK_TIME(&f, "2023 Q3", "2023-07-01", "2023-09-30", "month");
    CHECK_TIME(&f, "2022, nov", "2022-11-01", "2022-11-30", "month");
    CHECK_TIME(&f, "2021 - 10", "2021-10-01", "2021-10-31", "month");
    CHECK_TIME(&f, "2020.6.14", "2020-06-14", "2020-06-14", "day");
    CHECK_TIME(&f, "2019-aug-02", "2019-08-02", "2019-08-02", "day");
    const ds_quantity *q = qty_of(&f, "40");
    CHECK(q && q->value == 40);
    fix_close(&f);
}

TEST(time_parts_of_the_current_unit_and_named_weeks)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Shelters filled earlier this month and may empty later this year. Patrols ran "
            "in the week of the 10th, in the week starting March 3 and w/c 24 February.",
        "2025-03-19");
    CHECK_TIME(&f, "earlier this month", "2025-03-01", "2025-03-18", "day");
    CHECK_TIME(&f, "later this year", "2025-03-19", "2025-12-31", "day");
    CHECK_TIME(&f, "the week of the 10th", "2025-03-10", "2025-03-16", "week");
    CHECK_TIME(&f, "the week starting March 3", "2025-03-03", "2025-03-09", "week");
    CHECK_TIME(&f, "w/c 24 February", "2025-02-24", "2025-03-02", "week");
    fix_close(&f);
}

TEST(time_spans_of_weekdays_day_words_and_now)
{
    tfix f;
    if (!fix_open(&f))
        return;
    /* 2025-03-19 is a Wednesday. */
    run(&f, "Roads close next week between Monday and Wednesday and from today till "
            "tomorrow. Aid flows between now and March 30; it flowed from 4 to February 20 "
            "and stopped on Saturday of last week.",
        "2025-03-19");
    CHECK_TIME(&f, "next week between Monday and Wednesday", "2025-03-24", "2025-03-26", "day");
    CHECK_TIME(&f, "from today till tomorrow", "2025-03-19", "2025-03-20", "day");
    CHECK_TIME(&f, "between now and March 30", "2025-03-19", "2025-03-30", "day");
    CHECK_TIME(&f, "from 4 to February 20", "2025-02-04", "2025-02-20", "day");
    CHECK_TIME(&f, "Saturday of last week", "2025-03-15", "2025-03-15", "day");
    /* "now" alone is not a date. */
    run(&f, "The town is now calm.", "2025-03-19");
    CHECK_INT(f.n, 0);
    fix_close(&f);
}

TEST(time_durations_and_ages_are_not_dates)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "He served five years in prison; a 20-year-old was held for questioning. "
            "Three months after the first contact, 2022 people had signed.",
        "2025-03-19");
    CHECK_INT(f.n, 0);
    fix_close(&f);
}

/* ---- quantities ----------------------------------------------------------- */

#define CHECK_QTY(f, written, val, lo, hi, role_)                                      \
    do {                                                                             \
        const ds_quantity *q_ = qty_of(f, written);                                  \
        if (!q_) {                                                                   \
            ds_test_fail(__FILE__, __LINE__, "no quantity \"%s\"", written);         \
            break;                                                                   \
        }                                                                            \
        CHECK(q_->value == (val));                                                   \
        CHECK((isnan((double)(lo)) && isnan(q_->low)) || q_->low == (double)(lo));                     \
        CHECK((isnan((double)(hi)) && isnan(q_->high)) || q_->high == (double)(hi));                   \
        CHECK_INT(q_->role, role_);                                                  \
    } while (0)

TEST(quantity_numbers_and_qualifiers)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "At least 1,500 people were killed; more than six hundred civilians were "
            "executed, nearly two thousand residents fled and about 1.2 million were "
            "displaced. Up to 700 were arrested, fewer than 40 were wounded, between 30 "
            "and 40 men were kidnapped, 30-40 more went missing and thirteen bodies were "
            "found.",
        "");
    CHECK_QTY(&f, "At least 1,500", 1500, 1500, NAN, DS_ROLE_KILLED);
    CHECK_QTY(&f, "more than six hundred", 600, 601, NAN, DS_ROLE_KILLED);
    CHECK_QTY(&f, "nearly two thousand", 2000, 1800, 1999, DS_ROLE_DISPLACED);
    CHECK_QTY(&f, "about 1.2 million", 1200000, 1080000, 1320000, DS_ROLE_DISPLACED);
    CHECK_QTY(&f, "Up to 700", 700, 1, 700, DS_ROLE_DETAINED);
    CHECK_QTY(&f, "fewer than 40", 39, 1, 39, DS_ROLE_INJURED);
    CHECK_QTY(&f, "between 30 and 40", 30, 30, 40, DS_ROLE_ABDUCTED);
    CHECK_QTY(&f, "30-40", 30, 30, 40, DS_ROLE_ABDUCTED);
    CHECK_QTY(&f, "thirteen", 13, 13, 13, DS_ROLE_KILLED);
    CHECK_INT(qty_of(&f, "between 30 and 40")->relation, DS_REL_RANGE);
    fix_close(&f);
}

TEST(quantity_ranges_and_bounds_after_a_qualifier)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Officials said 20 through 60 families fled, about 200 or more were detained and "
            "2k-5k were displaced; counts of more than 40 or equal to 45 were disputed.",
        "");
    CHECK_QTY(&f, "20 through 60", 20, 20, 60, DS_ROLE_DISPLACED);
    CHECK_QTY(&f, "about 200 or more", 200, 200, NAN, DS_ROLE_DETAINED);
    CHECK_QTY(&f, "2k-5k", 2000, 2000, 5000, DS_ROLE_DISPLACED);
    /* The words before the second number are its own qualifier. */
    CHECK_QTY(&f, "more than 40", 40, 41, NAN, DS_ROLE_NONE);
    CHECK_QTY(&f, "equal to 45", 45, 45, 45, DS_ROLE_NONE);
    fix_close(&f);
}

TEST(quantity_vague_words_follow_the_policy)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Dozens were injured, hundreds of families fled and tens of thousands of "
            "people were displaced; several were detained.",
        "");
    CHECK_QTY(&f, "Dozens", 12, 12, 99, DS_ROLE_INJURED);
    CHECK_QTY(&f, "hundreds", 100, 100, 999, DS_ROLE_DISPLACED);
    CHECK_QTY(&f, "tens of thousands", 10000, 10000, 99999, DS_ROLE_DISPLACED);
    CHECK_QTY(&f, "several", 3, 3, 9, DS_ROLE_DETAINED);
    CHECK_STR(qty_of(&f, "Dozens")->qualifier, "dozens");
    fix_close(&f);
}

TEST(quantity_roles_in_lists_and_active_voice)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "Three farmers, five hospital guards, and two shepherds died in the raid. "
            "Gunmen killed two volunteers in late February and two officers on March 6. "
            "The attack left 13 of them dead. She died along with her husband and two "
            "children. Militants stormed the town, killing at least 25 people and wounding "
            "18. Three people were killed and dozens injured.",
        "2025-03-19");
    size_t killed = 0;
    for (size_t i = 0; i < f.nq; i++)
        killed += f.qs[i].role == DS_ROLE_KILLED;
    CHECK_INT(killed, 9);
    CHECK_QTY(&f, "13", 13, 13, 13, DS_ROLE_KILLED);
    CHECK_QTY(&f, "at least 25", 25, 25, NAN, DS_ROLE_KILLED);
    CHECK_QTY(&f, "dozens", 12, 12, 99, DS_ROLE_INJURED);
    fix_close(&f);
}

TEST(quantity_non_casualty_numbers)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "A 20-year-old was questioned. They pledged $100 million over five years. "
            "Around 80 rifles and 600 guns were surrendered by 10 villages, and 20 "
            "police officers were evacuated. There are 15,000 foreign fighters, 10 percent "
            "of the population, in 2024. Around 30 young men volunteered.",
        "2025-03-19");
    for (size_t i = 0; i < f.nq; i++) {
        if (f.qs[i].role != DS_ROLE_NONE)
            ds_test_fail(__FILE__, __LINE__, "\"%.*s\" was taken for a casualty count",
                         (int)(f.qs[i].end - f.qs[i].start), f.text + f.qs[i].start);
    }
    CHECK_STR(qty_of(&f, "20")->counts, "age");
    CHECK_STR(qty_of(&f, "100 million")->counts, "money");
    CHECK_STR(qty_of(&f, "Around 80")->counts, "weapons");
    CHECK_STR(qty_of(&f, "10")->counts, "places");
    CHECK_STR(qty_of(&f, "10 percent") ? "x" : qty_of(&f, "10")->counts, "places");
    fix_close(&f);
}

TEST(quantity_generic_rates)
{
    tfix f;
    if (!fix_open(&f))
        return;
    run(&f, "The community faces abductions, sometimes five or 10 per day.", "");
    const ds_quantity *q = qty_of(&f, "five or 10");
    REQUIRE(q);
    CHECK(q->generic);
    CHECK_INT(q->relation, DS_REL_RANGE);
    fix_close(&f);
}

/* ---- the seeds' gold lists ------------------------------------------------ */

static char *seed_text(const char *prefix)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls %s/%s_*.txt", t_seeds_dir(), prefix);
    FILE *p = popen(cmd, "r");
    char path[4096] = "";
    if (!p || !fgets(path, sizeof path, p)) {
        if (p)
            pclose(p);
        return NULL;
    }
    pclose(p);
    path[strcspn(path, "\n")] = '\0';
    /* The seeds are plain UTF-8 in NFC, so the file is the text `add`
     * stores and the recognizers see. */
    size_t n;
    char *out = t_read_file(path, &n);
    return out;
}

/* Mention text with no-break spaces as plain spaces, as the gold files
 * write it. */
static void plain(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            out[k++] = ' ';
            i++;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
}

TEST(seed_dates_resolved)
{
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/seed_dates.tsv", t_repo_root());
    FILE *fp = fopen(path, "r");
    REQUIRE(fp);
    tfix f;
    if (!fix_open(&f)) {
        fclose(fp);
        return;
    }
    char line[1024], cur[8] = "", pub[16] = "";
    char *text = NULL;
    int rows = 0, ok = 0;
    while (fgets(line, sizeof line, fp)) {
        char file[8], p[16], written[256], start[16], end[16], prec[16];
        int occ;
        if (line[0] == '#' || sscanf(line, "%7[^\t]\t%15[^\t]\t%255[^\t]\t%d\t%15[^\t]\t%15[^\t]\t%15[^\t\n]",
                                     file, p, written, &occ, start, end, prec) != 7)
            continue;
        if (strcmp(file, cur) != 0 || strcmp(p, pub) != 0) {
            free(text);
            text = seed_text(file);
            REQUIRE(text);
            snprintf(cur, sizeof cur, "%s", file);
            snprintf(pub, sizeof pub, "%s", p);
            run(&f, text, pub);
        }
        rows++;
        int seen = 0;
        const ds_time_mention *hit = NULL;
        for (size_t i = 0; i < f.n && !hit; i++) {
            char buf[256];
            plain(text + f.m[i].start, f.m[i].end - f.m[i].start, buf, sizeof buf);
            if (strcmp(buf, written) == 0 && ++seen == occ)
                hit = &f.m[i];
        }
        if (hit && hit->resolved && strcmp(iso(hit->first), start) == 0 &&
            strcmp(iso(hit->last), end) == 0 &&
            strcmp(ds_time_unit_name(hit->precision), prec) == 0)
            ok++;
        else
            ds_test_fail(__FILE__, __LINE__, "%s: \"%s\" (#%d): expected %s..%s %s, got %s",
                         file, written, occ, start, end, prec,
                         hit ? (hit->resolved ? iso(hit->first) : "unresolved") : "nothing");
    }
    fclose(fp);
    free(text);
    printf("  seed dates: %d/%d resolved as listed\n", ok, rows);
    CHECK(rows > 50);
    fix_close(&f);
}

TEST(seed_figures_resolved)
{
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/seed_figures.tsv", t_repo_root());
    FILE *fp = fopen(path, "r");
    REQUIRE(fp);
    tfix f;
    if (!fix_open(&f)) {
        fclose(fp);
        return;
    }
    static const char *const pubs[] = {"2025-03-19", "2025-03", "2025", "2025-03", "2026-01-11"};
    int rows = 0, ok = 0, roles_total = 0;
    for (int d = 0; d < 5; d++) {
        char prefix[8];
        snprintf(prefix, sizeof prefix, "%03d", d);
        char *text = seed_text(prefix);
        REQUIRE(text);
        run(&f, text, pubs[d]);
        bool *listed = calloc(f.nq + 1, sizeof *listed);
        rewind(fp);
        char line[1024];
        while (fgets(line, sizeof line, fp)) {
            char file[8], written[256], val[32], lo[32], hi[32], role[32];
            int occ;
            if (line[0] == '#' || sscanf(line, "%7[^\t]\t%255[^\t]\t%d\t%31[^\t]\t%31[^\t]\t%31[^\t]\t%31[^\t\n]",
                                         file, written, &occ, val, lo, hi, role) != 7 ||
                strcmp(file, prefix) != 0)
                continue;
            rows++;
            int seen = 0;
            size_t hit = f.nq;
            for (size_t i = 0; i < f.nq && hit == f.nq; i++) {
                char buf[256];
                plain(text + f.qs[i].start, f.qs[i].end - f.qs[i].start, buf, sizeof buf);
                if (strcmp(buf, written) == 0 && ++seen == occ)
                    hit = i;
            }
            const ds_quantity *q = hit < f.nq ? &f.qs[hit] : NULL;
            bool good = q && q->value == atof(val) &&
                        (strcmp(lo, "-") == 0 ? isnan(q->low) : q->low == atof(lo)) &&
                        (strcmp(hi, "-") == 0 ? isnan(q->high) : q->high == atof(hi)) &&
                        q->role && strcmp(ds_count_role_name(q->role), role) == 0;
            if (q)
                listed[hit] = true;
            if (good)
                ok++;
            else
                ds_test_fail(__FILE__, __LINE__, "%s: \"%s\" (#%d): expected %s %s, got %s",
                             file, written, occ, val, role,
                             q ? (q->role ? ds_count_role_name(q->role) : "no role")
                               : "nothing");
        }
        /* No other number in the document may be taken for a casualty. */
        for (size_t i = 0; i < f.nq; i++) {
            if (f.qs[i].role)
                roles_total++;
            if (f.qs[i].role && !listed[i])
                ds_test_fail(__FILE__, __LINE__, "%s: \"%.*s\" taken for %s", prefix,
                             (int)(f.qs[i].end - f.qs[i].start), text + f.qs[i].start,
                             ds_count_role_name(f.qs[i].role));
        }
        free(listed);
        free(text);
    }
    fclose(fp);
    printf("  seed figures: %d/%d resolved as listed, %d counts with a role\n", ok, rows,
           roles_total);
    CHECK(rows > 20);
    fix_close(&f);
}

/* ---- the CLI -------------------------------------------------------------- */

TEST(cli_times_and_numbers)
{
    const char *in = t_path("r.txt");
    const char *text = "On March 6 at least 14 people were killed.\n";
    REQUIRE(t_write_file(in, text, strlen(text)));
    t_result r = t_run((const char *const[]){"times", "--published", "2025-03-19", in, NULL});
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\"start\": \"2025-03-06\"");
    t_result_free(&r);
    r = t_run((const char *const[]){"numbers", in, NULL});
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\"role\": \"killed\"");
    CHECK_CONTAINS(r.out, "\"qualifier\": \"at least N\"");
    t_result_free(&r);
    r = t_run((const char *const[]){"times", "--published", "March", in, NULL});
    CHECK(r.status != 0);
    CHECK_CONTAINS(r.err, "--published");
    t_result_free(&r);
}

TEST(policy_file_is_user_editable)
{
    /* A copy of data/ with "dozens" coded as 24 instead of ACLED's 12. */
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "mkdir -p data && cp %s/data/*.tsv data/ && "
             "sed -i 's/^dozens\\tvague\\t12\\t12/dozens\\tvague\\t24\\t24/' data/quantity_policy.tsv && "
             "printf 'Dozens were injured.\\n' > d.txt && DOSSIER_DATA=$PWD/data %s numbers d.txt",
             t_repo_root(), t_dossier_bin());
    t_result r = t_sh(cmd);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\"value\": 24");
    t_result_free(&r);
}

/* ds_tq_find, which tokenizes once for both recognizers, finds what the
 * two calls above find, field for field. */
TEST(tq_find_matches_the_two_recognizers)
{
    tfix f;
    if (!fix_open(&f))
        return;
    const char *text =
        "On 3 March 2025 gunmen killed at least 14 civilians and wounded dozens more in "
        "two villages; three days later 1,500 people fled. Between 6 and 10 March, "
        "about 200 were detained, and on Friday a 20-year-old was among 5 abducted.";
    run(&f, text, "2025-03-19");
    ds_arena *a = ds_arena_new(64u << 20);
    ds_time_context ctx = {0};
    ds_date_parse_iso("2025-03-19", DS_PREC_NONE, &ctx.published);
    ds_time_mention *m;
    ds_quantity *q;
    size_t n, nq;
    ds_error err = {0};
    REQUIRE(a);
    REQUIRE(ds_tq_find(f.t, f.q, text, strlen(text), &ctx, a, &m, &n, &q, &nq, &err) == DS_OK);
    CHECK_INT(n, f.n);
    CHECK_INT(nq, f.nq);
    CHECK(n >= 4 && nq >= 5);
    for (size_t i = 0; i < n && i < f.n; i++) {
        CHECK_INT(m[i].start, f.m[i].start);
        CHECK_INT(m[i].end, f.m[i].end);
        CHECK_INT(m[i].resolved, f.m[i].resolved);
        CHECK_INT(m[i].first, f.m[i].first);
        CHECK_INT(m[i].last, f.m[i].last);
        CHECK_INT(m[i].precision, f.m[i].precision);
        CHECK_INT(m[i].anchor, f.m[i].anchor);
    }
    for (size_t i = 0; i < nq && i < f.nq; i++) {
        CHECK_INT(q[i].start, f.qs[i].start);
        CHECK_INT(q[i].end, f.qs[i].end);
        CHECK(q[i].value == f.qs[i].value || (isnan(q[i].value) && isnan(f.qs[i].value)));
        CHECK_INT(q[i].role, f.qs[i].role);
        CHECK(q[i].counts == f.qs[i].counts);
    }
    ds_arena_free(a);
    fix_close(&f);
}
