/*
 * test_org.c: the organisation file parser (io/org_load.h). The shipped
 * file (data/ninh-thuan.yaml) parses into what `dti init` reports; broken
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

#include "io/org_load.h"
#include "util/buf.h"
#include "util/diag.h"

#include "unit_file.h"

#define ORG_PATH DTI_SOURCE_DIR "/data/ninh-thuan.yaml"
#define FILE_NAME "org.yaml"

/*
 * A small valid file. Line numbers matter: the lead list of the task T1
 * (a section this parser no longer reads: plans are io/plan_load.h) is
 * at 15:11.
 */
#define MIN_TEXT \
	"province: {code: p, name: P}\n" \
	"districts:\n" \
	"  - {code: d1, name: D1}\n" \
	"agencies:\n" \
	"  - {code: a1, name: A1, kind: office}\n" \
	"  - {code: g1, name: G1, kind: group}\n" \
	"collectives:\n" \
	"  g1: [a1]\n" \
	"tasks:\n" \
	"  - code: T1\n" \
	"    group: A\n" \
	"    group_name: GA\n" \
	"    text: do it\n" \
	"    due: 2022-Q4\n" \
	"    lead: [a1]\n" \
	"    coordinators: [g1]\n" \
	"    indicators: [\"1.1\"]\n" \
	"targets:\n" \
	"  - {code: X1, text: t, year: 2025, unit: percent, target: 80,\n" \
	"     measure: {numerator: [a, b], denominator: [c]}}\n" \
	"reporting: {agency_quarter_day: 25, agency_year: 12-20,\n" \
	"  sotttt_quarter_day: 30, sotttt_year: 12-25, receiver: a1}\n"

/*
 * Parse ${text}; it must be refused with ${nerr} errors, one of them
 * saying ${en} at ${line}:${col} of FILE_NAME, in both languages.
 */
static void
check_refused(const char *text, size_t len, long line, long col, const char *en,
    size_t nerr)
{
	struct org_file *f = (struct org_file *)1;
	struct diag d;
	size_t i;
	int found = 0;

	diag_init(&d);
	assert_int_equal(org_parse(text, len, FILE_NAME, &f, &d), -1);
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

static void
test_shipped(void **state)
{
	struct org_file *f = NULL;
	struct diag d;
	size_t len;
	char *text = read_file(ORG_PATH, &len);

	(void)state;
	assert_non_null(text);
	diag_init(&d);
	if (org_parse(text, len, "data/ninh-thuan.yaml", &f, &d) != 0)
		print_diag(&d);
	assert_non_null(f);
	assert_int_equal(d.d_n, 0);
	assert_string_equal(f->of_file, "data/ninh-thuan.yaml");
	/* what `dti init` reports: 46 agencies */
	assert_int_equal(f->of_nagencies, 46);
	assert_string_equal(f->of_province.ou_code, "ninh-thuan");
	assert_string_equal(f->of_province.ou_name, "Tỉnh Ninh Thuận");
	assert_int_equal(f->of_ndistricts, 7);
	assert_string_equal(f->of_districts[0].ou_code, "phan-rang-thap-cham");
	assert_int_equal(f->of_nmembers, 26);
	assert_string_equal(f->of_agencies[0].oa_code, "ubnd-tinh");
	assert_string_equal(f->of_agencies[0].oa_short, "UBND tỉnh");
	assert_string_equal(f->of_reporting.or_receiver, "so-tttt");
	assert_string_equal(f->of_reporting.or_agency_year, "12-20");
	org_file_free(f);
	diag_free(&d);
	free(text);
}

static void
test_min(void **state)
{
	struct org_file *f = NULL;
	struct diag d;

	(void)state;
	diag_init(&d);
	if (org_parse(MIN_TEXT, strlen(MIN_TEXT), FILE_NAME, &f, &d) != 0)
		print_diag(&d);
	assert_non_null(f);
	assert_int_equal(f->of_nagencies, 2);
	assert_null(f->of_agencies[0].oa_short);
	assert_int_equal(f->of_agencies[0].oa_line, 5);
	assert_int_equal(f->of_agencies[0].oa_col, 5);
	assert_int_equal(f->of_nmembers, 1);
	assert_string_equal(f->of_members[0].om_group, "g1");
	assert_string_equal(f->of_members[0].om_member, "a1");
	assert_int_equal(f->of_ndistricts, 1);
	assert_string_equal(f->of_reporting.or_sotttt_quarter_day, "30");
	org_file_free(f);
	diag_free(&d);
}

static void
test_missing_fields(void **state)
{
	(void)state;
	check_variant("{code: a1, name: A1, kind: office}",
	    "{code: a1, kind: x}", 5, 5, "missing or bad field 'name'", 1);
	check_variant("{code: d1, name: D1}", "{code: d1}", 3, 5,
	    "missing or bad field 'name'", 1);
	check_variant("receiver: a1", "receive: a1", 21, 12,
	    "missing or bad field 'receiver'", 1);
	check_variant("province: {code: p, name: P}", "province: {code: p}", 1,
	    11, "missing or bad field 'name'", 1);
	check_refused(
	    "- a\n- b\n", 8, 1, 1, "missing or bad field 'province'", 1);
	check_refused("", 0, 0, 0, "missing or bad field 'province'", 1);
}

static void
test_bad_yaml(void **state)
{
	static const char nul[] = "province: {code: p,\0 name: P}\n";

	(void)state;
	check_variant("lead: [a1]\n", "lead: [a1\n", 16, 17, "invalid YAML", 1);
	/* an alias is refused before it is resolved */
	check_variant("lead: [a1]\n    coordinators: [g1]",
	    "lead: &x [a1]\n    coordinators: *x", 16, 19,
	    "YAML aliases (*name) are not allowed", 1);
	check_refused(nul, sizeof(nul) - 1, 0, 0, "NUL byte", 1);
	check_variant(
	    "reporting:", "---\nreporting:", 21, 1, "one YAML document", 1);
}

static void
test_limits(void **state)
{
	struct buf b;
	char *text;
	int i;

	(void)state;
	/* too deep: a note nested past ORG_MAX_DEPTH */
	buf_init(&b);
	buf_puts(&b, "    note: ");
	for (i = 0; i < ORG_MAX_DEPTH; i++)
		buf_putc(&b, '[');
	for (i = 0; i < ORG_MAX_DEPTH; i++)
		buf_putc(&b, ']');
	buf_puts(&b, "\n    lead: [a1]");
	text = replaced(MIN_TEXT, "    lead: [a1]", buf_cstr(&b));
	check_refused(text, strlen(text), 15, 10 + ORG_MAX_DEPTH - 2,
	    "nested too deeply", 1);
	free(text);
	buf_free(&b);
	/* too large: refused before parsing */
	text = xcalloc(ORG_MAX_BYTES + 2, 1);
	memset(text, ' ', ORG_MAX_BYTES + 1);
	check_refused(
	    text, ORG_MAX_BYTES + 1, 0, 0, "organisation file too large", 1);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_min),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_bad_yaml),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
