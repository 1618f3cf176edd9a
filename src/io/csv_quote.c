/* csv_quote.c: RFC 4180 fields. */
#include "io/csv_quote.h"

#include <string.h>

void
csvq_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void
csvq_fput(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The first characters that make a spreadsheet read a formula (OWASP). */
static int
formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

int
csvq_text_guarded(const char *s)
{
	/* a quote before a guarded text: guarded again, so it comes back */
	while (s[0] == '\'')
		s++;
	return formula_start(s[0]);
}

void
csvq_text(struct buf *b, const char *s)
{
	if (csvq_text_guarded(s))
		buf_putc(b, '\'');
	buf_puts(b, s);
}

void
csvq_text_fput(FILE *f, const char *s)
{
	struct buf b;

	if (s == NULL)
		return;
	buf_init(&b);
	csvq_text(&b, s);
	csvq_fput(f, buf_cstr(&b));
	buf_free(&b);
}

const char *
csvq_text_back(const char *s)
{
	return s[0] == '\'' && csvq_text_guarded(s + 1) ? s + 1 : s;
}
