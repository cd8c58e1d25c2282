/* Tests of the store's incidents: replaced whole in one transaction, read
 * back with the register's filters. */
#include <stdio.h>

#include "store/store.h"
#include "test.h"

static int count_cb(void *ud, const ds_incident_record *r)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

static int count(ds_store *s, const ds_incident_filter *f)
{
    int n = 0;
    ds_error err = {0};
    if (ds_store_each_incident(s, f, count_cb, &n, &err) != DS_OK)
        return -1;
    return n;
}

static int keep_status(void *ud, const ds_incident_record *r)
{
    snprintf(ud, 32, "%s", r->status);
    return 0;
}

TEST(link_store_replace_and_filter)
{
    ds_store *s;
    ds_error err = {0};
    REQUIRE(ds_store_open(&s, t_path("i.db"), DS_STORE_WRITE, &err) == DS_OK);
    ds_incident_record v[2] = {
        {.id = 1, .episode = true, .event_type = "Violence against civilians",
         .sub_event_type = "Attack", .date_start = "2025-03-06", .date_end = "2025-03-09",
         .precision = "day", .country = "SY", .admin1 = "Tartus", .place = "Tartus",
         .status = "corroborated", .origins = 2, .documents = 2, .groups = "|Alawite|",
         .value = "{\"id\":\"i1\"}"},
        {.id = 2, .parent = 1, .event_type = "Violence against civilians",
         .sub_event_type = "Attack", .date_start = "2025-03-07", .date_end = "2025-03-07",
         .precision = "day", .country = "SY", .admin1 = "Tartus", .place = "Beit Example",
         .status = "single-source", .origins = 1, .documents = 1, .groups = "|",
         .value = "{\"id\":\"i2\"}"},
    };
    REQUIRE(ds_store_replace_incidents(s, v, 2, &err) == DS_OK);
    CHECK_INT(count(s, NULL), 2);
    CHECK_INT(count(s, &(ds_incident_filter){.group = "Alawite"}), 1);
    CHECK_INT(count(s, &(ds_incident_filter){.min_origins = 2}), 1);
    CHECK_INT(count(s, &(ds_incident_filter){.place = "beit"}), 1);
    CHECK_INT(count(s, &(ds_incident_filter){.type = "attack", .admin1 = "tartus"}), 2);
    CHECK_INT(count(s, &(ds_incident_filter){.from = "2025-03-08"}), 1);
    CHECK_INT(count(s, &(ds_incident_filter){.to = "2025-03-05"}), 0);
    CHECK_INT(count(s, &(ds_incident_filter){.status = "single-source"}), 1);
    char status[32] = "";
    CHECK(ds_store_get_incident(s, 2, keep_status, status, &err) == DS_OK);
    CHECK_STR(status, "single-source");
    CHECK(ds_store_get_incident(s, 9, keep_status, status, &err) == DS_ENOTFOUND);
    /* A set that cannot be stored (a parent that does not exist) leaves the
     * previous one whole. */
    ds_incident_record bad = v[1];
    bad.id = 1;
    bad.parent = 7;
    CHECK(ds_store_replace_incidents(s, &bad, 1, &err) != DS_OK);
    CHECK_INT(count(s, NULL), 2);
    REQUIRE(ds_store_replace_incidents(s, v, 1, &err) == DS_OK);
    CHECK_INT(count(s, NULL), 1);
    ds_store_close(s);
}
