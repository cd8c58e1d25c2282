/* Tests of pages of incidents (ds_store_page_incidents): a page is the
 * slice of the whole filtered walk, and its total the walk's length, each
 * record with the killed figure of its JSON; and the schema upgrades that
 * moved an incident's JSON to a table of its own and its killed figure to
 * columns keep every incident of an older database. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>

#include "store/sqlite_internal.h"
#include "store/store.h"
#include "test.h"

enum { SET = 60, MAX_IDS = 128 };

typedef struct {
    int64_t ids[MAX_IDS];
    size_t n;
    bool values_ok; /* every record carried its own JSON and its killed figure */
} seen;

/* The record's killed columns say what its JSON says: figures.killed, a
 * member that is not a number being 0. */
static bool killed_ok(const ds_incident_record *r)
{
    json_t *v = json_loads(r->value, 0, NULL);
    json_t *k = json_object_get(json_object_get(v, "figures"), "killed");
    bool ok = json_is_object(k)
                  ? r->has_killed &&
                        r->killed_low == json_number_value(json_object_get(k, "low")) &&
                        r->killed_high == json_number_value(json_object_get(k, "high")) &&
                        r->killed_best == json_number_value(json_object_get(k, "best"))
                  : !r->has_killed;
    json_decref(v);
    return ok;
}

static int keep(void *ud, const ds_incident_record *r)
{
    seen *s = ud;
    char want[32];
    int n = snprintf(want, sizeof want, "{\"id\":\"i%lld\"", (long long)r->id);
    if (!r->value || strncmp(r->value, want, (size_t)n) || !killed_ok(r))
        s->values_ok = false;
    if (s->n < MAX_IDS)
        s->ids[s->n++] = r->id;
    return 0;
}

/* SET incidents whose fields cycle with different periods, so that each
 * filter matches its own scattered subset. */
static void store_set(ds_store *s)
{
    static const char *const status[] = {"single-source", "corroborated", "contested"};
    static const char *const admin1[] = {"Tartus", "Latakia", "Ḥamāh", "Homs"};
    static const char *const killed[] = {
        ",\"figures\":{\"killed\":{\"low\":2,\"high\":5,\"best\":3}}",
        ",\"figures\":{\"killed\":{\"low\":\"x\",\"best\":1.5}}",
        ",\"figures\":{\"killed\":7}", "", ",\"figures\":{\"injured\":{\"low\":1}}"};
    static char values[SET][192], dates[SET][11];
    ds_incident_record v[SET];
    for (int i = 0; i < SET; i++) {
        snprintf(values[i], sizeof values[i], "{\"id\":\"i%d\",\"actors\":[%s]%s}", i + 1,
                 i % 3 ? "" : "{\"name\":\"gunmen\"},{\"name\":\"armed men\"}", killed[i % 5]);
        snprintf(dates[i], sizeof dates[i], "2025-03-%02d", 1 + i % 28);
        v[i] = (ds_incident_record){
            .id = i + 1, .parent = i % 10 == 9 ? 1 : 0,
            .event_type = i % 3 ? "Violence against civilians" : "Battles",
            .sub_event_type = i % 3 ? "Attack" : "Armed clash",
            .date_start = i % 7 == 6 ? NULL : dates[i], .date_end = i % 7 == 6 ? NULL : dates[i],
            .precision = "day", .country = "SY", .admin1 = admin1[i % 4], .place = "Qadmūs",
            .status = status[i % 3], .origins = 1 + i % 4, .documents = 1 + i % 5,
            .groups = i % 5 ? "|" : "|Alawite|", .value = values[i]};
    }
    ds_error err = {0};
    REQUIRE(ds_store_replace_incidents(s, v, SET, &err) == DS_OK);
}

/* Every page of the filter, at several sizes and offsets, against the walk. */
static void check_pages(ds_store *s, const ds_incident_filter *f)
{
    ds_error err = {0};
    seen all = {.values_ok = true};
    REQUIRE(ds_store_each_incident(s, f, keep, &all, &err) == DS_OK);
    const size_t limits[] = {1, 7, 100}, offsets[] = {0, 3, 20, 59, 60, 1000};
    for (size_t a = 0; a < 3; a++) {
        for (size_t b = 0; b < 6; b++) {
            seen page = {.values_ok = true};
            size_t total = 12345;
            REQUIRE(ds_store_page_incidents(s, f, limits[a], offsets[b], keep, &page, &total,
                                            &err) == DS_OK);
            CHECK_INT(total, all.n);
            size_t from = offsets[b] < all.n ? offsets[b] : all.n;
            size_t want = all.n - from < limits[a] ? all.n - from : limits[a];
            CHECK_INT(page.n, want);
            for (size_t i = 0; i < page.n && i < want; i++)
                CHECK_INT(page.ids[i], all.ids[from + i]);
            CHECK(page.values_ok);
        }
    }
    CHECK(all.values_ok);
}

TEST(incident_page_is_a_slice_of_the_walk)
{
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, t_path("page.db"), DS_STORE_WRITE, &err) == DS_OK);
    store_set(s);
    const ds_incident_filter filters[] = {
        {0},
        {.status = "corroborated"},
        {.admin1 = "hamah"},
        {.type = "attack", .min_origins = 2},
        {.from = "2025-03-10", .to = "2025-03-20"},
        {.group = "Alawite", .place = "qadmus"},
        {.status = "contested", .admin1 = "tartus", .min_origins = 4},
        {.actor = "GUN", .min_origins = 2},
    };
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++)
        check_pages(s, &filters[i]);
    /* An actor's name must hold the text: two names together do not. */
    size_t total = 0;
    seen none = {.values_ok = true};
    CHECK(ds_store_page_incidents(s, &(ds_incident_filter){.actor = "gun"}, 0, 0, keep, &none,
                                  &total, &err) == DS_OK);
    CHECK_INT(total, SET / 3);
    CHECK(ds_store_page_incidents(s, &(ds_incident_filter){.actor = "men\narmed"}, 0, 0, keep,
                                  &none, &total, &err) == DS_OK);
    CHECK_INT(total, 0);
    /* A group is named whole, in any case; '%' and '_' are plain letters. */
    const struct { const char *group; size_t total; } groups[] = {
        {"Alawite", SET / 5}, {"alawite", SET / 5}, {"ALAWITE", SET / 5},
        {"%", 0}, {"_lawite", 0}, {"Alawit", 0},
    };
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
        CHECK(ds_store_page_incidents(s, &(ds_incident_filter){.group = groups[i].group}, 0, 0,
                                      keep, &none, &total, &err) == DS_OK);
        CHECK_INT(total, groups[i].total);
    }
    /* A zero limit still counts. */
    CHECK(ds_store_page_incidents(s, NULL, 0, 0, keep, &none, &total, &err) == DS_OK);
    CHECK_INT(none.n, 0);
    CHECK_INT(total, SET);
    ds_store_close(s);
}

/* A database of schema 5 (the JSON in incident.value) with one incident. */
static void make_schema5(const char *path)
{
    sqlite3 *db;
    REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
    for (int v = 0; v < 5; v++)
        REQUIRE(sqlite3_exec(db, ds__sqlite_migration(v), NULL, NULL, NULL) == SQLITE_OK);
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas, "PRAGMA user_version = 5; PRAGMA application_id = %d;",
             DS_SQLITE_APPLICATION_ID);
    REQUIRE(sqlite3_exec(db, pragmas, NULL, NULL, NULL) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "INSERT INTO incident(id, episode, event_type, date_start, "
                         "date_end, names, status, origins, documents, groups, value) VALUES "
                         "(4, 0, 'Battles', '2025-03-06', '2025-03-06', '|jablah|latakia|', "
                         "'corroborated', 2, 3, '|', "
                         "'{\"id\":\"i4\",\"actors\":[{\"name\":\"General Security\"}],"
                         "\"figures\":{\"killed\":{\"low\":12,\"high\":40,\"best\":12.5}}}')",
                         NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

TEST(incident_page_schema_upgrade_keeps_incidents)
{
    const char *path = t_path("v5.db");
    make_schema5(path);
    ds_store *s;
    ds_error err = {0};
    /* Reading needs the upgrade first, as for every older schema. */
    CHECK(ds_store_open(&s, path, DS_STORE_READ, &err) == DS_ENOTDB);
    REQUIRE(ds_store_open(&s, path, DS_STORE_WRITE, &err) == DS_OK);
    seen page = {.values_ok = true};
    size_t total = 0;
    ds_incident_filter f = {.admin1 = "Latakia", .place = "jablah", .actor = "security",
                            .status = "corroborated"};
    CHECK(ds_store_page_incidents(s, &f, 10, 0, keep, &page, &total, &err) == DS_OK);
    CHECK_INT(total, 1);
    CHECK_INT(page.n, 1);
    CHECK_INT(page.ids[0], 4);
    CHECK(page.values_ok); /* the killed figure too, filled by the upgrade */
    ds_store_close(s);
}
