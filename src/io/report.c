/* report.c: the report's formats and numbers, shared by its renderings. */
#include "io/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *rf_name;
	const char *rf_type;
} formats[] = {
	[REPORT_XLSX] = { "xlsx",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	[REPORT_DOCX] = { "docx",
	    "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document" },
	[REPORT_PDF] = { "pdf", "application/pdf" },
};

int
report_format_parse(const char *name, enum report_format *out)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(formats) / sizeof(formats[0]);
	     i++)
		if (strcmp(name, formats[i].rf_name) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

const char *
report_format_type(enum report_format f)
{
	return formats[f].rf_type;
}

const char *
report_format_ext(enum report_format f)
{
	return formats[f].rf_name;
}

int
report_write(const struct app_report *r, enum report_format f, const char *path,
    struct diag *d)
{
	switch (f) {
	case REPORT_XLSX: return report_xlsx_write(r, path, d);
	case REPORT_DOCX: return report_docx_write(r, path, d);
	case REPORT_PDF: return report_pdf_write(r, path, d);
	}
	return -1;
}

void
report_num(struct buf *out, double v, int dec)
{
	char tmp[64], *dot;
	const char *p;
	size_t ndig;

	if (isnan(v)) {
		buf_puts(out, "—");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	p = tmp;
	/* -0,0000: a change too small to show has no sign */
	if (*p == '-' && strspn(p + 1, "0.") == strlen(p + 1))
		p++;
	if (*p == '-') {
		buf_putc(out, '-');
		p++;
	}
	dot = strchr(p, '.');
	ndig = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (size_t i = 0; i < ndig; i++) {
		if (i > 0 && (ndig - i) % 3 == 0)
			buf_putc(out, '.');
		buf_putc(out, p[i]);
	}
	if (dot != NULL) {
		buf_putc(out, ',');
		buf_puts(out, dot + 1);
	}
}
