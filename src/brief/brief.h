/* brief.h: COI-style briefs and timelines written from the register
 * (DESIGN.md §2, "present"), and the check that proves a brief's figures.
 *
 * A brief selects incidents by topic (an identity group, a place, an actor
 * or a full-text query) and writes them as attributed prose with numbered
 * footnotes, a bibliography and a scope block, in Markdown or HTML, under a
 * house style read from data/brief_STYLE.tsv.  Each footnote carries the
 * ids of the claims behind it, so that ds_brief_check can later find every
 * number, date and place of the statement in the cited evidence sentences.
 *
 * Ownership: the caller owns the store and the output buffer; the
 * functions allocate nothing that outlives the call except what they
 * append to the buffer.  A ds_brief_problems list belongs to the caller
 * (ds_brief_problems_free).
 */
#ifndef DS_BRIEF_H
#define DS_BRIEF_H

#include "core.h"
#include "store/store.h"

typedef enum ds_brief_format { DS_BRIEF_MD = 0, DS_BRIEF_HTML } ds_brief_format;
typedef enum ds_brief_sections { DS_BRIEF_BY_PLACE = 0, DS_BRIEF_BY_PERIOD } ds_brief_sections;

typedef struct ds_brief_query {
    const char *about;   /* the topic: group, place, actor or search words; required */
    const char *place;   /* optional: incidents whose place or division contains it */
    const char *group;   /* optional: one identity group (any name of it) */
    const char *from, *to; /* optional ISO dates: incidents overlapping them */
    const char *style;   /* house style name (data/brief_NAME.tsv); NULL: "euaa" */
    ds_brief_format format;
    ds_brief_sections sections;
} ds_brief_query;

/* Writes the brief for q into out (appended).  DS_EINVAL for a bad query. */
ds_status ds_brief_write(ds_store *s, const ds_brief_query *q, ds_buf *out, ds_error *err);

/* What the check found wrong: one line per statement and value. */
typedef struct ds_brief_problems {
    char **items;      /* the first ones, as messages */
    size_t n, cap;
    size_t found;      /* every problem, listed or not: the check passes when 0 */
    size_t statements; /* statements checked */
    size_t values;     /* numbers, dates and places checked */
} ds_brief_problems;

void ds_brief_problems_free(ds_brief_problems *p);

/* Reads a brief written by ds_brief_write (Markdown or HTML, found from its
 * text) and checks every number, date and place of each footnoted
 * statement against the evidence of the claims its footnote names; a
 * number or date outside any footnoted statement is a problem too.
 * Returns DS_OK with problems->found == 0 when all are found, DS_OK with
 * the problems counted (and the first ones listed) when some are not, or an
 * error when the text is not a brief or the store cannot be read. */
ds_status ds_brief_check(ds_store *s, const char *text, size_t len, ds_brief_problems *problems,
                         ds_error *err);

typedef enum ds_timeline_format { DS_TIMELINE_TXT = 0, DS_TIMELINE_HTML, DS_TIMELINE_SVG } ds_timeline_format;

/* Writes the incidents matching f (NULL: all) along time: a day-precise
 * incident is a point, a longer one a bar from its first to its last day,
 * with its killed figure as the range the documents give. */
ds_status ds_timeline_write(ds_store *s, const ds_incident_filter *f, ds_timeline_format fmt,
                            ds_buf *out, ds_error *err);

#endif
