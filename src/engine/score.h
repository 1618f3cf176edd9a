/*
 * score.h: scoring a round with its methodology. Pure: no I/O. The CLI, the
 * server, what-if analysis and reports all call score_round().
 *
 * Results are a table of units by columns: every indicator (document order,
 * parts after their parent), then every group, then every derived figure.
 */
#ifndef DTI_SCORE_H
#define DTI_SCORE_H

#include "engine/round.h"
#include "util/buf.h"

enum score_status {
	SC_OK,
	SC_MISSING, /* an input is absent: scores 0 */
	SC_DIV0, /* a denominator is 0: scores 0 */
	SC_INCOMPLETE, /* a sum over indicators of which some are not ok */
	/*
	 * a cross-unit rule (Min-Max, proportional to the best) with
	 * nothing to compare against: fewer than two units took part and
	 * the round gives no reference bounds; scores 0, never full marks
	 */
	SC_NOBOUNDS,
};

enum score_col_kind { COL_INDICATOR, COL_GROUP, COL_DERIVED };

struct score {
	const struct method *sco_m;
	const struct round *sco_r;
	int sco_nunits;
	int sco_ncols; /* nind + ngroups + nderived */
	double *sco_val; /* [unit * ncols + col] */
	unsigned char *sco_st; /* same shape: enum score_status */
	struct expr_cross
	    *sco_cross; /* cross-unit statistics, all indicators */
	int *sco_cross_off; /* per indicator: first entry in sco_cross */
};

/* Progress of a long operation: ${done} of ${total} units. */
typedef void score_progress_fn(void *, long, long);

/*
 * score_round(r, progress, ctx): score every unit of ${r}; ${progress} (may
 * be NULL) is called now and then with ${ctx}. The result borrows ${r} and
 * its methodology, which must outlive it; the caller frees it with
 * score_free().
 */
struct score *score_round(const struct round *, score_progress_fn *, void *);
/* score_free(s): free ${s} (not its round); score_free(NULL) does nothing. */
void score_free(struct score *);

/*
 * score_col(s, col, index): what column ${col} is; its index among the
 * indicators, groups or derived figures is stored in ${index}.
 */
enum score_col_kind score_col(const struct score *, int, int *);
/* score_col_code(s, col): the code of column ${col} (borrowed from m). */
const char *score_col_code(const struct score *, int);
/* score_col_max(s, col): the points column ${col} can reach. */
double score_col_max(const struct score *, int);
/* score_get(s, unit, col): the score of ${unit} in column ${col}. */
double score_get(const struct score *, int, int);
/* score_status(s, unit, col): how that score came about. */
enum score_status score_status(const struct score *, int, int);
/* score_status_name(st): "ok", "missing", ... (static text). */
const char *score_status_name(enum score_status);
/*
 * score_col_of(s, code): the column of indicator, group or figure ${code},
 * or -1.
 */
int score_col_of(const struct score *, const char *);

/*
 * score_explain(s, unit, col, out): append one line that shows how column
 * ${col} was scored for ${unit} to the caller's buffer ${out}, with the
 * unit's own numbers, e.g.
 * "3.3: 412000 / 595000 = 69,24 % × 10 = 6,92".
 */
void score_explain(const struct score *, int, int, struct buf *);

/*
 * score_missing(s, unit, ind, out): append the names of the inputs of
 * indicator ${ind} that are absent for ${unit}, comma separated.
 */
void score_missing(const struct score *, int, int, struct buf *);

#endif
