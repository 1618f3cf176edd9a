/*
 * cmd_period.c: a period's methodology and its units (issue 12): dti
 * period set-methodology, dti period ranking, dti methodology list.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "util/numfmt.h"

/* A methodology id as typed: a positive number, else 0. */
static long
method_id(const char *s)
{
	char *end;
	long id;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	id = strtol(s, &end, 10);
	return *end == '\0' && id > 0 && id < 1000000000 ? id : 0;
}

long
cli_method_id(const char *s, enum diag_lang lang)
{
	long id = method_id(s);

	if (id == 0)
		fprintf(stderr, "dti: %s '%s'\n",
		    cli_msg(lang,
			"--methodology cần mã số của một phương pháp đã nạp "
			"(dti methodology list), không phải",
			"--methodology takes the id of a loaded methodology "
			"(dti methodology list), not"),
		    s ? s : "");
	return id;
}

/* A figure as people read it: 0,5934 (vi) or 0.5934; "-" for none. */
static void
fig(char out[32], double x, enum diag_lang lang)
{
	struct buf b;

	if (isnan(x)) {
		snprintf(out, 32, "-");
		return;
	}
	if (lang == LANG_EN) {
		numfmt_fixed(out, 32, x, 4);
		return;
	}
	buf_init(&b);
	numfmt_vi(&b, x, 4);
	snprintf(out, 32, "%s", buf_cstr(&b));
	buf_free(&b);
}

static void
change_print(const struct app_method_change *c, enum diag_lang lang)
{
	char a[32], b[32];
	int i;

	printf("%s %s: %s #%ld (%s) -> #%ld (%s)\n",
	    cli_msg(lang, "Kỳ", "Period"), c->mch_period.sp_code,
	    cli_msg(lang, "phương pháp", "methodology"), c->mch_from,
	    c->mch_from_name, c->mch_to, c->mch_to_name);
	printf("%s\n",
	    cli_msg(lang,
		"Đơn vị, chỉ số: hiện nay -> theo phương pháp mới "
		"(giá trị đã duyệt)",
		"Unit, figure: now -> under the new methodology (approved "
		"values)"));
	for (i = 0; i < c->mch_nfigs; i++) {
		fig(a, c->mch_figs[i].mf_before, lang);
		fig(b, c->mch_figs[i].mf_after, lang);
		printf("  %-22s %-6s %10s -> %s\n", c->mch_figs[i].mf_unit,
		    c->mch_figs[i].mf_code, a, b);
	}
	printf("%s (%d):",
	    cli_msg(lang,
		"Dữ liệu có giá trị mà phương pháp mới không có, giữ nguyên",
		"Inputs with values the new methodology lacks, kept"),
	    c->mch_nkept);
	for (i = 0; i < c->mch_nkept; i++)
		printf(" %s", c->mch_kept[i]);
	printf("\n%s (%d):",
	    cli_msg(lang, "Dữ liệu phương pháp mới thêm",
		"Inputs the new methodology adds"),
	    c->mch_nadded);
	for (i = 0; i < c->mch_nadded; i++)
		printf(" %s", c->mch_added[i]);
	printf("\n%s (%d):",
	    cli_msg(lang, "Giá trị phương pháp mới không đọc được (khác loại)",
		"Values the new methodology cannot read (another kind)"),
	    c->mch_nmisfit);
	for (i = 0; i < c->mch_nmisfit && i < 20; i++)
		printf(" %s", c->mch_misfit[i]);
	printf("%s\n%s\n", c->mch_nmisfit > 20 ? " ..." : "",
	    c->mch_applied
		? cli_msg(lang, "Đã đổi phương pháp của kỳ (ghi nhật ký).",
		      "The period's methodology was changed (audited).")
		: cli_msg(lang, "Chưa thay đổi gì: thêm --yes để áp dụng.",
		      "Nothing changed: add --yes to apply it."));
}

/* dti period set-methodology P --methodology ID [--yes] */
int
cmd_period_method(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti period set-methodology PERIOD --methodology ID [--yes] [--db dti.db] [--user NAME]\n"
	    "  không có --yes: chỉ xem trước / without --yes: a preview only\n";
	struct app_method_change c;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	long id;
	int rc;

	if ((rc = opts_parse(
		 &o, argc, argv, "db user methodology yes", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1 || o.op_methodology == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((id = cli_method_id(o.op_methodology, lang)) == 0)
		return EXIT_USAGE;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	app_operator(&a, o.op_user);
	diag_init(&d);
	rc = app_period_set_method(s, &a, o.op_args[0], id, o.op_yes, &c, &d);
	if (rc == 0)
		change_print(&c, lang);
	app_method_change_free(&c);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	return EXIT_OK;
}

/* dti period ranking P [--include-drafts] [--format csv] */
int
cmd_period_ranking(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti period ranking PERIOD [--include-drafts] [--format csv] [--db dti.db]\n";
	struct app_scored sd;
	struct app_rank *r = NULL;
	struct store *s;
	struct opts o;
	struct diag d;
	char x[32];
	int rc, n = 0, i, csv;

	if ((rc = opts_parse(
		 &o, argc, argv, "db format include-drafts", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	csv = strcmp(o.op_format, "csv") == 0;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if ((rc = app_score_period(s, o.op_args[0], o.op_drafts, &sd, &d)) !=
	    0) {
		app_close(s);
		return cli_fail(&d, rc, lang);
	}
	app_ranking(&sd, &r, &n);
	if (csv)
		puts("rank,unit,index");
	else
		printf("%s %s\n",
		    cli_msg(lang, "Xếp hạng chỉ số của kỳ",
			"Index ranking of period"),
		    sd.sd_period.sp_code);
	for (i = 0; i < n; i++) {
		if (csv) {
			if (isnan(r[i].rk_index))
				printf("%d,%s,\n", r[i].rk_rank, r[i].rk_unit);
			else
				printf("%d,%s,%.6f\n", r[i].rk_rank,
				    r[i].rk_unit, r[i].rk_index);
			continue;
		}
		fig(x, r[i].rk_index, lang);
		printf("%3d  %-24s %s\n", r[i].rk_rank, r[i].rk_unit, x);
	}
	free(r);
	app_scored_free(&sd);
	app_close(s);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	return EXIT_OK;
}

static int
method_list_row(void *ctx, const struct st_method *m)
{
	const int *csv = ctx;

	if (*csv)
		printf("%ld,%s,%s,\"%s\",%s,%s\n", m->sm_id, m->sm_code,
		    m->sm_version, m->sm_name, m->sm_sha256, m->sm_loaded_at);
	else
		printf("%3ld  %-24s %-10s %s\n", m->sm_id, m->sm_code,
		    m->sm_version, m->sm_name);
	return 0;
}

/* dti methodology list [--format csv] */
int
cmd_methodology_list(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti methodology list [--format csv] [--db dti.db]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc, csv;

	if ((rc = opts_parse(&o, argc, argv, "db format", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	csv = strcmp(o.op_format, "csv") == 0;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	if (csv)
		puts("id,code,version,name,sha256,loaded_at");
	diag_init(&d);
	rc = app_methods(s, method_list_row, &csv, &d);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_free(&d);
	return EXIT_OK;
}
