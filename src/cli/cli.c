/* cli.c: helpers shared by the subcommands. */
#include "cli/cli.h"
#include "engine/builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/score.h"
#include "util/buf.h"

const char *
cli_msg(enum diag_lang lang, const char *vi, const char *en)
{
	return lang == LANG_EN ? en : vi;
}

void
cli_print_prefixed(
    const char *prefix, const struct diag *d, enum diag_lang lang)
{
	size_t i;

	for (i = 0; i < d->d_n; i++)
		fprintf(
		    stderr, "%s: %s\n", prefix, diag_msg(&d->d_items[i], lang));
}

void
cli_print_hints(const struct diag *d, enum diag_lang lang)
{
	/* app/ names no flag (the API returns its messages): the CLI does */
	static const struct {
		const char *ch_code;
		const char *ch_vi;
		const char *ch_en;
	} hint[] = {
		{ "review.what", "--agency A hoặc --inputs I,J",
		    "--agency A or --inputs I,J" },
		{ "review.reason",
		    "--comment TEXT (trả lại), --reason TEXT (mở lại)",
		    "--comment TEXT (return), --reason TEXT (reopen)" },
		{ "period.reason", "--reason TEXT", "--reason TEXT" },
		{ "unit.none", "--unit U", "--unit U" },
		{ "import.unit", "--add-units", "--add-units" },
		{ "import.locked", "--skip-locked", "--skip-locked" },
	};
	size_t i, k;

	for (k = 0; k < sizeof(hint) / sizeof(hint[0]); k++) {
		for (i = 0; i < d->d_n; i++) {
			if (strcmp(d->d_items[i].di_code, hint[k].ch_code) != 0)
				continue;
			fprintf(stderr, "dti: %s %s\n",
			    cli_msg(lang, "gợi ý:", "hint:"),
			    cli_msg(lang, hint[k].ch_vi, hint[k].ch_en));
			break;
		}
	}
}

void
cli_file_error(const char *cmd, const char *path, int err, enum diag_lang lang)
{
	static const struct {
		int fe_errno;
		const char *fe_vi;
		const char *fe_en;
	} why[] = {
		{ ENOENT, "không có tệp này", "no such file" },
		{ EACCES, "không có quyền truy cập tệp", "permission denied" },
		{ EISDIR, "đây là một thư mục, không phải tệp",
		    "this is a directory, not a file" },
		{ ENOSPC, "đĩa đã đầy", "no space left on the disk" },
		{ EROFS, "ổ đĩa chỉ đọc", "read-only file system" },
	};
	const char *sep = *cmd != '\0' ? " " : "";
	size_t i;

	for (i = 0; i < sizeof(why) / sizeof(why[0]); i++) {
		if (why[i].fe_errno == err) {
			fprintf(stderr, "dti%s%s: %s: %s\n", sep, cmd, path,
			    cli_msg(lang, why[i].fe_vi, why[i].fe_en));
			return;
		}
	}
	fprintf(stderr, "dti%s%s: %s: %s (%s)\n", sep, cmd, path,
	    cli_msg(lang, "không mở, đọc hoặc ghi được tệp",
		"cannot open, read or write the file"),
	    strerror(err));
}

int
cli_read_file(
    const char *path, size_t max, char **out, size_t *len, enum diag_lang lang)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b;
	char chunk[1 << 16];
	size_t n;

	if (f == NULL) {
		cli_file_error("", path, errno, lang);
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.b_len + n > max) {
			fprintf(stderr, "dti: %s: %s (%zu)\n", path,
			    cli_msg(lang, "tệp quá lớn, tối đa byte",
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
		    cli_msg(lang, "lỗi khi đọc tệp", "read error"));
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
cli_load_method(const char *path, struct method **out, enum diag_lang lang)
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
		if (cli_read_file(path, METHOD_MAX_BYTES, &text, &len, lang) <
		    0)
			return EXIT_IO;
		rc = method_load(out, text, len, path, &d);
		free(text);
	}
	diag_print(stderr, &d, lang);
	diag_free(&d);
	return rc < 0 ? EXIT_INVALID : EXIT_OK;
}

/* One warning line per indicator that could not be scored. */
void
cli_print_warnings(const struct score *s, enum diag_lang lang)
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
				    cli_msg(lang, "cảnh báo", "warning"),
				    cli_msg(lang, "đơn vị", "unit"),
				    s->sco_r->r_units[u],
				    cli_msg(lang, "chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg(
					lang, "thiếu dữ liệu", "missing input"),
				    buf_cstr(&b));
				nmissing++;
			} else if (st == SC_DIV0) {
				fprintf(stderr, "%s: %s %s, %s %s: %s\n",
				    cli_msg(lang, "cảnh báo", "warning"),
				    cli_msg(lang, "đơn vị", "unit"),
				    s->sco_r->r_units[u],
				    cli_msg(lang, "chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg(lang, "mẫu số bằng 0, chấm 0 điểm",
					"zero denominator, scored 0"));
				ndiv0++;
			} else if (st == SC_NOBOUNDS) {
				fprintf(stderr, "%s: %s %s, %s %s: %s\n",
				    cli_msg(lang, "cảnh báo", "warning"),
				    cli_msg(lang, "đơn vị", "unit"),
				    s->sco_r->r_units[u],
				    cli_msg(lang, "chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg(lang,
					"không có đơn vị hay giới hạn tham chiếu để so sánh, chấm 0 điểm",
					"nothing to compare with (no other unit, no reference bounds), scored 0"));
				ndiv0++;
			}
		}
	}
	if (nmissing + ndiv0 > 0)
		fprintf(stderr, "%s: %ld %s, %ld %s\n",
		    cli_msg(lang, "tổng cộng", "in all"), nmissing,
		    cli_msg(lang, "chỉ số thiếu dữ liệu",
			"indicators missing input"),
		    ndiv0,
		    cli_msg(lang, "chỉ số có mẫu số bằng 0",
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
