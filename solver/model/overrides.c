/*
 * overrides.c -- `--set PATH=VALUE` (be_load_options.overrides) and a
 * scenario's `set`: a path ("devices.b200.price.start") resolved in the
 * YAML tree of the file, and the value put there before the tree is read,
 * so that an override is checked exactly as if it had been written in the
 * file.
 */
#include "model/overrides.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parameter overrides (be_load_options.overrides) ---- */

static be_ynode *new_node(be_ydoc *doc, be_ynode_kind kind, be_pos pos)
{
    be_ynode *n = be__yaml_alloc(doc, sizeof *n);
    if (n) {
        memset(n, 0, sizeof *n);
        n->kind = kind;
        n->pos = pos;
    }
    return n;
}

static be_ynode *new_scalar(be_ydoc *doc, const char *s, size_t len,
                            be_pos pos)
{
    be_ynode *n = new_node(doc, BE_YSCALAR, pos);
    char *text = be__yaml_alloc(doc, len + 1);
    if (!n || !text)
        return NULL;
    memcpy(text, s, len);
    text[len] = '\0';
    n->style = BE_YPLAIN;
    n->n = len;
    n->u.text = text;
    return n;
}

/* Add key -> value to a mapping (items are in the arena: copy them). */
static int map_add(be_ydoc *doc, be_ynode *map, be_ynode *key, be_ynode *value)
{
    be_ynode **items = be__yaml_alloc(doc, (2 * map->n + 2) * sizeof *items);
    if (!items)
        return 0;
    if (map->n)
        memcpy(items, map->u.items, 2 * map->n * sizeof *items);
    items[2 * map->n] = key;
    items[2 * map->n + 1] = value;
    map->u.items = items;
    map->n++;
    return 1;
}

/* A 1-based index "3" of at most n, or 0. */
static size_t path_index(const char *s, size_t len, size_t n)
{
    size_t v = 0;
    if (len == 0 || len > 9 || s[0] == '0')
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    return v <= n ? v : 0;
}

/* The device (or workload) mapping whose name is the longest prefix of
 * path followed by '.' or the end (names may contain dots). */
static be_ynode *find_named(be_ynode *seq, const char *path, size_t *used)
{
    be_ynode *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; seq->kind == BE_YSEQUENCE && i < seq->n; i++) {
        be_ynode *d = seq->u.items[i];
        const be_ynode *name =
            d->kind == BE_YMAPPING ? be__ld_lookup(d, "name", NULL) : NULL;
        if (!name || name->kind != BE_YSCALAR)
            continue;
        size_t n = name->n;
        if (n > best_len && strncmp(path, name->u.text, n) == 0 &&
            (path[n] == '.' || path[n] == '\0') &&
            memchr(name->u.text, 0, n) == NULL) {
            best = d;
            best_len = n;
        }
    }
    *used = best_len;
    return best;
}

/* The node that path names in the tree (adding missing mapping keys on
 * the way), or NULL with err filled: code, position `at` and messages
 * that start with `what` ("--set PATH" or "scenario 'x': set PATH"). */
be_ynode *be__resolve_path(be_ydoc *doc, be_ynode *root, const char *path,
                           const char *what, be_code code, be_pos at,
                           const char *file, be_error *err)
{
    be_pos nowhere = at;
    be_ynode *node = root, *parent = NULL;
    const char *p = path;
    while (*p) {
        if (*p == '.') {
            be__fail(err, code, file, nowhere, "%s: empty name in the path",
                     what);
            return NULL;
        }
        size_t len = strcspn(p, ".");
        be_ynode *next = NULL;
        int named = node->kind == BE_YSEQUENCE && parent == root &&
            (node == be__ld_lookup(root, "devices", NULL) ||
             node == be__ld_lookup(root, "workloads", NULL));
        if (named) {
            int dev = node == be__ld_lookup(root, "devices", NULL);
            next = find_named(node, p, &len);
            if (!next) {
                be__fail(err, code, file, nowhere,
                         "%s: no %s named like '%.*s'", what,
                         dev ? "device" : "workload", (int)strcspn(p, "."), p);
                return NULL;
            }
        } else if (node->kind == BE_YSEQUENCE) {
            size_t i = path_index(p, len, node->n);
            if (!i) {
                be__fail(err, code, file, nowhere,
                         "%s: '%.*s' is not an item number from 1 to %zu",
                         what, (int)len, p, node->n);
                return NULL;
            }
            next = node->u.items[i - 1];
        } else if (node->kind == BE_YMAPPING) {
            for (size_t i = 0; i < node->n; i++) {
                const be_ynode *k = node->u.items[2 * i];
                if (k->n == len && memcmp(k->u.text, p, len) == 0)
                    next = node->u.items[2 * i + 1];
            }
            if (!next) {
                /* add the key; a mapping on the way if the path goes on */
                /* at the scenario's set entry when there is one, so that
                 * an unknown key is reported where it was written */
                be_pos kp = at.line ? at : node->pos;
                be_ynode *key = new_scalar(doc, p, len, kp);
                next = p[len] ? new_node(doc, BE_YMAPPING, kp)
                              : new_scalar(doc, "", 0, kp);
                if (!key || !next || !map_add(doc, node, key, next)) {
                    be__fail(err, BE_ENOMEM, file, nowhere, "out of memory");
                    return NULL;
                }
            }
        } else {
            be__fail(err, code, file, nowhere,
                     "%s: '%.*s' is inside a single value, not a mapping or "
                     "list", what, (int)len, p);
            return NULL;
        }
        parent = node;
        node = next;
        p += len;
        if (*p == '.')
            p++;
        else if (*p)
            break;
    }
    if (node == root) {
        be__fail(err, code, file, nowhere, "%s: the path is empty", what);
        return NULL;
    }
    return node;
}

be_code be__apply_override(be_ydoc *doc, be_ynode *root, const char *ov,
                           const char *file, be_error *err)
{
    be_pos nowhere = {0, 0};
    const char *eq = strchr(ov, '=');
    if (!eq || eq == ov)
        return be__fail(err, BE_EARG, file, nowhere,
                        "--set %s: expected PATH=VALUE", ov);
    const char *value = eq + 1;
    size_t path_len = (size_t)(eq - ov);
    char path[512], what[540];
    if (path_len >= sizeof path)
        return be__fail(err, BE_EARG, file, nowhere,
                        "--set: the path is too long");
    memcpy(path, ov, path_len);
    path[path_len] = '\0';
    snprintf(what, sizeof what, "--set %s", path);
    be_ynode *node =
        be__resolve_path(doc, root, path, what, BE_EARG, nowhere, file, err);
    if (!node)
        return err ? err->code : BE_EARG;
    /* replace the node's contents by a plain scalar, keeping its position */
    be_ynode *v = new_scalar(doc, value, strlen(value), node->pos);
    if (!v)
        return be__fail(err, BE_ENOMEM, file, nowhere, "out of memory");
    *node = *v;
    return BE_OK;
}
