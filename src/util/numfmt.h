/*
 * numfmt.h: numbers for people (Vietnamese: decimal comma, "0,5934") and for
 * machines (decimal point, fixed places, locale-independent and fast).
 */
#ifndef DTI_NUMFMT_H
#define DTI_NUMFMT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

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

/*
 * How a number typed by a person is written; the caller says which
 * (docs/exchange-notes.md, "Numbers as typed").
 */
enum numfmt_style {
	NUMFMT_MACHINE, /* exchange format: 1234567.5, no thousands separators */
	NUMFMT_VI, /* Vietnamese: 1.234.567,5; groups of three, decimal comma */
	NUMFMT_STORED, /* machine text dti checked before and stored */
};

/*
 * numfmt_read(s, len, style, out, why): read the number ${s} (${len}
 * bytes) written in ${style} into ${out}. NUMFMT_MACHINE is numfmt_parse()
 * without the one pattern that a Vietnamese reader writes for thousands,
 * d{1,3}.ddd ("600.000", "1.250"): it is refused as ambiguous.
 * NUMFMT_VI is an optional minus, digits (in groups of exactly three
 * separated by '.', or none), an optional ',' and decimals; no exponent.
 * NUMFMT_STORED is numfmt_parse(). On failure add one item to ${why}
 * that holds the reason and how the text reads in the other format, and
 * return -1; return 0 on success.
 */
int numfmt_read(
    const char *, size_t, enum numfmt_style, double *, struct diag *);
/*
 * numfmt_machine_text(b, s, len, style): append ${s}, which numfmt_read()
 * accepted in ${style}, written in the machine format: as it is for
 * NUMFMT_MACHINE and NUMFMT_STORED; without '.' groups, with a decimal
 * point and without trailing decimal zeros for NUMFMT_VI ("1.250,50" is
 * "1250.5").
 */
void numfmt_machine_text(struct buf *, const char *, size_t, enum numfmt_style);
/*
 * numfmt_style_parse(s, out): "machine" or "vi" into ${out}; 0, or -1 for
 * another text.
 */
int numfmt_style_parse(const char *, enum numfmt_style *);
/*
 * numfmt_shortest(dst, size, v): write the shortest text that reads back
 * as exactly ${v} (at most 17 significant digits, "0.85", "1e+300") into
 * ${dst}; return its length (never more than ${size} - 1).
 */
size_t numfmt_shortest(char *, size_t, double);

#endif
