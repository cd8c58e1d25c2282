#include "model.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const precision_names[] = {NULL, "day", "month", "year"};

const char *ds_precision_name(ds_precision p)
{
    return (unsigned)p < 4 ? precision_names[p] : NULL;
}

ds_status ds_precision_parse(const char *s, ds_precision *out)
{
    for (int p = DS_PREC_DAY; p <= DS_PREC_YEAR; p++) {
        if (ds_str_ieq(s, precision_names[p])) {
            *out = (ds_precision)p;
            return DS_OK;
        }
    }
    return DS_EINVAL;
}

bool ds_date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= ds_days_in_month(y, m);
}

void ds_date_from_ymd(ds_date *out, int y, int m, int d, ds_precision p)
{
    int m0 = m, d0 = d, m1 = m, d1 = d;
    if (p == DS_PREC_YEAR) {
        m0 = 1, d0 = 1, m1 = 12, d1 = 31;
    } else if (p == DS_PREC_MONTH) {
        d0 = 1, d1 = ds_days_in_month(y, m);
    }
    snprintf(out->start, sizeof out->start, "%04d-%02d-%02d", y, m0, d0);
    snprintf(out->end, sizeof out->end, "%04d-%02d-%02d", y, m1, d1);
    out->precision = p;
}

/* Reads exactly `width` digits; the ISO forms have fixed widths. */
static bool read_digits(const char **s, int width, int *out)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (!isdigit((unsigned char)(*s)[i]))
            return false;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += width;
    *out = v;
    return true;
}

ds_status ds_date_parse_iso(const char *s, ds_precision precision, ds_date *out)
{
    int y = 0, m = 1, d = 1;
    ds_precision form = DS_PREC_YEAR;
    const char *p = s;
    if (!read_digits(&p, 4, &y))
        return DS_EINVAL;
    if (*p == '-') {
        p++;
        if (!read_digits(&p, 2, &m))
            return DS_EINVAL;
        form = DS_PREC_MONTH;
        if (*p == '-') {
            p++;
            if (!read_digits(&p, 2, &d))
                return DS_EINVAL;
            form = DS_PREC_DAY;
        }
    }
    /* A trailing time ("2025-03-19T10:00:00Z") is accepted and ignored. */
    if (*p && *p != 'T' && *p != ' ')
        return DS_EINVAL;
    if (!ds_date_valid_ymd(y, m, d))
        return DS_EINVAL;
    if (precision == DS_PREC_NONE)
        precision = form;
    else if (precision < form) /* "2025" cannot be claimed precise to the day */
        return DS_EINVAL;
    ds_date_from_ymd(out, y, m, d, precision);
    return DS_OK;
}

static const char *const kind_names[DS_SENT_KIND_COUNT] = {
    "body", "heading", "bullet", "caption", "footnote",
};

const char *ds_sentence_kind_name(ds_sentence_kind k)
{
    return (unsigned)k < DS_SENT_KIND_COUNT ? kind_names[k] : "body";
}

size_t ds_document_mention_count(const ds_document *d, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_mentions; i++)
        n += strcmp(d->mentions[i].kind, kind) == 0;
    return n;
}

void ds_document_free(ds_document *d)
{
    if (!d)
        return;
    char **fields[] = {&d->file, &d->format, &d->title, &d->author, &d->source,
                       &d->source_kind, &d->url, &d->lang, &d->notes, &d->text,
                       &d->added_at};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        ds_free(*fields[i]);
        *fields[i] = NULL;
    }
    ds_free(d->sentences);
    d->sentences = NULL;
    d->n_sentences = 0;
    for (size_t i = 0; i < d->n_mentions; i++)
        ds_free(d->mentions[i].value);
    ds_free(d->mentions);
    d->mentions = NULL;
    d->n_mentions = 0;
    for (size_t i = 0; i < d->n_claims; i++)
        ds_free(d->claims[i].value);
    ds_free(d->claims);
    d->claims = NULL;
    d->n_claims = 0;
    d->text_len = 0;
}

void ds_source_free(ds_source *s)
{
    if (!s)
        return;
    ds_free(s->name);
    ds_free(s->kind);
    ds_free(s->country);
    for (size_t i = 0; i < s->n_aliases; i++)
        ds_free(s->aliases[i]);
    ds_free(s->aliases);
    memset(s, 0, sizeof *s);
}
