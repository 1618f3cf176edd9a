/*
 * rdoc.h: the report's text as a list of blocks (headings,
 * paragraphs, tables, charts), built once from the model and laid out by
 * both the DOCX (report_docx.c) and the PDF (report_pdf.c), so that the
 * two say the same.
 */
#ifndef DTI_RDOC_H
#define DTI_RDOC_H

#include "io/report.h"

enum rdoc_kind {
	RDOC_HEADING, /* a section's heading: bold */
	RDOC_PARA, /* a paragraph, justified */
	RDOC_NOTE, /* an italic remark */
	RDOC_TABLE,
	RDOC_CHART,
};

#define RDOC_MAX_COLS 8

struct rdoc_block {
	enum rdoc_kind rdb_kind;
	char *rdb_text; /* heading, paragraph, note */
	int rdb_ncols; /* table */
	double rdb_widths[RDOC_MAX_COLS]; /* fractions of the text width */
	int rdb_nrows; /* the first is the header */
	char **rdb_cells; /* [row * ncols + col] */
	enum report_chart rdb_chart;
};

/* The report as blocks, and the words of its head and foot. */
struct rdoc {
	struct rdoc_block *rdo_blocks;
	int rdo_n;
	char rdo_subject[256]; /* the subject line */
	char rdo_date[128]; /* "Ninh Thuận, ngày 30 tháng 11 năm 2026" */
};

/* rdoc_build(r, out): the blocks of ${r}; free with rdoc_free. */
void rdoc_build(const struct app_report *, struct rdoc *);
void rdoc_free(struct rdoc *);

/* The fixed words of the administrative layout (NĐ 30/2020/NĐ-CP). */
#define RDOC_BODY_TOP "UBND TỈNH NINH THUẬN"
#define RDOC_BODY "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
#define RDOC_NUMBER "Số: .../BC-STTTT"
#define RDOC_MOTTO "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define RDOC_MOTTO2 "Độc lập - Tự do - Hạnh phúc"

#endif
