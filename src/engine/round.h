/*
 * round.h: the values of one assessment round: units (provinces, districts,
 * agencies ...) by inputs of a methodology. Pure data; readers fill it.
 */
#ifndef DTI_ROUND_H
#define DTI_ROUND_H

#include <stddef.h>
#include <stdint.h>

#include "engine/method.h"
#include "util/diag.h"
#include "util/strmap.h"

#define ROUND_MAX_UNITS 200000 /* 10,599 communes is the national maximum */
#define ROUND_MAX_UNIT_ID 64 /* bytes in a unit identifier */
#define ROUND_MAX_TEXT 4096 /* bytes in a text value */

struct round {
	const struct method *r_m;
	int r_nunits;
	int r_cap;
	char **r_units; /* identifiers, in order of first appearance */
	struct strmap r_unit_map; /* identifier -> index */
	double *r_vals; /* [unit * ninputs + input] */
	unsigned char *r_have; /* same shape: value present */
	uint32_t *r_line; /* same shape: line in the source, or 0 */
	int *r_text_slot; /* per input: index among text inputs, or -1 */
	int r_ntext;
	char **r_text; /* [unit * ntext + slot]: text values */
	char **r_raw; /* [unit * ninputs + input]: text as given, or NULL */
	/*
	 * Reference bounds per indicator (NULL: none at all; NAN: none for
	 * that indicator): the smallest and largest value its cross-unit
	 * calls (minmax, relbest) compare against, given as data, such as
	 * last year's national minimum and maximum. See score_round().
	 */
	double *r_lo;
	double *r_hi;
};

/*
 * round_new(m): an empty round for methodology ${m} (borrowed: it must
 * outlive the round); the caller frees it with round_free().
 */
struct round *round_new(const struct method *);
/* round_free(r): free ${r} and its values; round_free(NULL) does nothing. */
void round_free(struct round *);
/*
 * round_unit(r, id, len): the index of unit ${id}, added if new; -1 when
 * ROUND_MAX_UNITS units are already held.
 */
int round_unit(struct round *, const char *, size_t);
/* round_find(r, id): the index of unit ${id}, or -1. */
int round_find(const struct round *, const char *);
/* round_set(r, unit, input, v, line): store a number (or option index). */
void round_set(struct round *, int, int, double, uint32_t);
/* round_set_text(r, unit, input, s, line): store a copy of text ${s}. */
void round_set_text(struct round *, int, int, const char *, uint32_t);
/*
 * round_set_raw(r, unit, input, s): keep the value's text as given, so that
 * an import can be exported again exactly.
 */
void round_set_raw(struct round *, int, int, const char *);
/* round_raw(r, unit, input): that text (borrowed from ${r}), or NULL. */
const char *round_raw(const struct round *, int, int);
/* round_has(r, unit, input): 1 when the value is present. */
int round_has(const struct round *, int, int);
/* round_get(r, unit, input): the number (or option index) stored, or 0. */
double round_get(const struct round *, int, int);
/*
 * round_set_bounds(r, ind, lo, hi): reference bounds for indicator ${ind}
 * (lo <= hi): its cross-unit calls compare each unit against the round's
 * units and these bounds together, so a round that holds one province is
 * scored against them.
 */
void round_set_bounds(struct round *, int, double, double);
/* round_text(r, unit, input): a text value (borrowed from ${r}), or NULL. */
const char *round_text(const struct round *, int, int);

/*
 * round_check(r, file, d): apply the methodology's checks to every unit;
 * record one error per broken check in ${d}, naming the line of its first
 * input. Return the number of errors.
 */
int round_check(const struct round *, const char *, struct diag *);
/*
 * round_check_touching(r, file, touched, d): round_check() limited to the
 * checks that read at least one value marked in ${touched} (the shape of
 * r_have: [unit * ninputs + input]; NULL: every check), so that a write
 * is judged by the checks it can break and not by older values.
 */
int round_check_touching(
    const struct round *, const char *, const unsigned char *, struct diag *);

/*
 * round_valid_unit_id(s, len): 1 when ${s} is a unit identifier: 1 to
 * ROUND_MAX_UNIT_ID letters, digits, '-' and '_'; else 0.
 */
int round_valid_unit_id(const char *, size_t);

#endif
