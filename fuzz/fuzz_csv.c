/*
 * fuzz_csv.c: the round reader. The input is a data file in the exchange
 * format (unit,input,value CSV), read against the built-in 2022 provincial
 * methodology. An accepted round is scored, and a few cells are explained.
 */
#include <stdint.h>
#include <stdlib.h>

#include "engine/builtin.h"
#include "engine/method.h"
#include "engine/score.h"
#include "io/round_csv.h"
#include "util/buf.h"
#include "util/diag.h"

static const struct method *
builtin(void)
{
	static struct method *m;
	struct diag d;

	if (m != NULL)
		return m;
	diag_init(&d);
	if (method_load(&m, builtin_method_text, builtin_method_len,
		builtin_method_name, &d) < 0)
		abort(); /* the built-in methodology must load */
	diag_free(&d);
	return m;
}

static void
explain_some(const struct score *s)
{
	struct buf b;
	int u, col;

	buf_init(&b);
	for (u = 0; u < s->sco_nunits && u < 3; u++) {
		/* the first unit: every column; the others: a sample */
		for (col = 0; col < s->sco_ncols; col += u == 0 ? 1 : 13) {
			score_explain(s, u, col, &b);
			buf_reset(&b);
		}
		score_explain(s, u, s->sco_ncols - 1, &b);
		buf_reset(&b);
	}
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct method *m = builtin();
	struct round *r = NULL;
	struct score *s;
	struct diag d;
	size_t i;
	int rc;

	diag_init(&d);
	rc = round_csv_parse((const char *)data, size, "fuzz.csv", m, &r, &d);
	if ((rc == 0) != (r != NULL) || (rc < 0 && d.d_nerr == 0))
		abort(); /* rejected without an error, or half a result */
	for (i = 0; i < d.d_n; i++)
		free(diag_format(&d.d_items[i], LANG_VI));
	if (r != NULL) {
		s = score_round(r, NULL, NULL);
		explain_some(s);
		score_free(s);
		round_free(r);
	}
	diag_free(&d);
	return 0;
}
