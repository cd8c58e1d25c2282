/* Briefs and timelines as their readers get them: the HTML brief and the
 * SVG and HTML timelines rendered by headless Chromium (screenshots kept
 * under the build directory, in test-artifacts/), and the Markdown brief
 * through markdownlint.  Both tools are installed by scripts/setup.sh; the
 * tests are skipped, saying so, when one is missing. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_brief.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

static const char *artifacts(void)
{
    static char dir[4096];
    char bin[4096];
    snprintf(bin, sizeof bin, "%s", t_dossier_bin());
    snprintf(dir, sizeof dir, "%s/test-artifacts", dirname(bin));
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    t_result r = t_sh(cmd);
    t_result_free(&r);
    return dir;
}

static bool have_chromium(void)
{
    t_result r = t_sh("command -v chromium");
    bool ok = r.status == 0;
    t_result_free(&r);
    return ok;
}

static bool add_examples(void)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    return tb_add_manifest(manifest);
}

/* Chromium's options for a headless run as any user, with its own profile. */
#define CHROMIUM "timeout 120 chromium --headless --no-sandbox --disable-gpu " \
                 "--user-data-dir=\"$PWD/chromium-profile\" "

/* Renders file (in the test directory) to png and returns the page's DOM. */
static char *render(const char *file, const char *png)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             CHROMIUM "--screenshot='%s/%s' --window-size=1200,1600 \"file://$PWD/%s\" "
             ">/dev/null 2>&1; " CHROMIUM "--dump-dom \"file://$PWD/%s\" 2>/dev/null",
             artifacts(), png, file, file);
    t_result r = t_sh(cmd);
    char *dom = r.status == 0 ? r.out : NULL;
    if (!dom)
        free(r.out);
    free(r.err);
    return dom;
}

static void check_png(const char *png)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", artifacts(), png);
    size_t n = 0;
    char *bytes = t_read_file(path, &n);
    CHECK(bytes && n > 10000 && !memcmp(bytes, "\x89PNG", 4));
    free(bytes);
}

TEST(brief_render_chromium)
{
    if (!have_chromium())
        SKIP("chromium is absent (scripts/setup.sh installs Debian's chromium)");
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Beit Sabbagh", "--format", "html", "-o", "brief.html");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    r = RUN("timeline", "--format", "svg", "-o", "timeline.svg");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    r = RUN("timeline", "--format", "html", "-o", "timeline.html");
    REQUIRE(r.status == 0);
    t_result_free(&r);

    char *dom = render("brief.html", "brief.png");
    CHECK_CONTAINS(dom, "Scope and methodology");
    CHECK_CONTAINS(dom, "id=\"evidence\"");
    free(dom);
    check_png("brief.png");
    dom = render("timeline.svg", "timeline-svg.png");
    CHECK_CONTAINS(dom, "<circle");
    free(dom);
    check_png("timeline-svg.png");
    dom = render("timeline.html", "timeline.png");
    CHECK_CONTAINS(dom, "<rect");
    free(dom);
    check_png("timeline.png");
}

TEST(brief_markdown_lint)
{
    char lint[4096];
    snprintf(lint, sizeof lint, "%s/deps/node_modules/.bin/markdownlint", t_repo_root());
    FILE *f = fopen(lint, "r");
    if (!f)
        SKIP("markdownlint is absent (scripts/setup.sh installs it from deps/package-lock.json)");
    fclose(f);
    REQUIRE(add_examples());
    const char *topics[] = {"Beit Sabbagh", "Rohingya", "Yazidis"};
    for (size_t i = 0; i < sizeof topics / sizeof *topics; i++) {
        t_result r = RUN("brief", "--about", topics[i], "-o", "lint.md");
        REQUIRE(r.status == 0);
        t_result_free(&r);
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "'%s' lint.md", lint);
        r = t_sh(cmd);
        CHECK_INT(r.status, 0);
        if (r.status)
            ds_test_fail(__FILE__, __LINE__, "markdownlint on the brief about %s: %s%s", topics[i],
                         r.out, r.err);
        t_result_free(&r);
    }
}
