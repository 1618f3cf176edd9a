/* cli.c: helpers shared by the subcommands. */
#include "cli/cli.h"
#include "engine/builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/score.h"
#include "util/buf.h"

enum diag_lang cli_lang = LANG_VI;

const char *
cli_msg(const char *vi, const char *en)
{
	return cli_lang == LANG_EN ? en : vi;
}

void
cli_print_diag(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		char *s = diag_format(&d->d_items[i], cli_lang);

		fprintf(stderr, "%s\n", s);
		free(s);
	}
}

int
cli_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b;
	char chunk[1 << 16];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "dti: %s: %s\n", path,
		    cli_msg("không mở được tệp", strerror(errno)));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.b_len + n > max) {
			fprintf(stderr, "dti: %s: %s (%zu)\n", path,
			    cli_msg("tệp quá lớn, tối đa byte",
				"file too large, at most bytes"),
			    max);
			buf_free(&b);
			if (f != stdin)
				fclose(f);
			return -1;
		}
		buf_append(&b, chunk, n);
	}
	if (ferror(f)) {
		fprintf(stderr, "dti: %s: %s\n", path,
		    cli_msg("lỗi khi đọc tệp", "read error"));
		buf_free(&b);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	*len = b.b_len;
	*out = buf_steal(&b);
	return 0;
}

int
cli_load_method(const char *path, struct method **out)
{
	struct diag d;
	char *text;
	size_t len;
	int rc;

	diag_init(&d);
	if (path == NULL) {
		rc = method_load(out, builtin_method_text, builtin_method_len,
		    builtin_method_name, &d);
	} else {
		if (cli_read_file(path, METHOD_MAX_BYTES, &text, &len) < 0)
			return EXIT_IO;
		rc = method_load(out, text, len, path, &d);
		free(text);
	}
	cli_print_diag(&d);
	diag_free(&d);
	return rc < 0 ? EXIT_INVALID : EXIT_OK;
}

/* One warning line per indicator that could not be scored. */
void
cli_print_warnings(const struct score *s)
{
	const struct method *m = s->sco_m;
	struct buf b;
	long nmissing = 0, ndiv0 = 0;
	int u, i;

	buf_init(&b);
	for (u = 0; u < s->sco_nunits; u++) {
		for (i = 0; i < m->m_nind; i++) {
			enum score_status st = score_status(s, u, i);

			if (st == SC_MISSING) {
				buf_reset(&b);
				score_missing(s, u, i, &b);
				fprintf(stderr, "%s: %s %s, %s %s: %s %s\n",
				    cli_msg("cảnh báo", "warning"),
				    cli_msg("đơn vị", "unit"),
				    s->sco_r->r_units[u],
				    cli_msg("chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg("thiếu dữ liệu", "missing input"),
				    buf_cstr(&b));
				nmissing++;
			} else if (st == SC_DIV0) {
				fprintf(stderr, "%s: %s %s, %s %s: %s\n",
				    cli_msg("cảnh báo", "warning"),
				    cli_msg("đơn vị", "unit"),
				    s->sco_r->r_units[u],
				    cli_msg("chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg("mẫu số bằng 0, chấm 0 điểm",
					"zero denominator, scored 0"));
				ndiv0++;
			}
		}
	}
	if (nmissing + ndiv0 > 0)
		fprintf(stderr, "%s: %ld %s, %ld %s\n",
		    cli_msg("tổng cộng", "in all"), nmissing,
		    cli_msg("chỉ số thiếu dữ liệu", "indicators missing input"),
		    ndiv0,
		    cli_msg("chỉ số có mẫu số bằng 0",
			"indicators with a zero denominator"));
	buf_free(&b);
}

/* Spaces that fill ${s} to ${width} characters (not bytes: UTF-8). */
int
cli_pad(const char *s, int width)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n < width ? width - n : 0;
}
