/* The server's checks in the library (serve/serve.h), without a server:
 * static file names, percent decoding, secrets, the rate limit and the
 * JSON hardening. */
#include <jansson.h>

#include "serve/serve.h"
#include "test.h"

static ds_status name_of(const char *path, char rel[128])
{
    const char *mime = NULL;
    return ds_serve_static_name(path, rel, 128, &mime);
}

TEST(serve_static_names_refuse_traversal)
{
    char rel[128];
    CHECK_INT(name_of("/", rel), DS_OK);
    CHECK_STR(rel, "index.html");
    CHECK_INT(name_of("/app.js", rel), DS_OK);
    CHECK_STR(rel, "app.js");
    CHECK_INT(name_of("/img/logo.svg", rel), DS_OK);
    static const char *const bad[] = {
        "/../etc/passwd.html", "/..", "/a/../app.js", "/%2e%2e/app.js", "//etc/app.js",
        "/etc//app.js", "/.hidden.js", "/app..js", "/a\\b.js", "/app.js/", "app.js",
        "/index.html%00.js", "/a b.js", "/\x01.js", "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (name_of(bad[i], rel) != DS_EINVAL)
            ds_test_fail(__FILE__, __LINE__, "%s was not refused", bad[i]);
    CHECK_INT(name_of("/dossier.db", rel), DS_EUNSUPPORTED);
    CHECK_INT(name_of("/etc/passwd", rel), DS_EUNSUPPORTED);
    CHECK_INT(ds_serve_static_name(NULL, rel, 128, &(const char *){NULL}), DS_EINVAL);
}

TEST(serve_unescape_keeps_nul_escapes)
{
    char a[] = "/%2e%2E/x%20y", b[] = "/index.html%00.js", c[] = "q%zz%4", d[] = "%41%42";
    CHECK_INT(ds_serve_unescape(a), 7);
    CHECK_STR(a, "/../x y");
    ds_serve_unescape(b);
    CHECK_STR(b, "/index.html%00.js");
    ds_serve_unescape(c);
    CHECK_STR(c, "q%zz%4");
    ds_serve_unescape(d);
    CHECK_STR(d, "AB");
}

TEST(serve_secret_equal)
{
    CHECK(ds_serve_secret_equal("0123456789abcdef", "0123456789abcdef"));
    CHECK(!ds_serve_secret_equal("0123456789abcdeF", "0123456789abcdef"));
    CHECK(!ds_serve_secret_equal("0123456789abcde", "0123456789abcdef"));
    CHECK(!ds_serve_secret_equal("0123456789abcdef0", "0123456789abcdef"));
    CHECK(!ds_serve_secret_equal("", "0123456789abcdef"));
}

TEST(serve_rate_limit_per_client_and_minute)
{
    ds_serve_limiter *l;
    ds_error err = {0};
    REQUIRE(ds_serve_limiter_new(&l, 3, 2, &err) == DS_OK);
    for (int i = 0; i < 3; i++)
        CHECK(ds_serve_limiter_allow(l, "10.0.0.1", 1000));
    CHECK(!ds_serve_limiter_allow(l, "10.0.0.1", 1059));
    CHECK(ds_serve_limiter_allow(l, "10.0.0.2", 1059));  /* another client */
    CHECK(ds_serve_limiter_allow(l, "10.0.0.1", 1060));  /* a new minute */
    /* A third client takes the slot of the window that began first. */
    CHECK(ds_serve_limiter_allow(l, "10.0.0.3", 1061));
    CHECK(ds_serve_limiter_allow(l, "10.0.0.3", 1061));
    ds_serve_limiter_free(l);
}

TEST(serve_harden_json_leaves_no_markup)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 20);
    REQUIRE(ds_buf_puts(&b, "{\"t\":\"<script>alert('x')</script> & <b>\"}") == DS_OK);
    REQUIRE(ds_serve_harden_json(&b) == DS_OK);
    CHECK(!strchr(b.p, '<') && !strchr(b.p, '>') && !strchr(b.p, '&'));
    json_t *v = json_loads(b.p, 0, NULL);
    CHECK_STR(json_string_value(json_object_get(v, "t")), "<script>alert('x')</script> & <b>");
    json_decref(v);
    ds_buf_free(&b);
    ds_buf_init(&b, 12);
    REQUIRE(ds_buf_puts(&b, "[\"<<\"]") == DS_OK);
    CHECK_INT(ds_serve_harden_json(&b), DS_ETOOBIG);
    ds_buf_free(&b);
}

TEST(serve_vendor_names_come_from_the_table)
{
    const char *rel = NULL, *mime = NULL;
    CHECK_INT(ds_serve_vendor_name("/vendor/leaflet.js", &rel, &mime), DS_OK);
    CHECK_STR(rel, "leaflet/dist/leaflet.js");
    CHECK_STR(mime, "text/javascript; charset=utf-8");
    CHECK_INT(ds_serve_vendor_name("/vendor/MarkerCluster.css", &rel, &mime), DS_OK);
    CHECK_STR(mime, "text/css; charset=utf-8");
    CHECK_INT(ds_serve_vendor_name("/vendor/countries-50m.json", &rel, &mime), DS_OK);
    CHECK_STR(rel, "world-atlas/countries-50m.json");
    static const char *const bad[] = {
        "/vendor/leaflet/dist/leaflet.js", "/vendor/../package.json", "/vendor/leaflet.js/",
        "/vendor/", "/leaflet.js", "/vendorleaflet.js", "/vendor/LEAFLET.JS",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (ds_serve_vendor_name(bad[i], &rel, &mime) != DS_ENOTFOUND)
            ds_test_fail(__FILE__, __LINE__, "%s was served", bad[i]);
    CHECK_INT(ds_serve_vendor_name(NULL, &rel, &mime), DS_ENOTFOUND);
}
