/* cmd_plan.c: the plan's tasks (Appendix 1) and numeric targets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/csv_quote.h"
#include "util/date.h"
#include "util/numfmt.h"

struct task_ctx {
	const struct opts *tk_o;
	long tk_today;
	int tk_n;
};

static void
field(const char *v, int last)
{
	csvq_fput(stdout, v);
	putchar(last ? '\n' : ',');
}

static int
task_row(void *vctx, const struct st_task *t)
{
	struct task_ctx *c = vctx;
	const struct opts *o = c->tk_o;
	enum diag_lang lang = o->op_lang;
	int overdue = app_task_overdue(t, c->tk_today);

	if (o->op_overdue && !overdue)
		return 0;
	if (o->op_agency != NULL &&
	    (t->st_leads == NULL || strstr(t->st_leads, o->op_agency) == NULL))
		return 0;
	c->tk_n++;
	if (strcmp(o->op_format, "csv") == 0) {
		field(t->st_code, 0);
		field(t->st_group, 0);
		field(t->st_text, 0);
		field(t->st_leads, 0);
		field(t->st_lead_text, 0);
		field(t->st_coordinators, 0);
		field(t->st_due, 0);
		field(t->st_due_date, 0);
		field(task_status_name(t->st_status), 0);
		field(overdue ? "1" : "0", 0);
		field(t->st_indicators, 1);
		return 0;
	}
	{
		char dv[16];

		date_vi(t->st_due_date, dv, sizeof(dv));
		printf("%-8s %-16s %-12s %s%s\n    %s\n    %s: %s — %s: %s\n",
		    t->st_code, task_status_label(t->st_status, lang),
		    dv[0] ? dv : "—",
		    overdue ? cli_msg(lang, "QUÁ HẠN ", "OVERDUE ") : "",
		    t->st_due_text, t->st_text,
		    cli_msg(lang, "Chủ trì", "Lead"), t->st_lead_text,
		    cli_msg(lang, "Chỉ số", "Indicators"),
		    t->st_indicators ? t->st_indicators : "—");
	}
	return 0;
}

int
cmd_tasks(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti tasks [--agency A] [--overdue] [--format table|csv] [--db dti.db]\n";
	struct task_ctx c;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc =
	    opts_parse(&o, argc, argv, "db agency overdue format", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	memset(&c, 0, sizeof(c));
	c.tk_o = &o;
	c.tk_today = date_today();
	if (strcmp(o.op_format, "csv") == 0)
		puts("code,group,text,lead,lead_text,coordinators,due,due_date,"
		     "status,overdue,indicators");
	diag_init(&d);
	rc = app_tasks(s, task_row, &c, &d);
	if (rc == 0 && strcmp(o.op_format, "csv") != 0)
		printf("%d %s\n", c.tk_n, cli_msg(lang, "nhiệm vụ", "tasks"));
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int
cmd_task(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti task update CODE [--status not_started|in_progress|done] [--note TEXT] [--doc NUMBER] [--file PATH]\n";
	enum task_status st;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (argc < 2 || strcmp(argv[1], "update") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(&o, argc - 1, argv + 1, "db user status note doc file",
	    usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1 ||
	    (o.op_status != NULL && task_status_parse(o.op_status, &st) != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (o.op_status == NULL && o.op_note == NULL) {
		fprintf(stderr, "dti task: %s\n",
		    cli_msg(lang, "cần --status hoặc --note",
			"--status or --note is needed"));
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	if (o.op_file != NULL &&
	    cli_read_file(o.op_file, STORE_MAX_FILE, &data, &len, lang) < 0) {
		app_close(s);
		return EXIT_IO;
	}
	app_operator(&a, o.op_user);
	diag_init(&d);
	rc = app_task_progress(s, &a, o.op_args[0],
	    o.op_status != NULL ? &st : NULL, o.op_note, o.op_doc, data, len,
	    &d);
	free(data);
	if (rc == 0)
		printf("%s %s\n", o.op_args[0],
		    cli_msg(lang, "đã cập nhật", "updated"));
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* Targets: the latest value computed from a period's data. */
static int
target_row(void *vctx, const struct app_target *a)
{
	const struct opts *o = vctx;
	enum diag_lang lang = o->op_lang;
	const struct st_target *t = a->tg_target;
	/* in English the state's name, as in the CSV */
	const char *state = lang == LANG_EN
	    ? target_state_name(a->tg_state)
	    : target_state_label(a->tg_state, LANG_VI);
	char vbuf[32] = "", pbuf[32] = "";

	if (!isnan(a->tg_value))
		numfmt_fixed(vbuf, sizeof(vbuf), a->tg_value, 6);
	if (!isnan(a->tg_progress))
		numfmt_fixed(pbuf, sizeof(pbuf), a->tg_progress, 4);
	if (strcmp(o->op_format, "csv") == 0) {
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
		field(target_state_name(a->tg_state), 1);
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
		buf_puts(&b, cli_msg(lang, " | hiện tại ", " | now "));
		if (isnan(a->tg_value))
			buf_puts(&b, "—");
		else if (pct)
			numfmt_vi_pct(&b, a->tg_value);
		else
			numfmt_vi(&b, a->tg_value, 4);
		if (!isnan(a->tg_progress)) {
			buf_puts(&b, cli_msg(lang, " | đạt ", " | at "));
			numfmt_vi_pct(&b, a->tg_progress);
			buf_puts(&b, cli_msg(lang, " mục tiêu", " of target"));
		}
		printf("%-26s %s: %s\n    %s: %s — %s: %s\n    %s\n",
		    t->sg_code, cli_msg(lang, "mục tiêu", "target"),
		    buf_cstr(&b), cli_msg(lang, "chỉ số", "indicator"),
		    t->sg_indicator ? t->sg_indicator : "—",
		    cli_msg(lang, "tình trạng", "state"), state, t->sg_text);
		buf_free(&b);
	}
	return 0;
}

int
cmd_targets(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti targets [--period P] [--include-drafts] [--format table|csv] [--db dti.db]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(
	    &o, argc, argv, "db period include-drafts format", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (strcmp(o.op_format, "csv") == 0)
		puts("code,text,year,target,target_max,unit,indicator,measure,"
		     "denominator,period,value,progress,state");
	rc = app_targets(s, o.op_period, o.op_drafts, target_row, &o, &d);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}
