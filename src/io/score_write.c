/* score_write.c: score CSV and JSON output. */
#include "io/score_write.h"

#include <stdlib.h>
#include <string.h>

#include "io/csv_quote.h"
#include "util/numfmt.h"

/* json_escape(b, s): append ${s} as a JSON string, quotes included. */
static void
json_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20) {
				buf_puts(b, "\\u00");
				buf_putc(b, hex[c >> 4]);
				buf_putc(b, hex[c & 15]);
			} else {
				buf_putc(b, (char)c);
			}
		}
	}
	buf_putc(b, '"');
}

static void
put_num(struct buf *b, double v, int trim)
{
	char tmp[64];
	size_t n = numfmt_fixed(tmp, sizeof(tmp), v, SCORE_DECIMALS);

	if (trim && memchr(tmp, '.', n) != NULL) {
		while (n > 0 && tmp[n - 1] == '0')
			n--;
		if (n > 0 && tmp[n - 1] == '.')
			n--;
	}
	buf_append(b, tmp, n);
}

/* Write and empty ${b} once it is large, to stream. */
static int
flush(FILE *f, struct buf *b, int force)
{
	if (b->b_len == 0 || (!force && b->b_len < (1 << 16)))
		return 0;
	if (fwrite(b->b_data, 1, b->b_len, f) != b->b_len)
		return -1;
	buf_reset(b);
	return 0;
}

struct col_text {
	struct buf cl_code; /* ",3.3," */
	struct buf cl_max; /* ",10," */
};

static void
cols_free(struct col_text *cols, int n)
{
	int c;

	for (c = 0; cols != NULL && c < n; c++) {
		buf_free(&cols[c].cl_code);
		buf_free(&cols[c].cl_max);
	}
	free(cols);
}

static int
write_csv(FILE *f, const struct score *s, const struct score_write_opts *o)
{
	struct col_text *cols = NULL;
	struct buf b, ex;
	int u, c;

	buf_init(&b);
	buf_init(&ex);
	buf_puts(&b,
	    o->sw_explain ? "unit,code,score,max,status,explain\n"
			  : "unit,code,score,max,status\n");
	/* ",code," and ",max," are the same for every unit: make them once */
	cols = xcalloc((size_t)s->sco_ncols + 1, sizeof(*cols));
	for (c = 0; c < s->sco_ncols; c++) {
		buf_init(&cols[c].cl_code);
		buf_init(&cols[c].cl_max);
		buf_putc(&cols[c].cl_code, ',');
		buf_puts(&cols[c].cl_code, score_col_code(s, c));
		buf_putc(&cols[c].cl_code, ',');
		buf_putc(&cols[c].cl_max, ',');
		put_num(&cols[c].cl_max, score_col_max(s, c), 1);
		buf_putc(&cols[c].cl_max, ',');
	}
	for (u = 0; u < s->sco_nunits; u++) {
		const char *unit = s->sco_r->r_units[u];

		for (c = 0; c < s->sco_ncols; c++) {
			buf_puts(&b, unit);
			buf_append(
			    &b, cols[c].cl_code.b_data, cols[c].cl_code.b_len);
			put_num(&b, score_get(s, u, c), 0);
			buf_append(
			    &b, cols[c].cl_max.b_data, cols[c].cl_max.b_len);
			buf_puts(&b, score_status_name(score_status(s, u, c)));
			if (o->sw_explain) {
				buf_reset(&ex);
				score_explain(s, u, c, &ex);
				buf_putc(&b, ',');
				csvq_field(&b, buf_cstr(&ex));
			}
			buf_putc(&b, '\n');
			if (flush(f, &b, 0) < 0)
				goto err;
		}
	}
	if (flush(f, &b, 1) < 0)
		goto err;
	cols_free(cols, s->sco_ncols);
	buf_free(&b);
	buf_free(&ex);
	return 0;
err:
	cols_free(cols, s->sco_ncols);
	buf_free(&b);
	buf_free(&ex);
	return -1;
}

static int
write_json(FILE *f, const struct score *s, const struct score_write_opts *o)
{
	const struct method *m = s->sco_m;
	struct buf b, ex;
	int u, c, first = 1;

	buf_init(&b);
	buf_init(&ex);
	buf_puts(&b, "{\"methodology\":{\"id\":");
	json_escape(&b, m->m_id);
	buf_puts(&b, ",\"name\":");
	json_escape(&b, m->m_name);
	buf_puts(&b, ",\"version\":");
	json_escape(&b, m->m_version ? m->m_version : "");
	buf_puts(&b, "}");
	if (o->sw_label != NULL) {
		buf_puts(&b, ",\"label\":");
		json_escape(&b, o->sw_label);
	}
	buf_puts(&b, ",\"rows\":[");
	for (u = 0; u < s->sco_nunits; u++) {
		for (c = 0; c < s->sco_ncols; c++) {
			buf_puts(&b, first ? "\n{\"unit\":" : ",\n{\"unit\":");
			first = 0;
			json_escape(&b, s->sco_r->r_units[u]);
			buf_puts(&b, ",\"code\":");
			json_escape(&b, score_col_code(s, c));
			buf_puts(&b, ",\"score\":");
			put_num(&b, score_get(s, u, c), 0);
			buf_puts(&b, ",\"max\":");
			put_num(&b, score_col_max(s, c), 1);
			buf_puts(&b, ",\"status\":\"");
			buf_puts(&b, score_status_name(score_status(s, u, c)));
			buf_putc(&b, '"');
			if (o->sw_explain) {
				buf_reset(&ex);
				score_explain(s, u, c, &ex);
				buf_puts(&b, ",\"explain\":");
				json_escape(&b, buf_cstr(&ex));
			}
			buf_putc(&b, '}');
			if (flush(f, &b, 0) < 0)
				goto err;
		}
	}
	buf_puts(&b, "\n]}\n");
	if (flush(f, &b, 1) < 0)
		goto err;
	buf_free(&b);
	buf_free(&ex);
	return 0;
err:
	buf_free(&b);
	buf_free(&ex);
	return -1;
}

int
score_write(FILE *f, const struct score *s, const struct score_write_opts *o)
{
	int rc =
	    o->sw_format == FMT_JSON ? write_json(f, s, o) : write_csv(f, s, o);

	if (rc == 0 && fflush(f) != 0)
		rc = -1;
	return rc;
}
