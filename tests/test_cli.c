/* End-to-end tests of the dossier program: each runs the built CLI in a
 * fresh directory, the way a user would. */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

static const char good_text[] =
    "Water supplies cut in the eastern district\n\n"
    "By Test Writer\n"
    "12 April 2025\n\n"
    "Residents said the pumping station stopped on Tuesday. Dr. Amal Nasser, who runs the "
    "clinic, said at least 14 people were treated.\n";

static void write_text(const char *name, const char *text)
{
    if (!t_write_file(t_path(name), text, strlen(text)))
        ds_test_fail(__FILE__, __LINE__, "cannot write %s", name);
}

/* The number of documents `ls` reports, or -1. */
static int count_docs(const char *db)
{
    t_result r = RUN("--db", db, "ls");
    int n = -1;
    if (r.status == 0 && sscanf(r.err, "%d document", &n) != 1)
        n = -1;
    t_result_free(&r);
    return n;
}

TEST(cli_help_for_every_command)
{
    const char *cmds[] = {"add", "ls", "doc", "search", "export", "segment", "link", "incidents",
                          "show"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        t_result r = RUN(cmds[i], "--help");
        CHECK_INT(r.status, 0);
        CHECK_CONTAINS(r.out, "usage: dossier");
        t_result_free(&r);
    }
    t_result r = RUN("--help");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "search");
    t_result_free(&r);
    r = RUN("frobnicate");
    CHECK_INT(r.status, 2);
    CHECK_CONTAINS(r.err, "not a command");
    t_result_free(&r);
}

TEST(cli_add_then_ls_doc_search)
{
    write_text("report.txt", good_text);
    t_result r = RUN("add", "report.txt");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "added");
    CHECK_CONTAINS(r.out, "1 added");
    t_result_free(&r);
    struct stat sb;
    CHECK(stat(t_path("dossier.db"), &sb) == 0); /* the default database */

    r = RUN("ls");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "d1");
    CHECK_CONTAINS(r.out, "2025-04-12");
    CHECK_CONTAINS(r.out, "Water supplies cut in the eastern district");
    t_result_free(&r);

    r = RUN("doc", "d1");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "Test Writer");
    CHECK_CONTAINS(r.out, "sha256");
    t_result_free(&r);

    r = RUN("search", "pumping");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "**pumping**");
    CHECK_CONTAINS(r.err, "1 matching sentence");
    t_result_free(&r);

    r = RUN("add", "report.txt");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "exists");
    CHECK_CONTAINS(r.out, "0 added");
    t_result_free(&r);
    CHECK_INT(count_docs("dossier.db"), 1);

    r = RUN("doc", "d9");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "no document d9");
    t_result_free(&r);
}

TEST(cli_db_from_environment_and_option)
{
    write_text("r.txt", good_text);
    t_result r = t_sh("DOSSIER_DB=env.db \"$DOSSIER_BIN\" add r.txt >/dev/null && test -f env.db");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    r = RUN("--db", "opt.db", "add", "r.txt");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    CHECK_INT(count_docs("opt.db"), 1);
    CHECK(access(t_path("dossier.db"), F_OK) != 0);
}

/* Every bad file gets a message naming it and a non-zero exit, while the
 * good file in the same batch is still added. */
TEST(cli_bad_inputs_in_one_batch)
{
    write_text("good.txt", good_text);
    write_text("empty.txt", "");
    write_text("blank.md", "\n\n   \n");
    REQUIRE(t_write_file(t_path("binary.txt"), "\x7f" "ELF\0\0\0\x02\x01\0\0", 11));
    write_text("notes.docx", "some words");
    write_text("fake.pdf", "this is plain text pretending to be a PDF\n");
    mkdir(t_path("folder.txt"), 0700);
    /* A 200 MB file: sparse, so the test costs no disk. */
    int fd = open(t_path("huge.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    CHECK(ftruncate(fd, 200L << 20) == 0);
    close(fd);

    t_result r = RUN("add", "missing.txt", "empty.txt", "blank.md", "binary.txt", "notes.docx",
                     "fake.pdf", "folder.txt", "huge.txt", "good.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "missing.txt: no such file");
    CHECK_CONTAINS(r.err, "empty.txt: empty file");
    CHECK_CONTAINS(r.err, "blank.md: no text");
    CHECK_CONTAINS(r.err, "binary.txt: binary data");
    CHECK_CONTAINS(r.err, "notes.docx: unknown file type");
    CHECK_CONTAINS(r.err, "fake.pdf: not a PDF");
    CHECK_CONTAINS(r.err, "folder.txt: is a directory");
    CHECK_CONTAINS(r.err, "huge.txt");
    CHECK_CONTAINS(r.err, "larger than the limit");
    CHECK_CONTAINS(r.out, "1 added");
    CHECK_CONTAINS(r.out, "8 failed");
    t_result_free(&r);
    CHECK_INT(count_docs("dossier.db"), 1);
}

TEST(cli_invalid_utf8_is_replaced_with_warning)
{
    const char text[] = "Bad bytes \xC3\x28 in a line about the market.\n";
    REQUIRE(t_write_file(t_path("latin.txt"), text, sizeof text - 1));
    t_result r = RUN("add", "latin.txt");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.err, "warning");
    CHECK_CONTAINS(r.err, "latin.txt: 1 invalid UTF-8 sequence");
    t_result_free(&r);
    r = RUN("doc", "1");
    CHECK_CONTAINS(r.out, "Bad bytes \xEF\xBF\xBD(");
    t_result_free(&r);
}

TEST(cli_manifest_bad_row)
{
    write_text("a.txt", good_text);
    write_text("b.txt", "Another report\n\nThe second text says something else entirely.\n");
    write_text("c.txt", "A third one\n\nWith a third body sentence here.\n");
    write_text("m.csv", "file,title,publisher,published,published_precision\n"
                        "a.txt,Report A,Reuters,2025-04-12,day\n"
                        "b.txt,Report B,AFP,2025-02-30,day\n"
                        "c.txt,Report C,,2025-04,month\n");
    t_result r = RUN("add", "--manifest", "m.csv");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "m.csv:3:");
    CHECK_CONTAINS(r.err, "2025-02-30");
    CHECK_CONTAINS(r.out, "2 added");
    CHECK_CONTAINS(r.out, "1 failed");
    t_result_free(&r);
    r = RUN("ls");
    CHECK_CONTAINS(r.out, "Report A");
    CHECK_CONTAINS(r.out, "Reuters");
    CHECK_CONTAINS(r.out, "2025-04 ");
    CHECK(strstr(r.out, "Report B") == NULL);
    t_result_free(&r);
    /* Naming the bad file explicitly gives the same row error. */
    r = RUN("add", "--manifest", "m.csv", "b.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "b.txt: not added: ");
    CHECK_CONTAINS(r.err, "m.csv:3:");
    t_result_free(&r);
}

TEST(cli_database_not_sqlite)
{
    write_text("r.txt", good_text);
    const char junk[] = "# my notes\nnot a database at all, but a text file with notes in it\n";
    write_text("notes.db", junk);
    t_result r = RUN("--db", "notes.db", "add", "r.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "notes.db: not a SQLite database");
    t_result_free(&r);
    size_t n;
    char *after = t_read_file(t_path("notes.db"), &n);
    CHECK(after && n == sizeof junk - 1 && !memcmp(after, junk, n));
    free(after);
    r = RUN("--db", "notes.db", "ls");
    CHECK_INT(r.status, 1);
    t_result_free(&r);
}

TEST(cli_database_read_only)
{
    write_text("r.txt", good_text);
    write_text("s.txt", "Second report\n\nA different body sentence for the second report.\n");
    t_result r = RUN("add", "r.txt");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    REQUIRE(chmod(t_path("dossier.db"), 0444) == 0);
    r = RUN("add", "s.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "read-only");
    t_result_free(&r);
    CHECK_INT(count_docs("dossier.db"), 1); /* still readable, nothing added */
    chmod(t_path("dossier.db"), 0644);
}

/* Documents are stored in batched transactions; when one document fails
 * inside a batch, the others of the batch must still be added and the bad
 * one must leave nothing behind.  A trigger makes any document with more
 * than 30 sentences fail. */
TEST(cli_batch_failure_adds_the_others)
{
    write_text("first.txt", good_text);
    t_result r = RUN("add", "first.txt");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    r = t_sh("sqlite3 dossier.db \"CREATE TRIGGER boom BEFORE INSERT ON sentence "
             "WHEN NEW.idx = 30 BEGIN SELECT RAISE(ABORT, 'too long for this test'); END;\"");
    REQUIRE(r.status == 0);
    t_result_free(&r);
    char big[8192] = "A long report\n\n";
    for (int i = 0; i < 40; i++)
        snprintf(big + strlen(big), sizeof big - strlen(big), "Sentence number %d is here. ", i);
    write_text("long.txt", big);
    write_text("a.txt", "Report A\n\nThe first short report says one thing.\n");
    write_text("b.txt", "Report B\n\nThe second short report says another thing.\n");
    r = RUN("add", "a.txt", "long.txt", "b.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "long.txt: not added");
    CHECK_CONTAINS(r.err, "too long for this test");
    CHECK_CONTAINS(r.out, "2 added");
    CHECK_CONTAINS(r.out, "1 failed");
    t_result_free(&r);
    CHECK_INT(count_docs("dossier.db"), 3);
    r = t_sh("sqlite3 dossier.db \"SELECT count(*) FROM sentence WHERE doc_id NOT IN "
             "(SELECT id FROM document)\"");
    CHECK_STR(r.out, "0\n");
    t_result_free(&r);
}

TEST(cli_add_options_override_text)
{
    write_text("r.txt", good_text);
    t_result r = RUN("add", "--title", "Given title", "--source", "afp", "--published", "2025-04",
                     "--author", "Someone Else", "r.txt");
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    r = RUN("doc", "d1");
    CHECK_CONTAINS(r.out, "Given title");
    CHECK_CONTAINS(r.out, "Someone Else");
    CHECK_CONTAINS(r.out, "Agence France-Presse"); /* the registry's canonical name */
    CHECK_CONTAINS(r.out, "2025-04 (month)");
    t_result_free(&r);
    r = RUN("add", "--published", "April 2025", "r.txt");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
}

static json_t *export_json(void)
{
    t_result r = RUN("export", "--format", "json");
    json_error_t jerr;
    json_t *root = r.status == 0 ? json_loads(r.out, 0, &jerr) : NULL;
    if (!root)
        ds_test_fail(__FILE__, __LINE__, "export gave no JSON: %s", r.err);
    t_result_free(&r);
    return root;
}

static json_t *doc_by_file(json_t *docs, const char *file)
{
    size_t i;
    json_t *d;
    json_array_foreach(docs, i, d) if (!strcmp(json_string_value(json_object_get(d, "file")), file))
        return d;
    return NULL;
}

TEST(cli_export_json_contract)
{
    write_text("r.txt", good_text);
    t_result r = RUN("add", "--source", "Reuters", "r.txt");
    t_result_free(&r);
    json_t *root = export_json();
    REQUIRE(root);
    CHECK_STR(json_string_value(json_object_get(root, "format")), "dossier/1");
    CHECK(json_is_array(json_object_get(root, "incidents")));
    CHECK(json_is_array(json_object_get(root, "citations")));
    json_t *d = doc_by_file(json_object_get(root, "documents"), "r.txt");
    REQUIRE(d);
    CHECK_STR(json_string_value(json_object_get(d, "id")), "d1");
    CHECK_STR(json_string_value(json_object_get(d, "source")), "Reuters");
    CHECK_INT(strlen(json_string_value(json_object_get(d, "sha256"))), 64);
    json_t *pub = json_object_get(d, "published");
    CHECK_STR(json_string_value(json_object_get(pub, "start")), "2025-04-12");
    CHECK_STR(json_string_value(json_object_get(pub, "precision")), "day");
    json_decref(root);
    r = RUN("export", "--format", "csv");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "event_date,time_precision,event_type,sub_event_type,actor1,actor2,");
    t_result_free(&r);
    r = RUN("export", "--format", "xml");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
}

/* The acceptance check on the reference corpus. */
TEST(cli_seeds_manifest_and_search)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds is absent; the seed corpus tests need it");
    char script[8192];
    snprintf(script, sizeof script,
             "\"$DOSSIER_BIN\" add --manifest '%s/manifest.csv' '%s'/*.txt", seeds, seeds);
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "5 added");
    t_result_free(&r);
    json_t *root = export_json();
    REQUIRE(root);
    json_t *docs = json_object_get(root, "documents");
    CHECK_INT(json_array_size(docs), 5);
    json_t *d = doc_by_file(docs, "002_f4adde2850e2cbc1.txt");
    REQUIRE(d);
    CHECK_STR(json_string_value(json_object_get(d, "source")), "European Union Agency for Asylum");
    CHECK_STR(json_string_value(json_object_get(json_object_get(d, "published"), "precision")), "year");
    d = doc_by_file(docs, "000_995923a94d3cf7f5.txt");
    REQUIRE(d);
    CHECK_STR(json_string_value(json_object_get(d, "author")), "Gregory Waters");
    CHECK_STR(json_string_value(json_object_get(json_object_get(d, "published"), "start")), "2025-03-19");
    json_decref(root);

    r = RUN("search", "--limit", "100", "Qadmus");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "000_995923a94d3cf7f5.txt");
    CHECK_CONTAINS(r.out, "001_a98f75bc389711aa.txt");
    CHECK_CONTAINS(r.out, "002_f4adde2850e2cbc1.txt");
    t_result_free(&r);
    r = RUN("search", "--source", "EUAA", "Qadmus");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "002_f4adde2850e2cbc1.txt");
    CHECK(strstr(r.out, "000_995923a94d3cf7f5.txt") == NULL);
    t_result_free(&r);
    r = RUN("search", "--from", "2026", "Alawite");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "004_111488755e9e9888.txt");
    CHECK(strstr(r.out, "003_5fa4c7f42a7d9c15.txt") == NULL);
    t_result_free(&r);
}

/* Without a manifest, metadata is read from the seed texts themselves. */
TEST(cli_seeds_metadata_from_text)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds is absent; the seed corpus tests need it");
    char script[8192];
    snprintf(script, sizeof script, "\"$DOSSIER_BIN\" add '%s/004_111488755e9e9888.txt'", seeds);
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    r = RUN("doc", "d1");
    CHECK_CONTAINS(r.out, "2026-01-11 (day)");
    CHECK_CONTAINS(r.out, "Hakan \xC3\x96zal");
    t_result_free(&r);
}

TEST(cli_examples_corpus)
{
    char script[8192];
    snprintf(script, sizeof script, "\"$DOSSIER_BIN\" add --manifest '%s/examples/manifest.csv'",
             t_repo_root());
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, " 0 failed");
    t_result_free(&r);
    CHECK(count_docs("dossier.db") >= 8);
    r = RUN("search", "tartus");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s");
    t_result_free(&r);
    r = RUN("search", "--json", "Hillat Nuri", "--limit", "50");
    CHECK_CONTAINS(r.out, "\"file\":\"11_smr_briefing_hillat_nuri.pdf\"");
    t_result_free(&r);
}

/* HTML and PDF files without a manifest: metadata from meta tags and PDF
 * info, text without the page furniture. */
TEST(cli_html_and_pdf_metadata)
{
    char script[8192];
    snprintf(script, sizeof script,
             "\"$DOSSIER_BIN\" add '%s/examples/03_levant_herald_safita.html' "
             "'%s/examples/11_smr_briefing_hillat_nuri.pdf'", t_repo_root(), t_repo_root());
    t_result r = t_sh(script);
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "2 added");
    t_result_free(&r);
    r = RUN("doc", "d1");
    CHECK_CONTAINS(r.out, "In the hills above Safita");
    CHECK_CONTAINS(r.out, "Lina Haddad");
    CHECK_CONTAINS(r.out, "2025-03-10 (day)");
    CHECK_CONTAINS(r.out, "html");
    CHECK(strstr(r.out, "<script") == NULL && strstr(r.out, "function(") == NULL);
    t_result_free(&r);
    r = RUN("doc", "d2");
    CHECK_CONTAINS(r.out, "pdf");
    CHECK_CONTAINS(r.out, "Helen Marsh");
    CHECK_CONTAINS(r.out, "2025-06-30 (day)");
    t_result_free(&r);
}
