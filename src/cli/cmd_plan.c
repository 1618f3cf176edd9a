/* cmd_plan.c: the plan's tasks (Appendix 1) and numeric targets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/score_write.h"
#include "util/date.h"
#include "util/numfmt.h"

struct task_ctx {
	const struct opts *tc_o;
	struct store *tc_s;
	long tc_today;
	int tc_n;
};

static const char *
status_vi(const char *st)
{
	if (strcmp(st, "done") == 0)
		return cli_msg("hoàn thành", "done");
	if (strcmp(st, "in_progress") == 0)
		return cli_msg("đang thực hiện", "in progress");
	return cli_msg("chưa thực hiện", "not started");
}

static void
field(const char *v, int last)
{
	struct buf b;

	buf_init(&b);
	csv_escape(&b, v ? v : "");
	fputs(buf_cstr(&b), stdout);
	putchar(last ? '\n' : ',');
	buf_free(&b);
}

static int
task_row(void *vctx, const struct st_task *t)
{
	struct task_ctx *c = vctx;
	const struct opts *o = c->tc_o;
	long due = 0;
	int overdue;

	overdue = t->st_due_date != NULL &&
	    date_parse(t->st_due_date, &due) == 0 && c->tc_today > due &&
	    strcmp(t->st_status, "done") != 0;
	if (o->o_overdue && !overdue)
		return 0;
	if (o->o_agency != NULL &&
	    (t->st_leads == NULL || strstr(t->st_leads, o->o_agency) == NULL))
		return 0;
	c->tc_n++;
	if (strcmp(o->o_format, "csv") == 0) {
		field(t->st_code, 0);
		field(t->st_group, 0);
		field(t->st_text, 0);
		field(t->st_leads, 0);
		field(t->st_lead_text, 0);
		field(t->st_coordinators, 0);
		field(t->st_due, 0);
		field(t->st_due_date, 0);
		field(t->st_status, 0);
		field(overdue ? "1" : "0", 0);
		field(t->st_indicators, 1);
		return 0;
	}
	{
		char dv[16];

		date_vi(t->st_due_date, dv, sizeof(dv));
		printf("%-8s %-16s %-12s %s%s\n    %s\n    %s: %s — %s: %s\n",
		    t->st_code, status_vi(t->st_status), dv[0] ? dv : "—",
		    overdue ? cli_msg("QUÁ HẠN ", "OVERDUE ") : "",
		    t->st_due_text, t->st_text, cli_msg("Chủ trì", "Lead"),
		    t->st_lead_text, cli_msg("Chỉ số", "Indicators"),
		    t->st_indicators ? t->st_indicators : "—");
	}
	return 0;
}

int
cmd_tasks(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti tasks [--agency A] [--overdue] [--format table|csv] [--db dti.db]\n";
	struct task_ctx c;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(&o, argc, argv, "db agency overdue format", usage);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	memset(&c, 0, sizeof(c));
	c.tc_o = &o;
	c.tc_s = s;
	c.tc_today = date_today();
	if (strcmp(o.o_format, "csv") == 0)
		puts("code,group,text,lead,lead_text,coordinators,due,due_date,"
		     "status,overdue,indicators");
	diag_init(&d);
	rc = store_task_each(s, task_row, &c);
	if (rc != 0)
		app_store_error(s, &d);
	else if (strcmp(o.o_format, "csv") != 0)
		printf("%d %s\n", c.tc_n, cli_msg("nhiệm vụ", "tasks"));
	cli_print_diag(&d);
	diag_free(&d);
	store_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int
cmd_task(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti task update CODE [--status not_started|in_progress|done] [--note TEXT] [--doc NUMBER] [--file PATH]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	char sha[65];
	int rc;

	if (argc < 2 || strcmp(argv[1], "update") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(
	    &o, argc - 1, argv + 1, "db user status note doc file", usage);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 1 ||
	    (o.o_status != NULL && strcmp(o.o_status, "not_started") != 0 &&
		strcmp(o.o_status, "in_progress") != 0 &&
		strcmp(o.o_status, "done") != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (o.o_status == NULL && o.o_note == NULL) {
		fprintf(stderr, "dti task: %s\n",
		    cli_msg("cần --status hoặc --note",
			"--status or --note is needed"));
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	rc = store_tx_begin(s);
	if (rc == 0 && o.o_file != NULL) {
		char *data;
		size_t len;

		if (cli_read_file(o.o_file, STORE_MAX_FILE, &data, &len) < 0) {
			store_tx_rollback(s);
			store_close(s);
			diag_free(&d);
			return EXIT_IO;
		}
		rc = store_file_put(s, data, len, sha);
		free(data);
	}
	if (rc == 0)
		rc = store_task_progress(s, o.o_args[0], o.o_status, o.o_note,
		    o.o_doc, o.o_file ? sha : NULL, o.o_user);
	if (rc == 0)
		rc = store_tx_commit(s);
	if (rc != 0) {
		app_store_error(s, &d);
		store_tx_rollback(s);
	} else {
		printf(
		    "%s %s\n", o.o_args[0], cli_msg("đã cập nhật", "updated"));
	}
	cli_print_diag(&d);
	diag_free(&d);
	store_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* Targets: the latest value computed from a period's data. */
static int
target_row(void *vctx, const struct app_target *a)
{
	const struct opts *o = vctx;
	const struct st_target *t = a->tg;
	const char *state = cli_lang == LANG_EN
	    ? a->tg_state
	    : app_target_state_vi(a->tg_state);
	char vbuf[32] = "", pbuf[32] = "";

	if (!isnan(a->tg_value))
		numfmt_fixed(vbuf, sizeof(vbuf), a->tg_value, 6);
	if (!isnan(a->tg_progress))
		numfmt_fixed(pbuf, sizeof(pbuf), a->tg_progress, 4);
	if (strcmp(o->o_format, "csv") == 0) {
		char tb[32] = "", tm[32] = "";

		if (!isnan(t->sg_target))
			numfmt_fixed(tb, sizeof(tb), t->sg_target, 4);
		if (!isnan(t->sg_target_max))
			numfmt_fixed(tm, sizeof(tm), t->sg_target_max, 4);
		field(t->sg_code, 0);
		field(t->sg_text, 0);
		printf("%d,", t->sg_year);
		field(tb, 0);
		field(tm, 0);
		field(t->sg_unit, 0);
		field(t->sg_indicator, 0);
		field(t->sg_numerator ? t->sg_numerator : t->sg_score, 0);
		field(t->sg_denominator, 0);
		field(a->tg_period, 0);
		field(vbuf, 0);
		field(pbuf, 0);
		field(a->tg_state, 1);
		return 0;
	}
	{
		int pct = strcmp(t->sg_unit, "percent") == 0;
		struct buf b;

		buf_init(&b);
		if (!isnan(t->sg_target)) {
			if (pct)
				numfmt_vi_pct(&b, t->sg_target);
			else
				numfmt_vi(&b, t->sg_target, 4);
		} else {
			buf_puts(&b, "—");
		}
		buf_puts(&b, cli_msg(" | hiện tại ", " | now "));
		if (isnan(a->tg_value))
			buf_puts(&b, "—");
		else if (pct)
			numfmt_vi_pct(&b, a->tg_value);
		else
			numfmt_vi(&b, a->tg_value, 4);
		if (!isnan(a->tg_progress)) {
			buf_puts(&b, cli_msg(" | đạt ", " | at "));
			numfmt_vi_pct(&b, a->tg_progress);
			buf_puts(&b, cli_msg(" mục tiêu", " of target"));
		}
		printf("%-26s %s: %s\n    %s: %s — %s: %s\n    %s\n",
		    t->sg_code, cli_msg("mục tiêu", "target"), buf_cstr(&b),
		    cli_msg("chỉ số", "indicator"),
		    t->sg_indicator ? t->sg_indicator : "—",
		    cli_msg("tình trạng", "state"), state, t->sg_text);
		buf_free(&b);
	}
	return 0;
}

int
cmd_targets(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti targets [--period P] [--include-drafts] [--format table|csv] [--db dti.db]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(
	    &o, argc, argv, "db period include-drafts format", usage);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (strcmp(o.o_format, "csv") == 0)
		puts("code,text,year,target,target_max,unit,indicator,measure,"
		     "denominator,period,value,progress,state");
	rc = app_targets(s, o.o_period, o.o_drafts, target_row, &o, &d);
	cli_print_diag(&d);
	diag_free(&d);
	store_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}
