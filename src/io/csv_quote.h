/*
 * csv_quote.h: one field of RFC 4180 CSV: as it is, or between double
 * quotes (a quote doubled) when it holds a comma, a quote or a line break.
 * Every CSV that dti writes quotes its fields here.
 *
 * A spreadsheet (Excel, LibreOffice) opening such a file runs a cell that
 * starts with '=', '+', '-', '@', a tab or a carriage return as a formula
 * (CSV injection). Text cells that people typed are written through
 * csvq_text(), which neutralises them as OWASP recommends, by a leading
 * single quote; csvq_text_back() reads such a cell back to the text it
 * came from, so that export -> import gives the text back exactly. Every
 * spreadsheet writer (CSV now, XLSX later) calls csvq_text() for its text
 * cells; numbers are validated numbers and are written as they are.
 */
#ifndef DTI_CSV_QUOTE_H
#define DTI_CSV_QUOTE_H

#include <stdio.h>

#include "util/buf.h"

/* csvq_field(b, s): append ${s} to ${b} as one CSV field. */
void csvq_field(struct buf *, const char *);
/* csvq_fput(f, s): write ${s} to ${f} as one CSV field; NULL is "". */
void csvq_fput(FILE *, const char *);

/*
 * csvq_text_guarded(s): 1 when text ${s} must be written with a leading
 * single quote: it starts with a formula character ('=', '+', '-', '@',
 * tab, carriage return), or it is itself a single quote followed by what
 * csvq_text_back() would take off (so that it comes back unchanged).
 */
int csvq_text_guarded(const char *);
/*
 * csvq_text(b, s): append to ${b} the cell text of text value ${s}:
 * ${s}, with a single quote before it when csvq_text_guarded(s). The
 * result is a cell's content, not yet a CSV field (see csvq_field).
 */
void csvq_text(struct buf *, const char *);
/* csvq_text_fput(f, s): csvq_text() written to ${f} as one CSV field. */
void csvq_text_fput(FILE *, const char *);
/*
 * csvq_text_back(s): the text value of a cell written by csvq_text():
 * ${s} without its leading single quote when that quote was added,
 * else ${s} (a pointer into ${s}).
 */
const char *csvq_text_back(const char *);

#endif
