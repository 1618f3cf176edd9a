/*
 * cmd_analysis.c: dti analysis (losses, trend, sensitivity), dti whatif
 * and dti results: readable tables, or the API's JSON (--format json).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"

/*
 * ${v} with ${dec} decimals as the language writes numbers (1.234,56;
 * English 1,234.56); "-" when unknown.
 */
static const char *
an_num(struct buf *b, double v, int dec, enum diag_lang lang)
{
	char t[64], *dot;
	size_t i, ndig;

	buf_reset(b);
	if (!isfinite(v) || fabs(v) > 1e15) {
		buf_puts(b, "-");
		return buf_cstr(b);
	}
	snprintf(t, sizeof(t), "%.*f", dec, v);
	dot = strchr(t, '.');
	ndig = (dot ? (size_t)(dot - t) : strlen(t)) - (t[0] == '-');
	for (i = 0; t[i] != '\0'; i++) {
		if (t[i] == '.') {
			buf_putc(b, lang == LANG_EN ? '.' : ',');
			continue;
		}
		buf_putc(b, t[i]);
		if (t[i] != '-' && (dot == NULL || t + i < dot) && ndig > 1 &&
		    --ndig % 3 == 0)
			buf_putc(b, lang == LANG_EN ? ',' : '.');
	}
	return buf_cstr(b);
}

static int
an_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);

	json_decref(j);
	if (s == NULL)
		return EXIT_IO;
	puts(s);
	free(s);
	return EXIT_OK;
}

static void
an_losses_table(const char *title_vi, const char *title_en,
    const struct app_loss *l, int n, int max, int dec, enum diag_lang lang)
{
	struct buf a, b, c;
	int i;

	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	printf("\n%s\n  %s%*s %10s %10s %10s  %s\n",
	    cli_msg(lang, title_vi, title_en), cli_msg(lang, "mã", "code"),
	    cli_pad(cli_msg(lang, "mã", "code"), 16), "",
	    cli_msg(lang, "mất", "lost"), cli_msg(lang, "tối đa", "max"),
	    cli_msg(lang, "đạt", "scored"),
	    n > 0 && l[0].lo_agency ? cli_msg(lang, "cơ quan", "agency") : "");
	for (i = 0; i < n && (max == 0 || i < max); i++) {
		if (!(l[i].lo_lost > 1e-9))
			break;
		printf("  %s%*s %10s %10s %10s  %s\n", l[i].lo_code,
		    cli_pad(l[i].lo_code, 16), "",
		    an_num(&a, l[i].lo_lost, dec, lang),
		    an_num(&b, l[i].lo_max, dec, lang),
		    an_num(&c, l[i].lo_score, dec, lang),
		    l[i].lo_agency ? l[i].lo_agency : "");
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

static int
an_losses(struct store *s, const struct opts *o, struct diag *d)
{
	enum diag_lang lang = o->op_lang;
	struct app_losses l;
	struct buf a, b;
	int i, rc;

	if ((rc = app_losses(s, o->op_period, o->op_drafts, &l, d)) != 0)
		return rc;
	if (strcmp(o->op_format, "json") == 0) {
		rc = an_json(api_losses_json(&l));
		app_losses_free(&l);
		return rc;
	}
	buf_init(&a);
	buf_init(&b);
	printf("%s %s: %s %s / %s\n", cli_msg(lang, "Kỳ", "Period"),
	    l.lss_period.sp_code, cli_msg(lang, "tổng điểm", "total points"),
	    an_num(&a, l.lss_total, 2, lang), an_num(&b, l.lss_max, 0, lang));
	an_losses_table("Điểm bị mất theo trụ cột (chỉ số 0..1)",
	    "Points lost by pillar (index 0..1)", l.lss_pillars, l.lss_npillars,
	    0, 4, lang);
	an_losses_table("Điểm bị mất theo nhóm chỉ số", "Points lost by group",
	    l.lss_groups, l.lss_ngroups, 0, 2, lang);
	an_losses_table("Điểm bị mất theo cơ quan chủ trì",
	    "Points lost by lead agency", l.lss_agencies, l.lss_nagencies, 0, 2,
	    lang);
	an_losses_table("Chỉ tiêu mất nhiều điểm nhất (20 đầu)",
	    "Indicators losing most (first 20)", l.lss_ind, l.lss_nind, 20, 2,
	    lang);
	printf("\n%s\n",
	    cli_msg(lang,
		"Việc làm nhanh (một bước có/không hoặc một lựa chọn):",
		"Quick wins (one yes/no step or one choice):"));
	for (i = 0; i < l.lss_nwins; i++) {
		const struct app_quick_win *w = &l.lss_wins[i];

		printf("  +%s %s  %s: %s -> %s  %s %s  %s %s\n",
		    an_num(&a, w->qw_points, 2, lang),
		    cli_msg(lang, "điểm", "points"), w->qw_name,
		    *w->qw_now ? w->qw_now : "-", w->qw_to,
		    cli_msg(lang, "cơ quan:", "agency:"),
		    w->qw_agency ? w->qw_agency : "-",
		    cli_msg(lang, "nhiệm vụ:", "tasks:"),
		    *w->qw_tasks ? w->qw_tasks : "-");
	}
	buf_free(&a);
	buf_free(&b);
	app_losses_free(&l);
	return 0;
}

static int
an_trend(struct store *s, const struct opts *o, struct diag *d)
{
	struct app_trend t;
	int i, rc;

	if ((rc = app_trend(s, o->op_period, o->op_drafts, &t, d)) != 0)
		return rc;
	if (strcmp(o->op_format, "json") == 0) {
		rc = an_json(api_trend_json(&t));
		app_trend_free(&t);
		return rc;
	}
	printf("%s %d %s %d\n", cli_msg(o->op_lang, "Năm", "Year"), t.tr_year,
	    cli_msg(o->op_lang, "so với năm", "against"), t.tr_prev_year);
	for (i = 0; i < t.tr_n; i++) {
		const struct app_trend_line *l = &t.tr_lines[i];

		if (o->op_lang == LANG_EN)
			printf("  %s: %s\n", l->tl_code, l->tl_text_en);
		else
			printf("  %s (%s): %s\n",
			    l->tl_name ? l->tl_name : l->tl_code, l->tl_code,
			    l->tl_text);
	}
	app_trend_free(&t);
	return 0;
}

static int
an_sensitivity(struct store *s, const struct opts *o, struct diag *d)
{
	enum diag_lang lang = o->op_lang;
	struct app_sensitivity se;
	struct buf a, b, c, e;
	int i, rc;

	if ((rc = app_sensitivity(s, o->op_period, o->op_drafts, &se, d)) != 0)
		return rc;
	if (strcmp(o->op_format, "json") == 0) {
		rc = an_json(api_sensitivity_json(&se));
		app_sensitivity_free(&se);
		return rc;
	}
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	buf_init(&e);
	printf("%s %s: %s %s", cli_msg(lang, "Kỳ", "Period"),
	    se.sen_period.sp_code, cli_msg(lang, "chỉ số", "index"),
	    an_num(&a, se.sen_index, 4, lang));
	if (se.sen_place.pl_rank > 0)
		printf(", %s %d/%d",
		    cli_msg(lang, "hạng ước tính", "estimated rank"),
		    se.sen_place.pl_rank, se.sen_place.pl_of);
	printf("\n%s\n",
	    cli_msg(lang,
		"Bước tiếp theo của mỗi chỉ tiêu, theo điểm trên một đơn vị công sức:",
		"Each indicator's next step, by points per unit of effort:"));
	for (i = 0; i < se.sen_n; i++) {
		const struct app_sens_step *st = &se.sen_steps[i];

		printf("  %s%*s %s: %s -> %s  +%s %s  %s %s  %s %d  %s\n",
		    st->sst_indicator, cli_pad(st->sst_indicator, 8), "",
		    st->sst_input_name,
		    st->sst_from_text ? st->sst_from_text
				      : an_num(&a, st->sst_from, 2, lang),
		    st->sst_to_text ? st->sst_to_text
				    : an_num(&b, st->sst_to, 2, lang),
		    an_num(&c, st->sst_points, 2, lang),
		    cli_msg(lang, "điểm", "points"),
		    cli_msg(lang, "công sức", "effort"),
		    an_num(&e, st->sst_effort, 2, lang),
		    cli_msg(lang, "bậc", "ranks"), st->sst_ranks,
		    st->sst_agency ? st->sst_agency : "");
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&e);
	app_sensitivity_free(&se);
	return 0;
}

int
cmd_analysis(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti analysis losses|trend|sensitivity --period P [--include-drafts] [--format table|json] [--db dti.db]\n"
	    "  losses: điểm bị mất theo chỉ tiêu, nhóm, trụ cột, cơ quan; việc làm nhanh\n"
	    "          points lost by indicator, group, pillar, agency; quick wins\n"
	    "  trend: so với năm trước (tăng %, thứ hạng) / year on year (growth, rank)\n"
	    "  sensitivity: bước tiếp theo của mỗi chỉ tiêu / each indicator's next step\n";
	struct store *s;
	struct opts o;
	struct diag d;
	const char *what;
	int rc = opts_parse(&o, argc, argv,
	    "db user period format include-drafts", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1 || o.op_period == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	what = o.op_args[0];
	if (strcmp(what, "losses") != 0 && strcmp(what, "trend") != 0 &&
	    strcmp(what, "sensitivity") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	rc = strcmp(what, "losses") == 0 ? an_losses(s, &o, &d)
	    : strcmp(what, "trend") == 0 ? an_trend(s, &o, &d)
					 : an_sensitivity(s, &o, &d);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_free(&d);
	return EXIT_OK;
}

static void
wi_place(const char *vi, const char *en, const struct app_place *pl,
    enum diag_lang lang)
{
	struct buf a;

	if (pl->pl_rank == 0)
		return;
	buf_init(&a);
	printf("  %s: %d", cli_msg(lang, vi, en), pl->pl_rank);
	if (pl->pl_rank_worst != pl->pl_rank)
		printf("..%d", pl->pl_rank_worst);
	printf("/%d", pl->pl_of);
	if (pl->pl_group[0] != '\0')
		printf(", %s %s", cli_msg(lang, "nhóm", "group"),
		    lang == LANG_EN && strcmp(pl->pl_group, "khá") == 0
			? "kha (good)"
			: lang == LANG_EN ? "below kha"
					  : pl->pl_group);
	if (isfinite(pl->pl_to_kha) && pl->pl_to_kha > 0)
		printf(", %s %s",
		    cli_msg(lang, "còn cách nhóm khá", "to the kha group"),
		    an_num(&a, pl->pl_to_kha, 4, lang));
	putchar('\n');
	buf_free(&a);
}

int
cmd_whatif(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti whatif --period P [--targets-met] [--number-format vi|machine] [--include-drafts] [--format table|json] [--db dti.db] [INPUT=VALUE ...]\n"
	    "  chấm lại với giá trị giả định, không ghi gì vào cơ sở dữ liệu\n"
	    "  scores with hypothetical values; nothing is written to the database\n"
	    "  --targets-met: mọi chỉ tiêu số của kế hoạch đều đạt / every numeric target met\n";
	struct app_whatif_value *vals;
	struct app_whatif w;
	struct store *s;
	struct opts o;
	struct diag d;
	struct buf a, b, c;
	int i,
	    rc = opts_parse(&o, argc, argv,
		"db user period format include-drafts number-format "
		"targets-met",
		usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_period == NULL || (o.op_nargs == 0 && !o.op_targets_met)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	vals = calloc((size_t)o.op_nargs + 1, sizeof(*vals));
	for (i = 0; vals != NULL && i < o.op_nargs; i++) {
		char *eq = strchr(o.op_args[i], '=');

		if (eq == NULL || eq == o.op_args[i]) {
			fprintf(stderr, "dti whatif: %s '%s'\n%s",
			    cli_msg(lang, "cần INPUT=GIÁ_TRỊ, không phải",
				"expected INPUT=VALUE, not"),
			    o.op_args[i], usage);
			free(vals);
			return EXIT_USAGE;
		}
		*eq = '\0';
		vals[i].wv_input = o.op_args[i];
		vals[i].wv_value = eq + 1;
	}
	if (vals == NULL || (s = cli_open_db(&o)) == NULL) {
		free(vals);
		return EXIT_INVALID;
	}
	diag_init(&d);
	rc = app_whatif(s, o.op_period, o.op_drafts, vals, o.op_nargs,
	    o.op_numfmt, o.op_targets_met ? APP_WHATIF_TARGETS : 0, &w, &d);
	free(vals);
	if (rc != 0) {
		app_close(s);
		return cli_fail(&d, rc, lang);
	}
	diag_free(&d);
	if (strcmp(o.op_format, "json") == 0) {
		rc = an_json(api_whatif_json(&w));
		app_whatif_free(&w);
		app_close(s);
		return rc;
	}
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	printf("%s %s: %s %s -> %s\n", cli_msg(lang, "Kỳ", "Period"),
	    w.wi_period.sp_code, cli_msg(lang, "chỉ số DTI", "DTI index"),
	    an_num(&a, w.wi_index_before, 4, lang),
	    an_num(&b, w.wi_index_after, 4, lang));
	wi_place("hạng hiện nay (ước tính)", "rank now (estimated)",
	    &w.wi_place_before, lang);
	wi_place(
	    "hạng giả định", "rank under the what-if", &w.wi_place_after, lang);
	printf("  %-10s %12s %12s %12s\n", cli_msg(lang, "mã", "code"),
	    cli_msg(lang, "hiện nay", "now"),
	    cli_msg(lang, "giả định", "what-if"),
	    cli_msg(lang, "chênh lệch", "change"));
	for (i = 0; i < w.wi_ncols; i++) {
		const struct app_delta *dl = &w.wi_cols[i];
		int dec =
		    fabs(dl->dl_before) <= 1 && fabs(dl->dl_after) <= 1 ? 4 : 2;

		printf("  %-10s %12s %12s ", dl->dl_code,
		    an_num(&a, dl->dl_before, dec, lang),
		    an_num(&b, dl->dl_after, dec, lang));
		printf("%12s\n",
		    an_num(&c, dl->dl_after - dl->dl_before, dec, lang));
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	app_whatif_free(&w);
	app_close(s);
	return EXIT_OK;
}

struct res_print {
	enum diag_lang rp_lang;
	json_t *rp_json;
};

static int
res_row(void *ctx, const struct app_result *r)
{
	struct res_print *rp = ctx;
	struct buf a, b, c, e;
	const char *name;
	char rank[16];

	if (rp->rp_json != NULL) {
		json_array_append_new(rp->rp_json, api_result_json(r));
		return 0;
	}
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	buf_init(&e);
	name = r->rsl_province[0]
	    ? r->rsl_province
	    : cli_msg(
		  rp->rp_lang, "(trung bình các tỉnh)", "(provincial average)");
	if (r->rsl_rank > 0)
		snprintf(rank, sizeof(rank), "%d", r->rsl_rank);
	else
		snprintf(rank, sizeof(rank), "-");
	printf("%d  %3s  %s%*s %7s  %7s %7s %7s\n", r->rsl_year, rank, name,
	    cli_pad(name, 24), "", an_num(&a, r->rsl_index, 4, rp->rp_lang),
	    an_num(&b, r->rsl_pillar[0], 4, rp->rp_lang),
	    an_num(&c, r->rsl_pillar[1], 4, rp->rp_lang),
	    an_num(&e, r->rsl_pillar[2], 4, rp->rp_lang));
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&e);
	return 0;
}

int
cmd_results(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti results import FILE.csv [--year Y] [--source TEXT] [--db dti.db]\n"
	    "                   dti results list [--year Y] [--format table|json] [--db dti.db]\n"
	    "  kết quả DTI đã công bố (tỉnh, chỉ số, trụ cột, thứ hạng) / published DTI results\n";
	struct res_print rp = { lang, NULL };
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *end = NULL;
	long year = 0;
	int rc = opts_parse(
	    &o, argc, argv, "db user year source format", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs < 1 ||
	    (strcmp(o.op_args[0], "import") == 0        ? o.op_nargs != 2
		    : strcmp(o.op_args[0], "list") == 0 ? o.op_nargs != 1
							: 1)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (o.op_year != NULL) {
		year = strtol(o.op_year, &end, 10);
		if (*end != '\0' || year < 1990 || year > 2200) {
			fprintf(stderr, "dti results: %s '%s'\n",
			    cli_msg(lang, "năm không hợp lệ", "invalid year"),
			    o.op_year);
			return EXIT_USAGE;
		}
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (strcmp(o.op_args[0], "import") == 0) {
		FILE *f = fopen(o.op_args[1], "r");
		int n = 0;

		if (f == NULL) {
			cli_file_error("results", o.op_args[1], errno, lang);
			app_close(s);
			return EXIT_IO;
		}
		app_operator(&a, o.op_user);
		rc = app_results_import(
		    s, &a, f, o.op_args[1], (int)year, o.op_source, &n, &d);
		fclose(f);
		app_close(s);
		if (rc != 0)
			return cli_fail(&d, rc, lang);
		diag_free(&d);
		printf("%s: %d\n",
		    cli_msg(lang, "đã ghi kết quả", "results recorded"), n);
		return EXIT_OK;
	}
	if (strcmp(o.op_format, "json") == 0)
		rp.rp_json = json_array();
	rc = app_results(s, (int)year, res_row, &rp, &d);
	app_close(s);
	if (rc != 0) {
		json_decref(rp.rp_json);
		return cli_fail(&d, rc, lang);
	}
	diag_free(&d);
	if (rp.rp_json != NULL)
		return an_json(json_pack("{s:o}", "results", rp.rp_json));
	return EXIT_OK;
}

static int
bound_row(void *ctx, const struct st_bound *b)
{
	enum diag_lang *lang = ctx;
	struct buf x, y;

	buf_init(&x);
	buf_init(&y);
	printf("%s%*s %12s %12s  %s\n", b->sb_indicator,
	    cli_pad(b->sb_indicator, 8), "", an_num(&x, b->sb_lo, 4, *lang),
	    an_num(&y, b->sb_hi, 4, *lang), b->sb_source ? b->sb_source : "");
	buf_free(&x);
	buf_free(&y);
	return 0;
}

int
cmd_bounds(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti bounds set --period P INDICATOR MIN MAX [--source TEXT] [--number-format vi|machine] [--db dti.db]\n"
	    "                   dti bounds list --period P [--db dti.db]\n"
	    "  giới hạn tham chiếu của chỉ tiêu Min-Max / tỷ lệ với cao nhất khi kỳ chỉ có một tỉnh\n"
	    "  reference bounds of Min-Max / proportional-to-best indicators when a period holds one province\n";
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	int set,
	    rc = opts_parse(&o, argc, argv,
		"db user period source number-format", usage, lang);

	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	set = o.op_nargs == 4 && strcmp(o.op_args[0], "set") == 0;
	if (o.op_period == NULL ||
	    (!set && !(o.op_nargs == 1 && strcmp(o.op_args[0], "list") == 0))) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (set) {
		app_operator(&a, o.op_user);
		rc = app_bound_set(s, &a, o.op_period, o.op_args[1],
		    o.op_args[2], o.op_args[3], o.op_numfmt, o.op_source, &d);
	} else
		rc = app_bounds(s, o.op_period, bound_row, &lang, &d);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_free(&d);
	return EXIT_OK;
}
