/* sq_result.c: published results of a year. */
#include "store/sqlite/sq.h"

#include <math.h>

int
store_result_put(struct store *s, const struct st_result *r)
{
	/* NULL (NAN, rank 0 mapped below) keeps what is recorded */
	return sq_exec(s,
	    "INSERT INTO result (year, province, idx, rank, cqs, cqs_rank, kts,"
	    " kts_rank, xhs, xhs_rank, g1, g2, g3, g4, g5, g6, g7, g8, source)"
	    " VALUES (?, ?, ?, nullif(?, 0), ?, nullif(?, 0), ?, nullif(?, 0),"
	    " ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ''))"
	    " ON CONFLICT (year, province) DO UPDATE SET"
	    " idx = coalesce(excluded.idx, idx),"
	    " rank = coalesce(excluded.rank, rank),"
	    " cqs = coalesce(excluded.cqs, cqs),"
	    " cqs_rank = coalesce(excluded.cqs_rank, cqs_rank),"
	    " kts = coalesce(excluded.kts, kts),"
	    " kts_rank = coalesce(excluded.kts_rank, kts_rank),"
	    " xhs = coalesce(excluded.xhs, xhs),"
	    " xhs_rank = coalesce(excluded.xhs_rank, xhs_rank),"
	    " g1 = coalesce(excluded.g1, g1), g2 = coalesce(excluded.g2, g2),"
	    " g3 = coalesce(excluded.g3, g3), g4 = coalesce(excluded.g4, g4),"
	    " g5 = coalesce(excluded.g5, g5), g6 = coalesce(excluded.g6, g6),"
	    " g7 = coalesce(excluded.g7, g7), g8 = coalesce(excluded.g8, g8),"
	    " source = CASE excluded.source WHEN '' THEN source"
	    "  ELSE excluded.source END",
	    "isdididididddddddds", (long)r->srs_year, r->srs_province,
	    r->srs_index, (long)r->srs_rank, r->srs_pillar[0],
	    (long)r->srs_pillar_rank[0], r->srs_pillar[1],
	    (long)r->srs_pillar_rank[1], r->srs_pillar[2],
	    (long)r->srs_pillar_rank[2], r->srs_group[0], r->srs_group[1],
	    r->srs_group[2], r->srs_group[3], r->srs_group[4], r->srs_group[5],
	    r->srs_group[6], r->srs_group[7], r->srs_source);
}

static double
col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
	    ? NAN
	    : sqlite3_column_double(st, i);
}

static const char *
result_map(sqlite3_stmt *st, void *out)
{
	struct st_result *r = out;
	int k;

	r->srs_year = sqlite3_column_int(st, 0);
	r->srs_province = sq_text(st, 1);
	r->srs_index = col_real(st, 2);
	r->srs_rank = sqlite3_column_int(st, 3);
	for (k = 0; k < 3; k++) {
		r->srs_pillar[k] = col_real(st, 4 + 2 * k);
		r->srs_pillar_rank[k] = sqlite3_column_int(st, 5 + 2 * k);
	}
	for (k = 0; k < 8; k++)
		r->srs_group[k] = col_real(st, 10 + k);
	r->srs_source = sq_text(st, 18);
	return NULL;
}

int
store_result_each(struct store *s, int year,
    int (*cb)(void *, const struct st_result *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT year, province, idx, rank, cqs, cqs_rank, kts, kts_rank,"
	    " xhs, xhs_rank, g1, g2, g3, g4, g5, g6, g7, g8, source"
	    " FROM result WHERE ? = 0 OR year = ?"
	    " ORDER BY year, rank IS NULL, rank, province",
	    "ii", (long)year, (long)year);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_result, result_map, cb, ctx);
}

int
store_bound_put(
    struct store *s, long period, const struct st_bound *b, const char *actor)
{
	char pcode[16], val[80];
	struct sq_about ab = { NULL, NULL, NULL, NULL };
	int rc;

	rc = sq_exec(s,
	    "INSERT INTO bound (period, indicator, lo, hi, source)"
	    " VALUES (?, ?, ?, ?, coalesce(?, ''))"
	    " ON CONFLICT (period, indicator) DO UPDATE SET lo = excluded.lo,"
	    " hi = excluded.hi, source = excluded.source",
	    "isdds", period, b->sb_indicator, b->sb_lo, b->sb_hi, b->sb_source);
	if (rc != 0)
		return rc;
	ab.sqa_period = sq_period_code(s, period, pcode, sizeof(pcode));
	snprintf(val, sizeof(val), "%.17g..%.17g", b->sb_lo, b->sb_hi);
	return sq_audit(s, actor, "bound.set", "bound", b->sb_indicator, NULL,
	    val, b->sb_source, &ab);
}

static const char *
bound_map(sqlite3_stmt *st, void *out)
{
	struct st_bound *b = out;

	b->sb_indicator = sq_text(st, 0);
	b->sb_lo = sqlite3_column_double(st, 1);
	b->sb_hi = sqlite3_column_double(st, 2);
	b->sb_source = sq_text(st, 3);
	return NULL;
}

int
store_bound_each(struct store *s, long period,
    int (*cb)(void *, const struct st_bound *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT indicator, lo, hi, source FROM bound WHERE period = ?"
	    " ORDER BY indicator",
	    "i", period);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_bound, bound_map, cb, ctx);
}
