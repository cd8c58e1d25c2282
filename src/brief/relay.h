/* relay.h: naming relayed sources (relay.c); internal to src/brief. */
#ifndef DS_BRIEF_RELAY_H
#define DS_BRIEF_RELAY_H

#include "brief_int.h"
#include "sources/sources.h"

/* The registered name of the source an attribution names (*registered
 * set), else the attribution as written (an arena string); NULL for none. */
const char *ds__br_relay_name(ds_arena *a, const ds_registry *r, const char *attribution,
                              bool *registered);

#endif
