/* app_score.c: the scores of a period, from its values as they are now. */
#include "app/app_int.h"

#include <string.h>

/* The period's reference bounds into its round (app_bound_set). */
static int
score_bound_row(void *ctx, const struct st_bound *b)
{
	struct round *r = ctx;
	int i = method_indicator(r->r_m, b->sb_indicator);

	if (i >= 0)
		round_set_bounds(r, i, b->sb_lo, b->sb_hi);
	return 0;
}

int
app_score_period(struct store *s, const char *period, int drafts,
    struct app_scored *out, struct diag *d)
{
	const struct method *m = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_period(s, period, &out->sd_period, d)) != 0 ||
	    (rc = app_period_method(s, &out->sd_period, &m, d)) != 0 ||
	    (rc = app_round(
		 s, &out->sd_period, !drafts, m, &out->sd_round, d)) != 0)
		return rc;
	if (store_bound_each(
		s, out->sd_period.sp_id, score_bound_row, out->sd_round) < 0) {
		app_scored_free(out);
		return app_store_error(s, d);
	}
	out->sd_score = score_round(out->sd_round, NULL, NULL);
	return 0;
}

void
app_scored_free(struct app_scored *sd)
{
	if (sd == NULL)
		return;
	score_free(sd->sd_score);
	round_free(sd->sd_round);
	sd->sd_score = NULL;
	sd->sd_round = NULL;
}
