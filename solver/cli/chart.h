/*
 * chart.h -- period charts drawn with Cairo: stacked bars, lines and step
 * lines over a categorical axis of periods, with axes, ticks, a legend and
 * the Okabe-Ito colour-blind-safe palette.  Written as SVG (to a file or
 * memory, for inlining into HTML) or PNG.
 *
 * chart_data.c fills these structs from a model and its solution; this
 * file knows nothing about fleets.
 */
#ifndef BE_CLI_CHART_H
#define BE_CLI_CHART_H

#include <stddef.h>
#include <stdio.h>

typedef enum chart_kind {
    CHART_BAR,       /* bars, stacked on the other CHART_BAR series */
    CHART_LINE,      /* a line through the period centres, with dots */
    CHART_STEP       /* a dashed level across each period (a limit) */
} chart_kind;

/* Okabe-Ito (Wong, Nature Methods 8:441, 2011). */
typedef enum chart_colour {
    CHART_BLUE, CHART_ORANGE, CHART_GREEN, CHART_PURPLE, CHART_SKY,
    CHART_VERMILLION, CHART_YELLOW, CHART_BLACK, CHART_GREY, CHART_COLOURS
} chart_colour;

typedef struct chart_series {
    char *name;          /* legend text; owned */
    chart_kind kind;
    chart_colour colour;
    double *y;           /* [n] values; NAN: no value in that period; owned */
} chart_series;

typedef struct chart {
    char *id;            /* "fleet", "capacity", "power", "cost"; owned */
    char *title;         /* owned */
    char *y_label;       /* axis title with its unit; owned */
    char *x_label;       /* "year", "quarter", "month"; owned */
    int n;               /* periods */
    const char *const *x;    /* [n] period labels; borrowed */
    chart_series *series;
    int n_series;
    int integer;         /* y values are counts: whole-number ticks */
    int marker;          /* period to mark with a vertical line, or -1 */
    char *marker_label;  /* owned; may be NULL */
    char *note;          /* a line under the legend, e.g. "no power cap";
                            owned; may be NULL */
} chart;

/* A new empty chart over n periods (x borrowed); NULL when out of memory. */
chart *chart_new(const char *id, const char *title, const char *y_label,
                 const char *x_label, int n, const char *const *x);
/* Add a series; y is copied.  Returns 0, or -1 when out of memory. */
int chart_add(chart *c, const char *name, chart_kind kind,
              chart_colour colour, const double *y);
int chart_set_marker(chart *c, int period, const char *label);
int chart_set_note(chart *c, const char *note);
void chart_free(chart *c);

/* Write the chart, width x height CSS pixels.  Return 0, or -1 with a
 * message in err (Cairo's status). */
int chart_write_svg(const chart *c, double width, double height, FILE *fp,
                    char *err, size_t err_size);
/* PNG at `scale` device pixels per CSS pixel (2 for slides). */
int chart_write_png(const chart *c, double width, double height,
                    double scale, FILE *fp, char *err, size_t err_size);
/* The SVG as one string for inlining into HTML: without the XML
 * declaration, every id prefixed with `prefix` (so that several charts can
 * share a page), sized to its container, with role="img" and aria-label
 * (escaped).  Returns a malloc'ed string, or NULL with err filled. */
char *chart_svg_inline(const chart *c, double width, double height,
                       const char *prefix, char *err, size_t err_size);

/* Write s escaped for HTML or XML text and attribute values: & < > " '
 * become entities, control characters other than tab and newline a space. */
void chart_xml_escape(FILE *fp, const char *s);

/* Release the font and surface caches Cairo keeps for the life of the
 * process (so that valgrind and LeakSanitizer see no leaks); call once,
 * after the last chart. */
void chart_cleanup(void);

/* The colour as "#rrggbb" (for HTML legends and swatches). */
const char *chart_colour_hex(chart_colour colour);

#endif
