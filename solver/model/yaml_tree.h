/*
 * yaml_tree.h -- a strict, small YAML layer for the loader.  Internal.
 *
 * be__yaml_parse reads one YAML document with libyaml's event API and
 * builds a tree of mappings, sequences and scalars, each with its 1-based
 * source position.  It accepts only what a model file needs and rejects the
 * rest with a located error:
 * - anchors, aliases and tags (BE_EMODEL);
 * - duplicate keys in a mapping, and keys that are not scalars (BE_EMODEL);
 * - nesting deeper than max_depth collections (BE_ELIMIT);
 * - an empty stream or more than one document (BE_EMODEL);
 * - anything libyaml itself rejects, including invalid UTF-8 (BE_ESYNTAX).
 * Scalars are not typed here: the loader does that, narrowly.  A block
 * scalar (`key: |` or `key: >`) loses the line breaks that end it.
 *
 * The whole tree lives in one arena released by be__yaml_free.
 */
#ifndef BE_YAML_TREE_H
#define BE_YAML_TREE_H

#include <stddef.h>

#include "model/model.h"

typedef enum be_ynode_kind {
    BE_YSCALAR,
    BE_YSEQUENCE,
    BE_YMAPPING
} be_ynode_kind;

typedef enum be_yscalar_style {
    BE_YPLAIN,    /* unquoted: the only style that can be a number or bool */
    BE_YQUOTED,   /* 'single' or "double" quoted: always a string */
    BE_YBLOCK     /* | literal or > folded: always a string */
} be_yscalar_style;

typedef struct be_ynode be_ynode;
struct be_ynode {
    be_ynode_kind kind;
    be_yscalar_style style;   /* scalars only */
    be_pos pos;               /* where the node starts */
    size_t n;                 /* scalar: bytes in text; sequence: items;
                                 mapping: key/value pairs */
    union {
        const char *text;     /* scalar bytes, NUL-terminated after n
                                 bytes, but may contain NUL themselves */
        be_ynode **items;     /* sequence: items[n]; mapping: keys at
                                 items[2i], values at items[2i+1] */
    } u;
};

typedef struct be_ydoc be_ydoc;

/* Parse text[0..len) as one YAML document.  On success returns BE_OK and
 * sets *doc (free with be__yaml_free) and *root.  On failure returns the
 * code, fills err (file is used for err->file) and sets *doc to NULL. */
be_code be__yaml_parse(const char *text, size_t len, int max_depth,
                       const char *file, be_ydoc **doc,
                       const be_ynode **root, be_error *err);

void be__yaml_free(be_ydoc *doc);

/* n bytes from the document's arena (aligned, freed with it), or NULL.
 * Used to edit the tree in place (parameter overrides). */
void *be__yaml_alloc(be_ydoc *doc, size_t n);

/* Write a scalar's bytes into buf (size > 0) for a one-line message:
 * control characters, quotes and bytes that are not printable ASCII or
 * UTF-8 are escaped as \xNN, and long text is cut with "...". */
const char *be__yaml_quote(const char *s, size_t n, char *buf, size_t size);

/* 1 when s[0..n) is a number as model and plan files write them:
 * [-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  -- YAML 1.2's core
 * schema allows the '+'; no leading zeros, no '_', no bare '.5' or '5.', no
 * hex, no YAML 1.1 forms. */
int be__yaml_number_syntax(const char *s, size_t n);

#endif /* BE_YAML_TREE_H */
