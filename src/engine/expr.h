/*
 * expr.h: the rule language of a methodology. Pure: no I/O, no allocation
 * during evaluation, hard limits on source length, depth, nodes and steps.
 *
 * A rule is compiled once against an environment that resolves its
 * identifiers to slots (input values, constants, group scores), then
 * evaluated for each unit from an array of slot values.
 *
 * The language is stated once, in the table of words (expr_words.c): a new
 * function is a row there, its evaluation in expr_eval.c, and a case in
 * tests/expr/. The files: expr_words.c (the table), expr_lex.c (tokens),
 * expr_parse.c (compiling), expr_eval.c, expr_explain.c; expr_int.h is
 * their shared, private header.
 */
#ifndef DTI_EXPR_H
#define DTI_EXPR_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

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

/* The parts of the language: keywords and functions. */
enum expr_word_kind { EXPR_WORD_KEYWORD, EXPR_WORD_FUNCTION };

/*
 * One word of the rule language. The table of them (expr_words()) is the
 * one place the language is stated: the lexer's keywords, the parser's
 * functions and their arity, the words explanations print, the names a
 * methodology may not give its inputs, and docs/rules.md all come from it.
 */
struct expr_word {
	const char *ew_name; /* as written in a rule: "tiers" */
	enum expr_word_kind ew_kind;
	int ew_min, ew_max; /* functions: arity; ew_max -1: any number */
	const char *ew_form; /* how it is written, e.g. "abs(x)" */
	const char *ew_doc; /* what it means, in English */
	const char *ew_vi; /* the Vietnamese word explanations print, or NULL */
};

/* A compiled rule (opaque: callers use the functions below). */
struct expr;

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
 * expr_compile(out, src, env, d): parse ${src} and resolve it against
 * ${env}. On success store a new expression in ${out} (the caller frees it
 * with expr_free()) and return 0. On failure set ${out} to NULL, record one
 * error in ${d} (no file; line and column within ${src}, from 1, columns
 * counting characters; in both languages) and return -1.
 */
int expr_compile(
    struct expr **, const char *, const struct expr_env *, struct diag *);

/* expr_free(e): free ${e} and all it holds; expr_free(NULL) does nothing. */
void expr_free(struct expr *);

/*
 * expr_eval(e, ev): evaluate ${e}. ${ev}->ev_slots must be set; cross-unit
 * calls read ${ev}->ev_cross (NULL: they evaluate to 0). Division by zero
 * yields 0 and sets EXPR_F_DIV0. Allocates nothing.
 */
double expr_eval(const struct expr *, struct expr_eval *);

/*
 * expr_explain(e, ev, out): append to ${out} (the caller's buffer) the rule
 * with this unit's numbers and the branches taken, in Vietnamese number
 * format. ${ev} is used as for expr_eval.
 */
void expr_explain(const struct expr *, struct expr_eval *, struct buf *);

/* expr_uses_slot(e, slot): 1 when ${e} reads ${slot}, else 0. */
int expr_uses_slot(const struct expr *, int);

/*
 * expr_ncross(e): the number of cross-unit calls (minmax, relbest) in ${e}:
 * the length of the ev_cross and ev_collect arrays expr_eval() uses.
 */
int expr_ncross(const struct expr *);

/* expr_nnodes(e): the nodes ${e} was compiled to (at most EXPR_MAX_NODES). */
int expr_nnodes(const struct expr *);

/*
 * expr_src_offset(src, line, col): the byte offset in ${src} of the
 * character at ${line}:${col}, counted as expr_compile() counts them, so
 * that a caller can place an error in the file the rule came from.
 */
size_t expr_src_offset(const char *, long, long);

/*
 * expr_words(n): the table of keywords and functions (static, never
 * freed); its length is stored in ${n}.
 */
const struct expr_word *expr_words(size_t *);

/*
 * expr_reserved(name, len): 1 when ${name} (${len} bytes) is a keyword or a
 * function of the language, so that it cannot name an input; else 0.
 */
int expr_reserved(const char *, size_t);

/*
 * expr_same(a, b): 1 when ${a} and ${b} are equal within 1e-12 of the
 * larger: how every comparison of a rule decides (expr_eval.c says why),
 * and the data rules of method_rules.c too.
 */
int expr_same(double, double);

#endif
