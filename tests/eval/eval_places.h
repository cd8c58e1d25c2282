/* eval_places.h: what the place evaluations (namesakes, toponyms) share:
 * their options and the opening of the gazetteer and the recognizer.
 * Not part of libdossier. */
#ifndef DS_EVAL_PLACES_H
#define DS_EVAL_PLACES_H

#include <stddef.h>

#include "gazetteer/gazetteer.h"
#include "recognize/places.h"

/* Reads --gazetteer FILE, --misses N and --help, and checks that
 * `positional` arguments follow, which start at argv[*first].  Returns -1
 * to go on, or the exit code: 0 after --help, 2 on a usage error (usage
 * printed). */
int eval_options(int argc, char **argv, const char *usage, int positional, const char **gpath,
                 size_t *misses, int *first);

/* Opens the index at gpath (NULL: the default one) and a recognizer over
 * it; on failure prints the reason after prog and returns -1. */
int eval_open(const char *prog, const char *gpath, ds_gazetteer **gz, ds_places **pr);

/* Cuts a line at its tabs; returns the number of fields (at most max). */
size_t eval_split_tabs(char *line, char **f, size_t max);

#endif
