/* places.c: the place recognizer's lexicons. */
#include "places_int.h"

ds_status ds_places_new(ds_places **out, const ds_gazetteer *gz, ds_error *err)
{
    *out = NULL;
    ds_places *r = ds_calloc(1, sizeof *r);
    if (!r)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    r->gz = gz;
    ds_status st = ds_lexicon_load(&r->cues, "place_cues.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->stop, "place_stoplist.tsv", err);
    if (st == DS_OK)
        st = ds_lexicon_load(&r->areas, "place_areas.tsv", err);
    if (st != DS_OK) {
        ds_places_free(r);
        return st;
    }
    r->cue_words = ds_lexicon_max_words(r->cues);
    r->area_words = ds_lexicon_max_words(r->areas);
    *out = r;
    return DS_OK;
}

void ds_places_free(ds_places *r)
{
    if (!r)
        return;
    ds_lexicon_free(r->cues);
    ds_lexicon_free(r->stop);
    ds_lexicon_free(r->areas);
    ds_free(r);
}
