/* Tests of the store through its backend-neutral interface. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "store/backend.h"
#include "store/store.h"
#include "test.h"

/* Builds a document whose sentences are its lines. */
static void make_doc(ds_document *d, const char *sha_seed, const char *text, const char *source,
                     const char *published)
{
    memset(d, 0, sizeof *d);
    d->file = ds_strdup("f.txt");
    d->format = ds_strdup("text");
    d->title = ds_strdup("A title");
    d->source = source ? ds_strdup(source) : NULL;
    d->text = ds_strdup(text);
    d->text_len = strlen(text);
    snprintf(d->sha256, sizeof d->sha256, "%064d", atoi(sha_seed));
    if (published)
        ds_date_parse_iso(published, DS_PREC_NONE, &d->published);
    d->sentences = ds_calloc(64, sizeof *d->sentences);
    size_t start = 0;
    for (size_t i = 0; i <= d->text_len; i++) {
        if (i == d->text_len || text[i] == '\n') {
            if (i > start)
                d->sentences[d->n_sentences++] = (ds_sentence){start, i, DS_SENT_BODY};
            start = i + 1;
        }
    }
}

static int count_hit(void *ud, const ds_search_hit *h)
{
    (void)h;
    (*(int *)ud)++;
    return 0;
}

TEST(store_roundtrip_and_dedupe)
{
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, t_path("a.db"), DS_STORE_WRITE, &err) == DS_OK);
    ds_document d;
    make_doc(&d, "1", "First line about Tartus.\nSecond line, in \xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s.",
             "Example Source", "2025-03");
    bool existed = true;
    REQUIRE(ds_store_add_document(s, &d, &existed, &err) == DS_OK);
    CHECK(!existed);
    CHECK_INT(d.id, 1);
    int64_t id = d.id;
    d.id = 0;
    REQUIRE(ds_store_add_document(s, &d, &existed, &err) == DS_OK);
    CHECK(existed);
    CHECK_INT(d.id, id);
    ds_document_free(&d);

    ds_document back;
    REQUIRE(ds_store_get_document(s, id, true, &back, &err) == DS_OK);
    CHECK_STR(back.source, "Example Source");
    CHECK_STR(back.published.start, "2025-03-01");
    CHECK_STR(back.published.end, "2025-03-31");
    CHECK_INT(back.published.precision, DS_PREC_MONTH);
    CHECK_INT(back.n_sentences, 2);
    CHECK(back.added_at != NULL);
    if (back.n_sentences == 2)
        CHECK(!strncmp(back.text + back.sentences[1].start, "Second", 6));
    ds_document_free(&back);

    ds_search_query q = {.query = "tartus"};
    int hits = 0;
    size_t total = 0;
    REQUIRE(ds_store_search(s, &q, count_hit, &hits, &total, &err) == DS_OK);
    CHECK_INT(hits, 2); /* diacritics fold: Ţarţūs matches tartus */
    CHECK_INT(total, 2);
    CHECK_INT(ds_store_get_document(s, 99, false, &back, &err), DS_ENOTFOUND);
    ds_store_close(s);
}

TEST(store_search_filters)
{
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, t_path("f.db"), DS_STORE_WRITE, &err) == DS_OK);
    const char *pubs[] = {"2024-12-08", "2025-03", "2025"};
    const char *srcs[] = {"Alpha Monitor", "Beta Wire", "Alpha Monitor"};
    for (int i = 0; i < 3; i++) {
        ds_document d;
        char seed[8];
        snprintf(seed, sizeof seed, "%d", i + 10);
        make_doc(&d, seed, "Shelling reported near the river crossing.", srcs[i], pubs[i]);
        bool existed;
        REQUIRE(ds_store_add_document(s, &d, &existed, &err) == DS_OK);
        ds_document_free(&d);
    }
    struct {
        const char *source, *from, *to;
        int want;
    } cases[] = {
        {NULL, NULL, NULL, 3},          {"Alpha Monitor", NULL, NULL, 2},
        {"beta", NULL, NULL, 1},        {NULL, "2025-01-01", NULL, 2},
        {NULL, NULL, "2024-12-31", 1},  {NULL, "2025-03-15", "2025-03-20", 2},
        {"Alpha Monitor", "2025-06-01", NULL, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_search_query q = {.query = "river shelling",
                             .filter = {cases[i].source, cases[i].from, cases[i].to}};
        int hits = 0;
        REQUIRE(ds_store_search(s, &q, count_hit, &hits, NULL, &err) == DS_OK);
        if (hits != cases[i].want)
            ds_test_fail(__FILE__, __LINE__, "case %zu: %d hits, want %d", i, hits, cases[i].want);
    }
    ds_store_close(s);
}

TEST(store_query_syntax_is_safe)
{
    ds_error err = {0};
    char *q = ds__fts_query("\"river crossing\" OR bridge massac* NOT AND", &err);
    CHECK_STR(q, "\"river crossing\" OR \"bridge\" \"massac\"*");
    ds_free(q);
    q = ds__fts_query("a\"b) col:x ^", &err);
    CHECK_STR(q, "\"a\"\"b)\" \"col:x\" \"^\"");
    ds_free(q);
    CHECK(ds__fts_query("  OR  ", &err) == NULL);
    CHECK_INT(err.code, DS_EINVAL);
}

/* A failure in the middle of storing a document leaves nothing behind: a
 * trigger aborts the insert of the third sentence. */
TEST(store_document_is_atomic)
{
    const char *path = t_path("atomic.db");
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, path, DS_STORE_WRITE, &err) == DS_OK);
    ds_store_close(s);
    sqlite3 *db;
    REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON sentence WHEN NEW.idx = 2 "
                             "BEGIN SELECT RAISE(ABORT, 'boom'); END;", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    REQUIRE(ds_store_open(&s, path, DS_STORE_WRITE, &err) == DS_OK);
    ds_document d;
    make_doc(&d, "7", "one\ntwo\nthree\nfour", "Some Source", NULL);
    bool existed;
    CHECK(ds_store_add_document(s, &d, &existed, &err) != DS_OK);
    CHECK_CONTAINS(err.msg, "boom");
    ds_document_free(&d);
    ds_store_stats st;
    REQUIRE(ds_store_stats_get(s, &st, &err) == DS_OK);
    CHECK_INT(st.documents, 0);
    CHECK_INT(st.sentences, 0);
    CHECK_INT(st.sources, 0);
    ds_store_close(s);
}

TEST(store_refuses_foreign_files)
{
    ds_store *s;
    ds_error err = {0};
    const char *junk = t_path("junk.db");
    REQUIRE(t_write_file(junk, "this is not a database, just some text that is long enough", 58));
    CHECK_INT(ds_store_open(&s, junk, DS_STORE_WRITE, &err), DS_ENOTDB);
    CHECK_CONTAINS(err.msg, "not a SQLite database");
    size_t n;
    char *after = t_read_file(junk, &n);
    CHECK_INT(n, 58);
    free(after);

    const char *other = t_path("other.db");
    sqlite3 *db;
    REQUIRE(sqlite3_open(other, &db) == SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK_INT(ds_store_open(&s, other, DS_STORE_WRITE, &err), DS_ENOTDB);
    CHECK_CONTAINS(err.msg, "not a dossier database");

    CHECK_INT(ds_store_open(&s, t_path("absent.db"), DS_STORE_READ, &err), DS_ENOENT);
    CHECK_INT(ds_store_open(&s, t_tmpdir(), DS_STORE_WRITE, &err), DS_EISDIR);
    /* Port 1 refuses connections; the password never shows in the message. */
    CHECK_INT(ds_store_open(&s, "postgres://me:secret@127.0.0.1:1/x?connect_timeout=5",
                            DS_STORE_WRITE, &err), DS_EIO);
    CHECK_CONTAINS(err.msg, "cannot connect to postgres://me:***@127.0.0.1:1/x");
    CHECK(!strstr(err.msg, "secret"));
}

TEST(store_read_only_file)
{
    const char *path = t_path("ro.db");
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, path, DS_STORE_WRITE, &err) == DS_OK);
    ds_store_close(s);
    REQUIRE(chmod(path, 0444) == 0);
    CHECK_INT(ds_store_open(&s, path, DS_STORE_WRITE, &err), DS_EREADONLY);
    CHECK_CONTAINS(err.msg, "read-only");
    CHECK_INT(ds_store_open(&s, path, DS_STORE_READ, &err), DS_OK);
    ds_store_close(s);
    chmod(path, 0644);
}
