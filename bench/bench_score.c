/*
 * bench_score.c: dti-bench-score FILE [REPEAT] — time the steps of dti score
 * one by one, in process, on the built-in 2022 methodology:
 *
 *   method_load     the methodology (once per repeat)
 *   round_csv_read  reading and checking the round file (page cache warm)
 *   score_round     the scoring step alone
 *   score_write     writing the score CSV to /dev/null
 *
 * Each step runs REPEAT times (default 10); the minimum and the median wall
 * time (CLOCK_MONOTONIC) are printed, then the peak resident set size of the
 * process (getrusage ru_maxrss): one round and one set of scores are held at
 * a time, as in dti score.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "engine/builtin.h"
#include "engine/method.h"
#include "engine/score.h"
#include "io/round_csv.h"
#include "io/score_write.h"
#include "util/diag.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Print "name: min X ms, median Y ms (N runs)" for the ${n} times in ${t}. */
static void
report(const char *name, double *t, int n)
{
	double med;

	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2.0;
	printf("%-15s min %10.3f ms, median %10.3f ms (%d runs)\n", name, t[0],
	    med, n);
}

static struct method *
load_method(void)
{
	struct method *m = NULL;
	struct diag d;

	diag_init(&d);
	if (method_load(&m, builtin_method_text, builtin_method_len,
		builtin_method_name, &d) < 0) {
		fprintf(stderr,
		    "dti-bench-score: the built-in methodology "
		    "does not load\n");
		exit(1);
	}
	diag_free(&d);
	return m;
}

static struct round *
load_round(const char *path, const struct method *m)
{
	struct round *r = NULL;
	struct diag d;
	FILE *f;
	size_t k;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(
		    stderr, "dti-bench-score: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	diag_init(&d);
	if (round_csv_read(f, path, m, &r, &d) < 0) {
		for (k = 0; k < d.d_n && k < 10; k++) {
			char *s = diag_format(&d.d_items[k], LANG_EN);

			fprintf(stderr, "%s\n", s);
			free(s);
		}
		fprintf(stderr, "dti-bench-score: %s: rejected (%zu errors)\n",
		    path, d.d_nerr);
		exit(1);
	}
	diag_free(&d);
	fclose(f);
	return r;
}

int
main(int argc, char **argv)
{
	const struct score_write_opts wo = { FMT_CSV, 0, NULL };
	struct method *m;
	struct round *r = NULL;
	struct score *s;
	struct rusage ru;
	FILE *null;
	double *t, t0;
	long rep = 10, i, rows = 0;
	size_t cells, k;
	char *end;

	if (argc < 2 || argc > 3) {
		fputs("usage: dti-bench-score ROUND.csv [REPEAT]\n", stderr);
		return 2;
	}
	if (argc == 3) {
		rep = strtol(argv[2], &end, 10);
		if (*end != '\0' || rep < 1 || rep > 100000) {
			fputs(
			    "dti-bench-score: REPEAT is 1 to 100000\n", stderr);
			return 2;
		}
	}
	if ((t = calloc((size_t)rep, sizeof(*t))) == NULL ||
	    (null = fopen("/dev/null", "w")) == NULL) {
		perror("dti-bench-score");
		return 1;
	}

	for (i = 0; i < rep; i++) {
		t0 = now_ms();
		m = load_method();
		t[i] = now_ms() - t0;
		method_free(m);
	}
	report("method_load", t, (int)rep);
	m = load_method();

	for (i = 0; i < rep; i++) { /* one round held at a time */
		round_free(r);
		t0 = now_ms();
		r = load_round(argv[1], m);
		t[i] = now_ms() - t0;
	}
	report("round_csv_read", t, (int)rep);

	for (i = 0; i < rep; i++) {
		t0 = now_ms();
		s = score_round(r, NULL, NULL);
		t[i] = now_ms() - t0;
		score_free(s);
	}
	report("score_round", t, (int)rep);

	s = score_round(r, NULL, NULL);
	for (i = 0; i < rep; i++) {
		t0 = now_ms();
		if (score_write(null, s, &wo) < 0) {
			perror("dti-bench-score: /dev/null");
			return 1;
		}
		t[i] = now_ms() - t0;
	}
	report("score_write", t, (int)rep);

	cells = (size_t)r->r_nunits * (size_t)m->m_ninputs;
	for (k = 0; k < cells; k++)
		rows += r->r_have[k] != 0;
	printf("units %d, inputs %d, input rows %ld, output rows %ld\n",
	    r->r_nunits, m->m_ninputs, rows,
	    (long)s->sco_nunits * s->sco_ncols);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %ld KB\n", ru.ru_maxrss);

	score_free(s);
	round_free(r);
	method_free(m);
	fclose(null);
	free(t);
	return 0;
}
