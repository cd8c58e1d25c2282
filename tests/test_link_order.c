/* The link stage's result depends on the documents and claims given, not
 * on their ids or the order they are given in: two linkers fed the same
 * content under other ids and in another order give the same register,
 * contradictions and numbering included. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link/link.h"
#include "test.h"

enum { DOCS = 3, CLAIMS = 6 };

/* Three reports of one killing in a town, with figures that disagree, a
 * village 2 km away on the same day, and a second figure in one report. */
static const struct {
    int doc;
    const char *place;
    double lat, lon;
    int killed;
} claims[CLAIMS] = {
    {0, "Kafr Example", 35.00, 36.00, 40}, {1, "Kafr Example", 35.00, 36.00, 12},
    {2, "Kafr Example", 35.00, 36.00, 30}, {2, "Beit Example", 35.015, 36.012, 30},
    {0, "Beit Example", 35.015, 36.012, 12}, {1, "Kafr Example", 35.00, 36.00, 13},
};
static const char *const publishers[DOCS] = {"Alpha Wire", "Beta Daily", "Gamma Monitor"};

static char *claim_json(int k)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"span\":[0,30],\"event_type\":\"Violence against civilians\","
             "\"sub_event_type\":\"Attack\",\"date\":{\"start\":\"2025-03-07\",\"end\":"
             "\"2025-03-07\",\"precision\":\"day\"},\"location\":{\"name\":\"%s\",\"country\":"
             "\"SY\",\"admin1\":\"Tartus\",\"lat\":%.3f,\"lon\":%.3f,\"precision\":\"town\","
             "\"geo_precision\":1},\"actors\":[],\"groups\":[],\"counts\":{\"killed\":{"
             "\"value\":%d,\"low\":%d,\"high\":%d,\"qualifier\":null}},\"generic\":false}",
             claims[k].place, claims[k].lat, claims[k].lon, claims[k].killed, claims[k].killed,
             claims[k].killed);
    return buf;
}

/* A linker fed document k under id doc_id[k] and claim k under id
 * claim_id[k], in the order given; its records as JSON with every "d<id>"
 * and "c<id>" written as "doc<k>" and "claim<k>", one a line. */
static char *register_of(const int64_t doc_id[DOCS], const int64_t claim_id[CLAIMS],
                         const int order[CLAIMS])
{
    ds_link_policy *policy = NULL;
    ds_linker *l = NULL;
    ds_error err = {0};
    if (ds_link_policy_load(&policy, NULL, &err) || ds_linker_new(&l, policy, NULL, &err)) {
        ds_test_fail(__FILE__, __LINE__, "linker: %s", err.msg);
        ds_link_policy_free(policy);
        return NULL;
    }
    for (int64_t id = 1; id <= DOCS; id++) /* documents go in id order */
        for (int k = 0; k < DOCS; k++)
            if (doc_id[k] == id) {
                ds_document d = {.id = id, .source = (char *)publishers[k]};
                snprintf(d.sha256, sizeof d.sha256, "%064d", k + 1);
                ds_date_parse_iso("2025-03-09", DS_PREC_DAY, &d.published);
                CHECK_INT(ds_linker_add_document(l, &d, &err), DS_OK);
            }
    for (int i = 0; i < CLAIMS; i++) {
        int k = order[i];
        CHECK_INT(ds_linker_add_claim(l, claim_id[k], doc_id[claims[k].doc], claim_json(k), &err),
                  DS_OK);
    }
    CHECK_INT(ds_linker_run(l, NULL, NULL, &err), DS_OK);
    ds_buf b;
    ds_buf_init(&b, 1 << 20);
    for (size_t i = 0; i < ds_linker_count(l); i++) {
        const char *s = ds_linker_record(l, i)->value;
        for (size_t j = 0; s[j];) {
            char *end;
            long long id = (s[j] == 'd' || s[j] == 'c') && (!j || s[j - 1] == '"' ||
                           s[j - 1] == ' ' || s[j - 1] == '(') ? strtoll(s + j + 1, &end, 10) : 0;
            int name = -1;
            for (int k = 0; id > 0 && k < (s[j] == 'd' ? DOCS : CLAIMS); k++)
                if ((s[j] == 'd' ? doc_id[k] : claim_id[k]) == id)
                    name = k;
            if (name < 0) {
                ds_buf_putc(&b, s[j++]);
                continue;
            }
            ds_buf_printf(&b, "%s%d", s[j] == 'd' ? "doc" : "claim", name);
            j = (size_t)(end - s);
        }
        ds_buf_putc(&b, '\n');
    }
    ds_linker_free(l);
    ds_link_policy_free(policy);
    char *out = ds_buf_steal(&b, NULL);
    ds_buf_free(&b);
    return out;
}

TEST(link_same_register_whatever_ids_and_order)
{
    const int64_t doc_a[DOCS] = {1, 2, 3}, doc_b[DOCS] = {2, 3, 1};
    const int64_t claim_a[CLAIMS] = {1, 2, 3, 4, 5, 6},
                  claim_b[CLAIMS] = {60, 50, 40, 30, 20, 10};
    const int order_a[CLAIMS] = {0, 1, 2, 3, 4, 5}, order_b[CLAIMS] = {5, 3, 1, 4, 2, 0};
    char *a = register_of(doc_a, claim_a, order_a), *b = register_of(doc_b, claim_b, order_b);
    REQUIRE(a && b);
    CHECK(strstr(a, "contested") != NULL); /* the figures disagree: contradictions to compare */
    CHECK(strstr(a, "doc0 (Alpha Wire)") != NULL);
    CHECK_STR(a, b);
    ds_free(a);
    ds_free(b);
}
