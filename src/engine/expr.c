/*
 * expr.c: lexer, recursive-descent parser, evaluator and explainer of the
 * rule language. Nodes live in one array; children are indexes.
 */
#include "engine/expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

enum tok {
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
	T_IF,
	T_THEN,
	T_ELIF,
	T_ELSE,
	T_LET,
	T_AND,
	T_OR,
	T_NOT,
	T_BAD,
};

struct parser {
	const char *p_src;
	size_t p_len;
	size_t p_pos; /* next character to lex */
	enum tok p_tok; /* current token */
	size_t p_toff; /* its offset */
	size_t p_tlen; /* its length */
	double p_num; /* T_NUM value */
	int p_pct; /* T_NUM written with % */
	int p_depth;
	const struct expr_env *p_env;
	struct expr *p_ex;
	int p_ncap, p_acap;
	int p_nscope; /* let names in scope */
	int p_scope[EXPR_MAX_LOCALS]; /* their slots */
	struct expr_error *p_err;
	int p_failed;
};

static const struct {
	const char *name;
	enum expr_fn fn;
	int min, max; /* arity; max -1: any */
} fns[] = {
	{ "min", FN_MIN, 1, -1 },
	{ "max", FN_MAX, 1, -1 },
	{ "sum", FN_SUM, 1, -1 },
	{ "clamp", FN_CLAMP, 3, 3 },
	{ "abs", FN_ABS, 1, 1 },
	{ "tiers", FN_TIERS, 4, -1 },
	{ "minmax", FN_MINMAX, 1, 1 },
	{ "relbest", FN_RELBEST, 1, 1 },
};

static void
set_pos(struct expr_error *err, const char *src, size_t off)
{
	size_t i;

	err->ee_off = off;
	err->ee_line = 1;
	err->ee_col = 1;
	for (i = 0; i < off && src[i] != '\0'; i++) {
		if (src[i] == '\n') {
			err->ee_line++;
			err->ee_col = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80) {
			err->ee_col++; /* count characters, not bytes */
		}
	}
}

__attribute__((format(printf, 4, 5))) static void
fail(struct parser *p, size_t off, const char *vi, const char *en, ...)
{
	va_list ap;

	if (p->p_failed)
		return;
	p->p_failed = 1;
	set_pos(p->p_err, p->p_src, off);
	va_start(ap, en);
	vsnprintf(p->p_err->ee_vi, sizeof(p->p_err->ee_vi), vi, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(p->p_err->ee_en, sizeof(p->p_err->ee_en), en, ap);
	va_end(ap);
}

static int
is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static void
lex(struct parser *p)
{
	const char *s = p->p_src;
	size_t i = p->p_pos;

	for (;;) {
		while (i < p->p_len &&
		    (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			s[i] == '\r'))
			i++;
		if (i < p->p_len && s[i] == '#') { /* comment to end of line */
			while (i < p->p_len && s[i] != '\n')
				i++;
			continue;
		}
		break;
	}
	p->p_toff = i;
	p->p_pct = 0;
	if (i >= p->p_len) {
		p->p_tok = T_EOF;
		p->p_tlen = 0;
		p->p_pos = i;
		return;
	}
	if ((s[i] >= '0' && s[i] <= '9') ||
	    (s[i] == '.' && i + 1 < p->p_len && s[i + 1] >= '0' &&
		s[i + 1] <= '9')) {
		size_t st = i;
		char tmp[64];

		while (i < p->p_len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i < p->p_len && s[i] == '.') {
			i++;
			while (i < p->p_len && s[i] >= '0' && s[i] <= '9')
				i++;
		}
		if (i - st >= sizeof(tmp) || (i < p->p_len && is_ident(s[i]))) {
			p->p_tok = T_BAD;
			p->p_tlen = i - st;
			p->p_pos = i;
			return;
		}
		memcpy(tmp, s + st, i - st);
		tmp[i - st] = '\0';
		p->p_num = strtod(tmp, NULL);
		if (i < p->p_len && s[i] == '%') {
			p->p_pct = 1;
			p->p_num /= 100.0;
			i++;
		}
		p->p_tok = T_NUM;
	} else if (is_ident_start(s[i])) {
		static const struct {
			const char *kw;
			enum tok t;
		} kws[] = { { "if", T_IF }, { "then", T_THEN },
			{ "elif", T_ELIF }, { "else", T_ELSE },
			{ "let", T_LET }, { "and", T_AND }, { "or", T_OR },
			{ "not", T_NOT } };
		size_t st = i, k;

		while (i < p->p_len && is_ident(s[i]))
			i++;
		p->p_tok = T_IDENT;
		for (k = 0; k < sizeof(kws) / sizeof(kws[0]); k++) {
			if (strlen(kws[k].kw) == i - st &&
			    memcmp(kws[k].kw, s + st, i - st) == 0)
				p->p_tok = kws[k].t;
		}
	} else if (s[i] == '"') {
		i++;
		while (i < p->p_len && s[i] != '"' && s[i] != '\n')
			i++;
		if (i >= p->p_len || s[i] != '"') {
			p->p_tok = T_BAD;
			p->p_tlen = i - p->p_toff;
			p->p_pos = i;
			return;
		}
		i++;
		p->p_tok = T_STR;
	} else {
		char c = s[i], n = i + 1 < p->p_len ? s[i + 1] : '\0';

		i++;
		switch (c) {
		case '(': p->p_tok = T_LP; break;
		case ')': p->p_tok = T_RP; break;
		case ',': p->p_tok = T_COMMA; break;
		case ';': p->p_tok = T_SEMI; break;
		case '+': p->p_tok = T_PLUS; break;
		case '-': p->p_tok = T_MINUS; break;
		case '*': p->p_tok = T_STAR; break;
		case '/': p->p_tok = T_SLASH; break;
		case '<':
			p->p_tok = n == '=' ? T_LE : T_LT;
			i += n == '=';
			break;
		case '>':
			p->p_tok = n == '=' ? T_GE : T_GT;
			i += n == '=';
			break;
		case '=':
			p->p_tok = n == '=' ? T_EQEQ : T_ASSIGN;
			i += n == '=';
			break;
		case '!':
			p->p_tok = n == '=' ? T_NE : T_BAD;
			i += n == '=';
			break;
		default:
			/* one whole UTF-8 character, for the message */
			while (i < p->p_len &&
			    ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			p->p_tok = T_BAD;
		}
	}
	p->p_tlen = i - p->p_toff;
	p->p_pos = i;
}

static int
node_new(struct parser *p, enum expr_op op, size_t off)
{
	struct expr *ex = p->p_ex;
	struct expr_node *n;

	if (ex->ex_nnodes >= EXPR_MAX_NODES) {
		fail(p, off, "biểu thức quá lớn (quá %d nút)",
		    "expression too large (over %d nodes)", EXPR_MAX_NODES);
		return -1;
	}
	if (ex->ex_nnodes == p->p_ncap) {
		p->p_ncap = p->p_ncap ? p->p_ncap * 2 : 16;
		ex->ex_nodes = xreallocarray(
		    ex->ex_nodes, (size_t)p->p_ncap, sizeof(*ex->ex_nodes));
	}
	n = &ex->ex_nodes[ex->ex_nnodes];
	memset(n, 0, sizeof(*n));
	n->en_op = (unsigned char)op;
	n->en_a = n->en_b = n->en_c = -1;
	n->en_slot = -1;
	n->en_cross = -1;
	n->en_off = (int)off;
	return ex->ex_nnodes++;
}

static const char *
tok_text(struct parser *p, char *tmp, size_t size)
{
	size_t n = p->p_tlen;

	if (p->p_tok == T_EOF)
		return "<hết>";
	if (n >= size)
		n = size - 1;
	memcpy(tmp, p->p_src + p->p_toff, n);
	tmp[n] = '\0';
	return tmp;
}

static void
unexpected(struct parser *p, const char *want_vi, const char *want_en)
{
	char tmp[64];

	if (p->p_tok == T_EOF)
		fail(p, p->p_toff, "biểu thức kết thúc sớm, cần %s%.0s",
		    "unexpected end of expression, expected %.0s%s", want_vi,
		    want_en);
	else if (p->p_tok == T_BAD)
		fail(p, p->p_toff, "ký hiệu không hợp lệ '%s'",
		    "invalid token '%s'", tok_text(p, tmp, sizeof(tmp)));
	else
		fail(p, p->p_toff, "gặp '%s', cần %s%.0s",
		    "unexpected '%s', expected %.0s%s",
		    tok_text(p, tmp, sizeof(tmp)), want_vi, want_en);
}

/* Enter one level of nesting; say so and return 1 past the limit. */
static int
too_deep(struct parser *p, size_t off)
{
	if (++p->p_depth <= EXPR_MAX_DEPTH)
		return 0;
	fail(p, off, "biểu thức lồng quá sâu (quá %d mức)",
	    "expression nested too deeply (over %d levels)", EXPR_MAX_DEPTH);
	return 1;
}

static int
expect(struct parser *p, enum tok t, const char *vi, const char *en)
{
	if (p->p_tok != t) {
		unexpected(p, vi, en);
		return -1;
	}
	lex(p);
	return 0;
}

static int parse_expr(struct parser *);

static int
binary(struct parser *p, enum expr_op op, int a, int b, size_t off)
{
	int n;

	if (a < 0 || b < 0)
		return -1;
	n = node_new(p, op, off);
	if (n < 0)
		return -1;
	p->p_ex->ex_nodes[n].en_a = a;
	p->p_ex->ex_nodes[n].en_b = b;
	return n;
}

static int
parse_call(struct parser *p, const char *name, size_t nlen, size_t off)
{
	struct expr *ex = p->p_ex;
	int args[EXPR_MAX_ARGS], nargs = 0, n, i;
	size_t k;

	for (k = 0; k < sizeof(fns) / sizeof(fns[0]); k++) {
		if (strlen(fns[k].name) == nlen &&
		    memcmp(fns[k].name, name, nlen) == 0)
			break;
	}
	if (k == sizeof(fns) / sizeof(fns[0])) {
		fail(p, off, "không có hàm '%.*s'", "unknown function '%.*s'",
		    (int)nlen, name);
		return -1;
	}
	if ((fns[k].fn == FN_MINMAX || fns[k].fn == FN_RELBEST) &&
	    !p->p_env->ee_allow_cross) {
		fail(p, off,
		    "hàm so sánh giữa các đơn vị '%s' không dùng được ở đây",
		    "cross-unit function '%s' is not allowed here",
		    fns[k].name);
		return -1;
	}
	lex(p); /* ( */
	if (p->p_tok != T_RP) {
		for (;;) {
			if (nargs == EXPR_MAX_ARGS) {
				fail(p, p->p_toff,
				    "quá nhiều đối số (tối đa %d)",
				    "too many arguments (at most %d)",
				    EXPR_MAX_ARGS);
				return -1;
			}
			args[nargs] = parse_expr(p);
			if (args[nargs++] < 0)
				return -1;
			if (p->p_tok != T_COMMA)
				break;
			lex(p);
		}
	}
	if (expect(p, T_RP, "')'", "')'") < 0)
		return -1;
	if (nargs < fns[k].min || (fns[k].max >= 0 && nargs > fns[k].max)) {
		fail(p, off, "hàm '%s' nhận sai số đối số (%d)",
		    "function '%s' takes a different number of arguments (%d given)",
		    fns[k].name, nargs);
		return -1;
	}
	if (fns[k].fn == FN_TIERS && nargs % 2 != 0) {
		fail(p, off,
		    "tiers(x, ngưỡng, giá trị, ..., mặc định): mỗi ngưỡng cần một giá trị",
		    "tiers(x, threshold, value, ..., default): each threshold needs a value");
		return -1;
	}
	n = node_new(p, EX_CALL, off);
	if (n < 0)
		return -1;
	if (ex->ex_nargs + nargs > p->p_acap) {
		while (ex->ex_nargs + nargs > p->p_acap)
			p->p_acap = p->p_acap ? p->p_acap * 2 : 16;
		ex->ex_args = xreallocarray(
		    ex->ex_args, (size_t)p->p_acap, sizeof(*ex->ex_args));
	}
	ex->ex_nodes[n].en_fn = (unsigned char)fns[k].fn;
	ex->ex_nodes[n].en_args = ex->ex_nargs;
	ex->ex_nodes[n].en_nargs = nargs;
	for (i = 0; i < nargs; i++)
		ex->ex_args[ex->ex_nargs++] = args[i];
	if (fns[k].fn == FN_MINMAX || fns[k].fn == FN_RELBEST) {
		ex->ex_nodes[n].en_cross = ex->ex_ncross;
		ex->ex_cross_nodes = xreallocarray(
		    ex->ex_cross_nodes, (size_t)ex->ex_ncross + 1, sizeof(int));
		ex->ex_cross_nodes[ex->ex_ncross++] = n;
	}
	return n;
}

static int
parse_ident(struct parser *p)
{
	const char *name = p->p_src + p->p_toff;
	size_t nlen = p->p_tlen, off = p->p_toff;
	struct expr_sym sym;
	int n, i;

	lex(p);
	if (p->p_tok == T_LP)
		return parse_call(p, name, nlen, off);
	/* innermost let first */
	for (i = p->p_nscope - 1; i >= 0; i--) {
		const char *ln = p->p_ex->ex_locals[p->p_scope[i]];

		if (strlen(ln) == nlen && memcmp(ln, name, nlen) == 0) {
			n = node_new(p, EX_LOCAL, off);
			if (n >= 0)
				p->p_ex->ex_nodes[n].en_slot = p->p_scope[i];
			return n;
		}
	}
	memset(&sym, 0, sizeof(sym));
	if (p->p_env->ee_resolve == NULL ||
	    p->p_env->ee_resolve(p->p_env->ee_ctx, name, nlen, &sym) < 0) {
		fail(p, off, "không biết tên '%.*s'", "unknown name '%.*s'",
		    (int)nlen, name);
		return -1;
	}
	if (sym.es_is_text) {
		fail(p, off,
		    "'%.*s' là dữ liệu văn bản, không dùng trong công thức",
		    "'%.*s' is a text input and cannot be used in a rule",
		    (int)nlen, name);
		return -1;
	}
	if (sym.es_kind == SYM_CONST) {
		n = node_new(p, EX_NUM, off);
		if (n >= 0)
			p->p_ex->ex_nodes[n].en_num = sym.es_value;
		return n;
	}
	n = node_new(p, EX_SLOT, off);
	if (n >= 0) {
		struct expr_node *nd = &p->p_ex->ex_nodes[n];

		nd->en_slot = sym.es_slot;
		nd->en_choice = (unsigned char)(sym.es_is_choice != 0);
		nd->en_opts = sym.es_options;
		/* the option count rides in en_nargs for choice slots */
		nd->en_nargs = sym.es_noptions;
	}
	return n;
}

static int
parse_primary(struct parser *p)
{
	int n;
	size_t off = p->p_toff;

	/* depth is counted where sub-expressions open: parse_expr, unary */
	switch (p->p_tok) {
	case T_NUM:
		n = node_new(p, EX_NUM, off);
		if (n >= 0) {
			p->p_ex->ex_nodes[n].en_num = p->p_num;
			p->p_ex->ex_nodes[n].en_pct = (unsigned char)p->p_pct;
		}
		lex(p);
		break;
	case T_STR:
		n = node_new(p, EX_STR, off);
		lex(p);
		break;
	case T_IDENT: n = parse_ident(p); break;
	case T_LP:
		lex(p);
		n = parse_expr(p);
		if (n >= 0 && expect(p, T_RP, "')'", "')'") < 0)
			n = -1;
		break;
	case T_IF:
	case T_LET: n = parse_expr(p); break;
	default: unexpected(p, "một giá trị", "a value"); n = -1;
	}
	return n;
}

/* A prefix operator (unary minus, not) applied to what ${operand} parses. */
static int
prefix(struct parser *p, enum expr_op op, int (*operand)(struct parser *))
{
	size_t off = p->p_toff;
	int a, n;

	if (too_deep(p, off))
		return -1;
	lex(p);
	a = operand(p);
	p->p_depth--;
	if (a < 0)
		return -1;
	n = node_new(p, op, off);
	if (n >= 0)
		p->p_ex->ex_nodes[n].en_a = a;
	return n;
}

static int
parse_unary(struct parser *p)
{
	return p->p_tok == T_MINUS ? prefix(p, EX_NEG, parse_unary)
				   : parse_primary(p);
}

static int
parse_mul(struct parser *p)
{
	int a = parse_unary(p);

	while (a >= 0 && (p->p_tok == T_STAR || p->p_tok == T_SLASH)) {
		enum expr_op op = p->p_tok == T_STAR ? EX_MUL : EX_DIV;
		size_t off = p->p_toff;

		lex(p);
		a = binary(p, op, a, parse_unary(p), off);
	}
	return a;
}

static int
parse_add(struct parser *p)
{
	int a = parse_mul(p);

	while (a >= 0 && (p->p_tok == T_PLUS || p->p_tok == T_MINUS)) {
		enum expr_op op = p->p_tok == T_PLUS ? EX_ADD : EX_SUB;
		size_t off = p->p_toff;

		lex(p);
		a = binary(p, op, a, parse_mul(p), off);
	}
	return a;
}

/* Compare a choice input with an option code: the code becomes its index. */
static int
fold_choice(struct parser *p, int n)
{
	struct expr *ex = p->p_ex;
	struct expr_node *nd = &ex->ex_nodes[n];
	struct expr_node *a = &ex->ex_nodes[nd->en_a];
	struct expr_node *b = &ex->ex_nodes[nd->en_b];
	struct expr_node *var, *str;
	size_t len;
	int k;

	if (a->en_op == EX_SLOT && a->en_choice && b->en_op == EX_STR) {
		var = a;
		str = b;
	} else if (b->en_op == EX_SLOT && b->en_choice && a->en_op == EX_STR) {
		var = b;
		str = a;
	} else {
		return 0;
	}
	len = strcspn(p->p_src + str->en_off + 1, "\"");
	for (k = 0; k < var->en_nargs; k++) {
		if (strlen(var->en_opts[k]) == len &&
		    memcmp(var->en_opts[k], p->p_src + str->en_off + 1, len) ==
			0)
			break;
	}
	if (k == var->en_nargs) {
		fail(p, (size_t)str->en_off, "không có lựa chọn \"%.*s\"",
		    "no option \"%.*s\" for this input", (int)len,
		    p->p_src + str->en_off + 1);
		return -1;
	}
	str->en_op = EX_NUM;
	str->en_num = k;
	str->en_nargs = -1; /* marks a folded option code, for display */
	str->en_opts = var->en_opts;
	var->en_choice = 2; /* compared: a legal use */
	return 0;
}

static int
parse_cmp(struct parser *p)
{
	int a = parse_add(p), n;
	enum expr_op op;
	size_t off;

	if (a < 0)
		return -1;
	switch (p->p_tok) {
	case T_LT: op = EX_LT; break;
	case T_LE: op = EX_LE; break;
	case T_GT: op = EX_GT; break;
	case T_GE: op = EX_GE; break;
	case T_EQEQ: op = EX_EQ; break;
	case T_NE: op = EX_NE; break;
	case T_ASSIGN:
		fail(p, p->p_toff, "dùng '==' để so sánh bằng",
		    "use '==' to compare for equality");
		return -1;
	default: return a;
	}
	off = p->p_toff;
	lex(p);
	n = binary(p, op, a, parse_add(p), off);
	if (n >= 0 && (op == EX_EQ || op == EX_NE) && fold_choice(p, n) < 0)
		return -1;
	return n;
}

static int
parse_not(struct parser *p)
{
	return p->p_tok == T_NOT ? prefix(p, EX_NOT, parse_not) : parse_cmp(p);
}

static int
parse_and(struct parser *p)
{
	int a = parse_not(p);

	while (a >= 0 && p->p_tok == T_AND) {
		size_t off = p->p_toff;

		lex(p);
		a = binary(p, EX_AND, a, parse_not(p), off);
	}
	return a;
}

static int
parse_or(struct parser *p)
{
	int a = parse_and(p);

	while (a >= 0 && p->p_tok == T_OR) {
		size_t off = p->p_toff;

		lex(p);
		a = binary(p, EX_OR, a, parse_and(p), off);
	}
	return a;
}

/* if C then A (elif C then A)* else B; the elif chain nests to the right. */
static int
parse_if(struct parser *p)
{
	size_t off = p->p_toff;
	int c, a, b, n;

	lex(p); /* if or elif */
	c = parse_expr(p);
	if (c < 0 || expect(p, T_THEN, "'then'", "'then'") < 0)
		return -1;
	a = parse_expr(p);
	if (a < 0)
		return -1;
	if (p->p_tok == T_ELIF) {
		b = parse_if(p);
	} else {
		if (expect(p, T_ELSE, "'else' hoặc 'elif'",
			"'else' or 'elif'") < 0)
			return -1;
		b = parse_expr(p);
	}
	if (b < 0)
		return -1;
	n = node_new(p, EX_IF, off);
	if (n >= 0) {
		p->p_ex->ex_nodes[n].en_a = c;
		p->p_ex->ex_nodes[n].en_b = a;
		p->p_ex->ex_nodes[n].en_c = b;
	}
	return n;
}

static int
parse_let(struct parser *p)
{
	struct expr *ex = p->p_ex;
	size_t off = p->p_toff, noff;
	int v, body, n, slot;
	struct expr_sym sym;

	lex(p);
	if (p->p_tok != T_IDENT) {
		unexpected(p, "một tên", "a name");
		return -1;
	}
	noff = p->p_toff;
	if (ex->ex_nlocals == EXPR_MAX_LOCALS) {
		fail(p, noff, "quá nhiều 'let' (tối đa %d)",
		    "too many 'let' bindings (at most %d)", EXPR_MAX_LOCALS);
		return -1;
	}
	memset(&sym, 0, sizeof(sym));
	if (p->p_env->ee_resolve != NULL &&
	    p->p_env->ee_resolve(
		p->p_env->ee_ctx, p->p_src + noff, p->p_tlen, &sym) == 0) {
		fail(p, noff, "'%.*s' đã là tên của một dữ liệu",
		    "'%.*s' already names an input", (int)p->p_tlen,
		    p->p_src + noff);
		return -1;
	}
	slot = ex->ex_nlocals++;
	ex->ex_locals[slot] = xstrndup(p->p_src + noff, p->p_tlen);
	lex(p);
	if (expect(p, T_ASSIGN, "'='", "'='") < 0)
		return -1;
	v = parse_expr(p);
	if (v < 0 || expect(p, T_SEMI, "';'", "';'") < 0)
		return -1;
	ex->ex_local_pct[slot] =
	    (unsigned char)(ex->ex_nodes[v].en_op == EX_DIV);
	p->p_scope[p->p_nscope++] = slot;
	body = parse_expr(p);
	p->p_nscope--;
	if (body < 0)
		return -1;
	n = node_new(p, EX_LET, off);
	if (n >= 0) {
		ex->ex_nodes[n].en_slot = slot;
		ex->ex_nodes[n].en_a = v;
		ex->ex_nodes[n].en_b = body;
	}
	return n;
}

static int
parse_expr(struct parser *p)
{
	int n;

	if (too_deep(p, p->p_toff))
		return -1;
	if (p->p_tok == T_IF)
		n = parse_if(p);
	else if (p->p_tok == T_LET)
		n = parse_let(p);
	else
		n = parse_or(p);
	p->p_depth--;
	return n;
}

/* find_cross(ex, i): a cross-unit call in the subtree at ${i}, or -1. */
static int
find_cross(const struct expr *ex, int i)
{
	const struct expr_node *n;
	int k, r;

	if (i < 0)
		return -1;
	n = &ex->ex_nodes[i];
	if (n->en_op == EX_LOCAL) {
		/* a let name stands for its value: look through it */
		for (k = 0; k < ex->ex_nnodes; k++) {
			if (ex->ex_nodes[k].en_op == EX_LET &&
			    ex->ex_nodes[k].en_slot == n->en_slot)
				return find_cross(ex, ex->ex_nodes[k].en_a);
		}
		return -1;
	}
	if (n->en_op == EX_CALL) {
		if (n->en_cross >= 0)
			return i;
		for (k = 0; k < n->en_nargs; k++) {
			r = find_cross(ex, ex->ex_args[n->en_args + k]);
			if (r >= 0)
				return r;
		}
		return -1;
	}
	if ((r = find_cross(ex, n->en_a)) >= 0 ||
	    (r = find_cross(ex, n->en_b)) >= 0)
		return r;
	return find_cross(ex, n->en_c);
}

/* After parsing: option codes only beside a choice input, and vice versa. */
static int
check_types(struct parser *p)
{
	struct expr *ex = p->p_ex;
	int i;

	for (i = 0; i < ex->ex_nnodes; i++) {
		struct expr_node *n = &ex->ex_nodes[i];

		if (n->en_op == EX_STR) {
			fail(p, (size_t)n->en_off,
			    "chuỗi chỉ dùng để so sánh với dữ liệu lựa chọn",
			    "a string can only be compared with a choice input");
			return -1;
		}
		if (n->en_op == EX_SLOT && n->en_choice == 1) {
			fail(p, (size_t)n->en_off,
			    "dữ liệu lựa chọn chỉ so sánh được với mã lựa chọn (x == \"mã\")",
			    "a choice input can only be compared with an option code (x == \"code\")");
			return -1;
		}
	}
	/* cross-unit calls must not nest */
	for (i = 0; i < ex->ex_ncross; i++) {
		const struct expr_node *c =
		    &ex->ex_nodes[ex->ex_cross_nodes[i]];
		int inner = find_cross(ex, ex->ex_args[c->en_args]);

		if (inner >= 0) {
			fail(p, (size_t)ex->ex_nodes[inner].en_off,
			    "không lồng hàm so sánh giữa các đơn vị vào nhau",
			    "cross-unit functions cannot be nested");
			return -1;
		}
	}
	return 0;
}

int
expr_compile(struct expr **out, const char *src, const struct expr_env *env,
    struct expr_error *err)
{
	struct parser p;
	struct expr *ex;
	size_t len = strlen(src);

	memset(err, 0, sizeof(*err));
	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.p_src = src;
	p.p_len = len;
	p.p_env = env;
	p.p_err = err;
	p.p_depth = -1; /* the whole rule is depth 0 */
	if (len > EXPR_MAX_SRC) {
		fail(&p, EXPR_MAX_SRC, "biểu thức quá dài (quá %d ký tự)",
		    "expression too long (over %d characters)", EXPR_MAX_SRC);
		return -1;
	}
	ex = xcalloc(1, sizeof(*ex));
	ex->ex_src = xstrdup(src);
	p.p_src = ex->ex_src;
	p.p_ex = ex;
	lex(&p);
	if (p.p_tok == T_EOF) {
		fail(&p, 0, "biểu thức rỗng", "empty expression");
		goto err;
	}
	ex->ex_root = parse_expr(&p);
	if (ex->ex_root < 0)
		goto err;
	if (p.p_tok != T_EOF) {
		unexpected(&p, "hết biểu thức", "end of expression");
		goto err;
	}
	if (check_types(&p) < 0)
		goto err;
	*out = ex;
	return 0;
err:
	expr_free(ex);
	return -1;
}

void
expr_free(struct expr *ex)
{
	int i;

	if (ex == NULL)
		return;
	for (i = 0; i < ex->ex_nlocals; i++)
		free(ex->ex_locals[i]);
	free(ex->ex_src);
	free(ex->ex_nodes);
	free(ex->ex_args);
	free(ex->ex_cross_nodes);
	free(ex);
}

static double eval(const struct expr *, int, struct expr_eval *);

static double
divide(double a, double b, struct expr_eval *ev)
{
	if (b == 0.0) {
		ev->ev_flags |= EXPR_F_DIV0;
		return 0.0;
	}
	return a / b;
}

static double
cross_value(const struct expr_node *n, double x, const struct expr_eval *ev)
{
	const struct expr_cross *c;

	if (ev->ev_cross == NULL)
		return 0.0;
	c = &ev->ev_cross[n->en_cross];
	if (c->xc_n == 0)
		return 0.0;
	if (n->en_fn == FN_RELBEST)
		return c->xc_max > 0.0 ? x / c->xc_max : 0.0;
	/* Min-Max; when all units are equal, full points if above 0 */
	if (c->xc_max == c->xc_min)
		return c->xc_max > 0.0 ? 1.0 : 0.0;
	return (x - c->xc_min) / (c->xc_max - c->xc_min);
}

static double
call(const struct expr *ex, const struct expr_node *n, struct expr_eval *ev)
{
	const int *args = ex->ex_args + n->en_args;
	double v, w;
	int i;

	switch ((enum expr_fn)n->en_fn) {
	case FN_MIN:
	case FN_MAX:
		v = eval(ex, args[0], ev);
		for (i = 1; i < n->en_nargs; i++) {
			w = eval(ex, args[i], ev);
			if (n->en_fn == FN_MIN ? w < v : w > v)
				v = w;
		}
		return v;
	case FN_SUM:
		v = 0.0;
		for (i = 0; i < n->en_nargs; i++)
			v += eval(ex, args[i], ev);
		return v;
	case FN_CLAMP:
		v = eval(ex, args[0], ev);
		w = eval(ex, args[1], ev);
		if (v < w)
			v = w;
		w = eval(ex, args[2], ev);
		return v > w ? w : v;
	case FN_ABS: return fabs(eval(ex, args[0], ev));
	case FN_TIERS:
		v = eval(ex, args[0], ev);
		for (i = 1; i + 1 < n->en_nargs; i += 2) {
			if (v >= eval(ex, args[i], ev))
				return eval(ex, args[i + 1], ev);
		}
		return eval(ex, args[n->en_nargs - 1], ev);
	case FN_MINMAX:
	case FN_RELBEST: {
		int before = ev->ev_flags, mine;

		/* judge the argument by its own flags, not earlier ones */
		ev->ev_flags = 0;
		v = eval(ex, args[0], ev);
		mine = ev->ev_flags;
		ev->ev_flags |= before;
		/* a unit without a value takes no part and scores 0 */
		if (mine != 0)
			return 0.0;
		if (ev->ev_collect != NULL) {
			ev->ev_collect[n->en_cross] = v;
			ev->ev_collect_ok[n->en_cross] = 1;
			return 0.0;
		}
		return cross_value(n, v, ev);
	}
	}
	return 0.0;
}

static double
eval(const struct expr *ex, int i, struct expr_eval *ev)
{
	const struct expr_node *n = &ex->ex_nodes[i];
	double a;

	if (++ev->ev_steps > EXPR_MAX_STEPS) {
		ev->ev_flags |= EXPR_F_LIMIT;
		return 0.0;
	}
	switch ((enum expr_op)n->en_op) {
	case EX_NUM: return n->en_num;
	case EX_STR: return 0.0; /* rejected at compile time */
	case EX_SLOT: return ev->ev_slots[n->en_slot];
	case EX_LOCAL: return ev->ev_locals[n->en_slot];
	case EX_NEG: return -eval(ex, n->en_a, ev);
	case EX_NOT: return eval(ex, n->en_a, ev) == 0.0;
	case EX_ADD: return eval(ex, n->en_a, ev) + eval(ex, n->en_b, ev);
	case EX_SUB: return eval(ex, n->en_a, ev) - eval(ex, n->en_b, ev);
	case EX_MUL: return eval(ex, n->en_a, ev) * eval(ex, n->en_b, ev);
	case EX_DIV:
		a = eval(ex, n->en_a, ev);
		return divide(a, eval(ex, n->en_b, ev), ev);
	case EX_LT: a = eval(ex, n->en_a, ev); return a < eval(ex, n->en_b, ev);
	case EX_LE:
		a = eval(ex, n->en_a, ev);
		return a <= eval(ex, n->en_b, ev);
	case EX_GT: a = eval(ex, n->en_a, ev); return a > eval(ex, n->en_b, ev);
	case EX_GE:
		a = eval(ex, n->en_a, ev);
		return a >= eval(ex, n->en_b, ev);
	case EX_EQ:
		a = eval(ex, n->en_a, ev);
		return a == eval(ex, n->en_b, ev);
	case EX_NE:
		a = eval(ex, n->en_a, ev);
		return a != eval(ex, n->en_b, ev);
	case EX_AND:
		return eval(ex, n->en_a, ev) != 0.0 &&
		    eval(ex, n->en_b, ev) != 0.0;
	case EX_OR:
		return eval(ex, n->en_a, ev) != 0.0 ||
		    eval(ex, n->en_b, ev) != 0.0;
	case EX_IF:
		return eval(ex, n->en_a, ev) != 0.0 ? eval(ex, n->en_b, ev)
						    : eval(ex, n->en_c, ev);
	case EX_LET:
		ev->ev_locals[n->en_slot] = eval(ex, n->en_a, ev);
		return eval(ex, n->en_b, ev);
	case EX_CALL: return call(ex, n, ev);
	}
	return 0.0;
}

double
expr_eval(const struct expr *ex, struct expr_eval *ev)
{
	double v;

	ev->ev_flags = 0;
	ev->ev_steps = 0;
	v = eval(ex, ex->ex_root, ev);
	if (!isfinite(v))
		v = 0.0;
	return v;
}

int
expr_uses_slot(const struct expr *ex, int slot)
{
	int i;

	for (i = 0; i < ex->ex_nnodes; i++) {
		if (ex->ex_nodes[i].en_op == EX_SLOT &&
		    ex->ex_nodes[i].en_slot == slot)
			return 1;
	}
	return 0;
}

/* Explanations: the rule with this unit's numbers and the branch taken. */

static void explain(
    const struct expr *, int, struct expr_eval *, struct buf *, int);

static int
prec(const struct expr_node *n)
{
	switch ((enum expr_op)n->en_op) {
	case EX_OR: return 1;
	case EX_AND: return 2;
	case EX_NOT: return 3;
	case EX_LT:
	case EX_LE:
	case EX_GT:
	case EX_GE:
	case EX_EQ:
	case EX_NE: return 4;
	case EX_ADD:
	case EX_SUB: return 5;
	case EX_MUL:
	case EX_DIV: return 6;
	case EX_NEG: return 7;
	case EX_IF:
	case EX_LET: return 0;
	default: return 8;
	}
}

static void
explain_child(const struct expr *ex, int i, struct expr_eval *ev, struct buf *b,
    int min_prec)
{
	int paren = prec(&ex->ex_nodes[i]) < min_prec;

	if (paren)
		buf_putc(b, '(');
	explain(ex, i, ev, b, 0);
	if (paren)
		buf_putc(b, ')');
}

static const char *
op_text(enum expr_op op, int negate)
{
	switch (op) {
	case EX_LT: return negate ? " ≥ " : " < ";
	case EX_LE: return negate ? " > " : " ≤ ";
	case EX_GT: return negate ? " ≤ " : " > ";
	case EX_GE: return negate ? " < " : " ≥ ";
	case EX_EQ: return negate ? " ≠ " : " = ";
	case EX_NE: return negate ? " = " : " ≠ ";
	case EX_ADD: return " + ";
	case EX_SUB: return " − ";
	case EX_MUL: return " × ";
	case EX_DIV: return " / ";
	case EX_AND: return negate ? " hoặc " : " và ";
	case EX_OR: return negate ? " và " : " hoặc ";
	default: return " ? ";
	}
}

static void
show_value(struct buf *b, double v, int pct)
{
	if (pct)
		numfmt_vi_pct(b, v);
	else
		numfmt_vi(b, v, 4);
}

/* A condition as it held: "69,24 % < 80 %" when false for ">=". */
static void
explain_cond(const struct expr *ex, int i, struct expr_eval *ev, struct buf *b,
    int truth)
{
	const struct expr_node *n = &ex->ex_nodes[i];

	if (n->en_op >= EX_LT && n->en_op <= EX_NE) {
		explain_child(ex, n->en_a, ev, b, 5);
		buf_puts(b, op_text((enum expr_op)n->en_op, !truth));
		explain_child(ex, n->en_b, ev, b, 5);
		return;
	}
	if (n->en_op == EX_SLOT) {
		/* a yes/no input: name it, "section = 1" */
		const char *id = ex->ex_src + n->en_off;
		int len = 0;

		while (id[len] != '\0' &&
		    (id[len] == '_' || (id[len] >= 'a' && id[len] <= 'z') ||
			(id[len] >= 'A' && id[len] <= 'Z') ||
			(id[len] >= '0' && id[len] <= '9')))
			len++;
		buf_printf(b, "%.*s = ", len, id);
		explain(ex, i, ev, b, 0);
		return;
	}
	if (!truth)
		buf_puts(b, "không ");
	buf_putc(b, '(');
	explain(ex, i, ev, b, 0);
	buf_putc(b, ')');
}

static const char *
fn_name(enum expr_fn fn)
{
	switch (fn) {
	case FN_MIN: return "min";
	case FN_MAX: return "max";
	case FN_SUM: return "sum";
	case FN_CLAMP: return "clamp";
	case FN_ABS: return "abs";
	case FN_TIERS: return "tiers";
	case FN_MINMAX: return "minmax";
	case FN_RELBEST: return "relbest";
	}
	return "?";
}

static void
explain_call(const struct expr *ex, const struct expr_node *n,
    struct expr_eval *ev, struct buf *b)
{
	const int *args = ex->ex_args + n->en_args;
	int i;
	double x;

	if (n->en_fn == FN_TIERS) {
		struct expr_eval tmp = *ev;

		x = eval(ex, args[0], &tmp);
		explain_child(ex, args[0], ev, b, 5);
		if (ex->ex_nodes[args[0]].en_op == EX_DIV) {
			buf_puts(b, " = ");
			numfmt_vi_pct(b, x);
		}
		for (i = 1; i + 1 < n->en_nargs; i += 2) {
			if (x >= eval(ex, args[i], &tmp)) {
				buf_puts(b, " ≥ ");
				explain(ex, args[i], ev, b, 0);
				buf_puts(b, " → ");
				explain(ex, args[i + 1], ev, b, 0);
				return;
			}
		}
		if (n->en_nargs > 2) {
			buf_puts(b, " < ");
			explain(ex, args[n->en_nargs - 3], ev, b, 0);
		}
		buf_puts(b, " → ");
		explain(ex, args[n->en_nargs - 1], ev, b, 0);
		return;
	}
	if ((n->en_fn == FN_MINMAX || n->en_fn == FN_RELBEST) &&
	    ev->ev_cross != NULL) {
		const struct expr_cross *c = &ev->ev_cross[n->en_cross];

		buf_puts(b,
		    n->en_fn == FN_MINMAX ? "Min-Max(" : "tỷ lệ với cao nhất(");
		explain(ex, args[0], ev, b, 0);
		if (ex->ex_nodes[args[0]].en_op == EX_DIV) {
			struct expr_eval tmp = *ev;

			buf_puts(b, " = ");
			numfmt_vi(b, eval(ex, args[0], &tmp), 4);
		}
		if (n->en_fn == FN_MINMAX) {
			buf_puts(b, "; min ");
			numfmt_vi(b, c->xc_min, 4);
			buf_puts(b, ", max ");
			numfmt_vi(b, c->xc_max, 4);
		} else {
			buf_puts(b, "; cao nhất ");
			numfmt_vi(b, c->xc_max, 4);
		}
		buf_puts(b, ") = ");
		numfmt_vi(b, eval(ex, (int)(n - ex->ex_nodes), ev), 4);
		return;
	}
	buf_puts(b, fn_name((enum expr_fn)n->en_fn));
	buf_putc(b, '(');
	for (i = 0; i < n->en_nargs; i++) {
		if (i > 0)
			buf_puts(b, "; ");
		explain(ex, args[i], ev, b, 0);
	}
	buf_putc(b, ')');
}

static void
explain(const struct expr *ex, int i, struct expr_eval *ev, struct buf *b,
    int depth)
{
	const struct expr_node *n = &ex->ex_nodes[i];
	double v;

	(void)depth;
	switch ((enum expr_op)n->en_op) {
	case EX_NUM:
		if (n->en_nargs == -1 && n->en_opts != NULL)
			buf_printf(b, "\"%s\"", n->en_opts[(int)n->en_num]);
		else
			show_value(b, n->en_num, n->en_pct);
		return;
	case EX_STR: return;
	case EX_SLOT:
		v = ev->ev_slots[n->en_slot];
		if (n->en_choice && n->en_opts != NULL && v >= 0 &&
		    v < n->en_nargs)
			buf_printf(b, "\"%s\"", n->en_opts[(int)v]);
		else
			show_value(b, v, 0);
		return;
	case EX_LOCAL:
		show_value(
		    b, ev->ev_locals[n->en_slot], ex->ex_local_pct[n->en_slot]);
		return;
	case EX_NEG:
		buf_putc(b, '-');
		explain_child(ex, n->en_a, ev, b, 7);
		return;
	case EX_NOT:
		buf_puts(b, "không ");
		explain_child(ex, n->en_a, ev, b, 3);
		return;
	case EX_MUL:
		/* "a / b = 69,24 % × 10", as the plan writes ratios */
		if (ex->ex_nodes[n->en_a].en_op == EX_DIV) {
			struct expr_eval tmp = *ev;

			explain(ex, n->en_a, ev, b, 0);
			buf_puts(b, " = ");
			numfmt_vi_pct(b, eval(ex, n->en_a, &tmp));
			buf_puts(b, " × ");
			explain_child(ex, n->en_b, ev, b, 7);
			return;
		}
		/* FALLTHROUGH */
	case EX_ADD:
	case EX_SUB:
	case EX_DIV:
	case EX_LT:
	case EX_LE:
	case EX_GT:
	case EX_GE:
	case EX_EQ:
	case EX_NE:
	case EX_AND:
	case EX_OR: {
		int p = prec(n);

		explain_child(ex, n->en_a, ev, b, p);
		buf_puts(b, op_text((enum expr_op)n->en_op, 0));
		explain_child(ex, n->en_b, ev, b, p + 1);
		return;
	}
	case EX_IF: {
		struct expr_eval tmp = *ev;
		int truth = eval(ex, n->en_a, &tmp) != 0.0;

		explain_cond(ex, n->en_a, ev, b, truth);
		buf_puts(b, " → ");
		explain(ex, truth ? n->en_b : n->en_c, ev, b, 0);
		return;
	}
	case EX_LET:
		buf_puts(b, ex->ex_locals[n->en_slot]);
		buf_puts(b, " = ");
		explain(ex, n->en_a, ev, b, 0);
		ev->ev_locals[n->en_slot] = eval(ex, n->en_a, ev);
		buf_puts(b, " = ");
		show_value(
		    b, ev->ev_locals[n->en_slot], ex->ex_local_pct[n->en_slot]);
		buf_puts(b, "; ");
		explain(ex, n->en_b, ev, b, 0);
		return;
	case EX_CALL: explain_call(ex, n, ev, b); return;
	}
}

void
expr_explain(const struct expr *ex, struct expr_eval *ev, struct buf *b)
{
	explain(ex, ex->ex_root, ev, b, 0);
}
