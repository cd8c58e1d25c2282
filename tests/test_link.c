/* Tests of the link stage on invented claims: which claims become one
 * incident, episodes and their children, figures, origins and status. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "link/link.h"
#include "test.h"

/* An invented claim; unset fields are left out of its JSON. */
typedef struct {
    const char *type, *sub;
    const char *start, *end, *precision;
    const char *place, *admin1, *loc_precision;
    double lat, lon;
    int geo_precision;
    const char *killed; /* a counts member: {"value":..,"low":..,"high":..,"qualifier":..} */
    const char *attributed;
    const char *groups; /* a JSON array */
    bool generic;
} fake;

static char *claim_json(const fake *f)
{
    static char buf[4096];
    char date[256] = "null", loc[512] = "null", attr[256] = "null", counts[512] = "{}";
    if (f->start)
        snprintf(date, sizeof date, "{\"start\":\"%s\",\"end\":\"%s\",\"precision\":\"%s\"}",
                 f->start, f->end ? f->end : f->start, f->precision ? f->precision : "day");
    if (f->place)
        snprintf(loc, sizeof loc, "{\"name\":\"%s\",\"geonameid\":null,\"country\":\"SY\","
                 "\"admin1\":\"%s\",\"admin2\":\"\",\"lat\":%.5f,\"lon\":%.5f,"
                 "\"precision\":\"%s\",\"geo_precision\":%d}",
                 f->place, f->admin1 ? f->admin1 : "", f->lat, f->lon,
                 f->loc_precision ? f->loc_precision : "town",
                 f->geo_precision ? f->geo_precision : 1);
    if (f->attributed)
        snprintf(attr, sizeof attr, "\"%s\"", f->attributed);
    if (f->killed)
        snprintf(counts, sizeof counts, "{\"killed\":%s}", f->killed);
    snprintf(buf, sizeof buf,
             "{\"id\":\"c1\",\"sentence\":\"An invented sentence.\",\"span\":[0,21],"
             "\"event_type\":\"%s\",\"sub_event_type\":\"%s\",\"date\":%s,\"location\":%s,"
             "\"actors\":[],\"groups\":%s,\"counts\":%s,\"attributed_to\":%s,"
             "\"hedged\":false,\"generic\":%s}",
             f->type ? f->type : "Violence against civilians", f->sub ? f->sub : "Attack", date,
             loc, f->groups ? f->groups : "[]", counts, attr, f->generic ? "true" : "false");
    return buf;
}

typedef struct {
    ds_link_policy *policy;
    ds_registry *registry;
    ds_linker *l;
    int64_t next_claim;
} bench;

static bool bench_open(bench *b)
{
    ds_error err = {0};
    memset(b, 0, sizeof *b);
    if (ds_link_policy_load(&b->policy, NULL, &err) != DS_OK) {
        ds_test_fail(__FILE__, __LINE__, "policy: %s", err.msg);
        return false;
    }
    const char registry[] = "name\taliases\tkind\tcountry\n"
                            "Syrian Observatory for Human Rights\tSOHR\tmonitor group\tGB\n";
    if (ds_registry_parse(&b->registry, registry, sizeof registry - 1, "test", &err) ||
        ds_linker_new(&b->l, b->policy, b->registry, &err))
        return false;
    b->next_claim = 1;
    return true;
}

static void bench_close(bench *b)
{
    ds_linker_free(b->l);
    ds_registry_free(b->registry);
    ds_link_policy_free(b->policy);
}

static void add_doc(bench *b, int64_t id, const char *source, const char *author)
{
    ds_document d = {.id = id, .source = (char *)source, .author = (char *)author};
    ds_date_parse_iso("2025-03-20", DS_PREC_NONE, &d.published);
    ds_error err = {0};
    if (ds_linker_add_document(b->l, &d, &err))
        ds_test_fail(__FILE__, __LINE__, "add document: %s", err.msg);
}

static int64_t add_claim(bench *b, int64_t doc, const fake *f)
{
    ds_error err = {0};
    int64_t id = b->next_claim++;
    if (ds_linker_add_claim(b->l, id, doc, claim_json(f), &err))
        ds_test_fail(__FILE__, __LINE__, "add claim: %s", err.msg);
    return id;
}

static bool run(bench *b)
{
    ds_error err = {0};
    if (ds_linker_run(b->l, NULL, NULL, &err) == DS_OK)
        return true;
    ds_test_fail(__FILE__, __LINE__, "run: %s", err.msg);
    return false;
}

static json_t *incident(bench *b, size_t i)
{
    const ds_incident_record *r = ds_linker_record(b->l, i);
    return r ? json_loads(r->value, 0, NULL) : NULL;
}

/* A village 2 km from the town, and a town 40 km north of it. */
#define AT(name, la, lo) .place = name, .admin1 = "Tartus", .loc_precision = "town", \
                        .lat = la, .lon = lo
#define TOWN AT("Kafr Example", 35.00, 36.00)
#define VILLAGE AT("Beit Example", 35.015, 36.012)
#define FAR_TOWN AT("Tall Example", 35.36, 36.00)

TEST(link_one_event_three_publishers)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    add_doc(&b, 3, "Gamma Monitor", NULL);
    fake f = {.start = "2025-03-07", TOWN, .killed = "{\"value\":31,\"low\":31,\"high\":31,"
              "\"qualifier\":null}", .groups = "[\"Alawite\"]"};
    add_claim(&b, 1, &f);
    f.killed = "{\"value\":30,\"low\":27,\"high\":33,\"qualifier\":\"around N\"}";
    f.place = "Beit Example";
    f.lat = 35.015;
    f.lon = 36.012;
    add_claim(&b, 2, &f);
    f.killed = "{\"value\":34,\"low\":34,\"high\":null,\"qualifier\":\"at least N\"}";
    add_claim(&b, 3, &f);
    REQUIRE(run(&b));
    CHECK_INT(ds_linker_count(b.l), 1);
    json_t *in = incident(&b, 0);
    REQUIRE(in);
    json_t *killed = json_object_get(json_object_get(in, "figures"), "killed");
    CHECK_INT(json_object_size(json_object_get(killed, "by_document")), 3);
    CHECK_INT(json_number_value(json_object_get(killed, "low")), 30);
    CHECK_INT(json_number_value(json_object_get(killed, "high")), 34);
    CHECK_INT(json_number_value(json_object_get(killed, "best")), 30);
    CHECK_INT(json_integer_value(json_object_get(in, "independent_origins")), 3);
    CHECK_STR(json_string_value(json_object_get(in, "status")), "corroborated");
    CHECK_INT(json_array_size(json_object_get(in, "documents")), 3);
    CHECK_INT(json_array_size(json_object_get(in, "claims")), 3);
    /* The place two of the three documents name. */
    CHECK_STR(json_string_value(json_object_get(json_object_get(in, "location"), "name")),
              "Beit Example");
    json_decref(in);
    bench_close(&b);
}

TEST(link_two_publishers_relaying_one_monitor)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN, .attributed = "SOHR",
              .killed = "{\"value\":12,\"low\":12,\"high\":null,\"qualifier\":\"at least N\"}"};
    add_claim(&b, 1, &f);
    f.attributed = "the UK-based Syrian Observatory for";
    add_claim(&b, 2, &f);
    REQUIRE(run(&b));
    CHECK_INT(ds_linker_count(b.l), 1);
    json_t *in = incident(&b, 0);
    REQUIRE(in);
    CHECK_INT(json_integer_value(json_object_get(in, "independent_origins")), 1);
    CHECK_STR(json_string_value(json_object_get(in, "status")), "single-source");
    CHECK_STR(json_string_value(json_array_get(json_object_get(in, "origins"), 0)),
              "Syrian Observatory for Human Rights");
    json_decref(in);
    bench_close(&b);
}

TEST(link_same_author_and_relay_count_once)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Institute", "Jane Example");
    add_doc(&b, 2, NULL, "Jane Example");
    add_doc(&b, 3, "Delta Review", NULL);
    add_doc(&b, 4, "Epsilon Agency", NULL);
    ds_error err = {0};
    CHECK(ds_linker_add_relay(b.l, 3, 1, &err) == DS_OK);
    fake f = {.start = "2025-02-28", TOWN, .sub = "Attack"};
    for (int64_t d = 1; d <= 3; d++)
        add_claim(&b, d, &f);
    CHECK(ds_linker_add_relay(b.l, 9, 1, &err) == DS_ENOTFOUND);
    REQUIRE(run(&b));
    CHECK_INT(ds_linker_count(b.l), 1);
    const ds_incident_record *r = ds_linker_record(b.l, 0);
    REQUIRE(r);
    CHECK_INT(r->origins, 1);
    CHECK_INT(r->documents, 3);
    /* Running orders the documents by content: no more look-ups by id. */
    CHECK(ds_linker_add_relay(b.l, 3, 2, &err) == DS_EINVAL);
    bench_close(&b);
}

TEST(link_same_day_two_towns_apart)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN, .groups = "[\"Alawite\"]",
              .killed = "{\"value\":5,\"low\":5,\"high\":5,\"qualifier\":null}"};
    add_claim(&b, 1, &f);
    fake g = {.start = "2025-03-07", FAR_TOWN, .groups = "[\"Alawite\"]",
              .killed = "{\"value\":5,\"low\":5,\"high\":5,\"qualifier\":null}"};
    add_claim(&b, 2, &g);
    REQUIRE(run(&b));
    CHECK_INT(ds_linker_count(b.l), 2);
    bench_close(&b);
}

TEST(link_one_document_two_days_stay_apart)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    fake f = {.start = "2025-03-07", TOWN};
    add_claim(&b, 1, &f);
    f.start = "2025-03-08";
    add_claim(&b, 1, &f);
    f.generic = true; /* a pattern forms no incident */
    add_claim(&b, 1, &f);
    REQUIRE(run(&b));
    CHECK_INT(ds_linker_count(b.l), 2);
    size_t linked, left;
    ds_linker_totals(b.l, &linked, &left, NULL);
    CHECK_INT(linked, 2);
    CHECK_INT(left, 1);
    bench_close(&b);
}

TEST(link_episode_is_parent_of_village_incident)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    fake wave = {.start = "2025-03-06", .end = "2025-03-09", .place = "Tartus",
                 .admin1 = "Tartus", .loc_precision = "admin1", .lat = 35.0, .lon = 36.1,
                 .geo_precision = 3,
                 .killed = "{\"value\":200,\"low\":200,\"high\":null,\"qualifier\":\"at least N\"}"};
    add_claim(&b, 1, &wave);
    fake village = {.start = "2025-03-07", VILLAGE,
                    .killed = "{\"value\":12,\"low\":12,\"high\":12,\"qualifier\":null}"};
    add_claim(&b, 1, &village);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 2);
    const ds_incident_record *ep = ds_linker_record(b.l, 0), *child = ds_linker_record(b.l, 1);
    CHECK(ep->episode);
    CHECK_INT(ep->parent, 0);
    CHECK_INT(child->parent, ep->id);
    CHECK_STR(child->place, "Beit Example");
    json_t *in = incident(&b, 1);
    CHECK_STR(json_string_value(json_object_get(in, "parent")), "i1");
    json_decref(in);
    bench_close(&b);
}

TEST(link_contradictory_tolls_are_contested)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN,
              .killed = "{\"value\":600,\"low\":600,\"high\":600,\"qualifier\":null}"};
    add_claim(&b, 1, &f);
    f.killed = "{\"value\":1500,\"low\":1500,\"high\":1500,\"qualifier\":null}";
    add_claim(&b, 2, &f);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 1);
    json_t *in = incident(&b, 0);
    CHECK_STR(json_string_value(json_object_get(in, "status")), "contested");
    const char *c = json_string_value(json_array_get(json_object_get(in, "contradictions"), 0));
    CHECK_CONTAINS(c, "d1 (Alpha Wire) gives 600");
    CHECK_CONTAINS(c, "d2 (Beta Daily) gives 1500");
    json_decref(in);
    bench_close(&b);
}

TEST(link_dates_a_day_apart_are_listed)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN, .groups = "[\"Druze\"]"};
    add_claim(&b, 1, &f);
    f.start = "2025-03-06";
    add_claim(&b, 2, &f);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 1);
    json_t *in = incident(&b, 0);
    CHECK_STR(json_string_value(json_object_get(in, "status")), "contested");
    /* On a tie the earlier day is the incident's. */
    CHECK_STR(json_string_value(json_object_get(json_object_get(in, "date"), "start")),
              "2025-03-06");
    CHECK_CONTAINS(json_string_value(json_array_get(json_object_get(in, "contradictions"), 0)),
                   "date: d2 (Beta Daily) gives 2025-03-06 (c2); d1 (Alpha Wire) gives "
                   "2025-03-07 (c1)");
    json_decref(in);
    bench_close(&b);
}

TEST(link_policy_errors_name_file_and_line)
{
    ds_link_policy *p = NULL;
    ds_error err = {0};
    const char bad[] = "# a comment\nlink_threshold\tmany\n";
    CHECK(ds_link_policy_parse(&p, bad, sizeof bad - 1, "policy.tsv", &err) == DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "policy.tsv:2");
    const char unknown[] = "setting\tvalue\nno_such_thing\t1\n";
    CHECK(ds_link_policy_parse(&p, unknown, sizeof unknown - 1, "policy.tsv", &err) ==
          DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "unknown setting 'no_such_thing'");
    const char good[] = "max_distance_km\t10\nfigure_policy\thighest\n";
    REQUIRE(ds_link_policy_parse(&p, good, sizeof good - 1, "policy.tsv", &err) == DS_OK);
    ds_link_policy_free(p);
}

TEST(link_bad_claim_json_is_an_error)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    ds_error err = {0};
    CHECK(ds_linker_add_claim(b.l, 7, 1, "{not json", &err) == DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "claim c7");
    CHECK(ds_linker_add_claim(b.l, 8, 5, "{}", &err) == DS_ENOTFOUND);
    bench_close(&b);
}

TEST(link_figure_policy_chooses_the_best_estimate)
{
    const char text[] = "figure_policy\thighest\n";
    ds_link_policy *p = NULL;
    ds_registry *reg = NULL;
    ds_linker *l = NULL;
    ds_error err = {0};
    REQUIRE(ds_link_policy_parse(&p, text, sizeof text - 1, "policy.tsv", &err) == DS_OK);
    REQUIRE(ds_linker_new(&l, p, reg, &err) == DS_OK);
    bench b = {.policy = p, .l = l, .next_claim = 1};
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN,
              .killed = "{\"value\":20,\"low\":20,\"high\":20,\"qualifier\":null}"};
    add_claim(&b, 1, &f);
    f.killed = "{\"value\":22,\"low\":22,\"high\":22,\"qualifier\":null}";
    add_claim(&b, 2, &f);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(l) == 1);
    json_t *in = incident(&b, 0);
    json_t *killed = json_object_get(json_object_get(in, "figures"), "killed");
    CHECK_INT(json_number_value(json_object_get(killed, "best")), 22);
    json_decref(in);
    bench_close(&b);
}

TEST(link_claim_without_date_or_place_only_joins)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    /* A headline with a figure but no date or place of its own joins the
     * coarse claim it agrees with; alone it would form nothing. */
    fake headline = {.killed = "{\"value\":47,\"low\":47,\"high\":47,\"qualifier\":null}",
                     .groups = "[\"Fur\"]"};
    add_claim(&b, 1, &headline);
    fake region = {.start = "2025-03-12", .place = "Tartus", .admin1 = "Tartus",
                   .loc_precision = "admin1", .lat = 35.0, .lon = 36.1, .geo_precision = 3,
                   .groups = "[\"Fur\"]",
                   .killed = "{\"value\":40,\"low\":40,\"high\":60,\"qualifier\":\"between N and N\"}"};
    add_claim(&b, 2, &region);
    fake lonely = {.sub = "Sexual violence"};
    add_claim(&b, 1, &lonely);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 1);
    CHECK_INT(ds_linker_record(b.l, 0)->n_claims, 2);
    size_t linked, left;
    ds_linker_totals(b.l, &linked, &left, NULL);
    CHECK_INT(left, 1);
    bench_close(&b);
}

TEST(link_self_and_place_contradictions)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    fake f = {.start = "2025-03-07", TOWN,
              .killed = "{\"value\":40,\"low\":40,\"high\":40,\"qualifier\":null}"};
    add_claim(&b, 1, &f);
    add_claim(&b, 2, &f);
    f.killed = "{\"value\":12,\"low\":12,\"high\":12,\"qualifier\":null}";
    add_claim(&b, 1, &f);
    ds_error err = {0};
    CHECK(ds_linker_add_place_warning(b.l, 2, 3, 9, "the text places it in Homs", &err) == DS_OK);
    CHECK(ds_linker_add_place_warning(b.l, 2, 30, 39, "outside the sentence", &err) == DS_OK);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 1);
    json_t *in = incident(&b, 0);
    REQUIRE(in);
    json_t *list = json_object_get(in, "contradictions");
    CHECK_INT(json_array_size(list), 2);
    /* Claims of one span come in the order of their JSON text, not of
     * their ids: the claim of 12 first. */
    CHECK_CONTAINS(json_string_value(json_array_get(list, 0)),
                   "killed: d1 (Alpha Wire) gives 12 (c3) and 40 (c1) itself");
    CHECK_CONTAINS(json_string_value(json_array_get(list, 1)),
                   "place: d2 (Beta Daily) (c2): the text places it in Homs");
    /* Neither is a disagreement between documents. */
    CHECK_STR(json_string_value(json_object_get(in, "status")), "corroborated");
    json_decref(in);
    bench_close(&b);
}

TEST(link_citing_several_documents)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Institute", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    add_doc(&b, 3, "Gamma Agency", NULL);
    add_doc(&b, 4, "Delta Review", NULL);
    ds_error err = {0};
    CHECK(ds_linker_add_relay(b.l, 3, 1, &err) == DS_OK);
    CHECK(ds_linker_add_relay(b.l, 3, 2, &err) == DS_OK);
    CHECK(ds_linker_add_relay(b.l, 3, 3, &err) == DS_OK); /* ignored */
    /* An event told by 1 and by 3, which cites 1: one origin. */
    fake f = {.start = "2025-03-07", TOWN};
    add_claim(&b, 1, &f);
    add_claim(&b, 3, &f);
    /* Another told by 3 and 4: 3 cites two documents, neither tells it,
     * so 3 counts as its own origin. */
    fake g = {.start = "2025-01-10", FAR_TOWN};
    add_claim(&b, 3, &g);
    add_claim(&b, 4, &g);
    REQUIRE(run(&b));
    REQUIRE(ds_linker_count(b.l) == 2);
    CHECK_INT(ds_linker_record(b.l, 0)->origins, 2);
    CHECK_INT(ds_linker_record(b.l, 1)->origins, 1);
    bench_close(&b);
}

TEST(link_review_decisions_replayed)
{
    bench b;
    REQUIRE(bench_open(&b));
    add_doc(&b, 1, "Alpha Wire", NULL);
    add_doc(&b, 2, "Beta Daily", NULL);
    add_doc(&b, 3, "Gamma Monitor", NULL);
    fake f = {.start = "2025-03-07", TOWN};
    int64_t a = add_claim(&b, 1, &f), c = add_claim(&b, 2, &f), d = add_claim(&b, 3, &f);
    fake g = {.start = "2025-01-10", FAR_TOWN};
    int64_t e = add_claim(&b, 1, &g);
    ds_error err = {0};
    int64_t rest[] = {a, c}, off[] = {d}, far[] = {e};
    ds_review_decision split = {DS_REVIEW_SPLIT, off, 1, rest, 2, NULL, NULL};
    ds_review_decision merge = {DS_REVIEW_MERGE, far, 1, off, 1, NULL, NULL};
    ds_review_decision reject = {DS_REVIEW_REJECT, &c, 1, NULL, 0, NULL, NULL};
    ds_review_decision edit = {DS_REVIEW_EDIT, off, 1, NULL, 0, "date", "2025-01-10/2025-03-07"};
    ds_review_decision bad = {DS_REVIEW_EDIT, off, 1, NULL, 0, "status", "certain"};
    CHECK(ds_linker_add_decision(b.l, &split, &err) == DS_OK);
    CHECK(ds_linker_add_decision(b.l, &merge, &err) == DS_OK);
    CHECK(ds_linker_add_decision(b.l, &reject, &err) == DS_OK);
    CHECK(ds_linker_add_decision(b.l, &edit, &err) == DS_OK);
    CHECK(ds_linker_add_decision(b.l, &bad, &err) == DS_EINVAL);
    REQUIRE(run(&b));
    /* {a} alone (c rejected), {d, e} merged across 40 km and two months. */
    REQUIRE(ds_linker_count(b.l) == 2);
    size_t rejected = 0, linked, left;
    ds_linker_totals(b.l, &linked, &left, &rejected);
    CHECK_INT(rejected, 1);
    const ds_incident_record *r0 = ds_linker_record(b.l, 0), *r1 = ds_linker_record(b.l, 1);
    const ds_incident_record *merged = r0->n_claims == 2 ? r0 : r1;
    CHECK_INT(merged->n_claims, 2);
    CHECK_STR(merged->date_start, "2025-01-10");
    CHECK_STR(merged->date_end, "2025-03-07");
    CHECK_CONTAINS(merged->value, "\"edited\":[\"date\"]");
    bench_close(&b);
}
