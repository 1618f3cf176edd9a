/*
 * expr_lex.c: the rule language's tokens. Numbers (with an optional '%'),
 * names and keywords, "strings" (option codes), operators; '#' starts a
 * comment to the end of the line.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/expr_int.h"

static int
is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* skip_blank(p, i): the offset of the next token from ${i}. */
static size_t
skip_blank(const struct parser *p, size_t i)
{
	const char *s = p->ps_src;

	for (;;) {
		while (i < p->ps_len &&
		    (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			s[i] == '\r'))
			i++;
		if (i >= p->ps_len || s[i] != '#')
			return i;
		while (i < p->ps_len && s[i] != '\n') /* a comment */
			i++;
	}
}

/* lex_number(p, i): a number at ${i}; the offset after it. */
static size_t
lex_number(struct parser *p, size_t i)
{
	const char *s = p->ps_src;
	size_t st = i;
	char tmp[64];

	while (i < p->ps_len && is_digit(s[i]))
		i++;
	if (i < p->ps_len && s[i] == '.') {
		i++;
		while (i < p->ps_len && is_digit(s[i]))
			i++;
	}
	if (i - st >= sizeof(tmp) || (i < p->ps_len && is_ident(s[i]))) {
		p->ps_tok = T_BAD;
		return i;
	}
	memcpy(tmp, s + st, i - st);
	tmp[i - st] = '\0';
	p->ps_num = strtod(tmp, NULL);
	if (i < p->ps_len && s[i] == '%') {
		p->ps_pct = 1;
		p->ps_num /= 100.0;
		i++;
	}
	p->ps_tok = T_NUM;
	return i;
}

/* lex_name(p, i): a name or keyword at ${i}; the offset after it. */
static size_t
lex_name(struct parser *p, size_t i)
{
	size_t st = i;
	enum expr_wordid w;

	while (i < p->ps_len && is_ident(p->ps_src[i]))
		i++;
	w = expr_word_find(EXPR_WORD_KEYWORD, p->ps_src + st, i - st);
	p->ps_tok = w == W_COUNT ? T_IDENT : (enum expr_tok)(T_IF + (w - W_IF));
	return i;
}

/* lex_string(p, i): a "string" on one line at ${i}; the offset after it. */
static size_t
lex_string(struct parser *p, size_t i)
{
	const char *s = p->ps_src;

	i++;
	while (i < p->ps_len && s[i] != '"' && s[i] != '\n')
		i++;
	if (i >= p->ps_len || s[i] != '"') {
		p->ps_tok = T_BAD;
		return i;
	}
	p->ps_tok = T_STR;
	return i + 1;
}

/*
 * Operators: ${c} alone is ${one}; followed by '=' it is ${two} (T_BAD when
 * there is no such pair or no such single character).
 */
static const struct {
	char c;
	enum expr_tok one, two;
} ops[] = {
	{ '(', T_LP, T_BAD },
	{ ')', T_RP, T_BAD },
	{ ',', T_COMMA, T_BAD },
	{ ';', T_SEMI, T_BAD },
	{ '+', T_PLUS, T_BAD },
	{ '-', T_MINUS, T_BAD },
	{ '*', T_STAR, T_BAD },
	{ '/', T_SLASH, T_BAD },
	{ '<', T_LT, T_LE },
	{ '>', T_GT, T_GE },
	{ '=', T_ASSIGN, T_EQEQ },
	{ '!', T_BAD, T_NE },
};

/* lex_op(p, i): an operator at ${i}; the offset after it. */
static size_t
lex_op(struct parser *p, size_t i)
{
	const char *s = p->ps_src;
	char n = i + 1 < p->ps_len ? s[i + 1] : '\0';
	size_t k;

	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		if (ops[k].c != s[i])
			continue;
		if (n == '=' && ops[k].two != T_BAD) {
			p->ps_tok = ops[k].two;
			return i + 2;
		}
		p->ps_tok = ops[k].one;
		return i + 1;
	}
	/* one whole UTF-8 character, for the message */
	i++;
	while (i < p->ps_len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	p->ps_tok = T_BAD;
	return i;
}

void
expr_lex(struct parser *p)
{
	const char *s = p->ps_src;
	size_t i = skip_blank(p, p->ps_pos);

	p->ps_toff = i;
	p->ps_pct = 0;
	if (i >= p->ps_len)
		p->ps_tok = T_EOF;
	else if (is_digit(s[i]) ||
	    (s[i] == '.' && i + 1 < p->ps_len && is_digit(s[i + 1])))
		i = lex_number(p, i);
	else if (is_ident_start(s[i]))
		i = lex_name(p, i);
	else if (s[i] == '"')
		i = lex_string(p, i);
	else
		i = lex_op(p, i);
	p->ps_tlen = i - p->ps_toff;
	p->ps_pos = i;
}
