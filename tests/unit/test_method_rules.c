/*
 * test_method_rules.c: the data rules of a methodology (the sections
 * plausibility, consistency, evidence and contributions): loading them,
 * every error with its file:line:column, the pure functions of
 * src/engine/method_rules.c, and the rules of the 2022 provincial file.
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

#include "engine/builtin.h"
#include "engine/method.h"
#include "engine/round.h"
#include "io/round_csv.h"
#include "util/buf.h"
#include "util/diag.h"
#include "unit_method.h"

#define FILE_NAME "r.yaml"

/*
 * The base methodology: 28 lines, no data rules. Every case appends its
 * sections from line 29 on.
 *
 *  8 A.1 count "người"      21 1.1.a count       25 1.1.e amount
 *  9 A.2 count              22 1.1.b count       26 1.1.f text
 * 10 A.3 amount             23 1.1.c yesno       27 1.1.g number
 *                           24 1.1.d choice good, fair, bad
 */
#define BASE \
	"methodology:\n" /* 1 */ \
	"  id: demo\n" \
	"  name: \"Demo\"\n" \
	"agencies:\n" \
	"  - {code: ag, name: \"Cơ quan A\"}\n" /* 5 */ \
	"  - {code: huyen, name: \"Các huyện\", kind: group}\n" \
	"general:\n" \
	"  - {code: \"A.1\", name: \"Dân số\", kind: count, unit: \"người\", " \
	"lead: ag}\n" \
	"  - {code: \"A.2\", name: \"Số doanh nghiệp\", kind: count, lead: " \
	"ag}\n" \
	"  - {code: \"A.3\", name: \"Tổng chi\", kind: amount, lead: ag}\n" \
	"groups:\n" /* 11 */ \
	"  - code: G\n" \
	"    name: \"Nhóm\"\n" \
	"    points: 10\n" \
	"    indicators:\n" /* 15 */ \
	"      - code: \"1.1\"\n" \
	"        name: \"Chỉ số\"\n" \
	"        points: 10\n" \
	"        lead: ag\n" \
	"        inputs:\n" /* 20 */ \
	"          - {name: \"1.1.a\", kind: count, label: \"Số doanh nghiệp " \
	"số\"}\n" \
	"          - {name: \"1.1.b\", kind: count, label: \"Tổng số doanh " \
	"nghiệp\"}\n" \
	"          - {name: \"1.1.c\", kind: yesno}\n" \
	"          - {name: \"1.1.d\", kind: choice, options: [{code: good}, " \
	"{code: fair}, {code: bad}]}\n" \
	"          - {name: \"1.1.e\", kind: amount, label: \"Kinh phí\"}\n" \
	"          - {name: \"1.1.f\", kind: text}\n" \
	"          - {name: \"1.1.g\", kind: number}\n" \
	"        score: \"a / b * points\"\n" /* 28 */

/* input indexes of the base, in the order they are declared */
enum { A1, A2, A3, IA, IB, IC, ID, IE, IF, IG, NIN };

#define LOAD(text) load_ok((text), strlen(text), FILE_NAME)

/*
 * expect_error(text, line, col, en, vi, fline): ${text} does not load, and
 * one error at ${line}:${col} of FILE_NAME holds ${en} in English and ${vi}
 * in Vietnamese (NULL: any).
 */
static void
expect_error(const char *text, long line, long col, const char *en,
    const char *vi, int fline)
{
	struct method *m = (struct method *)0x1;
	struct diag d;
	size_t i;
	int found = 0;

	diag_init(&d);
	if (method_load(&m, text, strlen(text), FILE_NAME, &d) == 0) {
		method_free(m);
		diag_free(&d);
		print_error("the methodology loads, but must not\n");
		_fail(__FILE__, fline);
	}
	assert_null(m);
	for (i = 0; i < d.d_n; i++) {
		const struct diag_item *it = &d.d_items[i];

		if (it->di_sev == DIAG_ERROR && it->di_line == line &&
		    it->di_col == col && it->di_file != NULL &&
		    strcmp(it->di_file, FILE_NAME) == 0 &&
		    strstr(it->di_en, en) != NULL &&
		    (vi == NULL || strstr(it->di_vi, vi) != NULL) &&
		    it->di_vi[0] != '\0')
			found = 1;
	}
	if (!found) {
		print_error("no error %s:%ld:%ld '%s'; got:\n", FILE_NAME, line,
		    col, en);
		print_diag(&d);
	}
	diag_free(&d);
	if (!found)
		_fail(__FILE__, fline);
}

#define EXPECT_ERROR(text, line, col, en) \
	expect_error((text), (line), (col), (en), NULL, __LINE__)
#define EXPECT_ERROR_VI(text, line, col, en, vi) \
	expect_error((text), (line), (col), (en), (vi), __LINE__)

/* A file without data rules loads as before, and no rule applies. */
static void
test_no_rules(void **state)
{
	struct method *m = LOAD(BASE);
	struct diag d;
	int i;

	(void)state;
	assert_int_equal(m->m_ninputs, NIN);
	assert_int_equal(m->m_nplaus, 0);
	assert_int_equal(m->m_nconsist, 0);
	assert_int_equal(m->m_nevid, 0);
	assert_int_equal(m->m_ncontrib, 0);
	diag_init(&d);
	for (i = 0; i < NIN; i++) {
		assert_null(method_plausibility(m, i));
		assert_null(method_contribution(m, i));
		assert_int_equal(method_evidence_required(m, i), 0);
		assert_int_equal(method_plausible(m, i, 1e12, 1, &d), 0);
	}
	assert_null(method_plausibility(m, -1));
	assert_null(method_contribution(m, NIN));
	assert_int_equal(method_evidence_required(m, NIN), 0);
	assert_int_equal(d.d_n, 0);
	diag_free(&d);
	method_free(m);
}

static const char all_sections[] =
    BASE "plausibility:\n" /* 29 */
	 "  - inputs: [\"A.1\", \"1.1.b\"]\n"
	 "    min: 1000\n"
	 "    max: 2000000\n"
	 "    change: 10\n"
	 "    message: \"dân số từ 1.000 đến 2.000.000\"\n"
	 "  - kind: count\n" /* 35 */
	 "    change: 5\n"
	 "  - {kind: amount, max: 50.5}\n"
	 "  - {inputs: [\"1.1.g\"], min: -10}\n"
	 "consistency:\n"
	 "  - same: [\"A.2\", \"1.1.b\"]\n" /* 40 */
	 "    message: \"cùng một số liệu\"\n"
	 "  - at_most: [\"1.1.a\", \"1.1.b\"]\n"
	 "evidence:\n"
	 "  - {kind: yesno, policy: required}\n" /* 45 */
	 "  - {kind: choice, policy: required}\n"
	 "  - {inputs: [\"1.1.d\"], policy: optional}\n"
	 "  - {inputs: [\"1.1.a\", \"A.3\"], policy: required}\n"
	 "contributions:\n"
	 "  - {inputs: [\"1.1.c\"], by: huyen, aggregate: all}\n" /* 50 */
	 "  - {inputs: [\"1.1.d\"], by: [huyen], aggregate: worst}\n"
	 "  - {inputs: [\"A.2\", \"1.1.e\"], by: huyen, aggregate: sum}\n";

/* Every section is read into its structs; per-input entries win. */
static void
test_parse_all(void **state)
{
	struct method *m = LOAD(all_sections);
	const struct m_plaus *p;
	const struct m_contrib *c;

	(void)state;
	assert_int_equal(m->m_nplaus, 4);
	assert_int_equal(m->m_nconsist, 2);
	assert_int_equal(m->m_nevid, 4);
	assert_int_equal(m->m_ncontrib, 3);
	/* plausibility */
	p = method_plausibility(m, A1);
	assert_ptr_equal(p, &m->m_plaus[0]);
	assert_int_equal(p->mpl_kind, -1);
	assert_int_equal(p->mpl_ninputs, 2);
	assert_int_equal(p->mpl_inputs[0], A1);
	assert_int_equal(p->mpl_inputs[1], IB);
	assert_true(p->mpl_has_min && p->mpl_has_max);
	assert_true(p->mpl_min == 1000 && p->mpl_max == 2000000);
	assert_true(p->mpl_change == 10);
	assert_string_equal(p->mpl_message, "dân số từ 1.000 đến 2.000.000");
	assert_ptr_equal(method_plausibility(m, IB), p);
	/* the other counts follow the kind's entry */
	p = method_plausibility(m, A2);
	assert_ptr_equal(p, &m->m_plaus[1]);
	assert_int_equal(p->mpl_kind, IK_COUNT);
	assert_false(p->mpl_has_min || p->mpl_has_max);
	assert_true(p->mpl_change == 5);
	assert_null(p->mpl_message);
	assert_ptr_equal(method_plausibility(m, IA), p);
	p = method_plausibility(m, IE);
	assert_ptr_equal(p, &m->m_plaus[2]);
	assert_true(p->mpl_has_max && !p->mpl_has_min && p->mpl_max == 50.5);
	assert_true(p->mpl_change == 0);
	assert_ptr_equal(method_plausibility(m, A3), p);
	p = method_plausibility(m, IG);
	assert_true(p->mpl_has_min && p->mpl_min == -10);
	assert_null(method_plausibility(m, IC));
	assert_null(method_plausibility(m, ID));
	assert_null(method_plausibility(m, IF));
	/* consistency */
	assert_int_equal(m->m_consist[0].mcs_kind, MK_SAME);
	assert_int_equal(m->m_consist[0].mcs_ninputs, 2);
	assert_int_equal(m->m_consist[0].mcs_inputs[0], A2);
	assert_int_equal(m->m_consist[0].mcs_inputs[1], IB);
	assert_string_equal(m->m_consist[0].mcs_message, "cùng một số liệu");
	assert_int_equal(m->m_consist[1].mcs_kind, MK_AT_MOST);
	assert_int_equal(m->m_consist[1].mcs_inputs[0], IA);
	assert_int_equal(m->m_consist[1].mcs_inputs[1], IB);
	assert_null(m->m_consist[1].mcs_message);
	/* evidence: kinds, and inputs overriding them either way */
	assert_int_equal(method_evidence_required(m, IC), 1);
	assert_int_equal(method_evidence_required(m, ID), 0);
	assert_int_equal(method_evidence_required(m, IA), 1);
	assert_int_equal(method_evidence_required(m, A3), 1);
	assert_int_equal(method_evidence_required(m, IB), 0);
	assert_int_equal(method_evidence_required(m, IE), 0);
	assert_int_equal(method_evidence_required(m, IF), 0);
	/* contributions */
	c = method_contribution(m, IC);
	assert_non_null(c);
	assert_int_equal(c->mcb_agg, MA_ALL);
	assert_int_equal(c->mcb_nby, 1);
	assert_string_equal(m->m_agencies[c->mcb_by[0]].ma_code, "huyen");
	assert_int_equal(method_contribution(m, ID)->mcb_agg, MA_WORST);
	c = method_contribution(m, A2);
	assert_int_equal(c->mcb_agg, MA_SUM);
	assert_int_equal(c->mcb_ninputs, 2);
	assert_ptr_equal(method_contribution(m, IE), c);
	assert_null(method_contribution(m, IA));
	assert_string_equal(method_aggregate_name(MA_COUNT_YES), "count_yes");
	assert_string_equal(method_aggregate_name(MA_WORST), "worst");
	method_free(m);
}

/* Loading errors of plausibility, each at its place. */
static void
test_plausibility_errors(void **state)
{
	(void)state;
	EXPECT_ERROR_VI(BASE "plausibility:\n  - {inputs: [\"A.1\", \"9.9\"], "
			     "max: 5}\n",
	    30, 22, "unknown input '9.9'", "không có trong phương pháp");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [\"A.1\", \"A.1\"], "
			  "max: 5}\n",
	    30, 22, "input 'A.1' is named twice in 'inputs'");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [], max: 5}\n", 30, 14,
	    "'inputs' needs 1 to 256 inputs");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [\"A.1\"], kind: "
			  "count, max: 5}\n",
	    30, 5, "exactly one of 'kind' and 'inputs'");
	EXPECT_ERROR(BASE "plausibility:\n  - {max: 5}\n", 30, 5,
	    "exactly one of 'kind' and 'inputs'");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: counts, max: 5}\n", 30, 12,
	    "unknown input kind 'counts'");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: yesno, max: 5}\n", 30, 12,
	    "applies to numbers (count, amount, number), not to 'yesno'");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [\"1.1.f\"], max: 5}\n",
	    30, 14, "'1.1.f' is 'text'");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [\"1.1.d\"], min: 1}\n",
	    30, 14, "'1.1.d' is 'choice'");
	EXPECT_ERROR_VI(BASE "plausibility:\n  - {kind: count, min: 10, max: "
			     "9}\n",
	    30, 24, "min (10) is above max (9)", "min (10) lớn hơn max (9)");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, change: 1}\n", 30,
	    27, "the change factor must be above 1, not 1");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, change: 0.5}\n", 30,
	    27, "the change factor must be above 1, not 0.5");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, change: -3}\n", 30,
	    27, "the change factor must be above 1, not -3");
	/* "1.000" reads 1 or 1000: an official's slip, refused */
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, max: 1.000}\n", 30,
	    24, "not '1.000': ambiguous: 1 in the machine format, 1000 in");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, max: abc}\n", 30,
	    24,
	    "'max' must be a number (decimal point, at most 10^15), not "
	    "'abc'");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, min: 1e16}\n", 30,
	    24, "'min' must be a number");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, message: \"x\"}\n",
	    30, 5, "needs at least one of min, max, change");
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, maxi: 3}\n", 30, 19,
	    "unknown key 'maxi' in 'plausibility'");
	/* one entry per input and per kind */
	EXPECT_ERROR(BASE "plausibility:\n  - {kind: count, max: 3}\n"
			  "  - {kind: count, min: 1}\n",
	    31, 5, "'count' already has an entry of 'plausibility' at line 30");
	EXPECT_ERROR(BASE "plausibility:\n  - {inputs: [\"A.1\"], max: 3}\n"
			  "  - {inputs: [\"1.1.a\", \"A.1\"], min: 1}\n",
	    31, 5, "'A.1' already has an entry of 'plausibility' at line 30");
	EXPECT_ERROR(BASE "plausibility: {kind: count}\n", 29, 15,
	    "'plausibility' must be a list");
	EXPECT_ERROR(BASE "plausibility:\n  - 5\n", 30, 5,
	    "'plausibility' must be a mapping");
}

/* Loading errors of consistency. */
static void
test_consistency_errors(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "consistency:\n  - {message: \"x\"}\n", 30, 5,
	    "exactly one of 'same' and 'at_most'");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"A.1\"], at_most: "
			  "[\"A.1\", \"A.2\"]}\n",
	    30, 5, "exactly one of 'same' and 'at_most'");
	EXPECT_ERROR_VI(BASE "consistency:\n  - {same: [\"A.1\"]}\n", 30, 12,
	    "'same' needs at least two different inputs",
	    "cần ít nhất hai dữ liệu");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"A.1\", \"A.1\"]}\n", 30,
	    20, "input 'A.1' is named twice in 'same'");
	EXPECT_ERROR(BASE "consistency:\n  - {at_most: [\"A.1\", \"A.2\", "
			  "\"1.1.a\"]}\n",
	    30, 15, "'at_most' needs exactly two inputs");
	EXPECT_ERROR(BASE "consistency:\n  - {at_most: [\"A.1\"]}\n", 30, 15,
	    "'at_most' needs exactly two inputs");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"A.1\", \"A.7\"]}\n", 30,
	    20, "unknown input 'A.7'");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"A.1\", \"A.3\"]}\n", 30,
	    12, "'A.1' is 'count' but 'A.3' is 'amount'");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"1.1.c\", \"A.1\"]}\n",
	    30, 12, "'1.1.c' is 'yesno' but 'A.1' is 'count'");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"1.1.f\", \"1.1.f\"]}\n",
	    30, 22, "named twice");
	EXPECT_ERROR(BASE "consistency:\n  - {at_most: [\"1.1.c\", "
			  "\"1.1.c\"]}\n",
	    30, 25, "named twice");
	EXPECT_ERROR(BASE "consistency:\n  - {at_most: [\"A.1\", \"1.1.c\"]}\n",
	    30, 15, "'A.1' is 'count' but '1.1.c' is 'yesno'");
	EXPECT_ERROR(BASE "consistency:\n  - {same: 5}\n", 30, 12,
	    "'same' must be a list");
	EXPECT_ERROR(BASE "consistency:\n  - {same: [\"A.1\", \"A.2\"], note: "
			  "x}\n",
	    30, 28, "unknown key 'note' in 'consistency'");
}

/* same of text or choice, and at_most of yes/no, are refused. */
static void
test_consistency_kinds(void **state)
{
	/* a 0-point indicator keeps the group's 10 points */
#define IND2 \
	"      - code: \"1.2\"\n" /* 29 */ \
	"        name: \"Hai\"\n" \
	"        points: 0\n" \
	"        lead: ag\n" \
	"        inputs:\n" \
	"          - {name: \"1.2.t\", kind: text}\n" \
	"          - {name: \"1.2.y\", kind: yesno}\n" \
	"          - {name: \"1.2.d\", kind: choice, options: [{code: a}]}\n" \
	"        score: \"0\"\n" \
	"consistency:\n" /* 38 */
	struct method *m;

	(void)state;
	EXPECT_ERROR(BASE IND2 "  - {same: [\"1.1.f\", \"1.2.t\"]}\n", 39, 12,
	    "'same' cannot compare inputs of kind 'text'");
	EXPECT_ERROR(BASE IND2 "  - {same: [\"1.1.d\", \"1.2.d\"]}\n", 39, 12,
	    "'same' cannot compare inputs of kind 'choice'");
	EXPECT_ERROR(BASE IND2 "  - {at_most: [\"1.1.c\", \"1.2.y\"]}\n", 39,
	    15, "'at_most' cannot compare inputs of kind 'yesno'");
	/* two yes/no answers to the same question may be the same */
	m = LOAD(BASE IND2 "  - {same: [\"1.1.c\", \"1.2.y\"]}\n");
	assert_int_equal(m->m_nconsist, 1);
	method_free(m);
#undef IND2
}

/* Loading errors of evidence. */
static void
test_evidence_errors(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "evidence:\n  - {kind: yesno, policy: must}\n", 30,
	    27, "evidence policy 'must' is not required or optional");
	EXPECT_ERROR(BASE "evidence:\n  - {kind: yesno}\n", 30, 5,
	    "'evidence' lacks the field 'policy'");
	EXPECT_ERROR(BASE "evidence:\n  - {policy: required}\n", 30, 5,
	    "exactly one of 'kind' and 'inputs'");
	EXPECT_ERROR(BASE "evidence:\n  - {inputs: [\"x\"], policy: required}"
			  "\n",
	    30, 15, "unknown input 'x'");
	EXPECT_ERROR(BASE "evidence:\n  - {kind: yesno, policy: required}\n"
			  "  - {kind: yesno, policy: optional}\n",
	    31, 5, "'yesno' already has an entry of 'evidence' at line 30");
	EXPECT_ERROR(BASE "evidence:\n  - {inputs: [\"1.1.c\"], policy: "
			  "required}\n"
			  "  - {inputs: [\"1.1.c\"], policy: optional}\n",
	    31, 5, "'1.1.c' already has an entry of 'evidence' at line 30");
}

/* Loading errors of contributions. */
static void
test_contribution_errors(void **state)
{
	(void)state;
	EXPECT_ERROR_VI(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			     "ag, aggregate: all}\n",
	    30, 29,
	    "'ag' is not a collective (kind: group): only the members of a "
	    "collective contribute parts",
	    "không phải một tập thể");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "xa, aggregate: all}\n",
	    30, 29, "agency 'xa' is not declared in 'agencies'");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "[huyen, huyen], aggregate: all}\n",
	    30, 37, "collective 'huyen' is named twice in 'by'");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: [], "
			  "aggregate: all}\n",
	    30, 29, "'by' needs 1 to 256 collectives");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "huyen, aggregate: every}\n",
	    30, 47,
	    "unknown aggregate 'every' (sum, all, any, count_yes, min, "
	    "worst)");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "huyen}\n",
	    30, 5, "'contributions' lacks the field 'aggregate'");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], "
			  "aggregate: all}\n",
	    30, 5, "'contributions' lacks the field 'by'");
	EXPECT_ERROR(BASE "contributions:\n  - {by: huyen, aggregate: all}\n",
	    30, 5, "'contributions' lacks the field 'inputs'");
	/* the aggregation must fit the input's kind */
	EXPECT_ERROR_VI(BASE "contributions:\n  - {inputs: [\"A.1\"], by: "
			     "huyen, aggregate: all}\n",
	    30, 45,
	    "aggregate 'all' does not fit input 'A.1' (count): needs a yes/no "
	    "input (yesno)",
	    "cần dữ liệu có/không");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"A.1\"], by: huyen, "
			  "aggregate: any}\n",
	    30, 45, "aggregate 'any' does not fit input 'A.1' (count)");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "huyen, aggregate: sum}\n",
	    30, 47,
	    "aggregate 'sum' does not fit input '1.1.c' (yesno): needs a "
	    "number input");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.d\"], by: "
			  "huyen, aggregate: min}\n",
	    30, 47, "aggregate 'min' does not fit input '1.1.d' (choice)");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.c\"], by: "
			  "huyen, aggregate: count_yes}\n",
	    30, 47,
	    "aggregate 'count_yes' does not fit input '1.1.c' (yesno): needs "
	    "a count input, whose parts are yes/no");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.e\"], by: "
			  "huyen, aggregate: count_yes}\n",
	    30, 47, "aggregate 'count_yes' does not fit input '1.1.e'");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"A.1\"], by: huyen, "
			  "aggregate: worst}\n",
	    30, 45,
	    "aggregate 'worst' does not fit input 'A.1' (count): "
	    "needs a choice input");
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"1.1.f\"], by: "
			  "huyen, aggregate: sum}\n",
	    30, 47, "aggregate 'sum' does not fit input '1.1.f' (text)");
	/* one contribution per input */
	EXPECT_ERROR(BASE "contributions:\n  - {inputs: [\"A.1\"], by: huyen, "
			  "aggregate: sum}\n"
			  "  - {inputs: [\"A.2\", \"A.1\"], by: huyen, "
			  "aggregate: min}\n",
	    31, 5, "'A.1' already has an entry of 'contributions' at line 30");
}

/* The rules that fit load: the kinds each aggregation accepts. */
static void
test_contribution_kinds(void **state)
{
	static const char text[] =
	    BASE "contributions:\n"
		 "  - {inputs: [\"A.1\", \"1.1.e\", \"1.1.g\"], by: huyen, "
		 "aggregate: min}\n"
		 "  - {inputs: [\"1.1.c\"], by: huyen, aggregate: any}\n"
		 "  - {inputs: [\"A.2\"], by: huyen, aggregate: count_yes}\n";
	struct method *m = LOAD(text);

	(void)state;
	assert_int_equal(method_contribution(m, IG)->mcb_agg, MA_MIN);
	assert_int_equal(method_contribution(m, IC)->mcb_agg, MA_ANY);
	assert_int_equal(method_contribution(m, A2)->mcb_agg, MA_COUNT_YES);
	method_free(m);
}

/* diag_has(d, code, vi, en): an item of ${code} holding both texts. */
static int
diag_has(const struct diag *d, const char *code, const char *vi, const char *en)
{
	size_t i;

	for (i = 0; i < d->d_n; i++)
		if (strcmp(d->d_items[i].di_code, code) == 0 &&
		    strstr(d->d_items[i].di_vi, vi) != NULL &&
		    strstr(d->d_items[i].di_en, en) != NULL)
			return 1;
	print_error("no %s item with '%s' / '%s'; got:\n", code, vi, en);
	print_diag(d);
	return 0;
}

/* plausible(m, in, v, prev): the number of warnings for one value. */
static int
plausible(const struct method *m, int in, double v, double prev)
{
	struct diag d;
	size_t i;
	int n;

	diag_init(&d);
	n = method_plausible(m, in, v, prev, &d);
	assert_int_equal((size_t)n, d.d_n);
	for (i = 0; i < d.d_n; i++) {
		assert_int_equal(d.d_items[i].di_sev, DIAG_WARNING);
		assert_true(d.d_items[i].di_en[0] != '\0');
	}
	diag_free(&d);
	return n;
}

/* Bounds are inclusive: at and just inside pass, just outside warns. */
static void
test_plausible_range(void **state)
{
	struct method *m = LOAD(all_sections);
	struct diag d;

	(void)state;
	assert_int_equal(plausible(m, A1, 1000, NAN), 0);
	assert_int_equal(plausible(m, A1, 1001, NAN), 0);
	assert_int_equal(plausible(m, A1, 999, NAN), 1);
	assert_int_equal(plausible(m, A1, 2000000, NAN), 0);
	assert_int_equal(plausible(m, A1, 1999999, NAN), 0);
	assert_int_equal(plausible(m, A1, 2000001, NAN), 1);
	/* decimals at a bound are at it, as the rule language decides */
	assert_int_equal(plausible(m, A3, 50.5, NAN), 0);
	assert_int_equal(plausible(m, A3, 0.1 + 0.2 + 50.2, NAN), 0);
	assert_int_equal(plausible(m, A3, 50.5000001, NAN), 1);
	assert_int_equal(plausible(m, A3, 0, NAN), 0);
	/* a negative number below its minimum */
	assert_int_equal(plausible(m, IG, -10, NAN), 0);
	assert_int_equal(plausible(m, IG, -10.5, NAN), 1);
	assert_int_equal(plausible(m, IG, 1e14, NAN), 0);
	/* no rule for yes/no, choice and text; none for a bad index */
	assert_int_equal(plausible(m, IC, 5, NAN), 0);
	assert_int_equal(plausible(m, IF, 5, NAN), 0);
	assert_int_equal(plausible(m, -1, 5, NAN), 0);
	assert_int_equal(plausible(m, NIN, 5, NAN), 0);
	/* the messages: label, Vietnamese numbers and unit, the rule's note */
	diag_init(&d);
	assert_int_equal(method_plausible(m, A1, 2345678.5, NAN, &d), 1);
	assert_true(diag_has(&d, "plausibility.range",
	    "A.1 (Dân số) = 2.345.678,5 người, lớn hơn mức cao nhất hợp lý "
	    "2.000.000 người; dân số từ 1.000 đến 2.000.000",
	    "A.1 = 2,345,678.5 is above the plausible maximum 2,000,000"));
	assert_null(strstr(d.d_items[0].di_en, "người"));
	assert_int_equal(method_plausible(m, IB, 12, NAN, &d), 1);
	assert_true(diag_has(&d, "plausibility.range",
	    "1.1.b (Tổng số doanh nghiệp) = 12, nhỏ hơn mức thấp nhất hợp lý "
	    "1.000;",
	    "1.1.b = 12 is below the plausible minimum 1,000"));
	assert_int_equal(method_plausible(m, IE, 51234.25, NAN, &d), 1);
	assert_true(diag_has(&d, "plausibility.range",
	    "1.1.e (Kinh phí) = 51.234,25 tỷ đồng, lớn hơn mức cao nhất hợp lý "
	    "50,5 tỷ đồng",
	    "1.1.e = 51,234.25 billion VND is above the plausible maximum "
	    "50.5 billion VND"));
	assert_int_equal(method_plausible(m, IG, -12345.5, NAN, &d), 1);
	assert_true(diag_has(&d, "plausibility.range", "= -12.345,5, nhỏ hơn",
	    "1.1.g = -12,345.5 is below the plausible minimum -10"));
	diag_free(&d);
	method_free(m);
}

/* The change factor against the previous period, both ways. */
static void
test_plausible_change(void **state)
{
	struct method *m = LOAD(all_sections);
	struct diag d;

	(void)state;
	/* A.1: factor 10 and a range; A.2: the counts' factor 5, no range */
	assert_int_equal(plausible(m, A1, 100000, 10000), 0);
	assert_int_equal(plausible(m, A1, 99999, 10000), 0);
	assert_int_equal(plausible(m, A1, 100001, 10000), 1);
	assert_int_equal(plausible(m, A1, 10000, 100000), 0);
	assert_int_equal(plausible(m, A1, 10001, 100000), 0);
	assert_int_equal(plausible(m, A1, 9999, 100000), 1);
	assert_int_equal(plausible(m, A2, 50, 10), 0);
	assert_int_equal(plausible(m, A2, 51, 10), 1);
	assert_int_equal(plausible(m, A2, 2, 10), 0);
	assert_int_equal(plausible(m, A2, 1, 10), 1);
	/* exact in decimals: 0.5 is 5 times 0.1 though 0.5 / 0.1 is not 5 */
	assert_int_equal(plausible(m, A2, 0.5, 0.1), 0);
	/* no previous value, or 0, or across 0: no factor to compare */
	assert_int_equal(plausible(m, A2, 1e9, NAN), 0);
	assert_int_equal(plausible(m, A2, 1e9, 0), 0);
	assert_int_equal(plausible(m, A2, 0, 1e9), 0);
	assert_int_equal(plausible(m, A2, 1e9, INFINITY), 0);
	assert_int_equal(plausible(m, IG, 100, -1), 0);
	/* amounts without a change factor */
	assert_int_equal(plausible(m, IE, 50, 0.001), 0);
	/* out of range and a big change: two warnings */
	assert_int_equal(plausible(m, A1, 1e7, 5000), 2);
	diag_init(&d);
	assert_int_equal(method_plausible(m, A1, 1500000, 1500, &d), 1);
	assert_true(diag_has(&d, "plausibility.change",
	    "A.1 (Dân số) = 1.500.000 người, gấp 1.000 lần giá trị kỳ trước "
	    "(1.500 người), vượt hệ số 10: kiểm tra lại đơn vị tính; dân số",
	    "A.1 = 1,500,000 is 1,000 times the previous period's value "
	    "(1,500), beyond the factor 10: check the unit"));
	assert_int_equal(method_plausible(m, A2, 3, 40, &d), 1);
	assert_true(diag_has(&d, "plausibility.change",
	    "A.2 (Số doanh nghiệp) = 3, chỉ bằng 1/13,3 giá trị kỳ trước (40)",
	    "A.2 = 3 is 1/13.3 of the previous period's value (40), beyond "
	    "the factor 5"));
	diag_free(&d);
	method_free(m);
}

/* A unit's values for method_consistent(): NAN is no value. */
struct vals {
	double v[NIN];
	int calls;
};

static int
get_val(void *ctx, int in, double *out)
{
	struct vals *vs = ctx;

	vs->calls++;
	assert_true(in >= 0 && in < NIN);
	if (isnan(vs->v[in]))
		return -1;
	*out = vs->v[in];
	return 0;
}

static void
vals_none(struct vals *vs)
{
	int i;

	for (i = 0; i < NIN; i++)
		vs->v[i] = NAN;
	vs->calls = 0;
}

static int
consistent(const struct method *m, struct vals *vs, struct diag *d)
{
	int n = method_consistent(m, get_val, vs, d);
	size_t i;

	assert_int_equal((size_t)n, d->d_nerr);
	for (i = 0; i < d->d_n; i++) {
		assert_string_equal(d->d_items[i].di_code, "consistency");
		assert_int_equal(d->d_items[i].di_sev, DIAG_ERROR);
	}
	return n;
}

/* Each broken rule is one error naming both inputs with their values. */
static void
test_consistent(void **state)
{
	static const char text[] =
	    BASE "consistency:\n"
		 "  - same: [\"A.2\", \"1.1.b\", \"1.1.a\"]\n"
		 "    message: \"tổng số doanh nghiệp được hỏi hai lần\"\n"
		 "  - at_most: [\"1.1.e\", \"A.3\"]\n"
		 "  - same: [\"1.1.c\", \"1.1.c\"]\n";
	static const char ok[] =
	    BASE "consistency:\n"
		 "  - same: [\"A.2\", \"1.1.b\", \"1.1.a\"]\n"
		 "    message: \"tổng số doanh nghiệp được hỏi hai lần\"\n"
		 "  - at_most: [\"1.1.e\", \"A.3\"]\n";
	struct method *m;
	struct vals vs;
	struct diag d;

	(void)state;
	EXPECT_ERROR(text, 33, 21, "named twice");
	m = LOAD(ok);
	diag_init(&d);
	/* nothing entered: nothing to compare */
	vals_none(&vs);
	assert_int_equal(consistent(m, &vs, &d), 0);
	assert_true(vs.calls > 0);
	/* one of a same rule alone, or all equal */
	vs.v[IB] = 5000;
	assert_int_equal(consistent(m, &vs, &d), 0);
	vs.v[A2] = 5000;
	vs.v[IA] = 5000;
	assert_int_equal(consistent(m, &vs, &d), 0);
	/* the case: 5.000 beside 3.450 */
	vs.v[A2] = 3450;
	vs.v[IA] = NAN;
	assert_int_equal(consistent(m, &vs, &d), 1);
	assert_true(diag_has(&d, "consistency",
	    "A.2 (Số doanh nghiệp) = 3.450 khác 1.1.b (Tổng số doanh nghiệp) "
	    "= 5.000: hai dữ liệu này là cùng một số liệu, phải bằng nhau; "
	    "tổng số doanh nghiệp được hỏi hai lần",
	    "A.2 = 3,450 differs from 1.1.b = 5,000: both are the same "
	    "quantity and must be equal"));
	assert_null(strstr(d.d_items[0].di_en, "doanh"));
	diag_free(&d);
	diag_init(&d);
	/* every input that differs from the first present one is named */
	vs.v[IA] = 7;
	assert_int_equal(consistent(m, &vs, &d), 2);
	assert_true(diag_has(&d, "consistency",
	    "A.2 (Số doanh nghiệp) = "
	    "3.450 khác 1.1.a",
	    "A.2 = 3,450 differs from 1.1.a = 7"));
	diag_free(&d);
	diag_init(&d);
	/* at_most: equal passes, above fails, decimals compare exactly */
	vals_none(&vs);
	vs.v[IE] = 12.5;
	assert_int_equal(consistent(m, &vs, &d), 0);
	vs.v[A3] = 12.5;
	assert_int_equal(consistent(m, &vs, &d), 0);
	vs.v[IE] = 0.1 + 0.2;
	vs.v[A3] = 0.3;
	assert_int_equal(consistent(m, &vs, &d), 0);
	vs.v[IE] = 1250.75;
	vs.v[A3] = 1250.5;
	assert_int_equal(consistent(m, &vs, &d), 1);
	assert_true(diag_has(&d, "consistency",
	    "1.1.e (Kinh phí) = 1.250,75 tỷ đồng lớn hơn A.3 (Tổng chi) = "
	    "1.250,5 tỷ đồng: số thứ nhất không được vượt quá số thứ hai",
	    "1.1.e = 1,250.75 billion VND is greater than A.3 = 1,250.5 "
	    "billion VND: the first cannot exceed the second"));
	diag_free(&d);
	diag_init(&d);
	/* a value that is not a number is no value */
	vs.v[IE] = INFINITY;
	assert_int_equal(consistent(m, &vs, &d), 0);
	diag_free(&d);
	method_free(m);
}

/* Every aggregation, with no parts and with parts that do not fit. */
static void
test_aggregate(void **state)
{
	static const double nums[] = { 3, 1.5, 7, 0 };
	static const double yes[] = { 1, 1, 1 };
	static const double mixed[] = { 1, 0, 1 };
	static const double no[] = { 0, 0 };
	static const double notyn[] = { 1, 2 };
	static const double opts[] = { 0, 2, 1 };
	static const double badopt[] = { 0, 1.5 };
	static const double neg[] = { -1, 0 };
	static const double withnan[] = { 1, NAN };
	double out = -99;

	(void)state;
	assert_int_equal(method_aggregate(MA_SUM, nums, 4, &out), 0);
	assert_true(out == 11.5);
	assert_int_equal(method_aggregate(MA_MIN, nums, 4, &out), 0);
	assert_true(out == 0);
	assert_int_equal(method_aggregate(MA_MIN, nums, 3, &out), 0);
	assert_true(out == 1.5);
	assert_int_equal(method_aggregate(MA_MIN, neg, 2, &out), 0);
	assert_true(out == -1);
	assert_int_equal(method_aggregate(MA_ALL, yes, 3, &out), 0);
	assert_true(out == 1);
	assert_int_equal(method_aggregate(MA_ALL, mixed, 3, &out), 0);
	assert_true(out == 0);
	assert_int_equal(method_aggregate(MA_ANY, mixed, 3, &out), 0);
	assert_true(out == 1);
	assert_int_equal(method_aggregate(MA_ANY, no, 2, &out), 0);
	assert_true(out == 0);
	assert_int_equal(method_aggregate(MA_ALL, no, 2, &out), 0);
	assert_true(out == 0);
	assert_int_equal(method_aggregate(MA_COUNT_YES, mixed, 3, &out), 0);
	assert_true(out == 2);
	assert_int_equal(method_aggregate(MA_COUNT_YES, no, 2, &out), 0);
	assert_true(out == 0);
	assert_int_equal(method_aggregate(MA_WORST, opts, 3, &out), 0);
	assert_true(out == 2);
	assert_int_equal(method_aggregate(MA_WORST, opts, 1, &out), 0);
	assert_true(out == 0);
	/* one part is the value itself */
	assert_int_equal(method_aggregate(MA_SUM, nums + 2, 1, &out), 0);
	assert_true(out == 7);
	/* no parts: no value, whatever the aggregation ("all" of nothing
	 * is not yes) */
	out = -99;
	assert_int_equal(method_aggregate(MA_SUM, nums, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_ALL, yes, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_ANY, yes, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_COUNT_YES, yes, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_MIN, nums, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_WORST, opts, 0, &out), -1);
	assert_int_equal(method_aggregate(MA_SUM, NULL, 3, &out), -1);
	/* parts that do not fit */
	assert_int_equal(method_aggregate(MA_ALL, notyn, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_ANY, notyn, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_COUNT_YES, notyn, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_WORST, badopt, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_WORST, neg, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_SUM, withnan, 2, &out), -1);
	assert_int_equal(method_aggregate(MA_MIN, withnan, 2, &out), -1);
	assert_true(out == -99);
	assert_int_equal(
	    method_aggregate((enum m_aggregate)42, nums, 1, &out), -1);
	assert_string_equal(method_aggregate_name((enum m_aggregate)42), "?");
}

static int
input(const struct method *m, const char *name)
{
	int i = method_input(m, name, strlen(name));

	if (i < 0) {
		print_error("no input %s\n", name);
		fail();
	}
	return i;
}

/* consist_has(m, kind, names): a rule of ${kind} over exactly ${names}. */
static int
consist_has(
    const struct method *m, enum m_consist_kind k, const char *const *names)
{
	int i, j, n = 0;

	while (names[n] != NULL)
		n++;
	for (i = 0; i < m->m_nconsist; i++) {
		const struct m_consist *c = &m->m_consist[i];

		if (c->mcs_kind != k || c->mcs_ninputs != n)
			continue;
		for (j = 0; j < n && c->mcs_inputs[j] == input(m, names[j]);
		     j++)
			;
		if (j == n)
			return 1;
	}
	print_error("no consistency rule over %s ...\n", names[0]);
	return 0;
}

/* A round's values for method_consistent(). */
struct unit_ctx {
	const struct round *uc_r;
	int uc_unit;
};

static int
get_round(void *ctx, int in, double *out)
{
	const struct unit_ctx *u = ctx;

	if (!round_has(u->uc_r, u->uc_unit, in))
		return -1;
	*out = round_get(u->uc_r, u->uc_unit, in);
	return 0;
}

/*
 * round_clean(m, path, unit): ${unit} of the round at ${path} breaks no
 * consistency rule and no plausible range of ${m}.
 */
static void
round_clean(const struct method *m, const char *path, const char *unit)
{
	FILE *f = fopen(path, "rb");
	struct round *r = NULL;
	struct unit_ctx u;
	struct diag d;
	int i;

	assert_non_null(f);
	diag_init(&d);
	assert_int_equal(round_csv_read(f, path, m, &r, &d), 0);
	fclose(f);
	diag_free(&d);
	diag_init(&d);
	u.uc_r = r;
	u.uc_unit = round_find(r, unit);
	assert_true(u.uc_unit >= 0);
	assert_int_equal(method_consistent(m, get_round, &u, &d), 0);
	for (i = 0; i < m->m_ninputs; i++)
		if (round_has(r, u.uc_unit, i) &&
		    m->m_inputs[i].mi_kind != IK_TEXT)
			method_plausible(
			    m, i, round_get(r, u.uc_unit, i), NAN, &d);
	if (d.d_n != 0) {
		print_error("%s, %s:\n", path, unit);
		print_diag(&d);
		fail();
	}
	diag_free(&d);
	round_free(r);
}

/* The 2022 provincial file ships the rules its text implies. */
static void
test_builtin_rules(void **state)
{
	static const char *const enterprises[] = { "A.16", "7.2.b", "7.3.b",
		"7.6.b", "7.10.b", NULL };
	static const char *const population[] = { "A.4", "3.1.b", "4.11.b",
		"8.1.b", NULL };
	static const char *const households[] = { "A.6", "3.2.b", "3.3.b",
		"8.4.b", NULL };
	static const char *const working[] = { "A.5", "4.10.b", "8.5.b", NULL };
	static const char *const smes[] = { "A.17", "7.4.b", "7.5.b", NULL };
	static const char *const communes[] = { "A.8", "3.4.b", NULL };
	static const char *const sme_part[] = { "A.17", "A.16", NULL };
	static const char *const dx[] = { "A.19", "5.12.1.c", NULL };
	struct method *m = load_ok(
	    builtin_method_text, builtin_method_len, builtin_method_name);
	const struct m_plaus *p;
	const struct m_contrib *c;
	struct diag d;
	double v[4];

	(void)state;
	assert_true(consist_has(m, MK_SAME, enterprises));
	assert_true(consist_has(m, MK_SAME, population));
	assert_true(consist_has(m, MK_SAME, households));
	assert_true(consist_has(m, MK_SAME, working));
	assert_true(consist_has(m, MK_SAME, smes));
	assert_true(consist_has(m, MK_SAME, communes));
	assert_true(consist_has(m, MK_SAME, dx));
	assert_true(consist_has(m, MK_AT_MOST, sme_part));
	/* population: a range and a factor; a value 1,000 times last year's */
	p = method_plausibility(m, input(m, "A.4"));
	assert_non_null(p);
	assert_true(p->mpl_min == 100000 && p->mpl_max == 20000000);
	assert_ptr_equal(method_plausibility(m, input(m, "8.1.b")), p);
	assert_int_equal(plausible(m, input(m, "A.4"), 595000, 590000), 0);
	assert_int_equal(plausible(m, input(m, "A.4"), 595000000, 595000), 2);
	/* amounts in tỷ đồng: a figure in triệu đồng leaves the range */
	assert_int_equal(plausible(m, input(m, "A.19"), 96.5, 80), 0);
	assert_int_equal(plausible(m, input(m, "A.19"), 96500, NAN), 1);
	assert_int_equal(plausible(m, input(m, "6.22.c"), 9850, NAN), 0);
	assert_int_equal(plausible(m, input(m, "6.22.c"), 9850000, NAN), 1);
	/* every count has the change factor */
	assert_int_equal(plausible(m, input(m, "1.5.articles"), 30, 2), 1);
	assert_null(method_plausibility(m, input(m, "2.1")));
	/* evidence: decisions and platforms (yes/no, choice) */
	assert_int_equal(method_evidence_required(m, input(m, "2.1")), 1);
	assert_int_equal(method_evidence_required(m, input(m, "1.1")), 1);
	assert_int_equal(method_evidence_required(m, input(m, "8.8")), 1);
	assert_int_equal(method_evidence_required(m, input(m, "3.1.a")), 0);
	assert_int_equal(method_evidence_required(m, input(m, "A.1")), 0);
	/* contributions of the districts */
	c = method_contribution(m, input(m, "1.9"));
	assert_non_null(c);
	assert_int_equal(c->mcb_agg, MA_ALL);
	assert_int_equal(c->mcb_nby, 1);
	assert_string_equal(m->m_agencies[c->mcb_by[0]].ma_code, "ubnd-huyen");
	assert_ptr_equal(method_contribution(m, input(m, "4.1")), c);
	assert_ptr_equal(method_contribution(m, input(m, "4.2")), c);
	c = method_contribution(m, input(m, "1.10"));
	assert_non_null(c);
	assert_int_equal(c->mcb_agg, MA_WORST);
	assert_null(method_contribution(m, input(m, "2.1")));
	assert_null(method_contribution(m, input(m, "5.1")));
	/* Ninh Hải weekly, Bắc Ái monthly: the province is monthly */
	v[0] = 0;
	v[1] = 1;
	assert_int_equal(method_aggregate(MA_WORST, v, 2, &v[2]), 0);
	assert_string_equal(
	    m->m_inputs[input(m, "1.10")].mi_codes[(int)v[2]], "monthly");
	/* the case, in the real file's words */
	diag_init(&d);
	{
		struct round *r = round_new(m);
		struct unit_ctx u = { r, round_unit(r, "ninh-thuan", 10) };

		round_set(r, u.uc_unit, input(m, "A.16"), 3450, 0);
		round_set(r, u.uc_unit, input(m, "7.2.b"), 5000, 0);
		assert_int_equal(method_consistent(m, get_round, &u, &d), 1);
		assert_true(diag_has(&d, "consistency",
		    "A.16 (Số lượng doanh nghiệp) = 3.450 khác 7.2.b (Tổng số "
		    "doanh nghiệp trên địa bàn) = 5.000",
		    "A.16 = 3,450 differs from 7.2.b = 5,000"));
		round_free(r);
	}
	diag_free(&d);
	/* the realistic test round keeps every rule */
	round_clean(m,
	    DTI_SOURCE_DIR "/tests/golden/data/single_province.round.csv",
	    "ninh-thuan");
	round_clean(
	    m, DTI_SOURCE_DIR "/examples/demo-ninh-thuan.csv", "ninh-thuan");
	method_free(m);
}

/* The district demo shows count_yes and sum contributions. */
static void
test_district_rules(void **state)
{
	size_t len;
	char *text =
	    read_file(DTI_SOURCE_DIR "/methodologies/district-demo.yaml", &len);
	struct method *m = load_ok(text, len, "district-demo.yaml");

	(void)state;
	assert_int_equal(
	    method_contribution(m, input(m, "2.1.a"))->mcb_agg, MA_COUNT_YES);
	assert_int_equal(
	    method_contribution(m, input(m, "3.2"))->mcb_agg, MA_SUM);
	assert_int_equal(method_evidence_required(m, input(m, "1.1")), 1);
	assert_int_equal(method_evidence_required(m, input(m, "1.2")), 0);
	assert_int_equal(m->m_nconsist, 2);
	round_clean(m, DTI_SOURCE_DIR "/methodologies/district-demo-round.csv",
	    "ninh-hai");
	method_free(m);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_rules),
		cmocka_unit_test(test_parse_all),
		cmocka_unit_test(test_plausibility_errors),
		cmocka_unit_test(test_consistency_errors),
		cmocka_unit_test(test_consistency_kinds),
		cmocka_unit_test(test_evidence_errors),
		cmocka_unit_test(test_contribution_errors),
		cmocka_unit_test(test_contribution_kinds),
		cmocka_unit_test(test_plausible_range),
		cmocka_unit_test(test_plausible_change),
		cmocka_unit_test(test_consistent),
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_builtin_rules),
		cmocka_unit_test(test_district_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
