/*
 * test_plan_load.c: the plan file parser (io/plan_load.h). The shipped
 * plans parse into what `dti init` and `dti plan load` report; broken
 * files are refused with the message and the file:line:column of what is
 * wrong, and nothing is returned.
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

#include "io/plan_load.h"
#include "util/buf.h"
#include "util/diag.h"

#include "unit_file.h"

#define PLAN_4233 DTI_SOURCE_DIR "/plans/ninh-thuan-4233-2022.yaml"
#define PLAN_2023 DTI_SOURCE_DIR "/plans/ninh-thuan-2023-example.yaml"
#define FILE_NAME "plan.yaml"

/*
 * A small valid file. Line numbers matter: the header is at 2:3, the
 * task T1 at 9:5, its lead list at 14:11, the targets at 18:5 and 20:5.
 */
#define MIN_TEXT \
	"plan:\n" \
	"  code: 1/KH\n" \
	"  title: T\n" \
	"  issuer: I\n" \
	"  issued: 2023-01-05\n" \
	"  years: [2023, 2024]\n" \
	"  source: S\n" \
	"tasks:\n" \
	"  - code: T1\n" \
	"    group: A\n" \
	"    group_name: GA\n" \
	"    text: do it\n" \
	"    due: 2023-Q4\n" \
	"    lead: [a1]\n" \
	"    coordinators: [g1]\n" \
	"    indicators: [\"1.1\"]\n" \
	"targets:\n" \
	"  - {code: X1, text: t, year: 2024, unit: percent, target: 80,\n" \
	"     measure: {numerator: [a, b], denominator: [c]}}\n" \
	"  - {code: M1, text: m, year: 2023, unit: percent, target: 1,\n" \
	"     measure: manual, agency: a1}\n"

/*
 * Parse ${text}; it must be refused with ${nerr} errors, one of them
 * saying ${en} at ${line}:${col} of FILE_NAME, in both languages.
 */
static void
check_refused(const char *text, size_t len, long line, long col, const char *en,
    size_t nerr)
{
	struct plan_file *f = (struct plan_file *)1;
	struct diag d;
	size_t i;
	int found = 0;

	diag_init(&d);
	assert_int_equal(plan_parse(text, len, FILE_NAME, &f, &d), -1);
	assert_null(f);
	for (i = 0; i < d.d_n; i++) {
		const struct diag_item *it = &d.d_items[i];

		if (it->di_sev == DIAG_ERROR && it->di_line == line &&
		    it->di_col == col && it->di_file != NULL &&
		    strcmp(it->di_file, FILE_NAME) == 0 &&
		    strstr(diag_msg(it, LANG_EN), en) != NULL &&
		    it->di_vi[0] != '\0')
			found = 1;
	}
	if (!found || d.d_nerr != nerr) {
		fprintf(stderr, "want %zu error(s), one %ld:%ld: %s; got:\n",
		    nerr, line, col, en);
		print_diag(&d);
	}
	assert_true(found);
	assert_int_equal(d.d_nerr, nerr);
	diag_free(&d);
}

/* check_refused() of MIN_TEXT with ${from} replaced by ${to}. */
static void
check_variant(const char *from, const char *to, long line, long col,
    const char *en, size_t nerr)
{
	char *text = replaced(MIN_TEXT, from, to);

	check_refused(text, strlen(text), line, col, en, nerr);
	free(text);
}

/* Parse the file at ${path}; it must be accepted. */
static struct plan_file *
parse_path(const char *path)
{
	struct plan_file *f = NULL;
	struct diag d;
	size_t len;
	char *text = read_file(path, &len);

	assert_non_null(text);
	diag_init(&d);
	if (plan_parse(text, len, path, &f, &d) != 0)
		print_diag(&d);
	assert_non_null(f);
	assert_int_equal(d.d_n, 0);
	diag_free(&d);
	free(text);
	return f;
}

static void
test_shipped(void **state)
{
	struct plan_file *f = parse_path(PLAN_4233);
	size_t i, links = 0, manual = 0;

	(void)state;
	assert_string_equal(f->pf_code, "4233/KH-UBND");
	assert_string_equal(f->pf_issued, "2022-09-28");
	assert_int_equal(f->pf_year_from, 2022);
	assert_int_equal(f->pf_year_to, 2022);
	/* what `dti init` reports: 40 tasks, 14 targets */
	assert_int_equal(f->pf_ntasks, 40);
	assert_int_equal(f->pf_ntargets, 14);
	for (i = 0; i < f->pf_ntasks; i++)
		links += f->pf_tasks[i].pt_nlinks;
	assert_int_equal(links, 158);
	assert_string_equal(f->pf_tasks[0].pt_code, "A.1");
	assert_null(f->pf_tasks[0].pt_due_date);
	assert_string_equal(f->pf_tasks[0].pt_links[1].plk_ref, "ubnd-huyen");
	assert_string_equal(f->pf_targets[0].px_code, "smartphone-adults");
	assert_true(fabs(f->pf_targets[0].px_target - 0.85) < 1e-12);
	assert_string_equal(f->pf_targets[0].px_numerator, "3.1.a");
	for (i = 0; i < f->pf_ntargets; i++) {
		assert_int_equal(f->pf_targets[i].px_year, 2022);
		manual += (size_t)f->pf_targets[i].px_manual;
	}
	/* the five the index does not measure, each with its agency */
	assert_int_equal(manual, 5);
	plan_file_free(f);
	f = parse_path(PLAN_2023);
	assert_int_equal(f->pf_year_from, 2023);
	assert_true(f->pf_ntasks >= 10 && f->pf_ntargets >= 10);
	assert_non_null(strstr(f->pf_title, "minh họa"));
	for (i = 0; i < f->pf_ntargets; i++)
		assert_int_equal(f->pf_targets[i].px_year, 2023);
	plan_file_free(f);
}

static void
test_min(void **state)
{
	struct plan_file *f = NULL;
	const struct plan_task *t;
	struct diag d;

	(void)state;
	diag_init(&d);
	if (plan_parse(MIN_TEXT, strlen(MIN_TEXT), FILE_NAME, &f, &d) != 0)
		print_diag(&d);
	assert_non_null(f);
	assert_int_equal(f->pf_year_from, 2023);
	assert_int_equal(f->pf_year_to, 2024);
	assert_int_equal(f->pf_ntasks, 1);
	t = &f->pf_tasks[0];
	assert_string_equal(t->pt_due_date, "2023-12-31");
	assert_string_equal(t->pt_lead_text, "");
	assert_int_equal(t->pt_line, 9);
	assert_int_equal(t->pt_nlinks, 3);
	assert_int_equal(t->pt_links[0].plk_kind, PLAN_LINK_LEAD);
	assert_int_equal(t->pt_links[1].plk_kind, PLAN_LINK_COORDINATOR);
	assert_int_equal(t->pt_links[2].plk_kind, PLAN_LINK_INDICATOR);
	assert_int_equal(f->pf_ntargets, 2);
	assert_string_equal(f->pf_targets[0].px_numerator, "a,b");
	assert_string_equal(f->pf_targets[0].px_denominator, "c");
	assert_false(f->pf_targets[0].px_manual);
	assert_true(f->pf_targets[1].px_manual);
	assert_string_equal(f->pf_targets[1].px_agency, "a1");
	plan_file_free(f);
	diag_free(&d);
}

static void
test_refused(void **state)
{
	(void)state;
	check_variant(
	    "  code: 1/KH\n", "", 2, 3, "missing or bad field 'code'", 1);
	check_variant("2023-01-05", "2023-02-30", 2, 3,
	    "missing or bad field 'issued'", 1);
	check_variant("years: [2023, 2024]", "years: []", 2, 3,
	    "missing or bad field 'years'", 1);
	check_variant("years: [2023, 2024]", "years: [2023, 2040]", 6, 10,
	    "missing or bad field 'years'", 1);
	check_variant(
	    "    lead: [a1]\n", "", 9, 5, "missing or bad field 'lead'", 1);
	check_variant("due: 2023-Q4", "due: 2023-Q5", 9, 5,
	    "missing or bad field 'due'", 1);
	/* a target outside the plan's years, a code twice */
	check_variant("year: 2024", "year: 2022", 18, 5,
	    "missing or bad field 'year'", 1);
	check_variant("code: M1", "code: X1", 20, 5,
	    "target 'X1' appears twice in the plan", 1);
	check_variant("target: 80", "target: lots", 18, 5,
	    "missing or bad field 'target'", 1);
	/* by hand: someone must enter it */
	check_variant(
	    ", agency: a1}", "}", 20, 5, "missing or bad field 'agency'", 1);
	check_variant("measure: manual", "measure: guess", 21, 15,
	    "missing or bad field 'measure'", 1);
	check_refused("- a\n", 4, 1, 1, "missing or bad field 'plan'", 1);
	check_refused("", 0, 0, 0, "missing or bad field 'plan'", 1);
}

static void
test_limits(void **state)
{
	struct buf b;
	char *text;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "lead: [a1");
	for (i = 0; i < PLAN_MAX_LIST; i++)
		buf_puts(&b, ", a1");
	buf_puts(&b, "]");
	check_variant("lead: [a1]", buf_cstr(&b), 14, 11,
	    "'lead' has too many items (201, at most 200)", 1);
	buf_free(&b);
	check_variant("lead: [a1]\n", "lead: &x [a1]\n    coordinators: *x\n",
	    15, 19, "YAML aliases (*name) are not allowed", 1);
	text = xcalloc(PLAN_MAX_BYTES + 2, 1);
	memset(text, ' ', PLAN_MAX_BYTES + 1);
	check_refused(text, PLAN_MAX_BYTES + 1, 0, 0, "plan file too large", 1);
	free(text);
}

static void
test_due_date(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(plan_due_date("2022-Q4", out), 0);
	assert_string_equal(out, "2022-12-31");
	assert_int_equal(plan_due_date("2024-02", out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(plan_due_date("2022-Q0", out), -1);
	assert_int_equal(plan_due_date("2022-00", out), -1);
	assert_int_equal(plan_due_date(NULL, out), -1);
	assert_string_equal(plan_link_kind_name(PLAN_LINK_LEAD), "lead");
	plan_file_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_min),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_due_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
