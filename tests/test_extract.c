/* Tests of HTML and PDF extraction and of the subprocess helper. */
#include "test.h"

#include "add/extract.h"
#include "add/subprocess.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_TEXT = 1 << 20 };

static ds_status html_n(const char *s, size_t n, ds__extracted *x, ds_error *e)
{
    ds_error_clear(e);
    return ds__html_extract(s, n, "page.html", MAX_TEXT, x, e);
}

static ds_status html(const char *s, ds__extracted *x, ds_error *e)
{
    return html_n(s, strlen(s), x, e);
}

/* Sets an environment variable for one test and puts the old value back. */
typedef struct saved_env {
    const char *name;
    char *old;
} saved_env;

static saved_env env_set(const char *name, const char *value)
{
    const char *old = getenv(name);
    saved_env s = {name, old ? strdup(old) : NULL};
    setenv(name, value, 1);
    return s;
}

static void env_restore(saved_env *s)
{
    if (s->old)
        setenv(s->name, s->old, 1);
    else
        unsetenv(s->name);
    free(s->old);
    s->old = NULL;
}

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static bool no_children_left(void)
{
    return waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- HTML: main text ------------------------------------------------- */

TEST(extract_html_drops_furniture)
{
    const char *page =
        "<html><head><title>T</title><style>p{color:red}</style>"
        "<script>var x = \"SCRIPT\";</script></head><body>\n"
        "<header><a href=\"/\">SiteHeader</a></header>\n"
        "<nav><ul><li>NavLink</li></ul></nav>\n"
        "<div class=\"share-buttons\">ShareThis</div>\n"
        "<div id=\"cookieBanner\">CookieText</div>\n"
        "<div role=\"navigation\">RoleNav</div>\n"
        "<div hidden>HiddenText</div>\n"
        "<div style=\"display: none\">StyleHidden</div>\n"
        "<p>Real text stays.</p>\n"
        "<form><label>Email</label><input value=\"InputValue\"><button>Go</button>"
        "<select><option>OptionText</option></select></form>\n"
        "<noscript>NoScriptText</noscript><template><p>TemplateText</p></template>\n"
        "<svg><text>SvgText</text></svg><iframe src=\"x\">FrameText</iframe>\n"
        "<aside>AsideText</aside>\n"
        "<p>Second real paragraph.</p>\n"
        "<div class=\"has-sidebar\"><p>Wrapped paragraph.</p></div>\n"
        "<section class=\"comments\"><p>CommentText</p></section>\n"
        "<footer>FooterText</footer>\n"
        "<script>document.write(\"LATE\")</script></body></html>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.text, "Real text stays.\n\nSecond real paragraph.\n\nWrapped paragraph.");
    CHECK_INT(x.len, strlen(x.text));
    ds__extracted_free(&x);
    CHECK(x.text == NULL);
}

TEST(extract_html_prefers_article)
{
    const char *page =
        "<body><div class=\"strip\">Top strip words</div>\n"
        "<div><article><h2>Teaser</h2><p>Short.</p></article></div>\n"
        "<article><header><h1>Main headline</h1><p class=\"byline\">By Jane Roe</p></header>"
        "<p>Body one.</p><p>Body two is longer than the teaser.</p><footer>Tags</footer>"
        "</article>\n"
        "<div class=\"related-stories\"><article><p>A related teaser that is longer than "
        "anything else on this page, so only the cue keeps it out of the choice of the "
        "main article.</p></article></div></body>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.text, "Main headline\n\nBy Jane Roe\n\nBody one.\n\nBody two is longer "
                      "than the teaser.");
    ds__extracted_free(&x);
}

TEST(extract_html_prefers_main)
{
    ds__extracted x;
    ds_error e;
    REQUIRE(html("<body><p>Outside</p><div role=\"main\"><p>Inside</p></div>"
                 "<p>After</p></body>",
                 &x, &e) == DS_OK);
    CHECK_STR(x.text, "Inside");
    ds__extracted_free(&x);
    REQUIRE(html("<body><div>Intro</div><main><header><h1>Head</h1></header>"
                 "<article><p>One</p></article><article><p>Two</p></article></main></body>",
                 &x, &e) == DS_OK);
    CHECK_STR(x.text, "Head\n\nOne\n\nTwo");
    ds__extracted_free(&x);
}

TEST(extract_html_layout)
{
    const char *page =
        "<html><body>\n<h1>Annual  review</h1>\n"
        "<p>First   paragraph\n with <b>bold</b> text.</p>\n"
        "<ul>\n<li>One</li>\n<li>Two <i>items</i></li>\n<li><img src=\"x.png\"></li></ul>\n"
        "<p>Line one<br>Line two<br><br>After a gap</p>\n"
        "<figure><img src=\"x.png\"><figcaption>A caption here.</figcaption></figure>\n"
        "<table><tr><th>Town</th><th>Killed</th></tr><tr><td>Alpha</td><td>3</td></tr>"
        "</table>\n"
        "<blockquote>Quoted words.</blockquote>\n"
        "<ol><li>Outer<ul><li>Inner</li></ul></li><li><p>Para item</p></li></ol>\n"
        "<pre>  keep   this\n\n\nand this</pre>\n"
        "<h2>Closing</h2>Tail &amp; end&nbsp;mark</body></html>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.text, "Annual review\n\n"
                      "First paragraph with bold text.\n\n"
                      "- One\n- Two items\n\n"
                      "Line one\nLine two\n\nAfter a gap\n\n"
                      "A caption here.\n\n"
                      "Town | Killed\nAlpha | 3\n\n"
                      "Quoted words.\n\n"
                      "- Outer\n- Inner\n- Para item\n\n"
                      "keep   this\n\nand this\n\n"
                      "Closing\n\n"
                      "Tail & end\xC2\xA0mark");
    ds__extracted_free(&x);
}

TEST(extract_html_malformed)
{
    const char *pages[] = {
        "<p>one<p>two</div></span><p>three",
        "<html><body><div><p>unclosed <b>bold <i>both</p></div>tail",
        "<<<>>><p a=\"\" b='x c=>text</p></p></p><!-- never closed",
        "<table><td>cell<tr>row</table></table><li>stray",
        "<p>\x01\x02 control</p>\xef\xbf\xbe<p>&#0; &#xD800; &bogus; &#99999999;</p>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        ds__extracted x;
        ds_error e;
        ds_status rc = html(pages[i], &x, &e);
        CHECK(rc == DS_OK || rc == DS_EEMPTY);
        ds__extracted_free(&x);
    }
    ds__extracted x;
    ds_error e;
    REQUIRE(html(pages[0], &x, &e) == DS_OK);
    CHECK_STR(x.text, "one\n\ntwo\n\nthree");
    ds__extracted_free(&x);
}

TEST(extract_html_empty)
{
    const char *pages[] = {"", "   \n", "<html><body><script>x()</script></body></html>",
                           "<!-- only a comment -->", "<nav>menu</nav><footer>f</footer>"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        ds__extracted x;
        ds_error e;
        ds_status rc = html(pages[i], &x, &e);
        if (i == 4) {
            /* Furniture alone is still text: the lenient pass keeps it. */
            CHECK_INT(rc, DS_OK);
            ds__extracted_free(&x);
            continue;
        }
        CHECK_INT(rc, DS_EEMPTY);
        CHECK_CONTAINS(e.msg, "page.html");
        CHECK(x.text == NULL && x.title == NULL);
    }
}

TEST(extract_html_cue_fallback)
{
    /* A wrapper whose class matches a cue would swallow the page: the
     * extractor reads it again without cues. */
    ds__extracted x;
    ds_error e;
    REQUIRE(html("<body><div class=\"page sidebar-left\"><p>Body text.</p></div></body>",
                 &x, &e) == DS_OK);
    CHECK_STR(x.text, "Body text.");
    ds__extracted_free(&x);
}

TEST(extract_html_deep_nesting)
{
    enum { DEPTH = 100000 };
    const char *tags[] = {"div", "b", "li", "table"};
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        size_t cap = DEPTH * 10 + 64, len = 0;
        char *page = malloc(cap);
        REQUIRE(page);
        len += (size_t)sprintf(page, "<p>Start.</p>");
        for (int i = 0; i < DEPTH; i++)
            len += (size_t)sprintf(page + len, "<%s>", tags[t]);
        len += (size_t)sprintf(page + len, "deep");
        ds__extracted x;
        ds_error e;
        ds_status rc = html_n(page, len, &x, &e);
        CHECK_INT(rc, DS_OK);
        CHECK_CONTAINS(x.text, "Start.");
        ds__extracted_free(&x);
        free(page);
    }
}

TEST(extract_html_text_cap)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 20);
    for (int i = 0; i < 200; i++)
        REQUIRE(ds_buf_printf(&b, "<p>Paragraph number %d of a long page.</p>", i) == DS_OK);
    ds__extracted x;
    ds_error e;
    CHECK_INT(ds__html_extract(b.p, b.len, "long.html", 1000, &x, &e), DS_ETOOBIG);
    CHECK_CONTAINS(e.msg, "long.html");
    CHECK_CONTAINS(e.msg, "1000");
    CHECK(x.text == NULL);
    CHECK_INT(ds__html_extract(b.p, b.len, "long.html", 100000, &x, &e), DS_OK);
    ds__extracted_free(&x);
    ds_buf_free(&b);
}

TEST(extract_html_out_of_memory)
{
    const char *page = "<html lang=\"en\"><head><meta property=\"og:title\" content=\"T\">"
                       "</head><body><p>Some text.</p></body></html>";
    bool ok = false;
    for (long n = 0; n < 200 && !ok; n++) {
        ds__extracted x;
        ds_error e;
        ds_alloc_fail_after(n);
        ds_status rc = html(page, &x, &e);
        ds_alloc_fail_after(-1);
        CHECK(rc == DS_OK || rc == DS_ENOMEM);
        if (rc == DS_OK) {
            CHECK_STR(x.text, "Some text.");
            ok = true;
        } else {
            CHECK(x.text == NULL && x.title == NULL && x.lang == NULL);
        }
        ds__extracted_free(&x);
    }
    CHECK(ok);
}

/* ---- HTML: metadata -------------------------------------------------- */

TEST(extract_html_meta_og)
{
    const char *page =
        "<html lang=\"en-GB\"><head>"
        "<meta property=\"og:title\" content=\"Displacement in the north\">"
        "<meta name=\"twitter:title\" content=\"Twitter title\">"
        "<meta property=\"og:site_name\" content=\"Example Monitor\">"
        "<meta name=\"author\" content=\"Jane Roe\">"
        "<meta property=\"article:published_time\" content=\"2025-03-19T08:00:00Z\">"
        "<meta name=\"date\" content=\"2020-01-01\">"
        "<link rel=\"canonical\" href=\"https://example.org/reports/north\">"
        "<meta property=\"og:url\" content=\"https://example.org/og\">"
        "<title>Other title | Example Monitor</title>"
        "</head><body><h1>Heading</h1><p>Text.</p><time datetime=\"2019-05-05\">x</time>"
        "</body></html>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.title, "Displacement in the north");
    CHECK_STR(x.site_name, "Example Monitor");
    CHECK_STR(x.author, "Jane Roe");
    CHECK_STR(x.published, "2025-03-19T08:00:00Z");
    CHECK_STR(x.url, "https://example.org/reports/north");
    CHECK_STR(x.lang, "en-GB");
    ds__extracted_free(&x);
}

TEST(extract_html_meta_fallbacks)
{
    const char *page =
        "<html><head><title>\n  Displacement in the north | Example Monitor </title>"
        "<meta name=\"publisher\" content=\"Example Monitor\">"
        "<meta http-equiv=\"content-language\" content=\"ar\">"
        "<meta name=\"DC.date.issued\" content=\"2025-02-01\">"
        "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
        "</head><body><p>By <a rel=\"author\" href=\"/people/jd\">John  Doe</a></p>"
        "<time datetime=\"2024-01-01\">New Year</time><p>Text.</p></body></html>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.title, "Displacement in the north");
    CHECK_STR(x.site_name, "Example Monitor");
    CHECK_STR(x.author, "John Doe");
    CHECK_STR(x.published, "2025-02-01");
    CHECK_STR(x.lang, "ar");
    CHECK(x.url == NULL);
    ds__extracted_free(&x);
}

TEST(extract_html_meta_byline_and_time)
{
    const char *page =
        "<html><head><meta property=\"og:url\" content=\"https://example.org/a\">"
        "<meta property=\"og:site_name\" content=\"Monitor\"></head><body>"
        "<h1>Headline from <em>th</em>e<br>h1</h1><span class=\"byline\">By  Sam Poe</span>"
        "<span itemprop=\"datePublished\" content=\"2025-01-05\">Jan 5</span>"
        "<time datetime=\"2020-01-01\">x</time><p>Text.</p></body></html>";
    ds__extracted x;
    ds_error e;
    REQUIRE(html(page, &x, &e) == DS_OK);
    CHECK_STR(x.title, "Headline from the h1");
    CHECK_STR(x.author, "Sam Poe");
    CHECK_STR(x.published, "2025-01-05");
    CHECK_STR(x.url, "https://example.org/a");
    CHECK(x.lang == NULL);
    ds__extracted_free(&x);

    REQUIRE(html("<title>Monitor - A report</title><body><p>Text <time datetime=\"2023-07-08\">"
                 "8 July</time>.</p><meta property=\"og:site_name\" content=\"Monitor\">",
                 &x, &e) == DS_OK);
    CHECK_STR(x.title, "A report");
    CHECK_STR(x.published, "2023-07-08");
    CHECK_STR(x.text, "Text 8 July.");
    ds__extracted_free(&x);
}

/* ---- HTML: character sets -------------------------------------------- */

/* "سوريا" (Syria) in windows-1256 and in UTF-8. */
#define SYRIA_1256 "\xd3\xe6\xd1\xed\xc7"
#define SYRIA_UTF8 "\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7"

TEST(extract_html_windows_1256)
{
    const char *pages[] = {
        "<html lang=\"ar\"><head><meta charset=\"windows-1256\"><title>" SYRIA_1256
        "</title></head><body><p>" SYRIA_1256 "</p></body></html>",
        "<html lang=\"ar\"><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=windows-1256\"><title>" SYRIA_1256
        "</title></head><body><p>" SYRIA_1256 "</p></body></html>",
        "<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n<html lang=\"ar\"><head><title>"
        SYRIA_1256 "</title></head><body><p>" SYRIA_1256 "</p></body></html>",
        "<!-- <meta charset=\"utf-8\"> --><html lang=\"ar\"><head><META CHARSET='CP1256'>"
        "<title>" SYRIA_1256 "</title></head><body><p>" SYRIA_1256 "</p></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        ds__extracted x;
        ds_error e;
        REQUIRE(html(pages[i], &x, &e) == DS_OK);
        CHECK_STR(x.text, SYRIA_UTF8);
        CHECK_STR(x.title, SYRIA_UTF8);
        CHECK_STR(x.lang, "ar");
        ds__extracted_free(&x);
    }
    /* Every byte from 0x80 up decodes, and nothing after them is lost. */
    char page[512];
    size_t len = (size_t)sprintf(page, "<meta charset=windows-1256><p>");
    for (int c = 0x80; c <= 0xFF; c++)
        page[len++] = (char)c;
    len += (size_t)sprintf(page + len, " END</p>");
    ds__extracted x;
    ds_error e;
    REQUIRE(html_n(page, len, &x, &e) == DS_OK);
    CHECK_CONTAINS(x.text, " END");
    CHECK(strstr(x.text, "\xEF\xBF\xBD") == NULL);
    ds__extracted_free(&x);
}

TEST(extract_html_iso_8859)
{
    ds__extracted x;
    ds_error e;
    /* ISO-8859-1 is read as windows-1252, as browsers do: 0x93 and 0x94
     * are curly quotes. */
    REQUIRE(html("<meta charset=\"iso-8859-1\"><p>caf\xe9 \x93quoted\x94 na\xefve</p>", &x,
                 &e) == DS_OK);
    CHECK_STR(x.text, "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d na\xc3\xafve");
    ds__extracted_free(&x);
    /* A byte windows-1252 leaves undefined becomes U+FFFD, and decoding
     * goes on after it. */
    REQUIRE(html("<meta charset=\"windows-1252\"><p>a\x81" "b END</p>", &x, &e) == DS_OK);
    CHECK_STR(x.text, "a\xef\xbf\xbd" "b END");
    ds__extracted_free(&x);
    /* ISO-8859-6 (Arabic) through iconv. */
    REQUIRE(html("<meta charset=\"ISO-8859-6\"><p>\xd3\xe8\xd1\xea\xc7</p>", &x, &e) == DS_OK);
    CHECK_STR(x.text, SYRIA_UTF8);
    ds__extracted_free(&x);
}

TEST(extract_html_utf8_and_boms)
{
    ds__extracted x;
    ds_error e;
    /* Undeclared pages are UTF-8; a stray byte becomes U+FFFD and a NUL
     * disappears. */
    const char bad[] = "<p>caf\xc3\xa9 \xff ok\0 done</p>";
    REQUIRE(html_n(bad, sizeof bad - 1, &x, &e) == DS_OK);
    CHECK_STR(x.text, "caf\xc3\xa9 \xef\xbf\xbd ok done");
    ds__extracted_free(&x);
    /* A byte-order mark wins over a <meta>. */
    REQUIRE(html("\xef\xbb\xbf<meta charset=\"windows-1256\"><p>caf\xc3\xa9</p>", &x, &e) ==
            DS_OK);
    CHECK_STR(x.text, "caf\xc3\xa9");
    ds__extracted_free(&x);
    /* UTF-16 with its byte-order mark. */
    const char *ascii = "<p>Hi there</p>";
    char u16[64];
    size_t n = 0;
    u16[n++] = (char)0xFF;
    u16[n++] = (char)0xFE;
    for (const char *p = ascii; *p; p++) {
        u16[n++] = *p;
        u16[n++] = 0;
    }
    REQUIRE(html_n(u16, n, &x, &e) == DS_OK);
    CHECK_STR(x.text, "Hi there");
    ds__extracted_free(&x);
    /* A lone surrogate costs one character, not the alignment of the rest. */
    const char lone[] = "\xFF\xFE<\0p\0>\0A\0\0\xD8" "B\0<\0/\0p\0>\0";
    REQUIRE(html_n(lone, sizeof lone - 1, &x, &e) == DS_OK);
    CHECK_STR(x.text, "A\xef\xbf\xbd" "B");
    ds__extracted_free(&x);
    /* A label iconv does not know counts as no declaration. */
    REQUIRE(html("<meta charset=\"x-no-such-charset\"><p>caf\xc3\xa9</p>", &x, &e) == DS_OK);
    CHECK_STR(x.text, "caf\xc3\xa9");
    ds__extracted_free(&x);
    /* A <meta> that claims UTF-16 in an ASCII page is wrong, as browsers
     * assume. */
    REQUIRE(html("<meta charset=\"utf-16\"><p>caf\xc3\xa9</p>", &x, &e) == DS_OK);
    CHECK_STR(x.text, "caf\xc3\xa9");
    ds__extracted_free(&x);
}

TEST(extract_html_is_silent)
{
    /* libxml2 must not print: stderr goes to a file while hostile pages are
     * parsed. */
    const char *path = t_path("stderr.txt");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    REQUIRE(saved >= 0);
    dup2(fd, STDERR_FILENO);
    const char *pages[] = {
        "<meta charset=\"windows-1252\"><p>a\x81\x8d\x8f b</p>",
        "<p>\xff\xfe broken</div></span><<<&#0;&#xFFFFFF;",
        "<?xml version=\"1.0\" encoding=\"nonsense\"?><p>x</p>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        ds__extracted x;
        ds_error e;
        html(pages[i], &x, &e);
        ds__extracted_free(&x);
    }
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    size_t n = 99;
    char *got = t_read_file(path, &n);
    CHECK_INT(n, 0);
    free(got);
}

/* ---- HTML: the boilerplate data file ---------------------------------- */

TEST(extract_html_boilerplate_file)
{
    const char *dir = t_tmpdir();
    const char *tsv = "# test cues\npromo-box\tclass\ncomplementary\trole\n";
    REQUIRE(t_write_file(t_path("html_boilerplate.tsv"), tsv, strlen(tsv)));
    saved_env env = env_set("DOSSIER_DATA", dir);
    const char *page = "<body><div class=\"promoBox\">Buy now</div><div class=\"nav\">Kept "
                       "here</div><div role=\"complementary\">Side</div><p>Text.</p></body>";
    ds__extracted x;
    ds_error e;
    ds_status rc = html(page, &x, &e);
    CHECK_INT(rc, DS_OK);
    CHECK_STR(x.text, "Kept here\n\nText.");
    ds__extracted_free(&x);

    /* A bad row is reported with the file and the line. */
    const char *bad = "# cues\nnav\tclas\n";
    REQUIRE(t_write_file(t_path("html_boilerplate.tsv"), bad, strlen(bad)));
    CHECK_INT(html(page, &x, &e), DS_EFORMAT);
    CHECK_CONTAINS(e.msg, "html_boilerplate.tsv:2");
    CHECK_CONTAINS(e.msg, "page.html");

    /* Without the file, a built-in list still drops the obvious furniture. */
    unlink(t_path("html_boilerplate.tsv"));
    rc = html(page, &x, &e);
    CHECK_INT(rc, DS_OK);
    CHECK_STR(x.text, "Buy now\n\nText.");
    ds__extracted_free(&x);
    env_restore(&env);
}

TEST(extract_html_shipped_boilerplate_parses)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/data", t_repo_root());
    saved_env env = env_set("DOSSIER_DATA", path);
    ds__extracted x;
    ds_error e;
    ds_status rc = html("<body><div class=\"cookie-notice\">We use cookies</div>"
                        "<div id=\"related\">Other</div><p>Text.</p></body>",
                        &x, &e);
    CHECK_INT(rc, DS_OK);
    CHECK_STR(x.text, "Text.");
    ds__extracted_free(&x);
    env_restore(&env);
}

/* ---- The subprocess helper ------------------------------------------- */

TEST(extract_run_capture_output)
{
    int fds = count_fds();
    const char *argv[] = {"/bin/sh", "-c", "echo out; echo err >&2; exit 3", NULL};
    ds__proc p;
    ds_error e;
    REQUIRE(ds__run_capture(argv, 10000, 1024, &p, &e) == DS_OK);
    CHECK_STR(p.out, "out\n");
    CHECK_STR(p.err, "err\n");
    CHECK_INT(p.exit_code, 3);
    CHECK_INT(p.signal, 0);
    ds__proc_free(&p);
    CHECK(no_children_left());
    CHECK_INT(count_fds(), fds);
}

TEST(extract_run_capture_cat)
{
    /* More output than a pipe holds, read while the child writes. */
    ds_buf b;
    ds_buf_init(&b, 1 << 22);
    for (int i = 0; i < 100000; i++)
        REQUIRE(ds_buf_printf(&b, "line %d\n", i) == DS_OK);
    REQUIRE(t_write_file(t_path("big.txt"), b.p, b.len));
    const char *argv[] = {"/bin/cat", t_path("big.txt"), NULL};
    ds__proc p;
    ds_error e;
    REQUIRE(ds__run_capture(argv, 10000, b.len, &p, &e) == DS_OK);
    CHECK_INT(p.out_len, b.len);
    CHECK(p.out && memcmp(p.out, b.p, b.len) == 0);
    CHECK_INT(p.exit_code, 0);
    ds__proc_free(&p);
    /* One byte less than the output is too little. */
    CHECK_INT(ds__run_capture(argv, 10000, b.len - 1, &p, &e), DS_ETOOBIG);
    CHECK(p.out == NULL);
    ds_buf_free(&b);
    CHECK(no_children_left());
}

TEST(extract_run_capture_timeout)
{
    int fds = count_fds();
    const char *argv[] = {"/bin/sleep", "20", NULL};
    ds__proc p;
    ds_error e;
    double t0 = now_s();
    CHECK_INT(ds__run_capture(argv, 300, 1024, &p, &e), DS_ETIMEOUT);
    CHECK(now_s() - t0 < 5);
    CHECK_CONTAINS(e.msg, "sleep");
    CHECK(no_children_left());
    /* A grandchild that keeps the pipe open is killed with its group. */
    const char *argv2[] = {"/bin/sh", "-c", "sleep 20 & echo started", NULL};
    t0 = now_s();
    CHECK_INT(ds__run_capture(argv2, 300, 1024, &p, &e), DS_ETIMEOUT);
    CHECK(now_s() - t0 < 5);
    CHECK(no_children_left());
    /* A program that closes its output and goes on running. */
    const char *argv3[] = {"/bin/sh", "-c", "exec >&- 2>&-; sleep 20", NULL};
    t0 = now_s();
    CHECK_INT(ds__run_capture(argv3, 300, 1024, &p, &e), DS_ETIMEOUT);
    CHECK(now_s() - t0 < 5);
    CHECK(no_children_left());
    CHECK_INT(count_fds(), fds);
}

TEST(extract_run_capture_endless_output)
{
    const char *argv[] = {"/usr/bin/yes", NULL};
    ds__proc p;
    ds_error e;
    CHECK_INT(ds__run_capture(argv, 10000, 100000, &p, &e), DS_ETOOBIG);
    CHECK(no_children_left());
}

TEST(extract_run_capture_missing)
{
    int fds = count_fds();
    const char *argv[] = {"dossier-no-such-program", NULL};
    ds__proc p;
    ds_error e;
    CHECK_INT(ds__run_capture(argv, 1000, 1024, &p, &e), DS_ECHILD);
    CHECK_CONTAINS(e.msg, "dossier-no-such-program");
    CHECK(p.out == NULL);
    CHECK(no_children_left());
    CHECK_INT(count_fds(), fds);
}

TEST(extract_run_capture_signal)
{
    const char *argv[] = {"/bin/sh", "-c", "kill -TERM $$", NULL};
    ds__proc p;
    ds_error e;
    REQUIRE(ds__run_capture(argv, 10000, 1024, &p, &e) == DS_OK);
    CHECK_INT(p.exit_code, -1);
    CHECK_INT(p.signal, 15);
    ds__proc_free(&p);
}

/* ---- PDF ------------------------------------------------------------- */

/* Writes a one-page PDF with Helvetica text lines and an Info dictionary;
 * the cross-reference table's offsets are computed as the file is built. */
static bool write_pdf(const char *path, const char *content, const char *info)
{
    char stream[1024];
    snprintf(stream, sizeof stream, "<< /Length %zu >>\nstream\n%s\nendstream",
             strlen(content), content);
    const char *objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        stream,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    };
    enum { N = sizeof objs / sizeof *objs };
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    size_t offsets[N];
    bool ok = ds_buf_puts(&b, "%PDF-1.4\n") == DS_OK;
    for (size_t i = 0; i < N && ok; i++) {
        offsets[i] = b.len;
        ok = ds_buf_printf(&b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]) == DS_OK;
    }
    size_t xref = b.len;
    ok = ok && ds_buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", N + 1) == DS_OK;
    for (size_t i = 0; i < N && ok; i++)
        ok = ds_buf_printf(&b, "%010zu 00000 n \n", offsets[i]) == DS_OK;
    ok = ok && ds_buf_printf(&b,
                             "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n"
                             "startxref\n%zu\n%%%%EOF\n",
                             N + 1, xref) == DS_OK;
    ok = ok && t_write_file(path, b.p, b.len);
    ds_buf_free(&b);
    return ok;
}

static const char PDF_TEXT[] = "BT /F1 12 Tf 72 720 Td (Field notes from a quiet valley.) Tj "
                               "0 -20 Td (A second line of the same note.) Tj ET";
static const char PDF_INFO[] = "<< /Title (Valley notes) /Author (R. Tester) "
                               "/CreationDate (D:20250319080000Z) >>";

static bool have_pdftotext(void)
{
    return system("command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo "
                  ">/dev/null 2>&1") == 0;
}

TEST(extract_pdf_text_and_info)
{
    if (!have_pdftotext())
        SKIP("pdftotext is not installed (poppler-utils)");
    const char *path = t_path("notes.pdf");
    REQUIRE(write_pdf(path, PDF_TEXT, PDF_INFO));
    int fds = count_fds();
    ds__extracted x;
    ds_error e;
    ds_status rc = ds__pdf_extract(path, MAX_TEXT, 30, &x, &e);
    REQUIRE(rc == DS_OK);
    CHECK_CONTAINS(x.text, "Field notes from a quiet valley.");
    CHECK_CONTAINS(x.text, "A second line of the same note.");
    CHECK(strchr(x.text, '\f') == NULL);
    CHECK_INT(x.len, strlen(x.text));
    CHECK_STR(x.title, "Valley notes");
    CHECK_STR(x.author, "R. Tester");
    CHECK_CONTAINS(x.published, "2025-03-19");
    ds__extracted_free(&x);
    CHECK(no_children_left());
    CHECK_INT(count_fds(), fds);
}

TEST(extract_pdf_without_info)
{
    if (!have_pdftotext())
        SKIP("pdftotext is not installed (poppler-utils)");
    /* A name that starts with '-' must not be taken for an option. */
    char cwd[4096];
    REQUIRE(getcwd(cwd, sizeof cwd));
    REQUIRE(chdir(t_tmpdir()) == 0);
    ds__extracted x;
    ds_error e;
    ds_status rc = DS_EIO;
    if (write_pdf("-dash.pdf", PDF_TEXT, "<< >>"))
        rc = ds__pdf_extract("-dash.pdf", MAX_TEXT, 30, &x, &e);
    REQUIRE(chdir(cwd) == 0);
    REQUIRE(rc == DS_OK);
    CHECK_CONTAINS(x.text, "quiet valley");
    CHECK(x.title == NULL && x.author == NULL && x.published == NULL);
    ds__extracted_free(&x);
}

TEST(extract_pdf_errors)
{
    ds__extracted x;
    ds_error e;
    const char *txt = t_path("notes.txt");
    REQUIRE(t_write_file(txt, "plain words\n", 12));
    CHECK_INT(ds__pdf_extract(txt, MAX_TEXT, 30, &x, &e), DS_EFORMAT);
    CHECK_CONTAINS(e.msg, "notes.txt: not a PDF file (no %PDF- header)");
    CHECK(x.text == NULL);
    CHECK_INT(ds__pdf_extract(t_path("absent.pdf"), MAX_TEXT, 30, &x, &e), DS_ENOENT);
    CHECK_INT(ds__pdf_extract(t_tmpdir(), MAX_TEXT, 30, &x, &e), DS_EISDIR);
    CHECK_INT(ds__pdf_extract(txt, MAX_TEXT, 0, &x, &e), DS_EINVAL);
    if (!have_pdftotext())
        SKIP("pdftotext is not installed (poppler-utils)");
    /* A header after some junk is accepted, but the rest is not a PDF. */
    const char *bad = t_path("broken.pdf");
    REQUIRE(t_write_file(bad, "junk\n%PDF-1.4\ngarbage\n", 22));
    CHECK_INT(ds__pdf_extract(bad, MAX_TEXT, 30, &x, &e), DS_EFORMAT);
    CHECK_CONTAINS(e.msg, "broken.pdf: pdftotext could not read it: ");
    CHECK_CONTAINS(e.msg, "Error");
    /* A page without text. */
    const char *blank = t_path("blank.pdf");
    REQUIRE(write_pdf(blank, "0 0 m 10 10 l S", "<< >>"));
    CHECK_INT(ds__pdf_extract(blank, MAX_TEXT, 30, &x, &e), DS_EEMPTY);
    CHECK_CONTAINS(e.msg, "blank.pdf");
    /* The text cap. */
    const char *notes = t_path("notes.pdf");
    REQUIRE(write_pdf(notes, PDF_TEXT, PDF_INFO));
    CHECK_INT(ds__pdf_extract(notes, 10, 30, &x, &e), DS_ETOOBIG);
    CHECK_CONTAINS(e.msg, "notes.pdf");
    CHECK(x.text == NULL);
    CHECK(no_children_left());
}

TEST(extract_pdf_timeout_and_missing_tool)
{
    const char *dir = t_tmpdir();
    const char *notes = t_path("notes.pdf");
    REQUIRE(write_pdf(notes, PDF_TEXT, PDF_INFO));
    /* A pdftotext that hangs, the way a hostile PDF can make the real one
     * hang: its shell child must die with it. */
    const char *script = "#!/bin/sh\nsleep 30\n";
    const char *fake = t_path("pdftotext");
    REQUIRE(t_write_file(fake, script, strlen(script)));
    REQUIRE(chmod(fake, 0755) == 0);
    char path[4096];
    snprintf(path, sizeof path, "%s:/bin:/usr/bin", dir);
    saved_env env = env_set("PATH", path);
    ds__extracted x;
    ds_error e;
    double t0 = now_s();
    ds_status rc = ds__pdf_extract(notes, MAX_TEXT, 1, &x, &e);
    double took = now_s() - t0;
    CHECK_INT(rc, DS_ETIMEOUT);
    CHECK(took < 5);
    CHECK_CONTAINS(e.msg, "notes.pdf");
    CHECK_CONTAINS(e.msg, "1 s");
    CHECK(no_children_left());

    /* No pdftotext anywhere on PATH. */
    unlink(fake);
    REQUIRE(mkdir(t_path("empty"), 0700) == 0);
    setenv("PATH", t_path("empty"), 1);
    rc = ds__pdf_extract(notes, MAX_TEXT, 5, &x, &e);
    env_restore(&env);
    CHECK_INT(rc, DS_ECHILD);
    CHECK_CONTAINS(e.msg, "poppler-utils");
    CHECK_CONTAINS(e.msg, "notes.pdf");
}
