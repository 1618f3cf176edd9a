/*
 * run_expr_tests.c: the rule language's tests, read from data files in the
 * manner of jq's .test files (tests/expr/README.md gives the format).
 *
 *   run_expr_tests FILE.test ...     run every case of each file
 *   run_expr_tests --doc RULES.md    check that RULES.md holds the table of
 *                                    words exactly as expr_words() states it
 *   run_expr_tests --print-doc       print that table
 *
 * Exit status 0 when every case passes, 1 otherwise, 2 on a bad file.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"
#include "util/buf.h"
#include "util/diag.h"

#define MAX_LINE 8192
#define MAX_CROSS 8

/* The names a rule may use: as in tests/expr/README.md. */
enum { S_A, S_B, S_C, S_D, S_X, S_CH, S_T, NSLOTS };

static const char *const slot_names[NSLOTS] = { "a", "b", "c", "d", "x", "ch",
	"t" };
static const char *const ch_opts[] = { "leader", "deputy", "none", NULL };
static const double default_slots[NSLOTS] = { 5, 4, 3, 0, 15, 1, 0 };

static int
resolve(void *ctx, const char *name, size_t len, struct expr_sym *out)
{
	int i;

	(void)ctx;
	if (len == 6 && memcmp(name, "points", 6) == 0) {
		out->es_kind = SYM_CONST;
		out->es_value = 10;
		return 0;
	}
	if (len == 1 && name[0] == 'w') {
		out->es_kind = SYM_CONST;
		out->es_value = 0.25;
		return 0;
	}
	for (i = 0; i < NSLOTS; i++) {
		if (strlen(slot_names[i]) != len ||
		    memcmp(slot_names[i], name, len) != 0)
			continue;
		out->es_kind = SYM_SLOT;
		out->es_slot = i;
		if (i == S_CH) {
			out->es_is_choice = 1;
			out->es_options = ch_opts;
			out->es_noptions = 3;
		}
		out->es_is_text = i == S_T;
		return 0;
	}
	return -1;
}

/* One case being read: its program, environment and current values. */
struct tcase {
	const char *tc_file;
	int tc_line; /* line of the program */
	char *tc_src;
	struct expr_env tc_env;
	struct expr *tc_ex; /* compiled on first use */
	double tc_slots[NSLOTS];
	struct expr_cross tc_cross[MAX_CROSS];
	int tc_have_cross;
	struct expr_eval tc_ev; /* kept from one check to the next */
};

static int failures, cases;

__attribute__((format(printf, 3, 4))) static void
bad(const struct tcase *tc, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: FAIL: [%s] ", tc->tc_file, line,
	    tc->tc_src != NULL ? tc->tc_src : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

/* unescape(s): \n, \t, \\ and \e (nothing) in place. */
static void
unescape(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		s++;
		if (*s == 'n')
			*o++ = '\n';
		else if (*s == 't')
			*o++ = '\t';
		else if (*s != 'e')
			*o++ = *s;
	}
	*o = '\0';
}

/* Compile the case's program once; NULL (a failure) when it does not. */
static struct expr *
compiled(struct tcase *tc, int line)
{
	struct diag d;

	if (tc->tc_ex != NULL)
		return tc->tc_ex;
	diag_init(&d);
	if (expr_compile(&tc->tc_ex, tc->tc_src, &tc->tc_env, &d) != 0)
		bad(tc, line, "does not compile: %ld:%ld: %s",
		    d.d_n ? d.d_items[0].di_line : 0,
		    d.d_n ? d.d_items[0].di_col : 0,
		    d.d_n ? d.d_items[0].di_en : "?");
	diag_free(&d);
	return tc->tc_ex;
}

/* with(tc, line, words): "name=value" settings on top of the defaults. */
static int
with(struct tcase *tc, int line, char *words)
{
	char *w, *save = NULL;
	int i, k;

	for (w = strtok_r(words, " ", &save); w != NULL;
	     w = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(w, '=');

		if (eq == NULL)
			goto err;
		*eq++ = '\0';
		for (i = 0; i < NSLOTS && strcmp(slot_names[i], w) != 0; i++)
			;
		if (i == NSLOTS)
			goto err;
		for (k = 0; ch_opts[k] != NULL && strcmp(ch_opts[k], eq); k++)
			;
		tc->tc_slots[i] = ch_opts[k] != NULL ? k : strtod(eq, NULL);
	}
	return 0;
err:
	bad(tc, line, "cannot read the setting '%s'", w);
	return -1;
}

/* stats(tc, s): "min,max,n;min,max,n": each cross-unit call's statistics. */
static void
stats(struct tcase *tc, const char *s)
{
	int k = 0;

	memset(tc->tc_cross, 0, sizeof(tc->tc_cross));
	while (k < MAX_CROSS && *s != '\0') {
		struct expr_cross *c = &tc->tc_cross[k++];
		char *end;

		c->xc_min = strtod(s, &end);
		c->xc_max = strtod(end + (*end == ','), &end);
		c->xc_n = (int)strtol(end + (*end == ','), &end, 10);
		s = end + (*end == ';');
	}
	tc->tc_have_cross = 1;
}

static int
flags_of(const char *s)
{
	return (strstr(s, "div0") != NULL ? EXPR_F_DIV0 : 0) |
	    (strstr(s, "limit") != NULL ? EXPR_F_LIMIT : 0);
}

static int
same(double got, double want)
{
	return fabs(got - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1);
}

/* "=> VALUE [div0] [limit]": the value and exactly these flags. */
static void
check_value(struct tcase *tc, int line, const char *want)
{
	struct expr *ex = compiled(tc, line);
	struct expr_eval *ev = &tc->tc_ev;
	char *end;
	double w = strtod(want, &end), v;

	if (ex == NULL)
		return;
	/* the same record each time: expr_eval() must clear the flags */
	ev->ev_slots = tc->tc_slots;
	ev->ev_cross = tc->tc_have_cross ? tc->tc_cross : NULL;
	v = expr_eval(ex, ev);
	if (!same(v, w))
		bad(tc, line, "got %.15g, want %.15g", v, w);
	if (ev->ev_flags != flags_of(end))
		bad(tc, line, "flags %#x, want %#x", (unsigned)ev->ev_flags,
		    (unsigned)flags_of(end));
}

/* "explain TEXT": expr_explain() gives exactly TEXT. */
static void
check_explain(struct tcase *tc, int line, const char *want)
{
	struct expr *ex = compiled(tc, line);
	struct expr_eval ev;
	struct buf b;

	if (ex == NULL)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = tc->tc_slots;
	ev.ev_cross = tc->tc_have_cross ? tc->tc_cross : NULL;
	buf_init(&b);
	expr_explain(ex, &ev, &b);
	if (strcmp(buf_cstr(&b), want) != 0)
		bad(tc, line, "explained as '%s', want '%s'", buf_cstr(&b),
		    want);
	buf_free(&b);
}

/*
 * "collect V1 V2 ... [div0]": in collect mode, call k gathers Vk ('-': the
 * unit takes no part), and the flags are exactly these.
 */
static void
check_collect(struct tcase *tc, int line, char *want)
{
	struct expr *ex = compiled(tc, line);
	double got[MAX_CROSS];
	unsigned char ok[MAX_CROSS];
	struct expr_eval ev;
	char *w, *save = NULL;
	int k = 0;

	if (ex == NULL)
		return;
	memset(&ev, 0, sizeof(ev));
	memset(ok, 0, sizeof(ok));
	ev.ev_slots = tc->tc_slots;
	ev.ev_collect = got;
	ev.ev_collect_ok = ok;
	(void)expr_eval(ex, &ev);
	if (ev.ev_flags != flags_of(want))
		bad(tc, line, "flags %#x, want %#x", (unsigned)ev.ev_flags,
		    (unsigned)flags_of(want));
	for (w = strtok_r(want, " ", &save); w != NULL && k < MAX_CROSS;
	     w = strtok_r(NULL, " ", &save)) {
		if (flags_of(w) != 0)
			continue;
		if (strcmp(w, "-") == 0
			? ok[k]
			: !ok[k] || !same(got[k], strtod(w, NULL)))
			bad(tc, line, "call %d collects %s%g, want %s", k,
			    ok[k] ? "" : "nothing ", ok[k] ? got[k] : 0, w);
		k++;
	}
	if (k != expr_ncross(ex))
		bad(tc, line, "%d cross-unit calls, the case names %d",
		    expr_ncross(ex), k);
}

/* "%%FAIL L:C TEXT": no compilation; one error at L:C, TEXT in English. */
static void
check_fail(struct tcase *tc, int line, const char *spec)
{
	struct expr *ex = (struct expr *)&ex; /* must become NULL */
	const struct diag_item *it;
	struct diag d;
	long l = 0, c = 0;
	int n = 0;

	if (sscanf(spec, "%ld:%ld %n", &l, &c, &n) != 2 || n == 0) {
		bad(tc, line, "cannot read '%%%%FAIL %s'", spec);
		return;
	}
	diag_init(&d);
	if (expr_compile(&ex, tc->tc_src, &tc->tc_env, &d) == 0) {
		bad(tc, line, "compiles, but must not");
		expr_free(ex);
		diag_free(&d);
		return;
	}
	it = d.d_n == 1 ? &d.d_items[0] : NULL;
	if (ex != NULL)
		bad(tc, line, "*out is not NULL after an error");
	if (it == NULL)
		bad(tc, line, "%zu errors recorded, want 1", d.d_n);
	else if (it->di_line != l || it->di_col != c ||
	    strstr(it->di_en, spec + n) == NULL)
		bad(tc, line, "got %ld:%ld '%s', want %ld:%ld '%s'",
		    it->di_line, it->di_col, it->di_en, l, c, spec + n);
	else if (it->di_vi[0] == '\0' || strcmp(it->di_vi, it->di_en) == 0)
		bad(tc, line, "no Vietnamese message");
	diag_free(&d);
}

/* after_settings(s): the space before what ends a "with" list, or NULL. */
static char *
after_settings(char *s)
{
	static const char *const ends[] = { " stats ", " => ", " explain ",
		" collect" };
	char *best = NULL, *p;
	size_t k;

	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
		p = strstr(s, ends[k]);
		if (p != NULL && (best == NULL || p < best))
			best = p;
	}
	return best;
}

/* One line after the program: settings, then what to check. */
static void
check_line(struct tcase *tc, int line, char *s)
{
	char *p;

	cases++;
	if (strncmp(s, "%%FAIL ", 7) == 0) {
		check_fail(tc, line, s + 7);
		return;
	}
	if (strncmp(s, "nocross", 7) == 0 || strncmp(s, "noresolve", 9) == 0) {
		cases--; /* an environment, not a case */
		if (s[2] == 'c')
			tc->tc_env.ee_allow_cross = 0;
		else
			tc->tc_env.ee_resolve = NULL;
		return;
	}
	/* every check starts from the defaults */
	memcpy(tc->tc_slots, default_slots, sizeof(tc->tc_slots));
	tc->tc_have_cross = 0;
	if (strncmp(s, "with ", 5) == 0) {
		p = after_settings(s + 4);
		if (p == NULL) {
			bad(tc, line, "'with' without => / explain / collect");
			return;
		}
		*p++ = '\0';
		if (with(tc, line, s + 5) < 0)
			return;
		s = p;
	}
	if (strncmp(s, "stats ", 6) == 0) {
		p = strchr(s + 6, ' ');
		if (p == NULL) {
			bad(tc, line, "'stats' without what to check");
			return;
		}
		*p++ = '\0';
		stats(tc, s + 6);
		s = p;
	}
	if (strncmp(s, "=> ", 3) == 0)
		check_value(tc, line, s + 3);
	else if (strncmp(s, "explain ", 8) == 0)
		check_explain(tc, line, s + 8);
	else if (strncmp(s, "collect ", 8) == 0)
		check_collect(tc, line, s + 8);
	else if (strcmp(s, "collect") == 0)
		check_collect(tc, line, s + 7);
	else
		bad(tc, line, "cannot read '%s'", s);
}

static void
case_end(struct tcase *tc)
{
	expr_free(tc->tc_ex);
	free(tc->tc_src);
	tc->tc_ex = NULL;
	tc->tc_src = NULL;
}

static void
case_begin(struct tcase *tc, int line, const char *src)
{
	tc->tc_line = line;
	tc->tc_src = strdup(src);
	if (tc->tc_src == NULL)
		abort();
	unescape(tc->tc_src);
	tc->tc_env.ee_resolve = resolve;
	tc->tc_env.ee_ctx = NULL;
	tc->tc_env.ee_allow_cross = 1;
	memcpy(tc->tc_slots, default_slots, sizeof(tc->tc_slots));
	tc->tc_have_cross = 0;
	memset(&tc->tc_ev, 0, sizeof(tc->tc_ev));
}

static int
run_file(const char *file)
{
	static char line[MAX_LINE];
	struct tcase tc;
	FILE *f = fopen(file, "r");
	int n = 0, before = failures, ncases = cases;

	if (f == NULL) {
		perror(file);
		return 2;
	}
	memset(&tc, 0, sizeof(tc));
	tc.tc_file = file;
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\n");

		n++;
		line[len] = '\0';
		if (line[0] == '#')
			continue;
		if (len == 0) {
			case_end(&tc);
			continue;
		}
		if (tc.tc_src == NULL)
			case_begin(&tc, n, line);
		else
			check_line(&tc, n, line);
	}
	case_end(&tc);
	fclose(f);
	printf("%s: %d cases, %d failures\n", file, cases - ncases,
	    failures - before);
	return 0;
}

/* The table of words as docs/rules.md shows it. */
static void
words_doc(struct buf *b)
{
	const struct expr_word *w;
	size_t n, i;

	w = expr_words(&n);
	buf_puts(
	    b, "| word | written | arguments | meaning | in explanations |\n");
	buf_puts(b, "|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "| `%s` | `%s` | ", w[i].ew_name, w[i].ew_form);
		if (w[i].ew_kind == EXPR_WORD_KEYWORD)
			buf_puts(b, "keyword");
		else if (w[i].ew_max < 0)
			buf_printf(b, "%d or more", w[i].ew_min);
		else if (w[i].ew_min == w[i].ew_max)
			buf_printf(b, "%d", w[i].ew_min);
		else
			buf_printf(b, "%d to %d", w[i].ew_min, w[i].ew_max);
		buf_printf(b, " | %s | %s |\n", w[i].ew_doc,
		    w[i].ew_vi != NULL ? w[i].ew_vi : "");
	}
}

#define DOC_BEGIN "<!-- words: generated by run_expr_tests --print-doc -->\n"
#define DOC_END "<!-- end of words -->\n"

/* check_doc(file): ${file} holds the table between the markers. */
static int
check_doc(const char *file)
{
	struct buf want, have;
	FILE *f = fopen(file, "r");
	const char *a, *z;
	char chunk[4096];
	size_t n;
	int rc = 1;

	if (f == NULL) {
		perror(file);
		return 2;
	}
	buf_init(&want);
	buf_init(&have);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&have, chunk, n);
	fclose(f);
	words_doc(&want);
	a = strstr(buf_cstr(&have), DOC_BEGIN);
	z = a != NULL ? strstr(a, DOC_END) : NULL;
	if (z == NULL)
		fprintf(stderr, "%s: no table of words between the markers\n",
		    file);
	else if ((size_t)(z - a) - strlen(DOC_BEGIN) != want.b_len ||
	    memcmp(a + strlen(DOC_BEGIN), buf_cstr(&want), want.b_len) != 0)
		fprintf(stderr,
		    "%s: the table of words differs from src/engine/expr_words.c; "
		    "regenerate it with run_expr_tests --print-doc:\n%s",
		    file, buf_cstr(&want));
	else
		rc = 0;
	printf("%s: table of %s words\n", file, rc == 0 ? "matching" : "stale");
	buf_free(&want);
	buf_free(&have);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc == 2 && strcmp(argv[1], "--print-doc") == 0) {
		struct buf b;

		buf_init(&b);
		words_doc(&b);
		fputs(DOC_BEGIN, stdout);
		fputs(buf_cstr(&b), stdout);
		fputs(DOC_END, stdout);
		buf_free(&b);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--doc") == 0)
		return check_doc(argv[2]);
	if (argc < 2) {
		fprintf(stderr, "usage: run_expr_tests FILE.test ...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run_file(argv[i]) != 0)
			rc = 2;
	if (rc == 0 && cases == 0)
		rc = 2;
	return rc != 0 ? rc : failures > 0;
}
