/* timeline.c: incidents along time, as text, SVG or an HTML page holding
 * the SVG.  An incident known to the day is a point; one known only to a
 * week, a month or a range of days is a bar over all the days it may be,
 * so that the drawing never claims more precision than the sources. */
#include <stdio.h>
#include <string.h>

#include "brief_int.h"

enum {
    TL_MAX = 20000,     /* incidents drawn */
    TXT_BAR = 40,       /* columns of the text bar */
    SVG_W = 1100, SVG_LEFT = 20, SVG_PLOT = 560, SVG_ROW = 22, SVG_TOP = 50, TICK_PX = 64,
};

typedef struct tl_item {
    int64_t id;
    int32_t d0, d1;
    char start[11], end[11], precision[8];
    char label[256];
    char figure[64];
    bool episode;
} tl_item;

typedef struct tl {
    tl_item *v;
    size_t n, cap;
    int32_t min, max;
    ds_status rc;
    ds_error *err;
} tl;

/* "killed 2–3" (the range across documents), or "". */
static void killed_text(json_t *inc, char *buf, size_t size)
{
    json_t *k = json_object_get(json_object_get(inc, "figures"), "killed");
    buf[0] = '\0';
    if (!k)
        return;
    double lo = json_number_value(json_object_get(k, "low"));
    double hi = json_number_value(json_object_get(k, "high"));
    if (lo == hi)
        snprintf(buf, size, "killed %g", lo);
    else
        snprintf(buf, size, "killed %g\u2013%g", lo, hi);
}

static int on_incident(void *ud, const ds_incident_record *r)
{
    tl *t = ud;
    if (!r->date_start || !r->date_end)
        return 0;
    int32_t d0 = ds_days_from_iso(r->date_start), d1 = ds_days_from_iso(r->date_end);
    if (d0 == INT32_MIN || d1 == INT32_MIN || d1 < d0)
        return 0;
    tl_item *v = t->n < TL_MAX ? ds_grow(t->v, &t->cap, t->n, sizeof *v) : NULL;
    if (!v) {
        t->rc = t->n < TL_MAX ? ds_error_set(t->err, DS_ENOMEM, "out of memory")
                              : ds_error_set(t->err, DS_ETOOBIG, "more than %d incidents: "
                                             "narrow the filters", TL_MAX);
        return 1;
    }
    t->v = v;
    tl_item *it = &v[t->n++];
    *it = (tl_item){.id = r->id, .d0 = d0, .d1 = d1, .episode = r->episode};
    snprintf(it->start, sizeof it->start, "%s", r->date_start);
    snprintf(it->end, sizeof it->end, "%s", r->date_end);
    snprintf(it->precision, sizeof it->precision, "%s", r->precision ? r->precision : "");
    snprintf(it->label, sizeof it->label, "i%lld %s, %s%s", (long long)r->id,
             r->sub_event_type ? r->sub_event_type : r->event_type ? r->event_type : "event",
             r->place ? r->place : "unlocated", r->episode ? " (episode)" : "");
    json_t *inc = json_loads(r->value, 0, NULL);
    killed_text(inc, it->figure, sizeof it->figure);
    json_decref(inc);
    if (t->n == 1 || d0 < t->min)
        t->min = d0;
    if (t->n == 1 || d1 > t->max)
        t->max = d1;
    return 0;
}

static ds_status txt(const tl *t, ds_buf *out)
{
    double span = (double)(t->max - t->min + 1);
    char from[11] = "-", to[11] = "-";
    if (t->n) {
        ds_iso_from_days(t->min, from);
        ds_iso_from_days(t->max, to);
    }
    ds_status rc = ds_buf_printf(out, "%zu incidents from %s to %s; * one day, = the days a less "
                                      "precise date may cover\n", t->n, from, to);
    for (size_t i = 0; i < t->n && rc == DS_OK; i++) {
        const tl_item *it = &t->v[i];
        char bar[TXT_BAR + 1];
        memset(bar, ' ', TXT_BAR);
        bar[TXT_BAR] = '\0';
        size_t a = (size_t)((it->d0 - t->min) / span * TXT_BAR);
        size_t b = (size_t)((it->d1 - t->min) / span * TXT_BAR);
        for (size_t k = a; k <= b && k < TXT_BAR; k++)
            bar[k] = it->d0 == it->d1 ? '*' : '=';
        rc = ds_buf_printf(out, "%-10s %-10s %-6s |%s| %s%s%s\n", it->start,
                           it->d0 == it->d1 ? "" : it->end, it->precision, bar, it->label,
                           *it->figure ? "  " : "", it->figure);
    }
    return rc;
}

static double xpos(const tl *t, int32_t day)
{
    return SVG_LEFT + (double)(day - t->min) / (double)(t->max - t->min + 1) * SVG_PLOT;
}

/* Month ticks (or year ticks over long spans) along the top. */
static ds_status axis(const tl *t, ds_buf *out, int height)
{
    int y, m, d, y1, m1, d1;
    ds_ymd_from_days(t->min, &y, &m, &d);
    ds_ymd_from_days(t->max, &y1, &m1, &d1);
    /* Labels stand at least TICK_PX apart: every 1, 2, 3, 6 or 12 months. */
    int months = (y1 - y) * 12 + (m1 - m) + 1, need = months * TICK_PX / SVG_PLOT + 1;
    int step = need <= 1 ? 1 : need <= 2 ? 2 : need <= 3 ? 3 : need <= 6 ? 6 : 12 * ((need + 11) / 12);
    ds_status rc = DS_OK;
    for (int k = 0; k < months && rc == DS_OK; k += step) {
        int yy = y + (m - 1 + k) / 12, mm = (m - 1 + k) % 12 + 1;
        int32_t day = ds_days_from_ymd(yy, mm, 1);
        double x = day < t->min ? xpos(t, t->min) : xpos(t, day);
        rc = ds_buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                                "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#555\">%04d-%02d</text>\n",
                           x, SVG_TOP - 14, x, height - 10, x + 2, SVG_TOP - 20, yy, mm);
    }
    return rc;
}

static ds_status svg(const tl *t, ds_buf *out)
{
    int height = SVG_TOP + (int)t->n * SVG_ROW + 20;
    ds_status rc = ds_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                                      "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n"
                                      "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                                 SVG_W, height, SVG_W, height);
    if (rc == DS_OK && t->n)
        rc = axis(t, out, height);
    for (size_t i = 0; i < t->n && rc == DS_OK; i++) {
        const tl_item *it = &t->v[i];
        double y = SVG_TOP + (double)i * SVG_ROW + SVG_ROW / 2.0;
        const char *color = it->episode ? "#888" : "#b03a2e";
        if (it->d0 == it->d1)
            rc = ds_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s</title></circle>\n",
                               xpos(t, it->d0) + 0.5 * SVG_PLOT / (t->max - t->min + 1), y, color, it->start);
        else
            rc = ds_buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" rx=\"3\" "
                                    "fill=\"%s\" fill-opacity=\"0.45\" stroke=\"%s\"><title>%s to %s (%s)</title></rect>\n",
                               xpos(t, it->d0), y - 5, xpos(t, it->d1 + 1) - xpos(t, it->d0), color,
                               color, it->start, it->end, it->precision);
        if (rc == DS_OK)
            rc = ds_buf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\">", SVG_LEFT + SVG_PLOT + 12, y + 4);
        if (rc == DS_OK)
            rc = ds__br_put_html(out, it->label);
        if (rc == DS_OK && *it->figure)
            rc = ds_buf_printf(out, " \u2014 %s", it->figure);
        if (rc == DS_OK)
            rc = ds_buf_printf(out, " [%s%s%s]</text>\n", it->start, it->d0 == it->d1 ? "" : " \u2013 ",
                               it->d0 == it->d1 ? "" : it->end);
    }
    return rc == DS_OK ? ds_buf_puts(out, "</svg>\n") : rc;
}

static ds_status html(const tl *t, ds_buf *out)
{
    ds_status rc = ds_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                    "<title>Timeline</title>\n<style>body{font-family:sans-serif;margin:1em}"
                                    "</style>\n</head>\n<body>\n<h1>Timeline</h1>\n<p>");
    if (rc == DS_OK)
        rc = ds_buf_printf(out, "%zu incidents. A dot is an incident dated to one day; a bar covers "
                                "every day a less precise date (a week, a month, a range) may be. "
                                "Figures are the range the documents give.</p>\n", t->n);
    if (rc == DS_OK)
        rc = svg(t, out);
    return rc == DS_OK ? ds_buf_puts(out, "</body>\n</html>\n") : rc;
}

ds_status ds_timeline_write(ds_store *s, const ds_incident_filter *f, ds_timeline_format fmt,
                            ds_buf *out, ds_error *err)
{
    tl t = {.err = err};
    ds_status rc = ds_store_each_incident(s, f, on_incident, &t, err);
    if (rc == DS_OK)
        rc = t.rc;
    if (rc == DS_OK)
        rc = fmt == DS_TIMELINE_SVG ? svg(&t, out) : fmt == DS_TIMELINE_HTML ? html(&t, out) : txt(&t, out);
    if (rc != DS_OK && err && !err->code)
        ds_error_set(err, rc, "writing the timeline: %s", ds_strerror(rc));
    ds_free(t.v);
    return rc;
}
