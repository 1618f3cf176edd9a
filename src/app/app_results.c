/*
 * app_results.c: the published results of any year (province, index,
 * pillars, ranks, main indicators), their import from CSV, and where an
 * index places the province among them.
 */
#include "app/app_int.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/utf8.h"

#define RES_MAX_LINE 4096 /* bytes of a line of a results file */
#define RES_MAX_ROWS 10000
#define RES_MAX_FIELDS 32

/* The columns a results file may have; -1 where absent. */
enum res_col {
	RC_YEAR,
	RC_PROVINCE,
	RC_RANK,
	RC_INDEX,
	RC_CQS,
	RC_CQS_RANK,
	RC_KTS,
	RC_KTS_RANK,
	RC_XHS,
	RC_XHS_RANK,
	RC_G1, /* .. RC_G1 + 7 */
	RC_SOURCE = RC_G1 + 8,
	RC_LEVEL,
	RC_METRIC,
	RC_VALUE,
	RC_N,
};
static const char *const res_names[RC_N] = {
	[RC_YEAR] = "year",
	[RC_PROVINCE] = "province",
	[RC_RANK] = "rank",
	[RC_INDEX] = "dti",
	[RC_CQS] = "cqs",
	[RC_CQS_RANK] = "cqs_rank",
	[RC_KTS] = "kts",
	[RC_KTS_RANK] = "kts_rank",
	[RC_XHS] = "xhs",
	[RC_XHS_RANK] = "xhs_rank",
	[RC_G1] = "nhan_thuc_so",
	[RC_G1 + 1] = "the_che_so",
	[RC_G1 + 2] = "ha_tang_so",
	[RC_G1 + 3] = "nhan_luc_so",
	[RC_G1 + 4] = "an_toan_thong_tin_mang",
	[RC_G1 + 5] = "hoat_dong_chinh_quyen_so",
	[RC_G1 + 6] = "hoat_dong_kinh_te_so",
	[RC_G1 + 7] = "hoat_dong_xa_hoi_so",
	[RC_SOURCE] = "source",
	[RC_LEVEL] = "level",
	[RC_METRIC] = "metric",
	[RC_VALUE] = "value",
};

/* Split CSV line ${line} in place into ${f}; quotes as RFC 4180. */
static int
res_split(char *line, char **f, int max)
{
	int n = 0;
	char *r = line, *w;

	for (;;) {
		if (n == max)
			return -1;
		f[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			if (*r != ',' && *r != '\0')
				return -1;
		} else {
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
		}
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		*w = '\0';
		r++;
	}
}

/* A number field: 0 and ${out} set, 1 when empty (NAN), -1 when bad. */
static int
res_num(const char *s, double lo, double hi, double *out)
{
	*out = NAN;
	if (*s == '\0')
		return 1;
	if (numfmt_parse(s, strlen(s), out) != 0 || !(*out >= lo) ||
	    !(*out <= hi))
		return -1;
	return 0;
}

/* The 20xx in a file's name, or 0. */
static int
res_year_of(const char *file)
{
	const char *p = strrchr(file, '/');

	for (p = p ? p + 1 : file; *p != '\0'; p++) {
		if (p[0] == '2' && p[1] == '0' &&
		    isdigit((unsigned char)p[2]) &&
		    isdigit((unsigned char)p[3]) &&
		    !isdigit((unsigned char)p[4]))
			return atoi(p);
	}
	return 0;
}

static void
res_blank(struct st_result *r)
{
	int k;

	memset(r, 0, sizeof(*r));
	r->srs_index = NAN;
	for (k = 0; k < 3; k++)
		r->srs_pillar[k] = NAN;
	for (k = 0; k < 8; k++)
		r->srs_group[k] = NAN;
	r->srs_source = "";
}

static void
res_bad(struct diag *d, const char *file, long line, const char *what,
    const char *val)
{
	diag_add(d, DIAG_ERROR, "results.value", file, line, 0,
	    "cột %s: giá trị '%s' không hợp lệ",
	    "column %s: invalid value '%s'", what, val);
}

/* Parse one data row into ${r}; 1: a row to skip, -1: an error. */
static int
res_row(char **f, int nf, const int *col, int year, const char *source,
    const char *file, long line, struct st_result *r, struct diag *d)
{
	static const int pairs[3][2] = { { RC_CQS, RC_CQS_RANK },
		{ RC_KTS, RC_KTS_RANK }, { RC_XHS, RC_XHS_RANK } };
	double v;
	int k;

	res_blank(r);
	for (k = 0; k < RC_N; k++) {
		if (col[k] >= nf) {
			diag_add(d, DIAG_ERROR, "results.columns", file, line,
			    0, "dòng thiếu cột %s", "the line lacks column %s",
			    res_names[k]);
			return -1;
		}
	}
	r->srs_year = year;
	if (col[RC_YEAR] >= 0) {
		if (res_num(f[col[RC_YEAR]], 1990, 2200, &v) != 0) {
			res_bad(d, file, line, "year", f[col[RC_YEAR]]);
			return -1;
		}
		r->srs_year = (int)v;
	}
	r->srs_source = col[RC_SOURCE] >= 0 && *f[col[RC_SOURCE]] != '\0'
	    ? f[col[RC_SOURCE]]
	    : source;
	if (col[RC_LEVEL] >= 0) {
		/* the averages file: only the provinces' average is a result */
		if (strcmp(f[col[RC_LEVEL]], "provincial") != 0)
			return 1;
		r->srs_province = "";
		if (res_num(f[col[RC_VALUE]], 0, 1, &r->srs_index) != 0) {
			res_bad(d, file, line, "value", f[col[RC_VALUE]]);
			return -1;
		}
		return 0;
	}
	r->srs_province = f[col[RC_PROVINCE]];
	if (*r->srs_province == '\0' ||
	    strlen(r->srs_province) >=
		sizeof(((struct app_result *)0)->rsl_province)) {
		res_bad(d, file, line, "province", r->srs_province);
		return -1;
	}
	if (col[RC_RANK] >= 0) {
		if (res_num(f[col[RC_RANK]], 1, 1000, &v) < 0) {
			res_bad(d, file, line, "rank", f[col[RC_RANK]]);
			return -1;
		}
		r->srs_rank = isnan(v) ? 0 : (int)v;
	}
	if (col[RC_INDEX] >= 0 &&
	    res_num(f[col[RC_INDEX]], 0, 1, &r->srs_index) < 0) {
		res_bad(d, file, line, res_names[RC_INDEX], f[col[RC_INDEX]]);
		return -1;
	}
	for (k = 0; k < 3; k++) {
		if (col[pairs[k][0]] >= 0 &&
		    res_num(f[col[pairs[k][0]]], 0, 1, &r->srs_pillar[k]) < 0) {
			res_bad(d, file, line, res_names[pairs[k][0]],
			    f[col[pairs[k][0]]]);
			return -1;
		}
		if (col[pairs[k][1]] >= 0) {
			if (res_num(f[col[pairs[k][1]]], 1, 1000, &v) < 0) {
				res_bad(d, file, line, res_names[pairs[k][1]],
				    f[col[pairs[k][1]]]);
				return -1;
			}
			r->srs_pillar_rank[k] = isnan(v) ? 0 : (int)v;
		}
	}
	for (k = 0; k < 8; k++) {
		if (col[RC_G1 + k] >= 0 &&
		    res_num(f[col[RC_G1 + k]], 0, 1, &r->srs_group[k]) < 0) {
			res_bad(d, file, line, res_names[RC_G1 + k],
			    f[col[RC_G1 + k]]);
			return -1;
		}
	}
	return 0;
}

/* The header's columns into ${col}; -1 with an error when unusable. */
static int
res_header(char **f, int nf, int *col, const char *file, struct diag *d)
{
	int i, k;

	for (k = 0; k < RC_N; k++)
		col[k] = -1;
	for (i = 0; i < nf; i++) {
		const char *name = f[i];

		/* the main indices file names the index "pdti" */
		if (strcmp(name, "pdti") == 0)
			name = "dti";
		/* the pillars file names the index's rank "dti_rank" */
		if (strcmp(name, "dti_rank") == 0)
			name = "rank";
		for (k = 0; k < RC_N; k++) {
			if (strcmp(name, res_names[k]) == 0)
				col[k] = i;
		}
	}
	if (col[RC_PROVINCE] < 0 &&
	    !(col[RC_LEVEL] >= 0 && col[RC_VALUE] >= 0 && col[RC_YEAR] >= 0)) {
		diag_add(d, DIAG_ERROR, "results.columns", file, 1, 0,
		    "tệp kết quả cần cột province (hoặc year, level, value)",
		    "a results file needs a province column (or year, level, "
		    "value)");
		return -1;
	}
	return 0;
}

int
app_results_import(struct store *s, const struct app_actor *a, FILE *in,
    const char *file, int year, const char *source, int *count, struct diag *d)
{
	char line[RES_MAX_LINE + 2], *f[RES_MAX_FIELDS];
	int col[RC_N], nf, rc, n = 0;
	long lineno = 0;
	size_t len;
	struct st_audit au;
	char key[32];

	*count = 0;
	if (app_check(s, a, APP_PERIOD, NULL, d) != 0)
		return -1;
	if (year == 0)
		year = res_year_of(file);
	if (source == NULL)
		source = "";
	if ((rc = store_tx_begin(s)) != 0)
		return app_store_error(s, d);
	while (fgets(line, sizeof(line), in) != NULL) {
		struct st_result r;

		lineno++;
		len = strlen(line);
		if (len > RES_MAX_LINE) {
			diag_add(d, DIAG_ERROR, "results.line", file, lineno, 0,
			    "dòng dài quá %d byte", "line longer than %d bytes",
			    RES_MAX_LINE);
			goto fail;
		}
		while (
		    len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			memmove(line, line + 3, len - 2);
		if (!utf8_valid(line, strlen(line))) {
			diag_add(d, DIAG_ERROR, "results.utf8", file, lineno, 0,
			    "dòng không phải UTF-8", "the line is not UTF-8");
			goto fail;
		}
		if ((nf = res_split(line, f, RES_MAX_FIELDS)) < 0) {
			diag_add(d, DIAG_ERROR, "results.csv", file, lineno, 0,
			    "dòng CSV không hợp lệ", "malformed CSV line");
			goto fail;
		}
		if (lineno == 1) {
			if (res_header(f, nf, col, file, d) != 0)
				goto fail;
			if (col[RC_YEAR] < 0 && year == 0) {
				diag_add(d, DIAG_ERROR, "results.year", file, 1,
				    0,
				    "tệp không có cột year và tên tệp không có năm: hãy cho biết năm",
				    "the file has neither a year column nor a year in its name: give the year");
				goto fail;
			}
			continue;
		}
		if (len == 0)
			continue;
		if (n == RES_MAX_ROWS) {
			diag_add(d, DIAG_ERROR, "results.rows", file, lineno, 0,
			    "quá %d dòng", "more than %d rows", RES_MAX_ROWS);
			goto fail;
		}
		rc = res_row(f, nf, col, year, source, file, lineno, &r, d);
		if (rc < 0)
			goto fail;
		if (rc > 0)
			continue;
		if (store_result_put(s, &r) != 0) {
			app_store_error(s, d);
			goto fail;
		}
		n++;
	}
	if (lineno == 0) {
		diag_add(d, DIAG_ERROR, "results.empty", file, 0, 0,
		    "tệp kết quả rỗng", "the results file is empty");
		goto fail;
	}
	memset(&au, 0, sizeof(au));
	snprintf(key, sizeof(key), "%d", n);
	au.sau_actor = a->ac_login;
	au.sau_action = "results.import";
	au.sau_entity = "result";
	au.sau_key = file;
	au.sau_new = key;
	if (store_audit_add(s, &au) != 0 || store_tx_commit(s) != 0) {
		app_store_error(s, d);
		goto fail;
	}
	*count = n;
	return 0;
fail:
	store_tx_rollback(s);
	return -1;
}

/* Copy a stored result into the caller's form. */
static void
res_copy(struct app_result *o, const struct st_result *r)
{
	int k;

	memset(o, 0, sizeof(*o));
	o->rsl_year = r->srs_year;
	snprintf(o->rsl_province, sizeof(o->rsl_province), "%s",
	    r->srs_province ? r->srs_province : "");
	o->rsl_index = r->srs_index;
	o->rsl_rank = r->srs_rank;
	for (k = 0; k < 3; k++) {
		o->rsl_pillar[k] = r->srs_pillar[k];
		o->rsl_pillar_rank[k] = r->srs_pillar_rank[k];
	}
	for (k = 0; k < APP_RESULT_NGROUPS; k++)
		o->rsl_group[k] = r->srs_group[k];
	snprintf(o->rsl_source, sizeof(o->rsl_source), "%s",
	    r->srs_source ? r->srs_source : "");
}

struct res_each {
	int (*rse_cb)(void *, const struct app_result *);
	void *rse_ctx;
};

static int
res_each_row(void *ctx, const struct st_result *r)
{
	struct res_each *re = ctx;
	struct app_result o;

	res_copy(&o, r);
	return re->rse_cb(re->rse_ctx, &o);
}

int
app_results(struct store *s, int year,
    int (*cb)(void *, const struct app_result *), void *ctx, struct diag *d)
{
	struct res_each re = { cb, ctx };

	if (store_result_each(s, year, res_each_row, &re) < 0)
		return app_store_error(s, d);
	return 0;
}

/* A province's name without "Tỉnh ", "TP. ", "Thành phố ". */
static const char *
res_bare(const char *name)
{
	static const char *const pre[] = { "Tỉnh ", "tỉnh ", "TP. ",
		"Thành phố ", "thành phố " };
	size_t k;

	for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
		if (strncmp(name, pre[k], strlen(pre[k])) == 0)
			return name + strlen(pre[k]);
	}
	return name;
}

const char *
app_result_bare(const char *name)
{
	return res_bare(name);
}

struct res_self_ctx {
	const char *rsf_code;
	char *rsf_out;
	size_t rsf_size;
};

static int
self_row(void *ctx, const struct st_unit *u)
{
	struct res_self_ctx *sc = ctx;

	if (strcmp(u->su_code, sc->rsf_code) == 0)
		snprintf(sc->rsf_out, sc->rsf_size, "%s", u->su_name);
	return 0;
}

void
app_province_name(struct store *s, char *out, size_t size)
{
	char code[80];
	struct res_self_ctx sc = { code, out, size };

	out[0] = '\0';
	if (store_meta_get(s, "province", code, sizeof(code)) != 0)
		return;
	(void)store_unit_each(s, self_row, &sc);
}

/* What app_place gathers over a year's results. */
struct place_ctx {
	const char *pc_self; /* bare name */
	double pc_index;
	struct app_place *pc_out;
	int pc_above_rank; /* the lowest rank of those above */
	int pc_below_rank; /* the highest rank of those below */
};

static int
place_row(void *ctx, const struct app_result *r)
{
	struct place_ctx *pc = ctx;
	struct app_place *pl = pc->pc_out;

	if (r->rsl_province[0] == '\0') {
		pl->pl_kha = r->rsl_index;
		return 0;
	}
	if (r->rsl_rank > pl->pl_of)
		pl->pl_of = r->rsl_rank;
	if (strcmp(res_bare(r->rsl_province), pc->pc_self) == 0 ||
	    isnan(r->rsl_index))
		return 0;
	pl->pl_known++;
	if (r->rsl_index > pc->pc_index) {
		if (r->rsl_rank > pc->pc_above_rank)
			pc->pc_above_rank = r->rsl_rank;
	} else if (r->rsl_rank > 0 &&
	    (pc->pc_below_rank == 0 || r->rsl_rank < pc->pc_below_rank))
		pc->pc_below_rank = r->rsl_rank;
	return 0;
}

int
app_place(struct store *s, int year, double index, const char *self,
    struct app_place *out, struct diag *d)
{
	struct place_ctx pc;
	char name[128];

	memset(out, 0, sizeof(*out));
	out->pl_year = year;
	out->pl_kha = NAN;
	out->pl_to_kha = NAN;
	if (self == NULL) {
		/* the province in force that year */
		char start[11];

		date_format(date_make(year, 1, 1), start);
		app_province_name_at(s, start, name, sizeof(name));
		self = name;
	}
	memset(&pc, 0, sizeof(pc));
	pc.pc_self = res_bare(self);
	pc.pc_index = index;
	pc.pc_out = out;
	if (app_results(s, year, place_row, &pc, d) != 0)
		return -1;
	if (out->pl_known > 0 && !isnan(index)) {
		out->pl_rank = pc.pc_above_rank + 1;
		out->pl_rank_worst =
		    pc.pc_below_rank > 0 ? pc.pc_below_rank : out->pl_of;
		if (out->pl_rank_worst < out->pl_rank)
			out->pl_rank_worst = out->pl_rank;
	}
	if (!isnan(out->pl_kha) && !isnan(index))
		out->pl_to_kha = index < out->pl_kha ? out->pl_kha - index : 0;
	if (isnan(index))
		out->pl_group[0] = '\0';
	else if (!isnan(out->pl_kha))
		snprintf(out->pl_group, sizeof(out->pl_group), "%s",
		    index >= out->pl_kha ? "khá" : "dưới khá");
	return 0;
}

/* A bound's number, read in ${style}; -1 with an error naming ${what}. */
static int
bound_num(const char *text, enum numfmt_style style, const char *what,
    double *out, struct diag *d)
{
	struct diag why;
	int rc;

	diag_init(&why);
	rc = numfmt_read(text, strlen(text), style, out, &why);
	if (rc != 0)
		diag_wrap(d, &why, "bound.value", NULL, 0, 0,
		    "giới hạn %s '%s' không hợp lệ", "bound %s '%s' is invalid",
		    what, text);
	else if (!isfinite(*out)) {
		diag_add(d, DIAG_ERROR, "bound.value", NULL, 0, 0,
		    "giới hạn %s '%s' không phải là số hữu hạn",
		    "bound %s '%s' is not a finite number", what, text);
		rc = -1;
	}
	diag_free(&why);
	return rc;
}

int
app_bound_set(struct store *s, const struct app_actor *a, const char *period,
    const char *indicator, const char *lo, const char *hi,
    enum numfmt_style style, const char *source, struct diag *d)
{
	const struct method *m;
	struct st_period p;
	struct st_bound b;
	int i;

	if (app_check(s, a, APP_PERIOD, NULL, d) != 0 ||
	    app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &m, d) != 0)
		return -1;
	if (app_refuse_closed(&p, d) != 0)
		return -1;
	i = method_indicator(m, indicator);
	if (i < 0 || m->m_ind[i].mn_expr == NULL ||
	    expr_ncross(m->m_ind[i].mn_expr) == 0) {
		diag_add(d, DIAG_ERROR, "bound.indicator", NULL, 0, 0,
		    "'%s' không phải chỉ tiêu chấm Min-Max hay tỷ lệ với cao "
		    "nhất trong phương pháp %s",
		    "'%s' is not an indicator scored by Min-Max or proportional "
		    "to the best in methodology %s",
		    indicator, m->m_id);
		return -1;
	}
	memset(&b, 0, sizeof(b));
	b.sb_indicator = m->m_ind[i].mn_code;
	b.sb_source = source;
	if (bound_num(lo, style, "min", &b.sb_lo, d) != 0 ||
	    bound_num(hi, style, "max", &b.sb_hi, d) != 0)
		return -1;
	if (b.sb_lo > b.sb_hi) {
		diag_add(d, DIAG_ERROR, "bound.order", NULL, 0, 0,
		    "giới hạn dưới %s lớn hơn giới hạn trên %s",
		    "the lower bound %s is above the upper bound %s", lo, hi);
		return -1;
	}
	if (source != NULL && app_text_check(APP_TEXT_NOTE, source, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (store_bound_put(s, p.sp_id, &b, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_bounds(struct store *s, const char *period,
    int (*cb)(void *, const struct st_bound *), void *ctx, struct diag *d)
{
	struct st_period p;

	if (app_period(s, period, &p, d) != 0)
		return -1;
	if (store_bound_each(s, p.sp_id, cb, ctx) < 0)
		return app_store_error(s, d);
	return 0;
}
