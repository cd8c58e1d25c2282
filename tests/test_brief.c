/* Briefs and their check, through the dossier program, on the bundled
 * examples: footnotes that name the right documents, a check that passes
 * and one that fails on a corrupted brief, HTML that escapes document text
 * and links footnotes to evidence, and the template language. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief/brief_int.h"
#include "test_brief.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

bool tb_add_manifest(const char *manifest)
{
    char script[8192];
    snprintf(script, sizeof script, "\"$DOSSIER_BIN\" add -q --manifest '%s'", manifest);
    return T_SH_OK(script);
}

char *tb_unwrapped(const char *path)
{
    char *t = t_read_file(path, NULL);
    for (char *p = t; p && *p; p++)
        if (*p == '\n')
            *p = ' ';
    /* Continuation lines are indented: runs of spaces become one. */
    size_t o = 0;
    for (size_t i = 0; t && t[i]; i++)
        if (!(t[i] == ' ' && o && t[o - 1] == ' '))
            t[o++] = t[i];
    if (t)
        t[o] = '\0';
    return t;
}

/* The text of footnote n of an unwrapped Markdown brief, up to its mark. */
static bool footnote(const char *md, int n, char *out, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "[^%d]: ", n);
    const char *f = strstr(md, key);
    if (!f)
        return false;
    f += strlen(key);
    const char *e = strstr(f, "<!-- dossier:evidence");
    snprintf(out, size, "%.*s", (int)(e ? e - f : 0), f);
    return e != NULL;
}

bool tb_statement_cites(const char *md, const char *phrase, const char *needle, const char *title)
{
    for (const char *p = strstr(md, phrase); p; p = strstr(p + 1, phrase)) {
        const char *ref = strstr(p, "[^");
        const char *start = p;
        while (start > md && !(start[0] == '[' && start[1] == '^'))
            start--;
        if (!ref)
            return false;
        char stmt[2048];
        snprintf(stmt, sizeof stmt, "%.*s", (int)(ref - start), start);
        char note[4096];
        if ((!needle || strstr(stmt, needle)) && footnote(md, atoi(ref + 2), note, sizeof note) &&
            strstr(note, title))
            return true;
    }
    return false;
}

/* Every footnote's mark names claims of the document whose title the
 * footnote gives, by the export of the register. */
static void check_marks(const char *md, json_t *root)
{
    size_t i, k;
    json_t *inc, *c;
    int notes = 0;
    for (const char *m = strstr(md, "<!-- dossier:evidence "); m; m = strstr(m + 1, "<!-- dossier:evidence ")) {
        int n = atoi(m + 22);
        char note[4096];
        REQUIRE(footnote(md, n, note, sizeof note));
        notes++;
        const char *end = strstr(m, "-->");
        for (const char *d = strstr(m + 22, " d"); d && d < end; d = strstr(d + 1, " d")) {
            char doc[32], claim[32];
            snprintf(doc, sizeof doc, "d%d", atoi(d + 2));
            snprintf(claim, sizeof claim, "c%d", atoi(strchr(d, ':') + 2));
            json_t *dj;
            const char *title = NULL;
            json_array_foreach(json_object_get(root, "documents"), i, dj)
                if (!strcmp(json_string_value(json_object_get(dj, "id")), doc))
                    title = json_string_value(json_object_get(dj, "title"));
            REQUIRE(title);
            char head[16];
            snprintf(head, sizeof head, "%.12s", title);
            if (!strstr(note, head))
                ds_test_fail(__FILE__, __LINE__, "footnote %d does not cite %s (%s): %s", n, doc, head, note);
            bool found = false;
            json_array_foreach(json_object_get(root, "incidents"), i, inc)
                json_array_foreach(json_object_get(inc, "claims"), k, c)
                    found |= !strcmp(json_string_value(json_object_get(c, "id")), claim) &&
                             !strcmp(json_string_value(json_object_get(c, "document")), doc);
            if (!found)
                ds_test_fail(__FILE__, __LINE__, "footnote %d: %s is not a claim of %s", n, claim, doc);
        }
    }
    CHECK(notes > 3);
}

static json_t *export_json(void)
{
    t_result r = RUN("export");
    json_t *root = r.status == 0 ? json_loads(r.out, 0, NULL) : NULL;
    t_result_free(&r);
    return root;
}

static bool add_examples(void)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    return tb_add_manifest(manifest);
}

/* Adds one to the first digit of the first figure after "with " in the
 * findings: a statement now gives a toll no source gives. */
static bool corrupt_figure(char *md)
{
    char *f = strstr(md, "dossier:findings");
    for (char *w = f ? strstr(f, "with ") : NULL; w; w = strstr(w + 1, "with ")) {
        char *d = w + 5;
        while (*d && strchr("abcdefghijklmnopqrstuvwxyz ", *d))
            d++;
        if (*d >= '1' && *d <= '8') {
            (*d)++;
            return true;
        }
    }
    return false;
}

TEST(brief_examples_footnotes_and_check)
{
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Beit Sabbagh", "-o", "bs.md");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    char *md = tb_unwrapped(t_path("bs.md"));
    REQUIRE(md);
    CHECK_CONTAINS(md, "## Scope and methodology");
    CHECK_CONTAINS(md, "Information cut-off:");
    CHECK_CONTAINS(md, "## Bibliography");
    CHECK_CONTAINS(md, "No information was found on");
    /* The monitor's and the state-aligned outlet's tolls, each cited. */
    CHECK(tb_statement_cites(md, "with 31 killed", NULL, "Daily Violations Report"));
    CHECK(tb_statement_cites(md, "with more than 50 killed", NULL, "cannot hide"));
    CHECK_CONTAINS(md, "The reported death toll thus ranges from at least 12 to more than 50.");
    json_t *root = export_json();
    REQUIRE(root);
    check_marks(md, root);
    json_decref(root);
    free(md);

    r = RUN("brief", "--check", "bs.md");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "0 not found");
    t_result_free(&r);

    char *raw = t_read_file(t_path("bs.md"), NULL);
    REQUIRE(raw);
    REQUIRE(corrupt_figure(raw));
    REQUIRE(t_write_file(t_path("bad.md"), raw, strlen(raw)));
    free(raw);
    r = RUN("brief", "--check", "bad.md");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "footnote ");
    CHECK_CONTAINS(r.err, "figure");
    CHECK_CONTAINS(r.err, "is not in the cited evidence");
    t_result_free(&r);
}

TEST(brief_check_catches_dates_places_and_unsourced_figures)
{
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Beit Sabbagh", "-o", "bs.md");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char *raw = t_read_file(t_path("bs.md"), NULL);
    REQUIRE(raw);
    char *date = strstr(raw, "on 7 March 2025");
    REQUIRE(date);
    date[3] = '8';
    REQUIRE(t_write_file(t_path("date.md"), raw, strlen(raw)));
    date[3] = '7';
    r = RUN("brief", "--check", "date.md");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "date 8 March 2025");
    t_result_free(&r);

    /* A figure added to a closing line has no footnote at all. */
    char *closing = strstr(raw, "No information was found on");
    REQUIRE(closing);
    memcpy(closing, "At least 99 were shot", 21);
    REQUIRE(t_write_file(t_path("unsourced.md"), raw, strlen(raw)));
    r = RUN("brief", "--check", "unsourced.md");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "no footnote");
    t_result_free(&r);
    free(raw);

    const char junk[] = "# Not a brief\n\nJust text with 12 dead.\n";
    REQUIRE(t_write_file(t_path("junk.md"), junk, sizeof junk - 1));
    r = RUN("brief", "--check", "junk.md");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "not a brief written by dossier");
    t_result_free(&r);
}

TEST(brief_html_links_footnotes_to_evidence)
{
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Hillat Nuri", "--format", "html", "-o", "hn.html");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    char *html = t_read_file(t_path("hn.html"), NULL);
    REQUIRE(html);
    CHECK_CONTAINS(html, "<!DOCTYPE html>");
    CHECK_CONTAINS(html, "<section id=\"evidence\">");
    int links = 0;
    for (const char *h = strstr(html, "href=\"#ev-c"); h; h = strstr(h + 1, "href=\"#ev-c")) {
        char id[64];
        snprintf(id, sizeof id, "id=\"ev-c%d\"", atoi(h + 11));
        if (!strstr(html, id))
            ds_test_fail(__FILE__, __LINE__, "footnote link without its evidence: %s", id);
        links++;
    }
    CHECK(links > 0);
    free(html);
    r = RUN("brief", "--check", "hn.html");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
}

TEST(brief_html_escapes_document_text)
{
    const char doc[] = "<script>alert('x')</script> Gunmen killed 12 civilians in Safita on "
                       "7 March 2025, the <b>monitor</b> said. <img src=x onerror=alert(1)> "
                       "Residents & \"witnesses\" fled.\n";
    REQUIRE(t_write_file(t_path("evil.txt"), doc, sizeof doc - 1));
    t_result r = RUN("add", "-q", "--title", "<script>alert(2)</script>", "--author",
                     "<i>Eve</i>", "--source", "Evil <script> Agency", "--published",
                     "2025-03-08", "--url", "javascript:alert(3)", "evil.txt");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    r = RUN("brief", "--about", "Safita", "--format", "html");
    CHECK_INT(r.status, 0);
    CHECK(!strstr(r.out, "<script"));
    CHECK(!strstr(r.out, "<img"));
    CHECK(!strstr(r.out, "<b>"));
    CHECK(!strstr(r.out, "javascript:"));
    CHECK_CONTAINS(r.out, "&lt;script&gt;");
    t_result_free(&r);
    r = RUN("timeline", "--format", "svg");
    CHECK_INT(r.status, 0);
    CHECK(!strstr(r.out, "<script"));
    t_result_free(&r);
}

TEST(brief_without_material_closes_honestly)
{
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Yazidis");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "No information was found on Yazidis in the documents consulted.");
    t_result_free(&r);
    r = RUN("brief", "--about", "Alawites", "--place", "Aleppo");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "No information was found on Alawites in Aleppo");
    t_result_free(&r);
    r = RUN("brief");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
    r = RUN("brief", "--about", "x", "--style", "../etc");
    CHECK_INT(r.status, 1);
    t_result_free(&r);
}

TEST(brief_timeline_points_and_bars)
{
    REQUIRE(add_examples());
    t_result r = RUN("timeline");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "*"); /* a day */
    CHECK_CONTAINS(r.out, "=="); /* a month or a range of days */
    CHECK_CONTAINS(r.out, "killed 12\u201350");
    t_result_free(&r);
    r = RUN("timeline", "--format", "svg");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "<circle");
    CHECK_CONTAINS(r.out, "<rect x=");
    CHECK_CONTAINS(r.out, "</svg>\n");
    t_result_free(&r);
}

TEST(brief_templates)
{
    ds_arena *a = ds_arena_new(1 << 20);
    REQUIRE(a);
    const char *vars[] = {"source", "Alpha", "place", NULL, "date", "on 6 March", NULL};
    CHECK_STR(ds__br_fill(a, "According to {source},[ in {place}][ {date}].", vars),
              "According to Alpha, on 6 March.");
    CHECK_STR(ds__br_fill(a, "[{place}]", vars), "");
    CHECK_STR(ds__br_fill(a, "a [b", vars), "a [b");
    br_style st;
    ds_error err;
    REQUIRE(ds__br_style_load(&st, "euaa", a, &err) == DS_OK);
    CHECK_STR(ds__br_number(&st, a, 1500), "1,500");
    CHECK_STR(ds__br_number(&st, a, 973), "973");
    CHECK_STR(ds__br_date(&st, a, "2025-02-21", "2025-02-28", true), "between 21 and 28 February 2025");
    CHECK_STR(ds__br_date(&st, a, "2025-03-01", "2025-03-31", true), "in March 2025");
    CHECK_STR(ds__br_date(&st, a, "2025-03-06", "2025-03-06", true), "on 6 March 2025");
    CHECK_STR(ds__br_date(&st, a, "2025-02-28", "2025-03-02", false), "between 28 February and 2 March 2025");
    ds_free(st.rows);
    ds_arena_free(a);
}

TEST(brief_sections_by_period_and_group)
{
    REQUIRE(add_examples());
    t_result r = RUN("brief", "--about", "Alawites", "--sections", "period", "--group", "Alawite");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\n## March 2025\n");
    CHECK_CONTAINS(r.out, "concerning Alawite from");
    t_result_free(&r);
}

TEST(brief_house_style_is_a_data_file)
{
    REQUIRE(add_examples());
    char script[8192];
    /* A copy of data/ with one more style whose citations start with the
     * title: a new house style without recompiling. */
    snprintf(script, sizeof script,
             "cp -r '%s/data' mydata && "
             "sed 's/^citation\t.*/citation\t{title} ({lead}[, {date}])/' mydata/brief_euaa.tsv "
             "> mydata/brief_titlefirst.tsv && "
             "DOSSIER_DATA=\"$PWD/mydata\" \"$DOSSIER_BIN\" brief --about 'Hillat Nuri' "
             "--style titlefirst -o styled.md",
             t_repo_root());
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    char *md = tb_unwrapped(t_path("styled.md"));
    CHECK_CONTAINS(md, "Briefing Note: Casualties and Displacement after the Hillat Nuri Attack, North");
    CHECK_CONTAINS(md, "(Marsh, H., ");
    free(md);
}
