/*
 * overrides.h -- `--set PATH=VALUE` and a scenario's `set` on the YAML
 * tree of a model file (overrides.c), for loader.c.  Internal to the
 * model room.
 */
#ifndef BE_OVERRIDES_H
#define BE_OVERRIDES_H

#include "model/values.h"

/* Apply the override ov ("PATH=VALUE") to the tree under root; errors
 * name file. */
be_code be__apply_override(be_ydoc *doc, be_ynode *root, const char *ov,
                           const char *file, be_error *err);
/* The node that path names in the tree (adding missing mapping keys on
 * the way), or NULL with err filled: code, position `at` and messages
 * that start with `what` ("--set PATH" or "scenario 'x': set PATH"). */
be_ynode *be__resolve_path(be_ydoc *doc, be_ynode *root, const char *path,
                           const char *what, be_code code, be_pos at,
                           const char *file, be_error *err);

#endif /* BE_OVERRIDES_H */
