/*
 * ydoc.h: reading a libyaml document tree: mapping look-ups, scalars,
 * sequences, and positions for messages.
 */
#ifndef DTI_YDOC_H
#define DTI_YDOC_H

#include <stddef.h>
#include <yaml.h>

#include "util/diag.h"

/* ydoc_get(doc, map, key): the value node under ${key}, or NULL. */
yaml_node_t *ydoc_get(yaml_document_t *, yaml_node_t *, const char *);
/* ydoc_str(n): the scalar's text, or NULL when ${n} is not a scalar or is
 * null ("null", "~" or empty plain). */
const char *ydoc_str(yaml_node_t *);
/* ydoc_getstr(doc, map, key): ydoc_str(ydoc_get(...)). */
const char *ydoc_getstr(yaml_document_t *, yaml_node_t *, const char *);
/* ydoc_len(n): the items of sequence ${n}; 0 when it is not a sequence. */
int ydoc_len(yaml_node_t *);
/* ydoc_at(doc, n, i): item ${i} of sequence ${n} (0 <= i < ydoc_len(n)). */
yaml_node_t *ydoc_at(yaml_document_t *, yaml_node_t *, int);
/* ydoc_line(n): 1-based line of ${n}, 0 for NULL. */
long ydoc_line(const yaml_node_t *);
/* ydoc_col(n): 1-based column of ${n}, 0 for NULL. */
long ydoc_col(const yaml_node_t *);

/* What ydoc_load() accepts, and how its errors are named. */
struct ydoc_limits {
	const char *yl_file; /* for messages */
	const char *yl_code_yaml; /* e.g. "org.yaml" */
	const char *yl_code_size; /* e.g. "org.size" */
	const char *yl_what_vi; /* e.g. "tệp tổ chức" */
	const char *yl_what_en; /* e.g. "organisation file" */
	size_t yl_max_bytes;
	int yl_max_depth;
};
/*
 * ydoc_load(doc, text, len, lim, d): load ${text} into ${doc} (free it
 * with yaml_document_delete) after checking, before any tree is built:
 * its size, no NUL byte, one document, no aliases (an alias makes one
 * node count many times), nesting within the limit; -1 with the error in
 * ${d} at its line and column, and ${doc} untouched.
 */
int ydoc_load(yaml_document_t *, const char *, size_t,
    const struct ydoc_limits *, struct diag *);

#endif
