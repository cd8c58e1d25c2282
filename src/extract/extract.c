/* extract.c: one pass of every recognizer over a document, then claims. */
#include "extract/extract.h"

#include <string.h>

#include "extract/claims.h"
#include "extract/claims_json.h"
#include "recognize/events.h"
#include "recognize/mention.h"
#include "recognize/places_json.h"
#include "recognize/quantity.h"
#include "recognize/tq_json.h"
#include "segment/segment.h"

struct ds_extractor {
    const ds_gazetteer *gz;
    ds_places *places;
    ds_times *times;
    ds_quantities *quantities;
    ds_events *events;
    ds_segmenter *segmenter;
};

ds_status ds_extractor_new(ds_extractor **out, const ds_gazetteer *gz,
                           const ds_registry *registry, ds_error *err)
{
    *out = NULL;
    ds_extractor *x = ds_calloc(1, sizeof *x);
    if (!x)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the extractor");
    x->gz = gz;
    ds_status rc = DS_OK;
    if (gz)
        rc = ds_places_new(&x->places, gz, err);
    if (rc == DS_OK)
        rc = ds_times_new(&x->times, err);
    if (rc == DS_OK)
        rc = ds_quantities_new(&x->quantities, err);
    if (rc == DS_OK)
        rc = ds_events_new(&x->events, registry, err);
    if (rc == DS_OK)
        rc = ds_segmenter_new(&x->segmenter, NULL, err);
    if (rc != DS_OK) {
        ds_extractor_free(x);
        return rc;
    }
    *out = x;
    return DS_OK;
}

void ds_extractor_free(ds_extractor *x)
{
    if (!x)
        return;
    ds_places_free(x->places);
    ds_times_free(x->times);
    ds_quantities_free(x->quantities);
    ds_events_free(x->events);
    ds_segmenter_free(x->segmenter);
    ds_free(x);
}

ds_status ds_extract_segment(const ds_extractor *x, ds_document *d, ds_error *err)
{
    if (d->n_sentences || !d->text_len)
        return DS_OK;
    return ds_segment(x->segmenter, d->text, d->text_len, &d->sentences, &d->n_sentences, err);
}

/* ---- recognizing ----------------------------------------------------------- */

static ds_status recognize(const ds_extractor *x, const ds_document *d,
                           const ds_extract_options *o, ds_arena *a, ds_recognized *r,
                           ds_ev_scan *scan, ds_error *err)
{
    ds_place_mention *pm = NULL;
    ds_time_mention *tm;
    ds_quantity *qm;
    size_t np = 0, nt, nq;
    if (x->places && ds_places_find(x->places, d->text, d->text_len, o->country, a, &pm, &np,
                                    err) != DS_OK)
        return err->code;
    ds_time_context tctx = {.published = d->published, .order = o->order};
    if (ds_tq_find(x->times, x->quantities, d->text, d->text_len, &tctx, a, &tm, &nt, &qm, &nq,
                   err) != DS_OK)
        return err->code;
    /* The events scan skips the dates, as the quantities did. */
    ds_span *skip = ds_time_spans(tm, nt, a);
    if (!skip)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    if (ds_events_scan(x->events, d->text, d->text_len, skip, nt, a, scan, err) != DS_OK)
        return err->code;
    *r = (ds_recognized){.text = d->text, .sentences = d->sentences,
                         .n_sentences = d->n_sentences, .places = pm, .n_places = np,
                         .times = tm, .n_times = nt, .quantities = qm, .n_quantities = nq,
                         .scan = scan, .lexicon = x->events, .published = d->published};
    return DS_OK;
}

/* ---- writing mentions and claims -------------------------------------------- */

/* Where mentions and claims go: stored in the document, each as a JSON
 * string of its own (add, `extract FILE`), or written as they come into one
 * JSON line (`extract --jsonl`), which spares a copy, an allocation and a
 * free for each of them. */
typedef struct sink {
    ds_document *d;
    ds_jw *w;
    bool store;
} sink;

/* Called after each mention's JSON is written. */
static ds_status mention_done(sink *k, size_t start, size_t end, const char *kind,
                              ds_error *err)
{
    if (k->store)
        return ds__mention_append(k->d, start, end, kind, k->w, err);
    if (k->w->st != DS_OK)
        return ds_error_set(err, k->w->st, "writing JSON: %s", ds_strerror(k->w->st));
    return DS_OK;
}

static ds_status append_mentions(const ds_extractor *x, sink *k, const ds_recognized *r,
                                 const ds_claim_info *c, size_t nc, ds_error *err)
{
    const ds_ev_scan *sc = r->scan;
    const char *text = k->d->text;
    ds_jw *w = k->w;
    size_t n = r->n_places + r->n_times + r->n_quantities + sc->n_marks + nc;
    ds_status rc = k->store ? ds__mentions_reserve(k->d, n, err) : DS_OK;
    for (size_t i = 0; rc == DS_OK && i < r->n_places; i++) {
        ds_place_mention_write(w, x->gz, text, &r->places[i]);
        rc = mention_done(k, r->places[i].start, r->places[i].end, "place", err);
    }
    for (size_t i = 0; rc == DS_OK && i < r->n_times; i++) {
        ds_time_mention_write(w, text, &r->times[i]);
        rc = mention_done(k, r->times[i].start, r->times[i].end, "time", err);
    }
    for (size_t i = 0; rc == DS_OK && i < r->n_quantities; i++) {
        ds_quantity_write(w, text, &r->quantities[i]);
        rc = mention_done(k, r->quantities[i].start, r->quantities[i].end, "number", err);
    }
    static const char *const kinds[] = {"trigger", "actor", "group"};
    for (size_t i = 0; rc == DS_OK && i < sc->n_marks; i++) {
        const ds_ev_mark *m = &sc->marks[i];
        if (ds_mark_write(w, r->lexicon, text, sc, m))
            rc = mention_done(k, sc->words[m->w].start, sc->words[m->w_end - 1].end,
                              kinds[m->kind], err);
    }
    for (size_t i = 0; rc == DS_OK && i < nc; i++)
        if (c[i].attributed_to) {
            ds_attribution_write(w, text, &c[i]);
            rc = mention_done(k, c[i].attribution_start, c[i].attribution_end, "attribution",
                              err);
        }
    return rc;
}

static ds_status append_claims(const ds_extractor *x, sink *k, const ds_claim_info *c, size_t nc,
                               ds_error *err)
{
    ds_document *d = k->d;
    if (k->store && nc) {
        ds_claim *v = ds_realloc(d->claims, (d->n_claims + nc) * sizeof *v);
        if (!v)
            return ds_error_set(err, DS_ENOMEM, "out of memory for claims");
        d->claims = v;
    }
    /* Claims are numbered within their document ("c1", "c2", ...). */
    size_t first = k->store ? d->n_claims + 1 : 1;
    for (size_t i = 0; i < nc; i++) {
        ds_claim_write(k->w, x->gz, d->text, &c[i], first + i);
        if (!k->store) {
            if (k->w->st != DS_OK)
                return ds_error_set(err, k->w->st, "writing JSON: %s", ds_strerror(k->w->st));
            continue;
        }
        char *copy;
        ds_status rc = ds__json_copy(k->w, &copy, err);
        if (rc != DS_OK)
            return rc;
        d->claims[d->n_claims++] = (ds_claim){c[i].start, c[i].end, c[i].sentence, copy};
    }
    return DS_OK;
}

/* Recognizes, assembles claims and hands both to the sink; when writing a
 * line, as the "mentions" and "claims" members of the object it is in. */
static ds_status extract(const ds_extractor *x, const ds_extract_options *o, sink *k,
                         ds_error *err)
{
    static const ds_extract_options none = {0};
    if (!o)
        o = &none;
    ds_arena *a = ds_arena_new(k->d->text_len * 40 + ((size_t)4 << 20));
    if (!a)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    ds_recognized r;
    ds_ev_scan scan;
    ds_claim_info *c = NULL;
    size_t nc = 0;
    ds_status rc = recognize(x, k->d, o, a, &r, &scan, err);
    if (rc == DS_OK)
        rc = ds_claims_assemble(&r, a, &c, &nc, err);
    if (rc == DS_OK && !k->store) {
        ds_jw_key(k->w, "mentions");
        ds_jw_array(k->w);
    }
    if (rc == DS_OK)
        rc = append_mentions(x, k, &r, c, nc, err);
    if (rc == DS_OK && !k->store) {
        ds_jw_end_array(k->w);
        ds_jw_key(k->w, "claims");
        ds_jw_array(k->w);
    }
    if (rc == DS_OK)
        rc = append_claims(x, k, c, nc, err);
    if (rc == DS_OK && !k->store)
        ds_jw_end_array(k->w);
    ds_arena_free(a);
    return rc;
}

ds_status ds_extract_document(const ds_extractor *x, ds_document *d,
                              const ds_extract_options *o, ds_error *err)
{
    ds_buf json;
    ds_buf_init(&json, ds__mention_json_cap(d->text_len));
    ds_jw w;
    ds_jw_init(&w, &json);
    sink k = {d, &w, true};
    ds_status rc = extract(x, o, &k, err);
    ds_buf_free(&json);
    return rc;
}

ds_status ds_extract_document_json(const ds_extractor *x, ds_document *d,
                                   const ds_extract_options *o, ds_jw *w, ds_error *err)
{
    sink k = {d, w, false};
    return extract(x, o, &k, err);
}
