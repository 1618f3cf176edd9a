/*
 * report_chart.c: the report's charts, drawn with Cairo and Pango
 * (Liberation Sans): into the PDF's pages, and as PNG images for the
 * DOCX.
 */
#include "io/report.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"

#define MAX_BARS 40
#define PNG_PT 450.0 /* a PNG chart's width in the document, points */

/* One bar: its label, its value and the most it can be. */
struct rc_bar {
	const char *rcb_label;
	double rcb_value;
	double rcb_max;
};

static void
text_at(cairo_t *cr, const char *text, double size, int bold, double x,
    double y, double width, PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, "Liberation Sans");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(
	    fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	/* one line: a long name is cut with "…", never runs into the next */
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* Horizontal bars: the maximum in grey, the value in blue, its number. */
static void
bars_draw(cairo_t *cr, const char *title, const struct rc_bar *b, int n,
    double w, double h)
{
	double top = 28, left = w * 0.34, right = 60, scale = 0, bh, y;
	int i;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	text_at(cr, title, 12, 1, 0, 4, w, PANGO_ALIGN_CENTER);
	for (i = 0; i < n; i++)
		scale = fmax(scale, fmax(b[i].rcb_max, b[i].rcb_value));
	if (n == 0 || scale <= 0) {
		cairo_restore(cr);
		return;
	}
	bh = (h - top - 8) / n;
	for (i = 0; i < n; i++) {
		double bw = (w - left - right) / scale;
		struct buf num;

		y = top + i * bh;
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, b[i].rcb_label, fmin(10, bh * 0.6), 0, 0,
		    y + bh * 0.15, left - 6, PANGO_ALIGN_RIGHT);
		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		cairo_rectangle(
		    cr, left, y + bh * 0.15, b[i].rcb_max * bw, bh * 0.7);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.18, 0.38, 0.65);
		cairo_rectangle(
		    cr, left, y + bh * 0.15, b[i].rcb_value * bw, bh * 0.7);
		cairo_fill(cr);
		buf_init(&num);
		report_num(&num, b[i].rcb_value, 2);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, buf_cstr(&num), fmin(10, bh * 0.6), 0,
		    left + fmax(b[i].rcb_max, b[i].rcb_value) * bw + 4,
		    y + bh * 0.15, right, PANGO_ALIGN_LEFT);
		buf_free(&num);
	}
	cairo_restore(cr);
}

void
report_chart_draw(cairo_t *cr, const struct app_report *r,
    enum report_chart which, double w, double h)
{
	struct rc_bar b[MAX_BARS];
	char labels[MAX_BARS][96];
	int n = 0, i;

	if (which == REPORT_CHART_GROUPS) {
		for (i = 0; i < r->rpt_ngroups && n < MAX_BARS; i++) {
			if (r->rpt_groups[i].rpf_max <= 0)
				continue;
			snprintf(labels[n], sizeof(labels[n]), "%s. %s",
			    r->rpt_groups[i].rpf_code,
			    r->rpt_groups[i].rpf_name);
			b[n].rcb_label = labels[n];
			b[n].rcb_value = isnan(r->rpt_groups[i].rpf_value)
			    ? 0
			    : r->rpt_groups[i].rpf_value;
			b[n].rcb_max = r->rpt_groups[i].rpf_max;
			n++;
		}
		bars_draw(
		    cr, "Điểm các nhóm chỉ số (xám: điểm tối đa)", b, n, w, h);
		return;
	}
	for (i = 0; i < r->rpt_nlosses && n < MAX_BARS; i++) {
		if (r->rpt_losses[i].rpl_lost <= 0)
			continue;
		b[n].rcb_label = r->rpt_losses[i].rpl_agency;
		b[n].rcb_value = r->rpt_losses[i].rpl_lost;
		b[n].rcb_max = 0;
		n++;
	}
	bars_draw(cr, "Điểm bị mất theo cơ quan phụ trách", b, n, w, h);
}

static cairo_status_t
png_out(void *ctx, const unsigned char *data, unsigned int len)
{
	buf_append(ctx, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int
report_chart_png(const struct app_report *r, enum report_chart which, int w,
    int h, struct buf *out)
{
	cairo_surface_t *sf =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(sf);
	cairo_status_t st;

	/* laid out at the points it takes in the document (the text width),
	 * drawn at ${w} pixels: the words stay readable and sharp */
	double k = w / PNG_PT;

	cairo_scale(cr, k, k);
	report_chart_draw(cr, r, which, PNG_PT, h / k);
	cairo_destroy(cr);
	st = cairo_surface_write_to_png_stream(sf, png_out, out);
	cairo_surface_destroy(sf);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
