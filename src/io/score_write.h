/*
 * score_write.h: a scored round as the exchange format's score CSV
 * (unit,code,score,max,status[,explain]) or the same as JSON. Streams: the
 * national commune round writes over a million rows.
 */
#ifndef DTI_SCORE_WRITE_H
#define DTI_SCORE_WRITE_H

#include <stdio.h>

#include "engine/score.h"

#define SCORE_DECIMALS 6 /* the contract asks for at least 4 */

enum score_format { FMT_CSV, FMT_JSON };

struct score_write_opts {
	enum score_format sw_format;
	int sw_explain; /* add the explanation of every row */
	const char
	    *sw_label; /* e.g. "illustrative": shown in JSON, may be NULL */
};

/*
 * score_write(f, s, opts): write ${s} to ${f}. Return 0, or -1 when writing
 * failed (errno is set).
 */
int score_write(FILE *, const struct score *, const struct score_write_opts *);

#endif
