/*
 * expr_words.c: the words of the rule language, stated once. The lexer
 * reads its keywords here, the parser its functions and their arity, the
 * explanation its Vietnamese words, the methodology loader the names an
 * input may not take, and docs/rules.md is checked against it
 * (tests/expr/run_expr_tests.c --doc).
 */
#include <string.h>

#include "engine/expr_int.h"

#define KW(name, form, doc, vi) \
	{ \
		name, EXPR_WORD_KEYWORD, 0, 0, form, doc, vi \
	}
#define FN(name, min, max, form, doc, vi) \
	{ \
		name, EXPR_WORD_FUNCTION, min, max, form, doc, vi \
	}

static const struct expr_word words[W_COUNT] = {
	[W_IF] = KW("if", "if C then A elif C2 then B else D",
	    "A when C is not 0, else B when C2 is not 0, ..., else D; only the branch taken is evaluated",
	    NULL),
	[W_THEN] = KW("then", "if C then A ...", "part of if", NULL),
	[W_ELIF] = KW("elif", "... elif C2 then B ...", "part of if", NULL),
	[W_ELSE] = KW("else", "... else D", "part of if", NULL),
	[W_LET] = KW("let", "let r = a / b; EXPR",
	    "names a value for the rest of the expression", NULL),
	[W_AND] = KW("and", "C and D",
	    "1 when both are not 0, else 0; D is not evaluated when C is 0",
	    "và"),
	[W_OR] = KW("or", "C or D",
	    "1 when either is not 0, else 0; D is not evaluated when C is not 0",
	    "hoặc"),
	[W_NOT] = KW("not", "not C", "1 when C is 0, else 0", "không"),
	[W_MIN] =
	    FN("min", 1, -1, "min(x, y, ...)", "the smallest argument", NULL),
	[W_MAX] =
	    FN("max", 1, -1, "max(x, y, ...)", "the largest argument", NULL),
	[W_SUM] = FN(
	    "sum", 1, -1, "sum(x, y, ...)", "the sum of the arguments", NULL),
	[W_CLAMP] = FN("clamp", 3, 3, "clamp(x, lo, hi)",
	    "x, but at least lo and at most hi", NULL),
	[W_ABS] = FN("abs", 1, 1, "abs(x)", "the absolute value of x", NULL),
	[W_TIERS] = FN("tiers", 4, -1, "tiers(x, t1, v1, t2, v2, ..., else)",
	    "v1 if x >= t1, else v2 if x >= t2, ..., else else (thresholds in decreasing order)",
	    NULL),
	[W_MINMAX] = FN("minmax", 1, 1, "minmax(x)",
	    "cross-unit: (x - min) / (max - min) over the units of the round, in [0, 1]; when all units have the same value: 1 if it is above 0, else 0",
	    "Min-Max"),
	[W_RELBEST] = FN("relbest", 1, 1, "relbest(x)",
	    "cross-unit: x / best, best the highest x in the round (0 when best is 0)",
	    "tỷ lệ với cao nhất"),
};

const struct expr_word *
expr_words(size_t *n)
{
	*n = W_COUNT;
	return words;
}

const struct expr_word *
expr_word(enum expr_wordid w)
{
	return &words[w];
}

const struct expr_word *
expr_fn_word(enum expr_fn fn)
{
	return &words[W_MIN + (int)fn];
}

enum expr_wordid
expr_word_find(enum expr_word_kind kind, const char *s, size_t len)
{
	int w;

	for (w = 0; w < W_COUNT; w++) {
		if (words[w].ew_kind == kind &&
		    strlen(words[w].ew_name) == len &&
		    memcmp(words[w].ew_name, s, len) == 0)
			return (enum expr_wordid)w;
	}
	return W_COUNT;
}

int
expr_reserved(const char *s, size_t len)
{
	return expr_word_find(EXPR_WORD_KEYWORD, s, len) != W_COUNT ||
	    expr_word_find(EXPR_WORD_FUNCTION, s, len) != W_COUNT;
}
