/*
 * cmd_data.c: the reporting cycle on the command line: periods, import and
 * export, status, values and evidence, submission and review, audit, and
 * scores of a period.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/csv_quote.h"
#include "io/score_write.h"
#include "util/date.h"

/* Start of a database command: options, then the database. */
#define OPEN_DB(o, argc, argv, allowed, usage, nargs) \
	do { \
		int rc_ = opts_parse(&(o), argc, argv, allowed, usage, lang); \
		if (rc_ != 0) \
			return rc_ == 100 ? EXIT_OK : rc_; \
		if ((o).op_nargs != (nargs)) { \
			fputs(usage, stderr); \
			return EXIT_USAGE; \
		} \
		if ((s = cli_open_db(&(o))) == NULL) \
			return EXIT_INVALID; \
	} while (0)

/* A table heading padded to ${width} characters. */
static void
hdr(const char *s, int width)
{
	printf("%s%*s", s, cli_pad(s, width), "");
}

/* The same, right-aligned, for columns of numbers. */
static void
hdr_r(const char *s, int width)
{
	printf("%*s%s ", cli_pad(s, width), "", s);
}

/* The short name of an agency of the methodology ("Sở TTTT"). */
static const char *
agency_short(const struct method *m, const char *code)
{
	int i;

	for (i = 0; i < m->m_nagencies; i++) {
		if (strcmp(m->m_agencies[i].ma_code, code) == 0)
			return m->m_agencies[i].ma_short
			    ? m->m_agencies[i].ma_short
			    : m->m_agencies[i].ma_name;
	}
	return code;
}

/* The organisation's short names, for agencies outside the methodology. */
struct org_names {
	char (*on_code)[64];
	char (*on_short)[128];
	int on_n;
	int on_cap;
};

static int
org_name_row(void *ctx, const struct st_agency *ag)
{
	struct org_names *o = ctx;

	if (o->on_n == o->on_cap) {
		o->on_cap = o->on_cap ? 2 * o->on_cap : 32;
		o->on_code = xrealloc(o->on_code, (size_t)o->on_cap * 64);
		o->on_short = xrealloc(o->on_short, (size_t)o->on_cap * 128);
	}
	snprintf(o->on_code[o->on_n], 64, "%s", ag->sag_code);
	snprintf(o->on_short[o->on_n], 128, "%s",
	    ag->sag_short != NULL && ag->sag_short[0] ? ag->sag_short
						      : ag->sag_name);
	o->on_n++;
	return 0;
}

/* A district's UBND is no agency of the methodology: the store names it. */
static const char *
status_name(const struct method *m, const struct org_names *o, const char *code)
{
	const char *name = agency_short(m, code);
	int i;

	for (i = 0; name == code && i < o->on_n; i++) {
		if (strcmp(o->on_code[i], code) == 0)
			return o->on_short[i];
	}
	return name;
}

static int
need_period(const struct opts *o, const char *cmd)
{
	if (o->op_period == NULL) {
		fprintf(stderr, "dti %s: %s\n", cmd,
		    cli_msg(o->op_lang,
			"cần --period (ví dụ 2022-Q3 hoặc 2022)",
			"--period is required (e.g. 2022-Q3 or 2022)"));
		return -1;
	}
	return 0;
}

/* The end of a database command: print ${d}, close ${s}, an exit code. */
static int
finish(struct store *s, struct diag *d, int rc, enum diag_lang lang)
{
	int code = EXIT_OK;

	diag_print(stderr, d, lang);
	cli_print_hints(d, lang);
	if (rc != 0)
		code = rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
	diag_free(d);
	app_close(s);
	return code;
}

static int
period_row(void *ctx, const struct st_period *p)
{
	const struct opts *o = ctx;
	enum diag_lang lang = o->op_lang;
	enum period_status st;
	char a[16], b[16];

	if (strcmp(o->op_format, "csv") == 0) {
		printf("%s,%s,%s,%s,%s,%s\n", p->sp_code, p->sp_kind,
		    p->sp_agency_due, p->sp_sotttt_due,
		    period_status_name(p->sp_status), p->sp_label);
		return 0;
	}
	date_vi(p->sp_agency_due, a, sizeof(a));
	date_vi(p->sp_sotttt_due, b, sizeof(b));
	st = p->sp_status;
	printf("%-8s %-8s %s %s  %s %s  %-7s %s\n", p->sp_code,
	    strcmp(p->sp_kind, "year") == 0 ? cli_msg(lang, "năm", "year")
					    : cli_msg(lang, "quý", "quarter"),
	    cli_msg(lang, "hạn cơ quan", "agencies due"), a,
	    cli_msg(lang, "hạn Sở TTTT", "Sở TTTT due"), b,
	    period_status_label(st, lang), p->sp_label);
	return 0;
}

int
cmd_period(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti period open PERIOD [--agency-due dd/mm/yyyy] [--sotttt-due dd/mm/yyyy]\n"
	    "    (ngày / dates: dd/mm/yyyy hoặc/or YYYY-MM-DD)\n"
	    "  dti period close PERIOD [--reason TEXT]\n"
	    "  dti period reopen PERIOD --reason TEXT\n"
	    "  dti period list [--format csv]\n"
	    "  dti period open PERIOD --methodology ID --units U,V | --level district\n"
	    "    (chỉ số nội bộ / an internal index)\n"
	    "  dti period set-methodology PERIOD --methodology ID [--yes]\n"
	    "  dti period ranking PERIOD [--include-drafts] [--format csv]\n"
	    "  PERIOD: YYYY-Qn (quý) hoặc YYYY (năm), có thể thêm -nhãn / optionally -tag (2022-huyen); --db dti.db\n";
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	const char *verb;
	int rc = 0;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	verb = argv[1];
	if (strcmp(verb, "set-methodology") == 0)
		return cmd_period_method(argc - 1, argv + 1, lang);
	if (strcmp(verb, "ranking") == 0)
		return cmd_period_ranking(argc - 1, argv + 1, lang);
	if (strcmp(verb, "list") == 0) {
		OPEN_DB(o, argc - 1, argv + 1, "db format", usage, 0);
		if (strcmp(o.op_format, "csv") == 0)
			puts("period,kind,agency_due,sotttt_due,status,label");
		diag_init(&d);
		rc = app_periods(s, period_row, &o, &d);
		return finish(s, &d, rc, lang);
	}
	if (strcmp(verb, "open") == 0) { /* layering-ok: a verb */
		OPEN_DB(o, argc - 1, argv + 1,
		    "db user agency-due sotttt-due methodology units level",
		    usage, 1);
		struct app_period_spec sp = { o.op_args[0], 0, o.op_agency_due,
			o.op_sotttt_due, NULL, o.op_units, o.op_level };
		struct st_period p;

		if (o.op_methodology != NULL &&
		    (sp.aps_method = cli_method_id(o.op_methodology, lang)) ==
			0) {
			app_close(s);
			return EXIT_USAGE;
		}
		diag_init(&d);
		app_operator(&a, o.op_user);
		rc = app_period_open(s, &a, &sp, &p, &d);
		if (rc == 0)
			period_row(&o, &p);
		return finish(s, &d, rc, lang);
	}
	if (strcmp(verb, "close") == 0 || strcmp(verb, "reopen") == 0) {
		int reopen = strcmp(verb, "reopen") == 0;

		OPEN_DB(o, argc - 1, argv + 1, "db user reason", usage, 1);
		diag_init(&d);
		app_operator(&a, o.op_user);
		rc = app_period_set_status(s, &a, o.op_args[0],
		    reopen ? PERIOD_OPEN : PERIOD_CLOSED, o.op_reason, &d);
		if (rc == 0)
			printf("%s %s %s\n", cli_msg(lang, "Kỳ", "Period"),
			    o.op_args[0],
			    reopen ? cli_msg(lang, "đã mở lại", "reopened")
				   : period_status_label(PERIOD_CLOSED, lang));
		return finish(s, &d, rc, lang);
	}
	fputs(usage, stderr);
	return EXIT_USAGE;
}

/* The skipped values of an import (warnings "import.skipped"). */
static long
skipped_count(const struct diag *d)
{
	long n = 0;
	size_t i;

	for (i = 0; i < d->d_n; i++)
		n += strcmp(d->d_items[i].di_code, "import.skipped") == 0;
	return n;
}

int
cmd_import(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti import --period P [--submit|--approve] [--add-units] [--skip-locked] [--no-consistency] [--number-format machine|vi] [--db dti.db] [--user NAME] ROUND.csv|WORKSHEET.xlsx\n"
	    "  --skip-locked: bỏ qua (và báo) giá trị đã gửi hoặc đã duyệt thay vì từ chối cả tệp\n"
	    "                 skip (and report) values already submitted or approved instead of refusing the file\n"
	    "  --no-consistency: nhập cả tệp không giữ quy tắc nhất quán giữa các dữ liệu (ghi vào nhật ký)\n"
	    "                 import a file that breaks the consistency rules between inputs (audited)\n";
	enum value_status status;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	long count = 0, skipped;
	FILE *f;
	int rc, flags;

	OPEN_DB(o, argc, argv,
	    "db user period submit approve add-units skip-locked number-format "
	    "no-consistency",
	    usage, 1);
	if (need_period(&o, "import") < 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	status = o.op_approve ? VALUE_APPROVED
	    : o.op_submit     ? VALUE_SUBMITTED
			      : VALUE_DRAFT;
	f = strcmp(o.op_args[0], "-") == 0 ? stdin : fopen(o.op_args[0], "rb");
	if (f == NULL) {
		cli_file_error("import", o.op_args[0], errno, lang);
		app_close(s);
		return EXIT_IO;
	}
	diag_init(&d);
	app_operator(&a, o.op_user);
	flags = (o.op_add_units ? APP_IMPORT_ADD_UNITS : 0) |
	    (o.op_skip_locked ? APP_IMPORT_SKIP_LOCKED : 0) |
	    (o.op_no_consistency ? APP_IMPORT_NO_CONSISTENCY : 0);
	rc = app_values_import(s, &a, o.op_period, f, o.op_args[0], o.op_numfmt,
	    status, flags, &count, &d);
	if (f != stdin)
		fclose(f);
	skipped = skipped_count(&d);
	if (rc == 0 && skipped > 0)
		printf("%s %ld %s (%s) %s %s; %s %ld %s\n",
		    cli_msg(lang, "Đã nhập", "Imported"), count,
		    cli_msg(lang, "giá trị", "values"),
		    value_status_name(status),
		    cli_msg(lang, "vào kỳ", "into period"), o.op_period,
		    cli_msg(lang, "bỏ qua", "skipped"), skipped,
		    cli_msg(lang, "giá trị đã gửi hoặc đã duyệt",
			"values already submitted or approved"));
	else if (rc == 0)
		printf("%s %ld %s (%s) %s %s\n",
		    cli_msg(lang, "Đã nhập", "Imported"), count,
		    cli_msg(lang, "giá trị", "values"),
		    value_status_name(status),
		    cli_msg(lang, "vào kỳ", "into period"), o.op_period);
	else
		fprintf(stderr, "dti import: %s\n",
		    cli_msg(lang, "không nhập gì (tất cả hoặc không)",
			"nothing imported (all or nothing)"));
	return finish(s, &d, rc, lang);
}

/* dti template: an agency's XLSX work sheet for a period. */
int
cmd_template(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti template --period P [--agency A] [--unit U] -o FILE.xlsx [--db dti.db]\n"
	    "  phiếu nhập số liệu (XLSX) của một cơ quan: điền rồi nhập lại bằng dti import\n"
	    "  an agency's work sheet (XLSX): fill it in, then import it with dti import\n";
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	OPEN_DB(o, argc, argv, "db user period agency unit output", usage, 0);
	if (need_period(&o, "template") < 0 || o.op_output == NULL) {
		if (o.op_output == NULL)
			fputs(usage, stderr);
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	app_operator(&a, o.op_user);
	rc = app_template(
	    s, &a, o.op_period, o.op_agency, o.op_unit, &data, &len, &d);
	if (rc != 0)
		return finish(s, &d, rc, lang);
	f = fopen(o.op_output, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len) {
		cli_file_error("template", o.op_output, errno, lang);
		if (f != NULL)
			fclose(f);
		free(data);
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	}
	free(data);
	if (fclose(f) != 0) {
		cli_file_error("template", o.op_output, errno, lang);
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	}
	printf("%s %s\n", cli_msg(lang, "Đã tạo phiếu", "Wrote the work sheet"),
	    o.op_output);
	return finish(s, &d, 0, lang);
}

int
cmd_export(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti export --period P [--parts PARTS.csv] [--db dti.db] [FILE]\n"
	    "  --parts: also the parts of contributed inputs (unit,input,value,part,status)\n";
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	FILE *f = stdout, *pf;
	int rc;

	rc = opts_parse(&o, argc, argv, "db period parts", usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs > 1 || need_period(&o, "export") < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	if (o.op_nargs == 1 && (f = fopen(o.op_args[0], "w")) == NULL) {
		cli_file_error("export", o.op_args[0], errno, lang);
		app_close(s);
		return EXIT_IO;
	}
	diag_init(&d);
	rc = app_export(s, o.op_period, f, &d);
	if (f != stdout && fclose(f) != 0 && rc == 0) {
		cli_file_error("export", o.op_args[0], errno, lang);
		rc = -1;
	}
	/* the parts go to their own file: a round has one row per value */
	if (rc == 0 && o.op_parts != NULL) {
		if ((pf = fopen(o.op_parts, "w")) == NULL) {
			cli_file_error("export", o.op_parts, errno, lang);
			app_close(s);
			diag_free(&d);
			return EXIT_IO;
		}
		app_operator(&a, o.op_user);
		rc = app_export_parts(s, &a, o.op_period, pf, &d);
		if (fclose(pf) != 0 && rc == 0) {
			cli_file_error("export", o.op_parts, errno, lang);
			rc = -1;
		}
	}
	return finish(s, &d, rc, lang);
}

/* What dti status prints besides the table: the returned values. */
struct status_print {
	const struct opts *spr_o;
	const struct method *spr_m;
	int spr_n; /* returned values printed */
};

/* One returned value with its comment, under the status table. */
static int
status_returned_row(void *ctx, const struct st_value *v)
{
	struct status_print *c = ctx;
	/* a returned part is its member's */
	const char *owner = v->sv_part[0] != '\0'
	    ? v->sv_part
	    : app_input_owner(c->spr_m, v->sv_input);
	const char *name = owner != NULL ? agency_short(c->spr_m, owner) : "";
	enum diag_lang lang = c->spr_o->op_lang;

	if (c->spr_n++ == 0)
		printf("\n%s\n",
		    cli_msg(lang, "Giá trị bị trả lại (nhận xét của Sở TTTT):",
			"Returned values (Sở TTTT's comments):"));
	printf("  %s%*s %-8s %s\n", name, cli_pad(name, 32), "", v->sv_input,
	    v->sv_comment);
	return 0;
}

/* The times of an agency's submissions, in Vietnam time, or nothing. */
static void
status_times(const struct app_agency_status *a, enum diag_lang lang)
{
	char t1[32], t2[32], t3[32];

	if (a->ag_submitted_first[0] == '\0' && a->ag_approved_at[0] == '\0')
		return;
	date_time_vi(a->ag_submitted_first, t1, sizeof(t1));
	date_time_vi(a->ag_submitted_last, t2, sizeof(t2));
	date_time_vi(a->ag_approved_at, t3, sizeof(t3));
	printf("    ");
	if (t1[0] != '\0')
		printf("%s %s", cli_msg(lang, "gửi lần đầu", "first sent"), t1);
	if (t1[0] != '\0' && strcmp(t1, t2) != 0)
		printf(", %s %s", cli_msg(lang, "lần cuối", "last"), t2);
	if (t3[0] != '\0')
		printf("%s%s %s", t1[0] != '\0' ? "; " : "",
		    cli_msg(lang, "duyệt đủ", "all approved"), t3);
	putchar('\n');
}

/* The state column: overdue, approved, on time or late. */
static void
status_state(
    const struct app_agency_status *a, int overdue, enum diag_lang lang)
{
	const char *w[3];
	int n = 0, i;

	if (overdue)
		w[n++] = cli_msg(lang, "QUÁ HẠN", "OVERDUE");
	else if (a->ag_approved == a->ag_owned)
		w[n++] = cli_msg(lang, "đã duyệt đủ", "all approved");
	if (a->ag_late)
		w[n++] = cli_msg(lang, "trễ hạn", "late");
	else if (a->ag_on_time)
		w[n++] = cli_msg(lang, "đúng hạn", "on time");
	for (i = 0; i < n; i++)
		printf("%s%s", i > 0 ? ", " : "", w[i]);
	putchar('\n');
}

int
cmd_status(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti status --period P [--unit U] [--format table|csv] [--db dti.db]\n";
	enum value_status returned = VALUE_RETURNED;
	struct app_agency_status *st = NULL;
	const struct method *m = NULL;
	struct status_print sp;
	struct st_period p;
	struct store *s;
	struct opts o;
	struct diag d;
	long today = date_today(), due;
	struct org_names on = { NULL, NULL, 0, 0 };
	int n = 0, i, rc, width = 33;

	OPEN_DB(o, argc, argv, "db period unit format", usage, 0);
	if (need_period(&o, "status") < 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if ((rc = app_period(s, o.op_period, &p, &d)) != 0 ||
	    (rc = app_period_method(s, &p, &m, &d)) != 0 ||
	    (rc = app_status(s, &p, o.op_unit, m, today, &st, &n, &d)) != 0 ||
	    (rc = app_agencies(s, org_name_row, &on, &d)) != 0) {
		free(st);
		free(on.on_code);
		free(on.on_short);
		return finish(s, &d, rc, lang);
	}
	date_parse(p.sp_agency_due, &due);
	if (strcmp(o.op_format, "csv") == 0)
		puts("agency,inputs,filled,missing,draft,submitted,approved,"
		     "deadline,days_left,overdue,returned,submitted_first,"
		     "submitted_last,approved_at,on_time,late");
	else {
		char dv[16];

		date_vi(p.sp_agency_due, dv, sizeof(dv));
		printf("%s %s%s%s — %s %s", cli_msg(lang, "Kỳ", "Period"),
		    p.sp_code, p.sp_label[0] ? " — " : "", p.sp_label,
		    cli_msg(lang, "hạn gửi Sở TTTT: trước",
			"due to Sở TTTT before"),
		    dv);
		if (!app_period_is_open(&p))
			printf(" (%s)\n",
			    cli_msg(lang, "kỳ đã đóng", "period closed"));
		else if (due - today >= 0)
			printf(" (%s %ld %s)\n", cli_msg(lang, "còn", "in"),
			    due - today, cli_msg(lang, "ngày", "days"));
		else
			printf(" (%s %ld %s)\n",
			    cli_msg(lang, "đã quá", "passed"), today - due,
			    cli_msg(lang, "ngày", "days ago"));
		/* the agency column fits its longest short name */
		for (i = 0; i < n; i++) {
			const char *nm = status_name(m, &on, st[i].ag_agency);
			int w = 1000 - cli_pad(nm, 1000);

			if (w + 1 > width)
				width = w + 1;
		}
		hdr(cli_msg(lang, "Cơ quan", "Agency"), width + 1);
		hdr_r(cli_msg(lang, "Số mục", "Inputs"), 7);
		hdr_r(cli_msg(lang, "Đã có", "Filled"), 7);
		hdr_r(cli_msg(lang, "Thiếu", "Missing"), 7);
		hdr_r(cli_msg(lang, "Nháp", "Draft"), 7);
		hdr_r(cli_msg(lang, "Đã gửi", "Sent"), 7);
		hdr_r(cli_msg(lang, "Trả lại", "Returned"), 8);
		hdr_r(cli_msg(lang, "Đã duyệt", "Approved"), 8);
		printf("%s\n", cli_msg(lang, "Tình trạng", "State"));
	}
	for (i = 0; i < n; i++) {
		const struct app_agency_status *a = &st[i];
		int overdue = app_agency_overdue(&p, a, today);

		if (strcmp(o.op_format, "csv") == 0) {
			printf("%s,%d,%d,%d,%d,%d,%d,%s,%ld,%d,%d,%s,%s,%s,%d,"
			       "%d\n",
			    a->ag_agency, a->ag_owned,
			    a->ag_owned - a->ag_missing, a->ag_missing,
			    a->ag_draft, a->ag_submitted, a->ag_approved,
			    p.sp_agency_due, due - today, overdue,
			    a->ag_returned, a->ag_submitted_first,
			    a->ag_submitted_last, a->ag_approved_at,
			    a->ag_on_time, a->ag_late);
			continue;
		}
		{
			const char *name = status_name(m, &on, a->ag_agency);

			printf("%s%*s %7d %7d %7d %7d %7d %8d %8d ", name,
			    cli_pad(name, width), "", a->ag_owned,
			    a->ag_owned - a->ag_missing, a->ag_missing,
			    a->ag_draft, a->ag_submitted, a->ag_returned,
			    a->ag_approved);
			status_state(a, overdue, lang);
			status_times(a, lang);
		}
	}
	free(st);
	free(on.on_code);
	free(on.on_short);
	if (strcmp(o.op_format, "csv") != 0) {
		sp.spr_o = &o;
		sp.spr_m = m;
		sp.spr_n = 0;
		rc = app_unit_values(
		    s, &p, o.op_unit, &returned, status_returned_row, &sp, &d);
	}
	return finish(s, &d, rc, lang);
}

/*
 * The plausibility warnings stored with a value, in ${lang}: one a line
 * after ${prefix} (the CSV column: one a line, no prefix).
 */
static void
value_warnings(const char *stored, const char *prefix, enum diag_lang lang,
    struct buf *out)
{
	struct diag w;
	size_t k;

	diag_init(&w);
	app_warnings_parse(stored, &w);
	for (k = 0; k < w.d_n; k++)
		buf_printf(out, "%s%s%s", k > 0 || *prefix ? "\n" : "", prefix,
		    diag_msg(&w.d_items[k], lang));
	diag_free(&w);
}

/* dti value list: one current value a line, or a CSV row. */
struct value_print {
	const struct opts *vp_o;
	const struct method *vp_m;
};

/* " tỷ đồng" after a value of input ${name} that is counted in a unit. */
static const char *
value_unit(const struct method *m, const char *name, enum diag_lang lang,
    char *buf, size_t size)
{
	int in = m != NULL ? method_input(m, name, strlen(name)) : -1;
	const char *u = in >= 0 ? app_input_unit(&m->m_inputs[in], lang) : NULL;

	snprintf(buf, size, "%s%s", u != NULL && strcmp(u, "%") ? " " : "",
	    u != NULL ? u : "");
	return buf;
}

static int
value_row(void *ctx, const struct st_value *v)
{
	const struct value_print *vp = ctx;
	const struct opts *o = vp->vp_o;
	enum diag_lang lang = o->op_lang;
	struct buf w;
	char at[32], unit[64];

	if (strcmp(o->op_format, "csv") == 0) {
		csvq_fput(stdout, v->sv_unit);
		putchar(',');
		csvq_fput(stdout, v->sv_input);
		putchar(',');
		csvq_fput(stdout, v->sv_raw);
		printf(",%s,", value_status_name(v->sv_status));
		csvq_fput(stdout, v->sv_comment);
		putchar(',');
		buf_init(&w);
		value_warnings(v->sv_warnings, "", lang, &w);
		csvq_fput(stdout, buf_cstr(&w));
		buf_free(&w);
		putchar(',');
		csvq_fput(stdout, v->sv_part);
		putchar(',');
		csvq_fput(stdout, v->sv_by);
		printf(",%s,0,\n", v->sv_at);
		return 0;
	}
	date_time_vi(v->sv_at, at, sizeof(at));
	printf("%s %s%s%s = %s%s (%s) %s %s", v->sv_unit, v->sv_input,
	    v->sv_part[0] ? "@" : "", v->sv_part, v->sv_raw,
	    value_unit(vp->vp_m, v->sv_input, lang, unit, sizeof(unit)),
	    value_status_label(v->sv_status, lang), v->sv_by, at);
	if (v->sv_comment[0] != '\0')
		printf(" — %s: %s", cli_msg(lang, "nhận xét", "comment"),
		    v->sv_comment);
	buf_init(&w);
	value_warnings(v->sv_warnings,
	    cli_msg(lang, "    cảnh báo: ", "    warning: "), lang, &w);
	printf("%s\n", buf_cstr(&w));
	buf_free(&w);
	return 0;
}

/* dti value list: a contributed input's aggregate, after the values. */
static int
aggregate_row(void *ctx, const struct app_aggregate *g)
{
	const struct opts *o = ctx;
	enum diag_lang lang = o->op_lang;
	int i;

	if (strcmp(o->op_format, "csv") == 0) {
		csvq_fput(stdout, g->agr_unit);
		putchar(',');
		csvq_fput(stdout, g->agr_input);
		putchar(',');
		csvq_fput(stdout, g->agr_value);
		printf(",%s,,,,,,1,",
		    g->agr_nparts > 0 ? value_status_name(g->agr_status) : "");
		for (i = 0; i < g->agr_nmissing; i++)
			printf("%s%s", i > 0 ? " " : "", g->agr_missing[i]);
		putchar('\n');
		return 0;
	}
	printf("%s %s = %s [%s %s: %d/%d %s", g->agr_unit, g->agr_input,
	    g->agr_complete ? g->agr_value : "?",
	    cli_msg(lang, "tổng hợp", "aggregate"), g->agr_how, g->agr_nparts,
	    g->agr_nmembers, cli_msg(lang, "phần", "parts"));
	for (i = 0; i < g->agr_nmissing; i++)
		printf("%s%s",
		    i > 0 ? ", "
			  : cli_msg(lang, "; còn thiếu: ", "; missing: "),
		    g->agr_missing[i]);
	printf("] (%s)\n", value_status_label(g->agr_status, lang));
	return 0;
}

/* dti value list --period P [--unit U] [--status S] [--format csv] */
static int
value_list(int argc, char **argv, const char *usage, enum diag_lang lang)
{
	struct value_print vp = { NULL, NULL };
	enum value_status st;
	struct st_period p;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	OPEN_DB(o, argc, argv, "db period unit status format", usage, 0);
	vp.vp_o = &o;
	if (need_period(&o, "value") < 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if (o.op_status != NULL && value_status_parse(o.op_status, &st) != 0) {
		fprintf(stderr,
		    "dti value: %s '%s' (draft, submitted, returned, approved)\n",
		    cli_msg(lang, "trạng thái không hợp lệ", "unknown status"),
		    o.op_status);
		return finish(s, &d, -1, lang);
	}
	if ((rc = app_period(s, o.op_period, &p, &d)) != 0 ||
	    (rc = app_period_method(s, &p, &vp.vp_m, &d)) != 0)
		return finish(s, &d, rc, lang);
	if (strcmp(o.op_format, "csv") == 0)
		puts("unit,input,value,status,comment,warnings,part,entered_by,"
		     "entered_at,computed,missing");
	rc = o.op_unit != NULL
	    ? app_unit_values(s, &p, o.op_unit, o.op_status ? &st : NULL,
		  value_row, &vp, &d)
	    : app_values(s, &p, o.op_status ? &st : NULL, value_row, &vp, &d);
	/* the aggregates of the parts, computed (not with a status filter) */
	app_operator(&a, o.op_user);
	if (rc == 0 && o.op_status == NULL)
		rc =
		    app_aggregates(s, &a, &p, o.op_unit, aggregate_row, &o, &d);
	return finish(s, &d, rc, lang);
}

int
cmd_value(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti value set --period P [--unit U] [--agency A] [--part AGENCY] [--reason TEXT] [--number-format machine|vi] INPUT VALUE\n"
	    "    (--part: a member's part of a contributed input, e.g. --part ubnd-ninh-hai 1.9 1)\n"
	    "  dti value list --period P [--unit U] [--status draft|submitted|returned|approved] [--format csv]\n";
	struct app_actor a;
	struct buf stored;
	struct store *s;
	struct opts o;
	struct diag d;
	char part[APP_MAX_PART] = "";
	int rc;

	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return value_list(argc - 1, argv + 1, usage, lang);
	if (argc < 2 || strcmp(argv[1], "set") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	OPEN_DB(o, argc - 1, argv + 1,
	    "db user period unit agency part reason number-format", usage, 2);
	if (need_period(&o, "value") < 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	app_operator(&a, o.op_user);
	buf_init(&stored);
	rc = app_value_put_part(s, &a, o.op_period, o.op_unit, o.op_args[0],
	    o.op_part, o.op_args[1], o.op_numfmt, o.op_agency, o.op_reason,
	    &stored, part, &d);
	if (rc == 0) {
		const struct method *m = NULL;
		struct st_period p;
		struct diag q;
		char unit[64];

		/* an amount says its unit: tỷ đồng */
		diag_init(&q);
		if (app_period(s, o.op_period, &p, &q) != 0 ||
		    app_period_method(s, &p, &m, &q) != 0)
			m = NULL;
		diag_free(&q);
		printf("%s%s%s = %s%s (%s)\n", o.op_args[0], part[0] ? "@" : "",
		    part, buf_cstr(&stored),
		    value_unit(m, o.op_args[0], lang, unit, sizeof(unit)),
		    value_status_label(VALUE_DRAFT, lang));
	}
	buf_free(&stored);
	return finish(s, &d, rc, lang);
}

static void
csvq(const char *v)
{
	csvq_fput(stdout, v);
}

static int
evidence_row(void *ctx, const struct st_evidence *e)
{
	const struct opts *o = ctx;
	enum diag_lang lang = o->op_lang;
	char dv[16], at[32];

	if (strcmp(o->op_format, "csv") == 0) {
		printf("%ld,", e->sev_id);
		csvq(e->sev_unit);
		putchar(',');
		csvq(e->sev_input);
		putchar(',');
		csvq(e->sev_doc_number);
		putchar(',');
		csvq(e->sev_doc_date);
		putchar(',');
		csvq(e->sev_note);
		putchar(',');
		csvq(e->sev_file_name);
		putchar(',');
		csvq(e->sev_file_sha256);
		printf(",%ld,", e->sev_file_size);
		csvq(e->sev_file_type);
		putchar(',');
		csvq(e->sev_by);
		printf(",%s,", e->sev_at ? e->sev_at : "");
		csvq(e->sev_part ? e->sev_part : "");
		putchar('\n');
		return 0;
	}
	/* people read dates dd/mm/yyyy and times in Vietnam's time */
	date_vi(e->sev_doc_date, dv, sizeof(dv));
	date_time_vi(e->sev_at, at, sizeof(at));
	printf("#%ld %s %s%s%s: %s %s%s%s %s%s%s (%s, %s)\n", e->sev_id,
	    e->sev_unit, e->sev_input,
	    e->sev_part != NULL && e->sev_part[0] ? "@" : "",
	    e->sev_part != NULL ? e->sev_part : "", e->sev_doc_number,
	    dv[0] ? cli_msg(lang, "ngày ", "of ") : "", dv,
	    e->sev_note[0] ? " —" : "", e->sev_note,
	    e->sev_file_name ? " 📎 " : "",
	    e->sev_file_name ? e->sev_file_name : "",
	    e->sev_by ? e->sev_by : "", at);
	return 0;
}

int
cmd_evidence(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti evidence add --period P [--unit U] [--part AGENCY] [--doc 4233/KH-UBND] [--date dd/mm/yyyy] [--note TEXT] [--file PATH] INPUT\n"
	    "    (--date: dd/mm/yyyy hoặc/or YYYY-MM-DD; --file: PDF, PNG, JPEG, .txt/.csv UTF-8, .doc/.docx, .xls/.xlsx, .odt/.ods, .zip)\n"
	    "  dti evidence list --period P [--inputs INPUT] [--format csv]\n";
	struct st_evidence e;
	struct st_period p;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "list") == 0) {
		OPEN_DB(
		    o, argc - 1, argv + 1, "db period inputs format", usage, 0);
		diag_init(&d);
		if (need_period(&o, "evidence") < 0 ||
		    (rc = app_period(s, o.op_period, &p, &d)) != 0)
			return finish(s, &d, -1, lang);
		if (strcmp(o.op_format, "csv") == 0)
			puts(
			    "id,unit,input,doc_number,doc_date,note,file_name,"
			    "file_sha256,file_size,file_type,added_by,added_at,"
			    "part");
		rc =
		    app_evidence_list(s, &p, o.op_inputs, evidence_row, &o, &d);
		return finish(s, &d, rc, lang);
	}
	if (strcmp(argv[1], "add") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	OPEN_DB(o, argc - 1, argv + 1,
	    "db user period unit part doc date note file", usage, 1);
	diag_init(&d);
	if (need_period(&o, "evidence") < 0)
		return finish(s, &d, -1, lang);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = o.op_doc;
	e.sev_doc_date = o.op_date;
	e.sev_note = o.op_note;
	e.sev_part = o.op_part;
	if (o.op_file != NULL) {
		const char *base = strrchr(o.op_file, '/');

		/* its type: app/ decides it from the content and this name */
		e.sev_file_name = base ? base + 1 : o.op_file;
	}
	if (o.op_file != NULL &&
	    cli_read_file(o.op_file, STORE_MAX_FILE, &data, &len, lang) < 0)
		return finish(s, &d, -1, lang);
	app_operator(&a, o.op_user);
	rc = app_evidence_attach(
	    s, &a, o.op_period, o.op_unit, o.op_args[0], &e, data, len, &d);
	free(data);
	if (rc == 0)
		printf("%s #%ld\n",
		    cli_msg(
			lang, "Đã thêm tài liệu kiểm chứng", "Added evidence"),
		    e.sev_id);
	return finish(s, &d, rc, lang);
}

/* dti submit | approve | return | reopen */
int
cmd_review(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti submit  --period P --agency A [--inputs a,b] [--unit U]\n"
	    "  dti approve --period P (--agency A | --inputs a,b) [--unit U]\n"
	    "  dti return  --period P (--agency A | --inputs a,b) --comment TEXT\n"
	    "  dti reopen  --period P (--agency A | --inputs a,b) --reason TEXT   (Sở TTTT)\n"
	    "  --inputs with submit: send only those (a partial submission)\n";
	const char *verb = argv[0];
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	OPEN_DB(o, argc, argv,
	    "db user period unit agency inputs comment reason", usage, 0);
	if (need_period(&o, verb) < 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	app_operator(&a, o.op_user);
	if (strcmp(verb, "submit") == 0) {
		if (o.op_agency == NULL) {
			fputs(usage, stderr);
			diag_free(&d);
			app_close(s);
			return EXIT_USAGE;
		}
		rc = app_values_submit(s, &a, o.op_period, o.op_unit,
		    o.op_agency, o.op_inputs, &d);
	} else if (strcmp(verb, "approve") == 0) {
		rc = app_values_approve(s, &a, o.op_period, o.op_unit,
		    o.op_agency, o.op_inputs, &d);
	} else if (strcmp(verb, "return") == 0) {
		rc = app_values_return(s, &a, o.op_period, o.op_unit,
		    o.op_agency, o.op_inputs, o.op_comment, &d);
	} else {
		rc = app_values_reopen(s, &a, o.op_period, o.op_unit,
		    o.op_agency, o.op_inputs, o.op_reason, &d);
	}
	if (rc == 0)
		printf("%s: %s\n", verb,
		    cli_msg(lang, "xong", "done")); /* layering-ok: a word */
	return finish(s, &d, rc, lang);
}

static int
audit_row(void *ctx, const struct st_audit *a)
{
	const struct opts *o = ctx;
	char at[32];

	if (strcmp(o->op_format, "csv") == 0) {
		printf("%ld,%s,", a->sau_id, a->sau_at);
		csvq_fput(stdout, a->sau_actor);
		printf(",%s,%s,", a->sau_action, a->sau_entity);
		csvq_fput(stdout, a->sau_key);
		putchar(',');
		csvq_fput(stdout, a->sau_old);
		putchar(',');
		csvq_fput(stdout, a->sau_new);
		putchar(',');
		csvq_fput(stdout, a->sau_reason);
		putchar(',');
		csvq_fput(stdout, a->sau_period);
		putchar(',');
		csvq_fput(stdout, a->sau_agency);
		putchar(',');
		csvq_fput(stdout, a->sau_unit);
		putchar(',');
		csvq_fput(stdout, a->sau_input);
		putchar('\n');
		return 0;
	}
	date_time_vi(a->sau_at, at, sizeof(at));
	printf("%6ld %s %-7s %-10s %-18s %s: %s → %s%s%s\n", a->sau_id, at,
	    a->sau_period ? a->sau_period : "-", a->sau_actor, a->sau_action,
	    a->sau_key, a->sau_old ? a->sau_old : "∅",
	    a->sau_new ? a->sau_new : "∅", a->sau_reason ? " — " : "",
	    a->sau_reason ? a->sau_reason : "");
	return 0;
}

int
cmd_audit(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti audit [--period P] [--agency A] [--unit U] [--input I] [--inputs KEY-PREFIX] [--format csv] [--db dti.db]\n";
	struct st_audit_filter f;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = 0;

	OPEN_DB(o, argc, argv, "db format inputs period agency unit input",
	    usage, 0);
	diag_init(&d);
	if (strcmp(o.op_format, "csv") == 0)
		puts("id,at,actor,action,entity,key,old,new,reason,period,"
		     "agency,unit,input");
	app_operator(&a, o.op_user);
	memset(&f, 0, sizeof(f));
	f.saf_period = o.op_period;
	f.saf_agency = o.op_agency;
	f.saf_unit = o.op_unit;
	f.saf_input = o.op_input;
	f.saf_key = o.op_inputs;
	rc = app_audit(s, &a, &f, audit_row, &o, &d);
	return finish(s, &d, rc, lang);
}

/* dti score --period P: the same output as scoring a file. */
int
cli_score_period(const char *db, const char *period, int drafts,
    const struct score_write_opts *wo, int quiet, enum diag_lang lang)
{
	struct score_write_opts w = *wo;
	struct app_scored sd;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	memset(&o, 0, sizeof(o));
	o.op_db = db;
	o.op_lang = lang;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if ((rc = app_score_period(s, period, drafts, &sd, &d)) != 0)
		return finish(s, &d, rc, lang);
	if (sd.sd_period.sp_label[0] != '\0') {
		fprintf(stderr, "%s %s: %s\n", cli_msg(lang, "Kỳ", "Period"),
		    sd.sd_period.sp_code, sd.sd_period.sp_label);
		w.sw_label = sd.sd_period.sp_label;
	}
	if (!quiet)
		cli_print_warnings(sd.sd_score, lang);
	if (score_write(stdout, sd.sd_score, &w) != 0)
		rc = -1;
	app_scored_free(&sd);
	return finish(s, &d, rc, lang);
}
