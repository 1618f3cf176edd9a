/* report_doc.c: the report's sections as blocks, for the DOCX and PDF. */
#include "io/rdoc.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"

static struct rdoc_block *
block_new(struct rdoc *doc, enum rdoc_kind kind)
{
	struct rdoc_block *b;

	doc->rdo_blocks = xreallocarray(
	    doc->rdo_blocks, (size_t)doc->rdo_n + 1, sizeof(*doc->rdo_blocks));
	b = &doc->rdo_blocks[doc->rdo_n++];
	memset(b, 0, sizeof(*b));
	b->rdb_kind = kind;
	return b;
}

static void text_add(struct rdoc *doc, enum rdoc_kind kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static void
text_add(struct rdoc *doc, enum rdoc_kind kind, const char *fmt, ...)
{
	struct rdoc_block *b = block_new(doc, kind);
	struct buf t;
	va_list ap;

	buf_init(&t);
	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	b->rdb_text = buf_steal(&t);
	if (b->rdb_text == NULL)
		b->rdb_text = xstrdup("");
}

/* A table of ${ncols} columns headed by ${heads}, widths in fractions. */
static struct rdoc_block *
table_new(
    struct rdoc *doc, int ncols, const char *const *heads, const double *widths)
{
	struct rdoc_block *b = block_new(doc, RDOC_TABLE);
	int c;

	b->rdb_ncols = ncols;
	b->rdb_nrows = 1;
	b->rdb_cells = xcalloc((size_t)ncols, sizeof(char *));
	for (c = 0; c < ncols; c++) {
		b->rdb_cells[c] = xstrdup(heads[c]);
		b->rdb_widths[c] = widths[c];
	}
	return b;
}

/* Append a row; ${cells} are copied. */
static void
table_row(struct rdoc_block *b, const char *const *cells)
{
	int c;

	b->rdb_cells = xreallocarray(b->rdb_cells,
	    (size_t)(b->rdb_nrows + 1) * (size_t)b->rdb_ncols, sizeof(char *));
	for (c = 0; c < b->rdb_ncols; c++)
		b->rdb_cells[b->rdb_nrows * b->rdb_ncols + c] =
		    xstrdup(cells[c] != NULL ? cells[c] : "");
	b->rdb_nrows++;
}

/* ${v} as text with ${dec} decimals into ${out} (a small buffer). */
static const char *
num(struct buf *out, double v, int dec)
{
	buf_reset(out);
	report_num(out, v, dec);
	return buf_cstr(out);
}

/* The change of ${v} against ${prev}, "+0,2886 (+94,69 %)", or "—". */
static const char *
change(struct buf *out, double v, double prev, int dec)
{
	buf_reset(out);
	if (isnan(v) || isnan(prev)) {
		buf_puts(out, "—");
		return buf_cstr(out);
	}
	if (v - prev >= 0)
		buf_putc(out, '+');
	report_num(out, v - prev, dec);
	if (prev > 0) {
		buf_puts(out, " (");
		if (v - prev >= 0)
			buf_putc(out, '+');
		report_num(out, (v - prev) / prev * 100, 2);
		buf_puts(out, " %)");
	}
	return buf_cstr(out);
}

static void
figures_table(struct rdoc *doc, const struct app_report *r,
    const struct app_report_fig *f, int n, const char *first)
{
	static const double w[] = { 0.12, 0.30, 0.10, 0.12, 0.18, 0.18 };
	const char *heads[] = { "Mã", first, "Tối đa", "Kết quả",
		"So với kỳ trước", "So với cùng kỳ năm trước" };
	struct rdoc_block *t = table_new(doc, 6, heads, w);
	struct buf b[4];
	int i, k;

	(void)r;
	for (k = 0; k < 4; k++)
		buf_init(&b[k]);
	for (i = 0; i < n; i++) {
		/* an index (at most 1) with 4 decimals, points with 2 */
		int dec = f[i].rpf_max > 0 && f[i].rpf_max <= 1 ? 4 : 2;
		const char *cells[6] = { f[i].rpf_code, f[i].rpf_name,
			num(&b[0], f[i].rpf_max, 0),
			num(&b[1], f[i].rpf_value, dec),
			change(&b[2], f[i].rpf_value, f[i].rpf_prev, dec),
			change(
			    &b[3], f[i].rpf_value, f[i].rpf_prev_year, dec) };

		table_row(t, cells);
	}
	for (k = 0; k < 4; k++)
		buf_free(&b[k]);
}

static void
losses_section(struct rdoc *doc, const struct app_report *r)
{
	static const double w[] = { 0.08, 0.44, 0.16, 0.16, 0.16 };
	static const char *const heads[] = { "STT", "Cơ quan phụ trách",
		"Điểm tối đa", "Điểm đạt", "Điểm bị mất" };
	struct rdoc_block *t;
	struct buf b[4];
	int i, k;

	text_add(doc, RDOC_HEADING, "III. ĐIỂM BỊ MẤT THEO CƠ QUAN PHỤ TRÁCH");
	t = table_new(doc, 5, heads, w);
	for (k = 0; k < 4; k++)
		buf_init(&b[k]);
	for (i = 0; i < r->rpt_nlosses; i++) {
		const struct app_report_loss *l = &r->rpt_losses[i];
		const char *cells[5];

		buf_reset(&b[3]);
		buf_printf(&b[3], "%d", i + 1);
		cells[0] = buf_cstr(&b[3]);
		cells[1] = l->rpl_agency;
		cells[2] = num(&b[0], l->rpl_max, 2);
		cells[3] = num(&b[2], l->rpl_score, 2);
		cells[4] = num(&b[1], l->rpl_lost, 2);
		table_row(t, cells);
	}
	for (k = 0; k < 4; k++)
		buf_free(&b[k]);
	block_new(doc, RDOC_CHART)->rdb_chart = REPORT_CHART_LOSSES;
}

static void
agencies_section(struct rdoc *doc, const struct app_report *r)
{
	static const double w[] = { 0.08, 0.40, 0.12, 0.12, 0.28 };
	static const char *const heads[] = { "STT", "Cơ quan",
		"Số dữ liệu phụ trách", "Đã gửi", "Tình trạng" };
	struct rdoc_block *t;
	char a[16], b[16], c[16];
	int i;

	text_add(
	    doc, RDOC_HEADING, "IV. CƠ QUAN CHẬM HOẶC CHƯA GỬI ĐỦ SỐ LIỆU");
	if (r->rpt_nagencies == 0) {
		text_add(
		    doc, RDOC_PARA, "Các cơ quan đã gửi đủ số liệu đúng hạn.");
		return;
	}
	t = table_new(doc, 5, heads, w);
	for (i = 0; i < r->rpt_nagencies; i++) {
		const struct app_report_agency *g = &r->rpt_agencies[i];
		const char *cells[5];

		snprintf(a, sizeof(a), "%d", i + 1);
		snprintf(b, sizeof(b), "%d", g->rpa_owned);
		snprintf(c, sizeof(c), "%d", g->rpa_sent);
		cells[0] = a;
		cells[1] = g->rpa_agency;
		cells[2] = b;
		cells[3] = c;
		cells[4] = g->rpa_late           ? "Chậm hạn"
		    : g->rpa_sent < g->rpa_owned ? "Chưa gửi đủ"
						 : "Đúng hạn";
		table_row(t, cells);
	}
}

static void
tasks_section(struct rdoc *doc, const struct app_report *r)
{
	static const double w[] = { 0.09, 0.43, 0.21, 0.14, 0.13 };
	static const char *const heads[] = { "Mã", "Nhiệm vụ", "Chủ trì", "Hạn",
		"Tình trạng" };
	struct rdoc_block *t;
	int i;

	text_add(doc, RDOC_HEADING, "V. NHIỆM VỤ QUÁ HẠN CỦA KẾ HOẠCH");
	if (r->rpt_ntasks == 0) {
		text_add(doc, RDOC_PARA, "Không có nhiệm vụ quá hạn.");
		return;
	}
	t = table_new(doc, 5, heads, w);
	for (i = 0; i < r->rpt_ntasks; i++) {
		const struct app_report_task *k = &r->rpt_tasks[i];
		const char *cells[5] = { k->rpk_code, k->rpk_text, k->rpk_leads,
			k->rpk_due, k->rpk_status };

		table_row(t, cells);
	}
}

/* A target's number as its unit reads: "60,0 %", "98.000", "0,5400". */
static const char *
target_num(struct buf *out, double v, const char *unit)
{
	buf_reset(out);
	if (strcmp(unit, "percent") == 0 && !isnan(v)) {
		report_num(out, v * 100, 1);
		buf_puts(out, " %");
	} else {
		report_num(out, v, strcmp(unit, "count") == 0 ? 0 : 4);
	}
	return buf_cstr(out);
}

static void
targets_section(struct rdoc *doc, const struct app_report *r)
{
	static const double w[] = { 0.07, 0.45, 0.12, 0.12, 0.10, 0.14 };
	static const char *const heads[] = { "STT", "Mục tiêu", "Chỉ tiêu",
		"Thực hiện", "Tỷ lệ", "Đánh giá" };
	struct rdoc_block *t;
	struct buf b[4];
	int i, k;

	text_add(doc, RDOC_HEADING, "VI. TIẾN ĐỘ CÁC MỤC TIÊU CỦA KẾ HOẠCH");
	t = table_new(doc, 6, heads, w);
	for (k = 0; k < 4; k++)
		buf_init(&b[k]);
	for (i = 0; i < r->rpt_ntargets; i++) {
		const struct app_report_target *z = &r->rpt_targets[i];
		const char *cells[6];

		buf_reset(&b[3]);
		buf_printf(&b[3], "%d", i + 1);
		cells[0] = buf_cstr(&b[3]);
		cells[1] = z->rpz_text;
		cells[2] = target_num(&b[0], z->rpz_target, z->rpz_unit);
		cells[3] = target_num(&b[1], z->rpz_value, z->rpz_unit);
		buf_reset(&b[2]);
		if (isnan(z->rpz_progress))
			buf_puts(&b[2], "—");
		else {
			report_num(&b[2], z->rpz_progress * 100, 1);
			buf_puts(&b[2], " %");
		}
		cells[4] = buf_cstr(&b[2]);
		cells[5] = z->rpz_state;
		table_row(t, cells);
	}
	for (k = 0; k < 4; k++)
		buf_free(&b[k]);
}

void
rdoc_build(const struct app_report *r, struct rdoc *doc)
{
	const struct app_report_fig *idx =
	    r->rpt_nfigs > 0 ? r->rpt_figs : NULL;
	struct buf v, p;
	int y, mo, da;

	memset(doc, 0, sizeof(*doc));
	snprintf(doc->rdo_subject, sizeof(doc->rdo_subject),
	    "Kết quả thực hiện Chỉ số chuyển đổi số (DTI) cấp tỉnh %s",
	    r->rpt_period_words);
	if (sscanf(r->rpt_today, "%d/%d/%d", &da, &mo, &y) == 3)
		snprintf(doc->rdo_date, sizeof(doc->rdo_date),
		    "Ninh Thuận, ngày %d tháng %d năm %d", da, mo, y);
	buf_init(&v);
	buf_init(&p);
	text_add(doc, RDOC_PARA,
	    "Thực hiện Kế hoạch số 4233/KH-UBND ngày 28/9/2022 của Ủy ban "
	    "nhân dân tỉnh, Sở Thông tin và Truyền thông báo cáo kết quả "
	    "Chỉ số chuyển đổi số (DTI) cấp tỉnh %s như sau:",
	    r->rpt_period_words);
	if (r->rpt_period.sp_label[0] != '\0')
		text_add(
		    doc, RDOC_NOTE, "Ghi chú: %s.", r->rpt_period.sp_label);
	text_add(doc, RDOC_HEADING, "I. KẾT QUẢ CHUNG");
	if (idx != NULL) {
		report_num(&v, idx->rpf_value, 4);
		text_add(doc, RDOC_PARA,
		    "Chỉ số DTI của tỉnh %s đạt %s (theo %s, số liệu đã "
		    "duyệt).",
		    r->rpt_period_words, buf_cstr(&v), r->rpt_method);
		if (idx->rpf_trend[0] != '\0')
			text_add(doc, RDOC_PARA,
			    "Theo kết quả đã công bố (so với năm %s): %s.",
			    r->rpt_prev_year, idx->rpf_trend);
		if (!isnan(idx->rpf_prev)) {
			buf_reset(&p);
			report_num(&p, idx->rpf_prev, 4);
			text_add(doc, RDOC_PARA, "Kỳ trước (%s): %s.",
			    r->rpt_prev, buf_cstr(&p));
		}
		if (idx->rpf_trend[0] == '\0' && isnan(idx->rpf_prev))
			text_add(doc, RDOC_PARA,
			    "Chưa có số liệu của kỳ trước hay kết quả năm "
			    "trước đã công bố để so sánh.");
	}
	figures_table(doc, r, r->rpt_figs, r->rpt_nfigs, "Chỉ số");
	text_add(doc, RDOC_HEADING, "II. KẾT QUẢ THEO NHÓM CHỈ SỐ");
	figures_table(doc, r, r->rpt_groups, r->rpt_ngroups, "Nhóm chỉ số");
	block_new(doc, RDOC_CHART)->rdb_chart = REPORT_CHART_GROUPS;
	losses_section(doc, r);
	agencies_section(doc, r);
	tasks_section(doc, r);
	targets_section(doc, r);
	text_add(doc, RDOC_HEADING, "VII. ĐỀ XUẤT");
	text_add(doc, RDOC_PARA,
	    "Đề nghị các cơ quan phụ trách tập trung cải thiện các chỉ số bị "
	    "mất nhiều điểm nêu tại mục III, hoàn thành các nhiệm vụ quá hạn "
	    "và gửi đủ số liệu đúng hạn./.");
	buf_free(&v);
	buf_free(&p);
}

void
rdoc_free(struct rdoc *doc)
{
	int i, k;

	for (i = 0; i < doc->rdo_n; i++) {
		struct rdoc_block *b = &doc->rdo_blocks[i];

		free(b->rdb_text);
		for (k = 0; k < b->rdb_nrows * b->rdb_ncols; k++)
			free(b->rdb_cells[k]);
		free(b->rdb_cells);
	}
	free(doc->rdo_blocks);
	memset(doc, 0, sizeof(*doc));
}
