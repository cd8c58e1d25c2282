/* policy.c: data/link_policy.tsv, the weights and thresholds of linking. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "normalize/normalize.h"

enum { POLICY_MAX_LIST = 4096 };

typedef enum { NUM, INT, LIST_VIOLENT, LIST_VAGUE, FIGURE_POLICY } kind;

typedef struct {
    const char *name;
    kind k;
    size_t offset;
} setting;

#define NUMBER(field) {#field, NUM, offsetof(ds_link_policy, field)}
static const setting settings[] = {
    NUMBER(max_distance_km), NUMBER(town_km),
    {"date_slack_days", INT, offsetof(ds_link_policy, date_slack_days)},
    {"undated_lookback_days", INT, offsetof(ds_link_policy, undated_lookback_days)},
    {"episode_min_days", INT, offsetof(ds_link_policy, episode_min_days)},
    {"link_threshold", NUM, offsetof(ds_link_policy, threshold)},
    NUMBER(same_sub_type), NUMBER(same_type), NUMBER(place), NUMBER(admin1), NUMBER(unplaced),
    NUMBER(same_day), NUMBER(date_overlap), NUMBER(groups), NUMBER(groups_mismatch),
    NUMBER(actors), NUMBER(figures), NUMBER(figures_mismatch),
    {"figure_tolerance", NUM, offsetof(ds_link_policy, tolerance)},
    {"figure_tolerance_min", NUM, offsetof(ds_link_policy, tolerance_min)},
    NUMBER(figure_ratio), NUMBER(figure_gap),
    {"figure_policy", FIGURE_POLICY, 0},
    NUMBER(cite_title), NUMBER(cite_author), NUMBER(cite_publisher), NUMBER(cite_date),
    NUMBER(cite_title_min), NUMBER(cite_min),
    {"violent_types", LIST_VIOLENT, 0},
    {"vague_attribution", LIST_VAGUE, 0},
};

typedef struct {
    ds_link_policy *p;
    const char *name;
} parse_state;

/* Appends every |-separated value of text, folded, to a list. */
static ds_status add_list(char ***list, size_t *n, const char *text, const char *where,
                          size_t line, ds_error *err)
{
    const char *p = text;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *v = len ? ds_fold(p, len) : NULL;
        if (len && !v)
            return ds_error_set(err, DS_ENOMEM, "%s: out of memory", where);
        if (v && *n >= POLICY_MAX_LIST) {
            ds_free(v);
            return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d values", where, line,
                                POLICY_MAX_LIST);
        }
        if (v) {
            char **grown = ds_realloc(*list, (*n + 1) * sizeof *grown);
            if (!grown) {
                ds_free(v);
                return ds_error_set(err, DS_ENOMEM, "%s: out of memory", where);
            }
            *list = grown;
            (*list)[(*n)++] = v;
        }
        p += len + (bar ? 1 : 0);
    }
    return DS_OK;
}

static ds_status set_value(parse_state *ps, const setting *s, const char *value, size_t line,
                           ds_error *err)
{
    ds_link_policy *p = ps->p;
    char *end;
    switch (s->k) {
    case NUM: {
        double v = strtod(value, &end);
        if (end == value || *end || !isfinite(v) || v < 0)
            break;
        *(double *)((char *)p + s->offset) = v;
        return DS_OK;
    }
    case INT: {
        long v = strtol(value, &end, 10);
        if (end == value || *end || v < 0 || v > 3650)
            break;
        *(int *)((char *)p + s->offset) = (int)v;
        return DS_OK;
    }
    case FIGURE_POLICY:
        if (!strcmp(value, "conservative"))
            p->figure_policy = LK_CONSERVATIVE;
        else if (!strcmp(value, "highest"))
            p->figure_policy = LK_HIGHEST;
        else if (!strcmp(value, "median"))
            p->figure_policy = LK_MEDIAN;
        else
            return ds_error_set(err, DS_EFORMAT, "%s:%zu: figure_policy is conservative, "
                                "highest or median, not '%s'", ps->name, line, value);
        return DS_OK;
    case LIST_VIOLENT:
        return add_list(&p->violent_types, &p->n_violent, value, ps->name, line, err);
    case LIST_VAGUE:
        return add_list(&p->vague, &p->n_vague, value, ps->name, line, err);
    }
    return ds_error_set(err, DS_EFORMAT, "%s:%zu: %s takes a %snumber, not '%s'", ps->name,
                        line, s->name, s->k == INT ? "whole " : "non-negative ", value);
}

static ds_status policy_row(void *ud, char **f, size_t n, size_t line, ds_error *err)
{
    parse_state *ps = ud;
    if (!strcmp(f[0], "setting"))
        return DS_OK; /* the header row */
    if (n < 2)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: expected a setting and a value "
                            "separated by a tab", ps->name, line);
    for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
        if (!strcmp(f[0], settings[i].name))
            return set_value(ps, &settings[i], ds_str_trim(f[1]), line, err);
    return ds_error_set(err, DS_EFORMAT, "%s:%zu: unknown setting '%s'", ps->name, line, f[0]);
}

/* The defaults hold when the file leaves a setting out; they are the
 * values the shipped file gives. */
static void defaults(ds_link_policy *p)
{
    *p = (ds_link_policy){
        .max_distance_km = 25, .town_km = 2, .date_slack_days = 2,
        .undated_lookback_days = 30, .episode_min_days = 3, .threshold = 3,
        .same_sub_type = 2, .same_type = 1, .place = 3, .admin1 = 1, .unplaced = 1, .same_day = 1.5,
        .date_overlap = 0.5, .groups = 1, .groups_mismatch = 1, .actors = 1, .figures = 1,
        .figures_mismatch = 1.5, .tolerance = 0.2, .tolerance_min = 1, .figure_ratio = 10,
        .figure_gap = 10,
        .figure_policy = LK_CONSERVATIVE, .cite_title = 0.6, .cite_author = 0.15,
        .cite_publisher = 0.15, .cite_date = 0.1, .cite_title_min = 0.75, .cite_min = 0.65,
    };
}

ds_status ds_link_policy_parse(ds_link_policy **out, const char *text, size_t len,
                               const char *name, ds_error *err)
{
    *out = NULL;
    ds_link_policy *p = ds_calloc(1, sizeof *p);
    if (!p)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    defaults(p);
    parse_state ps = {p, name};
    ds_status rc = ds_tsv_parse(text, len, name, policy_row, &ps, err);
    if (rc == DS_OK && p->max_distance_km <= 0)
        rc = ds_error_set(err, DS_EFORMAT, "%s: max_distance_km must be above 0", name);
    if (rc) {
        ds_link_policy_free(p);
        return rc;
    }
    *out = p;
    return DS_OK;
}

ds_status ds_link_policy_load(ds_link_policy **out, const char *path, ds_error *err)
{
    char buf[4096];
    *out = NULL;
    if (!path) {
        ds_status rc = ds_data_path("link_policy.tsv", buf, sizeof buf, err);
        if (rc)
            return rc;
        path = buf;
    }
    char *text;
    size_t len;
    ds_status rc = ds_read_file(path, 1 << 20, &text, &len, err);
    if (rc)
        return rc;
    rc = ds_link_policy_parse(out, text, len, path, err);
    ds_free(text);
    return rc;
}

void ds_link_policy_free(ds_link_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_violent; i++)
        ds_free(p->violent_types[i]);
    for (size_t i = 0; i < p->n_vague; i++)
        ds_free(p->vague[i]);
    ds_free(p->violent_types);
    ds_free(p->vague);
    ds_free(p);
}
