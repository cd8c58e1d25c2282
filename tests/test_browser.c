/* The pages in a browser: headless Debian chromium driven by playwright-core
 * (the scripts of tests/browser/) against `dossier serve` on a fresh database.  The
 * walk runs on the reference seeds; the XSS test on a document of its own
 * full of markup.  Screenshots are kept in test-artifacts/ beside the
 * program.  Skipped, saying what is missing, without node, chromium,
 * playwright-core (scripts/setup.sh installs them) or the seeds. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "test_serve_http.h"

/* NULL when everything the browser tests need is here, else what is not. */
static const char *missing_tool(void)
{
    char pw[4096];
    snprintf(pw, sizeof pw, "%s/deps/node_modules/playwright-core/package.json", t_repo_root());
    t_result r = t_sh("command -v node");
    bool node = r.status == 0;
    t_result_free(&r);
    if (!node)
        return "node is absent (scripts/setup.sh installs Debian's nodejs)";
    if (access("/usr/bin/chromium", X_OK))
        return "/usr/bin/chromium is absent (scripts/setup.sh installs Debian's chromium)";
    if (access(pw, R_OK))
        return "playwright-core is absent (scripts/setup.sh installs it from deps/package-lock.json)";
    return NULL;
}

/* Serves the test's database (with serve_args) and runs
 * tests/browser/SCRIPT against its address and fragment; its output is
 * returned and its exit status checked, with what it said on failure. */
static char *walk(const char *script, const char *artifacts, const char *const *serve_args,
                  const char *fragment)
{
    ts_server sv;
    if (!ts_start(&sv, serve_args))
        return NULL;
    char bin[4096], cmd[16384];
    snprintf(bin, sizeof bin, "%s", t_dossier_bin());
    snprintf(cmd, sizeof cmd, "timeout 120 node '%s/tests/browser/%s' 'http://127.0.0.1:%d/%s' "
             "'%s/test-artifacts/%s'", t_repo_root(), script, sv.port, fragment, dirname(bin),
             artifacts);
    t_result r = t_sh(cmd);
    CHECK_INT(r.status, 0);
    if (r.status)
        ds_test_fail(__FILE__, __LINE__, "%s said: %s%s", script, r.out, r.err);
    free(r.err);
    CHECK_INT(ts_stop(&sv), 0);
    return r.out;
}

/* Adds the examples, as the walks that need no seeds start. */
static bool add_examples(void)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    t_result r = t_run((const char *const[]){"add", "-q", "--manifest", manifest, NULL});
    bool ok = r.status == 0;
    t_result_free(&r);
    return ok;
}

/* The text after key in out, up to the end of its word. */
static void word_after(const char *out, const char *key, char *word, size_t n)
{
    const char *p = out ? strstr(out, key) : NULL;
    snprintf(word, n, "%s", p ? p + strlen(key) : "?");
    word[strcspn(word, " ,\n")] = '\0';
}

TEST(browser_walk_on_seeds)
{
    const char *why = missing_tool();
    if (why)
        SKIP("%s", why);
    if (!t_seeds_dir())
        SKIP("../shared/seeds is absent; the browser walk needs the reference seeds");
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", t_seeds_dir());
    t_result r = t_run((const char *const[]){"add", "-q", "--manifest", manifest, NULL});
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *out = walk("walk.js", "browser-walk", NULL, "");
    CHECK_CONTAINS(out, "evidence highlighted in");
    CHECK_CONTAINS(out, "walk: the confirmation is in the audit log");
    /* The page's confirmation is the one the CLI lists, with its user. */
    const char *claim = out ? strstr(out, "log: Walk Reviewer confirm ") : NULL;
    r = t_run((const char *const[]){"review", "log", NULL});
    char expect[128];
    snprintf(expect, sizeof expect, "Walk Reviewer  confirm %.20s", claim ? claim + 27 : "?");
    expect[strcspn(expect, "\n")] = '\0';
    CHECK_CONTAINS(r.out, expect);
    CHECK_CONTAINS(r.out, "why: read in the document");
    t_result_free(&r);
    free(out);
}

/* Markup in every field a page shows; each payload would set
 * window.__xss or open a dialog if it ran. */
static const char hostile_text[] =
    "Gunmen killed 3 civilians in Baniyas on 4 March 2025 <script>window.__xss = 1</script>.\n\n"
    "Witnesses said <img src=x onerror=\"window.__xss = 2\"> and "
    "<svg onload=alert(3)></svg> and <b>bold</b> & \"quotes\" were seen in Baniyas.\n";

TEST(browser_document_markup_stays_text)
{
    const char *why = missing_tool();
    if (why)
        SKIP("%s", why);
    REQUIRE(t_write_file(t_path("hostile.txt"), hostile_text, sizeof hostile_text - 1));
    t_result r = t_run((const char *const[]){
        "add", "-q", "--title", "<img src=x onerror=\"window.__xss = 4\"> report",
        "--source", "<script>window.__xss = 5</script>", "--url", "javascript:window.__xss = 6",
        "--published", "2025-03-05", "--country", "SY", "hostile.txt", NULL});
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *out = walk("xss.js", "browser-xss", NULL, "");
    CHECK_CONTAINS(out, "incident i");
    CHECK_CONTAINS(out, "xss: no script ran");
    free(out);
}

TEST(browser_token_from_the_fragment)
{
    const char *why = missing_tool();
    if (why)
        SKIP("%s", why);
    static const char token[] = "browser-token-0123456789";
    char fragment[64];
    snprintf(fragment, sizeof fragment, "#token=%s", token);
    REQUIRE(t_write_file(t_path("token"), token, sizeof token - 1));
    REQUIRE(add_examples());
    char *out = walk("token.js", "browser-token",
                     (const char *const[]){"--token-file", t_path("token"), NULL},
                     fragment);
    CHECK_CONTAINS(out, "token: refused without it");
    free(out);
}

TEST(browser_review_edit_split_merge)
{
    const char *why = missing_tool();
    if (why)
        SKIP("%s", why);
    REQUIRE(add_examples());
    char *out = walk("decide.js", "browser-decide", NULL, "");
    CHECK_CONTAINS(out, "decide: the edit, the split and the merge are in the audit log");
    /* The page's decisions are those the CLI lists, with their user. */
    char edited[32], day[32], split[32], expect[160];
    word_after(out, "decide: edit ", edited, sizeof edited);
    word_after(out, " date -> ", day, sizeof day);
    word_after(out, "decide: split ", split, sizeof split);
    const char *merge = out ? strstr(out, "decide: merge ") : NULL;
    char merged[64];
    snprintf(merged, sizeof merged, "%s", merge ? merge + 14 : "?");
    merged[strcspn(merged, ",")] = '\0';
    t_result r = t_run((const char *const[]){"review", "log", NULL});
    snprintf(expect, sizeof expect, "Decide Reviewer  edit %s  date: ", edited);
    CHECK_CONTAINS(r.out, expect);
    snprintf(expect, sizeof expect, "-> %s  why: the dateline gives the day", day);
    CHECK_CONTAINS(r.out, expect);
    snprintf(expect, sizeof expect, "Decide Reviewer  split %s (1 claims apart)  why: a second raid",
             split);
    CHECK_CONTAINS(r.out, expect);
    snprintf(expect, sizeof expect, "Decide Reviewer  merge %s  why: one raid after all", merged);
    CHECK_CONTAINS(r.out, expect);
    t_result_free(&r);
    free(out);
}

/* Writes n one-sentence reports, three kinds of event every third day
 * from 2024-01-01, which link into more incidents than the timeline draws
 * as bars. */
static bool write_crowd(int n)
{
    static const char *const kinds[] = {"Gunmen killed", "An airstrike killed", "Shelling killed"};
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    for (int i = 0; i < n; i++) {
        time_t t = 1704067200 + (time_t)(i / 3) * 3 * 86400;
        struct tm tm;
        gmtime_r(&t, &tm);
        char name[32], text[160];
        snprintf(name, sizeof name, "r%04d.txt", i);
        int len = snprintf(text, sizeof text, "%s %d civilians on %d %s %d.\n", kinds[i % 3],
                           i % 9 + 2, tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
        if (!t_write_file(t_path(name), text, (size_t)len))
            return false;
    }
    return true;
}

TEST(browser_timeline_aggregates_a_crowd)
{
    const char *why = missing_tool();
    if (why)
        SKIP("%s", why);
    REQUIRE(write_crowd(600));
    t_result r = t_sh("\"$DOSSIER_BIN\" add -q --published 2025-09-01 --country SY r*.txt");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *out = walk("crowd.js", "browser-crowd", NULL, "");
    CHECK_CONTAINS(out, "drawn as bars");
    free(out);
}
