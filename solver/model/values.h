/*
 * values.h -- what the files of the loader share (solver/model/): the
 * loader's state, its error helpers and the typed readers of schema-1
 * values (values.c).  Internal to the model room: nothing outside
 * solver/model/ includes it.  The loader's files, bottom to top:
 *
 *   schema.c     the keys of every mapping and the words of every choice
 *   values.c     value typing: numbers, booleans, strings, series, keys,
 *                did-you-mean, the names used in messages (this header)
 *   devices.c    the devices and fleet sections (devices.h)
 *   overrides.c  `--set PATH=VALUE` applied to the YAML tree (overrides.h)
 *   loader.c     the file and its sections into a be_model, scenarios,
 *                the be_model_load_* entry points
 */
#ifndef BE_VALUES_H
#define BE_VALUES_H

#include "model/model.h"
#include "model/yaml_tree.h"

/* Longest device lifetime accepted, in years: bounds the per-age arrays. */
#define MAX_LIFETIME_YEARS 1000.0
#define MAX_NAME 64
/* Largest devices x periods: every device holds per-period arrays and the
 * LP has at least one cohort per device and period.  Far above any real
 * fleet, it keeps a small hostile file from asking for gigabytes. */
#define MAX_DEVICE_PERIODS 10000000.0
/* Largest number of (cohort, period) pairs in which units can be held: the
 * LP's hold variables.  The same order as the device-period cap. */
#define MAX_COHORT_PERIODS 20000000.0
/* How close to a whole number of periods a time in years must be. */
#define WHOLE_TOL 1e-9

typedef struct loader {
    be_model *m;
    be_error *err;
    const char *file;
    int ppy;               /* periods per year: 1, 4 or 12 */
} loader;

#if defined(__GNUC__)
#define BE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BE_PRINTF(a, b)
#endif

/* Fill L->err with code at pos and a printf-style message; returns code. */
be_code be__ld_fail(loader *L, be_code code, be_pos pos, const char *fmt, ...)
    BE_PRINTF(4, 5);
#define FAIL(L, node, ...)                                                    \
    be__ld_fail((L), BE_EMODEL, (node)->pos, __VA_ARGS__)

/* Remember that a value was read as something other than what was
 * written, for be_model_note (at most BE__MAX_NOTES are kept). */
be_code be__ld_note(loader *L, const be_ynode *n, const char *fmt, ...)
    BE_PRINTF(3, 4);

/* The keys of map must be those of the schema section named `section`
 * (schema.c, e.g. "device"); ctx names the mapping in messages. */
be_code be__ld_check_section(loader *L, const be_ynode *map,
                             const char *section, const char *ctx);
#define CHECK_KEYS(L, map, section, ctx)                                      \
    be__ld_check_section((L), (map), (section), (ctx))

const char *be__ld_as_written(const be_ynode *n, char *buf, size_t size);
be_code be__ld_boolean(loader *L, const be_ynode *n, const char *ctx,
                       const char *what, int *v);
/* The index in schema section `section` (schema.c, e.g.
 * "horizon.period") of the word n is. */
be_code be__ld_choice(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, const char *section,
                      const char *expected, int *v);
const char *be__ld_describe(const be_ynode *n, char *buf, size_t size);
be_code be__ld_in_range(loader *L, const be_ynode *n, const char *ctx,
                        const char *what, double v, double lo, int lo_open,
                        double hi, int hi_open);
int be__ld_is_null(const be_ynode *n);
int be__ld_is_whole(double x);
const be_ynode *be__ld_lookup(const be_ynode *map, const char *key,
                              const be_ynode **key_node);
be_code be__ld_need(loader *L, const be_ynode *map, const char *key,
                    const char *ctx, const be_ynode **out);
be_code be__ld_number(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double *v);
const char *be__ld_number_hint(const be_ynode *n);
be_code be__ld_number_in(loader *L, const be_ynode *n, const char *ctx,
                         const char *what, double lo, int lo_open, double hi,
                         int hi_open, double *v);
void be__ld_period_label(const be_model *m, int t, char buf[16]);
/* A quarter or month label (2026-Q3, 2026-07) for a model of ppy periods
 * a year: 1 with the year and the period within it (0-based), 0 when n is
 * not one. */
int be__ld_label_parts(const be_ynode *n, int ppy, double *year, int *sub);
const char *be__ld_prefix(const char *ctx, char *buf, size_t size);
int be__ld_scalar_is(const be_ynode *n, const char *s);
be_code be__ld_series(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double **out);
be_code be__ld_string_value(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, const char **s, size_t *len);
const char *be__ld_suggest(const char *s, size_t n, const char *const *cand,
                           size_t n_cand);
/* A name (of a device or a workload): 1 to MAX_NAME letters, digits,
 * '-', '_' or '.', copied into *out (owned by the caller from here on). */
be_code be__ld_name(loader *L, const be_ynode *v, const char *ctx,
                    char **out);
/* 1 when c may be in a name. */
int be__ld_name_char(char c);
/* The workload named by the scalar key, or -1 (or the model has no
 * `workloads`). */
int be__ld_find_workload(const be_model *m, const be_ynode *key);
be_code be__ld_text_copy(loader *L, const be_ynode *n, const char *what,
                         int multiline, char **out);
const char *be__ld_unit_name(int ppy, int plural);
be_code be__ld_want_map(loader *L, const be_ynode *n, const char *ctx,
                        const char *what);
be_code be__ld_whole_number(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, double *v);
be_code be__ld_check_keys(loader *L, const be_ynode *map,
                          const char *const *allowed, size_t n_allowed,
                          const char *ctx);

#endif /* BE_VALUES_H */
