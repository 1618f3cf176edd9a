/*
 * golden_util.h: helpers shared by the golden cmocka tests: build a round in
 * memory from a short text ("3.3.a=412000 3.3.b=595000 1.1=leader"), score
 * it, and compare scores and statuses with values computed by hand from the
 * plan. Every comparison is counted, so that each program can report how
 * many assertions it made.
 */
#ifndef DTI_GOLDEN_UTIL_H
#define DTI_GOLDEN_UTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/builtin.h"
#include "engine/method.h"
#include "engine/round.h"
#include "engine/score.h"
#include "util/diag.h"

#define GOLDEN_EPS 1e-9 /* scores are compared to this tolerance */
#define ST_ANY (-1) /* do not look at the status */

static struct method *G_M; /* the built-in 2022 provincial methodology */
static long g_asserts; /* comparisons made */
static int g_failed; /* comparisons failed in the current test */

/*
 * Comparisons do not stop a test at the first mismatch: each one prints
 * what differs, and finish() at the end of the test fails it if any did, so
 * that one run lists every discrepancy and frees what it built.
 */
static inline void
soft_fail(const char *file, int line)
{
	print_error("%s:%d: expectation not met\n", file, line);
	g_failed++;
}

static inline void
finish_at(const char *file, int line)
{
	int n = g_failed;

	g_failed = 0;
	if (n > 0) {
		print_error("%d expectation(s) not met\n", n);
		_fail(file, line);
	}
}
#define finish() finish_at(__FILE__, __LINE__)
/* soft_msg(fmt, ...): print why and count a failure; see finish(). */
#define soft_msg(...) \
	do { \
		print_error(__VA_ARGS__); \
		print_error("\n"); \
		soft_fail(__FILE__, __LINE__); \
	} while (0)

static inline int
golden_setup(void **state)
{
	struct diag d;
	size_t i;

	(void)state;
	if (G_M != NULL)
		return 0;
	diag_init(&d);
	if (method_load(&G_M, builtin_method_text, builtin_method_len,
		builtin_method_name, &d) != 0) {
		for (i = 0; i < d.d_n; i++) {
			char *s = diag_format(&d.d_items[i], LANG_EN);

			print_error("%s\n", s);
			free(s);
		}
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	return 0;
}

static inline int
golden_teardown(void **state)
{
	(void)state;
	method_free(G_M);
	G_M = NULL;
	return 0;
}

/*
 * put(r, unit, spec): store the values of ${spec}, "name=value" tokens
 * separated by spaces, for ${unit}. Choice inputs take an option code, text
 * inputs any text without spaces, the others a number.
 */
static inline void
put_at(struct round *r, const char *unit, const char *spec, const char *file,
    int line)
{
	char buf[4096], *save = NULL, *tok;
	int u = round_unit(r, unit, strlen(unit));

	if (u < 0 || strlen(spec) >= sizeof(buf)) {
		print_error("put: cannot add unit %s\n", unit);
		_fail(file, line);
	}
	strcpy(buf, spec);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '='), *end;
		const struct m_input *mi;
		int in, k;

		if (eq == NULL) {
			print_error("put: token '%s' has no '='\n", tok);
			_fail(file, line);
			return;
		}
		*eq++ = '\0';
		in = method_input(G_M, tok, strlen(tok));
		if (in < 0) {
			print_error(
			    "put: the methodology has no input '%s'\n", tok);
			_fail(file, line);
			return;
		}
		mi = &G_M->m_inputs[in];
		switch (mi->mi_kind) {
		case IK_CHOICE:
			for (k = 0; k < mi->mi_noptions; k++) {
				if (strcmp(mi->mi_codes[k], eq) == 0)
					break;
			}
			if (k == mi->mi_noptions) {
				print_error(
				    "put: %s has no option '%s'\n", tok, eq);
				_fail(file, line);
			}
			round_set(r, u, in, k, 0);
			break;
		case IK_TEXT: round_set_text(r, u, in, eq, 0); break;
		default:
			if (*eq == '\0' || (strtod(eq, &end), *end != '\0')) {
				print_error(
				    "put: %s=%s is not a number\n", tok, eq);
				_fail(file, line);
			}
			round_set(r, u, in, strtod(eq, NULL), 0);
			break;
		}
	}
}
#define put(r, unit, spec) put_at(r, unit, spec, __FILE__, __LINE__)

/* expect(s, unit, code, want, status): the score of ${code} for ${unit}. */
static inline void
expect_at(const struct score *s, const char *unit, const char *code,
    double want, int status, const char *file, int line)
{
	int u = round_find(s->sco_r, unit), c = score_col_of(s, code);
	double got;

	g_asserts++;
	if (u < 0 || c < 0) {
		print_error(
		    "no unit '%s' or no code '%s' in the scores\n", unit, code);
		soft_fail(file, line);
		return;
	}
	got = score_get(s, u, c);
	if (!(fabs(got - want) <= GOLDEN_EPS)) {
		print_error("%s, %s: score %.12g, expected %.12g\n", unit, code,
		    got, want);
		soft_fail(file, line);
	}
	if (status != ST_ANY) {
		g_asserts++;
		if ((int)score_status(s, u, c) != status) {
			print_error("%s, %s: status %s, expected %s\n", unit,
			    code, score_status_name(score_status(s, u, c)),
			    score_status_name((enum score_status)status));
			soft_fail(file, line);
		}
	}
}
#define expect(s, unit, code, want) \
	expect_at(s, unit, code, want, SC_OK, __FILE__, __LINE__)
#define expect_st(s, unit, code, want, st) \
	expect_at(s, unit, code, want, st, __FILE__, __LINE__)

/*
 * one(spec, code, want, status): score a round of one unit holding ${spec}
 * and check ${code}.
 */
static inline void
one_at(const char *spec, const char *code, double want, int status,
    const char *file, int line)
{
	struct round *r = round_new(G_M);
	struct score *s;

	put_at(r, "u", spec, file, line);
	s = score_round(r, NULL, NULL);
	expect_at(s, "u", code, want, status, file, line);
	score_free(s);
	round_free(r);
}
#define one(spec, code, want) \
	one_at(spec, code, want, SC_OK, __FILE__, __LINE__)
#define one_st(spec, code, want, st) \
	one_at(spec, code, want, st, __FILE__, __LINE__)

/* check(cond): a counted assertion; see finish(). */
#define check(cond) \
	do { \
		g_asserts++; \
		if (!(cond)) { \
			print_error("%s is false\n", #cond); \
			soft_fail(__FILE__, __LINE__); \
		} \
	} while (0)

/* round4(x): ${x} rounded half up to 4 decimal places, as published. */
static inline double
round4(double x)
{
	return floor(x * 10000.0 + 0.5) / 10000.0;
}

#endif
