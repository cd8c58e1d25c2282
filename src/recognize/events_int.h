/* events_int.h: the inside of a ds_events recognizer (internal to the
 * recognize stage: events.c scans, events_load.c fills). */
#ifndef DS_RECOGNIZE_EVENTS_INT_H
#define DS_RECOGNIZE_EVENTS_INT_H
#include <stdlib.h>

#include "recognize/events.h"

/* A name in capitals ("KIA") matches only text in capitals; the flag rides
 * in the phrase entry's value.  Trigger entries carry their DS_FORM_* in
 * bits 24-27. */
#define DS__EV_CAPS (1u << 30)
#define DS__EV_INDEX(v) ((v) & 0xFFFFFFu)
enum { DS__EV_MAX_ROWS = 1 << 20 };
enum { DS__EV_TRIGGERS, DS__EV_ACTORS, DS__EV_GROUPS, DS__EV_CUES };

struct ds_events {
    ds__pb *pb;
    ds_trigger *triggers;
    size_t n_triggers, cap_triggers;
    ds_actor *actors;
    size_t n_actors, cap_actors;
    ds_group *groups;
    size_t n_groups, cap_groups;
    const char **sources;
    size_t n_sources;
    ds_arena *arena;
};

/* Reads one of the four files (DS__EV_*): from text when it is not NULL,
 * else from the data file `name`. */
ds_status ds__events_load_tsv(ds_events *ev, int which, const char *text, const char *name,
                              ds_error *err);
/* Adds the irregular forms WordNet lists for the trigger verbs, if found. */
ds_status ds__events_wordnet(ds_events *ev, ds_error *err);
ds_status ds__events_add_sources(ds_events *ev, const ds_registry *reg, ds_error *err);

#endif
