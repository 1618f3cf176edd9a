/*
 * test_expr.c: what of the rule language cannot be written as a case of
 * the tests/expr files (where every operator, function, error message and
 * explanation is tested): rules built by a loop (the hard limits, a long
 * elif chain, the most arguments), and the API itself (the step count,
 * expr_uses_slot, expr_nnodes, expr_free(NULL)).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"
#include "util/buf.h"
#include "util/diag.h"

/* Slots of the test environment. */
enum { S_A, S_B, S_C, S_D, S_X, S_CH, S_T, NSLOTS };

static const char *const ch_opts[] = { "leader", "deputy", "none", NULL };

/*
 * The names a rule may use here: a, b, c, d, x (numbers), ch (a choice of
 * leader, deputy, none), t (text), points = 10 and w = 0.25 (constants).
 */
static int
resolve(void *ctx, const char *name, size_t len, struct expr_sym *out)
{
	static const struct {
		const char *name;
		int slot;
	} slots[] = { { "a", S_A }, { "b", S_B }, { "c", S_C }, { "d", S_D },
		{ "x", S_X }, { "ch", S_CH }, { "t", S_T } };
	size_t i;

	(void)ctx;
	if (len == 6 && memcmp(name, "points", 6) == 0) {
		out->es_kind = SYM_CONST;
		out->es_value = 10;
		return 0;
	}
	if (len == 1 && name[0] == 'w') {
		out->es_kind = SYM_CONST;
		out->es_value = 0.25;
		return 0;
	}
	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (strlen(slots[i].name) != len ||
		    memcmp(slots[i].name, name, len) != 0)
			continue;
		out->es_kind = SYM_SLOT;
		out->es_slot = slots[i].slot;
		if (slots[i].slot == S_CH) {
			out->es_is_choice = 1;
			out->es_options = ch_opts;
			out->es_noptions = 3;
		}
		out->es_is_text = slots[i].slot == S_T;
		return 0;
	}
	return -1;
}

static const struct expr_env env_cross = { resolve, NULL, 1 };
static const struct expr_env env_plain = { resolve, NULL, 0 };

/* Numbers compare with a relative tolerance; the message shows both. */
#define assert_num(got, want) check_num((got), (want), __FILE__, __LINE__)

static void
check_num(double got, double want, const char *file, int line)
{
	if (fabs(got - want) > 1e-9 * (fabs(want) > 1 ? fabs(want) : 1)) {
		print_error("got %.15g, want %.15g\n", got, want);
		_fail(file, line);
	}
}

static struct expr *
compile_ok(const char *src, const struct expr_env *env)
{
	struct expr *ex = NULL;
	struct diag d;

	diag_init(&d);
	if (expr_compile(&ex, src, env, &d) != 0) {
		print_error("'%s' does not compile: %ld:%ld: %s\n", src,
		    d.d_items[0].di_line, d.d_items[0].di_col,
		    d.d_items[0].di_en);
		fail();
	}
	diag_free(&d);
	assert_non_null(ex);
	return ex;
}

/*
 * eval_slots(src, slots, flags): compile ${src} (cross-unit calls allowed,
 * no statistics: they give 0), evaluate it with ${slots} and return the
 * value; store the flags in ${flags} when not NULL.
 */
static double
eval_slots(const char *src, const double *slots, int *flags)
{
	struct expr *ex = compile_ok(src, &env_cross);
	struct expr_eval ev;
	double v;

	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	v = expr_eval(ex, &ev);
	if (flags != NULL)
		*flags = ev.ev_flags;
	else if (ev.ev_flags != 0) {
		print_error("'%s' sets flags %#x\n", src, ev.ev_flags);
		fail();
	}
	expr_free(ex);
	return v;
}

/* a = 5, b = 4, c = 3, d = 0, x = 15, ch = deputy. */
static const double base_slots[NSLOTS] = { 5, 4, 3, 0, 15, 1, 0 };

static double
ev0(const char *src)
{
	return eval_slots(src, base_slots, NULL);
}

/*
 * compile_fails(src, env, line, col, en): ${src} must not compile, and the
 * error must sit at ${line}:${col} with ${en} in its English message.
 */
#define compile_fails(src, env, line, col, en) \
	check_fails((src), (env), (line), (col), (en), __FILE__, __LINE__)

static void
check_fails(const char *src, const struct expr_env *env, int line, int col,
    const char *en, const char *file, int fline)
{
	struct expr *ex = (struct expr *)0x1;
	const struct diag_item *e;
	struct diag d;

	diag_init(&d);
	if (expr_compile(&ex, src, env, &d) == 0) {
		print_error("'%.60s' compiles, but must not\n", src);
		expr_free(ex);
		_fail(file, fline);
		return;
	}
	if (ex != NULL) {
		print_error("'%.60s': *out is not NULL after an error\n", src);
		_fail(file, fline);
	}
	if (d.d_n != 1) {
		print_error("'%.60s': %zu errors, want 1\n", src, d.d_n);
		_fail(file, fline);
		return;
	}
	e = &d.d_items[0];
	if (e->di_line != line || e->di_col != col ||
	    strstr(e->di_en, en) == NULL) {
		print_error("'%.60s': got %ld:%ld '%s', want %d:%d '%s'\n", src,
		    e->di_line, e->di_col, e->di_en, line, col, en);
		_fail(file, fline);
	}
	if (e->di_vi[0] == '\0') {
		print_error("'%.60s': no Vietnamese message\n", src);
		_fail(file, fline);
	}
	diag_free(&d);
}

/* An elif chain is a list, not nesting: a long one compiles. */
static void
test_long_elif_chain(void **state)
{
	struct buf b;
	double s[NSLOTS];
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "if x == 0 then 1000");
	for (i = 1; i < 120; i++)
		buf_printf(&b, " elif x == %d then %d", i, 1000 + i);
	buf_puts(&b, " else -1");
	memcpy(s, base_slots, sizeof(s));
	s[S_X] = 0;
	assert_num(eval_slots(buf_cstr(&b), s, NULL), 1000);
	s[S_X] = 77;
	assert_num(eval_slots(buf_cstr(&b), s, NULL), 1077);
	s[S_X] = 119;
	assert_num(eval_slots(buf_cstr(&b), s, NULL), 1119);
	s[S_X] = 120;
	assert_num(eval_slots(buf_cstr(&b), s, NULL), -1);
	buf_free(&b);
}

static void
test_max_args(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "sum(1");
	for (i = 1; i < EXPR_MAX_ARGS; i++)
		buf_puts(&b, ", 1");
	buf_puts(&b, ")");
	assert_num(ev0(buf_cstr(&b)), EXPR_MAX_ARGS);
	/* one more: the error names the extra argument */
	buf_reset(&b);
	buf_puts(&b, "sum(1");
	for (i = 1; i <= EXPR_MAX_ARGS; i++)
		buf_puts(&b, ", 1");
	buf_puts(&b, ")");
	compile_fails(buf_cstr(&b), &env_plain, 1,
	    (int)strlen("sum(1") + 3 * (EXPR_MAX_ARGS - 1) + 3,
	    "too many arguments");
	buf_free(&b);
}

/* An evaluation counts its steps, and starts the count again each time. */
static void
test_steps(void **state)
{
	struct expr *ex = compile_ok("a / b", &env_plain);
	struct expr_eval ev;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = base_slots;
	assert_num(expr_eval(ex, &ev), 1.25);
	assert_true(ev.ev_steps > 0 && ev.ev_steps < 10);
	assert_num(expr_eval(ex, &ev), 1.25);
	assert_true(ev.ev_steps > 0 && ev.ev_steps < 10);
	expr_free(ex);
}

static void
test_limit_source(void **state)
{
	char *src = malloc(EXPR_MAX_SRC + 2);
	const struct diag_item *e;
	struct expr *ex;
	struct diag d;

	(void)state;
	assert_non_null(src);
	/* exactly EXPR_MAX_SRC characters compile */
	memset(src, ' ', EXPR_MAX_SRC);
	src[0] = 'a';
	src[EXPR_MAX_SRC] = '\0';
	ex = compile_ok(src, &env_plain);
	expr_free(ex);
	/* one more does not, whatever it holds */
	src[EXPR_MAX_SRC] = ' ';
	src[EXPR_MAX_SRC + 1] = '\0';
	diag_init(&d);
	assert_int_equal(expr_compile(&ex, src, &env_plain, &d), -1);
	assert_null(ex);
	assert_int_equal(d.d_n, 1);
	e = &d.d_items[0];
	assert_non_null(strstr(e->di_en, "too long"));
	assert_int_equal(e->di_line, 1);
	assert_int_equal(e->di_col, EXPR_MAX_SRC + 1);
	/* the place maps back to the byte where the rule is too long */
	assert_int_equal(
	    expr_src_offset(src, e->di_line, e->di_col), EXPR_MAX_SRC);
	diag_free(&d);
	free(src);
}

static char *
repeat(const char *head, const char *unit, int n, const char *tail)
{
	struct buf b;
	int i;

	buf_init(&b);
	buf_puts(&b, head);
	for (i = 0; i < n; i++)
		buf_puts(&b, unit);
	buf_puts(&b, tail);
	return buf_steal(&b);
}

static char *
nested_parens(int n)
{
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_putc(&b, '(');
	buf_putc(&b, 'a');
	for (i = 0; i < n; i++)
		buf_putc(&b, ')');
	return buf_steal(&b);
}

static void
expect_too_deep(const char *src)
{
	const struct diag_item *e;
	struct expr *ex;
	struct diag d;

	diag_init(&d);
	if (expr_compile(&ex, src, &env_plain, &d) == 0) {
		print_error("'%.40s...' compiles, but must not\n", src);
		expr_free(ex);
		fail();
	}
	assert_int_equal(d.d_n, 1);
	e = &d.d_items[0];
	if (strstr(e->di_en, "nested too deeply") == NULL) {
		print_error("'%.40s...': %s\n", src, e->di_en);
		fail();
	}
	assert_int_equal(e->di_line, 1);
	assert_true(e->di_col > 1 && (size_t)e->di_col <= strlen(src));
	diag_free(&d);
}

static void
test_limit_depth(void **state)
{
	char *s;

	(void)state;
	/* a modest nesting is fine */
	s = nested_parens(20);
	assert_num(ev0(s), 5);
	free(s);
	s = repeat("", "-", 20, "a");
	assert_num(ev0(s), 5);
	free(s);
	/* deep nesting of every kind is refused, without a crash */
	s = nested_parens(EXPR_MAX_DEPTH + 1);
	expect_too_deep(s);
	free(s);
	s = nested_parens(1000);
	expect_too_deep(s);
	free(s);
	s = repeat("", "-", EXPR_MAX_DEPTH + 1, "a");
	expect_too_deep(s);
	free(s);
	s = repeat("", "not ", EXPR_MAX_DEPTH + 1, "a");
	expect_too_deep(s);
	free(s);
	s = repeat("", "if 1 then ", EXPR_MAX_DEPTH + 1, "1");
	expect_too_deep(s);
	free(s);
	s = repeat("", "abs(", EXPR_MAX_DEPTH + 1, "a");
	expect_too_deep(s);
	free(s);
}

/*
 * The documented limit is a nesting depth of 64 (docs/rules.md,
 * EXPR_MAX_DEPTH): 64 nested parentheses are within it, 65 are over it.
 */
static void
test_limit_depth_boundary(void **state)
{
	struct expr *ex;
	struct diag d;
	char *s;
	int rc;

	(void)state;
	s = nested_parens(EXPR_MAX_DEPTH);
	diag_init(&d);
	rc = expr_compile(&ex, s, &env_plain, &d);
	free(s);
	if (rc != 0)
		print_error("%d nested parentheses: %s\n", EXPR_MAX_DEPTH,
		    d.d_items[0].di_en);
	else
		expr_free(ex);
	diag_free(&d);
	assert_int_equal(rc, 0);
	s = nested_parens(EXPR_MAX_DEPTH + 1);
	expect_too_deep(s);
	free(s);
}

static void
test_limit_nodes(void **state)
{
	char *s;
	struct expr *ex;

	(void)state;
	/* "1" and 511 times " + 1": 1023 nodes */
	s = repeat("1", " + 1", (EXPR_MAX_NODES - 2) / 2, "");
	ex = compile_ok(s, &env_plain);
	assert_int_equal(expr_nnodes(ex), EXPR_MAX_NODES - 1);
	expr_free(ex);
	assert_num(ev0(s), EXPR_MAX_NODES / 2);
	free(s);
	/* "-1" and 511 times " + 1": exactly EXPR_MAX_NODES nodes */
	s = repeat("-1", " + 1", (EXPR_MAX_NODES - 2) / 2, "");
	ex = compile_ok(s, &env_plain);
	assert_int_equal(expr_nnodes(ex), EXPR_MAX_NODES);
	expr_free(ex);
	free(s);
	/*
	 * one term more: the 1025th node is the last '+' (its operands come
	 * first), at column 4 * 512 - 1
	 */
	s = repeat("1", " + 1", EXPR_MAX_NODES / 2, "");
	compile_fails(
	    s, &env_plain, 1, 4 * (EXPR_MAX_NODES / 2) - 1, "over 1024 nodes");
	free(s);
}

static void
test_limit_locals(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < EXPR_MAX_LOCALS; i++)
		buf_printf(&b, "let v%d = %d; ", i, i);
	buf_puts(&b, "v0 + v31");
	assert_num(ev0(buf_cstr(&b)), 31);
	buf_reset(&b);
	for (i = 0; i <= EXPR_MAX_LOCALS; i++)
		buf_printf(&b, "let v%d = %d; ", i, i);
	buf_puts(&b, "v0");
	/* the error names the 33rd binding: "let v32" */
	compile_fails(buf_cstr(&b), &env_plain, 1,
	    (int)(strstr(buf_cstr(&b), "let v32") - buf_cstr(&b)) + 5,
	    "too many 'let'");
	/* sequential lets in sibling scopes count too: the limit is per rule */
	buf_reset(&b);
	buf_puts(&b, "0");
	for (i = 0; i <= EXPR_MAX_LOCALS; i++)
		buf_printf(&b, " + (let v = %d; v)", i);
	compile_fails(buf_cstr(&b), &env_plain, 1,
	    (int)(strstr(buf_cstr(&b), "let v = 32;") - buf_cstr(&b)) + 5,
	    "too many 'let'");
	buf_free(&b);
}

static void
test_uses_slot(void **state)
{
	struct expr *ex = compile_ok("a / b * points", &env_plain);

	(void)state;
	assert_true(expr_uses_slot(ex, S_A));
	assert_true(expr_uses_slot(ex, S_B));
	assert_false(expr_uses_slot(ex, S_C));
	expr_free(ex);
	ex = compile_ok("let r = c; r", &env_plain);
	assert_true(expr_uses_slot(ex, S_C));
	assert_false(expr_uses_slot(ex, S_A));
	expr_free(ex);
	expr_free(NULL); /* like free(NULL) */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_elif_chain),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_limit_source),
		cmocka_unit_test(test_limit_depth),
		cmocka_unit_test(test_limit_depth_boundary),
		cmocka_unit_test(test_limit_nodes),
		cmocka_unit_test(test_limit_locals),
		cmocka_unit_test(test_uses_slot),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
