/*
 * expr_eval.c: evaluating a compiled rule for one unit: arithmetic with
 * division by zero as a flag, short-circuit logic, the functions of the
 * word table, and the cross-unit functions in their two modes (collect a
 * round's statistics, then score against them).
 */
#include <math.h>

#include "engine/expr_int.h"

/*
 * expr_same(a, b): 1 when ${a} and ${b} are equal as exact decimal arithmetic
 * would find them. This is the one place rules compare numbers (<, <=, >,
 * >=, ==, != and the thresholds of tiers): inputs are decimals that binary
 * floating point holds only approximately, so 1234.6 / 6173 comes out as
 * 0.19999999999999998, not the 0.2 of 20 %. Each operation of a rule errs
 * by at most half a unit in the 16th significant digit (2^-53 relative);
 * a rule of a few dozen operations stays below 1e-14. Two values that
 * differ by at most 1e-12 of the larger are therefore taken as equal: a
 * hundred times the worst rounding error, and far below any difference
 * that decimal inputs of up to 11 significant digits can make (see
 * docs/rules.md, "Comparisons are exact for decimals").
 */
int
expr_same(double a, double b)
{
	return a == b || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

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
	const int *args = ex->xp_args + n->en_args;
	double v, w;
	int i;

	switch ((enum expr_fn)n->en_fn) {
	case FN_MIN:
	case FN_MAX:
		v = expr_eval_node(ex, args[0], ev);
		for (i = 1; i < n->en_nargs; i++) {
			w = expr_eval_node(ex, args[i], ev);
			if (n->en_fn == FN_MIN ? w < v : w > v)
				v = w;
		}
		return v;
	case FN_SUM:
		v = 0.0;
		for (i = 0; i < n->en_nargs; i++)
			v += expr_eval_node(ex, args[i], ev);
		return v;
	case FN_CLAMP:
		v = expr_eval_node(ex, args[0], ev);
		w = expr_eval_node(ex, args[1], ev);
		if (v < w)
			v = w;
		w = expr_eval_node(ex, args[2], ev);
		return v > w ? w : v;
	case FN_ABS: return fabs(expr_eval_node(ex, args[0], ev));
	case FN_TIERS:
		v = expr_eval_node(ex, args[0], ev);
		for (i = 1; i + 1 < n->en_nargs; i += 2) {
			w = expr_eval_node(ex, args[i], ev);
			if (v >= w || expr_same(v, w))
				return expr_eval_node(ex, args[i + 1], ev);
		}
		return expr_eval_node(ex, args[n->en_nargs - 1], ev);
	case FN_MINMAX:
	case FN_RELBEST: {
		int before = ev->ev_flags, mine;

		/* judge the argument by its own flags, not earlier ones */
		ev->ev_flags = 0;
		v = expr_eval_node(ex, args[0], ev);
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

double
expr_eval_node(const struct expr *ex, int i, struct expr_eval *ev)
{
	const struct expr_node *n = &ex->xp_nodes[i];
	double a, b;

	if (++ev->ev_steps > EXPR_MAX_STEPS) {
		ev->ev_flags |= EXPR_F_LIMIT;
		return 0.0;
	}
	switch ((enum expr_op)n->en_op) {
	case EX_NUM: return n->en_num;
	case EX_STR: return 0.0; /* rejected at compile time */
	case EX_SLOT: return ev->ev_slots[n->en_slot];
	case EX_LOCAL: return ev->ev_locals[n->en_slot];
	case EX_NEG: return -expr_eval_node(ex, n->en_a, ev);
	case EX_NOT: return expr_eval_node(ex, n->en_a, ev) == 0.0;
	case EX_ADD:
		return expr_eval_node(ex, n->en_a, ev) +
		    expr_eval_node(ex, n->en_b, ev);
	case EX_SUB:
		return expr_eval_node(ex, n->en_a, ev) -
		    expr_eval_node(ex, n->en_b, ev);
	case EX_MUL:
		return expr_eval_node(ex, n->en_a, ev) *
		    expr_eval_node(ex, n->en_b, ev);
	case EX_DIV:
		a = expr_eval_node(ex, n->en_a, ev);
		return divide(a, expr_eval_node(ex, n->en_b, ev), ev);
	case EX_LT:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return a < b && !expr_same(a, b);
	case EX_LE:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return a <= b || expr_same(a, b);
	case EX_GT:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return a > b && !expr_same(a, b);
	case EX_GE:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return a >= b || expr_same(a, b);
	case EX_EQ:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return expr_same(a, b);
	case EX_NE:
		a = expr_eval_node(ex, n->en_a, ev);
		b = expr_eval_node(ex, n->en_b, ev);
		return !expr_same(a, b);
	case EX_AND:
		return expr_eval_node(ex, n->en_a, ev) != 0.0 &&
		    expr_eval_node(ex, n->en_b, ev) != 0.0;
	case EX_OR:
		return expr_eval_node(ex, n->en_a, ev) != 0.0 ||
		    expr_eval_node(ex, n->en_b, ev) != 0.0;
	case EX_IF:
		return expr_eval_node(ex, n->en_a, ev) != 0.0
		    ? expr_eval_node(ex, n->en_b, ev)
		    : expr_eval_node(ex, n->en_c, ev);
	case EX_LET:
		ev->ev_locals[n->en_slot] = expr_eval_node(ex, n->en_a, ev);
		return expr_eval_node(ex, n->en_b, ev);
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
	v = expr_eval_node(ex, ex->xp_root, ev);
	if (!isfinite(v))
		v = 0.0;
	return v;
}

int
expr_uses_slot(const struct expr *ex, int slot)
{
	int i;

	for (i = 0; i < ex->xp_nnodes; i++) {
		if (ex->xp_nodes[i].en_op == EX_SLOT &&
		    ex->xp_nodes[i].en_slot == slot)
			return 1;
	}
	return 0;
}
