/*
 * html.c -- the parts of the HTML report (cmd_report.c) that every section
 * writes with: the page's style sheet, escaping, money and number cells,
 * the device swatches, and the model's inputs (the devices, the fleet and
 * the file itself).  Every string from the model file or the command line
 * goes through html_esc (chart_xml_escape).
 */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "output.h"

void html_esc(FILE *fp, const char *s)
{
    chart_xml_escape(fp, s);
}

const char html_css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f5f7;color:#1b1b1b;"
    "font:15px/1.5 'DejaVu Sans',system-ui,-apple-system,'Segoe UI',"
    "sans-serif}"
    "main{max-width:1320px;margin:0 auto;padding:28px 32px 56px}"
    "h1{font-size:27px;line-height:1.25;margin:0 0 4px;"
    "overflow-wrap:anywhere}"
    "h2{font-size:20px;margin:36px 0 10px}"
    ".sub{color:#555;margin:0 0 18px}"
    ".answer{background:#fff;border-left:6px solid #0072B2;"
    "border-radius:6px;padding:16px 22px;font-size:18px;line-height:1.55;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}"
    ".answer p{margin:0 0 6px}.answer p:last-child{margin:0}"
    ".warn{border-left-color:#D55E00}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(180px,1fr));gap:12px;margin:16px 0 0}"
    ".card{background:#fff;border-radius:6px;padding:12px 16px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}"
    ".card .k{color:#555;font-size:13px}"
    ".card .v{font-size:23px;font-weight:bold;"
    "font-variant-numeric:tabular-nums}"
    ".card .d{color:#666;font-size:12.5px}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(560px,1fr));gap:16px}"
    "figure{margin:0;background:#fff;border-radius:6px;padding:8px 8px 4px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}"
    "svg.chart{display:block;width:100%;height:auto}"
    "figcaption{color:#444;font-size:13.5px;padding:2px 10px 8px}"
    "details{margin:4px 10px 8px}summary{cursor:pointer;color:#0072B2}"
    ".scroll{overflow-x:auto;background:#fff;border-radius:6px;"
    "width:fit-content;max-width:100%;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}"
    "table{border-collapse:collapse;font-variant-numeric:tabular-nums;"
    "font-size:14px;width:100%}"
    "th,td{padding:5px 10px;text-align:right;white-space:nowrap;"
    "border-bottom:1px solid #e6e6e6}"
    "th{background:#fafafa;font-weight:600}"
    "thead th{position:sticky;top:0}"
    "th.l,td.l{text-align:left}td.w{white-space:normal;min-width:20em}"
    "tr.total td{font-weight:bold;border-top:2px solid #999}"
    "td.z{color:#aaa}"
    ".dev{display:inline-block;width:11px;height:11px;border-radius:2px;"
    "margin-right:6px;vertical-align:-1px}"
    "pre{background:#fff;padding:14px;border-radius:6px;overflow-x:auto;"
    "font-size:13px}"
    "footer{color:#777;font-size:12.5px;margin-top:36px}"
    "@media print{body{background:#fff}.charts{display:block}"
    "figure{break-inside:avoid;margin-bottom:12px}}";

/* ---- small writers ---- */

void html_money(FILE *fp, double v)
{
    char b[64];
    fputs(fmt_money(v, 0, b, sizeof b), fp);
}

void html_num(FILE *fp, double v)
{
    char b[64];
    if (!isfinite(v))
        fputs("&mdash;", fp);
    else {   /* grouped, at most 3 decimals, no trailing zeros */
        fmt_money(v, fabs(v - round(v)) < 1e-9 ? 0 : 3, b, sizeof b);
        char *dot = strchr(b, '.');
        if (dot) {
            char *end = b + strlen(b);
            while (end > dot + 1 && end[-1] == '0')
                *--end = '\0';
        }
        fputs(b, fp);
    }
}

/* A number cell; zeros are grey so that the changes stand out. */
void html_num_td(FILE *fp, double v)
{
    fputs(v == 0 ? "<td class=\"z\">" : "<td>", fp);
    html_num(fp, v);
    fputs("</td>", fp);
}

void html_swatch(FILE *fp, int k)
{
    static const chart_colour c[] = {CHART_BLUE, CHART_ORANGE, CHART_GREEN,
                                     CHART_PURPLE, CHART_SKY, CHART_VERMILLION,
                                     CHART_YELLOW};
    fprintf(fp, "<span class=\"dev\" style=\"background:%s\"></span>",
            chart_colour_hex(k < 7 ? c[k] : CHART_GREY));
}

/* ---- the model's inputs ---- */

/* "training 3<br>inference 15": device k's throughput for each workload
 * it can serve. */
static void workload_throughputs(FILE *fp, const be_model *m, int k)
{
    for (int w = 0, said = 0; w < be_model_workloads(m); w++) {
        double v = be_model_device_serves(m, k, w);
        if (v <= 0.0)
            continue;
        fputs(said++ ? "<br>" : "", fp);
        html_esc(fp, be_model_workload_name(m, w));
        fputc(' ', fp);
        html_num(fp, v);
    }
}

void html_inputs(FILE *fp, const be_model *m, const char *path,
                   const cli_common *c)
{
    int T = be_model_periods(m), K = be_model_devices(m);
    int J = be_model_cohorts(m), wl = be_model_has_workloads(m);
    double dy = be_model_period_years(m);
    fputs("<h2>The model's inputs</h2>\n<div class=\"scroll\">"
          "<table id=\"devices\"><thead><tr><th class=\"l\">device</th>"
          "<th>throughput</th><th>power kW</th><th>lifetime, years</th>"
          "<th class=\"l\">on sale</th><th>price then</th>"
          "<th>price per unit of throughput", fp);
    /* with workloads: of the workload it serves best */
    fputs(wl ? " (its largest)" : "", fp);
    fputs("</th></tr></thead><tbody>\n", fp);
    for (int k = 0; k < K; k++) {
        int first = -1, last = -1;
        for (int t = 0; t < T; t++)
            if (be_model_device_can_buy(m, k, t)) {
                if (first < 0)
                    first = t;
                last = t;
            }
        double life = NAN;
        for (int j = 0; j < J; j++) {
            be_cohort_info ci;
            be_model_cohort(m, j, &ci);
            if (ci.device == k) {
                life = (ci.end - ci.start + ci.age0) * dy;
                break;
            }
        }
        int rented = be_model_device_is_rented(m, k);
        fputs("<tr><td class=\"l\">", fp);
        html_swatch(fp, k);
        html_esc(fp, be_model_device_name(m, k));
        fputs(rented ? " (rented)</td><td>" : "</td><td>", fp);
        if (be_model_has_workloads(m))
            workload_throughputs(fp, m, k);
        else
            html_num(fp, be_model_device_throughput(m, k));
        fputs("</td><td>", fp);
        html_num(fp, be_model_device_power_kw(m, k));
        fputs("</td><td>", fp);
        html_num(fp, life);
        fputs("</td><td class=\"l\">", fp);
        if (first < 0)
            fputs("never (fleet only)", fp);
        else if (first == 0 && last == T - 1)
            fputs("throughout", fp);
        else
            fprintf(fp, "%s &ndash; %s", be_model_period_label(m, first),
                    be_model_period_label(m, last));
        fputs("</td><td>", fp);
        if (first >= 0 && !rented) {
            html_money(fp, be_model_device_price(m, k, first));
            if (last > first) {
                fputs(" &rarr; ", fp);
                html_money(fp, be_model_device_price(m, k, last));
            }
            fputs("</td><td>", fp);
            html_money(fp, be_model_device_price(m, k, first) /
                  be_model_device_throughput(m, k));
            if (last > first) {
                fputs(" &rarr; ", fp);
                html_money(fp, be_model_device_price(m, k, last) /
                      be_model_device_throughput(m, k));
            }
        } else {
            fputs("&mdash;</td><td>&mdash;", fp);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);

    /* the fleet in place */
    int any = 0;
    for (int j = 0; j < J; j++) {
        be_cohort_info ci;
        be_model_cohort(m, j, &ci);
        if (ci.fleet_entry < 0)
            continue;
        if (!any++)
            fputs("<h3>The fleet in place</h3><div class=\"scroll\">"
                  "<table id=\"fleet\" style=\"width:auto;min-width:480px\">"
                  "<thead><tr><th class=\"l\">device</th><th>units</th>"
                  "<th>age, years</th><th>purchase price</th></tr></thead>"
                  "<tbody>\n", fp);
        fputs("<tr><td class=\"l\">", fp);
        html_swatch(fp, ci.device);
        html_esc(fp, be_model_device_name(m, ci.device));
        fputs("</td><td>", fp);
        html_num(fp, ci.count);
        fputs("</td><td>", fp);
        html_num(fp, ci.age0 * dy);
        fputs("</td><td>", fp);
        html_money(fp, ci.basis);
        fputs("</td></tr>\n", fp);
    }
    if (any)
        fputs("</tbody></table></div>\n", fp);

    /* the series, period by period */
    double r = pow(be_model_discount(m, 1), -1.0 / dy) - 1.0;
    fprintf(fp, "<h3>Period by period</h3><p class=\"sub\">%d periods of "
            "%s; discount rate %.4g%% a year.</p><div class=\"scroll\">"
            "<table id=\"inputs\"><thead><tr><th class=\"l\">period</th>",
            T, dy == 1 ? "a year" : dy < 0.1 ? "a month" : "a quarter",
            100.0 * r);
    /* with workloads, the demand of each */
    for (int w = 0; wl && w < be_model_workloads(m); w++) {
        fputs("<th>demand ", fp);
        html_esc(fp, be_model_workload_name(m, w));
        fputs("</th>", fp);
    }
    fputs(wl ? "" : "<th>demand</th>", fp);
    fputs("<th>power cap kW</th><th>budget</th><th>discount factor</th>",
          fp);
    for (int k = 0; k < K; k++)
        if (!be_model_device_is_rented(m, k)) {
            fputs("<th>price ", fp);
            html_esc(fp, be_model_device_name(m, k));
            fputs("</th>", fp);
        }
    fputs("</tr></thead><tbody>\n", fp);
    for (int t = 0; t < T; t++) {
        fputs("<tr><th class=\"l\">", fp);
        html_esc(fp, be_model_period_label(m, t));
        fputs("</th>", fp);
        for (int w = 0; w < (wl ? be_model_workloads(m) : 1); w++) {
            fputs("<td>", fp);
            html_num(fp, wl ? be_model_workload_demand(m, w, t)
                            : be_model_demand(m, t));
            fputs("</td>", fp);
        }
        fputs("<td>", fp);
        html_num(fp, be_model_power_cap(m, t));
        fputs("</td><td>", fp);
        html_num(fp, be_model_budget(m, t));
        fprintf(fp, "</td><td>%.4f</td>", be_model_discount(m, t));
        for (int k = 0; k < K; k++) {
            if (be_model_device_is_rented(m, k))
                continue;
            fputs("<td>", fp);
            if (be_model_device_can_buy(m, k, t))
                html_money(fp, be_model_device_price(m, k, t));
            else
                fputs("&mdash;", fp);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);

    /* the file itself, as read (before --set) */
    fputs("<details><summary>The model file: <code>", fp);
    html_esc(fp, path);
    fputs("</code>", fp);
    if (c->n_sets) {
        fputs(", with", fp);
        for (int i = 0; i < c->n_sets; i++) {
            fputs(" <code>--set ", fp);
            html_esc(fp, c->sets[i]);
            fputs("</code>", fp);
        }
    }
    fputs("</summary><pre>", fp);
    FILE *in = fopen(path, "rb");
    if (in) {
        char buf[4096];
        size_t n, total = 0;
        while ((n = fread(buf, 1, sizeof buf - 1, in)) > 0 &&
               total < ((size_t)1 << 24)) {
            buf[n] = '\0';
            html_esc(fp, buf);
            total += n;
        }
        fclose(in);
    }
    fputs("</pre></details>\n", fp);
}
