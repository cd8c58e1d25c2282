/* relay.c: the registered source an attribution names ("the Britain-based
 * Observatory said ..." is the Syrian Observatory for Human Rights), so
 * that a relayed source is named the same in every footnote. */
#include <string.h>

#include "brief_int.h"
#include "normalize/normalize.h"
#include "relay.h"
#include "sources/sources.h"

/* Whether the folded words of key stand as whole words in hay. */
static bool has_words(const char *hay, const char *key)
{
    size_t n = strlen(key);
    for (const char *h = n ? strstr(hay, key) : NULL; h; h = strstr(h + 1, key))
        if ((h == hay || h[-1] == ' ') && (h[n] == '\0' || h[n] == ' '))
            return true;
    return false;
}

/* How well a registered name fits the folded attribution: the length of
 * the name when the attribution contains it, of the attribution when it is
 * the name cut short (at least 12 characters), else 0. */
static size_t fit(const char *folded, const char *name)
{
    char *key = ds_fold(name, strlen(name));
    size_t score = 0;
    if (key && has_words(folded, key))
        score = strlen(key);
    else if (key) {
        const char *p = folded;
        if (!strncmp(p, "the ", 4))
            p += 4;
        for (; *p && !score; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : "")
            if (strlen(p) >= 12 && strstr(key, p) == key)
                score = strlen(p);
    }
    ds_free(key);
    return score;
}

const char *ds__br_relay_name(ds_arena *a, const ds_registry *r, const char *attribution,
                              bool *registered)
{
    *registered = false;
    if (!attribution || !*attribution)
        return NULL;
    const ds_source *best = r ? ds_registry_find(r, attribution) : NULL;
    char *folded = best || !r ? NULL : ds_fold(attribution, strlen(attribution));
    size_t best_fit = 0;
    for (size_t i = 0; folded && i < ds_registry_count(r); i++) {
        const ds_source *s = ds_registry_at(r, i);
        size_t f = fit(folded, s->name);
        for (size_t k = 0; k < s->n_aliases; k++) {
            size_t fa = fit(folded, s->aliases[k]);
            f = fa > f ? fa : f;
        }
        if (f > best_fit) {
            best_fit = f;
            best = s;
        }
    }
    ds_free(folded);
    *registered = best != NULL;
    return ds_arena_strdup(a, best ? best->name : attribution);
}
