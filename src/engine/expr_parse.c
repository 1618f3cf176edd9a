/*
 * expr_parse.c: compiling a rule: a recursive-descent parser over the
 * tokens of expr_lex.c into the node array of struct expr, name
 * resolution, the checks of option codes and cross-unit calls, and the
 * one error a failed compilation records.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr_int.h"

/* src_pos(src, off, line, col): line and column (characters) of ${off}. */
static void
src_pos(const char *src, size_t off, long *line, long *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && src[i] != '\0'; i++) {
		if (src[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80) {
			(*col)++; /* count characters, not bytes */
		}
	}
}

size_t
expr_src_offset(const char *src, long line, long col)
{
	long l = 1, c = 1;
	size_t i, best = 0;
	int found = 0;

	/* the last byte at that position: the start of its character */
	for (i = 0;; i++) {
		if (l == line && c == col) {
			best = i;
			found = 1;
		} else if (found || l > line) {
			break;
		}
		if (src[i] == '\0')
			break;
		if (src[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	return found ? best : i;
}

/*
 * fail(p, off, vi, en, ...): record the compile error at ${off} in both
 * languages (printf formats taking the same arguments); only the first
 * error of a rule is kept.
 */
__attribute__((format(printf, 4, 5))) static void
fail(struct parser *p, size_t off, const char *vi, const char *en, ...)
{
	long line, col;
	va_list ap;

	if (p->ps_failed)
		return;
	p->ps_failed = 1;
	src_pos(p->ps_src, off, &line, &col);
	va_start(ap, en);
	diag_vadd(p->ps_d, DIAG_ERROR, "rule", NULL, line, col, vi, en, ap);
	va_end(ap);
}

static int
node_new(struct parser *p, enum expr_op op, size_t off)
{
	struct expr *ex = p->ps_ex;
	struct expr_node *n;

	if (ex->xp_nnodes >= EXPR_MAX_NODES) {
		fail(p, off, "biểu thức quá lớn (quá %d nút)",
		    "expression too large (over %d nodes)", EXPR_MAX_NODES);
		return -1;
	}
	if (ex->xp_nnodes == p->ps_ncap) {
		p->ps_ncap = p->ps_ncap ? p->ps_ncap * 2 : 16;
		ex->xp_nodes = xreallocarray(
		    ex->xp_nodes, (size_t)p->ps_ncap, sizeof(*ex->xp_nodes));
	}
	n = &ex->xp_nodes[ex->xp_nnodes];
	memset(n, 0, sizeof(*n));
	n->en_op = (unsigned char)op;
	n->en_a = n->en_b = n->en_c = -1;
	n->en_slot = -1;
	n->en_cross = -1;
	n->en_off = (int)off;
	return ex->xp_nnodes++;
}

static const char *
tok_text(struct parser *p, char *tmp, size_t size)
{
	size_t n = p->ps_tlen;

	if (p->ps_tok == T_EOF)
		return "<hết>";
	if (n >= size)
		n = size - 1;
	memcpy(tmp, p->ps_src + p->ps_toff, n);
	tmp[n] = '\0';
	return tmp;
}

static void
unexpected(struct parser *p, const char *want_vi, const char *want_en)
{
	char tmp[64];

	if (p->ps_tok == T_EOF)
		fail(p, p->ps_toff, "biểu thức kết thúc sớm, cần %s%.0s",
		    "unexpected end of expression, expected %.0s%s", want_vi,
		    want_en);
	else if (p->ps_tok == T_BAD)
		fail(p, p->ps_toff, "ký hiệu không hợp lệ '%s'",
		    "invalid token '%s'", tok_text(p, tmp, sizeof(tmp)));
	else
		fail(p, p->ps_toff, "gặp '%s', cần %s%.0s",
		    "unexpected '%s', expected %.0s%s",
		    tok_text(p, tmp, sizeof(tmp)), want_vi, want_en);
}

/* Enter one level of nesting; say so and return 1 past the limit. */
static int
too_deep(struct parser *p, size_t off)
{
	if (++p->ps_depth <= EXPR_MAX_DEPTH)
		return 0;
	fail(p, off, "biểu thức lồng quá sâu (quá %d mức)",
	    "expression nested too deeply (over %d levels)", EXPR_MAX_DEPTH);
	return 1;
}

static int
expect(struct parser *p, enum expr_tok t, const char *vi, const char *en)
{
	if (p->ps_tok != t) {
		unexpected(p, vi, en);
		return -1;
	}
	expr_lex(p);
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
	p->ps_ex->xp_nodes[n].en_a = a;
	p->ps_ex->xp_nodes[n].en_b = b;
	return n;
}

/* parse_args(p, args): the arguments of a call, up to ')'; their count. */
static int
parse_args(struct parser *p, int *args)
{
	int nargs = 0;

	expr_lex(p); /* ( */
	if (p->ps_tok != T_RP) {
		for (;;) {
			if (nargs == EXPR_MAX_ARGS) {
				fail(p, p->ps_toff,
				    "quá nhiều đối số (tối đa %d)",
				    "too many arguments (at most %d)",
				    EXPR_MAX_ARGS);
				return -1;
			}
			args[nargs] = parse_expr(p);
			if (args[nargs++] < 0)
				return -1;
			if (p->ps_tok != T_COMMA)
				break;
			expr_lex(p);
		}
	}
	if (expect(p, T_RP, "')'", "')'") < 0)
		return -1;
	return nargs;
}

/* call_node(p, fn, args, nargs, off): the node of a checked call. */
static int
call_node(
    struct parser *p, enum expr_fn fn, const int *args, int nargs, size_t off)
{
	struct expr *ex = p->ps_ex;
	int n = node_new(p, EX_CALL, off), i;

	if (n < 0)
		return -1;
	if (ex->xp_nargs + nargs > p->ps_acap) {
		while (ex->xp_nargs + nargs > p->ps_acap)
			p->ps_acap = p->ps_acap ? p->ps_acap * 2 : 16;
		ex->xp_args = xreallocarray(
		    ex->xp_args, (size_t)p->ps_acap, sizeof(*ex->xp_args));
	}
	ex->xp_nodes[n].en_fn = (unsigned char)fn;
	ex->xp_nodes[n].en_args = ex->xp_nargs;
	ex->xp_nodes[n].en_nargs = nargs;
	for (i = 0; i < nargs; i++)
		ex->xp_args[ex->xp_nargs++] = args[i];
	if (fn == FN_MINMAX || fn == FN_RELBEST) {
		ex->xp_nodes[n].en_cross = ex->xp_ncross;
		ex->xp_cross_nodes = xreallocarray(
		    ex->xp_cross_nodes, (size_t)ex->xp_ncross + 1, sizeof(int));
		ex->xp_cross_nodes[ex->xp_ncross++] = n;
	}
	return n;
}

/* parse_call(p, name, nlen, off): a call of a function of the word table. */
static int
parse_call(struct parser *p, const char *name, size_t nlen, size_t off)
{
	enum expr_wordid w = expr_word_find(EXPR_WORD_FUNCTION, name, nlen);
	const struct expr_word *wd;
	enum expr_fn fn;
	int args[EXPR_MAX_ARGS], nargs;

	if (w == W_COUNT) {
		fail(p, off, "không có hàm '%.*s'", "unknown function '%.*s'",
		    (int)nlen, name);
		return -1;
	}
	wd = expr_word(w);
	fn = (enum expr_fn)(FN_MIN + (w - W_MIN));
	if ((fn == FN_MINMAX || fn == FN_RELBEST) &&
	    !p->ps_env->ee_allow_cross) {
		fail(p, off,
		    "hàm so sánh giữa các đơn vị '%s' không dùng được ở đây",
		    "cross-unit function '%s' is not allowed here",
		    wd->ew_name);
		return -1;
	}
	nargs = parse_args(p, args);
	if (nargs < 0)
		return -1;
	if (nargs < wd->ew_min || (wd->ew_max >= 0 && nargs > wd->ew_max)) {
		fail(p, off, "hàm '%s' nhận sai số đối số (%d)",
		    "function '%s' takes a different number of arguments (%d given)",
		    wd->ew_name, nargs);
		return -1;
	}
	if (fn == FN_TIERS && nargs % 2 != 0) {
		fail(p, off,
		    "tiers(x, ngưỡng, giá trị, ..., mặc định): mỗi ngưỡng cần một giá trị",
		    "tiers(x, threshold, value, ..., default): each threshold needs a value");
		return -1;
	}
	return call_node(p, fn, args, nargs, off);
}

static int
parse_ident(struct parser *p)
{
	const char *name = p->ps_src + p->ps_toff;
	size_t nlen = p->ps_tlen, off = p->ps_toff;
	struct expr_sym sym;
	int n, i;

	expr_lex(p);
	if (p->ps_tok == T_LP)
		return parse_call(p, name, nlen, off);
	/* innermost let first */
	for (i = p->ps_nscope - 1; i >= 0; i--) {
		const char *ln = p->ps_ex->xp_locals[p->ps_scope[i]];

		if (strlen(ln) == nlen && memcmp(ln, name, nlen) == 0) {
			n = node_new(p, EX_LOCAL, off);
			if (n >= 0)
				p->ps_ex->xp_nodes[n].en_slot = p->ps_scope[i];
			return n;
		}
	}
	memset(&sym, 0, sizeof(sym));
	if (p->ps_env->ee_resolve == NULL ||
	    p->ps_env->ee_resolve(p->ps_env->ee_ctx, name, nlen, &sym) < 0) {
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
			p->ps_ex->xp_nodes[n].en_num = sym.es_value;
		return n;
	}
	n = node_new(p, EX_SLOT, off);
	if (n >= 0) {
		struct expr_node *nd = &p->ps_ex->xp_nodes[n];

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
	size_t off = p->ps_toff;

	/* depth is counted where sub-expressions open: parse_expr, unary */
	switch (p->ps_tok) {
	case T_NUM:
		n = node_new(p, EX_NUM, off);
		if (n >= 0) {
			p->ps_ex->xp_nodes[n].en_num = p->ps_num;
			p->ps_ex->xp_nodes[n].en_pct = (unsigned char)p->ps_pct;
		}
		expr_lex(p);
		break;
	case T_STR:
		n = node_new(p, EX_STR, off);
		expr_lex(p);
		break;
	case T_IDENT: n = parse_ident(p); break;
	case T_LP:
		expr_lex(p);
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
	size_t off = p->ps_toff;
	int a, n;

	if (too_deep(p, off))
		return -1;
	expr_lex(p);
	a = operand(p);
	p->ps_depth--;
	if (a < 0)
		return -1;
	n = node_new(p, op, off);
	if (n >= 0)
		p->ps_ex->xp_nodes[n].en_a = a;
	return n;
}

static int
parse_unary(struct parser *p)
{
	return p->ps_tok == T_MINUS ? prefix(p, EX_NEG, parse_unary)
				    : parse_primary(p);
}

static int
parse_mul(struct parser *p)
{
	int a = parse_unary(p);

	while (a >= 0 && (p->ps_tok == T_STAR || p->ps_tok == T_SLASH)) {
		enum expr_op op = p->ps_tok == T_STAR ? EX_MUL : EX_DIV;
		size_t off = p->ps_toff;

		expr_lex(p);
		a = binary(p, op, a, parse_unary(p), off);
	}
	return a;
}

static int
parse_add(struct parser *p)
{
	int a = parse_mul(p);

	while (a >= 0 && (p->ps_tok == T_PLUS || p->ps_tok == T_MINUS)) {
		enum expr_op op = p->ps_tok == T_PLUS ? EX_ADD : EX_SUB;
		size_t off = p->ps_toff;

		expr_lex(p);
		a = binary(p, op, a, parse_mul(p), off);
	}
	return a;
}

/* Compare a choice input with an option code: the code becomes its index. */
static int
fold_choice(struct parser *p, int n)
{
	struct expr *ex = p->ps_ex;
	struct expr_node *nd = &ex->xp_nodes[n];
	struct expr_node *a = &ex->xp_nodes[nd->en_a];
	struct expr_node *b = &ex->xp_nodes[nd->en_b];
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
	len = strcspn(p->ps_src + str->en_off + 1, "\"");
	for (k = 0; k < var->en_nargs; k++) {
		if (strlen(var->en_opts[k]) == len &&
		    memcmp(var->en_opts[k], p->ps_src + str->en_off + 1, len) ==
			0)
			break;
	}
	if (k == var->en_nargs) {
		fail(p, (size_t)str->en_off, "không có lựa chọn \"%.*s\"",
		    "no option \"%.*s\" for this input", (int)len,
		    p->ps_src + str->en_off + 1);
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
	switch (p->ps_tok) {
	case T_LT: op = EX_LT; break;
	case T_LE: op = EX_LE; break;
	case T_GT: op = EX_GT; break;
	case T_GE: op = EX_GE; break;
	case T_EQEQ: op = EX_EQ; break;
	case T_NE: op = EX_NE; break;
	case T_ASSIGN:
		fail(p, p->ps_toff, "dùng '==' để so sánh bằng",
		    "use '==' to compare for equality");
		return -1;
	default: return a;
	}
	off = p->ps_toff;
	expr_lex(p);
	n = binary(p, op, a, parse_add(p), off);
	if (n >= 0 && (op == EX_EQ || op == EX_NE) && fold_choice(p, n) < 0)
		return -1;
	return n;
}

static int
parse_not(struct parser *p)
{
	return p->ps_tok == T_NOT ? prefix(p, EX_NOT, parse_not) : parse_cmp(p);
}

static int
parse_and(struct parser *p)
{
	int a = parse_not(p);

	while (a >= 0 && p->ps_tok == T_AND) {
		size_t off = p->ps_toff;

		expr_lex(p);
		a = binary(p, EX_AND, a, parse_not(p), off);
	}
	return a;
}

static int
parse_or(struct parser *p)
{
	int a = parse_and(p);

	while (a >= 0 && p->ps_tok == T_OR) {
		size_t off = p->ps_toff;

		expr_lex(p);
		a = binary(p, EX_OR, a, parse_and(p), off);
	}
	return a;
}

/* if C then A (elif C then A)* else B; the elif chain nests to the right. */
static int
parse_if(struct parser *p)
{
	size_t off = p->ps_toff;
	int c, a, b, n;

	expr_lex(p); /* if or elif */
	c = parse_expr(p);
	if (c < 0 || expect(p, T_THEN, "'then'", "'then'") < 0)
		return -1;
	a = parse_expr(p);
	if (a < 0)
		return -1;
	if (p->ps_tok == T_ELIF) {
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
		p->ps_ex->xp_nodes[n].en_a = c;
		p->ps_ex->xp_nodes[n].en_b = a;
		p->ps_ex->xp_nodes[n].en_c = b;
	}
	return n;
}

static int
parse_let(struct parser *p)
{
	struct expr *ex = p->ps_ex;
	size_t off = p->ps_toff, noff;
	int v, body, n, slot;
	struct expr_sym sym;

	expr_lex(p);
	if (p->ps_tok != T_IDENT) {
		unexpected(p, "một tên", "a name");
		return -1;
	}
	noff = p->ps_toff;
	if (ex->xp_nlocals == EXPR_MAX_LOCALS) {
		fail(p, noff, "quá nhiều 'let' (tối đa %d)",
		    "too many 'let' bindings (at most %d)", EXPR_MAX_LOCALS);
		return -1;
	}
	memset(&sym, 0, sizeof(sym));
	if (p->ps_env->ee_resolve != NULL &&
	    p->ps_env->ee_resolve(
		p->ps_env->ee_ctx, p->ps_src + noff, p->ps_tlen, &sym) == 0) {
		fail(p, noff, "'%.*s' đã là tên của một dữ liệu",
		    "'%.*s' already names an input", (int)p->ps_tlen,
		    p->ps_src + noff);
		return -1;
	}
	slot = ex->xp_nlocals++;
	ex->xp_locals[slot] = xstrndup(p->ps_src + noff, p->ps_tlen);
	expr_lex(p);
	if (expect(p, T_ASSIGN, "'='", "'='") < 0)
		return -1;
	v = parse_expr(p);
	if (v < 0 || expect(p, T_SEMI, "';'", "';'") < 0)
		return -1;
	ex->xp_local_pct[slot] =
	    (unsigned char)(ex->xp_nodes[v].en_op == EX_DIV);
	p->ps_scope[p->ps_nscope++] = slot;
	body = parse_expr(p);
	p->ps_nscope--;
	if (body < 0)
		return -1;
	n = node_new(p, EX_LET, off);
	if (n >= 0) {
		ex->xp_nodes[n].en_slot = slot;
		ex->xp_nodes[n].en_a = v;
		ex->xp_nodes[n].en_b = body;
	}
	return n;
}

static int
parse_expr(struct parser *p)
{
	int n;

	if (too_deep(p, p->ps_toff))
		return -1;
	if (p->ps_tok == T_IF)
		n = parse_if(p);
	else if (p->ps_tok == T_LET)
		n = parse_let(p);
	else
		n = parse_or(p);
	p->ps_depth--;
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
	n = &ex->xp_nodes[i];
	if (n->en_op == EX_LOCAL) {
		/* a let name stands for its value: look through it */
		for (k = 0; k < ex->xp_nnodes; k++) {
			if (ex->xp_nodes[k].en_op == EX_LET &&
			    ex->xp_nodes[k].en_slot == n->en_slot)
				return find_cross(ex, ex->xp_nodes[k].en_a);
		}
		return -1;
	}
	if (n->en_op == EX_CALL) {
		if (n->en_cross >= 0)
			return i;
		for (k = 0; k < n->en_nargs; k++) {
			r = find_cross(ex, ex->xp_args[n->en_args + k]);
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
	struct expr *ex = p->ps_ex;
	int i;

	for (i = 0; i < ex->xp_nnodes; i++) {
		struct expr_node *n = &ex->xp_nodes[i];

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
	for (i = 0; i < ex->xp_ncross; i++) {
		const struct expr_node *c =
		    &ex->xp_nodes[ex->xp_cross_nodes[i]];
		int inner = find_cross(ex, ex->xp_args[c->en_args]);

		if (inner >= 0) {
			fail(p, (size_t)ex->xp_nodes[inner].en_off,
			    "không lồng hàm so sánh giữa các đơn vị vào nhau",
			    "cross-unit functions cannot be nested");
			return -1;
		}
	}
	return 0;
}

int
expr_compile(struct expr **out, const char *src, const struct expr_env *env,
    struct diag *d)
{
	struct parser p;
	struct expr *ex;
	size_t len = strlen(src);

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.ps_src = src;
	p.ps_len = len;
	p.ps_env = env;
	p.ps_d = d;
	p.ps_depth = -1; /* the whole rule is depth 0 */
	if (len > EXPR_MAX_SRC) {
		fail(&p, EXPR_MAX_SRC, "biểu thức quá dài (quá %d ký tự)",
		    "expression too long (over %d characters)", EXPR_MAX_SRC);
		return -1;
	}
	ex = xcalloc(1, sizeof(*ex));
	ex->xp_src = xstrdup(src);
	p.ps_src = ex->xp_src;
	p.ps_ex = ex;
	expr_lex(&p);
	if (p.ps_tok == T_EOF) {
		fail(&p, 0, "biểu thức rỗng", "empty expression");
		goto err;
	}
	ex->xp_root = parse_expr(&p);
	if (ex->xp_root < 0)
		goto err;
	if (p.ps_tok != T_EOF) {
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
	for (i = 0; i < ex->xp_nlocals; i++)
		free(ex->xp_locals[i]);
	free(ex->xp_src);
	free(ex->xp_nodes);
	free(ex->xp_args);
	free(ex->xp_cross_nodes);
	free(ex);
}

int
expr_ncross(const struct expr *ex)
{
	return ex->xp_ncross;
}

int
expr_nnodes(const struct expr *ex)
{
	return ex->xp_nnodes;
}
