/* claims_json.h: claims as JSON objects (DESIGN.md §5), and the actor,
 * group, trigger and attribution mentions of the extract stage.
 *
 * Each function returns a new jansson object that the caller releases with
 * json_decref. */
#ifndef DS_EXTRACT_CLAIMS_JSON_H
#define DS_EXTRACT_CLAIMS_JSON_H
#include <jansson.h>

#include "extract/claims.h"
#include "gazetteer/gazetteer.h"

/* id is the claim's number within its document ("c3"); gz resolves the
 * claim's place and may be NULL when there is none. */
json_t *ds_claim_json(const ds_gazetteer *gz, const char *text, const ds_claim_info *c,
                      size_t id);
/* A lexicon mark as a mention (kind actor, group or trigger); NULL for a
 * cue or a source, which are not mentions by themselves. */
json_t *ds_mark_json(const ds_events *lx, const char *text, const ds_ev_scan *sc,
                     const ds_ev_mark *m);
/* The attribution of a claim as a mention (kind attribution). */
json_t *ds_attribution_json(const char *text, const ds_claim_info *c);

#endif
