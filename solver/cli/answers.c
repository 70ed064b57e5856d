/*
 * answers.c -- shared pieces of the break-even commands (answers.h).
 */
#include "answers.h"

#include <string.h>

#include "output.h"

static void append(char *buf, size_t size, const char *fmt, const char *num,
                   const char *name)
{
    size_t n = strlen(buf);
    if (n < size)
        snprintf(buf + n, size - n, fmt, n ? ", " : "", num, name);
}

void answers_period_actions(const be_model *m, const be_plan *p, int t,
                            char *buf, size_t size)
{
    int K = p->devices, J = p->cohorts;
    char u[48];
    buf[0] = '\0';
    for (int k = 0; k < K; k++) {
        double r = 0;
        for (int j = 0; j < J; j++) {
            be_cohort_info c;
            be_model_cohort(m, j, &c);
            if (c.device == k && c.end != t)
                r += p->retire[t * J + j];
        }
        if (r > 1e-9)
            append(buf, size, "%sretire %s %s", fmt_units(r, u, sizeof u),
                   be_model_device_name(m, k));
    }
    for (int k = 0; k < K; k++) {
        double b = p->buy[t * K + k];
        if (b > 1e-9)
            append(buf, size, "%sbuy %s %s", fmt_units(b, u, sizeof u),
                   be_model_device_name(m, k));
        double r = p->rent[t * K + k], before = t ? p->rent[(t - 1) * K + k]
                                                  : 0.0;
        if (r != before)
            append(buf, size, r > 1e-9 ? "%srent %s %s" : "%s%sstop renting %s",
                   r > 1e-9 ? fmt_units(r, u, sizeof u) : "",
                   be_model_device_name(m, k));
    }
}

char *answers_years(double years, char *buf, size_t size)
{
    snprintf(buf, size, "%.4g", years);
    return buf;
}
