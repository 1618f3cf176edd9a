/*
 * report.h: the period's report (app/app.h, struct app_report) rendered
 * as an XLSX workbook (Appendix 2's layout, one sheet per group, a
 * summary with native charts), an editable DOCX (the administrative
 * layout of Nghị định 30/2020/NĐ-CP, its XML parts from the templates
 * under templates/docx/) and a PDF for printing (Cairo and Pango). The
 * charts of the DOCX and the PDF are drawn by report_chart.c.
 */
#ifndef DTI_REPORT_H
#define DTI_REPORT_H

#include <cairo.h>

#include "util/buf.h"
#include "util/diag.h"

struct app_report;

enum report_format {
	REPORT_XLSX,
	REPORT_DOCX,
	REPORT_PDF,
};

/* report_format_parse(name, out): "xlsx", "docx", "pdf"; else -1. */
int report_format_parse(const char *, enum report_format *);
/* report_format_type(f): its media type (static). */
const char *report_format_type(enum report_format);
/* report_format_ext(f): "xlsx", "docx", "pdf" (static). */
const char *report_format_ext(enum report_format);

/*
 * report_write(r, f, path, d): the report ${r} in format ${f} into the
 * file ${path}; 0, or -1 with the reason in ${d}.
 */
int report_write(
    const struct app_report *, enum report_format, const char *, struct diag *);
int report_xlsx_write(const struct app_report *, const char *, struct diag *);
int report_docx_write(const struct app_report *, const char *, struct diag *);
int report_pdf_write(const struct app_report *, const char *, struct diag *);

/* The report's charts. */
enum report_chart {
	REPORT_CHART_GROUPS, /* each group's score against its maximum */
	REPORT_CHART_LOSSES, /* points lost per lead agency */
};
/*
 * report_chart_draw(cr, r, which, w, h): draw chart ${which} of ${r}
 * into the ${w} x ${h} points at the origin of ${cr} (Liberation Sans).
 */
void report_chart_draw(
    cairo_t *, const struct app_report *, enum report_chart, double, double);
/*
 * report_chart_png(r, which, w, h, out): the chart as a PNG of ${w} x
 * ${h} pixels appended to ${out}; 0, or -1.
 */
int report_chart_png(
    const struct app_report *, enum report_chart, int, int, struct buf *);
/*
 * report_num(out, v, dec): ${v} with ${dec} decimals, Vietnamese style
 * (1.234,5); "—" for NAN.
 */
void report_num(struct buf *, double, int);

#endif
