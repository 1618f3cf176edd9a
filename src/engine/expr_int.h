/*
 * expr_int.h: the inside of the rule language, shared by its files and by
 * nothing else: the words' indexes, tokens, nodes, the compiled rule and
 * the parser's state.
 *
 *   expr_words.c    the table of keywords and functions
 *   expr_lex.c      source text to tokens
 *   expr_parse.c    tokens to nodes: expr_compile(), errors, type checks
 *   expr_eval.c     evaluation, cross-unit statistics
 *   expr_explain.c  the rule with a unit's numbers
 */
#ifndef DTI_EXPR_INT_H
#define DTI_EXPR_INT_H

#include "engine/expr.h"

/*
 * The rows of the word table, in its order. Keywords and tokens, and
 * functions and enum expr_fn, run in the same order: T_IF + (w - W_IF) and
 * FN_MIN + (w - W_MIN) convert between them.
 */
enum expr_wordid {
	W_IF,
	W_THEN,
	W_ELIF,
	W_ELSE,
	W_LET,
	W_AND,
	W_OR,
	W_NOT,
	W_MIN,
	W_MAX,
	W_SUM,
	W_CLAMP,
	W_ABS,
	W_TIERS,
	W_MINMAX,
	W_RELBEST,
	W_COUNT
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

enum expr_tok {
	T_EOF,
	T_NUM,
	T_STR,
	T_IDENT,
	T_LP,
	T_RP,
	T_COMMA,
	T_SEMI,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_EQEQ,
	T_NE,
	T_ASSIGN,
	T_IF, /* the keywords, in the order of enum expr_wordid */
	T_THEN,
	T_ELIF,
	T_ELSE,
	T_LET,
	T_AND,
	T_OR,
	T_NOT,
	T_BAD,
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

struct expr_node {
	unsigned char en_op; /* enum expr_op */
	unsigned char en_fn; /* enum expr_fn, for EX_CALL */
	unsigned char en_pct; /* number written as a percentage */
	unsigned char en_choice; /* EX_SLOT of a choice input */
	int en_a, en_b, en_c; /* children; -1 when absent */
	int en_args; /* EX_CALL: first index in xp_args */
	int en_nargs; /* EX_CALL: number of arguments */
	int en_slot; /* EX_SLOT, EX_LOCAL, EX_LET: slot */
	int en_cross; /* cross-unit calls: index in stats */
	double en_num; /* EX_NUM */
	const char *const *en_opts; /* choice: option codes, for display */
	int en_off; /* offset in the source */
	int en_len; /* length of the source text */
};

/* A compiled rule: nodes in one array, children by index. */
struct expr {
	char *xp_src; /* the source, NUL-terminated */
	struct expr_node *xp_nodes;
	int xp_nnodes;
	int *xp_args;
	int xp_nargs;
	int xp_root;
	int xp_nlocals;
	char *xp_locals[EXPR_MAX_LOCALS]; /* let names, for explanations */
	unsigned char xp_local_pct[EXPR_MAX_LOCALS]; /* bound to a ratio */
	int xp_ncross; /* cross-unit calls */
	int *xp_cross_nodes; /* node of each cross-unit call */
};

/* The parser's state; the lexer fills the current token. */
struct parser {
	const char *ps_src;
	size_t ps_len;
	size_t ps_pos; /* next character to lex */
	enum expr_tok ps_tok; /* current token */
	size_t ps_toff; /* its offset */
	size_t ps_tlen; /* its length */
	double ps_num; /* T_NUM value */
	int ps_pct; /* T_NUM written with % */
	int ps_depth;
	const struct expr_env *ps_env;
	struct expr *ps_ex;
	int ps_ncap, ps_acap;
	int ps_nscope; /* let names in scope */
	int ps_scope[EXPR_MAX_LOCALS]; /* their slots */
	struct diag *ps_d; /* where the error goes */
	int ps_failed;
};

/* expr_words.c */
/* expr_word(w): row ${w} of the word table. */
const struct expr_word *expr_word(enum expr_wordid);
/* expr_word_find(kind, s, len): the row of ${s}, or W_COUNT. */
enum expr_wordid expr_word_find(enum expr_word_kind, const char *, size_t);
/* expr_fn_word(fn): the row of function ${fn}. */
const struct expr_word *expr_fn_word(enum expr_fn);

/* expr_lex.c */
/* expr_lex(p): read the next token of ${p} into ps_tok, ps_toff, ... */
void expr_lex(struct parser *);

/* expr_eval.c */
/* expr_eval_node(e, i, ev): the value of node ${i} of ${e}. */
double expr_eval_node(const struct expr *, int, struct expr_eval *);

#endif
