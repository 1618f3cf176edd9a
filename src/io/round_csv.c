/*
 * round_csv.c: the exchange format reader, on libcsv. Input is fed one
 * physical line at a time so that every record knows the line it starts on.
 */
#include "io/round_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/numfmt.h"
#include "util/utf8.h"

struct reader {
	struct csv_parser rd_csv;
	const char *rd_file;
	const struct method *rd_m;
	struct round *rd_r;
	struct diag *rd_d;
	long rd_line; /* physical line being fed */
	long rd_rec_line; /* line the current record started on */
	int rd_in_record;
	long rd_records; /* records seen, header included */
	int rd_nfields; /* fields of the current record */
	struct buf rd_f[3]; /* its first three fields */
	int rd_toolong; /* a field passed CSV_MAX_FIELD */
	int rd_badutf8; /* a field (even an ignored one) is not UTF-8 */
	int rd_header_ok;
	int rd_header_n; /* columns of the header */
	long rd_errors; /* errors found, including those not kept */
	int rd_fatal; /* stop: the rest cannot be read */
	struct buf rd_pending; /* a partial line between chunks */
	int rd_keep_raw; /* keep each value's text (for import) */
	enum numfmt_style rd_style; /* how the file writes numbers */
	struct buf rd_raw; /* a value's text as kept: machine format */
	int rd_last_unit; /* unit of the previous row, or -1 */
	size_t rd_last_len; /* its length */
	int rd_last_input; /* input of the previous row, or -1 */
	int rd_first_chunk;
};

__attribute__((format(printf, 4, 5))) static void
rerr(struct reader *rd, long line, const char *vi, const char *en, ...)
{
	va_list ap;

	rd->rd_errors++;
	if (rd->rd_errors > CSV_MAX_ERRORS)
		return;
	va_start(ap, en);
	diag_vadd(rd->rd_d, DIAG_ERROR, "round.line", rd->rd_file, line, 0, vi,
	    en, ap);
	va_end(ap);
}

static void
on_field(void *s, size_t len, void *ctx)
{
	struct reader *rd = ctx;

	if (!utf8_valid(s, len))
		rd->rd_badutf8 = 1;
	if (rd->rd_nfields < 3) {
		if (len > CSV_MAX_FIELD) {
			rd->rd_toolong = 1;
			len = 0;
		}
		buf_reset(&rd->rd_f[rd->rd_nfields]);
		buf_append(&rd->rd_f[rd->rd_nfields], s, len);
	}
	rd->rd_nfields++;
}

/*
 * shown(b, tmp, size): the value of ${b}, shortened into ${tmp} and made
 * printable for a message; NULL when it is not UTF-8 (the caller names it
 * in each language).
 */
static const char *
shown(const struct buf *b, char *tmp, size_t size)
{
	size_t n = b->b_len < size - 4 ? b->b_len : size - 4, i;

	memcpy(tmp, buf_cstr(b), n);
	/* do not cut a UTF-8 sequence, do not print control bytes */
	while (n > 0 && n < b->b_len &&
	    ((unsigned char)b->b_data[n] & 0xC0) == 0x80)
		n--;
	for (i = 0; i < n; i++) {
		if ((unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7f)
			tmp[i] = '?';
	}
	if (n < b->b_len)
		memcpy(tmp + n, "...", 4);
	else
		tmp[n] = '\0';
	if (!utf8_valid(tmp, strlen(tmp)))
		return NULL;
	return tmp;
}

/*
 * text(s): ${s}, a shown() value of a row whose bytes are all UTF-8 (rows
 * with other bytes are rejected before any message shows their fields).
 */
static const char *
text(const char *s)
{
	return s != NULL ? s : "?";
}

static void
check_header(struct reader *rd)
{
	static const char *const want[3] = { "unit", "input", "value" };
	int i, ok = rd->rd_nfields >= 3;

	for (i = 0; ok && i < 3; i++)
		ok = strcmp(buf_cstr(&rd->rd_f[i]), want[i]) == 0;
	if (!ok) {
		rerr(rd, rd->rd_rec_line,
		    "dòng tiêu đề phải bắt đầu bằng unit,input,value",
		    "the header must start with unit,input,value");
		rd->rd_fatal = 1;
	}
	rd->rd_header_ok = ok;
	rd->rd_header_n = rd->rd_nfields;
}

static void
check_value(struct reader *rd, int u, int in, const char *unit)
{
	const struct m_input *mi = &rd->rd_m->m_inputs[in];
	const struct buf *vb = &rd->rd_f[2];
	long line = rd->rd_rec_line;
	struct diag why;
	char tmp[96];
	double x;

	diag_init(&why);
	if (method_value_parse(
		mi, buf_cstr(vb), vb->b_len, rd->rd_style, &x, &why) < 0) {
		rerr(rd, line, "đơn vị %s, %s = '%s': %s%.0s",
		    "unit %s, %s = '%s': %.0s%s", unit, mi->mi_name,
		    text(shown(vb, tmp, sizeof(tmp))), why.d_items[0].di_vi,
		    why.d_items[0].di_en);
	} else if (u >= 0) {
		if (mi->mi_kind == IK_TEXT)
			round_set_text(
			    rd->rd_r, u, in, buf_cstr(vb), (uint32_t)line);
		else
			round_set(rd->rd_r, u, in, x, (uint32_t)line);
		if (rd->rd_keep_raw) {
			/* numbers are kept as NUMFMT_STORED reads them */
			int num = mi->mi_kind == IK_COUNT ||
			    mi->mi_kind == IK_AMOUNT ||
			    mi->mi_kind == IK_NUMBER;

			buf_reset(&rd->rd_raw);
			numfmt_machine_text(&rd->rd_raw, vb->b_data, vb->b_len,
			    num ? rd->rd_style : NUMFMT_MACHINE);
			round_set_raw(rd->rd_r, u, in, buf_cstr(&rd->rd_raw));
		}
	}
	diag_free(&why);
}

/*
 * row_shape(rd): check what a data row holds before its values are read:
 * the row limit, UTF-8, field length and column count. Return 0 when the
 * row can be read, -1 when it was reported.
 */
static int
row_shape(struct reader *rd)
{
	const struct buf *ub = &rd->rd_f[0], *ib = &rd->rd_f[1];
	long line = rd->rd_rec_line;
	char tmp[96], tmp2[96], tmp3[96];

	if (rd->rd_records > CSV_MAX_ROWS) {
		rerr(rd, line, "quá nhiều dòng (tối đa %ld)",
		    "too many rows (at most %ld)", CSV_MAX_ROWS);
		rd->rd_fatal = 1;
		return -1;
	}
	if (rd->rd_badutf8) {
		const char *su = shown(ub, tmp, sizeof(tmp));
		const char *si = shown(ib, tmp2, sizeof(tmp2));

		rerr(rd, line,
		    "đơn vị %s%.0s, %s%.0s: dòng có byte không phải UTF-8 (tệp phải là văn bản UTF-8)",
		    "unit %.0s%s, %.0s%s: the line holds bytes that are not UTF-8 (the file must be UTF-8 text)",
		    su ? su : "<không phải UTF-8>", su ? su : "<not UTF-8>",
		    si ? si : "<không phải UTF-8>", si ? si : "<not UTF-8>");
		return -1;
	}
	if (rd->rd_toolong) {
		rerr(rd, line, "một trường dài quá %d byte",
		    "a field is longer than %d bytes", CSV_MAX_FIELD);
		return -1;
	}
	if (rd->rd_nfields > rd->rd_header_n) {
		rerr(rd, line,
		    "đơn vị %s, %s = '%s': dòng có %d cột, nhiều hơn %d cột của dòng tiêu đề (số thập phân viết bằng dấu chấm: 1.5, không phải 1,5)",
		    "unit %s, %s = '%s': the line has %d columns, more than the header's %d (write decimals with a point: 1.5, not 1,5)",
		    text(shown(ub, tmp, sizeof(tmp))),
		    text(shown(ib, tmp2, sizeof(tmp2))),
		    text(shown(&rd->rd_f[2], tmp3, sizeof(tmp3))),
		    rd->rd_nfields, rd->rd_header_n);
		return -1;
	}
	if (rd->rd_nfields < 3) {
		rerr(rd, line, "cần 3 cột unit,input,value, dòng này có %d",
		    "3 columns unit,input,value are needed, this line has %d",
		    rd->rd_nfields);
		return -1;
	}
	return 0;
}

/*
 * row_unit(rd): the unit of the current row, added if new; -1 when its
 * identifier is invalid (reported, the row's value is still checked), -2
 * when the unit limit stops the file.
 */
static int
row_unit(struct reader *rd)
{
	const struct buf *ub = &rd->rd_f[0], *ib = &rd->rd_f[1];
	char tmp[96], tmp2[96], tmp3[96];
	int u;

	if (rd->rd_last_unit >= 0 && ub->b_len == rd->rd_last_len &&
	    memcmp(rd->rd_r->r_units[rd->rd_last_unit], ub->b_data,
		ub->b_len) == 0) {
		/* rows of one unit come together: skip the check and lookup */
		return rd->rd_last_unit;
	}
	if (!round_valid_unit_id(buf_cstr(ub), ub->b_len)) {
		rerr(rd, rd->rd_rec_line,
		    "mã đơn vị '%s' không hợp lệ (chỉ chữ, số, '-' và '_', tối đa %d ký tự); %s = '%s'",
		    "invalid unit '%s' (letters, digits, '-' and '_' only, at most %d); %s = '%s'",
		    text(shown(ub, tmp, sizeof(tmp))), ROUND_MAX_UNIT_ID,
		    text(shown(ib, tmp2, sizeof(tmp2))),
		    text(shown(&rd->rd_f[2], tmp3, sizeof(tmp3))));
		return -1;
	}
	u = round_unit(rd->rd_r, buf_cstr(ub), ub->b_len);
	rd->rd_last_unit = u;
	rd->rd_last_len = ub->b_len;
	if (u < 0) {
		rerr(rd, rd->rd_rec_line, "quá nhiều đơn vị (tối đa %d)",
		    "too many units (at most %d)", ROUND_MAX_UNITS);
		rd->rd_fatal = 1;
		return -2;
	}
	return u;
}

/* row_input(rd): the input the current row names, or -1 (reported). */
static int
row_input(struct reader *rd)
{
	const struct buf *ub = &rd->rd_f[0], *ib = &rd->rd_f[1];
	char tmp[96], tmp2[96];
	int in;

	/* files list a unit's inputs in the methodology's order: try the
	 * input after the previous one before hashing */
	in = rd->rd_last_input + 1;
	if (in <= 0 || in >= rd->rd_m->m_ninputs ||
	    strcmp(rd->rd_m->m_inputs[in].mi_name, buf_cstr(ib)) != 0)
		in = method_input(rd->rd_m, buf_cstr(ib), ib->b_len);
	rd->rd_last_input = in;
	if (in < 0)
		rerr(rd, rd->rd_rec_line,
		    "đơn vị %s: không có dữ liệu đầu vào tên '%s' trong phương pháp %s",
		    "unit %s: unknown input '%s' (not in methodology %s)",
		    text(shown(ub, tmp2, sizeof(tmp2))),
		    text(shown(ib, tmp, sizeof(tmp))), rd->rd_m->m_id);
	return in;
}

/* on_record(term, rd): libcsv's end of a record: check and store the row. */
static void
on_record(int term, void *ctx)
{
	struct reader *rd = ctx;
	const struct buf *ub = &rd->rd_f[0], *ib = &rd->rd_f[1];
	int u, in;

	(void)term;
	rd->rd_in_record = 0;
	rd->rd_records++;
	if (rd->rd_fatal)
		goto done;
	if (rd->rd_records == 1) {
		check_header(rd);
		goto done;
	}
	if (row_shape(rd) < 0 || (u = row_unit(rd)) == -2 ||
	    (in = row_input(rd)) < 0)
		goto done;
	if (u >= 0 && round_has(rd->rd_r, u, in)) {
		rerr(rd, rd->rd_rec_line, "đơn vị %s, %s: trùng với dòng %lu",
		    "unit %s, %s: already given on line %lu", buf_cstr(ub),
		    buf_cstr(ib),
		    (unsigned long)rd->rd_r
			->r_line[(size_t)u * (size_t)rd->rd_m->m_ninputs +
			    (size_t)in]);
		goto done;
	}
	check_value(rd, u, in, u >= 0 ? buf_cstr(ub) : "?");
done:
	rd->rd_nfields = 0;
	rd->rd_toolong = 0;
	rd->rd_badutf8 = 0;
}

static int
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	}
	return 1;
}

/* Feed one physical line (with its newline, if any). */
static void
feed_line(struct reader *rd, const char *s, size_t n)
{
	rd->rd_line++;
	if (rd->rd_fatal)
		return;
	if (!rd->rd_in_record && !is_blank(s, n)) {
		rd->rd_in_record = 1;
		rd->rd_rec_line = rd->rd_line;
		/*
		 * Most lines hold no quote: split them at the commas here, as
		 * libcsv would, and leave quoted lines to libcsv.
		 */
		if (memchr(s, '"', n) == NULL) {
			size_t end = n, i, start = 0;

			while (end > 0 &&
			    (s[end - 1] == '\n' || s[end - 1] == '\r'))
				end--;
			for (i = 0; i <= end; i++) {
				if (i == end || s[i] == ',') {
					on_field(
					    (void *)(s + start), i - start, rd);
					start = i + 1;
				}
			}
			on_record('\n', rd);
			return;
		}
	}
	if (csv_parse(&rd->rd_csv, s, n, on_field, on_record, rd) != n) {
		rerr(rd, rd->rd_in_record ? rd->rd_rec_line : rd->rd_line,
		    "CSV không hợp lệ: dấu ngoặc kép đặt sai chỗ (trường có dấu phẩy, ngoặc kép hay xuống dòng phải nằm trong \"...\", ngoặc kép bên trong viết \"\")%.0s",
		    "malformed CSV: %s (a field with a comma, quote or line break must be in \"...\", with inner quotes doubled)",
		    csv_strerror(csv_error(&rd->rd_csv)));
		rd->rd_fatal = 1;
	}
}

static void
feed(struct reader *rd, const char *s, size_t n)
{
	size_t i = 0;

	if (rd->rd_first_chunk) {
		rd->rd_first_chunk = 0;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			i = 3; /* a BOM is accepted */
	}
	while (i < n && !rd->rd_fatal) {
		/* a line ends with LF, CRLF or a lone CR (old Mac files) */
		size_t k = i, end;
		int found = 0;

		{
			/* memchr is vectorised; a CR is rare */
			const char *nl = memchr(s + i, '\n', n - i);
			size_t lim = nl != NULL ? (size_t)(nl - s) : n;
			const char *cr = memchr(s + i, '\r', lim - i);

			k = cr != NULL ? (size_t)(cr - s) : lim;
		}
		if (k < n && s[k] == '\n') {
			found = 1;
			end = k + 1;
		} else if (k + 1 < n) { /* a CR with a byte after it */
			found = 1;
			end = s[k + 1] == '\n' ? k + 2 : k + 1;
		} else {
			end = n; /* no break, or a CR that may start CRLF */
		}
		if (!found) { /* keep the partial line for the next chunk */
			buf_append(&rd->rd_pending, s + i, end - i);
			return;
		}
		if (rd->rd_pending.b_len > 0) {
			buf_append(&rd->rd_pending, s + i, end - i);
			feed_line(
			    rd, rd->rd_pending.b_data, rd->rd_pending.b_len);
			buf_reset(&rd->rd_pending);
		} else {
			feed_line(rd, s + i, end - i);
		}
		i = end;
	}
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
reader_init(
    struct reader *rd, const char *file, const struct method *m, struct diag *d)
{
	int i;

	memset(rd, 0, sizeof(*rd));
	csv_init(&rd->rd_csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* keep spaces: " 1" is not a number and " nt" not a unit */
	csv_set_space_func(&rd->rd_csv, no_space);
	rd->rd_file = file;
	rd->rd_m = m;
	rd->rd_d = d;
	rd->rd_r = round_new(m);
	rd->rd_first_chunk = 1;
	rd->rd_last_unit = -1;
	rd->rd_last_input = -1;
	for (i = 0; i < 3; i++)
		buf_init(&rd->rd_f[i]);
	buf_init(&rd->rd_pending);
	buf_init(&rd->rd_raw);
}

static int
reader_finish(struct reader *rd, struct round **out)
{
	int i;

	if (rd->rd_pending.b_len > 0 && !rd->rd_fatal)
		feed_line(rd, rd->rd_pending.b_data, rd->rd_pending.b_len);
	if (!rd->rd_fatal &&
	    csv_fini(&rd->rd_csv, on_field, on_record, rd) != 0)
		rerr(rd, rd->rd_rec_line,
		    "CSV không hợp lệ: dấu ngoặc kép không được đóng",
		    "malformed CSV: a quoted field is not closed");
	if (rd->rd_records == 0 && rd->rd_errors == 0)
		rerr(rd, 1, "tệp rỗng: cần dòng tiêu đề unit,input,value",
		    "empty file: the header unit,input,value is needed");
	/*
	 * Checks across a unit's inputs need the whole file; they run on the
	 * values that were valid, so every bad line is named in one run.
	 */
	if (!rd->rd_fatal)
		rd->rd_errors += round_check(rd->rd_r, rd->rd_file, rd->rd_d);
	if (rd->rd_errors > CSV_MAX_ERRORS)
		diag_add(rd->rd_d, DIAG_ERROR, "round.more", rd->rd_file, 0, 0,
		    "... và %ld lỗi khác không liệt kê",
		    "... and %ld more errors not listed",
		    rd->rd_errors - CSV_MAX_ERRORS);
	csv_free(&rd->rd_csv);
	for (i = 0; i < 3; i++)
		buf_free(&rd->rd_f[i]);
	buf_free(&rd->rd_pending);
	buf_free(&rd->rd_raw);
	diag_sort(rd->rd_d);
	if (rd->rd_errors > 0) {
		round_free(rd->rd_r);
		*out = NULL;
		return -1;
	}
	*out = rd->rd_r;
	return 0;
}

int
round_csv_parse(const char *buf, size_t len, const char *file,
    const struct method *m, struct round **out, struct diag *d)
{
	struct reader rd;

	reader_init(&rd, file, m, d);
	feed(&rd, buf, len);
	return reader_finish(&rd, out);
}

static int
read_file(FILE *f, const char *file, const struct method *m, struct round **out,
    struct diag *d, int keep_raw, enum numfmt_style st)
{
	struct reader rd;
	char chunk[1 << 16];
	size_t n;

	reader_init(&rd, file, m, d);
	rd.rd_keep_raw = keep_raw;
	rd.rd_style = st;
	while (!rd.rd_fatal && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		feed(&rd, chunk, n);
	if (ferror(f))
		rerr(
		    &rd, 0, "không đọc được tệp", "the file could not be read");
	return reader_finish(&rd, out);
}

int
round_csv_read(FILE *f, const char *file, const struct method *m,
    struct round **out, struct diag *d)
{
	return read_file(f, file, m, out, d, 0, NUMFMT_MACHINE);
}

int
round_csv_read_raw(FILE *f, const char *file, const struct method *m,
    enum numfmt_style st, struct round **out, struct diag *d)
{
	return read_file(f, file, m, out, d, 1, st);
}
