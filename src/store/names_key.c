/* names_key.c: the key a name is compared by in fuzzy look-ups, and the
 * names a claim uses.
 *
 * The key is the name folded (ds_fold: lower case, no diacritics, anything
 * but letters and digits a blank) and then spelt one way where
 * transliterations of Arabic names differ most: the article "al" or "el"
 * before a word is dropped, q is written k, ou and oo u, ee i, a final eh
 * or ah a, and a doubled letter once.  So "Al Qadmūs" and "Kadmous" are
 * both "kadmus", "Jableh" and "Jablah" "jabla", "Tartous" and "Ţarţūs"
 * "tartus".  Both backends compare keys made here, so they agree. */
#include <jansson.h>
#include <string.h>

#include "backend.h"
#include "normalize/normalize.h"

enum { KEY_MAX_BYTES = 512 };

/* One word of a folded name, respelt into out (as long as the word at
 * most); returns the length written. */
static size_t respell(const char *w, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i], next = i + 1 < n ? w[i + 1] : '\0';
        if ((c == 'o' && (next == 'u' || next == 'o')) || (c == 'e' && next == 'e')) {
            c = c == 'e' ? 'i' : 'u';
            i++;
        } else if ((c == 'e' || c == 'a') && next == 'h' && i + 2 == n && i > 0) {
            c = 'a';
            i++;
        } else if (c == 'q') {
            c = 'k';
        }
        if (!k || out[k - 1] != c || (c >= '0' && c <= '9'))
            out[k++] = c;
    }
    return k;
}

char *ds__names_fold(const char *s)
{
    char *f = ds_fold(s, strnlen(s, KEY_MAX_BYTES));
    if (!f)
        return NULL;
    char *out = ds_malloc(strlen(f) + 1);
    size_t k = 0;
    for (const char *p = f; out && *p;) {
        size_t n = strcspn(p, " ");
        bool article = (n == 2 && (!strncmp(p, "al", 2) || !strncmp(p, "el", 2))) && p[n];
        if (n && !article) {
            if (k)
                out[k++] = ' ';
            k += respell(p, n, out + k);
        }
        p += n;
        p += *p == ' ';
    }
    if (out)
        out[k] = '\0';
    ds_free(f);
    return out;
}

static ds_status string_name(json_t *v, const char *kind, ds__name_fn fn, void *ud)
{
    const char *s = json_string_value(v);
    return s && *s ? fn(ud, kind, s) : DS_OK;
}

ds_status ds__claim_names(const char *json, ds__name_fn fn, void *ud)
{
    json_t *o = json_loads(json, 0, NULL);
    ds_status rc = string_name(json_object_get(json_object_get(o, "location"), "name"),
                               "place", fn, ud);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, "actors"), i, v)
        if (rc == DS_OK)
            rc = string_name(json_object_get(v, "name"), "actor", fn, ud);
    json_array_foreach(json_object_get(o, "groups"), i, v)
        if (rc == DS_OK)
            rc = string_name(v, "group", fn, ud);
    json_decref(o);
    return rc;
}
