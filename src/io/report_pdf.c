/*
 * report_pdf.c: the report for printing: A4 pages drawn with Cairo, text
 * laid out by Pango in Liberation Serif (Times New Roman's metrics,
 * Vietnamese covered), page numbers at the foot.
 */
#include "io/report.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "app/app.h"
#include "io/rdoc.h"

#define PAGE_W 595.28 /* A4 in points */
#define PAGE_H 841.89
#define M_LEFT 85.0 /* 30 mm: the decree's left margin */
#define M_RIGHT 57.0 /* 20 mm */
#define M_TOP 57.0
#define M_BOTTOM 57.0
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define BODY_PT 13.0
#define TABLE_PT 10.5
#define CELL_PAD 3.0
#define CHART_H 230.0

/* Where the writing is. */
struct pdf_ctx {
	cairo_t *pdc_cr;
	double pdc_y;
	int pdc_page;
};

static PangoLayout *
layout_new(cairo_t *cr, const char *text, double pt, int bold, int italic,
    double width, PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, "Liberation Serif");
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	if (align == PANGO_ALIGN_LEFT && width > TEXT_W * 0.9)
		pango_layout_set_justify(l, 1);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
page_foot(struct pdf_ctx *pc)
{
	char n[32];
	PangoLayout *l;

	snprintf(n, sizeof(n), "%d", pc->pdc_page);
	l = layout_new(pc->pdc_cr, n, 11, 0, 0, TEXT_W, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(pc->pdc_cr, 0, 0, 0);
	cairo_move_to(pc->pdc_cr, M_LEFT, PAGE_H - M_BOTTOM + 18);
	pango_cairo_show_layout(pc->pdc_cr, l);
	g_object_unref(l);
}

/* Start a new page when ${h} points do not fit on this one. */
static void
need(struct pdf_ctx *pc, double h)
{
	if (pc->pdc_y + h <= PAGE_H - M_BOTTOM)
		return;
	page_foot(pc);
	cairo_show_page(pc->pdc_cr);
	pc->pdc_page++;
	pc->pdc_y = M_TOP;
}

static void
text_block(struct pdf_ctx *pc, const char *text, double pt, int bold,
    int italic, PangoAlignment align, double indent, double after)
{
	PangoLayout *l = layout_new(
	    pc->pdc_cr, text, pt, bold, italic, TEXT_W - indent, align);
	double h = layout_h(l);

	need(pc, h);
	cairo_set_source_rgb(pc->pdc_cr, 0, 0, 0);
	cairo_move_to(pc->pdc_cr, M_LEFT + indent, pc->pdc_y);
	pango_cairo_show_layout(pc->pdc_cr, l);
	pc->pdc_y += h + after;
	g_object_unref(l);
}

/* Text centred in a column starting at ${x} of width ${w}; its height. */
static double
centred(struct pdf_ctx *pc, const char *text, double pt, int bold, int italic,
    double x, double y, double w)
{
	PangoLayout *l = layout_new(
	    pc->pdc_cr, text, pt, bold, italic, w, PANGO_ALIGN_CENTER);
	double h = layout_h(l);

	cairo_move_to(pc->pdc_cr, x, y);
	pango_cairo_show_layout(pc->pdc_cr, l);
	g_object_unref(l);
	return h;
}

/* The head: issuing body and number left, motto and date right. */
static void
head_draw(struct pdf_ctx *pc, const struct rdoc *doc)
{
	double lw = TEXT_W * 0.42, rw = TEXT_W * 0.58, y = pc->pdc_y, ly, ry;
	cairo_t *cr = pc->pdc_cr;

	cairo_set_source_rgb(cr, 0, 0, 0);
	ly = y + centred(pc, RDOC_BODY_TOP, 12, 0, 0, M_LEFT - 30, y, lw + 30);
	ly += centred(pc, RDOC_BODY, 12, 1, 0, M_LEFT - 30, ly, lw + 30);
	cairo_move_to(cr, M_LEFT - 30 + (lw + 30) * 0.5 - 35, ly + 2);
	cairo_line_to(cr, M_LEFT - 30 + (lw + 30) * 0.5 + 35, ly + 2);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	ly += 8;
	ly += centred(pc, RDOC_NUMBER, 13, 0, 0, M_LEFT - 30, ly, lw + 30);
	ry = y + centred(pc, RDOC_MOTTO, 12, 1, 0, M_LEFT + lw, y, rw);
	ry += centred(pc, RDOC_MOTTO2, 13, 1, 0, M_LEFT + lw, ry, rw);
	cairo_move_to(cr, M_LEFT + lw + rw * 0.5 - 75, ry + 2);
	cairo_line_to(cr, M_LEFT + lw + rw * 0.5 + 75, ry + 2);
	cairo_stroke(cr);
	ry += 8;
	ry += centred(pc, doc->rdo_date, 13, 0, 1, M_LEFT + lw, ry, rw);
	pc->pdc_y = (ly > ry ? ly : ry) + 24;
	text_block(pc, "BÁO CÁO", 14, 1, 0, PANGO_ALIGN_CENTER, 0, 2);
	text_block(pc, doc->rdo_subject, 14, 1, 0, PANGO_ALIGN_CENTER, 0, 14);
	text_block(pc,
	    "Kính gửi: Ủy ban nhân dân tỉnh Ninh Thuận; Bộ Thông tin và Truyền "
	    "thông.",
	    13, 0, 0, PANGO_ALIGN_CENTER, 0, 14);
}

/* Recipients left, the signature block right. */
static void
foot_draw(struct pdf_ctx *pc)
{
	static const char *const to[] = { "- Như trên;",
		"- Ban Chỉ đạo Chuyển đổi số tỉnh (b/c);",
		"- Các sở, ban, ngành, địa phương;", "- Lưu: VT, CĐS." };
	double lw = TEXT_W * 0.5, y, ly, ry;
	size_t i;

	need(pc, 140);
	y = pc->pdc_y + 10;
	cairo_set_source_rgb(pc->pdc_cr, 0, 0, 0);
	{
		PangoLayout *l = layout_new(
		    pc->pdc_cr, "Nơi nhận:", 12, 1, 1, lw, PANGO_ALIGN_LEFT);

		cairo_move_to(pc->pdc_cr, M_LEFT, y);
		pango_cairo_show_layout(pc->pdc_cr, l);
		ly = y + layout_h(l);
		g_object_unref(l);
	}
	for (i = 0; i < sizeof(to) / sizeof(to[0]); i++) {
		PangoLayout *l = layout_new(
		    pc->pdc_cr, to[i], 11, 0, 0, lw, PANGO_ALIGN_LEFT);

		cairo_move_to(pc->pdc_cr, M_LEFT, ly);
		pango_cairo_show_layout(pc->pdc_cr, l);
		ly += layout_h(l);
		g_object_unref(l);
	}
	ry = y + centred(pc, "GIÁM ĐỐC", 13, 1, 0, M_LEFT + lw, y, lw);
	ry += centred(
	    pc, "(Ký, ghi rõ họ tên, đóng dấu)", 12, 0, 1, M_LEFT + lw, ry, lw);
	pc->pdc_y = (ly > ry + 70 ? ly : ry + 70);
}

/* A table: header shaded, rows split across pages, header repeated. */
static void
table_draw(struct pdf_ctx *pc, const struct rdoc_block *b)
{
	cairo_t *cr = pc->pdc_cr;
	int r, c, fresh = 0;

	for (r = 0; r < b->rdb_nrows; r++) {
		PangoLayout *cells[RDOC_MAX_COLS];
		double h = 0, x = M_LEFT;

		for (c = 0; c < b->rdb_ncols; c++) {
			double w = b->rdb_widths[c] * TEXT_W - 2 * CELL_PAD;

			cells[c] =
			    layout_new(cr, b->rdb_cells[r * b->rdb_ncols + c],
				TABLE_PT, r == 0, 0, w,
				r == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
			if (layout_h(cells[c]) > h)
				h = layout_h(cells[c]);
		}
		h += 2 * CELL_PAD;
		if (r > 0 && !fresh && pc->pdc_y + h > PAGE_H - M_BOTTOM) {
			need(pc, h);
			/* the header again on the new page */
			for (c = 0; c < b->rdb_ncols; c++)
				g_object_unref(cells[c]);
			{
				struct rdoc_block head = *b;

				head.rdb_nrows = 1;
				table_draw(pc, &head);
				pc->pdc_y -= 8;
			}
			fresh =
			    1; /* a row taller than a page is cut, not looped */
			r--;
			continue;
		}
		need(pc, h);
		for (c = 0; c < b->rdb_ncols; c++) {
			double w = b->rdb_widths[c] * TEXT_W;

			if (r == 0) {
				cairo_set_source_rgb(cr, 0.85, 0.88, 0.95);
				cairo_rectangle(cr, x, pc->pdc_y, w, h);
				cairo_fill(cr);
			}
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, x, pc->pdc_y, w, h);
			cairo_stroke(cr);
			cairo_move_to(cr, x + CELL_PAD, pc->pdc_y + CELL_PAD);
			pango_cairo_show_layout(cr, cells[c]);
			g_object_unref(cells[c]);
			x += w;
		}
		fresh = 0;
		pc->pdc_y += h;
	}
	pc->pdc_y += 8;
}

int
report_pdf_write(const struct app_report *r, const char *path, struct diag *d)
{
	cairo_surface_t *sf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	struct pdf_ctx pc;
	struct rdoc doc;
	cairo_status_t st;
	int i;

	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s",
		    "cannot write the report %s", path);
		return -1;
	}
	cairo_pdf_surface_set_metadata(
	    sf, CAIRO_PDF_METADATA_TITLE, "Báo cáo Chỉ số chuyển đổi số (DTI)");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "dti");
	rdoc_build(r, &doc);
	pc.pdc_cr = cairo_create(sf);
	pc.pdc_y = M_TOP;
	pc.pdc_page = 1;
	head_draw(&pc, &doc);
	for (i = 0; i < doc.rdo_n; i++) {
		const struct rdoc_block *b = &doc.rdo_blocks[i];

		switch (b->rdb_kind) {
		case RDOC_HEADING:
			need(&pc, 60); /* never alone at a page's foot */
			text_block(&pc, b->rdb_text, BODY_PT, 1, 0,
			    PANGO_ALIGN_LEFT, 0, 6);
			break;
		case RDOC_PARA:
			text_block(&pc, b->rdb_text, BODY_PT, 0, 0,
			    PANGO_ALIGN_LEFT, 0, 6);
			break;
		case RDOC_NOTE:
			text_block(
			    &pc, b->rdb_text, 12, 0, 1, PANGO_ALIGN_LEFT, 0, 6);
			break;
		case RDOC_TABLE: table_draw(&pc, b); break;
		case RDOC_CHART:
			need(&pc, CHART_H + 10);
			cairo_save(pc.pdc_cr);
			cairo_translate(pc.pdc_cr, M_LEFT, pc.pdc_y);
			report_chart_draw(
			    pc.pdc_cr, r, b->rdb_chart, TEXT_W, CHART_H);
			cairo_restore(pc.pdc_cr);
			pc.pdc_y += CHART_H + 10;
			break;
		}
	}
	foot_draw(&pc);
	page_foot(&pc);
	cairo_show_page(pc.pdc_cr);
	cairo_destroy(pc.pdc_cr);
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	rdoc_free(&doc);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s: %s",
		    "cannot write the report %s: %s", path,
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
