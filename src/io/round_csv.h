/*
 * round_csv.h: read a round in the exchange format (unit,input,value CSV)
 * into a struct round. All or nothing: a file with any bad line is rejected
 * and every bad line is named.
 */
#ifndef DTI_ROUND_CSV_H
#define DTI_ROUND_CSV_H

#include <stdio.h>

#include "engine/round.h"
#include "util/diag.h"
#include "util/numfmt.h"

#define CSV_MAX_FIELD 4096 /* bytes in one field */
#define CSV_MAX_ERRORS 10000 /* errors kept; the rest are counted */
#define CSV_MAX_ROWS 100000000L /* rows in one file */

/*
 * round_csv_read(f, file, m, out, d): read ${f} (named ${file} in messages)
 * against methodology ${m}. On success store a new round in ${out} (it
 * borrows ${m}; the caller frees it with round_free()) and return 0; otherwise record every error in ${d} (sorted by line) and
 * return -1. Warnings may be recorded either way.
 */
int round_csv_read(FILE *, const char *, const struct method *, struct round **,
    struct diag *);

/*
 * round_csv_read_raw(f, file, m, style, out, d): round_csv_read() of a
 * file whose numbers are written in ${style} (numfmt_read()), keeping every
 * value's text (round_raw()): as given, numbers in the machine format
 * (numfmt_machine_text()).
 */
int round_csv_read_raw(FILE *, const char *, const struct method *,
    enum numfmt_style, struct round **, struct diag *);

/*
 * round_csv_parse(buf, len, file, m, out, d): round_csv_read() from the
 * ${len} bytes at ${buf} (borrowed).
 */
int round_csv_parse(const char *, size_t, const char *, const struct method *,
    struct round **, struct diag *);

#endif
