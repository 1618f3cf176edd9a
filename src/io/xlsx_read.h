/*
 * xlsx_read.h: the cells of named sheets of an XLSX workbook (Office Open
 * XML, ECMA-376) held in memory, read with libzip and expat: the workbook
 * and its relationships, shared strings, inline strings, numbers,
 * booleans, texts and error values, and whether a cell holds a formula.
 *
 * A workbook is untrusted input: every size is bounded (XLSX_MAX_*). A
 * zip bomb (a part that inflates past its limit, whatever its header
 * declares), too many parts, a DTD or entity, XML nested too deep, too
 * many cells or strings, or a string too long is refused with a message
 * in both languages naming the part or the cell, and nothing more is
 * read. Messages name the file given to xlsx_open.
 */
#ifndef DTI_XLSX_READ_H
#define DTI_XLSX_READ_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

#define XLSX_MAX_FILE (16u << 20) /* bytes of the workbook file */
#define XLSX_MAX_ENTRIES 1024 /* parts (zip entries) of the package */
#define XLSX_MAX_PART (16u << 20) /* bytes of one part, inflated */
#define XLSX_MAX_TOTAL (48u << 20) /* bytes of all parts read, inflated */
#define XLSX_MAX_DEPTH 64 /* XML nesting */
#define XLSX_MAX_SHEETS 256 /* sheets of the workbook */
#define XLSX_MAX_CELLS 200000 /* cells of one sheet */
#define XLSX_MAX_STRINGS 200000 /* shared strings */
#define XLSX_MAX_STRING 32767 /* bytes of one string (Excel: characters) */
#define XLSX_MAX_ROW 1048576 /* the last row of a sheet */
#define XLSX_MAX_COL 16384 /* the last column (XFD) */

/* What a cell holds. */
enum xlsx_type {
	XLSX_NUMBER, /* xv_text: the number as the file writes it */
	XLSX_TEXT, /* a shared, inline or formula string */
	XLSX_BOOL, /* "0" or "1" */
	XLSX_ERROR, /* an error value: "#DIV/0!" ... */
};

struct xlsx_cell {
	uint32_t xv_row; /* 1-based */
	uint32_t xv_col; /* 1-based: A is 1 */
	enum xlsx_type xv_type;
	int xv_formula; /* the cell has a formula (xv_text: its last result) */
	char *xv_text; /* UTF-8, NUL-ended; "" for a formula without result */
};

struct xlsx_sheet {
	char *xs_name;
	struct xlsx_cell *xs_cells; /* by row, then column; no two alike */
	size_t xs_n;
};

struct xlsx_book;

/*
 * xlsx_is_zip(data, len): 1 when ${data} starts as a zip file does (a
 * local file header or an empty archive's end record), else 0.
 */
int xlsx_is_zip(const void *, size_t);
/*
 * xlsx_open(out, data, len, file, d): open the workbook of the ${len}
 * bytes at ${data} (borrowed until xlsx_close), named ${file} in
 * messages: its sheets and shared strings are read. 0, or -1 with the
 * reason in ${d}; free ${out} with xlsx_close.
 */
int xlsx_open(
    struct xlsx_book **, const void *, size_t, const char *, struct diag *);
/* xlsx_close(b): free ${b}; NULL does nothing. */
void xlsx_close(struct xlsx_book *);
/* xlsx_has_sheet(b, name): 1 when the workbook has a sheet ${name}. */
int xlsx_has_sheet(const struct xlsx_book *, const char *);
/*
 * xlsx_sheet_read(b, name, out, d): the cells of sheet ${name} that hold
 * a value or a formula; free ${out} with xlsx_sheet_free. 0, or -1 with
 * the reason in ${d} (a cell's message names the sheet and the cell).
 */
int xlsx_sheet_read(
    struct xlsx_book *, const char *, struct xlsx_sheet **, struct diag *);
/* xlsx_sheet_free(sh): free ${sh}; NULL does nothing. */
void xlsx_sheet_free(struct xlsx_sheet *);
/* xlsx_cell(sh, row, col): the cell at ${row}, ${col}, or NULL if empty. */
const struct xlsx_cell *xlsx_cell(
    const struct xlsx_sheet *, uint32_t, uint32_t);
/* xlsx_ref(row, col, out): the cell's name, "H9", into ${out}. */
void xlsx_ref(uint32_t, uint32_t, char[16]);
/*
 * xlsx_shown(s, tmp, size): the UTF-8 text ${s} for a message: cut to fit
 * ${size} bytes of ${tmp} at a character's start ("..." after it),
 * control characters as '?'. Returns ${tmp}.
 */
const char *xlsx_shown(const char *, char *, size_t);

#endif
