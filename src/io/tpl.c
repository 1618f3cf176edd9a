/* tpl.c: the template filler of tpl.h. */
#include "io/tpl.h"

#include <string.h>

void
tpl_escape(struct buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&apos;"); break;
		default:
			/* XML 1.0 allows no control characters but tab and
			 * newlines: the rest are dropped */
			if ((unsigned char)*s >= 0x20 || *s == '\t' ||
			    *s == '\n' || *s == '\r')
				buf_putc(out, *s);
		}
	}
}

int
tpl_fill(struct buf *out, const char *tpl, const struct tpl_var *vars, size_t n)
{
	const char *p = tpl, *open;

	while ((open = strstr(p, "{{")) != NULL) {
		int raw = open[2] == '{';
		const char *name = open + (raw ? 3 : 2);
		const char *close = strstr(name, raw ? "}}}" : "}}");
		size_t len, i;

		buf_append(out, p, (size_t)(open - p));
		if (close == NULL)
			return -1;
		len = (size_t)(close - name);
		for (i = 0; i < n; i++)
			if (strlen(vars[i].tv_name) == len &&
			    memcmp(vars[i].tv_name, name, len) == 0)
				break;
		if (i == n)
			return -1;
		if (raw)
			buf_puts(out,
			    vars[i].tv_value != NULL ? vars[i].tv_value : "");
		else
			tpl_escape(out, vars[i].tv_value);
		p = close + (raw ? 3 : 2);
	}
	buf_puts(out, p);
	return 0;
}
