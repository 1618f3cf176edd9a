/*
 * test_district.c: the illustrative district methodology
 * (methodologies/district-demo.yaml) scores its illustrative round
 * (methodologies/district-demo-round.csv) exactly as worked out by hand:
 * a second index, with other groups, weights and rules, runs on the same
 * engine without a code change.
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

#include "engine/method.h"
#include "engine/round.h"
#include "engine/score.h"
#include "io/round_csv.h"
#include "util/buf.h"
#include "util/diag.h"

#define METHOD_PATH DTI_SOURCE_DIR "/methodologies/district-demo.yaml"
#define ROUND_PATH DTI_SOURCE_DIR "/methodologies/district-demo-round.csv"

struct fixture {
	char *f_mtext;
	size_t f_mlen;
	char *f_rtext;
	size_t f_rlen;
	struct method *f_m;
};

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.b_len;
	return buf_steal(&b);
}

static void
print_diag(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		char *s = diag_format(&d->d_items[i], LANG_EN);

		print_message("  %s\n", s);
		free(s);
	}
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct diag d;

	if (f == NULL)
		return -1;
	f->f_mtext = read_file(METHOD_PATH, &f->f_mlen);
	f->f_rtext = read_file(ROUND_PATH, &f->f_rlen);
	if (f->f_mtext == NULL || f->f_rtext == NULL) {
		print_error("cannot read %s or %s\n", METHOD_PATH, ROUND_PATH);
		return -1;
	}
	diag_init(&d);
	if (method_load(&f->f_m, f->f_mtext, f->f_mlen, "district-demo.yaml",
		&d) != 0) {
		print_diag(&d);
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	method_free(f->f_m);
	free(f->f_mtext);
	free(f->f_rtext);
	free(f);
	return 0;
}

/* parse(f, text, len): a round that must be read without an error. */
static struct round *
parse(const struct fixture *f, const char *text, size_t len)
{
	struct round *r = NULL;
	struct diag d;

	diag_init(&d);
	if (round_csv_parse(
		text, len, "district-demo-round.csv", f->f_m, &r, &d) != 0) {
		print_diag(&d);
		diag_free(&d);
		fail();
	}
	assert_int_equal(d.d_nerr, 0);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

/* The round without the lines that ${drop} matches (a line prefix). */
static char *
round_without(const struct fixture *f, const char *drop, size_t *len)
{
	struct buf b;
	const char *p = f->f_rtext, *end = f->f_rtext + f->f_rlen;

	buf_init(&b);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n =
		    nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (strncmp(p, drop, strlen(drop)) != 0)
			buf_append(&b, p, n);
		p += n;
	}
	*len = b.b_len;
	return buf_steal(&b);
}

/* The round with every line that starts with ${from} replaced by ${to}. */
static char *
round_with(
    const struct fixture *f, const char *from, const char *to, size_t *len)
{
	struct buf b;
	const char *p = f->f_rtext, *end = f->f_rtext + f->f_rlen;
	int found = 0;

	buf_init(&b);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n =
		    nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (strncmp(p, from, strlen(from)) == 0) {
			buf_puts(&b, to);
			buf_putc(&b, '\n');
			found = 1;
		} else {
			buf_append(&b, p, n);
		}
		p += n;
	}
	assert_true(found);
	*len = b.b_len;
	return buf_steal(&b);
}

struct expect {
	const char *code;
	double score;
};

static void
check_unit(const struct score *s, const char *unit, const struct expect *want,
    size_t n, int line)
{
	int u = round_find(s->sco_r, unit);
	size_t i;

	if (u < 0) {
		print_error("no unit %s\n", unit);
		_fail(__FILE__, line);
		return;
	}
	for (i = 0; i < n; i++) {
		int col = score_col_of(s, want[i].code);
		double got;

		if (col < 0) {
			print_error("no column %s\n", want[i].code);
			_fail(__FILE__, line);
			return;
		}
		got = score_get(s, u, col);
		if (fabs(got - want[i].score) > 1e-9 ||
		    score_status(s, u, col) != SC_OK) {
			print_error("%s %s: got %.12g (%s), want %.12g (ok)\n",
			    unit, want[i].code, got,
			    score_status_name(score_status(s, u, col)),
			    want[i].score);
			_fail(__FILE__, line);
		}
	}
}

#define CHECK_UNIT(s, unit, want) \
	check_unit( \
	    (s), (unit), (want), sizeof(want) / sizeof((want)[0]), __LINE__)

/*
 * Cross-unit figures of the round, by hand:
 *
 * 2.3 Min-Max over the four districts' x = 120, 45, 30, 10:
 *     min 10, max 120, score = (x - 10) / 110 * 10.
 * 3.1 proportional to the best ratio a / b:
 *     38000 / 47500 = 0.8, 14000 / 25000 = 0.56, 15000 / 30000 = 0.5,
 *     1800 / 6000 = 0.3; best 0.8, score = ratio / 0.8 * 10.
 */

/* Phan Rang - Tháp Chàm */
static const struct expect prtc[] = {
	{ "1.1", 15 }, /* chairman: full points */
	{ "1.2", 10 }, /* plan issued: 1 */
	{ "1.3", 15 }, /* 180 / 200 = 90 % >= 80 %: full points */
	{ "2.1", 10 }, /* 16 / 16 * 10 */
	{ "2.2", 15 }, /* 4200 / 7000 = 60 % >= 50 %: full points */
	{ "2.3", 10 }, /* (120 - 10) / 110 * 10 */
	{ "3.1", 10 }, /* 0.8 / 0.8 * 10 */
	{ "3.2", 9 }, /* 9 classes, 1 point each */
	{ "I", 40 }, /* 15 + 10 + 15 */
	{ "II", 35 }, /* 10 + 15 + 10 */
	{ "III", 19 }, /* 10 + 9 */
	{ "TOTAL", 94 }, /* 40 + 35 + 19 */
	{ "INDEX", 0.94 }, /* 94 / 100 */
	{ "CQS", 1 }, /* 0.6 * 40 / 40 + 0.4 * 35 / 35 */
};

/* Ninh Hải */
static const struct expect ninh_hai[] = {
	{ "1.1", 9 }, /* vice_chairman: 60 % of 15 */
	{ "1.2", 10 },
	{ "1.3", 11.25 }, /* 90 / 150 = 60 % < 80 %: 0.6 / 0.8 * 15 */
	{ "2.1", 70.0 / 9 }, /* 7 / 9 * 10 = 7.7778 */
	{ "2.2", 9 }, /* 1200 / 3000 = 40 %, in [30 %, 50 %): 60 % of 15 */
	{ "2.3", 35.0 / 11 }, /* (45 - 10) / 110 * 10 = 3.1818 */
	{ "3.1", 7 }, /* 0.56 / 0.8 * 10 */
	{ "3.2", 15 }, /* 18 classes, capped at 15 */
	{ "I", 30.25 }, /* 9 + 10 + 11.25 */
	/* 70/9 + 9 + 35/11 = (770 + 891 + 315) / 99 = 1976 / 99 = 19.9596 */
	{ "II", 1976.0 / 99 },
	{ "III", 22 }, /* 7 + 15 */
	{ "TOTAL", 30.25 + 1976.0 / 99 + 22 }, /* 72.2096 */
	{ "INDEX", (30.25 + 1976.0 / 99 + 22) / 100 },
	/* 0.6 * 30.25 / 40 + 0.4 * 19.9596 / 35 = 0.45375 + 0.22811 */
	{ "CQS", 0.6 * 30.25 / 40 + 0.4 * (1976.0 / 99) / 35 },
};

/* Ninh Phước */
static const struct expect ninh_phuoc[] = {
	{ "1.1", 0 }, /* none */
	{ "1.2", 0 }, /* no plan */
	{ "1.3", 11.71875 }, /* 100 / 160 = 62.5 %: 0.625 / 0.8 * 15 */
	{ "2.1", 10 }, /* 9 / 9 * 10 */
	{ "2.2", 4.5 }, /* 500 / 4000 = 12.5 %, in [10 %, 30 %): 30 % of 15 */
	{ "2.3", 20.0 / 11 }, /* (30 - 10) / 110 * 10 = 1.8182 */
	{ "3.1", 6.25 }, /* 0.5 / 0.8 * 10 */
	{ "3.2", 4 },
	{ "I", 11.71875 }, /* 0 + 0 + 11.71875 */
	{ "II", 14.5 + 20.0 / 11 }, /* 10 + 4.5 + 1.8182 = 16.3182 */
	{ "III", 10.25 }, /* 6.25 + 4 */
	{ "TOTAL", 11.71875 + 14.5 + 20.0 / 11 + 10.25 }, /* 38.2869 */
	{ "INDEX", (11.71875 + 14.5 + 20.0 / 11 + 10.25) / 100 },
	/* 0.6 * 11.71875 / 40 + 0.4 * 16.3182 / 35 = 0.17578 + 0.18649 */
	{ "CQS", 0.6 * 11.71875 / 40 + 0.4 * (14.5 + 20.0 / 11) / 35 },
};

/* Bác Ái */
static const struct expect bac_ai[] = {
	{ "1.1", 15 },
	{ "1.2", 10 },
	{ "1.3", 7.5 }, /* 40 / 100 = 40 %: 0.4 / 0.8 * 15 */
	{ "2.1", 50.0 / 9 }, /* 5 / 9 * 10 = 5.5556 */
	{ "2.2", 0 }, /* 60 / 1000 = 6 % < 10 % */
	{ "2.3", 0 }, /* the lowest: (10 - 10) / 110 * 10 */
	{ "3.1", 3.75 }, /* 0.3 / 0.8 * 10 */
	{ "3.2", 6 },
	{ "I", 32.5 }, /* 15 + 10 + 7.5 */
	{ "II", 50.0 / 9 }, /* 5.5556 + 0 + 0 */
	{ "III", 9.75 }, /* 3.75 + 6 */
	{ "TOTAL", 32.5 + 50.0 / 9 + 9.75 }, /* 47.8056 */
	{ "INDEX", (32.5 + 50.0 / 9 + 9.75) / 100 },
	/* 0.6 * 32.5 / 40 + 0.4 * 5.5556 / 35 = 0.4875 + 0.06349 */
	{ "CQS", 0.6 * 32.5 / 40 + 0.4 * (50.0 / 9) / 35 },
};

static void
test_round_reads(void **state)
{
	const struct fixture *f = *state;
	struct round *r = parse(f, f->f_rtext, f->f_rlen);
	int u, i;

	/* four districts, every input present */
	assert_int_equal(r->r_nunits, 4);
	assert_string_equal(r->r_units[0], "phan-rang-thap-cham");
	assert_string_equal(r->r_units[3], "bac-ai");
	for (u = 0; u < r->r_nunits; u++)
		for (i = 0; i < f->f_m->m_ninputs; i++)
			assert_true(round_has(r, u, i));
	assert_string_equal(round_text(r, round_find(r, "ninh-hai"),
				method_input(f->f_m, "A.1", 3)),
	    "Huyện Ninh Hải");
	round_free(r);
}

static void
test_scores(void **state)
{
	const struct fixture *f = *state;
	struct round *r = parse(f, f->f_rtext, f->f_rlen);
	struct score *s = score_round(r, NULL, NULL);

	/* columns: 8 indicators, 3 groups, 3 derived figures */
	assert_int_equal(s->sco_ncols, 8 + 3 + 3);
	assert_int_equal(s->sco_nunits, 4);
	CHECK_UNIT(s, "phan-rang-thap-cham", prtc);
	CHECK_UNIT(s, "ninh-hai", ninh_hai);
	CHECK_UNIT(s, "ninh-phuoc", ninh_phuoc);
	CHECK_UNIT(s, "bac-ai", bac_ai);
	assert_true(score_col_max(s, score_col_of(s, "TOTAL")) == 100);
	assert_true(score_col_max(s, score_col_of(s, "II")) == 35);
	assert_true(score_col_max(s, score_col_of(s, "3.2")) == 15);
	score_free(s);
	round_free(r);
}

/*
 * A round compares the units present in it: without Phan Rang - Tháp Chàm
 * the best 2.3 is 45 and the best 3.1 ratio 0.56.
 *   2.3: min 10, max 45: Ninh Hải (45 - 10) / 35 * 10 = 10,
 *        Ninh Phước (30 - 10) / 35 * 10 = 5.7143, Bác Ái 0.
 *   3.1: Ninh Hải 10, Ninh Phước 0.5 / 0.56 * 10 = 8.9286,
 *        Bác Ái 0.3 / 0.56 * 10 = 5.3571.
 * Scores that do not compare units stay as they were.
 */
static void
test_round_without_city(void **state)
{
	const struct fixture *f = *state;
	size_t len;
	char *text = round_without(f, "phan-rang-thap-cham,", &len);
	struct round *r = parse(f, text, len);
	struct score *s = score_round(r, NULL, NULL);
	const struct expect nh[] = { { "2.3", 10 }, { "3.1", 10 },
		{ "1.3", 11.25 }, { "3.2", 15 } };
	const struct expect np[] = { { "2.3", 200.0 / 35 },
		{ "3.1", 0.5 / 0.56 * 10 }, { "2.2", 4.5 } };
	const struct expect ba[] = { { "2.3", 0 }, { "3.1", 0.3 / 0.56 * 10 },
		/* 32.5 + 50/9 + 0.3/0.56*10 + 6 */
		{ "TOTAL", 32.5 + 50.0 / 9 + 0.3 / 0.56 * 10 + 6 } };

	assert_int_equal(s->sco_nunits, 3);
	assert_int_equal(round_find(r, "phan-rang-thap-cham"), -1);
	CHECK_UNIT(s, "ninh-hai", nh);
	CHECK_UNIT(s, "ninh-phuoc", np);
	CHECK_UNIT(s, "bac-ai", ba);
	score_free(s);
	round_free(r);
	free(text);
}

/*
 * A missing input: Bác Ái's 2.3 is absent. Its 2.3 scores 0 (missing), its
 * group II is incomplete, and it takes no part in the Min-Max: min 30,
 * max 120, so Ninh Hải scores (45 - 30) / 90 * 10 = 1.6667 and Ninh Phước
 * (30 - 30) / 90 * 10 = 0.
 */
static void
test_missing_input(void **state)
{
	const struct fixture *f = *state;
	size_t len;
	char *text = round_without(f, "bac-ai,2.3,", &len);
	struct round *r = parse(f, text, len);
	struct score *s = score_round(r, NULL, NULL);
	const struct expect others[] = { { "2.3", 15.0 / 90 * 10 } };
	const struct expect np[] = { { "2.3", 0 } };
	const struct expect city[] = { { "2.3", 10 } };
	int ba = round_find(r, "bac-ai"), c23 = score_col_of(s, "2.3");
	int cii = score_col_of(s, "II"), ctot = score_col_of(s, "TOTAL");

	CHECK_UNIT(s, "ninh-hai", others);
	CHECK_UNIT(s, "ninh-phuoc", np);
	CHECK_UNIT(s, "phan-rang-thap-cham", city);
	assert_int_equal(score_status(s, ba, c23), SC_MISSING);
	assert_true(score_get(s, ba, c23) == 0);
	assert_int_equal(score_status(s, ba, cii), SC_INCOMPLETE);
	assert_true(fabs(score_get(s, ba, cii) - 50.0 / 9) < 1e-9);
	assert_int_equal(score_status(s, ba, ctot), SC_INCOMPLETE);
	score_free(s);
	round_free(r);
	free(text);
}

/*
 * A zero denominator: Bác Ái reports 0 households (3.1.a = 3.1.b = 0). Its
 * 3.1 scores 0 (zero_denominator) and takes no part in the best ratio,
 * which stays 0.8: the others keep their scores.
 */
static void
test_zero_denominator(void **state)
{
	const struct fixture *f = *state;
	size_t len, len2;
	char *t1 = round_with(f, "bac-ai,3.1.a,", "bac-ai,3.1.a,0", &len);
	char *t2;
	struct round *r;
	struct score *s;
	const struct expect nh[] = { { "3.1", 7 } };
	const struct expect np[] = { { "3.1", 6.25 } };
	int ba, c31;

	{
		struct fixture tmp = *f;

		tmp.f_rtext = t1;
		tmp.f_rlen = len;
		t2 = round_with(&tmp, "bac-ai,3.1.b,", "bac-ai,3.1.b,0", &len2);
	}
	r = parse(f, t2, len2);
	s = score_round(r, NULL, NULL);
	ba = round_find(r, "bac-ai");
	c31 = score_col_of(s, "3.1");
	CHECK_UNIT(s, "ninh-hai", nh);
	CHECK_UNIT(s, "ninh-phuoc", np);
	assert_int_equal(score_status(s, ba, c31), SC_DIV0);
	assert_true(score_get(s, ba, c31) == 0);
	score_free(s);
	round_free(r);
	free(t1);
	free(t2);
}

/* The methodology's checks apply: more trained officials than officials. */
static void
test_check_rejects(void **state)
{
	const struct fixture *f = *state;
	size_t len;
	char *text =
	    round_with(f, "ninh-hai,1.3.a,", "ninh-hai,1.3.a,151", &len);
	struct round *r = (struct round *)0x1;
	struct diag d;

	diag_init(&d);
	assert_int_equal(round_csv_parse(text, len, "district-demo-round.csv",
			     f->f_m, &r, &d),
	    -1);
	assert_null(r);
	assert_int_equal(d.d_nerr, 1);
	assert_int_equal(d.d_items[0].di_line, 20); /* the line of 1.3.a */
	assert_non_null(strstr(d.d_items[0].di_en, "a <= b"));
	diag_free(&d);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_reads),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_round_without_city),
		cmocka_unit_test(test_missing_input),
		cmocka_unit_test(test_zero_denominator),
		cmocka_unit_test(test_check_rejects),
	};

	return cmocka_run_group_tests_name("district", tests, setup, teardown);
}
