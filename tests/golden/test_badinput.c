/*
 * test_badinput.c: the bad-input files of tests/golden/bad at library
 * level. For bad/NAME.csv, parse it with round_csv_parse() and check it
 * against bad/NAME.expect (the format is described in run_bad.sh):
 *
 *   reject: -1, no round, errors recorded; for every "line L[,L2] | TEXT"
 *   an error item on one of those lines whose message holds every TEXT; no
 *   error item on a line the spec does not list.
 *   accept: 0, a round, no errors; "score UNIT CODE VALUE [STATUS]" rows
 *   hold (the status too, when given).
 *
 * test_badinput NAME
 */
#include "golden_util.h"

#include "io/round_csv.h"

#ifndef DTI_GOLDEN_DIR
#error "DTI_GOLDEN_DIR must name tests/golden"
#endif

#define MAX_SPECS 64
#define MAX_TEXTS 4
#define MAX_LINES 8

struct spec {
	int reject;
	int nline;
	struct {
		long lines[MAX_LINES];
		int nlines;
		char texts[MAX_TEXTS][128];
		int ntexts;
	} line[MAX_SPECS];
	int nscore;
	struct {
		char unit[64], code[32];
		double v;
		char status[32]; /* empty: not checked */
	} score[MAX_SPECS];
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap + 1);
			if (buf == NULL) {
				fclose(f);
				return NULL;
			}
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s &&
	    (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void
read_spec(const char *path, struct spec *sp)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int mode = 0;

	memset(sp, 0, sizeof(*sp));
	if (f == NULL)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *s = trim(line);

		if (*s == '#' || *s == '\0')
			continue;
		if (strcmp(s, "reject") == 0 || strcmp(s, "accept") == 0) {
			sp->reject = s[0] == 'r';
			mode = 1;
		} else if (strncmp(s, "line ", 5) == 0 &&
		    sp->nline < MAX_SPECS) {
			char *bar = strstr(s, " | "), *p, *save = NULL;
			int k = sp->nline++;

			if (bar != NULL)
				*bar = '\0';
			for (p = strtok_r(s + 5, ",", &save);
			     p != NULL && sp->line[k].nlines < MAX_LINES;
			     p = strtok_r(NULL, ",", &save))
				sp->line[k].lines[sp->line[k].nlines++] =
				    strtol(p, NULL, 10);
			while (bar != NULL && sp->line[k].ntexts < MAX_TEXTS) {
				char *t = bar + 3, *next = strstr(t, " | ");

				if (next != NULL)
					*next = '\0';
				snprintf(
				    sp->line[k].texts[sp->line[k].ntexts++],
				    sizeof(sp->line[k].texts[0]), "%s", t);
				bar = next;
			}
		} else if (strncmp(s, "score ", 6) == 0 &&
		    sp->nscore < MAX_SPECS) {
			int k = sp->nscore++, n;

			n = sscanf(s + 6, "%63s %31s %lf %31s",
			    sp->score[k].unit, sp->score[k].code,
			    &sp->score[k].v, sp->score[k].status);
			if (n < 3)
				fail_msg("%s: cannot read '%s'", path, s);
		} else {
			fail_msg("%s: cannot read '%s'", path, s);
		}
	}
	fclose(f);
	if (!mode)
		fail_msg("%s: neither reject nor accept", path);
}

static int
item_matches(const struct diag_item *it, const struct spec *sp, int k)
{
	int i, on = 0;

	for (i = 0; i < sp->line[k].nlines; i++)
		on |= it->di_line == sp->line[k].lines[i];
	if (!on)
		return 0;
	for (i = 0; i < sp->line[k].ntexts; i++) {
		if (strstr(it->di_vi, sp->line[k].texts[i]) == NULL &&
		    strstr(it->di_en, sp->line[k].texts[i]) == NULL)
			return 0;
	}
	return 1;
}

static void
test_file(void **state)
{
	const char *name = *state;
	char path[1024], file[256];
	struct round *r = (struct round *)1;
	struct spec sp;
	struct diag d;
	size_t len = 0, i;
	char *buf;
	int rc, k, failed = 0;

	snprintf(path, sizeof(path), "%s/bad/%s.expect", DTI_GOLDEN_DIR, name);
	read_spec(path, &sp);
	snprintf(path, sizeof(path), "%s/bad/%s.csv", DTI_GOLDEN_DIR, name);
	snprintf(file, sizeof(file), "%s.csv", name);
	buf = slurp(path, &len);
	if (buf == NULL)
		fail_msg("cannot read %s", path);
	diag_init(&d);
	rc = round_csv_parse(buf, len, file, G_M, &r, &d);
	if (sp.reject) {
		check(rc == -1);
		check(r == NULL);
		check(d.d_nerr > 0);
		if (rc == 0 && r != NULL && r != (struct round *)1)
			round_free(r); /* accepted when it must not be */
		for (k = 0; k < sp.nline; k++) {
			int found = 0;

			g_asserts++;
			for (i = 0; i < d.d_n && !found; i++)
				found = d.d_items[i].di_sev == DIAG_ERROR &&
				    item_matches(&d.d_items[i], &sp, k);
			if (!found) {
				print_error("%s: no error on line %ld%s with "
					    "'%s' '%s'\n",
				    file, sp.line[k].lines[0],
				    sp.line[k].nlines > 1 ? " (or others)" : "",
				    sp.line[k].ntexts > 0 ? sp.line[k].texts[0]
							  : "",
				    sp.line[k].ntexts > 1 ? sp.line[k].texts[1]
							  : "");
				failed++;
			}
		}
		/* no good line is blamed, every item names the file */
		for (i = 0; i < d.d_n; i++) {
			const struct diag_item *it = &d.d_items[i];
			int listed = it->di_line == 0;

			if (it->di_sev != DIAG_ERROR)
				continue;
			for (k = 0; k < sp.nline && !listed; k++) {
				int j;

				for (j = 0; j < sp.line[k].nlines; j++)
					listed |=
					    it->di_line == sp.line[k].lines[j];
			}
			g_asserts += 2;
			if (!listed) {
				print_error("%s: error on line %ld, which the "
					    "spec does not list: %s\n",
				    file, it->di_line, it->di_en);
				failed++;
			}
			if (it->di_file == NULL ||
			    strcmp(it->di_file, file) != 0) {
				print_error("%s: error item names file %s\n",
				    file, it->di_file ? it->di_file : "(none)");
				failed++;
			}
		}
	} else {
		check(rc == 0);
		check(r != NULL && r != (struct round *)1);
		check(d.d_nerr == 0);
		if (rc == 0 && r != NULL) {
			struct score *s = score_round(r, NULL, NULL);

			for (k = 0; k < sp.nscore; k++) {
				int u = round_find(r, sp.score[k].unit);
				int c = score_col_of(s, sp.score[k].code);

				check(u >= 0 && c >= 0);
				/* the spec gives 6 decimals, as dti prints */
				if (u >= 0 && c >= 0)
					check(fabs(score_get(s, u, c) -
						  sp.score[k].v) <= 1e-6);
				if (u >= 0 && c >= 0 &&
				    sp.score[k].status[0] != '\0')
					check(strcmp(score_status_name(
							 score_status(s, u, c)),
						  sp.score[k].status) == 0);
			}
			score_free(s);
			round_free(r);
		}
	}
	if (failed > 0 || g_failed > 0) {
		for (i = 0; i < d.d_n; i++) {
			char *s = diag_format(&d.d_items[i], LANG_EN);

			print_error("  got: %s\n", s);
			free(s);
		}
	}
	diag_free(&d);
	free(buf);
	g_failed += failed;
	finish();
}

int
main(int argc, char **argv)
{
	struct CMUnitTest tests[1] = {
		cmocka_unit_test_prestate(test_file, NULL),
	};
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: test_badinput NAME\n");
		return 2;
	}
	tests[0].name = argv[1];
	tests[0].initial_state = argv[1];
	rc = cmocka_run_group_tests_name(
	    "badinput_library", tests, golden_setup, golden_teardown);
	printf("test_badinput %s: %ld assertions\n", argv[1], g_asserts);
	return rc != 0;
}
