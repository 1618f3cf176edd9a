/*
 * cmd_data.c: the reporting cycle on the command line: periods, import and
 * export, status, values and evidence, submission and review, audit, and
 * scores of a period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/score_write.h"
#include "util/date.h"

/* Start of a database command: options, then the database. */
#define OPEN_DB(o, argc, argv, allowed, usage, nargs) \
	do { \
		int rc_ = opts_parse(&(o), argc, argv, allowed, usage); \
		if (rc_ != 0) \
			return rc_ == 100 ? EXIT_OK : rc_; \
		if ((o).o_nargs != (nargs)) { \
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

static int
need_period(const struct opts *o, const char *cmd)
{
	if (o->o_period == NULL) {
		fprintf(stderr, "dti %s: %s\n", cmd,
		    cli_msg("cần --period (ví dụ 2022-Q3 hoặc 2022)",
			"--period is required (e.g. 2022-Q3 or 2022)"));
		return -1;
	}
	return 0;
}

static int
finish(struct store *s, struct diag *d, int rc)
{
	int code = EXIT_OK;

	cli_print_diag(d);
	if (rc != 0)
		code = rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
	diag_free(d);
	store_close(s);
	return code;
}

static int
period_row(void *ctx, const struct st_period *p)
{
	const struct opts *o = ctx;
	char a[16], b[16];

	if (strcmp(o->o_format, "csv") == 0) {
		printf("%s,%s,%s,%s,%s,%s\n", p->sp_code, p->sp_kind,
		    p->sp_agency_due, p->sp_sotttt_due, p->sp_status,
		    p->sp_label);
		return 0;
	}
	date_vi(p->sp_agency_due, a, sizeof(a));
	date_vi(p->sp_sotttt_due, b, sizeof(b));
	printf("%-8s %-8s %s %s  %s %s  %-7s %s\n", p->sp_code,
	    strcmp(p->sp_kind, "year") == 0 ? cli_msg("năm", "year")
					    : cli_msg("quý", "quarter"),
	    cli_msg("hạn cơ quan", "agencies due"), a,
	    cli_msg("hạn Sở TTTT", "Sở TTTT due"), b,
	    strcmp(p->sp_status, "open") == 0 ? cli_msg("mở", "open")
					      : cli_msg("đã đóng", "closed"),
	    p->sp_label);
	return 0;
}

int
cmd_period(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti period open PERIOD [--agency-due YYYY-MM-DD] [--sotttt-due YYYY-MM-DD]\n"
	    "  dti period close PERIOD [--reason TEXT]\n"
	    "  dti period reopen PERIOD --reason TEXT\n"
	    "  dti period list [--format csv]\n"
	    "  PERIOD: YYYY-Qn (quý) hoặc YYYY (năm); --db dti.db\n";
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
	if (strcmp(verb, "list") == 0) {
		OPEN_DB(o, argc - 1, argv + 1, "db format", usage, 0);
		if (strcmp(o.o_format, "csv") == 0)
			puts("period,kind,agency_due,sotttt_due,status,label");
		diag_init(&d);
		if (store_period_each(s, period_row, &o) != 0)
			rc = app_store_error(s, &d);
		return finish(s, &d, rc);
	}
	if (strcmp(verb, "open") == 0) {
		OPEN_DB(o, argc - 1, argv + 1, "db user agency-due sotttt-due",
		    usage, 1);
		diag_init(&d);
		rc = app_period_open(s, o.o_args[0], 0, o.o_agency_due,
		    o.o_sotttt_due, NULL, o.o_user, &d);
		if (rc == 0) {
			struct st_period p;

			if (store_period_get(s, o.o_args[0], &p) == 0)
				period_row(&o, &p);
		}
		return finish(s, &d, rc);
	}
	if (strcmp(verb, "close") == 0 || strcmp(verb, "reopen") == 0) {
		int reopen = strcmp(verb, "reopen") == 0;

		OPEN_DB(o, argc - 1, argv + 1, "db user reason", usage, 1);
		diag_init(&d);
		if (reopen && (o.o_reason == NULL || *o.o_reason == '\0')) {
			diag_add(&d, DIAG_ERROR, "period.reason", NULL, 0, 0,
			    "mở lại kỳ cần có lý do (--reason)",
			    "reopening a period needs a reason (--reason)");
			return finish(s, &d, -1);
		}
		rc = app_period_status(s, o.o_args[0],
		    reopen ? "open" : "closed", o.o_user, o.o_reason, &d);
		if (rc == 0)
			printf("%s %s %s\n", cli_msg("Kỳ", "Period"),
			    o.o_args[0],
			    reopen ? cli_msg("đã mở lại", "reopened")
				   : cli_msg("đã đóng", "closed"));
		return finish(s, &d, rc);
	}
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int
cmd_import(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti import --period P [--submit|--approve] [--db dti.db] [--user NAME] ROUND.csv\n";
	struct store *s;
	struct opts o;
	struct diag d;
	const char *status;
	long count = 0;
	FILE *f;
	int rc;

	OPEN_DB(o, argc, argv, "db user period submit approve", usage, 1);
	if (need_period(&o, "import") < 0) {
		store_close(s);
		return EXIT_USAGE;
	}
	status = o.o_approve ? "approved" : o.o_submit ? "submitted" : "draft";
	f = strcmp(o.o_args[0], "-") == 0 ? stdin : fopen(o.o_args[0], "rb");
	if (f == NULL) {
		perror(o.o_args[0]);
		store_close(s);
		return EXIT_IO;
	}
	diag_init(&d);
	rc = app_import(
	    s, o.o_period, f, o.o_args[0], status, o.o_user, &count, &d);
	if (f != stdin)
		fclose(f);
	if (rc == 0)
		printf("%s %ld %s (%s) %s %s\n", cli_msg("Đã nhập", "Imported"),
		    count, cli_msg("giá trị", "values"), status,
		    cli_msg("vào kỳ", "into period"), o.o_period);
	else
		fprintf(stderr, "dti import: %s\n",
		    cli_msg("không nhập gì (tất cả hoặc không)",
			"nothing imported (all or nothing)"));
	return finish(s, &d, rc);
}

int
cmd_export(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti export --period P [--db dti.db] [FILE]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	FILE *f = stdout;
	int rc;

	rc = opts_parse(&o, argc, argv, "db period", usage);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs > 1 || need_period(&o, "export") < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	if (o.o_nargs == 1 && (f = fopen(o.o_args[0], "w")) == NULL) {
		perror(o.o_args[0]);
		store_close(s);
		return EXIT_IO;
	}
	diag_init(&d);
	rc = app_export(s, o.o_period, f, &d);
	if (f != stdout && fclose(f) != 0 && rc == 0) {
		perror(o.o_args[0]);
		rc = -1;
	}
	return finish(s, &d, rc);
}

int
cmd_status(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti status --period P [--unit U] [--format table|csv] [--db dti.db]\n";
	struct app_agency_status *st = NULL;
	const struct method *m = NULL;
	struct st_period p;
	struct store *s;
	struct opts o;
	struct diag d;
	long today = date_today(), due;
	int n = 0, i, rc;

	OPEN_DB(o, argc, argv, "db period unit format", usage, 0);
	if (need_period(&o, "status") < 0) {
		store_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if ((rc = app_period(s, o.o_period, &p, &d)) != 0 ||
	    (rc = app_method(s, p.sp_method, &m, &d)) != 0 ||
	    (rc = app_status(s, &p, o.o_unit, m, &st, &n, &d)) != 0) {
		return finish(s, &d, rc);
	}
	date_parse(p.sp_agency_due, &due);
	if (strcmp(o.o_format, "csv") == 0)
		puts("agency,inputs,filled,missing,draft,submitted,approved,"
		     "deadline,days_left,overdue");
	else {
		char dv[16];

		date_vi(p.sp_agency_due, dv, sizeof(dv));
		printf("%s %s%s%s — %s %s", cli_msg("Kỳ", "Period"), p.sp_code,
		    p.sp_label[0] ? " — " : "", p.sp_label,
		    cli_msg("hạn gửi Sở TTTT: trước", "due to Sở TTTT before"),
		    dv);
		if (due - today >= 0)
			printf(" (%s %ld %s)\n", cli_msg("còn", "in"),
			    due - today, cli_msg("ngày", "days"));
		else
			printf(" (%s %ld %s)\n", cli_msg("đã quá", "passed"),
			    today - due, cli_msg("ngày", "days ago"));
		hdr(cli_msg("Cơ quan", "Agency"), 34);
		hdr_r(cli_msg("Số mục", "Inputs"), 7);
		hdr_r(cli_msg("Đã có", "Filled"), 7);
		hdr_r(cli_msg("Thiếu", "Missing"), 7);
		hdr_r(cli_msg("Nháp", "Draft"), 7);
		hdr_r(cli_msg("Đã gửi", "Sent"), 7);
		hdr_r(cli_msg("Đã duyệt", "Approved"), 8);
		printf("%s\n", cli_msg("Tình trạng", "State"));
	}
	for (i = 0; i < n; i++) {
		const struct app_agency_status *a = &st[i];
		/* overdue: the deadline passed and not everything is sent */
		int late = today >= due &&
		    a->as_submitted + a->as_approved < a->as_owned &&
		    strcmp(p.sp_status, "open") == 0;

		if (strcmp(o.o_format, "csv") == 0) {
			printf("%s,%d,%d,%d,%d,%d,%d,%s,%ld,%d\n", a->as_agency,
			    a->as_owned, a->as_owned - a->as_missing,
			    a->as_missing, a->as_draft, a->as_submitted,
			    a->as_approved, p.sp_agency_due, due - today, late);
			continue;
		}
		{
			const char *name = agency_short(m, a->as_agency);

			printf("%s%*s %7d %7d %7d %7d %7d %8d %s\n", name,
			    cli_pad(name, 33), "", a->as_owned,
			    a->as_owned - a->as_missing, a->as_missing,
			    a->as_draft, a->as_submitted, a->as_approved,
			    late ? cli_msg("QUÁ HẠN", "OVERDUE")
				: a->as_approved == a->as_owned
				? cli_msg("đã duyệt đủ", "all approved")
				: "");
		}
	}
	free(st);
	return finish(s, &d, 0);
}

int
cmd_value(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti value set --period P [--unit U] [--agency A] [--reason TEXT] INPUT VALUE\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	if (argc < 2 || strcmp(argv[1], "set") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	OPEN_DB(o, argc - 1, argv + 1, "db user period unit agency reason",
	    usage, 2);
	if (need_period(&o, "value") < 0) {
		store_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	rc = app_value_set(s, o.o_period, o.o_unit, o.o_args[0], o.o_args[1],
	    o.o_agency, o.o_user, o.o_reason, &d);
	if (rc == 0)
		printf("%s = %s (%s)\n", o.o_args[0], o.o_args[1],
		    cli_msg("nháp", "draft"));
	return finish(s, &d, rc);
}

static void
csvq(const char *v)
{
	struct buf b;

	buf_init(&b);
	csv_escape(&b, v ? v : "");
	fputs(buf_cstr(&b), stdout);
	buf_free(&b);
}

static int
evidence_row(void *ctx, const struct st_evidence *e)
{
	const struct opts *o = ctx;
	char dv[16];

	if (strcmp(o->o_format, "csv") == 0) {
		printf("%ld,", e->se_id);
		csvq(e->se_unit);
		putchar(',');
		csvq(e->se_input);
		putchar(',');
		csvq(e->se_doc_number);
		putchar(',');
		csvq(e->se_doc_date);
		putchar(',');
		csvq(e->se_note);
		putchar(',');
		csvq(e->se_file_name);
		putchar(',');
		csvq(e->se_file_sha256);
		printf(",%ld\n", e->se_file_size);
		return 0;
	}
	date_vi(e->se_doc_date, dv, sizeof(dv));
	printf("#%ld %s %s: %s %s%s%s %s%s%s\n", e->se_id, e->se_unit,
	    e->se_input, e->se_doc_number, dv[0] ? cli_msg("ngày ", "of ") : "",
	    dv, e->se_note[0] ? " —" : "", e->se_note,
	    e->se_file_name ? " 📎 " : "",
	    e->se_file_name ? e->se_file_name : "");
	return 0;
}

/* The media type of an evidence file, from its name. */
static const char *
file_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".pdf", "application/pdf" },
		{ ".doc", "application/msword" },
		{ ".docx",
		    "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
		{ ".xls", "application/vnd.ms-excel" },
		{ ".xlsx",
		    "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
		{ ".odt", "application/vnd.oasis.opendocument.text" },
		{ ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".txt", "text/plain" },
		{ ".csv", "text/csv" },
		{ ".zip", "application/zip" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

int
cmd_evidence(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti evidence add --period P [--unit U] [--doc 4233/KH-UBND] [--date YYYY-MM-DD] [--note TEXT] [--file PATH] INPUT\n"
	    "  dti evidence list --period P [--inputs INPUT] [--format csv]\n";
	struct st_evidence e;
	struct st_period p;
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
		    (rc = app_period(s, o.o_period, &p, &d)) != 0)
			return finish(s, &d, -1);
		if (strcmp(o.o_format, "csv") == 0)
			puts("id,unit,input,doc_number,doc_date,note,file_name,"
			     "file_sha256,file_size");
		if (store_evidence_each(
			s, p.sp_id, o.o_inputs, evidence_row, &o) != 0)
			rc = app_store_error(s, &d);
		return finish(s, &d, rc);
	}
	if (strcmp(argv[1], "add") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	OPEN_DB(o, argc - 1, argv + 1, "db user period unit doc date note file",
	    usage, 1);
	diag_init(&d);
	if (need_period(&o, "evidence") < 0)
		return finish(s, &d, -1);
	memset(&e, 0, sizeof(e));
	e.se_doc_number = o.o_doc;
	e.se_doc_date = o.o_date;
	e.se_note = o.o_note;
	if (o.o_file != NULL) {
		const char *base = strrchr(o.o_file, '/');

		e.se_file_name = base ? base + 1 : o.o_file;
		e.se_file_type = file_type(e.se_file_name);
	}
	if (o.o_file != NULL &&
	    cli_read_file(o.o_file, STORE_MAX_FILE, &data, &len) < 0)
		return finish(s, &d, -1);
	rc = app_evidence_add(
	    s, o.o_period, o.o_unit, o.o_args[0], &e, data, len, o.o_user, &d);
	free(data);
	if (rc == 0)
		printf("%s #%ld\n",
		    cli_msg("Đã thêm tài liệu kiểm chứng", "Added evidence"),
		    e.se_id);
	return finish(s, &d, rc);
}

/* dti submit | approve | return | reopen */
int
cmd_review(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage:\n"
	    "  dti submit  --period P --agency A [--unit U]\n"
	    "  dti approve --period P (--agency A | --inputs a,b) [--unit U]\n"
	    "  dti return  --period P (--agency A | --inputs a,b) --comment TEXT\n"
	    "  dti reopen  --period P (--agency A | --inputs a,b) --reason TEXT   (Sở TTTT)\n";
	const char *verb = argv[0];
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	OPEN_DB(o, argc, argv,
	    "db user period unit agency inputs comment reason", usage, 0);
	if (need_period(&o, verb) < 0) {
		store_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if (strcmp(verb, "submit") == 0) {
		if (o.o_agency == NULL) {
			fputs(usage, stderr);
			store_close(s);
			return EXIT_USAGE;
		}
		rc = app_submit(
		    s, o.o_period, o.o_unit, o.o_agency, o.o_user, &d);
	} else if (strcmp(verb, "approve") == 0) {
		rc = app_approve(s, o.o_period, o.o_unit, o.o_agency,
		    o.o_inputs, o.o_user, &d);
	} else if (strcmp(verb, "return") == 0) {
		rc = app_return(s, o.o_period, o.o_unit, o.o_agency, o.o_inputs,
		    o.o_comment, o.o_user, &d);
	} else {
		rc = app_reopen(s, o.o_period, o.o_unit, o.o_agency, o.o_inputs,
		    o.o_reason, o.o_user, &d);
	}
	if (rc == 0)
		printf("%s: %s\n", verb, cli_msg("xong", "done"));
	return finish(s, &d, rc);
}

static int
audit_row(void *ctx, const struct st_audit *a)
{
	const struct opts *o = ctx;

	if (strcmp(o->o_format, "csv") == 0) {
		printf("%ld,%s,", a->sa_id, a->sa_at);
		csvq(a->sa_actor);
		printf(",%s,%s,", a->sa_action, a->sa_entity);
		csvq(a->sa_key);
		putchar(',');
		csvq(a->sa_old);
		putchar(',');
		csvq(a->sa_new);
		putchar(',');
		csvq(a->sa_reason);
		putchar('\n');
		return 0;
	}
	printf("%6ld %s %-10s %-18s %s: %s → %s%s%s\n", a->sa_id, a->sa_at,
	    a->sa_actor, a->sa_action, a->sa_key, a->sa_old ? a->sa_old : "∅",
	    a->sa_new ? a->sa_new : "∅", a->sa_reason ? " — " : "",
	    a->sa_reason ? a->sa_reason : "");
	return 0;
}

int
cmd_audit(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti audit [--inputs KEY-PREFIX] [--format csv] [--db dti.db]\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = 0;

	OPEN_DB(o, argc, argv, "db format inputs", usage, 0);
	diag_init(&d);
	if (strcmp(o.o_format, "csv") == 0)
		puts("id,at,actor,action,entity,key,old,new,reason");
	if (store_audit_each(s, o.o_inputs, audit_row, &o) != 0)
		rc = app_store_error(s, &d);
	return finish(s, &d, rc);
}

/* dti score --period P: the same output as scoring a file. */
int
cli_score_period(const char *db, const char *period, int drafts,
    const struct score_write_opts *wo, int quiet)
{
	const struct method *m = NULL;
	struct round *r = NULL;
	struct score *sc;
	struct st_period p;
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	memset(&o, 0, sizeof(o));
	o.o_db = db;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if ((rc = app_period(s, period, &p, &d)) != 0 ||
	    (rc = app_method(s, p.sp_method, &m, &d)) != 0 ||
	    (rc = app_round(s, &p, drafts ? NULL : "approved", m, &r, &d)) !=
		0) {
		return finish(s, &d, rc);
	}
	if (p.sp_label[0] != '\0')
		fprintf(stderr, "%s %s: %s\n", cli_msg("Kỳ", "Period"),
		    p.sp_code, p.sp_label);
	sc = score_round(r, NULL, NULL);
	if (!quiet)
		cli_print_warnings(sc);
	{
		struct score_write_opts w = *wo;

		if (p.sp_label[0] != '\0')
			w.sw_label = p.sp_label;
		if (score_write(stdout, sc, &w) != 0)
			rc = -1;
	}
	score_free(sc);
	round_free(r);
	return finish(s, &d, rc);
}
