/* test_places.c: the place recognizer on invented sentences and on the seed
 * documents' gold list (tests/data/seed_places.tsv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "add/add.h"
#include "recognize/places.h"
#include "recognize/places_int.h"
#include "test.h"

typedef struct fixture {
    ds_gazetteer *gz;
    ds_places *pr;
    ds_arena *arena;
    ds_place_mention *m;
    size_t n;
} fixture;

/* Opens the world gazetteer that `make test` builds; skips without it. */
static bool open_fixture(fixture *f)
{
    memset(f, 0, sizeof *f);
    char path[4096];
    ds_error err = {0};
    if (ds_gazetteer_default_path(path, sizeof path, &err) != DS_OK ||
        ds_gazetteer_open(&f->gz, path, &err) != DS_OK)
        return false;
    if (ds_places_new(&f->pr, f->gz, &err) != DS_OK) {
        ds_gazetteer_close(f->gz);
        return false;
    }
    f->arena = ds_arena_new((size_t)256 << 20);
    return f->arena != NULL;
}

static void close_fixture(fixture *f)
{
    ds_arena_free(f->arena);
    ds_places_free(f->pr);
    ds_gazetteer_close(f->gz);
}

#define OPEN_OR_SKIP(f)                                                                  \
    do {                                                                                 \
        if (!open_fixture(f))                                                            \
            SKIP("no gazetteer index (run `make gazetteer`; needs deps from setup)");    \
    } while (0)

static bool find(fixture *f, const char *text, const char *country)
{
    ds_error err = {0};
    return ds_places_find(f->pr, text, strlen(text), country, f->arena, &f->m, &f->n, &err) ==
           DS_OK;
}

/* The mention whose span text is exactly s, or NULL. */
static const ds_place_mention *mention(const fixture *f, const char *text, const char *s)
{
    for (size_t i = 0; i < f->n; i++) {
        const ds_place_mention *m = &f->m[i];
        if (m->end - m->start == strlen(s) && memcmp(text + m->start, s, strlen(s)) == 0)
            return m;
    }
    return NULL;
}

static uint32_t geonameid(const fixture *f, const ds_place_mention *m)
{
    if (!m || m->place == DS_PLACE_NONE)
        return 0;
    ds_place p;
    ds_gazetteer_place(f->gz, m->place, &p);
    return p.geonameid;
}

TEST(places_spelling_variants_resolve_to_one_place)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Shelling hit Al-Qadmus at dawn. Later Kadmous was quiet, and "
                    "\xD8\xA7\xD9\x84\xD9\x82\xD8\xAF\xD9\x85\xD9\x88\xD8\xB3 too. Qadmous "
                    "residents fled.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *a = mention(&f, t, "Al-Qadmus"), *b = mention(&f, t, "Kadmous"),
                           *c = mention(&f, t, "Qadmous");
    REQUIRE(a && b && c);
    CHECK(geonameid(&f, a) != 0);
    CHECK(geonameid(&f, a) == geonameid(&f, b));
    CHECK(geonameid(&f, a) == geonameid(&f, c));
    CHECK_STR(a->country, "SY");
    CHECK(a->geo_precision == 1);
    size_t arabic = 0;
    for (size_t i = 0; i < f.n; i++)
        arabic += geonameid(&f, &f.m[i]) == geonameid(&f, a);
    CHECK(arabic == 4);
    close_fixture(&f);
}

TEST(places_city_or_governorate_follows_the_text)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Fighting in Homs spread across Homs governorate and the province of "
                    "Hama, then to the Latakia countryside and rural Idlib.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *city = mention(&f, t, "Homs");
    const ds_place_mention *gov = mention(&f, t, "Homs governorate");
    const ds_place_mention *prov = mention(&f, t, "province of Hama");
    const ds_place_mention *ctry = mention(&f, t, "Latakia countryside");
    const ds_place_mention *rural = mention(&f, t, "rural Idlib");
    REQUIRE(city && gov && prov && ctry && rural);
    CHECK_STR(city->precision, "town");
    CHECK(city->geo_precision == 1);
    CHECK_STR(gov->precision, "admin1");
    CHECK(gov->geo_precision == 3);
    CHECK_STR(prov->precision, "admin1");
    CHECK_STR(ctry->precision, "area");
    CHECK(ctry->geo_precision == 2);
    CHECK_STR(rural->precision, "area");
    CHECK_STR(ctry->admin1, "Latakia");
    close_fixture(&f);
}

TEST(places_stated_admin_that_contradicts_the_gazetteer_is_a_warning)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    /* GeoNames puts Jablah in Latakia governorate. */
    const char *t = "Families fled Jableh in Tartous province overnight.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *m = mention(&f, t, "Jableh");
    REQUIRE(m);
    CHECK_STR(m->admin1, "Latakia");
    REQUIRE(m->warning);
    CHECK_CONTAINS(m->warning, "Tartus");
    const ds_place_mention *quiet = NULL;
    REQUIRE(find(&f, "Families fled Jableh in Latakia province.", NULL));
    quiet = &f.m[0];
    CHECK(quiet->warning == NULL);
    close_fixture(&f);
}

TEST(places_unlisted_village_falls_back_to_its_stated_parent)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Gunmen raided the village of Kfar Zzyzx near Baniyas on Monday.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *v = mention(&f, t, "Kfar Zzyzx");
    const ds_place_mention *p = mention(&f, t, "Baniyas");
    REQUIRE(v && p);
    CHECK(v->place == DS_PLACE_NONE);
    CHECK(v->parent == p->place);
    CHECK(v->geo_precision == 2);
    CHECK(fabs(v->lat - p->lat) < 1e-6 && fabs(v->lon - p->lon) < 1e-6);
    close_fixture(&f);
}

TEST(places_demonyms_groups_months_and_person_names_are_not_places)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Syrian and Alawite families met in May. President Bashar al-Assad and "
                    "Hayat Tahrir al-Sham were named. Reading the report, police said March "
                    "was calm.";
    REQUIRE(find(&f, t, NULL));
    for (size_t i = 0; i < f.n; i++)
        ds_test_fail(__FILE__, __LINE__, "unexpected place mention '%.*s'",
                     (int)(f.m[i].end - f.m[i].start), t + f.m[i].start);
    close_fixture(&f);
}

TEST(places_country_focus_picks_the_local_namesake)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    /* Tripoli is both Libya's capital and a Lebanese city. */
    const char *lb = "Lebanese troops deployed in Tripoli after clashes near Beirut.";
    REQUIRE(find(&f, lb, NULL));
    const ds_place_mention *m = mention(&f, lb, "Tripoli");
    REQUIRE(m);
    CHECK_STR(m->country, "LB");
    const char *ly = "Libyan militias clashed in Tripoli.";
    REQUIRE(find(&f, ly, NULL));
    m = mention(&f, ly, "Tripoli");
    REQUIRE(m);
    CHECK_STR(m->country, "LY");
    REQUIRE(find(&f, "Clashes in Tripoli.", "LB"));
    REQUIRE(f.n == 1);
    CHECK_STR(f.m[0].country, "LB");
    CHECK(f.m[0].n_alternatives >= 1);
    close_fixture(&f);
}

/* What a sentence's mention should resolve to; NULL fields are not checked. */
typedef struct reading {
    const char *text, *span, *country, *admin1, *precision;
} reading;

static void check_field(const reading *r, const char *what, const char *got, const char *want)
{
    if (want && strcmp(got, want) != 0)
        ds_test_fail(__FILE__, __LINE__, "\"%s\" in \"%s\": %s is %s, not %s", r->span, r->text,
                     what, got, want);
}

static void check_readings(fixture *f, const reading *r, size_t n)
{
    for (size_t i = 0; i < n; i++, r++) {
        const ds_place_mention *m = find(f, r->text, NULL) ? mention(f, r->text, r->span) : NULL;
        if (!m) {
            ds_test_fail(__FILE__, __LINE__, "no mention \"%s\" in \"%s\"", r->span, r->text);
            continue;
        }
        check_field(r, "the country", m->country, r->country);
        check_field(r, "the admin1", m->admin1, r->admin1);
        check_field(r, "the precision", m->precision, r->precision);
    }
}

/* Whether a text yields no mention with the span text s. */
static void check_no_mention(fixture *f, const char *text, const char *s)
{
    if (!find(f, text, NULL))
        ds_test_fail(__FILE__, __LINE__, "\"%s\" could not be read", text);
    else if (mention(f, text, s))
        ds_test_fail(__FILE__, __LINE__, "\"%s\" in \"%s\" was taken for a place", s, text);
}

/* check_no_mention for each {text, span} of a table. */
static void check_no_mentions(fixture *f, const char *const (*cases)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        check_no_mention(f, cases[i][0], cases[i][1]);
}

/* What the comma rules must not do: take a clause's subject, a person or
 * an article-led name after a comma for a place or an abbreviation, or a
 * country for a village of the next country. */
TEST(places_comma_rules_leave_clauses_people_and_lists_alone)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    static const char *const not_places[][2] = {
        {"In Washington, Congress voted on the bill.", "Congress"},
        {"In Washington, Bush said the deal was done.", "Bush"},
        {"In Kabul, Police said three people died.", "Police"},
        {"In Paris, Orange said it would cut jobs.", "Orange"},
        {"After the talks in Cairo, Hope faded quickly.", "Hope"},
        {"In Washington, Congress, the Senate and the courts agreed.", "Congress"},
        {"Former vice president Al Gore spoke.", "Gore"},
        {"Singer Al Green performed.", "Green"},
        {"Officials in District, Ohio, said so.", "District, Ohio"},
        {"A man was killed in the attack.", "A man"},
        {"Fighting in North Darfur killed 20.", "North"},
        {"Hope, Faith and Love were there.", "Hope"},
    };
    check_no_mentions(&f, not_places, sizeof not_places / sizeof *not_places);
    const char *sy = "Shelling hit Aleppo, Idlib, Hama and Homs.";
    const reading r[] = {
        {"Shelling hit Aleppo, Al-Bab and Manbij.", "Al-Bab", "SY", "Aleppo", "town"},
        {"Floods hit San Antonio, Del Rio and Laredo.", "Del Rio", "US", "Texas", "town"},
        {"Chile, Peru settle sea dispute", "Chile", "CL", NULL, "country"},
        {"Shelling hit the border of Russia, Ukraine.", "Russia", "RU", NULL, "country"},
        {"He lives in New York.", "New York", "US", NULL, "town"},
        /* a demonym before armed forces names who acts, not where */
        {"Russian troops advanced near Pokrovsk in the Donetsk region.", "Pokrovsk", "UA", NULL,
         "town"},
        {"Russian ships left the naval base at Tartous.", "Tartous", "SY", NULL, "town"},
        /* a capital abroad keeps half the focus bonus */
        {"In Paris, Macron met the Ukrainian president.", "Paris", "FR", NULL, "town"},
        /* "Congo" names either country; the towns around it decide */
        {"M23 rebels near Goma in eastern Congo seized a town.", "eastern Congo", "CD", NULL,
         "area"},
        {"Officials in Brazzaville said Congo would respond.", "Congo", "CG", NULL, "country"},
        /* a state over a town that bears its name as an alternate */
        {"Clashes in Sinaloa and Durango.", "Sinaloa", "MX", "Sinaloa", "admin1"},
        /* a seat of government ranks as a capital */
        {"Protests in La Paz turned violent.", "La Paz", "BO", NULL, "town"},
        {sy, "Idlib", "SY", NULL, "town"},
        {sy, "Hama", "SY", NULL, "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    close_fixture(&f);
}

/* "Paris, Texas", "Springfield, Ill.": the division or country after a
 * comma picks the namesake it holds over a bigger one elsewhere, and takes
 * its division reading;
 * without the comma the bigger namesakes win, and a list of towns and
 * divisions keeps its towns. */
TEST(places_division_after_a_comma_picks_the_namesake_it_holds)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *two = "Flooding hit Paris, Texas, and Lima, Ohio, on Monday.";
    const char *jableh = "Troops entered Jableh, Latakia, at dawn.";
    const char *plain = "Flooding hit Paris and Lima on Monday.";
    const char *list = "Clashes in Jableh, Latakia and Tartus left four dead.";
    const reading r[] = {
        {two, "Paris", "US", "Texas", "town"},
        {two, "Lima", "US", "Ohio", "town"},
        {"Officials in Victoria, British Columbia, closed the road.", "Victoria", "CA",
         "British Columbia", "town"},
        {jableh, "Latakia", "SY", NULL, "admin1"},
        {plain, "Paris", "FR", NULL, NULL},
        {plain, "Lima", "PE", NULL, NULL},
        {list, "Latakia", "SY", NULL, "town"},
        /* a state among 53 entries named Victoria */
        {"Police in Bayswater, Victoria, said so.", "Bayswater", "AU", "Victoria", "town"},
        /* no country reading for a town held by a state, or for its state */
        {"Police in Mexico, Missouri, said so.", "Mexico", "US", "Missouri", "town"},
        {"Police in Duluth, Georgia, said so.", "Duluth", "US", "Georgia", "town"},
        /* a pair alone is no list, though both name prefectures */
        {"Police in Fukushima, Hokkaido, said so.", "Fukushima", "JP", "Hokkaido", "town"},
        /* a namesake beyond the 24 a name keeps (49 San Carlos) */
        {"Police in San Carlos, Coahuila, said so.", "San Carlos", "MX", "Coahuila", "town"},
        /* every holder counts, and size decides among the held */
        {"Storms hit Houston, Texas, on Monday.", "Houston", "US", "Texas", "town"},
        {"Storms hit Houston, Texas, on Monday.", "Texas", "US", "Texas", "admin1"},
        {"Police found bodies in Juarez, Mexico, on Sunday.", "Juarez", "MX", "Chihuahua", "town"},
        {"Fighting in Houston, Texas, and Dallas, Texas, left two dead.", "Dallas", "US", "Texas",
         "town"},
        {"Fighting in Houston, Texas, and Dallas, Texas, left two dead.", "Texas", "US", "Texas",
         "admin1"},
        /* common English words as places: after a place and a comma, or
         * after a capitalised article */
        {"Police in Beaumaris, Wales, said so.", "Wales", "GB", "Wales", "admin1"},
        {"Officials in Beijing, Shanghai and Wuhan said so.", "Shanghai", "CN", NULL, NULL},
        {"Police in El Mango, Veracruz, said so.", "El Mango", "MX", "Veracruz", "town"},
        /* a division weighs its places' people against a village of its name */
        {"Protests spread in Wales on Monday.", "Wales", "GB", "Wales", "admin1"},
        /* a cue word does not reach across a comma ("canton" is one) */
        {"Police in Canton, Ohio, said so.", "Canton", "US", "Ohio", "town"},
        {"Police in Canton, Ohio, said so.", "Ohio", "US", "Ohio", "admin1"},
        /* St. keeps its full stop inside a name; a title is read as Saint,
         * Mount or Fort when its abbreviation starts no name; the word after
         * a title stands alone when no name starts at the title */
        {"Police in St. Louis said so.", "St. Louis", "US", "Missouri", "town"},
        {"A wildfire near Mt. Shasta forced evacuations.", "Mt. Shasta", "US", "California",
         "town"},
        {"Police found the car near Ft. Worth on Tuesday.", "Ft. Worth", "US", "Texas", "town"},
        {"He lived on Main St. London police said he had fled.", "London", "GB", NULL, "town"},
        /* a common word named with its division is a town if it holds one */
        {"A tornado hit Independence, Missouri, on Monday.", "Independence", "US", "Missouri",
         "town"},
        {"Flooding hit Enterprise, Ala., on Tuesday.", "Enterprise", "US", "Alabama", "town"},
        /* a name the abbreviated division holds none of is unlisted there */
        {"Police in Berlin, Conn., said so.", "Berlin", "US", "Connecticut", NULL},
        /* an abbreviation drops the country reading too */
        {"Police in Mexico, Mo., said so.", "Mexico", "US", "Missouri", "town"},
        /* abbreviations (data/admin1_abbreviations.tsv) */
        {"SPRINGFIELD, Ill. (AP) - A tornado struck.", "SPRINGFIELD", "US", "Illinois", "town"},
        {"Later in London, Ont., officials met.", "London", "CA", "Ontario", "town"},
        {"Police in Paris, TX.", "Paris", "US", "Texas", "town"},
        /* a small town abroad is plausible beside a town the text names
         * unambiguously in its own country */
        {"Hezbollah said it fired rockets at an Israeli base near Safed after strikes on "
         "Marjayoun.",
         "Marjayoun", "LB", NULL, "town"},
        /* a town's own name outweighs a bigger town's former name in the
         * same country, but not a city's short name or a division's seat */
        {"A teacher in Newtown, Conn., recalled the day.", "Newtown", "US", "Connecticut",
         "town"},
        {"Police found bodies in Juarez, Mexico, on Sunday.", "Juarez", "MX", "Chihuahua",
         "town"},
        {"Drones hit energy facilities in Odesa and Mykolaiv overnight.", "Mykolaiv", "UA",
         NULL, "town"},
        /* "X in Y" and "X police in Y" read as a comma pair does */
        {"Bangor police in Maine said a man was arrested.", "Bangor", "US", "Maine", "town"},
        {"Officials in Paris said Texas would act.", "Paris", "FR", NULL, "town"},
        {"A blast hit Bijapur district of Chhattisgarh.", "Bijapur district", "IN",
         "Chhattisgarh", "admin2"},
        /* the division after the comma outweighs a text about another
         * country, and keeps its smaller towns plausible */
        {"Officials in Paris, Tenn., said it in France.", "Paris", "US", "Tennessee", "town"},
        /* a name and its spelling in another script are no town and its
         * district: Al Mansoura of Raqqa, not of Aden */
        {"\u0627\u0644\u0645\u0646\u0635\u0648\u0631\u0629, Al Mansoura, Raqqa governorate, Syria", "\u0627\u0644\u0645\u0646\u0635\u0648\u0631\u0629", "SY", "Raqqa", "town"},
        {"Police in Santa Cruz, California, said it in Brazil.", "Santa Cruz", "US",
         "California", "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    /* A person's first name after a place is not taken for a place. */
    const char *person = "In Aleppo, Mark Lowcock said so.";
    REQUIRE(find(&f, person, NULL));
    CHECK(f.n == 1);
    /* The abbreviation names its division, and no place of its own ("Ala"
     * is no town in Italy). */
    const reading abbreviated[] = {
        {"Later in Paris, Tenn., officials met.", "Tenn.", "US", "Tennessee", "admin1"},
        {"Flooding hit Enterprise, Ala., on Tuesday.", "Ala.", "US", "Alabama", "admin1"},
        {"A storm hit Paris, TX.", "TX", "US", "Texas", "admin1"},
    };
    check_readings(&f, abbreviated, sizeof abbreviated / sizeof *abbreviated);
    const char *tenn = "Later in Paris, Tenn., officials met.";
    REQUIRE(find(&f, tenn, NULL));
    CHECK(f.n == 2);
    close_fixture(&f);
}

/* "Georgia, Alabama and Texas": a name that reads as two kinds of division
 * takes the one the other items of its list share; a list of seats that
 * are also provinces keeps its towns. */
TEST(places_list_items_share_their_kind_of_division)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *sy = "Shelling hit Aleppo, Idlib and Hama.";
    const reading r[] = {
        {"Storms hit Georgia, Alabama and Texas overnight.", "Georgia", "US", NULL, "admin1"},
        {"Talks with Armenia, Georgia and Azerbaijan resumed.", "Georgia", "GE", NULL,
         "country"},
        {"Floods hit Sindh and Punjab.", "Punjab", "PK", NULL, NULL},
        {"Farmers in Haryana and Punjab protested.", "Punjab", "IN", NULL, NULL},
        {sy, "Aleppo", "SY", NULL, "town"},
        {sy, "Idlib", "SY", NULL, "town"},
        {sy, "Hama", "SY", NULL, "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    close_fixture(&f);
}

/* A digest of several countries: a province only one country has names
 * that country, so its smaller towns are not taken for foreign namesakes
 * of the document's main country. */
TEST(places_a_province_names_its_country_in_a_digest)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "In Mexico, cartel violence left nine dead in Culiacan and four in Celaya. "
                    "Authorities in Tijuana reported more killings. Clashes in Manipur spread to "
                    "Imphal, and police in Anantnag arrested two men. Armed groups attacked "
                    "Bunia in Ituri province.";
    const reading r[] = {
        {t, "Anantnag", "IN", NULL, "town"},
        {t, "Bunia", "CD", NULL, "town"},
        {t, "Celaya", "MX", NULL, "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    close_fixture(&f);
}

/* A continent or a region across countries is an area at the mean of its
 * countries or divisions, never a town that shares the name ("Africa" is
 * an old name of Mahdia; "Kashmir" a variant of Cashmere, Washington). */
TEST(places_regions_across_countries_are_areas)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Aid agencies in Africa and the Sahel warned of hunger, and troops "
                    "in Kashmir were on alert.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *af = mention(&f, t, "Africa"), *sahel = mention(&f, t, "Sahel"),
                           *ka = mention(&f, t, "Kashmir");
    REQUIRE(af && sahel && ka);
    const ds_place_mention *all[] = {af, sahel, ka};
    for (size_t i = 0; i < 3; i++) {
        CHECK_STR(all[i]->precision, "area");
        CHECK(all[i]->geo_precision == 3);
        CHECK_STR(all[i]->country, "");
        CHECK(all[i]->place == DS_PLACE_NONE);
    }
    CHECK(af->lat > -35 && af->lat < 37 && af->lon > -18 && af->lon < 52);
    CHECK(sahel->lat > 10 && sahel->lat < 21);
    CHECK(ka->lat > 32 && ka->lat < 37 && ka->lon > 72 && ka->lon < 78);
    close_fixture(&f);
}

/* A named area means its own country whatever the document is about;
 * only a common phrase marked as such ("the coast") waits for the focus. */
TEST(places_named_areas_hold_whatever_the_focus)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const char *t = "Israeli jets struck Gaza City. Militias raided villages in North Darfur, "
                    "and shelling went on in the Donbas.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *darfur = mention(&f, t, "North Darfur"),
                           *donbas = mention(&f, t, "Donbas");
    REQUIRE(darfur && donbas);
    CHECK_STR(darfur->country, "SD");
    CHECK_STR(donbas->country, "UA");
    const char *coast = "Fighting went on along the coast.";
    REQUIRE(find(&f, coast, "LY"));
    CHECK(!mention(&f, coast, "the coast"));
    REQUIRE(find(&f, coast, "SY"));
    const ds_place_mention *m = mention(&f, coast, "the coast");
    REQUIRE(m);
    CHECK_STR(m->country, "SY");
    close_fixture(&f);
}

/* A name may hold a possessive's "'s" when the gazetteer lists it so;
 * otherwise the possessive ends the name. */
TEST(places_a_name_may_hold_a_possessive)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const reading r[] = {
        {"Thousands fled Rakhine State to Cox's Bazar.", "Cox's Bazar", "BD", NULL, "town"},
        {"Thousands fled to Cox\u2019s Bazar last year.", "Cox\u2019s Bazar", "BD", NULL,
         "town"},
        {"Shells fell on Hama's Salamiyah.", "Hama", "SY", "Hama", "admin1"},
        {"Shells fell on Hama's Salamiyah.", "Salamiyah", "SY", "Hama", "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    close_fixture(&f);
}

/* Conflict-report phrasings: a division word belongs to the name before
 * it, a landform's name is no town, a border or a strike names who acts,
 * plural division words, an apostrophe inside a transliteration. */
/* A division named anywhere in the sentence holds its town; a name that
 * may be a town of the division's country, or a division of its kind,
 * is not pushed by it (conamed.c). */
TEST(places_a_division_named_in_the_sentence_holds_its_town)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const reading r[] = {
        {"Cumbria Police said a farmer died near Kendal on Monday.", "Kendal", "GB", "England",
         "town"},
        {"Cumbria Police said a farmer died near Kendal on Monday.", "Cumbria", "GB", "England",
         "admin2"},
        {"Essex Police arrested two men in Chelmsford.", "Essex", "GB", "England", "admin2"},
        /* a lesser town of the division's name does not stand in the way */
        {"Army patrols left Segovia for the hills of eastern Antioquia.", "Segovia", "CO",
         "Antioquia", "town"},
        /* siblings, not a place and what holds it */
        {"Floods hit Wales and the north of England.", "Wales", "GB", "Wales", "admin1"},
        /* a division named after its seat, or its seat after it */
        {"Fighting spread from Kidal to Tessalit.", "Kidal", "ML", NULL, "town"},
        {"Police in Kano said a mosque burned in Gezawa.", "Kano", "NG", NULL, "town"},
        {"Bodies were found in Irpin and Bucha outside Kyiv.", "Kyiv", "UA", "Kyiv City", "town"},
        {"Protesters in Lagos blocked the road to Lekki.", "Lagos", "NG", NULL, "town"},
        /* the country reading of a name whose division reading holds a
         * place of the sentence casts no focus vote */
        {"Near Valdosta, Georgia's troopers closed a highway into Tifton.", "Georgia", "US",
         "Georgia", "admin1"},
        {"The Macon-Bibb County board in Georgia met on Monday.", "Georgia", "US", "Georgia",
         "admin1"},
        {"Gori in Georgia was shelled.", "Georgia", "GE", NULL, "country"},
        /* "the Ontario city" refers back to a town of the sentence */
        {"Kingston police said a man was charged in the Ontario city's downtown.", "Kingston",
         "CA", "Ontario", "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    close_fixture(&f);
}

TEST(places_report_phrasings_keep_their_names_apart)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const reading r[] = {
        {"Clashes broke out in Andarab district of Baghlan province.", "Baghlan province", "AF",
         NULL, "admin1"},
        {"Gangs control the Centre department of Haiti.", "Haiti", "HT", NULL, "country"},
        {"Clashes went on in the countryside of Hama.", "countryside of Hama", "SY", NULL,
         "area"},
        {"Soldiers killed fighters near Lake Chad.", "Lake Chad", NULL, NULL, "area"},
        {"A car bomb went off in Azaz, near the Turkish border.", "Azaz", "SY", NULL, "town"},
        {"An Israeli strike hit a school in Deir al-Balah.", "Deir al-Balah", "PS", NULL, "town"},
        {"Gunmen raided villages in Kano and Jigawa states.", "Kano", "NG", NULL, "admin1"},
        {"Fighting in Dara'a went on.", "Dara'a", "SY", NULL, "town"},
        {"A Columbus man was arrested.", "Columbus", "US", NULL, "town"},
        /* a name none of whose namesakes lies in the division stated after
         * it is an unlisted place there, not Khouribga, Morocco */
        {"Gunmen abducted pupils in Kuriga, Kaduna state.", "Kuriga", "NG", "Kaduna State",
         "admin1"},
        {"Troops handed their base in Gao to the army.", "Gao", "ML", NULL, "town"},
        {"Residents of Phoenix said the power was out.", "Phoenix", "US", NULL, "town"},
        {"Fans in Santa B\u00e1rbara d'Oeste cheered.", "Santa B\u00e1rbara d'Oeste", "BR", NULL,
         "town"},
        {"Storm Daniel flooded Derna.", "Derna", "LY", NULL, "town"},
        {"DOHA, Qatar - Talks resumed.", "DOHA", "QA", NULL, "town"},
        /* a province that GeoNames keeps as an admin2, named with the word */
        {"A typhoon struck Batanes and Cagayan provinces.", "Cagayan provinces", "PH", NULL,
         "admin2"},
        {"Rebels attacked Nduga regency.", "Nduga regency", "ID", NULL, "admin2"},
        /* a place before a weekday is no longer name; a name inside a
         * longer name in a text of no known country is kept */
        {"An attack in Nice Thursday killed 86 people.", "Nice", "FR", NULL, "town"},
        {"A strike hit the Tabqa Dam.", "Tabqa", "SY", NULL, NULL},
        {"Shelling hit Gaza's city centre.", "Gaza", "PS", NULL, NULL},
        {"Gunmen struck Kuriga, Kaduna state on Friday.", "Kuriga", "NG", "Kaduna State", NULL},
        /* a district that holds no listed place (Israel's "Gaza") is no
         * match for the city, even in a text about that country */
        {"Warrants were sought for leaders in Gaza and Israel.", "Gaza", "PS", NULL, "town"},
        /* an unlisted name with its division after a comma */
        {"Gunmen killed farmers in Yelwata, Benue state.", "Yelwata", "NG", "Benue State",
         NULL},
        /* "at" in lower case is English, after a name as before one */
        {"Fighting spread from Aleppo at Hama.", "Hama", "SY", NULL, "town"},
        {"Clashes erupted in As Suwayda on Monday.", "Suwayda", "SY", NULL, "town"},
        /* a street word in lower case is the road to the place */
        {"Shelling hit the Aleppo road near Saraqib.", "Aleppo", "SY", NULL, "town"},
        /* a common word that starts a sentence may be a town named with
         * its division */
        {"Hope, B.C., was cut off by floods.", "Hope", "CA", "British Columbia", "town"},
        {"Independence, Mo., was hit by a tornado.", "Independence", "US", "Missouri", "town"},
        /* a common word after a capitalised division word of its level */
        {"Flooding hit Westport, County Mayo.", "County Mayo", "IE", NULL, "admin2"},
        /* after a capitalised landform word and "of" the name is the landform's */
        {"The storm moved from the Gulf of Mexico into Louisiana.", "Louisiana", "US", NULL,
         "admin1"},
        /* a given name after a locative is the place's */
        {"Talks in Paris Monday ended without a deal.", "Paris", "FR", NULL, "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    static const char *const not_places[][2] = {
        {"Clashes in the Nuba Mountains went on.", "Nuba"},
        /* a given name before a surname (given_names.tsv) */
        {"Sydney Sweeney spoke to reporters in Atlanta.", "Sydney"},
        {"Jordan Henderson scored twice on Saturday.", "Jordan"},
        /* a common word in the possessive before a capitalised word */
        {"Students gathered near Queen's University.", "Queen"},
        /* a capitalised landform word and "of" */
        {"Ships crossed the Gulf of Thailand.", "Thailand"},
        {"Homes near Illinois State University were hit.", "State University"},
        /* a newspaper's or an airline's word after the name (organisation cues) */
        {"The Washington Post reported the story.", "Washington"},
        {"A Qatar Airways flight landed in Doha.", "Qatar"},
        {"Migrants crossed the English Channel.", "English"},
        {"Shots were fired along the Line of Control.", "Control"},
        {"The Department of Justice said so.", "Justice"},
        {"Storm Daniel flooded Derna.", "Daniel"},
        {"Shelling hit Gaza's city centre.", "Gaza's city"},
        {"Nasir El-Rufai, Kaduna State governor, spoke.", "Nasir El-Rufai"},
        {"OCHA: five were killed in Goma.", "OCHA"},
        {"Al Jazeera's reporter in Gaza said.", "Jazeera"},
        /* a first name that a small town abroad bears, before a surname */
        {"Salva Kiir flew to Juba in South Sudan on Monday.", "Salva"},
        {"Ismail Haniyeh was killed in Tehran.", "Ismail"},
        {"Clashes broke out in Andarab district of Baghlan province.",
         "district of Baghlan province"},
        /* a capitalised street word after a name makes it a street's */
        {"A cyclist was hit on Richmond Street in London, Ont.", "Richmond"},
        {"A man was shot near Lents Park in Portland.", "Lents"},
        {"Crowds gathered in Tahrir Square in Cairo.", "Tahrir"},
        /* a demonym before a settlement noun is no unlisted town; "as", "at"
         * and "an" written apart join no unlisted name */
        {"Gunmen in the Kenyan town of Garissa opened fire.", "Kenyan"},
        {"Residents fled Ras al-Ain as Turkish troops advanced.", "Ras al-Ain as Turkish"},
        /* a first name that is a place, before a surname and an age */
        {"Police said Chad Reynolds, 41, was arrested.", "Chad"},
        {"Sydney Brown, 23, of Hope, Arkansas, died.", "Sydney"},
    };
    check_no_mentions(&f, not_places, sizeof not_places / sizeof *not_places);
    close_fixture(&f);
}

/* A capitalised common word that names a first-level division ("Wales",
 * "Unity", "Delta") is that division only in a text about its country;
 * and a place after "and the north of" is no reference point. */
TEST(places_common_word_divisions_need_their_country)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const reading r[] = {
        {"Storms hit Wales and England.", "Wales", "GB", "Wales", "admin1"},
        {"Troops shelled Unity, South Sudan officials said.", "Unity", "SS", "Unity", "admin1"},
        {"Gunmen struck villages across Delta, Nigerian police said.", "Delta", "NG", "Delta",
         "admin1"},
        {"Clashes in Bentiu, Unity State, killed eight.", "Unity State", "SS", NULL, "admin1"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    check_no_mention(&f, "Police said Delta flights resumed in Atlanta.", "Delta");
    check_no_mention(&f, "Members of the Unity party met in Juba.", "Unity");
    check_no_mention(&f, "Reading beat Leeds in England.", "Reading");
    const char *two = "Floods hit Wales and the north of England.";
    const ds_place_mention *m = find(&f, two, NULL) ? mention(&f, two, "Wales") : NULL;
    CHECK(m && m->parent == DS_PLACE_NONE);
    const char *near = "Shelling hit Kafr Nabl, south of Idlib.";
    m = find(&f, near, NULL) ? mention(&f, near, "Kafr Nabl") : NULL;
    CHECK(m && m->parent != DS_PLACE_NONE);
    close_fixture(&f);
}

/* The compass part of a mention, and the same name's point without it. */
typedef struct part_case {
    const char *text, *span, *name, *part;
    double dlat, dlon; /* the sign of the part's offset from the name's point: +1, -1, 0 */
} part_case;

static void check_part(fixture *f, const part_case *c)
{
    const ds_place_mention *m = find(f, c->text, NULL) ? mention(f, c->text, c->span) : NULL;
    if (!m || !m->part || strcmp(m->part, c->part) != 0 || strcmp(m->precision, "area") != 0) {
        ds_test_fail(__FILE__, __LINE__, "\"%s\": no %s part", c->span, c->part);
        return;
    }
    double lat = m->lat, lon = m->lon;
    const char *admin1 = m->admin1;
    uint32_t place = m->place;
    if (!find(f, c->name, NULL) || f->n != 1 || f->m[0].place != place) {
        ds_test_fail(__FILE__, __LINE__, "\"%s\": not the entry \"%s\" names (%s)", c->span,
                     c->name, admin1);
        return;
    }
    /* At least a fifth of a degree towards the part, and never away. */
    double up = lat - f->m[0].lat, east = lon - f->m[0].lon;
    if ((c->dlat && up * c->dlat < 0.2) || (c->dlon && east * c->dlon < 0.2) ||
        fabs(up) > 12 || fabs(east) > 20)
        ds_test_fail(__FILE__, __LINE__, "\"%s\" at %.2f,%.2f; \"%s\" at %.2f,%.2f", c->span,
                     lat, lon, c->name, f->m[0].lat, f->m[0].lon);
}

/* "northern Syria", "the eastern countryside of Homs", "the north of
 * Mali": the part of the country or division, located in that part. */
TEST(places_compass_parts_lie_in_their_part)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const part_case cases[] = {
        {"Airstrikes hit northern Syria.", "northern Syria", "Syria", "north", 1, 0},
        {"Shells fell in southern Lebanon.", "southern Lebanon", "Lebanon", "south", -1, 0},
        {"Fighting raged in eastern Ukraine.", "eastern Ukraine", "Ukraine", "east", 0, 1},
        {"Gunmen raided north-west Nigeria.", "north-west Nigeria", "Nigeria", "north-west", 1,
         -1},
        {"Jihadists hold the north of Mali.", "Mali", "Mali", "north", 1, 0},
        {"Clashes in the eastern countryside of Homs.", "eastern countryside of Homs",
         "Homs Governorate", "east", 0, 1},
        {"Raids on southern Idlib.", "southern Idlib", "Idlib Governorate", "south", -1, 0},
        {"Strikes in northwest Syria.", "northwest Syria", "Syria", "north-west", 1, -1},
        {"Fighting in southern Gaza.", "southern Gaza", "Gaza Strip", "south", -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_part(&f, &cases[i]);
    /* The parts of a city of a million are its districts, not its province's. */
    const char *t = "Residents fled eastern Aleppo.";
    REQUIRE(find(&f, t, NULL));
    const ds_place_mention *m = mention(&f, t, "eastern Aleppo");
    REQUIRE(m);
    CHECK(m->part == NULL);
    CHECK_STR(m->precision, "area");
    close_fixture(&f);
}

/* A text asks for DS__PARTS_PER_TEXT compass parts at most: each may cost
 * sorts of a country's places, and a list of hundreds would otherwise cost
 * seconds.  The parts past the cap keep their country's point. */
TEST(places_compass_parts_are_capped_per_text)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    static const char *const parts[] = {"northern", "southern", "eastern", "western", "central",
                                        "north-east", "north-west", "south-east", "south-west"};
    static const char *const countries[] = {"Syria", "Nigeria", "Mali", "Kenya", "Peru",
                                            "Ukraine", "Myanmar", "Chad"};
    char text[8192];
    size_t at = 0, asked = 0;
    for (size_t c = 0; c < 8; c++)
        for (size_t p = 0; p < 9; p++, asked++)
            at += (size_t)snprintf(text + at, sizeof text - at, "Clashes in %s %s. ", parts[p],
                                   countries[c]);
    REQUIRE(find(&f, text, NULL));
    size_t with_part = 0, areas = 0;
    for (size_t i = 0; i < f.n; i++) {
        with_part += f.m[i].part != NULL;
        areas += strcmp(f.m[i].precision, "area") == 0;
    }
    CHECK(asked > DS__PARTS_PER_TEXT);
    CHECK(with_part == DS__PARTS_PER_TEXT);
    CHECK(areas == DS__PARTS_PER_TEXT);
    close_fixture(&f);
}

/* Arabic script has no capitals: common words that GeoNames also gives
 * foreign places as names are no places, a clitic before a name is not
 * part of it, and division and compass words work as in English. */
/* A text of many "Town, St." pairs keeps DS__ABBREVS_PER_TEXT of their
 * abbreviations as mentions, in text order, and every town still finds
 * its namesake. */
TEST(places_abbreviation_mentions_are_capped_per_text)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    char text[8192];
    size_t at = 0, pairs = DS__ABBREVS_PER_TEXT + 8;
    for (size_t i = 0; i < pairs; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "Storms hit Paris, Tenn., today. ");
    REQUIRE(find(&f, text, NULL));
    size_t abbreviations = 0, towns = 0;
    bool ordered = true;
    for (size_t i = 0; i < f.n; i++) {
        abbreviations += strcmp(f.m[i].precision, "admin1") == 0;
        towns += strcmp(f.m[i].admin1, "Tennessee") == 0 && strcmp(f.m[i].precision, "town") == 0;
        ordered &= i == 0 || f.m[i - 1].start < f.m[i].start;
    }
    CHECK(abbreviations == DS__ABBREVS_PER_TEXT);
    CHECK(towns == pairs);
    CHECK(ordered);
    close_fixture(&f);
}

TEST(places_arabic_script_words_clitics_and_cues)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    const reading r[] = {
        {"\u0642\u0635\u0641 \u0641\u064a \u0627\u0644\u062d\u0633\u0643\u0629",
         "\u0627\u0644\u062d\u0633\u0643\u0629", "SY", "Al-Hasakah", "town"},
        {"\u0642\u0635\u0641 \u0641\u064a \u062d\u0645\u0635 \u0648\u062d\u0644\u0628",
         "\u062d\u0644\u0628", "SY", "Aleppo", "town"},
        {"\u0627\u0634\u062a\u0628\u0627\u0643\u0627\u062a \u0641\u064a "
         "\u0645\u062d\u0627\u0641\u0638\u0629 \u062d\u0645\u0635",
         "\u0645\u062d\u0627\u0641\u0638\u0629 \u062d\u0645\u0635", "SY", "Homs", "admin1"},
        {"\u0642\u0635\u0641 \u0639\u0644\u0649 \u0627\u0644\u062a\u0644",
         "\u0627\u0644\u062a\u0644", "SY", NULL, "town"},
    };
    check_readings(&f, r, sizeof r / sizeof *r);
    /* "in" (Balvi), "how" (Kyiv) and a bare "hill" (At Tall) name nothing. */
    check_no_mention(&f, "\u0642\u0635\u0641 \u0641\u064a \u0627\u0644\u062d\u0633\u0643\u0629",
                     "\u0641\u064a");
    check_no_mention(&f, "\u0643\u064a\u0641 \u0642\u062a\u0644 \u0627\u0644\u0645\u062f\u0646\u064a\u0648\u0646",
                     "\u0643\u064a\u0641");
    check_no_mention(&f, "\u0642\u0635\u0641 \u0639\u0644\u0649 \u062a\u0644 \u0635\u063a\u064a\u0631",
                     "\u062a\u0644");
    check_no_mention(&f, "\u0642\u0627\u0644 \u0648\u0627\u0644\u062f\u0648\u0644\u0629",
                     "\u0648\u0627\u0644\u062f\u0648\u0644\u0629"); /* "and the state" */
    check_no_mention(&f, "\u0642\u0635\u0641\u062a \u0637\u0627\u0626\u0631\u0627\u062a \u0627\u0644\u062a\u062d\u0627\u0644\u0641 \u0645\u0648\u0627\u0642\u0639 \u0641\u064a \u0627\u0644\u0631\u0642\u0629.",
                     "\u0627\u0644\u062a\u062d\u0627\u0644\u0641"); /* the coalition */
    check_no_mention(&f, "\u0642\u0627\u0644\u062a \u0627\u0644\u0633\u0644\u0637\u0627\u062a \u0625\u0646 \u0627\u0644\u0637\u0631\u064a\u0642 \u0623\u063a\u0644\u0642.",
                     "\u0627\u0644\u0633\u0644\u0637\u0627\u062a"); /* the authorities */
    check_no_mention(&f, "\u0642\u0635\u0641\u062a \u0627\u0644\u0642\u0648\u0627\u062a \u0627\u0644\u0628\u0644\u062f\u0629 \u0644\u064a\u0644\u0627.",
                     "\u064a\u0644\u0627"); /* at night: no clitic before Les Lilas */
    /* "ريف حلب الشمالي": the adjective after the name. */
    const char *after = "\u0642\u0635\u0641 \u0641\u064a \u0631\u064a\u0641 "
                        "\u062d\u0644\u0628 \u0627\u0644\u0634\u0645\u0627\u0644\u064a";
    REQUIRE(find(&f, after, NULL));
    REQUIRE(f.n == 1);
    CHECK(f.m[0].part && strcmp(f.m[0].part, "north") == 0);
    /* "شمال سوريا": the north of Syria. */
    const char *north = "\u063a\u0627\u0631\u0627\u062a \u0639\u0644\u0649 "
                        "\u0634\u0645\u0627\u0644 \u0633\u0648\u0631\u064a\u0627";
    REQUIRE(find(&f, north, NULL));
    REQUIRE(f.n == 1);
    CHECK(f.m[0].part && strcmp(f.m[0].part, "north") == 0);
    CHECK_STR(f.m[0].country, "SY");
    close_fixture(&f);
}

/* Whether a name is worth a check: written in Latin letters with some
 * lower case (acronyms have their own rule, and Arabic-script aliases are
 * read by the claims stage). */
static bool mixed_case_latin(const char *name)
{
    bool lower = false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p >= 0x80)
            return false;
        lower |= *p >= 'a' && *p <= 'z';
    }
    return lower;
}

/* Checks that no place mention covers the whole of one named actor's name. */
static void check_actor(fixture *f, const char *name, size_t n)
{
    char text[512], nm[256];
    if (n >= sizeof nm)
        return;
    memcpy(nm, name, n);
    nm[n] = '\0';
    if (!mixed_case_latin(nm))
        return;
    static const char lead[] = "Witnesses said ";
    int len = snprintf(text, sizeof text, "%s%s fighters attacked the convoy.", lead, nm);
    ds_error err = {0};
    if (len < 0 || (size_t)len >= sizeof text ||
        ds_places_find(f->pr, text, (size_t)len, NULL, f->arena, &f->m, &f->n, &err) != DS_OK)
        return;
    /* A country a name holds ("Islamic Emirate of Afghanistan") is named. */
    for (size_t i = 0; i < f->n; i++)
        if (f->m[i].start <= sizeof lead - 1 && f->m[i].end >= sizeof lead - 1 + n &&
            strcmp(f->m[i].precision, "country") != 0)
            ds_test_fail(__FILE__, __LINE__, "the actor \"%s\" was taken for %s (%s)", nm,
                         f->m[i].name ? f->m[i].name : "a place", f->m[i].country);
}

/* Every named actor of data/actors.tsv, by its name and each alias, is no
 * place ("Hamas" is not Hamm, "Taliban" no Turkish village), whatever the
 * gazetteer holds; place_stoplist.tsv lists the ones that would be. */
TEST(places_actor_names_are_not_places)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    char path[4096];
    snprintf(path, sizeof path, "%s/data/actors.tsv", t_repo_root());
    char *tsv = t_read_file(path, NULL);
    REQUIRE(tsv);
    size_t checked = 0;
    for (char *line = tsv, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *f5[5] = {0};
        size_t nf = 0;
        for (char *c = line; c && nf < 5; nf++) {
            f5[nf] = c;
            c = strchr(c, '\t');
            if (c)
                *c++ = '\0';
        }
        if (line[0] == '#' || nf < 5 || strcmp(f5[4], "named") != 0)
            continue;
        check_actor(&f, f5[0], strlen(f5[0]));
        for (char *a = f5[1]; *a;) {
            size_t n = strcspn(a, "|");
            check_actor(&f, a, n);
            checked++;
            a += n + (a[n] == '|');
        }
    }
    CHECK(checked > 100);
    free(tsv);
    close_fixture(&f);
}

/* Whether two mentions agree in every field. */
static bool same_mention(const ds_place_mention *a, const ds_place_mention *b)
{
    bool same = a->start == b->start && a->end == b->end && a->name_start == b->name_start &&
                a->name_end == b->name_end && a->place == b->place && a->parent == b->parent &&
                strcmp(a->name, b->name) == 0 && strcmp(a->country, b->country) == 0 &&
                strcmp(a->admin1, b->admin1) == 0 && strcmp(a->admin2, b->admin2) == 0 &&
                strcmp(a->precision, b->precision) == 0 && a->geo_precision == b->geo_precision &&
                a->confidence == b->confidence && a->n_alternatives == b->n_alternatives &&
                (a->lat == b->lat || (isnan(a->lat) && isnan(b->lat))) &&
                (a->lon == b->lon || (isnan(a->lon) && isnan(b->lon))) &&
                (a->warning == NULL) == (b->warning == NULL) &&
                (!a->warning || strcmp(a->warning, b->warning) == 0);
    for (size_t i = 0; same && i < a->n_alternatives; i++)
        same = a->alternatives[i] == b->alternatives[i];
    return same;
}

/* A recognizer keeps the keys of words it has read for later documents;
 * what it finds in a document must not depend on what it read before,
 * whatever case the same words came in. */
TEST(places_answers_do_not_depend_on_earlier_documents)
{
    static const char doc[] =
        "Shelling hit Salamiyah in rural Hama on Monday, and Reading stayed quiet. "
        "The village of Tal Khaznah was hit again. Officials in Homs told Reuters of "
        "clashes near Jableh and in al-Qadmus. Hama's governor went to Salamiyah.";
    static const char *const before[] = {
        "READING and reading; the HOMS office, homs and HAMA. MONDAY and monday.",
        "Al Qadmus, AL-QADMUS and al qadmus; JABLEH, jableh; SALAMIYAH salamiyah. "
        "Reuters, REUTERS, reuters; the VILLAGE OF TAL KHAZNAH; Tal Khaznah village.",
        "Officials in Hama and Homs said the town of Reading lies near Salamiyah.",
    };
    fixture fresh, warm;
    OPEN_OR_SKIP(&fresh);
    if (!open_fixture(&warm)) {
        close_fixture(&fresh);
        SKIP("no gazetteer index");
    }
    REQUIRE(find(&fresh, doc, NULL));
    REQUIRE(fresh.n >= 5);
    for (size_t i = 0; i < sizeof before / sizeof *before; i++)
        REQUIRE(find(&warm, before[i], NULL));
    for (int pass = 0; pass < 2; pass++) {
        REQUIRE(find(&warm, doc, NULL));
        REQUIRE(warm.n == fresh.n);
        for (size_t i = 0; i < fresh.n; i++)
            CHECK(same_mention(&fresh.m[i], &warm.m[i]));
    }
    close_fixture(&warm);
    close_fixture(&fresh);
}

/* Lower-case prose of n words that names no place and holds no cue. */
static void filler(char *out, size_t cap, size_t n)
{
    static const char *const words[] = {"people", "were", "seen", "walking", "slowly",
                                        "with",   "heavy", "bags", "while",  "others",
                                        "waited", "quietly", "for", "news", "from",
                                        "relatives", "abroad"};
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && len + 16 < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "",
                                words[i % (sizeof words / sizeof *words)]);
}

/* A recognizer that passed over lower-case prose without reading it would
 * drop mentions whose cues, area phrases or capitalised, accented or
 * digit-led neighbours sit a few words away.  Every construct here is
 * found, with the same span and precision, whatever the number of plain
 * lower-case words around it, on both sides, and beside a capitalised
 * place in the same sentence. */
TEST(places_found_at_every_distance_in_lower_case_prose)
{
    static const struct {
        const char *text, *span, *precision; /* precision NULL: unlisted */
    } cases[] = {
        {"in Tartous province", "Tartous province", "admin1"},
        {"across the province of Hama", "province of Hama", "admin1"},
        {"to the Latakia countryside", "Latakia countryside", "area"},
        {"in eastern rural Hama", "eastern rural Hama", "area"},
        {"in the northern countryside of Hama", "northern countryside of Hama", "area"},
        {"in northern Hama countryside", "northern Hama countryside", "area"},
        {"along the coast", "the coast", "area"},
        {"along the syrian coast", "syrian coast", "area"},
        {"in eastern Ghouta", "eastern Ghouta", "area"},
        {"near Jableh", "Jableh", "town"},
        {"near al-Qadmus", "al-Qadmus", "town"},
        {"in Aleppo\xE2\x80\x99s old city", "Aleppo", "town"},
        {"some 12 km from Homs", "Homs", "town"},
        {"on \xE1\xB8\xA4" "am\xC4\x81h", "\xE1\xB8\xA4" "am\xC4\x81h", "town"},
        {"the village of Kfar Zzyzx", "Kfar Zzyzx", NULL},
    };
    fixture f;
    OPEN_OR_SKIP(&f);
    char pad[512], text[1400];
    for (size_t d = 0; d <= 24; d++) {
        filler(pad, sizeof pad, d);
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            for (int beside = 0; beside < 2; beside++) {
                /* beside: a capitalised place d words before the construct */
                snprintf(text, sizeof text, "%s%s%s%s%s%s.", beside ? "Shelling hit Idlib " : "",
                         pad, d ? " " : "", cases[c].text, d ? " " : "", pad);
                REQUIRE(find(&f, text, NULL));
                const ds_place_mention *m = mention(&f, text, cases[c].span);
                if (!m || f.n != 1u + (unsigned)beside) {
                    ds_test_fail(__FILE__, __LINE__, "'%s': %zu mentions, '%s' %s", text, f.n,
                                 cases[c].span, m ? "found" : "missing");
                    continue;
                }
                if (cases[c].precision)
                    CHECK_STR(m->precision, cases[c].precision);
                else
                    CHECK(m->place == DS_PLACE_NONE);
                CHECK(!beside || mention(&f, text, "Idlib") != NULL);
            }
        }
    }
    close_fixture(&f);
}

TEST(places_survive_hostile_text)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    static const char junk[] = "\xFF\xFE Al-\xD9 Q\xCC\x81 --- al- al al-Al- 's ' \xE2\x80\x99s "
                               "Homs' Aleppo\xE2\x80\x99s";
    ds_error err = {0};
    REQUIRE(ds_places_find(f.pr, junk, sizeof junk - 1, NULL, f.arena, &f.m, &f.n, &err) ==
            DS_OK);
    for (size_t i = 0; i < f.n; i++)
        CHECK(f.m[i].start < f.m[i].end && f.m[i].end <= sizeof junk - 1);
    REQUIRE(ds_places_find(f.pr, "", 0, NULL, f.arena, &f.m, &f.n, &err) == DS_OK);
    CHECK(f.n == 0);
    close_fixture(&f);
}

/* ---- the seeds' gold list ------------------------------------------------ */

typedef struct gold {
    char file[8], name[128], expect[32], kind[16], parent[32];
} gold;

static size_t load_gold(gold **out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/seed_places.tsv", t_repo_root());
    FILE *fp = fopen(path, "r");
    *out = NULL;
    if (!fp)
        return 0;
    size_t n = 0, cap = 0;
    char line[1024];
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        gold g;
        memset(&g, 0, sizeof g);
        if (sscanf(line, "%7[^\t]\t%127[^\t]\t%31[^\t]\t%15[^\t]\t%31[^\t]", g.file, g.name,
                   g.expect, g.kind, g.parent) != 5)
            continue;
        gold *v = ds_grow(*out, &cap, n, sizeof *v);
        if (!v)
            break;
        *out = v;
        v[n++] = g;
    }
    fclose(fp);
    return n;
}

/* The name of the admin1 entry with a code ("SY.14"), or "?". */
static const char *admin1_name(const fixture *f, const char *code)
{
    for (uint32_t i = 0; i < ds_gazetteer_count(f->gz); i++) {
        ds_place p;
        ds_gazetteer_place(f->gz, i, &p);
        if (p.kind == DS_PLACE_ADMIN1 && strcmp(p.admin1_code, code) == 0)
            return p.admin1;
    }
    return "?";
}

/* Whether some mention of the written name satisfies the gold row. */
static bool satisfied(const fixture *f, const char *text, const gold *g, char *why, size_t wn)
{
    size_t len = strlen(g->name);
    if (len > 1 && g->name[len - 1] == '.')
        len--; /* "U.S." is found as "U.S" before the full stop */
    const ds_place_mention *seen = NULL;
    for (size_t i = 0; i < f->n; i++) {
        const ds_place_mention *m = &f->m[i];
        bool covers = m->start <= m->name_start && m->name_end <= m->end;
        if (!covers || memmem(text + m->start, m->end - m->start, g->name, len) == NULL)
            continue;
        seen = m;
        ds_place p = {0};
        if (m->place != DS_PLACE_NONE)
            ds_gazetteer_place(f->gz, m->place, &p);
        if (strcmp(g->kind, "town") == 0 && p.geonameid == (uint32_t)atol(g->expect))
            return true;
        if (strcmp(g->kind, "admin1") == 0 && m->geo_precision >= 2 &&
            strcmp(m->admin1, admin1_name(f, g->expect)) == 0)
            return true;
        if (strcmp(g->kind, "country") == 0 && strcmp(m->precision ? m->precision : "", "country") == 0 &&
            strcmp(m->country, g->expect) == 0)
            return true;
        if (strcmp(g->kind, "absent") == 0 && m->geo_precision >= 2 && !isnan(m->lat))
            return true;
        if (strcmp(g->kind, "area") == 0 && m->geo_precision >= 2 && !isnan(m->lat) &&
            strcmp(m->country, "SY") == 0)
            return true;
    }
    if (seen) {
        ds_place p = {0};
        if (seen->place != DS_PLACE_NONE)
            ds_gazetteer_place(f->gz, seen->place, &p);
        snprintf(why, wn, "resolved to %u %s (%s, %s, precision %s)", p.geonameid,
                 seen->name ? seen->name : "?", seen->country, seen->admin1,
                 seen->precision ? seen->precision : "none");
    } else {
        snprintf(why, wn, "not recognized");
    }
    return false;
}

TEST(places_seed_gold_list)
{
    const char *seeds = t_seeds_dir();
    if (!seeds)
        SKIP("../shared/seeds is absent");
    fixture f;
    OPEN_OR_SKIP(&f);
    gold *g;
    size_t ng = load_gold(&g);
    REQUIRE(ng > 50);
    ds_intake *in;
    ds_intake_options io = {0};
    ds_error err = {0};
    REQUIRE(ds_intake_new(&in, &io, &err) == DS_OK);
    size_t towns = 0, towns_ok = 0, fallbacks = 0, fallbacks_ok = 0;
    char last[8] = "";
    ds_document d = {0};
    bool have = false;
    for (size_t i = 0; i < ng; i++) {
        if (strcmp(g[i].file, last) != 0) {
            if (have)
                ds_document_free(&d);
            have = false;
            char cmd[4200];
            snprintf(cmd, sizeof cmd, "%s/%s_", seeds, g[i].file);
            /* The seed files are named NNN_<hash>.txt. */
            char path[4300] = "";
            FILE *ls;
            snprintf(path, sizeof path, "ls %s*.txt 2>/dev/null", cmd);
            ls = popen(path, "r");
            REQUIRE(ls);
            char *got = fgets(path, sizeof path, ls);
            pclose(ls);
            REQUIRE(got);
            path[strcspn(path, "\n")] = '\0';
            ds_warnings w = {0};
            REQUIRE(ds_intake_file(in, path, NULL, &d, &w, &err) == DS_OK);
            ds_warnings_free(&w);
            have = true;
            REQUIRE(ds_places_find(f.pr, d.text, strlen(d.text), NULL, f.arena, &f.m, &f.n,
                                   &err) == DS_OK);
            snprintf(last, sizeof last, "%s", g[i].file);
        }
        if (strcmp(g[i].expect, "-") == 0 && strcmp(g[i].kind, "absent") != 0)
            continue; /* no ISO code or division to check against */
        bool town = strcmp(g[i].kind, "town") == 0;
        bool fallback = strcmp(g[i].kind, "absent") == 0 && strcmp(g[i].parent, "-") != 0;
        if (!town && !fallback && strcmp(g[i].kind, "admin1") != 0 &&
            strcmp(g[i].kind, "country") != 0)
            continue;
        char why[256];
        bool ok = satisfied(&f, d.text, &g[i], why, sizeof why);
        towns += town;
        towns_ok += town && ok;
        fallbacks += fallback;
        fallbacks_ok += fallback && ok;
        if (!ok && (town || fallback || strcmp(g[i].kind, "admin1") == 0 ||
                    strcmp(g[i].kind, "country") == 0))
            ds_test_fail(__FILE__, __LINE__, "seed %s: %s (%s %s): %s", g[i].file, g[i].name,
                         g[i].kind, g[i].expect, why);
    }
    if (have)
        ds_document_free(&d);
    fprintf(stderr, "  seed places: %zu/%zu towns resolved, %zu/%zu unlisted places located\n",
            towns_ok, towns, fallbacks_ok, fallbacks);
    ds_intake_free(in);
    ds_free(g);
    close_fixture(&f);
}

/* ---- the command line ---------------------------------------------------- */

TEST(places_cli_prints_json_and_add_stores_mentions)
{
    fixture f;
    OPEN_OR_SKIP(&f);
    close_fixture(&f);
    static const char report[] =
        "Shelling near Baniyas\n\nGunmen raided Al-Qadmus in Tartous province on Monday.\n";
    REQUIRE(t_write_file(t_path("r.txt"), report, sizeof report - 1));
    t_result r = t_sh("\"$DOSSIER_BIN\" places --country SY r.txt");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\"geonameid\": 173389");
    CHECK_CONTAINS(r.out, "\"text\": \"Tartous province\"");
    CHECK_CONTAINS(r.out, "\"geo_precision\": 3");
    t_result_free(&r);
    r = t_sh("printf 'Fighting reached Latakia.' | \"$DOSSIER_BIN\" places -");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\"name\": \"Latakia\"");
    t_result_free(&r);
    r = t_sh("\"$DOSSIER_BIN\" places --country Syria r.txt");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
    r = t_sh("\"$DOSSIER_BIN\" places --gazetteer nowhere.dsg r.txt");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "nowhere.dsg");
    t_result_free(&r);
    r = t_sh("\"$DOSSIER_BIN\" --db p.db add r.txt && sqlite3 p.db \"SELECT "
             "json_extract(value, '$.geonameid') FROM mention WHERE kind = 'place' "
             "AND substr(CAST((SELECT text FROM document) AS BLOB), start + 1, end - start) "
             "= CAST('Al-Qadmus' AS BLOB)\"");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "places");
    CHECK_CONTAINS(r.out, "173389\n");
    t_result_free(&r);
    r = t_sh("\"$DOSSIER_BIN\" --db p.db doc d1");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "Al-Qadmus -> Al Qadm\xC5\xABs, Tartus, SY (town)");
    CHECK_CONTAINS(r.out, "Tartous province -> Tartus, Tartus, SY (admin1)");
    t_result_free(&r);
    r = t_sh("\"$DOSSIER_BIN\" --db q.db add --no-places r.txt && sqlite3 q.db \"SELECT "
             "count(*) FROM mention WHERE kind = 'place'\"");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "\n0\n");
    t_result_free(&r);
}
