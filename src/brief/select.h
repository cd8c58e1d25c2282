/* select.h: choosing a brief's incidents (select.c); internal to src/brief. */
#ifndef DS_BRIEF_SELECT_H
#define DS_BRIEF_SELECT_H

#include "brief_int.h"

typedef struct br_hit {
    int64_t doc;
    size_t start;
} br_hit;

/* Sentences a full-text search found, sorted. */
typedef struct br_hits {
    br_hit *v;
    size_t n, cap;
} br_hits;

typedef struct br_topic {
    const char *group;  /* the identity group the topic names, or NULL */
    const char *folded; /* the topic folded */
    const br_hits *hits;
} br_topic;

/* The canonical name of the identity group text names (identity_groups.tsv),
 * ds_malloc'd, or *out NULL when it names none. */
ds_status ds__br_group_name(const char *text, char **out, ds_error *err);
/* Sentences the topic finds by full-text search; none when out of memory
 * or when the topic is not a valid query. */
void ds__br_search(ds_store *s, const char *query, br_hits *hits);
bool ds__br_hits_has(const br_hits *hits, int64_t doc, size_t start);
bool ds__br_topic_matches(json_t *inc, const br_topic *t);
/* Whether the incident's place or divisions contain the folded text. */
bool ds__br_place_matches(json_t *inc, const char *folded);

#endif
