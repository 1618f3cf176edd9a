/*
 * xlsx_template.c: the work sheet of an agency's inputs: written with
 * libxlsxwriter, read back with xlsx_read.c.
 */
#include "io/xlsx_template.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/xlsx_read.h"
#include "util/numfmt.h"
#include "util/utf8.h"

/* The headers the reader checks: a sheet whose columns moved is refused. */
#define HEAD_VALUE "GIÁ TRỊ"
#define HEAD_DOC "Số/ký hiệu văn bản minh chứng"
#define HEAD_UNIT "unit"
#define HEAD_INPUT "input"
#define NCOLS XT_HINPUT
#define LINE_PT 14.5 /* the height of a line of 11 pt text */
#define MAX_DEC 6 /* decimals a value is shown with; more: as it is */

/* The widths of the columns, in characters; hidden ones last. */
static const double widths[NCOLS] = { 5, 12, 40, 8, 9, 16, 44, 20, 20, 9, 12,
	12 };
#define META_LISTS 4 /* column E (0-based 4): the first choice list */

/* The formats of the sheet. */
struct xlsx_fmts {
	lxw_format *xf_title, *xf_sub, *xf_note, *xf_head;
	lxw_format *xf_group, *xf_item, *xf_rule;
	lxw_format *xf_cell, *xf_center, *xf_right;
	lxw_format *xf_fill_num, *xf_fill_text, *xf_locked, *xf_doc;
	/* numbers with 0 to MAX_DEC decimals, grouped: to fill, locked */
	lxw_format *xf_fill_dec[MAX_DEC + 1], *xf_locked_dec[MAX_DEC + 1];
};

/*
 * libxlsxwriter before 1.1.6 copies the formula of a list validation
 * twice and frees one copy (fixed upstream by commit 5c5b3046, "Fix
 * memory leak in list formula data validation"); Debian 12 ships 1.1.4.
 * It loses about 15 bytes per drop-down list of a work sheet made: the
 * sanitizers' leak check is told to pass strings the library copies for
 * itself (lxw_strdup: the fast unwinder sees no frame past it; none of
 * those strings is ever handed to dti).
 */
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	/* and fontconfig's cache, which Pango keeps for the process
	 * (report_pdf.c, report_chart.c) */
	return "leak:lxw_strdup\nleak:libfontconfig.so\n";
}

/* ... without a report of it at every exit. */
const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* The kind of an input, in the words of the sheet. */
static const char *
kind_words(enum input_kind k)
{
	switch (k) {
	case IK_COUNT: return "Số lượng";
	case IK_AMOUNT: return "Số tiền";
	case IK_NUMBER: return "Số";
	case IK_YESNO: return "Có/Không";
	case IK_CHOICE: return "Chọn một";
	case IK_TEXT: return "Văn bản";
	}
	return "";
}

static lxw_format *
fmt_new(lxw_workbook *wb, int border, int wrap)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void
fmts_make(lxw_workbook *wb, struct xlsx_fmts *f)
{
	int k;

	f->xf_title = fmt_new(wb, 0, 0);
	format_set_bold(f->xf_title);
	format_set_font_size(f->xf_title, 14);
	format_set_align(f->xf_title, LXW_ALIGN_CENTER);
	f->xf_sub = fmt_new(wb, 0, 0);
	format_set_align(f->xf_sub, LXW_ALIGN_CENTER);
	f->xf_note = fmt_new(wb, 0, 1);
	format_set_italic(f->xf_note);
	f->xf_head = fmt_new(wb, 1, 1);
	format_set_bold(f->xf_head);
	format_set_align(f->xf_head, LXW_ALIGN_CENTER);
	format_set_align(f->xf_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->xf_head, 0xD9E1F2);
	f->xf_group = fmt_new(wb, 1, 0);
	format_set_bold(f->xf_group);
	format_set_bg_color(f->xf_group, 0xBDD7EE);
	f->xf_item = fmt_new(wb, 1, 1);
	format_set_bold(f->xf_item);
	format_set_bg_color(f->xf_item, 0xF2F2F2);
	f->xf_rule = fmt_new(wb, 1, 1);
	format_set_font_size(f->xf_rule, 10);
	format_set_bg_color(f->xf_rule, 0xF2F2F2);
	f->xf_cell = fmt_new(wb, 1, 1);
	f->xf_center = fmt_new(wb, 1, 0);
	format_set_align(f->xf_center, LXW_ALIGN_CENTER);
	f->xf_right = fmt_new(wb, 1, 0);
	format_set_align(f->xf_right, LXW_ALIGN_RIGHT);
	/* the cells to fill: unlocked, yellow */
	/* thousands grouped, decimals as stored: the reader's locale shows
	 * them (1.234.567,5 in Vietnamese) */
	for (k = 0; k <= MAX_DEC; k++) {
		char nf[24];

		snprintf(nf, sizeof(nf), "#,##0%s%.*s", k > 0 ? "." : "", k,
		    "000000");
		f->xf_fill_dec[k] = fmt_new(wb, 1, 0);
		format_set_unlocked(f->xf_fill_dec[k]);
		format_set_bg_color(f->xf_fill_dec[k], 0xFFF2CC);
		format_set_num_format(f->xf_fill_dec[k], nf);
		f->xf_locked_dec[k] = fmt_new(wb, 1, 0);
		format_set_bg_color(f->xf_locked_dec[k], 0xE7E6E6);
		format_set_num_format(f->xf_locked_dec[k], nf);
	}
	f->xf_fill_num = fmt_new(wb, 1, 0);
	format_set_unlocked(f->xf_fill_num);
	format_set_bg_color(f->xf_fill_num, 0xFFF2CC);
	f->xf_fill_text = fmt_new(wb, 1, 1);
	format_set_unlocked(f->xf_fill_text);
	format_set_bg_color(f->xf_fill_text, 0xFFF2CC);
	format_set_num_format(f->xf_fill_text, "@");
	f->xf_doc = fmt_new(wb, 1, 1);
	format_set_unlocked(f->xf_doc);
	format_set_bg_color(f->xf_doc, 0xFFF2CC);
	format_set_num_format(f->xf_doc, "@");
	/* a value sent or approved: shown, not to be changed */
	f->xf_locked = fmt_new(wb, 1, 1);
	format_set_bg_color(f->xf_locked, 0xE7E6E6);
}

/*
 * text_lines(s, col, scale): the lines text ${s} takes, wrapped at the
 * words, in column ${col} (1-based) of a font ${scale} times as wide as
 * the sheet's; a word longer than the column breaks where it must.
 * Neither Excel nor LibreOffice fits the height of a row to wrapped text
 * when it opens a file: the writer sets it.
 */
static int
text_lines(const char *s, int col, double scale)
{
	double per = (widths[col - 1] - 1) / scale, cur = 0, w;
	int lines = 1;

	if (s == NULL)
		return 1;
	while (*s != '\0') {
		if (*s == '\n') {
			lines++;
			cur = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			cur += cur > 0;
			s++;
			continue;
		}
		/* a word: its characters (UTF-8 lead bytes) */
		for (w = 0; *s != '\0' && *s != ' ' && *s != '\n'; s++)
			w += ((unsigned char)*s & 0xC0) != 0x80;
		if (cur > 0 && cur + w > per) {
			lines++;
			cur = 0;
		}
		cur += w;
		while (cur > per) {
			lines++;
			cur -= per;
		}
	}
	return lines;
}

/* row_height(ws, row, lines): a row tall enough for ${lines} lines. */
static lxw_error
row_height(lxw_worksheet *ws, int row, int lines)
{
	if (lines <= 1)
		return LXW_NO_ERROR;
	return worksheet_set_row(ws, (lxw_row_t)row, LINE_PT * lines + 3, NULL);
}

/* most(a, b): the larger. */
static int
most(int a, int b)
{
	return a > b ? a : b;
}

/* col_abs(col0, out): "$E" for 0-based column ${col0}. */
static void
col_abs(int col0, char out[8])
{
	char ref[16];
	size_t n;

	xlsx_ref(1, (uint32_t)col0 + 1, ref);
	n = strcspn(ref, "0123456789");
	snprintf(out, 8, "$%.*s", (int)n, ref);
}

/* The label of option ${code} of ${mi}, or ${code} itself. */
static const char *
option_label(const struct m_input *mi, const char *code)
{
	int k;

	for (k = 0; k < mi->mi_noptions; k++)
		if (strcmp(mi->mi_options[k].mo_code, code) == 0)
			return mi->mi_options[k].mo_label
			    ? mi->mi_options[k].mo_label
			    : code;
	return code;
}

/* The drop-down list of a cell: the labels in ${col0} of the meta sheet. */
static lxw_error
list_rule(lxw_worksheet *ws, int row, int col0, int n)
{
	lxw_data_validation dv;
	char formula[64], c[8];

	col_abs(col0, c);
	snprintf(formula, sizeof(formula), "=%s!%s$2:%s$%d", XLSX_TEMPLATE_META,
	    c, c, n + 1);
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv.value_formula = formula;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = "Không có trong danh sách";
	dv.error_message = "Hãy chọn một giá trị trong danh sách thả xuống.";
	return worksheet_data_validation_cell(
	    ws, (lxw_row_t)row, XT_VALUE - 1, &dv);
}

/* The stored value of a row that is no number, as the sheet shows it. */
static const char *
value_words(const struct xlsx_trow *t)
{
	if (t->xt_value == NULL)
		return NULL;
	if (t->xt_input->mi_kind == IK_YESNO)
		return strcmp(t->xt_value, "1") == 0 ? XLSX_TEMPLATE_YES
						     : XLSX_TEMPLATE_NO;
	if (t->xt_input->mi_kind == IK_CHOICE)
		return option_label(t->xt_input, t->xt_value);
	return t->xt_value;
}

/*
 * decimals(raw): the decimals of the stored number ${raw}, or -1 when it
 * has an exponent or more than MAX_DEC (shown as it is).
 */
static int
decimals(const char *raw)
{
	const char *dot = strchr(raw, '.');
	size_t n = dot != NULL ? strlen(dot + 1) : 0;

	if (strpbrk(raw, "eE") != NULL || n > MAX_DEC)
		return -1;
	return (int)n;
}

/* The value cell of an input row: as stored, or empty to fill. */
static lxw_error
value_cell(lxw_worksheet *ws, const struct xlsx_fmts *f, int row,
    const struct xlsx_trow *t)
{
	const struct m_input *mi = t->xt_input;
	lxw_col_t col = XT_VALUE - 1;
	lxw_row_t r = (lxw_row_t)row;
	lxw_format *fmt;
	int num = mi->mi_kind == IK_COUNT || mi->mi_kind == IK_AMOUNT ||
	    mi->mi_kind == IK_NUMBER;

	int dec = mi->mi_kind == IK_COUNT ? 0
	    : t->xt_value != NULL         ? decimals(t->xt_value)
					  : -1;

	if (num && dec >= 0)
		fmt =
		    t->xt_locked ? f->xf_locked_dec[dec] : f->xf_fill_dec[dec];
	else if (t->xt_locked)
		fmt = f->xf_locked;
	else if (num)
		fmt = f->xf_fill_num; /* a number to come: as typed */
	else
		fmt = f->xf_fill_text;
	if (t->xt_value == NULL)
		return worksheet_write_blank(ws, r, col, fmt);
	if (num)
		return worksheet_write_number(
		    ws, r, col, strtod(t->xt_value, NULL), fmt);
	return worksheet_write_string(ws, r, col, value_words(t), fmt);
}

/* The title block and the header row. */
static lxw_error
write_head(
    lxw_worksheet *ws, const struct xlsx_fmts *f, const struct xlsx_tinfo *in)
{
	static const char *const heads[NCOLS] = { "STT", "Mã", "Nội dung",
		"Đơn vị tính", "Loại", NULL, "Cách tính điểm (theo Kế hoạch)",
		HEAD_VALUE, HEAD_DOC, "Trạng thái", HEAD_UNIT, HEAD_INPUT };
	lxw_row_t h = XLSX_TEMPLATE_HEADER - 1;
	lxw_error e = LXW_NO_ERROR;
	struct buf b;
	int c;

	buf_init(&b);
	e = worksheet_merge_range(ws, 0, 0, 0, XT_STATUS - 1,
	    "PHIẾU NHẬP SỐ LIỆU CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)", f->xf_title);
	buf_printf(&b,
	    "%s — Kỳ báo cáo: %s (%s) — Hạn gửi Sở TTTT: trước ngày %s",
	    in->xi_province, in->xi_period_words, in->xi_period,
	    in->xi_deadline);
	if (e == LXW_NO_ERROR)
		e = worksheet_merge_range(
		    ws, 1, 0, 1, XT_STATUS - 1, buf_cstr(&b), f->xf_sub);
	buf_reset(&b);
	buf_printf(&b,
	    "Cơ quan: %s — Đơn vị: %s (%s) — Phương pháp: %s — Lập: %s",
	    in->xi_agency_name, in->xi_unit_name, in->xi_unit, in->xi_method,
	    in->xi_made);
	if (e == LXW_NO_ERROR)
		e = worksheet_merge_range(
		    ws, 2, 0, 2, XT_STATUS - 1, buf_cstr(&b), f->xf_sub);
	if (e == LXW_NO_ERROR)
		e = worksheet_merge_range(ws, 3, 0, 3, XT_STATUS - 1,
		    "Hướng dẫn: nhập số liệu vào cột GIÁ TRỊ (nền vàng) và số/ký hiệu văn bản minh chứng; để trống ô chưa có số liệu. Số viết kiểu Việt Nam: 1.234.567,5 (dấu chấm ngăn hàng nghìn, dấu phẩy thập phân). Có/Không và các lựa chọn: chọn trong danh sách thả xuống. Các ô khác được khóa (không đặt mật khẩu) chỉ để tránh sửa nhầm; không thêm, bớt hay đổi chỗ cột và dòng.",
		    f->xf_note);
	if (e == LXW_NO_ERROR)
		e = worksheet_set_row(ws, 3, 48, NULL);
	buf_reset(&b);
	if (in->xi_last_period != NULL)
		buf_printf(&b, "Giá trị kỳ trước (%s)", in->xi_last_period);
	else
		buf_puts(&b, "Giá trị kỳ trước");
	for (c = 0; c < NCOLS && e == LXW_NO_ERROR; c++)
		e = worksheet_write_string(ws, h, (lxw_col_t)c,
		    heads[c] != NULL ? heads[c] : buf_cstr(&b), f->xf_head);
	if (e == LXW_NO_ERROR)
		e = worksheet_set_row(ws, h, LINE_PT * 2 + 3, NULL);
	buf_free(&b);
	return e;
}

/* A group's or an indicator's row: a band across the sheet. */
static lxw_error
write_band(lxw_worksheet *ws, const struct xlsx_fmts *f, int row,
    const struct xlsx_trow *t)
{
	lxw_format *fmt =
	    t->xt_kind == XLSX_ROW_GROUP ? f->xf_group : f->xf_item;
	lxw_row_t r = (lxw_row_t)row;
	lxw_error e = LXW_NO_ERROR;
	int c;

	for (c = 0; c < XT_STATUS && e == LXW_NO_ERROR; c++) {
		if (c == XT_CODE - 1)
			e = worksheet_write_string(ws, r, (lxw_col_t)c,
			    t->xt_code ? t->xt_code : "", fmt);
		else if (c == XT_LABEL - 1)
			e = worksheet_write_string(ws, r, (lxw_col_t)c,
			    t->xt_label ? t->xt_label : "", fmt);
		else if (c == XT_RULE - 1 && t->xt_rule != NULL)
			e = worksheet_write_string(
			    ws, r, (lxw_col_t)c, t->xt_rule, f->xf_rule);
		else
			e = worksheet_write_blank(ws, r, (lxw_col_t)c, fmt);
	}
	if (e == LXW_NO_ERROR)
		e = row_height(ws, row,
		    most(text_lines(t->xt_label, XT_LABEL, 1.0),
			/* the rule's font is 10 pt: 12 lines take 11 */
			(text_lines(t->xt_rule, XT_RULE, 0.82) * 11 + 11) /
			    12));
	return e;
}

/* An input's row. */
static lxw_error
write_input(lxw_worksheet *ws, const struct xlsx_fmts *f, int row, int stt,
    const struct xlsx_trow *t)
{
	const struct m_input *mi = t->xt_input;
	lxw_row_t r = (lxw_row_t)row;
	lxw_error e;
	int num = mi->mi_kind == IK_COUNT || mi->mi_kind == IK_AMOUNT ||
	    mi->mi_kind == IK_NUMBER;

	e = worksheet_write_number(ws, r, XT_STT - 1, stt, f->xf_center);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(
		    ws, r, XT_CODE - 1, mi->mi_name, f->xf_cell);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ws, r, XT_LABEL - 1,
		    mi->mi_label ? mi->mi_label : mi->mi_name, f->xf_cell);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ws, r, XT_UNIT - 1,
		    mi->mi_unit                    ? mi->mi_unit
			: mi->mi_kind == IK_AMOUNT ? "tỷ đồng"
						   : "",
		    f->xf_center);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(
		    ws, r, XT_KIND - 1, kind_words(mi->mi_kind), f->xf_center);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ws, r, XT_LAST - 1,
		    t->xt_last ? t->xt_last : "",
		    num ? f->xf_right : f->xf_cell);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_blank(ws, r, XT_RULE - 1, f->xf_cell);
	if (e == LXW_NO_ERROR)
		e = value_cell(ws, f, row, t);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_blank(
		    ws, r, XT_DOC - 1, t->xt_locked ? f->xf_locked : f->xf_doc);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ws, r, XT_STATUS - 1,
		    t->xt_status ? t->xt_status : "", f->xf_center);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(
		    ws, r, XT_HUNIT - 1, t->xt_unit, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(
		    ws, r, XT_HINPUT - 1, mi->mi_name, NULL);
	if (e == LXW_NO_ERROR) {
		int n = most(text_lines(mi->mi_label, XT_LABEL, 0.9),
		    text_lines(mi->mi_name, XT_CODE, 0.9));

		if (!num) {
			n = most(n, text_lines(t->xt_last, XT_LAST, 0.9));
			n = most(n, text_lines(value_words(t), XT_VALUE, 0.9));
		}
		e = row_height(ws, row, n);
	}
	return e;
}

/* The hidden sheet's description rows (column A: key, B: value). */
static lxw_error
write_meta(lxw_worksheet *ms, const struct xlsx_tinfo *in)
{
	const char *kv[][2] = {
		{ "format", XLSX_TEMPLATE_FORMAT },
		{ "period", in->xi_period },
		{ "agency", in->xi_agency },
		{ "unit", in->xi_unit },
		{ "methodology", in->xi_method },
		{ "methodology_sha256", in->xi_method_sha },
		{ "made", in->xi_made },
	};
	lxw_error e = LXW_NO_ERROR;
	size_t i;

	for (i = 0; i < sizeof(kv) / sizeof(kv[0]) && e == LXW_NO_ERROR; i++) {
		e = worksheet_write_string(ms, (lxw_row_t)i, 0, kv[i][0], NULL);
		if (e == LXW_NO_ERROR)
			e = worksheet_write_string(ms, (lxw_row_t)i, 1,
			    kv[i][1] ? kv[i][1] : "", NULL);
	}
	/* column D: the labels of yes/no */
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ms, 0, 3, "yesno", NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ms, 1, 3, XLSX_TEMPLATE_YES, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(ms, 2, 3, XLSX_TEMPLATE_NO, NULL);
	return e;
}

/* The page: A4 landscape, one page wide, the header row on every page. */
static void
page_setup(lxw_worksheet *ws)
{
	lxw_row_col_options hidden;
	lxw_protection prot;

	int c;

	memset(&hidden, 0, sizeof(hidden));
	hidden.hidden = 1;
	for (c = 0; c < XT_HUNIT - 1; c++)
		worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	worksheet_set_column_opt(ws, XT_HUNIT - 1, XT_HINPUT - 1,
	    widths[XT_HUNIT - 1], NULL, &hidden);
	worksheet_freeze_panes(ws, XLSX_TEMPLATE_HEADER, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(
	    ws, XLSX_TEMPLATE_HEADER - 1, XLSX_TEMPLATE_HEADER - 1);
	worksheet_set_footer(ws, "&CTrang &P / &N");
	/* no password: a guard against slips; rows and columns resizable */
	memset(&prot, 0, sizeof(prot));
	prot.format_columns = 1;
	prot.format_rows = 1;
	worksheet_protect(ws, NULL, &prot);
}

/* write_rows(ws, ms, f, rows, n): the rows and their drop-down lists. */
static lxw_error
write_rows(lxw_worksheet *ws, lxw_worksheet *ms, const struct xlsx_fmts *f,
    const struct xlsx_trow *rows, size_t n)
{
	lxw_error e = LXW_NO_ERROR;
	int row = XLSX_TEMPLATE_HEADER, stt = 0, list = META_LISTS, k;
	size_t i;

	for (i = 0; i < n && e == LXW_NO_ERROR; i++, row++) {
		const struct xlsx_trow *t = &rows[i];
		const struct m_input *mi = t->xt_input;

		if (t->xt_kind != XLSX_ROW_INPUT) {
			e = write_band(ws, f, row, t);
			continue;
		}
		e = write_input(ws, f, row, ++stt, t);
		if (e != LXW_NO_ERROR || t->xt_locked)
			continue;
		if (mi->mi_kind == IK_YESNO)
			e = list_rule(ws, row, 3, 2);
		if (mi->mi_kind != IK_CHOICE || mi->mi_noptions == 0)
			continue;
		/* the options' labels in a column of the hidden sheet */
		e = worksheet_write_string(
		    ms, 0, (lxw_col_t)list, mi->mi_name, NULL);
		for (k = 0; k < mi->mi_noptions && e == LXW_NO_ERROR; k++)
			e = worksheet_write_string(ms, (lxw_row_t)k + 1,
			    (lxw_col_t)list,
			    mi->mi_options[k].mo_label
				? mi->mi_options[k].mo_label
				: mi->mi_options[k].mo_code,
			    NULL);
		if (e == LXW_NO_ERROR)
			e = list_rule(ws, row, list, mi->mi_noptions);
		list++;
	}
	return e;
}

int
xlsx_template_write(const char *path, const struct xlsx_tinfo *in,
    const struct xlsx_trow *rows, size_t n, struct diag *d)
{
	lxw_doc_properties props;
	lxw_worksheet *ws, *ms;
	struct xlsx_fmts f;
	lxw_workbook *wb;
	lxw_error e;

	wb = workbook_new(path);
	if (wb == NULL) {
		diag_add(d, DIAG_ERROR, "template.write", path, 0, 0,
		    "không tạo được bảng tính", "cannot create the workbook");
		return -1;
	}
	memset(&props, 0, sizeof(props));
	props.title = "Phiếu nhập số liệu DTI";
	props.author = "dti";
	props.comments = XLSX_TEMPLATE_FORMAT;
	workbook_set_properties(wb, &props);
	fmts_make(wb, &f);
	ws = workbook_add_worksheet(wb, XLSX_TEMPLATE_SHEET);
	ms = workbook_add_worksheet(wb, XLSX_TEMPLATE_META);
	if (ws == NULL || ms == NULL) {
		workbook_close(wb);
		diag_add(d, DIAG_ERROR, "template.write", path, 0, 0,
		    "không tạo được trang tính", "cannot create the sheets");
		return -1;
	}
	worksheet_hide(ms);
	page_setup(ws);
	e = write_head(ws, &f, in);
	if (e == LXW_NO_ERROR)
		e = write_meta(ms, in);
	if (e == LXW_NO_ERROR)
		e = write_rows(ws, ms, &f, rows, n);
	if (e != LXW_NO_ERROR) {
		workbook_close(wb);
		diag_add(d, DIAG_ERROR, "template.write", path, 0, 0,
		    "không ghi được phiếu%.0s", "cannot write the sheet: %s",
		    lxw_strerror(e));
		return -1;
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		diag_add(d, DIAG_ERROR, "template.write", path, 0, 0,
		    "không ghi được tệp%.0s", "cannot write the file: %s",
		    lxw_strerror(e));
		return -1;
	}
	return 0;
}

/* Reading a filled sheet back. */

void
xlsx_template_place(uint32_t row, struct buf *vi, struct buf *en)
{
	char ref[16];

	xlsx_ref(row, XT_VALUE, ref);
	buf_printf(vi, "Sheet '%s', ô %s: ", XLSX_TEMPLATE_SHEET, ref);
	buf_printf(en, "sheet '%s', cell %s: ", XLSX_TEMPLATE_SHEET, ref);
}

/* What a reader of one sheet shares. */
struct xlsx_rd {
	const char *xq_file;
	const struct method *xq_m;
	const struct xlsx_sheet *xq_sh;
	struct xlsx_work *xq_w;
	struct diag *xq_d;
	int xq_errors;
	size_t xq_dcap;
};

/*
 * cell_error(q, row, col, vi, en, ...): an error about one cell,
 * "Sheet 'Số liệu', ô H9: ..." ("sheet ..., cell H9: ..."), at the
 * sheet's row.
 */
__attribute__((format(printf, 4, 6))) static void
cell_error(struct xlsx_rd *q, uint32_t row, uint32_t col, const char *vi,
    const char *en, ...)
{
	struct diag why;
	char ref[16];
	va_list ap;

	q->xq_errors++;
	diag_init(&why);
	va_start(ap, en);
	diag_vadd(&why, DIAG_ERROR, "import.cell", NULL, 0, 0, vi, en, ap);
	va_end(ap);
	xlsx_ref(row, col, ref);
	diag_wrap(q->xq_d, &why, "import.cell", q->xq_file, (long)row, 0,
	    "Sheet '%s', ô %s", "sheet '%s', cell %s", q->xq_sh->xs_name, ref);
	diag_free(&why);
}

/* cell_text(sh, row, col): the text of a cell, "" when empty. */
static const char *
cell_text(const struct xlsx_sheet *sh, uint32_t row, uint32_t col)
{
	const struct xlsx_cell *c = xlsx_cell(sh, row, col);

	return c != NULL ? c->xv_text : "";
}

/* trim(s, len): ${s} without spaces, tabs, line breaks or NBSP around. */
static const char *
trim(const char *s, size_t *len)
{
	size_t n = strlen(s);

	for (;;) {
		if (n > 0 && strchr(" \t\r\n", *s) != NULL) {
			s++;
			n--;
		} else if (n >= 2 && (unsigned char)s[0] == 0xC2 &&
		    (unsigned char)s[1] == 0xA0) {
			s += 2;
			n -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
		    (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	*len = n;
	return s;
}

/* The meta sheet's value of ${key} (column A), or NULL. */
static const char *
meta_get(const struct xlsx_sheet *ms, const char *key)
{
	size_t i;

	for (i = 0; i < ms->xs_n; i++) {
		const struct xlsx_cell *c = &ms->xs_cells[i];

		if (c->xv_col == 1 && strcmp(c->xv_text, key) == 0)
			return cell_text(ms, c->xv_row, 2);
	}
	return NULL;
}

/* The hidden sheet: a work sheet of this period and methodology. */
static int
meta_check(struct xlsx_rd *q, const struct xlsx_sheet *ms, const char *period,
    const char *sha)
{
	const char *fmt = meta_get(ms, "format"), *p = meta_get(ms, "period");
	const char *s = meta_get(ms, "methodology_sha256");
	const char *ag = meta_get(ms, "agency");
	char t[40];

	if (fmt == NULL || strcmp(fmt, XLSX_TEMPLATE_FORMAT) != 0) {
		diag_add(q->xq_d, DIAG_ERROR, "import.sheet", q->xq_file, 0, 0,
		    "trang '%s' không mô tả một phiếu nhập của dti (%s)",
		    "sheet '%s' does not describe a work sheet of dti (%s)",
		    XLSX_TEMPLATE_META, XLSX_TEMPLATE_FORMAT);
		return -1;
	}
	if (p == NULL || strcmp(p, period) != 0) {
		diag_add(q->xq_d, DIAG_ERROR, "import.period", q->xq_file, 0, 0,
		    "đây là phiếu nhập của kỳ %s, không phải kỳ %s: lấy phiếu của kỳ %s bằng dti template",
		    "this is a work sheet of period %s, not of period %s: make one for %s with dti template",
		    xlsx_shown(p != NULL ? p : "?", t, sizeof(t)), period,
		    period);
		return -1;
	}
	if (s == NULL || strcmp(s, sha) != 0) {
		diag_add(q->xq_d, DIAG_ERROR, "import.methodology", q->xq_file,
		    0, 0,
		    "phiếu lập theo một phương pháp khác với phương pháp của kỳ %s: lấy phiếu mới bằng dti template",
		    "the work sheet was made for another methodology than period %s's: make a new one with dti template",
		    period);
		return -1;
	}
	q->xq_w->xw_agency = xstrdup(ag != NULL ? ag : "");
	return 0;
}

/* The header row: a sheet whose columns moved cannot be read safely. */
static int
header_check(struct xlsx_rd *q)
{
	static const struct {
		uint32_t hc_col;
		const char *hc_text;
	} want[] = {
		{ XT_VALUE, HEAD_VALUE },
		{ XT_DOC, HEAD_DOC },
		{ XT_HUNIT, HEAD_UNIT },
		{ XT_HINPUT, HEAD_INPUT },
	};
	char tmp[80];
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *t =
		    cell_text(q->xq_sh, XLSX_TEMPLATE_HEADER, want[i].hc_col);

		if (strcmp(t, want[i].hc_text) == 0)
			continue;
		cell_error(q, XLSX_TEMPLATE_HEADER, want[i].hc_col,
		    "tiêu đề phải là '%s', không phải '%s': cột của phiếu đã bị thêm, xóa hay đổi chỗ",
		    "the header must be '%s', not '%s': columns of the sheet were added, removed or moved",
		    want[i].hc_text, xlsx_shown(t, tmp, sizeof(tmp)));
		bad++;
	}
	return bad > 0 ? -1 : 0;
}

/*
 * value_text(q, c, mi, row, out, st): the text of value cell ${c} of
 * input ${mi} as a data file would write it into ${out}, and the number
 * format ${st} it is in; -1 when reported.
 */
static int
value_text(struct xlsx_rd *q, const struct xlsx_cell *c,
    const struct m_input *mi, uint32_t row, struct buf *out,
    enum numfmt_style *st)
{
	int num = mi->mi_kind == IK_COUNT || mi->mi_kind == IK_AMOUNT ||
	    mi->mi_kind == IK_NUMBER;
	const char *s;
	char t[80];
	size_t len;
	int k;

	*st = NUMFMT_MACHINE;
	if (c->xv_formula) {
		cell_error(q, row, XT_VALUE,
		    "%s có công thức: nhập giá trị, không nhập công thức",
		    "%s holds a formula: enter the value, not a formula",
		    mi->mi_name);
		return -1;
	}
	if (c->xv_type == XLSX_ERROR) {
		cell_error(q, row, XT_VALUE, "%s có giá trị lỗi %s",
		    "%s holds the error value %s", mi->mi_name,
		    xlsx_shown(c->xv_text, t, sizeof(t)));
		return -1;
	}
	if (c->xv_type == XLSX_BOOL) {
		if (mi->mi_kind != IK_YESNO) {
			cell_error(q, row, XT_VALUE,
			    "%s: giá trị đúng/sai chỉ dùng cho dữ liệu có/không",
			    "%s: a boolean is only for a yes/no input",
			    mi->mi_name);
			return -1;
		}
		buf_puts(out, c->xv_text);
		return 0;
	}
	if (c->xv_type == XLSX_NUMBER) {
		if (mi->mi_kind == IK_CHOICE) {
			cell_error(q, row, XT_VALUE,
			    "%s: chọn một giá trị trong danh sách thả xuống, không nhập số %s",
			    "%s: pick a value of the drop-down list, not the number %s",
			    mi->mi_name, xlsx_shown(c->xv_text, t, sizeof(t)));
			return -1;
		}
		/* the number as the file stores it: exact, no locale */
		*st = num ? NUMFMT_STORED : NUMFMT_MACHINE;
		buf_puts(out, c->xv_text);
		return 0;
	}
	s = mi->mi_kind == IK_TEXT ? c->xv_text : trim(c->xv_text, &len);
	if (mi->mi_kind == IK_TEXT)
		len = strlen(s);
	if (num) {
		*st = NUMFMT_VI; /* a work sheet is in the Vietnamese format */
		buf_append(out, s, len);
		return 0;
	}
	if (mi->mi_kind == IK_YESNO) {
		static const char *const yes[] = { XLSX_TEMPLATE_YES, "có",
			"CÓ", "1" };
		static const char *const no[] = { XLSX_TEMPLATE_NO, "không",
			"KHÔNG", "0" };

		for (k = 0; k < 4; k++) {
			if (strlen(yes[k]) == len &&
			    memcmp(s, yes[k], len) == 0) {
				buf_puts(out, "1");
				return 0;
			}
			if (strlen(no[k]) == len &&
			    memcmp(s, no[k], len) == 0) {
				buf_puts(out, "0");
				return 0;
			}
		}
		cell_error(q, row, XT_VALUE,
		    "%s = '%s': chọn %s hoặc %s trong danh sách",
		    "%s = '%s': pick %s or %s from the list", mi->mi_name,
		    xlsx_shown(c->xv_text, t, sizeof(t)), XLSX_TEMPLATE_YES,
		    XLSX_TEMPLATE_NO);
		return -1;
	}
	if (mi->mi_kind == IK_CHOICE) {
		for (k = 0; k < mi->mi_noptions; k++) {
			const struct m_option *o = &mi->mi_options[k];

			if ((o->mo_label != NULL &&
				strlen(o->mo_label) == len &&
				memcmp(o->mo_label, s, len) == 0) ||
			    (strlen(o->mo_code) == len &&
				memcmp(o->mo_code, s, len) == 0)) {
				buf_puts(out, o->mo_code);
				return 0;
			}
		}
		cell_error(q, row, XT_VALUE,
		    "%s = '%s': không phải một lựa chọn của danh sách thả xuống",
		    "%s = '%s': not an option of the drop-down list",
		    mi->mi_name, xlsx_shown(c->xv_text, t, sizeof(t)));
		return -1;
	}
	buf_append(out, s, len);
	return 0;
}

/* One input row of the sheet: its value (if any) into the round. */
static void
read_row(struct xlsx_rd *q, uint32_t row, const char *code)
{
	const struct method *m = q->xq_m;
	struct round *r = q->xq_w->xw_r;
	const struct xlsx_cell *vc = xlsx_cell(q->xq_sh, row, XT_VALUE);
	const char *unit = cell_text(q->xq_sh, row, XT_HUNIT), *doc;
	char ref[16], t1[80], t2[80];
	enum numfmt_style st;
	struct buf text, raw;
	struct diag why;
	size_t dlen, vlen = 0;
	double x;
	int in, u;

	in = method_input(m, code, strlen(code));
	if (in < 0) {
		cell_error(q, row, XT_HINPUT,
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "no input '%s' in methodology %s",
		    xlsx_shown(code, t1, sizeof(t1)), m->m_id);
		return;
	}
	doc = trim(cell_text(q->xq_sh, row, XT_DOC), &dlen);
	if (vc != NULL && !vc->xv_formula && vc->xv_type == XLSX_TEXT)
		trim(vc->xv_text, &vlen);
	if (vc == NULL ||
	    (!vc->xv_formula && vc->xv_type == XLSX_TEXT && vlen == 0)) {
		/* not filled: a partly filled sheet is fine */
		xlsx_ref(row, XT_DOC, ref);
		if (dlen > 0)
			diag_add(q->xq_d, DIAG_WARNING, "import.doc_only",
			    q->xq_file, (long)row, 0,
			    "Sheet '%s', ô %s: %s chưa có giá trị, bỏ qua văn bản minh chứng",
			    "sheet '%s', cell %s: %s has no value, its evidence reference is ignored",
			    XLSX_TEMPLATE_SHEET, ref, code);
		return;
	}
	if (!round_valid_unit_id(unit, strlen(unit))) {
		cell_error(q, row, XT_HUNIT, "mã đơn vị '%s' không hợp lệ",
		    "invalid unit '%s'", xlsx_shown(unit, t1, sizeof(t1)));
		return;
	}
	u = round_unit(r, unit, strlen(unit));
	if (u < 0) {
		cell_error(q, row, XT_HUNIT, "quá nhiều đơn vị (tối đa %d)",
		    "too many units (at most %d)", ROUND_MAX_UNITS);
		return;
	}
	if (round_has(r, u, in)) {
		cell_error(q, row, XT_HINPUT,
		    "%s của đơn vị %s có hai lần (dòng %lu)",
		    "%s of unit %s is given twice (row %lu)", code, unit,
		    (unsigned long)r->r_line[(size_t)u * (size_t)m->m_ninputs +
			(size_t)in]);
		return;
	}
	buf_init(&text);
	buf_init(&raw);
	diag_init(&why);
	if (value_text(q, vc, &m->m_inputs[in], row, &text, &st) < 0)
		goto out;
	if (method_value_parse(&m->m_inputs[in], buf_cstr(&text), text.b_len,
		st, &x, &why) < 0) {
		q->xq_errors++;
		xlsx_ref(row, XT_VALUE, ref);
		diag_wrap(q->xq_d, &why, "import.cell", q->xq_file, (long)row,
		    0, "Sheet '%s', ô %s: %s = '%s'",
		    "sheet '%s', cell %s: %s = '%s'", q->xq_sh->xs_name, ref,
		    code, xlsx_shown(vc->xv_text, t2, sizeof(t2)));
		goto out;
	}
	if (m->m_inputs[in].mi_kind == IK_TEXT)
		round_set_text(r, u, in, buf_cstr(&text), row);
	else
		round_set(r, u, in, x, row);
	numfmt_machine_text(&raw, buf_cstr(&text), text.b_len,
	    st == NUMFMT_VI ? NUMFMT_VI : NUMFMT_MACHINE);
	round_set_raw(r, u, in, buf_cstr(&raw));
	if (dlen > 0) {
		struct xlsx_work *w = q->xq_w;

		if (w->xw_ndocs == q->xq_dcap) {
			q->xq_dcap = q->xq_dcap ? q->xq_dcap * 2 : 16;
			w->xw_docs = xreallocarray(
			    w->xw_docs, q->xq_dcap, sizeof(*w->xw_docs));
		}
		w->xw_docs[w->xw_ndocs].xd_unit = u;
		w->xw_docs[w->xw_ndocs].xd_input = in;
		w->xw_docs[w->xw_ndocs].xd_row = row;
		w->xw_docs[w->xw_ndocs].xd_doc = xstrndup(doc, dlen);
		w->xw_ndocs++;
	}
out:
	diag_free(&why);
	buf_free(&text);
	buf_free(&raw);
}

void
xlsx_template_free(struct xlsx_work *w)
{
	size_t i;

	round_free(w->xw_r);
	for (i = 0; i < w->xw_ndocs; i++)
		free(w->xw_docs[i].xd_doc);
	free(w->xw_docs);
	free(w->xw_agency);
	memset(w, 0, sizeof(*w));
}

int
xlsx_template_read(const void *data, size_t len, const char *file,
    const struct method *m, const char *period, const char *sha,
    struct xlsx_work *out, struct diag *d)
{
	struct xlsx_sheet *ms = NULL, *sh = NULL;
	struct xlsx_book *b = NULL;
	struct xlsx_rd q;
	size_t i;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&q, 0, sizeof(q));
	q.xq_file = file;
	q.xq_m = m;
	q.xq_w = out;
	q.xq_d = d;
	if (xlsx_open(&b, data, len, file, d) < 0)
		return -1;
	if (!xlsx_has_sheet(b, XLSX_TEMPLATE_META) ||
	    !xlsx_has_sheet(b, XLSX_TEMPLATE_SHEET)) {
		diag_add(d, DIAG_ERROR, "import.sheet", file, 0, 0,
		    "bảng tính không phải phiếu nhập của dti (không có trang '%s' và '%s'): lấy phiếu bằng dti template",
		    "the workbook is not a work sheet of dti (no sheets '%s' and '%s'): make one with dti template",
		    XLSX_TEMPLATE_SHEET, XLSX_TEMPLATE_META);
		goto out;
	}
	if (xlsx_sheet_read(b, XLSX_TEMPLATE_META, &ms, d) < 0)
		goto out;
	if (meta_check(&q, ms, period, sha) < 0)
		goto out;
	if (xlsx_sheet_read(b, XLSX_TEMPLATE_SHEET, &sh, d) < 0)
		goto out;
	q.xq_sh = sh;
	if (header_check(&q) < 0)
		goto out;
	out->xw_r = round_new(m);
	for (i = 0; i < sh->xs_n; i++) {
		const struct xlsx_cell *c = &sh->xs_cells[i];

		/* an input row: its hidden code, below the header */
		if (c->xv_col != XT_HINPUT ||
		    c->xv_row <= XLSX_TEMPLATE_HEADER || c->xv_text[0] == '\0')
			continue;
		read_row(&q, c->xv_row, c->xv_text);
	}
	rc = q.xq_errors > 0 ? -1 : 0;
out:
	diag_sort(d);
	xlsx_sheet_free(ms);
	xlsx_sheet_free(sh);
	xlsx_close(b);
	if (rc != 0)
		xlsx_template_free(out);
	return rc;
}
