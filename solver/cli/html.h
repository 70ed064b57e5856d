/*
 * html.h -- the parts of the HTML report that its sections share
 * (html.c), for cmd_report.c.
 */
#ifndef BE_CLI_HTML_H
#define BE_CLI_HTML_H

#include <stdio.h>

#include "cli.h"

/* The page's style sheet, for its <style> element. */
extern const char html_css[];

/* s, escaped for HTML text and attributes. */
void html_esc(FILE *fp, const char *s);
/* v as money, grouped, no decimals. */
void html_money(FILE *fp, double v);
/* v grouped, at most 3 decimals and no trailing zeros; "—" when not
 * finite. */
void html_num(FILE *fp, double v);
/* v as a table cell; zeros are grey so that the changes stand out. */
void html_num_td(FILE *fp, double v);
/* The colour swatch of the chart series of device k. */
void html_swatch(FILE *fp, int k);
/* "The model's inputs": the devices, the fleet in place, the series
 * period by period, and the model file itself (path), as read with the
 * options c. */
void html_inputs(FILE *fp, const be_model *m, const char *path,
                 const cli_common *c);

#endif /* BE_CLI_HTML_H */
