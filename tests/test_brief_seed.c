/* Briefs on the reference seeds (../shared/seeds; skipped without them):
 * the Ismailis brief 002's section 2.4.3 was written from, and the coastal
 * death toll of March 2025 as the range the sources give. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_brief.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

/* Titles of the seeds' documents, as their footnotes give them. */
#define T000 "Inside Hayat Tahrir al-Sham"
#define T001 "The Ismaili Mediators of Qadmus"
#define T002 "Syria: Country Focus"
#define T003 "(untitled dispatch)"
#define T004 "Al-Qaeda-rooted HTS regime"

static bool add_seeds(void)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", t_seeds_dir());
    return tb_add_manifest(manifest);
}

static void check_passes(const char *file)
{
    t_result r = RUN("brief", "--check", file);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, " 0 not found");
    if (r.status)
        ds_test_fail(__FILE__, __LINE__, "check: %s", r.err);
    t_result_free(&r);
}

TEST(brief_seed_ismailis)
{
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent; the seed briefs need it");
    REQUIRE(add_seeds());
    t_result r = RUN("brief", "--about", "Ismailis", "-o", "ismailis.md");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *md = tb_unwrapped(t_path("ismailis.md"));
    REQUIRE(md);
    /* The Qadmus killings of late February: two killed by 000 and 001
     * (one author), three by 002, and the range. */
    CHECK(tb_statement_cites(md, "in Qadmus between 21 and 28 February 2025, with 2 killed", NULL, T000));
    CHECK(tb_statement_cites(md, "with 3 killed", NULL, T002));
    CHECK_CONTAINS(md, "The reported death toll thus ranges from 2 to 3.");
    /* The killings of 6 March (001). */
    CHECK(tb_statement_cites(md, "on 6 March 2025, with 2 killed", NULL, T001));
    /* The handover of Salamiyah to HTS on 4 December 2024 (000). */
    CHECK(tb_statement_cites(md, "control changed hands", "Salamiyah", T000));
    CHECK(tb_statement_cites(md, "Salamiyah", "4 December 2024", T000));
    /* The negotiated exit from Qadmus (000, and 002 which relays it). */
    CHECK(tb_statement_cites(md, "an agreement was reached", "Qadmus", T000));
    CHECK(tb_statement_cites(md, "European Union Agency for Asylum also reported it", NULL, T002));
    CHECK_CONTAINS(md, "No information was found on");
    free(md);
    check_passes("ismailis.md");
    r = RUN("brief", "--about", "Ismailis", "--format", "html", "-o", "ismailis.html");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    check_passes("ismailis.html");
}

TEST(brief_seed_alawites_coastal_toll)
{
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent; the seed briefs need it");
    REQUIRE(add_seeds());
    t_result r = RUN("brief", "--about", "Alawites", "--from", "2025-03-01", "--to", "2025-03-31",
                     "-o", "alawites.md");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *md = tb_unwrapped(t_path("alawites.md"));
    REQUIRE(md);
    CHECK_CONTAINS(md, "from 1 March 2025 to 31 March 2025");
    /* Each source with its own figure, a relayed one shown as relayed. */
    CHECK(tb_statement_cites(md, "with more than 600 killed", NULL, T000));
    CHECK(tb_statement_cites(md, "with at least 973 killed", "Syrian Observatory for Human Rights", T003));
    CHECK(tb_statement_cites(md, "with approximately 1,500 killed", "Reuters", T004));
    CHECK_CONTAINS(md, "Syrian Observatory for Human Rights, as cited in");
    CHECK_CONTAINS(md, "The reported death toll thus ranges from more than 600 to approximately 1,500.");
    free(md);
    check_passes("alawites.md");
}
