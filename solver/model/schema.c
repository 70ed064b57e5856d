/*
 * schema.c -- the tables of schema 1: the keys of every mapping and the
 * words of every choice.  The loader checks files against them by section
 * name, and tests/test_schema.c holds docs/breakeven.schema.json to them.
 */
#include "model/model.h"

#include <string.h>

/* ---- the schema's keys ---- */

/* The keys of every mapping in schema 1, and the words of its choices:
 * the loader checks files against these tables, and tests/test_schema.c
 * checks docs/breakeven.schema.json against them (be__schema_sections), so
 * that the JSON Schema editors use cannot drift from what is read here. */
static const char *const model_keys[] = {
    "breakeven", "name", "description", "horizon", "discount_rate",
    "integer", "end_of_horizon", "demand", "workloads", "energy", "site",
    "finance", "revenue", "devices", "fleet", "scenarios", "risk"};
static const char *const workload_keys[] = {"name", "demand", "revenue"};
static const char *const scenario_keys[] = {"name", "probability", "set"};
static const char *const risk_keys[] = {"cvar_alpha", "weight"};
static const char *const horizon_keys[] = {"start", "periods", "period"};
static const char *const series_keys[] = {"start", "growth"};
static const char *const energy_keys[] = {"price", "pue", "utilization"};
static const char *const site_keys[] = {"power_cap_kw", "budget"};
static const char *const finance_keys[] = {"tax_rate", "depreciation_years"};
static const char *const revenue_keys[] = {"price", "market"};
static const char *const device_keys[] = {
    "name", "throughput", "power_kw", "lifetime", "om", "resale", "price",
    "rent", "available"};
static const char *const resale_keys[] = {"fraction", "half_life"};
static const char *const available_keys[] = {"from", "to"};
static const char *const fleet_keys[] = {"device", "count", "age",
                                         "purchase_price"};
/* choices, in the order of their enums (be_period_kind, m->salvage) */
static const char *const period_words[] = {"year", "quarter", "month"};
static const char *const end_words[] = {"none", "salvage"};

#define SECTION(name, kind, list) \
    {name, kind, list, sizeof(list) / sizeof((list)[0])}
static const be__schema_section schema_sections[] = {
    SECTION("model", BE__SCHEMA_KEYS, model_keys),
    SECTION("horizon", BE__SCHEMA_KEYS, horizon_keys),
    SECTION("growingSeries", BE__SCHEMA_KEYS, series_keys),
    SECTION("energy", BE__SCHEMA_KEYS, energy_keys),
    SECTION("site", BE__SCHEMA_KEYS, site_keys),
    SECTION("finance", BE__SCHEMA_KEYS, finance_keys),
    SECTION("revenue", BE__SCHEMA_KEYS, revenue_keys),
    SECTION("workload", BE__SCHEMA_KEYS, workload_keys),
    SECTION("device", BE__SCHEMA_KEYS, device_keys),
    SECTION("resaleCurve", BE__SCHEMA_KEYS, resale_keys),
    SECTION("available", BE__SCHEMA_KEYS, available_keys),
    SECTION("fleetEntry", BE__SCHEMA_KEYS, fleet_keys),
    SECTION("scenario", BE__SCHEMA_KEYS, scenario_keys),
    SECTION("risk", BE__SCHEMA_KEYS, risk_keys),
    SECTION("horizon.period", BE__SCHEMA_WORDS, period_words),
    SECTION("model.end_of_horizon", BE__SCHEMA_WORDS, end_words),
};
#undef SECTION

const be__schema_section *be__schema_section_named(const char *name)
{
    size_t n = sizeof schema_sections / sizeof schema_sections[0];
    for (size_t i = 0; i < n; i++)
        if (strcmp(schema_sections[i].name, name) == 0)
            return &schema_sections[i];
    return NULL;
}

const be__schema_section *be__schema_sections(size_t *n)
{
    *n = sizeof schema_sections / sizeof schema_sections[0];
    return schema_sections;
}
