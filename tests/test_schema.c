/*
 * test_schema.c -- docs/breakeven.schema.json against the loader.
 *
 * Editors check model files with the JSON Schema; the program checks them
 * with solver/loader.c.  The two must name the same keys, or an editor
 * flags a valid file or completes a key the loader refuses.  The loader
 * reads every mapping against one table per section (be__schema_sections);
 * this test reads the schema (JSON is YAML's flow style, so the loader's
 * own strict YAML layer parses it) and fails on any difference:
 * - each loader section is a definition of the schema ("model" is the
 *   root) whose properties are exactly the section's keys and which allows
 *   no others (additionalProperties: false);
 * - each definition with properties is a loader section;
 * - each choice's enum holds exactly the loader's words;
 * - every property says what it is: a description that says "Required."
 *   when the key is in the definition's required list and gives its
 *   "Default:" (or "Required for ..." when an if/then requires it)
 *   otherwise, and a type (type, const, enum, anyOf, oneOf or
 *   allOf of a $ref).
 * That valid files pass and invalid ones fail is tests/cli.d/schema.sh,
 * with a real validator.
 */
#include "check.h"
#include "model/model.h"
#include "model/yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void suite_schema(void);

#define SCHEMA_PATH "docs/breakeven.schema.json"

static const be_ynode *get(const be_ynode *map, const char *key)
{
    if (!map || map->kind != BE_YMAPPING)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->n; i++) {
        const be_ynode *k = map->u.items[2 * i];
        if (k->n == len && memcmp(k->u.text, key, len) == 0)
            return map->u.items[2 * i + 1];
    }
    return NULL;
}

static int scalar_eq(const be_ynode *n, const char *s)
{
    return n && n->kind == BE_YSCALAR && n->n == strlen(s) &&
           memcmp(n->u.text, s, n->n) == 0;
}

/* Is s an item of the sequence (or a key of the mapping) seq? */
static int has_word(const be_ynode *seq, const char *s)
{
    if (!seq)
        return 0;
    if (seq->kind == BE_YMAPPING)
        return get(seq, s) != NULL;
    for (size_t i = 0; seq->kind == BE_YSEQUENCE && i < seq->n; i++)
        if (scalar_eq(seq->u.items[i], s))
            return 1;
    return 0;
}

static int in_list(const char *const *words, size_t n, const be_ynode *s)
{
    for (size_t i = 0; i < n; i++)
        if (scalar_eq(s, words[i]))
            return 1;
    return 0;
}

/* Both directions: every loader word in the schema's list or mapping,
 * every schema entry among the loader's words. */
static void same_words(const char *where, const be__schema_section *sec,
                       const be_ynode *list)
{
    if (!list || (list->kind != BE_YSEQUENCE && list->kind != BE_YMAPPING)) {
        fprintf(stderr, "%s: no %s in the schema\n", where,
                sec->kind == BE__SCHEMA_KEYS ? "properties" : "enum");
        check_failures++;
        return;
    }
    for (size_t i = 0; i < sec->n_words; i++)
        if (!has_word(list, sec->words[i])) {
            fprintf(stderr, "%s: the loader reads '%s', the schema lacks "
                    "it\n", where, sec->words[i]);
            check_failures++;
        }
    int map = list->kind == BE_YMAPPING;
    for (size_t i = 0; i < list->n; i++) {
        const be_ynode *w = map ? list->u.items[2 * i] : list->u.items[i];
        if (!in_list(sec->words, sec->n_words, w)) {
            fprintf(stderr, "%s: the schema has '%.*s', the loader does "
                    "not read it\n", where, (int)w->n, w->u.text);
            check_failures++;
        }
    }
}

/* A property documents itself and has a type. */
static void property_complete(const char *where, const be_ynode *def,
                              const be_ynode *key, const be_ynode *prop)
{
    char name[128];
    snprintf(name, sizeof name, "%s.%.*s", where, (int)key->n, key->u.text);
    const be_ynode *d = get(prop, "description");
    int required = has_word(get(def, "required"), key->u.text);
    if (!d || d->kind != BE_YSCALAR || d->n < 10) {
        fprintf(stderr, "%s: no description\n", name);
        check_failures++;
    } else if (!strstr(d->u.text, required ? "Required" : "Default") &&
               (required || !strstr(d->u.text, "Required for"))) {
        fprintf(stderr, "%s: the description does not say %s\n", name,
                required ? "Required." : "its Default:");
        check_failures++;
    }
    if (!get(prop, "type") && !get(prop, "const") && !get(prop, "enum") &&
        !get(prop, "anyOf") && !get(prop, "oneOf") && !get(prop, "allOf")) {
        fprintf(stderr, "%s: no type\n", name);
        check_failures++;
    }
}

static void test_schema_matches_loader(void)
{
    FILE *f = fopen(SCHEMA_PATH, "rb");
    REQUIRE(f);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    REQUIRE(len > 0 && len < sizeof text);

    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    be_error err;
    memset(&err, 0, sizeof err);
    be_code rc = be__yaml_parse(text, len, 64, SCHEMA_PATH, &doc, &root,
                                &err);
    if (rc)
        fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.column,
                err.message);
    REQUIRE(rc == BE_OK);
    CHECK(scalar_eq(get(root, "$schema"),
                    "http://json-schema.org/draft-07/schema#"));
    const be_ynode *defs = get(root, "definitions");
    CHECK(defs && defs->kind == BE_YMAPPING);

    size_t n_sec;
    const be__schema_section *sec = be__schema_sections(&n_sec);
    CHECK(n_sec >= 10);
    int keyed = 0;
    for (size_t s = 0; s < n_sec; s++) {
        const char *name = sec[s].name;
        if (sec[s].kind == BE__SCHEMA_WORDS) {
            /* "horizon.period": the enum of a property of a definition */
            char def_name[64];
            size_t dot = strcspn(name, ".");
            snprintf(def_name, sizeof def_name, "%.*s", (int)dot, name);
            const be_ynode *def = strcmp(def_name, "model") == 0
                                      ? root : get(defs, def_name);
            const be_ynode *prop = get(get(def, "properties"), name + dot + 1);
            same_words(name, &sec[s], get(prop, "enum"));
            continue;
        }
        keyed++;
        const be_ynode *def = strcmp(name, "model") == 0 ? root
                                                          : get(defs, name);
        if (!def) {
            fprintf(stderr, "%s: no such definition in the schema\n", name);
            check_failures++;
            continue;
        }
        CHECK(scalar_eq(get(def, "type"), "object"));
        if (!scalar_eq(get(def, "additionalProperties"), "false")) {
            fprintf(stderr, "%s: additionalProperties is not false\n", name);
            check_failures++;
        }
        const be_ynode *props = get(def, "properties");
        same_words(name, &sec[s], props);
        for (size_t i = 0; props && props->kind == BE_YMAPPING &&
                           i < props->n; i++)
            property_complete(name, def, props->u.items[2 * i],
                              props->u.items[2 * i + 1]);
        /* required keys are keys */
        const be_ynode *req = get(def, "required");
        for (size_t i = 0; req && req->kind == BE_YSEQUENCE && i < req->n;
             i++)
            CHECK(in_list(sec[s].words, sec[s].n_words, req->u.items[i]));
    }
    /* every definition that describes a mapping is one the loader reads */
    for (size_t i = 0; defs && defs->kind == BE_YMAPPING && i < defs->n;
         i++) {
        const be_ynode *k = defs->u.items[2 * i];
        if (!get(defs->u.items[2 * i + 1], "properties"))
            continue;
        int found = 0;
        for (size_t s = 0; s < n_sec; s++)
            found |= sec[s].kind == BE__SCHEMA_KEYS &&
                     scalar_eq(k, sec[s].name);
        if (!found) {
            fprintf(stderr, "definition '%.*s': no such section in the "
                    "loader\n", (int)k->n, k->u.text);
            check_failures++;
        }
    }
    CHECK(keyed == 14);
    be__yaml_free(doc);
}

/* The test fails when the two differ: a loader table with one key more
 * is reported.  (Self-check of same_words on a made-up section.) */
static void test_schema_detects_drift(void)
{
    static const char *const words[] = {"start", "growth", "shrink"};
    be__schema_section extra = {"growingSeries", BE__SCHEMA_KEYS, words, 3};
    static const char json[] =
        "{\"properties\": {\"start\": {}, \"growth\": {}, \"ratio\": {}}}";
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    be_error err;
    REQUIRE(be__yaml_parse(json, sizeof json - 1, 8, "x", &doc, &root, &err)
            == BE_OK);
    int before = check_failures;
    same_words("drift", &extra, get(root, "properties"));
    /* 'shrink' missing from the schema, 'ratio' unknown to the loader */
    int found = check_failures - before;
    check_failures = before;
    CHECK(found == 2);
    be__yaml_free(doc);
}

void suite_schema(void)
{
    RUN(test_schema_matches_loader);
    RUN(test_schema_detects_drift);
}
