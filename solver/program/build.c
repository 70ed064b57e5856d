/*
 * build.c -- the program of any model: a model without scenarios gets its
 * cohort program (lp.c), a model with scenarios its stochastic program
 * (stochastic.c), built from the cohort programs of its scenarios.  The
 * rooms above (engine, answers) and the exports call these, never the two
 * builders directly, so that neither builder needs to know the other.
 */
#include "program/lp.h"

be_program *be__program_build(const be_model *m, int integer, be_error *err)
{
    if (m->n_scenarios)
        return be__stochastic_build(m, integer, err);
    return be__cohort_build(m, integer, err);
}

char *be__col_name(const be_model *m, const be_program *p, int i, char *buf,
                   size_t size)
{
    if (p->col_node)
        return be__stochastic_col_name(m, p, i, buf, size);
    return be__cohort_col_name(m, p, i, buf, size);
}

char *be__row_name(const be_model *m, const be_program *p, int i, char *buf,
                   size_t size)
{
    if (p->row_node)
        return be__stochastic_row_name(m, p, i, buf, size);
    return be__cohort_row_name(m, p, i, buf, size);
}
