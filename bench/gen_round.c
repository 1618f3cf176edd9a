/*
 * gen_round.c: dti-bench-gen N [SEED] — write to standard output a round in
 * the exchange format (unit,input,value) for N units, with every input of the
 * built-in 2022 methodology filled, deterministic from SEED.
 *
 * Values are plausible for their kind: counts and amounts get a magnitude per
 * input, yes/no inputs are mostly 1, choices are drawn from their options,
 * text inputs get a name, an address (with commas, so quoted) and a URL.
 * Every check of the methodology ("a <= b", "a + b <= c", "a <= 7", ...) is
 * read from its compiled form: its left side is set to a fraction of its
 * right side, so numerators never pass their denominators. Each unit is then
 * verified against the checks with the engine's own evaluator, so a file this
 * program writes is one that dti score accepts.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/builtin.h"
#include "engine/expr.h"
#include "engine/expr_int.h" /* reads the shape of checks */
#include "engine/method.h"
#include "util/diag.h"

#define MAX_TERMS 16 /* variables on one side of a check */
#define CENTS 100 /* amounts are written with 2 decimals */

/* One side of a check: a sum of inputs plus a constant. */
struct side {
	int sd_in[MAX_TERMS];
	int sd_n;
	double sd_const;
};

/* A check "lhs <= rhs" of the methodology, in a form the generator uses. */
struct gcheck {
	const struct m_check *gc_check;
	const char *gc_code; /* the indicator's code, for messages */
	struct side gc_lhs;
	struct side gc_rhs;
};

static uint64_t rng_state;
static char obuf[1 << 16]; /* standard output's buffer */

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A uniform double in [0, 1). */
static double
rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* A uniform integer in [lo, hi]. */
static long long
rng_range(long long lo, long long hi)
{
	return lo + (long long)(rng_next() % (uint64_t)(hi - lo + 1));
}

static unsigned
name_hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* Collect the terms of a sum (a + b + 7) from node ${n} of ${ex}. */
static int
collect(const struct expr *ex, int n, struct side *sd)
{
	const struct expr_node *nd = &ex->xp_nodes[n];

	switch (nd->en_op) {
	case EX_ADD:
		return collect(ex, nd->en_a, sd) < 0
		    ? -1
		    : collect(ex, nd->en_b, sd);
	case EX_SLOT:
		if (sd->sd_n == MAX_TERMS)
			return -1;
		sd->sd_in[sd->sd_n++] = nd->en_slot;
		return 0;
	case EX_NUM: sd->sd_const += nd->en_num; return 0;
	default: return -1;
	}
}

/*
 * Read every check of ${m} as "sum <= sum" (or ">=", swapped). Return the
 * number of checks, or -1 when one has another shape.
 */
static int
read_checks(const struct method *m, struct gcheck **out)
{
	struct gcheck *gc = NULL;
	int n = 0, cap = 0, i, c;

	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];

		for (c = 0; c < ind->mn_nchecks; c++) {
			const struct m_check *ck = &ind->mn_checks[c];
			const struct expr *ex = ck->mc_expr;
			const struct expr_node *root =
			    &ex->xp_nodes[ex->xp_root];
			struct gcheck *g;
			int lhs, rhs;

			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				gc = realloc(gc, (size_t)cap * sizeof(*gc));
				if (gc == NULL) {
					perror("dti-bench-gen");
					exit(1);
				}
			}
			g = &gc[n];
			memset(g, 0, sizeof(*g));
			g->gc_check = ck;
			g->gc_code = ind->mn_code;
			if (root->en_op == EX_LE || root->en_op == EX_LT) {
				lhs = root->en_a;
				rhs = root->en_b;
			} else if (root->en_op == EX_GE ||
			    root->en_op == EX_GT) {
				lhs = root->en_b;
				rhs = root->en_a;
			} else {
				lhs = rhs = -1;
			}
			if (lhs < 0 || collect(ex, lhs, &g->gc_lhs) < 0 ||
			    collect(ex, rhs, &g->gc_rhs) < 0) {
				fprintf(stderr,
				    "dti-bench-gen: indicator %s: check \"%s\" "
				    "is not a sum compared with a sum\n",
				    ind->mn_code, ck->mc_src);
				free(gc);
				return -1;
			}
			n++;
		}
	}
	*out = gc;
	return n;
}

/* Where an input appears in the checks. */
#define ROLE_FREE 0
#define ROLE_PART 1 /* on a left side: a numerator */
#define ROLE_WHOLE 2 /* on a right side only: a denominator */

/*
 * Values are kept as integers: counts as themselves, amounts and numbers in
 * hundredths. Both are written exactly and read back as the same double.
 */
static long long
scale_of(const struct m_input *mi)
{
	return mi->mi_kind == IK_COUNT ? 1 : CENTS;
}

/* A fresh value for input ${mi} of role ${role}. */
static long long
draw(const struct m_input *mi, int role)
{
	unsigned h = name_hash(mi->mi_name);
	double mag, v;

	switch (mi->mi_kind) {
	case IK_YESNO: return rng_unit() < 0.75 ? 1 : 0;
	case IK_CHOICE: return rng_range(0, mi->mi_noptions - 1);
	case IK_TEXT: return 0;
	case IK_COUNT:
		if (role == ROLE_FREE && mi->mi_general < 0)
			return rng_range(1, 40); /* activities, articles */
		/* population, staff, dossiers: 10 to 100,000 per input */
		mag = pow(10.0, 1.0 + (double)(h % 5u));
		v = mag * (0.5 + rng_unit());
		return (long long)v + 1;
	case IK_AMOUNT:
	case IK_NUMBER:
		/* 0.5 to 500 tỷ đồng, fixed per input */
		mag = pow(10.0, (double)(h % 3u));
		v = mag * (0.5 + 4.5 * rng_unit());
		return (long long)(v * CENTS) + 1;
	}
	return 0;
}

/*
 * Make the left side of ${g} a fraction of its right side: the parts take
 * their share in proportion to their drawn values. Exact integer arithmetic;
 * a strict "<" or a sum of amounts keeps one unit of margin.
 */
static void
apply(const struct method *m, const struct gcheck *g, long long *v)
{
	const struct m_check *ck = g->gc_check;
	const struct expr *ex = ck->mc_expr;
	int strict = ex->xp_nodes[ex->xp_root].en_op == EX_LT ||
	    ex->xp_nodes[ex->xp_root].en_op == EX_GT;
	long long unit, rhs = 0, lsum = 0, target, left;
	double frac;
	int k;

	if (g->gc_lhs.sd_n == 0)
		return;
	/* the left side's unit: 1 for counts, hundredths for amounts */
	unit = scale_of(&m->m_inputs[g->gc_lhs.sd_in[0]]);
	for (k = 0; k < g->gc_lhs.sd_n; k++) {
		if (scale_of(&m->m_inputs[g->gc_lhs.sd_in[k]]) != unit) {
			fprintf(stderr,
			    "dti-bench-gen: indicator %s: check \"%s\" mixes "
			    "counts and amounts on its left side\n",
			    g->gc_code, ck->mc_src);
			exit(1);
		}
	}
	for (k = 0; k < g->gc_rhs.sd_n; k++) {
		int in = g->gc_rhs.sd_in[k];

		rhs += v[in] * unit / scale_of(&m->m_inputs[in]);
	}
	rhs += (long long)floor(g->gc_rhs.sd_const * (double)unit);
	rhs -= (long long)ceil(g->gc_lhs.sd_const * (double)unit);
	/* a quarter of units reach the whole, the rest 30 % to 99 % of it */
	frac = rng_unit() < 0.25 ? 1.0 : 0.30 + 0.69 * rng_unit();
	target = (long long)floor(frac * (double)rhs);
	if ((strict || unit != 1) && target >= rhs)
		target = rhs - 1;
	if (target < 0)
		target = 0;
	for (k = 0; k < g->gc_lhs.sd_n; k++)
		lsum += v[g->gc_lhs.sd_in[k]] + 1;
	left = target;
	for (k = 0; k < g->gc_lhs.sd_n; k++) {
		int in = g->gc_lhs.sd_in[k];
		long long share;

		if (k == g->gc_lhs.sd_n - 1)
			share = left;
		else
			share = (long long)((double)target *
			    (double)(v[in] + 1) / (double)lsum);
		if (share > left)
			share = left;
		v[in] = share;
		left -= share;
	}
}

/* 1 when check ${g} holds for values ${x}, as dti score evaluates it. */
static int
holds(const struct gcheck *g, const double *x)
{
	struct expr_eval ev;

	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = x;
	return expr_eval(g->gc_check->mc_expr, &ev) != 0.0;
}

static int
all_hold(const struct gcheck *gc, int n, const double *x)
{
	int c;

	for (c = 0; c < n; c++) {
		if (!holds(&gc[c], x))
			return 0;
	}
	return 1;
}

/* The value of a text input: a name, an address, a web address. */
static void
put_text(int slot, long unit)
{
	switch (slot % 3) {
	case 0: printf("Đơn vị hành chính %05ld", unit); break;
	case 1:
		printf("\"Số %ld, đường Lê Lợi, phường %ld, \"\"khu %ld\"\"\"",
		    unit % 300 + 1, unit % 30 + 1, unit % 7 + 1);
		break;
	default: printf("https://unit-%05ld.gov.vn", unit); break;
	}
}

static void
usage(void)
{
	fputs("usage: dti-bench-gen N [SEED]\n"
	      "  write a round of N units with every input filled to standard "
	      "output\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct method *m = NULL;
	struct gcheck *gc;
	struct diag d;
	long long *v;
	double *x;
	int *role;
	unsigned char *textslot;
	long n, u, seed = 1;
	char *end;
	int nck, i, c, pass, ntext;

	if (argc < 2 || argc > 3)
		usage();
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || n < 1 || n > 200000)
		usage();
	if (argc == 3) {
		seed = strtol(argv[2], &end, 10);
		if (*end != '\0')
			usage();
	}
	rng_state = (uint64_t)seed * 0x2545F4914F6CDD1Dull + 1;

	diag_init(&d);
	if (method_load(&m, builtin_method_text, builtin_method_len,
		builtin_method_name, &d) < 0) {
		fprintf(stderr,
		    "dti-bench-gen: the built-in methodology "
		    "does not load\n");
		return 1;
	}
	diag_free(&d);
	if ((nck = read_checks(m, &gc)) < 0)
		return 1;

	v = calloc((size_t)m->m_ninputs + 1, sizeof(*v));
	x = calloc((size_t)m->m_ninputs + 1, sizeof(*x));
	role = calloc((size_t)m->m_ninputs + 1, sizeof(*role));
	textslot = calloc((size_t)m->m_ninputs + 1, 1);
	if (v == NULL || x == NULL || role == NULL || textslot == NULL) {
		perror("dti-bench-gen");
		return 1;
	}
	for (c = 0; c < nck; c++) {
		for (i = 0; i < gc[c].gc_rhs.sd_n; i++) {
			if (role[gc[c].gc_rhs.sd_in[i]] == ROLE_FREE)
				role[gc[c].gc_rhs.sd_in[i]] = ROLE_WHOLE;
		}
	}
	for (c = 0; c < nck; c++) {
		for (i = 0; i < gc[c].gc_lhs.sd_n; i++)
			role[gc[c].gc_lhs.sd_in[i]] = ROLE_PART;
	}
	for (i = 0, ntext = 0; i < m->m_ninputs; i++) {
		if (m->m_inputs[i].mi_kind == IK_TEXT)
			textslot[i] = (unsigned char)(ntext++ % 3);
	}

	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	fputs("unit,input,value\n", stdout);
	for (u = 1; u <= n; u++) {
		for (i = 0; i < m->m_ninputs; i++)
			v[i] = draw(&m->m_inputs[i], role[i]);
		/* denominators first (drawn above), then numerators from them */
		for (pass = 0;; pass++) {
			for (i = 0; i < m->m_ninputs; i++)
				x[i] = (double)v[i] /
				    (double)scale_of(&m->m_inputs[i]);
			if (pass > 0 && all_hold(gc, nck, x))
				break;
			if (pass == 8) {
				fprintf(stderr,
				    "dti-bench-gen: unit %ld: cannot satisfy "
				    "the checks\n",
				    u);
				return 1;
			}
			for (c = 0; c < nck; c++) {
				if (pass == 0 || !holds(&gc[c], x))
					apply(m, &gc[c], v);
			}
		}
		for (i = 0; i < m->m_ninputs; i++) {
			const struct m_input *mi = &m->m_inputs[i];

			printf("unit-%05ld,%s,", u, mi->mi_name);
			switch (mi->mi_kind) {
			case IK_TEXT: put_text(textslot[i], u); break;
			case IK_CHOICE:
				fputs(mi->mi_codes[v[i]], stdout);
				break;
			case IK_YESNO:
			case IK_COUNT: printf("%lld", v[i]); break;
			case IK_AMOUNT:
			case IK_NUMBER:
				printf(
				    "%lld.%02lld", v[i] / CENTS, v[i] % CENTS);
				break;
			}
			putchar('\n');
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dti-bench-gen: stdout");
		return 1;
	}
	free(v);
	free(x);
	free(role);
	free(textslot);
	free(gc);
	method_free(m);
	return 0;
}
