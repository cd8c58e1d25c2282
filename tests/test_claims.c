/* test_claims.c: the event lexicons and claim assembly on invented
 * sentences, and on the seed documents against our own coding of them
 * (tests/data/seed_claims.tsv). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "add/manifest.h"
#include "extract/extract.h"
#include "extract/jsonl.h"
#include "gazetteer/gazetteer.h"
#include "recognize/events.h"
#include "test.h"

/* ---- helpers --------------------------------------------------------------- */

static ds_gazetteer *open_gz(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/data/gazetteer.dsg", t_repo_root());
    ds_gazetteer *gz = NULL;
    ds_error err = {0};
    if (ds_gazetteer_open(&gz, path, &err) != DS_OK)
        return NULL;
    return gz;
}

/* An extractor with the source registry (*reg, which the caller frees
 * after the extractor); NULL, with the test failed, when either fails. */
static ds_extractor *new_extractor(const ds_gazetteer *gz, ds_registry **reg)
{
    ds_error err = {0};
    ds_extractor *x = NULL;
    *reg = NULL;
    if (ds_registry_load(reg, NULL, &err) != DS_OK ||
        ds_extractor_new(&x, gz, *reg, &err) != DS_OK) {
        ds_test_fail(__FILE__, __LINE__, "extractor: %s", err.msg);
        ds_registry_free(*reg);
        *reg = NULL;
    }
    return x;
}

/* Extracts the claims of text (published on `published`) as a JSON array
 * the caller releases; places are resolved when gz is given. */
static json_t *claims_of(const ds_gazetteer *gz, const char *text, const char *published)
{
    ds_error err = {0};
    ds_registry *reg;
    ds_extractor *x = new_extractor(gz, &reg);
    if (!x)
        return NULL;
    ds_document d = {0};
    d.text = ds_strdup(text);
    d.text_len = strlen(text);
    if (published)
        ds_date_parse_iso(published, DS_PREC_NONE, &d.published);
    json_t *arr = json_array();
    if (ds_extract_segment(x, &d, &err) != DS_OK || ds_extract_document(x, &d, NULL, &err) != DS_OK)
        ds_test_fail(__FILE__, __LINE__, "extract: %s", err.msg);
    for (size_t i = 0; i < d.n_claims; i++)
        json_array_append_new(arr, json_loads(d.claims[i].value, 0, NULL));
    ds_document_free(&d);
    ds_extractor_free(x);
    ds_registry_free(reg);
    return arr;
}

static const char *str_at(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static double killed(json_t *claim, const char *field)
{
    json_t *k = json_object_get(json_object_get(json_object_get(claim, "counts"), "killed"), field);
    return json_is_number(k) ? json_number_value(k) : NAN;
}

static const char *actor(json_t *claim, const char *role)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(claim, "actors"), i, a)
        if (strcmp(str_at(a, "role"), role) == 0)
            return str_at(a, "name");
    return NULL;
}

/* ---- invented sentences ---------------------------------------------------- */

TEST(claims_active_passive_and_counts)
{
    json_t *c = claims_of(NULL,
                          "Gunmen shot dead at least 12 Druze villagers on 3 May 2024.\n\n"
                          "Four soldiers were killed by Hayat Tahrir al-Sham fighters the next day.\n",
                          "2024-05-10");
    REQUIRE(c && json_array_size(c) == 2);
    json_t *a = json_array_get(c, 0), *b = json_array_get(c, 1);
    CHECK_STR(str_at(a, "event_type"), "Violence against civilians");
    CHECK_STR(actor(a, "perpetrator"), "gunmen");
    CHECK(killed(a, "value") == 12 && killed(a, "low") == 12 && isnan(killed(a, "high")));
    CHECK_STR(str_at(json_object_get(a, "date"), "start"), "2024-05-03");
    /* Armed men killing armed men is a battle, and the passive finds the doer. */
    CHECK_STR(str_at(b, "event_type"), "Battles");
    CHECK_STR(actor(b, "perpetrator"), "Hayat Tahrir al-Sham");
    CHECK_STR(actor(b, "target"), "soldiers");
    CHECK(killed(b, "value") == 4);
    CHECK_STR(str_at(json_object_get(b, "date"), "start"), "2024-05-04");
    json_decref(c);
}

TEST(claims_no_event_no_claim)
{
    /* Background, opinion, plans, population figures and history are not
     * events; neither is a killing that did not happen. */
    json_t *c = claims_of(NULL,
                          "The Ismailis have lived in the hills for centuries.\n\n"
                          "Many residents fear that militias could attack the town.\n\n"
                          "Kurds make up about a tenth of the population.\n\n"
                          "In 1982 the army killed thousands in the old city.\n\n"
                          "The council plans to negotiate with the new authorities.\n\n"
                          "No one was killed.\n",
                          "2025-02-01");
    REQUIRE(c);
    CHECK_INT(json_array_size(c), 0);
    json_decref(c);
}

TEST(claims_attribution_hedge_generic)
{
    json_t *c = claims_of(NULL,
                          "According to the Syrian Network for Human Rights, security forces "
                          "detained 30 men in the market on 2 March.\n\n"
                          "Militiamen reportedly abducted two teachers, Amnesty International said.\n\n"
                          "The militias kidnap people almost daily, sometimes five or ten a day.\n",
                          "2025-03-05");
    REQUIRE(c && json_array_size(c) == 3);
    json_t *a = json_array_get(c, 0), *b = json_array_get(c, 1), *g = json_array_get(c, 2);
    CHECK_STR(str_at(a, "sub_event_type"), "Arrests");
    CHECK_STR(str_at(a, "attributed_to"), "Syrian Network for Human Rights");
    CHECK(json_is_false(json_object_get(a, "hedged")));
    CHECK_STR(str_at(b, "sub_event_type"), "Abduction/forced disappearance");
    CHECK_STR(str_at(b, "attributed_to"), "Amnesty International");
    CHECK(json_is_true(json_object_get(b, "hedged")));
    CHECK(json_is_true(json_object_get(g, "generic")));
    json_decref(c);
}

TEST(claims_place_and_date_carry_forward)
{
    ds_gazetteer *gz = open_gz();
    if (!gz)
        SKIP("no gazetteer index (run `make gazetteer`)");
    json_t *c = claims_of(gz,
                          "On 14 June 2023, fighting broke out in El Geneina. Militiamen burned "
                          "the central market, and thousands of Masalit families fled across the "
                          "border.\n",
                          "2023-06-20");
    REQUIRE(c && json_array_size(c) >= 2);
    json_t *last = json_array_get(c, json_array_size(c) - 1);
    json_t *loc = json_object_get(last, "location"), *date = json_object_get(last, "date");
    REQUIRE(json_is_object(loc) && json_is_object(date));
    CHECK_STR(str_at(loc, "country"), "SD");
    CHECK(json_is_true(json_object_get(loc, "carried")));
    CHECK_STR(str_at(date, "start"), "2023-06-14");
    CHECK_STR(str_at(last, "event_type"), "Other");
    size_t i;
    json_t *v;
    bool masalit = false;
    json_array_foreach(json_object_get(last, "groups"), i, v)
        masalit |= strcmp(json_string_value(v), "Masalit") == 0;
    CHECK(masalit);
    json_decref(c);
    ds_gazetteer_close(gz);
}

TEST(claims_negation_gives_zero)
{
    json_t *c = claims_of(NULL, "Soldiers stormed the village on 2 April 2022, but no one was "
                                "killed.\n", "2022-04-05");
    REQUIRE(c && json_array_size(c) == 1);
    CHECK(killed(json_array_get(c, 0), "value") == 0);
    json_decref(c);
}

TEST(events_lexicon_forms_and_caps)
{
    ds_events *ev = NULL;
    ds_error err = {0};
    REQUIRE(ds_events_parse(&ev,
                            "phrase\tpos\ttype\tsub_type\tframe\trole\n"
                            "kidnap\tv\tViolence against civilians\tAbduction/forced disappearance\t-\tabducted\n"
                            "air strike\tn\tExplosions/Remote violence\tAir/drone strike\t-\t-\n",
                            "name\taliases\ttype\tcountry\tgeneric\n"
                            "Kachin Independence Army\tKIA\tRebel group\tMM\tnamed\n"
                            "People's Defence Force\t\tRebel group\tMM\tnamed\n",
                            NULL, NULL, &err) == DS_OK);
    const char *text = "They kidnapped a man; kia said air strikes hit; the KIA denied kidnapping. "
                       "The People's Defence Force spoke; the People Defence Force did not.";
    ds_arena *a = ds_arena_new(1 << 20);
    ds_ev_scan sc;
    REQUIRE(ds_events_scan(ev, text, strlen(text), NULL, 0, a, &sc, &err) == DS_OK);
    int triggers = 0, actors = 0;
    for (size_t i = 0; i < sc.n_marks; i++) {
        triggers += sc.marks[i].kind == DS_EV_TRIGGER;
        actors += sc.marks[i].kind == DS_EV_ACTOR;
    }
    /* kidnapped, air strikes, kidnapping; only "KIA" in capitals is the army,
     * and a possessive in a name must be written as listed. */
    CHECK_INT(triggers, 3);
    CHECK_INT(actors, 2);
    ds_arena_free(a);
    ds_events_free(ev);
    /* A bad row names its file and line. */
    REQUIRE(ds_events_parse(&ev, "kill\tv\tMassacres\tAttack\t-\tkilled\n", NULL, NULL, NULL,
                            &err) != DS_OK);
    CHECK_CONTAINS(err.msg, "event_triggers.tsv:1");
}

TEST(jsonl_contract)
{
    ds_document d;
    char *id = NULL;
    ds_error err = {0};
    const char *line = "{\"id\": 7, \"text\": \"Caf\\u00e9 raid.\", \"published\": \"2024-01\"}";
    REQUIRE(ds_jsonl_read(line, strlen(line), &d, &id, &err) == DS_OK);
    CHECK_STR(id, "7");
    CHECK_INT(d.text_len, 11); /* bytes, so spans index the text as given */
    CHECK_INT(d.published.precision, DS_PREC_MONTH);
    ds_document_free(&d);
    ds_free(id);
    const char *bad[] = {"not json", "[1]", "{\"text\": \"x\"}", "{\"id\": \"a\"}",
                         "{\"id\": \"a\", \"text\": \"x\", \"published\": \"March\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(ds_jsonl_read(bad[i], strlen(bad[i]), &d, &id, &err) != DS_OK);
        char *out = ds_jsonl_error(id, err.msg);
        CHECK_CONTAINS(out, "\"error\"");
        ds_free(out);
        ds_free(id);
    }
}

TEST(cli_extract_jsonl_stream)
{
    t_result r = t_sh("printf '%s\\n' "
                      "'{\"id\":\"a\",\"text\":\"Rebels ambushed a convoy on 5 May 2021, killing "
                      "six soldiers.\",\"published\":\"2021-05-06\"}' "
                      "'{\"id\":\"b\",\"text\":' "
                      "'{\"id\":\"c\",\"text\":\"The weather was fine.\"}' "
                      "| \"$DOSSIER_BIN\" extract --jsonl --no-places");
    CHECK_INT(r.status, 0);
    char *save = NULL, *line = strtok_r(r.out, "\n", &save);
    int lines = 0;
    for (; line; line = strtok_r(NULL, "\n", &save), lines++) {
        json_t *o = json_loads(line, 0, NULL);
        REQUIRE(o);
        if (lines == 0) {
            json_t *c = json_array_get(json_object_get(o, "claims"), 0);
            CHECK_STR(str_at(c, "event_type"), "Battles");
            CHECK(killed(c, "value") == 6);
        } else if (lines == 1) {
            CHECK(json_is_null(json_object_get(o, "id")));
            CHECK_CONTAINS(str_at(o, "error"), "line 2");
        } else {
            CHECK_STR(str_at(o, "id"), "c");
            CHECK_INT(json_array_size(json_object_get(o, "claims")), 0);
        }
        json_decref(o);
    }
    CHECK_INT(lines, 3);
    CHECK_CONTAINS(r.err, "1 of 3 lines");
    t_result_free(&r);
}

/* The stream writes each line directly; its mentions and claims must be
 * the ones `add` stores, byte for byte and in the same order. */
TEST(jsonl_line_equals_the_stored_mentions_and_claims)
{
    ds_gazetteer *gz = open_gz();
    ds_error err = {0};
    ds_registry *reg;
    ds_extractor *x = new_extractor(gz, &reg);
    if (!x)
        goto done;
    const char *text = "Gunmen killed at least 14 civilians in Homs on 3 March 2024, "
                       "according to the Syrian Observatory for Human Rights.\n\n"
                       "The next day, \"about 200\" families fled to Hama; Alawite residents "
                       "said security forces detained five men.";
    ds_document d = {0};
    d.text = ds_strdup(text);
    d.text_len = strlen(text);
    ds_date_parse_iso("2024-03-05", DS_PREC_NONE, &d.published);
    ds_buf line, want;
    ds_buf_init(&line, 1 << 24);
    ds_buf_init(&want, 1 << 24);
    REQUIRE(ds_extract_segment(x, &d, &err) == DS_OK);
    REQUIRE(ds_jsonl_extract(x, &d, NULL, "\"r1\"", &line, &err) == DS_OK);
    REQUIRE(d.n_mentions == 0 && d.n_claims == 0); /* the stream stores nothing */
    REQUIRE(ds_extract_document(x, &d, NULL, &err) == DS_OK);
    CHECK(d.n_mentions > 5 && d.n_claims >= 2);
    ds_buf_puts(&want, "{\"id\":\"r1\",\"mentions\":[");
    for (size_t i = 0; i < d.n_mentions; i++)
        ds_buf_printf(&want, "%s%s", i ? "," : "", d.mentions[i].value);
    ds_buf_puts(&want, "],\"claims\":[");
    for (size_t i = 0; i < d.n_claims; i++)
        ds_buf_printf(&want, "%s%s", i ? "," : "", d.claims[i].value);
    ds_buf_puts(&want, "]}");
    CHECK_STR(line.p, want.p);
    ds_buf_free(&line);
    ds_buf_free(&want);
    ds_document_free(&d);
done:
    ds_extractor_free(x);
    ds_registry_free(reg);
    ds_gazetteer_close(gz);
}
