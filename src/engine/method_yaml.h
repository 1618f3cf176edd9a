/*
 * method_yaml.h: the methodology loader's private header, shared by
 * method_yaml.c (the top level), method_yaml_ind.c (indicators, inputs,
 * rules), method_yaml_rules.c (the data rules) and method_yaml_read.c
 * (reading nodes, placing errors). Nothing
 * outside the loader includes it; the loader's one entry is method_load()
 * in method.h.
 */
#ifndef DTI_METHOD_YAML_H
#define DTI_METHOD_YAML_H

#include <yaml.h>

#include "engine/method.h"
#include "util/ydoc.h"

/* The state of one load. */
struct ld {
	yaml_document_t l_doc;
	const char *l_file;
	const char *l_text;
	size_t l_len;
	struct diag *l_d;
	struct method *l_m;
	int l_errors;
	struct strmap l_agency; /* agency code -> index */
	struct strmap l_codes; /* group, indicator, general, derived codes */
	int l_have_total; /* total_points was given */
};

/* ERR(l, node, vi, en, ...): record an error at ${node} (may be NULL). */
#define ERR(l, node, vi, en, ...) \
	do { \
		(l)->l_errors++; \
		diag_add((l)->l_d, DIAG_ERROR, "method", (l)->l_file, \
		    ydoc_line(node), ydoc_col(node), vi, en, ##__VA_ARGS__); \
	} while (0)

/* method_yaml_read.c */
/* method_ld_scalar(l, n, what): the text of scalar ${n}; NULL (reported if not a
 * scalar) otherwise. */
const char *method_ld_scalar(struct ld *, yaml_node_t *, const char *);
/* method_ld_keys(l, map, what, allowed): report keys of ${map} not in the
 * NULL-terminated ${allowed}; -1 when some are, or ${map} is no mapping. */
int method_ld_keys(
    struct ld *, yaml_node_t *, const char *, const char *const *);
/* method_ld_str(l, map, key, required, what): a malloc'd copy of the field, or
 * NULL (reported when ${required}). */
char *method_ld_str(
    struct ld *, yaml_node_t *, const char *, int, const char *);
/* method_ld_num(l, map, key, required, what, out): a number from 0 to 1e9 into
 * ${out}; -1 when absent or bad (reported). */
int method_ld_num(
    struct ld *, yaml_node_t *, const char *, int, const char *, double *);
/* method_ld_want_seq(l, n, what): 0 when ${n} is NULL or a list, else -1
 * (reported). */
int method_ld_want_seq(struct ld *, yaml_node_t *, const char *);
/* method_ld_is_ident(s): 1 when ${s} is an identifier of the rule language. */
int method_ld_is_ident(const char *);
/* method_ld_is_reserved(s): 1 when ${s} is a word of the language or "points". */
int method_ld_is_reserved(const char *);
/* method_ld_is_code(s): 1 when ${s} is a code: letters, digits, '.', '_', '-'. */
int method_ld_is_code(const char *);
/* method_ld_roles(l, map, what, lead, coord, ncoord): the lead and coordinating
 * agencies of ${map}; *${coord} is malloc'd (the method frees it). */
void method_ld_roles(
    struct ld *, yaml_node_t *, const char *, int *, int **, int *);
/* method_ld_add_code(l, at, code): claim ${code}; report a duplicate at ${at}. */
void method_ld_add_code(struct ld *, yaml_node_t *, const char *);
/* method_ld_compile(l, n, what, code, env): the rule in scalar ${n}, compiled; NULL
 * when it does not compile (reported at its place in the file). */
struct expr *method_ld_compile(struct ld *, yaml_node_t *, const char *,
    const char *, const struct expr_env *);

/* method_yaml_ind.c */
/* method_ld_kind(s, k): the input kind named ${s} ("count", ...) into ${k};
 * 0, or -1 for another text. */
int method_ld_kind(const char *, enum input_kind *);
/* method_ld_input(l, n, owner, indicator, general): load one input of indicator
 * ${indicator} or general item ${general} (-1 for the other); its index,
 * or -1. */
int method_ld_input(struct ld *, yaml_node_t *, const char *, int, int);
/* method_ld_indicator(l, n, group, parent): load one indicator (with its parts)
 * of ${group}, a part of ${parent} or -1; its index, or -1. */
int method_ld_indicator(struct ld *, yaml_node_t *, int, int);

/* method_yaml_rules.c */
/* method_ld_rules(l, root): the data-rule sections of mapping ${root}
 * (plausibility, consistency, evidence, contributions), and the rules
 * each input follows. */
void method_ld_rules(struct ld *, yaml_node_t *);

#endif
