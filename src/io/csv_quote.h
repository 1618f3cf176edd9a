/*
 * csv_quote.h: one field of RFC 4180 CSV: as it is, or between double
 * quotes (a quote doubled) when it holds a comma, a quote or a line break.
 * Every CSV that dti writes quotes its fields here.
 */
#ifndef DTI_CSV_QUOTE_H
#define DTI_CSV_QUOTE_H

#include <stdio.h>

#include "util/buf.h"

/* csvq_field(b, s): append ${s} to ${b} as one CSV field. */
void csvq_field(struct buf *, const char *);
/* csvq_fput(f, s): write ${s} to ${f} as one CSV field; NULL is "". */
void csvq_fput(FILE *, const char *);

#endif
