/* Tests of fuzzy name look-ups: the keys names are compared by, pg_trgm's
 * similarity computed in C, and `dossier names` on a SQLite dossier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "test.h"

static void check_key(const char *name, const char *want)
{
    char *k = ds__names_fold(name);
    CHECK_STR(k ? k : "(null)", want);
    ds_free(k);
}

TEST(names_keys_spell_transliterations_alike)
{
    check_key("Al Qadmūs", "kadmus");
    check_key("Kadmous", "kadmus");
    check_key("Jableh", "jabla");
    check_key("Jablah", "jabla");
    check_key("Ţarţūs", "tartus");
    check_key("Tartous", "tartus");
    check_key("Lattakia", "latakia");
    check_key("Hay'at Tahrir al-Sham", "hay at tahrir sham");
    check_key("Al", "al"); /* an article alone is the name */
    /* Every name is respelt, English ones too (both sides alike); digits
     * stay as they are. */
    check_key("Route 66", "rute 66");
}

TEST(names_similarity_is_pg_trgm)
{
    /* pg_trgm's documented example: 4 trigrams shared of 11. */
    double s = ds__names_similarity("word", "two words");
    CHECK(s > 0.3636 && s < 0.3637);
    CHECK(ds__names_similarity("tartus", "tartus") == 1.0);
    CHECK(ds__names_similarity("tartus", "homs") == 0.0);
    CHECK(ds__names_similarity("", "") == 0.0);
}

TEST(names_command_on_sqlite)
{
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/examples/manifest.csv", t_repo_root());
    t_result r = t_run((const char *const[]){"add", "-q", "--no-link", "--db", "n.db",
                                             "--manifest", manifest, NULL});
    CHECK_INT(r.status, 0);
    t_result_free(&r);
    r = t_run((const char *const[]){"names", "--db", "n.db", "Jabla", NULL});
    CHECK_INT(r.status, 0);
    CHECK_CONTAINS(r.out, "1.00\tplace\tJablah\n");
    t_result_free(&r);
    r = t_run((const char *const[]){"names", "--db", "n.db", "--kind", "actor", "-n", "1",
                                    "security force", NULL});
    CHECK_INT(r.status, 0);
    CHECK_STR(r.out, "0.82\tactor\tsecurity forces\n");
    t_result_free(&r);
    r = t_run((const char *const[]){"names", "--db", "n.db", "--kind", "town", "x", NULL});
    CHECK_INT(r.status, 2);
    CHECK_CONTAINS(r.err, "place, actor or group");
    t_result_free(&r);
}
