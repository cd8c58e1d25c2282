/* claims.c: the claims of one sentence that reports events.
 *
 * The rules are shallow on purpose: a trigger word names the event, cue
 * words around it say whether it happened (negation, conditionals, plans),
 * the voice of the verb says which actor did it and which suffered it, and
 * the other mentions of the sentence (counts, places, dates) fill the rest.
 * What a sentence lacks (a place, a date) comes from the sentences before
 * it, as a reader would take it. */
#include "extract/claims.h"

#include <math.h>
#include <strings.h>
#include <string.h>

#include "extract/claims_int.h"

/* ---- the words and marks of one sentence ------------------------------ */

/* True when no punctuation lies between words a (inclusive) and b
 * (exclusive), and they are at most `most` words apart. */
static bool near(const ds__sent *s, size_t a, size_t b, size_t most)
{
    if (b < a || b - a > most)
        return false;
    for (size_t i = a; i < b; i++)
        if (s->words[i].punct)
            return false;
    return true;
}

static bool word_is(const ds__sent *s, size_t w, const char *lower)
{
    if (w >= s->w1 || s->words[w].punct)
        return false;
    const ds__pw *t = &s->words[w];
    size_t n = t->end - t->start;
    return strlen(lower) == n && strncasecmp(s->text + t->start, lower, n) == 0;
}

/* A cue of the given kind ending at most `most` words before word w,
 * within the same clause. */
static const ds_ev_mark *cue_before(const ds__sent *s, size_t w, ds_cue cue, size_t most)
{
    if (!ds__claims_has_cue(s, cue))
        return NULL;
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind == DS_EV_CUE && m->value == (uint32_t)cue && m->w_end <= w &&
            near(s, m->w_end, w, most))
            return m;
    }
    return NULL;
}

/* A cue of the given kind starting at most `most` words after word w. */
static const ds_ev_mark *cue_after(const ds__sent *s, size_t w, ds_cue cue, size_t most)
{
    if (!ds__claims_has_cue(s, cue))
        return NULL;
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind == DS_EV_CUE && m->value == (uint32_t)cue && m->w >= w &&
            near(s, w, m->w, most))
            return m;
    }
    return NULL;
}

bool ds__claims_has_cue(const ds__sent *s, ds_cue cue)
{
    return (s->cues >> cue) & 1u;
}

/* ---- triggers ------------------------------------------------------------- */

typedef struct trig {
    const ds_ev_mark *m;
    const ds_trigger *t;
    bool negated, irrealis, passive;
} trig;

static trig read_trigger(const ds__sent *s, const ds_ev_mark *m)
{
    trig g = {.m = m, .t = ds_events_trigger(s->r->lexicon, m->value)};
    g.negated = cue_before(s, m->w, DS_CUE_NEGATION, 3) != NULL;
    /* "to kill" after a plan or a fear did not happen; nor did what
     * "could", "would" or "if" govern. */
    g.irrealis = cue_before(s, m->w, DS_CUE_IRREALIS, 4) != NULL ||
                 (m->form == DS_FORM_BASE && g.t->verb && m->w > s->w0 &&
                  word_is(s, m->w - 1, "to"));
    g.passive = g.t->verb && m->form == DS_FORM_PAST &&
                (cue_before(s, m->w, DS_CUE_BE, 3) || cue_after(s, m->w_end, DS_CUE_AGENT, 0));
    return g;
}

/* ---- actors --------------------------------------------------------------- */

static void set_actor(const ds__sent *s, const ds_ev_mark *m, ds_claim_actor *a)
{
    const ds_events *lx = s->r->lexicon;
    a->start = s->words[m->w].start;
    a->end = s->words[m->w_end - 1].end;
    if (m->kind == DS_EV_ACTOR) {
        const ds_actor *x = ds_events_actor(lx, m->value);
        a->name = x->name, a->type = x->type, a->armed = x->armed;
    } else {
        a->name = ds_events_group(lx, m->value)->name;
        a->type = "Civilians";
    }
}

/* The nearest actor ending before word w (and after word floor). */
static const ds_ev_mark *party_before(const ds__sent *s, size_t w, size_t floor, bool groups)
{
    const ds_ev_mark *best = NULL;
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if ((m->kind == DS_EV_ACTOR || (groups && m->kind == DS_EV_GROUP)) && m->w_end <= w &&
            m->w >= floor && !s->in_attribution[k - s->m0])
            best = m;
    }
    return best;
}

static const ds_ev_mark *party_after(const ds__sent *s, size_t w, size_t most, bool groups)
{
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if ((m->kind == DS_EV_ACTOR || (groups && m->kind == DS_EV_GROUP)) && m->w >= w &&
            m->w - w <= most && !s->in_attribution[k - s->m0])
            return m;
    }
    return NULL;
}

/* Who did it and to whom, by the voice of the trigger. */
static void read_parties(const ds__sent *s, const trig *g, ds_claim_info *c)
{
    const ds_ev_mark *perp = NULL, *target = NULL;
    const ds_ev_mark *agent = cue_after(s, g->m->w_end, DS_CUE_AGENT, 6);
    if (agent)
        perp = party_after(s, agent->w_end, 3, false);
    if (g->passive) {
        target = party_before(s, g->m->w, s->w0, true);
    } else if (g->t->verb) {
        if (!perp)
            perp = party_before(s, g->m->w, s->w0, false);
        target = party_after(s, g->m->w_end, 8, true);
    } else {
        /* A noun: "the HTS attack", "Russia's airstrikes", "a massacre of
         * Alawites". */
        if (!perp) {
            const ds_ev_mark *p = party_before(s, g->m->w, g->m->w > 3 ? g->m->w - 3 : 0, false);
            if (p && near(s, p->w_end, g->m->w, 2))
                perp = p;
        }
        target = party_after(s, g->m->w_end, 6, true);
    }
    if (target == perp)
        target = NULL;
    if (perp)
        set_actor(s, perp, &c->perpetrator);
    if (target)
        set_actor(s, target, &c->target);
}

/* ---- the event type ------------------------------------------------------ */

static void read_type(const trig *main, const trig *all, size_t n, ds_claim_info *c)
{
    c->trigger = main->t;
    c->event_type = main->t->type;
    c->sub_event_type = main->t->sub_type;
    /* Killing among armed men is fighting; killing of civilians is not. */
    if (main->t->violent && c->target.armed && (!c->perpetrator.name || c->perpetrator.armed)) {
        c->event_type = "Battles";
        c->sub_event_type = "Armed clash";
    }
    /* Protesters who storm or attack are rioting. */
    const char *pt = c->perpetrator.type;
    if (main->t->violent && pt && (strcmp(pt, "Protesters") == 0 || strcmp(pt, "Rioters") == 0)) {
        c->event_type = "Riots";
        c->sub_event_type = "Violent demonstration";
        return;
    }
    bool protest = false;
    for (size_t i = 0; i < n; i++)
        protest |= !all[i].negated && !all[i].irrealis && strcmp(all[i].t->type, "Protests") == 0;
    bool protesters = c->target.type && strcmp(c->target.type, "Protesters") == 0;
    if ((protest || protesters) && strcmp(c->event_type, "Violence against civilians") == 0) {
        c->event_type = "Protests";
        c->sub_event_type = "Excessive force against protesters";
    }
}

/* ---- counts, groups, attribution ----------------------------------------- */

/* A count of people that the quantity recognizer gave no role gets the
 * role of a trigger right beside it: "shot dead 12 villagers". */
static ds_count_role role_by_trigger(const ds__sent *s, const trig *all, size_t n,
                                     const ds_quantity *q)
{
    if (!q->counts || strcmp(q->counts, "people") != 0)
        return DS_ROLE_NONE;
    for (size_t k = 0; k < n; k++) {
        const trig *g = &all[k];
        if (g->t->role == DS_ROLE_NONE || g->negated || g->irrealis)
            continue;
        size_t ts = s->words[g->m->w].start, te = s->words[g->m->w_end - 1].end;
        const char *between = q->start >= te ? s->text + te : s->text + q->end;
        size_t gap = q->start >= te ? q->start - te : (ts >= q->end ? ts - q->end : SIZE_MAX);
        if (gap > 40 || memchr(between, '\n', gap))
            continue;
        bool open = true;
        for (size_t i = 0; i < gap && open; i++)
            open = !strchr(".;:,()", between[i]);
        if (open)
            return g->t->role;
    }
    return DS_ROLE_NONE;
}

/* Counts whose role is in `roles` (bits 1 << ds_count_role). */
static void read_counts(const ds__sent *s, const trig *all, size_t n, unsigned roles,
                        ds_claim_info *c)
{
    for (size_t i = 0; i < s->n_quantities; i++) {
        const ds_quantity *q = &s->quantities[i];
        if (q->generic)
            c->generic = true;
        ds_count_role role = q->role != DS_ROLE_NONE ? q->role : role_by_trigger(s, all, n, q);
        if (role == DS_ROLE_NONE || q->generic || c->counts[role].set || !(roles & (1u << role)))
            continue;
        c->counts[role] = (ds_claim_count){.set = true, .value = q->value, .low = q->low,
                                           .high = q->high, .qualifier = q->qualifier};
    }
    /* "No one was killed" is a count of zero. */
    for (size_t i = 0; i < n; i++) {
        ds_count_role role = all[i].t->role;
        if (all[i].negated && role != DS_ROLE_NONE && !c->counts[role].set &&
            (roles & (1u << role)))
            c->counts[role] = (ds_claim_count){.set = true};
    }
}

static void read_groups(const ds__sent *s, ds_claim_info *c)
{
    for (size_t k = s->m0; k < s->m1 && c->n_groups < DS_CLAIM_MAX_GROUPS; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind != DS_EV_GROUP)
            continue;
        const char *name = ds_events_group(s->r->lexicon, m->value)->name;
        bool seen = false;
        for (size_t i = 0; i < c->n_groups; i++)
            seen |= c->groups[i] == name;
        if (!seen)
            c->groups[c->n_groups++] = name;
    }
}

/* Fighting, remote violence and violence against civilians in one sentence
 * are one event told by several words ("killed in an air strike"); a
 * protest met with force is one event too.  Other types are events of
 * their own: a market burned and families fleeing are two claims. */
static int family(const ds_trigger *t, bool violent_present)
{
    if (t->rank <= 2 || (violent_present && strcmp(t->type, "Protests") == 0))
        return 0;
    return t->rank;
}

static bool counted(const ds_claim_info *c)
{
    for (int i = 1; i <= DS_ROLE_DISPLACED; i++)
        if (c->counts[i].set)
            return true;
    return false;
}

static void build(ds__sent *s, ds_arena *arena, const trig *main, const trig *all, size_t n,
                  unsigned roles, ds_claim_info *c)
{
    *c = (ds_claim_info){.start = s->start, .end = s->end,
                         .trigger_start = s->words[main->m->w].start,
                         .trigger_end = s->words[main->m->w_end - 1].end};
    for (int i = 0; i <= DS_ROLE_DISPLACED; i++)
        c->counts[i].low = c->counts[i].high = NAN;
    ds__claims_attribution(s, arena, c);
    read_parties(s, main, c);
    read_type(main, all, n, c);
    read_counts(s, all, n, roles, c);
    read_groups(s, c);
    c->hedged = ds__claims_has_cue(s, DS_CUE_HEDGE);
    c->generic |= ds__claims_has_cue(s, DS_CUE_GENERIC);
}

size_t ds__claim_sentence(ds__sent *s, ds_arena *arena, ds_claim_info *out, size_t max)
{
    trig all[32];
    size_t n = 0;
    for (size_t k = s->m0; k < s->m1 && n < 32; k++)
        if (s->marks[k].kind == DS_EV_TRIGGER)
            all[n++] = read_trigger(s, &s->marks[k]);
    bool violent = false;
    for (size_t i = 0; i < n; i++)
        violent |= !all[i].negated && !all[i].irrealis && all[i].t->rank <= 2;
    /* The main trigger of each family: the first of the best-ranked type. */
    const trig *mains[8] = {0};
    unsigned roles[8] = {0};
    size_t families = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].negated || all[i].irrealis)
            continue;
        int f = family(all[i].t, violent);
        if (!mains[f])
            families++;
        if (!mains[f] || all[i].t->rank < mains[f]->t->rank)
            mains[f] = &all[i];
        roles[f] |= 1u << all[i].t->role;
    }
    if (!families)
        return 0;
    roles[0] |= 1u << DS_ROLE_KILLED | 1u << DS_ROLE_INJURED;
    bool stat = ds__claims_has_cue(s, DS_CUE_STATISTIC);
    size_t made = 0;
    for (int f = 0; f < 8 && made < max; f++) {
        if (!mains[f])
            continue;
        /* Alone in its sentence, a claim takes every count there. */
        build(s, arena, mains[f], all, n, families == 1 ? ~0u : roles[f], &out[made]);
        /* Figures about a population ("make up ten percent") are not events. */
        if (!(stat && !counted(&out[made])))
            made++;
    }
    return made;
}
