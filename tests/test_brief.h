/* test_brief.h: helpers the brief tests share. */
#ifndef DS_TEST_BRIEF_H
#define DS_TEST_BRIEF_H

#include "test.h"

/* Adds the documents a manifest lists to the test's database. */
bool tb_add_manifest(const char *manifest);
/* A Markdown brief read with its lines joined (malloc'd). */
char *tb_unwrapped(const char *path);
/* Whether a statement containing phrase (and needle, when not NULL) has a
 * footnote whose text contains title. */
bool tb_statement_cites(const char *md, const char *phrase, const char *needle, const char *title);

#endif
