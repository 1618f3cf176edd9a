/*
 * report_xlsx.c: the report as a workbook (libxlsxwriter): a summary
 * sheet (index, pillars, groups, native charts), then one sheet per
 * group in the layout of the plan's Appendix 2.
 */
#include "io/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "app/app.h"

#define SUMMARY "Tổng hợp"
#define HEAD_ROW 4 /* 0-based: the header row of every sheet */
#define PAPER_A4 9

/* The columns of a group's sheet: Appendix 2 with the period's data. */
enum {
	GC_STT,
	GC_NAME,
	GC_MAX,
	GC_RULE,
	GC_LEAD,
	GC_COORD,
	GC_INPUTS,
	GC_SCORE,
	GC_DOCS,
	GC_N
};
static const char *const group_heads[GC_N] = { "STT",
	"Chỉ số chính/Chỉ số thành phần", "Điểm tối đa",
	"Cách xác định và tính điểm", "Cơ quan phụ trách", "Cơ quan phối hợp",
	"Dữ liệu đầu vào", "Điểm", "Tài liệu kiểm chứng" };
static const double group_widths[GC_N] = { 7, 40, 9, 50, 16, 22, 40, 10, 24 };

enum { SC_CODE, SC_NAME, SC_MAX, SC_VALUE, SC_PREV, SC_PREV_YEAR, SC_N };
static const char *const sum_heads[SC_N] = { "Mã", "Chỉ số", "Tối đa",
	"Kết quả", "Kỳ trước", "Cùng kỳ năm trước" };
static const double sum_widths[SC_N] = { 8, 46, 10, 12, 12, 16 };

struct rx_fmts {
	lxw_format *rxf_title, *rxf_sub, *rxf_head, *rxf_text, *rxf_bold;
	lxw_format *rxf_group, *rxf_pts, *rxf_idx, *rxf_center;
};

static lxw_format *
fmt_new(lxw_workbook *wb, int border, int wrap)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void
fmts_make(lxw_workbook *wb, struct rx_fmts *f)
{
	f->rxf_title = fmt_new(wb, 0, 0);
	format_set_bold(f->rxf_title);
	format_set_font_size(f->rxf_title, 14);
	f->rxf_sub = fmt_new(wb, 0, 0);
	format_set_italic(f->rxf_sub);
	f->rxf_head = fmt_new(wb, 1, 1);
	format_set_bold(f->rxf_head);
	format_set_align(f->rxf_head, LXW_ALIGN_CENTER);
	format_set_align(f->rxf_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->rxf_head, 0xD9E1F2);
	f->rxf_text = fmt_new(wb, 1, 1);
	f->rxf_bold = fmt_new(wb, 1, 1);
	format_set_bold(f->rxf_bold);
	f->rxf_group = fmt_new(wb, 1, 1);
	format_set_bold(f->rxf_group);
	format_set_bg_color(f->rxf_group, 0xBDD7EE);
	f->rxf_center = fmt_new(wb, 1, 0);
	format_set_align(f->rxf_center, LXW_ALIGN_CENTER);
	/* numbers stay numbers; [$-42A] asks for Vietnamese separators
	 * (1.234,56) whatever the reader's locale */
	f->rxf_pts = fmt_new(wb, 1, 0);
	format_set_num_format(f->rxf_pts, "[$-42A]#,##0.00");
	f->rxf_idx = fmt_new(wb, 1, 0);
	format_set_num_format(f->rxf_idx, "[$-42A]0.0000");
}

static void
page_setup(lxw_worksheet *ws, int last_row, int last_col)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	worksheet_repeat_rows(ws, HEAD_ROW, HEAD_ROW);
	worksheet_print_area(
	    ws, 0, 0, (lxw_row_t)last_row, (lxw_col_t)last_col);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&CTrang &P/&N");
}

/* A number cell, or an empty bordered one for NAN. */
static void
put_num(lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
	else
		worksheet_write_number(
		    ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

static void
title_block(lxw_worksheet *ws, const struct app_report *r, const char *what,
    const struct rx_fmts *f)
{
	char line[512];

	snprintf(line, sizeof(line), "%s — %s", what, r->rpt_period_words);
	worksheet_write_string(ws, 0, 0, line, f->rxf_title);
	snprintf(line, sizeof(line), "%s. Phương pháp: %s. Lập ngày %s%s%s",
	    r->rpt_province_name, r->rpt_method, r->rpt_today,
	    r->rpt_period.sp_label[0] != '\0' ? ". " : "",
	    r->rpt_period.sp_label);
	worksheet_write_string(ws, 1, 0, line, f->rxf_sub);
}

/* One figure's row of the summary. */
static void
sum_row(lxw_worksheet *ws, int row, const struct app_report_fig *g,
    lxw_format *num, const struct rx_fmts *f)
{
	worksheet_write_string(
	    ws, (lxw_row_t)row, SC_CODE, g->rpf_code, f->rxf_center);
	worksheet_write_string(
	    ws, (lxw_row_t)row, SC_NAME, g->rpf_name, f->rxf_text);
	put_num(ws, row, SC_MAX, g->rpf_max, num);
	put_num(ws, row, SC_VALUE, g->rpf_value, num);
	put_num(ws, row, SC_PREV, g->rpf_prev, num);
	put_num(ws, row, SC_PREV_YEAR, g->rpf_prev_year, num);
}

static void
add_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
    const char *title, int first, int last, int anchor_row)
{
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_COLUMN);
	lxw_chart_series *s;
	lxw_chart_font font = { .name = "Times New Roman", .size = 10 };

	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(
	    s, sheet, (lxw_row_t)first, SC_CODE, (lxw_row_t)last, SC_CODE);
	chart_series_set_values(
	    s, sheet, (lxw_row_t)first, SC_MAX, (lxw_row_t)last, SC_MAX);
	chart_series_set_name(s, "Điểm tối đa");
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(
	    s, sheet, (lxw_row_t)first, SC_CODE, (lxw_row_t)last, SC_CODE);
	chart_series_set_values(
	    s, sheet, (lxw_row_t)first, SC_VALUE, (lxw_row_t)last, SC_VALUE);
	chart_series_set_name(s, "Kết quả");
	chart_title_set_name(ch, title);
	chart_title_set_name_font(ch, &font);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	worksheet_insert_chart(ws, (lxw_row_t)anchor_row, SC_N + 1, ch);
}

/* The summary: the index and the pillars, then the groups. */
static void
summary_sheet(
    lxw_workbook *wb, const struct app_report *r, const struct rx_fmts *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SUMMARY);
	int row = HEAD_ROW, i, c, gfirst, ifirst, ilast;

	title_block(ws, r, "Báo cáo kết quả Chỉ số chuyển đổi số (DTI)", f);
	if (r->rpt_prev[0] != '\0' || r->rpt_prev_year[0] != '\0') {
		char line[128];

		snprintf(line, sizeof(line),
		    "Kỳ trước: %s; cùng kỳ năm trước: %s",
		    r->rpt_prev[0] != '\0' ? r->rpt_prev : "—",
		    r->rpt_prev_year[0] != '\0' ? r->rpt_prev_year : "—");
		worksheet_write_string(ws, 2, 0, line, f->rxf_sub);
	}
	for (c = 0; c < SC_N; c++) {
		worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c, sum_widths[c], NULL);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c,
		    sum_heads[c], f->rxf_head);
	}
	row++;
	/* the index and the pillars (at most 1 point) together, for their
	 * chart; then the other figures (the total), then the groups */
	ifirst = row;
	for (i = 0; i < r->rpt_nfigs; i++)
		if (r->rpt_figs[i].rpf_max <= 1)
			sum_row(ws, row++, &r->rpt_figs[i], f->rxf_idx, f);
	ilast = row - 1;
	for (i = 0; i < r->rpt_nfigs; i++)
		if (r->rpt_figs[i].rpf_max > 1)
			sum_row(ws, row++, &r->rpt_figs[i], f->rxf_pts, f);
	gfirst = row;
	for (i = 0; i < r->rpt_ngroups; i++)
		sum_row(ws, row++, &r->rpt_groups[i], f->rxf_pts, f);
	add_chart(
	    wb, ws, SUMMARY, "Điểm các nhóm chỉ số", gfirst, row - 1, HEAD_ROW);
	if (ilast >= ifirst)
		add_chart(wb, ws, SUMMARY, "Chỉ số DTI và các trụ cột", ifirst,
		    ilast, HEAD_ROW + 16);
	page_setup(ws, row + 30, SC_N + 9);
}

/* The lines ${text} takes in a column ${width} characters wide. */
static int
text_lines(const char *text, double width)
{
	int lines = 1, col = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n') {
			lines++;
			col = 0;
		} else if ((*p & 0xC0) != 0x80 && ++col > width * 1.1) {
			lines++;
			col = 0;
		}
	}
	return lines;
}

/* A row tall enough for its longest cell: spreadsheet programs do not
 * size rows written by a library themselves. */
static double
row_height(const struct app_report_ind *ri)
{
	const char *cells[] = { ri->rpi_name, ri->rpi_rule, ri->rpi_coord,
		ri->rpi_inputs, ri->rpi_docs };
	const int cols[] = { GC_NAME, GC_RULE, GC_COORD, GC_INPUTS, GC_DOCS };
	int n = 1, k;

	for (k = 0; k < 5; k++) {
		int l = text_lines(cells[k], group_widths[cols[k]]);

		if (l > n)
			n = l;
	}
	if (n > 26)
		n = 26; /* Excel's rows stop at 409 points */
	return 15.5 * n;
}

/* The sheet of group ${g}: its indicators as Appendix 2 lists them. */
static void
group_sheet(lxw_workbook *wb, const struct app_report *r, int g,
    const struct rx_fmts *f)
{
	const struct app_report_fig *gr = &r->rpt_groups[g];
	char name[32], what[256];
	lxw_worksheet *ws;
	int row = HEAD_ROW, i, c, stt = 0;

	snprintf(name, sizeof(name), "Nhóm %s", gr->rpf_code);
	ws = workbook_add_worksheet(wb, name);
	snprintf(what, sizeof(what), "Nhóm %s. %s", gr->rpf_code, gr->rpf_name);
	title_block(ws, r, what, f);
	for (c = 0; c < GC_N; c++) {
		worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c, group_widths[c], NULL);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c,
		    group_heads[c], f->rxf_head);
	}
	row++;
	worksheet_write_string(
	    ws, (lxw_row_t)row, GC_STT, gr->rpf_code, f->rxf_group);
	worksheet_write_string(
	    ws, (lxw_row_t)row, GC_NAME, gr->rpf_name, f->rxf_group);
	put_num(ws, row, GC_MAX, gr->rpf_max, f->rxf_pts);
	for (c = GC_RULE; c < GC_N; c++)
		worksheet_write_blank(
		    ws, (lxw_row_t)row, (lxw_col_t)c, f->rxf_group);
	put_num(ws, row, GC_SCORE, gr->rpf_value, f->rxf_pts);
	row++;
	for (i = 0; i < r->rpt_nind; i++) {
		const struct app_report_ind *ri = &r->rpt_ind[i];
		lxw_format *tf = ri->rpi_depth == 0 ? f->rxf_bold : f->rxf_text;
		char stt_s[16];

		if (ri->rpi_group != g)
			continue;
		worksheet_set_row(ws, (lxw_row_t)row, row_height(ri), NULL);
		if (ri->rpi_depth == 0)
			snprintf(stt_s, sizeof(stt_s), "%d", ++stt);
		else
			snprintf(stt_s, sizeof(stt_s), "%s", ri->rpi_code);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_STT, stt_s, f->rxf_center);
		snprintf(what, sizeof(what), "%s. ", ri->rpi_code);
		{
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "%s%s", what, ri->rpi_name);
			worksheet_write_string(
			    ws, (lxw_row_t)row, GC_NAME, buf_cstr(&b), tf);
			buf_free(&b);
		}
		put_num(ws, row, GC_MAX, ri->rpi_max, f->rxf_pts);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_RULE, ri->rpi_rule, f->rxf_text);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_LEAD, ri->rpi_lead, f->rxf_text);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_COORD, ri->rpi_coord, f->rxf_text);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_INPUTS, ri->rpi_inputs, f->rxf_text);
		put_num(ws, row, GC_SCORE, ri->rpi_score, f->rxf_pts);
		worksheet_write_string(
		    ws, (lxw_row_t)row, GC_DOCS, ri->rpi_docs, f->rxf_text);
		row++;
	}
	page_setup(ws, row - 1, GC_N - 1);
}

int
report_xlsx_write(const struct app_report *r, const char *path, struct diag *d)
{
	lxw_workbook *wb = workbook_new(path);
	struct rx_fmts f;
	lxw_error err;
	int g;

	if (wb == NULL) {
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s",
		    "cannot write the report %s", path);
		return -1;
	}
	fmts_make(wb, &f);
	summary_sheet(wb, r, &f);
	for (g = 0; g < r->rpt_ngroups; g++)
		group_sheet(wb, r, g, &f);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s: %s",
		    "cannot write the report %s: %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
