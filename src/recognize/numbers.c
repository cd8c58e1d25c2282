#include "words.h"

#include <math.h>
#include <string.h>

static bool adjacent(const ds__tok *t, size_t n, size_t i)
{
    return i < n && !t[i].space;
}

static double digit_value(const char *text, const ds__tok *t)
{
    double v = 0;
    for (uint32_t k = t->start; k < t->end && v < 1e15; k++)
        v = v * 10 + (text[k] - '0');
    return v;
}

/* The multiplier a suffix or scale word gives a digit number: "1.2
 * million", "5k", "3bn". */
static double scale_after(const ds__words *w, const ds__tok *t, size_t n, size_t *i)
{
    if (*i >= n || t[*i].kind != DS__TOK_WORD)
        return 1;
    const ds__word *wd = ds__tok_word(w, &t[*i]);
    if (wd && (wd->cls & DS__W_SCALE) && wd->value >= 1000) {
        (*i)++;
        return wd->value;
    }
    if (!t[*i].space) {
        static const struct { int sp; double v; } suffix[] = {
            {DS__SP_K, 1e3}, {DS__SP_M, 1e6}, {DS__SP_MN, 1e6}, {DS__SP_BN, 1e9}};
        for (size_t k = 0; k < sizeof suffix / sizeof *suffix; k++) {
            if (ds__tok_spelled(w, &t[*i], suffix[k].sp)) {
                (*i)++;
                return suffix[k].v;
            }
        }
    }
    return 1;
}

static bool digits_at(const ds__words *w, const char *text, const ds__tok *t, size_t n,
                      size_t i, ds__number *out)
{
    *out = (ds__number){.value = digit_value(text, &t[i]), .end = i + 1,
                        .digits = t[i].end - t[i].start};
    size_t j = i + 1;
    unsigned lead = t[i].end - t[i].start;
    /* Thousands groups: "1,500,000" always; "250 000" (the European style)
     * only when every group after the first has exactly three digits. */
    while (lead <= 3 && j + 1 < n && ((ds__tok_is(text, &t[j], ',') && !t[j].space &&
                                       !t[j + 1].space) ||
                                      (t[j].kind == DS__TOK_NUM && t[j].space &&
                                       t[j].end - t[j].start == 3 && (out->flags & DS__NUM_GROUPED ||
                                                                      j == i + 1)))) {
        size_t g = t[j].kind == DS__TOK_NUM ? j : j + 1;
        if (t[g].kind != DS__TOK_NUM || t[g].end - t[g].start != 3)
            break;
        if (g == j && g + 1 < n && t[g + 1].kind == DS__TOK_NUM && !t[g + 1].space)
            break;
        out->value = out->value * 1000 + digit_value(text, &t[g]);
        out->flags |= DS__NUM_GROUPED;
        out->digits = 0;
        j = g + 1;
    }
    if (j + 1 < n && ds__tok_is(text, &t[j], '.') && adjacent(t, n, j) &&
        adjacent(t, n, j + 1) && t[j + 1].kind == DS__TOK_NUM &&
        !(j + 2 < n && ds__tok_is(text, &t[j + 2], '.') && adjacent(t, n, j + 2))) {
        double frac = digit_value(text, &t[j + 1]);
        out->value += frac / pow(10, t[j + 1].end - t[j + 1].start);
        out->flags |= DS__NUM_DECIMAL;
        out->digits = 0;
        j += 2;
    }
    if (j < n && !t[j].space &&
        (ds__tok_spelled(w, &t[j], DS__SP_ST) || ds__tok_spelled(w, &t[j], DS__SP_ND) ||
         ds__tok_spelled(w, &t[j], DS__SP_RD) || ds__tok_spelled(w, &t[j], DS__SP_TH))) {
        out->flags |= DS__NUM_ORDINAL;
        out->end = j + 1;
        return true;
    }
    size_t k = j;
    double mul = scale_after(w, t, n, &k);
    if (mul > 1) {
        out->value *= mul;
        out->digits = 0;
        j = k;
    }
    out->end = j;
    return true;
}

/* Number words compose as in "one thousand seven hundred and eighty nine":
 * small values add up in `cur`, "hundred" multiplies it, and larger scales
 * move it into `total`. */
static bool words_at(const ds__words *w, const char *text, const ds__tok *t, size_t n,
                     size_t i, ds__number *out)
{
    double total = 0, cur = 0;
    size_t j = i, last = i;
    bool any = false, ordinal = false, after_scale = false, article = false;
    int last_card = 0; /* 0 none, 1 unit 1-9, 2 teen, 3 tens */
    if (ds__tok_spelled(w, &t[j], DS__SP_A) || ds__tok_spelled(w, &t[j], DS__SP_AN)) {
        const ds__word *nx = j + 1 < n ? ds__tok_word(w, &t[j + 1]) : NULL;
        if (!nx || !(nx->cls & DS__W_SCALE))
            return false;
        cur = 1, article = true, j++;
    }
    while (j < n) {
        const ds__word *wd = ds__tok_word(w, &t[j]);
        if (!wd || t[j].kind != DS__TOK_WORD)
            break;
        if (wd->cls & DS__W_SCALE) {
            if (!any && !article)
                break;
            if (wd->value < 1000) {
                cur = (cur ? cur : 1) * wd->value;
            } else {
                total += (cur ? cur : 1) * wd->value;
                cur = 0;
            }
            after_scale = true, last_card = 0;
        } else if (wd->cls & (DS__W_CARD | DS__W_ORD)) {
            double v = (wd->cls & DS__W_CARD) ? wd->value : wd->ord;
            int k = v < 10 ? 1 : v < 20 ? 2 : 3;
            /* "twenty one" and "hundred five" combine; "five six" does not. */
            if (any && !(last_card == 3 && k == 1) && !(last_card == 0 && after_scale))
                break;
            if (!(wd->cls & DS__W_CARD))
                ordinal = true;
            cur += v;
            last_card = k;
        } else {
            break;
        }
        any = true;
        last = ++j;
        if (ordinal)
            break;
        /* "twenty-one" and "hundred and five" join with a hyphen or "and". */
        if (j + 1 < n && ((ds__tok_is(text, &t[j], '-') && !t[j].space && !t[j + 1].space &&
                           last_card == 3) ||
                          (ds__tok_spelled(w, &t[j], DS__SP_AND) && after_scale &&
                           last_card == 0))) {
            const ds__word *nx = ds__tok_word(w, &t[j + 1]);
            if (nx && (nx->cls & (DS__W_CARD | DS__W_ORD)))
                j++;
        }
    }
    if (!any)
        return false;
    *out = (ds__number){.value = total + cur, .end = last,
                        .flags = DS__NUM_WORDS | (ordinal ? DS__NUM_ORDINAL : 0u)};
    return true;
}

bool ds__number_at(const ds__words *w, const char *text, const ds__tok *t, size_t n, size_t i,
                   ds__number *out)
{
    if (i >= n)
        return false;
    if (t[i].kind == DS__TOK_NUM)
        return digits_at(w, text, t, n, i, out);
    /* Only a number word or an article ("a dozen") starts a number in
     * words; most words are neither. */
    const ds__word *wd = ds__tok_word(w, &t[i]);
    if (t[i].kind == DS__TOK_WORD && ((wd && (wd->cls & (DS__W_CARD | DS__W_ORD))) ||
                                      ds__tok_spelled(w, &t[i], DS__SP_A) ||
                                      ds__tok_spelled(w, &t[i], DS__SP_AN)))
        return words_at(w, text, t, n, i, out);
    return false;
}
