/* cmd_plan.c: the plan's tasks (Appendix 1) and numeric targets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/csv_quote.h"
#include "io/plan_load.h"
#include "util/date.h"
#include "util/numfmt.h"

struct task_ctx {
	const struct opts *tk_o;
	struct store *tk_s;
	long tk_today;
	int tk_n;
};

static void
field(const char *v, int last)
{
	csvq_fput(stdout, v);
	putchar(last ? '\n' : ',');
}

/* Each agency of a task: as CSV cells, or as lines of the table. */
struct agency_ctx {
	const struct opts *acx_o;
	struct buf acx_list; /* CSV: agency:status;... */
	struct buf acx_notes; /* CSV: agency: note [doc];... */
	const struct st_task_agency *acx_own; /* --agency's row, copied: */
	char acx_own_status[16], acx_own_note[1024], acx_own_doc[256];
	int acx_found;
};

static int
agency_row(void *vctx, const struct st_task_agency *a)
{
	struct agency_ctx *c = vctx;
	enum diag_lang lang = c->acx_o->op_lang;

	if (c->acx_o->op_agency != NULL &&
	    strcmp(a->sta_agency, c->acx_o->op_agency) == 0) {
		c->acx_found = 1;
		snprintf(c->acx_own_status, sizeof(c->acx_own_status), "%s",
		    task_status_name(a->sta_status));
		snprintf(c->acx_own_note, sizeof(c->acx_own_note), "%s",
		    a->sta_note ? a->sta_note : "");
		snprintf(c->acx_own_doc, sizeof(c->acx_own_doc), "%s",
		    a->sta_doc ? a->sta_doc : "");
	}
	if (strcmp(c->acx_o->op_format, "csv") == 0) {
		buf_printf(&c->acx_list, "%s%s:%s",
		    c->acx_list.b_len ? ";" : "", a->sta_agency,
		    task_status_name(a->sta_status));
		if (a->sta_note != NULL || a->sta_doc != NULL)
			buf_printf(&c->acx_notes, "%s%s: %s%s%s%s",
			    c->acx_notes.b_len ? "; " : "", a->sta_agency,
			    a->sta_note ? a->sta_note : "",
			    a->sta_doc ? " [" : "",
			    a->sta_doc ? a->sta_doc : "",
			    a->sta_doc ? "]" : "");
		return 0;
	}
	/* the table: every agency, or the one asked for */
	if (c->acx_o->op_agency != NULL &&
	    strcmp(a->sta_agency, c->acx_o->op_agency) != 0)
		return 0;
	printf("    · %-26s %-9s %s%s%s\n", a->sta_agency,
	    strcmp(a->sta_role, "lead") == 0
		? cli_msg(lang, "chủ trì", "lead")
		: cli_msg(lang, "phối hợp", "coord."),
	    task_status_label(a->sta_status, lang), a->sta_note ? " — " : "",
	    a->sta_note ? a->sta_note : "");
	if (a->sta_doc != NULL)
		printf("      %s: %s\n", cli_msg(lang, "văn bản", "document"),
		    a->sta_doc);
	return 0;
}

static int
task_row(void *vctx, const struct st_task *t)
{
	struct task_ctx *c = vctx;
	const struct opts *o = c->tk_o;
	enum diag_lang lang = o->op_lang;
	int overdue = app_task_overdue(t, c->tk_today);
	struct agency_ctx ac;
	struct diag d;
	int csv = strcmp(o->op_format, "csv") == 0;

	if (o->op_overdue && !overdue)
		return 0;
	c->tk_n++;
	memset(&ac, 0, sizeof(ac));
	ac.acx_o = o;
	buf_init(&ac.acx_list);
	buf_init(&ac.acx_notes);
	if (!csv) {
		char dv[16];

		date_vi(t->st_due_date, dv, sizeof(dv));
		printf("%-8s %-16s %-12s %s%s\n    %s\n    %s: %s — %s: %s "
		       "— %s: %s\n",
		    t->st_code, task_status_label(t->st_status, lang),
		    dv[0] ? dv : "—",
		    overdue ? cli_msg(lang, "QUÁ HẠN ", "OVERDUE ") : "",
		    t->st_due_text, t->st_text,
		    cli_msg(lang, "Chủ trì", "Lead"), t->st_lead_text,
		    cli_msg(lang, "Chỉ số", "Indicators"),
		    t->st_indicators ? t->st_indicators : "—",
		    cli_msg(lang, "Kế hoạch", "Plan"), t->st_plan);
	}
	diag_init(&d);
	if (app_task_agencies(c->tk_s, t->st_id, agency_row, &ac, &d) != 0)
		diag_print(stderr, &d, lang);
	diag_free(&d);
	if (csv) {
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
		field(t->st_indicators, 0);
		field(t->st_plan, 0);
		field(ac.acx_found ? ac.acx_own_status : "", 0);
		field(ac.acx_found ? ac.acx_own_note : "", 0);
		field(ac.acx_found ? ac.acx_own_doc : "", 0);
		field(buf_cstr(&ac.acx_list), 0);
		field(buf_cstr(&ac.acx_notes), 1);
	}
	buf_free(&ac.acx_list);
	buf_free(&ac.acx_notes);
	return 0;
}

/* --year Y: a year of four digits, or -1. */
static int
year_arg(const char *v)
{
	char *end;
	long y;

	if (v == NULL)
		return 0;
	y = strtol(v, &end, 10);
	return end != v && *end == '\0' && y >= 1000 && y <= 9999 ? (int)y : -1;
}

int
cmd_tasks(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti tasks [--plan CODE] [--year Y] [--agency A] [--overdue] [--format table|csv] [--db dti.db]\n";
	struct st_task_filter f;
	struct task_ctx c;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(
	    &o, argc, argv, "db agency overdue format plan year", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0 || year_arg(o.op_year) < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	memset(&c, 0, sizeof(c));
	c.tk_o = &o;
	c.tk_s = s;
	c.tk_today = date_today();
	f.stf_plan = o.op_plan;
	f.stf_year = year_arg(o.op_year);
	f.stf_agency = o.op_agency;
	f.stf_code = NULL;
	if (strcmp(o.op_format, "csv") == 0)
		puts("code,group,text,lead,lead_text,coordinators,due,due_date,"
		     "status,overdue,indicators,plan,agency_status,agency_note,"
		     "agency_doc,agencies,notes");
	diag_init(&d);
	rc = app_tasks_in(s, &f, task_row, &c, &d);
	if (rc == 0 && strcmp(o.op_format, "csv") != 0)
		printf("%d %s\n", c.tk_n, cli_msg(lang, "nhiệm vụ", "tasks"));
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* dti task show: one task's every report, oldest first. */
static int
history_row(void *vctx, const struct st_progress *p)
{
	const struct opts *o = vctx;

	if (strcmp(o->op_format, "csv") == 0) {
		field(p->spg_at, 0);
		field(p->spg_agency, 0);
		field(p->spg_by, 0);
		field(task_status_name(p->spg_status), 0);
		field(p->spg_note, 0);
		field(p->spg_doc, 0);
		field(p->spg_file_sha256, 1);
		return 0;
	}
	printf("%s  %-24s %-16s %s%s%s%s\n", p->spg_at,
	    p->spg_agency[0] ? p->spg_agency : "—",
	    task_status_label(p->spg_status, o->op_lang), p->spg_note,
	    p->spg_doc[0] ? " [" : "", p->spg_doc, p->spg_doc[0] ? "]" : "");
	return 0;
}

static int
task_show(struct store *s, const struct opts *o, struct diag *d)
{
	struct app_task_ref ref;

	if (app_task_find(s, o->op_plan, o->op_args[0], &ref, d) != 0)
		return -1;
	if (strcmp(o->op_format, "csv") == 0)
		puts("at,agency,by,status,note,doc,file_sha256");
	else
		printf("%s (%s)\n", ref.tref_code, ref.tref_plan_code);
	return app_task_history(s, ref.tref_id, history_row, (void *)o, d);
}

int
cmd_task(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti task update CODE [--plan CODE] [--agency A] [--status not_started|in_progress|done] [--note TEXT] [--doc NUMBER] [--file PATH]\n"
	    "                   dti task show CODE [--plan CODE] [--format table|csv]\n";
	enum task_status st;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	int rc, show;

	if (argc < 2 ||
	    (strcmp(argv[1], "update") != 0 && strcmp(argv[1], "show") != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	show = strcmp(argv[1], "show") == 0;
	rc = opts_parse(&o, argc - 1, argv + 1,
	    show ? "db plan format"
		 : "db user status note doc file plan agency",
	    usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1 ||
	    (o.op_status != NULL && task_status_parse(o.op_status, &st) != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!show && o.op_status == NULL && o.op_note == NULL) {
		fprintf(stderr, "dti task: %s\n",
		    cli_msg(lang, "cần --status hoặc --note",
			"--status or --note is needed"));
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (show) {
		rc = task_show(s, &o, &d);
		diag_print(stderr, &d, lang);
		diag_free(&d);
		app_close(s);
		return rc == 0 ? EXIT_OK : EXIT_INVALID;
	}
	if (o.op_file != NULL &&
	    cli_read_file(o.op_file, STORE_MAX_FILE, &data, &len, lang) < 0) {
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	}
	app_operator(&a, o.op_user);
	rc = app_task_progress(s, &a, o.op_plan, o.op_args[0], o.op_agency,
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

/*
 * The table says which year's targets it compares, and from which plans;
 * it is printed after the rows are gathered, since the plans are known
 * only then.
 */
struct target_head {
	const struct opts *th_o;
	FILE *th_buf; /* the rows, table format */
	char *th_text;
	size_t th_len;
	int th_year, th_n;
	char th_plans[512];
};

/* Targets: the latest value computed from a period's data. */
static int
target_row(void *vctx, const struct app_target *a)
{
	struct target_head *h = vctx;
	const struct opts *o = h->th_o;
	FILE *out = h->th_buf != NULL ? h->th_buf : stdout;
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
		field(target_state_name(a->tg_state), 0);
		h->th_n++;
		field(t->sg_plan, 0);
		field(t->sg_manual ? "manual" : "", 0);
		field(t->sg_agency, 0);
		field(a->tg_review, 1);
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
		h->th_n++;
		fprintf(out, "%-26s %s: %s\n    %s: %s — %s: %s\n    %s\n",
		    t->sg_code, cli_msg(lang, "mục tiêu", "target"),
		    buf_cstr(&b), cli_msg(lang, "chỉ số", "indicator"),
		    t->sg_indicator ? t->sg_indicator : "—",
		    cli_msg(lang, "tình trạng", "state"), state, t->sg_text);
		if (t->sg_manual)
			fprintf(out, "    %s: %s — %s: %s\n",
			    cli_msg(
				lang, "nhập tay, cơ quan", "by hand, agency"),
			    t->sg_agency ? t->sg_agency : "—",
			    cli_msg(lang, "duyệt", "review"),
			    a->tg_review ? a->tg_review : "—");
		buf_free(&b);
	}
	return 0;
}

static void
target_heading(const struct target_head *h)
{
	enum diag_lang lang = h->th_o->op_lang;

	if (h->th_year == 0)
		printf("%s\n",
		    cli_msg(lang,
			"Chỉ tiêu của mọi kế hoạch (chưa có kỳ nào để so)",
			"The targets of every plan (no period to compare)"));
	else if (h->th_n == 0)
		printf(
		    cli_msg(lang,
			"Không có chỉ tiêu nào cho năm %d (kỳ %s): chưa nạp kế hoạch của năm đó (dti plan load)\n",
			"No target for year %d (period %s): no plan for that year is loaded (dti plan load)\n"),
		    h->th_year, h->th_o->op_period ? h->th_o->op_period : "—");
	else
		printf(cli_msg(lang, "Chỉ tiêu năm %d (Kế hoạch %s)\n",
			   "Targets of %d (Plan %s)\n"),
		    h->th_year, h->th_plans);
}

int
cmd_targets(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti targets [--period P] [--include-drafts] [--format table|csv] [--db dti.db]\n";
	struct target_head h;
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
	memset(&h, 0, sizeof(h));
	h.th_o = &o;
	if (strcmp(o.op_format, "csv") == 0)
		puts(
		    "code,text,year,target,target_max,unit,indicator,measure,"
		    "denominator,period,value,progress,state,plan,entry,agency,"
		    "review");
	else
		h.th_buf = open_memstream(&h.th_text, &h.th_len);
	rc = app_targets_year(s, o.op_period, o.op_drafts, &h.th_year,
	    h.th_plans, sizeof(h.th_plans), target_row, &h, &d);
	if (h.th_buf != NULL) {
		fclose(h.th_buf);
		if (rc == 0)
			target_heading(&h);
		fputs(h.th_text ? h.th_text : "", stdout);
		free(h.th_text);
	}
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* ---- dti plan load|list ---------------------------------------------------- */

static int
plan_row(void *vctx, const struct st_plan *p)
{
	const struct opts *o = vctx;
	char issued[16];

	if (strcmp(o->op_format, "csv") == 0) {
		field(p->spl_code, 0);
		field(p->spl_title, 0);
		field(p->spl_issuer, 0);
		field(p->spl_issued, 0);
		printf("%d,%d,%d,%d,", p->spl_year_from, p->spl_year_to,
		    p->spl_ntasks, p->spl_ntargets);
		field(p->spl_file, 0);
		field(p->spl_loaded_at, 1);
		return 0;
	}
	date_vi(p->spl_issued, issued, sizeof(issued));
	printf("%-20s %s (%s, %s)\n    %s %d–%d — %d %s, %d %s\n", p->spl_code,
	    p->spl_title, p->spl_issuer, issued,
	    cli_msg(o->op_lang, "năm", "years"), p->spl_year_from,
	    p->spl_year_to, p->spl_ntasks,
	    cli_msg(o->op_lang, "nhiệm vụ", "tasks"), p->spl_ntargets,
	    cli_msg(o->op_lang, "chỉ tiêu", "targets"));
	return 0;
}

int
cmd_plan(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti plan load FILE [--dry-run] [--db dti.db]\n"
	    "                   dti plan list [--format table|csv] [--db dti.db]\n";
	struct app_plan_load_out out;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *text = NULL;
	size_t len = 0;
	int rc, load;

	if (argc < 2 ||
	    (strcmp(argv[1], "load") != 0 && strcmp(argv[1], "list") != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	load = strcmp(argv[1], "load") == 0;
	rc = opts_parse(&o, argc - 1, argv + 1,
	    load ? "db user dry-run" : "db format", usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != (load ? 1 : 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (!load) {
		if (strcmp(o.op_format, "csv") == 0)
			puts("code,title,issuer,issued,year_from,year_to,tasks,"
			     "targets,file,loaded_at");
		rc = app_plans(s, plan_row, &o, &d);
	} else if (cli_read_file(o.op_args[0], PLAN_MAX_BYTES + 1, &text, &len,
		       lang) < 0) {
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	} else {
		app_operator(&a, o.op_user);
		rc = app_plan_load(
		    s, &a, text, len, o.op_args[0], o.op_dry_run, &out, &d);
		free(text);
		if (rc == 0)
			printf(
			    cli_msg(lang,
				"%s%s: %s (năm %d–%d): %d nhiệm vụ, %d lượt cơ quan, %d chỉ tiêu%s\n",
				"%s%s: %s (years %d–%d): %d tasks, %d task agencies, %d targets%s\n"),
			    out.plo_dry_run
				? cli_msg(lang, "[chạy thử] ", "[dry run] ")
				: "",
			    out.plo_code, out.plo_title, out.plo_year_from,
			    out.plo_year_to, out.plo_ntasks, out.plo_nagencies,
			    out.plo_ntargets,
			    out.plo_dry_run ? cli_msg(lang, " — chưa ghi gì",
						  " — nothing written")
					    : "");
	}
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* ---- dti target set|submit|approve|return|reopen|history ------------------ */

static int
target_value_row(void *vctx, const struct st_target_value *v)
{
	const struct opts *o = vctx;
	char vb[32];

	numfmt_fixed(vb, sizeof(vb), v->stv_value, 6);
	if (strcmp(o->op_format, "csv") == 0) {
		field(v->stv_at, 0);
		field(vb, 0);
		field(value_status_name(v->stv_status), 0);
		field(v->stv_agency, 0);
		field(v->stv_by, 0);
		field(v->stv_note, 0);
		field(v->stv_doc, 0);
		field(v->stv_comment, 0);
		field(v->stv_file_sha256, 0);
		field(v->stv_archived ? "0" : "1", 1);
		return 0;
	}
	printf("%s  %-12s %-10s %s%s%s%s%s\n", v->stv_at, vb,
	    value_status_label(v->stv_status, o->op_lang), v->stv_by,
	    v->stv_comment[0] ? " — " : "", v->stv_comment,
	    v->stv_file_sha256
		? cli_msg(o->op_lang, " (có minh chứng)", " (with evidence)")
		: "",
	    v->stv_archived ? "" : " *");
	return 0;
}

static const struct {
	const char *ts_name;
	enum app_target_step ts_step;
	const char *ts_opts;
} target_steps[] = {
	{ "set", APP_TARGET_SET, "db user plan value note doc file" },
	{ "submit", APP_TARGET_SUBMIT, "db user plan note doc file" },
	{ "approve", APP_TARGET_APPROVE, "db user plan" },
	{ "return", APP_TARGET_RETURN, "db user plan comment" },
	{ "reopen", APP_TARGET_REOPEN, "db user plan" },
};

int
cmd_target(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti target set CODE --value V [--note T] [--doc N] [--file F] [--plan P]\n"
	    "                   dti target submit|approve|reopen CODE [--plan P]\n"
	    "                   dti target return CODE --comment TEXT [--plan P]\n"
	    "                   dti target history CODE [--plan P] [--format table|csv]\n";
	struct app_target_input in;
	enum value_status st;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0, k,
	       nsteps = sizeof(target_steps) / sizeof(target_steps[0]);
	int rc, history;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	history = strcmp(argv[1], "history") == 0;
	for (k = 0; k < nsteps && strcmp(argv[1], target_steps[k].ts_name); k++)
		;
	if (!history && k == nsteps) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(&o, argc - 1, argv + 1,
	    history ? "db plan format" : target_steps[k].ts_opts, usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	memset(&in, 0, sizeof(in));
	in.ti_value = NAN;
	if (o.op_value != NULL &&
	    numfmt_parse(o.op_value, strlen(o.op_value), &in.ti_value) < 0) {
		fprintf(stderr, "dti target: %s '%s'\n",
		    cli_msg(lang, "giá trị không hợp lệ", "bad value"),
		    o.op_value);
		return EXIT_USAGE;
	}
	if (o.op_nargs != 1 ||
	    (!history && k == APP_TARGET_SET && o.op_value == NULL)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (history) {
		if (strcmp(o.op_format, "csv") == 0)
			puts("at,value,status,agency,by,note,doc,comment,"
			     "file_sha256,current");
		rc = app_target_history(
		    s, o.op_plan, o.op_args[0], target_value_row, &o, &d);
		goto out;
	}
	if (o.op_file != NULL &&
	    cli_read_file(o.op_file, STORE_MAX_FILE, &data, &len, lang) < 0) {
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	}
	in.ti_plan = o.op_plan;
	in.ti_code = o.op_args[0];
	in.ti_note = o.op_note;
	in.ti_doc = o.op_doc;
	in.ti_comment = o.op_comment;
	in.ti_data = data;
	in.ti_len = len;
	app_operator(&a, o.op_user);
	rc = app_target_step(s, &a, target_steps[k].ts_step, &in, &st, &d);
	free(data);
	if (rc == 0)
		printf("%s: %s\n", o.op_args[0], value_status_label(st, lang));
out:
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}
