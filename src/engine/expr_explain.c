/*
 * expr_explain.c: the rule with a unit's numbers and the branches taken,
 * in Vietnamese number format: "412000 / 595000 = 69,24 % × 10". The
 * words it prints for and, or, not and the cross-unit functions are those
 * of the word table.
 */
#include "engine/expr_int.h"
#include "util/numfmt.h"

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
	int paren = prec(&ex->xp_nodes[i]) < min_prec;

	if (paren)
		buf_putc(b, '(');
	explain(ex, i, ev, b, 0);
	if (paren)
		buf_putc(b, ')');
}

/*
 * put_op(b, op, negate): the operator as the explanation writes it, with
 * its spaces; ${negate}: the operator of the opposite condition.
 */
static void
put_op(struct buf *b, enum expr_op op, int negate)
{
	const char *s = " ? ";

	switch (op) {
	case EX_LT: s = negate ? " ≥ " : " < "; break;
	case EX_LE: s = negate ? " > " : " ≤ "; break;
	case EX_GT: s = negate ? " ≤ " : " > "; break;
	case EX_GE: s = negate ? " < " : " ≥ "; break;
	case EX_EQ: s = negate ? " ≠ " : " = "; break;
	case EX_NE: s = negate ? " = " : " ≠ "; break;
	case EX_ADD: s = " + "; break;
	case EX_SUB: s = " − "; break;
	case EX_MUL: s = " × "; break;
	case EX_DIV: s = " / "; break;
	case EX_AND:
	case EX_OR:
		/* not (a and b) is (not a) or (not b) */
		buf_printf(b, " %s ",
		    expr_word((op == EX_AND) != negate ? W_AND : W_OR)->ew_vi);
		return;
	default: break;
	}
	buf_puts(b, s);
}

/* put_not(b): the word for "not", and a space. */
static void
put_not(struct buf *b)
{
	buf_printf(b, "%s ", expr_word(W_NOT)->ew_vi);
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
	const struct expr_node *n = &ex->xp_nodes[i];

	if (n->en_op >= EX_LT && n->en_op <= EX_NE) {
		explain_child(ex, n->en_a, ev, b, 5);
		put_op(b, (enum expr_op)n->en_op, !truth);
		explain_child(ex, n->en_b, ev, b, 5);
		return;
	}
	if (n->en_op == EX_SLOT) {
		/* a yes/no input: name it, "section = 1" */
		const char *id = ex->xp_src + n->en_off;
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
		put_not(b);
	buf_putc(b, '(');
	explain(ex, i, ev, b, 0);
	buf_putc(b, ')');
}

static void
explain_call(const struct expr *ex, const struct expr_node *n,
    struct expr_eval *ev, struct buf *b)
{
	const int *args = ex->xp_args + n->en_args;
	int i;
	double x;

	if (n->en_fn == FN_TIERS) {
		struct expr_eval tmp = *ev;

		x = expr_eval_node(ex, args[0], &tmp);
		explain_child(ex, args[0], ev, b, 5);
		if (ex->xp_nodes[args[0]].en_op == EX_DIV) {
			buf_puts(b, " = ");
			numfmt_vi_pct(b, x);
		}
		for (i = 1; i + 1 < n->en_nargs; i += 2) {
			double t = expr_eval_node(ex, args[i], &tmp);

			if (x >= t || expr_same(x, t)) {
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

		buf_printf(
		    b, "%s(", expr_fn_word((enum expr_fn)n->en_fn)->ew_vi);
		explain(ex, args[0], ev, b, 0);
		if (ex->xp_nodes[args[0]].en_op == EX_DIV) {
			struct expr_eval tmp = *ev;

			buf_puts(b, " = ");
			numfmt_vi(b, expr_eval_node(ex, args[0], &tmp), 4);
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
		numfmt_vi(
		    b, expr_eval_node(ex, (int)(n - ex->xp_nodes), ev), 4);
		return;
	}
	buf_puts(b, expr_fn_word((enum expr_fn)n->en_fn)->ew_name);
	buf_putc(b, '(');
	for (i = 0; i < n->en_nargs; i++) {
		if (i > 0)
			buf_puts(b, "; ");
		explain(ex, args[i], ev, b, 0);
	}
	buf_putc(b, ')');
}

/* explain_leaf(ex, n, ev, b): a number, option code, input or let name. */
static void
explain_leaf(const struct expr *ex, const struct expr_node *n,
    const struct expr_eval *ev, struct buf *b)
{
	double v;

	switch ((enum expr_op)n->en_op) {
	case EX_NUM:
		if (n->en_nargs == -1 && n->en_opts != NULL)
			buf_printf(b, "\"%s\"", n->en_opts[(int)n->en_num]);
		else
			show_value(b, n->en_num, n->en_pct);
		return;
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
		    b, ev->ev_locals[n->en_slot], ex->xp_local_pct[n->en_slot]);
		return;
	default: return; /* EX_STR: rejected at compile time */
	}
}

static void
explain(const struct expr *ex, int i, struct expr_eval *ev, struct buf *b,
    int depth)
{
	const struct expr_node *n = &ex->xp_nodes[i];

	(void)depth;
	switch ((enum expr_op)n->en_op) {
	case EX_NUM:
	case EX_STR:
	case EX_SLOT:
	case EX_LOCAL: explain_leaf(ex, n, ev, b); return;
	case EX_NEG:
		buf_putc(b, '-');
		explain_child(ex, n->en_a, ev, b, 7);
		return;
	case EX_NOT:
		put_not(b);
		explain_child(ex, n->en_a, ev, b, 3);
		return;
	case EX_MUL:
		/* "a / b = 69,24 % × 10", as the plan writes ratios */
		if (ex->xp_nodes[n->en_a].en_op == EX_DIV) {
			struct expr_eval tmp = *ev;

			explain(ex, n->en_a, ev, b, 0);
			buf_puts(b, " = ");
			numfmt_vi_pct(b, expr_eval_node(ex, n->en_a, &tmp));
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
		put_op(b, (enum expr_op)n->en_op, 0);
		explain_child(ex, n->en_b, ev, b, p + 1);
		return;
	}
	case EX_IF: {
		struct expr_eval tmp = *ev;
		int truth = expr_eval_node(ex, n->en_a, &tmp) != 0.0;

		explain_cond(ex, n->en_a, ev, b, truth);
		buf_puts(b, " → ");
		explain(ex, truth ? n->en_b : n->en_c, ev, b, 0);
		return;
	}
	case EX_LET:
		buf_puts(b, ex->xp_locals[n->en_slot]);
		buf_puts(b, " = ");
		explain(ex, n->en_a, ev, b, 0);
		ev->ev_locals[n->en_slot] = expr_eval_node(ex, n->en_a, ev);
		buf_puts(b, " = ");
		show_value(
		    b, ev->ev_locals[n->en_slot], ex->xp_local_pct[n->en_slot]);
		buf_puts(b, "; ");
		explain(ex, n->en_b, ev, b, 0);
		return;
	case EX_CALL: explain_call(ex, n, ev, b); return;
	}
}

void
expr_explain(const struct expr *ex, struct expr_eval *ev, struct buf *b)
{
	explain(ex, ex->xp_root, ev, b, 0);
}
