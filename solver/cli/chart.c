/*
 * chart.c -- draws a chart (chart.h) with Cairo.  Cairo does the drawing,
 * antialiasing, text layout (through fontconfig and FreeType) and the SVG
 * and PNG encoding; this file does the layout: margins measured from the
 * text, "nice" ticks (1, 2, 5 x 10^k), period labels thinned to fit, the
 * legend wrapped over as many rows as it needs.  Why Cairo rather than
 * PLplot or gnuplot: docs/report.md.
 *
 * Cairo's SVG writes text as glyph outlines, so no text of a model ever
 * appears as markup in the SVG; the only text we put into markup ourselves
 * is the aria-label of an inlined chart, escaped by chart_xml_escape.
 */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>

#include "output.h"

#define CHART_PI 3.14159265358979323846

/* ---- the chart object ---- */

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

chart *chart_new(const char *id, const char *title, const char *y_label,
                 const char *x_label, int n, const char *const *x)
{
    chart *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->id = dup_str(id);
    c->title = dup_str(title);
    c->y_label = dup_str(y_label);
    c->x_label = dup_str(x_label);
    c->n = n;
    c->x = x;
    c->marker = -1;
    if (!c->id || !c->title || !c->y_label || !c->x_label) {
        chart_free(c);
        return NULL;
    }
    return c;
}

int chart_add(chart *c, const char *name, chart_kind kind,
              chart_colour colour, const double *y)
{
    chart_series *s = realloc(c->series,
                              (size_t)(c->n_series + 1) * sizeof *s);
    if (!s)
        return -1;
    c->series = s;
    s = &c->series[c->n_series];
    s->name = dup_str(name);
    s->kind = kind;
    s->colour = colour;
    s->y = malloc((size_t)(c->n > 0 ? c->n : 1) * sizeof *s->y);
    if (!s->name || !s->y) {
        free(s->name);
        free(s->y);
        return -1;
    }
    memcpy(s->y, y, (size_t)c->n * sizeof *s->y);
    c->n_series++;
    return 0;
}

int chart_set_marker(chart *c, int period, const char *label)
{
    free(c->marker_label);
    c->marker = period;
    c->marker_label = dup_str(label);
    return label && !c->marker_label ? -1 : 0;
}

int chart_set_note(chart *c, const char *note)
{
    free(c->note);
    c->note = dup_str(note);
    return note && !c->note ? -1 : 0;
}

void chart_free(chart *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n_series; i++) {
        free(c->series[i].name);
        free(c->series[i].y);
    }
    free(c->series);
    free(c->id);
    free(c->title);
    free(c->y_label);
    free(c->x_label);
    free(c->marker_label);
    free(c->note);
    free(c);
}

/* ---- colours ---- */

static const unsigned char palette[CHART_COLOURS][3] = {
    {0x00, 0x72, 0xB2}, /* blue */
    {0xE6, 0x9F, 0x00}, /* orange */
    {0x00, 0x9E, 0x73}, /* bluish green */
    {0xCC, 0x79, 0xA7}, /* reddish purple */
    {0x56, 0xB4, 0xE9}, /* sky blue */
    {0xD5, 0x5E, 0x00}, /* vermillion */
    {0xF0, 0xE4, 0x42}, /* yellow */
    {0x00, 0x00, 0x00}, /* black */
    {0x99, 0x99, 0x99}, /* grey */
};

const char *chart_colour_hex(chart_colour colour)
{
    static const char *const hex[CHART_COLOURS] = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
        "#D55E00", "#F0E442", "#000000", "#999999"};
    return hex[(unsigned)colour < CHART_COLOURS ? colour : CHART_GREY];
}

static void set_colour(cairo_t *cr, chart_colour colour)
{
    const unsigned char *p =
        palette[(unsigned)colour < CHART_COLOURS ? colour : CHART_GREY];
    cairo_set_source_rgb(cr, p[0] / 255.0, p[1] / 255.0, p[2] / 255.0);
}

static void set_grey(cairo_t *cr, double level)
{
    cairo_set_source_rgb(cr, level, level, level);
}

/* ---- text ---- */

#define FONT "DejaVu Sans"

static void font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD
                                : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Text with its baseline at y; align 0 left, 0.5 centre, 1 right. */
static void text_at(cairo_t *cr, double x, double y, double align,
                    const char *s)
{
    cairo_move_to(cr, x - align * text_width(cr, s), y);
    cairo_show_text(cr, s);
}

/* ---- axes ---- */

typedef struct axis {
    double lo, hi, step;  /* in data units */
    double div;           /* tick labels show value / div */
    int decimals;
    const char *suffix;   /* appended to the axis title: ", millions" */
} axis;

/* The smallest of 1, 2, 2.5, 5 x 10^k at least raw (no 2.5 for counts). */
static double nice_step(double raw, int integer)
{
    if (!(raw > 0))
        return 1;
    double e = pow(10.0, floor(log10(raw)));
    double f = raw / e;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 && !integer ? 2.5
             : f <= 5 ? 5 : 10;
    double step = m * e;
    return integer && step < 1 ? 1 : step;
}

static axis make_axis(const chart *c)
{
    double lo = 0, hi = 0;
    double *pos = calloc((size_t)(c->n > 0 ? c->n : 1), sizeof *pos);
    double *neg = calloc((size_t)(c->n > 0 ? c->n : 1), sizeof *neg);
    for (int i = 0; i < c->n_series; i++) {
        const chart_series *s = &c->series[i];
        for (int t = 0; t < c->n; t++) {
            double v = s->y[t];
            if (!isfinite(v))
                continue;
            if (s->kind == CHART_BAR && pos && neg) {
                if (v >= 0)
                    pos[t] += v;
                else
                    neg[t] += v;
                v = v >= 0 ? pos[t] : neg[t];
            }
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
    }
    free(pos);
    free(neg);
    if (hi <= lo)
        hi = lo + 1;
    axis a;
    double mag = fmax(fabs(lo), fabs(hi));
    a.div = mag >= 1e9 ? 1e9 : mag >= 1e6 ? 1e6 : 1;
    a.suffix = a.div == 1e9 ? ", billions" : a.div == 1e6 ? ", millions" : "";
    a.step = nice_step((hi - lo) / 5.0, c->integer);
    a.lo = floor(lo / a.step + 1e-9) * a.step;
    a.hi = ceil(hi / a.step + 1e-9) * a.step;
    /* a little head room above the tallest bar or point */
    if (a.hi - hi < 0.04 * (a.hi - a.lo))
        a.hi += a.step;
    double s = a.step / a.div;
    a.decimals = 0;
    while (a.decimals < 6 &&
           fabs(s * pow(10, a.decimals) - round(s * pow(10, a.decimals))) >
               1e-6)
        a.decimals++;
    return a;
}

/* ---- layout and drawing ---- */

typedef struct frame {
    double left, right, top, bottom;  /* the plot area */
    double band;                      /* width of one period */
} frame;

static double y_of(const axis *a, const frame *f, double v)
{
    return f->bottom - (v - a->lo) / (a->hi - a->lo) * (f->bottom - f->top);
}

static double x_of(const frame *f, int t)
{
    return f->left + (t + 0.5) * f->band;
}

static void swatch(cairo_t *cr, const chart_series *s, double x, double y)
{
    set_colour(cr, s->colour);
    if (s->kind == CHART_BAR) {
        cairo_rectangle(cr, x, y - 10, 16, 12);
        cairo_fill(cr);
        return;
    }
    cairo_set_line_width(cr, s->kind == CHART_LINE ? 2.5 : 2);
    if (s->kind == CHART_STEP) {
        double dash[] = {6, 4};
        cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x - 2, y - 4);
    cairo_line_to(cr, x + 20, y - 4);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    if (s->kind == CHART_LINE) {
        cairo_arc(cr, x + 9, y - 4, 3.5, 0, 2 * CHART_PI);
        cairo_fill(cr);
    }
}

/* Legend rows from y down; returns the y below the legend. */
static double legend(cairo_t *cr, const chart *c, double left, double right,
                     double y)
{
    font(cr, 13, 0);
    double x = left;
    for (int i = 0; i < c->n_series; i++) {
        const chart_series *s = &c->series[i];
        double w = 24 + text_width(cr, s->name) + 22;
        if (x > left && x + w > right) {
            x = left;
            y += 20;
        }
        swatch(cr, s, x, y);
        set_grey(cr, 0.15);
        text_at(cr, x + 24, y, 0, s->name);
        x += w;
    }
    return y + 8;
}

static void draw_bars(cairo_t *cr, const chart *c, const axis *a,
                      const frame *f)
{
    double w = f->band >= 6 ? f->band * 0.72 : f->band;
    for (int t = 0; t < c->n; t++) {
        double pos = 0, neg = 0;
        for (int i = 0; i < c->n_series; i++) {
            const chart_series *s = &c->series[i];
            double v = s->y[t];
            if (s->kind != CHART_BAR || !isfinite(v) || v == 0)
                continue;
            double base = v > 0 ? pos : neg;
            double top = base + v;
            if (v > 0)
                pos = top;
            else
                neg = top;
            double y0 = y_of(a, f, base), y1 = y_of(a, f, top);
            set_colour(cr, s->colour);
            cairo_rectangle(cr, x_of(f, t) - w / 2, fmin(y0, y1), w,
                            fabs(y1 - y0));
            cairo_fill_preserve(cr);
            /* a thin white seam between stacked segments */
            if (w >= 6) {
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_set_line_width(cr, 0.75);
                cairo_stroke(cr);
            } else {
                cairo_new_path(cr);
            }
        }
    }
}

static void draw_line(cairo_t *cr, const chart_series *s, int n,
                      const axis *a, const frame *f)
{
    set_colour(cr, s->colour);
    cairo_set_line_width(cr, 2.5);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    int pen = 0;
    for (int t = 0; t < n; t++) {
        if (!isfinite(s->y[t])) {
            pen = 0;
            continue;
        }
        if (pen)
            cairo_line_to(cr, x_of(f, t), y_of(a, f, s->y[t]));
        else
            cairo_move_to(cr, x_of(f, t), y_of(a, f, s->y[t]));
        pen = 1;
    }
    cairo_stroke(cr);
    if (f->band < 10)
        return;
    for (int t = 0; t < n; t++)
        if (isfinite(s->y[t])) {
            cairo_arc(cr, x_of(f, t), y_of(a, f, s->y[t]), 3.5, 0, 2 * CHART_PI);
            cairo_fill(cr);
        }
}

static void draw_step(cairo_t *cr, const chart_series *s, int n,
                      const axis *a, const frame *f)
{
    set_colour(cr, s->colour);
    cairo_set_line_width(cr, 2);
    double dash[] = {6, 4};
    cairo_set_dash(cr, dash, 2, 0);
    int pen = 0;
    for (int t = 0; t < n; t++) {
        if (!isfinite(s->y[t])) {
            pen = 0;
            continue;
        }
        double y = y_of(a, f, s->y[t]);
        double x0 = f->left + t * f->band, x1 = x0 + f->band;
        if (pen)
            cairo_line_to(cr, x0, y);
        else
            cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
        pen = 1;
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_marker(cairo_t *cr, const chart *c, const frame *f)
{
    if (c->marker < 0 || c->marker >= c->n)
        return;
    double x = x_of(f, c->marker);
    set_grey(cr, 0.1);
    cairo_set_line_width(cr, 1.5);
    double dash[] = {2, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, x, f->top);
    cairo_line_to(cr, x, f->bottom);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    if (!c->marker_label)
        return;
    /* the label sits above the plot area, where no data can hide it */
    font(cr, 12.5, 1);
    double w = text_width(cr, c->marker_label);
    double lx = x + w / 2 <= f->right ? x - w / 2 : f->right - w;
    set_grey(cr, 0.1);
    text_at(cr, lx, f->top - 7, 0, c->marker_label);
}

static void draw(cairo_t *cr, const chart *c, double width, double height)
{
    char b[64];
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    axis a = make_axis(c);

    /* title, legend, note */
    double pad = 16;
    font(cr, 17, 1);
    set_grey(cr, 0.1);
    text_at(cr, pad, 27, 0, c->title);
    double y = legend(cr, c, pad + 2, width - pad, 52);
    if (c->note) {   /* wrapped at spaces to the chart's width */
        font(cr, 12, 0);
        set_grey(cr, 0.35);
        char line[512];
        const char *p = c->note;
        while (*p) {
            size_t n = 0, fit = 0;
            while (p[n] && n + 1 < sizeof line) {
                line[n] = p[n];
                line[n + 1] = '\0';
                n++;
                if ((p[n] == ' ' || !p[n]) &&
                    text_width(cr, line) <= width - 2 * pad)
                    fit = n;
                if (text_width(cr, line) > width - 2 * pad && fit)
                    break;
            }
            if (!fit)
                fit = n;
            memcpy(line, p, fit);
            line[fit] = '\0';
            text_at(cr, pad + 2, y + 12, 0, line);
            y += 16;
            p += fit;
            while (*p == ' ')
                p++;
        }
    }

    /* the widest y tick label sets the left margin */
    font(cr, 12, 0);
    double label_w = 0;
    for (double v = a.lo; v <= a.hi + a.step * 1e-6; v += a.step)
        label_w = fmax(label_w, text_width(cr, fmt_money(v / a.div,
                                           a.decimals, b, sizeof b)));
    frame f;
    f.left = pad + 22 + label_w + 8;
    f.right = width - pad - 4;
    f.top = y + (c->marker >= 0 && c->marker_label ? 30 : 14);
    f.bottom = height - 50;
    if (f.bottom - f.top < 40)
        f.top = f.bottom - 40;
    f.band = (f.right - f.left) / (c->n > 0 ? c->n : 1);

    /* grid and y ticks */
    cairo_set_line_width(cr, 1);
    for (double v = a.lo; v <= a.hi + a.step * 1e-6; v += a.step) {
        double yy = round(y_of(&a, &f, v)) + 0.5;
        if (fabs(v) < a.step * 1e-6)
            set_grey(cr, 0.55);
        else
            set_grey(cr, 0.89);
        cairo_move_to(cr, f.left, yy);
        cairo_line_to(cr, f.right, yy);
        cairo_stroke(cr);
        set_grey(cr, 0.3);
        text_at(cr, f.left - 8, yy + 4, 1,
                fmt_money(fabs(v) < a.step * 1e-6 ? 0 : v / a.div,
                          a.decimals, b, sizeof b));
    }

    /* y axis title, rotated */
    char ytitle[160];
    snprintf(ytitle, sizeof ytitle, "%s%s", c->y_label, a.suffix);
    font(cr, 12.5, 0);
    set_grey(cr, 0.2);
    cairo_save(cr);
    cairo_translate(cr, pad + 10, (f.top + f.bottom) / 2);
    cairo_rotate(cr, -CHART_PI / 2);
    text_at(cr, 0, 0, 0.5, ytitle);
    cairo_restore(cr);

    /* the data: bars first, then limits, then lines on top */
    draw_bars(cr, c, &a, &f);
    for (int i = 0; i < c->n_series; i++)
        if (c->series[i].kind == CHART_STEP)
            draw_step(cr, &c->series[i], c->n, &a, &f);
    for (int i = c->n_series - 1; i >= 0; i--)   /* the first on top */
        if (c->series[i].kind == CHART_LINE)
            draw_line(cr, &c->series[i], c->n, &a, &f);
    draw_marker(cr, c, &f);

    /* x axis: period labels, thinned so that they do not overlap */
    set_grey(cr, 0.3);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, f.left, round(f.bottom) + 0.5);
    cairo_line_to(cr, f.right, round(f.bottom) + 0.5);
    cairo_stroke(cr);
    font(cr, 12, 0);
    double widest = 0;
    for (int t = 0; t < c->n; t++)
        widest = fmax(widest, text_width(cr, c->x[t]));
    int every = (int)ceil((widest + 12) / f.band);
    if (every < 1)
        every = 1;
    for (int t = 0; t < c->n; t += every) {
        double x = round(x_of(&f, t)) + 0.5;
        cairo_move_to(cr, x, f.bottom);
        cairo_line_to(cr, x, f.bottom + 5);
        cairo_stroke(cr);
        text_at(cr, x, f.bottom + 19, 0.5, c->x[t]);
    }
    font(cr, 12.5, 0);
    set_grey(cr, 0.2);
    text_at(cr, (f.left + f.right) / 2, height - 12, 0.5, c->x_label);
}

/* ---- output ---- */

static cairo_status_t write_file(void *closure, const unsigned char *data,
                                 unsigned int length)
{
    return fwrite(data, 1, length, (FILE *)closure) == length
               ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

typedef struct membuf {
    char *data;
    size_t len, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data,
                                unsigned int length)
{
    membuf *m = closure;
    if (m->len + length + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + length + 1)
            cap *= 2;
        char *d = realloc(m->data, cap);
        if (!d)
            return CAIRO_STATUS_NO_MEMORY;
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, length);
    m->len += length;
    m->data[m->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

static int finish(cairo_t *cr, cairo_surface_t *s, char *err, size_t size)
{
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, size, "cairo: %s", cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

static int svg_to(const chart *c, double width, double height,
                  cairo_write_func_t fn, void *closure, char *err,
                  size_t err_size)
{
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(fn, closure,
                                                             width, height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
#endif
    cairo_t *cr = cairo_create(s);
    draw(cr, c, width, height);
    return finish(cr, s, err, err_size);
}

int chart_write_svg(const chart *c, double width, double height, FILE *fp,
                    char *err, size_t err_size)
{
    return svg_to(c, width, height, write_file, fp, err, err_size);
}

int chart_write_png(const chart *c, double width, double height,
                    double scale, FILE *fp, char *err, size_t err_size)
{
    cairo_surface_t *s = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, (int)ceil(width * scale),
        (int)ceil(height * scale));
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, scale, scale);
    draw(cr, c, width, height);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_write_to_png_stream(s, write_file, fp);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, err_size, "cairo: %s", cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

/* Append s[0..n) to m; 0 or -1. */
static int put(membuf *m, const char *s, size_t n)
{
    return write_mem(m, (const unsigned char *)s, (unsigned)n) ==
                   CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static int puts_esc(membuf *m, const char *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        return -1;
    chart_xml_escape(fp, s);
    if (fclose(fp) != 0) {
        free(text);
        return -1;
    }
    int rc = put(m, text, len);
    free(text);
    return rc;
}

char *chart_svg_inline(const chart *c, double width, double height,
                       const char *prefix, char *err, size_t err_size)
{
    membuf raw = {NULL, 0, 0}, out = {NULL, 0, 0};
    if (svg_to(c, width, height, write_mem, &raw, err, err_size) != 0) {
        free(raw.data);
        return NULL;
    }
    /* our own root element: Cairo's has a fixed size in px */
    const char *p = raw.data ? strstr(raw.data, "<svg") : NULL;
    const char *body = p ? strchr(p, '>') : NULL;
    if (!body) {
        snprintf(err, err_size, "cairo wrote no SVG");
        free(raw.data);
        return NULL;
    }
    body++;
    char head[256];
    snprintf(head, sizeof head,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" "
             "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
             "viewBox=\"0 0 %g %g\" class=\"chart\" role=\"img\" "
             "aria-label=\"", width, height);
    int bad = put(&out, head, strlen(head)) || puts_esc(&out, c->title) ||
              put(&out, "\">", 2);
    /* ids and the references to them get the prefix */
    static const char *const refs[] = {" id=\"", "href=\"#", "url(#"};
    while (!bad && *body) {
        const char *next = NULL;
        size_t which = 0;
        for (size_t r = 0; r < 3; r++) {
            const char *q = strstr(body, refs[r]);
            if (q && (!next || q < next)) {
                next = q;
                which = r;
            }
        }
        if (!next) {
            bad = put(&out, body, strlen(body));
            break;
        }
        size_t n = (size_t)(next - body) + strlen(refs[which]);
        bad = put(&out, body, n) || put(&out, prefix, strlen(prefix));
        body += n;
    }
    free(raw.data);
    if (bad) {
        snprintf(err, err_size, "out of memory");
        free(out.data);
        return NULL;
    }
    return out.data;
}

void chart_cleanup(void)
{
    cairo_debug_reset_static_data();
    FcFini();   /* after Cairo has released its fonts */
}

void chart_xml_escape(FILE *fp, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default:
            /* control characters are not allowed in XML 1.0 */
            fputc(*p < 0x20 && *p != '\n' && *p != '\t' ? ' ' : *p, fp);
        }
    }
}
