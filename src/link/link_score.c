/* link_score.c: whether two claims may tell one event, and how well they
 * agree (the weights are data/link_policy.tsv's). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

double ds__lk_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(h > 1 ? 1 : h));
}

/* Names are interned (link_claim.c): equal names are one pointer. */
static bool eq(const char *a, const char *b) { return a && a == b; }

/* Points for the event types, or -1 when they cannot be one event: a
 * violent event may be told as another violent type, anything else only
 * as itself. */
static double type_points(const ds_link_policy *p, const lk_claim *a, const lk_claim *b)
{
    if (eq(a->type, b->type)) {
        if (eq(a->sub_type, b->sub_type))
            return p->same_sub_type;
        return a->violent ? p->same_type : -1;
    }
    return a->violent && b->violent ? 0 : -1;
}

static bool figures_exclude(const ds_link_policy *p, const lk_claim *a, const lk_claim *b);

static bool fine(const lk_claim *c) { return c->level == LK_TOWN || c->level == LK_AREA; }

static bool dates_meet(const ds_linker *l, const lk_claim *a, const lk_claim *b)
{
    if (a->doc == b->doc && a->day_precise && b->day_precise)
        return a->d0 == b->d0;
    if (a->day_precise && b->day_precise)
        return abs(a->d0 - b->d0) <= l->policy->date_slack_days;
    return a->d0 <= b->d1 && b->d0 <= a->d1;
}

static bool places_meet(const ds_linker *l, const lk_claim *a, const lk_claim *b)
{
    if (a->level == LK_NOWHERE || b->level == LK_NOWHERE)
        return true;
    if (a->country && b->country && a->country != b->country)
        return false;
    if (a->admin1 && b->admin1 && a->admin1 != b->admin1)
        return false;
    if (fine(a) && fine(b) && a->has_coords && b->has_coords)
        return ds__lk_distance_km(a->lat, a->lon, b->lat, b->lon) <= l->policy->max_distance_km;
    return true;
}

bool ds__lk_types_meet(const ds_link_policy *p, const lk_claim *a, const lk_claim *b)
{
    return type_points(p, a, b) >= 0;
}

bool ds__lk_may_join(const ds_linker *l, const lk_claim *a, const lk_claim *b)
{
    return type_points(l->policy, a, b) >= 0 && dates_meet(l, a, b) && places_meet(l, a, b) &&
           !figures_exclude(l->policy, a, b) && !(a->n_apart && b->n_apart && ds__lk_kept_apart(a, b));
}

static double place_points(const ds_link_policy *p, const lk_claim *a, const lk_claim *b)
{
    if (fine(a) && fine(b)) {
        if (eq(a->place, b->place))
            return p->place;
        if (!a->has_coords || !b->has_coords)
            return 0;
        double d = ds__lk_distance_km(a->lat, a->lon, b->lat, b->lon);
        if (d <= p->town_km)
            return p->place;
        double span = p->max_distance_km - p->town_km;
        return span > 0 && d < p->max_distance_km ? p->place * (1 - (d - p->town_km) / span) : 0;
    }
    /* A town against a country, or against nothing at all, is weak: many
     * events of one day share a country. */
    if (fine(a) != fine(b) && (a->level >= LK_COUNTRY || b->level >= LK_COUNTRY ||
                               a->level == LK_NOWHERE || b->level == LK_NOWHERE))
        return -p->unplaced;
    return eq(a->admin1, b->admin1) ? p->admin1 : 0;
}

/* The share of names two lists have in common (Jaccard), or -1 when one
 * of them is empty. */
static double shared(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    if (!na || !nb)
        return -1;
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (!strcmp(a[i], b[j])) {
                common++;
                break;
            }
    return (double)common / (double)(na + nb - common);
}

/* A figure stands for the range the counting policy gave it, widened by
 * the tolerance: early counts are revised, and "around 30" and "at least
 * 34" are not worth a contradiction. */
static void bounds(const ds_link_policy *p, const lk_count *c, double *lo, double *hi)
{
    double slack = fmax(p->tolerance * c->value, p->tolerance_min);
    *lo = fmin(c->low, c->value) - slack;
    *hi = c->high < 0 ? INFINITY : fmax(c->high, c->value) + slack;
}

bool ds__lk_figures_agree(const ds_link_policy *p, const lk_count *a, const lk_count *b)
{
    double alo, ahi, blo, bhi;
    bounds(p, a, &alo, &ahi);
    bounds(p, b, &blo, &bhi);
    return alo <= bhi && blo <= ahi;
}

/* Figures of one role so far apart that they cannot be one event's: the
 * larger is more than figure_ratio times the smaller, and more than
 * figure_gap above it ("12 killed" and "1,500 killed"). */
static bool figures_exclude(const ds_link_policy *p, const lk_claim *a, const lk_claim *b)
{
    for (size_t i = 0; i < a->n_counts; i++)
        for (size_t j = 0; j < b->n_counts; j++) {
            if (strcmp(a->counts[i].role, b->counts[j].role))
                continue;
            double alo, ahi, blo, bhi;
            bounds(p, &a->counts[i], &alo, &ahi);
            bounds(p, &b->counts[j], &blo, &bhi);
            double small_hi = ahi < blo ? ahi : bhi, big_lo = ahi < blo ? blo : alo;
            if ((ahi < blo || bhi < alo) && big_lo > p->figure_ratio * small_hi &&
                big_lo - small_hi > p->figure_gap)
                return true;
        }
    return false;
}

static double figure_points(const ds_link_policy *p, const lk_claim *a, const lk_claim *b)
{
    double points = 0;
    for (size_t i = 0; i < a->n_counts; i++)
        for (size_t j = 0; j < b->n_counts; j++)
            if (!strcmp(a->counts[i].role, b->counts[j].role))
                points += ds__lk_figures_agree(p, &a->counts[i], &b->counts[j])
                              ? p->figures
                              : -p->figures_mismatch;
    return points;
}

double ds__lk_score(const ds_linker *l, const lk_claim *a, const lk_claim *b)
{
    const ds_link_policy *p = l->policy;
    double type = type_points(p, a, b);
    if (type < 0 || !dates_meet(l, a, b) || !places_meet(l, a, b) || figures_exclude(p, a, b))
        return -1;
    double s = type + place_points(p, a, b);
    s += a->day_precise && b->day_precise && a->d0 == b->d0 ? p->same_day : p->date_overlap;
    double g = shared(a->groups, a->n_groups, b->groups, b->n_groups);
    s += g > 0 ? p->groups * g : g == 0 ? -p->groups_mismatch : 0;
    double act = shared(a->actors, a->n_actors, b->actors, b->n_actors);
    s += act > 0 ? p->actors * act : 0;
    return s + figure_points(p, a, b);
}
