/*
 * test_method.c: the YAML methodology loader (src/engine/method_yaml.c):
 * a minimal methodology, the built-in 2022 provincial one, the illustrative
 * district one, and every kind of error with its exact file:line:column.
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
#include "util/buf.h"
#include "util/diag.h"
#include "unit_method.h"

#define FILE_NAME "m.yaml"

/*
 * The minimal valid methodology; the error cases below are this text with
 * one change. Line numbers, for reading the positions:
 *
 *  1 methodology:
 *  2   id: demo
 *  3   name: "Demo"
 *  4   total_points: 10
 *  5 agencies:
 *  6   - {code: ag, name: "Cơ quan A"}
 *  7 groups:
 *  8   - code: G
 *  9     name: "Nhóm"
 * 10     points: 10
 * 11     indicators:
 * 12       - code: "1.1"
 * 13         name: "Chỉ số"
 * 14         points: 10
 * 15         lead: ag
 * 16         inputs:
 * 17           - {name: "1.1.a", kind: count}
 * 18           - {name: "1.1.b", kind: count}
 * 19         score: "a / b * points"
 * 20 derived:
 * 21   - {code: TOTAL, name: "Tổng", points: 10, formula: "G"}
 */
#define L1 "methodology:\n"
#define L2 "  id: demo\n"
#define L3 "  name: \"Demo\"\n"
#define L4 "  total_points: 10\n"
#define L5 "agencies:\n"
#define L6 "  - {code: ag, name: \"Cơ quan A\"}\n"
#define L7 "groups:\n"
#define L8 "  - code: G\n"
#define L9 "    name: \"Nhóm\"\n"
#define L10 "    points: 10\n"
#define L11 "    indicators:\n"
#define L12 "      - code: \"1.1\"\n"
#define L13 "        name: \"Chỉ số\"\n"
#define L14 "        points: 10\n"
#define L15 "        lead: ag\n"
#define L16 "        inputs:\n"
#define L17 "          - {name: \"1.1.a\", kind: count}\n"
#define L18 "          - {name: \"1.1.b\", kind: count}\n"
#define L19 "        score: \"a / b * points\"\n"
#define L20 "derived:\n"
#define L21 "  - {code: TOTAL, name: \"Tổng\", points: 10, formula: \"G\"}\n"

#define HEAD L1 L2 L3 L4 L5 L6 L7 L8 L9 L10 L11
#define IND L12 L13 L14 L15 L16 L17 L18 L19
#define TAIL L20 L21

static const char minimal[] = HEAD IND TAIL;

/*
 * load_fails(text, len, d): a methodology that must not load; its errors
 * are left in ${d} (initialised here).
 */
static void
load_fails(const char *text, size_t len, struct diag *d)
{
	struct method *m = (struct method *)0x1;

	diag_init(d);
	if (method_load(&m, text, len, FILE_NAME, d) == 0) {
		method_free(m);
		diag_free(d);
		print_error("the methodology loads, but must not\n");
		fail();
	}
	assert_null(m);
	assert_true(d->d_nerr > 0);
}

/*
 * check_error_at(d, line, col, lang, text): one error at ${line}:${col} of
 * FILE_NAME holds ${text} in its message in ${lang}, and has a message in
 * the other language too.
 */
#define assert_error_at(d, line, col, en) \
	check_error_at((d), (line), (col), LANG_EN, (en), __LINE__)
#define assert_error_vi(d, line, col, vi) \
	check_error_at((d), (line), (col), LANG_VI, (vi), __LINE__)

/* find_error(d, line, col, lang, text): 1 when check_error_at holds. */
static int
find_error(const struct diag *d, long line, long col, enum diag_lang lang,
    const char *text)
{
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		const struct diag_item *it = &d->d_items[i];

		if (it->di_sev == DIAG_ERROR && it->di_line == line &&
		    it->di_col == col && it->di_file != NULL &&
		    strcmp(it->di_file, FILE_NAME) == 0 &&
		    strstr(diag_msg(it, lang), text) != NULL &&
		    it->di_vi[0] != '\0' && it->di_en[0] != '\0')
			return 1;
	}
	print_error(
	    "no error %s:%ld:%ld '%s'; got:\n", FILE_NAME, line, col, text);
	print_diag(d);
	return 0;
}

static void
check_error_at(const struct diag *d, long line, long col, enum diag_lang lang,
    const char *text, int fline)
{
	if (!find_error(d, line, col, lang, text))
		_fail(__FILE__, fline);
}

/* Load ${text} (a string literal or array) and expect an error there. */
static void
expect_error(const char *text, long line, long col, enum diag_lang lang,
    const char *msg, int fline)
{
	struct diag d;
	int found;

	load_fails(text, strlen(text), &d);
	found = find_error(&d, line, col, lang, msg);
	diag_free(&d);
	if (!found)
		_fail(__FILE__, fline);
}

/* EXPECT_ERROR checks the English message, EXPECT_ERROR_VI the other. */
#define EXPECT_ERROR(text, line, col, en) \
	expect_error((text), (line), (col), LANG_EN, (en), __LINE__)
#define EXPECT_ERROR_VI(text, line, col, vi) \
	expect_error((text), (line), (col), LANG_VI, (vi), __LINE__)

static void
test_minimal(void **state)
{
	struct method *m = load_ok(minimal, strlen(minimal), FILE_NAME);
	const struct m_indicator *ind;

	(void)state;
	assert_string_equal(m->m_id, "demo");
	assert_string_equal(m->m_name, "Demo");
	assert_null(m->m_version);
	assert_true(m->m_total == 10);
	assert_int_equal(m->m_nagencies, 1);
	assert_string_equal(m->m_agencies[0].ma_name, "Cơ quan A");
	assert_int_equal(m->m_ngroups, 1);
	assert_int_equal(m->m_nind, 1);
	assert_int_equal(m->m_ninputs, 2);
	assert_int_equal(m->m_ngeneral, 0);
	assert_int_equal(m->m_nderived, 1);
	ind = &m->m_ind[0];
	assert_string_equal(ind->mn_code, "1.1");
	assert_string_equal(ind->mn_name, "Chỉ số");
	assert_int_equal(ind->mn_lead, 0);
	assert_int_equal(ind->mn_ninputs, 2);
	assert_non_null(ind->mn_expr);
	assert_string_equal(ind->mn_score, "a / b * points");
	/* the default variable is the part of the name after the code */
	assert_string_equal(m->m_inputs[0].mi_name, "1.1.a");
	assert_string_equal(m->m_inputs[0].mi_var, "a");
	assert_string_equal(m->m_inputs[1].mi_var, "b");
	assert_int_equal(m->m_inputs[1].mi_kind, IK_COUNT);
	assert_int_equal(method_input(m, "1.1.b", 5), 1);
	assert_int_equal(method_input(m, "1.1.c", 5), -1);
	assert_int_equal(method_indicator(m, "1.1"), 0);
	assert_int_equal(method_indicator(m, "1.2"), -1);
	assert_int_equal(method_top_level(m), 1);
	assert_false(m->m_has_cross);
	method_free(m);
	method_free(NULL);
}

/* total_points may be left out: it is then the sum of the groups. */
static void
test_total_default(void **state)
{
	static const char text[] = L1 L2 L3 L5 L6 L7 L8 L9 L10 L11 IND;
	struct method *m = load_ok(text, strlen(text), FILE_NAME);

	(void)state;
	assert_true(m->m_total == 10);
	assert_int_equal(m->m_nderived, 0);
	method_free(m);
}

/* An input named by the indicator's code is "x"; var overrides. */
static void
test_vars(void **state)
{
	static const char text[] = HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1\", kind: yesno}\n"
	    "          - {name: \"1.1.total-count\", var: n, kind: number}\n"
	    "        score: \"x * n\"\n" TAIL;
	struct method *m = load_ok(text, strlen(text), FILE_NAME);

	(void)state;
	assert_string_equal(m->m_inputs[0].mi_var, "x");
	assert_int_equal(m->m_inputs[0].mi_kind, IK_YESNO);
	assert_string_equal(m->m_inputs[1].mi_var, "n");
	assert_int_equal(m->m_inputs[1].mi_kind, IK_NUMBER);
	method_free(m);
}

static const char *const plan_names[][2] = {
	{ "1.1",
	    "Người đứng đầu Tỉnh, thành phố (Bí thư hoặc Chủ tịch Tỉnh, thành "
	    "phố) là Trưởng ban Ban chỉ đạo chuyển đổi số của Tỉnh" },
	{ "1.6",
	    "Cơ quan báo chí của Tỉnh, thành phố có chuyên mục riêng về chuyển "
	    "đổi số" },
	{ "3.1", "Tỷ lệ dân số trưởng thành có điện thoại thông minh" },
	{ "3.3", "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang" },
	{ "3.4", "Tỷ lệ UBND cấp xã kết nối mạng Truyền số liệu chuyên dùng" },
	{ "5.12", "Tổng kinh phí chi cho an toàn thông tin (ATTT)" },
	{ "6.21",
	    "Mức độ ứng dụng Trí tuệ nhân tạo (AI) trong hoạt động của chính "
	    "quyền số" },
	{ "7.10", "Số lượng tên miền .vn" },
	{ "8.6", "Tổng kinh phí đầu tư từ ngân sách nhà nước cho xã hội số" },
	{ "8.8",
	    "Mức độ người dân được tham gia vào cùng cơ quan nhà nước giải "
	    "quyết vấn đề của địa phương với chính quyền" },
};

static int
agency(const struct method *m, const char *code)
{
	int i;

	for (i = 0; i < m->m_nagencies; i++)
		if (strcmp(m->m_agencies[i].ma_code, code) == 0)
			return i;
	return -2;
}

static void
test_builtin(void **state)
{
	static const char *const gcodes[] = { "I", "II", "III", "IV", "V", "VI",
		"VII", "VIII", "IX" };
	static const double gpoints[] = { 100, 100, 100, 100, 100, 200, 150,
		150, 0 };
	static const char *const dcodes[] = { "TOTAL", "INDEX", "CQS", "KTS",
		"XHS" };
	struct method *m;
	double sum = 0;
	int i, k;

	(void)state;
	assert_string_equal(builtin_method_name, "dti-2022-province.yaml");
	assert_int_equal(strlen(builtin_method_text), builtin_method_len);
	m = load_ok(
	    builtin_method_text, builtin_method_len, builtin_method_name);
	assert_string_equal(m->m_id, "dti-province-2022");
	assert_string_equal(m->m_level, "province");
	assert_int_equal(m->m_ngroups, 9);
	assert_int_equal(method_top_level(m), 98);
	assert_int_equal(m->m_nind, 104);
	assert_int_equal(m->m_ngeneral, 20);
	assert_true(m->m_total == 1000);
	for (i = 0; i < 9; i++) {
		assert_string_equal(m->m_groups[i].mg_code, gcodes[i]);
		assert_true(m->m_groups[i].mg_points == gpoints[i]);
		sum += m->m_groups[i].mg_points;
	}
	assert_true(sum == 1000);
	assert_int_equal(m->m_nderived, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(m->m_derived[i].md_code, dcodes[i]);
	/* every indicator and general item names its lead agency */
	for (i = 0; i < m->m_nind; i++) {
		if (m->m_ind[i].mn_lead < 0) {
			print_error("%s has no lead\n", m->m_ind[i].mn_code);
			fail();
		}
	}
	for (i = 0; i < m->m_ngeneral; i++)
		assert_true(m->m_general[i].ml_lead >= 0);
	/* 5.12 is the sum of its six parts */
	k = method_indicator(m, "5.12");
	assert_true(k >= 0);
	assert_int_equal(m->m_ind[k].mn_nparts, 6);
	assert_null(m->m_ind[k].mn_expr);
	assert_int_equal(m->m_ind[m->m_ind[k].mn_parts[0]].mn_parent, k);
	assert_string_equal(
	    m->m_ind[m->m_ind[k].mn_parts[5]].mn_code, "5.12.6");
	/* names exactly as in the plan */
	for (i = 0; i < (int)(sizeof(plan_names) / sizeof(plan_names[0]));
	     i++) {
		k = method_indicator(m, plan_names[i][0]);
		assert_true(k >= 0);
		assert_string_equal(m->m_ind[k].mn_name, plan_names[i][1]);
	}
	/* lead agencies as the plan assigns them */
	assert_int_equal(m->m_ind[method_indicator(m, "1.6")].mn_lead,
	    agency(m, "bao-ninh-thuan"));
	assert_int_equal(
	    m->m_ind[method_indicator(m, "8.6")].mn_lead, agency(m, "so-khdt"));
	assert_int_equal(
	    m->m_ind[method_indicator(m, "3.3")].mn_lead, agency(m, "so-tttt"));
	/* the inputs of the exchange format */
	assert_true(method_input(m, "3.3.a", 5) >= 0);
	assert_true(method_input(m, "3.3.b", 5) >= 0);
	assert_true(method_input(m, "A.20", 4) >= 0);
	k = method_input(m, "1.1", 3);
	assert_true(k >= 0);
	assert_int_equal(m->m_inputs[k].mi_kind, IK_CHOICE);
	assert_int_equal(m->m_inputs[k].mi_noptions, 3);
	assert_string_equal(m->m_inputs[k].mi_codes[0], "leader");
	assert_true(m->m_has_cross);
	method_free(m);
}

static void
test_district_demo(void **state)
{
	static const double gpoints[] = { 40, 35, 25 };
	struct method *m;
	char *text;
	size_t len;
	int i, has_minmax = 0, has_relbest = 0;

	(void)state;
	text =
	    read_file(DTI_SOURCE_DIR "/methodologies/district-demo.yaml", &len);
	m = load_ok(text, len, "district-demo.yaml");
	assert_string_equal(m->m_id, "dti-district-demo");
	assert_string_equal(m->m_level, "district");
	assert_string_equal(
	    m->m_name, "Bộ chỉ số chuyển đổi số cấp huyện (minh họa)");
	assert_true(m->m_total == 100);
	assert_int_equal(m->m_ngroups, 3);
	for (i = 0; i < 3; i++)
		assert_true(m->m_groups[i].mg_points == gpoints[i]);
	assert_int_equal(m->m_nind, 8);
	assert_int_equal(method_top_level(m), 8);
	assert_int_equal(m->m_ngeneral, 2);
	for (i = 0; i < m->m_nind; i++) {
		const char *src = m->m_ind[i].mn_score;

		assert_true(m->m_ind[i].mn_lead >= 0);
		has_minmax |= strstr(src, "minmax(") != NULL;
		has_relbest |= strstr(src, "relbest(") != NULL;
	}
	assert_true(has_minmax && has_relbest && m->m_has_cross);
	assert_int_equal(m->m_nderived, 3);
	assert_string_equal(m->m_derived[0].md_code, "TOTAL");
	assert_string_equal(m->m_derived[1].md_code, "INDEX");
	assert_string_equal(m->m_derived[2].md_code, "CQS");
	assert_string_equal(
	    m->m_agencies[m->m_ind[0].mn_lead].ma_short, "UBND huyện");
	method_free(m);
	free(text);
}

static void
test_invalid_yaml(void **state)
{
	(void)state;
	/* '@' cannot start a plain scalar: line 3, column 9 */
	EXPECT_ERROR(L1 L2 "  name: @Demo\n" L4, 3, 9, "invalid YAML");
	/* a flow sequence never closed: found at the end of the text */
	EXPECT_ERROR(L1 L2 L3 L4 L5 "  - {code: ag, name: [x\n", 7, 1,
	    "invalid YAML: did not find expected ',' or ']'");
	/* not a mapping at all */
	EXPECT_ERROR("- a\n- b\n", 1, 1, "must be a mapping");
}

static void
test_unknown_key(void **state)
{
	(void)state;
	/* a typo in an indicator: the error names the key's place */
	EXPECT_ERROR(HEAD L12 L13
	    "        pionts: 10\n" L15 L16 L17 L18 L19 TAIL,
	    14, 9, "unknown key 'pionts' in 'indicator'");
	/* in the methodology section, in a group, in an input, at the top */
	EXPECT_ERROR(L1 L2 L3 "  totl_points: 10\n" L5 L6 L7 L8 L9 L10 L11 IND,
	    4, 3, "unknown key 'totl_points' in 'methodology'");
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6 L7 L8
	    "    nmae: \"Nhóm\"\n" L10 L11 IND TAIL,
	    9, 5, "unknown key 'nmae' in 'group'");
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1.a\", knd: count}\n" L18 L19 TAIL,
	    17, 29, "unknown key 'knd' in 'input'");
	EXPECT_ERROR(HEAD IND TAIL "derive:\n  - 1\n", 22, 1,
	    "unknown key 'derive' in 'top level'");
}

static void
test_points_mismatch(void **state)
{
	(void)state;
	/* the group's indicators add up to 8, not 10: the error is at the group */
	EXPECT_ERROR(HEAD L12 L13
	    "        points: 8\n" L15 L16 L17 L18 L19 TAIL,
	    8, 5, "group G: its indicators add up to 8 points, not 10");
	/* the groups add up to 10, not total_points 20: at the list */
	EXPECT_ERROR(L1 L2 L3
	    "  total_points: 20\n" L5 L6 L7 L8 L9 L10 L11 IND TAIL,
	    8, 3, "the groups add up to 10 points, not total_points 20");
}

static void
test_parts_mismatch(void **state)
{
	static const char text[] = HEAD L12 L13 L14 L15 /* line 15 */
	    "        parts:\n" /* 16 */
	    "          - code: \"1.1.1\"\n" /* 17 */
	    "            name: \"Phần 1\"\n" /* 18 */
	    "            points: 4\n" /* 19 */
	    "            lead: ag\n" /* 20 */
	    "            inputs: [{name: \"1.1.1\", kind: amount}]\n" /* 21 */
	    "            score: \"x\"\n" /* 22 */
	    "          - code: \"1.1.2\"\n" /* 23 */
	    "            name: \"Phần 2\"\n" /* 24 */
	    "            points: 5\n" /* 25 */
	    "            lead: ag\n" /* 26 */
	    "            inputs: [{name: \"1.1.2\", kind: amount}]\n" /* 27 */
	    "            score: \"x\"\n" /* 28 */
	    TAIL;
	struct diag d;

	(void)state;
	load_fails(text, strlen(text), &d);
	/* at the indicator; its group then adds up to 10 all the same */
	assert_error_at(&d, 12, 9,
	    "points of 1.1 (10) differ from the sum of its parts (9)");
	assert_int_equal(d.d_nerr, 1);
	diag_free(&d);
}

/* A methodology with parts that add up loads, parts after their parent. */
static void
test_parts_ok(void **state)
{
	static const char text[] = HEAD L12 L13 L14 L15
	    "        parts:\n"
	    "          - {code: \"1.1.1\", name: \"P1\", points: 4, lead: ag, "
	    "inputs: [{name: \"1.1.1\", kind: amount}], score: \"x\"}\n"
	    "          - {code: \"1.1.2\", name: \"P2\", points: 6, lead: ag, "
	    "inputs: [{name: \"1.1.2\", kind: amount}], score: \"x\"}\n" TAIL;
	struct method *m = load_ok(text, strlen(text), FILE_NAME);

	(void)state;
	assert_int_equal(m->m_nind, 3);
	assert_int_equal(method_top_level(m), 1);
	assert_int_equal(m->m_ind[0].mn_nparts, 2);
	assert_int_equal(m->m_ind[1].mn_parent, 0);
	assert_string_equal(m->m_ind[2].mn_code, "1.1.2");
	assert_int_equal(m->m_groups[0].mg_n, 1);
	method_free(m);
}

static void
test_duplicates(void **state)
{
	(void)state;
	/* the same indicator code twice: at the second code's value */
	EXPECT_ERROR(HEAD IND
	    "      - code: \"1.1\"\n" /* 20 */
	    "        name: \"Lần hai\"\n"
	    "        points: 0\n"
	    "        lead: ag\n"
	    "        inputs: [{name: \"1.1.c\", kind: count}]\n"
	    "        score: \"c\"\n" TAIL,
	    20, 15, "duplicate code '1.1'");
	/* a group code that is also a derived code */
	EXPECT_ERROR(HEAD IND TAIL
	    "  - {code: G, name: \"Trùng\", points: 1, formula: \"G\"}\n",
	    22, 12, "duplicate code 'G'");
	/* the same input name in two indicators: at the second name */
	EXPECT_ERROR(HEAD IND
	    "      - code: \"1.2\"\n" /* 20 */
	    "        name: \"Chỉ số 2\"\n"
	    "        points: 0\n"
	    "        lead: ag\n"
	    "        inputs:\n"
	    "          - {name: \"1.1.a\", kind: count}\n" /* 25 */
	    "        score: \"0\"\n" TAIL,
	    25, 20, "input '1.1.a' is declared twice");
	/* two inputs with one variable in an indicator */
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16 L17
	    "          - {name: \"1.1.b\", var: a, kind: count}\n" L19 TAIL,
	    18, 13, "variable 'a' appears twice in indicator 1.1");
	/* an agency declared twice */
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6
	    "  - {code: ag, name: \"Lại A\"}\n" L7 L8 L9 L10 L11 IND,
	    7, 5, "agency 'ag' is declared twice");
}

static void
test_undeclared_agency(void **state)
{
	(void)state;
	EXPECT_ERROR(HEAD L12 L13 L14
	    "        lead: so-tttt\n" L16 L17 L18 L19 TAIL,
	    15, 15, "agency 'so-tttt' is not declared in 'agencies'");
	EXPECT_ERROR(HEAD L12 L13 L14 L15
	    "        coordinators: [ag, so-xyz]\n" L16 L17 L18 L19 TAIL,
	    16, 28, "agency 'so-xyz' is not declared");
	/* and a lead is required */
	EXPECT_ERROR(HEAD L12 L13 L14 L16 L17 L18 L19 TAIL, 12, 9,
	    "'1.1' lacks its lead agency");
}

static void
test_undeclared_variable(void **state)
{
	(void)state;
	/* double-quoted: the column of c inside the quotes (col 17 + 4) */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18
	    "        score: \"a / c * points\"\n" TAIL,
	    19, 21, "không biết tên 'c'");
	/* single-quoted */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18
	    "        score: 'a / b * pts'\n" TAIL,
	    19, 25, "không biết tên 'pts'");
	/* plain */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18
	    "        score: a / c * points\n" TAIL,
	    19, 20, "không biết tên 'c'");
	/* in a check and in a derived formula */
	EXPECT_ERROR_VI(HEAD IND "        checks: [\"a <= z\"]\n" TAIL, 20, 24,
	    "không biết tên 'z'");
	EXPECT_ERROR_VI(HEAD IND L20
	    "  - {code: TOTAL, name: \"Tổng\", points: 10, formula: \"G + H\"}\n",
	    21, 59, "không biết tên 'H'");
	/* a derived figure sees only earlier ones */
	EXPECT_ERROR_VI(HEAD IND L20
	    "  - {code: A, name: \"A\", points: 1, formula: \"B\"}\n"
	    "  - {code: B, name: \"B\", points: 1, formula: \"G\"}\n",
	    21, 47, "không biết tên 'B'");
	/* a cross-unit function in a check or a derived figure */
	EXPECT_ERROR_VI(HEAD IND "        checks: [\"minmax(a) <= 1\"]\n" TAIL,
	    20, 19,
	    "hàm so sánh giữa các đơn vị 'minmax' không dùng được ở đây");
	EXPECT_ERROR_VI(HEAD IND L20
	    "  - {code: T, name: \"T\", points: 1, formula: \"relbest(G)\"}\n",
	    21, 47, "không dùng được ở đây");
}

/*
 * In a double-quoted scalar, escapes make the text longer in the file than
 * in the rule: the column must still be the file's.
 */
static void
test_rule_column_after_escape(void **state)
{
	(void)state;
	/*
	 * line 19: 8 spaces, score: "if c == \"yes\" then 1 else zz" with
	 * the quote at column 16; zz is at column 45 in the file (43 in the
	 * rule's text, which holds two characters fewer)
	 */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18
	    "          - {name: \"1.1.c\", kind: choice, options: [{code: "
	    "\"yes\"}]}\n" /* line 19 */
	    "        score: \"if c == \\\"yes\\\" then 1 else zz\"\n" TAIL,
	    20, 45, "không biết tên 'zz'");
}

/* A folded block scalar: the error names the line the bad text is on. */
static void
test_rule_folded_block(void **state)
{
	(void)state;
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18 /* line 18 */
	    "        score: >\n" /* 19 */
	    "          a / b\n" /* 20 */
	    "          * zz\n" /* 21 */
	    TAIL,
	    21, 13, "không biết tên 'zz'");
}

static void
test_rule_in_block_scalar(void **state)
{
	(void)state;
	/* the bad line of a | block: line 22, column 10 + 13 */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18 /* line 18 */
	    "        score: |\n" /* 19 */
	    "          # ratio of a to b\n" /* 20 */
	    "          let r = a / b;\n" /* 21 */
	    "          r * points $\n" /* 22 */
	    "        notes: []\n" TAIL,
	    22, 22, "ký hiệu không hợp lệ '$'");
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16 L17 L18 /* line 18 */
	    "        score: |-\n" /* 19 */
	    "          if a > b\n" /* 20 */
	    "          then points\n" /* 21 */
	    "          otherwise 0\n" /* 22 */
	    TAIL,
	    22, 11, "'else' hoặc 'elif'");
	/* and a block that is correct loads */
	{
		static const char text[] = HEAD L12 L13 L14 L15 L16 L17 L18
		    "        score: |\n"
		    "          let r = a / b;\n"
		    "          if r >= 80% then points else r * points\n" TAIL;
		struct method *m = load_ok(text, strlen(text), FILE_NAME);

		method_free(m);
	}
}

/*
 * Rule errors are bilingual like every other message: the English message
 * says what is wrong in English.
 */
static void
test_rule_error_english(void **state)
{
	(void)state;
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16 L17 L18
	    "        score: \"a / c * points\"\n" TAIL,
	    19, 21, "score of 1.1: unknown name 'c'");
	EXPECT_ERROR(HEAD IND L20
	    "  - {code: TOTAL, name: \"Tổng\", points: 10, formula: \"G +\"}\n",
	    21, 58, "formula of TOTAL: unexpected end of expression");
}

static void
test_choice_without_options(void **state)
{
	(void)state;
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1\", kind: choice}\n" /* 17 */
	    "        score: 'if x == \"y\" then 1 else 0'\n" TAIL,
	    17, 13, "choice input '1.1' needs a list of 'options'");
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1\", kind: choice, options: []}\n"
	    "        score: '0'\n" TAIL,
	    17, 13, "needs a list of 'options'");
	/* options on another kind, an option code used twice */
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1\", kind: yesno, options: [{code: y}]}\n"
	    "        score: x\n" TAIL,
	    17, 49, "only choice inputs have 'options'");
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - name: \"1.1\"\n" /* 17 */
	    "            kind: choice\n"
	    "            options:\n"
	    "              - {code: y}\n" /* 20 */
	    "              - {code: y}\n" /* 21 */
	    "        score: 'if x == \"y\" then 1 else 0'\n" TAIL,
	    21, 17, "duplicate option 'y'");
}

static void
test_unknown_kind(void **state)
{
	(void)state;
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1.a\", kind: counter}\n" L18 L19 TAIL,
	    17, 35, "unknown input kind 'counter'");
	/* a text input cannot be used in a rule */
	EXPECT_ERROR_VI(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1.a\", kind: text}\n" L18 L19 TAIL,
	    19, 17, "'a' là dữ liệu văn bản");
}

static void
test_alias_refused(void **state)
{
	(void)state;
	EXPECT_ERROR(L1 L2 L3 L4 L5 "  - &a {code: ag, name: \"Cơ quan A\"}\n"
				    "  - *a\n" L7,
	    7, 5, "aliases");
}

static char *
nested(const char *head, int depth)
{
	struct buf b;
	int i;

	buf_init(&b);
	buf_puts(&b, head);
	for (i = 0; i < depth; i++)
		buf_putc(&b, '[');
	for (i = 0; i < depth; i++)
		buf_putc(&b, ']');
	buf_putc(&b, '\n');
	return buf_steal(&b);
}

static void
test_depth(void **state)
{
	struct diag d;
	char *text;
	size_t i;

	(void)state;
	/*
	 * The root mapping is level 1, so the 32nd '[' opens level 33: it is
	 * at column 8 + 31 of "notes: [[[...".
	 */
	text = nested("notes: ", 200);
	load_fails(text, strlen(text), &d);
	assert_error_at(&d, 1, 8 + METHOD_MAX_DEPTH - 1, "nested too deeply");
	assert_int_equal(d.d_nerr, 1);
	diag_free(&d);
	free(text);
	/* 32 levels are fine for the scanner (the content is still wrong) */
	text = nested("notes: ", METHOD_MAX_DEPTH - 1);
	load_fails(text, strlen(text), &d);
	for (i = 0; i < d.d_n; i++)
		assert_null(strstr(d.d_items[i].di_en, "nested too deeply"));
	assert_error_at(&d, 1, 1, "unknown key 'notes' in 'top level'");
	diag_free(&d);
	free(text);
	/* very deep input is refused, not a stack overflow */
	text = nested("x: ", 100000);
	load_fails(text, strlen(text), &d);
	assert_error_at(&d, 1, 4 + METHOD_MAX_DEPTH - 1, "nested too deeply");
	diag_free(&d);
	free(text);
}

static void
test_nul_byte(void **state)
{
	static const char text[] = L1 L2 "\0" L3;
	struct diag d;

	(void)state;
	load_fails(text, sizeof(text) - 1, &d);
	assert_int_equal(d.d_nerr, 1);
	assert_non_null(strstr(d.d_items[0].di_en, "NUL"));
	diag_free(&d);
}

static void
test_size_limit(void **state)
{
	char *text = malloc(METHOD_MAX_BYTES + 1);
	size_t n = strlen(minimal), i;
	struct method *m;
	struct diag d;

	(void)state;
	assert_non_null(text);
	/* the minimal text padded with comment lines to exactly 4 MiB */
	memcpy(text, minimal, n);
	for (i = n; i < METHOD_MAX_BYTES; i++)
		text[i] = (i - n) % 64 == 0 ? '#'
		    : (i - n) % 64 == 63    ? '\n'
					    : 'x';
	text[METHOD_MAX_BYTES - 1] = '\n';
	m = load_ok(text, METHOD_MAX_BYTES, FILE_NAME);
	method_free(m);
	/* one byte more is refused before parsing */
	text[METHOD_MAX_BYTES] = '\n';
	load_fails(text, METHOD_MAX_BYTES + 1, &d);
	assert_int_equal(d.d_nerr, 1);
	assert_non_null(strstr(d.d_items[0].di_en, "too large"));
	assert_non_null(strstr(d.d_items[0].di_en, "4194305 bytes"));
	diag_free(&d);
	free(text);
}

/* One run reports every error it can find, each at its own place. */
static void
test_many_errors(void **state)
{
	static const char text[] = L1 L2 L3 L4 L5 L6 L7 L8 L9 L10 L11 L12 L13
	    "        pionts: 10\n" /* 14: unknown key, no points */
	    "        lead: nobody\n" /* 15: undeclared agency */
	    "        inputs:\n"
	    "          - {name: \"1.1.a\", kind: counter}\n" /* 17: kind */
	    "          - {name: \"1.1.b\", kind: count}\n"
	    "        score: \"a / b * c\"\n" /* 19: unknown name */
	    TAIL;
	struct diag d;

	(void)state;
	load_fails(text, strlen(text), &d);
	assert_true(d.d_nerr >= 5);
	assert_error_at(&d, 14, 9, "unknown key 'pionts'");
	assert_error_at(&d, 12, 9, "lacks the field 'points'");
	assert_error_at(&d, 15, 15, "agency 'nobody' is not declared");
	assert_error_at(&d, 17, 35, "unknown input kind 'counter'");
	assert_error_vi(&d, 19, 25, "không biết tên 'c'");
	diag_free(&d);
}

/* Bad values: a negative or non-numeric number of points, bad codes. */
static void
test_bad_values(void **state)
{
	(void)state;
	EXPECT_ERROR(HEAD L12 L13
	    "        points: -1\n" L15 L16 L17 L18 L19 TAIL,
	    14, 17, "must be a number from 0 to 1000000000, not '-1'");
	EXPECT_ERROR(HEAD L12 L13
	    "        points: ten\n" L15 L16 L17 L18 L19 TAIL,
	    14, 17, "not 'ten'");
	EXPECT_ERROR(L1 "  id: \"bad id\"\n" L3 L4 L5 L6 L7 L8 L9 L10 L11 IND,
	    2, 7, "bad methodology id 'bad id'");
	EXPECT_ERROR(HEAD
	    "      - code: \"1 1\"\n" L13 L14 L15 L16 L17 L18 L19 TAIL,
	    12, 15, "indicator code '1 1'");
	/* a group code must be usable in formulas */
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6 L7 "  - code: \"1\"\n" L9 L10 L11 IND, 8,
	    11, "group code '1'");
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16
	    "          - {name: \"1.1.a\", var: points, kind: count}\n" L18
	    "        score: \"b\"\n" TAIL,
	    17, 13, "variable 'points' of input '1.1.a'");
	/* an indicator without a score, and one with parts and a score */
	EXPECT_ERROR(HEAD L12 L13 L14 L15 L16 L17 L18 TAIL, 12, 9,
	    "indicator 1.1 lacks a 'score' rule");
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6 L7 L8 L9 L10 TAIL, 8, 5,
	    "group G has no indicators");
}

/*
 * Issue 8: checks of the loader that a mutation run could break unnoticed.
 * The groups must add up to total_points exactly: 999.5 of 1000 is refused
 * (the tolerance is for rounding, not for half a point).
 */
static void
test_points_half_off(void **state)
{
	static const char text[] =
	    L1 L2 L3 "  total_points: 1000\n" L5 L6 L7 L8 L9
		     "    points: 999.5\n" L11 L12 L13
		     "        points: 999.5\n" L15 L16 L17 L18 L19;
	struct diag d;

	(void)state;
	load_fails(text, strlen(text), &d);
	assert_error_at(&d, 8, 3,
	    "the groups add up to 999.5 points, not total_points 1000");
	assert_int_equal(d.d_nerr, 1);
	diag_free(&d);
}

/* A methodology without a group: an empty list, or no list at all. */
static void
test_no_group(void **state)
{
	(void)state;
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6 "groups: []\n", 7, 9,
	    "1 to 64 groups are needed");
	EXPECT_ERROR_VI(
	    L1 L2 L3 L4 L5 L6 "groups: []\n", 7, 9, "cần từ 1 đến 64 nhóm");
	EXPECT_ERROR(L1 L2 L3 L4 L5 L6, 1, 1, "the methodology lacks 'groups'");
}

/*
 * An indicator with parts scores the sum of its parts: 'parts' with only
 * 'score', or with only 'inputs', is refused as much as with both.
 */
#define PARTS \
	"        parts:\n" \
	"          - {code: \"1.1.1\", name: \"P1\", points: 4, lead: ag, " \
	"inputs: [{name: \"1.1.1\", kind: amount}], score: \"x\"}\n" \
	"          - {code: \"1.1.2\", name: \"P2\", points: 6, lead: ag, " \
	"inputs: [{name: \"1.1.2\", kind: amount}], score: \"x\"}\n"

static void
test_parts_with_score_or_inputs(void **state)
{
	static const char *const texts[] = {
		HEAD L12 L13 L14 L15 PARTS "        score: \"points\"\n" TAIL,
		HEAD L12 L13 L14 L15 L16 L17 L18 PARTS TAIL,
		HEAD L12 L13 L14 L15 L16 L17 L18 PARTS L19 TAIL,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct diag d;

		load_fails(texts[i], strlen(texts[i]), &d);
		assert_error_at(&d, 12, 9,
		    "indicator 1.1 has 'parts', so no 'inputs' or 'score'");
		diag_free(&d);
	}
	/* the same parts alone load (test_parts_ok) */
	{
		static const char ok[] = HEAD L12 L13 L14 L15 PARTS TAIL;
		struct method *m = load_ok(ok, strlen(ok), FILE_NAME);

		method_free(m);
	}
}

/*
 * A part cannot have parts of its own, also under the first indicator
 * (index 0: the check is parent >= 0, not parent > 0).
 */
static void
test_part_of_part(void **state)
{
	static const char text[] = HEAD L12 L13 L14 L15 /* line 15 */
	    "        parts:\n" /* 16 */
	    "          - code: \"1.1.1\"\n" /* 17 */
	    "            name: \"P1\"\n" /* 18 */
	    "            points: 10\n" /* 19 */
	    "            lead: ag\n" /* 20 */
	    "            parts:\n" /* 21 */
	    "              - {code: \"1.1.1.1\", name: \"Q\", points: 10, "
	    "lead: ag, inputs: [{name: \"1.1.1.1\", kind: amount}], "
	    "score: \"x\"}\n" /* 22 */
	    TAIL;
	struct diag d;

	(void)state;
	load_fails(text, strlen(text), &d);
	assert_error_at(&d, 22, 15, "a part cannot have parts");
	diag_free(&d);
}

/*
 * The loader's reserved names come from the language's table of words:
 * every keyword and function, and points, is refused as an input's var.
 */
static void
test_reserved_words(void **state)
{
	const struct expr_word *w;
	size_t n, i;
	struct buf b;

	(void)state;
	w = expr_words(&n);
	assert_true(n > 0);
	buf_init(&b);
	for (i = 0; i <= n; i++) {
		const char *name = i < n ? w[i].ew_name : "points";
		struct diag d;

		buf_reset(&b);
		buf_printf(&b,
		    HEAD L12 L13 L14 L15 L16
		    "          - {name: \"1.1.a\", kind: count, var: %s}\n" L18
		    "        score: \"b * points\"\n" TAIL,
		    name);
		load_fails(buf_cstr(&b), b.b_len, &d);
		assert_error_at(&d, 17, 13, "is not a usable identifier");
		diag_free(&d);
	}
	buf_free(&b);
}

/*
 * value_read(m, input, text, style, out): method_value_parse() of ${text}
 * for ${input}; the English reason in ${why_en} (empty when accepted).
 */
static int
value_read(const struct method *m, const char *input, const char *text,
    enum numfmt_style st, double *out, char *why_en, size_t size)
{
	int in = method_input(m, input, strlen(input)), rc;
	struct diag d;

	assert_true(in >= 0);
	diag_init(&d);
	rc = method_value_parse(
	    &m->m_inputs[in], text, strlen(text), st, out, &d);
	snprintf(why_en, size, "%s", d.d_n > 0 ? d.d_items[0].di_en : "");
	diag_free(&d);
	return rc;
}

/* Issue 9: numbers are never silently misread, in either format. */
static void
test_number_formats(void **state)
{
	struct method *m;
	char why[512];
	double x;

	(void)state;
	m = load_ok(
	    builtin_method_text, builtin_method_len, builtin_method_name);
	/* machine: the thousands shape is ambiguous for every numeric kind */
	assert_int_equal(value_read(m, "A.4", "600.000", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "600 in the machine format, 600000"));
	assert_int_equal(value_read(m, "7.2.a", "1.250", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    -1);
	assert_int_equal(value_read(m, "5.12.1.a", "1.234", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "write 1.2340 or 1234"));
	assert_int_equal(value_read(m, "5.12.1.a", "15,2", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "(vi) it reads 15.2"));
	assert_int_equal(value_read(m, "A.4", "1.234.567", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "reads 1234567"));
	/* machine: what is not ambiguous reads as before */
	assert_int_equal(value_read(m, "5.12.1.a", "0.250", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    0);
	assert_true(x == 0.25);
	assert_int_equal(value_read(m, "5.12.1.a", "1.2340", NUMFMT_MACHINE, &x,
			     why, sizeof(why)),
	    0);
	assert_true(x == 1.234);
	assert_int_equal(value_read(m, "A.4", "600000", NUMFMT_MACHINE, &x, why,
			     sizeof(why)),
	    0);
	/* stored text is read without the ambiguity rule */
	assert_int_equal(value_read(m, "5.12.1.a", "1.250", NUMFMT_STORED, &x,
			     why, sizeof(why)),
	    0);
	assert_true(x == 1.25);
	/* vi: groups of three and a decimal comma */
	assert_int_equal(
	    value_read(m, "A.4", "600.000", NUMFMT_VI, &x, why, sizeof(why)),
	    0);
	assert_true(x == 600000);
	assert_int_equal(
	    value_read(m, "7.2.a", "1.250", NUMFMT_VI, &x, why, sizeof(why)),
	    0);
	assert_true(x == 1250);
	assert_int_equal(value_read(m, "5.12.1.a", "1.234.567,5", NUMFMT_VI, &x,
			     why, sizeof(why)),
	    0);
	assert_true(x == 1234567.5);
	assert_int_equal(
	    value_read(m, "5.12.1.a", "15,2", NUMFMT_VI, &x, why, sizeof(why)),
	    0);
	assert_true(x == 15.2);
	assert_int_equal(
	    value_read(m, "5.12.1.a", "12.5", NUMFMT_VI, &x, why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "machine format it reads 12.5"));
	assert_int_equal(value_read(m, "5.12.1.a", "1234.567", NUMFMT_VI, &x,
			     why, sizeof(why)),
	    -1);
	assert_int_equal(
	    value_read(m, "5.12.1.a", "0.500", NUMFMT_VI, &x, why, sizeof(why)),
	    -1);
	/* counts are whole in both formats */
	assert_int_equal(value_read(m, "7.2.a", "12.5", NUMFMT_MACHINE, &x, why,
			     sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "whole number"));
	assert_int_equal(
	    value_read(m, "7.2.a", "1,5", NUMFMT_VI, &x, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "whole number"));
	method_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_number_formats),
		cmocka_unit_test(test_reserved_words),
		cmocka_unit_test(test_total_default),
		cmocka_unit_test(test_vars),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_district_demo),
		cmocka_unit_test(test_invalid_yaml),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_points_mismatch),
		cmocka_unit_test(test_parts_mismatch),
		cmocka_unit_test(test_parts_ok),
		cmocka_unit_test(test_points_half_off),
		cmocka_unit_test(test_no_group),
		cmocka_unit_test(test_parts_with_score_or_inputs),
		cmocka_unit_test(test_part_of_part),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_undeclared_agency),
		cmocka_unit_test(test_undeclared_variable),
		cmocka_unit_test(test_rule_column_after_escape),
		cmocka_unit_test(test_rule_folded_block),
		cmocka_unit_test(test_rule_in_block_scalar),
		cmocka_unit_test(test_rule_error_english),
		cmocka_unit_test(test_choice_without_options),
		cmocka_unit_test(test_unknown_kind),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_bad_values),
	};

	return cmocka_run_group_tests_name("method", tests, NULL, NULL);
}
