/* link_order.c: the linker's documents and claims put in an order of
 * their content before anything is compared.
 *
 * Every choice the linker makes on a tie (which of two equal pairs merges
 * first, which claim stands for an incident's place, which two documents
 * a contradiction names, which episode is a parent, how incidents are
 * numbered) falls to the claim or document that comes first.  Were that
 * the order of row ids, the register would depend on the order in which
 * documents were stored: two workers adding the same files in another
 * order, or a migrated copy, would number and describe incidents
 * differently.  So documents are ordered by sha256 and claims by their
 * document, their span and their JSON text, none of which an id or an
 * insertion order changes. */
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

static int doc_order(const void *pa, const void *pb, void *ud)
{
    const lk_doc *v = ud;
    const lk_doc *a = &v[*(const size_t *)pa], *b = &v[*(const size_t *)pb];
    int c = strcmp(a->sha256, b->sha256);
    if (c)
        return c;
    return a->id < b->id ? -1 : a->id > b->id; /* one document stored twice: no content differs */
}

static int claim_order(const void *pa, const void *pb)
{
    const lk_claim *a = pa, *b = pb;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    if (a->span0 != b->span0)
        return a->span0 < b->span0 ? -1 : 1;
    if (a->span1 != b->span1)
        return a->span1 < b->span1 ? -1 : 1;
    int c = strcmp(a->json, b->json);
    if (c)
        return c;
    return a->id < b->id ? -1 : a->id > b->id; /* identical claims: either may come first */
}

/* Documents into sha256 order, with every index to them renumbered. */
static ds_status order_documents(ds_linker *l)
{
    size_t n = l->n_docs;
    size_t *order = ds_malloc((n + 1) * sizeof *order), *rank = ds_malloc((n + 1) * sizeof *rank);
    lk_doc *v = ds_malloc((n + 1) * sizeof *v);
    ds_status rc = order && rank && v ? DS_OK : DS_ENOMEM;
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        order[i] = i;
    if (rc == DS_OK && n)
        qsort_r(order, n, sizeof *order, doc_order, l->docs);
    for (size_t i = 0; rc == DS_OK && i < n; i++) {
        rank[order[i]] = i;
        v[i] = l->docs[order[i]];
    }
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        for (size_t r = 0; r < v[i].n_relays; r++)
            v[i].relays[r] = rank[v[i].relays[r]];
    for (size_t i = 0; rc == DS_OK && i < l->n_claims; i++)
        l->claims[i].doc = rank[l->claims[i].doc];
    if (rc == DS_OK && n)
        memcpy(l->docs, v, n * sizeof *v);
    ds_free(order);
    ds_free(rank);
    ds_free(v);
    return rc;
}

ds_status ds__lk_canonical_order(ds_linker *l)
{
    ds_status rc = order_documents(l);
    if (rc == DS_OK && l->n_claims)
        qsort(l->claims, l->n_claims, sizeof *l->claims, claim_order);
    return rc;
}
