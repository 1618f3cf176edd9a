/*
 * xlsx_template.h: the work sheet an agency's officials fill in Excel or
 * LibreOffice (dti template), written with libxlsxwriter from a list of
 * rows, and read back (xlsx_read.h) into a round for dti import.
 *
 * The workbook has two sheets. XLSX_TEMPLATE_SHEET ("Số liệu") is what
 * officials see: a title block, a header row (XLSX_TEMPLATE_HEADER,
 * frozen, repeated on every printed page), then a row per group, per
 * indicator (with the plan's rule in words) and per input owed, whose
 * value goes in column XT_VALUE and whose evidence reference goes in
 * XT_DOC; only those two columns are unlocked. The sheet is protected
 * without a password: a guard against slips, not a security measure.
 * Hidden columns carry each input row's unit and input code. The hidden
 * sheet XLSX_TEMPLATE_META ("dti") carries the format, the period, the
 * agency, the unit and the methodology's SHA-256, and the option labels
 * the drop-down lists of choice and yes/no inputs offer.
 */
#ifndef DTI_XLSX_TEMPLATE_H
#define DTI_XLSX_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/method.h"
#include "engine/round.h"
#include "util/buf.h"
#include "util/diag.h"

#define XLSX_TEMPLATE_SHEET "Số liệu"
#define XLSX_TEMPLATE_META "dti"
#define XLSX_TEMPLATE_FORMAT "dti-worksheet-1"
#define XLSX_TEMPLATE_HEADER 5 /* the header row (1-based) */
#define XLSX_TEMPLATE_YES "Có" /* the yes/no list's labels */
#define XLSX_TEMPLATE_NO "Không"

/* The columns of the sheet, 1-based (A is 1). */
enum xlsx_template_col {
	XT_STT = 1, /* row number among the inputs */
	XT_CODE, /* group, indicator or input code */
	XT_LABEL, /* what it is */
	XT_UNIT, /* the input's unit: "tỷ đồng", "%" */
	XT_KIND, /* its kind, in words */
	XT_LAST, /* last period's value, as shown */
	XT_RULE, /* the plan's rule (indicator rows) */
	XT_VALUE, /* the value to fill */
	XT_DOC, /* the evidence's document number to fill */
	XT_STATUS, /* the status of the value stored */
	XT_HUNIT, /* hidden: the unit's code */
	XT_HINPUT, /* hidden: the input's code */
};

/* What a row of the sheet is. */
enum xlsx_trow_kind {
	XLSX_ROW_GROUP, /* a group of indicators (or the general items) */
	XLSX_ROW_ITEM, /* an indicator, with its rule */
	XLSX_ROW_INPUT, /* an input to fill */
};

/* One row of the sheet; every pointer is borrowed. */
struct xlsx_trow {
	enum xlsx_trow_kind xt_kind;
	const char *xt_code; /* group or indicator code, input name */
	const char *xt_label; /* the name, or the input's label */
	const char *xt_rule; /* an indicator's rule in words, or NULL */
	const struct m_input *xt_input; /* an input row's input */
	const char *xt_unit; /* an input row's unit code */
	const char *xt_last; /* last period's value, as shown, or NULL */
	const char *xt_value; /* the value stored (machine text), or NULL */
	const char *xt_status; /* its status, as shown, or NULL */
	int xt_locked; /* submitted or approved: its cell stays locked */
};

/* The sheet's title block and hidden description; borrowed. */
struct xlsx_tinfo {
	const char *xi_province; /* the province's name */
	const char *xi_period; /* period code */
	const char *xi_period_words; /* "năm 2023", "quý 3 năm 2022" */
	const char *xi_last_period; /* the period of XT_LAST, or NULL */
	const char *xi_agency; /* agency code, "" for every agency */
	const char *xi_agency_name;
	const char *xi_unit; /* unit code */
	const char *xi_unit_name;
	const char *xi_deadline; /* the agencies' deadline, dd/mm/yyyy */
	const char *xi_method; /* "dti-province-2022 (2022)" */
	const char *xi_method_sha; /* its SHA-256 */
	const char *xi_made; /* when and by whom, shown */
};

/*
 * xlsx_template_write(path, info, rows, n, d): write the work sheet of
 * ${n} ${rows} to the file ${path}; 0, or -1 with the reason in ${d}.
 */
int xlsx_template_write(const char *, const struct xlsx_tinfo *,
    const struct xlsx_trow *, size_t, struct diag *);

/* An evidence reference of a filled row. */
struct xlsx_wdoc {
	int xd_unit; /* index in the round */
	int xd_input;
	uint32_t xd_row; /* the sheet's row */
	char *xd_doc; /* the document number, trimmed */
};

/* A filled work sheet as read. */
struct xlsx_work {
	struct round *xw_r; /* the values; their line is the sheet's row */
	struct xlsx_wdoc *xw_docs;
	size_t xw_ndocs;
	char *xw_agency; /* the agency it was made for ("": every one) */
};

/*
 * xlsx_template_read(data, len, file, m, period, sha, out, d): read a
 * work sheet made by xlsx_template_write (then filled and saved by
 * Excel, LibreOffice ...) from the ${len} bytes at ${data}, named ${file}
 * in messages. It must be a sheet of period ${period} and of the
 * methodology whose SHA-256 is ${sha} (${m}). Every filled value is
 * checked like a line of a data file: a number cell as the file writes
 * it (NUMFMT_STORED), a text cell of a number in the Vietnamese format
 * (NUMFMT_VI), the labels of a choice's options and "Có"/"Không" (or a
 * boolean) for yes/no; a formula or an error value is refused; an empty
 * value cell is no value (a row left empty is skipped). Each value's
 * text is kept (round_raw, machine format). All or nothing: 0 with
 * ${out} filled (free it with xlsx_template_free), or -1 with every
 * error in ${d}, each naming the sheet and the cell.
 */
int xlsx_template_read(const void *, size_t, const char *,
    const struct method *, const char *, const char *, struct xlsx_work *,
    struct diag *);
/* xlsx_template_free(w): free what ${w} holds. */
void xlsx_template_free(struct xlsx_work *);
/*
 * xlsx_template_place(row, vi, en): append the words naming the value
 * cell of sheet row ${row}, "Sheet 'Số liệu', ô H9: " in Vietnamese to
 * ${vi} and "sheet 'Số liệu', cell H9: " to ${en}.
 */
void xlsx_template_place(uint32_t, struct buf *, struct buf *);

#endif
