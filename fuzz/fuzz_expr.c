/*
 * fuzz_expr.c: the rule language. The input is a rule, compiled against a
 * resolver that knows a few names (numbers, a choice input with options, a
 * text input and the constant points), once without and once with
 * cross-unit calls allowed. A rule that compiles is evaluated in normal and
 * in collect mode, and explained.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"
#include "util/buf.h"

enum { S_A, S_B, S_C, S_COUNT, S_X, S_T, NSLOTS };

static const char *const options[] = { "leader", "deputy", "none" };

static const struct {
	const char *name;
	int slot; /* -1: the constant points */
	int choice;
	int text;
} names[] = {
	{ "a", S_A, 0, 0 },
	{ "b", S_B, 0, 0 },
	{ "c", S_C, 0, 0 },
	{ "count", S_COUNT, 0, 0 },
	{ "x", S_X, 1, 0 },
	{ "t", S_T, 0, 1 },
	{ "points", -1, 0, 0 },
};

static int
resolve(void *ctx, const char *name, size_t len, struct expr_sym *out)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i].name) != len ||
		    memcmp(names[i].name, name, len) != 0)
			continue;
		if (names[i].slot < 0) {
			out->es_kind = SYM_CONST;
			out->es_value = 10.0;
			return 0;
		}
		out->es_kind = SYM_SLOT;
		out->es_slot = names[i].slot;
		out->es_is_choice = names[i].choice;
		out->es_is_text = names[i].text;
		if (names[i].choice) {
			out->es_options = options;
			out->es_noptions = 3;
		}
		return 0;
	}
	return -1;
}

/* Evaluate ${ex} with slot values ${vals}: plain, collect, with stats. */
static void
exercise(const struct expr *ex, const double *vals)
{
	size_t n = expr_ncross(ex) > 0 ? (size_t)expr_ncross(ex) : 1;
	/* exact-size arrays, so that ASan sees any index past them */
	double *slots = malloc(NSLOTS * sizeof(double));
	double *collect = calloc(n, sizeof(double));
	unsigned char *ok = calloc(n, 1);
	struct expr_cross *cross = calloc(n, sizeof(*cross));
	struct expr_eval ev;
	struct buf b;
	int k;

	if (slots == NULL || collect == NULL || ok == NULL || cross == NULL)
		abort();
	memcpy(slots, vals, NSLOTS * sizeof(double));
	buf_init(&b);

	/* normal mode, without round statistics */
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	(void)expr_eval(ex, &ev);
	expr_explain(ex, &ev, &b);
	buf_reset(&b);

	/* collect mode, then normal mode with statistics from it */
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	ev.ev_collect = collect;
	ev.ev_collect_ok = ok;
	(void)expr_eval(ex, &ev);
	for (k = 0; k < expr_ncross(ex); k++) {
		cross[k].xc_min = ok[k] ? collect[k] - 1.0 : 0.0;
		cross[k].xc_max = ok[k] ? collect[k] + 1.0 : 0.0;
		cross[k].xc_n = ok[k] ? 2 : 0;
	}
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	ev.ev_cross = cross;
	(void)expr_eval(ex, &ev);
	expr_explain(ex, &ev, &b);
	buf_reset(&b);

	/* all units equal */
	for (k = 0; k < expr_ncross(ex); k++) {
		cross[k].xc_min = cross[k].xc_max = 3.0;
		cross[k].xc_n = 1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	ev.ev_cross = cross;
	(void)expr_eval(ex, &ev);
	expr_explain(ex, &ev, &b);

	for (k = 0; k < NSLOTS; k++)
		(void)expr_uses_slot(ex, k);
	buf_free(&b);
	free(slots);
	free(collect);
	free(ok);
	free(cross);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double vals[][NSLOTS] = {
		{ 412000, 595000, 7, 20, 0, 0 },
		{ 0, 0, 0, 0, 1, 0 },
		{ -3.5, 1e300, 0.25, 9, 2, 0 },
	};
	struct expr_env env;
	struct diag err;
	struct expr *ex;
	char *src;
	int cross;
	size_t i;

	if (size > EXPR_MAX_SRC + 64)
		return 0;
	src = malloc(size + 1);
	if (src == NULL)
		abort();
	memcpy(src, data, size);
	src[size] = '\0';
	for (cross = 0; cross <= 1; cross++) {
		env.ee_resolve = resolve;
		env.ee_ctx = NULL;
		env.ee_allow_cross = cross;
		diag_init(&err);
		if (expr_compile(&ex, src, &env, &err) < 0) {
			/* a failure always says what and where, and the place
			 * maps back into the source */
			const struct diag_item *it = &err.d_items[0];

			if (err.d_n != 1 || it->di_vi[0] == '\0' ||
			    it->di_en[0] == '\0' || it->di_line < 1 ||
			    it->di_col < 1 ||
			    expr_src_offset(src, it->di_line, it->di_col) >
				size)
				abort();
			diag_free(&err);
			continue;
		}
		diag_free(&err);
		for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
			exercise(ex, vals[i]);
		expr_free(ex);
	}
	free(src);
	return 0;
}
