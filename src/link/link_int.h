/* link_int.h: shared between the link stage's files. */
#ifndef DS_LINK_INT_H
#define DS_LINK_INT_H

#include "link.h"

/* The settings of data/link_policy.tsv (see its comments). */
struct ds_link_policy {
    double max_distance_km, town_km;
    int date_slack_days, undated_lookback_days, episode_min_days;
    double threshold, same_sub_type, same_type, place, admin1, unplaced, same_day, date_overlap;
    double groups, groups_mismatch, actors, figures, figures_mismatch;
    double tolerance, tolerance_min, figure_ratio, figure_gap;
    enum { LK_CONSERVATIVE, LK_HIGHEST, LK_MEDIAN } figure_policy;
    double cite_title, cite_author, cite_publisher, cite_date; /* resolving citations */
    double cite_title_min, cite_min;
    char **violent_types; /* folded */
    size_t n_violent;
    char **vague;         /* folded attributions that name no one */
    size_t n_vague;
};

/* How coarse a claim's place is. */
typedef enum { LK_NOWHERE, LK_TOWN, LK_AREA, LK_ADMIN1, LK_COUNTRY } lk_level;

typedef struct lk_count {
    const char *role;      /* killed, injured, ... */
    double value, low, high; /* high < 0: open */
    const char *qualifier; /* "at least N", or NULL */
} lk_count;

typedef struct lk_doc {
    int64_t id;
    char sha256[65];                /* orders documents (link_order.c) */
    const char *publisher, *author; /* folded, or NULL */
    const char *publisher_name;     /* as stored, for messages */
    const char *author_name;
    int32_t pub_start, pub_end;     /* INT32_MIN when undated */
    const char *home_country;       /* where most of its places lie */
    size_t *relays;                 /* indexes of the documents it cites */
    size_t n_relays, cap_relays;
} lk_doc;

typedef struct lk_claim {
    int64_t id;
    size_t doc;                 /* index into the linker's documents */
    const char *type, *sub_type;
    int32_t d0, d1;             /* day numbers, inclusive */
    bool dated, day_precise;    /* a date of its own; to the day */
    const char *precision;      /* as given: day, week, month, ... */
    lk_level level;
    bool has_coords;
    double lat, lon;
    const char *country, *admin1, *place;
    const char *location_json;  /* the claim's location object, or NULL */
    const char **groups;
    size_t n_groups;
    const char **actors;        /* folded "role:name" */
    size_t n_actors;
    lk_count *counts;
    size_t n_counts;
    const char *origin;         /* the source it relays (folded), or NULL */
    const char *origin_name;    /* the same as written or as registered */
    bool generic, carried_place;
    bool violent;               /* one of the policy's violent_types */
    bool rejected, confirmed;   /* by a reviewer */
    const uint32_t *apart;      /* split decisions it is in: decision * 2 + side */
    uint32_t n_apart;
    const char *json;           /* the stored claim */
    size_t span0, span1;        /* its sentence's byte span */
    /* linking */
    bool coarse;                /* its place is coarser than a town or area */
    bool broad;                 /* coarse and spanning episode_min_days or more */
    size_t cluster;             /* union-find parent */
} lk_claim;

typedef struct lk_incident {
    size_t *claims; /* indexes into the linker's claims */
    size_t n, cap;
    bool broad;     /* made of broad claims: may contain incidents */
    bool episode;   /* broad, and contains some */
    size_t parent;  /* index + 1 of the episode it lies in, or 0 */
    int32_t d0, d1; /* the dates it covers (see incident_dates) */
    bool dated;
    const char *admin1; /* the division all its claims that name one name, or NULL */
    bool mixed;         /* its claims name different divisions */
} lk_incident;

/* A folded name or alias of a registered source. */
typedef struct lk_key {
    const char *key;
    const ds_source *source;
    bool is_name;
} lk_key;

/* A place the text puts in another division than the gazetteer. */
typedef struct lk_warning {
    int64_t doc;
    size_t start, end;
    const char *text;
} lk_warning;

/* A review decision as the linker keeps it (link_review.c). */
typedef struct lk_decision {
    ds_review_action action;
    int64_t *claims, *others;
    size_t n_claims, n_others;
    const char *field, *value;
    size_t target; /* edit: index + 1 of the incident it applies to, or 0 */
} lk_decision;

struct ds_linker {
    const ds_link_policy *policy;
    const ds_registry *registry;
    ds_arena *arena;
    lk_doc *docs;
    size_t n_docs, cap_docs;
    lk_claim *claims;
    size_t n_claims, cap_claims;
    size_t left_out;
    lk_key *keys;     /* the registry's, folded when first needed */
    size_t n_keys;
    lk_incident *incidents;
    size_t n_incidents, cap_incidents;
    ds_incident_record *records;
    lk_warning *warnings;  /* by document and start */
    size_t n_warnings, cap_warnings;
    const char **interned; /* link_claim.c: one copy of each name */
    size_t n_interned, cap_interned;
    lk_decision *decisions;
    size_t n_decisions, cap_decisions;
    size_t rejected;
    bool ran;
};

/* One document's figure for a role in an incident. */
typedef struct lk_figure {
    const lk_count *count;
    const lk_claim *claim;
    size_t slot; /* the document's place in lk_assessment.docs */
} lk_figure;

/* The work space of assessing one incident (link_assess.c). */
typedef struct lk_assessment {
    size_t *docs;          /* indexes into the linker's documents, by publication */
    size_t n_docs;
    size_t *doc_origin;    /* per document: the key of its own origin */
    char **keys;           /* origin keys: "p:publisher", "a:author", "d:id" */
    const char **display;  /* their names as shown */
    size_t *up;            /* union-find over keys */
    size_t n_keys, cap_keys;
    size_t *used;          /* the keys the incident's claims stand on */
    size_t n_used, cap_used;
} lk_assessment;

/* link_assess.c */
ds_status ds__lk_origins(ds_linker *l, const lk_incident *in, lk_assessment *a);
/* Distinct origins among the used keys: their roots and names. */
size_t ds__lk_origin_count(lk_assessment *a, size_t *roots, const char **names);
size_t ds__lk_figures(const ds_linker *l, const lk_incident *in, const char *role,
                      const lk_assessment *a, lk_figure *out);
/* The best estimate under the policy; values is scratch of n doubles. */
double ds__lk_best(const ds_link_policy *p, const lk_figure *f, size_t n, double *values);
/* "more than 600", "between 40 and 60", "dozens (12)", "31". */
void ds__lk_figure_text(const lk_count *c, char *buf, size_t size);

/* link_order.c: documents by sha256, claims by document, span and JSON,
 * so that no tie is broken by a row id or the order of storing. */
ds_status ds__lk_canonical_order(ds_linker *l);

/* link_claim.c: reads one claim's JSON into c (strings in the arena). */
ds_status ds__lk_read_claim(ds_linker *l, lk_claim *c, const char *json, ds_error *err);
/* The folded form of s in the arena, with a leading article dropped. */
const char *ds__lk_fold(ds_linker *l, const char *s);

/* link_score.c: whether two claims may be one event, and how well they
 * agree; a score below zero means never. */
double ds__lk_score(const ds_linker *l, const lk_claim *a, const lk_claim *b);
bool ds__lk_may_join(const ds_linker *l, const lk_claim *a, const lk_claim *b);
bool ds__lk_types_meet(const ds_link_policy *p, const lk_claim *a, const lk_claim *b);
double ds__lk_distance_km(double lat1, double lon1, double lat2, double lon2);
/* Whether two figures of one role can both hold, under the tolerance. */
bool ds__lk_figures_agree(const ds_link_policy *p, const lk_count *a, const lk_count *b);

/* link_cluster.c: claims into incidents and episodes. */
ds_status ds__lk_cluster(ds_linker *l, ds_link_progress_fn progress, void *ud, ds_error *err);

/* link_review.c: review decisions applied.  Before linking: rejected and
 * confirmed claims flagged, split claims kept apart.  After clustering:
 * merges and splits replayed in order.  After gathering: each edit's
 * incident found; ds__lk_apply_edits sets the fields of one record. */
ds_status ds__lk_review_flags(ds_linker *l);
bool ds__lk_kept_apart(const lk_claim *a, const lk_claim *b);
ds_status ds__lk_review_replay(ds_linker *l);
ds_status ds__lk_review_targets(ds_linker *l);
struct json_t;
ds_status ds__lk_apply_edits(ds_linker *l, size_t idx, struct json_t *o, ds_incident_record *r);

/* link_write.c: the stored records and their JSON. */
ds_status ds__lk_records(ds_linker *l, ds_error *err);

#endif
