/*
 * test_quang_ninh.c: the published 2022 figures for Quảng Ninh. The
 * contract (shared/spec/exchange-format.md, "Score output") says that the
 * main indicators as fractions of their max, 0.9581 0.9000 0.7648 0.6250
 * 0.5382 0.8385 0.5904 0.4505, give INDEX 0.7024, CQS 0.7804, KTS 0.7187 and
 * XHS 0.6864 (rounded to 4 decimals).
 *
 * Group scores: I 95.81, II 90, III 76.48, IV 62.5, V 53.82, VI 0.8385*200 =
 * 167.7, VII 0.5904*150 = 88.56, VIII 0.4505*150 = 67.575, IX 0.
 *   TOTAL = 702.445, INDEX = 0.702445                -> 0.7024
 *   CQS = (95.81+90+76.48+62.5+53.82+167.7)/700 = 546.31/700 = 0.780443 -> 0.7804
 *   KTS = (378.61+88.56)/650 = 467.17/650 = 0.718723   -> 0.7187
 *   XHS = (378.61+67.575)/650 = 446.185/650 = 0.686438 -> 0.6864
 */
#include "golden_util.h"

static const char *const group_codes[] = { "I", "II", "III", "IV", "V", "VI",
	"VII", "VIII", "IX" };
static const double group_points[] = { 100, 100, 100, 100, 100, 200, 150, 150,
	0 };
static const double fractions[] = { 0.9581, 0.9000, 0.7648, 0.6250, 0.5382,
	0.8385, 0.5904, 0.4505, 0 };
static const double groups_qn[] = { 95.81, 90, 76.48, 62.5, 53.82, 167.7, 88.56,
	67.575, 0 };

static const struct {
	const char *code;
	double exact; /* by hand, above */
	double published; /* rounded to 4 decimals */
} figures[] = {
	{ "TOTAL", 702.445, 702.445 },
	{ "INDEX", 0.702445, 0.7024 },
	{ "CQS", 546.31 / 700.0, 0.7804 },
	{ "KTS", 467.17 / 650.0, 0.7187 },
	{ "XHS", 446.185 / 650.0, 0.6864 },
};

/* The methodology's derived formulas, evaluated on the group scores. */
static void
test_derived_formulas(void **state)
{
	double slots[METHOD_MAX_GROUPS + 64];
	size_t i;
	int g, d;

	(void)state;
	check(G_M->m_ngroups == 9);
	check(G_M->m_nderived == 5);
	for (g = 0; g < G_M->m_ngroups && g < 9; g++) {
		check(strcmp(G_M->m_groups[g].mg_code, group_codes[g]) == 0);
		check(G_M->m_groups[g].mg_points == group_points[g]);
		slots[g] = fractions[g] * G_M->m_groups[g].mg_points;
		check(fabs(slots[g] - groups_qn[g]) < 1e-9);
	}
	for (d = 0; d < G_M->m_nderived && d < 64; d++) {
		struct expr_eval ev;
		double v;

		memset(&ev, 0, sizeof(ev));
		ev.ev_slots = slots;
		v = expr_eval(G_M->m_derived[d].md_expr, &ev);
		check(ev.ev_flags == 0);
		slots[G_M->m_ngroups + d] = v;
		for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
			if (strcmp(figures[i].code,
				G_M->m_derived[d].md_code) != 0)
				continue;
			g_asserts++;
			if (!(fabs(v - figures[i].exact) < 1e-9))
				soft_msg("%s = %.9f, by hand %.9f",
				    figures[i].code, v, figures[i].exact);
			g_asserts++;
			if (round4(v) != round4(figures[i].published))
				soft_msg("%s = %.9f rounds to %.4f, published "
					 "%.4f",
				    figures[i].code, v, round4(v),
				    figures[i].published);
		}
	}
	/* every figure was found */
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		int found = 0;

		for (d = 0; d < G_M->m_nderived; d++)
			found |= strcmp(G_M->m_derived[d].md_code,
				     figures[i].code) == 0;
		check(found);
	}
	finish();
}

/*
 * A round for Quảng Ninh whose inputs give exactly those group scores; the
 * arithmetic is beside each line. It is also tests/golden/data/quang_ninh.csv.
 */
static const char *const qn_inputs[] = {
	/* I = 90 + 5.81 = 95.81 */
	"1.1=leader 1.2.national_sessions=1 1.2.chairs_meetings=1",
	"1.3.a=581 1.3.b=1000", /* 0.581 * 10 = 5.81 */
	"1.4=weekly 1.5.section=1 1.5.articles=35 1.6=1 1.7=1 1.8=weekly",
	"1.9=1 1.10=weekly",
	/* II = 100 - 10 (2.3) = 90 */
	"2.1=1 2.2=1 2.3=0 2.4=1 2.5=1 2.6=1 2.7=1 2.8=1 2.9=1 2.10=1 2.11=1",
	/* III = 6 + 8 + 6.48 + 6 + 30 + 20 + 0 = 76.48 */
	"3.1.a=600000 3.1.b=1000000", /* 0.6 * 10 */
	"3.2.a=280000 3.2.b=350000", /* 0.8 * 10 */
	"3.3.a=226800 3.3.b=350000", /* 0.648 * 10 */
	"3.4.a=111 3.4.b=185", /* 0.6 * 10 */
	"3.5.datacenter=standard 3.5.gov_cloud=1", /* 15 + 15 */
	"3.6.a=7 3.6.c=7", /* 10 + 10 */
	"3.7.a=0 3.7.b=7", /* 0 */
	/* IV = 40 + 10 + 10 + 2.5 = 62.5 */
	"4.1=1 4.2=1 4.3=1 4.4=1",
	/* one unit, ratio > 0: all equal, full points */
	"4.5.a=20 4.5.b=100 4.5.c=10 4.5.d=70 4.5.e=3000 4.5.f=27000",
	"4.6.a=150 4.6.b=30000",
	"4.7.a=7500 4.7.b=30000", /* 0.25 * 10 */
	"4.8.a=0 4.8.b=3 4.9.a=0 4.9.b=5000 4.10.a=0 4.10.b=800000",
	"4.11.a=0 4.11.b=1350000", /* one unit, 0: 0 */
	"4.12.a=0 4.12.b=10 4.13.a=0 4.13.b=600",
	/* V = 10+10+10+3.82+5+0+0+5+0+0+5+5 = 53.82 */
	"5.1=60 5.2.a=60 5.2.b=60 5.3.a=80 5.3.b=80",
	"5.4.a=1910 5.4.b=5000", /* 0.382 * 10 */
	"5.5.a=12 5.5.b=12 5.6.a=0 5.6.b=60 5.7.a=0 5.7.b=60",
	"5.8.a=60 5.8.b=60 5.9=0 5.10=0 5.11.a=30 5.11.b=30",
	"5.12.1.a=10 5.12.1.b=5 5.12.1.c=100", /* 15 % >= 10 %: 5 */
	"5.12.2=0 5.12.3=0 5.12.4=0 5.12.5=0 5.12.6=0",
	/* VI = 200 - 10 (6.8) - 7.3 (6.10) - 5 (6.19) - 10 (6.20) = 167.7 */
	"6.1.compliant=1 6.1.ipv6=1 6.2.deployed=1 6.2.compliant=1",
	"6.3.merged=1 6.3.compliant=1 6.3.ipv6=1 6.4.info=1 6.4.services=1",
	"6.5=1 6.6.a=20 6.6.b=20 6.7.a=50 6.7.b=50",
	"6.8.a=99 6.8.b=100", /* 99 % < 100 %: 0 */
	"6.9.a=300 6.9.b=300",
	"6.10.a=81 6.10.b=300", /* 0.27 * 10 = 2.7 */
	"6.11.a=400 6.11.b=600 6.11.c=400 6.11.d=600",
	"6.12.a=100000 6.12.b=30000 6.12.c=60000", /* 90 % >= 80 % */
	"6.13.a=50000 6.13.b=5000 6.13.c=50000 6.13.d=5000",
	"6.14.a=1000 6.14.b=1000 6.14.c=100 6.14.d=100",
	"6.15=1 6.16=1 6.17.agencies=1 6.17.devices=1 6.18=1",
	"6.19=deployed 6.20=none 6.21=12",
	"6.22.a=100 6.22.b=50 6.22.c=10000", /* 1.5 % >= 1 % */
	/* VII = 3+0.6+10+1.6+10+10+3.36+10+10+10+10+10 = 88.56 */
	"7.1.a=15000 7.1.b=100000", /* 15 % < 20 %: 0.15 * 20 = 3 */
	"7.2.a=300 7.2.b=10000", /* 3 % < 5 %: 0.03 * 20 = 0.6 */
	"7.3.a=1000 7.3.b=10000", /* 10 % >= 10 %: 10 */
	"7.4.a=800 7.4.b=10000", /* 8 % < 10 %: 0.08 * 20 = 1.6 */
	"7.5.a=5000 7.5.b=10000 7.6.a=8000 7.6.b=10000", /* at thresholds */
	"7.7.a=3360 7.7.b=10000", /* 0.336 * 10 = 3.36 */
	"7.8.a=100 7.8.b=100 7.9.a=600 7.9.b=10000",
	"7.10.a=5000 7.10.b=10000", /* the best of one */
	"7.11.a=30 7.11.b=10000 7.12.a=25 7.12.b=10000",
	/* VIII = 14 + 15 + 4 + 9.575 + 5 + 0 + 0 + 20 = 67.575 */
	"8.1.a=700000 8.1.b=1000000", /* 0.7 * 20 */
	"8.2.a=480000 8.2.b=800000", /* 0.6 / 0.8 * 20 */
	"8.3.a=80000 8.3.b=800000", /* 0.1 / 0.5 * 20 */
	"8.4.a=47875 8.4.b=100000", /* 0.47875 * 20 */
	"8.5.a=210000 8.5.b=600000", /* 0.35 / 0.7 * 10 */
	"8.6=0 8.7=0 8.8=20",
	"9.1=1 9.2=1 9.3=0",
};

static void
test_full_round(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(qn_inputs) / sizeof(qn_inputs[0]); i++)
		put(r, "quang-ninh", qn_inputs[i]);
	/* alone, the cross-unit indicators score 0: nothing to compare */
	s = score_round(r, NULL, NULL);
	check(score_get(s, 0, score_col_of(s, "4.5")) == 0);
	check(score_status(s, 0, score_col_of(s, "4.5")) == SC_NOBOUNDS);
	check(score_get(s, 0, score_col_of(s, "7.10")) == 0);
	check(score_status(s, 0, score_col_of(s, "7.10")) == SC_NOBOUNDS);
	check(score_status(s, 0, score_col_of(s, "8.6")) == SC_NOBOUNDS);
	/*
	 * Published, they had the national figures to compare with: as
	 * reference bounds, 0 to Quảng Ninh's own value (the best), which
	 * the lone round's statistics hold.
	 */
	for (i = 0; i < (size_t)G_M->m_nind; i++) {
		const struct expr *ex = G_M->m_ind[i].mn_expr;

		if (ex != NULL && expr_ncross(ex) > 0)
			round_set_bounds(r, (int)i, 0,
			    s->sco_cross[s->sco_cross_off[i]].xc_max);
	}
	score_free(s);
	s = score_round(r, NULL, NULL);
	for (i = 0; i < 9; i++)
		expect(s, "quang-ninh", group_codes[i], groups_qn[i]);
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		int c = score_col_of(s, figures[i].code);

		expect(s, "quang-ninh", figures[i].code, figures[i].exact);
		g_asserts++;
		if (c < 0 ||
		    round4(score_get(s, 0, c)) != round4(figures[i].published))
			soft_msg("%s does not round to %.4f", figures[i].code,
			    figures[i].published);
	}
	/* a few indicators on the way */
	expect(s, "quang-ninh", "1.3", 5.81);
	expect(s, "quang-ninh", "3.3", 6.48);
	expect(s, "quang-ninh", "5.4", 3.82);
	expect(s, "quang-ninh", "6.10", 2.7);
	expect(s, "quang-ninh", "7.7", 3.36);
	expect(s, "quang-ninh", "7.1", 3.0);
	expect(s, "quang-ninh", "8.4", 9.575);
	/* bounds of 0 and twice its value (60) put it half way: 10 / 2 */
	{
		int c = score_col_of(s, "5.1");
		double x = s->sco_cross[s->sco_cross_off[c]].xc_max;

		check(x == 60);
		round_set_bounds(r, c, 0, 2 * x);
		score_free(s);
		s = score_round(r, NULL, NULL);
		expect(s, "quang-ninh", "5.1", 5.0);
	}
	score_free(s);
	round_free(r);
	finish();
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derived_formulas),
		cmocka_unit_test(test_full_round),
	};
	int rc = cmocka_run_group_tests_name(
	    "quang_ninh", tests, golden_setup, golden_teardown);

	printf("test_quang_ninh: %ld assertions\n", g_asserts);
	return rc != 0;
}
