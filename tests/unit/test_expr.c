/*
 * test_expr.c: the rule language (src/engine/expr.c): every operator and
 * function, division by zero, short-circuit evaluation, option codes,
 * compile errors with their exact line and column, the hard limits,
 * cross-unit functions and explanations.
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
	struct expr_error e;

	if (expr_compile(&ex, src, env, &e) != 0) {
		print_error("'%s' does not compile: %d:%d: %s\n", src,
		    e.ee_line, e.ee_col, e.ee_en);
		fail();
	}
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
	struct expr_error e;

	if (expr_compile(&ex, src, env, &e) == 0) {
		print_error("'%.60s' compiles, but must not\n", src);
		expr_free(ex);
		_fail(file, fline);
		return;
	}
	if (ex != NULL) {
		print_error("'%.60s': *out is not NULL after an error\n", src);
		_fail(file, fline);
	}
	if (e.ee_line != line || e.ee_col != col ||
	    strstr(e.ee_en, en) == NULL) {
		print_error("'%.60s': got %d:%d '%s', want %d:%d '%s'\n", src,
		    e.ee_line, e.ee_col, e.ee_en, line, col, en);
		_fail(file, fline);
	}
	if (e.ee_vi[0] == '\0') {
		print_error("'%.60s': no Vietnamese message\n", src);
		_fail(file, fline);
	}
}

static void
test_numbers(void **state)
{
	(void)state;
	assert_num(ev0("12"), 12);
	assert_num(ev0("0.5"), 0.5);
	assert_num(ev0(".25"), 0.25);
	assert_num(ev0("80%"), 0.8);
	assert_num(ev0("12.5%"), 0.125);
	assert_num(ev0("0%"), 0);
	assert_num(ev0("100% * points"), 10);
	assert_num(ev0("points"), 10);
	assert_num(ev0("w"), 0.25);
	assert_num(ev0("  7 # a comment\n"), 7);
}

static void
test_arithmetic(void **state)
{
	(void)state;
	assert_num(ev0("a + b"), 9);
	assert_num(ev0("a - b"), 1);
	assert_num(ev0("b - a"), -1);
	assert_num(ev0("a * b"), 20);
	assert_num(ev0("a / b"), 1.25);
	assert_num(ev0("-a"), -5);
	assert_num(ev0("--a"), 5);
	assert_num(ev0("-(a - b)"), -1);
	assert_num(ev0("2 * -3"), -6);
	assert_num(ev0("-a * b"), -20);
	/* precedence and left associativity */
	assert_num(ev0("1 + 2 * 3"), 7);
	assert_num(ev0("(1 + 2) * 3"), 9);
	assert_num(ev0("10 - 4 - 3"), 3);
	assert_num(ev0("10 - (4 - 3)"), 9);
	assert_num(ev0("8 / 4 / 2"), 1);
	assert_num(ev0("8 / (4 / 2)"), 4);
	assert_num(ev0("a / b * points"), 12.5);
	assert_num(ev0("1 + 2 < 4"), 1); /* arithmetic binds tighter */
}

static void
test_comparisons(void **state)
{
	(void)state;
	assert_num(ev0("a < b"), 0);
	assert_num(ev0("b < a"), 1);
	assert_num(ev0("a < a"), 0);
	assert_num(ev0("a <= a"), 1);
	assert_num(ev0("a <= b"), 0);
	assert_num(ev0("b <= a"), 1);
	assert_num(ev0("a > b"), 1);
	assert_num(ev0("a > a"), 0);
	assert_num(ev0("a >= a"), 1);
	assert_num(ev0("b >= a"), 0);
	assert_num(ev0("a == 5"), 1);
	assert_num(ev0("a == b"), 0);
	assert_num(ev0("a != b"), 1);
	assert_num(ev0("a != 5"), 0);
	assert_num(ev0("a / b >= 125%"), 1);
	assert_num(ev0("a / b > 125%"), 0);
}

static void
test_logic(void **state)
{
	(void)state;
	assert_num(ev0("1 and 1"), 1);
	assert_num(ev0("1 and 0"), 0);
	assert_num(ev0("0 and 1"), 0);
	assert_num(ev0("0 and 0"), 0);
	assert_num(ev0("1 or 0"), 1);
	assert_num(ev0("0 or 1"), 1);
	assert_num(ev0("0 or 0"), 0);
	assert_num(ev0("2 and 3"), 1); /* anything but 0 is true */
	assert_num(ev0("-1 or 0"), 1);
	assert_num(ev0("not 0"), 1);
	assert_num(ev0("not 5"), 0);
	assert_num(ev0("not not 5"), 1);
	assert_num(ev0("not a > b"), 0); /* not (a > b) */
	assert_num(ev0("1 or 0 and 0"), 1); /* and binds tighter than or */
	assert_num(ev0("(1 or 0) and 0"), 0);
	assert_num(ev0("a > b and c > d"), 1);
	assert_num(ev0("a > b and c < d"), 0);
}

static void
test_if(void **state)
{
	static const char *const ladder =
	    "if ch == \"leader\" then points elif ch == \"deputy\" then "
	    "points / 2 else 0";
	double s[NSLOTS];

	(void)state;
	assert_num(ev0("if a > b then 1 else 2"), 1);
	assert_num(ev0("if a < b then 1 else 2"), 2);
	assert_num(ev0("if a < b then 1 elif a == 5 then 3 else 2"), 3);
	assert_num(ev0("if 0 then 1 elif 0 then 2 elif 0 then 3 else 4"), 4);
	assert_num(ev0("2 * if a > b then 3 else 4"), 6);
	assert_num(ev0("if if a > b then 0 else 1 then 7 else 8"), 8);
	memcpy(s, base_slots, sizeof(s));
	s[S_CH] = 0;
	assert_num(eval_slots(ladder, s, NULL), 10);
	s[S_CH] = 1;
	assert_num(eval_slots(ladder, s, NULL), 5);
	s[S_CH] = 2;
	assert_num(eval_slots(ladder, s, NULL), 0);
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
test_let(void **state)
{
	(void)state;
	assert_num(ev0("let r = a / b; r * points"), 12.5);
	assert_num(ev0("let r = a; let s = r * 2; s + r"), 15);
	/* the innermost binding wins; the outer one is back after it */
	assert_num(ev0("let r = 1; let r = 2; r"), 2);
	assert_num(ev0("let r = 1; (let r = 2; r * 10) + r"), 21);
	assert_num(ev0("let r = a / b; if r >= 1 then points else r"), 10);
	/* a let may not hide an input or a constant */
	compile_fails("let a = 1; a", &env_plain, 1, 5, "already names");
	compile_fails("let points = 1; 2", &env_plain, 1, 5, "already names");
	/* and its scope ends with its body */
	compile_fails("(let r = 1; r) + r", &env_plain, 1, 18, "unknown name");
	compile_fails("let 1 = 2; 3", &env_plain, 1, 5, "expected a name");
	compile_fails("let r 2; r", &env_plain, 1, 7, "expected '='");
	compile_fails("let r = 2 r", &env_plain, 1, 11, "expected ';'");
	compile_fails("let r = 2;", &env_plain, 1, 11, "end of expression");
}

static void
test_min_max_sum(void **state)
{
	(void)state;
	assert_num(ev0("min(3, 1, 2)"), 1);
	assert_num(ev0("min(7)"), 7);
	assert_num(ev0("min(-a, b)"), -5);
	assert_num(ev0("max(3, 1, 2)"), 3);
	assert_num(ev0("max(7)"), 7);
	assert_num(ev0("max(-a, -b)"), -4);
	assert_num(ev0("sum(1, 2, 3.5)"), 6.5);
	assert_num(ev0("sum(a)"), 5);
	assert_num(ev0("sum(a, b, c, d, x)"), 27);
	assert_num(ev0("min(a / b * points, points)"), 10);
}

static void
test_clamp_abs(void **state)
{
	(void)state;
	assert_num(ev0("clamp(15, 0, 10)"), 10);
	assert_num(ev0("clamp(-5, 0, 10)"), 0);
	assert_num(ev0("clamp(5, 0, 10)"), 5);
	assert_num(ev0("clamp(0, 0, 10)"), 0);
	assert_num(ev0("clamp(10, 0, 10)"), 10);
	assert_num(ev0("clamp(x, a, 2 * a)"), 10);
	assert_num(ev0("abs(-3)"), 3);
	assert_num(ev0("abs(3)"), 3);
	assert_num(ev0("abs(0)"), 0);
	assert_num(ev0("abs(b - a)"), 1);
}

/* tiers: v1 if x >= t1, else v2 if x >= t2, ..., else the default. */
static void
test_tiers(void **state)
{
	static const char *const rule =
	    "tiers(x, 20, points, 10, points / 2, points / 4)";
	static const struct {
		double x, want;
	} cases[] = {
		{ 100, 10 },
		{ 20, 10 }, /* exactly at the first threshold */
		{ 19.999, 5 },
		{ 10, 5 }, /* exactly at the second */
		{ 9.999, 2.5 },
		{ 0, 2.5 },
		{ -3, 2.5 },
	};
	double s[NSLOTS];
	size_t i;

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s[S_X] = cases[i].x;
		assert_num(eval_slots(rule, s, NULL), cases[i].want);
	}
	/* percentages as thresholds, as in 5.12.1 */
	s[S_A] = 7;
	s[S_B] = 100;
	assert_num(eval_slots("tiers(a / b, 10%, 2, 7%, 1, 0)", s, NULL), 1);
	s[S_A] = 6.99;
	assert_num(eval_slots("tiers(a / b, 10%, 2, 7%, 1, 0)", s, NULL), 0);
	/* one threshold and a default: the smallest form */
	assert_num(ev0("tiers(a, 5, 1, 0)"), 1);
	assert_num(ev0("tiers(b, 5, 1, 0)"), 0);
}

static void
test_arity(void **state)
{
	(void)state;
	compile_fails("min()", &env_plain, 1, 1, "number of arguments");
	compile_fails("max()", &env_plain, 1, 1, "number of arguments");
	compile_fails("1 + sum()", &env_plain, 1, 5, "number of arguments");
	compile_fails("clamp(1, 2)", &env_plain, 1, 1, "(2 given)");
	compile_fails("clamp(1, 2, 3, 4)", &env_plain, 1, 1, "(4 given)");
	compile_fails("abs()", &env_plain, 1, 1, "(0 given)");
	compile_fails("abs(1, 2)", &env_plain, 1, 1, "(2 given)");
	compile_fails("tiers(x, 1, 2)", &env_plain, 1, 1, "(3 given)");
	compile_fails(
	    "tiers(x, 2, 1, 1, 0)", &env_plain, 1, 1, "each threshold");
	compile_fails("minmax(a, b)", &env_cross, 1, 1, "(2 given)");
	compile_fails("relbest()", &env_cross, 1, 1, "(0 given)");
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

static void
test_div0(void **state)
{
	double s[NSLOTS];
	int flags;

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	assert_num(eval_slots("a / d", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
	assert_num(eval_slots("d / d", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
	/* the quotient is 0, the rest of the rule goes on */
	assert_num(eval_slots("a / d + 1", s, &flags), 1);
	assert_int_equal(flags, EXPR_F_DIV0);
	assert_num(eval_slots("a / 0 * points", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
	assert_num(eval_slots("a / (b - 4)", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
	/* a zero numerator is fine */
	assert_num(eval_slots("d / a", s, &flags), 0);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("a / b", s, &flags), 1.25);
	assert_int_equal(flags, 0);
}

/* The flags belong to one evaluation: expr_eval clears them. */
static void
test_flags_reset(void **state)
{
	struct expr *ex = compile_ok("a / b", &env_plain);
	struct expr_eval ev;
	double s[NSLOTS];

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = s;
	s[S_B] = 0;
	assert_num(expr_eval(ex, &ev), 0);
	assert_int_equal(ev.ev_flags, EXPR_F_DIV0);
	s[S_B] = 2;
	assert_num(expr_eval(ex, &ev), 2.5);
	assert_int_equal(ev.ev_flags, 0);
	assert_true(ev.ev_steps > 0 && ev.ev_steps < 10);
	expr_free(ex);
}

/* An untaken branch is not evaluated: its division by zero does not count. */
static void
test_short_circuit(void **state)
{
	double s[NSLOTS];
	int flags;

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	assert_num(eval_slots("if d == 0 then 0 else a / d", s, &flags), 0);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("if d != 0 then a / d else 7", s, &flags), 7);
	assert_int_equal(flags, 0);
	assert_num(
	    eval_slots("if 0 then a / d elif 1 then 2 else a / d", s, &flags),
	    2);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("d != 0 and a / d > 1", s, &flags), 0);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("d == 0 or a / d > 1", s, &flags), 1);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("tiers(x, 10, 1, a / d, 2, 3)", s, &flags), 1);
	assert_int_equal(flags, 0);
	assert_num(eval_slots("tiers(x, 20, a / d, 0)", s, &flags), 0);
	assert_int_equal(flags, 0);
	/* the taken branch does count */
	assert_num(eval_slots("if d == 0 then a / d else 1", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
	assert_num(eval_slots("d == 0 and a / d > 1", s, &flags), 0);
	assert_int_equal(flags, EXPR_F_DIV0);
}

static void
test_choice(void **state)
{
	double s[NSLOTS];

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	s[S_CH] = 0; /* leader */
	assert_num(eval_slots("ch == \"leader\"", s, NULL), 1);
	assert_num(eval_slots("ch == \"deputy\"", s, NULL), 0);
	assert_num(eval_slots("\"leader\" == ch", s, NULL), 1);
	assert_num(eval_slots("ch != \"none\"", s, NULL), 1);
	assert_num(eval_slots("\"leader\" != ch", s, NULL), 0);
	s[S_CH] = 2; /* none */
	assert_num(eval_slots("ch == \"none\"", s, NULL), 1);
	assert_num(
	    eval_slots("ch == \"leader\" or ch == \"deputy\"", s, NULL), 0);
	assert_num(eval_slots("(ch) == \"none\"", s, NULL), 1);
}

static void
test_choice_errors(void **state)
{
	(void)state;
	/* an option code the input does not have */
	compile_fails("ch == \"boss\"", &env_plain, 1, 7, "no option \"boss\"");
	compile_fails("\"Leader\" == ch", &env_plain, 1, 1, "no option");
	/* a choice input outside ch == "code" */
	compile_fails("ch + 1", &env_plain, 1, 1, "choice input");
	compile_fails("ch == 1", &env_plain, 1, 1, "choice input");
	compile_fails("ch", &env_plain, 1, 1, "choice input");
	compile_fails("ch == ch", &env_plain, 1, 1, "choice input");
	compile_fails(
	    "ch == \"leader\" or ch > 0", &env_plain, 1, 19, "choice input");
	compile_fails("ch < \"none\"", &env_plain, 1, 1, "choice input");
	/* strings anywhere else */
	compile_fails("\"leader\"", &env_plain, 1, 1, "a string");
	compile_fails("a == \"leader\"", &env_plain, 1, 6, "a string");
	compile_fails("1 + \"x\"", &env_plain, 1, 5, "a string");
	compile_fails("min(\"a\", 1)", &env_plain, 1, 5, "a string");
	compile_fails("ch == \"lead", &env_plain, 1, 7, "invalid token");
	/* text inputs cannot be used at all */
	compile_fails("t", &env_plain, 1, 1, "text input");
	compile_fails("a + t", &env_plain, 1, 5, "text input");
	compile_fails("t == \"x\"", &env_plain, 1, 1, "text input");
}

struct poscase {
	const char *src;
	int line, col;
	const char *en;
};

static void
test_parse_errors(void **state)
{
	static const struct poscase cases[] = {
		{ "a +", 1, 4, "unexpected end of expression" },
		{ "a $ b", 1, 3, "invalid token '$'" },
		{ "a +\n* b", 2, 1, "unexpected '*'" },
		{ "let r = a / b;\nr * $", 2, 5, "invalid token '$'" },
		{ "a\n\n  + )", 3, 5, "unexpected ')'" },
		{ "a # note\n+ # note\n", 3, 1, "end of expression" },
		{ "", 1, 1, "empty expression" },
		{ "   # nothing\n", 1, 1, "empty expression" },
		{ "(a + b", 1, 7, "expected ')'" },
		{ "a + b)", 1, 6, "unexpected ')'" },
		{ "a b", 1, 3, "unexpected 'b'" },
		{ "a = b", 1, 3, "use '=='" },
		{ "a ! b", 1, 3, "invalid token '!'" },
		{ "a < b < c", 1, 7, "unexpected '<'" },
		{ "2a", 1, 1, "invalid token '2" },
		{ "1.2.3", 1, 4, "unexpected '.3'" },
		{ "if a then b", 1, 12, "'else' or 'elif'" },
		{ "if a b else c", 1, 6, "'then'" },
		{ "if a then b elif c then d", 1, 26, "'else' or 'elif'" },
		{ "min(1, 2", 1, 9, "')'" },
		{ "min(1 2)", 1, 7, "')'" },
		{ "min(1,)", 1, 7, "unexpected ')'" },
		{ "*a", 1, 1, "unexpected '*'" },
		{ "a and", 1, 6, "end of expression" },
		{ "not", 1, 4, "end of expression" },
		/* columns count characters, not bytes */
		{ "a + \"ư\" + $", 1, 11, "invalid token '$'" },
		{ "a # bình luận\n+ đ", 2, 3, "invalid token 'đ'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		compile_fails(cases[i].src, &env_plain, cases[i].line,
		    cases[i].col, cases[i].en);
}

static void
test_unknown_names(void **state)
{
	static const struct expr_env env_none = { NULL, NULL, 1 };

	(void)state;
	compile_fails("zz", &env_plain, 1, 1, "unknown name 'zz'");
	compile_fails("a + zz * 2", &env_plain, 1, 5, "unknown name 'zz'");
	compile_fails("A", &env_plain, 1, 1, "unknown name 'A'"); /* case */
	compile_fails("a +\n  pts", &env_plain, 2, 3, "unknown name 'pts'");
	compile_fails("foo(1)", &env_plain, 1, 1, "unknown function 'foo'");
	compile_fails("1 + avg(a, b)", &env_plain, 1, 5, "unknown function");
	compile_fails("Min(a)", &env_plain, 1, 1, "unknown function 'Min'");
	/* a name cannot be called, and a function is not a value */
	compile_fails("a(1)", &env_plain, 1, 1, "unknown function 'a'");
	compile_fails("min + 1", &env_plain, 1, 1, "unknown name 'min'");
	/* no resolver: every name is unknown, numbers still work */
	compile_fails("points", &env_none, 1, 1, "unknown name 'points'");
	{
		struct expr *ex = compile_ok("max(1, 2) * 3", &env_none);
		struct expr_eval ev;

		memset(&ev, 0, sizeof(ev));
		ev.ev_slots = base_slots;
		assert_num(expr_eval(ex, &ev), 6);
		expr_free(ex);
	}
}

static void
test_limit_source(void **state)
{
	char *src = malloc(EXPR_MAX_SRC + 2);
	struct expr *ex;
	struct expr_error e;

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
	assert_int_equal(expr_compile(&ex, src, &env_plain, &e), -1);
	assert_null(ex);
	assert_non_null(strstr(e.ee_en, "too long"));
	assert_int_equal(e.ee_line, 1);
	assert_int_equal(e.ee_col, EXPR_MAX_SRC + 1);
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
	struct expr *ex;
	struct expr_error e;

	if (expr_compile(&ex, src, &env_plain, &e) == 0) {
		print_error("'%.40s...' compiles, but must not\n", src);
		expr_free(ex);
		fail();
	}
	if (strstr(e.ee_en, "nested too deeply") == NULL) {
		print_error("'%.40s...': %s\n", src, e.ee_en);
		fail();
	}
	assert_int_equal(e.ee_line, 1);
	assert_true(e.ee_col > 1 && (size_t)e.ee_col <= strlen(src));
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
 * The documented limit is a nesting depth of 64 (docs/methodology-format.md,
 * EXPR_MAX_DEPTH): 64 nested parentheses are within it, 65 are over it.
 */
static void
test_limit_depth_boundary(void **state)
{
	struct expr *ex;
	struct expr_error e;
	char *s;
	int rc;

	(void)state;
	s = nested_parens(EXPR_MAX_DEPTH);
	rc = expr_compile(&ex, s, &env_plain, &e);
	free(s);
	if (rc != 0)
		print_error(
		    "%d nested parentheses: %s\n", EXPR_MAX_DEPTH, e.ee_en);
	else
		expr_free(ex);
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
	assert_int_equal(ex->ex_nnodes, EXPR_MAX_NODES - 1);
	expr_free(ex);
	assert_num(ev0(s), EXPR_MAX_NODES / 2);
	free(s);
	/* "-1" and 511 times " + 1": exactly EXPR_MAX_NODES nodes */
	s = repeat("-1", " + 1", (EXPR_MAX_NODES - 2) / 2, "");
	ex = compile_ok(s, &env_plain);
	assert_int_equal(ex->ex_nnodes, EXPR_MAX_NODES);
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
test_cross_compile(void **state)
{
	struct expr *ex;

	(void)state;
	ex = compile_ok("minmax(a / b) * points", &env_cross);
	assert_int_equal(ex->ex_ncross, 1);
	expr_free(ex);
	ex = compile_ok("minmax(a) + relbest(b / c)", &env_cross);
	assert_int_equal(ex->ex_ncross, 2);
	assert_int_equal(ex->ex_nodes[ex->ex_cross_nodes[0]].en_cross, 0);
	assert_int_equal(ex->ex_nodes[ex->ex_cross_nodes[1]].en_cross, 1);
	expr_free(ex);
	ex = compile_ok("a / b * points", &env_cross);
	assert_int_equal(ex->ex_ncross, 0);
	expr_free(ex);
	/* not where the environment forbids them (checks, derived figures) */
	compile_fails("minmax(a)", &env_plain, 1, 1, "not allowed here");
	compile_fails("1 + relbest(a)", &env_plain, 1, 5, "not allowed here");
	/* never nested: the error names the inner call */
	compile_fails("minmax(relbest(a))", &env_cross, 1, 8, "nested");
	compile_fails("relbest(a + minmax(b))", &env_cross, 1, 13, "nested");
	compile_fails(
	    "minmax(max(a, relbest(b)))", &env_cross, 1, 15, "nested");
	compile_fails("minmax(if a > 0 then minmax(a) else 0)", &env_cross, 1,
	    22, "nested");
}

/*
 * A cross-unit value bound by let and passed to another cross-unit call is
 * nesting too: the statistics of the outer call cannot be gathered in one
 * pass (in collect mode the inner call gives 0).
 */
static void
test_cross_nested_through_let(void **state)
{
	(void)state;
	compile_fails("let r = minmax(a); relbest(r) * points", &env_cross, 1,
	    9, "nested");
}

/* Collect mode gathers a unit's argument of each cross-unit call. */
static void
test_cross_collect(void **state)
{
	struct expr *ex = compile_ok("minmax(a / b) * points", &env_cross);
	struct expr_eval ev;
	double s[NSLOTS], got[1];
	unsigned char ok[1];

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = s;
	ev.ev_collect = got;
	ev.ev_collect_ok = ok;
	s[S_A] = 1;
	s[S_B] = 2;
	ok[0] = 0;
	got[0] = -1;
	assert_num(expr_eval(ex, &ev), 0);
	assert_int_equal(ok[0], 1);
	assert_num(got[0], 0.5);
	/* a zero denominator: the unit takes no part */
	s[S_B] = 0;
	ok[0] = 0;
	expr_eval(ex, &ev);
	assert_int_equal(ok[0], 0);
	assert_int_equal(ev.ev_flags, EXPR_F_DIV0);
	/* an untaken branch collects nothing */
	expr_free(ex);
	ex = compile_ok("if a > 0 then relbest(a) else 0", &env_cross);
	s[S_A] = 0;
	ok[0] = 0;
	expr_eval(ex, &ev);
	assert_int_equal(ok[0], 0);
	s[S_A] = 3;
	expr_eval(ex, &ev);
	assert_int_equal(ok[0], 1);
	assert_num(got[0], 3);
	expr_free(ex);
}

/*
 * A unit whose cross-unit argument has a zero denominator takes no part,
 * even when another division by zero came earlier in the same rule.
 */
static void
test_cross_collect_after_div0(void **state)
{
	struct expr *ex =
	    compile_ok("c / d + minmax(a / d) * points", &env_cross);
	struct expr_eval ev;
	double s[NSLOTS], got[1];
	unsigned char ok[1];

	(void)state;
	memcpy(s, base_slots, sizeof(s)); /* d = 0 */
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = s;
	ev.ev_collect = got;
	ev.ev_collect_ok = ok;
	ok[0] = 0;
	expr_eval(ex, &ev);
	expr_free(ex);
	assert_int_equal(ev.ev_flags, EXPR_F_DIV0);
	assert_int_equal(ok[0], 0);
}

static double
eval_cross(const char *src, const double *slots, const struct expr_cross *xc)
{
	struct expr *ex = compile_ok(src, &env_cross);
	struct expr_eval ev;
	double v;

	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	ev.ev_cross = xc;
	v = expr_eval(ex, &ev);
	assert_int_equal(ev.ev_flags, 0);
	expr_free(ex);
	return v;
}

static void
test_cross_eval(void **state)
{
	const struct expr_cross spread = { 0.2, 0.7, 3 };
	const struct expr_cross same = { 0.4, 0.4, 2 };
	const struct expr_cross zero = { 0, 0, 4 };
	const struct expr_cross none = { 0, 0, 0 };
	const struct expr_cross two[2] = { { 0, 10, 2 }, { 1, 4, 2 } };
	double s[NSLOTS];

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	s[S_A] = 1;
	s[S_B] = 2; /* a / b = 0.5 */
	/* (0.5 - 0.2) / (0.7 - 0.2) = 0.6 */
	assert_num(eval_cross("minmax(a / b) * points", s, &spread), 6);
	/* 0.5 / 0.7 */
	assert_num(eval_cross("relbest(a / b) * points", s, &spread), 5 / 0.7);
	s[S_A] = 0.7 * 2; /* the best unit */
	assert_num(eval_cross("minmax(a / b) * points", s, &spread), 10);
	assert_num(eval_cross("relbest(a / b) * points", s, &spread), 10);
	s[S_A] = 0.2 * 2; /* the worst */
	assert_num(eval_cross("minmax(a / b) * points", s, &spread), 0);
	/* all units equal: full points above 0, else 0 */
	s[S_A] = 0.8;
	assert_num(eval_cross("minmax(a / b) * points", s, &same), 10);
	s[S_A] = 0;
	assert_num(eval_cross("minmax(a / b) * points", s, &zero), 0);
	/* best 0: relbest is 0 */
	assert_num(eval_cross("relbest(a / b) * points", s, &zero), 0);
	/* nobody took part, or no statistics: 0 */
	s[S_A] = 1;
	assert_num(eval_cross("minmax(a / b) * points", s, &none), 0);
	assert_num(eval_cross("relbest(a / b) * points", s, &none), 0);
	assert_num(eval_cross("minmax(a / b) * points + 1", s, NULL), 1);
	/* two calls read their own statistics: (5 - 0) / 10 + 3 / 4 */
	s[S_A] = 5;
	s[S_B] = 3;
	assert_num(eval_cross("minmax(a) + relbest(b)", s, two), 0.5 + 0.75);
}

/* expr_explain() with this unit's numbers, in Vietnamese number format. */
static void
check_explain(const char *src, const double *slots, const struct expr_cross *xc,
    const char *want, int line)
{
	struct expr *ex = compile_ok(src, &env_cross);
	struct expr_eval ev;
	struct buf b;

	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	ev.ev_cross = xc;
	buf_init(&b);
	buf_puts(&b, "[");
	expr_explain(ex, &ev, &b);
	if (strcmp(buf_cstr(&b) + 1, want) != 0) {
		print_error("explain '%s':\n got  '%s'\n want '%s'\n", src,
		    buf_cstr(&b) + 1, want);
		_fail(__FILE__, line);
	}
	buf_free(&b);
	expr_free(ex);
}

#define assert_explain(src, slots, xc, want) \
	check_explain((src), (slots), (xc), (want), __LINE__)

static void
test_explain(void **state)
{
	const struct expr_cross spread = { 0.2, 0.7, 3 };
	double s[NSLOTS];

	(void)state;
	memcpy(s, base_slots, sizeof(s));
	s[S_A] = 412000;
	s[S_B] = 595000;
	assert_explain(
	    "a / b * points", s, NULL, "412000 / 595000 = 69,24 % × 10");
	assert_explain("let r = a / b; if r >= 80% then points else r * points",
	    s, NULL,
	    "r = 412000 / 595000 = 69,24 %; 69,24 % < 80 % → 69,24 % × 10");
	s[S_A] = 500000;
	s[S_B] = 595000; /* 84,03 % */
	assert_explain("let r = a / b; if r >= 80% then points else r * points",
	    s, NULL, "r = 500000 / 595000 = 84,03 %; 84,03 % ≥ 80 % → 10");
	/* choices show their option codes */
	s[S_CH] = 1;
	assert_explain("if ch == \"leader\" then points elif ch == \"deputy\" "
		       "then points / 2 else 0",
	    s, NULL,
	    "\"deputy\" ≠ \"leader\" → \"deputy\" = \"deputy\" → 10 / 2");
	s[S_CH] = 0;
	assert_explain("if ch == \"leader\" then points elif ch == \"deputy\" "
		       "then points / 2 else 0",
	    s, NULL, "\"leader\" = \"leader\" → 10");
	/* tiers: the threshold met, or the lowest one missed */
	s[S_X] = 15;
	assert_explain("tiers(x, 20, points, 10, points / 2, points / 4)", s,
	    NULL, "15 ≥ 10 → 10 / 2");
	s[S_X] = 20;
	assert_explain("tiers(x, 20, points, 10, points / 2, points / 4)", s,
	    NULL, "20 ≥ 20 → 10");
	s[S_X] = 5;
	assert_explain("tiers(x, 20, points, 10, points / 2, points / 4)", s,
	    NULL, "5 < 10 → 10 / 4");
	/* a ratio compared with tiers is shown as a percentage */
	s[S_A] = 7;
	s[S_B] = 100;
	assert_explain("tiers(a / b, 10%, 2, 7%, 1, 0)", s, NULL,
	    "7 / 100 = 7 % ≥ 7 % → 1");
	s[S_A] = 2;
	assert_explain("tiers(a / b, 10%, 2, 7%, 1, 0)", s, NULL,
	    "2 / 100 = 2 % < 7 % → 0");
	/* a yes/no condition is named with its value */
	s[S_D] = 1;
	assert_explain("if d then points else 0", s, NULL, "d = 1 → 10");
	s[S_D] = 0;
	assert_explain("if d then points else 0", s, NULL, "d = 0 → 0");
	/* grouping is shown where it matters, and only there */
	s[S_A] = 5;
	s[S_B] = 4;
	s[S_C] = 3;
	assert_explain("a - (b - c)", s, NULL, "5 − (4 − 3)");
	assert_explain("(a - b) - c", s, NULL, "5 − 4 − 3");
	assert_explain("(a + b) * c", s, NULL, "(5 + 4) × 3");
	assert_explain("a + b * c", s, NULL, "5 + 4 × 3");
	assert_explain("a / (b * c)", s, NULL, "5 / (4 × 3)");
	assert_explain("min(a, b, 0.5)", s, NULL, "min(5; 4; 0,5)");
	assert_explain("-a", s, NULL, "-5");
	assert_explain("not a", s, NULL, "không 5");
	assert_explain("a >= 2 and b < c", s, NULL, "5 ≥ 2 và 4 < 3");
	/* cross-unit calls show the round's statistics */
	s[S_A] = 1;
	s[S_B] = 2;
	assert_explain("minmax(a / b) * points", s, &spread,
	    "Min-Max(1 / 2 = 0,5; min 0,2, max 0,7) = 0,6 × 10");
	assert_explain("relbest(a / b) * points", s, &spread,
	    "tỷ lệ với cao nhất(1 / 2 = 0,5; cao nhất 0,7) = 0,7143 × 10");
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
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_logic),
		cmocka_unit_test(test_if),
		cmocka_unit_test(test_long_elif_chain),
		cmocka_unit_test(test_let),
		cmocka_unit_test(test_min_max_sum),
		cmocka_unit_test(test_clamp_abs),
		cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_arity),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_div0),
		cmocka_unit_test(test_flags_reset),
		cmocka_unit_test(test_short_circuit),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_choice_errors),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_limit_source),
		cmocka_unit_test(test_limit_depth),
		cmocka_unit_test(test_limit_depth_boundary),
		cmocka_unit_test(test_limit_nodes),
		cmocka_unit_test(test_limit_locals),
		cmocka_unit_test(test_cross_compile),
		cmocka_unit_test(test_cross_nested_through_let),
		cmocka_unit_test(test_cross_collect),
		cmocka_unit_test(test_cross_collect_after_div0),
		cmocka_unit_test(test_cross_eval),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_uses_slot),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
