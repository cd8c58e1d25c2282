/* style.c: house styles (data/brief_NAME.tsv) and the small template
 * language the prose and the citations are written in. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "brief_int.h"

enum { STYLE_MAX_ROWS = 4096, STYLE_NAME_MAX = 64 };

static ds_status style_row(void *ud, char **f, size_t n, size_t line, ds_error *err)
{
    br_style *st = ud;
    if (n == 2 && !strcmp(f[0], "key") && !strcmp(f[1], "value"))
        return DS_OK; /* the header row */
    if (n < 2 || n > 3 || !*f[0])
        return ds_error_set(err, DS_EFORMAT, "line %zu: expected key, [sub-key,] value", line);
    if (st->n == STYLE_MAX_ROWS)
        return ds_error_set(err, DS_ETOOBIG, "line %zu: more than %d rows", line, STYLE_MAX_ROWS);
    br_row *rows = ds_grow(st->rows, &st->cap, st->n, sizeof *rows);
    if (!rows)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    st->rows = rows;
    br_row *r = &rows[st->n++];
    r->key = ds_arena_strdup(st->arena, f[0]);
    r->sub = n == 3 ? ds_arena_strdup(st->arena, f[1]) : NULL;
    r->value = ds_arena_strdup(st->arena, f[n - 1]);
    if (!r->key || !r->value || (n == 3 && !r->sub))
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    return DS_OK;
}

/* The twelve month names of the "months" row, separated by "|". */
static ds_status style_months(br_style *st, ds_error *err)
{
    const char *m = ds__br_style_get(st, "months", NULL);
    for (int i = 0; i < 12; i++) {
        const char *bar = m ? strchr(m, '|') : NULL;
        size_t len = !m ? 0 : bar ? (size_t)(bar - m) : strlen(m);
        if (!m || !len || (i < 11) != (bar != NULL))
            return ds_error_set(err, DS_EFORMAT, "the months row must name twelve months, "
                                                 "separated by |");
        st->months[i] = ds_arena_strndup(st->arena, m, len);
        if (!st->months[i])
            return ds_error_set(err, DS_ENOMEM, "out of memory");
        m = bar ? bar + 1 : NULL;
    }
    return DS_OK;
}

ds_status ds__br_style_load(br_style *st, const char *name, ds_arena *arena, ds_error *err)
{
    *st = (br_style){.arena = arena};
    if (!name)
        name = "euaa";
    if (strlen(name) > STYLE_NAME_MAX || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name))
        return ds_error_set(err, DS_EINVAL, "style '%s': use lower-case letters, digits, - and _", name);
    char file[STYLE_NAME_MAX + 16], path[4096];
    snprintf(file, sizeof file, "brief_%s.tsv", name);
    ds_status rc = ds_data_path(file, path, sizeof path, err);
    if (rc == DS_OK)
        rc = ds_tsv_read(path, style_row, st, err);
    if (rc == DS_OK)
        rc = style_months(st, err);
    if (rc != DS_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        ds_free(st->rows);
        st->rows = NULL;
        return ds_error_set(err, rc, "%s: %s", file, msg);
    }
    return DS_OK;
}

const char *ds__br_style_get(const br_style *st, const char *key, const char *sub)
{
    for (size_t i = 0; i < st->n; i++) {
        const br_row *r = &st->rows[i];
        if (strcmp(r->key, key))
            continue;
        if (sub ? r->sub && ds_str_ieq(r->sub, sub) : !r->sub)
            return r->value;
    }
    return NULL;
}

static const char *var_of(const char *const *vars, const char *name, size_t len)
{
    for (size_t i = 0; vars[i]; i += 2)
        if (strlen(vars[i]) == len && !memcmp(vars[i], name, len))
            return vars[i + 1] ? vars[i + 1] : "";
    return "";
}

/* Appends tmpl[0..len) with its variables; *empty is set when one of them
 * has no value. */
static ds_status fill_run(ds_buf *b, const char *t, size_t len, const char *const *vars,
                          bool *empty)
{
    ds_status rc = DS_OK;
    for (size_t i = 0; i < len && rc == DS_OK;) {
        const char *close = t[i] == '{' ? memchr(t + i, '}', len - i) : NULL;
        if (!close) {
            rc = ds_buf_putc(b, t[i++]);
            continue;
        }
        const char *v = var_of(vars, t + i + 1, (size_t)(close - t) - i - 1);
        if (!*v)
            *empty = true;
        rc = ds_buf_puts(b, v);
        i = (size_t)(close - t) + 1;
    }
    return rc;
}

const char *ds__br_fill(ds_arena *a, const char *tmpl, const char *const *vars)
{
    ds_buf b, part;
    ds_buf_init(&b, BR_OUT_MAX);
    ds_buf_init(&part, BR_OUT_MAX);
    ds_status rc = DS_OK;
    for (const char *t = tmpl; *t && rc == DS_OK;) {
        const char *close = *t == '[' ? strchr(t, ']') : NULL;
        size_t len = close ? (size_t)(close - t) - 1 : strcspn(t, "[");
        if (!len && !close)
            len = 1; /* a "[" without its "]" is text */
        bool empty = false;
        ds_buf_reset(&part);
        rc = fill_run(&part, close ? t + 1 : t, len, vars, &empty);
        if (rc == DS_OK && (!close || !empty) && part.len)
            rc = ds_buf_append(&b, part.p, part.len);
        t = close ? close + 1 : t + len;
    }
    const char *out = rc == DS_OK ? ds_arena_strndup(a, b.p ? b.p : "", b.len) : NULL;
    ds_buf_free(&b);
    ds_buf_free(&part);
    return out;
}

const char *ds__br_number(const br_style *st, ds_arena *a, double v)
{
    char digits[32], out[64];
    if (!isfinite(v) || fabs(v) >= 1e15 || v != floor(v)) {
        snprintf(out, sizeof out, "%g", v);
        return ds_arena_strdup(a, out);
    }
    const char *sep = ds__br_style_get(st, "thousands", NULL);
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), o = 0;
    if (v < 0)
        out[o++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0 && sep)
            for (const char *s = sep; *s && o < sizeof out - 2; s++)
                out[o++] = *s;
        if (o < sizeof out - 1)
            out[o++] = digits[i];
    }
    out[o] = '\0';
    return ds_arena_strdup(a, out);
}

static bool ymd(const char *iso, int *y, int *m, int *d)
{
    return iso && sscanf(iso, "%4d-%2d-%2d", y, m, d) == 3 && *m >= 1 && *m <= 12;
}

/* One day, a month or a year in the style's words. */
static const char *one_date(const br_style *st, ds_arena *a, int y, int m, int d, const char *key)
{
    char ys[8], ds[4];
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ds, sizeof ds, "%d", d);
    const char *vars[] = {"day", ds, "month", st->months[m - 1], "year", ys, NULL};
    const char *t = ds__br_style_get(st, key, NULL);
    return t ? ds__br_fill(a, t, vars) : NULL;
}

const char *ds__br_date(const br_style *st, ds_arena *a, const char *start, const char *end,
                        bool prep)
{
    int y0, m0, d0, y1, m1, d1;
    if (!ymd(start, &y0, &m0, &d0) || !ymd(end ? end : start, &y1, &m1, &d1))
        return NULL;
    const char *text, *how;
    bool whole_month = d0 == 1 && d1 == ds_days_in_month(y1, m1);
    if (!strcmp(start, end ? end : start)) {
        text = one_date(st, a, y0, m0, d0, "date_day");
        how = "on";
    } else if (y0 == y1 && m0 == 1 && d0 == 1 && m1 == 12 && d1 == 31) {
        text = one_date(st, a, y0, 1, 1, "date_year");
        how = "in";
    } else if (y0 == y1 && m0 == m1 && whole_month) {
        text = one_date(st, a, y0, m0, 1, "date_month");
        how = "in";
    } else {
        /* A range: the first day is written short when the last shares its
         * month (or year), as "between 21 and 28 February 2025". */
        const char *key = y0 != y1 ? "date_day" : m0 != m1 ? "date_day_month" : "date_day_only";
        const char *from = one_date(st, a, y0, m0, d0, key);
        const char *to = one_date(st, a, y1, m1, d1, "date_day");
        const char *vars[] = {"from", from, "to", to, NULL};
        const char *t = ds__br_style_get(st, "date_range", NULL);
        text = from && to && t ? ds__br_fill(a, t, vars) : NULL;
        how = NULL;
    }
    if (!text || !prep || !how)
        return text;
    const char *p = ds__br_style_get(st, !strcmp(how, "on") ? "prep_on" : "prep_in", NULL);
    const char *vars[] = {"date", text, NULL};
    return p ? ds__br_fill(a, p, vars) : text;
}
