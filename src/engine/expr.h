/*
 * expr.h: the rule language of a methodology. Pure: no I/O, no allocation
 * during evaluation, hard limits on source length, depth, nodes and steps.
 *
 * A rule is compiled once against an environment that resolves its
 * identifiers to slots (input values, constants, group scores), then
 * evaluated for each unit from an array of slot values.
 */
#ifndef DTI_EXPR_H
#define DTI_EXPR_H

#include <stddef.h>

#include "util/buf.h"

#define EXPR_MAX_SRC 4096 /* characters in one rule */
#define EXPR_MAX_DEPTH 64 /* nesting of sub-expressions */
#define EXPR_MAX_NODES 1024 /* nodes in one rule */
#define EXPR_MAX_STEPS 100000
#define EXPR_MAX_LOCALS 32 /* let bindings in one rule */
#define EXPR_MAX_ARGS 64 /* arguments of one call */

/* What an identifier names. */
enum expr_sym_kind {
	SYM_SLOT, /* a value read from the slot array at evaluation */
	SYM_CONST, /* a constant (e.g. points) */
};

struct expr_sym {
	enum expr_sym_kind es_kind;
	int es_slot; /* SYM_SLOT: index in the slot array */
	double es_value; /* SYM_CONST: the value */
	int es_is_choice; /* slot holds an option index */
	int es_is_text; /* slot is text: not usable */
	const char *const *es_options; /* choice: option codes */
	int es_noptions;
};

/*
 * resolve(ctx, name, len, out): fill ${out} for the identifier and return 0,
 * or return -1 when the name is unknown.
 */
struct expr_env {
	int (*ee_resolve)(void *, const char *, size_t, struct expr_sym *);
	void *ee_ctx;
	int ee_allow_cross; /* minmax() and relbest() allowed */
};

/* A compile error: offset into the source, 1-based line and column in it. */
struct expr_error {
	size_t ee_off;
	int ee_line;
	int ee_col;
	char ee_vi[256];
	char ee_en[256];
};

enum expr_op {
	EX_NUM,
	EX_STR,
	EX_SLOT,
	EX_LOCAL,
	EX_NEG,
	EX_NOT,
	EX_ADD,
	EX_SUB,
	EX_MUL,
	EX_DIV,
	EX_LT,
	EX_LE,
	EX_GT,
	EX_GE,
	EX_EQ,
	EX_NE,
	EX_AND,
	EX_OR,
	EX_IF,
	EX_LET,
	EX_CALL,
};

enum expr_fn {
	FN_MIN,
	FN_MAX,
	FN_SUM,
	FN_CLAMP,
	FN_ABS,
	FN_TIERS,
	FN_MINMAX,
	FN_RELBEST,
};

struct expr_node {
	unsigned char en_op; /* enum expr_op */
	unsigned char en_fn; /* enum expr_fn, for EX_CALL */
	unsigned char en_pct; /* number written as a percentage */
	unsigned char en_choice; /* EX_SLOT of a choice input */
	int en_a, en_b, en_c; /* children; -1 when absent */
	int en_args; /* EX_CALL: first index in ex_args */
	int en_nargs; /* EX_CALL: number of arguments */
	int en_slot; /* EX_SLOT, EX_LOCAL, EX_LET: slot */
	int en_cross; /* cross-unit calls: index in stats */
	double en_num; /* EX_NUM */
	const char *const *en_opts; /* choice: option codes, for display */
	int en_off; /* offset in the source */
	int en_len; /* length of the source text */
};

struct expr {
	char *ex_src; /* the source, NUL-terminated */
	struct expr_node *ex_nodes;
	int ex_nnodes;
	int *ex_args;
	int ex_nargs;
	int ex_root;
	int ex_nlocals;
	char *ex_locals[EXPR_MAX_LOCALS]; /* let names, for explanations */
	unsigned char ex_local_pct[EXPR_MAX_LOCALS]; /* bound to a ratio */
	int ex_ncross; /* cross-unit calls */
	int *ex_cross_nodes; /* node of each cross-unit call */
};

/* Statistics of one cross-unit call's argument over a round. */
struct expr_cross {
	double xc_min;
	double xc_max;
	int xc_n; /* units that took part */
};

/* Evaluation flags. */
#define EXPR_F_DIV0 0x1 /* a division by zero happened */
#define EXPR_F_LIMIT 0x2 /* the step limit was reached */

struct expr_eval {
	const double *ev_slots; /* slot values of this unit */
	const struct expr_cross *ev_cross; /* per cross call, or NULL */
	int ev_flags; /* out: EXPR_F_* */
	long ev_steps; /* out: steps taken */
	double ev_locals[EXPR_MAX_LOCALS];
	/*
	 * Collect mode, to gather a round's statistics: when set, each
	 * cross-unit call stores its argument in ev_collect[k], sets
	 * ev_collect_ok[k] when the unit takes part, and returns 0.
	 */
	double *ev_collect;
	unsigned char *ev_collect_ok;
};

/*
 * expr_compile(out, src, env, err): parse ${src} and resolve it against
 * ${env}. On success store a new expression in ${out} and return 0; on
 * failure fill ${err} and return -1.
 */
int expr_compile(
    struct expr **, const char *, const struct expr_env *, struct expr_error *);
void expr_free(struct expr *);

/*
 * expr_eval(e, ev): evaluate ${e}. ${ev}->ev_slots must be set; cross-unit
 * calls read ${ev}->ev_cross (NULL: they evaluate to 0). Division by zero
 * yields 0 and sets EXPR_F_DIV0.
 */
double expr_eval(const struct expr *, struct expr_eval *);

/*
 * expr_explain(e, ev, out): append to ${out} the rule with this unit's
 * numbers and the branches taken, in Vietnamese number format (the caller
 * appends the result). ${ev} is used as for expr_eval.
 */
void expr_explain(const struct expr *, struct expr_eval *, struct buf *);

/* expr_uses_slot(e, slot): 1 when ${e} reads ${slot}. */
int expr_uses_slot(const struct expr *, int);

#endif
