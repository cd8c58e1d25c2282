/* Tests of the gazetteer: building an index from small invented GeoNames
 * rows, admin names and a user list, looking names up, refusing bad input
 * and damaged index files, and the `dossier gazetteer` command. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gazetteer/gazetteer.h"
#include "gazetteer/index.h" /* the header layout, to damage an index on purpose */
#include "test.h"

#define RUN(...) t_run((const char *const[]){__VA_ARGS__, NULL})

/* Invented places in an invented country "XX" (not in countries.tsv).  The
 * 19 GeoNames columns: geonameid, name, asciiname, alternatenames, lat, lon,
 * feature class, feature code, country, cc2, admin1, admin2, admin3, admin4,
 * population, elevation, dem, timezone, modified. */
#define GEO(id, name, ascii, alts, lat, lon, fc, fcode, cc, a1, pop)                           \
    id "\t" name "\t" ascii "\t" alts "\t" lat "\t" lon "\t" fc "\t" fcode "\t" cc "\t\t" a1      \
       "\t\t\t\t" pop "\t\t300\tAsia/Damascus\t2024-01-01\n"

static const char geo_text[] =
    "# invented rows for the gazetteer tests\n"
    "\n"
    GEO("9100001", "Al-Qadmūs", "Al-Qadmus", "القدموس,XQD,12345", "35.1021", "36.1604", "P",
        "PPL", "XX", "01", "5400")
    GEO("9100002", "Fooville", "Fooville", "", "34.5500", "36.7200", "P", "PPLA", "XX", "01",
        "48000")
    GEO("9100003", "Tall Marjeh", "Tall Marjeh", "", "34.9000", "36.5000", "P", "PPL", "XX",
        "01", "900")
    GEO("9100004", "Birkat Zubra", "Birkat Zubra", "", "34.0000", "37.0000", "P", "PPL", "XX",
        "01", "90000")
    GEO("9100005", "Nahr Qadmun", "Nahr Qadmun", "", "35.0000", "36.0000", "H", "STM", "XX", "",
        "0")
    GEO("9100006", "Nowhereland Hamlet", "Nowhereland Hamlet", "", "35.0000", "36.0000", "P",
        "PPL", "", "", "0")
    GEO("9100007", "Tal Marjah", "Tal Marjah", "", "35.5000", "37.5000", "P", "PPL", "XX", "01",
        "50000")
    /* The same geonameid again is ignored. */
    GEO("9100007", "Tal Marjah Duplicate", "Tal Marjah Duplicate", "", "35.5000", "37.5000", "P",
        "PPL", "XX", "01", "1");

static const char admin1_text[] = "[{\"code\":\"XX.01\",\"name\":\"Foo Governorate\"}]\n";

static const char user_text[] =
    "name\taliases\tlat\tlon\tcountry\tadmin1\tparent\tfeature code\n"
    "# parent by name, no coordinates\n"
    "Harat al-Zaytun\tZaytun Quarter\t\t\tXX\t\tAl-Qadmus\n"
    "Mazraat Sifr\t\t\t\txx\t\t9100003\n"
    "Wadi Lubna\t\t34.7\t36.9\tXX\tFoo\t\tAREA\n";

static void write_text(const char *name, const char *text)
{
    if (!t_write_file(t_path(name), text, strlen(text)))
        ds_test_fail(__FILE__, __LINE__, "cannot write %s", name);
}

static const char *data_file(const char *name)
{
    static char ring[4][4096];
    static int next;
    char *p = ring[next++ % 4];
    const char *env = getenv("DOSSIER_DATA");
    if (env && *env)
        snprintf(p, 4096, "%s/%s", env, name);
    else
        snprintf(p, 4096, "%s/data/%s", t_repo_root(), name);
    return p;
}

/* Options naming the shipped countries, rules and cues explicitly, and the
 * given inputs (NULL for none). */
static ds_gazetteer_build_opts opts_for(const char *const *geo, size_t n_geo, const char *admin1,
                                        const char *const *user, size_t n_user, const char *out)
{
    ds_gazetteer_build_opts o = {0};
    o.geonames = geo;
    o.n_geonames = n_geo;
    o.admin1_json = admin1;
    o.user = user;
    o.n_user = n_user;
    o.countries = data_file("countries.tsv");
    o.rules = data_file("translit.tsv");
    o.cues = data_file("place_cues.tsv");
    o.out = out;
    return o;
}

/* Writes the fixture files into the test's directory and builds
 * gazetteer.dsg from them; returns its path or NULL. */
static const char *build_fixture(ds_gazetteer_build_stats *stats)
{
    write_text("geo.txt", geo_text);
    write_text("admin1.json", admin1_text);
    write_text("user.tsv", user_text);
    static char geo[4096], user[4096], admin1[4096], out[4096];
    snprintf(geo, sizeof geo, "%s", t_path("geo.txt"));
    snprintf(user, sizeof user, "%s", t_path("user.tsv"));
    snprintf(admin1, sizeof admin1, "%s", t_path("admin1.json"));
    snprintf(out, sizeof out, "%s", t_path("gazetteer.dsg"));
    const char *g[] = {geo}, *u[] = {user};
    ds_gazetteer_build_opts o = opts_for(g, 1, admin1, u, 1, out);
    ds_error err = {0};
    ds_gazetteer_build_stats st;
    if (ds_gazetteer_build(&o, stats ? stats : &st, &err) != DS_OK) {
        ds_test_fail(__FILE__, __LINE__, "build failed: %s", err.msg);
        return NULL;
    }
    return out;
}

static ds_gazetteer *open_fixture(void)
{
    const char *path = build_fixture(NULL);
    if (!path)
        return NULL;
    ds_gazetteer *gz = NULL;
    ds_error err = {0};
    if (ds_gazetteer_open(&gz, path, &err) != DS_OK) {
        ds_test_fail(__FILE__, __LINE__, "open failed: %s", err.msg);
        return NULL;
    }
    return gz;
}

typedef struct hit {
    size_t n;
    uint32_t idx[16];
    bool exact[16];
} hit;

static hit look(const ds_gazetteer *gz, const char *name)
{
    hit h = {0};
    h.n = ds_gazetteer_lookup(gz, name, strlen(name), h.idx, h.exact, 16);
    return h;
}

/* The entry number of the first candidate for a name, or DS_PLACE_NONE. */
static uint32_t first(const ds_gazetteer *gz, const char *name)
{
    hit h = look(gz, name);
    return h.n ? h.idx[0] : DS_PLACE_NONE;
}

static uint32_t by_geonameid(const ds_gazetteer *gz, uint32_t id)
{
    ds_place p;
    for (uint32_t i = 0; i < ds_gazetteer_count(gz); i++) {
        ds_gazetteer_place(gz, i, &p);
        if (p.geonameid == id)
            return i;
    }
    return DS_PLACE_NONE;
}

static bool near(double a, double b) { return fabs(a - b) < 1e-4; }

/* ---- lookup -------------------------------------------------------------- */

TEST(gazetteer_lookup_ignores_case_diacritics_articles)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    uint32_t q = by_geonameid(gz, 9100001);
    REQUIRE(q != DS_PLACE_NONE);
    const char *same[] = {"Al-Qadmūs", "qadmus", "El Qadmus", "AL QADMUS", "al-Qadmus",
                          "Qadmūs"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        hit h = look(gz, same[i]);
        if (h.n != 1 || h.idx[0] != q || !h.exact[0])
            ds_test_fail(__FILE__, __LINE__, "'%s': %zu candidates, first %u (want %u, exact)",
                         same[i], h.n, h.n ? h.idx[0] : 0, q);
    }
    ds_place p;
    ds_gazetteer_place(gz, q, &p);
    CHECK_STR(p.name, "Al-Qadmūs");
    CHECK_STR(p.country, "XX");
    CHECK_INT(p.kind, DS_PLACE_POINT);
    CHECK_INT(p.feature_class, 'P');
    CHECK_STR(p.feature_code, "PPL");
    CHECK_INT(p.population, 5400);
    CHECK(near(p.lat, 35.1021) && near(p.lon, 36.1604));
    CHECK_INT(p.parent_index, DS_PLACE_NONE);
    ds_gazetteer_close(gz);
}

TEST(gazetteer_lookup_arabic_with_attached_article)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    uint32_t q = by_geonameid(gz, 9100001);
    /* The alternate name as written, with و ("and") before the article,
     * and with ب ("in") before it. */
    const char *forms[] = {"القدموس", "والقدموس", "بالقدموس", "قدموس"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        hit h = look(gz, forms[i]);
        if (h.n != 1 || h.idx[0] != q || !h.exact[0])
            ds_test_fail(__FILE__, __LINE__, "Arabic form %zu: %zu candidates", i, h.n);
    }
    ds_gazetteer_close(gz);
}

TEST(gazetteer_lookup_variants_are_not_exact)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    uint32_t q = by_geonameid(gz, 9100001), tm = by_geonameid(gz, 9100003),
             tm2 = by_geonameid(gz, 9100007);
    REQUIRE(q != DS_PLACE_NONE && tm != DS_PLACE_NONE && tm2 != DS_PLACE_NONE);
    /* ou for u, k for q, a doubled consonant: the same place, not exact. */
    const char *variants[] = {"Qadmous", "Kadmus", "Qaddmus", "Al Kadmous"};
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        hit h = look(gz, variants[i]);
        if (h.n != 1 || h.idx[0] != q || h.exact[0])
            ds_test_fail(__FILE__, __LINE__, "'%s': %zu candidates, exact %d", variants[i], h.n,
                         h.n ? h.exact[0] : -1);
    }
    /* "Tall Marjeh" and "Tal Marjah" are one key (double l, -eh/-ah); each
     * spelling puts its own entry first, ahead of a bigger population. */
    hit h = look(gz, "Tall Marjeh");
    REQUIRE(h.n == 2);
    CHECK_INT(h.idx[0], tm);
    CHECK(h.exact[0]);
    CHECK_INT(h.idx[1], tm2);
    CHECK(!h.exact[1]);
    h = look(gz, "Tal Marjah");
    REQUIRE(h.n == 2);
    CHECK_INT(h.idx[0], tm2);
    CHECK(h.exact[0]);
    CHECK(!h.exact[1]);
    /* Neither spelled so: the larger place first, neither exact. */
    h = look(gz, "Tall Marjah");
    REQUIRE(h.n == 2);
    CHECK_INT(h.idx[0], tm2);
    CHECK(!h.exact[0] && !h.exact[1]);
    /* A short output array gets the best candidates; the count is all. */
    uint32_t one[1];
    CHECK_INT(ds_gazetteer_lookup(gz, "Tall Marjeh", strlen("Tall Marjeh"), one, NULL, 1), 2);
    CHECK_INT(one[0], tm);
    /* The duplicate geonameid row was not added. */
    CHECK_INT(look(gz, "Tal Marjah Duplicate").n, 0);
    ds_gazetteer_close(gz);
}

TEST(gazetteer_lookup_misses)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    const char *absent[] = {"Zubaydah", "Qadmusiyah", "Fooville North", "Nahr Qadmun",
                            "Nowhereland Hamlet", "XQD", "12345", "", "   ", "---"};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++) {
        hit h = look(gz, absent[i]);
        if (h.n != 0)
            ds_test_fail(__FILE__, __LINE__, "'%s' found %zu candidates", absent[i], h.n);
    }
    /* Only a prefix of a longer name is not a name. */
    CHECK_INT(look(gz, "Birkat").n, 0);
    CHECK_INT(look(gz, "Birkat Zubra").n, 1);
    ds_gazetteer_close(gz);
}

/* ---- admin areas, user places, countries --------------------------------- */

TEST(gazetteer_admin_names_and_seat)
{
    ds_gazetteer_build_stats st;
    const char *path = build_fixture(&st);
    REQUIRE(path);
    CHECK_INT(st.admins, 1);
    CHECK_INT(st.skipped_rows, 1); /* the row without a country code */
    CHECK(st.countries >= 200);
    CHECK(st.bytes > 0);
    ds_gazetteer *gz;
    ds_error err = {0};
    REQUIRE(ds_gazetteer_open(&gz, path, &err) == DS_OK);
    uint32_t a = first(gz, "Foo");
    REQUIRE(a != DS_PLACE_NONE);
    CHECK_INT(first(gz, "Foo Governorate"), a);
    CHECK_INT(first(gz, "foo governorate"), a);
    ds_place p;
    ds_gazetteer_place(gz, a, &p);
    CHECK_INT(p.kind, DS_PLACE_ADMIN1);
    CHECK_STR(p.name, "Foo Governorate");
    CHECK_STR(p.admin1_code, "XX.01");
    CHECK_STR(p.admin1, "Foo Governorate");
    CHECK_STR(p.country, "XX");
    /* Its point is its seat (PPLA Fooville), not its biggest town. */
    CHECK(near(p.lat, 34.55) && near(p.lon, 36.72));
    /* A place in it carries its name. */
    ds_gazetteer_place(gz, by_geonameid(gz, 9100001), &p);
    CHECK_STR(p.admin1, "Foo Governorate");
    CHECK_STR(p.admin1_code, "XX.01");
    CHECK_INT(p.admin1_index, a);
    CHECK_STR(p.admin2, "");
    CHECK_INT(p.admin2_index, DS_PLACE_NONE);
    /* XX is not in countries.tsv: no country entry. */
    CHECK_INT(ds_gazetteer_country(gz, "XX"), DS_PLACE_NONE);
    ds_gazetteer_close(gz);
}

TEST(gazetteer_user_places_inherit_from_parent)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    uint32_t q = by_geonameid(gz, 9100001), tm = by_geonameid(gz, 9100003);
    uint32_t z = first(gz, "Harat al-Zaytun");
    REQUIRE(z != DS_PLACE_NONE);
    CHECK_INT(first(gz, "Zaytun Quarter"), z);
    CHECK_INT(first(gz, "Harat Zaytun"), z); /* the article is left out */
    ds_place p, parent;
    ds_gazetteer_place(gz, z, &p);
    ds_gazetteer_place(gz, q, &parent);
    CHECK_STR(p.name, "Harat al-Zaytun");
    CHECK_INT(p.geonameid, 0);
    CHECK_INT(p.parent_index, q);
    CHECK_INT(p.kind, DS_PLACE_POINT);
    CHECK_STR(p.feature_code, "PPL");
    CHECK(p.lat == parent.lat && p.lon == parent.lon);
    CHECK_STR(p.admin1, "Foo Governorate");
    /* A parent given by geonameid; a lower-case country code. */
    uint32_t m = first(gz, "Mazraat Sifr");
    REQUIRE(m != DS_PLACE_NONE);
    ds_gazetteer_place(gz, m, &p);
    ds_gazetteer_place(gz, tm, &parent);
    CHECK_INT(p.parent_index, tm);
    CHECK_STR(p.country, "XX");
    CHECK(near(p.lat, 34.9) && near(p.lon, 36.5));
    CHECK_STR(p.admin1, "Foo Governorate");
    /* An area with its own point and an admin1 given by (stripped) name. */
    uint32_t w = first(gz, "Wadi Lubna");
    REQUIRE(w != DS_PLACE_NONE);
    ds_gazetteer_place(gz, w, &p);
    CHECK_INT(p.kind, DS_PLACE_AREA);
    CHECK_INT(p.feature_class, 'L');
    CHECK_INT(p.parent_index, DS_PLACE_NONE);
    CHECK(near(p.lat, 34.7) && near(p.lon, 36.9));
    CHECK_STR(p.admin1, "Foo Governorate");
    ds_gazetteer_close(gz);
}

TEST(gazetteer_countries_and_demonyms)
{
    ds_gazetteer *gz = open_fixture();
    REQUIRE(gz);
    uint32_t sy = first(gz, "Syria");
    REQUIRE(sy != DS_PLACE_NONE);
    ds_place p;
    ds_gazetteer_place(gz, sy, &p);
    CHECK_INT(p.kind, DS_PLACE_COUNTRY);
    CHECK_STR(p.country, "SY");
    CHECK_STR(p.name, "Syria");
    CHECK_INT(ds_gazetteer_country(gz, "SY"), sy);
    CHECK_INT(first(gz, "Syrian Arab Republic"), sy);
    CHECK_INT(first(gz, "سوريا"), sy);
    CHECK_INT(first(gz, "SYRIA"), sy);
    /* Demonyms set a country focus in the recognizer; they are not places. */
    CHECK_INT(look(gz, "Syrian").n, 0);
    CHECK_INT(look(gz, "Syrians").n, 0);
    uint32_t lb = first(gz, "Lebanon");
    REQUIRE(lb != DS_PLACE_NONE);
    ds_gazetteer_place(gz, lb, &p);
    CHECK_STR(p.country, "LB");
    CHECK_STR(ds_place_kind_name(p.kind), "country");
    CHECK_INT(ds_gazetteer_country(gz, "LB"), lb);
    ds_gazetteer_close(gz);
}

/* ---- bad input ----------------------------------------------------------- */

/* Builds from one GeoNames file with the given text; returns the status. */
static ds_status build_geo(const char *text, const char *name, ds_error *err)
{
    write_text(name, text);
    char geo[4096];
    snprintf(geo, sizeof geo, "%s", t_path(name));
    const char *g[] = {geo};
    ds_gazetteer_build_opts o = opts_for(g, 1, NULL, NULL, 0, t_path("out.dsg"));
    return ds_gazetteer_build(&o, NULL, err);
}

TEST(gazetteer_build_rejects_bad_geonames_rows)
{
    ds_error err = {0};
    static const char bad_lat[] =
        GEO("9100001", "Qadmus", "Qadmus", "", "35.1", "36.1", "P", "PPL", "XX", "01", "1")
        GEO("9100002", "Fooville", "Fooville", "", "95.5", "36.7", "P", "PPL", "XX", "01", "1");
    CHECK_INT(build_geo(bad_lat, "badlat.txt", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "badlat.txt:2");
    CHECK_CONTAINS(err.msg, "latitude");
    static const char bad_lon[] =
        GEO("9100002", "Fooville", "Fooville", "", "34.5", "east", "P", "PPL", "XX", "01", "1");
    CHECK_INT(build_geo(bad_lon, "badlon.txt", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "badlon.txt:1");
    static const char bad_id[] =
        GEO("x91", "Fooville", "Fooville", "", "34.5", "36.7", "P", "PPL", "XX", "01", "1");
    CHECK_INT(build_geo(bad_id, "badid.txt", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "badid.txt:1");
    static const char short_row[] = "# header\n9100009\tShort Row\t35.0\n";
    CHECK_INT(build_geo(short_row, "short.txt", &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "short.txt:2");
    CHECK_CONTAINS(err.msg, "found 3");
    static const char nul_row[] = "9100009\tNul\0Row\n";
    write_text("nul.txt", "");
    REQUIRE(t_write_file(t_path("nul.txt"), nul_row, sizeof nul_row - 1));
    char geo[4096];
    snprintf(geo, sizeof geo, "%s", t_path("nul.txt"));
    const char *g[] = {geo};
    ds_gazetteer_build_opts o = opts_for(g, 1, NULL, NULL, 0, t_path("out.dsg"));
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EBINARY);
    CHECK_CONTAINS(err.msg, "nul.txt:1");
    /* No failed build leaves an index or its temporary file behind. */
    CHECK(access(t_path("out.dsg"), F_OK) != 0);
    CHECK(access(t_path("out.dsg.tmp"), F_OK) != 0);
}

TEST(gazetteer_build_rejects_bad_user_rows)
{
    write_text("geo.txt", geo_text);
    char geo[4096], user[4096];
    snprintf(geo, sizeof geo, "%s", t_path("geo.txt"));
    snprintf(user, sizeof user, "%s", t_path("u.tsv"));
    const char *g[] = {geo}, *u[] = {user};
    ds_gazetteer_build_opts o = opts_for(g, 1, NULL, u, 1, t_path("out.dsg"));
    ds_error err = {0};

    write_text("u.tsv", "Harat One\t\t35.0\t36.0\tXX\n"
                        "Harat Two\t\t\t\tXX\t\tNowhere Town\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:2");
    CHECK_CONTAINS(err.msg, "Nowhere Town");

    /* A parent must be listed on an earlier line, not a later one. */
    write_text("u.tsv", "Harat Two\t\t\t\tXX\t\tHarat One\n"
                        "Harat One\t\t35.0\t36.0\tXX\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:1");

    /* A parent in another country is not found. */
    write_text("u.tsv", "Harat Two\t\t\t\tYY\t\tAl-Qadmus\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:1");

    write_text("u.tsv", "Harat Three\t\t\t\tXX\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:1");
    CHECK_CONTAINS(err.msg, "coordinates or a parent");

    write_text("u.tsv", "Harat Four\t\t135.0\t36.0\tXX\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:1");

    write_text("u.tsv", "Harat Five\t\t35.0\t36.0\tXYZ\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "two-letter");

    write_text("u.tsv", "# c\nHarat Six\t\t35.0\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "u.tsv:2");

    write_text("u.tsv", "Harat Seven\t\t35.0\t36.0\tXX\tNo Such Province\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "No Such Province");
    CHECK(access(t_path("out.dsg"), F_OK) != 0);
}

TEST(gazetteer_build_missing_inputs)
{
    ds_error err = {0};
    const char *g[] = {"/nonexistent/dossier-geo.txt"};
    ds_gazetteer_build_opts o = opts_for(g, 1, NULL, NULL, 0, t_path("out.dsg"));
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_ENOENT);
    CHECK_CONTAINS(err.msg, "/nonexistent/dossier-geo.txt");

    const char *u[] = {"/nonexistent/dossier-user.tsv"};
    o = opts_for(NULL, 0, NULL, u, 1, t_path("out.dsg"));
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_ENOENT);
    CHECK_CONTAINS(err.msg, "dossier-user.tsv");

    o = opts_for(NULL, 0, "/nonexistent/dossier-admin1.json", NULL, 0, t_path("out.dsg"));
    CHECK(ds_gazetteer_build(&o, NULL, &err) != DS_OK);
    CHECK_CONTAINS(err.msg, "dossier-admin1.json");

    o = opts_for(NULL, 0, NULL, NULL, 0, t_path("out.dsg"));
    o.countries = "/nonexistent/countries.tsv";
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_ENOENT);
    o = opts_for(NULL, 0, NULL, NULL, 0, t_path("out.dsg"));
    o.rules = "/nonexistent/translit.tsv";
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_ENOENT);

    o = opts_for(NULL, 0, NULL, NULL, 0, NULL);
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EINVAL);
    CHECK(access(t_path("out.dsg"), F_OK) != 0);
}

TEST(gazetteer_build_rejects_bad_admin_json)
{
    ds_error err = {0};
    ds_gazetteer_build_opts o = opts_for(NULL, 0, t_path("a.json"), NULL, 0, t_path("out.dsg"));
    write_text("a.json", "{\"code\":\"XX.01\",\"name\":\"Foo Governorate\"}\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "a.json");
    CHECK_CONTAINS(err.msg, "array");
    write_text("a.json", "[{\"code\":\"XX.01\",\"name\":\"Foo\"},\n");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "a.json:");
    write_text("a.json", "[{\"code\":\"XX.01\",\"name\":\"Foo\"}, {\"name\":\"Bar\"}]");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    CHECK_CONTAINS(err.msg, "element 1");
    write_text("a.json", "[{\"code\":\"XX01\",\"name\":\"Foo\"}]");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    write_text("a.json", "[]");
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_OK);
}

/* ---- the index file ------------------------------------------------------ */

static void expect_refused(const char *path, const char *what, const char *needle)
{
    ds_gazetteer *gz = (ds_gazetteer *)1;
    ds_error err = {0};
    ds_status st = ds_gazetteer_open(&gz, path, &err);
    if (st != DS_EFORMAT)
        ds_test_fail(__FILE__, __LINE__, "%s: status %d, want DS_EFORMAT (%s)", what, (int)st,
                     err.msg);
    if (gz != NULL)
        ds_test_fail(__FILE__, __LINE__, "%s: *out not cleared", what);
    if (!strstr(err.msg, needle))
        ds_test_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"", what, err.msg,
                     needle);
    if (st == DS_OK)
        ds_gazetteer_close(gz);
}

TEST(gazetteer_open_refuses_damaged_index)
{
    const char *path = build_fixture(NULL);
    REQUIRE(path);
    size_t n;
    char *bytes = t_read_file(path, &n);
    REQUIRE(bytes && n > sizeof(ds__gz_header));
    const char *bad = t_path("bad.dsg");

    REQUIRE(t_write_file(bad, bytes, n - 1));
    expect_refused(bad, "one byte short", "truncated or damaged");
    REQUIRE(t_write_file(bad, bytes, n / 2));
    expect_refused(bad, "half", "truncated or damaged");
    REQUIRE(t_write_file(bad, bytes, 10));
    expect_refused(bad, "ten bytes", "not a dossier gazetteer index");
    REQUIRE(t_write_file(bad, "", 0));
    expect_refused(bad, "empty", "not a dossier gazetteer index");

    char *copy = malloc(n + 8);
    REQUIRE(copy);
    memcpy(copy, bytes, n);
    memset(copy + n, 0, 8);
    REQUIRE(t_write_file(bad, copy, n + 8));
    expect_refused(bad, "eight bytes longer", "truncated or damaged");

    copy[0] ^= 0x20;
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "magic", "not a dossier gazetteer index");
    memcpy(copy, bytes, n);

    ds__gz_header h;
    memcpy(&h, bytes, sizeof h);
    ds__gz_header h2 = h;
    h2.version = DS__GZ_VERSION + 1;
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "version", "rebuild");
    h2 = h;
    h2.endian = 0x04030201;
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "endian", "rebuild");
    h2 = h;
    h2.n_slots = 3; /* not a power of two */
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "slot count", "damaged");
    h2 = h;
    h2.n_places = UINT32_MAX;
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "place count", "damaged");
    h2 = h;
    h2.off_strings = h.file_size + 8;
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "strings offset", "damaged");
    h2 = h;
    h2.off_places += 4; /* misaligned */
    memcpy(copy, &h2, sizeof h2);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "misaligned places", "damaged");
    memcpy(copy, bytes, n);

    /* A reference inside the data that points outside it. */
    REQUIRE(h.n_places > 0);
    ds__gz_place pl;
    memcpy(&pl, bytes + h.off_places, sizeof pl);
    pl.admin1 = h.n_places + 5;
    memcpy(copy + h.off_places, &pl, sizeof pl);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "admin1 reference", "damaged");
    memcpy(copy, bytes, n);
    pl.admin1 = DS_PLACE_NONE;
    pl.name = (uint32_t)h.strings_size + 100;
    memcpy(copy + h.off_places, &pl, sizeof pl);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "name offset", "damaged");
    memcpy(copy, bytes, n);
    memcpy(&pl, bytes + h.off_places, sizeof pl);
    memset(pl.fcode, 'X', sizeof pl.fcode); /* no terminating NUL */
    memcpy(copy + h.off_places, &pl, sizeof pl);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "feature code", "damaged");
    memcpy(copy, bytes, n);
    memcpy(&pl, bytes + h.off_places, sizeof pl);
    pl.kind = DS_PLACE_AREA + 1;
    memcpy(copy + h.off_places, &pl, sizeof pl);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "kind", "damaged");
    memcpy(copy, bytes, n);
    REQUIRE(h.n_postings > 0);
    ds__gz_posting po;
    memcpy(&po, bytes + h.off_postings, sizeof po);
    po.place = h.n_places;
    memcpy(copy + h.off_postings, &po, sizeof po);
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "posting", "damaged");
    memcpy(copy, bytes, n);
    copy[h.off_strings + h.strings_size - 1] = 'x'; /* strings not NUL-terminated */
    REQUIRE(t_write_file(bad, copy, n));
    expect_refused(bad, "strings end", "damaged");

    /* Every single-byte change in the header and a sample of the rest is
     * either refused or yields an index that reads without fault. */
    size_t opened = 0;
    for (size_t off = 0; off < n; off += off < sizeof h ? 1 : 37) {
        memcpy(copy, bytes, n);
        copy[off] ^= (char)0xA5;
        REQUIRE(t_write_file(bad, copy, n));
        ds_gazetteer *gz;
        ds_error err = {0};
        ds_status st = ds_gazetteer_open(&gz, bad, &err);
        if (st != DS_OK) {
            if (!err.msg[0])
                ds_test_fail(__FILE__, __LINE__, "byte %zu: refused without a message", off);
            continue;
        }
        opened++;
        ds_place p;
        for (uint32_t i = 0; i < ds_gazetteer_count(gz); i++)
            ds_gazetteer_place(gz, i, &p);
        const char *names[] = {"Al-Qadmūs", "القدموس", "Foo", "Syria", "Tall Marjeh", "Syrian"};
        uint32_t ids[8];
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            size_t got = ds_gazetteer_lookup(gz, names[k], strlen(names[k]), ids, NULL, 8);
            for (size_t j = 0; j < got && j < 8; j++) {
                if (ids[j] >= ds_gazetteer_count(gz))
                    ds_test_fail(__FILE__, __LINE__, "byte %zu: candidate out of range", off);
                ds_gazetteer_place(gz, ids[j], &p);
            }
        }
        ds_gazetteer_country(gz, "SY");
        ds_gazetteer_close(gz);
    }
    CHECK(opened > 0); /* most changes in the data only change what is read */
    free(copy);
    free(bytes);
}

TEST(gazetteer_open_missing_or_not_a_file)
{
    ds_gazetteer *gz = (ds_gazetteer *)1;
    ds_error err = {0};
    CHECK_INT(ds_gazetteer_open(&gz, t_path("absent.dsg"), &err), DS_ENOENT);
    CHECK(gz == NULL);
    CHECK_CONTAINS(err.msg, "absent.dsg");
    CHECK_CONTAINS(err.msg, "gazetteer build");
    CHECK(ds_gazetteer_open(&gz, t_tmpdir(), &err) != DS_OK);
    CHECK(gz == NULL);
    CHECK(err.msg[0] != '\0');
    ds_gazetteer_close(NULL); /* a no-op */
}

TEST(gazetteer_build_is_atomic)
{
    write_text("geo.txt", geo_text);
    char geo[4096];
    snprintf(geo, sizeof geo, "%s", t_path("geo.txt"));
    const char *g[] = {geo};
    ds_error err = {0};

    /* Into a folder that does not exist: an error, and nothing created. */
    ds_gazetteer_build_opts o = opts_for(g, 1, NULL, NULL, 0, t_path("nodir/out.dsg"));
    CHECK(ds_gazetteer_build(&o, NULL, &err) != DS_OK);
    CHECK_CONTAINS(err.msg, "nodir/out.dsg");
    CHECK(access(t_path("nodir"), F_OK) != 0);

    /* Over a directory: the rename fails and the temporary file goes. */
    REQUIRE(mkdir(t_path("adir"), 0700) == 0);
    o = opts_for(g, 1, NULL, NULL, 0, t_path("adir"));
    CHECK(ds_gazetteer_build(&o, NULL, &err) != DS_OK);
    CHECK(access(t_path("adir.tmp"), F_OK) != 0);

    /* A failed rebuild leaves the old index as it was. */
    o = opts_for(g, 1, NULL, NULL, 0, t_path("good.dsg"));
    REQUIRE(ds_gazetteer_build(&o, NULL, &err) == DS_OK);
    size_t n1, n2;
    char *before = t_read_file(t_path("good.dsg"), &n1);
    REQUIRE(before);
    write_text("bad.txt", "9100001\tOnly Two\n");
    char badp[4096];
    snprintf(badp, sizeof badp, "%s", t_path("bad.txt"));
    const char *gb[] = {geo, badp};
    o = opts_for(gb, 2, NULL, NULL, 0, t_path("good.dsg"));
    CHECK_INT(ds_gazetteer_build(&o, NULL, &err), DS_EFORMAT);
    char *after = t_read_file(t_path("good.dsg"), &n2);
    CHECK(after && n1 == n2 && memcmp(before, after, n1) == 0);
    CHECK(access(t_path("good.dsg.tmp"), F_OK) != 0);
    ds_gazetteer *gz;
    CHECK(ds_gazetteer_open(&gz, t_path("good.dsg"), &err) == DS_OK);
    if (gz)
        ds_gazetteer_close(gz);
    free(after);

    /* A rebuild replaces the index in place; the same input gives the same
     * bytes. */
    o = opts_for(g, 1, NULL, NULL, 0, t_path("good.dsg"));
    REQUIRE(ds_gazetteer_build(&o, NULL, &err) == DS_OK);
    after = t_read_file(t_path("good.dsg"), &n2);
    CHECK(after && n1 == n2 && memcmp(before, after, n1) == 0);
    CHECK(access(t_path("good.dsg.tmp"), F_OK) != 0);
    free(before);
    free(after);
}

TEST(gazetteer_empty_build_opens)
{
    /* Countries only: a valid index with no GeoNames input at all. */
    ds_error err = {0};
    ds_gazetteer_build_opts o = opts_for(NULL, 0, NULL, NULL, 0, t_path("c.dsg"));
    ds_gazetteer_build_stats st;
    REQUIRE(ds_gazetteer_build(&o, &st, &err) == DS_OK);
    ds_gazetteer *gz;
    REQUIRE(ds_gazetteer_open(&gz, t_path("c.dsg"), &err) == DS_OK);
    CHECK_INT(ds_gazetteer_count(gz), st.places);
    CHECK(first(gz, "Syria") != DS_PLACE_NONE);
    ds_place p;
    ds_gazetteer_place(gz, first(gz, "Syria"), &p);
    CHECK(isnan(p.lat)); /* no places to put it anywhere */
    CHECK_INT(look(gz, "Qadmus").n, 0);
    ds_gazetteer_close(gz);
}

TEST(gazetteer_distance_km)
{
    /* One degree of longitude on the equator and a quarter meridian, from
     * the mean Earth radius 6371.0088 km. */
    CHECK(fabs(ds_distance_km(0, 0, 0, 1) - 111.195) < 0.01);
    CHECK(fabs(ds_distance_km(0, 0, 90, 0) - 10007.56) < 0.1);
    /* Damascus to Aleppo, about 309 km as the crow flies. */
    double d = ds_distance_km(33.5138, 36.2765, 36.2021, 37.1343);
    if (fabs(d - 309.0) > 1.0)
        ds_test_fail(__FILE__, __LINE__, "Damascus-Aleppo %.2f km", d);
    CHECK(fabs(ds_distance_km(36.2021, 37.1343, 33.5138, 36.2765) - d) < 1e-9);
    CHECK(ds_distance_km(33.5, 36.3, 33.5, 36.3) == 0);
    /* Across the antimeridian, and antipodes. */
    CHECK(fabs(ds_distance_km(10, 179.5, 10, -179.5) - 109.51) < 0.1);
    CHECK(fabs(ds_distance_km(0, 0, 0, 180) - 20015.1) < 0.2);
}

/* ---- the command --------------------------------------------------------- */

TEST(gazetteer_cli_build_and_lookup)
{
    write_text("geo.txt", geo_text);
    write_text("admin1.json", admin1_text);
    write_text("user.tsv", user_text);
    write_text("words.txt", "house\nriver\nFooville\n");
    t_result r = RUN("gazetteer", "build", "--geonames", "geo.txt", "--admin1", "admin1.json",
                     "--places", "user.tsv", "--words", "words.txt", "--out", "g.dsg");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.err, "wrote g.dsg");
    t_result_free(&r);

    r = RUN("gazetteer", "lookup", "--gazetteer", "g.dsg", "Qadmous");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "Qadmous: 1 candidate");
    CHECK_CONTAINS(r.out, "9100001");
    CHECK_CONTAINS(r.out, "Al-Qadmūs");
    CHECK_CONTAINS(r.out, "Foo Governorate");
    CHECK_CONTAINS(r.out, "(variant spelling)");
    t_result_free(&r);

    r = RUN("gazetteer", "lookup", "--gazetteer", "g.dsg", "Foo");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "admin1");
    CHECK_CONTAINS(r.out, "34.55000");
    t_result_free(&r);

    /* Several names; one unknown makes the exit status 1. */
    r = RUN("gazetteer", "lookup", "--gazetteer", "g.dsg", "Fooville", "Zubaydah");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.out, "Fooville: 1 candidate");
    CHECK_CONTAINS(r.out, "Zubaydah: 0 candidates");
    t_result_free(&r);

    r = RUN("gazetteer", "lookup", "--gazetteer", "g.dsg", "--max", "1", "Tall Marjeh");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "2 candidates");
    CHECK(strstr(r.out, "9100007") == NULL);
    t_result_free(&r);

    /* $DOSSIER_GAZETTEER names the index when --gazetteer is not given. */
    r = t_sh("DOSSIER_GAZETTEER=g.dsg \"$DOSSIER_BIN\" gazetteer lookup 'El Qadmus'");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "9100001");
    t_result_free(&r);
}

TEST(gazetteer_cli_errors)
{
    t_result r = RUN("gazetteer");
    CHECK_INT(r.status, 2);
    CHECK_CONTAINS(r.err, "usage: dossier gazetteer");
    t_result_free(&r);

    r = RUN("gazetteer", "--help");
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "usage: dossier gazetteer");
    t_result_free(&r);

    r = RUN("gazetteer", "frob");
    CHECK_INT(r.status, 2);
    t_result_free(&r);

    r = RUN("gazetteer", "build", "--geonames", "/nonexistent/dossier-geo.txt", "--out", "x.dsg");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "/nonexistent/dossier-geo.txt");
    t_result_free(&r);
    CHECK(access(t_path("x.dsg"), F_OK) != 0);

    write_text("bad.txt", "9100001\tOnly Two\n");
    r = RUN("gazetteer", "build", "--geonames", "bad.txt", "--out", "x.dsg");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "bad.txt:1");
    t_result_free(&r);
    CHECK(access(t_path("x.dsg"), F_OK) != 0);

    r = RUN("gazetteer", "lookup", "--gazetteer", "absent.dsg", "Foo");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "absent.dsg");
    t_result_free(&r);

    write_text("junk.dsg", "this is not an index, just some text of a fair length......\n");
    r = RUN("gazetteer", "lookup", "--gazetteer", "junk.dsg", "Foo");
    CHECK_INT(r.status, 1);
    CHECK_CONTAINS(r.err, "not a dossier gazetteer index");
    t_result_free(&r);

    r = RUN("gazetteer", "lookup", "--gazetteer", "junk.dsg");
    CHECK_INT(r.status, 2);
    t_result_free(&r);

    r = RUN("gazetteer", "lookup", "--max", "0", "Foo");
    CHECK_INT(r.status, 2);
    t_result_free(&r);

    r = RUN("gazetteer", "build", "--bogus");
    CHECK_INT(r.status, 2);
    t_result_free(&r);
}
