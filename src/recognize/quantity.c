#include "quantity.h"

#include <math.h>
#include <string.h>

#include "time_int.h"
#include "words.h"

struct ds_quantities {
    ds__words *w;
};

static const char *const role_names[] = {NULL, "killed", "injured", "abducted", "detained",
                                         "displaced"};

const char *ds_count_role_name(ds_count_role r)
{
    return (unsigned)r <= DS_ROLE_DISPLACED ? role_names[r] : NULL;
}

ds_status ds_quantities_new(ds_quantities **out, ds_error *err)
{
    ds_quantities *q = ds_calloc(1, sizeof *q);
    if (!q)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the quantity recognizer");
    ds_status rc = ds__words_load(&q->w, err);
    if (rc) {
        ds_free(q);
        return rc;
    }
    *out = q;
    return DS_OK;
}

void ds_quantities_free(ds_quantities *q)
{
    if (!q)
        return;
    ds__words_free(q->w);
    ds_free(q);
}

typedef struct scan {
    const ds__words *w;
    const char *text;
    const ds__tok *t;
    size_t n;
    const ds_span *skip; /* sorted spans of dates */
    size_t n_skip;
} scan;

/* Whether the bytes [start, end) touch a date: "at least 3 March 2025"
 * holds no figure. */
static bool in_skip(const scan *s, size_t start, size_t end)
{
    size_t lo = 0, hi = s->n_skip;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->skip[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n_skip && s->skip[lo].start < end;
}

static const ds__word *W(const scan *s, size_t i)
{
    return i < s->n ? ds__tok_word(s->w, &s->t[i]) : NULL;
}

/* Token i is the word DS__SP_* sp, ignoring case. */
static bool word_is(const scan *s, size_t i, int sp)
{
    return i < s->n && ds__tok_spelled(s->w, &s->t[i], sp);
}

static bool punct(const scan *s, size_t i, char c)
{
    return i < s->n && ds__tok_is(s->text, &s->t[i], c);
}

/* A number that is part of a name or a reference, not a quantity:
 * "G7", "COVID-19", "Su-24", a footnote "[352]". */
static bool label_number(const scan *s, size_t i)
{
    if (i == 0)
        return false;
    const ds__tok *p = &s->t[i - 1];
    if (p->kind == DS__TOK_PUNCT && p->end - p->start == 1 && s->text[p->start] == '+' &&
        !s->t[i].space)
        return true; /* "+1-222-2222", a telephone number */
    if (s->t[i].space)
        return false;
    if (p->kind == DS__TOK_WORD)
        return true;
    if (p->kind == DS__TOK_PUNCT && p->end - p->start == 1) {
        char c = s->text[p->start];
        if (c == '[' || c == '^' || c == '{' || c == '#' || c == '+')
            return true;
        /* "Su-24" names a thing, but in "5k-20k" the word before the dash
         * is the scale of a number. */
        if (c == '-' && i >= 2 && !p->space && s->t[i - 2].kind == DS__TOK_WORD &&
            !(i >= 3 && !s->t[i - 2].space && s->t[i - 3].kind == DS__TOK_NUM))
            return true;
    }
    return false;
}

/* Matches a policy phrase from token i, reading numbers at its N slots.
 * `x` may already hold a number read before the phrase (a phrase that
 * starts with N). */
static size_t match_policy(const scan *s, const ds__phrase *ph, size_t i, double *x, double *y,
                           int *slots, size_t *num_end, ds__number *first)
{
    int32_t hash = s->w->number_slot;
    size_t j = i;
    for (size_t k = 0; k < ph->n; k++) {
        if ((int32_t)ph->words[k] == hash) {
            ds__number nb;
            if (!ds__number_at(s->w, s->text, s->t, s->n, j, &nb) ||
                (nb.flags & DS__NUM_ORDINAL && !(nb.flags & DS__NUM_WORDS)) ||
                label_number(s, j) || in_skip(s, s->t[j].start, s->t[nb.end - 1].end))
                return 0;
            if (*slots == 0) {
                *x = nb.value, *first = nb;
            } else {
                *y = nb.value;
            }
            (*slots)++;
            *num_end = nb.end;
            j = nb.end;
        } else {
            if (j >= s->n || s->t[j].word != (int32_t)ph->words[k])
                return 0;
            j++;
        }
    }
    return j;
}

typedef struct found {
    size_t ts, te;        /* tokens of the quantity */
    size_t num_ts;        /* first token of the number */
    double x, y;
    const ds__policy *pol;
    ds__number nb;
    bool have_number;
} found;

/* Whether the words a phrase ends with, after its last number, belong to a
 * number after it: in "more than 5000 or equal to 6000" the "or equal to"
 * is 6000's, and in "200 or greater than 190" the "greater than" is 190's. */
static bool takes_next_number(const scan *s, size_t e, size_t num_end)
{
    ds__number nb;
    return e > num_end && ds__number_at(s->w, s->text, s->t, s->n, e, &nb);
}

/* The longest policy phrase that starts at token i. */
static bool policy_at(const scan *s, size_t i, found *f)
{
    if (i >= s->n || s->t[i].word < 0)
        return false;
    size_t best = 0;
    for (const ds__phrase *ph = s->w->first[s->t[i].word]; ph; ph = ph->next) {
        if (ph->kind != DS__PH_QUAL && ph->kind != DS__PH_VAGUE)
            continue;
        const ds__policy *pol = &s->w->policy[ph->arg];
        if (pol->after)
            continue;
        double x = NAN, y = NAN;
        int slots = 0;
        size_t num_end = 0;
        ds__number nb = {0};
        size_t e = match_policy(s, ph, i, &x, &y, &slots, &num_end, &nb);
        if (e > best && !takes_next_number(s, e, num_end)) {
            best = e;
            *f = (found){.ts = i, .te = e, .num_ts = i, .x = x, .y = y, .pol = pol, .nb = nb,
                         .have_number = slots > 0};
        }
    }
    return best > 0;
}

/* A phrase that follows a number: "N or more", "N to N", "N - N".  After a
 * qualifier only a range may follow ("around 30-40"): in "equal to 5000 or
 * less than 6000" the "or" starts a second figure. */
static void policy_after(const scan *s, found *f, bool ranges_only)
{
    size_t i = f->te;
    if (i >= s->n || s->t[i].word < 0)
        return;
    size_t best = f->te;
    for (const ds__phrase *ph = s->w->first[s->t[i].word]; ph; ph = ph->next) {
        const ds__policy *pol = &s->w->policy[ph->arg];
        if (ph->kind != DS__PH_QUAL || !pol->after)
            continue;
        double x = f->x, y = NAN;
        int slots = 1;
        size_t num_end = 0;
        ds__number nb = f->nb;
        size_t e = match_policy(s, ph, i, &x, &y, &slots, &num_end, &nb);
        /* "30 to 40" but not "20 to Masyaf"; a range runs upwards. */
        if (ranges_only && slots == 1)
            continue;
        /* "10 and more than 40" is two figures, not "10 and more". */
        if (slots == 1 && ((e < s->n && (word_is(s, e, DS__SP_THAN) || word_is(s, e, DS__SP_TO))) ||
                           takes_next_number(s, e, num_end ? num_end : f->te)))
            continue;
        if (e > best && (slots == 1 || y > f->x)) {
            best = e;
            f->y = y, f->pol = pol, f->te = e;
        }
    }
}

static bool no_one(const scan *s, size_t i)
{
    return i > 0 && word_is(s, i, DS__SP_ONE) &&
           (word_is(s, i - 1, DS__SP_NO) || word_is(s, i - 1, DS__SP_ANY) ||
            word_is(s, i - 1, DS__SP_EVERY) || word_is(s, i - 1, DS__SP_EACH) ||
            word_is(s, i - 1, DS__SP_SOME) || word_is(s, i - 1, DS__SP_THE) ||
            word_is(s, i - 1, DS__SP_THIS) || word_is(s, i - 1, DS__SP_THAT));
}

static bool loose_qualifier(const ds__policy *pol)
{
    return pol->relation == DS_REL_APPROX || pol->relation == DS_REL_EQ;
}

static bool quantity_at(const scan *s, size_t i, found *f)
{
    memset(f, 0, sizeof *f);
    if (policy_at(s, i, f)) {
        /* "around 30-40": the range is what was stated.  After "about" or
         * "equal to", a bound may follow too: "about 500 or more" is at
         * least 500, and "equal to 5000 or less" at most 5000. */
        if (f->have_number && isnan(f->y))
            policy_after(s, f, !loose_qualifier(f->pol));
        return true;
    }
    ds__number nb;
    if (!ds__number_at(s->w, s->text, s->t, s->n, i, &nb) || label_number(s, i) ||
        in_skip(s, s->t[i].start, s->t[nb.end - 1].end) ||
        no_one(s, i) || (nb.flags & DS__NUM_ORDINAL))
        return false; /* "the third" ranks; it does not count */
    *f = (found){.ts = i, .te = nb.end, .num_ts = i, .x = nb.value, .y = NAN, .nb = nb,
                 .have_number = true};
    policy_after(s, f, false);
    return true;
}

static const char *noun_of(const scan *s, size_t i)
{
    const ds__word *w = W(s, i);
    if (!w)
        return NULL;
    if (w->cls & DS__W_NOUN)
        return w->noun;
    if (w->cls & DS__W_UNIT)
        return "time";
    return NULL;
}

static bool is_role_follow(const scan *s, size_t i, size_t *end, int *role)
{
    size_t e;
    const ds__phrase *ph = ds__phrase_at(s->w, s->t, s->n, i, 1u << DS__PH_ROLE, &e);
    if (ph && !(ph->arg & 0x100)) {
        *end = e, *role = ph->arg & 0xff;
        return true;
    }
    const ds__word *w = W(s, i);
    if (w && (w->cls & DS__W_ROLE) && (w->role_form & 1)) {
        *end = i + 1, *role = w->role;
        return true;
    }
    return false;
}

static bool is_role_acts(const scan *s, size_t i, size_t stop, int *role)
{
    const ds__word *w = W(s, i);
    if (w && (w->cls & DS__W_ROLE) && (w->role_form & 2) && i + 1 == stop) {
        *role = w->role;
        return true;
    }
    /* Phrases ending just before stop: "the murder of", "a death toll of". */
    for (size_t k = i; k + 4 > stop && k <= i; k--) {
        size_t e;
        const ds__phrase *ph = ds__phrase_at(s->w, s->t, s->n, k, 1u << DS__PH_ROLE, &e);
        if (ph && (ph->arg & 0x100) && e == stop) {
            *role = ph->arg & 0xff;
            return true;
        }
        if (k == 0)
            break;
    }
    return false;
}

/* What a quantity counts: the head noun within a few words after it
 * ("412 unarmed villagers", "two hospital guards"), through "of" for
 * partitives ("dozens of people", "13 of them"). */
static void find_noun(const scan *s, const found *f, ds_quantity *q, size_t *after)
{
    size_t j = f->te;
    *after = j;
    if (f->num_ts > 0 && punct(s, f->num_ts - 1, '$')) {
        q->counts = "money";
        return;
    }
    if (punct(s, j, '%')) {
        q->counts = "percent";
        *after = j + 1;
        return;
    }
    /* "a 20-year-old", "20 years old" */
    if (j + 2 < s->n && punct(s, j, '-') && (word_is(s, j + 1, DS__SP_YEAR) ||
                                           word_is(s, j + 1, DS__SP_MONTH))) {
        q->counts = "age";
        return;
    }
    if (f->num_ts > 0 &&
        (word_is(s, f->num_ts - 1, DS__SP_AGED) || word_is(s, f->num_ts - 1, DS__SP_AGE))) {
        q->counts = "age";
        return;
    }
    if (word_is(s, j, DS__SP_OF) && j + 1 < s->n) {
        j++;
        if (word_is(s, j, DS__SP_THE) || word_is(s, j, DS__SP_THESE) ||
            word_is(s, j, DS__SP_THOSE) || word_is(s, j, DS__SP_THEIR))
            j++;
    }
    size_t head = 0;
    for (size_t k = j; k < s->n && k < j + 5; k++) {
        const ds__tok *t = &s->t[k];
        if (t->kind != DS__TOK_WORD || (k > j && t->brk) || word_is(s, k, DS__SP_PER))
            break;
        if (k > f->te && punct(s, k - 1, ','))
            break;
        const char *cls = noun_of(s, k);
        if (cls) {
            head = k + 1;
            q->counts = cls;
            /* "police officers": the last noun of a run is the head. */
            if (noun_of(s, k + 1) && (s->t[k + 1].kind == DS__TOK_WORD))
                continue;
            break;
        }
        const ds__word *w = W(s, k);
        if (w && (w->cls & (DS__W_ROLE | DS__W_GLUE | DS__W_MODAL | DS__W_REL)))
            break;
        if (head)
            break;
    }
    if (head) {
        q->noun_start = s->t[j].start;
        q->noun_end = s->t[head - 1].end;
        *after = head;
    }
}

static bool determiner(const scan *s, size_t i)
{
    static const int d[] = {DS__SP_THE, DS__SP_A,   DS__SP_AN,  DS__SP_HIS,
                            DS__SP_HER, DS__SP_THEIR, DS__SP_ITS, DS__SP_OUR,
                            DS__SP_MY,  DS__SP_YOUR, DS__SP_ANOTHER};
    for (size_t k = 0; k < sizeof d / sizeof *d; k++)
        if (word_is(s, i, d[k]))
            return true;
    return false;
}

/* Tokens that may stand between a count and the word that gives its role:
 * auxiliaries, commas and "and", and the later counts (all) with their nouns
 * ("Three farmers, two guards and a shepherd died"). */
static size_t skip_between(const scan *s, size_t i, const ds_quantity *all, size_t n_all,
                           size_t *qi)
{
    const ds__word *w = W(s, i);
    if (w && (w->cls & DS__W_GLUE))
        return i + 1;
    if (punct(s, i, ',') || determiner(s, i) || s->t[i].cap)
        return i + 1;
    while (*qi < n_all && all[*qi].start < s->t[i].start)
        (*qi)++;
    if (*qi < n_all && all[*qi].start == s->t[i].start) {
        size_t end = all[*qi].noun_end ? all[*qi].noun_end : all[*qi].end;
        size_t k = i;
        while (k < s->n && s->t[k].start < end)
            k++;
        return k;
    }
    return 0;
}

static void set_role(ds_quantity *q, int role, size_t rs, size_t re)
{
    q->roles |= 1u << role;
    if (!q->role || role < (int)q->role) {
        q->role = (ds_count_role)role;
        q->role_start = rs, q->role_end = re;
    }
}

static bool role_forward(const scan *s, size_t i, ds_quantity *q, const ds_quantity *all,
                         size_t n_all)
{
    size_t qi = 0;
    for (size_t steps = 0; i < s->n && steps < 14; steps++) {
        if (s->t[i].brk)
            return false;
        size_t e;
        int role;
        if (is_role_follow(s, i, &e, &role)) {
            set_role(q, role, s->t[i].start, s->t[e - 1].end);
            /* "kidnapped and executed": every role of the chain counts. */
            while (e + 1 < s->n && word_is(s, e, DS__SP_AND) &&
                   is_role_follow(s, e + 1, &i, &role)) {
                set_role(q, role, s->t[e + 1].start, s->t[i - 1].end);
                e = i;
            }
            return true;
        }
        size_t k = skip_between(s, i, all, n_all, &qi);
        if (!k)
            return false;
        i = k;
    }
    return false;
}


static bool role_backward(const scan *s, size_t start, ds_quantity *q)
{
    size_t i = start;
    for (int skipped = 0; i > 0 && skipped <= 2; skipped++) {
        if (s->t[i].brk)
            return false;
        int role;
        if (is_role_acts(s, i - 1, i, &role)) {
            set_role(q, role, s->t[i - 1].start, s->t[i - 1].end);
            return true;
        }
        if (!determiner(s, i - 1))
            return false;
        i--;
    }
    return false;
}

/* "X was killed along with her husband and two children": the count takes
 * the role of the clause it is joined to. */
static bool role_along(const scan *s, size_t start, ds_quantity *q)
{
    size_t i = start;
    bool along = false;
    for (int k = 0; i > 0 && k < 6 && !s->t[i].brk; k++, i--) {
        if ((word_is(s, i - 1, DS__SP_WITH) && (word_is(s, i - 2, DS__SP_ALONG) ||
                                           word_is(s, i - 2, DS__SP_TOGETHER))) ||
            word_is(s, i - 1, DS__SP_INCLUDING) ||
            (word_is(s, i - 1, DS__SP_AS) && word_is(s, i - 2, DS__SP_WELL))) {
            along = true;
            break;
        }
    }
    for (; along && i > 0 && !s->t[i].brk; i--) {
        const ds__word *w = W(s, i - 1);
        if (w && (w->cls & DS__W_ROLE)) {
            set_role(q, w->role, s->t[i - 1].start, s->t[i - 1].end);
            return true;
        }
    }
    return false;
}

/* A count that continues a list whose first count took its role from a
 * verb before it: "killed two volunteers in late February and two police
 * officers on March 6".  Between them only dates, names, "and", commas,
 * determiners and prepositions may stand. */
static bool role_conjunct(const scan *s, size_t start, const ds_quantity *prev,
                          size_t prev_after, ds_quantity *q)
{
    if (!prev || !prev->role || !prev->counts || !q->counts || strcmp(prev->counts, q->counts) != 0)
        return false;
    bool and = false;
    for (size_t i = prev_after; i < start; i++) {
        if (s->t[i].brk || i - prev_after > 12)
            return false;
        const ds__tok *t = &s->t[i];
        if (word_is(s, i, DS__SP_AND) || punct(s, i, ','))
            and = true;
        else if (t->kind == DS__TOK_NUM || t->cap || determiner(s, i) ||
                 word_is(s, i, DS__SP_IN) || word_is(s, i, DS__SP_ON) ||
                 word_is(s, i, DS__SP_AT) || word_is(s, i, DS__SP_NEAR) ||
                 word_is(s, i, DS__SP_OF) ||
                 (W(s, i) && (W(s, i)->cls & (DS__W_MONTH | DS__W_FUZZY | DS__W_NOUN))))
            continue;
        else
            return false;
    }
    if (!and)
        return false;
    set_role(q, prev->role, prev->role_start, prev->role_end);
    return true;
}

static bool generic_rate(const scan *s, size_t i)
{
    if (!(word_is(s, i, DS__SP_PER) || word_is(s, i, DS__SP_A) || word_is(s, i, DS__SP_EACH) ||
          word_is(s, i, DS__SP_EVERY)))
        return false;
    const ds__word *w = W(s, i + 1);
    return w && (w->cls & DS__W_UNIT);
}

static void apply_policy(const found *f, ds_quantity *q)
{
    q->x = f->x, q->y = f->y;
    if (!f->pol) {
        q->relation = DS_REL_EQ;
        q->value = q->low = q->high = f->x;
        return;
    }
    q->relation = (ds_qty_relation)f->pol->relation;
    q->qualifier = f->pol->phrase;
    double x = isnan(f->x) ? 0 : f->x, y = isnan(f->y) ? x : f->y;
    const ds__formula *fs[3] = {&f->pol->value, &f->pol->low, &f->pol->high};
    double *out[3] = {&q->value, &q->low, &q->high};
    for (int k = 0; k < 3; k++) {
        double v = fs[k]->unbounded ? NAN : ds__formula_eval(fs[k], x, y);
        /* Counts are whole: "about 15" spans 13.5..16.5, read as 14..16. */
        if (!isnan(v) && f->have_number && f->x == floor(f->x))
            v = k == 1 ? ceil(v - 1e-9) : k == 2 ? floor(v + 1e-9) : round(v);
        *out[k] = v;
    }
    if (q->relation == DS_REL_VAGUE)
        q->x = q->value, q->y = NAN;
}

typedef struct qtok {
    size_t first, after;
} qtok;

/* The quantities among tokens t, made with the lexicon w. */
/* Whether the word at token i may start a quantity.  One that needs a
 * word after it ("a", "at least", "more than") does not before a word that
 * is neither in the lexicon nor a number: a phrase's next word is a word
 * of the lexicon or a number, and so is the scale of "a dozen".  Most
 * articles stand before such words ("a statement"). */
static bool starts_quantity(const ds__words *w, const ds__tok *t, size_t nt, size_t i)
{
    if (!ds__tok_known(w, &t[i]))
        return false;
    unsigned qs = w->starts_quantity[t[i].word];
    if (!(qs & DS__QS_NEEDS_NEXT))
        return qs != 0;
    return !(i + 1 < nt && t[i + 1].kind == DS__TOK_WORD && t[i + 1].word < 0);
}

static ds_status in_tokens(const ds__words *w, const char *text, const ds__toks *tk,
                           const ds_span *skip, size_t n_skip, ds_arena *arena,
                           ds_quantity **out, size_t *n, ds_error *err)
{
    const ds__tok *t = tk->t;
    size_t nt = tk->n;
    scan s = {w, text, t, nt, skip, n_skip};
    size_t cap = 64, count = 0, si = 0;
    ds_quantity *q = ds_arena_alloc(arena, cap * sizeof *q);
    /* The token span of each quantity: its first token and the token after
     * its noun, for the role rules that read around it. */
    qtok *tok = ds_arena_alloc(arena, cap * sizeof *tok);
    if (!q || !tok)
        return ds_error_set(err, DS_ENOMEM, "out of memory for quantities");
    /* Only live tokens may start a quantity; i is the first token after
     * the last quantity read. */
    for (size_t c = 0, i = 0; c < tk->n_live; c++) {
        size_t k = tk->live[c];
        if (k < i || !(t[k].kind == DS__TOK_NUM || starts_quantity(w, t, nt, k)))
            continue;
        while (si < n_skip && skip[si].end <= t[k].start)
            si++;
        found f;
        if ((si < n_skip && skip[si].start <= t[k].start) || !quantity_at(&s, k, &f))
            continue;
        if (count == cap) {
            ds_quantity *g = ds_arena_alloc(arena, 2 * cap * sizeof *g);
            qtok *gt = ds_arena_alloc(arena, 2 * cap * sizeof *gt);
            if (!g || !gt)
                return ds_error_set(err, DS_ENOMEM, "out of memory for quantities");
            memcpy(g, q, count * sizeof *q);
            memcpy(gt, tok, count * sizeof *tok);
            q = g, tok = gt, cap *= 2;
        }
        ds_quantity *o = &q[count];
        *o = (ds_quantity){.start = t[f.ts].start, .end = t[f.te - 1].end};
        apply_policy(&f, o);
        o->ordinal = (f.nb.flags & DS__NUM_ORDINAL) != 0;
        o->words = (f.nb.flags & DS__NUM_WORDS) != 0 || !f.have_number;
        size_t after;
        find_noun(&s, &f, o, &after);
        o->generic = generic_rate(&s, after) || generic_rate(&s, f.te);
        tok[count] = (qtok){f.ts, after > f.te ? after : f.te};
        count++;
        i = f.te;
    }
    /* Roles need every count first: a list of counts shares one verb. */
    for (size_t k = 0; k < count; k++) {
        ds_quantity *o = &q[k];
        if (o->ordinal || (o->counts && strcmp(o->counts, "people") != 0))
            continue;
        size_t ts = tok[k].first, after = tok[k].after;
        bool people = o->counts != NULL;
        size_t e;
        int role;
        /* A noun that is a role too: "18 wounded", "600 dead". */
        if (people && o->noun_end && is_role_follow(&s, after - 1, &e, &role) && e == after) {
            set_role(o, role, s.t[e - 1].start, s.t[e - 1].end);
            continue;
        }
        /* An unknown count takes a role only through auxiliaries: "dozens
         * were injured"; never by reaching back to a verb before it. */
        if (!people) {
            if (role_forward(&s, after, o, q + k + 1, count - k - 1))
                o->counts = "people";
            continue;
        }
        if (role_backward(&s, ts, o) || role_forward(&s, after, o, q + k + 1, count - k - 1) ||
            role_along(&s, ts, o) ||
            role_conjunct(&s, ts, k ? &q[k - 1] : NULL, k ? tok[k - 1].after : 0, o))
            o->counts = "people";
    }
    *out = q;
    *n = count;
    return DS_OK;
}

ds_span *ds_time_spans(const ds_time_mention *m, size_t n, ds_arena *arena)
{
    ds_span *v = ds_arena_alloc(arena, (n + 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = (ds_span){m[i].start, m[i].end};
    return v;
}

ds_status ds_quantities_find(const ds_quantities *qr, const char *text, size_t len,
                             const ds_span *skip, size_t n_skip, ds_arena *arena,
                             ds_quantity **out, size_t *n, ds_error *err)
{
    ds__toks tk;
    ds_status rc = ds__tokenize_live(qr->w, text, len, arena, &tk, err);
    if (rc)
        return rc;
    return in_tokens(qr->w, text, &tk, skip, n_skip, arena, out, n, err);
}

ds_status ds_tq_find(const ds_times *tr, const ds_quantities *qr, const char *text, size_t len,
                     const ds_time_context *ctx, ds_arena *arena, ds_time_mention **times,
                     size_t *n_times, ds_quantity **quantities, size_t *n_quantities,
                     ds_error *err)
{
    const ds__words *tw = ds__times_words(tr);
    ds__toks tk;
    ds_status rc = ds__tokenize_live(tw, text, len, arena, &tk, err);
    if (rc == DS_OK)
        rc = ds__times_in_tokens(tr, text, &tk, ctx, arena, times, n_times, err);
    if (rc != DS_OK)
        return rc;
    ds_span *skip = ds_time_spans(*times, *n_times, arena);
    if (!skip)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    /* Both recognizers load the same word files, so their word ids agree
     * and the times' tokens serve the quantities: the text is tokenized
     * once.  Lexicons that differ (loaded from different data) would not
     * agree, and then the quantities get tokens of their own. */
    if (qr->w->n != tw->n || qr->w->n_files != tw->n_files) {
        rc = ds__tokenize_live(qr->w, text, len, arena, &tk, err);
        if (rc != DS_OK)
            return rc;
    }
    return in_tokens(qr->w, text, &tk, skip, *n_times, arena, quantities, n_quantities, err);
}
