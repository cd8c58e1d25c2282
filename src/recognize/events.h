/* events.h: event triggers, actors, identity groups, sources and the cue
 * words that shape a claim (the lexicon part of the recognize stage,
 * DESIGN.md §2).
 *
 * A ds_events recognizer owns the lexicons it loads from data/
 * (event_triggers.tsv, actors.tsv, identity_groups.tsv, claim_cues.tsv),
 * plus the publishers of a source registry it copies, and the irregular
 * verb forms of WordNet's verb.exc when that is installed.  It is immutable
 * once loaded and may serve many documents, one at a time.  Scans allocate
 * from the caller's arena; the strings of the tables live as long as the
 * recognizer.
 */
#ifndef DS_RECOGNIZE_EVENTS_H
#define DS_RECOGNIZE_EVENTS_H
#include "core.h"
#include "recognize/phrasebook.h"
#include "recognize/quantity.h"
#include "sources/sources.h"

typedef struct ds_events ds_events;

typedef enum ds_ev_kind {
    DS_EV_TRIGGER = 0,
    DS_EV_ACTOR,
    DS_EV_GROUP,
    DS_EV_SOURCE,
    DS_EV_CUE,
    DS_EV_KINDS
} ds_ev_kind;

typedef enum ds_cue {
    DS_CUE_SOURCE = 1, /* "according to" */
    DS_CUE_SAID,       /* "said", "told" */
    DS_CUE_HEDGE,
    DS_CUE_NEGATION,
    DS_CUE_GENERIC,
    DS_CUE_IRREALIS,
    DS_CUE_STATISTIC,
    DS_CUE_HISTORY,
    DS_CUE_AGENT,      /* "by", "at the hands of" */
    DS_CUE_BE,         /* "was", "were" */
    DS_CUE_LOCATIVE,   /* "in", "near" */
    DS_CUE_COUNT
} ds_cue;

/* How a trigger's word was written, for telling "X killed Y" from "Y were
 * killed". */
enum { DS_FORM_BASE = 0, DS_FORM_S, DS_FORM_PAST, DS_FORM_ING, DS_FORM_NOUN };

typedef struct ds_trigger {
    const char *lemma;
    const char *type, *sub_type; /* ACLED event type and sub-type */
    int rank;                    /* 0 for the type that wins a sentence */
    bool verb;
    bool violent;                /* Battles when both sides are armed */
    ds_count_role role;          /* the casualty role it reports, or NONE */
    const char *json;            /* its members as a mention gives them (below) */
} ds_trigger;

typedef struct ds_actor {
    const char *name, *type, *country;
    bool generic;                /* "gunmen", not an organisation */
    bool armed;                  /* a type that fights: not civilians or protesters */
    const char *json;            /* its members as a mention gives them (below) */
} ds_actor;

typedef struct ds_group {
    const char *name, *kind;
    const char *json;            /* its members as a mention gives them (below) */
} ds_group;

/* The `json` of a trigger, actor or group is the part of its mention
 * (DESIGN.md §5) that depends on the entry alone, written once when the
 * lexicons load rather than for each of the thousands of mentions of a
 * report: `"lemma":…,"event_type":…,"sub_event_type":…` for a trigger,
 * `"name":…,"type":…,"generic":…` for an actor, `"name":…` for a group. */

/* A lexicon phrase found in text: words [w, w_end) of the scan. */
typedef struct ds_ev_mark {
    uint32_t w, w_end;
    ds_ev_kind kind;
    uint32_t value;  /* index into the kind's table, or the ds_cue */
    uint8_t form;    /* DS_FORM_* of a trigger */
} ds_ev_mark;

/* The text of one document cut into words, and the phrases found in it. */
typedef struct ds_ev_scan {
    ds__pw *words;
    size_t n_words;
    ds_ev_mark *marks;  /* in text order */
    size_t n_marks;
} ds_ev_scan;

/* Loads the four data files through ds_data_path.  registry (borrowed for
 * the call only) supplies the names of sources; it may be NULL. */
ds_status ds_events_new(ds_events **out, const ds_registry *registry, ds_error *err);
/* Builds from TSV texts in memory (tests, fuzzing); each may be NULL. */
ds_status ds_events_parse(ds_events **out, const char *triggers_tsv, const char *actors_tsv,
                          const char *groups_tsv, const char *cues_tsv, ds_error *err);
void ds_events_free(ds_events *ev);

/* Scans text[0..len); no trigger starts inside the sorted byte spans
 * `skip` (dates: "March" is a month, not a verb). */
ds_status ds_events_scan(const ds_events *ev, const char *text, size_t len, const ds_span *skip,
                         size_t n_skip, ds_arena *arena, ds_ev_scan *out, ds_error *err);

const ds_trigger *ds_events_trigger(const ds_events *ev, uint32_t i);
const ds_actor *ds_events_actor(const ds_events *ev, uint32_t i);
const ds_group *ds_events_group(const ds_events *ev, uint32_t i);
/* The canonical name of source i. */
const char *ds_events_source(const ds_events *ev, uint32_t i);

#endif
