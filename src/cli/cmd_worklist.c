/*
 * cmd_worklist.c: dti worklist, what an agency owes in a period input by
 * input; dti review, the values waiting for review and the approved ones
 * that lack the evidence the methodology requires. A readable table,
 * or CSV and JSON (the API's document) for machines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/csv_quote.h"
#include "util/date.h"

/* What a list prints with: its options and, for JSON, its items. */
struct wk_print {
	const struct opts *wp_o;
	const struct method *wp_m;
	const struct app_worklist *wp_wl;
	json_t *wp_items; /* --format json */
	const char *wp_title; /* above the head of a table */
	int wp_n;
};

/* The name of agency ${code} as ${m} gives it, or the code. */
static const char *
agency_name(const struct method *m, const char *code)
{
	int i;

	for (i = 0; m != NULL && code != NULL && i < m->m_nagencies; i++)
		if (strcmp(m->m_agencies[i].ma_code, code) == 0)
			return m->m_agencies[i].ma_short
			    ? m->m_agencies[i].ma_short
			    : m->m_agencies[i].ma_name;
	return code != NULL ? code : "-";
}

static void
csv_field(const char *v, int last)
{
	csvq_fput(stdout, v != NULL ? v : "");
	putchar(last ? '\n' : ',');
}

static const char *const csv_head =
    "input,label,kind,unit,indicator,indicator_name,lead,role,"
    "evidence_required,options,value,value_shown,status,comment,warnings,"
    "evidence_count,evidence,previous_period,previous_value,"
    "previous_shown,entered_by,entered_at,deadline,days_left,rule";

/* One item as a CSV row (messages and labels in ${lang}). */
static void
item_csv(const struct wk_print *wp, const struct app_work_item *it)
{
	enum diag_lang lang = wp->wp_o->op_lang;
	const struct m_input *in = it->wki_in;
	const struct st_value *v = it->wki_value;
	struct buf b;
	char num[32];
	size_t k;
	int i;

	buf_init(&b);
	csv_field(in->mi_name, 0);
	csv_field(in->mi_label, 0);
	csv_field(method_kind_name(in->mi_kind), 0);
	csv_field(app_input_unit(in, lang), 0);
	csv_field(it->wki_item, 0);
	csv_field(it->wki_item_name, 0);
	csv_field(it->wki_lead, 0);
	csv_field(app_input_role_name(it->wki_role), 0);
	csv_field(it->wki_evidence_required ? "1" : "0", 0);
	for (i = 0; i < in->mi_noptions; i++)
		buf_printf(&b, "%s%s=%s", i ? "\n" : "",
		    in->mi_options[i].mo_code,
		    in->mi_options[i].mo_label ? in->mi_options[i].mo_label
					       : "");
	csv_field(buf_cstr(&b), 0);
	csv_field(v ? v->sv_raw : NULL, 0);
	buf_reset(&b);
	if (v != NULL)
		app_value_shown(in, v->sv_raw, lang, &b);
	csv_field(buf_cstr(&b), 0);
	csv_field(v ? value_status_name(v->sv_status) : NULL, 0);
	csv_field(v ? v->sv_comment : NULL, 0);
	buf_reset(&b);
	for (k = 0; k < it->wki_warnings->d_n; k++)
		buf_printf(&b, "%s%s", k ? "\n" : "",
		    diag_msg(&it->wki_warnings->d_items[k], lang));
	csv_field(buf_cstr(&b), 0);
	snprintf(num, sizeof(num), "%d", it->wki_nevidence);
	csv_field(num, 0);
	buf_reset(&b);
	for (i = 0; i < it->wki_nevidence; i++) {
		const struct st_evidence *e = &it->wki_evidence[i];

		buf_printf(&b, "%s#%ld %s%s%s", i ? "\n" : "", e->sev_id,
		    e->sev_doc_number ? e->sev_doc_number : "",
		    e->sev_note && e->sev_note[0] ? " — " : "",
		    e->sev_note ? e->sev_note : "");
	}
	csv_field(buf_cstr(&b), 0);
	csv_field(wp->wp_wl->wkl_prev, 0);
	csv_field(it->wki_prev, 0);
	buf_reset(&b);
	app_value_shown(in, it->wki_prev, lang, &b);
	csv_field(buf_cstr(&b), 0);
	csv_field(v ? v->sv_by : NULL, 0);
	csv_field(v ? v->sv_at : NULL, 0);
	csv_field(wp->wp_wl->wkl_period.sp_agency_due, 0);
	snprintf(num, sizeof(num), "%ld", wp->wp_wl->wkl_days_left);
	csv_field(num, 0);
	csv_field(it->wki_rule, 1);
	buf_free(&b);
}

/* What kind of value an input asks for, in words. */
static const char *
kind_words(enum input_kind k, enum diag_lang lang)
{
	switch (k) {
	case IK_COUNT:
		return cli_msg(lang, "số lượng, số nguyên", "a count, whole");
	case IK_AMOUNT: return cli_msg(lang, "số tiền", "an amount");
	case IK_NUMBER: return cli_msg(lang, "số", "a number");
	case IK_YESNO: return cli_msg(lang, "có/không", "yes/no");
	case IK_CHOICE: return cli_msg(lang, "chọn một", "a choice");
	case IK_TEXT: return cli_msg(lang, "văn bản", "text");
	}
	return "?";
}

/* The plan's rule, each of its lines indented under the item. */
static void
rule_lines(const char *rule, const char *label)
{
	const char *p = rule, *nl;

	printf("    %s:\n", label);
	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl > p)
			printf("      %.*s\n", (int)(nl - p), p);
		p = *nl != '\0' ? nl + 1 : nl;
	}
}

/* One item as people read it: a heading line and what is known of it. */
static void
item_table(const struct wk_print *wp, const struct app_work_item *it)
{
	enum diag_lang lang = wp->wp_o->op_lang;
	const struct m_input *in = it->wki_in;
	const struct st_value *v = it->wki_value;
	const char *unit = app_input_unit(in, lang);
	struct buf b;
	char at[32], dv[16];
	size_t k;
	int i;

	buf_init(&b);
	printf("\n%s — %s", in->mi_name, in->mi_label ? in->mi_label : "");
	printf(" [%s%s%s]", kind_words(in->mi_kind, lang), unit ? ", " : "",
	    unit ? unit : "");
	if (it->wki_role == APP_INPUT_COORD)
		printf(" — %s %s",
		    cli_msg(lang,
			"PHỐI HỢP: chỉ xem, thêm minh chứng; chủ trì:",
			"COORDINATED: read-only, evidence only; lead:"),
		    agency_name(wp->wp_m, it->wki_lead));
	else if (wp->wp_wl->wkl_agency[0] == '\0')
		printf(" — %s %s", cli_msg(lang, "chủ trì:", "lead:"),
		    agency_name(wp->wp_m, it->wki_lead));
	putchar('\n');
	if (it->wki_item != NULL)
		printf("    %s %s %s\n",
		    in->mi_general >= 0
			? cli_msg(lang, "thông tin chung", "general item")
			: cli_msg(lang, "chỉ số", "indicator"),
		    it->wki_item, it->wki_item_name ? it->wki_item_name : "");
	if (v != NULL) {
		app_value_shown(in, v->sv_raw, lang, &b);
		date_time_vi(v->sv_at, at, sizeof(at));
		printf("    %s: %s — %s (%s, %s)\n",
		    cli_msg(lang, "giá trị", "value"), buf_cstr(&b),
		    value_status_label(v->sv_status, lang), v->sv_by, at);
	} else {
		printf("    %s: %s\n", cli_msg(lang, "giá trị", "value"),
		    cli_msg(lang, "CHƯA NHẬP", "NOT ENTERED"));
	}
	buf_reset(&b);
	app_value_shown(in, it->wki_prev, lang, &b);
	printf("    %s %s: %s\n", cli_msg(lang, "kỳ trước", "previous period"),
	    wp->wp_wl->wkl_prev,
	    it->wki_prev != NULL ? buf_cstr(&b) : cli_msg(lang, "—", "—"));
	if (v != NULL && v->sv_comment[0] != '\0')
		printf("    %s: %s\n",
		    cli_msg(lang, "nhận xét khi trả lại", "returned with"),
		    v->sv_comment);
	for (k = 0; k < it->wki_warnings->d_n; k++)
		printf("    %s: %s\n", cli_msg(lang, "cảnh báo", "warning"),
		    diag_msg(&it->wki_warnings->d_items[k], lang));
	printf("    %s: %d%s%s\n",
	    cli_msg(lang, "tài liệu kiểm chứng", "evidence items"),
	    it->wki_nevidence,
	    !it->wki_evidence_required ? ""
		: it->wki_nevidence > 0
		? cli_msg(lang, " (bắt buộc)", " (required)")
		: cli_msg(
		      lang, " — BẮT BUỘC, chưa có", " — REQUIRED, none yet"),
	    it->wki_evidence_required && it->wki_nevidence == 0 &&
		    (v == NULL || value_status_editable(v->sv_status))
		? cli_msg(lang, ": chưa gửi được", ": it cannot be submitted")
		: "");
	for (i = 0; i < it->wki_nevidence; i++) {
		const struct st_evidence *e = &it->wki_evidence[i];

		date_vi(e->sev_doc_date, dv, sizeof(dv));
		printf("      #%ld %s%s%s%s%s%s%s (%s%s%s)\n", e->sev_id,
		    e->sev_doc_number ? e->sev_doc_number : "",
		    dv[0] ? cli_msg(lang, " ngày ", " of ") : "", dv,
		    e->sev_note && e->sev_note[0] ? " — " : "",
		    e->sev_note ? e->sev_note : "",
		    e->sev_file_name ? " 📎 " : "",
		    e->sev_file_name ? e->sev_file_name : "",
		    e->sev_by ? e->sev_by : "",
		    e->sev_agency && e->sev_agency[0] ? ", " : "",
		    e->sev_agency && e->sev_agency[0]
			? agency_name(wp->wp_m, e->sev_agency)
			: "");
	}
	if (in->mi_noptions > 0) {
		printf("    %s:\n", cli_msg(lang, "lựa chọn", "options"));
		for (i = 0; i < in->mi_noptions; i++)
			printf("      %s = %s\n", in->mi_options[i].mo_code,
			    in->mi_options[i].mo_label
				? in->mi_options[i].mo_label
				: "");
	}
	if (it->wki_rule != NULL)
		rule_lines(it->wki_rule,
		    cli_msg(lang, "cách xác định và tính điểm", "rule"));
	buf_free(&b);
}

/* The head of a list as people read it: period, deadline, counts. */
static void
head_table(const struct wk_print *wp, const char *title)
{
	const struct app_worklist *wl = wp->wp_wl;
	enum diag_lang lang = wp->wp_o->op_lang;
	char dv[16];

	date_vi(wl->wkl_period.sp_agency_due, dv, sizeof(dv));
	printf("%s — %s %s%s%s, %s %s", title, cli_msg(lang, "kỳ", "period"),
	    wl->wkl_period.sp_code, wl->wkl_period.sp_label[0] ? " — " : "",
	    wl->wkl_period.sp_label, cli_msg(lang, "đơn vị", "unit"),
	    wl->wkl_unit);
	if (wl->wkl_agency[0] != '\0')
		printf(", %s (%s)", agency_name(wp->wp_m, wl->wkl_agency),
		    wl->wkl_agency);
	printf("\n%s %s",
	    cli_msg(lang, "Hạn gửi Sở TTTT: trước", "Due to Sở TTTT before"),
	    dv);
	if (!app_period_is_open(&wl->wkl_period))
		printf(" (%s)\n", cli_msg(lang, "kỳ đã đóng", "period closed"));
	else if (wl->wkl_days_left >= 0)
		printf(" (%s %ld %s)\n", cli_msg(lang, "còn", "in"),
		    wl->wkl_days_left, cli_msg(lang, "ngày", "days"));
	else
		printf(" (%s %ld %s)\n", cli_msg(lang, "đã quá", "passed"),
		    -wl->wkl_days_left, cli_msg(lang, "ngày", "days ago"));
	printf("%d %s", wl->wkl_items, cli_msg(lang, "mục", "items"));
	if (wl->wkl_coord > 0)
		printf(" (%d %s, %d %s)", wl->wkl_items - wl->wkl_coord,
		    cli_msg(lang, "chủ trì", "led"), wl->wkl_coord,
		    cli_msg(lang, "phối hợp", "coordinated"));
	printf(": %d %s, %d %s, %d %s, %d %s, %d %s; %d %s; %d %s\n",
	    wl->wkl_missing, cli_msg(lang, "chưa nhập", "not entered"),
	    wl->wkl_status[VALUE_DRAFT], value_status_label(VALUE_DRAFT, lang),
	    wl->wkl_status[VALUE_SUBMITTED],
	    value_status_label(VALUE_SUBMITTED, lang),
	    wl->wkl_status[VALUE_RETURNED],
	    value_status_label(VALUE_RETURNED, lang),
	    wl->wkl_status[VALUE_APPROVED],
	    value_status_label(VALUE_APPROVED, lang), wl->wkl_warned,
	    cli_msg(lang, "có cảnh báo", "with warnings"), wl->wkl_no_evidence,
	    cli_msg(lang, "thiếu tài liệu kiểm chứng bắt buộc",
		"lacking required evidence"));
}

/* The agency of account ${login} when it is an officer's, for a default. */
struct wk_account {
	const char *wac_login;
	char wac_agency[64];
};

static int
account_row(void *ctx, const struct st_account *acc)
{
	struct wk_account *wa = ctx;

	if (strcmp(acc->sac_login, wa->wac_login) != 0)
		return 0;
	if (acc->sac_role == ROLE_OFFICER)
		snprintf(wa->wac_agency, sizeof(wa->wac_agency), "%s",
		    acc->sac_agency);
	return 1;
}

/* What a list is called, above its head. */
static const char *
list_title(int review, enum app_review_list what, enum diag_lang lang)
{
	if (!review)
		return cli_msg(lang, "Danh sách việc cần làm", "Work list");
	if (what == APP_REVIEW_SUBMITTED)
		return cli_msg(
		    lang, "Giá trị chờ duyệt", "Values waiting for review");
	return cli_msg(lang,
	    "Giá trị đã duyệt còn thiếu tài liệu kiểm chứng bắt buộc",
	    "Approved values lacking the evidence they require");
}

static int
item_row(void *ctx, const struct app_work_item *it)
{
	struct wk_print *wp = ctx;

	if (strcmp(wp->wp_o->op_format, "csv") == 0) {
		item_csv(wp, it);
	} else if (strcmp(wp->wp_o->op_format, "json") == 0) {
		json_array_append_new(
		    wp->wp_items, api_work_item_json(it, wp->wp_wl->wkl_prev));
	} else {
		/* the head is whole before the first item */
		if (wp->wp_n == 0)
			head_table(wp, wp->wp_title);
		item_table(wp, it);
	}
	wp->wp_n++;
	return 0;
}

/* Print a list: its head, then its items, in the chosen format. */
static int
print_list(struct store *s, const struct opts *o, int review,
    enum app_review_list what, struct diag *d)
{
	enum diag_lang lang = o->op_lang;
	struct app_worklist wl;
	const struct method *m = NULL;
	struct wk_print wp;
	struct app_actor a;
	struct st_period p;
	const char *agency = o->op_agency;
	struct wk_account acc;
	int rc, json = strcmp(o->op_format, "json") == 0;

	memset(&wp, 0, sizeof(wp));
	wp.wp_o = o;
	wp.wp_wl = &wl;
	wp.wp_title = list_title(review, what, lang);
	if ((rc = app_period(s, o->op_period, &p, d)) != 0 ||
	    (rc = app_period_method(s, &p, &m, d)) != 0)
		return rc;
	wp.wp_m = m;
	app_operator(&a, o->op_user);
	/* an officer's login (--user) names its agency by default */
	if (!review && agency == NULL) {
		acc.wac_login = o->op_user;
		acc.wac_agency[0] = '\0';
		if ((rc = app_users(s, account_row, &acc, d)) != 0)
			return rc;
		if (acc.wac_agency[0] != '\0')
			agency = acc.wac_agency;
	}
	if (json)
		wp.wp_items = json_array();
	if (strcmp(o->op_format, "csv") == 0)
		puts(csv_head);
	rc = review ? app_review_list(s, o->op_period, agency, o->op_unit, what,
			  &wl, item_row, &wp, d)
		    : app_worklist(s, &a, o->op_period, agency, o->op_unit, &wl,
			  item_row, &wp, d);
	if (rc != 0) {
		json_decref(wp.wp_items);
		return rc;
	}
	if (json) {
		json_t *doc = api_worklist_json(&wl, wp.wp_items);

		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(doc);
	} else if (strcmp(o->op_format, "csv") != 0 && wp.wp_n == 0) {
		head_table(&wp, wp.wp_title);
		printf("%s\n", cli_msg(lang, "(không có mục nào)", "(none)"));
	}
	return 0;
}

int
cmd_worklist(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti worklist --period P [--agency A] [--unit U] [--format table|csv|json] [--user LOGIN] [--db dti.db]\n"
	    "  mọi dữ liệu cơ quan phải nộp trong kỳ, và các dữ liệu cơ quan phối hợp\n"
	    "  every input the agency owes in the period, and those it coordinates\n"
	    "  --agency: mặc định là cơ quan của tài khoản cán bộ --user; không có: mọi cơ quan\n"
	    "            default: the agency of the officer account --user; none: every agency\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(
	    &o, argc, argv, "db user period agency unit format", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0 || o.op_period == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	rc = print_list(s, &o, 0, APP_REVIEW_SUBMITTED, &d);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
}

int
cmd_review_list(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti review --period P [--missing-evidence] [--agency A] [--unit U] [--format table|csv|json] [--db dti.db]\n"
	    "  các giá trị đã gửi chờ duyệt, với cảnh báo, nhận xét và tài liệu kiểm chứng\n"
	    "  the submitted values waiting for review, with warnings, comments and evidence\n"
	    "  --missing-evidence: giá trị đã duyệt mà thiếu tài liệu kiểm chứng bắt buộc\n"
	    "                      approved values lacking the evidence they require\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc = opts_parse(&o, argc, argv,
	    "db user period agency unit format missing-evidence", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0 || o.op_period == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	rc = print_list(s, &o, 1,
	    o.op_missing_evidence ? APP_REVIEW_NO_EVIDENCE
				  : APP_REVIEW_SUBMITTED,
	    &d);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
}
