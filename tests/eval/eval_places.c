/* eval_places.c: options and opening shared by the place evaluations. */
#include "eval_places.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

int eval_options(int argc, char **argv, const char *usage, int positional, const char **gpath,
                 size_t *misses, int *first)
{
    static const struct option opts[] = {{"gazetteer", required_argument, NULL, 'G'},
                                         {"misses", required_argument, NULL, 'm'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'G')
            *gpath = optarg;
        else if (c == 'm')
            *misses = (size_t)strtoul(optarg, NULL, 10);
        else {
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : 2;
        }
    }
    if (argc - optind != positional) {
        fputs(usage, stderr);
        return 2;
    }
    *first = optind;
    return -1;
}

int eval_open(const char *prog, const char *gpath, ds_gazetteer **gz, ds_places **pr)
{
    char path[4096];
    ds_error err = {0};
    *gz = NULL;
    *pr = NULL;
    if (!gpath && ds_gazetteer_default_path(path, sizeof path, &err) == DS_OK)
        gpath = path;
    if (!gpath || ds_gazetteer_open(gz, gpath, &err) != DS_OK ||
        ds_places_new(pr, *gz, &err) != DS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err.msg[0] ? err.msg : "no gazetteer");
        ds_gazetteer_close(*gz);
        *gz = NULL;
        return -1;
    }
    return 0;
}

size_t eval_split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    for (char *s = line; s && n < max;) {
        f[n++] = s;
        s = strchr(s, '\t');
        if (s)
            *s++ = '\0';
    }
    return n;
}
