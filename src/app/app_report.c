/*
 * app_report.c: the period's report as one model (struct app_report) that
 * io/report_*.c render as XLSX, DOCX and PDF.
 */
#include "app/app_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/report.h"
#include "util/date.h"

#define MAX_DOCS_SHOWN 2000 /* bytes of an indicator's evidence list */

/* The figures a report leads with: the index first, then the pillars. */
static int
fig_rank(const char *code)
{
	return strcmp(code, "INDEX") == 0 ? 0 : 1;
}

/* The score of column ${col} for the province in ${sd}, or NAN. */
static double
scored_get(const struct app_scored *sd, const char *unit, const char *code)
{
	int u, col;

	if (sd == NULL || sd->sd_score == NULL)
		return NAN;
	u = round_find(sd->sd_round, unit);
	col = score_col_of(sd->sd_score, code);
	if (u < 0 || col < 0)
		return NAN;
	return score_get(sd->sd_score, u, col);
}

/* Line ${code} of ${t}, or NULL. */
static const struct app_trend_line *
trend_line(const struct app_trend *t, const char *code)
{
	int i;

	for (i = 0; i < t->tr_n; i++)
		if (strcmp(t->tr_lines[i].tl_code, code) == 0)
			return &t->tr_lines[i];
	return NULL;
}

/*
 * report_trend(s, r, drafts, prev): the previous period's value of every
 * figure and group (its scores, when the period is stored), and the
 * year on year of the analysis (app_trend: last year's published
 * figures when recorded) with its phrase.
 */
static void
report_trend(struct store *s, struct app_report *r, int drafts,
    const struct app_scored *prev)
{
	struct app_trend t;
	struct diag quiet;
	int i, have = 0;

	diag_init(&quiet);
	if (app_trend(s, r->rpt_period.sp_code, drafts, &t, &quiet) != 0)
		memset(&t, 0, sizeof(t));
	diag_free(&quiet);
	for (i = 0; i < r->rpt_nfigs + r->rpt_ngroups; i++) {
		struct app_report_fig *f = i < r->rpt_nfigs
		    ? &r->rpt_figs[i]
		    : &r->rpt_groups[i - r->rpt_nfigs];
		const struct app_trend_line *l = trend_line(&t, f->rpf_code);

		f->rpf_prev = scored_get(prev, r->rpt_province, f->rpf_code);
		if (l == NULL || isnan(l->tl_prev))
			continue;
		/* a group's line is a fraction of its maximum */
		f->rpf_prev_year =
		    i < r->rpt_nfigs ? l->tl_prev : l->tl_prev * f->rpf_max;
		snprintf(f->rpf_trend, sizeof(f->rpf_trend), "%s", l->tl_text);
		have = 1;
	}
	if (have)
		snprintf(r->rpt_prev_year, sizeof(r->rpt_prev_year), "%d",
		    t.tr_prev_year);
	app_trend_free(&t);
}

static int
loss_cmp(const void *a, const void *b)
{
	const struct app_report_loss *x = a, *y = b;

	if (x->rpl_lost != y->rpl_lost)
		return x->rpl_lost < y->rpl_lost ? 1 : -1;
	return strcmp(x->rpl_agency, y->rpl_agency);
}

/*
 * report_losses(s, r, drafts, d): the points lost per lead agency, as
 * the analysis (app_losses, app_analysis.c) counts them, most lost first.
 */
static int
report_losses(struct store *s, struct app_report *r, int drafts, struct diag *d)
{
	struct app_losses ls;
	int i;
	struct diag ld;
	int rc;

	diag_init(&ld);
	rc = app_losses(s, r->rpt_period.sp_code, drafts, &ls, &ld);
	/* a period with none of the province's values yet loses nothing
	 * the report can show: its section stays empty */
	if (rc != 0) {
		int nodata = ld.d_n > 0 &&
		    strcmp(ld.d_items[0].di_code, "analysis.no_data") == 0;

		if (!nodata)
			app_diag_move(d, &ld, DIAG_ERROR);
		diag_free(&ld);
		return nodata ? 0 : -1;
	}
	diag_free(&ld);
	r->rpt_losses =
	    xcalloc((size_t)ls.lss_nagencies + 1, sizeof(*r->rpt_losses));
	for (i = 0; i < ls.lss_nagencies; i++) {
		const struct app_loss *lo = &ls.lss_agencies[i];
		struct app_report_loss *l = &r->rpt_losses[r->rpt_nlosses++];

		l->rpl_agency = xstrdup(lo->lo_name != NULL && lo->lo_name[0]
			? lo->lo_name
			: lo->lo_code);
		l->rpl_max = lo->lo_max;
		l->rpl_score = lo->lo_score;
		l->rpl_lost = lo->lo_lost;
	}
	app_losses_free(&ls);
	qsort(r->rpt_losses, (size_t)r->rpt_nlosses, sizeof(*r->rpt_losses),
	    loss_cmp);
	return 0;
}

/* The evidence of a period, gathered per indicator. */
struct docs_ctx {
	struct app_report *dcx_r;
	struct buf *dcx_docs; /* per indicator */
};

static int
docs_row(void *ctx, const struct st_evidence *e)
{
	struct docs_ctx *c = ctx;
	const struct method *m = c->dcx_r->rpt_m;
	int in, ind;
	struct buf *b;

	if (strcmp(e->sev_unit, c->dcx_r->rpt_province) != 0 ||
	    e->sev_doc_number == NULL || e->sev_doc_number[0] == '\0')
		return 0;
	in = method_input(m, e->sev_input, strlen(e->sev_input));
	if (in < 0 || (ind = m->m_inputs[in].mi_indicator) < 0)
		return 0;
	b = &c->dcx_docs[ind];
	if (strstr(buf_cstr(b), e->sev_doc_number) != NULL ||
	    b->b_len > MAX_DOCS_SHOWN)
		return 0;
	if (b->b_len > 0)
		buf_puts(b, "; ");
	buf_puts(b, e->sev_doc_number);
	return 0;
}

/* Every indicator, as Appendix 2 lays it out. */
static int
report_indicators(struct store *s, struct app_report *r,
    const struct app_scored *sd, struct diag *d)
{
	const struct method *m = r->rpt_m;
	struct docs_ctx dc;
	int u = round_find(sd->sd_round, r->rpt_province), i, k, rc;

	r->rpt_nind = m->m_nind;
	r->rpt_ind = xcalloc((size_t)m->m_nind + 1, sizeof(*r->rpt_ind));
	dc.dcx_r = r;
	dc.dcx_docs = xcalloc((size_t)m->m_nind + 1, sizeof(*dc.dcx_docs));
	for (i = 0; i < m->m_nind; i++)
		buf_init(&dc.dcx_docs[i]);
	rc = app_evidence_list(s, &r->rpt_period, NULL, docs_row, &dc, d);
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *mi = &m->m_ind[i];
		struct app_report_ind *ri = &r->rpt_ind[i];
		int col = score_col_of(sd->sd_score, mi->mn_code);
		struct buf b;

		ri->rpi_code = mi->mn_code;
		ri->rpi_name = mi->mn_name;
		ri->rpi_group = mi->mn_group;
		ri->rpi_depth = mi->mn_parent >= 0;
		ri->rpi_leaf = mi->mn_nparts == 0;
		ri->rpi_max = mi->mn_points;
		ri->rpi_rule = mi->mn_rule != NULL ? mi->mn_rule : "";
		ri->rpi_lead =
		    mi->mn_lead >= 0 ? m->m_agencies[mi->mn_lead].ma_short : "";
		ri->rpi_score =
		    u >= 0 && col >= 0 ? score_get(sd->sd_score, u, col) : 0;
		ri->rpi_status = score_status_name(u >= 0 && col >= 0
			? score_status(sd->sd_score, u, col)
			: SC_MISSING);
		buf_init(&b);
		for (k = 0; k < mi->mn_ncoord; k++)
			buf_printf(&b, "%s%s", k > 0 ? "; " : "",
			    m->m_agencies[mi->mn_coord[k]].ma_short);
		ri->rpi_coord = buf_steal(&b);
		for (k = 0; k < mi->mn_ninputs; k++) {
			const struct m_input *in =
			    &m->m_inputs[mi->mn_inputs[k]];
			int x = mi->mn_inputs[k];
			const char *raw =
			    u >= 0 ? round_raw(sd->sd_round, u, x) : NULL;
			char num[64];

			/* a stored number keeps no text: write it back */
			if (raw == NULL && u >= 0 &&
			    round_has(sd->sd_round, u, x)) {
				raw = round_text(sd->sd_round, u, x);
				double v = round_get(sd->sd_round, u, x);

				/* a choice is stored as its option's index */
				if (raw == NULL && in->mi_kind == IK_CHOICE &&
				    v >= 0 && v < in->mi_noptions)
					raw = in->mi_options[(int)v].mo_code;
				if (raw == NULL) {
					numfmt_shortest(num, sizeof(num), v);
					raw = num;
				}
			}

			buf_printf(
			    &b, "%s%s: ", k > 0 ? "\n" : "", in->mi_label);
			if (raw != NULL)
				app_value_shown(in, raw, LANG_VI, &b);
			else
				buf_puts(&b, "—");
		}
		ri->rpi_inputs = buf_steal(&b);
		ri->rpi_docs = buf_steal(&dc.dcx_docs[i]);
		if (u >= 0 && col >= 0)
			score_explain(sd->sd_score, u, col, &b);
		ri->rpi_explain = buf_steal(&b);
	}
	for (i = 0; i < m->m_nind; i++)
		buf_free(&dc.dcx_docs[i]);
	free(dc.dcx_docs);
	return rc;
}

/* The index, the pillars and the groups. */
static void
report_figures(struct app_report *r, const struct app_scored *sd)
{
	const struct method *m = r->rpt_m;
	int i, n = 0, pass;

	r->rpt_figs = xcalloc((size_t)m->m_nderived + 1, sizeof(*r->rpt_figs));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < m->m_nderived; i++) {
			const struct m_derived *md = &m->m_derived[i];
			struct app_report_fig *f;

			if (fig_rank(md->md_code) != pass)
				continue;
			f = &r->rpt_figs[n++];
			f->rpf_code = md->md_code;
			f->rpf_name = md->md_name;
			f->rpf_max = md->md_points;
			f->rpf_value =
			    scored_get(sd, r->rpt_province, md->md_code);
			f->rpf_prev = f->rpf_prev_year = NAN;
		}
	r->rpt_nfigs = n;
	r->rpt_ngroups = m->m_ngroups;
	r->rpt_groups =
	    xcalloc((size_t)m->m_ngroups + 1, sizeof(*r->rpt_groups));
	for (i = 0; i < m->m_ngroups; i++) {
		struct app_report_fig *f = &r->rpt_groups[i];

		f->rpf_code = m->m_groups[i].mg_code;
		f->rpf_name = m->m_groups[i].mg_name;
		f->rpf_max = m->m_groups[i].mg_points;
		f->rpf_value = scored_get(sd, r->rpt_province, f->rpf_code);
		f->rpf_prev = f->rpf_prev_year = NAN;
	}
}

/* An agency the methodology does not name (a district's UBND): the
 * organisation's short name for its code. */
static int
agency_name_row(void *ctx, const struct st_agency *ag)
{
	struct app_report *r = ctx;
	int i;

	for (i = 0; i < r->rpt_nagencies; i++) {
		struct app_report_agency *a = &r->rpt_agencies[i];
		const char *name = ag->sag_short != NULL && ag->sag_short[0]
		    ? ag->sag_short
		    : ag->sag_name;

		if (strcmp(a->rpa_agency, ag->sag_code) == 0 && name != NULL &&
		    name[0] != '\0') {
			free(a->rpa_agency);
			a->rpa_agency = xstrdup(name);
		}
	}
	return 0;
}

/* The agencies late or with inputs not yet sent. */
static int
report_agencies(
    struct store *s, struct app_report *r, long today, struct diag *d)
{
	struct app_agency_status *st = NULL;
	int n = 0, i;

	if (app_status(s, &r->rpt_period, NULL, r->rpt_m, today, &st, &n, d) !=
	    0)
		return -1;
	r->rpt_agencies = xcalloc((size_t)n + 1, sizeof(*r->rpt_agencies));
	for (i = 0; i < n; i++) {
		struct app_report_agency *a;
		const char *name;
		int k, sent = st[i].ag_submitted + st[i].ag_approved;

		if (!st[i].ag_late && sent >= st[i].ag_owned)
			continue;
		a = &r->rpt_agencies[r->rpt_nagencies++];
		/* app_status's codes live in its own array, freed below */
		name = st[i].ag_agency;
		for (k = 0; k < r->rpt_m->m_nagencies; k++)
			if (strcmp(r->rpt_m->m_agencies[k].ma_code,
				st[i].ag_agency) == 0)
				name = r->rpt_m->m_agencies[k].ma_short;
		a->rpa_agency = xstrdup(name);
		a->rpa_owned = st[i].ag_owned;
		a->rpa_missing = st[i].ag_missing;
		a->rpa_sent = sent;
		a->rpa_late = st[i].ag_late;
		a->rpa_on_time = st[i].ag_on_time;
		a->rpa_approved = st[i].ag_approved == st[i].ag_owned;
	}
	free(st);
	return app_agencies(s, agency_name_row, r, d);
}

struct tasks_ctx {
	struct app_report *tkc_r;
	long tkc_today;
	int tkc_cap;
};

static int
tasks_row(void *ctx, const struct st_task *t)
{
	struct tasks_ctx *c = ctx;
	struct app_report *r = c->tkc_r;
	struct app_report_task *k;

	if (!app_task_overdue(t, c->tkc_today))
		return 0;
	if (r->rpt_ntasks == c->tkc_cap) {
		c->tkc_cap = c->tkc_cap * 2 + 8;
		r->rpt_tasks = xreallocarray(
		    r->rpt_tasks, (size_t)c->tkc_cap, sizeof(*r->rpt_tasks));
	}
	k = &r->rpt_tasks[r->rpt_ntasks++];
	memset(k, 0, sizeof(*k));
	k->rpk_code = xstrdup(t->st_code);
	k->rpk_text = xstrdup(t->st_text != NULL ? t->st_text : "");
	k->rpk_leads = xstrdup(t->st_lead_text != NULL ? t->st_lead_text : "");
	if (t->st_due_date != NULL)
		date_vi(t->st_due_date, k->rpk_due, sizeof(k->rpk_due));
	k->rpk_status = task_status_label(t->st_status, LANG_VI);
	return 0;
}

struct targets_ctx {
	struct app_report *zc_r;
	int zc_cap;
};

static int
targets_row(void *ctx, const struct app_target *t)
{
	struct targets_ctx *c = ctx;
	struct app_report *r = c->zc_r;
	struct app_report_target *z;

	if (r->rpt_ntargets == c->zc_cap) {
		c->zc_cap = c->zc_cap * 2 + 8;
		r->rpt_targets = xreallocarray(
		    r->rpt_targets, (size_t)c->zc_cap, sizeof(*r->rpt_targets));
	}
	z = &r->rpt_targets[r->rpt_ntargets++];
	z->rpz_code = xstrdup(t->tg_target->sg_code);
	z->rpz_text = xstrdup(t->tg_target->sg_text);
	z->rpz_unit =
	    xstrdup(t->tg_target->sg_unit != NULL ? t->tg_target->sg_unit : "");
	z->rpz_target = t->tg_target->sg_target;
	z->rpz_value = t->tg_value;
	z->rpz_progress = t->tg_progress;
	z->rpz_state = target_state_label(t->tg_state, LANG_VI);
	return 0;
}

static int
province_row(void *ctx, const struct st_unit *u)
{
	struct app_report *r = ctx;

	if (strcmp(u->su_code, r->rpt_province) == 0 &&
	    r->rpt_province_name == NULL)
		r->rpt_province_name = xstrdup(
		    u->su_name != NULL && u->su_name[0] != '\0' ? u->su_name
								: u->su_code);
	return 0;
}

/* Score ${code} into ${sd} when it is stored; 1 when it was. */
static int
report_other(
    struct store *s, const char *code, int drafts, struct app_scored *sd)
{
	struct diag quiet;
	int ok;

	diag_init(&quiet);
	ok = code[0] != '\0' &&
	    app_score_period(s, code, drafts, sd, &quiet) == 0;
	diag_free(&quiet);
	if (!ok)
		app_scored_free(sd);
	return ok;
}

int
app_report(struct store *s, const char *period, int drafts, long today,
    struct app_report *r, struct diag *d)
{
	struct app_scored sd, prev;
	char code[80];
	long uid;
	struct tasks_ctx tc;
	struct st_task_filter tf;
	struct targets_ctx zc;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = app_score_period(s, period, drafts, &sd, d)) != 0)
		return rc;
	r->rpt_period = sd.sd_period;
	r->rpt_m = sd.sd_round->r_m;
	if (app_unit_in(s, &r->rpt_period, NULL, code, sizeof(code), &uid, d) !=
	    0) {
		app_scored_free(&sd);
		return -1;
	}
	r->rpt_province = xstrdup(code);
	{
		/* the province's name in force in the period */
		char start[11], name[256];

		app_period_start(&r->rpt_period, start);
		app_province_name_at(s, start, name, sizeof(name));
		if (name[0] != '\0')
			r->rpt_province_name = xstrdup(name);
	}
	if (app_units(s, province_row, r, d) != 0) {
		app_scored_free(&sd);
		app_report_free(r);
		return -1;
	}
	if (r->rpt_province_name == NULL)
		r->rpt_province_name = xstrdup(code);
	{
		struct buf b;

		buf_init(&b);
		buf_printf(
		    &b, "%s (%s)", r->rpt_m->m_name, r->rpt_m->m_version);
		r->rpt_method = buf_steal(&b);
	}
	if (r->rpt_period.sp_quarter > 0)
		snprintf(r->rpt_period_words, sizeof(r->rpt_period_words),
		    "quý %d năm %d", r->rpt_period.sp_quarter,
		    r->rpt_period.sp_year);
	else
		snprintf(r->rpt_period_words, sizeof(r->rpt_period_words),
		    "năm %d", r->rpt_period.sp_year);
	date_format(today, code);
	date_vi(code, r->rpt_today, sizeof(r->rpt_today));

	report_figures(r, &sd);
	memset(&prev, 0, sizeof(prev));
	app_rules_prev_code(&r->rpt_period, r->rpt_prev);
	if (!report_other(s, r->rpt_prev, drafts, &prev))
		r->rpt_prev[0] = '\0';
	report_trend(s, r, drafts, r->rpt_prev[0] != '\0' ? &prev : NULL);
	app_scored_free(&prev);

	rc = report_indicators(s, r, &sd, d);
	app_scored_free(&sd);
	if (rc != 0)
		goto fail;
	if (report_losses(s, r, drafts, d) != 0 ||
	    report_agencies(s, r, today, d) != 0)
		goto fail;
	tc.tkc_r = r;
	tc.tkc_today = today;
	tc.tkc_cap = 0;
	/* the tasks of the plans that cover the period's year only */
	memset(&tf, 0, sizeof(tf));
	tf.stf_year = r->rpt_period.sp_year;
	if (app_tasks_in(s, &tf, tasks_row, &tc, d) != 0)
		goto fail;
	zc.zc_r = r;
	zc.zc_cap = 0;
	if (app_targets(s, period, drafts, targets_row, &zc, d) != 0)
		goto fail;
	return 0;
fail:
	app_report_free(r);
	return -1;
}

void
app_report_free(struct app_report *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->rpt_nind; i++) {
		free(r->rpt_ind[i].rpi_coord);
		free(r->rpt_ind[i].rpi_inputs);
		free(r->rpt_ind[i].rpi_docs);
		free(r->rpt_ind[i].rpi_explain);
	}
	for (i = 0; i < r->rpt_nagencies; i++)
		free(r->rpt_agencies[i].rpa_agency);
	for (i = 0; i < r->rpt_nlosses; i++)
		free(r->rpt_losses[i].rpl_agency);
	for (i = 0; i < r->rpt_ntasks; i++) {
		free(r->rpt_tasks[i].rpk_code);
		free(r->rpt_tasks[i].rpk_text);
		free(r->rpt_tasks[i].rpk_leads);
	}
	for (i = 0; i < r->rpt_ntargets; i++) {
		free(r->rpt_targets[i].rpz_code);
		free(r->rpt_targets[i].rpz_text);
		free(r->rpt_targets[i].rpz_unit);
	}
	free(r->rpt_ind);
	free(r->rpt_tasks);
	free(r->rpt_targets);
	free(r->rpt_figs);
	free(r->rpt_groups);
	free(r->rpt_losses);
	free(r->rpt_agencies);
	free(r->rpt_province);
	free(r->rpt_province_name);
	free(r->rpt_method);
	memset(r, 0, sizeof(*r));
}

/* Read the file ${path} whole into ${data}. */
static int
report_slurp(const char *path, char **data, size_t *len, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		diag_add(d, DIAG_ERROR, "report.write", NULL, 0, 0,
		    "không đọc lại được báo cáo vừa ghi%.0s",
		    "cannot read the report back: %s", strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.b_len;
	*data = buf_steal(&b);
	if (*data == NULL)
		*data = xstrdup("");
	return 0;
}

int
app_report_file(struct store *s, const char *period, const char *format,
    int drafts, long today, char **data, size_t *len, const char **type,
    struct diag *d)
{
	const char *dir = getenv("TMPDIR");
	enum report_format f;
	struct app_report r;
	struct buf path;
	int fd, rc;

	*data = NULL;
	*len = 0;
	if (report_format_parse(format, &f) != 0) {
		diag_add(d, DIAG_ERROR, "report.format", NULL, 0, 0,
		    "định dạng báo cáo không hợp lệ: '%s' (xlsx, docx, pdf)",
		    "unknown report format '%s' (xlsx, docx, pdf)",
		    format != NULL ? format : "");
		return -1;
	}
	if ((rc = app_report(s, period, drafts, today, &r, d)) != 0)
		return rc;
	buf_init(&path);
	/* the libraries write files: through a private temporary one */
	buf_printf(&path, "%s/dti-report-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	fd = mkstemp(path.b_data);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, "report.write", NULL, 0, 0,
		    "không tạo được tệp tạm%.0s",
		    "cannot create a temporary file: %s", strerror(errno));
		rc = -1;
	} else {
		close(fd);
		rc = report_write(&r, f, buf_cstr(&path), d);
		if (rc == 0)
			rc = report_slurp(buf_cstr(&path), data, len, d);
		unlink(buf_cstr(&path));
	}
	*type = report_format_type(f);
	buf_free(&path);
	app_report_free(&r);
	return rc;
}
