/*
 * numfmt.h: numbers for people (Vietnamese: decimal comma, "0,5934") and for
 * machines (decimal point, fixed places, locale-independent and fast).
 */
#ifndef DTI_NUMFMT_H
#define DTI_NUMFMT_H

#include <stddef.h>

#include "util/buf.h"

/*
 * numfmt_vi(b, v, maxdec): append ${v} with a decimal comma and at most
 * ${maxdec} decimals, trailing zeros removed ("69,24", "412000", "0,5").
 */
void numfmt_vi(struct buf *, double, int);
/* numfmt_vi_pct(b, ratio): append ${ratio} as a percentage, "69,24 %". */
void numfmt_vi_pct(struct buf *, double);
/*
 * numfmt_fixed(dst, size, v, dec): write ${v} with exactly ${dec} decimals
 * and a decimal point into ${dst}; return the length written (never more
 * than ${size} - 1). Values too large for fixed places are written in the
 * shortest exact form ("1e+60"). Used for the score files, where printf
 * would be slow.
 */
size_t numfmt_fixed(char *, size_t, double, int);
/*
 * numfmt_parse(s, len, out): parse a plain decimal number ("-12", "0.5",
 * "1e-05"): optional minus, digits, optional fraction, optional exponent. No
 * spaces, no plus, no thousands separators, no hex, inf or nan. Return 0 and
 * store the value in ${out}, or -1.
 */
int numfmt_parse(const char *, size_t, double *);

#endif
