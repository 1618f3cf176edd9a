/*
 * report_docx.c: the report as an editable Word document: its XML parts
 * are the templates under templates/docx/ (compiled in by
 * cmake/embed.cmake) filled by tpl.h, the charts PNG images drawn by
 * report_chart.c, the container written by libzip.
 */
#include "io/report.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "app/app.h"
#include "io/rdoc.h"
#include "io/tpl.h"

/* The templates, as cmake/embed.cmake wrote them (CMakeLists.txt's
 * DOCX_TEMPLATES). */
extern const char docx_content_types_text[], docx_rels_text[], docx_core_text[],
    docx_document_rels_text[], docx_image_rel_text[], docx_styles_text[],
    docx_footer_text[], docx_document_text[], docx_heading_text[],
    docx_para_text[], docx_note_text[], docx_table_text[], docx_gridcol_text[],
    docx_row_text[], docx_row_head_text[], docx_cell_text[],
    docx_cell_shade_text[], docx_cell_para_text[], docx_cell_center_text[],
    docx_cell_bold_text[], docx_chart_text[];

#define TEXT_TWIPS 9071 /* A4 less the margins of document.xml */
#define EMU_PER_TWIP 635
#define CHART_W 1600 /* the chart's pixels */
#define CHART_H 720
#define MAX_CHARTS 8

#define V(name, value) \
	{ \
		name, value \
	}
#define FILL(out, tpl, ...) \
	fill_checked(bad, out, tpl, (const struct tpl_var[]){ __VA_ARGS__ }, \
	    sizeof((const struct tpl_var[]){ __VA_ARGS__ }) / \
		sizeof(struct tpl_var))

/* What the parts are built in. */
struct docx_ctx {
	struct buf dx_blocks; /* the body's XML */
	struct buf dx_rels; /* the images' relationships */
	struct buf dx_png[MAX_CHARTS];
	int dx_ncharts;
	int dx_bad; /* a template named a variable not given */
};

/* FILL's function: a template that names a variable not given sets ${bad}. */
static void
fill_checked(int *bad, struct buf *out, const char *tpl,
    const struct tpl_var *v, size_t n)
{
	if (tpl_fill(out, tpl, v, n) != 0)
		*bad = 1;
}

/* A cell's paragraphs: one per line of its text. */
static void
cell_paras(int *bad, struct buf *out, const char *text, int head)
{
	const char *p = text, *nl;
	struct buf line;

	buf_init(&line);
	do {
		nl = strchr(p, '\n');
		buf_reset(&line);
		buf_append(&line, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		FILL(out, docx_cell_para_text,
		    V("center", head ? docx_cell_center_text : ""),
		    V("bold", head ? docx_cell_bold_text : ""),
		    V("text", buf_cstr(&line)));
		p = nl != NULL ? nl + 1 : NULL;
	} while (p != NULL);
	buf_free(&line);
}

static void
table_xml(struct docx_ctx *dx, const struct rdoc_block *b)
{
	struct buf grid, rows, cells, paras;
	char w[RDOC_MAX_COLS][16], total[16];
	int r, c, sum = 0, *bad = &dx->dx_bad;

	buf_init(&grid);
	buf_init(&rows);
	buf_init(&cells);
	buf_init(&paras);
	for (c = 0; c < b->rdb_ncols; c++) {
		int tw = (int)(b->rdb_widths[c] * TEXT_TWIPS);

		sum += tw;
		snprintf(w[c], sizeof(w[c]), "%d", tw);
		FILL(&grid, docx_gridcol_text, V("width", w[c]));
	}
	snprintf(total, sizeof(total), "%d", sum);
	for (r = 0; r < b->rdb_nrows; r++) {
		buf_reset(&cells);
		for (c = 0; c < b->rdb_ncols; c++) {
			buf_reset(&paras);
			cell_paras(bad, &paras,
			    b->rdb_cells[r * b->rdb_ncols + c], r == 0);
			FILL(&cells, docx_cell_text, V("width", w[c]),
			    V("shade", r == 0 ? docx_cell_shade_text : ""),
			    V("paras", buf_cstr(&paras)));
		}
		FILL(&rows, docx_row_text,
		    V("head", r == 0 ? docx_row_head_text : ""),
		    V("cells", buf_cstr(&cells)));
	}
	FILL(&dx->dx_blocks, docx_table_text, V("width", total),
	    V("grid", buf_cstr(&grid)), V("rows", buf_cstr(&rows)));
	buf_free(&grid);
	buf_free(&rows);
	buf_free(&cells);
	buf_free(&paras);
}

static int
chart_xml(
    struct docx_ctx *dx, const struct app_report *r, enum report_chart which)
{
	char rid[24], file[32], id[16], cx[24], cy[24];
	int k = dx->dx_ncharts, *bad = &dx->dx_bad;

	if (k == MAX_CHARTS)
		return 0;
	buf_init(&dx->dx_png[k]);
	if (report_chart_png(r, which, CHART_W, CHART_H, &dx->dx_png[k]) != 0)
		return -1;
	dx->dx_ncharts++;
	snprintf(rid, sizeof(rid), "rIdImg%d", k + 1);
	snprintf(file, sizeof(file), "chart%d.png", k + 1);
	snprintf(id, sizeof(id), "%d", k + 1);
	snprintf(cx, sizeof(cx), "%ld", (long)TEXT_TWIPS * EMU_PER_TWIP);
	snprintf(cy, sizeof(cy), "%ld",
	    (long)TEXT_TWIPS * EMU_PER_TWIP * CHART_H / CHART_W);
	FILL(&dx->dx_rels, docx_image_rel_text, V("rid", rid), V("file", file));
	FILL(&dx->dx_blocks, docx_chart_text, V("cx", cx), V("cy", cy),
	    V("id", id), V("name", file), V("rid", rid));
	return 0;
}

/* Add part ${name} holding ${len} bytes of ${data} (copied by libzip). */
static int
part_add(zip_t *z, const char *name, const void *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);

	if (src == NULL)
		return -1;
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) <
	    0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

int
report_docx_write(const struct app_report *r, const char *path, struct diag *d)
{
	struct docx_ctx dx;
	struct rdoc doc;
	struct buf document, rels, core;
	zip_t *z;
	int i, err = 0, rc = 0, *bad = &dx.dx_bad;

	memset(&dx, 0, sizeof(dx));
	buf_init(&dx.dx_blocks);
	buf_init(&dx.dx_rels);
	buf_init(&document);
	buf_init(&rels);
	buf_init(&core);
	rdoc_build(r, &doc);
	for (i = 0; i < doc.rdo_n && rc == 0; i++) {
		const struct rdoc_block *b = &doc.rdo_blocks[i];

		switch (b->rdb_kind) {
		case RDOC_HEADING:
			FILL(&dx.dx_blocks, docx_heading_text,
			    V("text", b->rdb_text));
			break;
		case RDOC_PARA:
			FILL(&dx.dx_blocks, docx_para_text,
			    V("text", b->rdb_text));
			break;
		case RDOC_NOTE:
			FILL(&dx.dx_blocks, docx_note_text,
			    V("text", b->rdb_text));
			break;
		case RDOC_TABLE: table_xml(&dx, b); break;
		case RDOC_CHART: rc = chart_xml(&dx, r, b->rdb_chart); break;
		}
	}
	FILL(&document, docx_document_text, V("body_top", RDOC_BODY_TOP),
	    V("body", RDOC_BODY), V("number", RDOC_NUMBER),
	    V("motto", RDOC_MOTTO), V("motto2", RDOC_MOTTO2),
	    V("date", doc.rdo_date), V("subject", doc.rdo_subject),
	    V("blocks", buf_cstr(&dx.dx_blocks)));
	FILL(
	    &rels, docx_document_rels_text, V("images", buf_cstr(&dx.dx_rels)));
	FILL(&core, docx_core_text, V("subject", doc.rdo_subject));
	if (rc != 0 || dx.dx_bad) {
		diag_add(d, DIAG_ERROR, "report.template", path, 0, 0,
		    "mẫu DOCX hoặc biểu đồ bị lỗi: không ghi %s",
		    "a DOCX template or chart is broken: %s not written", path);
		rc = -1;
		goto out;
	}
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (z == NULL) {
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s",
		    "cannot write the report %s", path);
		rc = -1;
		goto out;
	}
	rc |= part_add(z, "[Content_Types].xml", docx_content_types_text,
	    strlen(docx_content_types_text));
	rc |=
	    part_add(z, "_rels/.rels", docx_rels_text, strlen(docx_rels_text));
	rc |= part_add(z, "docProps/core.xml", core.b_data, core.b_len);
	rc |= part_add(z, "word/document.xml", document.b_data, document.b_len);
	rc |= part_add(
	    z, "word/_rels/document.xml.rels", rels.b_data, rels.b_len);
	rc |= part_add(
	    z, "word/styles.xml", docx_styles_text, strlen(docx_styles_text));
	rc |= part_add(
	    z, "word/footer1.xml", docx_footer_text, strlen(docx_footer_text));
	for (i = 0; i < dx.dx_ncharts; i++) {
		char name[48];

		snprintf(name, sizeof(name), "word/media/chart%d.png", i + 1);
		rc |=
		    part_add(z, name, dx.dx_png[i].b_data, dx.dx_png[i].b_len);
	}
	if (rc != 0 || zip_close(z) != 0) {
		diag_add(d, DIAG_ERROR, "report.write", path, 0, 0,
		    "không ghi được tệp báo cáo %s: %s",
		    "cannot write the report %s: %s", path, zip_strerror(z));
		zip_discard(z);
		rc = -1;
	}
out:
	for (i = 0; i < dx.dx_ncharts; i++)
		buf_free(&dx.dx_png[i]);
	buf_free(&dx.dx_blocks);
	buf_free(&dx.dx_rels);
	buf_free(&document);
	buf_free(&rels);
	buf_free(&core);
	rdoc_free(&doc);
	return rc;
}
