/* Fuzz target: the gazetteer builder's input readers (GeoNames dumps, admin
 * name JSON, user place lists) and the index reader, on arbitrary bytes.
 *
 * The first byte picks what the rest is:
 *   mode 0  inputs for ds_gazetteer_build, split on 0xFF bytes into a GeoNames
 *           dump, an admin1 JSON, a user place list and an admin2 JSON (bit 2
 *           of the first byte puts a few valid GeoNames rows before the dump,
 *           so that later parts have places to refer to); a build that
 *           succeeds must open, and its lookups stay in range
 *   mode 1  the bytes as an index file for ds_gazetteer_open
 *   mode 2  damage to a valid index: 5-byte groups (4-byte offset, xor byte),
 *           the last group's offset also truncating the file when bit 3 of
 *           the first byte is set
 * The files go to a private temporary folder, removed at exit.  The
 * transliteration rules and place cues come from the data folder
 * (DOSSIER_DATA, which scripts/fuzz.sh sets to ./data); the countries are a
 * short list written here, since keying all of data/countries.tsv on every
 * run would take most of the fuzzer's time.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gazetteer/gazetteer.h"

static char dir[PATH_MAX];
static char p_geo[PATH_MAX + 32], p_admin1[PATH_MAX + 32], p_user[PATH_MAX + 32],
    p_admin2[PATH_MAX + 32], p_out[PATH_MAX + 32], p_tmp[PATH_MAX + 32], p_idx[PATH_MAX + 32],
    p_countries[PATH_MAX + 32];
static uint8_t *tmpl;   /* a valid index, for mode 2 */
static size_t tmpl_len; /* 0 when it could not be built */

static const char fixture_rows[] =
    "9100001\tAl-Qadmus\tAl-Qadmus\tKadmous,\xD8\xA7\xD9\x84\xD9\x82\xD8\xAF\xD9\x85\xD9\x88"
    "\xD8\xB3\t35.1\t36.16\tP\tPPL\tXX\t\t01\t\t\t\t5400\t\t620\tAsia/Damascus\t2024-01-01\n"
    "9100002\tFooville\tFooville\t\t34.55\t36.72\tP\tPPLA\tXX\t\t01\t02\t\t\t48000\t\t300\t"
    "Asia/Damascus\t2024-01-01\n"
    "9100003\tFoo Governorate\tFoo Governorate\tMuhafazat Foo\t34.6\t36.7\tA\tADM1\tXX\t\t01\t\t"
    "\t\t0\t\t300\tAsia/Damascus\t2024-01-01\n";

static const char countries[] =
    "# code, names, demonyms\n"
    "SY\tSyria|Syrian Arab Republic|\xD8\xB3\xD9\x88\xD8\xB1\xD9\x8A\xD8\xA7\tSyrian|Syrians\n"
    "LB\tLebanon\tLebanese\n"
    "AR\tArgentina\tArgentine\n"
    "XX\tExland|Republic of Exland\n";

static void cleanup(void)
{
    const char *files[] = {p_geo, p_admin1, p_user, p_admin2, p_out, p_tmp, p_idx, p_countries};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (files[i][0])
            unlink(files[i]);
    if (dir[0])
        rmdir(dir);
}

static bool write_file(const char *path, const void *a, size_t na, const void *b, size_t nb)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(a, 1, na, f) == na && (nb == 0 || fwrite(b, 1, nb, f) == nb);
    return fclose(f) == 0 && ok;
}

static bool setup(void)
{
    if (dir[0])
        return true;
    const char *t = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/dossier-fuzz-gz-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz_gazetteer: mkdtemp");
        abort();
    }
    snprintf(p_geo, sizeof p_geo, "%s/geo.txt", dir);
    snprintf(p_admin1, sizeof p_admin1, "%s/admin1.json", dir);
    snprintf(p_user, sizeof p_user, "%s/user.tsv", dir);
    snprintf(p_admin2, sizeof p_admin2, "%s/admin2.json", dir);
    snprintf(p_out, sizeof p_out, "%s/out.dsg", dir);
    snprintf(p_tmp, sizeof p_tmp, "%s/out.dsg.tmp", dir);
    snprintf(p_idx, sizeof p_idx, "%s/index.dsg", dir);
    snprintf(p_countries, sizeof p_countries, "%s/countries.tsv", dir);
    atexit(cleanup);
    if (!write_file(p_countries, countries, sizeof countries - 1, NULL, 0)) {
        perror("fuzz_gazetteer: countries.tsv");
        abort();
    }

    /* The template index for mode 2. */
    const char *geo[] = {p_geo};
    ds_gazetteer_build_opts o = {
        .geonames = geo, .n_geonames = 1, .countries = p_countries, .out = p_out};
    ds_error err = {0};
    if (write_file(p_geo, fixture_rows, sizeof fixture_rows - 1, NULL, 0) &&
        ds_gazetteer_build(&o, NULL, &err) == DS_OK) {
        FILE *f = fopen(p_out, "rb");
        if (f && fseek(f, 0, SEEK_END) == 0) {
            long n = ftell(f);
            rewind(f);
            if (n > 0 && (tmpl = malloc((size_t)n)) && fread(tmpl, 1, (size_t)n, f) == (size_t)n)
                tmpl_len = (size_t)n;
        }
        if (f)
            fclose(f);
    } else {
        fprintf(stderr, "fuzz_gazetteer: cannot build the template index: %s\n", err.msg);
    }
    unlink(p_geo);
    unlink(p_out);
    return true;
}

static void lookup(const ds_gazetteer *gz, const char *name, size_t n)
{
    uint32_t ids[16];
    bool exact[16];
    size_t count = ds_gazetteer_count(gz);
    size_t k = ds_gazetteer_lookup(gz, name, n, ids, exact, 16);
    for (size_t i = 0; i < k && i < 16; i++) {
        if (ids[i] >= count)
            __builtin_trap();
        ds_place p;
        ds_gazetteer_place(gz, ids[i], &p);
        if (!p.name || !p.admin1 || !p.admin2 || !p.admin1_code)
            __builtin_trap();
    }
}

/* Reads an index as a user of the library would. */
static void exercise(const ds_gazetteer *gz, const char *text, size_t len)
{
    size_t count = ds_gazetteer_count(gz);
    ds_place p;
    for (size_t i = 0; i < count && i < 5000; i++) {
        ds_gazetteer_place(gz, (uint32_t)i, &p);
        if (p.index != i || strlen(p.name) > (size_t)1 << 30)
            __builtin_trap();
    }
    /* The last is "wal-Qadmus" in Arabic script, with an attached article. */
    static const char *const names[] = {
        "Al-Qadmus", "qadmous", "Foo", "Fooville", "Syria", "Syrian",
        "\xD9\x88\xD8\xA7\xD9\x84\xD9\x82\xD8\xAF\xD9\x85\xD9\x88\xD8\xB3"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        lookup(gz, names[i], strlen(names[i]));
    /* The names in the fuzz text: the second tab-separated field (GeoNames)
     * and the first (user lists) of the first lines. */
    size_t lines = 0;
    for (size_t at = 0; at < len && lines < 32; lines++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *tab = memchr(text + at, '\t', end - at);
        size_t f0 = tab ? (size_t)(tab - text) : end;
        lookup(gz, text + at, f0 - at);
        if (tab) {
            const char *tab2 = memchr(tab + 1, '\t', (size_t)(text + end - tab - 1));
            lookup(gz, tab + 1, (size_t)((tab2 ? tab2 : text + end) - tab - 1));
        }
        at = end + 1;
    }
    uint32_t sy = ds_gazetteer_country(gz, "SY");
    if (sy != DS_PLACE_NONE && sy >= count)
        __builtin_trap();
}

static void open_and_read(const char *path, const char *text, size_t len)
{
    ds_gazetteer *gz = NULL;
    ds_error err = {0};
    if (ds_gazetteer_open(&gz, path, &err) == DS_OK) {
        exercise(gz, text, len);
        ds_gazetteer_close(gz);
    } else if (gz || !err.msg[0]) {
        __builtin_trap(); /* a refusal clears *out and says why */
    }
}

static void fuzz_build(uint8_t flags, const uint8_t *data, size_t size)
{
    const uint8_t *part[4] = {0};
    size_t plen[4] = {0}, np = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size && np < 4; i++) {
        if (i == size || (data[i] == 0xFF && np < 3)) {
            part[np] = data + start;
            plen[np] = i - start;
            np++;
            start = i + 1;
        }
    }
    bool prefix = flags & 4;
    if (!write_file(p_geo, prefix ? fixture_rows : "", prefix ? sizeof fixture_rows - 1 : 0,
                    part[0], plen[0]))
        return;
    const char *geo[] = {p_geo}, *user[] = {p_user};
    ds_gazetteer_build_opts o = {
        .geonames = geo, .n_geonames = 1, .countries = p_countries, .out = p_out};
    if (np > 1 && write_file(p_admin1, part[1], plen[1], NULL, 0))
        o.admin1_json = p_admin1;
    if (np > 2 && write_file(p_user, part[2], plen[2], NULL, 0)) {
        o.user = user;
        o.n_user = 1;
    }
    if (np > 3 && write_file(p_admin2, part[3], plen[3], NULL, 0))
        o.admin2_json = p_admin2;
    ds_error err = {0};
    ds_gazetteer_build_stats st;
    if (ds_gazetteer_build(&o, &st, &err) == DS_OK) {
        ds_gazetteer *gz = NULL;
        if (ds_gazetteer_open(&gz, p_out, &err) != DS_OK)
            __builtin_trap(); /* what the builder wrote must open */
        if (ds_gazetteer_count(gz) != st.places)
            __builtin_trap();
        exercise(gz, (const char *)part[0], plen[0]);
        if (np > 2)
            exercise(gz, (const char *)part[2], plen[2]);
        ds_gazetteer_close(gz);
    } else {
        if (!err.msg[0])
            __builtin_trap(); /* a failure must say why */
        if (access(p_out, F_OK) == 0 || access(p_tmp, F_OK) == 0)
            __builtin_trap(); /* and leave nothing behind */
    }
    unlink(p_geo);
    unlink(p_admin1);
    unlink(p_user);
    unlink(p_admin2);
    unlink(p_out);
}

static void fuzz_damage(uint8_t flags, const uint8_t *data, size_t size)
{
    if (!tmpl_len)
        return;
    uint8_t *copy = malloc(tmpl_len);
    if (!copy)
        return;
    memcpy(copy, tmpl, tmpl_len);
    size_t len = tmpl_len, off = 0;
    for (size_t i = 0; i + 5 <= size; i += 5) {
        uint32_t o;
        memcpy(&o, data + i, 4);
        /* Most damage lands in the header and the first places. */
        off = (o & 0x80000000u) ? (o & 0x7FFFFFFFu) % tmpl_len : (o & 0xFFu) % tmpl_len;
        copy[off] ^= data[i + 4];
    }
    if (flags & 8)
        len = off;
    if (write_file(p_idx, copy, len, NULL, 0))
        open_and_read(p_idx, "Al-Qadmus\nFoo\n", 14);
    unlink(p_idx);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    setup();
    uint8_t flags = data[0];
    data++;
    size--;
    switch (flags % 3) {
    case 0: fuzz_build(flags, data, size); break;
    case 1:
        if (write_file(p_idx, data, size, NULL, 0))
            open_and_read(p_idx, (const char *)data, size < 4096 ? size : 4096);
        unlink(p_idx);
        break;
    default: fuzz_damage(flags, data, size); break;
    }
    return 0;
}
